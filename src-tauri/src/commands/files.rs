//! The page proposes, Rust disposes: no command takes a file path from the
//! page. Every file JobGate reads or writes for the recruiter is chosen in a
//! native dialog opened here (tauri-plugin-dialog's Rust API); the page only
//! proposes the dialog's title and a file name, which are cut down to one line
//! and a bare name. A file picked for a two-step action (import preview then
//! import, restore check then restore) is remembered here, never sent back by
//! the page.

use std::collections::VecDeque;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use serde::Deserialize;
use tauri::{AppHandle, Manager, Runtime};

/// What the page proposes for a dialog: texts in the interface's language.
#[derive(Debug, Default, Clone, Deserialize, ts_rs::TS)]
#[serde(default)]
// Defaults for every field (`serde(default)`): the page may leave the optional ones out.
#[ts(optional_fields = nullable)]
pub struct DialogText {
    pub title: String,
    /// A proposed file name (save dialogs); only its last component is kept.
    pub file_name: Option<String>,
    /// The label of the file type filter.
    pub filter: Option<String>,
}

/// A file dialog to open, as Rust decides it.
#[derive(Debug, Clone)]
pub struct FileRequest {
    pub save: bool,
    pub title: String,
    pub file_name: Option<String>,
    pub filter: String,
    pub extensions: &'static [&'static str],
}

pub const CSV: &[&str] = &["csv", "txt", "CSV"];
pub const BACKUP: &[&str] = &["sqlite3", "db", "jobgate"];

/// One line of at most 200 characters, no control characters.
fn one_line(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_control())
        .take(200)
        .collect::<String>()
        .trim()
        .to_owned()
}

impl FileRequest {
    /// A dialog of `extensions` with the page's texts, made harmless.
    pub fn new(save: bool, text: &DialogText, extensions: &'static [&'static str]) -> FileRequest {
        let title = one_line(&text.title);
        FileRequest {
            save,
            title: if title.is_empty() {
                "JobGate".into()
            } else {
                title
            },
            file_name: text
                .file_name
                .as_deref()
                .and_then(|n| Path::new(&one_line(n)).file_name().map(|n| n.to_owned()))
                .map(|n| n.to_string_lossy().into_owned())
                .filter(|n| !n.is_empty()),
            filter: one_line(text.filter.as_deref().unwrap_or(""))
                .chars()
                .take(60)
                .collect::<String>(),
            extensions,
        }
    }
}

/// Who answers the dialogs: the recruiter (native dialogs), or, on tauri's
/// mock runtime (which has no dialogs), a script of answers given by a test.
pub enum Chooser {
    Native,
    Scripted {
        files: Mutex<VecDeque<Option<PathBuf>>>,
        answers: Mutex<VecDeque<bool>>,
        /// Every question asked, for the test to read.
        asked: Mutex<Vec<String>>,
    },
}

/// The files picked for a two-step action, remembered between its steps.
#[derive(Default)]
pub struct Picked {
    pub import: Mutex<Option<PathBuf>>,
    pub backup: Mutex<Option<PathBuf>>,
}

impl Picked {
    pub fn remember(slot: &Mutex<Option<PathBuf>>, path: &Path) {
        if let Ok(mut slot) = slot.lock() {
            *slot = Some(path.to_owned());
        }
    }

    pub fn recall(slot: &Mutex<Option<PathBuf>>) -> Option<PathBuf> {
        slot.lock().ok().and_then(|s| s.clone())
    }
}

impl Chooser {
    pub fn scripted() -> Chooser {
        Chooser::Scripted {
            files: Mutex::default(),
            answers: Mutex::default(),
            asked: Mutex::default(),
        }
    }

    /// Tests: the next file dialog returns `path` (`None`: cancelled).
    pub fn will_choose(&self, path: Option<PathBuf>) {
        if let Chooser::Scripted { files, .. } = self {
            if let Ok(mut files) = files.lock() {
                files.push_back(path);
            }
        }
    }

    /// Tests: the next question is answered `yes`.
    pub fn will_answer(&self, yes: bool) {
        if let Chooser::Scripted { answers, .. } = self {
            if let Ok(mut answers) = answers.lock() {
                answers.push_back(yes);
            }
        }
    }

    /// Tests: the questions asked so far.
    pub fn asked(&self) -> Vec<String> {
        match self {
            Chooser::Scripted { asked, .. } => asked.lock().map(|a| a.clone()).unwrap_or_default(),
            Chooser::Native => Vec::new(),
        }
    }
}

/// Opens the file dialog `request` describes; `None` when the recruiter cancels.
pub async fn choose<R: Runtime>(app: &AppHandle<R>, request: FileRequest) -> Option<PathBuf> {
    let chooser = app.try_state::<Chooser>()?;
    match chooser.inner() {
        Chooser::Scripted { files, .. } => files.lock().ok().and_then(|mut f| f.pop_front())?,
        Chooser::Native => {
            use tauri_plugin_dialog::DialogExt;
            let mut dialog = app.dialog().file().set_title(&request.title);
            if !request.filter.is_empty() {
                dialog = dialog.add_filter(&request.filter, request.extensions);
            }
            if let Some(window) = app.get_webview_window("main") {
                dialog = dialog.set_parent(&window);
            }
            if let Some(name) = &request.file_name {
                dialog = dialog.set_file_name(name);
            }
            let (tx, rx) = tokio::sync::oneshot::channel();
            let answer = move |path: Option<tauri_plugin_dialog::FilePath>| {
                let _ = tx.send(path.and_then(|p| p.into_path().ok()));
            };
            if request.save {
                dialog.save_file(answer);
            } else {
                dialog.pick_file(answer);
            }
            rx.await.ok().flatten()
        }
    }
}

/// A native question with two buttons; true for `ok`.
pub async fn ask<R: Runtime>(
    app: &AppHandle<R>,
    title: &str,
    message: &str,
    ok: &str,
    cancel: &str,
) -> bool {
    let Some(chooser) = app.try_state::<Chooser>() else {
        return false;
    };
    match chooser.inner() {
        Chooser::Scripted { answers, asked, .. } => {
            if let Ok(mut asked) = asked.lock() {
                asked.push(message.to_owned());
            }
            answers
                .lock()
                .ok()
                .and_then(|mut a| a.pop_front())
                .unwrap_or(false)
        }
        Chooser::Native => {
            use tauri_plugin_dialog::{DialogExt, MessageDialogButtons, MessageDialogKind};
            let mut dialog = app
                .dialog()
                .message(message)
                .title(title)
                .kind(MessageDialogKind::Warning)
                .buttons(MessageDialogButtons::OkCancelCustom(
                    ok.to_owned(),
                    cancel.to_owned(),
                ));
            if let Some(window) = app.get_webview_window("main") {
                dialog = dialog.parent(&window);
            }
            let (tx, rx) = tokio::sync::oneshot::channel();
            dialog.show(move |yes| {
                let _ = tx.send(yes);
            });
            rx.await.unwrap_or(false)
        }
    }
}
