//! Charts: a ```` ```chart ```` block and its dataset become a numbered
//! `<figure>` that works for every reader: the interactive ECharts chart
//! (its option built with charming, serialised with serde_json into a
//! non-executing JSON block), a description written from the data in the
//! page's language for screen readers, a real table of exactly the plotted
//! data, the source, a CSV download and a citation. The only user of charming.

use charming::Chart;
use charming::component::{Aria, Axis, Decal, Grid, Legend};
use charming::datatype::{DataPoint, DataPointItem};
use charming::element::{AxisType, ItemStyle, Label, LabelPosition, Tooltip, Trigger};
use charming::series::{Bar, Line, Pie};
use serde::Deserialize;
use serde_json::{Value as Json, json};

use super::html::{escape, json_for_script};
use super::{Env, OutputFile};
use crate::error::{Diagnostic, did_you_mean};
use crate::model::Dataset;

/// Colour-blind-safe palette (Okabe–Ito), dark enough on white for labels.
const PALETTE: [&str; 6] = ["#0b6fa4", "#c25e00", "#2e7d5b", "#a3467a", "#6b5d00", "#5a5a9c"];
const HIGHLIGHT: &str = "#b3261e";

#[derive(Deserialize, Debug)]
#[serde(deny_unknown_fields)]
pub struct ChartSpec {
    /// Figure id, for `{{ fig:id }}` references and the `#fig-id` anchor.
    pub id: String,
    /// The data file, without `.yaml`.
    pub data: String,
    pub kind: Kind,
    pub title: Option<String>,
    pub caption: Option<String>,
    #[serde(default)]
    pub sort: Sort,
    pub highlight: Option<String>,
    /// Plot only these series, in this order.
    pub series: Option<Vec<String>>,
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

#[derive(Deserialize, Debug, Clone, Copy, PartialEq, Eq, Default)]
#[serde(rename_all = "lowercase")]
pub enum Sort {
    #[default]
    None,
    Asc,
    Desc,
}

/// The data a chart actually plots, after sorting and picking series.
struct Plot<'d> {
    ds: &'d Dataset,
    /// Indices into `ds.categories`, in plotted order.
    rows: Vec<usize>,
    /// Indices into `ds.series`.
    cols: Vec<usize>,
}

/// The block key to point at, and the problem (boxed: results stay small).
type ChartError = Box<(&'static str, Diagnostic)>;

fn fail(key: &'static str, message: String, hint: Option<String>) -> ChartError {
    let d = Diagnostic::file("", message);
    Box::new((key, Diagnostic { hint, ..d }))
}

/// The figure's HTML and its CSV file; errors name the block key to point at.
pub fn figure(env: &Env, spec: &ChartSpec) -> Result<(String, Vec<OutputFile>), ChartError> {
    let plot = plan(env, spec)?;
    let lang = env.page.lang.as_str();
    let ds = plot.ds;
    let number = env.figures.get(&spec.id).map_or(0, |f| f.number);
    let title = spec.title.clone().unwrap_or_else(|| ds.title.get(lang).to_string());
    let description = describe(env, &plot, &title);
    let option = option(env, spec, &plot, &description);
    let csv_path = format!("{lang}/figures/{}.csv", spec.id);
    let csv_url = env.site.config.base_url.rel(&csv_path);
    let figure_label = env.t("figure_label").replace("{n}", &number.to_string());
    let citation = env.t("figure_cite").replace("{figure}", &figure_label).replace("{report}", &env.citation);

    let mut h = String::with_capacity(4096);
    let id = escape(&spec.id);
    h += &format!(
        "<figure class=\"chart\" id=\"fig-{id}\"><figcaption><span class=\"figure-number\">{}</span> <span class=\"figure-title\">{}</span></figcaption>",
        escape(&figure_label),
        escape(&title)
    );
    let tall = if matches!(spec.kind, Kind::Hbar) && plot.rows.len() > 3 { " chart-canvas--tall" } else { "" };
    h += &format!(
        "<div class=\"chart-canvas{tall}\" id=\"chart-{id}\" role=\"img\" aria-label=\"{}\" hidden data-chart=\"chart-data-{id}\" data-unit=\"{}\" data-decimals=\"{}\"></div>",
        escape(&description),
        if ds.style.percent { "percent" } else { "number" },
        ds.style.decimals
    );
    h += &format!("<script type=\"application/json\" id=\"chart-data-{id}\">{}</script>", json_for_script(&option));
    h += &format!("<details class=\"chart-table\" open><summary>{}</summary>{}</details>", escape(env.t("data_table")), table(env, &plot));
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
    let csv = OutputFile { path: csv_path, bytes: csv(env, &plot, &title, &citation).into_bytes() };
    Ok((h, vec![csv]))
}

fn plan<'d>(env: &'d Env, spec: &ChartSpec) -> Result<Plot<'d>, ChartError> {
    if spec.data == crate::parse::HELPLINES {
        return Err(fail("data", "`data/helplines.yaml` feeds the help box; it is not a dataset to chart".into(), None));
    }
    let Some(ds) = env.site.datasets.get(&spec.data) else {
        let hint = did_you_mean(&spec.data, env.site.datasets.keys().map(String::as_str)).or(Some("name a file of `data/` without `.yaml`".into()));
        return Err(fail("data", format!("unknown data file `{}`", spec.data), hint));
    };
    if ds.series.is_empty() {
        return Err(fail("data", format!("`data/{}.yaml` has no `series` to chart", spec.data), Some("charts need `categories` and `series`".into())));
    }
    let cols: Vec<usize> = match &spec.series {
        None => (0..ds.series.len()).collect(),
        Some(names) => {
            let mut cols = Vec::new();
            for n in names {
                match ds.series.iter().position(|s| &s.id == n) {
                    Some(i) => cols.push(i),
                    None => {
                        return Err(fail(
                            "series",
                            format!("`data/{}.yaml` has no series `{n}`", ds.id),
                            did_you_mean(n, ds.series.iter().map(|s| s.id.as_str())),
                        ));
                    }
                }
            }
            cols
        }
    };
    if matches!(spec.kind, Kind::Pie | Kind::Donut) {
        if cols.len() != 1 {
            return Err(fail(
                "kind",
                format!("a {} chart shows one series, `data/{}.yaml` has {}", kind_name(spec.kind), ds.id, cols.len()),
                Some("pick one with `series: [id]`".into()),
            ));
        }
        let why = if ds.multiple_answers {
            Some("respondents could give several answers, so the shares do not make a whole")
        } else if !ds.whole {
            Some("the data file says its shares do not make a whole (`whole: false`)")
        } else if ds.style.percent && (ds.series[cols[0]].values.iter().sum::<f64>() - 100.0).abs() > 0.5 {
            Some("its percentages do not add up to 100")
        } else {
            None
        };
        if let Some(why) = why {
            return Err(fail("kind", format!("a {} chart cannot show `data/{}.yaml`: {why}", kind_name(spec.kind), ds.id), Some("use `kind: hbar`".into())));
        }
    }
    if let Some(h) = &spec.highlight
        && ds.category_index(h).is_none()
    {
        return Err(fail("highlight", format!("`data/{}.yaml` has no category `{h}`", ds.id), did_you_mean(h, ds.categories.iter().map(|c| c.id.as_str()))));
    }
    let mut rows: Vec<usize> = (0..ds.categories.len()).collect();
    let first = &ds.series[cols[0]].values;
    match spec.sort {
        Sort::None => {}
        Sort::Asc => rows.sort_by(|a, b| first[*a].total_cmp(&first[*b])),
        Sort::Desc => rows.sort_by(|a, b| first[*b].total_cmp(&first[*a])),
    }
    Ok(Plot { ds, rows, cols })
}

fn kind_name(kind: Kind) -> &'static str {
    match kind {
        Kind::Pie => "pie",
        Kind::Donut => "donut",
        _ => "bar",
    }
}

/// Category label in the page language, with its partial/approximate marks.
fn row_label(env: &Env, plot: &Plot, row: usize) -> String {
    let c = &plot.ds.categories[row];
    let label = c.label.get(&env.page.lang).to_string();
    if c.partial { format!("{label} {}", env.t("partial_mark")) } else { label }
}

fn fmt_value(env: &Env, plot: &Plot, row: usize, col: usize) -> String {
    let v = env.lang.locale.number(plot.ds.series[col].values[row], &plot.ds.style);
    if plot.ds.categories[row].approximate { format!("≈{v}") } else { v }
}

/// A plain-language description for screen readers, from the data itself.
fn describe(env: &Env, plot: &Plot, title: &str) -> String {
    let lang = env.page.lang.as_str();
    let mut parts = vec![format!("{title}.")];
    for &col in &plot.cols {
        let items: Vec<String> = plot.rows.iter().map(|&r| format!("{} — {}", row_label(env, plot, r), fmt_value(env, plot, r, col))).collect();
        parts.push(format!("{}: {}.", plot.ds.series[col].label.get(lang), items.join("; ")));
    }
    if plot.cols.len() == 1 && plot.rows.len() > 2 {
        let col = plot.cols[0];
        let values = &plot.ds.series[col].values;
        let max = plot.rows.iter().copied().max_by(|a, b| values[*a].total_cmp(&values[*b])).unwrap_or(0);
        let min = plot.rows.iter().copied().min_by(|a, b| values[*a].total_cmp(&values[*b])).unwrap_or(0);
        parts.push(env.t("desc_highest").replace("{category}", &row_label(env, plot, max)).replace("{value}", &fmt_value(env, plot, max, col)));
        parts.push(env.t("desc_lowest").replace("{category}", &row_label(env, plot, min)).replace("{value}", &fmt_value(env, plot, min, col)));
    }
    if let Some(notes) = &plot.ds.notes {
        parts.push(notes.get(lang).to_string());
    }
    parts.join(" ")
}

fn table(env: &Env, plot: &Plot) -> String {
    let lang = env.page.lang.as_str();
    let unit = plot.ds.unit_label.as_ref().map(|u| format!(", {}", u.get(lang))).unwrap_or_default();
    let title = plot.ds.title.get(lang);
    let mut t = format!("<div class=\"table-wrap\" tabindex=\"0\" role=\"region\" aria-label=\"{}\"><table><thead><tr>", escape(title));
    t += &format!("<th scope=\"col\">{}</th>", escape(env.t("table_category")));
    for &c in &plot.cols {
        let head = if plot.cols.len() == 1 { format!("{}{unit}", plot.ds.series[c].label.get(lang)) } else { plot.ds.series[c].label.get(lang).to_string() };
        t += &format!("<th scope=\"col\" class=\"align-right\">{}</th>", escape(&head));
    }
    t += "</tr></thead><tbody>";
    for &r in &plot.rows {
        t += &format!("<tr><th scope=\"row\">{}</th>", escape(&row_label(env, plot, r)));
        for &c in &plot.cols {
            t += &format!("<td class=\"align-right\">{}</td>", escape(&fmt_value(env, plot, r, c)));
        }
        t += "</tr>";
    }
    t + "</tbody></table></div>"
}

/// UTF-8 with a byte-order mark (spreadsheets then show Cyrillic right),
/// comma-separated, localized headers, machine-readable numbers.
fn csv(env: &Env, plot: &Plot, title: &str, citation: &str) -> String {
    let lang = env.page.lang.as_str();
    let mut rows = vec![];
    let mut head = vec![env.t("table_category").to_string()];
    head.extend(plot.cols.iter().map(|&c| plot.ds.series[c].label.get(lang).to_string()));
    rows.push(head);
    for &r in &plot.rows {
        let mut row = vec![row_label(env, plot, r)];
        row.extend(plot.cols.iter().map(|&c| format!("{}", plot.ds.series[c].values[r])));
        rows.push(row);
    }
    let mut out = String::from("\u{feff}");
    for row in rows {
        out += &row.iter().map(|f| csv_field(f)).collect::<Vec<_>>().join(",");
        out += "\r\n";
    }
    out += "\r\n";
    out += &format!("{}\r\n", csv_field(title));
    out += &format!("{}\r\n", csv_field(&format!("{} {}", env.t("source"), plot.ds.source.get(lang))));
    out += &format!("{}\r\n", csv_field(citation));
    out
}

fn csv_field(f: &str) -> String {
    if f.contains([',', '"', '\n', '\r']) { format!("\"{}\"", f.replace('"', "\"\"")) } else { f.to_string() }
}

/// The ECharts option. charming builds the structure; the few settings its
/// types cannot express (`tooltip.renderMode`, `aria.label.description`,
/// item decals, axis label wrapping) are set on the JSON value.
fn option(env: &Env, spec: &ChartSpec, plot: &Plot, description: &str) -> Json {
    let lang = env.page.lang.as_str();
    let ds = plot.ds;
    // Approximate values carry their mark on the axis too, as in the table.
    let labels: Vec<String> =
        plot.rows.iter().map(|&r| if ds.categories[r].approximate { format!("{} (≈)", row_label(env, plot, r)) } else { row_label(env, plot, r) }).collect();
    let pie = matches!(spec.kind, Kind::Pie | Kind::Donut);
    let mut chart = Chart::new()
        .color(PALETTE.to_vec())
        .aria(Aria::new().enabled(true).decal(Decal::new().show(false)))
        .tooltip(Tooltip::new().trigger(if pie { Trigger::Item } else { Trigger::Axis }))
        .grid(Grid::new().contain_label(true).left(8).right(32).top(if plot.cols.len() > 1 { 40 } else { 16 }).bottom(8));
    if plot.cols.len() > 1 || pie {
        chart = chart.legend(Legend::new().top(0));
    }
    let category_axis = Axis::new().type_(AxisType::Category).data(labels.clone());
    let value_axis = Axis::new().type_(AxisType::Value);
    chart = match spec.kind {
        Kind::Hbar => chart.y_axis(category_axis.inverse(true)).x_axis(value_axis),
        Kind::Pie | Kind::Donut => chart,
        _ => chart.x_axis(category_axis).y_axis(value_axis),
    };
    for &c in &plot.cols {
        let name = ds.series[c].label.get(lang).to_string();
        let points: Vec<DataPoint> = plot.rows.iter().map(|&r| point(spec, plot, r, c)).collect();
        chart = match spec.kind {
            Kind::Line => chart.series(Line::new().name(name).data(points).label(Label::new().show(true).position(LabelPosition::Top))),
            Kind::Pie | Kind::Donut => {
                let named: Vec<DataPoint> =
                    plot.rows.iter().zip(&labels).map(|(&r, l)| DataPointItem::new(ds.series[c].values[r]).name(l.clone()).into()).collect();
                let radius: charming::datatype::CompositeValue = if spec.kind == Kind::Donut { vec!["40%", "68%"].into() } else { "68%".into() };
                chart.series(Pie::new().name(name).radius(radius).data(named).label(Label::new().show(true)))
            }
            _ => {
                let position = if spec.kind == Kind::Hbar { LabelPosition::Right } else { LabelPosition::Top };
                let mut bar = Bar::new().name(name).data(points).label(Label::new().show(true).position(position));
                if spec.kind == Kind::Stacked {
                    bar = bar.stack("total").label(Label::new().show(true).position(LabelPosition::Inside));
                }
                chart.series(bar)
            }
        };
    }
    let mut v = serde_json::to_value(&chart).expect("charming's Chart serialises to JSON");
    v["tooltip"]["renderMode"] = json!("richText");
    v["aria"]["label"] = json!({ "enabled": true, "description": description });
    // Long Kazakh and Russian category names wrap instead of being hidden
    // (ECharts drops overlapping category labels by default), with an
    // explicit line height: ECharts measures it with a CJK glyph, which falls
    // back to a narrow box on machines without CJK fonts, and wrapped lines
    // would overlap.
    match spec.kind {
        Kind::Hbar => {
            v["yAxis"]["axisLabel"] = json!({ "width": 150, "overflow": "break", "interval": 0, "lineHeight": 16 });
            // Room for the value labels at the bars' ends.
            let widest = plot
                .rows
                .iter()
                .flat_map(|&r| plot.cols.iter().map(move |&c| (r, c)))
                .map(|(r, c)| fmt_value(env, plot, r, c).chars().count())
                .max()
                .unwrap_or(4);
            v["grid"][0]["right"] = json!(16 + 8 * widest);
        }
        Kind::Pie | Kind::Donut => {}
        _ => v["xAxis"]["axisLabel"] = json!({ "width": 110, "overflow": "break", "interval": 0, "lineHeight": 16 }),
    }
    // Partial periods (e.g. January–October) are hatched so they never read
    // as a complete year.
    if let Some(series) = v["series"].as_array_mut() {
        for s in series {
            if let Some(data) = s["data"].as_array_mut() {
                for (i, item) in data.iter_mut().enumerate() {
                    if plot.rows.get(i).is_some_and(|&r| ds.categories[r].partial) && item.is_object() {
                        // The faded bar must not fade its value label below AA contrast.
                        item["label"] = json!({ "opacity": 1 });
                        item["itemStyle"]["decal"] = json!({ "symbol": "rect", "dashArrayX": [1, 0], "dashArrayY": [3, 4], "rotation": -std::f64::consts::FRAC_PI_4, "color": "rgba(255,255,255,0.6)" });
                    }
                }
            }
        }
    }
    v
}

fn point(spec: &ChartSpec, plot: &Plot, row: usize, col: usize) -> DataPoint {
    let ds = plot.ds;
    let value = ds.series[col].values[row];
    let cat = &ds.categories[row];
    let highlighted = spec.highlight.as_deref() == Some(cat.id.as_str());
    if cat.partial {
        DataPointItem::new(value).item_style(ItemStyle::new().opacity(0.6)).into()
    } else if highlighted {
        DataPointItem::new(value).item_style(ItemStyle::new().color(HIGHLIGHT)).into()
    } else {
        DataPoint::from(value)
    }
}
