//! What installs beside the binary and what `--version` says.

use std::process::Command;

fn baspa(args: &[&str]) -> (bool, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_baspa")).args(args).output().expect("baspa runs");
    (out.status.success(), String::from_utf8(out.stdout).expect("UTF-8"))
}

#[test]
fn completions_generate_for_every_shell() {
    for (shell, mark) in [
        ("bash", "complete -F"),
        ("zsh", "#compdef baspa"),
        ("fish", "complete -c baspa"),
        ("powershell", "Register-ArgumentCompleter"),
        ("elvish", "edit:completion"),
    ] {
        let (ok, script) = baspa(&["completions", shell]);
        assert!(ok, "{shell}");
        assert!(script.contains(mark), "{shell}: {mark:?} in {script}");
        for word in ["build", "serve", "check", "--base-url"] {
            assert!(script.contains(word), "{shell} completes {word}");
        }
    }
    assert!(!baspa(&["completions", "cmd.exe"]).0, "an unknown shell is a usage error");
}

#[test]
fn the_manual_page_documents_every_command() {
    let (ok, page) = baspa(&["man"]);
    assert!(ok);
    assert!(page.starts_with(".ie \\n(.g .ds Aq") || page.contains(".TH baspa 1"), "{page}");
    for word in ["build", "serve", "check", "new", "completions"] {
        assert!(page.contains(word), "{word} in the manual");
    }
}

#[test]
fn version_names_the_release_and_the_commit_when_built_from_git() {
    let (ok, version) = baspa(&["--version"]);
    assert!(ok);
    assert!(version.starts_with(&format!("baspa {}", env!("CARGO_PKG_VERSION"))), "{version}");
    let git = Command::new("git").args(["rev-parse", "--short=10", "HEAD"]).current_dir(env!("CARGO_MANIFEST_DIR")).output();
    if let Some(out) = git.ok().filter(|o| o.status.success()) {
        // The binary may be older than HEAD by a commit made since it was built.
        let head = String::from_utf8_lossy(&out.stdout).trim().to_string();
        assert!(version.contains(" (commit ") && version.trim_end().ends_with(')'), "{version}, HEAD is {head}");
    }
}

#[test]
fn common_options_have_short_forms() {
    let (ok, help) = baspa(&["build", "--help"]);
    assert!(ok);
    for short in ["-r, --root", "-o, --out", "-b, --base-url", "-d, --drafts", "-q, --quiet"] {
        assert!(help.contains(short), "{short} in {help}");
    }
    let (_, serve) = baspa(&["serve", "--help"]);
    assert!(serve.contains("-p, --port") && serve.contains("--open"), "{serve}");
}
