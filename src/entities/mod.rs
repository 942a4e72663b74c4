//! Entity recognition: people, organizations, places and other names by a statistical tagger,
//! dates, times, money, percentages and numbers by rules; then aliases merged per document and
//! across the collection (`alias`).
//!
//! The pipeline for one text: [`tokenize`](tokenize::tokenize) (byte offsets, news-robust) →
//! sentences → hashed features (`features`: words ±2, shapes, sentence casing, gazetteer
//! matches, how the word is written elsewhere in the document) → a perceptron with Viterbi
//! decoding over BIO tags (`model`) for PER/ORG/LOC/MISC, and hand-written rules (`rules`) for
//! DATE/TIME/MONEY/PERCENT/NUMBER. Rules then fix span boundaries the tagger gets wrong the
//! same way every time and type the teams of sports results lines (`spanfix`), and each name
//! gets one label per document (`consistency`). Names win over values they overlap, unless the
//! value holds the name whole ("October" inside "Tuesday, October 3").
//!
//! The model and gazetteer are embedded (`data/`), parsed once on first use. They are built by
//! `cargo run --release --example train_ner` and scored by `examples/eval_ner.rs`.
//!
//! Limits: one label per span and no nesting ("University of Paris" is one ORG); a name the
//! model misses in one place is not recovered from another (no document-level relabelling yet
//! beyond the "seen elsewhere" features); labels follow CoNLL-2003, so nationalities are MISC.

mod alias;
mod clubs;
mod consistency;
mod features;
mod gazetteer;
mod hash;
mod model;
mod rules;
mod spanfix;
mod tokenize;

pub use alias::{merge_collection, summarize};

use crate::fxhash::FxHashSet;
use serde::Serialize;
use std::ops::Range;
use std::sync::OnceLock;

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
    /// Every label, in a fixed order: [`pack`] writes a label as its index here.
    pub const ALL: [Label; 9] = [
        Label::Per,
        Label::Org,
        Label::Loc,
        Label::Misc,
        Label::Date,
        Label::Time,
        Label::Money,
        Label::Percent,
        Label::Number,
    ];

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

/// Mentions as flat numbers (start, end, label index; byte offsets), to hand them from the
/// page's tagging worker to the analyzing one.
pub fn pack(mentions: &[Mention]) -> Vec<u32> {
    mentions
        .iter()
        .flat_map(|m| {
            let label = Label::ALL.iter().position(|&l| l == m.label).unwrap_or(0);
            [m.range.start as u32, m.range.end as u32, label as u32]
        })
        .collect()
}

/// [`pack`] undone for `text`; `None` unless every range is a non-empty slice of `text` and
/// every label is known, so that numbers from elsewhere can never point outside the text.
pub fn unpack(packed: &[u32], text: &str) -> Option<Vec<Mention>> {
    if packed.len() % 3 != 0 {
        return None;
    }
    packed
        .chunks_exact(3)
        .map(|c| {
            let (start, end) = (c[0] as usize, c[1] as usize);
            let label = *Label::ALL.get(c[2] as usize)?;
            (start < end && text.get(start..end).is_some()).then_some(Mention {
                range: start..end,
                label,
            })
        })
        .collect()
}

/// Internals for `examples/train_ner.rs` and `examples/eval_ner.rs`: not a stable API.
#[doc(hidden)]
pub mod training {
    pub use super::features::{features, sentences, token_infos, TokenInfo};
    pub use super::gazetteer::Gazetteer;
    pub use super::model::{
        begin, inside, label_of, spans, viterbi, write, Model, NAME_LABELS, N_TAGS,
    };
    pub use super::tokenize::tokenize;
}

/// Texts longer than this are tagged in pieces cut at line ends, so that memory stays bounded
/// (about 200 bytes of working data per token) on the largest documents the app accepts.
/// Document-level evidence then only spans one piece. (Tests use small pieces, to stay fast.)
const PIECE_BYTES: usize = if cfg!(test) { 1 << 12 } else { 1 << 20 };

/// Finds every mention in `text`, sorted by start, never overlapping.
pub fn recognize(text: &str) -> Vec<Mention> {
    let mut out = Vec::new();
    let mut start = 0;
    while start < text.len() {
        let mut end = (start + PIECE_BYTES).min(text.len());
        if end < text.len() {
            while !text.is_char_boundary(end) {
                end -= 1;
            }
            // Prefer a line end, then any whitespace, in the second half of the piece.
            let mut half = start + PIECE_BYTES / 2;
            while !text.is_char_boundary(half) {
                half += 1;
            }
            let piece = &text[half..end];
            let cut = piece.rfind('\n').map(|i| i + 1).or_else(|| {
                piece
                    .char_indices()
                    .rev()
                    .find(|(_, c)| c.is_whitespace())
                    .map(|(i, c)| i + c.len_utf8())
            });
            if let Some(cut) = cut {
                end = half + cut;
            }
        }
        out.extend(
            recognize_piece(&text[start..end])
                .into_iter()
                .map(|m| Mention {
                    range: m.range.start + start..m.range.end + start,
                    label: m.label,
                }),
        );
        start = end;
    }
    out
}

fn recognize_piece(text: &str) -> Vec<Mention> {
    let tokens = tokenize::possessives_apart(text, tokenize::tokenize(text));
    if tokens.is_empty() {
        return Vec::new();
    }
    let sents = features::sentences(text, &tokens);
    let values = rules::find(text, &tokens);
    let names = tag_names(text, &tokens, &sents, &values);
    // Again after the clubs of sports pages: a dateline's "MILAN" is the city.
    let names = datelines(text, &tokens, &sents, &values, names);
    let spans = resolve(names, values);
    spans
        .into_iter()
        .map(|(r, label)| Mention {
            range: tokens[r.start].start..tokens[r.end - 1].end,
            label,
        })
        .collect()
}

/// The embedded model and gazetteer, parsed on first use.
struct Tagger {
    model: model::Model,
    gazetteer: gazetteer::Gazetteer,
}

fn tagger() -> &'static Tagger {
    static TAGGER: OnceLock<Tagger> = OnceLock::new();
    TAGGER.get_or_init(|| Tagger {
        model: model::Model::parse(include_bytes!("data/model.bin"))
            .unwrap_or_else(model::Model::empty),
        gazetteer: gazetteer::Gazetteer::parse(include_str!("data/gazetteer.txt"))
            .with_clusters(include_str!("data/clusters.txt"))
            .with_brown(include_str!("data/brown.txt"))
            .with_glove(include_str!("data/glove.txt")),
    })
}

/// Name spans as token ranges, by the model (or, without one, by capitalized runs and the
/// gazetteer).
fn tag_names(
    text: &str,
    tokens: &[Range<usize>],
    sents: &[Range<usize>],
    values: &[(Range<usize>, Label)],
) -> Vec<(Range<usize>, Label)> {
    let tg = tagger();
    let infos = features::token_infos(text, tokens, sents, &tg.gazetteer);
    let mut out = Vec::new();
    // How sure the tagger was of each span's label, for the document vote.
    let mut votes = Vec::new();
    let mut feats = Vec::with_capacity(64);
    // The sentence's emissions, zeros for the tokens surely outside.
    let mut emissions = Vec::new();
    let mut tags = Vec::new();
    let mut back = Vec::new();
    for sent in sents {
        // Tokens that are surely O split the sentence into runs decoded on their own.
        tags.clear();
        emissions.clear();
        let mut run_start = 0;
        for i in sent.clone() {
            if features::surely_outside(&infos, sent, i) {
                tg.model
                    .decode_next(&emissions[run_start..], true, &mut back, &mut tags);
                tags.push(0);
                emissions.push([0.0; model::N_TAGS]);
                run_start = emissions.len();
                continue;
            }
            feats.clear();
            features::features(&infos, sent, i, &mut feats);
            emissions.push(tg.model.score(&feats));
        }
        tg.model
            .decode_next(&emissions[run_start..], false, &mut back, &mut tags);
        for (r, l) in model::spans(&tags) {
            let r = sent.start + r.start..sent.start + r.end;
            if let Some(r) = trim(text, tokens, r) {
                let label = model::NAME_LABELS[l];
                let r = strip_lead(text, tokens, r, label, &tg.gazetteer);
                if !r.is_empty() {
                    let own = r.start - sent.start..r.end - sent.start;
                    votes.push((r.clone(), model::label_votes(&emissions[own])));
                    out.push((r, label));
                }
            }
        }
    }
    // A dateline's place votes as a place: "PARIS 1996-08-28", tagged PER, must not make the
    // story's "Paris" a person.
    let out = datelines(text, tokens, sents, values, out);
    let out = spanfix::sports_slugs(text, tokens, out);
    let out = spanfix::place_slugs(text, tokens, &tg.gazetteer, out);
    let out = spanfix::org_heads(text, tokens, out);
    let out = spanfix::boundaries(text, tokens, out);
    let out = spanfix::legal_names(text, tokens, &tg.gazetteer, out);
    let out = spanfix::coordinated_orgs(text, tokens, &tg.gazetteer, out);
    let out = spanfix::places_with_the(text, tokens, &tg.gazetteer, out);
    let out = spanfix::hyphen_pairs(text, tokens, &tg.gazetteer, out);
    let out = spanfix::hyphenated_given_names(text, tokens, &tg.gazetteer, out);
    let out = spanfix::media_names(text, tokens, &tg.gazetteer, out);
    let (out, companies) = spanfix::companies_by_context(text, tokens, &tg.gazetteer, out);
    let out = spanfix::title_case_words(text, tokens, &tg.gazetteer, out);
    // Teams in results lines before the document vote, so that their label spreads to the
    // team's other mentions, and after it, so that the vote cannot undo them.
    let mut results = spanfix::ResultsLines::find(text, tokens, &tg.gazetteer);
    results.add_match_reports(text, tokens, &tg.gazetteer, &out);
    results.add_club_roles(text, tokens, &tg.gazetteer, &out);
    let out = results.apply(out);
    let out = spanfix::headline_parts(text, tokens, out);
    let out = consistency::rejoin(text, tokens, out);
    let out = consistency::harmonize(text, tokens, out, &votes);
    let out = consistency::nicknames(text, tokens, out);
    let out = spanfix::orgs_everywhere(text, tokens, &companies, out);
    let out = consistency::acronyms(text, tokens, out);
    let out = consistency::initials(text, tokens, out);
    let out = spanfix::persons_by_surname(text, tokens, &tg.gazetteer, out);
    // The vote adds back words a Title Case line lost when the document names them elsewhere.
    let out = spanfix::title_case_words(text, tokens, &tg.gazetteer, out);
    let persons = full_name_ends(text, tokens, &out);
    let out = known_orgs(text, tokens, out, &tg.gazetteer, &persons);
    // Neither place pass changes a name of two words or more, so the set serves both.
    let in_full_names = full_name_ends(text, tokens, &out);
    // A club of the document's results lines stays a club ("Newcastle are top").
    let clubs: FxHashSet<u64> = results
        .clubs()
        .filter(|r| r.len() == 1)
        .map(|r| hash::word_hash(&text[tokens[r.start].clone()]))
        .collect();
    let out = places_named_alone(text, tokens, out, &tg.gazetteer, &in_full_names, &clubs);
    let out = place_lines(text, tokens, out, &tg.gazetteer, &in_full_names);
    let out = spanfix::group_nouns(text, tokens, &tg.gazetteer, out);
    let out = spanfix::events(text, tokens, &tg.gazetteer, out);
    let out = spanfix::nationalities(text, tokens, &tg.gazetteer, out);
    let out = spanfix::acronyms_in_capitals(text, tokens, &tg.gazetteer, out);
    let out = results.clubs_everywhere(text, tokens, &tg.gazetteer, out);
    let out = results.apply(out);
    let out = clubs::clubs_by_name(text, tokens, out);
    without_degree_units(text, tokens, out)
}

/// The "C" of "12 °C" is a unit, not a name: a one-letter capital right after a degree sign is
/// dropped (the number rule takes the unit into its span).
fn without_degree_units(
    text: &str,
    tokens: &[Range<usize>],
    mut names: Vec<(Range<usize>, Label)>,
) -> Vec<(Range<usize>, Label)> {
    names.retain(|(r, _)| {
        let unit = r.len() == 1 && matches!(&text[tokens[r.start].clone()], "C" | "F");
        let after_degrees = r.start > 0
            && text[..tokens[r.start].start]
                .trim_end()
                .ends_with(['°', 'º']);
        !(unit && after_degrees)
    });
    names
}

/// A name that is exactly a well-known organization of the gazetteer ("CNN", "Tesco",
/// "World Bank") is an ORG whatever its context says ("explained to CNN why"). One that is also
/// a surname ("Siemens", "Philips") is too, unless a person's full name in the document ends
/// with it.
fn known_orgs(
    text: &str,
    tokens: &[Range<usize>],
    mut names: Vec<(Range<usize>, Label)>,
    gazetteer: &gazetteer::Gazetteer,
    in_full_names: &FxHashSet<u64>,
) -> Vec<(Range<usize>, Label)> {
    let org = gazetteer::bit("org");
    let last = gazetteer::bit("last");
    let other = gazetteer::bit("first")
        | gazetteer::bit("city")
        | gazetteer::bit("country")
        | gazetteer::bit("region");
    for (r, label) in &mut names {
        if *label == Label::Org {
            continue;
        }
        let bits = gazetteer.entry(r.clone().map(|i| &text[tokens[i].clone()]));
        let surname_of_someone = bits & last != 0
            && (r.len() > 1
                || in_full_names.contains(&hash::word_hash(&text[tokens[r.start].clone()])));
        if bits & org != 0 && bits & other == 0 && !surname_of_someone {
            *label = Label::Org;
        }
    }
    names
}

/// A one-word "person" that is a known country or region, in a document where no longer
/// person name starts or ends with it, is the place (or its government): "Washington said it was
/// ready to talk". "George Washington" keeps "Washington" a person in that document; news rarely
/// names a person by a first name alone.
///
/// Likewise a one-word "organization" or MISC name that is a known country, region or city and
/// no organization, nationality or person name is the place, as CoNLL has it: "Kyiv's
/// relationship with NATO". (UNER tags such governments ORG; the tagger picks that up from its
/// training data.) A club that the document's results lines name is left an ORG: "Newcastle
/// are top" above "Newcastle 4 3 1 0 8 3 10".
///
/// A one-word "person" that is a known city and no known first name, surname, organization or
/// nationality is the city too: "Shanghai" alone in a caption line.
fn places_named_alone(
    text: &str,
    tokens: &[Range<usize>],
    mut names: Vec<(Range<usize>, Label)>,
    gazetteer: &gazetteer::Gazetteer,
    in_full_names: &FxHashSet<u64>,
    clubs: &FxHashSet<u64>,
) -> Vec<(Range<usize>, Label)> {
    // Not cities: thousands of small towns share their name with a surname ("Newton", "Woods").
    let place = gazetteer::bit("country") | gazetteer::bit("region");
    let word = |i: usize| hash::word_hash(&text[tokens[i].clone()]);
    let town = gazetteer::bit("city");
    let not_only_place = gazetteer::bit("org")
        | gazetteer::bit("first")
        | gazetteer::bit("last")
        | gazetteer::bit("nationality");
    for (r, label) in &mut names {
        if r.len() != 1 {
            continue;
        }
        let w = word(r.start);
        let bits = gazetteer.word(w);
        let person_place = *label == Label::Per
            && !in_full_names.contains(&w)
            && (bits & place != 0 || (bits & town != 0 && bits & not_only_place == 0));
        let org_place = matches!(*label, Label::Org | Label::Misc)
            && !(*label == Label::Org && clubs.contains(&w))
            && bits & (place | town) != 0
            && bits & not_only_place == 0;
        if person_place || org_place {
            *label = Label::Loc;
        }
    }
    names
}

/// Hashes of the first and last words of the document's person names of two words or more: a
/// lone "Jordan" is not the country in a text about "Jordan Henderson".
fn full_name_ends(
    text: &str,
    tokens: &[Range<usize>],
    names: &[(Range<usize>, Label)],
) -> FxHashSet<u64> {
    let word = |i: usize| hash::word_hash(&text[tokens[i].clone()]);
    names
        .iter()
        .filter(|(r, l)| *l == Label::Per && r.len() >= 2)
        .flat_map(|(r, _)| [word(r.start), word(r.end - 1)])
        .collect()
}

/// A line that holds only a name, in a table pasted as text (a river-level or weather table:
/// "Bergen", "1.5", "Tromsø", "0.8"), tagged PER or MISC (in part: "St Edmunds") is a place when
/// the gazetteer knows the whole line as a country, region or city (and, for one word, no full
/// person name in the document starts or ends with it: "Jordan" after "Jordan Henderson"), or
/// when most name lines of its column are places. A column is a run of name lines with at most
/// value lines ("12°C") between them. The tagger has little to go on in a one-word sentence, and
/// a lone capitalized word looks like a person to it. (Tromsø, Lillesand and Bury St Edmunds are
/// below the gazetteer's 100k population bar: only the column makes them places.)
fn place_lines(
    text: &str,
    tokens: &[Range<usize>],
    mut names: Vec<(Range<usize>, Label)>,
    gazetteer: &gazetteer::Gazetteer,
    in_full_names: &FxHashSet<u64>,
) -> Vec<(Range<usize>, Label)> {
    if names.is_empty() {
        return names;
    }
    debug_assert!(names.windows(2).all(|w| w[0].0.start <= w[1].0.start));
    let place = gazetteer::bit("country") | gazetteer::bit("region") | gazetteer::bit("city");
    let word = |i: usize| &text[tokens[i].clone()];
    // Lines as token ranges.
    let mut lines: Vec<Range<usize>> = Vec::new();
    let mut start = 0;
    for i in 1..=tokens.len() {
        if i == tokens.len() || text[tokens[i - 1].end..tokens[i].start].contains('\n') {
            lines.push(start..i);
            start = i;
        }
    }
    // A name line: up to five words, capitalized but for joining words ("Stratford-upon-Avon",
    // "Bury St. Edmunds"). A value line: a number with at most a short unit ("12°C", "1.2 m").
    let capitalized = |w: &str| w.chars().next().is_some_and(char::is_uppercase);
    let joining = |w: &str| {
        matches!(
            w,
            "-" | "." | "'" | "’" | "of" | "on" | "upon" | "de" | "la"
        )
    };
    let name_line = |l: &Range<usize>| {
        l.len() <= 5
            && capitalized(word(l.start))
            && l.clone().all(|i| capitalized(word(i)) || joining(word(i)))
    };
    let value_line = |l: &Range<usize>| {
        l.len() <= 6
            && l.clone()
                .any(|i| word(i).starts_with(|c: char| c.is_ascii_digit()))
            && l.clone()
                .all(|i| word(i).chars().filter(|c| c.is_alphabetic()).count() <= 3)
    };
    let known = |l: &Range<usize>| gazetteer.entry(l.clone().map(word)) & place != 0;
    // The names inside a line: their labels. (Names are sorted by start: a binary search, not a
    // scan of all names per line.)
    let labels_in = |names: &[(Range<usize>, Label)], l: &Range<usize>| -> Vec<Label> {
        let from = names.partition_point(|(r, _)| r.start < l.start);
        names[from..]
            .iter()
            .take_while(|(r, _)| r.start < l.end)
            .filter(|(r, _)| r.end <= l.end)
            .map(|(_, lab)| *lab)
            .collect()
    };
    // Columns: runs of name lines, value lines allowed between them.
    let mut runs: Vec<Vec<Range<usize>>> = Vec::new();
    let mut run: Vec<Range<usize>> = Vec::new();
    for l in &lines {
        if name_line(l) {
            run.push(l.clone());
        } else if !value_line(l) {
            runs.push(std::mem::take(&mut run));
        }
    }
    runs.push(run);
    let mut to_place: Vec<Range<usize>> = Vec::new();
    for run in &runs {
        let labels: Vec<Vec<Label>> = run.iter().map(|l| labels_in(&names, l)).collect();
        let places = run
            .iter()
            .zip(&labels)
            .filter(|(l, labs)| labs.contains(&Label::Loc) || !labs.is_empty() && known(l))
            .count();
        let column = run.len() >= 3 && places >= 2 && places * 2 > run.len();
        for (l, labs) in run.iter().zip(&labels) {
            if !labs.iter().any(|l| matches!(l, Label::Per | Label::Misc)) {
                continue;
            }
            let alone = l.len() == 1 && in_full_names.contains(&hash::word_hash(word(l.start)));
            if column || known(l) && !alone {
                to_place.push(l.clone());
            }
        }
    }
    if to_place.is_empty() {
        return names;
    }
    names.retain(|(r, _)| !to_place.iter().any(|l| r.start < l.end && l.start < r.end));
    names.extend(to_place.into_iter().map(|l| (l, Label::Loc)));
    names.sort_by_key(|(r, _)| r.start);
    names
}

/// News datelines: a line that opens with a place in capitals and ends with a date
/// ("BONN 1996-08-22", "AL-AIN , United Arab Emirates 1996-12-06"), or whose capitals are a
/// known place followed by a dash or a bracket ("KYIV, Ukraine (AP) —"). The opening run is LOC
/// whatever the tagger said: the tagger has seen few datelines.
fn datelines(
    text: &str,
    tokens: &[Range<usize>],
    sents: &[Range<usize>],
    values: &[(Range<usize>, Label)],
    mut names: Vec<(Range<usize>, Label)>,
) -> Vec<(Range<usize>, Label)> {
    let tg = tagger();
    let place = gazetteer::bit("city") | gazetteer::bit("country") | gazetteer::bit("region");
    let caps = |i: usize| {
        let w = &text[tokens[i].clone()];
        w.chars().any(char::is_alphabetic) && !w.chars().any(char::is_lowercase)
    };
    let mut changed = false;
    for sent in sents {
        // Up to three words in capitals, and the hyphens inside one ("PORT-AU-PRINCE").
        let mut end = sent.start;
        let mut words = 0;
        while end < sent.end {
            if caps(end) && words < 3 {
                words += 1;
            } else if !(end > sent.start
                && &text[tokens[end].clone()] == "-"
                && end + 1 < sent.end
                && caps(end + 1))
            {
                break;
            }
            end += 1;
        }
        if end == sent.start || end >= sent.end || !caps(end - 1) {
            continue;
        }
        let run = sent.start..end;
        let ends_with_date = values.iter().any(|(r, l)| {
            *l == Label::Date && r.end == sent.end && r.start >= end && sent.len() <= 10
        });
        let next = &text[tokens[end].clone()];
        let known = text[tokens[run.start].start..tokens[run.end - 1].end]
            .split(|c: char| c == '-' || c.is_whitespace())
            .all(|w| tg.gazetteer.word(hash::word_hash(w)) & place != 0);
        let dash_after = matches!(next, "-" | "—" | "–" | "(" | ",") && known;
        if !(ends_with_date || dash_after) {
            continue;
        }
        names.retain(|(r, _)| r.end <= run.start || r.start >= run.end);
        names.push((run, Label::Loc));
        changed = true;
    }
    if changed {
        names.sort_by_key(|(r, _)| r.start);
    }
    names
}

/// Words of the offices that follow a title and "of" ("Secretary of State", "Minister of
/// Foreign Affairs"): part of the title, not a name.
const OFFICES: &[&str] = &[
    "Affairs",
    "Agriculture",
    "Commerce",
    "Culture",
    "Defence",
    "Defense",
    "Development",
    "Economy",
    "Education",
    "Energy",
    "Environment",
    "Finance",
    "Foreign",
    "Health",
    "Home",
    "Homeland",
    "Housing",
    "Human",
    "Interior",
    "Justice",
    "Labor",
    "Labour",
    "Security",
    "Services",
    "State",
    "Trade",
    "Transport",
    "Transportation",
    "Treasury",
    "Urban",
    "Veterans",
    "War",
    "and",
];

/// Players' roles that start a sentence before a name ("Golfer Tiger Woods", "Striker Alan
/// Shearer"): titles to `strip_lead`, though the gazetteer's title list does not hold them.
const SPORTS_ROLES: &[&str] = &[
    "Batsman",
    "Bowler",
    "Defender",
    "Goalkeeper",
    "Golfer",
    "Midfielder",
    "Pitcher",
    "Quarterback",
    "Skipper",
    "Sprinter",
    "Striker",
    "Winger",
];

/// Drops what CoNLL-style names leave out at their start: an article ("A UN official"), and a
/// person's titles ("Sheikh Ahmed Yassin" → "Ahmed Yassin"), and the end of a title with "of"
/// ("Secretary of State Antony Blinken" → "Antony Blinken"). Titles of works keep theirs
/// ("A Beautiful Lie" is MISC), and so do saints ("St. Michael"). A name that is only the
/// office of a title ("Secretary of State") comes back empty.
fn strip_lead(
    text: &str,
    tokens: &[Range<usize>],
    mut r: Range<usize>,
    label: Label,
    gaz: &gazetteer::Gazetteer,
) -> Range<usize> {
    let title = gazetteer::bit("title");
    let is_title_word = |i: usize| gaz.word(hash::word_hash(&text[tokens[i].clone()])) & title != 0;
    // "the Secretary of State would succeed": an office after a title's "of" is no name at all.
    if r.start >= 2
        && r.len() <= 4
        && &text[tokens[r.start - 1].clone()] == "of"
        && is_title_word(r.start - 2)
        && r.clone()
            .all(|i| OFFICES.contains(&&text[tokens[i].clone()]))
    {
        return r.start..r.start;
    }
    // "Secretary of State Antony Blinken": the word after a title's "of" is the title's.
    if label == Label::Per
        && r.len() >= 3
        && r.start >= 2
        && &text[tokens[r.start - 1].clone()] == "of"
        && is_title_word(r.start - 2)
    {
        r.start += 1;
    }
    while r.len() >= 2 {
        let w = &text[tokens[r.start].clone()];
        let article = label != Label::Misc && matches!(w, "A" | "An");
        let is_title = label == Label::Per
            && !matches!(w, "St." | "St" | "Saint" | "Ste." | "San" | "Santa")
            && (is_title_word(r.start) || SPORTS_ROLES.contains(&w));
        if !(article || is_title) {
            break;
        }
        r.start += 1;
    }
    r
}

/// Drops punctuation and possessive endings from the edges of a name span.
fn trim(text: &str, tokens: &[Range<usize>], mut r: Range<usize>) -> Option<Range<usize>> {
    let word = |i: usize| text[tokens[i].clone()].chars().any(char::is_alphanumeric);
    let clitic = |i: usize| {
        let t = &text[tokens[i].clone()];
        t.len() <= 4 && t.starts_with(['\'', '’']) && t.len() > 1
    };
    // A time is no part of a name ("Williams 1:28:20.727" in a race's results).
    let clock = |i: usize| {
        let t = &text[tokens[i].clone()];
        t.contains(':')
            && t.bytes()
                .all(|b| b.is_ascii_digit() || b == b':' || b == b'.')
    };
    // Nor is a score ("NAC Breda 3-1").
    let score = |i: usize| {
        let t = text[tokens[i].clone()].as_bytes();
        let digits = |d: &[u8]| (1..=2).contains(&d.len()) && d.iter().all(u8::is_ascii_digit);
        t.iter()
            .position(|&b| b == b'-')
            .is_some_and(|h| digits(&t[..h]) && digits(&t[h + 1..]))
    };
    while r.start < r.end && !word(r.start) {
        r.start += 1;
    }
    // The "s" of a possessive split as "'" + "s" ("Putin's").
    let possessive_s = |i: usize| {
        i > r.start
            && matches!(&text[tokens[i].clone()], "s" | "S")
            && tokens[i - 1].end == tokens[i].start
            && text[tokens[i - 1].clone()].starts_with(['\'', '’', '‘', 'ʼ', '`'])
    };
    while r.start < r.end
        && (!word(r.end - 1)
            || clitic(r.end - 1)
            || clock(r.end - 1)
            || score(r.end - 1)
            || possessive_s(r.end - 1))
    {
        r.end -= 1;
    }
    (r.start < r.end).then_some(r)
}

/// Merges name and value spans (token ranges): a name wins over a value it overlaps, unless the
/// value contains it whole and is longer.
fn resolve(
    names: Vec<(Range<usize>, Label)>,
    values: Vec<(Range<usize>, Label)>,
) -> Vec<(Range<usize>, Label)> {
    let overlaps = |a: &Range<usize>, b: &Range<usize>| a.start < b.end && b.start < a.end;
    let mut kept: Vec<(Range<usize>, Label)> = Vec::with_capacity(names.len() + values.len());
    let swallowed = |n: &Range<usize>| {
        values.iter().any(|(v, l)| {
            *l != Label::Number && v.start <= n.start && n.end <= v.end && v.len() > n.len()
        })
    };
    kept.extend(names.into_iter().filter(|(n, _)| !swallowed(n)));
    let names_end = kept.len();
    for v in values {
        if !kept[..names_end].iter().any(|(n, _)| overlaps(n, &v.0)) {
            kept.push(v);
        }
    }
    kept.sort_by_key(|(r, _)| r.start);
    kept
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn packed_mentions_come_back_and_bad_numbers_are_refused() {
        let text = "Olaf Scholz met Emmanuel Macron in Paris on Monday, 3 May.";
        let found = recognize(text);
        assert!(found.len() >= 3, "{found:?}");
        let packed = pack(&found);
        assert_eq!(unpack(&packed, text), Some(found));
        assert_eq!(unpack(&[0, 4, 0, 1], text), None, "not a multiple of three");
        assert_eq!(unpack(&[0, 400, 0], text), None, "past the end");
        assert_eq!(unpack(&[3, 3, 0], text), None, "empty");
        assert_eq!(unpack(&[0, 4, 9], text), None, "no such label");
        assert_eq!(unpack(&[1, 2, 0], "é"), None, "inside a character");
        assert_eq!(unpack(&[], text), Some(Vec::new()));
    }

    fn mentions(text: &str) -> Vec<(&str, Label)> {
        recognize(text)
            .into_iter()
            .map(|m| (&text[m.range], m.label))
            .collect()
    }

    /// `surface` is found in `text` as one mention with `label`.
    #[track_caller]
    fn assert_entity(text: &str, surface: &str, label: Label) {
        let got = mentions(text);
        assert!(
            got.contains(&(surface, label)),
            "{surface:?} as {label:?} in {text:?}; got {got:?}"
        );
    }

    /// No mention covers `surface` in `text`.
    #[track_caller]
    fn assert_no_entity(text: &str, surface: &str) {
        let start = text.find(surface).expect("surface in text");
        let end = start + surface.len();
        let got = recognize(text);
        assert!(
            !got.iter()
                .any(|m| m.range.start < end && start < m.range.end),
            "{surface:?} should not be a mention in {text:?}; got {:?}",
            mentions(text)
        );
    }

    /// A well-known organization stays one where the context says "place".
    #[test]
    fn offices_titles_and_publications() {
        let text = "According to the constitution, the Secretary of State would normally succeed \
                    the governor, said the Puerto Rico Center for Investigative Journalism.";
        assert_no_entity(text, "State");
        assert_entity(
            text,
            "Puerto Rico Center for Investigative Journalism",
            Label::Org,
        );
        let text = "On Wednesday, Time magazine announced its choice. Time credits an individual.";
        assert_eq!(
            mentions(text)
                .iter()
                .filter(|m| **m == ("Time", Label::Org))
                .count(),
            2
        );
        assert_entity(
            "Erbakan met Gaddafi in Tripoli , the Anatolian news agency said .",
            "Anatolian",
            Label::Org,
        );
        // A place before "newspaper" stays a place.
        assert_entity(
            "He told a Moscow newspaper on Monday.",
            "Moscow",
            Label::Loc,
        );
    }

    #[test]
    fn known_organizations_keep_their_type() {
        assert_entity(
            "Alejandra González Anaya explained to CNN why Mexico have decided now.",
            "CNN",
            Label::Org,
        );
        // Only the whole name: "Nikola Tesla" is a person.
        assert_entity(
            "The engineer Nikola Tesla was born in Smiljan.",
            "Nikola Tesla",
            Label::Per,
        );
    }

    /// A known place that the tagger calls an organization, by its context, is a place.
    #[test]
    fn places_stay_places_in_political_contexts() {
        let text = "Putin said he wants a solution to the issue of Kyiv's relationship with NATO.";
        assert_entity(text, "Kyiv", Label::Loc);
        assert_entity(text, "NATO", Label::Org);
    }

    /// Temperatures are numbers with their unit; the unit's letter is no name.
    #[test]
    fn temperatures_are_numbers_and_their_unit_no_name() {
        for (text, number) in [
            ("Temperatures rose to 12°C in Oslo on Tuesday.", "12°C"),
            ("Boston saw 54 °F on Monday, the forecasters said.", "54 °F"),
            ("Oslo 12°C\nBergen 9°C\nTromsø 4 ° C\n", "9°C"),
            ("The river reached 21℃ at noon.", "21℃"),
            ("Oslo stayed near 2 °C.", "2 °C"),
            ("Oslo stayed near 2°C.", "2°C"),
        ] {
            assert_entity(text, number, Label::Number);
        }
        for text in ["Station\nBergen 9°C\n", "It was 5 ° F and windy in Bergen."] {
            let names: Vec<_> = mentions(text)
                .into_iter()
                .filter(|(_, l)| l.is_name())
                .collect();
            assert_eq!(names, [("Bergen", Label::Loc)], "{text:?}");
        }
        // A capital after anything else is still read by the tagger.
        assert_entity("Vitamin C was sold out in Bergen.", "Bergen", Label::Loc);
    }

    /// A line holding only a known place is the place, in a table pasted from a page or alone.
    #[test]
    fn lone_place_lines_are_places() {
        assert_entity("Paris", "Paris", Label::Loc);
        let weather = "Weather today\nBury St Edmunds\n12°C\nCambridge\n13°C\nIpswich\n11°C\n\
                       Norwich\n10°C\nBrighton\n14°C\n";
        assert_entity(weather, "Bury St Edmunds", Label::Loc);
        // Unknown towns in a column of known ones.
        let rivers = "River levels\nStation\nLevel (m)\nKristiansand\n1.2\nTromsø\n0.8\n\
                      Lillesand\n2.1\nBergen\n1.5\nOslo\n0.4\n";
        assert_entity(rivers, "Tromsø", Label::Loc);
        assert_entity(rivers, "Kristiansand", Label::Loc);
    }

    #[test]
    fn cities_that_are_no_names_stay_places() {
        assert_entity(
            "Shanghai was quiet on Monday as officials met.",
            "Shanghai",
            Label::Loc,
        );
        // A city that is also a surname stays the person the tagger saw.
        assert_entity("Chelsea said the talks would go on.", "Chelsea", Label::Per);
    }

    #[test]
    fn hyphenated_given_names_stay_whole() {
        let text = "South Korean Foreign Minister Kim Min-seok met reporters in Seoul.";
        assert_entity(text, "Kim Min-seok", Label::Per);
        assert_entity("Lee Jae-myung said so.", "Lee Jae-myung", Label::Per);
        // Tagged a place, without the syllable; the surname is the first word.
        let text = "Hong Kong 's Tung meets Chinese leaders .\n\nBEIJING 1996-12-12\n\n\
                    Tung Chee-hwa , chosen to run Hong Kong after the British colony returns to \
                    China next year , met President Jiang Zemin .";
        assert_entity(text, "Tung Chee-hwa", Label::Per);
        assert_entity(text, "Tung", Label::Per);
        assert_entity(
            "President Moon Jae-in met Kim Jong Un.",
            "Moon Jae-in",
            Label::Per,
        );
        // "-backed" is a common word: the name ends before it.
        let backed = "The Putin-backed plan failed.";
        assert!(
            mentions(backed).iter().all(|(m, _)| !m.contains("backed")),
            "{:?}",
            mentions(backed)
        );
    }

    #[test]
    fn players_roles_are_no_part_of_their_names() {
        let text = "Striker Alan Shearer scored twice . Golfer Tiger Woods said he was tired .";
        assert_entity(text, "Alan Shearer", Label::Per);
        assert_entity(text, "Tiger Woods", Label::Per);
    }

    #[test]
    fn clubs_of_the_results_stay_clubs() {
        let text = "Newcastle stayed top after a draw , and Shearer scored again .\n\
                    Standings :\nNewcastle 4 3 1 0 8 3 10\nArsenal 4 2 2 0 9 4 8\n";
        let got = mentions(text);
        assert!(
            got.iter().filter(|(m, _)| *m == "Newcastle").count() == 2
                && got
                    .iter()
                    .all(|(m, l)| *m != "Newcastle" || *l == Label::Org),
            "{got:?}"
        );
    }

    #[test]
    fn clubs_of_match_reports_are_organizations() {
        let text = "Barcelona beat Real Madrid 2-1 on Sunday .\n\
                    PSV Eindhoven lost 2-0 at Vitesse Arnhem , and Juventus beat Parma 3-1 .\n\
                    Sri Lanka beat Australia by 22 runs in the final in Colombo .\n\
                    Barcelona is a city of 1.6 million people .";
        for club in ["Barcelona", "PSV Eindhoven", "Vitesse Arnhem", "Parma"] {
            assert_entity(text, club, Label::Org);
        }
        for place in ["Sri Lanka", "Australia", "Colombo"] {
            assert_entity(text, place, Label::Loc);
        }
        // A city after "In" at a sentence's start is a place too.
        let text = "In Chicago , Frank Thomas drove in four runs as the White Sox routed the \
                    Detroit Tigers 11-2 .";
        assert_entity(text, "Chicago", Label::Loc);
        // A player beaten in a tennis report is no club; a club named like a person still is.
        let text = "Monica Seles beat Martina Hingis 6-2 6-4 on Saturday to reach the final .";
        assert_entity(text, "Martina Hingis", Label::Per);
        let text = "Crystal Palace beat Leeds 2-1 on Saturday .";
        assert_entity(text, "Crystal Palace", Label::Org);
    }

    /// Text as people write it, with "'s" glued to the name, reads as tokenized text does.
    #[test]
    fn glued_possessives_end_names() {
        let text = "Erbakan's Islamist Welfare Party leads a coalition with Tansu Ciller's True \
                    Path Party. Putin's United Russia party won.";
        for (name, label) in [
            ("Erbakan", Label::Per),
            ("Islamist Welfare Party", Label::Org),
            ("Tansu Ciller", Label::Per),
            ("True Path Party", Label::Org),
            ("Putin", Label::Per),
            ("United Russia", Label::Org),
        ] {
            assert_entity(text, name, label);
        }
    }

    #[test]
    fn contests_are_events() {
        let text = "England beat Pakistan by 107 runs at Trent Bridge on Monday to win the \
                    Texaco Trophy series 2-1 .\n\
                    The Commonwealth Games open in Manchester .\n\
                    Erik Zabel won the sixth stage of the Tour de France on Friday .";
        assert_entity(text, "Texaco Trophy", Label::Misc);
        assert_entity(text, "Commonwealth Games", Label::Misc);
        assert_entity(text, "Tour de France", Label::Misc);
        // A company named "... Games" after no place stays one.
        assert_entity("He joined Riot Games in 2019 .", "Riot Games", Label::Org);
        let text = "Franco Baresi returned from injury as AC Milan were held to a 1-1 draw by \
                    Piacenza in Serie A on Sunday .";
        assert_entity(text, "Serie A", Label::Misc);
    }

    #[test]
    fn race_results_name_drivers_and_teams() {
        let text = "Results of the Belgian Grand Prix on Sunday :\n\
                    1. Michael Schumacher ( Germany ) Ferrari 1:28:15.125\n\
                    2. Jacques Villeneuve ( Canada ) Williams 1:28:20.727\n";
        assert_entity(text, "Jacques Villeneuve", Label::Per);
        assert_entity(text, "Williams", Label::Org);
        assert_entity(text, "Ferrari", Label::Org);
        assert!(
            mentions(text).iter().all(|(m, _)| !m.contains(':')),
            "{:?}",
            mentions(text)
        );
    }

    #[test]
    fn scores_end_names() {
        let text = "PSV Eindhoven stayed top after beating NAC Breda 3-1 , with Brazilian \
                    Ronaldo scoring twice .";
        assert_entity(text, "NAC Breda", Label::Org);
        assert_no_entity(text, "3-1");
    }

    #[test]
    fn a_datelines_place_votes_as_a_place() {
        // The tagger reads the shouted "PARIS" before a date as a person; the dateline makes it
        // a place before the document vote, so the story's "Paris" stays one.
        let text = "PARIS 1996-08-28\n\
                    Africans seeking to renew their permits occupy a church in Paris .";
        assert_entity(text, "PARIS", Label::Loc);
        assert_entity(text, "Paris", Label::Loc);
        // A dateline stays the city on a page whose results name the city's club.
        let text = "MILAN 1996-09-15\n\
                    Results of Italian first division matches on Sunday :\n\
                    Milan 1 Piacenza 1\n\
                    Lazio 2 Roma 0\n";
        assert_entity(text, "MILAN", Label::Loc);
        assert_entity(text, "Milan", Label::Org);
    }

    #[test]
    fn companies_in_market_reports() {
        let text = "Shares in Daimler-Benz rose 1.2 percent , while Siemens fell 0.8 percent . \
                    Analysts said Philips shares were undervalued .";
        for company in ["Daimler-Benz", "Siemens", "Philips"] {
            assert_entity(text, company, Label::Org);
        }
        // A company's noun names it, and the name stays a company in the whole document,
        // against three mentions the tagger took for a person's.
        let text = "Olivetti cuts 3,000 jobs .\n\
                    Italian computer maker Olivetti said on Tuesday it would cut 3,000 jobs .\n\
                    Olivetti shares fell 4.5 percent to 498 lire on the Milan bourse .";
        let got = mentions(text);
        let olivetti: Vec<_> = got.iter().filter(|(m, _)| *m == "Olivetti").collect();
        assert_eq!(olivetti.len(), 3, "{got:?}");
        assert!(olivetti.iter().all(|(_, l)| *l == Label::Org), "{got:?}");
        // A legal form names a company the tagger left out, and its name without the form.
        let text = "Boeing to buy McDonnell Douglas .\n\
                    Boeing Co said on Sunday it would buy McDonnell Douglas Corp .\n\
                    Boeing chairman Phil Condit said the deal would be completed next year .";
        let got = mentions(text);
        let boeing: Vec<_> = got
            .iter()
            .filter(|(m, _)| m.starts_with("Boeing"))
            .collect();
        assert_eq!(boeing.len(), 3, "{got:?}");
        assert!(boeing.iter().all(|(_, l)| *l == Label::Org), "{got:?}");
        // Other organizations by their noun.
        let text = "Serbia 's opposition coalition Zajedno vowed to keep up the protests .";
        assert_entity(text, "Zajedno", Label::Org);
        // The employers of analysts and dealers.
        let text = "Analysts at Merrill Lynch and Smith Barney said the price was fair .";
        assert_entity(text, "Merrill Lynch", Label::Org);
        assert_entity(text, "Smith Barney", Label::Org);
        let person = "The cloister was sold to the manufacturer Georg Reichenbach .";
        assert!(
            !mentions(person).contains(&("Georg Reichenbach", Label::Org)),
            "{:?}",
            mentions(person)
        );
        // A surname that is also a company stays the person the document names.
        let person = "Hanna Siemens , a nurse , said Siemens was her idol .";
        assert!(
            !mentions(person).contains(&("Siemens", Label::Org)),
            "{:?}",
            mentions(person)
        );
    }

    /// ... but a first name alone stays a person, and so does a place that a full name in the
    /// document starts or ends with; a list of people is not a column of places.
    #[test]
    fn lone_names_that_are_not_places_stay_people() {
        assert_entity("Chelsea", "Chelsea", Label::Per);
        let squad = "Players\nJordan Henderson\nHarry Kane\nKane\nParis Smith\nParis\n";
        assert_entity(squad, "Harry Kane", Label::Per);
        assert_entity(squad, "Kane", Label::Per);
        assert_entity(squad, "Jordan Henderson", Label::Per);
        assert!(
            !mentions(squad).contains(&("Paris", Label::Loc)),
            "{:?}",
            mentions(squad)
        );
    }

    #[test]
    fn people() {
        let t = "Russian President Vladimir Putin met Olaf Scholz in Moscow on Tuesday.";
        assert_entity(t, "Vladimir Putin", Label::Per);
        assert_entity(t, "Olaf Scholz", Label::Per);
        assert_entity(
            "US Secretary of State Antony Blinken warned Russia.",
            "Antony Blinken",
            Label::Per,
        );
        assert_entity(
            "President Joe Biden spoke on Thursday.",
            "Joe Biden",
            Label::Per,
        );
    }

    #[test]
    fn places_organizations_and_misc() {
        let t = "Russia has opposed the admission of Ukraine into NATO, the Kremlin said in Kyiv.";
        assert_entity(t, "Russia", Label::Loc);
        assert_entity(t, "Ukraine", Label::Loc);
        assert_entity(t, "NATO", Label::Org);
        assert_entity(t, "Kremlin", Label::Org);
        assert_entity(t, "Kyiv", Label::Loc);
        assert_entity(
            "Talks will take place next year in Geneva.",
            "Geneva",
            Label::Loc,
        );
        assert_entity("He does not want a war with Europe.", "Europe", Label::Loc);
        assert_entity("The Russian leader spoke.", "Russian", Label::Misc);
    }

    #[test]
    fn possessives_and_scraped_text() {
        let article =
            "Vladimir Putin spoke on Monday. Prior to Putin’s comments, Russia’s ministry spoke.";
        assert_entity(article, "Putin", Label::Per);
        assert_entity(
            "Prior to Putin's comments, Russia's ministry spoke.",
            "Russia",
            Label::Loc,
        );
        assert_entity(
            "The issue of the Kyiv-NATO relationship.",
            "Kyiv",
            Label::Loc,
        );
        assert_entity(
            "The issue of the Kyiv-NATO relationship.",
            "NATO",
            Label::Org,
        );
        assert_entity(
            "Vladimir Putin said so. Prior to Putins comments, nothing.",
            "Putins",
            Label::Per,
        );
    }

    #[test]
    fn headlines() {
        assert_entity(
            "Putin Prepares to Talk to US Amid Desire to Stop NATO Expansion in Europe",
            "NATO",
            Label::Org,
        );
        assert_entity("PUTIN WARNS NATO OVER UKRAINE", "UKRAINE", Label::Loc);
        // Title Case: verbs and plain nouns are not names, nor parts of one.
        let line = "Ukraine-Russia Peace Talks in Abu Dhabi Stall as Energy Crisis Deepens";
        assert_no_entity(line, "Talks");
        assert_no_entity(line, "Deepens");
        assert_entity(line, "Abu Dhabi", Label::Loc);
        assert_entity(
            "U.N. Human Rights Council Condemns Iran Over Deadly Crackdown on Protests",
            "U.N. Human Rights Council",
            Label::Org,
        );
        assert_entity(
            "United States Officially Exits World Health Organization, Raising Concerns",
            "World Health Organization",
            Label::Org,
        );
        assert_entity(
            "Keir Starmer Condemns Trump’s Afghanistan Remarks as European Allies Push Back",
            "Keir Starmer",
            Label::Per,
        );
        let line = "Trump Launches U.S.-Led Board of Peace to Oversee Gaza Ceasefire and Expand \
                    Global Role";
        assert_no_entity(line, "Global");
        assert_entity(line, "Trump", Label::Per);
        // Datelines.
        assert_entity(
            "BONN 1996-08-22\nThe Bundesbank kept rates.",
            "BONN",
            Label::Loc,
        );
        assert_entity(
            "KYIV, Ukraine (AP) — Russia fired missiles.",
            "KYIV",
            Label::Loc,
        );
        assert_entity(
            "PORT-AU-PRINCE , Haiti 1996-12-03\nPolice arrested 10 people .",
            "PORT-AU-PRINCE",
            Label::Loc,
        );
    }

    #[test]
    fn no_names_in_plain_lowercase_prose() {
        assert!(mentions("the cat sat on the mat and looked out of the window.").is_empty());
        assert_no_entity(
            "Visit http://www.example.com/Vladimir-Putin-Moscow now.",
            "Vladimir",
        );
    }

    /// (text, expected mention, label) rows for the rules.
    const VALUES: &[(&str, &str, Label)] = &[
        ("He spoke on Thursday.", "Thursday", Label::Date),
        ("Troops left last week.", "last week", Label::Date),
        ("20220217", "20220217", Label::Date),
        (
            "It opened Tuesday, October 3, 2023, at noon.",
            "Tuesday, October 3, 2023",
            Label::Date,
        ),
        ("Talks resume in mid-November.", "mid-November", Label::Date),
        ("Russia annexed Crimea in 2014.", "2014", Label::Date),
        ("Talks will be held next year.", "next year", Label::Date),
        ("Prices rose this month.", "this month", Label::Date),
        (
            "It was signed on 17 February 2022.",
            "17 February 2022",
            Label::Date,
        ),
        ("It was signed on 2022-02-17.", "2022-02-17", Label::Date),
        (
            "The call began at 3 p.m. local time.",
            "3 p.m.",
            Label::Time,
        ),
        (
            "The call began at 10:30 and ended late.",
            "10:30",
            Label::Time,
        ),
        ("The deal is worth $4.5bn overall.", "$4.5bn", Label::Money),
        ("It costs €20 million a year.", "€20 million", Label::Money),
        ("He paid 500 dollars for it.", "500 dollars", Label::Money),
        ("Inflation hit 5% in May.", "5%", Label::Percent),
        (
            "Inflation hit 5 percent in May.",
            "5 percent",
            Label::Percent,
        ),
        ("Some 100,000 troops are massed.", "100,000", Label::Number),
        ("It came in five waves.", "five", Label::Number),
        ("It hit over 500 homes.", "over 500", Label::Number),
        (
            "More than 14,000 people have died.",
            "14,000",
            Label::Number,
        ),
        ("Around 13,000 fled.", "13,000", Label::Number),
        (
            "Tens of thousands of troops.",
            "Tens of thousands",
            Label::Number,
        ),
    ];

    #[test]
    fn values_by_rule() {
        for &(text, surface, label) in VALUES {
            let got = mentions(text);
            assert!(
                got.iter().any(|&(s, l)| l == label && s.contains(surface)),
                "{surface:?} as {label:?} in {text:?}; got {got:?}"
            );
        }
    }

    #[test]
    fn not_values() {
        assert_no_entity("One of them may come.", "may");
        assert_no_entity("They march on.", "march");
        assert_no_entity("He said one thing.", "one");
    }

    /// Random mixes of the tricky pieces: never a panic, spans always valid.
    #[test]
    fn random_texts_never_panic() {
        let pieces = [
            "Putin",
            "NATO",
            "U.S.",
            "$4.5bn",
            "100,000",
            "mid-November",
            "Tuesday,",
            "10:30",
            "p.m.",
            "'s",
            "’",
            "over",
            "tens of thousands",
            "five",
            "last week",
            "http://x.com/A-B",
            "a@b.com",
            "20220217",
            "2014-2016",
            "1990s",
            "—",
            "\n",
            "\r\n",
            "😀",
            "e\u{301}",
            "KYIV",
            "Kyiv-NATO",
            "don't",
            "O'Brien",
            "US$",
            "5%",
            "Mr.",
            "...",
            "'",
            "-",
            "&",
            "AT&T",
            " ",
            "€",
            "«",
            "“",
            ".",
            ",",
            "(",
            "\u{0}",
            "\u{feff}",
        ];
        let mut x: u64 = 0x1234_5678;
        let mut next = move || {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x as usize
        };
        for _ in 0..300 {
            let text: String = (0..next() % 40)
                .map(|_| pieces[next() % pieces.len()])
                .collect();
            let mut last = 0;
            for m in recognize(&text) {
                assert!(
                    m.range.start >= last && text.get(m.range.clone()).is_some(),
                    "{text:?}"
                );
                last = m.range.end;
            }
        }
    }

    #[test]
    fn long_texts_are_tagged_in_pieces() {
        let para = "Russian President Vladimir Putin met Olaf Scholz in Moscow on Tuesday.\n";
        let text = para.repeat(PIECE_BYTES / para.len() * 2 + 7);
        let ms = recognize(&text);
        let per_para = recognize(para).len();
        assert_eq!(ms.len(), per_para * (PIECE_BYTES / para.len() * 2 + 7));
        assert!(ms.windows(2).all(|w| w[0].range.end <= w[1].range.start));
        assert!(ms.iter().all(|m| text.get(m.range.clone()).is_some()));
    }

    #[test]
    fn spans_are_sorted_disjoint_and_on_char_boundaries() {
        let long_line = "Putin 😀 Kyiv€ ".repeat(800);
        let inputs = [
            "",
            " ",
            "\r\n\r\n",
            "😀😀😀",
            "€5 ‘Putin’s’ «Kyiv» — Moscow\r\nGeneva\u{0}NATO\u{200b}EU",
            "ÉMILE ZOLA À PARIS. e\u{301}cole",
            "'s 's ' ’ n't -- ... $ % , .",
            "$ € 5% 10:30 2014-2016 20220230 99/99/9999 1,2,3 U.S. Mr.",
            long_line.as_str(),
        ];
        for text in inputs {
            let ms = recognize(text);
            let mut last = 0;
            for m in &ms {
                assert!(
                    m.range.start >= last && m.range.start < m.range.end,
                    "{text:?}: {ms:?}"
                );
                assert!(
                    text.get(m.range.clone()).is_some(),
                    "{text:?}: {m:?} not on char boundaries"
                );
                last = m.range.end;
            }
        }
    }
}
