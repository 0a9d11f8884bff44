//! `baspa check`: every check a build makes, without writing anything, plus
//! what a build cannot know from the sources alone — data files that no page
//! uses, translations older than the page they translate (from git), and,
//! on request, external links that no longer answer.
//!
//! A build stops at the first stage that fails; `check` goes as far as it
//! can, so one run lists as many problems as possible: the data-usage and
//! translation checks need only the loaded files, and a report that fails
//! to parse only because pages lack translations is still rendered (with
//! stand-ins for the missing files) to find its broken links.

mod external;
mod findings;
mod recovery;
mod stale;
mod usage;

use std::path::PathBuf;
use std::time::{Duration, Instant};

use crate::config::Config;
use crate::error::{Diagnostic, SourceText};
use crate::load;
use crate::pipeline::Stages;

pub use findings::{Finding, Severity, json as findings_json};

pub struct CheckOptions {
    pub root: PathBuf,
    /// Stale translations are errors, not warnings.
    pub strict: bool,
    /// Also request every external link.
    pub external: bool,
}

/// What one run found, and the size of the site when it rendered.
pub struct Report {
    pub findings: Vec<Finding>,
    pub stages: Stages,
    pub elapsed: Duration,
    /// Languages, pages and figures, when the site rendered.
    pub site: Option<(usize, usize, usize)>,
    /// External links requested, with `--external`.
    pub external_links: Option<usize>,
}

impl Report {
    pub fn count(&self, severity: Severity) -> usize {
        self.findings.iter().filter(|f| f.severity == severity).count()
    }

    pub fn passed(&self) -> bool {
        self.count(Severity::Error) == 0
    }
}

pub fn run(opts: &CheckOptions) -> Report {
    let started = Instant::now();
    let mut run = Run { findings: Vec::new(), stages: Stages::new() };
    let (site, external_links) = run.checks(opts);
    let Run { mut findings, stages } = run;
    findings::sort_and_dedup(&mut findings);
    Report { findings, stages, elapsed: started.elapsed(), site, external_links }
}

/// Languages, pages and figures of the rendered site; external links requested.
type Counts = (Option<(usize, usize, usize)>, Option<usize>);

struct Run {
    findings: Vec<Finding>,
    stages: Stages,
}

impl Run {
    fn errors(&mut self, diagnostics: impl IntoIterator<Item = Diagnostic>) {
        self.findings.extend(diagnostics.into_iter().map(Finding::error));
    }

    /// The checks in order; each step runs as far as the ones before allow.
    fn checks(&mut self, opts: &CheckOptions) -> Counts {
        let Some((config_text, config, sources)) = self.load(&opts.root) else { return (None, None) };
        let unused = self.stages.time("data usage", || usage::unused(&sources));
        self.errors(unused);
        let stale = self.stages.time("translations", || stale::check(&opts.root, &config, &sources.pages, opts.strict));
        self.findings.extend(stale);
        // Kept for placing external links: parsing consumes the sources.
        let texts: Vec<SourceText> = std::iter::once(&config_text).chain(&sources.data).chain(&sources.templates).cloned().collect();
        let outcome = self.stages.time("render", || recovery::render(config_text, config, sources));
        self.rendered(opts, outcome, &texts)
    }

    fn load(&mut self, root: &std::path::Path) -> Option<(SourceText, Config, load::Sources)> {
        let loaded = self.stages.time("load", || load::config(root)).and_then(|text| {
            let config = self.stages.time("parse", || Config::parse(&text, None))?;
            let sources = self.stages.time("load", || load::sources(root, text.clone(), &config.theme))?;
            Ok((text, config, sources))
        });
        loaded.map_err(|e| self.errors(e.into_sorted())).ok()
    }

    /// What rendering found, then external links when asked for and possible.
    fn rendered(&mut self, opts: &CheckOptions, outcome: recovery::Outcome, texts: &[SourceText]) -> Counts {
        self.errors(outcome.errors);
        let skipped = "were not checked: fix the errors above, then check again";
        let built = match outcome.built {
            Some(built) if outcome.complete => built,
            _ => {
                if outcome.skipped {
                    self.findings.push(Finding::note("", format!("links, anchors and figures {skipped}")));
                }
                if opts.external {
                    self.findings.push(Finding::note("", format!("external links {skipped}")));
                }
                return (None, None);
            }
        };
        let counts = Some((built.site.config.languages.len(), built.rendered.pages, built.rendered.figures));
        if !opts.external {
            return (counts, None);
        }
        let (found, requested) = self.stages.time("external links", || external::check(&built.site, &built.rendered.files, texts));
        self.findings.extend(found);
        (counts, Some(requested))
    }
}

/// The closing line: `check passed: …` or `check failed: …`.
pub fn summary(report: &Report) -> String {
    let (errors, warnings) = (report.count(Severity::Error), report.count(Severity::Warning));
    let plural = crate::output::plural;
    let ms = report.elapsed.as_millis();
    let mut what = match report.site {
        Some((l, p, f)) => format!("{}, {}, {}", plural(l, "language", "languages"), plural(p, "page", "pages"), plural(f, "figure", "figures")),
        None => "the site did not render".into(),
    };
    if let Some(n) = report.external_links {
        what += &format!(", {}", plural(n, "external link", "external links"));
    }
    if errors > 0 {
        let warn = if warnings > 0 { format!(", {}", plural(warnings, "warning", "warnings")) } else { String::new() };
        return format!("check failed: {}{warn} ({what}; {ms} ms)", plural(errors, "error", "errors"));
    }
    let warn = if warnings > 0 { format!(" with {}", plural(warnings, "warning", "warnings")) } else { String::new() };
    format!("check passed{warn}: {what} in {ms} ms; nothing was written")
}
