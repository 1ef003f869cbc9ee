//! Kill a saving process with SIGKILL at random moments; after every kill the database must
//! pass `PRAGMA integrity_check` and hold every save the child reported as committed.

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::time::Duration;

use hoshin_store::Store;

#[test]
fn sigkill_at_random_moments_loses_no_committed_save() {
    let trials: u64 = std::env::var("HOSHIN_CRASH_TRIALS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(120);
    let dir = tempfile::tempdir().unwrap();
    let draft = hoshin_tests::store_with_draft(dir.path());
    let mut rng = fastrand::Rng::with_seed(
        std::env::var("HOSHIN_CRASH_SEED")
            .ok()
            .and_then(|s| s.parse().ok())
            .unwrap_or(20261122),
    );
    let mut committed: Vec<u64> = Vec::new();
    let mut killed_mid_run = 0;

    for trial in 0..trials {
        let start = trial * 1_000_000;
        let mut child = Command::new(env!("CARGO_BIN_EXE_crash-child"))
            .arg(dir.path())
            .arg(&draft)
            .arg(start.to_string())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("spawn child");
        let stdout = child.stdout.take().unwrap();
        let reader = std::thread::spawn(move || {
            BufReader::new(stdout)
                .lines()
                .map_while(Result::ok)
                .filter_map(|l| l.parse::<u64>().ok())
                .collect::<Vec<u64>>()
        });
        std::thread::sleep(Duration::from_micros(rng.u64(500..40_000)));
        child.kill().expect("SIGKILL"); // std's kill() sends SIGKILL on Unix
        let status = child.wait().unwrap();
        assert!(!status.success(), "the child must die by the signal");
        let reported = reader.join().unwrap();
        if !reported.is_empty() {
            killed_mid_run += 1;
        }
        committed.extend(&reported);

        let store =
            Store::open(dir.path()).unwrap_or_else(|e| panic!("trial {trial}: reopen failed: {e}"));
        assert_eq!(store.integrity_check().unwrap(), "ok", "trial {trial}");
        let d = store.load_draft(&draft).unwrap();
        let present: std::collections::HashSet<&str> =
            d.abilities.iter().map(|a| a.id.as_str()).collect();
        for i in reported.iter().filter(|i| *i % 4 < 2) {
            assert!(
                present.contains(format!("ab-{i}").as_str()),
                "trial {trial}: reported save ab-{i} is missing"
            );
        }
        for i in reported.iter().filter(|i| *i % 4 == 2) {
            let a = d
                .abilities
                .iter()
                .find(|a| a.id == format!("ab-{}", i - 1))
                .unwrap();
            assert!(
                a.description.starts_with("更新 "),
                "trial {trial}: field save {i} lost"
            );
        }
        if let Some(last) = reported.iter().filter(|i| *i % 4 == 3).max() {
            let section: u64 = d.sections["kihon.shokuinzo"].parse().unwrap();
            assert!(
                section >= *last,
                "trial {trial}: section save {last} lost (found {section})"
            );
        }
    }
    eprintln!(
        "crash test: {trials} kills, {killed_mid_run} while saving, {} committed saves verified",
        committed.len()
    );
    assert!(
        killed_mid_run >= trials / 2,
        "most kills should land while saving ({killed_mid_run}/{trials})"
    );
    assert!(
        committed.len() > 100,
        "the children saved too little to prove anything ({})",
        committed.len()
    );
}
