//! Stage 2: sources → validated model. Every check that involves more than
//! one file happens here (translations complete, slugs unique, strings in
//! every language), and every error is collected rather than the first
//! returned.

mod data;
mod frontmatter;
mod pages;
mod strings;

use crate::config::Config;
use crate::error::Diagnostics;
use crate::load::Sources;
use crate::model::{Site, Theme};

pub use data::HELPLINES;
pub use frontmatter::split as split_front_matter;

pub fn site(sources: Sources, config: Config, drafts: bool) -> Result<Site, Diagnostics> {
    let mut errors = Diagnostics::new();
    let codes = config.language_codes();
    let pages = crate::text::with_languages(&codes, || pages::parse(sources.pages, &config, drafts));
    let pages = collect(pages, &mut errors);
    let (datasets, helplines) = collect(crate::text::with_languages(&codes, || data::parse(&sources.data)), &mut errors);
    let strings = collect(strings::parse(&sources.strings, &config), &mut errors);
    let theme = Theme { templates: sources.templates, static_files: sources.static_files };
    errors.finish(Site { config, pages, datasets, helplines, strings, theme, content_files: sources.content_files })
}

/// Parse one data file as the build does (for fuzzing and tools).
pub fn data_file(file: &crate::error::SourceText, languages: &[String]) -> Diagnostics {
    crate::text::with_languages(languages, || data::parse(std::slice::from_ref(file)).1)
}

/// Keep the value (possibly partial) and move its errors into `errors`.
fn collect<T>((value, errs): (T, Diagnostics), errors: &mut Diagnostics) -> T {
    errors.extend(errs);
    value
}
