//! The typed client: one method per contract endpoint.

use std::sync::Arc;

use serde::de::DeserializeOwned;
use zeroize::Zeroizing;
use zexa_core::secret::SecretString;

use crate::config::{checked_base_url, ClientConfig};
use crate::contract::{
    Account, ApiKey, BackupCodes, ChangePasswordRequest, CreateApiKeyRequest, CreatedApiKey, Credits, Endpoint, Page,
    Session, TwoFactorCodeRequest, TwoFactorEnabled, TwoFactorSetup, TwoFactorStatus,
};
use crate::error::{ApiError, BadResponseKind};
use crate::pagination::fetch_all_pages;
use crate::transport::Reply;

/// Cheap to clone: clones share one connection pool and configuration.
#[derive(Clone)]
pub struct Client {
    pub(crate) inner: Arc<Inner>,
}

pub(crate) struct Inner {
    pub(crate) http: reqwest::Client,
    /// Without a trailing slash; contract paths start with one.
    pub(crate) base_url: String,
    pub(crate) api_key: SecretString,
    pub(crate) config: ClientConfig,
    pub(crate) latest_credits: crate::shared_credits::LatestCredits,
}

impl std::fmt::Debug for Client {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Client").field("base_url", &self.inner.base_url).finish_non_exhaustive()
    }
}

/// The key as pasted: surrounding whitespace and a leading `Bearer ` are not part of it.
pub fn normalize_api_key(raw: &str) -> Zeroizing<String> {
    let trimmed = raw.trim();
    let without_scheme = match trimmed.get(..7) {
        Some(scheme) if scheme.eq_ignore_ascii_case("bearer ") => trimmed[7..].trim_start(),
        _ => trimmed,
    };
    Zeroizing::new(without_scheme.to_owned())
}

impl Client {
    pub fn new(base_url: &str, api_key: SecretString, config: ClientConfig) -> Result<Client, ApiError> {
        let (url, loopback) = checked_base_url(base_url)?;
        let key = normalize_api_key(api_key.expose());
        // A key that cannot travel in a header would be refused by any server.
        if key.is_empty() || !key.bytes().all(|b| b.is_ascii_graphic()) {
            return Err(ApiError::Unauthorized { request_id: None });
        }
        let mut builder = reqwest::Client::builder()
            .use_rustls_tls()
            .https_only(!loopback)
            .connect_timeout(config.connect_timeout)
            .timeout(config.total_timeout)
            .redirect(reqwest::redirect::Policy::none())
            .user_agent(concat!("zexa-desktop/", env!("CARGO_PKG_VERSION")));
        if loopback {
            // A system proxy must not see sandbox traffic (nor be able to break it).
            builder = builder.no_proxy();
        }
        let http = builder.build().map_err(|e| ApiError::Network { detail: e.to_string() })?;
        Ok(Client {
            inner: Arc::new(Inner {
                http,
                base_url: url.as_str().trim_end_matches('/').to_owned(),
                api_key: SecretString::new(key.to_string()),
                config,
                latest_credits: Default::default(),
            }),
        })
    }

    pub fn base_url(&self) -> &str {
        &self.inner.base_url
    }

    pub fn config(&self) -> &ClientConfig {
        &self.inner.config
    }

    /// Whether this client's key is the one listed with `prefix` (see `GET /api-keys`), without
    /// letting the key itself out. An empty prefix matches nothing.
    pub fn key_has_prefix(&self, prefix: &str) -> bool {
        !prefix.is_empty() && self.inner.api_key.expose().starts_with(prefix)
    }

    /// Whether this client's key is exactly `key` (cleaned as [`Client::new`] cleans it), without
    /// letting the key itself out: the checkup compares it with `ZEXA_API_KEY`.
    pub fn has_key(&self, key: &SecretString) -> bool {
        let other = normalize_api_key(key.expose());
        !other.is_empty() && *other == *self.inner.api_key.expose()
    }

    /// A client on the same server and settings with another key (a new key being checked).
    pub fn with_key(&self, api_key: SecretString) -> Result<Client, ApiError> {
        Client::new(&self.inner.base_url, api_key, self.inner.config.clone())
    }

    /// `GET /credits`: the balance; also how a key is checked (`Unauthorized` if it is not valid).
    pub async fn credits(&self) -> Result<Credits, ApiError> {
        let credits: Credits = decode(self.call(Endpoint::Credits, None, &[], None).await?)?;
        // It is shown in the window, the tray and notifications: a code, nothing else.
        if !is_currency_code(&credits.currency) {
            let shown = crate::transport::capped(&credits.currency, 16);
            return Err(ApiError::bad(BadResponseKind::Undecodable, format!("not a currency code: {shown:?}"), None));
        }
        Ok(credits)
    }

    pub async fn account(&self) -> Result<Account, ApiError> {
        decode(self.call(Endpoint::Account, None, &[], None).await?)
    }

    pub async fn list_api_keys_page(&self, page: u32, per_page: u32) -> Result<Page<ApiKey>, ApiError> {
        let query = page_query(page, per_page);
        decode(self.call(Endpoint::ListApiKeys, None, &query, None).await?)
    }

    /// Every active key, all pages.
    pub async fn list_api_keys(&self) -> Result<Vec<ApiKey>, ApiError> {
        let per_page = self.inner.config.page_size;
        fetch_all_pages(|page| self.list_api_keys_page(page, per_page)).await
    }

    /// The returned `key` is the only time the full secret is available.
    pub async fn create_api_key(&self, name: &str) -> Result<CreatedApiKey, ApiError> {
        let body = json_body(&CreateApiKeyRequest { name: name.to_owned() })?;
        decode(self.call(Endpoint::CreateApiKey, None, &[], Some(body)).await?)
    }

    pub async fn revoke_api_key(&self, id: &str) -> Result<(), ApiError> {
        self.call(Endpoint::RevokeApiKey, Some(id), &[], None).await.map(drop)
    }

    pub async fn list_sessions_page(&self, page: u32, per_page: u32) -> Result<Page<Session>, ApiError> {
        let query = page_query(page, per_page);
        decode(self.call(Endpoint::ListSessions, None, &query, None).await?)
    }

    /// Every session, all pages, most recent first.
    pub async fn list_sessions(&self) -> Result<Vec<Session>, ApiError> {
        let per_page = self.inner.config.page_size;
        fetch_all_pages(|page| self.list_sessions_page(page, per_page)).await
    }

    pub async fn revoke_session(&self, id: &str) -> Result<(), ApiError> {
        self.call(Endpoint::RevokeSession, Some(id), &[], None).await.map(drop)
    }

    pub async fn two_factor_status(&self) -> Result<TwoFactorStatus, ApiError> {
        decode(self.call(Endpoint::TwoFactorStatus, None, &[], None).await?)
    }

    /// Starts (or restarts) setup; the secret is confirmed with [`Client::two_factor_confirm`].
    pub async fn two_factor_setup(&self) -> Result<TwoFactorSetup, ApiError> {
        Ok(self.two_factor_setup_with_server_date().await?.0)
    }

    /// As [`Client::two_factor_setup`], with the server's `Date` header, so the setup's
    /// `expires_at` can be counted down on the server's clock rather than ours.
    pub async fn two_factor_setup_with_server_date(&self) -> Result<(TwoFactorSetup, Option<String>), ApiError> {
        let reply = self.call(Endpoint::TwoFactorSetup, None, &[], None).await?;
        let date = reply.date.clone();
        Ok((decode(reply)?, date))
    }

    pub async fn two_factor_confirm(&self, code: &SecretString) -> Result<TwoFactorEnabled, ApiError> {
        let body = code_body(code)?;
        decode(self.call(Endpoint::TwoFactorConfirm, None, &[], Some(body)).await?)
    }

    /// `code` must be a TOTP code; the old backup codes stop working.
    pub async fn regenerate_backup_codes(&self, code: &SecretString) -> Result<BackupCodes, ApiError> {
        let body = code_body(code)?;
        decode(self.call(Endpoint::RegenerateBackupCodes, None, &[], Some(body)).await?)
    }

    /// `code` is a TOTP code or an unused backup code.
    pub async fn disable_two_factor(&self, code: &SecretString) -> Result<(), ApiError> {
        let body = code_body(code)?;
        self.call(Endpoint::DisableTwoFactor, None, &[], Some(body)).await.map(drop)
    }

    pub async fn change_password(&self, current: &SecretString, new: &SecretString) -> Result<(), ApiError> {
        let request =
            ChangePasswordRequest { current_password: current.expose().clone(), new_password: new.expose().clone() };
        let body = json_body(&request)?;
        self.call(Endpoint::ChangePassword, None, &[], Some(body)).await.map(drop)
    }
}

/// Three capital letters, as ISO 4217 codes are (`USD`, `AOA`).
pub fn is_currency_code(text: &str) -> bool {
    text.len() == 3 && text.bytes().all(|b| b.is_ascii_uppercase())
}

fn page_query(page: u32, per_page: u32) -> Vec<(&'static str, String)> {
    vec![("page", page.to_string()), ("per_page", per_page.to_string())]
}

fn code_body(code: &SecretString) -> Result<Zeroizing<Vec<u8>>, ApiError> {
    json_body(&TwoFactorCodeRequest { code: code.expose().trim().to_owned() })
}

fn json_body<T: serde::Serialize>(value: &T) -> Result<Zeroizing<Vec<u8>>, ApiError> {
    serde_json::to_vec(value)
        .map(Zeroizing::new)
        .map_err(|e| ApiError::InvalidRequest { message: e.to_string(), request_id: None })
}

/// A 2xx body of the wrong shape is the server's fault, never a panic.
pub fn decode<T: DeserializeOwned>(reply: Reply) -> Result<T, ApiError> {
    decode_body(&reply.body)
}

/// Decodes a response body into a contract type; exposed for the decoding property tests.
pub fn decode_body<T: DeserializeOwned>(body: &[u8]) -> Result<T, ApiError> {
    serde_json::from_slice(body).map_err(|e| ApiError::bad(BadResponseKind::Undecodable, e.to_string(), None))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pasted_keys_are_normalized() {
        assert_eq!(normalize_api_key("  zx_live_abc \n").as_str(), "zx_live_abc");
        assert_eq!(normalize_api_key("Bearer zx_live_abc").as_str(), "zx_live_abc");
        assert_eq!(normalize_api_key("bearer   zx_live_abc").as_str(), "zx_live_abc");
        assert_eq!(normalize_api_key("Bearerzx").as_str(), "Bearerzx");
    }

    #[test]
    fn unusable_keys_and_urls_are_refused_up_front() {
        let config = ClientConfig::default;
        let key = |k: &str| SecretString::new(k.to_owned());
        assert!(matches!(
            Client::new("https://api.zexa.ao/v1", key("  "), config()),
            Err(ApiError::Unauthorized { .. })
        ));
        assert!(matches!(
            Client::new("https://api.zexa.ao/v1", key("zx key"), config()),
            Err(ApiError::Unauthorized { .. })
        ));
        assert!(matches!(
            Client::new("http://api.zexa.ao/v1", key("zx_live_abc"), config()),
            Err(ApiError::InsecureUrl { .. })
        ));
        let client = Client::new("https://api.zexa.ao/v1/", key("zx_live_abc"), config()).unwrap();
        assert_eq!(client.base_url(), "https://api.zexa.ao/v1");
        assert!(!format!("{client:?}").contains("zx_live_abc"));
    }

    #[test]
    fn only_currency_codes_pass() {
        for good in ["USD", "AOA", "EUR"] {
            assert!(is_currency_code(good));
        }
        for bad in ["usd", "US", "USDT", "US$", "", "ÂOA", "<b>"] {
            assert!(!is_currency_code(bad), "{bad}");
        }
    }

    #[test]
    fn a_key_is_matched_against_its_listed_prefix_only() {
        let client = Client::new(
            "https://api.zexa.ao/v1",
            SecretString::new("zx_test_abcdEFGH1234".into()),
            ClientConfig::default(),
        )
        .unwrap();
        assert!(client.key_has_prefix("zx_test_abcd"));
        assert!(!client.key_has_prefix("zx_test_abce"));
        assert!(!client.key_has_prefix(""), "an empty prefix would match every key");
        assert!(!client.key_has_prefix("zx_test_abcdEFGH12345"));
    }
}
