//! Sentence alignment of two texts for the page: which sentences match (in any order) and which
//! words differ inside matched ones.

use super::profile::is_stop;
use crate::span::CharIndex;
use serde::Serialize;
use std::collections::{BTreeSet, HashMap};

/// Word tokens of a text: lower-cased, letters and digits only, with their byte ranges.
fn words(text: &str) -> Vec<(String, std::ops::Range<usize>)> {
    let mut out = Vec::new();
    for piece in text.split_whitespace() {
        let start = piece.as_ptr() as usize - text.as_ptr() as usize;
        let w: String = piece
            .chars()
            .filter(|c| c.is_alphanumeric())
            .flat_map(char::to_lowercase)
            .collect();
        if !w.is_empty() {
            out.push((w, start..start + piece.len()));
        }
    }
    out
}

/// Two texts' shared passages, sentence by sentence. Offsets are code points.
#[derive(Debug, Clone, Serialize)]
pub struct Alignment {
    /// The sentences of each text, as `[start, end)` code point ranges.
    pub a: Vec<[usize; 2]>,
    pub b: Vec<[usize; 2]>,
    /// Matched sentences, in the order of the first text.
    pub matches: Vec<Match>,
}

/// One pair of matched sentences and what differs inside them.
#[derive(Debug, Clone, Serialize)]
pub struct Match {
    /// Indices into [`Alignment::a`] and [`Alignment::b`].
    pub a: usize,
    pub b: usize,
    /// Word overlap of the two sentences in 0..=1.
    pub score: f32,
    /// Code point ranges of the words found only in one of the two sentences.
    pub a_only: Vec<[usize; 2]>,
    pub b_only: Vec<[usize; 2]>,
}

/// Sentences: split at line breaks and after . ! ? (and closing quotes) before a capital.
fn sentences(text: &str) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut i = 0;
    while i < chars.len() {
        let (pos, c) = chars[i];
        let mut end = None;
        if c == '\n' {
            end = Some(pos);
        } else if matches!(c, '.' | '!' | '?' | '…') {
            let mut j = i + 1;
            while j < chars.len() && matches!(chars[j].1, '"' | '”' | '’' | '\'' | ')') {
                j += 1;
            }
            let close = chars.get(j).map_or(text.len(), |&(p, _)| p);
            let next_word = chars[j..].iter().find(|(_, c)| !c.is_whitespace());
            if chars.get(j).is_none_or(|(_, c)| c.is_whitespace())
                && next_word.is_none_or(|(_, c)| c.is_uppercase() || matches!(c, '"' | '“' | '‘'))
            {
                end = Some(close);
                i = j.saturating_sub(1);
            }
        }
        if let Some(e) = end {
            push_trimmed(text, start..e, &mut out);
            start = e;
        }
        i += 1;
    }
    push_trimmed(text, start..text.len(), &mut out);
    out
}

fn push_trimmed(text: &str, r: std::ops::Range<usize>, out: &mut Vec<std::ops::Range<usize>>) {
    let s = &text[r.clone()];
    let lead = s.len() - s.trim_start().len();
    let t = s.trim();
    if words(t).len() >= 3 {
        out.push(r.start + lead..r.start + lead + t.len());
    }
}

/// Matches the sentences of `a` and `b` one to one, best matches first, whatever their order.
pub fn align(a: &str, b: &str) -> Alignment {
    let (sa, sb) = (sentences(a), sentences(b));
    let wa: Vec<Vec<(String, std::ops::Range<usize>)>> =
        sa.iter().map(|r| words(&a[r.clone()])).collect();
    let wb: Vec<Vec<(String, std::ops::Range<usize>)>> =
        sb.iter().map(|r| words(&b[r.clone()])).collect();
    // Inverted index of b's words, to compare each sentence of a only with sentences sharing words.
    let mut index: HashMap<&str, Vec<usize>> = HashMap::new();
    for (j, ws) in wb.iter().enumerate() {
        let set: BTreeSet<&str> = ws.iter().map(|(w, _)| w.as_str()).collect();
        for w in set {
            index.entry(w).or_default().push(j);
        }
    }
    let mut scored = Vec::new();
    for (i, ws) in wa.iter().enumerate() {
        let set: BTreeSet<&str> = ws.iter().map(|(w, _)| w.as_str()).collect();
        let mut overlap: HashMap<usize, usize> = HashMap::new();
        for w in &set {
            if is_stop(w) {
                continue;
            }
            for &j in index.get(w).map_or(&[][..], Vec::as_slice) {
                *overlap.entry(j).or_default() += 1;
            }
        }
        // `scored` is sorted below, so the map's order does not reach the output.
        #[allow(clippy::iter_over_hash_type)]
        for (j, _) in overlap {
            let other: BTreeSet<&str> = wb[j].iter().map(|(w, _)| w.as_str()).collect();
            let inter = set.intersection(&other).count() as f32;
            let score = inter / (set.len() + other.len()) as f32 * 2.0;
            if score >= 0.5 {
                scored.push((score, i, j));
            }
        }
    }
    scored.sort_by(|x, y| y.0.total_cmp(&x.0).then((x.1, x.2).cmp(&(y.1, y.2))));
    let (mut used_a, mut used_b) = (vec![false; sa.len()], vec![false; sb.len()]);
    let (ca, cb) = (CharIndex::new(a), CharIndex::new(b));
    let mut matches = Vec::new();
    for (score, i, j) in scored {
        if used_a[i] || used_b[j] {
            continue;
        }
        used_a[i] = true;
        used_b[j] = true;
        let (only_a, only_b) = word_diff(&wa[i], &wb[j]);
        let to_chars = |ix: &CharIndex, base: usize, rs: Vec<std::ops::Range<usize>>| {
            rs.into_iter()
                .map(|r| [ix.chars(base + r.start), ix.chars(base + r.end)])
                .collect()
        };
        matches.push(Match {
            a: i,
            b: j,
            score,
            a_only: to_chars(&ca, sa[i].start, only_a),
            b_only: to_chars(&cb, sb[j].start, only_b),
        });
    }
    matches.sort_by_key(|m| m.a);
    let ranges = |ix: &CharIndex, rs: &[std::ops::Range<usize>]| -> Vec<[usize; 2]> {
        rs.iter()
            .map(|r| [ix.chars(r.start), ix.chars(r.end)])
            .collect()
    };
    Alignment {
        a: ranges(&ca, &sa),
        b: ranges(&cb, &sb),
        matches,
    }
}

/// Words of each sentence not in their longest common subsequence, as byte ranges within it.
type WordRanges = Vec<std::ops::Range<usize>>;
fn word_diff(
    a: &[(String, std::ops::Range<usize>)],
    b: &[(String, std::ops::Range<usize>)],
) -> (WordRanges, WordRanges) {
    // Sentences are short; cap the table so a pathological "sentence" cannot blow up.
    if a.len() * b.len() > 250_000 {
        return (Vec::new(), Vec::new());
    }
    let mut table = vec![vec![0u16; b.len() + 1]; a.len() + 1];
    for i in (0..a.len()).rev() {
        for j in (0..b.len()).rev() {
            table[i][j] = if a[i].0 == b[j].0 {
                table[i + 1][j + 1] + 1
            } else {
                table[i + 1][j].max(table[i][j + 1])
            };
        }
    }
    let (mut i, mut j) = (0, 0);
    let (mut only_a, mut only_b) = (Vec::new(), Vec::new());
    while i < a.len() && j < b.len() {
        if a[i].0 == b[j].0 {
            i += 1;
            j += 1;
        } else if table[i + 1][j] >= table[i][j + 1] {
            only_a.push(a[i].1.clone());
            i += 1;
        } else {
            only_b.push(b[j].1.clone());
            j += 1;
        }
    }
    only_a.extend(a[i..].iter().map(|w| w.1.clone()));
    only_b.extend(b[j..].iter().map(|w| w.1.clone()));
    (only_a, only_b)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn align_matches_reordered_sentences_and_marks_differences() {
        let a = "Putin met Scholz in Moscow on Tuesday. The talks lasted three hours.";
        let b = "The talks lasted four hours. Putin met Scholz in Moscow on Tuesday.";
        let al = align(a, b);
        assert_eq!(al.matches.len(), 2);
        assert_eq!((al.matches[0].a, al.matches[0].b), (0, 1));
        let m = &al.matches[1];
        let only: String = a
            .chars()
            .skip(m.a_only[0][0])
            .take(m.a_only[0][1] - m.a_only[0][0])
            .collect();
        assert_eq!(only, "three");
    }

    #[test]
    fn sentence_split() {
        let t = "He said “No.” Then he left. U.S. officials agreed.\nNew line here now";
        let got: Vec<&str> = sentences(t).into_iter().map(|r| &t[r]).collect();
        assert_eq!(
            got,
            [
                "He said “No.”",
                "Then he left.",
                "U.S. officials agreed.",
                "New line here now"
            ]
        );
    }
}
