//! The IPC commands through tauri's mock runtime: what the UI sends, what it gets back.

use jobgate_app::commands::files::Chooser;
use jobgate_app::{app_builder_with, AppState};
use jobgate_core::secret::MemorySecretStore;
use jobgate_core::store::Store;
use serde_json::{json, Value};
use tauri::ipc::{CallbackFn, InvokeBody};
use tauri::test::{get_ipc_response, mock_builder, mock_context, noop_assets, INVOKE_KEY};
use tauri::webview::InvokeRequest;
use tauri::Manager;
use tauri::WebviewWindowBuilder;

struct Harness {
    _app: tauri::App<tauri::test::MockRuntime>,
    webview: tauri::WebviewWindow<tauri::test::MockRuntime>,
    _dir: tempfile::TempDir,
}

fn harness() -> Harness {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("jobgate.sqlite3")).unwrap();
    let app = app_builder_with(
        mock_builder(),
        AppState::new(
            store,
            Box::new(MemorySecretStore::default()),
            dir.path().to_path_buf(),
        ),
        // The mock runtime has no dialogs: each test says what the recruiter picks.
        Chooser::scripted(),
    )
    .build(mock_context(noop_assets()))
    .unwrap();
    let webview = WebviewWindowBuilder::new(&app, "main", Default::default())
        .build()
        .unwrap();
    Harness {
        _app: app,
        webview,
        _dir: dir,
    }
}

impl Harness {
    /// The next native file dialog returns `path` (`None`: cancelled).
    fn picks(&self, path: Option<&std::path::Path>) {
        self.webview
            .state::<Chooser>()
            .will_choose(path.map(|p| p.to_path_buf()));
    }

    /// The next native question is answered `yes`.
    fn answers(&self, yes: bool) {
        self.webview.state::<Chooser>().will_answer(yes);
    }

    fn call(&self, cmd: &str, body: Value) -> Result<Value, Value> {
        get_ipc_response(
            &self.webview,
            InvokeRequest {
                cmd: cmd.into(),
                callback: CallbackFn(0),
                error: CallbackFn(1),
                // The app's own origin on Linux and macOS (remote origins are refused).
                url: "tauri://localhost".parse().unwrap(),
                body: InvokeBody::Json(body),
                headers: Default::default(),
                invoke_key: INVOKE_KEY.to_string(),
            },
        )
        .map(|r| r.deserialize::<Value>().unwrap())
    }

    fn add(&self, job: &str, name: &str, email: &str) -> Result<Value, Value> {
        self.call(
            "add_application",
            json!({ "input": { "job_title": job, "candidate_name": name, "email": email } }),
        )
    }
}

#[test]
fn add_list_and_invite_round_trip() {
    let h = harness();
    let added = h
        .add(
            "Développeur Full Stack",
            "Élodie Brûlé",
            "elodie@exemple.fr",
        )
        .unwrap();
    assert_eq!(added["added"], true);
    let id = added["application"]["application_id"].as_i64().unwrap();

    let again = h
        .add("développeur full stack", "Élodie", "ELODIE@exemple.fr")
        .unwrap();
    assert_eq!(again["added"], false);

    let list = h
        .call(
            "list_applications",
            json!({ "query": { "search": "élodie" } }),
        )
        .unwrap();
    assert_eq!(list["total"], 1);
    assert_eq!(list["rows"][0]["invitation_status"], "not_invited");

    // No sender and no key: the email could not go, so no link is made, and
    // the error says what is missing (issue 18: inviting before a sender is
    // set created the link, then failed).
    let refused = h
        .call("invite", json!({ "application_id": id }))
        .unwrap_err();
    assert_eq!(refused["code"], "not_ready_to_send", "{refused}");
    assert!(
        refused["fr"].as_str().unwrap().contains(
            "Rien n'a été créé ni envoyé : l'adresse d'expéditeur (From) et la clé API SendGrid manquent"
        ),
        "{refused}"
    );
    let list = h.call("list_applications", json!({ "query": {} })).unwrap();
    assert!(list["rows"][0]["link"].is_null(), "{list}");
    let setup = h.call("setup_status", json!({})).unwrap();
    assert_eq!(setup["sender"], Value::Null);
    assert_eq!(setup["key"], "missing");
    assert_eq!(setup["link_place"], "this_computer");
    // The page hears Inviter's own refusal before asking anything.
    assert_eq!(setup["blocked"]["code"], "not_ready_to_send", "{setup}");

    // The dry run needs a sender, and no key.
    h.offline();
    let first = h.call("invite", json!({ "application_id": id })).unwrap();
    assert_eq!(first["created"], true);
    let link = &first["application"]["link"];
    assert_eq!(link["state"], "active");
    assert!(link["start_url"]
        .as_str()
        .unwrap()
        .starts_with("http://localhost:3000/interview/start/"));

    let second = h.call("invite", json!({ "application_id": id })).unwrap();
    assert_eq!(second["created"], false);
    assert_eq!(second["application"]["link"]["token"], link["token"]);
}

#[test]
fn invalid_forms_return_every_field_error_in_both_languages() {
    let h = harness();
    let err = h
        .add("", "Eve\r\nBcc: x@y.fr", "pas-une-adresse")
        .unwrap_err();
    assert_eq!(err["code"], "validation");
    let fields: Vec<&str> = err["fields"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["field"].as_str().unwrap())
        .collect();
    assert_eq!(fields, ["job_title", "candidate_name", "email"]);
    for f in err["fields"].as_array().unwrap() {
        assert!(!f["fr"].as_str().unwrap().is_empty());
        assert!(!f["en"].as_str().unwrap().is_empty());
    }
    let total = h.call("list_applications", json!({ "query": {} })).unwrap()["total"].clone();
    assert_eq!(total, 0);
}

#[test]
fn a_single_bad_field_is_the_summary_message() {
    let h = harness();
    let err = h.add("Comptable", "Jean", "jean@").unwrap_err();
    assert_eq!(err["code"], "invalid_email");
    assert_eq!(err["field"], "email");
    assert!(err["fr"]
        .as_str()
        .unwrap()
        .contains("n'est pas une adresse e-mail valide"));
}

#[test]
fn unknown_application_and_bad_payloads_are_errors_not_panics() {
    let h = harness();
    let err = h
        .call("invite", json!({ "application_id": 42 }))
        .unwrap_err();
    assert_eq!(err["code"], "application_not_found");
    assert!(err["en"].as_str().unwrap().contains("#42"));
    // A payload of the wrong shape is refused by deserialisation.
    assert!(h
        .call("invite", json!({ "application_id": "DROP TABLE" }))
        .is_err());
    let err = h
        .call(
            "list_applications",
            json!({ "query": { "status": "bogus" } }),
        )
        .unwrap_err();
    assert_eq!(err["code"], "unknown_status");
}

#[test]
fn app_info_reports_versions() {
    let h = harness();
    let info = h.call("app_info", json!({})).unwrap();
    assert_eq!(info["version"], env!("CARGO_PKG_VERSION"));
    assert_eq!(
        info["schema_version"],
        jobgate_core::latest_schema_version()
    );
    assert_eq!(info["base_url"], "http://localhost:3000");
}

#[test]
fn settings_are_saved_all_or_nothing_with_a_message_per_field() {
    let h = harness();
    let err = h
        .call(
            "save_settings",
            json!({ "values": { "smtp_port": "99999", "from": "pas une adresse", "smtp_host": "relais.exemple.fr" } }),
        )
        .unwrap_err();
    let fields: Vec<&str> = err["fields"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["field"].as_str().unwrap())
        .collect();
    assert_eq!(fields, ["from", "smtp_port"]);
    let current = h.call("get_settings", json!({})).unwrap();
    assert_eq!(
        current["values"]["smtp_host"], "smtp.sendgrid.net",
        "nothing saved"
    );
    assert_eq!(current["values"]["smtp_port"], "587");
    assert_eq!(current["values"]["smtp_username"], "apikey");
    assert_eq!(current["values"]["from"], "");

    let saved = h
        .call(
            "save_settings",
            json!({ "values": { "from": "Acme Recrutement <recrutement@acme.fr>", "smtp_port": "2525" } }),
        )
        .unwrap();
    assert_eq!(
        saved["values"]["from"],
        "Acme Recrutement <recrutement@acme.fr>"
    );
    assert_eq!(saved["values"]["smtp_port"], "2525");
}

#[test]
fn the_api_key_goes_in_and_only_its_hint_comes_out() {
    let h = harness();
    let secret = "SG.test-key-do-not-leak.abcdWXYZ";
    let bad = h
        .call("set_api_key", json!({ "key": "SG.abc def.ghijkl" }))
        .unwrap_err();
    assert_eq!(bad["code"], "api_key_whitespace");
    let status = h
        .call("set_api_key", json!({ "key": format!("{secret}\n") }))
        .unwrap();
    assert_eq!(status["set"], true);
    assert_eq!(status["hint"], "SG.…WXYZ");
    for reply in [status, h.call("get_settings", json!({})).unwrap()] {
        assert!(!reply.to_string().contains("do-not-leak"), "{reply}");
    }
    let deleted = h.call("delete_api_key", json!({})).unwrap();
    assert_eq!(deleted["set"], false);
}

// ---------------------------------------------------------------------------
// The invitation lifecycle: history, status, revoke, extend, job offers, export.

impl Harness {
    /// Emails are written to a folder (dry run) with a sender set: nothing
    /// leaves the machine, whatever the environment holds.
    fn offline(&self) {
        let dir = self._dir.path().join("dry-run");
        self.call(
            "save_settings",
            json!({ "values": {
                "from": "Acme Recrutement <recrutement@acme.fr>",
                "delivery_mode": "dry_run",
                "dry_run_dir": dir.to_str().unwrap(),
            } }),
        )
        .unwrap();
    }

    /// Adds and invites a candidate (dry run): the application with its valid link.
    fn invited(&self, job: &str, name: &str, email: &str) -> Value {
        let id = self.add(job, name, email).unwrap()["application"]["application_id"]
            .as_i64()
            .unwrap();
        let reply = self
            .call("invite", json!({ "application_id": id }))
            .unwrap();
        assert_eq!(reply["email"], "dry_run", "{reply}");
        assert_eq!(reply["application"]["link"]["state"], "active", "{reply}");
        reply["application"].clone()
    }
}

/// The timeline entries of one kind in a HistoryDto.
fn timeline_of<'a>(history: &'a Value, kind: &str) -> Vec<&'a Value> {
    history["timeline"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["kind"] == kind)
        .collect()
}

fn instant(v: &Value) -> chrono::DateTime<chrono::FixedOffset> {
    chrono::DateTime::parse_from_rfc3339(v.as_str().unwrap()).unwrap()
}

#[test]
fn revoke_link_then_the_history_shows_the_revocation() {
    let h = harness();
    h.offline();
    let app = h.invited("Comptable", "Jean Dupont", "jean@exemple.fr");
    let id = app["application_id"].as_i64().unwrap();

    let reply = h
        .call("revoke_link", json!({ "application_id": id }))
        .unwrap();
    assert_eq!(reply["application"]["invitation_status"], "link_revoked");
    assert_eq!(reply["application"]["link"]["state"], "revoked");
    assert_eq!(reply["application"]["link"]["token"], app["link"]["token"]);

    let history = h
        .call("application_history", json!({ "application_id": id }))
        .unwrap();
    assert_eq!(history["application"]["application_id"], id);
    let revoked = timeline_of(&history, "link_revoked");
    assert_eq!(revoked.len(), 1, "{history}");
    assert_eq!(revoked[0]["text"], "Lien révoqué");
    assert_eq!(timeline_of(&history, "link_created").len(), 1);
    assert_eq!(timeline_of(&history, "email_dry_run").len(), 1);

    // Twice: an error that says why, and the history is unchanged.
    let err = h
        .call("revoke_link", json!({ "application_id": id }))
        .unwrap_err();
    assert_eq!(err["code"], "no_active_link");
    assert!(
        err["fr"].as_str().unwrap().contains("a été révoqué"),
        "{err}"
    );
    let again = h
        .call("application_history", json!({ "application_id": id }))
        .unwrap();
    assert_eq!(again["timeline"], history["timeline"]);

    let err = h
        .call("application_history", json!({ "application_id": 999 }))
        .unwrap_err();
    assert_eq!(err["code"], "application_not_found");
}

#[test]
fn a_closing_status_revokes_the_valid_link() {
    let h = harness();
    h.offline();
    let id = h.invited("Comptable", "Jean Dupont", "jean@exemple.fr")["application_id"]
        .as_i64()
        .unwrap();

    let reply = h
        .call(
            "set_application_status",
            json!({ "application_id": id, "status": "hired" }),
        )
        .unwrap();
    assert_eq!(reply["revoked_link"], true, "{reply}");
    let app = &reply["history"]["application"];
    assert_eq!(app["status"], "hired");
    assert_eq!(app["invitation_status"], "link_revoked");
    assert_eq!(app["link"]["state"], "revoked");
    let changed = timeline_of(&reply["history"], "status_changed");
    assert_eq!(changed.len(), 1);
    assert_eq!(changed[0]["text"], "Statut : Invitée → Recrutée");
    let revoked = timeline_of(&reply["history"], "link_revoked");
    assert_eq!(revoked.len(), 1);
    assert_eq!(
        revoked[0]["text"],
        "Lien révoqué : candidature « Recrutée »"
    );

    // Nothing left to revoke.
    let reply = h
        .call(
            "set_application_status",
            json!({ "application_id": id, "status": "interviewed" }),
        )
        .unwrap();
    assert_eq!(reply["revoked_link"], false);
    assert_eq!(reply["history"]["application"]["status"], "interviewed");

    let err = h
        .call(
            "set_application_status",
            json!({ "application_id": id, "status": "embauché" }),
        )
        .unwrap_err();
    assert_eq!(err["code"], "unknown_status");
}

#[test]
fn closing_a_job_offer_returns_how_many_links_it_revoked() {
    let h = harness();
    h.offline();
    let dev = h.invited("Développeur", "Ana", "ana@exemple.fr")["job_id"]
        .as_i64()
        .unwrap();
    h.invited("Développeur", "Bo", "bo@exemple.fr");
    let other = h.invited("Comptable", "Jean", "jean@exemple.fr");

    let reply = h
        .call("set_job_open", json!({ "job_id": dev, "open": false }))
        .unwrap();
    assert_eq!(reply["revoked"], 2, "{reply}");
    let job = |reply: &Value, id: &Value| -> Value {
        reply["jobs"]
            .as_array()
            .unwrap()
            .iter()
            .find(|j| &j["id"] == id)
            .cloned()
            .unwrap()
    };
    let closed = job(&reply, &json!(dev));
    assert_eq!(closed["open"], false);
    assert_eq!(closed["stages"]["revoked"], 2, "{closed}");
    let open = job(&reply, &other["job_id"]);
    assert_eq!(open["open"], true);
    assert_eq!(open["stages"]["revoked"], 0, "{open}");
    let history = h
        .call(
            "application_history",
            json!({ "application_id": other["application_id"] }),
        )
        .unwrap();
    assert_eq!(history["application"]["link"]["state"], "active");

    // Closing again revokes nothing more; reopening revives nothing.
    let reply = h
        .call("set_job_open", json!({ "job_id": dev, "open": false }))
        .unwrap();
    assert_eq!(reply["revoked"], 0);
    let reply = h
        .call("set_job_open", json!({ "job_id": dev, "open": true }))
        .unwrap();
    assert_eq!(reply["revoked"], 0);
    let reopened = job(&reply, &json!(dev));
    assert_eq!(reopened["open"], true);
    assert_eq!(reopened["stages"]["revoked"], 2);

    let err = h
        .call("set_job_open", json!({ "job_id": 999, "open": false }))
        .unwrap_err();
    assert_eq!(err["code"], "job_not_found");
}

#[test]
fn set_job_validity_refuses_zero_days_and_applies_to_new_links() {
    let h = harness();
    h.offline();
    let job_id = h.add("Comptable", "Jean", "jean@exemple.fr").unwrap()["application"]["job_id"]
        .as_i64()
        .unwrap();

    let err = h
        .call("set_job_validity", json!({ "job_id": job_id, "days": "0" }))
        .unwrap_err();
    assert_eq!(err["code"], "invalid_validity_days", "{err}");
    assert_eq!(err["field"], "link_validity_days");
    assert_eq!(
        err["fr"],
        "« 0 » n'est pas une durée de validité possible. Indiquez un nombre de jours entre 1 et 365."
    );
    assert!(err["en"].as_str().unwrap().contains("between 1 and 365"));

    let jobs = h
        .call(
            "set_job_validity",
            json!({ "job_id": job_id, "days": "14" }),
        )
        .unwrap();
    assert_eq!(jobs[0]["id"], job_id);
    assert_eq!(jobs[0]["link_validity_days"], 14);
    let link = &h.invited("Comptable", "Ana", "ana@exemple.fr")["link"];
    let valid_for = instant(&link["expires_at"]) - instant(&link["created_at"]);
    assert!(
        (valid_for - chrono::Duration::days(14)).num_hours().abs() <= 1,
        "14 calendar days: {valid_for}"
    );

    let err = h
        .call("set_job_validity", json!({ "job_id": 999, "days": "3" }))
        .unwrap_err();
    assert_eq!(err["code"], "job_not_found");
}

#[test]
fn export_links_writes_a_csv_file_with_its_header() {
    let h = harness();
    h.offline();
    let app = h.invited("Comptable", "Jean Dupont", "jean@exemple.fr");
    let path = h._dir.path().join("liens.csv");

    h.picks(Some(&path));
    let reply = h
        .call("export_links", json!({ "job_id": null, "dialog": {} }))
        .unwrap();
    assert_eq!(reply["rows"], 1);
    assert_eq!(reply["path"], path.to_str().unwrap());
    let csv = std::fs::read_to_string(&path).unwrap();
    let mut lines = csv.lines();
    assert_eq!(
        lines.next(),
        Some("application_id,candidate_name,email,job_id,job_title,token,start_url,created_at,expires_at,status,revoked_at")
    );
    let row = lines.next().unwrap();
    assert!(
        row.contains(app["link"]["token"].as_str().unwrap()) && row.contains(",active,"),
        "{row}"
    );
    assert_eq!(lines.next(), None);

    let missing = h._dir.path().join("absent").join("liens.csv");
    h.picks(Some(&missing));
    let err = h
        .call("export_links", json!({ "job_id": null, "dialog": {} }))
        .unwrap_err();
    assert_eq!(err["code"], "export_failed");
    assert!(!missing.exists());
}

#[test]
fn extend_link_without_notify_sends_nothing_and_records_the_extension() {
    let h = harness();
    h.offline();
    let app = h.invited("Comptable", "Jean Dupont", "jean@exemple.fr");
    let id = app["application_id"].as_i64().unwrap();

    let reply = h
        .call(
            "extend_link",
            json!({ "application_id": id, "days": 3, "notify": false }),
        )
        .unwrap();
    assert!(reply["email"].is_null(), "{reply}");
    let link = &reply["history"]["application"]["link"];
    assert_eq!(link["token"], app["link"]["token"]);
    let moved = instant(&link["expires_at"]) - instant(&app["link"]["expires_at"]);
    assert!(
        (moved - chrono::Duration::days(3)).num_hours().abs() <= 1,
        "3 calendar days: {moved}"
    );
    let extended = timeline_of(&reply["history"], "link_extended");
    assert_eq!(extended.len(), 1, "{reply}");
    assert!(
        extended[0]["text"]
            .as_str()
            .unwrap()
            .starts_with("Lien prolongé jusqu'au "),
        "{}",
        extended[0]
    );
    assert_eq!(
        timeline_of(&reply["history"], "email_queued").len(),
        1,
        "only the invitation was prepared"
    );

    // With notify, the news is emailed (here written to the dry-run folder).
    let reply = h
        .call(
            "extend_link",
            json!({ "application_id": id, "days": 1, "notify": true }),
        )
        .unwrap();
    assert_eq!(reply["email"], "dry_run", "{reply}");
    assert_eq!(timeline_of(&reply["history"], "link_extended").len(), 2);

    let err = h
        .call(
            "extend_link",
            json!({ "application_id": id, "days": 0, "notify": false }),
        )
        .unwrap_err();
    assert_eq!(err["code"], "invalid_validity_days");
}

#[test]
fn a_template_with_an_unknown_placeholder_and_no_link_is_refused_field_by_field() {
    let h = harness();
    let app = h.add("Dev", "Ana", "ana@exemple.fr").unwrap();
    let job = app["application"]["job_id"].as_i64().unwrap();
    let err = h
        .call(
            "save_template",
            json!({"job_id": job, "lang": "fr", "subject": "Bonjour {prenom}", "body": "Merci"}),
        )
        .unwrap_err();
    let fields: Vec<(&str, &str)> = err["fields"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| (f["field"].as_str().unwrap(), f["code"].as_str().unwrap()))
        .collect();
    assert_eq!(
        fields,
        [
            ("subject", "template_unknown_placeholder"),
            ("body", "template_missing_start_url")
        ]
    );
    assert!(err["fields"][0]["fr"]
        .as_str()
        .unwrap()
        .contains("{prenom}"));
    // Nothing was saved: still the default, never written.
    let current = h.call("get_template", json!({"job_id": job})).unwrap();
    assert_eq!(current["version"], 0);
    assert_eq!(current["lang"], "fr");
    assert_eq!(
        current["defaults"]["en"][0],
        "Video interview invitation — {job_title}"
    );
}

#[test]
fn the_preview_renders_the_draft_with_a_real_candidate_and_saving_adds_versions() {
    let h = harness();
    let app = h.add("Dev", "Ana Lopez", "ana@exemple.fr").unwrap();
    let job = app["application"]["job_id"].as_i64().unwrap();
    let draft = json!({"job_id": job, "application_id": null, "lang": "en",
        "subject": "Interview — {job_title}", "body": "Hi {candidate_name}: {start_url} until {expires_at}"});
    let preview = h.call("preview_template", draft.clone()).unwrap();
    assert_eq!(preview["subject"], "Interview — Dev");
    let text = preview["text"].as_str().unwrap();
    assert!(
        text.starts_with("Hi Ana Lopez: http://localhost:3000/interview/start/"),
        "{text}"
    );
    assert_eq!(preview["sample_link"], true, "no link yet: a sample");
    assert_eq!(preview["lang"], "en");
    let saved = h.call("save_template", draft).unwrap();
    assert_eq!(
        (saved["version"].as_u64(), saved["custom"].as_bool()),
        (Some(1), Some(true))
    );
    let jobs = h.call("job_overview", json!({})).unwrap();
    assert_eq!(jobs[0]["template_version"], 1);
}

#[test]
fn replies_follow_the_interface_language() {
    let h = harness();
    let app = h.add("Dev", "Ana", "ana@exemple.fr").unwrap();
    let id = app["application"]["application_id"].as_i64().unwrap();
    h.call("save_settings", json!({"values": {"ui_language": "en"}}))
        .unwrap();
    assert_eq!(h.call("app_info", json!({})).unwrap()["ui_lang"], "en");
    let history = h
        .call("application_history", json!({"application_id": id}))
        .unwrap();
    assert_eq!(history["timeline"][0]["text"], "Application added");
    assert!(h
        .call("save_settings", json!({"values": {"ui_language": "de"}}))
        .is_err());
}

#[test]
fn an_import_is_previewed_then_saved_and_the_bad_lines_are_told() {
    let h = harness();
    h.add("Comptable", "Ana", "ana@exemple.fr").unwrap();
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("ats.csv");
    std::fs::write(
        &file,
        "Poste;Nom du candidat;E-mail\nComptable;Ana;ANA@exemple.fr\nComptable;Bo;bo@exemple.fr\nComptable;X;nope\n",
    )
    .unwrap();
    h.picks(Some(&file));
    let preview = h
        .call("preview_import", json!({"dialog": {"title": "CSV"}}))
        .unwrap();
    assert_eq!(
        (
            preview["rows"].as_u64(),
            preview["new"].as_u64(),
            preview["already_present"].as_u64()
        ),
        (Some(3), Some(1), Some(1))
    );
    assert_eq!(preview["file_name"], "ats.csv");
    assert_eq!(preview["rejected"][0]["line"], 4);
    assert_eq!(preview["rejected"][0]["errors"][0]["code"], "invalid_email");
    assert_eq!(preview["sample"][1]["outcome"], "new");
    let before = h.call("list_applications", json!({"query": {}})).unwrap();
    assert_eq!(before["total"], 1, "the preview saved nothing");
    let report = h
        .call("import_file", json!({"on_progress": "__CHANNEL__:7"}))
        .unwrap();
    assert_eq!(
        (report["added"].as_u64(), report["already_present"].as_u64()),
        (Some(1), Some(1))
    );
    let after = h.call("list_applications", json!({"query": {}})).unwrap();
    assert_eq!(after["total"], 2);
    // A file that is not there: a clear error, nothing changed.
    h.picks(Some(&dir.path().join("nope.csv")));
    let missing = h.call("preview_import", json!({"dialog": {}})).unwrap_err();
    assert_eq!(missing["code"], "io");
}

#[test]
fn candidates_and_offers_are_edited_and_history_is_never_deleted() {
    let h = harness();
    let ana = h.add("Comptable", "Ana", "ana@exemple.fr").unwrap()["application"].clone();
    let bo = h.add("Comptable", "Bo", "bo@exemple.fr").unwrap()["application"].clone();
    let (ana_id, ana_candidate) = (
        ana["application_id"].as_i64().unwrap(),
        ana["candidate_id"].as_i64().unwrap(),
    );
    // Bo's address is taken: refused next to the email field.
    let taken = h
        .call(
            "update_candidate",
            json!({"candidate_id": ana_candidate, "application_id": ana_id, "candidate_name": "Ana Lopez", "email": "BO@exemple.fr"}),
        )
        .unwrap_err();
    assert_eq!(taken["code"], "email_taken");
    assert_eq!(taken["fields"][0]["field"], "email");
    let saved = h
        .call(
            "update_candidate",
            json!({"candidate_id": ana_candidate, "application_id": ana_id, "candidate_name": "Ana Lopez", "email": "ana.lopez@exemple.fr"}),
        )
        .unwrap();
    assert_eq!(saved["application"]["candidate_name"], "Ana Lopez");
    assert_eq!(saved["application"]["email"], "ana.lopez@exemple.fr");
    // Renaming an offer, and a title already taken.
    let job = ana["job_id"].as_i64().unwrap();
    h.add("Dev", "Cy", "cy@exemple.fr").unwrap();
    let jobs = h
        .call(
            "rename_job",
            json!({"job_id": job, "title": "Comptable senior"}),
        )
        .unwrap();
    assert!(jobs
        .as_array()
        .unwrap()
        .iter()
        .any(|j| j["title"] == "Comptable senior"));
    assert_eq!(
        h.call("rename_job", json!({"job_id": job, "title": "DEV"}))
            .unwrap_err()["code"],
        "job_title_taken"
    );
    // An application with a link keeps its history: deleting it is refused.
    h.call(
        "save_settings",
        json!({"values": {"delivery_mode": "dry_run", "from": "Acme <rh@acme.fr>"}}),
    )
    .unwrap();
    h.call("invite", json!({"application_id": ana_id})).unwrap();
    let refused = h
        .call("delete_application", json!({"application_id": ana_id}))
        .unwrap_err();
    assert_eq!(refused["code"], "application_has_history");
    assert!(refused["fr"]
        .as_str()
        .unwrap()
        .contains("Retirée par le candidat"));
    // One never invited goes.
    let bo_id = bo["application_id"].as_i64().unwrap();
    h.call("delete_application", json!({"application_id": bo_id}))
        .unwrap();
    let list = h.call("list_applications", json!({"query": {}})).unwrap();
    assert_eq!(list["total"], 2);
}

#[test]
fn the_list_export_holds_every_row_of_the_filter() {
    let h = harness();
    for i in 0..5 {
        h.add(
            "Comptable",
            &format!("Ana {i}"),
            &format!("ana{i}@exemple.fr"),
        )
        .unwrap();
    }
    h.add("Dev", "Bo", "bo@exemple.fr").unwrap();
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("liste.csv");
    h.picks(Some(&file));
    let reply = h
        .call(
            "export_list",
            json!({"dialog": {}, "query": {"search": "comptable", "limit": 2, "offset": 2}}),
        )
        .unwrap();
    assert_eq!(
        reply["rows"], 5,
        "every page, whatever page the window shows"
    );
    let text = std::fs::read_to_string(&file).unwrap();
    assert_eq!(text.lines().count(), 6);
    // For the recruiter's spreadsheet, in the interface's language (French).
    assert!(
        text.starts_with("\u{feff}N° de candidature;Candidat;E-mail;Offre;"),
        "{text}"
    );
}

#[test]
fn a_backup_is_inspected_then_restored_and_a_bad_file_changes_nothing() {
    let h = harness();
    h.add("Développeur Rust", "Élodie Brûlé", "elodie@exemple.fr")
        .unwrap();
    let file = h._dir.path().join("sauvegarde.sqlite3");
    h.picks(Some(&file));
    let made = h.call("backup_data", json!({ "dialog": {} })).unwrap();
    assert_eq!(made["applications"], 1);

    h.add("Comptable", "Paul Roux", "paul@exemple.fr").unwrap();
    h.call(
        "save_settings",
        json!({ "values": { "ui_language": "en", "log_level": "debug" } }),
    )
    .unwrap();

    h.picks(Some(&file));
    let found = h.call("inspect_backup", json!({ "dialog": {} })).unwrap();
    assert_eq!(found["summary"]["applications"], 1);
    assert!(
        found["made_at"].as_str().unwrap().contains(" at "),
        "{found}"
    );

    let restored = h.call("restore_backup", json!({})).unwrap();
    // The restored settings speak French again: so does the reply.
    let text = restored["text"].as_str().unwrap();
    assert!(
        text.starts_with("Sauvegarde restaurée : 1 candidature,"),
        "{text}"
    );
    let page = h.call("list_applications", json!({ "query": {} })).unwrap();
    assert_eq!(page["total"], 1);
    let settings = h.call("get_settings", json!({})).unwrap();
    assert_eq!(settings["values"]["log_level"], "info");

    let junk = h._dir.path().join("notes.txt");
    std::fs::write(&junk, "pas une base").unwrap();
    h.picks(Some(&junk));
    let err = h
        .call("inspect_backup", json!({ "dialog": {} }))
        .unwrap_err();
    assert_eq!(err["code"], "backup_invalid");
    assert!(err["fr"].as_str().unwrap().contains("Rien n'a été modifié"));
    h.picks(Some(&h._dir.path().join("absent/x.sqlite3")));
    let err = h.call("backup_data", json!({ "dialog": {} })).unwrap_err();
    assert_eq!(err["code"], "backup_failed");
    let page = h.call("list_applications", json!({ "query": {} })).unwrap();
    assert_eq!(page["total"], 1);
}

#[test]
fn a_settings_form_carrying_a_ca_file_that_went_missing_still_saves() {
    // Issue 13: the form sends every field back; a CA file deleted since it
    // was chosen refused the whole form, company name and all.
    let h = harness();
    let dir = tempfile::tempdir().unwrap();
    let ca = dir.path().join("ca.pem");
    std::fs::write(&ca, "not checked here").unwrap();
    let ca = ca.to_str().unwrap().to_owned();
    h.call("save_settings", json!({ "values": { "smtp_ca_file": ca } }))
        .unwrap();
    drop(dir);
    let saved = h
        .call(
            "save_settings",
            json!({ "values": { "smtp_ca_file": ca, "company": "Acme" } }),
        )
        .unwrap();
    assert_eq!(saved["values"]["company"], "Acme");
    // A newly chosen missing file is refused next to its field.
    let err = h
        .call(
            "save_settings",
            json!({ "values": { "smtp_ca_file": "/nonexistent/ca.pem" } }),
        )
        .unwrap_err();
    assert_eq!(err["fields"][0]["field"], "smtp_ca_file");
}

#[test]
fn a_correction_says_what_it_did_and_a_decided_application_says_so() {
    let h = harness();
    let app = h.add("Comptable", "Ana", "ana@exemple.fr").unwrap()["application"].clone();
    let (id, candidate) = (
        app["application_id"].as_i64().unwrap(),
        app["candidate_id"].as_i64().unwrap(),
    );
    assert_eq!(app["decided"], false);
    let reply = h
        .call(
            "update_candidate",
            json!({"candidate_id": candidate, "application_id": id, "candidate_name": "Ana", "email": "ana.lopez@exemple.fr"}),
        )
        .unwrap();
    assert_eq!(reply["application"]["email"], "ana.lopez@exemple.fr");
    assert_eq!(reply["correction"]["email_changed"], true);
    assert_eq!(reply["correction"]["requeued"], 0);
    assert_eq!(reply["correction"]["link_sent_to_old_address"], json!([]));
    // The history has words for the correction (it showed `candidate_edited`).
    let texts: Vec<&str> = reply["timeline"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["text"].as_str().unwrap())
        .collect();
    assert!(texts.iter().any(|t| t.contains("corrigées")), "{texts:?}");
    assert!(!texts.iter().any(|t| t.contains("candidate_edited")));
    let rejected = h
        .call(
            "set_application_status",
            json!({"application_id": id, "status": "rejected"}),
        )
        .unwrap();
    assert_eq!(rejected["history"]["application"]["decided"], true);
}

/// Issue 13, item 6: the page chose the file path of exports, backups, imports
/// and restores. Now no command takes one: a path the page sends is ignored,
/// and only what the native dialog returns (here: cancelled) is used.
#[test]
fn a_file_path_sent_by_the_page_is_never_used() {
    let h = harness();
    h.add("Comptable", "Ana", "ana@exemple.fr").unwrap();
    let target = h._dir.path().join("choisi-par-la-page.csv");
    let path = target.to_str().unwrap();
    for (cmd, args) in [
        (
            "export_links",
            json!({ "path": path, "job_id": null, "dialog": {} }),
        ),
        (
            "export_list",
            json!({ "path": path, "query": {}, "dialog": {} }),
        ),
        ("backup_data", json!({ "path": path, "dialog": {} })),
    ] {
        h.picks(None);
        let reply = h.call(cmd, args).unwrap_or_else(|e| panic!("{cmd}: {e}"));
        assert_eq!(reply, Value::Null, "{cmd}: cancelled in the native dialog");
        assert!(!target.exists(), "{cmd} wrote where the page said");
    }
    // A CSV the page names is never read, nor a backup restored from it.
    std::fs::write(
        &target,
        "job_title,candidate_name,email\nDev,Bo,bo@exemple.fr\n",
    )
    .unwrap();
    let err = h
        .call(
            "import_file",
            json!({ "path": path, "on_progress": "__CHANNEL__:3" }),
        )
        .unwrap_err();
    assert_eq!(err["code"], "no_file_chosen");
    let err = h
        .call("restore_backup", json!({ "path": path }))
        .unwrap_err();
    assert_eq!(err["code"], "no_file_chosen");
    let page = h.call("list_applications", json!({ "query": {} })).unwrap();
    assert_eq!(page["total"], 1);
}

/// Issue 13, item 6: a restore silently changed where the API key is sent.
/// Now the recruiter is asked natively (by Rust, not the page), with the
/// difference; declining restores nothing.
#[test]
fn a_restore_that_changes_the_smtp_server_asks_natively_first() {
    let h = harness();
    h.add("Comptable", "Ana", "ana@exemple.fr").unwrap();
    h.call(
        "save_settings",
        json!({ "values": { "smtp_host": "smtp.relais-pirate.example", "smtp_username": "moi" } }),
    )
    .unwrap();
    let file = h._dir.path().join("sauvegarde.sqlite3");
    h.picks(Some(&file));
    h.call("backup_data", json!({ "dialog": {} })).unwrap();
    h.call(
        "save_settings",
        json!({ "values": { "smtp_host": "smtp.sendgrid.net", "smtp_username": "apikey" } }),
    )
    .unwrap();
    h.add("Comptable", "Bo", "bo@exemple.fr").unwrap();

    h.picks(Some(&file));
    let found = h.call("inspect_backup", json!({ "dialog": {} })).unwrap();
    assert_eq!(found["smtp_changes"][0]["name"], "smtp_host");
    assert_eq!(
        found["smtp_changes"][0]["backup"],
        "smtp.relais-pirate.example"
    );
    assert_eq!(found["smtp_changes"][1]["name"], "smtp_username");

    h.answers(false);
    let err = h.call("restore_backup", json!({})).unwrap_err();
    assert_eq!(err["code"], "restore_declined");
    let asked = h.webview.state::<Chooser>().asked();
    assert!(
        asked[0].contains("smtp_host : smtp.sendgrid.net → smtp.relais-pirate.example"),
        "{asked:?}"
    );
    let settings = h.call("get_settings", json!({})).unwrap();
    assert_eq!(settings["values"]["smtp_host"], "smtp.sendgrid.net");
    let page = h.call("list_applications", json!({ "query": {} })).unwrap();
    assert_eq!(page["total"], 2, "nothing restored");

    h.answers(true);
    h.call("restore_backup", json!({})).unwrap();
    let settings = h.call("get_settings", json!({})).unwrap();
    assert_eq!(
        settings["values"]["smtp_host"],
        "smtp.relais-pirate.example"
    );
}

#[test]
fn changing_the_smtp_server_while_a_key_is_saved_asks_natively_first() {
    // Issue 13, item 6: the key is bound to the server it was saved for; the
    // settings form could send it to another host without a word.
    let h = harness();
    h.call(
        "set_api_key",
        json!({ "key": "SG.abcdefghijklmnop.qrstuvwxyz0123456789ABCD" }),
    )
    .unwrap();
    h.answers(false);
    let err = h
        .call(
            "save_settings",
            json!({ "values": { "smtp_host": "smtp.relais-pirate.example", "company": "Acme" } }),
        )
        .unwrap_err();
    assert_eq!(err["code"], "settings_declined");
    let asked = h.webview.state::<Chooser>().asked();
    assert!(
        asked[0].contains("smtp_host : smtp.sendgrid.net → smtp.relais-pirate.example"),
        "{asked:?}"
    );
    let settings = h.call("get_settings", json!({})).unwrap();
    assert_eq!(settings["values"]["smtp_host"], "smtp.sendgrid.net");
    assert_eq!(settings["values"]["company"], "", "nothing saved");
    // Settings that do not move the key are saved without a question.
    h.call("save_settings", json!({ "values": { "company": "Acme" } }))
        .unwrap();
    assert_eq!(h.webview.state::<Chooser>().asked().len(), 1);
    h.answers(true);
    let saved = h
        .call(
            "save_settings",
            json!({ "values": { "smtp_host": "smtp.relais.example" } }),
        )
        .unwrap();
    assert_eq!(saved["values"]["smtp_host"], "smtp.relais.example");
}

/// The page lays out what `can` allows and re-derives nothing: each flag
/// follows the application through its life.
#[test]
fn the_allowed_actions_follow_the_application() {
    let h = harness();
    h.offline();
    let can = |app: &Value| {
        ["invite", "resend", "extend", "revoke", "delete"]
            .into_iter()
            .filter(|action| app["can"][*action] == true)
            .collect::<Vec<_>>()
    };
    let added = h
        .add("Comptable", "Jean Dupont", "jean@exemple.fr")
        .unwrap();
    assert_eq!(can(&added["application"]), ["invite", "delete"]);

    // A dry run keeps no email: the valid link is still to be emailed.
    let app = h.invited("Comptable", "Jean Dupont", "jean@exemple.fr");
    let id = app["application_id"].as_i64().unwrap();
    assert_eq!(can(&app), ["invite", "extend", "revoke"], "{app}");

    let revoked = h
        .call("revoke_link", json!({ "application_id": id }))
        .unwrap();
    assert_eq!(can(&revoked["application"]), ["invite"]);

    let hired = h
        .call(
            "set_application_status",
            json!({ "application_id": id, "status": "hired" }),
        )
        .unwrap();
    assert_eq!(hired["history"]["application"]["decided"], true);
    assert!(can(&hired["history"]["application"]).is_empty());
}

/// A private-network link address is agreed once per address: the page asks
/// (native dialog) while `link_address_confirmed` is false.
#[test]
fn a_private_network_link_address_is_agreed_once_per_address() {
    let h = harness();
    let set = |url: &str| {
        h.call("save_settings", json!({ "values": { "base_url": url } }))
            .unwrap();
        h.call("setup_status", json!({})).unwrap()
    };
    let public = set("https://entretiens.exemple.fr");
    assert_eq!(public["link_place"], "public");
    assert_eq!(public["link_address_confirmed"], true);
    let private = set("http://192.168.1.20:8080");
    assert_eq!(private["link_place"], "private");
    assert_eq!(private["link_address_confirmed"], false);
    let agreed = h.call("confirm_link_address", json!({})).unwrap();
    assert_eq!(agreed["link_address_confirmed"], true);
    assert_eq!(
        set("http://192.168.1.20:8080")["link_address_confirmed"],
        true
    );
    // Another private address asks again.
    assert_eq!(set("http://intranet")["link_address_confirmed"], false);
}

/// Issue 14 (RGPD): "Exporter ses données" writes the candidate's document
/// to the file chosen natively (private, nothing about anyone else);
/// "Effacer ce candidat (RGPD)" leaves the skeleton, removes their dry-run
/// file, and the list shows the row erased.
#[test]
fn a_candidates_data_is_exported_natively_then_erased() {
    let h = harness();
    h.offline();
    let app = h.invited("Comptable", "Jean Dupont", "jean.dupont@exemple.fr");
    let other = h.invited("Comptable", "Ana Lima", "ana.lima@exemple.fr");
    let id = app["application_id"].as_i64().unwrap();
    let candidate = app["candidate_id"].as_i64().unwrap();
    let token = app["link"]["token"].as_str().unwrap().to_owned();
    let dry_run = h._dir.path().join("dry-run");
    let eml_files = || std::fs::read_dir(&dry_run).unwrap().count();
    assert_eq!(eml_files(), 2);

    // Cancelled: nothing written.
    h.picks(None);
    let cancelled = h
        .call(
            "export_candidate_data",
            json!({ "application_id": id, "dialog": { "title": "Exporter" } }),
        )
        .unwrap();
    assert!(cancelled.is_null());
    let path = h._dir.path().join("jean.json");
    h.picks(Some(&path));
    let reply = h
        .call(
            "export_candidate_data",
            json!({ "application_id": id, "dialog": { "file_name": "jean.json" } }),
        )
        .unwrap();
    assert_eq!(reply["rows"], 1);
    assert_eq!(reply["path"], path.to_str().unwrap());
    let text = std::fs::read_to_string(&path).unwrap();
    let doc: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(doc["format"], "jobgate-personal-data");
    assert_eq!(doc["candidate"]["email"], "jean.dupont@exemple.fr");
    assert_eq!(doc["applications"][0]["links"][0]["token"], token.as_str());
    assert!(doc["applications"][0]["links"][0]["start_url"]
        .as_str()
        .unwrap()
        .ends_with(&token));
    // A dry run keeps no outbox row; its history says it was written to a file.
    let history = doc["applications"][0]["history"].as_array().unwrap();
    assert!(
        history.iter().any(|e| e["kind"] == "email_dry_run"),
        "{doc}"
    );
    assert!(!text.contains("ana.lima") && !text.contains("Ana Lima"));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&path).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
    }
    // Never over the database.
    h.picks(Some(&h._dir.path().join("jobgate.sqlite3")));
    let refused = h
        .call(
            "export_candidate_data",
            json!({ "application_id": id, "dialog": {} }),
        )
        .unwrap_err();
    assert_eq!(refused["code"], "destination_is_jobgate_data", "{refused}");
    // An unknown application: said before any dialog.
    let unknown = h
        .call(
            "export_candidate_data",
            json!({ "application_id": 999, "dialog": {} }),
        )
        .unwrap_err();
    assert_eq!(unknown["code"], "application_not_found");

    let erased = h
        .call("erase_candidate", json!({ "candidate_id": candidate }))
        .unwrap();
    assert_eq!(erased["applications"], 1);
    assert_eq!(erased["links_revoked"], 1);
    assert_eq!(erased["files_removed"], 1, "{erased}");
    assert_eq!(erased["compacted"], true);
    assert_eq!(eml_files(), 1);

    let list = h.call("list_applications", json!({ "query": {} })).unwrap();
    let rows = list["rows"].as_array().unwrap();
    assert_eq!(rows.len(), 2);
    let row = rows.iter().find(|r| r["application_id"] == id).unwrap();
    assert_eq!(row["erased"], true);
    assert_eq!(row["candidate_name"], "Candidat effacé");
    assert_eq!(row["status"], "invited");
    assert_eq!(row["link"]["state"], "revoked");
    assert_eq!(row["can"]["invite"], false);
    assert!(!row.to_string().contains("dupont") && !row.to_string().contains(&token));
    let history = h
        .call("application_history", json!({ "application_id": id }))
        .unwrap();
    assert_eq!(timeline_of(&history, "candidate_erased").len(), 1);
    let untouched = rows
        .iter()
        .find(|r| r["application_id"] == other["application_id"])
        .unwrap();
    assert_eq!(untouched["email"], "ana.lima@exemple.fr");
    assert_eq!(untouched["link"]["state"], "active");
    // Inviting them again is refused; erasing again or someone unknown is said.
    let again = h
        .call("invite", json!({ "application_id": id }))
        .unwrap_err();
    assert_eq!(again["code"], "candidate_erased", "{again}");
    // Nor can the skeleton be given a name and an address again (the page
    // shows no form; the command refuses anyway).
    let revived = h
        .call(
            "update_candidate",
            json!({"candidate_id": candidate, "application_id": id, "candidate_name": "Jean Dupont", "email": "jean.dupont@exemple.fr"}),
        )
        .unwrap_err();
    assert_eq!(revived["code"], "candidate_erased", "{revived}");
    let unknown = h
        .call("erase_candidate", json!({ "candidate_id": 999 }))
        .unwrap_err();
    assert_eq!(unknown["code"], "candidate_not_found");
}

#[test]
fn an_import_skips_candidates_erased_at_their_request_unless_asked() {
    let h = harness();
    let added = h
        .add("Comptable", "Jean Dupont", "jean.dupont@exemple.fr")
        .unwrap();
    let candidate = added["application"]["candidate_id"].as_i64().unwrap();
    h.call("erase_candidate", json!({ "candidate_id": candidate }))
        .unwrap();
    let register = std::fs::read_to_string(h._dir.path().join("erasures.json")).unwrap();
    assert!(!register.contains("dupont"), "{register}");

    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("ats.csv");
    std::fs::write(
        &file,
        "Poste;Nom du candidat;E-mail\nComptable;Bo;bo@exemple.fr\nJuriste;Jean Dupont;Jean.Dupont@exemple.fr\n",
    )
    .unwrap();
    h.picks(Some(&file));
    let preview = h
        .call("preview_import", json!({"dialog": {"title": "CSV"}}))
        .unwrap();
    assert_eq!(
        (preview["new"].as_u64(), preview["erased"].as_u64()),
        (Some(1), Some(1))
    );
    assert_eq!(preview["rejected"][0]["line"], 3);
    assert_eq!(
        preview["rejected"][0]["errors"][0]["code"],
        "erased_at_request"
    );
    let message = preview["rejected"][0]["errors"][0]["fr"]
        .as_str()
        .unwrap_or_default();
    assert!(
        message.starts_with("Candidat effacé à sa demande le "),
        "{preview}"
    );
    // Unticked (the option absent, or false): skipped.
    let report = h
        .call(
            "import_file",
            json!({"on_progress": "__CHANNEL__:7", "include_erased": false}),
        )
        .unwrap();
    assert_eq!(
        (report["added"].as_u64(), report["erased"].as_u64()),
        (Some(1), Some(1))
    );
    // Ticked: imported again.
    h.picks(Some(&file));
    h.call("preview_import", json!({"dialog": {}})).unwrap();
    let report = h
        .call(
            "import_file",
            json!({"on_progress": "__CHANNEL__:8", "include_erased": true}),
        )
        .unwrap();
    assert_eq!(
        (report["added"].as_u64(), report["erased"].as_u64()),
        (Some(1), Some(0))
    );
    let list = h
        .call("list_applications", json!({"query": {"search": "jean"}}))
        .unwrap();
    assert!(
        list.to_string().contains("Jean.Dupont@exemple.fr"),
        "{list}"
    );
}
