#![allow(clippy::print_stdout, clippy::print_stderr)]
//! Scores Gleaner's boilerplate removal on the article-extraction benchmark (181 pages, see
//! `data/boilerplate/README.md`) with the benchmark's own metric, beside the published peers.
//!
//! ```text
//! cargo run --release --example eval_boilerplate                 # the table
//! cargo run --release --example eval_boilerplate -- --split      # also the held-out half
//! cargo run --release --example eval_boilerplate -- --show FILE  # verdicts per block of files
//! cargo run --release --example eval_boilerplate -- --cv [K]     # K-fold cross-validated rows (4)
//! cargo run --release --example eval_boilerplate -- --worst 10   # pages with the lowest F1
//! cargo run --release --example eval_boilerplate -- --train      # retrain src/boilerplate/model.rs
//! cargo run --release --example eval_boilerplate -- --speed      # ms per 100 KB for each stage
//! cargo run --release --example eval_boilerplate -- --oracle     # best possible block selection
//! cargo run --release --example eval_boilerplate -- --errors 10  # wrong blocks, worst held-out pages
//! cargo run --release --example eval_boilerplate -- --probe      # how pure the HTML hints are
//! ```
//!
//! `--data DIR` (or `GLEANER_BENCH`) points at the benchmark; default `../shared/data/boilerplate`.
//! With `--cv`, `--errors N` shows the wrong blocks of each fold's N worst held-out pages.
//! Experiments: `GB_KINDS=text` trains plain text only (HTML falls back to the rules),
//! `GB_DROP=f1,f2` blanks features by name (ablation), `GB_DUMP=FILE` with `--cv` writes every
//! held-out block's text, score, truth label, weight and hints as JSON lines (to study keep
//! rules offline), `GB_CVSEED=n` shuffles the pages before they are dealt into CV folds.
//! Boosting: `GB_TREES`, `GB_LR`, `GB_DEPTH`, `GB_LAMBDA`, `GB_MINH`, `GB_STAGES`; the tree count
//! and learning rate are per kind (HTML 100 × 0.15, text 300 × 0.05), and `GB_TREES_HTML`,
//! `GB_LR_HTML`, `GB_TREES_TEXT`, `GB_LR_TEXT` set one kind's.
//!
//! The metric, as the benchmark's README states it: tokens are the matches of the Unicode regex
//! `\w+`; shingles are the runs of 4 consecutive tokens (a text of fewer than 4 tokens gives one
//! shorter shingle, an empty text none); per page tp/fp/fn are multiset overlaps and surpluses,
//! normalized by their sum; precision and recall are averaged over pages (a page with tp+fp = 0
//! is left out of the precision mean, tp+fn = 0 out of the recall mean) and F1 is computed from
//! the two means.

use gleaner::boilerplate::training::{self, Forest, Models};
use gleaner::boilerplate::{self, Templates};
use gleaner::{decode, html, segment};
use serde_json::Value;
use std::collections::BTreeMap;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::time::Instant;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let flag = |name: &str| args.iter().any(|a| a == name);
    let value = |name: &str| {
        args.iter()
            .position(|a| a == name)
            .and_then(|i| args.get(i + 1))
            .cloned()
    };
    if let Some(i) = args.iter().position(|a| a == "--show") {
        show(&args[i + 1..]);
        return;
    }
    let data = PathBuf::from(
        value("--data")
            .or_else(|| std::env::var("GLEANER_BENCH").ok())
            .unwrap_or_else(|| {
                concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/data/boilerplate").to_owned()
            }),
    );
    let bench = match Bench::load(&data) {
        Ok(b) => b,
        Err(e) => {
            eprintln!(
                "eval_boilerplate: cannot read the benchmark at {}: {e}",
                data.display()
            );
            std::process::exit(2);
        }
    };
    if flag("--speed") {
        speed(&bench);
        return;
    }
    if flag("--oracle") {
        oracle(&bench);
        return;
    }
    if flag("--probe") {
        probe(&bench);
        return;
    }
    if flag("--train") {
        let out = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/boilerplate/model.rs");
        train_and_write(&bench, &out);
        return;
    }
    let worst: usize = value("--worst").and_then(|v| v.parse().ok()).unwrap_or(0);
    let errors = value("--errors").and_then(|v| v.parse().ok());
    let cv = flag("--cv").then(|| value("--cv").and_then(|v| v.parse().ok()).unwrap_or(4));
    evaluate(
        &bench,
        flag("--split") || errors.is_some() && cv.is_none(),
        cv,
        worst,
        errors,
    );
}

// ---------------------------------------------------------------------------------------------
// The benchmark's metric.

/// `\w` of Unicode regular expressions (UTS #18): alphabetic, marks, decimal numbers, connector
/// punctuation, join controls. Rust's `is_alphanumeric` covers letters and every number; marks
/// are approximated by the combining blocks.
fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
        || c == '_'
        || matches!(c as u32,
            0x0300..=0x036F | 0x0483..=0x0489 | 0x0591..=0x05BD | 0x064B..=0x065F | 0x0670
            | 0x1AB0..=0x1AFF | 0x1DC0..=0x1DFF | 0x200C | 0x200D | 0x203F | 0x2040 | 0x2054
            | 0x20D0..=0x20FF | 0x3099 | 0x309A | 0xFE00..=0xFE0F | 0xFE20..=0xFE2F | 0xFE33
            | 0xFE34 | 0xFE4D..=0xFE4F | 0xFF3F)
}

fn tokens(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        match (is_word_char(c), start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                out.push(&text[s..i]);
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push(&text[s..]);
    }
    out
}

fn shingles(text: &str) -> BTreeMap<Vec<&str>, usize> {
    let t = tokens(text);
    let mut m = BTreeMap::new();
    if t.is_empty() {
        return m;
    }
    let n = t.len().saturating_sub(3).max(1);
    for i in 0..n {
        *m.entry(t[i..(i + 4).min(t.len())].to_vec()).or_insert(0) += 1;
    }
    m
}

/// Normalized (tp, fp, fn) of one page.
fn page_counts(truth: &str, pred: &str) -> (f64, f64, f64) {
    let (t, p) = (shingles(truth), shingles(pred));
    let (mut tp, mut fp, mut fn_) = (0.0, 0.0, 0.0);
    for (k, &tc) in &t {
        let pc = p.get(k).copied().unwrap_or(0);
        tp += tc.min(pc) as f64;
        fn_ += tc.saturating_sub(pc) as f64;
    }
    for (k, &pc) in &p {
        fp += pc.saturating_sub(t.get(k).copied().unwrap_or(0)) as f64;
    }
    let s = tp + fp + fn_;
    if s > 0.0 {
        (tp / s, fp / s, fn_ / s)
    } else {
        (0.0, 0.0, 0.0)
    }
}

#[derive(Debug, Clone, Copy, Default)]
struct Score {
    precision: f64,
    recall: f64,
    f1: f64,
}

fn score<'a>(pages: impl Iterator<Item = (&'a str, &'a str)>) -> Score {
    let (mut ps, mut rs) = (Vec::new(), Vec::new());
    for (truth, pred) in pages {
        let (tp, fp, fn_) = page_counts(truth, pred);
        if tp + fp > 0.0 {
            ps.push(if fp == 0.0 && fn_ == 0.0 {
                1.0
            } else {
                tp / (tp + fp)
            });
        }
        if tp + fn_ > 0.0 {
            rs.push(if fp == 0.0 && fn_ == 0.0 {
                1.0
            } else {
                tp / (tp + fn_)
            });
        }
    }
    let mean = |v: &[f64]| {
        if v.is_empty() {
            0.0
        } else {
            v.iter().sum::<f64>() / v.len() as f64
        }
    };
    let (p, r) = (mean(&ps), mean(&rs));
    Score {
        precision: p,
        recall: r,
        f1: if p + r > 0.0 {
            2.0 * p * r / (p + r)
        } else {
            0.0
        },
    }
}

fn page_f1(truth: &str, pred: &str) -> f64 {
    score(std::iter::once((truth, pred))).f1
}

// ---------------------------------------------------------------------------------------------
// The data.

struct Bench {
    ids: Vec<String>,
    truth: BTreeMap<String, String>,
    html: BTreeMap<String, Vec<u8>>,
    /// Peer name → id → extracted text.
    peers: BTreeMap<String, BTreeMap<String, String>>,
}

fn read_json(path: &Path) -> Result<Value, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    serde_json::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))
}

fn bodies(v: &Value) -> BTreeMap<String, String> {
    v.as_object()
        .map(|m| {
            m.iter()
                .map(|(k, v)| {
                    let body = v.get("articleBody").and_then(Value::as_str).unwrap_or("");
                    (k.clone(), body.to_owned())
                })
                .collect()
        })
        .unwrap_or_default()
}

impl Bench {
    fn load(dir: &Path) -> Result<Bench, String> {
        let truth = bodies(&read_json(&dir.join("ground-truth.json"))?);
        let ids: Vec<String> = truth.keys().cloned().collect();
        let mut html = BTreeMap::new();
        for id in &ids {
            let path = dir.join("html").join(format!("{id}.html.gz"));
            let file =
                std::fs::File::open(&path).map_err(|e| format!("{}: {e}", path.display()))?;
            let mut bytes = Vec::new();
            flate2::read::GzDecoder::new(file)
                .read_to_end(&mut bytes)
                .map_err(|e| format!("{}: {e}", path.display()))?;
            html.insert(id.clone(), bytes);
        }
        let mut peers = BTreeMap::new();
        let mut entries: Vec<PathBuf> = std::fs::read_dir(dir.join("peers"))
            .map_err(|e| e.to_string())?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "json"))
            .collect();
        entries.sort();
        for path in entries {
            let v = read_json(&path)?;
            let name = path
                .file_stem()
                .and_then(|s| s.to_str())
                .unwrap_or("?")
                .to_owned();
            // Most files wrap the pages in {"output": ...}; newspaper's is the bare map.
            peers.insert(name, bodies(v.get("output").unwrap_or(&v)));
        }
        Ok(Bench {
            ids,
            truth,
            html,
            peers,
        })
    }

    /// The fixed split: pages whose id starts with a hex digit below 8 train, the rest are held out.
    fn held_out(id: &str) -> bool {
        id.as_bytes().first().is_some_and(|&b| b >= b'8')
    }
}

// ---------------------------------------------------------------------------------------------
// Gleaner, as `analyze` runs it (minus entity recognition).

/// Decodes, segments and classifies one document, then joins the kept blocks as
/// `document_report` does.
fn clean(name: &str, bytes: &[u8], models: Option<&Models<'_>>) -> String {
    clean_at(name, bytes, models, &[(0.5, 0)]).swap_remove(0)
}

/// The kept text at each keep threshold (the app's slider).
fn clean_at(
    name: &str,
    bytes: &[u8],
    models: Option<&Models<'_>>,
    thresholds: &[(f32, usize)],
) -> Vec<String> {
    let Ok(decoded) = decode::decode(bytes, name) else {
        return vec![String::new(); thresholds.len()];
    };
    let (text, blocks) = to_blocks(decoded);
    let verdicts = match models {
        None => boilerplate::classify(&text, &blocks, &Templates::default()),
        Some(m) => training::classify_with(m, &text, &blocks, &Templates::default()),
    };
    thresholds
        .iter()
        .map(|&(t, min_words)| {
            let mut out = String::new();
            for (b, v) in blocks.iter().zip(&verdicts) {
                // Counted only when a row asks for it: this runs inside the timed loop.
                let long = min_words == 0 || tokens(&text[b.range.clone()]).len() >= min_words;
                if v.score >= if long { t } else { 0.5 } {
                    if !out.is_empty() {
                        out.push_str(if b.blank_before { "\n\n" } else { "\n" });
                    }
                    out.push_str(&text[b.range.clone()]);
                }
            }
            out
        })
        .collect()
}

/// Keep thresholds the cross-validated rows are also scored at, each for blocks of at least
/// that many tokens (shorter blocks keep 0.5).
const SWEEP: [(f32, usize); 8] = [
    (0.4, 0),
    (0.55, 0),
    (0.6, 0),
    (0.65, 0),
    (0.6, 12),
    (0.65, 12),
    (0.65, 20),
    (0.7, 20),
];

fn to_blocks(decoded: decode::Decoded) -> (String, Vec<segment::Block>) {
    match decoded.format {
        decode::Format::Text => {
            let blocks = segment::lines(&decoded.text);
            (decoded.text, blocks)
        }
        decode::Format::Html => {
            let page = html::parse(&decoded.text);
            let blocks = page
                .blocks
                .into_iter()
                .enumerate()
                .map(|(i, (range, hints))| segment::Block {
                    range,
                    blank_before: i == 0 || hints.heading,
                    hints: Some(hints),
                })
                .collect();
            (page.text, blocks)
        }
    }
}

fn show(files: &[String]) {
    let docs: Vec<gleaner::Document> = files
        .iter()
        .filter_map(|f| {
            std::fs::read(f)
                .ok()
                .map(|b| gleaner::Document::new(f.clone(), b))
        })
        .collect();
    let report = gleaner::analyze(&docs, &gleaner::Options::default());
    for d in &report.documents {
        println!("=== {} {:?}", d.name, d.metadata);
        let chars: Vec<char> = d.text.chars().collect();
        for b in &d.blocks {
            let body: String = chars[b.start..b.end].iter().take(110).collect();
            let mark = if b.kept { "  " } else { "--" };
            println!("{mark} {:.2} {:<28} {body}", b.score, b.reason);
        }
    }
}

// ---------------------------------------------------------------------------------------------
// The table.

/// Gleaner's output for every page, in both inputs, and the seconds each input took.
struct Run {
    html: BTreeMap<String, String>,
    text: BTreeMap<String, String>,
    html_secs: f64,
    text_secs: f64,
}

fn run(bench: &Bench, ids: &[&String], models: Option<&Models<'_>>) -> Run {
    let text_input = bench.peers.get("html-text");
    let mut r = Run {
        html: BTreeMap::new(),
        text: BTreeMap::new(),
        html_secs: 0.0,
        text_secs: 0.0,
    };
    let start = Instant::now();
    for &id in ids {
        let out = clean(&format!("{id}.html"), &bench.html[id], models);
        r.html.insert(id.clone(), out);
    }
    r.html_secs = start.elapsed().as_secs_f64();
    let start = Instant::now();
    for &id in ids {
        let body = text_input
            .and_then(|t| t.get(id))
            .map_or("", String::as_str);
        let out = clean(&format!("{id}.txt"), body.as_bytes(), models);
        r.text.insert(id.clone(), out);
    }
    r.text_secs = start.elapsed().as_secs_f64();
    r
}

/// Splits enumerated pages into (fold, rest).
trait FoldSplit<'a> {
    fn partition_map_fold(self, fold: usize, folds: usize) -> (Vec<&'a String>, Vec<&'a String>);
}

impl<'a, I: Iterator<Item = (usize, &'a &'a String)>> FoldSplit<'a> for I {
    fn partition_map_fold(self, fold: usize, folds: usize) -> (Vec<&'a String>, Vec<&'a String>) {
        let (mut a, mut b) = (Vec::new(), Vec::new());
        for (i, id) in self {
            if i % folds == fold {
                a.push(*id);
            } else {
                b.push(*id);
            }
        }
        (a, b)
    }
}

/// A seeded hash of a page id (FNV-1a then a 64-bit finalizer), to shuffle the CV folds.
fn shuffle_key(seed: u64, id: &str) -> u64 {
    let mut h = 0xcbf2_9ce4_8422_2325 ^ seed.wrapping_mul(0x9e37_79b9_7f4a_7c15);
    for b in id.bytes() {
        h = (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
    }
    h ^= h >> 33;
    h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
    h ^ (h >> 33)
}

/// A named subset of the pages.
type Subset<'a> = (&'a str, Box<dyn Fn(&str) -> bool>);

fn evaluate(bench: &Bench, split: bool, cv: Option<usize>, worst: usize, errors: Option<usize>) {
    let all: Vec<&String> = bench.ids.iter().collect();
    let shipped = run(bench, &all, None);
    let mut extra: Vec<(String, Run)> = Vec::new();
    if split {
        let (train, test): (Vec<&String>, Vec<&String>) =
            all.iter().partition(|id| !Bench::held_out(id));
        eprintln!(
            "training on {} pages (ids 0-7...), testing on {} (8-f...)",
            train.len(),
            test.len()
        );
        let m = train_models(bench, &train);
        let r = run(bench, &test, Some(&m.borrow()));
        if let Some(k) = errors {
            show_errors(bench, &test, &m.borrow(), k);
        }
        extra.push(("gleaner, trained on train".to_owned(), r));
    }
    let text_input = bench.peers.get("html-text").cloned().unwrap_or_default();
    if let Some(folds) = cv.filter(|&k| k >= 2) {
        // Fold k holds every k-th page in id order: a fixed, hash-like partition.
        // `GB_CVSEED=n` shuffles the pages first (another partition, to see the estimate's
        // noise or average over several).
        let mut all = all.clone();
        if let Some(seed) = std::env::var("GB_CVSEED")
            .ok()
            .and_then(|s| s.parse::<u64>().ok())
        {
            all.sort_by_key(|id| shuffle_key(seed, id));
        }
        let mut r = Run {
            html: BTreeMap::new(),
            text: BTreeMap::new(),
            html_secs: 0.0,
            text_secs: 0.0,
        };
        let mut sweep: Vec<Run> = SWEEP
            .iter()
            .map(|_| Run {
                html: BTreeMap::new(),
                text: BTreeMap::new(),
                html_secs: 0.0,
                text_secs: 0.0,
            })
            .collect();
        for fold in 0..folds {
            let (test, train): (Vec<&String>, Vec<&String>) =
                all.iter().enumerate().partition_map_fold(fold, folds);
            eprintln!(
                "fold {}/{folds}: training on {} pages",
                fold + 1,
                train.len()
            );
            let m = train_models(bench, &train);
            let out = run(bench, &test, Some(&m.borrow()));
            if let Some(k) = errors {
                show_errors(bench, &test, &m.borrow(), k);
            }
            if let Ok(path) = std::env::var("GB_DUMP") {
                dump_scores(bench, &test, &m.borrow(), &path);
            }
            r.html.extend(out.html);
            r.text.extend(out.text);
            for &id in &test {
                let html = clean_at(
                    &format!("{id}.html"),
                    &bench.html[id],
                    Some(&m.borrow()),
                    &SWEEP,
                );
                let body = text_input.get(id).map_or("", String::as_str);
                let text = clean_at(
                    &format!("{id}.txt"),
                    body.as_bytes(),
                    Some(&m.borrow()),
                    &SWEEP,
                );
                for (k, (h, t)) in html.into_iter().zip(text).enumerate() {
                    sweep[k].html.insert(id.clone(), h);
                    sweep[k].text.insert(id.clone(), t);
                }
            }
        }
        extra.push((format!("gleaner, {folds}-fold CV"), r));
        for ((t, w), r) in SWEEP.iter().zip(sweep) {
            extra.push((format!("gleaner, {folds}-fold CV, keep >= {t} ({w}+ w)"), r));
        }
    }
    let text_input = bench.peers.get("html-text").cloned().unwrap_or_default();
    let subsets: Vec<Subset<'_>> = if split {
        vec![
            ("all", Box::new(|_: &str| true)),
            ("train", Box::new(|id: &str| !Bench::held_out(id))),
            ("held-out", Box::new(Bench::held_out)),
        ]
    } else {
        vec![("all", Box::new(|_: &str| true))]
    };
    let row = |name: &str, input: &str, out: &BTreeMap<String, String>, speed: &str| {
        let mut cells = format!("| {input:<10} | {name:<34} |");
        for (_, keep) in &subsets {
            let pages: Vec<&String> = bench.ids.iter().filter(|id| keep(id)).collect();
            if pages.iter().any(|id| !out.contains_key(*id)) {
                cells += "       |       |       |";
                continue;
            }
            let s = score(
                pages
                    .iter()
                    .map(|id| (bench.truth[*id].as_str(), out[*id].as_str())),
            );
            cells += &format!(" {:.3} | {:.3} | {:.3} |", s.precision, s.recall, s.f1);
        }
        println!("{cells} {speed:>12} |");
    };
    let mut head = format!("| input      | {:<34} |", "system");
    let mut rule = format!("|------------|-{}-|", "-".repeat(34));
    for (name, _) in &subsets {
        head += &format!(" P {name:<4}| R     | F1    |");
        rule += "-------|-------|-------|";
    }
    println!("{head}        speed |");
    println!("{rule}--------------|");
    let n = bench.ids.len() as f64;
    let pages_per_s = |secs: f64| format!("{:.0} pages/s", n / secs);
    row(
        "gleaner",
        "HTML",
        &shipped.html,
        &pages_per_s(shipped.html_secs),
    );
    for (name, r) in &extra {
        row(name, "HTML", &r.html, "");
    }
    for (peer, out) in &bench.peers {
        if peer != "html-text" {
            row(peer, "HTML", out, "");
        }
    }
    row(
        "gleaner",
        "plain text",
        &shipped.text,
        &pages_per_s(shipped.text_secs),
    );
    for (name, r) in &extra {
        row(name, "plain text", &r.text, "");
    }
    row("keep everything", "plain text", &text_input, "");
    let rule_out: BTreeMap<String, String> = text_input
        .iter()
        .map(|(id, t)| (id.clone(), simple_rule(t)))
        .collect();
    row(
        "simple rule (>=8 words, end .!?\")",
        "plain text",
        &rule_out,
        "",
    );
    let html_bytes: usize = bench.html.values().map(Vec::len).sum();
    println!();
    println!(
        "HTML: {} pages, {:.1} MB in {:.3} s ({:.1} MB/s, {:.2} ms/page), decode + parse + classify, one thread.",
        bench.ids.len(),
        html_bytes as f64 / 1e6,
        shipped.html_secs,
        html_bytes as f64 / 1e6 / shipped.html_secs,
        shipped.html_secs * 1000.0 / n
    );
    println!();
    println!("Published figures (README, all 181 pages): HTML rs-trafilatura 0.970, go-trafilatura 0.960,");
    println!("trafilatura 0.958, newspaper4k 0.949, Readability.js 0.947, jusText 0.804; plain text: keep");
    println!(
        "everything 0.665, trafilatura on text 0.693, jusText on text 0.761, simple rule 0.829."
    );
    if worst > 0 {
        // The cross-validated run when there is one: in-sample pages look better than they are.
        let r = extra
            .iter()
            .rev()
            .find(|(name, _)| !name.contains("keep >="))
            .map_or(&shipped, |(_, r)| r);
        for (what, out) in [("HTML", &r.html), ("plain text", &r.text)] {
            let mut pages: Vec<(f64, &String)> = bench
                .ids
                .iter()
                .filter(|id| out.contains_key(*id))
                .map(|id| (page_f1(&bench.truth[id], &out[id]), id))
                .collect();
            let lost: f64 = pages.iter().map(|(f, _)| 1.0 - f).sum::<f64>() / pages.len() as f64;
            let lost_worst: f64 = {
                let mut v: Vec<f64> = pages.iter().map(|(f, _)| 1.0 - f).collect();
                v.sort_by(|a, b| b.total_cmp(a));
                v.iter().take(worst).sum::<f64>() / pages.len() as f64
            };
            println!("\n{what}: mean page F1 loss {lost:.3}, of which the {worst} worst pages {lost_worst:.3}");
            pages.sort_by(|a, b| a.0.total_cmp(&b.0));
            println!("\nworst {what} pages:");
            for (f, id) in pages.iter().take(worst) {
                let (tp, fp, fn_) = page_counts(&bench.truth[*id], &out[*id]);
                println!("  {f:.3} tp {tp:.2} fp {fp:.2} fn {fn_:.2}  {id}");
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Training: labels from the ground truth, gradient-boosted trees, stacking.

/// Boosting parameters; the environment variables override them for experiments.
#[derive(Debug, Clone, Copy)]
struct Params {
    depth: u32,
    trees: usize,
    learning_rate: f32,
    lambda: f64,
    /// Every page weighs 100 in total, so 2.0 is 2% of a page.
    min_child_hessian: f64,
    /// Stage 1 and this many minus one context stages.
    stages: usize,
}

/// The parameters for one kind of input (`"html"` or `"text"`). The tree count and learning
/// rate are per kind: HTML's 4-fold CV F1 is flat from 100 trees × 0.15 to 300 × 0.05 (0.972 vs
/// 0.971, and 0.970 vs 0.971 on a second partition), and a third of the trees is a third of the
/// tree walks in the browser; plain text loses its precision target (P ≥ 0.93) with fewer than
/// 300. `GB_TREES` / `GB_LR` override both kinds, `GB_TREES_HTML` / `GB_LR_HTML` (and `_TEXT`)
/// one kind, over both.
fn params(kind: &str) -> Params {
    let var = |name: &str| std::env::var(name).ok().and_then(|v| v.parse::<f64>().ok());
    let env = |name: &str, default: f64| var(name).unwrap_or(default);
    let per_kind = |name: &str, default: f64| {
        var(&format!("{name}_{}", kind.to_uppercase()))
            .or_else(|| var(name))
            .unwrap_or(default)
    };
    let (trees, learning_rate) = if kind == "html" {
        (100.0, 0.15)
    } else {
        (300.0, 0.05)
    };
    Params {
        depth: env("GB_DEPTH", 3.0) as u32,
        trees: per_kind("GB_TREES", trees) as usize,
        learning_rate: per_kind("GB_LR", learning_rate) as f32,
        lambda: env("GB_LAMBDA", 1.0),
        min_child_hessian: env("GB_MINH", 2.0),
        stages: env("GB_STAGES", 3.0) as usize,
    }
}
/// Folds of the out-of-fold stage-1 scores stage 2 is trained on.
const FOLDS: usize = 4;

/// A forest with its own storage.
#[derive(Debug, Clone, Default)]
struct OwnedForest {
    depth: u32,
    base: f32,
    features: Vec<u8>,
    thresholds: Vec<f32>,
    leaves: Vec<f32>,
}

impl OwnedForest {
    fn borrow(&self) -> Forest<'_> {
        Forest {
            depth: self.depth,
            base: self.base,
            features: &self.features,
            thresholds: &self.thresholds,
            leaves: &self.leaves,
        }
    }
}

struct OwnedModels {
    text: Vec<OwnedForest>,
    html: Vec<OwnedForest>,
    /// Borrowed views, rebuilt by `views`.
    text_views: Vec<Forest<'static>>,
    html_views: Vec<Forest<'static>>,
}

/// Leaks the trained forests: a handful per run of this command, freed at exit.
fn leak(forests: &[OwnedForest]) -> Vec<Forest<'static>> {
    forests
        .iter()
        .map(|f| {
            let f: &'static OwnedForest = Box::leak(Box::new(f.clone()));
            f.borrow()
        })
        .collect()
}

impl OwnedModels {
    fn new(text: Vec<OwnedForest>, html: Vec<OwnedForest>) -> OwnedModels {
        let (text_views, html_views) = (leak(&text), leak(&html));
        OwnedModels {
            text,
            html,
            text_views,
            html_views,
        }
    }

    fn borrow(&self) -> Models<'_> {
        Models {
            text: &self.text_views,
            html: &self.html_views,
        }
    }
}

/// One document prepared for training.
struct Page {
    text: String,
    blocks: Vec<segment::Block>,
    analysis: training::Analysis,
    labels: Vec<f32>,
    weights: Vec<f32>,
}

/// Whether each block belongs to the article: at least half of its 4-token shingles (for
/// shorter blocks: its whole token sequence) occur in the ground truth. Weights are the blocks'
/// token shares of the page, so that every page counts the same, as in the metric.
fn label_blocks(truth: &str, text: &str, blocks: &[segment::Block]) -> (Vec<f32>, Vec<f32>) {
    let t = tokens(truth);
    let mut grams: std::collections::HashSet<String> = std::collections::HashSet::new();
    for n in 1..=4 {
        for w in t.windows(n) {
            grams.insert(w.join("\u{1}"));
        }
    }
    let block_tokens: Vec<Vec<&str>> = blocks
        .iter()
        .map(|b| tokens(&text[b.range.clone()]))
        .collect();
    let total: usize = block_tokens.iter().map(|t| t.len().max(1)).sum();
    let mut labels = Vec::with_capacity(blocks.len());
    let mut weights = Vec::with_capacity(blocks.len());
    for bt in &block_tokens {
        let label = if bt.is_empty() {
            0.0
        } else if bt.len() < 4 {
            f32::from(u8::from(grams.contains(&bt.join("\u{1}"))))
        } else {
            let hits = bt
                .windows(4)
                .filter(|w| grams.contains(&w.join("\u{1}")))
                .count();
            f32::from(u8::from(hits * 2 >= bt.len() - 3))
        };
        labels.push(label);
        weights.push(100.0 * bt.len().max(1) as f32 / total as f32);
    }
    (labels, weights)
}

fn prepare_pages(bench: &Bench, ids: &[&String], html_input: bool) -> Vec<Page> {
    let text_input = bench.peers.get("html-text");
    ids.iter()
        .filter_map(|&id| {
            let decoded = if html_input {
                decode::decode(&bench.html[id], &format!("{id}.html")).ok()?
            } else {
                let body = text_input?.get(id)?;
                decode::decode(body.as_bytes(), &format!("{id}.txt")).ok()?
            };
            let (text, blocks) = to_blocks(decoded);
            let analysis = training::analyze(&text, &blocks, &Templates::default());
            let (labels, weights) = label_blocks(&bench.truth[id], &text, &blocks);
            Some(Page {
                text,
                blocks,
                analysis,
                labels,
                weights,
            })
        })
        .collect()
}

/// Prints the misclassified blocks of the `k` worst held-out pages of each input.
fn show_errors(bench: &Bench, ids: &[&String], m: &Models<'_>, k: usize) {
    for html in [false, true] {
        let pages = prepare_pages(bench, ids, html);
        // (page F1, page index, wrong blocks as (truth label, score, text)).
        type PageErrors = (f64, usize, Vec<(f32, f32, String)>);
        let mut scored: Vec<PageErrors> = Vec::new();
        for (pi, (id, p)) in ids.iter().zip(&pages).enumerate() {
            let v = training::classify_with(m, &p.text, &p.blocks, &Templates::default());
            let kept: String = p
                .blocks
                .iter()
                .zip(&v)
                .filter(|(_, v)| v.score >= 0.5)
                .map(|(b, _)| &p.text[b.range.clone()])
                .collect::<Vec<_>>()
                .join("\n");
            let f = page_f1(&bench.truth[*id], &kept);
            let wrong = p
                .blocks
                .iter()
                .zip(&v)
                .zip(&p.labels)
                .filter(|((_, v), &l)| (v.score >= 0.5) != (l > 0.5))
                .map(|((b, v), &l)| {
                    (
                        l,
                        v.score,
                        p.text[b.range.clone()].chars().take(150).collect(),
                    )
                })
                .collect();
            scored.push((f, pi, wrong));
        }
        scored.sort_by(|a, b| a.0.total_cmp(&b.0));
        for (f, pi, wrong) in scored.iter().take(k) {
            println!(
                "\n##### {} F1 {f:.3} {}",
                if html { "HTML" } else { "text" },
                ids[*pi]
            );
            for (l, s, t) in wrong.iter().take(40) {
                println!(
                    "  {} {s:.2} {t}",
                    if *l > 0.5 { "MISSED" } else { "EXTRA " }
                );
            }
        }
    }
}

/// Appends every block's text and score on the given pages, both inputs, as JSON lines
/// (`GB_DUMP=FILE` with `--cv`: held-out scores to study keep rules offline).
fn dump_scores(bench: &Bench, ids: &[&String], m: &Models<'_>, path: &str) {
    use std::io::Write;
    let Ok(mut file) = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(path)
    else {
        eprintln!("eval_boilerplate: cannot open {path}");
        return;
    };
    for html in [false, true] {
        for (id, p) in ids.iter().zip(prepare_pages(bench, ids, html)) {
            let v = training::classify_with(m, &p.text, &p.blocks, &Templates::default());
            // Per block: text, score, blank line before, truth label, weight, then (HTML) the
            // hints and the enclosing elements' serials and signatures.
            let blocks: Vec<Value> = p
                .blocks
                .iter()
                .zip(&v)
                .zip(p.labels.iter().zip(&p.weights))
                .map(|((b, v), (l, w))| {
                    serde_json::json!([
                        &p.text[b.range.clone()],
                        v.score,
                        b.blank_before,
                        l,
                        w,
                        b.hints,
                        b.hints.as_ref().map(|h| (&h.ancestors, &h.signatures)),
                        v.reason,
                    ])
                })
                .collect();
            let line = serde_json::json!({"id": id, "html": html, "blocks": blocks});
            let _ = writeln!(file, "{line}");
        }
    }
}

/// Time per stage over all HTML pages (three rounds, the fastest kept).
fn speed(bench: &Bench) {
    let mut best = [f64::MAX; 3];
    let bytes: usize = bench.html.values().map(Vec::len).sum();
    for _ in 0..3 {
        let mut t = [0.0f64; 3];
        for (id, html) in &bench.html {
            let start = Instant::now();
            let Ok(decoded) = decode::decode(html, &format!("{id}.html")) else {
                continue;
            };
            t[0] += start.elapsed().as_secs_f64();
            let start = Instant::now();
            let (text, blocks) = to_blocks(decoded);
            t[1] += start.elapsed().as_secs_f64();
            let start = Instant::now();
            let v = boilerplate::classify(&text, &blocks, &Templates::default());
            t[2] += start.elapsed().as_secs_f64();
            assert_eq!(v.len(), blocks.len());
        }
        for k in 0..3 {
            best[k] = best[k].min(t[k]);
        }
    }
    let per100k = |secs: f64| secs * 1000.0 / (bytes as f64 / 100_000.0);
    println!(
        "{} pages, {:.1} MB: decode {:.2} ms, html::parse {:.2} ms, classify {:.2} ms per 100 KB of HTML",
        bench.html.len(),
        bytes as f64 / 1e6,
        per100k(best[0]),
        per100k(best[1]),
        per100k(best[2])
    );
}

/// How pure the HTML hints and the comment-marker context are: the weight of the blocks each
/// one selects (every page weighs 100) and how much of it is article text.
fn probe(bench: &Bench) {
    let all: Vec<&String> = bench.ids.iter().collect();
    let pages = prepare_pages(bench, &all, true);
    type Test = (&'static str, fn(&html::Hints) -> bool);
    let tests: Vec<Test> = vec![
        ("comments !article", |h| h.in_comments && !h.in_article),
        ("comments article", |h| h.in_comments && h.in_article),
        ("aside !article", |h| h.in_aside && !h.in_article),
        ("aside article", |h| h.in_aside && h.in_article),
        ("nav !article", |h| h.in_nav && !h.in_article),
        ("footer !article", |h| h.in_footer && !h.in_article),
        ("form", |h| h.in_form),
    ];
    for (name, test) in tests {
        let (mut tot, mut art, mut npages, mut bad) = (0.0f32, 0.0f32, 0, 0);
        for p in &pages {
            let (mut t, mut a) = (0.0, 0.0);
            for ((b, l), w) in p.blocks.iter().zip(&p.labels).zip(&p.weights) {
                if test(b.hints.as_ref().unwrap()) {
                    t += w;
                    a += w * l;
                }
            }
            if t > 0.0 {
                npages += 1;
                if a > 0.5 {
                    bad += 1;
                }
            }
            tot += t;
            art += a;
        }
        println!("{name}: pages {npages}, {bad} with article weight > 0.5; weight {tot:.1} article {art:.1}");
    }
    let cm = training::STAGE1
        .iter()
        .position(|n| *n == "comment_marker")
        .unwrap();
    for html_in in [false, true] {
        let pages = prepare_pages(bench, &all, html_in);
        for k in 1..=4 {
            let (mut tot, mut art, mut npages, mut bad) = (0.0f32, 0.0f32, 0, 0);
            for (id, p) in all.iter().zip(&pages) {
                let (mut t, mut a) = (0.0, 0.0);
                let mut before = 0;
                for ((x, l), w) in p.analysis.stage1.iter().zip(&p.labels).zip(&p.weights) {
                    if before >= k {
                        t += w;
                        a += w * l;
                    }
                    if x[cm] > 0.5 {
                        before += 1;
                    }
                }
                if t > 0.0 {
                    npages += 1;
                    if a > 0.5 {
                        bad += 1;
                        if k == 2 {
                            println!("   {id} {t:.1} {a:.1}");
                        }
                    }
                }
                tot += t;
                art += a;
            }
            println!("html {html_in} markers before >= {k}: pages {npages}, {bad} with article weight > 0.5; weight {tot:.1} article {art:.1}");
        }
    }
}

/// The best any block-level selection can do: keep exactly the blocks labelled article.
fn oracle(bench: &Bench) {
    let all: Vec<&String> = bench.ids.iter().collect();
    for html in [true, false] {
        let pages = prepare_pages(bench, &all, html);
        let outs: Vec<String> = all
            .iter()
            .zip(&pages)
            .map(|(id, p)| {
                let _ = id;
                let text = &p.text;
                p.blocks
                    .iter()
                    .zip(&p.labels)
                    .filter(|(_, &l)| l > 0.5)
                    .map(|(b, _)| &text[b.range.clone()])
                    .collect::<Vec<_>>()
                    .join("\n")
            })
            .collect();
        let everything: Vec<&str> = pages.iter().map(|p| p.text.as_str()).collect();
        let s = score(
            all.iter()
                .zip(&outs)
                .map(|(id, o)| (bench.truth[*id].as_str(), o.as_str())),
        );
        let e = score(
            all.iter()
                .zip(&everything)
                .map(|(id, o)| (bench.truth[*id].as_str(), *o)),
        );
        println!(
            "{}: oracle blocks P {:.3} R {:.3} F1 {:.3}; all blocks P {:.3} R {:.3} F1 {:.3}",
            if html { "HTML" } else { "text" },
            s.precision,
            s.recall,
            s.f1,
            e.precision,
            e.recall,
            e.f1
        );
        if html {
            let mut worst: Vec<(f64, &String)> = all
                .iter()
                .zip(&everything)
                .map(|(id, o)| {
                    (
                        score(std::iter::once((bench.truth[*id].as_str(), *o))).recall,
                        *id,
                    )
                })
                .collect();
            worst.sort_by(|a, b| a.0.total_cmp(&b.0));
            for (r, id) in worst.iter().take(8) {
                println!("  recall of all blocks {r:.3} {id}");
            }
        }
    }
}

fn train_models(bench: &Bench, ids: &[&String]) -> OwnedModels {
    // `GB_KINDS=text` (or `html`) trains one kind only, for quicker experiments; the other kind
    // then falls back to the rules.
    let kinds = std::env::var("GB_KINDS").unwrap_or_default();
    let wanted = |kind: &str| kinds.is_empty() || kinds.contains(kind);
    let text = if wanted("text") {
        train_kind(&prepare_pages(bench, ids, false), "text")
    } else {
        Vec::new()
    };
    let html = if wanted("html") {
        train_kind(&prepare_pages(bench, ids, true), "html")
    } else {
        Vec::new()
    };
    OwnedModels::new(text, html)
}

/// Every stage for one kind of input. Stage k > 1 is trained on the context of out-of-fold
/// scores of stage k - 1, so that it learns how far to trust them on pages it has not seen.
fn train_kind(pages: &[Page], kind: &str) -> Vec<OwnedForest> {
    let params = params(kind);
    let stages = params.stages;
    // `GB_DROP=name,name` blanks features (stage-1 or stage-2 names) for ablations: a constant
    // column is never split on.
    let drop: Vec<usize> = std::env::var("GB_DROP")
        .unwrap_or_default()
        .split(',')
        .filter_map(|name| {
            training::STAGE1
                .iter()
                .chain(training::STAGE2)
                .position(|n| *n == name)
        })
        .collect();
    let data_of = |idx: &[usize], x: &dyn Fn(usize) -> Vec<Vec<f32>>| {
        let mut data = Data::default();
        for &i in idx {
            let mut rows = x(i);
            for row in &mut rows {
                for &f in &drop {
                    if let Some(v) = row.get_mut(f) {
                        *v = 0.0;
                    }
                }
            }
            data.x.extend(rows);
            data.y.extend(&pages[i].labels);
            data.w.extend(&pages[i].weights);
        }
        data
    };
    let all: Vec<usize> = (0..pages.len()).collect();
    // Features of stage k for page i, given the previous stage's out-of-fold scores.
    let features = |i: usize, prev: &Option<Vec<Vec<f32>>>| match prev {
        None => pages[i].analysis.stage1.clone(),
        Some(p) => training::stage2(&pages[i].analysis, &pages[i].blocks, &p[i]),
    };
    let mut forests = Vec::new();
    let mut prev: Option<Vec<Vec<f32>>> = None;
    for stage in 0..stages {
        forests.push(train_forest(
            &data_of(&all, &|i| features(i, &prev)),
            &params,
        ));
        if stage + 1 == stages {
            break;
        }
        let mut oof: Vec<Vec<f32>> = vec![Vec::new(); pages.len()];
        for fold in 0..FOLDS {
            let train: Vec<usize> = all.iter().copied().filter(|i| i % FOLDS != fold).collect();
            let f = train_forest(&data_of(&train, &|i| features(i, &prev)), &params);
            let fb = f.borrow();
            for i in all.iter().copied().filter(|i| i % FOLDS == fold) {
                oof[i] = fb.predict_all(&features(i, &prev));
                training::cap_comments(&pages[i].blocks, &mut oof[i]);
            }
        }
        prev = Some(oof);
    }
    let blocks: usize = pages.iter().map(|p| p.labels.len()).sum();
    eprintln!(
        "  {kind}: {} pages, {blocks} blocks, {stages} stages of {} trees × {}",
        pages.len(),
        params.trees,
        params.learning_rate
    );
    forests
}

#[derive(Default)]
struct Data {
    x: Vec<Vec<f32>>,
    y: Vec<f32>,
    w: Vec<f32>,
}

/// Cut points per feature: at most 63, between distinct values.
fn cuts(data: &Data, f: usize) -> Vec<f32> {
    let mut v: Vec<f32> = data
        .x
        .iter()
        .map(|x| x[f])
        .filter(|v| v.is_finite())
        .collect();
    v.sort_by(f32::total_cmp);
    v.dedup();
    if v.len() <= 1 {
        return Vec::new();
    }
    let k = (v.len() - 1).min(63);
    let mut out: Vec<f32> = (0..k)
        .map(|j| {
            let i = (j * (v.len() - 1)) / k;
            (v[i] + v[i + 1]) / 2.0
        })
        .collect();
    out.dedup();
    out
}

/// Logistic-loss gradient boosting with complete trees of depth `DEPTH` over binned features.
fn train_forest(data: &Data, params: &Params) -> OwnedForest {
    let Params {
        depth,
        trees,
        learning_rate,
        lambda,
        min_child_hessian,
        ..
    } = *params;
    let n = data.y.len();
    let d = data.x.first().map_or(0, Vec::len);
    let cut: Vec<Vec<f32>> = (0..d).map(|f| cuts(data, f)).collect();
    // bins[f][i] = number of cuts <= x[i][f]; x < cut[j] iff bin <= j.
    let bins: Vec<Vec<u8>> = (0..d)
        .map(|f| {
            data.x
                .iter()
                .map(|x| cut[f].partition_point(|&c| c <= x[f]) as u8)
                .collect()
        })
        .collect();
    let (sw, swy): (f64, f64) = data
        .y
        .iter()
        .zip(&data.w)
        .fold((0.0, 0.0), |(a, b), (&y, &w)| {
            (a + w as f64, b + (w * y) as f64)
        });
    let prior = ((swy + 1.0) / (sw - swy + 1.0)).ln() as f32;
    let mut forest = OwnedForest {
        depth,
        base: prior,
        ..OwnedForest::default()
    };
    let mut margin = vec![prior; n];
    let inner = (1usize << depth) - 1;
    let mut node = vec![0usize; n];
    let mut g = vec![0f64; n];
    let mut h = vec![0f64; n];
    for _ in 0..trees {
        for i in 0..n {
            let p = 1.0 / (1.0 + (-margin[i] as f64).exp());
            g[i] = (p - data.y[i] as f64) * data.w[i] as f64;
            h[i] = (p * (1.0 - p)).max(1e-6) * data.w[i] as f64;
            node[i] = 0;
        }
        let mut features = vec![0u8; inner];
        let mut thresholds = vec![f32::INFINITY; inner];
        for level in 0..depth {
            let first = (1usize << level) - 1;
            let width = 1usize << level;
            // Histograms per node of this level, per feature, per bin.
            let mut hist = vec![vec![vec![(0f64, 0f64); 65]; d]; width];
            for i in 0..n {
                let k = node[i] - first;
                for f in 0..d {
                    let e = &mut hist[k][f][bins[f][i] as usize];
                    e.0 += g[i];
                    e.1 += h[i];
                }
            }
            for k in 0..width {
                let (mut best_gain, mut best) = (1e-9f64, None);
                let (gt, ht): (f64, f64) = hist[k][0]
                    .iter()
                    .fold((0.0, 0.0), |a, e| (a.0 + e.0, a.1 + e.1));
                let parent = gt * gt / (ht + lambda);
                for f in 0..d {
                    let (mut gl, mut hl) = (0.0, 0.0);
                    for (j, &(gj, hj)) in hist[k][f].iter().enumerate().take(cut[f].len()) {
                        gl += gj;
                        hl += hj;
                        let (gr, hr) = (gt - gl, ht - hl);
                        if hl < min_child_hessian || hr < min_child_hessian {
                            continue;
                        }
                        let gain = gl * gl / (hl + lambda) + gr * gr / (hr + lambda) - parent;
                        if gain > best_gain {
                            best_gain = gain;
                            best = Some((f, j));
                        }
                    }
                }
                if let Some((f, j)) = best {
                    features[first + k] = f as u8;
                    thresholds[first + k] = cut[f][j];
                }
            }
            for (nd, x) in node.iter_mut().zip(&data.x) {
                let k = *nd;
                let left = x[features[k] as usize] < thresholds[k];
                *nd = if left { 2 * k + 1 } else { 2 * k + 2 };
            }
        }
        let mut sums = vec![(0f64, 0f64); 1 << depth];
        for i in 0..n {
            let e = &mut sums[node[i] - inner];
            e.0 += g[i];
            e.1 += h[i];
        }
        let leaves: Vec<f32> = sums
            .iter()
            .map(|&(g, h)| (-g / (h + lambda)) as f32 * learning_rate)
            .collect();
        for i in 0..n {
            margin[i] += leaves[node[i] - inner];
        }
        forest.features.extend(features);
        forest.thresholds.extend(thresholds);
        forest.leaves.extend(leaves);
    }
    forest
}

/// Trains on every page and writes `src/boilerplate/model.rs`.
fn train_and_write(bench: &Bench, out: &Path) {
    let all: Vec<&String> = bench.ids.iter().collect();
    let m = train_models(bench, &all);
    let mut src = String::from(
        "//! Learned weights. GENERATED by `cargo run --release --example eval_boilerplate -- --train`\n\
         //! from the 181 benchmark pages; do not edit by hand. See `training.rs` for the features.\n\n\
         use super::training::{Forest, Models};\n\n\
         pub(super) static MODELS: Models<'static> = Models {\n",
    );
    let names = |kind: &str, n: usize| (1..=n).map(|k| format!("{kind}{k}")).collect::<Vec<_>>();
    let (text_names, html_names) = (names("TEXT", m.text.len()), names("HTML", m.html.len()));
    src += &format!("    text: &[{}],\n", text_names.join(", "));
    src += &format!("    html: &[{}],\n}};\n", html_names.join(", "));
    for (name, f) in text_names
        .iter()
        .zip(&m.text)
        .chain(html_names.iter().zip(&m.html))
    {
        src += &format!(
            "\n#[rustfmt::skip]\nconst {name}: Forest<'static> = Forest {{\n    depth: {},\n    base: {:?},\n",
            f.depth, f.base
        );
        src += &format!(
            "    features: &{},\n",
            wrap(f.features.iter().map(|v| v.to_string()))
        );
        src += &format!(
            "    thresholds: &{},\n",
            wrap(f.thresholds.iter().map(|v| float(*v)))
        );
        src += &format!(
            "    leaves: &{},\n}};\n",
            wrap(f.leaves.iter().map(|v| float(*v)))
        );
    }
    if let Err(e) = std::fs::write(out, src) {
        eprintln!("eval_boilerplate: cannot write {}: {e}", out.display());
        std::process::exit(1);
    }
    eprintln!("wrote {}", out.display());
}

fn float(v: f32) -> String {
    if v.is_infinite() {
        "f32::INFINITY".to_owned()
    } else {
        format!("{v:?}")
    }
}

fn wrap(items: impl Iterator<Item = String>) -> String {
    let mut out = String::from("[\n       ");
    let mut line = 7;
    for it in items {
        if line + it.len() + 2 > 100 {
            out += "\n       ";
            line = 7;
        }
        out += " ";
        out += &it;
        out += ",";
        line += it.len() + 2;
    }
    out + "\n    ]"
}

/// The README's best simple rule: keep lines of at least 8 words that end in . ! ? or a quote.
fn simple_rule(text: &str) -> String {
    text.lines()
        .filter(|l| {
            let l = l.trim();
            tokens(l).len() >= 8 && l.ends_with(['.', '!', '?', '"', '”', '\''])
        })
        .collect::<Vec<_>>()
        .join("\n")
}
