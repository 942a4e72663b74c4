//! HTML to text blocks. PLACEHOLDER interface; see the owner's notes in the module docs once
//! implemented.

use serde::Serialize;
use std::ops::Range;

/// What the markup says about one block of text.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Hints {
    /// The block's own tag name, lower case ("p", "li", "h2", "td", "figcaption"...).
    pub tag: String,
    /// Inside `<nav>`, or an element whose class/id says menu/nav/breadcrumb.
    pub in_nav: bool,
    /// Inside `<footer>` or a class/id footer/copyright.
    pub in_footer: bool,
    /// Inside `<aside>` or a class/id sidebar/related/recommended/promo/newsletter/share/social.
    pub in_aside: bool,
    /// Inside a class/id comment(s)/reply/respond or a `<form>`.
    pub in_comments: bool,
    /// Inside `<article>`, `<main>`, `[itemprop=articleBody]` or a class/id like article-body.
    pub in_article: bool,
    /// Inside `<figure>`/`<figcaption>` or a class/id caption/credit.
    pub in_caption: bool,
    /// Inside `<header>` or a class/id byline/author/dateline/meta.
    pub in_header: bool,
    /// Share of the block's characters that are inside `<a>`.
    pub link_density: f32,
    /// The block is (inside) a heading h1..h6.
    pub heading: bool,
    /// The block is a list item.
    pub list_item: bool,
}

/// Title, byline and date taken from the page's metadata (OpenGraph, schema.org, `<title>`).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Metadata {
    pub title: Option<String>,
    pub byline: Option<String>,
    pub date: Option<String>,
}

/// A page's visible text: blocks separated by blank lines, with hints per block.
#[derive(Debug, Clone, Default)]
pub struct Page {
    pub text: String,
    pub blocks: Vec<(Range<usize>, Hints)>,
    pub metadata: Metadata,
}

/// Parses a document; never executes anything, never fails (tag soup is parsed as well as it
/// can be).
pub fn parse(html: &str) -> Page {
    let _ = html;
    Page::default()
}
