# Why an email of the outbox ended without being sent, when no MailError says it
# (`outbox-error-` + the code recorded with it).

outbox-error-link_revoked = The link was revoked: this email will not be sent.
