//! The JobGate desktop shell: a thin layer of Tauri commands over
//! [`jobgate_core`], and the command line on the same binary.
//!
//! `jobgate` alone opens the window; `jobgate <subcommand>` runs the command line
//! and never opens a window.

pub mod cli;
pub mod commands;
pub mod error;
pub mod state;

use tauri::{Builder, Manager, Runtime};

pub use state::AppState;

/// The entry point of the `jobgate` binary.
pub fn run() {
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    if cli::wants_cli(&args) {
        std::process::exit(cli::main(args));
    }
    if let Err(e) = run_window() {
        eprintln!("{e:#}");
        std::process::exit(1);
    }
}

/// Everything the app is made of, on any runtime: the real one, or tauri's mock
/// runtime in tests.
pub fn app_builder<R: Runtime>(builder: Builder<R>, state: AppState) -> Builder<R> {
    builder
        .plugin(tauri_plugin_dialog::init())
        .plugin(tauri_plugin_opener::init())
        .manage(state)
        .invoke_handler(tauri::generate_handler![
            commands::list_applications,
            commands::add_application,
            commands::invite,
            commands::get_settings,
            commands::save_settings,
            commands::set_api_key,
            commands::delete_api_key,
            commands::check_connection,
            commands::send_test_email,
            commands::app_info,
            commands::batch_preview,
            commands::invite_batch,
            commands::cancel_batch,
            commands::list_outbox,
            commands::application_history,
            commands::set_application_status,
            commands::revoke_link,
            commands::extend_link,
            commands::resend_invitation,
            commands::open_mailto,
            commands::job_overview,
            commands::set_job_open,
            commands::set_job_validity,
            commands::export_links,
            commands::get_template,
            commands::save_template,
            commands::use_default_template,
            commands::preview_template,
            commands::preview_import,
            commands::import_file,
            commands::update_candidate,
            commands::rename_job,
            commands::delete_application,
            commands::export_list,
        ])
}

fn run_window() -> anyhow::Result<()> {
    // Without a display GTK cannot start (it would panic): say so plainly.
    #[cfg(target_os = "linux")]
    if std::env::var_os("DISPLAY").is_none() && std::env::var_os("WAYLAND_DISPLAY").is_none() {
        anyhow::bail!(
            "Aucun affichage graphique (DISPLAY) : lancez JobGate depuis une session graphique, ou utilisez une sous-commande (jobgate --help).\n\
             No graphical display (DISPLAY): start JobGate from a desktop session, or use a subcommand (jobgate --help)."
        );
    }
    let state = AppState::open_default().map_err(|e| {
        anyhow::anyhow!(
            "{}\n{}",
            e.message(jobgate_core::Lang::Fr),
            e.message(jobgate_core::Lang::En)
        )
    })?;
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
        .run(tauri::generate_context!())?;
    Ok(())
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
