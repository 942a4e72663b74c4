//! Scale benchmark of dedup: generated news-like corpora of 1k, 10k and 100k documents (see
//! `examples/dedup_support/mod.rs`), each clustered by `dedup::link` in a fresh process so that
//! the peak memory (VmHWM) is that size's own. With `--peers`, datasketch MinHashLSH does the
//! same job on the same files (`scripts/dedup-peers/run bench`) for the side-by-side figures.
//!
//! ```text
//! cargo run --release --example bench_dedup [-- [--sizes 1000,10000,100000] [--peers] [--peer-sizes 1000,10000]]
//! ```
#![allow(clippy::print_stdout, clippy::print_stderr)]

mod dedup_support;
use dedup_support as gen;
use gleaner::dedup::{self, Input};
use gleaner::Options;
use std::path::PathBuf;
use std::process::Command;
use std::time::Instant;

fn corpus_path(n: usize) -> PathBuf {
    PathBuf::from(format!("/tmp/gleaner-scale-{n}.jsonl"))
}

/// Writes the corpus of `n` documents unless it is already there.
fn ensure_corpus(n: usize) -> Result<PathBuf, String> {
    let path = corpus_path(n);
    if !path.exists() {
        let sources = gen::load_sources()?;
        let markov = gen::Markov::new(&sources);
        let docs = gen::scale_corpus(&sources, &markov, n, gen::SEED);
        gen::write_corpus(&path, &docs).map_err(|e| e.to_string())?;
    }
    Ok(path)
}

fn peak_memory_mb() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}

/// One size, in this process: prints one JSON line.
fn run_one(n: usize) -> Result<(), String> {
    let path = ensure_corpus(n)?;
    let texts = gen::read_jsonl_texts(&path)?;
    let before = peak_memory_mb().unwrap_or(0.0);
    let bytes: usize = texts.iter().map(String::len).sum();
    let inputs: Vec<Option<Input>> = texts
        .iter()
        .map(|t| {
            Some(Input {
                text: t,
                date: None,
            })
        })
        .collect();
    if std::env::var_os("GLEANER_BENCH_PIPELINE").is_some() {
        // The whole pipeline natively, to see dedup's share of `assemble`.
        let docs: Vec<gleaner::Document> = texts
            .iter()
            .enumerate()
            .map(|(i, t)| gleaner::Document::from_text(format!("doc{i}.txt"), t))
            .collect();
        let t = Instant::now();
        let prepared: Vec<gleaner::Prepared> = docs.iter().map(gleaner::prepare).collect();
        eprintln!("prepare: {:.3} s", t.elapsed().as_secs_f64());
        let t = Instant::now();
        let report = gleaner::assemble(&prepared, &Options::default());
        eprintln!(
            "assemble: {:.3} s ({} pairs)",
            t.elapsed().as_secs_f64(),
            report.pairs.len()
        );
        let clean: Vec<Option<Input>> = report
            .documents
            .iter()
            .map(|d| {
                Some(Input {
                    text: &d.clean_text,
                    date: None,
                })
            })
            .collect();
        let t = Instant::now();
        let links = dedup::link(&clean, &Options::default());
        eprintln!(
            "dedup::link on the cleaned texts: {:.3} s ({} pairs)",
            t.elapsed().as_secs_f64(),
            links.pairs.len()
        );
    }
    if std::env::var_os("GLEANER_BENCH_CANDIDATES").is_some() {
        let t = Instant::now();
        let words: usize = texts.iter().map(|t| dedup::profile_words(t)).sum();
        eprintln!(
            "profiles: {words} words in {:.3} s",
            t.elapsed().as_secs_f64()
        );
        let t = Instant::now();
        let c = dedup::candidate_pairs(&inputs);
        eprintln!(
            "profiles + candidates: {} pairs in {:.3} s",
            c.len(),
            t.elapsed().as_secs_f64()
        );
    }
    let started = Instant::now();
    let cpu = gen::cpu_seconds();
    let links = dedup::link(&inputs, &Options::default());
    let secs = started.elapsed().as_secs_f64();
    let cpu = gen::cpu_seconds() - cpu;
    let multi = links
        .clusters
        .iter()
        .filter(|c| c.members.len() > 1)
        .count();
    println!(
        "{}",
        serde_json::json!({
            "docs": n, "mb": bytes as f64 / 1e6, "seconds": secs, "cpu_seconds": cpu,
            "docs_per_s": n as f64 / secs, "mb_per_s": bytes as f64 / 1e6 / secs,
            "pairs": links.pairs.len(), "clusters_with_copies": multi,
            "peak_mb": peak_memory_mb(), "corpus_mb_before_link": before,
        })
    );
    Ok(())
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let arg = |name: &str| {
        args.iter()
            .position(|a| a == name)
            .and_then(|i| args.get(i + 1))
            .cloned()
    };
    let sizes = |s: Option<String>, default: &str| -> Vec<usize> {
        s.unwrap_or_else(|| default.to_owned())
            .split(',')
            .filter_map(|x| x.trim().parse().ok())
            .collect()
    };
    if let Some(n) = arg("--one").and_then(|s| s.parse().ok()) {
        if let Err(e) = run_one(n) {
            eprintln!("bench_dedup: {e}");
            std::process::exit(1);
        }
        return;
    }
    let exe = std::env::current_exe().unwrap_or_else(|_| PathBuf::from("bench_dedup"));
    println!(
        "Gleaner dedup::link, native, one thread ({}):",
        std::env::consts::ARCH
    );
    println!("(docs/s and MB/s from CPU time, which a busy shared machine does not inflate)");
    println!(
        "{:>8} {:>8} {:>9} {:>9} {:>10} {:>8} {:>9} {:>10} {:>10}",
        "docs", "MB", "wall s", "cpu s", "docs/s", "MB/s", "pairs", "peak MB", "corpus MB"
    );
    let mut gleaner_secs = std::collections::BTreeMap::new();
    for n in sizes(arg("--sizes"), "1000,10000,100000") {
        if let Err(e) = ensure_corpus(n) {
            eprintln!("bench_dedup: {e}");
            std::process::exit(1);
        }
        let out = Command::new(&exe).args(["--one", &n.to_string()]).output();
        let Ok(out) = out else { continue };
        let line = String::from_utf8_lossy(&out.stdout);
        let Ok(v) = serde_json::from_str::<serde_json::Value>(line.trim()) else {
            eprintln!(
                "bench_dedup: size {n} failed: {}",
                String::from_utf8_lossy(&out.stderr)
            );
            continue;
        };
        let f = |k: &str| v[k].as_f64().unwrap_or(f64::NAN);
        gleaner_secs.insert(n, f("cpu_seconds"));
        println!(
            "{:>8} {:>8.1} {:>9.3} {:>9.2} {:>10.0} {:>8.1} {:>9} {:>10.0} {:>10.0}",
            n,
            f("mb"),
            f("seconds"),
            f("cpu_seconds"),
            n as f64 / f("cpu_seconds"),
            f("mb") / f("cpu_seconds"),
            f("pairs"),
            f("peak_mb"),
            f("corpus_mb_before_link")
        );
    }
    if args.iter().any(|a| a == "--peers") {
        println!("\ndatasketch MinHashLSH (128 permutations, word 5-grams, threshold 0.5), same files, one thread:");
        println!(
            "{:>8} {:>10} {:>10} {:>10} {:>10} {:>10} {:>12}",
            "docs", "minhash s", "lsh s", "wall s", "cpu s", "docs/s", "gleaner x"
        );
        for n in sizes(arg("--peer-sizes"), "1000,10000") {
            let path = corpus_path(n);
            let out = Command::new("scripts/dedup-peers/run")
                .args(["bench", &path.display().to_string()])
                .output();
            let Ok(out) = out else {
                eprintln!("bench_dedup: could not run scripts/dedup-peers/run");
                break;
            };
            let line = String::from_utf8_lossy(&out.stdout);
            let Ok(v) =
                serde_json::from_str::<serde_json::Value>(line.trim().lines().last().unwrap_or(""))
            else {
                eprintln!(
                    "bench_dedup: datasketch {n} failed: {}",
                    String::from_utf8_lossy(&out.stderr)
                );
                continue;
            };
            let f = |k: &str| v[k].as_f64().unwrap_or(f64::NAN);
            let speedup = gleaner_secs.get(&n).map_or(f64::NAN, |g| f("cpu_s") / g);
            println!(
                "{:>8} {:>10.2} {:>10.2} {:>10.2} {:>10.2} {:>10.0} {:>11.1}x",
                n,
                f("minhash_s"),
                f("lsh_cluster_s"),
                f("total_s"),
                f("cpu_s"),
                n as f64 / f("cpu_s"),
                speedup
            );
        }
    }
}
