//! The places of the PDF that links and references lead to, by name: each
//! page's title, each heading (by the id the page gave it), each figure and
//! each footnote. A link is made only to a name the document has, so Typst
//! never meets a label that is not there.

use std::collections::HashSet;

/// Every name a document's markup gives a label to.
#[derive(Default)]
pub struct Labels(HashSet<String>);

impl Labels {
    pub fn insert(&mut self, name: String) {
        self.0.insert(name);
    }

    pub fn contains(&self, name: &str) -> bool {
        self.0.contains(name)
    }
}

/// A page's title: `02-latent-forms.md`.
pub fn page(key: &str) -> String {
    format!("p/{key}")
}

/// A heading of a page, by its id: `02-latent-forms.md#profiles`.
pub fn heading(key: &str, id: &str) -> String {
    format!("h/{key}#{id}")
}

/// A figure, by its chart's id.
pub fn figure(id: &str) -> String {
    format!("f/{id}")
}

/// A footnote of the page at `index` in the site.
pub fn note(index: usize, label: &str) -> String {
    format!("n/{index}/{label}")
}

/// What `key.md#anchor` names: a figure (`#fig-id`) or a heading.
pub fn anchor(key: &str, anchor: &str) -> String {
    match anchor.strip_prefix("fig-") {
        Some(id) => figure(id),
        None => heading(key, anchor),
    }
}
