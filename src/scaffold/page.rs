//! `baspa new page <slug>`: one new page in every configured language at
//! once, numbered after the last page, so translations stay complete (a page
//! missing in one language is a build error) and the menu order is obvious.

use std::path::{Path, PathBuf};

use serde::Deserialize;

use super::files::write_new;
use crate::config::Config;
use crate::error::{Diagnostic, Diagnostics};
use crate::{load, parse, yaml};

/// What `new_page` wrote.
pub struct NewPage {
    pub order: i64,
    /// `content/<lang>/NN-<slug>.md`, one per language, in config order.
    pub files: Vec<String>,
}

#[derive(Deserialize, Default)]
struct OrderAndSlug {
    #[serde(default)]
    order: i64,
    slug: Option<String>,
}

/// An existing page: its path, its `order`, and its URL slug.
struct Existing {
    path: String,
    order: i64,
    slug: String,
}

pub fn new_page(root: &Path, slug: &str) -> Result<NewPage, Diagnostics> {
    if !crate::id::is_valid(slug) {
        let d = Diagnostic::file("slug", format!("`{slug}` is not a valid page slug: use {}", crate::id::RULE));
        return Err(d.with_hint("for example `baspa new page methods`").into());
    }
    let config_text = load::config(&load::Root::new(root)?)?;
    let config = Config::parse(&config_text, None)?;
    let existing = existing_pages(root, &config)?;
    if let Some(taken) = existing.iter().find(|p| p.slug == slug) {
        let d = Diagnostic::file(&taken.path, format!("a page with the slug `{slug}` exists already"));
        return Err(d.with_hint("choose another slug, or edit this page").into());
    }
    let order = existing.iter().map(|p| p.order).max().unwrap_or(0) + 1;
    let name = format!("{order:02}-{slug}.md");
    let mut files = Vec::new();
    for lang in &config.languages {
        let rel = format!("content/{}/{name}", lang.code);
        write_new(root, &rel, page_text(&lang.code, order).as_bytes())?;
        files.push(rel);
    }
    Ok(NewPage { order, files })
}

/// Every page of every language, with the highest of its file-name prefix
/// and its `order:` as its order (editors number files, the menu reads
/// `order:`; the next page must come after both).
fn existing_pages(root: &Path, config: &Config) -> Result<Vec<Existing>, Diagnostics> {
    let mut pages = Vec::new();
    for lang in &config.languages {
        let dir: PathBuf = root.join("content").join(&lang.code);
        let Ok(entries) = std::fs::read_dir(&dir) else { continue };
        for entry in entries.flatten() {
            let path = entry.path();
            let Some(key) = path.file_name().and_then(|n| n.to_str()).and_then(|n| n.strip_suffix(".md")) else { continue };
            if key == "_index" {
                continue;
            }
            let shown = load::display(root, &path);
            let text = std::fs::read_to_string(&path).map_err(|e| Diagnostic::file(&shown, format!("cannot be read: {}", e.kind())))?;
            let front = front_matter(&shown, &text);
            let prefix: i64 = key.chars().take_while(char::is_ascii_digit).collect::<String>().parse().unwrap_or(0);
            let slug = front.slug.unwrap_or_else(|| parse::default_slug(key));
            pages.push(Existing { path: shown, order: front.order.max(prefix), slug });
        }
    }
    Ok(pages)
}

/// The fields that matter here; a page whose front matter does not parse
/// counts as order 0 (the build reports it).
fn front_matter(path: &str, text: &str) -> OrderAndSlug {
    let source = crate::error::SourceText::shared(path, text.replace("\r\n", "\n"));
    match parse::split_front_matter(&source) {
        Ok((range, _)) => yaml::Doc::part(&source, range).parse().unwrap_or_default(),
        Err(_) => OrderAndSlug::default(),
    }
}

fn page_text(lang: &str, order: i64) -> String {
    let (title, body) = placeholder(lang);
    format!("---\ntitle: {title}\ndescription: \"\"\norder: {order}\n---\n\n{body}\n")
}

/// The title and first line a new page starts with, by language: `check`
/// warns about pages that still carry them.
pub const PLACEHOLDERS: [(&str, &str, &str); 3] = [
    ("ru", "Новая страница", "Напишите здесь текст страницы."),
    ("kk", "Жаңа бет", "Беттің мәтінін осында жазыңыз."),
    ("en", "New page", "Write the page here."),
];

/// A title and a first line in the page's language (its primary subtag).
fn placeholder(lang: &str) -> (&'static str, &'static str) {
    let primary = lang.split('-').next().unwrap_or(lang);
    let (_, title, body) = PLACEHOLDERS.iter().find(|p| p.0 == primary).unwrap_or(&PLACEHOLDERS[2]);
    (title, body)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn new_pages_come_after_the_highest_order_or_prefix() {
        let dir = tempfile::tempdir().unwrap();
        super::super::new_site(dir.path()).ok().unwrap();
        std::fs::write(dir.path().join("content/en/07-late.md"), "---\ntitle: Late\norder: 3\n---\n").unwrap();
        let made = new_page(dir.path(), "extra").ok().unwrap();
        assert_eq!(made.order, 8);
        assert_eq!(made.files, ["content/en/08-extra.md", "content/ru/08-extra.md"]);
        let ru = std::fs::read_to_string(dir.path().join("content/ru/08-extra.md")).unwrap();
        assert!(ru.contains("title: Новая страница\n") && ru.contains("order: 8\n"), "{ru}");
    }

    #[test]
    fn refuses_a_slug_in_use() {
        let dir = tempfile::tempdir().unwrap();
        super::super::new_site(dir.path()).ok().unwrap();
        let e = new_page(dir.path(), "calls").err().unwrap().into_sorted();
        assert_eq!(e[0].headline(), "content/en/01-calls.md: a page with the slug `calls` exists already");
    }
}
