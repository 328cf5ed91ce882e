//! `jobgate template show|set|reset|preview`: each job offer's invitation
//! template from the command line. Same core calls as the window's editor:
//! a saved template is a new version (never an edit), and the preview is the
//! invitation exactly as `invite` would send it.

use std::io::Read;
use std::path::{Path, PathBuf};

use chrono::Utc;
use clap::Subcommand;
use jobgate_core::store::StoredTemplate;
use jobgate_core::template::TemplateDraft;
use jobgate_core::{CoreError, Lang};

use jobgate_core::tr;

use super::{error_text, open_invitations, EXIT_FAILURE, EXIT_USAGE};

#[derive(Debug, Subcommand)]
pub enum TemplateAction {
    /// Affiche le modèle actuel de l'offre / show the offer's current template.
    Show {
        /// Numéro de l'offre (jobgate job list) / job offer id (jobgate job list).
        #[arg(long = "job")]
        job_id: i64,
        /// Sortie JSON {job_id, version, lang, custom, subject, body} / JSON output.
        #[arg(long)]
        json: bool,
    },
    /// Enregistre une nouvelle version du modèle / save a new version of the template.
    ///
    /// --lang seul : le modèle par défaut de cette langue / --lang alone: that language's built-in default.
    Set {
        /// Numéro de l'offre / job offer id.
        #[arg(long = "job")]
        job_id: i64,
        /// Langue de l'email : fr ou en / the email's language: fr or en.
        #[arg(long, value_parser = ["fr", "en"])]
        lang: Option<String>,
        /// Objet (sinon l'objet actuel) / subject (else the current one).
        #[arg(long)]
        subject: Option<String>,
        /// Fichier du texte, « - » pour l'entrée standard (sinon le texte actuel) /
        /// body file, "-" for standard input (else the current body).
        #[arg(long = "body-file")]
        body_file: Option<PathBuf>,
    },
    /// Revient au modèle par défaut de la langue actuelle / back to the current language's built-in default.
    Reset {
        /// Numéro de l'offre / job offer id.
        #[arg(long = "job")]
        job_id: i64,
    },
    /// L'invitation telle qu'elle serait envoyée / the invitation exactly as it would be sent.
    Preview {
        /// Numéro de l'offre / job offer id.
        #[arg(long = "job")]
        job_id: i64,
        /// Avec les données de cette candidature (sinon la première de l'offre) /
        /// with this application's data (else the offer's first).
        #[arg(long = "application")]
        application_id: Option<i64>,
        /// Sortie JSON (l'aperçu complet, HTML compris) / JSON output (the whole preview, HTML included).
        #[arg(long)]
        json: bool,
    },
}

pub fn template(action: TemplateAction, lang: Lang) -> Result<i32, CoreError> {
    match action {
        TemplateAction::Show { job_id, json } => show(job_id, json, lang),
        TemplateAction::Set {
            job_id,
            lang: template_lang,
            subject,
            body_file,
        } => set(job_id, template_lang, subject, body_file, lang),
        TemplateAction::Reset { job_id } => reset(job_id, lang),
        TemplateAction::Preview {
            job_id,
            application_id,
            json,
        } => preview(job_id, application_id, json, lang),
    }
}

/// The arguments naming a template's language and kind (`language-name`,
/// `template-kind` in cli.ftl).
fn template_args(template_lang: Lang, custom: bool) -> (&'static str, &'static str) {
    (template_lang.code(), if custom { "yes" } else { "no" })
}

fn show(job_id: i64, json: bool, lang: Lang) -> Result<i32, CoreError> {
    let invitations = open_invitations()?;
    let store = invitations.store()?;
    let stored = store.job_template(job_id)?;
    let template = &stored.template;
    if json {
        let value = serde_json::json!({
            "job_id": stored.job_id,
            "version": stored.version,
            "lang": template.lang(),
            "custom": stored.custom,
            "subject": template.subject_source(),
            "body": template.body_source(),
        });
        println!(
            "{}",
            serde_json::to_string_pretty(&value).unwrap_or_else(|_| "{}".into())
        );
        return Ok(0);
    }
    let title = store
        .list_jobs()?
        .into_iter()
        .find(|j| j.id == job_id)
        .map(|j| j.title)
        .unwrap_or_default();
    let (code, custom) = template_args(template.lang(), stored.custom);
    let version = stored.version;
    println!(
        "{}",
        tr!(lang, "cli-template-heading", id = job_id, title = title)
    );
    println!("{}", tr!(lang, "cli-template-version", version = version));
    println!(
        "{}",
        tr!(lang, "cli-template-language", code = code, custom = custom)
    );
    println!(
        "{}",
        tr!(
            lang,
            "cli-template-subject",
            subject = template.subject_source()
        )
    );
    println!();
    print_text(template.body_source());
    Ok(0)
}

/// Prints `text` as it is, with a final line break if it has none.
fn print_text(text: &str) {
    if text.ends_with('\n') {
        print!("{text}");
    } else {
        println!("{text}");
    }
}

fn saved(stored: &StoredTemplate, lang: Lang) -> String {
    let (job_id, version) = (stored.job_id, stored.version);
    let (code, custom) = template_args(stored.template.lang(), stored.custom);
    tr!(
        lang,
        "cli-template-saved",
        id = job_id,
        version = version,
        code = code,
        custom = custom
    )
}

fn read_body(path: &Path) -> std::io::Result<String> {
    let mut body = String::new();
    if path == Path::new("-") {
        std::io::stdin().read_to_string(&mut body)?;
    } else {
        std::fs::File::open(path)?.read_to_string(&mut body)?;
    }
    Ok(body)
}

fn set(
    job_id: i64,
    template_lang: Option<String>,
    subject: Option<String>,
    body_file: Option<PathBuf>,
    lang: Lang,
) -> Result<i32, CoreError> {
    // clap only lets "fr" and "en" through.
    let template_lang = template_lang.as_deref().and_then(Lang::parse);
    if subject.is_none() && body_file.is_none() && template_lang.is_none() {
        eprintln!("{}", tr!(lang, "cli-template-set-nothing", id = job_id));
        return Ok(EXIT_USAGE);
    }
    // Read the body before touching the database: a file that cannot be read
    // changes nothing.
    let body = match &body_file {
        None => None,
        Some(path) => match read_body(path) {
            Ok(body) => Some(body),
            Err(e) => {
                let stdin = if path == Path::new("-") { "yes" } else { "no" };
                let (path, detail) = (path.display().to_string(), e.to_string());
                eprintln!(
                    "{}",
                    tr!(
                        lang,
                        "cli-template-unreadable",
                        stdin = stdin,
                        path = path,
                        detail = detail
                    )
                );
                return Ok(EXIT_FAILURE);
            }
        },
    };
    let invitations = open_invitations()?;
    let mut store = invitations.store()?;
    let current = store.job_template(job_id)?;
    let now = Utc::now();
    let stored = match (template_lang, &subject, &body) {
        // --lang alone: that language's built-in default.
        (Some(template_lang), None, None) => {
            store.use_default_template(job_id, template_lang, now)?
        }
        _ => {
            let draft = TemplateDraft {
                lang: template_lang,
                subject: subject.as_deref(),
                body: body.as_deref(),
            };
            match draft.apply(&current.template, current.custom) {
                Ok(template) => store.save_job_template(job_id, &template, now)?,
                Err(errors) => {
                    for e in &errors {
                        eprintln!("{}", error_text(e, lang));
                    }
                    let version = current.version;
                    eprintln!(
                        "{}",
                        tr!(lang, "cli-template-refused", id = job_id, version = version)
                    );
                    return Ok(EXIT_FAILURE);
                }
            }
        }
    };
    println!("{}", saved(&stored, lang));
    Ok(0)
}

fn reset(job_id: i64, lang: Lang) -> Result<i32, CoreError> {
    let invitations = open_invitations()?;
    let mut store = invitations.store()?;
    let current = store.job_template(job_id)?;
    let stored = store.use_default_template(job_id, current.template.lang(), Utc::now())?;
    println!("{}", saved(&stored, lang));
    Ok(0)
}

fn preview(
    job_id: i64,
    application_id: Option<i64>,
    json: bool,
    lang: Lang,
) -> Result<i32, CoreError> {
    let invitations = open_invitations()?;
    let template = {
        // Released before `preview`, which takes the database itself.
        let store = invitations.store()?;
        let stored = store.job_template(job_id)?;
        stored.template
    };
    let preview = invitations.preview(job_id, application_id, &template, Utc::now())?;
    if preview.sample_link {
        eprintln!("{}", tr!(lang, "cli-preview-sample-link"));
    }
    if preview.application_id.is_none() {
        eprintln!("{}", tr!(lang, "cli-preview-sample-candidate", id = job_id));
    }
    if json {
        println!(
            "{}",
            serde_json::to_string_pretty(&preview).unwrap_or_else(|_| "{}".into())
        );
        return Ok(0);
    }
    println!("{}\n", preview.subject);
    print_text(&preview.text);
    Ok(0)
}
