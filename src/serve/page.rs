//! What `serve` adds to or puts in place of the site's pages: the
//! live-reload script tag, and the error page shown while the sources do
//! not build. Both exist only in `serve`'s memory, never in a built site.

use crate::error::Diagnostics;
use crate::render::html::escape;

/// The first-party script the tag loads, served at [`SCRIPT_PATH`].
pub const SCRIPT: &str = include_str!("livereload.js");
pub const SCRIPT_PATH: &str = "/__baspa/livereload.js";
pub const EVENTS_PATH: &str = "/__baspa/events";

/// A same-origin `<script src>`: allowed by the pages' `script-src 'self'`,
/// unlike an inline script.
fn tag(generation: &str) -> String {
    format!("<script src=\"{SCRIPT_PATH}\" data-generation=\"{}\" defer></script>", escape(generation))
}

/// `html` with the script tag before its last `</body>` (or at the end).
pub fn inject_reload(html: &[u8], generation: &str) -> Vec<u8> {
    let tag = tag(generation);
    let at = rfind_ignore_case(html, b"</body>").unwrap_or(html.len());
    let mut out = Vec::with_capacity(html.len() + tag.len());
    out.extend_from_slice(&html[..at]);
    out.extend_from_slice(tag.as_bytes());
    out.extend_from_slice(&html[at..]);
    out
}

fn rfind_ignore_case(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    (0..=haystack.len().checked_sub(needle.len())?).rev().find(|&i| haystack[i..i + needle.len()].eq_ignore_ascii_case(needle))
}

/// A plain page listing every problem as the terminal shows it
/// (`path:line:col: message`, the line, the hint), escaped.
pub fn errors(errors: &Diagnostics, generation: &str) -> String {
    let n = errors.len();
    let count = crate::error::plural(n, "error", "errors");
    format!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>Build failed: {count} — baspa serve</title>\n</head>\n<body>\n<h1>The site does not build: {count}</h1>\n\
         <p>Fix the sources and save: this page reloads by itself when the site builds again.</p>\n<pre>{}</pre>\n{}\n</body>\n</html>\n",
        escape(&errors.to_string()),
        tag(generation)
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::SourceText;

    #[test]
    fn script_goes_before_the_closing_body_tag() {
        let out = String::from_utf8(inject_reload(b"<html><body><p>x</p></body></html>", "7")).unwrap();
        assert_eq!(out, "<html><body><p>x</p><script src=\"/__baspa/livereload.js\" data-generation=\"7\" defer></script></body></html>");
        let bare = String::from_utf8(inject_reload(b"<p>x", "7")).unwrap();
        assert!(bare.starts_with("<p>x<script "), "{bare}");
    }

    #[test]
    fn error_page_lists_every_problem_escaped() {
        let src = SourceText::shared("data/x.yaml", "a: <b>\nb: 2\n");
        let mut all = Diagnostics::new();
        all.push(src.error_at(3, "bad <value>"));
        all.push(src.error_at(7, "second"));
        let page = errors(&all, "1");
        assert!(page.contains("data/x.yaml:1:4: bad &lt;value&gt;"), "{page}");
        assert!(page.contains("data/x.yaml:2:1: second"), "{page}");
        assert!(!page.contains("<value>") && !page.contains("<b>"), "{page}");
        assert!(page.contains("2 errors") && page.contains("/__baspa/livereload.js"));
    }
}
