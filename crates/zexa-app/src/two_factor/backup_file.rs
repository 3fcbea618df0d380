//! *Save to file…* for backup codes: a plain text file that holds the account email, the date
//! and the codes, written by Rust through `zexa_core::private_file` (owner-only from creation,
//! replaced atomically).

use zexa_core::i18n::{t_in, Locale};
use zexa_core::secret::SecretString;

/// The file's text in `locale` (the app's); `date` is the day it is saved, as
/// `zexa_i18n::format::format_date` writes it for `locale`.
///
/// The codes are secrets: the text is built in one buffer sized up front, so it never grows and
/// leaves no unwiped copy of a code behind in a freed allocation, and it is returned wrapped.
pub fn backup_codes_text(locale: Locale, account_email: &str, date: &str, codes: &[&str]) -> SecretString {
    let account = match account_email {
        "" => t_in!(locale, "backup-file-account-unknown"),
        email => t_in!(locale, "backup-file-account", email = email),
    };
    let header = format!(
        "{}\n\n{account}\n{}\n\n{}\n{}\n\n",
        t_in!(locale, "backup-file-title"),
        t_in!(locale, "backup-file-created", date = date),
        t_in!(locale, "backup-file-once"),
        t_in!(locale, "backup-file-keep"),
    );
    // Each line is the number right-aligned in two columns (wider past 99), ". ", the code and a
    // newline.
    let codes_len: usize =
        codes.iter().enumerate().map(|(n, code)| (n + 1).to_string().len().max(2) + 2 + code.len() + 1).sum();
    let mut text = String::with_capacity(header.len() + codes_len);
    text.push_str(&header);
    for (n, code) in codes.iter().enumerate() {
        let number = n + 1;
        if number < 10 {
            text.push(' ');
        }
        text.push_str(&number.to_string());
        text.push_str(". ");
        text.push_str(code);
        text.push('\n');
    }
    debug_assert!(text.len() <= text.capacity());
    SecretString::new(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_file_names_account_date_and_every_code() {
        let text = backup_codes_text(Locale::En, "admin@demo.zexa.ao", "11/25/2026", &["ab12-cd34", "ef56-gh78"]);
        let capacity = text.expose().capacity();
        let text = text.expose().clone();
        assert_eq!(capacity, text.len(), "sized up front: the buffer never grew");
        assert!(text.starts_with("Zexa — two-factor authentication backup codes\n\n"), "{text}");
        assert!(text.contains("Account: admin@demo.zexa.ao\n"));
        assert!(text.contains("Created: 11/25/2026\n"));
        assert!(text.contains(" 1. ab12-cd34\n 2. ef56-gh78\n"));
    }

    #[test]
    fn the_file_is_written_in_the_apps_language() {
        let text = backup_codes_text(Locale::Pt, "", "25/11/2026", &["ab12-cd34"]).expose().clone();
        assert_eq!(
            text,
            "Zexa — códigos de recuperação da autenticação de dois fatores\n\n\
             Conta: (desconhecida)\n\
             Criado em: 25/11/2026\n\n\
             Cada código só funciona uma vez, em vez de um código da sua aplicação de autenticação.\n\
             Guarde este ficheiro num local seguro, de preferência fora deste computador.\n\n\
             \x201. ab12-cd34\n"
        );
        let english = backup_codes_text(Locale::En, "", "11/25/2026", &[]).expose().clone();
        assert!(english.contains("Account: (unknown)\n"), "{english}");
    }
}
