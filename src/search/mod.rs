//! Search without a server and without anything but the site's own files.
//!
//! The build knows every page's text, language and headings, so the index
//! is made here, in Rust, one per language: [`extract`] reads each page's
//! rendered body into sections (heading → anchor), [`text`] normalises and
//! splits it into words exactly as the browser will, [`stem`] maps every
//! word form to its stem (our own Kazakh stemmer, Snowball for Russian and
//! English), and [`index`] writes forms, postings and page texts as JSON
//! files, sharded when the site is large. The browser's `search.js` looks a
//! query's words up in those files: it has no stemmer, no `eval`, no WASM,
//! and asks nothing of any other host.

pub mod extract;
pub mod index;
pub mod stem;
pub mod text;

use rayon::prelude::*;

use crate::model::OutputFile;
use index::PageText;
use stem::Stemmer;

/// A page of one language, as rendered.
pub struct Page<'a> {
    pub title: &'a str,
    pub url: String,
    /// The page's body HTML (its Markdown rendered), without the template.
    pub html: &'a str,
}

/// Where a language's search page and index live, relative to the site.
pub fn dir(lang: &str) -> String {
    format!("{lang}/search/")
}

/// The slug the search page takes in every language (a page cannot use it).
pub const SLUG: &str = "search";

/// The index files of one language (`locale` chooses the stemmer), in [`dir`].
pub fn index_files(lang: &str, locale: &str, pages: &[Page]) -> Vec<OutputFile> {
    let texts: Vec<PageText> =
        pages.par_iter().map(|p| PageText { title: p.title.to_string(), url: p.url.clone(), sections: extract::sections(p.html) }).collect();
    let dir = dir(lang);
    index::build(&Stemmer::for_locale(locale), &texts).into_iter().map(|(name, json)| OutputFile::new(format!("{dir}{name}"), json)).collect()
}
