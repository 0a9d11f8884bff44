//! Charts: a ```` ```chart ```` block and its dataset become a numbered
//! `<figure>` that works for every reader: the interactive ECharts chart
//! (its option built in [`option`]), a description written from the data
//! in the page's language for screen readers ([`describe`]), a real table of
//! exactly the plotted data and its CSV ([`table`]), the source and a
//! citation. [`spec`] reads the block, [`plot`] checks it against its
//! dataset; this file writes the figure.

mod describe;
mod option;
pub mod plot;
pub mod spec;
mod table;

use crate::error::Diagnostic;
use crate::model::{OutputFile, Ui};
use crate::render::env::Env;
use crate::render::html::{escape, json_for_script};
use spec::{ChartBlock, Kind};

/// The figure's HTML and its CSV file.
pub fn figure(env: &Env, block: &ChartBlock) -> Result<(String, Vec<OutputFile>), Diagnostic> {
    let spec = &block.spec;
    let plot = plot::plan(env, block)?;
    let lang = env.page.lang.as_str();
    let ds = plot.ds;
    let number = env.figures.get(&spec.id).map_or(0, |f| f.number);
    let title = spec.title.clone().unwrap_or_else(|| ds.title.get(lang).to_string());
    let description = describe::describe(env, &plot, &title);
    let option = option::option(env, spec, &plot, &description);
    let csv_path = format!("{lang}/figures/{}.csv", spec.id);
    let csv_url = env.site.config.base_url.rel(&csv_path);
    let figure_label = env.t(Ui::FigureLabel).replace("{n}", &number.to_string());
    let citation = env.t(Ui::FigureCite).replace("{figure}", &figure_label).replace("{report}", env.citation);

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
    h += &format!("<details class=\"chart-table\" open><summary>{}</summary>{}</details>", escape(env.t(Ui::DataTable)), table::html(env, &plot));
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
    h += &format!("<p class=\"chart-source\">{} {source}</p>", escape(env.t(Ui::Source)));
    h += &format!("<p class=\"chart-actions\"><a class=\"chart-download\" href=\"{}\" download>{}</a></p>", escape(&csv_url), escape(env.t(Ui::DownloadCsv)));
    h += &format!("<p class=\"chart-cite\">{}</p></figure>", escape(&citation));
    let csv = OutputFile::new(csv_path, table::csv(env, &plot, &title, &citation).into_bytes());
    Ok((h, vec![csv]))
}
