//! Figure numbers, counted across the whole report in reading order (the
//! default language's menu order, then order within a page) and the same in
//! every language: a translation must place the same charts in the same order.

use std::collections::BTreeMap;

use pulldown_cmark::{CodeBlockKind, Event, Parser, Tag, TagEnd};
use serde::Deserialize;

use crate::error::{Diagnostic, Diagnostics};
use crate::model::{Page, Site};

pub struct Figure {
    pub number: usize,
    /// The page the figure is on.
    pub page_key: String,
}

/// Figures by id. `complete` is false when a chart block could not be read:
/// its own YAML error is reported, and errors that follow only from the
/// missing figure (unknown references, differing translations) are not.
#[derive(Default)]
pub struct Figures {
    pub by_id: BTreeMap<String, Figure>,
    pub complete: bool,
}

impl Figures {
    pub fn get(&self, id: &str) -> Option<&Figure> {
        self.by_id.get(id)
    }

    pub fn count(&self) -> usize {
        self.by_id.len()
    }
}

#[derive(Deserialize)]
struct IdOnly {
    id: String,
}

/// Chart ids of a page, in order, with their byte offsets in the body, and
/// whether every block could be read. Blocks whose YAML does not parse are
/// skipped here and reported when rendered.
fn chart_ids(page: &Page) -> (Vec<(String, usize)>, bool) {
    let mut ids = Vec::new();
    let mut readable = true;
    let mut inside: Option<(String, usize)> = None;
    for (event, range) in Parser::new_ext(page.body(), super::markdown::options()).into_offset_iter() {
        match event {
            Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(lang))) if &*lang == "chart" => inside = Some((String::new(), range.start)),
            Event::Text(t) => {
                if let Some((text, _)) = inside.as_mut() {
                    text.push_str(&t);
                }
            }
            Event::End(TagEnd::CodeBlock) => {
                if let Some((text, at)) = inside.take() {
                    match crate::yaml::lenient::<IdOnly>(&text) {
                        Some(IdOnly { id }) => ids.push((id, at)),
                        None => readable = false,
                    }
                }
            }
            _ => {}
        }
    }
    (ids, readable)
}

pub fn number(site: &Site) -> (Figures, Diagnostics) {
    let mut errors = Diagnostics::new();
    let mut figures = Figures { by_id: BTreeMap::new(), complete: true };
    let default = &site.config.default_language().code;
    let mut reference: BTreeMap<&str, Vec<String>> = BTreeMap::new();
    let mut unreadable = std::collections::BTreeSet::new();
    for page in site.pages.iter().filter(|p| &p.lang == default) {
        let (ids, readable) = chart_ids(page);
        if !readable {
            unreadable.insert(page.key.as_str());
        }
        for (id, at) in &ids {
            if figures.by_id.contains_key(id) {
                errors.push(page.source.error_at(page.body_start + at, format!("figure id `{id}` is used twice")));
                continue;
            }
            figures.by_id.insert(id.clone(), Figure { number: figures.by_id.len() + 1, page_key: page.key.clone() });
        }
        reference.insert(&page.key, ids.into_iter().map(|(id, _)| id).collect());
    }
    for page in site.pages.iter().filter(|p| &p.lang != default) {
        let (ids, readable) = chart_ids(page);
        let ids: Vec<String> = ids.into_iter().map(|(id, _)| id).collect();
        if !readable {
            unreadable.insert(page.key.as_str());
        }
        let expected = reference.get(page.key.as_str()).cloned().unwrap_or_default();
        if ids != expected && !unreadable.contains(page.key.as_str()) {
            let d = Diagnostic::file(
                &page.source.path,
                format!("charts differ from the `{default}` page: [{}] here, [{}] there", ids.join(", "), expected.join(", ")),
            );
            errors.push(d.with_hint("every translation shows the same figures in the same order, so figure numbers agree"));
        }
    }
    figures.complete = unreadable.is_empty();
    (figures, errors)
}
