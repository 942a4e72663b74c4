//! Offsets. Inside the core every range is in bytes of the decoded text (cheap `&text[r]`);
//! reports carry Unicode code points, as the CLI contract and the page need. [`CharIndex`] is the
//! one place that converts.

/// Maps byte offsets of one text to code point offsets in O(log n) per lookup.
pub struct CharIndex {
    /// Byte offset of every non-ASCII char, in order; code point offset = byte offset minus the
    /// extra bytes of the multi-byte chars before it.
    wide: Vec<(usize, usize)>,
}

impl CharIndex {
    pub fn new(text: &str) -> CharIndex {
        let mut wide = Vec::new();
        let mut extra = 0;
        for (i, c) in text.char_indices() {
            let len = c.len_utf8();
            if len > 1 {
                extra += len - 1;
                wide.push((i + len, extra));
            }
        }
        CharIndex { wide }
    }

    /// Code point offset of a byte offset that lies on a char boundary.
    pub fn chars(&self, byte: usize) -> usize {
        // Entries whose end is at or before `byte` have all their extra bytes before it.
        let n = self.wide.partition_point(|&(end, _)| end <= byte);
        if n == 0 {
            byte
        } else {
            byte - self.wide[n - 1].1
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ascii_is_identity() {
        let ix = CharIndex::new("hello");
        assert_eq!(ix.chars(0), 0);
        assert_eq!(ix.chars(5), 5);
    }

    #[test]
    fn multibyte_chars_count_once() {
        let text = "a€b😀c";
        let ix = CharIndex::new(text);
        for (chars, (byte, _)) in text.char_indices().enumerate() {
            assert_eq!(ix.chars(byte), chars, "byte {byte}");
        }
        assert_eq!(ix.chars(text.len()), text.chars().count());
    }
}
