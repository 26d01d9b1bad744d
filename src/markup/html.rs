//! HTML prose with a position-keeping lexer.
//!
//! HTML parsers build a tree and forget where each text came from; the
//! report needs the byte offset of every word, so this module lexes the file
//! itself: tags, comments, doctype, CDATA, raw-text elements (`script`,
//! `style`, …) and character references, every one at its offset. Text in
//! `<article>` (else `<main>`, else the whole body) is prose, except inside
//! elements that are not the article's prose: scripts, styles, navigation,
//! asides, footers, forms, tables, preformatted code, SVG and MathML, templates, the
//! `<head>`, and a page `<header>` outside the article. Block elements and
//! `<br>` end a paragraph; inline elements (`<a>`, `<em>`, `<span>`) are
//! transparent, so only link texts are read, never their targets.

use super::{Builder, Prose, directive};

/// Elements whose content is never prose.
const SKIP: &[&str] = &[
    "script", "style", "noscript", "template", "head", "nav", "aside", "footer", "form", "button",
    "select", "textarea", "svg", "math", "pre", "iframe", "object", "canvas", "audio", "video",
    "dialog", "menu",
];

/// Elements whose content the lexer must not read as markup.
const RAW: &[&str] = &[
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
    "title",
];

/// Elements that never have an end tag.
const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track",
    "wbr", "param",
];

#[derive(Debug)]
enum Token<'a> {
    Text(usize, usize),
    /// A character reference and what it stands for.
    Entity(usize, usize, String),
    Start {
        name: String,
        start: usize,
        end: usize,
        self_closing: bool,
    },
    End {
        name: String,
        start: usize,
    },
    Comment(usize, usize, &'a str),
}

fn lex(src: &str) -> Vec<Token<'_>> {
    let bytes = src.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    let mut text_start = 0;
    let flush = |out: &mut Vec<Token>, from: usize, to: usize| {
        if to > from {
            out.push(Token::Text(from, to));
        }
    };
    while i < bytes.len() {
        match bytes[i] {
            b'<' => {
                let rest = &src[i..];
                if let Some(after) = rest.strip_prefix("<!--") {
                    flush(&mut out, text_start, i);
                    let end = after.find("-->").map_or(src.len(), |e| i + 4 + e + 3);
                    let body_end = end.saturating_sub(3).max(i + 4);
                    out.push(Token::Comment(i, end, &src[i + 4..body_end]));
                    i = end;
                    text_start = i;
                } else if rest.starts_with("<![CDATA[") {
                    flush(&mut out, text_start, i);
                    i = rest.find("]]>").map_or(src.len(), |e| i + e + 3);
                    text_start = i;
                } else if rest.starts_with("<!") || rest.starts_with("<?") {
                    flush(&mut out, text_start, i);
                    i = rest.find('>').map_or(src.len(), |e| i + e + 1);
                    text_start = i;
                } else if rest.starts_with("</")
                    && rest.as_bytes().get(2).is_some_and(u8::is_ascii_alphabetic)
                {
                    flush(&mut out, text_start, i);
                    let name = tag_name(&rest[2..]);
                    let end = rest.find('>').map_or(src.len(), |e| i + e + 1);
                    out.push(Token::End { name, start: i });
                    i = end;
                    text_start = i;
                } else if rest.as_bytes().get(1).is_some_and(u8::is_ascii_alphabetic) {
                    flush(&mut out, text_start, i);
                    let name = tag_name(&rest[1..]);
                    let end = tag_end(bytes, i + 1 + name.len());
                    let self_closing = end >= 2 && bytes[end - 2] == b'/';
                    out.push(Token::Start {
                        name: name.clone(),
                        start: i,
                        end,
                        self_closing,
                    });
                    i = end;
                    text_start = i;
                    if RAW.contains(&name.as_str()) && !self_closing {
                        // Raw text up to the matching end tag, unread.
                        let close =
                            find_ci(&src[i..], &format!("</{name}")).map_or(src.len(), |e| i + e);
                        i = close;
                        text_start = i;
                    }
                } else {
                    i += 1;
                }
            }
            b'&' => {
                if let Some((len, decoded)) = entity(&src[i..]) {
                    flush(&mut out, text_start, i);
                    out.push(Token::Entity(i, i + len, decoded));
                    i += len;
                    text_start = i;
                } else {
                    i += 1;
                }
            }
            _ => i += 1,
        }
    }
    flush(&mut out, text_start, src.len());
    out
}

fn tag_name(s: &str) -> String {
    s.bytes()
        .take_while(|b| b.is_ascii_alphanumeric() || *b == b'-' || *b == b':')
        .map(|b| b.to_ascii_lowercase() as char)
        .collect()
}

/// The byte after the `>` that closes a start tag, skipping quoted
/// attribute values.
fn tag_end(bytes: &[u8], mut i: usize) -> usize {
    let mut quote = None;
    while i < bytes.len() {
        match (quote, bytes[i]) {
            (None, b'"' | b'\'') => quote = Some(bytes[i]),
            (Some(q), b) if b == q => quote = None,
            (None, b'>') => return i + 1,
            _ => {}
        }
        i += 1;
    }
    bytes.len()
}

fn find_ci(hay: &str, needle: &str) -> Option<usize> {
    let n = needle.len();
    hay.as_bytes()
        .windows(n)
        .position(|w| w.eq_ignore_ascii_case(needle.as_bytes()))
}

/// A character reference at the start of `s`: its length and its text.
fn entity(s: &str) -> Option<(usize, String)> {
    let body_end = s[1..].find(';').filter(|&e| e > 0 && e <= 32)? + 1;
    let body = &s[1..body_end];
    let c = if let Some(num) = body.strip_prefix('#') {
        let n = match num.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => num.parse().ok()?,
        };
        match char::from_u32(n) {
            Some('\0') | None => '\u{FFFD}',
            Some(c) => c,
        }
    } else {
        named(body)?
    };
    // A no-break space is a space to the engine.
    let c = if c == '\u{a0}' { ' ' } else { c };
    Some((body_end + 1, c.to_string()))
}

fn named(name: &str) -> Option<char> {
    Some(match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "nbsp" | "ensp" | "emsp" | "thinsp" => ' ',
        "ldquo" => '“',
        "rdquo" => '”',
        "lsquo" => '‘',
        "rsquo" => '’',
        "sbquo" => '‚',
        "bdquo" => '„',
        "laquo" => '«',
        "raquo" => '»',
        "lsaquo" => '‹',
        "rsaquo" => '›',
        "mdash" => '—',
        "ndash" => '–',
        "hellip" => '…',
        "shy" | "zwj" | "zwnj" => '\u{ad}',
        "copy" => '©',
        "reg" => '®',
        "trade" => '™',
        "deg" => '°',
        "euro" => '€',
        "pound" => '£',
        "yen" => '¥',
        "cent" => '¢',
        "sect" => '§',
        "para" => '¶',
        "middot" => '·',
        "bull" => '•',
        "times" => '×',
        "divide" => '÷',
        "plusmn" => '±',
        "minus" => '−',
        "frac12" => '½',
        "frac14" => '¼',
        "frac34" => '¾',
        "percnt" => '%',
        "szlig" => 'ß',
        "aelig" => 'æ',
        "AElig" => 'Æ',
        "oslash" => 'ø',
        "Oslash" => 'Ø',
        "eth" => 'ð',
        "thorn" => 'þ',
        _ => return accented(name),
    })
}

/// `&eacute;`, `&Uuml;`, `&atilde;`, `&aring;`, `&ccedil;`…
fn accented(name: &str) -> Option<char> {
    let mut chars = name.chars();
    let base = chars.next()?;
    let accent = chars.as_str();
    const TABLE: &[(&str, &str, &str)] = &[
        // accent, bases, results (same order)
        ("acute", "aeiouyAEIOUY", "áéíóúýÁÉÍÓÚÝ"),
        ("grave", "aeiouAEIOU", "àèìòùÀÈÌÒÙ"),
        ("circ", "aeiouAEIOU", "âêîôûÂÊÎÔÛ"),
        ("uml", "aeiouyAEIOUY", "äëïöüÿÄËÏÖÜŸ"),
        ("tilde", "anoANO", "ãñõÃÑÕ"),
        ("ring", "aA", "åÅ"),
        ("cedil", "cC", "çÇ"),
        ("caron", "scSCzZ", "ščŠČžŽ"),
    ];
    let (_, bases, results) = TABLE.iter().find(|(a, _, _)| *a == accent)?;
    let i = bases.chars().position(|b| b == base)?;
    results.chars().nth(i)
}

pub fn extract(source: &str) -> Prose {
    let tokens = lex(source);
    let has = |tag: &str| {
        tokens
            .iter()
            .any(|t| matches!(t, Token::Start { name, .. } if name == tag))
    };
    // The element that holds the article, when the page marks one.
    let scope = if has("article") {
        Some("article")
    } else if has("main") {
        Some("main")
    } else {
        None
    };
    let mut b = Builder::new(source);
    let mut in_scope = 0usize;
    let mut skip: Vec<String> = Vec::new();
    for t in &tokens {
        let reading = skip.is_empty() && (scope.is_none() || in_scope > 0);
        match t {
            Token::Comment(start, end, body) => {
                if let Some((kind, checks)) = directive::parse(body) {
                    b.directives.push(super::Directive {
                        kind,
                        checks,
                        comment: crate::model::Span::new(*start, *end),
                    });
                }
            }
            Token::Text(s, e) if reading => b.verbatim(*s, *e),
            Token::Entity(s, e, text) if reading => {
                if text == "\u{ad}" {
                    // Soft hyphens and joiners vanish.
                    continue;
                }
                b.synthetic(text, *s, *e)
            }
            Token::Text(..) | Token::Entity(..) => {}
            Token::Start {
                name,
                start,
                end,
                self_closing,
            } => {
                let void = VOID.contains(&name.as_str()) || *self_closing;
                if Some(name.as_str()) == scope && !void {
                    in_scope += 1;
                }
                let skipped = SKIP.contains(&name.as_str())
                    || (name == "header" && scope.is_some() && in_scope == 0);
                if skipped && !void {
                    skip.push(name.clone());
                }
                if BLOCK.contains(&name.as_str()) {
                    b.block_break(*start);
                } else if name == "img" || name == "td" || name == "th" {
                    b.space(*start, *end);
                }
            }
            Token::End { name, start, .. } => {
                if Some(name.as_str()) == scope {
                    in_scope = in_scope.saturating_sub(1);
                }
                if let Some(k) = skip.iter().rposition(|s| s == name) {
                    skip.truncate(k);
                }
                if BLOCK.contains(&name.as_str()) {
                    b.block_break(*start);
                }
            }
        }
    }
    b.finish()
}

#[cfg(test)]
mod tests {
    use crate::markup::{Markup, extract};
    use crate::model::Span;

    #[test]
    fn article_prose_only_with_entities_decoded() {
        let src = "<!doctype html><html><head><title>T</title><script>var said = 1;</script></head>\n<body><nav><a href=\"/\">Home</a> said</nav>\n<article><h1>Budget</h1>\n<p>Lind&rsquo;s aide said the <a href=\"https://x.test/said\">plan</a>\nwould fail.</p><p>Critics <em>disagree</em>.</p></article>\n<footer>Footer text said</footer></body></html>";
        let p = extract(Markup::Html, src);
        assert_eq!(
            p.text.trim(),
            "Budget\n\nLind’s aide said the plan would fail.\n\nCritics disagree."
        );
        let plan = p.text.find("plan").unwrap();
        let o = p.to_original(Span::new(plan, plan + 4));
        assert_eq!(&src[o.start..o.end], "plan");
        let lind = p.text.find("Lind").unwrap();
        let o = p.to_original(Span::new(lind, lind + "Lind’s".len()));
        assert_eq!(&src[o.start..o.end], "Lind&rsquo;s");
    }

    #[test]
    fn without_an_article_the_body_is_read_and_quoted_gt_is_not_a_tag_end() {
        let src = "<p title=\"a > b\">Officials said &quot;no&quot;.<br>Next line.</p><!-- claimtrace-disable -->";
        let p = extract(Markup::Html, src);
        assert_eq!(p.text.trim(), "Officials said \"no\".\n\nNext line.");
        assert_eq!(p.directives.len(), 1);
    }

    #[test]
    fn entities_decode() {
        assert_eq!(super::entity("&eacute;x"), Some((8, "é".into())));
        assert_eq!(super::entity("&#8220;"), Some((7, "“".into())));
        assert_eq!(super::entity("&#x201D;"), Some((8, "”".into())));
        assert_eq!(super::entity("&Scaron;"), Some((8, "Š".into())));
        assert_eq!(super::entity("& nope;"), None);
        assert_eq!(super::entity("&unknown;"), None);
    }
}
