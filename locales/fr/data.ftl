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
