//! Any bytes, as one to three files of any kind, through the whole pipeline: decode, HTML
//! parsing, segmentation, boilerplate, entities, duplicates and the report, then the alignment
//! the compare view asks for. The core must never panic; a crash found here becomes a
//! regression test in `tests/properties.rs`.

#![no_main]

use gleaner::{analyze, Document, Options};
use libfuzzer_sys::fuzz_target;

/// Files are separated by this byte pair, so one input can make a small collection.
const SEPARATOR: &[u8] = b"\xff\x00\xff";

fuzz_target!(|data: &[u8]| {
    let Some((&kind, rest)) = data.split_first() else {
        return;
    };
    let ext = ["txt", "html", "md", "htm"][usize::from(kind % 4)];
    let docs: Vec<Document> = split(rest)
        .into_iter()
        .take(3)
        .enumerate()
        .map(|(i, bytes)| Document::new(format!("f{i}.{ext}"), bytes.to_vec()))
        .collect();
    let options = Options {
        keep_threshold: f32::from(kind >> 4) / 15.0,
        ..Options::default()
    };
    let report = analyze(&docs, &options);
    if let [a, b, ..] = report.documents.as_slice() {
        gleaner::dedup::align(&a.clean_text, &b.clean_text);
    }
});

fn split(data: &[u8]) -> Vec<&[u8]> {
    let mut parts = Vec::new();
    let mut rest = data;
    while let Some(at) = rest.windows(SEPARATOR.len()).position(|w| w == SEPARATOR) {
        parts.push(&rest[..at]);
        rest = &rest[at + SEPARATOR.len()..];
    }
    parts.push(rest);
    parts
}
