//! Assembling the PDF: pages of commands → printpdf ops; then lopdf post-processing
//! (nested outline, page labels, /Lang).

use std::collections::HashMap;

use lopdf::{Dictionary, Object, ObjectId, StringFormat};
use printpdf::{
    Actions, BorderArray, Codepoint, Color, Destination, FontId, Greyscale, Line, LineCapStyle,
    LineDashPattern, LinePoint, LinkAnnotation, Mm, Op, PaintMode, PdfDocument, PdfFontHandle,
    PdfPage, PdfSaveOptions, Point, Pt, Rect, TextItem, TextMatrix, WindingOrder,
};

use crate::layout::{Cmd, Engine, FaceTable, HeadRec, Page, Report, Tree, PAGE_H, PAGE_W};
use crate::{markdown, tagged, Fonts, PdfError, PdfOptions, PdfOutput};

pub(crate) fn render(md: &str, opts: &PdfOptions, fonts: &Fonts) -> Result<PdfOutput, PdfError> {
    let blocks = markdown::parse(md);
    let mut ft =
        FaceTable::new(fonts).ok_or_else(|| PdfError::Write("フォントを解析できません".into()))?;
    let mut rep = Report::default();

    // Body first: the TOC needs its page numbers (body pages are numbered from 1).
    let (mut body, heads, body_tree) = {
        let mut e = Engine::new(&mut ft, &mut rep);
        e.blocks(&blocks);
        let n = e.pages.len();
        for p in 0..n {
            e.footer(p, p + 1, &opts.footer_left);
        }
        (
            std::mem::take(&mut e.pages),
            std::mem::take(&mut e.heads),
            std::mem::take(&mut e.tree),
        )
    };
    let (mut cover, cover_tree) = match &opts.cover {
        Some(c) => {
            let mut e = Engine::new(&mut ft, &mut rep);
            e.cover(&c.title, &c.lines);
            (std::mem::take(&mut e.pages), std::mem::take(&mut e.tree))
        }
        None => (vec![], Tree::default()),
    };
    let toc_heads: Vec<&HeadRec> = heads.iter().filter(|h| h.level <= 2).collect();
    let mut toc: Vec<Page> = Vec::new();
    let mut toc_tree = Tree::default();
    if opts.toc && !toc_heads.is_empty() {
        // Two passes: the TOC's own length shifts the link targets.
        let mut toc_len = 1;
        for _ in 0..3 {
            let offset = cover.len() + toc_len;
            let mut e = Engine::new(&mut ft, &mut rep);
            e.toc(&heads, |h| offset + h.page);
            toc = std::mem::take(&mut e.pages);
            toc_tree = std::mem::take(&mut e.tree);
            if toc.len() == toc_len {
                break;
            }
            toc_len = toc.len();
        }
    }
    // One structure tree in reading order: cover, contents, body.
    let mut tree = Tree::default();
    for (t, pages) in [
        (&cover_tree, &mut cover),
        (&toc_tree, &mut toc),
        (&body_tree, &mut body),
    ] {
        let offset = tree.graft(t);
        for p in pages.iter_mut() {
            p.shift_tags(offset);
        }
    }
    let base = heads.iter().map(|h| h.level).min().unwrap_or(1);
    tree.settle_headings(base, opts.cover.is_some());

    let body_offset = cover.len() + toc.len();
    let cover_len = cover.len();
    let mut pages: Vec<Page> = Vec::with_capacity(body_offset + body.len());
    pages.append(&mut cover);
    pages.append(&mut toc);
    pages.append(&mut body);
    let laid = Laid {
        pages,
        tree,
        heads,
        body_offset,
        cover_len,
        size: (PAGE_W, PAGE_H),
    };
    assemble(laid, &ft, rep, opts)
}

/// Pages as laid out, with what the PDF needs besides them.
pub(crate) struct Laid {
    pub pages: Vec<Page>,
    pub tree: Tree,
    /// Body headings (outline), and where the body starts.
    pub heads: Vec<HeadRec>,
    pub body_offset: usize,
    pub cover_len: usize,
    /// Page width and height in points.
    pub size: (f32, f32),
}

/// Laid-out pages → PDF bytes: fonts, operations with marked content, outline, page
/// labels, the structure tree and metadata.
pub(crate) fn assemble(
    laid: Laid,
    ft: &FaceTable,
    rep: Report,
    opts: &PdfOptions,
) -> Result<PdfOutput, PdfError> {
    let Laid {
        pages,
        tree,
        heads,
        body_offset,
        cover_len,
        size,
    } = laid;
    // Fonts actually used.
    let mut doc = PdfDocument::new(&opts.title);
    let mut font_ids: HashMap<usize, FontId> = HashMap::new();
    for (i, e) in ft.entries.iter().enumerate() {
        if e.used {
            let pf = e.lf.pdf_font().ok_or_else(|| PdfError::FontLoad {
                path: e.lf.path.display().to_string(),
                reason: "PDF に埋め込めない形式です".into(),
            })?;
            font_ids.insert(i, doc.add_font(pf));
        }
    }

    let mut marks = tagged::Marks::new(&tree, !opts.untagged);
    let pdf_pages: Vec<PdfPage> = pages
        .iter()
        .map(|p| {
            marks.start_page();
            PdfPage::new(
                Mm::from(Pt(size.0)),
                Mm::from(Pt(size.1)),
                page_ops(p, &font_ids, &mut marks, size.1),
            )
        })
        .collect();
    let npages = pdf_pages.len();
    let now = printpdf::OffsetDateTime::now();
    {
        let info = &mut doc.metadata.info;
        info.document_title = opts.title.clone();
        info.author = opts.author.clone();
        info.subject = opts.subject.clone();
        info.creator = "Hoshin".into();
        info.producer = "Hoshin PDF (printpdf)".into();
        info.creation_date = now;
        info.modification_date = now;
        info.metadata_date = now;
    }
    doc.with_pages(pdf_pages);
    let save = PdfSaveOptions {
        subset_fonts: true,
        optimize: true,
        ..Default::default()
    };
    let mut pw = Vec::new();
    let mut lo = doc.to_lopdf_document(&save, &mut pw);
    postprocess(&mut lo, &heads, body_offset, cover_len, size.1)
        .map_err(|e| PdfError::Write(e.to_string()))?;
    if !opts.untagged {
        tagged::finish(&mut lo, &tree, &marks, opts).map_err(|e| PdfError::Write(e.to_string()))?;
    }
    compress_streams(&mut lo);
    let mut bytes = Vec::new();
    lo.save_to(&mut bytes)
        .map_err(|e| PdfError::Write(e.to_string()))?;

    let mut warnings = Vec::new();
    if !rep.missing.is_empty() {
        let list = rep
            .missing
            .iter()
            .map(|c| format!("{c}（U+{:04X}）", *c as u32))
            .collect::<Vec<_>>()
            .join("、");
        warnings.push(format!(
            "次の文字はインストールされているどのフォントにも字形がないため「〓」で表示しました（検索・コピーでは元の文字になります）: {list}"
        ));
    }
    for (c, v) in &rep.vs_dropped {
        warnings.push(format!(
            "異体字セレクタ付きの「{c}」（U+{:04X} + U+{:04X}）に対応する字形がないため、標準の字形で表示しました",
            *c as u32, *v as u32
        ));
    }
    Ok(PdfOutput {
        bytes,
        pages: npages,
        missing: rep.missing,
        warnings,
    })
}

fn gray(g: f32) -> Color {
    Color::Greyscale(Greyscale {
        percent: g,
        icc_profile: None,
    })
}

fn page_ops(
    p: &Page,
    font_ids: &HashMap<usize, FontId>,
    marks: &mut tagged::Marks,
    page_h: f32,
) -> Vec<Op> {
    // Layout y runs down from the top; PDF y runs up from the bottom.
    let y_pdf = |y: f32| Pt(page_h - y);
    let mut ops = Vec::with_capacity(p.fg.len() * 2 + p.bg.len() * 2 + 8);
    for c in &p.bg {
        if let Cmd::Fill {
            x,
            y,
            w,
            h,
            gray: g,
            tag,
        } = c
        {
            marks.switch(&mut ops, *tag);
            ops.push(Op::SetFillColor { col: gray(*g) });
            ops.push(Op::DrawRectangle {
                rectangle: Rect {
                    x: Pt(*x),
                    y: y_pdf(y + h),
                    width: Pt(*w),
                    height: Pt(*h),
                    mode: Some(PaintMode::Fill),
                    winding_order: Some(WindingOrder::NonZero),
                },
            });
        }
    }
    marks.close(&mut ops);
    // Text: a text section per marked-content run, glyphs absolutely positioned
    // (printpdf merges runs on a baseline into one TJ).
    let mut in_text = false;
    let mut cur_font: Option<(usize, f32)> = None;
    let mut cur_gray: Option<f32> = None;
    for c in &p.fg {
        if let Cmd::Glyph {
            face,
            size,
            x,
            y,
            gid,
            text,
            oblique,
            gray: g,
            tag,
        } = c
        {
            if marks.changes(*tag) {
                if in_text {
                    ops.push(Op::EndTextSection);
                    in_text = false;
                }
                marks.switch(&mut ops, *tag);
            }
            if !in_text {
                ops.push(Op::StartTextSection);
                in_text = true;
            }
            if cur_gray != Some(*g) {
                ops.push(Op::SetFillColor { col: gray(*g) });
                cur_gray = Some(*g);
            }
            if cur_font != Some((*face, *size)) {
                if let Some(id) = font_ids.get(face) {
                    ops.push(Op::SetFont {
                        font: PdfFontHandle::External(id.clone()),
                        size: Pt(*size),
                    });
                }
                cur_font = Some((*face, *size));
            }
            let m = if *oblique {
                TextMatrix::Raw([1.0, 0.0, 0.2, 1.0, *x, page_h - *y])
            } else {
                TextMatrix::Translate(Pt(*x), y_pdf(*y))
            };
            ops.push(Op::SetTextMatrix { matrix: m });
            ops.push(Op::ShowText {
                items: vec![TextItem::GlyphIds(vec![Codepoint {
                    gid: *gid,
                    offset: 0.0,
                    cid: Some(text.clone()),
                }])],
            });
        }
    }
    if in_text {
        ops.push(Op::EndTextSection);
    }
    marks.close(&mut ops);
    let mut cur_stroke: Option<(f32, f32, bool)> = None;
    for c in &p.fg {
        match c {
            Cmd::Line {
                x1,
                y1,
                x2,
                y2,
                w,
                gray: g,
                dotted,
                tag,
            } => {
                marks.switch(&mut ops, *tag);
                if cur_stroke != Some((*w, *g, *dotted)) {
                    ops.push(Op::SetOutlineColor { col: gray(*g) });
                    ops.push(Op::SetOutlineThickness { pt: Pt(*w) });
                    if *dotted {
                        ops.push(Op::SetLineCapStyle {
                            cap: LineCapStyle::Round,
                        });
                        ops.push(Op::SetLineDashPattern {
                            dash: LineDashPattern::new(0.0, &[0.0, 3.0]),
                        });
                    } else {
                        ops.push(Op::SetLineCapStyle {
                            cap: LineCapStyle::Butt,
                        });
                        ops.push(Op::SetLineDashPattern {
                            dash: LineDashPattern::new(0.0, &[]),
                        });
                    }
                    cur_stroke = Some((*w, *g, *dotted));
                }
                ops.push(Op::DrawLine {
                    line: Line {
                        points: vec![
                            LinePoint {
                                p: Point {
                                    x: Pt(*x1),
                                    y: y_pdf(*y1),
                                },
                                bezier: false,
                            },
                            LinePoint {
                                p: Point {
                                    x: Pt(*x2),
                                    y: y_pdf(*y2),
                                },
                                bezier: false,
                            },
                        ],
                        is_closed: false,
                    },
                });
            }
            Cmd::Link {
                x,
                y,
                w,
                h,
                page,
                dest_y,
                tag,
                contents,
            } => {
                marks.link(*tag, contents);
                ops.push(Op::LinkAnnotation {
                    link: LinkAnnotation::new(
                        Rect::from_xywh(Pt(*x), y_pdf(y + h), Pt(*w), Pt(*h)),
                        Actions::go_to(Destination::Xyz {
                            page: page + 1,
                            left: Some(0.0),
                            top: Some(page_h - dest_y + 12.0),
                            zoom: None,
                        }),
                        Some(BorderArray::Solid([0.0, 0.0, 0.0])),
                        None,
                        None,
                    ),
                });
            }
            _ => {}
        }
    }
    marks.close(&mut ops);
    ops
}

fn utf16(s: &str) -> Object {
    let mut b = vec![0xFE, 0xFF];
    for u in s.encode_utf16() {
        b.extend_from_slice(&u.to_be_bytes());
    }
    Object::String(b, StringFormat::Hexadecimal)
}

/// Outline (H1 with nested H2, in document order), page labels, /Lang.
fn postprocess(
    doc: &mut lopdf::Document,
    heads: &[HeadRec],
    body_offset: usize,
    cover_pages: usize,
    page_h: f32,
) -> lopdf::Result<()> {
    let pages: Vec<ObjectId> = doc.get_pages().values().copied().collect();
    let dest = |h: &HeadRec| -> Object {
        let pid = pages[(body_offset + h.page).min(pages.len() - 1)];
        Object::Array(vec![
            Object::Reference(pid),
            Object::Name(b"XYZ".to_vec()),
            Object::Integer(0),
            Object::Real(page_h - h.y + 12.0),
            Object::Null,
        ])
    };
    // Tree: the body's top headings with the next level nested under them.
    let base = heads.iter().map(|h| h.level).min().unwrap_or(1);
    let mut tree: Vec<(&HeadRec, Vec<&HeadRec>)> = Vec::new();
    for h in heads.iter().filter(|h| h.level <= base + 1) {
        if h.level > base {
            if let Some(last) = tree.last_mut() {
                last.1.push(h);
                continue;
            }
        }
        tree.push((h, vec![]));
    }
    let catalog_id = doc.trailer.get(b"Root")?.as_reference()?;
    if !tree.is_empty() {
        let root_id = doc.new_object_id();
        let top_ids: Vec<ObjectId> = tree.iter().map(|_| doc.new_object_id()).collect();
        let mut total = 0i64;
        for (i, (h, kids)) in tree.iter().enumerate() {
            let kid_ids: Vec<ObjectId> = kids.iter().map(|_| doc.new_object_id()).collect();
            for (j, k) in kids.iter().enumerate() {
                let mut d = Dictionary::new();
                d.set("Title", utf16(&k.text));
                d.set("Parent", Object::Reference(top_ids[i]));
                d.set("Dest", dest(k));
                if j > 0 {
                    d.set("Prev", Object::Reference(kid_ids[j - 1]));
                }
                if j + 1 < kid_ids.len() {
                    d.set("Next", Object::Reference(kid_ids[j + 1]));
                }
                doc.objects.insert(kid_ids[j], Object::Dictionary(d));
            }
            let mut d = Dictionary::new();
            d.set("Title", utf16(&h.text));
            d.set("Parent", Object::Reference(root_id));
            d.set("Dest", dest(h));
            if i > 0 {
                d.set("Prev", Object::Reference(top_ids[i - 1]));
            }
            if i + 1 < top_ids.len() {
                d.set("Next", Object::Reference(top_ids[i + 1]));
            }
            if !kid_ids.is_empty() {
                d.set("First", Object::Reference(kid_ids[0]));
                d.set("Last", Object::Reference(*kid_ids.last().unwrap()));
                d.set("Count", Object::Integer(kid_ids.len() as i64));
            }
            total += 1 + kid_ids.len() as i64;
            doc.objects.insert(top_ids[i], Object::Dictionary(d));
        }
        let mut root = Dictionary::new();
        root.set("Type", Object::Name(b"Outlines".to_vec()));
        root.set("First", Object::Reference(top_ids[0]));
        root.set("Last", Object::Reference(*top_ids.last().unwrap()));
        root.set("Count", Object::Integer(total));
        doc.objects.insert(root_id, Object::Dictionary(root));
        let cat = doc.get_object_mut(catalog_id)?.as_dict_mut()?;
        cat.set("Outlines", Object::Reference(root_id));
        cat.set("PageMode", Object::Name(b"UseOutlines".to_vec()));
    }
    let cat = doc.get_object_mut(catalog_id)?.as_dict_mut()?;
    cat.set(
        "Lang",
        Object::String(b"ja-JP".to_vec(), StringFormat::Literal),
    );
    if body_offset > 0 {
        // Viewers show the printed numbers: 表紙, i, ii (TOC), then 1, 2, 3 …
        let mut nums = Vec::new();
        if cover_pages > 0 {
            let mut d = Dictionary::new();
            d.set("P", utf16("表紙"));
            nums.push(Object::Integer(0));
            nums.push(Object::Dictionary(d));
        }
        if body_offset > cover_pages {
            let mut d = Dictionary::new();
            d.set("S", Object::Name(b"r".to_vec()));
            nums.push(Object::Integer(cover_pages as i64));
            nums.push(Object::Dictionary(d));
        }
        let mut d = Dictionary::new();
        d.set("S", Object::Name(b"D".to_vec()));
        d.set("St", Object::Integer(1));
        nums.push(Object::Integer(body_offset as i64));
        nums.push(Object::Dictionary(d));
        let mut pl = Dictionary::new();
        pl.set("Nums", Object::Array(nums));
        cat.set("PageLabels", Object::Dictionary(pl));
    }
    Ok(())
}

/// Deflate every stream that has no filter yet and may be compressed (the XMP packet stays
/// plain). lopdf's own `compress` uses the slowest level (9); level 6 made the city sample
/// 0.5 % larger (527 KB against 524 KB) and its export about 7 ms faster. The streams are shared out over the cores,
/// largest first (the font programs dominate).
fn compress_streams(lo: &mut lopdf::Document) {
    const LEVEL: u32 = 6;
    let mut streams: Vec<&mut lopdf::Stream> = lo
        .objects
        .values_mut()
        .filter_map(|o| match o {
            Object::Stream(s) if s.allows_compression && s.dict.get(b"Filter").is_err() => Some(s),
            _ => None,
        })
        .collect();
    streams.sort_by_key(|s| std::cmp::Reverse(s.content.len()));
    let n = std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(1)
        .clamp(1, 4);
    let mut buckets: Vec<(usize, Vec<&mut lopdf::Stream>)> =
        (0..n).map(|_| (0, Vec::new())).collect();
    for s in streams {
        let b = buckets
            .iter_mut()
            .min_by_key(|(load, _)| *load)
            .expect("at least one bucket");
        b.0 += s.content.len();
        b.1.push(s);
    }
    let deflate = |list: Vec<&mut lopdf::Stream>| {
        for s in list {
            let mut z = flate2::write::ZlibEncoder::new(
                Vec::with_capacity(s.content.len() / 2),
                flate2::Compression::new(LEVEL),
            );
            if std::io::Write::write_all(&mut z, &s.content).is_err() {
                continue;
            }
            let Ok(packed) = z.finish() else { continue };
            if packed.len() + 19 < s.content.len() {
                s.dict.set("Filter", "FlateDecode");
                s.set_content(packed);
            }
        }
    };
    let mut buckets = buckets
        .into_iter()
        .map(|(_, l)| l)
        .filter(|l| !l.is_empty());
    let first = buckets.next();
    std::thread::scope(|sc| {
        for l in buckets {
            sc.spawn(move || deflate(l));
        }
        if let Some(l) = first {
            deflate(l);
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stream(content: Vec<u8>) -> lopdf::Stream {
        lopdf::Stream::new(Dictionary::new(), content)
    }

    #[test]
    fn streams_are_deflated_except_the_plain_ones() {
        let text: Vec<u8> = (0..4000)
            .flat_map(|i| format!("BT /F1 10.5 Tf {i} 700 Td <0123> Tj ET\n").into_bytes())
            .collect();
        let mut doc = lopdf::Document::with_version("1.7");
        let big = doc.add_object(stream(text.clone()));
        let small = doc.add_object(stream(b"q Q".to_vec()));
        let mut xmp = stream(b"<x:xmpmeta> <x:xmpmeta> <x:xmpmeta> <x:xmpmeta>".repeat(50));
        xmp.allows_compression = false;
        let xmp = doc.add_object(xmp);
        let mut done = stream(b"already packed, already packed, already packed".repeat(40));
        done.dict.set("Filter", "DCTDecode");
        let done = doc.add_object(done);
        // More streams than cores, so every bucket gets work.
        let many: Vec<_> = (0..9)
            .map(|i| doc.add_object(stream(format!("{i} 0 0 RG ").repeat(300).into_bytes())))
            .collect();

        compress_streams(&mut doc);

        let get = |id| match doc.get_object(id).unwrap() {
            Object::Stream(s) => s.clone(),
            _ => panic!("not a stream"),
        };
        let b = get(big);
        assert_eq!(
            b.dict.get(b"Filter").unwrap().as_name().unwrap(),
            b"FlateDecode"
        );
        assert!(
            b.content.len() * 10 < text.len(),
            "{} of {}",
            b.content.len(),
            text.len()
        );
        assert_eq!(b.decompressed_content().unwrap(), text);
        // Too small to gain anything: left as it is.
        assert!(get(small).dict.get(b"Filter").is_err());
        assert_eq!(get(small).content, b"q Q");
        // The XMP packet stays readable for tools that scan for it.
        assert!(get(xmp).dict.get(b"Filter").is_err());
        // An already filtered stream is not packed twice.
        assert_eq!(
            get(done).dict.get(b"Filter").unwrap().as_name().unwrap(),
            b"DCTDecode"
        );
        for (i, id) in many.into_iter().enumerate() {
            let s = get(id);
            assert_eq!(
                s.decompressed_content().unwrap(),
                format!("{i} 0 0 RG ").repeat(300).into_bytes()
            );
        }
    }
}
