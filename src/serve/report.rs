//! The lines `serve` prints: one per build, saying what triggered it, how
//! long it took (from its start to the reload message) and which output
//! files changed; on failure, every problem (as `baspa build` prints them)
//! and a closing line.

use super::state::{Outcome, Rebuilt};
use crate::error::plural;
use crate::output::Output;

/// Changed files listed by name before "and N more".
const LISTED: usize = 5;

/// The first build, before the server is ready.
pub fn first(out: &Output, rebuilt: &Rebuilt) {
    let ms = rebuilt.elapsed.as_millis();
    match &rebuilt.outcome {
        Outcome::Built { pages, files, warnings, .. } => {
            warn(out, warnings);
            out.line(format!("built {} ({}) in {ms} ms, in memory", plural(*pages, "page", "pages"), plural(*files, "file", "files")))
        }
        Outcome::Failed(errors) => failed(out, errors, &format!("build failed in {ms} ms")),
    }
    out.stages(&rebuilt.stages);
}

/// A rebuild after `changed` sources changed.
pub fn rebuild(out: &Output, changed: &[String], rebuilt: &Rebuilt) {
    let cause = cause(changed);
    let ms = rebuilt.elapsed.as_millis();
    match &rebuilt.outcome {
        Outcome::Built { changes, recovered, pages, rerendered, warnings, .. } => {
            warn(out, warnings);
            let back = if *recovered { "the site builds again; " } else { "" };
            let what = if changes.is_empty() {
                "no output changed".to_string()
            } else {
                let paths = changes.paths();
                let mut list = paths.iter().take(LISTED).copied().collect::<Vec<_>>().join(", ");
                if paths.len() > LISTED {
                    list += &format!(" and {} more", paths.len() - LISTED);
                }
                format!("{} changed: {list}", plural(changes.count(), "file", "files"))
            };
            out.line(format!("rebuilt in {ms} ms ({cause}), {rerendered} of {pages} pages rendered: {back}{what}"));
        }
        Outcome::Failed(errors) => failed(out, errors, &format!("build failed in {ms} ms ({cause})")),
    }
    out.stages(&rebuilt.stages);
}

/// Warnings, unless quiet: printed when they first appear, not on every save.
fn warn(out: &Output, warnings: &[crate::error::Diagnostic]) {
    if !out.quiet {
        for w in warnings {
            out.problem(format!("warning: {w}"));
        }
    }
}

fn failed(out: &Output, errors: &crate::error::Diagnostics, head: &str) {
    out.problem(errors.to_string());
    out.problem(format!("{head}: {}; pages show them until they are fixed", plural(errors.len(), "error", "errors")));
}

/// `content/en/01-calls.md`, or `content/en/01-calls.md and 2 more`.
fn cause(changed: &[String]) -> String {
    match changed {
        [] => "no change".into(),
        [one] => one.clone(),
        [first, rest @ ..] => format!("{first} and {} more", rest.len()),
    }
}
