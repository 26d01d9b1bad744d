//! Markup inputs: the prose of a Markdown or HTML file as plain text for the
//! engine, with a map that takes every span back to the original file.
//!
//! The engine reads plain text: paragraphs separated by blank lines,
//! sentences inside them. [`extract`] keeps only the prose of a file (no
//! code blocks, front matter, tags, scripts, navigation or link targets),
//! decodes entities and escapes, writes a blank line between blocks and a
//! space for every line break inside one, and records where each piece of
//! the prose came from. [`Prose::remap`] then rewrites every span of an
//! [`Analysis`] into byte ranges of the original file, so line and column
//! are those an editor shows. Role texts stay the prose text (entities
//! decoded, emphasis marks gone).
//!
//! Plain text maps one to one; only `<!-- claimtrace-… -->` directive
//! comments are blanked out. Every format collects those directives
//! ([`Directive`]) for suppression.

mod directive;
mod html;
mod markdown;

pub use directive::{Directive, DirectiveKind};

use crate::model::{Analysis, Span};

/// How a file is written, from its extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Markup {
    Text,
    Markdown,
    Html,
}

impl Markup {
    /// `.md`, `.markdown`, `.mdown`, `.mkd` are Markdown; `.html`, `.htm`,
    /// `.xhtml` are HTML; anything else is plain text.
    pub fn from_extension(ext: Option<&str>) -> Markup {
        match ext.map(|e| e.to_ascii_lowercase()).as_deref() {
            Some("md" | "markdown" | "mdown" | "mkd") => Markup::Markdown,
            Some("html" | "htm" | "xhtml") => Markup::Html,
            _ => Markup::Text,
        }
    }

    /// Extensions read when a directory is walked.
    pub const EXTENSIONS: &'static [&'static str] = &[
        "txt", "md", "markdown", "mdown", "mkd", "html", "htm", "xhtml",
    ];

    pub fn as_str(&self) -> &'static str {
        match self {
            Markup::Text => "text",
            Markup::Markdown => "markdown",
            Markup::Html => "html",
        }
    }
}

/// One piece of the prose and where it came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Segment {
    /// Start in the prose.
    prose: usize,
    prose_len: usize,
    /// Start in the original file.
    orig: usize,
    orig_len: usize,
    /// Copied byte for byte (line breaks and tabs turned into spaces): every
    /// byte maps to its own. Otherwise (a decoded entity, an inserted block
    /// break) the piece maps to its whole original range.
    verbatim: bool,
}

/// The prose of a file and the map back to it.
#[derive(Debug, Clone)]
pub struct Prose {
    /// The text the engine analyses.
    pub text: String,
    segments: Vec<Segment>,
    /// Length of the original file.
    orig_len: usize,
    /// `claimtrace-disable` and friends, in file order.
    pub directives: Vec<Directive>,
}

/// Extracts the prose of `source` written in `markup`.
pub fn extract(markup: Markup, source: &str) -> Prose {
    match markup {
        Markup::Text => plain(source),
        Markup::Markdown => markdown::extract(source),
        Markup::Html => html::extract(source),
    }
}

/// Plain text is its own prose; directive comments become spaces.
fn plain(source: &str) -> Prose {
    let directives = directive::scan_comments(source, 0);
    let mut text = source.to_string();
    if !directives.is_empty() {
        // SAFETY-free blanking: replace whole comments (ASCII delimiters) by
        // spaces through a byte copy that stays valid UTF-8.
        let mut bytes = std::mem::take(&mut text).into_bytes();
        for d in &directives {
            for b in &mut bytes[d.comment.start..d.comment.end] {
                if *b != b'\n' && *b != b'\r' {
                    *b = b' ';
                }
            }
        }
        // Every byte of a comment was replaced (multi-byte characters
        // entirely), so the bytes are still UTF-8.
        text = String::from_utf8(bytes).unwrap_or_default();
    }
    Prose {
        segments: vec![Segment {
            prose: 0,
            prose_len: source.len(),
            orig: 0,
            orig_len: source.len(),
            verbatim: true,
        }],
        text,
        orig_len: source.len(),
        directives,
    }
}

impl Prose {
    /// The original byte range of a prose span.
    pub fn to_original(&self, span: Span) -> Span {
        let start = self.map_start(span.start);
        let end = if span.end > span.start {
            self.map_end(span.end)
        } else {
            start
        };
        Span::new(start, end.max(start))
    }

    fn segment_at(&self, p: usize) -> Option<&Segment> {
        let i = self.segments.partition_point(|s| s.prose <= p);
        i.checked_sub(1).map(|i| &self.segments[i])
    }

    fn map_start(&self, p: usize) -> usize {
        if p >= self.text.len() {
            return self
                .segments
                .last()
                .map_or(self.orig_len, |s| s.orig + s.orig_len);
        }
        match self.segment_at(p) {
            Some(s) if s.verbatim => s.orig + (p - s.prose).min(s.orig_len),
            Some(s) if p < s.prose + s.prose_len => s.orig,
            Some(s) => s.orig + s.orig_len,
            None => 0,
        }
    }

    fn map_end(&self, e: usize) -> usize {
        match self.segment_at(e - 1) {
            Some(s) if s.verbatim => s.orig + (e - s.prose).min(s.orig_len),
            Some(s) => s.orig + s.orig_len,
            None => 0,
        }
    }

    /// The file range of the prose's first line (a title, usually): where
    /// findings about the whole document are reported. `None` when the
    /// file has no prose.
    pub fn opening(&self) -> Option<Span> {
        let start = self.text.find(|c: char| !c.is_whitespace())?;
        let line = self.text[start..].split('\n').next().unwrap_or("");
        Some(self.to_original(Span::new(start, start + line.trim_end().len())))
    }

    /// Rewrites every span of an analysis of [`Prose::text`] into the
    /// original file.
    pub fn remap(&self, analysis: &mut Analysis) {
        if self.is_identity() {
            return;
        }
        for a in &mut analysis.attributions {
            for role in a.source.iter_mut().chain([&mut a.cue, &mut a.content]) {
                for s in &mut role.spans {
                    *s = self.to_original(*s);
                }
            }
            for c in &mut a.hedge.cues {
                c.span = self.to_original(c.span);
            }
        }
        for c in &mut analysis.unattributed {
            c.span = self.to_original(c.span);
            for h in &mut c.hedge.cues {
                h.span = self.to_original(h.span);
            }
        }
        for c in &mut analysis.credits {
            c.span = self.to_original(c.span);
        }
    }

    /// True when prose offsets are file offsets.
    pub fn is_identity(&self) -> bool {
        matches!(self.segments.as_slice(), [s] if s.verbatim && s.prose == 0 && s.orig == 0 && s.prose_len == self.orig_len)
            || (self.segments.is_empty() && self.text.is_empty())
    }
}

/// Builds the prose and its map piece by piece.
struct Builder<'a> {
    source: &'a str,
    text: String,
    segments: Vec<Segment>,
    directives: Vec<Directive>,
}

impl<'a> Builder<'a> {
    fn new(source: &'a str) -> Self {
        Builder {
            source,
            text: String::with_capacity(source.len()),
            segments: Vec::new(),
            directives: Vec::new(),
        }
    }

    /// Copies `source[start..end]`, line breaks, tabs and form feeds as
    /// spaces (a block's inner line breaks are not paragraph breaks).
    fn verbatim(&mut self, mut start: usize, end: usize) {
        if self.text.is_empty() || self.text.ends_with('\n') {
            // No indentation at the start of a paragraph.
            let piece = &self.source[start..end.max(start)];
            start += piece.len() - piece.trim_start_matches([' ', '\n', '\r', '\t']).len();
        }
        if start >= end {
            return;
        }
        let piece = &self.source[start..end];
        let at = self.text.len();
        if piece
            .bytes()
            .any(|b| matches!(b, b'\n' | b'\r' | b'\t' | 0x0c))
        {
            self.text.extend(piece.chars().map(|c| match c {
                '\n' | '\r' | '\t' | '\u{c}' => ' ',
                c => c,
            }));
        } else {
            self.text.push_str(piece);
        }
        if let Some(last) = self.segments.last_mut()
            && last.verbatim
            && last.prose + last.prose_len == at
            && last.orig + last.orig_len == start
        {
            last.prose_len += end - start;
            last.orig_len += end - start;
            return;
        }
        self.segments.push(Segment {
            prose: at,
            prose_len: end - start,
            orig: start,
            orig_len: end - start,
            verbatim: true,
        });
    }

    /// Writes `text` standing for `source[start..end]`.
    fn synthetic(&mut self, text: &str, start: usize, end: usize) {
        if text.is_empty() {
            return;
        }
        let at = self.text.len();
        self.text.push_str(text);
        self.segments.push(Segment {
            prose: at,
            prose_len: text.len(),
            orig: start,
            orig_len: end.saturating_sub(start),
            verbatim: false,
        });
    }

    /// Writes `text` for `source[start..end]`: verbatim when it is the same
    /// bytes, else as one synthetic piece.
    fn text_for(&mut self, text: &str, start: usize, end: usize) {
        if self.source.get(start..end) == Some(text) {
            self.verbatim(start, end);
        } else {
            self.synthetic(text, start, end);
        }
    }

    /// Ends a block: a blank line, unless the prose is empty or already
    /// ends with one.
    fn block_break(&mut self, at: usize) {
        let trimmed = self.text.trim_end_matches(' ');
        if trimmed.is_empty() || trimmed.ends_with("\n\n") {
            return;
        }
        self.synthetic("\n\n", at, at);
    }

    /// A space between inline pieces, unless one is already there.
    fn space(&mut self, start: usize, end: usize) {
        if self.text.is_empty() || self.text.ends_with([' ', '\n']) {
            return;
        }
        self.synthetic(" ", start, end);
    }

    fn finish(self) -> Prose {
        Prose {
            text: self.text,
            segments: self.segments,
            orig_len: self.source.len(),
            directives: self.directives,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_text_is_its_own_prose() {
        let p = extract(Markup::Text, "Analysts said it.\n");
        assert_eq!(p.text, "Analysts said it.\n");
        assert!(p.is_identity());
        assert_eq!(p.to_original(Span::new(0, 8)), Span::new(0, 8));
    }

    #[test]
    fn plain_text_directives_are_blanked_and_collected() {
        let src = "<!-- claimtrace-disable vague-source -->\nAnalysts said it.\n";
        let p = extract(Markup::Text, src);
        assert_eq!(p.text.len(), src.len());
        assert!(p.text.starts_with("        "));
        assert_eq!(p.directives.len(), 1);
        assert_eq!(p.directives[0].checks, vec!["vague-source".to_string()]);
    }

    #[test]
    fn the_opening_is_the_first_line_of_prose() {
        let src = "---\ntitle: x\n---\n\n# Port *strike* talks\n\nText.\n";
        let o = extract(Markup::Markdown, src).opening().unwrap();
        assert_eq!(&src[o.start..o.end], "Port *strike* talks");
        let src = "\n\n  First line.\nSecond line.\n";
        let o = extract(Markup::Text, src).opening().unwrap();
        assert_eq!(&src[o.start..o.end], "First line.");
        assert_eq!(extract(Markup::Html, "<nav>Menu</nav>").opening(), None);
    }

    #[test]
    fn extension_picks_the_markup() {
        assert_eq!(Markup::from_extension(Some("MD")), Markup::Markdown);
        assert_eq!(Markup::from_extension(Some("htm")), Markup::Html);
        assert_eq!(Markup::from_extension(Some("txt")), Markup::Text);
        assert_eq!(Markup::from_extension(None), Markup::Text);
    }
}
