//! A figure as a printed document shows it: the same number, title,
//! description, table, caption, notes and source as the page's figure
//! ([`super::figure`]), as text for the PDF; its drawing is the page's wide
//! light SVG.

use super::spec::ChartBlock;
use crate::model::{Dataset, Ui};
use crate::render::env::Env;
#[cfg(feature = "pdf")]
use {
    super::table::{self, Grid},
    super::{describe, plot},
    crate::error::Diagnostic,
};

#[cfg(feature = "pdf")]
pub struct Printed {
    /// "Figure 3.", as the page writes it.
    pub label: String,
    pub title: String,
    /// What the drawing shows, for readers who cannot see it.
    pub description: String,
    pub table: Grid,
    pub caption: Option<String>,
    pub notes: Option<String>,
    /// "Source:" and the source, with its address if it has one.
    pub source_label: String,
    pub source: String,
    pub source_url: Option<String>,
}

/// The figure of a chart block, checked as the page's figure is.
#[cfg(feature = "pdf")]
pub fn printed(env: &Env, block: &ChartBlock) -> Result<Printed, Diagnostic> {
    let plot = plot::plan(env, block)?;
    let lang = env.page.lang.as_str();
    let title = title(block, plot.ds, lang);
    Ok(Printed {
        label: label(env, block),
        description: describe::describe(env, &plot, &title),
        table: table::grid(env, &plot),
        caption: block.spec.caption.clone(),
        notes: plot.ds.notes.as_ref().map(|n| n.get(lang).to_string()),
        source_label: env.t(Ui::Source).to_string(),
        source: plot.ds.source.get(lang).to_string(),
        source_url: plot.ds.source_url.clone(),
        title,
    })
}

/// The block's title, or its data file's in the page's language.
pub fn title(block: &ChartBlock, ds: &Dataset, lang: &str) -> String {
    block.spec.title.clone().unwrap_or_else(|| ds.title.get(lang).to_string())
}

/// "Figure 3." in the page's language.
pub fn label(env: &Env, block: &ChartBlock) -> String {
    let number = env.figures.get(&block.spec.id).map_or(0, |f| f.number);
    env.t(Ui::FigureLabel).replace("{n}", &number.to_string())
}
