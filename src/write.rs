//! Stage 4: files in memory → the output folder, atomically. The site is
//! written to a staging folder beside the output and swapped in at the end,
//! so readers and hosts never see a half-written site, and a failed or
//! killed build leaves the previous site exactly as it was.
//!
//! Machines are shared (CI runs builds in parallel) and sources untrusted:
//! - everything baspa keeps beside an output folder `public` is in one
//!   hidden folder, `.baspa/`, next to it: the lock `public.lock`, the
//!   marker `public.output` that says the folder is baspa's to replace, and
//!   staging folders `stage-public-*`. None of it is inside the site, so no
//!   host publishes it; builds into other folders never touch it;
//! - a lock on `public.lock` makes a second build into the same folder wait
//!   for the first;
//! - every path is checked to lie inside the output folder before anything
//!   is written, and an output folder that is, contains or lies inside the
//!   report's sources is refused, `--force` or not.

use std::fs::File;
use std::path::{Component, Path, PathBuf};

use rayon::prelude::*;

use crate::config::CONFIG_FILE;
use crate::error::{Diagnostic, Diagnostics};
use crate::model::OutputFile;

/// Beside every output folder: baspa's lock, marker and staging folders.
pub const STATE_DIR: &str = ".baspa";
/// The marker older versions wrote inside the output folder.
const LEGACY_MARKER: &str = ".baspa-output";
/// Folders of the report that must never receive output.
const SOURCE_DIRS: [&str; 5] = ["content", "data", "themes", ".git", STATE_DIR];

/// Where the output goes and what baspa keeps beside it.
struct Target {
    out: PathBuf,
    name: String,
    state: PathBuf,
}

impl Target {
    fn new(out: &Path) -> Result<Target, Diagnostic> {
        let shown = out.display().to_string();
        let name = out.file_name().map(|n| n.to_string_lossy().into_owned()).filter(|n| !n.is_empty() && n != "." && n != "..");
        let Some(name) = name else {
            return Err(Diagnostic::file(shown, "the output folder needs a name of its own").with_hint("pass a folder such as `--out public`"));
        };
        let parent = match out.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        Ok(Target { out: out.to_path_buf(), state: parent.join(STATE_DIR), name })
    }

    fn lock_path(&self) -> PathBuf {
        self.state.join(format!("{}.lock", self.name))
    }

    fn marker_path(&self) -> PathBuf {
        self.state.join(format!("{}.output", self.name))
    }

    fn stage_prefix(&self) -> String {
        format!("stage-{}-", self.name)
    }
}

fn io_error(path: &Path, what: &str, e: std::io::Error) -> Diagnostic {
    Diagnostic::file(path.display().to_string(), format!("{what}: {}", e.kind()))
}

/// Write `files` as the site in `out`, replacing what is there. `root` is
/// the report's folder, which the output must stay clear of.
pub fn site(root: &Path, out: &Path, files: &[OutputFile], force: bool) -> Result<(), Diagnostics> {
    check_paths(files)?;
    check_clear_of_sources(root, out)?;
    let target = Target::new(out)?;
    std::fs::create_dir_all(&target.state).map_err(|e| io_error(&target.state, "cannot create folder", e))?;
    let lock =
        File::options().create(true).truncate(false).write(true).open(target.lock_path()).map_err(|e| io_error(&target.lock_path(), "cannot open", e))?;
    // Waits while another build writes into the same folder.
    lock.lock().map_err(|e| io_error(&target.lock_path(), "cannot lock", e))?;
    check_replaceable(&target, force)?;
    remove_stale_stages(&target);
    let stage = tempfile::Builder::new()
        .prefix(&target.stage_prefix())
        .tempdir_in(&target.state)
        .map_err(|e| io_error(&target.state, "cannot create a staging folder", e))?;
    write_all(stage.path(), files)?;
    let staged = stage.keep();
    swap(&staged, &target.out).map_err(|e| Diagnostic::file(target.out.display().to_string(), format!("cannot replace the output folder: {e}")))?;
    let note = format!("baspa build writes the site in `../{}`; this file says that folder is baspa's to replace.\n", target.name);
    std::fs::write(target.marker_path(), note).map_err(|e| io_error(&target.marker_path(), "cannot write", e))?;
    let _ = std::fs::remove_file(target.out.join(LEGACY_MARKER));
    Ok(())
}

/// Every output path is relative, `/`-separated, made of plain names: no
/// `..`, no root, no backslash or control character, no empty or hidden
/// segment. Render makes paths this way; this proves it before writing.
fn check_paths(files: &[OutputFile]) -> Result<(), Diagnostics> {
    let mut errors = Diagnostics::new();
    for f in files {
        let plain = !f.path.is_empty()
            && !f.path.contains(['\\', '\0'])
            && !f.path.chars().any(char::is_control)
            && f.path.split('/').all(|seg| !seg.is_empty() && !seg.starts_with('.'))
            && Path::new(&f.path).components().all(|c| matches!(c, Component::Normal(_)));
        if !plain {
            errors.push(Diagnostic::file(crate::error::visible(&f.path), "refusing to write a file outside the output folder"));
        }
    }
    errors.finish(())
}

/// `path` made absolute and resolved through links, also where its last
/// parts do not exist yet; `..` climbs from where a link really leads, as
/// the system does.
fn resolve(path: &Path) -> PathBuf {
    let absolute = if path.is_absolute() { path.to_path_buf() } else { std::env::current_dir().unwrap_or_default().join(path) };
    let mut out = PathBuf::new();
    for c in absolute.components() {
        match c {
            Component::ParentDir => {
                out.pop();
            }
            Component::CurDir => {}
            other => {
                out.push(other);
                if let Ok(real) = out.canonicalize() {
                    out = real;
                }
            }
        }
    }
    out
}

/// The output must not be the report's folder, hold it, or lie inside its
/// sources: replacing it would delete them, or publish a build inside the next.
fn check_clear_of_sources(root: &Path, out: &Path) -> Result<(), Diagnostic> {
    let (root, out_resolved) = (resolve(root), resolve(out));
    let shown = out.display().to_string();
    let refuse = |why: String| Err(Diagnostic::file(&shown, why).with_hint("choose a folder beside the sources, such as `--out public`"));
    if out_resolved == root {
        return refuse("the output folder is the report's own folder".into());
    }
    if root.starts_with(&out_resolved) {
        return refuse("the output folder contains the report's sources".into());
    }
    if out_resolved == root.join(CONFIG_FILE) {
        return refuse(format!("the output would replace `{CONFIG_FILE}`"));
    }
    if let Some(dir) = SOURCE_DIRS.iter().find(|d| out_resolved.starts_with(root.join(d))) {
        return refuse(format!("the output folder lies inside the report's `{dir}/` folder"));
    }
    Ok(())
}

fn check_replaceable(target: &Target, force: bool) -> Result<(), Diagnostic> {
    let out = &target.out;
    if force || !out.exists() {
        return Ok(());
    }
    if !out.is_dir() {
        return Err(Diagnostic::file(out.display().to_string(), "output path exists and is not a folder"));
    }
    let empty = std::fs::read_dir(out).map(|mut d| d.next().is_none()).unwrap_or(false);
    if empty || target.marker_path().exists() || out.join(LEGACY_MARKER).exists() {
        return Ok(());
    }
    Err(Diagnostic::file(out.display().to_string(), "refusing to replace a folder that baspa did not create")
        .with_hint("choose another `--out`, or pass `--force` to replace it"))
}

/// Staging folders of this output left by a killed build. Only this
/// output's, and only under its lock, so another build's live staging
/// folder is never touched.
fn remove_stale_stages(target: &Target) {
    let Ok(entries) = std::fs::read_dir(&target.state) else { return };
    let prefix = target.stage_prefix();
    for e in entries.flatten() {
        let name = e.file_name().to_string_lossy().into_owned();
        if name.strip_prefix(&prefix).is_some_and(|rest| !rest.contains('-')) {
            let _ = std::fs::remove_dir_all(e.path());
        }
    }
}

/// Folders first, then the files on every core: writing is a large part of
/// a big build. The staging folder makes the order irrelevant.
fn write_all(stage: &Path, files: &[OutputFile]) -> Result<(), Diagnostic> {
    let dirs: std::collections::BTreeSet<&Path> = files.iter().filter_map(|f| Path::new(&f.path).parent()).collect();
    for dir in dirs {
        std::fs::create_dir_all(stage.join(dir)).map_err(|e| io_error(dir, "cannot create folder", e))?;
    }
    files.par_iter().try_for_each(|f| std::fs::write(stage.join(&f.path), &f.bytes).map_err(|e| io_error(Path::new(&f.path), "cannot write", e)))
}

/// Put `staged` where `out` is. On Linux both trees are exchanged in one
/// atomic `renameat2(RENAME_EXCHANGE)`; elsewhere two renames.
fn swap(staged: &Path, out: &Path) -> std::io::Result<()> {
    if !out.exists() {
        return std::fs::rename(staged, out);
    }
    if exchange(staged, out).is_err() {
        let old = staged.with_file_name(format!("{}-old", staged.file_name().map(|n| n.to_string_lossy()).unwrap_or_default()));
        std::fs::rename(out, &old)?;
        std::fs::rename(staged, out)?;
        let _ = std::fs::remove_dir_all(&old);
        return Ok(());
    }
    // `staged` now holds the previous site.
    std::fs::remove_dir_all(staged)
}

#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> std::io::Result<()> {
    use std::ffi::CString;
    use std::os::unix::ffi::OsStrExt;
    let ca = CString::new(a.as_os_str().as_bytes())?;
    let cb = CString::new(b.as_os_str().as_bytes())?;
    // SAFETY: both paths are valid NUL-terminated strings that outlive the call.
    let r = unsafe { libc::renameat2(libc::AT_FDCWD, ca.as_ptr(), libc::AT_FDCWD, cb.as_ptr(), libc::RENAME_EXCHANGE) };
    if r == 0 { Ok(()) } else { Err(std::io::Error::last_os_error()) }
}

#[cfg(not(target_os = "linux"))]
fn exchange(_: &Path, _: &Path) -> std::io::Result<()> {
    Err(std::io::Error::other("no atomic exchange on this platform"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_plain_relative_paths_are_written() {
        let ok = |p: &str| check_paths(&[OutputFile::new(p, "")]).is_ok();
        assert!(ok("en/figures/calls.csv") && ok("index.html") && ok("assets/style.1a2b.css"));
        for bad in ["../x", "/etc/x", "a/../../b", "a//b", "./a", ".hidden", "a\\b", "a\0b", "", "a/\nb"] {
            assert!(!ok(bad), "{bad:?}");
        }
    }

    #[test]
    fn output_never_overlaps_the_sources() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("report");
        std::fs::create_dir_all(root.join("content/en")).unwrap();
        for out in
            [root.clone(), dir.path().to_path_buf(), root.join("content/en/site"), root.join("data"), root.join("baspa.yaml"), root.join("public/../content")]
        {
            assert!(check_clear_of_sources(&root, &out).is_err(), "{}", out.display());
        }
        assert!(check_clear_of_sources(&root, &root.join("public")).is_ok());
        assert!(check_clear_of_sources(&root, &dir.path().join("site")).is_ok());
    }
}
