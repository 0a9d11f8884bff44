//! The reader-safety features as pages show them, when the site's config
//! has a `safety:` block: the quick exit (armed by the inline script of
//! [`super::policy`] from the page's first bytes), the safety bar with the
//! help numbers of `data/helplines.yaml` as `tel:` links, and the help box.

use serde::Serialize;

use crate::model::Site;

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
    Some(Safety { exit_url: &safety.exit_url, lines: lines(site, lang), help_url })
}
