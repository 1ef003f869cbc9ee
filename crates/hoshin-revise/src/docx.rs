//! Word documents (.docx): the paragraphs of word/document.xml as text lines. Paragraphs in
//! heading styles (見出し 1…, Heading1…, Title) become Markdown headings so their level
//! survives; everything else is read by the same numbering recogniser as plain text.
//! Word's automatic list numbers are not stored in the text and are therefore not kept.

use std::io::{Cursor, Read};

use quick_xml::events::Event;
use quick_xml::Reader;

/// word/document.xml may not unpack to more than this (a policy of a few hundred pages is
/// well under 10 MB; a zip bomb stops here instead of filling memory).
pub const MAX_DOCUMENT_XML: u64 = 32 << 20;

/// The heading level a paragraph style name stands for.
fn heading_level(style: &str) -> Option<usize> {
    let s = style.to_ascii_lowercase();
    if s == "title" {
        return Some(1);
    }
    let digits: String = s.chars().filter(|c| c.is_ascii_digit()).collect();
    let is_heading = s.starts_with("heading")
        || style.contains("見出し")
        || (!digits.is_empty() && digits.len() == s.len());
    is_heading
        .then(|| digits.parse::<usize>().ok())
        .flatten()
        .filter(|n| (1..=6).contains(n))
}

/// Extract the text of a .docx file, or a Japanese message saying why it cannot be read.
pub fn to_text(bytes: &[u8]) -> Result<String, String> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|_| {
        "Word 文書（.docx）として開けません。ファイルが壊れていないか確かめてください".to_string()
    })?;
    let too_large = || {
        format!(
            "Word 文書の本文が大きすぎます（展開すると {} MB を超えます）。方針の本文だけを残して保存し直してください",
            MAX_DOCUMENT_XML >> 20
        )
    };
    let body = zip
        .by_name("word/document.xml")
        .map_err(|_| "Word 文書の本文（word/document.xml）が見つかりません".to_string())?;
    // The directory's size first, then the inflated bytes themselves: a zip whose directory
    // understates the size (a zip bomb) stops at the limit too.
    if body.size() > MAX_DOCUMENT_XML {
        return Err(too_large());
    }
    let mut raw = Vec::new();
    body.take(MAX_DOCUMENT_XML + 1)
        .read_to_end(&mut raw)
        .map_err(|e| format!("Word 文書の本文を読めません: {e}"))?;
    if raw.len() as u64 > MAX_DOCUMENT_XML {
        return Err(too_large());
    }
    let xml = String::from_utf8(raw)
        .map_err(|_| "Word 文書の本文を読めません: UTF-8 ではない文字があります".to_string())?;
    let mut reader = Reader::from_str(&xml);
    let mut out: Vec<String> = Vec::new();
    let mut para = String::new();
    let mut style: Option<String> = None;
    let mut in_text = false;
    loop {
        match reader
            .read_event()
            .map_err(|e| format!("Word 文書の本文を解釈できません: {e}"))?
        {
            Event::Start(e) if e.name().as_ref() == b"w:p" => {
                para.clear();
                style = None;
            }
            Event::Start(e) if e.name().as_ref() == b"w:t" => in_text = true,
            Event::End(e) if e.name().as_ref() == b"w:t" => in_text = false,
            Event::Empty(e) | Event::Start(e) if e.name().as_ref() == b"w:pStyle" => {
                style = e
                    .attributes()
                    .flatten()
                    .find(|a| a.key.as_ref() == b"w:val")
                    .map(|a| String::from_utf8_lossy(&a.value).into_owned());
            }
            Event::Empty(e) if e.name().as_ref() == b"w:tab" => para.push('\t'),
            Event::Empty(e) if e.name().as_ref() == b"w:br" => para.push('\n'),
            Event::Text(t) if in_text => para.push_str(
                &t.unescape()
                    .map_err(|e| format!("Word 文書の文字を読めません: {e}"))?,
            ),
            Event::End(e) if e.name().as_ref() == b"w:p" => {
                let text = para.trim_end().to_string();
                match style.as_deref().and_then(heading_level) {
                    Some(level) if !text.trim().is_empty() => {
                        out.push(format!("{} {}", "#".repeat(level), text.trim()))
                    }
                    _ => out.push(text),
                }
                out.push(String::new());
            }
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(out.join("\n"))
}

#[cfg(test)]
mod tests {
    use std::io::Write;

    /// A minimal .docx written the way Word lays one out.
    fn docx(body: &str) -> Vec<u8> {
        let mut buf = Cursor::new(Vec::new());
        let mut z = zip::ZipWriter::new(&mut buf);
        let opts = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        z.start_file("[Content_Types].xml", opts).unwrap();
        z.write_all(br#"<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>"#).unwrap();
        z.start_file("word/document.xml", opts).unwrap();
        let xml = format!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>{body}</w:body></w:document>"#
        );
        z.write_all(xml.as_bytes()).unwrap();
        z.finish().unwrap();
        buf.into_inner()
    }

    use super::*;

    #[test]
    fn paragraphs_and_heading_styles() {
        let body = r#"<w:p><w:pPr><w:pStyle w:val="1"/></w:pPr><w:r><w:t>第１　目指すべき職員像</w:t></w:r></w:p>
<w:p><w:r><w:t xml:space="preserve">　町民の立場で</w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t>考える</w:t></w:r><w:r><w:t>職員 &amp; 挑戦</w:t></w:r></w:p>
<w:p><w:pPr><w:pStyle w:val="Heading2"/></w:pPr><w:r><w:t>研修の体系</w:t></w:r></w:p>
<w:p><w:r><w:t>１　職場研修</w:t></w:r></w:p>"#;
        let text = to_text(&docx(body)).unwrap();
        assert_eq!(text, "# 第１　目指すべき職員像\n\n　町民の立場で考える職員 & 挑戦\n\n## 研修の体系\n\n１　職場研修\n");
        let o = crate::outline::parse_with(&text, false);
        let heads: Vec<(u8, Option<&str>, &str)> = o
            .sections
            .iter()
            .map(|s| (s.level, s.number.as_deref(), s.title.as_str()))
            .collect();
        assert_eq!(
            heads,
            vec![
                (1, Some("第1"), "目指すべき職員像"),
                (2, None, "研修の体系"),
                (2, Some("1"), "職場研修")
            ]
        );
    }

    /// A .docx whose word/document.xml is an empty body padded with `fill` spaces,
    /// deflated (a few tens of KB), with the entry's size in the zip's headers set to
    /// `claimed` when given (a directory that understates what inflates).
    fn bomb(fill: usize, claimed: Option<u32>) -> Vec<u8> {
        let mut buf = Cursor::new(Vec::new());
        let mut z = zip::ZipWriter::new(&mut buf);
        let opts = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        z.start_file("word/document.xml", opts).unwrap();
        z.write_all(br#"<w:document xmlns:w="x"><w:body>"#).unwrap();
        let spaces = vec![b' '; 1 << 20];
        for _ in 0..fill >> 20 {
            z.write_all(&spaces).unwrap();
        }
        z.write_all(b"</w:body></w:document>").unwrap();
        z.finish().unwrap();
        let mut bytes = buf.into_inner();
        if let Some(claimed) = claimed {
            // Uncompressed size: offset 22 in the local header, 24 in the central one.
            for (sig, at) in [(b"PK\x03\x04", 22), (b"PK\x01\x02", 24)] {
                let h = bytes.windows(4).position(|w| w == sig).unwrap();
                bytes[h + at..h + at + 4].copy_from_slice(&claimed.to_le_bytes());
            }
        }
        bytes
    }

    /// Fuzzing (fuzz/, target old_policy, its zip bomb seeds): word/document.xml was
    /// inflated whole into memory, 1 GB for a 1 MB file. Now refused with a Japanese
    /// message, whatever the zip's directory claims.
    #[test]
    fn zip_bomb_is_refused() {
        let over = (MAX_DOCUMENT_XML as usize) + (1 << 20);
        let bomb_bytes = bomb(over, None);
        assert!(bomb_bytes.len() < 200_000, "{}", bomb_bytes.len());
        let e = to_text(&bomb_bytes).unwrap_err();
        assert!(e.contains("大きすぎます"), "{e}");
        let e = to_text(&bomb(over, Some(2048))).unwrap_err();
        assert!(e.contains("大きすぎます"), "{e}");
        // Under the limit it is read (and is just an empty document).
        assert_eq!(to_text(&bomb(1 << 20, None)).unwrap(), "");
    }

    #[test]
    fn not_a_docx() {
        assert!(to_text(b"plain text").unwrap_err().contains("開けません"));
    }
}
