// The same binary is the window and the command line, so it keeps its console
// subsystem on Windows (a GUI-subsystem binary could not print CLI output).
fn main() {
    jobgate_app::run()
}
