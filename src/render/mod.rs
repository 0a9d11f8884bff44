//! Stage 3: model → files in memory. No disk access: everything rendered
//! here is handed to `write` at the end, so a failed build writes nothing.
//!
//! Order matters: assets first (pages need their hashed names), then figure
//! numbers across the whole report (prose refers to figures on other pages),
//! then every page in parallel, then checks that need all pages (links and
//! anchors), then the site-wide files.

mod blocks;
mod chart;
mod context;
mod figures;
pub mod html;
mod markdown;
mod minify;
mod site_files;
mod templates;
mod values;

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::hash::{Hash, Hasher};
use std::sync::{Arc, Mutex};

use rayon::prelude::*;

use crate::assets::{self, AssetMap};
use crate::config::Language;
use crate::error::{Diagnostic, Diagnostics};
use crate::model::{Page, Site, UiString};

pub use figures::Figures;
pub use markdown::anchor_id;
/// The Markdown options pages are rendered with, for `baspa check`'s scan of
/// which data files pages use (so both read a page the same way).
pub use markdown::options as markdown_options;
use templates::Templates;

/// A file of the finished site, by its path relative to the output folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputFile {
    pub path: String,
    pub bytes: Vec<u8>,
}

/// A link from a page to a page (itself included) of the same language.
pub struct InternalLink {
    pub key: String,
    pub anchor: Option<String>,
    /// Byte offset in the linking page's body.
    pub offset: usize,
}

/// Where every page is, computed once per build: URLs by language and page
/// key, each language's pages in menu order, each page's translations, and
/// each language's menu as a template value shared by all its pages. Pages
/// look things up here instead of scanning all pages, so the cost of a page
/// does not grow with the size of the site.
pub struct Urls {
    urls: BTreeMap<(String, String), String>,
    /// Indices into `site.pages`: per language in menu order, and per key.
    by_lang: HashMap<String, Vec<usize>>,
    by_key: HashMap<String, Vec<usize>>,
    /// Each page's position within its language, by language and key.
    position: HashMap<(String, String), usize>,
    menus: HashMap<String, tera::Value>,
}

impl Urls {
    fn new(site: &Site) -> Self {
        let base = &site.config.base_url;
        let urls = site.pages.iter().map(|p| ((p.lang.clone(), p.key.clone()), base.rel(&p.site_path()))).collect();
        let (mut by_lang, mut by_key) = (HashMap::<String, Vec<usize>>::new(), HashMap::<String, Vec<usize>>::new());
        let mut position = HashMap::with_capacity(site.pages.len());
        for (i, p) in site.pages.iter().enumerate() {
            let siblings = by_lang.entry(p.lang.clone()).or_default();
            position.insert((p.lang.clone(), p.key.clone()), siblings.len());
            siblings.push(i);
            by_key.entry(p.key.clone()).or_default().push(i);
        }
        let menus = by_lang.iter().map(|(lang, pages)| (lang.clone(), context::menu(site, pages))).collect();
        Urls { urls, by_lang, by_key, position, menus }
    }

    pub fn page(&self, lang: &str, key: &str) -> Option<&str> {
        self.urls.get(&(lang.to_string(), key.to_string())).map(String::as_str)
    }

    pub fn keys(&self, lang: &str) -> Vec<String> {
        self.urls.keys().filter(|(l, _)| l == lang).map(|(_, k)| format!("{k}.md")).collect()
    }

    /// Indices of a language's pages in menu order.
    pub fn pages_of(&self, lang: &str) -> &[usize] {
        self.by_lang.get(lang).map_or(&[], Vec::as_slice)
    }

    /// Indices of a page's translations (itself included).
    pub fn translations(&self, key: &str) -> &[usize] {
        self.by_key.get(key).map_or(&[], Vec::as_slice)
    }

    /// A page's position within its language's menu order.
    pub fn position(&self, page: &Page) -> Option<usize> {
        self.position.get(&(page.lang.clone(), page.key.clone())).copied()
    }

    /// The language's menu, shared by all its pages (cheap to clone).
    pub fn menu(&self, lang: &str) -> tera::Value {
        self.menus.get(lang).cloned().unwrap_or_else(|| tera::Value::from_serializable(&Vec::<()>::new()))
    }
}

/// What rendering one page's Markdown needs to see.
pub struct Env<'a> {
    pub site: &'a Site,
    pub lang: &'a Language,
    pub page: &'a Page,
    pub figures: &'a Figures,
    pub urls: &'a Urls,
    pub assets: &'a AssetMap,
    pub strings: &'a BTreeMap<String, UiString>,
    /// The report's "how to cite" text in this language.
    pub citation: String,
}

impl Env<'_> {
    /// A UI string of the page's language (validated to exist for every key
    /// the code uses, see `parse::strings::REQUIRED`).
    pub fn t(&self, key: &str) -> &str {
        match self.strings.get(key) {
            Some(UiString::Plain(s)) => s,
            Some(UiString::Plural(forms)) => forms.get("other").map_or("", String::as_str),
            None => "",
        }
    }

    /// A plural UI string for `n`, with `{n}` formatted for the locale.
    pub fn tn(&self, key: &str, n: u64) -> String {
        let text = match self.strings.get(key) {
            Some(UiString::Plural(forms)) => {
                let cat = self.lang.locale.plural(n as f64);
                forms.get(cat).or_else(|| forms.get("other")).map_or("", String::as_str)
            }
            Some(UiString::Plain(s)) => s,
            None => "",
        };
        text.replace("{n}", &self.lang.locale.number(n as f64, &Default::default()))
    }
}

pub struct Rendered {
    pub files: Vec<OutputFile>,
    pub pages: usize,
    pub figures: usize,
    /// Pages actually rendered; the others came from the [`Memo`].
    pub rerendered: usize,
}

/// Pages rendered by an earlier build, kept by `baspa serve` so that a
/// rebuild renders again only the pages whose inputs changed: a page is
/// reused when its own source and the site's shared fingerprint (config,
/// data, strings, theme, every page's metadata, figure numbers) are both
/// as before. A one-page edit re-renders that page alone.
#[derive(Default)]
pub struct Memo(Mutex<HashMap<(String, String), Cached>>);

#[derive(Clone)]
struct Cached {
    key: u64,
    markdown: Arc<(markdown::Rendered, Vec<Diagnostic>)>,
    page: Result<OutputFile, Diagnostic>,
}

impl Memo {
    fn get(&self, page: &Page, key: u64) -> Option<Cached> {
        let map = self.0.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        map.get(&(page.lang.clone(), page.key.clone())).filter(|c| c.key == key).cloned()
    }

    fn keep(&self, entries: Vec<((String, String), Cached)>) {
        *self.0.lock().unwrap_or_else(|poisoned| poisoned.into_inner()) = entries.into_iter().collect();
    }
}

fn page_key(shared: u64, page: &Page) -> u64 {
    let mut h = std::hash::DefaultHasher::new();
    (shared, &page.source.path, &page.source.text).hash(&mut h);
    h.finish()
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
    let mut errors = Diagnostics::new();
    let templates = Templates::load(&site.theme.templates, &site.config.theme)?;
    let (assets, mut files) = assets::build(site);
    let figures = collect(figures::number(site), &mut errors);
    let urls = Urls::new(site);
    let shared = {
        let mut h = std::hash::DefaultHasher::new();
        site.fingerprint.hash(&mut h);
        for (id, f) in &figures.by_id {
            (id, f.number, &f.page_key).hash(&mut h);
        }
        h.finish()
    };
    let keys: Vec<u64> = site.pages.iter().map(|p| page_key(shared, p)).collect();
    let cached: Vec<Option<Cached>> = site.pages.iter().zip(&keys).map(|(p, k)| memo.and_then(|m| m.get(p, *k))).collect();

    let results: Vec<Arc<(markdown::Rendered, Vec<Diagnostic>)>> = site
        .pages
        .par_iter()
        .zip(&cached)
        .map(|(page, cached)| match cached {
            Some(c) => c.markdown.clone(),
            None => Arc::new(markdown::render(&env(site, page, &figures, &urls, &assets))),
        })
        .collect();
    let mut ids: BTreeMap<(&str, &str), &BTreeSet<String>> = BTreeMap::new();
    for (page, result) in site.pages.iter().zip(&results) {
        let (r, errs) = &**result;
        for e in errs {
            errors.push(e.clone());
        }
        ids.insert((&page.lang, &page.key), &r.ids);
    }
    check_anchors(site, &results, &ids, &figures, &mut errors);

    let pages: Vec<Result<OutputFile, Diagnostic>> = site
        .pages
        .par_iter()
        .zip(&results)
        .zip(&cached)
        .map(|((page, result), cached)| match cached {
            Some(c) => c.page.clone(),
            None => {
                let env = env(site, page, &figures, &urls, &assets);
                let ctx = context::page(&env, &result.0);
                let name = if page.is_landing() && templates.has("index.html") { "index.html" } else { "page.html" };
                let html = templates.render(name, &ctx)?;
                Ok(OutputFile { path: format!("{}index.html", page.site_path()), bytes: minify::html(&html) })
            }
        })
        .collect();
    let rerendered = cached.iter().filter(|c| c.is_none()).count();
    // Only `serve` keeps pages for the next build; a one-off build would
    // just hold a second copy of the site in memory.
    if let Some(memo) = memo {
        memo.keep(
            site.pages
                .iter()
                .zip(&keys)
                .zip(results.iter().zip(&pages))
                .map(|((p, key), (markdown, page))| ((p.lang.clone(), p.key.clone()), Cached { key: *key, markdown: markdown.clone(), page: page.clone() }))
                .collect(),
        );
    }
    for p in pages {
        files.extend(errors.take(p));
    }
    for result in &results {
        files.extend(result.0.files.iter().cloned());
    }
    let extra = site_files::render(site, &templates, &assets, &urls, &figures);
    files.extend(collect(extra, &mut errors));
    if !errors.is_empty() {
        return Err(errors);
    }
    files.sort_by(|a, b| a.path.cmp(&b.path));
    if let Some(w) = files.windows(2).find(|w| w[0].path == w[1].path) {
        return Err(Diagnostic::file(&w[0].path, "two inputs produce this output file").into());
    }
    let figure_count = figures.count();
    Ok(Rendered { files, pages: site.pages.len(), figures: figure_count, rerendered })
}

/// One page's Markdown rendered with the build's own filters, without a
/// template: what the fuzz targets check for unsafe output.
pub fn page_html(site: &Site, page: &Page) -> (String, Vec<Diagnostic>) {
    let (assets, _) = assets::build(site);
    let (figures, _) = figures::number(site);
    let urls = Urls::new(site);
    let (rendered, errors) = markdown::render(&env(site, page, &figures, &urls, &assets));
    (rendered.html, errors)
}

/// Parse a ```` ```chart ```` block's YAML as the build does.
pub fn chart_block(file: &crate::error::SourceText) -> Result<(), Diagnostic> {
    crate::yaml::parse::<chart::ChartSpec>(file, 0..file.text.len()).map(|_| ())
}

fn env<'a>(site: &'a Site, page: &'a Page, figures: &'a Figures, urls: &'a Urls, assets: &'a AssetMap) -> Env<'a> {
    let lang = site.config.language(&page.lang).expect("pages are parsed only for configured languages");
    let strings = &site.strings[&page.lang];
    let citation = context::citation(site, lang);
    Env { site, lang, page, figures, urls, assets, strings, citation }
}

fn collect<T>((value, errs): (T, Diagnostics), errors: &mut Diagnostics) -> T {
    errors.extend(errs);
    value
}

/// Every `page.md#anchor` and `#anchor` must point at a heading or figure.
fn check_anchors(
    site: &Site,
    results: &[Arc<(markdown::Rendered, Vec<Diagnostic>)>],
    ids: &BTreeMap<(&str, &str), &BTreeSet<String>>,
    figures: &Figures,
    errors: &mut Diagnostics,
) {
    for (page, result) in site.pages.iter().zip(results) {
        for link in &result.0.links {
            let Some(anchor) = &link.anchor else { continue };
            let known = ids.get(&(page.lang.as_str(), link.key.as_str())).is_some_and(|set| set.contains(anchor));
            let figure = anchor.strip_prefix("fig-").is_some_and(|id| figures.get(id).is_some_and(|f| f.page_key == link.key));
            if !known && !figure {
                let d = page.source.error_at(page.body_start + link.offset, format!("link to missing anchor `#{anchor}` in `{}.md`", link.key));
                let candidates =
                    ids.get(&(page.lang.as_str(), link.key.as_str())).map(|s| s.iter().map(String::as_str).collect::<Vec<_>>()).unwrap_or_default();
                errors.push(match crate::error::did_you_mean(anchor, candidates) {
                    Some(h) => d.with_hint(h),
                    None => d,
                });
            }
        }
    }
}
