//! CSV import: good rows kept, bad rows reported by line, unreadable files change nothing.

use chrono::Utc;
use jobgate_core::import::import_csv;
use jobgate_core::store::{ListQuery, Store};
use jobgate_core::CoreError;

fn import(text: &[u8]) -> (Store, Result<jobgate_core::import::ImportReport, CoreError>) {
    let mut store = Store::open_in_memory().unwrap();
    let report = import_csv(&mut store, text, Utc::now());
    (store, report)
}

fn total(store: &Store) -> u64 {
    store
        .list_applications(&ListQuery::default())
        .unwrap()
        .total
}

#[test]
fn good_rows_are_kept_and_bad_rows_reported_with_their_line() {
    let csv = "job_title,candidate_name,email\n\
               Développeur,Élodie Brûlé,elodie@exemple.fr\n\
               Développeur,Sans Adresse,pas-une-adresse\n\
               ,Sans Poste,sansposte@exemple.fr\n\
               Comptable,Jean Dupont,jean@exemple.fr\n";
    let (store, report) = import(csv.as_bytes());
    let report = report.unwrap();
    assert_eq!(report.rows, 4);
    assert_eq!(report.added, 2);
    let lines: Vec<u64> = report.rejected.iter().map(|r| r.line).collect();
    assert_eq!(lines, [3, 4]);
    assert!(matches!(
        report.rejected[0].errors[0],
        CoreError::InvalidEmail { .. }
    ));
    assert!(matches!(
        report.rejected[1].errors[0],
        CoreError::EmptyField { .. }
    ));
    assert_eq!(total(&store), 2);
}

#[test]
fn line_numbers_count_line_breaks_inside_quoted_fields() {
    let csv = "job_title,candidate_name,email\n\
               \"Poste sur\ndeux lignes\",Ana,ana@exemple.fr\n\
               Comptable,Bad,bad@\n";
    let (_, report) = import(csv.as_bytes());
    let report = report.unwrap();
    // The multi-line title is refused (a title is one line) at line 2; the next row starts at line 4.
    let lines: Vec<u64> = report.rejected.iter().map(|r| r.line).collect();
    assert_eq!(lines, [2, 4]);
    assert!(matches!(
        report.rejected[0].errors[0],
        CoreError::ControlCharacter { .. }
    ));
}

#[test]
fn french_excel_files_with_bom_semicolons_and_french_headers_import() {
    let csv = "\u{feff}Poste;Nom du candidat;Courriel;Source\r\n\
               Chargé de recrutement;Zoé Roux;zoe@exemple.fr;LinkedIn\r\n\
               \"Développeur; Rust\";\"Martin, Luc\";luc@exemple.fr;Site\r\n";
    let (store, report) = import(csv.as_bytes());
    let report = report.unwrap();
    assert_eq!((report.added, report.rejected.len()), (2, 0));
    let rows = store.list_applications(&ListQuery::default()).unwrap().rows;
    assert_eq!(rows[1].job_title, "Développeur; Rust");
    assert_eq!(rows[1].candidate_name, "Martin, Luc");
}

#[test]
fn duplicates_are_merged_by_email_not_rejected() {
    let csv = "job_title,candidate_name,email\nDev,Ana,ana@exemple.fr\nDev,Ana B.,ANA@exemple.fr\n";
    let (store, report) = import(csv.as_bytes());
    let report = report.unwrap();
    assert_eq!(
        (report.added, report.already_present, report.rejected.len()),
        (1, 1, 0)
    );
    assert_eq!(total(&store), 1);
}

#[test]
fn unreadable_files_change_nothing() {
    for (name, bytes) in [
        ("empty", b"".to_vec()),
        ("blank", b"\n\n".to_vec()),
        ("binary", vec![0x89, b'P', b'N', b'G', 0, 0, 1, 2]),
    ] {
        let (store, report) = import(&bytes);
        assert!(
            matches!(report, Err(CoreError::CsvUnreadable { .. })),
            "{name}: {report:?}"
        );
        assert_eq!(total(&store), 0, "{name}");
    }
}

#[test]
fn a_latin_1_file_from_excel_on_windows_is_read_with_its_accents() {
    let (store, report) =
        import(b"job_title,candidate_name,email\nD\xe9veloppeur,Zo\xe9 C\x9cur,zoe@exemple.fr\n");
    let report = report.unwrap();
    assert_eq!((report.added, report.encoding), (1, "windows-1252"));
    let page = store
        .list_applications(&jobgate_core::store::ListQuery::default())
        .unwrap();
    assert_eq!(page.rows[0].candidate_name, "Zoé Cœur");
    assert_eq!(page.rows[0].job_title, "Développeur");
}

#[test]
fn a_missing_column_is_named_and_nothing_is_imported() {
    let (store, report) = import(b"job_title,name\nDev,Ana\n");
    match report {
        Err(CoreError::CsvMissingColumns { missing }) => assert_eq!(missing, ["email"]),
        other => panic!("{other:?}"),
    }
    assert_eq!(total(&store), 0);
}

#[test]
fn header_injection_attempts_are_rejected_rows() {
    let csv = "job_title,candidate_name,email\n\
               Dev,\"Eve\r\nBcc: victim@exemple.fr\",eve@exemple.fr\n\
               Dev,Mallory,\"mallory@exemple.fr\r\nBcc: x@y.fr\"\n";
    let (store, report) = import(csv.as_bytes());
    let report = report.unwrap();
    assert_eq!(report.rejected.len(), 2);
    assert_eq!(total(&store), 0);
}
