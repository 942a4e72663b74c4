//! Gleaner finds the article in scraped pages, groups copies and retellings of one story, and
//! marks the people, organizations, places, dates and numbers in it.
//!
//! The pipeline has one module per stage, each a function from plain data to plain data:
//! [`decode`] (bytes to text) → `html` / [`segment`] (text to blocks) → [`boilerplate`] (blocks to
//! verdicts) → [`dedup`] (cleaned texts to pairs and clusters) and [`entities`] (text to
//! mentions and merged entities). [`analyze`] runs them all and returns a [`Report`], the one
//! shape that both the command-line tool and the page show.
//!
//! ```
//! use gleaner::{analyze, Document, Options};
//!
//! let docs = [
//!     Document::from_text("a.txt", "Russian President Vladimir Putin met Olaf Scholz in Moscow on Tuesday.\n\nLeave a Reply\n"),
//! ];
//! let report = analyze(&docs, &Options::default());
//! let doc = &report.documents[0];
//! assert!(doc.clean_text.contains("Vladimir Putin"));
//! assert!(!doc.clean_text.contains("Leave a Reply"));
//! ```
//!
//! [`Collection`] keeps each document's prepared work and the boilerplate verdicts between
//! reports, as the page does when a user moves the threshold or restores a block.
//!
//! The core does no I/O and knows nothing of JavaScript: `main.rs` reads files, `wasm.rs` talks
//! to the page.

#[doc(hidden)]
pub mod bench;
pub mod boilerplate;
pub mod decode;
pub mod dedup;
pub mod entities;
mod error;
mod fxhash;
pub mod html;
pub mod records;
mod report;
pub mod segment;
mod span;

#[cfg(target_arch = "wasm32")]
mod wasm;

pub use boilerplate::Label as BlockLabel;
pub use dedup::{align, Alignment, Relation};
pub use entities::Label as EntityLabel;
pub use error::Error;
pub use report::{
    BlockReport, Cluster, CollectionEntity, DocumentReport, EntityReport, MentionReport, Pair,
    Report,
};
pub use span::CharIndex;

use serde::{Deserialize, Serialize};

/// Documents larger than this are refused with a clear message rather than exhausting memory.
pub const MAX_DOCUMENT_BYTES: usize = 256 * 1024 * 1024;

/// One input: a file's bytes or a pasted text, with a name to show.
#[derive(Debug, Clone)]
pub struct Document {
    pub name: String,
    pub bytes: Vec<u8>,
}

impl Document {
    pub fn new(name: impl Into<String>, bytes: Vec<u8>) -> Document {
        Document {
            name: name.into(),
            bytes,
        }
    }

    pub fn from_text(name: impl Into<String>, text: &str) -> Document {
        Document::new(name, text.as_bytes().to_vec())
    }
}

/// What a user can change; everything else is fixed by the method.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Options {
    /// Blocks whose article score is at least this are kept: lower keeps more (recall), higher
    /// removes more (precision).
    pub keep_threshold: f32,
    /// Blocks the user put back into the article.
    pub restored: Vec<BlockRef>,
    /// Pairs at or above these scores are linked at that level.
    pub near_threshold: f32,
    pub story_threshold: f32,
}

impl Default for Options {
    fn default() -> Options {
        Options {
            keep_threshold: 0.5,
            restored: Vec::new(),
            near_threshold: dedup::DEFAULT_NEAR_THRESHOLD,
            story_threshold: dedup::DEFAULT_STORY_THRESHOLD,
        }
    }
}

/// A block of one document: indices into the report's documents and that document's blocks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct BlockRef {
    pub doc: usize,
    pub block: usize,
}

/// The per-document work that does not depend on the rest of the collection or on the options:
/// decoding, segmentation and entity recognition. The page keeps these between runs, so that a
/// restore or a threshold change only re-runs [`assemble`].
#[derive(Debug, Clone)]
pub struct Prepared {
    pub name: String,
    inner: Result<PreparedText, Error>,
}

#[derive(Debug, Clone)]
struct PreparedText {
    text: String,
    encoding: decode::Encoding,
    format: decode::Format,
    metadata: html::Metadata,
    blocks: Vec<segment::Block>,
    /// `None` until recognized: the page's collection tags entities after the duplicates are
    /// found, so that a big drop shows its clusters first ([`Collection::report_clusters`]).
    mentions: Option<Vec<entities::Mention>>,
}

impl Prepared {
    /// Why the document is skipped, if it is.
    pub fn error(&self) -> Option<&Error> {
        self.inner.as_ref().err()
    }

    /// Tags the document's entities, unless done before.
    fn recognize(&mut self) {
        if let Ok(t) = &mut self.inner {
            if t.mentions.is_none() {
                t.mentions = Some(entities::recognize(&t.text));
            }
        }
    }
}

/// Decodes, segments and tags one document.
pub fn prepare(doc: &Document) -> Prepared {
    let mut prepared = prepare_untagged(doc);
    prepared.recognize();
    prepared
}

/// Decodes and segments one document; its entities wait for [`Prepared::recognize`].
fn prepare_untagged(doc: &Document) -> Prepared {
    Prepared {
        name: doc.name.clone(),
        inner: prepare_text(doc),
    }
}

fn prepare_text(doc: &Document) -> Result<PreparedText, Error> {
    if doc.bytes.len() > MAX_DOCUMENT_BYTES {
        return Err(Error::TooLarge {
            bytes: doc.bytes.len(),
            limit: MAX_DOCUMENT_BYTES,
        });
    }
    let decoded = decode::decode(&doc.bytes, &doc.name)?;
    let encoding = decoded.encoding;
    let format = decoded.format;
    let (text, blocks, metadata) = text_and_blocks(decoded);
    if blocks.is_empty() {
        return Err(Error::Empty);
    }
    Ok(PreparedText {
        text,
        encoding,
        format,
        metadata,
        blocks,
        mentions: None,
    })
}

/// A decoded document's text and blocks: lines for plain text; for HTML, the page's visible text
/// with one block per element, and its metadata.
pub(crate) fn text_and_blocks(
    decoded: decode::Decoded,
) -> (String, Vec<segment::Block>, html::Metadata) {
    match decoded.format {
        decode::Format::Text => {
            let blocks = segment::lines(&decoded.text);
            (decoded.text, blocks, html::Metadata::default())
        }
        decode::Format::Html => {
            let page = html::parse(&decoded.text);
            let blocks = page
                .blocks
                .into_iter()
                .map(|(range, hints)| segment::Block {
                    range,
                    // Every HTML block is a paragraph of its own.
                    blank_before: true,
                    hints: Some(hints),
                })
                .collect();
            (page.text, blocks, page.metadata)
        }
    }
}

/// Runs every stage on a collection.
pub fn analyze(docs: &[Document], options: &Options) -> Report {
    let prepared: Vec<Prepared> = docs.iter().map(prepare).collect();
    assemble(&prepared, options)
}

/// The boilerplate verdicts of a collection: one list per document (`None` for skipped ones).
/// They depend on the documents only, not on the options, so a caller that re-runs [`assemble`]
/// for another threshold or a restore can keep them ([`assemble_with`]).
#[derive(Debug)]
pub struct Verdicts(Vec<Option<Vec<boilerplate::Verdict>>>);

/// A step of a report, for a progress bar: `progress(step, done, total)` is called as documents
/// are done (every [`PROGRESS_EVERY`] documents and at the end of each step).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    /// Template lines and block verdicts.
    Boilerplate,
    /// Each document's kept text and blocks.
    Articles,
    /// Duplicate candidates, pairs and clusters (one unit).
    Duplicates,
    /// Each document's entities (tagged if not yet), then merged across the collection.
    Entities,
}

impl Step {
    pub fn as_str(self) -> &'static str {
        match self {
            Step::Boilerplate => "boilerplate",
            Step::Articles => "articles",
            Step::Duplicates => "duplicates",
            Step::Entities => "entities",
        }
    }
}

/// How many documents pass between two progress calls: often enough for a smooth bar, rarely
/// enough that crossing into JS costs nothing measurable.
pub const PROGRESS_EVERY: usize = 64;

/// A progress callback that ignores everything.
fn no_progress(_: Step, _: usize, _: usize) {}

/// Calls `progress` for document `done` of `total` when a bar would move.
fn tick(progress: &mut dyn FnMut(Step, usize, usize), step: Step, done: usize, total: usize) {
    if done % PROGRESS_EVERY == 0 || done == total {
        progress(step, done, total);
    }
}

/// Classifies every block of every document, with the collection's template lines.
pub fn classify_collection(prepared: &[Prepared]) -> Verdicts {
    classify_collection_with(prepared, &mut no_progress)
}

fn classify_collection_with(
    prepared: &[Prepared],
    progress: &mut dyn FnMut(Step, usize, usize),
) -> Verdicts {
    let texts: Vec<Option<(&str, &[segment::Block])>> = prepared
        .iter()
        .map(|p| {
            p.inner
                .as_ref()
                .ok()
                .map(|t| (t.text.as_str(), t.blocks.as_slice()))
        })
        .collect();
    let templates = boilerplate::Templates::from_collection(&texts);
    let total = prepared.len();
    progress(Step::Boilerplate, 0, total);
    Verdicts(
        prepared
            .iter()
            .enumerate()
            .map(|(i, p)| {
                let verdicts = p
                    .inner
                    .as_ref()
                    .ok()
                    .map(|t| boilerplate::classify(&t.text, &t.blocks, &templates));
                tick(progress, Step::Boilerplate, i + 1, total);
                verdicts
            })
            .collect(),
    )
}

/// A collection that grows and shrinks, as in the page: it keeps each document's prepared work
/// and the collection's boilerplate verdicts between reports, so a threshold change or a restore
/// re-runs only the cheap stages. Any change to the documents drops the verdicts.
#[derive(Debug, Default)]
pub struct Collection {
    prepared: Vec<Prepared>,
    verdicts: Option<Verdicts>,
}

impl Collection {
    /// Decodes, segments and adds a document; returns its index. Its entities are tagged by the
    /// first report that needs them.
    pub fn add(&mut self, doc: &Document) -> usize {
        self.prepared.push(prepare_untagged(doc));
        self.verdicts = None;
        self.prepared.len() - 1
    }

    /// Removes one document; later indices shift down by one.
    pub fn remove(&mut self, index: usize) {
        if index < self.prepared.len() {
            self.prepared.remove(index);
            self.verdicts = None;
        }
    }

    pub fn clear(&mut self) {
        self.prepared.clear();
        self.verdicts = None;
    }

    pub fn len(&self) -> usize {
        self.prepared.len()
    }

    pub fn is_empty(&self) -> bool {
        self.prepared.is_empty()
    }

    /// The report for `options`; the same as [`analyze`] on the same documents.
    pub fn report(&mut self, options: &Options) -> Report {
        self.report_with_progress(options, &mut no_progress)
    }

    /// [`Collection::report`], telling `progress` how far it is ([`Step`]).
    pub fn report_with_progress(
        &mut self,
        options: &Options,
        progress: &mut dyn FnMut(Step, usize, usize),
    ) -> Report {
        let mut report = self.report_clusters(options, progress);
        self.add_entities(&mut report, progress);
        report
    }

    /// The first half of [`Collection::report_with_progress`]: the report with blocks, cleaned
    /// texts and duplicates, its mentions and entities still empty. On a big drop the clusters
    /// are ready seconds before the entities, and the page shows them at once.
    pub fn report_clusters(
        &mut self,
        options: &Options,
        progress: &mut dyn FnMut(Step, usize, usize),
    ) -> Report {
        let verdicts = match &mut self.verdicts {
            Some(v) => v,
            none => none.insert(classify_collection_with(&self.prepared, progress)),
        };
        report_without_entities(&self.prepared, verdicts, options, progress)
    }

    /// The second half: tags the documents not tagged yet and fills the entities into
    /// `report`, which [`Collection::report_clusters`] made since the last change of documents.
    pub fn add_entities(
        &mut self,
        report: &mut Report,
        progress: &mut dyn FnMut(Step, usize, usize),
    ) {
        let total = self.prepared.len();
        progress(Step::Entities, 0, total);
        for (i, p) in self.prepared.iter_mut().enumerate() {
            p.recognize();
            tick(progress, Step::Entities, i + 1, total);
        }
        fill_entities(report, &self.prepared);
    }

    /// Tags document `index` now, unless done before (or skipped).
    pub fn tag(&mut self, index: usize) {
        if let Some(p) = self.prepared.get_mut(index) {
            p.recognize();
        }
    }

    /// Mentions of document `index` tagged elsewhere (the page tags in a second worker, on the
    /// second core), packed by [`entities::pack`]. Returns whether they were taken: numbers that
    /// do not fit the document's text are ignored, and the report tags it itself.
    pub fn set_mentions(&mut self, index: usize, packed: &[u32]) -> bool {
        let Some(Ok(t)) = self.prepared.get_mut(index).map(|p| &mut p.inner) else {
            return false;
        };
        match entities::unpack(packed, &t.text) {
            Some(mentions) if t.mentions.is_none() => {
                t.mentions = Some(mentions);
                true
            }
            _ => false,
        }
    }
}

/// What the page's tagging worker does for one file: decodes and segments it as
/// [`Collection::add`] does, and tags it; the packed mentions go to
/// [`Collection::set_mentions`]. `None` for a file that would be skipped.
pub fn tag_document(doc: &Document) -> Option<Vec<u32>> {
    let mut prepared = prepare(doc);
    let Ok(t) = &mut prepared.inner else {
        return None;
    };
    t.mentions.take().map(|m| entities::pack(&m))
}

/// The collection-level stages: template lines, boilerplate verdicts, duplicates, entity merging.
pub fn assemble(prepared: &[Prepared], options: &Options) -> Report {
    assemble_with(prepared, &classify_collection(prepared), options)
}

/// [`assemble`] with verdicts computed before by [`classify_collection`] on the same documents.
pub fn assemble_with(prepared: &[Prepared], verdicts: &Verdicts, options: &Options) -> Report {
    assemble_inner(prepared, verdicts, options, &mut no_progress)
}

fn assemble_inner(
    prepared: &[Prepared],
    verdicts: &Verdicts,
    options: &Options,
    progress: &mut dyn FnMut(Step, usize, usize),
) -> Report {
    let mut report = report_without_entities(prepared, verdicts, options, progress);
    progress(Step::Entities, 0, 1);
    fill_entities(&mut report, prepared);
    progress(Step::Entities, 1, 1);
    report
}

/// The report with blocks, cleaned texts, pairs and clusters; mentions and entities are left
/// empty for [`fill_entities`].
fn report_without_entities(
    prepared: &[Prepared],
    verdicts: &Verdicts,
    options: &Options,
    progress: &mut dyn FnMut(Step, usize, usize),
) -> Report {
    let total = prepared.len();
    progress(Step::Articles, 0, total);
    let mut documents = Vec::with_capacity(total);
    for (doc_index, (p, v)) in prepared.iter().zip(&verdicts.0).enumerate() {
        documents.push(match (&p.inner, v) {
            (Ok(t), Some(v)) => document_report(doc_index, &p.name, t, v, options),
            (Err(e), _) => skipped_report(&p.name, e),
            (Ok(_), None) => skipped_report(&p.name, &Error::Empty),
        });
        tick(progress, Step::Articles, doc_index + 1, total);
    }
    progress(Step::Duplicates, 0, 1);

    let cleaned: Vec<Option<dedup::Input>> = documents
        .iter()
        .map(|d| {
            d.error.is_none().then_some(dedup::Input {
                text: d.clean_text.as_str(),
                date: d.metadata.date.as_deref(),
            })
        })
        .collect();
    let mut links = dedup::link(&cleaned, options);
    progress(Step::Duplicates, 1, 1);
    for p in &mut links.pairs {
        p.score = round_score(p.score);
        p.contained_a_in_b = round_score(p.contained_a_in_b);
        p.contained_b_in_a = round_score(p.contained_b_in_a);
    }
    for c in &mut links.clusters {
        c.score = round_score(c.score);
    }
    for (cluster_index, cluster) in links.clusters.iter().enumerate() {
        for &m in &cluster.members {
            documents[m].cluster = Some(cluster_index);
        }
    }
    Report {
        version: env!("CARGO_PKG_VERSION"),
        options: options.clone(),
        documents,
        clusters: links.clusters,
        pairs: links.pairs,
        entities: Vec::new(),
    }
}

/// Fills each document's mentions and entities (counted over its kept blocks), then merges
/// the entities across the collection. Documents not yet tagged are tagged here, unsaved.
fn fill_entities(report: &mut Report, prepared: &[Prepared]) {
    for (doc, p) in report.documents.iter_mut().zip(prepared) {
        let Ok(t) = &p.inner else { continue };
        if doc.error.is_some() {
            continue;
        }
        let recognized;
        let mentions = match &t.mentions {
            Some(m) => m,
            None => {
                recognized = entities::recognize(&t.text);
                &recognized
            }
        };
        let kept_ranges: Vec<_> = t
            .blocks
            .iter()
            .zip(&doc.blocks)
            .filter(|(_, b)| b.kept)
            .map(|(block, _)| block.range.clone())
            .collect();
        let chars = CharIndex::new(&t.text);
        (doc.mentions, doc.entities) = entities::summarize(&t.text, mentions, &kept_ranges, &chars);
    }
    report.entities = entities::merge_collection(&mut report.documents);
}

fn skipped_report(name: &str, e: &Error) -> DocumentReport {
    DocumentReport {
        name: name.to_owned(),
        stem: stem(name),
        error: Some(e.to_string()),
        encoding: None,
        format: None,
        metadata: html::Metadata::default(),
        text: String::new(),
        clean_text: String::new(),
        blocks: Vec::new(),
        words_total: 0,
        words_kept: 0,
        cluster: None,
        mentions: Vec::new(),
        entities: Vec::new(),
    }
}

fn document_report(
    doc_index: usize,
    name: &str,
    t: &PreparedText,
    verdicts: &[boilerplate::Verdict],
    options: &Options,
) -> DocumentReport {
    let chars = CharIndex::new(&t.text);
    let mut blocks = Vec::with_capacity(t.blocks.len());
    let mut clean_text = String::new();
    let (mut words_total, mut words_kept) = (0, 0);
    let mut metadata = t.metadata.clone();
    for (id, (block, verdict)) in t.blocks.iter().zip(verdicts).enumerate() {
        let restored = options.restored.contains(&BlockRef {
            doc: doc_index,
            block: id,
        });
        let score = round_score(verdict.score);
        let kept_by_score = score >= options.keep_threshold;
        let kept = kept_by_score || restored;
        let body = &t.text[block.range.clone()];
        let words = segment::word_count(body);
        words_total += words;
        if kept {
            words_kept += words;
            if !clean_text.is_empty() {
                clean_text.push_str(if block.blank_before { "\n\n" } else { "\n" });
            }
            clean_text.push_str(body);
        } else if verdict.label == BlockLabel::Title && metadata.title.is_none() {
            metadata.title = Some(body.to_owned());
        } else if verdict.label == BlockLabel::Dateline
            && metadata.date.is_none()
            && boilerplate::names_a_date(body)
        {
            metadata.date = Some(body.to_owned());
        }
        blocks.push(BlockReport {
            id,
            start: chars.chars(block.range.start),
            end: chars.chars(block.range.end),
            kept,
            restored: restored && !kept_by_score,
            label: verdict.label,
            reason: verdict.reason.to_owned(),
            score,
        });
    }
    DocumentReport {
        name: name.to_owned(),
        stem: stem(name),
        error: None,
        encoding: Some(t.encoding.name().to_owned()),
        format: Some(t.format),
        metadata,
        text: t.text.clone(),
        clean_text,
        blocks,
        words_total,
        words_kept,
        cluster: None,
        mentions: Vec::new(),
        entities: Vec::new(),
    }
}

/// Scores to four decimals: enough for a person, and the same natively and in wasm, whose float
/// functions (`exp`, `ln`) may differ in the last bits.
fn round_score(x: f32) -> f32 {
    (x * 10_000.0).round() / 10_000.0
}

/// "dir/000_abc.txt" → "000_abc".
pub fn stem(name: &str) -> String {
    let base = name.rsplit(['/', '\\']).next().unwrap_or(name);
    match base.rfind('.') {
        Some(dot) if dot > 0 => base[..dot].to_owned(),
        _ => base.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stems() {
        assert_eq!(stem("a/b/000_x.txt"), "000_x");
        assert_eq!(stem("C:\\x\\page.html"), "page");
        assert_eq!(stem(".hidden"), ".hidden");
        assert_eq!(stem("pasted 1"), "pasted 1");
    }

    #[test]
    fn report_progress_covers_every_step_and_ends_each_one() {
        let docs: Vec<Document> = (0..150)
            .map(|i| {
                Document::from_text(
                    format!("{i}.txt"),
                    &format!("Report number {i} says the council met on Monday in Lisbon."),
                )
            })
            .collect();
        let mut col = Collection::default();
        for d in &docs {
            col.add(d);
        }
        let mut calls = Vec::new();
        let report = col.report_with_progress(&Options::default(), &mut |step, done, total| {
            calls.push((step, done, total));
        });
        assert_eq!(report.documents.len(), 150);
        for step in [Step::Boilerplate, Step::Articles, Step::Entities] {
            let dones: Vec<usize> = calls.iter().filter(|c| c.0 == step).map(|c| c.1).collect();
            assert_eq!(dones, [0, 64, 128, 150], "{step:?}");
        }
        let last = |step| calls.iter().rev().find(|c| c.0 == step).copied();
        assert_eq!(last(Step::Duplicates), Some((Step::Duplicates, 1, 1)));
        // The verdicts are kept: a second report skips the boilerplate step.
        calls.clear();
        col.report_with_progress(&Options::default(), &mut |step, done, total| {
            calls.push((step, done, total));
        });
        assert!(calls.iter().all(|c| c.0 != Step::Boilerplate));
    }

    #[test]
    fn a_table_row_of_numbers_is_not_the_article_date() {
        let article = "Barcelona beat Real Madrid 2-1 on Sunday to go top of the Spanish league, \
                       while Valencia lost at home to Betis in front of their own fans.\n\n\
                       The coach said his side had played their best football of the season so \
                       far and deserved to win the game.\n\n";
        let date_of = |text: &str| {
            let doc = Document::from_text("a.txt", text);
            analyze(&[doc], &Options::default()).documents[0]
                .metadata
                .date
                .clone()
        };
        let table =
            format!("{article}Barcelona 15 10 4 1 38 15 34\nReal Madrid 15 10 3 2 29 14 33\n");
        assert_eq!(date_of(&table), None);
        let dated = format!("Tuesday, October 3, 2023\n\n{article}");
        assert_eq!(date_of(&dated).as_deref(), Some("Tuesday, October 3, 2023"));
    }

    #[test]
    fn collection_reports_like_analyze_as_it_changes() {
        let a = Document::from_text(
            "a.txt",
            "Olaf Scholz visited Moscow on Tuesday to meet Vladimir Putin.\nShare this article",
        );
        let b = Document::from_text(
            "b.txt",
            "Joe Biden spoke to reporters in Washington about the talks in Geneva.",
        );
        let c = Document::from_text(
            "c.txt",
            "The council approved the new budget for schools in Lisbon on Friday.",
        );
        let opts = Options::default();
        let json = |r: &Report| serde_json::to_string(r).unwrap();
        let mut col = Collection::default();
        col.add(&a);
        col.add(&b);
        assert_eq!(
            json(&col.report(&opts)),
            json(&analyze(&[a.clone(), b.clone()], &opts))
        );
        // Adding after a report must not reuse the old verdicts.
        col.add(&c);
        assert_eq!(col.report(&opts).documents.len(), 3);
        assert_eq!(
            json(&col.report(&opts)),
            json(&analyze(&[a.clone(), b.clone(), c.clone()], &opts))
        );
        col.remove(0);
        assert_eq!(
            json(&col.report(&opts)),
            json(&analyze(&[b.clone(), c.clone()], &opts))
        );
        let strict = Options {
            keep_threshold: 0.9,
            ..Options::default()
        };
        assert_eq!(json(&col.report(&strict)), json(&analyze(&[b, c], &strict)));
        col.clear();
        assert!(col.is_empty());
        assert!(col.report(&opts).documents.is_empty());
    }

    #[test]
    fn clusters_come_before_the_entities_and_the_report_is_the_same() {
        let story = "Olaf Scholz met Vladimir Putin in Moscow on Tuesday to talk about the troops \
                     along the border.\n\nThe talks lasted four hours, officials in Berlin said.";
        let docs = [
            Document::from_text("a.txt", story),
            Document::from_text("b.txt", &format!("{story}\n\nShare this article")),
            Document::from_text(
                "c.txt",
                "The council approved the budget for schools in Lisbon.",
            ),
        ];
        let opts = Options::default();
        let mut col = Collection::default();
        for d in &docs {
            col.add(d);
        }
        let mut report = col.report_clusters(&opts, &mut no_progress);
        let early = serde_json::to_value(&report).unwrap();
        col.add_entities(&mut report, &mut no_progress);
        let full = serde_json::to_value(&report).unwrap();
        assert_eq!(full, serde_json::to_value(analyze(&docs, &opts)).unwrap());
        assert_eq!(early["clusters"], full["clusters"]);
        assert_eq!(early["pairs"], full["pairs"]);
        assert!(full["pairs"].as_array().is_some_and(|p| !p.is_empty()));
        assert_eq!(early["entities"], serde_json::json!([]));
        assert!(full["entities"].as_array().is_some_and(|e| !e.is_empty()));
        for (e, f) in early["documents"]
            .as_array()
            .unwrap()
            .iter()
            .zip(full["documents"].as_array().unwrap())
        {
            assert_eq!(e["mentions"], serde_json::json!([]));
            assert_eq!(e["clean_text"], f["clean_text"]);
            assert_eq!(e["blocks"], f["blocks"]);
        }
    }

    #[test]
    fn mentions_tagged_elsewhere_are_taken_when_they_fit() {
        let docs = [
            Document::from_text(
                "a.txt",
                "Olaf Scholz met Emmanuel Macron in Paris on Monday.",
            ),
            Document::from_text("b.txt", "Joe Biden spoke in Washington about the talks."),
            Document::new("c.bin", vec![0, 1, 2, 0, 0]),
            Document::from_text("d.txt", "Angela Merkel visited Rome on Friday."),
        ];
        let opts = Options::default();
        let mut col = Collection::default();
        for d in &docs {
            col.add(d);
        }
        let packed = tag_document(&docs[0]).expect("a.txt is tagged");
        assert!(col.set_mentions(0, &packed));
        assert!(!col.set_mentions(0, &packed), "already tagged");
        col.tag(1);
        assert!(!col.set_mentions(1, &[]), "tagged here");
        col.tag(7);
        assert!(!col.set_mentions(2, &[]), "a skipped document");
        assert!(!col.set_mentions(3, &[0, 9999, 0]), "out of the text");
        assert!(!col.set_mentions(7, &[]), "no such document");
        assert_eq!(tag_document(&docs[2]), None);
        let json = |r: &Report| serde_json::to_string(r).unwrap();
        assert_eq!(json(&col.report(&opts)), json(&analyze(&docs, &opts)));
    }

    #[test]
    fn skipped_documents_do_not_stop_the_rest() {
        let docs = [
            Document::new("img.png", b"\x89PNG\r\n\x1a\n\0\0\0".to_vec()),
            Document::from_text(
                "a.txt",
                "Olaf Scholz visited Moscow on Tuesday to meet Vladimir Putin.",
            ),
            Document::from_text("empty.txt", "   \n"),
        ];
        let report = analyze(&docs, &Options::default());
        assert_eq!(report.documents.len(), 3);
        assert!(report.documents[0]
            .error
            .as_deref()
            .unwrap()
            .starts_with("not a text file"));
        assert!(report.documents[1].error.is_none());
        assert!(report.documents[2]
            .error
            .as_deref()
            .unwrap()
            .starts_with("empty"));
        assert_eq!(report.documents[1].cluster, Some(0));
    }
}
