//! Hashing of words and features, and a small open-addressing map keyed by 32-bit hashes.
//!
//! The tagger never stores strings: words, gazetteer entries and features are all 64-bit hashes,
//! folded to 32 bits for the tables. With about 10^5 keys a lookup of an unseen key hits a
//! stored one with probability ~2·10^-5, which costs nothing measurable.

const K: u64 = 0x9E37_79B9_7F4A_7C15;

/// Final mix (splitmix64).
pub fn mix(mut x: u64) -> u64 {
    x ^= x >> 30;
    x = x.wrapping_mul(0xBF58_476D_1CE4_E5B9);
    x ^= x >> 27;
    x = x.wrapping_mul(0x94D0_49BB_1331_11EB);
    x ^ (x >> 31)
}

/// Combines two hashes (order matters).
pub fn pair(a: u64, b: u64) -> u64 {
    mix(a.rotate_left(23) ^ b.wrapping_mul(K))
}

/// Hash of a word's normal form: lower case, curly quotes made straight.
pub fn word_hash(s: &str) -> u64 {
    let mut h = 0xcbf2_9ce4_8422_2325u64;
    for c in s.chars() {
        let c = normal_char(c);
        if c.is_ascii() {
            h = (h ^ u64::from(c.to_ascii_lowercase() as u8)).wrapping_mul(0x100_0000_01b3);
        } else {
            for l in c.to_lowercase() {
                h = (h ^ u64::from(u32::from(l))).wrapping_mul(0x100_0000_01b3);
            }
        }
    }
    mix(h)
}

/// Hash of raw bytes (case kept).
pub fn bytes_hash(s: &[u8]) -> u64 {
    let mut h = 0x8422_2325_cbf2_9ce4u64;
    for &b in s {
        h = (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3);
    }
    mix(h)
}

pub fn normal_char(c: char) -> char {
    match c {
        '’' | '‘' | 'ʼ' | '`' | '´' => '\'',
        '“' | '”' | '„' | '«' | '»' => '"',
        '–' | '—' | '‐' | '‑' => '-',
        _ => c,
    }
}

/// Hash of a sequence of word hashes (a multi-word gazetteer entry), folded to 32 bits.
pub fn seq_hash(hashes: &[u64]) -> u32 {
    let mut h = 0x51_7cc1_b727_220au64;
    for &w in hashes {
        h = pair(h, w);
    }
    fold(h)
}

/// Folds a 64-bit hash to a non-zero 32-bit key.
pub fn fold(h: u64) -> u32 {
    ((h >> 32) as u32 ^ h as u32) | 1
}

/// Open addressing with linear probing; key 0 marks an empty slot (keys are made odd by
/// [`fold`] and on insertion). Keys and values live in separate arrays: most lookups are of
/// features the model does not have, and those then touch only the keys, a quarter of the
/// table's bytes, which stay in the cache.
pub struct U32Map<V> {
    keys: Vec<u32>,
    values: Vec<V>,
    mask: usize,
    len: usize,
}

impl<V: Default + Clone> U32Map<V> {
    /// A map for up to `n` keys, at most 80% full.
    pub fn with_capacity(n: usize) -> U32Map<V> {
        Self::with_slots((n + n / 4 + 1).next_power_of_two())
    }

    fn with_slots(size: usize) -> U32Map<V> {
        let size = size.max(16);
        U32Map {
            keys: vec![0; size],
            values: vec![V::default(); size],
            mask: size - 1,
            len: 0,
        }
    }

    fn slot(&self, key: u32) -> usize {
        (key.wrapping_mul(0x9E37_79B1) as usize) & self.mask
    }

    pub fn get(&self, key: u32) -> Option<&V> {
        let key = key | 1;
        let mut i = self.slot(key);
        loop {
            let k = self.keys[i];
            if k == key {
                return self.values.get(i);
            }
            if k == 0 {
                return None;
            }
            i = (i + 1) & self.mask;
        }
    }

    /// The value of `key`, inserted as default if absent. The table doubles before it gets
    /// 80% full, so probing always ends (a full table would loop forever).
    pub fn entry(&mut self, key: u32) -> &mut V {
        if (self.len + 1) * 5 > self.keys.len() * 4 {
            self.grow();
        }
        let key = key | 1;
        let mut i = self.slot(key);
        while self.keys[i] != key && self.keys[i] != 0 {
            i = (i + 1) & self.mask;
        }
        if self.keys[i] == 0 {
            self.len += 1;
            self.keys[i] = key;
        }
        &mut self.values[i]
    }

    fn grow(&mut self) {
        let keys = std::mem::take(&mut self.keys);
        let values = std::mem::take(&mut self.values);
        let size = keys.len() * 2;
        self.keys = vec![0; size];
        self.values = vec![V::default(); size];
        self.mask = size - 1;
        self.len = 0;
        for (k, v) in keys.into_iter().zip(values).filter(|(k, _)| *k != 0) {
            *self.entry(k) = v;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn grows_past_its_initial_capacity() {
        let mut m: U32Map<u32> = U32Map::with_capacity(0);
        for k in 1..10_000u32 {
            *m.entry(k * 2 + 1) = k;
        }
        for k in 1..10_000u32 {
            assert_eq!(m.get(k * 2 + 1), Some(&k));
        }
        assert_eq!(m.get(40_001), None);
    }
}
