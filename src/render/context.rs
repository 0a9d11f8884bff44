//! The data templates see. Everything is computed here in Rust (URLs,
//! localized dates and counts, the language switcher), so templates only
//! place it; the context's shape is documented in README.md ("Themes").

use std::collections::BTreeMap;

use serde::Serialize;
use tera::Context;

use super::assets::Asset;
use super::env::Env;
use super::html::json_for_script;
use super::markdown::{Rendered, TocItem};
use super::pdfs::Link as PdfLink;
use super::safety;
use crate::locale::PluralCategory;
use crate::model::{Site, Ui, UiString};

#[derive(Serialize)]
struct LangCtx<'a> {
    code: &'a str,
    name: &'a str,
    title: &'a str,
    subtitle: &'a str,
    description: &'a str,
    publisher: &'a str,
    url: String,
}

#[derive(Serialize)]
struct Alternate<'a> {
    code: &'a str,
    name: &'a str,
    url: String,
    permalink: String,
    current: bool,
}

/// A language on the pages that speak to every reader (the language
/// chooser and the root 404): its name, landing page, UI strings and help
/// numbers in that language.
#[derive(Serialize)]
struct LanguageEntry<'a> {
    code: &'a str,
    name: &'a str,
    title: &'a str,
    url: String,
    permalink: String,
    current: bool,
    t: BTreeMap<&'a str, &'a str>,
    lines: Vec<safety::Line<'a>>,
    /// The language's pages, as `menu` is for the current language.
    menu: tera::Value,
    /// The language's PDF, when the site has them.
    pdf: Option<&'a PdfLink>,
}

#[derive(Serialize)]
struct PageLink<'a> {
    title: &'a str,
    url: String,
}

#[derive(Serialize)]
struct PageCtx<'a> {
    kind: &'a str,
    key: &'a str,
    title: &'a str,
    description: &'a str,
    url: String,
    permalink: String,
    content: &'a str,
    toc: &'a [TocItem],
    updated_iso: String,
    updated: String,
    reading_time: String,
    has_charts: bool,
    /// Absolute URL of the page's Open Graph image, when it has a chart.
    og_image: Option<String>,
}

#[derive(Serialize)]
struct Common<'a> {
    lang: LangCtx<'a>,
    t: BTreeMap<&'a str, &'a str>,
    assets: &'a BTreeMap<String, Asset>,
    locale_json: String,
    csp: String,
    /// The inline script, first in `<head>` (see `policy`).
    head_script: &'static str,
    /// What charts.js loads when a reader reaches for a chart.
    chart_scripts: ChartScripts<'a>,
    /// The reader-safety features, when the site has them.
    safety: Option<safety::Safety<'a>>,
    /// The search box's target, when the site has search.
    search: Option<SearchBox>,
    citation: String,
    root_url: String,
    root_permalink: String,
    license: &'a str,
    license_url: Option<&'a str>,
    year: i32,
    /// The language's PDF (`url`, `label` with its size), when the site has them.
    pdf: Option<&'a PdfLink>,
}

/// Where the search box on every page submits to.
#[derive(Serialize)]
struct SearchBox {
    url: String,
}

#[derive(Serialize)]
struct PageContext<'a> {
    #[serde(flatten)]
    common: Common<'a>,
    page: PageCtx<'a>,
    alternates: Vec<Alternate<'a>>,
    prev: Option<PageLink<'a>>,
    next: Option<PageLink<'a>>,
}

/// ECharts and the shared option adjustments, which charts.js loads only
/// when a reader reaches for a chart (its `<script>` tag carries them).
#[derive(Serialize)]
struct ChartScripts<'a> {
    echarts: Option<&'a Asset>,
    prepare: Option<&'a Asset>,
}

impl<'a> ChartScripts<'a> {
    fn new(env: &'a Env) -> Self {
        ChartScripts { echarts: env.assets.theme.get("echarts.js"), prepare: env.assets.theme.get("chart-prepare.js") }
    }
}

/// UI strings for templates: plain ones as they are, plural ones in their
/// `other` form (templates have no counts; Rust formats those).
fn strings(strings: &BTreeMap<String, UiString>) -> BTreeMap<&str, &str> {
    strings
        .iter()
        .map(|(k, v)| {
            let s = match v {
                UiString::Plain(s) => s.as_str(),
                UiString::Plural(f) => f.get(&PluralCategory::Other).map_or("", String::as_str),
            };
            (k.as_str(), s)
        })
        .collect()
}

fn common<'a>(env: &'a Env, pdf: Option<&'a PdfLink>) -> Common<'a> {
    let site = env.site;
    let lang = env.lang;
    let base = &site.config.base_url;
    let seps = lang.locale.separators();
    let locale = serde_json::json!({
        "locale": lang.locale.tag(),
        "decimal": seps.decimal,
        "group": seps.group,
        "percent": seps.percent,
        "minus": seps.minus,
    });
    let help_url = site.config.safety.as_ref().and_then(|s| s.help_page.as_deref()).and_then(|key| env.urls.page(&lang.code, key)).map(str::to_string);
    Common {
        lang: LangCtx {
            code: &lang.code,
            name: &lang.name,
            title: &lang.title,
            subtitle: &lang.subtitle,
            description: &lang.description,
            publisher: &lang.publisher,
            url: base.rel(&format!("{}/", lang.code)),
        },
        t: strings(env.strings),
        assets: &env.assets.theme,
        locale_json: json_for_script(&locale),
        csp: super::policy::csp(site),
        head_script: super::policy::script_element(),
        safety: safety::context(site, &lang.code, help_url),
        search: site.config.search.then(|| SearchBox { url: base.rel(&crate::search::dir(&lang.code)) }),
        citation: env.citation.to_string(),
        chart_scripts: ChartScripts::new(env),
        root_url: base.rel(""),
        root_permalink: base.abs(""),
        license: &site.config.report.license,
        license_url: site.config.report.license_url.as_deref(),
        year: site.config.report.year,
        pdf,
    }
}

/// The context from its serialisable part, plus the shared menu.
fn finish<T: Serialize>(env: &Env, ctx: &T) -> Context {
    let mut context = Context::from_serialize(ctx).expect("the page context serialises");
    context.insert_value("menu", env.urls.menu(&env.lang.code));
    context
}

pub fn page(env: &Env, r: &Rendered, pdf: Option<&PdfLink>) -> Context {
    let site = env.site;
    let base = &site.config.base_url;
    let page = env.page;
    let updated = page.updated.unwrap_or(site.config.report.updated);
    let minutes = (r.words as u64).div_ceil(180).max(1);
    let alternates = env
        .urls
        .translations(&page.key)
        .iter()
        .map(|&i| &site.pages[i])
        .filter_map(|p| {
            let l = site.config.language(&p.lang)?;
            Some(Alternate { code: &l.code, name: &l.name, url: base.rel(&p.site_path()), permalink: base.abs(&p.site_path()), current: p.lang == page.lang })
        })
        .collect();
    let siblings = env.urls.pages_of(&page.lang);
    let pos = env.urls.position(env.index);
    let ctx = PageContext {
        common: common(env, pdf),
        page: PageCtx {
            kind: if page.is_landing() { "landing" } else { "section" },
            key: &page.key,
            title: &page.title,
            description: if page.description.is_empty() { &env.lang.description } else { &page.description },
            url: base.rel(&page.site_path()),
            permalink: base.abs(&page.site_path()),
            content: &r.html,
            toc: &r.toc,
            updated_iso: updated.to_string(),
            updated: env.lang.locale.date(updated),
            reading_time: env.tn(Ui::ReadingTime, minutes),
            has_charts: r.has_charts,
            og_image: r.og_image.as_deref().map(|p| base.abs(p)),
        },
        alternates,
        prev: pos.checked_sub(1).and_then(|i| siblings.get(i)).map(|&i| page_link(site, &site.pages[i])),
        next: siblings.get(pos + 1).map(|&i| page_link(site, &site.pages[i])),
    };
    finish(env, &ctx)
}

fn page_link<'p>(site: &Site, p: &'p crate::model::Page) -> PageLink<'p> {
    PageLink { title: &p.title, url: site.config.base_url.rel(&p.site_path()) }
}

#[derive(Serialize)]
struct SimpleContext<'a> {
    #[serde(flatten)]
    common: Common<'a>,
    languages: Vec<LanguageEntry<'a>>,
    /// The page speaks to readers of every language (the root pages).
    multilingual: bool,
    page: SimplePage<'a>,
}

#[derive(Serialize)]
struct SimplePage<'a> {
    kind: &'a str,
    title: &'a str,
    description: &'a str,
    permalink: String,
}

/// The pages that are not Markdown pages.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Simple {
    /// The language chooser at the root.
    Root,
    NotFound,
    /// A language's search page.
    Search,
}

impl Simple {
    /// `page.kind` in templates.
    fn name(self) -> &'static str {
        match self {
            Simple::Root => "root",
            Simple::NotFound => "not_found",
            Simple::Search => "search",
        }
    }
}

/// Context for the language chooser and the 404 pages, seen from a
/// language's landing page; `multilingual` for the pages at the root, which
/// readers of every language reach.
/// `pdfs` are the languages' PDFs by language code.
pub fn simple(env: &Env, kind: Simple, multilingual: bool, pdfs: &BTreeMap<String, PdfLink>) -> Context {
    let site = env.site;
    let base = &site.config.base_url;
    let languages = site
        .config
        .languages
        .iter()
        .map(|l| LanguageEntry {
            code: &l.code,
            name: &l.name,
            title: &l.title,
            url: base.rel(&format!("{}/", l.code)),
            permalink: base.abs(&format!("{}/", l.code)),
            current: l.code == env.lang.code,
            t: site.strings.get(&l.code).map(strings).unwrap_or_default(),
            lines: safety::lines(site, &l.code),
            menu: env.urls.menu(&l.code),
            pdf: pdfs.get(&l.code),
        })
        .collect();
    let (title, permalink) = match kind {
        Simple::Root => (env.lang.title.as_str(), base.abs("")),
        Simple::NotFound => (env.t(Ui::NotFoundTitle), base.abs(&format!("{}/404.html", env.lang.code))),
        Simple::Search => (env.t(Ui::SearchTitle), base.abs(&crate::search::dir(&env.lang.code))),
    };
    let page = SimplePage { kind: kind.name(), title, description: &env.lang.description, permalink };
    let ctx = SimpleContext { common: common(env, pdfs.get(&env.lang.code)), languages, multilingual, page };
    finish(env, &ctx)
}

/// A page in the search page's plain index (what readers without
/// JavaScript get): its title, URL and headings.
#[derive(Serialize)]
pub struct IndexEntry<'a> {
    pub title: &'a str,
    pub url: String,
    pub toc: &'a [TocItem],
}

/// What the search page's script needs: the index manifest's URL, and its
/// UI strings (the result count in every plural form) as JSON.
#[derive(Serialize)]
pub struct SearchClient {
    pub index: String,
    pub strings: String,
}

/// Context for a language's search page: a simple page with the plain
/// index of every page and heading, and the client's settings.
pub fn search(env: &Env, index: &[IndexEntry], client: &SearchClient, pdfs: &BTreeMap<String, PdfLink>) -> Context {
    let mut context = simple(env, Simple::Search, false, pdfs);
    context.insert("index", index);
    context.insert("search_client", client);
    context
}
