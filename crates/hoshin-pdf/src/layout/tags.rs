//! The logical structure that the layout builds beside the pages, for a tagged PDF:
//! headings, paragraphs, lists, tables, the contents, links and figures in reading
//! order. Drawing commands carry the id of the element they belong to (or
//! [`ARTIFACT`] for what is only decoration: rules, footers, repeated table headers);
//! `write` turns runs of them into marked content and the tree into /StructTreeRoot.
//!
//! Elements that hold text are leaves; containers (lists, tables, rows, the contents)
//! hold only other elements. That keeps the order of a leaf's content simply the order
//! in which it is drawn, across page breaks too.

/// The id of drawing that is not content (page furniture, rules, repeated headers).
pub(crate) const ARTIFACT: u32 = u32::MAX;

/// Standard structure types (PDF 1.7, 14.8.4) that the layout uses, spelt as the standard
/// spells them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[allow(clippy::upper_case_acronyms)]
pub(crate) enum Role {
    Document,
    /// A section (a column of the 概要版).
    Sect,
    /// H1–H6.
    H(u8),
    P,
    L,
    LI,
    Lbl,
    LBody,
    BlockQuote,
    Table,
    TR,
    /// A header cell; its scope is the column.
    TH,
    TD,
    TOC,
    TOCI,
    Link,
    Figure,
}

impl Role {
    pub(crate) fn name(self) -> &'static str {
        match self {
            Role::Document => "Document",
            Role::Sect => "Sect",
            Role::H(1) => "H1",
            Role::H(2) => "H2",
            Role::H(3) => "H3",
            Role::H(4) => "H4",
            Role::H(5) => "H5",
            Role::H(_) => "H6",
            Role::P => "P",
            Role::L => "L",
            Role::LI => "LI",
            Role::Lbl => "Lbl",
            Role::LBody => "LBody",
            Role::BlockQuote => "BlockQuote",
            Role::Table => "Table",
            Role::TR => "TR",
            Role::TH => "TH",
            Role::TD => "TD",
            Role::TOC => "TOC",
            Role::TOCI => "TOCI",
            Role::Link => "Link",
            Role::Figure => "Figure",
        }
    }

    /// Elements kept even when nothing was drawn in them (an empty table cell still
    /// holds its place in the row).
    fn kept_empty(self) -> bool {
        matches!(self, Role::TH | Role::TD)
    }
}

#[derive(Clone, Debug)]
pub(crate) struct Node {
    pub role: Role,
    pub parent: u32,
    pub kids: Vec<u32>,
    /// Alternative text (figures).
    pub alt: Option<String>,
}

/// The element tree of one engine's pages; node 0 is the root.
#[derive(Clone, Debug)]
pub(crate) struct Tree {
    pub nodes: Vec<Node>,
}

impl Default for Tree {
    fn default() -> Self {
        Tree {
            nodes: vec![Node {
                role: Role::Document,
                parent: 0,
                kids: vec![],
                alt: None,
            }],
        }
    }
}

impl Tree {
    pub(crate) fn add(&mut self, parent: u32, role: Role) -> u32 {
        let id = self.nodes.len() as u32;
        self.nodes.push(Node {
            role,
            parent,
            kids: vec![],
            alt: None,
        });
        self.nodes[parent as usize].kids.push(id);
        id
    }

    /// Moves the elements of `other` under this root, after those already there;
    /// returns the offset to add to `other`'s ids (its root maps to this root).
    pub(crate) fn graft(&mut self, other: &Tree) -> u32 {
        let offset = self.nodes.len() as u32 - 1;
        let map = |id: u32| if id == 0 { 0 } else { id + offset };
        for n in &other.nodes[1..] {
            self.nodes.push(Node {
                role: n.role,
                parent: map(n.parent),
                kids: n.kids.iter().map(|k| map(*k)).collect(),
                alt: n.alt.clone(),
            });
        }
        let root_kids: Vec<u32> = other.nodes[0].kids.iter().map(|k| map(*k)).collect();
        self.nodes[0].kids.extend(root_kids);
        offset
    }

    /// Heading levels as the reader meets them: the cover title (drawn as `H(0)`) is
    /// H1, and the body's top level (`base`) follows it as H2, or is H1 without a title.
    pub(crate) fn settle_headings(&mut self, base: u8, titled: bool) {
        for n in &mut self.nodes {
            if let Role::H(l) = n.role {
                let level = if l == 0 {
                    1
                } else {
                    l.saturating_sub(base) + 1 + u8::from(titled)
                };
                n.role = Role::H(level.clamp(1, 6));
            }
        }
    }

    /// Which nodes to write: those with content (`has_content[id]`), their ancestors,
    /// and table cells (kept even when empty, inside a row that has content).
    pub(crate) fn keep(&self, has_content: &[bool]) -> Vec<bool> {
        fn walk(t: &Tree, id: u32, has: &[bool], keep: &mut [bool]) -> bool {
            let mut any = has.get(id as usize).copied().unwrap_or(false);
            for k in &t.nodes[id as usize].kids {
                any |= walk(t, *k, has, keep);
            }
            keep[id as usize] = any;
            any
        }
        let mut keep = vec![false; self.nodes.len()];
        walk(self, 0, has_content, &mut keep);
        keep[0] = true;
        for (i, n) in self.nodes.iter().enumerate() {
            if n.role.kept_empty() && keep[n.parent as usize] {
                keep[i] = true;
            }
        }
        keep
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn graft_appends_under_the_root_in_order() {
        let mut a = Tree::default();
        let h = a.add(0, Role::H(1));
        let mut b = Tree::default();
        let l = b.add(0, Role::L);
        let li = b.add(l, Role::LI);
        let off = a.graft(&b);
        assert_eq!(a.nodes[0].kids, vec![h, l + off]);
        assert_eq!(a.nodes[(li + off) as usize].parent, l + off);
        assert_eq!(a.nodes[(l + off) as usize].kids, vec![li + off]);
    }

    #[test]
    fn empty_elements_are_dropped_but_empty_cells_stay() {
        let mut t = Tree::default();
        let table = t.add(0, Role::Table);
        let tr = t.add(table, Role::TR);
        let a = t.add(tr, Role::TD);
        let b = t.add(tr, Role::TD);
        let l = t.add(0, Role::L);
        let mut has = vec![false; t.nodes.len()];
        has[a as usize] = true;
        let keep = t.keep(&has);
        assert!(keep[table as usize] && keep[tr as usize] && keep[a as usize]);
        assert!(keep[b as usize], "an empty cell keeps its place");
        assert!(!keep[l as usize], "a list with nothing drawn is left out");
    }
}
