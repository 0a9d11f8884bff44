//! What a page may load and run: its Content-Security-Policy, and the one
//! inline script the policy allows, by its SHA-256.
//!
//! The script (`head.js`) sits first in `<head>`, so it runs before the
//! first paint: it marks the page as scripted (`no-js` → `js`, so controls
//! that need JavaScript are laid out from the start and nothing moves when
//! the deferred scripts arrive), and, on a site with the safety features,
//! arms the quick exit (button and Esc) from the page's first bytes, before
//! any other script has downloaded on a slow line. It also makes links
//! within such a site replace the current history entry, and so does the
//! search box's GET form (on the search page, whose script answers in place,
//! the form is left to it: the listener runs after it, on bubbling): the
//! whole visit is one entry, which the quick exit then replaces, and no
//! query is left in the history.

use std::sync::OnceLock;

use base64::Engine;
use sha2::{Digest, Sha256};

use crate::model::Site;

/// The inline script as written (readable, every statement ended).
const SCRIPT: &str = include_str!("head.js");

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

/// The inline `<script>` element, to place first in `<head>`.
pub fn script_element() -> &'static str {
    static ELEMENT: OnceLock<String> = OnceLock::new();
    ELEMENT.get_or_init(|| format!("<script>{}</script>", script()))
}

/// The Content-Security-Policy of every page, for its `<meta>` tag (no
/// `frame-ancestors` there: browsers ignore it in `<meta>` and Chromium
/// logs an error; `_headers` adds it).
pub fn csp(site: &Site) -> String {
    policy(site.config.search)
}

fn policy(search: bool) -> String {
    // The search box is a GET form to the site's own search page, which
    // lists every page when scripts are off: it must be allowed to submit.
    let forms = if search { "'self'" } else { "'none'" };
    format!(
        "default-src 'none'; script-src 'self' {}; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; base-uri 'none'; form-action {forms}",
        script_hash()
    )
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
        assert!(policy(true).contains(&hash) && policy(false).contains(&hash));
        assert!(!text.contains("</"), "the script cannot close its own element early");
    }

    #[test]
    fn forms_may_submit_to_the_site_only_when_it_has_search() {
        assert!(policy(true).contains("form-action 'self'"), "the search box must be able to submit");
        assert!(policy(false).contains("form-action 'none'"));
    }
}
