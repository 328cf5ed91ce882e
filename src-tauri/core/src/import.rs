//! CSV import of applications (`job_title,candidate_name,email`).
//!
//! Parse, then convert: every row becomes a validated [`NewApplication`] or a
//! [`RejectedRow`] with its line number and reasons. Good rows are saved in one
//! transaction; bad rows are reported and skipped. A file that is not CSV at all,
//! or lacks a column, changes nothing. A row whose address the erasure
//! register names (`crate::erasures`: erased at the candidate's request) is
//! skipped with its line and the date ([`CoreError::ErasedAtRequest`], among
//! the rejected rows) unless [`ImportOptions::include_erased`].

use std::borrow::Cow;
use std::collections::HashMap;

use chrono::{DateTime, Utc};

use crate::domain::search_key;
use crate::error::{CoreError, Result};
use crate::store::{AddOutcome, NewApplication, Store};

/// A row that was not imported, with the 1-based line it starts on.
#[derive(Debug)]
pub struct RejectedRow {
    pub line: u64,
    pub errors: Vec<CoreError>,
}

/// A row that repeats an earlier row of the same file (same offer, same
/// email whatever its case): merged into it, and reported.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, ts_rs::TS)]
pub struct DuplicateRow {
    pub line: u64,
    pub first_line: u64,
}

#[derive(Debug, Default)]
pub struct ImportReport {
    /// Data rows read (blank rows not counted).
    pub rows: usize,
    pub added: usize,
    /// Rows whose candidate (same email, any case) already applied to the same offer.
    pub already_present: usize,
    /// Rows that repeat an earlier row of the file (counted in `already_present` too).
    pub duplicates: Vec<DuplicateRow>,
    pub rejected: Vec<RejectedRow>,
    /// Rows skipped because their candidate was erased at their request
    /// (among `rejected` too).
    pub erased: usize,
    /// The file's character set: `utf-8`, or `windows-1252` (converted).
    pub encoding: &'static str,
}

/// What the recruiter asked of an import.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ImportOptions {
    /// Import the rows of candidates erased at their request too
    /// (`--include-erased`, the preview's checkbox); skipped by default. The
    /// erasure register then forgets them ([`Store::forget_erasures`]).
    pub include_erased: bool,
}

/// What an import would do, nothing saved: the counts, the first rows as they
/// would be imported, and every rejected row.
#[derive(Debug, Default)]
pub struct ImportPreview {
    pub rows: usize,
    /// Rows that would add an application.
    pub new: usize,
    /// Rows whose application exists already (or repeat an earlier row).
    pub already_present: usize,
    pub duplicates: Vec<DuplicateRow>,
    pub rejected: Vec<RejectedRow>,
    /// Rows of candidates erased at their request: skipped (among `rejected`)
    /// unless the options include them; counted either way, for the
    /// preview's checkbox.
    pub erased: usize,
    /// The first rows, with what would happen to each.
    pub sample: Vec<PreviewRow>,
    pub encoding: &'static str,
}

#[derive(Debug, Clone, serde::Serialize, ts_rs::TS)]
pub struct PreviewRow {
    pub line: u64,
    pub job_title: String,
    pub candidate_name: String,
    pub email: String,
    /// `new`, `already_present` or `duplicate`.
    pub outcome: &'static str,
}

/// How many rows a preview shows.
pub const PREVIEW_ROWS: usize = 50;

/// The columns we need, with the header names accepted for each (compared after
/// [`normalise_header`]): English first, then what French spreadsheets use.
const COLUMNS: [(&str, &[&str]); 3] = [
    (
        "job_title",
        &[
            "job title",
            "job",
            "position",
            "poste",
            "intitule du poste",
            "offre",
            "intitule",
        ],
    ),
    (
        "candidate_name",
        &[
            "candidate name",
            "name",
            "candidate",
            "full name",
            "nom du candidat",
            "nom",
            "candidat",
            "nom complet",
        ],
    ),
    (
        "email",
        &[
            "email",
            "e mail",
            "email address",
            "mail",
            "courriel",
            "adresse e mail",
            "adresse email",
        ],
    ),
];

/// A CSV file read and checked, nothing saved yet.
#[derive(Debug, Default)]
pub struct ParsedCsv {
    /// Good rows with the line each starts on, each once (repeats removed).
    pub valid: Vec<(u64, NewApplication)>,
    /// Good rows that repeat an earlier one (same offer, same email).
    pub duplicates: Vec<DuplicateRow>,
    pub rejected: Vec<RejectedRow>,
    /// Data rows read (blank rows not counted).
    pub rows: usize,
    pub encoding: &'static str,
}

/// Reads a CSV file's bytes into validated rows and rejected rows.
pub fn parse_csv(bytes: &[u8]) -> Result<ParsedCsv> {
    let (text, encoding) = decode(bytes)?;
    // One kind of line end: the csv crate counts lines by `\n` only, so CRLF
    // (Windows) would shift every reported line and a lone CR (old Mac) would
    // put every row on line 1.
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    let text: &str = &text;
    let delimiter = sniff_delimiter(text);
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .flexible(true)
        .has_headers(true)
        .from_reader(text.as_bytes());

    let headers = reader
        .headers()
        .map_err(|e| CoreError::CsvUnreadable {
            detail: e.to_string(),
        })?
        .clone();
    let mut indices = [0usize; 3];
    let mut missing = Vec::new();
    for (slot, (name, aliases)) in COLUMNS.iter().enumerate() {
        let found = headers.iter().position(|h| {
            let h = normalise_header(h);
            h == normalise_header(name) || aliases.contains(&h.as_str())
        });
        match found {
            Some(i) => indices[slot] = i,
            None => missing.push(*name),
        }
    }
    if !missing.is_empty() {
        return Err(CoreError::CsvMissingColumns { missing });
    }

    let mut valid = Vec::new();
    let mut rejected = Vec::new();
    let mut duplicates = Vec::new();
    // (offer, email) → the line that first gave it.
    let mut seen: HashMap<(String, String), u64> = HashMap::new();
    let mut rows = 0;
    for record in reader.records() {
        let record = record.map_err(|e| CoreError::CsvUnreadable {
            detail: e.to_string(),
        })?;
        if record.iter().all(|f| f.trim().is_empty()) {
            continue;
        }
        rows += 1;
        let line = record.position().map(|p| p.line()).unwrap_or(0);
        let field = |slot: usize| record.get(indices[slot]).unwrap_or("");
        match NewApplication::parse(field(0), field(1), field(2)) {
            Ok(app) => {
                // The store tells candidates apart the same way (ASCII case only).
                let key = (
                    search_key(app.job_title.as_str()),
                    app.email.as_str().to_ascii_lowercase(),
                );
                match seen.get(&key) {
                    Some(&first_line) => duplicates.push(DuplicateRow { line, first_line }),
                    None => {
                        seen.insert(key, line);
                        valid.push((line, app));
                    }
                }
            }
            Err(errors) => rejected.push(RejectedRow { line, errors }),
        }
    }
    Ok(ParsedCsv {
        valid,
        duplicates,
        rejected,
        rows,
        encoding,
    })
}

/// [`parse_csv`], then the rows the erasure register names: moved to the
/// rejected rows (with the repeats of them) unless `options` include them.
/// Returns the parse, how many rows name an erased candidate and their
/// addresses.
fn parse_against_register(
    store: &Store,
    bytes: &[u8],
    options: ImportOptions,
) -> Result<(ParsedCsv, usize, Vec<String>)> {
    let mut parsed = parse_csv(bytes)?;
    let register = store.erasure_register()?;
    if register.is_empty() {
        return Ok((parsed, 0, Vec::new()));
    }
    let mut erased_lines: HashMap<u64, DateTime<Utc>> = HashMap::new();
    let mut addresses = Vec::new();
    for (line, app) in &parsed.valid {
        if let Some(at) = register.erased_at(app.email.as_str()) {
            erased_lines.insert(*line, at);
            addresses.push(app.email.as_str().to_owned());
        }
    }
    let mut count = erased_lines.len();
    count += parsed
        .duplicates
        .iter()
        .filter(|d| erased_lines.contains_key(&d.first_line))
        .count();
    if options.include_erased || count == 0 {
        return Ok((parsed, count, addresses));
    }
    let skipped = |line: u64, at: DateTime<Utc>| RejectedRow {
        line,
        errors: vec![CoreError::ErasedAtRequest { erased_at: at }],
    };
    parsed
        .valid
        .retain(|(line, _)| match erased_lines.get(line) {
            Some(at) => {
                parsed.rejected.push(skipped(*line, *at));
                false
            }
            None => true,
        });
    parsed
        .duplicates
        .retain(|d| match erased_lines.get(&d.first_line) {
            Some(at) => {
                parsed.rejected.push(skipped(d.line, *at));
                false
            }
            None => true,
        });
    parsed.rejected.sort_by_key(|r| r.line);
    Ok((parsed, count, addresses))
}

/// What importing `bytes` would do, without saving anything.
pub fn preview_csv(store: &Store, bytes: &[u8]) -> Result<ImportPreview> {
    preview_csv_with_options(store, bytes, ImportOptions::default())
}

/// [`preview_csv`] with the recruiter's `options`.
pub fn preview_csv_with_options(
    store: &Store,
    bytes: &[u8],
    options: ImportOptions,
) -> Result<ImportPreview> {
    let (parsed, erased, _) = parse_against_register(store, bytes, options)?;
    let mut preview = ImportPreview {
        rows: parsed.rows,
        encoding: parsed.encoding,
        erased,
        ..Default::default()
    };
    let row = |line: u64, app: &NewApplication, outcome: &'static str| PreviewRow {
        line,
        job_title: app.job_title.as_str().to_owned(),
        candidate_name: app.candidate_name.as_str().to_owned(),
        email: app.email.as_str().to_owned(),
        outcome,
    };
    let mut first_lines: HashMap<u64, &NewApplication> = HashMap::new();
    for (line, app) in &parsed.valid {
        let exists = store.application_exists(app)?;
        if exists {
            preview.already_present += 1;
        } else {
            preview.new += 1;
        }
        first_lines.insert(*line, app);
        if preview.sample.len() < PREVIEW_ROWS {
            preview.sample.push(row(
                *line,
                app,
                if exists { "already_present" } else { "new" },
            ));
        }
    }
    for duplicate in &parsed.duplicates {
        preview.already_present += 1;
        if let Some(app) = first_lines.get(&duplicate.first_line) {
            if preview.sample.len() < PREVIEW_ROWS {
                preview.sample.push(row(duplicate.line, app, "duplicate"));
            }
        }
    }
    preview.sample.sort_by_key(|r| r.line);
    preview.duplicates = parsed.duplicates;
    preview.rejected = parsed.rejected;
    Ok(preview)
}

/// Imports a CSV file's bytes into the store.
pub fn import_csv(store: &mut Store, bytes: &[u8], now: DateTime<Utc>) -> Result<ImportReport> {
    import_csv_with_progress(store, bytes, now, &mut |_, _| {})
}

/// [`import_csv`], telling `progress(done, total)` how many of the good rows
/// are saved as it goes (they are committed together at the end).
pub fn import_csv_with_progress(
    store: &mut Store,
    bytes: &[u8],
    now: DateTime<Utc>,
    progress: &mut dyn FnMut(usize, usize),
) -> Result<ImportReport> {
    import_csv_with_options(store, bytes, now, ImportOptions::default(), progress)
}

/// [`import_csv_with_progress`] with the recruiter's `options`.
pub fn import_csv_with_options(
    store: &mut Store,
    bytes: &[u8],
    now: DateTime<Utc>,
    options: ImportOptions,
    progress: &mut dyn FnMut(usize, usize),
) -> Result<ImportReport> {
    let (
        ParsedCsv {
            valid,
            duplicates,
            rejected,
            rows,
            encoding,
        },
        erased,
        addresses,
    ) = parse_against_register(store, bytes, options)?;
    let erased = if options.include_erased {
        // Imported again on purpose: the register forgets them first (an
        // import that fails then only leaves them forgotten, never erased
        // again behind the recruiter's back).
        let addresses: Vec<&str> = addresses.iter().map(String::as_str).collect();
        store.forget_erasures(&addresses)?;
        0
    } else {
        erased
    };
    let apps: Vec<NewApplication> = valid.into_iter().map(|(_, app)| app).collect();
    let total = apps.len();
    let outcomes =
        store.add_applications_with_progress(&apps, now, &mut |done| progress(done, total))?;
    let added = outcomes
        .iter()
        .filter(|o| matches!(o, AddOutcome::Added { .. }))
        .count();
    tracing::info!(
        rows,
        added,
        rejected = rejected.len(),
        duplicates = duplicates.len(),
        erased,
        encoding,
        "CSV imported"
    );
    Ok(ImportReport {
        rows,
        added,
        already_present: outcomes.len() - added + duplicates.len(),
        duplicates,
        rejected,
        erased,
        encoding,
    })
}

/// UTF-8 (with or without BOM); a file that is not UTF-8 is read as
/// Windows-1252, what Excel on Windows writes (Latin-1 is a subset of it).
fn decode(bytes: &[u8]) -> Result<(Cow<'_, str>, &'static str)> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(CoreError::CsvUnreadable {
            detail: "fichier vide / empty file".into(),
        });
    }
    if bytes.contains(&0) {
        return Err(CoreError::CsvUnreadable {
            detail: "fichier binaire / binary file".into(),
        });
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok((Cow::Borrowed(text), "utf-8")),
        Err(_) => {
            let (text, _, _) = encoding_rs::WINDOWS_1252.decode(bytes);
            // Control characters other than line breaks and tabs: not a text file.
            if text
                .chars()
                .any(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t'))
            {
                return Err(CoreError::CsvUnreadable {
                    detail: "fichier binaire / binary file".into(),
                });
            }
            Ok((Cow::Owned(text.into_owned()), "windows-1252"))
        }
    }
}

/// Comma, semicolon (French Excel) or tab: whichever the header line (the
/// first line that is not blank, as the csv reader sees it) has most of.
fn sniff_delimiter(text: &str) -> u8 {
    let header = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    let mut in_quotes = false;
    let mut counts = [(b',', 0usize), (b';', 0), (b'\t', 0)];
    for c in header.bytes() {
        if c == b'"' {
            in_quotes = !in_quotes;
        } else if !in_quotes {
            for (d, n) in counts.iter_mut() {
                if *d == c {
                    *n += 1;
                }
            }
        }
    }
    counts
        .iter()
        .max_by_key(|(_, n)| *n)
        .filter(|(_, n)| *n > 0)
        .map(|(d, _)| *d)
        .unwrap_or(b',')
}

/// Lower case, accents off, `_`/`-` as spaces, spaces folded: "Intitulé_du-Poste" → "intitule du poste".
fn normalise_header(h: &str) -> String {
    let folded: String = h
        .trim()
        .chars()
        .flat_map(char::to_lowercase)
        .map(|c| match c {
            'é' | 'è' | 'ê' | 'ë' => 'e',
            'à' | 'â' => 'a',
            'î' | 'ï' => 'i',
            'ô' => 'o',
            'ù' | 'û' | 'ü' => 'u',
            'ç' => 'c',
            '_' | '-' => ' ',
            other => other,
        })
        .collect();
    folded.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_normalise() {
        assert_eq!(normalise_header(" Intitulé_du-Poste "), "intitule du poste");
        assert_eq!(normalise_header("E-mail"), "e mail");
    }

    #[test]
    fn delimiter_sniffing() {
        assert_eq!(sniff_delimiter("a;b;c\n1;2;3"), b';');
        assert_eq!(sniff_delimiter("a,b,c"), b',');
        assert_eq!(sniff_delimiter("\"a;b\",c,d"), b',');
        assert_eq!(sniff_delimiter("abc"), b',');
    }
}
