//! Splitting a page into its YAML front matter and Markdown body.

use std::ops::Range;

use crate::error::{Diagnostic, Source};

/// Byte ranges of the front matter (between the `---` lines) and the body.
pub fn split(file: &Source) -> Result<(Range<usize>, usize), Diagnostic> {
    let text = &file.text;
    let Some(rest) = text.strip_prefix("---\n").or_else(|| (text == "---").then_some("")) else {
        let hint = "start the file with a `---` line, the page's `title:` and friends, and another `---` line";
        return Err(file.error_at(0, "missing front matter").with_hint(hint));
    };
    let start = text.len() - rest.len();
    let mut offset = start;
    for line in rest.split_inclusive('\n') {
        if line.trim_end() == "---" {
            return Ok((start..offset, offset + line.len()));
        }
        offset += line.len();
    }
    Err(file.error_at(0, "front matter has no closing `---` line").with_hint("add a line with `---` after the front matter"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_front_matter_from_body() {
        let f = crate::error::SourceText::shared("a.md", "---\ntitle: A\n---\nBody\n");
        let (fm, body) = split(&f).unwrap();
        assert_eq!(&f.text[fm], "title: A\n");
        assert_eq!(&f.text[body..], "Body\n");
    }

    #[test]
    fn unclosed_front_matter_is_an_error() {
        let f = crate::error::SourceText::shared("a.md", "---\ntitle: A\nBody\n");
        assert_eq!(split(&f).unwrap_err().headline(), "a.md:1:1: front matter has no closing `---` line");
    }

    #[test]
    fn missing_front_matter_is_an_error() {
        let f = crate::error::SourceText::shared("a.md", "# Title\n");
        assert_eq!(split(&f).unwrap_err().headline(), "a.md:1:1: missing front matter");
    }
}
