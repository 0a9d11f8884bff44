//! A language's report as one Typst document, the source of its PDF: a
//! title page and the contents with page numbers ([`title`] and the
//! template, `report.typ`), then every page of the language in menu order
//! as a chapter ([`page`]), its figures as on the site ([`blocks`]); text
//! escaped by [`markup`], links and references to [`labels`] the document
//! has. Typst the program is not used here: `crate::pdf` typesets the
//! result, at once for `build` and on request for `serve`.

mod blocks;
mod budget;
mod labels;
mod markup;
mod page;
mod title;

use std::sync::Arc;

use labels::Labels;
use markup::Markup;
use page::PageWriter;

use crate::config::{Language, Pdf};
use crate::error::Diagnostic;
use crate::model::{Document, Site};
use crate::render::env::Env;
use crate::render::markdown::{Block, NodeKind, Rendered, Scan};

/// The look of every report's PDF.
const TEMPLATE: &str = include_str!("report.typ");

/// One page of the language, rendered for the site.
pub struct Chapter<'a> {
    pub env: &'a Env<'a>,
    pub scan: &'a Scan<'a>,
    pub rendered: &'a Rendered,
}

/// The document of one language from its pages in menu order, and the
/// warnings for what the PDF cannot show. No document without pages, or
/// past the [`budget`] (then the warning says so).
pub fn write(site: &Site, lang: &Language, pdf: &Pdf, chapters: &[Chapter]) -> (Option<Document>, Vec<Diagnostic>) {
    let Some(first) = chapters.first() else { return (None, Vec::new()) };
    if let Some(over) = budget::blocks(&lang.code, chapters.iter().map(|c| (c.env.page, c.scan))) {
        return (None, vec![over]);
    }
    let labels = labels_of(chapters);
    let mut out = Markup::default();
    let (preamble, mut warnings) = title::preamble(site, lang, first.env);
    out.raw(&preamble);
    let mut files: Vec<(String, Arc<[u8]>)> = vec![(title::TEMPLATE_PATH.into(), Arc::from(TEMPLATE.as_bytes()))];
    for chapter in chapters {
        let (markup, output) = PageWriter::new(chapter.env, chapter.scan, chapter.rendered, &labels).page();
        out.append(markup);
        files.extend(output.files);
        warnings.extend(output.warnings);
        if let Some(over) = budget::markup(&lang.code, chapter.env.page, out.text.len()) {
            warnings.push(over);
            return (None, warnings);
        }
    }
    let document =
        Document { path: pdf.path(&lang.code), markup: out.text, files, origins: out.origins, ident: site.config.base_url.abs(&pdf.path(&lang.code)) };
    (Some(document), warnings)
}

/// Every place of the document a link may lead to.
fn labels_of(chapters: &[Chapter]) -> Labels {
    let mut found = Labels::default();
    for c in chapters {
        let key = &c.env.page.key;
        found.insert(labels::page(key));
        for (_, id) in &c.rendered.headings {
            found.insert(labels::heading(key, id));
        }
        for node in &c.scan.nodes {
            // A figure is set only with its drawing.
            if let NodeKind::Block(block) = &node.kind
                && let Block::Chart(chart) = &**block
                && c.rendered.files.iter().any(|f| f.path == format!("{}/figures/{}.svg", c.env.page.lang, chart.spec.id))
            {
                found.insert(labels::figure(&chart.spec.id));
            }
        }
    }
    found
}
