//! Parse and render for `check`, going on where a build would stop. A page
//! missing in one language fails the parse stage, which would hide every
//! broken link and figure reference of the report until it is translated.
//! So when pages lack translations, the report is parsed once more with a
//! stand-in for each missing file (a copy of an existing translation) and
//! rendered; problems found in the stand-ins themselves are dropped, since
//! they belong to the copied page, which is checked under its own name.

use std::collections::{BTreeMap, BTreeSet};

use crate::config::Config;
use crate::error::{Diagnostic, Diagnostics, Source, SourceText};
use crate::load::Sources;
use crate::model::Site;
use crate::pipeline::{Built, Loaded};
use crate::render::{self, markdown};
use crate::timing::Stages;

pub struct Outcome {
    pub built: Option<Built>,
    /// The parsed site when it rendered with errors (for the data-usage report).
    pub site: Option<Site>,
    /// The data files the pages name, when the site parsed.
    pub data_used: Option<BTreeSet<String>>,
    pub errors: Vec<Diagnostic>,
    /// The site rendered as it is, without stand-ins.
    pub complete: bool,
    /// Rendering could not run at all.
    pub skipped: bool,
}

pub fn render(loaded: Loaded, drafts: bool) -> Outcome {
    let Loaded { config_text, config, sources, .. } = loaded;
    let stand_ins = stand_ins(&config, &sources.pages);
    let retry = (!stand_ins.is_empty()).then(|| with_stand_ins(&sources, &stand_ins));
    let parse_errors = match crate::parse::site_or_partial(sources, config, drafts) {
        (Some(site), errors) => return rendered(site, errors.into_sorted(), true, &BTreeSet::new()),
        (None, errors) => errors.into_sorted(),
    };
    let failed = |errors| Outcome { built: None, site: None, data_used: None, errors, complete: false, skipped: true };
    let Some(sources) = retry else { return failed(parse_errors) };
    let Ok(config) = Config::parse(&config_text, None) else { return failed(parse_errors) };
    let invented: BTreeSet<String> = stand_ins.into_iter().map(|s| s.path.clone()).collect();
    match crate::parse::site(sources, config, drafts) {
        Ok(site) => rendered(site, parse_errors, false, &invented),
        Err(more) => {
            let mut errors = parse_errors;
            errors.extend(real(more, &invented));
            failed(errors)
        }
    }
}

fn rendered(site: Site, mut errors: Vec<Diagnostic>, complete: bool, invented: &BTreeSet<String>) -> Outcome {
    match crate::pipeline::render_site(&site, None, &mut Stages::new()) {
        Ok(rendered) => {
            let data_used = Some(rendered.data_used.clone());
            Outcome { built: Some(Built { site, rendered }), site: None, data_used, errors, complete, skipped: false }
        }
        Err(more) => {
            errors.extend(real(more, invented));
            let scans: Vec<markdown::Scan> = site.pages.iter().map(markdown::scan).collect();
            let data_used = Some(render::data_used(&scans));
            drop(scans);
            Outcome { built: None, site: Some(site), data_used, errors, complete, skipped: false }
        }
    }
}

/// Problems outside the stand-in files.
fn real(errors: Diagnostics, invented: &BTreeSet<String>) -> Vec<Diagnostic> {
    errors.into_sorted().into_iter().filter(|d| !invented.contains(d.path())).collect()
}

/// For each `content/<lang>/<key>.md` that exists in some language but not
/// in `lang`, a copy of it (the first configured language's) under the
/// missing name.
fn stand_ins(config: &Config, pages: &[Source]) -> Vec<Source> {
    let mut by_key: BTreeMap<&str, BTreeMap<&str, &Source>> = BTreeMap::new();
    for page in pages {
        if let ["content", lang, file] = page.path.split('/').collect::<Vec<_>>()[..] {
            by_key.entry(file).or_default().insert(lang, page);
        }
    }
    let mut out = Vec::new();
    for (file, present) in by_key {
        let Some(model) = config.languages.iter().find_map(|l| present.get(l.code.as_str())) else { continue };
        for lang in config.languages.iter().filter(|l| !present.contains_key(l.code.as_str())) {
            out.push(SourceText::shared(format!("content/{}/{file}", lang.code), model.text.clone()));
        }
    }
    out
}

fn with_stand_ins(s: &Sources, stand_ins: &[Source]) -> Sources {
    let mut pages = s.pages.clone();
    pages.extend(stand_ins.iter().cloned());
    Sources {
        config: s.config.clone(),
        pages,
        content_files: s.content_files.clone(),
        data: s.data.clone(),
        templates: s.templates.clone(),
        static_files: s.static_files.clone(),
        strings: s.strings.clone(),
    }
}
