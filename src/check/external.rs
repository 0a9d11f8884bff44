//! `check --external`: request every `http(s)` link of the rendered pages
//! and report the ones that do not answer with success. Links are taken
//! from the HTML (`<a href>`), so links written in Markdown, data sources and
//! templates are all covered, and each broken one is reported where it was
//! written (the page's line, the data file, the config) rather than where it
//! ended up.
//!
//! Politeness and patience: each distinct URL is requested once, at most
//! four at a time, `HEAD` first and `GET` when a server refuses `HEAD`
//! (405, 501); a network error, a timeout (10 s) or a 5xx/429 answer is
//! retried twice with a short pause. The quick-exit URL is not requested:
//! it is a search engine's page, which answers scripted requests with
//! refusals or consent pages rather than what a reader's browser gets.

use std::collections::BTreeMap;
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use super::Finding;
use crate::error::{Diagnostic, SourceText};
use crate::model::Site;
use crate::render::OutputFile;

const TIMEOUT: Duration = Duration::from_secs(10);
const RETRIES: u32 = 2;
const CONCURRENCY: usize = 4;

/// Findings for broken links, and how many distinct URLs were requested.
pub fn check(site: &Site, files: &[OutputFile], texts: &[SourceText]) -> (Vec<Finding>, usize) {
    let links = collect(files, &site.config.exit_url);
    let urls: Vec<&String> = links.keys().collect();
    let results = request_all(&urls);
    let mut findings = Vec::new();
    for (url, result) in urls.iter().zip(results) {
        if let Err(why) = result {
            let message = format!("external link `{url}` is broken: {why}");
            for d in locate(url, &links[*url], site, texts) {
                findings.push(Finding::error(Diagnostic { message: message.clone(), ..d }));
            }
        }
    }
    (findings, urls.len())
}

/// External URLs (as written, fragment included) → the output files they appear in.
fn collect(files: &[OutputFile], exit_url: &str) -> BTreeMap<String, Vec<String>> {
    let mut links: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for file in files.iter().filter(|f| f.path.ends_with(".html")) {
        let html = String::from_utf8_lossy(&file.bytes);
        for href in hrefs(&html) {
            let lower = href.to_ascii_lowercase();
            if (lower.starts_with("http://") || lower.starts_with("https://")) && href != exit_url {
                let places = links.entry(href).or_default();
                if places.last() != Some(&file.path) {
                    places.push(file.path.clone());
                }
            }
        }
    }
    links
}

/// Where a URL was written: each page source that contains it, else the
/// first data file, config or template that does, else the output file.
fn locate(url: &str, outputs: &[String], site: &Site, texts: &[SourceText]) -> Vec<Diagnostic> {
    let at = |src: &SourceText| src.text.find(url).map(|offset| src.error_at(offset, ""));
    let mut found: Vec<Diagnostic> = Vec::new();
    for output in outputs {
        let page = site.pages.iter().find(|p| format!("{}index.html", p.site_path()) == *output);
        if let Some(d) = page.and_then(|p| at(&p.source))
            && !found.contains(&d)
        {
            found.push(d);
        }
    }
    if found.is_empty() {
        found.extend(texts.iter().find_map(at));
    }
    if found.is_empty() {
        found.push(Diagnostic::file(outputs.first().map_or("", String::as_str), ""));
    }
    found
}

/// Request every URL, at most [`CONCURRENCY`] at once; results in order.
fn request_all(urls: &[&String]) -> Vec<Result<(), String>> {
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .timeout_global(Some(TIMEOUT))
        .http_status_as_error(false)
        .user_agent(concat!("baspa-check/", env!("CARGO_PKG_VERSION")))
        .build()
        .into();
    let next = AtomicUsize::new(0);
    let results: Mutex<Vec<Option<Result<(), String>>>> = Mutex::new(vec![None; urls.len()]);
    std::thread::scope(|scope| {
        for _ in 0..CONCURRENCY.min(urls.len()) {
            scope.spawn(|| {
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some(url) = urls.get(i) else { break };
                    let result = check_one(&agent, url);
                    results.lock().expect("no worker panics while holding the lock")[i] = Some(result);
                }
            });
        }
    });
    results.into_inner().expect("workers are done").into_iter().map(|r| r.unwrap_or_else(|| Err("not requested".into()))).collect()
}

/// What one attempt learnt: success, a definite failure, or one worth retrying.
enum Attempt {
    Ok,
    Broken(String),
    Retry(String),
}

fn check_one(agent: &ureq::Agent, url: &str) -> Result<(), String> {
    let target = url.split('#').next().unwrap_or(url);
    let mut last = String::new();
    for attempt in 0..=RETRIES {
        if attempt > 0 {
            std::thread::sleep(Duration::from_millis(300 * u64::from(attempt)));
        }
        match attempt_once(agent, target) {
            Attempt::Ok => return Ok(()),
            Attempt::Broken(why) => return Err(why),
            Attempt::Retry(why) => last = why,
        }
    }
    Err(format!("{last} (tried {} times)", RETRIES + 1))
}

fn attempt_once(agent: &ureq::Agent, url: &str) -> Attempt {
    let status = match agent.head(url).call() {
        Ok(r) if matches!(r.status().as_u16(), 405 | 501) => agent.get(url).call().map(|r| r.status()),
        other => other.map(|r| r.status()),
    };
    match status {
        Ok(s) if s.is_success() => Attempt::Ok,
        Ok(s) => {
            let text = format!("{} {}", s.as_u16(), s.canonical_reason().unwrap_or("")).trim_end().to_string();
            if s.is_server_error() || matches!(s.as_u16(), 408 | 429) { Attempt::Retry(text) } else { Attempt::Broken(text) }
        }
        Err(e) => match e {
            ureq::Error::BadUri(_) => Attempt::Broken("not a valid URL".into()),
            ureq::Error::HostNotFound => Attempt::Broken("host not found".into()),
            ureq::Error::TooManyRedirects => Attempt::Broken("too many redirects".into()),
            ureq::Error::Timeout(_) => Attempt::Retry(format!("no answer within {} s", TIMEOUT.as_secs())),
            ureq::Error::Io(io) => Attempt::Retry(io.kind().to_string()),
            other => Attempt::Retry(other.to_string()),
        },
    }
}

/// `href` values of `<a>` tags, entity-decoded. Minified HTML leaves
/// attribute values unquoted where it can, so quotes are optional here.
pub fn hrefs(html: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(open) = rest.find('<') {
        rest = &rest[open + 1..];
        let name_len = rest.find(|c: char| !c.is_ascii_alphanumeric()).unwrap_or(rest.len());
        if !rest[..name_len].eq_ignore_ascii_case("a") {
            continue;
        }
        let (attrs, after) = attributes(&rest[name_len..]);
        out.extend(attrs.into_iter().filter(|(n, _)| n.eq_ignore_ascii_case("href")).map(|(_, v)| decode_entities(&v)));
        rest = after;
    }
    out
}

/// The attributes of a start tag whose name has been read, and the text after the tag.
fn attributes(mut s: &str) -> (Vec<(String, String)>, &str) {
    let mut attrs = Vec::new();
    loop {
        s = s.trim_start();
        if s.is_empty() || s.starts_with('>') || s.starts_with("/>") {
            let skip = s.find('>').map_or(s.len(), |i| i + 1);
            return (attrs, &s[skip..]);
        }
        let name_len = s.find(|c: char| c.is_whitespace() || c == '=' || c == '>' || c == '/').unwrap_or(s.len()).max(1);
        let name = s[..name_len].to_string();
        s = s[name_len..].trim_start();
        let Some(after_eq) = s.strip_prefix('=') else {
            attrs.push((name, String::new()));
            continue;
        };
        let after_eq = after_eq.trim_start();
        let (value, rest) = match after_eq.chars().next() {
            Some(q @ ('"' | '\'')) => {
                let body = &after_eq[1..];
                let end = body.find(q).unwrap_or(body.len());
                (&body[..end], &body[(end + 1).min(body.len())..])
            }
            _ => {
                let end = after_eq.find(|c: char| c.is_whitespace() || c == '>').unwrap_or(after_eq.len());
                (&after_eq[..end], &after_eq[end..])
            }
        };
        attrs.push((name, value.to_string()));
        s = rest;
    }
}

/// The character references baspa and minify-html write in attributes.
fn decode_entities(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp..];
        let end = rest.find(';').filter(|&e| e <= 10);
        let decoded = end.and_then(|e| entity(&rest[1..e]));
        match (end, decoded) {
            (Some(e), Some(c)) => {
                out.push(c);
                rest = &rest[e + 1..];
            }
            _ => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

fn entity(name: &str) -> Option<char> {
    match name {
        "amp" => Some('&'),
        "lt" => Some('<'),
        "gt" => Some('>'),
        "quot" => Some('"'),
        "apos" => Some('\''),
        _ => {
            let num = name.strip_prefix('#')?;
            let code = match num.strip_prefix(['x', 'X']) {
                Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                None => num.parse().ok()?,
            };
            char::from_u32(code)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_quoted_and_unquoted_hrefs_of_links_only() {
        let html = r#"<link rel=canonical href=https://x.org/><a href=https://a.org/x?b=1&amp;c=2 rel="noopener noreferrer">A</a><A class=z HREF='https://b.org/&#39;q'>B</A><abbr href=no>"#;
        assert_eq!(hrefs(html), ["https://a.org/x?b=1&c=2", "https://b.org/'q"]);
    }

    #[test]
    fn keeps_unknown_entities_as_written() {
        assert_eq!(decode_entities("a&b&zz;c&#x41;"), "a&b&zz;cA");
    }

    #[test]
    fn skips_the_quick_exit_url() {
        let file = OutputFile { path: "en/index.html".into(), bytes: b"<a href=https://exit.example/>x</a><a href=http://127.0.0.1:9/a>y</a>".to_vec() };
        let links = collect(&[file], "https://exit.example/");
        assert_eq!(links.keys().collect::<Vec<_>>(), ["http://127.0.0.1:9/a"]);
    }
}
