//! Broken-input suite, one test per folder, generated from the folders by
//! datatest-stable: `cargo test --test invalid chart-unknown-kind` runs one.
//!
//! A case is the small site `tests/invalid/_base` (plus the repository's
//! `themes/default`) changed in one way:
//! - files in the case folder are laid over it, file by file;
//! - `edits.txt` changes lines of it (see [`apply_edits`]), so a case holds
//!   its one defect rather than a stale copy of a whole template;
//! - the paths in `remove.txt` are deleted.
//!
//! An invalid case must fail with exactly the stderr of its `expected.txt`,
//! leaving the previous output folder untouched; a valid case
//! (`tests/valid/<case>/case.txt` says what it shows) must build and its
//! pages must hold the texts listed in `case.txt` after `expect:`. Run with
//! `BASPA_BLESS=1` to (re)write the `expected.txt` files from the actual
//! output, then read the diff before committing it.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// Files of a case folder that describe the case rather than overlay the site.
const META: [&str; 4] = ["expected.txt", "remove.txt", "edits.txt", "case.txt"];
const OLD_HTML: &str = "<p>the previous build</p>\n";

datatest_stable::harness! {
    { test = invalid, root = "tests/invalid", pattern = r"^[^/_][^/]*/expected\.txt$" },
    { test = valid, root = "tests/valid", pattern = r"^[^/]+/case\.txt$" },
    { test = every_case_is_complete, root = "tests/invalid/_base", pattern = r"^baspa\.yaml$" },
}

/// A failure printed as written (datatest prints errors with `{:?}`).
struct Failure(String);

impl std::fmt::Debug for Failure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::fmt::Display for Failure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Failure {}

fn fail<T>(message: impl Into<String>) -> datatest_stable::Result<T> {
    Err(Box::new(Failure(message.into())))
}

fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn blessing() -> bool {
    std::env::var_os("BASPA_BLESS").is_some_and(|v| !v.is_empty() && v != "0")
}

/// Every file under `dir`, by `/`-separated path relative to it.
fn files(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in fs::read_dir(&d).unwrap_or_else(|e| panic!("{}: {e}", d.display())) {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else {
                let rel = path.strip_prefix(dir).unwrap().components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/");
                out.insert(rel, fs::read(&path).unwrap());
            }
        }
    }
    out
}

fn write(root: &Path, rel: &str, bytes: &[u8]) {
    let path = root.join(rel);
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(&path, bytes).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
}

/// `\n`, `\t`, `\\` and `\u{1b}` in an edit line.
fn unescape(s: &str) -> String {
    let mut out = String::new();
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('n') => out.push('\n'),
            Some('t') => out.push('\t'),
            Some('\\') => out.push('\\'),
            Some('u') if chars.peek() == Some(&'{') => {
                let hex: String = chars.by_ref().skip(1).take_while(|c| *c != '}').collect();
                out.push(char::from_u32(u32::from_str_radix(&hex, 16).expect("hex in \\u{…}")).expect("a character"));
            }
            other => panic!("unknown escape \\{other:?} in edits.txt"),
        }
    }
    out
}

/// `edits.txt`: `@ path` starts the edits of a file; `- text` then `+ text`
/// replaces the first occurrence of one line's text (`+` alone deletes it);
/// a `+ text` without a `-` before it appends a line (creating the file).
/// `#` lines are comments. Escapes: `\n`, `\t`, `\\`, `\u{1b}`.
fn apply_edits(root: &Path, edits: &str) -> Result<(), String> {
    let mut file: Option<PathBuf> = None;
    let mut old: Option<String> = None;
    for line in edits.lines().filter(|l| !l.starts_with('#') && !l.trim().is_empty()) {
        if let Some(path) = line.strip_prefix("@ ") {
            file = Some(root.join(path.trim()));
            continue;
        }
        let path = file.as_ref().ok_or("an edit before any `@ path` line")?;
        let text = fs::read_to_string(path).unwrap_or_default();
        if let Some(o) = line.strip_prefix("- ").or_else(|| (line == "-").then_some("")) {
            old = Some(unescape(o));
        } else if let Some(n) = line.strip_prefix("+ ").or_else(|| (line == "+").then_some("")) {
            let new = unescape(n);
            let changed = match old.take() {
                Some(o) if text.contains(&format!("{o}\n")) && new.is_empty() => text.replacen(&format!("{o}\n"), "", 1),
                Some(o) if text.contains(&o) => text.replacen(&o, &new, 1),
                Some(o) => return Err(format!("`{o}` is not in {}", path.display())),
                None => format!("{text}{new}\n"),
            };
            fs::create_dir_all(path.parent().unwrap()).unwrap();
            fs::write(path, changed).unwrap();
        } else {
            return Err(format!("cannot read edit line `{line}`"));
        }
    }
    Ok(())
}

/// A site for `case`: `_base`, the repository's default theme, then the
/// case's own files on top, its edits, then `remove.txt` applied.
fn site(case: &Path) -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path();
    for (rel, bytes) in files(&repo().join("tests/invalid/_base")) {
        write(root, &rel, &bytes);
    }
    for (rel, bytes) in files(&repo().join("themes/default")) {
        write(root, &format!("themes/default/{rel}"), &bytes);
    }
    for (rel, bytes) in files(case).into_iter().filter(|(rel, _)| !META.contains(&rel.as_str())) {
        write(root, &rel, &bytes);
    }
    if let Ok(edits) = fs::read_to_string(case.join("edits.txt")) {
        apply_edits(root, &edits).unwrap_or_else(|e| panic!("{}: edits.txt: {e}", case.display()));
    }
    if let Ok(list) = fs::read_to_string(case.join("remove.txt")) {
        for rel in list.lines().map(str::trim).filter(|l| !l.is_empty()) {
            let path = root.join(rel);
            let removed = if path.is_dir() { fs::remove_dir_all(&path) } else { fs::remove_file(&path) };
            removed.unwrap_or_else(|e| panic!("{}: remove.txt names `{rel}`: {e}", case.display()));
        }
    }
    tmp
}

fn build(root: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_baspa")).arg("build").arg("--root").arg(root).current_dir(root).output().expect("baspa runs")
}

/// The case must fail with exactly its expected stderr and leave the
/// previous site as it was.
fn invalid(expected_path: &Path) -> datatest_stable::Result<()> {
    let case = expected_path.parent().expect("a case folder");
    let tmp = site(case);
    let root = tmp.path();
    let public = root.join("public");
    write(root, ".baspa/public.output", b"marker\n");
    write(&public, "old.html", OLD_HTML.as_bytes());
    let before = files(&public);

    let out = build(root);
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    let mut problems = Vec::new();
    if out.status.code() != Some(1) {
        problems.push(format!("exit status {} (expected 1)", out.status));
    }
    let expected = fs::read_to_string(expected_path).unwrap_or_default();
    if expected != stderr {
        if blessing() {
            fs::write(expected_path, &stderr)?;
            eprintln!("blessed {}", expected_path.display());
        } else {
            problems.push(format!(
                "stderr differs\n--- expected\n{expected}--- actual\n{stderr}---\n(set BASPA_BLESS=1 to rewrite expected.txt, then review the diff)"
            ));
        }
    }
    if files(&public) != before {
        problems.push("the output folder was changed".into());
    }
    let stages: Vec<String> =
        fs::read_dir(root.join(".baspa"))?.map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).filter(|n| n.starts_with("stage-")).collect();
    if !stages.is_empty() {
        problems.push(format!("staging folders left behind: {stages:?}"));
    }
    if problems.is_empty() { Ok(()) } else { fail(problems.join("\n")) }
}

/// The case must build, and each `expect: <path>: <text>` line of its
/// `case.txt` names text that output file must contain.
fn valid(case_txt: &Path) -> datatest_stable::Result<()> {
    let case = case_txt.parent().expect("a case folder");
    let tmp = site(case);
    let out = build(tmp.path());
    if !out.status.success() {
        return fail(format!("exit status {}\n{}", out.status, String::from_utf8_lossy(&out.stderr)));
    }
    let built = files(&tmp.path().join("public"));
    let mut expectations = 0;
    for line in fs::read_to_string(case_txt)?.lines() {
        let Some((path, text)) = line.strip_prefix("expect: ").and_then(|l| l.split_once(": ")) else { continue };
        expectations += 1;
        let Some(page) = built.get(path).map(|b| String::from_utf8_lossy(b).into_owned()) else { return fail(format!("no output file `{path}`")) };
        if !page.contains(&unescape(text)) {
            return fail(format!("`{path}` lacks `{text}`"));
        }
    }
    if expectations == 0 {
        return fail("case.txt lists no `expect: <path>: <text>` line");
    }
    Ok(())
}

/// Every invalid case has an expectation and changes something; the base
/// builds by itself.
fn every_case_is_complete(_: &Path) -> datatest_stable::Result<()> {
    let mut problems = Vec::new();
    for entry in fs::read_dir(repo().join("tests/invalid"))? {
        let dir = entry?.path();
        let name = dir.file_name().unwrap().to_string_lossy().into_owned();
        if !dir.is_dir() || name == "_base" {
            continue;
        }
        let own = files(&dir);
        if !own.contains_key("expected.txt") && !blessing() {
            problems.push(format!("{name}: no expected.txt (run with BASPA_BLESS=1 to create it)"));
        }
        if own.keys().all(|k| k == "expected.txt") {
            problems.push(format!("{name}: changes nothing in _base"));
        }
        if !own.contains_key("expected.txt") && blessing() {
            fs::write(dir.join("expected.txt"), "")?;
        }
    }
    let base = site(&repo().join("tests/invalid/_base"));
    let out = build(base.path());
    if !out.status.success() {
        problems.push(format!("_base does not build:\n{}", String::from_utf8_lossy(&out.stderr)));
    }
    if problems.is_empty() { Ok(()) } else { fail(problems.join("\n")) }
}
