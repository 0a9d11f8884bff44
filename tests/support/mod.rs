//! Helpers for the editor-command suites (`serve`, `check`, `new`): run the
//! real binary on a report made by `baspa new` in a temporary folder, talk
//! HTTP to it over 127.0.0.1, and never wait without a deadline.

#![allow(dead_code)]

use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::PathBuf;
use std::process::{Command, Output};
use std::time::{Duration, Instant};

pub const BIN: &str = env!("CARGO_BIN_EXE_baspa");

/// `baspa` with a clean environment for network use: no proxy may turn a
/// request to 127.0.0.1 into one to somewhere else.
pub fn baspa() -> Command {
    let mut cmd = Command::new(BIN);
    for var in ["ALL_PROXY", "all_proxy", "HTTPS_PROXY", "https_proxy", "HTTP_PROXY", "http_proxy"] {
        cmd.env_remove(var);
    }
    cmd
}

pub fn run(args: &[&str]) -> Output {
    baspa().args(args).output().expect("baspa runs")
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// A fresh report from `baspa new`, in `<temp>/report`.
pub struct Report {
    pub temp: tempfile::TempDir,
    pub root: PathBuf,
}

impl Report {
    pub fn new() -> Report {
        let temp = tempfile::tempdir().expect("temp dir");
        let root = temp.path().join("report");
        let out = baspa().arg("new").arg(&root).output().expect("baspa runs");
        assert!(out.status.success(), "baspa new failed:\n{}", stderr(&out));
        Report { temp, root }
    }

    pub fn path(&self, rel: &str) -> PathBuf {
        self.root.join(rel)
    }

    pub fn root_str(&self) -> &str {
        self.root.to_str().expect("temp paths are UTF-8")
    }

    pub fn read(&self, rel: &str) -> String {
        std::fs::read_to_string(self.path(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
    }

    pub fn write(&self, rel: &str, text: &str) {
        let path = self.path(rel);
        std::fs::create_dir_all(path.parent().expect("has a parent")).expect("create folder");
        std::fs::write(path, text).unwrap_or_else(|e| panic!("{rel}: {e}"));
    }

    /// Replace `from` (which must be there) by `to` in a file.
    pub fn edit(&self, rel: &str, from: &str, to: &str) {
        let text = self.read(rel);
        assert!(text.contains(from), "{rel} has no `{from}`");
        self.write(rel, &text.replacen(from, to, 1));
    }
}

/// An HTTP response, as far as the tests care.
#[derive(Debug)]
pub struct Response {
    pub status: u16,
    pub head: String,
    pub body: String,
}

impl Response {
    pub fn header(&self, name: &str) -> Option<String> {
        self.head.lines().find_map(|l| {
            let (n, v) = l.split_once(':')?;
            n.trim().eq_ignore_ascii_case(name).then(|| v.trim().to_string())
        })
    }
}

/// `GET <target>` sent as written: no client-side normalisation of `..`
/// or percent-escapes, which is what the traversal tests need.
pub fn get(port: u16, target: &str) -> Response {
    get_as(port, target, &format!("127.0.0.1:{port}"))
}

/// A GET with the given `Host` header (what a page on another site sends
/// after pointing its own name at 127.0.0.1).
pub fn get_as(port: u16, target: &str, host: &str) -> Response {
    let mut stream = connect(port);
    write!(stream, "GET {target} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n").expect("send request");
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).expect("read response");
    let text = String::from_utf8_lossy(&raw).into_owned();
    let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
    let status = head.split_whitespace().nth(1).and_then(|s| s.parse().ok()).unwrap_or(0);
    Response { status, head: head.to_string(), body: body.to_string() }
}

fn connect(port: u16) -> TcpStream {
    let stream = TcpStream::connect(("127.0.0.1", port)).expect("connect to 127.0.0.1");
    stream.set_read_timeout(Some(Duration::from_secs(20))).expect("timeout");
    stream
}

/// An open Server-Sent Events stream.
pub struct Events {
    stream: TcpStream,
    seen: String,
}

impl Events {
    /// Connect, and return once the server has answered (it is subscribed then).
    pub fn open(port: u16, path: &str) -> Events {
        let mut stream = connect(port);
        write!(stream, "GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nAccept: text/event-stream\r\n\r\n").expect("send request");
        let mut events = Events { stream, seen: String::new() };
        events.wait_for("event: hello", Duration::from_secs(20));
        events
    }

    /// Read until `n` `event: <name>` lines have arrived since the last call; panics after `limit`.
    pub fn wait_for_n(&mut self, name: &str, n: usize, limit: Duration) {
        let deadline = Instant::now() + limit;
        loop {
            if self.seen.matches(name).count() >= n {
                self.seen.clear();
                return;
            }
            let left = deadline.checked_duration_since(Instant::now()).unwrap_or_else(|| panic!("no `{name}` within {limit:?}; got:\n{}", self.seen));
            self.stream.set_read_timeout(Some(left.max(Duration::from_millis(1)))).expect("timeout");
            let mut buf = [0u8; 4096];
            match self.stream.read(&mut buf) {
                Ok(0) => panic!("event stream closed; got:\n{}", self.seen),
                Ok(n) => self.seen.push_str(&String::from_utf8_lossy(&buf[..n])),
                Err(e) if matches!(e.kind(), std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut) => {}
                Err(e) => panic!("event stream: {e}"),
            }
        }
    }

    pub fn wait_for(&mut self, name: &str, limit: Duration) {
        self.wait_for_n(name, 1, limit);
    }
}

/// Poll `f` until it returns `Some`, at most `limit`.
pub fn eventually<T>(limit: Duration, what: &str, mut f: impl FnMut() -> Option<T>) -> T {
    let deadline = Instant::now() + limit;
    loop {
        if let Some(v) = f() {
            return v;
        }
        assert!(Instant::now() < deadline, "timed out after {limit:?} waiting for {what}");
        std::thread::sleep(Duration::from_millis(50));
    }
}
