//! Fixes by rule to the tagger's name spans, for errors it makes the same way every time:
//!
//! * **Boundaries** ([`boundaries`]): "People 's Republic of China" is one name, not
//!   "People" + "Republic of China"; "Department of Housing and Urban Development" does not stop
//!   at "and"; a ruler's number and epithet belong to the name ("Paul VI", "Friedrich the
//!   Great"); a name does not end in a common noun ("Doda district" → "Doda"); "Marks &
//!   Spencer" is one company.
//! * **Coordinated organizations** ([`coordinated_orgs`]): "Ford Motor Co and General Motors
//!   Corp" is two names; **place slugs** ([`place_slugs`]): "UK - BRITISH AIRWAYS" too.
//! * **Hyphen pairs** ([`hyphen_pairs`]): "Kyiv-NATO" is a place and an organization.
//! * **Hyphenated given names** ([`hyphenated_given_names`]): "Kim Min-seok" is one person;
//!   **persons by surname** ([`persons_by_surname`]): "Damon Hill" is one when the story says
//!   "Hill".
//! * **Companies** ([`companies_by_context`], [`legal_names`]): "Shares in Daimler-Benz rose",
//!   "computer maker Olivetti", "analysts at Merrill Lynch": a name with shares, after a
//!   company's noun or employing analysts is an ORG in the whole document; so is "Boeing Co",
//!   and the "Boeing" of the same document.
//! * **Acronyms in capitals** ([`acronyms_in_capitals`]): "BONN SAYS EU MUST…": "EU" is an
//!   ORG the tagger cannot tell from the capitals around it.
//! * **Sports slugs** ([`sports_slugs`]): "SOCCER - " before a wire's headline is no name.
//! * **Nationalities** ([`nationalities`]): "German Chancellor Helmut Kohl", "Dane Bjarne
//!   Riis": "German" and "Dane" are MISC even where the tagger left them out or in the name.
//! * **Events** ([`events`]): "Texaco Trophy", "Davis Cup", "Asian Games" are contests
//!   (MISC), not organizations, nor the clubs of a match report.
//! * **Groups** ([`group_nouns`]): "Palestinians", "Methodists", "Jacobites" are groups (MISC),
//!   not places or organizations.
//! * **Headlines** ([`headline_parts`]): "ISRAEL APPROVES ARAFAT" is "ISRAEL" and "ARAFAT"
//!   when the story names "Israel" and "Yasser Arafat".
//! * **Organization heads** ([`org_heads`]): a capitalized run ending in "Department",
//!   "College", "Bank", "Exchange"… or holding one before "of" is one ORG ("Florida Department
//!   of Law Enforcement", not "Florida" LOC + "Law Enforcement" MISC).
//! * **Sports results** ([`ResultsLines`]): in a score line ("Leeds 3 Chelsea 1") or a
//!   standings row ("Barcelona 10 7 2 1 20 8 23") the names are teams. By the CoNLL-2003
//!   convention, a club is an ORG even when it is named after its city, and a national team named
//!   after its country is a LOC. Tennis, golf and race results name players, a cricket
//!   innings line its team and players ("Durham 326 ( D. Cox 95 )"); a player's role
//!   ("Barcelona coach") names a club.
//!
//! All spans are token ranges, sorted and disjoint on the way in and out.
//!
//! Limits: the "and" rule only joins an ORG whose name has an "of" ("Ministry of Trade and
//! Industry"), so "Procter and Gamble" stays two names if the tagger split it; results lines
//! need a name and a number in turn, so a line with scorers or minutes in it is left alone.

use super::consistency::{add_outside, key};
use super::gazetteer::{self, Gazetteer};
use super::hash::word_hash;
use super::rules::{MONTHS, WEEKDAYS};
use super::Label;
use crate::fxhash::{FxHashMap, FxHashSet};
use std::ops::Range;

type Spans = Vec<(Range<usize>, Label)>;

/// Epithets after "the" that are part of a ruler's name ("Lucas Cranach the Elder").
const EPITHETS: &[&str] = &[
    "Great",
    "Elder",
    "Younger",
    "Conqueror",
    "Confessor",
    "Bald",
    "Pious",
    "Magnificent",
    "Terrible",
    "Lionheart",
    "Wise",
    "Bold",
];

/// Lower-case nouns that follow a place's name without being part of it ("Doda district").
const PLACE_NOUNS: &[&str] = &[
    "district", "region", "province", "county", "state", "area", "city", "town", "village",
    "island", "islands", "hotel", "road",
];

/// Column heads of standings tables (won, lost, drawn, for, against, points, games behind…).
const HEADERS: &[&str] = &[
    "W", "L", "D", "T", "P", "F", "A", "PCT", "GB", "PTS", "GF", "GA", "GP", "OT", "OTL", "RS",
    "RA",
];

struct Text<'a> {
    text: &'a str,
    tokens: &'a [Range<usize>],
}

impl Text<'_> {
    fn word(&self, i: usize) -> &str {
        self.tokens.get(i).map_or("", |t| &self.text[t.clone()])
    }

    /// Tokens `i` and `i + 1` exist and touch ("M" ".").
    fn glued(&self, i: usize) -> bool {
        i + 1 < self.tokens.len() && self.tokens[i].end == self.tokens[i + 1].start
    }

    /// Tokens `i` and `i + 1` exist and are on the same line.
    fn joined(&self, i: usize) -> bool {
        i + 1 < self.tokens.len()
            && !self.text[self.tokens[i].end..self.tokens[i + 1].start].contains('\n')
    }

    /// Tokens of a possessive "'s" at `i` on the same line: one ("'s"), two ("'" "s", as
    /// spaced news text splits it) or none.
    fn possessive(&self, i: usize) -> usize {
        match self.word(i) {
            "'s" | "’s" => 1,
            "'" | "’" if self.word(i + 1) == "s" && self.joined(i) => 2,
            _ => 0,
        }
    }

    /// The line of token `i` is written in ordinary casing: it has a lower-case word of four
    /// letters or more, not after a hyphen ("Trump Withdraws Canada Invitation to Board of
    /// Peace" has none).
    fn ordinary_line(&self, i: usize) -> bool {
        let mut start = i;
        while start > 0 && self.joined(start - 1) {
            start -= 1;
        }
        // Up to the first such word (the line's end is not needed).
        let mut k = start;
        loop {
            if self.ordinary_word(k) {
                return true;
            }
            if !self.joined(k) {
                return false;
            }
            k += 1;
        }
    }

    /// The tokens of the line of token `i`, looking back no further than `floor`.
    fn line_from(&self, i: usize, floor: usize) -> Range<usize> {
        let (mut start, mut end) = (i, i);
        while start > floor && self.joined(start - 1) {
            start -= 1;
        }
        while self.joined(end) {
            end += 1;
        }
        start..end + 1
    }

    /// [`Text::ordinary_line`] for the tokens `line` of one line.
    fn ordinary(&self, line: Range<usize>) -> bool {
        line.into_iter().any(|k| self.ordinary_word(k))
    }

    /// Token `k` is a lower-case word of four letters or more, not the second half of a
    /// hyphenated name ("Kim Min-seok").
    fn ordinary_word(&self, k: usize) -> bool {
        let w = self.word(k);
        let after_hyphen =
            k > 0 && self.word(k - 1) == "-" && self.tokens[k - 1].end == self.tokens[k].start;
        w.chars().next().is_some_and(char::is_lowercase)
            && w.chars().filter(|c| c.is_alphabetic()).count() >= 4
            && !after_hyphen
    }

    fn capitalized(&self, i: usize) -> bool {
        let w = self.word(i);
        w.chars().next().is_some_and(char::is_uppercase) && w.chars().any(char::is_lowercase)
    }
}

/// A Roman numeral from II to XXXIX ("I" is handled apart: it is also the pronoun).
fn regnal(w: &str) -> bool {
    (2..=6).contains(&w.len())
        && w.bytes().all(|b| matches!(b, b'I' | b'V' | b'X'))
        && !w.contains("IIII")
        && !w.contains("VV")
        && !w.contains("XXXX")
}

/// Groups whose possessive opens a name ("People's Republic", "Women's Day").
const GROUPS_BEFORE_POSSESSIVE: &[&str] =
    &["Children", "Men", "People", "Peoples", "Women", "Workers"];

/// The boundary fixes listed in the module documentation.
pub fn boundaries(text: &str, tokens: &[Range<usize>], spans: Spans) -> Spans {
    let t = Text { text, tokens };
    let mut out: Spans = Vec::with_capacity(spans.len());
    let mut k = 0;
    while k < spans.len() {
        let (mut r, mut label) = spans[k].clone();
        k += 1;
        let next_start = spans.get(k).map(|(n, _)| n.start);
        // The same with "People" (or "Women"…) left out by the tagger: "Women 's Day".
        let s = r.start;
        for n in [1, 2] {
            if s > n
                && t.possessive(s - n) == n
                && GROUPS_BEFORE_POSSESSIVE.contains(&t.word(s - n - 1))
                && t.joined(s - n - 1)
                && t.joined(s - 1)
                && out.last().is_none_or(|(p, _)| p.end < s - n)
            {
                r.start = s - n - 1;
            }
        }
        // "People 's Republic of China", "Lao People 's Democratic Republic", "International
        // Women 's Day": the name after the possessive absorbs "People" (or "Women",
        // "Children"…) and takes its label from the part after.
        let e = r.end;
        let n = t.possessive(e);
        if n > 0
            && next_start == Some(e + n)
            && GROUPS_BEFORE_POSSESSIVE.contains(&t.word(e - 1))
            && t.joined(e - 1)
            && t.joined(e + n - 1)
        {
            let (n, l) = spans[k].clone();
            r.end = n.end;
            label = l;
            k += 1;
        }
        if label == Label::Org {
            // "U.S. Department of Housing and Urban Development": an ORG with "of" in it
            // continues over "and" and up to three capitalized words that no other name holds.
            let e = r.end;
            let has_of = (r.start + 1..e).any(|i| t.word(i) == "of");
            if has_of && t.word(e) == "and" && t.joined(e - 1) {
                let mut m = e + 1;
                while m < e + 4 && t.capitalized(m) && t.joined(m - 1) {
                    m += 1;
                }
                let free = spans[k..]
                    .iter()
                    .take_while(|(n, _)| n.start < m)
                    .all(|(n, l)| *l == Label::Misc && n.end <= m);
                let ends = !t.capitalized(m) || !t.joined(m - 1);
                if m > e + 1 && free && ends {
                    while spans.get(k).is_some_and(|(n, _)| n.start < m) {
                        k += 1;
                    }
                    r.end = m;
                }
            }
        }
        // "Marks & Spencer", "Banco Pinto & Sotto Mayor": names joined by "&" are one company
        // (two places stay one place: "Trinidad & Tobago"), with the capitalized words before
        // or after "&" that the tagger left out. Words, not letters or numbers: "D & D", "10th &
        // Main".
        let s = r.start;
        if s >= 2 && t.word(s - 1) == "&" && t.joined(s - 2) && t.joined(s - 1) && t.capitalized(s)
        {
            let mut m = s - 1;
            while m > s.saturating_sub(4)
                && t.capitalized(m - 1)
                && (m == s - 1 || t.joined(m - 1))
                && !OPENERS.contains(&t.word(m - 1))
            {
                m -= 1;
            }
            if m < s - 1 && out.last().is_none_or(|(p, _)| p.end <= m) {
                label = if label == Label::Loc {
                    Label::Loc
                } else {
                    Label::Org
                };
                r.start = m;
            }
        }
        let e = r.end;
        if t.word(e) == "&" && t.joined(e - 1) && t.joined(e) && t.capitalized(e - 1) {
            match spans.get(k) {
                Some((n, l)) if n.start == e + 1 => {
                    if t.capitalized(e + 1) {
                        let places = label == Label::Loc && *l == Label::Loc;
                        label = if places { Label::Loc } else { Label::Org };
                        r.end = n.end;
                        k += 1;
                    }
                }
                next => {
                    let mut m = e + 1;
                    while m < e + 4 && t.capitalized(m) && (m == e + 1 || t.joined(m - 1)) {
                        m += 1;
                    }
                    if m > e + 1 && next.is_none_or(|(n, _)| n.start >= m) {
                        label = if label == Label::Loc {
                            Label::Loc
                        } else {
                            Label::Org
                        };
                        r.end = m;
                    }
                }
            }
        }
        if label == Label::Per && next_start != Some(r.end) {
            // "Paul VI", "Amyntas I ,", "Friedrich the Great".
            let e = r.end;
            let w = t.word(e);
            let after = t.word(e + 1);
            let pronoun_like = w == "I"
                && !(after.is_empty()
                    || !after.chars().any(char::is_alphanumeric)
                    || matches!(after, "of" | "and"));
            if t.joined(e - 1) && (regnal(w) || (w == "I" && !pronoun_like)) {
                r.end = e + 1;
            } else if t.joined(e - 1) && w == "the" && EPITHETS.contains(&after) && t.joined(e) {
                // The tagger may have made a name of the epithet alone ("Great" as MISC).
                match spans.get(k) {
                    Some((n, _)) if n.start == e + 1 && n.end == e + 2 => {
                        k += 1;
                        r.end = e + 2;
                    }
                    Some((n, _)) if n.start <= e + 1 => {}
                    _ => r.end = e + 2,
                }
            }
        }
        // "Doda district", "Beverly Hills hotel": a place noun written in lower case is not
        // part of the name. Only such nouns: GUM and UNER count "Republican party", "Sand Hill
        // park" and "Cliddesden railway station" in. Names written all in lower case stay
        // whole ("san francisco california").
        let upper = |i: usize| {
            t.word(i)
                .chars()
                .any(|c| c.is_uppercase() || c.is_numeric())
        };
        while r.len() >= 2 && label != Label::Misc && upper(r.start) {
            let w = t.word(r.end - 1);
            if PLACE_NOUNS.contains(&w) && upper(r.end - 2) {
                r.end -= 1;
            } else {
                break;
            }
        }
        // A day of the week alone is a date, never a name ("matches on Saturday"): the
        // tagger sometimes makes it MISC in headline-like lines.
        if r.len() == 1
            && WEEKDAYS
                .iter()
                .any(|d| d.eq_ignore_ascii_case(t.word(r.start)))
        {
            continue;
        }
        out.push((r, label));
    }
    out
}

/// Legal forms that end a company's name ("Ford Motor Co", "Daimler-Benz AG").
pub const LEGAL_FORMS: &[&str] = &[
    "AB", "AG", "ASA", "BV", "Bhd", "Co", "Co.", "Corp", "Corp.", "Cos", "GmbH", "Inc", "Inc.",
    "LLC", "Ltd", "Ltd.", "N.V.", "NV", "PLC", "Plc", "S.A.", "SA", "SpA", "plc",
];

/// Function words that open a sentence with a capital: no part of a name that follows.
const SENTENCE_OPENERS: &[&str] = &[
    "A", "After", "An", "And", "As", "At", "But", "By", "For", "From", "If", "In", "Of", "On",
    "The", "To", "When", "While", "With",
];

/// A legal form after capitalized words makes them a company, with the form: "Boeing Co said"
/// (the tagger left both out at the sentence's start), "Boeing" + "Co" (it left the form out).
/// Up to three capitalized words on the line are taken; a place before the form is left alone
/// ("Adelaide SA" is the state's abbreviation). A name ending in the form takes the capitalized
/// words before it ("Matsushita" + "Electric Industrial Co").
pub fn legal_names(text: &str, tokens: &[Range<usize>], gaz: &Gazetteer, spans: Spans) -> Spans {
    let t = Text { text, tokens };
    let place = gazetteer::bits(&["country", "city", "region"]);
    // A word of the name: capitalized, and not a sentence's first function word ("The
    // Boeing Co").
    let name_word = |i: usize| {
        let w = t.word(i);
        w.starts_with(|c: char| c.is_uppercase()) && !SENTENCE_OPENERS.contains(&w)
    };
    // Most texts have no legal form: look for one first.
    let legal_form = |i: usize| {
        let w = t.word(i).as_bytes();
        (2..=5).contains(&w.len())
            && (w[0].is_ascii_uppercase() || w[0] == b'p')
            && LEGAL_FORMS.contains(&t.word(i))
    };
    let forms: Vec<usize> = (1..tokens.len()).filter(|&i| legal_form(i)).collect();
    if forms.is_empty() {
        return spans;
    }
    let mut out: Spans = Vec::with_capacity(spans.len());
    let mut next = spans.into_iter().peekable();
    for i in forms {
        // The spans that start at this token or before it, in order.
        while let Some((r, _)) = next.peek() {
            if r.start > i {
                break;
            }
            out.extend(next.next());
        }
        // Not the "Co" of "Co-operation".
        let compound = t.glued(i) && t.word(i + 1) == "-";
        if compound || !t.joined(i - 1) {
            continue;
        }
        // Words before a span that ends in the form ("Matsushita" + "Electric Industrial Co"
        // MISC): the company's name goes on to the left.
        let before = out.len().checked_sub(2).map_or(0, |k| out[k].0.end);
        if let Some((r, label)) = out.last_mut().filter(|(r, _)| r.end > i) {
            if r.end == i + 1 {
                let mut start = r.start;
                while start > before
                    && r.end - start < 5
                    && name_word(start - 1)
                    && t.joined(start - 1)
                {
                    start -= 1;
                }
                if r.end - start >= 2 {
                    *r = start..r.end;
                    *label = Label::Org;
                }
            }
            continue;
        }
        match out.last_mut() {
            Some((r, label)) if r.end == i => {
                if gaz.entry(r.clone().map(|k| t.word(k))) & place == 0 {
                    *r = r.start..i + 1;
                    *label = Label::Org;
                }
            }
            _ => {
                let mut start = i;
                while start > 0
                    && i - start < 3
                    && name_word(start - 1)
                    && t.joined(start - 1)
                    && out.last().is_none_or(|(r, _)| r.end < start)
                {
                    start -= 1;
                }
                let words = start..i;
                if !words.is_empty() && gaz.entry(words.clone().map(|k| t.word(k))) & place == 0 {
                    out.push((start..i + 1, Label::Org));
                }
            }
        }
    }
    out.extend(next);
    out
}

/// Two organizations joined by "and" that the tagger took for one: "Ford Motor Co and General
/// Motors Corp", "Air France and Air Inter", "the Security Council and the Organisation for
/// Security and Cooperation in Europe". The span is cut at the "and" when the part before it
/// ends in a legal form, is a listed organization, or ends in an organization's head noun with
/// "the" after the "and". Names that are one organization as a whole ("Procter & Gamble",
/// "Department of Housing and Urban Development", "Bela Fleck and the Flecktones") stay whole.
pub fn coordinated_orgs(
    text: &str,
    tokens: &[Range<usize>],
    gaz: &Gazetteer,
    spans: Spans,
) -> Spans {
    let t = Text { text, tokens };
    let org = gazetteer::bit("org");
    let words = |r: Range<usize>| r.map(|i| t.word(i));
    let mut out = Vec::with_capacity(spans.len());
    for (r, label) in spans {
        let and =
            (r.start + 1..r.end.saturating_sub(1)).find(|&i| matches!(t.word(i), "and" | "&"));
        let Some(and) = and.filter(|_| label == Label::Org) else {
            out.push((r, label));
            continue;
        };
        let before = t.word(and - 1);
        let the = matches!(t.word(and + 1), "the" | "The");
        let right = and + 1 + usize::from(the)..r.end;
        let cut = !right.is_empty()
            && t.word(right.start)
                .chars()
                .next()
                .is_some_and(char::is_uppercase)
            && gaz.entry(words(r.clone())) & org == 0
            && (LEGAL_FORMS.contains(&before)
                || gaz.entry(words(r.start..and)) & org != 0
                || (the && ORG_HEADS.binary_search(&before).is_ok()));
        if cut {
            out.push((r.start..and, label));
            out.push((right, label));
        } else {
            out.push((r, label));
        }
    }
    out
}

/// "in The Hague": a place whose listed name begins with "The" keeps it, and is a place
/// whatever the tagger made of the rest ("Hague" alone is a surname). Not when the rest alone is
/// a place too: "the Netherlands" is "Netherlands", as in the CoNLL data.
pub fn places_with_the(
    text: &str,
    tokens: &[Range<usize>],
    gaz: &Gazetteer,
    spans: Spans,
) -> Spans {
    let t = Text { text, tokens };
    let place = gazetteer::bits(&["country", "city", "region"]);
    spans
        .into_iter()
        .map(|(r, label)| {
            let the = r
                .start
                .checked_sub(1)
                .filter(|&i| t.word(i) == "The" && t.joined(i));
            let words = |from: usize| (from..r.end).map(|i| t.word(i));
            match the {
                Some(i)
                    if gaz.entry(words(i)) & place != 0
                        && gaz.entry(words(r.start)) & place == 0 =>
                {
                    (i..r.end, Label::Loc)
                }
                _ => (r, label),
            }
        })
        .collect()
}

/// "Kyiv-NATO relationship": a name of two words glued by a hyphen, one a known place and the
/// other a known organization, is two names. Pairs of one kind stay one name
/// ("Austria-Hungary", "Coca-Cola").
pub fn hyphen_pairs(text: &str, tokens: &[Range<usize>], gaz: &Gazetteer, spans: Spans) -> Spans {
    let place = gazetteer::bit("country") | gazetteer::bit("city") | gazetteer::bit("region");
    let org = gazetteer::bit("org");
    let kind = |i: usize| {
        let bits = gaz.word(word_hash(&text[tokens[i].clone()]));
        match (bits & place != 0, bits & org != 0) {
            (true, false) => Some(Label::Loc),
            (false, true) => Some(Label::Org),
            _ => None,
        }
    };
    let t = Text { text, tokens };
    let mut out = Vec::with_capacity(spans.len());
    for (r, label) in spans {
        let s = r.start;
        if r.len() == 3 && t.word(s + 1) == "-" && t.glued(s) && t.glued(s + 1) {
            if let (Some(a), Some(b)) = (kind(s), kind(s + 2)) {
                if a != b {
                    out.push((s..s + 1, a));
                    out.push((s + 2..s + 3, b));
                    continue;
                }
            }
        }
        out.push((r, label));
    }
    out
}

/// A Korean or Chinese given name is written with a hyphen and a lower-case second syllable
/// ("Kim Min-seok", "Moon Jae-in"), which the tokenizer splits and the tagger leaves out. A
/// person's span followed, with no space, by "-" and a syllable of two to five ASCII letters that
/// is no common word ("backed", "led" are: "Putin-backed") takes them in. A syllable counts as a
/// common word when large English text capitalizes it in under 40 % of its uses; "in" is one,
/// but ends a name after a full name ("Moon Jae-in"; not "Starmer-in-waiting"). A span of two
/// words so followed is a person's whatever its label ("Tung Chee-hwa" was LOC).
pub fn hyphenated_given_names(
    text: &str,
    tokens: &[Range<usize>],
    gaz: &Gazetteer,
    mut spans: Spans,
) -> Spans {
    let t = Text { text, tokens };
    // "in" is a common word but also the end of a frequent name ("Moon Jae-in"): after a full
    // name only.
    let syllable = |w: &str, full_name: bool| {
        (2..=5).contains(&w.len())
            && w.bytes().all(|b| b.is_ascii_lowercase())
            && (!matches!(gaz.capitalized_share(&capitalize(w)), 1 | 2) || (w == "in" && full_name))
    };
    for n in 0..spans.len() {
        let (r, label) = &spans[n];
        let e = r.end;
        let free = spans.get(n + 1).is_none_or(|(next, _)| next.start > e + 1);
        // Not a compound going on ("Starmer-in-waiting").
        let ends = !(t.glued(e + 1) && t.word(e + 2) == "-");
        // Two words and a syllable are a person's name whatever the tagger said ("Tung
        // Chee-hwa" was LOC).
        if (*label == Label::Per || r.len() == 2)
            && free
            && t.word(e) == "-"
            && t.glued(e - 1)
            && t.glued(e)
            && ends
            && syllable(t.word(e + 1), r.len() >= 2)
        {
            spans[n] = (r.start..e + 2, Label::Per);
        }
    }
    spans
}

/// `w` with its first letter in upper case.
fn capitalize(w: &str) -> String {
    let mut c = w.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

/// A contest is an event, MISC by the CoNLL convention, not the organization or place the
/// tagger often makes of it: a name ending in "Cup", "Trophy", "Prix", "Championship(s)" or
/// "Olympics" ("Texaco Trophy", "Davis Cup"), or in "Open", "Games" or "Series" after a place,
/// a nationality or "World" ("Canadian Open", "Asian Games", "World Series"; not "Riot Games");
/// "Tour de France" is one. So are the leagues "Serie A" and "Bundesliga" (the tagger made a
/// place of "Serie" and of "GERMAN BUNDESLIGA"). An oil benchmark before "crude" or "blend" is
/// MISC too, not the person the tagger takes "Brent" for, and so is a scale ("Richter scale").
pub fn events(text: &str, tokens: &[Range<usize>], gaz: &Gazetteer, mut spans: Spans) -> Spans {
    let t = Text { text, tokens };
    // "Tour de France" is one event, not "Tour" and the place "France".
    let mut k = 0;
    while k + 1 < spans.len() {
        let (a, b) = (&spans[k].0, &spans[k + 1].0);
        if t.word(a.end - 1) == "Tour" && t.word(a.end) == "de" && b.start == a.end + 1 {
            let end = b.end;
            spans[k] = (a.start..end, Label::Misc);
            spans.remove(k + 1);
        }
        k += 1;
    }
    // Italy's league, "Serie A", of which the tagger takes "Serie" alone for a place.
    for k in 0..spans.len() {
        let e = spans[k].0.end;
        let free = spans.get(k + 1).is_none_or(|(next, _)| next.start > e);
        if free && t.word(e - 1) == "Serie" && matches!(t.word(e), "A" | "B") && t.joined(e - 1) {
            spans[k] = (spans[k].0.start..e + 1, Label::Misc);
        }
    }
    for (r, label) in &mut spans {
        let benchmark = r.len() == 1
            && matches!(label, Label::Per | Label::Org)
            && matches!(t.word(r.end), "crude" | "blend" | "scale")
            && t.joined(r.start);
        if benchmark || (matches!(label, Label::Org | Label::Loc) && is_event(&t, gaz, r)) {
            *label = Label::Misc;
        }
    }
    spans
}

/// See [`events`].
fn is_event(t: &Text, gaz: &Gazetteer, r: &Range<usize>) -> bool {
    let one_of = |w: &str, list: &[&str]| list.iter().any(|x| w.eq_ignore_ascii_case(x));
    let last = t.word(r.end - 1);
    if r.len() < 2 {
        return one_of(last, &["Bundesliga"]);
    }
    let before = t.word(r.end - 2);
    let place = gazetteer::bits(&["country", "city", "region", "nationality"]);
    let contest = [
        "Cup",
        "Trophy",
        "Prix",
        "Championship",
        "Championships",
        "Olympics",
    ];
    one_of(last, &contest)
        || one_of(last, &["Bundesliga"])
        || (before == "Serie" && matches!(last, "A" | "B"))
        || one_of(last, &["Open", "Games", "Series"])
            && (one_of(before, &["World", "Olympic", "Paralympic", "Commonwealth"])
                || gaz.word(word_hash(before)) & place != 0)
}

/// Words naming the members of a people, a faith or a movement ("Palestinians", "Europeans",
/// "Jacobites", "Methodists") are MISC by the CoNLL convention; the tagger, seeing the place
/// inside, often calls them LOC or ORG. A one-word name of seven letters or more, capitalized,
/// ending in "-ians", "-eans", "-ites" or "-ists" and known to the gazetteer as no place,
/// person or organization, becomes MISC.
pub fn group_nouns(
    text: &str,
    tokens: &[Range<usize>],
    gaz: &Gazetteer,
    mut spans: Spans,
) -> Spans {
    let not_group = gazetteer::bits(&["country", "city", "region", "first", "last", "org"]);
    for (r, label) in &mut spans {
        let w = &text[tokens[r.start].clone()];
        let group = r.len() == 1
            && w.chars().count() >= 7
            && w.chars().next().is_some_and(char::is_uppercase)
            && w.chars().skip(1).all(char::is_lowercase)
            && ["ians", "eans", "ites", "ists"]
                .iter()
                .any(|s| w.ends_with(s))
            && gaz.word(word_hash(w)) & not_group == 0;
        if group {
            *label = Label::Misc;
        }
    }
    spans
}

/// Nouns that, right before a name, say it is a company or another organization: "computer
/// maker Olivetti", "insurer Allianz", "militant group Hamas", "opposition coalition Zajedno".
/// Sorted (searched by bisection).
const COMPANY_NOUNS: &[&str] = &[
    "agency",
    "airline",
    "alliance",
    "automaker",
    "bank",
    "bloc",
    "brewer",
    "brokerage",
    "carmaker",
    "carrier",
    "chipmaker",
    "coalition",
    "company",
    "conglomerate",
    "faction",
    "firm",
    "giant",
    "group",
    "insurer",
    "maker",
    "manufacturer",
    "movement",
    "newspaper",
    "refiner",
    "retailer",
    "subsidiary",
];

/// People of the markets, whose employer follows "at" or "with": "an analyst at Nomura
/// Securities", "dealers at Merrill Lynch".
const MARKET_PEOPLE: &[&str] = &[
    "analyst",
    "analysts",
    "broker",
    "brokers",
    "dealer",
    "dealers",
    "economist",
    "economists",
    "strategist",
    "strategists",
    "trader",
    "traders",
];

/// A name whose shares are traded is a company: "Shares in Daimler-Benz rose", "Philips
/// shares were undervalued", "a stake in Siemens"; so is one after a noun of `COMPANY_NOUNS`
/// ("computer maker Olivetti") unless it reads as a person's full name, and so are the
/// employers of analysts and dealers ("analysts at Merrill Lynch and Smith Barney"). A name
/// that is a country, region, city or nationality as a whole is left alone ("Tokyo stocks",
/// "German shares"). Returns the keys of the names so found, which stay organizations in the
/// whole document (`orgs_everywhere`): the vote of three "Olivetti" tagged PER must not undo
/// what the shares say.
pub fn companies_by_context(
    text: &str,
    tokens: &[Range<usize>],
    gaz: &Gazetteer,
    mut spans: Spans,
) -> (Spans, Vec<String>) {
    let t = Text { text, tokens };
    let place = gazetteer::bits(&["country", "city", "region", "nationality"]);
    let mut keys = Vec::new();
    // Where the last employer of market people ended ("analysts at Merrill Lynch and Smith
    // Barney": the second after "and").
    let mut employer_end = None;
    for (r, label) in &mut spans {
        let employer = r.start >= 2
            && matches!(t.word(r.start - 1), "at" | "with")
            && MARKET_PEOPLE.contains(&t.word(r.start - 2).to_ascii_lowercase().as_str())
            || employer_end
                .is_some_and(|end| r.start == end + 1 && matches!(t.word(end), "and" | "," | "or"));
        employer_end = None;
        if employer && gaz.entry(r.clone().map(|i| t.word(i))) & place == 0 {
            *label = Label::Org;
            keys.push(key(text, tokens, r));
            employer_end = Some(r.end);
            continue;
        }
        let before = r.start >= 2
            && matches!(t.word(r.start - 2), "shares" | "Shares" | "stake" | "stock")
            && matches!(t.word(r.start - 1), "in" | "of");
        let mut after = r.end;
        after += t.possessive(after);
        let after = matches!(t.word(after), "shares" | "stock" | "share");
        // Not "the manufacturer Georg Reichenbach", a person's full name.
        let noun = r.start > 0
            && COMPANY_NOUNS.binary_search(&t.word(r.start - 1)).is_ok()
            && t.joined(r.start - 1)
            && !(*label == Label::Per && r.len() >= 2)
            && !reads_as_person(&t, gaz, r);
        if (before || after || noun) && gaz.entry(r.clone().map(|i| t.word(i))) & place == 0 {
            *label = Label::Org;
            keys.push(key(text, tokens, r));
        }
    }
    (spans, keys)
}

/// Every span whose key is one of `keys` is an organization.
pub fn orgs_everywhere(
    text: &str,
    tokens: &[Range<usize>],
    keys: &[String],
    mut spans: Spans,
) -> Spans {
    if keys.is_empty() {
        return spans;
    }
    for (r, label) in &mut spans {
        if *label != Label::Org && keys.contains(&key(text, tokens, r)) {
            *label = Label::Org;
        }
    }
    spans
}

/// Words that tell a match report's result.
const MATCH_WORDS: &[&str] = &[
    "beat", "beaten", "beating", "beats", "defeat", "defeated", "draw", "drawn", "drew", "edged",
    "hammered", "held", "lose", "loses", "losing", "lost", "routed", "thrashed", "trounced",
    "victory", "win", "winning", "wins", "won",
];

/// Roles after a club's name that name one of its people ("Barcelona coach Bobby Robson").
/// Sorted (searched by bisection).
const CLUB_ROLES: &[&str] = &[
    "all-rounder",
    "batsman",
    "boss",
    "bowler",
    "captain",
    "coach",
    "defender",
    "flanker",
    "fly-half",
    "forward",
    "full-back",
    "fullback",
    "goalkeeper",
    "hooker",
    "infielder",
    "keeper",
    "linebacker",
    "manager",
    "midfielder",
    "opener",
    "outfielder",
    "paceman",
    "pitcher",
    "playmaker",
    "quarterback",
    "reliever",
    "scrum-half",
    "shortstop",
    "skipper",
    "spinner",
    "striker",
    "sweeper",
    "wicket-keeper",
    "wicketkeeper",
    "winger",
];

/// Words before a club's name ("Spanish champions Barcelona", "league leaders Newcastle").
const CLUB_BEFORE: &[&str] = &[
    "champions",
    "club",
    "holders",
    "hosts",
    "leaders",
    "outfit",
    "rivals",
    "side",
    "visitors",
];

/// The sports a news wire puts before a sports headline ("SOCCER - JAPAN GET LUCKY WIN").
const SPORTS: &[&str] = &[
    "ALPINE SKIING",
    "AMERICAN FOOTBALL",
    "ATHLETICS",
    "BADMINTON",
    "BASEBALL",
    "BASKETBALL",
    "BOXING",
    "CANOEING",
    "CHESS",
    "CRICKET",
    "CYCLING",
    "DIVING",
    "EQUESTRIANISM",
    "FOOTBALL",
    "GOLF",
    "GYMNASTICS",
    "HANDBALL",
    "HOCKEY",
    "HORSE RACING",
    "ICE HOCKEY",
    "JUDO",
    "MOTOR RACING",
    "MOTORCYCLING",
    "ROWING",
    "RUGBY",
    "RUGBY LEAGUE",
    "RUGBY UNION",
    "SAILING",
    "SKIING",
    "SNOOKER",
    "SOCCER",
    "SPEEDWAY",
    "SQUASH",
    "SWIMMING",
    "TABLE TENNIS",
    "TENNIS",
    "TRIATHLON",
    "VOLLEYBALL",
    "WRESTLING",
    "YACHTING",
];

/// The sport before a wire's sports headline is no name: "RUGBY UNION - WALES NAME SQUAD"
/// loses the ORG "RUGBY UNION", "RUGBY LEAGUE - BRADFORD BEAT WIGAN" keeps only "BRADFORD".
/// The sport must open the line, in any case, or follow a league ("NHL ICE HOCKEY - ", whose
/// "NHL" stays a name), and be followed by "-".
pub fn sports_slugs(text: &str, tokens: &[Range<usize>], spans: Spans) -> Spans {
    let t = Text { text, tokens };
    let league = |i: usize| {
        let w = t.word(i);
        (2..=4).contains(&w.len()) && w.bytes().all(|b| b.is_ascii_uppercase()) && t.joined(i)
    };
    // Token ranges of the slugs, "-" included.
    let mut slugs: Vec<Range<usize>> = Vec::new();
    // A sport has at most two words and a league one: the line starts within three tokens
    // before the "-".
    let dashes = (1..tokens.len()).filter(|&d| t.word(d) == "-");
    for dash in dashes {
        let Some(line_start) = (dash.saturating_sub(3)..dash)
            .find(|&k| (k == 0 || !t.joined(k - 1)) && (k..dash).all(|j| t.joined(j)))
        else {
            continue;
        };
        let i = if league(line_start) && !SPORTS.iter().any(|s| *s == t.word(line_start)) {
            line_start + 1
        } else {
            line_start
        };
        let slug = SPORTS.iter().find_map(|sport| {
            let n = sport.split(' ').count();
            let same = sport.split(' ').enumerate().all(|(k, w)| {
                t.word(i + k).eq_ignore_ascii_case(w) && (k == 0 || t.joined(i + k - 1))
            });
            (same && t.joined(i + n - 1) && t.word(i + n) == "-").then_some(i..i + n + 1)
        });
        slugs.extend(slug);
    }
    if slugs.is_empty() {
        return spans;
    }
    spans
        .into_iter()
        .filter_map(|(mut r, l)| {
            if let Some(s) = slugs.iter().find(|s| s.start < r.end && r.start < s.end) {
                if r.start < s.start {
                    r.end = s.start;
                } else {
                    r.start = s.end.min(r.end);
                }
            }
            (!r.is_empty()).then_some((r, l))
        })
        .collect()
}

/// A wire headline's place slug is a name of its own: "UK - BRITISH AIRWAYS IN TALKS" gave one
/// ORG "UK - BRITISH AIRWAYS". A span that runs over the " - " after a place (one to three
/// words opening the line, a country, region or city as a whole) is cut there, the place
/// becoming a LOC; so is one after a listed organization ("NFL - COWBOYS EDGE EAGLES"), which
/// becomes an ORG.
pub fn place_slugs(text: &str, tokens: &[Range<usize>], gaz: &Gazetteer, spans: Spans) -> Spans {
    let t = Text { text, tokens };
    let place = gazetteer::bits(&["country", "region", "city"]);
    let org = gazetteer::bit("org");
    let line_start = |i: usize| i == 0 || !t.joined(i - 1);
    let mut out = Vec::with_capacity(spans.len());
    for (r, l) in spans {
        let dash = (r.start + 1..r.end.min(r.start + 4)).find(|&d| {
            t.word(d) == "-" && !t.glued(d - 1) && !t.glued(d) && t.joined(d) && d + 1 < r.end
        });
        let slug = dash
            .filter(|_| line_start(r.start))
            .map(|d| (d, gaz.entry((r.start..d).map(|i| t.word(i)))));
        match slug {
            Some((d, bits)) if bits & place != 0 => {
                out.push((r.start..d, Label::Loc));
                out.push((d + 1..r.end, l));
            }
            // A league before a sports headline: "NFL - COWBOYS EDGE EAGLES".
            Some((d, bits)) if bits & org != 0 => {
                out.push((r.start..d, Label::Org));
                out.push((d + 1..r.end, l));
            }
            _ => out.push((r, l)),
        }
    }
    out
}

/// Words of the gazetteer's nationality list that are no demonym or people.
const NOT_NATIONALITIES: &[&str] = &[
    "Brexit",
    "Christmas",
    "Communist",
    "Democrat",
    "Democratic",
    "Easter",
    "Eastern",
    "Eid",
    "Hanukkah",
    "Native",
    "Olympic",
    "Olympics",
    "Orthodox",
    "Passover",
    "Ramadan",
    "Republican",
    "Republicans",
    "Thanksgiving",
    "Western",
];

/// Nouns for a person of a nation that wire news puts before a name ("Dane Bjarne Riis").
/// Not "Finn", a first name as often.
const NATIONALITY_NOUNS: &[&str] = &[
    "Briton",
    "Croat",
    "Dane",
    "Dutchman",
    "Englishman",
    "Frenchman",
    "Irishman",
    "Pole",
    "Scot",
    "Serb",
    "Spaniard",
    "Swede",
    "Welshman",
];

/// A nationality the tagger left out is MISC: "German Chancellor Helmut Kohl said", "French
/// troops arrived" (at a sentence's start the tagger often leaves the word out). The word must
/// be a listed nationality and no place or organization, written with one capital, and
/// followed by a word in lower case, a title ("Prime Minister"), punctuation or a person's
/// name ("German Erik Zabel won"), so that "American Express" left out by the tagger is not
/// half a name. A person's name of three words or more that starts with a nationality is
/// cut after it: "Dane Bjarne Riis" is MISC + PER.
pub fn nationalities(
    text: &str,
    tokens: &[Range<usize>],
    gaz: &Gazetteer,
    mut spans: Spans,
) -> Spans {
    let t = Text { text, tokens };
    let nationality = gazetteer::bit("nationality");
    // Not places or organizations; a surname ("French", "German") is allowed, as a person of
    // that name is rarely followed by a lower-case word or a title.
    let other = gazetteer::bits(&["country", "city", "region", "org"]);
    let title = gazetteer::bit("title");
    let one_capital = |w: &str| {
        let mut c = w.chars();
        c.next().is_some_and(char::is_uppercase) && c.all(char::is_lowercase)
    };
    let is_nationality = |w: &str| {
        if w.len() < 4 || !one_capital(w) {
            return false;
        }
        let bits = gaz.word(word_hash(w));
        bits & nationality != 0 && bits & other == 0 && !NOT_NATIONALITIES.contains(&w)
    };
    // Before a person's name, not a first name that is also a nationality ("Christian
    // Keysers"), but the five that wire news does put there.
    let first = gazetteer::bit("first");
    let before_name = |w: &str| {
        NATIONALITY_NOUNS.contains(&w)
            || is_nationality(w)
                && (gaz.word(word_hash(w)) & first == 0
                    || matches!(w, "Dutch" | "French" | "German" | "Irish" | "Thai"))
    };
    let mut split = Vec::new();
    for (r, label) in &mut spans {
        if *label == Label::Per && r.len() >= 3 && before_name(t.word(r.start)) {
            split.push((r.start..r.start + 1, Label::Misc));
            r.start += 1;
        }
    }
    if !split.is_empty() {
        spans.extend(split);
        spans.sort_by_key(|(r, _)| r.start);
    }
    let person_starts: Vec<usize> = spans
        .iter()
        .filter(|(_, l)| *l == Label::Per)
        .map(|(r, _)| r.start)
        .collect();
    add_outside(tokens.len(), spans, |i| {
        let w = t.word(i);
        if !w.starts_with(|c: char| c.is_uppercase()) {
            return None;
        }
        let before_person =
            t.joined(i) && person_starts.binary_search(&(i + 1)).is_ok() && before_name(w);
        if !is_nationality(w) {
            // A noun of the list only before a person ("Pole position" is none).
            return before_person.then_some(Label::Misc);
        }
        let next = t.word(i + 1);
        let free_after = !t.joined(i)
            || !next.chars().next().is_some_and(char::is_uppercase)
            || gaz.word(word_hash(next)) & title != 0
            || before_person;
        free_after.then_some(Label::Misc)
    })
}

/// In a line written in capitals, an acronym the tagger left out that is a well-known
/// organization of the gazetteer and is not mostly written otherwise (in the word table, in
/// capitals in 10 % of its uses or more, or not listed: "EU", "NATO", "UN"; not "WHO", "FED",
/// "APPLE") is that ORG: "BONN SAYS EU MUST STICK TO MAASTRICHT CRITERIA"; not the "WHO" of
/// "THE MAN WHO". In ordinary lines the tagger and the document vote find them.
pub fn acronyms_in_capitals(
    text: &str,
    tokens: &[Range<usize>],
    gaz: &Gazetteer,
    spans: Spans,
) -> Spans {
    let t = Text { text, tokens };
    let org = gazetteer::bit("org");
    let acronym = |w: &str| (2..=5).contains(&w.len()) && w.bytes().all(|b| b.is_ascii_uppercase());
    add_outside(tokens.len(), spans, |i| {
        let w = t.word(i);
        if !acronym(w) {
            return None;
        }
        let only_org = gaz.word(word_hash(w)) == org;
        // The word table's share for a form in capitals: how often it is written so.
        let common = gaz.capitalized_share(w) == 1;
        (only_org && !common && !t.ordinary_line(i)).then_some(Label::Org)
    })
}

/// A headline's name that the document never writes as one, but whose parts it names in its
/// ordinary lines, is cut into those parts ("ISRAEL APPROVES ARAFAT 'S FLIGHT", after "Israel"
/// and "Yasser Arafat" in the story: "ISRAEL" LOC, "ARAFAT" PER). The words between, which the
/// document does not name ("APPROVES"), are left out. It takes two parts, or one and words the
/// document writes in lower case ("CLINTON SIGNS WELFARE BILL", after "Clinton signs the
/// welfare bill"). Each
/// part takes the label of the name's first ordinary mention (a surname: a person's).
/// Headlines are lines in capitals: a Title Case line may be a scoreboard's ("Wasim Akram
/// 25-5-80-2"), whose names the story's prose may have split.
pub fn headline_parts(text: &str, tokens: &[Range<usize>], spans: Spans) -> Spans {
    let t = Text { text, tokens };
    let in_capitals = |i: usize| !t.word(i).chars().any(char::is_lowercase);
    // Spans come in order, so each line is read once: `line` is the last one read.
    let (mut line, mut capitals) = (0..0, false);
    let in_headline: Vec<bool> = spans
        .iter()
        .map(|(r, _)| {
            if r.len() < 2 || !r.clone().all(in_capitals) {
                return false;
            }
            if r.start >= line.end {
                line = t.line_from(r.start, line.end);
                capitals = line.clone().all(in_capitals);
            }
            capitals
        })
        .collect();
    if !in_headline.contains(&true) {
        return spans;
    }
    let (mut line, mut ordinary) = (0..0, false);
    let in_ordinary: Vec<bool> = spans
        .iter()
        .map(|(r, _)| {
            if r.start >= line.end {
                line = t.line_from(r.start, line.end);
                ordinary = t.ordinary(line.clone());
            }
            ordinary
        })
        .collect();
    let mut named: FxHashMap<String, Label> = FxHashMap::default();
    for ((r, l), _) in spans.iter().zip(&in_ordinary).filter(|(_, o)| **o) {
        named.entry(key(text, tokens, r)).or_insert(*l);
        if *l == Label::Per && r.len() >= 2 {
            named
                .entry(key(text, tokens, &(r.end - 1..r.end)))
                .or_insert(Label::Per);
        }
    }
    // Words written in lower case in the document, found once if needed.
    let mut lower_words: Option<FxHashSet<u64>> = None;
    let mut out: Spans = Vec::with_capacity(spans.len());
    for ((r, label), headline) in spans.into_iter().zip(in_headline) {
        if !headline || named.contains_key(&key(text, tokens, &r)) {
            out.push((r, label));
            continue;
        }
        let mut parts: Spans = Vec::new();
        let mut left_out = Vec::new();
        let mut i = r.start;
        while i < r.end {
            // The longest named part from `i`, of up to six words.
            let part = (i + 1..=r.end.min(i + 6)).rev().find_map(|j| {
                let l = named.get(&key(text, tokens, &(i..j)))?;
                Some((i..j, *l))
            });
            match part {
                Some((p, l)) => {
                    i = p.end;
                    parts.push((p, l));
                }
                None => {
                    left_out.push(i);
                    i += 1;
                }
            }
        }
        let plain = |lower: &FxHashSet<u64>| {
            left_out
                .iter()
                .all(|&i| lower.contains(&word_hash(t.word(i))))
        };
        let cut = parts.len() >= 2
            || (parts.len() == 1
                && plain(lower_words.get_or_insert_with(|| {
                    (0..tokens.len())
                        .filter(|&i| t.word(i).starts_with(char::is_lowercase))
                        .map(|i| word_hash(t.word(i)))
                        .collect()
                })));
        if cut {
            out.extend(parts);
        } else {
            out.push((r, label));
        }
    }
    out
}

/// In a headline written in Title Case every word has a capital, so the tagger can take a
/// verb or a plain noun for a name ("Peace Talks", "Seek Recognition", "Exits World Health
/// Organization"). Such a word is one written capitalized in under 10 % of its uses in large
/// English text (the share in the word table: "Talks", "Deepens"; not "Trump"). In
/// a line without a lower-case word of four letters, names lose such words at their edges,
/// and persons are also cut at such a word inside ("Keir Starmer Condemns Trump"); "Of", "To"
/// and their kind leave the edges too; a lone word left that is capitalized in under 40 % of
/// its uses goes, unless a person, and so does a common word alone in capitals ("ENGLAND WIN
/// SERIES"). A name that is a gazetteer's place, nationality or organization as a whole, an
/// organization's head noun at a name's end ("Council") and a known surname ("Rice") are kept.
pub fn title_case_words(
    text: &str,
    tokens: &[Range<usize>],
    gaz: &Gazetteer,
    spans: Spans,
) -> Spans {
    let t = Text { text, tokens };
    let last = gazetteer::bit("last");
    let names = gazetteer::bits(&["country", "city", "region", "nationality", "org"]);
    let plain = |i: usize| {
        let w = t.word(i);
        t.capitalized(i) && gaz.word(word_hash(w)) & last == 0 && gaz.capitalized_share(w) == 1
    };
    // Small words a headline capitalizes: never at a name's edge.
    let small = |i: usize| {
        matches!(
            t.word(i),
            "Of" | "To" | "For" | "And" | "In" | "On" | "At" | "By" | "With" | "From" | "A" | "An"
        )
    };
    let known = |r: &Range<usize>| gaz.entry(r.clone().map(|i| t.word(i))) & names != 0;
    // A plain word in capitals ("ENGLAND WIN SERIES"): a common word of the gazetteer (written
    // in lower case nine times in ten) and nothing else.
    let common = gazetteer::bit("common");
    let shouted = |i: usize| {
        let w = t.word(i);
        w.len() >= 3
            && w.bytes().all(|b| b.is_ascii_uppercase())
            && gaz.word(word_hash(w)) == common
    };
    let mut out: Spans = Vec::with_capacity(spans.len());
    // The line of the last span and its casing: spans come in order, so each line is read once.
    let (mut line, mut ordinary) = (0..0, true);
    for (r, label) in spans {
        if r.start >= line.end {
            line = t.line_from(r.start, line.end);
            ordinary = t.ordinary(line.clone());
        }
        if ordinary || known(&r) {
            out.push((r, label));
            continue;
        }
        // Persons split at a plain word inside; other names keep theirs ("Human Rights").
        let parts: Vec<Range<usize>> = if label == Label::Per {
            let mut parts = Vec::new();
            let mut start = r.start;
            for i in r.clone() {
                if plain(i) {
                    parts.push(start..i);
                    start = i + 1;
                }
            }
            parts.push(start..r.end);
            parts
        } else {
            vec![r]
        };
        for mut p in parts {
            while !p.is_empty() && !known(&p) && (plain(p.start) || small(p.start)) {
                p.start += 1;
            }
            while !p.is_empty()
                && !known(&p)
                && (small(p.end - 1)
                    || (plain(p.end - 1) && ORG_HEADS.binary_search(&t.word(p.end - 1)).is_err()))
            {
                p.end -= 1;
            }
            // A lone word left that is mostly written in lower case is no name either ("Expand
            // Global Role"), unless a person ("Trump" too is capitalized in under 40 % of its
            // uses in the word table's corpus).
            let lone_word = p.len() == 1
                && label != Label::Per
                && !known(&p)
                && (t.capitalized(p.start)
                    && (1..=2).contains(&gaz.capitalized_share(t.word(p.start)))
                    || shouted(p.start));
            if !p.is_empty() && !lone_word {
                out.push((p, label));
            }
        }
    }
    out
}

/// "Time magazine", "the Guardian newspaper", "the Anatolian news agency": a name right before
/// a word for a publication, broadcaster or news agency is that organization, unless it is a
/// place or a nationality ("a Moscow newspaper", "the British broadcaster").
pub fn media_names(
    text: &str,
    tokens: &[Range<usize>],
    gaz: &Gazetteer,
    mut spans: Spans,
) -> Spans {
    let not = gazetteer::bit("country")
        | gazetteer::bit("city")
        | gazetteer::bit("region")
        | gazetteer::bit("nationality");
    let word = |i: usize| tokens.get(i).map_or("", |t| &text[t.clone()]);
    for (r, label) in &mut spans {
        let next = word(r.end);
        let media = matches!(
            next,
            "magazine" | "newspaper" | "tabloid" | "broadcaster" | "weekly"
        ) || next == "news" && word(r.end + 1) == "agency";
        if *label == Label::Org || !media || r.len() > gazetteer::MAX_TOKENS {
            continue;
        }
        if gaz.entry(r.clone().map(|i| &text[tokens[i].clone()])) & not == 0 {
            *label = Label::Org;
        }
    }
    spans
}

/// Head nouns that make a capitalized name an organization by the CoNLL conventions
/// ("Florida Department of Law Enforcement", "National Library of the Netherlands",
/// "Collins College", "New York Stock Exchange"). Not "Union" (the Soviet Union is a place),
/// "League" or "Cup" (competitions are MISC), nor "Center", "Hotel", "Museum" or "Railway"
/// (as often places). Sorted, for a binary search.
const ORG_HEADS: &[&str] = &[
    "Academy",
    "Administration",
    "Agency",
    "Airlines",
    "Airways",
    "Alliance",
    "Army",
    "Assembly",
    "Association",
    "Authority",
    "Band",
    "Bank",
    "Board",
    "Brotherhood",
    "Bulletin",
    "Bureau",
    "Choir",
    "Chronicle",
    "Church",
    "Coalition",
    "College",
    "Commission",
    "Committee",
    "Company",
    "Corp.",
    "Corporation",
    "Council",
    "Court",
    "Department",
    "Ensemble",
    "Enterprises",
    "Exchange",
    "Federation",
    "Foundation",
    "Fund",
    "Gazette",
    "Group",
    "Herald",
    "Holdings",
    "Hospital",
    "Inc.",
    "Industries",
    "Institute",
    "Institution",
    "Journal",
    "LLC",
    "Laboratories",
    "Library",
    "Lottery",
    "Ltd",
    "Ltd.",
    "Ministry",
    "Movement",
    "Navy",
    "News",
    "Orchestra",
    "Organisation",
    "Organization",
    "PLC",
    "Parliament",
    "Partners",
    "Party",
    "Pictures",
    "Police",
    "Post",
    "Productions",
    "Records",
    "School",
    "Senate",
    "Services",
    "Society",
    "Studios",
    "Technologies",
    "Telegraph",
    "Times",
    "Tribune",
    "Trust",
    "University",
];

/// Words that open a sentence without being part of a name after them.
const OPENERS: &[&str] = &[
    "The",
    "A",
    "An",
    "In",
    "On",
    "At",
    "For",
    "By",
    "With",
    "From",
    "To",
    "As",
    "And",
    "But",
    "If",
    "When",
    "While",
    "After",
    "Before",
    "This",
    "That",
    "These",
    "Those",
    "His",
    "Her",
    "Their",
    "Its",
    "Our",
    "My",
    "Your",
    "Both",
    "Then",
    "Now",
    "Yesterday",
    "Today",
    "Last",
    "Every",
    "Each",
    "Some",
    "Many",
    "Most",
    "All",
    "Under",
    "Since",
    "Because",
    "Although",
];

/// A capitalized run ending in an organization's head noun, or holding one before "of" or
/// "for" ("Department of Labor", "Center for Investigative Journalism"), is one ORG: the
/// tagger often splits it ("Florida" LOC + "Law Enforcement" MISC) or calls it a place. The
/// run must sit in a line with ordinary casing (a lower-case word just before or after it) and
/// have a word besides the head; names the tagger found across its edges leave it alone. "West
/// Bank" and its kind stay places. Title Case lines are passed over: their capitals say
/// nothing.
pub fn org_heads(text: &str, tokens: &[Range<usize>], mut spans: Spans) -> Spans {
    let t = Text { text, tokens };
    let lower = |i: usize| t.word(i).chars().next().is_some_and(char::is_lowercase);
    let name_word = |i: usize| {
        let w = t.word(i);
        w.chars().next().is_some_and(char::is_uppercase) && w != "I"
    };
    let mut found: Vec<Range<usize>> = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        // Every token passes here: a capital first, then a binary search of the sorted list.
        let w = t.word(i);
        let head = w.starts_with(|c: char| c.is_ascii_uppercase())
            && (ORG_HEADS.binary_search(&w).is_ok()
                || (matches!(w, "Center" | "Centre" | "Centers" | "Campaign")
                    && t.word(i + 1) == "for"));
        if !head || found.last().is_some_and(|r| r.end > i) {
            i += 1;
            continue;
        }
        // Left: capitalized words on the same line, not a sentence's opener.
        let mut start = i;
        while start > 0 && t.joined(start - 1) && name_word(start - 1) {
            start -= 1;
        }
        while start < i && OPENERS.contains(&t.word(start)) {
            start += 1;
        }
        // Right: "of" or "for" ("the") and up to four capitalized words, twice at most
        // ("Committee for the Protection of Journalists").
        let mut end = i + 1;
        for _ in 0..2 {
            if !(matches!(t.word(end), "of" | "for") && t.joined(end - 1)) {
                break;
            }
            let mut m = end + 1;
            if t.word(m) == "the" && t.joined(m - 1) {
                m += 1;
            }
            let first = m;
            while m < first + 4 && t.joined(m - 1) && name_word(m) {
                m += 1;
            }
            if m == first {
                break;
            }
            end = m;
        }
        let ordinary = ((start > 0 && t.joined(start - 1) && lower(start - 1))
            || (t.joined(end - 1) && lower(end)))
            && t.ordinary_line(i);
        let place = end - start == 2
            && t.word(i) == "Bank"
            && matches!(t.word(start), "West" | "East" | "North" | "South" | "Left");
        let closed = end == tokens.len() || !t.joined(end - 1) || !name_word(end);
        if end - start >= 2 && ordinary && closed && !place {
            found.push(start..end);
        }
        i = end.max(i + 1);
    }
    if found.is_empty() {
        return spans;
    }
    // A run is taken only if no name crosses its edges.
    found.retain(|f| {
        spans.iter().all(|(r, _)| {
            r.end <= f.start || r.start >= f.end || (f.start <= r.start && r.end <= f.end)
        })
    });
    spans.retain(|(r, _)| !found.iter().any(|f| f.start <= r.start && r.end <= f.end));
    spans.extend(found.into_iter().map(|f| (f, Label::Org)));
    spans.sort_by_key(|(r, _)| r.start);
    spans
}

/// The players named in one line of a cricket scoreboard (token ranges); empty if the line is
/// not one. A batting line is a name, the way the batsman got out and the runs: "M. Atherton c
/// Moin Khan b Wasim Akram 31", "N. Knight lbw b Waqar Younis 17", "G. Thorpe not out 54".
/// Every word must be a capitalized name word, a scoring word or a number at the end. A
/// bowling figure ("25-5-80-2", overs-maidens-runs-wickets) names the bowler before it
/// ("Bowling: Wasim Akram 25-5-80-2, Waqar Younis 20-3-69-1").
fn cricketers(t: &Text, line: Range<usize>) -> Vec<Range<usize>> {
    const HOW_OUT: &[&str] = &[
        "c", "b", "lbw", "st", "run", "out", "not", "and", "retired", "hurt", "hit", "wicket",
        "sub", "(", ")",
    ];
    let name_word = |i: usize| {
        let w = t.word(i);
        w.chars().next().is_some_and(char::is_uppercase)
            || (matches!(w, "." | "'" | "-") && i > line.start && t.glued(i - 1))
    };
    let runs = |i: usize| {
        let w = t.word(i);
        (1..=3).contains(&w.len()) && w.bytes().all(|b| b.is_ascii_digit())
    };
    let figures = |i: usize| {
        let w = t.word(i);
        w.bytes().filter(|&b| b == b'-').count() == 3
            && w.split('-').all(|p| {
                let p = p.split_once('.').map_or(p, |(whole, _)| whole);
                (1..=3).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_digit())
            })
    };
    // Names: runs of name words.
    let mut names = Vec::new();
    let mut i = line.start;
    while i < line.end {
        let s = i;
        while i < line.end && name_word(i) {
            i += 1;
        }
        if i > s {
            names.push(s..i);
        } else {
            i += 1;
        }
    }
    let mut first_number = line.end;
    while first_number > line.start && runs(first_number - 1) {
        first_number -= 1;
    }
    let batting = first_number < line.end
        && names.first().is_some_and(|r| r.start == line.start)
        && (line.start..first_number)
            .any(|i| matches!(t.word(i), "b" | "out" | "lbw") && t.word(i + 1) != "-")
        && (line.start..first_number).all(|i| name_word(i) || HOW_OUT.contains(&t.word(i)))
        && names.len() <= 4;
    names.retain(|r| batting || (r.end < line.end && figures(r.end)));
    names
}

/// The teams and players of a cricket scoreboard's innings line: a team's name and its score
/// ("326", "236-4", "250-7 dec"), then in brackets its batsmen's runs and the bowlers' figures
/// ("Durham 326 ( D. Cox 95 not out , S. Campbell 69 ; G. Rose 7-73 ) . Somerset 236-4 ( M.
/// Lathwell 85 )"); "v Hampshire" names the other team. Empty unless a team has a score and
/// a bracket, and players or another team.
fn innings_line(t: &Text, line: Range<usize>) -> (Vec<Range<usize>>, Vec<Range<usize>>) {
    let name_word = |i: usize| {
        let w = t.word(i);
        w.chars().next().is_some_and(char::is_uppercase)
            || (matches!(w, "-" | "'") && i > line.start && t.glued(i - 1) && t.glued(i))
    };
    let digits = |w: &str, n: std::ops::RangeInclusive<usize>| {
        n.contains(&w.len()) && w.bytes().all(|b| b.is_ascii_digit())
    };
    // A score: runs, or runs and wickets ("236-4"); a bowler's figures: wickets and runs.
    let score = |i: usize| {
        let w = t.word(i);
        match w.split_once('-') {
            Some((runs, wickets)) => digits(runs, 1..=3) && digits(wickets, 1..=2),
            None => digits(w, 1..=3),
        }
    };
    let initial = |i: usize| {
        let w = t.word(i);
        w.len() == 2 && w.ends_with('.') && w.starts_with(|c: char| c.is_ascii_uppercase())
    };
    let mut teams = Vec::new();
    let mut players = Vec::new();
    let mut in_brackets = false;
    let mut i = line.start;
    while i < line.end {
        match t.word(i) {
            "(" => in_brackets = true,
            ")" => in_brackets = false,
            _ => {}
        }
        if !name_word(i) || (i > line.start && name_word(i - 1)) {
            i += 1;
            continue;
        }
        let mut end = i;
        while end < line.end && name_word(end) {
            end += 1;
        }
        let after = |k: usize| {
            if end + k < line.end {
                t.word(end + k)
            } else {
                ""
            }
        };
        if in_brackets {
            if initial(i) && end - i <= 3 && score(end) {
                players.push(i..end);
            }
        } else {
            let scored = !initial(i) && score(end) && matches!(after(1), "(" | "dec");
            let versus = i > line.start && t.word(i - 1) == "v";
            if end - i <= 3 && (scored || versus) {
                teams.push(i..end);
            }
        }
        i = end;
    }
    // A scoreboard has a scored team and its players or the other team ("Apollo 13 ( film )"
    // is none).
    let versus = teams
        .iter()
        .any(|r| r.start > line.start && t.word(r.start - 1) == "v");
    if !teams.iter().any(|r| score(r.end)) || (players.is_empty() && !versus) {
        return (Vec::new(), Vec::new());
    }
    (teams, players)
}

/// Words inside a person's name written in lower case ("Harry van Raaij").
const NAME_PARTICLES: &[&str] = &[
    "al", "bin", "da", "de", "del", "der", "di", "du", "van", "von",
];

/// Runs of name words in `range`, outside brackets: capitalized words, with particles and a
/// glued ".", "'" or "-" inside.
fn name_runs(t: &Text, range: Range<usize>) -> Vec<Range<usize>> {
    let name_word = |i: usize, first: bool| {
        let w = t.word(i);
        w.chars().next().is_some_and(char::is_uppercase)
            || (!first && NAME_PARTICLES.contains(&w))
            || (!first && matches!(w, "." | "'" | "-") && t.glued(i - 1))
    };
    let mut runs = Vec::new();
    let mut depth = 0usize;
    let mut i = range.start;
    while i < range.end {
        match t.word(i) {
            "(" => depth += 1,
            ")" => depth = depth.saturating_sub(1),
            _ if depth == 0 && name_word(i, true) => {
                let s = i;
                while i < range.end && name_word(i, i == s) {
                    i += 1;
                }
                // A particle does not end a name.
                while i - 1 > s && NAME_PARTICLES.contains(&t.word(i - 1)) {
                    i -= 1;
                }
                runs.push(s..i);
                continue;
            }
            _ => {}
        }
        i += 1;
    }
    runs
}

/// The players of a tennis results line: "Pete Sampras ( U.S. ) beat Jiri Novak ( Czech
/// Republic ) 6-3 6-4 6-2", "1 - Steffi Graf ( Germany ) beat Yayuk Basuki ( Indonesia ) 6-2
/// 6-1", doubles pairs joined by "and" or "/". The line holds "beat" and ends in two set scores
/// or more (games up to 7, tie-breaks in brackets, "retired" or "walkover" after). The names outside
/// brackets are people; the brackets hold their countries.
fn tennis_players(t: &Text, line: Range<usize>) -> Vec<Range<usize>> {
    let set = |i: usize| {
        t.word(i).split_once('-').is_some_and(|(a, b)| {
            [a, b]
                .iter()
                .all(|n| n.len() == 1 && n.bytes().all(|c| (b'0'..=b'7').contains(&c)))
        })
    };
    let Some(beat) = (line.start..line.end).find(|&i| matches!(t.word(i), "beat" | "bt")) else {
        return Vec::new();
    };
    let Some(first_set) = (beat + 1..line.end).find(|&i| set(i)) else {
        return Vec::new();
    };
    // After the first set: sets, tie-breaks and how the match ended, nothing else.
    let tail_ok = (first_set..line.end).all(|i| {
        let w = t.word(i);
        set(i)
            || matches!(
                w,
                "(" | ")" | "retired" | "retd" | "walkover" | "w/o" | "ret"
            )
            || w.bytes().all(|b| b.is_ascii_digit())
    });
    // Two sets at least, outside brackets: "Barcelona beat Real Madrid 2-1 ( halftime 1-0 )"
    // is a football score.
    let mut depth = 0usize;
    let mut sets = 0;
    for i in first_set..line.end {
        match t.word(i) {
            "(" => depth += 1,
            ")" => depth = depth.saturating_sub(1),
            _ if depth == 0 && set(i) => sets += 1,
            _ => {}
        }
    }
    if !tail_ok || sets < 2 {
        return Vec::new();
    }
    name_runs(t, line.start..first_set)
        .into_iter()
        .filter(|r| !(r.len() == 1 && t.word(r.start) == "beat"))
        .collect()
}

/// The players of a leaderboard row that gives the score first: "65 Greg Norman ( Australia
/// )", "66 Fred Couples , Davis Love". The score is a golf total (55 to 350); then names,
/// each with an optional bracket, split by commas, to the line's end. One such line proves
/// nothing ("200 Park Avenue"): the caller wants two.
fn golfers_after_score(t: &Text, line: Range<usize>) -> Vec<Range<usize>> {
    let score = t
        .word(line.start)
        .parse::<u32>()
        .is_ok_and(|n| (55..=350).contains(&n));
    if !score || line.len() < 3 {
        return Vec::new();
    }
    let mut names = Vec::new();
    let mut i = line.start + 1;
    while i < line.end {
        let runs = name_runs(t, i..line.end);
        let Some(r) = runs.first().filter(|r| r.start == i && r.len() <= 4) else {
            return Vec::new();
        };
        i = r.end;
        if t.word(i) == "(" {
            match (i..line.end).find(|&k| t.word(k) == ")") {
                Some(close) => i = close + 1,
                None => return Vec::new(),
            }
        }
        names.push(r.clone());
        match t.word(i) {
            "," if i + 1 < line.end => i += 1,
            _ if i == line.end => {}
            _ => return Vec::new(),
        }
    }
    if names.iter().any(|r| r.len() >= 2) {
        names
    } else {
        Vec::new()
    }
}

/// A ranked results line of a race: "1. Ludmila Engquist ( Sweden ) 12.60 seconds", "2.
/// Tony Rominger ( Switzerland ) Mapei same time", "1. Michael Schumacher ( Germany ) Ferrari
/// 1:28:15.125". After the rank comes a person's name of two to four words (no place or
/// organization of the gazetteer as a whole), a bracket of one to three words, maybe a team of
/// one to three words, then a result with a digit or "same time". Returns the person, the
/// team and the bracket's country ("Trinidad", which the tagger took for MISC); all empty if
/// the line is not one.
fn ranked_line(t: &Text, gaz: &Gazetteer, line: Range<usize>) -> [Vec<Range<usize>>; 3] {
    let none = [Vec::new(), Vec::new(), Vec::new()];
    let rank = t.word(line.start);
    let mut i = line.start;
    if (1..=3).contains(&rank.len()) && rank.bytes().all(|b| b.is_ascii_digit()) {
        i += 1;
        if t.word(i) != "." || !t.glued(i - 1) {
            return none;
        }
        i += 1;
    } else {
        return none;
    }
    let Some(name) = name_runs(t, i..line.end)
        .into_iter()
        .next()
        .filter(|r| r.start == i && (2..=4).contains(&r.len()))
    else {
        return none;
    };
    let not_person = gazetteer::bits(&["country", "city", "region", "org", "nationality"]);
    if gaz.entry(name.clone().map(|k| t.word(k))) & not_person != 0 || t.word(name.end) != "(" {
        return none;
    }
    let Some(close) = (name.end..line.end.min(name.end + 5)).find(|&k| t.word(k) == ")") else {
        return none;
    };
    let mut team = Vec::new();
    let mut rest = close + 1;
    if let Some(r) = name_runs(t, rest..line.end)
        .into_iter()
        .next()
        .filter(|r| r.start == rest && r.len() <= 3)
    {
        rest = r.end;
        team.push(r);
    }
    let result = (rest..line.end)
        .any(|k| t.word(k).bytes().any(|b| b.is_ascii_digit()) || t.word(k) == "same");
    if rest == line.end || !result {
        return none;
    }
    let country: Vec<Range<usize>> = name_runs(t, name.end + 1..close)
        .into_iter()
        .filter(|r| r.start == name.end + 1 && r.end == close)
        .collect();
    [vec![name], team, country]
}

/// A match summary line: the teams and the scorers in brackets after their scores, "Ajax 2 (
/// Kluivert 23 , Musampa 65 ) Fortuna Sittard 0 . Halftime 1-0 . Attendance 45,000". The two
/// teams (one to five name words) each have a score of one or two digits and may have a
/// bracket of scorers, and the second's score ends the line or a sentence. Returns the teams
/// and the scorers; both empty if the line is not one.
fn summary_line(t: &Text, line: Range<usize>) -> (Vec<Range<usize>>, Vec<Range<usize>>) {
    let none = (Vec::new(), Vec::new());
    let goals = |i: usize| {
        let w = t.word(i);
        (1..=2).contains(&w.len()) && w.bytes().all(|b| b.is_ascii_digit())
    };
    let mut teams = Vec::new();
    let mut scorers = Vec::new();
    let mut i = line.start;
    for side in 0..2 {
        let Some(name) = name_runs(t, i..line.end)
            .into_iter()
            .next()
            .filter(|r| r.start == i && r.len() <= 5)
        else {
            return none;
        };
        i = name.end;
        if !goals(i) {
            return none;
        }
        i += 1;
        teams.push(name);
        if t.word(i) == "(" {
            let Some(close) = (i..line.end).find(|&k| t.word(k) == ")") else {
                return none;
            };
            // Scorers: name runs inside the bracket, each followed by a minute.
            let mut k = i + 1;
            while k < close {
                match name_runs(t, k..close).into_iter().next() {
                    Some(r) if r.len() <= 3 => {
                        k = r.end;
                        scorers.push(r);
                    }
                    _ => break,
                }
            }
            i = close + 1;
        }
        let ends = i == line.end || matches!(t.word(i), "." | ";");
        if side == 1 && !ends {
            return none;
        }
    }
    if scorers.is_empty() {
        none
    } else {
        (teams, scorers)
    }
}

/// The team names of one results line (token ranges); empty if the line is not one.
///
/// A fixtures line is `NAME AT NAME` in capitals, both names starting with a place. A score line is `NAME N NAME N`, optionally followed by a bracket ("( halftime 1-0 )"); a
/// standings row is `NAME N N N N …` with at least four numbers and nothing else. A NAME is one
/// to five capitalized words (or "-", "." and "&" between them).
fn teams(t: &Text, gaz: &Gazetteer, line: Range<usize>) -> Vec<Range<usize>> {
    let month = gazetteer::bit("month");
    let caps = |i: usize| {
        let w = t.word(i);
        w.chars().any(char::is_alphabetic) && !w.chars().any(char::is_lowercase)
    };
    // A fixtures line in capitals, `NAME AT NAME` and nothing else ("CHICAGO AT ATLANTA"),
    // where both names start with a known place. Only in capitals ("Obama at Harvard" is a
    // headline), and only places ("FIRE AT FACTORY" is one too).
    let place = gazetteer::bit("city") | gazetteer::bit("region") | gazetteer::bit("country");
    if let Some(at) = line.clone().find(|&i| t.word(i) == "AT") {
        let (a, b) = (line.start..at, at + 1..line.end);
        let ok = |r: &Range<usize>| {
            let hashes: Vec<u64> = r.clone().map(|i| word_hash(t.word(i))).collect();
            (1..=3).contains(&r.len())
                && r.clone().all(caps)
                && gaz
                    .longest(&hashes)
                    .is_some_and(|(_, bits)| bits & place != 0)
        };
        return if ok(&a) && ok(&b) {
            vec![a, b]
        } else {
            Vec::new()
        };
    }
    // Goals, points, wins: up to three digits. Standings rows may also have a winning
    // percentage (".507", which is two tokens, or "0.507") and a "-" or "9 1/2" for games behind.
    let number = |i: usize| {
        let w = t.word(i);
        !w.is_empty() && w.len() <= 3 && w.bytes().all(|b| b.is_ascii_digit())
    };
    let stat = |i: usize| {
        let w = t.word(i);
        let (int, frac) = w.split_once('.').unwrap_or((w, ""));
        number(i)
            || matches!(w, "-" | "1/2" | "½")
            || (w == "." && number(i + 1) && t.joined(i))
            || (int.len() <= 1
                && (1..=3).contains(&frac.len())
                && int.bytes().chain(frac.bytes()).all(|b| b.is_ascii_digit()))
    };
    let name_word = |i: usize| {
        let w = t.word(i);
        w.chars().next().is_some_and(char::is_uppercase) && w.chars().any(char::is_alphabetic)
    };
    let mut i = line.start;
    let mut names = Vec::new();
    let mut numbers_after = Vec::new();
    while i < line.end {
        let s = i;
        while i < line.end
            && (name_word(i)
                || (i > s
                    && i + 1 < line.end
                    && matches!(t.word(i), "-" | "&")
                    && name_word(i + 1)))
        {
            i += 1;
        }
        // Month names make dates ("March 3 April 1"), not teams.
        let months = (s..i).all(|j| gaz.word(word_hash(t.word(j))) & month != 0);
        if i == s || i - s > 5 || months {
            break;
        }
        let n = i;
        while i < line.end && (number(i) || (i > n && stat(i))) {
            i += 1;
        }
        if i == n {
            break;
        }
        names.push(s..n);
        numbers_after.push(i - n);
    }
    let rest_is_bracket = t.word(i) == "(";
    let score = names.len() == 2 && numbers_after == [1, 1] && (i == line.end || rest_is_bracket);
    let standings = names.len() == 1 && numbers_after[0] >= 4 && i == line.end;
    if score || standings {
        names
    } else {
        Vec::new()
    }
}

/// Team names in results lines and standings rows, as ORG (a club) or LOC (a country's team),
/// and the column heads of standings tables, found once per document.
pub struct ResultsLines {
    found: Vec<(Range<usize>, Found)>,
}

/// A club's name with the capitalized words before it that the tagger left out ("Feyenoord
/// Rotterdam", tagged "Rotterdam"): up to four words, not a sentence's opener, a weekday or a
/// month.
fn club_words_before(t: &Text, spans: &Spans, r: Range<usize>) -> Range<usize> {
    let mut start = r.start;
    while start > 0
        && r.end - start < 4
        && t.joined(start - 1)
        && t.capitalized(start - 1)
        && !OPENERS.contains(&t.word(start - 1))
        && !WEEKDAYS
            .iter()
            .chain(MONTHS)
            .any(|d| d.eq_ignore_ascii_case(t.word(start - 1)))
        && !spans.iter().any(|(s, _)| s.contains(&(start - 1)))
    {
        start -= 1;
    }
    start..r.end
}

/// What a results line holds.
enum Found {
    /// A team (ORG or LOC) or a player (PER).
    Name(Label),
    /// A standings row's name that reads as a person's ("Tiger Woods 70 68 65 67 270"): a
    /// person if most such rows of the document are (a leaderboard, not a league table) or the
    /// tagger said so, else a team.
    PlayerOrTeam,
    /// The column heads of a standings table: no name in them.
    Header,
}

/// A name of two or three words that opens with a known first name (no place's or
/// organization's word) and ends with a word the document names alone as a person is that
/// person: "Damon Hill" tagged LOC for its "Hill", with "Hill needs one point" PER in the
/// story. "Ford County" and "Hudson River" have no such person. Places and organizations only
/// (a MISC with a first name is a product's: "Rocky Linux"), and only a surname written in
/// ordinary case vouches (in capitals the tagger guesses). A country's possessive vouches too,
/// as sports reports name their athletes: "Britain 's Damon Hill", "Namibia 's Frankie
/// Fredericks", when the name has two words, a listed surname and no organization's word or
/// place noun ("Australia 's Griffith University", "Boston 's Grant Park" stay).
pub fn persons_by_surname(
    text: &str,
    tokens: &[Range<usize>],
    gaz: &Gazetteer,
    mut spans: Spans,
) -> Spans {
    let t = Text { text, tokens };
    let surnames: FxHashSet<u64> = spans
        .iter()
        .filter(|(r, l)| *l == Label::Per && r.len() == 1 && t.capitalized(r.start))
        .map(|(r, _)| word_hash(t.word(r.start)))
        .collect();
    let first = gazetteer::bit("first");
    let last = gazetteer::bit("last");
    let country = gazetteer::bit("country");
    let not_person =
        gazetteer::bits(&["country", "city", "region", "org", "orgword", "nationality"]);
    // "Britain 's" or "Britain ' s" just before token `i`, on one line.
    let after_country = |i: usize| {
        let owner = (1..=2)
            .filter(|&n| i > n && t.possessive(i - n) == n && t.joined(i - n - 1))
            .map(|n| i - n - 1)
            .next();
        owner.is_some_and(|o| gaz.word(word_hash(t.word(o))) & country != 0)
    };
    for (r, label) in &mut spans {
        if !matches!(label, Label::Loc | Label::Org) || !(2..=3).contains(&r.len()) {
            continue;
        }
        let opener = gaz.word(word_hash(t.word(r.start)));
        let surname = word_hash(t.word(r.end - 1));
        if opener & first != 0
            && opener & not_person == 0
            && (surnames.contains(&surname)
                || (r.len() == 2
                    && after_country(r.start)
                    && reads_as_person(&t, gaz, r)
                    && gaz.word(surname) & last != 0
                    && !PLACE_NAME_ENDS.contains(&t.word(r.end - 1))))
            && gaz.entry(r.clone().map(|i| t.word(i))) == 0
        {
            *label = Label::Per;
        }
    }
    spans
}

/// Nouns that end the names of places ("Grant Park", "Jackson Lake"), not surnames there.
const PLACE_NAME_ENDS: &[&str] = &[
    "Airport",
    "Bay",
    "Beach",
    "Bridge",
    "Canyon",
    "Castle",
    "Creek",
    "Falls",
    "Forest",
    "Harbor",
    "Harbour",
    "Island",
    "Islands",
    "Lake",
    "Mountain",
    "Mountains",
    "Park",
    "River",
    "Springs",
    "Square",
    "Stadium",
    "Street",
    "Valley",
];

/// A name of two words or more that starts with a known first name and holds no place or
/// organization word: "Martina Hingis", not "Real Madrid" (but "Aston Villa" too: callers need
/// other evidence, such as the set scores of a tennis report).
fn reads_as_person(t: &Text, gaz: &Gazetteer, r: &Range<usize>) -> bool {
    let first = gazetteer::bit("first");
    let not_person = gazetteer::bits(&["country", "city", "region", "org", "orgword"]);
    let bits = |i: usize| gaz.word(word_hash(t.word(i)));
    r.len() >= 2
        && bits(r.start) & first != 0
        && r.clone().all(|i| bits(i) & not_person == 0)
        && gaz.entry(r.clone().map(|i| t.word(i))) == 0
}

/// Ranges sorted by start with the furthest end so far, which tell by binary search whether
/// any of them meets a range: a results page finds thousands, so pairwise checks are too slow.
struct Ranges {
    sorted: Vec<Range<usize>>,
    furthest: Vec<usize>,
}

impl Ranges {
    fn new(ranges: impl Iterator<Item = Range<usize>>) -> Ranges {
        let mut sorted: Vec<Range<usize>> = ranges.collect();
        sorted.sort_by_key(|r| r.start);
        let furthest = sorted
            .iter()
            .scan(0, |end, r| {
                *end = r.end.max(*end);
                Some(*end)
            })
            .collect();
        Ranges { sorted, furthest }
    }

    /// Some range overlaps `r`.
    fn meet(&self, r: &Range<usize>) -> bool {
        let before = self.sorted.partition_point(|f| f.start < r.end);
        before > 0 && self.furthest[before - 1] > r.start
    }
}

impl ResultsLines {
    pub fn find(text: &str, tokens: &[Range<usize>], gaz: &Gazetteer) -> ResultsLines {
        let t = Text { text, tokens };
        let country = gazetteer::bit("country");
        let person_like = |r: &Range<usize>| reads_as_person(&t, gaz, r);
        let mut found = Vec::new();
        // Standings rows whose name is no person's.
        let mut team_rows = 0;
        // Leaderboard rows that give the score first, and their players.
        let mut golf_rows = 0;
        let mut golfers_found = Vec::new();
        let mut start = 0;
        while start < tokens.len() {
            let mut end = start + 1;
            while t.joined(end - 1) {
                end += 1;
            }
            // Only short lines with a digit or an "at" can be results: most lines are passed
            // over here.
            let digit = || {
                text[tokens[start].start..tokens[end - 1].end]
                    .bytes()
                    .any(|b| b.is_ascii_digit())
            };
            let at = || end - start <= 7 && (start..end).any(|i| t.word(i) == "AT");
            // A standings header ("W L PCT GB", "P W D L F A PTS") holds no name.
            let header = end - start >= 3 && (start..end).all(|i| HEADERS.contains(&t.word(i)));
            if header {
                found.push((start..end, Found::Header));
            } else if digit() || at() {
                let mut teams = teams(&t, gaz, start..end);
                let bracket = (start..end).any(|i| t.word(i) == "(");
                if teams.is_empty() && bracket {
                    let (summary, scorers) = summary_line(&t, start..end);
                    teams = summary;
                    found.extend(scorers.into_iter().map(|r| (r, Found::Name(Label::Per))));
                    if teams.is_empty() {
                        let [person, team, country] = ranked_line(&t, gaz, start..end);
                        found.extend(person.into_iter().map(|r| (r, Found::Name(Label::Per))));
                        found.extend(country.into_iter().map(|r| (r, Found::Name(Label::Loc))));
                        found.extend(team.into_iter().map(|r| (r, Found::Name(Label::Org))));
                    }
                }
                if teams.is_empty() && bracket {
                    let (innings, players) = innings_line(&t, start..end);
                    teams = innings;
                    found.extend(players.into_iter().map(|r| (r, Found::Name(Label::Per))));
                }
                if teams.is_empty() {
                    let mut players = cricketers(&t, start..end);
                    if players.is_empty() {
                        players = tennis_players(&t, start..end);
                    }
                    if players.is_empty() {
                        let golfers = golfers_after_score(&t, start..end);
                        golf_rows += usize::from(!golfers.is_empty());
                        golfers_found.extend(golfers);
                    }
                    found.extend(players.into_iter().map(|r| (r, Found::Name(Label::Per))));
                }
                let standings = teams.len() == 1;
                for r in teams {
                    let is_country = gaz.entry(r.clone().map(|i| t.word(i))) & country != 0;
                    let kind = if is_country {
                        Found::Name(Label::Loc)
                    } else if standings && person_like(&r) {
                        Found::PlayerOrTeam
                    } else {
                        team_rows += usize::from(standings);
                        Found::Name(Label::Org)
                    };
                    found.push((r, kind));
                }
            }
            start = end;
        }
        if golf_rows >= 2 {
            found.extend(
                golfers_found
                    .into_iter()
                    .map(|r| (r, Found::Name(Label::Per))),
            );
            found.sort_by_key(|(r, _)| r.start);
        }
        // Mostly people's names: a leaderboard.
        let player_rows = found
            .iter()
            .filter(|(_, f)| matches!(f, Found::PlayerOrTeam))
            .count();
        if player_rows > team_rows {
            for (_, f) in &mut found {
                if matches!(f, Found::PlayerOrTeam) {
                    *f = Found::Name(Label::Per);
                }
            }
        }
        ResultsLines { found }
    }

    /// Adds the clubs of match reports: in a sentence with a score ("2-1") and a word of the
    /// result ("beat", "drew", "lost"…), a name the tagger saw (not a person) that is a city
    /// or a run of initials ("PSV"), or a name of several words holding a city that is no place as a whole ("PSV
    /// Eindhoven"), is a club (ORG): "Barcelona beat Real Madrid 2-1", "lost 2-0 at Vitesse
    /// Arnhem". Countries stay places (national teams), and so does a city after "in" ("the
    /// final in Colombo").
    pub fn add_match_reports(
        &mut self,
        text: &str,
        tokens: &[Range<usize>],
        gaz: &Gazetteer,
        spans: &Spans,
    ) {
        let t = Text { text, tokens };
        let city = gazetteer::bit("city");
        let country = gazetteer::bit("country");
        let score = |w: &str| {
            w.split_once('-').is_some_and(|(a, b)| {
                [a, b].iter().all(|n| {
                    (1..=2).contains(&n.len())
                        && n.bytes().all(|c| c.is_ascii_digit())
                        && n.parse::<u32>().is_ok_and(|n| n <= 15)
                })
            })
        };
        let result_word = |w: &str| MATCH_WORDS.contains(&w);
        let ends_sentence = |i: usize| matches!(t.word(i), "." | "!" | "?" | ";") || !t.joined(i);
        // A cricket margin: "by an innings and 39 runs", "by eight wickets".
        let margin = |at: usize| {
            matches!(t.word(at), "innings" | "wickets" | "wicket" | "runs")
                && (at.saturating_sub(3)..at).any(|i| t.word(i) == "by")
        };
        let not_club = gazetteer::bits(&["country", "nationality"]);
        // What the results lines found; what this adds is checked within its sentence.
        let lines_found = Ranges::new(self.found.iter().map(|(r, _)| r.clone()));
        // Sentences are sought around scores and margins only: most texts have none.
        let mut done = 0;
        for at in 0..tokens.len() {
            let w = t.word(at);
            let scored = w.as_bytes().first().is_some_and(u8::is_ascii_digit) && score(w);
            if at < done || !(scored || (w.len() >= 4 && margin(at))) {
                continue;
            }
            let start = (0..at)
                .rev()
                .find(|&i| ends_sentence(i))
                .map_or(0, |i| i + 1);
            let end = (at..tokens.len())
                .find(|&i| ends_sentence(i))
                .map_or(tokens.len(), |i| i + 1);
            done = end;
            let added_before = self.found.len();
            if (start..end).any(|i| result_word(t.word(i))) {
                // Two set scores or more: a tennis match ("6-2 6-4"), which players win.
                let set_score = |w: &str| {
                    score(w)
                        && w.split('-')
                            .filter_map(|n| n.parse::<u32>().ok())
                            .max()
                            .is_some_and(|n| n == 6 || n == 7)
                };
                let tennis = (start..end).filter(|&i| set_score(t.word(i))).count() >= 2;
                // The sentence's places, those that touch joined ("Ajax" "Amsterdam").
                let mut places: Vec<Range<usize>> = Vec::new();
                let first = spans.partition_point(|(r, _)| r.start < start);
                for (r, _) in spans[first..]
                    .iter()
                    .take_while(|(r, _)| r.start < end)
                    .filter(|(_, l)| matches!(l, Label::Loc | Label::Org | Label::Misc))
                    .filter(|(r, _)| r.end <= end)
                {
                    match places.last_mut() {
                        Some(last) if last.end == r.start => last.end = r.end,
                        _ => places.push(r.clone()),
                    }
                }
                for r in places {
                    let bits = |i: usize| gaz.word(word_hash(t.word(i)));
                    let whole = gaz.entry(r.clone().map(|i| t.word(i)));
                    // A club known by its initials ("Ajax beat PSV 2-1").
                    let initials = r.len() == 1
                        && (2..=5).contains(&t.word(r.start).len())
                        && t.word(r.start).bytes().all(|b| b.is_ascii_uppercase());
                    let one_city = r.len() == 1 && (bits(r.start) & city != 0 || initials);
                    let holds_city = r.len() > 1
                        && whole == 0
                        && r.clone()
                            .any(|i| bits(i) & city != 0 && bits(i) & country == 0);
                    let after_in = r.start > 0 && matches!(t.word(r.start - 1), "in" | "In");
                    // Next to the result: "Leicestershire beat Somerset", "lost to Vitesse".
                    let beside = (result_word(t.word(r.end))
                        || (r.start > 0 && result_word(t.word(r.start - 1)))
                        || (r.start > 1
                            && matches!(t.word(r.start - 1), "the" | "to" | "with")
                            && result_word(t.word(r.start - 2))))
                        && r.len() <= 3
                        && whole & not_club == 0
                        && !r.clone().any(|i| bits(i) & country != 0);
                    // What a results line found keeps its say (and spans stay disjoint).
                    let found_already = lines_found.meet(&r)
                        || self.found[added_before..]
                            .iter()
                            .any(|(f, _)| f.start < r.end && r.start < f.end);
                    // "to win the Texaco Trophy series 2-1": a contest, not a club.
                    if found_already || after_in || whole & country != 0 || is_event(&t, gaz, &r) {
                        continue;
                    }
                    if tennis && reads_as_person(&t, gaz, &r) {
                        // A player beaten in prose: "Seles beat Martina Hingis 6-2 6-4" (but
                        // "Crystal Palace beat Leeds 2-1": "Crystal" is a first name too).
                        if beside {
                            self.found.push((r, Found::Name(Label::Per)));
                        }
                    } else if one_city || holds_city || beside {
                        let r = club_words_before(&t, spans, r);
                        self.found.push((r, Found::Name(Label::Org)));
                    }
                }
            }
        }
    }

    /// Adds the clubs that a player's or coach's role names: "Barcelona coach Bobby Robson",
    /// "Leicestershire captain James Whitaker", "Spanish champions Barcelona", "Dutch side
    /// PSV". The name is one the tagger saw (not a person, nationality or country: "Pakistan
    /// captain Wasim Akram" is a national team, a place by the CoNLL conventions).
    pub fn add_club_roles(
        &mut self,
        text: &str,
        tokens: &[Range<usize>],
        gaz: &Gazetteer,
        spans: &Spans,
    ) {
        let t = Text { text, tokens };
        let not_club = gazetteer::bits(&["country", "nationality"]);
        // What was found before a pass; what the pass adds comes in text order, so the last
        // one added is the only one a later range can meet.
        let meets = |before: &Ranges, added: &[(Range<usize>, Found)], r: &Range<usize>| {
            before.meet(r)
                || added
                    .last()
                    .is_some_and(|(f, _)| f.start < r.end && r.start < f.end)
        };
        let found_before = Ranges::new(self.found.iter().map(|(r, _)| r.clone()));
        let added_from = self.found.len();
        for (r, l) in spans {
            if *l == Label::Per || r.len() > 3 || !t.joined(r.end - 1) {
                continue;
            }
            let after = r.end + t.possessive(r.end);
            let role = CLUB_ROLES.binary_search(&t.word(after)).is_ok() && t.joined(after - 1);
            let before =
                r.start > 0 && CLUB_BEFORE.contains(&t.word(r.start - 1)) && t.joined(r.start - 1);
            if (role || before)
                && !meets(&found_before, &self.found[added_from..], r)
                && gaz.entry(r.clone().map(|i| t.word(i))) & not_club == 0
            {
                self.found.push((
                    club_words_before(&t, spans, r.clone()),
                    Found::Name(Label::Org),
                ));
            }
        }
        // A word the tagger left out before a role, if it is mostly written capitalized and
        // no title or common word ("Celtic manager Tommy Burns", "Arsenal striker"; not
        // "Former striker", "Head coach", "Please forward").
        let not_name = gazetteer::bits(&["country", "nationality", "title", "common", "month"]);
        let found_before = Ranges::new(self.found.iter().map(|(r, _)| r.clone()));
        let added_from = self.found.len();
        for at in 1..tokens.len() {
            // A capitalized word first: most words are not, so few roles are looked up.
            if !t.capitalized(at - 1) {
                continue;
            }
            // "Please forward": a role that is also a verb names no club here.
            let role = t.word(at);
            if CLUB_ROLES.binary_search(&role).is_err() || role == "forward" || !t.joined(at - 1) {
                continue;
            }
            let w = t.word(at - 1);
            let word_range = at - 1..at;
            let in_span = spans
                .get(spans.partition_point(|(s, _)| s.end < at))
                .is_some_and(|(s, _)| s.contains(&(at - 1)));
            let free = !in_span && !meets(&found_before, &self.found[added_from..], &word_range);
            if free
                && !OPENERS.contains(&w)
                && gaz.capitalized_share(w) >= 3
                && gaz.word(word_hash(w)) & not_name == 0
            {
                let r = club_words_before(&t, spans, at - 1..at);
                self.found.push((r, Found::Name(Label::Org)));
            }
        }
        // The name after a team's role is the player's ("Pakistan captain Wasim Akram",
        // "Zimbabwe opener Grant Flower", which the tagger can take for a place or a work).
        let not_person = gazetteer::bits(&["country", "city", "region", "nationality", "org"]);
        let found_before = Ranges::new(self.found.iter().map(|(r, _)| r.clone()));
        for (r, l) in spans {
            let role = r.start.saturating_sub(1);
            if *l == Label::Per
                || r.len() > 3
                || r.start < 2
                || CLUB_ROLES.binary_search(&t.word(role)).is_err()
                || t.word(role) == "forward"
                || !t.joined(role - 1)
                || !t.joined(role)
                || !t.word(role - 1).starts_with(char::is_uppercase)
                || !r.clone().all(|i| t.capitalized(i))
                || gaz.entry(r.clone().map(|i| t.word(i))) & not_person != 0
                || found_before.meet(r)
            {
                continue;
            }
            self.found.push((r.clone(), Found::Name(Label::Per)));
        }
    }

    /// A club stays a club in the rest of the document ("Newcastle came from behind" under
    /// "Newcastle 3 Wimbledon 2", in any casing), but for the town after "in" ("the final in
    /// Barcelona"), which is a place even if the document vote made it a club. Persons are left
    /// alone.
    pub fn clubs_everywhere(
        &self,
        text: &str,
        tokens: &[Range<usize>],
        gaz: &Gazetteer,
        mut spans: Spans,
    ) -> Spans {
        let t = Text { text, tokens };
        let key = |r: &Range<usize>| key(text, tokens, r);
        let clubs: Vec<String> = self.clubs().map(key).collect();
        if clubs.is_empty() {
            return spans;
        }
        let place = gazetteer::bits(&["city", "region"]);
        for (r, l) in &mut spans {
            let after_in = r.start > 0 && matches!(t.word(r.start - 1), "in" | "In");
            if !clubs.contains(&key(r)) {
                continue;
            }
            if matches!(l, Label::Loc | Label::Misc) && !after_in {
                *l = Label::Org;
            } else if *l == Label::Org
                && after_in
                && t.possessive(r.end) == 0
                && gaz.entry(r.clone().map(|i| t.word(i))) & place != 0
            {
                // The document vote spread the club to the town.
                *l = Label::Loc;
            }
        }
        spans
    }

    /// The clubs (token ranges) named in results lines and match reports.
    pub fn clubs(&self) -> impl Iterator<Item = &Range<usize>> {
        self.found
            .iter()
            .filter(|(_, f)| matches!(f, Found::Name(Label::Org)))
            .map(|(r, _)| r)
    }

    /// Spans that overlap a team or player name are replaced by it; the column heads of a
    /// standings table ("W L PCT GB") lose any name the tagger saw in them.
    pub fn apply(&self, mut spans: Spans) -> Spans {
        if self.found.is_empty() {
            return spans;
        }
        // The tagger's persons that a leaderboard row names exactly (spans are sorted and
        // disjoint: one can start at `r.start`).
        let person = |r: &Range<usize>, spans: &Spans| {
            let at = spans.partition_point(|(s, _)| s.start < r.start);
            spans
                .get(at)
                .is_some_and(|(s, l)| s == r && *l == Label::Per)
        };
        let added: Spans = self
            .found
            .iter()
            .filter_map(|(r, f)| match f {
                Found::Name(l) => Some((r.clone(), *l)),
                Found::PlayerOrTeam if person(r, &spans) => Some((r.clone(), Label::Per)),
                Found::PlayerOrTeam => Some((r.clone(), Label::Org)),
                Found::Header => None,
            })
            .collect();
        // The tagger's spans that meet a found range go.
        let found = Ranges::new(self.found.iter().map(|(r, _)| r.clone()));
        spans.retain(|(r, _)| !found.meet(r));
        spans.extend(added);
        spans.sort_by_key(|(r, _)| r.start);
        spans
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::entities::consistency::tests::{at, run, texts};
    use crate::entities::tokenize::tokenize;

    /// `pass`, which reads the gazetteer, run on the tagger's spans given as words of `text`
    /// (each at its first occurrence); the names it gives back.
    fn run_gaz<'a>(
        text: &'a str,
        gaz: &Gazetteer,
        spans: &[(&str, Label)],
        pass: fn(&str, &[Range<usize>], &Gazetteer, Spans) -> Spans,
    ) -> Vec<(&'a str, Label)> {
        let toks = tokenize(text);
        let spans: Spans = spans
            .iter()
            .map(|(w, l)| (at(text, &toks, w), *l))
            .collect();
        texts(text, &toks, &pass(text, &toks, gaz, spans))
    }

    #[test]
    fn headlines_cut_at_words_the_story_does_not_name() {
        let story = "ISRAEL APPROVES ARAFAT 'S FLIGHT\nIsrael approved Yasser Arafat 's flight \
                     .\nCLINTON SIGNS WELFARE BILL\nBill Clinton signs the welfare bill today \
                     .\nMANCHESTER UNITED WIN\nManchester won , said Alan Manchester .\n\
                     Wasim Akram 25-5-80-2\ncaptain Wasim led Akram 's men .";
        let got = run(
            story,
            &[
                ("ISRAEL APPROVES ARAFAT", Label::Loc),
                ("Israel", Label::Loc),
                ("Yasser Arafat", Label::Per),
                ("CLINTON SIGNS WELFARE BILL", Label::Org),
                ("Bill Clinton", Label::Per),
                ("MANCHESTER UNITED", Label::Org),
                ("Manchester", Label::Loc),
                ("Alan Manchester", Label::Per),
                ("Wasim Akram", Label::Per),
                ("Wasim", Label::Misc),
                ("Akram", Label::Per),
            ],
            headline_parts,
        );
        let want = [
            ("ISRAEL", Label::Loc),
            ("ARAFAT", Label::Per),
            ("Israel", Label::Loc),
            ("Yasser Arafat", Label::Per),
            // One part is enough when the story writes the other words in lower case.
            ("CLINTON", Label::Per),
            ("Bill Clinton", Label::Per),
            // "UNITED" is no word of the story: the name stays whole.
            ("MANCHESTER UNITED", Label::Org),
            ("Manchester", Label::Loc),
            ("Alan Manchester", Label::Per),
            // A scoreboard line is no headline.
            ("Wasim Akram", Label::Per),
            ("Wasim", Label::Misc),
            ("Akram", Label::Per),
        ];
        let got: Vec<(&str, Label)> = got.iter().map(|(n, l)| (n.as_str(), *l)).collect();
        assert_eq!(got, want);
    }

    fn fix(text: &str, spans: &[(&str, Label)]) -> Vec<(String, Label)> {
        run(text, spans, boundaries)
    }

    fn heads(text: &str, spans: &[(&str, Label)]) -> Vec<(String, Label)> {
        run(text, spans, org_heads)
    }

    fn one(s: &str, l: Label) -> Vec<(String, Label)> {
        vec![(s.to_owned(), l)]
    }

    #[test]
    fn word_lists_searched_by_bisection_are_sorted() {
        for list in [ORG_HEADS, COMPANY_NOUNS, CLUB_ROLES] {
            assert!(list.windows(2).all(|w| w[0] < w[1]), "{list:?}");
        }
    }

    #[test]
    fn org_heads_make_one_organization() {
        assert_eq!(
            heads(
                "said the Florida Department of Law Enforcement on Monday",
                &[("Florida", Label::Loc), ("Law Enforcement", Label::Misc)]
            ),
            one("Florida Department of Law Enforcement", Label::Org)
        );
        assert_eq!(
            heads(
                "a copy at the National Library of the Netherlands .",
                &[("Netherlands", Label::Loc)]
            ),
            one("National Library of the Netherlands", Label::Org)
        );
        assert_eq!(
            heads(
                "The New York Stock Exchange fell .",
                &[("New York Stock Exchange", Label::Loc)]
            ),
            one("New York Stock Exchange", Label::Org)
        );
        // Names found without a tagged span too, and a sentence's opener is left out.
        assert_eq!(
            heads("Yesterday Collins College closed .", &[]),
            one("Collins College", Label::Org)
        );
    }

    #[test]
    fn org_heads_leave_places_headlines_and_crossing_names() {
        assert_eq!(
            heads(
                "settlers in the West Bank said",
                &[("West Bank", Label::Loc)]
            ),
            one("West Bank", Label::Loc)
        );
        // A head alone, a Title Case line, a run that goes on into another capital.
        assert!(heads("the Department said", &[]).is_empty());
        assert!(heads("Florida Department Of Law Enforcement Says", &[]).is_empty());
        assert!(heads(
            "Trump Withdraws Canada Invitation to Board of Peace Initiative",
            &[]
        )
        .is_empty());
        assert!(
            heads(
                "at Collins College Dean Smith said",
                &[("Dean Smith", Label::Per)]
            )
            .len()
                == 1
        );
        // A name across the run's edge keeps the tagger's reading.
        assert_eq!(
            heads("In Boston College won .", &[("In Boston", Label::Loc)]),
            one("In Boston", Label::Loc)
        );
    }

    #[test]
    fn peoples_republic_is_one_name() {
        assert_eq!(
            fix(
                "Talks with the People's Republic of China began .",
                &[("People", Label::Misc), ("Republic of China", Label::Loc)]
            ),
            one("People's Republic of China", Label::Loc)
        );
        assert_eq!(
            fix(
                "in the People 's Republic of China .",
                &[("Republic of China", Label::Loc)]
            ),
            one("People 's Republic of China", Label::Loc)
        );
        assert_eq!(
            fix(
                "on International Women's Day .",
                &[("International Women", Label::Misc), ("Day", Label::Misc)]
            ),
            one("International Women's Day", Label::Misc)
        );
        assert_eq!(
            fix("the celebration of Women's Day .", &[("Day", Label::Misc)]),
            one("Women's Day", Label::Misc)
        );
        assert_eq!(
            fix("said Marks & Spencer .", &[("Spencer", Label::Per)]),
            one("Marks & Spencer", Label::Org)
        );
        assert_eq!(
            fix(
                "Marks & Spencer and Banco Pinto & Sotto Mayor , Trinidad & Tobago .",
                &[
                    ("Marks", Label::Per),
                    ("Spencer", Label::Per),
                    ("Banco Pinto", Label::Org),
                    ("Trinidad", Label::Loc),
                    ("Tobago", Label::Loc),
                ]
            ),
            [
                ("Marks & Spencer".to_string(), Label::Org),
                ("Banco Pinto & Sotto Mayor".to_string(), Label::Org),
                ("Trinidad & Tobago".to_string(), Label::Loc),
            ]
        );
        // Any other possessive keeps the two names apart.
        assert_eq!(
            fix(
                "Britain 's Tony Blair said .",
                &[("Britain", Label::Loc), ("Tony Blair", Label::Per)]
            )
            .len(),
            2
        );
    }

    #[test]
    fn org_names_go_on_over_and() {
        let text = "the U.S. Department of Housing and Urban Development said .";
        assert_eq!(
            fix(text, &[("U.S. Department of Housing", Label::Org)]),
            one(
                "U.S. Department of Housing and Urban Development",
                Label::Org
            )
        );
        // Not over another name, nor without an "of", nor into a long capitalized run.
        let text = "the Department of Justice and Congress agreed .";
        assert_eq!(
            fix(
                text,
                &[
                    ("Department of Justice", Label::Org),
                    ("Congress", Label::Org)
                ]
            )
            .len(),
            2
        );
        let text = "Barclays Bank and Lloyds said .";
        assert_eq!(
            fix(text, &[("Barclays Bank", Label::Org)]),
            one("Barclays Bank", Label::Org)
        );
        let text = "the Ministry of Defence and Royal Air Force Special Forces said .";
        assert_eq!(
            fix(text, &[("Ministry of Defence", Label::Org)]),
            one("Ministry of Defence", Label::Org)
        );
    }

    #[test]
    fn rulers_keep_their_number_and_epithet() {
        assert_eq!(
            fix("Pope Paul VI removed it .", &[("Paul", Label::Per)]),
            one("Paul VI", Label::Per)
        );
        assert_eq!(
            fix("by Amyntas I , king", &[("Amyntas", Label::Per)]),
            one("Amyntas I", Label::Per)
        );
        assert_eq!(
            fix("Friedrich the Great came", &[("Friedrich", Label::Per)]),
            one("Friedrich the Great", Label::Per)
        );
        // "I" the pronoun, and a number after a place, stay out.
        assert_eq!(
            fix("I told Smith I would go", &[("Smith", Label::Per)]),
            one("Smith", Label::Per)
        );
        assert_eq!(
            fix("Louis the German", &[("Louis", Label::Per)]),
            one("Louis", Label::Per)
        );
        assert_eq!(
            fix("Paris II", &[("Paris", Label::Loc)]),
            one("Paris", Label::Loc)
        );
    }

    #[test]
    fn a_weekday_alone_is_no_name() {
        assert_eq!(
            fix(
                "Results of matches on Saturday : Sheffield Wednesday won",
                &[
                    ("Saturday", Label::Misc),
                    ("Sheffield Wednesday", Label::Org)
                ]
            ),
            one("Sheffield Wednesday", Label::Org)
        );
    }

    #[test]
    fn names_do_not_end_in_a_common_noun() {
        assert_eq!(
            fix("in the Doda district of", &[("Doda district", Label::Loc)]),
            one("Doda", Label::Loc)
        );
        assert_eq!(
            fix(
                "the Republican party said",
                &[("Republican party", Label::Org)]
            ),
            one("Republican party", Label::Org)
        );
        assert_eq!(
            fix(
                "to san francisco california now",
                &[("san francisco california", Label::Loc)]
            ),
            one("san francisco california", Label::Loc)
        );
    }

    fn results(text: &str) -> Vec<(String, Label)> {
        let toks = tokenize(text);
        let gaz = Gazetteer::parse(
            "@country\nBrazil\nRussia\nCzech Republic\n@city\nLeeds\nBarcelona\nMunich\n",
        );
        // The tagger's guesses: cities as places.
        let spans: Spans = ["Leeds", "Barcelona", "Bayern Munich"]
            .iter()
            .filter(|w| text.contains(*w))
            .map(|w| (at(text, &toks, w), Label::Loc))
            .collect();
        texts(
            text,
            &toks,
            &ResultsLines::find(text, &toks, &gaz).apply(spans),
        )
        .into_iter()
        .map(|(s, l)| (s.to_owned(), l))
        .collect()
    }

    #[test]
    fn clubs_in_results_are_organizations_and_countries_places() {
        use Label::{Loc, Org};
        let o = |s: &str, l| (s.to_owned(), l);
        assert_eq!(
            results("Leeds 3 Chelsea 1"),
            [o("Leeds", Org), o("Chelsea", Org)]
        );
        assert_eq!(
            results("Bayern Munich 2 Hamburg SV 0\nBrazil 2 Czech Republic 1 ( halftime 1-0 )"),
            [
                o("Bayern Munich", Org),
                o("Hamburg SV", Org),
                o("Brazil", Loc),
                o("Czech Republic", Loc)
            ]
        );
        assert_eq!(
            results("Barcelona 10 7 2 1 20 8 23\nReal Madrid 10 6 3 1 19 9 21"),
            [o("Barcelona", Org), o("Real Madrid", Org)]
        );
        assert_eq!(
            results("MONDAY 'S GAMES\nBARCELONA AT LEEDS\nBRAZIL AT RUSSIA"),
            [
                o("BARCELONA", Org),
                o("LEEDS", Org),
                o("BRAZIL", Loc),
                o("RUSSIA", Loc)
            ]
        );
        assert_eq!(
            results("NEW YORK 82 61 .573 -\nBaltimore 72 70 .507 9 1/2"),
            [o("NEW YORK", Org), o("Baltimore", Org)]
        );
    }

    #[test]
    fn results_through_the_whole_recognizer() {
        let text = "SOCCER - ENGLISH PREMIER LEAGUE RESULTS .\n\
                    LONDON 1996-08-24\n\
                    Results of English premier league matches on Saturday :\n\
                    Leeds 3 Chelsea 1\n\
                    Sheffield Wednesday 2 Aston Villa 1\n\
                    Standings :\n\
                    Newcastle 4 3 0 1 9 5 9\n\
                    World Cup qualifier : Brazil 2 Russia 0\n\
                    Brazil 2 Russia 0\n";
        let got: Vec<(&str, Label)> = crate::entities::recognize(text)
            .into_iter()
            .filter(|m| m.label.is_name())
            .map(|m| (&text[m.range], m.label))
            .collect();
        for (name, label) in [
            ("Leeds", Label::Org),
            ("Chelsea", Label::Org),
            ("Sheffield Wednesday", Label::Org),
            ("Aston Villa", Label::Org),
            ("Newcastle", Label::Org),
            ("Brazil", Label::Loc),
            ("Russia", Label::Loc),
        ] {
            assert!(
                got.contains(&(name, label)),
                "{name} not {label:?} in {got:?}"
            );
        }
        assert!(got.contains(&("LONDON", Label::Loc)), "{got:?}");
    }

    #[test]
    fn peoples_and_movements_are_groups() {
        use Label::{Loc, Misc, Org};
        let text = "Palestinians , Methodists , Jacobites , Athenians , Wapping , Europeans";
        // A club so named stays an organization; a short word or one without the ending stays.
        let gaz = Gazetteer::parse("@org\nAthenians\n");
        let spans = [
            ("Palestinians", Loc),
            ("Methodists", Org),
            ("Jacobites", Misc),
            ("Athenians", Org),
            ("Wapping", Loc),
        ];
        assert_eq!(
            run_gaz(text, &gaz, &spans, group_nouns),
            [
                ("Palestinians", Misc),
                ("Methodists", Misc),
                ("Jacobites", Misc),
                ("Athenians", Org),
                ("Wapping", Loc)
            ]
        );
    }

    #[test]
    fn standings_headers_hold_no_name() {
        let text = "AMERICAN LEAGUE\nW L PCT GB\nNEW YORK 74 57 .565 -";
        let toks = tokenize(text);
        let gaz = Gazetteer::parse("@city\nNew York\n");
        let spans: Spans = vec![(at(text, &toks, "W L PCT"), Label::Per)];
        let got = ResultsLines::find(text, &toks, &gaz).apply(spans);
        assert_eq!(texts(text, &toks, &got), [("NEW YORK", Label::Org)]);
    }

    #[test]
    fn cricket_scoreboards_name_players() {
        let text = "England first innings\nM. Atherton c Moin Khan b Wasim Akram 31\n\
                    N. Knight lbw b Waqar Younis 17\nG. Thorpe not out 54\n\
                    Extras ( b-4 lb-5 nb-3 ) 12\nTotal ( for 5 wickets ) 300\n\
                    Bowling : Wasim Akram 25-5-80-2 , Mushtaq Ahmed 30.2-4-100-3\n\
                    Smith and Jones went out for 3";
        let toks = tokenize(text);
        let gaz = Gazetteer::parse("@country\nEngland\n");
        // The tagger's guesses: some players as places or groups.
        let spans: Spans = vec![
            (at(text, &toks, "England"), Label::Loc),
            (at(text, &toks, "Wasim Akram"), Label::Loc),
            (at(text, &toks, "Waqar Younis"), Label::Misc),
        ];
        let got = ResultsLines::find(text, &toks, &gaz).apply(spans);
        let per = |s: &'static str| (s, Label::Per);
        assert_eq!(
            texts(text, &toks, &got),
            [
                ("England", Label::Loc),
                per("M. Atherton"),
                per("Moin Khan"),
                per("Wasim Akram"),
                per("N. Knight"),
                per("Waqar Younis"),
                per("G. Thorpe"),
                per("Wasim Akram"),
                per("Mushtaq Ahmed"),
            ]
        );
    }

    #[test]
    fn cricket_innings_name_teams_and_players() {
        let text = "At Taunton : Durham 326 ( D. Cox 95 not out , S. Campbell 69 ; G. Rose 7-73 ) \
                    . Somerset 236-4 ( M. Lathwell 85 ) .\n\
                    At Leicester : Leicestershire 343-8 ( P. Simmons 108 ) v Hampshire .\n\
                    England 326 ( M. Atherton 80 ) .\n\
                    Apollo 13 ( 1995 film ) .";
        let toks = tokenize(text);
        let gaz = Gazetteer::parse(
            "@country
England
",
        );
        // The tagger's guesses: a county as a place, a bowler as a group.
        let spans: Spans = vec![
            (at(text, &toks, "Durham"), Label::Loc),
            (at(text, &toks, "Rose"), Label::Misc),
        ];
        let got = ResultsLines::find(text, &toks, &gaz).apply(spans);
        let per = |s: &'static str| (s, Label::Per);
        let org = |s: &'static str| (s, Label::Org);
        assert_eq!(
            texts(text, &toks, &got),
            [
                org("Durham"),
                per("D. Cox"),
                per("S. Campbell"),
                per("G. Rose"),
                org("Somerset"),
                per("M. Lathwell"),
                org("Leicestershire"),
                per("P. Simmons"),
                org("Hampshire"),
                ("England", Label::Loc),
                per("M. Atherton"),
            ]
        );
    }

    #[test]
    fn persons_named_by_their_surname() {
        use Label::{Loc, Misc, Org, Per};
        let text = "Hill needs a point , Ford said . Linux is free .\n\
                    Damon Hill took pole . Ford County voted . Rocky Linux shipped .";
        let gaz = Gazetteer::parse("@first\ndamon\nrocky\nford\n@region\nford county\n");
        let spans = [
            ("Hill", Per),
            ("Ford", Per),
            ("Linux", Per),
            ("Damon Hill", Loc),
            ("Ford County", Loc),
            ("Rocky Linux", Misc),
        ];
        assert_eq!(
            run_gaz(text, &gaz, &spans, persons_by_surname),
            [
                ("Hill", Per),
                ("Ford", Per),
                ("Linux", Per),
                ("Damon Hill", Per),
                ("Ford County", Loc),
                ("Rocky Linux", Misc)
            ]
        );
        // A country's possessive vouches alone, "'s" glued or spaced; a place's does not, nor
        // does a name without a first name.
        let text = "Britain 's Damon Hill won . Kenya's Moses Kiptanui won . Britain 's Royal \
                    Navy sailed . Boston 's Grant Park . Britain 's Grant Park . Britain 's \
                    Griffith University";
        let gaz = Gazetteer::parse(
            "@first\ndamon\nmoses\ngrant\ngriffith\n@last\nhill\nkiptanui\npark\n\
             university\n@country\nbritain\nkenya\n@city\nboston\n@orgword\nuniversity\n",
        );
        let spans = [
            ("Britain", Loc),
            ("Damon Hill", Loc),
            ("Kenya", Loc),
            ("Moses Kiptanui", Org),
            ("Britain", Loc),
            ("Royal Navy", Org),
            ("Boston", Loc),
            ("Grant Park", Loc),
            ("Britain", Loc),
            ("Grant Park", Loc),
            ("Britain", Loc),
            ("Griffith University", Org),
        ];
        let got = run_gaz(text, &gaz, &spans, persons_by_surname);
        let labels: Vec<Label> = got.iter().map(|(_, l)| *l).collect();
        assert_eq!(
            labels,
            [Loc, Per, Loc, Per, Loc, Org, Loc, Loc, Loc, Loc, Loc, Org],
            "{got:?}"
        );
    }

    #[test]
    fn nationalities_left_out_are_misc() {
        use Label::{Misc, Org, Per};
        let text = "German Chancellor Helmut Kohl said . French troops left . American Express \
                    fell . Western leaders met . JAPANESE STOCKS FELL . German officials said";
        let gaz = Gazetteer::parse(
            "@nationality\ngerman\nfrench\namerican\nwestern\njapanese\n@last\nfrench\n\
             @title\nchancellor\n",
        );
        let spans = [("Helmut Kohl", Per), ("German officials", Org)];
        assert_eq!(
            run_gaz(text, &gaz, &spans, nationalities),
            [
                ("German", Misc),
                ("Helmut Kohl", Per),
                ("French", Misc),
                ("German officials", Org)
            ]
        );
        // Before a person's name: the nationality alone, or cut from the name's start; not a
        // first name that is a nationality too.
        let text =
            "German Erik Zabel won as Dane Bjarne Riis kept the lead . Christian Keysers said . \
             Serb opposition rallies .";
        let gaz =
            Gazetteer::parse("@nationality\ngerman\nchristian\nserb\n@first\nchristian\ndane\n");
        let spans = [
            ("Erik Zabel", Per),
            ("Dane Bjarne Riis", Per),
            ("Keysers", Per),
        ];
        assert_eq!(
            run_gaz(text, &gaz, &spans, nationalities),
            [
                ("German", Misc),
                ("Erik Zabel", Per),
                ("Dane", Misc),
                ("Bjarne Riis", Per),
                ("Keysers", Per),
                ("Serb", Misc)
            ]
        );
    }

    #[test]
    fn sports_slugs_are_no_names() {
        use Label::{Loc, Org};
        let text = "RUGBY UNION - WALES NAME SQUAD\nRUGBY LEAGUE - BRADFORD BEAT WIGAN\n\
                    Soccer - Japan win\nGOLF CLUB - NEW OWNERS\nNHL ICE HOCKEY - STANDINGS";
        let toks = tokenize(text);
        let spans: Spans = vec![
            (at(text, &toks, "RUGBY UNION"), Org),
            (at(text, &toks, "RUGBY LEAGUE - BRADFORD"), Org),
            (at(text, &toks, "WIGAN"), Loc),
            (at(text, &toks, "Soccer"), Org),
            (at(text, &toks, "Japan"), Loc),
            (at(text, &toks, "GOLF CLUB"), Org),
            (at(text, &toks, "NHL ICE"), Org),
        ];
        let got = sports_slugs(text, &toks, spans);
        assert_eq!(
            texts(text, &toks, &got),
            [
                ("BRADFORD", Org),
                ("WIGAN", Loc),
                ("Japan", Loc),
                ("GOLF CLUB", Org),
                ("NHL", Org)
            ]
        );
    }

    #[test]
    fn leaderboards_name_players_and_league_tables_teams() {
        let gaz = Gazetteer::parse(
            "@first\ntiger\nernie\ncolin\ncrystal\n@last\nwoods\nels\n@city\nleeds\n",
        );
        let run = |text: &str, tagged: &[(&str, Label)]| {
            let toks = tokenize(text);
            let spans: Spans = tagged
                .iter()
                .map(|(w, l)| (at(text, &toks, w), *l))
                .collect();
            let got = ResultsLines::find(text, &toks, &gaz).apply(spans);
            texts(text, &toks, &got)
                .into_iter()
                .map(|(s, l)| (s.to_owned(), l))
                .collect::<Vec<_>>()
        };
        let o = |s: &str, l| (s.to_owned(), l);
        // The tagger took a golfer for an organization.
        let golf = "Tiger Woods 70 68 65 67 270\nErnie Els 68 69 70 71 278\nColin Montgomerie 70 70 70 70 280";
        assert_eq!(
            run(golf, &[("Tiger Woods", Label::Org)]),
            [
                o("Tiger Woods", Label::Per),
                o("Ernie Els", Label::Per),
                o("Colin Montgomerie", Label::Per)
            ]
        );
        // One club with a first name among the cities stays a club.
        let league =
            "Leeds 4 3 1 0 8 3 10\nCrystal Palace 4 2 2 0 9 4 8\nLeeds United 4 2 1 1 5 4 7";
        assert_eq!(
            run(league, &[("Crystal Palace", Label::Loc)]),
            [
                o("Leeds", Label::Org),
                o("Crystal Palace", Label::Org),
                o("Leeds United", Label::Org)
            ]
        );
    }

    #[test]
    fn leagues_are_events() {
        use Label::{Loc, Misc, Org};
        let text = "GERMAN BUNDESLIGA RESULTS . Bayern lead the Bundesliga . Riot Games rose";
        let gaz = Gazetteer::parse("@nationality\ngerman\n");
        let spans = [
            ("GERMAN BUNDESLIGA", Loc),
            ("Bayern", Org),
            ("Bundesliga", Org),
            ("Riot Games", Org),
        ];
        assert_eq!(
            run_gaz(text, &gaz, &spans, events),
            [
                ("GERMAN BUNDESLIGA", Misc),
                ("Bayern", Org),
                ("Bundesliga", Misc),
                ("Riot Games", Org)
            ]
        );
    }

    #[test]
    fn oil_benchmarks_are_misc() {
        let text = "Brent crude rose , Brent said , 5.5 on the Richter scale";
        let toks = tokenize(text);
        let spans: Spans = vec![(0..1, Label::Per), (4..5, Label::Per), (10..11, Label::Per)];
        let got = events(text, &toks, &Gazetteer::parse(""), spans);
        assert_eq!(
            got,
            [
                (0..1, Label::Misc),
                (4..5, Label::Per),
                (10..11, Label::Misc)
            ]
        );
    }

    #[test]
    fn common_words_in_capitals_are_no_names() {
        use Label::Loc;
        let text = "CRICKET - ENGLAND WIN SERIES AGAINST PAKISTAN .";
        let gaz = Gazetteer::parse("@common\nseries\nwin\n@country\npakistan\n");
        let spans = [("ENGLAND", Loc), ("SERIES", Loc), ("PAKISTAN", Loc)];
        assert_eq!(
            run_gaz(text, &gaz, &spans, title_case_words),
            [("ENGLAND", Loc), ("PAKISTAN", Loc)]
        );
    }

    #[test]
    fn legal_forms_make_companies() {
        use Label::{Loc, Org, Per};
        let text = "Boeing Co said . Shares of Sony Corp rose . Sydney Smith AG met Adelaide SA \
                    staff . He Co-founded it . Matsushita Electric Industrial Co said . The \
                    Acme Co said .";
        let gaz = Gazetteer::parse("@city\nadelaide\n");
        let spans = [
            ("Sony", Per),
            ("Adelaide", Loc),
            ("Electric Industrial Co", Label::Misc),
        ];
        assert_eq!(
            run_gaz(text, &gaz, &spans, legal_names),
            [
                ("Boeing Co", Org),
                ("Sony Corp", Org),
                ("Sydney Smith AG", Org),
                ("Adelaide", Loc),
                ("Matsushita Electric Industrial Co", Org),
                ("Acme Co", Org)
            ]
        );
    }

    #[test]
    fn coordinated_organizations_are_cut_at_and() {
        use Label::Org;
        let text = "Ford Motor Co and General Motors Corp raised prices . Air France and Air \
                    Inter merge . The Security Council and the Organisation for Security met . \
                    Procter and Gamble rose . Ministry of Trade and Industry said . Bela Fleck \
                    and the Flecktones played .";
        let gaz = Gazetteer::parse("@org\nair france\nprocter and gamble\n");
        let spans = [
            ("Ford Motor Co and General Motors Corp", Org),
            ("Air France and Air Inter", Org),
            ("Security Council and the Organisation for Security", Org),
            ("Procter and Gamble", Org),
            ("Ministry of Trade and Industry", Org),
            ("Bela Fleck and the Flecktones", Org),
        ];
        assert_eq!(
            run_gaz(text, &gaz, &spans, coordinated_orgs),
            [
                ("Ford Motor Co", Org),
                ("General Motors Corp", Org),
                ("Air France", Org),
                ("Air Inter", Org),
                ("Security Council", Org),
                ("Organisation for Security", Org),
                ("Procter and Gamble", Org),
                ("Ministry of Trade and Industry", Org),
                ("Bela Fleck and the Flecktones", Org),
            ]
        );
    }

    #[test]
    fn place_slugs_are_cut_from_the_headline() {
        use Label::{Loc, Org};
        let text = "UK - BRITISH AIRWAYS IN TALKS\nAUSTRIA - HUNGARY\nGREAT WHITE - SHARK FILM\n\
                    NFL - COWBOYS EDGE EAGLES";
        let gaz = Gazetteer::parse("@country\nuk\naustria\n@org\nnfl\n");
        let spans = [
            ("UK - BRITISH AIRWAYS", Org),
            ("AUSTRIA - HUNGARY", Loc),
            ("GREAT WHITE - SHARK", Org),
            ("NFL - COWBOYS", Org),
        ];
        assert_eq!(
            run_gaz(text, &gaz, &spans, place_slugs),
            [
                ("UK", Loc),
                ("BRITISH AIRWAYS", Org),
                ("AUSTRIA", Loc),
                ("HUNGARY", Loc),
                ("GREAT WHITE - SHARK", Org),
                ("NFL", Org),
                ("COWBOYS", Org),
            ]
        );
    }

    #[test]
    fn tennis_golf_and_race_results_name_players() {
        use Label::{Loc, Org, Per};
        let gaz = Gazetteer::parse("@country\nindonesia\ngermany\naustralia\n@city\nnew york\n");
        let find = |text: &str, tagged: &[(&str, Label)]| {
            let toks = tokenize(text);
            let spans: Spans = tagged
                .iter()
                .map(|(w, l)| (at(text, &toks, w), *l))
                .collect();
            let got = ResultsLines::find(text, &toks, &gaz).apply(spans);
            texts(text, &toks, &got)
                .into_iter()
                .map(|(s, l)| (s.to_owned(), l))
                .collect::<Vec<_>>()
        };
        let o = |s: &str, l| (s.to_owned(), l);
        let tennis = "1 - Steffi Graf ( Germany ) beat Yayuk Basuki ( Indonesia ) 6-2 7-6 ( 7-3 )";
        assert_eq!(
            find(tennis, &[("Yayuk Basuki", Org), ("Germany", Loc)]),
            [
                o("Steffi Graf", Per),
                o("Germany", Loc),
                o("Yayuk Basuki", Per)
            ]
        );
        // A football score is one "set": no players.
        let football = "Ajax beat Feyenoord 2-1 ( halftime 1-0 )";
        assert_eq!(find(football, &[]), []);
        let golf = "65 Greg Norman ( Australia )\n66 Fred Couples , Davis Love";
        assert_eq!(
            find(golf, &[("Fred", Label::Misc)]),
            [
                o("Greg Norman", Per),
                o("Fred Couples", Per),
                o("Davis Love", Per)
            ]
        );
        // One line starting with a number proves nothing.
        assert_eq!(find("200 Park Avenue", &[]), []);
        let race = "1. Ludmila Engquist ( Sweden ) 12.60 seconds\n\
                    2. Tony Rominger ( Switzerland ) Mapei same time\n\
                    3. New York ( AP ) 12";
        assert_eq!(
            find(
                race,
                &[
                    ("Ludmila Engquist", Loc),
                    ("Mapei", Per),
                    ("Sweden", Label::Misc)
                ]
            ),
            [
                o("Ludmila Engquist", Per),
                o("Sweden", Loc),
                o("Tony Rominger", Per),
                o("Switzerland", Loc),
                o("Mapei", Org)
            ]
        );
    }

    #[test]
    fn places_keep_a_listed_the() {
        use Label::{Loc, Per};
        let gaz = Gazetteer::parse("@city\nthe hague\n@country\nnetherlands\nthe netherlands\n");
        let text = "a judge in The Hague . The Netherlands and The Beatles";
        let toks = tokenize(text);
        let spans = vec![
            (at(text, &toks, "Hague"), Per),
            (at(text, &toks, "Netherlands"), Loc),
            (at(text, &toks, "Beatles"), Per),
        ];
        let got = places_with_the(text, &toks, &gaz, spans);
        assert_eq!(
            texts(text, &toks, &got),
            [("The Hague", Loc), ("Netherlands", Loc), ("Beatles", Per)]
        );
    }

    #[test]
    fn clubs_named_by_their_players_roles() {
        use Label::{Loc, Misc, Org, Per};
        let gaz = Gazetteer::parse("@country\npakistan\nzimbabwe\n@nationality\nspanish\n")
            .with_brown("Celtic 5 4\nHead 5 1\nPlease 5 4\n");
        let text = "Spanish champions Barcelona signed Ronaldo . Barcelona coach Bobby Robson \
                    said so . Pakistan captain Wasim Akram batted . It was signed in Barcelona .\n\
                    Zimbabwe opener Grant Flower made 45 .\n\
                    BARCELONA SIGN RONALDO\nCeltic manager Tommy Burns . Head coach Ian Porterfield \
                    . Please forward it . Neath hooker Barry Williams";
        let toks = tokenize(text);
        // The n-th token that is `w`.
        let nth = |w: &str, n: usize| {
            let i = (0..toks.len())
                .filter(|&i| &text[toks[i].clone()] == w)
                .nth(n)
                .unwrap();
            i..i + 1
        };
        let spans: Spans = vec![
            (nth("Spanish", 0), Misc),
            (nth("Barcelona", 0), Loc),
            (nth("Barcelona", 1), Loc),
            (at(text, &toks, "Bobby Robson"), Per),
            (nth("Pakistan", 0), Loc),
            (at(text, &toks, "Wasim Akram"), Loc),
            (nth("Barcelona", 2), Loc),
            (at(text, &toks, "Zimbabwe"), Loc),
            (at(text, &toks, "Grant Flower"), Misc),
            (nth("BARCELONA", 0), Loc),
            (at(text, &toks, "Tommy Burns"), Per),
            (at(text, &toks, "Ian Porterfield"), Per),
            (nth("Neath", 0), Loc),
            (at(text, &toks, "Barry Williams"), Per),
        ];
        let mut results = ResultsLines::find(text, &toks, &gaz);
        results.add_club_roles(text, &toks, &gaz, &spans);
        let got = results.clubs_everywhere(text, &toks, &gaz, results.apply(spans));
        assert_eq!(
            texts(text, &toks, &got),
            [
                ("Spanish", Misc),
                ("Barcelona", Org),
                ("Barcelona", Org),
                ("Bobby Robson", Per),
                ("Pakistan", Loc),
                ("Wasim Akram", Per),
                ("Barcelona", Loc),
                ("Zimbabwe", Loc),
                ("Grant Flower", Per),
                ("BARCELONA", Org),
                ("Celtic", Org),
                ("Tommy Burns", Per),
                ("Ian Porterfield", Per),
                ("Neath", Org),
                ("Barry Williams", Per),
            ]
        );
    }

    #[test]
    fn known_acronyms_in_capitals_are_organizations() {
        let text = "BONN SAYS EU MUST STICK TO RULES\nTHE MAN WHO SOLD THE WORLD\n\
                    The EU said so";
        let toks = tokenize(text);
        // "WHO" is written so in under 10 % of its uses; the tagger handles ordinary lines.
        let gaz = Gazetteer::parse("@org\neu\nwho\n").with_brown("WHO 5 1\nEU 5 4\n");
        let got = acronyms_in_capitals(text, &toks, &gaz, Vec::new());
        assert_eq!(texts(text, &toks, &got), [("EU", Label::Org)]);
    }

    #[test]
    fn sentences_with_numbers_are_not_results() {
        use Label::Loc;
        let o = |s: &str, l| (s.to_owned(), l);
        for text in [
            "Leeds has 3 parks and Chelsea 1 .",
            "Leeds 3",
            "Leeds 3 Chelsea 1 Arsenal 2",
            "Barcelona 10 7 2",
            "In Barcelona 10 7 2 1 people",
            "Barcelona at night",
            "Barcelona at Leeds",
            "FIRE AT LEEDS",
            "We met in Barcelona at Leeds Station last year",
        ] {
            let got = results(text);
            assert!(got.iter().all(|(_, l)| *l == Loc), "{text:?} gave {got:?}");
        }
        assert_eq!(results("Barcelona 10 7 2"), [o("Barcelona", Loc)]);
    }
}
