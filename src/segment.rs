//! Text to blocks. Plain text: one block per non-empty line, trimmed, remembering whether a blank
//! line came before it (paragraph breaks are a context feature). HTML: the blocks the `html`
//! module found, with their structural hints.

use crate::html::Hints;
use std::ops::Range;

/// A unit that is kept or removed as a whole.
#[derive(Debug, Clone, PartialEq)]
pub struct Block {
    /// Byte range of the block's text in the decoded (or, for HTML, extracted) text.
    pub range: Range<usize>,
    /// A blank line (or, in HTML, a block-level boundary with a gap) precedes it.
    pub blank_before: bool,
    /// What the markup said about this block; `None` for plain text.
    pub hints: Option<Hints>,
}

/// Splits plain text into line blocks.
pub fn lines(text: &str) -> Vec<Block> {
    let mut blocks = Vec::new();
    let mut offset = 0;
    let mut blank_before = true;
    for line in text.split_inclusive('\n') {
        let start = offset;
        offset += line.len();
        let body = line.trim_end_matches(['\n', '\r']);
        let trimmed_start = body.len() - body.trim_start().len();
        let trimmed = body.trim();
        if trimmed.is_empty() {
            blank_before = true;
            continue;
        }
        let begin = start + trimmed_start;
        blocks.push(Block {
            range: begin..begin + trimmed.len(),
            blank_before,
            hints: None,
        });
        blank_before = false;
    }
    blocks
}

/// Counts words the way the page shows "words kept / total": runs of letters or digits.
pub fn word_count(text: &str) -> usize {
    let mut count = 0;
    let mut in_word = false;
    for c in text.chars() {
        let w = c.is_alphanumeric();
        if w && !in_word {
            count += 1;
        }
        in_word = w;
    }
    count
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_are_trimmed_and_remember_blank_lines() {
        let text = "  Title \r\n\r\nFirst para.\nSecond line\n\n\n  Last";
        let blocks = lines(text);
        let got: Vec<(&str, bool)> = blocks
            .iter()
            .map(|b| (&text[b.range.clone()], b.blank_before))
            .collect();
        assert_eq!(
            got,
            [
                ("Title", true),
                ("First para.", true),
                ("Second line", false),
                ("Last", true)
            ]
        );
    }

    #[test]
    fn words() {
        assert_eq!(word_count("Kyiv’s 100,000 troops — now"), 6);
        assert_eq!(word_count(""), 0);
    }
}
