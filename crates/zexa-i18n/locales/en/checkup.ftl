# The security checkup's sentences (crates/zexa-app/src/checkup/).
# $names: key names in quotes, joined with commas ("“CI”, “Old”").

checkup-two-factor-on = Two-factor authentication is on.
checkup-two-factor-off = Two-factor authentication is off.
checkup-backup-codes-left = { $count ->
        [one] { $count } backup code remains.
       *[other] { $count } backup codes remain.
    }
checkup-admins-only = Only account Admins can see API keys.
checkup-not-offered = This Zexa server does not offer it to apps; check it on the Zexa dashboard.
# $detail: why (an error sentence).
checkup-not-checked = Could not be checked: { $detail }
checkup-no-old-keys = No API key is older than 90 days.
checkup-old-keys = { $count ->
        [one] { $count } key is older than 90 days: { $names }.
       *[other] { $count } keys are older than 90 days: { $names }.
    }
checkup-keys-in-use = Every API key has been used in the last 30 days.
checkup-idle-keys = { $count ->
        [one] { $count } key was never used or unused for 30+ days: { $names }.
       *[other] { $count } keys were never used or unused for 30+ days: { $names }.
    }
checkup-no-idle-sessions = No sign-in session has been inactive for 30+ days.
checkup-idle-sessions = { $count ->
        [one] { $count } session has been inactive for 30+ days.
       *[other] { $count } sessions have been inactive for 30+ days.
    }
checkup-no-pending-rotations = No key rotation is left unfinished.
checkup-pending-rotations = { $count ->
        [one] { $count } key rotation is unfinished.
       *[other] { $count } key rotations are unfinished.
    }
checkup-summary = { $passed } of { $total } checks pass
checkup-summary-nothing-checked = Nothing could be checked yet
checkup-summary-to-confirm = { $count } to confirm on the dashboard
checkup-summary-not-checked = { $count } could not be checked

# On this computer.
checkup-key-in-keychain = The key is kept only in { $keychain }; the app was not started with it in ZEXA_API_KEY.
checkup-key-in-memory = The sandbox key stays in this app's memory and is never written anywhere.
checkup-key-in-env = ZEXA_API_KEY, in the environment this app was started from, holds this key in plain text. Remove it from your shell profile or .env and start programs with zexa run instead.
checkup-key-recent = { $days ->
        [0] This app stored this key today.
        [one] This app stored this key { $days } day ago.
       *[other] This app stored this key { $days } days ago.
    }
# $max: the age at which a key is due (90).
checkup-key-old = This app stored this key { $days } days ago, more than { $max }: replace it with a new one.
checkup-key-no-date = This key was stored by an older version of the app, which kept no date. Replacing it starts the count.
checkup-scan-never = No scan for exposed keys has run on this computer yet.
checkup-scan-findings = { $count ->
        [one] The last scan found { $count } exposed copy of a key that is still open.
       *[other] The last scan found { $count } exposed copies of keys that are still open.
    }
checkup-scan-old = The last scan for exposed keys ran { $days } days ago: scan again.
# $folders: how many folders the scan looked in.
checkup-scan-clean = { $days ->
        [0] Today's scan found no exposed key in { $folders } folders.
        [one] The scan { $days } day ago found no exposed key in { $folders } folders.
       *[other] The scan { $days } days ago found no exposed key in { $folders } folders.
    }
# $program: the program's name (node).
checkup-zexa-run-used = { $days ->
        [0] { $program } got this key through zexa run today, from the keychain.
        [one] { $program } got this key through zexa run { $days } day ago, from the keychain.
       *[other] { $program } got this key through zexa run { $days } days ago, from the keychain.
    }
checkup-zexa-run-hint = No program got this key through zexa run in the last { $days } days. If a program reads it from a file or .env, start it with zexa run -- COMMAND instead: it gets the key from the keychain each time.
