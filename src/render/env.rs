//! What rendering one page needs to see, gathered once per page and shared
//! by its Markdown and its template.

use std::collections::{BTreeMap, HashSet};

use super::assets::AssetMap;
use super::figures::Figures;
use super::index::Urls;
use crate::config::Language;
use crate::locale::PluralCategory;
use crate::model::{Page, Site, Ui, UiString};

pub struct Env<'a> {
    pub site: &'a Site,
    pub lang: &'a Language,
    pub page: &'a Page,
    /// The page's position in `site.pages`.
    pub index: usize,
    pub figures: &'a Figures,
    pub urls: &'a Urls<'a>,
    pub assets: &'a AssetMap,
    pub strings: &'a BTreeMap<String, UiString>,
    /// The report's "how to cite" in this language.
    pub citation: &'a Citation,
    /// Ids the theme's templates use, which headings must not take.
    pub reserved_ids: &'a HashSet<String>,
}

static NO_STRINGS: BTreeMap<String, UiString> = BTreeMap::new();
static NO_CITATION: Citation = Citation { text: String::new(), url: String::new() };

impl<'a> Env<'a> {
    /// The environment of `site.pages[index]`.
    pub fn new(shared: &'a Shared<'a>, index: usize) -> Env<'a> {
        Env::for_page(shared, &shared.site.pages[index], index)
    }

    /// The environment of a page at `index` (its position in `site.pages`,
    /// or any number for a page outside the site, as the fuzz targets render).
    pub fn for_page(shared: &'a Shared<'a>, page: &'a Page, index: usize) -> Env<'a> {
        let site = shared.site;
        // Pages are parsed only for configured languages; the fallback is never taken.
        let lang = site.config.language(&page.lang).unwrap_or_else(|| site.config.default_language());
        Env {
            site,
            lang,
            page,
            index,
            figures: shared.figures,
            urls: shared.urls,
            assets: shared.assets,
            strings: site.strings.get(&page.lang).unwrap_or(&NO_STRINGS),
            citation: shared.citations.get(&page.lang).unwrap_or(&NO_CITATION),
            reserved_ids: shared.reserved_ids,
        }
    }

    /// A UI string of the page's language (every [`Ui`] key exists in every
    /// language: the parse stage checks it).
    pub fn t(&self, key: Ui) -> &str {
        match self.strings.get(key.key()) {
            Some(UiString::Plain(s)) => s,
            Some(UiString::Plural(forms)) => forms.get(&PluralCategory::Other).map_or("", String::as_str),
            None => "",
        }
    }

    /// A plural UI string for `n`, with `{n}` formatted for the locale.
    pub fn tn(&self, key: Ui, n: u64) -> String {
        let text = match self.strings.get(key.key()) {
            Some(UiString::Plural(forms)) => {
                let cat = self.lang.locale.plural(n as f64);
                forms.get(&cat).or_else(|| forms.get(&PluralCategory::Other)).map_or("", String::as_str)
            }
            Some(UiString::Plain(s)) => s,
            None => "",
        };
        text.replace("{n}", &self.lang.locale.number(n as f64, &Default::default()))
    }
}

/// What every page's environment shares, computed once per build.
pub struct Shared<'a> {
    pub site: &'a Site,
    pub figures: &'a Figures,
    pub urls: &'a Urls<'a>,
    pub assets: &'a AssetMap,
    /// "How to cite" by language code.
    pub citations: BTreeMap<String, Citation>,
    pub reserved_ids: &'a HashSet<String>,
}

impl<'a> Shared<'a> {
    pub fn new(site: &'a Site, figures: &'a Figures, urls: &'a Urls<'a>, assets: &'a AssetMap, reserved_ids: &'a HashSet<String>) -> Self {
        let citations = site.config.languages.iter().map(|l| (l.code.clone(), citation(site, l))).collect();
        Shared { site, figures, urls, assets, citations, reserved_ids }
    }
}

/// "How to cite" the report in one language.
pub struct Citation {
    /// The config's `citation`, or "publisher. title. subtitle." made from it.
    pub text: String,
    /// The language's landing page.
    pub url: String,
}

impl std::fmt::Display for Citation {
    /// The text and the URL, unless the config's own text already has it.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.text.contains(&self.url) { f.write_str(&self.text) } else { write!(f, "{} {}", self.text, self.url) }
    }
}

pub fn citation(site: &Site, lang: &Language) -> Citation {
    let url = site.config.base_url.abs(&format!("{}/", lang.code));
    let text = lang.citation.clone().unwrap_or_else(|| {
        let parts = [lang.publisher.as_str(), lang.title.as_str(), lang.subtitle.as_str()];
        let text: Vec<&str> = parts.iter().map(|p| p.trim().trim_end_matches('.')).filter(|p| !p.is_empty()).collect();
        format!("{}.", text.join(". "))
    });
    Citation { text, url }
}
