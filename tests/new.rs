//! `baspa new`: a new report builds and passes `check` at once; `new page`
//! adds one file per language that builds too; nothing is ever overwritten.

mod support;

use support::{Report, baspa, run, stderr, stdout};

#[test]
fn a_new_report_builds_and_passes_check() {
    let report = Report::new();
    let built = run(&["build", "--root", report.root_str()]);
    assert!(built.status.success(), "{}", stderr(&built));
    for page in ["index.html", "en/index.html", "en/calls/index.html", "ru/index.html", "ru/calls/index.html", "404.html"] {
        assert!(report.path("public").join(page).is_file(), "missing {page}");
    }
    let calls = report.read("public/en/calls/index.html");
    assert!(calls.contains("2,010") && calls.contains("Figure 1"), "numbers from the data file, a numbered chart");
    assert!(!calls.contains("__baspa"), "the live-reload script is only ever added by `serve`");
    let checked = run(&["check", "--root", report.root_str()]);
    assert!(checked.status.success(), "{}", stderr(&checked));
}

#[test]
fn refuses_a_folder_that_is_not_empty() {
    let temp = tempfile::tempdir().unwrap();
    std::fs::write(temp.path().join("keep.md"), "mine").unwrap();
    let out = baspa().arg("new").arg(temp.path()).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("folder is not empty"), "{}", stderr(&out));
    assert_eq!(std::fs::read_dir(temp.path()).unwrap().count(), 1, "nothing was added");
}

#[test]
fn new_page_adds_the_next_page_in_every_language() {
    let report = Report::new();
    let out = run(&["new", "page", "methods", "--root", report.root_str()]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(stdout(&out), "created content/en/02-methods.md\ncreated content/ru/02-methods.md\nadded page 02-methods in 2 languages\n");
    let en = report.read("content/en/02-methods.md");
    assert!(en.starts_with("---\ntitle: New page\n") && en.contains("\norder: 2\n"), "{en}");
    assert!(report.read("content/ru/02-methods.md").contains("title: Новая страница\n"));

    let next = run(&["new", "page", "annex", "--root", report.root_str()]);
    assert!(next.status.success(), "{}", stderr(&next));
    assert!(report.path("content/ru/03-annex.md").is_file());

    let built = run(&["build", "--root", report.root_str()]);
    assert!(built.status.success(), "{}", stderr(&built));
    assert!(report.path("public/ru/methods/index.html").is_file() && report.path("public/en/annex/index.html").is_file());
}

#[test]
fn new_page_refuses_bad_or_taken_slugs() {
    let report = Report::new();
    for (slug, message) in
        [("Methods", "is not a valid page slug"), ("мәтін", "is not a valid page slug"), ("calls", "a page with the slug `calls` exists already")]
    {
        let out = run(&["new", "page", slug, "--root", report.root_str()]);
        assert_eq!(out.status.code(), Some(1), "{slug}");
        assert!(stderr(&out).contains(message), "{slug}: {}", stderr(&out));
    }
    assert_eq!(std::fs::read_dir(report.path("content/en")).unwrap().count(), 2, "nothing was written");
}
