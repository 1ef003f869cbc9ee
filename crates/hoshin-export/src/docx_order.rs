//! Word reads the property elements of a paragraph, run, cell, table and section in the
//! order the schema gives (ECMA-376 Part 1, §17.3.1.26 pPr, §17.3.2.28 rPr, …) and can
//! ignore, or refuse, children out of that order; LibreOffice is lenient, so tests with it
//! would not notice. docx-rs writes some of them out of order (`<w:rPr/>` before
//! `<w:pStyle/>`, `<w:sz/>` before `<w:rFonts/>`), so the parts are put in schema order here
//! before packing. Only the children's order changes, never their content.

/// Schema order of the children of each property element we write.
const ORDERS: &[(&str, &[&str])] = &[
    (
        "w:pPr",
        &[
            "w:pStyle",
            "w:keepNext",
            "w:keepLines",
            "w:pageBreakBefore",
            "w:framePr",
            "w:widowControl",
            "w:numPr",
            "w:suppressLineNumbers",
            "w:pBdr",
            "w:shd",
            "w:tabs",
            "w:suppressAutoHyphens",
            "w:kinsoku",
            "w:wordWrap",
            "w:overflowPunct",
            "w:topLinePunct",
            "w:autoSpaceDE",
            "w:autoSpaceDN",
            "w:bidi",
            "w:adjustRightInd",
            "w:snapToGrid",
            "w:spacing",
            "w:ind",
            "w:contextualSpacing",
            "w:mirrorIndents",
            "w:suppressOverlap",
            "w:jc",
            "w:textDirection",
            "w:textAlignment",
            "w:textboxTightWrap",
            "w:outlineLvl",
            "w:divId",
            "w:cnfStyle",
            "w:rPr",
            "w:sectPr",
            "w:pPrChange",
        ],
    ),
    (
        "w:rPr",
        &[
            "w:rStyle",
            "w:rFonts",
            "w:b",
            "w:bCs",
            "w:i",
            "w:iCs",
            "w:caps",
            "w:smallCaps",
            "w:strike",
            "w:dstrike",
            "w:outline",
            "w:shadow",
            "w:emboss",
            "w:imprint",
            "w:noProof",
            "w:snapToGrid",
            "w:vanish",
            "w:webHidden",
            "w:color",
            "w:spacing",
            "w:w",
            "w:kern",
            "w:position",
            "w:sz",
            "w:szCs",
            "w:highlight",
            "w:u",
            "w:effect",
            "w:bdr",
            "w:shd",
            "w:fitText",
            "w:vertAlign",
            "w:rtl",
            "w:cs",
            "w:em",
            "w:lang",
            "w:eastAsianLayout",
            "w:specVanish",
            "w:oMath",
            "w:ins",
            "w:del",
            "w:rPrChange",
        ],
    ),
    (
        "w:tcPr",
        &[
            "w:cnfStyle",
            "w:tcW",
            "w:gridSpan",
            "w:hMerge",
            "w:vMerge",
            "w:tcBorders",
            "w:shd",
            "w:noWrap",
            "w:tcMar",
            "w:textDirection",
            "w:tcFitText",
            "w:vAlign",
            "w:hideMark",
            "w:headers",
            "w:cellIns",
            "w:cellDel",
            "w:cellMerge",
            "w:tcPrChange",
        ],
    ),
    (
        "w:tblPr",
        &[
            "w:tblStyle",
            "w:tblpPr",
            "w:tblOverlap",
            "w:bidiVisual",
            "w:tblStyleRowBandSize",
            "w:tblStyleColBandSize",
            "w:tblW",
            "w:jc",
            "w:tblCellSpacing",
            "w:tblInd",
            "w:tblBorders",
            "w:shd",
            "w:tblLayout",
            "w:tblCellMar",
            "w:tblLook",
            "w:tblCaption",
            "w:tblDescription",
            "w:tblPrChange",
        ],
    ),
    (
        "w:style",
        &[
            "w:name",
            "w:aliases",
            "w:basedOn",
            "w:next",
            "w:link",
            "w:autoRedefine",
            "w:uiPriority",
            "w:semiHidden",
            "w:unhideWhenUsed",
            "w:qFormat",
            "w:locked",
            "w:personal",
            "w:personalCompose",
            "w:personalReply",
            "w:rsid",
            "w:pPr",
            "w:rPr",
            "w:tblPr",
            "w:trPr",
            "w:tcPr",
            "w:tblStylePr",
        ],
    ),
    (
        "w:sectPr",
        &[
            "w:headerReference",
            "w:footerReference",
            "w:footnotePr",
            "w:endnotePr",
            "w:type",
            "w:pgSz",
            "w:pgMar",
            "w:paperSrc",
            "w:pgBorders",
            "w:lnNumType",
            "w:pgNumType",
            "w:cols",
            "w:formProt",
            "w:vAlign",
            "w:noEndnote",
            "w:titlePg",
            "w:textDirection",
            "w:bidi",
            "w:rtlGutter",
            "w:docGrid",
            "w:printerSettings",
            "w:sectPrChange",
        ],
    ),
];

/// The tag name at the start of `s` (which starts with '<').
fn tag_name(s: &str) -> &str {
    let t = s.trim_start_matches(['<', '/']);
    let end = t
        .find(|c: char| c.is_whitespace() || c == '>' || c == '/')
        .unwrap_or(t.len());
    &t[..end]
}

/// The children of an element's content as complete substrings (element, its content and
/// closing tag), or `None` when the content holds text or cannot be split cleanly.
fn children(content: &str) -> Option<Vec<&str>> {
    let mut out = Vec::new();
    let mut depth = 0usize;
    let mut start = None;
    let mut i = 0;
    let b = content.as_bytes();
    while i < b.len() {
        if b[i] != b'<' {
            if depth == 0 && !b[i].is_ascii_whitespace() {
                return None;
            }
            i += 1;
            continue;
        }
        let end = i + content[i..].find('>')?;
        let tag = &content[i..=end];
        let closing = tag.starts_with("</");
        let empty = tag.ends_with("/>");
        if depth == 0 {
            if closing {
                return None;
            }
            start = Some(i);
        }
        if closing {
            depth = depth.checked_sub(1)?;
        } else if !empty {
            depth += 1;
        }
        if depth == 0 {
            out.push(&content[start?..=end]);
        }
        i = end + 1;
    }
    (depth == 0).then_some(out)
}

/// `xml` with the children of every property element in schema order.
pub(crate) fn canonical(xml: &str) -> String {
    let mut out = String::with_capacity(xml.len());
    let mut rest = xml;
    while let Some(pos) = rest.find('<') {
        out.push_str(&rest[..pos]);
        let at = &rest[pos..];
        let Some(close) = at.find('>') else {
            out.push_str(at);
            return out;
        };
        let open = &at[..=close];
        let name = tag_name(open);
        let order = ORDERS
            .iter()
            .find(|(n, _)| *n == name)
            .filter(|_| !open.starts_with("</") && !open.ends_with("/>"));
        if let Some((n, order)) = order {
            let end_tag = format!("</{n}>");
            // The matching close: property elements do not nest in themselves, except an
            // rPr inside a pPr, which is a child here and handled when its turn comes.
            if let Some(len) = matching_close(&at[close + 1..], n, &end_tag) {
                let content = &at[close + 1..close + 1 + len];
                if let Some(mut kids) = children(content) {
                    let rank = |k: &str| {
                        order
                            .iter()
                            .position(|o| *o == tag_name(k))
                            .unwrap_or(order.len())
                    };
                    kids.sort_by_key(|k| rank(k));
                    out.push_str(open);
                    for k in kids {
                        out.push_str(&canonical(k));
                    }
                    out.push_str(&end_tag);
                    rest = &at[close + 1 + len + end_tag.len()..];
                    continue;
                }
            }
        }
        out.push_str(open);
        rest = &at[close + 1..];
    }
    out.push_str(rest);
    out
}

/// Length of the content up to the close tag matching an already opened `name`.
fn matching_close(s: &str, name: &str, end_tag: &str) -> Option<usize> {
    let mut depth = 1usize;
    let mut i = 0;
    while let Some(p) = s[i..].find('<') {
        let at = i + p;
        let close = at + s[at..].find('>')?;
        let tag = &s[at..=close];
        if tag_name(tag) == name {
            if tag.starts_with("</") {
                depth -= 1;
                if depth == 0 {
                    debug_assert_eq!(tag, end_tag);
                    return Some(at);
                }
            } else if !tag.ends_with("/>") {
                depth += 1;
            }
        }
        i = close + 1;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn properties_come_out_in_schema_order_and_nothing_else_changes() {
        let x = r#"<w:p><w:pPr><w:rPr /><w:jc w:val="center" /><w:pStyle w:val="Title" /></w:pPr><w:r><w:rPr><w:sz w:val="28" /><w:szCs w:val="28" /><w:rFonts w:eastAsia="BIZ UDゴシック" /><w:u w:val="single" /><w:b /></w:rPr><w:t xml:space="preserve">目次 &lt;b&gt;</w:t></w:r></w:p>"#;
        let want = r#"<w:p><w:pPr><w:pStyle w:val="Title" /><w:jc w:val="center" /><w:rPr /></w:pPr><w:r><w:rPr><w:rFonts w:eastAsia="BIZ UDゴシック" /><w:b /><w:sz w:val="28" /><w:szCs w:val="28" /><w:u w:val="single" /></w:rPr><w:t xml:space="preserve">目次 &lt;b&gt;</w:t></w:r></w:p>"#;
        assert_eq!(canonical(x), want);
        assert_eq!(canonical(want), want, "already in order: unchanged");
        // A run property list inside a paragraph's properties is ordered too.
        let x =
            r#"<w:pPr><w:rPr><w:sz w:val="1" /><w:rFonts /></w:rPr><w:pStyle w:val="a" /></w:pPr>"#;
        assert_eq!(
            canonical(x),
            r#"<w:pPr><w:pStyle w:val="a" /><w:rPr><w:rFonts /><w:sz w:val="1" /></w:rPr></w:pPr>"#
        );
        // Text and unknown markup pass through.
        let x = "<w:body><w:t>a &amp; b</w:t><x:y/></w:body>";
        assert_eq!(canonical(x), x);
    }
}
