//! Dates, times, money, percentages and quantities, by hand-written rules over tokens.
//!
//! At each token every matcher says how many tokens it would take; the longest match wins (ties
//! in the order money, percent, time, date, number), and the scan continues after it. The
//! conventions follow OntoNotes loosely: "last week", "mid-November" and a bare year "2014" are
//! DATE; "over 500" and "tens of thousands" are NUMBER; "$4.5bn" and "500 dollars" are MONEY.
//!
//! Limits: no ordinals, durations ("three years") count as NUMBER + noun, and a four-digit number
//! from 1800 to 2099 is taken for a year unless a plural noun follows ("2000 troops").

use super::Label;
use crate::fxhash::FxHashSet;
use std::borrow::Cow;
use std::ops::Range;
use std::sync::OnceLock;

/// Lower case (also read by `spanfix`, which compares ignoring case).
pub(super) const WEEKDAYS: &[&str] = &[
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];
pub const MONTHS: &[&str] = &[
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
    "jan.",
    "feb.",
    "mar.",
    "apr.",
    "jun.",
    "jul.",
    "aug.",
    "sep.",
    "sept.",
    "oct.",
    "nov.",
    "dec.",
    "jan",
    "feb",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
];
const SEASONS: &[&str] = &["spring", "summer", "autumn", "fall", "winter"];
const RELATIVE_DAYS: &[&str] = &["today", "yesterday", "tomorrow"];
const DATE_UNITS: &[&str] = &[
    "week", "month", "year", "weekend", "decade", "century", "quarter", "season",
];
const DATE_UNITS_PLURAL: &[&str] = &["days", "weeks", "months", "years", "decades", "centuries"];
const RELATIVE_WORDS: &[&str] = &[
    "last",
    "next",
    "this",
    "past",
    "coming",
    "previous",
    "following",
    "same",
];
const PERIOD_WORDS: &[&str] = &["early", "mid", "late"];
const NUMBER_WORDS: &[&str] = &[
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
    "twenty",
    "thirty",
    "forty",
    "fifty",
    "sixty",
    "seventy",
    "eighty",
    "ninety",
    "hundred",
    "thousand",
    "million",
    "billion",
    "trillion",
    "dozen",
    "dozens",
    "hundreds",
    "thousands",
    "millions",
    "billions",
    "tens",
];
const MAGNITUDES: &[&str] = &[
    "hundred", "thousand", "million", "billion", "trillion", "bn", "m", "mn", "mln", "k", "b",
    "tn", "crore", "lakh", "bln", "trn",
];
const CURRENCY_SYMBOLS: &[&str] = &[
    "$", "€", "£", "¥", "₹", "₽", "₩", "₺", "₴", "us$", "a$", "c$", "hk$",
];
const CURRENCY_CODES: &[&str] = &[
    "usd", "eur", "gbp", "jpy", "cny", "rub", "uah", "inr", "chf", "cad", "aud",
];
const CURRENCY_WORDS: &[&str] = &[
    "dollar", "dollars", "euro", "euros", "pound", "pounds", "yen", "yuan", "renminbi", "ruble",
    "rubles", "rouble", "roubles", "rupee", "rupees", "franc", "francs", "cent", "cents", "pence",
    "hryvnia", "hryvnias", "won", "lira", "pesos", "peso", "usd", "eur", "gbp", "bitcoin",
];
const PERCENT_WORDS: &[&str] = &[
    "%",
    "percent",
    "per cent",
    "pct",
    "percentage point",
    "percentage points",
];
const AMPM: &[&str] = &["a.m.", "p.m.", "am", "pm", "a.m", "p.m"];
const TIMEZONES: &[&str] = &[
    "gmt", "utc", "et", "est", "edt", "ct", "cst", "cdt", "pt", "pst", "pdt", "cet", "cest", "bst",
    "msk", "eet", "eest",
];
const APPROXIMATORS: &[&str] = &[
    "over",
    "about",
    "around",
    "nearly",
    "almost",
    "roughly",
    "approximately",
    "some",
    "more than",
    "less than",
    "fewer than",
    "at least",
    "up to",
    "under",
    "just over",
    "just under",
];

/// The tokens of one text with lower-case forms, for matching.
struct Toks<'a> {
    text: &'a str,
    ranges: &'a [Range<usize>],
    lower: Vec<Cow<'a, str>>,
}

impl Toks<'_> {
    fn lw(&self, i: usize) -> &str {
        self.lower.get(i).map_or("", |s| s)
    }

    fn raw(&self, i: usize) -> &str {
        self.ranges.get(i).map_or("", |r| &self.text[r.clone()])
    }

    /// Whether token `i` follows token `i - 1` with nothing (no space) in between.
    fn glued(&self, i: usize) -> bool {
        i > 0 && i < self.ranges.len() && self.ranges[i - 1].end == self.ranges[i].start
    }

    fn is(&self, i: usize, words: &[&str]) -> bool {
        words.contains(&self.lw(i))
    }

    /// Length in tokens of the longest phrase from `words` (space-separated) starting at `i`.
    fn phrase(&self, i: usize, words: &[&str]) -> usize {
        words
            .iter()
            .filter(|w| w.split(' ').enumerate().all(|(k, p)| self.lw(i + k) == p))
            .map(|w| w.split(' ').count())
            .max()
            .unwrap_or(0)
    }

    fn is_number(&self, i: usize) -> bool {
        let s = self.lw(i);
        s.as_bytes().first().is_some_and(u8::is_ascii_digit)
            && s.bytes()
                .all(|b| b.is_ascii_digit() || b == b',' || b == b'.')
            && !s.ends_with([',', '.'])
    }

    /// A number: digits, number words ("five", "tens of thousands"), with magnitudes.
    fn number(&self, i: usize) -> usize {
        if !(self.is_number(i) || self.is(i, NUMBER_WORDS) || is_hyphenated_number(self.lw(i))) {
            return 0;
        }
        let mut n = 1;
        loop {
            if self.is(i + n, MAGNITUDES) && (self.lw(i + n).len() > 1 || self.glued(i + n)) {
                n += 1;
            } else if (self.lw(i + n) == "of"
                && self.is(
                    i + n + 1,
                    &["thousands", "millions", "billions", "hundreds"],
                ))
                || (self.lw(i + n) == "and"
                    && self.is(i + n + 1, NUMBER_WORDS)
                    && self.is(i + n - 1, &["hundred", "thousand"]))
            {
                // "tens of thousands", "two hundred and fifty"
                n += 2;
            } else {
                break;
            }
        }
        n + self.degrees(i + n)
    }

    /// Tokens of a temperature unit at `i` ("°C", "° F", "℃"): part of the number before it.
    fn degrees(&self, i: usize) -> usize {
        match self.lw(i) {
            "°" | "º" if self.is(i + 1, &["c", "f"]) => 2,
            "°c" | "°f" | "ºc" | "ºf" | "℃" | "℉" => 1,
            _ => 0,
        }
    }

    fn money(&self, i: usize) -> usize {
        // $4.5bn, US$ 20, € 20 million, USD 5
        let mut k = 0;
        if self.lw(i) == "us" && self.lw(i + 1) == "$" {
            k = 1;
        }
        if self.is(i + k, CURRENCY_SYMBOLS) || self.is(i + k, CURRENCY_CODES) {
            let n = self.number(i + k + 1);
            if n > 0 && self.is_number(i + k + 1) {
                return k + 1 + n;
            }
            return 0;
        }
        // 500 dollars, 20 million euros, 5 US dollars
        let n = self.number(i);
        if n == 0 {
            return 0;
        }
        if self.is(i + n, CURRENCY_WORDS) {
            return n + 1;
        }
        if self.is(i + n, &["us", "u.s."]) && self.is(i + n + 1, &["dollar", "dollars"]) {
            return n + 2;
        }
        0
    }

    fn percent(&self, i: usize) -> usize {
        let n = self.number(i);
        if n == 0 {
            return 0;
        }
        let p = self.phrase(i + n, PERCENT_WORDS);
        if p > 0 {
            n + p
        } else {
            0
        }
    }

    fn time(&self, i: usize) -> usize {
        let s = self.lw(i);
        let clock = s.len() >= 4
            && s.contains(':')
            && s.bytes().all(|b| b.is_ascii_digit() || b == b':')
            && s.split(':').all(|p| p.len() == 2 || p.len() == 1)
            && s.split(':')
                .next()
                .and_then(|h| h.parse::<u32>().ok())
                .is_some_and(|h| h < 24);
        if self.is(i, &["noon", "midnight"]) {
            return 1;
        }
        let hour_ampm =
            s.parse::<u32>().is_ok_and(|h| (1..=12).contains(&h)) && self.is(i + 1, AMPM);
        if !clock && !hour_ampm {
            return 0;
        }
        let mut n = 1;
        if self.is(i + n, AMPM) {
            n += 1;
        }
        if self.is(i + n, TIMEZONES) && self.raw(i + n).chars().all(|c| c.is_ascii_uppercase()) {
            n += 1;
        }
        n
    }

    fn is_month(&self, i: usize) -> bool {
        let raw = self.raw(i);
        // "may", "march", "jan" in lower case are words, not months.
        self.is(i, MONTHS)
            && raw.chars().next().is_some_and(char::is_uppercase)
            && !(self.lw(i) == "may" && !self.is_day(i + 1) && !self.is_year(i + 1))
    }

    fn is_day(&self, i: usize) -> bool {
        let s = self.lw(i);
        let digits = s.trim_end_matches(|c: char| c.is_ascii_alphabetic());
        let suffix = &s[digits.len()..];
        matches!(suffix, "" | "st" | "nd" | "rd" | "th")
            && digits.len() <= 2
            && digits.parse::<u32>().is_ok_and(|d| (1..=31).contains(&d))
    }

    fn is_year(&self, i: usize) -> bool {
        let s = self.lw(i);
        s.len() == 4 && s.parse::<u32>().is_ok_and(|y| (1800..2100).contains(&y))
    }

    fn date(&self, i: usize) -> usize {
        let s = self.lw(i);
        // Tuesday, October 3, 2023 / Tuesday 3 October
        if self.is(i, WEEKDAYS) && self.raw(i).chars().next().is_some_and(char::is_uppercase) {
            let mut n = 1;
            let comma = usize::from(self.lw(i + 1) == ",");
            let rest = self.month_date(i + 1 + comma);
            if rest > 0 {
                n += comma + rest;
            }
            return n;
        }
        let md = self.month_date(i);
        if md > 0 {
            return md;
        }
        // mid-November, early 2014, late last year, the 1990s
        if self.is(i, PERIOD_WORDS) {
            let h = usize::from(self.lw(i + 1) == "-");
            let rest = self.date_core(i + 1 + h);
            if rest > 0
                && (h == 1
                    || self.is_month(i + 1 + h)
                    || self.is_year(i + 1 + h)
                    || self.is(i + 1, RELATIVE_WORDS))
            {
                return 1 + h + rest;
            }
        }
        // last week, next year, this month, last Tuesday
        if self.is(i, RELATIVE_WORDS)
            && (self.is(i + 1, DATE_UNITS)
                || self.is(i + 1, SEASONS)
                || self.is(i + 1, WEEKDAYS)
                || self.is_month(i + 1))
        {
            return 2;
        }
        if self.is(i, RELATIVE_DAYS) {
            return 1;
        }
        // three days ago, 10 years ago
        let n = self.number(i);
        if n > 0 && self.is(i + n, DATE_UNITS_PLURAL) && self.lw(i + n + 1) == "ago" {
            return n + 2;
        }
        if self.lw(i) == "a" && self.is(i + 1, DATE_UNITS) && self.lw(i + 2) == "ago" {
            return 3;
        }
        // 1990s, '90s
        if s.len() == 5
            && s.ends_with('s')
            && s[..4]
                .parse::<u32>()
                .is_ok_and(|y| (1000..2100).contains(&y) && y % 10 == 0)
        {
            return 1;
        }
        // 20220217, 2022-02-17, 17/02/2022, 2014-2016
        if is_compact_date(s) {
            return 1;
        }
        if self.is_year(i) {
            // "2000 troops" is a count; "in 2014 troops" is rare enough to lose.
            let next = self.lw(i + 1);
            let plural_noun = next.len() > 3
                && next.ends_with('s')
                && next.bytes().all(|b| b.is_ascii_lowercase())
                && !matches!(
                    next,
                    "this" | "was" | "has" | "is" | "as" | "its" | "his" | "us"
                );
            if !plural_noun && !self.is(i + 1, MAGNITUDES) {
                return 1;
            }
        }
        0
    }

    /// "October 3, 2023", "October 2023", "3 October 2023", "October 3", "October".
    fn month_date(&self, i: usize) -> usize {
        if self.is_month(i) {
            let mut n = 1;
            if self.is_day(i + 1) {
                n += 1;
                if self.lw(i + n) == "," && self.is_year(i + n + 1) {
                    n += 2;
                } else if self.is_year(i + n) {
                    n += 1;
                }
            } else if self.is_year(i + 1) {
                n += 1;
            } else if self.lw(i + 1) == "," && self.is_year(i + 2) {
                n += 2;
            }
            // A lone "March" or "May" at the start is too often a verb or name.
            if n == 1
                && self.is(
                    i,
                    &[
                        "march", "may", "jan", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
                    ],
                )
            {
                return 0;
            }
            return n;
        }
        if self.is_day(i) && self.is_month(i + 1) {
            let mut n = 2;
            if self.lw(i + 2) == "," && self.is_year(i + 3) {
                n += 2;
            } else if self.is_year(i + 2) {
                n += 1;
            }
            return n;
        }
        0
    }

    /// What may follow "mid-"/"early"/"late": a month, a year, a decade, "last year".
    fn date_core(&self, i: usize) -> usize {
        let md = self.month_date(i);
        if md > 0 {
            return md;
        }
        if self.is_month(i) || self.is_year(i) {
            return 1;
        }
        if self.is(i, RELATIVE_WORDS) && self.is(i + 1, DATE_UNITS) {
            return 2;
        }
        let s = self.lw(i);
        if s.len() == 5 && s.ends_with('s') && s[..4].parse::<u32>().is_ok() {
            return 1;
        }
        if self.is(i, SEASONS) || self.is(i, DATE_UNITS) {
            return 1;
        }
        0
    }

    fn approximator(&self, i: usize) -> usize {
        let a = self.phrase(i, APPROXIMATORS);
        if a > 0 && (self.is_number(i + a) || self.is(i + a, NUMBER_WORDS)) {
            a
        } else {
            0
        }
    }
}

fn is_hyphenated_number(s: &str) -> bool {
    // twenty-five (most words have no hyphen: a byte scan rules them out cheaply)
    s.as_bytes().contains(&b'-')
        && s.split_once('-')
            .is_some_and(|(a, b)| NUMBER_WORDS.contains(&a) && NUMBER_WORDS.contains(&b))
}

fn is_compact_date(s: &str) -> bool {
    let b = s.as_bytes();
    let num = |r: &str| r.parse::<u32>().ok();
    if b.len() == 8 && b.iter().all(u8::is_ascii_digit) {
        let (y, m, d) = (num(&s[..4]), num(&s[4..6]), num(&s[6..]));
        return y.is_some_and(|y| (1900..2100).contains(&y))
            && m.is_some_and(|m| (1..=12).contains(&m))
            && d.is_some_and(|d| (1..=31).contains(&d));
    }
    for sep in ['-', '/', '.'] {
        let parts: Vec<&str> = s.split(sep).collect();
        if parts.len() < 2
            || !parts
                .iter()
                .all(|p| !p.is_empty() && p.bytes().all(|c| c.is_ascii_digit()))
        {
            continue;
        }
        let v: Vec<u32> = parts.iter().filter_map(|p| num(p)).collect();
        let year = |i: usize| parts[i].len() == 4 && (1800..2100).contains(&v[i]);
        match parts.len() {
            // 2022-02-17
            3 if year(0) => return (1..=12).contains(&v[1]) && (1..=31).contains(&v[2]),
            // 17/02/2022, 2/17/22
            3 if sep != '.' || parts[2].len() == 4 => {
                return v[0] >= 1
                    && v[1] >= 1
                    && v[0] <= 31
                    && v[1] <= 31
                    && (v[0] <= 12 || v[1] <= 12)
                    && (parts[2].len() == 2 || year(2));
            }
            // 2014-2016
            2 if sep == '-' => return year(0) && year(1) && v[0] < v[1],
            _ => {}
        }
    }
    false
}

/// Finds value mentions: token index ranges with their labels, in order, never overlapping.
pub fn find(text: &str, tokens: &[Range<usize>]) -> Vec<(Range<usize>, Label)> {
    let t = Toks {
        text,
        ranges: tokens,
        lower: tokens
            .iter()
            .map(|r| {
                let s = &text[r.clone()];
                if s.bytes().any(|b| b.is_ascii_uppercase() || b >= 0x80) {
                    Cow::Owned(s.to_lowercase())
                } else {
                    Cow::Borrowed(s)
                }
            })
            .collect(),
    };
    let starts = rule_starts();
    let mut out = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        // Cheap filter: every rule starts with a digit, a symbol or a listed word.
        let first = t.lw(i).chars().next().unwrap_or(' ');
        let may_start =
            first.is_ascii_digit() || starts.contains(t.lw(i)) || is_hyphenated_number(t.lw(i));
        if !may_start {
            i += 1;
            continue;
        }
        let a = t.approximator(i);
        let candidates = [
            (t.money(i + a), Label::Money),
            (t.percent(i + a), Label::Percent),
            (t.time(i), Label::Time),
            (t.date(i), Label::Date),
            (t.number(i + a), Label::Number),
        ];
        let mut best = (0, Label::Number);
        for (len, label) in candidates {
            let len = if len > 0 && matches!(label, Label::Money | Label::Percent | Label::Number) {
                len + a
            } else {
                len
            };
            if len > best.0 {
                best = (len, label);
            }
        }
        if best.0 == 0 {
            i += 1;
            continue;
        }
        let end = (i + best.0).min(tokens.len());
        out.push((i..end, best.1));
        i = end;
    }
    out
}

/// Every token a rule can start with, other than digits.
fn rule_starts() -> &'static FxHashSet<&'static str> {
    static STARTS: OnceLock<FxHashSet<&'static str>> = OnceLock::new();
    STARTS.get_or_init(|| {
        let lists: [&[&'static str]; 11] = [
            WEEKDAYS,
            MONTHS,
            SEASONS,
            RELATIVE_DAYS,
            RELATIVE_WORDS,
            PERIOD_WORDS,
            NUMBER_WORDS,
            CURRENCY_CODES,
            CURRENCY_SYMBOLS,
            TIMEZONES,
            &["noon", "midnight", "us", "a"],
        ];
        let mut set: FxHashSet<&'static str> =
            lists.iter().flat_map(|l| l.iter().copied()).collect();
        set.extend(APPROXIMATORS.iter().filter_map(|a| a.split(' ').next()));
        set
    })
}
