//! Sources are untrusted and machines shared: no source makes baspa read
//! outside its root, write outside its output, destroy its sources, lose a
//! site to a parallel build, panic, or run without bound. Each class of the
//! red-team report has its cases here; the ones about a single input's
//! message are in `tests/invalid/`.

mod common;

use std::collections::BTreeMap;
use std::path::Path;
use std::process::{Command, Output, Stdio};

use common::{REPO, copy_of_report, read_tree};

fn baspa(args: &[&str], root: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_baspa")).args(args).arg("--root").arg(root).output().expect("baspa runs")
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// A copy of the `_base` test site with the repository's theme.
fn small_site() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    common::copy(&Path::new(REPO).join("tests/invalid/_base"), dir.path());
    common::copy(&Path::new(REPO).join("themes"), &dir.path().join("themes"));
    dir
}

#[cfg(unix)]
mod symlinks {
    use super::*;
    use std::os::unix::fs::symlink;

    fn build_fails_naming(root: &Path, link: &str, target: &str) {
        let out = baspa(&["build", "--quiet", "--out", "public"], root);
        assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
        let err = stderr(&out);
        assert!(err.contains(&format!("error: {link}: symbolic link leads outside the report's folder, to `{target}`")), "{err}");
        assert!(!root.join("public").exists(), "nothing was written");
    }

    #[test]
    fn a_link_to_the_environment_is_refused_not_published() {
        let dir = small_site();
        symlink("/proc/self/environ", dir.path().join("content/en/env.txt")).unwrap();
        build_fails_naming(dir.path(), "content/en/env.txt", "/proc/self/environ");
    }

    #[test]
    fn links_to_files_and_folders_outside_are_refused() {
        let outside = tempfile::tempdir().unwrap();
        std::fs::write(outside.path().join("secret.yaml"), "title: secret\n").unwrap();
        let target = outside.path().canonicalize().unwrap();
        let dir = small_site();
        symlink(outside.path().join("secret.yaml"), dir.path().join("data/secret.yaml")).unwrap();
        build_fails_naming(dir.path(), "data/secret.yaml", &target.join("secret.yaml").display().to_string());

        let dir = small_site();
        symlink(outside.path(), dir.path().join("content/en/files")).unwrap();
        build_fails_naming(dir.path(), "content/en/files", &target.display().to_string());

        // The theme folder itself, and the config.
        let dir = small_site();
        let theme = dir.path().join("themes/default");
        let moved = outside.path().join("theme");
        std::fs::rename(&theme, &moved).unwrap();
        symlink(&moved, &theme).unwrap();
        let out = baspa(&["build", "--quiet"], dir.path());
        assert!(stderr(&out).contains("symbolic link leads outside the report's folder"), "{}", stderr(&out));
        let dir = small_site();
        std::fs::rename(dir.path().join("baspa.yaml"), outside.path().join("baspa.yaml")).unwrap();
        symlink(outside.path().join("baspa.yaml"), dir.path().join("baspa.yaml")).unwrap();
        build_fails_naming(dir.path(), "baspa.yaml", &target.join("baspa.yaml").display().to_string());
    }

    #[test]
    fn links_inside_the_root_are_followed() {
        let dir = small_site();
        std::fs::create_dir_all(dir.path().join("shared")).unwrap();
        std::fs::write(dir.path().join("shared/note.pdf"), "%PDF-1.4 note").unwrap();
        symlink("../../shared/note.pdf", dir.path().join("content/en/note.pdf")).unwrap();
        let out = baspa(&["build", "--quiet"], dir.path());
        assert!(out.status.success(), "{}", stderr(&out));
        let files = read_tree(&dir.path().join("public"));
        assert!(files.iter().any(|(p, b)| p.starts_with("en/note.") && b == b"%PDF-1.4 note"), "{:?}", files.keys());
    }

    #[test]
    fn a_broken_link_is_named() {
        let dir = small_site();
        symlink("nowhere.md", dir.path().join("content/en/02-gone.md")).unwrap();
        let out = baspa(&["build", "--quiet"], dir.path());
        assert!(stderr(&out).contains("error: content/en/02-gone.md: broken symbolic link to `nowhere.md`"), "{}", stderr(&out));
    }
}

mod output_folder {
    use super::*;

    /// The sources, byte for byte.
    fn sources(root: &Path) -> BTreeMap<String, Vec<u8>> {
        read_tree(root).into_iter().filter(|(p, _)| !p.starts_with("public/") && !p.starts_with(".baspa/")).collect()
    }

    #[test]
    fn an_output_at_above_or_inside_the_sources_is_refused_even_with_force() {
        let parent = tempfile::tempdir().unwrap();
        let root = parent.path().join("report");
        common::copy(&Path::new(REPO).join("tests/invalid/_base"), &root);
        common::copy(&Path::new(REPO).join("themes"), &root.join("themes"));
        let before = sources(&root);
        for (out, why) in [
            (root.clone(), "the output folder is the report's own folder"),
            (parent.path().to_path_buf(), "the output folder contains the report's sources"),
            (root.join("content/en/site"), "the output folder lies inside the report's `content/` folder"),
            (root.join("data"), "the output folder lies inside the report's `data/` folder"),
            (root.join("themes/default/static/x"), "the output folder lies inside the report's `themes/` folder"),
            (root.join("baspa.yaml"), "the output would replace `baspa.yaml`"),
            (root.join("public/../content"), "the output folder lies inside the report's `content/` folder"),
        ] {
            let out = Command::new(env!("CARGO_BIN_EXE_baspa")).args(["build", "--force", "--root"]).arg(&root).arg("--out").arg(&out).output().unwrap();
            assert_eq!(out.status.code(), Some(1), "{}: {}", out.status, stderr(&out));
            assert!(stderr(&out).contains(why), "{why}: {}", stderr(&out));
            assert_eq!(sources(&root), before, "the sources are untouched");
        }
        let fine = Command::new(env!("CARGO_BIN_EXE_baspa")).args(["build", "--quiet", "--root"]).arg(&root).output().unwrap();
        assert!(fine.status.success(), "{}", stderr(&fine));
    }

    #[test]
    fn the_lock_marker_and_staging_stay_out_of_the_site() {
        let dir = small_site();
        assert!(baspa(&["build", "--quiet"], dir.path()).status.success());
        assert!(baspa(&["build", "--quiet"], dir.path()).status.success(), "the second build replaces the first");
        let site = read_tree(&dir.path().join("public"));
        assert!(site.keys().all(|p| !p.starts_with('.') && !p.contains("/.")), "hidden files in the site: {:?}", site.keys());
        let state: Vec<String> = std::fs::read_dir(dir.path().join(".baspa")).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
        assert_eq!(state.len(), 2, "{state:?}");
        assert!(state.contains(&"public.lock".to_string()) && state.contains(&"public.output".to_string()), "{state:?}");
    }

    /// Two builds at once, `rounds` times: every build succeeds and every
    /// output folder holds a whole site.
    fn parallel(outs: [&str; 2], rounds: usize) {
        let dir = small_site();
        let reference = {
            assert!(baspa(&["build", "--quiet", "--out", "reference"], dir.path()).status.success());
            read_tree(&dir.path().join("reference"))
        };
        for round in 0..rounds {
            let children: Vec<_> = outs
                .iter()
                .map(|out| {
                    Command::new(env!("CARGO_BIN_EXE_baspa"))
                        .args(["build", "--quiet", "--out", out, "--root"])
                        .arg(dir.path())
                        .stderr(Stdio::piped())
                        .spawn()
                        .unwrap()
                })
                .collect();
            for child in children {
                let out = child.wait_with_output().unwrap();
                assert!(out.status.success(), "round {round}: {}", stderr(&out));
            }
            for out in outs {
                assert_eq!(read_tree(&dir.path().join(out)), reference, "round {round}: `{out}` is not the whole site");
            }
        }
        let left: Vec<String> = std::fs::read_dir(dir.path().join(".baspa"))
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.starts_with("stage-"))
            .collect();
        assert!(left.is_empty(), "staging folders left behind: {left:?}");
    }

    #[test]
    fn builds_into_sibling_folders_at_once_never_disturb_each_other() {
        parallel(["site-a", "site-b"], 50);
    }

    #[test]
    fn builds_into_the_same_folder_at_once_take_turns() {
        parallel(["public", "public"], 50);
    }
}

/// Run baspa on `root` with at most `cpu_seconds` of CPU and `megabytes` of
/// address space (not a wall-clock deadline: a busy machine only slows it).
#[cfg(unix)]
fn build_limited(root: &Path, cpu_seconds: u64, megabytes: u64) -> Output {
    use std::os::unix::process::CommandExt;
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_baspa"));
    cmd.args(["build", "--root"]).arg(root).arg("--out").arg(root.join("public")).env("RAYON_NUM_THREADS", "2");
    // SAFETY: setrlimit is async-signal-safe; nothing else runs between fork and exec.
    unsafe {
        cmd.pre_exec(move || {
            let cpu = libc::rlimit { rlim_cur: cpu_seconds, rlim_max: cpu_seconds };
            let mem = libc::rlimit { rlim_cur: megabytes << 20, rlim_max: megabytes << 20 };
            if libc::setrlimit(libc::RLIMIT_CPU, &cpu) != 0 || libc::setrlimit(libc::RLIMIT_AS, &mem) != 0 {
                return Err(std::io::Error::last_os_error());
            }
            Ok(())
        });
    }
    cmd.output().expect("baspa runs")
}

#[cfg(unix)]
mod bounded {
    use super::*;
    use std::os::unix::process::ExitStatusExt;

    /// A page or data file of about a megabyte, built under a CPU and
    /// memory limit: it must end by itself, with exit code 0 or 1.
    fn finishes(name: &str, file: &str, text: &str) -> Output {
        let dir = small_site();
        let path = dir.path().join(file);
        let text = if file.ends_with(".md") && !text.starts_with("---") { format!("---\ntitle: Big\norder: 9\n---\n{text}") } else { text.to_string() };
        std::fs::write(&path, &text).unwrap();
        if let Some(page) = file.strip_prefix("content/en/") {
            std::fs::write(dir.path().join("content/ru").join(page), &text).unwrap();
        }
        let out = build_limited(dir.path(), 30, 1536);
        assert!(out.status.signal().is_none(), "{name}: killed by signal {:?} (a limit was hit)", out.status.signal());
        assert!(matches!(out.status.code(), Some(0 | 1)), "{name}: exit {:?}\n{}", out.status.code(), stderr(&out));
        assert!(out.stderr.len() < 200_000, "{name}: {} bytes of messages", out.stderr.len());
        out
    }

    #[test]
    fn adversarial_yaml_is_refused_or_read_in_bounded_time_and_memory() {
        let megabyte = 1 << 20;
        let cases = [
            ("apostrophes hiding brackets", format!("title: it's\nvalues: {}", "'[".repeat(megabyte / 2))),
            ("brackets", "[".repeat(megabyte)),
            ("braces and keys", "{a: ".repeat(megabyte / 4)),
            ("deep block nesting", (0..1400).map(|i| format!("{}k{i}:\n", " ".repeat(i))).collect()),
            ("many keys", (0..60_000).map(|i| format!("k{i}: [1, 2, 3]\n")).collect()),
            ("one long line", format!("title: \"{}\"\n", "x".repeat(megabyte))),
        ];
        for (name, text) in cases {
            finishes(name, "data/big.yaml", &text);
        }
        // Front matter too.
        finishes("front matter brackets", "content/en/09-big.md", &format!("---\ntitle: {}\n---\n", "[".repeat(megabyte)));
    }

    #[test]
    fn adversarial_markdown_is_rendered_in_bounded_time_and_memory() {
        let cases = [
            ("20,000 equal headings", "## a\n\n".repeat(20_000)),
            ("unclosed references", "{{ ".repeat(300_000)),
            ("nested quotes", ">".repeat(100_000)),
            ("nested lists", (0..2000).map(|i| format!("{}- a\n", "  ".repeat(i))).collect()),
            ("nested brackets", "[".repeat(300_000)),
            ("emphasis", "*a **b ".repeat(100_000)),
            ("footnotes", (0..30_000).map(|i| format!("x[^{i}]\n\n[^{i}]: note\n\n")).collect()),
            ("chart blocks", "```chart\nid: a\n```\n".repeat(20_000)),
        ];
        for (name, text) in cases {
            finishes(name, "content/en/09-big.md", &text);
        }
    }

    #[test]
    fn thousands_of_errors_on_one_line_are_capped() {
        let line = "{{ nope.x }} ".repeat(3500);
        let out = finishes("3,500 errors on one line", "content/en/09-big.md", &format!("{line}\n"));
        let err = stderr(&out);
        assert!(err.contains("… and 3450 more problems in this file (the first 50 are listed)"), "{}", &err[err.len().saturating_sub(500)..]);
        let quoted = err.lines().find(|l| l.starts_with(" 5 | ")).expect("a quoted line");
        assert!(quoted.chars().count() < 130, "quoted lines are cut around the column: {} characters", quoted.chars().count());
    }
}

#[test]
fn an_unwritable_standard_output_is_an_error_not_a_panic() {
    let Ok(full) = std::fs::File::create("/dev/full") else { return };
    let out = Command::new(env!("CARGO_BIN_EXE_baspa"))
        .args(["build", "--root", REPO, "--out"])
        .arg(tempfile::tempdir().unwrap().path().join("public"))
        .stdout(full)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(stderr(&out).contains("error: the standard output could not be written"), "{}", stderr(&out));
}

/// Headings named like the theme's own ids, footnotes and figure ids: no
/// page has two elements with the same id.
#[test]
fn every_html_id_is_unique_on_every_page() {
    let dir = copy_of_report();
    let hostile =
        "\n## main\n\n## help-title\n\n## fig-criminal-cases\n\n## Fig. 1\n\n## fn-1 {#fn-1}\n\n## menu-title\n\nA note.[^main]\n\n[^main]: The note.\n";
    common::append_to_page(dir.path(), "01-current-situation.md", hostile);
    let built = common::build(dir.path(), &[]);
    for (path, bytes) in built.files.iter().filter(|(p, _)| p.ends_with(".html")) {
        let doc = scraper::Html::parse_document(std::str::from_utf8(bytes).unwrap());
        let mut seen = std::collections::BTreeSet::new();
        for e in doc.select(&scraper::Selector::parse("[id]").unwrap()) {
            let id = e.value().attr("id").unwrap();
            assert!(seen.insert(id.to_string()), "{path}: id `{id}` twice");
        }
    }
}
