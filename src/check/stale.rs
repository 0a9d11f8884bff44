//! Translations that may be out of date. When the default language's page
//! was committed after one of its translations, the translation probably
//! misses that change. Only git knows (file times change on every checkout),
//! so this asks the `git` binary — the one place baspa does — and says so
//! once when it cannot: no git, no repository, or no history yet. The build
//! itself never reads git: the same sources always give the same site.

use std::collections::BTreeSet;
use std::path::Path;
use std::process::Command;

use super::findings::Finding;
use crate::config::Config;
use crate::error::{Diagnostic, Source};

const SKIPPED: &str = "translations were not compared for staleness";

pub fn check(root: &Path, config: &Config, pages: &[Source], strict: bool) -> Vec<Finding> {
    let git = Git { root };
    if let Err(why) = git.run(&["rev-parse", "--is-inside-work-tree"]) {
        return vec![Finding::note("", format!("{SKIPPED}: {why}"))];
    }
    // Translations edited but not committed yet count as up to date.
    let edited: BTreeSet<String> = match git.run(&["diff", "--name-only", "--relative", "HEAD", "--", "content"]) {
        Ok(out) => out.lines().map(str::to_string).collect(),
        Err(_) => return vec![Finding::note("", format!("{SKIPPED}: the repository has no commits yet"))],
    };
    let default = &config.default_language().code;
    let present: BTreeSet<&str> = pages.iter().map(|p| p.path.as_str()).collect();
    let mut findings = Vec::new();
    let mut any_history = false;
    let prefix = format!("content/{default}/");
    for page in pages {
        let Some(file) = page.path.strip_prefix(&prefix) else { continue };
        let Some(changed) = git.last_commit(&page.path) else { continue };
        any_history = true;
        for lang in config.languages.iter().filter(|l| &l.code != default) {
            let translation = format!("content/{}/{file}", lang.code);
            if !present.contains(translation.as_str()) || edited.contains(&translation) {
                continue;
            }
            if let Some(t) = git.last_commit(&translation)
                && t < changed
            {
                findings.push(stale(&translation, &page.path, changed, strict));
            }
        }
    }
    if !any_history {
        findings.push(Finding::note("", format!("{SKIPPED}: the pages have no git history yet")));
    }
    findings
}

fn stale(translation: &str, original: &str, changed: i64, strict: bool) -> Finding {
    let date = crate::scaffold::civil_date(changed.div_euclid(86_400));
    let d = Diagnostic::file(translation, format!("translation may be stale: {original} changed later ({date})"))
        .with_hint(format!("bring it up to date and commit it; `git log -p -- {original}` shows what changed"));
    if strict { Finding::error(d) } else { Finding::warning(d) }
}

struct Git<'a> {
    root: &'a Path,
}

impl Git<'_> {
    /// stdout of `git -C <root> <args>`, or why it failed.
    fn run(&self, args: &[&str]) -> Result<String, String> {
        let out = Command::new("git").arg("-C").arg(self.root).args(args).output().map_err(|e| match e.kind() {
            std::io::ErrorKind::NotFound => "`git` is not installed".to_string(),
            kind => format!("`git` could not run ({kind})"),
        })?;
        if !out.status.success() {
            let stderr = String::from_utf8_lossy(&out.stderr);
            let first = stderr.lines().next().unwrap_or("").trim_start_matches("fatal: ");
            return Err(if first.contains("not a git repository") { "the report is not in a git repository".into() } else { format!("git: {first}") });
        }
        Ok(String::from_utf8_lossy(&out.stdout).into_owned())
    }

    /// When `path` was last committed (Unix seconds), if it ever was.
    fn last_commit(&self, path: &str) -> Option<i64> {
        self.run(&["log", "-1", "--format=%ct", "--", path]).ok()?.trim().parse().ok()
    }
}
