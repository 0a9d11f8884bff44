//! Everything that depends on a reader's locale, computed in Rust from CLDR
//! data (ICU4X) rather than left to the browser: Chromium formats Kazakh
//! numbers and dates like English. This module is the only user of ICU4X.

mod date;
mod number;
mod plural;

pub use date::Date;
pub use number::{NumberStyle, Separators};
pub use plural::PluralCategory;

use icu_locale_core::Locale as IcuLocale;

/// The formatters of one language, created once per build.
pub struct LocaleFormatter {
    tag: String,
    number: number::NumberFormatter,
    plural: plural::Plurals,
    date: date::DateFormatter,
}

impl LocaleFormatter {
    /// `tag` is a BCP 47 locale such as `kk`, `ru` or `en-GB`.
    pub fn new(tag: &str) -> Result<Self, String> {
        let locale: IcuLocale = tag.parse().map_err(|_| format!("`{tag}` is not a valid locale tag; use a BCP 47 tag such as `kk`, `ru` or `en-GB`"))?;
        Ok(LocaleFormatter {
            tag: tag.to_string(),
            number: number::NumberFormatter::new(&locale)?,
            plural: plural::Plurals::new(&locale)?,
            date: date::DateFormatter::new(&locale)?,
        })
    }

    pub fn tag(&self) -> &str {
        &self.tag
    }

    pub fn number(&self, value: f64, style: &NumberStyle) -> String {
        self.number.format(value, style)
    }

    pub fn separators(&self) -> &Separators {
        self.number.separators()
    }

    pub fn plural(&self, n: f64) -> PluralCategory {
        self.plural.category(n)
    }

    /// The plural category of a number as `number` shows it in `style`.
    pub fn plural_shown(&self, n: f64, style: &NumberStyle) -> PluralCategory {
        self.plural.category_shown(n, style.decimals)
    }

    /// The plural categories this locale distinguishes (`one`, `few`, … `other`).
    pub fn plural_categories(&self) -> Vec<PluralCategory> {
        self.plural.categories()
    }

    pub fn date(&self, date: Date) -> String {
        self.date.format(date)
    }
}
