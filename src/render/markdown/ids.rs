//! HTML ids of one page: heading anchors, and the namespaces baspa writes
//! itself (`fig-…`, `chart-…`, `fn-…`, `fnref-…`) plus the ids the theme's
//! templates use (`main`, `help-title`…). A heading never takes an id that
//! is or could become one of those, so no page ever has two elements with
//! the same id, whatever its headings are called.

use std::collections::{HashMap, HashSet};

/// Prefixes of ids that baspa writes for figures and footnotes.
const NAMESPACES: [&str; 4] = ["fig-", "chart-", "fn-", "fnref-"];

pub struct Ids<'r> {
    /// Ids of the theme's templates.
    reserved: &'r HashSet<String>,
    used: HashSet<String>,
    /// The next number to try for each base, so that many equal headings
    /// cost linear time, not quadratic.
    next: HashMap<String, usize>,
}

impl<'r> Ids<'r> {
    pub fn new(reserved: &'r HashSet<String>) -> Self {
        Ids { reserved, used: HashSet::new(), next: HashMap::new() }
    }

    /// A unique id for a heading: `wanted` (from `{#id}` or the heading's
    /// text), moved out of baspa's namespaces and the theme's ids, then
    /// numbered (`-1`, `-2`…) if already taken.
    pub fn heading(&mut self, wanted: &str) -> String {
        let base = if self.clashes(wanted) { format!("h-{wanted}") } else { wanted.to_string() };
        if self.used.insert(base.clone()) {
            return base;
        }
        let n = self.next.entry(base.clone()).or_insert(1);
        loop {
            let candidate = format!("{base}-{n}");
            *n += 1;
            if self.used.insert(candidate.clone()) {
                return candidate;
            }
        }
    }

    /// An id baspa writes itself (a figure's): recorded so headings avoid it.
    pub fn own(&mut self, id: String) -> String {
        self.used.insert(id.clone());
        id
    }

    /// Every id handed out, for checking links to anchors.
    pub fn into_set(self) -> HashSet<String> {
        self.used
    }

    fn clashes(&self, id: &str) -> bool {
        NAMESPACES.iter().any(|p| id.starts_with(p)) || self.reserved.contains(id)
    }
}

/// A heading's anchor from its text: lowercase letters and digits of any
/// script, words joined by `-`. Kazakh and Russian headings keep their
/// letters (browsers percent-encode them in URLs), which reads better than a
/// transliteration.
pub fn anchor_id(text: &str) -> String {
    let mut id = String::new();
    for word in text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()) {
        if !id.is_empty() {
            id.push('-');
        }
        id.extend(word.chars().flat_map(char::to_lowercase));
    }
    if id.is_empty() { "section".into() } else { id }
}

/// The ids a template sets literally (`id="main"`), found in its text.
pub fn template_ids(template: &str) -> impl Iterator<Item = String> + '_ {
    template.match_indices("id=\"").filter_map(move |(i, m)| {
        let before = template[..i].chars().next_back();
        let value = template[i + m.len()..].split('"').next()?;
        (before.is_some_and(|c| c.is_whitespace()) && !value.contains(['{', '%']) && !value.is_empty()).then(|| value.to_string())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn duplicates_are_numbered_in_linear_time() {
        let reserved = HashSet::new();
        let mut ids = Ids::new(&reserved);
        let got: Vec<String> = (0..4).map(|_| ids.heading("a")).collect();
        assert_eq!(got, ["a", "a-1", "a-2", "a-3"]);
        // 20,000 equal headings: each takes one or two tries, not a scan from 1.
        for _ in 0..20_000 {
            ids.heading("b");
        }
        assert_eq!(ids.next["b"], 20_000);
    }

    #[test]
    fn headings_never_take_baspa_or_theme_ids() {
        let reserved: HashSet<String> = ["main".to_string(), "help-title".to_string()].into();
        let mut ids = Ids::new(&reserved);
        assert_eq!(ids.own("fig-x".into()), "fig-x");
        assert_eq!(ids.heading("fig-x"), "h-fig-x");
        assert_eq!(ids.heading("fn-1"), "h-fn-1");
        assert_eq!(ids.heading("main"), "h-main");
        assert_eq!(ids.heading("help-title"), "h-help-title");
        assert_eq!(ids.heading("h-main"), "h-main-1");
    }

    #[test]
    fn anchors_keep_cyrillic_letters() {
        assert_eq!(anchor_id("Қазіргі жағдай: 2024 жыл"), "қазіргі-жағдай-2024-жыл");
        assert_eq!(anchor_id("Current situation"), "current-situation");
        assert_eq!(anchor_id("—"), "section");
    }

    #[test]
    fn finds_literal_template_ids() {
        let t = r#"<main id="main"><h2 id="help-title">x</h2><div id="{{ x }}"></div><p data-id="no">"#;
        assert_eq!(template_ids(t).collect::<Vec<_>>(), ["main", "help-title"]);
    }
}
