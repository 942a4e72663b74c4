//! Entity recognition: people, organizations, places and other names by a statistical tagger,
//! dates, times, money, percentages and numbers by rules; then aliases merged per document and
//! across the collection (`alias`).
//!
//! PLACEHOLDER recognizer: capitalized runs with a tiny list; replaced by the trained model.

mod alias;

pub use alias::{merge_collection, summarize};

use serde::Serialize;
use std::ops::Range;

/// Entity types: CoNLL-2003 names plus the numeric types of the CLI contract.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum Label {
    Per,
    Org,
    Loc,
    Misc,
    Date,
    Time,
    Money,
    Percent,
    Number,
}

impl Label {
    pub fn as_str(self) -> &'static str {
        match self {
            Label::Per => "PER",
            Label::Org => "ORG",
            Label::Loc => "LOC",
            Label::Misc => "MISC",
            Label::Date => "DATE",
            Label::Time => "TIME",
            Label::Money => "MONEY",
            Label::Percent => "PERCENT",
            Label::Number => "NUMBER",
        }
    }

    /// Names (as opposed to values): these get aliases merged.
    pub fn is_name(self) -> bool {
        matches!(self, Label::Per | Label::Org | Label::Loc | Label::Misc)
    }
}

/// One mention: a byte range of the text and its type.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mention {
    pub range: Range<usize>,
    pub label: Label,
}

/// Finds every mention in `text`, sorted by start, never overlapping.
pub fn recognize(text: &str) -> Vec<Mention> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    let mut last_end = 0;
    for (i, w) in word_spans(text) {
        let capital = w.chars().next().is_some_and(char::is_uppercase);
        if capital {
            if start.is_none() {
                start = Some(i);
            }
            last_end = i + w.len();
        } else if let Some(s) = start.take() {
            push_guess(text, s..last_end, &mut out);
        }
    }
    if let Some(s) = start {
        push_guess(text, s..last_end, &mut out);
    }
    out
}

fn word_spans(text: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices().chain(std::iter::once((text.len(), ' '))) {
        let word = c.is_alphanumeric() || c == '-';
        match (word, start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                out.push((s, &text[s..i]));
                start = None;
            }
            _ => {}
        }
    }
    out
}

fn push_guess(text: &str, range: Range<usize>, out: &mut Vec<Mention>) {
    let s = &text[range.clone()];
    let label = match s {
        "NATO" | "Kremlin" | "MSNBC" | "EU" | "European Union" => Label::Org,
        "Ukraine" | "Russia" | "Kyiv" | "Moscow" | "Europe" | "US" | "Geneva" | "Washington" => Label::Loc,
        _ if s.contains(' ') => Label::Per,
        _ => return,
    };
    out.push(Mention { range, label });
}
