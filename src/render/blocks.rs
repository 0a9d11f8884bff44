//! The boxes of the fenced blocks other than charts (see `chart/`):
//! ```` ```keyfigures ```` → key-figure callouts bound to data values;
//! ```` ```helplines ```` → the full list of help numbers (also the help box
//! of every page).

use serde::Deserialize;

use crate::error::{Diagnostic, Span};
use crate::render::env::Env;
use crate::render::html::escape;
use crate::render::values;
use crate::yaml::{self, Step};

/// One item of a ```` ```keyfigures ```` block.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KeyFigure {
    /// A value reference or computation, as in prose: `dataset.key`,
    /// `change(dataset.a, dataset.b)`.
    pub value: String,
    /// Replaces the value's label (required for a computed number).
    pub text: Option<String>,
}

/// The key-figure list, or an error for each value that cannot be found.
pub fn key_figures(env: &Env, items: &[KeyFigure], yaml: &yaml::Owned) -> Result<String, Vec<Diagnostic>> {
    let doc = yaml.doc(&env.page.source);
    let mut out = String::from("<ul class=\"key-figures\">");
    let mut errors = Vec::new();
    for (i, item) in items.iter().enumerate() {
        let start = doc.source_offset(doc.locate(&[Step::Index(i), Step::Key("value")]).unwrap_or(0));
        // The whole reference as written, spaces and all, when it is written plainly.
        let written = env.page.source.text.get(start..).is_some_and(|t| t.starts_with(&item.value));
        let span = if written { Span::new(env.page.source.clone(), start..start + item.value.len()) } else { env.page.source.token(start) };
        match key_figure(env, item, span, written.then_some(start)) {
            Ok(li) => out.push_str(&li),
            Err(d) => errors.push(d),
        }
    }
    out.push_str("</ul>");
    if errors.is_empty() { Ok(out) } else { Err(errors) }
}

fn key_figure(env: &Env, item: &KeyFigure, at: Span, written_at: Option<usize>) -> Result<String, Diagnostic> {
    let shown = shown(env, item, at, written_at)?;
    let period = shown.period.map(|p| format!("<span class=\"key-figure-period\">{}</span>", escape(&p))).unwrap_or_default();
    Ok(format!(
        "<li class=\"key-figure\"><span class=\"key-figure-value\">{}</span><span class=\"key-figure-label\">{}</span>{period}</li>",
        escape(&shown.value),
        escape(&shown.label)
    ))
}

/// A key figure as every format shows it, in the page's language.
pub struct Shown {
    pub value: String,
    pub label: String,
    pub period: Option<String>,
}

/// The value, its label (the item's `text`, or the data file's) and its
/// period; `written_at` as for [`values::compute`].
pub fn shown(env: &Env, item: &KeyFigure, at: Span, written_at: Option<usize>) -> Result<Shown, Diagnostic> {
    let value = values::compute(env, &item.value, at.clone(), written_at)?;
    let lang = &env.page.lang;
    let label = match (&item.text, &value.value) {
        (Some(text), _) => text.clone(),
        (None, Some(values::Value { category: Some(category), dataset, .. })) => format!("{} — {}", dataset.title.get(lang), category.get(lang)),
        (None, Some(_)) => value.label(env).unwrap_or_default(),
        (None, None) => {
            let hint = "a computed number has no label: give the words as `text:`";
            return Err(Diagnostic::at(at, "this key figure needs a `text:`").with_hint(hint));
        }
    };
    let period = value.value.as_ref().and_then(|v| v.period).map(|p| p.get(lang).to_string());
    Ok(Shown { value: value.format(env), label, period })
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
