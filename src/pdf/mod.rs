//! Typst as a library, the only module that knows it: a report's
//! [`Document`] (Typst markup and the files it names, written by the render
//! stage) typeset into PDF bytes — A4, tagged for screen readers, with
//! bookmarks, the document's language and title, and the same bytes from
//! the same document (no clock, no system fonts: [`world`]). A problem
//! Typst finds is reported where the sources say what caused it, through
//! the document's origins.
//!
//! Typst was chosen over printing an HTML page with Chromium (README.md,
//! "The report as a PDF"): pure Rust with nothing to install, page numbers
//! in the contents and in references to figures, tagged output.

mod world;

use typst::diag::{SourceDiagnostic, Warned};
use typst::foundations::Smart;
use typst::syntax::{DiagSpan, FileId};
use typst::{World, WorldExt};
use typst_layout::PagedDocument;
use typst_pdf::{PdfOptions, PdfStandard, PdfStandards};

use crate::error::Diagnostic;
use crate::model::Document;
use world::ReportWorld;

/// A made PDF and what Typst warned about.
pub struct Made {
    pub bytes: Vec<u8>,
    pub warnings: Vec<Diagnostic>,
}

/// Typeset a document into a PDF. Should Typst panic (a bug in it, not in
/// the report), the error names the PDF instead of ending the build.
pub fn make(doc: &Document) -> Result<Made, Vec<Diagnostic>> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| typeset(doc))).unwrap_or_else(|panic| {
        let what = panic.downcast_ref::<&str>().map(|s| s.to_string()).or_else(|| panic.downcast_ref::<String>().cloned()).unwrap_or_default();
        let d = Diagnostic::file(&doc.path, format!("the PDF could not be made: the typesetter failed: {what}"));
        Err(vec![d.with_hint("this is a bug in Typst or baspa, not in the report: please report it; `pdf: {enabled: false}` builds the site meanwhile")])
    })
}

fn typeset(doc: &Document) -> Result<Made, Vec<Diagnostic>> {
    let world =
        ReportWorld::new(doc).ok_or_else(|| vec![Diagnostic::file(&doc.path, "the PDF could not be made: a file of it has a name Typst cannot hold")])?;
    let Warned { output, warnings } = typst::compile::<PagedDocument>(&world);
    let warnings: Vec<Diagnostic> = warnings.iter().map(|w| diagnostic(doc, &world, w)).collect();
    let paged = output.map_err(|errors| errors.iter().map(|e| diagnostic(doc, &world, e)).collect::<Vec<_>>())?;
    let standards =
        PdfStandards::new(&[PdfStandard::Ua_1]).map_err(|e| vec![Diagnostic::file(&doc.path, format!("the PDF could not be made: {}", e.message()))])?;
    let options = PdfOptions {
        ident: Smart::Custom(doc.ident.clone()),
        creator: Smart::Custom(Some(format!("baspa {}", env!("CARGO_PKG_VERSION")))),
        standards,
        tagged: true,
        ..PdfOptions::default()
    };
    let bytes = typst_pdf::pdf(&paged, &options).map_err(|errors| errors.iter().map(|e| diagnostic(doc, &world, e)).collect::<Vec<_>>())?;
    Ok(Made { bytes, warnings })
}

/// Typst's message, at the place in the sources that the markup it points
/// to (or the first call leading there from the document's markup) comes from.
fn diagnostic(doc: &Document, world: &ReportWorld, d: &SourceDiagnostic) -> Diagnostic {
    let main = world.main();
    let spans = std::iter::once(d.span).chain(d.trace.iter().rev().map(|t| DiagSpan::from(t.span)));
    let offset = spans.filter(|s| s.id() == Some(main)).find_map(|s| world.range(s)).map(|r| r.start).or_else(|| d.span.id().and_then(|id| named_at(doc, id)));
    let mut message = format!("in the PDF: {}", d.message);
    if let Some(hint) = d.hints.first() {
        message += &format!(" ({})", hint.v);
    }
    match offset.and_then(|o| doc.origin(o)) {
        Some(span) => Diagnostic::at(span.clone(), message),
        None => Diagnostic::file(&doc.path, message),
    }
}

/// Where the markup names the file `id` (a figure's drawing, an image):
/// a problem inside the file is reported where the sources ask for it.
fn named_at(doc: &Document, id: FileId) -> Option<usize> {
    doc.markup.find(&format!("\"{}\"", id.vpath().get_with_slash()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::{SourceText, Span};

    fn doc(markup: &str, files: Vec<(String, std::sync::Arc<[u8]>)>, origins: Vec<(usize, Span)>) -> Document {
        Document { path: "en/report.pdf".into(), markup: markup.into(), files, origins, ident: "https://example.org/en/report.pdf".into() }
    }

    #[test]
    fn makes_a_tagged_pdf_with_the_same_bytes_twice() {
        let markup = "#set document(title: \"Т\", date: datetime(year: 2025, month: 11, day: 25))\n#set text(font: \"DejaVu Sans\", lang: \"kk\")\n= Қазақ тілі\n\nәғқңөұүһі\n";
        let first = make(&doc(markup, vec![], vec![])).unwrap_or_else(|e| panic!("{}", e[0]));
        assert!(first.bytes.starts_with(b"%PDF-"));
        assert!(first.warnings.is_empty());
        let second = make(&doc(markup, vec![], vec![])).unwrap_or_else(|e| panic!("{}", e[0]));
        assert!(first.bytes == second.bytes, "the same document gives the same bytes");
    }

    #[test]
    fn a_drawing_typst_cannot_read_is_reported_where_its_chart_is() {
        let page = SourceText::shared("content/en/01-x.md", "```chart\nid: cases\n```\n");
        let markup = "#set document(title: \"T\")\n#set text(font: \"DejaVu Sans\", lang: \"en\")\n#figure(image(\"/figures/cases.svg\", alt: \"x\"))\n";
        let at = markup.find("#figure").unwrap();
        let files = vec![("/figures/cases.svg".to_string(), std::sync::Arc::from(&b"<svg><g"[..]))];
        let errors = make(&doc(markup, files, vec![(at, Span::new(page, 13..18))])).err().expect("an error");
        let headline = errors[0].headline();
        assert!(headline.starts_with("content/en/01-x.md:2:5: in the PDF: "), "{headline}");
    }
}
