//! Stage 2: sources → validated model: the config, front matter, data files
//! and UI strings read and checked, and the checks across those files
//! (translations complete, slugs unique, strings in every language, the
//! safety features' help numbers and page). Checks that need the pages'
//! Markdown (links, figures, values in prose) are the render stage's. Every
//! error is collected rather than the first returned.

mod data;
mod frontmatter;
mod pages;
mod safety;
mod strings;

use std::collections::BTreeMap;
use std::hash::{Hash, Hasher};

use crate::config::Config;
use crate::error::Diagnostics;
use crate::load::Sources;
use crate::model::{Site, Theme};

pub use frontmatter::split as split_front_matter;
pub use pages::default_slug;

/// The validated site, or every problem found.
pub fn site(sources: Sources, config: Config, drafts: bool) -> Result<Site, Diagnostics> {
    match site_or_partial(sources, config, drafts) {
        (Some(site), errors) => errors.finish(site),
        (None, errors) => Err(errors),
    }
}

/// The site and every problem found. When the only problems are in data
/// files, the site is still returned, without those files
/// ([`Site::unreadable_data`]): rendering it finds the pages' own problems,
/// so one run reports them all.
pub fn site_or_partial(sources: Sources, config: Config, drafts: bool) -> (Option<Site>, Diagnostics) {
    let mut errors = Diagnostics::new();
    let fingerprint = shared_fingerprint(&sources, &config);
    let codes = config.language_codes();
    let pages = collect(pages::parse(sources.pages, &config, drafts), &mut errors);
    let has_helplines = sources.data.iter().any(|f| f.path.strip_prefix("data/").is_some_and(|n| n.starts_with("helplines.")));
    let languages =
        data::Languages { codes: codes.clone(), plural_forms: config.languages.iter().map(|l| (l.code.clone(), l.locale.plural_categories())).collect() };
    let (data, data_errors) = data::parse(&sources.data, &languages);
    let data_only = errors.is_empty() && data_errors.len() == data.unreadable.len();
    errors.merge(data_errors);
    let data::Data { datasets, helplines, unreadable: unreadable_data } = data;
    let before = errors.len();
    errors.extend(safety::check(&config, &pages, &helplines, has_helplines));
    let strings = collect(strings::parse(&sources.strings, &config), &mut errors);
    let theme = Theme { templates: sources.templates, static_files: sources.static_files };
    let fingerprint = {
        let mut h = std::hash::DefaultHasher::new();
        fingerprint.hash(&mut h);
        for p in &pages {
            (&p.lang, &p.key, &p.slug, &p.title, &p.description, p.order, p.draft, p.updated.map(|d| d.to_string())).hash(&mut h);
        }
        h.finish()
    };
    // Only unreadable data files (one error each) leave the rest of the site whole.
    let whole = errors.is_empty() || (data_only && errors.len() == before);
    let site = Site { config, pages, datasets, helplines, strings, theme, content_files: sources.content_files, fingerprint, unreadable_data };
    (whole.then_some(site), errors)
}

/// Everything but the pages' bodies, hashed (see [`Site::fingerprint`]).
fn shared_fingerprint(sources: &Sources, config: &Config) -> u64 {
    let mut h = std::hash::DefaultHasher::new();
    (&sources.config.text, &config.base_url.origin, &config.base_url.path).hash(&mut h);
    for f in sources.data.iter().chain(&sources.templates).chain(&sources.strings) {
        (&f.path, &f.text).hash(&mut h);
    }
    for f in sources.static_files.iter().chain(&sources.content_files) {
        (&f.rel_path, &f.bytes).hash(&mut h);
    }
    h.finish()
}

/// Parse data files as the build does, helplines included (for fuzzing).
pub fn data_parse(
    files: &[crate::error::Source],
    languages: &[String],
) -> ((BTreeMap<crate::id::Id, crate::model::Dataset>, Vec<crate::model::Helpline>), Diagnostics) {
    let (data, errors) = data::parse(files, &fuzzing_languages(languages));
    ((data.datasets, data.helplines), errors)
}

/// Parse one data file as the build does (for fuzzing and tools).
pub fn data_file(file: &crate::error::Source, languages: &[String]) -> Diagnostics {
    data::parse(std::slice::from_ref(file), &fuzzing_languages(languages)).1
}

/// Languages whose codes are also their locales (the fuzzers' `en`, `ru`).
fn fuzzing_languages(codes: &[String]) -> data::Languages {
    let forms = |code: &str| crate::locale::LocaleFormatter::new(code).map(|l| l.plural_categories()).unwrap_or_default();
    data::Languages { codes: codes.to_vec(), plural_forms: codes.iter().map(|c| (c.clone(), forms(c))).collect() }
}

/// Keep the value (possibly partial) and move its errors into `errors`.
fn collect<T>((value, errs): (T, Diagnostics), errors: &mut Diagnostics) -> T {
    errors.merge(errs);
    value
}
