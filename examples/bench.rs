//! Native throughput of each stage on a generated corpus of about 50 MB (`--mb N` to change),
//! written to `artifacts/bench-corpus.json` so that the wasm bench (`scripts/bench`) measures the
//! very same input in Chromium.
//!
//! The corpus repeats and varies the five samples in story groups of ten: a group's documents are
//! variants of one sample (lines dropped and shuffled, some words swapped, a new sentence with a
//! name and a number; one in ten an exact copy of another member). Every word of four letters or
//! more gets a suffix naming its group, so documents of different groups share no vocabulary and
//! dedup links what a real collection would link, not everything with everything (all five
//! samples are about one crisis).
//!
//! Run: `cargo run --release --example bench -- [--mb 50]`

#![allow(clippy::print_stdout, clippy::print_stderr)]

mod benchmark_pages;

use std::time::Instant;

/// A small deterministic generator (xorshift), so every run measures the same corpus.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    fn chance(&mut self, p: f64) -> bool {
        (self.next() % 1_000_000) as f64 / 1e6 < p
    }
}

/// Letters naming group `g`: a, b, ... z, ab, ...
fn group_suffix(g: usize) -> String {
    let mut s = String::new();
    let mut n = g + 1;
    while n > 0 {
        s.push((b'a' + (n % 26) as u8) as char);
        n /= 26;
    }
    s
}

/// Rewrites the words of a line: some long lower-case words swapped for others, every word of
/// four letters or more suffixed with the group's letters.
fn vary_line(line: &str, suffix: &str, vocabulary: &[String], rng: &mut Rng) -> String {
    let mut out = String::with_capacity(line.len() + 16);
    let mut word = String::new();
    let flush = |word: &mut String, out: &mut String, rng: &mut Rng| {
        if word.is_empty() {
            return;
        }
        let lower = word.chars().all(|c| c.is_ascii_lowercase());
        if lower && word.len() >= 5 && rng.chance(0.08) {
            *word = vocabulary[rng.below(vocabulary.len())].clone();
        }
        out.push_str(word);
        if word.len() >= 4 && word.chars().all(|c| c.is_ascii_alphabetic()) {
            out.push_str(suffix);
        }
        word.clear();
    };
    for c in line.chars() {
        if c.is_ascii_alphabetic() {
            word.push(c);
        } else {
            flush(&mut word, &mut out, rng);
            out.push(c);
        }
    }
    flush(&mut word, &mut out, rng);
    out
}

pub fn corpus(target_bytes: usize) -> Vec<(String, String)> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/www/samples");
    let mut paths: Vec<_> = std::fs::read_dir(dir)
        .expect("samples")
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .collect();
    paths.sort();
    let samples: Vec<String> = paths
        .iter()
        .map(|p| std::fs::read_to_string(p).expect("utf-8 sample"))
        .collect();
    let all_words: Vec<String> = samples
        .iter()
        .flat_map(|s| s.split_whitespace())
        .filter(|w| w.len() >= 4 && w.chars().all(|c| c.is_ascii_alphabetic()))
        .map(str::to_owned)
        .collect();
    let vocabulary: Vec<String> = all_words
        .iter()
        .filter(|w| w.chars().all(|c| c.is_ascii_lowercase()))
        .cloned()
        .collect();
    let capitalized: Vec<String> = all_words
        .iter()
        .filter(|w| w.starts_with(|c: char| c.is_ascii_uppercase()))
        .cloned()
        .collect();
    const GROUP: usize = 10;
    let mut rng = Rng(0x5eed_1234_abcd_ef01);
    let mut out: Vec<(String, String)> = Vec::new();
    let mut group_texts: Vec<String> = Vec::new();
    let mut total = 0;
    while total < target_bytes {
        let n = out.len();
        let g = n / GROUP;
        if n % GROUP == 0 {
            group_texts.clear();
        }
        let text = if group_texts.len() > 1 && rng.chance(0.1) {
            group_texts[rng.below(group_texts.len())].clone()
        } else {
            let suffix = group_suffix(g);
            let mut lines: Vec<&str> = samples[g % samples.len()]
                .lines()
                .filter(|_| !rng.chance(0.15))
                .collect();
            for i in (1..lines.len()).rev() {
                lines.swap(i, rng.below(i + 1));
            }
            let mut text: String = lines
                .iter()
                .map(|l| vary_line(l, &suffix, &vocabulary, &mut rng))
                .collect::<Vec<_>>()
                .join("\n");
            text.push_str(&format!(
                "\n\n{}{suffix} said on day {n} that {} people were affected.\n",
                capitalized[rng.below(capitalized.len())],
                rng.next() % 1_000_000
            ));
            text
        };
        group_texts.push(text.clone());
        total += text.len();
        out.push((format!("doc{n}.txt"), text));
    }
    out
}

fn mb_per_s(bytes: usize, secs: f64) -> f64 {
    bytes as f64 / 1e6 / secs
}

fn main() {
    let mut mb = 50usize;
    let args: Vec<String> = std::env::args().collect();
    if let Some(i) = args.iter().position(|a| a == "--mb") {
        mb = args.get(i + 1).and_then(|v| v.parse().ok()).unwrap_or(mb);
    }
    let docs = corpus(mb * 1_000_000);
    let bytes: usize = docs.iter().map(|(_, t)| t.len()).sum();
    let out_dir = concat!(env!("CARGO_MANIFEST_DIR"), "/artifacts");
    let _ = std::fs::create_dir_all(out_dir);
    let json: Vec<serde_json::Value> = docs
        .iter()
        .map(|(n, t)| serde_json::json!({"name": n, "text": t}))
        .collect();
    std::fs::write(
        format!("{out_dir}/bench-corpus.json"),
        serde_json::to_vec(&json).unwrap(),
    )
    .expect("write corpus");
    println!(
        "corpus: {} documents, {:.1} MB (written to artifacts/bench-corpus.json)",
        docs.len(),
        bytes as f64 / 1e6
    );
    // One ~100 KB HTML page cleaned (no entities): the median of 21 runs.
    let page = gleaner::bench::html_page(&docs);
    let mut runs: Vec<f64> = (0..21)
        .map(|_| {
            let t = Instant::now();
            std::hint::black_box(gleaner::bench::clean_html_page(page.as_bytes()));
            t.elapsed().as_secs_f64() * 1000.0
        })
        .collect();
    runs.sort_by(f64::total_cmp);
    println!(
        "one {} KB HTML page cleaned (decode, parse, classify; median of 21): {:.2} ms",
        page.len() / 1000,
        runs[10]
    );
    extraction_pages();
    let start = Instant::now();
    let times = gleaner::bench::run_stages(&docs, || start.elapsed().as_secs_f64());
    println!("{:<28} {:>10} {:>10}", "stage (native)", "seconds", "MB/s");
    for (stage, secs) in &times.stages {
        println!("{stage:<28} {secs:>10.3} {:>10.1}", mb_per_s(bytes, *secs));
    }
    let entity_secs = times
        .stages
        .iter()
        .find(|(s, _)| *s == "entities")
        .map_or(1.0, |s| s.1);
    println!(
        "entities: {:.0} tokens/s",
        times.tokens as f64 / entity_secs
    );
    println!(
        "dedup found {} pairs, {} clusters",
        times.pairs, times.clusters
    );
    if let Some(peak) = peak_memory_mb() {
        println!("peak memory: {peak:.0} MB");
    }
}

/// The extraction benchmark's pages (`../shared/data/boilerplate/html`, if present), each
/// decoded, parsed and classified as `scripts/bench-wasm.mjs` does in Chromium: six passes, the
/// median of passes 2-6 in pages/s, for the comparison with trafilatura.
fn extraction_pages() {
    let dir = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../shared/data/boilerplate/html"
    );
    let Ok(pages) = benchmark_pages::load(std::path::Path::new(dir)) else {
        println!("extraction benchmark pages: {dir} not found, skipped");
        return;
    };
    let mut passes: Vec<f64> = (0..6)
        .map(|_| {
            let t = Instant::now();
            for (_, page) in &pages {
                std::hint::black_box(gleaner::bench::clean_html_page(page));
            }
            t.elapsed().as_secs_f64()
        })
        .collect();
    let first = passes.remove(0);
    passes.sort_by(f64::total_cmp);
    let per_s = |secs: f64| pages.len() as f64 / secs;
    println!(
        "the extraction benchmark's {} pages cleaned: {:.0} pages/s (median of passes 2-6; the \
         first pass {:.0} pages/s)",
        pages.len(),
        per_s(passes[2]),
        per_s(first)
    );
}

fn peak_memory_mb() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}
