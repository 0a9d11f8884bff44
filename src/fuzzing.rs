//! Entry points for the fuzz targets in `fuzz/` and for replaying their
//! corpus as ordinary tests (`tests/fuzz_corpus.rs`), so a crash found on
//! nightly stays fixed on stable. Each function panics when an invariant
//! breaks; bad input must only ever produce diagnostics.

use std::sync::OnceLock;

use crate::config::Config;
use crate::error::SourceText;
use crate::model::{Page, Site, Theme};

fn text(data: &[u8]) -> Option<String> {
    std::str::from_utf8(data).ok().map(str::to_string)
}

/// The front-matter splitter returns ranges inside the text, in order.
pub fn front_matter(data: &[u8]) {
    let Some(text) = text(data) else { return };
    let file = SourceText::new("content/en/x.md", text);
    if let Ok((fm, body)) = crate::parse::split_front_matter(&file) {
        assert!(fm.start <= fm.end && fm.end <= body && body <= file.text.len());
        let _ = &file.text[fm];
        let _ = &file.text[body..];
    }
}

/// A data file either loads or yields located diagnostics.
pub fn data_file(data: &[u8]) {
    let Some(text) = text(data) else { return };
    let file = SourceText::new("data/x.yaml", text);
    for d in crate::parse::data_file(&file, &["kk".into(), "ru".into(), "en".into()]).into_sorted() {
        assert!(d.path == "data/x.yaml");
        let _ = d.to_string();
    }
}

/// A chart block either parses or yields a located diagnostic.
pub fn chart_block(data: &[u8]) {
    let Some(text) = text(data) else { return };
    let file = SourceText::new("content/en/x.md", text);
    if let Err(d) = crate::render::chart_block(&file) {
        let _ = d.to_string();
    }
}

fn site() -> &'static Site {
    static SITE: OnceLock<Site> = OnceLock::new();
    SITE.get_or_init(|| {
        let config = "base_url: https://example.org/\ndefault_language: en\nlanguages:\n  - {code: en, name: English, locale: en, title: T, description: D, publisher: P}\nreport: {year: 2025, published: 2025-01-01, license: L}\n";
        let config = Config::parse(&SourceText::new("baspa.yaml", config), None).expect("the fuzzing config is valid");
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
        source: SourceText::new("content/en/x.md", text),
        body_start: 0,
    };
    let (html, _) = crate::render::page_html(site(), &page);
    let lower = html.to_ascii_lowercase();
    assert!(!lower.contains("<script"), "a script element in {html:?}");
    for attr in ["href=\"", "src=\""] {
        for (i, _) in lower.match_indices(attr) {
            let value: String = lower[i + attr.len()..].chars().take_while(|c| *c != '"').filter(|c| !c.is_ascii_whitespace() && !c.is_control()).collect();
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
    assert!(!lower.contains(" on") || !has_event_handler(&lower), "an event handler in {html:?}");
}

fn has_event_handler(html: &str) -> bool {
    // Inside a tag and outside a quoted value, an attribute name starting with `on`.
    let mut in_tag = false;
    let mut quote: Option<u8> = None;
    let bytes = html.as_bytes();
    for i in 0..bytes.len() {
        match bytes[i] {
            q @ (b'"' | b'\'') if in_tag => match quote {
                Some(open) if open == q => quote = None,
                None => quote = Some(q),
                _ => {}
            },
            _ if quote.is_some() => {}
            b'<' => in_tag = bytes.get(i + 1).is_some_and(u8::is_ascii_alphabetic),
            b'>' => in_tag = false,
            b' ' if in_tag && html[i + 1..].starts_with("on") => {
                let name: String = html[i + 1..].chars().take_while(|c| c.is_ascii_alphabetic()).collect();
                if html[i + 1 + name.len()..].starts_with('=') {
                    return true;
                }
            }
            _ => {}
        }
    }
    false
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
    fn the_checker_would_catch_an_event_handler() {
        assert!(super::has_event_handler("<img src=x onerror=alert(1)>"));
        assert!(!super::has_event_handler("<p>once upon a time, on=</p>"));
        assert!(!super::has_event_handler("<img alt=\"x onerror=alert(1)\" src=\"\">"));
        assert!(super::has_event_handler("<img alt=\"x\" onerror=alert(1)>"));
    }
}
