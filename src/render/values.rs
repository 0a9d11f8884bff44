//! Numbers in prose: `{{ dataset.key }}` (or `{{ dataset.series.category }}`)
//! writes a value from a data file, formatted for the page's language, so
//! text and data never disagree; `{{ fig:id }}` writes a link to a figure with
//! its localized number. An unknown reference is a build error.

use super::Env;
use super::html::escape;
use crate::error::{Diagnostic, did_you_mean};

/// HTML for `text` with every `{{ … }}` expanded, and the errors with their
/// byte offsets in `text`.
pub fn expand(env: &Env, text: &str) -> (String, Vec<(usize, Diagnostic)>) {
    let mut html = String::with_capacity(text.len() + 32);
    let mut errors = Vec::new();
    let mut rest = text;
    let mut consumed = 0;
    while let Some(open) = rest.find("{{") {
        let close = rest[open..].find("}}");
        let reopened = rest[open + 2..].find("{{").map(|i| i + 2);
        if close.is_none_or(|c| reopened.is_some_and(|r| r < c)) {
            let d = Diagnostic::file("", "`{{` is not closed").with_hint("write a value as `{{ data-file.key }}`, a figure as `{{ fig:id }}`");
            errors.push((consumed + open, d));
            let advance = reopened.unwrap_or(rest.len() - open) + open;
            html.push_str(&escape(&rest[..advance]));
            consumed += advance;
            rest = &rest[advance..];
            continue;
        }
        let close = close.unwrap_or_default();
        html.push_str(&escape(&rest[..open]));
        let inner = rest[open + 2..open + close].trim();
        match resolve(env, inner) {
            Ok(h) => html.push_str(&h),
            Err(d) => errors.push((consumed + open, d)),
        }
        let advance = open + close + 2;
        consumed += advance;
        rest = &rest[advance..];
    }
    html.push_str(&escape(rest));
    (html, errors)
}

fn resolve(env: &Env, reference: &str) -> Result<String, Diagnostic> {
    if let Some(id) = reference.strip_prefix("fig:") {
        return figure_ref(env, id.trim());
    }
    let text = value(env, reference)?;
    Ok(format!("<span class=\"value\">{}</span>", escape(&text)))
}

fn figure_ref(env: &Env, id: &str) -> Result<String, Diagnostic> {
    let Some(fig) = env.figures.get(id) else {
        if !env.figures.complete {
            // A chart block failed to parse and says so; this reference may be to it.
            return Ok(String::new());
        }
        let d = Diagnostic::file("", format!("unknown figure `{id}`"));
        let hint =
            did_you_mean(id, env.figures.by_id.keys().map(String::as_str)).unwrap_or_else(|| "figures are named by the `id:` of a ```chart block".into());
        return Err(d.with_hint(hint));
    };
    let url = if fig.page_key == env.page.key { String::new() } else { env.urls.page(&env.page.lang, &fig.page_key).unwrap_or_default().to_string() };
    let label = env.t("figure_ref").replace("{n}", &fig.number.to_string());
    Ok(format!("<a class=\"figure-ref\" href=\"{}#fig-{}\">{}</a>", escape(&url), escape(id), escape(&label)))
}

/// The formatted value a reference names, in the page's language.
pub fn value(env: &Env, reference: &str) -> Result<String, Diagnostic> {
    let parts: Vec<&str> = reference.split('.').map(str::trim).collect();
    let datasets = &env.site.datasets;
    let Some(ds) = datasets.get(parts[0]) else {
        let d = Diagnostic::file("", format!("unknown data file `{}` in `{{{{ {reference} }}}}`", parts[0]));
        let hint = did_you_mean(parts[0], datasets.keys().map(String::as_str)).unwrap_or_else(|| "values are written as `{{ data-file.key }}`".into());
        return Err(d.with_hint(hint));
    };
    let fmt = &env.lang.locale;
    let unknown = |what: &str, known: Vec<&str>| {
        let d = Diagnostic::file("", format!("`{reference}` names no {what} of `data/{}.yaml`", ds.id));
        let hint = did_you_mean(parts.last().copied().unwrap_or(""), known.iter().copied()).unwrap_or_else(|| format!("known: {}", known.join(", ")));
        d.with_hint(hint)
    };
    match parts.as_slice() {
        [_, key] if ds.values.contains_key(*key) => {
            let v = &ds.values[*key];
            Ok(fmt.number(v.value, &v.style))
        }
        [_, cat] if ds.series.len() == 1 => match ds.category_index(cat) {
            Some(i) => Ok(fmt.number(ds.series[0].values[i], &ds.style)),
            None => {
                let mut known: Vec<&str> = ds.categories.iter().map(|c| c.id.as_str()).collect();
                known.extend(ds.values.keys().map(String::as_str));
                Err(unknown("value or category", known))
            }
        },
        [_, series, cat] => {
            let Some(s) = ds.series.iter().find(|s| s.id == *series) else {
                return Err(unknown("series", ds.series.iter().map(|s| s.id.as_str()).collect()));
            };
            match ds.category_index(cat) {
                Some(i) => Ok(fmt.number(s.values[i], &ds.style)),
                None => Err(unknown("category", ds.categories.iter().map(|c| c.id.as_str()).collect())),
            }
        }
        _ => {
            let d = Diagnostic::file("", format!("cannot read `{{{{ {reference} }}}}`"));
            let hint =
                if ds.series.len() > 1 { "this data file has several series: write `{{ data.series.category }}`" } else { "write `{{ data-file.key }}`" };
            Err(d.with_hint(hint))
        }
    }
}
