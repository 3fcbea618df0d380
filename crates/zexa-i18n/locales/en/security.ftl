# What the app writes after changing keys (crates/zexa-app/src/api_keys/rotation.rs and
# lockdown.rs) and the saved backup codes file (crates/zexa-app/src/two_factor/backup_file.rs).

## Rotation and lock-down reports
# $new_key, $old_key: a key as key-label writes it. $error, $restore_error, $revoke_error: the
# error sentence of the step that failed.
# $failure: why the new key is not in use: not-created (creating it failed), keychain (the
# system keychain refused it), unchecked (checking it with the server failed).

# A key named in a report: its name and the start of the key.
key-label = “{ $name }” ({ $prefix }…)
rotation-done = This profile now uses the new key { $new_key }. The old key { $old_key } is revoked.
rotation-old-key-still-works = This profile now uses the new key { $new_key }, which works. The old key { $old_key } could not be revoked ({ $error }) and STILL WORKS: revoke it now.
rotation-rolled-back = Nothing changed: { $failure ->
        [not-created] the new key could not be created ({ $error })
        [keychain] the new key was not used because the system keychain refused it ({ $error }), and it was revoked again
       *[unchecked] the new key was not used because it could not be checked ({ $error }), and it was revoked again
    }. This profile still uses its current key, which still works.
rotation-old-key-not-restored = The new key { $new_key } was not used because { $failure ->
        [keychain] the system keychain refused it
       *[unchecked] it could not be checked
    } ({ $error }), and the old key could not be put back in the system keychain ({ $restore_error }). Both keys still work: use Replace key on this profile with a key you have, then revoke the other.
rotation-new-key-not-revoked = This profile still uses its current key, which works. The new key { $new_key } was not used because { $failure ->
        [keychain] the system keychain refused it
       *[unchecked] it could not be checked
    } ({ $error }), and it could not be revoked again ({ $revoke_error }): revoke it in the list.
# $count, $names: other profiles of this app that held the same key, in quotes.
rotation-other-profiles = { $count ->
        [one] The profile { $names } held the same key and now uses the new one too.
       *[other] The profiles { $names } held the same key and now use the new one too.
    }
# Cancelling a guided rotation. $old_key, $new_key: keys as key-label writes them.
rotation-cancelled-new-key-revoked = The rotation of { $old_key } was cancelled and its new key { $new_key } was revoked. { $old_key } still works.
rotation-cancelled-new-key-kept = The rotation of { $old_key } was cancelled. The new key { $new_key } is still active on your account; revoke it from API keys if you do not use it.
lockdown-key-kept = This app's key was not replaced ({ $failure ->
        [not-created] the new key could not be created ({ $error })
        [keychain] the new key was not used because the system keychain refused it ({ $error }), and it was revoked again
       *[unchecked] the new key was not used because it could not be checked ({ $error }), and it was revoked again
    }); it was kept so the app stays signed in. Rotate it as soon as Zexa can be reached.
# $revoked: how many other keys were revoked.
lockdown-revoked = { $revoked ->
        [one] { $revoked } other key was revoked.
       *[other] { $revoked } other keys were revoked.
    }
# $failed: how many keys could not be revoked (at least 1).
lockdown-revoked-some-failed = { $revoked ->
        [one] { $revoked } other key was
       *[other] { $revoked } other keys were
    } revoked; { $failed ->
        [one] { $failed } could not be and STILL WORKS: revoke it
       *[other] { $failed } could not be and STILL WORK: revoke them
    } on the dashboard (Settings → API Keys).
lockdown-next = Next: sign out every session, change the password, and write to { $email }.

## The backup codes file (plain text, one line each)

backup-file-title = Zexa — two-factor authentication backup codes
backup-file-account = Account: { $email }
backup-file-account-unknown = Account: (unknown)
# $date: the day the file was saved, as format_date writes it.
backup-file-created = Created: { $date }
backup-file-once = Each code works once, in place of a code from your authenticator app.
backup-file-keep = Keep this file somewhere safe, ideally not on this computer.

## Contacting support (src-tauri/src/commands/api_keys.rs)

# The subject of the message to Zexa support the lock-down report offers to open.
support-mail-subject = Suspected unauthorised access to my Zexa account
