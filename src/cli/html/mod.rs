//! `analyze --format html`: one self-contained page for the whole run. Each
//! article is shown with its claims highlighted (colour and letter by source
//! type, underline style by hedge level); a side panel counts the sources,
//! filters by source or type and shows the details of the selected claim.
//!
//! Safe by construction: every piece of input (article text, file names,
//! source names, rule ids) reaches the page through `escape` or, for the
//! script's data, as JSON inside `<script type="application/json">` with
//! `<`, `>` and `&` escaped; the script builds the details with
//! `textContent`, never `innerHTML`. The Content-Security-Policy allows no
//! remote load and only the page's own style and script, by their SHA-256.

mod highlight;
mod sha256;

use super::input::Input;
use claimtrace::position::LineIndex;
use claimtrace::{Analysis, Attribution, Hedge, HedgeLevel, Kind, RuleId, SourceType, Tone};
use highlight::{Mark, Part};
use serde::Serialize;
use std::collections::HashMap;
use std::fmt::Write as _;

const CSS: &str = include_str!("report.css");
const JS: &str = include_str!("report.js");

/// One input of the run: its analysis, or why it has none (the file name
/// and the message, also printed on standard error).
pub type Entry = Result<(Input, Analysis), (String, String)>;

/// Escapes text for HTML content and for quoted attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    escape_into(&mut out, text);
    out
}

pub fn escape_into(out: &mut String, text: &str) {
    let mut rest = text;
    while let Some(i) = rest.find(['&', '<', '>', '"', '\'']) {
        out.push_str(&rest[..i]);
        out.push_str(match rest.as_bytes()[i] {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            _ => "&#39;",
        });
        rest = &rest[i + 1..];
    }
    out.push_str(rest);
}

/// JSON for a `<script type="application/json">` element: `<`, `>` and `&`
/// (which only occur inside strings) as `\u` escapes, so no `</script>` or
/// `<!--` in the data can end or change the element.
fn script_json(value: &impl Serialize) -> String {
    serde_json::to_string(value)
        .expect("serialisable")
        .replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
}

/// The categories of the report: the seven source types, then claims in
/// the author's voice.
const CATEGORIES: [(&str, &str, &str); 8] = [
    ("person", "P", "person"),
    ("organization", "O", "organization"),
    ("media", "M", "media"),
    ("official", "Of", "official"),
    ("anonymous", "A", "anonymous"),
    ("vague", "V", "vague"),
    ("document", "D", "document"),
    ("unattributed", "U", "unattributed (author's voice)"),
];

fn letter(category: &str) -> &'static str {
    CATEGORIES
        .iter()
        .find(|c| c.0 == category)
        .map_or("?", |c| c.1)
}

/// What the script shows for one claim (the fields of the JSON report).
#[derive(Serialize)]
struct ClaimData<'a> {
    /// Unique in the page: `d1-a3`, `d2-u1`.
    key: String,
    id: String,
    document: &'a str,
    attributed: bool,
    /// A source type, or `unattributed`.
    category: &'static str,
    kind: Option<Kind>,
    source: Option<&'a str>,
    entity: Option<&'a str>,
    /// Index of the claim's row in the sources panel.
    group: Option<usize>,
    chain: &'a [String],
    parent: Option<String>,
    cue: Option<&'a str>,
    content: &'a str,
    tone: Option<Tone>,
    quoted: Option<bool>,
    hedge: HedgeData<'a>,
    rule: Option<&'a str>,
    rules: &'a [RuleId],
    line: usize,
    column: usize,
}

#[derive(Serialize)]
struct HedgeData<'a> {
    level: HedgeLevel,
    score: f64,
    cues: Vec<HedgeCueData<'a>>,
}

#[derive(Serialize)]
struct HedgeCueData<'a> {
    text: &'a str,
    weight: f64,
    rule: &'a str,
}

fn hedge_data(h: &Hedge) -> HedgeData<'_> {
    HedgeData {
        level: h.level,
        score: h.score,
        cues: h
            .cues
            .iter()
            .map(|c| HedgeCueData {
                text: &c.text,
                weight: c.weight,
                rule: &c.rule,
            })
            .collect(),
    }
}

/// A row of the sources panel: a source entity over all articles.
#[derive(Serialize)]
struct SourceRow {
    name: String,
    category: &'static str,
    claims: usize,
}

#[derive(Serialize)]
struct PageData<'a> {
    claims: &'a [ClaimData<'a>],
    sources: &'a [SourceRow],
}

/// The name a source is counted under: its entity, else its text.
fn source_name(a: &Attribution) -> Option<&str> {
    a.entity
        .as_deref()
        .or(a.source.as_ref().map(|s| s.text.as_str()))
}

/// Renders the page.
pub fn render(entries: &[Entry]) -> String {
    let (claims, sources) = collect(entries);
    let by_category = |c: &str| claims.iter().filter(|x| x.category == c).count();
    let total = claims.len();
    let mut out = String::with_capacity(64 * 1024);
    let title = match entries {
        [Ok((input, _))] => format!("claimtrace: {}", input.name),
        [Err((name, _))] => format!("claimtrace: {name}"),
        _ => format!("claimtrace: {} articles", entries.len()),
    };
    let csp = format!(
        "default-src 'none'; style-src {}; script-src {}; img-src data:; base-uri 'none'; form-action 'none'",
        sha256::csp_source(CSS),
        sha256::csp_source(JS)
    );
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"{csp}\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta name=\"generator\" content=\"claimtrace {}\">\n<title>{}</title>\n<style>{CSS}</style>\n</head>\n<body>\n",
        env!("CARGO_PKG_VERSION"),
        escape(&title)
    );
    let attributed = total - by_category("unattributed");
    let _ = write!(
        out,
        "<header class=\"top\"><h1>claimtrace report</h1><p class=\"summary\">{} {}, {total} {}, {} attributed, {} sources</p>\
         <p class=\"hint\">Select a claim (click, or Tab then Enter) to see its source, chain, cue and hedging.</p></header>\n\
         <div class=\"layout\">\n<main id=\"articles\">\n",
        entries.len(),
        plural(entries.len(), "article", "articles"),
        plural(total, "claim", "claims"),
        percent(attributed, total),
        sources.len()
    );
    let mut next_claim = 0;
    for (d, entry) in entries.iter().enumerate() {
        match entry {
            Ok((input, analysis)) => {
                let count = analysis.attributions.len() + analysis.unattributed.len();
                article(
                    &mut out,
                    d + 1,
                    input,
                    analysis,
                    &claims[next_claim..next_claim + count],
                );
                next_claim += count;
            }
            Err((name, message)) => {
                let _ = writeln!(
                    out,
                    "<section class=\"article failed\" id=\"doc-{}\"><h2>{}</h2>\
                     <p class=\"error\" role=\"alert\"><strong>Not analysed:</strong> {}</p></section>",
                    d + 1,
                    escape(name),
                    escape(message)
                );
            }
        }
    }
    out.push_str(
        "</main>\n<aside class=\"panel\" aria-label=\"Sources, filters and claim details\">\n",
    );
    details_box(&mut out);
    chart(&mut out, &claims);
    filters(&mut out, &claims, &sources);
    chains(&mut out, &claims);
    out.push_str("</aside>\n</div>\n");
    let data = PageData {
        claims: &claims,
        sources: &sources,
    };
    let _ = write!(
        out,
        "<script type=\"application/json\" id=\"claimtrace-data\">{}</script>\n<script>{JS}</script>\n</body>\n</html>\n",
        script_json(&data)
    );
    out
}

fn plural(n: usize, one: &'static str, many: &'static str) -> &'static str {
    if n == 1 { one } else { many }
}

fn percent(part: usize, whole: usize) -> String {
    let rounded = (part * 100 + whole / 2).checked_div(whole).unwrap_or(0);
    format!("{rounded}%")
}

/// Every claim of the page, in article order (attributions, then claims in
/// the author's voice), and the sources panel's rows, most claims first.
fn collect(entries: &[Entry]) -> (Vec<ClaimData<'_>>, Vec<SourceRow>) {
    let mut claims = Vec::new();
    let mut rows: Vec<SourceRow> = Vec::new();
    let mut row_of: HashMap<(String, SourceType), usize> = HashMap::new();
    for (d, entry) in entries.iter().enumerate() {
        let Ok((input, analysis)) = entry else {
            continue;
        };
        let index = LineIndex::new(&input.text);
        let key = |id: &str| format!("d{}-{id}", d + 1);
        for a in &analysis.attributions {
            let group = source_name(a).map(|name| {
                *row_of
                    .entry((name.to_string(), a.source_type))
                    .or_insert_with(|| {
                        rows.push(SourceRow {
                            name: name.to_string(),
                            category: a.source_type.as_str(),
                            claims: 0,
                        });
                        rows.len() - 1
                    })
            });
            if let Some(g) = group {
                rows[g].claims += 1;
            }
            let (line, column) = index.line_col(a.anchor());
            claims.push(ClaimData {
                key: key(&a.id),
                id: a.id.clone(),
                document: &input.name,
                attributed: true,
                category: a.source_type.as_str(),
                kind: Some(a.kind),
                source: a.source.as_ref().map(|s| s.text.as_str()),
                entity: a.entity.as_deref(),
                group,
                chain: &a.chain,
                parent: a.parent.as_deref().map(key),
                cue: Some(&a.cue.text),
                content: &a.content.text,
                tone: Some(a.tone),
                quoted: None,
                hedge: hedge_data(&a.hedge),
                rule: Some(&a.rule),
                rules: &a.rules,
                line,
                column,
            });
        }
        for (i, c) in analysis.unattributed.iter().enumerate() {
            let (line, column) = index.line_col(c.span.start);
            let id = format!("u{}", i + 1);
            claims.push(ClaimData {
                key: key(&id),
                id,
                document: &input.name,
                attributed: false,
                category: "unattributed",
                kind: None,
                source: None,
                entity: None,
                group: None,
                chain: &[],
                parent: None,
                cue: None,
                content: &c.text,
                tone: None,
                quoted: Some(c.quoted),
                hedge: hedge_data(&c.hedge),
                rule: None,
                rules: &[],
                line,
                column,
            });
        }
    }
    // Most claims first; ties keep the order of first appearance. The claims
    // point at rows by index, so renumber them.
    let mut order: Vec<usize> = (0..rows.len()).collect();
    order.sort_by_key(|&i| std::cmp::Reverse(rows[i].claims));
    let mut new_index = vec![0; rows.len()];
    for (new, &old) in order.iter().enumerate() {
        new_index[old] = new;
    }
    for c in &mut claims {
        c.group = c.group.map(|g| new_index[g]);
    }
    let mut rows: Vec<Option<SourceRow>> = rows.into_iter().map(Some).collect();
    let rows = order
        .iter()
        .map(|&i| rows[i].take().expect("once"))
        .collect();
    (claims, rows)
}

/// One article: its heading, summary, highlighted text and, for print and
/// readers without script, the list of its claims.
fn article(out: &mut String, number: usize, input: &Input, a: &Analysis, claims: &[ClaimData]) {
    let s = a.summary();
    let _ = write!(
        out,
        "<section class=\"article\" id=\"doc-{number}\" aria-labelledby=\"doc-{number}-title\">\n\
         <h2 id=\"doc-{number}-title\">{}</h2>\n<p class=\"doc-summary\">{} {}, {} attributed, {} named sources, {} anonymous, {} vague, {} hedged</p>\n",
        escape(&input.name),
        s.claims,
        plural(s.claims, "claim", "claims"),
        percent(s.attributed, s.claims),
        percent(s.named, s.attributed),
        s.anonymous,
        s.vague,
        s.hedged
    );
    let mut marks = Vec::new();
    for (i, x) in a.attributions.iter().enumerate() {
        let mut add = |spans: &[claimtrace::Span], part| {
            marks.extend(spans.iter().map(|&span| Mark {
                span,
                claim: i,
                part,
            }))
        };
        add(&x.content.spans, Part::Content);
        if let Some(source) = &x.source {
            add(&source.spans, Part::Source);
        }
        add(&x.cue.spans, Part::Cue);
    }
    let offset = a.attributions.len();
    marks.extend(a.unattributed.iter().enumerate().map(|(i, c)| Mark {
        span: c.span,
        claim: offset + i,
        part: Part::Unattributed,
    }));
    out.push_str("<div class=\"text\">");
    highlight::render(out, &input.text, &marks, |m, first| {
        open_tag(m, first, &claims[m.claim])
    });
    out.push_str("</div>\n");
    notes(out, claims);
    out.push_str("</section>\n");
}

fn open_tag(m: &Mark, first: bool, c: &ClaimData) -> String {
    let (class, part) = match m.part {
        Part::Content | Part::Unattributed => (
            format!(
                "m claim c-{} h-{}{}",
                c.category,
                c.hedge.level.as_str(),
                if c.quoted == Some(true) {
                    " quoted"
                } else {
                    ""
                }
            ),
            "",
        ),
        Part::Source => (format!("m src c-{}", c.category), "source"),
        Part::Cue => ("m cue".to_string(), "cue"),
    };
    // The tooltip: what a hover shows before a click opens the details.
    let mut tag = format!(
        "<span class=\"{class}{}\" data-claim=\"{}\" title=\"{}\"",
        if first { " claim-head" } else { "" },
        escape(&c.key),
        escape(&tooltip(c))
    );
    if first {
        // The element that takes focus and names the claim: letter badge,
        // id for print, a label that does not rely on colour.
        let who = match (c.entity.or(c.source), c.attributed) {
            (Some(name), _) => format!("{} source {name}", c.category),
            (None, true) => format!("{} source", c.category),
            (None, false) => "unattributed, author's voice".to_string(),
        };
        let label = format!(
            "Claim {}: {who}; hedge {}. {}",
            c.id,
            c.hedge.level.as_str(),
            c.content
        );
        let _ = write!(
            tag,
            " id=\"claim-{}\" tabindex=\"0\" role=\"button\" aria-controls=\"details\" aria-label=\"{}\" data-letter=\"{}\" data-id=\"{}\"",
            escape(&c.key),
            escape(&label),
            letter(c.category),
            escape(&c.id)
        );
    } else if !part.is_empty() {
        let _ = write!(tag, " data-part=\"{part}\"");
    }
    tag.push('>');
    tag
}

/// One line a field: `a3 · person: Clara Vendt`, chain, cue, hedge, rule.
fn tooltip(c: &ClaimData) -> String {
    let mut t = c.id.clone();
    if !c.attributed {
        t.push_str(" · unattributed (author's voice)");
    } else {
        let _ = write!(t, " · {}: {}", c.category, c.source.unwrap_or("(none)"));
        if let Some(e) = c.entity.filter(|e| Some(*e) != c.source) {
            let _ = write!(t, " = {e}");
        }
        if c.chain.len() > 1 {
            let _ = write!(t, "\nchain: {}", c.chain.join(" → "));
        }
        let _ = write!(t, "\ncue: {}", c.cue.unwrap_or(""));
    }
    let _ = write!(t, "\nhedge: {}", c.hedge.level.as_str());
    if !c.hedge.cues.is_empty() {
        let cues: Vec<&str> = c.hedge.cues.iter().map(|h| h.text).collect();
        let _ = write!(t, " ({})", cues.join(", "));
    }
    if let Some(rule) = c.rule {
        let _ = write!(t, "\nrule: {rule}");
    }
    t
}

/// A chain of sources, outermost first: TRT → Recep Tayyip Erdogan.
fn chain_html(out: &mut String, chain: &[String]) {
    out.push_str("<span class=\"chain\">");
    for (i, link) in chain.iter().enumerate() {
        if i > 0 {
            out.push_str("<span class=\"arrow\" aria-label=\"then\">→</span>");
        }
        let _ = write!(out, "<span class=\"link\">{}</span>", escape(link));
    }
    out.push_str("</span>");
}

/// The article's claims as a numbered list: shown in print (a footnote for
/// each highlight) and collapsible on screen.
fn notes(out: &mut String, claims: &[ClaimData]) {
    if claims.is_empty() {
        return;
    }
    let _ = writeln!(
        out,
        "<details class=\"notes\"><summary>All {} claims of this article</summary><ol>",
        claims.len()
    );
    for c in claims {
        let _ = write!(
            out,
            "<li><span class=\"badge c-{}\">{}</span> <b>{}</b> <span class=\"where\">{}:{}</span> ",
            c.category,
            letter(c.category),
            escape(&c.id),
            c.line,
            c.column
        );
        if c.attributed {
            let _ = write!(
                out,
                "{} source <q>{}</q>",
                c.category,
                escape(c.source.unwrap_or("(none)"))
            );
            if let Some(e) = c.entity.filter(|e| Some(*e) != c.source) {
                let _ = write!(out, " = {}", escape(e));
            }
            if c.chain.len() > 1 {
                out.push_str("; chain ");
                chain_html(out, c.chain);
            }
            let _ = write!(out, "; cue <q>{}</q>", escape(c.cue.unwrap_or("")));
        } else {
            out.push_str("unattributed (author's voice)");
            if c.quoted == Some(true) {
                out.push_str(", a quotation with no speaker");
            }
        }
        let _ = write!(out, "; hedge {}", c.hedge.level.as_str());
        if !c.hedge.cues.is_empty() {
            let cues: Vec<String> = c.hedge.cues.iter().map(|h| escape(h.text)).collect();
            let _ = write!(out, " ({})", cues.join(", "));
        }
        if let Some(rule) = c.rule {
            let _ = write!(out, "; rule <code>{}</code>", escape(rule));
        }
        out.push_str("</li>\n");
    }
    out.push_str("</ol></details>\n");
}

fn details_box(out: &mut String) {
    out.push_str(
        "<section id=\"details\" class=\"details\" aria-live=\"polite\" aria-labelledby=\"details-title\" tabindex=\"-1\">\
         <h2 id=\"details-title\">Claim details</h2><div class=\"details-body\"><p class=\"empty\">No claim selected.</p></div></section>\n",
    );
}

/// Shares of claims by source type as horizontal bars (inline SVG: no
/// style attributes, which the policy forbids), with the figures as text.
fn chart(out: &mut String, claims: &[ClaimData]) {
    const ROW: usize = 22;
    const BAR_X: usize = 130;
    const BAR_W: usize = 110;
    let total = claims.len();
    let rows: Vec<(&(&str, &str, &str), usize)> = CATEGORIES
        .iter()
        .map(|c| (c, claims.iter().filter(|x| x.category == c.0).count()))
        .filter(|(_, n)| *n > 0)
        .collect();
    let label: Vec<String> = rows
        .iter()
        .map(|(c, n)| format!("{} {}", c.0, percent(*n, total)))
        .collect();
    let _ = write!(
        out,
        "<section class=\"chart\" aria-labelledby=\"chart-title\"><h2 id=\"chart-title\">Claims by source type</h2>\n\
         <svg viewBox=\"0 0 300 {}\" width=\"300\" height=\"{}\" role=\"img\" aria-label=\"{}\">\n",
        rows.len().max(1) * ROW,
        rows.len().max(1) * ROW,
        escape(&format!(
            "Share of claims by source type: {}",
            label.join(", ")
        ))
    );
    for (i, ((category, letter, _), n)) in rows.iter().enumerate() {
        let y = i * ROW;
        let width = (n * BAR_W).checked_div(total).unwrap_or(0);
        let _ = writeln!(
            out,
            "<g><title>{category}: {n} of {total} claims</title>\
             <text x=\"0\" y=\"{}\" class=\"chart-label\">{letter} · {category}</text>\
             <rect x=\"{BAR_X}\" y=\"{}\" width=\"{}\" height=\"14\" class=\"bar c-{category}\"></rect>\
             <text x=\"{}\" y=\"{}\" class=\"chart-value\">{} ({n})</text></g>",
            y + 15,
            y + 4,
            width.max(1),
            BAR_X + width.max(1) + 4,
            y + 15,
            percent(*n, total)
        );
    }
    out.push_str("</svg></section>\n");
}

/// The filter controls: by source type and by source.
fn filters(out: &mut String, claims: &[ClaimData], sources: &[SourceRow]) {
    out.push_str(
        "<section class=\"filters\" aria-labelledby=\"filter-title\"><h2 id=\"filter-title\">Filter</h2>\n\
         <p class=\"filter-status\" role=\"status\" id=\"filter-status\">Showing all claims.</p>\n\
         <div class=\"type-filters\" role=\"group\" aria-label=\"By source type\">\
         <button type=\"button\" class=\"filter-all\" aria-pressed=\"true\">All</button>\n",
    );
    for (category, letter, name) in CATEGORIES {
        let n = claims.iter().filter(|c| c.category == category).count();
        if n == 0 {
            continue;
        }
        let _ = writeln!(
            out,
            "<button type=\"button\" class=\"type-filter\" data-category=\"{category}\" aria-pressed=\"false\">\
             <span class=\"badge c-{category}\">{letter}</span> {name} <span class=\"count\">{n}</span></button>"
        );
    }
    out.push_str("</div>\n</section>\n");
    let _ = write!(
        out,
        "<section class=\"sources\" aria-labelledby=\"sources-title\"><h2 id=\"sources-title\">Sources ({})</h2>\n<ul class=\"source-list\">\n",
        sources.len()
    );
    for (i, s) in sources.iter().enumerate() {
        let _ = writeln!(
            out,
            "<li><button type=\"button\" class=\"source-filter\" data-group=\"{i}\" aria-pressed=\"false\">\
             <span class=\"badge c-{}\">{}</span> <span class=\"name\">{}</span> <span class=\"type\">{}</span> \
             <span class=\"count\" aria-label=\"{} {}\">{}</span></button></li>",
            s.category,
            letter(s.category),
            escape(&s.name),
            s.category,
            s.claims,
            plural(s.claims, "claim", "claims"),
            s.claims
        );
    }
    out.push_str("</ul>\n</section>\n");
}

/// Nested attributions: each distinct chain of two or more sources.
fn chains(out: &mut String, claims: &[ClaimData]) {
    let mut seen: Vec<(&[String], usize)> = Vec::new();
    for c in claims.iter().filter(|c| c.chain.len() > 1) {
        match seen.iter_mut().find(|(chain, _)| *chain == c.chain) {
            Some((_, n)) => *n += 1,
            None => seen.push((c.chain, 1)),
        }
    }
    if seen.is_empty() {
        return;
    }
    out.push_str("<section class=\"chains\" aria-labelledby=\"chains-title\"><h2 id=\"chains-title\">Chains of sources</h2><ul>\n");
    for (chain, n) in seen {
        out.push_str("<li>");
        chain_html(out, chain);
        let _ = writeln!(out, " <span class=\"count\">{n}</span></li>");
    }
    out.push_str("</ul></section>\n");
}

#[cfg(test)]
mod tests {
    use super::*;
    use claimtrace::markup::Markup;

    fn input(name: &str, text: &str) -> Input {
        Input {
            name: name.to_string(),
            path: None,
            markup: Markup::Text,
            text: text.to_string(),
        }
    }

    fn page(name: &str, text: &str) -> String {
        let input = input(name, text);
        let analysis = input.analyze(claimtrace::RuleSet::default_rules()).1;
        render(&[Ok((input, analysis))])
    }

    #[test]
    fn escape_covers_markup_and_quotes() {
        assert_eq!(
            escape(r#"<a href="x" title='y'>&amp;</a>"#),
            "&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;amp;&lt;/a&gt;"
        );
        assert_eq!(escape("plain – text é"), "plain – text é");
        assert_eq!(escape(""), "");
    }

    #[test]
    fn script_json_cannot_close_its_element() {
        let json = script_json(&["</script><!--", "a&b"]);
        assert_eq!(json, r#"["\u003c/script\u003e\u003c!--","a\u0026b"]"#);
        let back: Vec<String> = serde_json::from_str(&json).unwrap();
        assert_eq!(back, ["</script><!--", "a&b"]);
    }

    #[test]
    fn input_markup_is_text() {
        let html = page(
            "<img src=x onerror=alert(1)>.txt",
            "The minister said <script>alert(1)</script> was fine.\n\n\
             Critics said <img src=x onerror=\"document.title='pwned'\"> and \
             <a href=\"javascript:alert(1)\">x</a> were not, according to the \"daily\".",
        );
        // Only the page's own two scripts.
        assert_eq!(html.matches("<script").count(), 2, "{html}");
        assert!(!html.contains("<script>alert"));
        assert!(!html.contains("<img"));
        assert!(!html.contains("<a href"));
        assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
        assert!(
            html.contains("&lt;img src=x onerror=&quot;document.title=&#39;pwned&#39;&quot;&gt;")
        );
        // The JSON data holds the texts with their markup escaped.
        assert!(html.contains("\\u003cscript\\u003ealert(1)\\u003c/script\\u003e"));
    }

    #[test]
    fn csp_hashes_the_page_own_style_and_script() {
        let html = page("a.txt", "The minister said the budget was balanced.");
        assert!(html.contains(&format!("script-src {}", sha256::csp_source(JS))));
        assert!(html.contains(&format!("style-src {}", sha256::csp_source(CSS))));
        assert!(html.contains(&format!("<style>{CSS}</style>")));
        assert!(html.contains(&format!("<script>{JS}</script>")));
        assert!(!html.contains("http://") && !html.contains("https://"));
    }

    #[test]
    fn one_focusable_head_per_claim() {
        let text = "The Turkish state-run TRT said Erdogan told the meeting that Turkey was pursuing peace.\n\n\
                    Prices rose in March.";
        let input = input("a.txt", text);
        let analysis = input.analyze(claimtrace::RuleSet::default_rules()).1;
        let claims = analysis.attributions.len() + analysis.unattributed.len();
        assert!(claims >= 3, "{analysis:#?}");
        let html = render(&[Ok((input, analysis))]);
        assert_eq!(html.matches(" claim-head\"").count(), claims);
        assert_eq!(html.matches("tabindex=\"0\"").count(), claims);
        assert!(html.contains("<span class=\"link\">TRT</span>"), "{html}");
    }

    #[test]
    fn failed_inputs_are_shown() {
        let ok = input("good.txt", "Analysts said prices would rise.");
        let analysis = ok.analyze(claimtrace::RuleSet::default_rules()).1;
        let html = render(&[
            Ok((ok, analysis)),
            Err(("missing<1>.txt".into(), "missing<1>.txt: not found".into())),
        ]);
        assert!(html.contains("<h2>missing&lt;1&gt;.txt</h2>"));
        assert!(html.contains("role=\"alert\""));
        assert!(html.contains("<title>claimtrace: 2 articles</title>"));
    }
}
