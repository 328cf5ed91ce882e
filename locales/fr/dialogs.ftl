# The native dialogs Rust opens itself (src-tauri/src/commands/data.rs).

## Before the server the API key is sent to changes: $lines lists each
## difference (one key-destination-line each).

key-destination-line = • { $name } : { $current } → { $backup }
key-destination-restore = Réglages d'envoi modifiés
    .body =
        Cette sauvegarde change le serveur par lequel partent vos emails et votre clé API SendGrid :

        { $lines }

        Restaurez seulement si vous reconnaissez ces réglages : votre clé API serait envoyée à ce serveur.
    .ok = Restaurer avec ces réglages
    .cancel = Annuler
key-destination-settings = Serveur d'envoi modifié
    .body =
        Votre clé API SendGrid enregistrée sera envoyée au serveur ainsi modifié :

        { $lines }

        Enregistrez seulement si vous reconnaissez ce serveur ; sinon, annulez (rien ne sera enregistré).
    .ok = Enregistrer et y envoyer la clé
    .cancel = Annuler

## Closing the window while Réglages or the template editor hold edits not saved.

close-unsaved = Modifications non enregistrées
    .body = Des modifications n'ont pas été enregistrées (Réglages ou modèle d'email). Fermer JobGate sans les enregistrer ?
    .ok = Fermer sans enregistrer
    .cancel = Rester
