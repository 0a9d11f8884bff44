//! Watching the sources (notify, debounced) and rebuilding on change.
//! Events are collected for [`DEBOUNCE`] after the last one, then until
//! none comes for [`SETTLE`], so an editor saving ten files at once causes
//! one rebuild. Only what the build reads counts:
//! `baspa.yaml`, `content/`, `data/` and `themes/`, without hidden files
//! (editors' swap files) or backups (`name~`), and only changes: reading a
//! file is an event too (inotify's open and close), and the build reads
//! every source, so counting reads would rebuild forever.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::Duration;

use notify_debouncer_full::notify::event::{AccessKind, AccessMode, EventKind};
use notify_debouncer_full::notify::{RecommendedWatcher, RecursiveMode};
use notify_debouncer_full::{DebounceEventResult, DebouncedEvent, Debouncer, RecommendedCache, new_debouncer};

use super::report;
use super::state::Builder;
use crate::config::CONFIG_FILE;
use crate::error::Diagnostic;
use crate::output::Output;

pub const DEBOUNCE: Duration = Duration::from_millis(50);
/// Quiet time after a batch before rebuilding; with [`DEBOUNCE`], a change
/// is picked up within 100 ms.
const SETTLE: Duration = Duration::from_millis(30);

type Watcher = Debouncer<RecommendedWatcher, RecommendedCache>;
const FOLDERS: [&str; 3] = ["content", "data", "themes"];

/// Start watching `root` and rebuilding with `builder` on a thread of its
/// own; it runs until the process ends.
pub fn start(root: PathBuf, builder: Builder, out: Output) -> Result<(), Diagnostic> {
    let (tx, rx) = mpsc::channel::<DebounceEventResult>();
    let mut debouncer =
        new_debouncer(DEBOUNCE, None, tx).map_err(|e| Diagnostic::file(root.display().to_string(), format!("cannot watch for changes: {e}")))?;
    // The root itself, not the config file: editors replace files on save,
    // which would end a watch on the file.
    debouncer.watch(&root, RecursiveMode::NonRecursive).map_err(|e| Diagnostic::file(root.display().to_string(), format!("cannot watch for changes: {e}")))?;
    let mut watched = BTreeSet::new();
    watch_folders(&mut debouncer, &root, &mut watched, &[]);
    std::thread::Builder::new()
        .name("baspa-rebuild".into())
        .spawn(move || rebuild_loop(rx, debouncer, root, watched, builder, out))
        .map_err(|e| Diagnostic::file("serve", format!("cannot start the rebuild thread: {}", e.kind())))?;
    Ok(())
}

fn rebuild_loop(
    rx: mpsc::Receiver<DebounceEventResult>,
    mut debouncer: Watcher,
    root: PathBuf,
    mut watched: BTreeSet<&'static str>,
    mut builder: Builder,
    out: Output,
) {
    while let Ok(first) = rx.recv() {
        let mut paths = Vec::new();
        for batch in std::iter::once(first).chain(settled(&rx)) {
            match batch {
                Ok(events) => paths.extend(events.into_iter().filter(is_change).flat_map(|e| e.event.paths)),
                Err(errors) => errors.iter().for_each(|e| out.problem(format!("warning: watching for changes: {e}"))),
            }
        }
        watch_folders(&mut debouncer, &root, &mut watched, &paths);
        let changed = relevant(&root, &paths);
        if changed.is_empty() {
            continue;
        }
        let rebuilt = builder.rebuild();
        report::rebuild(&out, &changed, &rebuilt);
    }
}

/// Further batches until none comes for [`SETTLE`]: saves a few
/// milliseconds apart can straddle two debounce ticks, and should still
/// give one rebuild.
fn settled(rx: &mpsc::Receiver<DebounceEventResult>) -> impl Iterator<Item = DebounceEventResult> + '_ {
    std::iter::from_fn(|| rx.recv_timeout(SETTLE).ok())
}

/// Watch each source folder that exists; one created, removed or replaced
/// since (its own path among the events) is watched afresh.
fn watch_folders(debouncer: &mut Watcher, root: &Path, watched: &mut BTreeSet<&'static str>, events: &[PathBuf]) {
    for folder in FOLDERS {
        let path = root.join(folder);
        if events.contains(&path) && watched.remove(folder) {
            let _ = debouncer.unwatch(&path);
        }
        if !watched.contains(folder) && path.is_dir() && debouncer.watch(&path, RecursiveMode::Recursive).is_ok() {
            watched.insert(folder);
        }
    }
}

/// Creating, changing, renaming or deleting; a file closed after writing
/// counts, one closed after reading does not.
fn is_change(e: &DebouncedEvent) -> bool {
    match e.event.kind {
        EventKind::Access(AccessKind::Close(AccessMode::Write)) => true,
        EventKind::Access(_) => false,
        _ => true,
    }
}

/// The changed files the build reads, relative to the root, sorted.
fn relevant(root: &Path, paths: &[PathBuf]) -> Vec<String> {
    let mut out: Vec<String> = paths
        .iter()
        .filter_map(|p| p.strip_prefix(root).ok())
        .filter(|rel| {
            let names: Vec<String> = rel.components().map(|c| c.as_os_str().to_string_lossy().into_owned()).collect();
            let Some(first) = names.first() else { return false };
            let source = first == CONFIG_FILE || FOLDERS.contains(&first.as_str());
            source && !names.iter().any(|n| n.starts_with('.') || n.ends_with('~') || n.ends_with(".swp") || n.ends_with(".swx"))
        })
        .map(|rel| crate::load::display(Path::new(""), rel))
        .collect();
    out.sort();
    out.dedup();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_sources_count() {
        let root = Path::new("/r");
        let paths: Vec<PathBuf> = [
            "/r/content/en/01-a.md",
            "/r/content/en/.01-a.md.swp",
            "/r/content/en/01-a.md~",
            "/r/public/index.html",
            "/r/baspa.yaml",
            "/r/notes.txt",
            "/r/data/x.yaml",
            "/r/data/x.yaml",
            "/elsewhere/content/a.md",
        ]
        .iter()
        .map(PathBuf::from)
        .collect();
        assert_eq!(relevant(root, &paths), ["baspa.yaml", "content/en/01-a.md", "data/x.yaml"]);
    }
}
