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
    safety: Option<RawSafety>,
    #[serde(default)]
    markdown: RawMarkdown,
    #[serde(default)]
    pdf: RawPdf,
    /// The search page, the box on every page and the index. On unless `false`.
    #[serde(default = "default_search")]
    search: bool,
}

fn default_search() -> bool {
    true
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

/// The reader-safety features: the quick exit, the safety bar with the
/// help numbers, and the help box. Present means on; absent means none.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSafety {
    exit_url: Option<String>,
    /// The page (its file name without `.md`) with every help number and
    /// advice on browsing safely, linked from the bar and the help box.
    help_page: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawMarkdown {
    /// Pass raw HTML in Markdown through. Off by default: shown as text.
    #[serde(default)]
    allow_raw_html: bool,
}

/// The report as a PDF in every language. On unless `enabled: false`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPdf {
    #[serde(default = "yes")]
    enabled: bool,
    /// The file name, without the language and `.pdf`: `report-2025` gives
    /// `/kk/report-2025-kk.pdf`.
    name: Option<String>,
}

impl Default for RawPdf {
    fn default() -> Self {
        RawPdf { enabled: true, name: None }
    }
}

fn yes() -> bool {
    true
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
    /// The reader-safety features, when the site has them.
    pub safety: Option<Safety>,
    pub allow_raw_html: bool,
    /// The PDFs of the report, unless the site turned them off.
    pub pdf: Option<Pdf>,
    /// Build the search page, the box on every page and the index.
    pub search: bool,
}

/// The report as one PDF per language.
pub struct Pdf {
    /// The file name without the language and `.pdf` (an id).
    pub name: String,
}

impl Pdf {
    /// Where a language's PDF goes in the site: `kk/report-2025-kk.pdf`.
    /// The language is in the name too: a downloaded file keeps no folder.
    pub fn path(&self, lang: &str) -> String {
        format!("{lang}/{}-{lang}.pdf", self.name)
    }
}

/// The reader-safety features of a site: quick exit (button, Esc key,
/// a visit that leaves one history entry), the safety bar with the help
/// numbers of `data/helplines.yaml`, and the help box.
pub struct Safety {
    /// Where quick exit goes: a neutral `https` page.
    pub exit_url: String,
    /// The page with every help number (a page key, such as `06-help`);
    /// checked to exist in every language.
    pub help_page: Option<String>,
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
        let base_url = match base_url_override {
            Some(url) => BaseUrl::parse(url).map_err(|m| Diagnostic::file("--base-url", m)),
            None => BaseUrl::parse(&raw.base_url).map_err(|m| at(&doc, &["base_url"], m).with_hint("for example `https://example.github.io/report/`")),
        };
        let base_url = errors.take(base_url);
        let languages = languages(&doc, raw.languages, &raw.default_language, &mut errors);
        let pdf = pdf(&doc, raw.pdf, raw.report.year, &mut errors);
        let report = report(&doc, raw.report, &mut errors);
        // `Some(None)`: no safety block; `None`: a block with errors.
        let safety = match raw.safety {
            None => Some(None),
            Some(s) => safety(&doc, s, &mut errors).map(Some),
        };
        if !crate::id::is_valid(&raw.theme) {
            errors.push(at(&doc, &["theme"], format!("theme name `{}` must be a folder name under `themes/`: {}", raw.theme, crate::id::RULE)));
        }
        let (Some(base_url), Some(report), Some(safety)) = (base_url, report, safety) else { return Err(errors) };
        errors.finish(Config {
            file: file.clone(),
            base_url,
            theme: raw.theme,
            languages,
            report,
            safety,
            allow_raw_html: raw.markdown.allow_raw_html,
            search: raw.search,
            pdf,
        })
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

/// A diagnostic at the value of a key path of the config (`["report", "published"]`).
fn at(doc: &Doc, keys: &[&str], message: String) -> Diagnostic {
    let path: Vec<Step> = keys.iter().map(|k| Step::Key(k)).collect();
    doc.error_at_path(&path, message)
}

/// The languages, valid and distinct, the default one first.
fn languages(doc: &Doc, raw: Vec<RawLanguage>, default: &str, errors: &mut Diagnostics) -> Vec<Language> {
    let lang = |i: usize, key: &str, msg: String| doc.error_at_path(&[Step::Key("languages"), Step::Index(i), Step::Key(key)], msg);
    let mut languages: Vec<Language> = Vec::new();
    for (i, l) in raw.into_iter().enumerate() {
        if !is_language_code(&l.code) {
            errors.push(lang(i, "code", format!("language code `{}` must be lowercase letters and digits, like `kk` or `ru`", l.code)));
            continue;
        }
        if languages.iter().any(|x| x.code == l.code) {
            errors.push(lang(i, "code", format!("language `{}` is listed twice", l.code)));
            continue;
        }
        let Some(locale) = errors.take(LocaleFormatter::new(&l.locale).map_err(|m| lang(i, "locale", m))) else { continue };
        let RawLanguage { code, name, title, subtitle, description, publisher, citation, .. } = l;
        languages.push(Language { code, name, title, subtitle, description, publisher, citation, locale });
    }
    if languages.is_empty() && errors.is_empty() {
        errors.push(at(doc, &["languages"], "at least one language is required".into()));
    }
    match languages.iter().position(|l| l.code == default) {
        Some(i) => languages[..=i].rotate_right(1),
        None if !languages.is_empty() => {
            let codes: Vec<&str> = languages.iter().map(|l| l.code.as_str()).collect();
            let d = at(doc, &["default_language"], format!("default language `{default}` is not one of the configured languages"));
            let hint = did_you_mean(default, codes.iter().copied()).unwrap_or_else(|| format!("configured: {}", codes.join(", ")));
            errors.push(d.with_hint(hint));
        }
        None => {}
    }
    languages
}

fn report(doc: &Doc, raw: RawReport, errors: &mut Diagnostics) -> Option<Report> {
    let date = |key: &str, value: &str| value.parse::<Date>().map_err(|m| at(doc, &["report", key], m));
    let published = errors.take(date("published", &raw.published));
    let updated = match &raw.updated {
        Some(u) => errors.take(date("updated", u)),
        None => published,
    };
    let license_url = match &raw.license_url {
        Some(url) => Some(errors.take(crate::link::web(url).map_err(|m| at(doc, &["report", "license_url"], format!("licence URL {m}"))))?),
        None => None,
    };
    Some(Report { year: raw.year, published: published?, updated: updated?, license: raw.license, license_url })
}

fn safety(doc: &Doc, raw: RawSafety, errors: &mut Diagnostics) -> Option<Safety> {
    let exit_url = match &raw.exit_url {
        Some(url) => errors.take(crate::link::exit(url).map_err(|m| at(doc, &["safety", "exit_url"], format!("quick-exit URL {m}"))))?,
        None => DEFAULT_EXIT_URL.to_string(),
    };
    Some(Safety { exit_url, help_page: raw.help_page })
}

/// The PDF settings: off, or the file name (default `report-<year>`).
fn pdf(doc: &Doc, raw: RawPdf, year: i32, errors: &mut Diagnostics) -> Option<Pdf> {
    if !raw.enabled {
        return None;
    }
    let name = raw.name.unwrap_or_else(|| format!("report-{year}"));
    if !crate::id::is_valid(&name) {
        let d = at(doc, &["pdf", "name"], format!("PDF name `{}` must be a file name: {}", crate::error::visible(&name), crate::id::RULE));
        errors.push(d.with_hint("for example `national-report-2025`; the language and `.pdf` are added"));
        return None;
    }
    Some(Pdf { name })
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
        assert!(c.safety.is_none(), "no safety block, no safety features");
        assert_eq!(c.pdf.as_ref().map(|p| p.path("ru")).as_deref(), Some("ru/report-2025-ru.pdf"), "PDFs are on unless turned off");
        assert!(c.search, "search is on unless turned off");
        assert!(!parse(&format!("{MINIMAL}search: false\n")).ok().unwrap().search);
        let c = parse(&format!("{MINIMAL}safety: {{}}\n")).ok().unwrap();
        assert_eq!(c.safety.map(|s| s.exit_url).as_deref(), Some(DEFAULT_EXIT_URL));
    }

    #[test]
    fn pdfs_can_be_named_or_turned_off() {
        let c = parse(&format!("{MINIMAL}pdf: {{name: dv-2025}}\n")).ok().unwrap();
        assert_eq!(c.pdf.map(|p| p.path("en")).as_deref(), Some("en/dv-2025-en.pdf"));
        let c = parse(&format!("{MINIMAL}pdf: {{enabled: false}}\n")).ok().unwrap();
        assert!(c.pdf.is_none());
        let errs = parse(&format!("{MINIMAL}pdf: {{name: ../x}}\n")).err().unwrap();
        assert_eq!(errs.len(), 1);
        assert!(errs[0].starts_with("baspa.yaml:7:13: PDF name `../x` must be a file name"), "{errs:?}");
    }

    #[test]
    fn errors_when_search_is_not_a_yes_or_no() {
        let errs = parse(&format!("{MINIMAL}search: sometimes\n")).err().unwrap();
        assert_eq!(errs.len(), 1);
        assert!(errs[0].starts_with("baspa.yaml:7:9: "), "{errs:?}");
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
