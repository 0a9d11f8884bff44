//! The value a name such as `cases.2024` or `cases.recorded.2024` stands
//! for in a data file, or the series a name such as `cases.recorded` stands
//! for (what `sum` adds up).

use crate::error::{Diagnostic, Span, did_you_mean};
use crate::locale::NumberStyle;
use crate::model::{Dataset, Site};
use crate::text::{Label, Localized};

/// What a value reference names.
pub struct Value<'d> {
    pub dataset: &'d Dataset,
    pub number: f64,
    pub style: NumberStyle,
    /// A single value's label (a table cell has its category instead).
    pub label: Option<&'d Label>,
    pub period: Option<&'d Localized>,
    /// The category, for a table cell.
    pub category: Option<&'d Localized>,
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
        return Err(Diagnostic::at(at, format!("unknown data file `{name}` in `{reference}`")).with_hint(hint));
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
            label: None,
            period: ds.period.as_ref(),
            category: Some(&category.label),
        })
    };
    match parts.as_slice() {
        [_, key] if ds.values.contains_key(*key) => {
            let v = &ds.values[*key];
            Ok(Value { dataset: ds, number: v.value, style: v.style, label: Some(&v.label), period: v.period.as_ref().or(ds.period.as_ref()), category: None })
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
            Err(Diagnostic::at(at, format!("cannot read `{reference}`")).with_hint(hint))
        }
    }
}

/// The numbers of the series `reference` names (`dataset` when it has one
/// series, or `dataset.series`), or `None` when it names no series.
pub fn series<'d>(site: &'d Site, reference: &str) -> Option<(&'d Dataset, &'d [f64])> {
    let (name, rest) = reference.split_once('.').map_or((reference, None), |(d, s)| (d, Some(s)));
    let ds = site.datasets.get(name)?;
    match rest {
        None if ds.series.len() == 1 => Some((ds, &ds.series[0].values)),
        Some(id) => ds.series.iter().find(|s| s.id == id).map(|s| (ds, s.values.as_slice())),
        None => None,
    }
}
