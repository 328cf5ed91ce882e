//! The data benchmark (issue "Applications data … fast at 100,000
//! applications"; `scripts/bench-scale.sh`, BENCHMARKS.md). It writes a
//! realistic CSV (N applications, 200 French job titles with accents, accented
//! names, unique emails, some candidates applying to several offers), imports
//! it with the real core API (`import::import_csv`) into a file database, adds
//! a little history (links, emails, statuses) and then times each query the
//! window makes through `Store::list_applications` — the very call behind the
//! window's list and `jobgate list` — next to the same SQL statements run by
//! the `sqlite3` shell on the same database file (the reference).
//!
//! ```text
//! bench_scale [--rows 100000] [--out DIR] [--csv FILE] [--runs 20] [--warmup 2]
//!             [--invited 2000] [--sqlite3 PATH | --no-reference]
//! ```
//!
//! - The import is timed once, cold (a new database file), with the process's
//!   peak RSS (`VmHWM`) right after it. `--csv FILE` imports that file instead
//!   of generating one (the generator is deterministic: the same `--rows` give
//!   the same bytes).
//! - Each query runs `--warmup` times untimed, then `--runs` times; the median
//!   and the 95th percentile (nearest rank) are printed, in milliseconds.
//! - The reference runs, per query, the statements `list_applications` runs
//!   (`ListQuery::statements`: the same text, bound to the same values through
//!   the shell's `temp.sqlite_parameters` table) in one `sqlite3` process,
//!   with `.timer on` (whose clock shows whole milliseconds). The shell is
//!   Debian's `sqlite3`, a different SQLite version from the one bundled in
//!   JobGate; `--no-reference` skips it.
//! - Each query's result (total, then each row's application, link, email ids
//!   and status, in order) is summed up in a digest, so that two builds (the
//!   code before and after a change) can be shown to return the same thing.
//!
//! Prints a Markdown table on stdout (progress on stderr) and, with `--out`,
//! keeps in DIR `applications.csv`, `jobgate.sqlite3`, `results.tsv` (a
//! header, then one line per query: `key label median_ms p95_ms rows total
//! digest ref_median_ms ref_p95_ms`) and `summary.txt` (the import's figures,
//! `name=value`). Nothing about time is asserted: the exit status is non-zero only if
//! something fails (a panic, a database error, an import that lost rows).

use std::collections::HashSet;
use std::fmt::Write as _;
use std::io::{BufRead, BufReader, Write as _};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Instant;

use anyhow::{bail, Context, Result};
use jobgate_core::domain::ApplicationStatus;
use jobgate_core::mail::RenderedEmail;
use jobgate_core::store::{
    Delivery, DeliveryOutcome, ListQuery, ListStatements, ListValue, OutboxState, PreparedEmail,
    SortKey, Stage, Store,
};

struct Options {
    rows: usize,
    out: Option<PathBuf>,
    csv: Option<PathBuf>,
    runs: usize,
    warmup: usize,
    invited: usize,
    sqlite3: Option<String>,
}

fn usage(code: i32) -> ! {
    eprintln!(
        "usage: bench_scale [--rows 100000] [--out DIR] [--csv FILE] [--runs 20] [--warmup 2]\n\
         \x20                  [--invited 2000] [--sqlite3 PATH | --no-reference]"
    );
    std::process::exit(code);
}

fn parse_args() -> Options {
    let mut o = Options {
        rows: 100_000,
        out: None,
        csv: None,
        runs: 20,
        warmup: 2,
        invited: 2_000,
        sqlite3: Some("sqlite3".into()),
    };
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut i = 0;
    let value = |name: &str, i: &mut usize| -> String {
        *i += 1;
        args.get(*i).cloned().unwrap_or_else(|| {
            eprintln!("{name} needs a value");
            usage(2)
        })
    };
    let num = |name: &str, v: String| -> usize {
        v.parse().unwrap_or_else(|_| {
            eprintln!("{name}: not a number: {v}");
            usage(2)
        })
    };
    while i < args.len() {
        match args[i].as_str() {
            "--rows" => o.rows = num("--rows", value("--rows", &mut i)).max(1),
            "--out" => o.out = Some(value("--out", &mut i).into()),
            "--csv" => o.csv = Some(value("--csv", &mut i).into()),
            "--runs" => o.runs = num("--runs", value("--runs", &mut i)).max(1),
            "--warmup" => o.warmup = num("--warmup", value("--warmup", &mut i)),
            "--invited" => o.invited = num("--invited", value("--invited", &mut i)),
            "--sqlite3" => o.sqlite3 = Some(value("--sqlite3", &mut i)),
            "--no-reference" => o.sqlite3 = None,
            "-h" | "--help" => usage(0),
            other => {
                eprintln!("unknown option: {other}");
                usage(2)
            }
        }
        i += 1;
    }
    o
}

fn main() {
    let o = parse_args();
    if let Err(e) = run(&o) {
        eprintln!("bench_scale: {e:#}");
        std::process::exit(1);
    }
}

// ---------------------------------------------------------------------------
// The data: deterministic, realistic enough for search and sort to behave as
// they would on a recruiter's real files.

/// splitmix64: a deterministic generator without a dependency.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

/// 20 roles × 10 places: the 200 job offers.
const ROLES: [&str; 20] = [
    "Développeur Rust",
    "Développeuse Full Stack",
    "Ingénieur qualité",
    "Chargée de clientèle",
    "Comptable général",
    "Responsable des ressources humaines",
    "Technicien de maintenance",
    "Chef de projet électronique",
    "Assistante de direction",
    "Agent d'accueil",
    "Préparateur de commandes",
    "Conseiller bancaire",
    "Infirmière de bloc opératoire",
    "Éducateur spécialisé",
    "Opérateur de production",
    "Commercial sédentaire",
    "Analyste financier",
    "Architecte réseau",
    "Électricien du bâtiment",
    "Pâtissier",
];
const PLACES: [&str; 10] = [
    "Lyon",
    "Paris",
    "Montréal",
    "Genève",
    "Nîmes",
    "Besançon",
    "Orléans",
    "Saint-Étienne",
    "Brest",
    "Québec",
];
#[rustfmt::skip]
const FIRST_NAMES: &[&str] = &[
    "Élodie", "Éloïse", "Anaïs", "Loïc", "François", "Françoise", "Hélène", "Gaëlle", "Maël",
    "Inès", "Chloé", "Léa", "Zoé", "Théo", "Raphaël", "Benoît", "Cécile", "Joël", "Stéphane",
    "Frédéric", "Agnès", "Jérôme", "Aurélie", "Mégane", "Clément", "Valérie", "Noémie",
    "Timothée", "Océane", "Maïwenn", "Ségolène", "Sébastien", "Hervé", "René", "Thérèse",
    "Jean-Noël", "Marie", "Jean", "Pierre", "Camille", "Lucas", "Emma", "Louis", "Manon", "Hugo",
    "Julie", "Nicolas", "Sarah", "Thomas", "Laura", "Antoine", "Pauline", "Paul", "Claire",
    "Mathieu", "Sophie", "Yanis", "Nadia", "Mohamed", "Fatima", "Karim", "Ngoc Anh",
];
#[rustfmt::skip]
const LAST_NAMES: &[&str] = &[
    "Dupont", "Dupond", "Dupuis", "Duperré", "Dumont", "Durand", "Dubois", "Lefèvre", "Bérard",
    "Müller", "Lemaître", "Côté", "Féraud", "Mercier", "Leroy", "Moreau", "Girard", "Chevalier",
    "Fournier", "Rousseau", "Lambert", "Bonnet", "François", "Martinez", "Nguyen", "Da Silva",
    "Benoît", "Martin", "Bernard", "Thomas", "Petit", "Robert", "Richard", "Simon", "Laurent",
    "Michel", "Garcia", "David", "Bertrand", "Roux", "Vincent", "Morel", "Fontaine", "Gauthier",
    "Perrin", "Mathieu", "Clément", "Gérard", "Boyer", "Guérin", "Faure", "André", "Blanc",
    "Brunet", "Barbier", "Arnaud", "Rolland", "Aubert", "Lemoine", "Renaud", "Caron", "Hébert",
    "Lecomte", "Ménard", "Pelletier", "Tremblay", "Gagnon", "Bélanger", "Lévesque", "Bouchard",
    "Béliveau", "N'Diaye", "Ben Saïd", "El Amrani", "Le Gall", "Le Goff", "Ollivier", "Fèvre",
    "Kowalski", "O'Brien",
];
const DOMAINS: &[&str] = &[
    "gmail.com",
    "orange.fr",
    "free.fr",
    "laposte.net",
    "outlook.fr",
    "yahoo.fr",
    "hotmail.com",
    "sfr.fr",
    "proton.me",
    "videotron.ca",
];

fn job_titles() -> Vec<String> {
    ROLES
        .iter()
        .flat_map(|role| PLACES.iter().map(move |place| format!("{role} – {place}")))
        .collect()
}

/// What people put in an address for a name: no accents, no spaces or apostrophes.
fn email_part(text: &str) -> String {
    text.chars()
        .flat_map(char::to_lowercase)
        .filter_map(|c| match c {
            'à' | 'â' | 'ä' => Some('a'),
            'é' | 'è' | 'ê' | 'ë' => Some('e'),
            'î' | 'ï' => Some('i'),
            'ô' | 'ö' => Some('o'),
            'ù' | 'û' | 'ü' => Some('u'),
            'ç' => Some('c'),
            ' ' | '\'' => None,
            c => Some(c),
        })
        .collect()
}

fn csv_field(out: &mut String, field: &str) {
    if field.contains([',', '"', '\n']) {
        out.push('"');
        out.push_str(&field.replace('"', "\"\""));
        out.push('"');
    } else {
        out.push_str(field);
    }
}

/// `rows` applications: popular offers get many more than others, about one
/// row in eight is a candidate already seen applying to another offer (now and
/// then with the address typed in capitals), and a few names are written the
/// way French administrations do ("DUPONT Jean").
fn generate(rows: usize) -> Vec<u8> {
    let titles = job_titles();
    let mut rng = Rng(0x6A6F_6267_6174_6531);
    let mut csv = String::with_capacity(rows * 80);
    csv.push_str("job_title,candidate_name,email\n");
    let mut candidates: Vec<(String, String)> = Vec::new();
    let mut applied: HashSet<(usize, usize)> = HashSet::new();
    for _ in 0..rows {
        let u = rng.unit();
        let mut job = (u * u * titles.len() as f64) as usize;
        let reuse = candidates.len() > 1_000 && rng.unit() < 0.12;
        let mut candidate = None;
        if reuse {
            let c = rng.below(candidates.len());
            for _ in 0..8 {
                if applied.insert((c, job)) {
                    candidate = Some(c);
                    break;
                }
                job = rng.below(titles.len());
            }
        }
        let c = candidate.unwrap_or_else(|| {
            let first = rng.pick(FIRST_NAMES);
            let last = rng.pick(LAST_NAMES);
            let n = candidates.len();
            let name = if rng.below(30) == 0 {
                format!("{} {first}", last.to_uppercase())
            } else {
                format!("{first} {last}")
            };
            let domain = rng.pick(DOMAINS);
            let email = match rng.below(3) {
                0 => format!(
                    "{}{}{n}@{domain}",
                    email_part(&first[..first.chars().next().map_or(0, char::len_utf8)]),
                    email_part(last)
                ),
                _ => format!("{}.{}{n}@{domain}", email_part(first), email_part(last)),
            };
            candidates.push((name, email));
            applied.insert((n, job));
            n
        });
        let (name, email) = &candidates[c];
        let email = if reuse && candidate.is_some() && rng.below(20) == 0 {
            email.to_uppercase()
        } else {
            email.clone()
        };
        csv_field(&mut csv, &titles[job]);
        csv.push(',');
        csv_field(&mut csv, name);
        csv.push(',');
        csv_field(&mut csv, &email);
        csv.push('\n');
    }
    csv.into_bytes()
}

/// An instant of November 2026, written the way the store writes them (a
/// macro: the instant's type is named without a direct chrono dependency).
macro_rules! at {
    ($day:expr, $seconds:expr) => {{
        let s: u32 = ($seconds) % 86_400;
        jobgate_core::time::from_stored(&format!(
            "2026-11-{:02}T{:02}:{:02}:{:02}Z",
            $day,
            s / 3600,
            s / 60 % 60,
            s % 60
        ))
        .expect("a valid instant")
    }};
}

// ---------------------------------------------------------------------------
// A little history, so that rows carry links and emails as in real use.

/// Invites `invited` applications spread over the list (links and outbox rows:
/// 6 in 10 sent, 1 failed, 3 still queued), then moves some applications
/// along (interviewed, rejected, hired, withdrawn: the last three revoke a
/// valid link). Application ids are 1..=`added` in a new database.
fn add_history(store: &mut Store, added: usize, invited: usize) -> Result<()> {
    let invited = invited.min(added);
    if let Some(step) = added.checked_div(invited) {
        for k in 0..invited {
            let id = (1 + k * step) as i64;
            let when = at!(3, k as u32 * 40);
            let prepared = store.prepare_invitation(id, when, |app, link, _template| {
                Ok(PreparedEmail {
                    recipient: app.email.clone(),
                    recipient_name: app.candidate_name.clone(),
                    email: RenderedEmail {
                        subject: format!("Entretien vidéo : {}", app.job_title),
                        text: format!(
                            "Bonjour {},\n\nvotre lien : https://entretiens.exemple.fr/start/{}\n",
                            app.candidate_name,
                            link.token.as_str()
                        ),
                        html: format!("<p>Bonjour {}</p>", app.candidate_name),
                    },
                    message_id: format!("<bench.{}.{}@jobgate.invalid>", app.id, link.id),
                })
            })?;
            let Delivery::Send(entry) = prepared.delivery else {
                bail!("application {id}: no email to send after a first invitation");
            };
            let outcome = match k % 10 {
                0..=5 => Some(DeliveryOutcome {
                    state: OutboxState::Sent,
                    smtp_code: Some(250),
                    reply: Some("Ok: queued as 4XyZ"),
                    queue_id: Some("4XyZ"),
                    error_code: None,
                    error_fr: None,
                    error_en: None,
                }),
                6 => Some(DeliveryOutcome {
                    state: OutboxState::FailedTemporary,
                    smtp_code: Some(451),
                    reply: Some("4.7.1 Try again later"),
                    queue_id: None,
                    error_code: Some("smtp_temporary"),
                    error_fr: Some("Le serveur a refusé pour l'instant.".into()),
                    error_en: Some("The server refused for now.".into()),
                }),
                _ => None,
            };
            if let Some(outcome) = outcome {
                if !store.claim_outbox(entry.id, when, None)? {
                    bail!("outbox row {} could not be claimed", entry.id);
                }
                store.record_delivery(entry.id, when, &outcome)?;
            }
        }
    }
    let moves = [
        (53, ApplicationStatus::Interviewed),
        (97, ApplicationStatus::Rejected),
        (211, ApplicationStatus::Withdrawn),
        (499, ApplicationStatus::Hired),
    ];
    for (step, status) in moves {
        for id in (1..=added).step_by(step) {
            store.set_application_status(id as i64, status, at!(5, 36_000 + id as u32))?;
        }
    }
    Ok(())
}

// ---------------------------------------------------------------------------
// The queries and their timing.

struct Case {
    /// A short id (results.tsv).
    key: String,
    /// What the table says.
    label: String,
    query: ListQuery,
}

fn case(key: impl Into<String>, label: impl Into<String>, query: ListQuery) -> Case {
    Case {
        key: key.into(),
        label: label.into(),
        query,
    }
}

fn search(text: &str) -> ListQuery {
    ListQuery {
        search: Some(text.into()),
        ..ListQuery::default()
    }
}

/// What the window asks for: its first page, a search typed letter by
/// letter, the filters, each column header clicked (both ways); the last
/// page; and the 10,000-row pages `Store::list_every` reads for `jobgate list`
/// and the exports.
fn cases(store: &Store, sample_email: &str, added: usize) -> Result<Vec<Case>> {
    let mut cases = vec![case(
        "first_page",
        "first page (default: applied ↑, 200 rows)",
        ListQuery::default(),
    )];
    for n in 1..="dupont".len() {
        let typed = &"dupont"[..n];
        cases.push(case(
            format!("search_{typed}"),
            format!("search \"{typed}\" (name, typed letter by letter)"),
            search(typed),
        ));
    }
    cases.push(case(
        "search_email_domain",
        "search \"laposte.net\" (email fragment)",
        search("laposte.net"),
    ));
    cases.push(case(
        "search_email_exact",
        format!("search \"{sample_email}\" (one address)"),
        search(sample_email),
    ));
    cases.push(case(
        "search_title",
        "search \"DEVELOPPEU\" (job title, no accent, capitals)",
        search("DEVELOPPEU"),
    ));
    cases.push(case(
        "search_place",
        "search \"saint-etienne\" (job title, no accent)",
        search("saint-etienne"),
    ));
    cases.push(case(
        "search_none",
        "search \"zzzz\" (no match)",
        search("zzzz"),
    ));
    // A mid-sized offer (about 1 % of the applications) and the largest.
    let mut jobs = store.list_jobs()?;
    jobs.sort_by_key(|j| (std::cmp::Reverse(j.applications), j.id));
    if let (Some(big), Some(mid)) = (jobs.first(), jobs.get(jobs.len() / 2)) {
        for (key, job) in [("job_filter_mid", mid), ("job_filter_big", big)] {
            cases.push(case(
                key,
                format!(
                    "job filter \"{}\" ({} applications)",
                    job.title, job.applications
                ),
                ListQuery {
                    job_id: Some(job.id),
                    ..ListQuery::default()
                },
            ));
        }
        cases.push(case(
            "job_filter_search",
            format!("job filter \"{}\" + search \"dupont\"", big.title),
            ListQuery {
                job_id: Some(big.id),
                search: Some("dupont".into()),
                ..ListQuery::default()
            },
        ));
    }
    for status in [ApplicationStatus::New, ApplicationStatus::Interviewed] {
        cases.push(case(
            format!("status_{}", status.as_str()),
            format!("status filter \"{}\"", status.as_str()),
            ListQuery {
                status: Some(status),
                ..ListQuery::default()
            },
        ));
    }
    // The email filter and the chart's segments: a common stage and a rare
    // one (few rows: the whole table is walked for the page and the count).
    for stage in [Stage::NotInvited, Stage::Failed] {
        cases.push(case(
            format!("stage_{}", stage.as_str()),
            format!("stage filter \"{}\"", stage.as_str()),
            ListQuery {
                stage: Some(stage),
                ..ListQuery::default()
            },
        ));
    }
    let sorts = [
        (SortKey::Candidate, "candidate"),
        (SortKey::Email, "email"),
        (SortKey::Job, "job"),
        (SortKey::Status, "status"),
        (SortKey::Applied, "applied"),
        (SortKey::Expires, "expires"),
    ];
    for (sort, name) in sorts {
        for descending in [false, true] {
            let arrow = if descending { "↓" } else { "↑" };
            cases.push(case(
                format!("sort_{name}_{}", if descending { "desc" } else { "asc" }),
                format!("sort by {name} {arrow}, first page"),
                ListQuery {
                    sort,
                    descending,
                    ..ListQuery::default()
                },
            ));
        }
    }
    cases.push(case(
        "sort_candidate_search",
        "sort by candidate ↑ + search \"du\"",
        ListQuery {
            sort: SortKey::Candidate,
            search: Some("du".into()),
            ..ListQuery::default()
        },
    ));
    cases.push(case(
        "last_page",
        "last page (offset total − 200)",
        ListQuery {
            offset: added.saturating_sub(200) as u32,
            ..ListQuery::default()
        },
    ));
    cases.push(case(
        "cli_default",
        "10,000 rows (a page of `list_every`: `jobgate list`, exports)",
        ListQuery {
            limit: Some(jobgate_core::store::MAX_PAGE_SIZE),
            ..ListQuery::default()
        },
    ));
    Ok(cases)
}

struct Measured {
    times_ms: Vec<f64>,
    rows: usize,
    total: u64,
    digest: u64,
    ids: Vec<i64>,
}

/// FNV-1a over the total and each row's ids and status, in order.
fn digest(page: &jobgate_core::store::ListPage) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let mut eat = |bytes: &[u8]| {
        for b in bytes {
            h ^= u64::from(*b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
    };
    eat(&page.total.to_le_bytes());
    for r in &page.rows {
        eat(&r.id.to_le_bytes());
        eat(&r.link.as_ref().map_or(0, |l| l.id).to_le_bytes());
        eat(&r
            .last_email
            .as_ref()
            .map_or(0, |e| e.outbox_id)
            .to_le_bytes());
        eat(r.status.as_str().as_bytes());
    }
    h
}

fn measure(store: &Store, query: &ListQuery, warmup: usize, runs: usize) -> Result<Measured> {
    for _ in 0..warmup {
        store.list_applications(query)?;
    }
    let mut times_ms = Vec::with_capacity(runs);
    let mut last = None;
    for _ in 0..runs {
        let start = Instant::now();
        let page = store.list_applications(query)?;
        times_ms.push(start.elapsed().as_secs_f64() * 1000.0);
        last = Some(page);
    }
    let page = last.expect("at least one run");
    Ok(Measured {
        times_ms,
        rows: page.rows.len(),
        total: page.total,
        digest: digest(&page),
        ids: page.rows.iter().map(|r| r.id).collect(),
    })
}

/// Median and 95th percentile (nearest rank).
fn stats(times: &[f64]) -> (f64, f64) {
    let mut t = times.to_vec();
    t.sort_by(f64::total_cmp);
    let n = t.len();
    let median = if n % 2 == 1 {
        t[n / 2]
    } else {
        (t[n / 2 - 1] + t[n / 2]) / 2.0
    };
    let rank = ((0.95 * n as f64).ceil() as usize).clamp(1, n);
    (median, t[rank - 1])
}

fn vm_hwm_kb() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|v| v.parse().ok())
        })
        .unwrap_or(0)
}

// ---------------------------------------------------------------------------
// The reference: the same statements, run by the sqlite3 shell.

/// What the sqlite3 shell runs for one query: the statements
/// `Store::list_applications` runs (`ListQuery::statements`, the very text),
/// bound to the same values through the shell's parameter table: the page's
/// ids, the page's rows (`ids`: the page the API returned), and the count
/// unless the first page is not full.
struct Reference {
    /// Fills `temp.sqlite_parameters` (not timed).
    setup: Vec<String>,
    /// The timed statements.
    statements: Vec<String>,
}

fn reference_for(q: &ListQuery, ids: &[i64]) -> Reference {
    let s = q.statements(chrono::Utc::now());
    let mut params = s.page_params();
    let mut statements = vec![s.ids.clone()];
    if !ids.is_empty() {
        statements.push(s.rows.clone());
        params.push(("?1", ListValue::Text(ListStatements::id_list(ids))));
    }
    if s.needs_count(ids.len()) {
        statements.push(s.count.clone());
    }
    let values = params
        .iter()
        .map(|(name, value)| {
            let value = match value {
                ListValue::Text(text) => sql_text(text),
                ListValue::Integer(n) => n.to_string(),
            };
            format!("({}, {value})", sql_text(name))
        })
        .collect::<Vec<_>>()
        .join(", ");
    Reference {
        setup: vec![
            "DELETE FROM temp.sqlite_parameters".to_owned(),
            format!("INSERT INTO temp.sqlite_parameters (key, value) VALUES {values}"),
        ],
        statements,
    }
}

fn sql_text(s: &str) -> String {
    format!("'{}'", s.replace('\'', "''"))
}

/// Runs each case's statements `warmup + runs` times in one sqlite3 process
/// (`.timer on`) and returns, per case, each timed run's total in milliseconds.
fn run_reference(
    sqlite3: &str,
    db: &Path,
    cases: &[Reference],
    warmup: usize,
    runs: usize,
) -> Result<Vec<Vec<f64>>> {
    let mut script = String::from(".timer on\n.headers off\n.mode list\n.parameter init\n");
    for (i, case) in cases.iter().enumerate() {
        // The parameters after a marker that times nothing.
        let _ = writeln!(script, "SELECT '@@ setup';");
        for s in &case.setup {
            let _ = writeln!(script, "{s};");
        }
        for run in 0..warmup + runs {
            // A marker line, then the statements; the marker's own timer line is skipped.
            let _ = writeln!(script, "SELECT '@@ {i} {run}';");
            for s in &case.statements {
                let _ = writeln!(script, "{s};");
            }
        }
    }
    let mut child = Command::new(sqlite3)
        .arg("-batch")
        .arg("-bail")
        .arg(db)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .with_context(|| {
            format!("cannot run {sqlite3} (install Debian's sqlite3, or --no-reference)")
        })?;
    let mut stdin = child.stdin.take().expect("piped stdin");
    let writer = std::thread::spawn(move || stdin.write_all(script.as_bytes()));
    let mut times = vec![vec![0.0; warmup + runs]; cases.len()];
    let mut current: Option<(usize, usize)> = None;
    let mut skip_timer = false;
    for line in BufReader::new(child.stdout.take().expect("piped stdout")).lines() {
        let line = line?;
        if let Some(marker) = line.strip_prefix("@@ ") {
            let mut parts = marker.split(' ').map(|p| p.parse::<usize>());
            current = match (parts.next(), parts.next()) {
                (Some(Ok(i)), Some(Ok(run))) => Some((i, run)),
                // `@@ setup`: what follows is not timed.
                _ => None,
            };
            skip_timer = true;
        } else if let Some(rest) = line.strip_prefix("Run Time: real ") {
            let secs: f64 = rest
                .split_whitespace()
                .next()
                .and_then(|v| v.parse().ok())
                .with_context(|| format!("unreadable timer line: {line}"))?;
            if std::mem::take(&mut skip_timer) {
                continue;
            }
            if let Some((i, run)) = current {
                times[i][run] += secs * 1000.0;
            }
        }
    }
    writer.join().expect("writer thread")?;
    let output = child.wait_with_output()?;
    if !output.status.success() {
        bail!(
            "{sqlite3} failed: {}",
            String::from_utf8_lossy(&output.stderr).trim()
        );
    }
    Ok(times.into_iter().map(|t| t[warmup..].to_vec()).collect())
}

// ---------------------------------------------------------------------------

fn run(o: &Options) -> Result<()> {
    let temp = tempfile::tempdir()?;
    let dir = match &o.out {
        Some(d) => {
            std::fs::create_dir_all(d).with_context(|| format!("cannot create {}", d.display()))?;
            d.clone()
        }
        None => temp.path().to_path_buf(),
    };
    let db = dir.join("jobgate.sqlite3");
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", db.display()));
    }

    let bytes = match &o.csv {
        Some(file) => {
            std::fs::read(file).with_context(|| format!("cannot read {}", file.display()))?
        }
        None => {
            eprintln!("==> generating {} applications", o.rows);
            let bytes = generate(o.rows);
            let csv = dir.join("applications.csv");
            std::fs::write(&csv, &bytes)
                .with_context(|| format!("cannot write {}", csv.display()))?;
            bytes
        }
    };
    // The "one address" query looks for the address on the row two thirds down.
    let sample_email = {
        let text = String::from_utf8_lossy(&bytes);
        let lines: Vec<&str> = text.lines().collect();
        let line = lines.get(lines.len() * 2 / 3).copied().unwrap_or("");
        line.rsplit(',').next().unwrap_or("").trim().to_owned()
    };
    let csv_rows = bytes
        .iter()
        .filter(|b| **b == b'\n')
        .count()
        .saturating_sub(1);

    eprintln!(
        "==> import ({} bytes, {csv_rows} rows) into {}",
        bytes.len(),
        db.display()
    );
    let hwm_before = vm_hwm_kb();
    let mut store = Store::open(&db)?;
    let start = Instant::now();
    let report = jobgate_core::import::import_csv(&mut store, &bytes, at!(2, 8 * 3600))?;
    let import_ms = start.elapsed().as_secs_f64() * 1000.0;
    let hwm_import = vm_hwm_kb();
    if o.csv.is_none() && (report.added != o.rows || !report.rejected.is_empty()) {
        bail!(
            "the import added {} of {} rows ({} already present, {} rejected)",
            report.added,
            o.rows,
            report.already_present,
            report.rejected.len()
        );
    }
    // What the import costs before SQLite: reading and checking the rows only.
    let start = Instant::now();
    let parsed = jobgate_core::import::parse_csv(&bytes)?;
    let parse_ms = start.elapsed().as_secs_f64() * 1000.0;
    drop(parsed);
    eprintln!(
        "    {:.2} s: {} added, {} already present, {} rejected; parse only {:.2} s; peak RSS {} MB",
        import_ms / 1000.0,
        report.added,
        report.already_present,
        report.rejected.len(),
        parse_ms / 1000.0,
        hwm_import / 1024
    );

    eprintln!("==> history: {} invitations, status changes", o.invited);
    let start = Instant::now();
    add_history(&mut store, report.added, o.invited)?;
    eprintln!("    {:.1} s", start.elapsed().as_secs_f64());

    let cases = cases(&store, &sample_email, report.added)?;
    let mut measured = Vec::with_capacity(cases.len());
    for c in &cases {
        eprintln!("==> {}", c.label);
        let m = measure(&store, &c.query, o.warmup, o.runs)?;
        let (median, p95) = stats(&m.times_ms);
        eprintln!(
            "    {} rows of {}: median {median:.2} ms, p95 {p95:.2} ms",
            m.rows, m.total
        );
        measured.push(m);
    }
    let hwm_end = vm_hwm_kb();
    // Closing the last connection folds the WAL into the database file.
    drop(store);
    let db_bytes = std::fs::metadata(&db).map(|m| m.len()).unwrap_or(0);

    let reference = match &o.sqlite3 {
        Some(sqlite3) => {
            eprintln!("==> reference: the same statements in {sqlite3}");
            let references: Vec<Reference> = cases
                .iter()
                .zip(&measured)
                .map(|(c, m)| reference_for(&c.query, &m.ids))
                .collect();
            Some(run_reference(sqlite3, &db, &references, o.warmup, o.runs)?)
        }
        None => None,
    };

    let mut tsv = String::from(
        "key\tlabel\tmedian_ms\tp95_ms\trows\ttotal\tdigest\tref_median_ms\tref_p95_ms\n",
    );
    let mut table = String::new();
    let _ = writeln!(
        table,
        "| Query | Rows | Total | API median ms | API p95 ms | sqlite3 median ms | sqlite3 p95 ms |"
    );
    let _ = writeln!(table, "| --- | --- | --- | --- | --- | --- | --- |");
    for (i, (c, m)) in cases.iter().zip(&measured).enumerate() {
        let (median, p95) = stats(&m.times_ms);
        let (ref_median, ref_p95) = match &reference {
            Some(r) => {
                let (a, b) = stats(&r[i]);
                (format!("{a:.1}"), format!("{b:.1}"))
            }
            None => ("-".into(), "-".into()),
        };
        let _ = writeln!(
            table,
            "| {} | {} | {} | {median:.2} | {p95:.2} | {ref_median} | {ref_p95} |",
            c.label, m.rows, m.total
        );
        let _ = writeln!(
            tsv,
            "{}\t{}\t{median:.3}\t{p95:.3}\t{}\t{}\t{:016x}\t{ref_median}\t{ref_p95}",
            c.key, c.label, m.rows, m.total, m.digest
        );
    }
    let summary = format!(
        "rows={csv_rows}\nadded={}\nalready_present={}\nrejected={}\nimport_ms={import_ms:.0}\n\
         parse_ms={parse_ms:.0}\nvm_hwm_before_kb={hwm_before}\nvm_hwm_import_kb={hwm_import}\n\
         vm_hwm_end_kb={hwm_end}\ndb_bytes={db_bytes}\ncsv_bytes={}\nruns={}\nwarmup={}\ninvited={}\n",
        report.added,
        report.already_present,
        report.rejected.len(),
        bytes.len(),
        o.runs,
        o.warmup,
        o.invited
    );
    if o.out.is_some() {
        std::fs::write(dir.join("results.tsv"), &tsv)?;
        std::fs::write(dir.join("summary.txt"), &summary)?;
    }

    println!(
        "Import: {csv_rows} rows in {:.2} s (one run, new database file; {} added, {} already \
         present, {} rejected); parsing alone {:.2} s; peak RSS {} MB after the import, {} MB at \
         the end; database {:.1} MB.",
        import_ms / 1000.0,
        report.added,
        report.already_present,
        report.rejected.len(),
        parse_ms / 1000.0,
        hwm_import / 1024,
        hwm_end / 1024,
        db_bytes as f64 / 1e6
    );
    println!(
        "Queries: Store::list_applications, {} warm-up + {} timed runs each; sqlite3: the same \
         statements, same runs (its timer shows whole milliseconds).\n",
        o.warmup, o.runs
    );
    print!("{table}");
    Ok(())
}
