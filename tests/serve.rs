//! `baspa serve` as an editor uses it: a report from `baspa new`, served
//! over 127.0.0.1 from memory, edited, broken and fixed while a page's
//! event stream watches. Every test kills the server it started (a guard),
//! and every wait has a deadline.

mod support;

use std::io::{BufRead, BufReader, Read};
use std::process::{Child, Stdio};
use std::sync::mpsc;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use support::{Events, Report, baspa, eventually, get};

const START: Duration = Duration::from_secs(60);
const REBUILD: Duration = Duration::from_secs(30);

/// A running `baspa serve`, killed when dropped.
struct Server {
    child: Child,
    port: u16,
    ready: String,
    stdout: Arc<Mutex<Vec<String>>>,
    stderr: Arc<Mutex<String>>,
}

impl Server {
    fn start(report: &Report, port: u16) -> Server {
        let mut child = baspa()
            .args(["serve", "--root", report.root_str(), "--port", &port.to_string()])
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("baspa serve starts");
        let stdout = Arc::new(Mutex::new(Vec::new()));
        let stderr = Arc::new(Mutex::new(String::new()));
        let (tx, rx) = mpsc::channel();
        let out = BufReader::new(child.stdout.take().expect("piped"));
        let lines = stdout.clone();
        std::thread::spawn(move || {
            for line in out.lines().map_while(Result::ok) {
                if line.starts_with("serving ") {
                    let _ = tx.send(line.clone());
                }
                lines.lock().unwrap().push(line);
            }
        });
        let mut err = child.stderr.take().expect("piped");
        let errors = stderr.clone();
        std::thread::spawn(move || {
            let mut buf = [0u8; 4096];
            while let Ok(n @ 1..) = err.read(&mut buf) {
                errors.lock().unwrap().push_str(&String::from_utf8_lossy(&buf[..n]));
            }
        });
        let mut server = Server { child, port: 0, ready: String::new(), stdout, stderr };
        server.ready = rx.recv_timeout(START).unwrap_or_else(|_| panic!("not ready within {START:?}; stderr:\n{}", server.stderr()));
        let port = server.ready.split("127.0.0.1:").nth(1).and_then(|r| r.split('/').next()).and_then(|p| p.parse().ok());
        server.port = port.unwrap_or_else(|| panic!("no port in `{}`", server.ready));
        server
    }

    fn stdout(&self) -> Vec<String> {
        self.stdout.lock().unwrap().clone()
    }

    fn stderr(&self) -> String {
        self.stderr.lock().unwrap().clone()
    }

    fn rebuild_lines(&self) -> Vec<String> {
        self.stdout().into_iter().filter(|l| l.starts_with("rebuilt in ")).collect()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0").expect("bind").local_addr().expect("addr").port()
}

/// `href=/assets/style.<hash>.css` in a page (minified HTML leaves it unquoted).
fn stylesheet(html: &str) -> String {
    let start = html.find("/assets/style.").expect("a stylesheet link");
    html[start..].split([' ', '>', '"']).next().expect("an URL").to_string()
}

#[test]
fn serves_the_site_from_memory_on_the_given_port() {
    let report = Report::new();
    let port = free_port();
    let server = Server::start(&report, port);
    assert_eq!(server.ready, format!("serving http://127.0.0.1:{port}/ — watching for changes (Ctrl+C to stop)"));

    let root = get(port, "/");
    assert_eq!(root.status, 200);
    assert_eq!(root.header("content-type").as_deref(), Some("text/html; charset=utf-8"));
    assert!(root.body.contains("Content-Security-Policy") && root.body.contains("script-src 'self'"), "the page keeps its CSP");
    let tag = root.body.find("<script src=\"/__baspa/livereload.js\"").expect("live-reload script injected");
    assert!(tag < root.body.rfind("</body>").expect("a closing body tag"), "injected before </body>");

    let page = get(port, "/en/calls/");
    assert_eq!(page.status, 200);
    assert!(page.body.contains("Calls by year"));
    assert!(page.body.contains(&format!("http://127.0.0.1:{port}/en/calls/")), "base URL is the local address");

    let redirect = get(port, "/en/calls");
    assert_eq!((redirect.status, redirect.header("location").as_deref()), (308, Some("/en/calls/")));

    let css = get(port, &stylesheet(&page.body));
    assert_eq!((css.status, css.header("content-type").as_deref()), (200, Some("text/css; charset=utf-8")));

    let script = get(port, "/__baspa/livereload.js");
    assert_eq!((script.status, script.header("content-type").as_deref()), (200, Some("text/javascript; charset=utf-8")));
    assert!(script.body.contains("new EventSource(\"/__baspa/events\")"));

    let missing = get(port, "/en/no-such-page/");
    assert_eq!(missing.status, 404);
    assert!(missing.body.contains("Page not found") && missing.body.contains("/__baspa/livereload.js"), "the site's 404 page");
    assert!(get(port, "/ru/no-such-page/").body.contains("Страница не найдена"), "the language's own 404 page");

    assert!(!report.path("public").exists(), "serve never writes the site to disk");
}

#[test]
fn refuses_paths_outside_the_site_without_reading_the_disk() {
    let report = Report::new();
    std::fs::write(report.temp.path().join("secret.txt"), "top secret").unwrap();
    let server = Server::start(&report, 0);
    for target in [
        "/../secret.txt",
        "/../../secret.txt",
        "/en/../../secret.txt",
        "/%2e%2e/secret.txt",
        "/%2E%2E%2Fsecret.txt",
        "/en/%2e%2e/%2e%2e/secret.txt",
        "/..%2fsecret.txt",
        "/..%5csecret.txt",
        "/%2e%2e%5csecret.txt",
        "/..\\secret.txt",
        "//secret.txt",
        "/./baspa.yaml",
        "/baspa.yaml",
        "/content/en/_index.md",
    ] {
        let r = get(server.port, target);
        assert!(matches!(r.status, 400 | 404), "{target}: status {}", r.status);
        assert!(!r.body.contains("top secret") && !r.body.contains("base_url:") && !r.body.contains("title: Summary"), "{target} leaked a file");
    }
}

#[test]
fn answers_only_to_its_own_address_against_dns_rebinding() {
    let report = Report::new();
    let server = Server::start(&report, 0);
    let port = server.port;
    assert_eq!(support::get_as(port, "/en/", &format!("localhost:{port}")).status, 200);
    for host in [format!("evil.example:{port}"), "127.0.0.1".to_string(), format!("127.0.0.1.nip.io:{port}")] {
        let r = support::get_as(port, "/en/", &host);
        assert_eq!(r.status, 421, "Host: {host}");
        assert!(!r.body.contains("<html"), "no page for Host: {host}");
    }
    assert_eq!(support::get_as(port, "/__baspa/events", "evil.example").status, 421);
}

#[test]
fn edits_rebuild_and_reload_and_errors_show_until_fixed() {
    let report = Report::new();
    let server = Server::start(&report, 0);
    let port = server.port;
    let mut events = Events::open(port, "/__baspa/events");

    report.edit("content/en/01-calls.md", "Calls have grown every year", "Calls grew faster than ever");
    events.wait_for("event: reload", REBUILD);
    assert!(get(port, "/en/calls/").body.contains("Calls grew faster than ever"));
    let line = eventually(REBUILD, "a rebuild line", || server.rebuild_lines().pop());
    // Only the edited page is rendered again (the memo keeps the others);
    // its words change the language's search index too.
    assert!(
        line.contains(" ms (content/en/01-calls.md), 1 of 4 pages rendered: 3 files changed: en/calls/index.html, en/search/p0.json, en/search/t.json"),
        "{line}"
    );

    let data = report.read("data/calls.yaml");
    let line_no = data.lines().position(|l| l.contains("values:")).expect("a values line") + 1;
    let column = data.lines().nth(line_no - 1).and_then(|l| l.find('[')).expect("a flow list") + 1;
    report.edit("data/calls.yaml", "values: [1240, 1575, 2010]", "values: [1240, 1575]");
    events.wait_for("event: reload", REBUILD);
    let message = format!("data/calls.yaml:{line_no}:{column}: series `calls` has 2 values but there are 3 categories");
    for path in ["/en/calls/", "/", "/ru/"] {
        let broken = get(port, path);
        assert_eq!(broken.status, 500, "{path}");
        assert!(broken.body.contains(&message), "{path}: {}", broken.body);
        assert!(broken.body.contains("/__baspa/livereload.js"), "the error page reloads by itself");
    }
    eventually(REBUILD, "the error in the terminal", || server.stderr().contains(&message).then_some(()));

    report.edit("data/calls.yaml", "values: [1240, 1575]", "values: [1240, 1575, 2010]");
    events.wait_for("event: reload", REBUILD);
    let fixed = get(port, "/en/calls/");
    assert_eq!(fixed.status, 200);
    assert!(fixed.body.contains("Calls grew faster than ever"));
    let line = eventually(REBUILD, "the recovery line", || server.rebuild_lines().into_iter().find(|l| l.contains("the site builds again")));
    assert!(line.contains("(data/calls.yaml)"), "{line}");
}

#[test]
fn several_saves_at_once_give_one_rebuild() {
    let report = Report::new();
    let server = Server::start(&report, 0);
    let mut events = Events::open(server.port, "/__baspa/events");
    report.edit("content/en/01-calls.md", "Calls by year", "Calls per year");
    report.edit("content/ru/01-calls.md", "Обращения по годам", "Обращения за год");
    report.edit("data/calls.yaml", "[1240, 1575, 2010]", "[1240, 1575, 2011]");
    events.wait_for("event: reload", REBUILD);
    std::thread::sleep(Duration::from_millis(500));
    let lines = server.rebuild_lines();
    assert_eq!(lines.len(), 1, "{lines:?}");
    assert!(lines[0].contains("(content/en/01-calls.md and 2 more)"), "{}", lines[0]);
    assert!(get(server.port, "/en/calls/").body.contains("2,011"));
}

/// The address of the PDF a page links to (minified HTML leaves it unquoted).
#[cfg(feature = "pdf")]
fn pdf_link(html: &str) -> String {
    let end = html.find(".pdf").expect("a link to the PDF") + ".pdf".len();
    let start = html[..end].rfind("href=").expect("an href") + "href=".len();
    html[start..end].trim_start_matches('"').to_string()
}

/// A save never waits for the PDFs: they are made when asked for, kept
/// while their sources stay the same, made again after an edit.
#[cfg(feature = "pdf")]
#[test]
fn makes_the_pdf_when_asked_for_not_on_every_save() {
    let report = Report::new();
    let server = Server::start(&report, 0);
    let port = server.port;
    let page = get(port, "/en/calls/");
    let href = pdf_link(&page.body);
    assert!(href.starts_with("/en/report-") && href.ends_with("-en.pdf"), "{href}");
    assert!(page.body.contains("Download the report (PDF)"), "no size in the preview: the PDF is not made yet");
    let first = get(port, &href);
    assert_eq!((first.status, first.header("content-type").as_deref()), (200, Some("application/pdf")));
    assert!(first.body.starts_with("%PDF-"));
    assert!(get(port, &href).body == first.body, "kept while nothing changes");

    let mut events = Events::open(port, "/__baspa/events");
    report.edit("content/en/01-calls.md", "Calls have grown every year", "Calls grew faster than ever");
    events.wait_for("event: reload", REBUILD);
    let line = eventually(REBUILD, "a rebuild line", || server.rebuild_lines().pop());
    assert!(!line.contains(".pdf"), "the rebuild made no PDF: {line}");
    let again = get(port, &href);
    assert_eq!(again.status, 200);
    assert!(again.body.starts_with("%PDF-") && again.body != first.body, "made again from the edited page");
}
