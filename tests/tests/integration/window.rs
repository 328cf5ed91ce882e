//! The window as a recruiter starts it — no WebDriver: it draws without
//! WebKit's accelerated compositing (unless asked with `JOBGATE_GPU=1`), and
//! what it draws is a real screen, looked at in tests/artifacts/e2e/.

use std::os::unix::process::CommandExt;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use jobgate_tests::{
    colour_count, jobgate_bin, ok, screen_shot, text, wait_for_window, DataDir, Desktop,
    ProcessGroup,
};

const TITLE: &str = "JobGate — Entretiens vidéo différés";

fn start(data: &DataDir, env: &[(&str, &str)]) -> ProcessGroup {
    assert!(
        std::env::var_os("DISPLAY").is_some(),
        "no DISPLAY: run under Xvfb (scripts/test.sh starts one)"
    );
    let child = Command::new(jobgate_bin())
        .process_group(0)
        .env("JOBGATE_DATA_DIR", data.path())
        .env("NO_AT_BRIDGE", "1")
        .env_remove("WEBKIT_DISABLE_COMPOSITING_MODE")
        .env_remove("TAURI_WEBVIEW_AUTOMATION")
        .env_remove("JOBGATE_GPU")
        .envs(env.iter().copied())
        .stdout(Stdio::null())
        .stderr(std::fs::File::create(data.path().join("stderr.log")).expect("a log file"))
        .spawn()
        .expect("start jobgate");
    ProcessGroup(child)
}

/// The environment of the WebKitWebProcess started by `app`.
fn web_process_environment(app: &ProcessGroup) -> String {
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        let out = Command::new("pgrep")
            .args(["-g", &app.0.id().to_string(), "-f", "WebKitWebProcess"])
            .output()
            .expect("pgrep");
        if let Some(pid) = text(&out.stdout).lines().next() {
            let raw = std::fs::read(format!("/proc/{}/environ", pid.trim()))
                .expect("read the web process's environment");
            return text(&raw).replace('\0', "\n");
        }
        assert!(Instant::now() < deadline, "no WebKitWebProcess started");
        std::thread::sleep(Duration::from_millis(200));
    }
}

#[test]
fn the_window_draws_without_compositing_unless_asked() {
    let _desktop = Desktop::take();
    let data = DataDir::new();
    let csv = data.write_file(
        "c.csv",
        "job_title,candidate_name,email\nDéveloppeur Rust,Élodie Brûlé,elodie@exemple.fr\n"
            .as_bytes(),
    );
    ok(&data.run(&["import", csv.to_str().expect("UTF-8")]));

    {
        let app = start(&data, &[]);
        if let Err(e) = wait_for_window(TITLE) {
            let said = std::fs::read(data.path().join("stderr.log")).unwrap_or_default();
            panic!("the window did not open ({e}): {}", text(&said));
        }
        let env = web_process_environment(&app);
        assert!(
            env.lines()
                .any(|l| l == "WEBKIT_DISABLE_COMPOSITING_MODE=1"),
            "compositing is off by default"
        );
        // Give the first page time to be drawn, then look at it.
        std::thread::sleep(Duration::from_secs(4));
        let shot = screen_shot("60-window-without-compositing").expect("screenshot");
        assert!(
            colour_count(&shot).is_some_and(|n| n > 50),
            "the window drew something"
        );
    }
    let log = std::fs::read_dir(data.path().join("logs"))
        .expect("a log folder")
        .filter_map(Result::ok)
        .map(|e| text(&std::fs::read(e.path()).unwrap_or_default()))
        .collect::<String>();
    assert!(log.contains("command=\"window\""), "{log}");

    let app = start(&data, &[("JOBGATE_GPU", "1")]);
    wait_for_window(TITLE).expect("the window opens");
    let env = web_process_environment(&app);
    assert!(
        !env.contains("WEBKIT_DISABLE_COMPOSITING_MODE"),
        "JOBGATE_GPU=1 keeps WebKit's compositing"
    );
}
