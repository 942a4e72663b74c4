//! Name lists the tagger uses as features: countries, big cities, regions, nationalities, first
//! and last names, organization words, titles and a few well-known organizations.
//!
//! The shipped list (`data/gazetteer.txt`) is built from GeoNames, the US Census and SSA name
//! lists and a hand-made part by `examples/train_ner.rs`. It is plain text: a line `@name`
//! starts a category, every other line is one entry. Entries are matched case-insensitively,
//! token by token (so "St. Louis" is two tokens), and stored only as hashes.
//!
//! Three word tables ride along: word classes learnt on Wikinews (`data/clusters.txt`), Brown
//! clusters of capitalized words from a large web corpus (`data/brown.txt`, written by
//! `scripts/ner-brown-clusters`), and classes of GloVe word vectors learnt on Wikipedia and
//! news (`data/glove.txt`, written by `scripts/ner-glove-classes`). The second puts "Tesco" and
//! "Adidas" in one cluster with "Apple" and "Nintendo", and "Denver" with "Seattle"; it also
//! says how often each word is written capitalized ("Putin" nearly always, "Meets" rarely),
//! which is what a Title Case headline hides. The third knows the rarer names of news: "Breda"
//! sits with "Ajax" and "Arnhem", "Olivetti" with "Bouygues", "Osijek" with "Tuzla".

use super::hash::{bytes_hash, fold, seq_hash, word_hash, U32Map};
use super::tokenize::tokenize;

/// Category bits, in the order of the `@` sections.
pub const CATEGORIES: &[&str] = &[
    "country",
    "city",
    "region",
    "nationality",
    "first",
    "last",
    "orgword",
    "title",
    "org",
    "month",
    "common",
];

/// Longest entry, in tokens, that the matcher tries.
pub const MAX_TOKENS: usize = 6;

/// Bit set on a one-token key when a longer entry starts with that token.
const STARTS_LONGER: u16 = 1 << 15;

pub struct Gazetteer {
    /// Sequence hash of an entry's tokens → category bits.
    map: U32Map<u16>,
    /// Word hash → word classes (fine in the low 16 bits, coarse in the high), learned from
    /// unlabelled text by `examples/train_ner.rs`.
    clusters: U32Map<u32>,
    /// Exact word form hash → `share << 24 | path`: the share of capitalized spellings (bins 1–4)
    /// and the Brown cluster path (first bit lowest, 0 for none), from a large web corpus.
    brown: U32Map<u32>,
    /// Lower-case word hash → GloVe word-vector classes (fine | coarse << 16, from 1), from
    /// news and encyclopedia text.
    glove: U32Map<u32>,
}

impl Gazetteer {
    pub fn parse(text: &str) -> Gazetteer {
        let mut entries: Vec<(u32, u16)> = Vec::new();
        let mut bit = 0u16;
        for line in text.lines() {
            let line = line.trim();
            if let Some(name) = line.strip_prefix('@') {
                bit = CATEGORIES
                    .iter()
                    .position(|c| *c == name)
                    .map_or(0, |p| 1 << p);
                continue;
            }
            if line.is_empty() || bit == 0 {
                continue;
            }
            let hashes: Vec<u64> = tokenize(line)
                .into_iter()
                .map(|r| word_hash(&line[r]))
                .collect();
            if hashes.is_empty() || hashes.len() > MAX_TOKENS {
                continue;
            }
            entries.push((seq_hash(&hashes), bit));
            if hashes.len() > 1 {
                entries.push((seq_hash(&hashes[..1]), STARTS_LONGER));
            }
        }
        let mut map = U32Map::with_capacity(entries.len());
        for (k, b) in entries {
            *map.entry(k) |= b;
        }
        Gazetteer {
            map,
            clusters: U32Map::with_capacity(0),
            brown: U32Map::with_capacity(0),
            glove: U32Map::with_capacity(0),
        }
    }

    /// Adds word classes from lines `word fine coarse` (classes from 1).
    pub fn with_clusters(mut self, text: &str) -> Gazetteer {
        let lines: Vec<&str> = text.lines().filter(|l| !l.starts_with('#')).collect();
        self.clusters = U32Map::with_capacity(lines.len());
        for line in lines {
            let mut f = line.split(' ');
            let (Some(w), Some(a), Some(b)) = (f.next(), f.next(), f.next()) else {
                continue;
            };
            let (Ok(a), Ok(b)) = (a.parse::<u32>(), b.parse::<u32>()) else {
                continue;
            };
            *self.clusters.entry(fold(word_hash(w))) = (b << 16) | a;
        }
        self
    }

    /// Adds Brown clusters from lines `word path [share]` (the path as an integer, first bit
    /// lowest; the share of capitalized spellings in bins 1–4, or 0), kept as
    /// `share << 24 | path`.
    pub fn with_brown(mut self, text: &str) -> Gazetteer {
        // Read as bytes: the 150k lines are parsed when the first text is tagged, and the page
        // waits for it.
        let bytes = text.as_bytes();
        self.brown = U32Map::with_capacity(bytes.iter().filter(|&&b| b == b'\n').count() + 1);
        for line in bytes.split(|&b| b == b'\n') {
            let mut fields = line.split(|&b| b == b' ');
            let (Some(word), Some(Some(path))) = (fields.next(), fields.next().map(number)) else {
                continue;
            };
            let share = fields.next().and_then(number).unwrap_or(0);
            *self.brown.entry(fold(bytes_hash(word))) = (share.min(7) << 24) | path;
        }
        self
    }

    /// Adds GloVe word-vector classes: a line `@fine coarse` (classes from 1) heads the words of
    /// one fine class, one per line, each written as the number of leading bytes (0–9) it
    /// shares with the word before and the rest of it ("bravo", "breda" → "0bravo", "2eda").
    pub fn with_glove(mut self, text: &str) -> Gazetteer {
        // Read as bytes, like the Brown table: the page waits for this at the first tagging.
        let bytes = text.as_bytes();
        self.glove = U32Map::with_capacity(bytes.iter().filter(|&&b| b == b'\n').count() + 1);
        let mut class = 0;
        let mut word: Vec<u8> = Vec::with_capacity(64);
        for line in bytes.split(|&b| b == b'\n') {
            if let Some(head) = line.strip_prefix(b"@") {
                let mut fields = head.split(|&b| b == b' ').map(number);
                class = match (fields.next(), fields.next()) {
                    (Some(Some(fine)), Some(Some(coarse))) => (coarse << 16) | fine,
                    _ => 0,
                };
                word.clear();
                continue;
            }
            let Some((&shared, rest)) = line.split_first() else {
                continue;
            };
            let shared = usize::from(shared.wrapping_sub(b'0'));
            if class == 0 || shared > 9 || shared > word.len() {
                continue;
            }
            word.truncate(shared);
            word.extend_from_slice(rest);
            if let Ok(w) = std::str::from_utf8(&word) {
                *self.glove.entry(fold(word_hash(w))) = class;
            }
        }
        self
    }

    /// GloVe classes of a lower-case word hash (0 if unknown).
    pub fn glove(&self, hash: u64) -> u32 {
        self.glove.get(fold(hash)).copied().unwrap_or(0)
    }

    /// Brown cluster of an exact word form's bytes hash (0 if unknown).
    pub fn brown(&self, raw: u64) -> u32 {
        self.brown.get(fold(raw)).copied().unwrap_or(0)
    }

    /// How often `word`, as written, is capitalized in the word table's corpus: bin 1 (under
    /// 10 %) to 4, or 0 if it is not listed.
    pub fn capitalized_share(&self, word: &str) -> u32 {
        self.brown(bytes_hash(word.as_bytes())) >> 24
    }

    /// Word classes of a word hash (0 if unknown).
    pub fn cluster(&self, hash: u64) -> u32 {
        self.clusters.get(fold(hash)).copied().unwrap_or(0)
    }

    /// Category bits of one token (its word hash), without the internal marker.
    pub fn word(&self, hash: u64) -> u16 {
        self.map.get(seq_hash(&[hash])).copied().unwrap_or(0) & !STARTS_LONGER
    }

    /// Category bits of the entry that is exactly `words` (0 if none: "New York" is a city,
    /// "New York Times" none of them unless listed).
    pub fn entry<'a>(&self, words: impl IntoIterator<Item = &'a str>) -> u16 {
        let mut hashes = [0u64; MAX_TOKENS];
        let mut n = 0;
        for w in words {
            if n == MAX_TOKENS {
                return 0;
            }
            hashes[n] = word_hash(w);
            n += 1;
        }
        if n == 0 {
            return 0;
        }
        // Every entry is stored under the hash of all its words.
        self.map.get(seq_hash(&hashes[..n])).copied().unwrap_or(0) & !STARTS_LONGER
    }

    /// The longest entry starting at `hashes[0]`: its length in tokens and bits.
    pub fn longest(&self, hashes: &[u64]) -> Option<(usize, u16)> {
        let first = self
            .map
            .get(seq_hash(&hashes[..hashes.len().min(1)]))
            .copied()?;
        let mut best = (first & !STARTS_LONGER != 0).then_some((1, first & !STARTS_LONGER));
        if first & STARTS_LONGER != 0 {
            for n in 2..=hashes.len().min(MAX_TOKENS) {
                if let Some(&b) = self.map.get(seq_hash(&hashes[..n])) {
                    if b & !STARTS_LONGER != 0 {
                        best = Some((n, b & !STARTS_LONGER));
                    }
                }
            }
        }
        best
    }
}

/// A decimal number of ASCII digits (None if empty, not all digits, or too big).
fn number(digits: &[u8]) -> Option<u32> {
    if digits.is_empty() {
        return None;
    }
    digits.iter().try_fold(0u32, |n, &d| {
        d.is_ascii_digit()
            .then(|| n.checked_mul(10)?.checked_add(u32::from(d - b'0')))
            .flatten()
    })
}

/// The bit of a category name.
pub fn bit(name: &str) -> u16 {
    CATEGORIES
        .iter()
        .position(|c| *c == name)
        .map_or(0, |p| 1 << p)
}

/// The bits of several category names.
pub fn bits(names: &[&str]) -> u16 {
    names.iter().fold(0, |b, name| b | bit(name))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_case_insensitively_and_longest_first() {
        let g = Gazetteer::parse(
            "@country\nUnited States\nUkraine\n@city\nNew York\n@region\nNew York\n",
        );
        let h = |s: &str| s.split(' ').map(word_hash).collect::<Vec<_>>();
        assert_eq!(g.word(word_hash("UKRAINE")), bit("country"));
        assert_eq!(g.longest(&h("united states of")), Some((2, bit("country"))));
        assert_eq!(
            g.longest(&h("New York City")),
            Some((2, bit("city") | bit("region")))
        );
        assert_eq!(g.longest(&h("United")), None);
        assert_eq!(g.word(word_hash("nothing")), 0);
        // Exactly the entry: not a prefix of one, not more words than it.
        assert_eq!(g.entry(["united", "States"]), bit("country"));
        assert_eq!(g.entry(["United"]), 0);
        assert_eq!(g.entry(["New", "York", "City"]), 0);
        assert_eq!(g.entry(["New"; 9]), 0);
        assert_eq!(g.entry([]), 0);
    }

    #[test]
    fn glove_classes_are_read_by_group_and_looked_up_in_lower_case() {
        let table =
            "0before any head\n@7 2\n0ajax\n0bravo\n2eda\n@x 1\n0lost\n@9 3\n0osijek\n9long\nx\n";
        let g = Gazetteer::parse("").with_glove(table);
        assert_eq!(g.glove(word_hash("Ajax")), (2 << 16) | 7);
        assert_eq!(g.glove(word_hash("BREDA")), (2 << 16) | 7);
        assert_eq!(g.glove(word_hash("bravo")), (2 << 16) | 7);
        assert_eq!(g.glove(word_hash("osijek")), (3 << 16) | 9);
        // Words under no head or a broken one, sharing more than the word before has, or
        // without their count, have no class; a new head starts the words afresh.
        for w in [
            "before any head",
            "lost",
            "eda",
            "osijeklong",
            "long",
            "x",
            "osx",
        ] {
            assert_eq!(g.glove(word_hash(w)), 0, "{w}");
        }
    }

    #[test]
    fn brown_clusters_are_looked_up_by_exact_form() {
        let g = Gazetteer::parse("").with_brown("Tesco 294\nDenver 166 4\nMeets 0 1\nbad line\n");
        assert_eq!(g.brown(bytes_hash(b"Tesco")), 294);
        assert_eq!(g.brown(bytes_hash(b"Meets")), 1 << 24);
        assert_eq!(g.brown(bytes_hash(b"Denver")), (4 << 24) | 166);
        assert_eq!(g.brown(bytes_hash(b"tesco")), 0);
        assert_eq!(g.brown(bytes_hash(b"bad")), 0);
        assert_eq!(g.capitalized_share("Denver"), 4);
        assert_eq!(g.capitalized_share("Tesco"), 0);
        assert_eq!(number(b"4294967295"), Some(u32::MAX));
        for bad in [&b""[..], b"12a", b"-1", b"4294967296"] {
            assert_eq!(number(bad), None);
        }
    }
}
