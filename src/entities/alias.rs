//! Alias merging: mentions of one entity become one entry named by its longest form.
//!
//! Within a document, a person mentioned by a part of a longer name ("Putin" after "Vladimir
//! Putin"), with a possessive ("Putin's", or "Putins" once the apostrophe was stripped) or with
//! a title ("Russian President Vladimir Putin") is the same person; an acronym made of a name's
//! initials ("NATO" / "North Atlantic Treaty Organization") or a listed variant ("US" / "United
//! States") is the same organization or place. Across documents, entities with the same type and
//! canonical name are merged, and a bare surname joins the one full name it can belong to.
//!
//! Limits: two people sharing a surname in one article are merged when only the surname is used;
//! "Washington" the city and "Washington" the government are not told apart.

use super::{Label, Mention};
use crate::fxhash::{FxHashMap, FxHashSet};
use crate::report::{CollectionEntity, DocumentReport, EntityReport, MentionReport};
use crate::span::CharIndex;
use std::ops::Range;

/// Variants of one name that initials and word overlap cannot find, lower case, canonical first.
const VARIANTS: &[&[&str]] = &[
    &[
        "united states",
        "us",
        "u.s.",
        "usa",
        "u.s.a.",
        "america",
        "united states of america",
    ],
    &["united kingdom", "uk", "u.k.", "britain", "great britain"],
    &["european union", "eu", "e.u."],
    &["united nations", "un", "u.n."],
    &["north atlantic treaty organization", "nato"],
    &["soviet union", "ussr", "u.s.s.r."],
    &["russia", "russian federation"],
];

/// Capitals that stand for their country's government in news ("Washington said it was ready"):
/// a place named alone like this joins the country when the same article names the country
/// (`VARIANTS` index). Only in that article: the city keeps its own entity elsewhere.
const METONYMS: &[(&str, usize)] = &[("washington", 0)];

/// Words that, right before a name, are a title or role rather than part of it.
const TITLE_WORDS: &[&str] = &[
    "president",
    "chancellor",
    "minister",
    "secretary",
    "senator",
    "governor",
    "mayor",
    "king",
    "queen",
    "prince",
    "princess",
    "pope",
    "general",
    "gen.",
    "colonel",
    "col.",
    "captain",
    "capt.",
    "sergeant",
    "officer",
    "judge",
    "justice",
    "dr.",
    "dr",
    "mr.",
    "mr",
    "mrs.",
    "mrs",
    "ms.",
    "ms",
    "prof.",
    "professor",
    "sir",
    "dame",
    "lord",
    "ambassador",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "chief",
    "leader",
    "ceo",
    "chairman",
    "chairwoman",
    "director",
    "premier",
    "vice",
    "deputy",
    "foreign",
    "defense",
    "defence",
    "prime",
    "state",
    "of",
    "representative",
    "rep.",
    "sen.",
    "gov.",
    "speaker",
    "commander",
    "coach",
    "head",
];

/// Strips a possessive ending and outer punctuation: "Putin’s" → "Putin".
fn base_form(surface: &str) -> &str {
    let s = surface.trim_matches(|c: char| !c.is_alphanumeric() && c != '.');
    for suffix in ["'s", "’s", "'", "’"] {
        if let Some(stem) = s.strip_suffix(suffix) {
            return stem;
        }
    }
    s
}

/// `tokens(s).len()`, without building them.
fn token_count(s: &str) -> usize {
    s.split_whitespace()
        .filter(|t| t.contains(char::is_alphanumeric))
        .count()
}

fn tokens(s: &str) -> Vec<String> {
    s.split_whitespace()
        .map(|t| {
            t.trim_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase()
        })
        .filter(|t| !t.is_empty())
        .collect()
}

fn variant_group(lower: &str) -> Option<usize> {
    VARIANTS.iter().position(|g| g.contains(&lower))
}

fn metonym_of(lower: &str) -> Option<usize> {
    METONYMS.iter().find(|(m, _)| *m == lower).map(|&(_, v)| v)
}

/// Initials of the capitalized words: "North Atlantic Treaty Organization" → "nato".
fn initials(name: &str) -> String {
    name.split_whitespace()
        .filter(|w| w.chars().next().is_some_and(char::is_uppercase))
        .filter_map(|w| w.chars().next())
        .flat_map(char::to_lowercase)
        .collect()
}

/// A surface form, prepared once for the comparisons below.
struct Form {
    text: String,
    lower: String,
    tokens: Vec<String>,
    initials: String,
    variant: Option<usize>,
}

impl Form {
    fn new(text: &str) -> Form {
        let lower = text.to_lowercase();
        Form {
            tokens: tokens(text),
            initials: initials(text),
            variant: variant_group(&lower),
            lower,
            text: text.to_owned(),
        }
    }
}

/// Whether `short` names the same entity as `long` (same label, `long` has at least as many words).
fn same_entity(label: Label, long: &Form, short: &Form) -> bool {
    if long.lower == short.lower {
        return true;
    }
    if !label.is_name() {
        return false;
    }
    if let (Some(a), Some(b)) = (long.variant, short.variant) {
        return a == b;
    }
    if label == Label::Loc && long.variant.is_some() && metonym_of(&short.lower) == long.variant {
        return true;
    }
    let (lt, st) = (&long.tokens, &short.tokens);
    if lt.is_empty() || st.is_empty() {
        return false;
    }
    match label {
        Label::Per => {
            // "Putin" ⊂ "Vladimir Putin"; "Putins" is "Putin" with the apostrophe lost.
            st.iter().all(|t| {
                lt.contains(t)
                    || t.strip_suffix('s')
                        .is_some_and(|b| lt.last().is_some_and(|l| l == b))
            })
        }
        _ => {
            let acronym = short.lower.replace('.', "");
            (st.len() == 1 && acronym.len() >= 2 && acronym == long.initials)
                || (st.len() > 1 && lt.ends_with(st) && lt.len() <= st.len() + 1)
        }
    }
}

/// A title or role written right before a mention ("Russian President", "Secretary of State").
fn title_before(text: &str, start: usize) -> Option<String> {
    let before = &text[..start];
    let words: Vec<&str> = before.split_whitespace().rev().take(4).collect();
    let mut taken = 0;
    for w in &words {
        let lw = w.to_lowercase();
        let capital = w.chars().next().is_some_and(char::is_uppercase);
        if TITLE_WORDS.contains(&lw.as_str())
            || (capital && taken > 0 && !w.ends_with(['.', ',', ':', ';']))
        {
            taken += 1;
        } else {
            break;
        }
    }
    // Keep the title only if it has a real title word, not just a capitalized word.
    let title: Vec<&str> = words[..taken].iter().rev().copied().collect();
    let has_title_word = title.iter().any(|w| {
        TITLE_WORDS.contains(&w.to_lowercase().as_str())
            && !matches!(w.to_lowercase().as_str(), "of" | "state")
    });
    (has_title_word && !title.is_empty()).then(|| title.join(" "))
}

/// Whether `range` lies inside one of `ranges` (sorted, non-overlapping).
fn inside_any(ranges: &[Range<usize>], range: &Range<usize>) -> bool {
    let i = ranges.partition_point(|r| r.end < range.end);
    ranges
        .get(i)
        .is_some_and(|r| r.start <= range.start && range.end <= r.end)
}

/// Groups indexed by every key under which `same_entity` can match one of their forms: the
/// lower-case form, its words, its initials and its variant group.
#[derive(Default)]
struct CandidateIndex {
    by_key: std::collections::HashMap<String, Vec<usize>>,
}

impl CandidateIndex {
    fn insert(&mut self, form: &Form, group: usize) {
        let variant = form.variant.map(|v| format!("\u{1}{v}"));
        let initials = (!form.initials.is_empty()).then(|| format!("\u{2}{}", form.initials));
        let keys = std::iter::once(form.lower.clone())
            .chain(form.tokens.iter().cloned())
            .chain(variant)
            .chain(initials);
        for key in keys {
            // Repeats are dropped when read: a contains() here would be quadratic for words
            // like "of" that many names share.
            let groups = self.by_key.entry(key).or_default();
            if groups.last() != Some(&group) {
                groups.push(group);
            }
        }
    }

    /// The groups `form` may belong to, in creation order (a superset of the matches).
    fn groups_for(&self, form: &Form) -> Vec<usize> {
        let mut keys = vec![form.lower.clone()];
        if let Some(v) = form.variant.or_else(|| metonym_of(&form.lower)) {
            keys.push(format!("\u{1}{v}"));
        }
        // Every word of a shorter name must be in the longer one, so its first and last words
        // suffice; "Putins" may be "Putin" with the apostrophe lost.
        for t in form.tokens.first().into_iter().chain(form.tokens.last()) {
            keys.push(t.clone());
            if let Some(stem) = t.strip_suffix('s') {
                keys.push(stem.to_owned());
            }
        }
        // An acronym matches the initials of the long form.
        keys.push(format!("\u{2}{}", form.lower.replace('.', "")));
        let mut found: Vec<usize> = keys
            .iter()
            .filter_map(|k| self.by_key.get(k))
            .flatten()
            .copied()
            .collect();
        found.sort_unstable();
        found.dedup();
        found
    }
}

struct Group {
    label: Label,
    name: String,
    title: Option<String>,
    /// Distinct forms and how often each was seen.
    forms: Vec<(Form, usize)>,
    count: usize,
}

/// Turns one document's mentions into report mentions and merged entities, counting only the
/// mentions inside `kept` byte ranges.
pub fn summarize(
    text: &str,
    mentions: &[Mention],
    kept: &[Range<usize>],
    chars: &CharIndex,
) -> (Vec<MentionReport>, Vec<EntityReport>) {
    let forms: Vec<&str> = mentions
        .iter()
        .map(|m| base_form(&text[m.range.clone()]))
        .collect();
    let in_kept: Vec<bool> = mentions
        .iter()
        .map(|m| inside_any(kept, &m.range))
        .collect();
    // Longest forms first, so that short forms find the full name they belong to.
    let mut order: Vec<usize> = (0..mentions.len()).collect();
    order.sort_by_cached_key(|&i| {
        (
            std::cmp::Reverse(forms[i].split_whitespace().count()),
            mentions[i].range.start,
        )
    });
    let mut groups: Vec<Group> = Vec::new();
    // (label, lower-case form) → group, so repeated forms skip the comparisons.
    let mut seen: [FxHashMap<String, usize>; Label::ALL.len()] = Default::default();
    // Which groups a new form could join: a long dump names thousands of entities, and
    // comparing each new form with all of them would be quadratic.
    let mut candidates = CandidateIndex::default();
    let mut group_of = vec![0; mentions.len()];
    for i in order {
        let m = &mentions[i];
        let lower = forms[i].to_lowercase();
        let g = match seen[m.label as usize].get(lower.as_str()) {
            Some(&g) => {
                if let Some(f) = groups[g].forms.iter_mut().find(|(f, _)| f.text == forms[i]) {
                    f.1 += 1;
                } else {
                    groups[g].forms.push((Form::new(forms[i]), 1));
                }
                g
            }
            None => {
                let form = Form::new(forms[i]);
                let single_word = !forms[i].contains(' ');
                let found = candidates.groups_for(&form).into_iter().find(|&g| {
                    let g = &groups[g];
                    (g.label == m.label
                        || (g.label == Label::Per && m.label.is_name() && single_word))
                        && g.forms.iter().any(|(f, _)| same_entity(g.label, f, &form))
                });
                let g = found.unwrap_or_else(|| {
                    groups.push(Group {
                        label: m.label,
                        name: forms[i].to_owned(),
                        title: None,
                        forms: Vec::new(),
                        count: 0,
                    });
                    groups.len() - 1
                });
                candidates.insert(&form, g);
                // The same text under another label (a LOC "Washington" joining the PER one)
                // is one alias, counted twice.
                match groups[g]
                    .forms
                    .iter_mut()
                    .find(|(f, _)| f.text == form.text)
                {
                    Some(f) => f.1 += 1,
                    None => groups[g].forms.push((form, 1)),
                }
                seen[m.label as usize].insert(lower, g);
                g
            }
        };
        let group = &mut groups[g];
        if better_name(forms[i], &group.name) {
            group.name = forms[i].to_owned();
        }
        if group.label == Label::Per && group.title.is_none() {
            group.title = title_before(text, m.range.start);
        }
        if in_kept[i] {
            group.count += 1;
        }
        group_of[i] = g;
    }
    // Most mentioned first; stable on name for deterministic output.
    let mut rank: Vec<usize> = (0..groups.len()).collect();
    rank.sort_by(|&a, &b| {
        groups[b]
            .count
            .cmp(&groups[a].count)
            .then_with(|| groups[a].name.cmp(&groups[b].name))
    });
    let mut new_index = vec![0; groups.len()];
    for (new, &old) in rank.iter().enumerate() {
        new_index[old] = new;
    }
    let mention_reports = mentions
        .iter()
        .enumerate()
        .map(|(i, m)| MentionReport {
            start: chars.chars(m.range.start),
            end: chars.chars(m.range.end),
            label: m.label,
            text: text[m.range.clone()].to_owned(),
            entity: new_index[group_of[i]],
            kept: in_kept[i],
        })
        .collect();
    let entity_reports = rank
        .iter()
        .map(|&g| {
            let group = &groups[g];
            let mut aliases: Vec<(&str, usize)> = group
                .forms
                .iter()
                .map(|(f, n)| (f.text.as_str(), *n))
                .collect();
            aliases.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(b.0)));
            EntityReport {
                name: group.name.clone(),
                label: group.label,
                title: group.title.clone(),
                aliases: aliases.into_iter().map(|(f, _)| f.to_owned()).collect(),
                count: group.count,
                global: 0,
            }
        })
        .collect();
    (mention_reports, entity_reports)
}

/// Merges the documents' entities across the collection and fills in each one's `global` index.
pub fn merge_collection(documents: &mut [DocumentReport]) -> Vec<CollectionEntity> {
    let mut merged: Vec<CollectionEntity> = Vec::new();
    // Per label: lower-case name or alias → merged entity.
    let mut by_key: [FxHashMap<String, usize>; Label::ALL.len()] = Default::default();
    // Membership tests that stay cheap when an entity is in thousands of documents.
    let mut seen_alias: FxHashSet<(usize, &str)> = Default::default();
    let mut seen_doc: FxHashSet<(usize, usize)> = Default::default();
    // Lower-case surname → merged people whose full name ends with it.
    let mut surnames: FxHashMap<String, Vec<usize>> = Default::default();
    // Full names first, so that bare surnames can join them.
    let docs: &[DocumentReport] = documents;
    let mut order: Vec<(usize, usize, usize)> = docs
        .iter()
        .enumerate()
        .flat_map(|(d, doc)| {
            doc.entities
                .iter()
                .enumerate()
                .map(move |(e, ent)| (token_count(&ent.name), d, e))
        })
        .collect();
    order.sort_unstable_by_key(|&(words, d, e)| (std::cmp::Reverse(words), d, e));
    // (document, entity, merged entity), written into the documents after the loop.
    let mut globals = Vec::with_capacity(order.len());
    for (_, d, e) in order {
        let ent = &docs[d].entities[e];
        let keys = &mut by_key[ent.label as usize];
        let canonical_keys: Vec<String> = std::iter::once(&ent.name)
            .chain(&ent.aliases)
            .map(|a| canonical(ent.label, a))
            .collect();
        let found = canonical_keys
            .iter()
            .find_map(|k| keys.get(k.as_str()).copied())
            .or_else(|| {
                // A surname alone joins the one person whose full name ends with it.
                if ent.label != Label::Per || ent.name.contains(' ') {
                    return None;
                }
                match surnames
                    .get(&canonical(Label::Per, &ent.name))
                    .map(Vec::as_slice)
                {
                    Some([only]) => Some(*only),
                    _ => None,
                }
            });
        let g = match found {
            Some(g) => g,
            None => {
                merged.push(CollectionEntity {
                    name: ent.name.clone(),
                    label: ent.label,
                    aliases: Vec::new(),
                    count: 0,
                    documents: Vec::new(),
                });
                merged.len() - 1
            }
        };
        for k in canonical_keys {
            keys.entry(k).or_insert(g);
        }
        if ent.label == Label::Per && ent.name.contains(' ') {
            if let Some(last) = ent.name.split_whitespace().last() {
                let people = surnames.entry(canonical(Label::Per, last)).or_default();
                if !people.contains(&g) {
                    people.push(g);
                }
            }
        }
        let m = &mut merged[g];
        m.count += ent.count;
        if better_name(&ent.name, &m.name) {
            m.name = ent.name.clone();
        }
        for a in std::iter::once(&ent.name).chain(&ent.aliases) {
            if seen_alias.insert((g, a.as_str())) {
                m.aliases.push(a.clone());
            }
        }
        if seen_doc.insert((g, d)) {
            m.documents.push(d);
        }
        globals.push((d, e, g));
    }
    drop(seen_alias);
    for (d, e, g) in globals {
        documents[d].entities[e].global = g;
    }
    let mut rank: Vec<usize> = (0..merged.len()).collect();
    rank.sort_by(|&a, &b| {
        merged[b]
            .count
            .cmp(&merged[a].count)
            .then_with(|| merged[b].documents.len().cmp(&merged[a].documents.len()))
            .then_with(|| merged[a].name.cmp(&merged[b].name))
    });
    let mut new_index = vec![0; merged.len()];
    for (new, &old) in rank.iter().enumerate() {
        new_index[old] = new;
    }
    for doc in documents.iter_mut() {
        for ent in &mut doc.entities {
            ent.global = new_index[ent.global];
        }
    }
    let mut ranked: Vec<(usize, CollectionEntity)> = merged
        .into_iter()
        .enumerate()
        .map(|(old, e)| (new_index[old], e))
        .collect();
    ranked.sort_unstable_by_key(|&(new, _)| new);
    ranked
        .into_iter()
        .map(|(_, mut e)| {
            e.documents.sort_unstable();
            e
        })
        .collect()
}

/// The key two documents' entities must share to be merged.
/// Whether `new` names an entity better than `old`: it is longer, or as long and not in
/// capitals where `old` is ("Barcelona", not the headline's "BARCELONA").
fn better_name(new: &str, old: &str) -> bool {
    let shouted = |s: &str| !s.chars().any(char::is_lowercase);
    let (n, o) = (new.chars().count(), old.chars().count());
    n > o || (n == o && shouted(old) && !shouted(new))
}

fn canonical(label: Label, name: &str) -> String {
    let lower = base_form(name).to_lowercase();
    match variant_group(&lower) {
        Some(g) if label.is_name() => VARIANTS[g][0].to_owned(),
        _ => lower,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entities(text: &str, spans: &[(&str, Label)]) -> Vec<EntityReport> {
        let mut mentions = Vec::new();
        let mut from = 0;
        for (s, label) in spans {
            let start = from + text[from..].find(s).expect("span in text");
            mentions.push(Mention {
                range: start..start + s.len(),
                label: *label,
            });
            from = start + s.len();
        }
        let whole = 0..text.len();
        summarize(
            text,
            &mentions,
            std::slice::from_ref(&whole),
            &CharIndex::new(text),
        )
        .1
    }

    #[test]
    fn putin_forms_merge_with_title() {
        let text = "Russian President Vladimir Putin spoke. Putin’s aides agreed. Putins comments. Putin left.";
        let e = entities(
            text,
            &[
                ("Vladimir Putin", Label::Per),
                ("Putin’s", Label::Per),
                ("Putins", Label::Per),
                ("Putin", Label::Per),
            ],
        );
        assert_eq!(e.len(), 1, "{e:?}");
        assert_eq!(e[0].name, "Vladimir Putin");
        assert_eq!(e[0].count, 4);
        assert_eq!(e[0].title.as_deref(), Some("Russian President"));
    }

    #[test]
    fn a_headline_in_capitals_does_not_name_the_entity() {
        let text = "BARCELONA BEAT MADRID . Barcelona won again .";
        let e = entities(
            text,
            &[("BARCELONA", Label::Org), ("Barcelona", Label::Org)],
        );
        assert_eq!(e.len(), 1, "{e:?}");
        assert_eq!(e[0].name, "Barcelona");
        assert_eq!(e[0].count, 2);
    }

    #[test]
    fn acronyms_and_variants() {
        let text = "The North Atlantic Treaty Organization met. NATO said the US and the United States agree.";
        let e = entities(
            text,
            &[
                ("North Atlantic Treaty Organization", Label::Org),
                ("NATO", Label::Org),
                ("US", Label::Loc),
                ("United States", Label::Loc),
            ],
        );
        assert_eq!(e.len(), 2, "{e:?}");
    }

    #[test]
    fn different_people_stay_apart() {
        let text = "Joe Biden called Vladimir Putin.";
        let e = entities(
            text,
            &[("Joe Biden", Label::Per), ("Vladimir Putin", Label::Per)],
        );
        assert_eq!(e.len(), 2);
    }

    #[test]
    fn washington_the_government_joins_the_us_named_in_the_same_article() {
        let text = "The United States warned Moscow. Washington said talks could go on.";
        let e = entities(
            text,
            &[
                ("United States", Label::Loc),
                ("Moscow", Label::Loc),
                ("Washington", Label::Loc),
            ],
        );
        assert_eq!(e.len(), 2, "{e:?}");
        assert_eq!(e[0].name, "United States");
        assert_eq!(e[0].aliases.len(), 2);
        // Without the country in the article, the city is itself.
        let alone = entities("Washington is rainy.", &[("Washington", Label::Loc)]);
        assert_eq!(alone[0].name, "Washington");
        // And a person named Washington stays a person.
        let person = entities(
            "The United States honoured him. Washington led the army.",
            &[("United States", Label::Loc), ("Washington", Label::Per)],
        );
        assert_eq!(person.len(), 2, "{person:?}");
    }

    #[test]
    fn one_text_under_two_labels_is_one_alias() {
        let text = "Washington said so. Later Washington agreed.";
        let e = entities(
            text,
            &[("Washington", Label::Per), ("Washington", Label::Loc)],
        );
        assert_eq!(e.len(), 1, "{e:?}");
        assert_eq!(e[0].aliases, ["Washington"]);
        assert_eq!(e[0].count, 2);
    }

    #[test]
    fn many_distinct_names_stay_fast_and_apart() {
        // A dump names thousands of people: merging must not compare each with all the others.
        let names: Vec<String> = (0..3000).map(|i| format!("Person{i} Name{i}")).collect();
        let text = names.join(" met. ");
        let spans: Vec<(&str, Label)> = names.iter().map(|n| (n.as_str(), Label::Per)).collect();
        let e = entities(&text, &spans);
        assert_eq!(e.len(), 3000);
    }
}
