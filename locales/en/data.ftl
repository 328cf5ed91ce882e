# Backups and restores: what the window and the command line say once done.

restore-report-done = Backup restored: { $applications ->
        [one] { $applications } application
       *[other] { $applications } applications
    }, { $job_offers ->
        [one] { $job_offers } job offer
       *[other] { $job_offers } job offers
    }.
restore-report-safety-copy = The data replaced is kept in { $path }.
restore-report-upgraded = It came from an earlier version (schema { $schema }) and was brought up to date.
restore-report-interrupted = { $count ->
    [one] { $count } email being sent when the backup was made is marked "unknown": check it in the outbox.
   *[other] { $count } emails being sent when the backup was made are marked "unknown": check them in the outbox.
}
restore-report-erased-again = { $count ->
    [one] { $count } candidate erased at their request since this backup was still in it: erased again (erasure register).
   *[other] { $count } candidates erased at their request since this backup were still in it: erased again (erasure register).
}

## jobgate backup, restore (the command line)

# A backup's contents: "3 applications, 1 job offer, 2 links, 4 emails".
backup-contents = { $applications ->
        [one] { $applications } application
       *[other] { $applications } applications
    }, { $job_offers ->
        [one] { $job_offers } job offer
       *[other] { $job_offers } job offers
    }, { $links ->
        [one] { $links } link
       *[other] { $links } links
    }, { $emails ->
        [one] { $emails } email
       *[other] { $emails } emails
    }
cli-backup-written = Backup written: { $path } ({ backup-contents }, { $bytes } bytes). The API key is not in it: it stays in the keyring.
cli-backup-described = { $path }: backup of { $when }, { backup-contents } (schema { $schema }).
cli-restore-key-destination = Sending setting changed by the backup: { $name }: { $current } → { $backup } (your API key would be sent to this server).
cli-restore-confirm = Nothing was restored. Add --yes to replace the current data with this backup (a safety copy of the current data is kept).
