//! `zexa` links no Tauri, GTK or WebKit: it runs on a server with none of them installed.

#[test]
#[cfg(target_os = "linux")]
fn ldd_names_no_gtk_webkit_or_soup_library() {
    let out = std::process::Command::new("ldd").arg(env!("CARGO_BIN_EXE_zexa")).output().expect("ldd is installed");
    let libraries = String::from_utf8_lossy(&out.stdout).to_lowercase();
    assert!(libraries.contains("libc.so"), "ldd answered: {libraries}");
    for banned in ["gtk", "gdk", "webkit", "javascriptcore", "soup", "ayatana", "appindicator", "cairo", "glib"] {
        assert!(!libraries.contains(banned), "zexa links {banned}:\n{libraries}");
    }
}
