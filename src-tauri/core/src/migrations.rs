//! The schema, as versioned migrations (rusqlite_migration, version kept in
//! `user_version`). Migrations only ever get appended; a released one is never edited.
//!
//! Connection settings (WAL, foreign keys, busy timeout) are not here: they are
//! per connection and set in `store::configure`.

use rusqlite_migration::{Migrations, M};

const V1: &str = r#"
CREATE TABLE job_offers (
    id          INTEGER PRIMARY KEY,
    title       TEXT NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
    -- Lower case, accents off (domain::search_key): what search and sort compare.
    title_key   TEXT NOT NULL,
    status      TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
    created_at  TEXT NOT NULL
);
-- One offer per title, whatever the case and accents: the import finds offers by title.
CREATE UNIQUE INDEX job_offers_title ON job_offers (title_key);

CREATE TABLE candidates (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    name_key    TEXT NOT NULL,
    -- Unique whatever the case: Jean@X.fr and jean@x.fr are one candidate.
    email       TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK (length(email) BETWEEN 3 AND 254),
    created_at  TEXT NOT NULL
);
CREATE INDEX candidates_name ON candidates (name_key);

-- One interview campaign per job offer; it carries the link validity.
CREATE TABLE campaigns (
    id                  INTEGER PRIMARY KEY,
    job_id              INTEGER NOT NULL UNIQUE REFERENCES job_offers (id) ON DELETE CASCADE,
    link_validity_days  INTEGER NOT NULL DEFAULT 7 CHECK (link_validity_days BETWEEN 1 AND 365),
    created_at          TEXT NOT NULL
);

CREATE TABLE applications (
    id            INTEGER PRIMARY KEY,
    job_id        INTEGER NOT NULL REFERENCES job_offers (id) ON DELETE RESTRICT,
    candidate_id  INTEGER NOT NULL REFERENCES candidates (id) ON DELETE RESTRICT,
    status        TEXT NOT NULL DEFAULT 'new'
                  CHECK (status IN ('new', 'invited', 'interviewed', 'rejected', 'hired', 'withdrawn')),
    created_at    TEXT NOT NULL,
    UNIQUE (job_id, candidate_id)
);
CREATE INDEX applications_candidate ON applications (candidate_id);

-- Every link ever made. A link is "current" until it is retired (revoked, or
-- replaced after it expired). The partial unique index is the schema-level
-- guarantee that an application never has two current links, so two clicks
-- or two processes can never give one candidate two valid links.
CREATE TABLE invite_links (
    id              INTEGER PRIMARY KEY,
    application_id  INTEGER NOT NULL REFERENCES applications (id) ON DELETE RESTRICT,
    token           TEXT NOT NULL UNIQUE CHECK (length(token) >= 22),
    created_at      TEXT NOT NULL,
    expires_at      TEXT NOT NULL CHECK (expires_at > created_at),
    revoked_at      TEXT,
    retired_at      TEXT,
    CHECK (revoked_at IS NULL OR retired_at IS NOT NULL)
);
CREATE UNIQUE INDEX invite_links_one_current
    ON invite_links (application_id) WHERE retired_at IS NULL;
CREATE INDEX invite_links_application ON invite_links (application_id, id);

-- Recruiter settings (never secrets: the API key lives in the OS keyring).
CREATE TABLE settings (
    name   TEXT PRIMARY KEY,
    value  TEXT NOT NULL
);

-- The history of each application: what happened, when. Attempts to send
-- (outbox) will write here too.
CREATE TABLE events (
    id              INTEGER PRIMARY KEY,
    application_id  INTEGER NOT NULL REFERENCES applications (id) ON DELETE RESTRICT,
    at              TEXT NOT NULL,
    kind            TEXT NOT NULL,
    detail          TEXT
);
CREATE INDEX events_application ON events (application_id, id);
"#;

/// The outbox: every email goes through it. A row is written before the
/// message leaves, so what was sent, what was not and what was being sent when
/// the app died can always be told apart.
const V2: &str = r#"
CREATE TABLE outbox (
    id               INTEGER PRIMARY KEY,
    application_id   INTEGER NOT NULL REFERENCES applications (id) ON DELETE RESTRICT,
    link_id          INTEGER NOT NULL REFERENCES invite_links (id) ON DELETE RESTRICT,
    recipient        TEXT NOT NULL,
    recipient_name   TEXT NOT NULL,
    subject          TEXT NOT NULL,
    body_text        TEXT NOT NULL,
    body_html        TEXT NOT NULL,
    message_id       TEXT NOT NULL UNIQUE,
    state            TEXT NOT NULL DEFAULT 'queued'
                     CHECK (state IN ('queued', 'sending', 'sent', 'failed_temporary', 'failed_permanent', 'unknown')),
    attempts         INTEGER NOT NULL DEFAULT 0,
    created_at       TEXT NOT NULL,
    updated_at       TEXT NOT NULL,
    sent_at          TEXT,
    last_smtp_code   INTEGER,
    last_reply       TEXT,
    last_error_code  TEXT,
    last_error_fr    TEXT,
    last_error_en    TEXT
);
CREATE INDEX outbox_application ON outbox (application_id, id);
CREATE INDEX outbox_pending ON outbox (state) WHERE state IN ('queued', 'sending');

-- Each try at sending an outbox row: when, and what the server said.
CREATE TABLE email_attempts (
    id           INTEGER PRIMARY KEY,
    outbox_id    INTEGER NOT NULL REFERENCES outbox (id) ON DELETE CASCADE,
    started_at   TEXT NOT NULL,
    finished_at  TEXT,
    outcome      TEXT CHECK (outcome IN ('sent', 'failed_temporary', 'failed_permanent')),
    smtp_code    INTEGER,
    reply        TEXT,
    error_code   TEXT
);
CREATE INDEX email_attempts_outbox ON email_attempts (outbox_id, id);
"#;

/// Which process is sending an outbox row (its `lease` id), so a row left
/// `sending` by a process that died can be told from one still being sent.
const V3: &str = r#"
ALTER TABLE outbox ADD COLUMN claimed_by TEXT;
"#;

/// An attempt can also end `unknown`: the connection broke after the message
/// was handed over. (SQLite cannot change a CHECK in place: the table is rebuilt.)
const V4: &str = r#"
CREATE TABLE email_attempts_v4 (
    id           INTEGER PRIMARY KEY,
    outbox_id    INTEGER NOT NULL REFERENCES outbox (id) ON DELETE CASCADE,
    started_at   TEXT NOT NULL,
    finished_at  TEXT,
    outcome      TEXT CHECK (outcome IN ('sent', 'failed_temporary', 'failed_permanent', 'unknown')),
    smtp_code    INTEGER,
    reply        TEXT,
    error_code   TEXT
);
INSERT INTO email_attempts_v4 SELECT id, outbox_id, started_at, finished_at, outcome, smtp_code, reply, error_code
    FROM email_attempts;
DROP TABLE email_attempts;
ALTER TABLE email_attempts_v4 RENAME TO email_attempts;
CREATE INDEX email_attempts_outbox ON email_attempts (outbox_id, id);
"#;

/// The id the server gave a message it accepted ("250 Ok: queued as …"), to
/// find it in SendGrid's activity or a relay's logs.
const V5: &str = r#"
ALTER TABLE outbox ADD COLUMN queue_id TEXT;
ALTER TABLE email_attempts ADD COLUMN queue_id TEXT;
"#;

/// What an email carries: the invitation (first sent or sent again), or the
/// news that its link was extended. Rows written before this are invitations.
/// The job index serves the per-offer overview and exports.
const V6: &str = r#"
ALTER TABLE outbox ADD COLUMN kind TEXT NOT NULL DEFAULT 'invitation'
    CHECK (kind IN ('invitation', 'extension'));
CREATE INDEX applications_job ON applications (job_id, id);
"#;

/// Each job offer's invitation template, in versions that are never edited;
/// each email records the version it was made from.
const V7: &str = r#"
CREATE TABLE email_templates (
    id          INTEGER PRIMARY KEY,
    job_id      INTEGER NOT NULL REFERENCES job_offers (id) ON DELETE CASCADE,
    version     INTEGER NOT NULL CHECK (version >= 1),
    lang        TEXT NOT NULL CHECK (lang IN ('fr', 'en')),
    subject     TEXT NOT NULL CHECK (length(subject) BETWEEN 1 AND 200),
    body        TEXT NOT NULL CHECK (length(body) BETWEEN 1 AND 20000),
    -- 1: the recruiter's text; 0: a built-in default (French or English).
    custom      INTEGER NOT NULL CHECK (custom IN (0, 1)),
    created_at  TEXT NOT NULL,
    UNIQUE (job_id, version)
);
ALTER TABLE outbox ADD COLUMN template_id INTEGER REFERENCES email_templates (id);
"#;

/// The list at 100,000 applications (BENCHMARKS.md): its default order (date
/// applied) and the status filter in that order walk an index and stop at the
/// page's end instead of sorting every row; so does sorting by status.
const V8: &str = r#"
CREATE INDEX applications_created ON applications (created_at);
CREATE INDEX applications_status ON applications (status, created_at);
"#;

/// A decision is final (issue 13): links of rejected, hired or withdrawn
/// applications and of closed offers that an older build left current (an
/// expired link revived by an extension, or one never revoked) are revoked now,
/// their waiting emails withdrawn, and the history says so — as
/// `store::lifecycle` does for every decision from this version on. Links an
/// older build extended past a year after they were made end at that year
/// (`store::MAX_LINK_LIFETIME_DAYS`; in UTC days here).
const V9: &str = r#"
UPDATE invite_links SET expires_at = strftime('%Y-%m-%dT%H:%M:%SZ', created_at, '+365 days')
    WHERE retired_at IS NULL AND revoked_at IS NULL
      AND expires_at > strftime('%Y-%m-%dT%H:%M:%SZ', created_at, '+365 days');
CREATE TEMP TABLE decided_links AS
    SELECT l.id AS link_id, a.id AS application_id,
           CASE WHEN a.status IN ('rejected', 'hired', 'withdrawn') THEN 'status:' || a.status
                ELSE 'job_closed' END AS reason
    FROM invite_links l
    JOIN applications a ON a.id = l.application_id
    JOIN job_offers j ON j.id = a.job_id
    WHERE l.retired_at IS NULL AND l.revoked_at IS NULL
      AND (a.status IN ('rejected', 'hired', 'withdrawn') OR j.status = 'closed');
DELETE FROM outbox WHERE state = 'queued' AND attempts = 0
    AND link_id IN (SELECT link_id FROM decided_links);
UPDATE outbox SET state = 'failed_permanent', updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now'),
       last_error_code = 'link_revoked',
       last_error_fr = 'Le lien a été révoqué : cet email ne sera pas envoyé.',
       last_error_en = 'The link was revoked: this email will not be sent.'
    WHERE state IN ('queued', 'failed_temporary') AND link_id IN (SELECT link_id FROM decided_links);
UPDATE invite_links SET revoked_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now'),
       retired_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now')
    WHERE id IN (SELECT link_id FROM decided_links);
INSERT INTO events (application_id, at, kind, detail)
    SELECT application_id, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), 'link_revoked', reason
    FROM decided_links ORDER BY link_id;
DROP TABLE decided_links;
"#;

/// What the app has seen happen once, for the first-run checklist: a test
/// email that went out, a link address on a private network the recruiter
/// confirmed. Not settings: nothing to edit, no default, no override.
const V10: &str = r#"
CREATE TABLE IF NOT EXISTS facts (
    name   TEXT PRIMARY KEY,
    value  TEXT NOT NULL,
    at     TEXT NOT NULL
);
"#;

/// The erasure register's copy that travels with every backup (issue 14,
/// item 3; `erasures.rs`): the keys and, per keyed hash of an erased
/// address, when it was erased. Never an address.
const V11: &str = r#"
CREATE TABLE IF NOT EXISTS erasure_keys (
    key  TEXT PRIMARY KEY
);
CREATE TABLE IF NOT EXISTS erasures (
    hash       TEXT PRIMARY KEY,
    erased_at  TEXT NOT NULL
);
"#;

/// The register of what was done for candidates' rights (issue 14, item 6):
/// each access export, erasure, retention run and erasure made again after a
/// restore — when, what, how many, by which account of this computer. Never
/// a name, an address or a candidate's id.
const V12: &str = r#"
CREATE TABLE IF NOT EXISTS rgpd_log (
    id      INTEGER PRIMARY KEY,
    at      TEXT NOT NULL,
    action  TEXT NOT NULL CHECK (action IN ('export', 'erasure', 'retention', 'reerasure')),
    count   INTEGER NOT NULL CHECK (count >= 0),
    actor   TEXT NOT NULL
);
"#;

pub fn migrations() -> Migrations<'static> {
    Migrations::new(vec![
        M::up(V1),
        M::up(V2),
        M::up(V3),
        M::up(V4),
        M::up(V5),
        M::up(V6),
        M::up(V7),
        M::up(V8),
        M::up(V9),
        M::up(V10),
        M::up(V11),
        M::up(V12),
    ])
}

/// The schema version this build writes.
pub fn latest_version() -> usize {
    12
}

#[cfg(test)]
mod tests {
    #[test]
    fn migrations_are_valid() {
        assert!(super::migrations().validate().is_ok());
    }
}
