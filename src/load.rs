//! Stage 1: disk → sources. Walks the project in sorted order (so output
//! never depends on the file system's order), reads every input once, and
//! keeps the text for quoting in errors. Text is normalised here: a UTF-8
//! byte-order mark is dropped and CRLF line endings become LF, so later
//! stages see one form.

use std::path::{Path, PathBuf};

use walkdir::WalkDir;

use crate::config::CONFIG_FILE;
use crate::error::{Diagnostic, Diagnostics, SourceText};
use crate::model::BinaryFile;

/// Larger Markdown or YAML files are refused: no report page is that big,
/// and it keeps a stray dump from stalling the build.
const MAX_TEXT_BYTES: u64 = 8 * 1024 * 1024;
/// Larger binary files next to pages are refused (a PDF of the report fits).
const MAX_BINARY_BYTES: u64 = 200 * 1024 * 1024;

pub struct Sources {
    pub config: SourceText,
    /// `content/<lang>/<name>.md`
    pub pages: Vec<SourceText>,
    /// Every other file under `content/`.
    pub content_files: Vec<BinaryFile>,
    /// `data/*.yaml`
    pub data: Vec<SourceText>,
    /// `themes/<theme>/templates/**`
    pub templates: Vec<SourceText>,
    /// `themes/<theme>/static/**`
    pub static_files: Vec<BinaryFile>,
    /// `themes/<theme>/i18n/<lang>.yaml`
    pub strings: Vec<SourceText>,
}

/// Read the config file alone: it names the theme to load the rest from.
pub fn config(root: &Path) -> Result<SourceText, Diagnostics> {
    read_text(root, &root.join(CONFIG_FILE)).map_err(|d| {
        if !root.join(CONFIG_FILE).exists() {
            Diagnostic::file(CONFIG_FILE, "no site configuration found")
                .with_hint(format!("run baspa in the report's folder or pass `--root`; `baspa.yaml` is missing in `{}`", root.display()))
                .into()
        } else {
            d.into()
        }
    })
}

pub fn sources(root: &Path, config: SourceText, theme: &str) -> Result<Sources, Diagnostics> {
    let mut errors = Diagnostics::new();
    let mut s = Sources { config, pages: vec![], content_files: vec![], data: vec![], templates: vec![], static_files: vec![], strings: vec![] };
    let theme_dir = root.join("themes").join(theme);
    if !theme_dir.is_dir() {
        errors.push(Diagnostic::file(CONFIG_FILE, format!("theme `{theme}` not found: there is no folder `themes/{theme}`")));
        return Err(errors);
    }
    for path in walk(root, &root.join("content"), &mut errors) {
        if path.extension().is_some_and(|e| e == "md") {
            s.pages.extend(errors.take(read_text(root, &path)));
        } else {
            s.content_files.extend(errors.take(read_binary(root, &root.join("content"), &path)));
        }
    }
    for path in walk(root, &root.join("data"), &mut errors) {
        if path.extension().is_some_and(|e| e == "yaml" || e == "yml") {
            s.data.extend(errors.take(read_text(root, &path)));
        }
    }
    for path in walk(root, &theme_dir.join("templates"), &mut errors) {
        s.templates.extend(errors.take(read_text(root, &path)));
    }
    for path in walk(root, &theme_dir.join("static"), &mut errors) {
        s.static_files.extend(errors.take(read_binary(root, &theme_dir.join("static"), &path)));
    }
    for path in walk(root, &theme_dir.join("i18n"), &mut errors) {
        s.strings.extend(errors.take(read_text(root, &path)));
    }
    if s.templates.is_empty() {
        errors.push(Diagnostic::file(format!("themes/{theme}/templates"), "the theme has no templates"));
    }
    errors.finish(s)
}

/// Files under `dir`, sorted, skipping hidden ones; a missing folder is empty.
fn walk(root: &Path, dir: &Path, errors: &mut Diagnostics) -> Vec<PathBuf> {
    if !dir.exists() {
        return Vec::new();
    }
    let mut files = Vec::new();
    let entries = WalkDir::new(dir).follow_links(true).sort_by_file_name().into_iter();
    for entry in entries.filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.')) {
        match entry {
            Ok(e) if e.file_type().is_file() => files.push(e.into_path()),
            Ok(_) => {}
            Err(e) => {
                let path = e.path().map(|p| display(root, p)).unwrap_or_else(|| display(root, dir));
                let message = if e.loop_ancestor().is_some() { "symbolic link loop".to_string() } else { io_message(e.io_error()) };
                errors.push(Diagnostic::file(path, message));
            }
        }
    }
    files
}

fn io_message(e: Option<&std::io::Error>) -> String {
    e.map_or_else(|| "cannot be read".into(), |e| format!("cannot be read: {}", e.kind()))
}

/// A project path as users see it: relative to the root, `/`-separated.
pub fn display(root: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(root).unwrap_or(path);
    rel.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/")
}

fn read_text(root: &Path, path: &Path) -> Result<SourceText, Diagnostic> {
    let shown = display(root, path);
    let bytes = read_limited(path, MAX_TEXT_BYTES).map_err(|m| Diagnostic::file(&shown, m))?;
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
    let text = match std::str::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            let valid = std::str::from_utf8(&bytes[..e.valid_up_to()]).unwrap_or_default();
            let file = SourceText::new(&shown, valid);
            return Err(file.error_at(valid.len(), "invalid UTF-8").with_hint("save the file as UTF-8"));
        }
    };
    let text = if text.contains('\r') { text.replace("\r\n", "\n") } else { text.to_string() };
    Ok(SourceText::new(shown, text))
}

fn read_binary(root: &Path, base: &Path, path: &Path) -> Result<BinaryFile, Diagnostic> {
    let bytes = read_limited(path, MAX_BINARY_BYTES).map_err(|m| Diagnostic::file(display(root, path), m))?;
    Ok(BinaryFile { rel_path: display(base, path), bytes })
}

fn read_limited(path: &Path, limit: u64) -> Result<Vec<u8>, String> {
    let meta = std::fs::metadata(path).map_err(|e| format!("cannot be read: {}", e.kind()))?;
    if meta.len() > limit {
        return Err(format!("file is too large ({} bytes, the limit is {limit} bytes)", meta.len()));
    }
    std::fs::read(path).map_err(|e| format!("cannot be read: {}", e.kind()))
}
