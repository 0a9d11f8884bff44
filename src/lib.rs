//! baspa publishes a data-heavy report as a multilingual static website.
//!
//! A build is four stages, each in its own module, each handing its output
//! to the next: [`load`] reads the project from disk (config, Markdown pages,
//! data files, theme); [`parse`] validates it into a [`model::Site`], with
//! every cross-file check; [`render`] turns the site into files in memory
//! (Markdown, charts, templates, assets); [`write`] puts them in the output
//! folder atomically. Errors in user input are collected as located
//! [`error::Diagnostic`]s and reported together; nothing is written then.
//!
//! The editor's commands reuse the first three stages through
//! [`pipeline`]: [`serve`] keeps the rendered site in memory and rebuilds
//! it on every change, [`check`] adds what a build cannot know (unused data
//! files, stale translations, dead external links), and [`scaffold`]
//! starts a report or adds a page.

pub mod check;
pub mod config;
pub mod echarts;
pub mod error;
pub mod fonts;
#[doc(hidden)]
pub mod fuzzing;
pub mod guard;
pub mod id;
pub mod link;
pub mod load;
pub mod locale;
pub mod model;
pub mod output;
pub mod parse;
#[cfg(feature = "pdf")]
pub mod pdf;
pub mod pipeline;
pub mod render;
pub mod scaffold;
pub mod search;
#[cfg(feature = "serve")]
pub mod serve;
pub mod text;
pub mod timing;
pub mod write;
pub mod yaml;

use std::path::PathBuf;
use std::time::{Duration, Instant};

use error::Diagnostics;
use timing::Stages;

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
    /// What the site cannot show as the sources say it; the build went on.
    pub warnings: Vec<error::Diagnostic>,
    pub languages: usize,
    pub pages: usize,
    pub figures: usize,
    pub files: usize,
    pub elapsed: Duration,
    /// Each stage's duration, for `--verbose`.
    pub stages: Stages,
    /// What the editor should know about the result, printed as `note:` lines.
    pub notes: Vec<String>,
}

/// Build the site. On error nothing is written and every problem is returned.
pub fn build(opts: &BuildOptions) -> Result<Summary, Diagnostics> {
    let started = Instant::now();
    let mut stages = Stages::new();
    let built = guard::guarded(|| pipeline::render(&opts.root, opts.base_url.as_deref(), opts.drafts, &mut stages, None))?;
    let (site, rendered) = (built.site, built.rendered);
    stages.time("write", || write::site(&opts.root, &opts.out, &rendered.files, opts.force))?;
    Ok(Summary {
        warnings: rendered.warnings,
        languages: site.config.languages.len(),
        pages: rendered.pages,
        figures: rendered.figures,
        files: rendered.files.len(),
        elapsed: started.elapsed(),
        stages,
        notes: render::site_files::notes(&site),
    })
}
