//! Times `dedup::link` alone on a corpus and prints a digest of its whole output (pairs with
//! their scores and explanations, clusters), so that a speed change can be checked to leave the
//! output identical.
//!
//! ```text
//! cargo run --release --example dedup_link_bench -- [--runs 5] [--dump out.json] [FILE]
//! ```
//! FILE is `artifacts/bench-corpus.json` (written by `examples/bench.rs`) by default; a `.jsonl`
//! of JSON strings (the scale corpora of `examples/bench_dedup.rs`) works too.
#![allow(clippy::print_stdout, clippy::print_stderr)]

mod dedup_support;
use dedup_support as gen;
use gleaner::dedup::{self, Input};
use gleaner::Options;
use std::time::Instant;

fn load(path: &str) -> Vec<String> {
    if path.ends_with(".jsonl") {
        gen::read_jsonl_texts(std::path::Path::new(path)).unwrap_or_else(|e| panic!("{e}"))
    } else {
        let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"));
        let docs: Vec<serde_json::Value> = serde_json::from_str(&text).expect("JSON array");
        docs.iter()
            .map(|d| d["text"].as_str().unwrap_or_default().to_owned())
            .collect()
    }
}

/// FNV-1a over the serialized output.
fn digest(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, &b| {
        (h ^ b as u64).wrapping_mul(0x0100_0000_01b3)
    })
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut runs = 5;
    let mut dump = None;
    let mut path = concat!(env!("CARGO_MANIFEST_DIR"), "/artifacts/bench-corpus.json").to_owned();
    let mut i = 0;
    while i < args.len() {
        match args[i].as_str() {
            "--runs" => {
                runs = args[i + 1].parse().expect("--runs N");
                i += 1;
            }
            "--dump" => {
                dump = Some(args[i + 1].clone());
                i += 1;
            }
            p => path = p.to_owned(),
        }
        i += 1;
    }
    let texts = load(&path);
    let bytes: usize = texts.iter().map(String::len).sum();
    let docs: Vec<Option<Input>> = texts
        .iter()
        .map(|t| {
            Some(Input {
                text: t,
                date: None,
            })
        })
        .collect();
    let (mut times, mut cpu) = (Vec::new(), Vec::new());
    let mut out = None;
    for _ in 0..runs {
        let (t, c) = (Instant::now(), gen::cpu_seconds());
        let links = dedup::link(&docs, &Options::default());
        times.push(t.elapsed().as_secs_f64());
        cpu.push(gen::cpu_seconds() - c);
        out = Some(links);
    }
    let links = out.expect("at least one run");
    let json = serde_json::to_vec(&serde_json::json!({
        "pairs": links.pairs,
        "clusters": links.clusters,
    }))
    .expect("serialize");
    if let Some(d) = dump {
        std::fs::write(&d, &json).expect("write dump");
    }
    let (wall, cpu) = (median(times.clone()), median(cpu));
    println!(
        "{} docs, {:.1} MB: link median {wall:.3} s wall ({:.1} MB/s), {cpu:.2} s CPU, runs {:?}; {} pairs, {} clusters, digest {:016x}",
        texts.len(),
        bytes as f64 / 1e6,
        bytes as f64 / 1e6 / wall,
        times.iter().map(|t| (t * 1000.0).round() / 1000.0).collect::<Vec<_>>(),
        links.pairs.len(),
        links.clusters.len(),
        digest(&json)
    );
}
