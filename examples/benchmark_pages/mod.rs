//! The extraction benchmark's HTML pages (`DIR/*.html.gz`), read for the examples that run
//! over all of them (`dump_boilerplate`, `bench`).

use std::io::Read;
use std::path::Path;

/// Every page of `dir` as (id, decompressed bytes), sorted by id.
pub fn load(dir: &Path) -> std::io::Result<Vec<(String, Vec<u8>)>> {
    let mut pages = Vec::new();
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        let Some(id) = path
            .file_name()
            .and_then(|n| n.to_str())
            .and_then(|n| n.strip_suffix(".html.gz"))
        else {
            continue;
        };
        let mut bytes = Vec::new();
        flate2::read::GzDecoder::new(std::fs::File::open(&path)?).read_to_end(&mut bytes)?;
        pages.push((id.to_owned(), bytes));
    }
    pages.sort();
    Ok(pages)
}
