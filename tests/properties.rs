//! Properties that goldens cannot cover: the core never panics on any input, every reported span
//! slices back to its text, and duplicate scores are symmetric.
//!
//! Native only: proptest is a dev-dependency off wasm32 (see Cargo.toml).
#![cfg(not(target_arch = "wasm32"))]

use gleaner::{analyze, Document, Options};
use proptest::prelude::*;

/// Text built from pieces that stress offsets and segmentation.
fn texty() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("Vladimir Putin".to_owned()),
        Just(" met ".to_owned()),
        Just("Olaf Scholz in Moscow on Tuesday, 3 March 2022".to_owned()),
        Just(". ".to_owned()),
        Just("\r\n".to_owned()),
        Just("\n\n".to_owned()),
        Just("€4.5bn".to_owned()),
        Just("😀".to_owned()),
        Just("«Кремль» заявил".to_owned()),
        Just("北京".to_owned()),
        Just("<p>".to_owned()),
        Just("“quoted”".to_owned()),
        Just("Leave a Reply".to_owned()),
        "[a-zA-Z ,.'’-]{0,30}",
        any::<char>().prop_map(String::from),
    ];
    proptest::collection::vec(piece, 0..40).prop_map(|v| v.concat())
}

fn check_spans(text_in: &str) {
    let report = analyze(
        &[Document::from_text("t.txt", text_in)],
        &Options::default(),
    );
    let d = &report.documents[0];
    if d.error.is_some() {
        return;
    }
    let chars: Vec<char> = d.text.chars().collect();
    for b in &d.blocks {
        assert!(b.start <= b.end && b.end <= chars.len());
        assert!((0.0..=1.0).contains(&b.score));
    }
    for m in &d.mentions {
        let got: String = chars[m.start..m.end].iter().collect();
        assert_eq!(got, m.text);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn never_panics_on_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..2000)) {
        let report = analyze(&[Document::new("x", bytes.clone()), Document::new("y.html", bytes)], &Options::default());
        prop_assert_eq!(report.documents.len(), 2);
    }

    #[test]
    fn spans_slice_back_to_their_text(text in texty()) {
        check_spans(&text);
    }

    #[test]
    fn html_spans_slice_back(text in texty()) {
        check_spans(&format!("<html><body><p>{text}</p><nav>Home</nav></body></html>"));
    }

    #[test]
    fn dedup_is_symmetric_and_identical_texts_are_exact(a in texty(), b in texty()) {
        let docs_ab = [Document::from_text("a", &a), Document::from_text("b", &b)];
        let docs_ba = [Document::from_text("b", &b), Document::from_text("a", &a)];
        let ab = analyze(&docs_ab, &Options::default());
        let ba = analyze(&docs_ba, &Options::default());
        let score = |r: &gleaner::Report| r.pairs.first().map(|p| (p.relation, (p.score * 1e4).round()));
        prop_assert_eq!(score(&ab), score(&ba));
        let same = analyze(&[Document::from_text("a", &a), Document::from_text("a2", &a)], &Options::default());
        if same.documents[0].error.is_none() && same.documents[0].words_kept > 0 {
            prop_assert_eq!(same.pairs.first().map(|p| p.relation), Some(gleaner::Relation::Exact));
        }
    }
}

#[test]
fn a_thousand_small_documents() {
    let docs: Vec<Document> = (0..1000)
        .map(|i| {
            Document::from_text(
                format!("d{i}.txt"),
                &format!(
                    "Story number {i} says the council met on day {i} to discuss budget line {}.",
                    i * 7
                ),
            )
        })
        .collect();
    let report = analyze(&docs, &Options::default());
    assert_eq!(report.documents.len(), 1000);
    let clustered: usize = report.clusters.iter().map(|c| c.members.len()).sum();
    assert_eq!(clustered, 1000);
}
