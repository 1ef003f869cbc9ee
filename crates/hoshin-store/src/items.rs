//! Linked items: one row per item (JSON body without its link fields) and one row per link.

use std::collections::HashMap;

use hoshin_model::validate::validate_item;
use hoshin_model::{Item, Kind, Problem};
use rusqlite::{params, OptionalExtension, Transaction};
use serde_json::Value;

use crate::drafts::touch;
use crate::{Linker, Result, Store, StoreError};

/// What to do with links that point at an item being deleted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DeleteMode {
    /// Refuse, naming the linking items.
    Refuse,
    /// Remove those links from the linking items, then delete.
    Unlink,
}

/// The item's JSON without its link fields.
fn body_of(item: &Item) -> String {
    let mut v = serde_json::to_value(item).expect("items serialise");
    if let Some(obj) = v.as_object_mut() {
        for (field, _) in item.kind().link_fields() {
            obj.remove(*field);
        }
    }
    v.to_string()
}

/// Rebuild an item from its stored body and its links (in order).
pub(crate) fn join(id: &str, body: &str, links: Vec<(String, String)>) -> Result<Item> {
    let mut v: Value = serde_json::from_str(body).map_err(|e| corrupt_row(id, e))?;
    if let Some(obj) = v.as_object_mut() {
        for (field, to) in links {
            match obj.entry(field).or_insert_with(|| Value::Array(vec![])) {
                Value::Array(a) => a.push(Value::String(to)),
                _ => return Err(corrupt_row(id, "link field is not a list")),
            }
        }
    }
    serde_json::from_value(v).map_err(|e| corrupt_row(id, e))
}

fn corrupt_row(id: &str, e: impl std::fmt::Display) -> StoreError {
    StoreError::Invalid(vec![Problem::new(
        format!("items[{id}]"),
        format!("保存された項目を読み取れません: {e}"),
    )])
}

pub(crate) fn insert_row(
    tx: &Transaction,
    draft_id: &str,
    item: &Item,
    position: i64,
) -> Result<()> {
    tx.prepare_cached(
        "INSERT INTO items (draft_id, id, kind, position, body) VALUES (?1, ?2, ?3, ?4, ?5)",
    )?
    .execute(params![
        draft_id,
        item.id(),
        item.kind().id(),
        position,
        body_of(item)
    ])?;
    Ok(())
}

/// The fingerprint of a link target as it reads now.
fn target_fingerprint(tx: &Transaction, draft_id: &str, to: &str) -> Result<Option<String>> {
    let body: Option<String> = tx
        .prepare_cached("SELECT body FROM items WHERE draft_id = ?1 AND id = ?2")?
        .query_row(params![draft_id, to], |r| r.get(0))
        .optional()?;
    body.map(|b| join(to, &b, vec![]).map(|it| it.fingerprint()))
        .transpose()
}

/// Replace the item's outgoing links with those in `item`. Each link keeps the fingerprint
/// it had (`given` first, then what was stored); a new link records its target as it reads now.
pub(crate) fn write_links(
    tx: &Transaction,
    draft_id: &str,
    item: &Item,
    given: &HashMap<(String, String, String), String>,
) -> Result<()> {
    let stored: HashMap<(String, String), Option<String>> = tx
        .prepare_cached(
            "SELECT field, to_id, fingerprint FROM links WHERE draft_id = ?1 AND from_id = ?2",
        )?
        .query_map(params![draft_id, item.id()], |r| {
            Ok(((r.get(0)?, r.get(1)?), r.get(2)?))
        })?
        .collect::<rusqlite::Result<_>>()?;
    tx.prepare_cached("DELETE FROM links WHERE draft_id = ?1 AND from_id = ?2")?
        .execute(params![draft_id, item.id()])?;
    for (field, _) in item.kind().link_fields() {
        for (i, to) in item.links(field).iter().enumerate() {
            let fp = match given.get(&(item.id().to_string(), field.to_string(), to.clone())) {
                Some(f) => Some(f.clone()),
                None => match stored.get(&(field.to_string(), to.clone())) {
                    Some(kept) => kept.clone(),
                    None => target_fingerprint(tx, draft_id, to)?,
                },
            };
            tx.prepare_cached("INSERT INTO links (draft_id, from_id, field, position, to_id, fingerprint) VALUES (?1, ?2, ?3, ?4, ?5, ?6)")?
                .execute(params![draft_id, item.id(), field, i as i64, to, fp])?;
        }
    }
    Ok(())
}

fn kind_of(tx: &Transaction, draft_id: &str, id: &str) -> Result<Option<Kind>> {
    let k: Option<String> = tx
        .prepare_cached("SELECT kind FROM items WHERE draft_id = ?1 AND id = ?2")?
        .query_row(params![draft_id, id], |r| r.get(0))
        .optional()?;
    Ok(k.and_then(|k| Kind::from_id(&k)))
}

fn load_item(tx: &Transaction, draft_id: &str, id: &str) -> Result<Item> {
    let body: String = tx
        .prepare_cached("SELECT body FROM items WHERE draft_id = ?1 AND id = ?2")?
        .query_row(params![draft_id, id], |r| r.get(0))
        .optional()?
        .ok_or_else(|| StoreError::ItemNotFound(id.to_string()))?;
    let links = tx
        .prepare_cached("SELECT field, to_id FROM links WHERE draft_id = ?1 AND from_id = ?2 ORDER BY field, position")?
        .query_map(params![draft_id, id], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    join(id, &body, links)
}

fn linkers(tx: &Transaction, draft_id: &str, id: &str) -> Result<Vec<Linker>> {
    let rows = tx
        .prepare_cached(
            "SELECT l.from_id, l.field, i.body FROM links l JOIN items i ON i.draft_id = l.draft_id AND i.id = l.from_id
             WHERE l.draft_id = ?1 AND l.to_id = ?2 ORDER BY i.kind, i.position",
        )?
        .query_map(params![draft_id, id], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?, r.get::<_, String>(2)?)))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    rows.into_iter()
        .map(|(from, field, body)| {
            let it = join(&from, &body, vec![])?;
            Ok(Linker {
                kind: it.kind(),
                id: from,
                name: it.name().to_string(),
                field,
            })
        })
        .collect()
}

/// Insert or update one item, with checks. Runs inside the caller's transaction.
fn put(tx: &Transaction, draft_id: &str, item: &Item) -> Result<()> {
    let mut problems = validate_item(item, "$");
    for (field, want) in item.kind().link_fields() {
        for (i, to) in item.links(field).iter().enumerate() {
            let path = format!("$.{field}[{i}]");
            match kind_of(tx, draft_id, to)? {
                None => problems.push(Problem::new(
                    path,
                    format!("存在しない項目「{to}」を参照しています"),
                )),
                Some(k) if k != *want => problems.push(Problem::new(
                    path,
                    format!("「{to}」は{}ではなく{}です", want.label(), k.label()),
                )),
                Some(_) if to == item.id() => {
                    problems.push(Problem::new(path, "自分自身を参照しています"))
                }
                _ => {}
            }
        }
    }
    if !problems.is_empty() {
        return Err(StoreError::Invalid(problems));
    }
    touch(tx, draft_id)?;
    match kind_of(tx, draft_id, item.id())? {
        Some(k) if k != item.kind() => {
            return Err(StoreError::Invalid(vec![Problem::new(
                "$.id",
                format!("ID「{}」は既に{}で使われています", item.id(), k.label()),
            )]))
        }
        Some(_) => {
            tx.prepare_cached("UPDATE items SET body = ?3 WHERE draft_id = ?1 AND id = ?2")?
                .execute(params![draft_id, item.id(), body_of(item)])?;
        }
        None => {
            let pos: i64 = tx
                .prepare_cached("SELECT COALESCE(MAX(position) + 1, 0) FROM items WHERE draft_id = ?1 AND kind = ?2")?
                .query_row(params![draft_id, item.kind().id()], |r| r.get(0))?;
            insert_row(tx, draft_id, item, pos)?;
        }
    }
    write_links(tx, draft_id, item, &HashMap::new())
}

impl Store {
    /// Autosave one item (insert when new, update otherwise), in one transaction.
    pub fn put_item(&mut self, draft_id: &str, item: &Item) -> Result<()> {
        let tx = self.conn.transaction()?;
        put(&tx, draft_id, item)?;
        tx.commit()?;
        Ok(())
    }

    /// Autosave one field of one item (`value` is the field's JSON value). Returns the item.
    pub fn set_item_field(
        &mut self,
        draft_id: &str,
        item_id: &str,
        field: &str,
        value: Value,
    ) -> Result<Item> {
        let tx = self.conn.transaction()?;
        let item = load_item(&tx, draft_id, item_id)?;
        let mut v = serde_json::to_value(&item).expect("items serialise");
        let obj = v.as_object_mut().expect("items are objects");
        if field == "id" || field == "kind" || !obj.contains_key(field) {
            return Err(StoreError::Invalid(vec![Problem::new(
                format!("$.{field}"),
                format!(
                    "「{field}」は{}の項目として変更できません",
                    item.kind().label()
                ),
            )]));
        }
        obj.insert(field.to_string(), value);
        let updated: Item = serde_json::from_value(v).map_err(|e| {
            StoreError::Invalid(vec![Problem::new(
                format!("$.{field}"),
                format!("値の形が正しくありません（{e}）"),
            )])
        })?;
        put(&tx, draft_id, &updated)?;
        tx.commit()?;
        Ok(updated)
    }

    pub fn item(&mut self, draft_id: &str, item_id: &str) -> Result<Item> {
        let tx = self.conn.transaction()?;
        load_item(&tx, draft_id, item_id)
    }

    /// Mark every link from this item as checked against its target's current text
    /// (clears the 要確認 flag the checker raises after a target was edited).
    pub fn confirm_links(&mut self, draft_id: &str, item_id: &str) -> Result<()> {
        let tx = self.conn.transaction()?;
        load_item(&tx, draft_id, item_id)?;
        touch(&tx, draft_id)?;
        let targets: Vec<String> = tx
            .prepare_cached(
                "SELECT DISTINCT to_id FROM links WHERE draft_id = ?1 AND from_id = ?2",
            )?
            .query_map(params![draft_id, item_id], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        for to in targets {
            let fp = target_fingerprint(&tx, draft_id, &to)?;
            tx.execute("UPDATE links SET fingerprint = ?4 WHERE draft_id = ?1 AND from_id = ?2 AND to_id = ?3", params![draft_id, item_id, to, fp])?;
        }
        tx.commit()?;
        Ok(())
    }

    /// Store several items and results and delete other items in one transaction (an Excel
    /// import): all of it or, on any problem (a deleted item that others link to or that has
    /// results), none. Each result replaces the one of its item and year.
    pub fn apply_items(
        &mut self,
        draft_id: &str,
        puts: &[Item],
        deletes: &[String],
        results: &[hoshin_model::YearResult],
    ) -> Result<()> {
        let tx = self.conn.transaction()?;
        for item in puts {
            put(&tx, draft_id, item)?;
        }
        for r in results {
            load_item(&tx, draft_id, &r.item)?;
            crate::drafts::write_result(&tx, draft_id, r)?;
        }
        for id in deletes {
            let item = load_item(&tx, draft_id, id)?;
            let has_results: bool = tx
                .prepare_cached(
                    "SELECT EXISTS(SELECT 1 FROM results WHERE draft_id = ?1 AND item_id = ?2)",
                )?
                .query_row(params![draft_id, id], |r| r.get(0))?;
            if has_results {
                let years: Vec<i32> = tx
                    .prepare_cached(
                        "SELECT fy FROM results WHERE draft_id = ?1 AND item_id = ?2 ORDER BY fy",
                    )?
                    .query_map(params![draft_id, id], |r| r.get(0))?
                    .collect::<rusqlite::Result<_>>()?;
                return Err(StoreError::HasResults {
                    kind_label: item.kind().label(),
                    name: item.name().to_string(),
                    years,
                });
            }
            let by = linkers(&tx, draft_id, id)?;
            if !by.is_empty() {
                return Err(StoreError::Linked {
                    kind_label: item.kind().label(),
                    name: item.name().to_string(),
                    by,
                });
            }
            tx.execute(
                "DELETE FROM links WHERE draft_id = ?1 AND from_id = ?2",
                params![draft_id, id],
            )?;
            tx.execute(
                "DELETE FROM items WHERE draft_id = ?1 AND id = ?2",
                params![draft_id, id],
            )?;
        }
        touch(&tx, draft_id)?;
        tx.commit()?;
        Ok(())
    }

    /// Delete an item. Items that link to it make the deletion fail with their names, unless
    /// `mode` is `Unlink`, which removes those links first. Returns the items that were unlinked.
    pub fn delete_item(
        &mut self,
        draft_id: &str,
        item_id: &str,
        mode: DeleteMode,
    ) -> Result<Vec<Linker>> {
        let tx = self.conn.transaction()?;
        let item = load_item(&tx, draft_id, item_id)?;
        let years: Vec<i32> = tx
            .prepare_cached(
                "SELECT fy FROM results WHERE draft_id = ?1 AND item_id = ?2 ORDER BY fy",
            )?
            .query_map(params![draft_id, item_id], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        if !years.is_empty() {
            return Err(StoreError::HasResults {
                kind_label: item.kind().label(),
                name: item.name().to_string(),
                years,
            });
        }
        let by = linkers(&tx, draft_id, item_id)?;
        if !by.is_empty() && mode == DeleteMode::Refuse {
            return Err(StoreError::Linked {
                kind_label: item.kind().label(),
                name: item.name().to_string(),
                by,
            });
        }
        touch(&tx, draft_id)?;
        tx.execute(
            "DELETE FROM links WHERE draft_id = ?1 AND to_id = ?2",
            params![draft_id, item_id],
        )?;
        tx.execute(
            "DELETE FROM items WHERE draft_id = ?1 AND id = ?2",
            params![draft_id, item_id],
        )?;
        tx.commit()?;
        Ok(by)
    }
}
