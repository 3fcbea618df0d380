//! Small versioned JSON files of app state that hold nothing the user typed (pending key
//! rotations, sessions already seen): losing one costs a reminder, never data. So a corrupt or
//! newer-format file is logged and replaced, never an error that stops the app. Writes are
//! atomic (temp file in the same folder, fsync, rename) and owner-only.

use std::io::Write;
use std::marker::PhantomData;
use std::path::{Path, PathBuf};

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

#[derive(Serialize, Deserialize)]
struct Envelope<T> {
    version: u32,
    data: T,
}

#[derive(Debug, thiserror::Error)]
#[error("{} could not be {action}: {source}", path.display())]
pub struct StateFileError {
    pub action: &'static str,
    pub path: PathBuf,
    #[source]
    pub source: std::io::Error,
}

/// A state file, or nowhere at all (`path = None`: kept in memory by its owner only).
pub struct StateFile<T> {
    path: Option<PathBuf>,
    version: u32,
    _data: PhantomData<fn() -> T>,
}

impl<T: Serialize + DeserializeOwned + Default> StateFile<T> {
    pub fn new(path: Option<PathBuf>, version: u32) -> Self {
        Self { path, version, _data: PhantomData }
    }

    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// The stored data; the default when there is no file or it cannot be used.
    pub fn load(&self) -> T {
        let Some(path) = &self.path else { return T::default() };
        let bytes = match std::fs::read(path) {
            Ok(bytes) => bytes,
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => return T::default(),
            Err(error) => {
                tracing::warn!(path = %path.display(), %error, "state file unreadable; starting fresh");
                return T::default();
            }
        };
        match serde_json::from_slice::<Envelope<T>>(&bytes) {
            Ok(file) if file.version == self.version => file.data,
            Ok(file) => {
                tracing::warn!(path = %path.display(), version = file.version, "state file of another format version; starting fresh");
                T::default()
            }
            Err(error) => {
                tracing::warn!(path = %path.display(), %error, "state file corrupt; starting fresh");
                T::default()
            }
        }
    }

    pub fn save(&self, data: &T) -> Result<(), StateFileError> {
        let Some(path) = &self.path else { return Ok(()) };
        let envelope = Envelope { version: self.version, data };
        let json = serde_json::to_vec_pretty(&envelope).map_err(|e| StateFileError {
            action: "encoded",
            path: path.clone(),
            source: std::io::Error::other(e),
        })?;
        write_atomically(path, &json).map_err(|source| StateFileError { action: "written", path: path.clone(), source })
    }
}

/// Writes through a temp file in the same folder, so a crash leaves the old file or the new
/// one, never half of one. The folder and the file are owner-only on Unix.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = path.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
    crate::paths::create_private_dir(dir)?;
    let mut temp = tempfile::NamedTempFile::new_in(dir)?;
    temp.write_all(bytes)?;
    temp.as_file().sync_all()?;
    temp.persist(path).map_err(|e| e.error)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, Default, PartialEq, Serialize, Deserialize)]
    struct Seen {
        ids: Vec<String>,
    }

    #[test]
    fn round_trip_and_fresh_start_on_damage() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("nested").join("seen.json");
        let file = StateFile::<Seen>::new(Some(path.clone()), 1);
        assert_eq!(file.load(), Seen::default());
        let data = Seen { ids: vec!["ses_1".into()] };
        file.save(&data).unwrap();
        assert_eq!(file.load(), data);

        assert_eq!(StateFile::<Seen>::new(Some(path.clone()), 2).load(), Seen::default(), "other version");
        std::fs::write(&path, "{ not json").unwrap();
        assert_eq!(file.load(), Seen::default());
        file.save(&data).unwrap();
        assert_eq!(file.load(), data);
    }

    #[cfg(unix)]
    #[test]
    fn files_and_their_folder_are_owner_only() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let folder = dir.path().join("state");
        let path = folder.join("seen.json");
        StateFile::<Seen>::new(Some(path.clone()), 1).save(&Seen::default()).unwrap();
        let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(&path), 0o600);
        assert_eq!(mode(&folder), 0o700);
    }

    #[test]
    fn without_a_path_nothing_is_written() {
        let file = StateFile::<Seen>::new(None, 1);
        file.save(&Seen { ids: vec!["x".into()] }).unwrap();
        assert_eq!(file.load(), Seen::default());
    }
}
