//! Files far over the limits, as a hostile or mistaken user would choose them: a 200 MB
//! exchange file and a .docx that unpacks to 1 GB. Each is refused in Japanese, saying what
//! the limit is; nothing is imported; and the process never holds the file in memory (its
//! peak resident size, from `wait4`, stays far below the file's size).
#![cfg(unix)]

use std::io::Write;
use std::path::Path;
use std::process::{Command, Output, Stdio};

const MB: u64 = 1 << 20;

/// Run the CLI and return its output with its peak resident set size in bytes.
fn run(data: &Path, args: &[&str]) -> (Output, u64) {
    let child = Command::new(env!("CARGO_BIN_EXE_hoshin"))
        .arg("--data-dir")
        .arg(data)
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let pid = child.id() as libc::pid_t;
    // Read the pipes on threads so that a chatty child cannot block.
    let mut child = child;
    let mut out = child.stdout.take().unwrap();
    let mut err = child.stderr.take().unwrap();
    let t_out = std::thread::spawn(move || {
        let mut v = Vec::new();
        std::io::Read::read_to_end(&mut out, &mut v).unwrap();
        v
    });
    let t_err = std::thread::spawn(move || {
        let mut v = Vec::new();
        std::io::Read::read_to_end(&mut err, &mut v).unwrap();
        v
    });
    let mut status = 0;
    // SAFETY: plain POSIX call on our own child; `usage` is written by the kernel.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    let r = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    assert_eq!(r, pid, "wait4");
    std::mem::forget(child); // already reaped
    let code = if libc::WIFEXITED(status) {
        libc::WEXITSTATUS(status)
    } else {
        -1
    };
    let output = Output {
        status: std::os::unix::process::ExitStatusExt::from_raw(status),
        stdout: t_out.join().unwrap(),
        stderr: t_err.join().unwrap(),
    };
    assert_eq!(output.status.code(), Some(code));
    // ru_maxrss is in kilobytes on Linux.
    (output, usage.ru_maxrss as u64 * 1024)
}

fn new_draft(data: &Path) -> String {
    let (o, _) = run(data, &["new", "--from-sample", "town-8000"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    String::from_utf8(o.stdout).unwrap().trim().to_string()
}

/// The resident size of the CLI doing a small, successful job, to compare against.
fn baseline(data: &Path) -> u64 {
    let (o, rss) = run(data, &["list"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    rss
}

#[test]
fn a_200_mb_exchange_file_is_refused_from_its_size_without_being_read() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    new_draft(&data);
    let base = baseline(&data);
    // A sparse file: 200 MB on paper, starting like an exchange file.
    let big = dir.path().join("巨大.hoshin.json");
    let mut f = std::fs::File::create(&big).unwrap();
    f.write_all(b"{\"format\":\"hoshin-draft\",\"draft\":{\"meta\":{\"title\":\"")
        .unwrap();
    f.set_len(200 * MB).unwrap();
    drop(f);

    let (o, rss) = run(&data, &["import", big.to_str().unwrap()]);
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert!(
        err.contains("大きすぎる") && err.contains("200 MB") && err.contains("64 MB まで"),
        "{err}"
    );
    assert!(
        rss < base + 32 * MB,
        "peak RSS {} MB (a small job: {} MB): the file was read",
        rss / MB,
        base / MB
    );
    // Nothing was imported: still the one draft.
    let (o, _) = run(&data, &["list"]);
    assert_eq!(String::from_utf8_lossy(&o.stdout).lines().count(), 1);

    // Comparing drafts reads exchange files the same way.
    let out = dir.path().join("比較.md");
    let (o, _) = run(
        &data,
        &[
            "compare-drafts",
            big.to_str().unwrap(),
            big.to_str().unwrap(),
            "--format",
            "md",
            "-o",
            out.to_str().unwrap(),
        ],
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("64 MB まで"));
    assert!(!out.exists());
}

/// A zip with one entry, word/document.xml, whose deflated data unpacks to `repeats` MB of
/// paragraphs; `claim` is the unpacked size its headers state (a lying zip says less).
fn docx_bomb(path: &Path, repeats: u32, claim: Option<u32>) {
    use flate2::{Compress, Compression, FlushCompress};
    let head = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\
        <w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>";
    let para = "<w:p><w:r><w:t>第1 基本方針 職員の育成に取り組む。</w:t></w:r></w:p>";
    let mut chunk = String::new();
    while chunk.len() + para.len() <= MB as usize {
        chunk.push_str(para);
    }
    // Deflate each piece on its own after a full flush, so the one compressed chunk can be
    // repeated: the stream stays valid and unpacks to `repeats` copies.
    let piece = |input: &[u8], flush: FlushCompress| {
        let mut c = Compress::new(Compression::fast(), false);
        let mut out = Vec::with_capacity(input.len() / 4 + 1024);
        c.compress_vec(input, &mut out, flush).unwrap();
        assert_eq!(c.total_in() as usize, input.len());
        out
    };
    let mut crc = crc32fast::Hasher::new();
    let mut data = piece(head.as_bytes(), FlushCompress::Full);
    crc.update(head.as_bytes());
    let body = piece(chunk.as_bytes(), FlushCompress::Full);
    for _ in 0..repeats {
        data.extend_from_slice(&body);
        crc.update(chunk.as_bytes());
    }
    let tail = "</w:body></w:document>";
    data.extend_from_slice(&piece(tail.as_bytes(), FlushCompress::Finish));
    crc.update(tail.as_bytes());
    let size = (head.len() + chunk.len() * repeats as usize + tail.len()) as u64;
    let stated = claim.unwrap_or(u32::try_from(size).expect("under 4 GB"));
    let crc = crc.finalize();

    let name = b"word/document.xml";
    let mut z = Vec::new();
    let le16 = |v: &mut Vec<u8>, x: u16| v.extend_from_slice(&x.to_le_bytes());
    let le32 = |v: &mut Vec<u8>, x: u32| v.extend_from_slice(&x.to_le_bytes());
    // Local file header.
    le32(&mut z, 0x0403_4b50);
    le16(&mut z, 20);
    le16(&mut z, 0);
    le16(&mut z, 8); // deflate
    le16(&mut z, 0);
    le16(&mut z, 0);
    le32(&mut z, crc);
    le32(&mut z, data.len() as u32);
    le32(&mut z, stated);
    le16(&mut z, name.len() as u16);
    le16(&mut z, 0);
    z.extend_from_slice(name);
    z.extend_from_slice(&data);
    // Central directory.
    let cd = z.len() as u32;
    le32(&mut z, 0x0201_4b50);
    le16(&mut z, 20);
    le16(&mut z, 20);
    le16(&mut z, 0);
    le16(&mut z, 8);
    le16(&mut z, 0);
    le16(&mut z, 0);
    le32(&mut z, crc);
    le32(&mut z, data.len() as u32);
    le32(&mut z, stated);
    le16(&mut z, name.len() as u16);
    le16(&mut z, 0);
    le16(&mut z, 0);
    le16(&mut z, 0);
    le16(&mut z, 0);
    le32(&mut z, 0);
    le32(&mut z, 0);
    z.extend_from_slice(name);
    let cd_len = z.len() as u32 - cd;
    le32(&mut z, 0x0605_4b50);
    le16(&mut z, 0);
    le16(&mut z, 0);
    le16(&mut z, 1);
    le16(&mut z, 1);
    le32(&mut z, cd_len);
    le32(&mut z, cd);
    le16(&mut z, 0);
    std::fs::write(path, z).unwrap();
}

#[test]
fn a_docx_that_unpacks_to_1_gb_is_refused_with_memory_bounded() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let id = new_draft(&data);
    let base = baseline(&data);

    // Honest headers: 1 GB stated, refused from the directory.
    let honest = dir.path().join("現行方針.docx");
    docx_bomb(&honest, 1024, None);
    let packed = std::fs::metadata(&honest).unwrap().len();
    assert!(packed < 16 * MB, "the bomb itself is small: {packed}");
    // Lying headers: 1 MB stated, the inflated bytes are what stop it.
    let lying = dir.path().join("現行方針（偽）.docx");
    docx_bomb(&lying, 1024, Some(MB as u32));

    for bomb in [&honest, &lying] {
        let (o, rss) = run(&data, &["import-policy", &id, bomb.to_str().unwrap()]);
        let err = String::from_utf8_lossy(&o.stderr);
        assert_eq!(o.status.code(), Some(2), "{}: {err}", bomb.display());
        assert!(err.contains("MB"), "the limit is named: {err}");
        assert!(
            rss < base + 128 * MB,
            "{}: peak RSS {} MB (a small job: {} MB)",
            bomb.display(),
            rss / MB,
            base / MB
        );
        println!(
            "{}: {} KB packed, refused with peak RSS {} MB (baseline {} MB): {}",
            bomb.file_name().unwrap().to_string_lossy(),
            std::fs::metadata(bomb).unwrap().len() / 1024,
            rss / MB,
            base / MB,
            err.lines().next().unwrap_or("")
        );
    }
    // The draft has no baseline version from either file.
    let (o, _) = run(&data, &["versions", &id]);
    assert!(
        !String::from_utf8_lossy(&o.stdout).contains("現行方針"),
        "{}",
        String::from_utf8_lossy(&o.stdout)
    );
}

/// A draft of 10,000 linked items goes in through an exchange file, is checked, and exports
/// as Markdown and PDF; every item's name is in the export.
#[test]
fn a_draft_of_10000_items_imports_checks_and_exports() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let d = hoshin_tests::generated_draft(2000, 5000, 2000, 1000);
    assert_eq!(d.items().len(), 10_000 + d.personas.len() + d.goals.len());
    let file = dir.path().join("大きな下書き.hoshin.json");
    std::fs::write(&file, hoshin_model::exchange::to_json(&d, "test")).unwrap();
    let (o, _) = run(&data, &["import", file.to_str().unwrap()]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let id = String::from_utf8(o.stdout).unwrap().trim().to_string();

    let (o, _) = run(&data, &["check", &id]);
    assert!(
        o.status.code().is_some_and(|c| c <= 1),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );

    let md = dir.path().join("大きな下書き.md");
    let (o, _) = run(
        &data,
        &["export", &id, "--format", "md", "-o", md.to_str().unwrap()],
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let text = std::fs::read_to_string(&md).unwrap();
    for name in ["能力0", "能力1999", "指標999"] {
        assert!(text.contains(name), "{name} missing from the Markdown");
    }

    let pdf = dir.path().join("大きな下書き.pdf");
    let (o, rss) = run(
        &data,
        &[
            "export",
            &id,
            "--format",
            "pdf",
            "-o",
            pdf.to_str().unwrap(),
        ],
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let info = Command::new("pdfinfo").arg(&pdf).output().unwrap();
    let info = String::from_utf8_lossy(&info.stdout);
    let pages: usize = info
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .and_then(|n| n.trim().parse().ok())
        .unwrap_or_else(|| panic!("pdfinfo: {info}"));
    println!(
        "10,000 items: Markdown {} KB, PDF {} pages {} KB, peak RSS {} MB",
        text.len() / 1024,
        pages,
        std::fs::metadata(&pdf).unwrap().len() / 1024,
        rss / MB
    );
    assert!(pages > 20);
}
