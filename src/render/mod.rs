//! Stage 3: model → files in memory. No disk access: everything rendered
//! here is handed to `write` at the end, so a failed build writes nothing.
//!
//! Order matters: templates and assets first (pages need the hashed asset
//! names, and headings must avoid the templates' ids), then every page's
//! Markdown read once ([`markdown::scan`]), then figure numbers across the
//! whole report (prose refers to figures on other pages), then every page
//! in parallel, then the checks that need all pages (links and anchors),
//! then the PDFs (pages link to them with their size), then the pages
//! through their templates, then the site-wide files.

pub mod assets;
mod blocks;
mod chart;
mod context;
#[cfg(feature = "pdf")]
mod document;
mod env;
mod figures;
pub mod html;
mod index;
pub mod markdown;
mod memo;
mod minify;
mod pdfs;
mod policy;
mod safety;
mod search_page;
pub mod site_files;
mod templates;
mod values;

use std::collections::{BTreeSet, HashSet};
use std::hash::{Hash, Hasher};
use std::sync::Arc;

use rayon::prelude::*;

use crate::error::{Diagnostic, Diagnostics};
use crate::model::{Document, OutputFile, Site};

pub use chart::spec::ChartSpec;
pub use env::Env;
pub use figures::Figures;
pub use index::Urls;
use markdown::{Link, Scan};
pub use memo::Memo;
use templates::Templates;

pub struct Rendered {
    pub files: Vec<OutputFile>,
    pub pages: usize,
    pub figures: usize,
    /// Pages actually rendered; the others came from the [`Memo`].
    pub rerendered: usize,
    /// Every external link of the pages' Markdown: page index, URL, where it is written (`check --external`).
    pub external_links: Vec<(usize, String, std::ops::Range<usize>)>,
    /// The data files the pages name (`check`'s unused-data report).
    pub data_used: BTreeSet<String>,
    /// The PDFs' documents, when they are made on request (`serve`).
    pub documents: Vec<Arc<Document>>,
    /// What the output cannot show as the sources say it (characters the
    /// PDF's font lacks…): reported, but the site is built.
    pub warnings: Vec<Diagnostic>,
    /// How long writing and making the PDFs took.
    pub pdf_elapsed: std::time::Duration,
}

pub fn site(site: &Site) -> Result<Rendered, Diagnostics> {
    render(site, None)
}

/// [`site`], reusing the pages of an earlier build kept in `memo`, and
/// keeping this build's pages there for the next.
pub fn site_with(site: &Site, memo: &Memo) -> Result<Rendered, Diagnostics> {
    render(site, Some(memo))
}

fn render(site: &Site, memo: Option<&Memo>) -> Result<Rendered, Diagnostics> {
    chart::begin_build();
    let result = render_pages(site, memo);
    // `serve` (with a memo) keeps the charts this build drew for the next.
    chart::end_build(memo.is_some());
    result
}

fn render_pages(site: &Site, memo: Option<&Memo>) -> Result<Rendered, Diagnostics> {
    let mut errors = Diagnostics::new();
    let templates = Templates::load(&site.theme.templates, &site.config.theme)?;
    let reserved = templates.ids();
    let (assets, mut files) = assets::build(site);
    let scans: Vec<Scan> = site.pages.par_iter().map(markdown::scan).collect();
    errors.extend(scans.iter().flat_map(|s| s.errors.iter().cloned()));
    let data_used = data_used(&scans);
    let (figures, figure_errors) = figures::number(site, &page_charts(&scans));
    errors.extend(figure_errors);
    let urls = Urls::new(site);
    let shared = env::Shared::new(site, &figures, &urls, &assets, &reserved);
    let envs: Vec<Env> = (0..site.pages.len()).map(|i| Env::new(&shared, i)).collect();

    let fingerprint = shared_fingerprint(site, &figures);
    let keys: Vec<u64> = site.pages.iter().map(|p| memo::page_key(fingerprint, p)).collect();
    let cached: Vec<Option<memo::Cached>> = site.pages.iter().zip(&keys).map(|(p, k)| memo.and_then(|m| m.get(p, *k))).collect();

    let (results, scans) = render_markdown(site, &envs, scans, &cached);
    errors.extend(results.iter().flat_map(|r| r.1.iter().cloned()));
    check_anchors(site, &results, &figures, &mut errors);

    // The PDFs only of a site without errors (an unreadable data file already
    // failed the build); `serve` (with a memo) makes them on request.
    let healthy = errors.is_empty() && site.unreadable_data.is_empty();
    let mut pdfs = if healthy { pdfs::render(site, &urls, &envs, &scans, &results, memo.is_none()) } else { pdfs::Pdfs::default() };
    // The PDFs were the events' last reader; letting them go keeps them out
    // of the peak, when every page's final HTML is held at once.
    drop(scans);
    errors.extend(std::mem::take(&mut pdfs.errors));
    files.append(&mut pdfs.files);

    let pages: Vec<Result<OutputFile, Diagnostic>> = envs
        .par_iter()
        .zip(&results)
        .zip(&cached)
        .map(|((env, result), cached)| match cached {
            Some(c) => c.page.clone(),
            None => page(&templates, env, &result.0, pdfs.links.get(&env.page.lang)),
        })
        .collect();
    let rerendered = cached.iter().filter(|c| c.is_none()).count();
    // Only `serve` keeps pages for the next build; a one-off build would
    // just hold a second copy of the site in memory.
    if let Some(memo) = memo {
        memo.keep(site.pages.iter().zip(&keys).zip(results.iter().zip(&pages)).map(|((p, k), (m, f))| (p, *k, m, f)));
    }
    for p in pages {
        files.extend(errors.take(p));
    }
    files.extend(results.iter().flat_map(|r| r.0.files.iter().cloned()));
    let external_links = external_links(&results);
    let (extra, extra_errors) = site_files::render(site, &templates, &envs, &pdfs.links);
    files.extend(extra);
    errors.extend(extra_errors);
    if site.config.search && errors.is_empty() {
        let rendered: Vec<&markdown::Rendered> = results.iter().map(|r| &r.0).collect();
        let (search, search_errors) = search_page::render(site, &templates, &envs, &rendered, &pdfs.links);
        files.extend(search);
        errors.extend(search_errors);
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    files.sort_by(|a, b| a.path.cmp(&b.path));
    if let Some(w) = files.windows(2).find(|w| w[0].path == w[1].path) {
        return Err(Diagnostic::file(&w[0].path, "two inputs produce this output file").into());
    }
    let (documents, warnings, pdf_elapsed) = (pdfs.documents, pdfs.warnings, pdfs.elapsed);
    Ok(Rendered { files, pages: site.pages.len(), figures: figures.count(), rerendered, external_links, data_used, documents, warnings, pdf_elapsed })
}

/// Each page's Markdown as HTML (from the memo when `serve` has it), and the
/// scans if the PDFs read them again. Without PDFs each page's events go
/// as soon as its HTML is made: every page's at once were the peak of
/// memory.
fn render_markdown<'s>(site: &Site, envs: &[Env], scans: Vec<Scan<'s>>, cached: &[Option<memo::Cached>]) -> (Vec<memo::Markdown>, Vec<Scan<'s>>) {
    let render = |env: &Env, scan: &Scan, cached: &Option<memo::Cached>| match cached {
        Some(c) => c.markdown.clone(),
        None => Arc::new(markdown::render(env, scan)),
    };
    if pdfs::wanted(site) {
        let results = envs.par_iter().zip(&scans).zip(cached).map(|((env, scan), cached)| render(env, scan, cached)).collect();
        return (results, scans);
    }
    let results = envs.par_iter().zip(scans.into_par_iter()).zip(cached).map(|((env, scan), cached)| render(env, &scan, cached)).collect();
    (results, Vec::new())
}

/// Every external link of the pages: page index, URL, where it is written.
fn external_links(results: &[memo::Markdown]) -> Vec<(usize, String, std::ops::Range<usize>)> {
    let mut found = Vec::new();
    for (i, result) in results.iter().enumerate() {
        for link in &result.0.links {
            if let Link::External { url, span } = link {
                found.push((i, url.clone(), span.clone()));
            }
        }
    }
    found
}

/// Each page's chart blocks, for numbering.
fn page_charts<'s>(scans: &'s [Scan]) -> Vec<figures::PageCharts<'s>> {
    scans.iter().map(|s| figures::PageCharts { charts: s.charts().collect(), complete: s.complete }).collect()
}

/// The data files named by any page.
pub fn data_used(scans: &[Scan]) -> BTreeSet<String> {
    scans.iter().flat_map(|s| s.data_used()).collect()
}

/// A page through its template, minified; `pdf` is its language's PDF.
fn page(templates: &Templates, env: &Env, rendered: &markdown::Rendered, pdf: Option<&pdfs::Link>) -> Result<OutputFile, Diagnostic> {
    let ctx = context::page(env, rendered, pdf);
    let name = if env.page.is_landing() && templates.has("index.html") { "index.html" } else { "page.html" };
    let html = templates.render(name, &ctx)?;
    Ok(OutputFile::new(format!("{}index.html", env.page.site_path()), minify::html(&html)))
}

/// What every page's rendering shares (the site's fingerprint and the
/// figure numbers), hashed for the memo.
fn shared_fingerprint(site: &Site, figures: &Figures) -> u64 {
    let mut h = std::hash::DefaultHasher::new();
    site.fingerprint.hash(&mut h);
    for (id, f) in figures.iter() {
        (id, f.number, &f.page_key).hash(&mut h);
    }
    h.finish()
}

/// One page's Markdown rendered with the build's own filters, without a
/// template: what the fuzz targets check for unsafe output. `page` need not
/// be one of the site's.
pub fn page_html(site: &Site, page: &crate::model::Page) -> (String, Vec<Diagnostic>) {
    let (assets, _) = assets::build(site);
    let scans: Vec<Scan> = site.pages.iter().map(markdown::scan).collect();
    let (figures, _) = figures::number(site, &page_charts(&scans));
    let urls = Urls::new(site);
    let reserved = HashSet::new();
    let shared = env::Shared::new(site, &figures, &urls, &assets, &reserved);
    let scan = markdown::scan(page);
    let (rendered, mut errors) = markdown::render(&Env::for_page(&shared, page, usize::MAX), &scan);
    errors.extend(scan.errors.iter().cloned());
    (rendered.html, errors)
}

/// The anchors a page has, for a link to one it lacks.
fn anchors_hint(anchors: &[&str]) -> Option<String> {
    const SHOWN: usize = 12;
    if anchors.is_empty() {
        return Some("that page has no headings to link to".into());
    }
    let mut list = anchors.iter().take(SHOWN).map(|a| format!("`#{a}`")).collect::<Vec<_>>().join(", ");
    if anchors.len() > SHOWN {
        list += &format!(" and {} more", anchors.len() - SHOWN);
    }
    Some(format!("that page's anchors: {list}"))
}

/// Every `page.md#anchor` and `#anchor` must point at a heading or figure.
fn check_anchors(site: &Site, results: &[memo::Markdown], figures: &Figures, errors: &mut Diagnostics) {
    let ids: std::collections::HashMap<(&str, &str), &HashSet<String>> =
        site.pages.iter().zip(results).map(|(p, r)| ((p.lang.as_str(), p.key.as_str()), &r.0.ids)).collect();
    for (page, result) in site.pages.iter().zip(results) {
        for link in &result.0.links {
            let Link::Page { key, anchor: Some(anchor), offset } = link else { continue };
            let known = ids.get(&(page.lang.as_str(), key.as_str())).is_some_and(|set| set.contains(anchor));
            let figure = anchor.strip_prefix("fig-").is_some_and(|id| figures.get(id).is_some_and(|f| &f.page_key == key));
            if known || figure {
                continue;
            }
            let d = page.source.error_at(*offset, format!("link to missing anchor `#{anchor}` in `{key}.md`"));
            let mut candidates: Vec<&str> = ids.get(&(page.lang.as_str(), key.as_str())).map(|s| s.iter().map(String::as_str).collect()).unwrap_or_default();
            candidates.sort_unstable();
            let hint = crate::error::did_you_mean(anchor, candidates.iter().copied()).or_else(|| anchors_hint(&candidates));
            errors.push(d.with_hint_opt(hint));
        }
    }
}
