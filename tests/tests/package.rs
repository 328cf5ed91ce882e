//! The Debian package as a user gets it: built by the README's command
//! (`scripts/package.sh`, Tauri's own bundler, a release build: slow), installed
//! with `dpkg -i`, checked with `dpkg -s` / `dpkg -L`, then the installed app
//! started in its real window under the test's DISPLAY (scripts/test.sh starts
//! Xvfb) on a throwaway `JOBGATE_DATA_DIR`, and its window shot with
//! ImageMagick's `import` into tests/artifacts/package/. The package is removed
//! again with `dpkg -r` whatever happens. Needs root, or `sudo -n`.

use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use jobgate_tests::{artifacts_dir, colour_count, ok, text, DataDir, ProcessGroup};

/// The workspace version: the app, its `--version` and the package all take it.
const VERSION: &str = env!("CARGO_PKG_VERSION");

/// How long the installed app may take to show its window and paint it.
const WINDOW_WAIT: Duration = Duration::from_secs(60);

/// Distinct colours above which a screenshot shows a painted page: a blank or
/// single-colour window has a handful, the list page with its text over a thousand.
const PAINTED: u64 = 64;

fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("..")
        .canonicalize()
        .expect("the repository root")
}

/// How this test becomes root for dpkg: nothing as root, else `sudo -n`.
fn root_prefix() -> Vec<&'static str> {
    let uid = Command::new("id").arg("-u").output().expect("run id -u");
    if text(&uid.stdout).trim() == "0" {
        return Vec::new();
    }
    let sudo = Command::new("sudo")
        .args(["-n", "true"])
        .stdin(Stdio::null())
        .stderr(Stdio::null())
        .status();
    match sudo {
        Ok(status) if status.success() => vec!["sudo", "-n"],
        _ => panic!(
            "installing the .deb needs root: run this test as root, or with passwordless sudo \
             (`sudo -n true` must succeed)"
        ),
    }
}

fn as_root(prefix: &[&str], args: &[&str]) -> Command {
    let all: Vec<&str> = prefix.iter().chain(args).copied().collect();
    let mut cmd = Command::new(all[0]);
    cmd.args(&all[1..]).stdin(Stdio::null());
    cmd
}

/// One field of the package's control file (`dpkg-deb -f`).
fn control_field(deb: &Path, field: &str) -> String {
    let out = Command::new("dpkg-deb")
        .arg("-f")
        .arg(deb)
        .arg(field)
        .output()
        .expect("run dpkg-deb");
    ok(&out).trim().to_owned()
}

fn is_installed(package: &str) -> bool {
    Command::new("dpkg-query")
        .args(["-W", "-f=${Status}", package])
        .output()
        .map(|out| text(&out.stdout).contains("install ok installed"))
        .unwrap_or(false)
}

/// The installed package; `dpkg -r` on drop unless [`Installed::remove`] ran,
/// so a test failing half-way leaves nothing installed.
struct Installed {
    package: String,
    prefix: Vec<&'static str>,
    removed: bool,
}

impl Installed {
    fn remove(mut self) {
        self.removed = true;
        let out = as_root(&self.prefix, &["dpkg", "-r", &self.package])
            .output()
            .expect("run dpkg -r");
        ok(&out);
    }
}

impl Drop for Installed {
    fn drop(&mut self) {
        if !self.removed {
            let _ = as_root(&self.prefix, &["dpkg", "-r", &self.package]).status();
        }
    }
}

/// The id of the visible window whose title holds `JobGate`, if one is mapped.
fn jobgate_window() -> Option<String> {
    let out = Command::new("xdotool")
        .args(["search", "--onlyvisible", "--name", "JobGate"])
        .output()
        .expect("run xdotool (apt install xdotool)");
    text(&out.stdout)
        .lines()
        .next()
        .map(|l| l.trim().to_owned())
}

/// Screenshots window `id` into `png` and counts its distinct colours.
fn shoot(id: &str, png: &Path) -> Option<u64> {
    let shot = Command::new("import")
        .args(["-window", id])
        .arg(png)
        .status()
        .expect("run ImageMagick's import (apt install imagemagick)");
    if !shot.success() {
        return None;
    }
    colour_count(png)
}

#[test]
fn the_deb_installs_and_the_installed_app_opens_its_window() {
    let started = Instant::now();
    assert!(
        std::env::var_os("DISPLAY").is_some(),
        "no DISPLAY: this test starts the installed app in its window (scripts/test.sh starts Xvfb)"
    );
    let prefix = root_prefix();

    // 1. The README's command builds the package and prints its path last.
    let root = repo_root();
    let out = Command::new("bash")
        .arg(root.join("scripts/package.sh"))
        .current_dir(&root)
        .stdin(Stdio::null())
        .output()
        .expect("run scripts/package.sh");
    let stdout = ok(&out);
    let deb = PathBuf::from(stdout.lines().last().unwrap_or_default().trim());
    assert!(
        deb.extension().is_some_and(|e| e == "deb") && deb.is_file(),
        "scripts/package.sh did not end with the path of a .deb: {stdout}"
    );
    let built = started.elapsed();
    eprintln!("built {} in {built:.0?}", deb.display());

    let package = control_field(&deb, "Package");
    assert_eq!(control_field(&deb, "Version"), VERSION, "package version");
    // The libraries the program links: Tauri adds WebKitGTK and GTK, the
    // bundle config the D-Bus library (the keyring's Secret Service).
    let depends = control_field(&deb, "Depends");
    for library in ["libwebkit2gtk-4.1-0", "libgtk-3-0", "libdbus-1-3"] {
        assert!(depends.contains(library), "Depends: {depends}");
    }
    assert!(
        !is_installed(&package),
        "{package} is already installed on this machine; this test installs and then removes \
         it: remove it first (dpkg -r {package})"
    );

    // 2. Installed with dpkg, removed again on every outcome.
    let installed = Installed {
        package: package.clone(),
        prefix: prefix.clone(),
        removed: false,
    };
    let deb_arg = deb.to_str().expect("a UTF-8 path");
    ok(&as_root(&prefix, &["dpkg", "-i", deb_arg])
        .output()
        .expect("run dpkg -i"));
    let status = ok(&Command::new("dpkg")
        .args(["-s", &package])
        .output()
        .expect("run dpkg -s"));
    assert!(
        status.contains("Status: install ok installed"),
        "dpkg -s: {status}"
    );
    assert!(
        status.contains(&format!("Version: {VERSION}\n")),
        "dpkg -s: {status}"
    );

    // 3. What it installed: the binary, the desktop entry, its icons.
    let files = ok(&Command::new("dpkg")
        .args(["-L", &package])
        .output()
        .expect("run dpkg -L"));
    let files: Vec<&Path> = files.lines().map(Path::new).collect();
    let bin = files
        .iter()
        .find(|f| f.parent() == Some(Path::new("/usr/bin")) && f.is_file())
        .unwrap_or_else(|| panic!("no program in /usr/bin among {files:?}"));
    let desktop = files
        .iter()
        .find(|f| {
            f.starts_with("/usr/share/applications")
                && f.extension().is_some_and(|e| e == "desktop")
        })
        .unwrap_or_else(|| panic!("no .desktop file among {files:?}"));
    let entry = std::fs::read_to_string(desktop).expect("read the installed .desktop file");
    let bin_name = bin.file_name().and_then(|n| n.to_str()).expect("bin name");
    for line in [
        "Name=JobGate".to_owned(),
        format!("Exec={bin_name}"),
        format!("Icon={bin_name}"),
        "Type=Application".to_owned(),
    ] {
        assert!(
            entry.lines().any(|l| l == line),
            "{} lacks {line}:\n{entry}",
            desktop.display()
        );
    }
    let icons: Vec<&&Path> = files
        .iter()
        .filter(|f| {
            f.starts_with("/usr/share/icons/hicolor")
                && f.file_name().and_then(|n| n.to_str()) == Some(&format!("{bin_name}.png"))
                && f.is_file()
        })
        .collect();
    assert!(!icons.is_empty(), "no {bin_name}.png icon among {files:?}");
    eprintln!(
        "installed {package} {VERSION}: {}, {}, {} icon(s)",
        bin.display(),
        desktop.display(),
        icons.len()
    );

    let data = DataDir::new();
    let version = ok(&Command::new(bin)
        .arg("--version")
        .env("JOBGATE_DATA_DIR", data.path())
        .stdin(Stdio::null())
        .output()
        .expect("run the installed jobgate --version"));
    assert_eq!(version.trim(), format!("jobgate {VERSION}"));

    // 4. The installed app opens its window and paints it.
    let shots = artifacts_dir("package");
    let log_path = shots.join("installed-app.log");
    let log = std::fs::File::create(&log_path).expect("create the app's log");
    let mut app = ProcessGroup(
        Command::new(bin)
            .process_group(0)
            .env("JOBGATE_DATA_DIR", data.path())
            .env("NO_AT_BRIDGE", "1")
            .stdin(Stdio::null())
            .stdout(log.try_clone().expect("log file"))
            .stderr(log)
            .spawn()
            .expect("start the installed jobgate"),
    );
    let png = shots.join("installed-window.png");
    let shown = Instant::now();
    let id = loop {
        if let Some(status) = app.0.try_wait().expect("the app's status") {
            panic!(
                "the installed app exited ({status}) before showing its window: {}",
                std::fs::read_to_string(&log_path).unwrap_or_default()
            );
        }
        // A window freshly mapped may not be painted yet: shoot until it is.
        let window = jobgate_window();
        let colours = window.as_deref().and_then(|id| shoot(id, &png));
        match (window, colours) {
            (Some(id), Some(n)) if n > PAINTED => break id,
            _ if shown.elapsed() > WINDOW_WAIT => panic!(
                "no painted JobGate window after {WINDOW_WAIT:?} (last screenshot: {colours:?} \
                 colours, {}); the app's log: {}",
                png.display(),
                std::fs::read_to_string(&log_path).unwrap_or_default()
            ),
            _ => std::thread::sleep(Duration::from_millis(500)),
        }
    };
    let painted = shown.elapsed();
    // The screenshot kept is taken once the page has settled.
    std::thread::sleep(Duration::from_secs(2));
    let colours = shoot(&id, &png).expect("a screenshot of the JobGate window");
    assert!(
        colours > PAINTED,
        "the JobGate window went blank: {colours} colours in {}",
        png.display()
    );
    eprintln!(
        "window painted after {painted:.1?}: {} ({colours} colours)",
        png.display()
    );
    drop(app);

    // 5. Removed: the program is gone with it.
    installed.remove();
    assert!(!is_installed(&package), "{package} is still installed");
    assert!(!bin.exists(), "{} is still there", bin.display());
    eprintln!("whole test: {:.0?}", started.elapsed());
}
