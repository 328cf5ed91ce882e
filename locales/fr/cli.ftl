# What the command line says (src-tauri/src/cli.rs and cli/).

cli-error = Erreur : { $message }

## jobgate import

cli-import-windows-1252 = Le fichier n'est pas en UTF-8 : il a été lu comme du Windows-1252 (Excel sous Windows). Vérifiez les accents ci-dessous.
cli-import-rejected-line = ligne { $line } ignorée : { $reasons }
cli-import-duplicate-line = ligne { $line } : même offre et même e-mail que la ligne { $first_line }, fusionnée avec elle.
# One sentence for the counts of an import; $dry_run is "yes" when nothing was saved.
cli-import-summary = { $dry_run ->
        [yes] ESSAI, rien n'a été enregistré. { cli-import-rows } : { $added ->
            [one] { $added } candidature serait ajoutée
           *[other] { $added } candidatures seraient ajoutées
        }
       *[no] { cli-import-rows } : { $added ->
            [one] { $added } candidature ajoutée
           *[other] { $added } candidatures ajoutées
        }
    }, { $present ->
        [one] { $present } déjà présente
       *[other] { $present } déjà présentes
    }, { $rejected ->
        [one] { $rejected } rejetée
       *[other] { $rejected } rejetées
    }.
cli-import-rows = { $rows ->
    [one] { $rows } ligne lue
   *[other] { $rows } lignes lues
}
cli-import-fix-and-retry = Corrigez les lignes indiquées puis réimportez le fichier : les lignes déjà importées ne seront pas dupliquées.
cli-import-erased = { $count ->
    [one] { $count } ligne d'un candidat effacé à sa demande (RGPD) ignorée : ajoutez --include-erased pour l'importer quand même.
   *[other] { $count } lignes de candidats effacés à leur demande (RGPD) ignorées : ajoutez --include-erased pour les importer quand même.
}

## jobgate list, outbox

cli-list-empty = Aucune candidature. Importez-en avec : jobgate import candidatures.csv
cli-outbox-empty = La boîte d'envoi est vide.

## jobgate invite

cli-invite-confirm = Rien n'a été fait : pour inviter { $name } ({ $job }) à l'entretien vidéo différé, confirmez en ajoutant --yes :
    {"  "}jobgate invite { $id } --yes
cli-invite-link-created = Lien créé pour { $name } : { $url }
cli-invite-link-kept = { $name } a déjà un lien valide : { $url }
cli-invite-expires = Ce lien expire le { $expires }.

## What happened to one email ($kind: invitation or extension).

cli-email-dry-run = MODE ESSAI : rien n'a été envoyé ; l'email pour { $email } est écrit dans le dossier du mode essai ({ $reply }).
cli-email-sent = { $kind ->
        [invitation] Email d'invitation
       *[extension] Email de prolongation
    } envoyé à { $email } (réponse du serveur : { $code } { $reply }).
cli-email-unrecorded = Attention : JobGate n'a pas pu l'inscrire dans ses données (base occupée ou disque plein) ; s'il n'y parvient pas avant de se fermer, il apparaîtra comme « envoi incertain » au prochain lancement. Ne le renvoyez pas : il est parti.
cli-email-failed = { $kind ->
    [invitation] Erreur : l'email d'invitation n'est pas parti. { $message }
   *[extension] Erreur : l'email de prolongation n'est pas parti. { $message }
}
cli-email-already-sent = L'invitation a déjà été envoyée à { $email } le { $when } : rien n'a été renvoyé (pour la renvoyer : jobgate link resend).
cli-email-in-progress = Cet email est en cours d'envoi par une autre fenêtre ou commande JobGate : rien n'a été envoyé en double.

## jobgate invite --job, several at once

cli-batch-none-awaiting = Aucune candidature de l'offre n° { $job } n'attend d'invitation : rien n'a été fait.
cli-batch-confirm = { $count ->
    [one] Rien n'a été fait : pour inviter { $count } candidat à l'entretien vidéo différé, confirmez en ajoutant --yes.
   *[other] Rien n'a été fait : pour inviter { $count } candidats à l'entretien vidéo différé, confirmez en ajoutant --yes.
}
cli-batch-over-quota = Rien n'a été fait : { $sent ->
        [one] { $sent } email envoyé
       *[other] { $sent } emails envoyés
    } ces dernières 24 h + { $count } dépasseraient le quota quotidien de { $quota } (daily_quota). Ajoutez --over-quota pour envoyer quand même, ou relevez le quota dans Réglages.
cli-batch-dry-run = MODE ESSAI : aucun email n'est envoyé, chaque message est écrit en .eml.
cli-batch-to-send = { $count ->
    [one] { $count } email à envoyer.
   *[other] { $count } emails à envoyer.
}
cli-batch-sent = envoyé : { $email } ({ $code })
cli-batch-failed = { $will_retry ->
    [yes] échec : { $email } : { $message } — nouvel essai plus tard
   *[no] échec : { $email } : { $message }
}
cli-batch-skipped = ignoré : { $email } ({ $reason })
cli-batch-summary = { $sent ->
        [one] { $sent } envoyé
       *[other] { $sent } envoyés
    }, { $failed } en échec, { $skipped ->
        [one] { $skipped } ignoré
       *[other] { $skipped } ignorés
    } sur { $total }.
cli-batch-unrecorded = { $count ->
    [one] Attention : { $count } de ces emails est parti mais JobGate n'a pas pu l'inscrire dans ses données (base occupée ou disque plein) ; s'il n'y parvient pas avant de se fermer, il apparaîtra comme « envoi incertain ». Ne le renvoyez pas.
   *[other] Attention : { $count } de ces emails sont partis mais JobGate n'a pas pu l'inscrire dans ses données (base occupée ou disque plein) ; s'il n'y parvient pas avant de se fermer, ils apparaîtront comme « envoi incertain ». Ne les renvoyez pas.
}

## jobgate key, check, send-test

cli-key-stored = Clé API enregistrée dans le trousseau du système ({ $hint }).
cli-key-from-environment = Clé API définie par la variable { $variable } ({ $hint }).
cli-key-none = Aucune clé API enregistrée. Enregistrez-la avec : jobgate key set < fichier-contenant-la-clé
cli-key-deleted = Clé API supprimée du trousseau.
cli-key-was-none = Aucune clé API n'était enregistrée.
cli-check-ok = Connexion réussie à { $host }:{ $port } ({ $security }) : le serveur a accepté la clé API. Aucun email n'a été envoyé.
cli-send-test-ok = Email de test envoyé à { $email } (réponse du serveur : { $code } { $reply }).

## jobgate application, link, links, job

cli-status-changed = Candidature n° { $id } : { $from } → { $to }.
cli-status-link-revoked = Son lien d'entretien a été révoqué : il ne fonctionne plus.
cli-link-revoked = Le lien de la candidature n° { $id } est révoqué : il ne fonctionne plus. Pour inviter à nouveau : jobgate invite { $id } --yes
cli-link-extended = Le lien de la candidature n° { $id } est prolongé : il expire le { $until }.
cli-resend-confirm = Rien n'a été fait : pour renvoyer l'invitation à { $email }, confirmez en ajoutant --yes :
    {"  "}jobgate link resend { $id } --yes
cli-links-exported = { $count ->
    [one] { $count } lien exporté dans { $path }.
   *[other] { $count } liens exportés dans { $path }.
}
cli-job-closed = Offre n° { $id } fermée : { $revoked ->
        [one] { $revoked } lien révoqué
       *[other] { $revoked } liens révoqués
    }, valides ou expirés. Elle n'accepte plus d'invitation (jobgate job open { $id } pour la rouvrir).
cli-job-reopened = Offre n° { $id } rouverte : ses candidats peuvent être invités.
cli-job-validity = { $days ->
    [one] Les nouveaux liens de l'offre n° { $id } seront valables { $days } jour.
   *[other] Les nouveaux liens de l'offre n° { $id } seront valables { $days } jours.
}
# jobgate job list: an offer's state and its links' validity, in a table.
cli-job-state = { $open ->
    [yes] ouverte
   *[no] fermée
}
cli-job-validity-short = { $days } j

## jobgate template ($code: the template's language; $custom: yes or no)

language-name = { $code ->
    [fr] français
    [en] anglais
   *[other] { $code }
}
template-kind = { $custom ->
    [yes] personnalisé
   *[no] par défaut
}
cli-template-heading = Offre n° { $id } — { $title }
cli-template-version = { $version ->
    [0] Version : 0 (jamais enregistré : le modèle par défaut en français)
   *[other] Version : { $version }
}
cli-template-language =
    Langue : { $code } ({ language-name })
    Modèle : { template-kind }
cli-template-subject = Objet : { $subject }
cli-template-saved = Modèle de l'offre n° { $id } enregistré : version { $version }, langue { $code } ({ language-name }), { template-kind }. Les prochaines invitations l'utiliseront.
cli-template-set-nothing =
    Rien n'a été fait : indiquez --subject, --body-file ou --lang. Par exemple :
    {"  "}jobgate template set --job { $id } --subject "Entretien — {"{"}job_title{"}"}" --body-file modele.txt
    {"  "}jobgate template set --job { $id } --lang en
cli-template-unreadable = { $stdin ->
    [yes] Erreur : impossible de lire le texte du modèle dans l'entrée standard ({ $detail }). Rien n'a été enregistré.
   *[no] Erreur : impossible de lire le texte du modèle dans « { $path } » ({ $detail }). Rien n'a été enregistré.
}
cli-template-refused = Modèle refusé : rien n'a été enregistré, l'offre n° { $id } garde sa version { $version }.
cli-preview-sample-link = Le lien montré est un exemple : cette candidature n'a pas encore de lien valide ; le vrai lien sera créé à l'envoi de l'invitation.
cli-preview-sample-candidate = L'offre n° { $id } n'a aucune candidature : l'aperçu utilise un candidat d'exemple.

## jobgate about (a label and its value per line)

cli-about-version = Version: { $version }
cli-about-schema = Schéma de la base: { $schema } (schéma le plus récent connu: { $latest })
cli-about-data = Données: { $path }
cli-about-logs = Journaux: { $path }

# jobgate candidate export|erase (RGPD). $count/$applications: applications; $links, $emails: how many.
cli-candidate-exported = { $count ->
    [one] Données du candidat exportées dans { $path } ({ $count } candidature).
   *[other] Données du candidat exportées dans { $path } ({ $count } candidatures).
}
cli-candidate-erase-confirm = Rien n'a été effacé. Effacer { $name } ({ $email }) supprime définitivement son nom, son adresse, ses liens ({ $links }) et le texte de ses emails ({ $emails }) ; ses candidatures ({ $applications }) restent, sans donnée personnelle, pour les comptes des offres. Confirmez en ajoutant --yes :
    {"  "}jobgate candidate erase { $email } --yes
cli-candidate-erased = Candidat n° { $id } effacé : { $applications ->
    [one] { $applications } candidature gardée sans donnée personnelle
   *[other] { $applications } candidatures gardées sans donnée personnelle
}, { $links ->
    [0] aucun lien à révoquer
    [one] { $links } lien révoqué
   *[other] { $links } liens révoqués
}, { $emails ->
    [0] aucun email en attente
    [one] { $emails } email en attente retiré
   *[other] { $emails } emails en attente retirés
}.
cli-candidate-erased-not-compacted = Attention : le fichier n'a pas encore pu être réécrit sans les octets effacés (un autre programme le tient peut-être ouvert) ; JobGate le fera à sa prochaine ouverture de ces données.

## jobgate retention

cli-retention-off = Aucune durée de conservation n'est fixée (retention_months = 0) : personne n'est effacé pour ancienneté.
cli-retention-count = { $count ->
    [0] Aucun candidat ne dépasse la durée de conservation de { $months } mois.
    [one] { $count } candidat dépasse la durée de conservation de { $months } mois :
   *[other] { $count } candidats dépassent la durée de conservation de { $months } mois :
}
cli-retention-hired = (recruté)
cli-retention-how = Pour les effacer comme à leur demande : jobgate retention apply --yes
cli-retention-confirm = Rien n'a été effacé. { $count ->
    [0] Aucun candidat ne dépasse la durée de conservation de { $months } mois.
    [one] { $count } candidat dépasse la durée de conservation de { $months } mois : son nom, son adresse, ses liens et le texte de ses emails seront supprimés définitivement. Confirmez en ajoutant --yes.
   *[other] { $count } candidats dépassent la durée de conservation de { $months } mois : leurs noms, adresses, liens et le texte de leurs emails seront supprimés définitivement. Confirmez en ajoutant --yes.
}
cli-retention-applied = { $count ->
    [0] Aucun candidat ne dépassait la durée de conservation de { $months } mois : rien n'a été effacé.
    [one] { $count } candidat effacé (conservation de { $months } mois dépassée) ; ses candidatures restent, sans donnée personnelle.
   *[other] { $count } candidats effacés (conservation de { $months } mois dépassée) ; leurs candidatures restent, sans donnée personnelle.
}
cli-retention-left-sending = { $count ->
    [one] { $count } candidat n'a pas été effacé : un email lui est en cours d'envoi. Relancez la commande dans un instant.
   *[other] { $count } candidats n'ont pas été effacés : un email leur est en cours d'envoi. Relancez la commande dans un instant.
}
cli-about-register = Registre RGPD (opérations les plus récentes) :
cli-about-register-empty = Registre RGPD : aucune opération pour l'instant.
