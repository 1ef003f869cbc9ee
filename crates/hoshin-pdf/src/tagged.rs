//! Tagged PDF (PDF/UA-1): the layout's structure tree written as /StructTreeRoot,
//! every drawn thing inside marked content (an MCID of its element, or /Artifact),
//! link annotations tied to their Link elements with a description, and the catalogue
//! entries that say so (/MarkInfo, /Lang, DisplayDocTitle, XMP with `pdfuaid:part`).
//!
//! [`Marks`] runs beside `write::page_ops`, opening and closing marked content as the
//! element of the drawing changes and remembering which MCID went to which element;
//! [`finish`] then writes the tree into the lopdf document.

use lopdf::{Dictionary, Object, ObjectId, Stream, StringFormat};
use printpdf::{DictItem, Op};

use crate::layout::{Role, Tree, ARTIFACT};
use crate::PdfOptions;

/// Marked content per page, and which element each piece belongs to.
pub(crate) struct Marks<'t> {
    tree: &'t Tree,
    on: bool,
    page: usize,
    open: Option<u32>,
    /// Per page: the element of each MCID (the index).
    page_mcids: Vec<Vec<u32>>,
    /// Per element: its marked content, as (page, MCID), in drawing order.
    node_mcrs: Vec<Vec<(usize, i64)>>,
    /// Per page: the element and description of each link annotation, in order.
    links: Vec<Vec<(u32, String)>>,
}

impl<'t> Marks<'t> {
    pub(crate) fn new(tree: &'t Tree, on: bool) -> Self {
        Marks {
            tree,
            on,
            page: 0,
            open: None,
            page_mcids: vec![],
            node_mcrs: vec![vec![]; tree.nodes.len()],
            links: vec![],
        }
    }

    pub(crate) fn start_page(&mut self) {
        self.page = self.page_mcids.len();
        self.page_mcids.push(vec![]);
        self.links.push(vec![]);
        self.open = None;
    }

    /// Whether drawing for `tag` needs a new marked-content sequence.
    pub(crate) fn changes(&self, tag: u32) -> bool {
        self.on && self.open != Some(tag)
    }

    /// Makes `tag` the open sequence (closing the one before).
    pub(crate) fn switch(&mut self, ops: &mut Vec<Op>, tag: u32) {
        if !self.changes(tag) {
            return;
        }
        self.close(ops);
        if tag == ARTIFACT || tag as usize >= self.tree.nodes.len() {
            ops.push(Op::BeginMarkedContent {
                tag: "Artifact".into(),
            });
        } else {
            let mcid = self.page_mcids[self.page].len() as i64;
            self.page_mcids[self.page].push(tag);
            self.node_mcrs[tag as usize].push((self.page, mcid));
            let mut map = std::collections::BTreeMap::new();
            map.insert("MCID".to_string(), DictItem::Int(mcid));
            ops.push(Op::BeginMarkedContentWithProperties {
                tag: self.tree.nodes[tag as usize].role.name().into(),
                properties: DictItem::Dict { map },
            });
        }
        self.open = Some(tag);
    }

    pub(crate) fn close(&mut self, ops: &mut Vec<Op>) {
        if self.open.take().is_some() {
            ops.push(Op::EndMarkedContent);
        }
    }

    /// A link annotation on the current page (in the order printpdf writes them).
    pub(crate) fn link(&mut self, tag: u32, contents: &str) {
        if self.on {
            self.links[self.page].push((tag, contents.to_string()));
        }
    }
}

fn utf16(s: &str) -> Object {
    let mut b = vec![0xFE, 0xFF];
    for u in s.encode_utf16() {
        b.extend_from_slice(&u.to_be_bytes());
    }
    Object::String(b, StringFormat::Hexadecimal)
}

fn name(s: &str) -> Object {
    Object::Name(s.as_bytes().to_vec())
}

fn xml_escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// XMP with the title, author, language and the PDF/UA identification.
fn xmp(opts: &PdfOptions) -> String {
    let mut s = String::from(
        "<?xpacket begin=\"\u{feff}\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n\
         <x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n\
         <rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n\
         <rdf:Description rdf:about=\"\" \
         xmlns:dc=\"http://purl.org/dc/elements/1.1/\" \
         xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\" \
         xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\" \
         xmlns:pdfuaid=\"http://www.aiim.org/pdfua/ns/id/\">\n\
         <dc:format>application/pdf</dc:format>\n",
    );
    s.push_str(&format!(
        "<dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">{}</rdf:li></rdf:Alt></dc:title>\n",
        xml_escape(&opts.title)
    ));
    if !opts.author.is_empty() {
        s.push_str(&format!(
            "<dc:creator><rdf:Seq><rdf:li>{}</rdf:li></rdf:Seq></dc:creator>\n",
            xml_escape(&opts.author)
        ));
    }
    if !opts.subject.is_empty() {
        s.push_str(&format!(
            "<dc:description><rdf:Alt><rdf:li xml:lang=\"x-default\">{}</rdf:li></rdf:Alt></dc:description>\n",
            xml_escape(&opts.subject)
        ));
    }
    s.push_str(
        "<dc:language><rdf:Bag><rdf:li>ja-JP</rdf:li></rdf:Bag></dc:language>\n\
         <pdf:Producer>Hoshin PDF (printpdf)</pdf:Producer>\n\
         <xmp:CreatorTool>Hoshin</xmp:CreatorTool>\n\
         <pdfuaid:part>1</pdfuaid:part>\n\
         </rdf:Description>\n</rdf:RDF>\n</x:xmpmeta>\n<?xpacket end=\"w\"?>",
    );
    s
}

/// Writes the structure tree, ties the link annotations to it, and marks the document
/// as tagged.
pub(crate) fn finish(
    doc: &mut lopdf::Document,
    tree: &Tree,
    marks: &Marks,
    opts: &PdfOptions,
) -> lopdf::Result<()> {
    let pages: Vec<ObjectId> = doc.get_pages().values().copied().collect();
    let n = tree.nodes.len();

    // Link annotations become objects of their own, described, with a StructParent
    // key after the pages' keys.
    let mut objrs: Vec<Vec<(usize, ObjectId)>> = vec![vec![]; n];
    let mut annot_keys: Vec<(i64, u32)> = Vec::new();
    let mut next_key = pages.len() as i64;
    for (i, pid) in pages.iter().enumerate() {
        let annots: Vec<Object> = match doc.get_object(*pid)?.as_dict()?.get(b"Annots") {
            Ok(Object::Array(a)) => a.clone(),
            _ => vec![],
        };
        let links = marks.links.get(i).map(Vec::as_slice).unwrap_or(&[]);
        let mut refs = Vec::with_capacity(annots.len());
        for (k, a) in annots.into_iter().enumerate() {
            let Object::Dictionary(mut d) = a else {
                refs.push(a);
                continue;
            };
            d.set("P", Object::Reference(*pid));
            if let Some((tag, contents)) = links.get(k) {
                d.set("Contents", utf16(contents));
                d.set("StructParent", Object::Integer(next_key));
                let id = doc.add_object(Object::Dictionary(d));
                objrs[*tag as usize].push((i, id));
                annot_keys.push((next_key, *tag));
                next_key += 1;
                refs.push(Object::Reference(id));
            } else {
                refs.push(Object::Reference(doc.add_object(Object::Dictionary(d))));
            }
        }
        let page = doc.get_object_mut(*pid)?.as_dict_mut()?;
        if !refs.is_empty() {
            page.set("Annots", Object::Array(refs));
        }
        page.set("StructParents", Object::Integer(i as i64));
        page.set("Tabs", name("S"));
    }

    let has: Vec<bool> = (0..n)
        .map(|i| !marks.node_mcrs[i].is_empty() || !objrs[i].is_empty())
        .collect();
    let keep = tree.keep(&has);
    let ids: Vec<Option<ObjectId>> = keep
        .iter()
        .map(|k| k.then(|| doc.new_object_id()))
        .collect();
    let root_id = doc.new_object_id();
    let parent_tree_id = doc.new_object_id();
    for (i, node) in tree.nodes.iter().enumerate() {
        let Some(id) = ids[i] else { continue };
        let mut d = Dictionary::new();
        d.set("Type", name("StructElem"));
        d.set("S", name(node.role.name()));
        let parent = if i == 0 {
            root_id
        } else {
            ids[node.parent as usize].unwrap_or(root_id)
        };
        d.set("P", Object::Reference(parent));
        let mut kids: Vec<Object> = node
            .kids
            .iter()
            .filter_map(|k| ids[*k as usize].map(Object::Reference))
            .collect();
        let first_page = marks.node_mcrs[i].first().map(|(p, _)| *p);
        for (page, mcid) in &marks.node_mcrs[i] {
            if Some(*page) == first_page {
                // On the element's own page (/Pg) an MCID stands for itself.
                kids.push(Object::Integer(*mcid));
                continue;
            }
            let mut m = Dictionary::new();
            m.set("Type", name("MCR"));
            m.set("Pg", Object::Reference(pages[*page]));
            m.set("MCID", Object::Integer(*mcid));
            kids.push(Object::Dictionary(m));
        }
        for (page, annot) in &objrs[i] {
            let mut m = Dictionary::new();
            m.set("Type", name("OBJR"));
            m.set("Pg", Object::Reference(pages[*page]));
            m.set("Obj", Object::Reference(*annot));
            kids.push(Object::Dictionary(m));
        }
        if let Some(page) = first_page {
            d.set("Pg", Object::Reference(pages[page]));
        }
        match kids.len() {
            0 => {}
            1 => d.set("K", kids.pop().unwrap_or(Object::Null)),
            _ => d.set("K", Object::Array(kids)),
        }
        if let Some(alt) = &node.alt {
            d.set("Alt", utf16(alt));
        }
        if node.role == Role::TH {
            let mut a = Dictionary::new();
            a.set("O", name("Table"));
            a.set("Scope", name("Column"));
            d.set("A", Object::Dictionary(a));
        }
        doc.objects.insert(id, Object::Dictionary(d));
    }

    // Parent tree: each page's MCIDs to their elements, then each annotation's key.
    let mut nums = Vec::new();
    for (i, mcids) in marks.page_mcids.iter().enumerate() {
        nums.push(Object::Integer(i as i64));
        nums.push(Object::Array(
            mcids
                .iter()
                .map(|t| {
                    ids[*t as usize]
                        .map(Object::Reference)
                        .unwrap_or(Object::Null)
                })
                .collect(),
        ));
    }
    for (key, tag) in &annot_keys {
        if let Some(id) = ids[*tag as usize] {
            nums.push(Object::Integer(*key));
            nums.push(Object::Reference(id));
        }
    }
    let mut pt = Dictionary::new();
    pt.set("Nums", Object::Array(nums));
    doc.objects.insert(parent_tree_id, Object::Dictionary(pt));

    let mut root = Dictionary::new();
    root.set("Type", name("StructTreeRoot"));
    if let Some(doc_id) = ids[0] {
        root.set("K", Object::Array(vec![Object::Reference(doc_id)]));
    }
    root.set("ParentTree", Object::Reference(parent_tree_id));
    root.set("ParentTreeNextKey", Object::Integer(next_key));
    doc.objects.insert(root_id, Object::Dictionary(root));

    let mut meta = Stream::new(
        {
            let mut d = Dictionary::new();
            d.set("Type", name("Metadata"));
            d.set("Subtype", name("XML"));
            d
        },
        xmp(opts).into_bytes(),
    );
    // Left uncompressed so that tools that look for the packet find it.
    meta.allows_compression = false;
    let meta_id = doc.add_object(Object::Stream(meta));

    let catalog_id = doc.trailer.get(b"Root")?.as_reference()?;
    let cat = doc.get_object_mut(catalog_id)?.as_dict_mut()?;
    cat.set("StructTreeRoot", Object::Reference(root_id));
    let mut mi = Dictionary::new();
    mi.set("Marked", Object::Boolean(true));
    cat.set("MarkInfo", Object::Dictionary(mi));
    let mut vp = Dictionary::new();
    vp.set("DisplayDocTitle", Object::Boolean(true));
    cat.set("ViewerPreferences", Object::Dictionary(vp));
    cat.set("Metadata", Object::Reference(meta_id));
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn xmp_escapes_the_title_and_names_pdf_ua() {
        let x = xmp(&PdfOptions {
            title: "A&B <案>".into(),
            ..Default::default()
        });
        assert!(x.contains("A&amp;B &lt;案&gt;"));
        assert!(x.contains("<pdfuaid:part>1</pdfuaid:part>"));
    }
}
