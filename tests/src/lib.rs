//! Test harness for the `jobgate` binary: a fresh data folder per test, the CLI
//! as a user runs it, and the real window driven through tauri-driver +
//! WebKitWebDriver, with native GTK dialogs answered by an xdotool click.
//!
//! The binary under test is `$JOBGATE_BIN`, else `target/debug/jobgate` of this
//! workspace (`scripts/test.sh` builds it first).

use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

use anyhow::{anyhow, bail, Context, Result};
use fantoccini::{Client, ClientBuilder, Locator};
pub mod smtp;

/// The `jobgate` binary under test.
pub fn jobgate_bin() -> PathBuf {
    if let Some(bin) = std::env::var_os("JOBGATE_BIN") {
        return PathBuf::from(bin);
    }
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../target"));
    let bin = target.join("debug/jobgate");
    assert!(
        bin.exists(),
        "{} is missing: build it with `cargo build -p jobgate` (scripts/test.sh does)",
        bin.display()
    );
    bin
}

/// Where tests leave screenshots for a person to look at.
pub fn artifacts_dir(kind: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("artifacts")
        .join(kind);
    std::fs::create_dir_all(&dir).expect("artifacts folder");
    dir
}

/// A fresh, empty data folder (`JOBGATE_DATA_DIR`) for one test.
pub struct DataDir {
    dir: tempfile::TempDir,
}

impl DataDir {
    pub fn new() -> DataDir {
        DataDir {
            dir: tempfile::tempdir().expect("temporary folder"),
        }
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    /// `jobgate ARGS...` on this data folder, in French, without a display and
    /// without the session bus: the integration tests share one process, and a
    /// keyring test may hold a key in the session's Secret Service meanwhile, so
    /// a CLI run sees no keyring unless it asks for one (`KeyFrom::OsKeyring`).
    pub fn cli(&self) -> Command {
        let mut cmd = Command::new(jobgate_bin());
        cmd.env("JOBGATE_DATA_DIR", self.path())
            .env("DBUS_SESSION_BUS_ADDRESS", smtp::NO_BUS)
            .env("LANG", "fr_FR.UTF-8")
            .env_remove("LC_ALL")
            .env_remove("LC_MESSAGES")
            .env_remove("FRONTEND_BASE_URL")
            .env_remove("DISPLAY")
            .env_remove("WAYLAND_DISPLAY")
            .stdin(Stdio::null());
        cmd
    }

    pub fn run(&self, args: &[&str]) -> Output {
        self.cli().args(args).output().expect("run jobgate")
    }

    /// Writes a file in the data folder's parent-free scratch space and returns its path.
    pub fn write_file(&self, name: &str, contents: &[u8]) -> PathBuf {
        let path = self.path().join(name);
        std::fs::write(&path, contents).expect("write test file");
        path
    }

    /// `jobgate list --json`, parsed.
    pub fn list_json(&self) -> serde_json::Value {
        parse_list_json(&self.run(&["list", "--json"]))
    }

    /// Imports `csv` (which must succeed) and returns what `import` printed.
    pub fn import_text(&self, csv: &str) -> String {
        let file = self.write_file("import.csv", csv.as_bytes());
        ok(&self.run(&["import", file.to_str().expect("UTF-8 path")]))
    }

    /// Overwrites the database with noise (its WAL and shared memory gone) and
    /// returns the bytes written: a file that is not a database at all.
    pub fn damage_database(&self) -> Vec<u8> {
        for suffix in ["-wal", "-shm"] {
            let _ = std::fs::remove_file(self.path().join(format!("jobgate.sqlite3{suffix}")));
        }
        let noise: Vec<u8> = (0..20_000u32)
            .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
            .collect();
        std::fs::write(self.path().join("jobgate.sqlite3"), &noise).expect("damage the database");
        noise
    }
}

/// The output of `jobgate list --json`, checked and parsed.
pub fn parse_list_json(out: &Output) -> serde_json::Value {
    assert!(
        out.status.success(),
        "list --json failed: {}",
        text(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("list --json prints JSON")
}

impl Default for DataDir {
    fn default() -> Self {
        DataDir::new()
    }
}

/// The command succeeded; its standard output (else a failure showing both outputs).
pub fn ok(out: &Output) -> String {
    assert_eq!(
        out.status.code(),
        Some(0),
        "stdout: {}\nstderr: {}",
        text(&out.stdout),
        text(&out.stderr)
    );
    text(&out.stdout)
}

/// The command failed with `code`; its standard error.
pub fn fails(out: &Output, code: i32) -> String {
    assert_eq!(
        out.status.code(),
        Some(code),
        "stdout: {}\nstderr: {}",
        text(&out.stdout),
        text(&out.stderr)
    );
    text(&out.stderr)
}

pub fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

// ---------------------------------------------------------------------------
// The real window.

/// What the integration tests cannot share although they run in one process:
/// the one X display (windows, native dialogs, whole-screen shots) and the
/// session's Secret Service (the one JobGate entry, which the window reads too).
static DESKTOP: std::sync::Mutex<()> = std::sync::Mutex::new(());

/// The display and the session keyring to one test: every test that opens a
/// window or uses the Secret Service takes it first and holds it to its end.
///
/// A plain (blocking) lock on purpose: each test runs on its own thread with its
/// own runtime, so waiting here holds up nothing else, and the guard lives across
/// the test's `.await`s. Poison-tolerant: a test that failed holding it leaves
/// nothing to repair (each test has its own data folder), so the next one goes on.
pub struct Desktop {
    _lock: std::sync::MutexGuard<'static, ()>,
}

impl Desktop {
    pub fn take() -> Desktop {
        Desktop {
            _lock: DESKTOP
                .lock()
                .unwrap_or_else(|poisoned| poisoned.into_inner()),
        }
    }
}

/// One window at a time: the native dialogs of two apps would overlap on the one display.
static DISPLAY_LOCK: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

/// The app running in its real window under tauri-driver.
pub struct Gui {
    pub client: Client,
    driver: Child,
    _display: tokio::sync::MutexGuard<'static, ()>,
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("free port")
}

impl Gui {
    /// Starts tauri-driver (which starts WebKitWebDriver, which starts the app)
    /// with `JOBGATE_DATA_DIR` pointing at `data`, and waits for the list to load.
    pub async fn start(data: &DataDir) -> Result<Gui> {
        Gui::start_with_env(data, &[]).await
    }

    /// [`Gui::start`] with extra environment variables for the app (e.g. `SENDGRID_API_KEY`).
    pub async fn start_with_env(data: &DataDir, env: &[(&str, &str)]) -> Result<Gui> {
        let display = DISPLAY_LOCK.lock().await;
        // Two rustls crypto providers are compiled in (see Cargo.toml): pick one.
        let _ = rustls::crypto::ring::default_provider().install_default();
        if std::env::var_os("DISPLAY").is_none() {
            bail!(
                "no DISPLAY: the end-to-end tests need an X server (scripts/test.sh starts Xvfb)"
            );
        }
        if std::env::var_os("DBUS_SESSION_BUS_ADDRESS").is_none() {
            bail!("no D-Bus session: the end-to-end tests run inside dbus-run-session (scripts/test.sh does)");
        }
        let (port, native_port) = (free_port(), free_port());
        // Its own process group: tauri-driver starts WebKitWebDriver, which
        // starts the app; closing kills the whole group, so no app outlives its test.
        let driver = Command::new("tauri-driver")
            .process_group(0)
            .args([
                "--port",
                &port.to_string(),
                "--native-port",
                &native_port.to_string(),
            ])
            .env("JOBGATE_DATA_DIR", data.path())
            .env("NO_AT_BRIDGE", "1")
            .env("TZ", "Europe/Paris")
            .env_remove("FRONTEND_BASE_URL")
            .env_remove("DEFAULT_FROM_EMAIL")
            .env_remove("SENDGRID_API_KEY")
            .envs(env.iter().copied())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .context("start tauri-driver (cargo install tauri-driver --locked)")?;
        let mut gui_driver = DriverGuard(Some(driver));

        let caps: serde_json::Map<String, serde_json::Value> =
            serde_json::from_value(serde_json::json!({
                "tauri:options": { "application": jobgate_bin() }
            }))?;
        let url = format!("http://127.0.0.1:{port}");
        let deadline = Instant::now() + Duration::from_secs(30);
        let client = loop {
            match ClientBuilder::rustls()?
                .capabilities(caps.clone())
                .connect(&url)
                .await
            {
                Ok(client) => break client,
                Err(e) if Instant::now() < deadline => {
                    let _ = e;
                    tokio::time::sleep(Duration::from_millis(300)).await;
                }
                Err(e) => return Err(anyhow!("could not open a WebDriver session: {e}")),
            }
        };
        let gui = Gui {
            client,
            driver: gui_driver.0.take().expect("driver"),
            _display: display,
        };
        gui.wait_for("body[data-ready=true]").await?;
        Ok(gui)
    }

    pub async fn wait_for(&self, css: &str) -> Result<fantoccini::elements::Element> {
        self.client
            .wait()
            .at_most(Duration::from_secs(15))
            .for_element(Locator::Css(css))
            .await
            .with_context(|| format!("waiting for {css}"))
    }

    /// Polls `check` until it returns true (15 s at most).
    pub async fn wait_until<F, Fut>(&self, what: &str, mut check: F) -> Result<()>
    where
        F: FnMut() -> Fut,
        Fut: std::future::Future<Output = Result<bool>>,
    {
        let deadline = Instant::now() + Duration::from_secs(15);
        loop {
            if check().await? {
                return Ok(());
            }
            if Instant::now() > deadline {
                bail!("timed out waiting until {what}");
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// The text of each body row, one string per row. Read in one script call,
    /// so a re-render in between cannot leave a stale element.
    pub async fn row_texts(&self) -> Result<Vec<String>> {
        let value = self
            .client
            .execute(
                "return [...document.querySelectorAll('#applications tbody tr')].map(r => r.innerText);",
                vec![],
            )
            .await?;
        Ok(serde_json::from_value(value)?)
    }

    /// The text of the element `css` (waited for).
    pub async fn text_of(&self, css: &str) -> Result<String> {
        Ok(self.wait_for(css).await?.text().await?)
    }

    /// Clicks `css` (waited for). A list that re-renders between finding the
    /// element and clicking it leaves a stale node: found again and retried.
    pub async fn click(&self, css: &str) -> Result<()> {
        let mut tries = 0;
        loop {
            match self.wait_for(css).await?.click().await {
                Ok(()) => return Ok(()),
                Err(e) if tries < 3 && e.to_string().contains("not found") => {
                    tries += 1;
                    tokio::time::sleep(Duration::from_millis(100)).await;
                }
                Err(e) => return Err(e.into()),
            }
        }
    }

    /// The text of `css` now, read in one script call (`None` if absent), so a
    /// re-render cannot leave a stale node in between.
    pub async fn text_now(&self, css: &str) -> Result<Option<String>> {
        let value = self
            .client
            .execute(
                "const e = document.querySelector(arguments[0]); return e ? e.innerText : null;",
                vec![serde_json::Value::String(css.to_owned())],
            )
            .await?;
        Ok(serde_json::from_value(value)?)
    }

    /// Types into the add form's fields (name → text) and submits it.
    pub async fn submit_add_form(&self, fields: &[(&str, &str)]) -> Result<()> {
        for (name, value) in fields {
            let input = self
                .wait_for(&format!("#add-form input[name={name}]"))
                .await?;
            input.clear().await?;
            input.send_keys(value).await?;
        }
        self.click("#add-form button[type=submit]").await
    }

    pub async fn row(&self, application_id: i64) -> Result<fantoccini::elements::Element> {
        self.wait_for(&format!("tr[data-application-id=\"{application_id}\"]"))
            .await
    }

    /// The webview's own screenshot, saved under tests/artifacts/e2e/.
    pub async fn screenshot(&self, name: &str) -> Result<PathBuf> {
        // Two animation frames: what the DOM now holds has been painted.
        self.client
            .execute_async(
                "const done = arguments[arguments.length - 1]; requestAnimationFrame(() => requestAnimationFrame(() => done(true)));",
                vec![],
            )
            .await?;
        let png = self.client.screenshot().await?;
        let path = artifacts_dir("e2e").join(format!("{name}.png"));
        std::fs::write(&path, png)?;
        Ok(path)
    }

    pub async fn close(self) -> Result<()> {
        let _ = self.client.clone().close().await;
        Ok(()) // Drop ends the processes.
    }
}

impl Drop for Gui {
    fn drop(&mut self) {
        kill_group(&mut self.driver);
    }
}

struct DriverGuard(Option<Child>);

impl Drop for DriverGuard {
    fn drop(&mut self) {
        if let Some(mut child) = self.0.take() {
            kill_group(&mut child);
        }
    }
}

/// Ends a child started with `process_group(0)` and everything it started.
fn kill_group(child: &mut Child) {
    let group = format!("-{}", child.id());
    for signal in ["-TERM", "-KILL"] {
        let _ = Command::new("kill")
            .args([signal, "--", &group])
            .stderr(Stdio::null())
            .status();
        std::thread::sleep(Duration::from_millis(200));
    }
    let _ = child.wait();
}

/// A program started in its own process group (the app and the WebKit
/// processes it starts): TERM to the group on drop, then KILL to what is left.
pub struct ProcessGroup(pub std::process::Child);

impl Drop for ProcessGroup {
    fn drop(&mut self) {
        let group = format!("-{}", self.0.id());
        let signal = |name: &str| {
            let _ = Command::new("kill")
                .args([name, "--", &group])
                .stderr(Stdio::null())
                .status();
        };
        signal("-TERM");
        let deadline = Instant::now() + Duration::from_secs(5);
        while Instant::now() < deadline {
            if let Ok(Some(_)) = self.0.try_wait() {
                // Its WebKit processes, should any outlive it.
                signal("-KILL");
                return;
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        signal("-KILL");
        let _ = self.0.wait();
    }
}

/// How many distinct colours an image has (ImageMagick's `identify`): a blank
/// window has a handful, a painted page hundreds.
pub fn colour_count(png: &Path) -> Option<u64> {
    let out = Command::new("identify")
        .args(["-format", "%k"])
        .arg(png)
        .output()
        .ok()?;
    text(&out.stdout).trim().parse().ok()
}

/// The whole X screen (native dialogs included), saved under tests/artifacts/e2e/.
pub fn screen_shot(name: &str) -> Result<PathBuf> {
    let path = artifacts_dir("e2e").join(format!("{name}.png"));
    let status = Command::new("import")
        .args(["-window", "root"])
        .arg(&path)
        .status()
        .context("run ImageMagick's import")?;
    if !status.success() {
        bail!("import -window root failed");
    }
    Ok(path)
}

// ---------------------------------------------------------------------------
// Native dialogs, which WebDriver cannot see: found and clicked with xdotool.

#[derive(Debug, Clone, Copy)]
pub enum Answer {
    Ok,
    Cancel,
}

#[derive(Debug, Clone, Copy)]
pub struct WindowBox {
    pub id: u64,
    pub x: i32,
    pub y: i32,
    pub width: i32,
    pub height: i32,
}

fn xdotool(args: &[&str]) -> Result<String> {
    let out = Command::new("xdotool")
        .args(args)
        .output()
        .context("run xdotool")?;
    Ok(text(&out.stdout))
}

/// Waits for a visible top-level window titled `title` and returns its box.
pub fn wait_for_window(title: &str) -> Result<WindowBox> {
    let deadline = Instant::now() + Duration::from_secs(15);
    loop {
        let ids = xdotool(&[
            "search",
            "--onlyvisible",
            "--name",
            &format!("^{}$", regex_escape(title)),
        ])?;
        if let Some(id) = ids
            .lines()
            .next()
            .and_then(|l| l.trim().parse::<u64>().ok())
        {
            let geometry = xdotool(&["getwindowgeometry", "--shell", &id.to_string()])?;
            let value = |key: &str| -> Option<i32> {
                geometry
                    .lines()
                    .find_map(|l| l.strip_prefix(&format!("{key}=")))
                    .and_then(|v| v.trim().parse().ok())
            };
            if let (Some(x), Some(y), Some(width), Some(height)) =
                (value("X"), value("Y"), value("WIDTH"), value("HEIGHT"))
            {
                if width > 0 && height > 0 {
                    return Ok(WindowBox {
                        id,
                        x,
                        y,
                        width,
                        height,
                    });
                }
            }
        }
        if Instant::now() > deadline {
            bail!("no window titled {title:?} appeared");
        }
        std::thread::sleep(Duration::from_millis(150));
    }
}

/// Asks the visible window titled `title` to close, as a window manager's
/// close button does (`tests/support/close_window.py`: WM_DELETE_WINDOW).
pub fn request_close(title: &str) -> Result<()> {
    let window = wait_for_window(title)?;
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("support/close_window.py");
    let status = Command::new("/usr/bin/python3")
        .arg(&script)
        .arg(window.id.to_string())
        .status()
        .context("run tests/support/close_window.py (python3-xlib)")?;
    if !status.success() {
        bail!("close_window.py failed for {title:?}: {status}");
    }
    Ok(())
}

pub fn window_is_gone(title: &str) -> Result<bool> {
    Ok(xdotool(&[
        "search",
        "--onlyvisible",
        "--name",
        &format!("^{}$", regex_escape(title)),
    ])?
    .trim()
    .is_empty())
}

/// Clicks a button of the GTK message dialog titled `title`. Its two buttons
/// share the bottom row: OK on the left half, Cancel on the right half (as seen
/// on screenshots of the real dialog under Xvfb).
pub fn answer_dialog(title: &str, answer: Answer) -> Result<()> {
    let dialog = wait_for_window(title)?;
    // Let GTK finish mapping and laying out the buttons.
    std::thread::sleep(Duration::from_millis(400));
    let dialog = wait_for_window(title).unwrap_or(dialog);
    let x = match answer {
        Answer::Ok => dialog.x + dialog.width / 4,
        Answer::Cancel => dialog.x + dialog.width * 3 / 4,
    };
    let y = dialog.y + dialog.height - 16;
    xdotool(&["mousemove", &x.to_string(), &y.to_string(), "click", "1"])?;
    let deadline = Instant::now() + Duration::from_secs(10);
    while !window_is_gone(title)? {
        if Instant::now() > deadline {
            bail!("the dialog {title:?} did not close after the click");
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    Ok(())
}

/// Chooses `path` in the GTK file chooser titled `title` (open or save): the dialog is given
/// the keyboard directly (there is no window manager to do it), Ctrl+L opens
/// GTK's location field, the path is typed, and Return opens the file.
pub fn choose_file(title: &str, path: &Path) -> Result<()> {
    let dialog = wait_for_window(title)?;
    std::thread::sleep(Duration::from_millis(600));
    let dialog = wait_for_window(title).unwrap_or(dialog);
    let (x, y) = (dialog.x + dialog.width / 2, dialog.y + dialog.height / 2);
    xdotool(&["mousemove", &x.to_string(), &y.to_string(), "click", "1"])?;
    // No window manager: give the dialog the keyboard focus directly.
    xdotool(&["windowfocus", "--sync", &dialog.id.to_string()])?;
    std::thread::sleep(Duration::from_millis(300));
    // Ctrl+L: GTK's "type a location" field. Ctrl+A: in a save dialog that
    // field holds the proposed name with its stem selected; replace all of it.
    xdotool(&["key", "ctrl+l"])?;
    std::thread::sleep(Duration::from_millis(300));
    xdotool(&["key", "ctrl+a"])?;
    std::thread::sleep(Duration::from_millis(100));
    let text = path.to_str().context("a UTF-8 path")?;
    xdotool(&["type", "--delay", "20", text])?;
    std::thread::sleep(Duration::from_millis(400));
    xdotool(&["key", "Return"])?;
    let deadline = Instant::now() + Duration::from_secs(10);
    while !window_is_gone(title)? {
        if Instant::now() > deadline {
            bail!("the file chooser {title:?} did not close after choosing {text}");
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    Ok(())
}

fn regex_escape(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        if "\\.+*?()|[]{}^$".contains(c) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}
