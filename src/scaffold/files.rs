//! Writing the files of a new report or page: never over an existing file.

use std::path::Path;

use crate::error::Diagnostic;

/// Write a file that must not exist yet, creating its folders.
pub fn write_new(root: &Path, rel: &str, bytes: &[u8]) -> Result<(), Diagnostic> {
    use std::io::Write;
    let path = root.join(rel);
    let shown = path.display().to_string();
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).map_err(|e| Diagnostic::file(parent.display().to_string(), format!("cannot create folder: {}", e.kind())))?;
    }
    let mut file = std::fs::OpenOptions::new().write(true).create_new(true).open(&path).map_err(|e| match e.kind() {
        std::io::ErrorKind::AlreadyExists => Diagnostic::file(&shown, "already exists; baspa never overwrites it"),
        kind => Diagnostic::file(&shown, format!("cannot write: {kind}")),
    })?;
    file.write_all(bytes).map_err(|e| Diagnostic::file(&shown, format!("cannot write: {}", e.kind())))
}
