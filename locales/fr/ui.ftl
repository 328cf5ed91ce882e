# The window's texts (ui/): ids are the views' keys with '-' for '.'.
# {name} placeholders are Fluent variables ($name).

## nav

nav-outbox = Boîte d'envoi

## list

list-job_filter = Filtrer par offre
list-all_jobs = Toutes les offres
list-select_all = Tout sélectionner
list-select_row = Sélectionner { $name }

## bulk

bulk-selected = Inviter la sélection ({ $n })
bulk-all = Inviter tous les non-invités de l'offre
bulk-none = Aucune candidature de cette offre n'attend d'invitation.
bulk-confirm = Inviter { $n ->
        [one] { $n } candidat
       *[other] { $n } candidats
    } { $offers ->
        [one] de l'offre « { $job } »
       *[other] de { $offers } offres
    } à l'entretien vidéo différé ? { $n ->
        [one] Il recevra
       *[other] Chacun recevra
    } par email son lien personnel d'entretien.
bulk-confirm_quota = Attention : { $sent ->
        [one] { $sent } email déjà envoyé ces dernières 24 h
       *[other] { $sent } emails déjà envoyés ces dernières 24 h
    } ; avec ces { $n }, le quota quotidien de { $quota } sera dépassé et SendGrid pourrait refuser les suivants.
bulk-confirm_dry_run = Mode essai : rien ne sera envoyé, les emails seront écrits en fichiers .eml.

## batch

batch-title = Envoi de { $n ->
        [one] { $n } invitation
       *[other] { $n } invitations
    }
batch-title_dry_run = Mode essai : { $n ->
        [one] { $n } invitation écrite en
       *[other] { $n } invitations écrites en
    } .eml
batch-counts = { $done } / { $total } — { $sent ->
        [one] { $sent } envoyé
       *[other] { $sent } envoyés
    }, { $failed } en échec, { $skipped ->
        [one] { $skipped } ignoré
       *[other] { $skipped } ignorés
    }
batch-cancel = Annuler
batch-cancelling = Annulation…
batch-connecting = Connexion au serveur d'envoi…
batch-cancel_heard = Annulé : plus aucun nouvel email ne part. { $in_flight ->
        [0] Aucun n'était en cours d'envoi
        [one] { $in_flight } email était déjà remis au serveur : il partira quand même
       *[other] { $in_flight } emails étaient déjà remis au serveur : ils partiront quand même
    }{ $queued ->
        [0] .
        [one] {" "}; { $queued } invitation reste à envoyer, la validité de son lien comptera à partir de son envoi.
       *[other] {" "}; { $queued } invitations restent à envoyer, la validité de leurs liens comptera à partir de leur envoi.
    }
batch-cancel_too_late = Trop tard pour annuler : tous les emails étaient déjà partis.
batch-retry_button = Réessayer
batch-close = Fermer
batch-sent = Envoyé à { $email }
batch-failed = Échec pour { $email } : { $error }
batch-retry = Nouvel essai plus tard pour { $email } : { $error }
batch-skipped = Ignoré : { $email }
batch-done = Terminé : { $sent ->
        [one] { $sent } envoyé
       *[other] { $sent } envoyés
    }, { $failed } en échec, { $skipped ->
        [one] { $skipped } ignoré
       *[other] { $skipped } ignorés
    }, { $cancelled ->
        [one] { $cancelled } annulé
       *[other] { $cancelled } annulés
    }.
batch-stopped = Envoi arrêté : { $error }
batch-settings_title = Envois groupés

## setting

setting-smtp_connections = Connexions simultanées
setting-rate_limit_per_minute = Emails par minute au plus (0 : sans limite)
setting-daily_quota = Quota quotidien (0 : aucun ; 100 : offre gratuite SendGrid)
setting-delivery_mode = Mode d'envoi
setting-dry_run_dir = Dossier du mode essai
setting-dry_run_dir-placeholder = par défaut : dry-run dans le dossier de données

## delivery

delivery-smtp = Envoi réel (SMTP)
delivery-dry_run = Mode essai : fichiers .eml, rien n'est envoyé

## dry_run

dry_run-banner = Mode essai : aucun email n'est envoyé. Les messages sont écrits dans { $dir }.

## outbox

outbox-title = Boîte d'envoi
outbox-refresh = Actualiser
outbox-count = { $n ->
        [one] { $n } email
       *[other] { $n } emails
    }
outbox-empty = Aucun email pour l'instant.
outbox-col-when = Dernier changement
outbox-col-recipient = Destinataire
outbox-col-job = Offre
outbox-col-actions = Actions
outbox-open = Ouvrir
outbox-open_title = Ouvrir la candidature { $name_elides ->
        [yes] d'{ $name }
       *[no] de { $name }
    }
outbox-older = Un email plus récent a suivi pour cette candidature.
outbox-col-state = État
outbox-col-attempts = Essais
outbox-col-server = Ce qui s'est passé
outbox-state-queued = En attente
outbox-state-sending = En cours d'envoi
outbox-state-sent = Envoyé
outbox-state-failed_temporary = Échec de l'envoi — à réessayer
outbox-state-failed_permanent = Échec de l'envoi — à corriger
outbox-state-unknown = Envoi incertain

## nav

nav-list = Candidatures
nav-settings = Réglages

## status

status-sending = Envoi en cours
status-queued = En attente d'envoi
status-sent = Invitation envoyée
status-send_failed = Échec de l'envoi
status-send_unknown = Envoi incertain

## email

email-sent_at = le { $date }

## invite

invite-send = Envoyer
invite-retry = Réessayer
invite-resend = Renvoyer
invite-dry_run = Mode essai : rien n'a été envoyé. L'email pour { $name } est écrit dans le dossier du mode essai.
invite-sent = Invitation envoyée à { $name } ({ $email }).

## batch

batch-unrecorded = { $unrecorded } de ces emails sont partis, mais JobGate n'a pas encore pu l'inscrire (base occupée ou disque plein) : ne les renvoyez pas.

## email

email-sent_unrecorded = JobGate n'a pas encore pu l'inscrire dans ses données (base occupée ou disque plein) : il le fera dès que possible ; sinon, il apparaîtra comme « envoi incertain » au prochain démarrage. Ne renvoyez pas cet email : il est parti.

## invite

invite-failed = Le lien { $name_elides ->
        [yes] d'{ $name }
       *[no] de { $name }
    } est créé, mais l'email n'est pas parti. { $error }
invite-already_sent = L'invitation { $name_elides ->
        [yes] d'{ $name }
       *[no] de { $name }
    } a déjà été envoyée : rien n'a été renvoyé.
invite-in_progress = L'invitation { $name_elides ->
        [yes] d'{ $name }
       *[no] de { $name }
    } est en cours d'envoi ailleurs : rien n'a été envoyé en double.

## settings

settings-title = Réglages
settings-save = Enregistrer les réglages
settings-saved = Réglages enregistrés.
settings-check = Vérifier la connexion
settings-check_ok = Connexion réussie à { $host }:{ $port } ({ $security }) : la clé API est acceptée. Aucun email n'a été envoyé.
settings-test_ok = Email de test envoyé à { $address } (réponse du serveur : { $code } { $reply }).
settings-working = Patientez…
settings-overridden = Remplacé par la variable { $variable } : { $value }
settings-advanced = Avancé : serveur SMTP et cadence d'envoi
settings-advanced_help = À ne changer que pour un autre relais que SendGrid, ou à la demande de votre service informatique.
settings-pace_title = Cadence d'envoi
settings-leave_title = Modifications non enregistrées
settings-leave_question = Des réglages ont été modifiés mais pas enregistrés. Quitter les Réglages sans les enregistrer ?
settings-leave_ok = Quitter sans enregistrer
settings-leave_stay = Rester

## key

key-title = Clé API SendGrid
key-help = Elle est gardée dans le trousseau du système, jamais dans la base de données. Créez-la dans SendGrid (Settings → API Keys) avec la permission « Mail Send ».
key-label = Nouvelle clé
key-placeholder = SG.xxxxxxxx.xxxxxxxx
key-save = Enregistrer la clé
key-delete = Supprimer la clé
key-saved = Clé API enregistrée dans le trousseau du système.
key-deleted = Clé API supprimée du trousseau.
key-set = Clé enregistrée : { $hint }
key-set_env = Clé fournie par la variable SENDGRID_API_KEY : { $hint }
key-unset = Aucune clé enregistrée : les invitations ne peuvent pas partir.

## test

test-title = Tester l'envoi
test-help = Vérifiez la connexion (aucun email n'est envoyé), puis envoyez-vous un email de test.
test-address = Adresse de test
test-send = Envoyer un email de test

## sender

sender-title = Expéditeur

## setting

setting-from = Expéditeur (From)
setting-from-placeholder = Acme Recrutement <recrutement@acme.fr>
setting-reply_to = Adresse de réponse (Reply-To)
setting-reply_to-placeholder = facultatif

## links

links-title = Liens d'entretien

## setting

setting-base_url = Adresse de la plateforme d'entretien
setting-link_validity_days = Validité des liens (jours, pour les nouvelles offres)

## smtp

smtp-title = Serveur d'envoi (SMTP)

## setting

setting-smtp_host = Serveur
setting-smtp_port = Port
setting-smtp_security = Sécurité
setting-smtp_username = Identifiant
setting-smtp_ca_file = Certificat d'autorité supplémentaire (PEM)
setting-smtp_ca_file-placeholder = facultatif, pour un relais d'entreprise
setting-smtp_timeout_seconds = Délai maximal (secondes)

## security

security-starttls = STARTTLS obligatoire (587)
security-tls = TLS (465)
security-plain = Sans chiffrement (cette machine seulement)

## app

app-tagline = Entretiens vidéo différés

## list

list-title = Candidatures
list-search = Rechercher : nom, e-mail, poste…
list-count-one = { $n } candidature
list-count-many = { $n } candidatures
list-count-filtered = { $shown } sur { $total }

## add

add-open = + Ajouter une candidature
add-title = Nouvelle candidature
add-submit = Ajouter
add-cancel = Annuler
add-done = Candidature { $name_elides ->
        [yes] d'{ $name }
       *[no] de { $name }
    } ajoutée pour « { $job } ».
add-already = { $name } a déjà postulé à « { $job } » : rien n'a été ajouté.

## field

field-job_title = Intitulé du poste
field-job_title-placeholder = Développeur Full Stack
field-candidate_name = Nom du candidat
field-candidate_name-placeholder = Camille Martin
field-email = E-mail
field-email-placeholder = camille.martin@exemple.fr

## col

col-candidate = Candidat
col-email = E-mail
col-job = Offre
col-status = Invitation
col-link = Lien d'entretien
col-action = Action

## status

status-not_invited = Non invitée
status-link_active = Lien créé
status-link_expired = Lien expiré
status-link_revoked = Lien révoqué

## invite

invite-button = Inviter
invite-confirm = Êtes-vous sûr de vouloir inviter { $name } à l'entretien vidéo différé pour l'offre « { $job } » ? L'invitation sera envoyée à { $email }.
invite-dialog_title = Inviter à l'entretien
invite-ok = Inviter
invite-cancel = Annuler
invite-busy = Envoi…

## link

link-copy = Copier
link-copied = Lien copié dans le presse-papiers.
link-copy_failed = Impossible de copier automatiquement : sélectionnez le lien et copiez-le.
link-expires = Expire le { $date }
link-expired = A expiré le { $date }
link-none = —
link-revoked = Révoqué : ce lien ne fonctionne plus.

## empty

empty-title = Aucune candidature pour l'instant
empty-body = Importez le fichier CSV de votre ATS ou de votre job board avec « Importer un CSV » (colonnes Poste, Nom du candidat, E-mail — en français ou en anglais, virgules ou points-virgules), ajoutez une candidature avec « + Ajouter une candidature », ou en ligne de commande :

## nomatch

nomatch-title = Aucune candidature ne correspond
nomatch-body = Modifiez ou effacez la recherche et les filtres.

## error

error-generic = Une erreur est survenue : { $message }
error-no_bridge = L'interface n'est pas reliée à JobGate. Lancez l'application avec la commande jobgate.

## nav

nav-jobs = Offres

## detail: the candidate's rights (RGPD)

detail-rgpd = Données personnelles (RGPD)
detail-export_data = Exporter ses données
detail-export_data_help = Tout ce que JobGate garde sur ce candidat, en un fichier JSON : pour répondre à sa demande d'accès.
detail-export_data_title = Exporter les données du candidat (JSON)
detail-export_data_name = donnees-candidat.json
detail-exported_data = Données { $name_elides ->
        [yes] d'{ $name }
       *[no] de { $name }
    } exportées dans { $path }.
detail-erase = Effacer ce candidat (RGPD)
detail-confirm_erase = Effacer { $name } ({ $email }) à sa demande ? Son nom, son adresse, ses liens et le texte de ses emails seront supprimés de toutes ses candidatures, ses liens révoqués et ses emails en attente retirés. Ses candidatures restent, sans donnée personnelle, pour les comptes des offres. Cette action est définitive.
detail-erased = Données { $name_elides ->
        [yes] d'{ $name }
       *[no] de { $name }
    } effacées : ses candidatures restent, sans donnée personnelle.
detail-erased_not_compacted = Le fichier n'a pas encore pu être réécrit sans les octets effacés (un autre programme le tient peut-être ouvert) : JobGate le fera à sa prochaine ouverture de ces données.
detail-erased_note = Candidat effacé à sa demande (RGPD) : il ne reste que l'offre, les dates et le statut.

## jobs

jobs-title = Offres d'emploi
jobs-count = { $n ->
        [one] { $n } offre
       *[other] { $n } offres
    }
jobs-empty = Aucune offre pour l'instant : ajoutez ou importez des candidatures.
jobs-export_all = Exporter tous les liens
jobs-export = Exporter les liens
jobs-open_list = Voir les candidatures
jobs-close = Fermer l'offre
jobs-reopen = Rouvrir l'offre
jobs-state-open = Ouverte
jobs-state-closed = Fermée
jobs-applications = { $n ->
        [one] { $n } candidature
       *[other] { $n } candidatures
    }
jobs-validity = Validité des nouveaux liens (jours)
jobs-validity_save = Enregistrer
jobs-validity_saved = Les nouveaux liens de « { $title } » seront valables { $days ->
        [one] { $days } jour
       *[other] { $days } jours
    }.
jobs-confirm_close = Fermer l'offre « { $title } » ? Les liens de ses candidats seront révoqués (même expirés) et plus aucun candidat ne pourra être invité ni relancé.
jobs-closed = Offre « { $title } » fermée : { $n ->
        [one] { $n } lien révoqué
       *[other] { $n } liens révoqués
    }.
jobs-reopened = Offre « { $title } » rouverte : ses candidats peuvent être invités.
jobs-chart_segment = { $stage } : { $n }
jobs-chart_label = Où en sont les { $n ->
        [one] { $n } candidature de «
       *[other] { $n } candidatures de «
    } { $title } »
jobs-no_applications = Aucune candidature.

## export

export-title = Exporter les liens d'entretien (CSV)
export-default_name = liens-entretien.csv
export-done = { $n ->
        [one] { $n } lien exporté dans
       *[other] { $n } liens exportés dans
    } { $path }.


## setup — the first-run checklist above the list

setup-title = Avant d'inviter vos candidats
setup-intro = Trois réglages et un email de test, une seule fois : ensuite chaque invitation part, avec un lien que le candidat peut ouvrir.
setup-sender = Expéditeur vérifié
setup-sender_done = Les invitations partent de { $sender }.
setup-sender_todo = L'adresse d'où partent les invitations, vérifiée dans SendGrid.
setup-link = Adresse de votre plateforme d'entretien
setup-link_done = Les liens mènent à { $url }.
setup-link_this_computer = Les liens mèneraient à { $url }, une adresse de cet ordinateur : aucun candidat ne pourrait les ouvrir.
setup-link_private = Les liens mènent à { $url }, une adresse de réseau privé : seuls les candidats connectés à ce réseau pourront les ouvrir.
setup-key = Clé SendGrid
setup-key_done = Enregistrée dans le trousseau du système.
setup-key_todo = Saisie une fois par un administrateur ; elle reste dans le trousseau du système.
setup-key_unusable = Enregistrée, mais illisible : ouvrez Réglages pour voir pourquoi.
setup-test = Email de test
setup-test_done = Un email de test est parti vers { $to }.
setup-test_todo = Vérifiez qu'un email arrive bien avant d'inviter le premier candidat.
setup-advised = conseillé
setup-go = Régler
setup-go_test = Envoyer un test
setup-confirm_private = Les liens d'entretien mèneront à { $url }, une adresse de réseau privé : seuls les candidats connectés à ce réseau (au bureau, par VPN) pourront les ouvrir. Inviter quand même ? La question ne sera plus posée pour cette adresse.
setup-confirm_private_ok = Inviter quand même

## stage

stage-not_invited = { $n ->
        [one] Non invitée
       *[other] Non invitées
    }
stage-link_created = { $n ->
        [one] Lien créé, non envoyé
       *[other] Liens créés, non envoyés
    }
stage-sending = Envoi en cours
stage-sent = { $n ->
        [one] Invitation envoyée
       *[other] Invitations envoyées
    }
stage-failed = { $n ->
       *[other] Échec de l'envoi
    }
stage-unknown = { $n ->
       *[other] Envoi incertain
    }
stage-expired = { $n ->
        [one] Lien expiré
       *[other] Liens expirés
    }
stage-revoked = { $n ->
        [one] Lien révoqué
       *[other] Liens révoqués
    }
stage-interviewed = { $n ->
        [one] Entretien passé
       *[other] Entretiens passés
    }
stage-hired = { $n ->
        [one] Recrutée
       *[other] Recrutées
    }
stage-rejected = { $n ->
        [one] Non retenue
       *[other] Non retenues
    }
stage-withdrawn = { $n ->
        [one] Retirée par le candidat
       *[other] Retirées par les candidats
    }

## appstatus

appstatus-new = Nouvelle
appstatus-invited = Invitée
appstatus-interviewed = Entretien passé
appstatus-rejected = Non retenue
appstatus-hired = Recrutée
appstatus-withdrawn = Retirée par le candidat

## list

list-status_filter = Filtrer par statut
list-all_statuses = Tous les statuts
list-stage_filter = Filtrer par envoi
list-all_stages = Tous les envois
list-stale_row = Ne correspond plus aux filtres : cette ligne disparaîtra quand vous actualiserez la liste.
list-reload = Actualiser la liste
list-details = Détails
list-details_of = Détails et historique { $name_elides ->
        [yes] d'{ $name }
       *[no] de { $name }
    }

## detail

detail-close = Fermer
detail-status = Statut de la candidature
detail-link = Lien d'entretien
detail-no_link = Pas encore de lien : invitez le candidat.
detail-actions = Actions
detail-resend = Renvoyer l'invitation
detail-new_link = Nouveau lien et invitation
detail-invite = Inviter
detail-extend = Prolonger
detail-extend_days = Jours
detail-notify = Envoyer la nouvelle date au candidat
detail-revoke = Révoquer le lien
detail-mailto = Envoyer depuis ma messagerie
detail-mailto_help = Si SendGrid échoue, ou si le candidat n'a rien reçu : le même objet et le même texte, dans votre messagerie.
detail-history = Historique
detail-history_empty = Rien pour l'instant.
detail-server = Réponse du serveur : { $reply }
detail-last_failure = Dernier envoi : { $state }
detail-last_failure_when = le { $date }
detail-advice = Que faire
detail-queue_id = identifiant { $id }
detail-requeued_one = L'email en attente a été refait pour { $email }.
detail-requeued_many = Les { $count } emails en attente ont été refaits pour { $email }.
detail-in_flight_one = Un email partait à ce moment-là : il part avec les anciennes coordonnées.
detail-in_flight_many = { $count } emails partaient à ce moment-là : ils partent avec les anciennes coordonnées.
detail-links_at_old_address_elsewhere = Ses autres candidatures ({ $count }) ont aussi un lien déjà envoyé à l'ancienne adresse : ouvrez-les pour les révoquer si besoin.
detail-link_at_old_address = Son lien a déjà été envoyé à l'ancienne adresse : s'il est arrivé chez quelqu'un d'autre, révoquez-le puis invitez à nouveau.
detail-closed_note = Candidature close : son lien est retiré et plus rien ne lui est envoyé (ni lien, ni prolongation, ni renvoi). Changez son statut pour l'inviter à nouveau.
detail-job_closed_note = Offre fermée : les liens de ses candidats sont retirés et plus rien ne leur est envoyé. Rouvrez-la (onglet Offres) pour inviter à nouveau.

## confirm

confirm-title = Confirmer l'action
confirm-ok = Confirmer
confirm-cancel = Annuler

## detail

detail-confirm_revoke = Révoquer le lien { $name_elides ->
        [yes] d'{ $name }
       *[no] de { $name }
    } ? Il cessera de fonctionner immédiatement. Vous pourrez en créer un nouveau.
detail-confirm_resend = Renvoyer l'invitation à { $name } ({ $email }) avec le même lien ?
detail-confirm_status_close = Passer la candidature { $name_elides ->
        [yes] d'{ $name }
       *[no] de { $name }
    } au statut « { $status } » ? Son lien d'entretien encore valable sera révoqué.
detail-confirm_extend_notify = Prolonger le lien { $name_elides ->
        [yes] d'{ $name }
       *[no] de { $name }
    } de { $days ->
        [one] { $days } jour et lui envoyer la nouvelle date par email
       *[other] { $days } jours et lui envoyer la nouvelle date par email
    } ?
detail-revoked = Lien { $name_elides ->
        [yes] d'{ $name }
       *[no] de { $name }
    } révoqué : il ne fonctionne plus.
detail-extended = Lien { $name_elides ->
        [yes] d'{ $name }
       *[no] de { $name }
    } prolongé : il expire le { $date }.
detail-status_changed = Statut { $name_elides ->
        [yes] d'{ $name }
       *[no] de { $name }
    } : { $status }.
detail-status_changed_revoked = Statut { $name_elides ->
        [yes] d'{ $name }
       *[no] de { $name }
    } : { $status }. Son lien a été révoqué.
detail-mailto_opened = Votre messagerie s'ouvre avec l'invitation : relisez-la puis envoyez-la.
detail-copy_draft = Copier l'objet et le texte
detail-copy_address = Copier l'adresse
detail-copied_draft = Objet et texte copiés ✓
detail-copied_address = Adresse copiée ✓

## extend

extend-sent = La nouvelle date a été envoyée à { $name } ({ $email }).
extend-failed = Le lien { $name_elides ->
        [yes] d'{ $name }
       *[no] de { $name }
    } est prolongé, mais l'email n'est pas parti. { $error }

## jobs

jobs-template = Modèle d'email
jobs-template_info = Email en { $lang } — { $kind }

## template

template-kind_default = modèle par défaut
template-kind_custom = modèle personnalisé (version { $version })

## lang

lang-fr = Français
lang-en = English
lang-name-fr = français
lang-name-en = anglais

## template

template-title = Modèle d'invitation — { $title }
template-lang = Langue de l'email
template-use_default = Reprendre le texte par défaut
template-subject = Objet
template-body = Texte
template-placeholders = Champs à insérer (cliquez pour les placer) :
template-save = Enregistrer le modèle
template-saved = Modèle enregistré : version { $version }, en { $lang }.
template-preview = Aperçu
template-preview_for = Aperçu pour
template-preview_sample_link = Le lien réel sera créé à l'envoi : celui-ci n'est qu'un exemple.
template-preview_sample_candidate = Aucune candidature pour cette offre : aperçu avec un candidat fictif.
template-version_info = Version { $version } — { $kind }
template-never_saved = Modèle par défaut, jamais modifié
template-default_confirm = Remplacer l'objet et le texte par le modèle par défaut en { $lang } ? Ce qui n'est pas enregistré sera perdu.
# $button: the button's words in the email's language.
template-html_note = L'email part aussi en HTML : le même texte, le lien cliquable et un bouton « { $button } ».
template-dirty = Modifications non enregistrées
template-leave_question = Le modèle a été modifié mais pas enregistré. Le fermer sans l'enregistrer ?
template-leave_ok = Fermer sans enregistrer
template-leave_stay = Rester
template-lang_note = La date d'expiration et le bouton de l'email suivent la langue de l'email ({ $lang }) ; votre texte, lui, n'est pas traduit. « Reprendre le texte par défaut » met celui de cette langue.
template-preview_error = Pas d'aperçu tant que le modèle contient une erreur : corrigez ce qui est signalé, l'aperçu revient aussitôt.
# The placeholders as the editor shows them, in the interface's language
# (the stored template keeps the codes: {candidate_name}…; both are accepted).
template-placeholder-candidate_name = nom du candidat
template-placeholder-job_title = intitulé du poste
template-placeholder-start_url = lien de l'entretien
template-placeholder-expires_at = date d'expiration
template-placeholder-company = entreprise
template-placeholder-recruiter_name = nom du recruteur

## setting

setting-ui_language = Langue de l'interface
setting-company = Nom de l'entreprise — {"{"}entreprise{"}"}
setting-company-placeholder = par défaut : le nom de l'expéditeur
setting-recruiter_name = Nom du recruteur — {"{"}nom du recruteur{"}"}
setting-recruiter_name-placeholder = par défaut : le nom de l'entreprise

## settings

settings-language_title = Langue
settings-language_changed = Langue de l'interface changée.

## import

import-open = Importer un CSV
import-dialog_title = Importer des candidatures (CSV)
import-title = Importer « { $file } »
import-summary = { $rows ->
        [one] { $rows } ligne lue
       *[other] { $rows } lignes lues
    } : { $new ->
        [one] { $new } nouvelle candidature
       *[other] { $new } nouvelles candidatures
    }, { $present ->
        [one] { $present } déjà présente
       *[other] { $present } déjà présentes
    }, { $rejected } en erreur.
import-encoding = Ce fichier n'est pas en UTF-8 : il a été lu comme du Windows-1252 (Excel sous Windows). Vérifiez les accents ci-dessous.
import-sample = Aperçu des premières lignes
import-col-line = Ligne
import-outcome-new = Nouvelle
import-outcome-already_present = Déjà présente
import-outcome-duplicate = Doublon
import-errors = Lignes en erreur (elles seront ignorées)
import-error_line = Ligne { $line } : { $reasons }
import-duplicates = Doublons dans le fichier (fusionnés)
import-duplicate_line = Ligne { $line } : même offre et même e-mail que la ligne { $first }.
import-confirm = Importer { $n ->
        [one] { $n } candidature
       *[other] { $n } candidatures
    }
import-nothing = Rien à importer : aucune ligne nouvelle.
import-include_erased = Importer aussi les candidats effacés à leur demande ({ $n })
import-cancel = Annuler
import-busy = Import en cours…
import-done = Import terminé : { $added ->
        [one] { $added } candidature ajoutée
       *[other] { $added } candidatures ajoutées
    }, { $present ->
        [one] { $present } déjà présente
       *[other] { $present } déjà présentes
    }, { $rejected ->
        [one] { $rejected } ligne ignorée
       *[other] { $rejected } lignes ignorées
    }.
import-more_errors = … et { $n ->
        [one] { $n } autre ligne en erreur
       *[other] { $n } autres lignes en erreur
    }.

## list

list-export = Exporter la liste
list-export_title = Exporter la liste (CSV)
list-export_name = candidatures.csv
list-exported = { $n ->
        [one] { $n } candidature exportée dans
       *[other] { $n } candidatures exportées dans
    } { $path }.

## pager

pager-range = { $from }–{ $to } sur { $total }
pager-previous = ‹ Précédent
pager-next = Suivant ›

## detail

detail-edit = Candidat
detail-save_candidate = Enregistrer
detail-candidate_saved = Candidat { $name } mis à jour.
detail-delete = Supprimer la candidature
detail-confirm_delete = Supprimer la candidature { $name_elides ->
        [yes] d'{ $name }
       *[no] de { $name }
    } pour « { $job } » ? Elle n'a reçu ni lien ni email ; cette action est définitive.
detail-deleted = Candidature { $name_elides ->
        [yes] d'{ $name }
       *[no] de { $name }
    } supprimée.

## jobs

jobs-rename = Renommer
jobs-rename_save = Enregistrer
jobs-renamed = Offre renommée « { $title } ».

## backup

backup-title = Sauvegarde
backup-help = Toutes vos données — candidatures, liens, historique, modèles, réglages — dans un seul fichier, à garder sur une clé USB ou un dossier synchronisé. La clé API n'y est pas : elle reste dans le trousseau du système.
backup-save = Sauvegarder…
backup-restore = Restaurer…
backup-save_title = Sauvegarder les données JobGate
backup-open_title = Choisir une sauvegarde JobGate
backup-default_name = JobGate-sauvegarde-{ $date }.sqlite3
backup-filter = Sauvegarde JobGate
backup-all_files = Tous les fichiers
backup-done = Sauvegarde écrite : { $path } ({ $applications ->
        [one] { $applications } candidature
       *[other] { $applications } candidatures
    }, { $size }).
backup-confirm = 
    Restaurer la sauvegarde du { $when } ({ $applications ->
        [one] { $applications } candidature
       *[other] { $applications } candidatures
    }, { $jobs ->
        [one] { $jobs } offre
       *[other] { $jobs } offres
    }, { $emails ->
        [one] { $emails } email
       *[other] { $emails } emails
    }) ?

    Toutes les données actuelles seront remplacées. Une copie de sécurité des données actuelles est gardée dans le dossier « sauvegardes ».
backup-confirm_ok = Restaurer

## size

size-mb = Mo
size-kb = Ko

## log

log-title = Journal
log-help = JobGate note ce qu'il fait dans un fichier par jour (les 14 derniers sont gardés), à joindre si vous écrivez au support. Jamais la clé API, les liens des candidats ni le texte des emails.

## setting

setting-log_level = Niveau de détail

## log

log-level-error = Erreurs seulement
log-level-warn = Erreurs et avertissements
log-level-info = Normal
log-level-debug = Détaillé (pour le support)
log-open = Ouvrir le dossier du journal
log-saved = Niveau du journal enregistré.

## about

about-title = À propos
about-version = Version
about-schema = Schéma de la base
about-schema_behind = { $version } (cette version : { $latest })
about-data_dir = Données
about-log_dir = Journal
about-time_zone = Fuseau horaire
about-open_data = Ouvrir le dossier des données

## recovery

recovery-title = JobGate ne peut pas ouvrir vos données
recovery-explain = Rien n'a été effacé ni recréé. Restaurez votre dernière sauvegarde : le fichier actuel sera mis de côté dans le dossier « sauvegardes », pas supprimé. Si vous n'avez pas de sauvegarde, fermez cette fenêtre et écrivez au support avec le dossier ci-dessous.
recovery-data_dir = Dossier des données :
recovery-restore = Restaurer une sauvegarde…
recovery-folder = Ouvrir le dossier des données
recovery-restart = Ouvrir JobGate

privacy-title = Données personnelles
privacy-help = Ce que dit la mention d'information à la fin de chaque invitation, et combien de temps JobGate garde les candidats après leur dernière activité (la CNIL recommande 2 ans au plus).
setting-privacy_controller = Responsable des données
setting-privacy_controller-placeholder = par défaut : le nom de l'entreprise
setting-privacy_contact = Adresse pour exercer ses droits
setting-privacy_contact-placeholder = par défaut : l'adresse de réponse, sinon l'expéditeur
setting-retention_months = Durée de conservation (mois, 0 : sans limite)
# Why a candidate is past the retention period ($activity: applied, email_sent, history).
retention-why = { $activity ->
    [applied] candidature du { $date }
    [email_sent] dernier email envoyé le { $date }
   *[history] dernière action le { $date }
} ({ $months } mois sans activité)
# One line of the RGPD register ($action: export, erasure, retention, reerasure).
rgpd-log_line = { $date } — { $action ->
    [export] export des données
    [erasure] effacement à la demande
    [retention] application de la durée de conservation
   *[reerasure] effacement refait (sauvegarde restaurée)
} : { $count ->
    [one] { $count } candidat
   *[other] { $count } candidats
} — par { $actor }
retention-banner = { $count ->
    [one] { $count } candidat dépasse la durée de conservation de { $months } mois.
   *[other] { $count } candidats dépassent la durée de conservation de { $months } mois.
}
retention-show = Voir
retention-hide = Masquer
retention-erase = Effacer
retention-more = … et { $count } autres
retention-dialog_title = Durée de conservation dépassée
retention-dialog_question = { $count ->
    [one] Effacer définitivement { $count } candidat dont la dernière activité remonte à plus de { $months } mois ? Son nom, son adresse, ses liens et le texte de ses emails seront supprimés ; ses candidatures restent, sans donnée personnelle, pour les comptes des offres.
   *[other] Effacer définitivement { $count } candidats dont la dernière activité remonte à plus de { $months } mois ? Leurs noms, adresses, liens et le texte de leurs emails seront supprimés ; leurs candidatures restent, sans donnée personnelle, pour les comptes des offres.
}
retention-dialog_ok = Effacer
retention-done = { $count ->
    [0] Personne n'a été effacé.
    [one] { $count } candidat effacé.
   *[other] { $count } candidats effacés.
}
retention-left_sending = { $count ->
    [one] { $count } candidat n'a pas été effacé : un email lui est en cours d'envoi. Réessayez dans un instant.
   *[other] { $count } candidats n'ont pas été effacés : un email leur est en cours d'envoi. Réessayez dans un instant.
}
about-register = Registre RGPD
about-register_empty = Aucune opération pour l'instant.
about-register_help = Chaque export de données, effacement et application de la durée de conservation, sans aucune donnée des candidats : de quoi montrer à la CNIL ce qui a été fait.
