//! Charts: a ```` ```chart ```` block and its dataset become a numbered
//! `<figure>` that works for every reader: the interactive ECharts chart
//! (its option built in [`option`]), a description written from the data
//! in the page's language for screen readers ([`describe`]), a real table of
//! exactly the plotted data and its CSV ([`table`]), the source and a
//! citation. This file checks a block against its dataset ([`plan`]) and
//! writes the figure.

mod describe;
mod option;
mod table;

use serde::Deserialize;

use super::html::{escape, json_for_script};
use super::markdown::ChartBlock;
use super::{Env, OutputFile};
use crate::error::{Diagnostic, did_you_mean};
use crate::id::Id;
use crate::model::Dataset;
use crate::yaml::Step;

#[derive(Deserialize, Debug)]
#[serde(deny_unknown_fields)]
pub struct ChartSpec {
    /// Figure id, for `{{ fig:id }}` references and the `#fig-id` anchor.
    pub id: Id,
    /// The data file, without `.yaml`.
    pub data: Id,
    pub kind: Kind,
    pub title: Option<String>,
    pub caption: Option<String>,
    #[serde(default)]
    pub sort: Sort,
    /// A category drawn in the accent colour.
    pub highlight: Option<Id>,
    /// Plot only these series, in this order.
    pub series: Option<Vec<Id>>,
}

#[derive(Deserialize, Debug, Clone, Copy, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    Bar,
    Hbar,
    Grouped,
    Stacked,
    Line,
    Pie,
    Donut,
}

impl Kind {
    fn is_pie(self) -> bool {
        matches!(self, Kind::Pie | Kind::Donut)
    }

    fn name(self) -> &'static str {
        match self {
            Kind::Pie => "pie",
            Kind::Donut => "donut",
            _ => "bar",
        }
    }
}

#[derive(Deserialize, Debug, Clone, Copy, PartialEq, Eq, Default)]
#[serde(rename_all = "lowercase")]
pub enum Sort {
    #[default]
    None,
    Asc,
    Desc,
}

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

/// The figure's HTML and its CSV file.
pub fn figure(env: &Env, block: &ChartBlock) -> Result<(String, Vec<OutputFile>), Diagnostic> {
    let spec = &block.spec;
    let plot = plan(env, block)?;
    let lang = env.page.lang.as_str();
    let ds = plot.ds;
    let number = env.figures.get(&spec.id).map_or(0, |f| f.number);
    let title = spec.title.clone().unwrap_or_else(|| ds.title.get(lang).to_string());
    let description = describe::describe(env, &plot, &title);
    let option = option::option(env, spec, &plot, &description);
    let csv_path = format!("{lang}/figures/{}.csv", spec.id);
    let csv_url = env.site.config.base_url.rel(&csv_path);
    let figure_label = env.t("figure_label").replace("{n}", &number.to_string());
    let citation = env.t("figure_cite").replace("{figure}", &figure_label).replace("{report}", env.citation);

    let mut h = String::with_capacity(4096);
    let id = &spec.id;
    h += &format!(
        "<figure class=\"chart\" id=\"fig-{id}\"><figcaption><span class=\"figure-number\">{}</span> <span class=\"figure-title\">{}</span></figcaption>",
        escape(&figure_label),
        escape(&title)
    );
    let tall = if spec.kind == Kind::Hbar && plot.rows.len() > 3 { " chart-canvas--tall" } else { "" };
    h += &format!(
        "<div class=\"chart-canvas{tall}\" id=\"chart-{id}\" role=\"img\" aria-label=\"{}\" hidden data-chart=\"chart-data-{id}\" data-unit=\"{}\" data-decimals=\"{}\"></div>",
        escape(&description),
        if ds.style.percent { "percent" } else { "number" },
        ds.style.decimals
    );
    h += &format!("<script type=\"application/json\" id=\"chart-data-{id}\">{}</script>", json_for_script(&option));
    h += &format!("<details class=\"chart-table\" open><summary>{}</summary>{}</details>", escape(env.t("data_table")), table::html(env, &plot));
    if let Some(caption) = &spec.caption {
        h += &format!("<p class=\"chart-caption\">{}</p>", escape(caption));
    }
    if let Some(notes) = &ds.notes {
        h += &format!("<p class=\"chart-notes\">{}</p>", escape(notes.get(lang)));
    }
    let source = match &ds.source_url {
        Some(url) => format!("<a href=\"{}\" rel=\"noopener noreferrer\">{}</a>", escape(url), escape(ds.source.get(lang))),
        None => escape(ds.source.get(lang)),
    };
    h += &format!("<p class=\"chart-source\">{} {source}</p>", escape(env.t("source")));
    h += &format!("<p class=\"chart-actions\"><a class=\"chart-download\" href=\"{}\" download>{}</a></p>", escape(&csv_url), escape(env.t("download_csv")));
    h += &format!("<p class=\"chart-cite\">{}</p></figure>", escape(&citation));
    let csv = OutputFile::new(csv_path, table::csv(env, &plot, &title, &citation).into_bytes());
    Ok((h, vec![csv]))
}

/// Check the block against its dataset: the data file exists and is a
/// table, the series and highlight exist, a pie shows one whole.
fn plan<'d>(env: &'d Env, block: &ChartBlock) -> Result<Plot<'d>, Diagnostic> {
    let spec = &block.spec;
    let doc = block.yaml.doc(&env.page.source);
    let fail = |key: &str, message: String, hint: Option<String>| doc.error_at_path(&[Step::Key(key)], message).with_hint_opt(hint);
    if spec.data == crate::parse::HELPLINES {
        return Err(fail("data", "`data/helplines.yaml` feeds the help box; it is not a dataset to chart".into(), None));
    }
    let Some(ds) = env.site.datasets.get(spec.data.as_str()) else {
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
        format!("its percentages add up to {}, not 100", (sum * 100.0).round() / 100.0)
    } else {
        return Ok(());
    };
    Err((format!("a {name} chart cannot show `data/{}.yaml`: {why}", ds.id), "use `kind: hbar`".into()))
}

/// Category label in the page language, with its partial mark.
fn row_label(env: &Env, plot: &Plot, row: usize) -> String {
    let Some(c) = plot.ds.categories.get(row) else { return String::new() };
    let label = c.label.get(&env.page.lang).to_string();
    if c.partial { format!("{label} {}", env.t("partial_mark")) } else { label }
}

/// A plotted value formatted for the page, `≈` before approximate ones.
fn fmt_value(env: &Env, plot: &Plot, row: usize, col: usize) -> String {
    let v = env.lang.locale.number(plot.value(row, col), &plot.ds.style);
    if plot.ds.categories.get(row).is_some_and(|c| c.approximate) { format!("≈{v}") } else { v }
}
