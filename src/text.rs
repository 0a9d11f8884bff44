//! Localized text as editors write it: either one string for every language
//! (`label: "2023"`) or one per language (`label: {kk: …, ru: …, en: …}`).
//!
//! Reading it needs no knowledge of the site: whether every configured
//! language is there is checked afterwards, with [`Localized::check`], by
//! the stage that knows the languages and where the text is written (the
//! data stage points at the label's own line and column).

use std::collections::BTreeMap;
use std::fmt;

use serde::Deserialize;
use serde::de::{self, Deserializer, MapAccess, Visitor};

/// A text for every configured language (once checked).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Localized {
    /// The same text in every language (`"2023"`, a name).
    All(String),
    /// One text per language code.
    Per(BTreeMap<String, String>),
}

impl Localized {
    /// The text in `lang`. The check guarantees presence; an empty string is
    /// the safe answer should a caller ask for a language that is not configured.
    pub fn get(&self, lang: &str) -> &str {
        match self {
            Localized::All(text) => text,
            Localized::Per(texts) => texts.get(lang).map_or("", String::as_str),
        }
    }

    /// `Ok` when the text covers exactly the configured `languages`;
    /// otherwise what is wrong, for a message.
    pub fn check(&self, languages: &[String]) -> Result<(), String> {
        let Localized::Per(texts) = self else { return Ok(()) };
        if let Some(unknown) = texts.keys().find(|l| !languages.contains(l)) {
            return Err(format!("unknown language `{unknown}`, expected one of {}", quoted(languages)));
        }
        match languages.iter().find(|l| !texts.contains_key(*l)) {
            Some(missing) => Err(format!("missing the `{missing}` text")),
            None => Ok(()),
        }
    }
}

impl<'de> Deserialize<'de> for Localized {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(LocalizedVisitor)
    }
}

struct LocalizedVisitor;

impl<'de> Visitor<'de> for LocalizedVisitor {
    type Value = Localized;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a text, or a map from language code to text")
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Localized, E> {
        Ok(Localized::All(v.to_string()))
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
        let mut out = BTreeMap::new();
        while let Some((lang, text)) = map.next_entry::<String, String>()? {
            if out.insert(lang.clone(), text).is_some() {
                return Err(de::Error::custom(format_args!("duplicate language `{lang}`")));
            }
        }
        Ok(Localized::Per(out))
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
        let t: Localized = serde_yaml::from_str("\"2023\"").unwrap();
        assert_eq!(t.get("ru"), "2023");
        assert!(t.check(&langs()).is_ok());
    }

    #[test]
    fn missing_language_is_an_error() {
        let t: Localized = serde_yaml::from_str("{kk: а, ru: б}").unwrap();
        assert_eq!(t.check(&langs()).unwrap_err(), "missing the `en` text");
    }

    #[test]
    fn unknown_language_is_an_error() {
        let t: Localized = serde_yaml::from_str("{kk: а, ru: б, en: c, de: d}").unwrap();
        assert!(t.check(&langs()).unwrap_err().starts_with("unknown language `de`"));
    }
}
