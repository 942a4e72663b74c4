//! The page's binding: a thin layer over the core that only converts values. The worker owns one
//! [`Session`]: it adds documents one at a time (so it can report progress between them), then
//! asks for the report, and asks again, cheaply, after a restore or an option change.
//!
//! Offsets in the report are Unicode code points; the page converts them to UTF-16 indices in
//! `render.js` (`codePointsToUtf16`).

use crate::{assemble, dedup, prepare, Document, Options, Prepared};
use serde::Serialize;
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
        }
    }

    pub fn clear(&mut self) {
        self.prepared.clear();
    }

    #[wasm_bindgen(getter)]
    pub fn length(&self) -> usize {
        self.prepared.len()
    }

    /// The full report for `options` (a plain object shaped like the core's `Options`; missing
    /// fields take their defaults), in the same JSON shape that `gleaner analyze` prints.
    pub fn report(&self, options: JsValue) -> Result<JsValue, JsError> {
        let options: Options = if options.is_undefined() || options.is_null() {
            Options::default()
        } else {
            serde_wasm_bindgen::from_value(options)?
        };
        to_js(&assemble(&self.prepared, &options))
    }
}

/// Shared passages of two texts, matched sentence to sentence, also when their order differs.
#[wasm_bindgen]
pub fn align(a: &str, b: &str) -> Result<JsValue, JsError> {
    to_js(&dedup::align(a, b))
}

fn to_js<T: Serialize>(value: &T) -> Result<JsValue, JsError> {
    // json_compatible: maps become plain objects, so the page sees what the CLI prints.
    let serializer = serde_wasm_bindgen::Serializer::json_compatible();
    Ok(value.serialize(&serializer)?)
}
