//! Fenced blocks with a meaning of their own. They stay valid CommonMark, so
//! a page previews as code on any forge:
//! - ```` ```chart ```` → a numbered figure (see `chart.rs`);
//! - ```` ```keyfigures ```` → key-figure callouts bound to data values;
//! - ```` ```helplines ```` → the full list of help numbers.

use serde::Deserialize;

use super::chart::{self, ChartSpec};
use super::html::escape;
use super::{Env, OutputFile, values};
use crate::error::Diagnostic;
use crate::yaml;

pub const KINDS: [&str; 3] = ["chart", "keyfigures", "helplines"];

pub fn is_block(lang: &str) -> bool {
    KINDS.contains(&lang)
}

pub struct BlockOutput {
    pub html: String,
    pub files: Vec<OutputFile>,
    pub is_chart: bool,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct KeyFigure {
    value: String,
    text: Option<String>,
}

/// `offset` is where the block's content starts in the page body.
pub fn render(env: &Env, kind: &str, content: &str, offset: usize) -> Result<BlockOutput, Vec<Diagnostic>> {
    let page = env.page;
    let range = page.body_start + offset..page.body_start + offset + content.len();
    let html = |html: String| BlockOutput { html, files: vec![], is_chart: false };
    match kind {
        "chart" => {
            let spec: ChartSpec = yaml::parse(&page.source, range.clone()).map_err(|d| vec![d])?;
            let (html, files) = chart::figure(env, &spec).map_err(|e| {
                let (key, d) = *e;
                vec![at(page, range.start + yaml::find_key(content, key, 0), d)]
            })?;
            Ok(BlockOutput { html, files, is_chart: true })
        }
        "keyfigures" => {
            let items: Vec<KeyFigure> = yaml::parse(&page.source, range.clone()).map_err(|d| vec![d])?;
            let mut out = String::from("<ul class=\"key-figures\">");
            let mut errors = Vec::new();
            for (i, item) in items.iter().enumerate() {
                match key_figure(env, item) {
                    Ok(li) => out.push_str(&li),
                    Err(d) => {
                        errors.push(at(page, range.start + yaml::find_key(content, "value", i), d));
                    }
                }
            }
            out.push_str("</ul>");
            if errors.is_empty() { Ok(html(out)) } else { Err(errors) }
        }
        "helplines" => {
            if !content.trim().is_empty() {
                return Err(vec![
                    page.source.error_at(range.start, "a ```helplines block takes no content").with_hint("the numbers come from `data/helplines.yaml`"),
                ]);
            }
            Ok(html(helplines(env, true)))
        }
        _ => unreachable!("is_block() admits only the known kinds"),
    }
}

fn key_figure(env: &Env, item: &KeyFigure) -> Result<String, Diagnostic> {
    let formatted = values::value(env, &item.value)?;
    let lang = &env.page.lang;
    let mut parts = item.value.split('.');
    let ds = &env.site.datasets[parts.next().unwrap_or_default()];
    let key = parts.next().unwrap_or_default();
    let (label, period) = match ds.values.get(key) {
        Some(v) => (v.label.get(lang).to_string(), v.period.as_ref().or(ds.period.as_ref())),
        None => {
            let cat = ds.category_index(key).map(|i| ds.categories[i].label.get(lang).to_string()).unwrap_or_default();
            (format!("{} — {cat}", ds.title.get(lang)), ds.period.as_ref())
        }
    };
    let label = item.text.clone().unwrap_or(label);
    let period = period.map(|p| format!("<span class=\"key-figure-period\">{}</span>", escape(p.get(lang)))).unwrap_or_default();
    Ok(format!(
        "<li class=\"key-figure\"><span class=\"key-figure-value\">{}</span><span class=\"key-figure-label\">{}</span>{period}</li>",
        escape(&formatted),
        escape(&label)
    ))
}

/// The helplines list; `details` adds each line's hours and conditions.
pub fn helplines(env: &Env, details: bool) -> String {
    let lang = &env.page.lang;
    let mut out = String::from("<ul class=\"helplines\">");
    for h in &env.site.helplines {
        let tel: String = h.number.chars().filter(|c| !c.is_whitespace()).collect();
        out.push_str(&format!(
            "<li class=\"helpline\"><a class=\"helpline-number\" href=\"tel:{}\">{}</a> <span class=\"helpline-name\">{}</span>",
            escape(&tel),
            escape(&h.number),
            escape(h.name.get(lang))
        ));
        if let (true, Some(d)) = (details, &h.details) {
            out.push_str(&format!(" <span class=\"helpline-details\">{}</span>", escape(d.get(lang))));
        }
        out.push_str("</li>");
    }
    out.push_str("</ul>");
    out
}

/// Place an error found while rendering a block at `offset` of the page.
fn at(page: &crate::model::Page, offset: usize, d: Diagnostic) -> Diagnostic {
    Diagnostic { hint: d.hint, ..page.source.error_at(offset, d.message) }
}
