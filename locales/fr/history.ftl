# An application's history, one line per event (the detail panel, jobgate application history).
# Dates ($until, $from, $to) are already in the recruiter's zone.

history-application_added = Candidature ajoutée
history-link_created = Lien créé, valable jusqu'au { $until }
# $reason: recruiter, job_closed, or closed (the application's status, $status).
history-link_revoked = { $reason ->
    [job_closed] Lien révoqué : l'offre a été fermée
    [closed] Lien révoqué : candidature « { $status } »
   *[recruiter] Lien révoqué
}
history-link_extended = Lien prolongé jusqu'au { $to } (au lieu du { $from })
history-status_changed = Statut : { $from } → { $to }
# $kind: invitation or extension.
history-email_queued = { $kind ->
    [invitation] Email d'invitation préparé
   *[extension] Email de prolongation préparé
}
history-email_dry_run = Email écrit dans un fichier (essai à blanc) : rien n'a été envoyé
# $requeued: how many waiting emails were remade; $email_changed: yes or no.
history-candidate_edited = { $requeued ->
    [0] { $email_changed ->
            [yes] Coordonnées du candidat corrigées (nouvelle adresse email)
           *[no] Nom du candidat corrigé
        }
    [one] Coordonnées du candidat corrigées ; l'email en attente a été refait avec les nouvelles coordonnées
   *[other] Coordonnées du candidat corrigées ; les { $requeued } emails en attente ont été refaits avec les nouvelles coordonnées
}
# $outcome: sent, failed_temporary, failed_permanent, unknown, or sending.
history-email_attempt = { $kind ->
        [invitation] Email d'invitation
       *[extension] Email de prolongation
    } : { $outcome ->
        [sent] envoyé
        [failed_temporary] non envoyé (refus temporaire)
        [failed_permanent] refusé
        [unknown] envoi incertain
       *[sending] en cours d'envoi
    }
# A status no longer known (an old database).
history-status-unknown = ?
# The candidate was erased (RGPD); the event holds no personal data.
history-candidate_erased = Candidat effacé à sa demande (RGPD) : liens révoqués, emails en attente retirés, nom, adresse, liens et textes des emails supprimés
# The name an erased candidate is shown under (their own is gone).
candidate-erased-name = Candidat effacé
