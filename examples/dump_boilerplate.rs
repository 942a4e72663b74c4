#![allow(clippy::print_stdout, clippy::print_stderr)]
//! Dumps everything HTML extraction produces on the extraction benchmark's pages, so that a
//! speed change can be checked to leave the output byte-identical:
//!
//! ```text
//! cargo run --release --example dump_boilerplate > before.txt
//! # change the code
//! cargo run --release --example dump_boilerplate > after.txt && cmp before.txt after.txt
//! ```
//!
//! Per page, as HTML: the visible text, the metadata, each block's range and hints (ancestors and
//! signatures included), the stage-1 feature vectors and the verdicts (label, score bits,
//! reason); then the same for the page's plain-text version (the benchmark's `html-text`), and
//! the HTML verdicts once more with templates taken from the whole collection.
//! `--data DIR` (or `GLEANER_BENCH`) points at the benchmark; default `../shared/data/boilerplate`.

mod benchmark_pages;

use gleaner::boilerplate::training;
use gleaner::boilerplate::{self, Templates, Verdict};
use gleaner::{decode, segment};
use std::fmt::Write as _;
use std::io::Write as _;
use std::path::PathBuf;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let dir = args
        .iter()
        .position(|a| a == "--data")
        .and_then(|i| args.get(i + 1).cloned())
        .or_else(|| std::env::var("GLEANER_BENCH").ok())
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("../shared/data/boilerplate"));
    let pages = benchmark_pages::load(&dir.join("html"))
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
    let classify: Classify = boilerplate::classify;
    let text_versions: serde_json::Value =
        std::fs::read_to_string(dir.join("peers/html-text.json"))
            .ok()
            .and_then(|t| serde_json::from_str(&t).ok())
            .unwrap_or_default();
    let text_versions = text_versions.get("output").unwrap_or(&text_versions);

    let mut out = String::new();
    let mut parsed = Vec::new();
    for (id, bytes) in &pages {
        let Ok(decoded) = decode::decode(bytes, &format!("{id}.html")) else {
            writeln!(out, "=== {id} html: not decoded").unwrap();
            parsed.push(None);
            continue;
        };
        let (text, blocks, metadata) = gleaner::bench::text_and_blocks(decoded);
        writeln!(out, "=== {id} html, metadata {metadata:?}").unwrap();
        writeln!(out, "{text:?}").unwrap();
        dump_blocks(&mut out, classify, &text, &blocks, &Templates::default());
        parsed.push(Some((text, blocks)));

        if let Some(body) = text_versions
            .get(id)
            .and_then(|v| v.get("articleBody"))
            .and_then(|v| v.as_str())
        {
            match decode::decode(body.as_bytes(), &format!("{id}.txt")) {
                Ok(d) => {
                    writeln!(out, "=== {id} text").unwrap();
                    let blocks = segment::lines(&d.text);
                    dump_blocks(&mut out, classify, &d.text, &blocks, &Templates::default());
                }
                Err(_) => writeln!(out, "=== {id} text: not decoded").unwrap(),
            }
        }
    }

    let views: Vec<Option<(&str, &[segment::Block])>> = parsed
        .iter()
        .map(|p| p.as_ref().map(|(t, b)| (t.as_str(), b.as_slice())))
        .collect();
    let templates = Templates::from_collection(&views);
    for ((id, _), p) in pages.iter().zip(&parsed) {
        if let Some((text, blocks)) = p {
            writeln!(out, "=== {id} html, collection templates").unwrap();
            dump_verdicts(&mut out, &classify(text, blocks, &templates));
        }
    }
    std::io::stdout()
        .lock()
        .write_all(out.as_bytes())
        .expect("write stdout");
    eprintln!("{} pages, {} bytes of dump", pages.len(), out.len());
}

type Classify = fn(&str, &[segment::Block], &Templates) -> Vec<Verdict>;

fn dump_blocks(
    out: &mut String,
    classify: Classify,
    text: &str,
    blocks: &[segment::Block],
    templates: &Templates,
) {
    for b in blocks {
        writeln!(out, "block {:?} {:?}", b.range, b.hints).unwrap();
    }
    let analysis = training::analyze(text, blocks, templates);
    for row in &analysis.stage1 {
        let bits: Vec<String> = row.iter().map(|x| format!("{:x}", x.to_bits())).collect();
        writeln!(out, "stage1 {}", bits.join(" ")).unwrap();
    }
    dump_verdicts(out, &classify(text, blocks, templates));
}

fn dump_verdicts(out: &mut String, verdicts: &[Verdict]) {
    for v in verdicts {
        writeln!(
            out,
            "verdict {:?} {:08x} {}",
            v.label,
            v.score.to_bits(),
            v.reason
        )
        .unwrap();
    }
}
