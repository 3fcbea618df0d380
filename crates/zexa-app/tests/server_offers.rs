//! What a server offers beyond the balance, learned without asking the user: everything from
//! the contract's sandbox, only the balance from a server that offers what Zexa documents
//! (`--documented-only`), kept across restarts, and believed at once when a request says
//! "not offered".

mod common;

use zexa_app::offers::Offer;
use zexa_core::error::ErrorCode;
use zexa_sandbox::{SandboxOptions, SandboxServer};

use common::{fixture, new_profile};

#[tokio::test]
async fn the_contracts_sandbox_offers_everything() {
    let f = fixture().await;
    f.add_admin_profile("Production").await;
    let offers = f.service.server_offers().await.unwrap();
    assert!(offers.everything_offered(), "{offers:?}");
}

#[tokio::test]
async fn a_server_with_only_what_zexa_documents_offers_the_balance_alone() {
    let f = fixture().await;
    let documented =
        SandboxServer::start(SandboxOptions { documented_only: true, ..Default::default() }).await.unwrap();
    f.service
        .add_profile(new_profile("Zexa", &documented.base_url(), documented.admin_api_key().expose()))
        .await
        .unwrap();
    assert_eq!(f.service.balance(true).await.unwrap().credits, "4250", "the balance works");
    let offers = f.service.server_offers().await.unwrap();
    assert_eq!([offers.api_keys, offers.sessions, offers.two_factor, offers.password], [Offer::NotOffered; 4]);
    // Learned once: asked again, no request goes out.
    let before = documented.requests().len();
    f.service.server_offers().await.unwrap();
    assert_eq!(documented.requests().len(), before);
    // And after a restart.
    let restarted = f.restarted();
    restarted.server_offers().await.unwrap();
    assert_eq!(documented.requests().len(), before, "kept across restarts");
    // A section's own request that says "not offered" is still an answer the window shows.
    assert_eq!(f.service.session_list().await.unwrap_err().code, ErrorCode::NotOffered);
}

#[tokio::test]
async fn a_not_offered_answer_updates_what_was_known() {
    let f = fixture().await;
    f.add_admin_profile("Production").await;
    assert_eq!(f.service.server_offers().await.unwrap().sessions, Offer::Offered);
    // The server stops offering sessions (say, a proxy in front of it now answers 404).
    f.sandbox.add_fault(zexa_sandbox::FaultRule {
        id: String::new(),
        method: Some("GET".into()),
        path: "/v1/sessions".into(),
        fault: zexa_sandbox::Fault::Status { status: 404, body: None },
        times: None,
    });
    assert_eq!(f.service.session_list().await.unwrap_err().code, ErrorCode::NotOffered);
    assert_eq!(f.service.server_offers().await.unwrap().sessions, Offer::NotOffered);
}
