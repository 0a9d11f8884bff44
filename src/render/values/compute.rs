//! The number an expression stands for, and how it is shown. A name is
//! looked up in the data; a function computes from its arguments and checks
//! that they can be combined: a ratio of a percentage to a count, or a
//! division by zero, is an error at the argument that makes it wrong.

use std::ops::Range;

use super::expr::{Expr, Filter, Func, Reference};
use super::lookup::{Value, lookup, series};
use crate::error::{Diagnostic, Span};
use crate::locale::NumberStyle;
use crate::model::Site;

/// A computed number with the style it is shown in.
pub struct Computed<'d> {
    pub number: f64,
    pub style: NumberStyle,
    /// The value itself when the expression is one name (its label, period, category).
    pub value: Option<Value<'d>>,
    /// `| label` was asked for.
    pub with_label: bool,
}

/// Maps byte ranges of the written expression to the page's source.
pub struct Locator {
    /// Where the whole reference is written.
    pub whole: Span,
    /// The source offset of the expression's first byte, when the
    /// expression is written there as is (not split by an entity or a line break).
    pub start: Option<usize>,
}

impl Locator {
    pub fn span(&self, at: Range<usize>) -> Span {
        match self.start {
            Some(start) => Span::new(self.whole.source.clone(), start + at.start..start + at.end.max(at.start + 1)),
            None => self.whole.clone(),
        }
    }
}

/// Evaluate a reference: its expression, then its filters.
pub fn evaluate<'d>(site: &'d Site, reference: &Reference, at: &Locator) -> Result<Computed<'d>, Diagnostic> {
    let (number, style, value) = match &reference.expr {
        Expr::Name { name, at: range } => {
            let v = lookup(site, name, at.span(range.clone()))?;
            (v.number, v.style, Some(v))
        }
        call => {
            let (n, s) = number(site, call, at)?;
            (n, s, None)
        }
    };
    let mut out = Computed { number, style, value, with_label: false };
    for (filter, range) in &reference.filters {
        match filter {
            Filter::Decimals(d) => out.style.decimals = *d,
            Filter::Signed => out.style.always_sign = true,
            Filter::Abs => out.number = out.number.abs(),
            Filter::Label => {
                if out.value.as_ref().and_then(|v| v.label).is_none() {
                    let what = if out.value.is_some() { "a table cell has no label of its own" } else { "a computed number has no label" };
                    let hint = "`| label` follows a value of a data file's `values:` that has a `label:`; write the words in the text instead";
                    return Err(Diagnostic::at(at.span(range.clone()), format!("`label` needs a value with a label: {what}")).with_hint(hint));
                }
                out.with_label = true;
            }
        }
    }
    Ok(out)
}

/// The number an expression stands for, and its natural style.
fn number(site: &Site, expr: &Expr, at: &Locator) -> Result<(f64, NumberStyle), Diagnostic> {
    let (func, args, range) = match expr {
        Expr::Name { name, at: range } => {
            let v = lookup(site, name, at.span(range.clone()))?;
            return Ok((v.number, v.style));
        }
        Expr::Call { func, args, at } => (*func, args, at.clone()),
    };
    if func == Func::Sum {
        return sum(site, args, at);
    }
    let [a, b] = args.as_slice() else {
        let message = format!("`{}` takes two values, not {}", func.name(), args.len());
        return Err(Diagnostic::at(at.span(range), message).with_hint(usage(func)));
    };
    let (x, sx) = number(site, a, at)?;
    let (y, sy) = number(site, b, at)?;
    let zero = |arg: &Expr, why: &str| Diagnostic::at(at.span(arg.at()), format!("`{}` divides by this value, which is zero", func.name())).with_hint(why);
    let pct = |decimals| NumberStyle { percent: true, decimals, always_sign: false };
    if func == Func::Share {
        if sx.percent || sy.percent {
            let which = if sx.percent { a } else { b };
            let message = "`share` takes two counts; this value is a percentage";
            return Err(Diagnostic::at(at.span(which.at()), message).with_hint("a difference of two percentages is `diff(…)`, in percentage points"));
        }
        if y == 0.0 {
            return Err(zero(b, "a share of zero is undefined"));
        }
        return Ok((x / y * 100.0, pct(1)));
    }
    if sx.percent != sy.percent {
        let message = format!("`{}` of a percentage and a count: the values must be in the same unit", func.name());
        return Err(Diagnostic::at(at.span(range), message).with_hint("compare a percentage with a percentage, a count with a count"));
    }
    Ok(match func {
        // Two percentages differ by percentage points: a plain number.
        Func::Diff => (x - y, NumberStyle { percent: false, decimals: sx.decimals.max(sy.decimals), always_sign: false }),
        Func::Ratio if y == 0.0 => return Err(zero(b, "a ratio to zero is undefined")),
        Func::Ratio => (x / y, NumberStyle { percent: false, decimals: 1, always_sign: false }),
        Func::Change if x == 0.0 => return Err(zero(a, "a change from zero has no percentage; give the two values instead")),
        Func::Change => ((y - x) / x.abs() * 100.0, pct(1)),
        Func::Sum | Func::Share => unreachable!("handled above"),
    })
}

/// A sum of values, where a name may also stand for a whole series.
fn sum(site: &Site, args: &[Expr], at: &Locator) -> Result<(f64, NumberStyle), Diagnostic> {
    let mut total = 0.0;
    let mut style: Option<NumberStyle> = None;
    for arg in args {
        let (n, s) = match arg {
            Expr::Name { name, .. } => match series(site, name) {
                Some((ds, values)) => (values.iter().sum(), ds.style),
                None => number(site, arg, at)?,
            },
            call => number(site, call, at)?,
        };
        if let Some(first) = style
            && first.percent != s.percent
        {
            let message = "`sum` of a percentage and a count: the values must be in the same unit";
            return Err(Diagnostic::at(at.span(arg.at()), message).with_hint("add percentages to percentages, counts to counts"));
        }
        let decimals = style.map_or(s.decimals, |f| f.decimals.max(s.decimals));
        style = Some(NumberStyle { percent: s.percent, decimals, always_sign: false });
        total += n;
    }
    Ok((total, style.unwrap_or_default()))
}

/// What each function takes, for a hint.
fn usage(func: Func) -> &'static str {
    match func {
        Func::Sum => "`sum(data-file)` adds up a series; `sum(a.x, a.y)` adds values",
        Func::Diff => "`diff(a.x, a.y)` is a.x − a.y",
        Func::Ratio => "`ratio(a.x, a.y)` is a.x ÷ a.y (\"3.7 times\")",
        Func::Change => "`change(a.old, a.new)` is the change from a.old to a.new in percent",
        Func::Share => "`share(a.part, a.whole)` is a.part as a percentage of a.whole",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;
    use crate::error::{Place, SourceText};
    use crate::locale::LocaleFormatter;
    use crate::model::Theme;

    fn site() -> Site {
        let config = "base_url: https://example.org/\ndefault_language: en\nlanguages:\n  - {code: en, name: English, locale: en, title: T, description: D, publisher: P}\nreport: {year: 2025, published: 2025-01-01, license: L}\n";
        let config = Config::parse(&SourceText::shared("baspa.yaml", config), None).unwrap();
        let data = [
            (
                "data/cases.yaml",
                "title: Cases\nsource: S\ncategories:\n  - {id: \"2023\", label: A}\n  - {id: \"2024\", label: B}\n  - {id: \"2025\", label: C}\nseries:\n  - {id: n, label: N, values: [923, 3382, 1630]}\n",
            ),
            (
                "data/shares.yaml",
                "title: Shares\nunit: percent\nsource: S\ndecimals: 1\ncategories:\n  - {id: a, label: A}\n  - {id: b, label: B}\nseries:\n  - {id: s, label: S, values: [40.5, 60]}\n",
            ),
            (
                "data/single.yaml",
                "title: Single\nsource: S\nvalues:\n  zero: {value: 0, label: Nothing}\n  teams: {value: 2324, label: {one: team, other: teams}}\n",
            ),
        ];
        let files: Vec<_> = data.iter().map(|(path, text)| SourceText::shared(*path, *text)).collect();
        let ((datasets, helplines), errors) = crate::parse::data_parse(&files, &["en".into()]);
        assert!(errors.is_empty(), "{errors:?}");
        Site {
            config,
            pages: vec![],
            datasets,
            helplines,
            strings: Default::default(),
            theme: Theme { templates: vec![], static_files: vec![] },
            content_files: vec![],
            fingerprint: 0,
            unreadable_data: Default::default(),
        }
    }

    /// The expression evaluated, or its error's message and the text it points at.
    fn eval(site: &Site, text: &str) -> Result<(f64, NumberStyle), (String, String)> {
        let source = SourceText::shared("content/en/x.md", text);
        let at = Locator { whole: Span::new(source.clone(), 0..text.len()), start: Some(0) };
        let reference = super::super::expr::parse(text).unwrap();
        evaluate(site, &reference, &at).map(|c| (c.number, c.style)).map_err(|d| match d.place {
            Place::Span(s) => (d.message, text[s.range].to_string()),
            _ => (d.message, String::new()),
        })
    }

    fn shown(site: &Site, locale: &str, text: &str) -> String {
        let (n, style) = eval(site, text).unwrap();
        LocaleFormatter::new(locale).unwrap().number(n, &style)
    }

    #[test]
    fn computes_and_formats_per_locale() {
        let s = site();
        let ratio = "ratio(cases.2024, cases.2023)";
        assert_eq!([shown(&s, "en", ratio), shown(&s, "ru", ratio), shown(&s, "kk", ratio)], ["3.7", "3,7", "3,7"]);
        let change = "change(cases.2023, cases.2024) | signed";
        assert_eq!([shown(&s, "en", change), shown(&s, "ru", change), shown(&s, "kk", change)], ["+266.4%", "+266,4\u{a0}%", "+266,4%"]);
        assert_eq!(shown(&s, "ru", "sum(cases)"), "5\u{a0}935");
        assert_eq!(shown(&s, "en", "sum(cases.n, cases.2023)"), "6,858");
        assert_eq!(shown(&s, "en", "share(cases.2023, sum(cases)) | decimals(0)"), "16%");
        // Two percentages differ by percentage points, a plain number.
        assert_eq!(shown(&s, "en", "diff(shares.a, shares.b)"), "-19.5");
        assert_eq!(shown(&s, "ru", "diff(shares.a, shares.b) | abs"), "19,5");
        assert_eq!(shown(&s, "en", "change(cases.2024, cases.2025)"), "-51.8%");
    }

    #[test]
    fn a_wrong_computation_points_at_its_cause() {
        let s = site();
        let err = |t| eval(&s, t).unwrap_err();
        assert_eq!(err("ratio(cases.2023, single.zero)"), ("`ratio` divides by this value, which is zero".into(), "single.zero".into()));
        assert_eq!(err("change(single.zero, cases.2023)").1, "single.zero");
        assert_eq!(err("ratio(shares.a, cases.2023)").0, "`ratio` of a percentage and a count: the values must be in the same unit");
        assert_eq!(err("share(cases.2023, shares.b)"), ("`share` takes two counts; this value is a percentage".into(), "shares.b".into()));
        assert_eq!(err("sum(cases, shares)").1, "shares");
        assert_eq!(err("diff(cases.2023)").0, "`diff` takes two values, not 1");
        assert_eq!(err("ratio(cases.2023, cases.2030)"), ("`cases.2030` names no value or category of `data/cases.yaml`".into(), "cases.2030".into()));
        assert!(err("ratio(cases.2024, cases.2023) | label").0.contains("a computed number has no label"));
        assert!(err("cases.2024 | label").0.contains("a table cell has no label"));
        assert!(eval(&s, "single.teams | label").is_ok());
    }
}
