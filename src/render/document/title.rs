//! The first lines of a document: the template it uses, and the texts of
//! its title page and metadata (title, publisher, date, licence, how to
//! cite, the help numbers), all from the config and the UI strings, as
//! Typst strings. The date is the config's `report.published`: never the clock.

use super::markup::{string, undrawable};
use crate::config::Language;
use crate::error::Diagnostic;
use crate::model::{Site, Ui};
use crate::render::env::Env;

/// The template's path in the document's folder.
pub const TEMPLATE_PATH: &str = "/baspa.typ";

/// The preamble: import the template, apply it with the report's texts;
/// and a warning for each character of them the PDF's font cannot draw.
/// `env` is a page of the language (its UI strings and citation).
pub fn preamble(site: &Site, lang: &Language, env: &Env) -> (String, Vec<Diagnostic>) {
    let report = &site.config.report;
    let date = report.published;
    let (language, region) = language_and_region(lang.locale.tag());
    let license_url = report.license_url.as_deref().map_or("none".to_string(), string);
    let help: Vec<String> = match &site.config.safety {
        Some(_) => site.helplines.iter().map(|h| format!("({}, {}),", string(&h.number), string(h.name.get(&lang.code)))).collect(),
        None => vec![],
    };
    let fields = [
        ("lang", string(&language)),
        ("region", region.as_deref().map_or("none".into(), string)),
        ("title", string(&lang.title)),
        ("subtitle", string(&lang.subtitle)),
        ("publisher", string(&lang.publisher)),
        ("description", string(&lang.description)),
        ("year", date.year.to_string()),
        ("month", date.month.to_string()),
        ("day", date.day.to_string()),
        ("date", string(&lang.locale.date(date))),
        ("license-label", string(env.t(Ui::License))),
        ("license", string(&report.license)),
        ("license-url", license_url),
        ("cite-label", string(env.t(Ui::HowToCite))),
        ("citation", string(&env.citation.to_string())),
        ("help-label", string(env.t(Ui::SafetyText))),
        ("help", format!("({})", help.join(" "))),
        ("contents", string(env.t(Ui::Contents))),
    ];
    let fields: Vec<String> = fields.iter().map(|(k, v)| format!("  {k}: {v},\n")).collect();
    let preamble = format!("#import \"{TEMPLATE_PATH}\": *\n#show: report.with((\n{}))\n", fields.concat());
    (preamble, warnings(site, lang, env))
}

/// Where the title page's texts come from, and the warnings for what in
/// them the font cannot draw (it prints as `�`): at the character in
/// `baspa.yaml`, or naming the theme's strings or the help numbers' file.
fn warnings(site: &Site, lang: &Language, env: &Env) -> Vec<Diagnostic> {
    let config = &site.config.file;
    let strings = format!("themes/{}/i18n/{}.yaml", site.config.theme, lang.code);
    let mut texts = vec![(lang.title.clone(), None), (lang.subtitle.clone(), None), (lang.publisher.clone(), None)];
    texts.extend([(site.config.report.license.clone(), None), (env.citation.to_string(), None)]);
    texts.extend([Ui::License, Ui::HowToCite, Ui::SafetyText, Ui::Contents].map(|ui| (env.t(ui).to_string(), Some(strings.clone()))));
    if site.config.safety.is_some() {
        texts.extend(site.helplines.iter().map(|h| (h.name.get(&lang.code).to_string(), Some("data/helplines.yaml".to_string()))));
    }
    let mut seen = Vec::new();
    let mut found = Vec::new();
    for (text, file) in texts {
        for c in undrawable(&text).into_iter().filter(|c| !seen.contains(c)).collect::<Vec<_>>() {
            seen.push(c);
            let message = format!("`{c}` (U+{:04X}) has no glyph in the PDF's font and prints as `\u{fffd}` on its title page", c as u32);
            let d = match (&file, config.text.find(c)) {
                (None, Some(at)) => config.error_in(at..at + c.len_utf8(), message),
                (Some(file), _) => Diagnostic::file(file.clone(), message),
                (None, None) => Diagnostic::file(config.path.clone(), message),
            };
            found.push(d.with_hint("the PDF is set in DejaVu Sans (Latin, Cyrillic with Kazakh, Greek): write the character another way"));
        }
    }
    found
}

/// Typst's `lang` and `region` from a BCP 47 tag: `en-GB` → `en`, `GB`.
fn language_and_region(tag: &str) -> (String, Option<String>) {
    let mut parts = tag.split(['-', '_']);
    let language = parts.next().filter(|l| (2..=3).contains(&l.len()) && l.chars().all(|c| c.is_ascii_alphabetic())).unwrap_or("en").to_ascii_lowercase();
    let region = parts.find(|p| p.len() == 2 && p.chars().all(|c| c.is_ascii_alphabetic())).map(|r| r.to_ascii_uppercase());
    (language, region)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_locale_tags_for_typst() {
        assert_eq!(language_and_region("en-GB"), ("en".into(), Some("GB".into())));
        assert_eq!(language_and_region("kk"), ("kk".into(), None));
        assert_eq!(language_and_region("sr-Latn-RS"), ("sr".into(), Some("RS".into())));
        assert_eq!(language_and_region("es-419"), ("es".into(), None));
    }
}
