//! The list: one page of applications for a filter and a sort, and how many
//! match. [`ListQuery::statements`] is the one definition of the SQL it runs;
//! the data benchmark's sqlite3 reference runs the same statements
//! (`tests/src/bin/bench_scale.rs`).

use rusqlite::types::{ToSqlOutput, ValueRef};
use rusqlite::ToSql;

use chrono::{DateTime, Utc};

use super::records::invitation_status_sql;
use super::{
    read_application, select_applications, ListPage, ListQuery, SortKey, StageMembers, Store,
    DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE,
};
use crate::domain::{search_key, ApplicationStatus};
use crate::error::Result;
use crate::time::to_stored;

/// The statements behind one page of the list, as
/// [`Store::list_applications`] runs them, with their parameters.
#[derive(Debug, Clone)]
pub struct ListStatements {
    /// The page's application ids, in the sort's order; binds
    /// [`ListStatements::page_params`].
    pub ids: String,
    /// Those applications in full (job, candidate, latest link and email):
    /// `?1` is their ids as a JSON array ([`ListStatements::id_list`]).
    pub rows: String,
    /// How many applications match; binds [`ListStatements::filter`].
    pub count: String,
    /// The filter's named parameters: `:search`, `:job`, `:status`, `:now`,
    /// only those the query asks for.
    pub filter: Vec<(&'static str, ListValue)>,
    /// The page's size (the query's, capped) and offset.
    pub limit: u32,
    pub offset: u32,
}

/// A value a list statement binds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ListValue {
    Text(String),
    Integer(i64),
}

impl ToSql for ListValue {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        Ok(ToSqlOutput::Borrowed(match self {
            ListValue::Text(text) => ValueRef::Text(text.as_bytes()),
            ListValue::Integer(n) => ValueRef::Integer(*n),
        }))
    }
}

impl ListStatements {
    /// What [`ListStatements::ids`] binds: the filter's parameters, then
    /// `:limit` and `:offset`.
    pub fn page_params(&self) -> Vec<(&'static str, ListValue)> {
        let mut params = self.filter.clone();
        params.push((":limit", ListValue::Integer(i64::from(self.limit))));
        params.push((":offset", ListValue::Integer(i64::from(self.offset))));
        params
    }

    /// `?1` of [`ListStatements::rows`] for the page's ids.
    pub fn id_list(ids: &[i64]) -> String {
        let list = ids.iter().map(i64::to_string).collect::<Vec<_>>().join(",");
        format!("[{list}]")
    }

    /// Whether [`ListStatements::count`] runs after a page of `page_len`
    /// ids: a first page that is not full holds every match.
    pub fn needs_count(&self, page_len: usize) -> bool {
        !(self.offset == 0 && (page_len as u64) < u64::from(self.limit))
    }
}

impl ListQuery {
    /// The statements [`Store::list_applications`] runs for this query at
    /// `now` (a link expires at a moment: the stage filter needs one).
    pub fn statements(&self, now: DateTime<Utc>) -> ListStatements {
        let pattern = self
            .search
            .as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(|s| like_pattern(&search_key(s)));
        let status = self.status.map(ApplicationStatus::as_str);
        let limit = self.limit.unwrap_or(DEFAULT_PAGE_SIZE).min(MAX_PAGE_SIZE);

        // Only the conditions asked for: `?n IS NULL OR …` would keep SQLite
        // from using the job and status indexes. Every application has its
        // candidate and its offer (NOT NULL foreign keys, enforced), so
        // testing their ids is the same as joining them. The unary `+` keeps
        // SQLite walking applications in the sort's order (and stopping at the
        // page's end) rather than gathering every match before sorting.
        let mut conditions = Vec::new();
        let mut filter = Vec::new();
        if let Some(pattern) = pattern {
            conditions.push(
                "(+a.candidate_id IN (SELECT id FROM candidates \
                     WHERE name_key LIKE :search ESCAPE '\\' OR email LIKE :search ESCAPE '\\') \
                  OR +a.job_id IN (SELECT id FROM job_offers WHERE title_key LIKE :search ESCAPE '\\'))",
            );
            filter.push((":search", ListValue::Text(pattern)));
        }
        if let Some(job_id) = self.job_id {
            conditions.push("a.job_id = :job");
            filter.push((":job", ListValue::Integer(job_id)));
        }
        if let Some(status) = status {
            conditions.push("a.status = :status");
            filter.push((":status", ListValue::Text(status.to_owned())));
        }
        let stage_condition;
        if let Some(stage) = self.stage {
            // Codes from the enums, never the user's text.
            let quoted = |code: &str| format!("'{code}'");
            stage_condition = match stage.members() {
                StageMembers::Workflow(status) => format!("a.status = {}", quoted(status.as_str())),
                StageMembers::Invitation(statuses) => {
                    let running = [ApplicationStatus::New, ApplicationStatus::Invited];
                    format!(
                        "a.status IN ({}) AND {} IN ({})",
                        running.map(|s| quoted(s.as_str())).join(", "),
                        invitation_status_sql(),
                        statuses
                            .iter()
                            .map(|s| quoted(s.as_str()))
                            .collect::<Vec<_>>()
                            .join(", "),
                    )
                }
            };
            conditions.push(&stage_condition);
            if matches!(stage.members(), StageMembers::Invitation(_)) {
                filter.push((":now", ListValue::Text(to_stored(now))));
            }
        }
        let where_clause = if conditions.is_empty() {
            String::new()
        } else {
            format!("WHERE {}", conditions.join(" AND "))
        };
        // The joins the sort column needs, and no other.
        let joins = match self.sort {
            SortKey::Candidate | SortKey::Email => "JOIN candidates c ON c.id = a.candidate_id",
            SortKey::Job => "JOIN job_offers j ON j.id = a.job_id",
            SortKey::Status | SortKey::Applied => "",
            SortKey::Expires => {
                "LEFT JOIN invite_links l ON l.id = \
                 (SELECT MAX(id) FROM invite_links WHERE application_id = a.id)"
            }
        };
        let direction = if self.descending { "DESC" } else { "ASC" };
        ListStatements {
            ids: format!(
                "SELECT a.id FROM applications a {joins} {where_clause} \
                 ORDER BY {} {direction}, a.id {direction} LIMIT :limit OFFSET :offset",
                self.sort.column()
            ),
            rows: format!(
                "{} WHERE a.id IN (SELECT value FROM json_each(?1))",
                select_applications()
            ),
            count: format!("SELECT COUNT(*) FROM applications a {where_clause}"),
            filter,
            limit,
            offset: self.offset,
        }
    }
}

impl Store {
    /// One page of the list and the number of rows the filter matches.
    ///
    /// Built to stay fast at 100,000 applications (BENCHMARKS.md): the page's
    /// application ids are chosen first, over the applications table with only
    /// the joins the sort needs, so that the default order and the filters walk
    /// an index and stop at the page's end; only those rows are then read in
    /// full (job, candidate, latest link and email). The search looks at the
    /// candidates and offers once per query rather than once per application.
    /// Ids, rows and total come from one read snapshot.
    pub fn list_applications(&self, query: &ListQuery) -> Result<ListPage> {
        self.list_applications_at(query, Utc::now())
    }

    /// [`Store::list_applications`] with the clock given (a link's expiry
    /// decides its stage).
    pub fn list_applications_at(&self, query: &ListQuery, now: DateTime<Utc>) -> Result<ListPage> {
        let statements = query.statements(now);
        let page = statements.page_params();

        // A read transaction: the page and its total are from one snapshot
        // (unless the caller already holds a transaction).
        let snapshot = if self.conn.is_autocommit() {
            Some(self.conn.unchecked_transaction()?)
        } else {
            None
        };
        let ids: Vec<i64> = {
            let mut stmt = self.conn.prepare_cached(&statements.ids)?;
            let ids = stmt
                .query_map(&named(&page)[..], |r| r.get(0))?
                .collect::<rusqlite::Result<Vec<_>>>()?;
            ids
        };
        let rows = if ids.is_empty() {
            Vec::new()
        } else {
            let mut stmt = self.conn.prepare_cached(&statements.rows)?;
            let mut by_id = stmt
                .query_map([ListStatements::id_list(&ids)], read_application)?
                .map(|r| r.map(|app| (app.id, app)))
                .collect::<rusqlite::Result<std::collections::HashMap<_, _>>>()?;
            ids.iter().filter_map(|id| by_id.remove(id)).collect()
        };
        let total: u64 = if statements.needs_count(ids.len()) {
            let mut stmt = self.conn.prepare_cached(&statements.count)?;
            stmt.query_row(&named(&statements.filter)[..], |r| r.get(0))?
        } else {
            ids.len() as u64
        };
        if let Some(snapshot) = snapshot {
            snapshot.commit()?;
        }
        Ok(ListPage { rows, total })
    }
}

/// Named parameters as rusqlite binds them.
fn named<'a>(params: &'a [(&'static str, ListValue)]) -> Vec<(&'a str, &'a dyn ToSql)> {
    params
        .iter()
        .map(|(name, value)| (*name, value as &dyn ToSql))
        .collect()
}

/// `%text%` with LIKE's wildcards in the user's text escaped.
fn like_pattern(text: &str) -> String {
    let mut pattern = String::with_capacity(text.len() + 2);
    pattern.push('%');
    for c in text.chars() {
        if matches!(c, '%' | '_' | '\\') {
            pattern.push('\\');
        }
        pattern.push(c);
    }
    pattern.push('%');
    pattern
}
