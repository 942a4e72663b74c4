//! The one shape of the results, shared by the CLI (`gleaner analyze`) and the page. Offsets in
//! here are Unicode code points into [`DocumentReport::text`], end exclusive.

use crate::boilerplate::Label as BlockLabel;
use crate::decode::Format;
use crate::dedup::Relation;
use crate::entities::Label as EntityLabel;
use crate::html::Metadata;
use crate::Options;
use serde::Serialize;

/// Everything Gleaner found in a collection.
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    /// The crate version that made the report.
    pub version: &'static str,
    pub options: Options,
    /// One per input document, in input order (skipped ones included, with their message).
    pub documents: Vec<DocumentReport>,
    /// Every analyzed document is in exactly one cluster; singletons included.
    pub clusters: Vec<Cluster>,
    /// Linked pairs, strongest first.
    pub pairs: Vec<Pair>,
    /// Entities merged across the collection, most mentioned first.
    pub entities: Vec<CollectionEntity>,
}

#[derive(Debug, Clone, Serialize)]
pub struct DocumentReport {
    pub name: String,
    /// The name without folders and extension; the CLI's output files are named after it.
    pub stem: String,
    /// `None` when analyzed; otherwise why the document was skipped.
    pub error: Option<String>,
    /// Encoding the bytes were decoded from, for people ("UTF-8", "Windows-1252", ...).
    pub encoding: Option<String>,
    pub format: Option<Format>,
    pub metadata: Metadata,
    /// The decoded text (for HTML, the page's visible text); all offsets point into it.
    pub text: String,
    /// The article: kept blocks joined, paragraphs separated by blank lines.
    pub clean_text: String,
    pub blocks: Vec<BlockReport>,
    pub words_total: usize,
    pub words_kept: usize,
    /// Index into [`Report::clusters`]; `None` for skipped documents.
    pub cluster: Option<usize>,
    /// Every mention found in the whole text, boilerplate included (see `kept`).
    pub mentions: Vec<MentionReport>,
    /// The document's entities (aliases merged) counted over kept mentions, most mentioned first.
    pub entities: Vec<EntityReport>,
}

/// One block of the document and the verdict on it.
#[derive(Debug, Clone, Serialize)]
pub struct BlockReport {
    pub id: usize,
    pub start: usize,
    pub end: usize,
    /// Whether the block is in the article after the threshold and any restore.
    pub kept: bool,
    /// Kept only because the user restored it.
    pub restored: bool,
    pub label: BlockLabel,
    /// Why, in words a person understands.
    pub reason: String,
    /// Article likelihood in 0..=1; blocks at or above the threshold are kept.
    pub score: f32,
}

#[derive(Debug, Clone, Serialize)]
pub struct MentionReport {
    pub start: usize,
    pub end: usize,
    pub label: EntityLabel,
    pub text: String,
    /// Index into the document's [`DocumentReport::entities`].
    pub entity: usize,
    /// Inside a kept block.
    pub kept: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct EntityReport {
    /// The longest form seen ("Vladimir Putin").
    pub name: String,
    pub label: EntityLabel,
    /// A title or role seen before the name ("Russian President").
    pub title: Option<String>,
    /// Distinct surface forms, most frequent first.
    pub aliases: Vec<String>,
    /// Mentions in kept blocks.
    pub count: usize,
    /// Index into [`Report::entities`].
    pub global: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct CollectionEntity {
    pub name: String,
    pub label: EntityLabel,
    pub aliases: Vec<String>,
    /// Mentions in kept blocks over all documents.
    pub count: usize,
    /// Indices of the documents it occurs in.
    pub documents: Vec<usize>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Cluster {
    pub id: usize,
    /// Document indices; the likely original (earliest date, else longest) first.
    pub members: Vec<usize>,
    /// The strongest relation inside the cluster; `None` for a singleton.
    pub relation: Option<Relation>,
    /// The highest pair score inside the cluster.
    pub score: f32,
}

#[derive(Debug, Clone, Serialize)]
pub struct Pair {
    pub a: usize,
    pub b: usize,
    pub relation: Relation,
    /// Similarity in 0..=1 for the relation's own measure.
    pub score: f32,
    /// Share of `a`'s cleaned text found in `b`, and the reverse (asymmetric).
    pub contained_a_in_b: f32,
    pub contained_b_in_a: f32,
    /// What was compared and what was shared, for a person to check.
    pub explanation: String,
}

/// The report without each document's text, blocks and mentions: what the page holds for the
/// whole collection. The details of one document come from [`Report::documents`] when it is
/// shown, so the page never copies the whole collection's text at once (a 100 MB drop makes a
/// report of several hundred MB).
#[derive(Debug, Serialize)]
pub struct ReportSummary<'a> {
    pub version: &'static str,
    pub options: &'a Options,
    pub documents: Vec<DocumentSummary<'a>>,
    pub clusters: &'a [Cluster],
    pub pairs: Vec<PairSummary>,
    pub entities: &'a [CollectionEntity],
}

/// A [`Pair`] without its explanation: the page asks for one when it is shown. 45,000 pairs of
/// 10,000 articles carry 31 MB of explanations.
#[derive(Debug, Serialize)]
pub struct PairSummary {
    pub a: usize,
    pub b: usize,
    pub relation: Relation,
    pub score: f32,
    pub contained_a_in_b: f32,
    pub contained_b_in_a: f32,
}

/// A [`DocumentReport`] without `text`, `clean_text`, `blocks` and `mentions`, and with only the
/// entities mentioned in the kept text (those the page lists; on scraped pages about half the
/// entities are mentioned only in boilerplate).
#[derive(Debug, Serialize)]
pub struct DocumentSummary<'a> {
    pub name: &'a str,
    pub stem: &'a str,
    pub error: Option<&'a str>,
    pub encoding: Option<&'a str>,
    pub format: Option<Format>,
    pub metadata: &'a Metadata,
    pub words_total: usize,
    pub words_kept: usize,
    pub cluster: Option<usize>,
    pub entities: Vec<EntitySummary<'a>>,
}

/// An [`EntityReport`] as a summary carries it: what the collection's entity (`global`) says
/// is left out. Most of a document's entities have the collection entity's name and label, no
/// title, and their name as their only form; the reader fills these in (`name` and `label` from
/// the collection entity, no title, `aliases` = `[name]`). 10,000 articles name about 200,000
/// entities: this is half their size.
#[derive(Debug, Serialize)]
pub struct EntitySummary<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub label: Option<EntityLabel>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<&'a str>,
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    pub aliases: &'a [String],
    pub count: usize,
    pub global: usize,
}

impl<'a> EntitySummary<'a> {
    fn new(e: &'a EntityReport, collection: &[CollectionEntity]) -> Self {
        let g = collection.get(e.global);
        let only_name = matches!(e.aliases.as_slice(), [alias] if *alias == e.name);
        EntitySummary {
            name: (g.map(|g| &g.name) != Some(&e.name)).then_some(e.name.as_str()),
            label: (g.map(|g| g.label) != Some(e.label)).then_some(e.label),
            title: e.title.as_deref(),
            aliases: if only_name { &[] } else { &e.aliases },
            count: e.count,
            global: e.global,
        }
    }
}

/// What a [`ReportSummary`] gains when the entities are found after the clusters: each
/// document's entities (the `entities` of its [`DocumentSummary`], in document order) and the
/// collection's entities. Everything else is as the first half sent it.
#[derive(Debug, Serialize)]
pub struct EntitiesSummary<'a> {
    pub document_entities: Vec<Vec<EntitySummary<'a>>>,
    pub entities: &'a [CollectionEntity],
}

impl Report {
    pub fn summary(&self) -> ReportSummary<'_> {
        ReportSummary {
            version: self.version,
            options: &self.options,
            documents: self.document_summaries(),
            clusters: &self.clusters,
            pairs: self
                .pairs
                .iter()
                .map(|p| PairSummary {
                    a: p.a,
                    b: p.b,
                    relation: p.relation,
                    score: p.score,
                    contained_a_in_b: p.contained_a_in_b,
                    contained_b_in_a: p.contained_b_in_a,
                })
                .collect(),
            entities: &self.entities,
        }
    }

    /// The part of [`Report::summary`] that the entity step changes.
    pub fn entities_summary(&self) -> EntitiesSummary<'_> {
        EntitiesSummary {
            document_entities: self
                .documents
                .iter()
                .map(|d| kept_entities(d, &self.entities))
                .collect(),
            entities: &self.entities,
        }
    }

    fn document_summaries(&self) -> Vec<DocumentSummary<'_>> {
        self.documents
            .iter()
            .map(|d| DocumentSummary {
                name: &d.name,
                stem: &d.stem,
                error: d.error.as_deref(),
                encoding: d.encoding.as_deref(),
                format: d.format,
                metadata: &d.metadata,
                words_total: d.words_total,
                words_kept: d.words_kept,
                cluster: d.cluster,
                entities: kept_entities(d, &self.entities),
            })
            .collect()
    }

    /// Every analyzed document's cleaned text in one file, each under a "=== name ===" line:
    /// the page's "clean text" download.
    pub fn clean_text_bundle(&self) -> String {
        let mut out = String::new();
        for d in self.documents.iter().filter(|d| d.error.is_none()) {
            if !out.is_empty() {
                out.push('\n');
            }
            out.push_str("=== ");
            out.push_str(&d.name);
            out.push_str(" ===\n\n");
            out.push_str(&d.clean_text);
            if !d.clean_text.ends_with('\n') {
                out.push('\n');
            }
        }
        out
    }
}

/// A document's entities mentioned in its kept text: those the page lists.
fn kept_entities<'a>(
    d: &'a DocumentReport,
    collection: &[CollectionEntity],
) -> Vec<EntitySummary<'a>> {
    d.entities
        .iter()
        .filter(|e| e.count > 0)
        .map(|e| EntitySummary::new(e, collection))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::{CollectionEntity, EntityLabel, EntityReport, EntitySummary};
    use crate::{analyze, Document, Options};

    fn report() -> super::Report {
        let docs = [
            Document::from_text(
                "a.txt",
                "Officials in Berlin said on Monday that the talks would go on.\n\nFollow Reuters on Facebook",
            ),
            Document::new("b.bin", vec![0, 159, 146, 150, 0, 0, 1]),
            Document::from_text(
                "c.txt",
                "Officials in Berlin said on Monday that the talks would go on.",
            ),
        ];
        analyze(&docs, &Options::default())
    }

    #[test]
    fn summary_is_the_report_without_the_per_document_details() {
        let report = report();
        let mut full = serde_json::to_value(&report).unwrap();
        let mut dropped = 0;
        let mut name_only = 0;
        let collection = full["entities"].clone();
        for doc in full["documents"].as_array_mut().unwrap() {
            let doc = doc.as_object_mut().unwrap();
            for key in ["text", "clean_text", "blocks", "mentions"] {
                assert!(
                    doc.remove(key).is_some(),
                    "{key} missing from the full report"
                );
            }
            if let Some(entities) = doc.get_mut("entities").and_then(|e| e.as_array_mut()) {
                let before = entities.len();
                entities.retain(|e| e["count"] != 0);
                dropped += before - entities.len();
                // A summary leaves out what the collection's entity says, a null title and
                // aliases that are only the name.
                for e in entities.iter_mut() {
                    let name = e["name"].clone();
                    let global = &collection[e["global"].as_u64().unwrap() as usize];
                    let e = e.as_object_mut().unwrap();
                    if e["title"].is_null() {
                        e.remove("title");
                    }
                    if e["aliases"] == serde_json::json!([name]) {
                        e.remove("aliases");
                        name_only += 1;
                    }
                    if e["label"] == global["label"] {
                        e.remove("label");
                    }
                    if name == global["name"] {
                        e.remove("name");
                    }
                }
            }
        }
        assert!(dropped > 0, "no entity only in boilerplate: {full}");
        assert!(
            name_only > 0,
            "no entity with its name as its only form: {full}"
        );
        assert!(!full["pairs"].as_array().unwrap().is_empty());
        for pair in full["pairs"].as_array_mut().unwrap() {
            assert!(pair
                .as_object_mut()
                .unwrap()
                .remove("explanation")
                .is_some());
        }
        assert_eq!(serde_json::to_value(report.summary()).unwrap(), full);
    }

    #[test]
    fn a_summary_entity_keeps_only_what_differs_from_the_collection_entity() {
        let putin = CollectionEntity {
            name: "Vladimir Putin".into(),
            label: EntityLabel::Per,
            aliases: vec!["Vladimir Putin".into(), "Putin".into()],
            count: 3,
            documents: vec![0, 1],
        };
        let local = |name: &str, aliases: &[&str], title: Option<&str>| EntityReport {
            name: name.into(),
            label: EntityLabel::Per,
            title: title.map(Into::into),
            aliases: aliases.iter().map(|a| a.to_string()).collect(),
            count: 2,
            global: 0,
        };
        let json = |e: &EntityReport| {
            serde_json::to_string(&EntitySummary::new(e, std::slice::from_ref(&putin))).unwrap()
        };
        assert_eq!(
            json(&local("Vladimir Putin", &["Vladimir Putin"], None)),
            r#"{"count":2,"global":0}"#
        );
        assert_eq!(
            json(&local("Putin", &["Putin"], Some("President"))),
            r#"{"name":"Putin","title":"President","count":2,"global":0}"#
        );
        assert_eq!(
            json(&local("Vladimir Putin", &["Putin", "Vladimir Putin"], None)),
            r#"{"aliases":["Putin","Vladimir Putin"],"count":2,"global":0}"#
        );
    }

    #[test]
    fn entities_summary_is_the_summary_s_documents_and_entities() {
        let report = report();
        let summary = serde_json::to_value(report.summary()).unwrap();
        let part = serde_json::to_value(report.entities_summary()).unwrap();
        let documents = summary["documents"].as_array().unwrap();
        let document_entities: Vec<_> = documents.iter().map(|d| d["entities"].clone()).collect();
        assert_eq!(
            part["document_entities"],
            serde_json::json!(document_entities)
        );
        assert_eq!(part["entities"], summary["entities"]);
        assert!(!summary["entities"].as_array().unwrap().is_empty());
        assert_eq!(part.as_object().unwrap().len(), 2);
    }

    #[test]
    fn clean_text_bundle_names_each_analyzed_document() {
        let report = report();
        assert!(report.documents[1].error.is_some());
        let bundle = report.clean_text_bundle();
        assert!(
            bundle.starts_with("=== a.txt ===\n\nOfficials in Berlin"),
            "{bundle}"
        );
        assert!(bundle.ends_with('\n'));
        assert!(!bundle.contains("b.bin"));
    }
}
