//! The window's boundary: the page may only ever be the app's own UI, and it opens no other
//! window. The CSP stops `fetch`, images, forms and sockets, but it does not govern top-level
//! navigation, so without these handlers a script in the page could carry a secret out in a URL
//! (`location.href = 'http://…/?k=' + secret`). Links the app means to open (the dashboard)
//! are opened by Rust in the user's browser, never by the page.

use tauri::webview::NewWindowResponse;
use tauri::{Runtime, Url};

/// Where Tauri serves the embedded UI from: `tauri://localhost` on Linux and macOS, the
/// `http://tauri.localhost` workaround on Windows (the app does not set `useHttpsScheme`).
pub fn embedded_ui_origin() -> Url {
    let origin = if cfg!(windows) { "http://tauri.localhost" } else { "tauri://localhost" };
    Url::parse(origin).expect("a valid origin")
}

/// The origins the window may show: the embedded UI, and in a development build (`cfg(dev)`,
/// no `custom-protocol`) the dev server the config names, if any.
pub fn allowed_origins(dev_url: Option<&Url>) -> Vec<Url> {
    let mut origins = vec![embedded_ui_origin()];
    if cfg!(dev) {
        origins.extend(dev_url.cloned());
    }
    origins
}

/// Is `url` a page of one of `allowed` origins? Compared by scheme, host and port (not with
/// `Url::origin`, which is opaque, so never equal, for a custom scheme like `tauri:`). A URL
/// carrying user info is refused: the app never makes one, and it is a classic disguise.
pub fn is_app_page(url: &Url, allowed: &[Url]) -> bool {
    if !url.username().is_empty() || url.password().is_some() {
        return false;
    }
    allowed.iter().any(|origin| {
        url.scheme() == origin.scheme()
            && url.host_str() == origin.host_str()
            && url.port_or_known_default() == origin.port_or_known_default()
    })
}

/// What is safe to log of a refused URL: its scheme and host, never its path or query, which
/// may be exactly the secret the page tried to send.
fn destination(url: &Url) -> String {
    format!("{}://{}", url.scheme(), url.host_str().unwrap_or(""))
}

/// The webview's proxy on Linux: a loopback port nobody may listen on without root (ports below
/// 1024), so a connection to it is refused at once. The window needs no network at all (its
/// page comes from the `tauri:` protocol and Rust answers over `ipc:`, neither of which uses a
/// proxy), and WebKitGTK opens some connections no handler is asked about: clicking a link
/// preconnects to its server before the new-window or navigation decision. Through this proxy
/// such a connection never reaches any server (docs/security.md, "The webview boundary").
pub const NO_NETWORK_PROXY: &str = "http://127.0.0.1:1";

/// Adds the navigation and new-window handlers (and on Linux the proxy to nowhere) to the
/// main window's builder.
pub fn guard<'a, R: Runtime, M: tauri::Manager<R>>(
    builder: tauri::WebviewWindowBuilder<'a, R, M>,
    allowed: Vec<Url>,
) -> tauri::WebviewWindowBuilder<'a, R, M> {
    #[cfg(target_os = "linux")]
    let builder = builder.proxy_url(Url::parse(NO_NETWORK_PROXY).expect("a valid proxy URL"));
    builder
        .on_navigation(move |url| {
            let allow = is_app_page(url, &allowed);
            if !allow {
                tracing::warn!(destination = %destination(url), "navigation away from the app refused");
            }
            allow
        })
        .on_new_window(|url, _features| {
            tracing::warn!(destination = %destination(&url), "new window refused");
            NewWindowResponse::Deny
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn url(text: &str) -> Url {
        Url::parse(text).unwrap()
    }

    fn app() -> Vec<Url> {
        vec![url("tauri://localhost"), url("http://tauri.localhost")]
    }

    #[test]
    fn the_apps_own_pages_are_allowed() {
        for page in
            ["tauri://localhost", "tauri://localhost/", "tauri://localhost/index.html#main", "http://tauri.localhost/"]
        {
            assert!(is_app_page(&url(page), &app()), "{page}");
        }
    }

    #[test]
    fn every_other_destination_is_refused() {
        for page in [
            "http://127.0.0.1:41234/nav?k=secret",
            "http://localhost/",
            "https://tauri.localhost/",
            "http://tauri.localhost:8080/",
            "tauri://localhost.evil.example/",
            "tauri://evil.example/",
            "tauri://user:pass@localhost/",
            "ipc://localhost/get_app_state",
            "https://app.zexa.ao/",
            "file:///etc/passwd",
            "data:text/html,<p>hi</p>",
            "about:blank",
            "javascript:alert(1)",
            "mailto:someone@example.com",
        ] {
            assert!(!is_app_page(&url(page), &app()), "{page}");
        }
    }

    #[test]
    fn the_embedded_origin_is_the_one_for_this_platform_and_always_allowed() {
        let origins = allowed_origins(Some(&url("http://localhost:1420")));
        assert_eq!(origins[0], embedded_ui_origin());
        assert!(is_app_page(&embedded_ui_origin().join("/index.html").unwrap(), &origins));
        // A release build (custom-protocol, as tests are built) never allows a dev server.
        if !cfg!(dev) {
            assert_eq!(origins.len(), 1);
        }
    }

    #[test]
    fn a_refused_url_is_logged_without_its_path_or_query() {
        assert_eq!(destination(&url("http://127.0.0.1:9/nav?k=zx_live_SECRET")), "http://127.0.0.1");
    }
}
