//! HTML prose: scraper (html5ever) builds the tree the way a browser does
//! (implied end tags, misnested formatting, foster parenting, raw-text
//! elements), and a small scan of the file keeps the positions a parsed
//! tree forgets.
//!
//! The scan ([`CharData`]) reads the file as html5ever's tokenizer does: it
//! drops tags, comments and doctypes, decodes character references (with
//! html5ever's own entity table) and line ends, and records the file range
//! of every piece of the character data that remains. The tree's text
//! nodes, in document order, are then aligned with that character data
//! ([`Aligner`]): normally each node is the next bytes; where the tree
//! builder dropped or moved text (whitespace in tables, a NUL, text
//! fostered out of a table), a bounded search finds the node again.
//!
//! Text in `<article>` elements (else `<main>`, else the whole page) is
//! prose, except inside elements that are not the article's prose (see
//! [`not_prose`]). Block elements and `<br>` end a paragraph; inline
//! elements (`<a>`, `<em>`, `<span>`) are transparent, so link texts are
//! read and their targets never.

use super::{Builder, Directive, Prose, directive};
use crate::model::Span;
use ego_tree::{NodeRef, iter::Edge};
use markup5ever::data::{C1_REPLACEMENTS, NAMED_ENTITIES};
use scraper::{Html, Node, node::Element};

/// Elements whose content is never prose.
const SKIP: &[&str] = &[
    "script", "style", "noscript", "template", "head", "title", "nav", "aside", "footer", "form",
    "button", "select", "textarea", "svg", "math", "pre", "xmp", "iframe", "object", "canvas",
    "audio", "video", "dialog", "menu", "noembed", "noframes",
];

/// ARIA roles of page furniture: navigation, banners, footers, asides.
const SKIP_ROLES: &[&str] = &[
    "navigation",
    "banner",
    "contentinfo",
    "complementary",
    "search",
    "menu",
    "menubar",
    "toolbar",
];

/// Elements that start and end a paragraph.
const BLOCK: &[&str] = &[
    "p",
    "div",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "ul",
    "ol",
    "dl",
    "dt",
    "dd",
    "blockquote",
    "section",
    "article",
    "main",
    "header",
    "footer",
    "table",
    "thead",
    "tbody",
    "tfoot",
    "tr",
    "td",
    "th",
    "caption",
    "figure",
    "figcaption",
    "br",
    "hr",
    "address",
    "details",
    "summary",
    "body",
    "html",
    "hgroup",
    "center",
    "legend",
    "fieldset",
    "option",
];

/// Elements whose content the tokenizer reads as raw text: no tags, no
/// character references.
const RAW_TEXT: &[&str] = &[
    "script", "style", "xmp", "iframe", "noembed", "noframes", "noscript",
];

/// Elements whose content has character references but no tags.
const RCDATA: &[&str] = &["title", "textarea"];

/// How far (in bytes of character data) a text node is looked for when it
/// is not where the previous one ended.
const WINDOW: usize = 4096;

pub fn extract(source: &str) -> Prose {
    let data = scan(source);
    let html = Html::parse_document(source);
    let root = html.tree.root();
    let scope = scope(root);
    let mut b = Builder::new(source);
    let mut aligner = Aligner::new(&data);
    // Open elements whose content is not prose; open scope elements.
    let (mut skipped, mut inside) = (0usize, 0usize);
    let mut parts = Vec::new();
    for edge in root.traverse() {
        match edge {
            Edge::Open(node) => match node.value() {
                Node::Element(e) => {
                    skipped += usize::from(not_prose(node, e, scope.is_some()));
                    inside += usize::from(Some(e.name()) == scope);
                    let at = aligner.source_offset();
                    if BLOCK.contains(&e.name()) {
                        b.block_break(at);
                    } else if e.name() == "img" {
                        b.space(at, at);
                    }
                }
                Node::Text(t) => {
                    // Every node is aligned, prose or not, so the next one
                    // is looked for where this one ends.
                    parts.clear();
                    aligner.align(t, &mut parts);
                    if skipped == 0 && (scope.is_none() || inside > 0) {
                        for part in &parts {
                            part.write(&data, &mut b);
                        }
                    }
                }
                _ => {}
            },
            Edge::Close(node) => {
                if let Node::Element(e) = node.value() {
                    skipped -= usize::from(not_prose(node, e, scope.is_some()));
                    inside -= usize::from(Some(e.name()) == scope);
                    if BLOCK.contains(&e.name()) {
                        b.block_break(aligner.source_offset());
                    }
                }
            }
        }
    }
    b.directives = data.directives;
    b.finish()
}

/// True when an element's content is not the article's prose: [`SKIP`]
/// elements, data tables when the page marks its article, a page banner
/// (`<header>` outside article, main, section, aside and nav: the ARIA
/// `banner`), anything `hidden` or `aria-hidden="true"`, and elements with
/// a [`SKIP_ROLES`] role.
fn not_prose(node: NodeRef<Node>, e: &Element, scoped: bool) -> bool {
    let name = e.name();
    SKIP.contains(&name)
        || (name == "table" && scoped)
        || (name == "header"
            && !node.ancestors().any(|a| {
                a.value().as_element().is_some_and(|p| {
                    matches!(p.name(), "article" | "main" | "section" | "aside" | "nav")
                })
            }))
        || e.attr("hidden").is_some()
        || e.attr("aria-hidden")
            .is_some_and(|v| v.trim().eq_ignore_ascii_case("true"))
        || e.attr("role").is_some_and(|r| {
            r.split_ascii_whitespace()
                .next()
                .is_some_and(|r| SKIP_ROLES.contains(&r.to_ascii_lowercase().as_str()))
        })
}

/// The element that holds the article: `article` when the page has one
/// outside page furniture (not a teaser in an `<aside>`), else `main`, else
/// none (the whole page is read).
fn scope(root: NodeRef<Node>) -> Option<&'static str> {
    let mut skipped = 0usize;
    let mut main = false;
    for edge in root.traverse() {
        match edge {
            Edge::Open(node) => {
                if let Some(e) = node.value().as_element() {
                    if not_prose(node, e, false) {
                        skipped += 1;
                    } else if skipped == 0 && e.name() == "article" {
                        return Some("article");
                    } else if skipped == 0 && e.name() == "main" {
                        main = true;
                    }
                }
            }
            Edge::Close(node) => {
                if let Some(e) = node.value().as_element() {
                    skipped -= usize::from(not_prose(node, e, false));
                }
            }
        }
    }
    main.then_some("main")
}

/// One piece of the character data and the file range it came from.
#[derive(Debug, Clone, Copy)]
struct Piece {
    /// Start and length in [`CharData::text`].
    at: usize,
    len: usize,
    /// Start and length in the file.
    src: usize,
    src_len: usize,
    /// The same bytes as the file (else a decoded reference or line end).
    copied: bool,
}

/// The file's character data as the tokenizer sees it, with its origin.
#[derive(Debug, Default)]
struct CharData {
    text: String,
    pieces: Vec<Piece>,
    directives: Vec<Directive>,
}

impl CharData {
    fn copied(&mut self, src: &str, start: usize, end: usize) {
        if end <= start {
            return;
        }
        let at = self.text.len();
        self.text.push_str(&src[start..end]);
        if let Some(last) = self.pieces.last_mut()
            && last.copied
            && last.src + last.src_len == start
        {
            last.len += end - start;
            last.src_len += end - start;
            return;
        }
        self.pieces.push(Piece {
            at,
            len: end - start,
            src: start,
            src_len: end - start,
            copied: true,
        });
    }

    fn replaced(&mut self, text: &str, start: usize, end: usize) {
        let at = self.text.len();
        self.text.push_str(text);
        self.pieces.push(Piece {
            at,
            len: text.len(),
            src: start,
            src_len: end - start,
            copied: false,
        });
    }

    /// Character data in `src[start..end]`: line ends normalised (`\r\n`
    /// and `\r` are `\n`), references decoded when `refs`.
    fn data(&mut self, src: &str, start: usize, end: usize, refs: bool) {
        let bytes = src.as_bytes();
        let (mut run, mut i) = (start, start);
        while i < end {
            match bytes[i] {
                b'\r' => {
                    self.copied(src, run, i);
                    let n = if i + 1 < end && bytes[i + 1] == b'\n' {
                        2
                    } else {
                        1
                    };
                    self.replaced("\n", i, i + n);
                    i += n;
                    run = i;
                }
                b'&' if refs => match char_ref(&src[i..end]) {
                    Some((len, text)) => {
                        self.copied(src, run, i);
                        self.replaced(&text, i, i + len);
                        i += len;
                        run = i;
                    }
                    None => i += 1,
                },
                _ => i += 1,
            }
        }
        self.copied(src, run, end);
    }

    /// The file offset of character-data offset `at`.
    fn source_offset(&self, at: usize) -> usize {
        let k = self.pieces.partition_point(|p| p.at + p.len <= at);
        match self.pieces.get(k) {
            Some(p) if p.copied => p.src + (at - p.at),
            Some(p) => p.src,
            None => self.pieces.last().map_or(0, |p| p.src + p.src_len),
        }
    }
}

fn is_space(b: u8) -> bool {
    matches!(b, b'\t' | b'\n' | 0x0c | b'\r' | b' ')
}

/// Scans the file for its character data and `claimtrace-…` comments.
fn scan(src: &str) -> CharData {
    let bytes = src.as_bytes();
    let mut out = CharData::default();
    let mut i = 0;
    while i < bytes.len() {
        let next = memchr::memchr(b'<', &bytes[i..]).map_or(bytes.len(), |k| i + k);
        out.data(src, i, next, true);
        if next < bytes.len() {
            i = markup(src, next, &mut out);
        } else {
            i = next;
        }
    }
    out
}

/// Reads the markup at `src[i..]` (which starts with `<`) and returns where
/// it ends; raw text after a `<script>`-like start tag is read with it.
fn markup(src: &str, i: usize, out: &mut CharData) -> usize {
    let bytes = src.as_bytes();
    let rest = &src[i..];
    if let Some(body) = rest.strip_prefix("<!--") {
        let (body_len, used) = comment(body);
        let end = i + 4 + used;
        if let Some((kind, checks)) = directive::parse(&body[..body_len]) {
            out.directives.push(Directive {
                kind,
                checks,
                comment: Span::new(i, end),
            });
        }
        return end;
    }
    if let Some(cdata) = rest.strip_prefix("<![CDATA[") {
        // Text in SVG and MathML (a bogus comment in HTML, where the
        // aligner then finds no node for it).
        let len = cdata.find("]]>").unwrap_or(cdata.len());
        out.data(src, i + 9, i + 9 + len, false);
        return (i + 9 + len + 3).min(src.len());
    }
    let end_tag = rest.starts_with("</");
    let name_at = i + if end_tag { 2 } else { 1 };
    let starts_name = bytes.get(name_at).is_some_and(u8::is_ascii_alphabetic);
    if rest.starts_with("</>") {
        return i + 3;
    }
    if rest.starts_with("<!") || rest.starts_with("<?") || (end_tag && !starts_name) {
        // Doctype or bogus comment, up to the next `>`.
        return rest.find('>').map_or(src.len(), |e| i + e + 1);
    }
    if !starts_name {
        // A `<` that opens nothing is text.
        out.data(src, i, i + 1, false);
        return i + 1;
    }
    let name_len = bytes[name_at..]
        .iter()
        .take_while(|&&b| !is_space(b) && b != b'/' && b != b'>')
        .count();
    let name = src[name_at..name_at + name_len].to_ascii_lowercase();
    let Some(end) = tag_end(bytes, name_at + name_len) else {
        // A tag cut off by the end of the file is dropped.
        return src.len();
    };
    if end_tag {
        return end;
    }
    if name == "plaintext" {
        out.data(src, end, src.len(), false);
        return src.len();
    }
    let raw = RAW_TEXT.contains(&name.as_str());
    if raw || RCDATA.contains(&name.as_str()) {
        let close = raw_text_end(src, end, &name);
        out.data(src, end, close, !raw);
        return close;
    }
    end
}

/// A comment body's length and the bytes used through its end (`-->`,
/// `--!>`, or the abrupt `<!-->` and `<!--->`).
fn comment(body: &str) -> (usize, usize) {
    if body.starts_with('>') {
        return (0, 1);
    }
    if body.starts_with("->") {
        return (0, 2);
    }
    let close = body.find("-->").map(|k| (k, k + 3));
    let bang = body.find("--!>").map(|k| (k, k + 4));
    match (close, bang) {
        (Some(a), Some(b)) => a.min(b),
        (a, b) => a.or(b).unwrap_or((body.len(), body.len())),
    }
}

/// The byte after the `>` that ends a tag whose attributes start at `i`
/// (quoted values may hold `>`); `None` when the file ends first.
fn tag_end(b: &[u8], mut i: usize) -> Option<usize> {
    let len = b.len();
    loop {
        while i < len && (is_space(b[i]) || b[i] == b'/') {
            i += 1;
        }
        if i >= len {
            return None;
        }
        if b[i] == b'>' {
            return Some(i + 1);
        }
        // An attribute name (its first character may be `=`).
        i += 1;
        while i < len && !is_space(b[i]) && !matches!(b[i], b'/' | b'>' | b'=') {
            i += 1;
        }
        while i < len && is_space(b[i]) {
            i += 1;
        }
        if i < len && b[i] == b'=' {
            i += 1;
            while i < len && is_space(b[i]) {
                i += 1;
            }
            match b.get(i)? {
                &q @ (b'"' | b'\'') => i += 2 + memchr::memchr(q, &b[i + 1..])?,
                b'>' => return Some(i + 1),
                _ => {
                    while i < len && !is_space(b[i]) && b[i] != b'>' {
                        i += 1;
                    }
                }
            }
        }
    }
}

/// Where the raw text of element `name` starting at `from` ends: at
/// `</name` followed by a space, `/` or `>`, else at the end of the file.
fn raw_text_end(src: &str, from: usize, name: &str) -> usize {
    let bytes = src.as_bytes();
    let mut i = from;
    while let Some(k) = memchr::memmem::find(&bytes[i..], b"</") {
        let at = i + k;
        let after = at + 2 + name.len();
        if bytes
            .get(at + 2..after)
            .is_some_and(|n| n.eq_ignore_ascii_case(name.as_bytes()))
            && bytes
                .get(after)
                .is_none_or(|&b| is_space(b) || b == b'/' || b == b'>')
        {
            return at;
        }
        i = at + 2;
    }
    src.len()
}

/// A character reference at the start of `s` (which starts with `&`): its
/// length and its text, decoded as html5ever decodes it in text.
fn char_ref(s: &str) -> Option<(usize, String)> {
    let b = s.as_bytes();
    if b.get(1) == Some(&b'#') {
        let hex = matches!(b.get(2), Some(b'x' | b'X'));
        let digits_at = if hex { 3 } else { 2 };
        let digits = b[digits_at.min(b.len())..]
            .iter()
            .take_while(|c| {
                if hex {
                    c.is_ascii_hexdigit()
                } else {
                    c.is_ascii_digit()
                }
            })
            .count();
        if digits == 0 {
            return None;
        }
        let mut len = digits_at + digits;
        if b.get(len) == Some(&b';') {
            len += 1;
        }
        let n = u32::from_str_radix(&s[digits_at..digits_at + digits], if hex { 16 } else { 10 })
            .unwrap_or(u32::MAX);
        let c = match n {
            0 => '\u{FFFD}',
            0x80..=0x9F => C1_REPLACEMENTS[(n - 0x80) as usize]
                .or_else(|| char::from_u32(n))
                .unwrap_or('\u{FFFD}'),
            _ => char::from_u32(n).unwrap_or('\u{FFFD}'),
        };
        return Some((len, c.to_string()));
    }
    // The longest name in the table, with or without its `;` (legacy
    // references such as `&copy` need none).
    let name_len = b[1..]
        .iter()
        .take_while(|c| c.is_ascii_alphanumeric())
        .count()
        .min(40);
    let mut best = None;
    for k in 1..=name_len {
        let with_semicolon = (b.get(1 + k) == Some(&b';')).then(|| &s[1..2 + k]);
        for (key, len) in [(Some(&s[1..1 + k]), 1 + k), (with_semicolon, 2 + k)] {
            if let Some(&(c1, c2)) = key.and_then(|key| NAMED_ENTITIES.get(key))
                && c1 != 0
            {
                best = Some((len, c1, c2));
            }
        }
    }
    let (len, c1, c2) = best?;
    let text = [c1, c2]
        .into_iter()
        .filter(|&c| c != 0)
        .filter_map(char::from_u32)
        .collect();
    Some((len, text))
}

/// A piece of a text node: character data, or a character the file does
/// not have at that place (written where the node is).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Part {
    Data(usize, usize),
    Extra(char, usize),
}

impl Part {
    /// Appends the part to the prose, mapped to the file.
    fn write(&self, data: &CharData, b: &mut Builder) {
        let (from, to) = match *self {
            Part::Extra(c, at) => {
                b.synthetic(c.encode_utf8(&mut [0; 4]), at, at);
                return;
            }
            Part::Data(from, to) => (from, to),
        };
        let mut k = data.pieces.partition_point(|p| p.at + p.len <= from);
        while let Some(p) = data.pieces.get(k).filter(|p| p.at < to) {
            let (a, z) = (from.max(p.at), to.min(p.at + p.len));
            if p.copied {
                b.verbatim(p.src + (a - p.at), p.src + (z - p.at));
            } else if &data.text[a..z] == "\n" {
                // A `\r\n` or `\r` line end: spaces, like any other.
                b.verbatim(p.src, p.src + p.src_len);
            } else {
                // A no-break space is a space to the engine; soft hyphens
                // and zero-width joiners vanish.
                let text: String = data.text[a..z]
                    .chars()
                    .filter(|c| !matches!(c, '\u{ad}' | '\u{200b}' | '\u{200c}' | '\u{200d}'))
                    .map(|c| if c == '\u{a0}' { ' ' } else { c })
                    .collect();
                b.synthetic(&text, p.src, p.src + p.src_len);
            }
            k += 1;
        }
    }
}

/// Finds each text node of the tree in the character data, in order.
struct Aligner<'d> {
    data: &'d CharData,
    /// Where the previous node ended in the character data.
    at: usize,
    /// Character data already given to a node: a node is never looked for
    /// there again, so repeated text ("cell", a recurring sentence) is
    /// found where it has not been used yet.
    used: Vec<bool>,
    /// Bytes the searches may still read: a multiple of the page's size,
    /// so a page the scan misreads still costs linear time.
    budget: usize,
}

impl<'d> Aligner<'d> {
    fn new(data: &'d CharData) -> Self {
        Aligner {
            data,
            at: 0,
            used: vec![false; data.text.len()],
            budget: 32 * (data.text.len() + WINDOW),
        }
    }

    /// The file offset where the previous node ended.
    fn source_offset(&self) -> usize {
        self.data.source_offset(self.at)
    }

    /// Splits `text` into parts of the character data.
    fn align(&mut self, text: &str, parts: &mut Vec<Part>) {
        // Usually the node is next; else the nearest unused place its
        // longest prefix is found.
        let head = first_chars(text, 256);
        if self.matching(head) < head.len()
            && let Some(p) = self.find(text)
        {
            self.at = p;
        }
        let mut i = 0;
        while i < text.len() {
            let n = self.matching(&text[i..]);
            if n > 0 {
                parts.push(Part::Data(self.at, self.at + n));
                self.used[self.at..self.at + n].fill(true);
                i += n;
                self.at += n;
                continue;
            }
            let rest = &text[i..];
            if let Some(p) = self.find(rest) {
                // The rest is elsewhere: the file has more here than the
                // node (a dropped NUL), or the tree joined text from two
                // places (fostered text appended to the text before a
                // table).
                self.at = p;
                continue;
            }
            // A character the file does not have here (a NUL the tokenizer
            // replaced): shown where the node has got to.
            let c = rest.chars().next().expect("not at the end");
            parts.push(Part::Extra(c, self.source_offset()));
            i += c.len_utf8();
        }
    }

    /// How much of `text` the unused character data at the current
    /// position matches, in whole characters.
    fn matching(&self, text: &str) -> usize {
        let data = &self.data.text[self.at..];
        let reach = text.len().min(data.len());
        let free = self.used[self.at..self.at + reach]
            .iter()
            .position(|&u| u)
            .unwrap_or(reach);
        let mut n = text
            .bytes()
            .zip(data.as_bytes()[..free].iter().copied())
            .take_while(|(x, y)| x == y)
            .count();
        while !text.is_char_boundary(n) {
            n -= 1;
        }
        n
    }

    /// Where `text` starts: its longest prefix found (256, 64 or 16
    /// characters), so that a sentence a page repeats is told apart by
    /// what follows it.
    fn find(&mut self, text: &str) -> Option<usize> {
        let mut tried = 0;
        for n in [256, 64, 16] {
            let needle = first_chars(text, n);
            if needle.len() == tried {
                continue;
            }
            tried = needle.len();
            if let Some(p) = self.nearest(needle) {
                return Some(p);
            }
        }
        None
    }

    /// The unused occurrence of `needle` nearest the current position:
    /// ahead of it (more in the file than in the tree), or before it (a
    /// node the tree holds after one that follows it in the file: the
    /// cells of a table whose stray text was fostered out before it).
    fn nearest(&mut self, needle: &str) -> Option<usize> {
        let data = self.data.text.as_str();
        let mut end = (self.at + WINDOW).min(data.len());
        while !data.is_char_boundary(end) {
            end -= 1;
        }
        let mut start = self.at.saturating_sub(WINDOW);
        while !data.is_char_boundary(start) {
            start += 1;
        }
        let cost = end - start;
        if needle.is_empty() || self.budget < cost {
            return None;
        }
        self.budget -= cost;
        let free = |p: &usize| !self.used[*p..*p + needle.len()].contains(&true);
        let after = data[self.at..end]
            .match_indices(needle)
            .map(|(k, _)| self.at + k)
            .find(free);
        let before = data[start..self.at]
            .rmatch_indices(needle)
            .map(|(k, _)| start + k)
            .find(free);
        match (after, before) {
            (Some(a), Some(b)) if self.at - b < a - self.at => Some(b),
            (Some(a), _) => Some(a),
            (None, b) => b,
        }
    }
}

/// The first `n` characters of `s`.
fn first_chars(s: &str, n: usize) -> &str {
    &s[..s.char_indices().nth(n).map_or(s.len(), |(i, _)| i)]
}

#[cfg(test)]
mod tests {
    use crate::markup::{Markup, extract};
    use crate::model::Span;

    fn prose(src: &str) -> String {
        extract(Markup::Html, src).text.trim().to_string()
    }

    /// The file text a prose substring maps back to.
    fn origin<'s>(src: &'s str, needle: &str) -> &'s str {
        let p = extract(Markup::Html, src);
        let at = p
            .text
            .find(needle)
            .unwrap_or_else(|| panic!("{needle:?} in {:?}", p.text));
        let o = p.to_original(Span::new(at, at + needle.len()));
        &src[o.start..o.end]
    }

    #[test]
    fn article_prose_only_with_entities_decoded() {
        let src = "<!doctype html><html><head><title>T</title><script>var said = 1;</script></head>\n<body><nav><a href=\"/\">Home</a> said</nav>\n<article><h1>Budget</h1>\n<p>Lind&rsquo;s aide said the <a href=\"https://x.test/said\">plan</a>\nwould fail.</p><p>Critics <em>disagree</em>.</p></article>\n<footer>Footer text said</footer></body></html>";
        let p = extract(Markup::Html, src);
        assert_eq!(
            p.text.trim(),
            "Budget\n\nLind’s aide said the plan would fail.\n\nCritics disagree."
        );
        assert_eq!(origin(src, "plan"), "plan");
        assert_eq!(origin(src, "Lind’s"), "Lind&rsquo;s");
    }

    #[test]
    fn without_an_article_the_body_is_read_and_quoted_gt_is_not_a_tag_end() {
        let src = "<p title=\"a > b\">Officials said &quot;no&quot;.<br>Next line.</p><!-- claimtrace-disable -->";
        let p = extract(Markup::Html, src);
        assert_eq!(p.text.trim(), "Officials said \"no\".\n\nNext line.");
        assert_eq!(p.directives.len(), 1);
        assert_eq!(
            &src[p.directives[0].comment.start..p.directives[0].comment.end],
            "<!-- claimtrace-disable -->"
        );
    }

    #[test]
    fn implied_end_tags_end_paragraphs() {
        let src = "<p>Analysts said it would fail.<p>Critics agreed.<ul><li>One item<li>Another item</ul>";
        assert_eq!(
            prose(src),
            "Analysts said it would fail.\n\nCritics agreed.\n\nOne item\n\nAnother item"
        );
        assert_eq!(origin(src, "Another"), "Another");
    }

    #[test]
    fn furniture_hidden_and_landmarks_are_not_prose() {
        let src = "<body><header><a>Site</a> says hello</header>\
            <div role=\"navigation\">Menu says</div>\
            <main><header><h1>Title of the story</h1></header>\
            <p hidden>Hidden text</p><p aria-hidden=\"true\">Icon text</p>\
            <template><p>Template text</p></template><noscript>Enable scripts</noscript>\
            <p>The story itself.</p><table><tr><td>A data cell</td></tr></table>\
            <aside><article>A teaser</article></aside></main></body>";
        assert_eq!(prose(src), "Title of the story\n\nThe story itself.");
        // Without an article or main, a layout table is read.
        assert_eq!(
            prose("<table><tr><td>Cell one.</td><td>Cell two.</td></tr></table>"),
            "Cell one.\n\nCell two."
        );
    }

    #[test]
    fn misnested_and_fostered_text_keeps_its_positions() {
        let src = "<article><p><b>Analysts <i>say</b> the</i> plan\nwill fail.</p>\
            <table><tr><td>cell</td></tr>Fostered text</table>\
            <p>Critics &eacute;x say &#150; no.</p></article>";
        let p = extract(Markup::Html, src);
        assert_eq!(
            p.text.trim(),
            "Analysts say the plan will fail.\n\nFostered text\n\nCritics éx say – no."
        );
        assert_eq!(origin(src, "say the plan"), "say</b> the</i> plan");
        assert_eq!(origin(src, "Fostered"), "Fostered");
        assert_eq!(origin(src, "éx say – no"), "&eacute;x say &#150; no");
    }

    #[test]
    fn repeated_text_after_fostered_text_keeps_its_place() {
        // The tree holds "stray" before the table, the file after "cell":
        // the cell is found just behind, not at the first "cell" of the page.
        let mut src = String::from("<article>");
        for i in 0..70 {
            // Tables further apart than the search window.
            src.push_str(&format!(
                "<p>Port director Lena Berg said the talks would resume on Friday, when the port authority, the union and the shipping lines meet again (round {i}). Analysts say it will fail.</p>\n"
            ));
            if i % 30 == 0 {
                src.push_str("<table><tr><td>cell</td></tr>stray</table><aside>aside</aside>\n");
            }
        }
        let p = extract(Markup::Html, &src);
        let mut seen = 0;
        for (at, _) in p.text.match_indices("Analysts") {
            let o = p.to_original(Span::new(at, at + 8));
            assert_eq!(&src[o.start..o.end], "Analysts");
            seen += 1;
        }
        assert_eq!(seen, 70);
        for (at, _) in p.text.match_indices("round ") {
            let o = p.to_original(Span::new(at, at + 9));
            assert_eq!(&src[o.start..o.end], &p.text[at..at + 9]);
        }
    }

    #[test]
    fn every_word_of_random_pages_maps_to_itself() {
        // Pages of repeated sentences with one unique word each, among
        // tables with stray text, misnested tags, references, comments,
        // scripts and CRLF line ends: each unique word maps back to itself.
        let mut seed = 0x2545_F491_4F6C_DD1Du64;
        let mut next = |n: u64| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed % n
        };
        for page in 0..200 {
            // Standards mode and quirks mode (where a table does not end
            // a paragraph) build different trees.
            let doctype = if page % 2 == 0 { "<!doctype html>" } else { "" };
            let mut src = format!("{doctype}<html><body><article>");
            let mut words = Vec::new();
            for k in 0..(5 + next(40)) {
                let word = format!("w{page:03}x{k:03}");
                let sentence = "Port director Lena Berg said the talks would resume";
                let piece = match next(9) {
                    0 => format!("<p>{sentence} &amp; {word}.</p>\r\n"),
                    1 => format!("<table><tr><td>cell</td></tr>{word}</table>\n"),
                    2 => format!("<p><b>{sentence} <i>{word}</b> more</i> text.\n"),
                    3 => format!("<!-- {sentence} --><p>{word} &eacute;t&eacute;</p>"),
                    4 => format!("<script>var s = \"{sentence}</p>\";</script><li>{word}"),
                    5 => format!("<div>{sentence}<br>{word}&nbsp;&#x201C;q&#x201D;</div>"),
                    6 => format!("<table><tr><td>{word}</td></tr></table>"),
                    7 => format!("<p>{sentence}\0 {word}</p>"),
                    _ => format!("<p title=\"a > b\">{sentence}, {word}</p>\n"),
                };
                src.push_str(&piece);
                words.push(word);
            }
            let p = extract(Markup::Html, &src);
            for w in &words {
                // Cells of a table in an article are not prose.
                let Some(at) = p.text.find(&format!("{w}.")).or_else(|| {
                    p.text
                        .match_indices(w.as_str())
                        .find(|(i, _)| !p.text[i + w.len()..].starts_with(char::is_alphanumeric))
                        .map(|(i, _)| i)
                }) else {
                    continue;
                };
                let o = p.to_original(Span::new(at, at + w.len()));
                assert_eq!(&src[o.start..o.end], w, "page {page}: {src}");
                // The words before it come from the same place.
                let mut from = at.saturating_sub(24);
                while !p.text.is_char_boundary(from) {
                    from += 1;
                }
                if p.text[from..at].contains('\n') || !p.text[from..at].contains("resume") {
                    continue;
                }
                let o = p.to_original(Span::new(from, at + w.len()));
                assert!(
                    o.end - o.start < 64 && src[o.start..o.end].ends_with(w.as_str()),
                    "page {page}: {w} in {:?}: {src}",
                    &src[o.start..o.end]
                );
            }
        }
    }

    #[test]
    fn line_ends_nul_and_legacy_references() {
        let src = "<p>One\r\nsaid \0it&copy2024 &amp &notit; &unknown; x</p>";
        let p = extract(Markup::Html, src);
        assert_eq!(p.text.trim(), "One  said it©2024 & ¬it; &unknown; x");
        assert_eq!(origin(src, "said"), "said");
        assert_eq!(origin(src, "it©2024"), "it&copy2024");
        assert_eq!(origin(src, "x"), "x");
    }

    #[test]
    fn raw_text_and_rcdata_are_not_markup() {
        let src = "<script>if (a < b) { x = \"<p>said</p>\"; }</script><title>A &amp; B</title>\
            <p>Text <!-- claimtrace-disable-line --> after.</p><script><!-- claimtrace-enable --></script>";
        let p = extract(Markup::Html, src);
        assert_eq!(p.text.trim(), "Text  after.");
        assert_eq!(p.directives.len(), 1);
    }

    #[test]
    fn arbitrary_markup_never_panics_and_maps_to_char_boundaries() {
        const BITS: &[&str] = &[
            "<p>",
            "</p>",
            "<b>",
            "</i>",
            "<table>",
            "<tr>",
            "<td>",
            "text said ",
            "é“x”",
            "&amp;",
            "&eacute",
            "&#x1F600;",
            "&#150;",
            "\r\n",
            "\0",
            "<!--",
            "-->",
            "<script>",
            "</script>",
            "<",
            ">",
            "\"",
            "'",
            "<a href=\"x>y\">",
            "<article>",
            "<svg>",
            "<![CDATA[z]]>",
            "<br/>",
            "<title>",
            "</title",
            "<pre>\n",
            "&",
            "<plaintext>",
        ];
        let mut seed = 0x9E37_79B9_7F4A_7C15u64;
        for _ in 0..3000 {
            let mut src = String::new();
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            for k in 0..(seed % 24) {
                let r = seed.rotate_left(k as u32 * 5) ^ k;
                src.push_str(BITS[(r % BITS.len() as u64) as usize]);
            }
            let p = extract(Markup::Html, &src);
            for (i, _) in p.text.char_indices() {
                let o = p.to_original(Span::new(i, p.text.len()));
                assert!(src.get(o.start..o.end).is_some(), "{src:?} at {i}");
            }
        }
    }

    #[test]
    fn references_decode_as_html5ever_does() {
        use super::char_ref;
        assert_eq!(char_ref("&eacute;x"), Some((8, "é".into())));
        assert_eq!(char_ref("&#8220;"), Some((7, "“".into())));
        assert_eq!(char_ref("&#x201D;"), Some((8, "”".into())));
        assert_eq!(char_ref("&#150;"), Some((6, "–".into())));
        assert_eq!(char_ref("&#0;"), Some((4, "\u{FFFD}".into())));
        assert_eq!(char_ref("&Scaron;"), Some((8, "Š".into())));
        assert_eq!(char_ref("&NotEqualTilde;"), Some((15, "≂\u{338}".into())));
        assert_eq!(char_ref("&copy2024"), Some((5, "©".into())));
        assert_eq!(char_ref("& nope;"), None);
        assert_eq!(char_ref("&unknown;"), None);
        assert_eq!(char_ref("&#;"), None);
    }
}
