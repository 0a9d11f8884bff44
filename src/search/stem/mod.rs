//! Word form → stem, one stemmer per language: our own for Kazakh
//! ([`kazakh`]: no stemming library has Kazakh), Snowball's through
//! `rust-stemmers` for Russian, English and the other languages it knows
//! (the only module that uses that crate), none for the rest, where the
//! index still matches a query word through the longest indexed form it
//! begins with.
//!
//! Stemming happens only here, at build time: the index stores every form
//! the text uses with its stem, so the browser needs no stemmer and the
//! Rust code is the one source of truth.

pub mod kazakh;

use rust_stemmers::{Algorithm, Stemmer as Snowball};

/// The stemmer of one language.
pub enum Stemmer {
    Kazakh,
    Snowball(Snowball),
    /// A language without a stemmer: every form is its own stem.
    None,
}

impl Stemmer {
    /// The stemmer for a CLDR locale (`kk`, `ru`, `en-GB`): its language subtag decides.
    pub fn for_locale(locale: &str) -> Stemmer {
        let language = locale.split(['-', '_']).next().unwrap_or(locale).to_ascii_lowercase();
        let algorithm = match language.as_str() {
            "kk" => return Stemmer::Kazakh,
            "ar" => Algorithm::Arabic,
            "da" => Algorithm::Danish,
            "de" => Algorithm::German,
            "el" => Algorithm::Greek,
            "en" => Algorithm::English,
            "es" => Algorithm::Spanish,
            "fi" => Algorithm::Finnish,
            "fr" => Algorithm::French,
            "hu" => Algorithm::Hungarian,
            "it" => Algorithm::Italian,
            "nl" => Algorithm::Dutch,
            "nb" | "nn" | "no" => Algorithm::Norwegian,
            "pt" => Algorithm::Portuguese,
            "ro" => Algorithm::Romanian,
            "ru" => Algorithm::Russian,
            "sv" => Algorithm::Swedish,
            "ta" => Algorithm::Tamil,
            "tr" => Algorithm::Turkish,
            _ => return Stemmer::None,
        };
        Stemmer::Snowball(Snowball::create(algorithm))
    }

    /// The stem of a normalised word ([`crate::search::text::words`]).
    /// Never empty for a non-empty word.
    pub fn stem(&self, word: &str) -> String {
        let stem = match self {
            Stemmer::Kazakh => kazakh::stem(word),
            Stemmer::Snowball(s) => s.stem(word).into_owned(),
            Stemmer::None => return word.to_string(),
        };
        if stem.is_empty() { word.to_string() } else { stem }
    }
}

#[cfg(test)]
mod tests {
    use super::Stemmer;

    fn stems(locale: &str, words: &[&str]) -> Vec<String> {
        let s = Stemmer::for_locale(locale);
        words.iter().map(|w| s.stem(w)).collect()
    }

    #[test]
    fn russian_forms_of_one_noun_share_a_stem() {
        let forms = ["насилие", "насилия", "насилию", "насилием", "насилии"];
        let got = stems("ru", &forms);
        assert!(got.iter().all(|s| s == &got[0]), "{got:?}");
        let forms = ["предписание", "предписания", "предписаний", "предписаниями", "предписанием"];
        let got = stems("ru", &forms);
        assert!(got.iter().all(|s| s == &got[0]), "{got:?}");
        let got = stems("ru", &["защитное", "защитные", "защитного", "защитных"]);
        assert!(got.iter().all(|s| s == &got[0]), "{got:?}");
        let got = stems("ru", &["мобильные", "мобильных", "мобильными"]);
        assert!(got.iter().all(|s| s == &got[0]), "{got:?}");
    }

    #[test]
    fn russian_stems_are_prefixes_of_their_forms() {
        // The browser matches an unknown form through the longest indexed
        // stem it begins with: that needs stems to be prefixes.
        for w in ["насилием", "семьях", "полиции", "женщинами", "центрах", "профилактики"] {
            let s = &stems("ru", &[w])[0];
            assert!(w.starts_with(s.as_str()), "{w} → {s}");
        }
    }

    #[test]
    fn english_forms_share_a_stem() {
        for group in [
            &["services", "service", "serviced"][..],
            &["teams", "team"],
            &["orders", "order", "ordered"],
            &["prevention", "preventions"],
            &["reported", "reporting", "reports", "report"],
        ] {
            let got = stems("en-GB", group);
            assert!(got.iter().all(|s| s == &got[0]), "{got:?}");
        }
        assert_ne!(stems("en", &["policy"])[0], stems("en", &["police"])[0]);
    }

    #[test]
    fn the_locale_chooses_the_stemmer() {
        assert!(matches!(Stemmer::for_locale("kk"), Stemmer::Kazakh));
        assert!(matches!(Stemmer::for_locale("kk-KZ"), Stemmer::Kazakh));
        assert!(matches!(Stemmer::for_locale("en-GB"), Stemmer::Snowball(_)));
        assert!(matches!(Stemmer::for_locale("ky"), Stemmer::None));
        assert_eq!(stems("ky", &["балдар"]), ["балдар"]);
    }

    #[test]
    fn kazakh_goes_through_our_own_stemmer() {
        assert_eq!(stems("kk", &["топтарының", "кітабы", "зорлығы", "елдердің"]), ["топ", "кітап", "зорлық", "ел"]);
    }
}
