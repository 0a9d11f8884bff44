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
#[doc(hidden)]
pub mod fuzzing;
pub mod id;
pub mod link;
pub mod load;
pub mod locale;
pub mod model;
pub mod output;
pub mod parse;
pub mod pipeline;
pub mod render;
pub mod scaffold;
pub mod serve;
pub mod text;
pub mod timing;
pub mod write;
pub mod yaml;

use std::path::PathBuf;
use std::time::{Duration, Instant};

use error::{Diagnostic, Diagnostics};
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
    pub languages: usize,
    pub pages: usize,
    pub figures: usize,
    pub files: usize,
    pub elapsed: Duration,
    /// Each stage's duration, for `--verbose`.
    pub stages: Stages,
}

/// Build the site. On error nothing is written and every problem is returned.
pub fn build(opts: &BuildOptions) -> Result<Summary, Diagnostics> {
    let started = Instant::now();
    let mut stages = Stages::new();
    let built = guarded(|| pipeline::render(&opts.root, opts.base_url.as_deref(), opts.drafts, &mut stages, None))?;
    let (site, rendered) = (built.site, built.rendered);
    stages.time("write", || write::site(&opts.root, &opts.out, &rendered.files, opts.force))?;
    Ok(Summary {
        languages: site.config.languages.len(),
        pages: rendered.pages,
        figures: rendered.figures,
        files: rendered.files.len(),
        elapsed: started.elapsed(),
        stages,
    })
}

/// Run `f`, turning a panic — a bug in baspa, never an answer to bad input —
/// into an error the user can report, instead of exit code 101 (and, in
/// `serve`, a dead rebuild thread).
pub fn guarded<T>(f: impl FnOnce() -> Result<T, Diagnostics>) -> Result<T, Diagnostics> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(f)).unwrap_or_else(|panic| {
        let what = panic.downcast_ref::<&str>().map(|s| s.to_string()).or_else(|| panic.downcast_ref::<String>().cloned()).unwrap_or_default();
        let d = Diagnostic::run(format!("internal error: {what}"));
        Err(d.with_hint("this is a bug in baspa, not in the report: please report it with the files that cause it").into())
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_panic_becomes_an_error_to_report() {
        let result: Result<(), _> = super::guarded(|| panic!("index out of bounds"));
        let errors = result.unwrap_err().into_sorted();
        assert_eq!(errors[0].headline(), "internal error: index out of bounds");
        assert!(errors[0].hint.as_deref().is_some_and(|h| h.contains("bug in baspa")));
    }
}
