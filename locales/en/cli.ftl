# What the command line says (src-tauri/src/cli.rs and cli/).

cli-error = Error: { $message }

## jobgate import

cli-import-windows-1252 = The file is not UTF-8: it was read as Windows-1252 (Excel on Windows). Check the accents below.
cli-import-rejected-line = line { $line } skipped: { $reasons }
cli-import-duplicate-line = line { $line }: same offer and email as line { $first_line }, merged with it.
# One sentence for the counts of an import; $dry_run is "yes" when nothing was saved.
cli-import-summary = { $dry_run ->
        [yes] DRY RUN, nothing was saved. { cli-import-rows }: { $added ->
            [one] { $added } application would be added
           *[other] { $added } applications would be added
        }
       *[no] { cli-import-rows }: { $added ->
            [one] { $added } application added
           *[other] { $added } applications added
        }
    }, { $present } already present, { $rejected } rejected.
cli-import-rows = { $rows ->
    [one] { $rows } row read
   *[other] { $rows } rows read
}
cli-import-fix-and-retry = Fix the lines above and import the file again: rows already imported will not be duplicated.
cli-import-erased = { $count ->
    [one] { $count } row of a candidate erased at their request (GDPR) skipped: add --include-erased to import it anyway.
   *[other] { $count } rows of candidates erased at their request (GDPR) skipped: add --include-erased to import them anyway.
}

## jobgate list, outbox

cli-list-empty = No applications. Import some with: jobgate import applications.csv
cli-outbox-empty = The outbox is empty.

## jobgate invite

cli-invite-confirm = Nothing done: to invite { $name } ({ $job }) to the asynchronous video interview, confirm by adding --yes:
    {"  "}jobgate invite { $id } --yes
cli-invite-link-created = Link created for { $name }: { $url }
cli-invite-link-kept = { $name } already has a valid link: { $url }
cli-invite-expires = This link expires on { $expires }.

## What happened to one email ($kind: invitation or extension).

cli-email-dry-run = DRY RUN: nothing was sent; the email for { $email } is written in the dry-run folder ({ $reply }).
cli-email-sent = { $kind ->
        [invitation] Invitation email
       *[extension] Extension email
    } sent to { $email } (server reply: { $code } { $reply }).
cli-email-unrecorded = Warning: JobGate could not write it down (database busy or disk full); if it cannot before it closes, it will show as "delivery uncertain" at the next start. Do not send it again: it went out.
cli-email-failed = { $kind ->
    [invitation] Error: the invitation email was not sent. { $message }
   *[extension] Error: the extension email was not sent. { $message }
}
cli-email-already-sent = The invitation was already sent to { $email } on { $when }: nothing was sent again (to resend it: jobgate link resend).
cli-email-in-progress = This email is being sent by another JobGate window or command: nothing was sent twice.

## jobgate invite --job, several at once

cli-batch-none-awaiting = No application of job offer #{ $job } awaits an invitation: nothing was done.
cli-batch-confirm = { $count ->
    [one] Nothing done: to invite { $count } candidate to the asynchronous video interview, confirm by adding --yes.
   *[other] Nothing done: to invite { $count } candidates to the asynchronous video interview, confirm by adding --yes.
}
cli-batch-over-quota = Nothing done: { $sent ->
        [one] { $sent } email
       *[other] { $sent } emails
    } sent in the last 24 h + { $count } would exceed the daily quota of { $quota } (daily_quota). Add --over-quota to send anyway, or raise the quota in Settings.
cli-batch-dry-run = DRY RUN: no email is sent, each message is written as an .eml file.
cli-batch-to-send = { $count ->
    [one] { $count } email to send.
   *[other] { $count } emails to send.
}
cli-batch-sent = sent: { $email } ({ $code })
cli-batch-failed = { $will_retry ->
    [yes] failed: { $email }: { $message } — will retry
   *[no] failed: { $email }: { $message }
}
cli-batch-skipped = skipped: { $email } ({ $reason })
cli-batch-summary = { $sent } sent, { $failed } failed, { $skipped } skipped out of { $total }.
cli-batch-unrecorded = { $count ->
    [one] Warning: { $count } of these emails went out but JobGate could not write it down (database busy or disk full); if it cannot before it closes, it will show as "delivery uncertain". Do not send it again.
   *[other] Warning: { $count } of these emails went out but JobGate could not write it down (database busy or disk full); if it cannot before it closes, they will show as "delivery uncertain". Do not send them again.
}

## jobgate key, check, send-test

cli-key-stored = API key stored in the system keyring ({ $hint }).
cli-key-from-environment = API key set by the { $variable } variable ({ $hint }).
cli-key-none = No API key stored. Store one with: jobgate key set < file-holding-the-key
cli-key-deleted = API key deleted from the keyring.
cli-key-was-none = No API key was stored.
cli-check-ok = Connected to { $host }:{ $port } ({ $security }): the server accepted the API key. No email was sent.
cli-send-test-ok = Test email sent to { $email } (server reply: { $code } { $reply }).

## jobgate application, link, links, job

cli-status-changed = Application #{ $id }: { $from } → { $to }.
cli-status-link-revoked = Its interview link was revoked: it no longer works.
cli-link-revoked = The link of application #{ $id } is revoked: it no longer works. To invite again: jobgate invite { $id } --yes
cli-link-extended = The link of application #{ $id } is extended: it expires on { $until }.
cli-resend-confirm = Nothing done: to send the invitation to { $email } again, confirm by adding --yes:
    {"  "}jobgate link resend { $id } --yes
cli-links-exported = { $count ->
    [one] { $count } link exported to { $path }.
   *[other] { $count } links exported to { $path }.
}
cli-job-closed = Job offer #{ $id } closed: { $revoked ->
        [one] { $revoked } link revoked
       *[other] { $revoked } links revoked
    }, valid or expired. It takes no more invitations (jobgate job open { $id } to reopen it).
cli-job-reopened = Job offer #{ $id } reopened: its candidates can be invited.
cli-job-validity = { $days ->
    [one] New links of job offer #{ $id } will be valid for { $days } day.
   *[other] New links of job offer #{ $id } will be valid for { $days } days.
}
# jobgate job list: an offer's state and its links' validity, in a table.
cli-job-state = { $open ->
    [yes] open
   *[no] closed
}
cli-job-validity-short = { $days } d

## jobgate template ($code: the template's language; $custom: yes or no)

language-name = { $code ->
    [fr] French
    [en] English
   *[other] { $code }
}
template-kind = { $custom ->
    [yes] custom
   *[no] built-in default
}
cli-template-heading = Job offer #{ $id } — { $title }
cli-template-version = { $version ->
    [0] Version: 0 (never saved: the built-in French default)
   *[other] Version: { $version }
}
cli-template-language =
    Language: { $code } ({ language-name })
    Template: { template-kind }
cli-template-subject = Subject: { $subject }
cli-template-saved = Template of job offer #{ $id } saved: version { $version }, language { $code } ({ language-name }), { template-kind }. The next invitations will use it.
cli-template-set-nothing =
    Nothing done: give --subject, --body-file or --lang. For example:
    {"  "}jobgate template set --job { $id } --subject "Interview — {"{"}job_title{"}"}" --body-file template.txt
    {"  "}jobgate template set --job { $id } --lang en
cli-template-unreadable = { $stdin ->
    [yes] Error: could not read the template body from standard input ({ $detail }). Nothing was saved.
   *[no] Error: could not read the template body from "{ $path }" ({ $detail }). Nothing was saved.
}
cli-template-refused = Template refused: nothing was saved, job offer #{ $id } keeps its version { $version }.
cli-preview-sample-link = The link shown is a sample: this application has no valid link yet; the real one is made when the invitation is sent.
cli-preview-sample-candidate = Job offer #{ $id } has no application: the preview uses a sample candidate.

## jobgate about (a label and its value per line)

cli-about-version = Version: { $version }
cli-about-schema = Database schema: { $schema } (newest schema known: { $latest })
cli-about-data = Data: { $path }
cli-about-logs = Logs: { $path }

# jobgate candidate export|erase (GDPR). $count/$applications: applications; $links, $emails: how many.
cli-candidate-exported = { $count ->
    [one] The candidate's data was exported to { $path } ({ $count } application).
   *[other] The candidate's data was exported to { $path } ({ $count } applications).
}
cli-candidate-erase-confirm = Nothing was erased. Erasing { $name } ({ $email }) removes for good their name, address, links ({ $links }) and the text of their emails ({ $emails }); their applications ({ $applications }) stay, with no personal data, for the offers' counts. Confirm by adding --yes:
    {"  "}jobgate candidate erase { $email } --yes
cli-candidate-erased = Candidate #{ $id } erased: { $applications ->
    [one] { $applications } application kept with no personal data
   *[other] { $applications } applications kept with no personal data
}, { $links ->
    [0] no link to revoke
    [one] { $links } link revoked
   *[other] { $links } links revoked
}, { $emails ->
    [0] no waiting email
    [one] { $emails } waiting email withdrawn
   *[other] { $emails } waiting emails withdrawn
}.
cli-candidate-erased-not-compacted = Warning: the file could not yet be rewritten without the erased bytes (another program may hold it open); JobGate will do it the next time it opens this data.

## jobgate retention

cli-retention-off = No retention period is set (retention_months = 0): nobody is erased for age.
cli-retention-count = { $count ->
    [0] No candidate is past the { $months }-month retention period.
    [one] { $count } candidate is past the { $months }-month retention period:
   *[other] { $count } candidates are past the { $months }-month retention period:
}
cli-retention-hired = (hired)
cli-retention-how = To erase them as at their request: jobgate retention apply --yes
cli-retention-confirm = Nothing was erased. { $count ->
    [0] No candidate is past the { $months }-month retention period.
    [one] { $count } candidate is past the { $months }-month retention period: their name, address, links and the text of their emails will be deleted for good. Confirm by adding --yes.
   *[other] { $count } candidates are past the { $months }-month retention period: their names, addresses, links and the text of their emails will be deleted for good. Confirm by adding --yes.
}
cli-retention-applied = { $count ->
    [0] No candidate was past the { $months }-month retention period: nothing was erased.
    [one] { $count } candidate erased (past the { $months }-month retention period); their applications stay, with no personal data.
   *[other] { $count } candidates erased (past the { $months }-month retention period); their applications stay, with no personal data.
}
cli-retention-left-sending = { $count ->
    [one] { $count } candidate was not erased: an email to them is being sent. Run the command again in a moment.
   *[other] { $count } candidates were not erased: an email to them is being sent. Run the command again in a moment.
}
cli-about-register = GDPR register (most recent operations):
cli-about-register-empty = GDPR register: no operation yet.
