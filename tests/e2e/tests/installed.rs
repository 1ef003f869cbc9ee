//! The app as installed from the .deb (scripts/check-deb.sh), not the one in target/.
//! Runs only when `HOSHIN_APP_BIN` is set, and then refuses a binary under a `target/` folder:
//!   HOSHIN_APP_BIN=/usr/bin/hoshin-app xvfb-run -a -s "-screen 0 1280x800x24" dbus-run-session -- \
//!     cargo test -p hoshin-e2e --test installed -- --test-threads=1
//! Otherwise (the ordinary E2E run of target/debug/hoshin-app) it says so and passes.
//! `HOSHIN_INSTALLED_SHOT=FILE.png` also saves a screenshot of the screen (`import`).

mod common;

use std::path::PathBuf;
use std::time::Duration;

use common::{app_binary, dirs, App, R};

#[tokio::test]
async fn installed_app_reaches_first_screen() -> R {
    let Some(given) = std::env::var_os("HOSHIN_APP_BIN").map(PathBuf::from) else {
        eprintln!("SKIPPED installed_app_reaches_first_screen: HOSHIN_APP_BIN is not set (scripts/check-deb.sh sets it to the installed /usr/bin/hoshin-app)");
        return Ok(());
    };
    // The harness must start exactly the installed binary, not a build output.
    assert_eq!(
        app_binary(),
        given,
        "the harness would start another binary"
    );
    assert!(
        given.is_absolute(),
        "HOSHIN_APP_BIN must be absolute: {}",
        given.display()
    );
    let real = std::fs::canonicalize(&given)?;
    assert!(
        !real.components().any(|c| c.as_os_str() == "target"),
        "HOSHIN_APP_BIN points into a build folder: {}",
        real.display()
    );

    let d = dirs();
    let app = App::start(d.data.path(), d.save.path()).await?;
    // The first screen: loaded (not the store-error page), the bundled UI (not a dev server).
    app.wait_js(
        "return document.querySelector('main')?.dataset.ready === 'true'",
        "main[data-ready=true]",
    )
    .await?;
    let error = app
        .js(
            "return document.querySelector('.store-error')?.innerText ?? ''",
            vec![],
        )
        .await?;
    assert_eq!(error, "", "the store did not open");
    let origin = app.js("return location.origin", vec![]).await?;
    let origin = origin.as_str().unwrap_or_default().to_string();
    assert!(
        origin.starts_with("tauri://") || origin.contains("tauri.localhost"),
        "the window does not show the bundled UI: {origin}"
    );
    // The fresh data folder was used: it is on the status bar and the database is there.
    let shown = app
        .js(
            "return document.querySelector('.statusbar code')?.textContent ?? ''",
            vec![],
        )
        .await?;
    assert_eq!(
        shown,
        d.data.path().display().to_string(),
        "status bar data folder"
    );
    assert!(
        d.data.path().join("hoshin.sqlite").is_file(),
        "no database in the fresh data folder"
    );
    // A round trip through the installed binary's commands: a sample draft appears in the list.
    app.create_sample().await?;
    // The native window carries the title from tauri.conf.json (xdotool, when installed).
    if let Ok(out) = std::process::Command::new("xdotool")
        .args(["search", "--onlyvisible", "--name", "^Hoshin "])
        .output()
    {
        let ids = String::from_utf8_lossy(&out.stdout);
        assert!(!ids.trim().is_empty(), "no visible window titled Hoshin …");
    }

    if let Some(shot) = std::env::var_os("HOSHIN_INSTALLED_SHOT") {
        tokio::time::sleep(Duration::from_millis(400)).await;
        let st = std::process::Command::new("import")
            .args(["-window", "root"])
            .arg(&shot)
            .status()?;
        assert!(st.success(), "import failed");
    }
    app.quit().await
}
