# Why an email of the outbox ended without being sent, when no MailError says it
# (`outbox-error-` + the code recorded with it).

outbox-error-link_revoked = The link was revoked: this email will not be sent.
outbox-error-interrupted = JobGate stopped while sending: it is not known whether the email went out. Check with the candidate or in SendGrid's activity, then send it again if needed.
