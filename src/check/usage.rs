//! Data files that no page uses. A build accepts them (a table may be
//! prepared before its chart), but in a finished report an unused file is
//! usually a chart that was deleted or a reference that was misspelt, so
//! `check` reports it. A file counts as used when a page names it in a
//! ```` ```chart ```` block (`data:`), a ```` ```keyfigures ```` block
//! (`value:`) or a `{{ file.key }}` in its text — what the Markdown scan of
//! the render stage found. `data/helplines.yaml` feeds every page and always
//! counts as used.

use std::collections::BTreeSet;

use crate::error::Diagnostic;
use crate::model::Site;

/// One error per data file that no page uses.
pub fn unused(site: &Site, used: &BTreeSet<String>) -> Vec<Diagnostic> {
    site.datasets
        .values()
        .filter(|ds| !used.contains(ds.id.as_str()))
        .map(|ds| {
            let id = &ds.id;
            Diagnostic::file(&ds.file.path, "data file is never used")
                .with_hint(format!("show it in a chart (`data: {id}`) or write a value in the text (`{{{{ {id}.key }}}}`); otherwise delete it"))
        })
        .collect()
}
