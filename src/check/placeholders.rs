//! Pages still carrying what `baspa new page` wrote: the placeholder title
//! ("New page") or first line ("Write the page here."). A build accepts them
//! (a page may be drafted in steps), but a release should not go out with
//! them, so `check` warns (an error with `--strict`).

use super::findings::Finding;
use crate::error::Source;
use crate::scaffold::page::PLACEHOLDERS;

pub fn check(pages: &[Source], strict: bool) -> Vec<Finding> {
    let mut findings = Vec::new();
    for page in pages {
        for (line_start, line) in lines(&page.text) {
            let Some((what, at)) = placeholder_in(line) else { continue };
            let d = page.error_in(line_start + at..line_start + line.len(), format!("the page still has the {what} of `baspa new page`"));
            let d = d.with_hint(if what == "title" { "give the page its title" } else { "replace it with the page's text" });
            findings.push(if strict { Finding::error(d) } else { Finding::warning(d) });
        }
    }
    findings
}

/// Each line with its byte offset.
fn lines(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.split_inclusive('\n').scan(0, |start, line| {
        let at = *start;
        *start += line.len();
        Some((at, line.trim_end_matches(['\n', '\r'])))
    })
}

/// `("title", column)` for `title: New page`, `("first line", 0)` for the body's.
fn placeholder_in(line: &str) -> Option<(&'static str, usize)> {
    for (_, title, body) in PLACEHOLDERS {
        if line.trim() == body {
            return Some(("first line", line.len() - line.trim_start().len()));
        }
        if let Some(value) = line.strip_prefix("title:")
            && value.trim().trim_matches(['"', '\'']) == title
        {
            return Some(("title", "title:".len() + value.len() - value.trim_start().len()));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::SourceText;

    #[test]
    fn finds_the_title_and_first_line_a_new_page_starts_with() {
        let page = SourceText::shared("content/ru/03-x.md", "---\ntitle: Новая страница\norder: 3\n---\n\nНапишите здесь текст страницы.\n");
        let found: Vec<String> = check(&[page], false).iter().map(Finding::text).collect();
        assert_eq!(found.len(), 2);
        assert!(found[0].starts_with("warning: content/ru/03-x.md:2:8: the page still has the title of `baspa new page`"), "{}", found[0]);
        assert!(found[1].starts_with("warning: content/ru/03-x.md:6:1: the page still has the first line"), "{}", found[1]);
    }

    #[test]
    fn written_pages_pass_and_strict_makes_it_an_error() {
        let page = SourceText::shared("content/en/03-x.md", "---\ntitle: New page on funding\n---\n\nWrite the page here.\n");
        let found = check(&[page], true);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].severity, super::super::findings::Severity::Error);
    }
}
