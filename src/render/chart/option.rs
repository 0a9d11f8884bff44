//! The ECharts option of a chart. charming builds the structure (the only
//! user of charming); the few settings its types cannot express
//! (`tooltip.renderMode`, `aria.label.description`, item decals, axis label
//! wrapping) are set on the JSON value.

use charming::Chart;
use charming::component::{Aria, Axis, Decal, Grid, Legend};
use charming::datatype::{DataPoint, DataPointItem};
use charming::element::{AxisType, ItemStyle, Label, LabelPosition, Tooltip, Trigger};
use charming::series::{Bar, Line, Pie};
use serde_json::{Value as Json, json};

use super::plot::{Plot, fmt_value, row_label};
use super::spec::{ChartSpec, Kind};
use crate::render::env::Env;

/// Colour-blind-safe palette (Okabe–Ito), dark enough on white for labels.
const PALETTE: [&str; 6] = ["#0b6fa4", "#c25e00", "#2e7d5b", "#a3467a", "#6b5d00", "#5a5a9c"];
const HIGHLIGHT: &str = "#b3261e";

/// The ECharts option. charming builds the structure; the few settings its
/// types cannot express (`tooltip.renderMode`, `aria.label.description`,
/// item decals, axis label wrapping) are set on the JSON value.
pub fn option(env: &Env, spec: &ChartSpec, plot: &Plot, description: &str) -> Json {
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
    v["aria"]["label"] = json!({ "enabled": true, "description": description });
    wrap_labels(env, spec, plot, &mut v);
    hatch_partials(plot, &mut v);
    v
}

/// The chart without its series: palette, accessibility, tooltip, grid,
/// legend and axes.
fn frame(spec: &ChartSpec, plot: &Plot, labels: &[String]) -> Chart {
    let pie = spec.kind.is_pie();
    let mut chart = Chart::new()
        .color(PALETTE.to_vec())
        .aria(Aria::new().enabled(true).decal(Decal::new().show(false)))
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
        let points: Vec<DataPoint> = plot.rows.iter().map(|&r| point(spec, plot, r, c)).collect();
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

fn hatch_partials(plot: &Plot, v: &mut Json) {
    // Partial periods (e.g. January–October) are hatched so they never read
    // as a complete year.
    if let Some(series) = v["series"].as_array_mut() {
        for s in series {
            if let Some(data) = s["data"].as_array_mut() {
                for (i, item) in data.iter_mut().enumerate() {
                    if plot.rows.get(i).and_then(|&r| plot.category(r)).is_some_and(|c| c.partial) && item.is_object() {
                        // The faded bar must not fade its value label below AA contrast.
                        item["label"] = json!({ "opacity": 1 });
                        item["itemStyle"]["decal"] = json!({ "symbol": "rect", "dashArrayX": [1, 0], "dashArrayY": [3, 4], "rotation": -std::f64::consts::FRAC_PI_4, "color": "rgba(255,255,255,0.6)" });
                    }
                }
            }
        }
    }
}

fn point(spec: &ChartSpec, plot: &Plot, row: usize, col: usize) -> DataPoint {
    let value = plot.value(row, col);
    let Some(cat) = plot.category(row) else { return DataPoint::from(value) };
    let highlighted = spec.highlight.as_ref() == Some(&cat.id);
    if cat.partial {
        DataPointItem::new(value).item_style(ItemStyle::new().opacity(0.6)).into()
    } else if highlighted {
        DataPointItem::new(value).item_style(ItemStyle::new().color(HIGHLIGHT)).into()
    } else {
        DataPoint::from(value)
    }
}
