//! The one error type of the core, turned into a message at each edge (CLI, wasm).

use std::fmt;

/// Why a document could not be analyzed. The rest of a collection is still analyzed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Error {
    /// The bytes look like an image, archive, PDF or executable, not text.
    Binary { kind: &'static str },
    /// Nothing but whitespace.
    Empty,
    /// Larger than [`crate::MAX_DOCUMENT_BYTES`].
    TooLarge { bytes: usize, limit: usize },
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Binary { kind } => write!(f, "not a text file (looks like {kind})"),
            Error::Empty => write!(f, "empty: there is no text to analyze"),
            Error::TooLarge { bytes, limit } => write!(
                f,
                "too large: {:.1} MB, the limit is {:.0} MB per document",
                *bytes as f64 / 1e6,
                *limit as f64 / 1e6
            ),
        }
    }
}

impl std::error::Error for Error {}
