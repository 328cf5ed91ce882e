# Backups and restores: what the window and the command line say once done.

restore-report-done = Sauvegarde restaurée : { $applications ->
        [one] { $applications } candidature
       *[other] { $applications } candidatures
    }, { $job_offers ->
        [one] { $job_offers } offre
       *[other] { $job_offers } offres
    }.
restore-report-safety-copy = Les données remplacées sont gardées dans { $path }.
restore-report-upgraded = Elle venait d'une version antérieure (schéma { $schema }) et a été mise à jour.
restore-report-interrupted = { $count ->
    [one] { $count } email en cours d'envoi au moment de la sauvegarde est marqué « incertain » : vérifiez-le dans la boîte d'envoi.
   *[other] { $count } emails en cours d'envoi au moment de la sauvegarde sont marqués « incertain » : vérifiez-les dans la boîte d'envoi.
}
restore-report-erased-again = { $count ->
    [one] { $count } candidat effacé à sa demande depuis cette sauvegarde y figurait encore : il a été effacé de nouveau (registre des effacements).
   *[other] { $count } candidats effacés à leur demande depuis cette sauvegarde y figuraient encore : ils ont été effacés de nouveau (registre des effacements).
}

## jobgate backup, restore (the command line)

# A backup's contents: "3 candidatures, 1 offre, 2 liens, 4 emails".
backup-contents = { $applications ->
        [one] { $applications } candidature
       *[other] { $applications } candidatures
    }, { $job_offers ->
        [one] { $job_offers } offre
       *[other] { $job_offers } offres
    }, { $links ->
        [one] { $links } lien
       *[other] { $links } liens
    }, { $emails ->
        [one] { $emails } email
       *[other] { $emails } emails
    }
cli-backup-written = Sauvegarde écrite : { $path } ({ backup-contents }, { $bytes } octets). La clé API n'y est pas : elle reste dans le trousseau.
cli-backup-described = { $path } : sauvegarde du { $when }, { backup-contents } (schéma { $schema }).
cli-restore-key-destination = Réglage d'envoi changé par la sauvegarde : { $name } : { $current } → { $backup } (votre clé API serait envoyée à ce serveur).
cli-restore-confirm = Rien n'a été restauré. Ajoutez --yes pour remplacer les données actuelles par cette sauvegarde (une copie de sécurité des données actuelles est gardée).
