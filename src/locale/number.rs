//! Numbers and percentages by CLDR rules: `3 382` and `64,5 %` in Russian,
//! `3 382` and `64,5%` in Kazakh, `3,382` and `64.5%` in English.

use std::str::FromStr;

use fixed_decimal::{Decimal, SignDisplay};
use icu_decimal::DecimalFormatter;
use icu_locale_core::Locale;
use serde::Serialize;

/// How a value is shown: its unit, digits after the decimal separator, and
/// whether a `+` is written for positive values (changes such as "+60%").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct NumberStyle {
    pub percent: bool,
    pub decimals: u8,
    pub always_sign: bool,
}

/// The symbols the chart script needs to format numbers in the browser
/// exactly as Rust does here.
#[derive(Debug, Clone, Serialize)]
pub struct Separators {
    pub decimal: String,
    pub group: String,
    /// The percent pattern with `{n}` for the number, e.g. `{n} %` in Russian.
    pub percent: String,
    /// The locale's minus sign as CLDR gives it (U+002D in Kazakh, Russian
    /// and English; U+2212 in Swedish or Finnish): charts, prose and tables
    /// write the same sign for the same value.
    pub minus: String,
}

pub struct NumberFormatter {
    decimal: DecimalFormatter,
    percent_pattern: &'static str,
    separators: Separators,
}

impl NumberFormatter {
    pub fn new(locale: &Locale) -> Result<Self, String> {
        let decimal = DecimalFormatter::try_new(locale.into(), Default::default()).map_err(|e| format!("no number formatting data for `{locale}` ({e})"))?;
        let percent_pattern = percent_pattern(locale.id.language.as_str());
        let separators = derive_separators(&decimal, percent_pattern);
        Ok(NumberFormatter { decimal, percent_pattern, separators })
    }

    pub fn format(&self, value: f64, style: &NumberStyle) -> String {
        let mut d = to_decimal(value, style.decimals);
        if style.always_sign {
            d.apply_sign_display(SignDisplay::ExceptZero);
        }
        let n = self.decimal.format(&d).to_string();
        if style.percent { self.percent_pattern.replace("{n}", &n) } else { n }
    }

    pub fn separators(&self) -> &Separators {
        &self.separators
    }
}

/// Decimal from a float, rounded to `decimals` by Rust's exact formatting, so
/// the digits never depend on the machine.
fn to_decimal(value: f64, decimals: u8) -> Decimal {
    let text = format!("{value:.*}", decimals as usize);
    Decimal::from_str(&text).unwrap_or_else(|_| Decimal::from(0))
}

/// CLDR's percent patterns (`numbers/percentFormats-numberSystem-latn`) for
/// the locales baspa ships UI strings for. `icu_decimal` has no percent
/// formatter, and `icu_experimental`'s is unstable API; the number part above
/// is still ICU4X, only the placement of the sign comes from this table.
fn percent_pattern(language: &str) -> &'static str {
    match language {
        // "#,##0 %" with U+00A0 NO-BREAK SPACE.
        "ru" | "fr" | "de" | "uk" | "be" | "cs" | "pl" | "sv" | "fi" | "nb" | "es" => "{n}\u{a0}%",
        // "#,##0%": Kazakh, English and most others.
        _ => "{n}%",
    }
}

fn derive_separators(decimal: &DecimalFormatter, percent: &str) -> Separators {
    let sample = decimal.format(&to_decimal(1234.5, 1)).to_string();
    let digits = |c: char| c.is_ascii_digit();
    let group: String = sample.split(digits).find(|s| !s.is_empty()).unwrap_or(",").to_string();
    let decimal_sep: String = sample.rsplit(digits).find(|s| !s.is_empty()).unwrap_or(".").to_string();
    let negative = decimal.format(&to_decimal(-1.0, 0)).to_string();
    let minus: String = negative.chars().filter(|c| !c.is_ascii_digit() && !c.is_whitespace() && !is_bidi_mark(*c)).collect();
    let minus = if minus.is_empty() { "-".to_string() } else { minus };
    Separators { decimal: decimal_sep, group, percent: percent.to_string(), minus }
}

/// Right-to-left locales wrap the sign in direction marks; the sign is what remains.
fn is_bidi_mark(c: char) -> bool {
    matches!(c, '\u{200e}' | '\u{200f}' | '\u{061c}')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fmt(locale: &str, value: f64, style: NumberStyle) -> String {
        NumberFormatter::new(&locale.parse().unwrap()).unwrap().format(value, &style)
    }
    const PCT1: NumberStyle = NumberStyle { percent: true, decimals: 1, always_sign: false };

    #[test]
    fn groups_thousands_per_locale() {
        let int = NumberStyle::default();
        assert_eq!(fmt("ru", 3382.0, int), "3\u{a0}382");
        assert_eq!(fmt("kk", 3382.0, int), "3\u{a0}382");
        assert_eq!(fmt("en", 3382.0, int), "3,382");
        assert_eq!(fmt("en", 64243.0, int), "64,243");
    }

    #[test]
    fn renders_percent_in_russian_kazakh_english() {
        assert_eq!(fmt("ru", 64.5, PCT1), "64,5\u{a0}%");
        assert_eq!(fmt("kk", 64.5, PCT1), "64,5%");
        assert_eq!(fmt("en", 64.5, PCT1), "64.5%");
    }

    #[test]
    fn shows_sign_for_changes() {
        let change = NumberStyle { percent: true, decimals: 0, always_sign: true };
        assert_eq!(fmt("en", 60.0, change), "+60%");
        assert_eq!(fmt("ru", 60.0, change), "+60\u{a0}%");
    }

    #[test]
    fn separators_for_the_browser() {
        let f = NumberFormatter::new(&"kk".parse().unwrap()).unwrap();
        assert_eq!((f.separators().decimal.as_str(), f.separators().group.as_str()), (",", "\u{a0}"));
        let f = NumberFormatter::new(&"en".parse().unwrap()).unwrap();
        assert_eq!((f.separators().decimal.as_str(), f.separators().group.as_str()), (".", ","));
    }

    #[test]
    fn one_minus_sign_per_locale_from_cldr() {
        for (locale, minus) in [("kk", "-"), ("ru", "-"), ("en", "-"), ("sv", "\u{2212}"), ("fi", "\u{2212}")] {
            let f = NumberFormatter::new(&locale.parse().unwrap()).unwrap();
            assert_eq!(f.separators().minus, minus, "{locale}");
            assert!(f.format(-3.5, &NumberStyle { decimals: 1, ..Default::default() }).starts_with(minus), "{locale}");
        }
    }
}
