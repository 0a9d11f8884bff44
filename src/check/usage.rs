//! Data files that no page uses. A build accepts them (a table may be
//! prepared before its chart), but in a finished report an unused file is
//! usually a chart that was deleted or a reference that was misspelt, so
//! `check` reports it. A file counts as used when a page — any page, drafts
//! included — names it in a ```` ```chart ```` block (`data:`), a
//! ```` ```keyfigures ```` block (`value:`) or a `{{ file.key }}` in its
//! text. `data/helplines.yaml` feeds every page and always counts as used.
//!
//! This reads the pages as they were loaded, not the parsed site, so it
//! works even when the report has other errors.

use std::collections::BTreeSet;

use pulldown_cmark::{CodeBlockKind, Event, Parser, Tag, TagEnd};
use serde::Deserialize;

use crate::error::{Diagnostic, SourceText};
use crate::load::Sources;

const ALWAYS_USED: &str = "helplines";

#[derive(Deserialize)]
struct ChartData {
    data: String,
}

#[derive(Deserialize)]
struct KeyFigure {
    value: String,
}

/// One error per data file that no page uses.
pub fn unused(sources: &Sources) -> Vec<Diagnostic> {
    let used: BTreeSet<String> = sources.pages.iter().flat_map(used_by).collect();
    sources
        .data
        .iter()
        .filter(|file| {
            let id = data_id(&file.path);
            id != ALWAYS_USED && !used.contains(id)
        })
        .map(|file| {
            let id = data_id(&file.path);
            Diagnostic::file(&file.path, "data file is never used")
                .with_hint(format!("show it in a chart (`data: {id}`) or write a value in the text (`{{{{ {id}.key }}}}`); otherwise delete it"))
        })
        .collect()
}

/// `data/criminal-cases.yaml` → `criminal-cases`, as the build names datasets.
fn data_id(path: &str) -> &str {
    let name = path.strip_prefix("data/").unwrap_or(path);
    name.strip_suffix(".yaml").or_else(|| name.strip_suffix(".yml")).unwrap_or(name)
}

/// Data files one page names. Text runs are joined first, as the renderer
/// does, since pulldown-cmark splits text at `_` and other delimiters.
fn used_by(page: &SourceText) -> Vec<String> {
    let body = match crate::parse::split_front_matter(page) {
        Ok((_, start)) => &page.text[start..],
        Err(_) => &page.text[..],
    };
    let mut used = Vec::new();
    let mut text = String::new();
    let mut block: Option<(String, String)> = None;
    for event in Parser::new_ext(body, crate::render::markdown_options()) {
        if let Event::Text(t) = &event {
            match block.as_mut() {
                Some((_, content)) => content.push_str(t),
                None => text.push_str(t),
            }
            continue;
        }
        used.extend(references(&std::mem::take(&mut text)));
        match event {
            Event::Start(Tag::CodeBlock(kind)) => {
                let lang = if let CodeBlockKind::Fenced(lang) = kind { lang.to_string() } else { String::new() };
                block = Some((lang, String::new()));
            }
            Event::End(TagEnd::CodeBlock) => {
                if let Some((lang, content)) = block.take() {
                    used.extend(block_references(&lang, &content));
                }
            }
            _ => {}
        }
    }
    used.extend(references(&text));
    used
}

fn block_references(lang: &str, content: &str) -> Vec<String> {
    match lang {
        "chart" => crate::yaml::lenient::<ChartData>(content).map(|c| c.data).into_iter().collect(),
        "keyfigures" => crate::yaml::lenient::<Vec<KeyFigure>>(content).unwrap_or_default().into_iter().map(|k| first_segment(&k.value)).collect(),
        _ => Vec::new(),
    }
}

/// The data files of every `{{ file.key }}` in `text` (`{{ fig:id }}` names a figure).
fn references(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(open) = rest.find("{{") {
        let Some(close) = rest[open..].find("}}") else { break };
        let inner = rest[open + 2..open + close].trim();
        if !inner.starts_with("fig:") {
            out.push(first_segment(inner));
        }
        rest = &rest[open + close + 2..];
    }
    out
}

fn first_segment(reference: &str) -> String {
    reference.split('.').next().unwrap_or_default().trim().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(body: &str) -> SourceText {
        SourceText::new("content/en/x.md", format!("---\ntitle: X\n---\n{body}"))
    }

    #[test]
    fn finds_charts_key_figures_and_values_in_text() {
        let body = "A {{ cases.2023 }} and {{ fig:cases }}.\n\n```chart\nid: c\ndata: survey_2024\nkind: bar\n```\n\n```keyfigures\n- value: prevention.teams\n```\n\n## {{ heads.x }}\n";
        let mut used = used_by(&page(body));
        used.sort();
        assert_eq!(used, ["cases", "heads", "prevention", "survey_2024"]);
    }

    #[test]
    fn ignores_references_in_code() {
        let body = "Write `{{ cases.2023 }}` like this:\n\n```\n{{ survey.x }}\n```\n\n    {{ indented.x }}\n";
        assert!(used_by(&page(body)).is_empty());
    }

    #[test]
    fn joins_text_split_at_underscores() {
        assert_eq!(used_by(&page("See {{ my_data.total }} here.")), ["my_data"]);
    }

    #[test]
    fn reports_unused_files_but_never_helplines() {
        let sources = Sources {
            config: SourceText::new("baspa.yaml", ""),
            pages: vec![page("{{ used.x }}")],
            content_files: vec![],
            data: ["data/used.yaml", "data/spare.yaml", "data/helplines.yaml"].iter().map(|p| SourceText::new(*p, "")).collect(),
            templates: vec![],
            static_files: vec![],
            strings: vec![],
        };
        let found: Vec<String> = unused(&sources).iter().map(|d| d.headline()).collect();
        assert_eq!(found, ["data/spare.yaml: data file is never used"]);
    }
}
