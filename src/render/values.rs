//! Numbers in prose: `{{ dataset.key }}` (or `{{ dataset.series.category }}`)
//! writes a value from a data file, formatted for the page's language, so
//! text and data never disagree; `{{ fig:id }}` writes a link to a figure with
//! its localized number. An unknown reference is a build error at the
//! reference itself. [`split`] is the one scanner of `{{ … }}`.

use std::ops::Range;

use crate::error::{Diagnostic, Span, did_you_mean};
use crate::locale::NumberStyle;
use crate::model::{Dataset, Site, Ui};
use crate::render::env::Env;
use crate::render::html::escape;
use crate::text::Localized;

/// A run of text split at its references.
#[derive(Debug, PartialEq, Eq)]
pub enum Segment {
    Plain(String),
    /// `{{ inner }}`, trimmed; `span` is its byte range in the page's source.
    Reference {
        inner: String,
        span: Range<usize>,
    },
    /// A `{{` that is not closed before the next `{{` or the end of the text.
    Unclosed {
        at: usize,
    },
}

impl Segment {
    /// The data file a value reference names (not a figure reference).
    pub fn dataset(&self) -> Option<&str> {
        match self {
            Segment::Reference { inner, .. } if !inner.starts_with("fig:") => Some(dataset_of(inner)),
            _ => None,
        }
    }
}

/// `cases.2024` → `cases`.
pub fn dataset_of(reference: &str) -> &str {
    reference.split('.').next().unwrap_or_default().trim()
}

/// Split text made of pieces — each as parsed, as written in the source,
/// and the source offset where it is written — into plain text and
/// references. The pieces' texts are joined first, so a reference may span
/// a line break; positions are mapped back to the source piece by piece
/// (inside a piece whose text differs from the source, by counting `{{`).
pub fn split<'t>(pieces: impl Iterator<Item = (&'t str, &'t str, usize)>) -> Vec<Segment> {
    let mut text = String::new();
    let mut map: Vec<(usize, &str, &str, usize)> = Vec::new();
    for (parsed, raw, at) in pieces {
        map.push((text.len(), parsed, raw, at));
        text.push_str(parsed);
    }
    // The source offset of the `mark` (`{{` or `}}`) at `offset` of the text.
    let source_of = |offset: usize, mark: &str| -> usize {
        let i = map.partition_point(|p| p.0 <= offset).saturating_sub(1);
        let Some(&(start, parsed, raw, at)) = map.get(i) else { return 0 };
        let delta = offset - start;
        if parsed == raw {
            return at + delta;
        }
        let nth = parsed.get(..delta).map_or(0, |before| before.matches(mark).count());
        at + raw.match_indices(mark).nth(nth).map_or(0, |(j, _)| j)
    };
    let mut segments = Vec::new();
    let mut rest = 0;
    // The next `}}` at or after a position, remembered: searching afresh
    // from every `{{` of a text with none would take quadratic time.
    let mut next_close: Option<(usize, Option<usize>)> = None;
    while let Some(open) = text[rest..].find("{{").map(|i| rest + i) {
        let close = match next_close {
            Some((from, found)) if from <= open + 2 && found.is_none_or(|c| c >= open + 2) => found,
            _ => {
                let found = text[open + 2..].find("}}").map(|i| open + 2 + i);
                next_close = Some((open + 2, found));
                found
            }
        };
        let reopened = text[open + 2..].find("{{").map(|i| open + 2 + i);
        if open > rest {
            segments.push(Segment::Plain(text[rest..open].to_string()));
        }
        match close {
            Some(close) if reopened.is_none_or(|r| r > close) => {
                let start = source_of(open, "{{");
                let end = source_of(close, "}}") + 2;
                segments.push(Segment::Reference { inner: text[open + 2..close].trim().to_string(), span: start..end.max(start + 2) });
                rest = close + 2;
            }
            _ => {
                segments.push(Segment::Unclosed { at: source_of(open, "{{") });
                let to = reopened.unwrap_or(text.len());
                segments.push(Segment::Plain(text[open..to].to_string()));
                rest = to;
            }
        }
    }
    if rest < text.len() || segments.is_empty() {
        segments.push(Segment::Plain(text[rest..].to_string()));
    }
    segments
}

/// HTML for a run of segments, and the problems with its references.
pub fn expand(env: &Env, segments: &[Segment]) -> (String, Vec<Diagnostic>) {
    let mut html = String::new();
    let mut errors = Vec::new();
    let source = &env.page.source;
    for segment in segments {
        match segment {
            Segment::Plain(text) => html.push_str(&escape(text)),
            Segment::Unclosed { at } => {
                let hint = "write a value as `{{ data-file.key }}`, a figure as `{{ fig:id }}`";
                errors.push(source.error_in(*at..*at + 2, "`{{` is not closed").with_hint(hint));
            }
            Segment::Reference { inner, span } => match resolve(env, inner, Span::new(source.clone(), span.clone())) {
                Ok(h) => html.push_str(&h),
                Err(d) => errors.push(d),
            },
        }
    }
    (html, errors)
}

fn resolve(env: &Env, reference: &str, at: Span) -> Result<String, Diagnostic> {
    if let Some(id) = reference.strip_prefix("fig:") {
        return figure_ref(env, id.trim(), at);
    }
    let value = lookup(env.site, reference, at)?;
    Ok(format!("<span class=\"value\">{}</span>", escape(&value.format(env))))
}

fn figure_ref(env: &Env, id: &str, at: Span) -> Result<String, Diagnostic> {
    let Some(fig) = env.figures.get(id) else {
        if !env.figures.complete {
            // A chart block failed to parse and says so; this reference may be to it.
            return Ok(String::new());
        }
        let hint = did_you_mean(id, env.figures.ids()).unwrap_or_else(|| "figures are named by the `id:` of a ```chart block".into());
        return Err(Diagnostic::at(at, format!("unknown figure `{id}`")).with_hint(hint));
    };
    let url = if fig.page_key == env.page.key { "" } else { env.urls.page(&env.page.lang, &fig.page_key).unwrap_or_default() };
    let label = env.t(Ui::FigureRef).replace("{n}", &fig.number.to_string());
    Ok(format!("<a class=\"figure-ref\" href=\"{}#fig-{}\">{}</a>", escape(url), escape(id), escape(&label)))
}

/// What a value reference names.
pub struct Value<'d> {
    pub dataset: &'d Dataset,
    pub number: f64,
    pub style: NumberStyle,
    /// A single value's label, or the category's for a table cell.
    pub label: &'d Localized,
    pub period: Option<&'d Localized>,
    /// The category, for a table cell.
    pub category: Option<&'d Localized>,
}

impl Value<'_> {
    pub fn format(&self, env: &Env) -> String {
        env.lang.locale.number(self.number, &self.style)
    }
}

/// Find the value `reference` names (`dataset.key` or
/// `dataset.series.category`); errors point at `at`.
pub fn lookup<'d>(site: &'d Site, reference: &str, at: Span) -> Result<Value<'d>, Diagnostic> {
    let parts: Vec<&str> = reference.split('.').map(str::trim).collect();
    let name = parts.first().copied().unwrap_or_default();
    let Some(ds) = site.datasets.get(name) else {
        if site.unreadable_data.contains(name) {
            return Err(Diagnostic::reported());
        }
        let hint = did_you_mean(name, site.datasets.keys().map(|k| k.as_str())).unwrap_or_else(|| "values are written as `{{ data-file.key }}`".into());
        return Err(Diagnostic::at(at, format!("unknown data file `{name}` in `{{{{ {reference} }}}}`")).with_hint(hint));
    };
    let unknown = |what: &str, known: Vec<&str>| {
        let hint = did_you_mean(parts.last().copied().unwrap_or(""), known.iter().copied()).unwrap_or_else(|| format!("known: {}", known.join(", ")));
        Diagnostic::at(at.clone(), format!("`{reference}` names no {what} of `data/{}.yaml`", ds.id)).with_hint(hint)
    };
    let cell = |series: usize, row: usize| -> Option<Value<'d>> {
        let category = ds.categories.get(row)?;
        Some(Value {
            dataset: ds,
            number: *ds.series.get(series)?.values.get(row)?,
            style: ds.style,
            label: &category.label,
            period: ds.period.as_ref(),
            category: Some(&category.label),
        })
    };
    match parts.as_slice() {
        [_, key] if ds.values.contains_key(*key) => {
            let v = &ds.values[*key];
            Ok(Value { dataset: ds, number: v.value, style: v.style, label: &v.label, period: v.period.as_ref().or(ds.period.as_ref()), category: None })
        }
        [_, cat] if ds.series.len() == 1 => match ds.category_index(cat).and_then(|row| cell(0, row)) {
            Some(v) => Ok(v),
            None => {
                let mut known: Vec<&str> = ds.categories.iter().map(|c| c.id.as_str()).collect();
                known.extend(ds.values.keys().map(|k| k.as_str()));
                Err(unknown("value or category", known))
            }
        },
        [_, series, cat] => {
            let Some(col) = ds.series.iter().position(|s| s.id == *series) else {
                return Err(unknown("series", ds.series.iter().map(|s| s.id.as_str()).collect()));
            };
            match ds.category_index(cat).and_then(|row| cell(col, row)) {
                Some(v) => Ok(v),
                None => Err(unknown("category", ds.categories.iter().map(|c| c.id.as_str()).collect())),
            }
        }
        _ => {
            let hint =
                if ds.series.len() > 1 { "this data file has several series: write `{{ data.series.category }}`" } else { "write `{{ data-file.key }}`" };
            Err(Diagnostic::at(at, format!("cannot read `{{{{ {reference} }}}}`")).with_hint(hint))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn refs(pieces: &[(&str, &str, usize)]) -> Vec<Segment> {
        split(pieces.iter().copied())
    }

    #[test]
    fn splits_references_across_pieces_with_source_spans() {
        let got = refs(&[("Cases rose to {{", "Cases rose to {{", 10), ("\n", "\n", 26), ("cases.2024 }}.", "cases.2024 }}.", 27)]);
        assert_eq!(got, [Segment::Plain("Cases rose to ".into()), Segment::Reference { inner: "cases.2024".into(), span: 24..40 }, Segment::Plain(".".into())]);
    }

    #[test]
    fn maps_positions_through_entities() {
        // `&amp;` is one character once parsed: the `{{` is found by counting.
        let got = refs(&[("a & {{ x.y }}", "a &amp; {{ x.y }}", 100)]);
        assert_eq!(got[1], Segment::Reference { inner: "x.y".into(), span: 108..117 });
    }

    #[test]
    fn unclosed_braces_are_reported_and_kept_as_text() {
        let got = refs(&[("a {{ b {{ c.d }}", "a {{ b {{ c.d }}", 0)]);
        assert_eq!(got[1], Segment::Unclosed { at: 2 });
        assert!(matches!(&got[3], Segment::Reference { inner, .. } if inner == "c.d"));
        assert_eq!(got[0].dataset(), None);
        assert_eq!(got[3].dataset(), Some("c"));
    }
}
