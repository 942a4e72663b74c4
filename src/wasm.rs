//! The page's binding: a thin layer over the core that only converts values. The worker owns one
//! [`Session`]: it adds documents one at a time (so it can report progress between them), then
//! asks for the report, and asks again, cheaply, after a restore or an option change.
//!
//! Offsets in the report are Unicode code points; the page converts them to UTF-16 indices in
//! `render.js` (`codePointsToUtf16`).

use crate::report::Report;
use crate::{dedup, tag_document, Collection, Document, Options, Step};
use wasm_bindgen::prelude::*;

#[wasm_bindgen(start)]
pub fn start() {
    console_error_panic_hook::set_once();
}

/// The crate version, shown in the page footer.
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_owned()
}

/// The page's collection; the collection-level stages run in [`Session::report`].
#[wasm_bindgen]
#[derive(Default)]
pub struct Session {
    collection: Collection,
    /// The last report: [`Session::document`] and the exports read from it.
    last: Option<Report>,
    /// `last` came from [`Session::report_clusters`] and waits for [`Session::report_entities`].
    entities_pending: bool,
}

#[wasm_bindgen]
impl Session {
    #[wasm_bindgen(constructor)]
    pub fn new() -> Session {
        Session::default()
    }

    /// Decodes, segments and tags a file; returns its index. A file that cannot be analyzed
    /// (binary, empty) is still added, and the report says why it was skipped.
    #[wasm_bindgen(js_name = addFile)]
    pub fn add_file(&mut self, name: String, bytes: &[u8]) -> usize {
        self.entities_pending = false;
        self.collection.add(&Document::new(name, bytes.to_vec()))
    }

    /// Adds pasted text.
    #[wasm_bindgen(js_name = addText)]
    pub fn add_text(&mut self, name: String, text: &str) -> usize {
        self.entities_pending = false;
        self.collection.add(&Document::from_text(name, text))
    }

    /// Removes one document; later indices shift down by one.
    pub fn remove(&mut self, index: usize) {
        self.collection.remove(index);
        self.last = None;
        self.entities_pending = false;
    }

    pub fn clear(&mut self) {
        self.collection.clear();
        self.last = None;
        self.entities_pending = false;
    }

    /// Tags document `index` now, unless done before: the page has this worker tag its share
    /// of a big collection while another worker tags the rest ([`tag_file`]).
    pub fn tag(&mut self, index: usize) {
        self.collection.tag(index);
    }

    /// Mentions of document `index` from [`tag_file`] in another worker; returns whether they
    /// were taken (they are ignored unless they fit the document's text).
    #[wasm_bindgen(js_name = setMentions)]
    pub fn set_mentions(&mut self, index: usize, packed: &[u32]) -> bool {
        self.collection.set_mentions(index, packed)
    }

    #[wasm_bindgen(getter)]
    pub fn length(&self) -> usize {
        self.collection.len()
    }

    /// The report for `options` (a plain object shaped like the core's `Options`; missing
    /// fields take their defaults) as JSON text, in its summary shape ([`Report::summary`]):
    /// the page asks for one document's details with [`Session::document`].
    ///
    /// JSON text rather than a JS object: on a 5 MB collection, serde_json plus `JSON.parse`
    /// crossed in 0.35 s where serde-wasm-bindgen took 0.9 s (`scripts/bench`).
    ///
    /// `on_progress(step, done, total)`, if given, is called as the work goes on (`Step`'s
    /// names: "boilerplate", "articles", "duplicates", "entities"); the worker forwards it to
    /// the page's progress bar.
    pub fn report(
        &mut self,
        options: JsValue,
        on_progress: Option<js_sys::Function>,
    ) -> Result<String, JsError> {
        self.report_clusters(options, on_progress.clone())?;
        Ok(serde_json::to_string(
            &self.finish_entities(on_progress)?.summary(),
        )?)
    }

    /// The first half of [`Session::report`]: the summary with the duplicates found and the
    /// entity lists still empty. A big drop shows its clusters while the entities are tagged.
    #[wasm_bindgen(js_name = reportClusters)]
    pub fn report_clusters(
        &mut self,
        options: JsValue,
        on_progress: Option<js_sys::Function>,
    ) -> Result<String, JsError> {
        let options: Options = if options.is_undefined() || options.is_null() {
            Options::default()
        } else {
            serde_wasm_bindgen::from_value(options)?
        };
        let report = self.last.insert(
            self.collection
                .report_clusters(&options, &mut progress_to(on_progress)),
        );
        self.entities_pending = true;
        Ok(serde_json::to_string(&report.summary())?)
    }

    /// The second half: entities tagged (where [`Session::set_mentions`] gave none) and merged
    /// into the report [`Session::report_clusters`] made. Returns what changed, as JSON text
    /// ([`crate::report::EntitiesSummary`]: documents and entities): the first half's pairs
    /// and clusters stand.
    #[wasm_bindgen(js_name = reportEntities)]
    pub fn report_entities(
        &mut self,
        on_progress: Option<js_sys::Function>,
    ) -> Result<String, JsError> {
        Ok(serde_json::to_string(
            &self.finish_entities(on_progress)?.entities_summary(),
        )?)
    }

    /// One document of the last report, whole (text, blocks, mentions), as JSON text.
    pub fn document(&self, index: usize) -> Result<String, JsError> {
        let doc = self
            .last_report()?
            .documents
            .get(index)
            .ok_or_else(|| JsError::new(&format!("no document {index}")))?;
        Ok(serde_json::to_string(doc)?)
    }

    /// Why pair `index` of the last report was linked: the summary leaves the explanations out.
    pub fn explanation(&self, index: usize) -> Result<String, JsError> {
        self.last_report()?
            .pairs
            .get(index)
            .map(|p| p.explanation.clone())
            .ok_or_else(|| JsError::new(&format!("no pair {index}")))
    }

    /// The last report whole, as the UTF-8 bytes of the JSON that `gleaner analyze` prints.
    /// Bytes, not a string: a big collection's report outgrows the longest JS string.
    #[wasm_bindgen(js_name = reportJson)]
    pub fn report_json(&self) -> Result<Vec<u8>, JsError> {
        let mut bytes = serde_json::to_vec_pretty(self.last_report()?)?;
        bytes.push(b'\n');
        Ok(bytes)
    }

    /// The cleaned texts of the last report in one file ([`Report::clean_text_bundle`]).
    #[wasm_bindgen(js_name = cleanTexts)]
    pub fn clean_texts(&self) -> Result<Vec<u8>, JsError> {
        Ok(self.last_report()?.clean_text_bundle().into_bytes())
    }
}

/// Decodes, segments and tags a file as [`Session::add_file`] would, for another worker's
/// session ([`Session::set_mentions`]): the page tags on a second core while the first finds
/// the boilerplate and the duplicates. `undefined` for a file that would be skipped.
#[wasm_bindgen(js_name = tagFile)]
pub fn tag_file(name: String, bytes: &[u8]) -> Option<Vec<u32>> {
    tag_document(&Document::new(name, bytes.to_vec()))
}

/// A progress callback that forwards to `f(step, done, total)`, if there is one.
fn progress_to(f: Option<js_sys::Function>) -> impl FnMut(Step, usize, usize) {
    move |step, done, total| {
        if let Some(f) = &f {
            // A throwing callback only costs the progress bar.
            let _ = f.call3(
                &JsValue::NULL,
                &JsValue::from_str(step.as_str()),
                &JsValue::from(done as u32),
                &JsValue::from(total as u32),
            );
        }
    }
}

impl Session {
    /// Adds the entities to the report [`Session::report_clusters`] left waiting.
    fn finish_entities(
        &mut self,
        on_progress: Option<js_sys::Function>,
    ) -> Result<&Report, JsError> {
        let report = match &mut self.last {
            Some(report) if self.entities_pending => report,
            _ => return Err(JsError::new("no report is waiting for its entities")),
        };
        self.collection
            .add_entities(report, &mut progress_to(on_progress));
        self.entities_pending = false;
        Ok(report)
    }

    fn last_report(&self) -> Result<&Report, JsError> {
        self.last
            .as_ref()
            .ok_or_else(|| JsError::new("there is no report yet"))
    }
}

/// Times every stage on `corpus` (JSON text: `[{"name", "text"}, ...]`, the file the native bench
/// writes), with the same code as the native bench; returns `bench::StageTimes` as JSON text.
/// Used by `scripts/bench-wasm.mjs` only.
#[wasm_bindgen(js_name = benchStages)]
pub fn bench_stages(corpus: &str) -> Result<String, JsError> {
    let times = crate::bench::run_stages(&corpus_docs(corpus)?, || js_sys::Date::now() / 1000.0);
    Ok(serde_json::to_string(&times)?)
}

/// The bench corpus: JSON text `[{"name", "text"}, ...]`.
fn corpus_docs(corpus: &str) -> Result<Vec<(String, String)>, JsError> {
    #[derive(serde::Deserialize)]
    struct Doc {
        name: String,
        text: String,
    }
    let docs: Vec<Doc> = serde_json::from_str(corpus)?;
    Ok(docs.into_iter().map(|d| (d.name, d.text)).collect())
}

/// The bench's 100 KB news page (`bench::html_page`) built from `corpus` (as for `benchStages`).
#[wasm_bindgen(js_name = benchHtmlPage)]
pub fn bench_html_page(corpus: &str) -> Result<String, JsError> {
    Ok(crate::bench::html_page(&corpus_docs(corpus)?))
}

/// Cleans one HTML page without entity recognition (`bench::clean_html_page`); returns the
/// number of kept blocks. Used by `scripts/bench-wasm.mjs` only.
#[wasm_bindgen(js_name = benchCleanPage)]
pub fn bench_clean_page(bytes: &[u8]) -> usize {
    crate::bench::clean_html_page(bytes)
}

/// Shared passages of two texts, matched sentence to sentence, also when their order differs,
/// as JSON text (the shape of `dedup::Alignment`).
#[wasm_bindgen]
pub fn align(a: &str, b: &str) -> Result<String, JsError> {
    Ok(serde_json::to_string(&dedup::align(a, b))?)
}
