//! *Save to file…* for backup codes: a plain text file that holds the account email, the date
//! and the codes, written by Rust, owner-only where the platform has permissions (0600 on Unix;
//! on Windows and macOS the user's own folders are private to them already).

use std::io::Write;
use std::path::Path;

use zexa_core::error::{ErrorCode, IpcError};

pub fn backup_codes_text(account_email: &str, date: &str, codes: &[&str]) -> String {
    let mut text = String::from("Zexa — two-factor authentication backup codes\n\n");
    text.push_str(&format!("Account: {}\n", if account_email.is_empty() { "(unknown)" } else { account_email }));
    text.push_str(&format!("Created: {date}\n\n"));
    text.push_str("Each code works once, in place of a code from your authenticator app.\n");
    text.push_str("Keep this file somewhere safe, ideally not on this computer.\n\n");
    for (n, code) in codes.iter().enumerate() {
        text.push_str(&format!("{:>2}. {code}\n", n + 1));
    }
    text
}

pub fn write_private_file(path: &Path, contents: &str) -> Result<(), IpcError> {
    let failed = |e: std::io::Error| {
        IpcError::new(ErrorCode::Io, format!("The file could not be saved ({e}). Choose another folder and try again."))
    };
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let mut file = options.open(path).map_err(failed)?;
    // `mode` applies to new files only: an existing file chosen in the dialog is narrowed too.
    #[cfg(unix)]
    std::fs::set_permissions(path, std::os::unix::fs::PermissionsExt::from_mode(0o600)).map_err(failed)?;
    file.write_all(contents.as_bytes()).and_then(|()| file.sync_all()).map_err(failed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_file_names_account_date_and_every_code() {
        let text = backup_codes_text("admin@demo.zexa.ao", "2026-11-25", &["ab12-cd34", "ef56-gh78"]);
        assert!(text.contains("Account: admin@demo.zexa.ao\n"));
        assert!(text.contains("Created: 2026-11-25\n"));
        assert!(text.contains(" 1. ab12-cd34\n 2. ef56-gh78\n"));
    }

    #[cfg(unix)]
    #[test]
    fn it_is_owner_only_even_over_an_existing_file() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("codes.txt");
        std::fs::write(&path, "old").unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).unwrap();
        write_private_file(&path, "new").unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "new");
        assert_eq!(std::fs::metadata(&path).unwrap().permissions().mode() & 0o777, 0o600);
    }
}
