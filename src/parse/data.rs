//! Data files: `data/<id>.yaml` become [`Dataset`]s; `data/helplines.yaml`
//! feeds the help box. The format is documented in README.md ("Data files").

use std::collections::{BTreeMap, BTreeSet};

use serde::Deserialize;

use crate::error::{Diagnostic, Diagnostics, Source};
use crate::id::Id;
use crate::locale::NumberStyle;
use crate::locale::PluralCategory;
use crate::model::{Category, Dataset, HELPLINES, Helpline, Series, Value};
use crate::text::{Label, Localized};
use crate::yaml::{Doc, Step};

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
    values: BTreeMap<Id, RawValue>,
}

fn number() -> Unit {
    Unit::Number
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCategory {
    id: Id,
    label: Localized,
    #[serde(default)]
    partial: bool,
    #[serde(default)]
    approximate: bool,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSeries {
    id: Id,
    label: Localized,
    values: Vec<Finite>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawValue {
    value: Finite,
    #[serde(default = "number")]
    unit: Unit,
    decimals: Option<u8>,
    #[serde(default = "auto")]
    sign: Sign,
    label: Label,
    period: Option<Localized>,
}

/// A number that is neither infinite nor NaN (`.inf` and `.nan` are numbers to YAML).
#[derive(Clone, Copy)]
struct Finite(f64);

impl Finite {
    fn get(self) -> f64 {
        self.0
    }
}

impl<'de> Deserialize<'de> for Finite {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        /// Checked inside the visitor, so the error points at the number itself.
        struct V;
        impl serde::de::Visitor<'_> for V {
            type Value = Finite;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a number")
            }
            fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<Finite, E> {
                if v.is_finite() {
                    return Ok(Finite(v));
                }
                let shown = if v.is_nan() {
                    ".nan"
                } else if v > 0.0 {
                    ".inf"
                } else {
                    "-.inf"
                };
                Err(E::custom(format_args!("`{shown}` is not a finite number")))
            }
            fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<Finite, E> {
                Ok(Finite(v as f64))
            }
            fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<Finite, E> {
                Ok(Finite(v as f64))
            }
        }
        d.deserialize_f64(V)
    }
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

/// The data files, read.
pub struct Data {
    pub datasets: BTreeMap<Id, Dataset>,
    pub helplines: Vec<Helpline>,
    /// The names of the files that could not be read (their errors are reported).
    pub unreadable: BTreeSet<String>,
}

/// What data files are checked against: the configured languages, which
/// every localized text must cover, and the plural forms each language's
/// locale uses, which every map of forms in a label must give.
pub struct Languages {
    pub codes: Vec<String>,
    pub plural_forms: BTreeMap<String, Vec<PluralCategory>>,
}

/// Every data file.
pub fn parse(files: &[Source], languages: &Languages) -> (Data, Diagnostics) {
    let mut errors = Diagnostics::new();
    let mut unreadable = BTreeSet::new();
    let mut datasets: BTreeMap<Id, Dataset> = BTreeMap::new();
    let mut helplines = Vec::new();
    let mut paths: BTreeMap<String, &str> = BTreeMap::new();
    for file in files {
        let name = file.path.trim_start_matches("data/");
        let stem = name.strip_suffix(".yaml").or_else(|| name.strip_suffix(".yml")).unwrap_or(name);
        if let Some(first) = paths.insert(stem.to_string(), &file.path) {
            let d = Diagnostic::file(&file.path, format!("`{first}` and `{}` are the same data file `{stem}`", file.path));
            errors.push(d.with_hint("keep one of the two"));
            continue;
        }
        if stem == HELPLINES {
            helplines = errors.take(parse_helplines(file, &languages.codes)).unwrap_or_default();
            continue;
        }
        match Id::parse(stem) {
            Ok(id) => match errors.take(dataset(file, id.clone(), languages)) {
                Some(d) => {
                    datasets.insert(id, d);
                }
                None => {
                    unreadable.insert(stem.to_string());
                }
            },
            Err(_) => errors.push(Diagnostic::file(&file.path, format!("data file name `{stem}` is not a valid id: use {}", crate::id::RULE))),
        }
    }
    (Data { datasets, helplines, unreadable }, errors)
}

fn parse_helplines(file: &Source, languages: &[String]) -> Result<Vec<Helpline>, Diagnostic> {
    let doc = Doc::whole(file);
    let raw: RawHelplines = doc.parse()?;
    let mut texts = Vec::new();
    for (i, l) in raw.lines.iter().enumerate() {
        texts.push((vec![Step::Key("lines"), Step::Index(i), Step::Key("name")], &l.name));
        if let Some(d) = &l.details {
            texts.push((vec![Step::Key("lines"), Step::Index(i), Step::Key("details")], d));
        }
    }
    check_texts(&doc, &texts, languages)?;
    raw.lines
        .into_iter()
        .enumerate()
        .map(|(i, l)| {
            if l.number.is_empty() || !l.number.bytes().all(|b| b.is_ascii_digit() || b == b'+' || b == b' ') {
                let msg = format!("helpline number `{}` may only hold digits, spaces and `+`", l.number);
                return Err(doc.error_at_path(&[Step::Key("lines"), Step::Index(i), Step::Key("number")], msg));
            }
            Ok(Helpline { number: l.number, name: l.name, details: l.details })
        })
        .collect()
}

/// Every localized text covers the configured languages; the first that
/// does not is reported at its own place, under its path (`series[0].label`).
fn check_texts(doc: &Doc, texts: &[(Vec<Step>, &Localized)], languages: &[String]) -> Result<(), Diagnostic> {
    for (path, text) in texts {
        if let Err(why) = text.check(languages) {
            let shown: String = path
                .iter()
                .enumerate()
                .map(|(i, step)| match step {
                    Step::Key(k) if i == 0 => k.to_string(),
                    Step::Key(k) => format!(".{k}"),
                    Step::Index(n) => format!("[{n}]"),
                })
                .collect();
            return Err(doc.error_at_path(path, format!("{shown}: {why}")));
        }
    }
    Ok(())
}

/// The localized texts of a dataset, with their paths.
fn dataset_texts(raw: &RawDataset) -> Vec<(Vec<Step<'_>>, &Localized)> {
    let mut texts = vec![(vec![Step::Key("title")], &raw.title), (vec![Step::Key("source")], &raw.source)];
    for (key, text) in [("unit_label", &raw.unit_label), ("period", &raw.period), ("notes", &raw.notes)] {
        if let Some(t) = text {
            texts.push((vec![Step::Key(key)], t));
        }
    }
    for (i, c) in raw.categories.iter().enumerate() {
        texts.push((vec![Step::Key("categories"), Step::Index(i), Step::Key("label")], &c.label));
    }
    for (i, s) in raw.series.iter().enumerate() {
        texts.push((vec![Step::Key("series"), Step::Index(i), Step::Key("label")], &s.label));
    }
    for (key, v) in &raw.values {
        if let Some(p) = &v.period {
            texts.push((vec![Step::Key("values"), Step::Key(key.as_str()), Step::Key("period")], p));
        }
    }
    texts
}

fn dataset(file: &Source, id: Id, languages: &Languages) -> Result<Dataset, Diagnostic> {
    let doc = Doc::whole(file);
    let raw: RawDataset = doc.parse()?;
    check_texts(&doc, &dataset_texts(&raw), &languages.codes)?;
    for (key, v) in &raw.values {
        if let Err((lang, why)) = v.label.check(&languages.codes, &languages.plural_forms) {
            let mut path = vec![Step::Key("values"), Step::Key(key.as_str()), Step::Key("label")];
            path.extend(lang.as_deref().map(Step::Key));
            return Err(doc.error_at_path(&path, format!("values.{key}.label: {why}")).with_hint("see README.md, \"Plural labels\""));
        }
    }
    let at = |path: &[Step], msg: String| doc.error_at_path(path, msg);
    if raw.series.is_empty() && raw.values.is_empty() {
        return Err(Diagnostic::file(&file.path, "data file has neither `series` nor `values`").with_hint("see README.md, \"Data files\""));
    }
    if raw.series.is_empty() != raw.categories.is_empty() {
        return Err(Diagnostic::file(&file.path, "`series` and `categories` go together: a table needs both"));
    }
    for (i, c) in raw.categories.iter().enumerate() {
        if raw.categories[..i].iter().any(|o| o.id == c.id) {
            return Err(at(&[Step::Key("categories"), Step::Index(i), Step::Key("id")], format!("category id `{}` is used twice", c.id)));
        }
    }
    let categories_len = raw.categories.len();
    for (i, s) in raw.series.iter().enumerate() {
        if raw.series[..i].iter().any(|o| o.id == s.id) {
            return Err(at(&[Step::Key("series"), Step::Index(i), Step::Key("id")], format!("series id `{}` is used twice", s.id)));
        }
        if s.values.len() != categories_len {
            let msg = format!(
                "series `{}` has {} but there {} {}",
                s.id,
                crate::error::plural(s.values.len(), "value", "values"),
                if categories_len == 1 { "is" } else { "are" },
                crate::error::plural(categories_len, "category", "categories")
            );
            return Err(
                at(&[Step::Key("series"), Step::Index(i), Step::Key("values")], msg).with_hint("give one value per category, in the order of `categories`")
            );
        }
    }
    let source_url = match &raw.source_url {
        Some(url) => Some(crate::link::web(url).map_err(|m| at(&[Step::Key("source_url")], format!("source URL {m}")))?),
        None => None,
    };
    let decimals = raw.decimals.unwrap_or_else(|| raw.series.iter().flat_map(|s| &s.values).map(|v| decimals_of(v.get())).max().unwrap_or(0));
    let percent = raw.unit == Unit::Percent;
    let whole = raw.whole.unwrap_or(!raw.multiple_answers) && !raw.multiple_answers;
    let values = raw
        .values
        .into_iter()
        .map(|(k, v)| {
            let value = v.value.get();
            let style =
                NumberStyle { percent: v.unit == Unit::Percent, decimals: v.decimals.unwrap_or(decimals_of(value)), always_sign: v.sign == Sign::Always };
            (k, Value { value, style, label: v.label, period: v.period })
        })
        .collect();
    Ok(Dataset {
        id,
        file: file.clone(),
        title: raw.title,
        source: raw.source,
        source_url,
        period: raw.period,
        notes: raw.notes,
        unit_label: raw.unit_label,
        style: NumberStyle { percent, decimals, always_sign: false },
        whole,
        multiple_answers: raw.multiple_answers,
        categories: raw.categories.into_iter().map(|c| Category { id: c.id, label: c.label, partial: c.partial, approximate: c.approximate }).collect(),
        series: raw.series.into_iter().map(|s| Series { id: s.id, label: s.label, values: s.values.into_iter().map(Finite::get).collect() }).collect(),
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
        let file = crate::error::SourceText::shared("data/x.yaml", text);
        use PluralCategory::{One, Other};
        let languages =
            Languages { codes: vec!["kk".into(), "en".into()], plural_forms: [("kk".into(), vec![One, Other]), ("en".into(), vec![One, Other])].into() };
        dataset(&file, Id::parse("x").unwrap(), &languages).map_err(|d| d.headline())
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
        assert_eq!(e, "data/x.yaml:10:13: series `s` has 1 value but there are 2 categories");
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
    fn errors_on_numbers_that_are_not_finite() {
        let e = parse_one(&TABLE.replace("[64.5, 20]", "[64.5, .nan]")).unwrap_err();
        assert!(e.starts_with("data/x.yaml:10:20: series[0].values[1]: `.nan` is not a finite number"), "{e}");
        let e = parse_one("title: T\nsource: S\nvalues:\n  x: {value: .inf, label: X}\n").unwrap_err();
        assert!(e.starts_with("data/x.yaml:4:14:"), "{e}");
    }

    #[test]
    fn errors_point_at_their_value_whatever_the_key_order() {
        let text = "title: T\nsource: S\nseries:\n  - id: s\n    values: [1]\n    label: S\ncategories:\n  - {id: a, label: A}\n  - {id: b, label: B}\n";
        assert_eq!(parse_one(text).unwrap_err(), "data/x.yaml:5:13: series `s` has 1 value but there are 2 categories");
    }

    #[test]
    fn errors_on_ids_that_could_become_paths() {
        let e = parse_one(&TABLE.replace("{id: a,", "{id: ../a,")).unwrap_err();
        assert!(e.starts_with("data/x.yaml:5:10: categories[0].id: `../a` is not a valid id"), "{e}");
    }

    #[test]
    fn errors_on_script_source_urls() {
        let e = parse_one(&format!("{TABLE}source_url: javascript:alert(1)\n")).unwrap_err();
        assert!(e.starts_with("data/x.yaml:11:13: source URL `javascript:alert(1)` must start with"), "{e}");
    }

    #[test]
    fn multiple_answers_are_never_a_whole() {
        let d = parse_one(&format!("{TABLE}multiple_answers: true\n")).unwrap();
        assert!(!d.whole);
    }
}
