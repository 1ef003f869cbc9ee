//! Running the real `hoshin` binary against a data folder, shared by the CLI's test files.
#![allow(dead_code)] // each test file uses its own part of these

use std::path::Path;
use std::process::{Command, Output};

/// `hoshin --data-dir DIR ARGS…`, ignoring any `HOSHIN_DATA_DIR` of the caller.
pub fn hoshin(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_hoshin"))
        .arg("--data-dir")
        .arg(dir)
        .args(args)
        .env_remove("HOSHIN_DATA_DIR")
        .output()
        .expect("run hoshin")
}

/// Runs and expects exit 0; its standard output.
pub fn ok(dir: &Path, args: &[&str]) -> String {
    let o = hoshin(dir, args);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{args:?}: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    String::from_utf8(o.stdout).unwrap()
}

/// Runs and expects exit `code`; its standard error.
pub fn fails(dir: &Path, args: &[&str], code: i32) -> String {
    let o = hoshin(dir, args);
    assert_eq!(
        o.status.code(),
        Some(code),
        "{args:?}: stdout {} stderr {}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    );
    String::from_utf8(o.stderr).unwrap()
}

/// A new draft from a built-in sample; its id.
pub fn sample(dir: &Path, name: &str) -> String {
    ok(dir, &["new", "--from-sample", name]).trim().to_string()
}
