// Generated from the Rust types crossing IPC, do not edit; after changing them run
//   JOBGATE_WRITE_TYPES=1 cargo test -p jobgate --test ipc_types
// (src-tauri/tests/ipc_types.rs). Global declarations: ui/*.js use them in JSDoc.

type Lang = "fr" | "en";

type ApplicationStatus = "new" | "invited" | "interviewed" | "rejected" | "hired" | "withdrawn";

type InvitationStatus = "not_invited" | "link_active" | "queued" | "sending" | "sent" | "send_failed" | "send_unknown" | "link_expired" | "link_revoked";

type Stage = "not_invited" | "link_created" | "sending" | "sent" | "failed" | "unknown" | "expired" | "revoked" | "interviewed" | "hired" | "rejected" | "withdrawn";

type LinkState = "active" | "expired" | "revoked";

type EmailKind = "invitation" | "extension";

type OutboxState = "queued" | "sending" | "sent" | "failed_temporary" | "failed_permanent" | "unknown";

type SortKey = "candidate" | "email" | "job" | "status" | "applied" | "expires";

type KeySource = "environment" | "keyring";

type KeyState = "present" | "missing" | "unusable";

type LinkPlace = "this_computer" | "private" | "public";

type OutboxRetry = "retry" | "resend";

type ErrorDto = { code: string, 
/**
 * The form field (or setting name) the error is about.
 */
field: string | null, } & ({ [key in "fr" | "en"]?: string });

type LinkDto = { token: string, start_url: string, 
/**
 * RFC 3339, UTC.
 */
created_at: string, 
/**
 * RFC 3339, UTC.
 */
expires_at: string, 
/**
 * The expiry in the recruiter's zone, zone named: "01/12/2026 à 07:47 (Europe/Paris)".
 */
expires_at_local: string, revoked: boolean, state: LinkState, };

type LastEmailDto = { 
/**
 * invitation or extension (the news that the link was extended).
 */
kind: EmailKind, 
/**
 * queued, sending, sent, failed_temporary, failed_permanent, unknown.
 */
state: OutboxState, 
/**
 * The server's last reply code (250 when sent, 535, 550, 421...).
 */
smtp_code: number | null, 
/**
 * The server's last reply text.
 */
reply: string | null, 
/**
 * What went wrong and what to do, in the view's language; null when sent.
 */
error: string | null, error_code: string | null, 
/**
 * RFC 3339, UTC; null until sent.
 */
sent_at: string | null, 
/**
 * `sent_at` in the recruiter's zone.
 */
sent_at_local: string | null, 
/**
 * When the state last changed (RFC 3339, UTC).
 */
updated_at: string, 
/**
 * `updated_at` in the recruiter's zone.
 */
updated_at_local: string, attempts: number, 
/**
 * True when this email carried the application's latest link.
 */
for_current_link: boolean, };

type AllowedActions = { 
/**
 * Inviter (a first link, or a new one for an expired or revoked link; an
 * unsent valid link is emailed).
 */
invite: boolean, 
/**
 * Renvoyer: the valid link was emailed already.
 */
resend: boolean, 
/**
 * Prolonger: the link is valid or expired.
 */
extend: boolean, 
/**
 * Révoquer and Envoyer depuis ma messagerie: the link is valid.
 */
revoke: boolean, 
/**
 * Supprimer: never invited (no link, no email), so no history is dropped.
 */
delete: boolean, };

type ApplicationDto = { application_id: number, job_id: number, job_title: string, candidate_id: number, candidate_name: string, email: string, 
/**
 * The workflow status: new, invited, interviewed, rejected, hired, withdrawn.
 */
status: ApplicationStatus, 
/**
 * Where the invitation stands: not_invited, link_active (link, no email yet),
 * queued, sending, sent, send_failed, send_unknown, link_expired, link_revoked.
 */
invitation_status: InvitationStatus, 
/**
 * Where it stands for the per-offer chart: the workflow status once past
 * the invitation (interviewed, hired, rejected, withdrawn), else the
 * invitation's (not_invited, link_created, sending, sent, failed, unknown,
 * expired, revoked).
 */
stage: Stage, 
/**
 * RFC 3339, UTC.
 */
applied_at: string, link: LinkDto | null, 
/**
 * Null until an invitation email has been attempted.
 */
last_email: LastEmailDto | null, 
/**
 * Whether the job offer is open.
 */
job_open: boolean, 
/**
 * A decision was made (the application is rejected, hired or withdrawn,
 * or its offer is closed): no link action applies any more, and the
 * window offers none (the store refuses them anyway).
 */
decided: boolean, 
/**
 * The candidate was erased at their request (RGPD): the row is what is
 * left (offer, dates, status), with no name, address or link.
 */
erased: boolean, 
/**
 * What the recruiter may do now, so the page never re-derives the rules
 * (the store refuses anything else anyway).
 */
can: AllowedActions, };

type OutboxDto = { outbox_id: number, application_id: number, job_id: number, job_title: string, 
/**
 * The application's latest email: the one Réessayer would make again.
 */
latest: boolean, 
/**
 * The button its row offers (the list's action for that state), or none:
 * an email that went, an older one, a decided application, a link no
 * longer the one that failed (revoked, expired, replaced).
 */
retry: OutboxRetry | null, recipient: string, recipient_name: string, subject: string, 
/**
 * invitation or extension.
 */
kind: EmailKind, 
/**
 * queued, sending, sent, failed_temporary, failed_permanent, unknown.
 */
state: OutboxState, attempts: number, smtp_code: number | null, reply: string | null, 
/**
 * The id the server gave the message ("queued as …").
 */
queue_id: string | null, error: string | null, error_code: string | null, created_at: string, updated_at: string, sent_at: string | null, };

type TimelineDto = { 
/**
 * RFC 3339, UTC.
 */
at: string, 
/**
 * `at` in the recruiter's zone, zone named.
 */
at_local: string, 
/**
 * application_added, link_created, link_revoked, link_extended,
 * status_changed, email_queued, email_dry_run, candidate_edited,
 * candidate_erased, email_attempt, other.
 */
kind: string, 
/**
 * What happened, in the view's language.
 */
text: string, 
/**
 * For an email attempt: queued… unknown, or null while under way.
 */
outcome: OutboxState | null, smtp_code: number | null, reply: string | null, queue_id: string | null, };

type HistoryDto = { application: ApplicationDto, timeline: Array<TimelineDto>, };

type KeyStatus = { set: boolean, hint: string | null, source: KeySource | null, 
/**
 * Set when the keyring cannot be used; the message says what to do.
 */
keyring_error: ErrorDto | null, };

type QuotaCheck = { sent_last_24h: number, quota: number, batch: number, exceeds: boolean, };

type BatchReport = { total: number, sent: number, failed: number, skipped: number, 
/**
 * Never tried because the batch was cancelled or stopped (their links exist).
 */
cancelled: number, 
/**
 * Of `sent`: emails that left but whose outcome the database would not
 * take yet (kept and written as soon as it does; else `unknown` at the
 * next start). Never to be sent again.
 */
unrecorded: number, 
/**
 * Why the batch stopped before the end, when an error every message would
 * meet (a refused key, an unverified sender...) made it stop.
 */
stopped_by: ErrorDto | null, };

type BatchEvent = { "kind": "started", total: number, to_send: number, dry_run: boolean, } | { "kind": "sent", application_id: number, smtp_code: number, } | { "kind": "failed", application_id: number, error_code: string, smtp_code: number | null, will_retry: boolean, } & ({ [key in "fr" | "en"]?: string }) | { "kind": "cancelling", in_flight: number, queued: number, } | { "kind": "skipped", application_id: number, reason: string, } | { "kind": "finished", report: BatchReport, };

type JobOverview = { id: number, title: string, open: boolean, link_validity_days: number, 
/**
 * The current template's language (`fr` until one was saved), version
 * (0: never saved) and whether it is the recruiter's own text.
 */
template_lang: Lang, template_version: number, template_custom: boolean, applications: number, 
/**
 * Every stage, zero counts included, in [`Stage::ALL`] order.
 */
stages: { [key in Stage]?: number }, };

type Preview = { subject: string, text: string, html: string, lang: Lang, 
/**
 * The application whose data fills it (`None`: the offer has none yet,
 * and sample values are used).
 */
application_id: number | null, candidate_name: string, email: string, 
/**
 * True when the application has no valid link yet: the link shown is a
 * sample, and the real one is made when the invitation is sent.
 */
sample_link: boolean, };

type DuplicateRow = { line: number, first_line: number, };

type PreviewRow = { line: number, job_title: string, candidate_name: string, email: string, 
/**
 * `new`, `already_present` or `duplicate`.
 */
outcome: string, };

type MailDraft = { to: string, subject: string, text: string, };

type CandidateCorrection = { email_changed: boolean, 
/**
 * Emails waiting to leave, made again for the corrected name and address.
 */
requeued: number, 
/**
 * Emails being handed to the server at this moment, with the old details.
 */
in_flight: number, 
/**
 * Applications whose valid link was already emailed to another address
 * than the corrected one (a bearer link may sit in the wrong mailbox).
 */
link_sent_to_old_address: Array<number>, };

type Erasure = { candidate_id: number, 
/**
 * Applications kept as a skeleton (offer, dates, status).
 */
applications: number, 
/**
 * Links that were still usable or current, revoked now.
 */
links_revoked: number, 
/**
 * Emails waiting to leave, withdrawn (never sent).
 */
emails_withdrawn: number, 
/**
 * Outbox rows whose texts, recipient and server replies were removed.
 */
emails_scrubbed: number, 
/**
 * The database file and its journal were rewritten without the erased
 * bytes (false: another program kept the journal open, or the rewrite
 * failed; the next opening of the data by JobGate finishes it).
 */
compacted: boolean, 
/**
 * Dry-run `.eml` files of their emails removed ([`crate::rgpd::erase`]).
 */
files_removed: number, };

type BackupSummary = { path: string, bytes: number, 
/**
 * The schema version the file was written with.
 */
schema_version: number, applications: number, job_offers: number, links: number, emails: number, 
/**
 * When the file was last written.
 */
modified_at: string | null, };

type RestoreReport = { restored: BackupSummary, 
/**
 * Where the data that was replaced is kept.
 */
safety_copy: string | null, 
/**
 * The backup's schema was older than this build's: it was brought up to date.
 */
upgraded_from: number | null, 
/**
 * Emails the backup recorded as being sent, now marked "unknown".
 */
interrupted_emails: number, 
/**
 * Candidates the backup still held whom the erasure register names
 * (erased since it was made): erased again before the restore returned.
 */
erased_again: number, };

type StatusWord = { code: ApplicationStatus, closed: boolean, };

type FieldLimits = { text: number, email: number, template_subject: number, template_body: number, link_validity_days: number, };

type Vocabulary = { 
/**
 * The workflow statuses in the order the page lists them.
 */
statuses: Array<StatusWord>, 
/**
 * The stages of the per-offer chart, in its order.
 */
stages: Array<Stage>, 
/**
 * Rows per page of the list.
 */
page_size: number, limits: FieldLimits, 
/**
 * The template placeholders (`{candidate_name}` …), without braces.
 */
placeholders: Array<string>, 
/**
 * The interface languages, French first.
 */
languages: Array<Lang>, };

type SetupStatus = { 
/**
 * Nothing is really sent: the checklist does not apply.
 */
dry_run: boolean, 
/**
 * The sender's address, once set.
 */
sender: string | null, 
/**
 * The interview links' address, and where it leads.
 */
base_url: string, link_place: LinkPlace, 
/**
 * A private-network address the recruiter confirmed (always true for
 * any other place).
 */
link_address_confirmed: boolean, key: KeyState, 
/**
 * Where the last test email that went out was sent.
 */
test_email_to: string | null, 
/**
 * Why Inviter would refuse now, before any link is made (what is
 * missing, or links to this computer); `None` when an email can go (the
 * test email is only advised).
 */
blocked: ErrorDto | null, };

type Activity = "applied" | "email_sent" | "history";

type RgpdAction = "export" | "erasure" | "retention" | "reerasure";

type OverdueDto = { candidate_id: number, name: string, email: string, last_activity: Activity, 
/**
 * The day of the last activity, in the recruiter's zone and language.
 */
last_activity_date: string, months_inactive: number, };

type RetentionStatus = { 
/**
 * 0: no limit (no banner).
 */
months: number, count: number, candidates: Array<OverdueDto>, };

type RetentionRun = { months: number, erased: number, left_sending: number, 
/**
 * The file could not be rewritten yet (finished at the next opening).
 */
compacted: boolean, };

type RgpdLogDto = { 
/**
 * In the recruiter's zone and language.
 */
at_local: string, action: RgpdAction, count: number, actor: string, };

type CommandError = { code: string, field: string | null, fields: Array<ErrorDto>, } & ({ [key in "fr" | "en"]?: string });

type DialogText = { title: string, 
/**
 * A proposed file name (save dialogs); only its last component is kept.
 */
file_name?: string | null, 
/**
 * The label of the file type filter.
 */
filter?: string | null, };

type ListRequest = { search?: string | null, job_id?: number | null, status?: ApplicationStatus | null, 
/**
 * Only this stage: a chart segment, the email filter.
 */
stage?: Stage | null, sort?: SortKey, descending?: boolean, limit?: number | null, offset?: number, };

type ListReply = { rows: Array<ApplicationDto>, total: number, };

type NewApplicationRequest = { job_title: string, candidate_name: string, email: string, };

type AddReply = { 
/**
 * False when this candidate had already applied to this offer.
 */
added: boolean, application: ApplicationDto, };

type InviteReply = { 
/**
 * False when the application already had a valid link (reused as it is).
 */
created: boolean, 
/**
 * What happened to the email: sent, sent_unrecorded, dry_run (written to
 * a file, not sent), failed, already_sent, in_progress ([`email_word`]).
 * The details (error message, SMTP code) are in `application.last_email`.
 */
email: string, application: ApplicationDto, };

type AppInfo = { version: string, 
/**
 * The interface's language: `fr` or `en`.
 */
ui_lang: Lang, schema_version: number, 
/**
 * The newest schema this build reads and writes.
 */
latest_schema_version: number, sqlite_version: string, data_dir: string, 
/**
 * Where the log files are.
 */
log_dir: string, base_url: string, time_zone: string, 
/**
 * Dry-run mode: emails are written to this folder, nothing is sent.
 */
dry_run_dir: string | null, };

type SettingsReply = { 
/**
 * Every setting's stored value (or default).
 */
values: { [key in string]: string }, 
/**
 * Settings overridden by an environment variable: name → (variable, value).
 */
overrides: { [key in string]: [string, string] }, 
/**
 * Whether a key is set, its last 4 characters, where it comes from. Never the key.
 */
key: KeyStatus, };

type SmtpReply = { host: string, port: number, security: string, code: number | null, reply: string | null, };

type BatchPreview = { application_ids: Array<number>, quota: QuotaCheck, dry_run: boolean, };

type StatusReply = { 
/**
 * True when the change revoked the application's valid link.
 */
revoked_link: boolean, history: HistoryDto, };

type EmailReply = { 
/**
 * What happened to the email (the words of `InviteReply.email`); null
 * when none was asked for.
 */
email: string | null, history: HistoryDto, };

type JobChangeReply = { 
/**
 * How many valid links closing the offer revoked.
 */
revoked: number, jobs: Array<JobOverview>, };

type ExportReply = { path: string, rows: number, };

type TemplateReply = { job_id: number, 
/**
 * 0: never saved (the seed's French default).
 */
version: number, lang: Lang, 
/**
 * False for a built-in default.
 */
custom: boolean, subject: string, body: string, 
/**
 * Every placeholder the editor offers.
 */
placeholders: Array<string>, 
/**
 * The built-in texts: `{fr: [subject, body], en: [subject, body]}`.
 */
defaults: { [key in string]: [string, string] }, };

type RejectedRowDto = { line: number, errors: Array<ErrorDto>, };

type ImportPreviewReply = { path: string, file_name: string, rows: number, new: number, already_present: number, duplicates: Array<DuplicateRow>, rejected: Array<RejectedRowDto>, 
/**
 * Rows of candidates erased at their request (RGPD): skipped, among
 * `rejected`, unless `import_file` is asked to include them.
 */
erased: number, sample: Array<PreviewRow>, 
/**
 * `utf-8`, or `windows-1252` (the file was converted).
 */
encoding: string, };

type ImportReply = { rows: number, added: number, already_present: number, duplicates: Array<DuplicateRow>, rejected: Array<RejectedRowDto>, 
/**
 * Rows of candidates erased at their request, skipped (among `rejected`).
 */
erased: number, encoding: string, };

type ImportProgress = { done: number, total: number, };

type CandidateReply = { correction: CandidateCorrection, application: ApplicationDto, timeline: Array<TimelineDto>, };

type LanguageCatalog = { code: string, ftl: string, };

type SettingChange = { name: string, current: string, backup: string, };

type BackupInspection = { summary: BackupSummary, 
/**
 * When the file was written, on the recruiter's clock, in the interface's language.
 */
made_at: string | null, upgraded_from: number | null, 
/**
 * The SMTP settings the restore would change (asked natively before it).
 */
smtp_changes: Array<SettingChange>, };

type RestoreReply = { report: RestoreReport, 
/**
 * What happened, in the interface's language.
 */
text: string, };

type RecoveryInfo = { code: string, fr: string, en: string, 
/**
 * The OS language (the settings cannot be read).
 */
lang: Lang, data_dir: string, };

/** Every IPC command: what the page sends, what Rust replies. */
interface Commands {
  list_applications: { args: { query: ListRequest }; reply: ListReply };
  add_application: { args: { input: NewApplicationRequest }; reply: AddReply };
  invite: { args: { application_id: number }; reply: InviteReply };
  get_settings: { args: Record<string, never>; reply: SettingsReply };
  save_settings: { args: { values: { [key in string]: string } }; reply: SettingsReply };
  set_api_key: { args: { key: string }; reply: KeyStatus };
  delete_api_key: { args: Record<string, never>; reply: KeyStatus };
  check_connection: { args: Record<string, never>; reply: SmtpReply };
  send_test_email: { args: { address: string }; reply: SmtpReply };
  setup_status: { args: Record<string, never>; reply: SetupStatus };
  set_unsaved_changes: { args: { unsaved: boolean }; reply: null };
  confirm_link_address: { args: Record<string, never>; reply: SetupStatus };
  app_info: { args: Record<string, never>; reply: AppInfo };
  batch_preview: { args: { application_ids: Array<number>; job_id: number | null }; reply: BatchPreview };
  invite_batch: { args: { application_ids: Array<number>; on_event: Channel<BatchEvent> }; reply: BatchReport };
  cancel_batch: { args: Record<string, never>; reply: null };
  list_outbox: { args: { limit: number | null }; reply: Array<OutboxDto> };
  application_history: { args: { application_id: number }; reply: HistoryDto };
  set_application_status: { args: { application_id: number; status: ApplicationStatus }; reply: StatusReply };
  revoke_link: { args: { application_id: number }; reply: HistoryDto };
  extend_link: { args: { application_id: number; days: number; notify: boolean }; reply: EmailReply };
  resend_invitation: { args: { application_id: number }; reply: EmailReply };
  open_mailto: { args: { application_id: number }; reply: null };
  mail_draft: { args: { application_id: number }; reply: MailDraft };
  job_overview: { args: Record<string, never>; reply: Array<JobOverview> };
  set_job_open: { args: { job_id: number; open: boolean }; reply: JobChangeReply };
  set_job_validity: { args: { job_id: number; days: string }; reply: Array<JobOverview> };
  export_links: { args: { job_id: number | null; dialog: DialogText }; reply: ExportReply | null };
  get_template: { args: { job_id: number }; reply: TemplateReply };
  save_template: { args: { job_id: number; lang: Lang; subject: string; body: string }; reply: TemplateReply };
  preview_template: { args: { job_id: number; application_id: number | null; lang: Lang; subject: string; body: string }; reply: Preview };
  preview_import: { args: { dialog: DialogText }; reply: ImportPreviewReply | null };
  import_file: { args: { on_progress: Channel<ImportProgress>; include_erased: boolean | null }; reply: ImportReply };
  update_candidate: { args: { candidate_id: number; application_id: number; candidate_name: string; email: string }; reply: CandidateReply };
  rename_job: { args: { job_id: number; title: string }; reply: Array<JobOverview> };
  delete_application: { args: { application_id: number }; reply: null };
  export_list: { args: { query: ListRequest; dialog: DialogText }; reply: ExportReply | null };
  export_candidate_data: { args: { application_id: number; dialog: DialogText }; reply: ExportReply | null };
  erase_candidate: { args: { candidate_id: number }; reply: Erasure };
  retention_status: { args: Record<string, never>; reply: RetentionStatus };
  apply_retention: { args: Record<string, never>; reply: RetentionRun };
  rgpd_log: { args: Record<string, never>; reply: Array<RgpdLogDto> };
  backup_data: { args: { dialog: DialogText }; reply: BackupSummary | null };
  inspect_backup: { args: { dialog: DialogText }; reply: BackupInspection | null };
  restore_backup: { args: Record<string, never>; reply: RestoreReply };
  open_folder: { args: { which: "data" | "logs" }; reply: null };
  catalog: { args: Record<string, never>; reply: Array<LanguageCatalog> };
  vocabulary: { args: Record<string, never>; reply: Vocabulary };
  recovery_info: { args: Record<string, never>; reply: RecoveryInfo };
  recovery_restore: { args: { dialog: DialogText }; reply: string | null };
  recovery_restart: { args: Record<string, never>; reply: null };
  recovery_open_folder: { args: Record<string, never>; reply: null };
}
