//! The one link filter. Every URL that reaches a page — a Markdown link,
//! a data file's `source_url`, the licence link, the quick-exit address, the
//! site's base URL — is classified here, so a `javascript:` target is
//! dropped or refused wherever it was written. The `url` crate parses what
//! leaves the site; this module decides what is allowed.

use url::Url;

/// What a link written in Markdown points to.
#[derive(Debug, PartialEq, Eq)]
pub enum Target<'a> {
    /// `http(s)://…` or `//host/…`: kept as written, opened without referrer.
    External(&'a str),
    /// `mailto:` and `tel:`, and autolinked e-mail addresses.
    Contact(String),
    /// `#anchor` on the same page.
    Fragment(&'a str),
    /// A page (`02-forms.md#anchor`) or a file next to the pages (`report.pdf`).
    Local { path: &'a str, anchor: Option<&'a str> },
    /// A scheme that runs code or embeds content (`javascript:`, `data:`…),
    /// or any other scheme: the link is dropped and its text kept.
    Unsafe,
}

/// Schemes that run script or smuggle content into the page.
const SCRIPT_SCHEMES: [&str; 3] = ["javascript:", "vbscript:", "data:"];

/// Classify a link destination as written in Markdown.
pub fn classify(dest: &str, autolinked_email: bool) -> Target<'_> {
    if autolinked_email {
        return Target::Contact(format!("mailto:{dest}"));
    }
    // Browsers ignore tabs, newlines and other controls inside a URL's
    // scheme (`java&#9;script:`), so they are ignored here too.
    let lower: String = dest.chars().filter(|c| !c.is_ascii_whitespace() && !c.is_control()).collect::<String>().to_ascii_lowercase();
    if SCRIPT_SCHEMES.iter().any(|s| lower.starts_with(s)) {
        return Target::Unsafe;
    }
    if lower.starts_with("mailto:") || lower.starts_with("tel:") {
        return Target::Contact(dest.to_string());
    }
    if lower.starts_with("http://") || lower.starts_with("https://") || lower.starts_with("//") {
        return Target::External(dest);
    }
    if has_scheme(&lower) {
        return Target::Unsafe;
    }
    let (path, anchor) = dest.split_once('#').map_or((dest, None), |(p, a)| (p, Some(a)));
    if path.is_empty() { Target::Fragment(anchor.unwrap_or("")) } else { Target::Local { path, anchor } }
}

/// `scheme:` before any `/`, `?` or `#`: a URL of some other protocol.
fn has_scheme(lower: &str) -> bool {
    match lower.find(':') {
        Some(i) => {
            let scheme = &lower[..i];
            !scheme.is_empty() && scheme.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.')) && !lower[..i].contains(['/', '?', '#'])
        }
        None => false,
    }
}

/// An absolute `http(s)` URL with a host, from a data file or the config
/// (`source_url`, `license_url`): normalised, or why it is refused.
pub fn web(raw: &str) -> Result<String, String> {
    parse_web(raw, &["http", "https"]).map(|u| u.to_string())
}

/// The quick-exit address: `https` only, with a host.
pub fn exit(raw: &str) -> Result<String, String> {
    parse_web(raw, &["https"]).map(|u| u.to_string())
}

fn parse_web(raw: &str, schemes: &[&str]) -> Result<Url, String> {
    let shown = crate::error::visible(raw);
    if raw.chars().any(|c| c.is_whitespace() || c.is_control() || c == '\\') {
        return Err(format!("`{shown}` holds a space, a control character or a backslash"));
    }
    let url = Url::parse(raw).map_err(|e| format!("`{shown}` is not a valid URL ({e})"))?;
    if !schemes.contains(&url.scheme()) {
        let wanted = schemes.iter().map(|s| format!("`{s}://`")).collect::<Vec<_>>().join(" or ");
        return Err(format!("`{shown}` must start with {wanted}"));
    }
    if url.host_str().is_none_or(str::is_empty) {
        return Err(format!("`{shown}` has no host name"));
    }
    if !url.username().is_empty() || url.password().is_some() {
        return Err(format!("`{shown}` must not carry a user name or password"));
    }
    Ok(url)
}

/// `https://host/path/` split so links can be root-relative with the path
/// (`/path/kk/`) and canonical URLs absolute.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BaseUrl {
    /// `https://example.github.io`
    pub origin: String,
    /// `/report/`, always starting and ending with `/`.
    pub path: String,
}

impl BaseUrl {
    /// A plain `http(s)://host[:port]/path/`: no query, fragment, user,
    /// empty or dot segments, or characters a browser would reinterpret
    /// (a backslash turns into a slash and `/\evil.example/` into another host).
    pub fn parse(raw: &str) -> Result<BaseUrl, String> {
        let url = parse_web(raw, &["http", "https"])?;
        let shown = crate::error::visible(raw);
        let plain = || format!("base URL `{shown}` is not a plain `scheme://host/path/` URL");
        if url.query().is_some() || url.fragment().is_some() || raw.contains(['?', '#']) {
            return Err(plain());
        }
        let after_host = raw.split_once("://").map_or("", |(_, rest)| rest);
        let raw_path = after_host.find('/').map_or("", |i| &after_host[i..]);
        let segments: Vec<&str> = raw_path.trim_start_matches('/').trim_end_matches('/').split('/').filter(|s| !s.is_empty()).collect();
        let inner = raw_path.trim_matches('/');
        if raw_path.starts_with("//") || inner.contains("//") || segments.iter().any(|s| *s == "." || *s == "..") {
            return Err(plain());
        }
        let path = if segments.is_empty() { "/".to_string() } else { format!("{}/", url.path().trim_end_matches('/')) };
        Ok(BaseUrl { origin: url.origin().ascii_serialization(), path })
    }

    /// Root-relative URL of a site path such as `kk/help/`.
    pub fn rel(&self, site_path: &str) -> String {
        format!("{}{}", self.path, site_path.trim_start_matches('/'))
    }

    /// Absolute URL of a site path, for canonical links, sitemaps and Open Graph.
    pub fn abs(&self, site_path: &str) -> String {
        format!("{}{}", self.origin, self.rel(site_path))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn script_schemes_are_unsafe_however_written() {
        for dest in ["javascript:alert(1)", "JaVaScRiPt:x", "java\tscript:x", " javascript:x", "vbscript:x", "data:text/html,x", "file:///etc/passwd", "blob:x"]
        {
            assert_eq!(classify(dest, false), Target::Unsafe, "{dest}");
        }
    }

    #[test]
    fn pages_files_and_anchors_are_local() {
        assert_eq!(classify("02-forms.md#a", false), Target::Local { path: "02-forms.md", anchor: Some("a") });
        assert_eq!(classify("report.pdf", false), Target::Local { path: "report.pdf", anchor: None });
        assert_eq!(classify("#top", false), Target::Fragment("top"));
        assert_eq!(classify("https://example.org/a", false), Target::External("https://example.org/a"));
        assert_eq!(classify("tel:111", false), Target::Contact("tel:111".into()));
    }

    #[test]
    fn data_and_config_urls_are_web_addresses_only() {
        assert_eq!(web("https://stat.gov.kz/x").as_deref(), Ok("https://stat.gov.kz/x"));
        for bad in ["javascript:alert(1)", "https://", "ftp://x", "https://u:p@x/", "https://x/\nEvil", "//x"] {
            assert!(web(bad).is_err(), "{bad}");
        }
        assert!(exit("http://example.org/").is_err());
        assert!(exit("https://").is_err());
    }

    #[test]
    fn base_url_keeps_its_path_and_refuses_tricks() {
        let b = BaseUrl::parse("https://example.github.io/report").unwrap();
        assert_eq!(b.rel("kk/help/"), "/report/kk/help/");
        assert_eq!(b.abs("kk/"), "https://example.github.io/report/kk/");
        assert_eq!(BaseUrl::parse("http://localhost:1111").unwrap().rel(""), "/");
        for bad in [
            "https://example.org/\\evil.example/",
            "https://example.org//evil.example/",
            "https://example.org/a\n",
            "https://example.org/?q",
            "https://x/a/../b/",
            "example.org",
            "https://",
        ] {
            assert!(BaseUrl::parse(bad).is_err(), "{bad:?}");
        }
    }
}
