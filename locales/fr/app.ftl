# Said at start-up, before a window opens (src-tauri/src/lib.rs, logging.rs).

app-no-display = Aucun affichage graphique (DISPLAY) : lancez JobGate depuis une session graphique, ou utilisez une sous-commande (jobgate --help).
app-logging-off = Journal désactivé : le dossier { $path } est inutilisable ({ $detail }).
