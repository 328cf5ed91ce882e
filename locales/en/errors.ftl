# What went wrong and what to do: jobgate_core::error::CoreError (one message per
# variant, `error-` + its code). Values the recruiter typed ($value, $name, $path…)
# arrive shortened to one line.

## The fields a message can point at ($field: job_title, candidate_name, email,
## base_url, link_validity_days).

error-empty_field = Enter { error-field-label }: this field is required.
error-field_too_long = { error-field-label-start } is too long: { $max } characters at most. Shorten it.
error-control_character = { error-field-label-start } contains a line break or a control character. Keep it on one line.
error-field-label = { $field ->
    [job_title] the job title
    [candidate_name] the candidate's name
    [email] the email address
    [base_url] the link base URL
   *[other] the link validity
}
error-field-label-start = { $field ->
    [job_title] The job title
    [candidate_name] The candidate's name
    [email] The email address
    [base_url] The link base URL
   *[other] The link validity
}
error-invalid_email = "{ $value }" is not a valid email address. Correct it (e.g. first.last@example.com).
error-invalid_base_url = "{ $value }" is not a valid web address for links. Use an http:// or https:// address such as https://interviews.example.com.
error-base_url_on_this_computer = The links would lead to "{ $value }", an address of this computer: no candidate could open them, nothing was sent. Enter your interview platform's address in Settings → Interview links (dry runs accept it).
error-not_ready_to_send = Nothing was created or sent: { $sender ->
        [yes] { $key ->
            [yes] the sender address (From) and the SendGrid API key are missing
           *[no] the sender address (From) is missing
        }
       *[no] the SendGrid API key is missing
    }, without which the email cannot go. Set { $sender ->
        [yes] { $key ->
            [yes] them
           *[no] it
        }
       *[no] it
    } in Settings (an administrator enters the key once; or set the SENDGRID_API_KEY variable), then try again. The dry run needs no key.
error-invalid_validity_days = "{ $value }" is not a possible validity. Enter a number of days between 1 and 365.

## Settings ($name: the setting's name, $known: every setting's name).

error-unknown_setting = There is no setting "{ $name }". Known settings: { $known }.
error-invalid_setting = "{ $value }" is not a possible value for { error-setting-label } ({ $name }): { error-setting-hint }
error-setting-label = { $name ->
    [smtp_host] the SMTP server
    [smtp_port] the SMTP port
    [smtp_security] the SMTP security
    [smtp_username] the SMTP user name
    [smtp_ca_file] the CA certificate
    [smtp_connections] the number of connections
    [rate_limit_per_minute] the per-minute limit
    [daily_quota] the daily quota
    [delivery_mode] the delivery mode
    [dry_run_dir] the dry-run folder
    [smtp_timeout_seconds] the time limit
    [from] the sender
    [reply_to] the reply-to address
    [log_level] the log level
   *[other] this setting
}
error-setting-hint = { $name ->
    [smtp_host] give a server name without spaces, such as smtp.sendgrid.net.
    [smtp_port] give a port between 1 and 65535 (587 for STARTTLS, 465 for TLS).
    [smtp_security] choose starttls, tls or plain.
    [smtp_username] give a user name (apikey for SendGrid).
    [smtp_ca_file] give the path of an existing PEM certificate file, or leave it empty.
    [smtp_connections] give a number of connections between 1 and 16.
    [rate_limit_per_minute] give a number of emails per minute (0: no limit).
    [daily_quota] give a number of emails per day (0: no quota; 100 for SendGrid's free tier).
    [delivery_mode] choose smtp (real sending) or dry_run (.eml files, nothing is sent).
    [dry_run_dir] give a folder, or leave it empty.
    [smtp_timeout_seconds] give a number of seconds between 1 and 300.
    [from] give an address, optionally with a name: Acme Recruiting <jobs@acme.com>.
    [reply_to] give an address, optionally with a name: Acme Recruiting <jobs@acme.com>.
    [log_level] choose error, warn, info or debug.
   *[other] correct the value.
}

## Applications, candidates, job offers, links.

error-unknown_status = There is no status "{ $value }". Possible statuses: { $known }.
error-unknown_stage = There is no stage "{ $value }". Possible stages: { $known }.
error-application_not_found = Application #{ $id } does not exist (any more). Refresh the list.
error-outbox_not_found = Message #{ $id } is not in the outbox. Refresh the list.
error-duplicate_application = { $email } has already applied to "{ $job_title }". Nothing was added.
error-application_closed = Application #{ $id } is closed (status "{ $status }"): it gets no link or email any more, and its link can be neither extended nor resent. Nothing was changed. Change its status to invite this candidate again.
error-job_closed = The job offer "{ $job_title }" is closed: its candidates get no link or email any more, and their links can be neither extended nor resent. Nothing was changed. Reopen it to invite.
error-link_at_maximum_lifetime = The link of application #{ $id } cannot be extended past one year after it was made ({ $until }). Nothing was changed. To give more time, revoke this link (or let it expire), then make a new one.
error-no_active_link = { $state ->
    [none] Application #{ $id } has no link yet: invite the candidate first (Invite).
    [revoked] The link of application #{ $id } was revoked and can no longer be used. Create a new one with Invite.
   *[expired] The link of application #{ $id } has expired: extend it, or create a new one with Invite.
}
error-job_not_found = There is no job offer #{ $id }. Check the number (jobgate job list).
error-application_of_another_job = Application #{ $id } is for job offer #{ $its_job_id } ("{ $its_job_title }"), not job offer #{ $job_id }. Choose an application of this offer.
error-candidate_not_found = Candidate #{ $id } does not exist (any more). Refresh the list.
error-no_candidate_with_email = No candidate has the address { $email } (an erased candidate no longer has one). Check the address with "jobgate list --search".
error-candidate_erased = Application #{ $id } belongs to a candidate erased at their request (GDPR): no link, email or mailto goes to them any more, and no name or address can be given back.
error-erase_while_sending = { $count ->
    [one] Nothing was erased: { $count } email to this candidate is being sent. Wait for the sending to end (Outbox), then erase again.
   *[other] Nothing was erased: { $count } emails to this candidate are being sent. Wait for the sending to end (Outbox), then erase again.
}
error-erasure_register_failed = Nothing was erased: could not write the erasure register "{ $path }" ({ $detail }). Check that the data folder can be written to, then erase again.
error-erased_at_request = Candidate erased at their request on { $date } (GDPR). To import them anyway, tick "Also import candidates erased at their request" (jobgate import --include-erased).
error-email_taken = Another candidate already has the address { $email }: nothing was changed. Check the address.
error-job_title_taken = Another job offer is already called "{ $title }": nothing was changed. Choose another title.
error-application_has_history = Application #{ $id } already had a link or an email: deleting it would erase its history. Mark it "Withdrawn" or "Rejected" instead.

## Files the recruiter chose: exports, backups, restores.

error-export_failed = Could not write the export to "{ $path }" ({ $detail }). Choose another folder; nothing was written.
error-backup_failed = Could not write the backup to "{ $path }" ({ $detail }). Choose another folder (a USB stick, a synced folder); your data has not changed.
error-backup_invalid = "{ $path }" cannot be restored: { $reason ->
        [unreadable] the file cannot be read ({ $detail })
        [not_sqlite] it is not a JobGate backup (not a SQLite database)
        [not_jobgate] it is a SQLite database, but not a JobGate backup
        [damaged] the backup is damaged ({ $detail })
       *[not_a_file] it is a folder, not a file
    }. Nothing was changed; choose a file made by Settings → Back up (or jobgate backup).
error-backup_too_new = "{ $path }" was made by a newer JobGate (schema { $found }; this version reads up to schema { $supported }). Nothing was changed; install the latest JobGate to restore it.
error-restore_while_sending = { $count ->
    [one] Nothing was restored: { $count } email is being sent. Wait for the sending to end (Outbox), then restore.
   *[other] Nothing was restored: { $count } emails are being sent. Wait for the sending to end (Outbox), then restore.
}
error-restore_while_other_process = { $count ->
    [one] Nothing was restored: another JobGate window or command is working on this data. Close it (or let the command finish), then restore.
   *[other] Nothing was restored: { $count } other JobGate windows or commands are working on this data. Close them (or let the commands finish), then restore.
}
error-restore_settings_changed = Nothing was restored: the sending server (host, port, security, user name or certificate) changed while you were confirming. Restore again to see the differences.
error-restore_over_usable = Nothing was replaced: the data can be opened (it was restored meanwhile). Open JobGate; to restore again, use Settings → Restore… or jobgate restore FILE --yes.
error-replace_failed = The backup could not replace { $path } ({ $detail }). Nothing is lost: what was moved is in { $safety_dir }. Check the folder's permissions and free space, then restore again.
error-safety_copy_failed = Nothing was restored: the safety copy of the current data could not be written to { $path } ({ $detail }). Free some disk space or check the data folder's permissions, then try again.
error-database_damaged = The data file { $path } is damaged ({ $detail }). JobGate neither changed nor recreated it. Restore your latest backup: "Restore a backup…" in the window, or jobgate restore FILE --yes (the damaged file is kept aside).
error-database_too_new = The data in { $path } was written by a newer JobGate (schema { $found }; this version reads up to schema { $supported }). Nothing was changed; install the latest JobGate.
error-destination_is_jobgate_data = "{ $path }" is part of JobGate's own data (the database, its journals, the safety copies or the log, in { $data_dir }): nothing was written there and your data is intact. Choose another place, such as your Documents folder.

## Email templates ($part: subject or body; $placeholder: a {name} as the
## recruiter writes it; $known: every placeholder JobGate knows).

error-template_empty = { $part ->
    [subject] The template's subject is empty: write it.
   *[body] The template's body is empty: write it.
}
error-template_too_long = { $part ->
    [subject] The template's subject is too long: { $max } characters at most.
   *[body] The template's body is too long: { $max } characters at most.
}
error-template_subject_not_one_line = The subject must be one line: remove the line breaks.
error-template_unknown_placeholder = { $part ->
    [subject] The subject contains { $placeholder }, which JobGate does not know. Use: { $known }.
   *[body] The body contains { $placeholder }, which JobGate does not know. Use: { $known }.
}
error-template_unclosed_brace = { $part ->
    [subject] The subject opens a brace "{"{"}" and never closes it. Close it, or write {"{{"} for a brace.
   *[body] The body opens a brace "{"{"}" and never closes it. Close it, or write {"{{"} for a brace.
}
error-template_missing_start_url = The text does not contain { $placeholder }: without it the candidate gets no link. Add it.

## The import, the system, the disk, the database.

error-randomness = The system's random generator failed ({ $detail }); no link was created. Try again; if it persists, restart the computer.
error-csv_unreadable = The file cannot be read as CSV ({ $detail }). Save it as CSV (UTF-8) from your spreadsheet and try again. Nothing was imported.
error-csv_missing_columns = Missing header columns: { $missing }. The first line must be job_title,candidate_name,email. Nothing was imported.
error-data_dir_unavailable = The data folder { $path } cannot be used ({ $detail }). Check its permissions or choose another one with JOBGATE_DATA_DIR.
error-internal = JobGate hit an internal error. Close and reopen the app; your data is kept.
error-disk_full = The disk holding JobGate's data folder ({ $data_dir }) is full: nothing was saved. Free some space on that disk (empty the trash, delete or move large files), then try again.
error-data_read_only = JobGate cannot write to its data folder ({ $data_dir }): the disk or the folder is read-only, or your rights do not allow it. Nothing was saved. Check that the disk is connected and writable and that the folder is yours, then try again.
error-database_locked = JobGate's database ({ $data_dir }) has been locked by another program for more than 10 seconds: nothing was changed. Close what is using it (another JobGate window or command, an SQLite tool, a backup or sync program), then try again.
error-database_damaged_in_use = The data file is damaged ({ $detail }). Restore your latest backup: Settings → Restore… in the window, or jobgate restore FILE --yes (the damaged copy is kept aside).
error-database = The local database returned an error ({ $detail }). Nothing was changed; try again. If it persists, close other JobGate windows.
error-migration = The database could not be upgraded ({ $detail }). Your data was not changed; install the latest version of JobGate.
error-io = File read or write error: { $detail }.

## The window's own errors (src-tauri/src/error.rs).

error-batch_running = A batch is already being sent: wait for it to end or cancel it.
error-mail_client = No mail client opened on this computer. Copy the invitation's subject and text, then the candidate's address, and paste them into your email (webmail works too).
error-already_usable = The data opens already (it was restored meanwhile): nothing was replaced. Click "Open JobGate" or open JobGate again.
error-restart = JobGate could not start again ({ $detail }). Your data is restored: close this window and open JobGate again.
error-file_manager = The file manager did not open ({ $detail }). The folder's path is shown in Settings → About: open it yourself.
error-no_file_chosen = No file was chosen: nothing was done. Start again and pick the file in the window that opens.
error-settings_declined = Settings not saved: the sending server and your key stay as they were.
error-restore_declined = Restore cancelled: nothing changed, your data and sending settings are as they were.
error-validation = Some fields need correcting: see the message under each field.
error-no_app_data_dir = The system names no folder for applications' data. Set JOBGATE_DATA_DIR to the folder where JobGate should keep its data, then start it again.
