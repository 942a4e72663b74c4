//! What one document contributes to the comparison: its normalized word sequence (exact level),
//! word 5-gram shingles and a one-permutation MinHash (near and excerpt levels), and the terms
//! and facts of the same-story level.

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

/// [`push_folded`] as a value (at most three characters: ligatures, lower-case expansions), so
/// that the tokenizer's running hash and counts need not be captured by a closure, which kept
/// them in memory instead of registers.
fn folded(c: char) -> ([char; 3], usize) {
    let mut out = ['\0'; 3];
    let mut n = 0;
    push_folded(c, &mut |f| {
        if let Some(slot) = out.get_mut(n) {
            *slot = f;
            n += 1;
        }
    });
    (out, n)
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
///
/// One pass over the bytes finds lines, whitespace-separated pieces and the words in them
/// (ASCII directly, other characters decoded one by one): tokenizing is the biggest part of
/// profiling, and splitting into lines and pieces first read every byte three times.
pub(super) fn tokens_into(text: &str, out: &mut Vec<Token>) {
    out.clear();
    let bytes = text.as_bytes();
    let mut quote = 0u32;
    let mut paragraph = 0u32;
    // Quotations and sentences do not run across lines; blank lines are no paragraphs.
    let mut line_has_words = false;
    let mut sentence_start = true;
    let mut in_quote = false;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b == b'\n' {
            if line_has_words {
                paragraph += 1;
                line_has_words = false;
            }
            sentence_start = true;
            in_quote = false;
            i += 1;
            continue;
        }
        if is_ascii_space(b) {
            i += 1;
            continue;
        }
        if b >= 0x80 {
            let c = next_char(text, i);
            if c.is_whitespace() {
                i += c.len_utf8();
                continue;
            }
        }
        // A piece (whitespace-separated) starts here.
        line_has_words = true;
        let start = i;
        let mut h = FNV;
        let (mut before_last, mut last) = (FNV, '\0');
        let (mut chars, mut digits) = (0u8, 0u8);
        // The first letter or digit as written; '\0' until there is one (chars == 0).
        let mut first = '\0';
        let (mut opens, mut closes) = (false, false);
        while i < bytes.len() {
            let b = bytes[i];
            if b < 0x80 {
                if b.is_ascii_alphanumeric() {
                    if chars == 0 {
                        first = b as char;
                    }
                    closes = false;
                    let f = b.to_ascii_lowercase();
                    before_last = h;
                    last = f as char;
                    h = fnv_byte(h, f);
                    chars = chars.saturating_add(1);
                    digits = digits.saturating_add(u8::from(b.is_ascii_digit()));
                } else if b == b'\n' || is_ascii_space(b) {
                    break;
                } else if b == b'"' {
                    if chars == 0 {
                        opens = true;
                    } else {
                        closes = true;
                    }
                }
                i += 1;
                continue;
            }
            let c = next_char(text, i);
            if c.is_whitespace() {
                break;
            }
            i += c.len_utf8();
            if c.is_alphanumeric() {
                if chars == 0 {
                    first = c;
                }
                closes = false;
                let (folded, n) = folded(c);
                for &f in &folded[..n] {
                    before_last = h;
                    last = f;
                    let mut buf = [0u8; 4];
                    for &b in f.encode_utf8(&mut buf).as_bytes() {
                        h = fnv_byte(h, b);
                    }
                    chars = chars.saturating_add(1);
                    digits = digits.saturating_add(u8::from(f.is_ascii_digit()));
                }
            } else if chars == 0 && matches!(c, '“' | '«' | '„') {
                opens = true;
            } else if chars > 0 && matches!(c, '”' | '»') {
                closes = true;
            }
        }
        let piece = &bytes[start..i];
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
            let upper = first.is_uppercase();
            out.push(Token {
                hash,
                stem,
                range: start..i,
                chars,
                digits,
                name: !sentence_start && !opens && !stop && upper,
                cap: upper,
                stop,
                quoted,
                paragraph,
                quote,
            });
        }
        sentence_start = ends_sentence(piece) || (chars == 0 && sentence_start);
    }
}

/// The whitespace of `char::is_whitespace` below 0x80, but the line feed.
fn is_ascii_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\r' | 0x0b | 0x0c)
}

/// The character starting at byte `i` (a character boundary) of `text`.
fn next_char(text: &str, i: usize) -> char {
    text[i..].chars().next().unwrap_or('\0')
}

/// A piece ends a sentence when it ends with . ! ? : or … before any closing quotation marks
/// and brackets. On the bytes: these marks are whole characters at the end of valid UTF-8.
fn ends_sentence(piece: &[u8]) -> bool {
    let mut end = piece;
    loop {
        end = match end {
            [rest @ .., b'"' | b'\'' | b')'] => rest,
            // ” and ’
            [rest @ .., 0xE2, 0x80, 0x9D | 0x99] => rest,
            // »
            [rest @ .., 0xC2, 0xBB] => rest,
            _ => break,
        };
    }
    matches!(
        end,
        [.., b'.' | b'!' | b'?' | b':'] | [.., 0xE2, 0x80, 0xA6]
    )
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

/// Slots of the stop-word table (a power of two, about five times the words).
const STOP_SLOTS: usize = 1024;

/// The stop words' hashes in an open-addressing table (0 = empty; no stop word hashes to 0):
/// looked up once per word of every text, where a general hash set was a tenth of tokenizing.
fn stop_table() -> &'static [u64; STOP_SLOTS] {
    static TABLE: OnceLock<[u64; STOP_SLOTS]> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut table = [0; STOP_SLOTS];
        for w in STOP_WORDS {
            let h = hash_str(w);
            let mut i = h as usize % STOP_SLOTS;
            while table[i] != 0 && table[i] != h {
                i = (i + 1) % STOP_SLOTS;
            }
            table[i] = h;
        }
        table
    })
}

pub(super) fn is_stop_hash(h: u64) -> bool {
    let table = stop_table();
    let mut i = h as usize % STOP_SLOTS;
    loop {
        match table[i] {
            0 => return false,
            v if v == h => return true,
            _ => i = (i + 1) % STOP_SLOTS,
        }
    }
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

/// Buffers reused from one document to the next: the lists of a profile are gathered here and
/// copied out once sorted and deduplicated, at their final size. Growing them by `push` in
/// every profile was a good part of the time in wasm, where the allocator is slow, and left
/// them up to twice their size.
#[derive(Default)]
pub(super) struct Scratch {
    toks: Vec<Token>,
    hashes: Vec<u64>,
    short: Vec<u32>,
    lead: Vec<u64>,
}

/// Sorts and deduplicates `v` and returns a copy of exactly its size.
fn sorted<T: Ord + Copy>(v: &mut Vec<T>) -> Vec<T> {
    v.sort_unstable();
    v.dedup();
    v.to_vec()
}

/// Hashes cut to 32 bits, sorted, deduplicated, at their final size.
fn sorted_short(hashes: &[u64], short: &mut Vec<u32>) -> Vec<u32> {
    short.clear();
    short.extend(hashes.iter().map(|&h| h as u32));
    sorted(short)
}

pub(super) fn profile(text: &str) -> Profile {
    profile_with(text, &mut Scratch::default())
}

/// [`profile`] with reusable buffers.
pub(super) fn profile_with(text: &str, scratch: &mut Scratch) -> Profile {
    let Scratch {
        toks,
        hashes,
        short,
        lead,
    } = scratch;
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
    hashes.clear();
    let mut start = 0;
    while start < toks.len() {
        // Shingles never cross a line: reordered paragraphs keep all of theirs.
        let mut end = start;
        while end < toks.len() && toks[end].paragraph == toks[start].paragraph {
            end += 1;
        }
        let para = &toks[start..end];
        if para.len() < SHINGLE {
            hashes.push(para.iter().fold(1, |acc, t| combine(acc, t.hash)));
        } else {
            for w in para.windows(SHINGLE) {
                hashes.push(w.iter().fold(1, |acc, t| combine(acc, t.hash)));
            }
        }
        start = end;
    }
    for t in toks {
        exact = combine(exact, t.hash);
    }
    p.exact = exact;
    // Minima ignore order and repeats: the 64-bit shingles need no sorting of their own.
    for &s in hashes.iter() {
        let bin = (s >> 57) as usize;
        let v = s & ((1 << 57) - 1);
        if v < p.minhash[bin] {
            p.minhash[bin] = v;
        }
    }
    p.shingles = sorted_short(hashes, short);
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

    // Content-word stems, counted.
    hashes.clear();
    hashes.extend(toks.iter().filter(|t| is_content(t)).map(|t| t.stem));
    hashes.sort_unstable();
    p.terms = Vec::with_capacity(hashes.chunk_by(|x, y| x == y).count());
    p.terms.extend(
        hashes
            .chunk_by(|x, y| x == y)
            .map(|run| (run[0], run.len() as u32)),
    );
    // Names: capitalized inside a sentence, or at its start when the word is rare in the
    // background ("Holloway told reporters"), where common words are capitalized too.
    hashes.clear();
    lead.clear();
    for (i, t) in toks.iter().enumerate() {
        let name = is_content(t)
            && (t.name || (t.cap && !t.stop && t.chars >= 3 && super::background_df(t.stem) <= 2));
        if name && t.digits == 0 {
            hashes.push(t.stem);
            if i < LEAD_WORDS {
                lead.push(t.stem);
            }
        }
    }
    p.names = sorted(hashes);
    p.lead_names = sorted(lead);
    hashes.clear();
    hashes.extend(
        toks.iter()
            .filter(|t| is_content(t) && is_fact_number(t, text))
            .map(|t| t.hash),
    );
    p.numbers = sorted(hashes);
    hashes.clear();
    hashes.extend(
        toks.windows(2)
            .filter(|w| is_content(&w[0]) && is_content(&w[1]) && w[0].paragraph == w[1].paragraph)
            .map(|w| combine(w[0].stem, w[1].stem)),
    );
    p.phrases = sorted_short(hashes, short);
    hashes.clear();
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
            hashes.push(w.iter().fold(2, |acc, t| combine(acc, t.hash)));
        }
        i = j;
    }
    p.quotes = sorted(hashes);
    p
}

/// Size of the intersection of two sorted lists. Branch-free steps: which side advances is
/// unpredictable when merging two hash lists, and mispredictions were most of its time.
pub(super) fn intersection_size<T: Ord + Copy>(a: &[T], b: &[T]) -> usize {
    let (mut i, mut j, mut n) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        let (x, y) = (a[i], b[j]);
        n += usize::from(x == y);
        i += usize::from(x <= y);
        j += usize::from(y <= x);
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

#[cfg(test)]
mod stop_table {
    #[test]
    fn finds_every_stop_word_and_nothing_else() {
        assert!(super::STOP_WORDS
            .iter()
            .all(|w| super::hash_str(w) != 0 && super::is_stop(w)));
        assert!(!super::is_stop("kyiv") && !super::is_stop("holloway") && !super::is_stop(""));
    }
}
