//! Tokens with byte offsets, cut the way the training data (CoNLL/PTB style) cuts them, but on
//! raw scraped text: "Putin’s" → "Putin" "’s", "U.S." and "Mr." stay whole, "100,000" and
//! "4.5" stay whole, "$4.5bn" → "$" "4.5" "bn", "Kyiv-NATO" → "Kyiv" "-" "NATO" (a hyphen next to
//! a capital splits; "techno-based" and "20-year-old" do not), "said.Putin" → "said" "." "Putin".
//!
//! Every token is a non-empty byte range on char boundaries; whitespace is never inside a token.

use std::ops::Range;

/// Abbreviations that keep their final period ("Mr." is one token, as in the training data).
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "st", "jr", "sr", "inc", "corp", "ltd", "co", "gen", "col", "lt",
    "sgt", "capt", "gov", "sen", "rep", "prof", "rev", "jan", "feb", "mar", "apr", "jun", "jul",
    "aug", "sep", "sept", "oct", "nov", "dec", "mt", "ft", "vs", "etc", "no", "corp", "bros",
    "messrs", "adm", "maj", "cmdr", "pres", "supt", "vol", "dept", "univ", "est", "approx",
];

/// Contractions split off the end of a word, PTB style ("don't" → "do" "n't").
const CLITICS: &[&str] = &["n't", "'s", "'re", "'ve", "'ll", "'d", "'m"];

/// A word-internal char: letters, digits and combining marks (decomposed accents).
pub fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || ('\u{300}'..='\u{36f}').contains(&c)
}

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '’' | '‘' | 'ʼ' | '`')
}

fn is_hyphen(c: char) -> bool {
    matches!(c, '-' | '‐' | '‑')
}

/// Splits `text` into tokens, returned as byte ranges in order.
pub fn tokenize(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::with_capacity(text.len() / 5 + 1);
    let mut pieces = text.char_indices().peekable();
    while let Some(&(start, c)) = pieces.peek() {
        if c.is_whitespace() {
            pieces.next();
            continue;
        }
        // A whitespace-free chunk, then cut it into tokens.
        let mut end = start;
        while let Some(&(i, c)) = pieces.peek() {
            if c.is_whitespace() {
                break;
            }
            end = i + c.len_utf8();
            pieces.next();
        }
        split_chunk(text, start, end, &mut out);
    }
    out
}

/// Cuts a whitespace-free chunk `text[start..end]` into tokens.
fn split_chunk(text: &str, start: usize, end: usize, out: &mut Vec<Range<usize>>) {
    let chunk = &text[start..end];
    // Most chunks are plain words: no need to look at them char by char.
    if chunk.bytes().all(|b| b.is_ascii_alphanumeric()) {
        split_number_unit(text, start..end, out);
        return;
    }
    // URLs and e-mail addresses are one token: nothing inside them is a name.
    if chunk.contains("://")
        || chunk.starts_with("www.")
        || (chunk.contains('@') && chunk.contains('.') && chunk.len() > 5)
    {
        out.push(start..end);
        return;
    }
    let chars: Vec<(usize, char)> = chunk.char_indices().map(|(i, c)| (start + i, c)).collect();
    let n = chars.len();
    let at = |k: usize| chars.get(k).map(|&(_, c)| c);
    let pos = |k: usize| chars.get(k).map_or(end, |&(i, _)| i);
    let mut k = 0;
    while k < n {
        let c = chars[k].1;
        if !is_word_char(c) {
            // Ellipses and dash runs stay together; other punctuation is one char per token.
            let mut j = k + 1;
            if c == '.' || is_hyphen(c) {
                while j < n && chars[j].1 == c {
                    j += 1;
                }
            }
            // A clitic after a word was handled by the word; here a bare one ("'s" alone).
            if is_apostrophe(c) && k > 0 {
                if let Some(len) = clitic_at(&chars, k) {
                    j = k + len;
                }
            }
            out.push(pos(k)..pos(j));
            k = j;
            continue;
        }
        // A word: letters/digits with internal connectors.
        let word_start = k;
        let mut j = k;
        loop {
            while j < n && is_word_char(chars[j].1) {
                j += 1;
            }
            let Some(sep) = at(j) else { break };
            let before = chars[j - 1].1;
            let after = at(j + 1);
            let after_word = after.is_some_and(is_word_char);
            let joins = match sep {
                // 100,000  4.5  10:30  2/17/22
                ',' | '.' | ':' | '/'
                    if before.is_ascii_digit() && after.is_some_and(|a| a.is_ascii_digit()) =>
                {
                    sep != ',' || digits_group_follow(&chars, j + 1)
                }
                // U.S.  e.g.  (single letters between periods)
                '.' if after_word
                    && segment_len(&chars, word_start, j) == 1
                    && after.is_some_and(char::is_alphabetic) =>
                {
                    at(j + 2).is_none_or(|c| c == '.' || !is_word_char(c))
                }
                // AT&T, S&P
                '&' if before.is_uppercase() && after.is_some_and(char::is_uppercase) => {
                    segment_len(&chars, word_start, j) <= 2
                }
                c if is_hyphen(c) && after_word => {
                    let left_cap = chars[start_of_segment(&chars, word_start, j)]
                        .1
                        .is_uppercase();
                    let right_cap = after.is_some_and(char::is_uppercase);
                    !(left_cap || right_cap)
                }
                // O'Brien, D'Amato stay whole; possessives and contractions split below.
                c if is_apostrophe(c) && after.is_some_and(char::is_uppercase) => {
                    clitic_at(&chars, j).is_none()
                }
                _ => false,
            };
            if joins {
                j += 1;
            } else {
                break;
            }
        }
        // "don't": the word ends before "n't".
        let mut word_end = j;
        if at(j).is_some_and(is_apostrophe)
            && at(j + 1) == Some('t')
            && j >= word_start + 2
            && chars[j - 1].1 == 'n'
        {
            let after_t = at(j + 2);
            if after_t.is_none_or(|c| !is_word_char(c)) {
                word_end = j - 1;
            }
        }
        // A final period of an abbreviation, an initial ("J.") or an acronym ("U.S.").
        if word_end == j && at(j) == Some('.') && at(j + 1) != Some('.') {
            let word = &text[pos(word_start)..pos(j)];
            // "12 °C." ends a sentence: the C is a unit, not an initial.
            let unit = text[..pos(word_start)].trim_end().ends_with(['°', 'º']);
            let keep = (word.chars().count() == 1 && word.chars().all(char::is_uppercase) && !unit)
                || (word.contains('.') && word.split('.').all(|s| s.chars().count() == 1))
                || ABBREVIATIONS.iter().any(|a| word.eq_ignore_ascii_case(a));
            // "Inc.Next": a period followed by a letter is sentence punctuation, not ours.
            if keep && at(j + 1).is_none_or(|c| !c.is_alphabetic()) {
                j += 1;
                word_end = j;
            }
        }
        // Numbers glued to letters ("4.5bn", "20km") split; "G7", "COVID-19", "F-16" do not.
        let word_range = pos(word_start)..pos(word_end);
        split_number_unit(text, word_range, out);
        k = word_end;
        if word_end < j {
            // "n't"
            out.push(pos(word_end)..pos(j + 2));
            k = j + 2;
        } else if at(k).is_some_and(is_apostrophe) {
            if let Some(len) = clitic_at(&chars, k) {
                out.push(pos(k)..pos(k + len));
                k += len;
            }
        }
    }
}

/// Length in chars of a clitic ("'s", "'re", …, or a bare "'" after a plural) starting at the
/// apostrophe `k`, if one ends there.
fn clitic_at(chars: &[(usize, char)], k: usize) -> Option<usize> {
    let rest = &chars[k..];
    for cl in CLITICS {
        let cl_len = cl.chars().count();
        if rest.len() < cl_len {
            continue;
        }
        let matches = cl.chars().zip(rest).all(|(a, &(_, b))| {
            if a == '\'' {
                is_apostrophe(b)
            } else {
                a.eq_ignore_ascii_case(&b)
            }
        });
        let ends = rest.get(cl_len).is_none_or(|&(_, c)| !is_word_char(c));
        if matches && ends && !cl.starts_with('n') {
            return Some(cl_len);
        }
    }
    None
}

fn segment_len(chars: &[(usize, char)], word_start: usize, j: usize) -> usize {
    j - start_of_segment(chars, word_start, j)
}

fn start_of_segment(chars: &[(usize, char)], word_start: usize, j: usize) -> usize {
    let mut s = j;
    while s > word_start && is_word_char(chars[s - 1].1) {
        s -= 1;
    }
    s
}

/// After a comma between digits: a thousands group is exactly three digits.
fn digits_group_follow(chars: &[(usize, char)], k: usize) -> bool {
    let mut d = 0;
    while k + d < chars.len() && chars[k + d].1.is_ascii_digit() {
        d += 1;
    }
    d == 3
}

/// Splits each possessive "'s" glued to its word ("Putin's" → "Putin" "'" "s") the way a spaced
/// one always tokenizes ("Putin 's" → "Putin" "'" "s"), which is how the tagger's training text
/// writes it: as one token, "'s" read as part of a name ("Erbakan's Islamist Welfare Party" came
/// out one ORG). The recognizer calls this after [`tokenize`]; `train_ner` does not. Its training
/// text has a few dozen glued possessives ("Miller's"), and splitting those too changed the
/// trained model for the worse (dev P/O/L −0.007 over three seeds), while splitting only at run
/// time leaves the tokenized dev sets' figures as they were.
pub fn possessives_apart(text: &str, tokens: Vec<Range<usize>>) -> Vec<Range<usize>> {
    let possessive = |r: &Range<usize>| {
        if r.len() > 4 || !matches!(text.as_bytes()[r.end - 1], b's' | b'S') {
            return false;
        }
        let mut c = text[r.clone()].chars();
        matches!((c.next(), c.next(), c.next()), (Some(a), Some('s' | 'S'), None) if is_apostrophe(a))
    };
    if !tokens.iter().any(possessive) {
        return tokens;
    }
    let mut out = Vec::with_capacity(tokens.len() + 16);
    for r in tokens {
        if possessive(&r) {
            out.push(r.start..r.end - 1);
            out.push(r.end - 1..r.end);
        } else {
            out.push(r);
        }
    }
    out
}

/// Pushes a word token, split into number and unit when a number is glued to a lower-case
/// suffix: "4.5bn" → "4.5" "bn", "20km" → "20" "km"; "G7", "3D", "1990s" and "2nd" stay whole.
fn split_number_unit(text: &str, range: Range<usize>, out: &mut Vec<Range<usize>>) {
    let word = &text[range.clone()];
    let b = word.as_bytes();
    if b.first().is_some_and(u8::is_ascii_digit) {
        let digits = b
            .iter()
            .position(|c| !(c.is_ascii_digit() || matches!(c, b',' | b'.' | b':' | b'/')))
            .unwrap_or(b.len());
        let unit = &word[digits..];
        let keep_whole = unit.is_empty()
            || matches!(unit, "s" | "st" | "nd" | "rd" | "th" | "D" | "G")
            || !unit.chars().all(|c| c.is_ascii_alphabetic());
        if !keep_whole && digits > 0 {
            out.push(range.start..range.start + digits);
            out.push(range.start + digits..range.end);
            return;
        }
    }
    out.push(range);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(text: &str) -> Vec<&str> {
        tokenize(text).into_iter().map(|r| &text[r]).collect()
    }

    #[track_caller]
    fn t(text: &str, expected: &[&str]) {
        assert_eq!(toks(text), expected, "tokenizing {text:?}");
    }

    #[test]
    fn possessives_apart_as_spaced() {
        for text in [
            "Putin's plan",
            "Putin’s plan",
            "PUTIN'S PLAN",
            "Putin 's plan",
        ] {
            let got: Vec<&str> = possessives_apart(text, tokenize(text))
                .into_iter()
                .map(|r| &text[r])
                .collect();
            assert_eq!(got.len(), 4, "{text:?}: {got:?}");
            assert!(matches!(got[2], "s" | "S"), "{text:?}: {got:?}");
        }
        let text = "they're in Jehovah's";
        let got: Vec<&str> = possessives_apart(text, tokenize(text))
            .into_iter()
            .map(|r| &text[r])
            .collect();
        assert_eq!(got, ["they", "'re", "in", "Jehovah", "'", "s"]);
    }

    #[test]
    fn spec() {
        t("Putin's plan", &["Putin", "'s", "plan"]);
        t("Putin’s plan", &["Putin", "’s", "plan"]);
        t("Putins plan", &["Putins", "plan"]);
        t("Putin 's plan", &["Putin", "'", "s", "plan"]);
        t(
            "the countries' leaders",
            &["the", "countries", "'", "leaders"],
        );
        t("don't", &["do", "n't"]);
        t("O'Brien said", &["O'Brien", "said"]);
        t("the U.S. and U.K.", &["the", "U.S.", "and", "U.K."]);
        t("Mr. Smith", &["Mr.", "Smith"]);
        t("J. R. R. Tolkien", &["J.", "R.", "R.", "Tolkien"]);
        t("near 2 °C.", &["near", "2", "°", "C", "."]);
        t("100,000 troops", &["100,000", "troops"]);
        t("$4.5bn", &["$", "4.5", "bn"]);
        t("€20 million", &["€", "20", "million"]);
        t("5%", &["5", "%"]);
        t(
            "Kyiv-NATO relationship",
            &["Kyiv", "-", "NATO", "relationship"],
        );
        t("techno-based 20-year-old", &["techno-based", "20-year-old"]);
        t("mid-November", &["mid", "-", "November"]);
        t("said.Putin", &["said", ".", "Putin"]);
        t("end. Next", &["end", ".", "Next"]);
        t("“Putin said,” he", &["“", "Putin", "said", ",", "”", "he"]);
        t("now…we", &["now", "…", "we"]);
        t("10:30 p.m.", &["10:30", "p.m."]);
        t("1990s G7 AT&T", &["1990s", "G7", "AT&T"]);
        t("wait...", &["wait", "..."]);
        t("1,2,3", &["1", ",", "2", ",", "3"]);
    }

    #[test]
    fn offsets_are_on_char_boundaries() {
        for text in [
            "😀Putin’s€ café\r\nKyiv—x",
            "a\u{301}b",
            "’’’s",
            "n't",
            "'",
            "-A-",
            "...",
        ] {
            for r in tokenize(text) {
                assert!(
                    !r.is_empty() && text.get(r.clone()).is_some(),
                    "{text:?} {r:?}"
                );
                assert!(!text[r].contains(char::is_whitespace));
            }
        }
    }
}
