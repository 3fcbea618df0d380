# The window's scan for exposed keys (crates/zexa-app/src/scan, docs/scanner.md).
# $name: an API key's name as the account lists it.
scan-account-key = the account's key “{ $name }”
scan-account-key-revoked = the account's key “{ $name }” (revoked)
scan-already-running = A scan is already running. Wait for it to finish or cancel it, then start again.
scan-finding-gone = That finding belongs to an earlier scan. Scan again to see where things stand now.
scan-nothing-chosen = Choose at least one folder to scan, or include the usual places or shell history.
# $folder: the path as chosen.
scan-folder-missing = The folder { $folder } does not exist any more. Choose it again or remove it from the list.
scan-folder-gone = That folder is no longer there. Scan again to see where the key is now.
# $max: the most folders a scan takes.
scan-too-many-folders = Choose at most { $max } folders for one scan.
scan-check-own-key = This is one of this app's own keys; it works while its profile does. Rotate it instead.
# $server: the server the key was tried against.
scan-check-works = This key still works on { $server }: anyone holding this copy can spend your credits. Revoke it, or rotate it if a program of yours uses it.
scan-check-refused = { $server } refused this key: it no longer works. Delete the copy when you can; rewriting history is only needed to remove it from a repository.
scan-rotate-not-ours = Only this app's own keys can be rotated from a finding. Revoke this key from API keys instead.
scan-revoke-not-listed = The account does not list this key, so it cannot be revoked from here. Check if it still works, or revoke it in the Zexa dashboard.
scan-revoke-switch = This key belongs to the account of profile { $name }. Switch to that profile, then revoke it.
error-folder-not-opened = The folder could not be opened in the file manager: { $detail }. Open it yourself from the path shown.
