//! Every chart of the shipped report: its static drawings (SVG, safe for a
//! strict CSP, with the values as the page writes them) and PNG exist, its
//! ECharts JSON plots exactly the data file's values, its table shows the
//! same values formatted for the page's language, its CSV and XLSX match, and its
//! figure number is the same in every language. Plus: hostile labels cannot
//! break out of the JSON block, and every chart kind draws.

mod common;

use std::path::Path;
use std::sync::OnceLock;

use common::{Built, REPO, build, copy_of_report};
use scraper::{Html, Selector};

const LANGS: [&str; 3] = ["kk", "ru", "en"];
/// (figure id, page slug, data file, figure number)
const CHARTS: [(&str, &str, &str, usize); 6] = [
    ("criminal-cases", "current-situation", "criminal-cases", 1),
    ("serious-crimes", "current-situation", "serious-crimes", 2),
    ("perception", "current-situation", "perception", 3),
    ("forms-witnessed", "latent-forms", "forms-witnessed", 4),
    ("vulnerable-groups", "latent-forms", "vulnerable-groups", 5),
    ("support-centres", "effectiveness", "support-centres", 6),
];

fn site() -> &'static Built {
    static SITE: OnceLock<Built> = OnceLock::new();
    SITE.get_or_init(|| build(Path::new(REPO), &[]))
}

fn data_values(file: &str) -> Vec<f64> {
    let text = std::fs::read_to_string(Path::new(REPO).join("data").join(format!("{file}.yaml"))).unwrap();
    let v: serde_yaml::Value = serde_yaml::from_str(&text).unwrap();
    v["series"][0]["values"].as_sequence().unwrap().iter().map(|n| n.as_f64().unwrap()).collect()
}

fn one(doc: &Html, css: &str) -> String {
    let s = Selector::parse(css).unwrap();
    doc.select(&s).next().unwrap_or_else(|| panic!("no {css}")).inner_html()
}

fn text(doc: &Html, css: &str) -> String {
    let s = Selector::parse(css).unwrap();
    doc.select(&s).next().unwrap_or_else(|| panic!("no {css}")).text().collect()
}

/// The visible texts of an SVG, from its `<text>` elements.
fn svg_texts(svg: &str) -> Vec<String> {
    let doc = roxmltree::Document::parse(svg).unwrap_or_else(|e| panic!("not XML: {e}"));
    doc.descendants().filter(|n| n.has_tag_name("text")).map(|n| n.text().unwrap_or("").to_string()).collect()
}

fn series_values(option: &serde_json::Value) -> Vec<f64> {
    option["series"][0]["data"].as_array().unwrap().iter().map(|d| d.as_f64().or_else(|| d["value"].as_f64()).unwrap()).collect()
}

#[test]
fn chart_json_plots_exactly_the_data_file_values() {
    for lang in LANGS {
        for (id, slug, data, _) in CHARTS {
            let doc = Html::parse_document(&site().text(&format!("{lang}/{slug}/index.html")));
            let json = one(&doc, &format!("script#chart-data-{id}"));
            let option: serde_json::Value = serde_json::from_str(&json).unwrap_or_else(|e| panic!("{lang} {id}: {e}"));
            assert_eq!(series_values(&option), data_values(data), "{lang} {id}");
            assert_eq!(option["tooltip"]["renderMode"], "richText", "{lang} {id}: HTML tooltips would break the CSP");
            assert!(option["color"].is_null() && option["aria"]["decal"].is_null(), "{lang} {id}: colours and patterns are prepare.js's");
        }
    }
}

#[test]
fn every_chart_is_drawn_at_build_time_for_every_reader() {
    let wants = [("kk", "3\u{a0}382"), ("ru", "3\u{a0}382"), ("en", "3,382")];
    for lang in LANGS {
        for (id, slug, _, _) in CHARTS {
            let html = site().text(&format!("{lang}/{slug}/index.html"));
            let doc = Html::parse_document(&html);
            let picture = Selector::parse(&format!("#chart-{id} picture")).unwrap();
            let picture = doc.select(&picture).next().unwrap_or_else(|| panic!("{lang} {id}: no <picture>"));
            let img = picture.select(&Selector::parse("img").unwrap()).next().expect("an <img>");
            assert_eq!(img.value().attr("src"), Some(format!("/baspa/{lang}/figures/{id}.svg").as_str()));
            assert!(img.value().attr("alt").is_some_and(|a| a.len() > 20), "{lang} {id}: the description as alt text");
            assert!(img.value().attr("width").is_some() && img.value().attr("height").is_some(), "{lang} {id}: a size, so nothing shifts");
            let sources: Vec<&str> = picture.select(&Selector::parse("source").unwrap()).filter_map(|s| s.value().attr("srcset")).collect();
            assert_eq!(sources.len(), 3, "{lang} {id}: narrow, contrast, narrow contrast");
            for file in sources.iter().map(|s| s.trim_start_matches("/baspa/").to_string()).chain([format!("{lang}/figures/{id}.svg")]) {
                let svg = site().text(&file);
                assert!(!svg.contains("style=") && !svg.contains("<style"), "{file}: CSS in the SVG");
                assert!(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""), "{file}");
                assert!(!svg_texts(&svg).is_empty(), "{file}: no text");
            }
            let png = &site().files[&format!("{lang}/figures/{id}.png")];
            assert!(png.starts_with(b"\x89PNG\r\n\x1a\n"), "{lang} {id}: a PNG");
            assert_eq!(u32::from_be_bytes(png[16..20].try_into().unwrap()), 1200, "{lang} {id}: drawn at twice its width");
        }
    }
    for (lang, want) in wants {
        let texts = svg_texts(&site().text(&format!("{lang}/figures/criminal-cases.svg")));
        assert!(texts.iter().any(|t| t == want), "{lang}: {want:?} in {texts:?}");
    }
}

#[test]
fn a_pages_first_chart_is_its_link_preview() {
    let html = site().text("en/current-situation/index.html");
    assert!(
        html.contains("content=https://example.github.io/baspa/en/figures/criminal-cases-og.png")
            || html.contains("content=\"https://example.github.io/baspa/en/figures/criminal-cases-og.png\""),
        "og:image"
    );
    let png = &site().files["en/figures/criminal-cases-og.png"];
    assert_eq!((u32::from_be_bytes(png[16..20].try_into().unwrap()), u32::from_be_bytes(png[20..24].try_into().unwrap())), (1200, 630));
    assert!(!site().files.contains_key("en/figures/perception-og.png"), "one preview per page");
    assert!(!site().text("en/methodology/index.html").contains("og:image"));
}

#[test]
fn citations_point_at_the_figure() {
    let doc = Html::parse_document(&site().text("en/latent-forms/index.html"));
    let cite = text(&doc, "#fig-forms-witnessed .chart-cite");
    assert!(cite.ends_with("https://example.github.io/baspa/en/latent-forms/#fig-forms-witnessed"), "{cite}");
    assert!(cite.contains("Figure 4 "), "{cite}");
    let link = doc.select(&Selector::parse("#fig-forms-witnessed a.chart-permalink").unwrap()).next().expect("a permalink");
    assert_eq!(link.value().attr("href"), Some("#fig-forms-witnessed"));
}

#[test]
fn horizontal_bars_leave_room_for_their_value_labels() {
    let doc = Html::parse_document(&site().text("ru/latent-forms/index.html"));
    let option: serde_json::Value = serde_json::from_str(&one(&doc, "script#chart-data-forms-witnessed")).unwrap();
    // "64,5 %" is six characters.
    assert_eq!(option["grid"][0]["right"], 16 + 8 * 6);
}

#[test]
fn figure_numbers_agree_across_languages() {
    let labels = [("kk", "{n}-сурет."), ("ru", "Рисунок {n}."), ("en", "Figure {n}.")];
    for (lang, pattern) in labels {
        for (id, slug, _, n) in CHARTS {
            let doc = Html::parse_document(&site().text(&format!("{lang}/{slug}/index.html")));
            let number = text(&doc, &format!("#fig-{id} .figure-number"));
            // Russian keeps "Рисунок" and its number together with a no-break space.
            assert_eq!(number.replace('\u{a0}', " "), pattern.replace("{n}", &n.to_string()), "{lang} {id}");
        }
    }
}

#[test]
fn tables_show_the_plotted_values_formatted_per_locale() {
    let doc = |lang: &str| Html::parse_document(&site().text(&format!("{lang}/latent-forms/index.html")));
    let cells = |lang: &str| -> Vec<String> {
        let d = doc(lang);
        let s = Selector::parse("#fig-forms-witnessed td").unwrap();
        d.select(&s).map(|c| c.text().collect()).collect()
    };
    assert_eq!(cells("en"), ["64.5%", "59.6%", "29.4%", "22.3%", "20.9%", "10.4%"]);
    assert_eq!(cells("kk"), ["64,5%", "59,6%", "29,4%", "22,3%", "20,9%", "10,4%"]);
    assert_eq!(cells("ru")[0], "64,5\u{a0}%");
    let cur = Html::parse_document(&site().text("ru/current-situation/index.html"));
    let s = Selector::parse("#fig-criminal-cases td").unwrap();
    let ru: Vec<String> = cur.select(&s).map(|c| c.text().collect()).collect();
    assert_eq!(ru, ["923", "3\u{a0}382", "1\u{a0}630"]);
}

#[test]
fn csv_is_a_rectangle_of_localized_headers_and_raw_numbers() {
    for lang in LANGS {
        for (id, _, data, _) in CHARTS {
            let csv = site().text(&format!("{lang}/figures/{id}.csv"));
            assert!(csv.starts_with('\u{feff}'), "{lang} {id}: BOM");
            let rows: Vec<&str> = csv.trim_start_matches('\u{feff}').strip_suffix("\r\n").unwrap().split("\r\n").collect();
            assert_eq!(rows.len(), 1 + data_values(data).len(), "{lang} {id}: a header row and the data, nothing after: {csv}");
            let values: Vec<f64> = rows[1..].iter().map(|r| r.rsplit(',').next().unwrap().parse().unwrap()).collect();
            assert_eq!(values, data_values(data), "{lang} {id}");
        }
    }
    let ru = site().text("ru/figures/criminal-cases.csv");
    assert!(ru.starts_with("\u{feff}Категория,Зарегистрировано\r\n"), "{ru}");
    assert!(ru.contains("\"2024, уголовные дела\",3382\r\n"), "raw numbers, no grouping: {ru}");
}

#[test]
fn csv_metadata_describes_the_table_beside_it() {
    let meta: serde_json::Value = serde_json::from_str(&site().text("kk/figures/forms-witnessed.csv-metadata.json")).unwrap();
    assert_eq!(meta["url"], "forms-witnessed.csv", "CSVW finds the table by its name");
    assert_eq!(meta["@context"][1]["@language"], "kk");
    assert!(meta["dc:title"].as_str().unwrap().starts_with("4-сурет."), "{meta}");
    assert!(meta["dc:bibliographicCitation"].as_str().unwrap().ends_with("/kk/latent-forms/#fig-forms-witnessed"), "{meta}");
    assert!(!meta["dc:bibliographicCitation"].as_str().unwrap().starts_with("Суретке сілтеме"), "the reference alone, no lead-in: {meta}");
    assert_eq!(meta["dc:license"], "https://creativecommons.org/licenses/by/4.0/");
    assert_eq!(meta["tableSchema"]["columns"][1]["datatype"], "number");
    assert_eq!(meta["schema:unitText"], "%");
}

/// A workbook's sheets as rows of cells, read as a spreadsheet program reads them.
fn workbook(bytes: &[u8]) -> Vec<(String, Vec<Vec<calamine::Data>>)> {
    use calamine::Reader;
    let mut book: calamine::Xlsx<_> = calamine::open_workbook_from_rs(std::io::Cursor::new(bytes.to_vec())).expect("a valid XLSX");
    book.sheet_names()
        .into_iter()
        .map(|name| {
            let range = book.worksheet_range(&name).unwrap();
            (name, range.rows().map(|r| r.to_vec()).collect())
        })
        .collect()
}

#[test]
fn xlsx_has_typed_numbers_localized_headers_and_a_sheet_about_the_data() {
    use calamine::Data;
    for lang in LANGS {
        for (id, _, data, _) in CHARTS {
            let sheets = workbook(&site().files[&format!("{lang}/figures/{id}.xlsx")]);
            assert_eq!(sheets.len(), 2, "{lang} {id}");
            let rows = &sheets[0].1;
            assert_eq!(rows.len(), 1 + data_values(data).len(), "{lang} {id}");
            let percent = matches!(data, "perception" | "forms-witnessed" | "vulnerable-groups");
            let got: Vec<f64> = rows[1..]
                .iter()
                .map(|r| match &r[1] {
                    Data::Float(f) => {
                        if percent {
                            (f * 1000.0).round() / 10.0
                        } else {
                            *f
                        }
                    }
                    other => panic!("{lang} {id}: a number cell, not {other:?}"),
                })
                .collect();
            assert_eq!(got, data_values(data), "{lang} {id}");
        }
    }
    let sheets = workbook(&site().files["ru/figures/criminal-cases.xlsx"]);
    assert_eq!((sheets[0].0.as_str(), sheets[1].0.as_str()), ("Данные", "О данных"));
    assert_eq!(sheets[0].1[0], [Data::String("Категория".into()), Data::String("Зарегистрировано".into())]);
    assert_eq!(sheets[0].1[2][0], Data::String("2024, уголовные дела".into()));
    let about: Vec<String> = sheets[1].1.iter().map(|r| format!("{}: {}", r[0], r[1])).collect();
    assert!(about[0].starts_with("Название: Рисунок\u{a0}1. Уголовные дела"), "{about:?}");
    for row in [
        "Источник: Казахстанский институт общественного развития",
        "Примечания: За 2023 и 2024 годы\u{a0}—",
        "Лицензия: CC BY 4.0 (https://creativecommons.org/licenses/by/4.0/)",
        "Ссылка: ",
    ] {
        assert!(about.iter().any(|r| r.starts_with(row)), "{row:?} in {about:?}");
    }
}

#[test]
fn spreadsheet_formulas_in_labels_stay_text() {
    let dir = copy_of_report();
    let path = dir.path().join("data/criminal-cases.yaml");
    let text = std::fs::read_to_string(&path).unwrap();
    let text =
        text.replacen("en: 2023, criminal cases", "en: '=HYPERLINK(\"http://evil.test\",\"x\")'", 1).replacen("en: Number recorded", "en: '@SUM(A1)'", 1);
    std::fs::write(&path, text).unwrap();
    let built = build(dir.path(), &[]);
    let csv = built.text("en/figures/criminal-cases.csv");
    assert!(csv.contains("Category,'@SUM(A1)\r\n\"'=HYPERLINK(\"\"http://evil.test\"\",\"\"x\"\")\",923\r\n"), "{csv}");
    let sheets = workbook(&built.files["en/figures/criminal-cases.xlsx"]);
    // A string cell (never a formula), marked as text for when it is edited.
    assert_eq!(sheets[0].1[1][0], calamine::Data::String("=HYPERLINK(\"http://evil.test\",\"x\")".into()));
    let sheet = String::from_utf8(unzip(&built.files["en/figures/criminal-cases.xlsx"], "xl/worksheets/sheet1.xml")).unwrap();
    assert!(!sheet.contains("<f>"), "no formula in the sheet: {sheet}");
    let styles = String::from_utf8(unzip(&built.files["en/figures/criminal-cases.xlsx"], "xl/styles.xml")).unwrap();
    assert!(styles.contains("quotePrefix=\"1\""), "{styles}");
}

/// One file of a ZIP archive (an XLSX).
fn unzip(bytes: &[u8], name: &str) -> Vec<u8> {
    use std::io::Read;
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes.to_vec())).unwrap();
    let mut out = Vec::new();
    zip.by_name(name).unwrap().read_to_end(&mut out).unwrap();
    out
}

#[test]
fn partial_year_is_drawn_distinctly() {
    let doc = Html::parse_document(&site().text("en/current-situation/index.html"));
    let option: serde_json::Value = serde_json::from_str(&one(&doc, "script#chart-data-criminal-cases")).unwrap();
    let last = &option["series"][0]["data"][2];
    assert_eq!(last["baspa"], "partial", "the January–October bar is marked for its hatch: {last}");
    assert!(option["series"][0]["data"][1].is_number(), "full years are plain");
    // Drawn hatched, with an outline in the full colour.
    let svg = site().text("en/figures/criminal-cases.svg");
    assert!(svg.contains("<pattern") && svg.contains("fill=\"url(#fig-criminal-cases-p0)\""), "hatched in the drawing");
    assert_eq!(option["xAxis"]["axisLabel"]["lineHeight"], 16, "wrapped labels never overlap");
}

#[test]
fn charts_are_described_for_screen_readers_in_the_page_language() {
    let doc = Html::parse_document(&site().text("en/current-situation/index.html"));
    let s = Selector::parse("#chart-criminal-cases img").unwrap();
    let el = doc.select(&s).next().unwrap();
    let label = el.value().attr("alt").unwrap();
    assert!(label.contains("2024, criminal cases — 3,382") && label.contains("2023, criminal cases — 923"), "{label}");
    let kk = Html::parse_document(&site().text("kk/current-situation/index.html"));
    let label = kk.select(&s).next().unwrap().value().attr("alt").unwrap().to_string();
    assert!(label.contains("3\u{a0}382") && label.contains("Ең жоғары мән"), "{label}");
}

#[test]
fn echarts_is_offered_only_on_demand_by_pages_with_charts() {
    for lang in LANGS {
        for (slug, charts) in [("current-situation", true), ("methodology", false), ("help", false), ("", false)] {
            let html = site().text(&format!("{lang}/{}index.html", if slug.is_empty() { String::new() } else { format!("{slug}/") }));
            let doc = Html::parse_document(&html);
            let srcs: Vec<String> = doc.select(&Selector::parse("script[src]").unwrap()).filter_map(|s| s.value().attr("src").map(str::to_string)).collect();
            assert!(srcs.iter().all(|s| !s.contains("echarts") && !s.contains("chart-prepare")), "{lang}/{slug}: ECharts in a script tag: {srcs:?}");
            // charts.js names ECharts, to load it when a reader reaches for a chart.
            let offered = doc.select(&Selector::parse("script[data-echarts]").unwrap()).count();
            assert_eq!(offered == 1, charts, "{lang}/{slug}");
        }
    }
    assert!(site().files.keys().any(|k| k.starts_with("assets/echarts.") && k.ends_with(".js")));
    assert!(site().files.contains_key("assets/echarts-LICENSE.txt"));
    // The precomputed integrity hash is the served file's.
    use base64::Engine;
    use sha2::Digest;
    let (path, bytes) = site().files.iter().find(|(k, _)| k.starts_with("assets/echarts.") && k.ends_with(".js")).unwrap();
    let sri = format!("sha384-{}", base64::engine::general_purpose::STANDARD.encode(sha2::Sha384::digest(bytes)));
    let page = site().text("en/current-situation/index.html");
    assert!(page.contains(&format!("integrity={sri} src=/assets/{}", &path["assets/".len()..])) || page.contains(&sri), "SRI of {path}");
}

#[test]
fn hostile_labels_cannot_end_the_json_block() {
    let dir = copy_of_report();
    let path = dir.path().join("data/criminal-cases.yaml");
    let text = std::fs::read_to_string(&path).unwrap();
    let hostile = "\"</script><script>alert(1)</script>\u{2028}&\"";
    std::fs::write(&path, text.replacen("en: 2023, criminal cases", &format!("en: {hostile}"), 1)).unwrap();
    let built = build(dir.path(), &[]);
    let html = built.text("en/current-situation/index.html");
    let doc = Html::parse_document(&html);
    let scripts = Selector::parse("script").unwrap();
    common::assert_inline_scripts_allowed("en/current-situation/index.html", &html);
    for s in doc.select(&scripts) {
        assert!(!s.inner_html().contains("alert(1)</script>"), "the label stays inside its JSON block");
    }
    let option: serde_json::Value = serde_json::from_str(&one(&doc, "script#chart-data-criminal-cases")).unwrap();
    assert_eq!(option["xAxis"]["data"][0], "</script><script>alert(1)</script>\u{2028}&");
}

const TWO_SERIES: &str = "title: {kk: Өңірлер, ru: Регионы, en: Regions}\nunit: number\nsource: Test\ncategories:\n  - {id: north, label: {kk: Солтүстік, ru: Север, en: North}}\n  - {id: south, label: {kk: Оңтүстік, ru: Юг, en: South}}\nseries:\n  - {id: y2023, label: \"2023\", values: [10, 20]}\n  - {id: y2024, label: \"2024\", values: [30, 70]}\n";
const SHARES: &str =
    "title: Shares\nunit: percent\nsource: Test\ncategories:\n  - {id: a, label: A}\n  - {id: b, label: B}\nseries:\n  - {id: s, label: S, values: [40, 60]}\n";

fn chart_block(id: &str, data: &str, kind: &str) -> String {
    format!("\n```chart\nid: {id}\ndata: {data}\nkind: {kind}\n```\n")
}

#[test]
fn every_chart_kind_renders_its_echarts_series() {
    let dir = copy_of_report();
    std::fs::write(dir.path().join("data/regions.yaml"), TWO_SERIES).unwrap();
    std::fs::write(dir.path().join("data/shares.yaml"), SHARES).unwrap();
    let blocks: String = [("g", "regions", "grouped"), ("s", "regions", "stacked"), ("l", "regions", "line"), ("p", "shares", "pie"), ("d", "shares", "donut")]
        .iter()
        .map(|(id, data, kind)| chart_block(id, data, kind))
        .collect();
    common::append_to_page(dir.path(), "05-methodology.md", &blocks);
    let built = build(dir.path(), &[]);
    let doc = Html::parse_document(&built.text("ru/methodology/index.html"));
    let option = |id: &str| -> serde_json::Value { serde_json::from_str(&one(&doc, &format!("script#chart-data-{id}"))).unwrap() };
    let grouped = option("g");
    assert_eq!(grouped["series"].as_array().unwrap().len(), 2);
    assert!(grouped["series"][0]["stack"].is_null(), "grouped bars are side by side");
    assert_eq!(grouped["xAxis"]["data"][0], "Север");
    assert_eq!(option("s")["series"][1]["stack"], "total");
    assert_eq!(option("l")["series"][0]["type"], "line");
    let pie = option("p");
    assert_eq!(pie["series"][0]["type"], "pie");
    assert_eq!(pie["series"][0]["data"][1], serde_json::json!({"value": 60.0, "name": "B"}));
    assert!(pie["xAxis"].is_null(), "a pie has no axes");
    assert!(option("d")["series"][0]["radius"].is_array(), "a donut has an inner radius");
    // Figure numbers continue after the report's six charts, in every language.
    let en = Html::parse_document(&built.text("en/methodology/index.html"));
    assert_eq!(one(&en, "#fig-d .figure-number"), "Figure 11.");
    // Every kind is drawn, wide and narrow, light and contrast: XML, no CSS,
    // its values written as the page writes them.
    for (id, want) in [("g", "70"), ("s", "30"), ("l", "20"), ("p", "60\u{a0}%"), ("d", "40\u{a0}%")] {
        for suffix in ["", "-narrow", "-contrast", "-narrow-contrast"] {
            let svg = built.text(&format!("ru/figures/{id}{suffix}.svg"));
            assert!(!svg.contains("style"), "{id}{suffix}: CSS in the SVG");
            let texts = svg_texts(&svg);
            assert!(texts.iter().any(|t| t == want), "{id}{suffix}: {want:?} in {texts:?}");
        }
    }
}

#[test]
fn pie_is_refused_for_multiple_answer_data() {
    let dir = copy_of_report();
    common::append_to_page(dir.path(), "05-methodology.md", &chart_block("pie-forms", "forms-witnessed", "pie"));
    let (code, stderr) = common::build_failure(dir.path());
    assert_eq!(code, 1);
    assert!(
        stderr.contains("a pie chart cannot show `data/forms-witnessed.yaml`: respondents could give several answers, so the shares do not make a whole"),
        "{stderr}"
    );
    assert!(stderr.contains("hint: use `kind: hbar`"), "{stderr}");
    assert_eq!(stderr.matches("error: content/").count(), 3, "reported once per language: {stderr}");
}

#[test]
fn pie_is_refused_when_shares_do_not_make_a_whole() {
    let dir = copy_of_report();
    common::append_to_page(dir.path(), "05-methodology.md", &chart_block("pie-perception", "perception", "donut"));
    let (_, stderr) = common::build_failure(dir.path());
    assert!(stderr.contains("a donut chart cannot show `data/perception.yaml`: the data file says its shares do not make a whole"), "{stderr}");
}

#[test]
fn the_same_chart_in_two_figures_is_one_drawing_under_two_ids() {
    let dir = copy_of_report();
    common::append_to_page(
        dir.path(),
        "05-methodology.md",
        &(chart_block("again-a", "support-centres", "bar") + &chart_block("again-b", "support-centres", "bar")),
    );
    let built = build(dir.path(), &[]);
    for suffix in ["", "-narrow", "-contrast", "-narrow-contrast"] {
        let a = built.text(&format!("en/figures/again-a{suffix}.svg"));
        let b = built.text(&format!("en/figures/again-b{suffix}.svg"));
        assert!(a.contains("fig-again-a") && !a.contains("fig-again-b") && !a.contains("prefix0token"), "{suffix}: its own ids");
        assert_eq!(a.replace("fig-again-a", "fig-again-b"), b, "{suffix}: the same drawing, renamed");
    }
    assert_eq!(built.files["en/figures/again-a.png"], built.files["en/figures/again-b.png"]);
}
