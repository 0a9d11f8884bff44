//! `baspa check` on reports made by `baspa new`: clean, broken in several
//! ways at once, with git history, and with external links to a local
//! axum server (127.0.0.1 only: tests never reach the internet).

mod support;

use std::process::Command;
use std::sync::{Arc, Mutex};

use axum::Router;
use axum::http::{Method, StatusCode, Uri};
use axum::routing::get;
use support::{Report, run, stderr, stdout};

/// `baspa check` with the site's real address, as CI runs it (a new
/// report's `base_url` is a placeholder, which check warns about).
fn check(report: &Report, extra: &[&str]) -> std::process::Output {
    let mut args = vec!["check", "--root", report.root_str(), "--base-url", "https://stat.gov.kz/report/"];
    args.extend_from_slice(extra);
    run(&args)
}

#[test]
fn a_new_report_passes() {
    let report = Report::new();
    let out = check(&report, &[]);
    assert!(out.status.success(), "{}", stderr(&out));
    let summary = stdout(&out);
    assert!(summary.starts_with("check passed: 2 languages, 4 pages, 1 figure in "), "{summary}");
    assert!(summary.trim_end().ends_with("nothing was written"), "{summary}");
    assert!(!report.path("public").exists());
}

#[test]
fn warns_about_a_placeholder_base_url_and_fails_with_strict() {
    let report = Report::new();
    let out = run(&["check", "--root", report.root_str()]);
    assert!(out.status.success(), "a warning does not fail: {}", stderr(&out));
    let err = stderr(&out);
    assert!(err.contains("warning: baspa.yaml:") && err.contains("`base_url` is on the reserved example domain `example.org`"), "{err}");
    assert!(stdout(&out).starts_with("check passed with 1 warning: "), "{}", stdout(&out));
    let strict = run(&["check", "--root", report.root_str(), "--strict"]);
    assert_eq!(strict.status.code(), Some(1), "{}", stderr(&strict));
    assert!(stderr(&strict).contains("error: baspa.yaml:"), "{}", stderr(&strict));
}

/// A broken link, a data file no page uses, and a page without its Russian translation.
fn broken_report() -> Report {
    let report = Report::new();
    report.edit("content/en/_index.md", "[Calls by year](01-calls.md)", "[Calls by year](01-cals.md)");
    report.write("data/spare.yaml", "title: Spare\nsource: Nobody\nvalues:\n  one: {value: 1, label: One}\n");
    report.write("content/en/02-methods.md", "---\ntitle: Methods\norder: 2\n---\nHow we counted.\n");
    report
}

#[test]
fn lists_every_problem_and_fails() {
    let report = broken_report();
    let out = check(&report, &[]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    let link_line = report.read("content/en/_index.md").lines().position(|l| l.contains("01-cals.md")).unwrap() + 1;
    for expected in [
        format!("error: content/en/_index.md:{link_line}:4: link to unknown page `01-cals.md`"),
        "error: data/spare.yaml: data file is never used".to_string(),
        "error: content/en/02-methods.md: page has no `ru` translation: `content/ru/02-methods.md` is missing".to_string(),
    ] {
        assert!(err.contains(&expected), "missing `{expected}` in:\n{err}");
    }
    assert!(!err.contains("data/helplines.yaml"), "helplines always count as used:\n{err}");
    assert!(err.trim_end().ends_with(")") && err.contains("check failed: 3 errors"), "{err}");
}

#[test]
fn json_lists_the_same_problems() {
    let report = broken_report();
    let out = check(&report, &["--format", "json"]);
    assert_eq!(out.status.code(), Some(1));
    let items: Vec<serde_json::Value> = serde_json::from_str(&stdout(&out)).expect("stdout is a JSON array");
    let errors: Vec<&serde_json::Value> = items.iter().filter(|i| i["severity"] == "error").collect();
    assert_eq!(errors.len(), 3, "{items:?}");
    let link = errors.iter().find(|i| i["path"] == "content/en/_index.md").expect("the link error");
    assert!(link["line"].is_u64() && link["column"] == 4 && link["message"] == "link to unknown page `01-cals.md`", "{link}");
    assert!(link["hint"].is_string());
    let unused = errors.iter().find(|i| i["path"] == "data/spare.yaml").expect("the unused data file");
    assert!(unused["line"].is_null() && unused["column"].is_null() && unused["message"] == "data file is never used", "{unused}");
    for item in &items {
        for key in ["path", "line", "column", "message", "hint", "severity"] {
            assert!(item.get(key).is_some(), "{key} missing in {item}");
        }
    }
}

fn git(report: &Report, args: &[&str], date: &str) {
    let out = Command::new("git")
        .args(["-c", "user.email=t@t", "-c", "user.name=t", "-c", "commit.gpgsign=false"])
        .args(args)
        .current_dir(&report.root)
        .env("GIT_AUTHOR_DATE", date)
        .env("GIT_COMMITTER_DATE", date)
        .output()
        .expect("git runs");
    assert!(out.status.success(), "git {args:?}: {}", String::from_utf8_lossy(&out.stderr));
}

#[test]
fn warns_when_the_original_changed_after_its_translation() {
    let report = Report::new();
    let stale = "content/ru/01-calls.md: translation may be stale: content/en/01-calls.md changed later (2025-03-02)";

    let out = check(&report, &[]);
    assert!(stderr(&out).contains("note: translations were not compared for staleness"), "{}", stderr(&out));

    git(&report, &["init", "-q"], "2025-03-01T10:00:00Z");
    git(&report, &["add", "."], "2025-03-01T10:00:00Z");
    git(&report, &["commit", "-q", "-m", "first"], "2025-03-01T10:00:00Z");
    assert!(!stderr(&check(&report, &[])).contains("stale"), "same commit: nothing stale");

    report.edit("content/en/01-calls.md", "Calls have grown every year", "Calls have grown every single year");
    git(&report, &["commit", "-q", "-am", "english"], "2025-03-02T10:00:00Z");
    let out = check(&report, &[]);
    assert!(out.status.success(), "a warning does not fail: {}", stderr(&out));
    assert!(stderr(&out).contains(&format!("warning: {stale}")), "{}", stderr(&out));
    assert!(stdout(&out).starts_with("check passed with 1 warning: "), "{}", stdout(&out));

    let strict = check(&report, &["--strict"]);
    assert_eq!(strict.status.code(), Some(1));
    assert!(stderr(&strict).contains(&format!("error: {stale}")), "{}", stderr(&strict));

    report.edit("content/ru/01-calls.md", "растёт каждый год", "растёт из года в год");
    assert!(!stderr(&check(&report, &[])).contains("stale"), "an edited, uncommitted translation is up to date");
    git(&report, &["commit", "-q", "-am", "russian"], "2025-03-03T10:00:00Z");
    assert!(check(&report, &["--strict"]).status.success());
}

/// A local server: `/ok` 200, `/gone` 404, `/no-head` refuses HEAD (405) but answers GET.
fn link_server() -> (u16, Arc<Mutex<Vec<String>>>) {
    let log = Arc::new(Mutex::new(Vec::new()));
    let seen = log.clone();
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    listener.set_nonblocking(true).expect("nonblocking");
    let port = listener.local_addr().expect("addr").port();
    std::thread::spawn(move || {
        let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().expect("runtime");
        runtime.block_on(async move {
            let app = Router::new()
                .route("/ok", get(|| async { "fine" }))
                .route("/no-head", get(|| async { "fine" }).head(|| async { StatusCode::METHOD_NOT_ALLOWED }))
                .layer(axum::middleware::from_fn(move |method: Method, uri: Uri, req: axum::extract::Request, next: axum::middleware::Next| {
                    let seen = seen.clone();
                    async move {
                        seen.lock().unwrap().push(format!("{method} {uri}"));
                        next.run(req).await
                    }
                }));
            let listener = tokio::net::TcpListener::from_std(listener).expect("tokio listener");
            axum::serve(listener, app).await.expect("serve");
        });
    });
    (port, log)
}

#[test]
fn external_links_are_requested_and_broken_ones_reported() {
    let (port, log) = link_server();
    let report = Report::new();
    // The footer's licence link would go to the internet: tests stay local.
    report.edit("baspa.yaml", "  license_url: https://creativecommons.org/licenses/by/4.0/\n", "");
    let links =
        format!("See [the data](http://127.0.0.1:{port}/ok), [the old data](http://127.0.0.1:{port}/gone) and [more](http://127.0.0.1:{port}/no-head).");
    report.edit("content/en/01-calls.md", "See the [summary](_index.md) for the main findings.", &links);

    let out = check(&report, &["--external"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let err = stderr(&out);
    let line = report.read("content/en/01-calls.md").lines().position(|l| l.contains("/gone")).unwrap() + 1;
    let column = report.read("content/en/01-calls.md").lines().nth(line - 1).unwrap().find(&format!("http://127.0.0.1:{port}/gone")).unwrap() + 1;
    let expected = format!("error: content/en/01-calls.md:{line}:{column}: external link `http://127.0.0.1:{port}/gone` is broken: 404 Not Found");
    assert!(err.contains(&expected), "missing `{expected}` in:\n{err}");
    assert!(!err.contains("/ok`") && !err.contains("/no-head`"), "{err}");
    assert!(err.contains("check failed: 1 error (2 languages, 4 pages, 1 figure, 3 external links;"), "only the three local links: {err}");

    let requests = log.lock().unwrap().clone();
    assert!(requests.contains(&"HEAD /ok".to_string()) && !requests.contains(&"GET /ok".to_string()), "{requests:?}");
    let no_head: Vec<&String> = requests.iter().filter(|r| r.ends_with("/no-head")).collect();
    assert_eq!(no_head, ["HEAD /no-head", "GET /no-head"], "GET after a 405 to HEAD");
    assert_eq!(requests.iter().filter(|r| r.ends_with("/gone")).count(), 1, "a 404 is not retried: {requests:?}");
}
