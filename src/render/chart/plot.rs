//! What a chart plots: its block checked against its dataset — the data
//! file exists and is a table, the series and highlight exist, a pie shows
//! one whole — and the rows and columns in plotted order, with the labels
//! and numbers every view of the chart (option, table, description) shares.

use super::spec::{ChartBlock, Kind, Sort};
use crate::error::{Diagnostic, did_you_mean};
use crate::model::{Dataset, Ui};
use crate::render::env::Env;
use crate::yaml::Step;

/// The data a chart actually plots, after sorting and picking series.
/// `rows` and `cols` index `ds.categories` and `ds.series`, whose lengths
/// the parse stage made agree, so every `values[row]` exists.
pub struct Plot<'d> {
    pub ds: &'d Dataset,
    /// Indices into `ds.categories`, in plotted order.
    pub rows: Vec<usize>,
    /// Indices into `ds.series`; never empty.
    pub cols: Vec<usize>,
}

impl Plot<'_> {
    pub fn value(&self, row: usize, col: usize) -> f64 {
        self.ds.series.get(col).and_then(|s| s.values.get(row)).copied().unwrap_or(0.0)
    }

    pub fn series_label(&self, col: usize, lang: &str) -> &str {
        self.ds.series.get(col).map_or("", |s| s.label.get(lang))
    }

    pub fn category(&self, row: usize) -> Option<&crate::model::Category> {
        self.ds.categories.get(row)
    }
}

/// Check the block against its dataset: the data file exists and is a
/// table, the series and highlight exist, a pie shows one whole.
pub fn plan<'d>(env: &'d Env, block: &ChartBlock) -> Result<Plot<'d>, Diagnostic> {
    let spec = &block.spec;
    let doc = block.yaml.doc(&env.page.source);
    let fail = |key: &str, message: String, hint: Option<String>| doc.error_at_path(&[Step::Key(key)], message).with_hint_opt(hint);
    if spec.data == crate::model::HELPLINES {
        return Err(fail("data", "`data/helplines.yaml` feeds the help box; it is not a dataset to chart".into(), None));
    }
    let Some(ds) = env.site.datasets.get(spec.data.as_str()) else {
        if env.site.unreadable_data.contains(spec.data.as_str()) {
            return Err(Diagnostic::reported());
        }
        let hint = did_you_mean(&spec.data, env.site.datasets.keys().map(|k| k.as_str())).or(Some("name a file of `data/` without `.yaml`".into()));
        return Err(fail("data", format!("unknown data file `{}`", spec.data), hint));
    };
    if ds.series.is_empty() {
        return Err(fail("data", format!("`data/{}.yaml` has no `series` to chart", spec.data), Some("charts need `categories` and `series`".into())));
    }
    let cols: Vec<usize> = match &spec.series {
        None => (0..ds.series.len()).collect(),
        Some(names) if names.is_empty() => {
            return Err(fail("series", "`series` lists no series".into(), Some("name at least one, or leave `series` out to plot them all".into())));
        }
        Some(names) => {
            let mut cols = Vec::new();
            for n in names {
                match ds.series.iter().position(|s| &s.id == n) {
                    Some(i) => cols.push(i),
                    None => {
                        let hint = did_you_mean(n, ds.series.iter().map(|s| s.id.as_str()));
                        return Err(fail("series", format!("`data/{}.yaml` has no series `{n}`", ds.id), hint));
                    }
                }
            }
            cols
        }
    };
    if spec.kind.is_pie() {
        check_pie(spec.kind, ds, &cols).map_err(|(message, hint)| fail("kind", message, Some(hint)))?;
    }
    if let Some(h) = &spec.highlight
        && ds.category_index(h).is_none()
    {
        let hint = did_you_mean(h, ds.categories.iter().map(|c| c.id.as_str()));
        return Err(fail("highlight", format!("`data/{}.yaml` has no category `{h}`", ds.id), hint));
    }
    let mut rows: Vec<usize> = (0..ds.categories.len()).collect();
    let first = &ds.series[cols[0]].values;
    let value = |row: &usize| first.get(*row).copied().unwrap_or(0.0);
    match spec.sort {
        Sort::None => {}
        Sort::Asc => rows.sort_by(|a, b| value(a).total_cmp(&value(b))),
        Sort::Desc => rows.sort_by(|a, b| value(b).total_cmp(&value(a))),
    }
    Ok(Plot { ds, rows, cols })
}

/// Percentages of a pie must add up to 100 within this many points
/// (rounding in the source), as documented in README.md.
pub const PIE_TOLERANCE: f64 = 0.5;

/// A pie or donut shows the parts of one whole: one series, no negative
/// part, a whole the data file does not deny, percentages that sum to 100.
fn check_pie(kind: Kind, ds: &Dataset, cols: &[usize]) -> Result<(), (String, String)> {
    let name = kind.name();
    let [col] = cols else {
        return Err((format!("a {name} chart shows one series, `data/{}.yaml` has {}", ds.id, cols.len()), "pick one with `series: [id]`".into()));
    };
    let values = &ds.series[*col].values;
    let sum: f64 = values.iter().sum();
    let why = if ds.multiple_answers {
        "respondents could give several answers, so the shares do not make a whole".to_string()
    } else if !ds.whole {
        "the data file says its shares do not make a whole (`whole: false`)".to_string()
    } else if let Some(v) = values.iter().find(|v| **v < 0.0) {
        format!("it has a negative part ({v})")
    } else if ds.style.percent && (sum - 100.0).abs() > PIE_TOLERANCE {
        let why = format!("its percentages add up to {}, not 100", (sum * 100.0).round() / 100.0);
        let hint = format!("a pie allows 100 ± {PIE_TOLERANCE} for rounding in the source: add the missing part (e.g. \"other\"), or use `kind: hbar`");
        return Err((format!("a {name} chart cannot show `data/{}.yaml`: {why}", ds.id), hint));
    } else {
        return Ok(());
    };
    Err((format!("a {name} chart cannot show `data/{}.yaml`: {why}", ds.id), "use `kind: hbar`".into()))
}

/// Category label in the page language, with its partial mark.
pub fn row_label(env: &Env, plot: &Plot, row: usize) -> String {
    let Some(c) = plot.ds.categories.get(row) else { return String::new() };
    let label = c.label.get(&env.page.lang).to_string();
    if c.partial { format!("{label} {}", env.t(Ui::PartialMark)) } else { label }
}

/// A plotted value formatted for the page, `≈` before approximate ones.
pub fn fmt_value(env: &Env, plot: &Plot, row: usize, col: usize) -> String {
    let v = env.lang.locale.number(plot.value(row, col), &plot.ds.style);
    if plot.ds.categories.get(row).is_some_and(|c| c.approximate) { format!("≈{v}") } else { v }
}
