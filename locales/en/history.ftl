# An application's history, one line per event (the detail panel, jobgate application history).
# Dates ($until, $from, $to) are already in the recruiter's zone.

history-application_added = Application added
history-link_created = Link created, valid until { $until }
# $reason: recruiter, job_closed, or closed (the application's status, $status).
history-link_revoked = { $reason ->
    [job_closed] Link revoked: the job offer was closed
    [closed] Link revoked: application "{ $status }"
   *[recruiter] Link revoked
}
history-link_extended = Link extended until { $to } (instead of { $from })
history-status_changed = Status: { $from } → { $to }
# $kind: invitation or extension.
history-email_queued = { $kind ->
    [invitation] Invitation email prepared
   *[extension] Extension email prepared
}
history-email_dry_run = Email written to a file (dry run): nothing was sent
# $requeued: how many waiting emails were remade; $email_changed: yes or no.
history-candidate_edited = { $requeued ->
    [0] { $email_changed ->
            [yes] Candidate's details corrected (new email address)
           *[no] Candidate's name corrected
        }
    [one] Candidate's details corrected; the waiting email was remade with the new details
   *[other] Candidate's details corrected; the { $requeued } waiting emails were remade with the new details
}
# $outcome: sent, failed_temporary, failed_permanent, unknown, or sending.
history-email_attempt = { $kind ->
        [invitation] Invitation email
       *[extension] Extension email
    }: { $outcome ->
        [sent] sent
        [failed_temporary] not sent (temporary refusal)
        [failed_permanent] refused
        [unknown] delivery uncertain
       *[sending] being sent
    }
# A status no longer known (an old database).
history-status-unknown = ?
# The candidate was erased (RGPD); the event holds no personal data.
history-candidate_erased = Candidate erased at their request (GDPR): links revoked, waiting emails withdrawn, name, address, links and email texts removed
# The name an erased candidate is shown under (their own is gone).
candidate-erased-name = Erased candidate
