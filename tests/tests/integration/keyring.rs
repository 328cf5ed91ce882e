//! The SendGrid key in a real OS keyring: the Secret Service of an unlocked
//! gnome-keyring-daemon on the session bus, as scripts/test.sh starts it
//! (dbus-run-session + `gnome-keyring-daemon --components=secrets --unlock`,
//! with a throwaway HOME). The keyring holds one JobGate entry, which the window
//! reads too, so these tests hold [`Desktop`] (one at a time, and never beside a
//! window test) and each leaves the entry deleted.

use jobgate_tests::smtp::{
    contains, KeyFrom, MailDataDir, ServerOptions, SmtpServer, CLI_LIMIT, NO_BUS, TEST_KEY,
};
use jobgate_tests::{text, Desktop};

/// A key only these tests use, distinct from the SMTP tests' key.
const KEYRING_KEY: &str = "SG.keyring-test-key-0123456789-wxyz";

/// The keyring to ourselves, from an empty entry; emptied again on drop.
struct Keyring {
    data: MailDataDir,
    _desktop: Desktop,
}

impl Keyring {
    fn take() -> Keyring {
        let desktop = Desktop::take();
        if std::env::var_os("DBUS_SESSION_BUS_ADDRESS").is_none() {
            panic!(
                "no D-Bus session bus (DBUS_SESSION_BUS_ADDRESS is unset): the keyring tests need a \
                 real Secret Service. Run them through ./scripts/test.sh, which starts \
                 dbus-run-session and an unlocked gnome-keyring-daemon."
            );
        }
        let keyring = Keyring {
            data: MailDataDir::with_key(KeyFrom::OsKeyring),
            _desktop: desktop,
        };
        let out = keyring.data.run(&["key", "delete"]);
        assert!(
            out.status.success(),
            "the Secret Service is not usable ({}). Run the tests through ./scripts/test.sh, \
             which starts an unlocked gnome-keyring-daemon on the session bus.",
            text(&out.stderr).trim()
        );
        keyring
    }
}

impl Drop for Keyring {
    fn drop(&mut self) {
        let _ = self.data.run(&["key", "delete"]);
    }
}

#[test]
fn key_set_status_delete_through_the_secret_service() {
    let keyring = Keyring::take();
    let data = &keyring.data;
    let hint = format!("SG.…{}", &KEYRING_KEY[KEYRING_KEY.len() - 4..]);

    let set = data.run_with_stdin(&["key", "set"], format!("{KEYRING_KEY}\n").as_bytes());
    assert_eq!(set.status.code(), Some(0), "{}", text(&set.stderr));
    let stdout = text(&set.stdout);
    assert!(
        stdout.contains("Clé API enregistrée dans le trousseau du système")
            && stdout.contains(&hint),
        "{stdout}"
    );

    // Another process reads it back: it is in the Secret Service, not in memory.
    let status = data.run(&["key", "status"]);
    assert_eq!(status.status.code(), Some(0), "{}", text(&status.stderr));
    let stdout = text(&status.stdout);
    assert!(
        stdout.contains("trousseau du système") && stdout.contains(&hint),
        "{stdout}"
    );

    // The environment variable wins, and status says so.
    let mut cmd = data.cli();
    cmd.args(["key", "status"])
        .env("SENDGRID_API_KEY", TEST_KEY);
    let env_status = data.output_of(cmd, None, CLI_LIMIT);
    assert_eq!(env_status.status.code(), Some(0));
    let stdout = text(&env_status.stdout);
    assert!(
        stdout.contains("SENDGRID_API_KEY")
            && stdout.contains(&format!("SG.…{}", &TEST_KEY[TEST_KEY.len() - 4..])),
        "{stdout}"
    );

    let delete = data.run(&["key", "delete"]);
    assert_eq!(delete.status.code(), Some(0), "{}", text(&delete.stderr));
    assert!(
        text(&delete.stdout).contains("Clé API supprimée du trousseau"),
        "{}",
        text(&delete.stdout)
    );
    let status = data.run(&["key", "status"]);
    assert_eq!(status.status.code(), Some(1));
    assert!(
        text(&status.stdout).contains("Aucune clé API enregistrée"),
        "{}",
        text(&status.stdout)
    );
    let again = data.run(&["key", "delete"]);
    assert_eq!(again.status.code(), Some(0));
    assert!(text(&again.stdout).contains("Aucune clé API n'était enregistrée"));

    data.assert_never_leaked(KEYRING_KEY);
    data.assert_never_leaked(TEST_KEY);
}

#[test]
fn invite_logs_in_with_the_keyring_key() {
    let keyring = Keyring::take();
    let data = &keyring.data;
    let server = SmtpServer::start(ServerOptions::starttls().password(KEYRING_KEY));
    let out = data.import(
        "job_title,candidate_name,email\n\
         Développeur Full Stack,Élodie Brûlé,elodie@exemple.fr\n\
         Dev,Ana,ana@exemple.fr\n\
         Dev,Bea,bea@exemple.fr\n",
    );
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stdout));
    data.use_server(&server);

    // An empty keyring and no SENDGRID_API_KEY: nothing made, nothing sent,
    // what is missing said before any link (issue 18).
    let out = data.invite("bea@exemple.fr");
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stdout));
    let stderr = text(&out.stderr);
    assert!(
        stderr.contains("Rien n'a été créé ni envoyé : la clé API SendGrid manque"),
        "{stderr}"
    );
    let row = data.row("bea@exemple.fr");
    assert!(row["link"].is_null(), "{row}");
    assert!(row["last_email"].is_null(), "{row}");
    assert_eq!(server.message_count(), 0);

    let set = data.run_with_stdin(&["key", "set"], KEYRING_KEY.as_bytes());
    assert_eq!(set.status.code(), Some(0), "{}", text(&set.stderr));

    // No SENDGRID_API_KEY: the key comes from the keyring.
    let out = data.invite("elodie@exemple.fr");
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}{}",
        text(&out.stdout),
        text(&out.stderr)
    );
    let log = server.log();
    assert_eq!(log.len(), 1, "the message was received");
    assert_eq!(log[0]["auth_user"], "apikey");
    assert_eq!(log[0]["tls"], true);
    assert_eq!(data.row("elodie@exemple.fr")["last_email"]["state"], "sent");

    // SENDGRID_API_KEY overrides the keyring: a wrong one is refused (535).
    let id = data.id_of("ana@exemple.fr");
    let mut cmd = data.cli();
    cmd.args(["invite", &id, "--yes"])
        .env("SENDGRID_API_KEY", TEST_KEY);
    let out = data.output_of(cmd, None, CLI_LIMIT);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stdout));
    assert_eq!(data.row("ana@exemple.fr")["last_email"]["smtp_code"], 535);
    assert_eq!(server.message_count(), 1);

    for raw in server.messages() {
        assert!(!contains(&raw, KEYRING_KEY.as_bytes()));
    }
    data.assert_never_leaked(KEYRING_KEY);
    data.assert_never_leaked(TEST_KEY);
}

#[test]
fn a_key_with_an_inner_space_is_refused() {
    let keyring = Keyring::take();
    let data = &keyring.data;
    let bad = "SG.keyring-test key-0123456789";
    let out = data.run_with_stdin(&["key", "set"], format!("{bad}\n").as_bytes());
    assert_eq!(out.status.code(), Some(1));
    let stderr = text(&out.stderr);
    assert!(
        stderr.contains("contient un espace ou un retour à la ligne"),
        "{stderr}"
    );
    assert!(text(&out.stdout).is_empty(), "no success claimed");

    let status = data.run(&["key", "status"]);
    assert_eq!(status.status.code(), Some(1), "nothing was stored");
    data.assert_never_leaked(bad);
    data.assert_never_leaked("keyring-test key");
}

#[test]
fn without_a_secret_service_key_set_fails_and_points_to_the_variable() {
    let keyring = Keyring::take();
    let data = &keyring.data;

    let mut cmd = data.cli();
    cmd.args(["key", "set"])
        .env("DBUS_SESSION_BUS_ADDRESS", NO_BUS);
    let out = data.output_of(cmd, Some(format!("{KEYRING_KEY}\n").as_bytes()), CLI_LIMIT);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stdout));
    let stderr = text(&out.stderr);
    assert!(
        stderr.contains("SENDGRID_API_KEY")
            && stderr.contains("ne peut y être ni lue ni enregistrée"),
        "{stderr}"
    );
    assert!(
        text(&out.stdout).is_empty(),
        "no success claimed: {}",
        text(&out.stdout)
    );

    let mut cmd = data.cli();
    cmd.args(["key", "status"])
        .env("DBUS_SESSION_BUS_ADDRESS", NO_BUS);
    let status = data.output_of(cmd, None, CLI_LIMIT);
    assert_eq!(status.status.code(), Some(1));
    assert!(
        text(&status.stderr).contains("SENDGRID_API_KEY"),
        "{}",
        text(&status.stderr)
    );

    // And the real keyring was not changed.
    let status = data.run(&["key", "status"]);
    assert_eq!(status.status.code(), Some(1));
    assert!(text(&status.stdout).contains("Aucune clé API enregistrée"));
    data.assert_never_leaked(KEYRING_KEY);
}
