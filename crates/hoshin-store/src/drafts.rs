//! Drafts: create, list, load, duplicate, rename, trash, restore, import, sections, meta.

use std::collections::HashMap;

use hoshin_model::{
    new_id, now_rfc3339, validate_draft, Acknowledgement, Draft, DraftMeta, DraftStatus, FyRange,
    Governance, Item, Kind, LinkFingerprint, MunicipalityKind, Problem, StaffScope, Workforce,
    YearResult,
};
use rusqlite::{params, Connection, OptionalExtension, Transaction};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::{Result, Store, StoreError};

/// One line of the drafts list.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct DraftSummary {
    pub id: String,
    pub municipality: String,
    pub municipality_kind: MunicipalityKind,
    pub title: String,
    pub period: FyRange,
    pub status: DraftStatus,
    pub created_at: String,
    pub updated_at: String,
    pub trashed_at: Option<String>,
    /// Grows by one with every saved change.
    #[ts(type = "number")]
    pub revision: i64,
}

/// A change to the draft's meta data; fields left `None` stay as they are.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct MetaPatch {
    #[serde(default)]
    pub municipality: Option<String>,
    #[serde(default)]
    pub municipality_kind: Option<MunicipalityKind>,
    #[serde(default)]
    pub title: Option<String>,
    #[serde(default)]
    pub period: Option<FyRange>,
    #[serde(default)]
    pub status: Option<DraftStatus>,
}

pub(crate) fn enum_to_sql<T: Serialize>(v: &T) -> String {
    serde_json::to_value(v)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}

fn enum_from_sql<T: for<'de> Deserialize<'de>>(s: String, idx: usize) -> rusqlite::Result<T> {
    serde_json::from_value(serde_json::Value::String(s)).map_err(|e| {
        rusqlite::Error::FromSqlConversionFailure(idx, rusqlite::types::Type::Text, Box::new(e))
    })
}

/// The draft-level JSON columns (推進体制, 対象範囲, 職員数の見通し).
fn json_columns(conn: &Connection, id: &str) -> Result<(Governance, StaffScope, Workforce)> {
    let (gov, scope, workforce): (String, String, String) = conn.query_row(
        "SELECT governance, scope, workforce FROM drafts WHERE id = ?1",
        [id],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
    )?;
    Ok((
        serde_json::from_str(&gov).unwrap_or_default(),
        serde_json::from_str(&scope).unwrap_or_default(),
        serde_json::from_str(&workforce).unwrap_or_default(),
    ))
}

const SUMMARY_COLS: &str =
    "id, municipality, municipality_kind, title, fy_from, fy_to, status, created_at, updated_at, trashed_at, revision";

fn summary_row(r: &rusqlite::Row) -> rusqlite::Result<DraftSummary> {
    Ok(DraftSummary {
        id: r.get(0)?,
        municipality: r.get(1)?,
        municipality_kind: enum_from_sql(r.get(2)?, 2)?,
        title: r.get(3)?,
        period: FyRange {
            from: r.get(4)?,
            to: r.get(5)?,
        },
        status: enum_from_sql(r.get(6)?, 6)?,
        created_at: r.get(7)?,
        updated_at: r.get(8)?,
        trashed_at: r.get(9)?,
        revision: r.get(10)?,
    })
}

pub(crate) fn summary(conn: &Connection, id: &str) -> Result<DraftSummary> {
    conn.query_row(
        &format!("SELECT {SUMMARY_COLS} FROM drafts WHERE id = ?1"),
        [id],
        summary_row,
    )
    .optional()?
    .ok_or_else(|| StoreError::DraftNotFound(id.to_string()))
}

/// Mark a draft as changed: bump its revision and update time. Fails if it does not exist.
pub(crate) fn touch(tx: &Transaction, id: &str) -> Result<()> {
    let n = tx.execute(
        "UPDATE drafts SET updated_at = ?2, revision = revision + 1 WHERE id = ?1",
        params![id, now_rfc3339()],
    )?;
    if n == 0 {
        return Err(StoreError::DraftNotFound(id.to_string()));
    }
    Ok(())
}

/// Read a whole draft.
pub(crate) fn load(conn: &Connection, id: &str) -> Result<Draft> {
    let s = summary(conn, id)?;
    let mut d = Draft::new(s.id, &s.municipality, &s.title, s.period, &s.created_at);
    d.meta.municipality_kind = s.municipality_kind;
    d.meta.status = s.status;
    d.meta.updated_at = s.updated_at;
    (d.governance, d.scope, d.workforce) = json_columns(conn, id)?;

    let mut st =
        conn.prepare_cached("SELECT section_id, body FROM sections WHERE draft_id = ?1")?;
    for row in st.query_map([id], |r| {
        Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?))
    })? {
        let (k, v) = row?;
        d.sections.insert(k, v);
    }

    let mut links: HashMap<String, Vec<(String, String)>> = HashMap::new();
    let mut st = conn.prepare_cached("SELECT from_id, field, to_id, fingerprint FROM links WHERE draft_id = ?1 ORDER BY from_id, field, position")?;
    for row in st.query_map([id], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, String>(2)?,
            r.get::<_, Option<String>>(3)?,
        ))
    })? {
        let (from, field, to, fp) = row?;
        if let Some(fingerprint) = fp {
            d.link_fingerprints.push(LinkFingerprint {
                from: from.clone(),
                field: field.clone(),
                to: to.clone(),
                fingerprint,
            });
        }
        links.entry(from).or_default().push((field, to));
    }
    let mut st = conn.prepare_cached("SELECT key, rule, reason, by, at FROM acknowledgements WHERE draft_id = ?1 ORDER BY at, key")?;
    for row in st.query_map([id], |r| {
        Ok(Acknowledgement {
            key: r.get(0)?,
            rule: r.get(1)?,
            reason: r.get(2)?,
            by: r.get(3)?,
            at: r.get(4)?,
        })
    })? {
        d.acknowledgements.push(row?);
    }

    let mut st = conn
        .prepare_cached("SELECT id, body FROM items WHERE draft_id = ?1 ORDER BY position, id")?;
    let mut items: Vec<Item> = Vec::new();
    for row in st.query_map([id], |r| {
        Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?))
    })? {
        let (item_id, body) = row?;
        items.push(crate::items::join(
            &item_id,
            &body,
            links.remove(&item_id).unwrap_or_default(),
        )?);
    }
    for kind in Kind::ALL {
        for it in items.iter().filter(|i| i.kind() == kind) {
            d.push(it.clone());
        }
    }
    d.results = results(conn, id)?;
    Ok(d)
}

/// The draft's 実績, by item then year.
fn results(conn: &Connection, id: &str) -> Result<Vec<YearResult>> {
    let mut st = conn.prepare_cached(
        "SELECT item_id, fy, body FROM results WHERE draft_id = ?1 ORDER BY item_id, fy",
    )?;
    let rows = st
        .query_map([id], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, i32>(1)?,
                r.get::<_, String>(2)?,
            ))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    rows.into_iter()
        .map(|(item, fy, body)| {
            let mut r: YearResult = serde_json::from_str(&body).map_err(|e| {
                StoreError::Invalid(vec![Problem::new(
                    format!("results[{item}][{fy}]"),
                    format!("保存された実績を読み取れません: {e}"),
                )])
            })?;
            (r.item, r.fy) = (item, fy);
            Ok(r)
        })
        .collect()
}

pub(crate) fn write_result(tx: &Transaction, draft_id: &str, r: &YearResult) -> Result<()> {
    tx.execute(
        "INSERT INTO results (draft_id, item_id, fy, body) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (draft_id, item_id, fy) DO UPDATE SET body = excluded.body",
        params![
            draft_id,
            r.item,
            r.fy,
            serde_json::to_string(r).expect("serialises")
        ],
    )?;
    Ok(())
}

/// Insert a draft that does not exist yet, with all its contents.
fn insert(tx: &Transaction, d: &Draft) -> Result<()> {
    let m = &d.meta;
    tx.execute(
        "INSERT INTO drafts (id, municipality, municipality_kind, title, fy_from, fy_to, status, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        params![m.id, m.municipality, enum_to_sql(&m.municipality_kind), m.title, m.period.from, m.period.to, enum_to_sql(&m.status), m.created_at, m.updated_at],
    )?;
    write_contents(tx, d)
}

/// Replace a draft's sections, items and links with those of `d`.
pub(crate) fn write_contents(tx: &Transaction, d: &Draft) -> Result<()> {
    let id = &d.meta.id;
    let gov = serde_json::to_string(&d.governance).expect("governance serialises");
    let scope = serde_json::to_string(&d.scope).expect("scope serialises");
    let workforce = serde_json::to_string(&d.workforce).expect("workforce serialises");
    tx.execute(
        "UPDATE drafts SET governance = ?2, scope = ?3, workforce = ?4 WHERE id = ?1",
        params![id, gov, scope, workforce],
    )?;
    tx.execute("DELETE FROM sections WHERE draft_id = ?1", [id])?;
    tx.execute("DELETE FROM results WHERE draft_id = ?1", [id])?;
    tx.execute("DELETE FROM links WHERE draft_id = ?1", [id])?;
    tx.execute("DELETE FROM items WHERE draft_id = ?1", [id])?;
    {
        let mut st = tx.prepare_cached(
            "INSERT INTO sections (draft_id, section_id, body) VALUES (?1, ?2, ?3)",
        )?;
        for (k, v) in &d.sections {
            st.execute(params![id, k, v])?;
        }
    }
    let items = d.items();
    let mut position: HashMap<Kind, i64> = HashMap::new();
    for it in &items {
        let pos = position.entry(it.kind()).or_insert(0);
        crate::items::insert_row(tx, id, it, *pos)?;
        *pos += 1;
    }
    let given: HashMap<(String, String, String), String> = d
        .link_fingerprints
        .iter()
        .map(|f| {
            (
                (f.from.clone(), f.field.clone(), f.to.clone()),
                f.fingerprint.clone(),
            )
        })
        .collect();
    for it in &items {
        crate::items::write_links(tx, id, it, &given)?;
    }
    tx.execute("DELETE FROM acknowledgements WHERE draft_id = ?1", [id])?;
    for a in &d.acknowledgements {
        write_ack(tx, id, a)?;
    }
    for r in &d.results {
        write_result(tx, id, r)?;
    }
    Ok(())
}

/// A valid, empty draft to validate one draft-level value on (推進体制, 対象範囲).
fn blank_probe() -> Draft {
    Draft::new(
        "x".into(),
        "x",
        "x",
        FyRange {
            from: 2025,
            to: 2025,
        },
        "",
    )
}

fn write_ack(tx: &Transaction, draft_id: &str, a: &Acknowledgement) -> Result<()> {
    tx.execute(
        "INSERT INTO acknowledgements (draft_id, key, rule, reason, by, at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)
         ON CONFLICT (draft_id, key) DO UPDATE SET rule = excluded.rule, reason = excluded.reason, by = excluded.by, at = excluded.at",
        params![draft_id, a.key, a.rule, a.reason, a.by, a.at],
    )?;
    Ok(())
}

fn invalid(ps: Vec<Problem>) -> Result<()> {
    if ps.is_empty() {
        Ok(())
    } else {
        Err(StoreError::Invalid(ps))
    }
}

/// Validate only the meta part of a draft (used for create and meta patches).
fn validate_meta(meta: &DraftMeta) -> Result<()> {
    let probe = Draft {
        meta: meta.clone(),
        ..Draft::new(meta.id.clone(), "", "", meta.period, "")
    };
    invalid(validate_draft(&probe, "$"))
}

impl Store {
    /// A new, empty draft.
    pub fn create_draft(
        &mut self,
        municipality: &str,
        title: &str,
        period: FyRange,
    ) -> Result<Draft> {
        let now = now_rfc3339();
        let d = Draft::new(new_id("d"), municipality.trim(), title.trim(), period, &now);
        validate_meta(&d.meta)?;
        let tx = self.conn.transaction()?;
        insert(&tx, &d)?;
        tx.commit()?;
        Ok(d)
    }

    /// Drafts, most recently edited first; `trash` selects the trash instead.
    pub fn list_drafts(&self, trash: bool) -> Result<Vec<DraftSummary>> {
        let sql = format!(
            "SELECT {SUMMARY_COLS} FROM drafts WHERE trashed_at IS {} NULL ORDER BY updated_at DESC, id",
            if trash { "NOT" } else { "" }
        );
        let mut st = self.conn.prepare(&sql)?;
        let rows = st
            .query_map([], summary_row)?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(rows)
    }

    pub fn draft_summary(&self, id: &str) -> Result<DraftSummary> {
        summary(&self.conn, id)
    }

    pub fn load_draft(&self, id: &str) -> Result<Draft> {
        load(&self.conn, id)
    }

    /// Bring in a draft from an exchange file. Never overwrites: when a draft with the same
    /// id exists, the import gets a new id. Returns the stored draft (check `meta.id`).
    pub fn import_draft(&mut self, draft: &Draft) -> Result<Draft> {
        invalid(validate_draft(draft, "$.draft"))?;
        let mut d = draft.clone();
        let exists = |c: &Connection, id: &str| -> rusqlite::Result<bool> {
            c.query_row("SELECT 1 FROM drafts WHERE id = ?1", [id], |_| Ok(()))
                .optional()
                .map(|o| o.is_some())
        };
        while exists(&self.conn, &d.meta.id)? {
            d.meta.id = new_id("d");
        }
        d.meta.updated_at = now_rfc3339();
        let tx = self.conn.transaction()?;
        insert(&tx, &d)?;
        tx.commit()?;
        Ok(d)
    }

    /// A copy of a draft under a new id (versions are not copied).
    pub fn duplicate_draft(&mut self, id: &str) -> Result<Draft> {
        let mut d = self.load_draft(id)?;
        d.meta.id = new_id("d");
        d.meta.title = format!("{}（複製）", d.meta.title);
        d.meta.created_at = now_rfc3339();
        d.meta.updated_at = d.meta.created_at.clone();
        let tx = self.conn.transaction()?;
        insert(&tx, &d)?;
        tx.commit()?;
        Ok(d)
    }

    pub fn rename_draft(&mut self, id: &str, title: &str) -> Result<DraftSummary> {
        self.update_meta(
            id,
            &MetaPatch {
                title: Some(title.trim().to_string()),
                ..Default::default()
            },
        )
    }

    /// Change any of the meta fields in one transaction.
    pub fn update_meta(&mut self, id: &str, patch: &MetaPatch) -> Result<DraftSummary> {
        let tx = self.conn.transaction()?;
        let s = summary(&tx, id)?;
        let mut meta = Draft::new(s.id, &s.municipality, &s.title, s.period, &s.created_at).meta;
        meta.municipality_kind = s.municipality_kind;
        meta.status = s.status;
        if let Some(v) = &patch.municipality {
            meta.municipality = v.trim().to_string();
        }
        if let Some(v) = patch.municipality_kind {
            meta.municipality_kind = v;
        }
        if let Some(v) = &patch.title {
            meta.title = v.trim().to_string();
        }
        if let Some(v) = patch.period {
            meta.period = v;
        }
        if let Some(v) = patch.status {
            meta.status = v;
        }
        validate_meta(&meta)?;
        tx.execute(
            "UPDATE drafts SET municipality = ?2, municipality_kind = ?3, title = ?4, fy_from = ?5, fy_to = ?6, status = ?7 WHERE id = ?1",
            params![id, meta.municipality, enum_to_sql(&meta.municipality_kind), meta.title, meta.period.from, meta.period.to, enum_to_sql(&meta.status)],
        )?;
        touch(&tx, id)?;
        let out = summary(&tx, id)?;
        tx.commit()?;
        Ok(out)
    }

    /// Move a draft to the trash (it can be restored).
    pub fn trash_draft(&mut self, id: &str) -> Result<()> {
        let n = self.conn.execute(
            "UPDATE drafts SET trashed_at = ?2 WHERE id = ?1 AND trashed_at IS NULL",
            params![id, now_rfc3339()],
        )?;
        if n == 0 {
            summary(&self.conn, id)?; // not found → error; already in trash → fine
        }
        Ok(())
    }

    /// Take a draft back out of the trash.
    pub fn untrash_draft(&mut self, id: &str) -> Result<()> {
        summary(&self.conn, id)?;
        self.conn
            .execute("UPDATE drafts SET trashed_at = NULL WHERE id = ?1", [id])?;
        Ok(())
    }

    /// Delete a draft for good; only drafts already in the trash can be purged.
    pub fn purge_draft(&mut self, id: &str) -> Result<()> {
        let s = summary(&self.conn, id)?;
        if s.trashed_at.is_none() {
            return Err(StoreError::Invalid(vec![Problem::new(
                "$",
                format!("下書き「{}」はごみ箱にありません。完全に削除する前に、まずごみ箱へ移してください", s.title),
            )]));
        }
        // 実績 rows do not cascade with their items (schema 4: so that an item with results
        // is not deleted by accident); a draft purged for good takes them along.
        let tx = self.conn.transaction()?;
        tx.execute("DELETE FROM results WHERE draft_id = ?1", [id])?;
        tx.execute("DELETE FROM drafts WHERE id = ?1", [id])?;
        tx.commit()?;
        Ok(())
    }

    /// Accept a checker finding with a written reason (replaces an earlier one for the same key).
    pub fn acknowledge(
        &mut self,
        draft_id: &str,
        key: &str,
        rule: &str,
        reason: &str,
        by: &str,
    ) -> Result<Acknowledgement> {
        let a = Acknowledgement {
            key: key.to_string(),
            rule: rule.to_string(),
            reason: reason.trim().to_string(),
            by: by.trim().to_string(),
            at: now_rfc3339(),
        };
        let mut probe = Draft::new(
            "x".into(),
            "x",
            "x",
            FyRange {
                from: 2025,
                to: 2025,
            },
            "",
        );
        probe.acknowledgements.push(a.clone());
        invalid(validate_draft(&probe, "$"))?;
        let tx = self.conn.transaction()?;
        touch(&tx, draft_id)?;
        write_ack(&tx, draft_id, &a)?;
        tx.commit()?;
        Ok(a)
    }

    /// Withdraw an acknowledgement.
    pub fn unacknowledge(&mut self, draft_id: &str, key: &str) -> Result<()> {
        let tx = self.conn.transaction()?;
        touch(&tx, draft_id)?;
        tx.execute(
            "DELETE FROM acknowledgements WHERE draft_id = ?1 AND key = ?2",
            params![draft_id, key],
        )?;
        tx.commit()?;
        Ok(())
    }

    /// Write one draft-level JSON column once `probe` (a draft carrying the new value)
    /// validates. `column` is one of this module's fixed column names.
    fn put_json_column(
        &mut self,
        draft_id: &str,
        column: &'static str,
        probe: &Draft,
        value: &impl Serialize,
    ) -> Result<()> {
        invalid(validate_draft(probe, "$"))?;
        let tx = self.conn.transaction()?;
        touch(&tx, draft_id)?;
        tx.execute(
            &format!("UPDATE drafts SET {column} = ?2 WHERE id = ?1"),
            params![draft_id, serde_json::to_string(value).expect("serialises")],
        )?;
        tx.commit()?;
        Ok(())
    }

    /// Autosave the 推進体制 fields.
    pub fn set_governance(&mut self, draft_id: &str, g: &Governance) -> Result<()> {
        let mut probe = blank_probe();
        probe.governance = g.clone();
        self.put_json_column(draft_id, "governance", &probe, g)
    }

    /// Record 実績: each entry replaces the result of its item and year. The whole draft
    /// with these results is validated first; nothing is stored while any problem stands.
    pub fn set_results(&mut self, draft_id: &str, entries: &[YearResult]) -> Result<()> {
        let mut probe = load(&self.conn, draft_id)?;
        for e in entries {
            match probe
                .results
                .iter_mut()
                .find(|r| r.item == e.item && r.fy == e.fy)
            {
                Some(r) => *r = e.clone(),
                None => probe.results.push(e.clone()),
            }
        }
        invalid(validate_draft(&probe, "$"))?;
        let tx = self.conn.transaction()?;
        touch(&tx, draft_id)?;
        for e in entries {
            write_result(&tx, draft_id, e)?;
        }
        tx.commit()?;
        Ok(())
    }

    /// Save the workforce frame (職員数の見通し), validated with the draft it belongs to.
    pub fn set_workforce(&mut self, draft_id: &str, w: &Workforce) -> Result<()> {
        let mut probe = load(&self.conn, draft_id)?;
        probe.workforce = w.clone();
        self.put_json_column(draft_id, "workforce", &probe, w)
    }

    /// Autosave the staff scope (任命権者, 対象職員).
    pub fn set_scope(&mut self, draft_id: &str, scope: &StaffScope) -> Result<()> {
        let mut probe = blank_probe();
        probe.scope = scope.clone();
        self.put_json_column(draft_id, "scope", &probe, scope)
    }

    /// Autosave one guideline section's text. An empty text removes the section.
    pub fn set_section(&mut self, draft_id: &str, section_id: &str, text: &str) -> Result<()> {
        let path = format!(
            "$.sections[{}]",
            serde_json::to_string(section_id).unwrap_or_default()
        );
        if !hoshin_model::validate::is_valid_id(section_id) {
            return invalid(vec![Problem::new(
                path,
                format!("項目ID「{section_id}」は使えません"),
            )]);
        }
        invalid(
            hoshin_model::validate::check_text(
                &path,
                text,
                hoshin_model::validate::MAX_SECTION_CHARS,
            )
            .into_iter()
            .collect(),
        )?;
        let tx = self.conn.transaction()?;
        touch(&tx, draft_id)?;
        if text.is_empty() {
            tx.execute(
                "DELETE FROM sections WHERE draft_id = ?1 AND section_id = ?2",
                params![draft_id, section_id],
            )?;
        } else {
            tx.execute(
                "INSERT INTO sections (draft_id, section_id, body) VALUES (?1, ?2, ?3)
                 ON CONFLICT (draft_id, section_id) DO UPDATE SET body = excluded.body",
                params![draft_id, section_id, text],
            )?;
        }
        tx.commit()?;
        Ok(())
    }
}
