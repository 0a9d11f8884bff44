//! `check --external`: request every `http(s)` link of the report and
//! report the ones that do not answer with success, each where it was
//! written: links in pages at their line (recorded by the Markdown renderer
//! with their source offsets), a data file's `source_url` and the config's
//! `license_url` at their keys.
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

use super::findings::Finding;
use crate::error::Diagnostic;
use crate::pipeline::Built;
use crate::yaml::{Doc, Step};

const TIMEOUT: Duration = Duration::from_secs(10);
const RETRIES: u32 = 2;
const CONCURRENCY: usize = 4;

/// Findings for broken links, and how many distinct URLs were requested.
pub fn check(built: &Built) -> (Vec<Finding>, usize) {
    let links = collect(built);
    let urls: Vec<&String> = links.keys().collect();
    let results = request_all(&urls);
    let mut findings = Vec::new();
    for (url, result) in urls.iter().zip(results) {
        if let Err(why) = result {
            for place in &links[*url] {
                findings.push(Finding::error(Diagnostic { message: format!("external link `{url}` is broken: {why}"), ..place.clone() }));
            }
        }
    }
    (findings, urls.len())
}

/// External URLs (as written, fragment included) → where each was written.
fn collect(built: &Built) -> BTreeMap<String, Vec<Diagnostic>> {
    let site = &built.site;
    let mut links: BTreeMap<String, Vec<Diagnostic>> = BTreeMap::new();
    for (index, url, span) in &built.rendered.external_links {
        if let Some(page) = site.pages.get(*index) {
            links.entry(url.clone()).or_default().push(page.source.error_in(span.clone(), ""));
        }
    }
    for ds in site.datasets.values() {
        if let Some(url) = &ds.source_url {
            links.entry(url.clone()).or_default().push(Doc::whole(&ds.file).error_at_path(&[Step::Key("source_url")], ""));
        }
    }
    if let Some(url) = &site.config.report.license_url {
        let place = Doc::whole(&site.config.file).error_at_path(&[Step::Key("report"), Step::Key("license_url")], "");
        links.entry(url.clone()).or_default().push(place);
    }
    if let Some(safety) = &site.config.safety {
        links.remove(&safety.exit_url);
    }
    links
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
