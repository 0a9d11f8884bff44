//! Numbers in prose: `{{ dataset.key }}` (or `{{ dataset.series.category }}`)
//! writes a value from a data file, formatted for the page's language, so
//! text and data never disagree; `{{ change(cases.2023, cases.2024) }}` and
//! the other functions of [`expr`] compute from values, checked at build;
//! `{{ fig:id }}` writes a link to a figure with its localized number. An
//! unknown name, a division by zero or values in different units are build
//! errors at the part of the reference that is wrong.
//!
//! The stages: [`split`] finds the references in prose, [`expr`] reads one,
//! [`lookup`] finds a name in the data, [`compute`] evaluates and checks.

mod compute;
mod expr;
mod lookup;
mod split;

pub use compute::{Computed, Locator};
pub use expr::datasets;
pub use lookup::Value;
pub use split::{Segment, split};

use crate::error::{Diagnostic, Span, did_you_mean};
use crate::model::Ui;
use crate::render::env::Env;
use crate::render::html::escape;

/// Read and evaluate a value reference written at `at`; `written_at` is the
/// source offset of its first byte when it is written there as is.
pub fn compute<'d>(env: &Env<'d>, reference: &str, at: Span, written_at: Option<usize>) -> Result<Computed<'d>, Diagnostic> {
    let locator = Locator { whole: at, start: written_at };
    let parsed = expr::parse(reference).map_err(|e| Diagnostic::at(locator.span(e.at), e.message).with_hint_opt(e.hint))?;
    compute::evaluate(env.site, &parsed, &locator)
}

impl Computed<'_> {
    /// The number as the page's language writes it.
    pub fn format(&self, env: &Env) -> String {
        env.lang.locale.number(self.number, &self.style)
    }

    /// The value's label in the plural form its number takes as shown.
    pub fn label(&self, env: &Env) -> Option<String> {
        let label = self.value.as_ref()?.label?;
        Some(label.get(&env.page.lang, env.lang.locale.plural_shown(self.number, &self.style)).to_string())
    }
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
    let (number, label) = shown(env, reference, at)?;
    let mut html = format!("<span class=\"value\">{}</span>", escape(&number));
    if let Some(label) = label {
        html.push(' ');
        html.push_str(&escape(&label));
    }
    Ok(html)
}

/// A value reference (not a figure's) written at `at` as every format
/// shows it: the number in the page's language, and its label when the
/// reference asks for one.
pub fn shown(env: &Env, reference: &str, at: Span) -> Result<(String, Option<String>), Diagnostic> {
    // The expression's own bytes in the source, when `{{ … }}` is written
    // there plainly, so an error can point inside it.
    let written = env.page.source.text.get(at.range.clone()).and_then(|t| t.find(reference)).map(|i| at.range.start + i);
    let value = compute(env, reference, at, written)?;
    let label = if value.with_label { value.label(env) } else { None };
    Ok((value.format(env), label))
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
