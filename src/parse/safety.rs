//! The reader-safety features need what they show: with a `safety:` block
//! in `baspa.yaml`, every page shows the help numbers of
//! `data/helplines.yaml`, so the file must exist and list at least one; a
//! `help_page` must be a page of every language, or its link would silently
//! disappear.

use crate::config::{CONFIG_FILE, Config};
use crate::error::Diagnostic;
use crate::model::{Helpline, Page};
use crate::yaml::{Doc, Step};

pub fn check(config: &Config, pages: &[Page], helplines: &[Helpline], file_exists: bool) -> Vec<Diagnostic> {
    let Some(safety) = &config.safety else { return Vec::new() };
    let mut errors = Vec::new();
    if !file_exists {
        let d = Diagnostic::file("data/helplines.yaml", format!("missing: the `safety` block of `{CONFIG_FILE}` shows help numbers on every page"));
        errors.push(d.with_hint("add `data/helplines.yaml` (see README.md, \"Key figures and helplines\"), or remove `safety:` from baspa.yaml"));
    } else if helplines.is_empty() {
        errors.push(Diagnostic::file("data/helplines.yaml", "lists no help number, but the `safety` block shows them on every page"));
    }
    if let Some(key) = &safety.help_page {
        for lang in &config.languages {
            if !pages.iter().any(|p| &p.key == key && p.lang == lang.code) {
                let doc = Doc::whole(&config.file);
                let d = doc.error_at_path(&[Step::Key("safety"), Step::Key("help_page")], format!("help page `{key}` is not a page of `{}`", lang.code));
                errors.push(d.with_hint(format!("name a page by its file name without `.md`, such as `06-help` for `content/{}/06-help.md`", lang.code)));
            }
        }
    }
    errors
}
