//! 「現行方針の取り込み」: read the policy in force (.docx, Markdown or text in UTF-8 or
//! Shift_JIS), map its sections onto guideline items, and keep it as the draft's baseline.

use hoshin_revise::{Outline, Suggestion};
use hoshin_store::{VersionInfo, VersionKind};
use serde::Serialize;
use ts_rs::TS;

use crate::error::{Error, ErrorCode, Result};
use crate::files;
use crate::Workspace;

/// An old policy read and parsed, waiting for the user to confirm the mapping.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct PolicyImport {
    /// Hand back to [`Workspace::import_staged_policy`]; the outline stays in Rust.
    pub token: u32,
    pub file_name: String,
    pub outline: Outline,
    pub suggestions: Vec<Suggestion>,
}

pub(crate) struct Pending {
    token: u32,
    file_name: String,
    outline: Outline,
}

/// An old policy's text as a heading tree: a Word file when the bytes are a zip, else text
/// (Markdown or plain) in UTF-8, UTF-8 with BOM or Shift_JIS. Refused, with a message that
/// names the file, when it cannot be read or has no numbered headings.
pub fn read_old_policy(file_name: &str, bytes: &[u8]) -> Result<Outline> {
    let outline = if bytes.starts_with(b"PK") {
        let text = hoshin_revise::docx::to_text(bytes).map_err(|m| {
            Error::new(ErrorCode::InputUnreadable, format!("{file_name}: {m}")).with_hint(
                "Word で開けるか確かめ、「名前を付けて保存」で .docx として保存し直してください",
            )
        })?;
        hoshin_revise::parse_with(&text, false)
    } else {
        let (text, _) = files::decode_text(file_name, bytes)?;
        hoshin_revise::parse(&text)
    };
    if outline.sections.iter().all(|s| s.body.trim().is_empty()) {
        return Err(Error::invalid(format!(
            "{file_name} に本文のある見出し（第1、1、(1) など）が見つかりません"
        ))
        .with_hint("番号付きの見出しがある方針の本文を選んでください"));
    }
    Ok(outline)
}

impl Workspace {
    /// The guideline item suggested for each section.
    pub fn suggest(&self, outline: &Outline) -> Vec<Suggestion> {
        hoshin_revise::suggest(outline, &self.templates)
    }

    /// A mapping (section index → guideline item id, `None` = 対応なし) must name sections
    /// that exist and have a body, each once, and items the guideline has.
    pub fn validate_mapping(
        &self,
        outline: &Outline,
        mapping: &[(usize, Option<String>)],
    ) -> Result<()> {
        let mut seen = std::collections::HashSet::new();
        for (i, item) in mapping {
            let shown = i + 1;
            match outline.sections.get(*i) {
                Some(s) if !s.body.trim().is_empty() => {}
                _ => {
                    return Err(
                        Error::invalid(format!("本文のある見出し {shown} はありません"))
                            .with_hint("対応付けの一覧にある番号を指定してください"),
                    )
                }
            }
            if !seen.insert(*i) {
                return Err(Error::invalid(format!(
                    "見出し {shown} の対応付けが二度指定されています"
                )));
            }
            if let Some(id) = item {
                if self.templates.item(id).is_none() {
                    return Err(Error::invalid(format!("指針の項目「{id}」はありません"))
                        .with_hint(
                            "指針の項目 ID（例: ikusei.ojt）か、対応なし（none）を指定してください",
                        ));
                }
            }
        }
        Ok(())
    }

    /// The suggested mapping with the user's choices laid over it (section index → item).
    pub fn mapping_with(
        &self,
        outline: &Outline,
        choices: &[(usize, Option<String>)],
    ) -> Result<Vec<(usize, Option<String>)>> {
        self.validate_mapping(outline, choices)?;
        let mut mapping: Vec<(usize, Option<String>)> = self
            .suggest(outline)
            .into_iter()
            .map(|s| (s.section, s.item))
            .collect();
        for (i, item) in choices {
            match mapping.iter_mut().find(|(j, _)| j == i) {
                Some(slot) => slot.1 = item.clone(),
                None => mapping.push((*i, item.clone())),
            }
        }
        Ok(mapping)
    }

    /// Store the old policy, mapped as confirmed, as the draft's baseline version.
    pub fn import_policy(
        &mut self,
        id: &str,
        file_name: &str,
        outline: &Outline,
        mapping: &[(usize, Option<String>)],
    ) -> Result<VersionInfo> {
        self.validate_mapping(outline, mapping)?;
        let s = self.store()?;
        let draft = s.load_draft(id)?;
        let base = hoshin_revise::baseline(&draft, outline, mapping);
        Ok(s.add_version(
            id,
            &base,
            &format!("現行方針（{file_name} から取り込み）"),
            VersionKind::Baseline,
        )?)
    }

    /// Step 1 in the app: read the file and keep its outline until the mapping is confirmed.
    pub fn stage_policy(&mut self, file_name: &str, bytes: &[u8]) -> Result<PolicyImport> {
        let outline = read_old_policy(file_name, bytes)?;
        let suggestions = self.suggest(&outline);
        let token = fastrand::u32(1..);
        self.pending_policy = Some(Pending {
            token,
            file_name: file_name.to_string(),
            outline: outline.clone(),
        });
        Ok(PolicyImport {
            token,
            file_name: file_name.to_string(),
            outline,
            suggestions,
        })
    }

    /// Step 2 in the app: store the staged policy with the confirmed mapping.
    pub fn import_staged_policy(
        &mut self,
        id: &str,
        token: u32,
        mapping: &[(usize, Option<String>)],
    ) -> Result<VersionInfo> {
        let (file_name, outline) = match &self.pending_policy {
            Some(p) if p.token == token => (p.file_name.clone(), p.outline.clone()),
            _ => {
                return Err(Error::not_found("取り込むファイルの情報が見つかりません")
                    .with_hint("もう一度ファイルを選んでください"))
            }
        };
        let v = self.import_policy(id, &file_name, &outline, mapping)?;
        self.pending_policy = None;
        Ok(v)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn old_policies_are_read_or_refused_with_a_reason() {
        let o = read_old_policy(
            "a.txt",
            "\u{feff}第１　目指すべき職員像\n\n　町民の立場で考える職員。\n".as_bytes(),
        )
        .unwrap();
        assert_eq!(o.sections[0].title, "目指すべき職員像");
        let (sjis, _, _) =
            encoding_rs::SHIFT_JIS.encode("第１　目指すべき職員像\n\n　町民の立場で考える職員。\n");
        let o = read_old_policy("sjis.txt", &sjis).unwrap();
        assert_eq!(o.sections[0].title, "目指すべき職員像");
        assert!(o.sections[0].body.contains("町民の立場"));
        let e = read_old_policy("c.txt", "見出しのない文章".as_bytes()).unwrap_err();
        assert_eq!(e.code, ErrorCode::InputInvalid);
        assert!(e.message.contains("c.txt") && e.message.contains("見出し"));
        let e = read_old_policy("d.docx", b"PK\x03\x04broken").unwrap_err();
        assert_eq!(e.code, ErrorCode::InputUnreadable);
        assert!(e.message.contains("d.docx"));
    }
}
