//! Helpers shared by the integration tests: build a project with the real
//! binary into a temporary folder and read the result.

#![allow(dead_code)]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

pub const REPO: &str = env!("CARGO_MANIFEST_DIR");

pub struct Built {
    pub dir: tempfile::TempDir,
    pub files: BTreeMap<String, Vec<u8>>,
}

impl Built {
    pub fn text(&self, path: &str) -> String {
        let bytes = self.files.get(path).unwrap_or_else(|| panic!("no output file `{path}`"));
        String::from_utf8(bytes.clone()).expect("output is UTF-8")
    }

    pub fn out(&self) -> PathBuf {
        self.dir.path().join("public")
    }
}

/// Run `baspa build` on `root` with extra arguments; panics with stderr on failure.
pub fn build(root: &Path, args: &[&str]) -> Built {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().join("public");
    let output = Command::new(env!("CARGO_BIN_EXE_baspa")).arg("build").arg("--root").arg(root).arg("--out").arg(&out).args(args).output().expect("baspa runs");
    assert!(output.status.success(), "build failed:\n{}", String::from_utf8_lossy(&output.stderr));
    let files = read_tree(&out);
    Built { dir, files }
}

pub fn read_tree(root: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut files = BTreeMap::new();
    for e in walkdir::WalkDir::new(root).sort_by_file_name() {
        let e = e.expect("walk output");
        if e.file_type().is_file() {
            let rel = e.path().strip_prefix(root).unwrap().to_string_lossy().replace('\\', "/");
            files.insert(rel, std::fs::read(e.path()).unwrap());
        }
    }
    files
}

/// A copy of the shipped report in a temp folder, to modify in a test.
pub fn copy_of_report() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    for item in ["baspa.yaml", "content", "data", "themes"] {
        copy(&Path::new(REPO).join(item), &dir.path().join(item));
    }
    dir
}

pub fn copy(from: &Path, to: &Path) {
    if from.is_dir() {
        std::fs::create_dir_all(to).unwrap();
        for e in std::fs::read_dir(from).unwrap() {
            let e = e.unwrap();
            copy(&e.path(), &to.join(e.file_name()));
        }
    } else {
        std::fs::copy(from, to).unwrap();
    }
}

/// Run `baspa build` expecting failure; returns (exit code, stderr).
pub fn build_failure(root: &Path) -> (i32, String) {
    let dir = tempfile::tempdir().expect("temp dir");
    let output = Command::new(env!("CARGO_BIN_EXE_baspa"))
        .arg("build")
        .arg("--root")
        .arg(root)
        .arg("--out")
        .arg(dir.path().join("public"))
        .output()
        .expect("baspa runs");
    assert!(!dir.path().join("public").exists(), "a failed build wrote output");
    (output.status.code().unwrap_or(-1), String::from_utf8_lossy(&output.stderr).into_owned())
}

/// Append `text` to the same page in every language of a project copy.
pub fn append_to_page(root: &Path, file: &str, text: &str) {
    for lang in ["kk", "ru", "en"] {
        let path = root.join("content").join(lang).join(file);
        let mut body = std::fs::read_to_string(&path).unwrap();
        body.push_str(text);
        std::fs::write(&path, body).unwrap();
    }
}

/// Every inline script of a page is either data (`application/json`) or
/// allowed by its SHA-256 in the page's own Content-Security-Policy (the
/// quick-exit script); there is exactly one such script where the page has
/// a quick exit. Panics naming `path` otherwise.
pub fn assert_inline_scripts_allowed(path: &str, html: &str) {
    use base64::Engine;
    use sha2::Digest;
    let doc = scraper::Html::parse_document(html);
    let csp = doc
        .select(&scraper::Selector::parse("meta[http-equiv='Content-Security-Policy']").unwrap())
        .next()
        .and_then(|m| m.value().attr("content").map(str::to_string))
        .unwrap_or_default();
    let mut hashed = 0;
    for s in doc.select(&scraper::Selector::parse("script:not([src])").unwrap()) {
        if s.value().attr("type") == Some("application/json") {
            continue;
        }
        let text: String = s.text().collect();
        let hash = format!("'sha256-{}'", base64::engine::general_purpose::STANDARD.encode(sha2::Sha256::digest(text.as_bytes())));
        assert!(csp.contains(&hash), "{path}: an inline script the CSP does not allow ({hash} not in `{csp}`)");
        hashed += 1;
    }
    let has_exit = doc.select(&scraper::Selector::parse("#quick-exit").unwrap()).next().is_some();
    assert_eq!(hashed, usize::from(has_exit), "{path}: one inline script, the quick exit's, where there is a quick exit");
}
