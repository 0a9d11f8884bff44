//! The plotted data as readers get it: an HTML table (readable without
//! JavaScript and on paper), and the same rows for the PDF. The files to
//! download are in `downloads`.

use super::plot::{Plot, fmt_value, row_label};
use crate::model::Ui;
use crate::render::env::Env;
use crate::render::html::escape;

/// The plotted values as rows of text in the page's language: what the
/// HTML table and the PDF's table both show.
pub struct Grid {
    /// The data file's title, naming the table.
    pub title: String,
    /// The category column's heading, then one per series.
    pub head: Vec<String>,
    /// Each row: its category, then its values.
    pub rows: Vec<Vec<String>>,
}

pub fn grid(env: &Env, plot: &Plot) -> Grid {
    let lang = env.page.lang.as_str();
    let unit = plot.ds.unit_label.as_ref().map(|u| format!(", {}", u.get(lang))).unwrap_or_default();
    let mut head = vec![env.t(Ui::TableCategory).to_string()];
    for &c in &plot.cols {
        let label = plot.series_label(c, lang);
        head.push(if plot.cols.len() == 1 { format!("{label}{unit}") } else { label.to_string() });
    }
    let rows =
        plot.rows.iter().map(|&r| std::iter::once(row_label(env, plot, r)).chain(plot.cols.iter().map(|&c| fmt_value(env, plot, r, c))).collect()).collect();
    Grid { title: plot.ds.title.get(lang).to_string(), head, rows }
}

/// A table of exactly the plotted values, formatted for the page's language.
pub fn html(env: &Env, plot: &Plot) -> String {
    let grid = grid(env, plot);
    let mut t = format!("<div class=\"table-wrap\" tabindex=\"0\" role=\"region\" aria-label=\"{}\"><table><thead><tr>", escape(&grid.title));
    for (i, head) in grid.head.iter().enumerate() {
        let class = if i == 0 { "" } else { " class=\"align-right\"" };
        t += &format!("<th scope=\"col\"{class}>{}</th>", escape(head));
    }
    t += "</tr></thead><tbody>";
    for row in &grid.rows {
        let (label, values) = row.split_first().map_or(("", &[][..]), |(l, v)| (l.as_str(), v));
        t += &format!("<tr><th scope=\"row\">{}</th>", escape(label));
        for value in values {
            t += &format!("<td class=\"align-right\">{}</td>", escape(value));
        }
        t += "</tr>";
    }
    t + "</tbody></table></div>"
}
