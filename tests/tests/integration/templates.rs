//! Each job offer's invitation template from the command line as a user runs
//! it — `jobgate template show|set|reset|preview` — against a real SMTP server
//! on loopback (tests/support/smtp_server.py, STARTTLS and AUTH). Each test has
//! its own data folder and its own server. Every CLI call runs with
//! `TZ=Europe/Paris`, so the expiry written in the emails is predictable.
//! The parser and the version rules themselves are tested in the core crate;
//! here is what the recruiter types and sees, and what reaches the server.

use std::process::Output;

use chrono::{DateTime, Datelike, Duration, NaiveDate, TimeZone, Timelike, Utc, Weekday};
use jobgate_tests::smtp::{alternative_parts, MailDataDir, ServerOptions, SmtpServer, CLI_LIMIT};
use jobgate_tests::text;
use jobgate_tests::{fails, ok};
use mail_parser::{Message, MessageParser};
use serde_json::Value;

const DEV: &str = "Développeur Full Stack";
const ELODIE: &str = "elodie@exemple.fr";
const MARC: &str = "marc@exemple.fr";

const CANDIDATES: &str = "job_title,candidate_name,email\n\
    Développeur Full Stack,Élodie Brûlé,elodie@exemple.fr\n\
    Développeur Full Stack,Marc Lefèvre,marc@exemple.fr\n\
    Comptable,Jean Dupont,jean.dupont@exemple.fr\n";

/// The seed's French default, as `template show` gives it.
const FR_SUBJECT: &str = "Invitation à l'entretien vidéo — {job_title}";
const FR_BODY: &str = "Bonjour {candidate_name},\n\n\
    Vous êtes invité(e) à passer un entretien vidéo pour le poste de {job_title}.\n\n\
    🎯 Commencez votre entretien ici : {start_url}\n\n\
    ⏰ Ce lien expire le {expires_at}.\n\n\
    Cordialement,\n\
    L'équipe {company}\n";
const EN_SUBJECT: &str = "Video interview invitation — {job_title}";

/// A data folder with `csv` imported, pointed at a fresh server.
fn setup(csv: &str) -> (MailDataDir, SmtpServer) {
    let server = SmtpServer::start(ServerOptions::starttls());
    let data = MailDataDir::new();
    let out = data.import(csv);
    assert_eq!(out.status.code(), Some(0), "import: {}", text(&out.stdout));
    data.use_server(&server);
    (data, server)
}

/// `jobgate ARGS...` in French, recruiter in Paris, `stdin` on standard input.
fn run_in(data: &MailDataDir, args: &[&str], stdin: Option<&[u8]>, locale: &str) -> Output {
    let mut cmd = data.cli();
    cmd.args(args).env("TZ", "Europe/Paris").env("LANG", locale);
    data.output_of(cmd, stdin, CLI_LIMIT)
}

fn run(data: &MailDataDir, args: &[&str]) -> Output {
    run_in(data, args, None, "fr_FR.UTF-8")
}

fn run_stdin(data: &MailDataDir, args: &[&str], stdin: &str) -> Output {
    run_in(data, args, Some(stdin.as_bytes()), "fr_FR.UTF-8")
}

fn json(out: &Output) -> Value {
    let stdout = ok(out);
    serde_json::from_str(&stdout).unwrap_or_else(|e| panic!("not JSON ({e}): {stdout}"))
}

/// `template show --job JOB --json`, parsed.
fn show(data: &MailDataDir, job: &str) -> Value {
    json(&run(data, &["template", "show", "--job", job, "--json"]))
}

/// The job offer id of the candidate with this email.
fn job_of(data: &MailDataDir, email: &str) -> String {
    data.row(email)["job_id"]
        .as_i64()
        .expect("job_id")
        .to_string()
}

/// The `list --json` row (Paris time) of the candidate with this email.
fn row(data: &MailDataDir, email: &str) -> Value {
    json(&run(data, &["list", "--json"]))
        .as_array()
        .expect("an array")
        .iter()
        .find(|r| r["email"] == email)
        .cloned()
        .unwrap_or_else(|| panic!("no application for {email}"))
}

/// `invite ID --yes` (Paris time) for the candidate with this email; must succeed.
fn invite(data: &MailDataDir, email: &str) -> String {
    let id = data.id_of(email);
    ok(&run(data, &["invite", &id, "--yes"]));
    id
}

fn parse(raw: &[u8]) -> Message<'_> {
    MessageParser::default()
        .parse(raw)
        .expect("the server received a parseable MIME message")
}

/// The raw header lines of a message (before the first blank line), folded
/// continuation lines kept as they are.
fn raw_header_lines(raw: &[u8]) -> Vec<String> {
    let raw = text(raw);
    let head = raw
        .split("\r\n\r\n")
        .next()
        .expect("a header block")
        .to_owned();
    head.split("\r\n").map(str::to_owned).collect()
}

/// Europe/Paris's offset at `at`: UTC+2 from the last Sunday of March 01:00
/// UTC to the last Sunday of October 01:00 UTC, UTC+1 otherwise (the EU rule,
/// written out here so the expected date does not come from the product).
fn paris_offset_hours(at: DateTime<Utc>) -> i64 {
    let last_sunday_1am = |month: u32| {
        let mut day = NaiveDate::from_ymd_opt(at.year(), month, 31).expect("March/October 31");
        while day.weekday() != Weekday::Sun {
            day = day.pred_opt().expect("a previous day");
        }
        Utc.from_utc_datetime(&day.and_hms_opt(1, 0, 0).expect("01:00"))
    };
    if at >= last_sunday_1am(3) && at < last_sunday_1am(10) {
        2
    } else {
        1
    }
}

/// "1 December 2026 at 10:00 (Europe/Paris)", the English email's expiry.
fn english_expiry(expires_at_utc: &str) -> String {
    const MONTHS: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    let utc = DateTime::parse_from_rfc3339(expires_at_utc)
        .expect("RFC 3339")
        .with_timezone(&Utc);
    let local = utc + Duration::hours(paris_offset_hours(utc));
    format!(
        "{} {} {} at {:02}:{:02} (Europe/Paris)",
        local.day(),
        MONTHS[local.month0() as usize],
        local.year(),
        local.hour(),
        local.minute()
    )
}

/// The error lines a refused command printed (`Erreur : ...` in French).
fn error_lines(stderr: &str, prefix: &str) -> Vec<String> {
    stderr
        .lines()
        .filter(|l| l.starts_with(prefix))
        .map(str::to_owned)
        .collect()
}

#[test]
fn the_preview_is_exactly_what_the_candidate_receives() {
    let (data, server) = setup(CANDIDATES);
    let job = job_of(&data, ELODIE);
    let id = data.id_of(ELODIE);
    ok(&run(&data, &["config", "set", "company", "Acme"]));
    ok(&run(
        &data,
        &["config", "set", "recruiter_name", "Camille Martin"],
    ));
    let subject = "{candidate_name}, votre entretien {job_title} chez {company} {{vidéo}}";
    let body = "Bonjour {candidate_name},\n\n\
        {recruiter_name} vous invite à l'entretien pour le poste de {job_title} chez {company}.\n\
        Votre lien : {start_url}\n\
        Il expire le {expires_at}.\n\n\
        À bientôt,\n{recruiter_name} — {company}\n";
    let stdout = ok(&run_stdin(
        &data,
        &[
            "template",
            "set",
            "--job",
            &job,
            "--subject",
            subject,
            "--body-file",
            "-",
        ],
        body,
    ));
    assert!(
        stdout.contains("version 1, langue fr (français), personnalisé"),
        "{stdout}"
    );
    let shown = show(&data, &job);
    assert_eq!(shown["subject"], subject);
    assert_eq!(shown["body"], body, "the body read from standard input");

    // Before any link: a sample link, and stderr says so.
    let out = run(
        &data,
        &["template", "preview", "--job", &job, "--application", &id],
    );
    ok(&out);
    assert!(
        text(&out.stderr).contains("Le lien montré est un exemple"),
        "{}",
        text(&out.stderr)
    );

    // The real link, made without sending anything.
    data.set("delivery_mode", "dry_run");
    data.set(
        "dry_run_dir",
        data.path().join("essai").to_str().expect("UTF-8 path"),
    );
    let stdout = ok(&run(&data, &["invite", &id, "--yes"]));
    assert!(stdout.contains("MODE ESSAI"), "{stdout}");
    assert_eq!(server.message_count(), 0, "a dry run sends nothing");
    data.set("delivery_mode", "smtp");
    let link = row(&data, ELODIE)["link"].clone();
    let start_url = link["start_url"].as_str().expect("start_url").to_owned();
    let expires_local = link["expires_at_local"]
        .as_str()
        .expect("expires_at_local")
        .to_owned();

    let out = run(
        &data,
        &[
            "template",
            "preview",
            "--job",
            &job,
            "--application",
            &id,
            "--json",
        ],
    );
    let preview = json(&out);
    assert_eq!(
        text(&out.stderr),
        "",
        "no sample note once the link is real"
    );
    assert_eq!(preview["sample_link"], false, "{preview:#}");
    assert_eq!(preview["application_id"].to_string(), id);
    assert_eq!(preview["lang"], "fr");
    assert_eq!(preview["candidate_name"], "Élodie Brûlé");
    assert_eq!(preview["email"], ELODIE);
    let p_subject = preview["subject"].as_str().expect("subject").to_owned();
    let p_text = preview["text"].as_str().expect("text").to_owned();
    let p_html = preview["html"].as_str().expect("html").to_owned();
    // Every placeholder filled with the real values.
    assert_eq!(
        p_subject,
        format!("Élodie Brûlé, votre entretien {DEV} chez Acme {{vidéo}}")
    );
    assert_eq!(
        p_text,
        format!(
            "Bonjour Élodie Brûlé,\n\n\
             Camille Martin vous invite à l'entretien pour le poste de {DEV} chez Acme.\n\
             Votre lien : {start_url}\n\
             Il expire le {expires_local}.\n\n\
             À bientôt,\nCamille Martin — Acme\n"
        )
    );
    assert!(expires_local.ends_with("(Europe/Paris)"), "{expires_local}");

    // The plain preview: the subject, a blank line, the text.
    let plain = ok(&run(
        &data,
        &["template", "preview", "--job", &job, "--application", &id],
    ));
    assert_eq!(plain, format!("{p_subject}\n\n{p_text}"));

    // Now for real.
    let stdout = ok(&run(&data, &["invite", &id, "--yes"]));
    assert!(
        stdout.contains(&format!("Email d'invitation envoyé à {ELODIE}")),
        "{stdout}"
    );
    let messages = server.messages();
    assert_eq!(messages.len(), 1);
    let msg = parse(&messages[0]);
    assert_eq!(msg.subject(), Some(p_subject.as_str()));
    let (sent_text, sent_html) = alternative_parts(&msg);
    // The parts travel with CRLF line ends (SMTP); that is the only difference.
    assert!(
        sent_text.contains("\r\n"),
        "the wire form has CRLF: {sent_text:?}"
    );
    assert_eq!(sent_text.replace("\r\n", "\n"), p_text);
    assert_eq!(sent_html.replace("\r\n", "\n"), p_html);
}

#[test]
fn an_english_invitation_end_to_end() {
    let (data, server) = setup(CANDIDATES);
    let job = job_of(&data, ELODIE);
    let stdout = ok(&run(
        &data,
        &["template", "set", "--job", &job, "--lang", "en"],
    ));
    assert!(
        stdout.contains("version 1, langue en (anglais), par défaut"),
        "{stdout}"
    );
    // The recruiter's own messages follow their locale, not the template's.
    let out = run_in(
        &data,
        &["template", "show", "--job", &job],
        None,
        "en_US.UTF-8",
    );
    let shown = ok(&out);
    assert!(
        shown.contains("Version: 1\nLanguage: en (English)\nTemplate: built-in default\n"),
        "{shown}"
    );
    assert!(
        shown.contains(&format!(
            "Subject: {EN_SUBJECT}\n\nHello {{candidate_name}},"
        )),
        "{shown}"
    );

    invite(&data, ELODIE);
    let link = row(&data, ELODIE)["link"].clone();
    let start_url = link["start_url"].as_str().expect("start_url");
    let expiry = english_expiry(link["expires_at"].as_str().expect("expires_at"));
    let messages = server.messages();
    assert_eq!(messages.len(), 1);
    let msg = parse(&messages[0]);
    assert_eq!(
        msg.subject(),
        Some(format!("Video interview invitation — {DEV}").as_str())
    );
    let (plain, html) = alternative_parts(&msg);
    let plain = plain.replace("\r\n", "\n");
    assert!(plain.starts_with("Hello Élodie Brûlé,\n\n"), "{plain}");
    assert!(
        plain.contains(&format!("🎯 Start your interview here: {start_url}\n")),
        "{plain}"
    );
    assert!(
        plain.contains(&format!("⏰ This link expires on {expiry}.\n")),
        "expected {expiry:?} in: {plain}"
    );
    // The date is written in English words, not the French dd/mm/yyyy.
    assert!(!plain.contains(" à "), "{plain}");
    assert!(
        // No `company` setting: the sender's display name signs.
        plain.ends_with("Best regards,\nThe Acme Recrutement team\n"),
        "{plain}"
    );
    assert!(html.contains("<html lang=\"en\">"), "{html}");
    assert!(html.contains(">Start my interview</a>"), "{html}");
    assert!(html.contains(&expiry), "{html}");
    assert!(!html.contains("Commencer mon entretien"), "{html}");

    // The other offer was not touched: still the French seed.
    let other = job_of(&data, "jean.dupont@exemple.fr");
    let shown = show(&data, &other);
    assert_eq!(shown["version"], 0);
    assert_eq!(shown["lang"], "fr");
}

#[test]
fn a_template_that_does_not_parse_is_refused_with_every_error_and_nothing_saved() {
    let (data, _server) = setup(CANDIDATES);
    let job = job_of(&data, ELODIE);
    ok(&run(
        &data,
        &[
            "template",
            "set",
            "--job",
            &job,
            "--subject",
            "Entretien — {job_title}",
        ],
    ));
    let before = show(&data, &job);
    assert_eq!(before["version"], 1);
    assert_eq!(before["subject"], "Entretien — {job_title}");
    assert_eq!(
        before["body"], FR_BODY,
        "the body was kept: the seed's French text"
    );

    // Two errors at once: both printed, one per line, then what happened.
    let out = run_stdin(
        &data,
        &[
            "template",
            "set",
            "--job",
            &job,
            "--subject",
            "Bonjour {prenom}",
            "--body-file",
            "-",
        ],
        "Merci pour votre candidature, à bientôt.\n",
    );
    let stderr = fails(&out, 1);
    assert_eq!(text(&out.stdout), "", "nothing claims a save");
    let errors = error_lines(&stderr, "Erreur : ");
    assert_eq!(errors.len(), 2, "{stderr}");
    assert!(
        errors[0].contains("L'objet contient {prenom}") && errors[0].contains("{candidate_name}"),
        "{stderr}"
    );
    assert!(
        errors[1].contains("Le texte ne contient pas {start_url}"),
        "{stderr}"
    );
    assert!(
        stderr.contains("rien n'a été enregistré, l'offre n° ")
            && stderr.contains("garde sa version 1"),
        "{stderr}"
    );
    assert_eq!(show(&data, &job), before, "nothing saved");

    // The same in English: the prefix and the words follow the locale.
    let out = run_in(
        &data,
        &[
            "template",
            "set",
            "--job",
            &job,
            "--subject",
            "Hello {prenom}\nBcc: x@evil.example",
            "--body-file",
            "-",
        ],
        Some(b"Thanks for applying.\n"),
        "en_US.UTF-8",
    );
    let stderr = fails(&out, 1);
    let errors = error_lines(&stderr, "Error: ");
    assert_eq!(errors.len(), 3, "{stderr}");
    assert!(errors.iter().any(|e| e.contains("one line")), "{stderr}");
    assert!(errors.iter().any(|e| e.contains("{prenom}")), "{stderr}");
    assert!(errors.iter().any(|e| e.contains("{start_url}")), "{stderr}");
    assert_eq!(show(&data, &job), before, "nothing saved");

    // An unknown language: a usage error naming the possible values.
    let stderr = fails(
        &run(&data, &["template", "set", "--job", &job, "--lang", "de"]),
        2,
    );
    assert!(
        stderr.contains("'de'") && stderr.contains("fr, en"),
        "{stderr}"
    );
    // Nothing to change: a usage error saying what to give.
    let stderr = fails(&run(&data, &["template", "set", "--job", &job]), 2);
    assert!(
        stderr.contains("--subject, --body-file ou --lang"),
        "{stderr}"
    );
    // A body file that cannot be read.
    let missing = data.path().join("absent.txt");
    let stderr = fails(
        &run(
            &data,
            &[
                "template",
                "set",
                "--job",
                &job,
                "--body-file",
                missing.to_str().unwrap(),
            ],
        ),
        1,
    );
    assert!(
        stderr.contains("absent.txt") && stderr.contains("Rien n'a été enregistré"),
        "{stderr}"
    );
    assert_eq!(show(&data, &job), before, "nothing saved");

    // An offer that does not exist: the core's message, exit 1, for every subcommand.
    for args in [
        &["template", "show", "--job", "999"][..],
        &["template", "set", "--job", "999", "--lang", "en"],
        &["template", "reset", "--job", "999"],
        &["template", "preview", "--job", "999"],
    ] {
        let stderr = fails(&run(&data, args), 1);
        assert_eq!(
            stderr.trim_end(),
            "Erreur : Il n'y a pas d'offre n° 999. Vérifiez le numéro (jobgate job list).",
            "{args:?}"
        );
    }
    // An application of another offer is not previewed with this offer's template.
    let jean = data.id_of("jean.dupont@exemple.fr");
    let stderr = fails(
        &run(
            &data,
            &["template", "preview", "--job", &job, "--application", &jean],
        ),
        1,
    );
    assert!(
        stderr.contains(&format!("La candidature n° {jean} est pour l'offre"))
            && stderr.contains("« Comptable »"),
        "{stderr}"
    );
}

#[test]
fn every_change_is_a_new_version_and_invitations_use_the_current_one() {
    let (data, server) = setup(CANDIDATES);
    let job = job_of(&data, ELODIE);

    let v0 = show(&data, &job);
    assert_eq!(
        v0,
        serde_json::json!({
            "job_id": job.parse::<i64>().unwrap(),
            "version": 0,
            "lang": "fr",
            "custom": false,
            "subject": FR_SUBJECT,
            "body": FR_BODY,
        })
    );
    let plain = ok(&run(&data, &["template", "show", "--job", &job]));
    assert!(
        plain.starts_with(&format!(
            "Offre n° {job} — {DEV}\nVersion : 0 (jamais enregistré : le modèle par défaut en français)\n"
        )),
        "{plain}"
    );

    let stdout = ok(&run(
        &data,
        &[
            "template",
            "set",
            "--job",
            &job,
            "--subject",
            "Entretien — {job_title}",
        ],
    ));
    assert!(
        stdout.contains(&format!(
            "Modèle de l'offre n° {job} enregistré : version 1, langue fr (français), personnalisé"
        )),
        "{stdout}"
    );
    let v1 = show(&data, &job);
    assert_eq!(
        (v1["version"].as_u64(), v1["custom"].as_bool()),
        (Some(1), Some(true))
    );
    assert_eq!(v1["subject"], "Entretien — {job_title}");
    assert_eq!(v1["body"], FR_BODY, "the body kept");

    // An invitation sent now uses version 1.
    invite(&data, ELODIE);
    let msg_v1 = server.messages()[0].clone();
    assert_eq!(
        parse(&msg_v1).subject(),
        Some(format!("Entretien — {DEV}").as_str())
    );

    let stdout = ok(&run(
        &data,
        &["template", "set", "--job", &job, "--lang", "en"],
    ));
    assert!(
        stdout.contains("version 2, langue en (anglais), par défaut"),
        "{stdout}"
    );
    let v2 = show(&data, &job);
    assert_eq!(
        (v2["version"].as_u64(), v2["custom"].as_bool()),
        (Some(2), Some(false))
    );
    assert_eq!(
        (v2["lang"].as_str(), v2["subject"].as_str()),
        (Some("en"), Some(EN_SUBJECT))
    );

    // The next one uses version 2; the first email is what it was.
    invite(&data, MARC);
    let messages = server.messages();
    assert_eq!(messages.len(), 2);
    assert_eq!(
        parse(&messages[1]).subject(),
        Some(format!("Video interview invitation — {DEV}").as_str())
    );
    assert_eq!(messages[0], msg_v1);

    // A custom English subject, then reset: back to the English default (not French).
    ok(&run(
        &data,
        &[
            "template",
            "set",
            "--job",
            &job,
            "--subject",
            "Interview — {job_title}",
        ],
    ));
    let v3 = show(&data, &job);
    assert_eq!(
        (
            v3["version"].as_u64(),
            v3["lang"].as_str(),
            v3["custom"].as_bool()
        ),
        (Some(3), Some("en"), Some(true))
    );
    let stdout = ok(&run(&data, &["template", "reset", "--job", &job]));
    assert!(
        stdout.contains("version 4, langue en (anglais), par défaut"),
        "{stdout}"
    );
    let v4 = show(&data, &job);
    assert_eq!(
        (
            v4["version"].as_u64(),
            v4["lang"].as_str(),
            v4["custom"].as_bool()
        ),
        (Some(4), Some("en"), Some(false))
    );
    assert_eq!(v4["subject"], EN_SUBJECT);

    // A body from a file, subject and language kept.
    let file = data
        .data
        .write_file("modele.txt", b"Hi {candidate_name}: {start_url}\r\n");
    ok(&run(
        &data,
        &[
            "template",
            "set",
            "--job",
            &job,
            "--body-file",
            file.to_str().unwrap(),
        ],
    ));
    let v5 = show(&data, &job);
    assert_eq!(
        (
            v5["version"].as_u64(),
            v5["lang"].as_str(),
            v5["custom"].as_bool()
        ),
        (Some(5), Some("en"), Some(true))
    );
    assert_eq!(v5["subject"], EN_SUBJECT);
    assert_eq!(
        v5["body"], "Hi {candidate_name}: {start_url}\n",
        "CRLF read as LF"
    );

    // The window's offer list sees the same version.
    let jobs = json(&run(&data, &["job", "list", "--json"]));
    let row = jobs
        .as_array()
        .unwrap()
        .iter()
        .find(|j| j["id"].as_i64().map(|i| i.to_string()).as_deref() == Some(job.as_str()))
        .expect("the offer in job list")
        .clone();
    assert_eq!(
        (
            row["template_version"].as_u64(),
            row["template_lang"].as_str(),
            row["template_custom"].as_bool()
        ),
        (Some(5), Some("en"), Some(true)),
        "{row}"
    );
}

#[test]
fn hostile_values_are_escaped_in_html_literal_in_text_and_the_subject_stays_one_line() {
    let csv = "job_title,candidate_name,email\n\
        R&D <Ops> & Co,Zoé <b>Roux</b>,zoe@exemple.fr\n";
    let (data, server) = setup(csv);
    let job = job_of(&data, "zoe@exemple.fr");
    ok(&run(
        &data,
        &["config", "set", "company", "Dupont & Fils <SA>"],
    ));
    ok(&run_stdin(
        &data,
        &[
            "template",
            "set",
            "--job",
            &job,
            "--subject",
            "{candidate_name} — {job_title} — {company}",
            "--body-file",
            "-",
        ],
        "Bonjour {candidate_name},\n\nPoste : {job_title} chez {company}.\n\n{start_url}\n",
    ));
    let id = invite(&data, "zoe@exemple.fr");
    // After the invitation: the preview shows the link that was sent.
    let preview = json(&run(
        &data,
        &[
            "template",
            "preview",
            "--job",
            &job,
            "--application",
            &id,
            "--json",
        ],
    ));
    assert_eq!(preview["sample_link"], false);

    let messages = server.messages();
    assert_eq!(messages.len(), 1);
    let msg = parse(&messages[0]);
    let subject = "Zoé <b>Roux</b> — R&D <Ops> & Co — Dupont & Fils <SA>";
    assert_eq!(msg.subject(), Some(subject));
    assert_eq!(preview["subject"], subject);
    // One Subject header, and no other header came out of the values.
    let lines = raw_header_lines(&messages[0]);
    let subject_at: Vec<usize> = lines
        .iter()
        .enumerate()
        .filter(|(_, l)| l.to_ascii_lowercase().starts_with("subject:"))
        .map(|(i, _)| i)
        .collect();
    assert_eq!(subject_at.len(), 1, "{lines:#?}");
    let names: Vec<String> = msg
        .headers()
        .iter()
        .map(|h| h.name().to_ascii_lowercase())
        .collect();
    for name in &names {
        assert!(
            [
                "from",
                "to",
                "subject",
                "date",
                "message-id",
                "x-smtpapi",
                "mime-version",
                "content-type",
                "reply-to"
            ]
            .contains(&name.as_str()),
            "unexpected header {name}: {lines:#?}"
        );
    }

    let (plain, html) = alternative_parts(&msg);
    let plain = plain.replace("\r\n", "\n");
    assert!(plain.starts_with("Bonjour Zoé <b>Roux</b>,\n\n"), "{plain}");
    assert!(
        plain.contains("Poste : R&D <Ops> & Co chez Dupont & Fils <SA>."),
        "literal in text: {plain}"
    );
    assert!(
        html.contains("<p>Bonjour Zoé &lt;b&gt;Roux&lt;/b&gt;,</p>"),
        "escaped in HTML: {html}"
    );
    assert!(
        html.contains(
            "<p>Poste : R&amp;D &lt;Ops&gt; &amp; Co chez Dupont &amp; Fils &lt;SA&gt;.</p>"
        ),
        "{html}"
    );
    assert!(
        html.contains("<title>Zoé &lt;b&gt;Roux&lt;/b&gt; — R&amp;D &lt;Ops&gt; &amp; Co — Dupont &amp; Fils &lt;SA&gt;</title>"),
        "{html}"
    );
    for raw in ["<b>Roux", "<Ops>", "<SA>", "R&D ", "& Co", "& Fils"] {
        assert!(!html.contains(raw), "{raw:?} unescaped in: {html}");
    }
    assert_eq!(
        html.replace("\r\n", "\n"),
        preview["html"].as_str().unwrap()
    );
}
