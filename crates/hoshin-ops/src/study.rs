//! For study-group facilitators: participants' exchange files compared side by side in the
//! app. The files are read and kept here between showing the comparison and exporting it;
//! nothing is imported into the facilitator's drafts.

use std::path::Path;

use serde::Serialize;
use ts_rs::TS;

use crate::error::{Error, Result};
use crate::{preview_html, write_output, ExportDone, Format, Workspace};

/// Participants' drafts read for a comparison.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct DraftsComparison {
    /// Hand back to [`Workspace::drafts_preview`] and [`Workspace::export_drafts`].
    pub token: u32,
    pub files: Vec<String>,
    /// The comparison as safe HTML (Markdown rendered, no raw HTML).
    pub html: String,
}

pub(crate) struct Pending {
    token: u32,
    files: Vec<(String, Vec<u8>)>,
}

impl Workspace {
    /// Read the files (each must be an exchange file; a bad one is named) and show the
    /// comparison.
    pub fn stage_drafts(
        &mut self,
        files: Vec<(String, Vec<u8>)>,
        anonymise: bool,
    ) -> Result<DraftsComparison> {
        let out = self.compare_drafts(&files, anonymise, Format::Md)?;
        let token = fastrand::u32(1..);
        let names = files.iter().map(|(n, _)| n.clone()).collect();
        self.pending_drafts = Some(Pending { token, files });
        Ok(DraftsComparison {
            token,
            files: names,
            html: preview_html(&String::from_utf8_lossy(&out.bytes)),
        })
    }

    fn staged(&self, token: u32) -> Result<Vec<(String, Vec<u8>)>> {
        match &self.pending_drafts {
            Some(p) if p.token == token => Ok(p.files.clone()),
            _ => Err(Error::not_found("比べる交換ファイルの情報が見つかりません")
                .with_hint("もう一度ファイルを選んでください")),
        }
    }

    /// The staged comparison again, e.g. after switching 団体名を伏せる.
    pub fn drafts_preview(&mut self, token: u32, anonymise: bool) -> Result<DraftsComparison> {
        let files = self.staged(token)?;
        let out = self.compare_drafts(&files, anonymise, Format::Md)?;
        Ok(DraftsComparison {
            token,
            files: files.into_iter().map(|(n, _)| n).collect(),
            html: preview_html(&String::from_utf8_lossy(&out.bytes)),
        })
    }

    /// The file name a save dialog offers for the comparison.
    pub fn drafts_file_name(&self, format: Format) -> String {
        crate::files::file_name("方針案の比較", format.extension())
    }

    /// Export the staged comparison atomically to `path`.
    pub fn export_drafts(
        &mut self,
        token: u32,
        anonymise: bool,
        format: Format,
        path: &Path,
    ) -> Result<ExportDone> {
        let files = self.staged(token)?;
        let out = self.compare_drafts(&files, anonymise, format)?;
        write_output(out, path)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample_file(name: &str) -> (String, Vec<u8>) {
        let d = hoshin_model::templates::sample(name).unwrap();
        (
            format!("{name}.hoshin.json"),
            hoshin_model::exchange::to_json(&d, "test").into_bytes(),
        )
    }

    #[test]
    fn a_staged_comparison_previews_anonymised_and_exports_without_importing() {
        let dir = tempfile::tempdir().unwrap();
        let mut ws = Workspace::open(Some(dir.path()));
        let files = vec![sample_file("town-8000"), sample_file("city-300000")];
        let c = ws.stage_drafts(files, false).unwrap();
        assert!(c.html.contains("やまびこ町") && c.html.contains("<table>"));
        let anon = ws.drafts_preview(c.token, true).unwrap();
        assert!(anon.html.contains("団体A") && !anon.html.contains("やまびこ町"));
        let out = dir.path().join("cmp.pdf");
        let done = ws.export_drafts(c.token, true, Format::Pdf, &out).unwrap();
        assert!(done.pages.unwrap() >= 2);
        assert!(std::fs::read(&out).unwrap().starts_with(b"%PDF-"));
        assert!(
            ws.list_drafts(false).unwrap().is_empty(),
            "nothing imported"
        );
        let e = ws.drafts_preview(c.token + 1, true).unwrap_err();
        assert_eq!(e.code, crate::ErrorCode::InputNotFound);
    }
}
