//! One name, one label per document: after tagging, every name's spans vote on its label (a
//! person's full name also votes for its surname), spans are relabelled by the majority, and
//! capitalized tokens the tagger left out but that the document names elsewhere are added back
//! ("Putin was keen", after "Vladimir Putin" and "Putin said"). A full name votes 1.5 for its
//! last word alone, so "Vladimir Putin" outweighs one stray "Putin" tagged MISC. A span the
//! tagger left as it found it votes with how sure the tagger was of each label, so one sure
//! mention outweighs two it hesitated over.
//!
//! Limits: a name that really changes type within an article ("Washington" the city and the
//! government) gets the majority label everywhere.

use super::model::NAME_LABELS;
use super::Label;
use crate::fxhash::FxHashMap;
use std::ops::Range;

fn label_index(l: Label) -> usize {
    NAME_LABELS.iter().position(|&x| x == l).unwrap_or(0)
}

/// A name's words, lower-cased and joined by spaces: what a document's mentions are matched by.
pub(super) fn key(text: &str, tokens: &[Range<usize>], r: &Range<usize>) -> String {
    let mut k = String::new();
    for (n, t) in tokens[r.clone()].iter().enumerate() {
        if n > 0 {
            k.push(' ');
        }
        for c in text[t.clone()].chars() {
            k.extend(c.to_lowercase());
        }
    }
    k
}

/// How much more a vote for the spelling without a final "s" counts than one for the spelling
/// itself: a mention scraped as "Kyivs" is the rare, broken one.
const BASE_SPELLING_WEIGHT: f32 = 1.5;

/// The votes for `k`, with those for `k` without a final "s" added ("Putins" = "Putin" with the
/// apostrophe lost: a stray "Putins" LOC is outvoted by the "Putin" of "Vladimir Putin").
fn lookup(votes: &FxHashMap<String, [f32; 4]>, k: &str) -> Option<[f32; 4]> {
    let own = votes.get(k).copied();
    let base = k
        .strip_suffix('s')
        .filter(|b| b.len() >= 3)
        .and_then(|b| votes.get(b))
        .map(|b| b.map(|v| v * BASE_SPELLING_WEIGHT));
    match (own, base) {
        (Some(a), Some(b)) => Some(std::array::from_fn(|i| a[i] + b[i])),
        (a, b) => a.or(b),
    }
}

fn best(v: &[f32; 4]) -> usize {
    (0..4).max_by(|&a, &b| v[a].total_cmp(&v[b])).unwrap_or(0)
}

/// Relabels and completes name spans (token ranges, sorted, non-overlapping). `tagger_votes`
/// holds, for the spans as the tagger found them (sorted by start), its share for each label.
pub fn harmonize(
    text: &str,
    tokens: &[Range<usize>],
    spans: Vec<(Range<usize>, Label)>,
    tagger_votes: &[(Range<usize>, [f32; 4])],
) -> Vec<(Range<usize>, Label)> {
    if spans.is_empty() {
        return spans;
    }
    // A span a rule reshaped or relabelled votes whole for its label.
    let vote_of = |r: &Range<usize>, l: Label| {
        let own = tagger_votes
            .binary_search_by_key(&r.start, |(v, _)| v.start)
            .ok()
            .map(|at| &tagger_votes[at])
            .filter(|(v, shares)| v == r && best(shares) == label_index(l));
        match own {
            Some((_, shares)) => *shares,
            None => std::array::from_fn(|i| if i == label_index(l) { 1.0 } else { 0.0 }),
        }
    };
    let mut votes: FxHashMap<String, [f32; 4]> = FxHashMap::default();
    let keys: Vec<String> = spans.iter().map(|(r, _)| key(text, tokens, r)).collect();
    for ((r, l), k) in spans.iter().zip(&keys) {
        let vote = vote_of(r, *l);
        let sum = votes.entry(k.clone()).or_default();
        for (s, v) in sum.iter_mut().zip(vote) {
            *s += v;
        }
        // A company's name without its legal form: "Boeing" of "Boeing Co".
        if *l == Label::Org
            && r.len() >= 2
            && super::spanfix::LEGAL_FORMS.contains(&&text[tokens[r.end - 1].clone()])
        {
            votes
                .entry(key(text, tokens, &(r.start..r.end - 1)))
                .or_default()[1] += 1.0;
        }
        if *l == Label::Per && r.len() >= 2 {
            // The surname: the last word, or the first before a hyphenated given name ("Tung
            // Chee-hwa", "Kim Dae-jung").
            let hyphenated = r.len() >= 4
                && &text[tokens[r.end - 2].clone()] == "-"
                && text[tokens[r.end - 1].clone()].starts_with(|c: char| c.is_lowercase());
            let surname = if hyphenated {
                r.start..r.start + 1
            } else {
                r.end - 1..r.end
            };
            votes.entry(key(text, tokens, &surname)).or_default()[0] += 1.5;
        }
    }
    let out: Vec<(Range<usize>, Label)> = spans
        .into_iter()
        .zip(&keys)
        .map(|((r, l), k)| {
            let v = lookup(&votes, k).unwrap_or_default();
            let b = best(&v);
            if v[b] > v[label_index(l)] {
                (r, NAME_LABELS[b])
            } else {
                (r, l)
            }
        })
        .collect();
    // Capitalized single tokens named elsewhere but missed here.
    add_outside(tokens.len(), out, |i| {
        let word = &text[tokens[i].clone()];
        if !word.chars().next().is_some_and(char::is_uppercase) || word.len() < 2 {
            return None;
        }
        let v = lookup(&votes, &key(text, tokens, &(i..i + 1)))?;
        let b = best(&v);
        (v[b] >= 1.0).then_some(NAME_LABELS[b])
    })
}

/// A team's nickname alone is the team: "Yankees" (tagged MISC) after "New York Yankees"
/// (ORG). A one-word span, capitalized and ending in "s", that is the last word of an
/// organization of two words or more in the document, becomes an organization. Only spans the
/// tagger found are relabelled, and the plural is required: an organization's last word in
/// general ("Network", "School") is no name alone.
pub fn nicknames(
    text: &str,
    tokens: &[Range<usize>],
    mut spans: Vec<(Range<usize>, Label)>,
) -> Vec<(Range<usize>, Label)> {
    let word = |i: usize| &text[tokens[i].clone()];
    let nickname = |w: &str| {
        w.len() >= 4 && w.ends_with(['s', 'S']) && w.starts_with(|c: char| c.is_uppercase())
    };
    let teams: Vec<String> = spans
        .iter()
        .filter(|(r, l)| *l == Label::Org && r.len() >= 2 && nickname(word(r.end - 1)))
        .map(|(r, _)| key(text, tokens, &(r.end - 1..r.end)))
        .collect();
    if teams.is_empty() {
        return spans;
    }
    for (r, l) in &mut spans {
        if *l != Label::Org
            && r.len() == 1
            && nickname(word(r.start))
            && teams.contains(&key(text, tokens, r))
        {
            *l = Label::Org;
        }
    }
    spans
}

/// Two touching spans that the document names elsewhere as one are one: "Pakistan captain
/// Wasim Akram", tagged "Wasim" MISC + "Akram" PER, after "Wasim Akram" PER in the scoreboard.
/// The joined span takes the label of the whole name's first mention.
pub fn rejoin(
    text: &str,
    tokens: &[Range<usize>],
    spans: Vec<(Range<usize>, Label)>,
) -> Vec<(Range<usize>, Label)> {
    let touching = |a: &Range<usize>, b: &Range<usize>| {
        a.end == b.start && !text[tokens[a.end - 1].end..tokens[b.start].start].contains('\n')
    };
    if !spans.windows(2).any(|w| touching(&w[0].0, &w[1].0)) {
        return spans;
    }
    let mut whole: FxHashMap<String, Label> = FxHashMap::default();
    for (r, l) in spans.iter().filter(|(r, _)| r.len() >= 2) {
        whole.entry(key(text, tokens, r)).or_insert(*l);
    }
    let mut out: Vec<(Range<usize>, Label)> = Vec::with_capacity(spans.len());
    for (r, l) in spans {
        if let Some((prev, prev_label)) = out.last_mut() {
            if touching(prev, &r) {
                if let Some(&joined) = whole.get(&key(text, tokens, &(prev.start..r.end))) {
                    prev.end = r.end;
                    *prev_label = joined;
                    continue;
                }
            }
        }
        out.push((r, l));
    }
    out
}

/// Adds a one-token span for each token in no span that `label_of` names (spans: token
/// ranges, sorted, disjoint; so they stay).
pub fn add_outside(
    token_count: usize,
    mut spans: Vec<(Range<usize>, Label)>,
    label_of: impl Fn(usize) -> Option<Label>,
) -> Vec<(Range<usize>, Label)> {
    let mut added = Vec::new();
    let mut next_span = 0;
    for i in 0..token_count {
        while next_span < spans.len() && spans[next_span].0.end <= i {
            next_span += 1;
        }
        if spans.get(next_span).is_some_and(|(r, _)| r.start <= i) {
            continue;
        }
        if let Some(label) = label_of(i) {
            added.push((i..i + 1, label));
        }
    }
    if !added.is_empty() {
        spans.extend(added);
        spans.sort_by_key(|(r, _)| r.start);
    }
    spans
}

/// Acronyms defined in the text: "the Fiji Labour Party ( FLP )" makes every "FLP" of the
/// document a name of the same type as "Fiji Labour Party" (the tagger, left alone, knows little
/// of an unknown run of capitals). The acronym must be 2–6 capitals, start with the name's initial
/// (or, for an organization, be its capitalized words' initials in any order: "FARC") and follow a
/// name of at least two words; so "KYIV (AP)" defines nothing. An organization whose acronym
/// has one more initial, that of the word before it, takes that word in ("Kurdish Democratic
/// Party ( KDP )"), and one whose acronym spells the name after it too takes that name in
/// ("Organisation for Security and Cooperation in Europe ( OSCE )").
pub fn acronyms(
    text: &str,
    tokens: &[Range<usize>],
    mut spans: Vec<(Range<usize>, Label)>,
) -> Vec<(Range<usize>, Label)> {
    let word = |i: usize| tokens.get(i).map_or("", |t| &text[t.clone()]);
    let initial = |i: usize| word(i).bytes().next().filter(u8::is_ascii_uppercase);
    // An organization the tagger began one word late, which its acronym shows: "Kurdish
    // Democratic Party ( KDP )", "Kurdish" left out or a MISC of its own.
    for k in 0..spans.len() {
        let (r, l) = &spans[k];
        let acr = word(r.end + 1).as_bytes();
        if *l != Label::Org
            || r.start == 0
            || word(r.end) != "("
            || word(r.end + 2) != ")"
            || !(3..=6).contains(&acr.len())
        {
            continue;
        }
        let before = r.start - 1;
        let initials: Vec<u8> = r.clone().filter_map(initial).collect();
        let free = k == 0
            || spans[k - 1].0.end <= before
            || spans[k - 1].0 == (before..r.start) && spans[k - 1].1 == Label::Misc;
        if free
            && initial(before) == Some(acr[0])
            && initials == acr[1..]
            && !text[tokens[before].end..tokens[r.start].start].contains('\n')
        {
            spans[k].0.start = before;
            if k > 0 && spans[k - 1].0.start == before {
                // The MISC word is in the name now; emptied, then dropped below.
                spans[k - 1].0 = before..before;
            }
        }
    }
    // One the tagger ended a name early, which its acronym shows: "Organisation for Security
    // and Cooperation in Europe ( OSCE )", tagged ORG + "in" + LOC "Europe".
    for k in 1..spans.len() {
        let (p, r) = (spans[k - 1].0.clone(), spans[k].0.clone());
        let acr = word(r.end + 1).as_bytes();
        let joined = p.end + 1 == r.start
            && matches!(word(p.end), "in" | "of" | "for" | "on")
            && !text[tokens[p.start].start..tokens[r.end - 1].end].contains('\n');
        if spans[k - 1].1 != Label::Org
            || !joined
            || word(r.end) != "("
            || word(r.end + 2) != ")"
            || !(3..=8).contains(&acr.len())
        {
            continue;
        }
        let initials: Vec<u8> = (p.start..r.end).filter_map(initial).collect();
        if initials == acr {
            spans[k - 1].0.end = r.end;
            spans[k].0 = r.start..r.start;
        }
    }
    spans.retain(|(r, _)| !r.is_empty());
    // An organization's acronym may come from its name in another language, in another order:
    // "Revolutionary Armed Forces of Colombia ( FARC )". Its letters are then the initials of
    // the name's capitalized words, each once ("Parliament of New South Wales ( NSW )" names
    // the state, not the parliament).
    let initials_hold = |r: &Range<usize>, acr: &str| {
        let mut initials: Vec<u8> = r
            .clone()
            .filter_map(|i| word(i).bytes().next().filter(u8::is_ascii_uppercase))
            .collect();
        let mut letters = acr.as_bytes().to_vec();
        initials.sort_unstable();
        letters.sort_unstable();
        initials == letters
    };
    let mut defined: Vec<(&str, Label)> = Vec::new();
    for (r, l) in &spans {
        let acr = word(r.end + 1);
        let ok = r.len() >= 2
            && word(r.end) == "("
            && word(r.end + 2) == ")"
            && (2..=6).contains(&acr.len())
            && acr.bytes().all(|b| b.is_ascii_uppercase())
            && (word(r.start).as_bytes().first() == acr.as_bytes().first()
                || (*l == Label::Org && initials_hold(r, acr)));
        if ok && !defined.iter().any(|(a, _)| *a == acr) {
            defined.push((acr, *l));
        }
    }
    if defined.is_empty() {
        return spans;
    }
    label_tokens(tokens.len(), spans, |i| {
        defined
            .iter()
            .find(|(a, _)| *a == word(i))
            .map(|&(_, label)| label)
    })
}

/// Acronyms used without a definition: an all-capitals token that spells the initials of a
/// multi-word ORG of the same document ("World Health Organization" ... "WHO",
/// "Organization of Petroleum Exporting Countries" ... "OPEC") is that ORG, whatever the
/// tagger said of it. Lower-case words ("of", "the") give no initial. Only tokens in mixed-case
/// text count, so an ALL-CAPS headline's "WHO" is left alone.
pub fn initials(
    text: &str,
    tokens: &[Range<usize>],
    spans: Vec<(Range<usize>, Label)>,
) -> Vec<(Range<usize>, Label)> {
    let word = |i: usize| tokens.get(i).map_or("", |t| &text[t.clone()]);
    let mut defined: Vec<String> = Vec::new();
    for (r, l) in &spans {
        if *l != Label::Org || r.len() < 2 {
            continue;
        }
        let caps: String = r
            .clone()
            .map(word)
            .filter(|w| w.chars().next().is_some_and(char::is_uppercase))
            .filter_map(|w| w.chars().next())
            .collect();
        if (2..=6).contains(&caps.chars().count()) && !defined.contains(&caps) {
            defined.push(caps);
        }
    }
    if defined.is_empty() {
        return spans;
    }
    let acronym = |i: usize| {
        let w = word(i);
        (2..=6).contains(&w.len())
            && w.bytes().all(|b| b.is_ascii_uppercase())
            && defined.iter().any(|d| d == w)
    };
    // The nearest word before or after, in the same sentence, has a lower-case letter.
    let lower = |w: &str| w.chars().any(char::is_lowercase);
    let is_word = |w: &str| w.chars().any(char::is_alphanumeric);
    let stop = |w: &str| matches!(w, "." | "!" | "?" | "");
    let mixed = |i: usize| {
        let before = (0..i)
            .rev()
            .map(word)
            .take_while(|w| !stop(w))
            .find(|w| is_word(w));
        let after = (i + 1..tokens.len())
            .map(word)
            .take_while(|w| !stop(w))
            .find(|w| is_word(w));
        before.is_some_and(lower) || after.is_some_and(lower)
    };
    label_tokens(tokens.len(), spans, |i| {
        (acronym(i) && mixed(i)).then_some(Label::Org)
    })
}

/// Gives each token `label_of` names its label: a one-token span there is relabelled, a token in
/// no span becomes a span of its own, and a token inside a longer span is left to that span.
fn label_tokens(
    token_count: usize,
    mut spans: Vec<(Range<usize>, Label)>,
    label_of: impl Fn(usize) -> Option<Label>,
) -> Vec<(Range<usize>, Label)> {
    let mut added = Vec::new();
    let mut next_span = 0;
    for i in 0..token_count {
        let Some(label) = label_of(i) else {
            continue;
        };
        while next_span < spans.len() && spans[next_span].0.end <= i {
            next_span += 1;
        }
        match spans.get_mut(next_span) {
            Some((r, l)) if r.start <= i => {
                if r.len() == 1 {
                    *l = label;
                }
            }
            _ => added.push((i..i + 1, label)),
        }
    }
    if !added.is_empty() {
        spans.extend(added);
        spans.sort_by_key(|(r, _)| r.start);
    }
    spans
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;
    use crate::entities::tokenize::tokenize;

    type Spans = Vec<(Range<usize>, Label)>;

    /// The spans as (text, label) pairs (also for `spanfix`'s tests).
    pub(in crate::entities) fn texts<'a>(
        text: &'a str,
        toks: &[Range<usize>],
        spans: &[(Range<usize>, Label)],
    ) -> Vec<(&'a str, Label)> {
        spans
            .iter()
            .map(|(r, l)| (&text[toks[r.start].start..toks[r.end - 1].end], *l))
            .collect()
    }

    #[test]
    fn touching_spans_named_whole_elsewhere_are_rejoined() {
        let text = "Wasim Akram 25-5-80-2\ncaptain Wasim Akram won . Australian Greg Norman led";
        let toks = tokenize(text);
        let spans = vec![
            (0..2, Label::Per),
            (4..5, Label::Misc),
            (5..6, Label::Per),
            (8..9, Label::Misc),
            (9..11, Label::Per),
        ];
        assert_eq!(
            texts(text, &toks, &rejoin(text, &toks, spans)),
            [
                ("Wasim Akram", Label::Per),
                ("Wasim Akram", Label::Per),
                ("Australian", Label::Misc),
                ("Greg Norman", Label::Per)
            ]
        );
    }

    /// Token range of the first occurrence of `words` in `text` (also for `spanfix`'s tests).
    pub(in crate::entities) fn at(text: &str, toks: &[Range<usize>], words: &str) -> Range<usize> {
        let n = words.split(' ').count();
        (0..toks.len())
            .find(|&i| {
                i + n <= toks.len()
                    && toks[i..i + n]
                        .iter()
                        .map(|r| &text[r.clone()])
                        .eq(words.split(' '))
            })
            .map(|i| i..i + n)
            .unwrap_or_else(|| panic!("{words:?} not in {text:?}"))
    }

    /// `pass` run on the tagger's spans given as words of `text` (each at its first
    /// occurrence); the names it gives back (also for `spanfix`'s and `clubs`' tests).
    pub(in crate::entities) fn run(
        text: &str,
        spans: &[(&str, Label)],
        pass: fn(&str, &[Range<usize>], Spans) -> Spans,
    ) -> Vec<(String, Label)> {
        let toks = tokenize(text);
        let spans = spans
            .iter()
            .map(|(w, l)| (at(text, &toks, w), *l))
            .collect();
        texts(text, &toks, &pass(text, &toks, spans))
            .into_iter()
            .map(|(s, l)| (s.to_owned(), l))
            .collect()
    }

    #[test]
    fn majority_and_recovery() {
        let text = "Vladimir Putin spoke . Putin left . Putin was keen . Putins plan";
        let toks = tokenize(text);
        let spans = vec![(0..2, Label::Per), (4..5, Label::Per), (7..8, Label::Misc)];
        let got = harmonize(text, &toks, spans, &[]);
        assert_eq!(
            texts(text, &toks, &got),
            [
                ("Vladimir Putin", Label::Per),
                ("Putin", Label::Per),
                ("Putin", Label::Per),
                ("Putins", Label::Per)
            ]
        );
    }

    #[test]
    fn a_sure_mention_outweighs_unsure_ones() {
        let text = "Coron said . Coron left . Coron won";
        let toks = tokenize(text);
        let spans = vec![(0..1, Label::Per), (3..4, Label::Org), (6..7, Label::Org)];
        // The tagger was sure of the person, torn over the two organizations.
        let votes = [
            (0..1, [0.95, 0.05, 0.0, 0.0]),
            (3..4, [0.45, 0.55, 0.0, 0.0]),
            (6..7, [0.4, 0.6, 0.0, 0.0]),
        ];
        let got = harmonize(text, &toks, spans.clone(), &votes);
        assert!(got.iter().all(|(_, l)| *l == Label::Per), "{got:?}");
        // Counted whole, the two organizations win.
        let got = harmonize(text, &toks, spans, &[]);
        assert!(got.iter().all(|(_, l)| *l == Label::Org), "{got:?}");
    }

    #[test]
    fn a_lost_possessive_takes_the_label_of_the_clean_spelling() {
        // "Kyivs" (from "Kyiv's") as ORG, "Kyiv" as LOC: one vote each, and the clean one wins.
        let text = "Kyiv said . Kyivs army";
        let toks = tokenize(text);
        let spans = vec![(0..1, Label::Loc), (3..4, Label::Org)];
        let got = harmonize(text, &toks, spans, &[]);
        assert!(got.iter().all(|(_, l)| *l == Label::Loc), "{got:?}");
    }

    #[test]
    fn acronyms_take_the_type_of_their_definition() {
        let text = "the Fiji Labour Party ( FLP ) won . FLP said . KYIV ( AP ) - AP";
        let toks = tokenize(text);
        // FLP once MISC, once missed; "AP" follows a one-word name and defines nothing.
        let spans = vec![
            (1..4, Label::Org),
            (5..6, Label::Misc),
            (12..13, Label::Loc),
        ];
        let got = acronyms(text, &toks, spans);
        assert_eq!(
            texts(text, &toks, &got),
            [
                ("Fiji Labour Party", Label::Org),
                ("FLP", Label::Org),
                ("FLP", Label::Org),
                ("KYIV", Label::Loc)
            ]
        );
    }

    #[test]
    fn acronyms_in_another_order_name_organizations() {
        let text = "guerrillas of the Revolutionary Armed Forces of Colombia ( FARC ) . FARC \
                    said . Ford Motor Co ( US ) rose . US shares . the Parliament of New South \
                    Wales ( NSW ) . NSW";
        let toks = tokenize(text);
        let org = |w: &str| (at(text, &toks, w), Label::Org);
        let spans = vec![
            org("Revolutionary Armed Forces of Colombia"),
            org("Ford Motor Co"),
            org("Parliament of New South Wales"),
        ];
        let got = acronyms(text, &toks, spans);
        assert_eq!(
            texts(text, &toks, &got),
            [
                ("Revolutionary Armed Forces of Colombia", Label::Org),
                ("FARC", Label::Org),
                ("FARC", Label::Org),
                ("Ford Motor Co", Label::Org),
                ("Parliament of New South Wales", Label::Org)
            ]
        );
    }

    #[test]
    fn nicknames_are_teams() {
        let text = "ORIOLES BEAT YANKEES . the Baltimore Orioles beat the New York Yankees 9-3 . \
                    The Yankees lost . the Tokyo Stock Exchange . Exchange rates";
        let toks = tokenize(text);
        // The first word of a phrase found by `at`.
        let first = |words: &str| at(text, &toks, words).start..at(text, &toks, words).start + 1;
        let spans = vec![
            (at(text, &toks, "YANKEES"), Label::Misc),
            (at(text, &toks, "New York Yankees"), Label::Org),
            (first("Yankees lost"), Label::Misc),
            (at(text, &toks, "Tokyo Stock Exchange"), Label::Org),
            (first("Exchange rates"), Label::Misc),
        ];
        let got = nicknames(text, &toks, spans);
        assert_eq!(
            texts(text, &toks, &got),
            [
                ("YANKEES", Label::Org),
                ("New York Yankees", Label::Org),
                ("Yankees", Label::Org),
                ("Tokyo Stock Exchange", Label::Org),
                ("Exchange", Label::Misc)
            ]
        );
    }

    #[test]
    fn acronyms_show_where_an_organization_begins() {
        let text = "Kurdish Democratic Party ( KDP ) forces . the Iranian Revolutionary Guard \
                    Corps ( IRGC ) . the Social Democratic Party ( SDP )";
        let toks = tokenize(text);
        // The last name is whole already: "the" gives it no initial.
        let spans = vec![
            (at(text, &toks, "Democratic Party"), Label::Org),
            (at(text, &toks, "Iranian"), Label::Misc),
            (at(text, &toks, "Revolutionary Guard Corps"), Label::Org),
            (at(text, &toks, "Social Democratic Party"), Label::Org),
        ];
        let got = acronyms(text, &toks, spans);
        assert_eq!(
            texts(text, &toks, &got),
            [
                ("Kurdish Democratic Party", Label::Org),
                ("KDP", Label::Org),
                ("Iranian Revolutionary Guard Corps", Label::Org),
                ("IRGC", Label::Org),
                ("Social Democratic Party", Label::Org),
                ("SDP", Label::Org)
            ]
        );
    }

    #[test]
    fn acronyms_show_where_an_organization_ends() {
        let text = "The Organisation for Security and Cooperation in Europe ( OSCE ) said . \
                    the Ministry of Defence in London ( MOD )";
        let toks = tokenize(text);
        let spans = vec![
            (
                at(text, &toks, "Organisation for Security and Cooperation"),
                Label::Org,
            ),
            (at(text, &toks, "Europe"), Label::Loc),
            (at(text, &toks, "Ministry of Defence"), Label::Org),
            (at(text, &toks, "London"), Label::Loc),
        ];
        let got = acronyms(text, &toks, spans);
        assert_eq!(
            texts(text, &toks, &got),
            [
                (
                    "Organisation for Security and Cooperation in Europe",
                    Label::Org
                ),
                ("OSCE", Label::Org),
                ("Ministry of Defence", Label::Org),
                ("London", Label::Loc),
            ]
        );
    }

    #[test]
    fn initials_of_an_organization_name_it() {
        let text = "the World Health Organization said . WHO experts and WHO staff . \
                    WHO SAID IT . Bank of America ( BA ) . AMERICA";
        let toks = tokenize(text);
        // "WHO" once as LOC, once missed; the all-caps line is left alone.
        let at = |w: &str| toks.iter().position(|t| &text[t.clone()] == w).unwrap();
        let bank = at("Bank");
        let spans = vec![
            (1..4, Label::Org),
            (6..7, Label::Loc),
            (bank..bank + 3, Label::Org),
        ];
        let got = initials(text, &toks, spans);
        assert_eq!(
            texts(text, &toks, &got),
            [
                ("World Health Organization", Label::Org),
                ("WHO", Label::Org),
                ("WHO", Label::Org),
                ("Bank of America", Label::Org),
                ("BA", Label::Org),
            ]
        );
    }
}
