//! *Save to file…* for backup codes: a plain text file that holds the account email, the date
//! and the codes, written by Rust through `zexa_core::private_file` (owner-only from creation,
//! replaced atomically).

use zexa_core::i18n::{t_in, Locale};

/// The file's text in `locale` (the app's); `date` is the day it is saved, as
/// `zexa_i18n::format::format_date` writes it for `locale`.
pub fn backup_codes_text(locale: Locale, account_email: &str, date: &str, codes: &[&str]) -> String {
    let account = match account_email {
        "" => t_in!(locale, "backup-file-account-unknown"),
        email => t_in!(locale, "backup-file-account", email = email),
    };
    let mut text = format!("{}\n\n{account}\n", t_in!(locale, "backup-file-title"));
    text.push_str(&format!("{}\n\n", t_in!(locale, "backup-file-created", date = date)));
    text.push_str(&format!("{}\n", t_in!(locale, "backup-file-once")));
    text.push_str(&format!("{}\n\n", t_in!(locale, "backup-file-keep")));
    for (n, code) in codes.iter().enumerate() {
        text.push_str(&format!("{:>2}. {code}\n", n + 1));
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_file_names_account_date_and_every_code() {
        let text = backup_codes_text(Locale::En, "admin@demo.zexa.ao", "11/25/2026", &["ab12-cd34", "ef56-gh78"]);
        assert!(text.starts_with("Zexa — two-factor authentication backup codes\n\n"), "{text}");
        assert!(text.contains("Account: admin@demo.zexa.ao\n"));
        assert!(text.contains("Created: 11/25/2026\n"));
        assert!(text.contains(" 1. ab12-cd34\n 2. ef56-gh78\n"));
    }

    #[test]
    fn the_file_is_written_in_the_apps_language() {
        let text = backup_codes_text(Locale::Pt, "", "25/11/2026", &["ab12-cd34"]);
        assert_eq!(
            text,
            "Zexa — códigos de recuperação da autenticação de dois fatores\n\n\
             Conta: (desconhecida)\n\
             Criado em: 25/11/2026\n\n\
             Cada código só funciona uma vez, em vez de um código da sua aplicação de autenticação.\n\
             Guarde este ficheiro num local seguro, de preferência fora deste computador.\n\n\
             \x201. ab12-cd34\n"
        );
        let english = backup_codes_text(Locale::En, "", "11/25/2026", &[]);
        assert!(english.contains("Account: (unknown)\n"), "{english}");
    }
}
