//! HTML to text blocks, with what the markup says about each block.
//!
//! Method: the WHATWG tokenizer of `html5gum` (character references decoded, raw-text states for
//! `script`, `style`, `textarea`, `title` and friends switched by tag name, which is what a browser
//! with scripting enabled does outside foreign content) feeds a light tree builder: an element
//! stack with void elements, implied end tags (`p`, `li`, `dd`/`dt`, table cells and rows,
//! headings, options) and end tags that close everything above their match. There is no DOM and
//! nothing is ever executed: script text is only read when it is schema.org JSON-LD metadata.
//!
//! Every run of text inside a block-level element (`p`, `h1`..`h6`, `li`, `td`, `blockquote`,
//! `pre`, `figcaption`, `div` with direct text...) becomes one block, whitespace collapsed. Two
//! `<br>` in a row also end a block (old pages write paragraphs that way). Each block carries
//! [`Hints`]: its own tag, whether it sits in navigation, a footer, an aside, comments, the
//! article, a caption or a header, the share of its text inside links, and its ancestors.
//!
//! Limits: no adoption-agency algorithm (mis-nested formatting tags are closed when their end tag
//! comes or their block ends), no foster parenting of text in tables, `<noscript>` is skipped as
//! a browser with scripting enabled would, CSS is not evaluated beyond inline `display:none`, the
//! `hidden` attribute and the usual screen-reader-only classes. The stack is capped at
//! [`MAX_DEPTH`] elements so that tag soup stays linear.

use html5gum::emitters::callback::{CallbackEmitter, CallbackEvent};
use html5gum::{Emitter, ForwardingEmitter, Span, State, Tokenizer};
use serde::Serialize;
use std::borrow::Cow;
use std::cell::Cell;
use std::convert::Infallible;
use std::ops::Range;
use std::sync::OnceLock;

use crate::fxhash::{FxHashMap, FxHasher};
use std::hash::Hasher;

/// Elements nested deeper than this are not tracked (their text still counts); this keeps
/// end-tag matching cheap on pathological input.
pub const MAX_DEPTH: usize = 256;

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
    /// Inside a class/id comment(s)/reply/respond.
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
    /// Inside a `<form>` (whole ASP.NET pages are one form, so this is only a weak hint).
    pub in_form: bool,
    /// Inside a `<blockquote>`.
    pub in_quote: bool,
    /// Inside a `<table>`.
    pub in_table: bool,
    /// Serial of the innermost enclosing `<table>` (0 outside tables): the cells of one table
    /// share it, so a data table can be judged as a whole.
    #[serde(skip)]
    pub table: u32,
    /// The page's headline: the first heading that matches the title in the metadata, else the
    /// first `<h1>`. The article usually starts right after it.
    pub headline: bool,
    /// Serial numbers of the enclosing elements, outermost first (the block's own element last).
    /// Blocks sharing a prefix share those ancestors: the classifier uses this to find the
    /// element that holds most of the article's prose.
    #[serde(skip)]
    pub ancestors: Vec<u32>,
    /// Per ancestor (same order), a signature of its tag and first class token with digits
    /// removed: repeated units (comments, teasers, cards) share it with their siblings.
    #[serde(skip)]
    pub signatures: Vec<u32>,
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
    let mut b = Builder::default();
    let drop_text = Cell::new(false);
    {
        let mut emitter = CallbackEmitter::new(|event: CallbackEvent<'_>, _: Span<()>| {
            b.event(event);
            drop_text.set(!b.keeps_text());
            None::<Infallible>
        });
        emitter.naively_switch_states(true);
        let quiet = Quiet {
            inner: emitter,
            drop_text: &drop_text,
            attr: [0; ATTR_MAX],
            attr_len: 0,
            pending: false,
        };
        // The string reader cannot fail: its error type is `Infallible`.
        #[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
        let _ = Tokenizer::new_with_emitter(ByteReader::new(html), quiet).finish();
        #[cfg(not(all(target_arch = "wasm32", target_feature = "simd128")))]
        let _ = Tokenizer::new_with_emitter(html, quiet).finish();
    }
    b.finish()
}

/// The longest attribute name `Builder::attribute_value` reads.
const ATTR_MAX: usize = 11;

/// The callback emitter without what the builder ignores, so that html5gum neither checks nor
/// copies it: parse errors (html5gum validates every character for them unless the emitter
/// declines), comment text, text the builder would drop (scripts, styles, hidden elements:
/// the emitter only hands text over at the next tag, after the events that could change
/// `drop_text`), and attributes the builder does not read (URLs, srcsets, data), name and value.
struct Quiet<'a, E> {
    inner: E,
    /// Set after every event: the builder would drop text read now.
    drop_text: &'a Cell<bool>,
    /// The current attribute's name, lower case, while it fits.
    attr: [u8; ATTR_MAX],
    /// Its length (`ATTR_MAX + 1`: longer than any name we read).
    attr_len: usize,
    /// An attribute was started and its name not yet handed on (see `settle_name`).
    pending: bool,
}

impl<E: Emitter> Quiet<'_, E> {
    /// The current attribute's name, lower case, if the builder reads the attribute.
    fn read_name(&self) -> Option<&'static [u8]> {
        // A match (a decision tree on length and bytes), returning the static name so that
        // handing it on copies nothing.
        Some(match self.attr.get(..self.attr_len)? {
            b"class" => b"class",
            b"id" => b"id",
            b"role" => b"role",
            b"itemprop" => b"itemprop",
            b"property" => b"property",
            b"name" => b"name",
            b"content" => b"content",
            b"type" => b"type",
            b"style" => b"style",
            b"aria-hidden" => b"aria-hidden",
            b"href" => b"href",
            b"hidden" => b"hidden",
            _ => return None,
        })
    }

    /// Hands the started attribute to the builder once its name is whole, if it is one the
    /// builder reads. Names are most of a tag's events, and most are never read (`src`, `alt`,
    /// `data-*`...): each one cost a copy, an event and a UTF-8 check. Skipping one changes
    /// nothing the builder sees but that name: its value is dropped too (`push_attribute_value`),
    /// and the flushes `init_attribute` would do happen at the next attribute or the tag's end,
    /// with no event between.
    fn settle_name(&mut self) {
        if std::mem::take(&mut self.pending) {
            if let Some(name) = self.read_name() {
                self.inner.init_attribute();
                self.inner.push_attribute_name(name);
            }
        }
    }
}

impl<E: Emitter> ForwardingEmitter for Quiet<'_, E> {
    type Token = E::Token;

    fn inner(&mut self) -> &mut impl Emitter<Token = Self::Token> {
        &mut self.inner
    }

    #[inline]
    fn should_emit_errors(&mut self) -> bool {
        false
    }

    #[inline]
    fn emit_string(&mut self, s: &[u8]) {
        if !self.drop_text.get() {
            self.inner.emit_string(s);
        }
    }

    #[inline]
    fn push_comment(&mut self, _: &[u8]) {}

    #[inline]
    fn init_attribute(&mut self) {
        self.settle_name();
        self.attr_len = 0;
        self.pending = true;
    }

    #[inline]
    fn push_attribute_name(&mut self, s: &[u8]) {
        match self.attr.get_mut(self.attr_len..self.attr_len + s.len()) {
            Some(slot) => {
                slot.copy_from_slice(s);
                slot.make_ascii_lowercase();
                self.attr_len += s.len();
            }
            None => self.attr_len = ATTR_MAX + 1,
        }
    }

    #[inline]
    fn init_attribute_value(&mut self) {
        self.settle_name();
        self.inner.init_attribute_value();
    }

    #[inline]
    fn push_attribute_value(&mut self, s: &[u8]) {
        self.settle_name();
        // `href` and `hidden` are read by name alone.
        let read = self
            .read_name()
            .is_some_and(|name| !matches!(name, b"href" | b"hidden"));
        if read {
            self.inner.push_attribute_value(s);
        }
    }

    #[inline]
    fn set_self_closing(&mut self) {
        self.settle_name();
        self.inner.set_self_closing();
    }

    #[inline]
    fn emit_current_tag(&mut self) -> Option<State> {
        self.settle_name();
        self.inner.emit_current_tag()
    }
}

// Context flags, inherited from ancestors.
const NAV: u32 = 1;
const FOOTER: u32 = 1 << 1;
const ASIDE: u32 = 1 << 2;
const COMMENTS: u32 = 1 << 3;
const ARTICLE: u32 = 1 << 4;
const CAPTION: u32 = 1 << 5;
const HEADER: u32 = 1 << 6;
const LINK: u32 = 1 << 7;
const HEADING: u32 = 1 << 8;
const LIST_ITEM: u32 = 1 << 9;
const FORM: u32 = 1 << 10;
const QUOTE: u32 = 1 << 11;
const TABLE: u32 = 1 << 12;
/// Text here is not shown: script, style, head, hidden elements...
const SKIP: u32 = 1 << 13;
const HEAD: u32 = 1 << 14;

#[derive(Debug)]
struct Elem {
    /// The tag name's place in `Builder::names` (no allocation per element).
    name: Range<usize>,
    info: TagInfo,
    /// Own flags together with every ancestor's.
    flags: u32,
    serial: u32,
    /// Tag and first class token (see `Hints::signatures`).
    signature: u32,
    block: bool,
}

/// What we remember of the start tag being read.
#[derive(Debug, Default)]
struct OpenTag {
    name: String,
    attr: String,
    /// The `class` values, lower case, each after a space.
    class_lower: String,
    /// The same for the `id` values.
    id_lower: String,
    /// The `class` attribute alone.
    class: String,
    id: String,
    role: String,
    itemprop: String,
    property: String,
    meta_name: String,
    content: String,
    type_: String,
    style: String,
    href: bool,
    hidden: bool,
}

impl OpenTag {
    /// Back to `OpenTag::default()`, keeping the buffers.
    fn clear(&mut self) {
        let OpenTag {
            name,
            attr,
            class_lower,
            id_lower,
            class,
            id,
            role,
            itemprop,
            property,
            meta_name,
            content,
            type_,
            style,
            href,
            hidden,
        } = self;
        for s in [
            name,
            attr,
            class_lower,
            id_lower,
            class,
            id,
            role,
            itemprop,
            property,
            meta_name,
            content,
            type_,
            style,
        ] {
            s.clear();
        }
        *href = false;
        *hidden = false;
    }
}

#[derive(Debug, Default)]
struct Builder {
    stack: Vec<Elem>,
    /// The open elements' tag names, one after the other (a stack, as the elements are).
    names: String,
    /// Elements pushed beyond `MAX_DEPTH`, ignored but counted so their end tags pair up.
    overflow: usize,
    serial: u32,
    /// The start tag being read, boxed so that opening it moves a pointer, not the buffers.
    tag: Box<OpenTag>,
    /// A cleared `OpenTag` to swap in while `tag` is opened.
    spare: Option<Box<OpenTag>>,
    /// Reused buffer for end tag names.
    end_name: String,
    /// `class_flags` of the class lists seen lately.
    class_flags: ClassCache,
    text: String,
    blocks: Vec<(Range<usize>, Hints)>,
    /// The block being collected, whitespace collapsed, without leading space.
    buf: String,
    buf_link_bytes: usize,
    buf_space: bool,
    buf_hints: Option<Hints>,
    /// A `<br>` was the last thing in the block (a second one ends the block).
    after_br: bool,
    title: Option<String>,
    in_title: bool,
    ld_json: Option<String>,
    meta_title: Option<String>,
    meta_date: Option<String>,
    meta_byline: Option<String>,
    ld_title: Option<String>,
    ld_date: Option<String>,
    ld_byline: Option<String>,
}

/// FNV-1a of the tag name and the first class token without its digits ("comment-949868" and
/// "comment-950013" are the same unit).
fn signature(tag: &str, class: &str) -> u32 {
    let mut h: u32 = 0x811c_9dc5;
    let first = class.split_ascii_whitespace().next().unwrap_or("");
    for b in tag
        .bytes()
        .chain([b' '])
        .chain(first.bytes().filter(|b| !b.is_ascii_digit()))
    {
        h ^= u32::from(b);
        h = h.wrapping_mul(0x0100_0193);
    }
    h
}

const VOID_TAGS: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr", "keygen", "basefont", "frame", "image",
];

/// Elements whose start and end separate blocks of text.
const BLOCK_TAGS: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "body",
    "caption",
    "center",
    "dd",
    "details",
    "dialog",
    "dir",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hgroup",
    "hr",
    "html",
    "legend",
    "li",
    "main",
    "menu",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "summary",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "tr",
    "ul",
    "option",
    "listing",
    "plaintext",
    "xmp",
    "br",
    "img",
    "iframe",
    "video",
    "audio",
    "picture",
];

/// Elements whose content is never shown as text.
const SKIPPED_TAGS: &[&str] = &[
    "script", "style", "noscript", "template", "svg", "math", "iframe", "object", "select",
    "textarea", "button", "canvas", "video", "audio", "noembed", "noframes", "head", "datalist",
];

/// Start tags that close an open `<p>` (the spec's list, shortened to what occurs).
const CLOSES_P_TAGS: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "center",
    "details",
    "dialog",
    "dir",
    "div",
    "dl",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hgroup",
    "hr",
    "main",
    "menu",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "summary",
    "table",
    "ul",
    "li",
    "dd",
    "dt",
    "listing",
    "plaintext",
    "xmp",
];

const HEADING_TAGS: &[&str] = &["h1", "h2", "h3", "h4", "h5", "h6"];

/// Tags that may stay inside `<head>` without opening the body.
const HEAD_CONTENT_TAGS: &[&str] = &[
    "title", "meta", "link", "script", "style", "base", "noscript", "template",
];

/// Raw-text elements (the tokenizer switches state for them).
const RAW_TEXT_TAGS: &[&str] = &[
    "script",
    "style",
    "textarea",
    "title",
    "xmp",
    "iframe",
    "noembed",
    "noframes",
    "noscript",
    "plaintext",
];

/// Elements whose start tag closes an open element of the same kind (see `implied_end_tags`).
const IMPLIES_END_TAGS: &[&str] = &[
    "li", "dd", "dt", "td", "th", "tr", "tbody", "thead", "tfoot", "option", "a", "h1", "h2", "h3",
    "h4", "h5", "h6",
];

// Tag names searched for on the stack, one bit each (`TagInfo::bit`): a search compares bits.
const T_P: u32 = 1;
const T_TABLE: u32 = 1 << 1;
const T_TD: u32 = 1 << 2;
const T_TH: u32 = 1 << 3;
const T_BUTTON: u32 = 1 << 4;
const T_HTML: u32 = 1 << 5;
const T_BODY: u32 = 1 << 6;
const T_CAPTION: u32 = 1 << 7;
const T_MARQUEE: u32 = 1 << 8;
const T_OBJECT: u32 = 1 << 9;
const T_LI: u32 = 1 << 10;
const T_UL: u32 = 1 << 11;
const T_OL: u32 = 1 << 12;
const T_MENU: u32 = 1 << 13;
const T_DD: u32 = 1 << 14;
const T_DT: u32 = 1 << 15;
const T_DL: u32 = 1 << 16;
const T_TR: u32 = 1 << 17;
const T_TBODY: u32 = 1 << 18;
const T_THEAD: u32 = 1 << 19;
const T_TFOOT: u32 = 1 << 20;
const T_OPTION: u32 = 1 << 21;
const T_SELECT: u32 = 1 << 22;
const T_A: u32 = 1 << 23;
const T_HEAD: u32 = 1 << 24;
const T_TITLE: u32 = 1 << 25;
const T_SCRIPT: u32 = 1 << 26;
const T_SVG: u32 = 1 << 27;
const T_MATH: u32 = 1 << 28;

const WATCHED_TAGS: &[(&str, u32)] = &[
    ("p", T_P),
    ("table", T_TABLE),
    ("td", T_TD),
    ("th", T_TH),
    ("button", T_BUTTON),
    ("html", T_HTML),
    ("body", T_BODY),
    ("caption", T_CAPTION),
    ("marquee", T_MARQUEE),
    ("object", T_OBJECT),
    ("li", T_LI),
    ("ul", T_UL),
    ("ol", T_OL),
    ("menu", T_MENU),
    ("dd", T_DD),
    ("dt", T_DT),
    ("dl", T_DL),
    ("tr", T_TR),
    ("tbody", T_TBODY),
    ("thead", T_THEAD),
    ("tfoot", T_TFOOT),
    ("option", T_OPTION),
    ("select", T_SELECT),
    ("a", T_A),
    ("head", T_HEAD),
    ("title", T_TITLE),
    ("script", T_SCRIPT),
    ("svg", T_SVG),
    ("math", T_MATH),
];

/// Context flags a tag implies by its name alone (`a` needs an `href`, see `open`).
const TAG_FLAGS: &[(&str, u32)] = &[
    ("nav", NAV),
    ("menu", NAV),
    ("footer", FOOTER),
    ("aside", ASIDE),
    ("article", ARTICLE),
    ("main", ARTICLE),
    ("figure", CAPTION),
    ("figcaption", CAPTION),
    ("header", HEADER),
    ("address", HEADER),
    ("li", LIST_ITEM),
    ("dd", LIST_ITEM),
    ("dt", LIST_ITEM),
    ("form", FORM),
    ("blockquote", QUOTE),
    ("table", TABLE),
    ("head", HEAD | SKIP),
    ("h1", HEADING),
    ("h2", HEADING),
    ("h3", HEADING),
    ("h4", HEADING),
    ("h5", HEADING),
    ("h6", HEADING),
];

// `TagInfo::kind` bits.
const K_VOID: u8 = 1;
const K_BLOCK: u8 = 1 << 1;
const K_SKIPPED: u8 = 1 << 2;
const K_CLOSES_P: u8 = 1 << 3;
const K_HEADING: u8 = 1 << 4;
const K_HEAD_CONTENT: u8 = 1 << 5;
const K_RAW_TEXT: u8 = 1 << 6;
const K_IMPLIES_END: u8 = 1 << 7;

/// What the tree builder needs to know of a tag name, looked up once per tag instead of
/// comparing the name with each list in turn.
#[derive(Debug, Clone, Copy, Default)]
struct TagInfo {
    /// `K_*` bits: the lists above the name is in.
    kind: u8,
    /// `TAG_FLAGS` of the name.
    flags: u32,
    /// The name's `T_*` bit, or 0.
    bit: u32,
}

impl TagInfo {
    fn is(self, kind: u8) -> bool {
        self.kind & kind != 0
    }
}

/// The `TagInfo` of a lower-case tag name; names in no list have the default (all empty).
fn tag_info(name: &str) -> TagInfo {
    static TABLE: OnceLock<FxHashMap<&'static str, TagInfo>> = OnceLock::new();
    let table = TABLE.get_or_init(|| {
        let kinds: [(&[&str], u8); 8] = [
            (VOID_TAGS, K_VOID),
            (BLOCK_TAGS, K_BLOCK),
            (SKIPPED_TAGS, K_SKIPPED),
            (CLOSES_P_TAGS, K_CLOSES_P),
            (HEADING_TAGS, K_HEADING),
            (HEAD_CONTENT_TAGS, K_HEAD_CONTENT),
            (RAW_TEXT_TAGS, K_RAW_TEXT),
            (IMPLIES_END_TAGS, K_IMPLIES_END),
        ];
        let mut table: FxHashMap<&'static str, TagInfo> = FxHashMap::default();
        for (names, kind) in kinds {
            for &name in names {
                table.entry(name).or_default().kind |= kind;
            }
        }
        for &(name, flags) in TAG_FLAGS {
            table.entry(name).or_default().flags |= flags;
        }
        for &(name, bit) in WATCHED_TAGS {
            table.entry(name).or_default().bit |= bit;
        }
        table
    });
    table.get(name).copied().unwrap_or_default()
}

/// Substrings of class and id tokens and the flags they imply.
const CLASS_WORDS: &[(&str, u32)] = &[
    ("nav", NAV),
    ("menu", NAV),
    ("breadcrumb", NAV),
    ("masthead", NAV),
    ("topbar", NAV),
    ("skip-link", NAV),
    ("pagination", NAV),
    ("footer", FOOTER),
    ("copyright", FOOTER),
    ("colophon", FOOTER),
    ("site-info", FOOTER),
    ("sidebar", ASIDE),
    ("related", ASIDE),
    ("recommend", ASIDE),
    ("promo", ASIDE),
    ("newsletter", ASIDE),
    ("share", ASIDE),
    ("sharing", ASIDE),
    ("social", ASIDE),
    ("widget", ASIDE),
    ("advert", ASIDE),
    ("sponsor", ASIDE),
    ("popular", ASIDE),
    ("trending", ASIDE),
    ("outbrain", ASIDE),
    ("taboola", ASIDE),
    ("subscribe", ASIDE),
    ("signup", ASIDE),
    ("sign-up", ASIDE),
    ("more-stories", ASIDE),
    ("read-more", ASIDE),
    ("readmore", ASIDE),
    ("most-read", ASIDE),
    ("mostread", ASIDE),
    ("tags", ASIDE),
    ("rail", ASIDE),
    ("teaser", ASIDE),
    ("banner", ASIDE),
    ("cookie", ASIDE),
    ("modal", ASIDE),
    ("popup", ASIDE),
    ("comment", COMMENTS),
    ("reply", COMMENTS),
    ("respond", COMMENTS),
    ("disqus", COMMENTS),
    ("discussion", COMMENTS),
    ("article-body", ARTICLE),
    ("articlebody", ARTICLE),
    ("article__body", ARTICLE),
    ("article_body", ARTICLE),
    ("article-content", ARTICLE),
    ("article__content", ARTICLE),
    ("articlecontent", ARTICLE),
    ("story-body", ARTICLE),
    ("storybody", ARTICLE),
    ("story-content", ARTICLE),
    ("post-content", ARTICLE),
    ("post-body", ARTICLE),
    ("postbody", ARTICLE),
    ("entry-content", ARTICLE),
    ("entry-body", ARTICLE),
    ("body-text", ARTICLE),
    ("bodytext", ARTICLE),
    ("article-text", ARTICLE),
    ("articletext", ARTICLE),
    ("story-text", ARTICLE),
    ("main-content", ARTICLE),
    ("content-body", ARTICLE),
    ("text-body", ARTICLE),
    ("rich-text", ARTICLE),
    ("richtext", ARTICLE),
    ("caption", CAPTION),
    ("credit", CAPTION),
    ("wp-caption", CAPTION),
    ("byline", HEADER),
    ("author", HEADER),
    ("dateline", HEADER),
    ("timestamp", HEADER),
    ("article-meta", HEADER),
    ("post-meta", HEADER),
    ("entry-meta", HEADER),
];

/// `CLASS_WORDS` by first byte (the class words, as bytes, that start with it, and their
/// flags), and the set of their first two bytes (a bit per `first << 8 | second`).
struct ClassIndex {
    words: Vec<Vec<(&'static [u8], u32)>>,
    pairs: Vec<u64>,
}

/// `CLASS_WORDS` indexed: a token is scanned once instead of searched once per word, and most
/// positions are passed after one bit test.
fn class_index() -> &'static ClassIndex {
    static INDEX: OnceLock<ClassIndex> = OnceLock::new();
    INDEX.get_or_init(|| {
        let mut index = ClassIndex {
            words: vec![Vec::new(); 256],
            pairs: vec![0; 1024],
        };
        for &(word, flag) in CLASS_WORDS {
            let bytes = word.as_bytes();
            index.words[usize::from(bytes[0])].push((bytes, flag));
            // Every class word has two bytes or more.
            let pair = usize::from(bytes[0]) << 8 | usize::from(bytes[1]);
            index.pairs[pair / 64] |= 1 << (pair % 64);
        }
        index
    })
}

/// Flags implied by class and id tokens (lower case, space separated).
fn class_flags(class_id: &str) -> u32 {
    let index = class_index();
    let mut flags = 0;
    for token in class_id.split_ascii_whitespace() {
        // Whole tokens only: "field-label-hidden" or "hidden-xs" hide a label or hide on
        // phones, not the element.
        if matches!(
            token,
            "hidden"
                | "hide"
                | "is-hidden"
                | "d-none"
                | "sr-only"
                | "screen-reader-text"
                | "visually-hidden"
                | "visuallyhidden"
                | "offscreen"
                | "element-invisible"
        ) {
            flags |= SKIP;
        }
        let bytes = token.as_bytes();
        let mut own = 0;
        for (i, pair) in bytes.windows(2).enumerate() {
            let key = usize::from(pair[0]) << 8 | usize::from(pair[1]);
            if index.pairs[key / 64] & 1 << (key % 64) == 0 {
                continue;
            }
            for &(word, flag) in &index.words[usize::from(pair[0])] {
                if starts_with(&bytes[i..], word) {
                    own |= flag;
                }
            }
        }
        // "commentary" is an opinion article, not its readers' comments.
        if own & COMMENTS != 0 && token.contains("commentary") {
            own &= !COMMENTS;
        }
        flags |= own;
    }
    flags
}

/// Slots of `ClassCache` (`1 << CLASS_BITS`): more than the distinct class lists of most pages.
const CLASS_BITS: u32 = 9;

/// `class_flags` of recent class lists, in a direct-mapped table indexed by their FxHash: pages
/// repeat the same few class lists on many elements. The page chooses these keys, so colliding
/// lists just replace each other (a miss costs one `class_flags`), and no chain can grow: the
/// cost stays linear whatever the page (a hash map with FxHash could be made quadratic, and
/// SipHash was ~1.5 % of the wasm profile). A slot's buffer is reused, so misses allocate only
/// until the table is warm.
#[derive(Debug, Default)]
struct ClassCache {
    /// (class list, its flags); an empty list marks an empty slot (never looked up).
    slots: Vec<(String, u32)>,
}

impl ClassCache {
    /// `class_flags(class)` for a non-empty class list.
    fn flags(&mut self, class: &str) -> u32 {
        if self.slots.is_empty() {
            self.slots.resize_with(1 << CLASS_BITS, Default::default);
        }
        let mut hasher = FxHasher::default();
        hasher.write(class.as_bytes());
        // The top bits: FxHash's last multiplication mixes every input bit into them.
        let slot = &mut self.slots[(hasher.finish() >> (64 - CLASS_BITS)) as usize];
        if slot.0 != class {
            slot.0.clear();
            slot.0.push_str(class);
            slot.1 = class_flags(class);
        }
        slot.1
    }
}

/// html5gum's in-memory reader with its search for the next delimiter done 16 bytes at a time
/// with wasm SIMD. html5gum's own reader tests 8 bytes at a time in a register, and first asks
/// core's `memchr`, which has no SIMD in wasm, whether the chunk's first byte is a delimiter:
/// about 6 % of the wasm time went there. The chunks are exactly html5gum's (the first byte
/// alone when it is a delimiter, else everything before the first delimiter), so the tokens
/// are too. Natively html5gum's reader is used (its SWAR search is as fast there).
#[cfg(any(test, all(target_arch = "wasm32", target_feature = "simd128")))]
struct ByteReader<'a> {
    input: &'a [u8],
}

#[cfg(any(test, all(target_arch = "wasm32", target_feature = "simd128")))]
impl<'a> ByteReader<'a> {
    fn new(html: &'a str) -> Self {
        ByteReader {
            input: html.as_bytes(),
        }
    }
}

#[cfg(any(test, all(target_arch = "wasm32", target_feature = "simd128")))]
impl html5gum::Reader for ByteReader<'_> {
    type Error = Infallible;

    #[inline(always)]
    fn read_byte(&mut self) -> Result<Option<u8>, Infallible> {
        let Some((&first, rest)) = self.input.split_first() else {
            return Ok(None);
        };
        self.input = rest;
        Ok(Some(first))
    }

    #[inline(always)]
    fn try_read_string(&mut self, s: &[u8], case_sensitive: bool) -> Result<bool, Infallible> {
        match self.input.get(..s.len()) {
            Some(head) if head == s || (!case_sensitive && head.eq_ignore_ascii_case(s)) => {
                self.input = &self.input[s.len()..];
                Ok(true)
            }
            _ => Ok(false),
        }
    }

    #[inline(always)]
    fn read_until<'b>(
        &'b mut self,
        needle: &[u8],
        _: &'b mut [u8; 4],
    ) -> Result<Option<&'b [u8]>, Infallible> {
        if self.input.is_empty() {
            return Ok(None);
        }
        let (chunk, rest) = self.input.split_at(find_any(needle, self.input).max(1));
        self.input = rest;
        Ok(Some(chunk))
    }
}

/// The position of the first byte of `haystack` that is in `needle` (`haystack.len()` if none).
/// `needle` is a constant where html5gum calls this (inlined), so the compares unroll.
#[cfg(any(test, all(target_arch = "wasm32", target_feature = "simd128")))]
#[inline(always)]
fn find_any(needle: &[u8], haystack: &[u8]) -> usize {
    let mut chunks = haystack.chunks_exact(16);
    let mut offset = 0;
    for chunk in &mut chunks {
        let bits = hits16(needle, chunk.try_into().unwrap_or(&[0; 16]));
        if bits != 0 {
            return offset + bits.trailing_zeros() as usize;
        }
        offset += 16;
    }
    let tail = chunks.remainder();
    offset
        + tail
            .iter()
            .position(|b| needle.iter().any(|n| n == b))
            .unwrap_or(tail.len())
}

/// A bit per byte of `bytes` (lowest bit first) that is in `needle`.
#[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
#[inline(always)]
fn hits16(needle: &[u8], bytes: &[u8; 16]) -> u32 {
    use core::arch::wasm32::{u8x16, u8x16_bitmask, u8x16_eq, u8x16_splat, v128_or};
    // Sixteen lane reads of one array: compiled to one `v128.load`.
    let v = u8x16(
        bytes[0], bytes[1], bytes[2], bytes[3], bytes[4], bytes[5], bytes[6], bytes[7], bytes[8],
        bytes[9], bytes[10], bytes[11], bytes[12], bytes[13], bytes[14], bytes[15],
    );
    let mut any = u8x16_splat(0);
    for &b in needle {
        any = v128_or(any, u8x16_eq(v, u8x16_splat(b)));
    }
    u32::from(u8x16_bitmask(any))
}

/// The same without SIMD, for the native tests of the reader.
#[cfg(all(test, not(all(target_arch = "wasm32", target_feature = "simd128"))))]
fn hits16(needle: &[u8], bytes: &[u8; 16]) -> u32 {
    (0..16)
        .filter(|&i| needle.contains(&bytes[i]))
        .fold(0, |bits, i| bits | 1 << i)
}

/// The tokenizer's bytes as text: valid UTF-8 (the input is a `&str`) takes the fast check.
fn text(bytes: &[u8]) -> Cow<'_, str> {
    match std::str::from_utf8(bytes) {
        Ok(s) => Cow::Borrowed(s),
        Err(_) => String::from_utf8_lossy(bytes),
    }
}

/// `haystack.starts_with(needle)` for the short needles of word lists: compared inline, the
/// usual first-byte mismatch costs no call.
#[inline]
pub(crate) fn starts_with(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.len() >= needle.len() && haystack.iter().zip(needle).all(|(a, b)| a == b)
}

/// Zero-width characters pages use as spacers; they are not text.
fn invisible(c: char) -> bool {
    matches!(c, '\u{200B}' | '\u{2060}' | '\u{FEFF}' | '\u{00AD}')
}

/// Appends `s` with whitespace runs collapsed to one space and invisible characters dropped.
/// Runs of visible characters are copied whole, not pushed one by one.
fn collapse_into(out: &mut String, s: &str) {
    let mut space = false;
    // Start of the run of visible characters being read.
    let mut run = 0;
    for (i, c) in s.char_indices() {
        let white = c.is_whitespace();
        if !white && !invisible(c) {
            continue;
        }
        if run < i {
            if space && !out.is_empty() {
                out.push(' ');
            }
            space = false;
            out.push_str(&s[run..i]);
        }
        space |= white;
        run = i + c.len_utf8();
    }
    if run < s.len() {
        if space && !out.is_empty() {
            out.push(' ');
        }
        space = false;
        out.push_str(&s[run..]);
    }
    if space && !out.is_empty() {
        out.push(' ');
    }
}

/// An element's tag name.
fn tag_of<'a>(names: &'a str, e: &Elem) -> &'a str {
    names.get(e.name.clone()).unwrap_or("")
}

impl Builder {
    fn tag_name(&self, e: &Elem) -> &str {
        tag_of(&self.names, e)
    }

    fn event(&mut self, event: CallbackEvent<'_>) {
        match event {
            CallbackEvent::OpenStartTag { name } => {
                self.tag.clear();
                self.tag.name.push_str(&text(name));
                self.tag.name.make_ascii_lowercase();
            }
            CallbackEvent::AttributeName { name } => {
                self.tag.attr.clear();
                self.tag.attr.push_str(&text(name));
                self.tag.attr.make_ascii_lowercase();
                if self.tag.attr == "href" {
                    self.tag.href = true;
                } else if self.tag.attr == "hidden" {
                    self.tag.hidden = true;
                }
            }
            CallbackEvent::AttributeValue { value } => self.attribute_value(value),
            CallbackEvent::CloseStartTag { self_closing } => self.start_tag(self_closing),
            CallbackEvent::EndTag { name } => {
                let mut lower = std::mem::take(&mut self.end_name);
                lower.clear();
                lower.push_str(&text(name));
                lower.make_ascii_lowercase();
                self.end_tag(&lower);
                self.end_name = lower;
            }
            // Hidden text (scripts, styles...) is dropped without reading it.
            CallbackEvent::String { value } if self.keeps_text() => self.string(&text(value)),
            CallbackEvent::String { .. } => {}
            CallbackEvent::Comment { .. }
            | CallbackEvent::Doctype { .. }
            | CallbackEvent::Error(_) => {}
        }
    }

    /// Whether text read now can be kept (block text, the title, JSON-LD metadata).
    fn keeps_text(&self) -> bool {
        self.in_title || self.ld_json.is_some() || self.top_flags() & SKIP == 0
    }

    fn attribute_value(&mut self, value: &[u8]) {
        let t = &mut *self.tag;
        // Only the attributes read below are decoded (not URLs, srcsets, data-*...).
        let lower_ascii = |out: &mut String, value: &[u8]| {
            let start = out.len();
            out.push_str(&text(value));
            out[start..].make_ascii_lowercase();
        };
        match t.attr.as_str() {
            "class" | "id" => {
                let value = text(value);
                let (lower, raw) = if t.attr == "id" {
                    (&mut t.id_lower, &mut t.id)
                } else {
                    (&mut t.class_lower, &mut t.class)
                };
                lower.push(' ');
                if value.is_ascii() {
                    let start = lower.len();
                    lower.push_str(&value);
                    lower[start..].make_ascii_lowercase();
                } else {
                    lower.push_str(&value.to_lowercase());
                }
                raw.push_str(&value);
            }
            "role" => lower_ascii(&mut t.role, value),
            "itemprop" => lower_ascii(&mut t.itemprop, value),
            "property" => lower_ascii(&mut t.property, value),
            "name" => lower_ascii(&mut t.meta_name, value),
            "content" => t.content.push_str(&text(value)),
            "type" => lower_ascii(&mut t.type_, value),
            "style" => lower_ascii(&mut t.style, value),
            "aria-hidden" => t.hidden |= text(value).trim().eq_ignore_ascii_case("true"),
            _ => {}
        }
    }

    fn top_flags(&self) -> u32 {
        self.stack.last().map_or(0, |e| e.flags)
    }

    /// Opens the tag read so far, then empties it keeping its buffers.
    fn start_tag(&mut self, self_closing: bool) {
        let spare = self.spare.take().unwrap_or_default();
        let mut tag = std::mem::replace(&mut self.tag, spare);
        self.open(&tag, self_closing);
        tag.clear();
        self.spare = Some(std::mem::replace(&mut self.tag, tag));
    }

    fn open(&mut self, tag: &OpenTag, self_closing: bool) {
        let name = tag.name.as_str();
        if name.is_empty() {
            return;
        }
        if name == "meta" {
            self.meta(tag);
            return;
        }
        // Leaving the head: any body content closes it.
        // (Only `head` sets `HEAD`, and flags are inherited: no need to search the stack.)
        let info = tag_info(name);
        if !info.is(K_HEAD_CONTENT) && name != "head" && self.top_flags() & HEAD != 0 {
            if let Some(i) = self.stack.iter().rposition(|e| e.info.bit == T_HEAD) {
                self.pop_to(i);
            }
        }
        if name == "br" {
            if self.after_br {
                self.flush();
            } else if !self.buf.is_empty() {
                self.buf_space = true;
                self.after_br = true;
            }
            return;
        }
        self.implied_end_tags(name, info);
        let block = info.is(K_BLOCK);
        if block {
            self.flush();
        }
        // The slash of `<div/>` means nothing in HTML, but `<svg/>` or `<foo/>` are usually
        // meant empty, and keeping them open would swallow the rest of the page. Raw-text
        // elements always open: the tokenizer has switched state and their end tag will come.
        let raw_text = info.is(K_RAW_TEXT);
        if info.is(K_VOID)
            || self_closing
                && !raw_text
                && !matches!(name, "div" | "p" | "span" | "a" | "li" | "td")
        {
            if name == "img" || name == "hr" {
                self.after_br = false;
            }
            return;
        }
        // The flags of class and id tokens, one by one: pages repeat the same few class lists
        // on many elements (cached), ids are mostly unique (not cached).
        let mut own = match tag.class_lower.as_str() {
            "" => 0,
            class => self.class_flags.flags(class),
        };
        if !tag.id_lower.is_empty() {
            own |= class_flags(&tag.id_lower);
        }
        own |= info.flags;
        if info.bit == T_A && tag.href {
            own |= LINK;
        }
        match tag.role.as_str() {
            "navigation" | "menu" | "menubar" => own |= NAV,
            "contentinfo" => own |= FOOTER,
            "complementary" => own |= ASIDE,
            "main" | "article" => own |= ARTICLE,
            "banner" => own |= HEADER,
            _ => {}
        }
        // (Empty attributes, the usual case, skip building a substring searcher.)
        if !tag.itemprop.is_empty() && tag.itemprop.contains("articlebody") {
            own |= ARTICLE;
        }
        if info.is(K_SKIPPED)
            || tag.hidden
            || !tag.style.is_empty()
                && (tag.style.contains("display:none")
                    || tag.style.contains("display: none")
                    || tag.style.contains("visibility:hidden"))
        {
            own |= SKIP;
        }
        // The document's title, not an SVG image's.
        if name == "title"
            && self.title.is_none()
            && !self
                .stack
                .iter()
                .any(|e| e.info.bit & (T_SVG | T_MATH) != 0)
        {
            self.in_title = true;
            self.title = Some(String::new());
        }
        if name == "script" && tag.type_.contains("ld+json") {
            self.ld_json = Some(String::new());
        }
        if self.stack.len() >= MAX_DEPTH {
            self.overflow += 1;
            return;
        }
        let flags = self.top_flags() | own;
        self.serial += 1;
        let start = self.names.len();
        self.names.push_str(name);
        self.stack.push(Elem {
            name: start..self.names.len(),
            info,
            flags,
            serial: self.serial,
            signature: signature(name, &tag.class),
            block,
        });
    }

    fn meta(&mut self, tag: &OpenTag) {
        let content = tag.content.trim();
        if content.is_empty() {
            return;
        }
        let key = if !tag.property.is_empty() {
            tag.property.as_str()
        } else if !tag.meta_name.is_empty() {
            tag.meta_name.as_str()
        } else {
            tag.itemprop.as_str()
        };
        let set = |slot: &mut Option<String>| {
            if slot.is_none() {
                *slot = Some(collapse(content));
            }
        };
        match key {
            "og:title" | "twitter:title" | "headline" | "dc.title" => set(&mut self.meta_title),
            "article:published_time"
            | "og:article:published_time"
            | "datepublished"
            | "date"
            | "pubdate"
            | "publishdate"
            | "publish-date"
            | "dc.date"
            | "dc.date.issued"
            | "sailthru.date"
            | "parsely-pub-date"
            | "article.published" => set(&mut self.meta_date),
            "author" | "article:author" | "byl" | "dc.creator" | "sailthru.author"
            | "parsely-author"
                if !content.starts_with("http") =>
            {
                set(&mut self.meta_byline)
            }
            _ => {}
        }
    }

    /// The end tags the tree builder implies when `name` starts.
    fn implied_end_tags(&mut self, name: &str, info: TagInfo) {
        // The nearest element among `targets`, unless one among `boundaries` comes first.
        let close_nearest = |b: &Builder, targets: u32, boundaries: u32| {
            for (i, e) in b.stack.iter().enumerate().rev() {
                if e.info.bit & targets != 0 {
                    return Some(i);
                }
                if e.info.bit & boundaries != 0 {
                    return None;
                }
            }
            None
        };
        const SCOPE: u32 =
            T_TABLE | T_TD | T_TH | T_BUTTON | T_HTML | T_BODY | T_CAPTION | T_MARQUEE | T_OBJECT;
        if info.is(K_CLOSES_P) {
            if let Some(i) = close_nearest(self, T_P, SCOPE) {
                self.pop_to(i);
            }
        }
        if !info.is(K_IMPLIES_END) {
            return;
        }
        let found = match name {
            "li" => close_nearest(self, T_LI, T_UL | T_OL | T_MENU | T_TABLE | T_BODY | T_HTML),
            "dd" | "dt" => close_nearest(self, T_DD | T_DT, T_DL | T_TABLE | T_BODY | T_HTML),
            "td" | "th" => close_nearest(self, T_TD | T_TH, T_TR | T_TABLE | T_BODY | T_HTML),
            "tr" => close_nearest(self, T_TR, T_TABLE | T_BODY | T_HTML),
            "tbody" | "thead" | "tfoot" => {
                close_nearest(self, T_TBODY | T_THEAD | T_TFOOT, T_TABLE | T_BODY | T_HTML)
            }
            "option" => close_nearest(self, T_OPTION, T_SELECT | T_BODY | T_HTML),
            "a" => close_nearest(self, T_A, T_BODY | T_HTML),
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => match self.stack.last() {
                Some(e) if e.info.is(K_HEADING) => Some(self.stack.len() - 1),
                _ => None,
            },
            _ => None,
        };
        if let Some(i) = found {
            self.pop_to(i);
        }
    }

    /// Pops the element at `i` and everything above it.
    fn pop_to(&mut self, i: usize) {
        let block = self.stack[i..].iter().any(|e| e.block);
        if block {
            self.flush();
        }
        let (mut title, mut script) = (false, false);
        let names_len = self.stack[i].name.start;
        for e in self.stack.drain(i..) {
            title |= e.info.bit == T_TITLE;
            script |= e.info.bit == T_SCRIPT;
        }
        self.names.truncate(names_len);
        if title {
            self.in_title = false;
        }
        if script {
            if let Some(json) = self.ld_json.take() {
                self.json_ld(&json);
            }
        }
    }

    fn end_tag(&mut self, name: &str) {
        if name == "br" {
            // `</br>` is a `<br>` for the HTML parser.
            self.tag.clear();
            self.tag.name.push_str("br");
            self.start_tag(false);
            return;
        }
        if self.overflow > 0 {
            self.overflow -= 1;
            return;
        }
        match self.stack.iter().rposition(|e| self.tag_name(e) == name) {
            Some(i) => self.pop_to(i),
            // A stray `</p>` still ends a paragraph.
            None if tag_info(name).is(K_BLOCK) => self.flush(),
            None => {}
        }
    }

    fn string(&mut self, s: &str) {
        let flags = self.top_flags();
        if self.in_title {
            if let Some(t) = &mut self.title {
                t.push_str(s);
            }
            return;
        }
        if let Some(json) = &mut self.ld_json {
            json.push_str(s);
            return;
        }
        if flags & SKIP != 0 {
            return;
        }
        let rest = s.trim_start_matches(|c: char| c.is_whitespace() || invisible(c));
        if s[..s.len() - rest.len()].contains(char::is_whitespace) {
            self.buf_space = true;
        }
        if rest.is_empty() {
            return;
        }
        self.after_br = false;
        if self.buf.is_empty() {
            self.buf_hints = Some(self.hints(flags));
        } else if self.buf_space {
            self.buf.push(' ');
            if flags & LINK != 0 {
                self.buf_link_bytes += 1;
            }
        }
        self.buf_space = false;
        let before = self.buf.len();
        collapse_into(&mut self.buf, rest);
        if self.buf.ends_with(' ') {
            self.buf.pop();
            self.buf_space = true;
        }
        if flags & LINK != 0 {
            self.buf_link_bytes += self.buf.len() - before;
        }
    }

    fn hints(&self, flags: u32) -> Hints {
        let tag = self
            .stack
            .iter()
            .rev()
            .find(|e| e.block && e.info.bit & (T_BODY | T_HTML) == 0)
            .map_or("body", |e| self.tag_name(e))
            .to_owned();
        let has = |f: u32| flags & f != 0;
        Hints {
            tag,
            in_nav: has(NAV),
            in_footer: has(FOOTER),
            in_aside: has(ASIDE),
            in_comments: has(COMMENTS),
            in_article: has(ARTICLE),
            in_caption: has(CAPTION),
            in_header: has(HEADER),
            link_density: 0.0,
            heading: has(HEADING),
            list_item: has(LIST_ITEM),
            in_form: has(FORM),
            in_quote: has(QUOTE),
            in_table: has(TABLE),
            table: self
                .stack
                .iter()
                .rev()
                .find(|e| e.info.bit & T_TABLE != 0)
                .map_or(0, |e| e.serial),
            headline: false,
            ancestors: self
                .stack
                .iter()
                .filter(|e| e.block)
                .map(|e| e.serial)
                .collect(),
            signatures: self
                .stack
                .iter()
                .filter(|e| e.block)
                .map(|e| e.signature)
                .collect(),
        }
    }

    fn flush(&mut self) {
        self.after_br = false;
        self.buf_space = false;
        let link_bytes = std::mem::take(&mut self.buf_link_bytes);
        let hints = self.buf_hints.take();
        if self.buf.is_empty() {
            return;
        }
        let mut hints = hints.unwrap_or_default();
        hints.link_density = (link_bytes as f32 / self.buf.len() as f32).min(1.0);
        if !self.text.is_empty() {
            self.text.push_str("\n\n");
        }
        let start = self.text.len();
        self.text.push_str(&self.buf);
        self.buf.clear();
        self.blocks.push((start..self.text.len(), hints));
    }

    fn json_ld(&mut self, json: &str) {
        let Ok(value) = serde_json::from_str::<serde_json::Value>(json.trim()) else {
            return;
        };
        let mut todo = vec![&value];
        let mut seen = 0;
        while let Some(v) = todo.pop() {
            seen += 1;
            if seen > 200 {
                break;
            }
            match v {
                serde_json::Value::Array(items) => todo.extend(items.iter().rev()),
                serde_json::Value::Object(map) => {
                    if let Some(graph) = map.get("@graph") {
                        todo.push(graph);
                    }
                    let text = |key: &str| map.get(key).and_then(|v| v.as_str()).map(collapse);
                    if self.ld_title.is_none() {
                        self.ld_title = text("headline");
                    }
                    if self.ld_date.is_none() {
                        self.ld_date = text("datePublished");
                    }
                    if self.ld_byline.is_none() && map.contains_key("headline") {
                        self.ld_byline = map.get("author").and_then(author_name);
                    }
                }
                _ => {}
            }
        }
    }

    fn finish(mut self) -> Page {
        self.flush();
        let title = self
            .title
            .as_deref()
            .map(collapse)
            .filter(|t| !t.is_empty());
        let nonempty = |s: Option<String>| s.filter(|s| !s.is_empty());
        let metadata = Metadata {
            title: nonempty(self.ld_title)
                .or(nonempty(self.meta_title))
                .or(title.clone()),
            byline: nonempty(self.ld_byline).or(nonempty(self.meta_byline)),
            date: nonempty(self.ld_date).or(nonempty(self.meta_date)),
        };
        let mut blocks = self.blocks;
        let titles: Vec<String> = [metadata.title.as_deref(), title.as_deref()]
            .into_iter()
            .flatten()
            .map(key)
            .filter(|t| t.len() >= 8)
            .collect();
        let is_title = |text: &str| {
            let k = key(text);
            k.len() >= 8
                && titles
                    .iter()
                    .any(|t| t.contains(&k) || k.contains(t.as_str()))
        };
        let headline = blocks
            .iter()
            .position(|(r, h)| h.heading && is_title(&self.text[r.clone()]))
            .or_else(|| blocks.iter().position(|(_, h)| h.tag == "h1"));
        if let Some(i) = headline {
            blocks[i].1.headline = true;
        }
        Page {
            text: self.text,
            blocks,
            metadata,
        }
    }
}

/// Lower-case letters and digits only: to compare a heading with the page's title, which often
/// adds the site's name or drops punctuation.
fn key(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// `author` in JSON-LD: a string, a Person object or a list of them.
fn author_name(v: &serde_json::Value) -> Option<String> {
    match v {
        serde_json::Value::String(s) => Some(collapse(s)),
        serde_json::Value::Object(map) => map.get("name").and_then(|n| n.as_str()).map(collapse),
        serde_json::Value::Array(items) => {
            let names: Vec<String> = items.iter().filter_map(author_name).collect();
            (!names.is_empty()).then(|| names.join(", "))
        }
        _ => None,
    }
}

fn collapse(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    collapse_into(&mut out, s);
    if out.ends_with(' ') {
        out.pop();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn class_cache_gives_class_flags_also_when_slots_are_replaced() {
        let mut cache = ClassCache::default();
        let lists: Vec<String> = (0..3000)
            .map(|i| match i % 4 {
                0 => format!(" nav-menu item-{i}"),
                1 => format!(" entry-content p{i}"),
                2 => " hidden".to_owned(),
                _ => format!(" c{}", i % 700),
            })
            .collect();
        // Twice: the second round reads slots the first filled (and replaced).
        for list in lists.iter().chain(&lists) {
            assert_eq!(cache.flags(list), class_flags(list), "{list:?}");
        }
        assert_ne!(cache.flags(" nav-menu x"), 0);
    }

    #[test]
    fn byte_reader_gives_html5gums_tokens() {
        let long = "x".repeat(40);
        let mut inputs = vec![
            String::new(),
            "<".to_owned(),
            "plain text only, longer than sixteen bytes".to_owned(),
            "<p class=\"a b\" id='c' data-x=d>Caf\u{e9} &amp; bar</p>\r\n<br/>\r".to_owned(),
            "<script>if (a < b && c > d) { x = '</p>'; }</script><style>p{}</style>".to_owned(),
            "<!-- a comment --><!DOCTYPE html><title>T &lt; U</title><textarea>&x</textarea>"
                .to_owned(),
            "\0nul\0<a\0b=\"\0\">\r\r\n\n</a\t>".to_owned(),
            format!("<div title=\"{long}\" class={long}>{long}&{long}</div><{long}>"),
            "日本語のテキスト<p>日本語</p>«guillemets» — dash".to_owned(),
        ];
        // A delimiter at every offset around the 16-byte blocks.
        for at in 0..40 {
            inputs.push(format!("{}<b>{}", "y".repeat(at), "z".repeat(at)));
            inputs.push(format!("<i a=\"{}\"{}>", "v".repeat(at), "w".repeat(at)));
        }
        for html in &inputs {
            let ours: Vec<_> = Tokenizer::new(ByteReader::new(html)).collect();
            let theirs: Vec<_> = Tokenizer::new(html.as_str()).collect();
            assert_eq!(ours, theirs, "{html:?}");
        }
    }

    fn blocks(html: &str) -> Vec<String> {
        let page = parse(html);
        page.blocks
            .iter()
            .map(|(r, _)| page.text[r.clone()].to_owned())
            .collect()
    }

    fn hints_of(html: &str, block: &str) -> Hints {
        let page = parse(html);
        page.blocks
            .iter()
            .find(|(r, _)| &page.text[r.clone()] == block)
            .map(|(_, h)| h.clone())
            .unwrap_or_else(|| panic!("no block {block:?} in {:?}", page.text))
    }

    #[test]
    fn cells_know_their_table() {
        let html = "<p>Out</p><table><tr><td>A<td>B<table><tr><td>Inner</table></table>\
                    <table><tr><td>C</table>";
        let [out, a, b, inner, c] =
            ["Out", "A", "B", "Inner", "C"].map(|t| hints_of(html, t).table);
        assert_eq!(out, 0);
        assert!(a != 0 && a == b);
        assert!(inner != 0 && inner != a);
        assert!(c != 0 && c != a && c != inner);
    }

    #[test]
    fn paragraphs_and_inline_markup() {
        assert_eq!(
            blocks(
                "<p>One <b>bold</b>  word.<p>Two&amp;three &eacute;t&#233; <i>x</i>y</p><p>\u{200B}</p><p>z&#8203;w</p>"
            ),
            ["One bold word.", "Two&three été xy", "zw"]
        );
    }

    #[test]
    fn scripts_styles_and_handlers_are_never_text() {
        let html = r#"<html><head><title>T</title><style>p{color:red}</style>
            <script>document.write("<p>evil</p>")</script></head>
            <body><img src=x onerror="alert(1)"><p>Safe text.</p>
            <script>var s = "</div><p>not text</p>";</script>
            <noscript><p>Enable JS</p></noscript><template><p>tpl</p></template>
            <svg><text>svg text</text></svg><textarea><p>typed</p></textarea></body></html>"#;
        let page = parse(html);
        assert_eq!(page.text, "Safe text.");
        assert_eq!(page.metadata.title.as_deref(), Some("T"));
    }

    #[test]
    fn implied_end_tags() {
        assert_eq!(
            blocks("<ul><li>a<li>b</ul><table><tr><td>c<td>d<tr><td>e</table><p>f<div>g</div>"),
            ["a", "b", "c", "d", "e", "f", "g"]
        );
        assert!(hints_of("<ul><li>a<li>b</ul>", "b").list_item);
    }

    #[test]
    fn div_direct_text_and_double_br() {
        assert_eq!(
            blocks("<div>Intro <span>text</span><div>inner</div>tail<br>same<br><br>next</div>"),
            ["Intro text", "inner", "tail same", "next"]
        );
    }

    #[test]
    fn structural_hints() {
        let html = r#"<body><nav><ul><li><a href="/">Home</a></li></ul></nav>
            <article><h1>Headline</h1><p>Body with <a href="/x">a link</a>.</p>
            <figure><img src=a><figcaption>Photo: Reuters</figcaption></figure></article>
            <div class="comments-area"><p>Leave a Reply</p></div>
            <footer><p>© 2024</p></footer></body>"#;
        let home = hints_of(html, "Home");
        assert!(home.in_nav && home.link_density > 0.99);
        let h = hints_of(html, "Headline");
        assert!(h.heading && h.in_article && h.tag == "h1" && h.headline);
        let body = hints_of(html, "Body with a link.");
        assert!(body.in_article && body.link_density > 0.2 && body.link_density < 0.5);
        assert!(hints_of(html, "Photo: Reuters").in_caption);
        assert!(hints_of(html, "Leave a Reply").in_comments);
        assert!(hints_of(html, "© 2024").in_footer);
    }

    #[test]
    fn metadata_from_meta_and_json_ld() {
        let html = r#"<head><title>Site - Story</title>
            <meta property="og:title" content="Story">
            <meta name="author" content="Jane Roe">
            <script type="application/ld+json">{"@graph":[{"@type":"NewsArticle","headline":"The Story",
              "datePublished":"2022-02-17T10:00:00Z","author":[{"@type":"Person","name":"John Doe"}]}]}</script>
            </head><body><p>x</p></body>"#;
        let m = parse(html).metadata;
        assert_eq!(m.title.as_deref(), Some("The Story"));
        assert_eq!(m.date.as_deref(), Some("2022-02-17T10:00:00Z"));
        assert_eq!(m.byline.as_deref(), Some("John Doe"));
    }

    #[test]
    fn hidden_and_tag_soup() {
        assert_eq!(
            blocks(
                r#"<div hidden>h</div><p style="display: none">n</p><p class="sr-only">s</p><p>v"#
            ),
            ["v"]
        );
        let soup = "<p>a</b></i><div><span>b<p>c</td></tr></table>d".repeat(3);
        assert_eq!(blocks(&soup).concat(), "abcdabcdabcd");
        assert_eq!(
            blocks("<script/>alert(1)</script><svg/><p>after</p>"),
            ["after"]
        );
        let deep = "<div>".repeat(10_000) + "x" + &"</div>".repeat(10_000);
        assert_eq!(blocks(&deep), ["x"]);
        assert!(parse("<").text.is_empty() || parse("<").text == "<");
        let _ = parse("<a href='x'<<p>>>&#0;&#xD800;\u{0}</p");
    }
}
