//! `jobgate invite` (one application, several, or an offer's not yet
//! invited) and `jobgate outbox`: the window's Inviter, batch panel and Boîte
//! d'envoi (`commands/invitations.rs`).

use chrono::Utc;
use jobgate_core::batch::{BatchEvent, BatchOptions};
use jobgate_core::dto::View;
use jobgate_core::invitations::EmailOutcome;
use jobgate_core::store::EmailKind;
use jobgate_core::time::{format_local, recruiter_zone};
use jobgate_core::{tr, CoreError, Lang};

use super::{block_on, open_invitations, open_store, EXIT_FAILURE, EXIT_USAGE};

pub(super) fn invite(application_id: i64, yes: bool, lang: Lang) -> Result<i32, CoreError> {
    let store = open_store()?;
    let app = store.application(application_id)?;
    let (name, job) = (&app.candidate_name, &app.job_title);
    if !yes {
        let (name, job) = (name.as_str(), job.as_str());
        eprintln!(
            "{}",
            tr!(
                lang,
                "cli-invite-confirm",
                name = name,
                job = job,
                id = application_id
            )
        );
        return Ok(EXIT_USAGE);
    }
    let invitations = open_invitations()?;
    let result = block_on(invitations.invite(application_id, Utc::now))??;

    let store = invitations.store()?;
    let base_url = store.base_url()?;
    let view = View::for_recruiter(&base_url, Utc::now(), lang);
    let app = store.application(application_id)?;
    if let Some(link) = app.link.as_ref().map(|l| view.link(l)) {
        let (name, url) = (name.as_str(), link.start_url.as_str());
        let headline = if result.link_created {
            tr!(lang, "cli-invite-link-created", name = name, url = url)
        } else {
            tr!(lang, "cli-invite-link-kept", name = name, url = url)
        };
        let expiry = tr!(
            lang,
            "cli-invite-expires",
            expires = link.expires_at_local.as_str()
        );
        println!("{headline}\n{expiry}");
    }
    Ok(report_email(
        &app.email,
        result.email,
        EmailKind::Invitation,
        lang,
    ))
}

/// Prints what happened to an email and returns the exit code (1 if it did not go out).
pub(super) fn report_email(email: &str, outcome: EmailOutcome, kind: EmailKind, lang: Lang) -> i32 {
    let kind = match kind {
        EmailKind::Invitation => "invitation",
        EmailKind::Extension => "extension",
    };
    match outcome {
        EmailOutcome::Sent(ref receipt) | EmailOutcome::SentUnrecorded { ref receipt, .. }
            if receipt.dry_run =>
        {
            let reply = receipt.reply.as_str();
            println!(
                "{}",
                tr!(lang, "cli-email-dry-run", email = email, reply = reply)
            );
            0
        }
        EmailOutcome::Sent(ref receipt) | EmailOutcome::SentUnrecorded { ref receipt, .. } => {
            let (code, reply) = (receipt.code, receipt.reply.as_str());
            println!(
                "{}",
                tr!(
                    lang,
                    "cli-email-sent",
                    kind = kind,
                    email = email,
                    code = code,
                    reply = reply
                )
            );
            if matches!(outcome, EmailOutcome::SentUnrecorded { .. }) {
                eprintln!("{}", tr!(lang, "cli-email-unrecorded"));
            }
            0
        }
        EmailOutcome::Failed(e) => {
            let message = e.message(lang);
            eprintln!(
                "{}",
                tr!(lang, "cli-email-failed", kind = kind, message = message)
            );
            EXIT_FAILURE
        }
        EmailOutcome::AlreadySent { sent_at } => {
            let when = sent_at
                .map(|t| format_local(t, recruiter_zone(), lang))
                .unwrap_or_default();
            println!(
                "{}",
                tr!(lang, "cli-email-already-sent", email = email, when = when)
            );
            0
        }
        EmailOutcome::InProgress => {
            println!("{}", tr!(lang, "cli-email-in-progress"));
            0
        }
    }
}

pub(super) fn invite_job(
    job: i64,
    yes: bool,
    over_quota: bool,
    lang: Lang,
) -> Result<i32, CoreError> {
    let ids = open_invitations()?.awaiting_invitation(job, Utc::now())?;
    if ids.is_empty() {
        println!("{}", tr!(lang, "cli-batch-none-awaiting", job = job));
        return Ok(0);
    }
    invite_batch(ids, yes, over_quota, lang)
}

/// Several invitations at once: links and outbox rows first, then the emails
/// over the configured number of connections, each outcome printed as it comes.
pub(super) fn invite_batch(
    ids: Vec<i64>,
    yes: bool,
    over_quota: bool,
    lang: Lang,
) -> Result<i32, CoreError> {
    let invitations = open_invitations()?;
    let n = ids.len();
    if !yes {
        eprintln!("{}", tr!(lang, "cli-batch-confirm", count = n));
        return Ok(EXIT_USAGE);
    }
    let quota = invitations.quota_check(n, Utc::now())?;
    if quota.exceeds && !over_quota {
        let (sent, quota) = (quota.sent_last_24h, quota.quota);
        eprintln!(
            "{}",
            tr!(
                lang,
                "cli-batch-over-quota",
                sent = sent,
                count = n,
                quota = quota
            )
        );
        return Ok(EXIT_USAGE);
    }
    let emails: std::collections::HashMap<i64, String> = {
        let store = invitations.store()?;
        ids.iter()
            .filter_map(|id| store.application(*id).ok().map(|a| (*id, a.email)))
            .collect()
    };
    let email_of = |id: i64| emails.get(&id).cloned().unwrap_or_else(|| format!("#{id}"));
    let on_event = |event: BatchEvent| match event {
        BatchEvent::Started {
            to_send, dry_run, ..
        } => {
            if dry_run {
                println!("{}", tr!(lang, "cli-batch-dry-run"));
            }
            println!("{}", tr!(lang, "cli-batch-to-send", count = to_send));
        }
        // The command line has no Annuler: Ctrl-C stops the process, and what
        // was not sent stays queued for the next run.
        BatchEvent::Cancelling { .. } => {}
        BatchEvent::Sent {
            application_id,
            smtp_code,
        } => {
            let email = email_of(application_id);
            println!(
                "{}",
                tr!(lang, "cli-batch-sent", email = email, code = smtp_code)
            );
        }
        BatchEvent::Failed {
            application_id,
            text,
            will_retry,
            ..
        } => {
            let message = text.get(&lang).cloned().unwrap_or_default();
            let will_retry = if will_retry { "yes" } else { "no" };
            let email = email_of(application_id);
            println!(
                "{}",
                tr!(
                    lang,
                    "cli-batch-failed",
                    email = email,
                    message = message,
                    will_retry = will_retry
                )
            );
        }
        BatchEvent::Skipped {
            application_id,
            reason,
        } => {
            let email = email_of(application_id);
            println!(
                "{}",
                tr!(lang, "cli-batch-skipped", email = email, reason = reason)
            );
        }
        BatchEvent::Finished { .. } => {}
    };
    let cancel = std::sync::atomic::AtomicBool::new(false);
    let report =
        block_on(invitations.invite_many(&ids, &BatchOptions::default(), &cancel, &on_event))??;
    println!(
        "{}",
        tr!(
            lang,
            "cli-batch-summary",
            sent = report.sent,
            failed = report.failed,
            skipped = report.skipped,
            total = report.total
        )
    );
    if report.unrecorded > 0 {
        eprintln!(
            "{}",
            tr!(lang, "cli-batch-unrecorded", count = report.unrecorded)
        );
    }
    Ok(if report.failed > 0 { EXIT_FAILURE } else { 0 })
}

pub(super) fn outbox(json: bool, limit: u32, lang: Lang) -> Result<i32, CoreError> {
    let invitations = open_invitations()?;
    let store = invitations.store()?;
    let base_url = store.base_url()?;
    let view = View::for_recruiter(&base_url, Utc::now(), lang);
    let rows: Vec<_> = store
        .list_outbox(limit)?
        .iter()
        .map(|r| view.outbox(r))
        .collect();
    if json {
        println!(
            "{}",
            serde_json::to_string_pretty(&rows).unwrap_or_else(|_| "[]".into())
        );
        return Ok(0);
    }
    for r in &rows {
        let detail = r
            .error
            .clone()
            .or_else(|| r.reply.clone())
            .unwrap_or_default();
        println!(
            "{:>5}  {:<17}  {:<30}  {:>3}  {}",
            r.outbox_id,
            r.state.as_str(),
            r.recipient,
            r.smtp_code.map(|c| c.to_string()).unwrap_or_default(),
            detail
        );
    }
    if rows.is_empty() {
        println!("{}", tr!(lang, "cli-outbox-empty"));
    }
    Ok(0)
}
