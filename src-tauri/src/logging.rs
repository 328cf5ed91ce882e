//! The log file a recruiter can send to support.
//!
//! `tracing` events from the core and the shell go to one file per day,
//! `jobgate.YYYY-MM-DD.log`, in the OS log directory ([`paths::log_dir`]); the
//! last 14 are kept. The level is the `log_level` setting (applied as soon as
//! it is saved), or `JOBGATE_LOG` (`error`, `warn`, `info`, `debug`) when set.
//!
//! What is logged is chosen where it is logged: ids, counts, SMTP codes and
//! error codes. Never the API key, a link's token, a candidate's name or
//! address, or an email's text.

use std::path::{Path, PathBuf};
use std::sync::{Mutex, OnceLock};

use jobgate_core::paths;
use tracing_appender::non_blocking::WorkerGuard;
use tracing_appender::rolling::{RollingFileAppender, Rotation};
use tracing_subscriber::filter::{LevelFilter, Targets};
use tracing_subscriber::layer::SubscriberExt;
use tracing_subscriber::util::SubscriberInitExt;
use tracing_subscriber::{fmt, reload, Registry};

/// Overrides the `log_level` setting.
pub const LOG_ENV: &str = "JOBGATE_LOG";

/// How many daily files are kept.
const KEPT_FILES: usize = 14;

static LEVEL: OnceLock<reload::Handle<Targets, Registry>> = OnceLock::new();
static DIRECTORY: OnceLock<PathBuf> = OnceLock::new();
/// The writer thread's guard: dropping it writes out what is buffered.
static WORKER: Mutex<Option<WorkerGuard>> = Mutex::new(None);

/// Writes out the log when dropped (the command line's end).
pub struct LogGuard;

impl Drop for LogGuard {
    fn drop(&mut self) {
        flush();
    }
}

/// Writes out what is buffered and stops the writer. The window calls it on
/// `RunEvent::Exit`: its event loop ends the process without unwinding.
pub fn flush() {
    if let Ok(mut worker) = WORKER.lock() {
        drop(worker.take());
    }
}

/// JobGate's own events at `level`; other crates' (GTK glue, D-Bus, HTTP)
/// only when they warn, whatever the level: their messages are not ours to vouch for.
fn filter(level: LevelFilter) -> Targets {
    Targets::new()
        .with_target("jobgate_app", level)
        .with_target("jobgate_core", level)
        .with_default(LevelFilter::WARN.min(level))
}

/// Starts logging into `paths::log_dir(data_dir)`. A folder that cannot be
/// created is said on stderr once; the app then runs without a log file.
pub fn init(data_dir: &Path) -> LogGuard {
    let dir = paths::log_dir(data_dir);
    let appender = jobgate_core::files::create_private_dir(&dir)
        .map_err(|e| e.to_string())
        .and_then(|()| {
            RollingFileAppender::builder()
                .rotation(Rotation::DAILY)
                .filename_prefix("jobgate")
                .filename_suffix("log")
                .max_log_files(KEPT_FILES)
                .build(&dir)
                .map_err(|e| e.to_string())
        });
    let appender = match appender {
        Ok(appender) => appender,
        Err(e) => {
            let mut args = jobgate_core::i18n::FluentArgs::new();
            args.set("path", dir.display().to_string());
            args.set("detail", e.to_string());
            eprintln!(
                "{}",
                jobgate_core::i18n::render_every_language("app-logging-off", Some(&args))
            );
            return LogGuard;
        }
    };
    let (writer, worker) = tracing_appender::non_blocking(PrivateDailyFiles {
        appender,
        dir: dir.clone(),
        day: None,
    });
    let initial = env_level().unwrap_or(LevelFilter::INFO);
    let (filter, handle) = reload::Layer::new(filter(initial));
    let installed = tracing_subscriber::registry()
        .with(filter)
        .with(
            fmt::layer()
                .with_writer(writer)
                .with_ansi(false)
                .with_target(true),
        )
        .try_init();
    if installed.is_err() {
        // Already logging (a second init in one process): keep the first.
        return LogGuard;
    }
    let _ = LEVEL.set(handle);
    let _ = DIRECTORY.set(dir);
    log_panics();
    if let Ok(mut slot) = WORKER.lock() {
        *slot = Some(worker);
    }
    LogGuard
}

/// The daily files, private (`0600` on Unix): tracing-appender opens them
/// with the process's default rights, so each day's file is made private
/// before the appender first writes to it (it opens an existing file as it
/// is), and made private again should the appender have won the race at midnight.
struct PrivateDailyFiles {
    appender: RollingFileAppender,
    dir: PathBuf,
    /// The UTC day (tracing-appender's) whose file is known private.
    day: Option<chrono::NaiveDate>,
}

impl PrivateDailyFiles {
    fn make_today_private(&mut self) {
        let today = chrono::Utc::now().date_naive();
        if self.day == Some(today) {
            return;
        }
        let file = self
            .dir
            .join(format!("jobgate.{}.log", today.format("%Y-%m-%d")));
        if jobgate_core::files::create_private_file(&file).is_ok()
            && jobgate_core::files::tighten(&file).is_ok()
        {
            self.day = Some(today);
        }
    }
}

impl std::io::Write for PrivateDailyFiles {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.make_today_private();
        self.appender.write(buf)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.appender.flush()
    }
}

/// Where the log files are (once [`init`] ran).
pub fn directory() -> Option<&'static Path> {
    DIRECTORY.get().map(PathBuf::as_path)
}

/// Applies the `log_level` setting, unless `JOBGATE_LOG` decides.
pub fn apply_setting(level: &str) {
    if env_level().is_some() {
        return;
    }
    if let (Some(handle), Some(level)) = (LEVEL.get(), parse(level)) {
        let _ = handle.modify(|current| *current = filter(level));
    }
}

fn env_level() -> Option<LevelFilter> {
    std::env::var(LOG_ENV).ok().as_deref().and_then(parse)
}

fn parse(level: &str) -> Option<LevelFilter> {
    match level.trim().to_ascii_lowercase().as_str() {
        "error" => Some(LevelFilter::ERROR),
        "warn" => Some(LevelFilter::WARN),
        "info" => Some(LevelFilter::INFO),
        "debug" => Some(LevelFilter::DEBUG),
        _ => None,
    }
}

/// A panic's place and message go to the log too (then the usual hook runs).
fn log_panics() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let place = info
            .location()
            .map(|l| format!("{}:{}", l.file(), l.line()))
            .unwrap_or_default();
        tracing::error!(target: "jobgate::panic", %place, "{info}");
        previous(info);
    }));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_setting_value_is_a_level() {
        for level in jobgate_core::settings::LOG_LEVELS {
            assert!(parse(level).is_some(), "{level}");
        }
        assert_eq!(parse(" DEBUG "), Some(LevelFilter::DEBUG));
        assert_eq!(parse("verbose"), None);
    }
}
