//! Data files: `data/<id>.yaml` become [`Dataset`]s; `data/helplines.yaml`
//! feeds the help box. The format is documented in README.md ("Data files").

use std::collections::BTreeMap;

use serde::Deserialize;

use crate::error::{Diagnostic, Diagnostics, SourceText};
use crate::locale::NumberStyle;
use crate::model::{Category, Dataset, Helpline, Series, Value};
use crate::text::Localized;
use crate::yaml;

pub const HELPLINES: &str = "helplines";

#[derive(Deserialize, Clone, Copy, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
enum Unit {
    Number,
    Percent,
}

#[derive(Deserialize, Clone, Copy, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
enum Sign {
    Auto,
    Always,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawDataset {
    title: Localized,
    #[serde(default = "number")]
    unit: Unit,
    unit_label: Option<Localized>,
    decimals: Option<u8>,
    source: Localized,
    source_url: Option<String>,
    period: Option<Localized>,
    notes: Option<Localized>,
    whole: Option<bool>,
    #[serde(default)]
    multiple_answers: bool,
    #[serde(default)]
    categories: Vec<RawCategory>,
    #[serde(default)]
    series: Vec<RawSeries>,
    #[serde(default)]
    values: BTreeMap<String, RawValue>,
}

fn number() -> Unit {
    Unit::Number
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCategory {
    id: String,
    label: Localized,
    #[serde(default)]
    partial: bool,
    #[serde(default)]
    approximate: bool,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSeries {
    id: String,
    label: Localized,
    values: Vec<f64>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawValue {
    value: f64,
    #[serde(default = "number")]
    unit: Unit,
    decimals: Option<u8>,
    #[serde(default = "auto")]
    sign: Sign,
    label: Localized,
    period: Option<Localized>,
}

fn auto() -> Sign {
    Sign::Auto
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawHelplines {
    lines: Vec<RawHelpline>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawHelpline {
    number: String,
    name: Localized,
    details: Option<Localized>,
}

pub fn parse(files: &[SourceText]) -> ((BTreeMap<String, Dataset>, Vec<Helpline>), Diagnostics) {
    let mut errors = Diagnostics::new();
    let mut datasets = BTreeMap::new();
    let mut helplines = Vec::new();
    for file in files {
        let id = file.path.trim_start_matches("data/").trim_end_matches(".yaml").trim_end_matches(".yml").to_string();
        if id == HELPLINES {
            helplines = errors.take(parse_helplines(file)).unwrap_or_default();
        } else if !is_id(&id) || id.chars().any(|c| c.is_ascii_uppercase()) {
            errors.push(Diagnostic::file(&file.path, format!("data file name `{id}` may only hold lowercase Latin letters, digits, `-` and `_`")));
        } else if let Some(d) = errors.take(dataset(file, id.clone())) {
            datasets.insert(id, d);
        }
    }
    ((datasets, helplines), errors)
}

fn parse_helplines(file: &SourceText) -> Result<Vec<Helpline>, Diagnostic> {
    let raw: RawHelplines = yaml::parse(file, 0..file.text.len())?;
    raw.lines
        .into_iter()
        .enumerate()
        .map(|(i, l)| {
            if l.number.is_empty() || !l.number.bytes().all(|b| b.is_ascii_digit() || b == b'+' || b == b' ') {
                let at = yaml::find_key(&file.text, "number", i);
                return Err(file.error_at(at, format!("helpline number `{}` may only hold digits, spaces and `+`", l.number)));
            }
            Ok(Helpline { number: l.number, name: l.name, details: l.details })
        })
        .collect()
}

/// Ids are referenced as `dataset.category` in prose, so no dots or spaces.
fn is_id(id: &str) -> bool {
    !id.is_empty() && id.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

fn dataset(file: &SourceText, id: String) -> Result<Dataset, Diagnostic> {
    let raw: RawDataset = yaml::parse(file, 0..file.text.len())?;
    let at = |key: &str, nth: usize, msg: String| file.error_at(yaml::find_key(&file.text, key, nth), msg);
    if raw.series.is_empty() && raw.values.is_empty() {
        return Err(Diagnostic::file(&file.path, "data file has neither `series` nor `values`").with_hint("see README.md, \"Data files\""));
    }
    if raw.series.is_empty() != raw.categories.is_empty() {
        return Err(Diagnostic::file(&file.path, "`series` and `categories` go together: a table needs both"));
    }
    for (i, c) in raw.categories.iter().enumerate() {
        if !is_id(&c.id) {
            return Err(at("id", i, format!("category id `{}` may only hold Latin letters, digits, `-` and `_`", c.id)));
        }
        if raw.categories[..i].iter().any(|o| o.id == c.id) {
            return Err(at("id", i, format!("category id `{}` is used twice", c.id)));
        }
    }
    let categories_len = raw.categories.len();
    for (i, s) in raw.series.iter().enumerate() {
        if !is_id(&s.id) || raw.series[..i].iter().any(|o| o.id == s.id) {
            return Err(at("id", categories_len + i, format!("series id `{}` must be unique and hold only Latin letters, digits, `-` and `_`", s.id)));
        }
        if s.values.len() != categories_len {
            let msg = format!(
                "series `{}` has {} but there {} {}",
                s.id,
                crate::output::plural(s.values.len(), "value", "values"),
                if categories_len == 1 { "is" } else { "are" },
                crate::output::plural(categories_len, "category", "categories")
            );
            return Err(at("values", i, msg).with_hint("give one value per category, in the order of `categories`"));
        }
        if let Some(bad) = s.values.iter().find(|v| !v.is_finite()) {
            return Err(at("values", i, format!("value `{bad}` is not a finite number")));
        }
    }
    let decimals = raw.decimals.unwrap_or_else(|| raw.series.iter().flat_map(|s| &s.values).map(|v| decimals_of(*v)).max().unwrap_or(0));
    let percent = raw.unit == Unit::Percent;
    let whole = raw.whole.unwrap_or(!raw.multiple_answers) && !raw.multiple_answers;
    let values = raw
        .values
        .into_iter()
        .map(|(k, v)| {
            let style =
                NumberStyle { percent: v.unit == Unit::Percent, decimals: v.decimals.unwrap_or(decimals_of(v.value)), always_sign: v.sign == Sign::Always };
            (k, Value { value: v.value, style, label: v.label, period: v.period })
        })
        .collect();
    Ok(Dataset {
        id,
        path: file.path.clone(),
        title: raw.title,
        source: raw.source,
        source_url: raw.source_url,
        period: raw.period,
        notes: raw.notes,
        unit_label: raw.unit_label,
        style: NumberStyle { percent, decimals, always_sign: false },
        whole,
        multiple_answers: raw.multiple_answers,
        categories: raw.categories.into_iter().map(|c| Category { id: c.id, label: c.label, partial: c.partial, approximate: c.approximate }).collect(),
        series: raw.series.into_iter().map(|s| Series { id: s.id, label: s.label, values: s.values }).collect(),
        values,
    })
}

/// Digits after the decimal point as the value was written (64.5 → 1).
fn decimals_of(v: f64) -> u8 {
    let s = format!("{v}");
    s.split_once('.').map_or(0, |(_, frac)| frac.len().min(6) as u8)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_one(text: &str) -> Result<Dataset, String> {
        let file = SourceText::new("data/x.yaml", text);
        crate::text::with_languages(&["kk".into(), "en".into()], || dataset(&file, "x".into())).map_err(|d| d.headline())
    }

    const TABLE: &str = "title: T\nsource: S\nunit: percent\ncategories:\n  - {id: a, label: A}\n  - {id: b, label: B}\nseries:\n  - id: s\n    label: S\n    values: [64.5, 20]\n";

    #[test]
    fn decimals_follow_the_written_values() {
        let d = parse_one(TABLE).unwrap();
        assert_eq!(d.style, NumberStyle { percent: true, decimals: 1, always_sign: false });
        assert!(d.whole);
    }

    #[test]
    fn errors_when_series_length_differs_from_categories() {
        let e = parse_one(&TABLE.replace("[64.5, 20]", "[64.5]")).unwrap_err();
        assert_eq!(e, "data/x.yaml:10:5: series `s` has 1 value but there are 2 categories");
    }

    #[test]
    fn errors_on_non_numeric_value() {
        let e = parse_one(&TABLE.replace("[64.5, 20]", "[64.5, many]")).unwrap_err();
        assert!(e.starts_with("data/x.yaml:10:"), "{e}");
        assert!(e.contains("invalid type: string \"many\", expected a number"), "{e}");
    }

    #[test]
    fn errors_on_label_missing_a_language() {
        let e = parse_one(&TABLE.replace("label: A}", "label: {kk: А}}")).unwrap_err();
        assert!(e.starts_with("data/x.yaml:5:"), "{e}");
        assert!(e.contains("missing the `en` text"), "{e}");
    }

    #[test]
    fn multiple_answers_are_never_a_whole() {
        let d = parse_one(&format!("{TABLE}multiple_answers: true\n")).unwrap();
        assert!(!d.whole);
    }
}
