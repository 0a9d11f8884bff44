//! CLDR plural categories: Russian has one/few/many/other, Kazakh and
//! English one/other. UI strings with counts pick their form through here.

use std::str::FromStr;

use fixed_decimal::Decimal;
use icu_locale_core::Locale;
use icu_plurals::{PluralCategory as Icu, PluralRules};

/// A CLDR plural category, the key of a plural UI string's forms.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum PluralCategory {
    Zero,
    One,
    Two,
    Few,
    Many,
    Other,
}

impl PluralCategory {
    pub const ALL: [PluralCategory; 6] =
        [PluralCategory::Zero, PluralCategory::One, PluralCategory::Two, PluralCategory::Few, PluralCategory::Many, PluralCategory::Other];

    /// The name editors write (`few`).
    pub fn name(self) -> &'static str {
        match self {
            PluralCategory::Zero => "zero",
            PluralCategory::One => "one",
            PluralCategory::Two => "two",
            PluralCategory::Few => "few",
            PluralCategory::Many => "many",
            PluralCategory::Other => "other",
        }
    }

    pub fn from_name(name: &str) -> Option<PluralCategory> {
        PluralCategory::ALL.into_iter().find(|c| c.name() == name)
    }
}

impl std::fmt::Display for PluralCategory {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

pub struct Plurals(PluralRules);

impl Plurals {
    pub fn new(locale: &Locale) -> Result<Self, String> {
        PluralRules::try_new_cardinal(locale.into()).map(Plurals).map_err(|e| format!("no plural rules for `{locale}` ({e})"))
    }

    pub fn category(&self, n: f64) -> PluralCategory {
        let d = Decimal::from_str(&format!("{n}")).unwrap_or_else(|_| Decimal::from(0));
        name(self.0.category_for(&d))
    }

    /// The category of `n` as shown with `decimals` digits: CLDR counts the
    /// digits written, so "1.0 families" takes `other` in English.
    pub fn category_shown(&self, n: f64, decimals: u8) -> PluralCategory {
        let d = Decimal::from_str(&format!("{:.*}", decimals as usize, n.abs())).unwrap_or_else(|_| Decimal::from(0));
        name(self.0.category_for(&d))
    }

    pub fn categories(&self) -> Vec<PluralCategory> {
        self.0.categories().map(name).collect()
    }
}

fn name(c: Icu) -> PluralCategory {
    match c {
        Icu::Zero => PluralCategory::Zero,
        Icu::One => PluralCategory::One,
        Icu::Two => PluralCategory::Two,
        Icu::Few => PluralCategory::Few,
        Icu::Many => PluralCategory::Many,
        Icu::Other => PluralCategory::Other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cat(locale: &str, n: f64) -> PluralCategory {
        Plurals::new(&locale.parse().unwrap()).unwrap().category(n)
    }

    #[test]
    fn russian_has_four_forms() {
        let got: Vec<_> = [1.0, 2.0, 5.0, 21.0, 11.0, 1.5].iter().map(|&n| cat("ru", n).name()).collect();
        assert_eq!(got, ["one", "few", "many", "one", "many", "other"]);
    }

    #[test]
    fn the_digits_shown_decide_the_form() {
        let p = Plurals::new(&"en".parse().unwrap()).unwrap();
        assert_eq!((p.category_shown(1.0, 0).name(), p.category_shown(1.0, 1).name()), ("one", "other"));
        let p = Plurals::new(&"ru".parse().unwrap()).unwrap();
        // 64 243 семьи; 1,0 семьи; −21 семья.
        let got: Vec<_> = [(64243.0, 0), (1.0, 1), (-21.0, 0), (4.96, 0)].iter().map(|&(n, d)| p.category_shown(n, d).name()).collect();
        assert_eq!(got, ["few", "other", "one", "many"]);
    }

    #[test]
    fn kazakh_and_english_have_two() {
        assert_eq!((cat("kk", 1.0).name(), cat("kk", 5.0).name()), ("one", "other"));
        assert_eq!((cat("en", 1.0).name(), cat("en", 2.0).name()), ("one", "other"));
        let mut ru = Plurals::new(&"ru".parse().unwrap()).unwrap().categories();
        ru.sort();
        assert_eq!(ru, [PluralCategory::One, PluralCategory::Few, PluralCategory::Many, PluralCategory::Other]);
    }
}
