//! The plotted data as readers get it: an HTML table (readable without
//! JavaScript and on paper). The files to download are in `downloads`.

use super::plot::{Plot, fmt_value, row_label};
use crate::model::Ui;
use crate::render::env::Env;
use crate::render::html::escape;

/// A table of exactly the plotted values, formatted for the page's language.
pub fn html(env: &Env, plot: &Plot) -> String {
    let lang = env.page.lang.as_str();
    let unit = plot.ds.unit_label.as_ref().map(|u| format!(", {}", u.get(lang))).unwrap_or_default();
    let title = plot.ds.title.get(lang);
    let mut t = format!("<div class=\"table-wrap\" tabindex=\"0\" role=\"region\" aria-label=\"{}\"><table><thead><tr>", escape(title));
    t += &format!("<th scope=\"col\">{}</th>", escape(env.t(Ui::TableCategory)));
    for &c in &plot.cols {
        let label = plot.series_label(c, lang);
        let head = if plot.cols.len() == 1 { format!("{label}{unit}") } else { label.to_string() };
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
