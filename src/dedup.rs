//! Duplicate detection on cleaned text (boilerplate already removed, so a shared footer or
//! headline list never links two articles).
//!
//! Each document becomes (see `dedup/profile.rs`): a hash of its normalized word sequence;
//! word 5-gram shingles (words lower-cased with every character that is not a letter or digit
//! deleted, so "Kyiv’s" = "Kyivs" and "now—we" = "nowwe"; shingles never cross a line, so
//! reordered paragraphs keep all of theirs) with a one-permutation MinHash; and, for the
//! same-story level, content-word stems, names, numbers, quotation 4-grams and content-word pairs.
//!
//! Every candidate pair is scored exactly, strongest level first:
//! - **exact**: the same word sequence;
//! - **excerpt**: most of the smaller text's shingles are in the larger, whose own share in the
//!   smaller is clearly lower (asymmetric containment);
//! - **near**: shingle Jaccard at least the near threshold;
//! - **same-story**: a logistic score over TF-IDF cosine of content words, shared names, numbers,
//!   quotations, phrases and rare words, the names of each lead found in the other text, and
//!   conflicting numbers and names (two stories of the same kind, such as two earthquakes, share
//!   words but not their numbers and names). The weights and the threshold were fitted on the
//!   dev half of the generated evaluation set (`examples/eval_dedup.rs --fit --sweep`); the
//!   test half measures them (the README has the figures). A weak link bridging two stories
//!   judged different (a retelling that repeats background of a related article) is dropped.
//!   Rarity comes from the collection plus a background table of document frequencies
//!   computed from Wikinews (CC BY 2.5) by `examples/gen_dedup_set.rs df`, so that a drop of
//!   five files already knows that "Putin" says less than "Scholz".
//!
//! Candidates: collections up to [`ALL_PAIRS_UP_TO`] documents compare every pair. Larger ones
//! take the pairs that share a MinHash band (near copies and excerpts) or three of their rarest
//! terms (retellings), so the work grows near-linearly with the collection.
//!
//! Limits: the same-story level is lexical: a retelling that shares no names, numbers, quotes or
//! distinctive words is not found, nor is a translation. Stories of the same kind that share
//! their names and numbers (a follow-up a day later) can be linked.

mod align;
mod profile;

pub use align::{align, Alignment, Match};
pub use profile::background_terms;

use crate::report::{Cluster, Pair};
use crate::Options;
use profile::{intersection_size, Profile, BINS};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::hash::{BuildHasherDefault, Hasher};

/// Shingle Jaccard at or above which two texts are near copies.
pub const DEFAULT_NEAR_THRESHOLD: f32 = 0.5;
/// Same-story score (a calibrated probability) at or above which two texts tell one story.
pub const DEFAULT_STORY_THRESHOLD: f32 = 0.4;
/// Share of the smaller text found in the larger one above which it can be an excerpt.
const EXCERPT_CONTAINMENT: f32 = 0.8;
/// ... and the reverse share must stay below this: otherwise they are near copies.
const EXCERPT_REVERSE_MAX: f32 = 0.7;
/// Collections up to this size compare every pair; larger ones use LSH and term sketches.
pub const ALL_PAIRS_UP_TO: usize = 200;
/// Rows per LSH band: with 32 bands of 4 rows a pair at Jaccard 0.5 is a candidate with
/// probability 0.87 and one at 0.02 (unrelated news) with 5e-6, so candidates stay linear.
/// Near copies the bands miss share their rare terms and come in through the sketches.
const BAND_ROWS: usize = 4;
/// Rarest terms per document used to look up same-story candidates.
const SKETCH_TERMS: usize = 20;
/// A term in more documents than this says nothing about which ones tell the same story.
const MAX_POSTING: usize = 32;
/// Sketch terms two documents must share to be compared: retellings share many of their rarest
/// terms (names, numbers, quoted words); two unrelated documents rarely share three.
const MIN_SHARED_SKETCH: u32 = 3;
/// Bucket members beyond this are compared with the first ones only (a star, not all pairs),
/// so a thousand identical pages cost a thousand comparisons, not half a million.
const MAX_BUCKET_PAIRS: usize = 64;

/// How two documents are related, strongest first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Relation {
    Exact,
    Near,
    Excerpt,
    SameStory,
}

impl Relation {
    pub fn as_str(self) -> &'static str {
        match self {
            Relation::Exact => "exact",
            Relation::Near => "near",
            Relation::Excerpt => "excerpt",
            Relation::SameStory => "same-story",
        }
    }
}

/// One document as dedup sees it.
pub struct Input<'a> {
    /// The cleaned text.
    pub text: &'a str,
    /// A publication date if the page had one (names the likely original; stories published
    /// weeks apart need stronger evidence to be linked).
    pub date: Option<&'a str>,
}

/// Pairs and clusters of a collection.
pub struct Links {
    pub pairs: Vec<Pair>,
    pub clusters: Vec<Cluster>,
}

/// u64 keys that are already hashes need no more hashing.
#[derive(Default)]
pub(crate) struct IdHasher(u64);

impl Hasher for IdHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 << 8) ^ b as u64;
        }
    }
    fn write_u64(&mut self, x: u64) {
        self.0 = x;
    }
}

type IdMap<V> = HashMap<u64, V, BuildHasherDefault<IdHasher>>;

/// Document frequencies of content-word stems in the background corpus, and its size.
fn background() -> &'static (IdMap<u32>, u32) {
    static TABLE: std::sync::OnceLock<(IdMap<u32>, u32)> = std::sync::OnceLock::new();
    TABLE.get_or_init(|| {
        let text = include_str!("data/dedup_df.txt");
        let mut map = IdMap::default();
        let mut docs = 0;
        for line in text.lines() {
            if let Some(n) = line.strip_prefix("# documents ") {
                docs = n.trim().parse().unwrap_or(0);
            } else if let Some((w, n)) = line.split_once('\t') {
                map.insert(profile::hash_str(w), n.trim().parse().unwrap_or(1));
            }
        }
        (map, docs)
    })
}

/// Documents of the background corpus holding a term.
fn background_df(term: u64) -> u32 {
    background().0.get(&term).copied().unwrap_or(0)
}

/// Rarity of terms: the background corpus plus the collection itself.
struct Idf {
    /// Term → its document counts and their idf (computed once per term, not per occurrence:
    /// the logarithm was a good part of weighing).
    df: IdMap<Rarity>,
    docs: f32,
    /// Where each posting list starts in [`Postings::docs`] (by slot), and where the last ends.
    starts: Vec<u32>,
}

/// How many documents hold a term, and its idf.
#[derive(Clone, Copy, Default)]
struct Rarity {
    /// Documents of the collection, then of the background corpus.
    counts: (u32, u32),
    idf: f32,
    /// Its posting list, for terms in 2..=MAX_POSTING documents of the collection (the ones
    /// sketches look up); [`NO_SLOT`] for the others.
    slot: u32,
}

const NO_SLOT: u32 = u32::MAX;

impl Idf {
    fn new(profiles: &[(usize, Profile)]) -> Idf {
        let mut df: IdMap<Rarity> = IdMap::default();
        for (_, p) in profiles {
            for &(t, _) in &p.terms {
                df.entry(t).or_default().counts.0 += 1;
            }
        }
        let mut idf = Idf {
            df: IdMap::default(),
            docs: (background().1 as usize + profiles.len()) as f32,
            starts: Vec::new(),
        };
        // One lookup per distinct term here saves one per occurrence later.
        let table = &background().0;
        let mut start = 0;
        // Each entry is updated on its own, and the slots are only where each term's posting
        // list goes: the order does not matter.
        #[allow(clippy::iter_over_hash_type)]
        for (t, v) in df.iter_mut() {
            v.counts.1 = table.get(t).copied().unwrap_or(0);
            v.idf = idf.idf_of(v.counts);
            v.slot = NO_SLOT;
            if (2..=MAX_POSTING as u32).contains(&v.counts.0) {
                v.slot = idf.starts.len() as u32;
                idf.starts.push(start);
                start += v.counts.0;
            }
        }
        idf.starts.push(start);
        idf.df = df;
        idf
    }

    fn rarity(&self, term: u64) -> Rarity {
        self.df.get(&term).copied().unwrap_or(Rarity {
            counts: (0, 0),
            idf: self.idf_of((0, 0)),
            slot: NO_SLOT,
        })
    }

    fn idf_of(&self, (collection, background): (u32, u32)) -> f32 {
        ((self.docs + 1.0) / ((collection + background) as f32 + 0.5))
            .ln()
            .max(0.0)
    }

    fn idf(&self, term: u64) -> f32 {
        self.rarity(term).idf
    }
}

/// Per-document vectors that depend on the collection (TF-IDF weights and their norms).
struct Weighted {
    /// (term, weight), sorted by term.
    terms: Vec<(u64, f32)>,
    /// Terms in at most [`RARE_SHARE`] of the documents (background and collection), sorted.
    rare: Vec<u64>,
    /// The rarest terms found in 2..=MAX_POSTING documents of the collection: the document's
    /// same-story sketch (as the slots of their posting lists).
    sketch: Vec<u32>,
    norm: f32,
    names: Vec<(u64, f32)>,
    names_norm: f32,
    lead: Vec<(u64, f32)>,
}

/// Weights one document; `post` receives the posting slot of each of its terms found in
/// 2..=MAX_POSTING documents of the collection (for the postings of the sketch lookup).
/// `scratch` holds the rare terms and the sketch candidates while they are gathered (reused
/// from one document to the next; the results are copied out at their final size).
fn weigh(
    p: &Profile,
    idf: &Idf,
    scratch: &mut WeighScratch,
    mut post: impl FnMut(u32),
) -> Weighted {
    let rare_df = (idf.docs * RARE_SHARE).max(3.0) as u32;
    let mut terms = Vec::with_capacity(p.terms.len());
    let (rare, sketch) = (&mut scratch.rare, &mut scratch.sketch);
    rare.clear();
    sketch.clear();
    for &(t, n) in &p.terms {
        let Rarity {
            counts,
            idf: w,
            slot,
        } = idf.rarity(t);
        terms.push((t, (1.0 + ln_count(n)) * w));
        if counts.0 + counts.1 <= rare_df {
            rare.push(t);
        }
        if slot != NO_SLOT {
            sketch.push((counts, t, slot));
            post(slot);
        }
    }
    // The SKETCH_TERMS smallest, without sorting them all (terms are distinct, so these are
    // the ones a full sort would put first).
    if sketch.len() > SKETCH_TERMS {
        sketch.select_nth_unstable(SKETCH_TERMS);
        sketch.truncate(SKETCH_TERMS);
    }
    let sketch = sketch.iter().map(|&(_, _, slot)| slot).collect();
    let rare = rare.to_vec();
    let names: Vec<(u64, f32)> = p.names.iter().map(|&t| (t, idf.idf(t))).collect();
    let lead: Vec<(u64, f32)> = p.lead_names.iter().map(|&t| (t, idf.idf(t))).collect();
    let norm = terms.iter().map(|(_, w)| w * w).sum::<f32>().sqrt();
    let names_norm = names.iter().map(|(_, w)| w * w).sum::<f32>().sqrt();
    Weighted {
        terms,
        rare,
        sketch,
        norm,
        names,
        names_norm,
        lead,
    }
}

/// `ln(n)` of a term count, from a table for the usual small counts (the same values).
fn ln_count(n: u32) -> f32 {
    static TABLE: std::sync::OnceLock<[f32; 64]> = std::sync::OnceLock::new();
    let table = TABLE.get_or_init(|| std::array::from_fn(|i| (i as f32).ln()));
    match table.get(n as usize) {
        Some(&v) => v,
        None => (n as f32).ln(),
    }
}

/// Buffers of [`weigh`].
#[derive(Default)]
struct WeighScratch {
    rare: Vec<u64>,
    /// (collection and background counts, term, posting slot) of the sketch candidates.
    sketch: Vec<((u32, u32), u64, u32)>,
}

/// Weighted share of one lead's names that the other text names anywhere.
fn lead_share(lead: &[(u64, f32)], names: &[u64]) -> Option<f32> {
    let total: f32 = lead.iter().map(|(_, w)| w).sum();
    (total > 0.0).then(|| {
        lead.iter()
            .filter(|(t, _)| names.binary_search(t).is_ok())
            .map(|(_, w)| w)
            .sum::<f32>()
            / total
    })
}

/// Sum of `f(wa, wb)` over the terms two sparse vectors sorted by term share (branch-free
/// steps, as in [`intersection_size`]).
fn sum_shared(a: &[(u64, f32)], b: &[(u64, f32)], f: impl Fn(f32, f32) -> f32) -> f32 {
    let (mut i, mut j, mut sum) = (0, 0, 0.0);
    while i < a.len() && j < b.len() {
        let ((x, wx), (y, wy)) = (a[i], b[j]);
        if x == y {
            sum += f(wx, wy);
        }
        i += usize::from(x <= y);
        j += usize::from(y <= x);
    }
    sum
}

/// Dot product of two sparse vectors sorted by term.
fn weighted_dot(a: &[(u64, f32)], b: &[(u64, f32)]) -> f32 {
    sum_shared(a, b, |wa, wb| wa * wb)
}

fn set_cosine<T: Ord + Copy>(a: &[T], b: &[T]) -> f32 {
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    intersection_size(a, b) as f32 / ((a.len() * b.len()) as f32).sqrt()
}

/// The measures of one pair, for the verdict, the explanation and the evaluation.
#[doc(hidden)]
#[derive(Debug, Clone, Copy, Default, Serialize)]
pub struct Measures {
    pub exact: bool,
    pub jaccard: f32,
    /// Share of the first text's shingles found in the second, and the reverse.
    pub in_b: f32,
    pub in_a: f32,
    /// Same-story features, each in 0..=1.
    pub features: [f32; FEATURES],
    pub story: f32,
}

#[doc(hidden)]
pub const FEATURES: usize = 9;
#[doc(hidden)]
pub const FEATURE_NAMES: [&str; FEATURES] = [
    "word cosine",
    "names",
    "numbers",
    "quotations",
    "phrases",
    "number conflict",
    "lead names",
    "rare words",
    "name conflict",
];
/// A term in at most this share of the documents is rare (for the "rare words" feature).
const RARE_SHARE: f32 = 0.01;
/// Shared rare terms at which the "rare words" feature saturates.
const RARE_ENOUGH: f32 = 12.0;
/// Logistic weights of the features (then the bias), fitted on the dev split of the evaluation
/// set by `cargo run --release --example eval_dedup -- --fit`.
const WEIGHTS: [f32; FEATURES + 1] = [2.35, -0.68, 0.97, 4.2, 1.65, -0.9, 2.29, 1.41, -0.13, -3.63];

fn measure(a: &Profile, b: &Profile, wa: &Weighted, wb: &Weighted) -> Measures {
    let inter = intersection_size(&a.shingles, &b.shingles) as f32;
    let (na, nb) = (
        a.shingles.len().max(1) as f32,
        b.shingles.len().max(1) as f32,
    );
    let cos = if wa.norm > 0.0 && wb.norm > 0.0 {
        weighted_dot(&wa.terms, &wb.terms) / (wa.norm * wb.norm)
    } else {
        0.0
    };
    let names = if wa.names_norm > 0.0 && wb.names_norm > 0.0 {
        weighted_dot(&wa.names, &wb.names) / (wa.names_norm * wb.names_norm)
    } else {
        0.0
    };
    // Numbers of one text missing from the other: two earthquakes, two rounds of one league.
    let shared_numbers = intersection_size(&a.numbers, &b.numbers);
    let fewer = a.numbers.len().min(b.numbers.len());
    let conflict = if fewer >= 3 {
        1.0 - shared_numbers as f32 / fewer as f32
    } else {
        0.0
    };
    // Who and where: the names of each lead found in the other text.
    let lead = match (
        lead_share(&wa.lead, &b.names),
        lead_share(&wb.lead, &a.names),
    ) {
        (Some(x), Some(y)) => (x + y) / 2.0,
        (Some(x), None) | (None, Some(x)) => x,
        (None, None) => names,
    };
    // One shared quotation of seven words (four 4-grams) is already strong evidence; so are three
    // shared numbers, whatever the length of the texts.
    let quotes = (intersection_size(&a.quotes, &b.quotes) as f32 / 4.0).min(1.0);
    let numbers = (shared_numbers as f32 / 3.0).min(1.0);
    let features = [
        cos,
        names,
        numbers,
        quotes,
        set_cosine(&a.phrases, &b.phrases),
        conflict,
        lead,
        (intersection_size(&wa.rare, &wb.rare) as f32 / RARE_ENOUGH).min(1.0),
        // Both name people and places, hardly the same ones.
        if a.names.len() >= 3 && b.names.len() >= 3 && names < 0.15 {
            1.0
        } else {
            0.0
        },
    ];
    let z = WEIGHTS[FEATURES]
        + features
            .iter()
            .zip(WEIGHTS)
            .map(|(f, w)| f * w)
            .sum::<f32>();
    Measures {
        exact: a.exact == b.exact && a.words > 0,
        jaccard: inter / (na + nb - inter).max(1.0),
        in_b: inter / na,
        in_a: inter / nb,
        features,
        story: 1.0 / (1.0 + (-z).exp()),
    }
}

/// The level a pair is linked at (undated), for sweeping thresholds in the evaluation.
#[doc(hidden)]
pub fn classify(m: &Measures, options: &Options) -> Option<(Relation, f32)> {
    verdict(m, options, false)
}

/// The level a pair is linked at, with its score; `None` when not related.
fn verdict(m: &Measures, options: &Options, far_apart: bool) -> Option<(Relation, f32)> {
    if m.exact {
        return Some((Relation::Exact, 1.0));
    }
    let (big, small) = (m.in_b.max(m.in_a), m.in_b.min(m.in_a));
    if big >= EXCERPT_CONTAINMENT && small < EXCERPT_REVERSE_MAX && m.jaccard < 0.9 {
        return Some((Relation::Excerpt, big));
    }
    if m.jaccard >= options.near_threshold {
        return Some((Relation::Near, m.jaccard));
    }
    let needed = if far_apart {
        options.story_threshold.max(0.95)
    } else {
        options.story_threshold
    };
    (m.story >= needed).then_some((Relation::SameStory, m.story))
}

/// Candidate pairs (indices into `profiles`, i < j), sorted.
fn candidates(
    profiles: &[(usize, Profile)],
    weighted: &[Weighted],
    postings: &Postings,
) -> Vec<(u32, u32)> {
    let n = profiles.len();
    let mut pairs: Vec<(u32, u32)> = Vec::new();
    if n <= ALL_PAIRS_UP_TO {
        for a in 0..n as u32 {
            for b in a + 1..n as u32 {
                pairs.push((a, b));
            }
        }
        return pairs;
    }
    let add_group = |members: &[u32], pairs: &mut Vec<(u32, u32)>| {
        for (x, &a) in members.iter().enumerate().take(MAX_BUCKET_PAIRS) {
            for &b in &members[x + 1..] {
                pairs.push((a.min(b), a.max(b)));
            }
        }
    };
    // MinHash LSH: bands of BAND_ROWS bins; a pair sharing any band is a candidate. The band
    // keys of all documents are sorted once and equal runs read off: no map, no allocation per
    // bucket (most buckets hold one document).
    let mut keys: Vec<(u64, u32)> = Vec::with_capacity(n * (BINS / BAND_ROWS));
    for (k, (_, p)) in profiles.iter().enumerate() {
        if p.shingles.is_empty() {
            continue;
        }
        for band in 0..BINS / BAND_ROWS {
            let key = p.minhash[band * BAND_ROWS..(band + 1) * BAND_ROWS]
                .iter()
                .fold(band as u64, |acc, &v| profile::mix(acc ^ v));
            keys.push((key, k as u32));
        }
    }
    keys.sort_unstable();
    let mut members: Vec<u32> = Vec::new();
    for run in keys.chunk_by(|x, y| x.0 == y.0) {
        if run.len() > 1 {
            members.clear();
            members.extend(run.iter().map(|&(_, k)| k));
            add_group(&members, &mut pairs);
        }
    }
    // Same-story candidates: each document's sketch (its rarest terms) looked up in the
    // postings of every document holding them; the short postings of rare terms keep this
    // linear. Excerpts, whose LSH bands often miss, come in here too.
    // Shared sketch terms per other document, counted in an array (reset through the list of
    // documents touched) rather than a map.
    let mut counts = vec![0u32; n];
    let mut touched: Vec<u32> = Vec::new();
    for (k, w) in weighted.iter().enumerate() {
        let k = k as u32;
        for &slot in &w.sketch {
            for &other in postings.get(slot) {
                if other != k {
                    if counts[other as usize] == 0 {
                        touched.push(other);
                    }
                    counts[other as usize] += 1;
                }
            }
        }
        for o in touched.drain(..) {
            if counts[o as usize] >= MIN_SHARED_SKETCH {
                pairs.push((k.min(o), k.max(o)));
            }
            counts[o as usize] = 0;
        }
    }
    pairs.sort_unstable();
    pairs.dedup();
    pairs
}

/// The documents holding each term of 2..=MAX_POSTING documents: one array of all the lists,
/// each list in document order, found by its slot (see [`Rarity::slot`]) without a search.
struct Postings {
    starts: Vec<u32>,
    docs: Vec<u32>,
}

impl Postings {
    fn get(&self, slot: u32) -> &[u32] {
        let slot = slot as usize;
        &self.docs[self.starts[slot] as usize..self.starts[slot + 1] as usize]
    }
}

/// Weights every document and gathers the postings of rare terms (each list's size is the
/// term's document count, known from the idf: the lists are filled in place, not sorted).
fn weigh_all(profiles: &[(usize, Profile)], idf: &Idf) -> (Vec<Weighted>, Postings) {
    let starts = idf.starts.clone();
    let mut next: Vec<u32> = starts.clone();
    let mut docs = vec![0u32; starts.last().map_or(0, |&n| n as usize)];
    let mut scratch = WeighScratch::default();
    let weighted = profiles
        .iter()
        .enumerate()
        .map(|(k, (_, p))| {
            weigh(p, idf, &mut scratch, |slot| {
                let at = &mut next[slot as usize];
                docs[*at as usize] = k as u32;
                *at += 1;
            })
        })
        .collect();
    (weighted, Postings { starts, docs })
}

fn profiles(docs: &[Option<Input>]) -> Vec<(usize, Profile)> {
    reserve_heap(docs.iter().flatten().map(|d| d.text.len()).sum());
    docs.iter()
        .enumerate()
        .scan(profile::Scratch::default(), |buffer, (i, d)| {
            Some(
                d.as_ref()
                    .map(|d| (i, profile::profile_with(d.text, buffer))),
            )
        })
        .flatten()
        .collect()
}

/// In wasm the heap grows by `memory.grow`, and every growth replaces the memory's buffer,
/// which V8 answers with garbage collections: growing in small steps made linking 10,000
/// articles twice as slow. One allocation of about what the profiles and weights will need
/// (eight bytes per byte of text: 32 KB for a 4 KB article), freed at once, grows the heap in
/// one step; the allocator keeps the freed block for them. Sized by text, not by documents:
/// 20,000 one-line files would otherwise reserve 640 MB.
#[cfg(target_arch = "wasm32")]
fn reserve_heap(text_bytes: usize) {
    let bytes = text_bytes.saturating_mul(8).min(1 << 30);
    drop(std::hint::black_box(Vec::<u8>::with_capacity(bytes)));
}

#[cfg(not(target_arch = "wasm32"))]
fn reserve_heap(_text_bytes: usize) {}

/// Profiles one text and returns its word count: for timing the per-document stage.
#[doc(hidden)]
pub fn profile_words(text: &str) -> usize {
    profile::profile(text).words
}

/// The candidate pairs of a collection (document indices, a < b): for checking the recall of
/// the large-collection path.
#[doc(hidden)]
pub fn candidate_pairs(docs: &[Option<Input>]) -> Vec<(usize, usize)> {
    let profiles = profiles(docs);
    let idf = Idf::new(&profiles);
    let (weighted, postings) = weigh_all(&profiles, &idf);
    candidates(&profiles, &weighted, &postings)
        .into_iter()
        .map(|(x, y)| (profiles[x as usize].0, profiles[y as usize].0))
        .collect()
}

/// The measures of every candidate pair (document indices, a < b): for fitting and sweeping.
#[doc(hidden)]
pub fn measure_candidates(docs: &[Option<Input>]) -> Vec<(usize, usize, Measures)> {
    let profiles = profiles(docs);
    let idf = Idf::new(&profiles);
    let (weighted, postings) = weigh_all(&profiles, &idf);
    candidates(&profiles, &weighted, &postings)
        .into_iter()
        .map(|(x, y)| {
            let (x, y) = (x as usize, y as usize);
            let m = measure(&profiles[x].1, &profiles[y].1, &weighted[x], &weighted[y]);
            (profiles[x].0, profiles[y].0, m)
        })
        .collect()
}

/// Links the documents (`None` = skipped, left out of every cluster).
///
/// Same-story evidence is judged between groups of copies (documents linked as exact, near or
/// excerpt), not between single documents: a near copy with a headline list or stripped quotation
/// marks is the same text, so when one version of a story is linked to another story's version,
/// all their versions are. A group linked strongly to one story and much more weakly to a
/// second that the first is not linked to keeps the strong link only (`drop_weak_bridges`). Two
/// groups both strongly linked to a third are linked too (`close_strong_triangles`).
pub fn link(docs: &[Option<Input>], options: &Options) -> Links {
    let profiles = profiles(docs);
    let idf = Idf::new(&profiles);
    let (weighted, postings) = weigh_all(&profiles, &idf);
    let dates: Vec<Option<i64>> = profiles
        .iter()
        .map(|(i, _)| docs[*i].as_ref().and_then(|d| d.date).and_then(day_number))
        .collect();
    let apart = |x: usize, y: usize| match (dates[x], dates[y]) {
        (Some(p), Some(q)) => Some((p - q).abs()),
        _ => None,
    };
    let judged: Vec<Judged> = candidates(&profiles, &weighted, &postings)
        .into_iter()
        .map(|(x, y)| {
            let (x, y) = (x as usize, y as usize);
            let m = measure(&profiles[x].1, &profiles[y].1, &weighted[x], &weighted[y]);
            let far = apart(x, y).is_some_and(|d| d > FAR_APART_DAYS);
            Judged {
                x,
                y,
                m,
                verdict: verdict(&m, options, far),
            }
        })
        .collect();
    let copies = copy_groups(profiles.len(), &judged);
    let inside = |part: usize, whole: usize| contained(&weighted[part], &weighted[whole]);
    let stories = story_links(&copies, &judged, &inside);
    let pair =
        |x: usize, y: usize, m: &Measures, (relation, score): (Relation, f32), explanation| Pair {
            a: profiles[x].0,
            b: profiles[y].0,
            relation,
            score,
            contained_a_in_b: m.in_b,
            contained_b_in_a: m.in_a,
            explanation,
        };
    let mut pairs = Vec::new();
    for j in &judged {
        if let Some((relation, score)) = j.verdict {
            if relation != Relation::SameStory {
                let none = SharedFacts::default();
                let explanation = explain(relation, &j.m, &profiles[j.x].1, apart(j.x, j.y), &none);
                pairs.push(pair(j.x, j.y, &j.m, (relation, score), explanation));
            }
        }
    }
    // `judged` is sorted by pair (the candidates are), so a story pair's own measures are found
    // by binary search.
    let mut stories: Vec<(usize, usize, Measures, &str)> = stories
        .into_iter()
        .map(|(x, y, third)| {
            let (x, y) = (x.min(y), x.max(y));
            let via = if third { THROUGH_THIRD } else { THROUGH_COPY };
            match judged.binary_search_by_key(&(x, y), |j| (j.x, j.y)) {
                Ok(k) => {
                    let own = matches!(judged[k].verdict, Some((Relation::SameStory, _)));
                    (x, y, judged[k].m, if own { "" } else { via })
                }
                Err(_) => (
                    x,
                    y,
                    measure(&profiles[x].1, &profiles[y].1, &weighted[x], &weighted[y]),
                    via,
                ),
            }
        })
        .collect();
    // In document order, so that each document's facts are held from its first pair to its last
    // only (the pairs are sorted below anyway).
    stories.sort_unstable_by_key(|s| (s.0, s.1));
    let text = |x: usize| docs[profiles[x].0].as_ref().map_or("", |d| d.text);
    let mut uses = vec![0u32; profiles.len()];
    for s in &stories {
        uses[s.0] += 1;
        uses[s.1] += 1;
    }
    let mut facts: Vec<Option<Facts>> = (0..profiles.len()).map(|_| None).collect();
    let (mut toks, mut scratch) = (Vec::new(), Vec::new());
    let mut shared = SharedFacts::default();
    for (x, y, m, note) in stories {
        for i in [x, y] {
            if facts[i].is_none() {
                facts[i] = Some(Facts::new(text(i), &mut toks, &mut scratch));
            }
        }
        match (&facts[x], &facts[y]) {
            (Some(a), Some(b)) => shared_facts(text(x), a, b, &mut shared),
            _ => shared.clear(),
        }
        let explanation = explain(
            Relation::SameStory,
            &m,
            &profiles[x].1,
            apart(x, y),
            &shared,
        );
        pairs.push(pair(
            x,
            y,
            &m,
            (Relation::SameStory, m.story),
            explanation + note,
        ));
        for i in [x, y] {
            uses[i] -= 1;
            if uses[i] == 0 {
                facts[i] = None;
            }
        }
    }
    pairs.sort_by(|p, q| {
        p.relation
            .cmp(&q.relation)
            .then_with(|| q.score.total_cmp(&p.score))
            .then_with(|| (p.a, p.b).cmp(&(q.a, q.b)))
    });
    let words: HashMap<usize, usize> = profiles.iter().map(|(i, p)| (*i, p.words)).collect();
    let clusters = cluster(docs, &words, &pairs);
    Links { pairs, clusters }
}

/// Stories published further apart than this are different events unless the evidence is
/// overwhelming.
const FAR_APART_DAYS: i64 = 14;
/// Group pairs with more member pairs than this link only the pairs that were judged, so that
/// a thousand copies of one page linked to a thousand of another do not make a million pairs.
const MAX_GROUP_PAIRS: usize = 64;

/// One compared pair (profile indices, x < y).
struct Judged {
    x: usize,
    y: usize,
    m: Measures,
    verdict: Option<(Relation, f32)>,
}

/// Groups of copies: the components of the exact, near and excerpt links (profile indices, each
/// mapped to its group's smallest member).
fn copy_groups(n: usize, judged: &[Judged]) -> Vec<usize> {
    let mut parent: Vec<usize> = (0..n).collect();
    fn root(parent: &mut [usize], mut i: usize) -> usize {
        while parent[i] != i {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        i
    }
    for j in judged {
        if matches!(j.verdict, Some((r, _)) if r != Relation::SameStory) {
            let (rx, ry) = (root(&mut parent, j.x), root(&mut parent, j.y));
            parent[rx.max(ry)] = rx.min(ry);
        }
    }
    (0..n).map(|i| root(&mut parent, i)).collect()
}

/// The same-story pairs (profile indices): every member pair of two linked groups of copies,
/// and the pairs inside one group that the score links (they are no copies of each other); with
/// `true` for the pairs of two groups linked only through a third (`close_strong_triangles`).
/// `inside(part, whole)` is the share of one document's content found in another.
fn story_links(
    group: &[usize],
    judged: &[Judged],
    inside: &dyn Fn(usize, usize) -> f32,
) -> Vec<(usize, usize, bool)> {
    let mut out = Vec::new();
    // The linked member pairs of each linked pair of groups.
    let mut between: BTreeMap<(usize, usize), Vec<(usize, usize)>> = BTreeMap::new();
    for j in judged {
        if !matches!(j.verdict, Some((Relation::SameStory, _))) {
            continue;
        }
        let (gx, gy) = (group[j.x], group[j.y]);
        if gx == gy {
            out.push((j.x, j.y, false));
        } else {
            between
                .entry((gx.min(gy), gx.max(gy)))
                .or_default()
                .push((j.x, j.y));
        }
    }
    drop_weak_bridges(&mut between, judged, group, inside);
    let closed = close_strong_triangles(&between, judged);
    let mut members: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for (i, &g) in group.iter().enumerate() {
        members.entry(g).or_default().push(i);
    }
    let none = Vec::new();
    let linked = between
        .iter()
        .map(|(&k, linked)| (k, linked, false))
        .chain(closed.into_iter().map(|k| (k, &none, true)));
    for ((gx, gy), linked, third) in linked {
        let (mx, my) = (&members[&gx], &members[&gy]);
        if mx.len() * my.len() > MAX_GROUP_PAIRS {
            out.extend(linked.iter().map(|&(x, y)| (x, y, third)));
        } else {
            out.extend(
                mx.iter()
                    .flat_map(|&x| my.iter().map(move |&y| (x, y, third))),
            );
        }
    }
    out
}

/// Share of `part`'s TF-IDF weight in terms that `whole` holds too.
fn contained(part: &Weighted, whole: &Weighted) -> f32 {
    let shared = sum_shared(&part.terms, &whole.terms, |w, _| w);
    let total: f32 = part.terms.iter().map(|(_, w)| w).sum();
    if total > 0.0 {
        shared / total
    } else {
        0.0
    }
}

/// The strongest score among the judged member pairs of two linked groups.
fn link_strength(linked: &[(usize, usize)], judged: &[Judged]) -> f32 {
    linked
        .iter()
        .filter_map(|&(x, y)| {
            let k = judged.binary_search_by_key(&(x, y), |j| (j.x, j.y)).ok()?;
            Some(judged[k].m.story)
        })
        .fold(0.0f32, f32::max)
}

/// Two groups both linked at least this strongly to a third are one story even when they share
/// little with each other.
const STRONG_LINK: f32 = 0.7;

/// The pairs of groups, not linked to each other, that are both linked at [`STRONG_LINK`] or more
/// to a third group. Two retellings of one article each keep a different part of it, so they
/// share less with each other than with it: their own score is low although each is clearly
/// the same story as the article. Only strong links are followed, so that a link made of
/// background sentences does not join two stories (those are weaker, and the clusters are
/// unchanged: the three groups are one component already). At most [`MAX_BRIDGE_PARTNERS`]
/// strong partners per group, the strongest.
fn close_strong_triangles(
    between: &BTreeMap<(usize, usize), Vec<(usize, usize)>>,
    judged: &[Judged],
) -> BTreeSet<(usize, usize)> {
    let mut partners: BTreeMap<usize, Vec<(f32, usize)>> = BTreeMap::new();
    for (&(gx, gy), linked) in between {
        let s = link_strength(linked, judged);
        if s >= STRONG_LINK {
            partners.entry(gx).or_default().push((s, gy));
            partners.entry(gy).or_default().push((s, gx));
        }
    }
    let mut closed = BTreeSet::new();
    for list in partners.values_mut() {
        list.sort_unstable_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        list.truncate(MAX_BRIDGE_PARTNERS);
        for (i, &(_, h1)) in list.iter().enumerate() {
            for &(_, h2) in &list[i + 1..] {
                let k = (h1.min(h2), h1.max(h2));
                if !between.contains_key(&k) {
                    closed.insert(k);
                }
            }
        }
    }
    closed
}

/// A group's weak same-story link is dropped when the group has a link this much stronger to
/// another group that the weak partner is not linked to.
const WEAK_BRIDGE_GAP: f32 = 0.15;
/// ... unless at least this share of the weak partner's content (TF-IDF weight) is in the group:
/// then it is a shorter version of the group's story, not a text sharing its background.
const PART_INSIDE: f32 = 0.6;
/// Partners of one group checked against each other, strongest first (bounds the work on a
/// group linked to thousands).
const MAX_BRIDGE_PARTNERS: usize = 64;

/// Drops the weak links that bridge two stories judged different. A group linked strongly to
/// one story and weakly to another, when those two are not linked, shares only background with
/// the weak one: a retelling that repeats a few sentences of a related article, a follow-up
/// that repeats the last report's context. A weak partner whose content is mostly in the group
/// ([`PART_INSIDE`]) is kept: an article with two retellings, one much closer to it than the
/// other, is linked to both. Links are judged as they were scored (a link dropped here still
/// counts as a link for the others), so the order of the groups does not matter.
fn drop_weak_bridges(
    between: &mut BTreeMap<(usize, usize), Vec<(usize, usize)>>,
    judged: &[Judged],
    group: &[usize],
    inside: &dyn Fn(usize, usize) -> f32,
) {
    let mut partners: BTreeMap<usize, Vec<(f32, usize)>> = BTreeMap::new();
    for (&(gx, gy), linked) in between.iter() {
        let s = link_strength(linked, judged);
        partners.entry(gx).or_default().push((s, gy));
        partners.entry(gy).or_default().push((s, gx));
    }
    let mut weak = Vec::new();
    for (&g, list) in &mut partners {
        if list.len() < 2 {
            continue;
        }
        list.sort_unstable_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        list.truncate(MAX_BRIDGE_PARTNERS);
        for &(s2, h2) in list.iter() {
            let bridged = list
                .iter()
                .take_while(|(s1, _)| *s1 >= s2 + WEAK_BRIDGE_GAP)
                .any(|&(_, h1)| !between.contains_key(&(h1.min(h2), h1.max(h2))));
            if bridged {
                let key = (g.min(h2), g.max(h2));
                // The weak partner's share inside this group, at its best linked member pair.
                let part_inside = between[&key]
                    .iter()
                    .map(|&(x, y)| {
                        if group[y] == h2 {
                            inside(y, x)
                        } else {
                            inside(x, y)
                        }
                    })
                    .fold(0.0f32, f32::max);
                if part_inside < PART_INSIDE {
                    weak.push(key);
                }
            }
        }
    }
    for k in weak {
        between.remove(&k);
    }
}

const COMPARED: &str = "compared the cleaned text (boilerplate removed)";
const THROUGH_COPY: &str =
    "; linked because a copy of one of them (exact, near or excerpt) was linked to the other";
const THROUGH_THIRD: &str =
    "; linked because each of them, or a copy of it, was linked strongly (score 0.70 or more) to one third text or its copies";

fn explain(
    relation: Relation,
    m: &Measures,
    a: &Profile,
    apart: Option<i64>,
    shared: &SharedFacts,
) -> String {
    match relation {
        Relation::Exact => format!(
            "the same {} words after normalizing case, punctuation, quotes, dashes and spacing; {COMPARED}",
            a.words
        ),
        Relation::Near => format!(
            "{:.0}% of their 5-word passages are shared ({:.0}% of the first in the second, {:.0}% of the second in the first): the same text with changes such as reordered paragraphs, other punctuation or added lines; {COMPARED}",
            m.jaccard * 100.0,
            m.in_b * 100.0,
            m.in_a * 100.0
        ),
        Relation::Excerpt => {
            let (small, big) = if m.in_b >= m.in_a { ("first", "second") } else { ("second", "first") };
            format!(
                "{:.0}% of the {small} text's 5-word passages are in the {big}, but only {:.0}% of the {big}'s in the {small}: an excerpt; {COMPARED}",
                m.in_b.max(m.in_a) * 100.0,
                m.in_b.min(m.in_a) * 100.0
            )
        }
        Relation::SameStory => {
            // Written into one string: there is one explanation per linked pair, and
            // collections of retellings have tens of thousands.
            use std::fmt::Write;
            let mut out = String::with_capacity(400);
            let _ = write!(
                out,
                "different wording of one story (score {:.2}; content words {:.0}% alike by TF-IDF cosine)",
                m.story,
                m.features[0] * 100.0
            );
            let quote = |out: &mut String, q: &&str| {
                let _ = write!(out, "“{q}”");
            };
            let word = |out: &mut String, w: &&str| out.push_str(w);
            let phrase = |out: &mut String, &(x, y): &(&str, &str)| {
                let _ = write!(out, "{x} {y}");
            };
            part(&mut out, "shared quotations", &shared.quotes, quote);
            part(&mut out, "shared numbers", &shared.numbers, word);
            let name = |out: &mut String, &(_, n): &(u32, &str)| out.push_str(n);
            part(&mut out, "shared names", &shared.names, name);
            part(&mut out, "shared phrases", &shared.phrases, phrase);
            if !shared.only_a.is_empty() || !shared.only_b.is_empty() {
                out.push_str("; numbers in one only: ");
                or_none(&mut out, &shared.only_a);
                out.push_str(" / ");
                or_none(&mut out, &shared.only_b);
            }
            if let Some(d) = apart {
                let _ = write!(out, "; published {d} days apart");
            }
            out.push_str("; ");
            out.push_str(COMPARED);
            out
        }
    }
}

/// Appends "; what: item, item" unless there are no items.
fn part<T>(out: &mut String, what: &str, items: &[T], item: impl Fn(&mut String, &T)) {
    if items.is_empty() {
        return;
    }
    out.push_str("; ");
    out.push_str(what);
    out.push_str(": ");
    for (k, x) in items.iter().enumerate() {
        if k > 0 {
            out.push_str(", ");
        }
        item(out, x);
    }
}

/// Appends the items separated by commas, or "none".
fn or_none(out: &mut String, items: &[&str]) {
    if items.is_empty() {
        out.push_str("none");
    }
    for (k, x) in items.iter().enumerate() {
        if k > 0 {
            out.push_str(", ");
        }
        out.push_str(x);
    }
}

/// Readable shared facts of two texts, rarest first, a few of each kind (words as written in
/// the texts). One is reused for all the pairs of a collection: no allocation per pair.
#[derive(Default)]
struct SharedFacts<'a> {
    /// Quotations, without their quotation marks.
    quotes: Vec<&'a str>,
    numbers: Vec<&'a str>,
    /// Names with their background document frequency, rarest first.
    names: Vec<(u32, &'a str)>,
    phrases: Vec<(&'a str, &'a str)>,
    only_a: Vec<&'a str>,
    only_b: Vec<&'a str>,
}

impl SharedFacts<'_> {
    fn clear(&mut self) {
        self.quotes.clear();
        self.numbers.clear();
        self.names.clear();
        self.phrases.clear();
        self.only_a.clear();
        self.only_b.clear();
    }
}

/// What the explanation of a same-story pair reads from one text, gathered in one pass over its
/// words: a text is in many pairs, and tokenizing both texts again for every pair was most of
/// the time `link` took on collections with many retellings. Sorted lists stand for the sets
/// and ordered lists keep text order where the explanation depends on it.
struct Facts<'a> {
    /// Stems of the capitalized words, sorted and deduplicated.
    caps: Vec<u64>,
    /// The first name-like occurrence of each name stem, in text order: (stem, background df,
    /// the word as written).
    names: Vec<(u64, u32, &'a str)>,
    /// Numbers that identify an event, sorted by hash; the last occurrence names the number.
    numbers: Vec<(u64, &'a str)>,
    /// Stems of all adjacent words, sorted and deduplicated.
    bigrams: Vec<(u64, u64)>,
    /// Adjacent content words that can make a shared phrase, in text order (the pieces of text
    /// are trimmed to words only when they are shown).
    phrases: Vec<(u64, u64, &'a str, &'a str)>,
    /// Hashes of four quoted words of one quotation, sorted and deduplicated.
    grams: Vec<[u64; 4]>,
    /// Every run of four quoted words, in text order.
    quoted: Vec<QuotedGram>,
}

/// Four consecutive quoted words of a text.
struct QuotedGram {
    /// Index of the first word.
    pos: usize,
    hashes: [u64; 4],
    /// Byte range from the first word's start to the last word's end.
    start: usize,
    end: usize,
}

/// A word as written, without the punctuation around it.
fn raw<'a>(text: &'a str, t: &profile::Token) -> &'a str {
    text[t.range.clone()].trim_matches(|c: char| !c.is_alphanumeric())
}

impl<'a> Facts<'a> {
    fn new(
        text: &'a str,
        toks: &mut Vec<profile::Token>,
        scratch: &mut Vec<(u64, u64)>,
    ) -> Facts<'a> {
        profile::tokens_into(text, toks);
        let toks = &toks[..];
        let mut caps: Vec<u64> = toks.iter().filter(|t| t.cap).map(|t| t.stem).collect();
        caps.sort_unstable();
        caps.dedup();
        // (stem, word index) of name-like words, reduced to the first of each stem.
        let mut firsts: Vec<(u64, usize)> = toks
            .iter()
            .enumerate()
            .filter(|(_, t)| {
                let name =
                    t.name || (t.cap && !t.stop && t.chars >= 3 && background_df(t.stem) <= 2);
                name && t.digits == 0
            })
            .map(|(i, t)| (t.stem, i))
            .collect();
        firsts.sort_unstable();
        firsts.dedup_by_key(|(stem, _)| *stem);
        firsts.sort_unstable_by_key(|&(_, i)| i);
        let names = firsts
            .into_iter()
            .map(|(stem, i)| (stem, background_df(stem), raw(text, &toks[i])))
            .collect();
        let mut numbers: Vec<(u64, &str)> = toks
            .iter()
            .filter(|t| profile::is_fact_number(t, text))
            .map(|t| (t.hash, raw(text, t)))
            .collect();
        // Stable: within one hash the occurrences stay in text order, and the last one is kept.
        numbers.sort_by_key(|&(h, _)| h);
        let numbers = numbers
            .chunk_by(|x, y| x.0 == y.0)
            .filter_map(|run| run.last().copied())
            .collect();
        let mut bigrams: Vec<(u64, u64)> =
            toks.windows(2).map(|w| (w[0].stem, w[1].stem)).collect();
        sort_hash_pairs(&mut bigrams, scratch);
        bigrams.dedup();
        let phrases = toks
            .windows(2)
            .filter(|w| {
                profile::is_content(&w[0])
                    && profile::is_content(&w[1])
                    && !w[0].name
                    && w[0].digits == 0
                    && w[1].digits == 0
            })
            .map(|w| {
                let piece = |t: &profile::Token| &text[t.range.clone()];
                (w[0].stem, w[1].stem, piece(&w[0]), piece(&w[1]))
            })
            .collect();
        let mut grams = Vec::new();
        let mut quoted = Vec::new();
        for (pos, w) in toks.windows(4).enumerate() {
            if !w.iter().all(|t| t.quoted) {
                continue;
            }
            let hashes = [w[0].hash, w[1].hash, w[2].hash, w[3].hash];
            if w[0].quote == w[3].quote {
                grams.push(hashes);
            }
            quoted.push(QuotedGram {
                pos,
                hashes,
                start: w[0].range.start,
                end: w[3].range.end,
            });
        }
        grams.sort_unstable();
        grams.dedup();
        Facts {
            caps,
            names,
            numbers,
            bigrams,
            phrases,
            grams,
            quoted,
        }
    }
}

/// Sorts pairs of hashes. Their first halves are uniform, so they are dealt into 256 buckets by
/// the top byte first and each small bucket is sorted on its own: twice as fast as sorting the
/// whole list, and the bigrams of every explained text are sorted.
fn sort_hash_pairs(v: &mut Vec<(u64, u64)>, scratch: &mut Vec<(u64, u64)>) {
    let bucket = |x: &(u64, u64)| (x.0 >> 56) as usize;
    let mut starts = [0usize; 257];
    for x in v.iter() {
        starts[bucket(x) + 1] += 1;
    }
    for b in 1..starts.len() {
        starts[b] += starts[b - 1];
    }
    scratch.clear();
    scratch.resize(v.len(), (0, 0));
    let mut next = starts;
    for &x in v.iter() {
        let b = bucket(&x);
        scratch[next[b]] = x;
        next[b] += 1;
    }
    for b in 0..256 {
        scratch[starts[b]..starts[b + 1]].sort_unstable();
    }
    std::mem::swap(v, scratch);
}

/// Readable shared facts of text `a` (with its facts) and the facts of another text.
fn shared_facts<'a>(text: &'a str, a: &Facts<'a>, b: &Facts<'a>, out: &mut SharedFacts<'a>) {
    out.clear();
    out.names.extend(
        a.names
            .iter()
            .filter(|(stem, _, _)| b.caps.binary_search(stem).is_ok())
            .map(|&(_, df, name)| (df, name)),
    );
    // Rarest first: "Scholz" tells more than "President".
    out.names.sort_by_key(|(df, _)| *df);
    out.names.truncate(8);
    let in_numbers = |f: &Facts, h: u64| f.numbers.binary_search_by_key(&h, |&(x, _)| x).is_ok();
    for &(h, s) in &a.numbers {
        if in_numbers(b, h) {
            out.numbers.push(s);
        } else {
            out.only_a.push(s);
        }
    }
    out.only_b.extend(
        b.numbers
            .iter()
            .filter(|&&(h, _)| !in_numbers(a, h))
            .map(|&(_, s)| s),
    );
    out.numbers.truncate(8);
    out.only_a.truncate(5);
    out.only_b.truncate(5);
    // Shared phrases: adjacent content words of `a` whose stems are next to each other in `b`
    // (words hold no spaces, so equal pairs are equal phrases).
    for &(x, y, wx, wy) in &a.phrases {
        if out.phrases.len() >= 6 {
            break;
        }
        if b.bigrams.binary_search(&(x, y)).is_ok() {
            let words = |w: &'a str| w.trim_matches(|c: char| !c.is_alphanumeric());
            let phrase = (words(wx), words(wy));
            if !out.phrases.contains(&phrase) {
                out.phrases.push(phrase);
            }
        }
    }
    // Shared quotations: maximal runs of quoted words of `a` whose 4-grams are quoted in `b`.
    let in_b = |g: &QuotedGram| b.grams.binary_search(&g.hashes).is_ok();
    let mut next = 0;
    let mut k = 0;
    while k < a.quoted.len() && out.quotes.len() < 3 {
        let g = &a.quoted[k];
        if g.pos < next || !in_b(g) {
            k += 1;
            continue;
        }
        // The run goes on while the next word is quoted too (the next window is all quoted)
        // and that window is quoted in `b`.
        let mut last = k;
        while last + 1 < a.quoted.len()
            && a.quoted[last + 1].pos == a.quoted[last].pos + 1
            && in_b(&a.quoted[last + 1])
        {
            last += 1;
        }
        let quote = &text[g.start..a.quoted[last].end];
        out.quotes
            .push(quote.trim_matches(|c: char| !c.is_alphanumeric()));
        next = a.quoted[last].pos + 4;
        k = last + 1;
    }
}

/// Connected components of the linked pairs; every analyzed document is in one.
fn cluster(docs: &[Option<Input>], words: &HashMap<usize, usize>, pairs: &[Pair]) -> Vec<Cluster> {
    let mut parent: Vec<usize> = (0..docs.len()).collect();
    fn root(parent: &mut [usize], mut i: usize) -> usize {
        while parent[i] != i {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        i
    }
    for p in pairs {
        let (ra, rb) = (root(&mut parent, p.a), root(&mut parent, p.b));
        if ra != rb {
            parent[ra.max(rb)] = ra.min(rb);
        }
    }
    let mut groups: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for (i, d) in docs.iter().enumerate() {
        if d.is_some() {
            groups.entry(root(&mut parent, i)).or_default().push(i);
        }
    }
    // The strongest relation and highest score inside each component, in one pass over pairs.
    let mut inside: BTreeMap<usize, (Relation, f32)> = BTreeMap::new();
    for p in pairs {
        let r = root(&mut parent, p.a);
        let e = inside.entry(r).or_insert((p.relation, p.score));
        e.0 = e.0.min(p.relation);
        e.1 = e.1.max(p.score);
    }
    let dates: Vec<Option<i64>> = docs
        .iter()
        .map(|d| d.as_ref().and_then(|d| d.date).and_then(day_number))
        .collect();
    let mut clusters: Vec<Cluster> = groups
        .into_iter()
        .map(|(r, mut members)| {
            // The likely original first: the earliest dated one, else the longest.
            members.sort_by(|&a, &b| match (dates[a], dates[b]) {
                (Some(x), Some(y)) if x != y => x.cmp(&y),
                _ => words[&b].cmp(&words[&a]).then(a.cmp(&b)),
            });
            let (relation, score) = match inside.get(&r) {
                Some(&(rel, s)) => (Some(rel), s),
                None => (None, 0.0),
            };
            Cluster {
                id: 0,
                relation,
                score,
                members,
            }
        })
        .collect();
    // Biggest clusters first, then input order.
    clusters.sort_by(|a, b| {
        b.members
            .len()
            .cmp(&a.members.len())
            .then(a.members.iter().min().cmp(&b.members.iter().min()))
    });
    for (id, c) in clusters.iter_mut().enumerate() {
        c.id = id;
    }
    clusters
}

/// Days since 1970 of "2022-02-17", "20220217" or an ISO timestamp.
fn day_number(s: &str) -> Option<i64> {
    let digits: String = s.chars().filter(char::is_ascii_digit).take(8).collect();
    if digits.len() != 8 || !(digits.starts_with("19") || digits.starts_with("20")) {
        return None;
    }
    let (y, m, d): (i64, i64, i64) = (
        digits[..4].parse().ok()?,
        digits[4..6].parse().ok()?,
        digits[6..].parse().ok()?,
    );
    if !(1..=12).contains(&m) || !(1..=31).contains(&d) {
        return None;
    }
    // Days from civil (Howard Hinnant's algorithm).
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    Some(era * 146_097 + doe - 719_468)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pair(a: &str, b: &str) -> Option<Pair> {
        let docs = [
            Some(Input {
                text: a,
                date: None,
            }),
            Some(Input {
                text: b,
                date: None,
            }),
        ];
        link(&docs, &Options::default()).pairs.into_iter().next()
    }

    fn relation(a: &str, b: &str) -> Option<Relation> {
        pair(a, b).map(|p| p.relation)
    }

    const STORY: &str = "The central bank raised its key rate by 0.75 points to 4.5% on Wednesday, its largest increase since 1994.\nGovernor Jane Holloway said inflation of 9.1% was \"far too high and we will bring it down\".\nMarkets in Frankfurt fell after the decision, and the euro gained 1.2% against the dollar.\nAnalysts at Deka and Commerzbank had expected a move of half a point.";

    /// Judged pairs (x, y, story score) of single documents; scores at or above 0.4 are links.
    /// No document's content is inside another's.
    fn story_pairs(scores: &[(usize, usize, f32)]) -> Vec<(usize, usize)> {
        story_pairs_inside(scores, &|_, _| 0.0)
    }

    fn story_pairs_inside(
        scores: &[(usize, usize, f32)],
        inside: &dyn Fn(usize, usize) -> f32,
    ) -> Vec<(usize, usize)> {
        let judged: Vec<Judged> = scores
            .iter()
            .map(|&(x, y, story)| Judged {
                x,
                y,
                m: Measures {
                    story,
                    ..Measures::default()
                },
                verdict: (story >= 0.4).then_some((Relation::SameStory, story)),
            })
            .collect();
        let groups: Vec<usize> = (0..4).collect();
        let mut out: Vec<(usize, usize)> = story_links(&groups, &judged, inside)
            .into_iter()
            .map(|(x, y, _)| (x, y))
            .collect();
        out.sort_unstable();
        out
    }

    #[test]
    fn weak_link_bridging_two_unlinked_stories_is_dropped() {
        // 1 retells 0 (0.95) and repeats background of 2 (0.5); 0 and 2 are different stories.
        assert_eq!(
            story_pairs(&[(0, 1, 0.95), (0, 2, 0.1), (1, 2, 0.5)]),
            [(0, 1)]
        );
        // Not compared at all counts as not linked.
        assert_eq!(story_pairs(&[(0, 1, 0.95), (1, 2, 0.5)]), [(0, 1)]);
    }

    #[test]
    fn links_of_similar_strength_or_to_linked_stories_are_kept() {
        // Two retellings of 0 that are not linked to each other.
        assert_eq!(
            story_pairs(&[(0, 1, 0.7), (0, 2, 0.6), (1, 2, 0.2)]),
            [(0, 1), (0, 2)]
        );
        // One much weaker than the other, but mostly made of 0's content.
        let only_2_inside_0 =
            |part: usize, whole: usize| if (part, whole) == (2, 0) { 0.7 } else { 0.2 };
        assert_eq!(
            story_pairs_inside(&[(0, 1, 0.95), (0, 2, 0.5), (1, 2, 0.1)], &only_2_inside_0),
            [(0, 1), (0, 2)]
        );
        // The same scores, when 2 only shares some of 0's background: a bridge.
        assert_eq!(
            story_pairs(&[(0, 1, 0.95), (0, 2, 0.5), (1, 2, 0.1)]),
            [(0, 1)]
        );
        // The weak partner is linked to the strong one: one story.
        assert_eq!(
            story_pairs(&[(0, 1, 0.95), (0, 2, 0.45), (1, 2, 0.5)]),
            [(0, 1), (0, 2), (1, 2)]
        );
    }

    #[test]
    fn explanation_states_the_strong_link_score() {
        assert!(THROUGH_THIRD.contains(&format!("score {STRONG_LINK:.2} or more")));
    }

    #[test]
    fn two_stories_strongly_linked_to_a_third_are_linked() {
        // Two retellings of 0 keeping different parts of it.
        assert_eq!(
            story_pairs(&[(0, 1, 0.95), (0, 2, 0.85), (1, 2, 0.1)]),
            [(0, 1), (0, 2), (1, 2)]
        );
        // Not when one of the links is weaker.
        assert_eq!(
            story_pairs(&[(0, 1, 0.75), (0, 2, 0.65), (1, 2, 0.1)]),
            [(0, 1), (0, 2)]
        );
    }

    #[test]
    fn exact_ignores_case_punctuation_quotes_dashes_and_spacing() {
        let other = STORY
            .to_uppercase()
            .replace(['.', ','], "")
            .replace(' ', "  ")
            .replace('"', "“");
        assert_eq!(relation(STORY, &other), Some(Relation::Exact));
        let wide = "Ｔｈｅ rate is ４.５% now—we think";
        assert_eq!(
            relation(wide, "the rate is 4.5% now-we think"),
            Some(Relation::Exact)
        );
    }

    #[test]
    fn near_survives_reordering_headers_inserted_lines_and_stripped_apostrophes() {
        let paras: Vec<&str> = STORY.lines().collect();
        let other = format!(
            "BANK RAISES RATES\n20220217\nhttps://example.com/bank-raises-rates\n{}\n{}\nUnrelated line about football results today\n{}\n{}",
            paras[2],
            paras[1].replace('"', ""),
            paras[0].replace("its", "it's"),
            paras[3]
        );
        assert_eq!(relation(STORY, &other), Some(Relation::Near));
    }

    #[test]
    fn excerpt_is_one_text_inside_another_and_scores_asymmetrically() {
        let long = format!("{STORY}\n{}", "Bond yields rose sharply across the region as traders priced further increases in the months ahead. Mortgage lenders said they would pass the increase on to their borrowers within days. The next meeting of the council is scheduled for late July in the capital, when new forecasts are due. Economists at several banks now expect two more increases before the end of the year.");
        let short: String = STORY.lines().take(3).collect::<Vec<_>>().join("\n");
        let p = pair(&short, &long).unwrap();
        assert_eq!(p.relation, Relation::Excerpt);
        assert!(
            p.contained_a_in_b > 0.9 && p.contained_b_in_a < 0.7,
            "{p:?}"
        );
    }

    #[test]
    fn unrelated_texts_are_not_linked() {
        let other = "The local football club won its third match in a row on Sunday, beating the visitors 3-1 in front of a home crowd.\nThe coach praised the defence.";
        assert_eq!(relation(STORY, other), None);
    }

    #[test]
    fn retelling_with_shared_quote_names_and_numbers_is_same_story() {
        let other = "In its biggest move since 1994, the central bank in Frankfurt lifted borrowing costs by 0.75 points to 4.5%.\nHolloway told reporters that inflation at 9.1% was \"far too high and we will bring it down\", adding that further steps were possible. Economists at Commerzbank had forecast a smaller step.";
        let p = pair(STORY, other).unwrap();
        assert_eq!(p.relation, Relation::SameStory);
        assert!(p.explanation.contains("far too high"), "{}", p.explanation);
        assert!(p.explanation.contains("9.1"), "{}", p.explanation);
        assert!(p.explanation.contains("Holloway"), "{}", p.explanation);
    }

    #[test]
    fn same_kind_of_event_with_other_numbers_and_names_is_not_linked() {
        let other = "The central bank cut its key rate by 0.25 points to 2.0% on Thursday, its first cut since 2009.\nGovernor Marek Novak said inflation of 1.8% was \"back under control\".\nMarkets in Warsaw rose after the decision, and the zloty lost 0.4% against the dollar.";
        assert_eq!(relation(STORY, other), None);
    }

    #[test]
    fn identical_inputs_score_one_and_scores_are_symmetric() {
        let docs = [
            Some(Input {
                text: STORY,
                date: None,
            }),
            Some(Input {
                text: STORY,
                date: None,
            }),
        ];
        let p = &link(&docs, &Options::default()).pairs[0];
        assert_eq!((p.relation, p.score), (Relation::Exact, 1.0));
        let other = STORY
            .replace("Frankfurt", "Berlin")
            .replace("Wednesday", "Tuesday");
        let (x, y) = (pair(STORY, &other).unwrap(), pair(&other, STORY).unwrap());
        assert_eq!((x.relation, x.score), (y.relation, y.score));
        assert_eq!(
            (x.contained_a_in_b, x.contained_b_in_a),
            (y.contained_b_in_a, y.contained_a_in_b)
        );
    }

    #[test]
    fn clusters_cover_every_document() {
        let docs = [
            Some(Input {
                text: STORY,
                date: None,
            }),
            None,
            Some(Input {
                text: "Something else entirely, about gardening in spring.",
                date: None,
            }),
            Some(Input {
                text: STORY,
                date: None,
            }),
        ];
        let links = link(&docs, &Options::default());
        let mut members: Vec<usize> = links
            .clusters
            .iter()
            .flat_map(|c| c.members.clone())
            .collect();
        members.sort();
        assert_eq!(members, [0, 2, 3]);
        assert_eq!(links.clusters[0].members.len(), 2);
        assert_eq!(links.clusters[0].relation, Some(Relation::Exact));
    }

    #[test]
    fn large_collections_use_candidates_and_still_find_copies() {
        // Distinct filler documents push the collection past the all-pairs limit.
        let fillers: Vec<String> = (0..ALL_PAIRS_UP_TO + 20)
            .map(|i| {
                format!(
                    "Report number {i} about topic {} with value {} and item {}.",
                    i * 7,
                    i * 13,
                    i * 31
                )
            })
            .collect();
        let copy = STORY.replace("Wednesday", "Wednesday\nShare this article");
        let mut docs: Vec<Option<Input>> = fillers
            .iter()
            .map(|t| {
                Some(Input {
                    text: t,
                    date: None,
                })
            })
            .collect();
        docs.push(Some(Input {
            text: STORY,
            date: None,
        }));
        docs.push(Some(Input {
            text: &copy,
            date: None,
        }));
        let links = link(&docs, &Options::default());
        let n = docs.len();
        assert!(links.pairs.iter().any(|p| (p.a, p.b) == (n - 2, n - 1)));
        assert!(candidate_pairs(&docs).len() < n * 4);
    }

    #[test]
    fn dates_parse_to_days() {
        assert_eq!(day_number("1970-01-01"), Some(0));
        assert_eq!(
            day_number("20220217").unwrap() - day_number("2022-02-01T10:00").unwrap(),
            16
        );
        assert_eq!(day_number("Tuesday"), None);
    }
}
