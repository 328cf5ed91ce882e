# Why an email of the outbox ended without being sent, when no MailError says it
# (`outbox-error-` + the code recorded with it).

outbox-error-link_revoked = Le lien a été révoqué : cet email ne sera pas envoyé.
outbox-error-interrupted = JobGate s'est arrêté pendant l'envoi : on ne sait pas si l'email est parti. Vérifiez auprès du candidat ou dans l'activité SendGrid, puis renvoyez-le si besoin.
