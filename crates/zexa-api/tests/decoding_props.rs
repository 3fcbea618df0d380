//! Decoding never panics: arbitrary bytes and arbitrary JSON into every response type give
//! either a value or a `BadResponse`.

use proptest::prelude::*;
use serde::de::DeserializeOwned;
use serde_json::{Map, Value};
use zexa_api::contract::{
    Account, ApiKey, BackupCodes, CreatedApiKey, Credits, ErrorBody, Page, Session, TwoFactorEnabled, TwoFactorSetup,
    TwoFactorStatus,
};
use zexa_api::{decode_body, ApiError, BadResponseKind};

fn check<T: DeserializeOwned>(bytes: &[u8]) {
    match decode_body::<T>(bytes) {
        Ok(_) | Err(ApiError::BadResponse { kind: BadResponseKind::Undecodable, .. }) => {}
        Err(other) => panic!("unexpected error {other:?}"),
    }
}

fn check_all(bytes: &[u8]) {
    check::<Credits>(bytes);
    check::<Account>(bytes);
    check::<Page<ApiKey>>(bytes);
    check::<CreatedApiKey>(bytes);
    check::<Page<Session>>(bytes);
    check::<TwoFactorStatus>(bytes);
    check::<TwoFactorSetup>(bytes);
    check::<TwoFactorEnabled>(bytes);
    check::<BackupCodes>(bytes);
    check::<ErrorBody>(bytes);
}

fn json_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<f64>().prop_map(Value::from),
        "[0-9]{1,40}(\\.[0-9]{1,40})?(e[+-]?[0-9]{1,3})?".prop_map(|n| serde_json::from_str(&n).unwrap_or(Value::Null)),
        ".{0,20}".prop_map(Value::String),
    ];
    leaf.prop_recursive(4, 64, 8, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..8).prop_map(Value::Array),
            prop::collection::vec((field_name(), inner), 0..10)
                .prop_map(|pairs| Value::Object(pairs.into_iter().collect::<Map<_, _>>())),
        ]
    })
}

/// Mostly the contract's own field names, so the fuzzing reaches past "missing field".
fn field_name() -> impl Strategy<Value = String> {
    prop_oneof![
        prop::sample::select(vec![
            "credits",
            "currency",
            "id",
            "name",
            "email",
            "role",
            "two_factor_enabled",
            "prefix",
            "created_at",
            "last_used_at",
            "key",
            "device",
            "location",
            "ip",
            "last_active_at",
            "enabled",
            "enabled_at",
            "backup_codes_remaining",
            "secret",
            "otpauth_url",
            "expires_at",
            "backup_codes",
            "data",
            "meta",
            "total",
            "page",
            "per_page",
            "error",
            "message",
            "details",
            "request_id",
        ])
        .prop_map(str::to_owned),
        "[a-z_]{1,12}",
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..512)) {
        check_all(&bytes);
    }

    #[test]
    fn arbitrary_json_never_panics(value in json_value()) {
        check_all(serde_json::to_string(&value).unwrap().as_bytes());
    }

    #[test]
    fn any_decimal_text_is_kept_exactly_or_refused(int in "-?[0-9]{1,20}", frac in "[0-9]{0,8}") {
        let number = if frac.is_empty() { int.clone() } else { format!("{int}.{frac}") };
        let body = format!(r#"{{"credits": {number}, "currency": "USD"}}"#);
        if let Ok(credits) = decode_body::<Credits>(body.as_bytes()) {
            let expected = zexa_api::decimal::parse_decimal(&number).unwrap();
            prop_assert_eq!(credits.credits, expected);
        }
    }
}

#[test]
fn every_response_type_decodes_its_contract_example() {
    type Decodes = fn(&[u8]) -> bool;
    let examples: [(&str, Decodes); 4] = [
        (r#"{"credits": 4250, "currency": "USD"}"#, |b| decode_body::<Credits>(b).is_ok()),
        (r#"{"id":"acc_1","name":"Demo Admin","email":"a@b.ao","role":"member","two_factor_enabled":false}"#, |b| {
            decode_body::<Account>(b).is_ok()
        }),
        (
            r#"{"data":[{"id":"key_1","name":"CI","prefix":"zx_test_ab","created_at":"2026-06-24T10:00:00Z","last_used_at":null}],"meta":{"total":1,"page":1,"per_page":50}}"#,
            |b| decode_body::<Page<ApiKey>>(b).is_ok(),
        ),
        (r#"{"enabled":false,"enabled_at":null,"backup_codes_remaining":0}"#, |b| {
            decode_body::<TwoFactorStatus>(b).is_ok()
        }),
    ];
    for (body, decodes) in examples {
        assert!(decodes(body.as_bytes()), "{body}");
    }
    assert!(decode_body::<Account>(
        br#"{"id":"acc_1","name":"x","email":"e","role":"owner","two_factor_enabled":false}"#
    )
    .is_err());
}
