//! The HTTP side of `serve` (axum): the site from memory, the live-reload
//! script and its event stream. Request paths are resolved against the
//! in-memory files only — the disk is never read — and anything that could
//! mean "outside the site" (`..`, `.`, encoded slashes or backslashes,
//! NUL, invalid UTF-8) is refused before lookup, so a mistake here cannot
//! become a file read.

use std::convert::Infallible;
use std::sync::Arc;

use axum::Router;
use axum::body::{Body, Bytes};
use axum::extract::State;
use axum::http::{HeaderValue, Method, StatusCode, Uri, header};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use futures_util::stream::{self, Stream, StreamExt};
use tokio::sync::broadcast::error::RecvError;

use super::page::{EVENTS_PATH, SCRIPT, SCRIPT_PATH};
use super::state::{Shared, Snapshot};

pub fn router(shared: Arc<Shared>, hosts: Hosts) -> Router {
    let routes = Router::new().route(SCRIPT_PATH, get(script)).route(EVENTS_PATH, get(events)).fallback(site).with_state(shared);
    routes.layer(axum::middleware::from_fn(move |request: axum::extract::Request, next: axum::middleware::Next| {
        let allowed = hosts.allows(request.headers().get(header::HOST).and_then(|h| h.to_str().ok()));
        async move {
            if allowed {
                next.run(request).await
            } else {
                respond(
                    StatusCode::MISDIRECTED_REQUEST,
                    "text/plain; charset=utf-8",
                    Bytes::from_static(b"this preview answers only to the address it listens on\n"),
                )
            }
        }
    }))
}

/// The `Host` names a preview answers to: the loopback names and the bound
/// address, with the bound port. A page on another site that points its
/// own domain at 127.0.0.1 (DNS rebinding) sends its own name, and is
/// refused, so it cannot read the preview. Bound to every interface
/// (`0.0.0.0`, `::`), any name is accepted: the preview is meant to be seen.
#[derive(Clone)]
pub struct Hosts {
    names: Vec<String>,
    any: bool,
}

impl Hosts {
    pub fn new(bind: &str, port: u16) -> Hosts {
        let any = bind.parse::<std::net::IpAddr>().is_ok_and(|ip| ip.is_unspecified());
        let bind = if bind.contains(':') && !bind.starts_with('[') { format!("[{bind}]") } else { bind.to_string() };
        let names = ["localhost", "127.0.0.1", "[::1]", bind.as_str()].iter().map(|h| format!("{}:{port}", h.to_ascii_lowercase())).collect();
        Hosts { names, any }
    }

    fn allows(&self, host: Option<&str>) -> bool {
        self.any || host.is_some_and(|h| self.names.iter().any(|n| n.eq_ignore_ascii_case(h)))
    }
}

async fn script() -> Response {
    respond(StatusCode::OK, "text/javascript; charset=utf-8", Bytes::from_static(SCRIPT.as_bytes()))
}

/// Server-Sent Events: `hello` with the current generation on connecting,
/// then `reload` after each published rebuild. Ends on shutdown.
async fn events(State(shared): State<Arc<Shared>>) -> Sse<impl Stream<Item = Result<Event, Infallible>>> {
    let hello = Event::default().event("hello").retry(std::time::Duration::from_millis(500)).data(shared.snapshot().generation.clone());
    let state = (shared.reload.subscribe(), shared.shutdown.clone());
    let reloads = stream::unfold(state, |(mut rx, mut shutdown)| async move {
        if *shutdown.borrow() {
            return None;
        }
        let generation = tokio::select! {
            received = rx.recv() => match received {
                Ok(g) => g,
                Err(RecvError::Lagged(_)) => String::new(),
                Err(RecvError::Closed) => return None,
            },
            _ = shutdown.changed() => return None,
        };
        Some((Ok(Event::default().event("reload").data(generation)), (rx, shutdown)))
    });
    Sse::new(stream::once(async move { Ok(hello) }).chain(reloads)).keep_alive(KeepAlive::default())
}

async fn site(State(shared): State<Arc<Shared>>, method: Method, uri: Uri) -> Response {
    if method != Method::GET && method != Method::HEAD {
        let mut r = (StatusCode::METHOD_NOT_ALLOWED, "only GET and HEAD\n").into_response();
        r.headers_mut().insert(header::ALLOW, HeaderValue::from_static("GET, HEAD"));
        return r;
    }
    let path = match SitePath::parse(uri.path()) {
        Ok(p) => p,
        Err(why) => return respond(StatusCode::BAD_REQUEST, "text/plain; charset=utf-8", Bytes::from(format!("bad request: {why}\n"))),
    };
    let snap = shared.snapshot();
    if let Some(doc) = snap.documents.get(&path.key()).cloned() {
        return pdf(shared.clone(), doc).await;
    }
    lookup(&snap, &path, uri.path())
}

/// A PDF, typeset now unless it was since its sources last changed.
async fn pdf(shared: Arc<Shared>, doc: Arc<crate::model::Document>) -> Response {
    let made = tokio::task::spawn_blocking(move || shared.pdfs.get(&doc)).await;
    match made {
        Ok(Ok(bytes)) => respond(StatusCode::OK, "application/pdf", bytes),
        Ok(Err(errors)) => respond(StatusCode::INTERNAL_SERVER_ERROR, "text/plain; charset=utf-8", Bytes::from(errors)),
        Err(_) => respond(StatusCode::INTERNAL_SERVER_ERROR, "text/plain; charset=utf-8", Bytes::from_static(b"the PDF could not be made\n")),
    }
}

fn lookup(snap: &Snapshot, path: &SitePath, raw: &str) -> Response {
    let key = path.key();
    let file = snap.files.get(&key);
    // While broken, assets of the last good build still load; pages do not.
    let asset = file.is_some() && !key.ends_with(".html");
    if let Some(error_page) = &snap.error_page
        && !asset
    {
        return respond(StatusCode::INTERNAL_SERVER_ERROR, "text/html; charset=utf-8", error_page.clone());
    }
    if let Some(bytes) = file {
        return respond(StatusCode::OK, content_type(&key), bytes.clone());
    }
    if !path.dir && snap.files.contains_key(&format!("{key}/index.html")) {
        let mut r = StatusCode::PERMANENT_REDIRECT.into_response();
        if let Ok(location) = HeaderValue::from_str(&format!("{raw}/")) {
            r.headers_mut().insert(header::LOCATION, location);
        }
        return r;
    }
    let not_found = path.segments.first().and_then(|lang| snap.files.get(&format!("{lang}/404.html"))).or_else(|| snap.files.get("404.html"));
    match not_found {
        Some(page) => respond(StatusCode::NOT_FOUND, "text/html; charset=utf-8", page.clone()),
        None => respond(StatusCode::NOT_FOUND, "text/plain; charset=utf-8", Bytes::from_static(b"not found\n")),
    }
}

fn respond(status: StatusCode, content_type: &'static str, body: Bytes) -> Response {
    let mut r = Response::new(Body::from(body));
    *r.status_mut() = status;
    let h = r.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    // A preview must never show yesterday's page from the browser's cache.
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    h.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    r
}

/// A request path inside the site: decoded segments, and whether it ended
/// with `/` (a folder, served by its `index.html`).
#[derive(Debug, PartialEq, Eq)]
pub struct SitePath {
    pub segments: Vec<String>,
    pub dir: bool,
}

impl SitePath {
    /// Decode and vet the path of a request (without its query).
    pub fn parse(raw: &str) -> Result<SitePath, &'static str> {
        let rest = raw.strip_prefix('/').ok_or("the path must start with `/`")?;
        if raw.contains('\\') {
            return Err("backslashes are not allowed in paths");
        }
        let dir = rest.is_empty() || rest.ends_with('/');
        let body = rest.strip_suffix('/').unwrap_or(rest);
        let mut segments = Vec::new();
        for raw_segment in body.split('/').filter(|_| !body.is_empty()) {
            let segment = decode(raw_segment)?;
            match segment.as_str() {
                "" => return Err("empty path segment"),
                "." | ".." => return Err("`.` and `..` are not allowed in paths"),
                s if s.contains(['/', '\\', '\0']) => return Err("encoded slashes, backslashes and NUL are not allowed in paths"),
                _ => segments.push(segment),
            }
        }
        Ok(SitePath { segments, dir })
    }

    /// The file to look up: `en/calls/index.html`, `assets/style.1a2b.css`.
    pub fn key(&self) -> String {
        let joined = self.segments.join("/");
        match (self.dir, joined.is_empty()) {
            (true, true) => "index.html".into(),
            (true, false) => format!("{joined}/index.html"),
            (false, _) => joined,
        }
    }
}

/// Percent-decoding of one segment into UTF-8.
fn decode(segment: &str) -> Result<String, &'static str> {
    let bytes = segment.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = bytes.get(i + 1..i + 3).and_then(|h| std::str::from_utf8(h).ok()).and_then(|h| u8::from_str_radix(h, 16).ok());
            out.push(hex.ok_or("malformed percent-encoding")?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).map_err(|_| "the path is not UTF-8")
}

/// By extension; what the site can contain (pages, assets, files next to
/// pages) and what hosts serve for it.
pub fn content_type(path: &str) -> &'static str {
    let name = path.rsplit('/').next().unwrap_or(path);
    if name == "_headers" {
        return "text/plain; charset=utf-8";
    }
    let ext = name.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase()).unwrap_or_default();
    match ext.as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "txt" => "text/plain; charset=utf-8",
        "csv" => "text/csv; charset=utf-8",
        "xml" => "application/xml",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "avif" => "image/avif",
        "ico" => "image/x-icon",
        "pdf" => "application/pdf",
        "woff" => "font/woff",
        "woff2" => "font/woff2",
        "ttf" => "font/ttf",
        "otf" => "font/otf",
        "mp3" => "audio/mpeg",
        "mp4" => "video/mp4",
        "webm" => "video/webm",
        "zip" => "application/zip",
        "xlsx" => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "docx" => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "odt" => "application/vnd.oasis.opendocument.text",
        "ods" => "application/vnd.oasis.opendocument.spreadsheet",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(raw: &str) -> Result<String, &'static str> {
        SitePath::parse(raw).map(|p| p.key())
    }

    #[test]
    fn folders_are_served_by_their_index() {
        assert_eq!(key("/"), Ok("index.html".into()));
        assert_eq!(key("/en/"), Ok("en/index.html".into()));
        assert_eq!(key("/en/calls/"), Ok("en/calls/index.html".into()));
        assert_eq!(key("/assets/style.css"), Ok("assets/style.css".into()));
        assert_eq!(key("/ru/%D0%B0.pdf"), Ok("ru/а.pdf".into()));
    }

    #[test]
    fn refuses_everything_that_could_leave_the_site() {
        for raw in [
            "/../etc/passwd",
            "/en/../../x",
            "/%2e%2e/etc/passwd",
            "/%2E%2E%2Fetc%2Fpasswd",
            "/a%2fb",
            "/a%5cb",
            "/a\\b",
            "/..%5c..%5cwindows",
            "/./x",
            "//etc/passwd",
            "/a%00b",
            "/%ff",
            "/%zz",
            "relative",
        ] {
            assert!(SitePath::parse(raw).is_err(), "{raw} must be refused");
        }
    }

    #[test]
    fn answers_only_to_the_names_it_listens_on() {
        let hosts = Hosts::new("127.0.0.1", 1111);
        for ok in ["127.0.0.1:1111", "localhost:1111", "LOCALHOST:1111", "[::1]:1111"] {
            assert!(hosts.allows(Some(ok)), "{ok}");
        }
        for bad in ["evil.example:1111", "127.0.0.1:2222", "localhost", "127.0.0.1.evil.example:1111"] {
            assert!(!hosts.allows(Some(bad)), "{bad}");
        }
        assert!(!hosts.allows(None));
        assert!(Hosts::new("0.0.0.0", 1111).allows(Some("192.168.1.5:1111")));
    }

    #[test]
    fn content_types_follow_the_extension() {
        assert_eq!(content_type("en/index.html"), "text/html; charset=utf-8");
        assert_eq!(content_type("assets/charts.1a.js"), "text/javascript; charset=utf-8");
        assert_eq!(content_type("assets/favicon.1a.SVG"), "image/svg+xml");
        assert_eq!(content_type("en/calls/calls.csv"), "text/csv; charset=utf-8");
        assert_eq!(content_type("_headers"), "text/plain; charset=utf-8");
        assert_eq!(content_type("assets/echarts-LICENSE.txt"), "text/plain; charset=utf-8");
        assert_eq!(content_type("files/data.bin"), "application/octet-stream");
    }
}
