//! `jobgate template show|set|reset|preview`: each job offer's invitation
//! template from the command line. Same core calls as the window's editor:
//! a saved template is a new version (never an edit), and the preview is the
//! invitation exactly as `invite` would send it.

use std::io::Read;
use std::path::{Path, PathBuf};

use chrono::Utc;
use clap::Subcommand;
use jobgate_core::store::StoredTemplate;
use jobgate_core::template::EmailTemplate;
use jobgate_core::{CoreError, Lang};

use super::{error_text, invitations, say, EXIT_FAILURE, EXIT_USAGE};

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

/// "français" / "English"...: a template language named in the message's language.
fn lang_name(template_lang: Lang, lang: Lang) -> &'static str {
    match (template_lang, lang) {
        (Lang::Fr, Lang::Fr) => "français",
        (Lang::En, Lang::Fr) => "anglais",
        (Lang::Fr, Lang::En) => "French",
        (Lang::En, Lang::En) => "English",
    }
}

fn kind_name(custom: bool, lang: Lang) -> &'static str {
    match (custom, lang) {
        (true, Lang::Fr) => "personnalisé",
        (false, Lang::Fr) => "par défaut",
        (true, Lang::En) => "custom",
        (false, Lang::En) => "built-in default",
    }
}

fn show(job_id: i64, json: bool, lang: Lang) -> Result<i32, CoreError> {
    let invitations = invitations()?;
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
    let (code, language, kind) = (
        template.lang().code(),
        lang_name(template.lang(), lang),
        kind_name(stored.custom, lang),
    );
    let version = stored.version;
    let version_line = if version == 0 {
        say(
            lang,
            "Version : 0 (jamais enregistré : le modèle par défaut en français)".into(),
            "Version: 0 (never saved: the built-in French default)".into(),
        )
    } else {
        say(
            lang,
            format!("Version : {version}"),
            format!("Version: {version}"),
        )
    };
    println!(
        "{}",
        say(
            lang,
            format!("Offre n° {job_id} — {title}"),
            format!("Job offer #{job_id} — {title}")
        )
    );
    println!("{version_line}");
    println!(
        "{}",
        say(
            lang,
            format!("Langue : {code} ({language})\nModèle : {kind}"),
            format!("Language: {code} ({language})\nTemplate: {kind}")
        )
    );
    println!(
        "{}",
        say(
            lang,
            format!("Objet : {}", template.subject_source()),
            format!("Subject: {}", template.subject_source())
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
    let template_lang = stored.template.lang();
    let (code, language, kind) = (
        template_lang.code(),
        lang_name(template_lang, lang),
        kind_name(stored.custom, lang),
    );
    say(
        lang,
        format!("Modèle de l'offre n° {job_id} enregistré : version {version}, langue {code} ({language}), {kind}. Les prochaines invitations l'utiliseront."),
        format!("Template of job offer #{job_id} saved: version {version}, language {code} ({language}), {kind}. The next invitations will use it."),
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
        eprintln!("{}", say(lang,
            format!("Rien n'a été fait : indiquez --subject, --body-file ou --lang. Par exemple :\n  jobgate template set --job {job_id} --subject \"Entretien — {{job_title}}\" --body-file modele.txt\n  jobgate template set --job {job_id} --lang en"),
            format!("Nothing done: give --subject, --body-file or --lang. For example:\n  jobgate template set --job {job_id} --subject \"Interview — {{job_title}}\" --body-file template.txt\n  jobgate template set --job {job_id} --lang en")));
        return Ok(EXIT_USAGE);
    }
    // Read the body before touching the database: a file that cannot be read
    // changes nothing.
    let body = match &body_file {
        None => None,
        Some(path) => match read_body(path) {
            Ok(body) => Some(body),
            Err(e) => {
                let (fr, en) = if path == Path::new("-") {
                    ("l'entrée standard".to_owned(), "standard input".to_owned())
                } else {
                    (
                        format!("« {} »", path.display()),
                        format!("\"{}\"", path.display()),
                    )
                };
                eprintln!(
                    "{}",
                    say(
                        lang,
                        format!("Erreur : impossible de lire le texte du modèle dans {fr} ({e}). Rien n'a été enregistré."),
                        format!("Error: could not read the template body from {en} ({e}). Nothing was saved.")
                    )
                );
                return Ok(EXIT_FAILURE);
            }
        },
    };
    let invitations = invitations()?;
    let mut store = invitations.store()?;
    let current = store.job_template(job_id)?;
    let now = Utc::now();
    let stored = match (template_lang, &subject, &body) {
        // --lang alone: that language's built-in default.
        (Some(template_lang), None, None) => {
            store.use_default_template(job_id, template_lang, now)?
        }
        _ => {
            let template_lang = template_lang.unwrap_or(current.template.lang());
            // A part not given is kept — unless the language changes under a
            // built-in text, which then comes in the new language.
            let (default_subject, default_body) =
                if !current.custom && template_lang != current.template.lang() {
                    jobgate_core::template::default_text(template_lang)
                } else {
                    (
                        current.template.subject_source(),
                        current.template.body_source(),
                    )
                };
            let subject = subject.as_deref().unwrap_or(default_subject);
            let body = body.as_deref().unwrap_or(default_body);
            match EmailTemplate::parse(template_lang, subject, body) {
                Ok(template) => store.save_job_template(job_id, &template, now)?,
                Err(errors) => {
                    for e in &errors {
                        eprintln!("{}", error_text(e, lang));
                    }
                    let version = current.version;
                    eprintln!(
                        "{}",
                        say(
                            lang,
                            format!("Modèle refusé : rien n'a été enregistré, l'offre n° {job_id} garde sa version {version}."),
                            format!("Template refused: nothing was saved, job offer #{job_id} keeps its version {version}.")
                        )
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
    let invitations = invitations()?;
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
    let invitations = invitations()?;
    let template = {
        // Released before `preview`, which takes the database itself.
        let store = invitations.store()?;
        let stored = store.job_template(job_id)?;
        stored.template
    };
    let preview = invitations.preview(job_id, application_id, &template, Utc::now())?;
    if preview.sample_link {
        eprintln!("{}", say(lang,
            "Le lien montré est un exemple : cette candidature n'a pas encore de lien valide ; le vrai lien sera créé à l'envoi de l'invitation.".into(),
            "The link shown is a sample: this application has no valid link yet; the real one is made when the invitation is sent.".into()));
    }
    if preview.application_id.is_none() {
        eprintln!(
            "{}",
            say(
                lang,
                format!("L'offre n° {job_id} n'a aucune candidature : l'aperçu utilise un candidat d'exemple."),
                format!("Job offer #{job_id} has no application: the preview uses a sample candidate.")
            )
        );
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
