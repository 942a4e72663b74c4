//! Per-stage timing for the benchmarks, shared by the native bench (`examples/bench.rs`) and the
//! wasm build (`benchStages` in `wasm.rs`), so both sides run the very same code on the very same
//! corpus. The caller brings the clock (seconds as `f64`): the core itself reads no timer.

use crate::{analyze, boilerplate, decode, dedup, entities, segment, Document, Options};
use serde::Serialize;

/// Seconds spent in each stage, in pipeline order, and what the stages found.
#[derive(Debug, Clone, Serialize)]
pub struct StageTimes {
    pub documents: usize,
    pub bytes: usize,
    /// Whitespace-separated tokens, for the entity stage's tokens/s.
    pub tokens: usize,
    pub stages: Vec<(&'static str, f64)>,
    pub pairs: usize,
    pub clusters: usize,
}

/// Runs decode, segment, entities, boilerplate and dedup one after the other over `docs`
/// (name, text), then the whole `analyze`, timing each with `now`.
pub fn run_stages(docs: &[(String, String)], mut now: impl FnMut() -> f64) -> StageTimes {
    let mut stages = Vec::new();
    let mut lap = |name: &'static str, start: f64, now: &mut dyn FnMut() -> f64| {
        stages.push((name, now() - start));
    };
    let t = now();
    let decoded: Vec<decode::Decoded> = docs
        .iter()
        .filter_map(|(n, text)| decode::decode(text.as_bytes(), n).ok())
        .collect();
    lap("decode", t, &mut now);

    let t = now();
    let blocks: Vec<Vec<segment::Block>> =
        decoded.iter().map(|d| segment::lines(&d.text)).collect();
    lap("segment", t, &mut now);

    let t = now();
    let mut tokens = 0;
    for d in &decoded {
        std::hint::black_box(entities::recognize(&d.text));
        tokens += d.text.split_whitespace().count();
    }
    lap("entities", t, &mut now);

    let t = now();
    let views: Vec<Option<(&str, &[segment::Block])>> = decoded
        .iter()
        .zip(&blocks)
        .map(|(d, b)| Some((d.text.as_str(), b.as_slice())))
        .collect();
    let templates = boilerplate::Templates::from_collection(&views);
    let cleaned: Vec<String> = decoded
        .iter()
        .zip(&blocks)
        .map(|(d, b)| {
            let verdicts = boilerplate::classify(&d.text, b, &templates);
            b.iter()
                .zip(&verdicts)
                .filter(|(_, v)| v.score >= 0.5)
                .map(|(blk, _)| &d.text[blk.range.clone()])
                .collect::<Vec<_>>()
                .join("\n")
        })
        .collect();
    lap("boilerplate", t, &mut now);

    let t = now();
    let inputs: Vec<Option<dedup::Input>> = cleaned
        .iter()
        .map(|c| {
            Some(dedup::Input {
                text: c,
                date: None,
            })
        })
        .collect();
    let links = dedup::link(&inputs, &Options::default());
    lap("dedup", t, &mut now);

    let t = now();
    let all: Vec<Document> = docs
        .iter()
        .map(|(n, text)| Document::from_text(n.clone(), text))
        .collect();
    std::hint::black_box(analyze(&all, &Options::default()));
    lap("analyze (all stages)", t, &mut now);

    StageTimes {
        documents: docs.len(),
        bytes: docs.iter().map(|(_, t)| t.len()).sum(),
        tokens,
        stages,
        pairs: links.pairs.len(),
        clusters: links.clusters.len(),
    }
}

/// A news page of about 100 KB built from the corpus's paragraphs, with a menu and a footer:
/// the page both benches clean.
pub fn html_page(docs: &[(String, String)]) -> String {
    let mut html = String::from(
        "<!doctype html><html><head><title>Bench page</title></head><body><nav>\
         <a href=\"./\">Home</a> <a href=\"./world\">World</a></nav><article><h1>Bench page</h1>",
    );
    let paragraphs = docs
        .iter()
        .flat_map(|(_, text)| text.lines())
        .filter(|p| p.len() > 40);
    for p in paragraphs {
        if html.len() > 100_000 {
            break;
        }
        html.push_str("<p>");
        html.extend(
            p.chars()
                .map(|c| if matches!(c, '<' | '&') { ' ' } else { c }),
        );
        html.push_str("</p>");
    }
    html.push_str("</article><footer>Copyright 2026. All rights reserved.</footer></body></html>");
    html
}

/// A decoded page's visible text, blocks and metadata, made as the pipeline makes them: for the
/// examples that dump or time extraction.
pub fn text_and_blocks(
    decoded: decode::Decoded,
) -> (String, Vec<segment::Block>, crate::html::Metadata) {
    crate::text_and_blocks(decoded)
}

/// Cleans one HTML page the way the pipeline does (decode, parse, block verdicts), without
/// entity recognition, and returns how many blocks were kept: the bench times a 100 KB page with
/// it, the "page cleaned" figure of the extraction target.
pub fn clean_html_page(bytes: &[u8]) -> usize {
    let Ok(decoded) = decode::decode(bytes, "page.html") else {
        return 0;
    };
    let (text, blocks, _) = crate::text_and_blocks(decoded);
    let templates =
        boilerplate::Templates::from_collection(&[Some((text.as_str(), blocks.as_slice()))]);
    boilerplate::classify(&text, &blocks, &templates)
        .iter()
        .filter(|v| v.score >= 0.5)
        .count()
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_page_is_cleaned_without_its_navigation() {
        let page = "<html><body><nav><a href='/'>Home</a> <a href='/w'>World</a></nav><article>\
            <p>The council voted on Tuesday to keep the old bridge open for another ten years, \
            officials said after a long meeting.</p><p>Repairs will start in the spring and \
            cost about four million euros, the mayor told reporters.</p></article></body></html>";
        let kept = super::clean_html_page(page.as_bytes());
        assert!((1..=3).contains(&kept), "{kept} blocks kept");
    }
}
