# Why an email of the outbox ended without being sent, when no MailError says it
# (`outbox-error-` + the code recorded with it).

outbox-error-link_revoked = Le lien a été révoqué : cet email ne sera pas envoyé.
