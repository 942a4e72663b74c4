//! Block classification: article or boilerplate, with a reason a person understands.
//!
//! Each block gets an article score in 0..=1 from its own shape (length, sentence punctuation,
//! title-case and function-word density over several languages, CJK counted in characters), from
//! phrases that mark page furniture in many languages ("Leave a Reply", "Also Read", "Share
//! this"; see `boilerplate/phrases.txt`), from its context (the densest region of prose, runs of
//! short headline-like lines, neighbours) and from the collection (lines that recur in several
//! unrelated documents are template lines). HTML blocks add their structural hints (navigation,
//! footer, comments, link density, the element that holds most of the prose).
//!
//! Method: hand-written rules give every block a label and a first score; small gradient-boosted
//! trees (`training.rs`, weights in `model.rs`, trained by `examples/eval_boilerplate.rs` on the
//! 181-page article-extraction benchmark) turn all of these features into a calibrated article
//! probability, in two stages (the block alone, then the block in the context of the first
//! stage's scores). Furniture the rules are sure of (phrases, URL and date lines, collection
//! templates, the title above the article) is capped below 0.5 whatever the trees say. In plain
//! text, a line needs a probability of 0.67 to be kept unless it is a short sentence. Removed
//! blocks keep the rules' label and reason.
//!
//! Limits: a line is kept or removed whole; a paragraph that mixes article text and a promo is
//! judged by its majority. On the benchmark, 4-fold cross-validated F1 is about 0.966 on HTML
//! and 0.92 on plain text (the in-sample figures, 0.986 and 0.956, are optimistic); the weakest
//! pages are those where a short article is surrounded by other prose (teasers, comments).

use crate::fxhash::FxHashMap;
use crate::html::starts_with;
use crate::segment::Block;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};
use std::sync::OnceLock;

mod model;
#[doc(hidden)]
pub mod training;

/// What a block is. Everything but `Article` is boilerplate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Label {
    Article,
    Title,
    Dateline,
    Byline,
    HeadlineList,
    Navigation,
    CommentForm,
    Caption,
    Promo,
    Share,
    Footer,
    Template,
    Url,
    /// A short heading or label line ("Key Takeaways:") judged not to be article text.
    Heading,
    /// Outside the article's main text, with no more specific reason (reader comments, another
    /// story's teaser...).
    Other,
}

/// The verdict on one block.
#[derive(Debug, Clone, PartialEq)]
pub struct Verdict {
    pub label: Label,
    /// Article likelihood in 0..=1.
    pub score: f32,
    pub reason: &'static str,
}

/// Lines that recur across the collection, counted once per group of copies of one article.
#[derive(Debug, Default)]
pub struct Templates {
    /// Normalized line (its hash, see `line_key`) → number of distinct copy groups it occurs in.
    groups: BTreeMap<u64, usize>,
}

impl Templates {
    /// Counts recurring lines. Documents that share a large part of their lines are copies of
    /// one article and count as one, so an article's own sentences never look like a template.
    pub fn from_collection(docs: &[Option<(&str, &[Block])>]) -> Templates {
        // A template line is one found in two documents or more: a lone document (one dropped
        // page) has none, and hashing its lines into maps would be wasted work.
        if docs.iter().flatten().nth(1).is_none() {
            return Templates::default();
        }
        // Lines are compared by the hash of their normalized form: no string per line.
        let line_sets: Vec<BTreeMap<u64, usize>> = docs
            .iter()
            .map(|d| match d {
                Some((text, blocks)) => blocks
                    .iter()
                    .filter_map(|b| line_key(&text[b.range.clone()]))
                    .collect(),
                None => BTreeMap::new(),
            })
            .collect();
        // Union-find over documents that share at least a third of the smaller one's lines.
        let mut parent: Vec<usize> = (0..docs.len()).collect();
        fn root(parent: &mut [usize], mut i: usize) -> usize {
            while parent[i] != i {
                parent[i] = parent[parent[i]];
                i = parent[i];
            }
            i
        }
        // Line → (its word count, the documents that have it).
        let mut owners: BTreeMap<u64, (usize, Vec<usize>)> = BTreeMap::new();
        for (d, set) in line_sets.iter().enumerate() {
            for (&line, &words) in set {
                owners.entry(line).or_insert((words, Vec::new())).1.push(d);
            }
        }
        let mut shared: BTreeMap<(usize, usize), usize> = BTreeMap::new();
        for (words, docs_with_line) in owners.values() {
            // Lines in very many documents are templates by definition, and short lines (menus,
            // labels) are what templates are made of: neither is evidence of a copy.
            let long = *words >= 6;
            if long && docs_with_line.len() > 1 && docs_with_line.len() <= 8 {
                for (i, &a) in docs_with_line.iter().enumerate() {
                    for &b in &docs_with_line[i + 1..] {
                        *shared.entry((a, b)).or_default() += 1;
                    }
                }
            }
        }
        for (&(a, b), &n) in &shared {
            let smaller = line_sets[a].len().min(line_sets[b].len()).max(1);
            if n * 3 >= smaller {
                let (ra, rb) = (root(&mut parent, a), root(&mut parent, b));
                parent[ra] = rb;
            }
        }
        let mut groups = BTreeMap::new();
        for (line, (_, ds)) in owners {
            if ds.len() < 2 {
                continue;
            }
            let roots: BTreeSet<usize> = ds.iter().map(|&d| root(&mut parent, d)).collect();
            if roots.len() >= 2 {
                groups.insert(line, roots.len());
            }
        }
        Templates { groups }
    }

    /// In how many unrelated documents (copy groups) the line occurs; 1 when only here.
    fn count(&self, line: &str) -> usize {
        if self.groups.is_empty() {
            return 1;
        }
        line_key(line)
            .and_then(|(key, _)| self.groups.get(&key).copied())
            .unwrap_or(1)
    }
}

/// Lower case, letters and digits only, single spaces: the form phrases are matched in.
fn normalize(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    for w in line
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        if !out.is_empty() {
            out.push(' ');
        }
        push_lowercase(&mut out, w);
    }
    out
}

/// Appends `s` lower-cased (`char::to_lowercase`), ASCII without a call per character.
fn push_lowercase(out: &mut String, s: &str) {
    if s.is_ascii() {
        let start = out.len();
        out.push_str(s);
        out[start..].make_ascii_lowercase();
    } else {
        out.extend(s.chars().flat_map(char::to_lowercase));
    }
}

/// The key for recurring lines: a hash of the line lower-cased, letters and digits only, words
/// separated by single spaces, with its word count; `None` for a line with no word.
fn line_key(line: &str) -> Option<(u64, usize)> {
    // FNV-1a over the normalized characters: stable across runs and platforms.
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    let mut eat = |c: char| {
        let mut buf = [0u8; 4];
        for &b in c.encode_utf8(&mut buf).as_bytes() {
            hash ^= u64::from(b);
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
    };
    let mut words = 0;
    let mut in_word = false;
    for c in line.chars() {
        if c.is_alphanumeric() {
            if !in_word && words > 0 {
                eat(' ');
            }
            if !in_word {
                words += 1;
            }
            in_word = true;
            if c.is_ascii() {
                eat(c.to_ascii_lowercase());
            } else {
                c.to_lowercase().for_each(&mut eat);
            }
        } else {
            in_word = false;
        }
    }
    (words > 0).then_some((hash, words))
}

// ---------------------------------------------------------------------------------------------
// Phrases and word lists (data files).

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    Any,
    Start,
    Short,
    Exact,
}

#[derive(Debug)]
struct Phrase {
    label: Label,
    mode: Mode,
    text: String,
}

/// The phrases in file order (the first that matches a line names it), indexed so that a line
/// is compared with the few phrases that could match instead of all of them.
#[derive(Debug, Default)]
struct Phrases {
    list: Vec<Phrase>,
    /// `Any` phrases by their first byte.
    any: Vec<Vec<usize>>,
    /// The first two bytes of every `Any` phrase, as a bit set over `first << 8 | second`
    /// (a one-byte phrase sets all 256 pairs of its byte): most positions of a line start none.
    any_pairs: Vec<u64>,
    /// `Start` phrases by their first byte.
    start: Vec<Vec<usize>>,
    /// `Short` phrases by their first word.
    short: FxHashMap<String, Vec<usize>>,
    /// Each `Exact` text and its first phrase.
    exact: FxHashMap<String, usize>,
    /// Phrases no index holds (empty texts), tried one by one.
    rest: Vec<usize>,
}

fn phrases() -> &'static Phrases {
    static PHRASES: OnceLock<Phrases> = OnceLock::new();
    PHRASES.get_or_init(|| {
        let list: Vec<Phrase> = include_str!("boilerplate/phrases.txt")
            .lines()
            .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
            .filter_map(|l| {
                let mut parts = l.splitn(3, ' ');
                let label = match parts.next()? {
                    "comment" => Label::CommentForm,
                    "share" => Label::Share,
                    "promo" => Label::Promo,
                    "caption" => Label::Caption,
                    "byline" => Label::Byline,
                    "nav" => Label::Navigation,
                    "footer" => Label::Footer,
                    _ => return None,
                };
                let mode = match parts.next()? {
                    "any" => Mode::Any,
                    "start" => Mode::Start,
                    "short" => Mode::Short,
                    "exact" => Mode::Exact,
                    _ => return None,
                };
                let text = parts.next()?.to_owned();
                // Whole-word modes compare normalized text; the others the lower-cased line.
                let text = if matches!(mode, Mode::Exact | Mode::Short) {
                    normalize(&text)
                } else {
                    text
                };
                Some(Phrase { label, mode, text })
            })
            .collect();
        let mut index = Phrases {
            any: vec![Vec::new(); 256],
            any_pairs: vec![0; 1024],
            start: vec![Vec::new(); 256],
            ..Phrases::default()
        };
        for (i, p) in list.iter().enumerate() {
            let first = p.text.as_bytes().first().map(|&b| usize::from(b));
            match (p.mode, first) {
                (Mode::Any, Some(b)) => {
                    index.any[b].push(i);
                    let pairs = match p.text.as_bytes().get(1) {
                        Some(&second) => usize::from(second)..usize::from(second) + 1,
                        None => 0..256,
                    };
                    for second in pairs {
                        let pair = b << 8 | second;
                        index.any_pairs[pair / 64] |= 1 << (pair % 64);
                    }
                }
                (Mode::Start, Some(b)) => index.start[b].push(i),
                (Mode::Short, Some(_)) => {
                    let word = p.text.split(' ').next().unwrap_or("").to_owned();
                    index.short.entry(word).or_default().push(i);
                }
                (Mode::Exact, _) => {
                    index.exact.entry(p.text.clone()).or_insert(i);
                }
                _ => index.rest.push(i),
            }
        }
        index.list = list;
        index
    })
}

/// What a lower-case word is to `Counts`: function word, month or day name, date filler.
const STOP: u8 = 1;
const MONTH_OR_DAY: u8 = 2;
const DATE_FILLER: u8 = 4;

/// Stop words, month and day names and date fillers in one map: one lookup per word. Keyed by
/// bytes, so that a word lower-cased into a byte buffer needs no UTF-8 check to be looked up.
fn word_kinds() -> &'static FxHashMap<&'static [u8], u8> {
    static WORDS: OnceLock<FxHashMap<&'static [u8], u8>> = OnceLock::new();
    WORDS.get_or_init(|| {
        let mut map = FxHashMap::default();
        let stopwords = include_str!("boilerplate/stopwords.txt")
            .lines()
            .filter(|l| !l.starts_with('#'))
            .flat_map(|l| l.split_whitespace().skip(1));
        for (words, kind) in [
            (
                Box::new(stopwords) as Box<dyn Iterator<Item = &'static str>>,
                STOP,
            ),
            (Box::new(MONTHS_AND_DAYS.iter().copied()), MONTH_OR_DAY),
            (Box::new(DATE_FILLERS.iter().copied()), DATE_FILLER),
        ] {
            for w in words {
                *map.entry(w.as_bytes()).or_default() |= kind;
            }
        }
        map
    })
}

fn kind(word: &[u8]) -> u8 {
    word_kinds().get(word).copied().unwrap_or(0)
}

const MONTHS_AND_DAYS: &[&str] = &[
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "mon",
    "tue",
    "tues",
    "wed",
    "thu",
    "thurs",
    "fri",
    "sat",
    "sun",
    "januar",
    "februar",
    "märz",
    "mai",
    "juni",
    "juli",
    "oktober",
    "dezember",
    "montag",
    "dienstag",
    "mittwoch",
    "donnerstag",
    "freitag",
    "samstag",
    "sonntag",
    "janvier",
    "février",
    "mars",
    "avril",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
    "lundi",
    "mardi",
    "mercredi",
    "jeudi",
    "vendredi",
    "samedi",
    "dimanche",
    "enero",
    "febrero",
    "marzo",
    "abril",
    "mayo",
    "junio",
    "julio",
    "agosto",
    "septiembre",
    "octubre",
    "noviembre",
    "diciembre",
    "января",
    "февраля",
    "марта",
    "апреля",
    "мая",
    "июня",
    "июля",
    "августа",
    "сентября",
    "октября",
    "ноября",
    "декабря",
    "понедельник",
    "вторник",
    "среда",
    "четверг",
    "пятница",
    "суббота",
    "воскресенье",
];

const DATE_FILLERS: &[&str] = &[
    "am",
    "pm",
    "gmt",
    "utc",
    "et",
    "est",
    "edt",
    "pst",
    "pdt",
    "cet",
    "ist",
    "bst",
    "updated",
    "published",
    "posted",
    "on",
    "at",
    "th",
    "st",
    "nd",
    "rd",
    "last",
    "modified",
    "de",
    "del",
    "le",
    "um",
    "uhr",
    "am",
    "den",
    "года",
    "г",
    "в",
    "date",
    "time",
    "hours",
    "ago",
    "hour",
    "minutes",
    "min",
    "mins",
    "day",
    "days",
    "yesterday",
    "today",
];

// ---------------------------------------------------------------------------------------------
// The shape of one block.

/// What a block's own text looks like.
#[derive(Debug, Clone, Default)]
struct Shape {
    /// Word equivalents: runs of letters or digits, CJK characters counting half a word each.
    words: f32,
    /// Every word starts with a digit ("5.8", "+1.2", "2-1"): a figure, not words.
    figures: bool,
    chars: usize,
    /// Ends with . ! ? … or their CJK forms (closing quotes and brackets skipped).
    terminal: bool,
    /// Ends with a colon.
    colon: bool,
    /// Sentence-ending punctuation marks inside the text.
    sentences: usize,
    commas: usize,
    /// Share of cased words that start upper case.
    title_ratio: f32,
    /// Share of tokens that are function words.
    stop_ratio: f32,
    digit_ratio: f32,
    /// Starts with a bullet, dash or quote marker.
    bullet: bool,
    /// Starts with an opening quotation mark.
    quote_start: bool,
    /// Starts like a numbered list item: "11. ", "4) ".
    enumerated: bool,
    /// The line is a URL.
    url: bool,
    /// Mentions a domain name ("nwweek.com").
    domain: bool,
    /// The line is only a date or time.
    date: bool,
    /// A date a reader would call one: not a table row of small numbers ("Newcastle 4 3 1 0 8
    /// 3 10" and "BALTIMORE 68 62 .523 6" are `date` too, as the trained trees know it).
    named_date: bool,
    /// Separators typical of menus and breadcrumbs: | » › ·
    separators: usize,
    /// Matched furniture phrase.
    phrase: Option<Label>,
    /// A comment header or comment-section heading ("Jane says:", "34 responses to …").
    comment_marker: bool,
    /// A comment's own header ("Jane says:", "Milan on September 12, 2018 at 4:47 pm said:"):
    /// two or more of them make a thread.
    comment_header: bool,
    /// Leading words in title case (short lower-case function words allowed): a headline glued
    /// to its teaser ("Police: 2 In Custody After Death Of … A 24-year-old woman …").
    cap_prefix: usize,
}

fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x3040..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0xAC00..=0xD7AF)
}

/// Word statistics gathered while scanning a line.
#[derive(Default)]
struct Counts {
    tokens: usize,
    cjk: usize,
    words: usize,
    cased: usize,
    upper: usize,
    stops: usize,
    date_tokens: usize,
    date_anchor: bool,
    /// Numbers, and whether a month or weekday name, a year (19xx, 20xx) or an eight-digit
    /// date is among the words: a line of many small numbers is a table row, not a date.
    numbers: usize,
    date_named: bool,
}

impl Counts {
    fn word(&mut self, word: &str) {
        if word.is_empty() {
            return;
        }
        self.tokens += 1;
        self.words += 1;
        let first = word.chars().next().unwrap_or(' ');
        if first.is_uppercase() || first.is_lowercase() {
            self.cased += 1;
            self.upper += usize::from(first.is_uppercase());
        }
        // Most words are short and ASCII: lower-case those without allocating.
        let mut buf = [0u8; 32];
        let owned;
        let lower: &[u8] = match buf.get_mut(..word.len()) {
            Some(b) if word.is_ascii() => {
                b.copy_from_slice(word.as_bytes());
                b.make_ascii_lowercase();
                b
            }
            _ => {
                owned = word.to_lowercase();
                owned.as_bytes()
            }
        };
        let kind = kind(lower);
        if kind & STOP != 0 {
            self.stops += 1;
        }
        // (Bytes: no byte of a multi-byte character is an ASCII digit.)
        let numeric = lower.iter().all(u8::is_ascii_digit);
        if numeric {
            self.numbers += 1;
            let year = lower.len() == 4 && (lower.starts_with(b"19") || lower.starts_with(b"20"));
            self.date_named |= year || lower.len() == 8;
        }
        self.date_named |= kind & MONTH_OR_DAY != 0;
        if kind & MONTH_OR_DAY != 0 || numeric && (lower.len() <= 4 || lower.len() == 8) {
            self.date_tokens += 1;
            self.date_anchor = true;
        } else if kind & DATE_FILLER != 0 {
            self.date_tokens += 1;
        }
    }

    fn cjk(&mut self, c: char) {
        self.tokens += 1;
        self.cjk += 1;
        let mut buf = [0u8; 4];
        if kind(c.encode_utf8(&mut buf).as_bytes()) & STOP != 0 {
            self.stops += 1;
        }
    }
}

// `char_kind` bits.
const WHITESPACE: u8 = 1;
/// Part of a word: alphanumeric, not CJK.
const WORD: u8 = 2;
const CJK: u8 = 4;

/// What `shape` asks of a character.
fn char_kind(c: char) -> u8 {
    let mut kind = 0;
    if c.is_whitespace() {
        kind |= WHITESPACE;
    }
    if c.is_alphanumeric() && !is_cjk(c) {
        kind |= WORD;
    }
    if is_cjk(c) {
        kind |= CJK;
    }
    kind
}

/// `char_kind` of the ASCII characters, looked up instead of computed.
fn ascii_kinds() -> &'static [u8; 128] {
    static KINDS: OnceLock<[u8; 128]> = OnceLock::new();
    KINDS.get_or_init(|| std::array::from_fn(|b| char_kind(char::from(b as u8))))
}

fn shape(line: &str) -> Shape {
    let mut s = Shape::default();
    let mut n = Counts::default();
    let mut digits = 0usize;
    let mut word_start: Option<usize> = None;
    let mut prev = ' ';
    let ascii = ascii_kinds();
    for (i, c) in line.char_indices() {
        let kind = match ascii.get(c as usize) {
            Some(&kind) => kind,
            None => char_kind(c),
        };
        if kind & WHITESPACE == 0 {
            s.chars += 1;
        } else if matches!(prev, '.' | '!' | '?' | '…') {
            s.sentences += 1;
        }
        prev = c;
        if c.is_ascii_digit() {
            digits += 1;
        }
        if kind & WORD != 0 {
            word_start.get_or_insert(i);
            continue;
        }
        if let Some(start) = word_start.take() {
            n.word(&line[start..i]);
        }
        if kind & CJK != 0 {
            n.cjk(c);
        }
        match c {
            '。' | '！' | '？' => s.sentences += 1,
            ',' | '、' | '，' | ';' => s.commas += 1,
            '|' | '»' | '›' | '·' | '•' | '/' => s.separators += 1,
            _ => {}
        }
    }
    if let Some(start) = word_start {
        n.word(&line[start..]);
    }
    s.words = n.words as f32 + n.cjk as f32 / 2.0;
    s.figures = n.words > 0 && n.cased == 0 && n.cjk == 0;
    s.title_ratio = ratio(n.upper, n.cased);
    s.stop_ratio = ratio(n.stops, n.tokens);
    s.digit_ratio = ratio(digits, s.chars);
    let end = line.trim_end().trim_end_matches([
        '"', '\'', '”', '’', '»', ')', ']', '*', '“', '」', '』', '）', ' ',
    ]);
    s.terminal = end.ends_with(['.', '!', '?', '…', '。', '！', '？']);
    s.colon = end.ends_with([':', '：']);
    if s.terminal && !end.ends_with(['。', '！', '？']) {
        s.sentences += 1;
    }
    s.bullet = line.starts_with(['-', '•', '*', '>', '·', '–', '—', '▪', '►', '✓']);
    let trimmed = line.trim();
    s.quote_start = trimmed.starts_with(['"', '“', '„', '«', '\'', '‘', '「']);
    let digits_end = trimmed.find(|c: char| !c.is_ascii_digit()).unwrap_or(0);
    s.enumerated = digits_end > 0 && trimmed[digits_end..].starts_with(['.', ')']);
    s.url = (trimmed.starts_with("http://")
        || trimmed.starts_with("https://")
        || trimmed.starts_with("www."))
        && !trimmed.contains(' ');
    s.domain = s.url || has_domain(trimmed);
    s.date = n.tokens > 0
        && n.tokens <= 12
        && n.date_anchor
        && n.date_tokens * 10 >= n.tokens * 8
        && n.cjk == 0;
    // A few numbers alone ("10:45", "12/03") are a date; beside a word that is no date word
    // they are a table row ("BALTIMORE 68 62 .523 6").
    s.named_date = s.date && (n.date_named || n.numbers <= 4 && n.date_tokens == n.tokens);
    s.phrase = match_phrase(trimmed, s.words);
    let (marker, header) = comment_marker(trimmed, s.words);
    s.comment_marker = s.phrase == Some(Label::CommentForm) || marker;
    s.comment_header = header;
    s.cap_prefix = cap_prefix(trimmed);
    s
}

/// (any comment marker, a comment's own header).
fn comment_marker(line: &str, words: f32) -> (bool, bool) {
    if words > 20.0 {
        return (false, false);
    }
    let lower = line.to_lowercase();
    let lower = lower.trim_end_matches(|c: char| !c.is_alphanumeric() && c != ':');
    let header = words <= 15.0
        && [
            "says:",
            "said:",
            "wrote:",
            "says",
            "schreibt:",
            "пишет:",
            "a écrit :",
            "dice:",
        ]
        .iter()
        .any(|e| lower.ends_with(e));
    let count = lower
        .split_whitespace()
        .next()
        .is_some_and(|w| w.chars().all(|c| c.is_ascii_digit()))
        && [
            "comment",
            "response",
            "repl",
            "thought",
            "kommentar",
            "коммент",
            "réaction",
            "comentario",
        ]
        .iter()
        .any(|w| {
            lower
                .split_whitespace()
                .nth(1)
                .is_some_and(|x| x.starts_with(w))
        });
    // Each heading has "s to" or "s on": most lines are passed after one scan for them.
    let heading = lower
        .as_bytes()
        .windows(4)
        .any(|w| matches!(w, b"s to" | b"s on"))
        && ["responses to", "thoughts on", "comments on", "replies to"]
            .iter()
            .any(|p| lower.contains(p));
    (header || count || heading, header && lower.ends_with(':'))
}

fn cap_prefix(line: &str) -> usize {
    let mut n = 0;
    for w in line.split_whitespace() {
        let first = w.chars().find(|c| c.is_alphanumeric());
        match first {
            Some(c) if c.is_uppercase() || c.is_ascii_digit() => n += 1,
            Some(c) if c.is_lowercase() && w.chars().count() <= 3 => {}
            Some(_) => break,
            None => {}
        }
    }
    n
}

fn ratio(a: usize, b: usize) -> f32 {
    if b == 0 {
        0.0
    } else {
        a as f32 / b as f32
    }
}

/// Some whitespace-separated word of `line`, trimmed of punctuation, ends in a common TLD.
fn has_domain(line: &str) -> bool {
    // Every ending has a dot, so only the words around the line's dots are tested: a paragraph
    // has a few, against one test per word.
    let mut from = 0;
    while let Some(at) = line.as_bytes()[from..].iter().position(|&b| b == b'.') {
        let dot = from + at;
        let start = line[..dot]
            .char_indices()
            .rev()
            .find(|&(_, c)| c.is_whitespace())
            .map_or(0, |(i, c)| i + c.len_utf8());
        let end = line[dot..]
            .find(char::is_whitespace)
            .map_or(line.len(), |i| dot + i);
        if domain_word(&line[start..end]) {
            return true;
        }
        from = end;
    }
    false
}

/// One word of `has_domain`.
fn domain_word(w: &str) -> bool {
    let w = w.trim_matches(|c: char| !c.is_alphanumeric());
    [
        ".com", ".org", ".net", ".co.uk", ".ca", ".in", ".de", ".ru", ".io", ".news",
    ]
    .iter()
    .any(|tld| {
        w.len() > tld.len() + 1
            && w.as_bytes()[w.len() - tld.len()..].eq_ignore_ascii_case(tld.as_bytes())
    })
}

fn match_phrase(line: &str, words: f32) -> Option<Label> {
    // No phrase applies to a line this long (modes stop at 40 words, exact phrases are short):
    // most article paragraphs end here, before any string is built.
    if words > 40.0 {
        return None;
    }
    let (lower, norm) = if line.is_ascii() {
        ascii_forms(line)
    } else {
        (lower_collapsed(line), normalize(line))
    };
    let index = phrases();
    let hit = |p: &Phrase| match p.mode {
        Mode::Any => words <= 40.0 && lower.contains(&p.text),
        Mode::Start => {
            let limit = if p.label == Label::Byline { 10.0 } else { 25.0 };
            words <= limit && lower.starts_with(&p.text)
        }
        Mode::Short => words <= 6.0 && contains_words(&norm, &p.text),
        Mode::Exact => norm == p.text,
    };
    // The first phrase in file order that matches: candidates from the indexes, each tried
    // only if it comes before the best so far.
    let mut best = index.exact.get(&norm).copied().unwrap_or(usize::MAX);
    let mut try_phrase = |i: usize| {
        if i < best && hit(&index.list[i]) {
            best = i;
        }
    };
    let bytes = lower.as_bytes();
    if let Some(&b) = bytes.first() {
        index.start[usize::from(b)]
            .iter()
            .for_each(|&i| try_phrase(i));
    }
    if words <= 6.0 {
        for w in norm.split(' ') {
            if let Some(candidates) = index.short.get(w) {
                candidates.iter().for_each(|&i| try_phrase(i));
            }
        }
    }
    index.rest.iter().for_each(|&i| try_phrase(i));
    // `Any` phrases are checked where they would start (the same test as `contains`).
    for (at, &b) in bytes.iter().enumerate() {
        // A phrase can only start where the line's next two bytes start one (the last byte
        // pairs with 0, which no phrase has as its second byte).
        let pair = usize::from(b) << 8 | usize::from(bytes.get(at + 1).copied().unwrap_or(0));
        if index.any_pairs[pair / 64] & 1 << (pair % 64) == 0 {
            continue;
        }
        for &i in &index.any[usize::from(b)] {
            let phrase = &index.list[i];
            if i < best
                && starts_with(&bytes[at..], phrase.text.as_bytes())
                && !(phrase.label == Label::Caption
                    && wire_dateline(&lower, at, at + phrase.text.len()))
            {
                best = i;
            }
        }
    }
    index.list.get(best).map(|p| p.label)
}

/// The agency at `start..end` of a lower-cased line signs a wire story's dateline, which opens
/// its first paragraph ("washington (reuters) - president bill clinton signed…"): a few words
/// before it, a dash after it. It is no picture credit.
fn wire_dateline(lower: &str, start: usize, end: usize) -> bool {
    let before = &lower[..start];
    let after = lower[end..].trim_start();
    before.len() <= 60
        && !before.contains(". ")
        && (after.starts_with('-') || after.starts_with('–') || after.starts_with('—'))
}

/// Words that name a picture in a credit ("Photo: AFP", "Pictures by PA").
const CREDIT_WORDS: &[&str] = &[
    "photo",
    "photos",
    "photograph",
    "photographs",
    "photography",
    "picture",
    "pictures",
    "pic",
    "pics",
    "image",
    "images",
    "credit",
    "credits",
    "illustration",
    "graphic",
    "foto",
    "fotos",
    "фото",
    "bild",
];

/// Agencies and picture libraries that sign a credit after a slash ("John Smith/Reuters") or alone
/// in brackets ("(AFP)").
const AGENCIES: &[&str] = &[
    "reuters",
    "afp",
    "ap",
    "epa",
    "pa",
    "dpa",
    "ansa",
    "xinhua",
    "anadolu",
    "getty",
    "getty images",
    "shutterstock",
    "alamy",
    "istock",
    "bloomberg",
    "efe",
    "tass",
];

/// The line ends with a picture credit: "… on Tuesday. Photo: AFP", "Pictures: PA",
/// "Photo : Reuters", "(John Smith/Reuters)", "Photo courtesy of the council". Only the reason of
/// a removed block depends on it (a caption that ends in its credit, a sentence without final
/// punctuation, otherwise reads as a teaser headline); phrases (`phrases.txt`) cover the credits
/// that start a line and do affect the score.
fn credit_line(line: &str) -> bool {
    let line = line.trim().trim_end_matches([')', ']', '.']).trim_end();
    // A caption with its credit is a line or two; a longer block is something else.
    if line.len() > 300 {
        return false;
    }
    // A credit is a few words at the end of the line: only its last 100 bytes are read (with the
    // sentence end before the credit), as most removed lines are menus and teasers.
    let mut tail_start = line.len().saturating_sub(100);
    while !line.is_char_boundary(tail_start) {
        tail_start += 1;
    }
    let tail = &line[tail_start..];
    // Every credit has a colon, slash, bracket or dash (– and — start with 0xE2), or "by", "via"
    // or "courtesy".
    let marked = tail
        .bytes()
        .any(|b| matches!(b, b':' | b'/' | b'(' | b'[' | b'-' | 0xE2));
    let joined = || {
        tail.split_ascii_whitespace().any(|w| {
            ["by", "via", "courtesy"]
                .iter()
                .any(|c| w.eq_ignore_ascii_case(c))
        })
    };
    if !marked && !joined() {
        return false;
    }
    // The credit runs from the line's start, a sentence end or an opening bracket to the end:
    // candidates from one pass over the tail's bytes.
    let b = tail.as_bytes();
    let after_mark = (0..b.len()).filter_map(|i| match b[i] {
        b'(' | b'[' => Some((i + 1, true)),
        b'.' | b'!' | b'?' | b'|' if b.get(i + 1) == Some(&b' ') => Some((i + 2, false)),
        // "— " and "– ": E2 80 94 and E2 80 93.
        0xE2 if b.get(i + 1) == Some(&0x80)
            && matches!(b.get(i + 2), Some(0x93 | 0x94))
            && b.get(i + 3) == Some(&b' ') =>
        {
            Some((i + 4, false))
        }
        _ => None,
    });
    (tail_start == 0)
        .then_some((0, false))
        .into_iter()
        .chain(after_mark)
        .any(|(start, bracket)| credit(tail[start..].trim(), bracket))
}

/// `tail` is a whole credit; `bracket`: it opened with a bracket.
fn credit(tail: &str, bracket: bool) -> bool {
    let mut words = tail.split_whitespace();
    let Some(first) = words.next() else {
        return false;
    };
    // "Photo: X", "Photo : X", "Photo - X", "Photo/X", "Photo by X", "Photo credit: X",
    // "Photo courtesy of X".
    let (word, glued) = match first.split_once(['/', ':']) {
        Some((w, rest)) => (w, Some(rest)),
        None => (first, None),
    };
    if one_of(word, CREDIT_WORDS) {
        let mut rest = words.clone().count();
        if glued.is_none() {
            let next = words.next().unwrap_or("");
            if one_of(next, &["courtesy"]) {
                // Whatever follows "courtesy (of)" is the credit.
                return rest > 1;
            }
            if !one_of(
                next,
                &[":", "-", "–", "—", "/", "by", "via", "credit:", "credits:"],
            ) {
                return false;
            }
            rest -= 1;
        }
        let glued = glued.filter(|g| !g.is_empty());
        rest += usize::from(glued.is_some());
        return (1..=8).contains(&rest) && glued.into_iter().chain(words).all(name_like);
    }
    // "John Smith/Reuters", "(AFP)".
    let last = tail.rsplit('/').next().unwrap_or("").trim();
    (bracket || tail.contains('/'))
        && one_of(last, AGENCIES)
        && tail.split_whitespace().count() <= 6
        && tail.split_whitespace().all(name_like)
}

/// `word` is one of `list` (lower case), ignoring case.
fn one_of(word: &str, list: &[&str]) -> bool {
    list.iter().any(|c| {
        if word.is_ascii() {
            word.eq_ignore_ascii_case(c)
        } else {
            word.chars().flat_map(char::to_lowercase).eq(c.chars())
        }
    })
}

/// A word of a credit: a name ("Smith", "PA", "AFP/Getty"), a number, or a short joining word.
fn name_like(word: &str) -> bool {
    word.chars()
        .next()
        .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
        || one_of(
            word,
            &[
                "of", "the", "via", "for", "and", "&", "/", "-", "de", "la", "le", "von", "van",
                "der", "du", "del", "di", "da", "courtesy", "photo", "images",
            ],
        )
}

/// The line lower-cased with whitespace runs collapsed to one space (none at the ends) and
/// curly apostrophes straightened: the form `Any` and `Start` phrases are matched in.
fn lower_collapsed(line: &str) -> String {
    let mut lower = String::with_capacity(line.len());
    let mut space = false;
    for c in line.chars() {
        if c.is_whitespace() {
            space = true;
            continue;
        }
        if space && !lower.is_empty() {
            lower.push(' ');
        }
        space = false;
        match c {
            '’' | '‘' => lower.push('\''),
            _ if c.is_ascii() => lower.push(c.to_ascii_lowercase()),
            _ => lower.extend(c.to_lowercase()),
        }
    }
    lower
}

/// `(lower_collapsed(line), normalize(line))` of an ASCII line, in one pass over its bytes
/// instead of two over decoded characters (most lines are ASCII).
fn ascii_forms(line: &str) -> (String, String) {
    let mut lower = String::with_capacity(line.len());
    let mut norm = String::with_capacity(line.len());
    // Whitespace since the last character kept in `lower`; a non-alphanumeric byte since the
    // last one kept in `norm`.
    let (mut space, mut gap) = (false, false);
    for &b in line.as_bytes() {
        // `char::is_whitespace` on ASCII (which `u8::is_ascii_whitespace` is not: \x0B).
        if matches!(b, b' ' | b'\t' | b'\n' | b'\x0B' | b'\x0C' | b'\r') {
            (space, gap) = (true, true);
            continue;
        }
        let c = char::from(b.to_ascii_lowercase());
        if space && !lower.is_empty() {
            lower.push(' ');
        }
        space = false;
        lower.push(c);
        if !b.is_ascii_alphanumeric() {
            gap = true;
            continue;
        }
        if gap && !norm.is_empty() {
            norm.push(' ');
        }
        gap = false;
        norm.push(c);
    }
    (lower, norm)
}

/// `needle` occurs in `hay` on word boundaries (both normalized).
fn contains_words(hay: &str, needle: &str) -> bool {
    if needle.is_empty() {
        return false;
    }
    hay.match_indices(needle).any(|(i, _)| {
        let before = i == 0 || hay.as_bytes()[i - 1] == b' ';
        let end = i + needle.len();
        let after = end == hay.len() || hay.as_bytes()[end] == b' ';
        before && after
    })
}

// ---------------------------------------------------------------------------------------------
// Classification.

/// Per-block working state.
#[derive(Debug, Clone)]
struct Item {
    shape: Shape,
    /// The block's own article likelihood before context.
    own: f32,
    template: bool,
    /// Unrelated documents of the collection that have this line.
    groups: usize,
}

fn reason(label: Label) -> &'static str {
    match label {
        Label::Article => "article text",
        Label::Title => "title",
        Label::Dateline => "byline / dateline",
        Label::Byline => "byline / credit",
        Label::HeadlineList => "list of unrelated headlines",
        Label::Navigation => "navigation or menu",
        Label::CommentForm => "comment form",
        Label::Caption => "caption or credit",
        Label::Promo => "promo / Also Read line",
        Label::Share => "share or subscribe prompt",
        Label::Footer => "footer / legal",
        Label::Template => "template line repeated across articles",
        Label::Url => "URL line",
        Label::Heading => "short heading or label",
        Label::Other => "outside the article's main text",
    }
}

/// A long line without sentence punctuation: a headline.
fn headline_like(s: &Shape) -> bool {
    !s.terminal && !s.colon && s.words >= 4.0 && s.words <= 30.0 && s.sentences <= 1
}

fn own_score(s: &Shape, hints: Option<&crate::html::Hints>) -> f32 {
    let mut p: f32 = if s.phrase.is_some() || s.url {
        0.05
    } else if s.date {
        0.08
    } else if s.terminal && s.words >= 12.0 {
        0.92
    } else if s.words >= 30.0 && s.stop_ratio >= 0.1 {
        0.85
    } else if s.terminal && s.words >= 6.0 {
        0.72
    } else if s.colon && s.words >= 6.0 {
        0.62
    } else if s.terminal {
        0.45
    } else if s.words >= 7.0 {
        0.2
    } else {
        0.3
    };
    if s.domain && !s.terminal {
        p = p.min(0.15);
    }
    if let Some(h) = hints {
        if h.in_nav || h.in_footer || h.in_comments {
            p *= 0.35;
        } else if h.in_aside {
            p *= 0.5;
        }
        if h.link_density > 0.5 {
            p *= 0.4;
        }
        if h.in_caption {
            p = p.min(0.2);
        }
        if h.in_article && p > 0.3 {
            p += (1.0 - p) * 0.3;
        }
    }
    p.clamp(0.0, 1.0)
}

/// The run of blocks with the most article weight: maximum-sum segment of
/// `(own - 0.5) * weight` (Kadane). Returns an empty range when nothing scores above 0.5.
fn densest_region(items: &[Item]) -> std::ops::Range<usize> {
    let (mut best, mut best_range) = (0.0f32, 0..0);
    let (mut sum, mut start) = (0.0f32, 0);
    for (i, it) in items.iter().enumerate() {
        let gain = (it.own - 0.5) * (it.shape.words + 3.0);
        if sum <= 0.0 {
            sum = 0.0;
            start = i;
        }
        sum += gain;
        if sum > best {
            best = sum;
            best_range = start..i + 1;
        }
    }
    best_range
}

/// Whether a line removed as a dateline names a date a reader would take for the article's
/// ("Tuesday, October 3, 2023", "20220217"), not a table row of numbers.
pub fn names_a_date(line: &str) -> bool {
    shape(line.trim()).named_date
}

/// Classifies every block of one document.
pub fn classify(text: &str, blocks: &[Block], templates: &Templates) -> Vec<Verdict> {
    training::classify_with(&model::MODELS, text, blocks, templates)
}

fn items(text: &str, blocks: &[Block], templates: &Templates) -> Vec<Item> {
    blocks
        .iter()
        .map(|b| {
            let line = text.get(b.range.clone()).unwrap_or("");
            let shape = shape(line);
            let groups = templates.count(line);
            // Two unrelated documents can share a sentence (a quote both retell); a line
            // without sentence punctuation in two, or any line in three, is the site's template.
            let template = shape.words <= 25.0 && (groups >= 3 || groups >= 2 && !shape.terminal);
            let own = own_score(&shape, b.hints.as_ref());
            Item {
                shape,
                own,
                template,
                groups,
            }
        })
        .collect()
}

/// The hand-written rules: a label for every block and a score from shape and position. They
/// name the reasons, and their score is one of the learned model's features.
/// `runs` is `headline_runs(items)`.
fn rules(items: &[Item], blocks: &[Block], runs: &[usize]) -> Vec<Verdict> {
    let region = densest_region(items);
    let mut verdicts = Vec::with_capacity(items.len());
    for (i, it) in items.iter().enumerate() {
        let s = &it.shape;
        let hints = blocks[i].hints.as_ref();
        let mut score = it.own;
        let mut label = Label::Article;
        if let Some(l) = s.phrase {
            label = l;
        } else if s.url {
            label = Label::Url;
        } else if it.template {
            label = Label::Template;
            score = score.min(0.1);
        } else if s.date {
            label = Label::Dateline;
        } else if i < region.start {
            // The page header: site name, menus, title, date.
            score = score.min(if s.terminal && s.words >= 12.0 {
                0.45
            } else {
                0.15
            });
            let heading = hints.is_some_and(|h| h.heading);
            label = if s.domain {
                Label::Promo
            } else if (headline_like(s) || heading && s.words >= 3.0)
                && region.start - i <= 5
                && s.digit_ratio < 0.2
                && !s.enumerated
            {
                // A title sits just above the article; headline-like lines far above it are
                // menus and teasers.
                Label::Title
            } else if s.colon || heading {
                Label::Heading
            } else {
                Label::Navigation
            };
        } else if i >= region.end {
            score = score.min(if s.terminal && s.words >= 12.0 {
                0.4
            } else {
                0.12
            });
            let run = runs[i];
            label = if s.domain {
                Label::Promo
            } else if run >= 2 {
                Label::HeadlineList
            } else {
                Label::Footer
            };
        } else if headline_like(s) && s.words >= 7.0 && !hints.is_some_and(|h| h.heading) {
            // Inside the article, a long line without punctuation is another story's headline.
            score = score.min(0.2);
            label = if runs[i] >= 2 {
                Label::HeadlineList
            } else {
                Label::Promo
            };
        } else if score < 0.5 {
            let heading = hints.is_some_and(|h| h.heading);
            if heading && s.words <= 12.0 && score >= 0.2 {
                score = 0.55;
            } else if s.terminal || s.words >= 3.0 && !s.colon && score >= 0.25 {
                // A short paragraph between article paragraphs.
                score = score.max(0.55);
            } else {
                label = if s.colon {
                    Label::Heading
                } else {
                    Label::Navigation
                };
            }
        } else {
            score = score.max(0.6);
        }
        if label != Label::Article {
            score = score.min(0.45);
        } else {
            score = score.max(0.5);
        }
        verdicts.push(Verdict {
            label,
            score,
            reason: reason(label),
        });
    }
    verdicts
}

/// For every block, how many headline-like blocks are in the run around it (0 when it is not
/// headline-like): one pass, as menus make runs of hundreds of lines.
fn headline_runs(items: &[Item]) -> Vec<usize> {
    let like = |it: &Item| headline_like(&it.shape) || it.shape.words <= 3.0 && !it.shape.terminal;
    let mut runs = vec![0; items.len()];
    let mut start = 0;
    for i in 0..=items.len() {
        if items.get(i).is_some_and(like) {
            continue;
        }
        // `start..i` is a maximal run (maybe empty); `i` is not headline-like.
        runs[start..i].fill(i - start);
        start = i + 1;
    }
    runs
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::segment;

    /// The one-word-at-a-time `has_domain` that the scan around dots replaced.
    fn has_domain_per_word(line: &str) -> bool {
        line.split_whitespace().any(domain_word)
    }

    /// Lines with ASCII and other whitespace, punctuation, dots, TLDs in any case.
    const ODD_LINES: &[&str] = &[
        "",
        " ",
        "Read more at NWWeek.com today",
        "  Visit\twww.example.co.uk.  ",
        "(see example.ORG)",
        "a.com",
        "ab.com",
        "x .com y",
        "end.",
        "...",
        "file.news\u{2003}next.io\u{00A0}ok",
        "\u{3000}数据.de 说",
        "Mr. Smith went to Washington. He said: \"no.\"",
        "v1.2.3 release.ca",
        "It\u{2019}s 4 p.m., Don\u{2019}t   Miss\x0Bthis\x0C\r\n  -- Share!",
        "MIXED case Words, and_under-scores 42x 7",
        "\u{0130}stanbul caf\u{e9} \u{212A}elvin",
    ];

    #[test]
    fn domains_are_found_around_dots_as_word_by_word() {
        for line in ODD_LINES {
            assert_eq!(has_domain(line), has_domain_per_word(line), "{line:?}");
        }
        assert!(has_domain("Read more at NWWeek.com today"));
        assert!(!has_domain("end. of. story."));
    }

    #[test]
    fn ascii_lines_take_the_same_forms_as_any_line() {
        for line in ODD_LINES.iter().filter(|l| l.is_ascii()) {
            assert_eq!(
                ascii_forms(line),
                (lower_collapsed(line), normalize(line)),
                "{line:?}"
            );
        }
        assert_eq!(
            ascii_forms("  Don't\tMISS -- this!  "),
            (
                "don't miss -- this!".to_owned(),
                "don t miss this".to_owned()
            )
        );
    }

    #[test]
    fn word_kinds_are_looked_up_by_bytes() {
        let mut n = Counts::default();
        for w in ["The", "MARCH", "2024", "at", "Bridge", "Über"] {
            n.word(w);
        }
        assert_eq!((n.words, n.stops, n.date_tokens), (6, 3, 3));
        assert!(n.date_anchor);
        assert_eq!(kind("march".as_bytes()) & MONTH_OR_DAY, MONTH_OR_DAY);
        assert_eq!(kind(b"bridge"), 0);
    }

    #[test]
    fn table_rows_of_numbers_name_no_date() {
        for (line, date) in [
            ("Tuesday, October 3, 2023", true),
            ("2022-02-17 10:45", true),
            ("20220217", true),
            ("03 12 2026 14 05", true),
            ("Barcelona 15 10 4 1 38 15 34", false),
            ("Newcastle 4 3 1 0 8 3 10", false),
            ("12 14 9 3 7", false),
            ("BALTIMORE 68 62 .523 6", false),
            ("10:45", true),
            ("Updated 12/03", true),
        ] {
            assert_eq!(shape(line).named_date, date, "{line:?}");
        }
    }

    #[test]
    fn comment_headings_need_their_phrase() {
        assert!(comment_marker("34 responses to Why the bridge stays", 7.0).0);
        assert!(comment_marker("Thoughts on this story", 4.0).0);
        assert!(!comment_marker("Responses, replies and thoughts", 4.0).0);
        assert!(!comment_marker("The bus to town", 4.0).0);
    }

    fn verdicts(text: &str) -> Vec<(String, Verdict)> {
        let blocks = segment::lines(text);
        let v = classify(text, &blocks, &Templates::default());
        blocks
            .iter()
            .map(|b| text[b.range.clone()].to_owned())
            .zip(v)
            .collect()
    }

    fn verdict_of(text: &str, line: &str) -> Verdict {
        verdicts(text)
            .into_iter()
            .find(|(l, _)| l == line)
            .map(|(_, v)| v)
            .unwrap_or_else(|| panic!("no line {line:?}"))
    }

    #[track_caller]
    fn assert_removed(text: &str, line: &str, label: Label) {
        let v = verdict_of(text, line);
        assert!(
            v.score < 0.5 && v.label == label,
            "{line:?}: {v:?}, wanted removed as {label:?}"
        );
    }

    #[track_caller]
    fn assert_kept(text: &str, line: &str) {
        let v = verdict_of(text, line);
        assert!(
            v.score >= 0.5 && v.label == Label::Article,
            "{line:?}: {v:?}, wanted kept"
        );
    }

    const ARTICLE: &str = "Russian President Vladimir Putin said on Thursday that Washington's willingness to discuss security proposals was positive.\n\
The Kremlin has become increasingly insistent that the West and NATO are dangerously encroaching on Russia's borders.\n\
Moscow presented broad security demands to the West last week, saying NATO should not admit new members.\n";

    fn with(extra: &str) -> String {
        format!(
            "{ARTICLE}{extra}\nTalks to reduce tensions over NATO and Ukraine will take place between the United States and Russia next year.\n"
        )
    }

    #[test]
    fn furniture_lines() {
        for (line, label) in [
            ("Leave a Reply", Label::CommentForm),
            (
                "Your email address will not be published. Required fields are marked *",
                Label::CommentForm,
            ),
            ("1 Comment", Label::CommentForm),
            (
                "Also Read  Black man grabbing tea from car shot by police, lawsuit says",
                Label::Promo,
            ),
            ("Photo: Reuters", Label::Caption),
            (
                "Russian President Vladimir Putin; Image from The Independent News",
                Label::Caption,
            ),
            ("Share this article", Label::Share),
            ("Show More", Label::Navigation),
            ("© 2024 Example Media. All rights reserved.", Label::Footer),
            ("Source: NBC News", Label::Byline),
            ("Читайте также: новости дня", Label::Promo),
            ("Lesen Sie auch: Die wichtigsten Nachrichten", Label::Promo),
        ] {
            assert_removed(&with(line), line, label);
        }
    }

    /// Caption lines, their credit at the start or at the end: removed as captions, not as
    /// promos, menus or the title, above or below the article.
    #[test]
    fn captions_and_credits_get_the_caption_reason() {
        for line in [
            "Photo: Reuters",
            "A man walks past a shop. Photo: AFP/Getty Images",
            "(Photo by John Smith/Reuters)",
            "Image: Shutterstock",
            "Picture: PA",
            "A man walks past a shop in central London on Tuesday. Photo: AFP",
            "A man walks past a shop in central London on Tuesday. Picture: PA",
            "A man walks past a shop in central London on Tuesday. Credit: Reuters",
            "A man walks past a shop in central London on Tuesday. Photograph: Alamy",
            "Pictures: PA",
            "Photo : Reuters",
            "Photo/Reuters",
            "(John Smith/Reuters)",
            "Photo courtesy of the city council",
        ] {
            assert_removed(&with(line), line, Label::Caption);
            let above = format!("Putin talks to the West\n{line}\n{ARTICLE}");
            assert_removed(&above, line, Label::Caption);
        }
        // Promo lines keep their reason.
        for line in [
            "Also Read  Black man grabbing tea from car shot by police, lawsuit says",
            "Ukraine war latest: Kremlin hits back at NATO chief over troops",
        ] {
            assert_removed(&with(line), line, Label::Promo);
        }
    }

    /// A wire story's first paragraph opens with its dateline and agency ("WASHINGTON
    /// (Reuters) - "): the agency in brackets is no picture credit there.
    #[test]
    fn wire_leads_are_kept() {
        let lead = "WASHINGTON (Reuters) - President Bill Clinton signed a sweeping welfare \
                    reform bill into law on Thursday, ending six decades of federal guarantees.";
        let text = format!(
            "Clinton signs welfare reform bill\n\n{lead}\n\nClinton said the law would end \
             welfare as Americans know it. Republicans in Congress passed the bill last month.\n"
        );
        assert_kept(&text, lead);
        assert_eq!(match_phrase(lead, 25.0), None);
        assert_eq!(
            match_phrase("Protesters march in Cairo on Friday (Reuters)", 8.0),
            Some(Label::Caption)
        );
    }

    #[test]
    fn credit_lines() {
        for (line, credit) in [
            ("Photo: Reuters", true),
            ("PHOTO: REUTERS", true),
            ("Photo : Reuters", true),
            ("Photo - Reuters", true),
            ("Photo/Reuters", true),
            ("Photographs: Getty", true),
            ("Picture by PA", true),
            ("Credits: AP", true),
            ("Illustration: John Smith", true),
            ("(Photo: John Smith/Reuters)", true),
            ("John Smith/Reuters", true),
            ("A man walks past a shop. Photo: AFP.", true),
            ("A man walks past a shop (Picture: PA Wire)", true),
            ("Фото: РИА Новости", true),
            ("Picture this: the summer of 1969", false),
            ("Pictures: inside the royal wedding", false),
            ("Photo gallery of the week", false),
            ("The photo: a man walking past a shop", false),
            ("He was photographed by Reuters", false),
            ("Subscribe to Reuters", false),
            ("and/or", false),
        ] {
            assert_eq!(credit_line(line), credit, "{line:?}");
        }
    }

    #[test]
    fn header_lines() {
        let text = format!(
            "NW Week\nTuesday, October 3, 2023\nPutin has said that Russia doesn't wish to be involved in Ukraine\nhttp://www.example.com/story-1\n{ARTICLE}"
        );
        assert_removed(&text, "NW Week", Label::Navigation);
        assert_removed(&text, "Tuesday, October 3, 2023", Label::Dateline);
        assert_removed(
            &text,
            "Putin has said that Russia doesn't wish to be involved in Ukraine",
            Label::Title,
        );
        assert_removed(&text, "http://www.example.com/story-1", Label::Url);
    }

    #[test]
    fn short_paragraphs_and_quotes_are_kept() {
        let text = with(
            "“You want guarantees from me,” Putin said. “And right now.”\nHe also said it was enough.",
        );
        assert_kept(
            &text,
            "“You want guarantees from me,” Putin said. “And right now.”",
        );
        assert_kept(&text, "He also said it was enough.");
    }

    #[test]
    fn a_pasted_paragraph_keeps_its_text() {
        let text = "Russian President Vladimir Putin met Olaf Scholz in Moscow on Tuesday.\n\nLeave a Reply\n";
        assert_kept(
            text,
            "Russian President Vladimir Putin met Olaf Scholz in Moscow on Tuesday.",
        );
        assert_removed(text, "Leave a Reply", Label::CommentForm);
    }

    #[test]
    fn headline_list_after_the_article() {
        let text = format!(
            "{ARTICLE}\nTrump Reverses Course on Greenland After Diplomatic Backlash\nU.N. Human Rights Council Condemns Iran Over Deadly Crackdown\nNew York Judge Orders Redrawing of GOP-Held Congressional District\n"
        );
        assert_removed(
            &text,
            "Trump Reverses Course on Greenland After Diplomatic Backlash",
            Label::HeadlineList,
        );
    }

    #[test]
    fn german_and_russian_articles_keep_their_paragraphs() {
        let de = "Startseite\nDer russische Präsident Wladimir Putin hat am Dienstag erklärt, dass Russland keinen Krieg in Europa wolle.\n\
Bei einer Pressekonferenz mit Bundeskanzler Olaf Scholz sagte er, die Frage der NATO-Erweiterung müsse sofort gelöst werden.\n\
Kurz.\nDie Nato und die USA sehen bislang keine Hinweise auf einen Truppenabzug an der ukrainischen Grenze.\n";
        for line in de.lines().skip(1) {
            if line != "Kurz." {
                assert_kept(de, line);
            }
        }
        let ru = "Президент России Владимир Путин заявил во вторник, что Россия не хочет войны в Европе.\n\
На совместной пресс-конференции с канцлером Германии Олафом Шольцем он сказал, что вопрос о расширении НАТО должен быть решён немедленно.\n\
В НАТО и США пока не видят признаков отвода войск от украинской границы.\nЧитайте также: главное за день\n";
        for line in ru.lines().take(3) {
            assert_kept(ru, line);
        }
        assert_removed(ru, "Читайте также: главное за день", Label::Promo);
        let zh = "俄罗斯总统普京周二表示，俄罗斯不希望在欧洲发生战争，并愿意继续与西方进行对话。\n德国总理朔尔茨在莫斯科与普京举行会谈后表示，外交努力远未结束，各方应当保持克制。\n";
        for line in zh.lines() {
            assert_kept(zh, line);
        }
    }

    fn html_verdicts(html: &str) -> Vec<(String, Verdict)> {
        let page = crate::html::parse(html);
        let blocks: Vec<Block> = page
            .blocks
            .iter()
            .enumerate()
            .map(|(i, (range, hints))| Block {
                range: range.clone(),
                blank_before: i == 0 || hints.heading,
                hints: Some(hints.clone()),
            })
            .collect();
        let v = classify(&page.text, &blocks, &Templates::default());
        blocks
            .iter()
            .map(|b| page.text[b.range.clone()].to_owned())
            .zip(v)
            .collect()
    }

    #[test]
    fn template_lines_match_across_case_punctuation_and_spacing() {
        assert_eq!(line_key("Leave a Reply!"), line_key("  leave a  REPLY"));
        assert_eq!(line_key("Leave a Reply").map(|k| k.1), Some(3));
        assert_ne!(line_key("Leave a Reply"), line_key("Leave aReply"));
        assert_eq!(line_key("— … —"), None);
        // A non-ASCII mark that is no letter does not change the key.
        for line in [
            "Leave a Reply!",
            "  Posted in: News, 2024 ",
            "A-1 b2 C3d",
            "x",
        ] {
            assert_eq!(
                line_key(line),
                line_key(&format!("{line} — «»")),
                "{line:?}"
            );
        }
        assert_eq!(line_key("CAFÉ au lait"), line_key("café AU LAIT"));
    }

    #[test]
    fn small_html_page_keeps_its_short_last_paragraph() {
        let html = "<!doctype html><html><head><title>Scholz in Moscow</title></head><body>\
            <nav><a href=\"/\">Home</a> <a href=\"/world\">World</a></nav>\
            <article><h1>Scholz meets Putin in Moscow</h1><p>German Chancellor Olaf Scholz met \
            Russian President Vladimir Putin in Moscow on Tuesday, as Western leaders pressed for a \
            diplomatic end to the standoff over Ukraine.</p><p>The two leaders spoke for more than \
            three hours, officials said after the meeting.</p></article>\
            <footer>© 2022 Example News. All rights reserved.</footer></body></html>";
        let v = html_verdicts(html);
        let kept: Vec<&str> = v
            .iter()
            .filter(|(_, v)| v.score >= 0.5)
            .map(|(t, _)| t.as_str())
            .collect();
        assert_eq!(kept.len(), 2, "{v:?}");
        assert!(kept[1].starts_with("The two leaders spoke"));
    }

    #[test]
    fn html_page_keeps_the_article_and_drops_furniture() {
        let paragraphs: String = ARTICLE
            .lines()
            .chain(["He also announced that a new arsenal of hypersonic missiles was approaching combat readiness."])
            .map(|l| format!("<p>{l}</p>\n"))
            .collect();
        let html = format!(
            r#"<html><head><title>Putin talks to the West - Example News</title></head><body>
            <header><a href="/">Example News</a></header>
            <nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li>
            <li><a href="/sport">Sport</a></li></ul></nav>
            <article><h1>Putin talks to the West</h1>{paragraphs}
            <figure><img src="a.jpg" onerror="alert(1)"><figcaption>Photo: Reuters</figcaption></figure>
            </article>
            <aside class="related"><h3>Related</h3><ul>
            <li><a href="/a">Trump Reverses Course on Greenland After Diplomatic Backlash</a></li>
            <li><a href="/b">U.N. Human Rights Council Condemns Iran Over Deadly Crackdown</a></li></ul></aside>
            <div id="comments"><h3>Leave a Reply</h3>
            <p>Your email address will not be published. Required fields are marked *</p></div>
            <footer><p>© 2024 Example News. All rights reserved.</p></footer>
            <script>document.write("<p>injected</p>")</script></body></html>"#
        );
        let v = html_verdicts(&html);
        for (text, verdict) in &v {
            let article = ARTICLE.contains(text.as_str()) || text.starts_with("He also announced");
            assert_eq!(verdict.score >= 0.5, article, "{text:?}: {verdict:?}");
        }
        assert!(v
            .iter()
            .all(|(t, _)| !t.contains("injected") && !t.contains("alert")));
        let label = |line: &str| v.iter().find(|(t, _)| t == line).map(|(_, v)| v.label);
        assert_eq!(label("Leave a Reply"), Some(Label::CommentForm));
        assert_eq!(label("Photo: Reuters"), Some(Label::Caption));
    }

    #[test]
    fn html_captions_get_the_caption_reason() {
        let paragraphs: String = ARTICLE.lines().map(|l| format!("<p>{l}</p>\n")).collect();
        let html = format!(
            r#"<html><body><article><h1>Putin talks to the West</h1>
            <figure><img src="a.jpg"><figcaption>Vladimir Putin at a news conference in Moscow on Thursday</figcaption></figure>
            {paragraphs}<p>Talks to reduce tensions over NATO and Ukraine will take place between the United States and Russia next year.</p>
            </article><aside><p>Vladimir Putin at a news conference in Moscow on Thursday. Picture: PA</p></aside>
            </body></html>"#
        );
        let v = html_verdicts(&html);
        let captions: Vec<_> = v
            .iter()
            .filter(|(t, _)| t.starts_with("Vladimir Putin at a news conference"))
            .collect();
        assert_eq!(captions.len(), 2, "{v:?}");
        for (text, verdict) in captions {
            assert!(
                verdict.score < 0.5 && verdict.label == Label::Caption,
                "{text:?}: {verdict:?}"
            );
        }
    }

    #[test]
    fn template_lines_recur_across_unrelated_documents() {
        let docs = [
            format!("Northwind Daily Edition\n{ARTICLE}“We want peace,” Putin said.\n"),
            "Northwind Daily Edition\nThe harvest in Saskatchewan was the largest in a decade, farmers said on Monday.\nPrices for wheat fell by a tenth as silos filled across the prairies.\n“We want peace,” Putin said.\n".to_owned(),
            "Northwind Daily Edition\nA new bridge over the river opened to traffic after four years of construction work.\nCommuters said the crossing now takes ten minutes instead of forty.\n".to_owned(),
        ];
        let blocks: Vec<Vec<Block>> = docs.iter().map(|d| segment::lines(d)).collect();
        let inputs: Vec<Option<(&str, &[Block])>> = docs
            .iter()
            .zip(&blocks)
            .map(|(d, b)| Some((d.as_str(), b.as_slice())))
            .collect();
        let templates = Templates::from_collection(&inputs);
        let v = classify(&docs[0], &blocks[0], &templates);
        let line = |i: usize| &docs[0][blocks[0][i].range.clone()];
        assert_eq!(line(0), "Northwind Daily Edition");
        assert!(
            v[0].score < 0.5 && v[0].label == Label::Template,
            "{:?}",
            v[0]
        );
        // A sentence two retellings share is theirs, not the site's.
        let last = blocks[0].len() - 1;
        assert_eq!(line(last), "“We want peace,” Putin said.");
        assert_ne!(v[last].label, Label::Template);
    }

    #[test]
    fn a_lone_document_has_no_template_lines() {
        let doc = "Northwind Daily Edition\nNorthwind Daily Edition\nThe harvest was large.\n";
        let blocks = segment::lines(doc);
        let templates = Templates::from_collection(&[None, Some((doc, &blocks)), None]);
        assert!(templates.groups.is_empty());
        assert_eq!(templates.count("Northwind Daily Edition"), 1);
    }
}
