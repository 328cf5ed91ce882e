//! The IPC contract: `ui/types/ipc.d.ts`, generated from the Rust types with
//! ts-rs, and checked against the committed file so that the page and Rust
//! cannot drift apart unnoticed (`./scripts/typecheck.sh` then checks ui/
//! against it). After changing a type crossing IPC:
//!   JOBGATE_WRITE_TYPES=1 cargo test -p jobgate --test ipc_types

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use ts_rs::{Config, TS};

use jobgate_app::commands::catalog::LanguageCatalog;
use jobgate_app::commands::data::{BackupInspection, RestoreReply, SettingChange};
use jobgate_app::commands::files::DialogText;
use jobgate_app::error::CommandErrorWire;
use jobgate_app::recovery::RecoveryInfo;
use jobgate_core::batch::{BatchEvent, BatchReport, QuotaCheck};
use jobgate_core::domain::ApplicationStatus;
use jobgate_core::dto::replies::{
    AddReply, AppInfo, BatchPreview, CandidateReply, EmailReply, ExportReply, ImportPreviewReply,
    ImportProgress, ImportReply, InviteReply, JobChangeReply, ListReply, ListRequest,
    NewApplicationRequest, RejectedRowDto, SettingsReply, SmtpReply, StatusReply, TemplateReply,
};
use jobgate_core::dto::{
    AllowedActions, ApplicationDto, ErrorDto, HistoryDto, LastEmailDto, LinkDto, OutboxDto,
    OutboxRetry, TimelineDto,
};
use jobgate_core::i18n::Lang;
use jobgate_core::import::{DuplicateRow, PreviewRow};
use jobgate_core::invitations::{KeyState, MailDraft, Preview, SetupStatus};
use jobgate_core::retention::{OverdueDto, RetentionRun, RetentionStatus, RgpdLogDto};
use jobgate_core::secret::{KeySource, KeyStatus};
use jobgate_core::settings::LinkPlace;
use jobgate_core::store::backup::{BackupSummary, RestoreReport};
use jobgate_core::store::{
    Activity, CandidateCorrection, EmailKind, Erasure, InvitationStatus, JobOverview, LinkState,
    OutboxState, RgpdAction, SortKey, Stage,
};
use jobgate_core::vocabulary::{FieldLimits, StatusWord, Vocabulary};

/// Counts and ids are far below 2^53: JSON numbers, never `bigint`.
fn config() -> Config {
    Config::new().with_large_int("number")
}

/// One declaration per type, in this order (words first, then what holds them).
macro_rules! declarations {
    ($cfg:expr; $($ty:ty),* $(,)?) => {
        vec![$((<$ty as TS>::name($cfg), <$ty as TS>::decl($cfg), <$ty as TS>::dependencies($cfg)
            .into_iter().map(|d| d.ts_name).collect::<Vec<_>>())),*]
    };
}

fn types(cfg: &Config) -> Vec<(String, String, Vec<String>)> {
    declarations![cfg;
        // Words and enums.
        Lang, ApplicationStatus, InvitationStatus, Stage, LinkState, EmailKind, OutboxState,
        SortKey, KeySource, KeyState, LinkPlace, OutboxRetry,
        // Core DTOs.
        ErrorDto, LinkDto, LastEmailDto, AllowedActions, ApplicationDto, OutboxDto, TimelineDto, HistoryDto,
        KeyStatus, QuotaCheck, BatchReport, BatchEvent, JobOverview, Preview, DuplicateRow,
        PreviewRow, MailDraft, CandidateCorrection, Erasure, BackupSummary, RestoreReport, StatusWord, FieldLimits,
        Vocabulary, SetupStatus, Activity, RgpdAction, OverdueDto, RetentionStatus, RetentionRun,
        RgpdLogDto,
        // The shell's requests and replies.
        CommandErrorWire, DialogText, ListRequest, ListReply, NewApplicationRequest, AddReply,
        InviteReply, AppInfo, SettingsReply, SmtpReply, BatchPreview, StatusReply, EmailReply,
        JobChangeReply, ExportReply, TemplateReply, RejectedRowDto, ImportPreviewReply,
        ImportReply, ImportProgress, CandidateReply, LanguageCatalog, SettingChange,
        BackupInspection, RestoreReply, RecoveryInfo,
    ]
}

/// The TypeScript of a Rust type, or a literal for what only the page has
/// (`arg = "..."`: a tauri `Channel`, declared in ui/types/globals.d.ts).
macro_rules! ts {
    ($cfg:expr, = $raw:literal) => {
        String::from($raw)
    };
    ($cfg:expr, $ty:ty) => {
        <$ty as TS>::name($cfg)
    };
}

/// THE command table: every command a window registers, its arguments as the
/// page sends them (the commands are `rename_all = "snake_case"`, so the keys
/// are the Rust parameter names; State and AppHandle are not sent) and its
/// reply (`()` is `null`). The test below checks it against the
/// `generate_handler!` lists of lib.rs and recovery.rs.
macro_rules! commands {
    ($cfg:expr; $($name:ident { $($arg:ident $(: $ty:ty)? $(= $raw:literal)?),* $(,)? } => $reply:ty;)*) => {
        vec![$((
            stringify!($name),
            vec![$((stringify!($arg), ts!($cfg, $($ty)? $(= $raw)?))),*],
            <$reply as TS>::name($cfg),
        )),*]
    };
}

type Args = Vec<(&'static str, String)>;

fn command_table(cfg: &Config) -> Vec<(&'static str, Args, String)> {
    commands![cfg;
        list_applications { query: ListRequest } => ListReply;
        add_application { input: NewApplicationRequest } => AddReply;
        invite { application_id: i64 } => InviteReply;
        get_settings {} => SettingsReply;
        save_settings { values: BTreeMap<String, String> } => SettingsReply;
        set_api_key { key: String } => KeyStatus;
        delete_api_key {} => KeyStatus;
        check_connection {} => SmtpReply;
        send_test_email { address: String } => SmtpReply;
        setup_status {} => SetupStatus;
        set_unsaved_changes { unsaved: bool } => ();
        confirm_link_address {} => SetupStatus;
        app_info {} => AppInfo;
        batch_preview { application_ids: Vec<i64>, job_id: Option<i64> } => BatchPreview;
        invite_batch { application_ids: Vec<i64>, on_event = "Channel<BatchEvent>" } => BatchReport;
        cancel_batch {} => ();
        list_outbox { limit: Option<u32> } => Vec<OutboxDto>;
        application_history { application_id: i64 } => HistoryDto;
        set_application_status { application_id: i64, status: ApplicationStatus } => StatusReply;
        revoke_link { application_id: i64 } => HistoryDto;
        extend_link { application_id: i64, days: u32, notify: bool } => EmailReply;
        resend_invitation { application_id: i64 } => EmailReply;
        open_mailto { application_id: i64 } => ();
        mail_draft { application_id: i64 } => MailDraft;
        job_overview {} => Vec<JobOverview>;
        set_job_open { job_id: i64, open: bool } => JobChangeReply;
        set_job_validity { job_id: i64, days: String } => Vec<JobOverview>;
        export_links { job_id: Option<i64>, dialog: DialogText } => Option<ExportReply>;
        get_template { job_id: i64 } => TemplateReply;
        save_template { job_id: i64, lang: Lang, subject: String, body: String } => TemplateReply;
        preview_template {
            job_id: i64, application_id: Option<i64>, lang: Lang, subject: String, body: String
        } => Preview;
        preview_import { dialog: DialogText } => Option<ImportPreviewReply>;
        import_file { on_progress = "Channel<ImportProgress>", include_erased: Option<bool> } => ImportReply;
        update_candidate {
            candidate_id: i64, application_id: i64, candidate_name: String, email: String
        } => CandidateReply;
        rename_job { job_id: i64, title: String } => Vec<JobOverview>;
        delete_application { application_id: i64 } => ();
        export_list { query: ListRequest, dialog: DialogText } => Option<ExportReply>;
        export_candidate_data { application_id: i64, dialog: DialogText } => Option<ExportReply>;
        erase_candidate { candidate_id: i64 } => Erasure;
        retention_status {} => RetentionStatus;
        apply_retention {} => RetentionRun;
        rgpd_log {} => Vec<RgpdLogDto>;
        backup_data { dialog: DialogText } => Option<BackupSummary>;
        inspect_backup { dialog: DialogText } => Option<BackupInspection>;
        restore_backup {} => RestoreReply;
        open_folder { which = "\"data\" | \"logs\"" } => ();
        catalog {} => Vec<LanguageCatalog>;
        vocabulary {} => Vocabulary;
        // The recovery window (recovery.rs).
        recovery_info {} => RecoveryInfo;
        recovery_restore { dialog: DialogText } => Option<String>;
        recovery_restart {} => ();
        recovery_open_folder {} => ();
    ]
}

fn generate() -> String {
    let cfg = config();
    let mut out = String::from(
        "// Generated from the Rust types crossing IPC, do not edit; after changing them run\n\
         //   JOBGATE_WRITE_TYPES=1 cargo test -p jobgate --test ipc_types\n\
         // (src-tauri/tests/ipc_types.rs). Global declarations: ui/*.js use them in JSDoc.\n",
    );
    for (_, decl, _) in types(&cfg) {
        out.push('\n');
        out.push_str(&decl);
        out.push('\n');
    }
    out.push_str("\n/** Every IPC command: what the page sends, what Rust replies. */\ninterface Commands {\n");
    for (name, args, reply) in command_table(&cfg) {
        let args: Vec<String> = args.iter().map(|(a, t)| format!("{a}: {t}")).collect();
        let args = if args.is_empty() {
            "Record<string, never>".to_owned()
        } else {
            format!("{{ {} }}", args.join("; "))
        };
        out.push_str(&format!("  {name}: {{ args: {args}; reply: {reply} }};\n"));
    }
    out.push_str("}\n");
    out
}

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("src-tauri has a parent")
        .to_path_buf()
}

#[test]
fn committed_contract_is_what_rust_generates() {
    let path = root().join("ui/types/ipc.d.ts");
    let generated = generate();
    if std::env::var_os("JOBGATE_WRITE_TYPES").is_some() {
        std::fs::write(&path, &generated).expect("ui/types/ipc.d.ts written");
        return;
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == generated,
        "ui/types/ipc.d.ts is not what the Rust types give: run \
         JOBGATE_WRITE_TYPES=1 cargo test -p jobgate --test ipc_types and commit it"
    );
}

/// Every type a declaration names is declared too (nothing left dangling).
#[test]
fn every_referenced_type_is_declared() {
    let cfg = config();
    let types = types(&cfg);
    let declared: BTreeSet<&str> = types.iter().map(|(n, _, _)| n.as_str()).collect();
    for (name, _, deps) in &types {
        for dep in deps {
            assert!(
                declared.contains(dep.as_str()),
                "{name} uses {dep}, which ipc_types.rs does not declare"
            );
        }
    }
}

/// The command names inside `generate_handler![...]` in a source file.
fn registered(file: &str) -> BTreeSet<String> {
    let source = std::fs::read_to_string(root().join(file)).expect("source readable");
    let start = source
        .find("generate_handler![")
        .expect("a generate_handler! list")
        + "generate_handler![".len();
    let end = start + source[start..].find(']').expect("the list ends");
    source[start..end]
        .split(',')
        .map(|path| path.trim())
        .filter(|path| !path.is_empty())
        .map(|path| path.rsplit("::").next().unwrap_or(path).to_owned())
        .collect()
}

/// A command registered without a contract entry (or an entry for a command
/// that is gone) fails here.
#[test]
fn command_table_matches_the_registered_handlers() {
    let mut handlers = registered("src-tauri/src/lib.rs");
    handlers.extend(registered("src-tauri/src/recovery.rs"));
    let table: BTreeSet<String> = command_table(&config())
        .into_iter()
        .map(|(name, _, _)| name.to_owned())
        .collect();
    assert_eq!(table, handlers);
}

/// The status words the DTOs send (`as_str`) are the ones declared.
#[test]
fn status_words_are_the_declared_unions() {
    let cfg = config();
    let decl = InvitationStatus::decl(&cfg);
    for word in [
        "not_invited",
        "link_active",
        "queued",
        "sending",
        "sent",
        "send_failed",
        "send_unknown",
        "link_expired",
        "link_revoked",
    ] {
        assert!(decl.contains(&format!("\"{word}\"")), "{word} in {decl}");
    }
    for status in ApplicationStatus::ALL {
        assert!(
            ApplicationStatus::decl(&cfg).contains(&format!("\"{}\"", status.as_str())),
            "{}",
            status.as_str()
        );
    }
}
