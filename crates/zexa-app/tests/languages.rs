//! Rust's error sentences follow the Language setting: the same error in Portuguese and in
//! English, marked with its language and with the form field it is about. So do the reports
//! Rust writes, such as a key rotation's and a lock-down's.
//!
//! The app's locale is process-wide, so this is its own test binary with a single test: no other
//! test can see Portuguese, or switch the locale back under this one.

mod common;

use zexa_app::api_keys::RotationOutcome;
use zexa_core::error::{ErrorCode, IpcError};
use zexa_core::i18n::{self, Language, Locale};
use zexa_core::settings::GeneralSettings;
use zexa_sandbox::ADMIN_KEY_NAME;

use common::{fixture, new_profile};

fn set_language(f: &common::Fixture, language: Language) {
    f.service.save_general_settings(GeneralSettings { language, ..f.service.general_settings() }).unwrap();
}

#[tokio::test]
async fn profile_form_errors_are_in_the_chosen_language_and_name_their_field() {
    let f = fixture().await;
    let base = f.sandbox.base_url();
    f.add_admin_profile("Produção").await;
    let add = |name: &str, base_url: &str, key: &str| f.service.add_profile(new_profile(name, base_url, key));
    let admin_key = f.sandbox.admin_api_key().expose().to_owned();

    set_language(&f, Language::Pt);
    assert_eq!(i18n::locale(), Locale::Pt);
    assert_eq!(f.service.app_state().locale, Locale::Pt);

    let taken: IpcError = add("produção", &base, &admin_key).await.unwrap_err();
    assert_eq!(taken.code, ErrorCode::InvalidInput);
    assert_eq!(taken.message, "Já existe um perfil chamado “produção”.");
    assert_eq!(taken.lang, Some(Locale::Pt));
    assert_eq!(taken.field.as_deref(), Some("name"));
    assert_eq!(
        serde_json::to_value(&taken).unwrap(),
        serde_json::json!({
            "code": "invalid_input",
            "message": "Já existe um perfil chamado “produção”.",
            "lang": "pt",
            "field": "name",
        })
    );

    let too_long = add(&"x".repeat(65), &base, &admin_key).await.unwrap_err();
    assert_eq!(too_long.message, "Os nomes dos perfis têm, no máximo, 64 caracteres.");
    assert_eq!(too_long.field.as_deref(), Some("name"));

    let no_key = add("Testes", &base, "  ").await.unwrap_err();
    assert_eq!(no_key.message, "Cole uma chave de API.");
    assert_eq!(no_key.field.as_deref(), Some("api_key"));

    let insecure = add("Testes", "http://example.com", &admin_key).await.unwrap_err();
    assert_eq!(insecure.code, ErrorCode::InsecureUrl);
    assert!(insecure.message.starts_with("O endereço do servidor foi recusado"), "{}", insecure.message);
    assert_eq!(insecure.field.as_deref(), Some("base_url"));

    // The reports of a rotation and of a lock-down are written in Portuguese too.
    let profile = f.service.app_state().active_profile_id.unwrap();
    let rotation = f.service.rotate_profile_key(&profile).await.unwrap();
    assert_eq!(rotation.outcome, RotationOutcome::Rotated, "{}", rotation.summary);
    assert!(
        rotation.summary.starts_with("Este perfil usa agora a nova chave “Zexa Desktop — Produção (rotated "),
        "{}",
        rotation.summary
    );
    let old_key = format!(". A chave antiga “{ADMIN_KEY_NAME}” (");
    assert!(rotation.summary.contains(&old_key), "{}", rotation.summary);
    assert!(rotation.summary.ends_with("…) foi revogada."), "{}", rotation.summary);
    let lockdown = f.service.lock_down_account().await.unwrap();
    assert!(lockdown.app_key_replaced, "{}", lockdown.summary);
    assert!(lockdown.revoked.len() > 1, "{lockdown:?}");
    assert_eq!(
        lockdown.summary,
        format!(
            "Foram revogadas {} outras chaves. A seguir: termine todas as sessões, altere a palavra-passe e escreva para suporte@zexa.ao.",
            lockdown.revoked.len()
        )
    );

    let spending = f.service.simulate_sandbox_spending(1.0).await.unwrap_err();
    assert_eq!(spending.message, "Os gastos só podem ser simulados no sandbox.");
    // Numbers get the locale's separators (a no-break space groups thousands in pt-AO).
    f.service.start_sandbox().await.unwrap();
    let spending = f.service.simulate_sandbox_spending(250_000.0).await.unwrap_err();
    assert_eq!(spending.message, "Escolha entre 0 e 100\u{a0}000 créditos por minuto.");
    assert_eq!(spending.lang, Some(Locale::Pt));

    // Back to English: the same error reads as before, and the process is left in English.
    set_language(&f, Language::En);
    assert_eq!(i18n::locale(), Locale::En);
    let taken = add("produção", &base, &admin_key).await.unwrap_err();
    assert_eq!(taken.message, "There is already a profile named “produção”.");
    assert_eq!(taken.lang, Some(Locale::En));
    assert_eq!(taken.field.as_deref(), Some("name"));
    let spending = f.service.simulate_sandbox_spending(250_000.0).await.unwrap_err();
    assert_eq!(spending.message, "Choose between 0 and 100,000 credits a minute.");
}
