//! Which programs on this computer were given a profile's key by the `zexa` command line
//! (`zexa run`, `zexa inject`), read from its usage log (`zexa_profiles::usage`): the window
//! shows "Used on this computer by `node` in ~/loja, 2 hours ago" on the profile and on the key
//! row it uses, and a rotation says which programs get the new key on their next start.
//!
//! The log is written by another process, so there is no announcement when it grows: the
//! window asks again when it shows a profile or a rotation.

use zexa_core::error::IpcError;
pub use zexa_profiles::usage::ProgramUse;

use crate::service::AppService;

/// Enough for a profile card or a rotation report; the rest is "and N more" at most.
pub const PROGRAMS_SHOWN: usize = 5;

impl AppService {
    /// The latest use of the profile's key by each program (program and folder), newest first.
    /// A sandbox profile's key never leaves the app: always empty.
    pub fn key_usage(&self, profile_id: &str) -> Result<Vec<ProgramUse>, IpcError> {
        let profile = self.profile(profile_id)?;
        if profile.sandbox {
            return Ok(Vec::new());
        }
        Ok(self.key_usage.programs_for(&profile.id, PROGRAMS_SHOWN))
    }
}

#[cfg(test)]
mod tests {
    use zexa_profiles::usage::{KeyUse, UsageLog, USAGE_FILE};

    #[test]
    fn the_window_reads_what_the_command_line_wrote_in_the_same_folder() {
        let dir = tempfile::tempdir().unwrap();
        // What `zexa run` writes (its log is in the app's data folder, as the window's is).
        UsageLog::at(dir.path().join(USAGE_FILE))
            .record(&KeyUse {
                profile_id: "prof_1".into(),
                profile_name: "Loja".into(),
                command: "run".into(),
                program: "node".into(),
                folder: "/srv/loja".into(),
                at: 1_796_181_271,
                exit_code: Some(0),
            })
            .unwrap();
        let window = UsageLog::in_folder(Some(dir.path()));
        let shown = window.programs_for("prof_1", super::PROGRAMS_SHOWN);
        assert_eq!(shown.len(), 1);
        assert_eq!((shown[0].program.as_str(), shown[0].folder.as_str()), ("node", "/srv/loja"));
    }
}
