//! Builds the gazetteer and the word classes and trains the name tagger; writes
//! `src/entities/data/{gazetteer.txt, clusters.txt, model.bin}`; reads `brown.txt` and
//! `glove.txt` there. Under a
//! minute on one core.
//!
//! ```text
//! cargo run --release --example train_ner [-- --data ../shared/data/ner --epochs 10]
//! ```
//!
//! Method: an averaged structured perceptron (Collins 2002) over the features of
//! `entities::features`, with Viterbi over BIO tags, 10 epochs on wikigold, GUM and UNER-EWT
//! train. Sets that do not annotate MISC (UNER) or annotate it only in part (GUM) are
//! *partially* labelled: on their capitalized, non-initial O tokens the gold sequence may take O
//! or MISC, and the update goes toward the best sequence the annotation allows. Each document is
//! also seen once more with some sentences upper-cased, title-cased, with curly apostrophes or
//! with the apostrophe of "'s" removed, so that headlines and scraped text keep working. Word
//! classes come from the exchange algorithm on Wikinews and the training texts; the Brown
//! clusters of capitalized words (`brown.txt`, read here, written by
//! `scripts/ner-brown-clusters`) from a large web corpus; the GloVe word-vector classes
//! (`glove.txt`, written by `scripts/ner-glove-classes`) from Wikipedia and news. Features seen
//! once are dropped before training, and the 45,000 with the widest weight spread are kept;
//! three perceptrons trained on those, each on its own shuffles, are averaged into the model.
//! Everything is seeded: two runs give the same bytes.
//!
//! `NER_*` environment knobs (see `knob`) exist for experiments; their defaults are the shipped
//! model. `NER_REUSE_CLUSTERS=1` skips rebuilding the word classes. `NER_SEED=n` changes the
//! shuffles (run-to-run spread is about ±0.004 F1, so compare changes over several seeds),
//! `NER_BAG=k` averages k perceptrons (3 by default since the word-vector classes; 1 before),
//! and `NER_SELF=w` adds self-training on Wikinews at weight w, which did not help (see
//! `docs/dev-notes/ner.md`).
#![allow(clippy::print_stdout, clippy::print_stderr)]

use gleaner::entities::training::{
    begin, features, inside, label_of, sentences, token_infos, tokenize, viterbi, write, Gazetteer,
    N_TAGS,
};
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fs;
use std::path::{Path, PathBuf};
use std::time::Instant;

const OUT_DIR: &str = "src/entities/data";

fn main() {
    let mut data = PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/data/ner"));
    let mut epochs = 10;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--data" => data = PathBuf::from(args.next().expect("--data DIR")),
            "--epochs" => {
                epochs = args
                    .next()
                    .and_then(|e| e.parse().ok())
                    .expect("--epochs N")
            }
            _ => panic!("unknown argument {a}"),
        }
    }
    let t0 = Instant::now();
    let gaz_text = build_gazetteer(&data);
    fs::write(Path::new(OUT_DIR).join("gazetteer.txt"), &gaz_text).expect("write gazetteer");
    // NER_REUSE_CLUSTERS=1 keeps the last word classes (they take most of the training time).
    let clusters = match fs::read_to_string(Path::new(OUT_DIR).join("clusters.txt")) {
        Ok(c) if knob("NER_REUSE_CLUSTERS", 0.0) == 1.0 => c,
        _ => build_clusters(&data),
    };
    fs::write(Path::new(OUT_DIR).join("clusters.txt"), &clusters).expect("write clusters");
    let brown = fs::read_to_string(Path::new(OUT_DIR).join("brown.txt")).expect("brown.txt");
    let glove = fs::read_to_string(Path::new(OUT_DIR).join("glove.txt")).expect("glove.txt");
    let gaz = Gazetteer::parse(&gaz_text)
        .with_clusters(&clusters)
        .with_brown(&brown)
        .with_glove(&glove);
    eprintln!(
        "gazetteer: {} bytes ({:.1}s)",
        gaz_text.len(),
        t0.elapsed().as_secs_f32()
    );

    // (file, partial MISC, weight)
    let mut sets = vec![
        ("wikigold/train.jsonl", false, knob("NER_W_WIKI", 1.0)),
        ("gum_ner_derived/train.jsonl", true, knob("NER_W_GUM", 1.0)),
        (
            "uner_en_ewt/train.jsonl",
            knob("NER_STRICT_UNER", 0.0) == 0.0,
            knob("NER_W_UNER", 1.0),
        ),
    ];
    // Experiments: NER_EXTRA=0.3 adds the social-media and SEC sets at that weight.
    if let Some(w) = std::env::var("NER_EXTRA")
        .ok()
        .and_then(|w| w.parse::<f32>().ok())
    {
        sets.push(("btc/train.jsonl", true, w));
        sets.push(("wnut17/train.jsonl", true, w));
        sets.push(("sec_filings/train.jsonl", true, w));
    }
    let mut docs = Vec::new();
    for (file, partial, weight) in sets {
        let n = docs.len();
        docs.extend(load_docs(&data.join(file), partial, weight));
        eprintln!("{file}: {} documents", docs.len() - n);
    }
    let mut rng = Rng(0x5eed_1234_abcd_0001 ^ knob("NER_SEED", 0.0) as u64);
    let (mut keys, mut model) = fit(&docs, &gaz, epochs, &mut rng, t0);
    // Self-training (NER_SELF=w): the first model tags the unlabelled Wikinews articles, and
    // the final model trains on the gold sets plus those silver labels at weight w.
    let self_w = knob("NER_SELF", 0.0);
    if self_w > 0.0 {
        let silver = self_label(&data, &gaz, &keys, &model, self_w);
        eprintln!("self-training: {} silver documents", silver.len());
        docs.extend(silver);
        (keys, model) = fit(&docs, &gaz, epochs, &mut rng, t0);
    }
    let mut rows: Vec<(u32, [f32; N_TAGS])> = Vec::new();
    let max = model.w.iter().flatten().fold(0.0f32, |m, w| m.max(w.abs()));
    // Weights under 1/4000 of the largest change no decision; dropping them halves the model.
    let cut = max / knob("NER_CUT", 4000.0);
    for (i, w) in model.w.iter().enumerate() {
        if w.iter().any(|x| x.abs() >= cut) {
            rows.push((keys[i], w.map(|x| if x.abs() >= cut { x } else { 0.0 })));
        }
    }
    // Keep the features with the largest weights: the table must stay small enough for the
    // cache, since tagging speed is bound by its lookups.
    let top = knob("NER_TOP", 45_000.0) as usize;
    if rows.len() > top {
        let spread = |w: &[f32; N_TAGS]| {
            let (lo, hi) = w
                .iter()
                .fold((f32::MAX, f32::MIN), |(a, b), &x| (a.min(x), b.max(x)));
            hi - lo
        };
        rows.sort_by(|a, b| spread(&b.1).total_cmp(&spread(&a.1)).then(a.0.cmp(&b.0)));
        rows.truncate(top);
    }
    let bytes = write(&model.trans, &model.start, &mut rows);
    fs::write(Path::new(OUT_DIR).join("model.bin"), &bytes).expect("write model");
    eprintln!(
        "model: {} features, {} bytes ({:.1}s)",
        rows.len(),
        bytes.len(),
        t0.elapsed().as_secs_f32()
    );
}

/// Extracts the training sentences of `docs` (plus an augmented copy of each), keeps the
/// features seen at least twice and trains; returns the kept keys (sorted) and the weights.
fn fit(
    docs: &[Doc],
    gaz: &Gazetteer,
    epochs: usize,
    rng: &mut Rng,
    t0: Instant,
) -> (Vec<u32>, Weights) {
    let mut sents = Vec::new();
    for doc in docs {
        extract(doc, gaz, &mut sents, false, rng);
        extract(doc, gaz, &mut sents, true, rng);
    }
    let tokens: usize = sents.iter().map(|s| s.gold.len()).sum();
    eprintln!(
        "{} training sentences, {tokens} tokens ({:.1}s)",
        sents.len(),
        t0.elapsed().as_secs_f32()
    );

    // Dense feature ids for keys seen at least twice.
    let mut counts: HashMap<u32, u32> = HashMap::new();
    for s in &sents {
        for &k in &s.feats {
            *counts.entry(k).or_default() += 1;
        }
    }
    let mut keys: Vec<u32> = counts
        .iter()
        .filter(|(_, &c)| c >= knob("NER_MIN_COUNT", 2.0) as u32)
        .map(|(&k, _)| k)
        .collect();
    keys.sort_unstable();
    let dense: HashMap<u32, u32> = keys
        .iter()
        .enumerate()
        .map(|(i, &k)| (k, i as u32))
        .collect();
    for s in &mut sents {
        s.feats = s
            .feats
            .iter()
            .map(|k| dense.get(k).copied().unwrap_or(u32::MAX))
            .collect();
    }
    eprintln!("{} features kept of {}", keys.len(), counts.len());

    // NER_BAG=k averages k perceptrons trained on different shuffles (less variance: three
    // seeds gained 0.006 on the held-out sets, 0.001 on dev).
    let bag = knob("NER_BAG", 3.0) as usize;
    let mut model = train(&sents, keys.len(), epochs, rng);
    for _ in 1..bag {
        let m = train(&sents, keys.len(), epochs, rng);
        for (a, b) in model.w.iter_mut().zip(&m.w) {
            for (x, y) in a.iter_mut().zip(b) {
                *x += y;
            }
        }
        for (a, b) in model.trans.iter_mut().zip(&m.trans) {
            for (x, y) in a.iter_mut().zip(b) {
                *x += y;
            }
        }
        for (x, y) in model.start.iter_mut().zip(&m.start) {
            *x += y;
        }
    }
    (keys, model)
}

/// Tags the unlabelled Wikinews articles with `model` (features of `keys`) and returns them as
/// documents labelled with its predictions, at weight `weight`.
fn self_label(
    data: &Path,
    gaz: &Gazetteer,
    keys: &[u32],
    model: &Weights,
    weight: f32,
) -> Vec<Doc> {
    let news = fs::read_to_string(data.join("unlabeled/wikinews_sample/articles.jsonl"))
        .unwrap_or_default();
    let mut docs = Vec::new();
    let mut feats = Vec::new();
    let mut emissions: Vec<[f32; N_TAGS]> = Vec::new();
    for line in news.lines() {
        let Ok(v) = serde_json::from_str::<Value>(line) else {
            continue;
        };
        let text = v["text"].as_str().unwrap_or("").replace("\n\n", "\n");
        let tokens = tokenize(&text);
        let sents = sentences(&text, &tokens);
        let infos = token_infos(&text, &tokens, &sents, gaz);
        let mut doc = Doc {
            sents: Vec::new(),
            partial: knob("NER_SELF_PARTIAL", 1.0) == 1.0,
            weight,
        };
        for sent in &sents {
            emissions.clear();
            for i in sent.clone() {
                feats.clear();
                features(&infos, sent, i, &mut feats);
                let mut e = [0.0f32; N_TAGS];
                for f in &feats {
                    if let Ok(k) = keys.binary_search(f) {
                        for (x, y) in e.iter_mut().zip(&model.w[k]) {
                            *x += y;
                        }
                    }
                }
                emissions.push(e);
            }
            let tags = viterbi(&emissions, &model.trans, &model.start, &|_, _| true);
            let toks: Vec<Tok> = sent
                .clone()
                .zip(&tags)
                .map(|(i, &t)| {
                    let t = usize::from(t);
                    let l = label_of(t).map(|l| (l, t == begin(l)));
                    (text[tokens[i].clone()].to_owned(), l)
                })
                .collect();
            doc.sents.push(toks);
        }
        if !doc.sents.is_empty() {
            docs.push(doc);
        }
    }
    docs
}

/// A numeric setting from the environment, for experiments; the defaults are the shipped model.
fn knob(name: &str, default: f32) -> f32 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

// ---------------------------------------------------------------------------------------------
// Data

struct Doc {
    /// Sentences: dataset tokens, each with its name label index and whether it begins the name.
    sents: Vec<Vec<Tok>>,
    partial: bool,
    weight: f32,
}

fn label_index(l: &str) -> Option<usize> {
    ["PER", "ORG", "LOC", "MISC"].iter().position(|x| *x == l)
}

fn load_docs(path: &Path, partial: bool, weight: f32) -> Vec<Doc> {
    let text = fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let mut docs: Vec<Doc> = Vec::new();
    let mut last_doc = String::new();
    for line in text.lines() {
        let v: Value = serde_json::from_str(line).expect("json line");
        let id = v["id"].as_str().unwrap_or("");
        // Tweets are documents of their own.
        let tweet = id.starts_with("btc-") || id.starts_with("wnut");
        let doc_id = if tweet {
            id
        } else {
            id.rsplit_once('-').map_or(id, |(d, _)| d)
        }
        .to_owned();
        let sent_text = v["text"].as_str().unwrap_or("");
        let chars: Vec<char> = sent_text.chars().collect();
        let mut label: Vec<Option<(usize, bool)>> = vec![None; chars.len()];
        for e in v["entities"].as_array().into_iter().flatten() {
            let (s, en, l) = (
                e[0].as_u64().unwrap_or(0) as usize,
                e[1].as_u64().unwrap_or(0) as usize,
                e[2].as_str().unwrap_or(""),
            );
            if let Some(li) = label_index(l) {
                for (k, x) in label
                    .iter_mut()
                    .enumerate()
                    .take(en.min(chars.len()))
                    .skip(s)
                {
                    *x = Some((li, k == s));
                }
            }
        }
        // Tokens: split on spaces (code points).
        let mut toks = Vec::new();
        let mut start = 0;
        for k in 0..=chars.len() {
            if k == chars.len() || chars[k] == ' ' {
                if k > start {
                    toks.push((chars[start..k].iter().collect::<String>(), label[start]));
                }
                start = k + 1;
            }
        }
        if toks.is_empty() {
            continue;
        }
        if doc_id != last_doc || docs.is_empty() {
            docs.push(Doc {
                sents: Vec::new(),
                partial,
                weight,
            });
            last_doc = doc_id;
        }
        if let Some(d) = docs.last_mut() {
            d.sents.push(toks);
        }
    }
    docs
}

type Tok = (String, Option<(usize, bool)>);

/// Variants of a sentence that scraped news produces: "Putins" for "Putin 's", headlines.
fn augment(sent: &[Tok], rng: &mut Rng) -> Option<Vec<Tok>> {
    let r = rng.unit();
    let has_possessive = sent.iter().any(|(t, _)| t == "'s" || t == "'");
    if has_possessive && r < 0.5 {
        let mut out: Vec<Tok> = Vec::new();
        for (t, l) in sent {
            if t == "'s" && !out.is_empty() {
                if let Some(last) = out.last_mut() {
                    last.0.push('s');
                }
            } else if t == "'" && out.last().is_some_and(|(p, _)| p.ends_with('s')) {
            } else {
                out.push((t.clone(), *l));
            }
        }
        return Some(out);
    }
    let r = rng.unit();
    let (upper_p, title_p) = (knob("NER_AUG_UPPER", 0.12), knob("NER_AUG_TITLE", 0.18));
    if r < upper_p {
        return Some(sent.iter().map(|(t, l)| (upper(t), *l)).collect());
    }
    if r < upper_p + title_p {
        const SMALL: &[&str] = &[
            "a", "an", "the", "of", "in", "on", "at", "to", "for", "and", "or", "but", "by",
            "with", "from", "as",
        ];
        return Some(
            sent.iter()
                .enumerate()
                .map(|(i, (t, l))| {
                    let t = if i > 0 && SMALL.contains(&t.as_str()) {
                        t.clone()
                    } else {
                        capitalize(t)
                    };
                    (t, *l)
                })
                .collect(),
        );
    }
    if r < upper_p + title_p + 0.1 {
        // Curly apostrophes, as in most news sites.
        return Some(
            sent.iter()
                .map(|(t, l)| (t.replace('\'', "’"), *l))
                .collect(),
        );
    }
    None
}

fn upper(s: &str) -> String {
    s.chars()
        .map(|c| {
            let mut u = c.to_uppercase();
            match (u.next(), u.next()) {
                (Some(x), None) => x,
                _ => c,
            }
        })
        .collect()
}

fn capitalize(s: &str) -> String {
    let mut cs = s.chars();
    match cs.next() {
        Some(c) if c.is_lowercase() => upper(&c.to_string()) + cs.as_str(),
        _ => s.to_owned(),
    }
}

struct Sent {
    /// Feature keys (later dense ids), `per` per token… flattened with `offsets`.
    feats: Vec<u32>,
    offsets: Vec<u32>,
    gold: Vec<u8>,
    /// Allowed tags per token, as a bit mask.
    allowed: Vec<u16>,
    weight: f32,
}

/// Builds the document text (sentences on their own lines), tokenizes it like the runtime does,
/// and extracts features and gold tags of each sentence.
fn extract(doc: &Doc, gaz: &Gazetteer, out: &mut Vec<Sent>, augmented: bool, rng: &mut Rng) {
    let mut text = String::new();
    // Byte spans of entities: (start, end, label); and which lines are to be trained on.
    let mut ents: Vec<(usize, usize, usize)> = Vec::new();
    let mut line_ranges: Vec<(usize, usize, bool)> = Vec::new();
    for sent in &doc.sents {
        let (toks, train) = if augmented {
            match augment(sent, rng) {
                Some(t) => (t, true),
                None => (sent.clone(), false),
            }
        } else {
            (sent.clone(), true)
        };
        let line_start = text.len();
        for (i, (t, l)) in toks.iter().enumerate() {
            if i > 0 {
                text.push(' ');
            }
            let s = text.len();
            text.push_str(t);
            if let Some((li, begins)) = l {
                match ents.last_mut() {
                    Some(e) if !begins && e.2 == *li && e.1 + 1 == s => e.1 = text.len(),
                    _ => ents.push((s, text.len(), *li)),
                }
            }
        }
        line_ranges.push((line_start, text.len(), train));
        text.push('\n');
    }
    let tokens = tokenize(&text);
    let sents = sentences(&text, &tokens);
    let infos = token_infos(&text, &tokens, &sents, gaz);
    let mut e = 0;
    let mut line = 0;
    for sent in &sents {
        let first = tokens[sent.start].start;
        while line + 1 < line_ranges.len() && line_ranges[line].1 <= first {
            line += 1;
        }
        if !line_ranges[line].2 {
            continue;
        }
        let mut s = Sent {
            feats: Vec::new(),
            offsets: vec![0],
            gold: Vec::new(),
            allowed: Vec::new(),
            weight: doc.weight,
        };
        for i in sent.clone() {
            features(&infos, sent, i, &mut s.feats);
            s.offsets.push(s.feats.len() as u32);
            let r = &tokens[i];
            while e < ents.len() && ents[e].1 <= r.start {
                e += 1;
            }
            let (gold, allowed) = match ents.get(e) {
                Some(&(es, ee, l)) if es <= r.start && r.end <= ee => {
                    let t = if es == r.start { begin(l) } else { inside(l) };
                    (t, 1u16 << t)
                }
                _ => {
                    let mut a = 1u16;
                    // Where MISC is not annotated, a capitalized O token may be one (a
                    // nationality, an event); lower-case words and sentence starts may not.
                    let word = &text[r.clone()];
                    let capital = word.chars().next().is_some_and(char::is_uppercase);
                    let misc_ok = knob("NER_MISC_ANY", 0.0) == 1.0 || (capital && i != sent.start);
                    if doc.partial && misc_ok {
                        a |= (1 << begin(3)) | (1 << inside(3));
                    }
                    (0, a)
                }
            };
            s.gold.push(gold as u8);
            s.allowed.push(allowed);
        }
        out.push(s);
    }
}

// ---------------------------------------------------------------------------------------------
// Gazetteer

fn read_tsv(path: &Path) -> Vec<Vec<String>> {
    let text = fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    text.lines()
        .skip(1)
        .map(|l| l.split('\t').map(str::to_owned).collect())
        .collect()
}

fn build_gazetteer(data: &Path) -> String {
    let g = data.join("gazetteers");
    let mut sections: BTreeMap<&str, BTreeSet<String>> = BTreeMap::new();
    fn put(sections: &mut BTreeMap<&'static str, BTreeSet<String>>, cat: &'static str, name: &str) {
        let name = name.trim();
        if !name.is_empty() && !name.contains('(') && !name.contains(',') {
            sections.entry(cat).or_default().insert(name.to_lowercase());
        }
    }
    let s = &mut sections;
    macro_rules! add {
        ($cat:expr, $name:expr) => {
            put(s, $cat, $name)
        };
    }
    for row in read_tsv(&g.join("geonames/countries.tsv")) {
        add!("country", &row[0]);
    }
    for n in COUNTRY_ALIASES {
        add!("country", n);
    }
    for row in read_tsv(&g.join("geonames/us_states.tsv")) {
        add!("region", &row[1]);
    }
    for row in read_tsv(&g.join("geonames/continents.tsv")) {
        add!("region", &row[1]);
    }
    for n in REGIONS {
        add!("region", n);
    }
    for row in read_tsv(&g.join("geonames/cities15000.tsv")) {
        let pop: u64 = row[4].parse().unwrap_or(0);
        if pop >= 100_000 {
            add!("city", &row[1]);
        }
        if pop >= 1_000_000 {
            for alt in row.get(5).map(String::as_str).unwrap_or("").split('|') {
                let ok = alt.len() >= 4
                    && alt.is_ascii()
                    && alt.chars().next().is_some_and(|c| c.is_ascii_uppercase())
                    && alt.chars().skip(1).any(|c| c.is_ascii_lowercase());
                if ok {
                    add!("city", alt);
                }
            }
        }
    }
    for row in read_tsv(&g.join("nationalities/nationalities_en.tsv")) {
        let n = &row[1];
        if !n.contains(' ') || n.split(' ').count() == 2 {
            add!("nationality", n);
        }
    }
    for n in NATIONALITIES {
        add!("nationality", n);
    }
    // Plurals: "Russians", "Israelis".
    let plurals: Vec<String> = s["nationality"]
        .iter()
        .filter(|n| n.ends_with("an") || n.ends_with('i'))
        .map(|n| format!("{n}s"))
        .collect();
    for p in plurals {
        add!("nationality", &p);
    }
    for row in read_tsv(&g.join("ssa_first_names/first_names_1880_2024_min100.tsv")) {
        let births: u64 = row[1].parse::<u64>().unwrap_or(0) + row[2].parse::<u64>().unwrap_or(0);
        if births >= 1000 {
            add!("first", &row[0]);
        }
    }
    for row in read_tsv(&g.join("census1990_names/dist.all.last.tsv")) {
        if row[3].parse::<u32>().unwrap_or(u32::MAX) <= 20_000 {
            add!("last", &row[0]);
        }
    }
    for n in ORG_WORDS {
        add!("orgword", n);
    }
    for n in TITLES {
        add!("title", n);
    }
    let more_orgs = include_str!("ner_orgs.txt")
        .lines()
        .filter(|l| !l.is_empty() && !l.starts_with('#'));
    for n in ORGS.iter().copied().chain(more_orgs) {
        add!("org", n);
    }
    for n in MONTHS_DAYS {
        add!("month", n);
    }
    for w in common_words(data) {
        add!("common", &w);
    }
    let mut out = String::from(
        "# Built by examples/train_ner.rs from GeoNames (CC BY 4.0), US Census 1990 and SSA names\n\
         # (public domain), i18n-nationality (MIT), word counts of the training texts, and hand lists.\n",
    );
    for (cat, names) in s.iter() {
        out.push('@');
        out.push_str(cat);
        out.push('\n');
        for n in names {
            out.push_str(n);
            out.push('\n');
        }
    }
    out
}

/// Words written in lower case at least 90% of the time in the unlabelled news and the training
/// texts, most frequent first: what title case shows on.
fn common_words(data: &Path) -> Vec<String> {
    let mut counts: HashMap<String, (u32, u32)> = HashMap::new();
    let mut count = |text: &str| {
        for w in text.split(|c: char| !c.is_alphabetic()) {
            if w.chars().count() < 3 {
                continue;
            }
            let e = counts.entry(w.to_lowercase()).or_default();
            e.0 += 1;
            if w.chars().next().is_some_and(char::is_lowercase) {
                e.1 += 1;
            }
        }
    };
    let news = fs::read_to_string(data.join("unlabeled/wikinews_sample/articles.jsonl"))
        .unwrap_or_default();
    for line in news.lines() {
        if let Ok(v) = serde_json::from_str::<Value>(line) {
            count(v["text"].as_str().unwrap_or(""));
        }
    }
    for f in [
        "wikigold/train.jsonl",
        "gum_ner_derived/train.jsonl",
        "uner_en_ewt/train.jsonl",
    ] {
        for line in fs::read_to_string(data.join(f)).unwrap_or_default().lines() {
            if let Ok(v) = serde_json::from_str::<Value>(line) {
                count(v["text"].as_str().unwrap_or(""));
            }
        }
    }
    let mut words: Vec<(String, u32)> = counts
        .into_iter()
        .filter(|(_, (n, low))| *n >= 5 && *low * 10 >= *n * 9)
        .map(|(w, (n, _))| (w, n))
        .collect();
    words.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    words.into_iter().take(3000).map(|(w, _)| w).collect()
}

const COUNTRY_ALIASES: &[&str] = &[
    "US",
    "U.S.",
    "USA",
    "U.S.A.",
    "America",
    "United States of America",
    "UK",
    "U.K.",
    "Britain",
    "Great Britain",
    "England",
    "Scotland",
    "Wales",
    "Northern Ireland",
    "Russian Federation",
    "Czech Republic",
    "Holland",
    "Netherlands",
    "Burma",
    "Congo",
    "Korea",
    "Palestine",
    "Vatican City",
    "East Timor",
    "Macedonia",
    "Swaziland",
    "Cape Verde",
    "Soviet Union",
    "USSR",
    "Yugoslavia",
    "Czechoslovakia",
    "East Germany",
    "West Germany",
    "UAE",
    "DRC",
    "Côte d'Ivoire",
    "Türkiye",
    "Persia",
    "Ceylon",
    "Rhodesia",
    "Zaire",
    "Prussia",
];

const REGIONS: &[&str] = &[
    "Europe",
    "Asia",
    "Africa",
    "Middle East",
    "Crimea",
    "Donbas",
    "Donbass",
    "Balkans",
    "Caucasus",
    "Siberia",
    "Scandinavia",
    "Latin America",
    "South America",
    "North America",
    "Central America",
    "Central Asia",
    "Southeast Asia",
    "East Asia",
    "Eastern Europe",
    "Western Europe",
    "Gulf",
    "Persian Gulf",
    "Black Sea",
    "Baltic",
    "Baltic Sea",
    "Mediterranean",
    "Pacific",
    "Atlantic",
    "Arctic",
    "Kashmir",
    "Gaza",
    "Gaza Strip",
    "West Bank",
    "Tibet",
    "Xinjiang",
    "Catalonia",
    "Bavaria",
    "Kurdistan",
    "Chechnya",
    "Donetsk",
    "Luhansk",
    "Sahara",
    "Sahel",
    "Indian Ocean",
    "Pacific Ocean",
    "Atlantic Ocean",
    "Arctic Ocean",
    "Red Sea",
    "South China Sea",
    "Caribbean",
    "Ontario",
    "Quebec",
    "British Columbia",
    "Alberta",
    "Manitoba",
    "Saskatchewan",
    "Nova Scotia",
    "Queensland",
    "New South Wales",
    "Victoria",
    "Tasmania",
    "Punjab",
    "Kerala",
    "Bengal",
    "Scandinavia",
    "Anatolia",
    "Mesopotamia",
    "Patagonia",
    "Amazon",
    "Himalayas",
    "Alps",
    "Andes",
    "Rockies",
    "Silicon Valley",
    "Wall Street",
    "Midwest",
    "New England",
    "Bay Area",
    "Kherson",
    "Zaporizhzhia",
    "Mariupol",
    "Kharkiv",
    "Odesa",
    "Odessa",
    "Lviv",
    "Dnipro",
    "Belgorod",
    "Transnistria",
    "Abkhazia",
    "South Ossetia",
    "Nagorno-Karabakh",
    "Golan Heights",
    "Sinai",
    "Kurdistan",
    "Darfur",
    "Hokkaido",
    "Okinawa",
    "Hawaii",
    "Alaska",
    "Yorkshire",
    "Lancashire",
    "Cornwall",
    "Normandy",
    "Brittany",
    "Provence",
    "Tuscany",
    "Sicily",
    "Sardinia",
    "Corsica",
    "Flanders",
    "Wallonia",
    "Lapland",
];

const NATIONALITIES: &[&str] = &[
    "Soviet",
    "European",
    "Arab",
    "Arabic",
    "Kurdish",
    "Kurd",
    "Latino",
    "Hispanic",
    "Asian",
    "African",
    "Muslim",
    "Christian",
    "Jewish",
    "Jew",
    "Catholic",
    "Protestant",
    "Orthodox",
    "Sunni",
    "Shia",
    "Shiite",
    "Hindu",
    "Buddhist",
    "Sikh",
    "Scottish",
    "English",
    "Welsh",
    "Palestinian",
    "Persian",
    "Slavic",
    "Chechen",
    "Crimean",
    "Tatar",
    "Ukrainian",
    "Russian",
    "American",
    "British",
    "German",
    "French",
    "Chinese",
    "Japanese",
    "Korean",
    "Iranian",
    "Iraqi",
    "Syrian",
    "Turkish",
    "Israeli",
    "Indian",
    "Pakistani",
    "Afghan",
    "Egyptian",
    "Saudi",
    "Belarusian",
    "Georgian",
    "Polish",
    "Lithuanian",
    "Latvian",
    "Estonian",
    "Finnish",
    "Swedish",
    "Norwegian",
    "Danish",
    "Dutch",
    "Belgian",
    "Swiss",
    "Austrian",
    "Italian",
    "Spanish",
    "Portuguese",
    "Greek",
    "Canadian",
    "Mexican",
    "Brazilian",
    "Argentine",
    "Argentinian",
    "Australian",
    "Venezuelan",
    "Cuban",
    "Colombian",
    "Nigerian",
    "Kenyan",
    "Ethiopian",
    "Vietnamese",
    "Thai",
    "Filipino",
    "Indonesian",
    "Malaysian",
    "Taiwanese",
    "Serb",
    "Serbian",
    "Croat",
    "Croatian",
    "Bosnian",
    "Albanian",
    "Kosovar",
    "Romanian",
    "Moldovan",
    "Bulgarian",
    "Hungarian",
    "Czech",
    "Slovak",
    "Slovenian",
    "Armenian",
    "Azerbaijani",
    "Azeri",
    "Kazakh",
    "Uzbek",
    "Tajik",
    "Uighur",
    "Uyghur",
    "Tibetan",
    "Mongolian",
    "Bangladeshi",
    "Nepali",
    "Sri Lankan",
    "Burmese",
    "Cambodian",
    "Laotian",
    "Lebanese",
    "Jordanian",
    "Yemeni",
    "Libyan",
    "Tunisian",
    "Algerian",
    "Moroccan",
    "Sudanese",
    "Somali",
    "Emirati",
    "Qatari",
    "Kuwaiti",
    "Omani",
    "Bahraini",
    "Icelandic",
    "Irish",
    "Scots",
    "Europeans",
    "Westerners",
    "Western",
    "Eastern",
    "Nordic",
    "Baltic",
    "Balkan",
    "Caucasian",
    "Pashtun",
    "Hazara",
    "Alawite",
    "Druze",
    "Yazidi",
    "Berber",
    "Bedouin",
    "Maori",
    "Aboriginal",
    "Inuit",
    "Native American",
    "Republican",
    "Democrat",
    "Democratic",
    "Communist",
    "Nazi",
    "Islamic",
    "Islamist",
    "Zionist",
    "Marxist",
    "Bolshevik",
    "Brexit",
    "Olympic",
    "Olympics",
    "Christmas",
    "Easter",
    "Ramadan",
    "Thanksgiving",
    "Eid",
    "Hanukkah",
    "Passover",
    "English-language",
    "Anglican",
    "Lutheran",
    "Methodist",
    "Baptist",
    "Evangelical",
    "Mormon",
    "Quaker",
    "Hasidic",
];

const ORG_WORDS: &[&str] = &[
    "Inc",
    "Inc.",
    "Corp",
    "Corp.",
    "Corporation",
    "Company",
    "Co.",
    "Ltd",
    "Ltd.",
    "LLC",
    "PLC",
    "GmbH",
    "AG",
    "SA",
    "NV",
    "Group",
    "Bank",
    "University",
    "College",
    "Institute",
    "Party",
    "Ministry",
    "Department",
    "Council",
    "Committee",
    "Commission",
    "Agency",
    "Association",
    "Federation",
    "Union",
    "Organization",
    "Organisation",
    "Foundation",
    "Society",
    "Club",
    "Airlines",
    "Airways",
    "Times",
    "Post",
    "News",
    "Press",
    "Army",
    "Navy",
    "Force",
    "Court",
    "Parliament",
    "Senate",
    "Congress",
    "Assembly",
    "Office",
    "Bureau",
    "Service",
    "Fund",
    "Authority",
    "Board",
    "Church",
    "Hospital",
    "School",
    "Academy",
    "Team",
    "FC",
    "United",
    "Motors",
    "Systems",
    "Technologies",
    "Holdings",
    "Partners",
    "Industries",
    "Pharmaceuticals",
    "Studios",
    "Records",
    "Network",
    "Channel",
    "Television",
    "TV",
    "Radio",
    "Corps",
    "Guard",
    "Police",
    "Brigade",
    "Battalion",
    "Regiment",
    "Division",
    "Command",
    "Council",
    "Cabinet",
    "Government",
    "Administration",
    "League",
    "Alliance",
    "Coalition",
    "Front",
    "Movement",
    "Trust",
    "Centre",
    "Center",
    "Laboratory",
    "Laboratories",
    "Labs",
    "Capital",
    "Securities",
    "Insurance",
    "Energy",
    "Oil",
    "Gas",
    "Electric",
    "Telecom",
    "Communications",
    "Media",
    "Publishing",
    "Publications",
    "Magazine",
    "Journal",
    "Gazette",
    "Herald",
    "Tribune",
    "Chronicle",
    "Daily",
    "Weekly",
    "Broadcasting",
    "Entertainment",
    "Pictures",
    "Films",
    "Productions",
    "Games",
    "Software",
    "Airline",
    "Railway",
    "Railways",
    "Railroad",
    "Bancorp",
    "Ventures",
    "Enterprises",
    "Solutions",
    "Services",
    "Consulting",
    "Associates",
    "Brothers",
    "Bros.",
    "& Co",
    "Orchestra",
    "Band",
    "Choir",
    "Ensemble",
    "Quartet",
    "Tribunal",
    "Secretariat",
    "Directorate",
    "Inspectorate",
    "Ministry of Defence",
    "Ministry of Defense",
    "Senate",
    "Duma",
    "Knesset",
    "Bundestag",
    "Rada",
    "Verkhovna Rada",
];

const TITLES: &[&str] = &[
    "President",
    "Chancellor",
    "Minister",
    "Secretary",
    "Senator",
    "Governor",
    "Mayor",
    "King",
    "Queen",
    "Prince",
    "Princess",
    "Pope",
    "General",
    "Gen.",
    "Colonel",
    "Col.",
    "Captain",
    "Capt.",
    "Sergeant",
    "Sgt.",
    "Officer",
    "Judge",
    "Justice",
    "Dr.",
    "Dr",
    "Mr.",
    "Mr",
    "Mrs.",
    "Mrs",
    "Ms.",
    "Ms",
    "Prof.",
    "Professor",
    "Sir",
    "Dame",
    "Lord",
    "Lady",
    "Ambassador",
    "Spokesman",
    "Spokeswoman",
    "Spokesperson",
    "CEO",
    "Chairman",
    "Chairwoman",
    "Director",
    "Premier",
    "Representative",
    "Rep.",
    "Sen.",
    "Gov.",
    "Speaker",
    "Commander",
    "Coach",
    "Lt.",
    "Lieutenant",
    "Major",
    "Maj.",
    "Admiral",
    "Adm.",
    "Marshal",
    "Bishop",
    "Archbishop",
    "Cardinal",
    "Rabbi",
    "Imam",
    "Sheikh",
    "Ayatollah",
    "Emperor",
    "Empress",
    "Duke",
    "Duchess",
    "Count",
    "Countess",
    "Baron",
    "Saint",
    "St.",
    "Father",
    "Sister",
    "Brother",
    "Rev.",
    "Reverend",
    "Deputy",
    "Vice",
    "Prime",
    "Foreign",
    "Defence",
    "Defense",
    "Finance",
    "Interior",
    "Attorney",
    "Prosecutor",
    "Envoy",
    "Chief",
    "Leader",
    "Head",
    "Founder",
    "Presidents",
    "Ministers",
    "analyst",
    "economist",
    "spokesman",
    "spokeswoman",
    "president",
    "minister",
];

const ORGS: &[&str] = &[
    "NATO",
    "UN",
    "U.N.",
    "United Nations",
    "EU",
    "E.U.",
    "European Union",
    "Kremlin",
    "Pentagon",
    "White House",
    "Congress",
    "Senate",
    "FBI",
    "CIA",
    "NSA",
    "IMF",
    "World Bank",
    "WHO",
    "World Health Organization",
    "OPEC",
    "Google",
    "Apple",
    "Microsoft",
    "Amazon",
    "Facebook",
    "Meta",
    "Twitter",
    "Tesla",
    "Reuters",
    "Associated Press",
    "AP",
    "AFP",
    "BBC",
    "CNN",
    "MSNBC",
    "Fox News",
    "NBC",
    "CBS",
    "ABC",
    "New York Times",
    "Washington Post",
    "Wall Street Journal",
    "Bloomberg",
    "Financial Times",
    "Guardian",
    "Gazprom",
    "Rosneft",
    "Hamas",
    "Hezbollah",
    "Taliban",
    "ISIS",
    "Islamic State",
    "al-Qaeda",
    "Al Qaeda",
    "IAEA",
    "OSCE",
    "G7",
    "G20",
    "Security Council",
    "European Commission",
    "European Parliament",
    "Bundestag",
    "Duma",
    "State Duma",
    "Knesset",
    "Labour",
    "Labour Party",
    "Conservative Party",
    "Democratic Party",
    "Republican Party",
    "Democrats",
    "Republicans",
    "Supreme Court",
    "Federal Reserve",
    "Fed",
    "ECB",
    "European Central Bank",
    "Bank of England",
    "Interpol",
    "Red Cross",
    "Amnesty International",
    "Human Rights Watch",
    "Greenpeace",
    "FIFA",
    "UEFA",
    "IOC",
    "NASA",
    "SpaceX",
    "Boeing",
    "Airbus",
    "Toyota",
    "Volkswagen",
    "Samsung",
    "Huawei",
    "Alibaba",
    "Tencent",
    "Sony",
    "Nokia",
    "Siemens",
    "Shell",
    "BP",
    "ExxonMobil",
    "Chevron",
    "Goldman Sachs",
    "JPMorgan",
    "Morgan Stanley",
    "Citigroup",
    "HSBC",
    "Barclays",
    "Deutsche Bank",
    "Pfizer",
    "Moderna",
    "AstraZeneca",
    "Johnson & Johnson",
    "OpenAI",
    "Netflix",
    "Disney",
    "Uber",
    "Airbnb",
    "Intel",
    "Nvidia",
    "IBM",
    "Oracle",
    "Yahoo",
    "Wikipedia",
    "Wikimedia",
    "Wikinews",
    "Ministry of Defence",
    "Defense Ministry",
    "Foreign Ministry",
    "State Department",
    "Justice Department",
    "Home Office",
    "Downing Street",
    "Elysee",
    "Élysée",
    "Politburo",
    "Verkhovna Rada",
    "Rada",
    "SBU",
    "FSB",
    "KGB",
    "GRU",
    "Wagner",
    "Wagner Group",
    "Azov",
    "Mossad",
    "MI5",
    "MI6",
    "Scotland Yard",
    "Met Office",
    "NHS",
    "ASEAN",
    "African Union",
    "Arab League",
    "WTO",
    "OECD",
    "UNESCO",
    "UNICEF",
    "UNHCR",
    "Europol",
    "Frontex",
];

const MONTHS_DAYS: &[&str] = &[
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
    "Jan.",
    "Feb.",
    "Aug.",
    "Sept.",
    "Oct.",
    "Nov.",
    "Dec.",
];

// ---------------------------------------------------------------------------------------------
// Word classes

/// Word classes by the exchange algorithm (Kneser & Ney 1993; Martin, Liermann & Ney 1998): each
/// word in turn moves to the class that most raises the likelihood of a class bigram model of
/// the unlabelled news and the training texts. Two runs give a fine (256) and a coarse (48)
/// partition. Words seen fewer than 3 times get no class.
fn build_clusters(data: &Path) -> String {
    let t0 = Instant::now();
    let mut texts: Vec<String> = Vec::new();
    let news = fs::read_to_string(data.join("unlabeled/wikinews_sample/articles.jsonl"))
        .unwrap_or_default();
    for line in news.lines() {
        if let Ok(v) = serde_json::from_str::<Value>(line) {
            texts.extend(
                v["text"]
                    .as_str()
                    .unwrap_or("")
                    .split("\n\n")
                    .map(str::to_owned),
            );
        }
    }
    for f in [
        "wikigold/train.jsonl",
        "gum_ner_derived/train.jsonl",
        "uner_en_ewt/train.jsonl",
    ] {
        for line in fs::read_to_string(data.join(f)).unwrap_or_default().lines() {
            if let Ok(v) = serde_json::from_str::<Value>(line) {
                texts.push(v["text"].as_str().unwrap_or("").to_owned());
            }
        }
    }
    // Token ids: 0 = boundary, 1 = rare word, then words by decreasing frequency.
    let norm = |s: &str| s.to_lowercase().replace(['’', '‘'], "'");
    let mut counts: HashMap<String, u32> = HashMap::new();
    let mut seqs: Vec<Vec<String>> = Vec::new();
    for t in &texts {
        let toks: Vec<String> = tokenize(t).into_iter().map(|r| norm(&t[r])).collect();
        for w in &toks {
            *counts.entry(w.clone()).or_default() += 1;
        }
        seqs.push(toks);
    }
    let mut vocab: Vec<(String, u32)> = counts.into_iter().filter(|(_, c)| *c >= 3).collect();
    vocab.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    let id: HashMap<&str, usize> = vocab
        .iter()
        .enumerate()
        .map(|(i, (w, _))| (w.as_str(), i + 2))
        .collect();
    let n_words = vocab.len() + 2;
    let mut bigrams: HashMap<(usize, usize), f64> = HashMap::new();
    let mut unigram = vec![0.0f64; n_words];
    for seq in &seqs {
        let mut prev = 0;
        for w in seq
            .iter()
            .map(|w| id.get(w.as_str()).copied().unwrap_or(1))
            .chain([0])
        {
            *bigrams.entry((prev, w)).or_default() += 1.0;
            unigram[w] += 1.0;
            prev = w;
        }
    }
    let mut left: Vec<Vec<(usize, f64)>> = vec![Vec::new(); n_words];
    let mut right: Vec<Vec<(usize, f64)>> = vec![Vec::new(); n_words];
    let mut pairs: Vec<(&(usize, usize), &f64)> = bigrams.iter().collect();
    pairs.sort_by_key(|(k, _)| **k);
    for (&(a, b), &n) in pairs {
        right[a].push((b, n));
        left[b].push((a, n));
    }
    let fine = exchange(&left, &right, &unigram, 256, 6);
    let coarse = exchange(&left, &right, &unigram, 48, 6);
    let mut out = String::from("# Word classes (fine, coarse) learned by examples/train_ner.rs from Wikinews (CC BY 2.5) and the training texts.\n");
    for (i, (w, _)) in vocab.iter().enumerate() {
        if !w.contains(' ') {
            out.push_str(&format!("{w} {} {}\n", fine[i + 2] + 1, coarse[i + 2] + 1));
        }
    }
    eprintln!(
        "clusters: {} words, {:.1}s",
        vocab.len(),
        t0.elapsed().as_secs_f32()
    );
    out
}

fn xlogx(x: f64) -> f64 {
    if x > 0.0 {
        x * x.ln()
    } else {
        0.0
    }
}

/// Returns a class in 0..k for every word id (ids 0 and 1 keep fixed classes k and k + 1).
fn exchange(
    left: &[Vec<(usize, f64)>],
    right: &[Vec<(usize, f64)>],
    unigram: &[f64],
    k: usize,
    iterations: usize,
) -> Vec<usize> {
    let n = unigram.len();
    let kk = k + 2;
    let mut class: Vec<usize> = (0..n)
        .map(|w| if w < 2 { k + w } else { (w - 2) % k })
        .collect();
    let mut m = vec![0.0f64; kk * kk];
    let mut nc = vec![0.0f64; kk];
    for (a, row) in right.iter().enumerate() {
        for &(b, x) in row {
            m[class[a] * kk + class[b]] += x;
        }
    }
    for (w, &u) in unigram.iter().enumerate() {
        nc[class[w]] += u;
    }
    let mut lw = vec![0.0f64; kk];
    let mut rw = vec![0.0f64; kk];
    for _ in 0..iterations {
        let mut moved = 0;
        for w in 2..n {
            let a = class[w];
            let mut selfn = 0.0;
            let mut lc: Vec<usize> = Vec::new();
            let mut rc: Vec<usize> = Vec::new();
            for &(v, x) in &left[w] {
                if v == w {
                    selfn += x;
                    continue;
                }
                let c = class[v];
                if lw[c] == 0.0 {
                    lc.push(c);
                }
                lw[c] += x;
            }
            for &(v, x) in &right[w] {
                if v == w {
                    continue;
                }
                let c = class[v];
                if rw[c] == 0.0 {
                    rc.push(c);
                }
                rw[c] += x;
            }
            // Take w out of its class.
            for &c in &lc {
                m[c * kk + a] -= lw[c];
            }
            for &d in &rc {
                m[a * kk + d] -= rw[d];
            }
            m[a * kk + a] -= selfn;
            nc[a] -= unigram[w];
            let mut best = (f64::NEG_INFINITY, a);
            for b in 0..k {
                let mut delta = 0.0;
                for &d in &rc {
                    if d != b {
                        let x = m[b * kk + d];
                        delta += xlogx(x + rw[d]) - xlogx(x);
                    }
                }
                for &c in &lc {
                    if c != b {
                        let x = m[c * kk + b];
                        delta += xlogx(x + lw[c]) - xlogx(x);
                    }
                }
                let x = m[b * kk + b];
                delta += xlogx(x + rw[b] + lw[b] + selfn) - xlogx(x);
                delta -= 2.0 * (xlogx(nc[b] + unigram[w]) - xlogx(nc[b]));
                if delta > best.0 + 1e-9 {
                    best = (delta, b);
                }
            }
            let b = best.1;
            for &c in &lc {
                m[c * kk + b] += lw[c];
            }
            for &d in &rc {
                m[b * kk + d] += rw[d];
            }
            m[b * kk + b] += selfn;
            nc[b] += unigram[w];
            if b != a {
                moved += 1;
            }
            class[w] = b;
            for &c in &lc {
                lw[c] = 0.0;
            }
            for &d in &rc {
                rw[d] = 0.0;
            }
        }
        eprintln!("exchange k={k}: {moved} words moved");
    }
    class
}

// ---------------------------------------------------------------------------------------------
// Training

struct Weights {
    w: Vec<[f32; N_TAGS]>,
    trans: [[f32; N_TAGS]; N_TAGS],
    start: [f32; N_TAGS],
}

/// Averaged perceptron: `w` holds the current weights, `acc` the sum over updates of
/// (update time × change), so that the average is `w - acc / time`.
fn train(sents: &[Sent], n_feats: usize, epochs: usize, rng: &mut Rng) -> Weights {
    let mut cur = Weights {
        w: vec![[0.0; N_TAGS]; n_feats],
        trans: [[0.0; N_TAGS]; N_TAGS],
        start: [0.0; N_TAGS],
    };
    let mut acc = Weights {
        w: vec![[0.0; N_TAGS]; n_feats],
        trans: [[0.0; N_TAGS]; N_TAGS],
        start: [0.0; N_TAGS],
    };
    let mut time = 1.0f32;
    let mut order: Vec<usize> = (0..sents.len()).collect();
    let mut emissions: Vec<[f32; N_TAGS]> = Vec::new();
    for epoch in 0..epochs {
        let t0 = Instant::now();
        rng.shuffle(&mut order);
        let (mut errors, mut total) = (0usize, 0usize);
        for &si in &order {
            let s = &sents[si];
            emissions.clear();
            for i in 0..s.gold.len() {
                let mut e = [0.0f32; N_TAGS];
                for &f in &s.feats[s.offsets[i] as usize..s.offsets[i + 1] as usize] {
                    if let Some(w) = cur.w.get(f as usize) {
                        for (x, y) in e.iter_mut().zip(w) {
                            *x += y;
                        }
                    }
                }
                emissions.push(e);
            }
            let pred = viterbi(&emissions, &cur.trans, &cur.start, &|_, _| true);
            let gold = viterbi(&emissions, &cur.trans, &cur.start, &|i, t| {
                s.allowed[i] & (1 << t) != 0
            });
            total += s.gold.len();
            if pred != gold {
                let wt = s.weight;
                for i in 0..s.gold.len() {
                    let (g, p) = (usize::from(gold[i]), usize::from(pred[i]));
                    let prev_differs = i > 0 && gold[i - 1] != pred[i - 1];
                    if g != p {
                        errors += 1;
                        for &f in &s.feats[s.offsets[i] as usize..s.offsets[i + 1] as usize] {
                            if let Some(w) = cur.w.get_mut(f as usize) {
                                w[g] += wt;
                                w[p] -= wt;
                                let a = &mut acc.w[f as usize];
                                a[g] += time * wt;
                                a[p] -= time * wt;
                            }
                        }
                    }
                    if g != p || prev_differs {
                        if i == 0 {
                            cur.start[g] += wt;
                            cur.start[p] -= wt;
                            acc.start[g] += time * wt;
                            acc.start[p] -= time * wt;
                        } else {
                            let (gp, pp) = (usize::from(gold[i - 1]), usize::from(pred[i - 1]));
                            cur.trans[gp][g] += wt;
                            cur.trans[pp][p] -= wt;
                            acc.trans[gp][g] += time * wt;
                            acc.trans[pp][p] -= time * wt;
                        }
                    }
                }
            }
            time += 1.0;
        }
        eprintln!(
            "epoch {epoch}: {errors} token errors of {total} ({:.2}%), {:.1}s",
            100.0 * errors as f32 / total as f32,
            t0.elapsed().as_secs_f32()
        );
    }
    let avg = |c: f32, a: f32| c - a / time;
    Weights {
        w: cur
            .w
            .iter()
            .zip(&acc.w)
            .map(|(c, a)| std::array::from_fn(|t| avg(c[t], a[t])))
            .collect(),
        trans: std::array::from_fn(|p| {
            std::array::from_fn(|t| avg(cur.trans[p][t], acc.trans[p][t]))
        }),
        start: std::array::from_fn(|t| avg(cur.start[t], acc.start[t])),
    }
}

/// xorshift64*: small, seeded, reproducible.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn unit(&mut self) -> f32 {
        (self.next() >> 40) as f32 / (1u64 << 24) as f32
    }

    fn shuffle<T>(&mut self, v: &mut [T]) {
        for i in (1..v.len()).rev() {
            let j = (self.next() % (i as u64 + 1)) as usize;
            v.swap(i, j);
        }
    }
}
