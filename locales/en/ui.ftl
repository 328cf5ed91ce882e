# The window's texts (ui/): ids are the views' keys with '-' for '.'.
# {name} placeholders are Fluent variables ($name).

## nav

nav-outbox = Outbox

## list

list-job_filter = Filter by job offer
list-all_jobs = All job offers
list-select_all = Select all
list-select_row = Select { $name }

## bulk

bulk-selected = Invite the selection ({ $n })
bulk-all = Invite all not yet invited for this offer
bulk-none = No application of this offer awaits an invitation.
bulk-confirm = Invite { $n ->
        [one] { $n } candidate
       *[other] { $n } candidates
    } { $offers ->
        [one] for the offer “{ $job }”
       *[other] across { $offers } offers
    } to the asynchronous video interview? { $n ->
        [one] They will get
       *[other] Each will get
    } their personal interview link by email.
bulk-confirm_quota = Warning: { $sent ->
        [one] { $sent } email already sent in the last 24 h
       *[other] { $sent } emails already sent in the last 24 h
    }; with these { $n }, the daily quota of { $quota } will be exceeded and SendGrid may refuse the rest.
bulk-confirm_dry_run = Dry run: nothing will be sent, the emails will be written as .eml files.

## batch

batch-title = Sending { $n ->
        [one] { $n } invitation
       *[other] { $n } invitations
    }
batch-title_dry_run = Dry run: { $n ->
        [one] { $n } invitation written as
       *[other] { $n } invitations written as
    } .eml
batch-counts = { $done } / { $total } — { $sent } sent, { $failed } failed, { $skipped } skipped
batch-cancel = Cancel
batch-cancelling = Cancelling…
batch-connecting = Connecting to the sending server…
batch-cancel_heard = Cancelled: no new email will be sent. { $in_flight ->
        [0] None was being sent
        [one] { $in_flight } email was already handed to the server: it will still be sent
       *[other] { $in_flight } emails were already handed to the server: they will still be sent
    }{ $queued ->
        [0] .
        [one] ; { $queued } invitation is left to send, its link's validity will count from when it is sent.
       *[other] ; { $queued } invitations are left to send, their links' validity will count from when they are sent.
    }
batch-cancel_too_late = Too late to cancel: every email had already gone.
batch-retry_button = Try again
batch-close = Close
batch-sent = Sent to { $email }
batch-failed = Failed for { $email }: { $error }
batch-retry = Will retry { $email }: { $error }
batch-skipped = Skipped: { $email }
batch-done = Done: { $sent } sent, { $failed } failed, { $skipped } skipped, { $cancelled } cancelled.
batch-stopped = Sending stopped: { $error }
batch-settings_title = Batches

## setting

setting-smtp_connections = Simultaneous connections
setting-rate_limit_per_minute = Emails per minute at most (0: no limit)
setting-daily_quota = Daily quota (0: none; 100: SendGrid free tier)
setting-delivery_mode = Delivery mode
setting-dry_run_dir = Dry-run folder
setting-dry_run_dir-placeholder = default: dry-run in the data folder

## delivery

delivery-smtp = Real sending (SMTP)
delivery-dry_run = Dry run: .eml files, nothing is sent

## dry_run

dry_run-banner = Dry run: no email is sent. Messages are written to { $dir }.

## outbox

outbox-title = Outbox
outbox-refresh = Refresh
outbox-count = { $n ->
        [one] { $n } email
       *[other] { $n } emails
    }
outbox-empty = No email yet.
outbox-col-when = Last change
outbox-col-recipient = Recipient
outbox-col-job = Offer
outbox-col-actions = Actions
outbox-open = Open
outbox-open_title = Open { $name }'s application
outbox-older = A newer email followed for this application.
outbox-col-state = State
outbox-col-attempts = Tries
outbox-col-server = What happened
outbox-state-queued = Queued
outbox-state-sending = Sending
outbox-state-sent = Sent
outbox-state-failed_temporary = Sending failed — try again
outbox-state-failed_permanent = Sending failed — fix first
outbox-state-unknown = Sending uncertain

## nav

nav-list = Applications
nav-settings = Settings

## status

status-sending = Sending
status-queued = Waiting to be sent
status-sent = Invitation sent
status-send_failed = Sending failed
status-send_unknown = Sending uncertain

## email

email-sent_at = on { $date }

## invite

invite-send = Send
invite-retry = Retry
invite-resend = Send again
invite-dry_run = Dry run: nothing was sent. The email for { $name } is written in the dry-run folder.
invite-sent = Invitation sent to { $name } ({ $email }).

## batch

batch-unrecorded = { $unrecorded } of these emails went out, but JobGate could not write it down yet (database busy or disk full): do not send them again.

## email

email-sent_unrecorded = JobGate could not write it down yet (database busy or disk full): it will as soon as it can; otherwise it will show as "delivery uncertain" at the next start. Do not send this email again: it went out.

## invite

invite-failed = { $name }'s link is created, but the email was not sent. { $error }
invite-already_sent = { $name }'s invitation was already sent: nothing was sent again.
invite-in_progress = { $name }'s invitation is being sent elsewhere: nothing was sent twice.

## settings

settings-title = Settings
settings-save = Save settings
settings-saved = Settings saved.
settings-check = Check the connection
settings-check_ok = Connected to { $host }:{ $port } ({ $security }): the API key is accepted. No email was sent.
settings-test_ok = Test email sent to { $address } (server reply: { $code } { $reply }).
settings-working = Please wait…
settings-overridden = Overridden by the { $variable } variable: { $value }
settings-advanced = Advanced: SMTP server and sending pace
settings-advanced_help = Change these only for a relay other than SendGrid, or when your IT team asks.
settings-pace_title = Sending pace
settings-leave_title = Unsaved changes
settings-leave_question = Some settings were changed but not saved. Leave Settings without saving them?
settings-leave_ok = Leave without saving
settings-leave_stay = Stay

## key

key-title = SendGrid API key
key-help = It is kept in the system keyring, never in the database. Create it in SendGrid (Settings → API Keys) with the "Mail Send" permission.
key-label = New key
key-placeholder = SG.xxxxxxxx.xxxxxxxx
key-save = Save the key
key-delete = Delete the key
key-saved = API key stored in the system keyring.
key-deleted = API key deleted from the keyring.
key-set = Key stored: { $hint }
key-set_env = Key given by the SENDGRID_API_KEY variable: { $hint }
key-unset = No key stored: invitations cannot be sent.

## test

test-title = Test sending
test-help = Check the connection (no email is sent), then send yourself a test email.
test-address = Test address
test-send = Send a test email

## sender

sender-title = Sender

## setting

setting-from = Sender (From)
setting-from-placeholder = Acme Recruiting <jobs@acme.com>
setting-reply_to = Reply-To address
setting-reply_to-placeholder = optional

## links

links-title = Interview links

## setting

setting-base_url = Interview platform address
setting-link_validity_days = Link validity (days, for new job offers)

## smtp

smtp-title = Sending server (SMTP)

## setting

setting-smtp_host = Server
setting-smtp_port = Port
setting-smtp_security = Security
setting-smtp_username = User name
setting-smtp_ca_file = Extra CA certificate (PEM)
setting-smtp_ca_file-placeholder = optional, for a corporate relay
setting-smtp_timeout_seconds = Time limit (seconds)

## security

security-starttls = STARTTLS required (587)
security-tls = TLS (465)
security-plain = No encryption (this machine only)

## app

app-tagline = Asynchronous video interviews

## list

list-title = Applications
list-search = Search: name, email, job…
list-count-one = { $n } application
list-count-many = { $n } applications
list-count-filtered = { $shown } of { $total }

## add

add-open = + Add an application
add-title = New application
add-submit = Add
add-cancel = Cancel
add-done = { $name }'s application to "{ $job }" was added.
add-already = { $name } already applied to "{ $job }": nothing was added.

## field

field-job_title = Job title
field-job_title-placeholder = Full Stack Developer
field-candidate_name = Candidate name
field-candidate_name-placeholder = Camille Martin
field-email = Email
field-email-placeholder = camille.martin@example.com

## col

col-candidate = Candidate
col-email = Email
col-job = Job offer
col-status = Invitation
col-link = Interview link
col-action = Action

## status

status-not_invited = Not invited
status-link_active = Link created
status-link_expired = Link expired
status-link_revoked = Link revoked

## invite

invite-button = Invite
invite-confirm = Are you sure you want to invite { $name } to the asynchronous video interview for the "{ $job }" job offer? The invitation will be sent to { $email }.
invite-dialog_title = Invite to the interview
invite-ok = Invite
invite-cancel = Cancel
invite-busy = Sending…

## link

link-copy = Copy
link-copied = Link copied to the clipboard.
link-copy_failed = Could not copy automatically: select the link and copy it.
link-expires = Expires on { $date }
link-expired = Expired on { $date }
link-none = —
link-revoked = Revoked: this link no longer works.

## empty

empty-title = No applications yet
empty-body = Import the CSV file of your ATS or job board with "Import a CSV" (columns job title, candidate name, email — in French or English, commas or semicolons), add an application with "+ Add an application", or from the command line:

## nomatch

nomatch-title = No application matches
nomatch-body = Change or clear the search and the filters.

## error

error-generic = Something went wrong: { $message }
error-no_bridge = The interface is not connected to JobGate. Start the app with the jobgate command.

## nav

nav-jobs = Job offers

## detail: the candidate's rights (GDPR)

detail-rgpd = Personal data (GDPR)
detail-export_data = Export their data
detail-export_data_help = Everything JobGate holds about this candidate, in one JSON file: to answer their access request.
detail-export_data_title = Export the candidate's data (JSON)
detail-export_data_name = candidate-data.json
detail-exported_data = { $name }'s data exported to { $path }.
detail-erase = Erase this candidate (GDPR)
detail-confirm_erase = Erase { $name } ({ $email }) at their request? Their name, address, links and the text of their emails will be removed from all their applications, their links revoked and their waiting emails withdrawn. Their applications stay, with no personal data, for the offers' counts. This cannot be undone.
detail-erased = { $name }'s data erased: their applications stay, with no personal data.
detail-erased_not_compacted = The file could not yet be rewritten without the erased bytes (another program may hold it open): JobGate will do it the next time it opens this data.
detail-erased_note = Candidate erased at their request (GDPR): only the offer, the dates and the status are left.

## jobs

jobs-title = Job offers
jobs-count = { $n ->
        [one] { $n } offer
       *[other] { $n } offers
    }
jobs-empty = No job offers yet: add or import applications.
jobs-export_all = Export all links
jobs-export = Export links
jobs-open_list = See applications
jobs-close = Close offer
jobs-reopen = Reopen offer
jobs-state-open = Open
jobs-state-closed = Closed
jobs-applications = { $n ->
        [one] { $n } application
       *[other] { $n } applications
    }
jobs-validity = New links valid for (days)
jobs-validity_save = Save
jobs-validity_saved = New links of "{ $title }" will be valid for { $days ->
        [one] { $days } day
       *[other] { $days } days
    }.
jobs-confirm_close = Close the offer "{ $title }"? Its candidates' links will be revoked (expired ones too) and no candidate can be invited or reminded any more.
jobs-closed = Offer "{ $title }" closed: { $n ->
        [one] { $n } link revoked
       *[other] { $n } links revoked
    }.
jobs-reopened = Offer "{ $title }" reopened: its candidates can be invited.
jobs-chart_segment = { $stage }: { $n }
jobs-chart_label = Where the { $n ->
        [one] { $n } application of
       *[other] { $n } applications of
    } "{ $title }" stand
jobs-no_applications = No applications.

## export

export-title = Export interview links (CSV)
export-default_name = interview-links.csv
export-done = { $n ->
        [one] { $n } link exported to
       *[other] { $n } links exported to
    } { $path }.


## setup — the first-run checklist above the list

setup-title = Before you invite candidates
setup-intro = Three settings and a test email, once: then every invitation goes out with a link the candidate can open.
setup-sender = Verified sender
setup-sender_done = Invitations go out from { $sender }.
setup-sender_todo = The address invitations go out from, verified in SendGrid.
setup-link = Your interview platform's address
setup-link_done = Links lead to { $url }.
setup-link_this_computer = Links would lead to { $url }, an address on this computer: no candidate could open them.
setup-link_private = Links lead to { $url }, a private network address: only candidates on that network can open them.
setup-key = SendGrid key
setup-key_done = Saved in the system keyring.
setup-key_todo = Entered once by an administrator; it stays in the system keyring.
setup-key_unusable = Saved, but unreadable: open Settings to see why.
setup-test = Test email
setup-test_done = A test email went to { $to }.
setup-test_todo = Check that an email does arrive before you invite the first candidate.
setup-advised = advised
setup-go = Set up
setup-go_test = Send a test
setup-confirm_private = Interview links will lead to { $url }, a private network address: only candidates on that network (at the office, over a VPN) can open them. Invite anyway? You will not be asked again for this address.
setup-confirm_private_ok = Invite anyway

## stage

stage-not_invited = { $n ->
       *[other] Not invited
    }
stage-link_created = { $n ->
        [one] Link created, not sent
       *[other] Links created, not sent
    }
stage-sending = Being sent
stage-sent = { $n ->
        [one] Invitation sent
       *[other] Invitations sent
    }
stage-failed = { $n ->
       *[other] Sending failed
    }
stage-unknown = { $n ->
       *[other] Sending uncertain
    }
stage-expired = { $n ->
        [one] Link expired
       *[other] Links expired
    }
stage-revoked = { $n ->
        [one] Link revoked
       *[other] Links revoked
    }
stage-interviewed = { $n ->
       *[other] Interviewed
    }
stage-hired = { $n ->
       *[other] Hired
    }
stage-rejected = { $n ->
       *[other] Rejected
    }
stage-withdrawn = { $n ->
       *[other] Withdrawn
    }

## appstatus

appstatus-new = New
appstatus-invited = Invited
appstatus-interviewed = Interviewed
appstatus-rejected = Rejected
appstatus-hired = Hired
appstatus-withdrawn = Withdrawn

## list

list-status_filter = Filter by status
list-all_statuses = All statuses
list-stage_filter = Filter by email
list-all_stages = All email states
list-stale_row = No longer matches the filters: this row disappears when you refresh the list.
list-reload = Refresh the list
list-details = Details
list-details_of = Details and history of { $name }

## detail

detail-close = Close
detail-status = Application status
detail-link = Interview link
detail-no_link = No link yet: invite the candidate.
detail-actions = Actions
detail-resend = Send the invitation again
detail-new_link = New link and invitation
detail-invite = Invite
detail-extend = Extend
detail-extend_days = Days
detail-notify = Email the new date to the candidate
detail-revoke = Revoke the link
detail-mailto = Send from my own mail client
detail-mailto_help = If SendGrid fails, or the candidate received nothing: the same subject and text, in your mail client.
detail-history = History
detail-history_empty = Nothing yet.
detail-server = Server reply: { $reply }
detail-last_failure = Last email: { $state }
detail-last_failure_when = on { $date }
detail-advice = What to do
detail-queue_id = id { $id }
detail-requeued_one = The waiting email was remade for { $email }.
detail-requeued_many = The { $count } waiting emails were remade for { $email }.
detail-in_flight_one = An email was leaving at that moment: it goes with the old details.
detail-in_flight_many = { $count } emails were leaving at that moment: they go with the old details.
detail-links_at_old_address_elsewhere = Their other applications ({ $count }) also have a link already emailed to the old address: open them to revoke it if needed.
detail-link_at_old_address = Their link was already emailed to the old address: if it reached someone else, revoke it, then invite again.
detail-closed_note = Closed application: its link is withdrawn and nothing more is sent (no link, extension or resend). Change its status to invite again.
detail-job_closed_note = Closed offer: its candidates' links are withdrawn and nothing more is sent to them. Reopen it (Job offers tab) to invite again.

## confirm

confirm-title = Please confirm
confirm-ok = Confirm
confirm-cancel = Cancel

## detail

detail-confirm_revoke = Revoke { $name }'s link? It stops working at once. You can create a new one.
detail-confirm_resend = Send the invitation to { $name } ({ $email }) again, with the same link?
detail-confirm_status_close = Move { $name }'s application to "{ $status }"? Its interview link still valid will be revoked.
detail-confirm_extend_notify = Extend { $name }'s link by { $days ->
        [one] { $days } day and email them the new date
       *[other] { $days } days and email them the new date
    }?
detail-revoked = { $name }'s link is revoked: it no longer works.
detail-extended = { $name }'s link is extended: it expires on { $date }.
detail-status_changed = { $name }'s status: { $status }.
detail-status_changed_revoked = { $name }'s status: { $status }. Their link was revoked.
detail-mailto_opened = Your mail client opens with the invitation: read it over, then send it.
detail-copy_draft = Copy the subject and text
detail-copy_address = Copy the address
detail-copied_draft = Subject and text copied ✓
detail-copied_address = Address copied ✓

## extend

extend-sent = The new date was sent to { $name } ({ $email }).
extend-failed = { $name }'s link is extended, but the email was not sent. { $error }

## jobs

jobs-template = Email template
jobs-template_info = Email in { $lang } — { $kind }

## template

template-kind_default = default template
template-kind_custom = custom template (version { $version })

## lang

lang-fr = Français
lang-en = English
lang-name-fr = French
lang-name-en = English

## template

template-title = Invitation template — { $title }
template-lang = Email language
template-use_default = Use the default text
template-subject = Subject
template-body = Body
template-placeholders = Fields to insert (click to place them):
template-save = Save the template
template-saved = Template saved: version { $version }, in { $lang }.
template-preview = Preview
template-preview_for = Preview for
template-preview_sample_link = The real link is made when the invitation is sent: this one is only a sample.
template-preview_sample_candidate = No applications for this offer yet: preview with a sample candidate.
template-version_info = Version { $version } — { $kind }
template-never_saved = Default template, never changed
template-default_confirm = Replace the subject and body with the default template in { $lang }? Anything not saved will be lost.
# $button: the button's words in the email's language.
template-html_note = The email also goes out as HTML: the same text, the link clickable, and a "{ $button }" button.
template-dirty = Unsaved changes
template-leave_question = The template was changed but not saved. Close it without saving?
template-leave_ok = Close without saving
template-leave_stay = Stay
template-lang_note = The expiry date and the email's button follow the email's language ({ $lang }); your text itself is not translated. "Use the default text" puts in this language's text.
template-preview_error = No preview while the template has an error: fix what is pointed out and the preview comes back at once.
# The placeholders as the editor shows them, in the interface's language
# (the stored template keeps the codes: {candidate_name}…; both are accepted).
template-placeholder-candidate_name = candidate_name
template-placeholder-job_title = job_title
template-placeholder-start_url = start_url
template-placeholder-expires_at = expires_at
template-placeholder-company = company
template-placeholder-recruiter_name = recruiter_name

## setting

setting-ui_language = Interface language
setting-company = Company name — {"{"}company{"}"}
setting-company-placeholder = default: the sender's name
setting-recruiter_name = Recruiter's name — {"{"}recruiter_name{"}"}
setting-recruiter_name-placeholder = default: the company name

## settings

settings-language_title = Language
settings-language_changed = Interface language changed.

## import

import-open = Import a CSV
import-dialog_title = Import applications (CSV)
import-title = Import "{ $file }"
import-summary = { $rows ->
        [one] { $rows } row read
       *[other] { $rows } rows read
    }: { $new ->
        [one] { $new } new application
       *[other] { $new } new applications
    }, { $present } already present, { $rejected } with errors.
import-encoding = This file is not UTF-8: it was read as Windows-1252 (Excel on Windows). Check the accents below.
import-sample = The first rows
import-col-line = Line
import-outcome-new = New
import-outcome-already_present = Already present
import-outcome-duplicate = Duplicate
import-errors = Rows with errors (they will be skipped)
import-error_line = Line { $line }: { $reasons }
import-duplicates = Duplicates in the file (merged)
import-duplicate_line = Line { $line }: same offer and email as line { $first }.
import-confirm = Import { $n ->
        [one] { $n } application
       *[other] { $n } applications
    }
import-nothing = Nothing to import: no new row.
import-include_erased = Also import candidates erased at their request ({ $n })
import-cancel = Cancel
import-busy = Importing…
import-done = Import done: { $added ->
        [one] { $added } application added
       *[other] { $added } applications added
    }, { $present } already present, { $rejected ->
        [one] { $rejected } row skipped
       *[other] { $rejected } rows skipped
    }.
import-more_errors = … and { $n ->
        [one] { $n } more row with errors
       *[other] { $n } more rows with errors
    }.

## list

list-export = Export the list
list-export_title = Export the list (CSV)
list-export_name = applications.csv
list-exported = { $n ->
        [one] { $n } application exported to
       *[other] { $n } applications exported to
    } { $path }.

## pager

pager-range = { $from }–{ $to } of { $total }
pager-previous = ‹ Previous
pager-next = Next ›

## detail

detail-edit = Candidate
detail-save_candidate = Save
detail-candidate_saved = Candidate { $name } updated.
detail-delete = Delete the application
detail-confirm_delete = Delete { $name }'s application for "{ $job }"? It received no link and no email; this cannot be undone.
detail-deleted = { $name }'s application deleted.

## jobs

jobs-rename = Rename
jobs-rename_save = Save
jobs-renamed = Offer renamed "{ $title }".

## backup

backup-title = Backup
backup-help = All your data — applications, links, history, templates, settings — in one file, to keep on a USB stick or a synced folder. The API key is not in it: it stays in the OS keyring.
backup-save = Back up…
backup-restore = Restore…
backup-save_title = Back up JobGate's data
backup-open_title = Choose a JobGate backup
backup-default_name = JobGate-backup-{ $date }.sqlite3
backup-filter = JobGate backup
backup-all_files = All files
backup-done = Backup written: { $path } ({ $applications ->
        [one] { $applications } application
       *[other] { $applications } applications
    }, { $size }).
backup-confirm = 
    Restore the backup of { $when } ({ $applications ->
        [one] { $applications } application
       *[other] { $applications } applications
    }, { $jobs ->
        [one] { $jobs } job offer
       *[other] { $jobs } job offers
    }, { $emails ->
        [one] { $emails } email
       *[other] { $emails } emails
    })?

    All the current data will be replaced. A safety copy of the current data is kept in the "sauvegardes" folder.
backup-confirm_ok = Restore

## size

size-mb = MB
size-kb = KB

## log

log-title = Log
log-help = JobGate records what it does in one file per day (the last 14 are kept), to attach when you write to support. Never the API key, the candidates' links or the emails' text.

## setting

setting-log_level = Level of detail

## log

log-level-error = Errors only
log-level-warn = Errors and warnings
log-level-info = Normal
log-level-debug = Detailed (for support)
log-open = Open the log folder
log-saved = Log level saved.

## about

about-title = About
about-version = Version
about-schema = Database schema
about-schema_behind = { $version } (this version: { $latest })
about-data_dir = Data
about-log_dir = Log
about-time_zone = Time zone
about-open_data = Open the data folder

## recovery

recovery-title = JobGate cannot open your data
recovery-explain = Nothing was erased or recreated. Restore your latest backup: the current file will be set aside in the "sauvegardes" folder, not deleted. If you have no backup, close this window and write to support with the folder below.
recovery-data_dir = Data folder:
recovery-restore = Restore a backup…
recovery-folder = Open the data folder
recovery-restart = Open JobGate

privacy-title = Personal data
privacy-help = What the information notice at the end of every invitation says, and how long JobGate keeps candidates after their last activity (the CNIL recommends 2 years at most).
setting-privacy_controller = Data controller
setting-privacy_controller-placeholder = default: the company name
setting-privacy_contact = Address for exercising one's rights
setting-privacy_contact-placeholder = default: the reply-to address, else the sender
setting-retention_months = Retention period (months, 0: no limit)
# Why a candidate is past the retention period ($activity: applied, email_sent, history).
retention-why = { $activity ->
    [applied] applied on { $date }
    [email_sent] last email sent on { $date }
   *[history] last action on { $date }
} ({ $months } months without activity)
# One line of the GDPR register ($action: export, erasure, retention, reerasure).
rgpd-log_line = { $date } — { $action ->
    [export] data export
    [erasure] erasure on request
    [retention] retention period applied
   *[reerasure] erasure made again (backup restored)
}: { $count ->
    [one] { $count } candidate
   *[other] { $count } candidates
} — by { $actor }
retention-banner = { $count ->
    [one] { $count } candidate is past the { $months }-month retention period.
   *[other] { $count } candidates are past the { $months }-month retention period.
}
retention-show = Show
retention-hide = Hide
retention-erase = Erase
retention-more = … and { $count } more
retention-dialog_title = Retention period exceeded
retention-dialog_question = { $count ->
    [one] Erase for good { $count } candidate whose last activity was more than { $months } months ago? Their name, address, links and the text of their emails will be deleted; their applications stay, with no personal data, for the offers' counts.
   *[other] Erase for good { $count } candidates whose last activity was more than { $months } months ago? Their names, addresses, links and the text of their emails will be deleted; their applications stay, with no personal data, for the offers' counts.
}
retention-dialog_ok = Erase
retention-done = { $count ->
    [0] Nobody was erased.
    [one] { $count } candidate erased.
   *[other] { $count } candidates erased.
}
retention-left_sending = { $count ->
    [one] { $count } candidate was not erased: an email to them is being sent. Try again in a moment.
   *[other] { $count } candidates were not erased: an email to them is being sent. Try again in a moment.
}
about-register = GDPR register
about-register_empty = No operation yet.
about-register_help = Every data export, erasure and application of the retention period, with no candidate data: what to show the CNIL of what was done.
