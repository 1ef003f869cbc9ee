//! Harness: one tauri-driver per test (tests run with --test-threads=1), each test with its
//! own data folder (HOSHIN_DATA_DIR) and export folder (HOSHIN_E2E_SAVE_DIR).

#![allow(dead_code)]

use std::mem::ManuallyDrop;
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::{json, Value};
use thirtyfour::prelude::*;

pub type R<T = ()> = Result<T, Box<dyn std::error::Error + Send + Sync>>;

/// A port nobody listens on now (each test gets its own pair, so a driver that is still
/// shutting down never answers the next test).
fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port")
}

/// The app binary built by `cargo build -p hoshin-app --features tauri/custom-protocol`.
pub fn app_binary() -> PathBuf {
    if let Some(p) = std::env::var_os("HOSHIN_APP_BIN") {
        return PathBuf::from(p);
    }
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target"));
    let bin = target.join("debug/hoshin-app");
    std::fs::canonicalize(&bin).unwrap_or_else(|_| panic!("{} is missing: build it first with `cargo build -p hoshin-app --features tauri/custom-protocol`", bin.display()))
}

fn tauri_driver() -> PathBuf {
    if let Some(p) = std::env::var_os("TAURI_DRIVER") {
        return PathBuf::from(p);
    }
    let home = std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cargo")));
    match home.map(|h| h.join("bin/tauri-driver")) {
        Some(p) if p.exists() => p,
        _ => PathBuf::from("tauri-driver"),
    }
}

/// A running app under tauri-driver.
pub struct App {
    /// Ended by `quit`; never dropped otherwise (see `Drop for App`).
    pub driver: ManuallyDrop<WebDriver>,
    child: Child,
}

impl App {
    /// Start tauri-driver with the app's folders in its environment, then a session. A
    /// session that cannot be created (the driver's webview side not up yet on a busy
    /// machine) is tried again with a fresh driver, at most three times.
    pub async fn start(data_dir: &Path, save_dir: &Path) -> R<App> {
        let mut last = None;
        for attempt in 1..=3 {
            match Self::try_start(data_dir, save_dir).await {
                Ok(app) => return Ok(app),
                Err(e) => {
                    eprintln!(
                        "starting the app under tauri-driver failed (attempt {attempt} of 3): {e}"
                    );
                    last = Some(e);
                    tokio::time::sleep(Duration::from_secs(2)).await;
                }
            }
        }
        Err(last.expect("three attempts"))
    }

    async fn try_start(data_dir: &Path, save_dir: &Path) -> R<App> {
        let (port, native) = (free_port(), free_port());
        let mut child = Command::new(tauri_driver())
            .args(["--port", &port.to_string(), "--native-port", &native.to_string()])
            .env("HOSHIN_DATA_DIR", data_dir)
            .env("HOSHIN_E2E_SAVE_DIR", save_dir)
            .stdout(Stdio::null())
            .stderr(Stdio::inherit())
            .spawn()
            .map_err(|e| format!("tauri-driver を起動できません（{e}）: `cargo install tauri-driver --locked --version ^2`"))?;
        let deadline = Instant::now() + Duration::from_secs(20);
        while TcpStream::connect(("127.0.0.1", port)).is_err() {
            if Instant::now() > deadline {
                terminate(&mut child);
                return Err("tauri-driver did not listen on its port".into());
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        let mut caps = Capabilities::new();
        caps.set("browserName", json!("wry"))?;
        caps.set("tauri:options", json!({ "application": app_binary() }))?;
        let driver = match WebDriver::new(format!("http://127.0.0.1:{port}"), caps).await {
            Ok(d) => d,
            Err(e) => {
                terminate(&mut child);
                return Err(e.into());
            }
        };
        let app = App {
            driver: ManuallyDrop::new(driver),
            child,
        };
        if let Err(e) = app
            .wait_js(
                "return !!document.querySelector('[data-ready]')",
                "the app's first screen",
            )
            .await
        {
            let _ = app.quit().await;
            return Err(e);
        }
        Ok(app)
    }

    /// End the session (the app quits) and stop tauri-driver with SIGTERM.
    pub async fn quit(mut self) -> R {
        let r = WebDriver::clone(&self.driver).quit().await;
        terminate(&mut self.child);
        r.map_err(Into::into)
    }

    pub async fn js(&self, script: &str, args: Vec<Value>) -> R<Value> {
        Ok(self.driver.execute(script, args).await?.json().clone())
    }

    /// Poll a script until it returns true (5 s).
    pub async fn wait_js(&self, script: &str, what: &str) -> R {
        self.wait_js_args(script, vec![], what).await
    }

    pub async fn wait_js_args(&self, script: &str, args: Vec<Value>, what: &str) -> R {
        let deadline = Instant::now() + Duration::from_secs(8);
        loop {
            if self.js(script, args.clone()).await? == json!(true) {
                return Ok(());
            }
            if Instant::now() > deadline {
                return Err(format!("timed out waiting for {what}").into());
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    pub async fn css(&self, sel: &str) -> R<WebElement> {
        let deadline = Instant::now() + Duration::from_secs(8);
        loop {
            if let Ok(e) = self.driver.find(By::Css(sel)).await {
                return Ok(e);
            }
            if Instant::now() > deadline {
                let text = self
                    .js("return document.body.innerText.slice(0, 600)", vec![])
                    .await
                    .unwrap_or_default();
                return Err(format!("no element {sel}; the window shows: {text}").into());
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// Click through the DOM (`element.click()`, as a mouse click does for buttons): the
    /// WebDriver element click of WebKitWebDriver can wait for a navigation that never comes.
    pub async fn click(&self, sel: &str) -> R {
        let t = Instant::now();
        let e = self.css(sel).await?;
        self.driver.execute("arguments[0].scrollIntoView({block: 'center'}); arguments[0].focus(); arguments[0].click(); return true", vec![e.to_json()?]).await?;
        log(&format!("click {sel}"), t);
        Ok(())
    }

    /// Type with real key events (WebDriver send_keys), as a user does.
    pub async fn type_into(&self, sel: &str, text: &str) -> R {
        let t = Instant::now();
        let e = self.css(sel).await?;
        self.driver
            .execute(
                "arguments[0].scrollIntoView({block: 'center'}); arguments[0].focus(); return true",
                vec![e.to_json()?],
            )
            .await?;
        e.send_keys(text).await?;
        log(&format!("type {sel}"), t);
        Ok(())
    }

    /// Wait until the autosave state says 保存済み.
    pub async fn wait_saved(&self) -> R {
        tokio::time::sleep(Duration::from_millis(200)).await;
        self.wait_js("const s = document.querySelector('#save-state'); return !!s && s.dataset.state === 'saved'", "保存済み").await
    }

    /// Create a blank draft from the home screen and open it.
    pub async fn create_and_open(&self, municipality: &str) -> R {
        self.type_into("#new-municipality", municipality).await?;
        self.click("form.new-draft button[type=submit]").await?;
        self.wait_js_args(
            "return [...document.querySelectorAll('table.drafts td')].some(td => td.textContent.includes(arguments[0]))",
            vec![json!(municipality)],
            "the new draft in the list",
        )
        .await?;
        self.click("[data-draft-id]").await?;
        self.css("nav.guide").await?;
        Ok(())
    }

    /// Create a draft from the preselected sample on the home screen and wait for it in the list.
    pub async fn create_sample(&self) -> R {
        self.click(".sample-form button[type=submit]").await?;
        self.wait_js(
            "return document.querySelectorAll('[data-draft-id]').length === 1",
            "the sample draft",
        )
        .await
    }

    /// Create a draft from the sample called `name` (e.g. `city-300000`) and wait for it.
    pub async fn create_sample_named(&self, name: &str) -> R {
        let before = self
            .js(
                "return document.querySelectorAll('[data-draft-id]').length",
                vec![],
            )
            .await?;
        self.css("#sample-select").await?;
        self.js("const s = document.querySelector('#sample-select'); s.value = arguments[0]; s.dispatchEvent(new Event('change', { bubbles: true })); return true", vec![json!(name)]).await?;
        self.click(".sample-form button[type=submit]").await?;
        self.wait_js_args(
            "return document.querySelectorAll('[data-draft-id]').length > arguments[0]",
            vec![before],
            "the sample draft",
        )
        .await
    }

    /// Open the draft of `municipality` from the list of drafts.
    pub async fn open_draft_of(&self, municipality: &str) -> R {
        self.click(&format!(
            "[data-draft-id][data-municipality=\"{municipality}\"]"
        ))
        .await?;
        self.css("nav.guide").await?;
        Ok(())
    }

    /// Open a guideline item in the left navigation.
    pub async fn open_guide(&self, id: &str) -> R {
        self.click(&format!("[data-guide=\"{id}\"]")).await?;
        self.wait_js_args("return document.querySelector('[data-current-guide]')?.dataset.currentGuide === arguments[0]", vec![json!(id)], "the item").await
    }

    /// Add an item of `list` (e.g. `abilities`) in the current guideline item and name it.
    pub async fn add_item(&self, list: &str, name: &str) -> R<String> {
        let before = self.js(&format!("return document.querySelectorAll('[data-card-list=\"{list}\"] [data-item-id]').length"), vec![]).await?;
        self.click(&format!("[data-add=\"{list}\"]")).await?;
        self.wait_js(&format!("return document.querySelectorAll('[data-card-list=\"{list}\"] [data-item-id]').length > {before}"), "the new card").await?;
        let id = self
            .js(&format!("const c = document.querySelectorAll('[data-card-list=\"{list}\"] [data-item-id]'); return c[c.length - 1].dataset.itemId"), vec![])
            .await?;
        let id = id.as_str().ok_or("no item id")?.to_string();
        self.type_into(&format!("[data-item-id=\"{id}\"] [data-name-input]"), name)
            .await?;
        self.wait_saved().await?;
        Ok(id)
    }
}

impl Drop for App {
    fn drop(&mut self) {
        // A test that failed before `quit`: the driver and the app it started are stopped
        // here. The session handle is left undropped on purpose: thirtyfour's fallback
        // teardown (a blocking DELETE /session) waited 120 s for an answer, then the app
        // was still running.
        terminate(&mut self.child);
    }
}

fn log(what: &str, since: Instant) {
    if std::env::var_os("HOSHIN_E2E_LOG").is_some() {
        eprintln!("[e2e] {what}: {} ms", since.elapsed().as_millis());
    }
}

/// SIGTERM (tauri-driver then stops WebKitWebDriver), then reap. The app that
/// WebKitWebDriver started outlives them when the session was never ended (a test that failed
/// before `quit`): it is given 5 s to close, then killed, so that it does not keep the
/// single-instance name and turn the next test's start into a hand-over to a stale window.
fn terminate(child: &mut Child) {
    let below = descendants(child.id());
    if !matches!(child.try_wait(), Ok(Some(_))) {
        let _ = Command::new("kill")
            .args(["-TERM", &child.id().to_string()])
            .status();
        let deadline = Instant::now() + Duration::from_secs(5);
        while Instant::now() < deadline && !matches!(child.try_wait(), Ok(Some(_))) {
            std::thread::sleep(Duration::from_millis(50));
        }
        let _ = child.kill();
        let _ = child.wait();
    }
    let deadline = Instant::now() + Duration::from_secs(5);
    let alive = |pids: &[u32]| -> Vec<u32> {
        pids.iter()
            .copied()
            .filter(|p| std::path::Path::new(&format!("/proc/{p}")).exists() && !zombie(*p))
            .collect()
    };
    while Instant::now() < deadline && !alive(&below).is_empty() {
        std::thread::sleep(Duration::from_millis(50));
    }
    for p in alive(&below) {
        eprintln!("[e2e] process {p} left by the driver is killed");
        let _ = Command::new("kill")
            .args(["-KILL", &p.to_string()])
            .status();
    }
}

/// Live processes (not zombies) running the app's binary.
pub fn running_apps() -> Vec<u32> {
    let bin = app_binary();
    let Ok(rd) = std::fs::read_dir("/proc") else {
        return vec![];
    };
    rd.flatten()
        .filter_map(|e| e.file_name().to_str()?.parse::<u32>().ok())
        .filter(|p| {
            std::fs::read_link(format!("/proc/{p}/exe")).is_ok_and(|exe| exe == bin) && !zombie(*p)
        })
        .collect()
}

/// Every process below `pid` (from /proc: children, their children, …).
fn descendants(pid: u32) -> Vec<u32> {
    let mut parent_of = Vec::new();
    if let Ok(rd) = std::fs::read_dir("/proc") {
        for e in rd.flatten() {
            let Some(p) = e.file_name().to_str().and_then(|n| n.parse::<u32>().ok()) else {
                continue;
            };
            if let Some(pp) = stat_field(p, 1).and_then(|f| f.parse::<u32>().ok()) {
                parent_of.push((p, pp));
            }
        }
    }
    let mut found = vec![pid];
    let mut i = 0;
    while i < found.len() {
        let cur = found[i];
        found.extend(
            parent_of
                .iter()
                .filter(|(_, pp)| *pp == cur)
                .map(|(p, _)| *p),
        );
        i += 1;
    }
    found.remove(0);
    found
}

/// Field `n` after the command name in /proc/PID/stat (0 = state, 1 = parent).
fn stat_field(pid: u32, n: usize) -> Option<String> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    let after = &stat[stat.rfind(')')? + 1..];
    after.split_whitespace().nth(n).map(str::to_string)
}

fn zombie(pid: u32) -> bool {
    stat_field(pid, 0).as_deref() == Some("Z")
}

/// Whether a restore kept the damaged database beside the restored one
/// (`hoshin.sqlite.replaced-…` in the data folder).
pub fn damaged_file_kept(data: &Path) -> bool {
    std::fs::read_dir(data).is_ok_and(|rd| {
        rd.flatten().any(|e| {
            e.file_name()
                .to_string_lossy()
                .starts_with("hoshin.sqlite.replaced-")
        })
    })
}

/// Fresh folders for one test.
pub struct Dirs {
    pub data: tempfile::TempDir,
    pub save: tempfile::TempDir,
}

pub fn dirs() -> Dirs {
    Dirs {
        data: tempfile::tempdir().unwrap(),
        save: tempfile::tempdir().unwrap(),
    }
}
