//! Figure numbers, counted across the whole report in reading order (the
//! default language's menu order, then order within a page) and the same in
//! every language: a translation must place the same charts in the same order.

use std::collections::{BTreeMap, BTreeSet};

use super::chart::spec::ChartBlock;
use crate::error::{Diagnostic, Diagnostics};
use crate::id::Id;
use crate::model::Site;

pub struct Figure {
    pub number: usize,
    /// The page the figure is on.
    pub page_key: String,
}

/// Figures by id. `complete` is false when a chart block could not be read:
/// its own YAML error is reported, and errors that follow only from the
/// missing figure (unknown references, differing translations) are not.
#[derive(Default)]
pub struct Figures {
    by_id: BTreeMap<Id, Figure>,
    pub complete: bool,
}

impl Figures {
    pub fn get(&self, id: &str) -> Option<&Figure> {
        self.by_id.get(id)
    }

    pub fn count(&self) -> usize {
        self.by_id.len()
    }

    pub fn ids(&self) -> impl Iterator<Item = &str> {
        self.by_id.keys().map(|k| k.as_str())
    }

    /// Every figure with its number and page, in id order.
    pub fn iter(&self) -> impl Iterator<Item = (&Id, &Figure)> {
        self.by_id.iter()
    }
}

/// The chart blocks of one page, in reading order, and whether every block
/// of the page could be read.
pub struct PageCharts<'s> {
    pub charts: Vec<&'s ChartBlock>,
    pub complete: bool,
}

/// Number the figures from each page's charts (`pages[i]` is `site.pages[i]`'s).
pub fn number(site: &Site, pages: &[PageCharts]) -> (Figures, Diagnostics) {
    let mut errors = Diagnostics::new();
    let mut figures = Figures { by_id: BTreeMap::new(), complete: pages.iter().all(|s| s.complete) };
    let default = &site.config.default_language().code;
    let unreadable: BTreeSet<&str> = site.pages.iter().zip(pages).filter(|(_, s)| !s.complete).map(|(p, _)| p.key.as_str()).collect();
    let mut reference: BTreeMap<&str, Vec<&Id>> = BTreeMap::new();
    for (page, found) in site.pages.iter().zip(pages).filter(|(p, _)| &p.lang == default) {
        let mut ids = Vec::new();
        for chart in &found.charts {
            let id = &chart.spec.id;
            if figures.by_id.contains_key(id) {
                errors.push(chart.yaml.doc(&page.source).error_at_path(&[crate::yaml::Step::Key("id")], format!("figure id `{id}` is used twice")));
                continue;
            }
            let number = figures.by_id.len() + 1;
            figures.by_id.insert(id.clone(), Figure { number, page_key: page.key.clone() });
            ids.push(id);
        }
        reference.insert(&page.key, ids);
    }
    for (page, found) in site.pages.iter().zip(pages).filter(|(p, _)| &p.lang != default) {
        let ids: Vec<&Id> = found.charts.iter().map(|c| &c.spec.id).collect();
        let expected = reference.get(page.key.as_str()).cloned().unwrap_or_default();
        if ids != expected && !unreadable.contains(page.key.as_str()) {
            let list = |ids: &[&Id]| ids.iter().map(|i| i.as_str()).collect::<Vec<_>>().join(", ");
            let d = Diagnostic::file(&page.source.path, format!("charts differ from the `{default}` page: [{}] here, [{}] there", list(&ids), list(&expected)));
            errors.push(d.with_hint("every translation shows the same figures in the same order, so figure numbers agree"));
        }
    }
    (figures, errors)
}
