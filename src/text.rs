//! Localized text as editors write it: either one string for every language
//! (`label: "2023"`) or one per language (`label: {kk: …, ru: …, en: …}`).
//!
//! Completeness is checked while deserialising, so that a label missing one
//! language is reported by serde_yaml at the label's own line and column. The
//! configured languages reach the deserialiser through [`with_languages`]:
//! serde derive offers no way to pass state down, and a thread-local keeps the
//! data types plain.

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::fmt;

use serde::de::{self, Deserializer, MapAccess, Visitor};
use serde::{Deserialize, Serialize};

thread_local! {
    static LANGUAGES: RefCell<Vec<String>> = const { RefCell::new(Vec::new()) };
}

/// Run `f` with `languages` as the set every [`Localized`] must cover.
pub fn with_languages<R>(languages: &[String], f: impl FnOnce() -> R) -> R {
    let previous = LANGUAGES.with(|l| std::mem::replace(&mut *l.borrow_mut(), languages.to_vec()));
    let result = f();
    LANGUAGES.with(|l| *l.borrow_mut() = previous);
    result
}

/// A string in every configured language.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Localized(BTreeMap<String, String>);

impl Localized {
    /// The text in `lang`. Validation guarantees presence; an empty string is
    /// the safe answer should a caller ask for a language that is not configured.
    pub fn get(&self, lang: &str) -> &str {
        self.0.get(lang).map(String::as_str).unwrap_or("")
    }

    pub fn same(text: &str, languages: &[String]) -> Self {
        Localized(languages.iter().map(|l| (l.clone(), text.to_string())).collect())
    }
}

impl<'de> Deserialize<'de> for Localized {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(LocalizedVisitor)
    }
}

struct LocalizedVisitor;

fn configured() -> Vec<String> {
    LANGUAGES.with(|l| l.borrow().clone())
}

impl<'de> Visitor<'de> for LocalizedVisitor {
    type Value = Localized;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a text, or a map from language code to text")
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Localized, E> {
        Ok(Localized::same(v, &configured()))
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Localized, E> {
        self.visit_str(&v.to_string())
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Localized, E> {
        self.visit_str(&v.to_string())
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Localized, E> {
        self.visit_str(&v.to_string())
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Localized, A::Error> {
        let languages = configured();
        let mut out = BTreeMap::new();
        while let Some((lang, text)) = map.next_entry::<String, String>()? {
            if !languages.is_empty() && !languages.contains(&lang) {
                return Err(de::Error::custom(format_args!("unknown language `{lang}`, expected one of {}", quoted(&languages))));
            }
            if out.insert(lang.clone(), text).is_some() {
                return Err(de::Error::custom(format_args!("duplicate language `{lang}`")));
            }
        }
        if let Some(missing) = languages.iter().find(|l| !out.contains_key(*l)) {
            return Err(de::Error::custom(format_args!("missing the `{missing}` text")));
        }
        Ok(Localized(out))
    }
}

fn quoted(items: &[String]) -> String {
    items.iter().map(|i| format!("`{i}`")).collect::<Vec<_>>().join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn langs() -> Vec<String> {
        vec!["kk".into(), "ru".into(), "en".into()]
    }

    #[test]
    fn one_string_serves_every_language() {
        let t: Localized = with_languages(&langs(), || serde_yaml::from_str("\"2023\"").unwrap());
        assert_eq!(t.get("ru"), "2023");
    }

    #[test]
    fn missing_language_is_an_error() {
        let e = with_languages(&langs(), || serde_yaml::from_str::<Localized>("{kk: а, ru: б}").unwrap_err());
        assert!(e.to_string().starts_with("missing the `en` text"), "{e}");
    }

    #[test]
    fn unknown_language_is_an_error() {
        let e = with_languages(&langs(), || serde_yaml::from_str::<Localized>("{kk: а, ru: б, en: c, de: d}").unwrap_err());
        assert!(e.to_string().starts_with("unknown language `de`"), "{e}");
    }
}
