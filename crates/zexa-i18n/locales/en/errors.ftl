# The error sentences Rust produces (IpcError.message), rendered with zexa_core::ipc_error!.
# The UI shows them when they are in its language; every code also has a sentence in the UI's
# catalogue (ui/messages/*.json, error_<code>_sentence).

## Settings (crates/zexa-core/src/settings.rs)

error-poll-interval = The poll interval must be between { $min } and { $max } minutes.
error-spend-multiple = The spending alert must be set between { $min } and { $max } times the usual spend.
error-spend-floor = The spending alert floor must be between { $min } and { $max } credits an hour.
# $reason: why (error-settings-newer, or the parser's own words); $path: where the file was kept.
error-settings-corrupt = The settings file could not be read ({ $reason }). It was kept as { $path } and default settings are in use.
error-settings-newer = it was written by a newer version of Zexa Desktop (format { $format })
# $action: read, created, written, replaced, moved-aside.
error-settings-io = The settings file { $path } could not be { $action ->
        [read] read
        [created] created
        [replaced] replaced
        [moved-aside] moved aside
       *[written] written
    }: { $detail }
error-settings-no-folder = Zexa Desktop found no folder for its settings (the system gives no config folder, e.g. HOME is not set), so settings cannot be saved. Set HOME (or XDG_CONFIG_HOME) and restart.

## Answers from the Zexa API (crates/zexa-api/src/error.rs)

error-api-unauthorized = The API key was refused: it is invalid or has been revoked.
error-api-forbidden = Your role does not allow this: only account Admins can manage API keys and billing.
error-api-not-found = It no longer exists: it may have been revoked already or the setup may have expired.
error-api-invalid-request = The server could not read the request.
error-api-invalid-code = That code is not valid. Enter the current 6-digit code from your authenticator app.
error-api-invalid-current-password = The current password is not correct.
# $detail: the server's own words.
error-api-conflict-detail = This cannot be done in the current state: { $detail }
error-api-conflict = This cannot be done in the current state.
error-api-insufficient-credits = There are not enough credits. Top up in Billing → Buy Credits on https://app.zexa.ao.
error-api-rate-limited-wait = Too many requests. Try again in { $seconds ->
        [one] { $seconds } second
       *[other] { $seconds } seconds
    }.
error-api-rate-limited = Too many requests. Try again shortly.
error-api-server = The Zexa server had a problem. Try again later.
error-api-timeout = The Zexa server did not answer in time.
error-api-network = Could not reach the Zexa server. Check the internet connection.
error-api-too-large = The server's answer was too large and was refused.
error-api-bad-response = The server's answer could not be understood.
# $feature: credits, account, api-keys, sessions, two-factor, password; $dashboard: the dashboard's address.
error-api-not-offered = { $feature ->
        [credits] This server does not offer the credit balance; use Billing on { $dashboard }.
        [account] This server does not offer account details; use Settings on { $dashboard }.
        [api-keys] This server does not offer API key management; use Settings → API Keys on { $dashboard }.
        [sessions] This server does not offer session management; use Settings → Security → Active Sessions on { $dashboard }.
        [two-factor] This server does not offer two-factor authentication; use Settings → Security → Two-Factor Authentication on { $dashboard }.
       *[password] This server does not offer password change; use Settings → Security → Change Password on { $dashboard }.
    }
# $reason: what is wrong with the address (technical).
error-api-insecure-url = The server address was refused: { $reason }. Use an https:// address.
# $rules: the unmet rules, listed with list-and.
error-api-password-needs = The new password needs { $rules }.
password-rule-min-length = at least 8 characters
password-rule-uppercase = an uppercase letter
password-rule-number = a number
password-rule-special = a special character such as ! @ # $
# $detail: the server's own words; $field: the field it names.
error-api-not-accepted = Not accepted: { $detail }.
error-api-field-not-accepted = The { $field } was not accepted.
error-api-input-not-accepted = The input was not accepted.
# A list: "a, b and c" ($init: "a, b"; $last: "c").
list-and = { $init } and { $last }

## The system keychain (crates/zexa-keychain/src/error.rs)

error-keychain-unavailable-linux = Zexa Desktop keeps API keys only in the system keychain, and no Secret Service answered. Install and start a keyring such as GNOME Keyring (gnome-keyring) or KWallet, then try again.
error-keychain-unavailable = Zexa Desktop keeps API keys only in the system keychain, and it could not be reached. Check that the keychain service is running, then try again.
# $help: one of the two sentences above; $detail: the system's own words.
error-keychain-platform = { $help } (Details: { $detail })
# $detail: what is wrong with the entry, in English (never its text).
error-keychain-entry-unreadable = The key stored in the system keychain for this profile cannot be read (details: { $detail }). It was not sent anywhere. Use Replace key to store the key again.
error-keychain-locked = The system keychain is locked. Unlock it (for example by logging in to GNOME Keyring or KWallet) and try again.
error-keychain-denied = Access to the system keychain was refused. Allow Zexa Desktop to use it and try again.
error-keychain-timeout = The system keychain did not answer within { $seconds ->
        [one] { $seconds } second
       *[other] { $seconds } seconds
    }. If it is asking to be unlocked, answer its prompt, then try again.

## Start at login and the browser (src-tauri/src/commands)

# $platform: macos, windows, linux.
autostart-entry-place = { $platform ->
        [macos] ~/Library/LaunchAgents
        [windows] the Run key of your user's registry (HKCU\Software\Microsoft\Windows\CurrentVersion\Run)
       *[linux] ~/.config/autostart
    }
# $detail: the system's own words; $place: autostart-entry-place.
error-autostart-not-checked = Whether Zexa Desktop starts at login could not be checked ({ $detail }). Check that { $place } can be read, then open Settings again.
error-autostart-not-turned-on = Start at login could not be turned on ({ $detail }). Check that { $place } can be written to, then try again.
error-autostart-not-turned-off = Start at login could not be turned off ({ $detail }). Try again, or remove the “Zexa Desktop” entry from { $place } yourself.
error-browser-not-opened = The browser could not be opened: { $detail }.

## Balance history and runway (crates/zexa-app/src/history/service.rs)

# $detail: the database's own words.
error-history-unreadable = The balance history could not be read ({ $detail }).
error-runway-days-too-many = The runway warning can be at most { $max } days ahead.

## Secrets shown once (crates/zexa-app/src/shown_once.rs)

error-secret-gone = This secret is no longer available: it was shown once and has been cleared from memory.

## A command that failed unexpectedly (crates/zexa-app/src/containment.rs)

error-contained-panic = Something went wrong inside Zexa Desktop and this action did not finish. Try again; if it keeps happening, restart the app.

## API keys (crates/zexa-app/src/api_keys/service.rs, rules.rs)

error-key-not-in-list = That key is no longer active. The list has been refreshed.
error-key-name-empty = Give the key a name.
error-key-name-too-long = Key names have at most { $max } characters.
error-key-name-taken = Another active key already has this name.
error-slot-not-a-key = Only a new API key can be used for a profile.
error-sandbox-key-new-profile = Sandbox keys work only while the app runs: use this key for the Sandbox profile instead.
error-key-other-server = This key belongs to another Zexa server than that profile.
error-key-origin-profile-gone = The profile this key was created on no longer exists.
error-own-key-not-listed = This profile's key is not in the account's key list, so it cannot be rotated here. Use Replace key with a new key from the dashboard.
error-rotation-own-key = This app signs in with that key: use Rotate, which replaces it in one step.
# $name: the replacement key's name.
error-rotation-under-way = A rotation of this key is already under way (replacement “{ $name }”). Finish or cancel it first.
error-rotation-not-pending = That rotation is no longer pending.
# $prefix: the start both keys share; $first, $second: their names.
error-own-key-ambiguous = Two keys of this account start with { $prefix } (“{ $first }” and “{ $second }”), so the app cannot tell which one this profile uses, and changed nothing. Rotate or revoke the key you do not use on the dashboard (Settings → API Keys), then try again.
# $key: the new key as key-label writes it; $names: the profiles that use it, in quotes.
error-cancel-new-key-in-use = The new key { $key } was not revoked: { $count ->
        [one] the profile { $names } of this app uses it
       *[other] the profiles { $names } of this app use it
    }. Cancel and keep the key, or revoke it from the list, which says who loses access.

## Profiles and their keys (crates/zexa-app/src/keys.rs, profiles.rs)

error-no-profile = No profile is set up yet. Add an API key first.
error-profile-gone = That profile no longer exists.
error-no-stored-key = No API key is stored for the profile “{ $profile }”. Use Replace key to add one.
# $bound: the server the key was stored for; $now: the server the profile now names.
error-key-bound-elsewhere = The key of “{ $profile }” was stored for { $bound }, but the profile now points at { $now }. The key was not sent. If you changed the address on purpose, use Replace key.
error-key-missing = Paste an API key.
error-key-malformed = That does not look like an API key: it has characters a key cannot have. Copy the key again from Settings → API Keys on the dashboard.
error-profile-key-refused = The key was refused: it is invalid or has been revoked. Nothing was saved.
# $detail: why, a sentence of its own (error-api-network, error-api-timeout, …).
error-profile-key-not-checked = The key was not checked: { $detail } Nothing was saved; check the connection and try again.
error-profile-key-check-failed = The key could not be checked: { $detail } Nothing was saved.
error-profile-name-missing = Give the profile a name.
error-profile-name-too-long = Profile names have at most { $max } characters.
error-profile-name-taken = There is already a profile named “{ $name }”.
error-env-key-not-set = ZEXA_API_KEY is not set in the environment.
error-env-key-not-confirmed = ZEXA_API_KEY was not sent: the address is not Zexa's nor the app's own sandbox, and sending the key there was not confirmed.

## Two-factor authentication (crates/zexa-app/src/two_factor)

error-totp-code-format = Enter the { $digits }-digit code from your authenticator app.
error-any-code-format = Enter the { $digits }-digit code from your authenticator app, or one of your backup codes.
error-two-factor-wrong-code = That code is not right. Enter the code your authenticator app shows now. If it keeps failing, check that the phone's clock (date and time) is set automatically.
error-two-factor-locked = Too many wrong codes: two-factor changes are locked for a while.
error-two-factor-locked-wait = Too many wrong codes: two-factor changes are locked for a while. Try again in { $seconds ->
        [one] { $seconds } second
       *[other] { $seconds } seconds
    }.
error-two-factor-setup-expired = The setup expired or was replaced (a setup lasts { $minutes ->
        [one] { $minutes } minute
       *[other] { $minutes } minutes
    }). Start again for a new QR code.
# $detail: the encoder's own words.
error-qr-not-drawn = The QR code could not be drawn ({ $detail }). Use the setup key instead.
error-slot-not-backup-codes = Only backup codes can be saved to a file.
# $detail: the system's own words.
error-file-not-saved = The file could not be saved ({ $detail }). Choose another folder and try again.

## Password (crates/zexa-app/src/password.rs)

error-current-password-missing = Enter your current password.
error-current-password-wrong = The current password is not correct. Nothing was changed.
error-new-passwords-differ = The two new passwords are not the same.

## The embedded sandbox (crates/zexa-app/src/sandbox.rs)

# $detail: the server's own words.
error-sandbox-not-started = The sandbox could not start: { $detail }.
error-sandbox-not-running = The sandbox is not running.
error-spending-sandbox-only = Spending can be simulated in the sandbox only.
error-spending-range = Choose between { $min } and { $max } credits a minute.

## Ids from the window and the clipboard (crates/zexa-app/src/ids.rs, clipboard.rs)

error-id-malformed = That id is not one Zexa issues. Refresh the list and try again.
error-clipboard-unavailable = The clipboard could not be used. Select the text and copy it yourself, and clear the clipboard afterwards.

## The manual rotation (crates/zexa-app/src/manual_rotation/)

error-manual-rotation-offered = This server creates keys itself: rotate the key in API keys instead.
# $prefix: the start of the old key, as the dashboard lists it.
error-manual-rotation-pending = The old key ({ $prefix }) is still to be revoked. Revoke it on the Zexa dashboard, or say that you revoked it, before rotating again.
error-manual-rotation-same-key = This is the key the profile already uses. Create a new key on the Zexa dashboard and paste that one.
error-manual-rotation-nothing-pending = No old key of { $profile } is waiting to be revoked.
error-old-key-still-works = The old key ({ $prefix }) still works: it has not been revoked yet. Revoke it on the Zexa dashboard, then check again.
# $detail: why the request failed.
error-old-key-not-checked = The old key could not be checked ({ $detail }). Try again in a moment.
