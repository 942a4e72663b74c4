//! The page's binding: a thin layer over the core that only converts values. The worker owns one
//! [`Session`]: it adds documents one at a time (so it can report progress between them), then
//! asks for the report, and asks again, cheaply, after a restore or an option change.
//!
//! Offsets in the report are Unicode code points; the page converts them to UTF-16 indices in
//! `render.js` (`codePointsToUtf16`).

use crate::{dedup, Collection, Document, Options};
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
        self.collection.add(&Document::new(name, bytes.to_vec()))
    }

    /// Adds pasted text.
    #[wasm_bindgen(js_name = addText)]
    pub fn add_text(&mut self, name: String, text: &str) -> usize {
        self.collection.add(&Document::from_text(name, text))
    }

    /// Removes one document; later indices shift down by one.
    pub fn remove(&mut self, index: usize) {
        self.collection.remove(index);
    }

    pub fn clear(&mut self) {
        self.collection.clear();
    }

    #[wasm_bindgen(getter)]
    pub fn length(&self) -> usize {
        self.collection.len()
    }

    /// The full report for `options` (a plain object shaped like the core's `Options`; missing
    /// fields take their defaults), as the JSON text that `gleaner analyze` prints.
    ///
    /// JSON text rather than a JS object: on a 5 MB collection, serde_json plus `JSON.parse`
    /// crossed in 0.35 s where serde-wasm-bindgen took 0.9 s (`scripts/bench`), and the page sees
    /// byte for byte the CLI's shape.
    pub fn report(&mut self, options: JsValue) -> Result<String, JsError> {
        let options: Options = if options.is_undefined() || options.is_null() {
            Options::default()
        } else {
            serde_wasm_bindgen::from_value(options)?
        };
        Ok(serde_json::to_string(&self.collection.report(&options))?)
    }
}

/// Times every stage on `corpus` (JSON text: `[{"name", "text"}, ...]`, the file the native bench
/// writes), with the same code as the native bench; returns `bench::StageTimes` as JSON text.
/// Used by `scripts/bench-wasm.mjs` only.
#[wasm_bindgen(js_name = benchStages)]
pub fn bench_stages(corpus: &str) -> Result<String, JsError> {
    #[derive(serde::Deserialize)]
    struct Doc {
        name: String,
        text: String,
    }
    let docs: Vec<Doc> = serde_json::from_str(corpus)?;
    let docs: Vec<(String, String)> = docs.into_iter().map(|d| (d.name, d.text)).collect();
    let times = crate::bench::run_stages(&docs, || js_sys::Date::now() / 1000.0);
    Ok(serde_json::to_string(&times)?)
}

/// Shared passages of two texts, matched sentence to sentence, also when their order differs,
/// as JSON text (the shape of `dedup::Alignment`).
#[wasm_bindgen]
pub fn align(a: &str, b: &str) -> Result<String, JsError> {
    Ok(serde_json::to_string(&dedup::align(a, b))?)
}
