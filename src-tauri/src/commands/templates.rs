//! The offer's invitation template: the editor's load, save and live preview
//! (`jobgate template …` on the command line).

use chrono::Utc;
use jobgate_core::dto::replies::TemplateReply;
use jobgate_core::invitations::Preview;
use jobgate_core::template::{parse_lang, EmailTemplate};
use tauri::State;

use crate::error::CommandError;
use crate::state::AppState;

/// The editor's draft (every part typed), checked: every problem goes next to its field.
fn checked_draft(lang: &str, subject: &str, body: &str) -> Result<EmailTemplate, CommandError> {
    EmailTemplate::parse(parse_lang(lang)?, subject, body).map_err(CommandError::Validation)
}

#[tauri::command(rename_all = "snake_case")]
pub async fn get_template(
    state: State<'_, AppState>,
    job_id: i64,
) -> Result<TemplateReply, CommandError> {
    Ok(TemplateReply::from(&state.store()?.job_template(job_id)?))
}

/// "Enregistrer le modèle": a new version of the offer's template.
#[tauri::command(rename_all = "snake_case")]
pub async fn save_template(
    state: State<'_, AppState>,
    job_id: i64,
    lang: String,
    subject: String,
    body: String,
) -> Result<TemplateReply, CommandError> {
    let template = checked_draft(&lang, &subject, &body)?;
    let stored = state
        .store()?
        .save_job_template(job_id, &template, Utc::now())?;
    Ok(TemplateReply::from(&stored))
}

/// The live preview: the draft rendered with a real candidate's data, exactly
/// as it would be sent.
#[tauri::command(rename_all = "snake_case")]
pub async fn preview_template(
    state: State<'_, AppState>,
    job_id: i64,
    application_id: Option<i64>,
    lang: String,
    subject: String,
    body: String,
) -> Result<Preview, CommandError> {
    let template = checked_draft(&lang, &subject, &body)?;
    Ok(state
        .invitations
        .preview(job_id, application_id, &template, Utc::now())?)
}
