# The security checkup's sentences (crates/zexa-app/src/checkup.rs).
# $names: key names in quotes, joined with commas ("“CI”, “Old”").

checkup-two-factor-on = Two-factor authentication is on.
checkup-two-factor-off = Two-factor authentication is off.
checkup-backup-codes-left = { $count ->
        [one] { $count } backup code remains.
       *[other] { $count } backup codes remain.
    }
checkup-no-backup-codes = Two-factor authentication is off, so there are no backup codes.
checkup-admins-only = Only account Admins can see API keys.
checkup-not-offered = This server does not offer it; check on the Zexa dashboard.
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
