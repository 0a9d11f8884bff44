//! A page's body read once: pulldown-cmark's events with their byte
//! ranges, runs of text joined and split at their `{{ … }}` references, and
//! the fenced `chart`, `keyfigures` and `helplines` blocks parsed, their YAML
//! located in the file even inside a blockquote or a list. Nesting is
//! bounded here, before any later stage walks it.

use std::ops::Range;

use pulldown_cmark::{CodeBlockKind, Event, Options, Parser, Tag, TagEnd};

use crate::error::Diagnostic;
use crate::model::Page;
use crate::render::blocks::KeyFigure;
use crate::render::chart::spec::{ChartBlock, ChartSpec};
use crate::render::values::{self, Segment};
use crate::yaml::{self, Doc};

pub fn options() -> Options {
    Options::ENABLE_TABLES | Options::ENABLE_FOOTNOTES | Options::ENABLE_STRIKETHROUGH | Options::ENABLE_HEADING_ATTRIBUTES
}

/// Blockquotes, lists and emphasis nested deeper than this are refused:
/// no report needs it, and the HTML minifier (and browsers) walk nesting
/// recursively.
const MAX_NESTING: usize = 48;

/// The fenced blocks with a meaning of their own. They stay valid
/// CommonMark, so a page previews as code on any forge.
pub const BLOCK_KINDS: [&str; 3] = ["chart", "keyfigures", "helplines"];

/// A page's Markdown, read once.
pub struct Scan<'a> {
    pub nodes: Vec<Node<'a>>,
    /// Problems found while reading the blocks (YAML errors).
    pub errors: Vec<Diagnostic>,
    /// False when a block could not be read: its own error says why, and
    /// errors that would only follow from it (a figure "missing" in one
    /// language, a reference to it) are not reported.
    pub complete: bool,
}

/// One item of a page, with its byte range in the page's body.
pub struct Node<'a> {
    pub kind: NodeKind<'a>,
    pub range: Range<usize>,
}

pub enum NodeKind<'a> {
    /// Any event the rewrite handles as it comes.
    Event(Event<'a>),
    /// A run of text and soft line breaks (pulldown-cmark splits text at
    /// some characters), with its `{{ … }}` references found.
    Text(Vec<Segment<'a>>),
    /// Boxed: a chart block is larger than any event, and every node of
    /// every page would otherwise be as large (pages are held at once).
    Block(Box<Block>),
}

pub enum Block {
    Chart(ChartBlock),
    KeyFigures(Vec<KeyFigure>, yaml::Owned),
    Helplines,
    /// A block that could not be read; its error is in [`Scan::errors`].
    Broken,
}

impl Scan<'_> {
    /// The chart blocks of the page, in reading order.
    pub fn charts(&self) -> impl Iterator<Item = &ChartBlock> {
        self.nodes.iter().filter_map(|n| match &n.kind {
            NodeKind::Block(b) => match &**b {
                Block::Chart(c) => Some(c),
                _ => None,
            },
            _ => None,
        })
    }

    /// The data files the page names: in charts (`data:`), key figures and
    /// `{{ file.key }}` references.
    pub fn data_used(&self) -> Vec<String> {
        let mut used = Vec::new();
        for node in &self.nodes {
            match &node.kind {
                NodeKind::Text(segments) => used.extend(segments.iter().flat_map(Segment::datasets)),
                NodeKind::Block(b) => match &**b {
                    Block::Chart(c) => used.push(c.spec.data.to_string()),
                    Block::KeyFigures(items, _) => used.extend(items.iter().flat_map(|k| values::datasets(&k.value))),
                    _ => {}
                },
                _ => {}
            }
        }
        used
    }
}

/// Read a page's body once (see the module documentation).
pub fn scan(page: &Page) -> Scan<'_> {
    let base = page.body_start;
    let events: Vec<(Event, Range<usize>)> = Parser::new_ext(page.body(), options()).into_offset_iter().collect();
    let mut scan = Scan { nodes: Vec::with_capacity(events.len()), errors: Vec::new(), complete: true };
    let mut in_code = false;
    let mut depth = 0usize;
    let mut i = 0;
    while let Some((event, range)) = events.get(i).cloned() {
        i += 1;
        match &event {
            Event::Start(_) => depth += 1,
            Event::End(_) => depth = depth.saturating_sub(1),
            _ => {}
        }
        if depth > MAX_NESTING {
            let d = page.source.error_at(base + range.start, format!("Markdown nested deeper than {MAX_NESTING} levels (quotes, lists, emphasis)"));
            scan.errors.push(d.with_hint("no report needs this depth: flatten the text"));
            scan.nodes.clear();
            scan.complete = false;
            break;
        }
        match event {
            Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(lang))) if BLOCK_KINDS.contains(&&*lang) => {
                let end = events[i..].iter().position(|(e, _)| matches!(e, Event::End(TagEnd::CodeBlock))).map_or(events.len(), |p| i + p);
                let pieces = events[i..end].iter().filter_map(|(e, r)| if let Event::Text(t) = e { Some((t.as_ref(), base + r.start)) } else { None });
                let doc = Doc::pieces(&page.source, pieces);
                let block = read_block(&lang, doc).unwrap_or_else(|d| {
                    scan.errors.push(d);
                    scan.complete = false;
                    Block::Broken
                });
                let to = events.get(end).map_or(range.end, |(_, r)| r.end);
                scan.nodes.push(Node { kind: NodeKind::Block(Box::new(block)), range: range.start..to });
                // The block's own end is consumed here, not by the depth count above.
                depth = depth.saturating_sub(1);
                i = end + 1;
            }
            Event::Text(_) | Event::SoftBreak if !in_code => {
                let start = i - 1;
                let mut end = start;
                while matches!(events.get(end), Some((Event::Text(_) | Event::SoftBreak, _))) {
                    end += 1;
                }
                let run = &events[start..end];
                let segments = values::split(
                    &page.source.text,
                    run.iter().map(|(e, r)| (if let Event::Text(t) = e { t.as_ref() } else { "\n" }, base + r.start..base + r.end)),
                );
                let span = range.start..run.last().map_or(range.end, |(_, r)| r.end);
                scan.nodes.push(Node { kind: NodeKind::Text(segments), range: span });
                i = end;
            }
            other => {
                match &other {
                    Event::Start(Tag::CodeBlock(_)) => in_code = true,
                    Event::End(TagEnd::CodeBlock) => in_code = false,
                    _ => {}
                }
                scan.nodes.push(Node { kind: NodeKind::Event(other), range });
            }
        }
    }
    // Every page's nodes are held at once; runs of text took several
    // events each, so the capacity is about twice what is used.
    scan.nodes.shrink_to_fit();
    scan
}

/// The text of some nodes (a heading's, an image's alt text), with
/// references as written: the HTML and the PDF read it alike.
pub fn plain_text(nodes: &[Node]) -> String {
    let mut text = String::new();
    for node in nodes {
        match &node.kind {
            NodeKind::Text(segments) => {
                for s in segments {
                    match s {
                        Segment::Plain(t) => text.push_str(t),
                        Segment::Reference { inner, .. } => text.push_str(inner),
                        Segment::Unclosed { .. } => {}
                    }
                }
            }
            NodeKind::Event(Event::Code(t)) => text.push_str(t),
            _ => {}
        }
    }
    text
}

/// Parse one fenced block.
fn read_block(kind: &str, doc: Doc) -> Result<Block, Diagnostic> {
    match kind {
        "chart" => {
            let spec: ChartSpec = doc.parse()?;
            Ok(Block::Chart(ChartBlock { spec, yaml: doc.into_owned() }))
        }
        "keyfigures" => {
            let items: Vec<KeyFigure> = doc.parse()?;
            Ok(Block::KeyFigures(items, doc.into_owned()))
        }
        _ if doc.text().trim().is_empty() => Ok(Block::Helplines),
        _ => Err(doc.error_at(0, "a ```helplines block takes no content").with_hint("the numbers come from `data/helplines.yaml`")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::SourceText;

    fn page(body: &str) -> Page {
        let text = format!("---\ntitle: T\n---\n{body}");
        let body_start = text.len() - body.len();
        Page {
            lang: "en".into(),
            key: "x".into(),
            slug: "x".into(),
            title: "T".into(),
            description: String::new(),
            order: 1,
            draft: false,
            updated: None,
            source: SourceText::shared("content/en/x.md", text),
            body_start,
        }
    }

    #[test]
    fn many_blocks_are_not_nesting() {
        let p = page(&"```chart\nid: a\ndata: b\nkind: bar\n```\n\n".repeat(200));
        let scanned = scan(&p);
        assert!(scanned.errors.is_empty(), "{:?}", scanned.errors.iter().map(|d| d.headline()).collect::<Vec<_>>());
        assert_eq!(scanned.charts().count(), 200);
    }

    #[test]
    fn deep_nesting_is_refused() {
        let deep = page(&">".repeat(1000));
        let refused = scan(&deep);
        assert_eq!(refused.errors.len(), 1);
        assert!(refused.errors[0].message.starts_with("Markdown nested deeper than"), "{}", refused.errors[0].message);
        let shallow = page(&format!("{} deep enough\n", ">".repeat(20)));
        let fine = scan(&shallow);
        assert!(fine.errors.is_empty());
    }

    #[test]
    fn references_and_blocks_name_their_data_files() {
        let p = page(
            "A {{ cases.2023 }} and {{ fig:c }}, {{ ratio(sum(arrests), cases.x) | decimals(1) }}.\n\n```chart\nid: c\ndata: survey_2024\nkind: bar\n```\n\n```keyfigures\n- value: prevention.teams\n```\n\n## {{ heads.x }}\n\n`{{ code.x }}`\n\n```\n{{ block.x }}\n```\n",
        );
        let scanned = scan(&p);
        let mut used = scanned.data_used();
        used.sort();
        assert_eq!(used, ["arrests", "cases", "cases", "heads", "prevention", "survey_2024"]);
    }
}
