//! baspa publishes a data-heavy report as a multilingual static website.
//!
//! A build is four stages, each in its own module, each handing its output
//! to the next: [`load`] reads the project from disk (config, Markdown pages,
//! data files, theme); [`parse`] validates it into a [`model::Site`], with
//! every cross-file check; [`render`] turns the site into files in memory
//! (Markdown, charts, templates, assets); [`write`] puts them in the output
//! folder atomically. Errors in user input are collected as located
//! [`error::Diagnostic`]s and reported together; nothing is written then.

pub mod assets;
pub mod config;
pub mod echarts;
pub mod error;
#[doc(hidden)]
pub mod fuzzing;
pub mod load;
pub mod locale;
pub mod model;
pub mod parse;
pub mod render;
pub mod text;
pub mod write;
pub mod yaml;

use std::path::PathBuf;
use std::time::{Duration, Instant};

use config::Config;
use error::Diagnostics;

/// What to build, from the command line.
pub struct BuildOptions {
    pub root: PathBuf,
    pub out: PathBuf,
    pub base_url: Option<String>,
    pub drafts: bool,
    /// Replace an output folder that baspa did not create.
    pub force: bool,
}

pub struct Summary {
    pub languages: usize,
    pub pages: usize,
    pub figures: usize,
    pub files: usize,
    pub elapsed: Duration,
}

/// Build the site. On error nothing is written and every problem is returned.
pub fn build(opts: &BuildOptions) -> Result<Summary, Diagnostics> {
    let started = Instant::now();
    let config_text = load::config(&opts.root)?;
    let config = Config::parse(&config_text, opts.base_url.as_deref())?;
    let sources = load::sources(&opts.root, config_text, &config.theme)?;
    let site = parse::site(sources, config, opts.drafts)?;
    let rendered = render::site(&site)?;
    write::site(&opts.out, &rendered.files, opts.force)?;
    Ok(Summary {
        languages: site.config.languages.len(),
        pages: rendered.pages,
        figures: rendered.figures,
        files: rendered.files.len(),
        elapsed: started.elapsed(),
    })
}
