//! Pages rendered by an earlier build, kept by `baspa serve` so that a
//! rebuild renders again only the pages whose inputs changed: a page is
//! reused when its own source and the site's shared fingerprint (config,
//! data, strings, theme, every page's metadata, figure numbers) are both
//! as before. A one-page edit re-renders that page alone.

use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::sync::{Arc, Mutex};

use super::markdown;
use crate::error::Diagnostic;
use crate::model::{OutputFile, Page};

#[derive(Default)]
pub struct Memo(Mutex<HashMap<(String, String), Cached>>);

/// One page's Markdown result and its finished file (or template error).
pub type Markdown = Arc<(markdown::Rendered, Vec<Diagnostic>)>;

#[derive(Clone)]
pub struct Cached {
    key: u64,
    pub markdown: Markdown,
    pub page: Result<OutputFile, Diagnostic>,
}

impl Memo {
    pub fn get(&self, page: &Page, key: u64) -> Option<Cached> {
        let map = self.0.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        map.get(&(page.lang.clone(), page.key.clone())).filter(|c| c.key == key).cloned()
    }

    /// Replace the kept pages with this build's.
    pub fn keep<'p>(&self, entries: impl Iterator<Item = (&'p Page, u64, &'p Markdown, &'p Result<OutputFile, Diagnostic>)>) {
        let map =
            entries.map(|(p, key, markdown, page)| ((p.lang.clone(), p.key.clone()), Cached { key, markdown: markdown.clone(), page: page.clone() })).collect();
        *self.0.lock().unwrap_or_else(|poisoned| poisoned.into_inner()) = map;
    }
}

/// A page's memo key: the build's shared fingerprint and its own source.
pub fn page_key(shared: u64, page: &Page) -> u64 {
    let mut h = std::hash::DefaultHasher::new();
    (shared, &page.source.path, &page.source.text).hash(&mut h);
    h.finish()
}
