//! `hoshin`: the headless command line for facilitators and IT staff.
//!
//! Exit codes: 0 ok, 2 bad usage or bad input (message on stderr), 3 storage error.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{error::ErrorKind, Parser, Subcommand};
use hoshin_check::Report;
use hoshin_model::templates::Severity;
use hoshin_model::{wareki, Draft, FyRange};
use hoshin_ops::{
    files, read_old_policy, results, ComparisonOptions, Error, ErrorCode, Format, VersionRef,
    Workspace,
};

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
    /// 管理職の確認用に書き出す（整合性チェックを先に行い、未解決の件数を表紙に記す）。
    /// xlsx は計画の表（研修計画・採用計画・施策・制度・指標）で、編集して import-plan で戻せる
    Export {
        id: String,
        /// 形式: md（Markdown）、pdf、docx（Word）、html（ウェブサイト掲載用）、xlsx（Excel の計画の表）
        #[arg(long, value_name = "md|pdf|docx|html|xlsx")]
        format: ExportFormat,
        /// 書き出し先
        #[arg(short = 'o', value_name = "FILE")]
        output: PathBuf,
        /// 付録（整合性チェックの結果、対応表、確認済みの指摘と理由）を付ける
        #[arg(long)]
        appendix: bool,
        /// 概要版（A4横1枚: 目指す職員像 → 求められる能力 → 主な取組 → 指標と目標値）を書き出す。
        /// 形式は pdf か md。収まらない行は省き、その件数を記す
        #[arg(long, conflicts_with = "appendix")]
        summary: bool,
    },
    /// 年次点検報告を書き出す（目標ごとの取組の状況、指標の実績と進捗のグラフ、研修の実施状況、職員数の見通しと実員、未解決の指摘）
    Report {
        id: String,
        /// 点検する年度（西暦、例: 2028）。計画期間の中の年度
        #[arg(long, value_name = "FY")]
        fy: i32,
        /// 形式: md（Markdown）、pdf、docx（Word）、html（ウェブサイト掲載用）
        #[arg(long, value_name = "md|pdf|docx|html")]
        format: ExportFormat,
        /// 書き出し先（- で標準出力）
        #[arg(short = 'o', value_name = "FILE")]
        output: PathBuf,
    },
    /// 編集した Excel の計画の表を取り込む。--apply がなければ変更点を表示するだけ（終了コード 0）。
    /// 誤りのあるセルがあれば、場所と直し方を表示して終了コード 2（何も変えない）
    ImportPlan {
        id: String,
        #[arg(value_name = "FILE.xlsx")]
        file: PathBuf,
        /// 変更を反映する（直前の状態を版として保存してから、一度にまとめて反映する）
        #[arg(long)]
        apply: bool,
        /// シートから消した行の項目も削除する（指定しなければ知らせるだけ）
        #[arg(long, requires = "apply")]
        delete_removed: bool,
    },
    /// 公用文の書き方の点検（句読点、数字、か月、丸数字、用字、文体、文の長さ、元年）。
    /// 要対応の指摘が残っていれば終了コード 1
    Lint {
        id: String,
        /// JSON で出力する（rule, severity, location, start, end, found, fix, safe, message）
        #[arg(long)]
        json: bool,
    },
    /// 研究会用: 参加者の交換ファイル（.hoshin.json）を並べて比べる（選んだ指標、つながりの割合、
    /// デジタル人材の目標、規則ごとの指摘）。下書きには取り込まない
    CompareDrafts {
        #[arg(value_name = "FILE", num_args = 2.., required = true)]
        files: Vec<PathBuf>,
        /// 団体名を伏せる（団体A、団体B …）
        #[arg(long, alias = "anonymize")]
        anonymise: bool,
        /// 形式: md（Markdown）、pdf、docx（Word）、html（ウェブサイト掲載用）
        #[arg(long, value_name = "md|pdf|docx|html")]
        format: ExportFormat,
        /// 書き出し先（- で標準出力）
        #[arg(short = 'o', value_name = "FILE")]
        output: PathBuf,
    },
    /// 研究会のワークシート: grid（能力と研修・採用の対応表）か chain（職員像から指標までのつながり）。
    /// --from を付けるとその下書きの内容で埋め、付けなければ白紙
    Worksheet {
        #[arg(value_name = "grid|chain")]
        kind: WorksheetKind,
        /// 内容を埋める下書きの ID
        #[arg(long, value_name = "ID")]
        from: Option<String>,
        /// 形式: md（Markdown）、pdf、docx（Word）、html（ウェブサイト掲載用）、xlsx（Excel）
        #[arg(long, value_name = "md|pdf|docx|html|xlsx")]
        format: ExportFormat,
        /// 書き出し先（- で標準出力）
        #[arg(short = 'o', value_name = "FILE")]
        output: PathBuf,
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
    /// 職員数の見通し: 職種区分と年度ごとの職員数、退職、採用（採用計画から）、見込み、定員
    Workforce {
        id: String,
        /// JSON で出力する（category, fy, staff, leavers, hires, reappointed, projected, teiin, actual）
        #[arg(long)]
        json: bool,
    },
    /// 年度の実績を記録する（指標は実績値、研修は受講者数、施策・制度は状態: 未着手・実施中・完了・見直し）。
    /// 一つでも誤りがあれば何も保存しない
    Results {
        id: String,
        /// 実績の年度（西暦、例: 2027）
        #[arg(long, value_name = "FY")]
        fy: i32,
        /// ID=値（何度でも指定できる。例: --set in-overtime=152）
        #[arg(long = "set", value_name = "ID=VALUE")]
        set: Vec<String>,
        /// CSV ファイル（列は id,value[,note]。UTF-8 または Shift_JIS）
        #[arg(long = "import", value_name = "FILE", conflicts_with = "set")]
        import: Option<PathBuf>,
    },
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
        /// 形式: md（Markdown）、pdf、docx（Word）、html（ウェブサイト掲載用）
        #[arg(long, value_name = "md|pdf|docx|html")]
        format: ExportFormat,
        #[arg(short = 'o', value_name = "FILE")]
        output: PathBuf,
        /// 変更のない項目も載せる
        #[arg(long)]
        all: bool,
        /// 策定後の表記（改正後／改正前）にする。既定は改正案／現行
        #[arg(long)]
        adopted: bool,
        /// 空欄の備考列を付ける
        #[arg(long)]
        remarks: bool,
        /// 横向きのページにする（Word のみ）
        #[arg(long)]
        landscape: bool,
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
enum WorksheetKind {
    Grid,
    Chain,
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum ExportFormat {
    Md,
    Pdf,
    Docx,
    Html,
    Xlsx,
}

enum Failure {
    /// The check found unacknowledged errors: exit 1 (the report is already printed).
    Findings,
    /// An operation failed: exit 2 (input) or 3 (storage), with its message and hint.
    Op(Error),
}

impl From<Error> for Failure {
    fn from(e: Error) -> Self {
        Failure::Op(e)
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
        Err(Failure::Op(e)) => {
            let exit = e.code.exit_code();
            let prefix = if exit == 3 {
                "エラー（保存領域）"
            } else {
                "エラー"
            };
            eprintln!("{prefix}: {}", e.message);
            if !e.hint.is_empty() {
                eprintln!("ヒント: {}", e.hint);
            }
            if e.code == ErrorCode::StoreCorrupt {
                eprintln!("ヒント: `hoshin backups` でバックアップを確かめ、`hoshin restore-backup` で最新の健全なバックアップから復元できます。");
            }
            eprintln!("（{}）", e.code.as_str());
            ExitCode::from(exit)
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

/// Write to a file atomically, or to standard output for `-`.
fn write_out(path: &Path, bytes: &[u8]) -> Result<(), Failure> {
    if path == Path::new("-") {
        std::io::stdout()
            .write_all(bytes)
            .map_err(|e| Error::io("標準出力に書く", &e))?;
        return Ok(());
    }
    Ok(files::write_atomically(path, bytes)?)
}

fn format_of(f: ExportFormat) -> Format {
    match f {
        ExportFormat::Md => Format::Md,
        ExportFormat::Pdf => Format::Pdf,
        ExportFormat::Docx => Format::Docx,
        ExportFormat::Html => Format::Html,
        ExportFormat::Xlsx => Format::Xlsx,
    }
}

/// `--map 3=ikusei.ojt` / `--map 5=none` → (section index, item).
fn parse_map(m: &str) -> Result<(usize, Option<String>), Failure> {
    let (n, item) = m.split_once('=').ok_or_else(|| {
        Error::invalid(format!("--map「{m}」は 番号=項目ID の形で指定してください"))
    })?;
    let n: usize = n.trim().parse().ok().filter(|n| *n >= 1).ok_or_else(|| {
        Error::invalid(format!("--map「{m}」の番号が 1 以上の数字ではありません"))
    })?;
    let item = item.trim();
    Ok((n - 1, (item != "none").then(|| item.to_string())))
}

fn run(cli: Cli) -> Result<(), Failure> {
    let mut ws = Workspace::open(cli.data_dir.as_deref());
    for w in ws.template_warnings() {
        eprintln!("{w}");
    }
    match cli.command {
        Command::New {
            from_sample: Some(name),
            ..
        } => {
            println!("{}", ws.create_from_sample(&name)?.id);
        }
        Command::New {
            municipality,
            title,
            from,
            to,
            from_sample: None,
        } => {
            let (Some(m), Some(t), Some(from), Some(to)) = (municipality, title, from, to) else {
                return Err(Error::invalid(
                    "--municipality、--title、--from、--to をすべて指定してください",
                )
                .into());
            };
            println!("{}", ws.create_draft(&m, &t, FyRange { from, to })?.id);
        }
        Command::Samples => {
            for s in Workspace::samples() {
                println!("{}\t{}\t{}", s.name, s.municipality, s.title);
            }
        }
        Command::Check { id, json } => {
            let (draft, report) = ws.check(&id)?;
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
            for d in ws.list_drafts(trash)? {
                println!(
                    "{}\t{}\t{}\t{}",
                    d.id, d.municipality, d.title, d.updated_at
                );
            }
        }
        Command::Import { file } => {
            let imported = ws.import_exchange(&files::read_exchange(&file)?)?;
            if let Some(old) = &imported.id_in_file {
                eprintln!("同じ ID（{old}）の下書きが既にあるため、上書きせずに新しい ID で取り込みました。");
            }
            println!("{}", imported.draft.id);
        }
        Command::ExportJson { id, output } => {
            let (json, _) = ws.exchange_file(&id)?;
            write_out(&output, json.as_bytes())?;
        }
        Command::Export {
            id,
            format,
            output,
            appendix,
            summary,
        } => {
            let out = if summary {
                ws.render_summary(&id, format_of(format))?
            } else {
                ws.render_document(&id, format_of(format), appendix)?
            };
            write_out(&output, &out.bytes)?;
            for w in &out.warnings {
                eprintln!("{w}");
            }
            if out.open_errors > 0 {
                eprintln!("整合性チェックで未解決の要対応が {} 件あります。表紙にその旨を記して書き出しました。", out.open_errors);
            }
        }
        Command::Report {
            id,
            fy,
            format,
            output,
        } => {
            let out = ws.render_review(&id, fy, format_of(format))?;
            write_out(&output, &out.bytes)?;
            for w in &out.warnings {
                eprintln!("{w}");
            }
        }
        Command::ImportPlan {
            id,
            file,
            apply,
            delete_removed,
        } => {
            let (name, bytes) = files::read_named(&file)?;
            let changes = ws.plan_changes(&id, &name, &bytes)?;
            print_plan_changes(&changes);
            if !changes.errors.is_empty() {
                return Err(Error::invalid(format!(
                    "直すところが {} 件あるため、何も取り込んでいません",
                    changes.errors.len()
                ))
                .with_hint("表示されたセルを直して保存し、もう一度取り込んでください")
                .into());
            }
            if apply {
                let done = ws.apply_plan(&id, &name, &bytes, delete_removed)?;
                match done.version {
                    Some(v) => println!(
                        "反映しました（変更 {} 行{}）。反映前の状態は版 {} として保存してあります",
                        done.changes.changes.len(),
                        if delete_removed && !done.changes.removed.is_empty() {
                            format!("、削除 {} 件", done.changes.removed.len())
                        } else {
                            String::new()
                        },
                        v.id
                    ),
                    None => println!("変更はありません"),
                }
            } else if !changes.is_empty() {
                println!("（確認のみ。反映するには --apply を付けて実行してください）");
            }
        }
        Command::Lint { id, json } => {
            let findings = ws.lint(&id)?;
            if json {
                println!(
                    "{}",
                    serde_json::to_string_pretty(&findings).expect("findings serialise")
                );
            } else if findings.is_empty() {
                println!("公用文の点検: 指摘はありません");
            } else {
                for f in &findings {
                    let place = match &f.location.field_label {
                        Some(l) if !l.is_empty() => format!("{}（{}）", f.location.label, l),
                        _ => f.location.label.clone(),
                    };
                    let fix = f
                        .fix
                        .as_ref()
                        .map(|x| format!("「{}」→「{}」", f.found, x))
                        .unwrap_or_else(|| format!("「{}」", f.found));
                    println!(
                        "{}\t{}\t{}\t{}-{}\t{}\t{}",
                        f.rule,
                        if f.severity == hoshin_model::templates::Severity::Error {
                            "要対応"
                        } else {
                            "注意"
                        },
                        place,
                        f.start,
                        f.end,
                        fix,
                        f.message
                    );
                }
            }
            if hoshin_lint::errors(&findings) > 0 {
                return Err(Failure::Findings);
            }
        }
        Command::CompareDrafts {
            files: paths,
            anonymise,
            format,
            output,
        } => {
            let inputs = paths
                .iter()
                .map(|p| files::read_named_exchange(p))
                .collect::<Result<Vec<_>, _>>()?;
            let out = ws.compare_drafts(&inputs, anonymise, format_of(format))?;
            write_out(&output, &out.bytes)?;
            for w in &out.warnings {
                eprintln!("{w}");
            }
        }
        Command::Worksheet {
            kind,
            from,
            format,
            output,
        } => {
            let kind = match kind {
                WorksheetKind::Grid => hoshin_ops::SheetKind::Grid,
                WorksheetKind::Chain => hoshin_ops::SheetKind::Chain,
            };
            let out = ws.render_worksheet(kind, from.as_deref(), format_of(format))?;
            write_out(&output, &out.bytes)?;
        }
        Command::Acknowledge {
            id,
            key,
            reason,
            by,
        } => {
            ws.acknowledge(&id, &key, &reason, &by)?;
        }
        Command::Unacknowledge { id, key } => {
            ws.unacknowledge(&id, &key)?;
        }
        Command::Workforce { id, json } => {
            let rows = ws.workforce(&id)?;
            if json {
                println!(
                    "{}",
                    serde_json::to_string_pretty(&rows).expect("rows serialise")
                );
            } else if rows.is_empty() {
                println!("職員数の見通しはまだありません（職種区分ごとの職員数、定員、退職の見込みを入力してください）");
            } else {
                let labels = &ws.templates().lists.job_categories;
                println!("職種区分\t年度\t年度初め\t退職\t採用\t再任用\t年度末見込み\t定員\t実員");
                for r in &rows {
                    println!(
                        "{}\t{}\t{}\t{}{}\t{}\t{:+}\t{}\t{}\t{}",
                        hoshin_model::templates::Lists::label(labels, &r.category),
                        wareki::fy(r.fy),
                        r.staff,
                        r.leavers,
                        if r.derived { "（推計）" } else { "" },
                        r.hires,
                        r.reappointed,
                        r.projected,
                        r.teiin
                            .map(|t| t.to_string())
                            .unwrap_or_else(|| "－".into()),
                        r.actual
                            .map(|t| t.to_string())
                            .unwrap_or_else(|| "－".into())
                    );
                }
            }
        }
        Command::Results {
            id,
            fy,
            set,
            import,
        } => {
            let rows = match &import {
                Some(file) => {
                    let (name, bytes) = files::read_named(file)?;
                    let (text, _) = files::decode_text(&name, &bytes)?;
                    results::from_csv(&text)?
                }
                None if set.is_empty() => {
                    return Err(Error::invalid("記録する実績がありません")
                        .with_hint("--set ID=値 か --import ファイル.csv を指定してください")
                        .into())
                }
                None => results::from_pairs(&set)?,
            };
            let stored = ws.record_results(&id, fy, &rows)?;
            println!("{}の実績を {} 件保存しました", wareki::fy(fy), stored.len());
        }
        Command::ImportPolicy { id, file, map } => {
            let (name, bytes) = files::read_named(&file)?;
            let outline = read_old_policy(&name, &bytes)?;
            let choices = map
                .iter()
                .map(|m| parse_map(m))
                .collect::<Result<Vec<_>, _>>()?;
            let mapping = ws.mapping_with(&outline, &choices)?;
            ws.load_draft(&id)?;
            for (i, item) in &mapping {
                let s = &outline.sections[*i];
                let target = item
                    .as_deref()
                    .and_then(|x| ws.templates().item(x))
                    .map(|x| format!("{}（{}）", x.heading, x.id))
                    .unwrap_or_else(|| "（対応なし）".into());
                let number = s
                    .number
                    .as_deref()
                    .map(|n| format!("{n} "))
                    .unwrap_or_default();
                eprintln!("{}\t{number}{}\t→ {target}", i + 1, s.title);
            }
            let v = ws.import_policy(&id, &name, &outline, &mapping)?;
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
            remarks,
            landscape,
        } => {
            let old: VersionRef = from.parse()?;
            let new: VersionRef = to.parse()?;
            let opts = ComparisonOptions {
                adopted,
                all,
                remarks,
                landscape,
            };
            let out = ws.render_comparison(&id, &old, &new, format_of(format), opts)?;
            write_out(&output, &out.bytes)?;
            for w in &out.warnings {
                eprintln!("{w}");
            }
            if let Some((changed, total)) = out.changed {
                eprintln!("変更のある項目: {changed} / {total}");
            }
        }
        Command::Versions { id } => {
            for v in ws.versions(&id)? {
                println!("{}\t{}\t{}", v.id, v.created_at, v.label);
            }
        }
        Command::Snapshot { id, label } => {
            println!("{}", ws.snapshot(&id, &label)?.id);
        }
        Command::Restore { id, version } => {
            let saved = ws.restore_version(&id, version)?;
            eprintln!(
                "版 {version} を復元しました。復元前の状態は版 {}（{}）として残っています。",
                saved.id, saved.label
            );
        }
        Command::Rename { id, title } => {
            ws.rename_draft(&id, &title)?;
        }
        Command::Duplicate { id } => {
            println!("{}", ws.duplicate_draft(&id)?.id);
        }
        Command::Trash { id } => ws.set_trashed(&id, true)?,
        Command::Untrash { id } => ws.set_trashed(&id, false)?,
        Command::Backups => {
            for b in ws.backups()? {
                println!(
                    "{}\t{}\t{}",
                    b.file_name,
                    b.created_at.as_deref().unwrap_or("-"),
                    b.bytes
                );
            }
        }
        Command::RestoreBackup { file } => {
            let used = match &file {
                Some(f) => ws.restore_backup_file(f)?,
                None => ws.restore_backup(None)?,
            };
            eprintln!(
                "バックアップ {} から復元しました。元のファイルは {} フォルダに .replaced- を付けて残しています。",
                used.file_name,
                ws.data_dir().map(|d| d.display().to_string()).unwrap_or_default()
            );
        }
    }
    Ok(())
}

/// The check as people read it: counts first, then each finding with where to fix it.
/// The dry run of an Excel import: each changed cell, added rows, rows no longer in a sheet,
/// and the problems at their cells (on standard error).
fn print_plan_changes(c: &hoshin_sheet::PlanChanges) {
    for ch in &c.changes {
        if ch.added {
            println!("追加\t{} {}行目\t{}", ch.sheet, ch.row, ch.name);
        } else {
            println!(
                "変更\t{} {}行目\t{}（{}）",
                ch.sheet, ch.row, ch.name, ch.id
            );
        }
        for cell in &ch.cells {
            println!(
                "\t{}\t{}: {} → {}",
                cell.cell,
                cell.column,
                if cell.old.is_empty() {
                    "（空欄）"
                } else {
                    &cell.old
                },
                if cell.new.is_empty() {
                    "（空欄）"
                } else {
                    &cell.new
                }
            );
        }
    }
    for r in &c.removed {
        println!("シートにない\t{}\t{}（{}）", r.sheet, r.name, r.id);
    }
    if c.changes.is_empty() && c.removed.is_empty() && c.errors.is_empty() {
        println!("変更はありません");
    }
    for e in &c.errors {
        eprintln!("{}\t{}", e.cell, e.message);
    }
}

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
