//! The command-line contract, run on the real binary: `clean`, `entities`, `dedup`, `analyze`,
//! standard input, `--out-dir`, errors on stderr with a non-zero exit. Regression tests are named
//! after what found them.

use serde_json::Value;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

fn gleaner(args: &[&str], stdin: Option<&[u8]>) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_gleaner"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("binary runs");
    if let Some(input) = stdin {
        child.stdin.take().unwrap().write_all(input).unwrap();
    }
    drop(child.stdin.take());
    child.wait_with_output().unwrap()
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).expect("utf-8 output")
}

fn sample(name: &str) -> String {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("www/samples");
    let found = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .find(|p| p.file_name().unwrap().to_string_lossy().starts_with(name))
        .unwrap_or_else(|| panic!("no sample {name}"));
    found.to_string_lossy().into_owned()
}

/// A fresh temporary directory for one test.
fn temp_dir(test: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("gleaner-cli-{}-{test}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[test]
fn help_documents_every_command() {
    let o = gleaner(&["--help"], None);
    assert!(o.status.success());
    let help = stdout(&o);
    for word in [
        "clean",
        "entities",
        "dedup",
        "analyze",
        "--out-dir",
        "code point",
        "standard input",
    ] {
        assert!(help.contains(word), "help lacks {word:?}");
    }
}

#[test]
fn usage_errors_exit_2_on_stderr() {
    for args in [
        &["frobnicate", "x"][..],
        &["clean"][..],
        &["clean", "--threshold", "7", "x"][..],
        &[][..],
    ] {
        let o = gleaner(args, None);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        assert!(o.stdout.is_empty());
        assert!(
            String::from_utf8_lossy(&o.stderr).contains("gleaner: "),
            "{args:?}"
        );
    }
}

#[test]
fn missing_file_is_a_clear_error() {
    let o = gleaner(&["clean", "/nonexistent/file.txt"], None);
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("cannot read /nonexistent/file.txt"));
}

#[test]
fn clean_one_file_prints_just_its_text() {
    let o = gleaner(&["clean", &sample("003")], None);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let text = stdout(&o);
    assert!(text.contains("At his annual conference in Moscow"));
    assert!(!text.contains("Leave a Reply"));
    assert!(!text.contains("==>"));
}

#[test]
fn clean_from_stdin() {
    let input = "Olaf Scholz met Vladimir Putin in Moscow on Tuesday to discuss the crisis in Ukraine.\n\nShare this article\n";
    let o = gleaner(&["clean", "-"], Some(input.as_bytes()));
    assert!(o.status.success());
    assert!(stdout(&o).contains("Olaf Scholz met Vladimir Putin"));
}

#[test]
fn clean_out_dir_writes_one_file_per_input() {
    let dir = temp_dir("clean");
    let o = gleaner(
        &[
            "clean",
            &sample("000"),
            &sample("001"),
            "--out-dir",
            dir.to_str().unwrap(),
        ],
        None,
    );
    assert!(o.status.success());
    assert!(o.stdout.is_empty());
    let text = std::fs::read_to_string(dir.join("000_e77f80073e250d68.txt")).unwrap();
    assert!(text.contains("Russia has opposed the potential admission"));
    assert!(dir.join("001_2d5d7ecc40b0869e.txt").exists());
}

#[test]
fn entities_out_dir_offsets_are_code_points_into_the_decoded_text() {
    let dir = temp_dir("entities");
    let path = sample("000");
    let o = gleaner(
        &["entities", &path, "--out-dir", dir.to_str().unwrap()],
        None,
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let json: Value = serde_json::from_str(
        &std::fs::read_to_string(dir.join("000_e77f80073e250d68.json")).unwrap(),
    )
    .unwrap();
    let text: Vec<char> = std::fs::read_to_string(&path).unwrap().chars().collect();
    let spans = json.as_array().expect("array");
    assert!(!spans.is_empty());
    let labels = [
        "PER", "ORG", "LOC", "MISC", "DATE", "TIME", "MONEY", "PERCENT", "NUMBER",
    ];
    for s in spans {
        let (start, end) = (
            s["start"].as_u64().unwrap() as usize,
            s["end"].as_u64().unwrap() as usize,
        );
        let got: String = text[start..end].iter().collect();
        assert_eq!(got, s["text"].as_str().unwrap(), "span {s}");
        assert!(labels.contains(&s["label"].as_str().unwrap()));
    }
    assert!(spans
        .iter()
        .any(|s| s["text"] == "Vladimir Putin" && s["label"] == "PER"));
}

#[test]
fn entities_without_out_dir_prints_an_object_keyed_by_stem() {
    let o = gleaner(&["entities", &sample("003"), &sample("004")], None);
    let json: Value = serde_json::from_str(&stdout(&o)).unwrap();
    let obj = json.as_object().unwrap();
    assert_eq!(obj.len(), 2);
    assert!(obj.contains_key("003_e558128c81437959"));
}

#[test]
fn dedup_lists_every_file_in_a_cluster() {
    let files: Vec<String> = ["000", "001", "002", "003", "004"]
        .iter()
        .map(|s| sample(s))
        .collect();
    let args: Vec<&str> = std::iter::once("dedup")
        .chain(files.iter().map(String::as_str))
        .collect();
    let o = gleaner(&args, None);
    assert!(o.status.success());
    let json: Value = serde_json::from_str(&stdout(&o)).unwrap();
    let mut members: Vec<&str> = json["clusters"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|c| c.as_array().unwrap().iter().map(|s| s.as_str().unwrap()))
        .collect();
    members.sort();
    assert_eq!(members.len(), 5);
    let near = json["pairs"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p[3] == "near")
        .expect("a near pair");
    assert_eq!(
        (near[0].as_str().unwrap(), near[1].as_str().unwrap()),
        ("000_e77f80073e250d68", "001_2d5d7ecc40b0869e")
    );
    assert!(near[2].as_f64().unwrap() > 0.5);
    for p in json["pairs"].as_array().unwrap() {
        assert!(
            ["exact", "near", "same-story"].contains(&p[3].as_str().unwrap()),
            "{p}"
        );
    }
}

#[test]
fn analyze_prints_the_report() {
    let o = gleaner(&["analyze", &sample("004")], None);
    let json: Value = serde_json::from_str(&stdout(&o)).unwrap();
    let d = &json["documents"][0];
    assert_eq!(d["encoding"], "UTF-8");
    assert!(d["blocks"]
        .as_array()
        .unwrap()
        .iter()
        .any(|b| b["kept"] == false && b["reason"].is_string()));
    assert!(json["clusters"].as_array().unwrap().len() == 1);
}

#[test]
fn r7_binary_file_is_skipped_and_the_rest_analyzed() {
    let dir = temp_dir("binary");
    let png = dir.join("photo.png");
    std::fs::write(&png, b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0").unwrap();
    let o = gleaner(&["clean", png.to_str().unwrap(), &sample("003")], None);
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("photo.png: not a text file"));
    assert!(stdout(&o).contains("At his annual conference in Moscow"));
}

#[test]
fn r7_windows_1252_and_utf16_files_decode() {
    let dir = temp_dir("encodings");
    let cp = dir.join("cp1252.txt");
    std::fs::write(&cp, b"Fran\xE7ois Hollande met Angela Merkel in Berlin on Monday, the \x93historic\x94 summit said.\n").unwrap();
    let u16 = dir.join("utf16.txt");
    let mut bytes = vec![0xFF, 0xFE];
    bytes.extend(
        "Angela Merkel spoke in Paris on Monday about the summit and its results.\n"
            .encode_utf16()
            .flat_map(u16::to_le_bytes),
    );
    std::fs::write(&u16, bytes).unwrap();
    let o = gleaner(
        &["analyze", cp.to_str().unwrap(), u16.to_str().unwrap()],
        None,
    );
    assert!(o.status.success());
    let json: Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(json["documents"][0]["encoding"], "Windows-1252");
    assert!(json["documents"][0]["text"]
        .as_str()
        .unwrap()
        .starts_with("François"));
    assert_eq!(json["documents"][1]["encoding"], "UTF-16 LE");
}

#[test]
fn help_states_the_current_default_thresholds() {
    let help = stdout(&gleaner(&["--help"], None));
    let defaults = gleaner::Options::default();
    assert!(help.contains(&format!("threshold (default {})", defaults.near_threshold)));
    assert!(help.contains(&format!(
        "same-story threshold (default {})",
        defaults.story_threshold
    )));
}

#[test]
fn a_json_lines_dump_gives_one_article_per_record() {
    let dir = temp_dir("jsonl");
    let records: Vec<String> = ["000_e77f80073e250d68.txt", "001_2d5d7ecc40b0869e.txt"]
        .iter()
        .enumerate()
        .map(|(i, name)| {
            let text = std::fs::read_to_string(sample(name)).unwrap();
            serde_json::json!({"title": format!("Story {i}"), "text": text}).to_string()
        })
        .collect();
    let path = dir.join("scraped.jsonl");
    std::fs::write(&path, records.join("\n")).unwrap();
    let out = gleaner(&["dedup", path.to_str().unwrap()], None);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let json: Value = serde_json::from_str(&stdout(&out)).unwrap();
    let pairs = json["pairs"].as_array().unwrap();
    assert_eq!(pairs.len(), 1, "{json}");
    assert_eq!(pairs[0][3], "near");
}
