//! Files the user asks for that hold secrets or private data (backup codes, the credit history's
//! CSV export), written where the user chose.
//!
//! The contents go to a new file in the same folder, created owner-only (0600 on Unix, from its
//! creation, never widened then narrowed) with `O_CREAT | O_EXCL | O_NOFOLLOW`, synced, then
//! renamed over the target. So:
//! - a program that opened the old file keeps reading the old contents, never the new ones;
//! - a symlink at the target is replaced, never followed: the file it points to is untouched;
//! - a failure at any step leaves the old file as it was, and removes the new one.
//!
//! On Windows the new file's DACL is replaced, before a byte is written, by one entry granting the
//! current user full control, protected from the folder's inherited entries (`SetSecurityInfo`),
//! so a file saved in a shared folder is the user's alone. Administrators can still take
//! ownership, as on any Windows file.

use std::fs::File;
use std::io::Write;
use std::path::{Path, PathBuf};

use crate::error::{ErrorCode, IpcError};
use crate::ipc_error;

/// Writes `contents` to `path` as described above; the user sees a sentence if it fails.
pub fn write_private_file(path: &Path, contents: &str) -> Result<(), IpcError> {
    write_private_file_with(path, |file| file.write_all(contents.as_bytes()))
        .map_err(|e| ipc_error!(ErrorCode::Io, "error-file-not-saved", detail = e.to_string()))
}

/// The same, with the writing step given (tests make it fail half way).
pub fn write_private_file_with(
    path: &Path,
    write: impl FnOnce(&mut File) -> std::io::Result<()>,
) -> std::io::Result<()> {
    let folder = path.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let name = path.file_name().ok_or_else(|| std::io::Error::other("not a file name"))?;
    let (mut file, temp_path) = create_new_private(folder, &name.to_string_lossy())?;
    // Removed on every early return: a failure leaves only the old file behind.
    let mut temp = RemoveOnDrop { path: temp_path, armed: true };
    write(&mut file)?;
    file.sync_all()?;
    drop(file);
    // `rename` replaces the directory entry itself: a symlink there is replaced, not followed.
    std::fs::rename(&temp.path, path)?;
    temp.armed = false;
    sync_folder(folder);
    Ok(())
}

struct RemoveOnDrop {
    path: PathBuf,
    armed: bool,
}

impl Drop for RemoveOnDrop {
    fn drop(&mut self) {
        if self.armed {
            let _ = std::fs::remove_file(&self.path);
        }
    }
}

/// A new, empty, owner-only file with an unused name next to the target.
fn create_new_private(folder: &Path, name: &str) -> std::io::Result<(File, PathBuf)> {
    let mut last_error = None;
    for attempt in 0..16u32 {
        let temp = folder.join(format!(".{name}.{}-{}.tmp", std::process::id(), unique_suffix(attempt)));
        match open_new_private(&temp) {
            Ok(file) => return Ok((file, temp)),
            Err(error) if error.kind() == std::io::ErrorKind::AlreadyExists => last_error = Some(error),
            Err(error) => return Err(error),
        }
    }
    Err(last_error.unwrap_or_else(|| std::io::Error::other("no free temporary name")))
}

fn unique_suffix(attempt: u32) -> String {
    use std::sync::atomic::{AtomicU64, Ordering};
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let nanos =
        std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.subsec_nanos()).unwrap_or(0);
    format!("{:x}{nanos:x}{attempt:x}", COUNTER.fetch_add(1, Ordering::Relaxed))
}

fn open_new_private(path: &Path) -> std::io::Result<File> {
    let mut options = std::fs::OpenOptions::new();
    // `create_new` is O_CREAT | O_EXCL: never an existing file, never through a symlink.
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600).custom_flags(libc::O_NOFOLLOW | libc::O_CLOEXEC);
    }
    // CREATE_NEW (from `create_new`) fails on any existing entry, a symlink included. WRITE_DAC
    // lets the file's own handle replace its ACL.
    #[cfg(windows)]
    std::os::windows::fs::OpenOptionsExt::access_mode(
        &mut options,
        windows_sys::Win32::Foundation::GENERIC_WRITE | windows_sys::Win32::Storage::FileSystem::WRITE_DAC,
    );
    let file = options.open(path)?;
    #[cfg(windows)]
    if let Err(error) = windows_acl::restrict_to_current_user(&file) {
        drop(file);
        let _ = std::fs::remove_file(path);
        return Err(error);
    }
    // The umask can only narrow 0600; checked all the same, so a wider file is never filled.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = file.metadata()?.permissions().mode() & 0o777;
        if mode & 0o077 != 0 {
            let _ = std::fs::remove_file(path);
            return Err(std::io::Error::other(format!("the new file was created with mode {mode:o}")));
        }
    }
    Ok(file)
}

#[cfg(windows)]
mod windows_acl {
    use std::io::Error;
    use std::os::windows::io::AsRawHandle;

    use windows_sys::Win32::Foundation::{CloseHandle, ERROR_SUCCESS, HANDLE};
    use windows_sys::Win32::Security::Authorization::{SetSecurityInfo, SE_FILE_OBJECT};
    use windows_sys::Win32::Security::{
        AddAccessAllowedAce, GetLengthSid, GetTokenInformation, InitializeAcl, TokenUser, ACCESS_ALLOWED_ACE, ACL,
        ACL_REVISION, DACL_SECURITY_INFORMATION, PROTECTED_DACL_SECURITY_INFORMATION, TOKEN_QUERY, TOKEN_USER,
    };
    use windows_sys::Win32::Storage::FileSystem::FILE_ALL_ACCESS;
    use windows_sys::Win32::System::Threading::{GetCurrentProcess, OpenProcessToken};

    /// The file's DACL becomes one entry, the current user with full control, and stops
    /// inheriting from its folder.
    pub fn restrict_to_current_user(file: &std::fs::File) -> std::io::Result<()> {
        let user = current_user()?;
        // SAFETY: `user` holds a TOKEN_USER written by GetTokenInformation, whose SID points
        // into the same buffer, alive until the end of this function.
        unsafe {
            let sid = (*user.as_ptr().cast::<TOKEN_USER>()).User.Sid;
            let acl_len =
                std::mem::size_of::<ACL>() + std::mem::size_of::<ACCESS_ALLOWED_ACE>() + GetLengthSid(sid) as usize;
            // u64s: an ACL must be 4-byte aligned.
            let mut acl_buffer = vec![0u64; acl_len.div_ceil(8)];
            let acl = acl_buffer.as_mut_ptr().cast::<ACL>();
            if InitializeAcl(acl, acl_len as u32, ACL_REVISION) == 0
                || AddAccessAllowedAce(acl, ACL_REVISION, FILE_ALL_ACCESS, sid) == 0
            {
                return Err(Error::last_os_error());
            }
            let status = SetSecurityInfo(
                file.as_raw_handle() as HANDLE,
                SE_FILE_OBJECT,
                DACL_SECURITY_INFORMATION | PROTECTED_DACL_SECURITY_INFORMATION,
                std::ptr::null_mut(),
                std::ptr::null_mut(),
                acl,
                std::ptr::null(),
            );
            if status != ERROR_SUCCESS {
                return Err(Error::from_raw_os_error(status as i32));
            }
        }
        Ok(())
    }

    /// The process token's TOKEN_USER, in an 8-byte-aligned buffer.
    fn current_user() -> std::io::Result<Vec<u64>> {
        // SAFETY: plain Win32 calls on a token handle this function opens and closes.
        unsafe {
            let mut token: HANDLE = std::ptr::null_mut();
            if OpenProcessToken(GetCurrentProcess(), TOKEN_QUERY, &mut token) == 0 {
                return Err(Error::last_os_error());
            }
            let mut len = 0u32;
            // The first call only says how long the answer is.
            GetTokenInformation(token, TokenUser, std::ptr::null_mut(), 0, &mut len);
            let mut buffer = vec![0u64; (len as usize).div_ceil(8).max(1)];
            let ok = GetTokenInformation(token, TokenUser, buffer.as_mut_ptr().cast(), len, &mut len);
            let error = Error::last_os_error();
            CloseHandle(token);
            if ok == 0 {
                return Err(error);
            }
            Ok(buffer)
        }
    }
}

/// Makes the rename durable. Best effort: the file is already complete and in place.
fn sync_folder(folder: &Path) {
    #[cfg(unix)]
    if let Ok(dir) = File::open(folder) {
        let _ = dir.sync_all();
    }
    #[cfg(not(unix))]
    let _ = folder;
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read;

    fn leftovers(dir: &Path) -> Vec<String> {
        std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.ends_with(".tmp"))
            .collect()
    }

    #[test]
    fn a_reader_of_the_old_file_never_sees_the_new_contents() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("codes.txt");
        std::fs::write(&path, "old codes\n").unwrap();
        let mut reader = File::open(&path).unwrap();
        write_private_file(&path, "new codes\n").unwrap();
        let mut seen = String::new();
        reader.read_to_string(&mut seen).unwrap();
        assert_eq!(seen, "old codes\n", "the open file kept its old contents");
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "new codes\n");
        assert!(leftovers(dir.path()).is_empty());
    }

    #[cfg(unix)]
    #[test]
    fn a_symlink_at_the_target_is_replaced_not_followed() {
        let dir = tempfile::tempdir().unwrap();
        let elsewhere = dir.path().join("elsewhere.txt");
        std::fs::write(&elsewhere, "someone else's file\n").unwrap();
        let path = dir.path().join("codes.txt");
        std::os::unix::fs::symlink(&elsewhere, &path).unwrap();
        write_private_file(&path, "new codes\n").unwrap();
        assert_eq!(std::fs::read_to_string(&elsewhere).unwrap(), "someone else's file\n", "the link's target");
        assert!(!std::fs::symlink_metadata(&path).unwrap().file_type().is_symlink());
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "new codes\n");
    }

    #[cfg(unix)]
    #[test]
    fn the_file_is_owner_only_from_its_creation() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("codes.txt");
        std::fs::write(&path, "old").unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).unwrap();
        let mut mode_while_writing = None;
        write_private_file_with(&path, |file| {
            mode_while_writing = Some(file.metadata()?.permissions().mode() & 0o777);
            file.write_all(b"new")
        })
        .unwrap();
        assert_eq!(mode_while_writing, Some(0o600), "0600 before a byte is written");
        assert_eq!(std::fs::metadata(&path).unwrap().permissions().mode() & 0o777, 0o600);
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "new");
    }

    #[test]
    fn a_failure_leaves_the_old_file_intact() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("history.csv");
        std::fs::write(&path, "old,export\n").unwrap();
        let failed = write_private_file_with(&path, |file| {
            file.write_all(b"half of the new")?;
            Err(std::io::Error::other("disk full"))
        });
        assert!(failed.is_err());
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "old,export\n");
        assert!(leftovers(dir.path()).is_empty(), "the new file is removed: {:?}", leftovers(dir.path()));
    }

    #[test]
    fn a_folder_that_does_not_exist_is_a_clear_error() {
        let dir = tempfile::tempdir().unwrap();
        let error = write_private_file(&dir.path().join("missing").join("codes.txt"), "x").unwrap_err();
        assert_eq!(error.code, ErrorCode::Io);
        assert!(!error.message.is_empty());
    }
}
