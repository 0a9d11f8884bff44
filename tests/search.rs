//! The search index of the shipped report, as built: every language's
//! index holds the words of its own pages (inflected forms mapped to their
//! stems, figures by their labels), links to anchors that exist, and never
//! holds what is not content: the safety bar, the help numbers, the search
//! page itself, or a drafted page.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::sync::OnceLock;

use common::{Built, REPO, build, copy_of_report};
use serde_json::Value;

const BASE: &str = "https://example.org/report/";

fn site() -> &'static Built {
    static SITE: OnceLock<Built> = OnceLock::new();
    SITE.get_or_init(|| build(Path::new(REPO), &["--base-url", BASE]))
}

fn json(site: &Built, path: &str) -> Value {
    serde_json::from_str(&site.text(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// One language's index read back: form → stem, stem → section ids, and
/// every section as (page URL, anchor, heading, text).
struct Index {
    forms: BTreeMap<String, String>,
    postings: BTreeMap<String, Vec<u64>>,
    sections: Vec<(String, String, String, String)>,
}

impl Index {
    fn read(site: &Built, lang: &str) -> Index {
        let dir = format!("{lang}/search/");
        let manifest = json(site, &format!("{dir}index.json"));
        let (mut forms, mut postings) = (BTreeMap::new(), BTreeMap::new());
        for key in manifest["shards"].as_array().unwrap() {
            let key = key.as_str().unwrap();
            let name = if key.is_empty() {
                "t.json".to_string()
            } else {
                format!("t-{}.json", key.chars().map(|c| format!("{:x}", c as u32)).collect::<Vec<_>>().join("-"))
            };
            let shard = json(site, &format!("{dir}{name}"));
            for (stem, list) in shard["f"].as_object().unwrap() {
                for ending in list.as_str().unwrap().split(' ') {
                    let form = ending.strip_prefix('=').map_or_else(|| format!("{stem}{ending}"), str::to_string);
                    forms.insert(form, stem.clone());
                }
            }
            for (stem, flat) in shard["s"].as_object().unwrap() {
                let flat: Vec<u64> = flat.as_array().unwrap().iter().map(|v| v.as_u64().unwrap()).collect();
                let ids = flat.chunks(2).scan(0, |id, pair| {
                    *id += pair[0];
                    Some(*id)
                });
                postings.insert(stem.clone(), ids.collect());
            }
        }
        let per_file = manifest["c"].as_u64().unwrap() as usize;
        let pages = manifest["n"].as_array().unwrap().len();
        let mut sections = Vec::new();
        for file in 0..pages.div_ceil(per_file) {
            for page in json(site, &format!("{dir}p{file}.json")).as_array().unwrap() {
                for s in page["s"].as_array().unwrap() {
                    let s: Vec<String> = s.as_array().unwrap().iter().map(|v| v.as_str().unwrap().to_string()).collect();
                    sections.push((page["u"].as_str().unwrap().to_string(), s[1].clone(), s[0].clone(), s[2].clone()));
                }
            }
        }
        let counted: u64 = manifest["n"].as_array().unwrap().iter().map(|n| n.as_u64().unwrap()).sum();
        assert_eq!(counted as usize, sections.len(), "{lang}: the manifest counts every section");
        Index { forms, postings, sections }
    }

    /// The stem a browser finds for `word`: its form, itself, or the
    /// longest indexed form or stem it begins with.
    fn stem_of(&self, word: &str) -> Option<String> {
        let chars: Vec<char> = word.chars().collect();
        (3..=chars.len())
            .rev()
            .map(|n| chars[..n].iter().collect::<String>())
            .find_map(|p| self.forms.get(&p).cloned().or_else(|| self.postings.contains_key(&p).then_some(p)))
    }

    /// The sections `word` finds.
    fn find(&self, word: &str) -> Vec<&(String, String, String, String)> {
        let stem = self.stem_of(word).unwrap_or_else(|| panic!("`{word}` matches no stem"));
        self.postings[&stem].iter().map(|&id| &self.sections[id as usize]).collect()
    }

    fn all_text(&self) -> String {
        self.sections.iter().map(|(_, _, h, t)| format!("{h}\n{t}\n")).collect()
    }
}

#[test]
fn every_language_finds_inflected_forms_of_its_words() {
    let site = site();
    // (language, a query form, a form the page that must be found uses)
    for (lang, query, used) in [
        ("kk", "топтарының", "топтар"),
        ("kk", "зорлық-зомбылықтың", "зорлық"),
        ("kk", "кітабы", "кітап"),
        ("ru", "насилием", "насилие"),
        ("ru", "мобильными", "мобильные"),
        ("ru", "защиту", "защит"),
        ("en", "protections", "protection"),
        ("en", "surveying", "survey"),
        ("en", "reformed", "reform"),
    ] {
        let index = Index::read(site, lang);
        if query == "кітабы" {
            // The report has no book: the stemmer maps the form, the index is not asked.
            assert_eq!(baspa::search::stem::Stemmer::for_locale("kk").stem(query), used);
            continue;
        }
        let found = index.find(query);
        assert!(!found.is_empty(), "{lang}: `{query}` finds nothing");
        assert!(found.iter().any(|(_, _, h, t)| format!("{h} {t}").to_lowercase().contains(used)), "{lang}: `{query}` finds no section with `{used}`");
    }
}

#[test]
fn figures_are_found_by_title_and_category_labels() {
    let index = Index::read(site(), "en");
    let found = index.find("oct");
    assert!(found.iter().any(|(u, a, h, _)| u == "/report/en/current-situation/" && a == "fig-criminal-cases" && h.starts_with("Figure 1.")), "{found:?}");
    let ru = Index::read(site(), "ru");
    assert!(ru.sections.iter().any(|(_, a, h, _)| a.starts_with("fig-") && h.starts_with("Рисунок")), "ru figures are sections of their own");
}

#[test]
fn results_link_to_pages_and_anchors_that_exist() {
    let site = site();
    for lang in ["kk", "ru", "en"] {
        let index = Index::read(site, lang);
        let pages: BTreeSet<&String> = index.sections.iter().map(|(u, ..)| u).collect();
        assert_eq!(pages.len(), 7, "{lang}: every page is indexed");
        for (url, anchor, heading, text) in &index.sections {
            let path = format!("{}index.html", url.strip_prefix("/report/").expect("root-relative URL with the base path"));
            let html = site.text(&path);
            assert!(
                anchor.is_empty() || html.contains(&format!("id={anchor}")) || html.contains(&format!("id=\"{anchor}\"")),
                "{path}#{anchor} does not exist"
            );
            assert!(!heading.is_empty() || !text.is_empty(), "{path}#{anchor}: an empty section");
        }
    }
}

#[test]
fn the_index_holds_no_safety_bar_help_numbers_or_search_ui() {
    let site = site();
    // Texts of the safety bar, the help box and the ```helplines block
    // (the help page's own prose names the numbers, so the numbers' names
    // and details from data/helplines.yaml are what must be missing).
    let never = [
        ("kk", vec!["Баяндамадан іздеу", "Тәулік бойы, тегін, анонимді, стационарлық", "Балалар мен жастарға арналған ұлттық сенім телефоны"]),
        ("ru", vec!["Поиск по докладу", "Круглосуточно, бесплатно, анонимно, со стационарных", "Национальный телефон доверия для детей и молодёжи"]),
        (
            "en",
            vec![
                "In danger? Call:",
                "Help numbers and quick exit",
                "Search the report",
                "24/7, free from landlines and mobiles",
                "Link to this section",
                "Download the data (CSV)",
            ],
        ),
    ];
    for (lang, texts) in never {
        let all = Index::read(site, lang).all_text();
        for text in texts {
            assert!(!all.contains(text), "{lang}: the index contains `{text}`");
        }
        // Heading marks and footnote back links are not words of the text.
        assert!(!all.contains('↩') && !all.contains(" # "), "{lang}: link marks indexed");
    }
}

#[test]
fn a_drafted_page_is_never_indexed() {
    let root = copy_of_report();
    for lang in ["kk", "ru", "en"] {
        let text = "---\ntitle: Draft\norder: 9\ndraft: true\n---\n\nUnpublishedword zzdraftmarker.\n";
        std::fs::write(root.path().join(format!("content/{lang}/09-draft.md")), text).unwrap();
    }
    let built = build(root.path(), &[]);
    for lang in ["kk", "ru", "en"] {
        let index = Index::read(&built, lang);
        assert!(!index.all_text().contains("zzdraftmarker") && !index.postings.contains_key("zzdraftmarker"), "{lang}: a draft was indexed");
    }
    assert!(built.files.keys().all(|p| !p.contains("draft/")), "a draft was built");
}

#[test]
fn search_pages_are_in_every_language_and_not_in_the_sitemap() {
    let site = site();
    let sitemap = site.text("sitemap.xml");
    for lang in ["kk", "ru", "en"] {
        let page = site.text(&format!("{lang}/search/index.html"));
        assert!(page.contains("noindex"), "{lang}: the search page is not kept out of search engines");
        assert!(page.contains("id=search-index"), "{lang}: no plain index for readers without JavaScript");
        assert!(!sitemap.contains(&format!("{lang}/search/")), "{lang}: the search page is in the sitemap");
        let other = site.text(&format!("{lang}/help/index.html"));
        assert!(
            other.contains(&format!("action=/report/{lang}/search/")) || other.contains(&format!("action=\"/report/{lang}/search/\"")),
            "{lang}: no box leading to the search page"
        );
        assert!(!other.contains("search."), "{lang}: a page other than the search page loads the search script");
    }
    assert!(site.text("_headers").contains("form-action 'self'"), "the policy must let the box submit");
}
