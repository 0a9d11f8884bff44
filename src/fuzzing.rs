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

fn site() -> &'static Site {
    static SITE: OnceLock<Site> = OnceLock::new();
    SITE.get_or_init(|| {
        let config = "base_url: https://example.org/\ndefault_language: en\nlanguages:\n  - {code: en, name: English, locale: en, title: T, description: D, publisher: P}\nreport: {year: 2025, published: 2025-01-01, license: L}\n";
        let config = Config::parse(&SourceText::shared("baspa.yaml", config), None).expect("the fuzzing config is valid");
        Site {
            config,
            pages: vec![],
            datasets: Default::default(),
            helplines: vec![],
            strings: [("en".to_string(), Default::default())].into(),
            theme: Theme { templates: vec![], static_files: vec![] },
            content_files: vec![],
            fingerprint: 0,
        }
    })
}

/// Markdown never renders to an executable script, an event handler, or a
/// script URL, whatever the input (raw HTML is not trusted by default).
pub fn markdown(data: &[u8]) {
    let Some(text) = text(data) else { return };
    let page = Page {
        lang: "en".into(),
        key: "x".into(),
        slug: "x".into(),
        title: "X".into(),
        description: String::new(),
        order: 1,
        draft: false,
        updated: None,
        source: SourceText::shared("content/en/x.md", text),
        body_start: 0,
    };
    let (html, errors) = crate::render::page_html(site(), &page);
    for d in errors {
        let _ = d.to_string();
    }
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
