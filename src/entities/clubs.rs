//! Sports clubs and teams by name: "Feyenoord", "Aston Villa", "New York Yankees" are ORG in any
//! text; "Lazio", "Leeds", "Celtic", "Bulls" are ORG in a text about sport. The tagger, trained
//! on encyclopedia and web text, knows few clubs: it read "Aston Villa" as a person, "Ajax" and
//! "Lazio" as places, and left "Sampdoria" out. By the CoNLL-2003 convention a club is an ORG
//! even when it is named after its town; a national team named after its country stays a LOC
//! (no country is listed).
//!
//! The list (`data/clubs.txt`) is written from general knowledge: European football and the
//! North American leagues. A text is about sport when it has two words of the sports pages
//! ("striker", "scored", "innings", "playoffs"…), or one and a score ("2-1").
//!
//! Limits: a town-named club after "in" or "at" is left to the tagger ("the final in
//! Barcelona" is the town), and so is one that opens a dateline ("MILAN 1996-08-30"); a club's
//! name inside a longer name keeps that name ("Barcelona Olympics").

use super::gazetteer::{Gazetteer, MAX_TOKENS};
use super::hash::word_hash;
use super::tokenize::tokenize;
use super::Label;
use crate::fxhash::FxHashSet;
use std::ops::Range;
use std::sync::OnceLock;

type Spans = Vec<(Range<usize>, Label)>;

/// Words of the sports pages, few of them used elsewhere; sorted, in lower case.
const SPORTS_WORDS: &[&[u8]] = &[
    b"baseball",
    b"basketball",
    b"cricket",
    b"defenders",
    b"equaliser",
    b"equalizer",
    b"fifa",
    b"football",
    b"goalkeeper",
    b"goalkeepers",
    b"half-time",
    b"halftime",
    b"hat-trick",
    b"hockey",
    b"homer",
    b"homers",
    b"inning",
    b"innings",
    b"midfielder",
    b"midfielders",
    b"mlb",
    b"nba",
    b"nfl",
    b"nhl",
    b"pitcher",
    b"pitchers",
    b"playoff",
    b"playoffs",
    b"quarterback",
    b"relegated",
    b"relegation",
    b"rugby",
    b"scored",
    b"scorer",
    b"scorers",
    b"soccer",
    b"stadium",
    b"striker",
    b"strikers",
    b"touchdown",
    b"touchdowns",
    b"uefa",
];

/// Words after a town that make it the place, not its club ("the Milan bourse").
const TOWN_NOUNS: &[&str] = &[
    "airport",
    "area",
    "bourse",
    "city",
    "council",
    "court",
    "district",
    "exchange",
    "market",
    "mayor",
    "police",
    "port",
    "province",
    "region",
    "stock",
    "university",
];

/// Words before a town that make it the place, not its club.
const PLACE_BEFORE: &[&str] = &["at", "in", "near", "At", "In", "Near"];

/// The two parts of `data/clubs.txt`.
struct Clubs {
    /// Clubs in any text.
    anywhere: Gazetteer,
    /// Clubs in a text about sport only.
    in_sports: Gazetteer,
    /// Word hashes of the names' first words, both parts: one lookup rules out most words.
    first_words: FxHashSet<u64>,
    /// The byte lengths (bit `len`, up to 31) of the first words by their first character
    /// (a–z, 0–9; others all in the last slot): rules out most words before hashing.
    first_lengths: [u32; 37],
}

impl Clubs {
    /// The word `w` (not empty) starts some listed name: its word hash if so.
    fn starts_name(&self, w: &str) -> Option<u64> {
        if self.first_lengths[slot(w)] & length_bit(w) == 0 {
            return None;
        }
        let hash = word_hash(w);
        self.first_words.contains(&hash).then_some(hash)
    }
}

/// [`Clubs::first_lengths`]' slot for `w` (not empty).
fn slot(w: &str) -> usize {
    match w.as_bytes()[0].to_ascii_lowercase() {
        b @ b'a'..=b'z' => usize::from(b - b'a'),
        b @ b'0'..=b'9' => 26 + usize::from(b - b'0'),
        _ => 36,
    }
}

fn length_bit(w: &str) -> u32 {
    1 << w.len().min(31)
}

fn clubs() -> &'static Clubs {
    static CLUBS: OnceLock<Clubs> = OnceLock::new();
    CLUBS.get_or_init(|| {
        // Each part becomes a gazetteer of one category.
        let mut parts = [String::from("@org\n"), String::from("@org\n")];
        let mut part = None;
        let mut first_words = FxHashSet::default();
        let mut first_lengths = [0u32; 37];
        for line in include_str!("data/clubs.txt").lines() {
            match line {
                "@anywhere" => part = Some(0),
                "@in-sports" => part = Some(1),
                _ if line.starts_with('#') => {}
                _ => {
                    if let (Some(p), Some(first)) = (part, tokenize(line).first()) {
                        parts[p].push_str(line);
                        parts[p].push('\n');
                        let word = &line[first.clone()];
                        first_words.insert(word_hash(word));
                        first_lengths[slot(word)] |= length_bit(word);
                    }
                }
            }
        }
        Clubs {
            anywhere: Gazetteer::parse(&parts[0]),
            in_sports: Gazetteer::parse(&parts[1]),
            first_words,
            first_lengths,
        }
    })
}

/// The text is about sport: two words of the sports pages, or one and a score ("2-1").
fn about_sport(text: &str, tokens: &[Range<usize>]) -> bool {
    // The lengths of the sports words by first letter: most words need no search.
    let mut lengths = [0u16; 26];
    for w in SPORTS_WORDS {
        lengths[usize::from(w[0] - b'a')] |= 1 << w.len();
    }
    let mut words = 0;
    let mut scores = 0;
    for r in tokens {
        let w = text[r.clone()].as_bytes();
        if w.len() < 3 || w.len() > 12 {
            continue;
        }
        if w[0].is_ascii_digit() {
            let score = w.iter().position(|&b| b == b'-').is_some_and(|dash| {
                let (a, b) = (&w[..dash], &w[dash + 1..]);
                [a, b]
                    .iter()
                    .all(|n| (1..=2).contains(&n.len()) && n.iter().all(u8::is_ascii_digit))
            });
            scores += usize::from(score);
        } else if w[0].is_ascii_alphabetic()
            && lengths[usize::from(w[0].to_ascii_lowercase() - b'a')] & 1 << w.len() != 0
        {
            let mut lower = [0u8; 12];
            lower[..w.len()].copy_from_slice(w);
            lower.make_ascii_lowercase();
            let lower = &lower[..w.len()];
            words += usize::from(SPORTS_WORDS.binary_search(&lower).is_ok());
        }
        if words >= 2 || (words == 1 && scores >= 1) {
            return true;
        }
    }
    false
}

/// Marks the clubs of `data/clubs.txt` as ORG: a span that is exactly a club's name is
/// relabelled, the tagger's pieces of one ("Aston" + "Villa") become one span, and a club it
/// left out is added. A one-word club that ends a person's full name in the text ("Everton"
/// after "Everton Ribeiro") is left alone.
pub fn clubs_by_name(text: &str, tokens: &[Range<usize>], spans: Spans) -> Spans {
    let clubs = clubs();
    // Whether the text is about sport, found when a town-named club first needs it.
    let mut sport = None;
    let word = |i: usize| &text[tokens[i].clone()];
    let same_line = |i: usize| !text[tokens[i].end..tokens[i + 1].start].contains('\n');
    // A name's word: capitalized, or led by a digit ("Schalke 04", "49ers").
    let name_word = |i: usize| {
        let b = text.as_bytes()[tokens[i].start];
        b.is_ascii_uppercase()
            || b.is_ascii_digit()
            || (b >= 0x80 && word(i).starts_with(char::is_uppercase))
    };
    // The words of persons' full names, found when a one-word club first needs them.
    let mut in_full_names: Option<FxHashSet<u64>> = None;
    let mut found: Spans = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        let first = if name_word(i) {
            clubs.starts_name(word(i))
        } else {
            None
        };
        let Some(first) = first else {
            i += 1;
            continue;
        };
        let mut hashes = [first; MAX_TOKENS];
        let mut n = 1;
        while n < MAX_TOKENS && i + n < tokens.len() && same_line(i + n - 1) {
            hashes[n] = word_hash(word(i + n));
            n += 1;
        }
        let hashes = &hashes[..n];
        // A town's name opening a dateline ("MILAN 1996-08-30", "ROME , Italy") or after "in"
        // is the town.
        let town_named = |len: usize| {
            let line_start = i == 0 || !same_line(i - 1);
            let next = if i + len < tokens.len() && same_line(i + len - 1) {
                word(i + len)
            } else {
                ""
            };
            let in_capitals = (i..i + len).all(|k| !word(k).chars().any(char::is_lowercase));
            let dateline = line_start
                && (next.starts_with(|c: char| c.is_ascii_digit())
                    || (in_capitals && matches!(next, "," | "(")));
            let after_place_word = !line_start && PLACE_BEFORE.contains(&word(i - 1));
            !dateline && !after_place_word && !TOWN_NOUNS.contains(&next)
        };
        let club = clubs
            .anywhere
            .longest(hashes)
            .map(|(len, _)| len)
            .or_else(|| {
                let (len, _) = clubs.in_sports.longest(hashes)?;
                let sport = *sport.get_or_insert_with(|| about_sport(text, tokens));
                (sport && town_named(len)).then_some(len)
            });
        match club {
            // Every word a name's, or glued to the one before ("49ers" is "49" "ers").
            Some(len)
                if (i..i + len).all(|k| name_word(k) || tokens[k - 1].end == tokens[k].start) =>
            {
                let person = len == 1
                    && in_full_names
                        .get_or_insert_with(|| {
                            spans
                                .iter()
                                .filter(|(r, l)| *l == Label::Per && r.len() >= 2)
                                .flat_map(|(r, _)| r.clone().map(|k| word_hash(word(k))))
                                .collect()
                        })
                        .contains(&hashes[0]);
                if !person {
                    found.push((i..i + len, Label::Org));
                }
                i += len;
            }
            _ => i += 1,
        }
    }
    if found.is_empty() {
        return spans;
    }
    // A club replaces the spans inside it; a longer name that holds it ("Barcelona Olympics")
    // or crosses it stays instead. Both lists are sorted and disjoint, so the spans that meet a
    // club are found by binary search.
    let mut removed = vec![false; spans.len()];
    let mut clubs_kept = Vec::new();
    for (club, label) in found {
        let lo = spans.partition_point(|(r, _)| r.end <= club.start);
        let hi = spans.partition_point(|(r, _)| r.start < club.end);
        let met = lo..hi.max(lo);
        if spans[met.clone()]
            .iter()
            .all(|(r, _)| club.start <= r.start && r.end <= club.end)
        {
            removed[met].fill(true);
            clubs_kept.push((club, label));
        }
    }
    let mut out: Spans = spans
        .into_iter()
        .zip(removed)
        .filter_map(|(s, gone)| (!gone).then_some(s))
        .chain(clubs_kept)
        .collect();
    out.sort_by_key(|(r, _)| r.start);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::entities::consistency::tests::run;

    fn has(got: &[(String, Label)], name: &str, label: Label) -> bool {
        got.iter().any(|(n, l)| n == name && *l == label)
    }

    #[test]
    fn clubs_anywhere() {
        let got = run(
            "Aston Villa and Tottenham Hotspur drew , Sampdoria lost at home and the 49ers won .",
            &[
                ("Aston", Label::Per),
                ("Villa", Label::Loc),
                ("Tottenham", Label::Loc),
            ],
            clubs_by_name,
        );
        assert!(has(&got, "Aston Villa", Label::Org), "{got:?}");
        assert!(has(&got, "Tottenham Hotspur", Label::Org), "{got:?}");
        assert!(has(&got, "Sampdoria", Label::Org), "{got:?}");
        assert!(has(&got, "49ers", Label::Org), "{got:?}");
        assert_eq!(got.len(), 4, "{got:?}");
    }

    #[test]
    fn town_clubs_only_in_sport() {
        let politics = "Leeds council voted on the budget in Lazio .";
        let got = run(
            politics,
            &[("Leeds", Label::Loc), ("Lazio", Label::Loc)],
            clubs_by_name,
        );
        assert!(has(&got, "Leeds", Label::Loc), "{got:?}");
        let sport = "Leeds beat Lazio 2-1 , their striker scored twice . The final is in \
                     Barcelona . Shares fell on the Milan bourse .";
        let got = run(
            sport,
            &[
                ("Leeds", Label::Loc),
                ("Lazio", Label::Loc),
                ("Barcelona", Label::Loc),
                ("Milan", Label::Loc),
            ],
            clubs_by_name,
        );
        assert!(has(&got, "Milan", Label::Loc), "{got:?}");
        assert!(has(&got, "Leeds", Label::Org), "{got:?}");
        assert!(has(&got, "Lazio", Label::Org), "{got:?}");
        assert!(has(&got, "Barcelona", Label::Loc), "{got:?}");
    }

    #[test]
    fn names_crossing_a_club_stay() {
        // "Aston" inside the club, "Villa Park" crossing its end: the tagger's names stay.
        let got = run(
            "Aston Villa Park was full .",
            &[("Aston", Label::Per), ("Villa Park", Label::Loc)],
            clubs_by_name,
        );
        assert_eq!(
            got,
            [
                ("Aston".to_string(), Label::Per),
                ("Villa Park".to_string(), Label::Loc)
            ]
        );
    }

    #[test]
    fn longer_names_and_persons_stay() {
        let text = "Everton said so . Everton Ribeiro scored at the Barcelona Olympics stadium .";
        let got = run(
            text,
            &[
                ("Everton", Label::Per),
                ("Everton Ribeiro", Label::Per),
                ("Barcelona Olympics", Label::Misc),
            ],
            clubs_by_name,
        );
        assert!(has(&got, "Everton Ribeiro", Label::Per), "{got:?}");
        assert!(has(&got, "Barcelona Olympics", Label::Misc), "{got:?}");
        assert!(has(&got, "Everton", Label::Per), "{got:?}");
    }

    #[test]
    fn datelines_stay_places() {
        // The headline's club is found, the datelines' towns are not.
        let text = "SOCCER - WEAH SCORES TWICE FOR MILAN\nMILAN 1996-08-30\nLAZIO , Italy\n\
                    Milan , whose striker George Weah scored twice , won .";
        let got = run(text, &[("Milan", Label::Loc)], clubs_by_name);
        let want = [("MILAN", Label::Org), ("Milan", Label::Org)];
        assert_eq!(got, want.map(|(n, l)| (n.to_string(), l)));
    }

    #[test]
    fn sports_words_sorted() {
        assert!(SPORTS_WORDS.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn sports_texts() {
        let yes = "The striker scored in the 89th minute .";
        let score = "The striker was sent off in the 2-1 defeat .";
        let no = "The council voted 5-4 to raise the penalty .";
        for (text, want) in [(yes, true), (score, true), (no, false)] {
            assert_eq!(about_sport(text, &tokenize(text)), want, "{text}");
        }
    }
}
