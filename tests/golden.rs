//! Golden tests on the five sample articles (`www/samples/`, copies of the scraped articles our
//! users bring). Two kinds of checks:
//! - explicit expectations a person agreed on (the headline list of 000 goes, every paragraph
//!   stays, 000/001 are near-duplicates, Putin is a person...), which must always hold;
//! - a readable rendering of each stage under `tests/golden/`, compared in full, so that every
//!   change of output is a reviewed diff. `UPDATE_GOLDEN=1 cargo test --test golden` rewrites the
//!   files and fails, so the rewrite is never silent.

use gleaner::{analyze, Document, DocumentReport, EntityLabel, Options, Relation, Report};
use std::path::{Path, PathBuf};

fn samples_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("www/samples")
}

fn sample_names() -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(samples_dir())
        .expect("www/samples exists")
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".txt"))
        .collect();
    names.sort();
    names
}

fn report() -> Report {
    let docs: Vec<Document> = sample_names()
        .iter()
        .map(|n| Document::new(n.clone(), std::fs::read(samples_dir().join(n)).unwrap()))
        .collect();
    assert_eq!(docs.len(), 5, "five samples");
    analyze(&docs, &Options::default())
}

fn doc<'a>(report: &'a Report, prefix: &str) -> &'a DocumentReport {
    report
        .documents
        .iter()
        .find(|d| d.name.starts_with(prefix))
        .unwrap_or_else(|| panic!("no sample {prefix}"))
}

/// The block whose text contains `needle`.
fn block<'a>(d: &'a DocumentReport, needle: &str) -> &'a gleaner::BlockReport {
    d.blocks
        .iter()
        .find(|b| slice(&d.text, b.start, b.end).contains(needle))
        .unwrap_or_else(|| panic!("no block with {needle:?} in {}", d.name))
}

fn slice(text: &str, start: usize, end: usize) -> String {
    text.chars().skip(start).take(end - start).collect()
}

fn assert_removed(d: &DocumentReport, needle: &str) {
    let b = block(d, needle);
    assert!(
        !b.kept,
        "{}: {needle:?} should be removed, got {b:?}",
        d.name
    );
    assert!(!b.reason.is_empty());
}

fn assert_kept(d: &DocumentReport, needle: &str) {
    let b = block(d, needle);
    assert!(b.kept, "{}: {needle:?} should be kept, got {b:?}", d.name);
}

/// Paragraphs of the article itself: long lines that read as prose. Every one must be kept.
fn assert_every_paragraph_kept(d: &DocumentReport, paragraphs: &[&str]) {
    for p in paragraphs {
        assert_kept(d, p);
    }
}

#[test]
fn headline_list_of_000_is_removed_and_article_kept() {
    let r = report();
    let d = doc(&r, "000");
    for headline in [
        "U.S. Steps Aside as Syria Reclaims SDF-Held Territory in Power Shift",
        "Trump Reverses Course on Greenland After Diplomatic Backlash",
        "U.N. Human Rights Council Condemns Iran Over Deadly Crackdown on Protests",
        "NATO, Trump, and Arctic Security: Greenland Talks Highlight Rising Russia-China Concerns",
    ] {
        assert_removed(d, headline);
    }
    let removed_headlines = d
        .blocks
        .iter()
        .filter(|b| !b.kept && b.start > d.text.chars().count() / 2)
        .count();
    assert!(
        removed_headlines >= 17,
        "only {removed_headlines} trailing lines removed"
    );
    assert_every_paragraph_kept(
        d,
        &[
            "Russia has opposed the potential admission",
            "During a joint press conference",
            "We need to resolve this question now",
            "Russia has deployed tens of thousands",
            "Prior to Putin’s comments",
            "The ministry also shared a video",
            "Despite the announcement of partial troop pullbacks",
            "There’s what Russia says",
        ],
    );
}

#[test]
fn comment_form_of_003_is_removed_and_article_kept() {
    let r = report();
    let d = doc(&r, "003");
    assert_removed(d, "Leave a Reply");
    assert_removed(d, "Your email address will not be published");
    assert_removed(d, "Also Read");
    assert_every_paragraph_kept(
        d,
        &[
            "Russian President Vladimir Putin said on Thursday",
            "The Kremlin has become increasingly insistent",
            "Moscow presented broad security demands",
            "At his annual conference in Moscow",
            "Without any gimmicks",
            "At a press conference at the White House",
            "The Russian leader also warned",
            "Psaki responded that Washington",
            "There have been proposals put forward",
            "Talks to reduce tensions over NATO",
            "Rising tensions peaked this week",
            "He also announced that a new arsenal",
            "Tensions between Russia, Ukraine and the West",
            "The West has long accused the Kremlin",
            "On Thursday, the European Union reaffirmed",
        ],
    );
}

#[test]
fn junk_of_004_is_removed_and_article_kept() {
    let r = report();
    let d = doc(&r, "004");
    for junk in [
        "Image from The Independent News",
        "Get Northwest Territories and Canada",
        "Show More",
        "1 Comment",
        "Leave a Reply",
    ] {
        assert_removed(d, junk);
    }
    assert_every_paragraph_kept(
        d,
        &[
            "Putin said it was up to the United States and NATO",
            "Russia has massed 100,000 troops",
            "He said Washington appeared ready",
            "Moscow wants unconditional guarantees",
            "Putin offered an aggressively Russian view",
            "You want guarantees from me",
            "Secretary of State Antony Blinken",
            "In a virtual call this month",
            "Russia annexed Ukraine’s Crimean Peninsula in 2014",
        ],
    );
}

#[test]
fn inserted_headlines_of_001_are_removed() {
    let r = report();
    let d = doc(&r, "001");
    assert_removed(d, "http://www.econotimes.com/");
    assert_removed(
        d,
        "Former UK defense minister says Vladimir Putin wants to retaliate",
    );
    assert_removed(
        d,
        "8 everyday foods you might not realise are ultra processed",
    );
    assert_every_paragraph_kept(
        d,
        &[
            "We need to resolve this question nowwe",
            "Theres what Russia says",
        ],
    );
}

#[test]
fn bullets_and_quotes_of_002_are_kept() {
    let r = report();
    let d = doc(&r, "002");
    assert_every_paragraph_kept(
        d,
        &[
            "- Just hours after Russia began pulling troops",
            "President Vladimir Putin stated on Tuesday",
            "> Earlier in the day, Russia's defense ministry",
            "> Ukraine stated that its deterrence tactics",
            "> Russia already controls the Crimean Peninsula",
        ],
    );
}

#[test]
fn duplicates_are_grouped() {
    let r = report();
    let index = |p: &str| {
        r.documents
            .iter()
            .position(|d| d.name.starts_with(p))
            .unwrap()
    };
    let relation = |a: &str, b: &str| {
        let (a, b) = (index(a), index(b));
        r.pairs
            .iter()
            .find(|p| (p.a, p.b) == (a.min(b), a.max(b)))
            .map(|p| p.relation)
    };
    assert_eq!(relation("000", "001"), Some(Relation::Near));
    assert_eq!(doc(&r, "000").cluster, doc(&r, "001").cluster);
    assert_eq!(relation("003", "004"), Some(Relation::SameStory));
    assert_eq!(doc(&r, "003").cluster, doc(&r, "004").cluster);
    assert_eq!(
        relation("000", "003"),
        None,
        "different stories on one topic"
    );
    assert_ne!(doc(&r, "000").cluster, doc(&r, "003").cluster);
}

#[test]
fn key_entities_have_the_right_types() {
    let r = report();
    let all = |label: EntityLabel| -> Vec<String> {
        r.entities
            .iter()
            .filter(|e| e.label == label)
            .flat_map(|e| e.aliases.iter().cloned().chain([e.name.clone()]))
            .collect()
    };
    let has = |label: EntityLabel, name: &str| {
        assert!(
            all(label).iter().any(|n| n.contains(name)),
            "{name} should be {label:?}; {label:?} has {:?}",
            all(label)
        );
    };
    for p in ["Putin", "Scholz", "Biden", "Blinken"] {
        has(EntityLabel::Per, p);
    }
    has(EntityLabel::Org, "NATO");
    for l in ["Ukraine", "Kyiv", "Moscow"] {
        has(EntityLabel::Loc, l);
    }
    // Aliases merge: one Putin across the collection, named by its longest form.
    let putins: Vec<_> = r
        .entities
        .iter()
        .filter(|e| e.label == EntityLabel::Per && e.name.contains("Putin"))
        .collect();
    assert_eq!(putins.len(), 1, "{putins:?}");
    assert_eq!(putins[0].name, "Vladimir Putin");
    assert_eq!(putins[0].documents.len(), 5);
}

// ---- Snapshots ----

fn render_boilerplate(r: &Report) -> String {
    let mut out = String::new();
    for d in &r.documents {
        out.push_str(&format!(
            "=== {} ({} of {} words kept)\n",
            d.name, d.words_kept, d.words_total
        ));
        for b in &d.blocks {
            let text = slice(&d.text, b.start, b.end);
            if b.kept {
                out.push_str(&format!("  {text}\n"));
            } else {
                out.push_str(&format!("- [{} {:.2}] {text}\n", b.reason, b.score));
            }
        }
    }
    out
}

fn render_entities(r: &Report) -> String {
    let mut out = String::new();
    for d in &r.documents {
        out.push_str(&format!("=== {}\n", d.name));
        let chars: Vec<char> = d.text.chars().collect();
        let mut pos = 0;
        let mut line = String::new();
        for m in &d.mentions {
            line.extend(&chars[pos..m.start]);
            line.push('[');
            line.extend(&chars[m.start..m.end]);
            line.push_str(&format!("]({})", m.label.as_str()));
            pos = m.end;
        }
        line.extend(&chars[pos..]);
        out.push_str(line.trim_end());
        out.push('\n');
        out.push_str("--- entities (kept mentions)\n");
        for e in d.entities.iter().filter(|e| e.count > 0) {
            out.push_str(&format!("{} {} x{}", e.label.as_str(), e.name, e.count));
            if let Some(t) = &e.title {
                out.push_str(&format!(" (title: {t})"));
            }
            if e.aliases.len() > 1 {
                out.push_str(&format!(" aliases: {}", e.aliases.join(" | ")));
            }
            out.push('\n');
        }
    }
    out
}

fn render_dedup(r: &Report) -> String {
    let mut out = String::new();
    for c in &r.clusters {
        let names: Vec<&str> = c
            .members
            .iter()
            .map(|&m| r.documents[m].stem.as_str())
            .collect();
        let rel = c.relation.map_or("single", |r| r.as_str());
        out.push_str(&format!("cluster {} [{rel}]: {}\n", c.id, names.join(", ")));
    }
    for p in &r.pairs {
        out.push_str(&format!(
            "{} ~ {} {} {:.3}: {}\n",
            r.documents[p.a].stem,
            r.documents[p.b].stem,
            p.relation.as_str(),
            p.score,
            p.explanation
        ));
    }
    out
}

fn check_golden(name: &str, got: &str) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/golden")
        .join(name);
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(&path, got).unwrap();
        panic!(
            "rewrote {}: review the diff and run again without UPDATE_GOLDEN",
            path.display()
        );
    }
    let want = std::fs::read_to_string(&path)
        .unwrap_or_else(|_| panic!("{} is missing: run with UPDATE_GOLDEN=1", path.display()));
    if want != got {
        let diff: Vec<String> = want
            .lines()
            .zip(got.lines())
            .enumerate()
            .filter(|(_, (w, g))| w != g)
            .take(10)
            .map(|(i, (w, g))| format!("line {}:\n  want: {w}\n  got:  {g}", i + 1))
            .collect();
        panic!(
            "{name} differs from the stored golden file ({} vs {} lines):\n{}\nIf the change is intended: UPDATE_GOLDEN=1 cargo test --test golden",
            want.lines().count(),
            got.lines().count(),
            diff.join("\n")
        );
    }
}

#[test]
fn golden_boilerplate() {
    check_golden("boilerplate.txt", &render_boilerplate(&report()));
}

#[test]
fn golden_entities() {
    check_golden("entities.txt", &render_entities(&report()));
}

#[test]
fn golden_dedup() {
    check_golden("dedup.txt", &render_dedup(&report()));
}
