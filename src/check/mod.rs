//! `baspa check`: every check a build makes, without writing anything, plus
//! what a build cannot know from the sources alone — data files that no page
//! uses, translations older than the page they translate (from git), and,
//! on request, external links that no longer answer.
//!
//! It runs the build's own stages ([`crate::pipeline`]) one by one and goes
//! as far as it can, so one run lists as many problems as possible: a report
//! that fails to parse only because pages lack translations is still
//! rendered (with stand-ins for the missing files) to find its broken links.

#[cfg(feature = "external")]
mod external;
mod findings;
mod placeholders;
mod recovery;
mod stale;
mod usage;

use std::path::PathBuf;
use std::time::{Duration, Instant};

use crate::error::{Diagnostic, plural};
use crate::pipeline::{self, Loaded};
use crate::timing::Stages;

pub use findings::{Finding, Severity, github as findings_github, json as findings_json};

pub struct CheckOptions {
    pub root: PathBuf,
    /// Overrides the config's `base_url`, as `build --base-url` does.
    pub base_url: Option<String>,
    /// Include pages marked `draft: true`.
    pub drafts: bool,
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
    let (site, external_links) = crate::guard::guarded(|| Ok(run.checks(opts))).unwrap_or_else(|e| {
        run.errors(e);
        (None, None)
    });
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

const SKIPPED: &str = "were not checked: fix the errors above, then check again";

impl Run {
    fn errors(&mut self, diagnostics: impl IntoIterator<Item = Diagnostic>) {
        self.findings.extend(diagnostics.into_iter().map(Finding::error));
    }

    /// The checks in order; each step runs as far as the ones before allow.
    fn checks(&mut self, opts: &CheckOptions) -> Counts {
        let loaded = match pipeline::load(&opts.root, opts.base_url.as_deref(), &mut self.stages) {
            Ok(l) => l,
            Err(e) => {
                self.errors(e);
                return (None, None);
            }
        };
        let stale = self.stages.time("translations", || stale::check(&opts.root, &loaded.config, &loaded.sources.pages, opts.strict));
        self.findings.extend(stale);
        self.findings.extend(placeholder_base_url(&loaded, opts.strict));
        self.findings.extend(placeholders::check(&loaded.sources.pages, opts.strict));
        let outcome = self.stages.time("render", || recovery::render(loaded, opts.drafts));
        self.errors(outcome.errors);
        if let Some(built) = &outcome.built {
            self.findings.extend(built.rendered.warnings.iter().cloned().map(Finding::warning));
        }
        let site = outcome.site.as_ref().or(outcome.built.as_ref().map(|b| &b.site));
        match (site, &outcome.data_used) {
            (Some(site), Some(used)) => {
                let unused = usage::unused(site, used);
                self.errors(unused);
            }
            _ => self.findings.push(Finding::note("", format!("unused data files {SKIPPED}"))),
        }
        let Some(built) = outcome.built.filter(|_| outcome.complete) else {
            if outcome.skipped {
                self.findings.push(Finding::note("", format!("links, anchors and figures {SKIPPED}")));
            }
            if opts.external {
                self.findings.push(Finding::note("", format!("external links {SKIPPED}")));
            }
            return (None, None);
        };
        let counts = Some((built.site.config.languages.len(), built.rendered.pages, built.rendered.figures));
        if !opts.external {
            return (counts, None);
        }
        #[cfg(feature = "external")]
        {
            let (found, requested) = self.stages.time("external links", || external::check(&built));
            self.findings.extend(found);
            (counts, Some(requested))
        }
        #[cfg(not(feature = "external"))]
        {
            let message = "this baspa was built without the `external` feature, so `--external` cannot request links";
            self.findings.push(Finding::error(crate::error::Diagnostic::run(message).with_hint("install it with the default features")));
            (counts, None)
        }
    }
}

/// A `base_url` on a reserved example domain goes into every citation and
/// canonical link: a warning (an error with `--strict`), so a release never
/// goes out with a placeholder address.
fn placeholder_base_url(loaded: &Loaded, strict: bool) -> Option<Finding> {
    let host = loaded.config.base_url.origin.split("://").nth(1)?.split(':').next()?.to_ascii_lowercase();
    let reserved = ["example.com", "example.org", "example.net", "example.github.io"].contains(&host.as_str())
        || host.ends_with(".example")
        || host == "example"
        || ["example.com", "example.org", "example.net"].iter().any(|d| host.ends_with(&format!(".{d}")));
    if !reserved {
        return None;
    }
    let doc = crate::yaml::Doc::whole(&loaded.config_text);
    let d = doc.error_at_path(&[crate::yaml::Step::Key("base_url")], format!("`base_url` is on the reserved example domain `{host}`"));
    let d = d.with_hint("set the site's real address here, or pass it with `--base-url`");
    Some(if strict { Finding::error(d) } else { Finding::warning(d) })
}

/// The closing line: `check passed: …` or `check failed: …`.
pub fn summary(report: &Report) -> String {
    let (errors, warnings) = (report.count(Severity::Error), report.count(Severity::Warning));
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
