//! The report as a PDF in every language, and the link to it that every
//! page shows. Each language's pages, rendered for the site, are written as
//! one document (`document`) and typeset (`crate::pdf`), the languages in
//! parallel, before the pages' templates run, since the link gives the
//! file's size. `serve` leaves the documents to be typeset when a reader
//! asks for a PDF: a save never waits for them.
//!
//! Built without the `pdf` feature, baspa makes no PDF and says so.

use std::collections::BTreeMap;
use std::sync::Arc;

use serde::Serialize;

use super::env::Env;
use crate::error::Diagnostic;
use crate::model::{Document, OutputFile, Site, Ui};
#[cfg(feature = "pdf")]
use {
    super::document::{self, Chapter},
    super::index::Urls,
    super::markdown::Scan,
    super::memo::Markdown,
    rayon::prelude::*,
};

/// A language's PDF as its pages link to it.
#[derive(Debug, Clone, Serialize)]
pub struct Link {
    pub url: String,
    /// "Download the report (PDF, 2.1 MB)", in the language.
    pub label: String,
    /// "2.1 MB", when the PDF is made (not in `serve`'s preview).
    pub size: Option<String>,
}

#[derive(Default)]
pub struct Pdfs {
    /// The PDFs, made.
    pub files: Vec<OutputFile>,
    /// The documents left to typeset on request (`serve`).
    pub documents: Vec<Arc<Document>>,
    /// By language code.
    pub links: BTreeMap<String, Link>,
    pub errors: Vec<Diagnostic>,
    pub warnings: Vec<Diagnostic>,
    /// The time spent on them (`--verbose`).
    pub elapsed: std::time::Duration,
}

/// The site's PDFs, made now when `make`, otherwise left as documents.
/// `envs`, `scans` and `rendered` are the site's pages' (`site.pages[i]`'s).
#[cfg(feature = "pdf")]
pub fn render(site: &Site, urls: &Urls, envs: &[Env], scans: &[Scan], rendered: &[Markdown], make: bool) -> Pdfs {
    let Some(pdf) = &site.config.pdf else { return Pdfs::default() };
    let started = std::time::Instant::now();
    let written: Vec<_> = site
        .config
        .languages
        .par_iter()
        .map(|lang| {
            let pages = urls.pages_of(&lang.code);
            let chapters: Vec<Chapter> = pages.iter().map(|&i| Chapter { env: &envs[i], scan: &scans[i], rendered: &rendered[i].0 }).collect();
            let (doc, warnings) = document::write(site, lang, pdf, &chapters);
            let made = doc.as_ref().filter(|_| make).map(crate::pdf::make);
            (pages.first().map(|&i| &envs[i]), doc, warnings, made)
        })
        .collect();
    let mut out = Pdfs::default();
    for (env, doc, warnings, made) in written {
        out.warnings.extend(warnings);
        let (Some(env), Some(doc)) = (env, doc) else { continue };
        let size = match made {
            Some(Ok(made)) => {
                out.warnings.extend(made.warnings);
                let size = size(env, made.bytes.len());
                out.files.push(OutputFile::new(doc.path.clone(), made.bytes));
                Some(size)
            }
            Some(Err(errors)) => {
                out.errors.extend(errors);
                continue;
            }
            None => None,
        };
        out.links.insert(env.lang.code.clone(), link(env, &doc.path, size));
        if !make {
            out.documents.push(Arc::new(doc));
        }
    }
    out.elapsed = started.elapsed();
    out
}

/// Without the `pdf` feature: no PDF ([`note`] says so).
#[cfg(not(feature = "pdf"))]
pub fn render(_: &Site, _: &super::index::Urls, _: &[Env], _: &[super::markdown::Scan], _: &[super::memo::Markdown], _: bool) -> Pdfs {
    Pdfs::default()
}

/// Whether this build makes the PDFs (or, in `serve`, their documents):
/// the site wants them and this baspa has the feature.
pub fn wanted(site: &Site) -> bool {
    cfg!(feature = "pdf") && site.config.pdf.is_some()
}

/// What `build` says when it makes no PDF though the site wants them: this
/// baspa was compiled without them. A fact about the program, not about
/// the report, so it is a note of the build, not a warning `check` repeats.
pub fn note(site: &Site) -> Option<String> {
    (cfg!(not(feature = "pdf")) && site.config.pdf.is_some()).then(|| {
        "no PDFs: this baspa was built without the cargo feature `pdf`; use one built with its default features, or say `pdf: {enabled: false}` in baspa.yaml".to_string()
    })
}

/// The link to a language's PDF; `env` is one of its pages.
#[cfg_attr(not(feature = "pdf"), allow(dead_code))]
fn link(env: &Env, path: &str, size: Option<String>) -> Link {
    let label = match &size {
        Some(size) => env.t(Ui::PdfDownload).replace("{size}", size),
        None => env.t(Ui::PdfDownloadPlain).to_string(),
    };
    Link { url: env.site.config.base_url.rel(path), label, size }
}

/// A file's size for readers: `640 kB`, `2.1 MB`, numbers as the language
/// writes them (`2,1 МБ`); decimal units (1 MB is 1,000,000 bytes).
#[cfg_attr(not(feature = "pdf"), allow(dead_code))]
fn size(env: &Env, bytes: usize) -> String {
    let locale = &env.lang.locale;
    if bytes < 1_000_000 {
        let kb = (bytes as f64 / 1000.0).ceil().max(1.0);
        env.t(Ui::SizeKb).replace("{n}", &locale.number(kb, &Default::default()))
    } else {
        let style = crate::locale::NumberStyle { decimals: 1, ..Default::default() };
        env.t(Ui::SizeMb).replace("{n}", &locale.number(bytes as f64 / 1_000_000.0, &style))
    }
}
