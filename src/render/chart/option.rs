//! The ECharts option of a chart (the only user of charming): what the page
//! carries in its JSON block and the build draws from. Colours, formatters
//! and layout for a given width are `prepare.js`'s, shared with the browser.

use charming::Chart;
use charming::component::{Axis, Grid, Legend};
use charming::datatype::{DataPoint, DataPointItem};
use charming::element::{AxisType, Label, LabelPosition, Tooltip, Trigger};
use charming::series::{Bar, Line, Pie};
use serde_json::{Value as Json, json};

use super::plot::{Plot, fmt_value, row_label};
use super::spec::{ChartSpec, Kind};
use crate::fonts;
use crate::render::env::Env;

/// The ECharts option. charming builds the structure; the few settings its
/// types cannot express (`tooltip.renderMode`, axis label wrapping) are set
/// on the JSON value. Colours are not set here: `prepare.js` paints each
/// scheme, and finds highlighted and partial items by their `baspa` mark.
pub fn option(env: &Env, spec: &ChartSpec, plot: &Plot) -> Json {
    // Approximate values carry their mark on the axis too, as in the table.
    // A no-break space keeps the mark with its label when a label wraps.
    let labels: Vec<String> = plot
        .rows
        .iter()
        .map(|&r| if plot.category(r).is_some_and(|c| c.approximate) { format!("{}\u{a0}(≈)", row_label(env, plot, r)) } else { row_label(env, plot, r) })
        .collect();
    let chart = series(env, spec, plot, frame(spec, plot, &labels), &labels);
    let mut v = serde_json::to_value(&chart).expect("charming's Chart serialises to JSON");
    v["tooltip"]["renderMode"] = json!("richText");
    wrap_labels(env, spec, plot, &mut v);
    mark_items(spec, plot, &mut v);
    if narrow_flip(env, spec, plot, &labels) {
        v["baspa"] = json!({ "narrowFlip": true });
    }
    v
}

/// The chart without its series: palette, accessibility, tooltip, grid,
/// legend and axes.
fn frame(spec: &ChartSpec, plot: &Plot, labels: &[String]) -> Chart {
    let pie = spec.kind.is_pie();
    let mut chart = Chart::new()
        .tooltip(Tooltip::new().trigger(if pie { Trigger::Item } else { Trigger::Axis }))
        .grid(Grid::new().contain_label(true).left(8).right(32).top(if plot.cols.len() > 1 { 40 } else { 16 }).bottom(8));
    if plot.cols.len() > 1 || pie {
        chart = chart.legend(Legend::new().top(0));
    }
    let category_axis = Axis::new().type_(AxisType::Category).data(labels.to_vec());
    let value_axis = Axis::new().type_(AxisType::Value);
    match spec.kind {
        Kind::Hbar => chart.y_axis(category_axis.inverse(true)).x_axis(value_axis),
        Kind::Pie | Kind::Donut => chart,
        _ => chart.x_axis(category_axis).y_axis(value_axis),
    }
}

/// One series per plotted column, of the chart's kind.
fn series(env: &Env, spec: &ChartSpec, plot: &Plot, mut chart: Chart, labels: &[String]) -> Chart {
    let lang = env.page.lang.as_str();
    for &c in &plot.cols {
        let name = plot.series_label(c, lang).to_string();
        let points: Vec<DataPoint> = plot.rows.iter().map(|&r| point(plot, r, c)).collect();
        chart = match spec.kind {
            Kind::Line => chart.series(Line::new().name(name).data(points).label(Label::new().show(true).position(LabelPosition::Top))),
            Kind::Pie | Kind::Donut => {
                let named: Vec<DataPoint> = plot.rows.iter().zip(labels).map(|(&r, l)| DataPointItem::new(plot.value(r, c)).name(l.clone()).into()).collect();
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
    chart
}

/// Width of the plot of a narrow (phone) drawing, in px.
const NARROW_PLOT: f64 = 280.0;

/// Whether a chart of vertical bars turns its bars horizontal on a phone
/// (`prepare.js` flips it below 480 px): when its category labels cannot
/// stand side by side in two lines each (long Kazakh and Russian names,
/// twelve months), or the values written over plain or grouped bars are
/// wider than the bars ("19,410.3" over a 30 px bar would overlap its
/// neighbour's), they get a line each instead.
fn narrow_flip(env: &Env, spec: &ChartSpec, plot: &Plot, labels: &[String]) -> bool {
    if !matches!(spec.kind, Kind::Bar | Kind::Grouped | Kind::Stacked) || labels.is_empty() {
        return false;
    }
    let slot = NARROW_PLOT / labels.len() as f64 - 4.0;
    let labels_crowd = labels.iter().any(|l| {
        let widest_word = l.split_whitespace().map(|w| fonts::measure_text(w, "12px")).fold(0.0, f64::max);
        widest_word > slot || fonts::measure_text(l, "12px") > 2.0 * slot
    });
    if labels_crowd || spec.kind == Kind::Stacked {
        return labels_crowd;
    }
    // ECharts leaves 20% of a category's width between categories and 30%
    // of a bar's width between the bars of one category.
    let bars = plot.cols.len() as f64;
    let bar = NARROW_PLOT / labels.len() as f64 * 0.8 / (bars + 0.3 * (bars - 1.0));
    let widest_value =
        plot.rows.iter().flat_map(|&r| plot.cols.iter().map(move |&c| fmt_value(env, plot, r, c))).map(|v| fonts::measure_text(&v, "12px")).fold(0.0, f64::max);
    widest_value > bar + 6.0
}

/// Whether `option` turns horizontal on a phone (see [`narrow_flip`]).
pub fn flips_when_narrow(option: &Json) -> bool {
    option["baspa"]["narrowFlip"] == json!(true)
}

/// Category labels wrap rather than hide, with room for end labels.
fn wrap_labels(env: &Env, spec: &ChartSpec, plot: &Plot, v: &mut Json) {
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
}

/// Highlighted categories and partial periods (January–October) carry a
/// mark that `prepare.js` paints in each scheme: the highlight colour, or a
/// hatch that never lets a part of a year read as a whole one.
fn mark_items(spec: &ChartSpec, plot: &Plot, v: &mut Json) {
    let Some(series) = v["series"].as_array_mut() else { return };
    for s in series {
        let Some(data) = s["data"].as_array_mut() else { continue };
        for (item, &row) in data.iter_mut().zip(&plot.rows) {
            let Some(cat) = plot.category(row) else { continue };
            let mark = if cat.partial {
                "partial"
            } else if spec.highlight.as_ref() == Some(&cat.id) {
                "highlight"
            } else {
                continue;
            };
            let value = item.get("value").cloned().unwrap_or_else(|| item.clone());
            let name = item.get("name").cloned();
            *item = json!({ "value": value, "baspa": mark });
            if let Some(name) = name {
                item["name"] = name;
            }
        }
    }
}

fn point(plot: &Plot, row: usize, col: usize) -> DataPoint {
    DataPoint::from(plot.value(row, col))
}
