# What went wrong and what to do: jobgate_core::error::CoreError (one message per
# variant, `error-` + its code). Values the recruiter typed ($value, $name, $path…)
# arrive shortened to one line.

## The fields a message can point at ($field: job_title, candidate_name, email,
## base_url, link_validity_days). Each sentence is written whole, so that its
## words agree with the field's gender.

error-empty_field = { $field ->
    [job_title] Renseignez l'intitulé du poste : ce champ est obligatoire.
    [candidate_name] Renseignez le nom du candidat : ce champ est obligatoire.
    [email] Renseignez l'adresse e-mail : ce champ est obligatoire.
    [base_url] Renseignez l'adresse de base des liens : ce champ est obligatoire.
   *[other] Renseignez la durée de validité des liens : ce champ est obligatoire.
}
error-field_too_long = { $field ->
    [job_title] L'intitulé du poste est trop long : { $max } caractères au plus. Raccourcissez-le.
    [candidate_name] Le nom du candidat est trop long : { $max } caractères au plus. Raccourcissez-le.
    [email] L'adresse e-mail est trop longue : { $max } caractères au plus. Raccourcissez-la.
    [base_url] L'adresse de base des liens est trop longue : { $max } caractères au plus. Raccourcissez-la.
   *[other] La durée de validité des liens est trop longue : { $max } caractères au plus. Raccourcissez-la.
}
error-control_character = { $field ->
    [job_title] L'intitulé du poste contient un retour à la ligne ou un caractère de contrôle. Gardez-le sur une seule ligne.
    [candidate_name] Le nom du candidat contient un retour à la ligne ou un caractère de contrôle. Gardez-le sur une seule ligne.
    [email] L'adresse e-mail contient un retour à la ligne ou un caractère de contrôle. Gardez-la sur une seule ligne.
    [base_url] L'adresse de base des liens contient un retour à la ligne ou un caractère de contrôle. Gardez-la sur une seule ligne.
   *[other] La durée de validité des liens contient un retour à la ligne ou un caractère de contrôle. Gardez-la sur une seule ligne.
}
error-invalid_email = « { $value } » n'est pas une adresse e-mail valide. Corrigez-la (exemple : prenom.nom@exemple.fr).
error-invalid_base_url = « { $value } » n'est pas une adresse web valide pour les liens. Indiquez une adresse http:// ou https://, par exemple https://entretiens.exemple.fr.
error-base_url_on_this_computer = Les liens mèneraient à « { $value } », une adresse de cet ordinateur : aucun candidat ne pourrait les ouvrir, rien n'a été envoyé. Indiquez l'adresse de votre plateforme d'entretien dans Réglages → Liens d'entretien (le mode essai, lui, l'accepte).
error-not_ready_to_send = Rien n'a été créé ni envoyé : { $sender ->
        [yes] { $key ->
            [yes] l'adresse d'expéditeur (From) et la clé API SendGrid manquent
           *[no] l'adresse d'expéditeur (From) manque
        }
       *[no] la clé API SendGrid manque
    } pour que l'email parte. { $sender ->
        [yes] { $key ->
            [yes] Réglez-les
           *[no] Réglez-la
        }
       *[no] Réglez-la
    } dans Réglages (un administrateur saisit la clé une fois ; ou définissez la variable SENDGRID_API_KEY), puis réessayez. Le mode essai, lui, n'a pas besoin de clé.
error-invalid_validity_days = « { $value } » n'est pas une durée de validité possible. Indiquez un nombre de jours entre 1 et 365.

## Settings ($name: the setting's name, $known: every setting's name).

error-unknown_setting = Le réglage « { $name } » n'existe pas. Réglages connus : { $known }.
error-invalid_setting = « { $value } » n'est pas une valeur possible pour { error-setting-label } ({ $name }) : { error-setting-hint }
error-setting-label = { $name ->
    [smtp_host] le serveur SMTP
    [smtp_port] le port SMTP
    [smtp_security] la sécurité SMTP
    [smtp_username] l'identifiant SMTP
    [smtp_ca_file] le certificat d'autorité
    [smtp_connections] le nombre de connexions
    [rate_limit_per_minute] la limite par minute
    [daily_quota] le quota quotidien
    [delivery_mode] le mode d'envoi
    [dry_run_dir] le dossier du mode essai
    [smtp_timeout_seconds] le délai maximal
    [from] l'expéditeur
    [reply_to] l'adresse de réponse
    [log_level] le niveau du journal
   *[other] ce réglage
}
error-setting-hint = { $name ->
    [smtp_host] indiquez un nom de serveur sans espace, par exemple smtp.sendgrid.net.
    [smtp_port] indiquez un port entre 1 et 65535 (587 pour STARTTLS, 465 pour TLS).
    [smtp_security] choisissez starttls, tls ou plain.
    [smtp_username] indiquez un identifiant (apikey pour SendGrid).
    [smtp_ca_file] indiquez le chemin d'un fichier de certificat PEM existant, ou laissez vide.
    [smtp_connections] indiquez un nombre de connexions entre 1 et 16.
    [rate_limit_per_minute] indiquez un nombre d'emails par minute (0 : sans limite).
    [daily_quota] indiquez un nombre d'emails par jour (0 : sans quota ; 100 pour l'offre gratuite de SendGrid).
    [delivery_mode] choisissez smtp (envoi réel) ou dry_run (fichiers .eml, rien n'est envoyé).
    [dry_run_dir] indiquez un dossier, ou laissez vide.
    [smtp_timeout_seconds] indiquez un nombre de secondes entre 1 et 300.
    [from] indiquez une adresse, éventuellement avec un nom : Acme Recrutement <recrutement@acme.fr>.
    [reply_to] indiquez une adresse, éventuellement avec un nom : Acme Recrutement <recrutement@acme.fr>.
    [log_level] choisissez error, warn, info ou debug.
   *[other] corrigez la valeur.
}

## Applications, candidates, job offers, links.

error-unknown_status = Le statut « { $value } » n'existe pas. Statuts possibles : { $known }.
error-unknown_stage = L'étape « { $value } » n'existe pas. Étapes possibles : { $known }.
error-application_not_found = La candidature n° { $id } n'existe pas (ou plus). Actualisez la liste.
error-outbox_not_found = Le message n° { $id } n'existe pas dans la boîte d'envoi. Actualisez la liste.
error-duplicate_application = { $email } a déjà postulé à l'offre « { $job_title } ». Rien n'a été ajouté.
# $status: the status's label as the list shows it.
error-application_closed = La candidature n° { $id } est close (statut « { $status } ») : aucun lien ni email ne lui est plus envoyé, et son lien ne peut être ni prolongé ni renvoyé. Rien n'a été modifié. Changez son statut si vous voulez l'inviter à nouveau.
error-job_closed = L'offre « { $job_title } » est fermée : ses candidats ne reçoivent plus ni lien ni email, et leurs liens ne peuvent être ni prolongés ni renvoyés. Rien n'a été modifié. Rouvrez l'offre pour inviter.
# $until: the latest date the link can reach, in the recruiter's zone.
error-link_at_maximum_lifetime = Le lien de la candidature n° { $id } ne peut pas être prolongé au-delà d'un an après sa création ({ $until }). Rien n'a été modifié. Pour lui laisser plus de temps, révoquez ce lien (ou attendez qu'il expire), puis faites-lui un nouveau lien.
# $state: none (no link yet), revoked, expired.
error-no_active_link = { $state ->
    [none] La candidature n° { $id } n'a pas encore de lien : invitez d'abord le candidat (Inviter).
    [revoked] Le lien de la candidature n° { $id } a été révoqué : il ne peut plus servir. Créez-en un nouveau avec Inviter.
   *[expired] Le lien de la candidature n° { $id } a expiré : prolongez-le, ou créez-en un nouveau avec Inviter.
}
error-job_not_found = Il n'y a pas d'offre n° { $id }. Vérifiez le numéro (jobgate job list).
error-application_of_another_job = La candidature n° { $id } est pour l'offre n° { $its_job_id } (« { $its_job_title } »), pas pour l'offre n° { $job_id }. Choisissez une candidature de cette offre.
error-candidate_not_found = Le candidat n° { $id } n'existe pas (ou plus). Actualisez la liste.
error-no_candidate_with_email = Aucun candidat n'a l'adresse { $email } (un candidat effacé n'en a plus). Vérifiez l'adresse avec « jobgate list --search ».
error-candidate_erased = La candidature n° { $id } est celle d'un candidat effacé à sa demande (RGPD) : plus aucun lien, email ni mailto ne lui est envoyé, et son nom et son adresse ne peuvent pas être redonnés.
error-erase_while_sending = { $count ->
    [one] Rien n'a été effacé : { $count } email à ce candidat est en cours d'envoi. Attendez la fin de l'envoi (Boîte d'envoi), puis effacez de nouveau.
   *[other] Rien n'a été effacé : { $count } emails à ce candidat sont en cours d'envoi. Attendez la fin de l'envoi (Boîte d'envoi), puis effacez de nouveau.
}
error-erasure_register_failed = Rien n'a été effacé : impossible d'écrire le registre des effacements « { $path } » ({ $detail }). Vérifiez que le dossier des données est accessible en écriture, puis effacez de nouveau.
error-erased_at_request = Candidat effacé à sa demande le { $date } (RGPD). Pour l'importer quand même, cochez « Importer aussi les candidats effacés à leur demande » (jobgate import --include-erased).
error-email_taken = Un autre candidat a déjà l'adresse { $email } : rien n'a été modifié. Vérifiez l'adresse.
error-job_title_taken = Une autre offre s'appelle déjà « { $title } » : rien n'a été modifié. Choisissez un autre intitulé.
error-application_has_history = La candidature n° { $id } a déjà reçu un lien ou un email : la supprimer effacerait son historique. Passez-la plutôt au statut « Retirée par le candidat » ou « Non retenue ».

## Files the recruiter chose: exports, backups, restores.

error-export_failed = Impossible d'écrire l'export dans « { $path } » ({ $detail }). Choisissez un autre dossier ; rien n'a été écrit.
error-backup_failed = Impossible d'écrire la sauvegarde dans « { $path } » ({ $detail }). Choisissez un autre dossier (une clé USB, un dossier synchronisé) ; vos données n'ont pas changé.
# $reason: unreadable (with $detail), not_sqlite, not_jobgate, damaged (with $detail), not_a_file.
error-backup_invalid = « { $path } » ne peut pas être restauré : { $reason ->
        [unreadable] le fichier est illisible ({ $detail })
        [not_sqlite] ce n'est pas une sauvegarde JobGate (pas une base SQLite)
        [not_jobgate] c'est une base SQLite, mais pas une sauvegarde JobGate
        [damaged] la sauvegarde est endommagée ({ $detail })
       *[not_a_file] c'est un dossier, pas un fichier
    }. Rien n'a été modifié ; choisissez un fichier créé par Réglages → Sauvegarder (ou jobgate backup).
error-backup_too_new = « { $path } » a été créée par une version plus récente de JobGate (schéma { $found }, cette version lit jusqu'au schéma { $supported }). Rien n'a été modifié ; installez la dernière version de JobGate pour la restaurer.
error-restore_while_sending = { $count ->
    [one] Rien n'a été restauré : { $count } email est en cours d'envoi. Attendez la fin de l'envoi (Boîte d'envoi), puis restaurez.
   *[other] Rien n'a été restauré : { $count } emails sont en cours d'envoi. Attendez la fin de l'envoi (Boîte d'envoi), puis restaurez.
}
error-restore_while_other_process = { $count ->
    [one] Rien n'a été restauré : une autre fenêtre ou commande JobGate travaille sur ces données. Fermez-la (ou attendez la fin de la commande), puis restaurez.
   *[other] Rien n'a été restauré : { $count } autres fenêtres ou commandes JobGate travaillent sur ces données. Fermez-les (ou attendez la fin de la commande), puis restaurez.
}
error-restore_settings_changed = Rien n'a été restauré : le serveur d'envoi (serveur, port, sécurité, identifiant ou certificat) a changé pendant que vous confirmiez. Recommencez la restauration pour voir les différences.
error-restore_over_usable = Rien n'a été remplacé : les données s'ouvrent (elles ont été restaurées entre-temps). Ouvrez JobGate ; pour restaurer à nouveau, passez par Réglages → Restaurer… ou jobgate restore FICHIER --yes.
error-replace_failed = La sauvegarde n'a pas pu remplacer { $path } ({ $detail }). Rien n'est perdu : ce qui a été déplacé est dans { $safety_dir }. Vérifiez les droits du dossier et la place libre, puis recommencez la restauration.
error-safety_copy_failed = Rien n'a été restauré : la copie de sécurité des données actuelles n'a pas pu être écrite dans { $path } ({ $detail }). Libérez de la place sur le disque ou vérifiez les droits du dossier de données, puis réessayez.
error-database_damaged = Le fichier de données { $path } est endommagé ({ $detail }). JobGate ne l'a ni modifié ni recréé. Restaurez votre dernière sauvegarde : « Restaurer une sauvegarde… » dans la fenêtre, ou jobgate restore FICHIER --yes (le fichier endommagé est gardé à part).
error-database_too_new = Les données { $path } ont été écrites par une version plus récente de JobGate (schéma { $found }, cette version lit jusqu'au schéma { $supported }). Rien n'a été modifié ; installez la dernière version de JobGate.
error-destination_is_jobgate_data = « { $path } » fait partie des données de JobGate (la base, ses journaux, les copies de sécurité ou le journal, dans { $data_dir }) : rien n'y a été écrit, vos données sont intactes. Choisissez un autre emplacement, par exemple votre dossier Documents.

## Email templates ($part: subject or body; $placeholder: a {name} as the
## recruiter writes it; $known: every placeholder JobGate knows).

error-template_empty = { $part ->
    [subject] L'objet du modèle est vide : écrivez-le.
   *[body] Le texte du modèle est vide : écrivez-le.
}
error-template_too_long = { $part ->
    [subject] L'objet du modèle est trop long : { $max } caractères au plus.
   *[body] Le texte du modèle est trop long : { $max } caractères au plus.
}
error-template_subject_not_one_line = L'objet doit tenir sur une ligne : retirez les retours à la ligne.
error-template_unknown_placeholder = { $part ->
    [subject] L'objet contient { $placeholder }, que JobGate ne connaît pas. Utilisez : { $known }.
   *[body] Le texte contient { $placeholder }, que JobGate ne connaît pas. Utilisez : { $known }.
}
error-template_unclosed_brace = { $part ->
    [subject] L'objet ouvre une accolade « {"{"} » sans la fermer. Fermez-la, ou écrivez {"{{"} pour une accolade.
   *[body] Le texte ouvre une accolade « {"{"} » sans la fermer. Fermez-la, ou écrivez {"{{"} pour une accolade.
}
error-template_missing_start_url = Le texte ne contient pas { $placeholder } : sans lui, le candidat ne reçoit pas son lien. Ajoutez-le.

## The import, the system, the disk, the database.

error-randomness = Le générateur aléatoire du système n'a pas répondu ({ $detail }) ; aucun lien n'a été créé. Réessayez ; si cela persiste, redémarrez l'ordinateur.
error-csv_unreadable = Le fichier ne peut pas être lu comme un CSV ({ $detail }). Enregistrez-le au format CSV (UTF-8) depuis votre tableur, puis réessayez. Rien n'a été importé.
error-csv_missing_columns = Colonnes manquantes dans l'en-tête : { $missing }. La première ligne doit être job_title,candidate_name,email. Rien n'a été importé.
error-data_dir_unavailable = Le dossier de données { $path } est inaccessible ({ $detail }). Vérifiez ses droits ou choisissez-en un autre avec JOBGATE_DATA_DIR.
error-internal = JobGate a rencontré une erreur interne. Fermez puis rouvrez l'application ; vos données sont conservées.
error-disk_full = Le disque qui contient le dossier de données de JobGate ({ $data_dir }) est plein : rien n'a été enregistré. Libérez de la place sur ce disque (videz la corbeille, supprimez ou déplacez de gros fichiers), puis réessayez.
error-data_read_only = JobGate ne peut pas écrire dans son dossier de données ({ $data_dir }) : le disque ou le dossier est en lecture seule, ou vos droits ne le permettent pas. Rien n'a été enregistré. Vérifiez que le disque est branché et accessible en écriture et que le dossier vous appartient, puis réessayez.
error-database_locked = La base de données de JobGate ({ $data_dir }) est verrouillée par un autre programme depuis plus de 10 secondes : rien n'a été modifié. Fermez ce qui l'utilise (une autre fenêtre ou commande JobGate, un outil SQLite, un logiciel de sauvegarde ou de synchronisation), puis réessayez.
# The database turned out damaged while JobGate was using it.
error-database_damaged_in_use = Le fichier de données est endommagé ({ $detail }). Restaurez votre dernière sauvegarde : Réglages → Restaurer… dans la fenêtre, ou jobgate restore FICHIER --yes (la copie endommagée est gardée à part).
error-database = La base de données locale a renvoyé une erreur ({ $detail }). Rien n'a été modifié ; réessayez. Si cela persiste, fermez les autres fenêtres JobGate.
error-migration = La base de données n'a pas pu être mise à jour ({ $detail }). Vos données n'ont pas été modifiées ; installez la dernière version de JobGate.
error-io = Erreur de lecture ou d'écriture de fichier : { $detail }.

## The window's own errors (src-tauri/src/error.rs).

error-batch_running = Un envoi groupé est déjà en cours : attendez sa fin ou annulez-le.
error-mail_client = Aucune messagerie ne s'est ouverte sur cet ordinateur. Copiez l'objet et le texte de l'invitation, puis l'adresse du candidat, et collez-les dans votre messagerie (une messagerie en ligne convient).
error-already_usable = Les données s'ouvrent déjà (elles ont été restaurées entre-temps) : rien n'a été remplacé. Cliquez sur « Ouvrir JobGate » ou rouvrez JobGate.
error-restart = JobGate n'a pas pu se relancer ({ $detail }). Vos données sont restaurées : fermez cette fenêtre et rouvrez JobGate.
error-file_manager = Le gestionnaire de fichiers ne s'est pas ouvert ({ $detail }). Le chemin du dossier est affiché dans Réglages → À propos : ouvrez-le vous-même.
error-no_file_chosen = Aucun fichier n'a été choisi : rien n'a été fait. Recommencez en choisissant le fichier dans la fenêtre qui s'ouvre.
error-settings_declined = Réglages non enregistrés : le serveur d'envoi et votre clé restent ceux d'avant.
error-restore_declined = Restauration annulée : rien n'a changé, vos données et vos réglages d'envoi sont ceux d'avant.
error-validation = Certains champs sont à corriger : voyez les messages sous chaque champ.
error-no_app_data_dir = Le système n'indique aucun dossier pour les données des applications. Définissez JOBGATE_DATA_DIR avec le dossier où JobGate doit garder ses données, puis relancez-le.
