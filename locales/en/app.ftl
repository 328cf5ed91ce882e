# Said at start-up, before a window opens (src-tauri/src/lib.rs, logging.rs).

app-no-display = No graphical display (DISPLAY): start JobGate from a desktop session, or use a subcommand (jobgate --help).
app-logging-off = Logging off: the folder { $path } cannot be used ({ $detail }).
