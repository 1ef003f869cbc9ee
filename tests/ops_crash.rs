//! 1,000 SIGKILLs during app-level autosave: a child saves through `hoshin_ops::Workspace` (the
//! calls the app's autosave makes: a section, a whole item, a meta field), printing each save
//! once the call returned; it is killed at a random moment — mostly a few milliseconds into
//! saving, sometimes while still opening the store. After every kill the database passes
//! `PRAGMA integrity_check` and holds, for every section, item and field, the last save the
//! child acknowledged (or a later one that committed just before the kill).
//!
//! `HOSHIN_OPS_CRASH_TRIALS` (default 1000) and `HOSHIN_OPS_CRASH_SEED` change the run.

use std::collections::HashMap;
use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use hoshin_store::Store;

/// What save `i` wrote (see `src/bin/ops-crash-child.rs`).
fn key_of(i: u64) -> String {
    match i % 3 {
        0 => "section".into(),
        1 => format!("ab-{}", (i / 3) % 20),
        _ => "title".into(),
    }
}

#[test]
fn a_thousand_sigkills_during_app_autosave_lose_no_acknowledged_edit() {
    let trials: u64 = std::env::var("HOSHIN_OPS_CRASH_TRIALS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(1000);
    let mut rng = fastrand::Rng::with_seed(
        std::env::var("HOSHIN_OPS_CRASH_SEED")
            .ok()
            .and_then(|s| s.parse().ok())
            .unwrap_or(20261203),
    );
    let dir = tempfile::tempdir().unwrap();
    let draft = hoshin_tests::store_with_draft(dir.path());

    let started = Instant::now();
    // The last acknowledged save of every key, over all trials.
    let mut acked: HashMap<String, u64> = HashMap::new();
    // Kills after the child started saving, of those after at least one acknowledged save,
    // and kills while it was still opening the store.
    let (mut saves, mut killed_saving, mut after_a_save, mut killed_opening) =
        (0usize, 0u64, 0u64, 0u64);

    for trial in 0..trials {
        let start = trial * 1_000_000;
        let mut child = Command::new(env!("CARGO_BIN_EXE_ops-crash-child"))
            .arg(dir.path())
            .arg(&draft)
            .arg(start.to_string())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("spawn child");
        let stdout = child.stdout.take().unwrap();
        let (tx, rx) = mpsc::channel::<String>();
        let reader = std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                let _ = tx.send(line);
            }
        });
        // One kill in ten lands while the child is still opening the store; the others a few
        // milliseconds after it started saving.
        let saving = rng.u8(..10) != 0;
        if !saving {
            std::thread::sleep(Duration::from_micros(rng.u64(0..20_000)));
        } else {
            match rx.recv_timeout(Duration::from_secs(20)) {
                Ok(l) if l == "ready" => {}
                other => panic!("trial {trial}: the child did not get ready: {other:?}"),
            }
            std::thread::sleep(Duration::from_micros(rng.u64(0..20_000)));
        }
        child.kill().expect("SIGKILL"); // std's kill() sends SIGKILL on Unix
        let status = child.wait().unwrap();
        reader.join().unwrap();
        let lines: Vec<String> = rx.try_iter().collect();
        if status.success() {
            panic!("trial {trial}: the child must die by the signal");
        }
        let reported: Vec<u64> = lines.iter().filter_map(|l| l.parse().ok()).collect();
        if saving {
            killed_saving += 1;
            after_a_save += u64::from(!reported.is_empty());
        } else {
            killed_opening += 1;
        }
        saves += reported.len();
        for &i in &reported {
            acked.insert(key_of(i), i);
        }

        let store =
            Store::open(dir.path()).unwrap_or_else(|e| panic!("trial {trial}: reopen failed: {e}"));
        assert_eq!(store.integrity_check().unwrap(), "ok", "trial {trial}");
        let d = store.load_draft(&draft).unwrap();
        for (key, &last) in &acked {
            let found: Option<u64> = match key.as_str() {
                "section" => d
                    .sections
                    .get("kihon.shokuinzo")
                    .and_then(|s| s.parse().ok()),
                "title" => d
                    .meta
                    .title
                    .strip_prefix("方針 ")
                    .and_then(|s| s.parse().ok()),
                ab => d
                    .abilities
                    .iter()
                    .find(|a| a.id == ab)
                    .and_then(|a| a.description.parse().ok()),
            };
            assert!(
                found.is_some_and(|f| f >= last),
                "trial {trial}: the acknowledged save {last} of {key} is lost (found {found:?})"
            );
        }
    }
    let took = started.elapsed();
    eprintln!(
        "ops crash test: {trials} kills in {:.1} s ({killed_saving} while saving, {after_a_save} of them after an acknowledged save; {killed_opening} while opening), {saves} acknowledged saves verified",
        took.as_secs_f64()
    );
    assert!(
        after_a_save >= trials / 3,
        "too few kills landed after an acknowledged save ({after_a_save}/{trials})"
    );
    assert!(
        saves as u64 >= trials,
        "the children saved too little to prove anything ({saves})"
    );
}
