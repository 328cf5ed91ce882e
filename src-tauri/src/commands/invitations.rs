//! Emailing candidates: one invitation, a batch and its Annuler, the link's
//! follow-ups (revoke, extend, resend, the recruiter's own mail client) and
//! the outbox (`jobgate invite|link|outbox` on the command line).

use std::sync::atomic::Ordering;

use chrono::Utc;
use jobgate_core::batch::{BatchEvent, BatchOptions, BatchReport};
use jobgate_core::dto::replies::{email_word, BatchPreview, EmailReply, InviteReply};
use jobgate_core::dto::{HistoryDto, OutboxDto};
use jobgate_core::invitations::MailDraft;
use tauri::ipc::Channel;
use tauri::State;

use super::{history, with_store};
use crate::error::CommandError;
use crate::state::AppState;

/// The recruiter confirmed "Inviter" in the native dialog: create (or reuse)
/// the link and send the invitation email. A failed email is not an error of
/// the command: the link exists, and the reply says what happened to the email.
#[tauri::command(rename_all = "snake_case")]
pub async fn invite(
    state: State<'_, AppState>,
    application_id: i64,
) -> Result<InviteReply, CommandError> {
    let result = state.invitations.invite(application_id, Utc::now).await?;
    let email = email_word(&result.email);
    with_store(&state, |store, view| {
        Ok(InviteReply {
            created: result.link_created,
            email,
            application: view.application(&store.application(application_id)?),
        })
    })
}

/// Which applications a batch would invite: the given ones, or the job
/// offer's not-yet-invited ones.
fn batch_ids(
    state: &AppState,
    application_ids: Vec<i64>,
    job_id: Option<i64>,
) -> Result<Vec<i64>, CommandError> {
    match job_id {
        Some(job) => Ok(state.invitations.awaiting_invitation(job, Utc::now())?),
        None => Ok(application_ids),
    }
}

/// What the confirmation dialog says before a batch: how many, the quota, dry run.
#[tauri::command(rename_all = "snake_case")]
pub async fn batch_preview(
    state: State<'_, AppState>,
    application_ids: Vec<i64>,
    job_id: Option<i64>,
) -> Result<BatchPreview, CommandError> {
    let ids = batch_ids(&state, application_ids, job_id)?;
    Ok(BatchPreview {
        quota: state.invitations.quota_check(ids.len(), Utc::now())?,
        dry_run: state.invitations.mail_settings()?.dry_run_dir.is_some(),
        application_ids: ids,
    })
}

/// Runs a confirmed batch; each outcome goes to `on_event` as it happens.
#[tauri::command(rename_all = "snake_case")]
pub async fn invite_batch(
    state: State<'_, AppState>,
    application_ids: Vec<i64>,
    on_event: Channel<BatchEvent>,
) -> Result<BatchReport, CommandError> {
    if state.batch_running.swap(true, Ordering::SeqCst) {
        return Err(CommandError::BatchRunning);
    }
    state.batch_cancel.store(false, Ordering::SeqCst);
    let send = |event: BatchEvent| {
        let _ = on_event.send(event);
    };
    let result = state
        .invitations
        .invite_many(
            &application_ids,
            &BatchOptions::default(),
            &state.batch_cancel,
            &send,
        )
        .await;
    state.batch_running.store(false, Ordering::SeqCst);
    Ok(result?)
}

/// "Annuler": the running batch stops taking new messages.
#[tauri::command(rename_all = "snake_case")]
pub async fn cancel_batch(state: State<'_, AppState>) -> Result<(), CommandError> {
    state.batch_cancel.store(true, Ordering::SeqCst);
    Ok(())
}

#[tauri::command(rename_all = "snake_case")]
pub async fn list_outbox(
    state: State<'_, AppState>,
    limit: Option<u32>,
) -> Result<Vec<OutboxDto>, CommandError> {
    with_store(&state, |store, view| {
        Ok(store
            .list_outbox(limit.unwrap_or(500).min(5000))?
            .iter()
            .map(|r| view.outbox(r))
            .collect())
    })
}

/// "Révoquer" (after the native confirmation): the link stops working now.
#[tauri::command(rename_all = "snake_case")]
pub async fn revoke_link(
    state: State<'_, AppState>,
    application_id: i64,
) -> Result<HistoryDto, CommandError> {
    with_store(&state, |store, view| {
        store.revoke_link(application_id, view.now)?;
        history(store, view, application_id)
    })
}

/// "Prolonger de N jours", optionally emailing the candidate the new date.
#[tauri::command(rename_all = "snake_case")]
pub async fn extend_link(
    state: State<'_, AppState>,
    application_id: i64,
    days: u32,
    notify: bool,
) -> Result<EmailReply, CommandError> {
    let (_, email) = state
        .invitations
        .extend(application_id, days, notify, Utc::now)
        .await?;
    with_store(&state, |store, view| {
        Ok(EmailReply {
            email: email.as_ref().map(email_word),
            history: history(store, view, application_id)?,
        })
    })
}

/// "Renvoyer l'invitation": the same valid link, emailed again.
#[tauri::command(rename_all = "snake_case")]
pub async fn resend_invitation(
    state: State<'_, AppState>,
    application_id: i64,
) -> Result<EmailReply, CommandError> {
    let email = state.invitations.resend(application_id, Utc::now).await?;
    with_store(&state, |store, view| {
        Ok(EmailReply {
            email: Some(email_word(&email)),
            history: history(store, view, application_id)?,
        })
    })
}

/// "Envoyer depuis ma messagerie": the recruiter's own mail client opens with
/// the invitation's subject and text. The address is built here, never by the page.
#[tauri::command(rename_all = "snake_case")]
pub async fn open_mailto<R: tauri::Runtime>(
    app: tauri::AppHandle<R>,
    state: State<'_, AppState>,
    application_id: i64,
) -> Result<(), CommandError> {
    use tauri_plugin_opener::OpenerExt;
    let url = state.invitations.mailto(application_id, Utc::now())?;
    app.opener().open_url(url, None::<&str>).map_err(|_| {
        tracing::warn!(application_id, "no mail client opened for a mailto: link");
        CommandError::MailClient
    })
}

/// What "Copier l'objet et le texte" and "Copier l'adresse" copy when no mail
/// client opens: the same invitation as the `mailto:`.
#[tauri::command(rename_all = "snake_case")]
pub async fn mail_draft(
    state: State<'_, AppState>,
    application_id: i64,
) -> Result<MailDraft, CommandError> {
    Ok(state.invitations.mail_draft(application_id, Utc::now())?)
}
