//! Parse and render for `check`, going on where a build would stop. A page
//! missing in one language fails the parse stage, which would hide every
//! broken link and figure reference of the report until it is translated.
//! So when pages lack translations, the report is parsed once more with a
//! stand-in for each missing file (a copy of an existing translation) and
//! rendered; problems found in the stand-ins themselves are dropped, since
//! they belong to the copied page, which is checked under its own name.

use std::collections::{BTreeMap, BTreeSet};

use crate::config::Config;
use crate::error::{Diagnostic, Diagnostics, SourceText};
use crate::load::Sources;
use crate::pipeline::Built;
use crate::{parse, render};

pub struct Outcome {
    pub built: Option<Built>,
    pub errors: Vec<Diagnostic>,
    /// The site rendered as it is, without stand-ins.
    pub complete: bool,
    /// Rendering could not run at all.
    pub skipped: bool,
}

pub fn render(config_text: SourceText, config: Config, sources: Sources) -> Outcome {
    let stand_ins = stand_ins(&config, &sources.pages);
    let retry = (!stand_ins.is_empty()).then(|| with_stand_ins(&sources, &stand_ins));
    let parse_errors = match parse::site(sources, config, false) {
        Ok(site) => return rendered(site, Vec::new(), true, &BTreeSet::new()),
        Err(e) => e.into_sorted(),
    };
    let Some(sources) = retry else {
        return Outcome { built: None, errors: parse_errors, complete: false, skipped: true };
    };
    let Ok(config) = Config::parse(&config_text, None) else {
        return Outcome { built: None, errors: parse_errors, complete: false, skipped: true };
    };
    let invented: BTreeSet<String> = stand_ins.into_iter().map(|s| s.path).collect();
    match parse::site(sources, config, false) {
        Ok(site) => rendered(site, parse_errors, false, &invented),
        Err(more) => {
            let mut errors = parse_errors;
            errors.extend(real(more, &invented));
            Outcome { built: None, errors, complete: false, skipped: true }
        }
    }
}

fn rendered(site: crate::model::Site, mut errors: Vec<Diagnostic>, complete: bool, invented: &BTreeSet<String>) -> Outcome {
    match render::site(&site) {
        Ok(rendered) => Outcome { built: Some(Built { site, rendered }), errors, complete, skipped: false },
        Err(more) => {
            errors.extend(real(more, invented));
            Outcome { built: None, errors, complete, skipped: false }
        }
    }
}

/// Problems outside the stand-in files.
fn real(errors: Diagnostics, invented: &BTreeSet<String>) -> Vec<Diagnostic> {
    errors.into_sorted().into_iter().filter(|d| !invented.contains(&d.path)).collect()
}

/// For each `content/<lang>/<key>.md` that exists in some language but not
/// in `lang`, a copy of it (the first configured language's) under the
/// missing name.
fn stand_ins(config: &Config, pages: &[SourceText]) -> Vec<SourceText> {
    let mut by_key: BTreeMap<&str, BTreeMap<&str, &SourceText>> = BTreeMap::new();
    for page in pages {
        if let ["content", lang, file] = page.path.split('/').collect::<Vec<_>>()[..] {
            by_key.entry(file).or_default().insert(lang, page);
        }
    }
    let mut out = Vec::new();
    for (file, present) in by_key {
        let Some(model) = config.languages.iter().find_map(|l| present.get(l.code.as_str())) else { continue };
        for lang in config.languages.iter().filter(|l| !present.contains_key(l.code.as_str())) {
            out.push(SourceText::new(format!("content/{}/{file}", lang.code), model.text.clone()));
        }
    }
    out
}

fn with_stand_ins(s: &Sources, stand_ins: &[SourceText]) -> Sources {
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
