//! Evaluates dedup on the generated set (see `examples/dedup_support/mod.rs`): pairwise
//! precision, recall and F1 per level, any-level linking, the adjusted Rand index of the clusters,
//! hard negatives, and the candidate recall of the large-collection path; for Gleaner and, when
//! `scripts/dedup-peers/run eval` has written its pairs, for datasketch MinHashLSH at 0.5 and 0.8.
//!
//! ```text
//! cargo run --release --example eval_dedup [-- [--split dev|test|all] [--set DIR] [--story T] [--fit] [--sweep] [--errors]]
//! ```
#![allow(clippy::print_stdout, clippy::print_stderr)]
// Counting over hash maps: every figure printed is independent of their order.
#![allow(clippy::iter_over_hash_type)]

mod dedup_support;
use dedup_support as gen;
use gleaner::dedup::{self, Input};
use gleaner::Options;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::Path;
use std::time::Instant;

type Predicted = HashMap<(usize, usize), &'static str>;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let arg = |name: &str| {
        args.iter()
            .position(|a| a == name)
            .and_then(|i| args.get(i + 1))
            .cloned()
    };
    let dir = arg("--set").unwrap_or_else(|| gen::DEFAULT_SET_DIR.to_owned());
    let split = arg("--split").unwrap_or_else(|| "test".to_owned());
    let set_path = Path::new(&dir).join("set.jsonl");
    if !set_path.exists() {
        let sources = gen::load_sources().unwrap_or_else(|e| fail(&e));
        let docs = gen::build_set(&sources, gen::SEED);
        gen::write_set(Path::new(&dir), &docs).unwrap_or_else(|e| fail(&e.to_string()));
        eprintln!("built {}", set_path.display());
    }
    let docs = gen::read_set(&set_path).unwrap_or_else(|e| fail(&e));
    let inputs: Vec<Option<Input>> = docs
        .iter()
        .map(|d| {
            Some(Input {
                text: &d.text,
                date: None,
            })
        })
        .collect();

    // --story T: link at another same-story threshold (sweeping it on the full `link`, copy
    // groups included, which the pairwise sweep below does not see).
    let options = Options {
        story_threshold: arg("--story")
            .and_then(|t| t.parse().ok())
            .unwrap_or(dedup::DEFAULT_STORY_THRESHOLD),
        ..Options::default()
    };
    let started = Instant::now();
    let links = dedup::link(&inputs, &options);
    let elapsed = started.elapsed();
    let gleaner: Predicted = links
        .pairs
        .iter()
        .map(|p| ((p.a.min(p.b), p.a.max(p.b)), p.relation.as_str()))
        .collect();

    let keep = |d: &gen::SetDoc| match split.as_str() {
        "dev" => d.dev,
        "test" => !d.dev,
        _ => true,
    };
    let in_split: Vec<bool> = docs.iter().map(keep).collect();
    let n_split = in_split.iter().filter(|&&k| k).count();
    let truth = truth_pairs(&docs, &in_split);
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for l in truth.values() {
        *counts.entry(l).or_default() += 1;
    }
    println!(
        "Evaluation set {}: {} documents in split '{split}' ({} in all), true pairs per level {counts:?}",
        set_path.display(),
        n_split,
        docs.len()
    );
    println!(
        "Gleaner link() on all {} documents: {:.2} s\n",
        docs.len(),
        elapsed.as_secs_f64()
    );

    let hard = hard_negatives(&docs, &in_split);
    let mut systems: Vec<(String, Predicted)> = vec![("gleaner".into(), gleaner.clone())];
    for t in ["0.5", "0.8"] {
        let path = Path::new(&dir).join(format!("datasketch-{t}.json"));
        match std::fs::read_to_string(&path) {
            Ok(text) => {
                let v: serde_json::Value = serde_json::from_str(&text).unwrap_or_default();
                let pairs: Predicted = v["pairs"]
                    .as_array()
                    .map(|a| {
                        a.iter()
                            .filter_map(|p| {
                                Some((p[0].as_u64()? as usize, p[1].as_u64()? as usize))
                            })
                            .map(|(a, b)| ((a.min(b), a.max(b)), "near"))
                            .collect()
                    })
                    .unwrap_or_default();
                systems.push((format!("datasketch {t}"), pairs));
            }
            Err(_) => eprintln!(
                "({} missing: run scripts/dedup-peers/run eval {dir} for the datasketch rows)",
                path.display()
            ),
        }
    }

    println!("Pairwise precision / recall / F1 per level (a pair counts only at its true level; datasketch has one level, scored as near):");
    println!(
        "{:<16} {:<11} {:>6} {:>6} {:>6} {:>6} {:>7} {:>9}",
        "system", "level", "P", "R", "F1", "pred", "true", "R(any)"
    );
    for (name, pred) in &systems {
        for level in gen::LEVELS {
            let pred_l: Vec<&(usize, usize)> = pred
                .iter()
                .filter(|(k, l)| **l == level && in_split[k.0] && in_split[k.1])
                .map(|(k, _)| k)
                .collect();
            let tp = pred_l
                .iter()
                .filter(|k| truth.get(k) == Some(&level))
                .count();
            let true_l = truth.values().filter(|l| **l == level).count();
            let any = truth
                .iter()
                .filter(|(k, l)| **l == level && pred.contains_key(k))
                .count();
            let (p, r) = (ratio(tp, pred_l.len()), ratio(tp, true_l));
            println!(
                "{name:<16} {level:<11} {:>6.3} {:>6.3} {:>6.3} {:>6} {:>7} {:>9.3}",
                p,
                r,
                f1(p, r),
                pred_l.len(),
                true_l,
                ratio(any, true_l)
            );
        }
    }
    println!("\nAny-level linking, clusters and hard negatives:");
    println!(
        "{:<16} {:>6} {:>6} {:>6} {:>7} {:>14} {:>14}",
        "system", "P", "R", "F1", "ARI", "hard neg. lnk", "counterfeit lnk"
    );
    for (name, pred) in &systems {
        let linked: Vec<&(usize, usize)> = pred
            .keys()
            .filter(|k| in_split[k.0] && in_split[k.1])
            .collect();
        let tp = linked.iter().filter(|k| truth.contains_key(k)).count();
        let (p, r) = (ratio(tp, linked.len()), ratio(tp, truth.len()));
        let ari = adjusted_rand(&docs, &in_split, pred);
        let hard_linked = hard.iter().filter(|k| pred.contains_key(k)).count();
        let fake: Vec<(usize, usize)> = counterfeit_pairs(&docs, &in_split);
        let fake_linked = fake.iter().filter(|k| pred.contains_key(k)).count();
        println!(
            "{name:<16} {:>6.3} {:>6.3} {:>6.3} {:>7.3} {:>8}/{:<5} {:>8}/{:<5}",
            p,
            r,
            f1(p, r),
            ari,
            hard_linked,
            hard.len(),
            fake_linked,
            fake.len()
        );
    }

    // One decision per pair of stories' versions: pairwise figures weigh a story with five
    // copies 25 times more than one without, so single group decisions make them lumpy.
    println!("\nStory level (one decision per pair of copy groups: an original with its exact, near and excerpt copies, or one retelling or counterfeit; linked = any member pair linked):");
    println!(
        "{:<16} {:>6} {:>6} {:>6} {:>6} {:>7} {:>14}",
        "system", "P", "R", "F1", "pred", "true", "counterfeit lnk"
    );
    for (name, pred) in &systems {
        let s = story_level(&docs, &in_split, pred);
        let (p, r) = (
            ratio(s.true_linked, s.linked),
            ratio(s.true_linked, s.truth),
        );
        println!(
            "{name:<16} {:>6.3} {:>6.3} {:>6.3} {:>6} {:>7} {:>8}/{:<5}",
            p,
            r,
            f1(p, r),
            s.linked,
            s.truth,
            s.fake_linked,
            s.fake
        );
    }

    // The large-collection path: what share of the true pairs are even compared.
    let candidates: BTreeSet<(usize, usize)> =
        dedup::candidate_pairs(&inputs).into_iter().collect();
    println!(
        "\nCandidate generation (LSH + rare-fact sketches) on all {} documents: {} candidate pairs",
        docs.len(),
        candidates.len()
    );
    for level in gen::LEVELS {
        let true_l: Vec<&(usize, usize)> = truth
            .iter()
            .filter(|(_, l)| **l == level)
            .map(|(k, _)| k)
            .collect();
        let found = true_l.iter().filter(|k| candidates.contains(k)).count();
        println!(
            "  {level:<11} candidate recall {:.3} ({found}/{})",
            ratio(found, true_l.len()),
            true_l.len()
        );
    }

    if args.iter().any(|a| a == "--fit" || a == "--sweep") {
        let dev: Vec<bool> = docs.iter().map(|d| d.dev).collect();
        let dev_truth = truth_pairs(&docs, &dev);
        let measures: Vec<(usize, usize, dedup::Measures)> = dedup::measure_candidates(&inputs)
            .into_iter()
            .filter(|(a, b, _)| dev[*a] && dev[*b])
            .collect();
        if args.iter().any(|a| a == "--fit") {
            fit(&docs, &measures, &dev_truth);
        }
        if let Some(path) = arg("--dump") {
            // One row per dev candidate pair, for looking at the measures by hand.
            let mut out = String::from("a\tb\ttruth\tjaccard\tin_b\tin_a\tstory\tfeatures\n");
            for (a, b, m) in &measures {
                let f: Vec<String> = m.features.iter().map(|v| format!("{v:.3}")).collect();
                out.push_str(&format!(
                    "{}\t{}\t{}\t{:.3}\t{:.3}\t{:.3}\t{:.3}\t{}\n",
                    docs[*a].id,
                    docs[*b].id,
                    dev_truth.get(&(*a, *b)).copied().unwrap_or("-"),
                    m.jaccard,
                    m.in_b,
                    m.in_a,
                    m.story,
                    f.join("\t")
                ));
            }
            std::fs::write(&path, out).unwrap_or_else(|e| fail(&e.to_string()));
        }
        sweep(&measures, &dev_truth);
    }
    if args.iter().any(|a| a == "--errors") {
        print_errors(&docs, &in_split, &truth, &gleaner);
    }
    samples();
}

fn fail(msg: &str) -> ! {
    eprintln!("eval_dedup: {msg}");
    std::process::exit(1);
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        f64::NAN
    } else {
        a as f64 / b as f64
    }
}

fn f1(p: f64, r: f64) -> f64 {
    if p + r == 0.0 {
        0.0
    } else {
        2.0 * p * r / (p + r)
    }
}

/// Every pair of one cluster, with the level it should be linked at.
fn truth_pairs(docs: &[gen::SetDoc], in_split: &[bool]) -> HashMap<(usize, usize), &'static str> {
    let mut by_cluster: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for (i, d) in docs.iter().enumerate() {
        if in_split[i] {
            by_cluster.entry(d.cluster).or_default().push(i);
        }
    }
    let mut out = HashMap::new();
    for members in by_cluster.values() {
        for (x, &a) in members.iter().enumerate() {
            for &b in &members[x + 1..] {
                out.insert((a, b), gen::expected_level(&docs[a], &docs[b]));
            }
        }
    }
    out
}

/// Originals that share at least three names that are rare in the set: same topic or same kind
/// of event, different stories.
fn hard_negatives(docs: &[gen::SetDoc], in_split: &[bool]) -> Vec<(usize, usize)> {
    let originals: Vec<usize> = (0..docs.len())
        .filter(|&i| in_split[i] && docs[i].kind == gen::Kind::Original)
        .collect();
    let names: Vec<BTreeSet<String>> = originals
        .iter()
        .map(|&i| gen::names(&docs[i].text).into_iter().collect())
        .collect();
    let mut df: HashMap<&str, usize> = HashMap::new();
    for set in &names {
        for n in set {
            *df.entry(n.as_str()).or_default() += 1;
        }
    }
    let mut out = Vec::new();
    for x in 0..originals.len() {
        for y in x + 1..originals.len() {
            let shared = names[x]
                .iter()
                .filter(|n| names[y].contains(*n) && df[n.as_str()] <= 8)
                .count();
            let one_story = docs[originals[x]].cluster == docs[originals[y]].cluster;
            if shared >= 3 && !one_story {
                out.push((originals[x], originals[y]));
            }
        }
    }
    out
}

/// Each counterfeit with every document of the cluster it imitates.
fn counterfeit_pairs(docs: &[gen::SetDoc], in_split: &[bool]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    for (c, d) in docs.iter().enumerate() {
        if d.kind != gen::Kind::Counterfeit || !in_split[c] {
            continue;
        }
        let Some(imitated) = docs
            .iter()
            .find(|e| e.kind == gen::Kind::Original && e.source == d.source)
            .map(|e| e.cluster)
        else {
            continue;
        };
        for (o, e) in docs.iter().enumerate() {
            if e.cluster == imitated && in_split[o] {
                out.push((c.min(o), c.max(o)));
            }
        }
    }
    out
}

/// The copy group a document belongs to by construction: its source for an original and its
/// exact, near and excerpt copies; itself for a retelling or a counterfeit.
fn story_unit(docs: &[gen::SetDoc], i: usize) -> (usize, usize) {
    match docs[i].kind {
        gen::Kind::Retelling | gen::Kind::Counterfeit => (docs[i].source, i),
        _ => (docs[i].source, usize::MAX),
    }
}

/// Counts of [`story_level`].
struct StoryLevel {
    truth: usize,
    linked: usize,
    true_linked: usize,
    fake: usize,
    fake_linked: usize,
}

/// Pairs of copy groups of the split: how many tell one story, how many are linked (any member
/// pair linked at any level), and the counterfeits linked to the group they imitate.
fn story_level(docs: &[gen::SetDoc], in_split: &[bool], pred: &Predicted) -> StoryLevel {
    let mut cluster: BTreeMap<(usize, usize), usize> = BTreeMap::new();
    for (i, d) in docs.iter().enumerate() {
        if in_split[i] {
            cluster.insert(story_unit(docs, i), d.cluster);
        }
    }
    let linked: BTreeSet<((usize, usize), (usize, usize))> = pred
        .keys()
        .filter(|k| in_split[k.0] && in_split[k.1])
        .map(|&(a, b)| (story_unit(docs, a), story_unit(docs, b)))
        .filter(|(x, y)| x != y)
        .map(|(x, y)| (x.min(y), x.max(y)))
        .collect();
    let units: Vec<(&(usize, usize), &usize)> = cluster.iter().collect();
    let mut out = StoryLevel {
        truth: 0,
        linked: linked.len(),
        true_linked: 0,
        fake: 0,
        fake_linked: 0,
    };
    for (x, (ux, cx)) in units.iter().enumerate() {
        for (uy, cy) in &units[x + 1..] {
            let is_linked = linked.contains(&(**ux, **uy));
            if cx == cy {
                out.truth += 1;
                out.true_linked += usize::from(is_linked);
            }
            // A counterfeit and the original group of the source it imitates.
            let fake = |c: &(usize, usize), o: &(usize, usize)| {
                c.1 != usize::MAX
                    && docs[c.1].kind == gen::Kind::Counterfeit
                    && o == &(c.0, usize::MAX)
            };
            if fake(ux, uy) || fake(uy, ux) {
                out.fake += 1;
                out.fake_linked += usize::from(is_linked);
            }
        }
    }
    out
}

/// Adjusted Rand index of the predicted clusters (components of the linked pairs) against the
/// true ones, over the documents of the split.
fn adjusted_rand(docs: &[gen::SetDoc], in_split: &[bool], pred: &Predicted) -> f64 {
    let mut parent: Vec<usize> = (0..docs.len()).collect();
    fn root(p: &mut [usize], mut i: usize) -> usize {
        while p[i] != i {
            p[i] = p[p[i]];
            i = p[i];
        }
        i
    }
    for &(a, b) in pred.keys() {
        if in_split[a] && in_split[b] {
            let (ra, rb) = (root(&mut parent, a), root(&mut parent, b));
            parent[ra.max(rb)] = ra.min(rb);
        }
    }
    let mut table: HashMap<(usize, usize), f64> = HashMap::new();
    let (mut rows, mut cols): (HashMap<usize, f64>, HashMap<usize, f64>) = Default::default();
    let mut n = 0.0;
    for (i, d) in docs.iter().enumerate() {
        if !in_split[i] {
            continue;
        }
        let r = root(&mut parent, i);
        *table.entry((d.cluster, r)).or_default() += 1.0;
        *rows.entry(d.cluster).or_default() += 1.0;
        *cols.entry(r).or_default() += 1.0;
        n += 1.0;
    }
    let c2 = |x: f64| x * (x - 1.0) / 2.0;
    let index: f64 = table.values().map(|&x| c2(x)).sum();
    let a: f64 = rows.values().map(|&x| c2(x)).sum();
    let b: f64 = cols.values().map(|&x| c2(x)).sum();
    let expected = a * b / c2(n);
    let max = (a + b) / 2.0;
    (index - expected) / (max - expected)
}

fn print_errors(
    docs: &[gen::SetDoc],
    in_split: &[bool],
    truth: &HashMap<(usize, usize), &'static str>,
    pred: &Predicted,
) {
    println!("\nGleaner errors (first 300 of each):");
    let mut missed: Vec<_> = truth
        .iter()
        .filter(|(k, l)| pred.get(k) != Some(l))
        .collect();
    missed.sort();
    for ((a, b), l) in missed.iter().take(300) {
        println!(
            "  want {l:<10} got {:<10} {} {}",
            pred.get(&(*a, *b)).copied().unwrap_or("-"),
            docs[*a].id,
            docs[*b].id
        );
    }
    let mut wrong: Vec<_> = pred
        .iter()
        .filter(|(k, _)| in_split[k.0] && in_split[k.1] && !truth.contains_key(k))
        .collect();
    wrong.sort();
    for ((a, b), l) in wrong.iter().take(300) {
        println!("  false {l:<10} {} {}", docs[*a].id, docs[*b].id);
    }
}

/// The five real samples: 000/001 near copies, 002 the same press conference, 003/004 one story,
/// 000 vs 003 different stories. Compared as the pipeline does: the cleaned text of `analyze`.
fn samples() {
    let dir = Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/www/samples"));
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut files: Vec<_> = entries.filter_map(Result::ok).map(|e| e.path()).collect();
    files.sort();
    let docs: Vec<gleaner::Document> = files
        .iter()
        .filter_map(|p| {
            Some(gleaner::Document::new(
                p.display().to_string(),
                std::fs::read(p).ok()?,
            ))
        })
        .collect();
    let report = gleaner::analyze(&docs, &Options::default());
    let inputs: Vec<Option<Input>> = report
        .documents
        .iter()
        .map(|d| {
            Some(Input {
                text: &d.clean_text,
                date: None,
            })
        })
        .collect();
    println!("\nThe five samples (cleaned text from analyze): measures of every pair, then the explanation");
    println!("  features: {}", dedup::FEATURE_NAMES.join(", "));
    let all = Options {
        story_threshold: 0.0,
        ..Options::default()
    };
    let explained = dedup::link(&inputs, &all).pairs;
    for (a, b, m) in dedup::measure_candidates(&inputs) {
        let f: Vec<String> = m.features.iter().map(|v| format!("{v:.2}")).collect();
        let linked = dedup::classify(&m, &Options::default()).map_or("-", |(r, _)| r.as_str());
        println!(
            "  {a:03}-{b:03} {linked:<10} jaccard {:.2} in {:.2}/{:.2} story {:.2} [{}]",
            m.jaccard,
            m.in_b,
            m.in_a,
            m.story,
            f.join(" ")
        );
        if let Some(p) = explained.iter().find(|p| (p.a, p.b) == (a, b)) {
            println!("           {}", p.explanation);
        }
    }
}

/// Fits the same-story logistic weights on the dev pairs that are not exact, near or excerpt:
/// positives are pairs of one cluster, negatives the rest. Prints them for `WEIGHTS`.
fn fit(
    docs: &[gen::SetDoc],
    measures: &[(usize, usize, dedup::Measures)],
    truth: &HashMap<(usize, usize), &'static str>,
) {
    let options = Options::default();
    // GLEANER_FIT_WITHOUT="phrases,lead names": fit as if those features were absent.
    let without = std::env::var("GLEANER_FIT_WITHOUT").unwrap_or_default();
    let judged: Vec<&(usize, usize, dedup::Measures)> = measures
        .iter()
        .filter(|(_, _, m)| {
            !matches!(dedup::classify(m, &options), Some((r, _)) if r != gleaner::Relation::SameStory)
        })
        .collect();
    // GLEANER_FIT_STORY=1: each pair of copy groups weighs as much as any other in total, as in
    // the story-level figures (otherwise a story with five copies counts 25 times). Tried in
    // session 12: a little better at the story level, worse with the bridge rule; not used for
    // `WEIGHTS`.
    let unit_pair = |a: usize, b: usize| {
        let (x, y) = (story_unit(docs, a), story_unit(docs, b));
        (x.min(y), x.max(y))
    };
    let mut per_unit_pair: HashMap<_, f32> = HashMap::new();
    for (a, b, _) in &judged {
        *per_unit_pair.entry(unit_pair(*a, *b)).or_default() += 1.0;
    }
    let by_story = std::env::var("GLEANER_FIT_STORY").is_ok();
    let weights: Vec<f32> = judged
        .iter()
        .map(|(a, b, _)| {
            if by_story {
                1.0 / per_unit_pair[&unit_pair(*a, *b)]
            } else {
                1.0
            }
        })
        .collect();
    let total: f32 = weights.iter().sum();
    let rows: Vec<([f32; dedup::FEATURES], f32)> = judged
        .iter()
        .map(|(a, b, m)| {
            let mut f = m.features;
            for (i, name) in dedup::FEATURE_NAMES.iter().enumerate() {
                if without.split(',').any(|w| w.trim() == *name) {
                    f[i] = 0.0;
                }
            }
            (
                f,
                if truth.contains_key(&(*a, *b)) {
                    1.0
                } else {
                    0.0
                },
            )
        })
        .collect();
    let positives = rows.iter().filter(|r| r.1 > 0.5).count();
    println!(
        "\nFitting on {} dev pairs ({} positive)",
        rows.len(),
        positives
    );
    // Plain gradient descent with a little L2: few features, no need for more.
    let mut w = [0f32; dedup::FEATURES + 1];
    for _ in 0..20000 {
        let mut grad = [0f32; dedup::FEATURES + 1];
        for ((f, y), k) in rows.iter().zip(&weights) {
            let z = w[dedup::FEATURES] + f.iter().zip(&w).map(|(x, w)| x * w).sum::<f32>();
            let p = 1.0 / (1.0 + (-z).exp());
            for i in 0..dedup::FEATURES {
                grad[i] += k * (p - y) * f[i];
            }
            grad[dedup::FEATURES] += k * (p - y);
        }
        for i in 0..=dedup::FEATURES {
            let l2 = if i < dedup::FEATURES {
                0.0005 * w[i]
            } else {
                0.0
            };
            w[i] -= 2.0 * (grad[i] / total + l2);
        }
    }
    for (name, v) in dedup::FEATURE_NAMES.iter().zip(&w) {
        println!("  {name:<16} {v:>8.3}");
    }
    println!("  bias             {:>8.3}", w[dedup::FEATURES]);
    println!(
        "  WEIGHTS = {:?}",
        w.iter()
            .map(|v| (v * 100.0).round() / 100.0)
            .collect::<Vec<_>>()
    );
}

/// Dev-split F1 of the near and same-story levels over a grid of thresholds.
fn sweep(
    measures: &[(usize, usize, dedup::Measures)],
    truth: &HashMap<(usize, usize), &'static str>,
) {
    let count = |level: &str, options: &Options| -> (usize, usize, usize) {
        let mut tp = 0;
        let mut pred = 0;
        for (a, b, m) in measures {
            if let Some((r, _)) = dedup::classify(m, options) {
                if r.as_str() == level {
                    pred += 1;
                    if truth.get(&(*a, *b)) == Some(&level) {
                        tp += 1;
                    }
                }
            }
        }
        (tp, pred, truth.values().filter(|l| **l == level).count())
    };
    println!("\nDev sweep (candidate pairs of the dev split):");
    for t in [0.3, 0.4, 0.5, 0.6, 0.7, 0.8] {
        let options = Options {
            near_threshold: t,
            ..Options::default()
        };
        let (tp, pred, all) = count("near", &options);
        let (p, r) = (ratio(tp, pred), ratio(tp, all));
        println!(
            "  near_threshold {t:.2}: near P {p:.3} R {r:.3} F1 {:.3}",
            f1(p, r)
        );
    }
    for t in [0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.6, 0.7, 0.8, 0.9] {
        let options = Options {
            story_threshold: t,
            ..Options::default()
        };
        let (tp, pred, all) = count("same-story", &options);
        let (p, r) = (ratio(tp, pred), ratio(tp, all));
        println!(
            "  story_threshold {t:.2}: same-story P {p:.3} R {r:.3} F1 {:.3}",
            f1(p, r)
        );
    }
}
