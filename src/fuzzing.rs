//! Entry points for the fuzz targets in `fuzz/` and for replaying their
//! corpus as ordinary tests (`tests/fuzz_corpus.rs`), so a crash found on
//! nightly stays fixed on stable. Each function panics when an invariant
//! breaks; bad input must only ever produce diagnostics.

use std::sync::OnceLock;

use crate::config::Config;
use crate::error::SourceText;
use crate::model::{Page, Site, Theme};
use crate::yaml::Doc;

fn text(data: &[u8]) -> Option<String> {
    std::str::from_utf8(data).ok().map(str::to_string)
}

/// The front-matter splitter returns ranges inside the text, in order.
pub fn front_matter(data: &[u8]) {
    let Some(text) = text(data) else { return };
    let file = SourceText::shared("content/en/x.md", text);
    if let Ok((fm, body)) = crate::parse::split_front_matter(&file) {
        assert!(fm.start <= fm.end && fm.end <= body && body <= file.text.len());
        let _ = &file.text[fm];
        let _ = &file.text[body..];
    }
}

/// A data file either loads or yields located diagnostics.
pub fn data_file(data: &[u8]) {
    let Some(text) = text(data) else { return };
    let file = SourceText::shared("data/x.yaml", text);
    for d in crate::parse::data_file(&file, &["kk".into(), "ru".into(), "en".into()]).into_sorted() {
        assert!(d.path() == "data/x.yaml");
        let _ = d.to_string();
    }
}

/// A chart block either parses or yields a located diagnostic.
pub fn chart_block(data: &[u8]) {
    let Some(text) = text(data) else { return };
    let file = SourceText::shared("content/en/x.md", text);
    if let Err(d) = Doc::whole(&file).parse::<crate::render::ChartSpec>() {
        let _ = d.to_string();
    }
}

/// A small site with a table, single values and help lines, so chart
/// blocks and key figures get past the "unknown data file" check and into
/// the render stage.
fn site() -> &'static Site {
    static SITE: OnceLock<Site> = OnceLock::new();
    SITE.get_or_init(|| {
        let config = "base_url: https://example.org/\ndefault_language: en\nlanguages:\n  - {code: en, name: English, locale: en, title: T, description: D, publisher: P}\nreport: {year: 2025, published: 2025-01-01, license: L}\n";
        let config = Config::parse(&SourceText::shared("baspa.yaml", config), None).expect("the fuzzing config is valid");
        let data = [
            ("data/cases.yaml", "title: Cases\nsource: S\ncategories:\n  - {id: a, label: A}\n  - {id: b, label: B, partial: true}\n  - {id: c, label: C, approximate: true}\nseries:\n  - {id: x, label: X, values: [1, 2, 3]}\n  - {id: y, label: Y, values: [-1, 0.5, 1000000]}\n"),
            ("data/shares.yaml", "title: Shares\nunit: percent\nsource: S\ncategories:\n  - {id: a, label: A}\n  - {id: b, label: B}\nseries:\n  - {id: s, label: S, values: [40, 60]}\n"),
            ("data/single.yaml", "title: Single\nsource: S\nvalues:\n  one: {value: 1, label: One}\n  big: {value: 64243, label: Families, sign: always}\n"),
            ("data/helplines.yaml", "lines:\n  - {number: \"111\", name: Line}\n"),
        ];
        let files: Vec<_> = data.iter().map(|(path, text)| SourceText::shared(*path, *text)).collect();
        let ((datasets, helplines), errors) = crate::parse::data_parse(&files, &["en".into()]);
        assert!(errors.is_empty(), "the fuzzing data is valid");
        Site {
            config,
            pages: vec![],
            datasets,
            helplines,
            strings: [("en".to_string(), Default::default())].into(),
            theme: Theme { templates: vec![], static_files: vec![] },
            content_files: vec![],
            fingerprint: 0,
            unreadable_data: Default::default(),
        }
    })
}

fn page(body: String) -> Page {
    Page {
        lang: "en".into(),
        key: "x".into(),
        slug: "x".into(),
        title: "X".into(),
        description: String::new(),
        order: 1,
        draft: false,
        updated: None,
        source: SourceText::shared("content/en/x.md", body),
        body_start: 0,
    }
}

/// Render a page body; every problem must print, and point inside the file.
fn render(body: String) -> String {
    let page = page(body);
    let (html, errors) = crate::render::page_html(site(), &page);
    for d in errors {
        let _ = d.to_string();
        if let Some((line, _)) = d.position() {
            assert!(line <= page.source.text.lines().count().max(1), "{} points past the end", d.headline());
        }
    }
    html
}

/// A chart block's YAML as written at the top level, inside a blockquote
/// and inside a list item: whatever it holds, the build reports problems
/// in the file and never panics (a chart in a blockquote once did).
pub fn chart_in_containers(data: &[u8]) {
    let Some(yaml) = text(data) else { return };
    let quoted: String = yaml.lines().map(|l| format!("> {l}\n")).collect();
    let indented: String = yaml.lines().map(|l| format!("   {l}\n")).collect();
    render(format!("```chart\n{yaml}\n```\n\n> ```chart\n{quoted}> ```\n\n1. item\n\n   ```chart\n{indented}   ```\n"));
}

/// A key-figures block with any content.
pub fn key_figures(data: &[u8]) {
    let Some(yaml) = text(data) else { return };
    render(format!("```keyfigures\n{yaml}\n```\n\n- > ```keyfigures\n  > {}\n  > ```\n", yaml.replace('\n', "\n  > ")));
}

/// Markdown never renders to an executable script, an event handler, or a
/// script URL, whatever the input (raw HTML is not trusted by default).
pub fn markdown(data: &[u8]) {
    let Some(text) = text(data) else { return };
    let html = render(text);
    let lower = html.to_ascii_lowercase();
    assert!(!lower.contains("<script"), "a script element in {html:?}");
    for (element, name, value) in attributes(&lower) {
        assert!(!name.starts_with("on"), "an event handler on <{element}> in {html:?}");
        if name == "href" || name == "src" {
            let value: String = value.chars().filter(|c| !c.is_ascii_whitespace() && !c.is_control()).collect();
            for scheme in ["javascript:", "vbscript:", "data:"] {
                assert!(!value.starts_with(scheme), "a {scheme} URL in {html:?}");
            }
        }
    }
    let tag_opened = lower.match_indices('<').any(|(i, _)| {
        let name: String = lower[i + 1..].chars().take_while(|c| c.is_ascii_alphanumeric()).collect();
        matches!(name.as_str(), "iframe" | "object" | "embed" | "style" | "form" | "svg" | "math")
    });
    assert!(!tag_opened, "an unexpected element in {html:?}");
}

/// Every attribute of every start tag as (element, name, value), read the
/// way a browser tokenises them: text between tags and quoted values never
/// count as attributes.
fn attributes(html: &str) -> Vec<(String, String, String)> {
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(open) = rest.find('<') {
        rest = &rest[open + 1..];
        if !rest.starts_with(|c: char| c.is_ascii_alphabetic()) {
            continue;
        }
        let element: String = rest.chars().take_while(|c| c.is_ascii_alphanumeric()).collect();
        rest = &rest[element.len()..];
        loop {
            rest = rest.trim_start_matches(|c: char| c.is_ascii_whitespace() || c == '/');
            if rest.is_empty() || rest.starts_with('>') {
                break;
            }
            let name: String = rest.chars().take_while(|c| !c.is_ascii_whitespace() && !matches!(c, '=' | '>' | '/')).collect();
            rest = rest[name.len()..].trim_start();
            let mut value = String::new();
            if let Some(after) = rest.strip_prefix('=') {
                let after = after.trim_start();
                let (v, len) = match after.chars().next() {
                    Some(q @ ('"' | '\'')) => {
                        let end = after[1..].find(q).map_or(after.len(), |e| e + 1);
                        (after[1..end].to_string(), (end + 1).min(after.len()))
                    }
                    _ => {
                        let end = after.find(|c: char| c.is_ascii_whitespace() || c == '>').unwrap_or(after.len());
                        (after[..end].to_string(), end)
                    }
                };
                value = v;
                rest = &after[len..];
            }
            if name.is_empty() {
                rest = &rest[rest.chars().next().map_or(0, char::len_utf8)..];
                continue;
            }
            out.push((element.clone(), name, value));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn charts_and_key_figures_render_in_every_container() {
        super::chart_in_containers(b"id: c\ndata: cases\nkind: stacked\ncaption: \xd0\x90\xd0\xbb\xd0\xbc\xd0\xb0\xd1\x82\xd1\x8b\nseries: []\n");
        super::chart_in_containers(b"id: p\ndata: shares\nkind: pie\n");
        super::key_figures(b"- value: single.big\n- value: cases. x. a\n- value: nope\n");
        let html = super::render("```chart\nid: c\ndata: cases\nkind: bar\n```\n".into());
        assert!(html.contains("id=\"fig-c\""), "{html}");
    }

    #[test]
    fn hostile_markdown_stays_inert() {
        for input in ["<script>alert(1)</script>", "[x](javascript:alert(1))", "<img src=x onerror=alert(1)>", "![a](data:x)", "<iframe src=x>"] {
            super::markdown(input.as_bytes());
        }
    }

    #[test]
    fn the_checker_reads_attributes_as_a_browser_does() {
        let names = |html: &str| super::attributes(html).into_iter().map(|(_, n, v)| format!("{n}={v}")).collect::<Vec<_>>();
        assert_eq!(names("<img src=x onerror=alert(1)>"), ["src=x", "onerror=alert(1)"]);
        assert!(names("<p>once upon a time, on= src=\"vbscript:x\"</p>").is_empty());
        assert_eq!(names("<img alt=\"x onerror=alert(1)\" src=\"\">"), ["alt=x onerror=alert(1)", "src="]);
        assert_eq!(names("<a href='javascript:x'>"), ["href=javascript:x"]);
    }
}
