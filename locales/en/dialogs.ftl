# The native dialogs Rust opens itself (src-tauri/src/commands/data.rs).

## Before the server the API key is sent to changes: $lines lists each
## difference (one key-destination-line each).

key-destination-line = • { $name }: { $current } → { $backup }
key-destination-restore = Sending settings changed
    .body =
        This backup changes the server your emails and your SendGrid API key go to:

        { $lines }

        Restore only if you recognise these settings: your API key would be sent to this server.
    .ok = Restore with these settings
    .cancel = Cancel
key-destination-settings = Sending server changed
    .body =
        Your saved SendGrid API key will be sent to the server as changed:

        { $lines }

        Save only if you recognise this server; otherwise cancel (nothing will be saved).
    .ok = Save and send the key there
    .cancel = Cancel

## Closing the window while Settings or the template editor hold edits not saved.

close-unsaved = Unsaved changes
    .body = Some changes have not been saved (Settings or an email template). Close JobGate without saving them?
    .ok = Close without saving
    .cancel = Stay
