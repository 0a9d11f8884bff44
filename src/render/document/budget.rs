//! How much one PDF may hold. Typesetting takes time and memory in
//! proportion to the document (about 0.1 MB and 0.5 ms per block in a release
//! build), and a pull request can add a page of 20,000 headings: past the
//! budget a language's PDF is not made, with a warning at the block that
//! crossed it, and the site is built as usual. The budget is far above a
//! real report's: the shipped report has about 200 blocks per language, a
//! 400-page report about 6,000.

use pulldown_cmark::{Event, Tag};

use crate::error::Diagnostic;
use crate::model::Page;
use crate::render::markdown::{NodeKind, Scan};

/// Blocks of one document: paragraphs, headings, list items, table rows,
/// quotes, code blocks, footnotes and fenced blocks.
pub const MAX_BLOCKS: usize = 8_000;

/// Bytes of one document's markup (text written out, figures excluded).
pub const MAX_MARKUP: usize = 8 << 20;

/// The warning for a document of `pages` over the budget of blocks, at the
/// block that crossed it; `None` within it.
pub fn blocks<'a>(lang: &str, pages: impl Iterator<Item = (&'a Page, &'a Scan<'a>)>) -> Option<Diagnostic> {
    let mut count = 0;
    for (page, scan) in pages {
        for node in &scan.nodes {
            if !is_block(&node.kind) {
                continue;
            }
            count += 1;
            if count > MAX_BLOCKS {
                let at = page.body_start + node.range.start;
                let message = format!(
                    "the PDF in `{lang}` is not made: its pages have more than {MAX_BLOCKS} blocks (paragraphs, headings, list items, table rows, footnotes), this is the first one over"
                );
                let d = page.source.error_in(at..at, message);
                return Some(d.with_hint("a report this long is better split into several; the site itself is built as usual"));
            }
        }
    }
    None
}

/// The warning for markup over its budget, at the start of the page that
/// crossed it.
pub fn markup(lang: &str, page: &Page, bytes: usize) -> Option<Diagnostic> {
    (bytes > MAX_MARKUP).then(|| {
        let message = format!("the PDF in `{lang}` is not made: with this page its text passes {} MB", MAX_MARKUP >> 20);
        page.source
            .error_in(page.body_start..page.body_start, message)
            .with_hint("a report this long is better split into several; the site itself is built as usual")
    })
}

fn is_block(kind: &NodeKind) -> bool {
    match kind {
        NodeKind::Block(_) => true,
        NodeKind::Event(Event::Start(tag)) => matches!(
            tag,
            Tag::Paragraph
                | Tag::Heading { .. }
                | Tag::Item
                | Tag::TableRow
                | Tag::TableHead
                | Tag::BlockQuote(_)
                | Tag::CodeBlock(_)
                | Tag::FootnoteDefinition(_)
        ),
        _ => false,
    }
}
