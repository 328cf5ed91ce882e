# The SendGrid API key: jobgate_core::secret::SecretError (one message per
# variant, `secret-error-` + its code). $variable is SENDGRID_API_KEY.

secret-error-api_key_empty = Collez la clé API SendGrid : le champ est vide.
secret-error-api_key_whitespace = La clé API contient un espace ou un retour à la ligne, ce que SendGrid refuse (erreur 535). Recopiez-la d'un seul tenant.
secret-error-api_key_format = Ce n'est pas une clé API SendGrid : elle doit commencer par « SG. ». Créez-en une dans SendGrid (Settings → API Keys, permission Mail Send).
secret-error-keyring_unavailable = Aucun trousseau de clés du système n'est disponible ({ secret-keyring-reason }) : la clé API ne peut y être ni lue ni enregistrée. Déverrouillez ou installez un trousseau (GNOME Keyring, KWallet), ou définissez la variable d'environnement { $variable } avant de lancer JobGate.
# Why the keyring cannot be used; $detail is the platform's own words (other).
secret-keyring-reason = { $reason ->
    [locked] trousseau verrouillé ou inaccessible
    [no_service] aucun service de secrets ne répond
    [read_back_mismatch] la clé relue diffère de la clé enregistrée
   *[other] { $detail }
}
