//! A ```` ```chart ```` block as the editor writes it: checked while it is
//! read (ids follow the id rule, kinds and sorts are known words); what
//! needs the dataset is checked by [`super::plot`].

use serde::Deserialize;

use crate::id::Id;
use crate::yaml;

/// A chart block as read from a page, with its YAML kept so that later
/// checks can point at its keys.
pub struct ChartBlock {
    pub spec: ChartSpec,
    pub yaml: yaml::Owned,
}

#[derive(Deserialize, Debug)]
#[serde(deny_unknown_fields)]
pub struct ChartSpec {
    /// Figure id, for `{{ fig:id }}` references and the `#fig-id` anchor.
    pub id: Id,
    /// The data file, without `.yaml`.
    pub data: Id,
    pub kind: Kind,
    pub title: Option<String>,
    pub caption: Option<String>,
    #[serde(default)]
    pub sort: Sort,
    /// A category drawn in the accent colour.
    pub highlight: Option<Id>,
    /// Plot only these series, in this order.
    pub series: Option<Vec<Id>>,
}

#[derive(Deserialize, Debug, Clone, Copy, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    Bar,
    Hbar,
    Grouped,
    Stacked,
    Line,
    Pie,
    Donut,
}

impl Kind {
    pub fn is_pie(self) -> bool {
        matches!(self, Kind::Pie | Kind::Donut)
    }

    pub fn name(self) -> &'static str {
        match self {
            Kind::Pie => "pie",
            Kind::Donut => "donut",
            _ => "bar",
        }
    }
}

#[derive(Deserialize, Debug, Clone, Copy, PartialEq, Eq, Default)]
#[serde(rename_all = "lowercase")]
pub enum Sort {
    #[default]
    None,
    Asc,
    Desc,
}
