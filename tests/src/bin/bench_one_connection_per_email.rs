//! The baseline of the outbox benchmark (issue 4, item 5): the seed's design,
//! one new SMTP connection per email, one email after the other — like
//! Django's `send_mail` in a loop. For each message it connects, reads the
//! greeting, says EHLO, upgrades with STARTTLS (required) and says EHLO again,
//! logs in (AUTH PLAIN or LOGIN), sends one invitation-sized message, says QUIT
//! and closes. It uses the workspace's lettre (same TLS stack as JobGate).
//!
//! ```text
//! bench_one_connection_per_email --port PORT [--host 127.0.0.1]
//!     [--security starttls|tls|plain] [--ca CA.pem] [--user apikey]
//!     [--password KEY | env SENDGRID_API_KEY] [--count 100]
//!     [--message FILE.eml] [--from ADDR] [--to ADDR] [--timeout-seconds 30] [--nagle]
//! ```
//!
//! `--message` sends that file's bytes as they are (e.g. a real invitation
//! captured by the test server); without it, a message built like JobGate's
//! invitation (text + HTML, X-SMTPAPI) is sent. Every message goes to
//! `--to` (default `candidat@example.com`).
//!
//! The baseline is given its best chance: its socket has TCP_NODELAY, handed to
//! lettre with `AsyncSmtpConnection::connect_with_transport`. lettre's own
//! connect leaves Nagle's algorithm on, and lettre writes the message and the
//! final `.` in two writes, so the `.` waits for the server's delayed ACK of
//! the body (40 ms on Linux) — Python's smtplib, the seed's, sends both in one
//! write. `--nagle` uses lettre's own connect instead (and is needed for
//! `--security tls`).
//!
//! Prints progress on stderr and, on stdout, one line:
//! `RESULT messages=N seconds=S rate=R bytes=B` (R in messages per second).
//! Exit 1 at the first failure (with the SMTP error), 2 on bad options.

use std::time::{Duration, Instant};

use lettre::address::Envelope;
use lettre::transport::smtp::authentication::{Credentials, Mechanism};
use lettre::transport::smtp::client::{AsyncSmtpConnection, Certificate, TlsParameters};
use lettre::transport::smtp::extension::ClientId;
use lettre::Address;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Security {
    Starttls,
    Tls,
    Plain,
}

struct Options {
    host: String,
    port: u16,
    security: Security,
    ca: Option<String>,
    user: Option<String>,
    password: Option<String>,
    count: u32,
    message: Option<String>,
    from: String,
    to: String,
    timeout: Duration,
    nodelay: bool,
}

fn usage() -> ! {
    eprintln!(
        "usage: bench_one_connection_per_email --port PORT [--host HOST] \
         [--security starttls|tls|plain] [--ca CA.pem] [--user USER] [--password KEY] \
         [--count N] [--message FILE.eml] [--from ADDR] [--to ADDR] [--timeout-seconds S] [--nagle]\n\
         The password defaults to $SENDGRID_API_KEY; without --user (default apikey) \
         and a password, no AUTH."
    );
    std::process::exit(2);
}

fn parse_args() -> Options {
    let mut o = Options {
        host: "127.0.0.1".into(),
        port: 0,
        security: Security::Starttls,
        ca: None,
        user: Some("apikey".into()),
        password: std::env::var("SENDGRID_API_KEY").ok(),
        count: 100,
        message: None,
        from: "recrutement@acme.fr".into(),
        to: "candidat@example.com".into(),
        timeout: Duration::from_secs(30),
        nodelay: true,
    };
    let mut args = std::env::args().skip(1);
    let next = |name: &str, args: &mut std::iter::Skip<std::env::Args>| -> String {
        args.next().unwrap_or_else(|| {
            eprintln!("bench_one_connection_per_email: {name} needs a value");
            usage()
        })
    };
    fn num<T: std::str::FromStr>(name: &str, v: String) -> T {
        v.parse().unwrap_or_else(|_| {
            eprintln!("bench_one_connection_per_email: {name} needs a number, not {v:?}");
            usage()
        })
    }
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--host" => o.host = next("--host", &mut args),
            "--port" => o.port = num("--port", next("--port", &mut args)),
            "--security" => {
                o.security = match next("--security", &mut args).as_str() {
                    "starttls" => Security::Starttls,
                    "tls" => Security::Tls,
                    "plain" => Security::Plain,
                    other => {
                        eprintln!("bench_one_connection_per_email: unknown security {other:?}");
                        usage()
                    }
                }
            }
            "--ca" => o.ca = Some(next("--ca", &mut args)),
            "--user" => o.user = Some(next("--user", &mut args)).filter(|u| !u.is_empty()),
            "--password" => o.password = Some(next("--password", &mut args)),
            "--count" => o.count = num("--count", next("--count", &mut args)),
            "--message" => o.message = Some(next("--message", &mut args)),
            "--from" => o.from = next("--from", &mut args),
            "--to" => o.to = next("--to", &mut args),
            "--timeout-seconds" => {
                o.timeout = Duration::from_secs(num(
                    "--timeout-seconds",
                    next("--timeout-seconds", &mut args),
                ))
            }
            "--nagle" => o.nodelay = false,
            "-h" | "--help" => usage(),
            other => {
                eprintln!("bench_one_connection_per_email: unknown option {other}");
                usage()
            }
        }
    }
    if o.port == 0 || o.count == 0 {
        eprintln!("bench_one_connection_per_email: --port and a --count above 0 are required");
        usage()
    }
    o
}

/// JobGate's own invitation, built by jobgate-core (same texts, parts and
/// headers), with a 43-character token in the link.
fn invitation_like(from: &str, to: &str) -> Result<Vec<u8>, String> {
    use jobgate_core::mail::message::{
        build_message, render_invitation, Envelope, InvitationFields, XSmtpApi,
    };
    let email = render_invitation(&InvitationFields {
        candidate_name: "Jean Dupont",
        job_title: "Développeur Full Stack",
        start_url:
            "http://localhost:3000/interview/start/DAsGv5EkkUK-e8QBZO5PQOVBN-nRQdtQIWMv8RXr2M0",
        expires_local: "01/12/2026 à 07:58 (Europe/Paris)",
        team: "Acme Recrutement",
    });
    let from: lettre::message::Mailbox = format!("Acme Recrutement <{from}>")
        .parse()
        .map_err(|e| format!("--from: {e}"))?;
    let to: lettre::message::Mailbox = format!("Jean Dupont <{to}>")
        .parse()
        .map_err(|e| format!("--to: {e}"))?;
    let message = build_message(
        Envelope {
            from: &from,
            reply_to: None,
            to,
            message_id: "<bench@acme.fr>",
            smtpapi: XSmtpApi::new("jobgate-invitation", Some(1)),
        },
        &email,
    )
    .map_err(|e| format!("building the message: {e}"))?;
    Ok(message.formatted())
}

fn tls_parameters(o: &Options) -> Result<TlsParameters, String> {
    let mut builder = TlsParameters::builder(o.host.clone());
    if let Some(ca) = &o.ca {
        let pem = std::fs::read(ca).map_err(|e| format!("reading {ca}: {e}"))?;
        let cert = Certificate::from_pem(&pem).map_err(|e| format!("{ca}: {e}"))?;
        builder = builder.add_root_certificate(cert);
    }
    builder.build().map_err(|e| format!("TLS parameters: {e}"))
}

/// One email over its own connection, start to finish.
async fn send_one(
    o: &Options,
    tls: Option<&TlsParameters>,
    credentials: Option<&Credentials>,
    envelope: &Envelope,
    bytes: &[u8],
) -> Result<(), String> {
    let hello = ClientId::Domain("localhost".into());
    let mut conn = if o.nodelay {
        // Our own socket with TCP_NODELAY, handed to lettre. lettre writes the
        // message and the final "." in two writes; with Nagle on, the "." waits
        // for the ACK of the body, which the server delays (40 ms on Linux).
        let tcp = tokio::net::TcpStream::connect((o.host.as_str(), o.port))
            .await
            .map_err(|e| format!("connect: {e}"))?;
        tcp.set_nodelay(true)
            .map_err(|e| format!("TCP_NODELAY: {e}"))?;
        if o.security == Security::Tls {
            return Err("--security tls needs --nagle (lettre's own connect)".into());
        }
        AsyncSmtpConnection::connect_with_transport(Box::new(tcp), &hello)
            .await
            .map_err(|e| format!("greeting/EHLO: {e}"))?
    } else {
        // lettre's own connect (what AsyncSmtpTransport does): Nagle stays on.
        let wrapper = match o.security {
            Security::Tls => tls.cloned(),
            _ => None,
        };
        AsyncSmtpConnection::connect_tokio1(
            (o.host.as_str(), o.port),
            Some(o.timeout),
            &hello,
            wrapper,
            None,
        )
        .await
        .map_err(|e| format!("connect: {e}"))?
    };
    if o.security == Security::Starttls {
        // Required: a server that does not offer STARTTLS is an error, never a downgrade.
        if !conn.can_starttls() {
            conn.abort().await;
            return Err("the server does not offer STARTTLS".into());
        }
        let params = tls.cloned().ok_or("no TLS parameters")?;
        conn.starttls(params, &hello)
            .await
            .map_err(|e| format!("STARTTLS: {e}"))?;
    }
    if let Some(credentials) = credentials {
        conn.auth(&[Mechanism::Plain, Mechanism::Login], credentials)
            .await
            .map_err(|e| format!("AUTH: {e}"))?;
    }
    conn.send(envelope, bytes)
        .await
        .map_err(|e| format!("send: {e}"))?;
    conn.quit().await.map_err(|e| format!("QUIT: {e}"))?;
    Ok(())
}

async fn run(o: Options) -> Result<(), String> {
    let bytes = match &o.message {
        Some(path) => std::fs::read(path).map_err(|e| format!("reading {path}: {e}"))?,
        None => invitation_like(&o.from, &o.to)?,
    };
    let from: Address = o.from.parse().map_err(|e| format!("--from: {e}"))?;
    let to: Address = o.to.parse().map_err(|e| format!("--to: {e}"))?;
    let envelope = Envelope::new(Some(from), vec![to]).map_err(|e| format!("envelope: {e}"))?;
    let tls = match o.security {
        Security::Plain => None,
        _ => Some(tls_parameters(&o)?),
    };
    let credentials = match (&o.user, &o.password) {
        (Some(user), Some(password)) => Some(Credentials::new(user.clone(), password.clone())),
        _ => None,
    };

    eprintln!(
        "one connection per email: {} messages of {} bytes to {}:{} ({:?}, AUTH {})",
        o.count,
        bytes.len(),
        o.host,
        o.port,
        o.security,
        if credentials.is_some() { "yes" } else { "no" }
    );
    let started = Instant::now();
    for i in 0..o.count {
        // Each send is bounded, so a stuck server cannot hang the benchmark.
        let one = send_one(&o, tls.as_ref(), credentials.as_ref(), &envelope, &bytes);
        match tokio::time::timeout(o.timeout, one).await {
            Ok(Ok(())) => {}
            Ok(Err(e)) => return Err(format!("message {}: {e}", i + 1)),
            Err(_) => {
                return Err(format!(
                    "message {}: no answer within {:?}",
                    i + 1,
                    o.timeout
                ))
            }
        }
        if (i + 1) % 25 == 0 {
            eprintln!("  {} sent", i + 1);
        }
    }
    let seconds = started.elapsed().as_secs_f64();
    println!(
        "RESULT messages={} seconds={:.3} rate={:.2} bytes={}",
        o.count,
        seconds,
        f64::from(o.count) / seconds,
        bytes.len()
    );
    Ok(())
}

fn main() {
    let o = parse_args();
    let runtime = match tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("bench_one_connection_per_email: runtime: {e}");
            std::process::exit(1);
        }
    };
    if let Err(e) = runtime.block_on(run(o)) {
        eprintln!("bench_one_connection_per_email: {e}");
        std::process::exit(1);
    }
}
