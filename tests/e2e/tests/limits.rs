//! Limits in the real window: a 100 MB paste into a section is refused with a Japanese
//! message and the typed text stays; a draft of 10,000 items opens, is checked, and its
//! longest list scrolls to the end.

mod common;

use std::time::Instant;

use common::{dirs, App, R};
use hoshin_store::Store;
use serde_json::json;

/// A paste as the webview delivers it (an untrusted event carries the same clipboard data;
/// only a trusted one would insert it, which the guard must prevent first).
const PASTE: &str = r#"
const [sel, mb] = arguments;
const el = document.querySelector(sel);
el.focus();
const big = 'a'.repeat(mb * 1024 * 1024);
const e = new Event('paste', { bubbles: true, cancelable: true });
Object.defineProperty(e, 'clipboardData', { value: { getData: (t) => (t === 'text/plain' ? big : '') } });
const passed = el.dispatchEvent(e);
return { passed, value: el.value };
"#;

#[tokio::test]
async fn a_100_mb_paste_into_a_section_is_refused_and_the_text_stays() -> R {
    let d = dirs();
    let app = App::start(d.data.path(), d.save.path()).await?;
    app.create_and_open("貼付町").await?;
    app.open_guide("kihon.shokuinzo").await?;
    app.type_into("#section-text", "今の本文です。").await?;
    app.wait_saved().await?;

    let got = app
        .js(PASTE, vec![json!("#section-text"), json!(100)])
        .await?;
    assert_eq!(got["passed"], false, "the paste went through: {got}");
    assert_eq!(got["value"], "今の本文です。");
    let banner = app.css("#paste-refused[role=alert]").await?;
    let text = banner.text().await?;
    assert!(
        text.contains("約1億字") && text.contains("100,000字まで") && text.contains("そのまま"),
        "{text}"
    );
    // Nothing was sent: the section is still saved as typed, and typing goes on.
    app.type_into("#section-text", "続き。").await?;
    app.wait_saved().await?;
    let app_quit = app.quit().await;
    let draft = Store::open(d.data.path())?.list_drafts(false)?[0]
        .id
        .clone();
    let saved = Store::open(d.data.path())?.load_draft(&draft)?;
    assert_eq!(
        saved.sections.get("kihon.shokuinzo").map(String::as_str),
        Some("今の本文です。続き。")
    );
    app_quit
}

#[tokio::test]
async fn a_draft_of_10000_items_opens_is_checked_and_scrolls() -> R {
    let d = dirs();
    let draft = hoshin_tests::generated_draft(2000, 5000, 2000, 1000);
    let municipality = draft.meta.municipality.clone();
    Store::open(d.data.path())?.import_draft(&draft)?;

    let app = App::start(d.data.path(), d.save.path()).await?;
    let t = Instant::now();
    app.open_draft_of(&municipality).await?;
    let opened = t.elapsed();

    // The longest list: 5,000 trainings, drawn 100 at first with a way to the rest.
    let t = Instant::now();
    app.open_guide("ikusei.ojt").await?;
    app.wait_js(
        "return document.querySelectorAll('[data-card-list=\"trainings\"] [data-item-id]').length === 100",
        "the first 100 training cards",
    )
    .await?;
    let listed = t.elapsed();
    let more = app.css("[data-show-more=\"trainings\"]").await?;
    assert!(more.text().await?.contains("さらに 500 件"));
    let t = Instant::now();
    app.click("[data-show-more=\"trainings\"]").await?;
    app.wait_js(
        "return document.querySelectorAll('[data-card-list=\"trainings\"] [data-item-id]').length === 600",
        "600 training cards",
    )
    .await?;
    let more_ms = t.elapsed();
    // Scroll to the last card shown and back: it is in view, and the window answers at once.
    let t = Instant::now();
    let last = app
        .js(
            "const cards = document.querySelectorAll('[data-card-list=\"trainings\"] [data-item-id]'); \
             const last = cards[cards.length - 1]; last.scrollIntoView({ block: 'center' }); \
             const r = last.getBoundingClientRect(); \
             return { top: r.top, height: window.innerHeight, name: last.querySelector('[data-name-input]')?.value ?? '' }",
            vec![],
        )
        .await?;
    let top = last["top"].as_f64().unwrap_or(-1.0);
    assert!(
        top >= 0.0 && top < last["height"].as_f64().unwrap_or(0.0),
        "the last card is not in view: {last}"
    );
    assert_eq!(last["name"], "研修599", "{last}");
    app.js("window.scrollTo(0, 0); return true", vec![]).await?;
    let scrolled = t.elapsed();

    // The check panel lists findings for the whole draft.
    let t = Instant::now();
    app.click("[data-tab=\"check\"]").await?;
    app.wait_js(
        "return !!document.querySelector('#check-panel')",
        "the check panel",
    )
    .await?;
    let checked = t.elapsed();
    println!(
        "10,000 items: opened in {} ms, first 100 of 5,000 cards in {} ms, 500 more in {} ms, \
         scrolled to the end and back in {} ms, check panel in {} ms",
        opened.as_millis(),
        listed.as_millis(),
        more_ms.as_millis(),
        scrolled.as_millis(),
        checked.as_millis()
    );
    assert!(
        scrolled.as_millis() < 2_000,
        "scrolling took {} ms",
        scrolled.as_millis()
    );
    app.quit().await
}
