//! The IPC commands through tauri's mock runtime: what the UI sends, what it gets back.

use jobgate_app::{app_builder, AppState};
use jobgate_core::secret::MemorySecretStore;
use jobgate_core::store::Store;
use serde_json::{json, Value};
use tauri::ipc::{CallbackFn, InvokeBody};
use tauri::test::{get_ipc_response, mock_builder, mock_context, noop_assets, INVOKE_KEY};
use tauri::webview::InvokeRequest;
use tauri::WebviewWindowBuilder;

struct Harness {
    _app: tauri::App<tauri::test::MockRuntime>,
    webview: tauri::WebviewWindow<tauri::test::MockRuntime>,
    _dir: tempfile::TempDir,
}

fn harness() -> Harness {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("jobgate.sqlite3")).unwrap();
    let app = app_builder(
        mock_builder(),
        AppState::new(
            store,
            Box::new(MemorySecretStore::default()),
            dir.path().to_path_buf(),
        ),
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
