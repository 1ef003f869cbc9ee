//! PDF through our own layout engine (crate hoshin-pdf): the same Markdown as the
//! Markdown export, without its cover block and contents list, which the engine draws
//! itself (cover page, contents with page numbers, outline, page numbers).

use hoshin_pdf::{Cover, Fonts, PdfOptions};

use crate::{ExportError, Prepared, Rendered, Renderer};

pub struct PdfRenderer {
    fonts: &'static Fonts,
    untagged: bool,
}

impl PdfRenderer {
    /// Uses the process-wide fonts (discovered and parsed once).
    pub fn shared() -> Result<PdfRenderer, ExportError> {
        Ok(PdfRenderer {
            fonts: Fonts::shared().map_err(ExportError::Pdf)?,
            untagged: false,
        })
    }

    /// The same without the structure tree, only to measure what tagging costs
    /// (`scripts/bench-pdf.sh`); every PDF the app and the CLI write is tagged.
    pub fn untagged_for_benchmarks(self) -> PdfRenderer {
        PdfRenderer {
            untagged: true,
            ..self
        }
    }

    /// The fonts it draws with (for pages that are not Markdown, such as the 概要版).
    pub fn fonts(&self) -> &'static Fonts {
        self.fonts
    }
}

impl Renderer for PdfRenderer {
    fn extension(&self) -> &'static str {
        "pdf"
    }
    fn render(&self, doc: &Prepared) -> Result<Rendered, ExportError> {
        let opts = PdfOptions {
            title: doc.title.clone(),
            author: doc.author.clone(),
            subject: doc.subject.clone(),
            toc: doc.toc,
            cover: doc.cover.then(|| Cover {
                title: doc.cover_title.clone().unwrap_or_else(|| doc.title.clone()),
                lines: doc.cover_lines.clone(),
            }),
            footer_left: doc.author.clone(),
            untagged: self.untagged,
        };
        let out = hoshin_pdf::render(&doc.body, &opts, self.fonts).map_err(ExportError::Pdf)?;
        Ok(Rendered {
            bytes: out.bytes,
            warnings: out.warnings,
            pages: Some(out.pages),
        })
    }
}
