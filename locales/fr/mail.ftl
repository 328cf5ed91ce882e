# Why an email did not go out, and what to do: jobgate_core::mail::MailError
# (one message per variant, `mail-error-` + its code). $reply is the server's
# own words, shortened to one line; $variable is SENDGRID_API_KEY.

mail-error-no_api_key = Aucune clé API SendGrid n'est enregistrée. Un administrateur doit la saisir dans Réglages (ou définir { $variable }), puis réessayez ; le lien reste valide.
# The key could not be had ($kind: the SecretError's code; $reason: why the
# keyring cannot be used, see secret-keyring-reason). One whole message per
# kind. Whoever shows a MailError says that the email did not go out (the
# window's notice, the CLI's line): these messages say why and what to do.
mail-error-key = { $kind ->
    [api_key_empty] Pas de clé API utilisable : la clé API SendGrid est vide. Collez-la dans Réglages (ou définissez { $variable }), puis réessayez. Le lien reste valide.
    [api_key_whitespace] Pas de clé API utilisable : la clé API contient un espace ou un retour à la ligne, ce que SendGrid refuse (erreur 535). Recopiez-la d'un seul tenant. Le lien reste valide.
    [api_key_format] Pas de clé API utilisable : ce n'est pas une clé API SendGrid : elle doit commencer par « SG. ». Créez-en une dans SendGrid (Settings → API Keys, permission Mail Send). Le lien reste valide.
   *[keyring_unavailable] Pas de clé API utilisable : aucun trousseau de clés du système n'est disponible ({ secret-keyring-reason }) : la clé API ne peut y être ni lue ni enregistrée. Déverrouillez ou installez un trousseau (GNOME Keyring, KWallet), ou définissez la variable d'environnement { $variable } avant de lancer JobGate. Le lien reste valide.
}
mail-error-no_sender = Aucune adresse d'expéditeur (From) n'est réglée. Indiquez-la dans Réglages — une adresse vérifiée dans SendGrid — puis réessayez.
mail-error-plain_not_loopback = La sécurité « plain » (sans chiffrement) n'est permise que vers cette machine, pas vers { $host }. Choisissez starttls (port 587) ou tls (port 465).
mail-error-ca_file = Le certificat d'autorité { $path } est illisible ({ $detail }). Indiquez un fichier PEM valide dans Réglages, ou videz le champ.
mail-error-auth_rejected = Le serveur a refusé la clé API ({ $code } : { $reply }). Vérifiez dans SendGrid que la clé existe toujours et qu'elle a la permission « Mail Send », puis enregistrez-la de nouveau dans Réglages.
mail-error-sender_not_verified = SendGrid refuse l'expéditeur : l'adresse From n'est pas une identité vérifiée ({ $code } : { $reply }). Vérifiez-la dans SendGrid (Settings → Sender Authentication : Single Sender ou authentification du domaine), ou choisissez une adresse déjà vérifiée dans Réglages.
mail-error-rejected = Le serveur a refusé définitivement ce message ({ $code } : { $reply }). Il ne sera pas renvoyé tel quel : vérifiez l'adresse du candidat, puis réessayez ou envoyez le lien depuis votre messagerie.
mail-error-temporary = Le serveur a demandé de réessayer plus tard ({ $code } : { $reply }). Le lien reste valide ; réessayez dans quelques minutes.
mail-error-connection_refused = Connexion refusée par { $host }:{ $port }. Vérifiez le serveur et le port dans Réglages (SendGrid : smtp.sendgrid.net, port 587), puis réessayez.
mail-error-dns = Le serveur { $host } est introuvable (DNS). Vérifiez la connexion Internet, un éventuel proxy, et l'orthographe du serveur dans Réglages.
mail-error-timeout = { $host } n'a pas répondu en { $seconds } s. Vérifiez la connexion réseau (un pare-feu bloque peut-être le port), puis réessayez ; le lien reste valide.
mail-error-tls = La connexion sécurisée (TLS) a échoué : { $detail }. Vérifiez le serveur et le mode de sécurité ; pour un relais d'entreprise, indiquez son certificat d'autorité dans Réglages.
mail-error-network = Erreur réseau pendant l'envoi : { $detail }. Réessayez ; le lien reste valide.
mail-error-uncertain = La connexion s'est interrompue juste après l'envoi du message ({ $detail }) : on ne sait pas s'il est arrivé. Il n'est pas renvoyé automatiquement ; vérifiez auprès du candidat ou dans l'activité SendGrid, puis renvoyez-le si besoin.
mail-error-uncertain_timeout = La connexion s'est interrompue juste après l'envoi du message (pas de réponse en { $seconds } s) : on ne sait pas s'il est arrivé. Il n'est pas renvoyé automatiquement ; vérifiez auprès du candidat ou dans l'activité SendGrid, puis renvoyez-le si besoin.
mail-error-dry_run = Mode essai : l'email n'a pas pu être écrit dans { $path } ({ $detail }). Vérifiez le dossier du mode essai dans Réglages.
mail-error-dry_run_into_data = Mode essai : le dossier { $path } fait partie des données de JobGate ({ $data_dir }), aucun email n'y est écrit. Choisissez un autre dossier du mode essai dans Réglages (ou laissez-le vide).
mail-error-compose = Le message n'a pas pu être composé ({ $detail }). Vérifiez l'adresse du candidat et l'expéditeur.

## The email telling a candidate their link was extended (text and HTML parts
## alike; the HTML part puts the job title in bold and the links as links).

mail-extension-subject = Votre lien d'entretien vidéo est prolongé — { $job_title }
mail-extension-hello = Bonjour { $candidate_name },
mail-extension-intro = Bonne nouvelle : vous avez plus de temps pour passer l'entretien vidéo pour le poste de { $job_title }.
# Text part only (the HTML part has the button, template-start-button).
mail-extension-start = 🎯 Commencez votre entretien ici : { $start_url }
# HTML part only, under the button.
mail-extension-copy = Ou copiez ce lien dans votre navigateur : { $start_url }
mail-extension-expiry = ⏰ Ce lien expire désormais le { $expires_at }.

## The test message of Settings ("Envoyer un email de test"), sent in French.

mail-test-subject = Test JobGate - Invitation Candidat
mail-test-hello = Bonjour,
mail-test-body =
    Ceci est un message de test envoyé par JobGate pour vérifier la configuration d'envoi.
    Si vous le lisez, les invitations aux entretiens vidéo partiront correctement.

## How the emails JobGate writes itself end ($team: the From display name, else JobGate).

mail-regards = Cordialement,
mail-signature = L'équipe { $team }
