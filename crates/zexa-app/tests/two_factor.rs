//! Two-factor authentication against the sandbox over real loopback HTTP: the QR code decodes
//! to a working secret, confirm turns 2FA on with 10 backup codes, regenerate, disable with a
//! backup code, the lock-out after 5 wrong codes, an expired setup, and the saved codes file.

mod common;

use base64::Engine;
use zexa_api::totp::{self, OtpAuthUri};
use zexa_core::error::ErrorCode;
use zexa_core::secret::SecretString;

use common::fixture;

fn unix_now() -> u64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_secs()
}

/// What a phone does: read the QR picture, take the secret, compute a code.
fn scan(qr_data_url: &str) -> zeroize::Zeroizing<Vec<u8>> {
    let png = base64::engine::general_purpose::STANDARD
        .decode(qr_data_url.strip_prefix("data:image/png;base64,").unwrap())
        .unwrap();
    let picture = image::load_from_memory(&png).unwrap().to_luma8();
    let mut prepared = rqrr::PreparedImage::prepare(picture);
    let (_, url) = prepared.detect_grids()[0].decode().unwrap();
    OtpAuthUri::parse(&url).unwrap().secret_bytes()
}

fn json(value: &impl serde::Serialize) -> serde_json::Value {
    serde_json::to_value(value).unwrap()
}

fn code(secret: &[u8], steps_ahead: u64) -> SecretString {
    SecretString::new(totp::code_at(secret, unix_now() + steps_ahead * totp::PERIOD_SECS))
}

#[tokio::test]
async fn setup_confirm_regenerate_and_disable() {
    let f = fixture().await;
    f.add_admin_profile("Production").await;
    let status = f.service.two_factor_overview().await.unwrap();
    assert!(!status.enabled && !status.backup_codes_low);

    let setup = f.service.begin_two_factor_setup().await.unwrap();
    let view = json(&setup);
    assert_eq!(setup.account, "admin@demo.zexa.ao");
    assert!((590..=600).contains(&setup.expires_in_secs), "{}", setup.expires_in_secs);
    assert_eq!(setup.qr_pixels, setup.qr_modules * 8);
    let secret = scan(view["qr_png"].as_str().unwrap());
    let grouped = view["setup_key"].as_str().unwrap().to_owned();
    assert_eq!(totp::base32_decode(&grouped).unwrap(), secret, "the typed key is the scanned secret");
    assert!(grouped.split(' ').all(|g| g.len() <= 4));

    let wrong = f.service.confirm_two_factor(SecretString::new("000000".into())).await;
    if let Err(error) = &wrong {
        assert_eq!(error.code, ErrorCode::InvalidCode);
        assert!(error.message.contains("set automatically"), "{}", error.message);
    }
    // Pasted with a space, as people do.
    let typed = code(&secret, 0);
    let spaced = format!("{} {}", &typed.expose()[..3], &typed.expose()[3..]);
    let codes = f.service.confirm_two_factor(SecretString::new(spaced)).await.unwrap();
    assert_eq!(codes.codes.len(), 10);
    assert_eq!(codes.account, "admin@demo.zexa.ao");
    let status = f.service.two_factor_overview().await.unwrap();
    assert!(status.enabled && status.backup_codes_remaining == 10 && !status.backup_codes_low);

    // Save to file: owner-only, with the account, the date and every code.
    let path = f.dir.path().join("codes.txt");
    f.service.save_backup_codes(&codes.slot, &path).unwrap();
    let text = std::fs::read_to_string(&path).unwrap();
    let first = json(&codes)["codes"][0].as_str().unwrap().to_owned();
    assert!(text.contains("admin@demo.zexa.ao") && text.contains(&first), "{text}");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(std::fs::metadata(&path).unwrap().permissions().mode() & 0o777, 0o600);
    }
    f.service.forget_shown_secret(&codes.slot);
    assert!(f.service.save_backup_codes(&codes.slot, &path).is_err(), "gone when the step closes");

    let regenerated = f.service.regenerate_backup_codes(code(&secret, 1)).await.unwrap();
    let new_first = json(&regenerated)["codes"][0].as_str().unwrap().to_owned();
    assert_ne!(new_first, first);
    // An old backup code no longer works; a new one turns 2FA off.
    let old = f.service.disable_two_factor(SecretString::new(first)).await.unwrap_err();
    assert_eq!(old.code, ErrorCode::InvalidCode);
    let off = f.service.disable_two_factor(SecretString::new(new_first.to_uppercase())).await.unwrap();
    assert!(!off.enabled);
    let again = f.service.disable_two_factor(code(&secret, 0)).await.unwrap_err();
    assert_eq!(again.code, ErrorCode::Conflict);
}

#[tokio::test]
async fn five_wrong_codes_lock_the_setup_with_a_countdown() {
    let f = fixture().await;
    f.add_admin_profile("Production").await;
    let setup = f.service.begin_two_factor_setup().await.unwrap();
    let secret = scan(json(&setup)["qr_png"].as_str().unwrap());
    let right = code(&secret, 0);
    let wrong = if right.expose() == "111111" { "222222" } else { "111111" };
    for _ in 0..5 {
        let error = f.service.confirm_two_factor(SecretString::new(wrong.into())).await.unwrap_err();
        assert_eq!(error.code, ErrorCode::InvalidCode);
    }
    let locked = f.service.confirm_two_factor(right).await.unwrap_err();
    assert_eq!(locked.code, ErrorCode::RateLimited);
    let wait = locked.retry_after_secs.unwrap();
    assert!((1..=300).contains(&wait), "{wait}");
    assert!(locked.message.contains("Too many wrong codes"), "{}", locked.message);
    // A malformed code never reaches the server.
    let short = f.service.confirm_two_factor(SecretString::new("12345".into())).await.unwrap_err();
    assert_eq!(short.code, ErrorCode::InvalidInput);
}

#[tokio::test]
async fn an_expired_setup_asks_to_start_again() {
    let f = fixture().await;
    f.add_admin_profile("Production").await;
    let setup = f.service.begin_two_factor_setup().await.unwrap();
    let secret = scan(json(&setup)["qr_png"].as_str().unwrap());
    f.sandbox.advance_clock(std::time::Duration::from_secs(601));
    let expired = f.service.confirm_two_factor(code(&secret, 20)).await.unwrap_err();
    assert_eq!(expired.code, ErrorCode::NotFound);
    assert!(expired.message.contains("Start again"), "{}", expired.message);
}
