//! The learned part of the classifier, exposed for the trainer (`examples/eval_boilerplate.rs`).
//! Not a stable API.
//!
//! Stages of gradient-boosted trees (three by default, `GB_STAGES`; later stages repeat stage 2's
//! scheme on the previous stage's scores). Stage 1 sees each block alone: its shape, its furniture
//! phrases, the collection's template count, the HTML hints and the hand-written rules' score.
//! Stage 2 adds the context of stage 1's scores: neighbours, the densest region of article-like
//! blocks, and in HTML the element that holds most of the article-like text. The trainer fits
//! stage 2 on out-of-fold stage-1 scores, so stage 2 learns how much to trust them on unseen
//! pages. Plain text and HTML have separate weights.

use super::{headline_like, headline_runs, items, rules, Item, Label, Templates, Verdict};
use crate::fxhash::FxHashMap;
use crate::html::Hints;
use crate::segment::Block;

/// Gradient-boosted trees of one fixed depth, each stored as a complete binary tree.
#[derive(Debug, Clone, Copy)]
pub struct Forest<'a> {
    pub depth: u32,
    /// Log-odds before any tree.
    pub base: f32,
    /// Per tree, `2^depth - 1` split features, breadth first (children of node `k` are
    /// `2k + 1` and `2k + 2`).
    pub features: &'a [u8],
    /// Go left when the feature is below the threshold.
    pub thresholds: &'a [f32],
    /// Per tree, `2^depth` leaf values (log-odds increments).
    pub leaves: &'a [f32],
}

/// Vectors whose trees are walked together, one lane each (see `Columns`).
const LANES: usize = 16;

/// A batch of up to `LANES` feature vectors stored feature-major: `cols[j][lane]` is feature `j`
/// of that lane's vector. A split then reads its feature for every lane from one contiguous group
/// (one SIMD load per four lanes in wasm `simd128` or SSE), and every index a `u8` split can name
/// is in bounds; features past a vector's end read 0.
type Columns = [[f32; LANES]; 256];

impl Forest<'_> {
    pub const EMPTY: Forest<'static> = Forest {
        depth: 0,
        base: 0.0,
        features: &[],
        thresholds: &[],
        leaves: &[],
    };

    pub fn is_empty(&self) -> bool {
        self.leaves.is_empty()
    }

    /// The log-odds of "article" for one feature vector: the base plus every tree's leaf, trees
    /// added in order.
    pub fn margin(&self, x: &[f32]) -> f32 {
        self.margins(std::slice::from_ref(&x))[0]
    }

    /// `margin` of every vector. Each tree is walked for `LANES` vectors at once, so that its
    /// nodes are read once per batch and the lanes' tests run side by side (SIMD where the target
    /// has it); each lane's sum still adds the trees in order, so the results are those of one
    /// vector at a time, bit for bit.
    pub fn margins<X: AsRef<[f32]>>(&self, xs: &[X]) -> Vec<f32> {
        let mut cols: Box<Columns> = Box::new([[0.0; LANES]; 256]);
        // How many leading features of `cols` may hold values of an earlier batch.
        let mut dirty = 0;
        let mut out = Vec::with_capacity(xs.len());
        for chunk in xs.chunks(LANES) {
            dirty = fill(&mut cols, chunk, dirty);
            let mut sums = [self.base; LANES];
            self.add_trees(&cols, &mut sums);
            out.extend_from_slice(&sums[..chunk.len()]);
        }
        out
    }

    /// Adds every tree's leaf to each lane's sum, trees in order.
    fn add_trees(&self, cols: &Columns, sums: &mut [f32; LANES]) {
        if self.depth == 3 {
            return self.add_trees3(cols, sums);
        }
        let inner = (1usize << self.depth) - 1;
        let (mut features, mut thresholds) = (self.features, self.thresholds);
        for leaves in self.leaves.chunks_exact(inner + 1) {
            let (Some((f, f_rest)), Some((t, t_rest))) = (
                features.split_at_checked(inner),
                thresholds.split_at_checked(inner),
            ) else {
                break;
            };
            (features, thresholds) = (f_rest, t_rest);
            for (lane, sum) in sums.iter_mut().enumerate() {
                let mut node = 0;
                for _ in 0..self.depth {
                    let left = cols[usize::from(f[node])][lane] < t[node];
                    node = 2 * node + 2 - usize::from(left);
                }
                *sum += leaves[node - inner];
            }
        }
    }

    /// Each depth-3 tree's seven split features and thresholds (breadth first) and eight leaves.
    fn trees3(&self) -> impl Iterator<Item = (&[u8; 7], &[f32; 7], &[f32; 8])> {
        let trees = self
            .features
            .chunks_exact(7)
            .zip(self.thresholds.chunks_exact(7))
            .zip(self.leaves.chunks_exact(8));
        trees.map_while(|((f, t), l)| {
            Some((f.try_into().ok()?, t.try_into().ok()?, l.try_into().ok()?))
        })
    }

    /// `add_trees` for depth 3 (the shipped models): all seven splits are tested for every lane
    /// and the leaf is picked by selects, so the lanes' work has no branch. A lane goes left
    /// where `x < t` (a NaN goes right), as in the walk of `add_trees`.
    #[cfg(not(all(target_arch = "wasm32", target_feature = "simd128")))]
    fn add_trees3(&self, cols: &Columns, sums: &mut [f32; LANES]) {
        for (f, t, l) in self.trees3() {
            let c: [&[f32; LANES]; 7] = std::array::from_fn(|n| &cols[usize::from(f[n])]);
            for (lane, sum) in sums.iter_mut().enumerate() {
                // All ones where the lane goes left at node `n`; the picks are bit masks, not
                // branches, so that the lanes vectorize.
                let left = |n: usize| u32::from(c[n][lane] < t[n]).wrapping_neg();
                let pick =
                    |m: u32, a: f32, b: f32| f32::from_bits(a.to_bits() & m | b.to_bits() & !m);
                let (l3, l4, l5, l6) = (
                    pick(left(3), l[0], l[1]),
                    pick(left(4), l[2], l[3]),
                    pick(left(5), l[4], l[5]),
                    pick(left(6), l[6], l[7]),
                );
                let (l1, l2) = (pick(left(1), l3, l4), pick(left(2), l5, l6));
                *sum += pick(left(0), l1, l2);
            }
        }
    }

    /// `add_trees3` in wasm SIMD, four lanes per vector: the same compares, selects and in-order
    /// adds per lane (IEEE single precision in both), so the same sums bit for bit.
    #[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
    fn add_trees3(&self, cols: &Columns, sums: &mut [f32; LANES]) {
        use core::arch::wasm32::{f32x4, f32x4_add, f32x4_extract_lane, f32x4_lt, f32x4_splat};
        use core::arch::wasm32::{v128, v128_bitselect};
        const H: usize = LANES / 4;
        let quad =
            |c: &[f32; LANES], h: usize| f32x4(c[4 * h], c[4 * h + 1], c[4 * h + 2], c[4 * h + 3]);
        let mut acc: [v128; H] = std::array::from_fn(|h| quad(sums, h));
        for (f, t, l) in self.trees3() {
            let c: [&[f32; LANES]; 7] = std::array::from_fn(|n| &cols[usize::from(f[n])]);
            for (h, acc) in acc.iter_mut().enumerate() {
                // All ones in the lanes that go left at node `n`.
                let left = |n: usize| f32x4_lt(quad(c[n], h), f32x4_splat(t[n]));
                let pick = |n: usize, a: f32, b: f32| {
                    v128_bitselect(f32x4_splat(a), f32x4_splat(b), left(n))
                };
                let (l3, l4, l5, l6) = (
                    pick(3, l[0], l[1]),
                    pick(4, l[2], l[3]),
                    pick(5, l[4], l[5]),
                    pick(6, l[6], l[7]),
                );
                let l1 = v128_bitselect(l3, l4, left(1));
                let l2 = v128_bitselect(l5, l6, left(2));
                *acc = f32x4_add(*acc, v128_bitselect(l1, l2, left(0)));
            }
        }
        for (h, acc) in acc.iter().enumerate() {
            sums[4 * h] = f32x4_extract_lane::<0>(*acc);
            sums[4 * h + 1] = f32x4_extract_lane::<1>(*acc);
            sums[4 * h + 2] = f32x4_extract_lane::<2>(*acc);
            sums[4 * h + 3] = f32x4_extract_lane::<3>(*acc);
        }
    }

    pub fn predict(&self, x: &[f32]) -> f32 {
        probability(self.margin(x))
    }

    /// `predict` of every vector (see `margins`).
    pub fn predict_all<X: AsRef<[f32]>>(&self, xs: &[X]) -> Vec<f32> {
        let mut p = self.margins(xs);
        p.iter_mut().for_each(|m| *m = probability(*m));
        p
    }
}

fn probability(margin: f32) -> f32 {
    1.0 / (1.0 + (-margin).exp())
}

/// Writes a batch of feature vectors into `cols`, lane `i` from `xs[i]`; lanes past the batch
/// and features past a vector's end read 0. `dirty` is how many leading features were written
/// before; returns how many are written now.
fn fill<X: AsRef<[f32]>>(cols: &mut Columns, xs: &[X], dirty: usize) -> usize {
    let n = xs
        .iter()
        .map(|x| x.as_ref().len().min(cols.len()))
        .max()
        .unwrap_or(0);
    cols[..dirty.max(n)].fill([0.0; LANES]);
    for (lane, x) in xs.iter().enumerate() {
        for (col, &v) in cols.iter_mut().zip(x.as_ref()) {
            col[lane] = v;
        }
    }
    n
}

/// The stages, for plain text and for HTML: stage 1 on the blocks alone, each later stage on
/// the context of the previous stage's scores.
#[derive(Debug, Clone, Copy)]
pub struct Models<'a> {
    pub text: &'a [Forest<'a>],
    pub html: &'a [Forest<'a>],
}

/// What stage 1 needs, computed once per document.
#[derive(Debug)]
pub struct Analysis {
    items: Vec<Item>,
    rules: Vec<Verdict>,
    /// Stage-1 feature vectors, one per block.
    pub stage1: Vec<Vec<f32>>,
    pub html: bool,
}

/// Feature names of stage 1, in vector order.
pub const STAGE1: &[&str] = &[
    "words",
    "log_words",
    "chars",
    "terminal",
    "colon",
    "sentences",
    "commas_per_word",
    "title_ratio",
    "stop_ratio",
    "digit_ratio",
    "bullet",
    "url",
    "domain",
    "date",
    "separators",
    "phrase_comment",
    "phrase_share",
    "phrase_promo",
    "phrase_caption",
    "phrase_byline",
    "phrase_nav",
    "phrase_footer",
    "template_groups",
    "blank_before",
    "chars_per_word",
    "quote_start",
    "position",
    "rule_score",
    "rule_boilerplate",
    "own_score",
    "headline_like",
    "headline_run",
    "comment_marker",
    "cap_prefix",
    "repeats_in_doc",
    "doc_blocks",
    "doc_words",
    "is_headline",
    "from_headline",
    "words_from_headline",
    "link_density",
    "in_nav",
    "in_footer",
    "in_aside",
    "in_comments",
    "in_article",
    "in_caption",
    "in_header",
    "heading",
    "list_item",
    "in_form",
    "in_quote",
    "in_table",
    "tag_p",
    "tag_div",
    "tag_li",
    "tag_td",
    "tag_h1",
    "tag_h2_6",
    "tag_quote_pre",
    "tag_dd_dt",
    "tag_caption",
    "tag_other",
    "depth",
    "headers_before",
    "headers_after",
    "own_repeats",
    "unit_repeats",
    "unit_words",
];

/// Feature names stage 2 adds after stage 1's.
pub const STAGE2: &[&str] = &[
    "p0",
    "p0_prev",
    "p0_prev2",
    "p0_next",
    "p0_next2",
    "p0_window3",
    "p0_window8",
    "in_region",
    "before_region",
    "after_region",
    "region_share",
    "words_before_share",
    "in_best",
    "parent_good",
    "grandparent_good",
    "parent_share",
    "parent_blocks",
    "p0_same_parent",
    "markers_before",
    "markers_after",
    "p0_window20",
    "p0_doc_mean",
    "p0_doc_max",
    "region_gap",
    "through",
    "long_prev",
    "long_next",
];

pub fn analyze(text: &str, blocks: &[Block], templates: &Templates) -> Analysis {
    let items = items(text, blocks, templates);
    let runs = headline_runs(&items);
    let rules = rules(&items, blocks, &runs);
    let n = items.len().max(1) as f32;
    let doc_words: f32 = items.iter().map(|it| it.shape.words).sum();
    // How often each line occurs in this document: menus and buttons repeat, paragraphs do not.
    let keys: Vec<Option<u64>> = blocks
        .iter()
        .map(|b| super::line_key(text.get(b.range.clone()).unwrap_or("")).map(|(k, _)| k))
        .collect();
    let mut repeats: FxHashMap<Option<u64>, usize> = FxHashMap::default();
    for k in &keys {
        *repeats.entry(*k).or_default() += 1;
    }
    // The page's headline: marked by the HTML parser, or the rules' first title line in text.
    // (The first line repeating a text's first line, its <title>, was tried as the text anchor:
    // it cost 0.006 F1 in 4-fold cross-validation.)
    let anchor = blocks
        .iter()
        .position(|b| b.hints.as_ref().is_some_and(|h| h.headline))
        .or_else(|| rules.iter().position(|v| v.label == Label::Title));
    // Comment headers ("Jane says:") before and after each block: a thread follows its first.
    let headers: Vec<bool> = items.iter().map(|it| it.shape.comment_header).collect();
    let total_headers = headers.iter().filter(|&&h| h).count() as f32;
    let units = Units::new(blocks, &items);
    let mut headers_before = 0.0;
    let mut cumulative = Vec::with_capacity(items.len());
    let mut acc = 0.0;
    for it in &items {
        cumulative.push(acc);
        acc += it.shape.words;
    }
    let no_hints = Hints::default();
    let stage1 = items
        .iter()
        .enumerate()
        .map(|(i, it)| {
            let s = &it.shape;
            let b = &blocks[i];
            let phrase = |l: Label| f32::from(u8::from(s.phrase == Some(l)));
            let bit = |v: bool| f32::from(u8::from(v));
            // One allocation of the final size.
            let mut x = Vec::with_capacity(STAGE1.len());
            x.extend([
                s.words,
                (1.0 + s.words).ln(),
                s.chars as f32,
                bit(s.terminal),
                bit(s.colon),
                s.sentences as f32,
                s.commas as f32 / s.words.max(1.0),
                s.title_ratio,
                s.stop_ratio,
                s.digit_ratio,
                bit(s.bullet),
                bit(s.url),
                bit(s.domain),
                bit(s.date),
                s.separators as f32,
                phrase(Label::CommentForm),
                phrase(Label::Share),
                phrase(Label::Promo),
                phrase(Label::Caption),
                phrase(Label::Byline),
                phrase(Label::Navigation),
                phrase(Label::Footer),
                it.groups as f32,
                bit(b.blank_before),
                s.chars as f32 / s.words.max(1.0),
                bit(s.quote_start),
                i as f32 / n,
                rules[i].score,
                bit(rules[i].label != Label::Article),
                it.own,
                bit(headline_like(s)),
                runs[i] as f32,
                bit(s.comment_marker),
                s.cap_prefix as f32,
                repeats.get(&keys[i]).copied().unwrap_or(1) as f32,
                n,
                doc_words,
                bit(anchor == Some(i)),
                anchor.map_or(99.0, |a| (i as f32 - a as f32).clamp(-50.0, 50.0)),
                anchor.map_or(-1.0, |a| {
                    (cumulative[i] - cumulative[a]) / doc_words.max(1.0)
                }),
            ]);
            let h = b.hints.as_ref().unwrap_or(&no_hints);
            let tag = h.tag.as_str();
            let tags = [
                tag == "p",
                tag == "div",
                tag == "li",
                tag == "td" || tag == "th",
                tag == "h1",
                matches!(tag, "h2" | "h3" | "h4" | "h5" | "h6"),
                matches!(tag, "blockquote" | "pre"),
                matches!(tag, "dd" | "dt"),
                matches!(tag, "figcaption" | "caption"),
            ];
            x.extend([
                h.link_density,
                bit(h.in_nav),
                bit(h.in_footer),
                bit(h.in_aside),
                bit(h.in_comments),
                bit(h.in_article),
                bit(h.in_caption),
                bit(h.in_header),
                bit(h.heading),
                bit(h.list_item),
                bit(h.in_form),
                bit(h.in_quote),
                bit(h.in_table),
            ]);
            x.extend(tags.iter().map(|&t| bit(t)));
            x.push(bit(b.hints.is_some() && !tags.iter().any(|&t| t)));
            x.push(h.ancestors.len() as f32);
            x.extend([
                headers_before,
                total_headers - headers_before - bit(headers[i]),
            ]);
            headers_before += bit(headers[i]);
            x.extend(units.of(h));
            debug_assert_eq!(x.len(), STAGE1.len());
            x
        })
        .collect();
    Analysis {
        items,
        rules,
        stage1,
        html: blocks.iter().any(|b| b.hints.is_some()),
    }
}

/// Stage-2 vectors: stage 1's features, then the context of the stage-1 scores `p0`.
pub fn stage2(a: &Analysis, blocks: &[Block], p0: &[f32]) -> Vec<Vec<f32>> {
    let n = a.items.len();
    let words: Vec<f32> = a.items.iter().map(|it| it.shape.words).collect();
    let total_words: f32 = words.iter().sum::<f32>().max(1.0);
    let at = |i: isize| {
        if i < 0 || i as usize >= n {
            -1.0
        } else {
            p0[i as usize]
        }
    };
    // A block's weight in the windows, and its score times its weight, once per page: three
    // windows read each of them up to 63 times. The weighted sums are added in order as before;
    // the weights (multiples of one half) come from exact prefix sums.
    let weights: Vec<f32> = words.iter().map(|w| w + 1.0).collect();
    let weighted: Vec<f32> = p0.iter().zip(&weights).map(|(p, w)| p * w).collect();
    let weight_sums = WordSums::new(&weights);
    let window = |i: usize, r: usize| {
        let (lo, hi) = (i.saturating_sub(r), (i + r + 1).min(n));
        let mut s = 0.0;
        for &x in &weighted[lo..hi] {
            s += x;
        }
        let w = weight_sums.of(&weights, lo..hi);
        if w > 0.0 {
            s / w
        } else {
            0.0
        }
    };
    // Densest region of stage-1 article weight.
    let (mut best, mut region) = (0.0f32, 0..0);
    let (mut sum, mut start) = (0.0f32, 0);
    for i in 0..n {
        if sum <= 0.0 {
            sum = 0.0;
            start = i;
        }
        sum += (p0[i] - 0.5) * (words[i] + 3.0);
        if sum > best {
            best = sum;
            region = start..i + 1;
        }
    }
    let region_words: f32 = words[region.clone()].iter().sum();
    let word_sums = WordSums::new(&words);
    // The best segment through each block, as a share of the best segment overall: how much
    // article weight the block is connected to.
    let gains: Vec<f32> = (0..n).map(|i| (p0[i] - 0.5) * (words[i] + 3.0)).collect();
    let mut left = vec![0.0f32; n];
    let mut right = vec![0.0f32; n];
    for i in 0..n {
        left[i] = gains[i] + if i > 0 { left[i - 1].max(0.0) } else { 0.0 };
    }
    for i in (0..n).rev() {
        right[i] = gains[i]
            + if i + 1 < n {
                right[i + 1].max(0.0)
            } else {
                0.0
            };
    }
    // Stage-1 score of the nearest long block (10+ words) before and after: short lines
    // interleave with paragraphs in plain text.
    let long: Vec<usize> = (0..n).filter(|&i| words[i] >= 10.0).collect();
    let containers = Containers::new(blocks, &words, p0);
    let markers: Vec<bool> = a.items.iter().map(|it| it.shape.comment_marker).collect();
    let total_markers = markers.iter().filter(|&&m| m).count() as f32;
    let doc_mean = p0.iter().sum::<f32>() / n.max(1) as f32;
    let doc_max = p0.iter().copied().fold(0.0, f32::max);
    let mut markers_before = 0.0;
    let mut before = 0.0;
    let mut out = Vec::with_capacity(n);
    for i in 0..n {
        let mut x = Vec::with_capacity(STAGE1.len() + STAGE2.len());
        x.extend_from_slice(&a.stage1[i]);
        let ii = i as isize;
        let c = containers.of(i);
        x.extend([
            p0[i],
            at(ii - 1),
            at(ii - 2),
            at(ii + 1),
            at(ii + 2),
            window(i, 3),
            window(i, 8),
            f32::from(u8::from(region.contains(&i))),
            region.start.saturating_sub(i).min(50) as f32,
            i.saturating_sub(region.end.saturating_sub(1)).min(50) as f32,
            region_words / total_words,
            before / total_words,
            c[0],
            c[1],
            c[2],
            c[3],
            c[4],
            c[5],
            markers_before,
            total_markers - markers_before - f32::from(u8::from(markers[i])),
            window(i, 20),
            doc_mean,
            doc_max,
            // Words between the block and the region, as a share of the region's words.
            if region.contains(&i) {
                0.0
            } else {
                let (lo, hi) = if i < region.start {
                    (i + 1, region.start)
                } else {
                    (region.end, i)
                };
                word_sums.of(&words, lo.min(hi)..hi) / region_words.max(1.0)
            },
            (left[i] + right[i] - gains[i]) / best.max(1.0),
            {
                let k = long.partition_point(|&j| j < i);
                k.checked_sub(1).map_or(-1.0, |k| p0[long[k]])
            },
            {
                let k = long.partition_point(|&j| j <= i);
                long.get(k).map_or(-1.0, |&j| p0[j])
            },
        ]);
        before += words[i];
        markers_before += f32::from(u8::from(markers[i]));
        debug_assert_eq!(x.len(), STAGE1.len() + STAGE2.len());
        out.push(x);
    }
    out
}

/// Sums of ranges of block word counts, each in O(1) from prefix sums. Word counts are
/// multiples of one half (`Shape::words`): while a page's total is far below 2^24 every partial
/// sum is exact in `f32`, so a difference of prefix sums is the range's plain sum bit for bit.
struct WordSums {
    /// `prefix[k]` = the first `k` counts' sum; `None` past the exact range (summed plainly).
    prefix: Option<Vec<f32>>,
}

impl WordSums {
    fn new(words: &[f32]) -> WordSums {
        let exact = words
            .iter()
            .all(|&w| (0.0..=4_194_304.0).contains(&w) && (2.0 * w).fract() == 0.0)
            && words.iter().sum::<f32>() <= 4_194_304.0;
        let prefix = exact.then(|| {
            std::iter::once(0.0)
                .chain(words.iter().scan(0.0, |acc, &w| {
                    *acc += w;
                    Some(*acc)
                }))
                .collect()
        });
        WordSums { prefix }
    }

    /// `words[r].iter().sum()` (`words` as given to `new`); an empty range keeps the plain sum's
    /// zero and its sign.
    fn of(&self, words: &[f32], r: std::ops::Range<usize>) -> f32 {
        match &self.prefix {
            Some(prefix) if !r.is_empty() => prefix[r.end] - prefix[r.start],
            _ => words[r].iter().sum(),
        }
    }
}

/// A value per element serial (`Hints::ancestors`). The parser numbers elements from 1, so a
/// vector indexed by serial usually holds them without hashing; serials far above the number
/// of ancestors seen (hints built by hand) use a hash map. Serials never added read the default.
enum BySerial<T> {
    Dense(Vec<T>),
    Sparse(FxHashMap<u32, T>),
}

impl<T: Default + Clone> BySerial<T> {
    fn new(blocks: &[Block]) -> BySerial<T> {
        let (mut max, mut count) = (0u32, 0usize);
        for &s in blocks
            .iter()
            .flat_map(|b| b.hints.iter().flat_map(|h| &h.ancestors))
        {
            max = max.max(s);
            count += 1;
        }
        let max = max as usize;
        if max <= 4 * count + 1024 {
            BySerial::Dense(vec![T::default(); max + 1])
        } else {
            BySerial::Sparse(FxHashMap::default())
        }
    }

    fn entry(&mut self, s: u32) -> &mut T {
        match self {
            BySerial::Dense(v) => {
                let i = s as usize;
                if i >= v.len() {
                    v.resize(i + 1, T::default());
                }
                &mut v[i]
            }
            BySerial::Sparse(m) => m.entry(s).or_default(),
        }
    }

    fn get(&self, s: u32) -> T {
        match self {
            BySerial::Dense(v) => v.get(s as usize).cloned(),
            BySerial::Sparse(m) => m.get(&s).cloned(),
        }
        .unwrap_or_default()
    }
}

/// Repeated units in HTML: elements with the same tag and class as several of their siblings
/// (comments, teasers, cards, menu entries), and the words inside each element.
struct Units {
    /// (parent serial, signature) → (last child serial seen, distinct children).
    siblings: FxHashMap<(u32, u32), (u32, u32)>,
    words: BySerial<f32>,
}

impl Units {
    fn new(blocks: &[Block], items: &[Item]) -> Units {
        let mut siblings = FxHashMap::default();
        let mut words = BySerial::new(blocks);
        for (b, it) in blocks.iter().zip(items) {
            let Some(h) = &b.hints else { continue };
            for (j, &s) in h.ancestors.iter().enumerate() {
                *words.entry(s) += it.shape.words;
                let (Some(&parent), Some(&sig)) = (
                    j.checked_sub(1).and_then(|k| h.ancestors.get(k)),
                    h.signatures.get(j),
                ) else {
                    continue;
                };
                // A child's blocks are contiguous, so a new serial is a new sibling.
                let e: &mut (u32, u32) = siblings.entry((parent, sig)).or_default();
                if e.0 != s {
                    *e = (s, e.1 + 1);
                }
            }
        }
        Units { siblings, words }
    }

    fn count(&self, h: &crate::html::Hints, j: usize) -> u32 {
        match (
            j.checked_sub(1).and_then(|k| h.ancestors.get(k)),
            h.signatures.get(j),
        ) {
            (Some(&parent), Some(&sig)) => self.siblings.get(&(parent, sig)).map_or(0, |e| e.1),
            _ => 0,
        }
    }

    /// own_repeats, unit_repeats, unit_words: siblings like the block's own element; the same
    /// for the nearest enclosing element repeated three or more times, and that element's words.
    fn of(&self, h: &crate::html::Hints) -> [f32; 3] {
        let k = h.ancestors.len();
        if k == 0 {
            return [0.0; 3];
        }
        let own = self.count(h, k - 1) as f32;
        for j in (1..k - 1).rev() {
            let c = self.count(h, j);
            if c >= 3 {
                let w = self.words.get(h.ancestors[j]);
                return [own, c as f32, w];
            }
        }
        [own, 0.0, 0.0]
    }
}

/// Per-element sums over the blocks inside each element (HTML only).
struct Containers<'a> {
    blocks: &'a [Block],
    /// Serial → (article-weighted words, words, blocks, sum of stage-1 scores).
    sums: BySerial<(f32, f32, f32, f32)>,
    good_total: f32,
    best: Option<u32>,
    p0: &'a [f32],
}

impl<'a> Containers<'a> {
    fn new(blocks: &'a [Block], words: &[f32], p0: &'a [f32]) -> Containers<'a> {
        let mut sums = BySerial::new(blocks);
        let mut good_total = 0.0;
        for (i, b) in blocks.iter().enumerate() {
            let good = words[i] * p0[i];
            good_total += good;
            for &s in b.hints.iter().flat_map(|h| &h.ancestors) {
                let e: &mut (f32, f32, f32, f32) = sums.entry(s);
                e.0 += good;
                e.1 += words[i];
                e.2 += 1.0;
                e.3 += p0[i];
            }
        }
        // The deepest element holding most of the article-like text; blocks are visited in
        // order, so ties resolve the same way on every run.
        let mut best: Option<(usize, u32)> = None;
        for b in blocks {
            let Some(h) = &b.hints else { continue };
            for (depth, &s) in h.ancestors.iter().enumerate() {
                let good = sums.get(s).0;
                if good >= 0.6 * good_total && best.is_none_or(|(d, _)| depth > d) {
                    best = Some((depth, s));
                }
            }
        }
        Containers {
            blocks,
            sums,
            good_total,
            best: best.map(|(_, s)| s),
            p0,
        }
    }

    /// in_best, parent_good, grandparent_good, parent_share, parent_blocks, p0_same_parent.
    fn of(&self, i: usize) -> [f32; 6] {
        let Some(h) = &self.blocks[i].hints else {
            return [0.0; 6];
        };
        let ratio = |s: Option<&u32>| {
            s.map(|&s| self.sums.get(s))
                .map_or(0.0, |e| if e.1 > 0.0 { e.0 / e.1 } else { 0.0 })
        };
        let k = h.ancestors.len();
        let parent = k.checked_sub(2).and_then(|j| h.ancestors.get(j));
        let grandparent = k.checked_sub(3).and_then(|j| h.ancestors.get(j));
        let parent_sums = parent.map(|&s| self.sums.get(s)).unwrap_or_default();
        let in_best = self.best.is_some_and(|b| h.ancestors.contains(&b));
        [
            f32::from(u8::from(in_best)),
            ratio(parent),
            ratio(grandparent),
            parent_sums.0 / self.good_total.max(1.0),
            parent_sums.2,
            // Mean stage-1 score of the other blocks under the same parent.
            if parent_sums.2 > 1.0 {
                (parent_sums.3 - self.p0[i]) / (parent_sums.2 - 1.0)
            } else {
                -1.0
            },
        ]
    }
}

/// Scores with the given models and turns scores into verdicts with reasons.
pub fn classify_with(
    models: &Models<'_>,
    text: &str,
    blocks: &[Block],
    templates: &Templates,
) -> Vec<Verdict> {
    let mut a = analyze(text, blocks, templates);
    let v = match model_verdicts(models, &a, blocks) {
        Some(v) => v,
        None => std::mem::take(&mut a.rules),
    };
    name_captions(&a, text, blocks, v)
}

/// The trees' verdicts, or `None` where the rules decide.
fn model_verdicts(models: &Models<'_>, a: &Analysis, blocks: &[Block]) -> Option<Vec<Verdict>> {
    let stages = if a.html { models.html } else { models.text };
    // The trees learned from whole pages; a pasted paragraph or two is outside what they saw,
    // and the rules handle it well.
    if blocks.len() < MIN_BLOCKS_FOR_MODEL {
        return None;
    }
    let (first, later) = stages.split_first().filter(|(f, _)| !f.is_empty())?;
    let mut p = first.predict_all(&a.stage1);
    cap_comments(blocks, &mut p);
    for m in later {
        p = m.predict_all(&stage2(a, blocks, &p));
        cap_comments(blocks, &mut p);
    }
    judge_data_tables(a, blocks, &mut p);
    let mut v = verdicts(a, blocks, &p);
    // A document has an article: when the trees keep nothing, the rules decide.
    if v.iter().all(|v| v.label != Label::Article) {
        return None;
    }
    keep_continuations(a, blocks, &mut v);
    Some(v)
}

/// A removed caption gets the caption reason: a block inside a figure or caption element, or
/// one that ends with a picture credit ("A man walks past a shop. Photo: AFP"). The rules judge
/// lines by their shape, and a caption without final punctuation looks like another story's
/// headline ("promo"), a menu entry or the title. Only labels change, never scores, so the
/// rules' labels (the title anchor is a feature) stay as they were for the trees. A furniture
/// phrase, a URL and the page's headline keep their own reason.
fn name_captions(a: &Analysis, text: &str, blocks: &[Block], mut v: Vec<Verdict>) -> Vec<Verdict> {
    for ((verdict, it), b) in v.iter_mut().zip(&a.items).zip(blocks) {
        if matches!(verdict.label, Label::Article | Label::Caption)
            || it.shape.phrase.is_some()
            || it.shape.url
            || b.hints.as_ref().is_some_and(|h| h.headline)
        {
            continue;
        }
        // Navigation, footers, comments and link lists keep their reason: a credit is rarely
        // there, and they are most of a page's removed blocks.
        let hints = b.hints.as_ref();
        let in_caption = hints.is_some_and(|h| h.in_caption);
        let structural =
            hints.is_some_and(|h| h.in_nav || h.in_footer || h.in_comments || h.link_density > 0.5);
        if in_caption || !structural && super::credit_line(text.get(b.range.clone()).unwrap_or(""))
        {
            verdict.label = Label::Caption;
            verdict.reason = super::reason(Label::Caption);
        }
    }
    v
}

/// Losing a real paragraph is what users of extractors complain about most, and the trees, which
/// learned from whole pages, sometimes drop a short last paragraph of a small page. A plain
/// sentence-shaped block with no furniture reason (label `Other`) is kept when it sits between two
/// kept blocks, when it is the document's last long line and follows the kept text within two
/// lines, or, in HTML, inside the article element right after a kept block.
fn keep_continuations(a: &Analysis, blocks: &[Block], v: &mut [Verdict]) {
    let kept = |v: &[Verdict], j: usize| v[j].label == Label::Article;
    for i in 0..v.len() {
        let s = &a.items[i].shape;
        if v[i].label != Label::Other || !s.terminal || s.words < 8.0 {
            continue;
        }
        let before = (0..i).rev().find(|&j| v[j].label != Label::Other || j == 0);
        let after = (i + 1..v.len()).find(|&j| v[j].label != Label::Other);
        let sandwiched = before.is_some_and(|j| kept(v, j)) && after.is_some_and(|j| kept(v, j));
        // The article's last paragraph: nothing labelled and no other long line after it, and at
        // most one line between it and the kept text before it.
        let last = after.is_none()
            && before.is_some_and(|j| kept(v, j) && i - j <= 2)
            && (i + 1..v.len()).all(|j| a.items[j].shape.words < 8.0);
        let in_article =
            blocks[i].hints.as_ref().is_some_and(|h| h.in_article) && i > 0 && kept(v, i - 1);
        if sandwiched || in_article || last {
            v[i] = Verdict {
                label: Label::Article,
                score: v[i].score.max(0.55),
                reason: "probably article text (continues the article)",
            };
        }
    }
}

/// Blocks inside an element marked as comments (class/id comment, reply, respond, disqus...)
/// are readers' text, not the article's, however article-like their prose: on the benchmark
/// 0.5 of their 426 weight units (0.1%) are article text. The cap applies between stages too,
/// so that the context features see the thread as furniture. The trainer calls it on its
/// out-of-fold scores.
pub fn cap_comments(blocks: &[Block], p: &mut [f32]) {
    for (b, p) in blocks.iter().zip(p) {
        if b.hints.as_ref().is_some_and(|h| h.in_comments) {
            *p = p.min(0.2);
        }
    }
}

/// Cells of a data table (at least this many `td`/`th` blocks)...
const DATA_TABLE_CELLS: usize = 4;
/// ...none longer than this many words (a layout table holds paragraphs).
const DATA_TABLE_CELL_WORDS: f32 = 8.0;

/// A data table (standings, prices, specs) is part of the article or not as a whole, while
/// the trees score its short cells one by one, near 0.5 and unevenly: names kept, numbers
/// dropped. Every cell of a table of short cells gets the table's word-weighted mean score.
fn judge_data_tables(a: &Analysis, blocks: &[Block], p: &mut [f32]) {
    // Table serial → (sum of weighted scores, weights, cells, longest cell's words).
    let mut tables: FxHashMap<u32, (f32, f32, usize, f32)> = FxHashMap::default();
    let cell = |b: &Block| {
        b.hints
            .as_ref()
            .filter(|h| h.table != 0 && matches!(h.tag.as_str(), "td" | "th"))
            .map(|h| h.table)
    };
    for (i, b) in blocks.iter().enumerate() {
        if let Some(t) = cell(b) {
            let words = a.items[i].shape.words;
            let e = tables.entry(t).or_default();
            e.0 += p[i] * (words + 1.0);
            e.1 += words + 1.0;
            e.2 += 1;
            e.3 = e.3.max(words);
        }
    }
    for (i, b) in blocks.iter().enumerate() {
        if let Some(&(sum, weight, cells, longest)) = cell(b).and_then(|t| tables.get(&t)) {
            if cells >= DATA_TABLE_CELLS && longest <= DATA_TABLE_CELL_WORDS {
                p[i] = sum / weight;
            }
        }
    }
}

/// Documents with fewer blocks are classified by the rules alone.
const MIN_BLOCKS_FOR_MODEL: usize = 5;

/// The run of Title Case headlines (six words or more, not numbered) around block `i`.
fn title_case_run(items: &[Item], i: usize) -> usize {
    let like = |j: usize| {
        let s: &super::Shape = &items[j].shape;
        headline_like(s)
            && s.words >= 6.0
            && s.title_ratio >= 0.6
            && s.digit_ratio < 0.1
            && !s.enumerated
            && !s.quote_start
    };
    if !like(i) {
        return 0;
    }
    let lo = (0..i).rev().take_while(|&j| like(j)).count();
    let hi = (i + 1..items.len()).take_while(|&j| like(j)).count();
    lo + hi + 1
}

/// A run of one to three long lines without sentence punctuation between two long paragraphs:
/// other stories' headlines pasted into the article (a list of specs or products would be
/// longer, a subhead shorter).
fn headline_island(items: &[Item], i: usize) -> bool {
    let long_headline = |j: usize| {
        let s = &items[j].shape;
        headline_like(s) && s.words >= 10.0 && !s.quote_start && !s.enumerated
    };
    let paragraph = |j: usize| {
        let s = &items[j].shape;
        s.terminal && s.words >= 20.0
    };
    if !long_headline(i) {
        return false;
    }
    let mut lo = i;
    while lo > 0 && long_headline(lo - 1) {
        lo -= 1;
    }
    let mut hi = i + 1;
    while hi < items.len() && long_headline(hi) {
        hi += 1;
    }
    hi - lo <= 3 && lo > 0 && hi < items.len() && paragraph(lo - 1) && paragraph(hi)
}

/// In plain text, lines other than short sentences are kept from this probability of the trees.
const TEXT_KEEP: f32 = 0.67;
/// Sentences (ending in . ! ? …) shorter than this many words keep the plain 0.5.
const SHORT_SENTENCE_WORDS: f32 = 12.0;

/// In plain text, the lines the trees are unsure about are mostly the prose and labels around
/// the article: teaser summaries, readers' comments, related links, "Tags:" lines. Those need
/// more evidence. A short sentence keeps the plain 0.5: losing a real short paragraph ("He also
/// said it was enough.") is what users notice, and it costs the page few words when kept
/// wrongly. The odds are scaled, not cut, so 0.5 still means "keep" and the app's slider works
/// on the same scale.
fn text_odds(p: f32, s: &super::Shape) -> f32 {
    if s.terminal && s.words < SHORT_SENTENCE_WORDS {
        return p;
    }
    keep_from(p, TEXT_KEEP)
}

/// In HTML, a block inside a figure or caption element is kept from this probability.
const CAPTION_KEEP: f32 = 0.8;

/// Whether the blocks inside caption elements hold at most half of the words the trees keep.
/// Some sites put a "caption" class on a wrapper of the whole story: then the flag says
/// nothing about the blocks, and the caption threshold would drop the article's quotes.
fn captions_are_a_minority(a: &Analysis, blocks: &[Block], p: &[f32]) -> bool {
    let (mut kept, mut in_captions) = (0.0, 0.0);
    for ((it, b), &p) in a.items.iter().zip(blocks).zip(p) {
        if p >= 0.5 {
            kept += it.shape.words;
            if b.hints.as_ref().is_some_and(|h| h.in_caption) {
                in_captions += it.shape.words;
            }
        }
    }
    in_captions <= 0.5 * kept
}

/// Rescales the odds of `p` so that `keep` maps to 0.5 (0 and 1 stay where they are).
fn keep_from(p: f32, keep: f32) -> f32 {
    if !(0.0..1.0).contains(&p) {
        return p;
    }
    let k = keep / (1.0 - keep);
    p / (p + (1.0 - p) * k)
}

/// Final verdicts from article scores: furniture the rules are sure of stays out, and every
/// removed block gets the most specific reason known.
pub fn verdicts(a: &Analysis, blocks: &[Block], p: &[f32]) -> Vec<Verdict> {
    let captions_are_furniture = a.html && captions_are_a_minority(a, blocks, p);
    a.items
        .iter()
        .zip(&a.rules)
        .zip(p)
        .zip(blocks)
        .enumerate()
        .map(|(i, (((it, rule), &p), b))| {
            let s = &it.shape;
            // Photo captions and gallery slides (often the same caption twice) read like
            // prose but are rarely the article's text: the trees' unsure ones (0.5-0.8 held
            // out: 27 weight units of furniture, 3 of article text) stay out.
            let caption = captions_are_furniture && b.hints.as_ref().is_some_and(|h| h.in_caption);
            let mut score = match (a.html, caption) {
                (true, true) => keep_from(p, CAPTION_KEEP),
                (true, false) => p,
                (false, _) => text_odds(p, s),
            };
            // A bare number or figure in a table cell ("17", "5040", "5.8", "+1.2") is a value,
            // not a dateline: the date cap would drop every numeric column of a table the
            // article is made of.
            let value_cell = (s.words <= 1.0 || s.figures)
                && b.hints
                    .as_ref()
                    .is_some_and(|h| h.in_table && matches!(h.tag.as_str(), "td" | "th"));
            if s.phrase.is_some() || s.url || s.date && !value_cell || it.template {
                score = score.min(0.2);
            }
            // In plain text, a long line without sentence punctuation that the rules call another
            // story's headline stays out even inside the article (the model alone keeps some,
            // as list items and subheads of that shape occur in articles).
            // The headline above the article (the rules' title: a headline-like line before the
            // densest run of prose) is metadata, not article text.
            let headline = b.hints.as_ref().is_some_and(|h| h.headline);
            if rule.label == Label::Title && !a.html || headline {
                score = score.min(0.3);
            }
            // So is a one- or two-word Title Case label ending in a colon ("Key Takeaways:").
            if rule.label == Label::Heading && !a.html && s.words <= 2.0 && s.title_ratio >= 1.0 {
                score = score.min(0.3);
            }
            // Three or more headline-like lines after the article's prose: a list of other
            // stories.
            if !a.html && rule.label == Label::HeadlineList && title_case_run(&a.items, i) >= 3 {
                score = score.min(0.3);
            }
            if !a.html && headline_island(&a.items, i) {
                score = score.min(0.3);
            }
            if score >= 0.5 {
                return Verdict {
                    label: Label::Article,
                    score,
                    reason: if score >= 0.75 {
                        "article text"
                    } else {
                        "probably article text"
                    },
                };
            }
            let label = if headline {
                Label::Title
            } else if rule.label != Label::Article {
                rule.label
            } else if let Some(h) = &b.hints {
                if h.in_comments {
                    Label::CommentForm
                } else if h.in_caption {
                    Label::Caption
                } else if h.in_footer {
                    Label::Footer
                } else if h.in_nav || h.link_density > 0.5 {
                    Label::Navigation
                } else if h.in_aside {
                    Label::Promo
                } else if headline_like(s) {
                    Label::HeadlineList
                } else {
                    Label::Other
                }
            } else if headline_like(s) {
                Label::HeadlineList
            } else {
                Label::Other
            };
            Verdict {
                label,
                score,
                reason: super::reason(label),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// One vector walked down every tree in turn: what `Forest::margins` must match bit for bit.
    fn walked(forest: &Forest<'_>, x: &[f32]) -> f32 {
        let inner = (1usize << forest.depth) - 1;
        let mut sum = forest.base;
        for (i, leaves) in forest.leaves.chunks_exact(inner + 1).enumerate() {
            let mut node = 0;
            for _ in 0..forest.depth {
                let (f, t) = (
                    forest.features[i * inner + node],
                    forest.thresholds[i * inner + node],
                );
                let v = x.get(usize::from(f)).copied().unwrap_or(0.0);
                node = if v < t { 2 * node + 1 } else { 2 * node + 2 };
            }
            sum += leaves[node - inner];
        }
        sum
    }

    #[test]
    fn batched_margins_match_walking_each_vector() {
        // Vectors of varied lengths (shorter ones read 0 past their end, also after a longer
        // vector used the same lane), NaN, signed zeros and values on the thresholds; batches
        // of 1 to 2 * LANES + 1 vectors.
        let mut seed = 0x9e37_79b9_u32;
        let mut next = move || {
            seed ^= seed << 13;
            seed ^= seed >> 17;
            seed ^= seed << 5;
            seed
        };
        let forests = super::super::model::MODELS.html.iter();
        let forests = forests.chain(super::super::model::MODELS.text);
        let mut depth2 = *super::super::model::MODELS.html.first().unwrap();
        depth2.depth = 2;
        depth2.features = &depth2.features[..3 * 40];
        depth2.thresholds = &depth2.thresholds[..3 * 40];
        depth2.leaves = &depth2.leaves[..4 * 40];
        for forest in forests.chain([&depth2]) {
            for n in 1..=2 * LANES + 1 {
                let xs: Vec<Vec<f32>> = (0..n)
                    .map(|_| {
                        let len = (next() % 80) as usize;
                        let mut x: Vec<f32> = (0..len)
                            .map(|_| match next() % 8 {
                                0 => f32::NAN,
                                1 => -0.0,
                                2 => 0.0,
                                _ => (next() % 2000) as f32 / 100.0 - 5.0,
                            })
                            .collect();
                        // Some features exactly on a split's threshold.
                        for _ in 0..8 {
                            let k = next() as usize % forest.thresholds.len();
                            if let Some(v) = x.get_mut(usize::from(forest.features[k])) {
                                *v = forest.thresholds[k];
                            }
                        }
                        x
                    })
                    .collect();
                let got = forest.margins(&xs);
                for (x, m) in xs.iter().zip(&got) {
                    assert_eq!(m.to_bits(), walked(forest, x).to_bits());
                    assert_eq!(forest.margin(x).to_bits(), m.to_bits());
                }
            }
        }
    }

    #[test]
    fn word_sums_are_the_plain_sums_bit_for_bit() {
        let mut seed = 7u64;
        let mut next = || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        for n in [0, 1, 2, 17, 400] {
            let words: Vec<f32> = (0..n)
                .map(|_| match next() % 4 {
                    0 => 0.0,
                    1 => (next() % 400) as f32,
                    _ => (next() % 60) as f32 / 2.0,
                })
                .collect();
            let sums = WordSums::new(&words);
            assert!(sums.prefix.is_some());
            for lo in 0..=n {
                for hi in lo..=n.min(lo + 60) {
                    let plain: f32 = words[lo..hi].iter().sum();
                    let fast = sums.of(&words, lo..hi);
                    assert_eq!(fast.to_bits(), plain.to_bits(), "{lo}..{hi}");
                }
            }
        }
        // Counts that are not halves are summed plainly.
        assert!(WordSums::new(&[0.1, 2.0]).prefix.is_none());
        assert!(WordSums::new(&[1e7, 2.0]).prefix.is_none());
    }

    #[test]
    fn numbers_in_table_cells_are_not_datelines() {
        let (text, blocks) = html_blocks(
            "<p>17</p><table><tr><td>Kyle Busch<td>17<td>5.8<td>+1.2<td>Nov 20</table>",
        );
        let a = analyze(&text, &blocks, &Templates::default());
        let v = verdicts(&a, &blocks, &[0.9; 6]);
        // A lone "17" line is read as a date and capped; the same value in a cell is not, nor
        // are figures ("5.8" reads as a date too); a date in words still is.
        assert_eq!(v[0].score, 0.2);
        assert_eq!(v[2].score, 0.9);
        assert_eq!(v[3].score, 0.9);
        assert_eq!(v[4].score, 0.9);
        assert_eq!(v[5].score, 0.2);
    }

    /// The page's text and blocks, as the pipeline makes them.
    fn html_blocks(html: &str) -> (String, Vec<Block>) {
        let (text, blocks, _) = crate::text_and_blocks(crate::decode::Decoded {
            text: html.to_owned(),
            encoding: crate::decode::Encoding::Utf8,
            format: crate::decode::Format::Html,
        });
        (text, blocks)
    }

    #[test]
    fn data_tables_are_judged_as_a_whole() {
        let (text, blocks) = html_blocks(
            "<p>Intro.</p><table><tr><th>Driver<th>Points<tr><td>Kyle Busch<td>5040</table>\
             <table><tr><td>A<td>B<td>C<td>A cell long enough to be a paragraph of the article, \
             not a value.</table>",
        );
        let a = analyze(&text, &blocks, &Templates::default());
        let mut p = vec![0.9, 0.9, 0.7, 0.3, 0.4, 0.2, 0.3, 0.4, 0.9];
        judge_data_tables(&a, &blocks, &mut p);
        // The four short cells share their word-weighted mean (2, 2, 3 and 2 weights).
        let mean = (0.9 * 2.0 + 0.7 * 2.0 + 0.3 * 3.0 + 0.4 * 2.0) / 9.0;
        for &s in &p[1..5] {
            assert!((s - mean).abs() < 1e-6, "{p:?}");
        }
        assert!(mean > 0.5);
        // The paragraph outside and the layout table with a long cell are left alone.
        assert_eq!(p[0], 0.9);
        assert_eq!(p[5..], [0.2, 0.3, 0.4, 0.9]);
    }

    #[test]
    fn captions_need_more_evidence_in_html() {
        let (text, blocks) = html_blocks(
            "<p>The minister spoke to reporters in the capital on Wednesday morning.</p>\
             <figure><figcaption>The minister speaks to reporters in the capital on \
             Wednesday.</figcaption></figure>",
        );
        let a = analyze(&text, &blocks, &Templates::default());
        let v = verdicts(&a, &blocks, &[0.7, 0.7]);
        // Outside a caption 0.7 keeps a block; a caption is kept from CAPTION_KEEP on.
        assert_eq!(v[0].label, Label::Article);
        assert_ne!(v[1].label, Label::Article);
        let v = verdicts(&a, &blocks, &[0.7, 0.9]);
        assert_eq!(v[1].label, Label::Article);
        assert!((keep_from(CAPTION_KEEP, CAPTION_KEEP) - 0.5).abs() < 1e-6);
        // A "caption" wrapper around the whole story says nothing: its blocks keep 0.5.
        let (text, blocks) = html_blocks(
            "<div class=\"caption\"><p>The minister spoke to reporters in the capital on \
             Wednesday morning about the new budget.</p><p>She said the plan was fair.</p></div>",
        );
        let a = analyze(&text, &blocks, &Templates::default());
        let v = verdicts(&a, &blocks, &[0.9, 0.7]);
        assert_eq!(v[1].label, Label::Article);
    }

    #[test]
    fn text_lines_other_than_short_sentences_need_more_evidence() {
        let short = super::super::shape("He also said it was enough.");
        let label = super::super::shape("Related coverage from How to Do Everything");
        let long = super::super::shape(
            "Michigan health authorities are reporting a sixth fatality linked to the virus, officials said.",
        );
        // A short sentence keeps the trees' probability.
        assert_eq!(text_odds(0.55, &short), 0.55);
        // Other lines are kept from TEXT_KEEP on, which maps to 0.5; the order is kept.
        for s in [&label, &long] {
            assert!((text_odds(TEXT_KEEP, s) - 0.5).abs() < 1e-6);
            assert!(text_odds(0.6, s) < 0.5);
            assert!(text_odds(0.7, s) > 0.5 && text_odds(0.7, s) < text_odds(0.9, s));
            assert_eq!(text_odds(1.0, s), 1.0);
            assert_eq!(text_odds(0.0, s), 0.0);
        }
    }
}
