//! `hoshin`: the headless command line for facilitators and IT staff.
//!
//! Exit codes: 0 ok, 2 bad usage or bad input (message on stderr), 3 storage error.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{error::ErrorKind, Parser, Subcommand};
use hoshin_check::Report;
use hoshin_model::templates::{self, Severity, Templates};
use hoshin_model::{exchange, new_id, now_rfc3339, wareki, Draft, FyRange};
use hoshin_store::{
    list_backups, resolve_data_dir, restore_backup, Store, StoreError, VersionKind,
};

const GENERATOR: &str = concat!("hoshin ", env!("CARGO_PKG_VERSION"));

#[derive(Parser)]
#[command(
    name = "hoshin",
    version,
    about = "人材育成・確保基本方針の下書きを管理するコマンド（Hoshin）",
    disable_help_subcommand = true
)]
struct Cli {
    /// データフォルダ（既定: 環境変数 HOSHIN_DATA_DIR、なければ OS のデータフォルダ）
    #[arg(long, global = true, value_name = "DIR")]
    data_dir: Option<PathBuf>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// 新しい下書きを作り、その ID を表示する（--from-sample で見本から作る）
    New {
        /// 団体名（例: みどり町）
        #[arg(long, value_name = "NAME", required_unless_present = "from_sample")]
        municipality: Option<String>,
        /// 表題
        #[arg(long, value_name = "TITLE", required_unless_present = "from_sample")]
        title: Option<String>,
        /// 計画期間の最初の年度（西暦、例: 2025）
        #[arg(long, value_name = "FY", required_unless_present = "from_sample")]
        from: Option<i32>,
        /// 計画期間の最後の年度（西暦、例: 2029）
        #[arg(long, value_name = "FY", required_unless_present = "from_sample")]
        to: Option<i32>,
        /// 見本の名前（`hoshin samples` で一覧）
        #[arg(long, value_name = "NAME", conflicts_with_all = ["municipality", "title", "from", "to"])]
        from_sample: Option<String>,
    },
    /// 見本の下書きの一覧（名前、団体名、表題）
    Samples,
    /// 整合性チェック: 要対応（エラー）が残っていれば終了コード 1
    Check {
        id: String,
        /// JSON で出力する
        #[arg(long)]
        json: bool,
    },
    /// 下書きの一覧（ID、団体名、表題、最終更新）をタブ区切りで表示する
    List {
        /// ごみ箱の中を表示する
        #[arg(long)]
        trash: bool,
    },
    /// 交換ファイル（.hoshin.json）を取り込み、新しい下書きの ID を表示する
    Import {
        #[arg(value_name = "FILE")]
        file: PathBuf,
    },
    /// 下書きを交換ファイル（.hoshin.json）に書き出す
    ExportJson {
        id: String,
        /// 書き出し先（- で標準出力）
        #[arg(short = 'o', value_name = "FILE")]
        output: PathBuf,
    },
    /// 管理職の確認用に書き出す（整合性チェックを先に行い、未解決の件数を表紙に記す）
    Export {
        id: String,
        /// 形式: md（Markdown）または pdf
        #[arg(long, value_name = "md|pdf")]
        format: ExportFormat,
        /// 書き出し先
        #[arg(short = 'o', value_name = "FILE")]
        output: PathBuf,
        /// 付録（整合性チェックの結果、対応表、確認済みの指摘と理由）を付ける
        #[arg(long)]
        appendix: bool,
    },
    /// 整合性チェックの指摘を、理由を付けて確認済みにする（KEY は check --json の key）
    Acknowledge {
        id: String,
        key: String,
        /// 理由（例: 県の人材プールで確保するため）
        #[arg(long, value_name = "TEXT")]
        reason: String,
        /// 確認した人（例: 総務課 人事係長）
        #[arg(long, value_name = "NAME", default_value = "")]
        by: String,
    },
    /// 確認済みにした指摘を取り消す
    Unacknowledge { id: String, key: String },
    /// いまの方針（Markdown またはテキスト）を取り込み、指針の項目に対応付けて「現行」の版として保存する。
    /// 対応付けの案を標準エラーに、保存した版の番号を標準出力に表示する
    ImportPolicy {
        id: String,
        #[arg(value_name = "FILE")]
        file: PathBuf,
        /// 対応付けを指定する（例: --map 3=ikusei.ojt、--map 5=none で対応なし）。番号は案の一覧の番号
        #[arg(long = "map", value_name = "N=ITEM")]
        map: Vec<String>,
    },
    /// 二つの版を比べて新旧対照表を書き出す（VERSION は版の番号、current（今の下書き）、baseline（取り込んだ現行方針））
    Compare {
        id: String,
        /// 旧（現行・改正前）
        #[arg(long, value_name = "VERSION")]
        from: String,
        /// 新（改正案・改正後）
        #[arg(long, value_name = "VERSION")]
        to: String,
        #[arg(long, value_name = "md|pdf")]
        format: ExportFormat,
        #[arg(short = 'o', value_name = "FILE")]
        output: PathBuf,
        /// 変更のない項目も載せる
        #[arg(long)]
        all: bool,
        /// 策定後の表記（改正後／改正前）にする。既定は改正案／現行
        #[arg(long)]
        adopted: bool,
    },
    /// 下書きの版の一覧（番号、保存日時、名前）
    Versions { id: String },
    /// 今の状態を名前を付けて版として保存し、版の番号を表示する
    Snapshot {
        id: String,
        #[arg(long, value_name = "TEXT")]
        label: String,
    },
    /// 版を復元する（今の状態は先に版として保存される）
    Restore { id: String, version: i64 },
    /// 下書きの表題を変える
    Rename {
        id: String,
        #[arg(long, value_name = "TITLE")]
        title: String,
    },
    /// 下書きを複製し、新しい ID を表示する
    Duplicate { id: String },
    /// 下書きをごみ箱へ移す
    Trash { id: String },
    /// 下書きをごみ箱から戻す
    Untrash { id: String },
    /// バックアップの一覧
    Backups,
    /// バックアップからデータベースを復元する（今のファイルは消さずに残す）
    RestoreBackup {
        /// 使うバックアップ（省略すると最新の健全なもの）
        #[arg(value_name = "FILE")]
        file: Option<PathBuf>,
    },
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum ExportFormat {
    Md,
    Pdf,
}

enum Failure {
    /// The check found unacknowledged errors: exit 1 (the report is already printed).
    Findings,
    /// Bad usage or bad input: exit 2.
    Input(String),
    /// Storage failed: exit 3.
    Storage(String),
}

impl From<StoreError> for Failure {
    fn from(e: StoreError) -> Self {
        if e.is_input_error() {
            Failure::Input(e.to_string())
        } else {
            Failure::Storage(e.to_string())
        }
    }
}

impl From<exchange::ImportError> for Failure {
    fn from(e: exchange::ImportError) -> Self {
        Failure::Input(e.to_string())
    }
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => return usage_error(e),
    };
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(Failure::Findings) => ExitCode::from(1),
        Err(Failure::Input(m)) => {
            eprintln!("エラー: {m}");
            ExitCode::from(2)
        }
        Err(Failure::Storage(m)) => {
            eprintln!("エラー（保存領域）: {m}");
            ExitCode::from(3)
        }
    }
}

fn usage_error(e: clap::Error) -> ExitCode {
    if matches!(
        e.kind(),
        ErrorKind::DisplayHelp
            | ErrorKind::DisplayVersion
            | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand
    ) {
        let _ = e.print();
        return if e.kind() == ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand {
            ExitCode::from(2)
        } else {
            ExitCode::SUCCESS
        };
    }
    let what = match e.kind() {
        ErrorKind::MissingRequiredArgument => "必須の引数が足りません",
        ErrorKind::UnknownArgument => "知らないオプションが指定されました",
        ErrorKind::InvalidSubcommand => "知らないサブコマンドです",
        ErrorKind::InvalidValue | ErrorKind::ValueValidation => {
            "値が正しくありません（年度は 2025 のような西暦の数字で指定します）"
        }
        ErrorKind::ArgumentConflict => "同時に指定できないオプションがあります",
        ErrorKind::TooManyValues | ErrorKind::WrongNumberOfValues => "引数の数が正しくありません",
        _ => "コマンドの指定が正しくありません",
    };
    eprintln!(
        "エラー: {what}。`hoshin --help` で使い方を確かめてください。\n{}",
        e.render().to_string().trim_end()
    );
    ExitCode::from(2)
}

/// The templates in use: built-ins shadowed by `<data dir>/templates/`; problems go to stderr.
fn user_templates(dir: &Path) -> Templates {
    let (t, warnings) = Templates::load(Some(&dir.join("templates")));
    for w in warnings {
        eprintln!("注意: ひな形 {w}");
    }
    t
}

fn open(data_dir: Option<&Path>) -> Result<Store, Failure> {
    let dir = resolve_data_dir(data_dir)?;
    Ok(Store::open(&dir)?)
}

fn write_atomically(path: &Path, text: &str) -> Result<(), Failure> {
    write_bytes_atomically(path, text.as_bytes())
}

/// Write a file via a temporary sibling and a rename, so a failure never leaves half a file.
fn write_bytes_atomically(path: &Path, bytes: &[u8]) -> Result<(), Failure> {
    if path == Path::new("-") {
        std::io::stdout()
            .write_all(bytes)
            .map_err(|e| Failure::Storage(format!("標準出力に書けません: {e}")))?;
        return Ok(());
    }
    let fail =
        |e: std::io::Error| Failure::Storage(format!("{} に書き出せません: {e}", path.display()));
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    if !dir.is_dir() {
        return Err(Failure::Input(format!(
            "書き出し先のフォルダ {} がありません",
            dir.display()
        )));
    }
    let tmp = dir.join(format!(
        ".{}.partial",
        path.file_name()
            .map(|n| n.to_string_lossy())
            .unwrap_or_default()
    ));
    std::fs::write(&tmp, bytes).map_err(|e| {
        let _ = std::fs::remove_file(&tmp);
        fail(e)
    })?;
    std::fs::rename(&tmp, path).map_err(fail)
}

fn run(cli: Cli) -> Result<(), Failure> {
    let dd = cli.data_dir.as_deref();
    match cli.command {
        Command::New {
            from_sample: Some(name),
            ..
        } => {
            let mut d = templates::sample(&name).ok_or_else(|| {
                let names: Vec<&str> = templates::SAMPLES.iter().map(|(n, _)| *n).collect();
                Failure::Input(format!(
                    "見本「{name}」はありません。使える見本: {}",
                    names.join("、")
                ))
            })?;
            d.meta.id = new_id("d");
            d.meta.created_at = now_rfc3339();
            println!("{}", open(dd)?.import_draft(&d)?.meta.id);
        }
        Command::New {
            municipality,
            title,
            from,
            to,
            from_sample: None,
        } => {
            let (Some(m), Some(t), Some(from), Some(to)) = (municipality, title, from, to) else {
                return Err(Failure::Input(
                    "--municipality、--title、--from、--to をすべて指定してください".into(),
                ));
            };
            let d = open(dd)?.create_draft(&m, &t, FyRange { from, to })?;
            println!("{}", d.meta.id);
        }
        Command::Samples => {
            for (name, _) in templates::SAMPLES {
                let d = templates::sample(name).expect("listed");
                println!("{name}\t{}\t{}", d.meta.municipality, d.meta.title);
            }
        }
        Command::Check { id, json } => {
            let dir = resolve_data_dir(dd)?;
            let draft = Store::open(&dir)?.load_draft(&id)?;
            let t = user_templates(&dir);
            let report = hoshin_check::check(&draft, &t);
            if json {
                println!(
                    "{}",
                    serde_json::to_string_pretty(&report).expect("reports serialise")
                );
            } else {
                print!("{}", human_report(&draft, &report));
            }
            if report.open_errors > 0 {
                return Err(Failure::Findings);
            }
        }
        Command::List { trash } => {
            for d in open(dd)?.list_drafts(trash)? {
                println!(
                    "{}\t{}\t{}\t{}",
                    d.id, d.municipality, d.title, d.updated_at
                );
            }
        }
        Command::Import { file } => {
            let bytes = std::fs::read(&file)
                .map_err(|e| Failure::Input(format!("{} を読めません: {e}", file.display())))?;
            let draft = exchange::parse_bytes(&bytes)?;
            let stored = open(dd)?.import_draft(&draft)?;
            if stored.meta.id != draft.meta.id {
                eprintln!(
                    "同じ ID（{}）の下書きが既にあるため、上書きせずに新しい ID で取り込みました。",
                    draft.meta.id
                );
            }
            println!("{}", stored.meta.id);
        }
        Command::ExportJson { id, output } => {
            let d = open(dd)?.load_draft(&id)?;
            write_atomically(&output, &exchange::to_json(&d, GENERATOR))?;
        }
        Command::Export {
            id,
            format,
            output,
            appendix,
        } => {
            let dir = resolve_data_dir(dd)?;
            let draft = Store::open(&dir)?.load_draft(&id)?;
            let t = user_templates(&dir);
            let md =
                hoshin_export::MarkdownTemplates::load(Some(&dir.join("templates").join("export")));
            let opts = hoshin_export::ExportOptions {
                appendix,
                date: None,
            };
            let renderer: Box<dyn hoshin_export::Renderer> = match format {
                ExportFormat::Md => Box::new(hoshin_export::MarkdownRenderer),
                ExportFormat::Pdf => Box::new(
                    hoshin_export::PdfRenderer::shared()
                        .map_err(|e| Failure::Input(e.to_string()))?,
                ),
            };
            let out = hoshin_export::export(&draft, &t, &md, renderer.as_ref(), &opts)
                .map_err(|e| Failure::Input(e.to_string()))?;
            write_bytes_atomically(&output, &out.bytes)?;
            for w in &out.warnings {
                eprintln!("{w}");
            }
            if out.report.open_errors > 0 {
                eprintln!("整合性チェックで未解決の要対応が {} 件あります。表紙にその旨を記して書き出しました。", out.report.open_errors);
            }
        }
        Command::Acknowledge {
            id,
            key,
            reason,
            by,
        } => {
            let rule = key.split('/').next().unwrap_or_default().to_string();
            let dir = resolve_data_dir(dd)?;
            let mut store = Store::open(&dir)?;
            let draft = store.load_draft(&id)?;
            let report = hoshin_check::check(&draft, &user_templates(&dir));
            if !report.findings.iter().any(|f| f.key == key) {
                return Err(Failure::Input(format!("指摘「{key}」はこの下書きにありません。`hoshin check {id} --json` で key を確かめてください")));
            }
            store.acknowledge(&id, &key, &rule, &reason, &by)?;
        }
        Command::Unacknowledge { id, key } => open(dd)?.unacknowledge(&id, &key)?,
        Command::ImportPolicy { id, file, map } => {
            let bytes = std::fs::read(&file)
                .map_err(|e| Failure::Input(format!("{} を読めません: {e}", file.display())))?;
            let outline = if bytes.starts_with(b"PK") {
                hoshin_revise::parse_with(
                    &hoshin_revise::docx::to_text(&bytes).map_err(Failure::Input)?,
                    false,
                )
            } else {
                let text = String::from_utf8(bytes).map_err(|_| Failure::Input(format!("{} は UTF-8 のテキストではありません。Markdown かテキスト（UTF-8）で保存し直すか、Word 文書（.docx）を指定してください", file.display())))?;
                hoshin_revise::parse(&text)
            };
            if outline.sections.is_empty() {
                return Err(Failure::Input("見出し（第1、1、(1) など）が見つかりません。番号付きの見出しがある方針の本文を指定してください".into()));
            }
            let dir = resolve_data_dir(dd)?;
            let t = user_templates(&dir);
            let mut mapping: Vec<(usize, Option<String>)> = hoshin_revise::suggest(&outline, &t)
                .into_iter()
                .map(|s| (s.section, s.item))
                .collect();
            for m in &map {
                let (n, item) = m.split_once('=').ok_or_else(|| {
                    Failure::Input(format!("--map「{m}」は 番号=項目ID の形で指定してください"))
                })?;
                let n: usize = n.trim().parse().map_err(|_| {
                    Failure::Input(format!("--map「{m}」の番号が数字ではありません"))
                })?;
                let item = item.trim();
                if item != "none" && t.item(item).is_none() {
                    return Err(Failure::Input(format!(
                        "--map「{m}」: 指針の項目「{item}」はありません"
                    )));
                }
                let slot = mapping
                    .iter_mut()
                    .find(|(i, _)| *i + 1 == n)
                    .ok_or_else(|| {
                        Failure::Input(format!("--map「{m}」: 本文のある見出し {n} はありません"))
                    })?;
                slot.1 = (item != "none").then(|| item.to_string());
            }
            let mut store = Store::open(&dir)?;
            let draft = store.load_draft(&id)?;
            for (i, item) in &mapping {
                let s = &outline.sections[*i];
                let target = item
                    .as_deref()
                    .and_then(|x| t.item(x))
                    .map(|x| format!("{}（{}）", x.heading, x.id))
                    .unwrap_or_else(|| "（対応なし）".into());
                eprintln!(
                    "{}\t{}{}\t→ {target}",
                    i + 1,
                    s.number
                        .as_deref()
                        .map(|n| format!("{n} "))
                        .unwrap_or_default(),
                    s.title
                );
            }
            let name = file
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            let v = store.add_version(
                &id,
                &hoshin_revise::baseline(&draft, &outline, &mapping),
                &format!("現行方針（{name} から取り込み）"),
                VersionKind::Baseline,
            )?;
            println!("{}", v.id);
        }
        Command::Compare {
            id,
            from,
            to,
            format,
            output,
            all,
            adopted,
        } => {
            let dir = resolve_data_dir(dd)?;
            let store = Store::open(&dir)?;
            let side = |which: &str| -> Result<(Draft, hoshin_export::comparison::Side), Failure> {
                let versions = store.versions(&id)?;
                let pick = match which {
                    "current" => None,
                    "baseline" => Some(versions.iter().rev().find(|v| v.kind == VersionKind::Baseline).ok_or_else(|| Failure::Input("取り込んだ現行方針（baseline）がありません。先に `hoshin import-policy` を実行してください".into()))?.clone()),
                    n => {
                        let n: i64 = n.parse().map_err(|_| Failure::Input(format!("版「{n}」は番号、current、baseline のどれかで指定してください")))?;
                        Some(versions.iter().find(|v| v.id == n).ok_or(StoreError::VersionNotFound(id.clone(), n))?.clone())
                    }
                };
                Ok(match pick {
                    None => {
                        let d = store.load_draft(&id)?;
                        let at = d.meta.updated_at.clone();
                        (
                            d,
                            hoshin_export::comparison::Side {
                                label: "現在の下書き".into(),
                                at,
                            },
                        )
                    }
                    Some(v) => (
                        store.version_draft(&id, v.id)?,
                        hoshin_export::comparison::Side {
                            label: format!("版 {} {}", v.id, v.label),
                            at: v.created_at,
                        },
                    ),
                })
            };
            let (old, old_side) = side(&from)?;
            let (new, new_side) = side(&to)?;
            let t = user_templates(&dir);
            let rows = hoshin_revise::compare(&old, &new, &t);
            let doc = hoshin_export::comparison::build_comparison(
                &new.meta.title,
                &new.meta.municipality,
                &old_side,
                &new_side,
                &rows,
                adopted,
                all,
            );
            let md =
                hoshin_export::MarkdownTemplates::load(Some(&dir.join("templates").join("export")));
            let renderer: Box<dyn hoshin_export::Renderer> = match format {
                ExportFormat::Md => Box::new(hoshin_export::MarkdownRenderer),
                ExportFormat::Pdf => Box::new(
                    hoshin_export::PdfRenderer::shared()
                        .map_err(|e| Failure::Input(e.to_string()))?,
                ),
            };
            let out = hoshin_export::export_comparison(&doc, &md, renderer.as_ref())
                .map_err(|e| Failure::Input(e.to_string()))?;
            write_bytes_atomically(&output, &out.bytes)?;
            for w in out.warnings {
                eprintln!("{w}");
            }
            eprintln!("変更のある項目: {} / {}", doc.changed, doc.total);
        }
        Command::Versions { id } => {
            for v in open(dd)?.versions(&id)? {
                println!("{}\t{}\t{}", v.id, v.created_at, v.label);
            }
        }
        Command::Snapshot { id, label } => {
            let v = open(dd)?.snapshot(&id, &label, VersionKind::Manual)?;
            println!("{}", v.id);
        }
        Command::Restore { id, version } => {
            let saved = open(dd)?.restore_version(&id, version)?;
            eprintln!(
                "版 {version} を復元しました。復元前の状態は版 {}（{}）として残っています。",
                saved.id, saved.label
            );
        }
        Command::Rename { id, title } => {
            open(dd)?.rename_draft(&id, &title)?;
        }
        Command::Duplicate { id } => {
            println!("{}", open(dd)?.duplicate_draft(&id)?.meta.id);
        }
        Command::Trash { id } => open(dd)?.trash_draft(&id)?,
        Command::Untrash { id } => open(dd)?.untrash_draft(&id)?,
        Command::Backups => {
            for b in list_backups(&resolve_data_dir(dd)?)? {
                println!("{}\t{}", b.file_name, b.bytes);
            }
        }
        Command::RestoreBackup { file } => {
            let dir = resolve_data_dir(dd)?;
            let used = restore_backup(&dir, file.as_deref())?;
            Store::open(&dir)?; // prove the restored file opens
            eprintln!("バックアップ {} から復元しました。元のファイルは {} フォルダに .replaced- を付けて残しています。", used.file_name, dir.display());
        }
    }
    Ok(())
}

/// The check as people read it: counts first, then each finding with where to fix it.
fn human_report(d: &Draft, r: &Report) -> String {
    let mut s = format!(
        "整合性チェック: {}（{}）\n要対応 {} 件、注意 {} 件、確認済み {} 件\n",
        d.meta.title, d.meta.municipality, r.open_errors, r.open_warnings, r.acknowledged
    );
    let mut order: Vec<&hoshin_check::Finding> = r.findings.iter().collect();
    order.sort_by_key(|f| (f.acknowledgement.is_some(), f.severity != Severity::Error));
    for f in order {
        let mark = match (&f.acknowledgement, f.severity) {
            (Some(_), _) => "確認済み",
            (None, Severity::Error) => "要対応",
            (None, Severity::Warning) => "注意",
        };
        let field = f
            .location
            .field_label
            .as_deref()
            .map(|x| format!("（{x}）"))
            .unwrap_or_default();
        s.push_str(&format!(
            "\n[{mark}] {} {} — {}{field}\n  {}\n",
            f.rule, f.title, f.location.label, f.message
        ));
        if let Some(a) = &f.acknowledgement {
            let when = wareki::date_of_rfc3339(&a.at).unwrap_or_default();
            s.push_str(&format!("  理由: {}（{} {}）\n", a.reason, a.by, when));
        }
    }
    let c = &r.coverage;
    s.push_str(&format!(
        "\n能力の育成・確保 {}%、指標のある目標 {}%\n",
        c.abilities_percent, c.goals_measured_percent
    ));
    for p in c.pillars.iter().filter(|p| p.goals > 0) {
        s.push_str(&format!(
            "  {}: {}/{}（{}%）\n",
            p.label, p.goals_covered, p.goals, p.percent
        ));
    }
    s
}
