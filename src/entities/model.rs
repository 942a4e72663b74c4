//! The name tagger: a linear model over hashed features (an averaged structured perceptron,
//! trained by `examples/train_ner.rs`) with first-order Viterbi decoding over BIO tags.
//!
//! Model file (little-endian): magic `GNER`, version u8, tag count u8, feature count u32, then the
//! tag-to-tag and start weights as i16, then the feature keys sorted ascending as LEB128 deltas,
//! then for each feature a u32 mask of its non-zero tags and those weights as i16. Weights are
//! quantized with one scale for the whole model, so scores are plain integer sums.

use super::hash::U32Map;
use super::Label;
use std::ops::Range;

/// BIO over the four name types: O, then B-x and I-x for PER, ORG, LOC, MISC.
pub const N_TAGS: usize = 9;
pub const NAME_LABELS: [Label; 4] = [Label::Per, Label::Org, Label::Loc, Label::Misc];
const MAGIC: &[u8; 4] = b"GNER";
const VERSION: u8 = 1;

pub fn begin(label: usize) -> usize {
    1 + 2 * label
}

pub fn inside(label: usize) -> usize {
    2 + 2 * label
}

/// The label index of a tag (None for O).
pub fn label_of(tag: usize) -> Option<usize> {
    (tag > 0).then(|| (tag - 1) / 2)
}

fn is_inside(tag: usize) -> bool {
    tag > 0 && tag % 2 == 0
}

/// Whether `cur` may follow `prev` (None = sentence start): I-x only after B-x or I-x.
pub fn can_follow(prev: Option<usize>, cur: usize) -> bool {
    !is_inside(cur) || prev.is_some_and(|p| p != 0 && label_of(p) == label_of(cur))
}

/// [`can_follow`] as a table, for the decoder's inner loop.
fn legal() -> &'static [[bool; N_TAGS]; N_TAGS] {
    static LEGAL: std::sync::OnceLock<[[bool; N_TAGS]; N_TAGS]> = std::sync::OnceLock::new();
    LEGAL.get_or_init(|| std::array::from_fn(|p| std::array::from_fn(|t| can_follow(Some(p), t))))
}

/// Tags to spans of token indices.
pub fn spans(tags: &[u8]) -> Vec<(Range<usize>, usize)> {
    let mut out: Vec<(Range<usize>, usize)> = Vec::new();
    for (i, &t) in tags.iter().enumerate() {
        let t = usize::from(t);
        match label_of(t) {
            None => {}
            Some(l) if is_inside(t) && out.last().is_some_and(|(r, pl)| r.end == i && *pl == l) => {
                if let Some(last) = out.last_mut() {
                    last.0.end = i + 1;
                }
            }
            Some(l) => out.push((i..i + 1, l)),
        }
    }
    out
}

/// The scale of the vote's softmax, in the model's weight units: two labels whose span scores
/// are 10,000 apart share the vote about 73 : 27 (a strong feature weighs several thousand).
const VOTE_SOFTNESS: f32 = 10_000.0;

/// How sure the tagger is of each label for one span (the emissions of its tokens): a softmax
/// over the labels' span scores, B- for the first token and I- for the rest. The document vote
/// counts a sure mention more than one the tagger hesitated over.
pub fn label_votes(emissions: &[[f32; N_TAGS]]) -> [f32; 4] {
    let score: [f32; 4] = std::array::from_fn(|l| {
        emissions
            .iter()
            .enumerate()
            .map(|(i, e)| e[if i == 0 { begin(l) } else { inside(l) }])
            .sum()
    });
    let top = score.iter().copied().fold(f32::NEG_INFINITY, f32::max);
    let weights = score.map(|s| ((s - top) / VOTE_SOFTNESS).exp());
    let total: f32 = weights.iter().sum();
    weights.map(|w| w / total)
}

/// Best tag sequence. `allowed(i, tag)` restricts the tags at position `i` (training uses it to
/// find the best sequence consistent with partial annotation).
pub fn viterbi(
    emissions: &[[f32; N_TAGS]],
    trans: &[[f32; N_TAGS]; N_TAGS],
    start: &[f32; N_TAGS],
    allowed: &dyn Fn(usize, usize) -> bool,
) -> Vec<u8> {
    let n = emissions.len();
    if n == 0 {
        return Vec::new();
    }
    const NEG: f32 = f32::NEG_INFINITY;
    let legal = legal();
    let mut back = vec![[0u8; N_TAGS]; n];
    let mut score = [NEG; N_TAGS];
    for t in 0..N_TAGS {
        if can_follow(None, t) && allowed(0, t) {
            score[t] = start[t] + emissions[0][t];
        }
    }
    for i in 1..n {
        let mut next = [NEG; N_TAGS];
        for t in 0..N_TAGS {
            if !allowed(i, t) {
                continue;
            }
            let (mut best, mut arg) = (NEG, 0);
            for p in 0..N_TAGS {
                if score[p] == NEG || !legal[p][t] {
                    continue;
                }
                let s = score[p] + trans[p][t];
                if s > best {
                    best = s;
                    arg = p;
                }
            }
            if best > NEG {
                next[t] = best + emissions[i][t];
                back[i][t] = arg as u8;
            }
        }
        score = next;
    }
    let mut tag = (0..N_TAGS)
        .max_by(|&a, &b| score[a].total_cmp(&score[b]))
        .unwrap_or(0);
    let mut out = vec![0u8; n];
    for i in (0..n).rev() {
        out[i] = tag as u8;
        tag = usize::from(back[i][tag]);
    }
    out
}

/// The transition weights with -inf for the steps BIO forbids, so that [`decode_run`]'s inner
/// loop needs no test.
pub fn masked(trans: &[[f32; N_TAGS]; N_TAGS]) -> [[f32; N_TAGS]; N_TAGS] {
    let legal = legal();
    std::array::from_fn(|p| {
        std::array::from_fn(|t| {
            if legal[p][t] {
                trans[p][t]
            } else {
                f32::NEG_INFINITY
            }
        })
    })
}

/// Best tags of a run of tokens between two tokens known to be O (or a sentence edge), with
/// `step` the [`masked`] transitions, `from` the scores of entering the run's first tag (the
/// start weights at a sentence start, else the O row of the transitions) and `to_o` whether an
/// O follows the run. Since the decoder is first order, a sentence decoded run by run gets the
/// same tags as decoded whole with those tokens forced to O, and the skipped tokens cost
/// nothing. `back` is scratch space.
pub fn decode_run(
    emissions: &[[f32; N_TAGS]],
    step: &[[f32; N_TAGS]; N_TAGS],
    from: &[f32; N_TAGS],
    to_o: bool,
    back: &mut Vec<[u8; N_TAGS]>,
    out: &mut Vec<u8>,
) {
    let n = emissions.len();
    if n == 0 {
        return;
    }
    const NEG: f32 = f32::NEG_INFINITY;
    back.clear();
    back.resize(n, [0; N_TAGS]);
    let mut score: [f32; N_TAGS] = std::array::from_fn(|t| {
        if is_inside(t) {
            NEG
        } else {
            from[t] + emissions[0][t]
        }
    });
    for i in 1..n {
        let mut next = [NEG; N_TAGS];
        for t in 0..N_TAGS {
            let (mut best, mut arg) = (score[0] + step[0][t], 0);
            for p in 1..N_TAGS {
                let s = score[p] + step[p][t];
                if s > best {
                    best = s;
                    arg = p;
                }
            }
            next[t] = best + emissions[i][t];
            back[i][t] = arg as u8;
        }
        score = next;
    }
    // Ties break as in `viterbi`: toward the first tag inside the sentence, the last at its end.
    let mut tag = if to_o {
        let mut arg = 0;
        for p in 1..N_TAGS {
            if score[p] + step[p][0] > score[arg] + step[arg][0] {
                arg = p;
            }
        }
        arg
    } else {
        (0..N_TAGS)
            .max_by(|&a, &b| score[a].total_cmp(&score[b]))
            .unwrap_or(0)
    };
    let at = out.len();
    out.resize(at + n, 0);
    for i in (0..n).rev() {
        out[at + i] = tag as u8;
        tag = usize::from(back[i][tag]);
    }
}

pub struct Model {
    /// The [`masked`] transitions.
    step: [[f32; N_TAGS]; N_TAGS],
    start: [f32; N_TAGS],
    rows: U32Map<[i16; N_TAGS]>,
    len: usize,
}

impl Model {
    /// An empty model: every token O.
    pub fn empty() -> Model {
        Model {
            step: masked(&[[0.0; N_TAGS]; N_TAGS]),
            start: [0.0; N_TAGS],
            rows: U32Map::with_capacity(0),
            len: 0,
        }
    }

    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Reads a model written by [`write`]; None if the bytes are not one.
    pub fn parse(bytes: &[u8]) -> Option<Model> {
        let mut r = Reader { b: bytes, at: 0 };
        if r.take(4)? != MAGIC || r.u8()? != VERSION || usize::from(r.u8()?) != N_TAGS {
            return None;
        }
        let n = r.u32()? as usize;
        let mut trans = [[0.0; N_TAGS]; N_TAGS];
        for row in &mut trans {
            for w in row.iter_mut() {
                *w = f32::from(r.i16()?);
            }
        }
        let mut start = [0.0; N_TAGS];
        for w in &mut start {
            *w = f32::from(r.i16()?);
        }
        let mut keys = Vec::with_capacity(n);
        let mut key = 0u32;
        for _ in 0..n {
            key = key.wrapping_add(r.leb()?);
            keys.push(key);
        }
        let mut rows = U32Map::with_capacity(n);
        for k in keys {
            let mask = r.u32()?;
            let mut row = [0i16; N_TAGS];
            for (t, w) in row.iter_mut().enumerate() {
                if mask & (1 << t) != 0 {
                    *w = r.i16()?;
                }
            }
            *rows.entry(k) = row;
        }
        Some(Model {
            step: masked(&trans),
            start,
            rows,
            len: n,
        })
    }

    /// Decodes the next run of a sentence (see [`decode_run`]), appending its tags to `tags`,
    /// the sentence's tags so far: empty at the sentence start, else ending in a sure O.
    pub fn decode_next(
        &self,
        emissions: &[[f32; N_TAGS]],
        to_o: bool,
        back: &mut Vec<[u8; N_TAGS]>,
        tags: &mut Vec<u8>,
    ) {
        // Leaving O: the masked row differs only on I- tags, which no run may start with.
        let from = if tags.is_empty() {
            &self.start
        } else {
            &self.step[0]
        };
        decode_run(emissions, &self.step, from, to_o, back, tags);
    }

    /// Sums the weights of `feats` into per-tag scores.
    pub fn score(&self, feats: &[u32]) -> [f32; N_TAGS] {
        let mut sum = [0i32; N_TAGS];
        for &f in feats {
            if let Some(row) = self.rows.get(f) {
                for (s, &w) in sum.iter_mut().zip(row) {
                    *s += i32::from(w);
                }
            }
        }
        sum.map(|s| s as f32)
    }
}

/// Writes a model; weights are scaled so the largest magnitude is 32767. `features` must have
/// distinct keys.
pub fn write(
    trans: &[[f32; N_TAGS]; N_TAGS],
    start: &[f32; N_TAGS],
    features: &mut [(u32, [f32; N_TAGS])],
) -> Vec<u8> {
    let max = features
        .iter()
        .flat_map(|(_, w)| w.iter())
        .chain(trans.iter().flatten())
        .chain(start.iter())
        .fold(0.0f32, |m, w| m.max(w.abs()));
    let scale = if max > 0.0 { 32767.0 / max } else { 1.0 };
    let q = |w: f32| (w * scale).round().clamp(-32767.0, 32767.0) as i16;
    features.sort_by_key(|f| f.0);
    let mut out = Vec::new();
    out.extend_from_slice(MAGIC);
    out.push(VERSION);
    out.push(N_TAGS as u8);
    out.extend_from_slice(&(features.len() as u32).to_le_bytes());
    for w in trans.iter().flatten().chain(start.iter()) {
        out.extend_from_slice(&q(*w).to_le_bytes());
    }
    let mut prev = 0u32;
    for (k, _) in features.iter() {
        let mut d = k.wrapping_sub(prev);
        prev = *k;
        loop {
            let byte = (d & 0x7f) as u8;
            d >>= 7;
            if d == 0 {
                out.push(byte);
                break;
            }
            out.push(byte | 0x80);
        }
    }
    for (_, w) in features.iter() {
        let mask = (0..N_TAGS)
            .filter(|&t| q(w[t]) != 0)
            .fold(0u32, |m, t| m | (1 << t));
        out.extend_from_slice(&mask.to_le_bytes());
        for &x in w {
            if q(x) != 0 {
                out.extend_from_slice(&q(x).to_le_bytes());
            }
        }
    }
    out
}

struct Reader<'a> {
    b: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        let s = self.b.get(self.at..self.at.checked_add(n)?)?;
        self.at += n;
        Some(s)
    }

    fn u8(&mut self) -> Option<u8> {
        Some(self.take(1)?[0])
    }

    fn u32(&mut self) -> Option<u32> {
        Some(u32::from_le_bytes(self.take(4)?.try_into().ok()?))
    }

    fn i16(&mut self) -> Option<i16> {
        Some(i16::from_le_bytes(self.take(2)?.try_into().ok()?))
    }

    fn leb(&mut self) -> Option<u32> {
        let mut v = 0u32;
        for shift in (0..35).step_by(7) {
            let b = self.u8()?;
            v |= u32::from(b & 0x7f).checked_shl(shift)?;
            if b & 0x80 == 0 {
                return Some(v);
            }
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn write_then_parse() {
        let mut trans = [[0.0; N_TAGS]; N_TAGS];
        trans[1][2] = 2.0;
        let start = [0.5; N_TAGS];
        let mut feats = vec![
            (7u32, [1.0; N_TAGS]),
            (3, [0.0, -4.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 1.0]),
        ];
        let m = Model::parse(&write(&trans, &start, &mut feats)).expect("parses");
        assert_eq!(m.len(), 2);
        let s = m.score(&[3, 99]);
        assert!(s[1] < 0.0 && s[8] > 0.0 && s[0] == 0.0);
        assert!(Model::parse(b"GNER").is_none());
    }

    #[test]
    fn label_votes_follow_the_emissions() {
        let mut em = vec![[0.0; N_TAGS]; 2];
        em[0][begin(1)] = 40_000.0;
        em[1][inside(1)] = 10_000.0;
        em[0][begin(0)] = 45_000.0;
        let v = label_votes(&em);
        assert!((v.iter().sum::<f32>() - 1.0).abs() < 1e-5);
        // ORG leads by 5,000: most of the vote, not all of it.
        assert!(v[1] > 0.5 && v[1] < 0.9 && v[0] > 0.1, "{v:?}");
        em[1][inside(1)] = 100_000.0;
        assert!(label_votes(&em)[1] > 0.99);
    }

    #[test]
    fn viterbi_respects_bio() {
        let mut em = vec![[0.0; N_TAGS]; 2];
        em[0][0] = 1.0;
        em[1][inside(0)] = 5.0;
        em[1][0] = 1.0;
        let tags = viterbi(&em, &[[0.0; N_TAGS]; N_TAGS], &[0.0; N_TAGS], &|_, _| true);
        // I-PER cannot follow O: the best legal path is B-PER I-PER.
        assert_eq!(tags, [begin(0) as u8, inside(0) as u8]);
        assert_eq!(spans(&tags), [(0..2, 0)]);
    }

    #[test]
    fn decoding_run_by_run_matches_decoding_with_forced_outsides() {
        // Pseudo-random weights; every third-or-so token is known to be O.
        let mut x = 0x2545_f491_4f6c_dd1du64;
        let mut next = move || {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            (x % 2001) as f32 - 1000.0
        };
        let trans: [[f32; N_TAGS]; N_TAGS] =
            std::array::from_fn(|_| std::array::from_fn(|_| next()));
        let start: [f32; N_TAGS] = std::array::from_fn(|_| next());
        for _ in 0..200 {
            let n = 1 + (next().abs() as usize) % 30;
            let em: Vec<[f32; N_TAGS]> = (0..n).map(|_| std::array::from_fn(|_| next())).collect();
            let forced: Vec<bool> = (0..n).map(|_| next() > 300.0).collect();
            let whole = viterbi(&em, &trans, &start, &|i, t| !forced[i] || t == 0);
            let step = masked(&trans);
            let (mut tags, mut back, mut run) = (Vec::new(), Vec::new(), Vec::new());
            for i in 0..n {
                let from = if tags.is_empty() { &start } else { &trans[0] };
                if forced[i] {
                    decode_run(&run, &step, from, true, &mut back, &mut tags);
                    run.clear();
                    tags.push(0);
                } else {
                    run.push(em[i]);
                }
            }
            let from = if tags.is_empty() { &start } else { &trans[0] };
            decode_run(&run, &step, from, false, &mut back, &mut tags);
            assert_eq!(tags, whole);
        }
    }
}
