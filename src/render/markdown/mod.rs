//! Markdown → HTML for one page; the only module that sets pulldown-cmark's
//! options ([`scan::options`]). A page's body is read once, by
//! [`scan::scan`]; figure numbering, `check`'s data-usage report and the
//! rewrite to HTML ([`rewrite`]) all read that one scan. Heading ids are
//! handed out by [`ids`].

mod ids;
mod rewrite;
mod scan;

pub use ids::{Ids, anchor_id, template_ids};
pub use rewrite::{Link, Rendered, TocItem, render};
pub use scan::{Block, Node, NodeKind, Scan, options, plain_text, scan};
