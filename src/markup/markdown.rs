//! Markdown prose with pulldown-cmark: paragraphs, headings, list items,
//! block quotes and footnotes are prose; code blocks, front matter, tables,
//! HTML blocks, image descriptions and link targets are not. Inline code
//! keeps its text (it reads as part of the sentence).

use super::{Builder, Prose, directive};
use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

pub fn extract(source: &str) -> Prose {
    let mut b = Builder::new(source);
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_YAML_STYLE_METADATA_BLOCKS
        | Options::ENABLE_PLUSES_DELIMITED_METADATA_BLOCKS;
    // Inside code blocks, front matter, HTML blocks and images.
    let mut skip = 0usize;
    for (event, range) in Parser::new_ext(source, options).into_offset_iter() {
        match event {
            Event::Start(tag) => match tag {
                Tag::CodeBlock(_) | Tag::MetadataBlock(_) | Tag::Image { .. } | Tag::Table(_) => {
                    if matches!(tag, Tag::Image { .. }) {
                        b.space(range.start, range.start);
                    } else {
                        b.block_break(range.start);
                    }
                    skip += 1;
                }
                Tag::HtmlBlock => {
                    b.directives.extend(directive::scan_comments(
                        &source[range.clone()],
                        range.start,
                    ));
                    b.block_break(range.start);
                    skip += 1;
                }
                Tag::Paragraph
                | Tag::Heading { .. }
                | Tag::BlockQuote(_)
                | Tag::Item
                | Tag::List(_)
                | Tag::FootnoteDefinition(_)
                | Tag::DefinitionList
                | Tag::DefinitionListTitle
                | Tag::DefinitionListDefinition
                    if skip == 0 =>
                {
                    b.block_break(range.start)
                }
                _ => {}
            },
            Event::End(tag) => match tag {
                TagEnd::CodeBlock
                | TagEnd::MetadataBlock(_)
                | TagEnd::HtmlBlock
                | TagEnd::Table => {
                    skip = skip.saturating_sub(1);
                    b.block_break(range.end);
                }
                TagEnd::Image => {
                    skip = skip.saturating_sub(1);
                    b.space(range.end, range.end);
                }
                TagEnd::Paragraph
                | TagEnd::Heading(_)
                | TagEnd::BlockQuote(_)
                | TagEnd::Item
                | TagEnd::List(_)
                | TagEnd::FootnoteDefinition
                | TagEnd::DefinitionList
                | TagEnd::DefinitionListTitle
                | TagEnd::DefinitionListDefinition
                    if skip == 0 =>
                {
                    b.block_break(range.end)
                }
                _ => {}
            },
            Event::Text(text) if skip == 0 => b.text_for(&text, range.start, range.end),
            Event::Code(code) if skip == 0 => {
                // The range includes the backticks; keep the code's own bytes.
                let raw = &source[range.clone()];
                match raw.find(&*code) {
                    Some(i) => b.verbatim(range.start + i, range.start + i + code.len()),
                    None => b.synthetic(&code, range.start, range.end),
                }
            }
            Event::SoftBreak | Event::HardBreak if skip == 0 => b.space(range.start, range.end),
            Event::InlineHtml(html) => {
                b.directives
                    .extend(directive::scan_comments(&html, range.start));
                if skip == 0 && is_line_break_tag(&html) {
                    b.space(range.start, range.end);
                }
            }
            Event::Html(_) => {}
            _ => {}
        }
    }
    b.finish()
}

fn is_line_break_tag(html: &str) -> bool {
    let t = html.trim_start_matches('<').trim_start();
    t.len() >= 2 && t[..2].eq_ignore_ascii_case("br")
}

#[cfg(test)]
mod tests {
    use crate::markup::{Markup, extract};
    use crate::model::Span;

    fn prose(src: &str) -> String {
        extract(Markup::Markdown, src).text
    }

    #[test]
    fn blocks_become_paragraphs_and_code_is_left_out() {
        let src = "---\ntitle: Budget\n---\n# Vendt says deficit fell\nAnalysts said the plan\nwould fail.\n\n```\nlet x = 1;\n```\n\n- one item\n- another item\n";
        let p = prose(src);
        assert_eq!(
            p,
            "Vendt says deficit fell\n\nAnalysts said the plan would fail.\n\none item\n\nanother item\n\n"
        );
    }

    #[test]
    fn spans_map_back_through_emphasis_links_and_entities() {
        let src = "Lind&rsquo;s aide *said* the [budget](https://x.test/a) failed.\n";
        let p = extract(Markup::Markdown, src);
        assert_eq!(p.text.trim_end(), "Lind’s aide said the budget failed.");
        let said = p.text.find("said").unwrap();
        let o = p.to_original(Span::new(said, said + 4));
        assert_eq!(&src[o.start..o.end], "said");
        let lind = p.to_original(Span::new(0, p.text.find(" aide").unwrap()));
        assert_eq!(&src[lind.start..lind.end], "Lind&rsquo;s");
        let budget = p.text.find("budget").unwrap();
        let o = p.to_original(Span::new(budget, budget + 6));
        assert_eq!(&src[o.start..o.end], "budget");
    }

    #[test]
    fn directives_in_html_comments_are_collected_not_in_code() {
        let src = "<!-- claimtrace-disable vague-source -->\n\nText here.\n\n```\n<!-- claimtrace-enable -->\n```\n\nMore <!-- claimtrace-disable-line --> text.\n";
        let p = extract(Markup::Markdown, src);
        assert_eq!(p.directives.len(), 2);
        assert_eq!(p.directives[0].checks, vec!["vague-source".to_string()]);
        assert!(!p.text.contains("claimtrace"));
    }
}
