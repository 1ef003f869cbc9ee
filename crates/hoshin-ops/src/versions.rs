//! Which version a comparison or a preview means: the current draft, the imported policy in
//! force, or a numbered version.

use std::str::FromStr;

use hoshin_export::comparison::Side;
use hoshin_model::Draft;
use hoshin_store::{Store, StoreError, VersionKind};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{Error, Result};

/// `current` (the draft as it is now), `baseline` (the latest imported policy in force) or
/// a version number. The CLI writes it as `current`, `baseline` or `3`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum VersionRef {
    Current,
    Baseline,
    Number(#[ts(type = "number")] i64),
}

impl FromStr for VersionRef {
    type Err = Error;
    fn from_str(s: &str) -> Result<VersionRef> {
        match s.trim() {
            "current" => Ok(VersionRef::Current),
            "baseline" => Ok(VersionRef::Baseline),
            n => n.parse().map(VersionRef::Number).map_err(|_| {
                Error::invalid(format!("版「{n}」を読み取れません"))
                    .with_hint("版の番号、current（今の下書き）、baseline（取り込んだ現行方針）のどれかで指定してください")
            }),
        }
    }
}

/// The draft a reference means, and how its column is labelled in a 新旧対照表.
pub(crate) fn resolve(s: &Store, id: &str, r: &VersionRef) -> Result<(Draft, Side)> {
    let pick = match r {
        VersionRef::Current => {
            let d = s.load_draft(id)?;
            let at = d.meta.updated_at.clone();
            return Ok((
                d,
                Side {
                    label: "現在の下書き".into(),
                    at,
                },
            ));
        }
        VersionRef::Baseline => s
            .versions(id)?
            .into_iter()
            .rev()
            .find(|v| v.kind == VersionKind::Baseline)
            .ok_or_else(|| {
                Error::not_found("取り込んだ現行方針（baseline）がありません").with_hint(
                    "先に現行方針を取り込んでください（CLI では `hoshin import-policy`）",
                )
            })?,
        VersionRef::Number(n) => s
            .versions(id)?
            .into_iter()
            .find(|v| v.id == *n)
            .ok_or_else(|| StoreError::VersionNotFound(id.to_string(), *n))?,
    };
    Ok((
        s.version_draft(id, pick.id)?,
        Side {
            label: pick.title,
            at: pick.created_at,
        },
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references_read_as_the_cli_writes_them() {
        assert_eq!(
            "current".parse::<VersionRef>().unwrap(),
            VersionRef::Current
        );
        assert_eq!(
            "baseline".parse::<VersionRef>().unwrap(),
            VersionRef::Baseline
        );
        assert_eq!(
            " 12 ".parse::<VersionRef>().unwrap(),
            VersionRef::Number(12)
        );
        let e = "最新".parse::<VersionRef>().unwrap_err();
        assert!(e.hint.contains("baseline"), "{e:?}");
        assert_eq!(
            serde_json::to_string(&VersionRef::Number(3)).unwrap(),
            r#"{"number":3}"#
        );
        assert_eq!(
            serde_json::from_str::<VersionRef>(r#""baseline""#).unwrap(),
            VersionRef::Baseline
        );
    }
}
