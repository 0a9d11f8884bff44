//! A chart's description for screen readers, written in Rust from the data
//! in the page's language: ECharts' own reads badly ("0, 2.2, NaN").

use super::plot::{Plot, fmt_value, row_label};
use crate::model::Ui;
use crate::render::env::Env;

/// The title, every plotted value, the highest and lowest of a single
/// series, and the data file's notes.
pub fn describe(env: &Env, plot: &Plot, title: &str) -> String {
    let lang = env.page.lang.as_str();
    let mut parts = vec![format!("{title}.")];
    for &col in &plot.cols {
        let items: Vec<String> = plot.rows.iter().map(|&r| format!("{} — {}", row_label(env, plot, r), fmt_value(env, plot, r, col))).collect();
        parts.push(format!("{}: {}.", plot.series_label(col, lang), items.join("; ")));
    }
    if let ([col], true) = (plot.cols.as_slice(), plot.rows.len() > 2) {
        let by_value = |a: &usize, b: &usize| plot.value(*a, *col).total_cmp(&plot.value(*b, *col));
        if let (Some(max), Some(min)) = (plot.rows.iter().copied().max_by(by_value), plot.rows.iter().copied().min_by(by_value)) {
            parts.push(env.t(Ui::DescHighest).replace("{category}", &row_label(env, plot, max)).replace("{value}", &fmt_value(env, plot, max, *col)));
            parts.push(env.t(Ui::DescLowest).replace("{category}", &row_label(env, plot, min)).replace("{value}", &fmt_value(env, plot, min, *col)));
        }
    }
    if let Some(notes) = &plot.ds.notes {
        parts.push(notes.get(lang).to_string());
    }
    parts.join(" ")
}
