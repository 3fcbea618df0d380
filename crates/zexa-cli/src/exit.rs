//! The exit codes, in one place (docs/cli.md lists the same table). Scripts switch on them, so a
//! code never changes meaning.

use zexa_core::error::{ErrorCode, IpcError};

pub const OK: u8 = 0;
/// Anything not listed below: a file that could not be written, a server error, a refusal to
/// write over a file tracked by git.
pub const ERROR: u8 = 1;
/// Bad arguments, an unknown profile, no profile yet, a malformed env file or template.
pub const USAGE: u8 = 2;
/// The keychain is locked, absent, timed out, denied access, or holds no (readable) key.
pub const KEYCHAIN: u8 = 3;
/// The server refused the key (401/403), or zexa refused to send it: it is bound to another
/// server than the profile names now.
pub const KEY_REFUSED: u8 = 4;
/// The server could not be reached or answered something unusable (network, timeout, TLS,
/// rate limit, 5xx).
pub const NETWORK: u8 = 5;
/// `zexa run`/`zexa sandbox --`: the command was found but could not be executed.
pub const NOT_EXECUTABLE: u8 = 126;
/// `zexa run`/`zexa sandbox --`: no such command.
pub const NOT_FOUND: u8 = 127;
/// Once the child has started, `zexa run` exits with the child's code, or 128 + its signal.
pub const SIGNAL_BASE: i32 = 128;

/// What each error code means for a script.
pub fn for_code(code: ErrorCode) -> u8 {
    use ErrorCode::*;
    match code {
        KeychainUnavailable | KeychainLocked | KeychainTimeout | KeychainDenied | KeyUnreadable => KEYCHAIN,
        Unauthorized | Forbidden | KeyBoundElsewhere => KEY_REFUSED,
        Timeout | Network | BadResponse | RateLimited | Server => NETWORK,
        InvalidInput | NoProfile | InsecureUrl => USAGE,
        NotFound
        | Validation
        | InvalidCode
        | InvalidCurrentPassword
        | Conflict
        | InsufficientCredits
        | NotOffered
        | ClipboardUnavailable
        | SettingsCorrupt
        | Io
        | Internal => ERROR,
    }
}

/// A failure of zexa itself: the sentence for the user (and its code for `--json`), and the exit
/// code.
#[derive(Debug)]
pub struct Failure {
    pub error: IpcError,
    pub exit: u8,
}

impl Failure {
    pub fn new(error: IpcError, exit: u8) -> Self {
        Self { error, exit }
    }

    pub fn usage(error: IpcError) -> Self {
        Self::new(error, USAGE)
    }
}

impl From<IpcError> for Failure {
    fn from(error: IpcError) -> Self {
        let exit = for_code(error.code);
        Self { error, exit }
    }
}

pub type Outcome<T = ()> = Result<T, Failure>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_error_code_has_an_exit_code_of_the_documented_set() {
        for code in ErrorCode::ALL {
            assert!([ERROR, USAGE, KEYCHAIN, KEY_REFUSED, NETWORK].contains(&for_code(code)), "{code:?}");
        }
        assert_eq!(for_code(ErrorCode::KeychainLocked), 3);
        assert_eq!(for_code(ErrorCode::KeyBoundElsewhere), 4);
        assert_eq!(for_code(ErrorCode::Unauthorized), 4);
        assert_eq!(for_code(ErrorCode::Network), 5);
    }

    #[test]
    fn the_documented_table_matches_these_constants() {
        let doc = include_str!("../../../docs/cli.md");
        for (code, name) in [(OK, "0"), (ERROR, "1"), (USAGE, "2"), (KEYCHAIN, "3"), (KEY_REFUSED, "4"), (NETWORK, "5")]
        {
            assert_eq!(code.to_string(), name);
            assert!(doc.contains(&format!("| {name} |")), "docs/cli.md has no row for exit code {name}");
        }
        for code in [NOT_EXECUTABLE, NOT_FOUND] {
            assert!(doc.contains(&format!("| {code} |")), "docs/cli.md has no row for exit code {code}");
        }
    }
}
