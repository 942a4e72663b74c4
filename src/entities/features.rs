//! What the tagger sees of each token: hashed features built from the word, its neighbours (±2),
//! its shape, the casing of its sentence, gazetteer matches and how the same word is written
//! elsewhere in the document.
//!
//! The same code serves tagging and training (`examples/train_ner.rs`), so the two cannot drift.
//! Per-token hashes are computed once; each feature is then a cheap combination of a template
//! number with one or two of them, folded to 32 bits.

use super::gazetteer::{self, Gazetteer};
use super::hash::{bytes_hash, fold, normal_char, pair, word_hash, U32Map};
use std::ops::Range;

const CAP: u8 = 1;
const ALL_CAPS: u8 = 2;
const LOWER: u8 = 4;
const DIGIT: u8 = 8;
const PUNCT: u8 = 16;
const SENT_START: u8 = 32;
/// A word of small letters only that cannot sit inside a name ("said", not "de" or "iPhone").
const PLAIN: u8 = 64;

/// Casing of a whole sentence: headlines and shouted text need other evidence than capitals.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Casing {
    Normal = 0,
    Title = 1,
    Upper = 2,
    Lower = 3,
}

/// Per-token facts, hashed.
#[derive(Debug, Clone, Default)]
pub struct TokenInfo {
    lower: u64,
    raw: u64,
    shape: u64,
    prefix: u64,
    suffix2: u64,
    suffix3: u64,
    suffix4: u64,
    flags: u8,
    gaz: u16,
    /// Multi-token gazetteer match covering this token: category bits and position
    /// (0 = single, 1 = begin, 2 = inside, 3 = last), or 0.
    span_gaz: u32,
    /// Capitalized run (names with "of", "the", "-", "&" inside) length and position.
    run: u32,
    casing: u8,
    /// Word classes (fine | coarse << 16), 0 if unknown.
    cluster: u32,
    /// Capitalized share and Brown cluster path of the word as written (title-cased when it is
    /// all capitals), as [`Gazetteer::brown`] gives them; 0 if unknown or not capitalized.
    brown: u32,
    /// GloVe word-vector classes of a capitalized word (fine | coarse << 16), 0 if unknown.
    glove: u32,
    /// How the same word appears elsewhere in the document.
    doc: u8,
}

/// Template numbers. Keep them stable: the trained model stores only hashes.
mod t {
    pub const BIAS: u64 = 1;
    pub const W: u64 = 2;
    pub const W_PREV: u64 = 3;
    pub const W_NEXT: u64 = 4;
    pub const W_PREV2: u64 = 5;
    pub const W_NEXT2: u64 = 6;
    pub const RAW: u64 = 7;
    pub const BI_PREV: u64 = 8;
    pub const BI_NEXT: u64 = 9;
    pub const PREFIX: u64 = 10;
    pub const SUF2: u64 = 11;
    pub const SUF3: u64 = 12;
    pub const SUF4: u64 = 13;
    pub const SHAPE: u64 = 14;
    pub const SHAPE_PREV: u64 = 15;
    pub const SHAPE_NEXT: u64 = 16;
    pub const SHAPE_BI_PREV: u64 = 17;
    pub const SHAPE_BI_NEXT: u64 = 18;
    pub const SHAPE_TRI: u64 = 19;
    pub const START_SHAPE: u64 = 20;
    pub const CASING_SHAPE: u64 = 21;
    pub const CASING_W: u64 = 22;
    pub const GAZ: u64 = 23;
    pub const GAZ_CAP: u64 = 24;
    pub const GAZ_PREV: u64 = 25;
    pub const GAZ_NEXT: u64 = 26;
    pub const SPAN_GAZ: u64 = 27;
    pub const DOC: u64 = 28;
    pub const RUN: u64 = 29;
    pub const PREV_W_SHAPE: u64 = 30;
    pub const NEXT_W_SHAPE: u64 = 31;
    pub const GAZ_SHAPE: u64 = 32;
    pub const CASING_GAZ: u64 = 33;
    pub const CLUSTER: u64 = 34;
    pub const CLUSTER_COARSE: u64 = 35;
    pub const CLUSTER_PREV: u64 = 36;
    pub const CLUSTER_NEXT: u64 = 37;
    pub const CLUSTER_SHAPE: u64 = 38;
    pub const BROWN4: u64 = 39;
    pub const BROWN6: u64 = 40;
    pub const BROWN10: u64 = 41;
    pub const BROWN: u64 = 42;
    pub const BROWN_PREV: u64 = 43;
    pub const BROWN_NEXT: u64 = 44;
    pub const CAP_SHARE: u64 = 45;
    pub const GLOVE: u64 = 46;
    pub const GLOVE_COARSE: u64 = 47;
    pub const GLOVE_PREV: u64 = 48;
    pub const GLOVE_NEXT: u64 = 49;
    pub const GLOVE_CASING: u64 = 50;
}

/// Whether word-class features are used (an experiment switch; the model must match).
const USE_CLUSTERS: bool = true;

/// Whether Brown-cluster features are used (an experiment switch; the model must match).
const USE_BROWN: bool = true;

/// Whether GloVe-class features are used (an experiment switch; the model must match).
const USE_GLOVE: bool = true;

const BOS: u64 = 0x0123_4567_89ab_cdef;
const EOS: u64 = 0x0fed_cba9_8765_4321;

/// Short shape: X for capitals, x for small letters, d for digits, other chars kept, repeats
/// collapsed ("Putin" → "Xx", "U.S." → "X.X.", "100,000" → "d,d"); all-capital words also get a
/// length class so that "A" and "NATO" differ.
fn shape_hash(s: &str) -> (u64, u8) {
    let mut h = 0xcbf2_9ce4_8422_2325u64;
    let mut last = '\0';
    let mut n = 0;
    let (mut upper, mut lower, mut digit, mut other, mut letters) = (false, false, false, false, 0);
    for c in s.chars() {
        let k = if c.is_uppercase() {
            upper = true;
            letters += 1;
            'X'
        } else if c.is_alphabetic() {
            lower = true;
            letters += 1;
            'x'
        } else if c.is_numeric() {
            digit = true;
            'd'
        } else {
            other = true;
            normal_char(c)
        };
        if k != last && n < 8 {
            h = (h ^ u64::from(u32::from(k))).wrapping_mul(0x100_0000_01b3);
            n += 1;
        }
        last = k;
    }
    if upper && !lower {
        h = pair(h, letters.min(4));
    }
    let first = s.chars().next().unwrap_or(' ');
    let mut flags = 0;
    if first.is_uppercase() {
        flags |= CAP;
    }
    if upper && !lower {
        flags |= ALL_CAPS;
    }
    if first.is_lowercase() {
        flags |= LOWER;
    }
    if digit {
        flags |= DIGIT;
    }
    if other && !upper && !lower && !digit {
        flags |= PUNCT;
    }
    (h, flags)
}

/// Hash of the first 3 and of the last 2, 3, 4 chars, lower-cased (0 when the word is too
/// short for a suffix).
fn affixes(s: &str) -> (u64, u64, u64, u64) {
    fn h(cs: impl Iterator<Item = u32>) -> u64 {
        let mut x = 0x8422_2325u64;
        for c in cs {
            x = (x ^ u64::from(c)).wrapping_mul(0x100_0000_01b3);
        }
        x
    }
    if s.is_ascii() {
        let b = s.as_bytes();
        let n = b.len();
        let low = |r: &[u8]| h(r.iter().map(|c| u32::from(c.to_ascii_lowercase())));
        let suf = |k: usize| if n > k { low(&b[n - k..]) } else { 0 };
        return (low(&b[..n.min(3)]), suf(2), suf(3), suf(4));
    }
    let chars: Vec<char> = s.chars().flat_map(char::to_lowercase).collect();
    let n = chars.len();
    let low = |r: &[char]| h(r.iter().map(|&c| u32::from(c)));
    let suf = |k: usize| if n > k { low(&chars[n - k..]) } else { 0 };
    (low(&chars[..n.min(3)]), suf(2), suf(3), suf(4))
}

/// Words that may sit inside a capitalized name ("Bank of America", "Bosnia and Herzegovina").
fn is_connector(s: &str) -> bool {
    matches!(
        s,
        "of" | "the"
            | "and"
            | "-"
            | "&"
            | "de"
            | "du"
            | "des"
            | "la"
            | "le"
            | "van"
            | "von"
            | "der"
            | "del"
            | "da"
            | "di"
            | "for"
            | "'s"
            | "’s"
            | "al"
            | "bin"
            | "on"
    )
}

/// Sentence boundaries over tokens: after . ! ? … when a capital, quote or digit follows, and at
/// every line break.
pub fn sentences(text: &str, tokens: &[Range<usize>]) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    for i in 0..tokens.len() {
        let end_here = if i + 1 == tokens.len() {
            true
        } else {
            let gap = &text[tokens[i].end..tokens[i + 1].start];
            let t = &text[tokens[i].clone()];
            let next = text[tokens[i + 1].clone()].chars().next().unwrap_or(' ');
            let stop = |t: &str| matches!(t, "." | "!" | "?" | "…" | "..." | "?!");
            // A quote glued to the stop closes the sentence; the break comes after it.
            let closing = |k: usize| {
                matches!(&text[tokens[k].clone()], "\"" | "”" | "’" | "'" | ")")
                    && k > 0
                    && tokens[k - 1].end == tokens[k].start
                    && stop(&text[tokens[k - 1].clone()])
            };
            let glued_quote_follows = gap.is_empty() && closing(i + 1);
            gap.contains('\n')
                || ((stop(t) && !glued_quote_follows) || (closing(i) && !gap.is_empty()))
                    && (next.is_uppercase()
                        || next.is_numeric()
                        || matches!(next, '"' | '“' | '‘' | '\'' | '(' | '-' | '—'))
                || i + 1 - start >= 400
        };
        if end_here {
            out.push(start..i + 1);
            start = i + 1;
        }
    }
    out
}

/// Computes token facts for a document (all its sentences), with the gazetteer.
pub fn token_infos(
    text: &str,
    tokens: &[Range<usize>],
    sents: &[Range<usize>],
    gaz: &Gazetteer,
) -> Vec<TokenInfo> {
    let mut infos: Vec<TokenInfo> = tokens
        .iter()
        .map(|r| {
            let s = &text[r.clone()];
            let lower = word_hash(s);
            let (shape, mut flags) = shape_hash(s);
            if flags & LOWER != 0
                && s.len() > 1
                && s.chars().all(char::is_lowercase)
                && !is_connector(s)
            {
                flags |= PLAIN;
            }
            let (prefix, suffix2, suffix3, suffix4) = affixes(s);
            let raw = bytes_hash(s.as_bytes());
            // The cluster list holds capitalized words only: others are not looked up.
            let mut brown = if flags & CAP != 0 { gaz.brown(raw) } else { 0 };
            if brown == 0 && flags & ALL_CAPS != 0 && (2..=64).contains(&s.len()) && s.is_ascii() {
                // "TESCO" is looked up as "Tesco", in a buffer on the stack (the table's longest
                // word has 60 letters).
                let mut t = [0u8; 64];
                let t = &mut t[..s.len()];
                t.copy_from_slice(s.as_bytes());
                t[1..].make_ascii_lowercase();
                brown = gaz.brown(bytes_hash(t));
            }
            TokenInfo {
                lower,
                raw,
                brown,
                shape,
                prefix,
                suffix2,
                suffix3,
                suffix4,
                flags,
                gaz: gaz.word(lower),
                cluster: gaz.cluster(lower),
                glove: if flags & (CAP | ALL_CAPS) != 0 && USE_GLOVE {
                    gaz.glove(lower)
                } else {
                    0
                },
                ..TokenInfo::default()
            }
        })
        .collect();
    let common = gazetteer::bit("common");
    for sent in sents {
        let toks = &mut infos[sent.clone()];
        // The first word, after opening quotes, brackets and list markers.
        if let Some(first) = toks.iter_mut().find(|t| t.flags & PUNCT == 0) {
            first.flags |= SENT_START;
        }
        let casing = sentence_casing(toks, common);
        for t in toks.iter_mut() {
            t.casing = casing as u8;
        }
        // Gazetteer phrases: longest match, starting at a word that is not lower case unless
        // the whole sentence is.
        let mut i = 0;
        let hashes: Vec<u64> = toks.iter().map(|t| t.lower).collect();
        while i < toks.len() {
            let can_start = toks[i].flags & LOWER == 0 || casing == Casing::Lower;
            if let Some((n, bits)) = can_start.then(|| gaz.longest(&hashes[i..])).flatten() {
                for (k, t) in toks[i..i + n].iter_mut().enumerate() {
                    let pos = if n == 1 {
                        0
                    } else if k == 0 {
                        1
                    } else if k + 1 == n {
                        3
                    } else {
                        2
                    };
                    t.span_gaz = (u32::from(bits) << 2) | pos;
                }
                i += n;
            } else {
                i += 1;
            }
        }
        // Capitalized runs.
        let mut i = 0;
        while i < toks.len() {
            if toks[i].flags & CAP == 0 {
                i += 1;
                continue;
            }
            let mut j = i + 1;
            loop {
                if j < toks.len() && toks[j].flags & CAP != 0 {
                    j += 1;
                } else if j + 1 < toks.len()
                    && toks[j + 1].flags & CAP != 0
                    && is_connector(&text[tokens[sent.start + j].clone()])
                {
                    j += 2;
                } else {
                    break;
                }
            }
            let n = (j - i) as u32;
            for (k, t) in toks[i..j].iter_mut().enumerate() {
                let k = k as u32;
                let pos = if n == 1 {
                    0
                } else if k == 0 {
                    1
                } else if k + 1 == n {
                    3
                } else {
                    2
                };
                t.run = (n.min(5) << 2) | pos;
            }
            i = j;
        }
    }
    // Document evidence: is this word seen in lower case, or capitalized mid-sentence in normal
    // text, elsewhere in the document?
    let mut seen: U32Map<u8> = U32Map::with_capacity(infos.len());
    for t in &infos {
        let e = seen.entry(fold(t.lower));
        if t.flags & LOWER != 0 {
            *e |= 1;
        } else if t.flags & CAP != 0
            && t.flags & SENT_START == 0
            && t.casing == Casing::Normal as u8
        {
            *e |= 2;
        }
    }
    for t in &mut infos {
        t.doc = seen.get(fold(t.lower)).copied().unwrap_or(0);
    }
    infos
}

fn sentence_casing(toks: &[TokenInfo], common: u16) -> Casing {
    let (mut letters, mut caps, mut lowers, mut all_caps, mut long_words, mut long_caps) =
        (0, 0, 0, 0, 0, 0);
    for t in toks {
        if t.flags & (CAP | LOWER) == 0 {
            continue;
        }
        letters += 1;
        if t.flags & CAP != 0 {
            caps += 1;
        }
        if t.flags & LOWER != 0 {
            lowers += 1;
        }
        if t.flags & ALL_CAPS != 0 {
            all_caps += 1;
        }
        // Title case shows on common words: "Talks To Stop" vs "talks to stop".
        if t.gaz & common != 0 {
            long_words += 1;
            if t.flags & CAP != 0 && t.flags & SENT_START == 0 {
                long_caps += 1;
            }
        }
    }
    if letters >= 2 && all_caps == letters && caps > 0 {
        Casing::Upper
    } else if letters >= 3 && caps == 0 {
        Casing::Lower
    } else if long_words >= 2 && long_caps * 2 > long_words && lowers * 2 < letters {
        Casing::Title
    } else {
        Casing::Normal
    }
}

/// Whether token `i` is certainly outside any name, so the model need not be asked: in a
/// sentence with ordinary casing and in no gazetteer but the common words and titles, a word of
/// small letters that no name holds inside ("said", not "de") outside a capitalized run, or any
/// lower-case word or punctuation between two others.
/// About half the tokens of news text pass, which halves the table lookups that bound the speed.
pub fn surely_outside(infos: &[TokenInfo], sent: &Range<usize>, i: usize) -> bool {
    let small = |t: &TokenInfo| t.flags & (CAP | ALL_CAPS | DIGIT) == 0;
    let t = &infos[i];
    t.casing == Casing::Normal as u8
        && small(t)
        && t.gaz & !skip_bits() == 0
        && t.span_gaz == 0
        && ((t.flags & PLAIN != 0 && t.run == 0)
            || ((i == sent.start || small(&infos[i - 1]))
                && (i + 1 == sent.end || small(&infos[i + 1]))))
}

/// Gazetteer categories that do not stop a token from being [`surely_outside`]: a lower-case
/// common word or title ("said", "president") between two lower-case words is O all the same.
/// Skipping them is a third of the scoring work and changed no dev-set span.
fn skip_bits() -> u16 {
    static B: std::sync::OnceLock<u16> = std::sync::OnceLock::new();
    *B.get_or_init(|| gazetteer::bit("common") | gazetteer::bit("title"))
}

/// Appends the features of token `i` of `sent` (a range into `infos`) to `out`.
pub fn features(infos: &[TokenInfo], sent: &Range<usize>, i: usize, out: &mut Vec<u32>) {
    let at = |k: isize| -> Option<&TokenInfo> {
        let j = i as isize + k;
        (j >= sent.start as isize && j < sent.end as isize).then(|| &infos[j as usize])
    };
    let lower = |k: isize| at(k).map_or(if k < 0 { BOS } else { EOS }, |t| t.lower);
    let shape = |k: isize| at(k).map_or(if k < 0 { BOS } else { EOS }, |t| t.shape);
    let t = &infos[i];
    let mut f = |template: u64, value: u64| out.push(fold(pair(template, value)));
    f(t::BIAS, 0);
    f(t::W, t.lower);
    f(t::W_PREV, lower(-1));
    f(t::W_NEXT, lower(1));
    f(t::W_PREV2, lower(-2));
    f(t::W_NEXT2, lower(2));
    f(t::RAW, t.raw);
    f(t::BI_PREV, pair(lower(-1), t.lower));
    f(t::BI_NEXT, pair(t.lower, lower(1)));
    f(t::PREFIX, t.prefix);
    f(t::SUF2, t.suffix2);
    f(t::SUF3, t.suffix3);
    f(t::SUF4, t.suffix4);
    f(t::SHAPE, t.shape);
    f(t::SHAPE_PREV, shape(-1));
    f(t::SHAPE_NEXT, shape(1));
    f(t::SHAPE_BI_PREV, pair(shape(-1), t.shape));
    f(t::SHAPE_BI_NEXT, pair(t.shape, shape(1)));
    f(t::SHAPE_TRI, pair(pair(shape(-1), t.shape), shape(1)));
    f(t::PREV_W_SHAPE, pair(lower(-1), t.shape));
    f(t::NEXT_W_SHAPE, pair(t.shape, lower(1)));
    let start = u64::from(t.flags & SENT_START != 0);
    f(t::START_SHAPE, pair(start, t.shape));
    let casing = u64::from(t.casing);
    f(t::CASING_SHAPE, pair(casing, pair(start, t.shape)));
    if t.casing != Casing::Normal as u8 {
        f(t::CASING_W, t.lower);
    }
    let cap = u64::from(t.flags & (CAP | ALL_CAPS) != 0);
    for b in bits(t.gaz) {
        f(t::GAZ, b);
        f(t::GAZ_CAP, pair(b, cap + 2 * start));
        f(t::CASING_GAZ, pair(b, casing));
    }
    if t.gaz != 0 {
        f(t::GAZ_SHAPE, pair(u64::from(t.gaz), t.shape));
    }
    if let Some(p) = at(-1) {
        for b in bits(p.gaz) {
            f(t::GAZ_PREV, pair(b, u64::from(p.flags & CAP != 0)));
        }
    }
    if let Some(n) = at(1) {
        for b in bits(n.gaz) {
            f(t::GAZ_NEXT, pair(b, u64::from(n.flags & CAP != 0)));
        }
    }
    if t.span_gaz != 0 {
        let pos = u64::from(t.span_gaz & 3);
        for b in bits((t.span_gaz >> 2) as u16) {
            f(t::SPAN_GAZ, pair(b, pos));
        }
    }
    if t.flags & (CAP | ALL_CAPS) != 0 {
        f(t::DOC, pair(u64::from(t.doc), start + 2 * casing));
    }
    if t.run != 0 {
        f(t::RUN, u64::from(t.run));
    }
    if USE_CLUSTERS {
        let cl = |k: isize| at(k).map_or(0xffff_ffff, |t| t.cluster);
        f(t::CLUSTER, u64::from(t.cluster & 0xffff));
        f(t::CLUSTER_COARSE, u64::from(t.cluster >> 16));
        f(t::CLUSTER_PREV, u64::from(cl(-1) & 0xffff));
        f(t::CLUSTER_NEXT, u64::from(cl(1) & 0xffff));
        f(t::CLUSTER_SHAPE, pair(u64::from(t.cluster >> 16), t.shape));
    }
    if USE_BROWN {
        // Most words have no cluster (only capitalized ones are listed): nothing is added
        // for them, which keeps the lookups per token down.
        if t.brown != 0 {
            let share = u64::from(t.brown >> 24);
            f(t::CAP_SHARE, pair(share, pair(casing, start)));
        }
        let b = u64::from(t.brown & 0xff_ffff);
        if b != 0 {
            f(t::BROWN4, b & 0xf);
            f(t::BROWN6, b & 0x3f);
            f(t::BROWN10, b & 0x3ff);
            f(t::BROWN, b);
        }
        for (template, k) in [(t::BROWN_PREV, -1), (t::BROWN_NEXT, 1)] {
            if let Some(n) = at(k).filter(|n| n.brown & 0xff_ffff != 0) {
                f(template, u64::from(n.brown & 0xff_ffff));
            }
        }
    }
    if USE_GLOVE {
        if t.glove != 0 {
            f(t::GLOVE, u64::from(t.glove & 0xffff));
            f(t::GLOVE_COARSE, u64::from(t.glove >> 16));
            f(t::GLOVE_CASING, pair(u64::from(t.glove >> 16), casing));
        }
        for (template, k) in [(t::GLOVE_PREV, -1), (t::GLOVE_NEXT, 1)] {
            if let Some(n) = at(k).filter(|n| n.glove != 0) {
                f(template, u64::from(n.glove >> 16));
            }
        }
    }
}

fn bits(b: u16) -> impl Iterator<Item = u64> {
    (0u16..16).filter(move |k| b & (1 << k) != 0).map(u64::from)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::entities::tokenize::tokenize;

    #[test]
    fn sentences_split_on_stops_and_lines() {
        let text = "He left. She came.\nA headline\n\"Quote.\" Then";
        let toks = tokenize(text);
        let s: Vec<String> = sentences(text, &toks)
            .into_iter()
            .map(|r| {
                toks[r]
                    .iter()
                    .map(|t| &text[t.clone()])
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .collect();
        assert_eq!(
            s,
            [
                "He left .",
                "She came .",
                "A headline",
                "\" Quote . \"",
                "Then"
            ]
        );
    }

    #[test]
    fn plain_small_words_are_outside_even_next_to_names() {
        let gaz = Gazetteer::parse("");
        let text = "Later Charles de Gaulle met McDonald s staff in Paris today";
        let toks = tokenize(text);
        let sents = sentences(text, &toks);
        let infos = token_infos(text, &toks, &sents, &gaz);
        let outside: Vec<&str> = (0..toks.len())
            .filter(|&i| surely_outside(&infos, &sents[0], i))
            .map(|i| &text[toks[i].clone()])
            .collect();
        // "met" and "in" touch names but cannot be in one; "de" (a name's particle) and the
        // "s" of a stripped possessive may be.
        assert_eq!(outside, ["met", "staff", "in", "today"]);
    }

    /// Token facts of `text`, one sentence split as the tagger splits it.
    fn infos(text: &str, gaz: &Gazetteer) -> Vec<TokenInfo> {
        let toks = tokenize(text);
        token_infos(text, &toks, &sentences(text, &toks), gaz)
    }

    #[test]
    fn glove_classes_of_capitalized_and_shouted_words_only() {
        let gaz = Gazetteer::parse("").with_glove("@5 1\n0ajax\n");
        let glove: Vec<u32> = infos("Ajax and AJAX and ajax", &gaz)
            .iter()
            .map(|t| t.glove)
            .collect();
        assert_eq!(glove, [(1 << 16) | 5, 0, (1 << 16) | 5, 0, 0]);
    }

    #[test]
    fn brown_clusters_of_capitalized_and_shouted_words() {
        let gaz = Gazetteer::parse("").with_brown("Tesco 294\n");
        let brown: Vec<u32> = infos("Tesco and TESCO and tesco", &gaz)
            .iter()
            .map(|t| t.brown)
            .collect();
        assert_eq!(brown, [294, 0, 294, 0, 0]);
    }

    #[test]
    fn shapes() {
        assert_eq!(shape_hash("Putin").0, shape_hash("Scholz").0);
        assert_ne!(shape_hash("NATO").0, shape_hash("A").0);
        assert_eq!(shape_hash("100,000").0, shape_hash("14,000").0);
    }
}
