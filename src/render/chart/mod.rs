//! Charts: a ```` ```chart ```` block and its dataset become a numbered
//! `<figure>` that works for every reader: a static drawing made at build
//! time by ECharts itself ([`draw`], through [`engine`], [`svg`], [`raster`]),
//! which becomes the interactive chart when a reader reaches for it (its
//! option built in [`option`], adjusted by `prepare.js` in both places); a
//! description written from the data in the page's language ([`describe`]);
//! a real table of exactly the plotted data and its CSV ([`table`]); the
//! source, downloads, a permalink and a citation. [`spec`] reads the block,
//! [`plot`] checks it against its dataset; this file writes the figure, and
//! [`print`] gives the same figure as text for the PDF.

mod cache;
mod describe;
mod downloads;
mod draw;
pub mod engine;
mod option;
pub mod plot;
pub mod print;
mod raster;
pub mod spec;
mod svg;
mod table;

pub use cache::{begin as begin_build, end as end_build};

use crate::error::Diagnostic;
use crate::model::{OutputFile, Ui};
use crate::render::env::Env;
use crate::render::html::{escape, json_for_script};
use crate::yaml::Step;
use spec::ChartBlock;

/// A figure as the page shows it.
pub struct Figure {
    pub html: String,
    pub files: Vec<OutputFile>,
    /// The Open Graph image's site path (for the page's first figure).
    pub og_image: Option<String>,
}

/// The figure's HTML and its files. `first` asks for the page's Open Graph image too.
pub fn figure(env: &Env, block: &ChartBlock, first: bool) -> Result<Figure, Diagnostic> {
    let spec = &block.spec;
    let plot = plot::plan(env, block)?;
    let lang = env.page.lang.as_str();
    let base = &env.site.config.base_url;
    let ds = plot.ds;
    let id = &spec.id;
    let title = print::title(block, ds, lang);
    let description = describe::describe(env, &plot, &title);
    let option = option::option(env, spec, &plot);
    let drawn = draw::figure(env, spec, &plot, &option, &title, &description, first).map_err(|why| {
        let doc = block.yaml.doc(&env.page.source);
        doc.error_at_path(&[Step::Key("id")], format!("chart `{id}` could not be drawn: {why}"))
    })?;
    let figure_label = print::label(env, block);
    let permalink = base.abs(&format!("{}#fig-{id}", env.page.site_path()));
    let cite = |template: &str| {
        template
            .replace("{report}", &env.citation.text)
            .replace("{figure}", figure_label.trim_end_matches('.'))
            .replace("{title}", title.trim_end_matches('.'))
            .replace("{url}", &permalink)
    };
    let template = env.t(Ui::FigureCite);
    let citation = cite(template);
    // The reference itself, without the page's "How to cite this figure:" lead-in.
    let reference = cite(template.find("{report}").map_or(template, |i| &template[i..]));
    let stem = format!("{lang}/figures/{id}");

    let mut h = String::with_capacity(4096);
    h += &format!(
        "<figure class=\"chart\" id=\"fig-{id}\"><figcaption><span class=\"figure-number\">{}</span> <span class=\"figure-title\">{}</span></figcaption>",
        escape(&figure_label),
        escape(&title)
    );
    h += &format!(
        "<div class=\"chart-box\" id=\"chart-{id}\" data-chart=\"chart-data-{id}\" data-unit=\"{}\" data-decimals=\"{}\">{}<button class=\"chart-explore\" type=\"button\">{}</button></div>",
        if ds.style.percent { "percent" } else { "number" },
        ds.style.decimals,
        drawn.picture,
        escape(env.t(Ui::ChartExplore))
    );
    h += &format!("<script type=\"application/json\" id=\"chart-data-{id}\">{}</script>", json_for_script(&option));
    h += &format!("<details class=\"chart-table\"><summary>{}</summary>{}</details>", escape(env.t(Ui::DataTable)), table::html(env, &plot));
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
    let link = |href: &str, class: &str, text: &str, download: bool| {
        format!("<li><a class=\"{class}\" href=\"{}\"{}>{}</a></li>", escape(href), if download { " download" } else { "" }, escape(text))
    };
    h += "<ul class=\"chart-actions\">";
    h += &link(&base.rel(&format!("{stem}.csv")), "chart-download", env.t(Ui::DownloadCsv), true);
    h += &link(&base.rel(&format!("{stem}.xlsx")), "chart-download", env.t(Ui::DownloadXlsx), true);
    h += &link(&drawn.svg_url, "chart-download", env.t(Ui::DownloadSvg), true);
    h += &link(&drawn.png_url, "chart-download", env.t(Ui::DownloadPng), true);
    h += &link(&format!("#fig-{id}"), "chart-permalink", env.t(Ui::ChartLink), false);
    h += "</ul>";
    h += &format!("<p class=\"chart-cite\">{}</p></figure>", escape(&citation));
    let mut files = drawn.files;
    let about = downloads::About { title: &format!("{figure_label} {title}"), citation: &reference, permalink: &permalink };
    files.extend(
        downloads::files(env, &plot, &about, &stem)
            .map_err(|why| block.yaml.doc(&env.page.source).error_at_path(&[Step::Key("id")], format!("chart `{id}`: {why}")))?,
    );
    Ok(Figure { html: h, files, og_image: drawn.og_image })
}
