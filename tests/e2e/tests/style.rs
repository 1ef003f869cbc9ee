//! The 公用文 style check in the real window: a sentence typed into a section body is
//! found under 用字 (すべて → 全て), 半角数字 (３ → 3) and か月 (ヶ月 → か月) in the 「公用文」
//! tab; 「すべて修正」 of か月 and 「修正」 of one 半角数字 finding rewrite the saved text, the
//! editor shows it, and the count in the tab goes down. 「移動」 selects the span.

mod common;

use common::{dirs, App, R};
use serde_json::json;

const SECTION: &str = "kihon.shokuinzo";
const TEXT: &str = "すべての職員が３ヶ月ごとに研修を受ける。";

/// A finding of `rule` in the section, in the 公用文 panel.
fn finding(rule: &str) -> String {
    format!("#style-panel [data-style-rule=\"{rule}\"] .finding[data-id=\"{SECTION}\"]")
}

async fn count(app: &App) -> R<i64> {
    let v = app
        .js(
            "return Number(document.querySelector('[data-tab=\"style\"] [data-style-count]')?.textContent ?? -1)",
            vec![],
        )
        .await?;
    Ok(v.as_i64().unwrap_or(-1))
}

async fn wait_text(app: &App, part: &str) -> R {
    app.wait_js_args(
        "return document.querySelector('#section-text')?.value.includes(arguments[0])",
        vec![json!(part)],
        &format!("the section text to read {part}"),
    )
    .await
}

#[tokio::test]
async fn style_findings_are_fixed_from_the_tab() -> R {
    let d = dirs();
    let app = App::start(d.data.path(), d.save.path()).await?;
    app.create_sample_named("town-8000").await?;
    app.open_draft_of("やまびこ町").await?;
    app.open_guide(SECTION).await?;

    // The sample's text replaced by one sentence, typed with real key events.
    app.js(
        "const e = document.querySelector('#section-text'); e.value = ''; e.dispatchEvent(new Event('input', {bubbles: true})); return true",
        vec![],
    )
    .await?;
    app.type_into("#section-text", TEXT).await?;
    app.wait_saved().await?;

    app.click("[data-tab=\"style\"]").await?;
    for rule in ["S6", "S2", "S4"] {
        app.css(&finding(rule)).await?;
    }
    let before = count(&app).await?;
    assert!(before >= 3, "the tab counts the findings: {before}");
    // Under the editor, the same places are marked in the text.
    app.wait_js(
        "return [...document.querySelectorAll('[data-style-marks] mark')].map(m => m.textContent).join('|') === 'すべて|３|ヶ月'",
        "the marks under the editor",
    )
    .await?;
    let s2 = app
        .js(
            &format!(
                "return document.querySelector('{} [data-context]').textContent.trim()",
                finding("S2")
            ),
            vec![],
        )
        .await?;
    assert_eq!(s2, json!("すべての職員が３ヶ月ごとに研修を…"));
    let marked = app
        .js(
            &format!(
                "return document.querySelector('{} mark').textContent",
                finding("S2")
            ),
            vec![],
        )
        .await?;
    assert_eq!(marked, json!("３"));

    // 「移動」 selects 「すべて」 in the text.
    app.click(&format!("{} [data-action=\"jump\"]", finding("S6")))
        .await?;
    app.wait_js(
        "const e = document.querySelector('#section-text'); return document.activeElement === e && e.value.slice(e.selectionStart, e.selectionEnd) === 'すべて'",
        "すべて selected in the text",
    )
    .await?;

    // 「すべて修正」 of か月.
    app.click("#style-panel [data-style-rule=\"S4\"] [data-action=\"fix-rule\"]")
        .await?;
    wait_text(&app, "３か月").await?;
    app.wait_js(
        &format!("return !document.querySelector('{}')", finding("S4")),
        "the か月 finding gone",
    )
    .await?;

    // 「修正」 of the 半角数字 finding.
    app.click(&format!("{} [data-action=\"fix\"]", finding("S2")))
        .await?;
    wait_text(&app, "3か月").await?;
    app.wait_js(
        &format!("return !document.querySelector('{}')", finding("S2")),
        "the 半角数字 finding gone",
    )
    .await?;
    let after = count(&app).await?;
    assert_eq!(after, before - 2, "two fewer findings in the tab");
    let text = app
        .js(
            "return document.querySelector('#section-text').value",
            vec![],
        )
        .await?;
    assert_eq!(text, json!("すべての職員が3か月ごとに研修を受ける。"));
    // 用字 needs the sentence read: still there, with a 修正 of its own only.
    app.css(&finding("S6")).await?;

    // Saved: the same text after leaving the draft and opening it again.
    app.click("[data-action=\"back\"]").await?;
    app.open_draft_of("やまびこ町").await?;
    app.open_guide(SECTION).await?;
    wait_text(&app, "すべての職員が3か月ごとに").await?;
    app.quit().await
}
