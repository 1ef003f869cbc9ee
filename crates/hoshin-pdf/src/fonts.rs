//! Discovery and one-time parsing of Japanese fonts.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock};

use rust_fontconfig::FontBytes;

use crate::PdfError;

/// What a font file is used for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Kind {
    Serif,
    Sans,
    Symbol,
}

/// A known font file name (lower case) and how to pick the face inside a collection.
struct Known {
    file: &'static str,
    kind: Kind,
    /// The face's names must contain one of these (lower case), if any.
    include: &'static [&'static str],
    /// … and none of these.
    exclude: &'static [&'static str],
}

const fn k(
    file: &'static str,
    kind: Kind,
    include: &'static [&'static str],
    exclude: &'static [&'static str],
) -> Known {
    Known {
        file,
        kind,
        include,
        exclude,
    }
}

/// Body (明朝) candidates in the documented order.
const MINCHO: &[Known] = &[
    k("bizudmincho-regular.ttf", Kind::Serif, &[], &[]),
    k("biz-udminchom.ttc", Kind::Serif, &[], &["udp"]),
    k("yumin.ttf", Kind::Serif, &[], &[]),
    k("yuminm.ttf", Kind::Serif, &[], &[]),
    k("yumindb.ttf", Kind::Serif, &[], &[]),
    k("ipaexm.ttf", Kind::Serif, &[], &[]),
    k("notoserifcjk-regular.ttc", Kind::Serif, &[" jp"], &[]),
    k("notoserifcjkjp-regular.otf", Kind::Serif, &[], &[]),
    k("notoserifjp-regular.otf", Kind::Serif, &[], &[]),
    k("notoserifjp-regular.ttf", Kind::Serif, &[], &[]),
    k("ipam.ttf", Kind::Serif, &[], &[]),
    k("msmincho.ttc", Kind::Serif, &[], &["pmincho", "p明朝"]),
];

/// Heading (ゴシック) candidates in the documented order.
const GOTHIC: &[Known] = &[
    k("bizudgothic-regular.ttf", Kind::Sans, &[], &[]),
    k("biz-udgothicr.ttc", Kind::Sans, &[], &["udp"]),
    k("yugothm.ttc", Kind::Sans, &[], &[" ui"]),
    k("yugothr.ttc", Kind::Sans, &[], &[" ui"]),
    k("yugothic-medium.otf", Kind::Sans, &[], &[]),
    k("ipaexg.ttf", Kind::Sans, &[], &[]),
    k("notosanscjk-regular.ttc", Kind::Sans, &[" jp"], &["mono"]),
    k("notosanscjkjp-regular.otf", Kind::Sans, &[], &[]),
    k("notosansjp-regular.otf", Kind::Sans, &[], &[]),
    k("notosansjp-regular.ttf", Kind::Sans, &[], &[]),
    k("ipag.ttf", Kind::Sans, &[], &[]),
    k(
        "msgothic.ttc",
        Kind::Sans,
        &[],
        &["pgothic", " ui", "pゴシック"],
    ),
];

/// Fallback order: the widest coverage first (Noto CJK has 𠮷 and thousands of IVS),
/// then the other Japanese fonts, then symbol/emoji fonts.
const FALLBACK: &[Known] = &[
    k("notoserifcjk-regular.ttc", Kind::Serif, &[" jp"], &[]),
    k("notosanscjk-regular.ttc", Kind::Sans, &[" jp"], &["mono"]),
    k("notoserifcjkjp-regular.otf", Kind::Serif, &[], &[]),
    k("notosanscjkjp-regular.otf", Kind::Sans, &[], &[]),
    k("ipaexm.ttf", Kind::Serif, &[], &[]),
    k("ipaexg.ttf", Kind::Sans, &[], &[]),
    k("ipamjm.ttf", Kind::Serif, &[], &[]),
    k("yumin.ttf", Kind::Serif, &[], &[]),
    k("yugothm.ttc", Kind::Sans, &[], &[" ui"]),
    k("bizudmincho-regular.ttf", Kind::Serif, &[], &[]),
    k("biz-udminchom.ttc", Kind::Serif, &[], &["udp"]),
    k("bizudgothic-regular.ttf", Kind::Sans, &[], &[]),
    k("biz-udgothicr.ttc", Kind::Sans, &[], &["udp"]),
    k("ipam.ttf", Kind::Serif, &[], &[]),
    k("ipag.ttf", Kind::Sans, &[], &[]),
    k("msmincho.ttc", Kind::Serif, &[], &["pmincho", "p明朝"]),
    k(
        "msgothic.ttc",
        Kind::Sans,
        &[],
        &["pgothic", " ui", "pゴシック"],
    ),
    k("seguiemj.ttf", Kind::Symbol, &[], &[]),
    k("seguisym.ttf", Kind::Symbol, &[], &[]),
    k("notosanssymbols2-regular.ttf", Kind::Symbol, &[], &[]),
    k("dejavusans.ttf", Kind::Symbol, &[], &[]),
    k("symbola.ttf", Kind::Symbol, &[], &[]),
];

/// A parsed face: file bytes, the face index, and printpdf's parsed font (for embedding).
pub(crate) struct LoadedFace {
    pub label: String,
    pub path: PathBuf,
    pub index: u32,
    /// The file's bytes, read once and shared with printpdf's parse (no second copy).
    pub data: Arc<FontBytes>,
    /// printpdf's parse: done once, on first use. Glyph outlines (loca/glyf) are read
    /// lazily, only for the glyphs a document uses.
    pdf: OnceLock<Option<printpdf::ParsedFont>>,
}

impl LoadedFace {
    pub fn face(&self) -> Option<ttf_parser::Face<'_>> {
        ttf_parser::Face::parse(self.data.as_slice(), self.index).ok()
    }

    pub fn pdf_font(&self) -> Option<&printpdf::ParsedFont> {
        self.pdf
            .get_or_init(|| {
                let mut w = Vec::new();
                printpdf::AzulParsedFont::from_bytes_shared(
                    self.data.clone(),
                    self.index as usize,
                    &mut w,
                )
                .map(printpdf::ParsedFont::from_azul)
            })
            .as_ref()
    }

    fn describe(&self) -> String {
        if self.index > 0
            || self
                .path
                .extension()
                .is_some_and(|e| e.eq_ignore_ascii_case("ttc"))
        {
            format!("{} ({}#{})", self.label, self.path.display(), self.index)
        } else {
            format!("{} ({})", self.label, self.path.display())
        }
    }
}

/// A fallback font: located at discovery, read and parsed only when a character needs it.
pub(crate) struct FallbackSlot {
    path: PathBuf,
    source: Source,
    include: &'static [&'static str],
    exclude: &'static [&'static str],
    pub kind: Kind,
    loaded: OnceLock<Option<Arc<LoadedFace>>>,
}

impl FallbackSlot {
    pub fn get(&self) -> Option<&Arc<LoadedFace>> {
        self.loaded
            .get_or_init(|| {
                load_face(&self.path, self.source, self.include, self.exclude, false)
                    .ok()
                    .map(Arc::new)
            })
            .as_ref()
    }
}

/// The fonts used for rendering, discovered and parsed once.
pub struct Fonts {
    pub(crate) mincho: Arc<LoadedFace>,
    pub(crate) gothic: Arc<LoadedFace>,
    pub(crate) fallbacks: Vec<FallbackSlot>,
}

impl std::fmt::Debug for Fonts {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.describe())
    }
}

fn font_ext(p: &Path) -> bool {
    p.extension().and_then(|e| e.to_str()).is_some_and(|e| {
        matches!(
            e.to_ascii_lowercase().as_str(),
            "ttf" | "otf" | "ttc" | "otc"
        )
    })
}

/// Index of font files by lower-case file name; the first directory wins.
fn scan_dirs(dirs: &[PathBuf]) -> HashMap<String, PathBuf> {
    let mut map = HashMap::new();
    for d in dirs {
        scan_dir(d, 0, &mut map);
    }
    map
}

fn scan_dir(dir: &Path, depth: usize, map: &mut HashMap<String, PathBuf>) {
    if depth > 5 {
        return;
    }
    let Ok(rd) = std::fs::read_dir(dir) else {
        return;
    };
    let mut entries: Vec<_> = rd.flatten().map(|e| e.path()).collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            scan_dir(&p, depth + 1, map);
        } else if font_ext(&p) {
            if let Some(name) = p.file_name().and_then(|n| n.to_str()) {
                map.entry(name.to_lowercase()).or_insert(p);
            }
        }
    }
}

/// Platform font directories, most specific first.
fn system_font_dirs() -> Vec<PathBuf> {
    let mut v = Vec::new();
    let env = |k: &str| {
        std::env::var_os(k)
            .filter(|s| !s.is_empty())
            .map(PathBuf::from)
    };
    if cfg!(windows) {
        let windir = env("WINDIR")
            .or_else(|| env("SystemRoot"))
            .unwrap_or_else(|| PathBuf::from(r"C:\Windows"));
        v.push(windir.join("Fonts"));
        if let Some(l) = env("LOCALAPPDATA") {
            v.push(l.join(r"Microsoft\Windows\Fonts"));
        }
    } else if cfg!(target_os = "macos") {
        if let Some(h) = env("HOME") {
            v.push(h.join("Library/Fonts"));
        }
        v.push(PathBuf::from("/Library/Fonts"));
        v.push(PathBuf::from("/System/Library/Fonts"));
    } else {
        if let Some(x) = env("XDG_DATA_HOME") {
            v.push(x.join("fonts"));
        }
        if let Some(h) = env("HOME") {
            v.push(h.join(".local/share/fonts"));
            v.push(h.join(".fonts"));
        }
        v.push(PathBuf::from("/usr/local/share/fonts"));
        v.push(PathBuf::from("/usr/share/fonts"));
    }
    v
}

fn face_names(face: &ttf_parser::Face) -> String {
    let mut s = String::new();
    for n in face.names() {
        if matches!(
            n.name_id,
            ttf_parser::name_id::FAMILY
                | ttf_parser::name_id::TYPOGRAPHIC_FAMILY
                | ttf_parser::name_id::FULL_NAME
        ) {
            if let Some(t) = n.to_string() {
                s.push_str(&t.to_lowercase());
                s.push('|');
            }
        }
    }
    s
}

fn family_label(face: &ttf_parser::Face) -> String {
    let mut en = None;
    let mut any = None;
    for n in face.names() {
        if n.name_id == ttf_parser::name_id::FAMILY
            || n.name_id == ttf_parser::name_id::TYPOGRAPHIC_FAMILY
        {
            if let Some(t) = n.to_string() {
                if n.language_id == 0x0409 && en.is_none() {
                    en = Some(t);
                } else if any.is_none() {
                    any = Some(t);
                }
            }
        }
    }
    en.or(any).unwrap_or_else(|| "?".into())
}

/// Where a font file comes from, which decides how its bytes are held.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Source {
    /// Found in the system or user font folders: installed fonts are replaced whole by
    /// installers (a new file), never rewritten in place, so the file is mapped and only
    /// the pages a document touches are read (two 5 MB BIZ UD files per export).
    Installed,
    /// The override folder or file (`HOSHIN_PDF_FONT_DIR`): any file a user may copy over
    /// while the app runs, so it is read into memory.
    Chosen,
}

fn font_bytes(path: &Path, source: Source) -> Result<Arc<FontBytes>, String> {
    let file = std::fs::File::open(path).map_err(|e| format!("ファイルを読めません（{e}）"))?;
    if source == Source::Installed {
        // SAFETY: the mapping is read-only and the file is an installed font (see
        // `Source::Installed`); fontconfig, browsers and rust-fontconfig map fonts the
        // same way. A failed map falls back to reading.
        if let Ok(m) = unsafe { mmapio::MmapOptions::new().map(&file) } {
            return Ok(Arc::new(FontBytes::Mmapped(m)));
        }
    }
    let mut data = Vec::new();
    std::io::Read::read_to_end(&mut &file, &mut data)
        .map_err(|e| format!("ファイルを読めません（{e}）"))?;
    Ok(Arc::new(FontBytes::Owned(Arc::from(data))))
}

/// Read a font file and pick the face (collections: by name).
fn load_face(
    path: &Path,
    source: Source,
    include: &[&str],
    exclude: &[&str],
    need_japanese: bool,
) -> Result<LoadedFace, String> {
    let data = font_bytes(path, source)?;
    let count = ttf_parser::fonts_in_collection(data.as_slice())
        .unwrap_or(1)
        .max(1);
    let mut chosen: Option<(u32, String)> = None;
    let mut first_ok: Option<(u32, String)> = None;
    for i in 0..count {
        let Ok(face) = ttf_parser::Face::parse(data.as_slice(), i) else {
            continue;
        };
        if need_japanese && !(face.glyph_index('あ').is_some() && face.glyph_index('漢').is_some())
        {
            continue;
        }
        let names = face_names(&face);
        let label = family_label(&face);
        if first_ok.is_none() {
            first_ok = Some((i, label.clone()));
        }
        let inc = include.is_empty() || include.iter().any(|s| names.contains(s));
        let exc = exclude.iter().any(|s| names.contains(s));
        if inc && !exc {
            chosen = Some((i, label));
            break;
        }
    }
    let (index, label) = chosen.or(first_ok).ok_or_else(|| {
        if need_japanese {
            "日本語の文字（かな・漢字）を含みません".to_string()
        } else {
            "フォントとして読み込めません".to_string()
        }
    })?;
    Ok(LoadedFace {
        label,
        path: path.to_path_buf(),
        index,
        data,
        pdf: OnceLock::new(),
    })
}

fn no_font_error(searched: &[PathBuf]) -> PdfError {
    let dirs = searched
        .iter()
        .map(|p| p.display().to_string())
        .collect::<Vec<_>>()
        .join(", ");
    PdfError::NoJapaneseFont { searched: dirs }
}

impl Fonts {
    /// Discover installed Japanese fonts in this documented order: BIZ UD明朝/BIZ UDゴシック
    /// (Debian `fonts-morisawa-bizud-*`; Windows `C:\Windows\Fonts\BIZ-UD*`), 游明朝/游ゴシック
    /// (Windows `yumin.ttf` / `YuGothM.ttc`), IPAex明朝/ゴシック (`fonts-ipaexfont`), Noto Serif/Sans
    /// CJK JP (`fonts-noto-cjk` `.ttc`, the JP face). TTF, OTF and TTC.
    ///
    /// `override_path` (a folder or a font file, e.g. from `HOSHIN_PDF_FONT_DIR`) is tried
    /// first. A fallback chain of other installed fonts with wider coverage (Noto CJK first)
    /// serves characters the body font lacks; those are read only when needed.
    pub fn discover(override_path: Option<&Path>) -> Result<Fonts, PdfError> {
        Self::discover_in(override_path, system_font_dirs())
    }

    fn discover_in(override_path: Option<&Path>, sys: Vec<PathBuf>) -> Result<Fonts, PdfError> {
        let mut dirs = Vec::new();
        let mut override_file: Option<PathBuf> = None;
        let mut override_dir_files: Vec<PathBuf> = Vec::new();
        if let Some(p) = override_path {
            if p.is_file() {
                override_file = Some(p.to_path_buf());
            } else if p.is_dir() {
                dirs.push(p.to_path_buf());
                let mut m = HashMap::new();
                scan_dir(p, 0, &mut m);
                override_dir_files = m.into_values().collect();
                override_dir_files.sort();
            } else {
                return Err(PdfError::FontOverride {
                    path: p.display().to_string(),
                    reason: "見つかりません".into(),
                });
            }
        }
        dirs.extend(sys.iter().cloned());
        let index = scan_dirs(&dirs);

        let source_of = |p: &PathBuf| {
            if override_dir_files.contains(p) {
                Source::Chosen
            } else {
                Source::Installed
            }
        };
        let find = |list: &[Known]| -> Option<LoadedFace> {
            for kf in list {
                if let Some(p) = index.get(kf.file) {
                    if let Ok(f) = load_face(p, source_of(p), kf.include, kf.exclude, true) {
                        return Some(f);
                    }
                }
            }
            None
        };

        let mut mincho: Option<LoadedFace> = None;
        let mut gothic: Option<LoadedFace> = None;
        if let Some(f) = &override_file {
            let face = load_face(f, Source::Chosen, &[], &[], true).map_err(|reason| {
                PdfError::FontOverride {
                    path: f.display().to_string(),
                    reason,
                }
            })?;
            mincho = Some(face);
        } else if let Some(dir) = override_path {
            // Known names inside the override folder win (the index is ordered); an unknown
            // font file there becomes the body font.
            let known_in_dir = |list: &[Known]| {
                list.iter().any(|kf| {
                    index
                        .get(kf.file)
                        .is_some_and(|p| override_dir_files.contains(p))
                })
            };
            if !known_in_dir(MINCHO) && !known_in_dir(GOTHIC) {
                for p in &override_dir_files {
                    if let Ok(face) = load_face(p, Source::Chosen, &[], &[], true) {
                        mincho = Some(face);
                        break;
                    }
                }
                if mincho.is_none() {
                    return Err(PdfError::FontOverride {
                        path: dir.display().to_string(),
                        reason: "日本語フォント（TTF・OTF・TTC）が見つかりません".into(),
                    });
                }
            }
        }
        if mincho.is_none() {
            mincho = find(MINCHO);
        }
        if gothic.is_none() {
            gothic = find(GOTHIC);
        }
        let (mincho, gothic) = match (mincho, gothic) {
            (Some(m), Some(g)) => (Arc::new(m), Arc::new(g)),
            (Some(m), None) => {
                let m = Arc::new(m);
                (m.clone(), m)
            }
            (None, Some(g)) => {
                let g = Arc::new(g);
                (g.clone(), g)
            }
            (None, None) => return Err(no_font_error(&sys)),
        };
        // Parse the two primary faces for embedding now (fails loudly rather than at render).
        for f in [&mincho, &gothic] {
            if f.pdf_font().is_none() {
                return Err(PdfError::FontLoad {
                    path: f.path.display().to_string(),
                    reason: "PDF に埋め込めない形式です".into(),
                });
            }
        }
        let mut fallbacks = Vec::new();
        let mut seen: Vec<PathBuf> = vec![mincho.path.clone(), gothic.path.clone()];
        for kf in FALLBACK {
            if let Some(p) = index.get(kf.file) {
                if seen.contains(p) {
                    continue;
                }
                seen.push(p.clone());
                fallbacks.push(FallbackSlot {
                    path: p.clone(),
                    source: source_of(p),
                    include: kf.include,
                    exclude: kf.exclude,
                    kind: kf.kind,
                    loaded: OnceLock::new(),
                });
            }
        }
        Ok(Fonts {
            mincho,
            gothic,
            fallbacks,
        })
    }

    /// Process-wide cache: discovered once (honouring `HOSHIN_PDF_FONT_DIR`), then reused.
    /// A failure is not cached, so installing a font and retrying works without a restart.
    pub fn shared() -> Result<&'static Fonts, PdfError> {
        static CELL: OnceLock<Fonts> = OnceLock::new();
        static LOCK: Mutex<()> = Mutex::new(());
        if let Some(f) = CELL.get() {
            return Ok(f);
        }
        let _g = LOCK.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(f) = CELL.get() {
            return Ok(f);
        }
        let ov = std::env::var_os("HOSHIN_PDF_FONT_DIR")
            .filter(|s| !s.is_empty())
            .map(PathBuf::from);
        let fonts = Fonts::discover(ov.as_deref())?;
        Ok(CELL.get_or_init(|| fonts))
    }

    /// Which files are used, for messages (one line per role).
    pub fn describe(&self) -> String {
        let mut s = format!(
            "本文（明朝）: {}\n見出し（ゴシック）: {}",
            self.mincho.describe(),
            self.gothic.describe()
        );
        if !self.fallbacks.is_empty() {
            let list = self
                .fallbacks
                .iter()
                .map(|f| match f.loaded.get() {
                    Some(Some(l)) => l.describe(),
                    _ => f.path.display().to_string(),
                })
                .collect::<Vec<_>>()
                .join(", ");
            s.push_str(&format!(
                "\n代替フォント（本文フォントにない文字用）: {list}"
            ));
        }
        s
    }

    /// Fallback order for a style (indices into `fallbacks`): same-kind fonts first,
    /// symbol fonts last.
    pub(crate) fn fallback_order(&self, gothic: bool) -> Vec<usize> {
        let want = if gothic { Kind::Sans } else { Kind::Serif };
        let f = &self.fallbacks;
        let mut v: Vec<usize> = (0..f.len()).filter(|&i| f[i].kind == want).collect();
        v.extend((0..f.len()).filter(|&i| f[i].kind != want && f[i].kind != Kind::Symbol));
        v.extend((0..f.len()).filter(|&i| f[i].kind == Kind::Symbol));
        v
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_font_error_says_what_to_install() {
        let empty = std::env::temp_dir().join(format!("hoshin-pdf-nofonts-{}", std::process::id()));
        std::fs::create_dir_all(&empty).unwrap();
        let err = Fonts::discover_in(None, vec![empty.clone()]).unwrap_err();
        let msg = err.to_string();
        assert!(matches!(err, PdfError::NoJapaneseFont { .. }));
        assert!(
            msg.contains("apt install fonts-morisawa-bizud-mincho fonts-morisawa-bizud-gothic"),
            "{msg}"
        );
        assert!(msg.contains("fonts-ipaexfont"), "{msg}");
        assert!(msg.contains("Windows 10"), "{msg}");
        let _ = std::fs::remove_dir(&empty);
    }

    #[test]
    fn documented_order_prefers_biz_ud() {
        let dirs = vec![PathBuf::from("/usr/share/fonts")];
        let Ok(f) = Fonts::discover_in(None, dirs) else {
            return;
        };
        if std::path::Path::new("/usr/share/fonts/truetype/bizud-mincho/BIZUDMincho-Regular.ttf")
            .exists()
        {
            assert!(f.mincho.label.contains("BIZ UD"), "{}", f.describe());
            assert!(f.gothic.label.contains("BIZ UD"), "{}", f.describe());
        }
        // Noto CJK collections: the JP face is picked.
        for slot in &f.fallbacks {
            if slot.path.to_string_lossy().contains("NotoSerifCJK") {
                let lf = slot.get().unwrap();
                assert!(lf.label.contains("JP"), "{}", lf.label);
            }
        }
    }

    #[test]
    fn a_chosen_font_file_overwritten_after_loading_keeps_rendering() {
        // The override font is a user's file: it is held in memory, so copying another file
        // over it while the app runs cannot pull the bytes away under the renderer.
        let src = Path::new("/usr/share/fonts/truetype/bizud-gothic/BIZUDGothic-Regular.ttf");
        if !src.exists() {
            eprintln!("skipped: BIZ UD Gothic is not installed");
            return;
        }
        let dir = std::env::temp_dir().join(format!("hoshin-pdf-chosen-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let file = dir.join("mine.ttf");
        std::fs::copy(src, &file).unwrap();
        let f = Fonts::discover_in(Some(&file), vec![]).unwrap();
        assert!(matches!(*f.mincho.data, FontBytes::Owned(_)));
        std::fs::write(&file, b"not a font any more").unwrap();
        let face = f.mincho.face().expect("still parses from memory");
        assert!(face.glyph_index('漢').is_some());
        let out = crate::render(
            "# 見出し\n\n本文の漢字。",
            &crate::PdfOptions::default(),
            &f,
        )
        .unwrap();
        assert!(out.pages >= 1);
        // A font under a known name in the override folder is the user's file too.
        let known = dir.join("BIZUDGothic-Regular.ttf");
        std::fs::copy(src, &known).unwrap();
        let f = Fonts::discover_in(Some(&dir), vec![]).unwrap();
        assert_eq!(f.gothic.path, known);
        assert!(matches!(*f.gothic.data, FontBytes::Owned(_)));
        let _ = std::fs::remove_dir_all(&dir);

        // Installed fonts are mapped: only the pages a document uses are read.
        let installed =
            Fonts::discover_in(None, vec![src.parent().unwrap().to_path_buf()]).unwrap();
        assert!(matches!(*installed.gothic.data, FontBytes::Mmapped(_)));
    }
}
