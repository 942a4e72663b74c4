//! Bytes to text. Detects binary files by magic numbers and control bytes, decodes UTF-8 (with or
//! without BOM), UTF-16 LE/BE with BOM and, when the bytes are not UTF-8, Windows-1252 (a superset
//! of Latin-1 for printable text). Invalid UTF-8 inside mostly valid UTF-8 is replaced by U+FFFD,
//! visibly, and counted. Finally tells HTML from plain text.
//!
//! Limits: legacy multi-byte encodings (Shift-JIS, GBK, KOI8-R...) are not decoded; such files
//! come out as Windows-1252 mojibake rather than an error, and the encoding shown says so.

use crate::Error;
use serde::Serialize;

/// How the bytes were turned into text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Encoding {
    Utf8,
    Utf8Bom,
    /// UTF-8 with invalid sequences replaced by U+FFFD.
    Utf8Lossy,
    Utf16Le,
    Utf16Be,
    Windows1252,
}

impl Encoding {
    pub fn name(self) -> &'static str {
        match self {
            Encoding::Utf8 => "UTF-8",
            Encoding::Utf8Bom => "UTF-8 with BOM",
            Encoding::Utf8Lossy => "UTF-8 (invalid bytes replaced)",
            Encoding::Utf16Le => "UTF-16 LE",
            Encoding::Utf16Be => "UTF-16 BE",
            Encoding::Windows1252 => "Windows-1252",
        }
    }
}

/// Whether the text is markup to parse or prose to segment line by line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    Text,
    Html,
}

/// A decoded document.
#[derive(Debug, Clone)]
pub struct Decoded {
    pub text: String,
    pub encoding: Encoding,
    pub format: Format,
}

/// Decodes `bytes`; `name` (a file name, may be empty) only breaks ties on the format.
pub fn decode(bytes: &[u8], name: &str) -> Result<Decoded, Error> {
    if let Some(kind) = binary_kind(bytes) {
        return Err(Error::Binary { kind });
    }
    let (text, encoding) = to_text(bytes);
    if text.trim().is_empty() {
        return Err(Error::Empty);
    }
    let format = if looks_like_html(&text, name) {
        Format::Html
    } else {
        Format::Text
    };
    Ok(Decoded {
        text,
        encoding,
        format,
    })
}

fn to_text(bytes: &[u8]) -> (String, Encoding) {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return (
            String::from_utf8_lossy(rest).into_owned(),
            Encoding::Utf8Bom,
        );
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        return (utf16(rest, u16::from_le_bytes), Encoding::Utf16Le);
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        return (utf16(rest, u16::from_be_bytes), Encoding::Utf16Be);
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => (s.to_owned(), Encoding::Utf8),
        Err(_) => {
            let (valid, invalid) = utf8_sequences(bytes);
            // Real UTF-8 with a few damaged bytes keeps its multi-byte chars; Windows-1252 text
            // almost never forms valid multi-byte sequences by chance.
            if valid > 0 && invalid * 4 <= valid {
                (
                    String::from_utf8_lossy(bytes).into_owned(),
                    Encoding::Utf8Lossy,
                )
            } else {
                (windows_1252(bytes), Encoding::Windows1252)
            }
        }
    }
}

fn utf16(bytes: &[u8], unit: fn([u8; 2]) -> u16) -> String {
    let units = bytes.chunks_exact(2).map(|c| unit([c[0], c[1]]));
    let mut text: String = char::decode_utf16(units)
        .map(|r| r.unwrap_or(char::REPLACEMENT_CHARACTER))
        .collect();
    if bytes.len() % 2 == 1 {
        text.push(char::REPLACEMENT_CHARACTER);
    }
    text
}

/// Counts valid multi-byte sequences and invalid bytes.
fn utf8_sequences(mut bytes: &[u8]) -> (usize, usize) {
    let (mut valid, mut invalid) = (0, 0);
    while !bytes.is_empty() {
        match std::str::from_utf8(bytes) {
            Ok(s) => {
                valid += s.chars().filter(|c| !c.is_ascii()).count();
                break;
            }
            Err(e) => {
                let good = e.valid_up_to();
                // `good` ends on a char boundary, so this slice is valid UTF-8.
                valid += String::from_utf8_lossy(&bytes[..good])
                    .chars()
                    .filter(|c| !c.is_ascii())
                    .count();
                let bad = e.error_len().unwrap_or(bytes.len() - good);
                invalid += bad;
                bytes = &bytes[good + bad..];
            }
        }
    }
    (valid, invalid)
}

/// The 0x80..0xA0 range of Windows-1252; the rest is Latin-1. Undefined bytes map to U+FFFD.
const CP1252_HIGH: [char; 32] = [
    '€', '\u{FFFD}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{FFFD}', 'Ž',
    '\u{FFFD}', '\u{FFFD}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{FFFD}',
    'ž', 'Ÿ',
];

fn windows_1252(bytes: &[u8]) -> String {
    bytes
        .iter()
        .map(|&b| match b {
            0x80..=0x9F => CP1252_HIGH[(b - 0x80) as usize],
            _ => b as char,
        })
        .collect()
}

/// Recognizes common binary formats by their first bytes, then by control bytes.
fn binary_kind(bytes: &[u8]) -> Option<&'static str> {
    const MAGIC: &[(&[u8], &str)] = &[
        (b"%PDF", "a PDF document"),
        (b"\x89PNG", "a PNG image"),
        (b"\xFF\xD8\xFF", "a JPEG image"),
        (b"GIF8", "a GIF image"),
        (b"PK\x03\x04", "a zip archive or office document"),
        (b"\x1F\x8B", "a gzip archive"),
        (b"BZh", "a bzip2 archive"),
        (b"\xFD7zXZ", "an xz archive"),
        (b"7z\xBC\xAF", "a 7z archive"),
        (b"Rar!", "a rar archive"),
        (b"\x7FELF", "an executable"),
        (b"MZ", "a Windows executable"),
        (b"\xCF\xFA\xED\xFE", "an executable"),
        (b"\0asm", "a WebAssembly module"),
        (b"RIFF", "an audio, video or image file"),
        (b"OggS", "an audio file"),
        (b"ID3", "an MP3 file"),
        (b"\xD0\xCF\x11\xE0", "an old office document"),
        (b"SQLite format 3", "a database"),
        (b"wOFF", "a font"),
    ];
    if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
        return None; // UTF-16 text is full of NULs by design.
    }
    for (magic, kind) in MAGIC {
        if bytes.starts_with(magic) {
            // "MZ" and "BZh" also start ordinary words; demand control bytes as well.
            if magic.len() >= 3 || control_ratio(bytes) > 0.01 {
                return Some(kind);
            }
        }
    }
    if bytes.len() >= 12 && &bytes[4..8] == b"ftyp" {
        return Some("a video or image file");
    }
    if control_ratio(bytes) > 0.05 {
        return Some("binary data");
    }
    None
}

/// Share of control bytes (other than tab, newline, carriage return, form feed, escape) in the
/// first 8 KB.
fn control_ratio(bytes: &[u8]) -> f64 {
    let head = &bytes[..bytes.len().min(8192)];
    if head.is_empty() {
        return 0.0;
    }
    let controls = head
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0C | 0x1B))
        .count();
    controls as f64 / head.len() as f64
}

fn looks_like_html(text: &str, name: &str) -> bool {
    let lower_name = name.to_ascii_lowercase();
    let by_name = lower_name.ends_with(".html") || lower_name.ends_with(".htm");
    let head: String = text
        .trim_start()
        .chars()
        .take(1024)
        .collect::<String>()
        .to_ascii_lowercase();
    if head.starts_with("<!doctype html") || head.starts_with("<html") {
        return true;
    }
    // Pasted fragments: judge by how many tags the text has.
    let sample: String = text
        .chars()
        .take(20_000)
        .collect::<String>()
        .to_ascii_lowercase();
    let tags = [
        "<p>", "<p ", "<div", "</p>", "</div>", "<br", "<a href", "<body", "<head",
    ]
    .iter()
    .map(|t| sample.matches(t).count())
    .sum::<usize>();
    if by_name {
        return tags > 0 || head.starts_with('<');
    }
    tags >= 3 && head.starts_with('<')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decoded(bytes: &[u8]) -> Decoded {
        decode(bytes, "").expect("decodes")
    }

    #[test]
    fn utf8_plain_and_bom() {
        assert_eq!(decoded("Kyiv’s".as_bytes()).encoding, Encoding::Utf8);
        let d = decoded(b"\xEF\xBB\xBFhello");
        assert_eq!((d.text.as_str(), d.encoding), ("hello", Encoding::Utf8Bom));
    }

    #[test]
    fn utf16_both_orders() {
        let le: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain("Hé€".encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        let be: Vec<u8> = [0xFE, 0xFF]
            .into_iter()
            .chain("Hé€".encode_utf16().flat_map(u16::to_be_bytes))
            .collect();
        assert_eq!(decoded(&le).text, "Hé€");
        assert_eq!(decoded(&be).encoding, Encoding::Utf16Be);
        assert_eq!(decoded(&be).text, "Hé€");
    }

    #[test]
    fn windows_1252_fallback() {
        let d = decoded(b"Caf\xE9 \x93quoted\x94 \x80 5");
        assert_eq!(d.encoding, Encoding::Windows1252);
        assert_eq!(d.text, "Café “quoted” € 5");
    }

    #[test]
    fn damaged_utf8_is_replaced_visibly() {
        let mut bytes = "Grüße aus Köln, schöne Grüße ".repeat(3).into_bytes();
        bytes.push(0xFF);
        let d = decoded(&bytes);
        assert_eq!(d.encoding, Encoding::Utf8Lossy);
        assert!(d.text.ends_with('\u{FFFD}'));
    }

    #[test]
    fn binary_and_empty_are_errors() {
        assert!(matches!(
            decode(b"%PDF-1.7\n...", "a.pdf"),
            Err(Error::Binary { .. })
        ));
        assert!(matches!(
            decode(b"\x89PNG\r\n\x1a\n\0\0", "x.png"),
            Err(Error::Binary { .. })
        ));
        assert!(matches!(
            decode(&[0u8, 1, 2, 3, 4, 5, 6, 7], "x"),
            Err(Error::Binary { .. })
        ));
        assert_eq!(decode(b"  \n\t ", "x").unwrap_err(), Error::Empty);
        assert!(decode(b"MZ is a word too", "x").is_ok());
    }

    #[test]
    fn html_detection() {
        assert_eq!(decoded(b"<!DOCTYPE html><p>x</p>").format, Format::Html);
        assert_eq!(
            decode(b"<p>a</p>", "page.htm").unwrap().format,
            Format::Html
        );
        assert_eq!(decoded(b"Use <b> for bold, a < b.").format, Format::Text);
    }
}
