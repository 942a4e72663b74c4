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
pub mod html;
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
    mentions: Vec<entities::Mention>,
}

impl Prepared {
    /// Why the document is skipped, if it is.
    pub fn error(&self) -> Option<&Error> {
        self.inner.as_ref().err()
    }
}

/// Decodes, segments and tags one document.
pub fn prepare(doc: &Document) -> Prepared {
    let inner = prepare_text(doc);
    Prepared {
        name: doc.name.clone(),
        inner,
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
    let (text, blocks, metadata) = match decoded.format {
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
    };
    if blocks.is_empty() {
        return Err(Error::Empty);
    }
    let mentions = entities::recognize(&text);
    Ok(PreparedText {
        text,
        encoding: decoded.encoding,
        format: decoded.format,
        metadata,
        blocks,
        mentions,
    })
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

/// Classifies every block of every document, with the collection's template lines.
pub fn classify_collection(prepared: &[Prepared]) -> Verdicts {
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
    Verdicts(
        prepared
            .iter()
            .map(|p| {
                p.inner
                    .as_ref()
                    .ok()
                    .map(|t| boilerplate::classify(&t.text, &t.blocks, &templates))
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
    /// Prepares and adds a document; returns its index.
    pub fn add(&mut self, doc: &Document) -> usize {
        self.prepared.push(prepare(doc));
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
        let verdicts = self
            .verdicts
            .get_or_insert_with(|| classify_collection(&self.prepared));
        assemble_with(&self.prepared, verdicts, options)
    }
}

/// The collection-level stages: template lines, boilerplate verdicts, duplicates, entity merging.
pub fn assemble(prepared: &[Prepared], options: &Options) -> Report {
    assemble_with(prepared, &classify_collection(prepared), options)
}

/// [`assemble`] with verdicts computed before by [`classify_collection`] on the same documents.
pub fn assemble_with(prepared: &[Prepared], verdicts: &Verdicts, options: &Options) -> Report {
    let mut documents = Vec::with_capacity(prepared.len());
    for (doc_index, (p, v)) in prepared.iter().zip(&verdicts.0).enumerate() {
        documents.push(match (&p.inner, v) {
            (Ok(t), Some(v)) => document_report(doc_index, &p.name, t, v, options),
            (Err(e), _) => skipped_report(&p.name, e),
            (Ok(_), None) => skipped_report(&p.name, &Error::Empty),
        });
    }

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
    let entities = entities::merge_collection(&mut documents);
    Report {
        version: env!("CARGO_PKG_VERSION"),
        options: options.clone(),
        documents,
        clusters: links.clusters,
        pairs: links.pairs,
        entities,
    }
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
        } else if verdict.label == BlockLabel::Dateline && metadata.date.is_none() {
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
    let kept_ranges: Vec<_> = t
        .blocks
        .iter()
        .zip(&blocks)
        .filter(|(_, b)| b.kept)
        .map(|(block, _)| block.range.clone())
        .collect();
    let (mentions, entities) = entities::summarize(&t.text, &t.mentions, &kept_ranges, &chars);
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
        mentions,
        entities,
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
