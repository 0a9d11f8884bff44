//! A second report, unrelated to the shipped one: `tests/sites/road-safety`,
//! road safety in a fictional region, in English (the default) and Kazakh,
//! under a base path, with no reader-safety block, every chart kind, plural
//! labels, numbers computed in the text and hostile category labels. Built
//! once with the repository's `themes/` beside it, and checked for what a
//! reader gets — and for anything of the national report left in it.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::process::{Command, Output};
use std::sync::OnceLock;

use common::{Built, REPO, read_tree};
use scraper::{ElementRef, Html, Selector};

const BASE: &str = "https://roads.test/reports/2024/";
const BASE_PATH: &str = "/reports/2024/";
/// Each page's slug in English and in Kazakh: the last one sets `slug:` per language.
const PAGES: [(&str, &str); 5] = [
    ("", ""),
    ("collisions/", "collisions/"),
    ("road-users/", "road-users/"),
    ("roads-and-traffic/", "roads-and-traffic/"),
    ("about-the-data/", "derekter-turaly/"),
];
/// (figure id, kind, page: index into PAGES, figure number)
const CHARTS: [(&str, &str, usize, usize); 7] = [
    ("deaths-by-year", "bar", 1, 1),
    ("collisions-by-month", "line", 1, 2),
    ("casualties", "stacked", 2, 3),
    ("deaths-by-user", "pie", 2, 4),
    ("collisions-by-road", "donut", 3, 5),
    ("daily-traffic", "grouped", 3, 6),
    ("report-channels", "hbar", 4, 7),
];
const HOSTILE: [&str; 4] = ["=HYPERLINK(\"http://evil.test\",\"x\")", "+SUM(1+1)*cmd|' /C calc'!A0", "@SUM(1+1)", "<script>alert(1)</script>"];

struct Run {
    built: Built,
    stdout: String,
    stderr: String,
}

/// The test site with the repository's themes beside it, as a report's own
/// folder would have them.
fn project() -> &'static Path {
    static PROJECT: OnceLock<tempfile::TempDir> = OnceLock::new();
    PROJECT
        .get_or_init(|| {
            let dir = tempfile::tempdir().expect("temp dir");
            let site = Path::new(REPO).join("tests/sites/road-safety");
            for item in ["baspa.yaml", "content", "data"] {
                common::copy(&site.join(item), &dir.path().join(item));
            }
            common::copy(&Path::new(REPO).join("themes"), &dir.path().join("themes"));
            dir
        })
        .path()
}

fn baspa(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_baspa")).args(args).output().expect("baspa runs")
}

fn build_once() -> Run {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().join("public");
    let output = baspa(&["build", "--root", project().to_str().unwrap(), "--out", out.to_str().unwrap()]);
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    assert!(output.status.success(), "build failed ({}):\n{stderr}", output.status);
    let files = read_tree(&out);
    Run { built: Built { dir, files }, stdout: String::from_utf8_lossy(&output.stdout).into_owned(), stderr }
}

fn run() -> &'static Run {
    static RUN: OnceLock<Run> = OnceLock::new();
    RUN.get_or_init(build_once)
}

fn site() -> &'static Built {
    &run().built
}

fn page_path(lang: &str, page: usize) -> String {
    let (en, kk) = PAGES[page];
    format!("{lang}/{}index.html", if lang == "en" { en } else { kk })
}

fn doc(path: &str) -> Html {
    Html::parse_document(&site().text(path))
}

fn select<'a>(doc: &'a Html, css: &str) -> Vec<ElementRef<'a>> {
    doc.select(&Selector::parse(css).unwrap()).collect()
}

fn attr(e: &ElementRef, name: &str) -> String {
    e.value().attr(name).unwrap_or_default().to_string()
}

fn texts(doc: &Html, css: &str) -> Vec<String> {
    select(doc, css).iter().map(|e| e.text().collect::<String>()).collect()
}

fn html_pages() -> impl Iterator<Item = (&'static String, String)> {
    site().files.iter().filter(|(p, _)| p.ends_with(".html")).map(|(p, b)| (p, String::from_utf8(b.clone()).expect("UTF-8")))
}

#[test]
fn builds_without_warnings_and_notes_that_robots_txt_is_not_written() {
    let run = run();
    assert_eq!(run.stderr, "", "a clean build prints no problem");
    let note = "note: no robots.txt: crawlers read it only at https://roads.test/robots.txt, outside this site's path `/reports/2024/`; list https://roads.test/reports/2024/sitemap.xml there or submit it to search engines\n";
    assert!(run.stdout.starts_with(note), "{}", run.stdout);
    assert!(run.stdout.contains("built 2 languages, 10 pages, 7 figures ("), "{}", run.stdout);
    assert!(!site().files.contains_key("robots.txt"));
}

#[test]
fn check_passes_strictly() {
    let out = baspa(&["check", "--root", project().to_str().unwrap(), "--strict"]);
    let (stdout, stderr) = (String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    assert!(out.status.success(), "{stdout}{stderr}");
    assert!(stdout.starts_with("check passed: 2 languages, 10 pages, 7 figures in "), "{stdout}");
    assert!(!stderr.contains("warning") && !stderr.contains("error"), "{stderr}");
}

#[test]
fn every_page_exists_in_both_languages_under_its_own_slug() {
    for lang in ["en", "kk"] {
        for page in 0..PAGES.len() {
            assert!(site().files.contains_key(&page_path(lang, page)), "missing {}", page_path(lang, page));
        }
    }
    assert!(!site().files.contains_key("en/derekter-turaly/index.html") && !site().files.contains_key("kk/about-the-data/index.html"));
    for extra in ["index.html", "404.html", "en/404.html", "kk/404.html", "sitemap.xml", "_headers"] {
        assert!(site().files.contains_key(extra), "missing {extra}");
    }
}

#[test]
fn english_is_the_default_language() {
    let root = doc("index.html");
    assert_eq!(attr(&select(&root, "html")[0], "lang"), "en");
    let choices: Vec<String> = select(&root, ".lang-list a").iter().map(|a| attr(a, "href")).collect();
    assert_eq!(choices, ["/reports/2024/en/", "/reports/2024/kk/"], "English first");
    assert_eq!(attr(&select(&root, "link[hreflang=x-default]")[0], "href"), BASE);
    assert_eq!(attr(&select(&doc("404.html"), "html")[0], "lang"), "en");
    assert_eq!(texts(&doc("404.html"), "main h1"), ["Page not found", "Бет табылмады"]);
    // Every page's x-default is the root, which lists English first.
    assert_eq!(attr(&select(&doc("kk/index.html"), "link[hreflang=x-default]")[0], "href"), BASE);
}

/// What a reader sees or hears: text outside scripts and styles, plus the
/// attributes that are shown or read aloud.
fn reader_text(html: &str) -> String {
    let doc = Html::parse_document(html);
    let mut out = String::new();
    for node in doc.tree.nodes() {
        match node.value() {
            scraper::Node::Text(t) => {
                let parent = node.parent().and_then(|p| p.value().as_element().map(|e| e.name().to_string()));
                if !matches!(parent.as_deref(), Some("script" | "style")) {
                    out += t;
                    out += "\n";
                }
            }
            scraper::Node::Element(e) => {
                for a in ["alt", "title", "aria-label"] {
                    out += e.attr(a).unwrap_or_default();
                    out += "\n";
                }
                if e.name() == "meta" && (e.attr("name").is_some() || e.attr("property").is_some()) {
                    out += e.attr("content").unwrap_or_default();
                    out += "\n";
                }
            }
            _ => {}
        }
    }
    out
}

#[test]
fn nothing_of_the_national_report_leaks() {
    let safety_markup = ".safety-bar, #quick-exit, .quick-exit, .safety-lines, .help-box, .helplines, [data-exit]";
    for (path, html) in html_pages() {
        let doc = Html::parse_document(&html);
        assert!(select(&doc, safety_markup).is_empty(), "{path}: reader-safety markup on a site without `safety:`");
        assert!(!html.contains("tel:"), "{path}: a phone link");
        assert!(!html.contains("google.com") && !html.contains("example.github.io"), "{path}: the national report's URLs");
        let text = reader_text(&html);
        let lower = text.to_lowercase();
        for phrase in ["quick exit", "in danger", "need help", "domestic violence", "kazakhstan", "тұрмыстық", "зорлық", "қазақстан", "kipd"]
        {
            assert!(!lower.contains(phrase), "{path}: `{phrase}` in the text");
        }
        let numbers: Vec<&str> = text.split(|c: char| !c.is_ascii_digit()).filter(|n| ["102", "111", "112", "150"].contains(n)).collect();
        assert!(numbers.is_empty(), "{path}: help numbers {numbers:?} in the text");
    }
    for (path, bytes) in
        site().files.iter().filter(|(p, _)| p.ends_with(".xml") || p.ends_with(".csv") || p.ends_with(".json") || p.ends_with(".svg") || *p == "_headers")
    {
        let text = String::from_utf8_lossy(bytes).to_lowercase();
        assert!(!text.contains("domestic") && !text.contains("тұрмыстық") && !text.contains("example.github.io"), "{path}");
    }
}

/// Each language's PDF is named from this report's year, linked under the
/// base path from every page, and holds this report, in its language, and
/// nothing of the national report.
#[cfg(feature = "pdf")]
#[test]
fn each_language_has_its_own_pdf_of_this_report() {
    let titles = [("en", "Road safety in a fictional region"), ("kk", "Ойдан шығарылған өңірдегі жол қауіпсіздігі")];
    for (lang, title) in titles {
        let path = format!("{lang}/report-2024-{lang}.pdf");
        let bytes = &site().files[&path];
        let doc = lopdf::Document::load_mem(bytes).expect("a PDF lopdf can read");
        let pages: Vec<u32> = doc.get_pages().keys().copied().collect();
        let text = doc.extract_text(&pages).expect("text extracts").split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(text.contains(title), "{path}: no title `{title}`");
        let lower = text.to_lowercase();
        for phrase in ["domestic violence", "kazakhstan", "тұрмыстық", "зорлық", "қазақстан", "quick exit"] {
            assert!(!lower.contains(phrase), "{path}: `{phrase}`");
        }
        for (page, html) in html_pages().filter(|(p, _)| p.starts_with(lang)) {
            let links = select(&Html::parse_document(&html), "a[href$='.pdf']").iter().map(|a| attr(a, "href")).collect::<BTreeSet<_>>();
            assert_eq!(links, [format!("{BASE_PATH}{path}")].into(), "{page}");
        }
    }
}

/// The output file a site-absolute path names, and its fragment.
fn target(path: &str) -> (String, Option<&str>) {
    let (file, fragment) = path.split_once('#').map_or((path, None), |(f, h)| (f, Some(h)));
    let file = file.strip_prefix(BASE_PATH).unwrap_or_else(|| panic!("{path} is not under {BASE_PATH}"));
    let file = if file.is_empty() || file.ends_with('/') { format!("{file}index.html") } else { file.to_string() };
    (file, fragment)
}

fn assert_resolves(page: &str, url: &str) {
    let local = if let Some(rest) = url.strip_prefix("https://roads.test") {
        rest.to_string()
    } else if url.starts_with('#') {
        format!("{BASE_PATH}{page}{url}")
    } else if url.starts_with('/') {
        url.to_string()
    } else {
        assert!(!url.contains(':'), "{page}: link to another site: {url}");
        let dir = page.rsplit_once('/').map_or("", |(d, _)| d);
        format!("{BASE_PATH}{dir}/{url}")
    };
    let (file, fragment) = target(&local);
    let bytes = site().files.get(&file).unwrap_or_else(|| panic!("{page}: {url} leads to no file ({file})"));
    if let Some(id) = fragment.filter(|f| !f.is_empty()) {
        let html = Html::parse_document(std::str::from_utf8(bytes).unwrap());
        assert!(!select(&html, &format!("[id='{id}']")).is_empty(), "{page}: {url}: no #{id} in {file}");
    }
}

#[test]
fn every_link_and_asset_stays_under_the_base_path() {
    let mut checked = 0;
    for (path, html) in html_pages() {
        let doc = Html::parse_document(&html);
        for (css, name) in [
            ("a[href]", "href"),
            ("link[href]", "href"),
            ("script[src]", "src"),
            ("img[src]", "src"),
            ("source[srcset]", "srcset"),
            ("meta[property^='og:'][content^='http']", "content"),
        ] {
            for e in select(&doc, css) {
                let url = attr(&e, name);
                if url.starts_with("https://creativecommons.org/") && attr(&e, "rel").contains("license") {
                    continue;
                }
                assert!(url.starts_with('#') || url.starts_with(BASE_PATH) || url.starts_with(BASE) || !url.contains(':'), "{path}: {css} {url}");
                assert_resolves(path, &url);
                checked += 1;
            }
        }
    }
    assert!(checked > 300, "only {checked} links checked");
}

#[test]
fn hreflang_and_the_switcher_pair_each_page_with_its_translation() {
    for (page, (en, kk)) in PAGES.iter().enumerate() {
        let want: BTreeMap<String, String> = [("en".to_string(), format!("{BASE}en/{en}")), ("kk".to_string(), format!("{BASE}kk/{kk}"))].into();
        for lang in ["en", "kk"] {
            let path = page_path(lang, page);
            let d = doc(&path);
            let alternates: BTreeMap<String, String> =
                select(&d, "link[rel=alternate][hreflang]").iter().map(|l| (attr(l, "hreflang"), attr(l, "href"))).filter(|(h, _)| h != "x-default").collect();
            assert_eq!(alternates, want, "{path}");
            assert_eq!(attr(&select(&d, "link[rel=canonical]")[0], "href"), want[lang], "{path}");
            let switch: Vec<String> = select(&d, ".lang-switch a").iter().map(|a| attr(a, "href")).collect();
            assert_eq!(switch, [format!("{BASE_PATH}en/{en}"), format!("{BASE_PATH}kk/{kk}")], "{path}");
        }
    }
}

#[test]
fn sitemap_lists_both_languages_under_the_base_url() {
    let xml = site().text("sitemap.xml");
    let doc = roxmltree::Document::parse(&xml).expect("sitemap is XML");
    let mut listed = BTreeMap::new();
    for url in doc.descendants().filter(|n| n.has_tag_name("url")) {
        let loc = url.descendants().find(|n| n.has_tag_name("loc")).and_then(|n| n.text()).unwrap().to_string();
        let alternates: BTreeSet<(String, String)> = url
            .descendants()
            .filter(|n| n.has_tag_name("link"))
            .map(|l| (l.attribute("hreflang").unwrap().to_string(), l.attribute("href").unwrap().to_string()))
            .filter(|(h, _)| h != "x-default")
            .collect();
        listed.insert(loc, alternates);
    }
    let mut want = BTreeMap::new();
    for (en, kk) in PAGES {
        let pair: BTreeSet<(String, String)> = [("en".into(), format!("{BASE}en/{en}")), ("kk".into(), format!("{BASE}kk/{kk}"))].into();
        want.insert(format!("{BASE}en/{en}"), pair.clone());
        want.insert(format!("{BASE}kk/{kk}"), pair);
    }
    if cfg!(feature = "pdf") {
        for lang in ["en", "kk"] {
            want.insert(format!("{BASE}{lang}/report-2024-{lang}.pdf"), BTreeSet::new());
        }
    }
    assert_eq!(listed, want);
}

fn chart_option(d: &Html, id: &str) -> serde_json::Value {
    let json = select(d, &format!("script#chart-data-{id}"))[0].inner_html();
    serde_json::from_str(&json).unwrap_or_else(|e| panic!("{id}: {e}"))
}

#[test]
fn every_chart_kind_draws_its_figure_in_both_languages() {
    for lang in ["en", "kk"] {
        for (id, kind, page, n) in CHARTS {
            let d = doc(&page_path(lang, page));
            let number = if lang == "en" { format!("Figure {n}.") } else { format!("{n}-сурет.") };
            assert_eq!(texts(&d, &format!("figure#fig-{id} .figure-number")), [number], "{lang} {id}");
            let img = select(&d, &format!("figure#fig-{id} img"));
            assert_eq!(attr(&img[0], "src"), format!("{BASE_PATH}{lang}/figures/{id}.svg"), "{lang} {id}");
            let svg = site().text(&format!("{lang}/figures/{id}.svg"));
            let xml = roxmltree::Document::parse(&svg).unwrap_or_else(|e| panic!("{lang} {id}: not XML: {e}"));
            assert!(xml.descendants().any(|n| n.has_tag_name("text")), "{lang} {id}: an SVG without text");
            let option = chart_option(&d, id);
            let series = option["series"].as_array().unwrap();
            let types: BTreeSet<&str> = series.iter().map(|s| s["type"].as_str().unwrap()).collect();
            let stacked = series.iter().all(|s| s["stack"] == "total");
            match kind {
                "bar" | "hbar" => assert!(types == BTreeSet::from(["bar"]) && series.len() == 1 && !stacked, "{id}"),
                "grouped" => assert!(types == BTreeSet::from(["bar"]) && series.len() == 2 && series.iter().all(|s| s["stack"].is_null()), "{id}"),
                "stacked" => assert!(types == BTreeSet::from(["bar"]) && series.len() == 3 && stacked, "{id}"),
                "line" => assert_eq!(option["xAxis"]["data"].as_array().map(Vec::len), Some(12), "{id}: a month a point"),
                "pie" => assert!(types == BTreeSet::from(["pie"]) && series[0]["radius"].is_string(), "{id}"),
                "donut" => assert!(types == BTreeSet::from(["pie"]) && series[0]["radius"].is_array(), "{id}"),
                _ => unreachable!(),
            }
            if kind == "line" {
                assert_eq!(types, BTreeSet::from(["line"]));
            }
            if kind == "hbar" {
                assert_eq!(option["yAxis"]["type"], "category", "{id}: categories down the side");
            }
        }
    }
    // The pie plots one series of a three-series table.
    let pie = chart_option(&doc("en/road-users/index.html"), "deaths-by-user");
    let values: Vec<f64> = pie["series"][0]["data"].as_array().unwrap().iter().map(|d| d["value"].as_f64().unwrap()).collect();
    assert_eq!(values, [52.0, 14.0, 19.0, 47.0, 9.0]);
}

fn cells(path: &str, figure: &str) -> Vec<String> {
    texts(&doc(path), &format!("#fig-{figure} td"))
}

#[test]
fn tables_format_numbers_per_locale() {
    assert_eq!(cells("en/roads-and-traffic/index.html", "daily-traffic"), ["18,234.5", "19,410.3", "9,876.2", "10,234.6", "7,421.8", "7,305.1"]);
    assert_eq!(
        cells("kk/roads-and-traffic/index.html", "daily-traffic"),
        ["18\u{a0}234,5", "19\u{a0}410,3", "9\u{a0}876,2", "10\u{a0}234,6", "7\u{a0}421,8", "7\u{a0}305,1"]
    );
    assert_eq!(cells("en/roads-and-traffic/index.html", "collisions-by-road"), ["54.6%", "38.1%", "7.3%"]);
    assert_eq!(cells("kk/roads-and-traffic/index.html", "collisions-by-road"), ["54,6%", "38,1%", "7,3%"]);
    assert_eq!(cells("en/road-users/index.html", "casualties")[11], "1,946");
    assert_eq!(cells("kk/road-users/index.html", "casualties")[11], "1\u{a0}946");
}

/// The texts of the list items of the landing page's "main findings".
fn findings(lang: &str) -> Vec<String> {
    let d = doc(&format!("{lang}/index.html"));
    let list = select(&d, ".prose > ul:not(.key-figures)");
    list[0].select(&Selector::parse("li").unwrap()).map(|li| li.text().collect::<String>()).collect()
}

#[test]
fn plural_labels_follow_the_number_in_english_and_kazakh_keeps_one_form() {
    assert_eq!(findings("en")[3], "The region now runs 21 speed cameras, and 1 new bypass road opened in 2024.");
    assert_eq!(findings("kk")[3], "Қазір облыста 21 жылдамдықты бақылау камерасы жұмыс істейді, ал 2024 жылы 1 жаңа айналма жол ашылды.");
    let key = |lang: &str| -> Vec<String> { texts(&doc(&format!("{lang}/index.html")), ".key-figure-label") };
    assert_eq!(key("en")[1], "speed cameras");
    assert_eq!(key("kk")[1], "жылдамдықты бақылау камерасы");
}

#[test]
fn computed_numbers_read_the_same_in_both_languages() {
    // 141 deaths after 158: −10.8%; 2,967 collisions in the months; 52 of 141 killed.
    assert_eq!(
        findings("en")[..3],
        [
            "141 people died on the region's roads in 2024, 10.8% fewer than in 2023 (Figure 1).",
            "The police recorded 2,967 collisions in which someone was hurt, most of them in summer (Figure 2).",
            "Pedestrians were 36.9% of the people killed (Figure 4).",
        ]
    );
    assert_eq!(
        findings("kk")[..3],
        [
            "2024 жылы облыс жолдарында 141 адам қаза тапты, бұл 2023 жылғыдан 10,8% аз (1-сурет).",
            "Полиция адамдар зардап шеккен 2\u{a0}967 жол-көлік оқиғасын тіркеді, олардың көбі жазда болды (2-сурет).",
            "Қаза тапқандардың ішінде жаяу жүргіншілердің үлесі — 36,9% (4-сурет).",
        ]
    );
    // 873 seriously injured for 141 killed; 318 collisions in July, 176 in February.
    let prose = |path: &str| texts(&doc(path), ".prose > p").join("\n");
    let en = prose("en/road-users/index.html") + &prose("en/collisions/index.html") + &prose("en/roads-and-traffic/index.html");
    for want in [
        "For every person killed on the roads in 2024, 6.2 were seriously injured.",
        "with 318 collisions, 1.8 times as many as in February",
        "Urban streets had 54.6% of the collisions, 16.5 percentage points more than rural roads",
        "carried 19,410.3 vehicles a day on average in 2024, a change of +6.4% on 2023",
    ] {
        assert!(en.contains(want), "`{want}` in:\n{en}");
    }
    let kk = prose("kk/road-users/index.html") + &prose("kk/collisions/index.html") + &prose("kk/roads-and-traffic/index.html");
    for want in [
        "әр адамға шаққанда 6,2 адам ауыр жарақат алды",
        "шілде: 318 оқиға. Бұл — ең тыныш ай болған ақпандағыдан 1,8 есе көп",
        "қала көшелерінің үлесі — 54,6%, бұл ауылдық жолдардан 16,5 пайыздық тармаққа көп",
        "тәулігіне орта есеппен 19\u{a0}410,3 көлік жүрді; 2023 жылмен салыстырғанда өзгеріс — +6,4%",
    ] {
        assert!(kk.contains(want), "`{want}` in:\n{kk}");
    }
    let key = |lang: &str| -> Vec<String> { texts(&doc(&format!("{lang}/index.html")), ".key-figure-value") };
    assert_eq!(key("en"), ["141", "21", "6.2"]);
    assert_eq!(key("kk"), ["141", "21", "6,2"]);
}

#[test]
fn hostile_labels_stay_text_in_every_page() {
    for (path, html) in html_pages() {
        let doc = Html::parse_document(&html);
        for s in select(&doc, "script") {
            let body = s.inner_html();
            if attr(&s, "type") == "application/json" {
                // Data, never run; a `<` could end the block early.
                assert!(!body.contains('<'), "{path}: `<` in a JSON block");
            } else {
                assert!(!body.contains("alert("), "{path}: a script element runs a label: {body}");
            }
        }
    }
    for lang in ["en", "kk"] {
        let path = page_path(lang, 4);
        let html = site().text(&path);
        assert!(html.contains("&lt;script"), "{path}: the script tag escaped in the table");
        let d = Html::parse_document(&html);
        assert_eq!(texts(&d, "#fig-report-channels th[scope=row]"), HOSTILE, "{path}: the labels as text");
        let alt = attr(&select(&d, "#fig-report-channels img")[0], "alt");
        assert!(HOSTILE.iter().all(|l| alt.contains(l)), "{path}: the description as text: {alt}");
        assert_eq!(chart_option(&d, "report-channels")["yAxis"]["data"], serde_json::json!(HOSTILE));
        let svg = site().text(&format!("{lang}/figures/report-channels.svg"));
        let xml = roxmltree::Document::parse(&svg).unwrap();
        assert!(!xml.descendants().any(|n| n.has_tag_name("script")), "{lang}: a script element in the SVG");
        let shown: Vec<&str> = xml.descendants().filter(|n| n.has_tag_name("text")).filter_map(|n| n.text()).collect();
        assert!(shown.contains(&"@SUM(1+1)"), "{lang}: the labels drawn as text: {shown:?}");
    }
}

/// Fields of a CSV as RFC 4180 reads them.
fn csv_rows(text: &str) -> Vec<Vec<String>> {
    let mut rows = vec![vec![String::new()]];
    let (mut quoted, mut chars) = (false, text.trim_start_matches('\u{feff}').chars().peekable());
    while let Some(c) = chars.next() {
        let row = rows.last_mut().unwrap();
        match (c, quoted) {
            ('"', true) if chars.peek() == Some(&'"') => {
                chars.next();
                row.last_mut().unwrap().push('"');
            }
            ('"', _) => quoted = !quoted,
            (',', false) => row.push(String::new()),
            ('\r', false) => {}
            ('\n', false) => rows.push(vec![String::new()]),
            (c, _) => row.last_mut().unwrap().push(c),
        }
    }
    rows.retain(|r| r != &[""]);
    rows
}

#[test]
fn downloads_keep_hostile_labels_from_running_as_formulas() {
    use calamine::{Data, Reader, Xlsx};
    for lang in ["en", "kk"] {
        let rows = csv_rows(&site().text(&format!("{lang}/figures/report-channels.csv")));
        assert_eq!(rows.len(), 5, "{lang}: a header and four rows, nothing after: {rows:?}");
        let labels: Vec<&str> = rows[1..].iter().map(|r| r[0].as_str()).collect();
        assert_eq!(labels, ["'=HYPERLINK(\"http://evil.test\",\"x\")", "'+SUM(1+1)*cmd|' /C calc'!A0", "'@SUM(1+1)", "<script>alert(1)</script>"], "{lang}");
        let values: Vec<&str> = rows[1..].iter().map(|r| r[1].as_str()).collect();
        assert_eq!(values, ["415", "389", "197", "63"]);

        let bytes = site().files.get(&format!("{lang}/figures/report-channels.xlsx")).unwrap_or_else(|| panic!("{lang}: no XLSX"));
        let mut book: Xlsx<_> = calamine::open_workbook_from_rs(std::io::Cursor::new(bytes.clone())).expect("an XLSX");
        let sheet = book.sheet_names()[0].clone();
        let range = book.worksheet_range(&sheet).unwrap();
        for (i, label) in HOSTILE.iter().enumerate() {
            assert_eq!(range.get_value((i as u32 + 1, 0)), Some(&Data::String(label.to_string())), "{lang}: row {}", i + 1);
        }
        assert_eq!(range.get_value((1, 1)), Some(&Data::Float(415.0)), "{lang}: a typed number");
        let formulas = book.worksheet_formula(&sheet).unwrap();
        assert!(formulas.used_cells().all(|(_, _, f)| f.is_empty()), "{lang}: a formula in the data sheet");
    }
}

#[test]
fn builds_are_byte_identical() {
    let again = build_once();
    let first = &site().files;
    assert_eq!(first.keys().collect::<Vec<_>>(), again.built.files.keys().collect::<Vec<_>>());
    for (path, bytes) in first {
        assert!(bytes == &again.built.files[path], "{path} differs between two builds");
    }
}

/// A number as a table cell writes it, in either language.
fn number(cell: &str) -> f64 {
    cell.replace([',', '\u{a0}'], "").trim_end_matches('%').parse().unwrap_or_else(|_| panic!("not a number: {cell:?}"))
}

/// The numbers a drawing writes: never cut short ("5..."); every value in
/// the wide drawings; on a phone, every value except where they cannot
/// stand apart: inside stacked segments too thin for them, and between
/// the first, last, highest and lowest point of a twelve-month line.
#[test]
fn drawings_write_values_in_full_and_keep_the_ones_a_phone_has_room_for() {
    for lang in ["en", "kk"] {
        for (id, kind, page, _) in CHARTS {
            let values = cells(&page_path(lang, page), id);
            for variant in ["", "-narrow", "-contrast", "-narrow-contrast"] {
                let svg = site().text(&format!("{lang}/figures/{id}{variant}.svg"));
                let xml = roxmltree::Document::parse(&svg).unwrap();
                let shown: Vec<&str> = xml.descendants().filter(|n| n.has_tag_name("text")).filter_map(|n| n.text()).collect();
                assert!(!shown.iter().any(|t| t.ends_with("...") || t.ends_with('…')), "{lang}/figures/{id}{variant}.svg cuts a text: {shown:?}");
                let expected: Vec<&String> = match (variant.contains("narrow"), kind) {
                    // Thin segments drop their numbers, at any width; on the
                    // wide drawing each bar's largest segment holds its number.
                    (true, "stacked") => continue,
                    (false, "stacked") => {
                        let html = doc(&page_path(lang, page));
                        let rows = scraper::Selector::parse(&format!("#fig-{id} tbody tr")).unwrap();
                        let td = scraper::Selector::parse("td").unwrap();
                        let largest: Vec<String> = html
                            .select(&rows)
                            .filter_map(|tr| {
                                let cells: Vec<String> = tr.select(&td).map(|c| c.text().collect()).collect();
                                cells.into_iter().max_by(|a, b| number(a).total_cmp(&number(b)))
                            })
                            .collect();
                        let missing: Vec<&String> = largest.iter().filter(|v| !shown.contains(&v.as_str())).collect();
                        assert!(missing.is_empty(), "{lang}/figures/{id}{variant}.svg lacks {missing:?}; it writes {shown:?}");
                        continue;
                    }
                    (true, "line") => {
                        let numbers: Vec<f64> = values.iter().map(|v| number(v)).collect();
                        let max = numbers.iter().cloned().fold(f64::MIN, f64::max);
                        let min = numbers.iter().cloned().fold(f64::MAX, f64::min);
                        values
                            .iter()
                            .zip(&numbers)
                            .enumerate()
                            .filter(|(k, (_, n))| *k == 0 || *k == values.len() - 1 || **n == max || **n == min)
                            .map(|(_, (v, _))| v)
                            .collect()
                    }
                    _ => values.iter().collect(),
                };
                let missing: Vec<&&String> = expected.iter().filter(|v| !shown.contains(&v.as_str())).collect();
                assert!(missing.is_empty(), "{lang}/figures/{id}{variant}.svg lacks {missing:?}; it writes {shown:?}");
            }
        }
    }
}
