//! One function per command: turn its arguments into the library's
//! options, run it, print what happened and its closing summary line, and
//! pick the exit code (0 done, 1 problems in the report or its folder).

use std::process::ExitCode;

use baspa::check::{self, CheckOptions};
use baspa::error::{Diagnostics, plural};
use baspa::output::Output;
#[cfg(feature = "serve")]
use baspa::serve::{self, ServeOptions};
use baspa::{BuildOptions, scaffold};

use crate::cli::{BuildArgs, CheckArgs, Format, NewArgs, NewCommand, ServeArgs};

pub fn build(args: BuildArgs, out: Output) -> ExitCode {
    let dest = if args.out.is_absolute() { args.out.clone() } else { args.root.join(&args.out) };
    let opts = BuildOptions { root: args.root, out: dest.clone(), base_url: args.base_url, drafts: args.drafts, force: args.force };
    match baspa::build(&opts) {
        Ok(s) => {
            // Warnings are not failures: quiet hides them.
            if !out.quiet {
                for w in &s.warnings {
                    out.problem(format!("warning: {w}"));
                }
            }
            out.stages(&s.stages);
            for note in &s.notes {
                out.line(format!("note: {note}"));
            }
            out.line(format!(
                "built {}, {}, {} ({}) in {} ms → {}",
                plural(s.languages, "language", "languages"),
                plural(s.pages, "page", "pages"),
                plural(s.figures, "figure", "figures"),
                plural(s.files, "file", "files"),
                s.elapsed.as_millis(),
                dest.display()
            ));
            ExitCode::SUCCESS
        }
        Err(errors) => failed(&out, &errors, "build failed", "; nothing was written"),
    }
}

#[cfg(feature = "serve")]
pub fn serve(args: ServeArgs, out: Output) -> ExitCode {
    let opts = ServeOptions { root: args.root, bind: args.bind, port: args.port, drafts: args.drafts, open: args.open };
    match serve::run(&opts, out) {
        Ok(summary) => {
            out.line(summary);
            ExitCode::SUCCESS
        }
        Err(d) => failed(&out, &d.into(), "serve failed", ""),
    }
}

/// A build without the preview server (`--no-default-features`) says so.
#[cfg(not(feature = "serve"))]
pub fn serve(_: ServeArgs, out: Output) -> ExitCode {
    out.problem(
        "error: this baspa was built without the `serve` feature\nhint: install it with the default features, or preview `public/` with any static server",
    );
    ExitCode::from(2)
}

pub fn check(args: CheckArgs, out: Output) -> ExitCode {
    let opts = CheckOptions { root: args.root, base_url: args.base_url, drafts: args.drafts, strict: args.strict, external: args.external };
    let report = check::run(&opts);
    let summary = check::summary(&report);
    match args.format {
        Format::Json => {
            out.data(check::findings_json(&report.findings));
            if !out.quiet || !report.passed() {
                out.problem(&summary);
            }
        }
        Format::Github => {
            // Workflow commands are read from stdout; the summary goes to the log.
            let commands = check::findings_github(&report.findings);
            if !commands.is_empty() {
                out.data(commands.trim_end());
            }
            if report.passed() { out.line(summary) } else { out.problem(summary) }
        }
        Format::Text => {
            for f in &report.findings {
                // Warnings and notes are not failures: quiet hides them.
                if f.severity == check::Severity::Error || !out.quiet {
                    out.problem(f.text());
                }
            }
            out.stages(&report.stages);
            if report.passed() { out.line(summary) } else { out.problem(summary) }
        }
    }
    if report.passed() { ExitCode::SUCCESS } else { ExitCode::from(1) }
}

pub fn new(args: NewArgs, out: Output) -> ExitCode {
    match (args.what, args.dir) {
        (Some(NewCommand::Page(p)), _) => match scaffold::new_page(&p.root, &p.slug) {
            Ok(made) => {
                for f in &made.files {
                    out.line(format!("created {f}"));
                }
                out.line(format!("added page {:02}-{} in {}", made.order, p.slug, plural(made.files.len(), "language", "languages")));
                ExitCode::SUCCESS
            }
            Err(errors) => failed(&out, &errors, "new page failed", "; nothing was written"),
        },
        (None, Some(dir)) => match scaffold::new_site(&dir) {
            Ok(made) => {
                let shown = made.dir.display();
                out.line(format!("created a new report in {shown} ({}); preview it with `baspa serve --root {shown}`", plural(made.files, "file", "files")));
                ExitCode::SUCCESS
            }
            Err(d) => failed(&out, &d.into(), "new failed", ""),
        },
        (None, None) => {
            out.problem("error: give a folder for the new report (`baspa new DIR`) or `baspa new page SLUG`");
            ExitCode::from(2)
        }
    }
}

/// The exit code, once stdout has been checked: output that was lost is a failure.
pub fn finish(code: ExitCode, out: &Output) -> ExitCode {
    if out.stdout_failed() && code == ExitCode::SUCCESS {
        out.problem("error: the standard output could not be written");
        return ExitCode::from(1);
    }
    code
}

/// Every problem, then `<what>: N errors<after>`; exit code 1.
fn failed(out: &Output, errors: &Diagnostics, what: &str, after: &str) -> ExitCode {
    out.problem(errors.to_string());
    out.problem(format!("{what}: {}{after}", plural(errors.len(), "error", "errors")));
    ExitCode::from(1)
}
