//! Inline suppression comments: `<!-- claimtrace-disable vague-source -->`.

use crate::model::Span;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DirectiveKind {
    /// `claimtrace-disable [checks]`: off from here until an enable.
    Disable,
    /// `claimtrace-enable [checks]`: back on from here.
    Enable,
    /// `claimtrace-disable-next-line [checks]`: off on the next non-blank line.
    DisableNextLine,
    /// `claimtrace-disable-line [checks]`: off on the comment's own line.
    DisableLine,
}

impl DirectiveKind {
    pub fn as_str(&self) -> &'static str {
        match self {
            DirectiveKind::Disable => "claimtrace-disable",
            DirectiveKind::Enable => "claimtrace-enable",
            DirectiveKind::DisableNextLine => "claimtrace-disable-next-line",
            DirectiveKind::DisableLine => "claimtrace-disable-line",
        }
    }
}

/// One directive comment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Directive {
    pub kind: DirectiveKind,
    /// Check ids as written; empty means every check.
    pub checks: Vec<String>,
    /// The whole comment, `<!--` to `-->`, in the original file.
    pub comment: Span,
}

/// Reads a comment body (between `<!--` and `-->`). Check ids are separated
/// by spaces or commas; anything after ` -- ` is a free-text reason.
pub fn parse(body: &str) -> Option<(DirectiveKind, Vec<String>)> {
    let body = body.trim();
    let rest = body.strip_prefix("claimtrace-")?;
    let (word, args) = rest
        .split_once(|c: char| c.is_whitespace())
        .unwrap_or((rest, ""));
    let kind = match word {
        "disable" => DirectiveKind::Disable,
        "enable" => DirectiveKind::Enable,
        "disable-next-line" => DirectiveKind::DisableNextLine,
        "disable-line" => DirectiveKind::DisableLine,
        _ => return None,
    };
    let args = args.split(" --").next().unwrap_or("");
    let checks = args
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect();
    Some((kind, checks))
}

/// Every directive comment in `text`, with spans offset by `base`.
pub fn scan_comments(text: &str, base: usize) -> Vec<Directive> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(open) = text[from..].find("<!--").map(|i| from + i) {
        let body_start = open + 4;
        let Some(close) = text[body_start..].find("-->").map(|i| body_start + i) else {
            break;
        };
        if let Some((kind, checks)) = parse(&text[body_start..close]) {
            out.push(Directive {
                kind,
                checks,
                comment: Span::new(base + open, base + close + 3),
            });
        }
        from = close + 3;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn directives_parse_with_lists_and_reasons() {
        assert_eq!(
            parse(" claimtrace-disable vague-source, loaded-cue-verb -- quoting a report "),
            Some((
                DirectiveKind::Disable,
                vec!["vague-source".into(), "loaded-cue-verb".into()]
            ))
        );
        assert_eq!(
            parse("claimtrace-enable"),
            Some((DirectiveKind::Enable, vec![]))
        );
        assert_eq!(
            parse("claimtrace-disable-next-line"),
            Some((DirectiveKind::DisableNextLine, vec![]))
        );
        assert_eq!(parse("claimtrace-disabled"), None);
        assert_eq!(parse("an ordinary comment"), None);
    }

    #[test]
    fn comments_are_found_with_their_spans() {
        let t = "a <!-- x --> b <!-- claimtrace-disable-line -->";
        let d = scan_comments(t, 10);
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].comment, Span::new(25, 10 + t.len()));
    }
}
