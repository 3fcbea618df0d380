//! Locking that outlives a panic: a feature that panicked while holding a lock (contained by
//! `containment`) must not take the rest of the app down with a poisoned mutex.

use std::sync::{Mutex, MutexGuard};

pub(crate) fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}
