//! Typed markup is text in the real window (issue 15). The corpus of markup vectors
//! (`tests/fixtures/markup-vectors.json`; those that could run set `window.__pwned`) is typed
//! with real keys into every kind of text field: the new draft's municipality and name, an
//! item's name, a section body (then its preview), a version label (then the version
//! preview), an acknowledgement reason, and an old policy read by 「現行方針の取り込み」 (its
//! mapping table and the 新旧対照表). Nothing runs, no element of the user's making appears,
//! every character stays visible, and the Markdown export has no raw tag.
//! See common/mod.rs for the harness.

mod common;

use common::{dirs, App, R};
use serde_json::{json, Value};

use hoshin_tests::markup_vectors as corpus;

/// Nothing ran and nothing of the user's making is an element anywhere in the window:
/// `window.__pwned` unset, no handler attribute on any element (Svelte never writes one), no
/// element that loads or runs anything, the page's scripts as they were at the start, and
/// inside the previews only what Markdown makes.
const INERT: &str = r#"
const bad = [];
if (window.__pwned !== undefined) bad.push('window.__pwned = ' + window.__pwned);
if (document.title !== arguments[0]) bad.push('title ' + document.title);
for (const el of document.querySelectorAll('*')) {
  for (const a of el.attributes) {
    if (a.name.startsWith('on')) bad.push(el.tagName + '[' + a.name + ']');
  }
}
for (const el of document.querySelectorAll('img, iframe, object, embed, math, video, audio, marquee, details, template, base, body meta, body link, form[action], noscript, body style, x')) {
  bad.push('<' + el.tagName.toLowerCase() + '>');
}
if (document.scripts.length !== arguments[1]) bad.push(document.scripts.length + ' scripts');
const ok = new Set(['P','BR','STRONG','EM','DEL','CODE','PRE','A','H1','H2','H3','H4','H5','H6','UL','OL','LI','TABLE','THEAD','TBODY','TR','TH','TD','BLOCKQUOTE','HR','U']);
for (const pv of document.querySelectorAll('.preview')) {
  for (const el of pv.querySelectorAll('*')) {
    if (el.closest('.preview > p.muted')) continue;
    if (!ok.has(el.tagName)) bad.push('in a preview: <' + el.tagName.toLowerCase() + '>');
    if (el.hasAttribute('href') && !/^(https?|mailto):/i.test(el.getAttribute('href'))) bad.push('href ' + el.getAttribute('href'));
  }
}
return bad;
"#;

struct Window {
    title: String,
    scripts: Value,
}

impl Window {
    async fn of(app: &App) -> R<Window> {
        Ok(Window {
            title: app.driver.title().await?,
            scripts: app.js("return document.scripts.length", vec![]).await?,
        })
    }

    async fn assert_inert(&self, app: &App, when: &str) -> R {
        // Give a handler or a loading element time to fire.
        tokio::time::sleep(std::time::Duration::from_millis(300)).await;
        let bad = app
            .js(INERT, vec![json!(self.title), self.scripts.clone()])
            .await?;
        assert_eq!(
            bad,
            json!([]),
            "{when}: something of the user's making is live"
        );
        Ok(())
    }
}

/// Text with backslash escapes (`\<`, `\&` …) read back as the characters they stand for.
fn unescape(md: &str) -> String {
    let mut out = String::with_capacity(md.len());
    let mut it = md.chars().peekable();
    while let Some(c) = it.next() {
        if c == '\\' && it.peek().is_some_and(|n| n.is_ascii_punctuation()) {
            out.push(it.next().unwrap());
        } else {
            out.push(c);
        }
    }
    out
}

#[tokio::test]
async fn typed_markup_is_text_in_every_field() -> R {
    let vectors = corpus();
    assert!(vectors.len() >= 50);
    // One line a field: a few vectors each (the single-line fields take up to 1,000 characters).
    let chunks: Vec<String> = vectors.chunks(9).map(|c| c.join(" ")).collect();
    let pick = |i: usize| chunks[i % chunks.len()].clone();

    // The old policy the import reads: its headings and text are vectors too.
    let old_dir = tempfile::tempdir()?;
    let old = old_dir.path().join("old-policy.txt");
    let mut text = format!("{}\n\n", vectors[0]);
    // A heading is a short line (the numbering recognition takes a long one for text).
    let mut headings = vec![];
    for (i, part) in vectors.chunks(12).enumerate() {
        let h = part
            .iter()
            .position(|v| v.chars().count() <= 40)
            .unwrap_or(0);
        let rest: Vec<&str> = (0..part.len())
            .filter(|j| *j != h)
            .map(|j| part[j].as_str())
            .collect();
        text.push_str(&format!(
            "第{} {}\n\n{}\n\n",
            i + 1,
            part[h],
            rest.join("\n")
        ));
        headings.push(part[h].clone());
    }
    std::fs::write(&old, text)?;
    std::env::set_var("HOSHIN_E2E_OPEN_FILE", &old);

    let d = dirs();
    let app = App::start(d.data.path(), d.save.path()).await?;
    let win = Window::of(&app).await?;

    // 新規作成: municipality and name.
    let (municipality, title) = (pick(0), pick(1));
    app.type_into("#new-municipality", &municipality).await?;
    app.js(
        "const t = document.querySelector('#new-title'); t.select(); return true",
        vec![],
    )
    .await?;
    app.type_into("#new-title", &title).await?;
    app.click("form.new-draft button[type=submit]").await?;
    app.wait_js_args(
        "return [...document.querySelectorAll('table.drafts td')].some(td => td.textContent.includes(arguments[0]))",
        vec![json!(title)],
        "the new draft in the list, its name as typed",
    )
    .await?;
    let listed = app
        .js(
            "return document.querySelector('table.drafts').textContent",
            vec![],
        )
        .await?;
    assert!(
        listed.as_str().unwrap_or("").contains(&municipality),
        "the municipality as typed: {listed}"
    );
    win.assert_inert(&app, "the list of drafts").await?;
    app.click("[data-draft-id]").await?;
    app.css("nav.guide").await?;
    let bar = app
        .js(
            "return document.querySelector('.draft-title')?.textContent ?? ''",
            vec![],
        )
        .await?;
    assert!(
        bar.as_str().unwrap_or("").contains(&title),
        "the bar: {bar}"
    );

    // An item's name and a section body; the body's preview.
    app.open_guide("kihon.noryoku").await?;
    let ability = pick(2);
    app.add_item("abilities", &ability).await?;
    let body = vectors.join("\n\n");
    // A line break is the Enter key (WebDriver's U+E007; a typed "\n" is dropped).
    app.type_into("[data-section-editor]", &body.replace('\n', "\u{E007}"))
        .await?;
    app.wait_saved().await?;
    let typed = app
        .js(
            "return document.querySelector('[data-section-editor]').value",
            vec![],
        )
        .await?;
    assert_eq!(typed, json!(body), "the body keeps every character");
    win.assert_inert(&app, "the editor").await?;
    app.click("#preview-toggle").await?;
    app.wait_js(
        "return document.querySelectorAll('.preview p').length > 50",
        "the preview",
    )
    .await?;
    let shown = app
        .js(
            "return [...document.querySelectorAll('.preview p')].map(p => p.textContent)",
            vec![],
        )
        .await?;
    assert_eq!(
        shown,
        json!(vectors),
        "the preview shows every vector as typed, in order"
    );
    win.assert_inert(&app, "the section preview").await?;
    app.click("#preview-toggle").await?;

    // A finding acknowledged with a reason.
    app.click("[data-tab=\"check\"]").await?;
    let reason = pick(3);
    app.wait_js(
        "return !!document.querySelector('#check-panel .finding [data-action=\"ack\"]')",
        "a finding",
    )
    .await?;
    app.js("document.querySelector('#check-panel .finding [data-action=\"ack\"]').click(); return true", vec![])
        .await?;
    app.type_into("#ack-reason", &reason).await?;
    app.click("dialog form.ack button[type=submit]").await?;
    app.wait_js_args(
        "return [...document.querySelectorAll('#check-panel .finding.sev-ack')].some(f => f.textContent.includes(arguments[0]))",
        vec![json!(reason)],
        "the acknowledged finding with its reason as typed",
    )
    .await?;
    let ability_shown = app
        .js(
            "return document.querySelector('#check-panel').textContent",
            vec![],
        )
        .await?;
    assert!(
        ability_shown.as_str().unwrap_or("").contains(&ability),
        "the ability's name in the findings as typed"
    );
    win.assert_inert(&app, "the check panel").await?;

    // 版を保存 with a label; the version list and the version preview.
    let label = pick(4);
    let editor = app.css("[data-section-editor]").await?;
    editor
        .send_keys(thirtyfour::prelude::Key::Control + "s")
        .await?;
    app.type_into("#snap-label", &label).await?;
    app.click("dialog form button[type=submit]").await?;
    app.wait_js(
        "return !document.querySelector('#snap-label')",
        "the dialog to close",
    )
    .await?;
    app.click("[data-action=\"versions\"]").await?;
    app.wait_js(
        "return !!document.querySelector('.version-list [data-action=\"preview\"]')",
        "the versions",
    )
    .await?;
    let labels = app
        .js("return [...document.querySelectorAll('.version-list li strong')].map(s => s.textContent)", vec![])
        .await?;
    assert!(
        labels.as_array().is_some_and(|l| l.contains(&json!(label))),
        "the label as typed: {labels}"
    );
    app.js("const li = [...document.querySelectorAll('.version-list li')].find(li => li.querySelector('strong').textContent === arguments[0]); li.querySelector('[data-action=\"preview\"]').click(); return true", vec![json!(label)])
        .await?;
    app.wait_js("return (document.querySelector('.version-preview')?.querySelectorAll('p').length ?? 0) > 50", "the version preview")
        .await?;
    let version_text = app
        .js(
            "return document.querySelector('.version-preview').textContent",
            vec![],
        )
        .await?;
    let version_text = version_text.as_str().unwrap_or("");
    for v in vectors.iter().chain([&municipality, &label]) {
        assert!(
            version_text.contains(v.as_str()),
            "{v} missing from the version preview"
        );
    }
    win.assert_inert(&app, "the version preview").await?;
    app.js(
        "document.querySelector('dialog button.close')?.click(); return true",
        vec![],
    )
    .await?;
    app.wait_js(
        "return !document.querySelector('.version-list')",
        "the versions to close",
    )
    .await?;

    // 書き出し as Markdown: no raw tag, every vector there as text.
    app.click("#export-open").await?;
    app.click("input[name=format][value=md]").await?;
    app.click("#export-run").await?;
    app.wait_js(
        "return !!document.querySelector('#export-done')",
        "the export",
    )
    .await?;
    let md_path = std::fs::read_dir(d.save.path())?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .find(|p| p.extension().is_some_and(|x| x == "md"))
        .ok_or("no Markdown in the save folder")?;
    let md = std::fs::read_to_string(&md_path)?;
    for (i, _) in md.match_indices('<') {
        assert!(
            md[..i].ends_with('\\') || md[i..].starts_with("<!-- hoshin:"),
            "a raw tag in the Markdown export: {}",
            &md[i.saturating_sub(40)..(i + 60).min(md.len())]
        );
    }
    let plain = unescape(&md);
    for v in vectors.iter().chain([&ability, &reason]) {
        assert!(
            plain.contains(v.as_str()),
            "{v} missing from the Markdown export"
        );
    }
    app.js(
        "document.querySelector('dialog button.close')?.click(); return true",
        vec![],
    )
    .await?;
    app.wait_js(
        "return !document.querySelector('#export-run')",
        "the export dialog to close",
    )
    .await?;

    // 現行方針の取り込み: the mapping table, then the 新旧対照表.
    app.click("#policy-import-open").await?;
    app.click("#policy-pick").await?;
    app.css("#policy-confirm").await?;
    let mapping = app
        .js(
            "return document.querySelector('table.mapping').textContent",
            vec![],
        )
        .await?;
    let mapping = mapping.as_str().unwrap_or("");
    for h in &headings {
        assert!(
            mapping.contains(h.as_str()),
            "the heading {h} in the mapping table: {mapping}"
        );
    }
    win.assert_inert(&app, "the import mapping").await?;
    app.click("#policy-confirm").await?;
    app.css("#compare-table").await?;
    app.wait_js(
        "return document.querySelectorAll('#compare-table tr').length > 1",
        "the 新旧対照表",
    )
    .await?;
    let table = app
        .js(
            "return document.querySelector('#compare-table').textContent",
            vec![],
        )
        .await?;
    let table = table.as_str().unwrap_or("");
    for v in &vectors {
        assert!(
            table.contains(v.as_str()),
            "{v} missing from the 新旧対照表"
        );
    }
    win.assert_inert(&app, "the 新旧対照表").await?;
    app.quit().await
}
