//! Input from the webview is untrusted: arbitrary strings as ids and names go through the
//! service's commands against the sandbox, and the sandbox's own record of what was asked for
//! shows only the contract's paths: no id ever reaches another path (`../credits`,
//! `x/../../account/2fa`, percent tricks).

mod common;

use proptest::prelude::*;
use zexa_api::contract::Endpoint;

use common::fixture;

/// Whether `METHOD /v1/...` is one of the contract's endpoints, with an id (if any) that is a
/// single well-formed path segment.
fn is_contract_request(request: &str) -> bool {
    let Some((method, path)) = request.split_once(' ') else { return false };
    let Some(path) = path.strip_prefix("/v1") else { return false };
    Endpoint::ALL.iter().any(|endpoint| {
        if endpoint.method().as_str() != method {
            return false;
        }
        let template = endpoint.path_template();
        match template.split_once("{id}") {
            None => path == template,
            Some((head, tail)) => path.strip_prefix(head).and_then(|rest| rest.strip_suffix(tail)).is_some_and(|id| {
                !id.is_empty() && id.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
            }),
        }
    })
}

#[test]
fn the_matcher_itself() {
    assert!(is_contract_request("DELETE /v1/api-keys/key_ab12"));
    assert!(is_contract_request("GET /v1/credits"));
    assert!(!is_contract_request("DELETE /v1/api-keys/../credits"));
    assert!(!is_contract_request("DELETE /v1/api-keys/key_a%2Fb"));
    assert!(!is_contract_request("GET /_sandbox/accounts"));
    assert!(!is_contract_request("POST /v1/credits"));
}

fn id_like() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        "(key_|ses_|prof_)?[a-zA-Z0-9_./%?#-]{0,24}",
        Just("../credits".to_owned()),
        Just("x/../../account/2fa".to_owned()),
        Just("key_../../account/2fa".to_owned()),
        Just("ses_%2e%2e%2faccount".to_owned()),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_ids_and_names_only_ever_reach_the_contracts_paths(id in id_like(), name in any::<String>()) {
        let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build().unwrap();
        runtime.block_on(async {
            let f = fixture().await;
            f.add_admin_profile("Production").await;
            let _ = f.service.revoke_api_key(&id).await;
            let _ = f.service.revoke_session(&id).await;
            let _ = f.service.start_key_rotation(&id).await;
            let _ = f.service.finish_key_rotation(&id).await;
            let _ = f.service.cancel_key_rotation(&id, true).await;
            let _ = f.service.switch_profile(&id);
            let _ = f.service.rotate_profile_key(&id).await;
            let _ = f.service.copy_shown_secret(&id);
            let _ = f.service.create_api_key(&name).await;
            let requests = f.sandbox.requests();
            for request in &requests {
                prop_assert!(is_contract_request(request), "{request} (id {id:?}, name {name:?})");
            }
            Ok(())
        })?;
    }
}
