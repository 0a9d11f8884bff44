//! Localized text as editors write it: either one string for every language
//! (`label: "2023"`) or one per language (`label: {kk: …, ru: …, en: …}`).
//! A value's [`Label`] may also give CLDR plural forms, so the words after a
//! number agree with it (`64 243 семьи`, `5 семей`).
//!
//! Reading it needs no knowledge of the site: whether every configured
//! language is there is checked afterwards, with [`Localized::check`], by
//! the stage that knows the languages and where the text is written (the
//! data stage points at the label's own line and column).

use std::collections::BTreeMap;
use std::fmt;

use serde::Deserialize;
use serde::de::{self, Deserializer, MapAccess, Visitor};

use crate::locale::PluralCategory;

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
        match self {
            Localized::All(_) => Ok(()),
            Localized::Per(texts) => check_languages(texts, languages),
        }
    }
}

/// `Ok` when a map by language code has exactly the configured `languages`.
fn check_languages<V>(per: &BTreeMap<String, V>, languages: &[String]) -> Result<(), String> {
    if let Some(unknown) = per.keys().find(|l| !languages.contains(l)) {
        return Err(format!("unknown language `{unknown}`, expected one of {}", quoted(languages)));
    }
    match languages.iter().find(|l| !per.contains_key(*l)) {
        Some(missing) => Err(format!("missing the `{missing}` text")),
        None => Ok(()),
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

/// A value's label: like [`Localized`], but a language's text may be a map
/// of CLDR plural forms (`{one: семья, few: семьи, many: семей, other: семьи}`),
/// of which the value picks one. A map of forms alone serves every language
/// (for a site in one language).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Label {
    All(Forms),
    Per(BTreeMap<String, Forms>),
}

/// One language's label: a text, or a text per plural form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Forms {
    Plain(String),
    Plural(BTreeMap<PluralCategory, String>),
}

impl Label {
    /// The label in `lang` for a number of plural category `category`
    /// (a plain text whatever the number; `other` if a form is missing,
    /// which the check rules out for the forms the locale uses).
    pub fn get(&self, lang: &str, category: PluralCategory) -> &str {
        let forms = match self {
            Label::All(forms) => Some(forms),
            Label::Per(per) => per.get(lang),
        };
        match forms {
            Some(Forms::Plain(text)) => text,
            Some(Forms::Plural(forms)) => forms.get(&category).or_else(|| forms.get(&PluralCategory::Other)).map_or("", String::as_str),
            None => "",
        }
    }

    /// `Ok` when the label covers exactly the configured languages and each
    /// map of forms has every form its language's locale uses (`plural_forms`
    /// by language code); otherwise what is wrong, for a message, and the
    /// language key it is under, when the label has one per language.
    pub fn check(&self, languages: &[String], plural_forms: &BTreeMap<String, Vec<PluralCategory>>) -> Result<(), (Option<String>, String)> {
        let per: Vec<(&str, &Forms)> = match self {
            Label::All(forms) => languages.iter().map(|l| (l.as_str(), forms)).collect(),
            Label::Per(per) => {
                check_languages(per, languages).map_err(|e| (None, e))?;
                per.iter().map(|(l, f)| (l.as_str(), f)).collect()
            }
        };
        for (lang, forms) in per {
            let (Forms::Plural(forms), Some(needed)) = (forms, plural_forms.get(lang)) else { continue };
            if let Some(missing) = needed.iter().find(|c| !forms.contains_key(*c)) {
                let names: Vec<&str> = needed.iter().map(|c| c.name()).collect();
                let under = matches!(self, Label::Per(_)).then(|| lang.to_string());
                return Err((under, format!("the `{lang}` text lacks the `{missing}` plural form (`{lang}` uses {})", names.join(", "))));
            }
        }
        Ok(())
    }
}

impl<'de> Deserialize<'de> for Label {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(LabelVisitor)
    }
}

struct LabelVisitor;

impl<'de> Visitor<'de> for LabelVisitor {
    type Value = Label;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a text, a map from language code to text, or a map of plural forms (`one`, `few`, `many`, `other`)")
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Label, E> {
        Ok(Label::All(Forms::Plain(v.to_string())))
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Label, E> {
        self.visit_str(&v.to_string())
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Label, E> {
        self.visit_str(&v.to_string())
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Label, E> {
        self.visit_str(&v.to_string())
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Label, A::Error> {
        let mut entries: BTreeMap<String, Forms> = BTreeMap::new();
        while let Some((key, forms)) = map.next_entry::<String, Forms>()? {
            if entries.insert(key.clone(), forms).is_some() {
                return Err(de::Error::custom(format_args!("`{key}` is given twice")));
            }
        }
        let plural = entries.keys().filter(|k| PluralCategory::from_name(k).is_some()).count();
        if plural == 0 {
            return Ok(Label::Per(entries));
        }
        if plural < entries.len() {
            return Err(de::Error::custom("a label maps either languages or plural forms (`one`, `other`…) to texts, not both: give each language its forms"));
        }
        let mut forms = BTreeMap::new();
        for (key, text) in entries {
            let Forms::Plain(text) = text else { return Err(de::Error::custom(format_args!("the `{key}` form must be a text"))) };
            forms.insert(PluralCategory::from_name(&key).unwrap_or(PluralCategory::Other), text);
        }
        Ok(Label::All(Forms::Plural(forms)))
    }
}

impl<'de> Deserialize<'de> for Forms {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(FormsVisitor)
    }
}

/// One language's label: a text or a map of plural forms.
struct FormsVisitor;

impl<'de> Visitor<'de> for FormsVisitor {
    type Value = Forms;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a text, or a map of plural forms (`one`, `few`, `many`, `other`)")
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Forms, E> {
        Ok(Forms::Plain(v.to_string()))
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Forms, E> {
        self.visit_str(&v.to_string())
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Forms, E> {
        self.visit_str(&v.to_string())
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Forms, A::Error> {
        const FORMS: [&str; 6] = ["zero", "one", "two", "few", "many", "other"];
        let mut forms = BTreeMap::new();
        while let Some((key, text)) = map.next_entry::<String, String>()? {
            let category = PluralCategory::from_name(&key).ok_or_else(|| de::Error::unknown_variant(&key, &FORMS))?;
            if forms.insert(category, text).is_some() {
                return Err(de::Error::custom(format_args!("the `{key}` form is given twice")));
            }
        }
        Ok(Forms::Plural(forms))
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

    fn forms() -> BTreeMap<String, Vec<PluralCategory>> {
        use PluralCategory::*;
        [("kk".to_string(), vec![One, Other]), ("ru".to_string(), vec![One, Few, Many, Other]), ("en".to_string(), vec![One, Other])].into()
    }

    #[test]
    fn a_label_picks_the_plural_form_of_its_number() {
        let l: Label =
            serde_yaml::from_str("{kk: отбасы, ru: {one: семья, few: семьи, many: семей, other: семьи}, en: {one: family, other: families}}").unwrap();
        assert!(l.check(&langs(), &forms()).is_ok());
        assert_eq!(l.get("ru", PluralCategory::Few), "семьи");
        assert_eq!(l.get("ru", PluralCategory::Many), "семей");
        assert_eq!(l.get("kk", PluralCategory::Many), "отбасы");
        assert_eq!(l.get("en", PluralCategory::One), "family");
    }

    #[test]
    fn a_missing_form_the_locale_uses_is_an_error() {
        let l: Label = serde_yaml::from_str("{kk: а, ru: {one: семья, other: семьи}, en: b}").unwrap();
        assert_eq!(
            l.check(&langs(), &forms()).unwrap_err(),
            (Some("ru".into()), "the `ru` text lacks the `few` plural form (`ru` uses one, few, many, other)".into())
        );
        let one: Label = serde_yaml::from_str("{one: family, other: families}").unwrap();
        assert!(one.check(&["en".into()], &forms()).is_ok());
        assert!(one.check(&["en".into(), "ru".into()], &forms()).unwrap_err().1.contains("`ru` text lacks the `few`"));
    }

    #[test]
    fn languages_and_forms_do_not_mix() {
        let e = serde_yaml::from_str::<Label>("{en: family, other: families}").unwrap_err().to_string();
        assert!(e.contains("either languages or plural forms"), "{e}");
        let e = serde_yaml::from_str::<Label>("{ru: {one: a, several: b}}").unwrap_err().to_string();
        assert!(e.contains("unknown variant `several`"), "{e}");
    }

    #[test]
    fn unknown_language_is_an_error() {
        let t: Localized = serde_yaml::from_str("{kk: а, ru: б, en: c, de: d}").unwrap();
        assert!(t.check(&langs()).unwrap_err().starts_with("unknown language `de`"));
    }
}
