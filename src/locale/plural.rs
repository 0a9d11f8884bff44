//! CLDR plural categories: Russian has one/few/many/other, Kazakh and
//! English one/other. UI strings with counts pick their form through here.

use std::str::FromStr;

use fixed_decimal::Decimal;
use icu_locale_core::Locale;
use icu_plurals::{PluralCategory as Icu, PluralRules};

pub type PluralCategory = &'static str;

pub struct Plurals(PluralRules);

impl Plurals {
    pub fn new(locale: &Locale) -> Result<Self, String> {
        PluralRules::try_new_cardinal(locale.into()).map(Plurals).map_err(|e| format!("no plural rules for `{locale}` ({e})"))
    }

    pub fn category(&self, n: f64) -> PluralCategory {
        let d = Decimal::from_str(&format!("{n}")).unwrap_or_else(|_| Decimal::from(0));
        name(self.0.category_for(&d))
    }

    pub fn categories(&self) -> Vec<PluralCategory> {
        self.0.categories().map(name).collect()
    }
}

fn name(c: Icu) -> PluralCategory {
    match c {
        Icu::Zero => "zero",
        Icu::One => "one",
        Icu::Two => "two",
        Icu::Few => "few",
        Icu::Many => "many",
        Icu::Other => "other",
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
        let got: Vec<_> = [1.0, 2.0, 5.0, 21.0, 11.0, 1.5].iter().map(|&n| cat("ru", n)).collect();
        assert_eq!(got, ["one", "few", "many", "one", "many", "other"]);
    }

    #[test]
    fn kazakh_and_english_have_two() {
        assert_eq!((cat("kk", 1.0), cat("kk", 5.0)), ("one", "other"));
        assert_eq!((cat("en", 1.0), cat("en", 2.0)), ("one", "other"));
        let mut ru = Plurals::new(&"ru".parse().unwrap()).unwrap().categories();
        ru.sort();
        assert_eq!(ru, ["few", "many", "one", "other"]);
    }
}
