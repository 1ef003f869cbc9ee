//! Named versions (版): a snapshot of the whole draft as exchange JSON, a label and a time.
//! Restoring never destroys the current state: it is saved as a version first.

use hoshin_model::{exchange, now_rfc3339, Draft};
use rusqlite::{params, OptionalExtension};
use serde::Serialize;
use ts_rs::TS;

use crate::drafts::{enum_to_sql, load, touch, write_contents};
use crate::{Result, Store, StoreError};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum VersionKind {
    /// Saved by the user with a label.
    Manual,
    /// Saved automatically before a restore.
    BeforeRestore,
    /// The policy in force, imported as the baseline of a revision.
    Baseline,
}

impl VersionKind {
    fn id(self) -> &'static str {
        match self {
            Self::Manual => "manual",
            Self::BeforeRestore => "before_restore",
            Self::Baseline => "baseline",
        }
    }
    fn from_id(s: &str) -> Self {
        match s {
            "before_restore" => Self::BeforeRestore,
            "baseline" => Self::Baseline,
            _ => Self::Manual,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct VersionInfo {
    #[ts(type = "number")]
    pub id: i64,
    pub draft_id: String,
    pub label: String,
    pub kind: VersionKind,
    pub created_at: String,
    /// How a version is named wherever it is shown: 「版 3 庁議提出版」.
    pub title: String,
}

impl VersionInfo {
    fn new(
        id: i64,
        draft_id: String,
        label: String,
        kind: VersionKind,
        created_at: String,
    ) -> Self {
        let title = if label.trim().is_empty() {
            format!("版 {id}")
        } else {
            format!("版 {id} {label}")
        };
        VersionInfo {
            id,
            draft_id,
            label,
            kind,
            created_at,
            title,
        }
    }
}

const GENERATOR: &str = concat!("hoshin ", env!("CARGO_PKG_VERSION"));

fn insert_version(
    tx: &rusqlite::Transaction,
    d: &Draft,
    label: &str,
    kind: VersionKind,
) -> Result<VersionInfo> {
    let now = now_rfc3339();
    tx.execute(
        "INSERT INTO versions (draft_id, label, kind, created_at, snapshot) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![d.meta.id, label, kind.id(), now, exchange::to_json(d, GENERATOR)],
    )?;
    Ok(VersionInfo::new(
        tx.last_insert_rowid(),
        d.meta.id.clone(),
        label.to_string(),
        kind,
        now,
    ))
}

impl Store {
    /// Save the draft as it is now as a named version.
    pub fn snapshot(
        &mut self,
        draft_id: &str,
        label: &str,
        kind: VersionKind,
    ) -> Result<VersionInfo> {
        let label = label.trim();
        let label = if label.is_empty() {
            "無題の版"
        } else {
            label
        };
        if let Some(p) = hoshin_model::validate::check_text(
            "$.label",
            label,
            hoshin_model::validate::MAX_SHORT_CHARS,
        ) {
            return Err(StoreError::Invalid(vec![p]));
        }
        let tx = self.conn.transaction()?;
        let d = load(&tx, draft_id)?;
        let v = insert_version(&tx, &d, label, kind)?;
        tx.commit()?;
        Ok(v)
    }

    /// Save a given state of this draft as a version (e.g. the policy in force, imported
    /// as the baseline of a revision). The current state is not touched.
    pub fn add_version(
        &mut self,
        draft_id: &str,
        state: &Draft,
        label: &str,
        kind: VersionKind,
    ) -> Result<VersionInfo> {
        let mut d = state.clone();
        d.meta.id = draft_id.to_string();
        let problems = hoshin_model::validate_draft(&d, "$");
        if !problems.is_empty() {
            return Err(StoreError::Invalid(problems));
        }
        let tx = self.conn.transaction()?;
        crate::drafts::summary(&tx, draft_id)?;
        let v = insert_version(&tx, &d, label.trim(), kind)?;
        tx.commit()?;
        Ok(v)
    }

    /// Versions of a draft, oldest first.
    pub fn versions(&self, draft_id: &str) -> Result<Vec<VersionInfo>> {
        crate::drafts::summary(&self.conn, draft_id)?;
        let mut st = self.conn.prepare("SELECT id, draft_id, label, kind, created_at FROM versions WHERE draft_id = ?1 ORDER BY id")?;
        let rows = st
            .query_map([draft_id], |r| {
                Ok(VersionInfo::new(
                    r.get(0)?,
                    r.get(1)?,
                    r.get(2)?,
                    VersionKind::from_id(&r.get::<_, String>(3)?),
                    r.get(4)?,
                ))
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(rows)
    }

    /// The draft as it was in a version (for preview and comparison).
    pub fn version_draft(&self, draft_id: &str, version: i64) -> Result<Draft> {
        let snap: String = self
            .conn
            .query_row(
                "SELECT snapshot FROM versions WHERE draft_id = ?1 AND id = ?2",
                params![draft_id, version],
                |r| r.get(0),
            )
            .optional()?
            .ok_or_else(|| StoreError::VersionNotFound(draft_id.to_string(), version))?;
        exchange::parse(&snap).map_err(|e| StoreError::Invalid(e.problems))
    }

    /// Make a version the current state. The state before is saved as a version first
    /// (returned), so a restore can always be undone.
    pub fn restore_version(&mut self, draft_id: &str, version: i64) -> Result<VersionInfo> {
        let mut old = self.version_draft(draft_id, version)?;
        let tx = self.conn.transaction()?;
        let current = load(&tx, draft_id)?;
        let label = format!("版 {version} を復元する前の状態");
        let saved = insert_version(&tx, &current, &label, VersionKind::BeforeRestore)?;
        old.meta.id = current.meta.id.clone();
        old.meta.created_at = current.meta.created_at.clone();
        tx.execute(
            "UPDATE drafts SET municipality = ?2, municipality_kind = ?3, title = ?4, fy_from = ?5, fy_to = ?6, status = ?7 WHERE id = ?1",
            params![
                draft_id,
                old.meta.municipality,
                enum_to_sql(&old.meta.municipality_kind),
                old.meta.title,
                old.meta.period.from,
                old.meta.period.to,
                enum_to_sql(&old.meta.status)
            ],
        )?;
        write_contents(&tx, &old)?;
        touch(&tx, draft_id)?;
        tx.commit()?;
        Ok(saved)
    }
}
