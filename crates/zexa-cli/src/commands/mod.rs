//! One file per command; each returns its exit code or a [`crate::exit::Failure`].

pub mod completions;
pub mod credits;
pub mod hook;
pub mod inject;
pub mod profiles;
pub mod run;
pub mod sandbox;
pub mod scan;
pub mod status;

use zexa_profiles::usage::{KeyUse, UsageLog};

/// Notes who was given a key (no secret, no argument); a failure to note it is only a warning:
/// the program has already run.
pub(crate) fn record_use(profile: &zexa_core::settings::Profile, command: &str, program: &str, exit_code: Option<i32>) {
    let folder = std::env::current_dir().map(|d| d.display().to_string()).unwrap_or_default();
    let entry = KeyUse {
        profile_id: profile.id.clone(),
        profile_name: profile.name.clone(),
        command: command.to_owned(),
        program: program.to_owned(),
        folder,
        at: std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_secs() as i64).unwrap_or(0),
        exit_code,
    };
    if let Err(error) = UsageLog::in_data_dir().record(&entry) {
        crate::output::warn(&zexa_core::i18n::t!("cli-usage-not-recorded", detail = error.to_string()));
    }
}
