//! A TCP proxy on loopback that adds a fixed one-way delay in each direction,
//! for measuring SMTP clients as if the server were far away.
//!
//! ```text
//! latency_proxy --upstream PORT [--port PORT] [--delay-ms MS] [--connect-delay-ms MS]
//!               [--exit-on-stdin-eof]
//! ```
//!
//! It listens on 127.0.0.1:PORT (0, the default, lets the OS choose), prints one
//! line `READY <port>` on stdout once listening, and forwards every connection
//! to 127.0.0.1:UPSTREAM. `--delay-ms 25` gives a 50 ms round trip.
//!
//! The delay does not reduce throughput: each chunk read from one side is
//! stamped with `arrival + delay` and queued; a separate task per direction
//! writes each chunk when its time comes, while reading goes on. So the link
//! behaves like a long pipe (latency, no bandwidth limit), not like a
//! stop-and-wait. Only bytes are forwarded: TLS (STARTTLS or implicit) passes
//! through untouched. An end of stream (FIN) is forwarded after the same delay
//! (half-close); a reset or an error on either side resets both sides.
//!
//! `--connect-delay-ms` (default 0) holds each new connection that long before
//! connecting upstream. On a real path with round trip R the client's
//! `connect()` takes R and the server's greeting arrives 2R after the SYN;
//! through this proxy `connect()` returns at once (the proxy is local), so
//! `--connect-delay-ms 3×delay` makes the greeting arrive 2R after connecting,
//! as on a real link.
//!
//! It stops on SIGTERM or SIGINT (and on end of standard input with
//! `--exit-on-stdin-eof`): it closes the listener and every open connection,
//! prints a summary line on stderr and exits 0. Bad options: exit 2.

use std::net::{Ipv4Addr, SocketAddr};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::Duration;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::tcp::{OwnedReadHalf, OwnedWriteHalf};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::{mpsc, watch};
use tokio::task::JoinSet;
use tokio::time::Instant;

/// Chunks in flight per direction before reading pauses (backpressure). At
/// 64 KiB per chunk this is far above any bandwidth-delay product used here.
const QUEUE_CHUNKS: usize = 4096;
const CHUNK: usize = 64 * 1024;

#[derive(Debug, Clone)]
struct Options {
    port: u16,
    upstream: u16,
    delay: Duration,
    connect_delay: Duration,
    exit_on_stdin_eof: bool,
}

fn usage() -> ! {
    eprintln!(
        "usage: latency_proxy --upstream PORT [--port PORT] [--delay-ms MS] \
         [--connect-delay-ms MS] [--exit-on-stdin-eof]\n\
         Listens on 127.0.0.1:PORT (0 = any; prints `READY <port>`) and forwards to \
         127.0.0.1:UPSTREAM, delaying every chunk by MS in each direction."
    );
    std::process::exit(2);
}

fn parse_args() -> Options {
    let mut args = std::env::args().skip(1);
    let mut port = 0u16;
    let mut upstream = None;
    let mut delay_ms = 25u64;
    let mut connect_delay_ms = 0u64;
    let mut exit_on_stdin_eof = false;
    fn value<T: std::str::FromStr>(name: &str, v: Option<String>) -> T {
        match v.as_deref().map(str::parse::<T>) {
            Some(Ok(v)) => v,
            _ => {
                eprintln!("latency_proxy: {name} needs a number");
                usage()
            }
        }
    }
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--port" => port = value("--port", args.next()),
            "--upstream" => upstream = Some(value::<u16>("--upstream", args.next())),
            "--delay-ms" => delay_ms = value("--delay-ms", args.next()),
            "--connect-delay-ms" => connect_delay_ms = value("--connect-delay-ms", args.next()),
            "--exit-on-stdin-eof" => exit_on_stdin_eof = true,
            "-h" | "--help" => usage(),
            other => {
                eprintln!("latency_proxy: unknown option {other}");
                usage()
            }
        }
    }
    let Some(upstream) = upstream.filter(|p| *p != 0) else {
        eprintln!("latency_proxy: --upstream PORT is required");
        usage()
    };
    if delay_ms > 60_000 || connect_delay_ms > 60_000 {
        eprintln!("latency_proxy: delays above 60 s are not supported");
        usage()
    }
    Options {
        port,
        upstream,
        delay: Duration::from_millis(delay_ms),
        connect_delay: Duration::from_millis(connect_delay_ms),
        exit_on_stdin_eof,
    }
}

#[derive(Default)]
struct Stats {
    connections: AtomicU64,
    failed_upstream: AtomicU64,
    bytes_up: AtomicU64,
    bytes_down: AtomicU64,
}

fn main() {
    let options = parse_args();
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("latency_proxy: cannot start the runtime: {e}");
            std::process::exit(1);
        }
    };
    let code = runtime.block_on(run(options));
    // Do not wait for blocked reads (the stdin watcher): every connection task
    // has already been aborted.
    runtime.shutdown_timeout(Duration::from_millis(200));
    std::process::exit(code);
}

async fn run(options: Options) -> i32 {
    let listener = match TcpListener::bind((Ipv4Addr::LOCALHOST, options.port)).await {
        Ok(l) => l,
        Err(e) => {
            eprintln!(
                "latency_proxy: cannot listen on 127.0.0.1:{}: {e}",
                options.port
            );
            return 1;
        }
    };
    let port = match listener.local_addr() {
        Ok(a) => a.port(),
        Err(e) => {
            eprintln!("latency_proxy: {e}");
            return 1;
        }
    };
    let upstream = SocketAddr::from((Ipv4Addr::LOCALHOST, options.upstream));

    let (stop_tx, mut stop_rx) = watch::channel(false);
    spawn_stop_watchers(stop_tx, options.exit_on_stdin_eof);

    {
        use std::io::Write;
        let mut out = std::io::stdout().lock();
        let _ = writeln!(out, "READY {port}");
        let _ = out.flush();
    }

    let stats = Arc::new(Stats::default());
    let mut connections = JoinSet::new();
    loop {
        tokio::select! {
            _ = stop_rx.changed() => break,
            accepted = listener.accept() => match accepted {
                Ok((client, _)) => {
                    stats.connections.fetch_add(1, Ordering::Relaxed);
                    connections.spawn(proxy_connection(client, upstream, options.clone(), stats.clone()));
                }
                Err(e) => {
                    // EMFILE and the like: back off a little instead of spinning.
                    eprintln!("latency_proxy: accept: {e}");
                    tokio::time::sleep(Duration::from_millis(50)).await;
                }
            },
            // Reap finished connections so the set does not grow without bound.
            Some(_) = connections.join_next(), if !connections.is_empty() => {}
        }
    }
    drop(listener);
    connections.abort_all();
    while connections.join_next().await.is_some() {}
    eprintln!(
        "latency_proxy: stopped; {} connections ({} upstream failures), {} bytes up, {} bytes down",
        stats.connections.load(Ordering::Relaxed),
        stats.failed_upstream.load(Ordering::Relaxed),
        stats.bytes_up.load(Ordering::Relaxed),
        stats.bytes_down.load(Ordering::Relaxed),
    );
    0
}

fn spawn_stop_watchers(stop: watch::Sender<bool>, exit_on_stdin_eof: bool) {
    use tokio::signal::unix::{signal, SignalKind};
    let stop = Arc::new(stop);
    for kind in [SignalKind::terminate(), SignalKind::interrupt()] {
        let stop = stop.clone();
        match signal(kind) {
            Ok(mut sig) => {
                tokio::spawn(async move {
                    sig.recv().await;
                    let _ = stop.send(true);
                });
            }
            Err(e) => eprintln!("latency_proxy: cannot watch signal: {e}"),
        }
    }
    if exit_on_stdin_eof {
        // A plain thread: stdin may be a file or /dev/null, which epoll refuses.
        std::thread::spawn(move || {
            use std::io::Read;
            let mut stdin = std::io::stdin();
            let mut buf = [0u8; 4096];
            while matches!(stdin.read(&mut buf), Ok(n) if n > 0) {}
            let _ = stop.send(true);
        });
    }
}

/// What travels through a direction's queue.
enum Item {
    Data(Instant, Vec<u8>),
    /// The source sent FIN: half-close the destination at this instant.
    Eof(Instant),
}

/// How one direction ended.
enum End {
    /// FIN forwarded.
    Clean,
    /// Reset, error, or told to stop: tear the whole connection down.
    Broken,
}

type Halves = (OwnedReadHalf, OwnedWriteHalf);

async fn proxy_connection(
    client: TcpStream,
    upstream: SocketAddr,
    options: Options,
    stats: Arc<Stats>,
) {
    if !options.connect_delay.is_zero() {
        tokio::time::sleep(options.connect_delay).await;
    }
    let server = match TcpStream::connect(upstream).await {
        Ok(s) => s,
        Err(e) => {
            stats.failed_upstream.fetch_add(1, Ordering::Relaxed);
            eprintln!("latency_proxy: cannot connect to {upstream}: {e}");
            let _ = client.set_zero_linger();
            return;
        }
    };
    // The proxy releases each chunk at its time; Nagle would only add delay.
    let _ = client.set_nodelay(true);
    let _ = server.set_nodelay(true);

    let (client_read, client_write) = client.into_split();
    let (server_read, server_write) = server.into_split();
    let (stop_tx, stop_rx) = watch::channel(false);

    let mut up = tokio::spawn(direction(
        client_read,
        server_write,
        options.delay,
        stats.clone(),
        true,
        stop_rx.clone(),
    ));
    let mut down = tokio::spawn(direction(
        server_read,
        client_write,
        options.delay,
        stats,
        false,
        stop_rx,
    ));

    // Both directions normally end with a forwarded FIN. If either breaks, the
    // other is told to stop and both sockets are reset, so each peer sees
    // what a reset looks like (a server dropping the connection mid-DATA
    // reaches the client as a reset, not as a clean close).
    let (first, other) = tokio::select! {
        r = &mut up => (r, down),
        r = &mut down => (r, up),
    };
    let Ok((first_end, first_halves)) = first else {
        let _ = stop_tx.send(true);
        let _ = other.await;
        return;
    };
    if matches!(first_end, End::Broken) {
        let _ = stop_tx.send(true);
    }
    match other.await {
        Ok((End::Clean, _)) if matches!(first_end, End::Clean) => {}
        Ok((_, other_halves)) => reset_all([first_halves, other_halves]),
        Err(_) => reset_all([first_halves]),
    }
}

/// Closes both sockets with a reset: SO_LINGER 0 on each, and the write
/// halves forgotten rather than dropped (dropping an `OwnedWriteHalf` shuts
/// the stream down, which would send a FIN ahead of the RST).
fn reset_all<const N: usize>(halves: [Halves; N]) {
    for (read, write) in halves {
        // `read` and `write` belong to different sockets (one per peer).
        let _ = read.as_ref().set_zero_linger();
        let _ = write.as_ref().set_zero_linger();
        write.forget();
        drop(read);
    }
}

/// Waits until `due`. tokio's timer has a 1 ms granularity and rounds a
/// deadline up to the next tick, and the wake-up adds a little more: asked for
/// `due` it fires about 1.2 ms late. Asking for `due − 0.7 ms` brings the
/// average close to `due` (measured: 25.0–25.3 ms for a 25 ms delay) without
/// burning a core spinning. A chunk already due goes at once.
async fn wait_until(due: Instant) {
    const EARLY: Duration = Duration::from_micros(700);
    if due > Instant::now() + EARLY {
        tokio::time::sleep_until(due - EARLY).await;
    }
}

/// Forwards `from` → `to`, each chunk `delay` after it was read, until the end
/// of the stream, an error, or `stop`. Returns the halves so the caller can
/// reset them.
async fn direction(
    mut from: OwnedReadHalf,
    mut to: OwnedWriteHalf,
    delay: Duration,
    stats: Arc<Stats>,
    up: bool,
    mut stop: watch::Receiver<bool>,
) -> (End, Halves) {
    let (tx, mut rx) = mpsc::channel::<Item>(QUEUE_CHUNKS);

    // Reader and writer run concurrently inside this task; the queue between
    // them holds the bytes "on the wire".
    let reader = async {
        let mut buf = vec![0u8; CHUNK];
        loop {
            match from.read(&mut buf).await {
                Ok(0) => {
                    let _ = tx.send(Item::Eof(Instant::now() + delay)).await;
                    return End::Clean;
                }
                Ok(n) => {
                    let due = Instant::now() + delay;
                    if tx.send(Item::Data(due, buf[..n].to_vec())).await.is_err() {
                        return End::Broken; // the writer failed
                    }
                }
                Err(_) => return End::Broken,
            }
        }
    };
    let writer = async {
        while let Some(item) = rx.recv().await {
            match item {
                Item::Data(due, bytes) => {
                    wait_until(due).await;
                    if to.write_all(&bytes).await.is_err() {
                        return End::Broken;
                    }
                    let counter = if up {
                        &stats.bytes_up
                    } else {
                        &stats.bytes_down
                    };
                    counter.fetch_add(bytes.len() as u64, Ordering::Relaxed);
                }
                Item::Eof(due) => {
                    wait_until(due).await;
                    let _ = to.shutdown().await;
                    return End::Clean;
                }
            }
        }
        End::Broken // the reader stopped on an error
    };
    // If the reader breaks, whatever is still queued is dropped (a reset loses
    // data in flight too). If the writer breaks, stop reading.
    let end = {
        tokio::pin!(reader);
        tokio::pin!(writer);
        let mut reader_done = false;
        loop {
            tokio::select! {
                r = &mut reader, if !reader_done => match r {
                    End::Broken => break End::Broken,
                    End::Clean => reader_done = true,
                },
                w = &mut writer => break w,
                _ = stop.changed() => break End::Broken,
            }
        }
    };
    (end, (from, to))
}
