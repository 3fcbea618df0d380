# Native dialogs Rust opens (src-tauri/src/native_dialogs.rs and the commands that use it).

dialog-export-history-title = Export the balance history
dialog-export-history-filter = CSV file
dialog-backup-codes-title = Save your Zexa backup codes
dialog-backup-codes-filter = Text file
dialog-env-key-title = Send ZEXA_API_KEY to another server?
# $url: the address typed in the form.
dialog-env-key-message = The key from ZEXA_API_KEY is about to be sent to { $url } to check it. That is not Zexa's address (https://api.zexa.ao/v1) nor the app's own sandbox, and an address on this computer may be served by any program running on it. Send it only if you trust this server.
dialog-env-key-send = Send it
dialog-cancel = Cancel

# The scan's folder picker (src-tauri/src/commands/scan.rs).
dialog-scan-folders-title = Choose folders to scan for Zexa keys
