//! Stage 1: disk → sources. Walks the project in sorted order (so output
//! never depends on the file system's order), reads every input once, and
//! keeps the text for quoting in errors. Text is normalised here: a UTF-8
//! byte-order mark is dropped and CRLF line endings become LF, so later
//! stages see one form.
//!
//! Sources are untrusted (a pull request can add any file), so nothing
//! outside the report's root is ever read: a symbolic link whose target
//! leaves the root is an error naming the link and its target, and is not
//! followed; links inside the root are followed (walkdir stops at loops).
//! Only regular files are read, each up to a size limit counted while
//! reading (a `/proc` file reports size 0 and a FIFO never ends).

use std::io::Read;
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use walkdir::WalkDir;

use crate::config::CONFIG_FILE;
use crate::error::{Diagnostic, Diagnostics, Source, SourceText};
use crate::model::BinaryFile;

/// Larger Markdown or YAML files are refused: no report page is that big,
/// and it keeps a stray dump from stalling the build.
const MAX_TEXT_BYTES: u64 = 8 * 1024 * 1024;
/// Larger binary files next to pages are refused (a PDF of the report fits).
const MAX_BINARY_BYTES: u64 = 200 * 1024 * 1024;
/// Files next to pages that browsers run scripts in (HTML, SVG, XML with
/// a stylesheet): published beside the pages they would run outside the
/// pages' security policy, so they are refused.
const ACTIVE_EXTENSIONS: &[&str] = &["html", "htm", "xhtml", "xht", "shtml", "svg", "svgz", "xml", "xsl", "xslt", "mht", "mhtml"];

pub struct Sources {
    pub config: Source,
    /// `content/<lang>/<name>.md`
    pub pages: Vec<Source>,
    /// Every other file under `content/`.
    pub content_files: Vec<BinaryFile>,
    /// `data/*.yaml`
    pub data: Vec<Source>,
    /// `themes/<theme>/templates/**`
    pub templates: Vec<Source>,
    /// `themes/<theme>/static/**`
    pub static_files: Vec<BinaryFile>,
    /// `themes/<theme>/i18n/<lang>.yaml`
    pub strings: Vec<Source>,
}

/// The report's folder, resolved once: every path read must lie inside it.
pub struct Root {
    /// As given (for messages and joins).
    pub dir: PathBuf,
    /// Resolved through links, for the inside-the-root test.
    canonical: PathBuf,
}

impl Root {
    pub fn new(dir: &Path) -> Result<Root, Diagnostic> {
        let shown = dir.display().to_string();
        let canonical = dir.canonicalize().map_err(|e| match e.kind() {
            std::io::ErrorKind::NotFound => {
                Diagnostic::file(&shown, "no such folder").with_hint("pass the report's folder, where `baspa.yaml` is, to `--root`")
            }
            kind => Diagnostic::file(&shown, format!("cannot open the report's folder: {kind}")),
        })?;
        Ok(Root { dir: dir.to_path_buf(), canonical })
    }

    pub fn canonical(&self) -> &Path {
        &self.canonical
    }

    /// A project path as users see it: relative to the root, `/`-separated.
    pub fn display(&self, path: &Path) -> String {
        display(&self.dir, path)
    }

    /// `Ok` when `path` (through any links) is inside the root; otherwise an
    /// error naming the link and where it leads.
    fn check_inside(&self, path: &Path) -> Result<(), Diagnostic> {
        let shown = self.display(path);
        // What the link says, as its author wrote it (`/proc/self/environ`).
        let written = || std::fs::read_link(path).map(|t| t.display().to_string());
        match path.canonicalize() {
            Ok(target) if target.starts_with(&self.canonical) => Ok(()),
            Ok(target) => Err(Diagnostic::file(
                shown,
                format!("symbolic link leads outside the report's folder, to `{}`", written().unwrap_or_else(|_| target.display().to_string())),
            )
            .with_hint("baspa reads nothing outside the report's folder: copy the file in, or remove the link")),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                Err(Diagnostic::file(shown, format!("broken symbolic link to `{}`", written().unwrap_or_default())))
            }
            Err(e) => Err(Diagnostic::file(shown, format!("cannot be read: {}", e.kind()))),
        }
    }
}

/// Read the config file alone: it names the theme to load the rest from.
pub fn config(root: &Root) -> Result<Source, Diagnostics> {
    let path = root.dir.join(CONFIG_FILE);
    if std::fs::symlink_metadata(&path).is_err() {
        let hint = format!("run baspa in the report's folder or pass `--root`; `baspa.yaml` is missing in `{}`", root.dir.display());
        return Err(Diagnostic::file(CONFIG_FILE, "no site configuration found").with_hint(hint).into());
    }
    read_text(root, &path).map_err(Diagnostics::from)
}

pub fn sources(root: &Root, config: Source, theme: &str) -> Result<Sources, Diagnostics> {
    let mut errors = Diagnostics::new();
    let mut s = Sources { config, pages: vec![], content_files: vec![], data: vec![], templates: vec![], static_files: vec![], strings: vec![] };
    let theme_dir = root.dir.join("themes").join(theme);
    if !theme_dir.is_dir() {
        errors.push(Diagnostic::file(CONFIG_FILE, format!("theme `{theme}` not found: there is no folder `themes/{theme}`")));
        return Err(errors);
    }
    let content = root.dir.join("content");
    // Read on every core (thousands of pages); kept in the walk's order.
    let read: Vec<Result<ContentFile, Diagnostic>> = walk(root, &content, &mut errors).par_iter().map(|path| content_file(root, &content, path)).collect();
    for file in read {
        match errors.take(file) {
            Some(ContentFile::Page(page)) => s.pages.push(page),
            Some(ContentFile::Other(file)) => s.content_files.push(file),
            None => {}
        }
    }
    for path in walk(root, &root.dir.join("data"), &mut errors) {
        if path.extension().is_some_and(|e| e == "yaml" || e == "yml") {
            s.data.extend(errors.take(read_text(root, &path)));
        }
    }
    for path in walk(root, &theme_dir.join("templates"), &mut errors) {
        s.templates.extend(errors.take(read_text(root, &path)));
    }
    let static_dir = theme_dir.join("static");
    for path in walk(root, &static_dir, &mut errors) {
        s.static_files.extend(errors.take(read_binary(root, &static_dir, &path)));
    }
    for path in walk(root, &theme_dir.join("i18n"), &mut errors) {
        s.strings.extend(errors.take(read_text(root, &path)));
    }
    if s.templates.is_empty() {
        errors.push(Diagnostic::file(format!("themes/{theme}/templates"), "the theme has no templates"));
    }
    errors.finish(s)
}

fn active_extension(path: &Path) -> Option<String> {
    let ext = path.extension()?.to_string_lossy().to_ascii_lowercase();
    ACTIVE_EXTENSIONS.contains(&ext.as_str()).then_some(ext)
}

/// Regular files under `dir`, sorted, skipping hidden ones; a missing folder
/// is empty. Links are followed only while they stay inside the root.
/// A file under `content/`: a page, or a file published beside them.
enum ContentFile {
    Page(Source),
    Other(BinaryFile),
}

fn content_file(root: &Root, content: &Path, path: &Path) -> Result<ContentFile, Diagnostic> {
    if path.extension().is_some_and(|e| e == "md") {
        return read_text(root, path).map(ContentFile::Page);
    }
    if let Some(ext) = active_extension(path) {
        let d =
            Diagnostic::file(root.display(path), format!("`.{ext}` files are not published: browsers run scripts in them, outside the site's security policy"));
        return Err(d.with_hint("export it as PNG or PDF, or write its content into a page"));
    }
    read_binary(root, content, path).map(ContentFile::Other)
}

fn walk(root: &Root, dir: &Path, errors: &mut Diagnostics) -> Vec<PathBuf> {
    if std::fs::symlink_metadata(dir).is_err() {
        return Vec::new();
    }
    if let Err(d) = root.check_inside(dir) {
        errors.push(d);
        return Vec::new();
    }
    let mut files = Vec::new();
    let mut refused = Vec::new();
    let entries = WalkDir::new(dir).follow_links(true).sort_by_file_name().into_iter().filter_entry(|e| {
        if e.depth() > 0 && e.file_name().to_string_lossy().starts_with('.') {
            return false;
        }
        if e.path_is_symlink()
            && let Err(d) = root.check_inside(e.path())
        {
            refused.push(d);
            return false;
        }
        true
    });
    for entry in entries {
        match entry {
            Ok(e) if e.file_type().is_file() => files.push(e.into_path()),
            Ok(e) if e.file_type().is_dir() => {}
            Ok(e) => errors.push(Diagnostic::file(root.display(e.path()), "not a regular file or folder")),
            Err(e) => {
                let shown = e.path().map(|p| root.display(p)).unwrap_or_else(|| root.display(dir));
                let link_problem = e.path().filter(|p| p.is_symlink()).and_then(|p| root.check_inside(p).err());
                match (e.loop_ancestor(), link_problem) {
                    (Some(_), _) => errors.push(Diagnostic::file(shown, "symbolic link loop")),
                    (None, Some(d)) => errors.push(d),
                    (None, None) => errors.push(Diagnostic::file(shown, io_message(e.io_error()))),
                }
            }
        }
    }
    errors.extend(refused);
    files
}

fn io_message(e: Option<&std::io::Error>) -> String {
    e.map_or_else(|| "cannot be read".into(), |e| format!("cannot be read: {}", e.kind()))
}

/// A path as users see it: relative to `base`, `/`-separated.
pub fn display(base: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(base).unwrap_or(path);
    rel.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/")
}

fn read_text(root: &Root, path: &Path) -> Result<Source, Diagnostic> {
    let shown = root.display(path);
    let mut bytes = read_limited(root, path, MAX_TEXT_BYTES)?;
    if bytes.starts_with(b"\xEF\xBB\xBF") {
        bytes.drain(..3);
    }
    // Validated where it lies, not copied.
    let text = match String::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            let valid_up_to = e.utf8_error().valid_up_to();
            let bytes = e.into_bytes();
            let valid = std::str::from_utf8(&bytes[..valid_up_to]).unwrap_or_default();
            let file = SourceText::shared(&shown, valid);
            return Err(file.error_at(valid.len(), "invalid UTF-8").with_hint("save the file as UTF-8"));
        }
    };
    let text = if text.contains('\r') { text.replace("\r\n", "\n") } else { text };
    Ok(SourceText::shared(shown, text))
}

fn read_binary(root: &Root, base: &Path, path: &Path) -> Result<BinaryFile, Diagnostic> {
    let rel_path = display(base, path);
    if rel_path.chars().any(|c| c.is_control() || c == '\\') {
        let d = Diagnostic::file(root.display(path), "file name holds a control character or a backslash");
        return Err(d.with_hint("rename the file with letters, digits, `-`, `_` and `.`"));
    }
    let bytes = read_limited(root, path, MAX_BINARY_BYTES)?;
    Ok(BinaryFile { rel_path, bytes })
}

/// Read a regular file inside the root, refusing more than `limit` bytes.
fn read_limited(root: &Root, path: &Path, limit: u64) -> Result<Vec<u8>, Diagnostic> {
    let shown = root.display(path);
    root.check_inside(path)?;
    let fail = |e: std::io::Error| Diagnostic::file(&shown, format!("cannot be read: {}", e.kind()));
    let meta = std::fs::metadata(path).map_err(fail)?;
    if !meta.is_file() {
        return Err(Diagnostic::file(&shown, "not a regular file"));
    }
    let too_large = |n: u64| Diagnostic::file(&shown, format!("file is too large ({n} bytes, the limit is {limit} bytes)"));
    if meta.len() > limit {
        return Err(too_large(meta.len()));
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    std::fs::File::open(path).and_then(|f| f.take(limit + 1).read_to_end(&mut bytes)).map_err(fail)?;
    if bytes.len() as u64 > limit {
        return Err(too_large(bytes.len() as u64));
    }
    Ok(bytes)
}
