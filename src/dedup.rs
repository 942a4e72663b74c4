//! Duplicate detection. PLACEHOLDER interface.

use crate::report::{Cluster, Pair};
use crate::Options;
use serde::Serialize;

pub const DEFAULT_NEAR_THRESHOLD: f32 = 0.5;
pub const DEFAULT_STORY_THRESHOLD: f32 = 0.3;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Relation {
    Exact,
    Near,
    Excerpt,
    SameStory,
}

pub struct Input<'a> {
    pub text: &'a str,
    pub date: Option<&'a str>,
}

pub struct Links {
    pub pairs: Vec<Pair>,
    pub clusters: Vec<Cluster>,
}

pub fn link(docs: &[Option<Input>], options: &Options) -> Links {
    let _ = options;
    let clusters = docs
        .iter()
        .enumerate()
        .filter(|(_, d)| d.is_some())
        .enumerate()
        .map(|(id, (i, _))| Cluster { id, members: vec![i], relation: None, score: 0.0 })
        .collect();
    Links { pairs: Vec::new(), clusters }
}

#[derive(Debug, Clone, Serialize)]
pub struct Alignment {}

pub fn align(a: &str, b: &str) -> Alignment {
    let _ = (a, b);
    Alignment {}
}
