//! The Excel round trip of the plan tables: a dry run of an edited workbook (what changes,
//! cell by cell, or every problem at its cell), then the changes applied in one transaction
//! after a version of the draft is saved. The app stages the workbook between the two steps.

use hoshin_store::{VersionInfo, VersionKind};
use serde::Serialize;
use ts_rs::TS;

use crate::error::{Error, Result};
use crate::Workspace;

/// An Excel import that was applied.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct PlanApplied {
    /// The version saved just before (none when nothing changed).
    pub version: Option<VersionInfo>,
    pub changes: hoshin_sheet::PlanChanges,
}

/// The problems of a workbook as one error: each cell and what to do, first ones listed.
fn plan_errors(errors: &[hoshin_sheet::CellError]) -> Error {
    let mut lines: Vec<String> = errors
        .iter()
        .take(20)
        .map(|e| format!("{}: {}", e.cell, e.message))
        .collect();
    if errors.len() > 20 {
        lines.push(format!("ほか {} 件", errors.len() - 20));
    }
    Error::invalid(format!(
        "Excel の表に直すところが {} 件あるため、何も取り込んでいません。\n{}",
        errors.len(),
        lines.join("\n")
    ))
    .with_hint("表示されたセルを直して保存し、もう一度取り込んでください")
}

/// A workbook read in the app, waiting for the user to confirm its changes.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct PlanImport {
    /// Hand back to [`Workspace::apply_staged_plan`]; the workbook stays in Rust.
    pub token: u32,
    pub file_name: String,
    pub changes: hoshin_sheet::PlanChanges,
}

pub(crate) struct Pending {
    token: u32,
    draft_id: String,
    file_name: String,
    bytes: Vec<u8>,
}

impl Workspace {
    /// Dry run of an edited workbook: what it would change, or the problems at their cells.
    /// Nothing is stored.
    pub fn plan_changes(
        &mut self,
        id: &str,
        file_name: &str,
        bytes: &[u8],
    ) -> Result<hoshin_sheet::PlanChanges> {
        let d = self.store()?.load_draft(id)?;
        Ok(hoshin_sheet::read_plan(
            &d,
            &self.templates.lists,
            file_name,
            bytes,
        )?)
    }

    /// Apply an edited workbook in one transaction, after saving a version of the draft as it
    /// was. Refused, with every problem named by its cell, while any problem stands. Rows
    /// removed from a sheet delete their items only with `delete_removed`.
    pub fn apply_plan(
        &mut self,
        id: &str,
        file_name: &str,
        bytes: &[u8],
        delete_removed: bool,
    ) -> Result<PlanApplied> {
        let changes = self.plan_changes(id, file_name, bytes)?;
        if !changes.errors.is_empty() {
            return Err(plan_errors(&changes.errors));
        }
        let deletes: Vec<String> = if delete_removed {
            changes.removed.iter().map(|r| r.id.clone()).collect()
        } else {
            vec![]
        };
        if changes.puts.is_empty() && deletes.is_empty() && changes.results.is_empty() {
            return Ok(PlanApplied {
                version: None,
                changes,
            });
        }
        let s = self.store()?;
        // An automatic safety version, like the one taken before a restore.
        let v = s.snapshot(
            id,
            &format!("Excel 取り込みの前（{file_name}）"),
            VersionKind::BeforeRestore,
        )?;
        s.apply_items(id, &changes.puts, &deletes, &changes.results)?;
        Ok(PlanApplied {
            version: Some(v),
            changes,
        })
    }

    /// Step 1 in the app: read the workbook, keep it, and return the dry run.
    pub fn stage_plan(&mut self, id: &str, file_name: &str, bytes: Vec<u8>) -> Result<PlanImport> {
        let changes = self.plan_changes(id, file_name, &bytes)?;
        let token = fastrand::u32(1..);
        self.pending_plan = Some(Pending {
            token,
            draft_id: id.to_string(),
            file_name: file_name.to_string(),
            bytes,
        });
        Ok(PlanImport {
            token,
            file_name: file_name.to_string(),
            changes,
        })
    }

    /// Step 2 in the app: apply the staged workbook (read again against the draft as it is
    /// now, so edits made in between are not overwritten unseen).
    pub fn apply_staged_plan(
        &mut self,
        id: &str,
        token: u32,
        delete_removed: bool,
    ) -> Result<PlanApplied> {
        let (file_name, bytes) = match &self.pending_plan {
            Some(p) if p.token == token && p.draft_id == id => {
                (p.file_name.clone(), p.bytes.clone())
            }
            _ => {
                return Err(
                    Error::not_found("取り込む Excel ファイルの情報が見つかりません")
                        .with_hint("もう一度ファイルを選んでください"),
                )
            }
        };
        let done = self.apply_plan(id, &file_name, &bytes, delete_removed)?;
        self.pending_plan = None;
        Ok(done)
    }
}
