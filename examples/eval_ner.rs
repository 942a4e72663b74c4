//! Scores `entities::recognize` on the NER dev sets: entity-level exact match, per type and
//! micro-averaged, plus PER/ORG/LOC alone, and throughput.
//!
//! ```text
//! cargo run --release --example eval_ner [-- --data ../shared/data/ner] [--sets a,b] [--errors N]
//! ```
//!
//! Each document (sentences regrouped by id) is tagged as one text, sentences on their own
//! lines, the way the app sees an article; mentions are mapped back to sentences. The jsonl
//! offsets are code points: both sides are compared in code points. Sets without MISC have MISC
//! dropped from gold and predictions alike.
#![allow(clippy::print_stdout, clippy::print_stderr)]

use gleaner::entities::{recognize, Label};
use serde_json::Value;
use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::time::Instant;

/// (name, file, has MISC)
const SETS: &[(&str, &str, bool)] = &[
    ("wikigold/dev", "wikigold/dev.jsonl", true),
    ("gum/dev", "gum_ner_derived/dev.jsonl", true),
    ("uner_pud/test", "uner_en_pud/test.jsonl", false),
    ("uner_ewt/dev", "uner_en_ewt/dev.jsonl", false),
];

const NAMES: [&str; 4] = ["PER", "ORG", "LOC", "MISC"];

/// One entity: sentence index, code point start and end, label.
type Span = (usize, usize, usize, String);

/// True/false positive and false negative counts per label.
#[derive(Default, Clone)]
struct Counts(BTreeMap<String, (usize, usize, usize)>);

impl Counts {
    /// Adds the exact-match comparison of `gold` and `pred` (both sets of spans).
    fn add(&mut self, gold: &[Span], pred: &[Span]) {
        for p in pred {
            let e = self.0.entry(p.3.clone()).or_default();
            if gold.contains(p) {
                e.0 += 1;
            } else {
                e.1 += 1;
            }
        }
        for g in gold {
            if !pred.contains(g) {
                self.0.entry(g.3.clone()).or_default().2 += 1;
            }
        }
    }

    fn merge(&mut self, other: &Counts) {
        for (k, v) in &other.0 {
            let e = self.0.entry(k.clone()).or_default();
            e.0 += v.0;
            e.1 += v.1;
            e.2 += v.2;
        }
    }

    /// Precision, recall, F1 over the given labels.
    fn prf(&self, labels: &[&str]) -> (f64, f64, f64, usize) {
        let (mut tp, mut fp, mut fn_) = (0, 0, 0);
        for l in labels {
            if let Some(v) = self.0.get(*l) {
                tp += v.0;
                fp += v.1;
                fn_ += v.2;
            }
        }
        prf(tp, fp, fn_)
    }
}

/// The scorer: precision, recall and F1 from counts, and the gold count.
pub fn prf(tp: usize, fp: usize, fn_: usize) -> (f64, f64, f64, usize) {
    let p = if tp + fp > 0 {
        tp as f64 / (tp + fp) as f64
    } else {
        0.0
    };
    let r = if tp + fn_ > 0 {
        tp as f64 / (tp + fn_) as f64
    } else {
        0.0
    };
    let f = if p + r > 0.0 {
        2.0 * p * r / (p + r)
    } else {
        0.0
    };
    (p, r, f, tp + fn_)
}

struct Doc {
    index: usize,
    sents: Vec<String>,
    gold: Vec<Span>,
}

/// NER_VARIANT=upper or title rewrites every sentence, keeping offsets (char-wise 1:1), to
/// measure robustness to shouted text and headlines; NER_VARIANT=glued writes it as people do,
/// without the spaces of tokenized text before "'s", "n't" and punctuation ("Putin 's plan ,"
/// → "Putin's plan,"). Returns the text and, for each char offset of the original (and its
/// end), the offset in the new text.
fn variant(s: &str) -> (String, Vec<usize>) {
    let one = |c: char| {
        let mut u = c.to_uppercase();
        match (u.next(), u.next()) {
            (Some(x), None) => x,
            _ => c,
        }
    };
    let identity = || (0..=s.chars().count()).collect();
    match std::env::var("NER_VARIANT").as_deref() {
        Ok("upper") => (s.chars().map(one).collect(), identity()),
        Ok("title") => {
            let mut prev = ' ';
            let text = s
                .chars()
                .map(|c| {
                    let out = if prev == ' ' { one(c) } else { c };
                    prev = c;
                    out
                })
                .collect();
            (text, identity())
        }
        Ok("glued") => {
            let chars: Vec<char> = s.chars().collect();
            let word_end = |k: usize| chars.get(k).is_none_or(|c| !c.is_alphanumeric());
            let dropped = |k: usize| {
                let rest = &chars[k + 1..];
                let starts = |w: &str| {
                    w.chars().count() <= rest.len()
                        && w.chars().zip(rest).all(|(a, &b)| a == b)
                        && word_end(k + 1 + w.chars().count())
                };
                chars[k] == ' '
                    && (starts("'s")
                        || starts("’s")
                        || starts("n't")
                        || rest.first().is_some_and(|c| ",.;:?!)".contains(*c))
                        || k > 0 && chars[k - 1] == '(')
            };
            let mut text = String::with_capacity(s.len());
            let mut map = Vec::with_capacity(chars.len() + 1);
            let mut at = 0;
            for (k, &c) in chars.iter().enumerate() {
                map.push(at);
                if !dropped(k) {
                    text.push(c);
                    at += 1;
                }
            }
            map.push(at);
            (text, map)
        }
        _ => (s.to_owned(), identity()),
    }
}

fn load(path: &Path, with_misc: bool) -> Vec<Doc> {
    let text = fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let mut docs: Vec<Doc> = Vec::new();
    let mut last = String::new();
    for line in text.lines() {
        let v: Value = serde_json::from_str(line).expect("json");
        let id = v["id"].as_str().unwrap_or("");
        let doc_id = id.rsplit_once('-').map_or(id, |(d, _)| d).to_owned();
        if doc_id != last || docs.is_empty() {
            docs.push(Doc {
                index: docs.len(),
                sents: Vec::new(),
                gold: Vec::new(),
            });
            last = doc_id;
        }
        let Some(d) = docs.last_mut() else { continue };
        let s = d.sents.len();
        let (sent, map) = variant(v["text"].as_str().unwrap_or(""));
        d.sents.push(sent);
        let at = |k: &Value| map[(k.as_u64().unwrap_or(0) as usize).min(map.len() - 1)];
        for e in v["entities"].as_array().into_iter().flatten() {
            let label = e[2].as_str().unwrap_or("").to_owned();
            if with_misc || label != "MISC" {
                d.gold.push((s, at(&e[0]), at(&e[1]), label));
            }
        }
    }
    docs
}

/// Tags a document and returns name spans in sentence code-point offsets.
fn predict(doc: &Doc, with_misc: bool) -> Vec<Span> {
    let text = doc.sents.join("\n");
    // Byte offset of each sentence start, and a byte → code point map within the text.
    let mut starts = Vec::new();
    let mut at = 0;
    for s in &doc.sents {
        starts.push(at);
        at += s.len() + 1;
    }
    let mut out = Vec::new();
    for m in recognize(&text) {
        if !m.label.is_name() || (!with_misc && m.label == Label::Misc) {
            continue;
        }
        let s = starts.partition_point(|&b| b <= m.range.start) - 1;
        let base = starts[s];
        let cp = |b: usize| text[base..b].chars().count();
        let end = m.range.end.min(base + doc.sents[s].len());
        out.push((s, cp(m.range.start), cp(end), m.label.as_str().to_owned()));
    }
    out
}

fn main() {
    let mut data = PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/data/ner"));
    let mut only: Option<Vec<String>> = None;
    let mut show_errors = 0usize;
    // Predictions as JSON lines {set, doc, sent, start, end, label}, for scripts/ner-peers.
    let mut dump: Option<String> = None;
    // Skip the scores, time only (for `perf stat`).
    let mut bench_only = false;
    // A fixed number of throughput rounds (for instruction counts under valgrind, which then
    // do not depend on how slow the run is); by default as many as fit in 2 s.
    let mut fixed_rounds: Option<usize> = None;
    let mut dumped = String::new();
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--data" => data = PathBuf::from(args.next().expect("--data DIR")),
            "--sets" => {
                only = Some(
                    args.next()
                        .expect("--sets a,b")
                        .split(',')
                        .map(str::to_owned)
                        .collect(),
                )
            }
            "--errors" => {
                show_errors = args
                    .next()
                    .and_then(|n| n.parse().ok())
                    .expect("--errors N")
            }
            "--bench-only" => bench_only = true,
            "--rounds" => {
                fixed_rounds = Some(
                    args.next()
                        .and_then(|n| n.parse().ok())
                        .expect("--rounds N"),
                )
            }
            "--dump" => dump = Some(args.next().expect("--dump FILE")),
            "--show" => {
                // Prints a file with its mentions marked inline: [Putin](PER).
                let path = args.next().expect("--show FILE");
                let text = fs::read_to_string(path).expect("readable file");
                let mut out = String::new();
                let mut at = 0;
                for m in recognize(&text) {
                    out.push_str(&text[at..m.range.start]);
                    out.push_str(&format!(
                        "[{}]({})",
                        &text[m.range.clone()],
                        m.label.as_str()
                    ));
                    at = m.range.end;
                }
                out.push_str(&text[at..]);
                println!("{out}");
                return;
            }
            _ => panic!("unknown argument {a}"),
        }
    }
    println!(
        "{:<15} {:<5} {:>6} {:>6} {:>6} {:>5}",
        "set", "type", "P", "R", "F1", "gold"
    );
    let mut all_docs = Vec::new();
    let mut macro_f = Vec::new();
    let mut total = Counts::default();
    for &(name, file, with_misc) in SETS {
        if only
            .as_ref()
            .is_some_and(|o| !o.iter().any(|x| name.starts_with(x.as_str())))
        {
            continue;
        }
        let docs = load(&data.join(file), with_misc);
        if bench_only {
            all_docs.extend(docs.into_iter().map(|d| d.sents.join("\n")));
            continue;
        }
        let mut counts = Counts::default();
        let mut shown = 0;
        for d in &docs {
            let pred = predict(d, true);
            for p in &pred {
                dumped.push_str(&format!(
                    "{{\"set\":\"{name}\",\"doc\":{},\"sent\":{},\"start\":{},\"end\":{},\"label\":\"{}\"}}\n",
                    d.index, p.0, p.1, p.2, p.3
                ));
            }
            let pred: Vec<Span> = pred
                .into_iter()
                .filter(|p| with_misc || p.3 != "MISC")
                .collect();
            counts.add(&d.gold, &pred);
            if shown < show_errors {
                for p in pred.iter().filter(|p| !d.gold.contains(p)) {
                    let chars: Vec<char> = d.sents[p.0].chars().collect();
                    let gold: Vec<&Span> = d
                        .gold
                        .iter()
                        .filter(|g| g.0 == p.0 && g.1 < p.2 && p.1 < g.2)
                        .collect();
                    let g = gold.first().map_or("-".to_owned(), |g| {
                        format!("{} {}", chars[g.1..g.2].iter().collect::<String>(), g.3)
                    });
                    eprintln!(
                        "FP {name}: {} {} (gold: {g})",
                        chars[p.1..p.2].iter().collect::<String>(),
                        p.3
                    );
                    shown += 1;
                }
                for g in d.gold.iter().filter(|g| !pred.contains(g)) {
                    let chars: Vec<char> = d.sents[g.0].chars().collect();
                    eprintln!(
                        "FN {name}: {} {}",
                        chars[g.1..g.2].iter().collect::<String>(),
                        g.3
                    );
                }
            }
        }
        let labels: &[&str] = if with_misc { &NAMES } else { &NAMES[..3] };
        for l in labels {
            let (p, r, f, n) = counts.prf(&[l]);
            println!("{name:<15} {l:<5} {p:>6.3} {r:>6.3} {f:>6.3} {n:>5}");
        }
        let (p, r, f, n) = counts.prf(labels);
        println!(
            "{name:<15} {:<5} {p:>6.3} {r:>6.3} {f:>6.3} {n:>5}",
            "micro"
        );
        let (p, r, f, n) = counts.prf(&NAMES[..3]);
        println!(
            "{name:<15} {:<5} {p:>6.3} {r:>6.3} {f:>6.3} {n:>5}",
            "P/O/L"
        );
        macro_f.push(f);
        total.merge(&counts);
        all_docs.extend(docs.into_iter().map(|d| d.sents.join("\n")));
    }
    if let Some(path) = &dump {
        fs::write(path, &dumped).expect("write --dump file");
    }
    let (p, r, f, n) = total.prf(&NAMES[..3]);
    println!(
        "{:<15} {:<5} {p:>6.3} {r:>6.3} {f:>6.3} {n:>5}",
        "ALL", "P/O/L"
    );
    if !macro_f.is_empty() {
        println!(
            "{:<15} {:<5} {:>20.3}",
            "mean of sets",
            "P/O/L",
            macro_f.iter().sum::<f64>() / macro_f.len() as f64
        );
    }

    // Throughput: whitespace tokens per second over the dev texts, repeated for at least 2 s.
    // The machine is shared, so CPU time of this process (Linux /proc) is printed beside wall
    // time: it is the steadier figure.
    let tokens: usize = all_docs.iter().map(|d| d.split_whitespace().count()).sum();
    let (t0, cpu0) = (Instant::now(), cpu_seconds());
    let mut rounds = 0;
    let mut mentions = 0;
    while match fixed_rounds {
        Some(n) => rounds < n,
        None => rounds == 0 || t0.elapsed().as_secs_f64() < 2.0,
    } {
        for d in &all_docs {
            mentions += recognize(d).len();
        }
        rounds += 1;
    }
    let secs = t0.elapsed().as_secs_f64();
    let cpu = cpu_seconds().zip(cpu0).map(|(a, b)| a - b);
    let total = (tokens * rounds) as f64;
    println!(
        "throughput: {:.0} tokens/s wall, {} tokens/s CPU ({tokens} tokens × {rounds} in {secs:.2}s, {mentions} mentions)",
        total / secs,
        cpu.map_or("?".to_owned(), |c| format!("{:.0}", total / c.max(1e-9))),
    );
}

/// User + system CPU time of this process, from /proc/self/stat (Linux), in seconds.
fn cpu_seconds() -> Option<f64> {
    let stat = fs::read_to_string("/proc/self/stat").ok()?;
    let after = stat.rsplit_once(')')?.1;
    let f: Vec<&str> = after.split_whitespace().collect();
    let ticks: f64 = f.get(11)?.parse::<f64>().ok()? + f.get(12)?.parse::<f64>().ok()?;
    Some(ticks / 100.0)
}
