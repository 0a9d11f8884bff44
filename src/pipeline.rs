//! The in-memory half of a build — load, parse, render — shared by
//! `baspa build`, `baspa check` and `baspa serve`, so the three can never
//! disagree on what the site is. Each stage is timed, for `--verbose` and
//! for the rebuild times `serve` prints.

use std::path::Path;
use std::time::{Duration, Instant};

use crate::config::Config;
use crate::error::Diagnostics;
use crate::model::Site;
use crate::render::Rendered;
use crate::{load, parse, render};

/// How long each stage of one run took, in the order the stages first ran.
/// A stage that runs twice (the config is loaded before the rest) adds up.
#[derive(Debug, Clone, Default)]
pub struct Stages(Vec<(&'static str, Duration)>);

impl Stages {
    pub fn new() -> Self {
        Stages(Vec::new())
    }

    /// Run `f` and add its duration to the stage `name`.
    pub fn time<T>(&mut self, name: &'static str, f: impl FnOnce() -> T) -> T {
        let started = Instant::now();
        let value = f();
        self.add(name, started.elapsed());
        value
    }

    pub fn add(&mut self, name: &'static str, elapsed: Duration) {
        match self.0.iter_mut().find(|(n, _)| *n == name) {
            Some((_, total)) => *total += elapsed,
            None => self.0.push((name, elapsed)),
        }
    }

    pub fn iter(&self) -> impl Iterator<Item = (&'static str, Duration)> + '_ {
        self.0.iter().copied()
    }

    /// One line per stage, `  render   12 ms`, for `--verbose`.
    pub fn lines(&self) -> Vec<String> {
        let width = self.0.iter().map(|(n, _)| n.len()).max().unwrap_or(0);
        self.0.iter().map(|(name, d)| format!("  {name:<width$}  {:>4} ms", d.as_millis())).collect()
    }
}

/// A site rendered in memory: the validated model and every output file.
pub struct Built {
    pub site: Site,
    pub rendered: Rendered,
}

/// Load, parse and render the project at `root`; nothing touches the disk
/// except reading it. `base_url` overrides the config's (`--base-url`, or
/// the local address `serve` listens on).
pub fn render(root: &Path, base_url: Option<&str>, drafts: bool, stages: &mut Stages) -> Result<Built, Diagnostics> {
    run(root, base_url, drafts, stages, None)
}

/// [`render`], reusing pages kept in `memo` from an earlier run (`serve`).
pub fn render_with(root: &Path, base_url: Option<&str>, drafts: bool, stages: &mut Stages, memo: &render::Memo) -> Result<Built, Diagnostics> {
    run(root, base_url, drafts, stages, Some(memo))
}

fn run(root: &Path, base_url: Option<&str>, drafts: bool, stages: &mut Stages, memo: Option<&render::Memo>) -> Result<Built, Diagnostics> {
    let config_text = stages.time("load", || load::config(root))?;
    let config = stages.time("parse", || Config::parse(&config_text, base_url))?;
    let sources = stages.time("load", || load::sources(root, config_text, &config.theme))?;
    let site = stages.time("parse", || parse::site(sources, config, drafts))?;
    let rendered = stages.time("render", || match memo {
        Some(memo) => render::site_with(&site, memo),
        None => render::site(&site),
    })?;
    Ok(Built { site, rendered })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_stage_run_twice_adds_up() {
        let mut s = Stages::new();
        s.add("load", Duration::from_millis(2));
        s.add("parse", Duration::from_millis(5));
        s.add("load", Duration::from_millis(3));
        let names: Vec<_> = s.iter().map(|(n, d)| (n, d.as_millis())).collect();
        assert_eq!(names, [("load", 5), ("parse", 5)]);
        assert_eq!(s.lines(), ["  load      5 ms", "  parse     5 ms"]);
    }
}
