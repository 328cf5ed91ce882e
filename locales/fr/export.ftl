# La liste exportée pour un tableur (Exporter la liste, jobgate list --csv) :
# ses en-têtes, et l'état du lien. Les heures sont celles du recruteur, son
# fuseau ({ $zone }) nommé dans l'en-tête.

export-column-application_id = N° de candidature
export-column-candidate_name = Candidat
export-column-email = E-mail
export-column-job_title = Offre
export-column-status = Statut de la candidature
export-column-invitation_status = Invitation
export-column-applied_at = Candidature reçue le ({ $zone })
export-column-start_url = Lien d'entretien
export-column-expires_at = Lien valable jusqu'au ({ $zone })
export-column-link_status = État du lien
export-column-email_state = Dernier email
export-column-sent_at = Email envoyé le ({ $zone })

export-link-active = Valide
export-link-expired = Expiré
export-link-revoked = Révoqué
