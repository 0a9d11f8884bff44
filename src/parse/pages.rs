//! Pages: front matter validated, slugs assigned, translations matched.
//! The same file name in two language folders means "translations of one
//! page"; the URL slug is the file name without its ordering prefix, the
//! same in every language, unless front matter sets `slug:`.

use std::collections::{BTreeMap, BTreeSet};

use rayon::prelude::*;
use serde::Deserialize;

use super::frontmatter;
use crate::config::Config;
use crate::error::{Diagnostic, Diagnostics, Source, did_you_mean};
use crate::id::Id;
use crate::locale::Date;
use crate::model::Page;
use crate::yaml::{Doc, Step};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FrontMatter {
    title: String,
    #[serde(default)]
    description: String,
    #[serde(default)]
    order: i64,
    slug: Option<Id>,
    #[serde(default)]
    draft: bool,
    updated: Option<String>,
}

pub fn parse(files: Vec<Source>, config: &Config, drafts: bool) -> (Vec<Page>, Diagnostics) {
    let mut errors = Diagnostics::new();
    // Files that exist count as translations even when they fail to parse:
    // their own error says what is wrong, "missing" would mislead.
    let existing: BTreeSet<String> = files.iter().map(|f| f.path.clone()).collect();
    // Front matter read on every core; the errors stay in the files' order.
    let read: Vec<Result<Page, Diagnostic>> = files.into_par_iter().map(|f| page(f, config)).collect();
    let mut pages: Vec<Page> = read.into_iter().filter_map(|p| errors.take(p)).collect();

    // A page drafted in any language is left out in all, so translations stay complete.
    let drafted: BTreeSet<String> = pages.iter().filter(|p| p.draft).map(|p| p.key.clone()).collect();
    if !drafts {
        pages.retain(|p| !drafted.contains(&p.key));
    }
    check_translations(&pages, &existing, config, &mut errors);
    check_slugs(&pages, config, &mut errors);

    let lang_rank = |code: &str| config.languages.iter().position(|l| l.code == code);
    pages.sort_by(|a, b| (lang_rank(&a.lang), a.order, &a.key).cmp(&(lang_rank(&b.lang), b.order, &b.key)));
    (pages, errors)
}

fn page(source: Source, config: &Config) -> Result<Page, Diagnostic> {
    let parts: Vec<&str> = source.path.split('/').collect();
    let (lang, file) = match parts.as_slice() {
        ["content", lang, file] => (*lang, *file),
        _ => {
            let hint = "pages live in `content/<language>/<name>.md`";
            return Err(Diagnostic::file(&source.path, "page outside a language folder").with_hint(hint));
        }
    };
    if config.language(lang).is_none() {
        let codes = config.language_codes();
        let d = Diagnostic::file(&source.path, format!("`{lang}` is not a configured language"));
        let hint = did_you_mean(lang, codes.iter().map(String::as_str)).unwrap_or_else(|| format!("configured: {}", codes.join(", ")));
        return Err(d.with_hint(hint));
    }
    let key = file.trim_end_matches(".md").to_string();
    let (fm_range, body_start) = frontmatter::split(&source)?;
    let doc = Doc::part(&source, fm_range);
    let fm: FrontMatter = doc.parse()?;
    let at = |key: &str, message: String| doc.error_at_path(&[Step::Key(key)], message);
    let slug = match (fm.slug, key.as_str()) {
        (_, "_index") => String::new(),
        (Some(s), _) => s.to_string(),
        (None, k) => match Id::parse(&default_slug(k)) {
            Ok(id) => id.to_string(),
            Err(_) => {
                let hint = "name page files with lowercase Latin letters, digits and `-`, like `01-current-situation.md`, or set `slug:`";
                return Err(Diagnostic::file(&source.path, format!("cannot make a URL slug from the file name `{file}`")).with_hint(hint));
            }
        },
    };
    let updated = match &fm.updated {
        Some(u) => Some(u.parse::<Date>().map_err(|m| at("updated", m))?),
        None => None,
    };
    if fm.title.trim().is_empty() {
        return Err(at("title", "`title` is empty".into()));
    }
    Ok(Page { lang: lang.to_string(), key, slug, title: fm.title, description: fm.description, order: fm.order, draft: fm.draft, updated, source, body_start })
}

/// `01-current-situation` → `current-situation`: the ordering prefix is for
/// editors' file listings, not for URLs.
pub fn default_slug(key: &str) -> String {
    let trimmed = key.trim_start_matches(|c: char| c.is_ascii_digit());
    let trimmed = if trimmed.len() < key.len() { trimmed.trim_start_matches(['-', '_']) } else { key };
    trimmed.to_string()
}

fn check_translations(pages: &[Page], existing: &BTreeSet<String>, config: &Config, errors: &mut Diagnostics) {
    let mut by_key: BTreeMap<&str, Vec<&Page>> = BTreeMap::new();
    for p in pages {
        by_key.entry(&p.key).or_default().push(p);
    }
    for (key, group) in by_key {
        let present = group[0];
        for lang in &config.languages {
            let missing = format!("content/{}/{key}.md", lang.code);
            if !group.iter().any(|p| p.lang == lang.code) && !existing.contains(&missing) {
                errors.push(
                    Diagnostic::file(&present.source.path, format!("page has no `{}` translation: `{missing}` is missing", lang.code))
                        .with_hint(format!("create `{missing}`, or remove `{}`", present.source.path)),
                );
            }
        }
    }
}

fn check_slugs(pages: &[Page], config: &Config, errors: &mut Diagnostics) {
    let mut seen: BTreeMap<(&str, &str), &Page> = BTreeMap::new();
    for p in pages {
        if config.search && p.slug == crate::search::SLUG {
            let hint = "set another `slug:` in the page's front matter, or turn search off with `search: false` in `baspa.yaml`";
            errors.push(Diagnostic::file(&p.source.path, format!("slug `{}` is taken by the search page", p.slug)).with_hint(hint));
            continue;
        }
        if let Some(first) = seen.insert((&p.lang, &p.slug), p) {
            errors.push(Diagnostic::file(&p.source.path, format!("slug `{}` is already used by `{}`", p.slug, first.source.path)));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slug_drops_the_ordering_prefix() {
        assert_eq!(default_slug("01-current-situation"), "current-situation");
        assert_eq!(default_slug("help"), "help");
        assert_eq!(default_slug("2025-review"), "review");
    }
}
