//! Diagnostics: every problem in user input becomes a [`Diagnostic`] that knows
//! its file, line and column, so editors can jump straight to it. A build
//! collects them all into [`Diagnostics`] and fails once, sorted by place, so a
//! run shows every mistake instead of the first.

use std::fmt;

/// A text file as read from the project, kept so errors can quote its lines.
#[derive(Debug, Clone)]
pub struct SourceText {
    /// Path relative to the project root, with `/` separators (what users see).
    pub path: String,
    pub text: String,
}

impl SourceText {
    pub fn new(path: impl Into<String>, text: impl Into<String>) -> Self {
        SourceText { path: path.into(), text: text.into() }
    }

    /// 1-based line and column (in characters) of a byte offset.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let offset = floor_char_boundary(&self.text, offset.min(self.text.len()));
        let before = &self.text[..offset];
        let line = before.matches('\n').count() + 1;
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let column = before[line_start..].chars().count() + 1;
        (line, column)
    }

    /// A diagnostic pointing at a byte offset of this file.
    pub fn error_at(&self, offset: usize, message: impl Into<String>) -> Diagnostic {
        let (line, column) = self.line_col(offset);
        self.error_at_line(line, column, message)
    }

    /// A diagnostic pointing at a 1-based line and column of this file.
    pub fn error_at_line(&self, line: usize, column: usize, message: impl Into<String>) -> Diagnostic {
        let source_line = self.text.lines().nth(line.saturating_sub(1)).map(|l| l.trim_end_matches('\r').to_string());
        Diagnostic { path: self.path.clone(), position: Some((line, column)), message: message.into(), source_line, hint: None }
    }
}

fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// One problem in the project, with where it is and, when the fix is obvious, how to fix it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub path: String,
    /// 1-based line and column; `None` where no position exists (a missing file, a symlink loop).
    pub position: Option<(usize, usize)>,
    pub message: String,
    pub source_line: Option<String>,
    pub hint: Option<String>,
}

impl Diagnostic {
    /// A problem with a whole file, or a file that has no position to point at.
    pub fn file(path: impl Into<String>, message: impl Into<String>) -> Self {
        Diagnostic { path: path.into(), position: None, message: message.into(), source_line: None, hint: None }
    }

    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    /// The first line alone: `path:line:col: message`, the grep- and editor-friendly part.
    pub fn headline(&self) -> String {
        match self.position {
            Some((line, col)) => format!("{}:{}:{}: {}", self.path, line, col, self.message),
            None => format!("{}: {}", self.path, self.message),
        }
    }

    fn sort_key(&self) -> (&str, usize, usize, &str) {
        let (line, col) = self.position.unwrap_or((0, 0));
        (&self.path, line, col, &self.message)
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.headline())?;
        if let (Some((line, col)), Some(src)) = (self.position, &self.source_line) {
            let number = line.to_string();
            let pad = " ".repeat(number.len());
            let caret_pad: String = src.chars().take(col.saturating_sub(1)).map(|c| if c == '\t' { '\t' } else { ' ' }).collect();
            write!(f, "\n {number} | {src}\n {pad} | {caret_pad}^")?;
        }
        if let Some(hint) = &self.hint {
            write!(f, "\nhint: {hint}")?;
        }
        Ok(())
    }
}

/// All the problems of one run, reported together.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Diagnostics(Vec<Diagnostic>);

impl Diagnostics {
    pub fn new() -> Self {
        Diagnostics(Vec::new())
    }

    pub fn push(&mut self, d: Diagnostic) {
        self.0.push(d);
    }

    pub fn extend(&mut self, other: Diagnostics) {
        self.0.extend(other.0);
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The number of distinct problems (the same one found twice counts once).
    pub fn len(&self) -> usize {
        self.clone().into_sorted().len()
    }

    /// Collect the error of a fallible step and keep going with its value if any.
    pub fn take<T>(&mut self, result: Result<T, Diagnostic>) -> Option<T> {
        result.map_err(|d| self.push(d)).ok()
    }

    /// Sorted by file and position, duplicates removed: the order users read them in.
    pub fn into_sorted(mut self) -> Vec<Diagnostic> {
        self.0.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
        self.0.dedup();
        self.0
    }

    /// `Ok(value)` when nothing went wrong, otherwise every problem.
    pub fn finish<T>(self, value: T) -> Result<T, Diagnostics> {
        if self.is_empty() { Ok(value) } else { Err(self) }
    }
}

impl From<Diagnostic> for Diagnostics {
    fn from(d: Diagnostic) -> Self {
        Diagnostics(vec![d])
    }
}

impl fmt::Display for Diagnostics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, d) in self.clone().into_sorted().iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "error: {d}")?;
        }
        Ok(())
    }
}

/// "did you mean" for a misspelt name among the known ones.
pub fn did_you_mean<'a>(unknown: &str, known: impl IntoIterator<Item = &'a str>) -> Option<String> {
    known
        .into_iter()
        .map(|k| (strsim::jaro_winkler(unknown, k), k))
        .filter(|(score, _)| *score > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, k)| format!("did you mean `{k}`?"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_col_counts_characters_not_bytes() {
        let src = SourceText::new("a.md", "тест\nқазақ тілі");
        assert_eq!(src.line_col(0), (1, 1));
        let offset = src.text.find("тілі").unwrap();
        assert_eq!(src.line_col(offset), (2, 7));
    }

    #[test]
    fn display_quotes_line_with_caret_and_hint() {
        let src = SourceText::new("data/x.yaml", "a: 1\n  valeu: 3\n");
        let d = src.error_at_line(2, 3, "unknown field `valeu`").with_hint("did you mean `value`?");
        assert_eq!(d.to_string(), "data/x.yaml:2:3: unknown field `valeu`\n 2 |   valeu: 3\n   |   ^\nhint: did you mean `value`?");
    }

    #[test]
    fn diagnostics_sort_by_path_then_line() {
        let mut all = Diagnostics::new();
        all.push(Diagnostic { position: Some((9, 1)), ..Diagnostic::file("b", "x") });
        all.push(Diagnostic { position: Some((2, 1)), ..Diagnostic::file("b", "y") });
        all.push(Diagnostic::file("a", "z"));
        let order: Vec<_> = all.into_sorted().into_iter().map(|d| d.message).collect();
        assert_eq!(order, ["z", "y", "x"]);
    }

    #[test]
    fn suggests_close_names_only() {
        assert_eq!(did_you_mean("valeu", ["value", "label"]).as_deref(), Some("did you mean `value`?"));
        assert_eq!(did_you_mean("zzz", ["value", "label"]), None);
    }
}
