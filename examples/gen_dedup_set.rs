//! Builds the dedup evaluation set (and, with `scale N FILE`, a scale corpus) from the real
//! article texts in shared/data. Deterministic: the same files on every run.
//!
//! ```text
//! cargo run --release --example gen_dedup_set [-- DIR]          # DIR/set.jsonl (default /tmp/gleaner-dedup-set)
//! cargo run --release --example gen_dedup_set -- scale 10000 /tmp/scale-10k.jsonl
//! ```
#![allow(clippy::print_stdout, clippy::print_stderr)]

mod dedup_support;
use dedup_support as gen;
use std::path::Path;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let sources = match gen::load_sources() {
        Ok(s) => s,
        Err(e) => {
            eprintln!("gen_dedup_set: {e}");
            std::process::exit(1);
        }
    };
    if args.first().map(String::as_str) == Some("df") {
        // The background document frequencies embedded in the library: dev-split sources only,
        // so that the test split is measured with a table that never saw it.
        let path = args
            .get(1)
            .cloned()
            .unwrap_or_else(|| "src/data/dedup_df.txt".to_owned());
        let mut df: std::collections::BTreeMap<String, usize> = Default::default();
        let mut docs = 0;
        let stories = gen::stories(&sources);
        for (i, s) in sources.iter().enumerate() {
            if !gen::is_dev(gen::SEED, stories[i]) {
                continue;
            }
            docs += 1;
            for t in gleaner::dedup::background_terms(&s.text) {
                *df.entry(t).or_default() += 1;
            }
        }
        let mut out = format!(
            "# Document frequencies of content-word stems for gleaner's dedup (src/dedup.rs).\n\
             # Computed by `cargo run --release --example gen_dedup_set -- df` from the dev half of\n\
             # the evaluation sources: Wikinews articles 2019-2020 (CC BY 2.5, https://en.wikinews.org)\n\
             # and the boilerplate ground-truth bodies (MIT). Stems in one document only are left out.\n\
             # documents {docs}\n"
        );
        for (t, n) in &df {
            if *n >= 2 {
                out.push_str(&format!("{t}\t{n}\n"));
            }
        }
        if let Err(e) = std::fs::write(&path, &out) {
            eprintln!("gen_dedup_set: {path}: {e}");
            std::process::exit(1);
        }
        println!(
            "{docs} documents, {} stems, {} bytes -> {path}",
            df.values().filter(|&&n| n >= 2).count(),
            out.len()
        );
        return;
    }
    if args.first().map(String::as_str) == Some("scale") {
        let n: usize = args.get(1).and_then(|s| s.parse().ok()).unwrap_or(1000);
        let path = args
            .get(2)
            .cloned()
            .unwrap_or_else(|| format!("/tmp/gleaner-scale-{n}.jsonl"));
        let markov = gen::Markov::new(&sources);
        let docs = gen::scale_corpus(&sources, &markov, n, gen::SEED);
        if let Err(e) = gen::write_corpus(Path::new(&path), &docs) {
            eprintln!("gen_dedup_set: {path}: {e}");
            std::process::exit(1);
        }
        let bytes: usize = docs.iter().map(String::len).sum();
        println!("{n} documents, {:.1} MB -> {path}", bytes as f64 / 1e6);
        return;
    }
    let dir = args
        .first()
        .cloned()
        .unwrap_or_else(|| gen::DEFAULT_SET_DIR.to_owned());
    let docs = gen::build_set(&sources, gen::SEED);
    match gen::write_set(Path::new(&dir), &docs) {
        Ok(path) => {
            let mut counts = std::collections::BTreeMap::new();
            for d in &docs {
                *counts.entry(d.kind.as_str()).or_insert(0) += 1;
            }
            println!(
                "{} sources, {} documents {counts:?} -> {}",
                sources.len(),
                docs.len(),
                path.display()
            );
        }
        Err(e) => {
            eprintln!("gen_dedup_set: {dir}: {e}");
            std::process::exit(1);
        }
    }
}
