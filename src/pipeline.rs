//! The in-memory stages of a run — load, parse, render — as functions that
//! `baspa build`, `baspa check` and `baspa serve` all call, so the three can
//! never disagree on what the site is. [`render`] runs them in order;
//! `check` calls them one by one to go on where a build would stop. Each
//! stage is timed.

use std::path::Path;

use crate::config::Config;
use crate::error::{Diagnostics, Source};
use crate::load::{self, Root, Sources};
use crate::model::Site;
use crate::parse;
use crate::render::{self, Memo, Rendered};
use crate::timing::Stages;

/// A site rendered in memory: the validated model and every output file.
pub struct Built {
    pub site: Site,
    pub rendered: Rendered,
}

/// The loaded sources and the validated config they were loaded with.
pub struct Loaded {
    pub root: Root,
    pub config_text: Source,
    pub config: Config,
    pub sources: Sources,
}

/// Stage 1 with the config that steers it. `base_url` overrides the
/// config's (`--base-url`, or the local address `serve` listens on).
pub fn load(root: &Path, base_url: Option<&str>, stages: &mut Stages) -> Result<Loaded, Diagnostics> {
    let root = Root::new(root)?;
    let config_text = stages.time("load", || load::config(&root))?;
    let config = stages.time("parse", || Config::parse(&config_text, base_url))?;
    let sources = stages.time("load", || load::sources(&root, config_text.clone(), &config.theme))?;
    Ok(Loaded { root, config_text, config, sources })
}

/// Stage 2.
pub fn parse(sources: Sources, config: Config, drafts: bool, stages: &mut Stages) -> Result<Site, Diagnostics> {
    stages.time("parse", || parse::site(sources, config, drafts))
}

/// Stage 3, reusing pages kept in `memo` from an earlier run (`serve`).
pub fn render_site(site: &Site, memo: Option<&Memo>, stages: &mut Stages) -> Result<Rendered, Diagnostics> {
    stages.time("render", || match memo {
        Some(memo) => render::site_with(site, memo),
        None => render::site(site),
    })
}

/// Load, parse and render the project at `root`; nothing touches the disk
/// except reading it. When data files cannot be read, the rest of the site
/// is still rendered, so the pages' own problems are reported in the same run.
pub fn render(root: &Path, base_url: Option<&str>, drafts: bool, stages: &mut Stages, memo: Option<&Memo>) -> Result<Built, Diagnostics> {
    let loaded = load(root, base_url, stages)?;
    let (site, mut errors) = stages.time("parse", || parse::site_or_partial(loaded.sources, loaded.config, drafts));
    let Some(site) = site else { return Err(errors) };
    match render_site(&site, memo, stages) {
        Ok(rendered) if errors.is_empty() => Ok(Built { site, rendered }),
        Ok(_) => Err(errors),
        Err(more) => {
            errors.merge(more);
            Err(errors)
        }
    }
}
