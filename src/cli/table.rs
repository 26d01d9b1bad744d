//! The human table: one row per claim, then the sources and a summary line.

use claimtrace::position::LineIndex;
use claimtrace::{Analysis, HedgeLevel};
use comfy_table::{ContentArrangement, Table, presets::UTF8_FULL_CONDENSED};

const CLAIM_WIDTH: usize = 60;

fn shorten(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        return s.to_string();
    }
    let cut: String = s.chars().take(max - 1).collect();
    format!("{cut}…")
}

pub fn render(name: &str, text: &str, a: &Analysis) -> String {
    let index = LineIndex::new(text);
    let mut claims = Table::new();
    claims
        .load_style(UTF8_FULL_CONDENSED)
        .set_content_arrangement(ContentArrangement::Dynamic)
        .set_width(160)
        .set_header([
            "id", "claim", "source", "type", "chain", "cue", "hedge", "at",
        ]);
    for x in &a.attributions {
        let source = match (&x.source, &x.entity) {
            (Some(s), Some(e)) if *e != s.text => format!("{} → {e}", s.text),
            (Some(s), _) => s.text.clone(),
            (None, _) => "(none)".into(),
        };
        let chain = if x.chain.len() > 1 {
            x.chain.join(" → ")
        } else {
            String::new()
        };
        let hedge = match x.hedge.level {
            HedgeLevel::None => "none".to_string(),
            l => format!(
                "{l} ({})",
                x.hedge
                    .cues
                    .iter()
                    .map(|c| c.text.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        };
        let (line, col) = index.line_col(x.anchor());
        claims.add_row([
            x.id.clone(),
            shorten(&x.content.text, CLAIM_WIDTH * 2),
            source,
            x.source_type.to_string(),
            chain,
            x.cue.text.clone(),
            hedge,
            format!("{line}:{col}"),
        ]);
    }
    for (n, c) in a.unattributed.iter().enumerate() {
        let (line, col) = index.line_col(c.span.start);
        claims.add_row([
            format!("u{}", n + 1),
            shorten(&c.text, CLAIM_WIDTH * 2),
            "UNATTRIBUTED".into(),
            String::new(),
            String::new(),
            String::new(),
            c.hedge.level.to_string(),
            format!("{line}:{col}"),
        ]);
    }
    let mut out = format!("{name}\n{claims}\n");
    if !a.credits.is_empty() {
        for c in &a.credits {
            let (line, col) = index.line_col(c.span.start);
            out.push_str(&format!(
                "credit {line}:{col}: {} ({}, {})\n",
                c.text, c.source, c.source_type
            ));
        }
    }
    let mut sources = Table::new();
    sources
        .load_style(UTF8_FULL_CONDENSED)
        .set_header(["source", "type", "claims"]);
    for e in &a.entities {
        sources.add_row([
            e.name.clone(),
            e.source_type.to_string(),
            e.claims.len().to_string(),
        ]);
    }
    out.push_str(&format!("{sources}\n"));
    let s = a.summary();
    let pct = |n: usize, d: usize| (n * 100 + d / 2).checked_div(d).unwrap_or(0);
    out.push_str(&format!(
        "{} claims, {}% attributed, {}% named sources, {} anonymous, {} vague, {} hedged\n\n",
        s.claims,
        pct(s.attributed, s.claims),
        pct(s.named, s.attributed),
        s.anonymous,
        s.vague,
        s.hedged
    ));
    out
}
