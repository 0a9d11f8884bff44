//! The site as `serve` holds it: every file of the last build in memory,
//! swapped whole after each rebuild, so a request sees one build or the
//! next, never a mix, and `public/` is never written. While the sources
//! do not build, the last good files stay (stylesheets keep working) and
//! pages are replaced by an error page listing every problem.
//!
//! A rebuild compares its files with the previous build's bytes, so the
//! terminal says which files changed, and browsers reload only when
//! something did.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, RwLock};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use axum::body::Bytes;
use tokio::sync::{broadcast, watch};

use super::page;
use crate::error::Diagnostics;
use crate::model::Document;
use crate::pipeline;
use crate::timing::Stages;

/// One build as served.
pub struct Snapshot {
    /// Output files by path, HTML with the live-reload script added. While
    /// the site is broken: the last build that worked (or none).
    pub files: BTreeMap<String, Bytes>,
    /// The PDFs' documents by their path, typeset when asked for ([`super::pdf`]).
    pub documents: BTreeMap<String, Arc<Document>>,
    /// The error page, while the last build failed.
    pub error_page: Option<Bytes>,
    /// Changes with every published build; pages carry it, so a page that
    /// missed a reload (loaded just before one) notices on connecting.
    pub generation: String,
}

/// What the HTTP side shares with the rebuilds.
pub struct Shared {
    snapshot: RwLock<Arc<Snapshot>>,
    /// A new generation was published: connected pages reload.
    pub reload: broadcast::Sender<String>,
    /// Turns true on Ctrl+C, ending the event streams so the server can stop.
    pub shutdown: watch::Receiver<bool>,
    pub rebuilds: AtomicUsize,
    pub failures: AtomicUsize,
    /// The PDFs made on request, kept until their document changes.
    pub pdfs: super::pdf::Made,
}

impl Shared {
    pub fn new(shutdown: watch::Receiver<bool>) -> Self {
        let empty = Snapshot { files: BTreeMap::new(), documents: BTreeMap::new(), error_page: None, generation: String::new() };
        Shared {
            snapshot: RwLock::new(Arc::new(empty)),
            reload: broadcast::channel(16).0,
            shutdown,
            rebuilds: AtomicUsize::new(0),
            failures: AtomicUsize::new(0),
            pdfs: super::pdf::Made::default(),
        }
    }

    pub fn snapshot(&self) -> Arc<Snapshot> {
        self.snapshot.read().unwrap_or_else(|poisoned| poisoned.into_inner()).clone()
    }

    fn publish(&self, snapshot: Snapshot) {
        let generation = snapshot.generation.clone();
        *self.snapshot.write().unwrap_or_else(|poisoned| poisoned.into_inner()) = Arc::new(snapshot);
        // No receivers just means no page is open.
        let _ = self.reload.send(generation);
    }
}

/// Output files whose bytes differ from the previous build's.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Changes {
    pub changed: Vec<String>,
    pub added: Vec<String>,
    pub removed: Vec<String>,
}

impl Changes {
    pub fn is_empty(&self) -> bool {
        self.changed.is_empty() && self.added.is_empty() && self.removed.is_empty()
    }

    pub fn count(&self) -> usize {
        self.changed.len() + self.added.len() + self.removed.len()
    }

    /// Every path, in order, for the terminal.
    pub fn paths(&self) -> Vec<&str> {
        let mut all: Vec<&str> = self.changed.iter().chain(&self.added).chain(&self.removed).map(String::as_str).collect();
        all.sort_unstable();
        all
    }
}

/// What one rebuild did.
pub enum Outcome {
    /// `warnings` are the build's, when they differ from the previous build's.
    Built {
        changes: Changes,
        recovered: bool,
        pages: usize,
        rerendered: usize,
        files: usize,
        warnings: Vec<crate::error::Diagnostic>,
    },
    Failed(Diagnostics),
}

pub struct Rebuilt {
    pub outcome: Outcome,
    /// From the start of the rebuild to the reload message.
    pub elapsed: Duration,
    pub stages: Stages,
}

/// Rebuilds the site and publishes it to [`Shared`].
pub struct Builder {
    root: PathBuf,
    base_url: String,
    drafts: bool,
    shared: Arc<Shared>,
    /// The last good build's files, as rendered (before the script is added).
    previous: BTreeMap<String, Bytes>,
    broken: bool,
    /// The last build's warnings, so that each is printed when it appears.
    warned: Vec<String>,
    boot: u64,
    count: u64,
    /// Pages of the last build, so a one-page edit re-renders one page.
    memo: crate::render::Memo,
}

impl Builder {
    pub fn new(root: PathBuf, base_url: String, drafts: bool, shared: Arc<Shared>) -> Self {
        let boot = SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs());
        let memo = crate::render::Memo::default();
        Builder { root, base_url, drafts, shared, previous: BTreeMap::new(), broken: false, warned: Vec::new(), boot, count: 0, memo }
    }

    pub fn rebuild(&mut self) -> Rebuilt {
        let started = Instant::now();
        let mut stages = Stages::new();
        // A failure of any kind, a bug in baspa included, is reported and
        // the next save rebuilds: the rebuild thread never dies.
        let result = crate::guard::guarded(|| pipeline::render(&self.root, Some(&self.base_url), self.drafts, &mut stages, Some(&self.memo)));
        self.shared.rebuilds.fetch_add(1, Ordering::Relaxed);
        let outcome = match result {
            Ok(built) => self.publish_site(built.rendered),
            Err(errors) => {
                self.shared.failures.fetch_add(1, Ordering::Relaxed);
                self.publish_errors(&errors);
                Outcome::Failed(errors)
            }
        };
        Rebuilt { outcome, elapsed: started.elapsed(), stages }
    }

    fn generation(&mut self) -> String {
        self.count += 1;
        format!("{:x}-{}", self.boot, self.count)
    }

    fn publish_site(&mut self, rendered: crate::render::Rendered) -> Outcome {
        let (pages, rerendered) = (rendered.pages, rendered.rerendered);
        let warned: Vec<String> = rendered.warnings.iter().map(|w| w.to_string()).collect();
        let warnings = if warned == self.warned { Vec::new() } else { rendered.warnings };
        self.warned = warned;
        let documents: BTreeMap<String, Arc<Document>> = rendered.documents.into_iter().map(|d| (d.path.clone(), d)).collect();
        let files: BTreeMap<String, Bytes> = rendered.files.into_iter().map(|f| (f.path, Bytes::from(f.bytes))).collect();
        let changes = diff(&self.previous, &files);
        let recovered = std::mem::replace(&mut self.broken, false);
        let count = files.len();
        let first = self.count == 0;
        let documents_changed = self.shared.snapshot().documents.values().map(|d| &d.markup).ne(documents.values().map(|d| &d.markup));
        if !changes.is_empty() || recovered || first || documents_changed {
            self.previous = files;
            let generation = self.generation();
            let served = self.previous.iter().map(|(path, bytes)| (path.clone(), served_bytes(path, bytes, &generation))).collect();
            self.shared.publish(Snapshot { files: served, documents, error_page: None, generation });
        }
        Outcome::Built { changes, recovered, pages, rerendered, files: count, warnings }
    }

    fn publish_errors(&mut self, errors: &Diagnostics) {
        self.broken = true;
        let generation = self.generation();
        let last_good = self.shared.snapshot();
        let error_page = Bytes::from(page::errors(errors, &generation));
        let (files, documents) = (last_good.files.clone(), last_good.documents.clone());
        self.shared.publish(Snapshot { files, documents, error_page: Some(error_page), generation });
    }
}

/// HTML gets the live-reload script; everything else is served as built.
fn served_bytes(path: &str, bytes: &Bytes, generation: &str) -> Bytes {
    if path.ends_with(".html") { Bytes::from(page::inject_reload(bytes, generation)) } else { bytes.clone() }
}

fn diff(old: &BTreeMap<String, Bytes>, new: &BTreeMap<String, Bytes>) -> Changes {
    let mut c = Changes::default();
    for (path, bytes) in new {
        match old.get(path) {
            Some(before) if before == bytes => {}
            Some(_) => c.changed.push(path.clone()),
            None => c.added.push(path.clone()),
        }
    }
    c.removed = old.keys().filter(|p| !new.contains_key(*p)).cloned().collect();
    c
}

#[cfg(test)]
mod tests {
    use super::*;

    fn files(items: &[(&str, &str)]) -> BTreeMap<String, Bytes> {
        items.iter().map(|(p, b)| (p.to_string(), Bytes::from(b.to_string()))).collect()
    }

    #[test]
    fn diff_compares_bytes() {
        let old = files(&[("a.html", "1"), ("b.css", "x"), ("gone.txt", "")]);
        let new = files(&[("a.html", "2"), ("b.css", "x"), ("new.csv", "")]);
        let c = diff(&old, &new);
        assert_eq!(c, Changes { changed: vec!["a.html".into()], added: vec!["new.csv".into()], removed: vec!["gone.txt".into()] });
        assert_eq!(c.paths(), ["a.html", "gone.txt", "new.csv"]);
        assert!(diff(&new, &new).is_empty());
    }
}
