//! Typed markup in the app's previews (issue 15): the section preview and the version
//! preview show every vector of `tests/fixtures/markup-vectors.json` as typed, and no element,
//! attribute or link of the user's making reaches the webview. The section previews are kept
//! in `ui/tests/fixtures/markup-preview.json` for the UI's own test, which puts them in the
//! real components (`HOSHIN_UPDATE_FIXTURES=1` rewrites it after an intended change).

use hoshin_ops::{preview_user_markdown, Workspace};

use hoshin_tests::markup_vectors as corpus;

/// Elements a preview may hold: what Markdown makes, and the templates' `<u>` and `<br>`.
const ALLOWED: &[&str] = &[
    "p",
    "br",
    "strong",
    "em",
    "del",
    "code",
    "pre",
    "a",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "ul",
    "ol",
    "li",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "blockquote",
    "hr",
    "u",
];

/// The elements (name, attributes) and the text of preview HTML as the sanitiser writes it
/// (text never holds a raw `<`).
fn parse(html: &str) -> (Vec<(String, String)>, String) {
    let mut tags = vec![];
    let mut text = String::new();
    let mut rest = html;
    while let Some(p) = rest.find('<') {
        text.push_str(&rest[..p]);
        let len = rest[p..].find('>').expect("every tag closes");
        let inner = &rest[p + 1..p + len];
        rest = &rest[p + len + 1..];
        if inner.starts_with('/') {
            continue;
        }
        let inner = inner.trim_end_matches('/');
        let n = inner.find(char::is_whitespace).unwrap_or(inner.len());
        tags.push((inner[..n].to_ascii_lowercase(), inner[n..].to_string()));
    }
    text.push_str(rest);
    let text = text
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&nbsp;", "\u{a0}")
        .replace("&amp;", "&");
    (tags, text)
}

fn assert_inert(html: &str, what: &str) {
    let (tags, _) = parse(html);
    for (name, attrs) in &tags {
        assert!(
            ALLOWED.contains(&name.as_str()),
            "{what}: an element <{name}{attrs}> in {html}"
        );
        let lower = attrs.to_ascii_lowercase();
        assert!(
            !lower.contains(" on") && !lower.contains("style=") && !lower.contains("src="),
            "{what}: attributes {attrs} in {html}"
        );
        if let Some(at) = lower.find("href=\"") {
            let href = &lower[at + 6..];
            assert!(
                href.starts_with("http:")
                    || href.starts_with("https:")
                    || href.starts_with("mailto:"),
                "{what}: a link to {href} in {html}"
            );
        }
    }
}

#[test]
fn the_section_preview_shows_every_vector_as_typed_and_runs_nothing() {
    let vectors = corpus();
    assert!(vectors.len() >= 50);
    let mut golden = serde_json::Map::new();
    // Each vector alone, then all of them in one text (one a paragraph).
    for v in &vectors {
        let html = preview_user_markdown(v);
        assert_inert(&html, v);
        let (_, text) = parse(&html);
        assert_eq!(text.trim_end(), v, "shown as typed: {html}");
        golden.insert(v.clone(), html.into());
    }
    let body = format!("前の段落。\n\n{}\n\n後の段落。", vectors.join("\n\n"));
    let html = preview_user_markdown(&body);
    assert_inert(&html, "the whole corpus");
    let (_, text) = parse(&html);
    for v in &vectors {
        assert!(text.contains(&format!("{v}\n")), "{v} missing from {text}");
    }
    assert!(
        text.trim_end().ends_with("後の段落。"),
        "nothing after a vector is lost"
    );
    // One a line: the lines of one paragraph, each kept.
    let html = preview_user_markdown(&vectors.join("\n"));
    assert_inert(&html, "the corpus a line each");
    let (_, text) = parse(&html);
    for v in &vectors {
        assert!(text.contains(v.as_str()), "{v} missing from {text}");
    }
    golden.insert(String::new(), preview_user_markdown(&body).into());

    let path = hoshin_tests::repo_root().join("ui/tests/fixtures/markup-preview.json");
    let json = serde_json::to_string_pretty(&golden).unwrap() + "\n";
    if std::env::var_os("HOSHIN_UPDATE_FIXTURES").is_some() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, &json).unwrap();
    }
    let kept = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        kept == json,
        "{} is not the current preview of the corpus: rerun with HOSHIN_UPDATE_FIXTURES=1 and review the change",
        path.display()
    );
}

#[test]
fn the_version_preview_shows_typed_markup_as_text() {
    let vectors = corpus();
    let dir = tempfile::tempdir().unwrap();
    let mut ws = Workspace::open(Some(dir.path()));
    let id = ws.create_from_sample("town-8000").unwrap().id;
    ws.set_section(&id, "kihon.shokuinzo", &vectors.join("\n\n"))
        .unwrap();
    ws.rename_draft(&id, &vectors[0]).unwrap();
    let report = ws.check(&id).unwrap().1;
    let f = &report.findings[0];
    ws.acknowledge(&id, &f.key, &vectors[4], "").unwrap();
    let v = ws.snapshot(&id, &vectors[8]).unwrap();
    let html = ws.version_preview(&id, v.id).unwrap();
    assert_inert(&html, "the version preview");
    let (_, text) = parse(&html);
    for v in &vectors {
        assert!(
            text.contains(v.as_str()),
            "{v} missing from the version preview"
        );
    }
}
