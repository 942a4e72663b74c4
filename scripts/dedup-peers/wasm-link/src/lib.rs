//! `link(texts)`: runs gleaner's `dedup::link` on the texts and returns the number of linked
//! pairs; the caller times it.
use gleaner::dedup::{link as dedup_link, Input};
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
pub fn link(texts: Vec<String>) -> usize {
    let inputs: Vec<Option<Input>> = texts
        .iter()
        .map(|t| {
            Some(Input {
                text: t,
                date: None,
            })
        })
        .collect();
    dedup_link(&inputs, &gleaner::Options::default())
        .pairs
        .len()
}
