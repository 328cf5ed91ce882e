//! Sending against a real SMTP server on loopback: `tests/support/smtp_server.py`
//! (aiosmtpd, with STARTTLS or implicit TLS, AUTH, and recipient "switches"
//! that make it answer 550, 554, 421, 451 or stall), TLS certificates made by
//! `tests/support/make_certs.sh`, and a data folder pointed at the server.
//!
//! The server dies with the test: it runs with `--exit-on-stdin-eof` on a piped
//! stdin held here, and is killed on drop. Every CLI call made through
//! [`MailDataDir`] has an outer time limit and its output is kept, so a test can
//! check at the end that the API key never showed up anywhere.

use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, ChildStdout, Command, Output, Stdio};
use std::sync::{Mutex, OnceLock};
use std::time::{Duration, Instant};

use crate::{text, DataDir};

/// The interview platform of the tests that send for real.
pub const BASE_URL: &str = "https://entretiens.exemple.fr";

/// The API key the tests log in with. Long and distinctive, so finding it
/// anywhere it should not be (database, output) is unambiguous.
pub const TEST_KEY: &str = "SG.test-key-do-not-leak-0123456789";

/// The SMTP user name SendGrid expects (the literal `apikey`).
pub const SMTP_USER: &str = "apikey";

/// The sender every test configures.
pub const FROM: &str = "Acme Recrutement <recrutement@acme.fr>";

/// A `DBUS_SESSION_BUS_ADDRESS` where no bus answers: the OS keyring is then
/// unavailable, so a test cannot read or change the real one.
pub const NO_BUS: &str = "unix:path=/nonexistent/jobgate-test-bus";

/// How long one CLI call may take before the test fails (the product's own
/// time limits are far shorter; this only keeps a hang from freezing the run).
pub const CLI_LIMIT: Duration = Duration::from_secs(60);

fn support_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("support")
}

// ---------------------------------------------------------------------------
// Certificates.

/// The test CA, the server's leaf certificate (localhost, 127.0.0.1) and an
/// unrelated CA, made once per test process.
pub struct Certs {
    dir: tempfile::TempDir,
}

impl Certs {
    pub fn get() -> &'static Certs {
        static CERTS: OnceLock<Certs> = OnceLock::new();
        CERTS.get_or_init(|| {
            let dir = tempfile::Builder::new()
                .prefix("jobgate-certs-")
                .tempdir()
                .expect("temporary folder for certificates");
            let out = Command::new("bash")
                .arg(support_dir().join("make_certs.sh"))
                .arg(dir.path())
                .stdin(Stdio::null())
                .output()
                .expect("run tests/support/make_certs.sh (needs bash and openssl)");
            assert!(
                out.status.success(),
                "make_certs.sh failed: {}{}",
                text(&out.stdout),
                text(&out.stderr)
            );
            Certs { dir }
        })
    }

    pub fn dir(&self) -> &Path {
        self.dir.path()
    }
    /// The client's trust anchor.
    pub fn ca(&self) -> PathBuf {
        self.dir().join("ca.pem")
    }
    pub fn leaf(&self) -> PathBuf {
        self.dir().join("leaf.pem")
    }
    pub fn leaf_key(&self) -> PathBuf {
        self.dir().join("leaf.key")
    }
    /// A CA that did not sign the server's certificate.
    pub fn other_ca(&self) -> PathBuf {
        self.dir().join("other-ca.pem")
    }
}

// ---------------------------------------------------------------------------
// The server.

/// How the server secures connections.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ServerTls {
    /// STARTTLS offered and required before anything else (like SendGrid on 587).
    Starttls,
    /// TLS from the first byte (like port 465).
    Implicit,
    /// No TLS at all (no certificate).
    None,
}

#[derive(Debug, Clone)]
pub struct ServerOptions {
    pub tls: ServerTls,
    /// `None`: no AUTH required.
    pub user: Option<String>,
    pub password: String,
    /// Every AUTH gets 535, even with the right key.
    pub auth_fail_always: bool,
    /// A connection idle this long gets a 421 and is closed (`--idle-timeout`).
    pub idle_timeout: Option<Duration>,
}

impl Default for ServerOptions {
    fn default() -> Self {
        ServerOptions {
            tls: ServerTls::Starttls,
            user: Some(SMTP_USER.to_owned()),
            password: TEST_KEY.to_owned(),
            auth_fail_always: false,
            idle_timeout: None,
        }
    }
}

impl ServerOptions {
    pub fn starttls() -> Self {
        ServerOptions::default()
    }
    pub fn implicit_tls() -> Self {
        ServerOptions {
            tls: ServerTls::Implicit,
            ..ServerOptions::default()
        }
    }
    pub fn plain() -> Self {
        ServerOptions {
            tls: ServerTls::None,
            ..ServerOptions::default()
        }
    }
    pub fn password(mut self, password: &str) -> Self {
        self.password = password.to_owned();
        self
    }
    pub fn auth_fail_always(mut self) -> Self {
        self.auth_fail_always = true;
        self
    }
    /// Idle connections get `421 … timeout exceeded` after `idle`, then are closed.
    pub fn idle_timeout(mut self, idle: Duration) -> Self {
        self.idle_timeout = Some(idle);
        self
    }

    /// The `smtp_security` setting that talks to such a server.
    pub fn security_setting(&self) -> &'static str {
        match self.tls {
            ServerTls::Starttls => "starttls",
            ServerTls::Implicit => "tls",
            ServerTls::None => "plain",
        }
    }
}

/// A running `smtp_server.py` on 127.0.0.1, storing what it accepts in its own maildir.
pub struct SmtpServer {
    child: Child,
    stdin: Option<ChildStdin>,
    _stdout: BufReader<ChildStdout>,
    port: u16,
    maildir: tempfile::TempDir,
    options: ServerOptions,
}

impl SmtpServer {
    pub fn start(options: ServerOptions) -> SmtpServer {
        let maildir = tempfile::Builder::new()
            .prefix("jobgate-maildir-")
            .tempdir()
            .expect("temporary maildir");
        let mut cmd = Command::new("/usr/bin/python3");
        cmd.arg(support_dir().join("smtp_server.py"))
            .args(["--port", "0", "--exit-on-stdin-eof", "--maildir"])
            .arg(maildir.path());
        if options.tls != ServerTls::None {
            let certs = Certs::get();
            cmd.arg("--cert")
                .arg(certs.leaf())
                .arg("--key")
                .arg(certs.leaf_key());
        }
        match options.tls {
            ServerTls::Starttls => {
                cmd.arg("--require-starttls");
            }
            ServerTls::Implicit => {
                cmd.arg("--implicit-tls");
            }
            ServerTls::None => {}
        }
        if let Some(user) = &options.user {
            cmd.args(["--user", user, "--password", &options.password]);
        }
        if let Some(idle) = options.idle_timeout {
            cmd.arg("--idle-timeout")
                .arg(idle.as_secs_f64().to_string());
        }
        if options.auth_fail_always {
            if options.user.is_none() {
                cmd.args(["--user", SMTP_USER, "--password", &options.password]);
            }
            cmd.arg("--auth-fail-always");
        }
        let mut child = cmd
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            // Never an unread pipe: the server could block writing its log.
            .stderr(Stdio::null())
            .spawn()
            .expect("start /usr/bin/python3 tests/support/smtp_server.py");
        let stdin = child.stdin.take();
        let stdout = BufReader::new(child.stdout.take().expect("server stdout"));

        // The READY line, read on a thread so a server that hangs cannot hang the test.
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let mut reader = stdout;
            let mut line = String::new();
            let read = reader.read_line(&mut line);
            let _ = tx.send((read.map(|_| line), reader));
        });
        let (line, stdout) = match rx.recv_timeout(Duration::from_secs(30)) {
            Ok((Ok(line), reader)) => (line, reader),
            Ok((Err(e), _)) => {
                let _ = child.kill();
                let _ = child.wait();
                panic!("reading the SMTP server's READY line: {e}");
            }
            Err(_) => {
                let _ = child.kill();
                let _ = child.wait();
                panic!("the SMTP server printed no READY line within 30 s");
            }
        };
        let port = line
            .trim()
            .strip_prefix("READY ")
            .and_then(|p| p.parse::<u16>().ok());
        let Some(port) = port else {
            let status = child.wait().ok();
            panic!(
                "the SMTP server did not start (stdout {line:?}, exit {status:?}); it needs \
                 Debian's python3-aiosmtpd for /usr/bin/python3 (scripts/test.sh installs it)"
            );
        };
        SmtpServer {
            child,
            stdin,
            _stdout: stdout,
            port,
            maildir,
            options,
        }
    }

    pub fn port(&self) -> u16 {
        self.port
    }

    pub fn options(&self) -> &ServerOptions {
        &self.options
    }

    pub fn maildir(&self) -> &Path {
        self.maildir.path()
    }

    /// One JSON object per accepted message, in order:
    /// `{auth_user, file, mail_from, rcpt_tos, tls}`.
    pub fn log(&self) -> Vec<serde_json::Value> {
        match std::fs::read_to_string(self.maildir().join("log.jsonl")) {
            Ok(log) => log
                .lines()
                .filter(|l| !l.trim().is_empty())
                .map(|l| serde_json::from_str(l).expect("log.jsonl line is JSON"))
                .collect(),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Vec::new(),
            Err(e) => panic!("read log.jsonl: {e}"),
        }
    }

    /// The raw `.eml` bytes of every accepted message, in order.
    pub fn messages(&self) -> Vec<Vec<u8>> {
        self.log()
            .iter()
            .map(|entry| {
                let file = entry["file"].as_str().expect("log.jsonl names the file");
                std::fs::read(self.maildir().join(file)).expect("read the stored message")
            })
            .collect()
    }

    pub fn message_count(&self) -> usize {
        self.log().len()
    }
}

impl Drop for SmtpServer {
    fn drop(&mut self) {
        // Closing stdin asks for a clean shutdown (--exit-on-stdin-eof)...
        drop(self.stdin.take());
        let deadline = Instant::now() + Duration::from_secs(3);
        while Instant::now() < deadline {
            if let Ok(Some(_)) = self.child.try_wait() {
                return;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        // ...and a server that does not stop is killed.
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A port on 127.0.0.1 where nothing listens (bound, then released).
pub fn closed_port() -> u16 {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind a free port");
    listener.local_addr().expect("local address").port()
}

// ---------------------------------------------------------------------------
// A data folder that sends.

/// Where the SendGrid key comes from in the CLI calls of a [`MailDataDir`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum KeyFrom {
    /// `SENDGRID_API_KEY` set to this; the OS keyring made unreachable.
    Env(String),
    /// No `SENDGRID_API_KEY`; the session's real keyring (`DBUS_SESSION_BUS_ADDRESS` as inherited).
    OsKeyring,
    /// No `SENDGRID_API_KEY` and no keyring reachable.
    Nowhere,
}

/// A fresh data folder whose CLI calls carry the API key as chosen, run with a
/// time limit, and are remembered for [`MailDataDir::assert_never_leaked`].
pub struct MailDataDir {
    pub data: DataDir,
    key: KeyFrom,
    captured: Mutex<Vec<(String, Vec<u8>)>>,
}

impl Default for MailDataDir {
    fn default() -> Self {
        MailDataDir::new()
    }
}

impl MailDataDir {
    /// Key from `SENDGRID_API_KEY` = [`TEST_KEY`]; the real keyring out of reach.
    pub fn new() -> MailDataDir {
        MailDataDir::with_key(KeyFrom::Env(TEST_KEY.to_owned()))
    }

    pub fn with_key(key: KeyFrom) -> MailDataDir {
        MailDataDir {
            data: DataDir::new(),
            key,
            captured: Mutex::new(Vec::new()),
        }
    }

    pub fn path(&self) -> &Path {
        self.data.path()
    }

    /// `jobgate` on this data folder (see [`DataDir::cli`]) with the key set up
    /// as chosen and no `DEFAULT_FROM_EMAIL` from the caller's environment.
    pub fn cli(&self) -> Command {
        let mut cmd = self.data.cli();
        cmd.env_remove("DEFAULT_FROM_EMAIL");
        match &self.key {
            KeyFrom::Env(key) => {
                cmd.env("SENDGRID_API_KEY", key)
                    .env("DBUS_SESSION_BUS_ADDRESS", NO_BUS);
            }
            KeyFrom::OsKeyring => {
                cmd.env_remove("SENDGRID_API_KEY");
                // The session bus inherited again (DataDir::cli points it nowhere).
                match std::env::var_os("DBUS_SESSION_BUS_ADDRESS") {
                    Some(bus) => cmd.env("DBUS_SESSION_BUS_ADDRESS", bus),
                    None => cmd.env_remove("DBUS_SESSION_BUS_ADDRESS"),
                };
            }
            KeyFrom::Nowhere => {
                cmd.env_remove("SENDGRID_API_KEY")
                    .env("DBUS_SESSION_BUS_ADDRESS", NO_BUS);
            }
        }
        cmd
    }

    /// Runs `cmd` (made from [`MailDataDir::cli`]) to the end within `limit`,
    /// feeding it `stdin`, and keeps its output.
    pub fn output_of(&self, mut cmd: Command, stdin: Option<&[u8]>, limit: Duration) -> Output {
        let label = format!("{cmd:?}");
        cmd.stdout(Stdio::piped()).stderr(Stdio::piped());
        if stdin.is_some() {
            cmd.stdin(Stdio::piped());
        }
        let mut child = cmd.spawn().expect("run jobgate");
        if let Some(input) = stdin {
            let mut pipe = child.stdin.take().expect("stdin");
            let _ = pipe.write_all(input);
        }
        let drain = |mut pipe: Box<dyn Read + Send>| {
            std::thread::spawn(move || {
                let mut buf = Vec::new();
                let _ = pipe.read_to_end(&mut buf);
                buf
            })
        };
        let stdout = drain(Box::new(child.stdout.take().expect("stdout")));
        let stderr = drain(Box::new(child.stderr.take().expect("stderr")));
        let deadline = Instant::now() + limit;
        let status = loop {
            if let Some(status) = child.try_wait().expect("wait for jobgate") {
                break status;
            }
            if Instant::now() > deadline {
                let _ = child.kill();
                let _ = child.wait();
                panic!("{label} did not finish within {limit:?}");
            }
            std::thread::sleep(Duration::from_millis(20));
        };
        let output = Output {
            status,
            stdout: stdout.join().expect("stdout reader"),
            stderr: stderr.join().expect("stderr reader"),
        };
        let mut captured = self.captured.lock().unwrap_or_else(|p| p.into_inner());
        captured.push((format!("stdout of {label}"), output.stdout.clone()));
        captured.push((format!("stderr of {label}"), output.stderr.clone()));
        output
    }

    pub fn run(&self, args: &[&str]) -> Output {
        let mut cmd = self.cli();
        cmd.args(args);
        self.output_of(cmd, None, CLI_LIMIT)
    }

    /// `jobgate ARGS...` with `input` on its standard input (`key set`).
    pub fn run_with_stdin(&self, args: &[&str], input: &[u8]) -> Output {
        let mut cmd = self.cli();
        cmd.args(args);
        self.output_of(cmd, Some(input), CLI_LIMIT)
    }

    /// `config set NAME VALUE`, which must succeed.
    pub fn set(&self, name: &str, value: &str) {
        let out = self.run(&["config", "set", name, value]);
        assert!(
            out.status.success(),
            "config set {name} {value} failed: {}",
            text(&out.stderr)
        );
    }

    /// Points this data folder at `server`: 127.0.0.1, its port, its security,
    /// the test CA, a 5 s time limit, and the sender [`FROM`].
    pub fn use_server(&self, server: &SmtpServer) {
        self.set("smtp_host", "127.0.0.1");
        self.set("smtp_port", &server.port().to_string());
        self.set("smtp_security", server.options().security_setting());
        self.set(
            "smtp_ca_file",
            Certs::get().ca().to_str().expect("UTF-8 path"),
        );
        self.set("smtp_timeout_seconds", "5");
        self.set("from", FROM);
        // Real emails never carry links to this computer (the seed's
        // localhost default is refused for them).
        self.set("base_url", BASE_URL);
    }

    /// Imports `csv` (header included) and returns the exit code.
    pub fn import(&self, csv: &str) -> Output {
        let path = self.data.write_file("import.csv", csv.as_bytes());
        self.run(&["import", path.to_str().expect("UTF-8 path")])
    }

    /// `list --json`, parsed.
    pub fn list_json(&self) -> serde_json::Value {
        crate::parse_list_json(&self.run(&["list", "--json"]))
    }

    /// The `list --json` row of the candidate with this email.
    pub fn row(&self, email: &str) -> serde_json::Value {
        self.list_json()
            .as_array()
            .expect("an array")
            .iter()
            .find(|r| r["email"] == email)
            .cloned()
            .unwrap_or_else(|| panic!("no application for {email}"))
    }

    /// The application id of the candidate with this email.
    pub fn id_of(&self, email: &str) -> String {
        self.row(email)["application_id"]
            .as_i64()
            .expect("application_id")
            .to_string()
    }

    /// `invite ID --yes` for the candidate with this email.
    pub fn invite(&self, email: &str) -> Output {
        let id = self.id_of(email);
        self.run(&["invite", &id, "--yes"])
    }

    /// Fails if `secret` is in any file of the data folder (database, -wal,
    /// -shm, anything) or in anything a CLI call printed.
    pub fn assert_never_leaked(&self, secret: &str) {
        let needle = secret.as_bytes();
        for file in files_under(self.path()) {
            let bytes = std::fs::read(&file).unwrap_or_default();
            assert!(
                !contains(&bytes, needle),
                "the secret is in {} (data folder)",
                file.display()
            );
        }
        let captured = self.captured.lock().unwrap_or_else(|p| p.into_inner());
        assert!(!captured.is_empty(), "no CLI output was captured");
        for (what, bytes) in captured.iter() {
            assert!(!contains(bytes, needle), "the secret is in the {what}");
        }
    }
}

/// Every regular file under `dir`, recursively.
pub fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let mut todo = vec![dir.to_path_buf()];
    while let Some(dir) = todo.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            match entry.file_type() {
                Ok(t) if t.is_dir() => todo.push(path),
                Ok(t) if t.is_file() => files.push(path),
                _ => {}
            }
        }
    }
    files
}

pub fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    !needle.is_empty() && haystack.windows(needle.len()).any(|w| w == needle)
}

/// The text/plain and text/html parts of a multipart/alternative message, as
/// decoded from their transfer encoding.
pub fn alternative_parts(msg: &mail_parser::Message<'_>) -> (String, String) {
    use mail_parser::MimeHeaders;
    let root = msg.root_part().content_type().expect("a Content-Type");
    assert_eq!(root.ctype(), "multipart");
    assert_eq!(root.subtype(), Some("alternative"));
    assert_eq!(msg.text_body_count(), 1, "one text body");
    assert_eq!(msg.html_body_count(), 1, "one HTML body");
    let text_part = msg.text_part(0).expect("text part");
    let html_part = msg.html_part(0).expect("HTML part");
    let ct = text_part.content_type().expect("text part Content-Type");
    assert_eq!((ct.ctype(), ct.subtype()), ("text", Some("plain")));
    let ct = html_part.content_type().expect("HTML part Content-Type");
    assert_eq!((ct.ctype(), ct.subtype()), ("text", Some("html")));
    (
        text_part.text_contents().expect("text").to_owned(),
        html_part.text_contents().expect("html").to_owned(),
    )
}
