//! Where every page is, computed once per build: URLs by language and page
//! key, each language's pages in menu order, each page's translations and
//! position, and each language's menu as a template value shared by all its
//! pages. Pages look things up here instead of scanning all pages, so the
//! cost of a page does not grow with the size of the site; lookups borrow
//! the site's strings and allocate nothing.

use std::collections::HashMap;

use serde::Serialize;

use crate::model::Site;

pub struct Urls<'s> {
    urls: HashMap<(&'s str, &'s str), String>,
    /// Indices into `site.pages`: per language in menu order, and per key.
    by_lang: HashMap<&'s str, Vec<usize>>,
    by_key: HashMap<&'s str, Vec<usize>>,
    /// Each page's position within its language, by page index.
    position: Vec<usize>,
    menus: HashMap<&'s str, tera::Value>,
}

impl<'s> Urls<'s> {
    pub fn new(site: &'s Site) -> Self {
        let base = &site.config.base_url;
        let urls = site.pages.iter().map(|p| ((p.lang.as_str(), p.key.as_str()), base.rel(&p.site_path()))).collect();
        let (mut by_lang, mut by_key) = (HashMap::<&str, Vec<usize>>::new(), HashMap::<&str, Vec<usize>>::new());
        let mut position = Vec::with_capacity(site.pages.len());
        for (i, p) in site.pages.iter().enumerate() {
            let siblings = by_lang.entry(&p.lang).or_default();
            position.push(siblings.len());
            siblings.push(i);
            by_key.entry(&p.key).or_default().push(i);
        }
        let menus = by_lang.iter().map(|(lang, pages)| (*lang, menu(site, pages))).collect();
        Urls { urls, by_lang, by_key, position, menus }
    }

    pub fn page<'q>(&'q self, lang: &'q str, key: &'q str) -> Option<&'q str> {
        self.urls.get(&(lang, key)).map(String::as_str)
    }

    /// File names of a language's pages, for "did you mean".
    pub fn keys(&self, lang: &str) -> Vec<String> {
        let mut keys: Vec<String> = self.urls.keys().filter(|(l, _)| *l == lang).map(|(_, k)| format!("{k}.md")).collect();
        keys.sort();
        keys
    }

    /// Indices of a language's pages in menu order.
    pub fn pages_of(&self, lang: &str) -> &[usize] {
        self.by_lang.get(lang).map_or(&[], Vec::as_slice)
    }

    /// Indices of a page's translations (itself included).
    pub fn translations(&self, key: &str) -> &[usize] {
        self.by_key.get(key).map_or(&[], Vec::as_slice)
    }

    /// The position of `site.pages[index]` within its language's menu order.
    pub fn position(&self, index: usize) -> usize {
        self.position.get(index).copied().unwrap_or(0)
    }

    /// The language's menu, shared by all its pages (cheap to clone).
    pub fn menu(&self, lang: &str) -> tera::Value {
        self.menus.get(lang).cloned().unwrap_or_else(|| tera::Value::from_serializable(&Vec::<()>::new()))
    }
}

#[derive(Serialize)]
struct MenuItem<'a> {
    title: &'a str,
    url: String,
    /// Compare with `page.key` to mark the current page.
    key: &'a str,
}

/// A language's menu as a template value, built once per build.
fn menu(site: &Site, pages: &[usize]) -> tera::Value {
    let base = &site.config.base_url;
    let items: Vec<MenuItem> =
        pages.iter().map(|&i| &site.pages[i]).map(|p| MenuItem { title: &p.title, url: base.rel(&p.site_path()), key: &p.key }).collect();
    tera::Value::from_serializable(&items)
}
