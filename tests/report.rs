//! The shipped national report, built into a temporary folder and checked
//! for what readers get: every page in every language, working language
//! switches, locale-formatted numbers, no third-party URLs, minified HTML.

mod common;

use std::collections::BTreeSet;
use std::path::Path;
use std::sync::OnceLock;

use common::{Built, REPO, build};
use scraper::{Html, Selector};

const BASE: &str = "https://example.org/report/";
const LANGS: [&str; 3] = ["kk", "ru", "en"];
const SLUGS: [&str; 7] = ["", "current-situation/", "latent-forms/", "effectiveness/", "prevention-practices/", "methodology/", "help/"];

fn site() -> &'static Built {
    static SITE: OnceLock<Built> = OnceLock::new();
    SITE.get_or_init(|| build(Path::new(REPO), &["--base-url", BASE]))
}

fn page_paths() -> Vec<String> {
    LANGS.iter().flat_map(|l| SLUGS.iter().map(move |s| format!("{l}/{s}index.html"))).collect()
}

fn select<'a>(doc: &'a Html, css: &str) -> Vec<scraper::ElementRef<'a>> {
    doc.select(&Selector::parse(css).unwrap()).collect()
}

fn attr(e: &scraper::ElementRef, name: &str) -> String {
    e.value().attr(name).unwrap_or_default().to_string()
}

#[test]
fn every_page_exists_in_every_language() {
    let site = site();
    for p in page_paths() {
        assert!(site.files.contains_key(&p), "missing {p}");
    }
    for extra in ["index.html", "404.html", "kk/404.html", "ru/404.html", "en/404.html", "sitemap.xml", "_headers"] {
        assert!(site.files.contains_key(extra), "missing {extra}");
    }
    // Under a base path crawlers would never read it (see the build's note).
    assert!(!site.files.contains_key("robots.txt"));
}

#[test]
fn html_lang_matches_the_language_folder() {
    for p in page_paths() {
        let doc = Html::parse_document(&site().text(&p));
        let html = select(&doc, "html");
        assert_eq!(attr(&html[0], "lang"), &p[..2], "{p}");
    }
}

#[test]
fn switcher_and_hreflang_links_resolve_and_are_symmetric() {
    let site = site();
    for p in page_paths() {
        let doc = Html::parse_document(&site.text(&p));
        let slug = &p[3..p.len() - "index.html".len()];
        let switch: Vec<String> = select(&doc, ".lang-switch a").iter().map(|a| attr(a, "href")).collect();
        let expected: Vec<String> = LANGS.iter().map(|l| format!("/report/{l}/{slug}")).collect();
        assert_eq!(switch, expected, "language switcher of {p}");
        let alternates: BTreeSet<(String, String)> =
            select(&doc, "link[rel=alternate][hreflang]").iter().map(|l| (attr(l, "hreflang"), attr(l, "href"))).filter(|(h, _)| h != "x-default").collect();
        for (lang, href) in &alternates {
            let target = href.strip_prefix(BASE).unwrap_or_else(|| panic!("{p}: alternate {href} is not under the base URL"));
            let target_doc = Html::parse_document(&site.text(&format!("{target}index.html")));
            let back: BTreeSet<(String, String)> = select(&target_doc, "link[rel=alternate][hreflang]")
                .iter()
                .map(|l| (attr(l, "hreflang"), attr(l, "href")))
                .filter(|(h, _)| h != "x-default")
                .collect();
            assert_eq!(back, alternates, "hreflang of {lang} version of {p} is not symmetric");
        }
        assert_eq!(alternates.len(), 3, "{p}");
    }
}

#[test]
fn root_page_offers_every_language_without_javascript() {
    let doc = Html::parse_document(&site().text("index.html"));
    let links: Vec<String> = select(&doc, ".lang-list a").iter().map(|a| attr(a, "href")).collect();
    assert_eq!(links, ["/report/kk/", "/report/ru/", "/report/en/"]);
    let x_default = select(&doc, "link[hreflang=x-default]");
    assert_eq!(attr(&x_default[0], "href"), BASE);
}

#[test]
fn numbers_are_formatted_per_locale() {
    let site = site();
    let ru = site.text("ru/current-situation/index.html");
    assert!(ru.contains("3\u{a0}382"), "ru groups with a no-break space");
    let ru2 = site.text("ru/latent-forms/index.html");
    assert!(ru2.contains("64,5\u{a0}%"), "ru percent has a no-break space before %");
    let kk = site.text("kk/latent-forms/index.html");
    assert!(kk.contains("64,5%") && !kk.contains("64.5%"), "kk percent");
    let en = site.text("en/current-situation/index.html");
    assert!(en.contains("3,382"), "en groups with a comma");
    let en2 = site.text("en/latent-forms/index.html");
    assert!(en2.contains("64.5%"), "en percent");
    let kk_land = site.text("kk/index.html");
    assert!(kk_land.contains("64\u{a0}243") && kk_land.contains("2\u{a0}324"), "kk key figures");
}

#[test]
fn no_third_party_urls_in_scripts_styles_images_or_fonts() {
    let site = site();
    for (path, bytes) in site.files.iter().filter(|(p, _)| p.ends_with(".html")) {
        let doc = Html::parse_document(std::str::from_utf8(bytes).unwrap());
        for (css, a) in [("script[src]", "src"), ("link[rel=stylesheet]", "href"), ("link[rel=icon]", "href"), ("img", "src"), ("link[rel=preload]", "href")] {
            for e in select(&doc, css) {
                let url = attr(&e, a);
                assert!(url.starts_with("/report/"), "{path}: {css} loads {url}");
            }
        }
    }
    let css = site.files.iter().filter(|(p, _)| p.ends_with(".css")).map(|(_, b)| String::from_utf8_lossy(b).to_string()).collect::<String>();
    assert!(!css.contains("@import") && !css.contains("url(http") && !css.contains("url(//"), "stylesheets fetch nothing from elsewhere");
}

#[test]
fn output_is_minified_and_has_no_inline_styles_or_scripts() {
    for p in page_paths() {
        let html = site().text(&p);
        assert!(html.lines().count() < 5, "{p} is not minified");
        let doc = Html::parse_document(&html);
        assert!(select(&doc, "[style]").is_empty(), "{p} has a style attribute");
        common::assert_inline_scripts_allowed(&p, &html);
        for s in select(&doc, "script[src], link[rel=stylesheet]") {
            assert!(attr(&s, "integrity").starts_with("sha384-"), "{p}: no SRI on {:?}", s.value());
        }
    }
}

#[test]
fn internal_links_point_to_existing_files_and_anchors() {
    let site = site();
    for p in page_paths() {
        let doc = Html::parse_document(&site.text(&p));
        for a in select(&doc, "a[href]") {
            let href = attr(&a, "href");
            let Some(rest) = href.strip_prefix("/report/") else { continue };
            let (path, anchor) = rest.split_once('#').unwrap_or((rest, ""));
            let file = if path.is_empty() || path.ends_with('/') { format!("{path}index.html") } else { path.to_string() };
            assert!(site.files.contains_key(&file), "{p}: link to {href} points nowhere");
            if !anchor.is_empty() && file.ends_with(".html") {
                let target = Html::parse_document(&site.text(&file));
                let found = select(&target, "[id]").iter().any(|e| attr(e, "id") == anchor);
                assert!(found, "{p}: link to {href}: no element with id `{anchor}`");
            }
        }
    }
}

#[test]
fn every_page_has_the_safety_controls() {
    for p in page_paths() {
        let doc = Html::parse_document(&site().text(&p));
        let exit = select(&doc, "a#quick-exit");
        assert_eq!(exit.len(), 1, "{p}: quick exit");
        assert!(attr(&exit[0], "href").starts_with("https://"), "{p}: quick exit works as a plain link");
        let numbers: Vec<String> = select(&doc, ".help-box .helpline-number").iter().map(|a| a.text().collect()).collect();
        assert_eq!(numbers, ["111", "150", "102", "112"], "{p}: help numbers");
        assert_eq!(select(&doc, "a.skip-link[href='#main']").len(), 1, "{p}: skip link");
        assert_eq!(select(&doc, "link[rel=canonical]").len(), 1, "{p}: canonical");
        let current: Vec<String> = select(&doc, ".site-menu a[aria-current=page]").iter().map(|a| attr(a, "href")).collect();
        assert_eq!(current, [format!("/report/{}", &p[..p.len() - "index.html".len()])], "{p}: the menu marks this page");
    }
}

#[test]
fn sitemap_lists_every_page_with_alternates() {
    let sitemap = site().text("sitemap.xml");
    assert_eq!(sitemap.matches("<url>").count(), 21);
    assert!(sitemap.contains("<loc>https://example.org/report/ru/help/</loc>"));
    assert_eq!(sitemap.matches("hreflang=\"kk\"").count(), 21);
}

#[test]
fn same_sources_give_identical_bytes() {
    let again = build(Path::new(REPO), &["--base-url", BASE]);
    assert_eq!(again.files.keys().collect::<Vec<_>>(), site().files.keys().collect::<Vec<_>>());
    for (path, bytes) in &site().files {
        assert!(&again.files[path] == bytes, "{path} differs between two builds");
    }
}

#[test]
fn base_url_path_prefixes_every_local_link() {
    let built = build(Path::new(REPO), &["--base-url", "https://example.github.io/deep/path/"]);
    let html = built.text("en/help/index.html");
    let doc = Html::parse_document(&html);
    for a in select(&doc, "a[href], link[href], script[src]") {
        let url = attr(&a, "href") + &attr(&a, "src");
        let local = !url.starts_with("http") && !url.starts_with("tel:") && !url.starts_with('#') && !url.starts_with("mailto:");
        assert!(!local || url.starts_with("/deep/path/"), "{url} ignores the base path");
    }
}

/// The number a reader sees, read back without its locale's separators:
/// `3,382` (en), `3 382` (ru, kk) and `64,5 %` (ru) all give one value.
fn reading(lang: &str, shown: &str) -> String {
    let digits: String = shown.chars().filter(|c| c.is_ascii_digit() || matches!(c, '.' | ',' | '-' | '\u{2212}')).collect();
    let digits = digits.replace('\u{2212}', "-");
    if lang == "en" { digits.replace(',', "") } else { digits.replace(',', ".") }
}

fn values_on(lang: &str, slug: &str, css: &str) -> Vec<String> {
    let doc = Html::parse_document(&site().text(&format!("{lang}/{slug}index.html")));
    let mut values: Vec<String> = select(&doc, css).iter().map(|e| reading(lang, &e.text().collect::<String>())).collect();
    values.sort();
    values
}

#[test]
fn every_language_cites_the_same_figures_charts_and_numbers() {
    for slug in SLUGS {
        let english = (values_on("en", slug, "main .value"), values_on("en", slug, ".key-figure-value"));
        let ids = |lang: &str| {
            let doc = Html::parse_document(&site().text(&format!("{lang}/{slug}index.html")));
            select(&doc, "main figure[id]").iter().map(|e| attr(e, "id")).collect::<Vec<_>>()
        };
        for lang in ["kk", "ru"] {
            assert_eq!(values_on(lang, slug, "main .value"), english.0, "/{lang}/{slug} cites other numbers than /en/{slug}");
            assert_eq!(values_on(lang, slug, ".key-figure-value"), english.1, "/{lang}/{slug}: key figures");
            assert_eq!(ids(lang), ids("en"), "/{lang}/{slug}: charts, in order");
        }
    }
}

/// Every statistic in the prose comes from a data file (and so carries the
/// `value` class): a bare number in running text may only be a year, a day
/// of the month, a figure or section number, 100 (as in “add up to 100%”) or
/// a help line — never a figure typed by hand.
#[test]
fn prose_types_no_statistic_by_hand() {
    let helplines = ["102", "111", "112", "150"];
    let skip = Selector::parse(".value, .key-figure-value, figure, table, script, style, svg, .help-box, .safety-bar, nav").unwrap();
    for p in page_paths() {
        let doc = Html::parse_document(&site().text(&p));
        let main = select(&doc, "main")[0];
        let hidden: BTreeSet<_> = main.select(&skip).flat_map(|e| e.descendants().map(|d| d.id())).collect();
        let prose: String =
            main.descendants().filter(|n| !hidden.contains(&n.id())).filter_map(|n| n.value().as_text().map(|t| t.to_string())).collect::<Vec<_>>().join(" ");
        let mut number = String::new();
        for c in prose.chars().chain([' ']) {
            if c.is_ascii_digit() {
                number.push(c);
                continue;
            }
            if number.is_empty() {
                continue;
            }
            let n: u32 = number.parse().unwrap();
            let allowed = (2000..=2030).contains(&n) || n <= 31 || n == 100 || helplines.contains(&number.as_str());
            assert!(allowed, "{p}: `{number}` is typed into the prose; cite it from a data file so every language shows the same value");
            number.clear();
        }
    }
}
