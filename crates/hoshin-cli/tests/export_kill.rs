//! An export killed at random moments (SIGKILL) leaves at the target path either the previous
//! file or the complete new one, never a partial file. The child is the real `hoshin export`,
//! which writes through the same operation as the app.

use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use hoshin_ops::{Format, Workspace};

/// A draft large enough that writing its export takes a while (several MB of Markdown).
fn big_draft(ws: &mut Workspace) -> String {
    let id = ws.create_from_sample("city-300000").expect("sample").id;
    let sections: Vec<String> = ws
        .templates()
        .pillars
        .iter()
        .flat_map(|p| p.items.iter().map(|i| i.id.clone()))
        .collect();
    let para = "職員一人ひとりが住民の立場で考え、組織として学び続ける。".repeat(40);
    let body = std::iter::repeat_n(para.as_str(), 40)
        .collect::<Vec<_>>()
        .join("\n\n");
    for s in &sections {
        ws.set_section(&id, s, &body).expect("section");
    }
    id
}

#[test]
fn sigkill_during_export_never_leaves_a_partial_file() {
    let trials: u32 = std::env::var("HOSHIN_EXPORT_KILLS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(20);
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let out_dir = dir.path().join("out");
    std::fs::create_dir_all(&out_dir).unwrap();
    let target = out_dir.join("方針.md");
    let mut ws = Workspace::open(Some(&data));
    let id = big_draft(&mut ws);
    let mut rng = fastrand::Rng::with_seed(20261202);

    let run = |wait: Option<Duration>| -> (bool, Duration) {
        let start = Instant::now();
        let mut child = Command::new(env!("CARGO_BIN_EXE_hoshin"))
            .arg("--data-dir")
            .arg(&data)
            .args(["export", &id, "--format", "md", "--appendix", "-o"])
            .arg(&target)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("spawn export-child");
        if let Some(w) = wait {
            std::thread::sleep(w);
            let _ = child.kill(); // SIGKILL on Unix
        }
        let done = child.wait().unwrap().success();
        (done, start.elapsed())
    };

    // One complete run: how long an export takes, and the bytes it writes.
    let (done, full) = run(None);
    assert!(done, "a plain export finishes");
    let mut previous = std::fs::read(&target).unwrap();
    assert!(
        previous.len() > 2_000_000,
        "big enough to take a while: {} bytes",
        previous.len()
    );

    let (mut mid, mut finished) = (0, 0);
    for trial in 0..trials {
        // Change the draft, so the new file differs from the previous one.
        ws.set_section(&id, "kihon.shokuinzo", &format!("試行 {trial} の本文"))
            .unwrap();
        let expected = ws.render_document(&id, Format::Md, true).unwrap().bytes;
        assert_ne!(expected, previous);
        let wait = Duration::from_micros(rng.u64(0..(full.as_micros() as u64 * 12 / 10).max(1)));
        let (done, _) = run(Some(wait));
        let now = std::fs::read(&target).expect("the target is never missing");
        if done {
            finished += 1;
        } else {
            mid += 1;
        }
        assert!(
            now == previous || now == expected,
            "trial {trial} (killed after {wait:?}, finished: {done}): {} bytes at the target, \
             previous {} / new {}",
            now.len(),
            previous.len(),
            expected.len()
        );
        if done {
            assert_eq!(now, expected, "a finished export wrote the new file");
        }
        previous = now;
    }
    eprintln!("{trials} kills: {mid} during the export, {finished} after it finished");
    assert!(
        mid >= trials / 4,
        "most kills should land during the export ({mid} of {trials})"
    );
}
