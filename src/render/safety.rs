//! The reader-safety features as pages show them, when the site's config
//! has a `safety:` block: the quick exit, the safety bar with the help
//! numbers of `data/helplines.yaml` as `tel:` links, the help box, and the
//! page's Content-Security-Policy, which allows the one inline script.
//!
//! The script (`safety.js`) sits inline in `<head>`, so Esc and the exit
//! button work from the first bytes of the page, before any other script
//! has downloaded on a slow line; a strict CSP allows it by its SHA-256.
//! It also makes links within the site replace the current history entry:
//! the whole visit is one entry, which quick exit then replaces.

use std::sync::OnceLock;

use base64::Engine;
use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::model::Site;

/// The inline script as written (readable, every statement ended).
const SCRIPT: &str = include_str!("safety.js");

/// The script as it goes between `<script>` and `</script>`: on one line
/// (its lines trimmed and joined by a space), as the page is minified.
fn script() -> &'static str {
    static TEXT: OnceLock<String> = OnceLock::new();
    TEXT.get_or_init(|| SCRIPT.lines().map(str::trim).filter(|l| !l.is_empty()).collect::<Vec<_>>().join(" "))
}

fn script_hash() -> &'static str {
    static HASH: OnceLock<String> = OnceLock::new();
    HASH.get_or_init(|| format!("'sha256-{}'", base64::engine::general_purpose::STANDARD.encode(Sha256::digest(script().as_bytes()))))
}

fn script_element() -> &'static str {
    static ELEMENT: OnceLock<String> = OnceLock::new();
    ELEMENT.get_or_init(|| format!("<script>{}</script>", script()))
}

/// The Content-Security-Policy of every page, for its `<meta>` tag (no
/// `frame-ancestors` there: browsers ignore it in `<meta>` and Chromium
/// logs an error; `_headers` adds it).
pub fn csp(site: &Site) -> String {
    let scripts = if site.config.safety.is_some() { format!("'self' {}", script_hash()) } else { "'self'".into() };
    // The search box is a GET form to the site's own search page, which
    // lists every page when scripts are off: it must be allowed to submit.
    let forms = if site.config.search { "'self'" } else { "'none'" };
    format!(
        "default-src 'none'; script-src {scripts}; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; base-uri 'none'; form-action {forms}"
    )
}

/// One help number as pages show it.
#[derive(Serialize)]
pub struct Line<'a> {
    pub number: &'a str,
    /// The number for `tel:`, without spaces.
    pub tel: String,
    pub name: &'a str,
    pub details: &'a str,
}

/// What templates get as `safety` (absent when the site has no safety block).
#[derive(Serialize)]
pub struct Safety<'a> {
    pub exit_url: &'a str,
    /// The inline `<script>` element, to place first in `<head>`.
    pub script: &'static str,
    pub lines: Vec<Line<'a>>,
    /// The help page in this language, if the site names one.
    pub help_url: Option<String>,
}

/// The help numbers in `lang`.
pub fn lines<'a>(site: &'a Site, lang: &str) -> Vec<Line<'a>> {
    site.helplines
        .iter()
        .map(|h| Line {
            number: &h.number,
            tel: h.number.chars().filter(|c| !c.is_whitespace()).collect(),
            name: h.name.get(lang),
            details: h.details.as_ref().map_or("", |d| d.get(lang)),
        })
        .collect()
}

/// The safety features of a page in `lang`; `help_url` is the help page's
/// URL in that language.
pub fn context<'a>(site: &'a Site, lang: &str, help_url: Option<String>) -> Option<Safety<'a>> {
    let safety = site.config.safety.as_ref()?;
    Some(Safety { exit_url: &safety.exit_url, script: script_element(), lines: lines(site, lang), help_url })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_policy_names_the_inline_script_by_its_hash() {
        let element = script_element();
        let text = element.trim_start_matches("<script>").trim_end_matches("</script>");
        let hash = format!("'sha256-{}'", base64::engine::general_purpose::STANDARD.encode(Sha256::digest(text.as_bytes())));
        assert_eq!(script_hash(), hash);
        assert!(!text.contains("</"), "the script cannot close its own element early");
    }
}
