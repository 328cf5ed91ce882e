//! The JobGate desktop shell: a thin layer of Tauri commands over
//! [`jobgate_core`], and the command line on the same binary.
//!
//! `jobgate` alone opens the window; `jobgate <subcommand>` runs the command line
//! and never opens a window.

pub mod cli;
pub mod commands;
pub mod error;
pub mod logging;
pub mod recovery;
pub mod state;

use std::sync::atomic::Ordering;

use jobgate_core::i18n::{self, Lang};
use tauri::{Builder, Manager, Runtime};

pub use state::AppState;

/// The entry point of the `jobgate` binary.
pub fn run() {
    // First, before any other thread exists: the key leaves the environment
    // (no child process inherits it), then the environment for WebKit.
    jobgate_core::secret::take_env_key();
    #[cfg(target_os = "linux")]
    render_without_compositing();
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    let data_dir = jobgate_core::paths::data_dir().ok();
    let log = data_dir.as_deref().map(logging::init);
    for folder in data_dir.as_deref().into_iter().chain(logging::directory()) {
        make_private(folder);
    }
    let cli = cli::wants_cli(&args);
    // The subcommand's name only: its arguments may hold a candidate's address.
    let command = if cli {
        args.get(1).and_then(|a| a.to_str()).unwrap_or("")
    } else {
        "window"
    };
    tracing::info!(
        version = env!("CARGO_PKG_VERSION"),
        command,
        "JobGate started"
    );
    let code = if cli {
        cli::main(args)
    } else {
        match run_window() {
            Ok(()) => 0,
            Err(e) => {
                tracing::error!("the window could not start: {e:#}");
                eprintln!("{e:#}");
                1
            }
        }
    };
    // Written out before the process ends.
    drop(log);
    std::process::exit(code);
}

/// A data or log folder other users could open (made by an older JobGate,
/// or by hand) is made private (`0700`) at start-up, and the log says so.
fn make_private(folder: &std::path::Path) {
    match jobgate_core::files::tighten(folder) {
        Ok(Some(mode)) => tracing::warn!(
            folder = %folder.display(),
            from = format!("{mode:o}"),
            to = format!("{:o}", jobgate_core::files::PRIVATE_DIR_MODE),
            "a JobGate folder was open to other users: made private"
        ),
        Ok(None) => {}
        Err(e) => tracing::warn!(
            folder = %folder.display(),
            "the folder's rights could not be checked: {e}"
        ),
    }
}

/// Set to `1` to keep WebKitGTK's accelerated compositing (Linux).
pub const GPU_ENV: &str = "JOBGATE_GPU";

/// WebKitGTK's accelerated compositing draws with OpenGL. Without a GPU (a
/// virtual machine, a remote desktop, Xvfb) that is Mesa's software renderer,
/// which costs the window about 80 MB (BENCHMARKS.md) and brings nothing to a
/// list and forms; with some GPU drivers it is the cause of blank windows.
/// So it is off, unless `JOBGATE_GPU=1`, the recruiter set
/// `WEBKIT_DISABLE_COMPOSITING_MODE` themselves, or a WebDriver session drives
/// the window (WebKitWebDriver's screenshot never returns without it).
#[cfg(target_os = "linux")]
fn render_without_compositing() {
    const VARIABLE: &str = "WEBKIT_DISABLE_COMPOSITING_MODE";
    let automated = std::env::var("TAURI_WEBVIEW_AUTOMATION").as_deref() == Ok("true");
    let gpu = std::env::var(GPU_ENV).as_deref() == Ok("1");
    if !automated && !gpu && std::env::var_os(VARIABLE).is_none() {
        // Edition 2021: set_var is safe; no other thread runs yet.
        std::env::set_var(VARIABLE, "1");
    }
}

/// Everything the app is made of, on any runtime: the real one, or tauri's mock
/// runtime in tests.
pub fn app_builder<R: Runtime>(builder: Builder<R>, state: AppState) -> Builder<R> {
    app_builder_with(builder, state, commands::files::Chooser::Native)
}

/// Closing the main window while the page holds edits not saved (Réglages,
/// the template editor) asks first, natively: "Rester" keeps the window and
/// the edits; leaving closes it. Decided here, in Rust, so the page needs no
/// right to destroy its window and a page that hangs cannot keep it open.
fn ask_before_closing_over_unsaved_edits<R: Runtime>(
    window: &tauri::Window<R>,
    event: &tauri::WindowEvent,
) {
    let tauri::WindowEvent::CloseRequested { api, .. } = event else {
        return;
    };
    let Some(state) = window.try_state::<AppState>() else {
        return;
    };
    if window.label() != "main" || !state.unsaved_changes.load(Ordering::SeqCst) {
        return;
    }
    api.prevent_close();
    let window = window.clone();
    let app = window.app_handle().clone();
    // Never the store here: this runs on the event loop, and a long command
    // (an import, a restore) may hold it.
    let lang = state
        .unsaved_lang
        .lock()
        .ok()
        .and_then(|kept| *kept)
        .unwrap_or_else(Lang::from_env);
    tauri::async_runtime::spawn(async move {
        let part = |suffix: &str| i18n::render(lang, &format!("close-unsaved{suffix}"), None);
        let leave = commands::files::ask(
            &app,
            &part(""),
            &part(".body"),
            &part(".ok"),
            &part(".cancel"),
        )
        .await;
        if leave {
            if let Some(state) = app.try_state::<AppState>() {
                state.unsaved_changes.store(false, Ordering::SeqCst);
            }
            if let Err(error) = window.destroy() {
                tracing::warn!(%error, "the window could not be closed");
            }
        }
    });
}

/// [`app_builder`] with who answers the file dialogs: the recruiter
/// (`Chooser::Native`), or a test's script on the mock runtime.
pub fn app_builder_with<R: Runtime>(
    builder: Builder<R>,
    state: AppState,
    chooser: commands::files::Chooser,
) -> Builder<R> {
    builder
        .plugin(tauri_plugin_dialog::init())
        .plugin(tauri_plugin_opener::init())
        .manage(state)
        .manage(chooser)
        .manage(commands::files::Picked::default())
        .setup(|app| {
            write_unrecorded_outcomes(app.handle().clone());
            Ok(())
        })
        .on_window_event(ask_before_closing_over_unsaved_edits)
        .invoke_handler(tauri::generate_handler![
            commands::applications::list_applications,
            commands::applications::add_application,
            commands::applications::application_history,
            commands::applications::set_application_status,
            commands::applications::update_candidate,
            commands::applications::delete_application,
            commands::invitations::invite,
            commands::invitations::batch_preview,
            commands::invitations::invite_batch,
            commands::invitations::cancel_batch,
            commands::invitations::list_outbox,
            commands::invitations::revoke_link,
            commands::invitations::extend_link,
            commands::invitations::resend_invitation,
            commands::invitations::open_mailto,
            commands::invitations::mail_draft,
            commands::jobs::job_overview,
            commands::jobs::set_job_open,
            commands::jobs::set_job_validity,
            commands::jobs::rename_job,
            commands::templates::get_template,
            commands::templates::save_template,
            commands::templates::preview_template,
            commands::transfer::export_links,
            commands::transfer::preview_import,
            commands::transfer::import_file,
            commands::transfer::export_list,
            commands::rgpd::export_candidate_data,
            commands::rgpd::erase_candidate,
            commands::rgpd::retention_status,
            commands::rgpd::apply_retention,
            commands::rgpd::rgpd_log,
            commands::settings::get_settings,
            commands::settings::save_settings,
            commands::settings::set_api_key,
            commands::settings::delete_api_key,
            commands::settings::check_connection,
            commands::settings::send_test_email,
            commands::settings::setup_status,
            commands::settings::set_unsaved_changes,
            commands::settings::confirm_link_address,
            commands::settings::app_info,
            commands::data::backup_data,
            commands::data::inspect_backup,
            commands::data::restore_backup,
            commands::data::open_folder,
            commands::catalog::catalog,
            commands::vocabulary::vocabulary,
        ])
}

/// Outcomes of emails that left while the database would not take writes
/// (`Invitations::record_pending`) are written within seconds of it taking
/// them again, even if the recruiter sends nothing more.
fn write_unrecorded_outcomes<R: Runtime>(app: tauri::AppHandle<R>) {
    tauri::async_runtime::spawn(async move {
        loop {
            tokio::time::sleep(std::time::Duration::from_secs(5)).await;
            if app.state::<AppState>().invitations.has_unrecorded() {
                let app = app.clone();
                let _ = tauri::async_runtime::spawn_blocking(move || {
                    app.state::<AppState>().invitations.record_pending()
                })
                .await;
            }
        }
    });
}

fn run_window() -> anyhow::Result<()> {
    // Without a display GTK cannot start (it would panic): say so plainly.
    #[cfg(target_os = "linux")]
    if std::env::var_os("DISPLAY").is_none() && std::env::var_os("WAYLAND_DISPLAY").is_none() {
        anyhow::bail!(jobgate_core::i18n::render_every_language(
            "app-no-display",
            None
        ));
    }
    let state = match AppState::open_default() {
        Ok(state) => state,
        // Damage met anywhere while opening (the check, a migration, the
        // outbox's recovery) has this code too.
        Err(problem) if matches!(problem.code(), "database_damaged" | "database_too_new") => {
            tracing::error!(
                error = problem.code(),
                "the data cannot be opened: recovery window"
            );
            return recovery::run(jobgate_core::paths::data_dir()?, &problem, context());
        }
        Err(e) => {
            return Err(anyhow::anyhow!(
                "{}\n{}",
                e.message(jobgate_core::Lang::Fr),
                e.message(jobgate_core::Lang::En)
            ))
        }
    };
    if let Ok(store) = state.store() {
        if let Ok(level) = store.setting(jobgate_core::settings::LOG_LEVEL) {
            logging::apply_setting(&level);
        }
    }
    // A second launch on the same data brings the first window to the front
    // instead of opening another (registered first, as the plugin asks).
    let single_instance = tauri_plugin_single_instance::Builder::new()
        .dbus_id(instance_id(&state.data_dir))
        .callback(|app, _args, _cwd| {
            if let Some(window) = app.get_webview_window("main") {
                let _ = window.unminimize();
                let _ = window.show();
                let _ = window.set_focus();
            }
        })
        .build();
    app_builder(tauri::Builder::default().plugin(single_instance), state)
        .build(context())?
        .run(|app, event| {
            if let tauri::RunEvent::Exit = event {
                // A last try for outcomes not yet written; what still fails
                // becomes `unknown` at the next start.
                app.state::<AppState>().invitations.record_pending();
                logging::flush();
            }
        });
    Ok(())
}

/// The app's configuration and embedded UI (built once per binary).
fn context() -> tauri::Context<tauri::Wry> {
    tauri::generate_context!()
}

/// One window per data folder: windows on different folders (a test, a
/// portable copy) may run side by side. FNV-1a, stable across builds.
fn instance_id(data_dir: &std::path::Path) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in data_dir.to_string_lossy().bytes() {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{}.i{hash:016x}", jobgate_core::paths::APP_IDENTIFIER)
}
