//! The site configuration, `baspa.yaml`. [`RawConfig`] is what the editor
//! wrote, read with serde (unknown keys refused); [`Config::parse`] validates
//! it into [`Config`], which later stages trust without re-checking.

use serde::Deserialize;

use crate::error::{Diagnostic, Diagnostics, Source, did_you_mean};
pub use crate::link::BaseUrl;
use crate::locale::{Date, LocaleFormatter};
use crate::yaml::{Doc, Step};

pub const CONFIG_FILE: &str = "baspa.yaml";
const DEFAULT_EXIT_URL: &str = "https://www.google.com/search?q=weather";

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    base_url: String,
    default_language: String,
    #[serde(default = "default_theme")]
    theme: String,
    languages: Vec<RawLanguage>,
    report: RawReport,
    #[serde(default)]
    safety: RawSafety,
    #[serde(default)]
    markdown: RawMarkdown,
}

fn default_theme() -> String {
    "default".into()
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawLanguage {
    code: String,
    name: String,
    locale: String,
    title: String,
    #[serde(default)]
    subtitle: String,
    description: String,
    publisher: String,
    /// Overrides the generated "how to cite" text of this language.
    citation: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawReport {
    year: i32,
    published: String,
    updated: Option<String>,
    license: String,
    license_url: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSafety {
    exit_url: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawMarkdown {
    /// Pass raw HTML in Markdown through. Off by default: shown as text.
    #[serde(default)]
    allow_raw_html: bool,
}

/// The validated configuration.
pub struct Config {
    /// `baspa.yaml` as read, to point into it after parsing.
    pub file: Source,
    pub base_url: BaseUrl,
    pub theme: String,
    /// In the order of the config file; the default language is first.
    pub languages: Vec<Language>,
    pub report: Report,
    pub exit_url: String,
    pub allow_raw_html: bool,
}

pub struct Language {
    pub code: String,
    pub name: String,
    pub title: String,
    pub subtitle: String,
    pub description: String,
    pub publisher: String,
    pub citation: Option<String>,
    pub locale: LocaleFormatter,
}

pub struct Report {
    pub year: i32,
    pub published: Date,
    /// Last update of the whole report; pages may override it.
    pub updated: Date,
    pub license: String,
    pub license_url: Option<String>,
}

impl Config {
    /// Parse and validate the config file's text. `base_url_override` is `--base-url`.
    pub fn parse(file: &Source, base_url_override: Option<&str>) -> Result<Config, Diagnostics> {
        let doc = Doc::whole(file);
        let raw: RawConfig = doc.parse()?;
        let mut errors = Diagnostics::new();
        let top = |key: &str, msg: String| doc.error_at_path(&[Step::Key(key)], msg);
        let lang = |i: usize, key: &str, msg: String| doc.error_at_path(&[Step::Key("languages"), Step::Index(i), Step::Key(key)], msg);
        let report = |key: &str, msg: String| doc.error_at_path(&[Step::Key("report"), Step::Key(key)], msg);

        let base_url = match base_url_override {
            Some(url) => BaseUrl::parse(url).map_err(|m| Diagnostic::file("--base-url", m)),
            None => BaseUrl::parse(&raw.base_url).map_err(|m| top("base_url", m).with_hint("for example `https://example.github.io/report/`")),
        };
        let base_url = errors.take(base_url);

        let mut languages = Vec::new();
        for (i, l) in raw.languages.into_iter().enumerate() {
            if !is_language_code(&l.code) {
                errors.push(lang(i, "code", format!("language code `{}` must be lowercase letters and digits, like `kk` or `ru`", l.code)));
                continue;
            }
            if languages.iter().any(|x: &Language| x.code == l.code) {
                errors.push(lang(i, "code", format!("language `{}` is listed twice", l.code)));
                continue;
            }
            let Some(locale) = errors.take(LocaleFormatter::new(&l.locale).map_err(|m| lang(i, "locale", m))) else { continue };
            languages.push(Language {
                code: l.code,
                name: l.name,
                title: l.title,
                subtitle: l.subtitle,
                description: l.description,
                publisher: l.publisher,
                citation: l.citation,
                locale,
            });
        }
        if languages.is_empty() && errors.is_empty() {
            errors.push(top("languages", "at least one language is required".into()));
        }
        match languages.iter().position(|l| l.code == raw.default_language) {
            Some(i) => languages[..=i].rotate_right(1),
            None if !languages.is_empty() => {
                let codes: Vec<&str> = languages.iter().map(|l| l.code.as_str()).collect();
                let mut d = top("default_language", format!("default language `{}` is not one of the configured languages", raw.default_language));
                d.hint = did_you_mean(&raw.default_language, codes.iter().copied()).or(Some(format!("configured: {}", codes.join(", "))));
                errors.push(d);
            }
            None => {}
        }

        let date = |key: &str, value: &str| value.parse::<Date>().map_err(|m| report(key, m));
        let published = errors.take(date("published", &raw.report.published));
        let updated = match &raw.report.updated {
            Some(u) => errors.take(date("updated", u)),
            None => published,
        };

        let exit_url = match &raw.safety.exit_url {
            Some(url) => {
                errors.take(crate::link::exit(url).map_err(|m| doc.error_at_path(&[Step::Key("safety"), Step::Key("exit_url")], format!("quick-exit URL {m}"))))
            }
            None => Some(DEFAULT_EXIT_URL.to_string()),
        };
        let license_url = match &raw.report.license_url {
            Some(url) => errors.take(crate::link::web(url).map_err(|m| report("license_url", format!("licence URL {m}")))),
            None => None,
        };
        if !crate::id::is_valid(&raw.theme) {
            errors.push(top("theme", format!("theme name `{}` must be a folder name under `themes/`: {}", raw.theme, crate::id::RULE)));
        }

        let (Some(base_url), Some(published), Some(updated), Some(exit_url)) = (base_url, published, updated, exit_url) else { return Err(errors) };
        let report = Report { year: raw.report.year, published, updated, license: raw.report.license, license_url };
        errors.finish(Config { file: file.clone(), base_url, theme: raw.theme, languages, report, exit_url, allow_raw_html: raw.markdown.allow_raw_html })
    }

    pub fn default_language(&self) -> &Language {
        &self.languages[0]
    }

    pub fn language(&self, code: &str) -> Option<&Language> {
        self.languages.iter().find(|l| l.code == code)
    }

    pub fn language_codes(&self) -> Vec<String> {
        self.languages.iter().map(|l| l.code.clone()).collect()
    }
}

fn is_language_code(code: &str) -> bool {
    (2..=8).contains(&code.len()) && code.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

#[cfg(test)]
mod tests {
    use super::*;

    const MINIMAL: &str = "base_url: https://example.org/report/\ndefault_language: ru\nlanguages:\n  - {code: en, name: English, locale: en, title: T, description: D, publisher: P}\n  - {code: ru, name: Русский, locale: ru, title: T, description: D, publisher: P}\nreport: {year: 2025, published: 2025-11-25, license: CC BY 4.0}\n";

    fn parse(text: &str) -> Result<Config, Vec<String>> {
        Config::parse(&crate::error::SourceText::shared(CONFIG_FILE, text), None).map_err(|e| e.into_sorted().iter().map(|d| d.headline()).collect())
    }

    #[test]
    fn default_language_comes_first() {
        let c = parse(MINIMAL).ok().unwrap();
        assert_eq!(c.language_codes(), ["ru", "en"]);
        assert_eq!(c.report.updated, c.report.published);
        assert_eq!(c.exit_url, DEFAULT_EXIT_URL);
    }

    #[test]
    fn errors_on_unknown_default_language() {
        let errs = parse(&MINIMAL.replace("default_language: ru", "default_language: rus")).err().unwrap();
        assert_eq!(errs, ["baspa.yaml:2:19: default language `rus` is not one of the configured languages"]);
    }

    #[test]
    fn errors_when_invalid_type() {
        let errs = parse(&MINIMAL.replace("year: 2025", "year: twenty")).err().unwrap();
        assert_eq!(errs.len(), 1);
        assert!(errs[0].starts_with("baspa.yaml:6:"), "{errs:?}");
        assert!(errs[0].contains("invalid type: string \"twenty\", expected a whole number"), "{errs:?}");
    }

    #[test]
    fn errors_on_duplicate_language_and_bad_base_url() {
        let text = MINIMAL.replace("code: en", "code: ru").replace("https://example.org/report/", "example.org");
        let errs = parse(&text).err().unwrap();
        assert_eq!(
            errs,
            ["baspa.yaml:1:11: `example.org` is not a valid URL (relative URL without a base)", "baspa.yaml:5:12: language `ru` is listed twice",]
        );
    }
}
