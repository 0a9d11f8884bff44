//! Each language's search page (`/<lang>/search/`) and its index. The page
//! works without JavaScript: it lists every page and heading of the
//! language, which is where the search box leads when scripts are off.
//! With scripts, `search.js` (loaded on this page only, so other pages
//! carry nothing but the box) answers the query from the index that
//! [`crate::search`] writes beside the page.

use std::collections::BTreeMap;

use super::context::{self, IndexEntry, SearchClient};
use super::env::Env;
use super::html::json_for_script;
use super::markdown::Rendered;
use super::minify;
use super::pdfs::Link as PdfLink;
use super::templates::Templates;
use crate::error::{Diagnostic, Diagnostics};
use crate::model::{OutputFile, Site, Ui, UiString};
use crate::search;

const TEMPLATE: &str = "search.html";

/// The search page and index of every language. `envs[i]` and
/// `rendered[i]` belong to `site.pages[i]`; `pdfs` are the PDFs' links by
/// language, for the footer.
pub fn render(site: &Site, templates: &Templates, envs: &[Env], rendered: &[&Rendered], pdfs: &BTreeMap<String, PdfLink>) -> (Vec<OutputFile>, Diagnostics) {
    let mut errors = Diagnostics::new();
    let mut files = Vec::new();
    if !templates.has(TEMPLATE) {
        let theme = &site.config.theme;
        let d = Diagnostic::file(format!("themes/{theme}/templates/{TEMPLATE}"), "the theme has no search page template");
        errors.push(d.with_hint("copy `templates/search.html` from the default theme, or set `search: false` in `baspa.yaml`"));
        return (files, errors);
    }
    for lang in &site.config.languages {
        let pages: Vec<usize> = (0..site.pages.len()).filter(|&i| site.pages[i].lang == lang.code).collect();
        let Some(&landing) = pages.iter().find(|&&i| site.pages[i].is_landing()) else { continue };
        let base = &site.config.base_url;
        let entries: Vec<IndexEntry> =
            pages.iter().map(|&i| IndexEntry { title: &site.pages[i].title, url: base.rel(&site.pages[i].site_path()), toc: &rendered[i].toc }).collect();
        let inputs: Vec<search::Page> =
            pages.iter().zip(&entries).map(|(&i, e)| search::Page { title: e.title, url: e.url.clone(), html: &rendered[i].html }).collect();
        files.extend(search::index_files(&lang.code, lang.locale.tag(), &inputs));
        let env = &envs[landing];
        let dir = search::dir(&lang.code);
        let client = SearchClient { index: base.rel(&format!("{dir}index.json")), strings: json_for_script(&strings(env)) };
        let html = templates.render(TEMPLATE, &context::search(env, &entries, &client, pdfs));
        if let Some(html) = errors.take(html) {
            files.push(OutputFile::new(format!("{dir}index.html"), minify::html(&html)));
        }
    }
    (files, errors)
}

/// The client's UI strings in the page's language: plural forms of the
/// result count by CLDR category name, the rest as they are.
fn strings(env: &Env) -> BTreeMap<&'static str, serde_json::Value> {
    let mut out = BTreeMap::new();
    let results = match env.strings.get(Ui::SearchResults.key()) {
        Some(UiString::Plural(forms)) => forms.iter().map(|(c, s)| (c.name().to_string(), serde_json::Value::from(s.as_str()))).collect(),
        _ => serde_json::Map::from_iter([("other".to_string(), serde_json::Value::from(env.t(Ui::SearchResults)))]),
    };
    out.insert("results", serde_json::Value::Object(results));
    for (name, key) in [("none", Ui::SearchNone), ("more", Ui::SearchMore), ("failed", Ui::SearchFailed), ("empty", Ui::SearchEmpty)] {
        out.insert(name, env.t(key).into());
    }
    out.insert("locale", env.lang.locale.tag().into());
    out
}
