//! The 概要版 (one A4 landscape page): rendered from the model as a tagged PDF or as
//! Markdown, for both front ends.

use std::path::Path;

use hoshin_export::{build_summary, summary_markdown, summary_pdf, ExportOptions, PdfRenderer};

use crate::error::{Error, Result};
use crate::{document_stem, files, write_output, ExportDone, Format, Output, Workspace};

impl Workspace {
    /// The 概要版 of a draft as PDF or Markdown (the check runs first, as for the policy).
    pub fn render_summary(&mut self, id: &str, format: Format) -> Result<Output> {
        if !matches!(format, Format::Pdf | Format::Md) {
            return Err(Error::invalid(format!(
                "概要版は {} では書き出せません",
                format.filter_name()
            ))
            .with_hint("PDF か Markdown を選んでください"));
        }
        let draft = self.store()?.load_draft(id)?;
        let report = hoshin_check::check(&draft, &self.templates);
        let doc = build_summary(&draft, &ExportOptions::default());
        let (bytes, pages, warnings) = match format {
            Format::Pdf => {
                let out = summary_pdf(&doc, &PdfRenderer::shared()?)?;
                (out.bytes, out.pages, out.warnings)
            }
            _ => {
                let (md, warnings) = summary_markdown(&doc, &self.markdown)?;
                (md.into_bytes(), None, warnings)
            }
        };
        Ok(Output {
            bytes,
            file_name: files::file_name(&summary_stem(&draft), format.extension()),
            pages,
            warnings: self.warnings_with(warnings),
            open_errors: report.open_errors,
            changed: None,
        })
    }

    /// The file name a save dialog offers for the 概要版.
    pub fn summary_file_name(&mut self, id: &str, format: Format) -> Result<String> {
        let d = self.store()?.load_draft(id)?;
        Ok(files::file_name(&summary_stem(&d), format.extension()))
    }

    /// Render the 概要版 and write it atomically to `path`.
    pub fn export_summary(&mut self, id: &str, format: Format, path: &Path) -> Result<ExportDone> {
        let out = self.render_summary(id, format)?;
        write_output(out, path)
    }
}

/// 「あおば市_人材育成・確保基本方針_概要版」
fn summary_stem(d: &hoshin_model::Draft) -> String {
    format!("{}_概要版", document_stem(d))
}
