//! What one document contributes to the comparison: its normalized word sequence (exact level),
//! word 5-gram shingles and a one-permutation MinHash (near and excerpt levels), and the terms
//! and facts of the same-story level.

use std::collections::HashSet;
use std::sync::OnceLock;

pub(super) const SHINGLE: usize = 5;
/// MinHash bins (one-permutation hashing: each shingle is hashed once and falls in one bin).
pub(super) const BINS: usize = 128;
/// Quotations are compared as word 4-grams, so that a shortened quotation still matches.
const QUOTE_GRAM: usize = 4;
/// The lead of a story, in words.
pub(super) const LEAD_WORDS: usize = 80;

/// FNV-1a offset basis; word hashes are FNV-1a over the normalized word's UTF-8 bytes, finished
/// with [`mix`]. Stable across platforms and runs, unlike std's RandomState.
const FNV: u64 = 0xcbf2_9ce4_8422_2325;

fn fnv_byte(h: u64, b: u8) -> u64 {
    (h ^ b as u64).wrapping_mul(0x0100_0000_01b3)
}

/// A 64-bit finalizer (splitmix64).
pub(super) fn mix(mut x: u64) -> u64 {
    x ^= x >> 30;
    x = x.wrapping_mul(0xbf58_476d_1ce4_e5b9);
    x ^= x >> 27;
    x = x.wrapping_mul(0x94d0_49bb_1331_11eb);
    x ^ (x >> 31)
}

pub(super) fn hash_str(s: &str) -> u64 {
    mix(s.bytes().fold(FNV, fnv_byte))
}

/// Order-dependent combination of word hashes (shingles, quotation grams, the exact level).
fn combine(acc: u64, h: u64) -> u64 {
    mix(acc.rotate_left(17) ^ h)
}

/// The part of Unicode NFKC that matters for news text, plus case folding: full-width forms,
/// ligatures. Letters and digits only; everything else is dropped by the caller.
fn push_folded(c: char, out: &mut impl FnMut(char)) {
    match c {
        '\u{FF10}'..='\u{FF19}' | '\u{FF41}'..='\u{FF5A}' => {
            out(char::from_u32(c as u32 - 0xFEE0).unwrap_or(c))
        }
        '\u{FF21}'..='\u{FF3A}' => out(char::from_u32(c as u32 - 0xFEE0 + 0x20).unwrap_or(c)),
        'ﬀ' => "ff".chars().for_each(out),
        'ﬁ' => "fi".chars().for_each(out),
        'ﬂ' => "fl".chars().for_each(out),
        'ﬃ' => "ffi".chars().for_each(out),
        'ﬄ' => "ffl".chars().for_each(out),
        'ﬆ' => "st".chars().for_each(out),
        _ if c.is_ascii() => out(c.to_ascii_lowercase()),
        _ => c.to_lowercase().for_each(out),
    }
}

/// One word of a text.
#[derive(Debug, Clone)]
pub(super) struct Token {
    /// Hash of the normalized word (lower case, letters and digits only: "Kyiv’s" = "kyivs",
    /// "now—we" = "nowwe").
    pub hash: u64,
    /// Hash of its stem for the same-story level (a final "s" dropped: "Kyivs" = "Kyiv").
    pub stem: u64,
    /// Byte range of the whitespace-separated piece in the text.
    pub range: std::ops::Range<usize>,
    pub chars: u8,
    pub digits: u8,
    /// The piece starts with an upper-case letter and is not the first of a sentence.
    pub name: bool,
    /// The piece starts with an upper-case letter (names at the start of a sentence too).
    pub cap: bool,
    pub stop: bool,
    pub quoted: bool,
    /// Index of the paragraph (line) it is in.
    pub paragraph: u32,
    /// Index of the quotation it is in, counted over the text.
    pub quote: u32,
}

/// The words of a text, with the flags the levels need. One pass, no allocation per word.
pub(super) fn tokens(text: &str) -> Vec<Token> {
    let mut out = Vec::new();
    tokens_into(text, &mut out);
    out
}

/// [`tokens`] into a buffer the caller reuses: one allocation for a whole collection, which
/// matters in wasm, where the allocator is slow.
pub(super) fn tokens_into(text: &str, out: &mut Vec<Token>) {
    out.clear();
    let mut quote = 0u32;
    let mut paragraph = 0u32;
    for line in text.split('\n') {
        if line.trim().is_empty() {
            continue;
        }
        let base = line.as_ptr() as usize - text.as_ptr() as usize;
        // Quotations and sentences do not run across lines.
        let mut sentence_start = true;
        let mut in_quote = false;
        for piece in line.split_whitespace() {
            let start = base + (piece.as_ptr() as usize - line.as_ptr() as usize);
            let mut h = FNV;
            let (mut before_last, mut last) = (FNV, '\0');
            let (mut chars, mut digits) = (0u8, 0u8);
            let mut first_alnum: Option<char> = None;
            let (mut opens, mut closes) = (false, false);
            // ASCII fast path; other characters are decoded and folded one by one.
            let bytes = piece.as_bytes();
            let mut i = 0;
            while i < bytes.len() {
                let b = bytes[i];
                if b < 0x80 {
                    i += 1;
                    if b.is_ascii_alphanumeric() {
                        first_alnum.get_or_insert(b as char);
                        closes = false;
                        let f = b.to_ascii_lowercase();
                        before_last = h;
                        last = f as char;
                        h = fnv_byte(h, f);
                        chars = chars.saturating_add(1);
                        if b.is_ascii_digit() {
                            digits = digits.saturating_add(1);
                        }
                    } else if b == b'"' {
                        if first_alnum.is_none() {
                            opens = true;
                        } else {
                            closes = true;
                        }
                    }
                    continue;
                }
                let Some(c) = piece[i..].chars().next() else {
                    break;
                };
                i += c.len_utf8();
                if c.is_alphanumeric() {
                    first_alnum.get_or_insert(c);
                    closes = false;
                    push_folded(c, &mut |f| {
                        before_last = h;
                        last = f;
                        let mut buf = [0u8; 4];
                        for &b in f.encode_utf8(&mut buf).as_bytes() {
                            h = fnv_byte(h, b);
                        }
                        chars = chars.saturating_add(1);
                        if f.is_ascii_digit() {
                            digits = digits.saturating_add(1);
                        }
                    });
                } else if first_alnum.is_none() && matches!(c, '“' | '«' | '„') {
                    opens = true;
                } else if first_alnum.is_some() && matches!(c, '”' | '»') {
                    closes = true;
                }
            }
            if chars == 0 && opens {
                // A lone mark: it closes an open quotation, else opens one.
                (opens, closes) = (!in_quote, in_quote);
            }
            if opens && !in_quote {
                in_quote = true;
                quote += 1;
            }
            let quoted = in_quote;
            if closes {
                in_quote = false;
            }
            if chars > 0 {
                let hash = mix(h);
                let stop = is_stop_hash(hash);
                let stem = if chars > 4 && last == 's' && digits == 0 {
                    mix(before_last)
                } else {
                    hash
                };
                out.push(Token {
                    hash,
                    stem,
                    range: start..start + piece.len(),
                    chars,
                    digits,
                    name: !sentence_start
                        && !opens
                        && !stop
                        && first_alnum.is_some_and(char::is_uppercase),
                    cap: first_alnum.is_some_and(char::is_uppercase),
                    stop,
                    quoted,
                    paragraph,
                    quote,
                });
            }
            let end = piece.trim_end_matches(['"', '”', '’', '\'', ')', '»']);
            sentence_start =
                end.ends_with(['.', '!', '?', ':', '…']) || (chars == 0 && sentence_start);
        }
        paragraph += 1;
    }
}

const STOP_WORDS: &[&str] = &[
    "a",
    "about",
    "above",
    "after",
    "again",
    "against",
    "all",
    "also",
    "am",
    "an",
    "and",
    "any",
    "are",
    "as",
    "at",
    "be",
    "because",
    "been",
    "before",
    "being",
    "below",
    "between",
    "both",
    "but",
    "by",
    "can",
    "could",
    "did",
    "do",
    "does",
    "doing",
    "down",
    "during",
    "each",
    "few",
    "for",
    "from",
    "further",
    "had",
    "has",
    "have",
    "having",
    "he",
    "her",
    "here",
    "hers",
    "herself",
    "him",
    "himself",
    "his",
    "how",
    "i",
    "if",
    "in",
    "into",
    "is",
    "it",
    "its",
    "itself",
    "just",
    "last",
    "like",
    "many",
    "may",
    "me",
    "might",
    "more",
    "most",
    "mr",
    "mrs",
    "ms",
    "much",
    "must",
    "my",
    "new",
    "no",
    "nor",
    "not",
    "now",
    "of",
    "off",
    "on",
    "once",
    "one",
    "only",
    "or",
    "other",
    "our",
    "ours",
    "out",
    "over",
    "own",
    "said",
    "same",
    "say",
    "says",
    "she",
    "should",
    "so",
    "some",
    "such",
    "than",
    "that",
    "the",
    "their",
    "theirs",
    "them",
    "then",
    "there",
    "these",
    "they",
    "this",
    "those",
    "through",
    "to",
    "too",
    "two",
    "under",
    "until",
    "up",
    "upon",
    "us",
    "very",
    "was",
    "we",
    "were",
    "what",
    "when",
    "where",
    "which",
    "while",
    "who",
    "whom",
    "why",
    "will",
    "with",
    "would",
    "year",
    "years",
    "yet",
    "you",
    "your",
    "told",
    "according",
    "however",
    "since",
    "still",
    "three",
    "among",
    "within",
    "without",
    "around",
    "across",
    "even",
    "made",
    "make",
    "get",
    "got",
    "well",
    "back",
    "way",
    "time",
    "first",
    "people",
    "week",
    "day",
    "days",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "der",
    "die",
    "das",
    "und",
    "ist",
    "nicht",
    "mit",
    "von",
    "den",
    "le",
    "la",
    "les",
    "et",
    "des",
    "est",
    "el",
    "los",
    "que",
    "en",
    "y",
    "и",
    "в",
    "не",
    "на",
    "что",
    "с",
];

fn stop_hashes() -> &'static HashSet<u64, std::hash::BuildHasherDefault<super::IdHasher>> {
    static SET: OnceLock<HashSet<u64, std::hash::BuildHasherDefault<super::IdHasher>>> =
        OnceLock::new();
    SET.get_or_init(|| STOP_WORDS.iter().map(|w| hash_str(w)).collect())
}

pub(super) fn is_stop_hash(h: u64) -> bool {
    stop_hashes().contains(&h)
}

pub(super) fn is_stop(w: &str) -> bool {
    is_stop_hash(hash_str(w))
}

/// A content word for the same-story level: not a stop word, at least three letters or a number.
pub(super) fn is_content(t: &Token) -> bool {
    !t.stop && (t.chars >= 3 || t.digits > 0)
}

/// A number that identifies an event: two digits or more and not a year (years are shared by
/// every story of that year).
pub(super) fn is_fact_number(t: &Token, text: &str) -> bool {
    // Mostly digits ("14,000", "4.5%", "K2-18b"), not a URL or an identifier.
    if t.digits < 2 || t.chars > 12 || t.chars > t.digits + 3 {
        return false;
    }
    let raw = text[t.range.clone()].trim_matches(|c: char| !c.is_alphanumeric());
    let yearish = t.digits == 4 && t.chars == 4 && (raw.starts_with("19") || raw.starts_with("20"));
    !yearish
}

/// Per-document data, everything as sorted hash vectors so that pairs compare by merging.
#[derive(Debug, Clone)]
pub(super) struct Profile {
    pub exact: u64,
    pub words: usize,
    /// Shingle hashes cut to 32 bits: half the memory, and at a few thousand shingles per text
    /// a chance collision moves a Jaccard by less than 1e-5.
    pub shingles: Vec<u32>,
    pub minhash: [u64; BINS],
    /// Content-word stems with their counts.
    pub terms: Vec<(u64, u32)>,
    pub names: Vec<u64>,
    /// Names in the first [`LEAD_WORDS`] words: who and where the story is about.
    pub lead_names: Vec<u64>,
    pub numbers: Vec<u64>,
    pub quotes: Vec<u64>,
    /// Adjacent content-word pairs (32-bit hashes, like the shingles).
    pub phrases: Vec<u32>,
}

fn sorted(mut v: Vec<u64>) -> Vec<u64> {
    v.sort_unstable();
    v.dedup();
    v
}

pub(super) fn profile(text: &str) -> Profile {
    profile_with(text, &mut Vec::new())
}

/// [`profile`] with a reusable token buffer.
pub(super) fn profile_with(text: &str, toks: &mut Vec<Token>) -> Profile {
    tokens_into(text, toks);
    let toks = &toks[..];
    let mut p = Profile {
        exact: 0,
        words: toks.len(),
        shingles: Vec::new(),
        minhash: [u64::MAX; BINS],
        terms: Vec::new(),
        names: Vec::new(),
        lead_names: Vec::new(),
        numbers: Vec::new(),
        quotes: Vec::new(),
        phrases: Vec::new(),
    };
    let mut exact = FNV;
    let mut shingles = Vec::with_capacity(toks.len());
    let mut start = 0;
    while start < toks.len() {
        // Shingles never cross a line: reordered paragraphs keep all of theirs.
        let mut end = start;
        while end < toks.len() && toks[end].paragraph == toks[start].paragraph {
            end += 1;
        }
        let para = &toks[start..end];
        if para.len() < SHINGLE {
            shingles.push(para.iter().fold(1, |acc, t| combine(acc, t.hash)));
        } else {
            for w in para.windows(SHINGLE) {
                shingles.push(w.iter().fold(1, |acc, t| combine(acc, t.hash)));
            }
        }
        start = end;
    }
    for t in toks {
        exact = combine(exact, t.hash);
    }
    p.exact = exact;
    let shingles = sorted(shingles);
    for &s in &shingles {
        let bin = (s >> 57) as usize;
        let v = s & ((1 << 57) - 1);
        if v < p.minhash[bin] {
            p.minhash[bin] = v;
        }
    }
    p.shingles = shingles.iter().map(|&s| s as u32).collect();
    p.shingles.sort_unstable();
    p.shingles.dedup();
    // Empty bins borrow from the next filled bin (densification), so that short texts still
    // have a full signature; the bin index is folded in so borrowed values differ by bin.
    if p.minhash.iter().any(|&v| v != u64::MAX) {
        for b in 0..BINS {
            if p.minhash[b] == u64::MAX {
                let mut k = 1;
                while p.minhash[(b + k) % BINS] == u64::MAX {
                    k += 1;
                }
                p.minhash[b] = mix(p.minhash[(b + k) % BINS] ^ (k as u64) << 57);
            }
        }
    }

    let mut terms: Vec<u64> = Vec::with_capacity(toks.len() / 2);
    let (mut names, mut numbers, mut phrases, mut quotes) =
        (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    for (i, t) in toks.iter().enumerate() {
        if !is_content(t) {
            continue;
        }
        terms.push(t.stem);
        // Names: capitalized inside a sentence, or at its start when the word is rare in the
        // background ("Holloway told reporters"), where common words are capitalized too.
        let name =
            t.name || (t.cap && !t.stop && t.chars >= 3 && super::background_df(t.stem) <= 2);
        if name && t.digits == 0 {
            names.push(t.stem);
            if i < LEAD_WORDS {
                p.lead_names.push(t.stem);
            }
        }
        if is_fact_number(t, text) {
            numbers.push(t.hash);
        }
        if let Some(n) = toks.get(i + 1) {
            if is_content(n) && n.paragraph == t.paragraph {
                phrases.push(combine(t.stem, n.stem));
            }
        }
    }
    let mut i = 0;
    while i < toks.len() {
        if !toks[i].quoted {
            i += 1;
            continue;
        }
        let mut j = i;
        while j < toks.len() && toks[j].quoted && toks[j].quote == toks[i].quote {
            j += 1;
        }
        for w in toks[i..j].windows(QUOTE_GRAM) {
            quotes.push(w.iter().fold(2, |acc, t| combine(acc, t.hash)));
        }
        i = j;
    }
    terms.sort_unstable();
    for t in terms {
        match p.terms.last_mut() {
            Some((h, n)) if *h == t => *n += 1,
            _ => p.terms.push((t, 1)),
        }
    }
    p.names = sorted(names);
    p.lead_names = sorted(std::mem::take(&mut p.lead_names));
    p.numbers = sorted(numbers);
    p.phrases = sorted(phrases).into_iter().map(|h| h as u32).collect();
    p.phrases.sort_unstable();
    p.phrases.dedup();
    p.quotes = sorted(quotes);
    p
}

pub(super) fn intersection_size<T: Ord>(a: &[T], b: &[T]) -> usize {
    let (mut i, mut j, mut n) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                n += 1;
                i += 1;
                j += 1;
            }
        }
    }
    n
}

/// The distinct content-word stems of a text, readable: what the background table counts.
pub fn background_terms(text: &str) -> Vec<String> {
    let mut out: Vec<String> = tokens(text)
        .iter()
        .filter(|t| is_content(t))
        .map(|t| stem_string(&text[t.range.clone()]))
        .collect();
    out.sort();
    out.dedup();
    out
}

/// The normalized stem of one piece of text, as a string (hashes to [`Token::stem`]).
pub(super) fn stem_string(piece: &str) -> String {
    let mut s = String::new();
    for c in piece.chars().filter(|c| c.is_alphanumeric()) {
        push_folded(c, &mut |f| s.push(f));
    }
    let n = s.chars().count();
    if n > 4 && s.ends_with('s') && !s.chars().any(|c| c.is_ascii_digit()) {
        s.pop();
    }
    s
}
