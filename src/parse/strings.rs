//! UI strings: `themes/<theme>/i18n/<lang>.yaml`, one file per language.
//! A string is plain text, or a map of CLDR plural forms (`one`, `few`,
//! `many`, `other`…) with `{n}` for the count. Every language must have
//! every key the default language has, and every plural form its locale uses.

use std::collections::BTreeMap;
use std::fmt;

use serde::Deserialize;
use serde::de::{self, Deserializer, MapAccess, Visitor};

use crate::config::Config;
use crate::error::{Diagnostic, Diagnostics, Source};
use crate::locale::PluralCategory;
use crate::model::{Ui, UiString};
use crate::yaml::{Doc, Step};

struct RawString(UiString);

impl<'de> Deserialize<'de> for RawString {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(RawStringVisitor)
    }
}

struct RawStringVisitor;

impl<'de> Visitor<'de> for RawStringVisitor {
    type Value = RawString;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a text, or a map of plural forms (`one`, `few`, `many`, `other`)")
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<RawString, E> {
        Ok(RawString(UiString::Plain(v.to_string())))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<RawString, A::Error> {
        const FORMS: [&str; 6] = ["zero", "one", "two", "few", "many", "other"];
        let mut forms = BTreeMap::new();
        while let Some((k, v)) = map.next_entry::<String, String>()? {
            let category = PluralCategory::from_name(&k).ok_or_else(|| de::Error::unknown_variant(&k, &FORMS))?;
            forms.insert(category, v);
        }
        Ok(RawString(UiString::Plural(forms)))
    }
}

type Strings = BTreeMap<String, BTreeMap<String, UiString>>;

pub fn parse(files: &[Source], config: &Config) -> (Strings, Diagnostics) {
    let mut errors = Diagnostics::new();
    let mut out: Strings = BTreeMap::new();
    let mut sources: BTreeMap<String, &Source> = BTreeMap::new();
    for file in files {
        let Some(lang) = file.path.rsplit('/').next().and_then(|n| n.strip_suffix(".yaml")) else { continue };
        if config.language(lang).is_none() {
            continue; // a theme may ship more languages than a site uses
        }
        if let Some(raw) = errors.take(Doc::whole(file).parse::<BTreeMap<String, RawString>>()) {
            out.insert(lang.to_string(), raw.into_iter().map(|(k, v)| (k, v.0)).collect());
            sources.insert(lang.to_string(), file);
        }
    }
    let theme_dir = format!("themes/{}/i18n", config.theme);
    let reference = out.get(&config.default_language().code).cloned().unwrap_or_default();
    for lang in &config.languages {
        let Some(strings) = out.get(&lang.code) else {
            if errors.is_empty() {
                errors.push(Diagnostic::file(format!("{theme_dir}/{}.yaml", lang.code), format!("missing UI strings for language `{}`", lang.code)));
            }
            continue;
        };
        let file = sources[&lang.code];
        for key in Ui::ALL.iter().map(|k| k.key()).filter(|k| !strings.contains_key(*k) && !reference.contains_key(*k)) {
            errors.push(Diagnostic::file(&file.path, format!("missing UI string `{key}`, which baspa itself uses")));
        }
        for key in reference.keys().filter(|k| !strings.contains_key(*k)) {
            errors.push(Diagnostic::file(&file.path, format!("missing UI string `{key}` (the `{}` file has it)", config.default_language().code)));
        }
        let needed = lang.locale.plural_categories();
        for (key, s) in strings {
            if let UiString::Plural(forms) = s
                && let Some(form) = needed.iter().find(|f| !forms.contains_key(*f))
            {
                let doc = Doc::whole(file);
                let at = doc.error_at(
                    doc.locate_key(&[Step::Key(key)]).unwrap_or(0),
                    format!("UI string `{key}` lacks the `{form}` plural form that `{}` needs", lang.code),
                );
                let names: Vec<&str> = needed.iter().map(|c| c.name()).collect();
                errors.push(at.with_hint(format!("`{}` uses the forms {}", lang.code, names.join(", "))));
            }
        }
    }
    (out, errors)
}
