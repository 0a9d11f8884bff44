//! The report as a PDF in every language, read back with a PDF library as a
//! reader's tools would read it: one file per language, linked from every
//! page with its size; a title page, the contents with the page numbers the
//! chapters really start on, every page's headings and every figure's
//! caption as text in its language (Kazakh letters included), references to
//! figures with the figure's page, bookmarks, the document's language and
//! title, tags; the same bytes from two builds. Then what editors can do
//! wrong: text Typst would read as code, a character the font lacks, the
//! switch that turns PDFs off.
#![cfg(feature = "pdf")]

mod common;

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::OnceLock;

use common::{Built, REPO, build, copy_of_report};
use lopdf::{Document, Object};
use scraper::{Html, Selector};

const LANGS: [&str; 3] = ["kk", "ru", "en"];
const SLUGS: [&str; 7] = ["", "current-situation/", "latent-forms/", "effectiveness/", "prevention-practices/", "methodology/", "help/"];

fn site() -> &'static Built {
    static SITE: OnceLock<Built> = OnceLock::new();
    SITE.get_or_init(|| build(Path::new(REPO), &[]))
}

fn pdf_path(lang: &str) -> String {
    format!("{lang}/report-2025-{lang}.pdf")
}

/// A language's PDF, parsed, with the text of each page (index 0 is page 1).
struct Pdf {
    doc: Document,
    pages: Vec<String>,
}

impl Pdf {
    fn load(bytes: &[u8]) -> Pdf {
        let doc = Document::load_mem(bytes).expect("a PDF lopdf can read");
        let numbers: Vec<u32> = doc.get_pages().keys().copied().collect();
        let pages = numbers.iter().map(|n| normalize(&doc.extract_text(&[*n]).expect("text extracts"))).collect();
        Pdf { doc, pages }
    }

    fn text(&self) -> String {
        self.pages.join(" ")
    }

    /// The catalog's or the info dictionary's `key`, as text.
    fn string(&self, dict: &lopdf::Dictionary, key: &[u8]) -> Option<String> {
        let object = dict.get(key).ok()?;
        let object = match object {
            Object::Reference(id) => self.doc.get_object(*id).ok()?,
            o => o,
        };
        lopdf::decode_text_string(object).ok()
    }
}

fn pdf(lang: &str) -> &'static Pdf {
    static PDFS: OnceLock<BTreeMap<String, Pdf>> = OnceLock::new();
    let all = PDFS.get_or_init(|| LANGS.iter().map(|l| (l.to_string(), Pdf::load(&site().files[&pdf_path(l)]))).collect());
    &all[lang]
}

/// Whitespace of any kind (line ends, no-break spaces) as one space, so
/// text wrapped over lines compares with the page's text.
fn normalize(text: &str) -> String {
    text.split(|c: char| c.is_whitespace() || c == '\u{a0}' || c == '\u{202f}').filter(|w| !w.is_empty()).collect::<Vec<_>>().join(" ")
}

fn html(path: &str) -> Html {
    Html::parse_document(&site().text(path))
}

fn texts(doc: &Html, css: &str) -> Vec<String> {
    doc.select(&Selector::parse(css).unwrap()).map(|e| normalize(&e.text().collect::<String>())).collect()
}

/// Each page's title and headings in the language, in menu order.
fn chapters(lang: &str) -> Vec<(String, Vec<String>)> {
    SLUGS
        .iter()
        .map(|slug| {
            let doc = html(&format!("{lang}/{slug}index.html"));
            let headings = texts(&doc, ".prose h2, .prose h3").into_iter().map(|h| h.trim_end_matches('#').trim().to_string()).collect();
            (texts(&doc, "article h1")[0].clone(), headings)
        })
        .collect()
}

/// A file's size as the language writes it (decimal units): whole kilobytes,
/// rounded up, below 1 MB (`268 КБ`), else megabytes to one decimal (`2,1 МБ`).
fn size(lang: &str, bytes: usize) -> String {
    let (kb, mb) = if lang == "en" { ("kB", "MB") } else { ("КБ", "МБ") };
    if bytes < 1_000_000 {
        return format!("{}\u{a0}{kb}", bytes.div_ceil(1000).max(1));
    }
    let n = format!("{:.1}", bytes as f64 / 1_000_000.0);
    format!("{}\u{a0}{mb}", if lang == "en" { n } else { n.replace('.', ",") })
}

#[test]
fn every_language_has_its_pdf_linked_from_every_page_with_its_size() {
    for lang in LANGS {
        let bytes = &site().files[&pdf_path(lang)];
        assert!(bytes.starts_with(b"%PDF-"), "{lang}: not a PDF");
        let size = size(lang, bytes.len());
        for slug in SLUGS.iter().chain(&["404.html"]) {
            let path = if slug.ends_with(".html") { format!("{lang}/{slug}") } else { format!("{lang}/{slug}index.html") };
            let doc = html(&path);
            let links: Vec<_> = doc.select(&Selector::parse(".site-footer .pdf-download a").unwrap()).collect();
            assert_eq!(links.len(), 1, "{path}: one PDF link in the footer");
            assert_eq!(links[0].value().attr("href"), Some(format!("/baspa/{}", pdf_path(lang)).as_str()), "{path}");
            let label: String = links[0].text().collect();
            assert!(label.contains("PDF") && label.contains(&size), "{path}: `{label}` should give the size {size}");
        }
        let landing = html(&format!("{lang}/index.html"));
        assert_eq!(texts(&landing, "article .pdf-download a").len(), 1, "{lang}: the landing page links to the PDF");
    }
    let sitemap = site().text("sitemap.xml");
    for lang in LANGS {
        assert!(sitemap.contains(&format!("<loc>https://example.github.io/baspa/{}</loc>", pdf_path(lang))), "sitemap lists the {lang} PDF");
    }
}

#[test]
fn a_title_page_then_contents_with_the_pages_chapters_start_on() {
    for lang in LANGS {
        let pdf = pdf(lang);
        let toc = pdf.doc.get_toc().expect("bookmarks");
        let top: Vec<_> = toc.toc.iter().filter(|t| t.level == 1).collect();
        let chapters = chapters(lang);
        assert_eq!(top.len(), chapters.len(), "{lang}: one top bookmark per page of the site: {top:?}");
        let title_page = &pdf.pages[0];
        assert!(title_page.contains("CC BY 4.0"), "{lang}: licence on the title page: {title_page}");
        assert!(title_page.contains("2025"), "{lang}: date on the title page");
        assert!(title_page.contains("https://example.github.io/"), "{lang}: how to cite, with the address");
        assert!(title_page.contains("111"), "{lang}: help numbers on the title page");
        let contents = &pdf.pages[1];
        for ((title, _), bookmark) in chapters.iter().zip(&top) {
            assert_eq!(normalize(&bookmark.title), *title, "{lang}: bookmarks in menu order");
            let after = contents.split(title.as_str()).nth(1).unwrap_or_else(|| panic!("{lang}: `{title}` not in the contents: {contents}"));
            let number: String = after.trim_start_matches([' ', '.']).chars().take_while(char::is_ascii_digit).collect();
            assert_eq!(number, bookmark.page.to_string(), "{lang}: `{title}` is on page {} but the contents say `{after}`", bookmark.page);
            assert!(
                pdf.pages[bookmark.page - 1].starts_with(title.as_str()) || pdf.pages[bookmark.page - 1].contains(title.as_str()),
                "{lang}: page {} shows `{title}`",
                bookmark.page
            );
        }
        let pages = pdf.pages.len();
        assert!((top.len() + 2..80).contains(&pages), "{lang}: {pages} pages");
        assert!(
            pdf.pages.iter().enumerate().skip(1).all(|(i, text)| text.ends_with(&(i + 1).to_string())),
            "{lang}: page numbers in every footer but the title page's"
        );
    }
}

#[test]
fn every_heading_and_figure_caption_is_text_in_its_language() {
    for lang in LANGS {
        let all = pdf(lang).text();
        for (title, headings) in chapters(lang) {
            for h in std::iter::once(&title).chain(&headings) {
                assert!(all.contains(h.as_str()), "{lang}: heading `{h}` not in the PDF's text");
            }
        }
        for slug in SLUGS {
            let doc = html(&format!("{lang}/{slug}index.html"));
            for caption in texts(&doc, "figure.chart figcaption").into_iter().chain(texts(&doc, ".chart-caption")) {
                assert!(all.contains(&caption), "{lang}: figure caption `{caption}` not in the PDF's text");
            }
        }
    }
    let kk = pdf("kk").text();
    for letter in ['ә', 'ғ', 'қ', 'ң', 'ө', 'ұ', 'ү', 'і', 'Қ'] {
        assert!(kk.contains(letter), "Kazakh `{letter}` extracts from the PDF");
    }
}

#[test]
fn references_to_figures_give_the_figures_page() {
    let patterns = [("kk", "{n}-сурет, ", "-бет"), ("ru", "рис. {n}, с. ", ""), ("en", "Figure {n}, p. ", "")];
    for (lang, before, after) in patterns {
        let pdf = pdf(lang);
        let all = pdf.text();
        let before = before.replace("{n}", "1");
        let at = all.find(&before).unwrap_or_else(|| panic!("{lang}: no reference to figure 1 (`{before}`) in the text"));
        let page: String = all[at + before.len()..].chars().take_while(char::is_ascii_digit).collect();
        assert!(all[at + before.len() + page.len()..].trim_start().starts_with(after), "{lang}: `{before}{page}{after}`");
        let page: usize = page.parse().expect("a page number");
        let label = match lang {
            "kk" => "1-сурет.",
            "ru" => "Рисунок 1.",
            _ => "Figure 1.",
        };
        assert!(pdf.pages[page - 1].contains(label), "{lang}: figure 1 is not on page {page}");
    }
}

#[test]
fn bookmarks_language_title_and_tags_are_set() {
    let config = std::fs::read_to_string(Path::new(REPO).join("baspa.yaml")).unwrap();
    for (lang, tag) in [("kk", "kk"), ("ru", "ru"), ("en", "en-GB")] {
        let pdf = pdf(lang);
        let catalog = pdf.doc.catalog().unwrap();
        assert_eq!(pdf.string(catalog, b"Lang").as_deref(), Some(tag), "{lang}: /Lang");
        assert!(catalog.get(b"Outlines").is_ok(), "{lang}: bookmarks");
        assert!(catalog.get(b"StructTreeRoot").is_ok(), "{lang}: a tagged PDF");
        let info = pdf.doc.trailer.get(b"Info").and_then(Object::as_reference).and_then(|id| pdf.doc.get_dictionary(id)).expect("an info dictionary");
        let title = pdf.string(info, b"Title").expect("/Title");
        assert!(config.contains(&format!("title: {title}\n")), "{lang}: /Title `{title}` is the language's title");
        let toc = pdf.doc.get_toc().unwrap();
        assert!(toc.toc.iter().any(|t| t.level == 2), "{lang}: the pages' headings are bookmarks too");
        for (number, id) in pdf.doc.get_pages() {
            let page = pdf.doc.get_dictionary(id).unwrap();
            let b: Vec<f32> = page.get_deref(b"MediaBox", &pdf.doc).and_then(Object::as_array).unwrap().iter().map(|n| n.as_float().unwrap()).collect();
            assert_eq!(((b[2] - b[0]).round(), (b[3] - b[1]).round()), (595.0, 842.0), "{lang}: page {number} is A4");
        }
    }
}

#[test]
fn two_builds_give_the_same_bytes() {
    let again = build(Path::new(REPO), &[]);
    for lang in LANGS {
        let path = pdf_path(lang);
        assert!(again.files[&path] == site().files[&path], "{path} differs between two builds");
    }
}

/// Hostile text stays text; a character the font lacks is a located
/// warning; the build goes on.
#[test]
fn markup_characters_stay_text_and_missing_glyphs_are_warned_about() {
    let dir = copy_of_report();
    let hostile = r"Hostile: #set page(width: 1cm) $x^2$ *bold?* _under_ @ref <label> \ // comment = heading ] [ ~ -- ... 'q' `code`.";
    common::append_to_page(dir.path(), "05-methodology.md", &format!("\n{hostile}\n\nA sign 国 here.\n"));
    let stderr = stderr_of_build(dir.path());
    for lang in LANGS {
        let path = format!("content/{lang}/05-methodology.md:");
        let warning = stderr.lines().find(|l| l.starts_with(&format!("warning: {path}"))).unwrap_or_else(|| panic!("no warning for {lang}:\n{stderr}"));
        assert!(warning.contains("`国` (U+56FD) has no glyph"), "{warning}");
        let bytes = std::fs::read(dir.path().join("public").join(pdf_path(lang))).unwrap();
        let text = Pdf::load(&bytes).text();
        // As Markdown reads it: emphasis and code spans lose their marks, the rest stays.
        let read = r"Hostile: #set page(width: 1cm) $x^2$ bold? under @ref <label> \ // comment = heading ] [ ~ -- ... 'q' code.";
        // Runs in another font (the code span) may extract with a space between them.
        let squeeze = |t: &str| t.replace(' ', "");
        assert!(
            squeeze(&text).contains(&squeeze(read)),
            "{lang}: the hostile line should read as written: {}",
            text.split("Hostile").nth(1).unwrap_or("").chars().take(120).collect::<String>()
        );
    }
}

/// What the font cannot draw in the title and in a chart's data is
/// printed as `�` with a warning where it is written; a paragraph of
/// thousands of markup characters is typeset as quickly as any text.
#[test]
fn undrawable_titles_and_labels_and_runs_of_markup_characters_still_make_the_pdf() {
    let dir = copy_of_report();
    let edit = |file: &str, from: &str, to: &str| {
        let path = dir.path().join(file);
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.contains(from), "{file}: `{from}`");
        std::fs::write(&path, text.replacen(from, to, 1)).unwrap();
    };
    edit("baspa.yaml", "title: National Report on the", "title: National 🚗 Report on the");
    edit("data/criminal-cases.yaml", "en: 2023, criminal cases", "en: 2023, criminal cases 🚶");
    let brackets = format!("{}\"\\", "[".repeat(20_000));
    common::append_to_page(dir.path(), "05-methodology.md", &format!("\n{brackets}\n"));
    let stderr = stderr_of_build(dir.path());
    let warnings: Vec<&str> = stderr.lines().filter(|l| l.starts_with("warning: ")).collect();
    assert!(warnings.iter().any(|w| w.starts_with("warning: baspa.yaml:24:") && w.contains("`🚗` (U+1F697) has no glyph")), "{stderr}");
    let chart = |w: &&&str| w.starts_with("warning: content/en/01-current-situation.md:") && w.contains("`🚶` (U+1F6B6) has no glyph");
    assert!(warnings.iter().any(|w| chart(&w)), "{stderr}");
    let text = Pdf::load(&std::fs::read(dir.path().join("public").join(pdf_path("en"))).unwrap()).text();
    assert!(text.contains("National \u{fffd} Report on the"), "the title page");
    assert!(text.replace(' ', "").contains(&format!("{}\"\\", "[".repeat(100))), "the brackets are text");
}

/// Builds the site at `root` into `root/public`, which must succeed; what
/// it printed.
fn stderr_of_build(root: &Path) -> String {
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_baspa"))
        .args(["build", "--root"])
        .arg(root)
        .arg("--out")
        .arg(root.join("public"))
        .output()
        .expect("baspa runs");
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    assert!(output.status.success(), "{stderr}");
    stderr
}

#[test]
fn the_switch_turns_pdfs_off() {
    let dir = copy_of_report();
    let config = dir.path().join("baspa.yaml");
    let text = std::fs::read_to_string(&config).unwrap();
    std::fs::write(&config, format!("{text}\npdf:\n  enabled: false\n")).unwrap();
    let built = build(dir.path(), &[]);
    assert!(!built.files.keys().any(|p| p.ends_with(".pdf")), "no PDF when turned off");
    assert!(!built.text("en/index.html").contains("pdf-download"), "no link to a PDF that is not there");
    assert!(!built.text("sitemap.xml").contains(".pdf"));
}
