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
