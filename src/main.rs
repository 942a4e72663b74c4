//! The command-line tool: flags, files and exit codes. Every analysis is the library's.

#![allow(clippy::print_stdout, clippy::print_stderr)]

use gleaner::{analyze, Document, Options, Relation, Report};
use serde_json::{json, Value};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

const HELP: &str = "\
gleaner: find the article in scraped pages, group duplicates, mark entities

USAGE:
    gleaner clean    [OPTIONS] FILE...   print the article text of each file
    gleaner entities [OPTIONS] FILE...   entities of each file as JSON
    gleaner dedup    [OPTIONS] FILE...   duplicate clusters and linked pairs as JSON
    gleaner analyze  [OPTIONS] FILE...   the full report as JSON (what the page shows)

FILE is a .txt, .md or .html/.htm file (any encoding: UTF-8, UTF-16 with BOM,
Windows-1252), or - for standard input. The files are analyzed together: lines
repeated across unrelated files count as template lines. A JSON Lines dump
(.jsonl, .ndjson) of objects with a text, content, body, article or maintext
field gives one article per record, named 'FILE › title' (or url, id).

clean
    One file: prints its article text. Several: prints each under a
    '==> NAME <==' header. With --out-dir DIR, writes DIR/<stem>.txt for each.

entities
    With --out-dir DIR, writes DIR/<stem>.json for each file: a JSON array of
    {\"start\", \"end\", \"label\", \"text\"} where start/end are Unicode code point
    offsets into the file's decoded text (for HTML, into the page's visible
    text), end exclusive, and label is one of PER ORG LOC MISC DATE TIME MONEY
    PERCENT NUMBER. Without --out-dir, prints one JSON object keyed by stem.

dedup
    Prints {\"clusters\": [[stem, ...], ...], \"pairs\": [[stem_a, stem_b, score,
    relation], ...]}: every file is in one cluster (singletons included);
    relation is exact, near (excerpts count as near here) or same-story.

analyze
    Prints the full report: blocks with their labels, reasons and scores,
    cleaned text, mentions and merged entities, clusters and pairs.

OPTIONS:
    --out-dir DIR        write one file per input (clean, entities)
    --threshold X        keep blocks whose article score is at least X
                         (0..1, default 0.5; lower keeps more)
    --near X             near-duplicate threshold (default 0.5)
    --story X            same-story threshold (default 0.4)
    -h, --help           this help
    -V, --version        the version

Files that cannot be analyzed (binary, empty) are reported on stderr; the rest
are still processed, and the exit code is 1. Usage errors exit with 2.
";

#[derive(Debug, PartialEq)]
enum Command {
    Clean,
    Entities,
    Dedup,
    Analyze,
}

struct Args {
    command: Command,
    files: Vec<String>,
    out_dir: Option<PathBuf>,
    options: Options,
}

/// A usage error: the message, shown with a pointer to --help.
struct Usage(String);

fn parse_args(mut raw: impl Iterator<Item = String>) -> Result<Option<Args>, Usage> {
    let mut command = None;
    let mut files = Vec::new();
    let mut out_dir = None;
    let mut options = Options::default();
    let number = |flag: &str, v: Option<String>| -> Result<f32, Usage> {
        let v = v.ok_or_else(|| Usage(format!("{flag} needs a value")))?;
        match v.parse::<f32>() {
            Ok(x) if (0.0..=1.0).contains(&x) => Ok(x),
            _ => Err(Usage(format!(
                "{flag} must be a number from 0 to 1, not '{v}'"
            ))),
        }
    };
    while let Some(arg) = raw.next() {
        match arg.as_str() {
            "-h" | "--help" => return Ok(None),
            "-V" | "--version" => {
                println!("gleaner {}", env!("CARGO_PKG_VERSION"));
                std::process::exit(0);
            }
            "--out-dir" => {
                out_dir =
                    Some(PathBuf::from(raw.next().ok_or_else(|| {
                        Usage("--out-dir needs a directory".into())
                    })?))
            }
            "--threshold" => options.keep_threshold = number("--threshold", raw.next())?,
            "--near" => options.near_threshold = number("--near", raw.next())?,
            "--story" => options.story_threshold = number("--story", raw.next())?,
            "-" => files.push(arg),
            flag if flag.starts_with('-') => return Err(Usage(format!("unknown option '{flag}'"))),
            _ if command.is_none() => {
                command = Some(match arg.as_str() {
                    "clean" => Command::Clean,
                    "entities" => Command::Entities,
                    "dedup" => Command::Dedup,
                    "analyze" => Command::Analyze,
                    other => return Err(Usage(format!("unknown command '{other}'"))),
                })
            }
            _ => files.push(arg),
        }
    }
    let command = command.ok_or_else(|| Usage("no command given".into()))?;
    if files.is_empty() {
        return Err(Usage("no input files (use - for standard input)".into()));
    }
    if out_dir.is_some() && !matches!(command, Command::Clean | Command::Entities) {
        return Err(Usage("--out-dir works with clean and entities".into()));
    }
    Ok(Some(Args {
        command,
        files,
        out_dir,
        options,
    }))
}

fn main() -> ExitCode {
    let args = match parse_args(std::env::args().skip(1)) {
        Ok(Some(args)) => args,
        Ok(None) => {
            print!("{HELP}");
            return ExitCode::SUCCESS;
        }
        Err(Usage(msg)) => {
            eprintln!("gleaner: {msg}\nRun 'gleaner --help' for usage.");
            return ExitCode::from(2);
        }
    };
    match run(&args) {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::from(1),
        Err(msg) => {
            eprintln!("gleaner: {msg}");
            ExitCode::from(1)
        }
    }
}

/// Runs the command; `Ok(false)` when some files were skipped.
fn run(args: &Args) -> Result<bool, String> {
    let mut docs = Vec::with_capacity(args.files.len());
    let mut stdin_used = false;
    for file in &args.files {
        let bytes = if file == "-" {
            if stdin_used {
                return Err("standard input (-) can be given only once".into());
            }
            stdin_used = true;
            let mut buf = Vec::new();
            std::io::stdin()
                .read_to_end(&mut buf)
                .map_err(|e| format!("cannot read standard input: {e}"))?;
            buf
        } else {
            std::fs::read(file).map_err(|e| format!("cannot read {file}: {e}"))?
        };
        let name = if file == "-" { "stdin" } else { file.as_str() };
        match gleaner::records::json_lines(name, &bytes) {
            Some(records) => docs.extend(records),
            None => docs.push(Document::new(name, bytes)),
        }
    }
    let report = analyze(&docs, &args.options);
    let mut all_ok = true;
    for d in &report.documents {
        if let Some(err) = &d.error {
            eprintln!("gleaner: skipped {}: {err}", d.name);
            all_ok = false;
        }
    }
    let keys = unique_stems(&report);
    let out = std::io::stdout();
    let mut out = out.lock();
    let written = match args.command {
        Command::Clean => clean(&report, &keys, args.out_dir.as_deref(), &mut out),
        Command::Entities => entities(&report, &keys, args.out_dir.as_deref(), &mut out),
        Command::Dedup => print_json(&mut out, &dedup_json(&report, &keys)),
        Command::Analyze => print_json(
            &mut out,
            &serde_json::to_value(&report).map_err(|e| e.to_string())?,
        ),
    };
    written.map_err(|e| format!("cannot write output: {e}"))?;
    Ok(all_ok)
}

/// Stems, made unique by a numeric suffix when two inputs share one ("a", "a-2").
fn unique_stems(report: &Report) -> Vec<String> {
    let mut seen = std::collections::BTreeMap::<String, usize>::new();
    report
        .documents
        .iter()
        .map(|d| {
            let n = seen.entry(d.stem.clone()).or_default();
            *n += 1;
            if *n == 1 {
                d.stem.clone()
            } else {
                format!("{}-{n}", d.stem)
            }
        })
        .collect()
}

fn print_json(out: &mut impl Write, value: &Value) -> std::io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, value)?;
    writeln!(out)
}

fn write_file(dir: &Path, name: &str, contents: &[u8]) -> std::io::Result<()> {
    std::fs::create_dir_all(dir)?;
    std::fs::write(dir.join(name), contents)
}

fn clean(
    report: &Report,
    keys: &[String],
    out_dir: Option<&Path>,
    out: &mut impl Write,
) -> std::io::Result<()> {
    let ok: Vec<usize> = (0..report.documents.len())
        .filter(|&i| report.documents[i].error.is_none())
        .collect();
    for &i in &ok {
        let d = &report.documents[i];
        let mut text = d.clean_text.clone();
        text.push('\n');
        match out_dir {
            Some(dir) => write_file(dir, &format!("{}.txt", keys[i]), text.as_bytes())?,
            None if report.documents.len() == 1 => out.write_all(text.as_bytes())?,
            None => {
                if i != ok[0] {
                    writeln!(out)?;
                }
                writeln!(out, "==> {} <==", d.name)?;
                out.write_all(text.as_bytes())?;
            }
        }
    }
    Ok(())
}

fn entities(
    report: &Report,
    keys: &[String],
    out_dir: Option<&Path>,
    out: &mut impl Write,
) -> std::io::Result<()> {
    let mut all = serde_json::Map::new();
    for (d, key) in report.documents.iter().zip(keys) {
        if d.error.is_some() {
            continue;
        }
        let spans: Vec<Value> = d
            .mentions
            .iter()
            .map(|m| json!({"start": m.start, "end": m.end, "label": m.label.as_str(), "text": m.text}))
            .collect();
        match out_dir {
            Some(dir) => {
                let mut bytes = serde_json::to_vec_pretty(&spans).map_err(std::io::Error::other)?;
                bytes.push(b'\n');
                write_file(dir, &format!("{key}.json"), &bytes)?;
            }
            None => {
                all.insert(key.clone(), Value::Array(spans));
            }
        }
    }
    if out_dir.is_none() {
        print_json(out, &Value::Object(all))?;
    }
    Ok(())
}

fn dedup_json(report: &Report, keys: &[String]) -> Value {
    let clusters: Vec<Vec<&str>> = report
        .clusters
        .iter()
        .map(|c| c.members.iter().map(|&m| keys[m].as_str()).collect())
        .collect();
    let pairs: Vec<Value> = report
        .pairs
        .iter()
        .map(|p| {
            // The contract knows three levels; an excerpt is a near copy of part of a text.
            let relation = match p.relation {
                Relation::Excerpt => Relation::Near,
                r => r,
            };
            json!([
                keys[p.a],
                keys[p.b],
                (f64::from(p.score) * 1000.0).round() / 1000.0,
                relation.as_str()
            ])
        })
        .collect();
    json!({"clusters": clusters, "pairs": pairs})
}
