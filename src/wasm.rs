//! The page's binding: a thin layer over the core that only converts values. The worker owns one
//! [`Session`]: it adds documents one at a time (so it can report progress between them), then
//! asks for the report, and asks again, cheaply, after a restore or an option change.
//!
//! Offsets in the report are Unicode code points; the page converts them to UTF-16 indices in
//! `render.js` (`codePointsToUtf16`).

use crate::{
    assemble_with, classify_collection, dedup, prepare, Document, Options, Prepared, Verdicts,
};
use std::cell::RefCell;
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

/// Documents prepared so far; the collection-level stages run in [`Session::report`].
#[wasm_bindgen]
#[derive(Default)]
pub struct Session {
    prepared: Vec<Prepared>,
    /// Boilerplate verdicts of `prepared`, kept between reports: a threshold change or a
    /// restore does not re-classify. Cleared whenever the documents change.
    verdicts: RefCell<Option<Verdicts>>,
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
        self.prepared
            .push(prepare(&Document::new(name, bytes.to_vec())));
        self.prepared.len() - 1
    }

    /// Adds pasted text.
    #[wasm_bindgen(js_name = addText)]
    pub fn add_text(&mut self, name: String, text: &str) -> usize {
        self.prepared
            .push(prepare(&Document::from_text(name, text)));
        self.prepared.len() - 1
    }

    /// Removes one document; later indices shift down by one.
    pub fn remove(&mut self, index: usize) {
        if index < self.prepared.len() {
            self.prepared.remove(index);
            self.verdicts.take();
        }
    }

    pub fn clear(&mut self) {
        self.prepared.clear();
        self.verdicts.take();
    }

    #[wasm_bindgen(getter)]
    pub fn length(&self) -> usize {
        self.prepared.len()
    }

    /// The full report for `options` (a plain object shaped like the core's `Options`; missing
    /// fields take their defaults), as the JSON text that `gleaner analyze` prints.
    ///
    /// JSON text rather than a JS object: on a 5 MB collection, serde_json plus `JSON.parse`
    /// crossed in 0.35 s where serde-wasm-bindgen took 0.9 s (`scripts/bench`), and the page sees
    /// byte for byte the CLI's shape.
    pub fn report(&self, options: JsValue) -> Result<String, JsError> {
        let options: Options = if options.is_undefined() || options.is_null() {
            Options::default()
        } else {
            serde_wasm_bindgen::from_value(options)?
        };
        let mut cache = self.verdicts.borrow_mut();
        let verdicts = cache.get_or_insert_with(|| classify_collection(&self.prepared));
        let report = assemble_with(&self.prepared, verdicts, &options);
        Ok(serde_json::to_string(&report)?)
    }
}

/// Shared passages of two texts, matched sentence to sentence, also when their order differs,
/// as JSON text (the shape of `dedup::Alignment`).
#[wasm_bindgen]
pub fn align(a: &str, b: &str) -> Result<String, JsError> {
    Ok(serde_json::to_string(&dedup::align(a, b))?)
}
