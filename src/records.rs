//! JSON Lines dumps of scraped articles (`.jsonl`, `.ndjson`): one article per record. The CLI
//! splits them here; the page does the same in `www/parts.js` (on the page's side, so that each
//! record is an input of its own), with the same fields and names.

use crate::Document;

/// Fields that hold the article, in order of preference.
pub const TEXT_FIELDS: [&str; 6] = [
    "text",
    "content",
    "body",
    "article",
    "maintext",
    "full_text",
];
/// Fields that name it.
pub const NAME_FIELDS: [&str; 4] = ["title", "headline", "url", "id"];

/// The records of a JSON Lines dump named `name` as documents named "name › title" (or URL, id,
/// line number); `None` when it is not such a dump: another extension, not UTF-8, or a line
/// that is not an object with a text field. Blank lines are skipped.
pub fn json_lines(name: &str, bytes: &[u8]) -> Option<Vec<Document>> {
    let lower = name.to_ascii_lowercase();
    if !(lower.ends_with(".jsonl") || lower.ends_with(".ndjson")) {
        return None;
    }
    let text = std::str::from_utf8(bytes).ok()?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut docs = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let value: serde_json::Value = serde_json::from_str(line).ok()?;
        let object = value.as_object()?;
        let body = TEXT_FIELDS
            .iter()
            .find_map(|f| object.get(*f).and_then(|v| v.as_str()))?;
        let label = NAME_FIELDS
            .iter()
            .find_map(|f| match object.get(*f) {
                Some(serde_json::Value::String(s)) => Some(s.chars().take(120).collect()),
                Some(serde_json::Value::Number(n)) => Some(n.to_string()),
                _ => None,
            })
            .unwrap_or_else(|| format!("line {}", i + 1));
        docs.push(Document::from_text(format!("{name} › {label}"), body));
    }
    (!docs.is_empty()).then_some(docs)
}

#[cfg(test)]
mod tests {
    use super::json_lines;

    #[test]
    fn records_become_documents_named_by_title_url_or_id() {
        let dump = concat!(
            r#"{"title": "Scholz in Moscow", "text": "Olaf Scholz met Vladimir Putin.", "url": "https://a.example/1"}"#,
            "\n\n",
            r#"{"url": "https://b.example/2", "content": "Ein zweiter Artikel."}"#,
            "\n",
            r#"{"id": 7, "body": "Third."}"#,
            "\n",
            r#"{"maintext": "Fourth, unnamed."}"#,
        );
        let docs = json_lines("dump.jsonl", dump.as_bytes()).unwrap();
        let names: Vec<&str> = docs.iter().map(|d| d.name.as_str()).collect();
        assert_eq!(
            names,
            [
                "dump.jsonl › Scholz in Moscow",
                "dump.jsonl › https://b.example/2",
                "dump.jsonl › 7",
                "dump.jsonl › line 5",
            ]
        );
        assert_eq!(docs[1].bytes, "Ein zweiter Artikel.".as_bytes());
    }

    #[test]
    fn anything_else_is_not_a_dump() {
        let line = r#"{"text": "ok"}"#;
        assert!(json_lines("dump.txt", line.as_bytes()).is_none());
        assert!(json_lines("a.jsonl", format!("{line}\nnot json").as_bytes()).is_none());
        assert!(json_lines("a.ndjson", br#"{"title": "no text"}"#).is_none());
        assert!(json_lines("a.jsonl", b"\xff\xfe{").is_none());
        assert!(json_lines("a.jsonl", b"\n\n").is_none());
        assert!(json_lines("A.JSONL", line.as_bytes()).is_some());
    }
}
