//! Diagnostics: every problem in user input becomes a [`Diagnostic`] born
//! with its place — a byte range of a named source ([`Span`]), or a whole
//! file — resolved to `path:line:col` only when printed, so editors can jump
//! straight to it and the whole token is underlined. A run collects them all
//! into [`Diagnostics`] and fails once, sorted by place, so a run shows every
//! mistake instead of the first; each file's list is capped, so a hostile
//! file cannot flood the terminal or the memory.

use std::collections::{BTreeMap, HashSet};
use std::fmt;
use std::ops::Range;
use std::sync::{Arc, OnceLock};

/// Errors listed per file before "and N more".
pub const MAX_PER_FILE: usize = 50;
/// Longer source lines are quoted around the column only.
const QUOTE_WIDTH: usize = 100;

/// A text file as read from the project, kept so errors can quote its lines.
#[derive(Debug, Clone)]
pub struct SourceText {
    /// Path relative to the project root, with `/` separators (what users see).
    pub path: String,
    pub text: String,
    /// Byte offsets where lines start, computed on the first error.
    lines: OnceLock<Vec<usize>>,
}

/// A source shared by the model and by the diagnostics that point into it.
pub type Source = Arc<SourceText>;

impl SourceText {
    pub fn new(path: impl Into<String>, text: impl Into<String>) -> Self {
        SourceText { path: path.into(), text: text.into(), lines: OnceLock::new() }
    }

    pub fn shared(path: impl Into<String>, text: impl Into<String>) -> Source {
        Arc::new(SourceText::new(path, text))
    }

    fn line_starts(&self) -> &[usize] {
        self.lines.get_or_init(|| std::iter::once(0).chain(self.text.match_indices('\n').map(|(i, _)| i + 1)).collect())
    }

    /// 0-based line index and the byte range of that line (without its newline).
    fn line_of(&self, offset: usize) -> (usize, Range<usize>) {
        let starts = self.line_starts();
        let index = starts.partition_point(|&s| s <= offset).saturating_sub(1);
        let start = starts.get(index).copied().unwrap_or(0);
        let end = starts.get(index + 1).map_or(self.text.len(), |next| next - 1);
        (index, start..end.max(start))
    }

    /// 1-based line and column (in characters) of a byte offset.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let offset = floor_char_boundary(&self.text, offset.min(self.text.len()));
        let (index, line) = self.line_of(offset);
        (index + 1, self.text[line.start..offset].chars().count() + 1)
    }

    /// Byte offset of a 1-based line and column (in characters), clamped to the text.
    pub fn offset_of(&self, line: usize, column: usize) -> usize {
        let starts = self.line_starts();
        let Some(&start) = starts.get(line.saturating_sub(1)) else { return self.text.len() };
        let end = starts.get(line).map_or(self.text.len(), |next| next - 1);
        let text = &self.text[start..end.max(start)];
        start + text.char_indices().nth(column.saturating_sub(1)).map_or(text.len(), |(i, _)| i)
    }

    /// The span of the token that starts at `offset` (see [`Span::token`]).
    pub fn token(self: &Arc<Self>, offset: usize) -> Span {
        Span::token(self.clone(), offset)
    }

    /// A diagnostic underlining the token at a byte offset of this file.
    pub fn error_at(self: &Arc<Self>, offset: usize, message: impl Into<String>) -> Diagnostic {
        Diagnostic::at(self.token(offset), message)
    }

    /// A diagnostic underlining a byte range of this file.
    pub fn error_in(self: &Arc<Self>, range: Range<usize>, message: impl Into<String>) -> Diagnostic {
        Diagnostic::at(Span::new(self.clone(), range), message)
    }
}

fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// A byte range of a source: where a problem is.
#[derive(Debug, Clone)]
pub struct Span {
    pub source: Source,
    pub range: Range<usize>,
}

impl Span {
    /// Clamped to the text and to character boundaries, so it can always be sliced.
    pub fn new(source: Source, range: Range<usize>) -> Span {
        let start = floor_char_boundary(&source.text, range.start);
        let end = floor_char_boundary(&source.text, range.end.max(start));
        Span { source, range: start..end }
    }

    /// The token starting at `offset`: a quoted string up to its closing
    /// quote, a `{{ … }}` up to its braces, otherwise the run of characters up
    /// to the next space or YAML/Markdown delimiter on the same line.
    pub fn token(source: Source, offset: usize) -> Span {
        let start = floor_char_boundary(&source.text, offset);
        let rest = &source.text[start..];
        let line = rest.split('\n').next().unwrap_or("");
        let len = match line.chars().next() {
            Some(c) if c.is_whitespace() => c.len_utf8(),
            Some(q @ ('"' | '\'')) => line[1..].find(q).map_or(line.len(), |i| i + 2),
            Some('{') if line.starts_with("{{") => line.find("}}").map_or(line.len(), |i| i + 2),
            Some(open @ ('{' | '[')) => {
                // A flow mapping or list, to its matching bracket on this line.
                let close = if open == '{' { '}' } else { ']' };
                let mut depth = 0usize;
                line.char_indices()
                    .find_map(|(i, c)| {
                        if c == open {
                            depth += 1;
                        } else if c == close {
                            depth -= 1;
                            if depth == 0 {
                                return Some(i + 1);
                            }
                        }
                        None
                    })
                    .unwrap_or(line.len())
            }
            Some(_) => {
                let key_end = line.find(": ").or_else(|| line.strip_suffix(':').map(str::len));
                let end = line.find(|c: char| c.is_whitespace() || matches!(c, ',' | ']' | '}' | '#')).filter(|&i| i > 0).unwrap_or(line.len());
                key_end.filter(|&k| k > 0 && k < end).unwrap_or(end)
            }
            None => 0,
        };
        Span::new(source, start..start + len)
    }
}

/// Where a problem is: a span of a source, a whole file, or the run itself.
#[derive(Debug, Clone)]
pub enum Place {
    Span(Span),
    /// A problem with a whole file, or with something that has no text to
    /// point into (a missing file, a symlink loop, a command-line option).
    File(String),
    /// A remark about the run, with no file (check's notes).
    Run,
    /// A consequence of a problem already reported at its cause (a
    /// reference to a data file that could not be read): never shown.
    Reported,
}

/// One problem in the project, with where it is and, when the fix is obvious, how to fix it.
#[derive(Debug, Clone)]
pub struct Diagnostic {
    pub place: Place,
    pub message: String,
    pub hint: Option<String>,
}

impl Diagnostic {
    pub fn at(span: Span, message: impl Into<String>) -> Self {
        Diagnostic { place: Place::Span(span), message: message.into(), hint: None }
    }

    /// A problem with a whole file, or a file that has no position to point at.
    pub fn file(path: impl Into<String>, message: impl Into<String>) -> Self {
        Diagnostic { place: Place::File(path.into()), message: message.into(), hint: None }
    }

    /// What follows from a problem reported elsewhere; [`Diagnostics`] drops it.
    pub fn reported() -> Self {
        Diagnostic { place: Place::Reported, message: String::new(), hint: None }
    }

    /// A remark about the run as a whole.
    pub fn run(message: impl Into<String>) -> Self {
        Diagnostic { place: Place::Run, message: message.into(), hint: None }
    }

    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    pub fn with_hint_opt(mut self, hint: Option<String>) -> Self {
        self.hint = hint.or(self.hint);
        self
    }

    /// The file the problem is in; empty for a remark about the run.
    pub fn path(&self) -> &str {
        match &self.place {
            Place::Span(s) => &s.source.path,
            Place::File(p) => p,
            Place::Run | Place::Reported => "",
        }
    }

    /// 1-based line and column, where the problem has a position.
    pub fn position(&self) -> Option<(usize, usize)> {
        match &self.place {
            Place::Span(s) => Some(s.source.line_col(s.range.start)),
            _ => None,
        }
    }

    /// The first line alone: `path:line:col: message`, the grep- and editor-friendly part.
    pub fn headline(&self) -> String {
        let message = visible(&self.message);
        match (self.position(), &self.place) {
            (Some((line, col)), _) => format!("{}:{}:{}: {message}", visible(self.path()), line, col),
            (None, Place::Run) => message,
            (None, _) => format!("{}: {message}", visible(self.path())),
        }
    }

    fn offset(&self) -> usize {
        match &self.place {
            Place::Span(s) => s.range.start,
            _ => 0,
        }
    }

    /// Notes about the run sort last; then by file, position and message.
    fn sort_key(&self) -> (bool, &str, bool, usize, &str) {
        (matches!(self.place, Place::Run), self.path(), matches!(self.place, Place::Span(_)), self.offset(), &self.message)
    }

    fn identity(&self) -> (String, usize, String) {
        (self.path().to_string(), self.offset(), self.message.clone())
    }

    /// The quoted line and the underline below it, cut around the column
    /// when the line is long.
    fn quote(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let Place::Span(span) = &self.place else { return Ok(()) };
        let src = &span.source;
        let (index, line) = src.line_of(span.range.start);
        let text = &src.text[line.clone()];
        let chars: Vec<char> = text.chars().collect();
        let col = src.text[line.start..span.range.start].chars().count();
        let width = src.text[span.range.start..span.range.end.min(line.end).max(span.range.start)].chars().count().max(1);
        let from = col.saturating_sub(QUOTE_WIDTH / 2).min(chars.len().saturating_sub(QUOTE_WIDTH));
        let to = (from + QUOTE_WIDTH).min(chars.len());
        let (lead, tail) = (if from > 0 { "…" } else { "" }, if to < chars.len() { "…" } else { "" });
        let shown: String = chars[from..to].iter().map(|&c| if c.is_control() { ' ' } else { c }).collect();
        let number = (index + 1).to_string();
        let pad = " ".repeat(number.len());
        let caret_pad = " ".repeat(col - from + lead.chars().count());
        let carets = "^".repeat(width.min(to.saturating_sub(col)).max(1));
        write!(f, "\n {number} | {lead}{shown}{tail}\n {pad} | {caret_pad}{carets}")
    }
}

impl PartialEq for Diagnostic {
    fn eq(&self, other: &Self) -> bool {
        self.identity() == other.identity() && self.hint == other.hint
    }
}

impl Eq for Diagnostic {}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.headline())?;
        self.quote(f)?;
        if let Some(hint) = &self.hint {
            write!(f, "\nhint: {}", visible(hint))?;
        }
        Ok(())
    }
}

/// Text from sources as it may reach a terminal: control characters
/// (escape sequences, bells, line breaks that would split a message) are
/// shown as `\u{1b}` rather than obeyed.
pub fn visible(text: &str) -> String {
    if !text.chars().any(char::is_control) {
        return text.to_string();
    }
    text.chars().map(|c| if c.is_control() { format!("\\u{{{:x}}}", c as u32) } else { c.to_string() }).collect()
}

/// All the problems of one run, reported together: duplicates dropped,
/// at most [`MAX_PER_FILE`] per file kept, the rest counted.
#[derive(Debug, Clone, Default)]
pub struct Diagnostics {
    items: Vec<Diagnostic>,
    seen: HashSet<(String, usize, String)>,
    per_file: BTreeMap<String, usize>,
    /// Problems beyond the cap, by file.
    more: BTreeMap<String, usize>,
}

impl Diagnostics {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn push(&mut self, d: Diagnostic) {
        if matches!(d.place, Place::Reported) {
            return;
        }
        if !self.seen.insert(d.identity()) {
            return;
        }
        let count = self.per_file.entry(d.path().to_string()).or_default();
        *count += 1;
        if *count > MAX_PER_FILE && !matches!(d.place, Place::Run) {
            *self.more.entry(d.path().to_string()).or_default() += 1;
            return;
        }
        self.items.push(d);
    }

    pub fn extend(&mut self, other: impl IntoIterator<Item = Diagnostic>) {
        for d in other {
            self.push(d);
        }
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// The number of distinct problems, those beyond the cap included.
    pub fn len(&self) -> usize {
        self.items.len() + self.more.values().sum::<usize>()
    }

    /// Collect the error of a fallible step and keep going with its value if any.
    pub fn take<T>(&mut self, result: Result<T, Diagnostic>) -> Option<T> {
        result.map_err(|d| self.push(d)).ok()
    }

    /// Like [`take`](Self::take), for steps that report several problems.
    pub fn take_all<T>(&mut self, result: Result<T, Diagnostics>) -> Option<T> {
        result.map_err(|d| self.merge(d)).ok()
    }

    /// Add another run's problems, keeping its count of those beyond the cap
    /// (extending with its items alone would lose them).
    pub fn merge(&mut self, other: Diagnostics) {
        for d in other.items {
            self.push(d);
        }
        for (path, n) in other.more {
            *self.per_file.entry(path.clone()).or_default() += n;
            *self.more.entry(path).or_default() += n;
        }
    }

    /// Sorted by file and position, the order users read them in; each
    /// capped file ends with a line saying how many more it has.
    pub fn into_sorted(self) -> Vec<Diagnostic> {
        let mut items = self.items;
        items.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
        for (path, n) in self.more {
            let more = plural(n, "more problem", "more problems");
            let d = Diagnostic { place: Place::File(path), message: format!("… and {more} in this file (the first {MAX_PER_FILE} are listed)"), hint: None };
            let after = items.iter().rposition(|i| i.path() == d.path()).map_or(items.len(), |i| i + 1);
            items.insert(after, d);
        }
        items
    }

    /// `Ok(value)` when nothing went wrong, otherwise every problem.
    pub fn finish<T>(self, value: T) -> Result<T, Diagnostics> {
        if self.is_empty() { Ok(value) } else { Err(self) }
    }
}

impl IntoIterator for Diagnostics {
    type Item = Diagnostic;
    type IntoIter = std::vec::IntoIter<Diagnostic>;

    /// In the order of [`Diagnostics::into_sorted`].
    fn into_iter(self) -> Self::IntoIter {
        self.into_sorted().into_iter()
    }
}

impl From<Diagnostic> for Diagnostics {
    fn from(d: Diagnostic) -> Self {
        let mut all = Diagnostics::new();
        all.push(d);
        all
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

/// `1 error`, `2 errors`: counts in messages (English, like all messages).
pub fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
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
        assert_eq!(src.offset_of(2, 7), offset);
        assert_eq!(src.line_col(src.text.len() + 10), (2, 11), "past the end is clamped");
    }

    #[test]
    fn display_quotes_line_underlines_the_token_and_hints() {
        let src = SourceText::shared("data/x.yaml", "a: 1\n  valeu: 3\n");
        let d = src.error_at(7, "unknown field `valeu`").with_hint("did you mean `value`?");
        assert_eq!(d.to_string(), "data/x.yaml:2:3: unknown field `valeu`\n 2 |   valeu: 3\n   |   ^^^^^\nhint: did you mean `value`?");
    }

    #[test]
    fn long_lines_are_quoted_around_the_column() {
        let line = format!("{}BAD{}", "a ".repeat(500), " b".repeat(500));
        let src = SourceText::shared("x.md", line.clone());
        let d = src.error_at(1000, "here");
        let text = d.to_string();
        let quoted = text.lines().nth(1).unwrap();
        assert!(quoted.chars().count() < 120 && quoted.contains("BAD") && quoted.contains('…'), "{quoted}");
        let carets = text.lines().nth(2).unwrap();
        assert_eq!(carets.find('^').map(|i| quoted.chars().take(i).count()), quoted.find("BAD").map(|i| quoted[..i].chars().count()));
    }

    #[test]
    fn control_characters_from_sources_are_shown_not_obeyed() {
        let src = SourceText::shared("x.md", "a \u{1b}[2J b\u{7}\n");
        let d = src.error_at(2, "bad `\u{1b}[2J`").with_hint("\u{7}");
        let text = d.to_string();
        assert!(!text.contains('\u{1b}') && !text.contains('\u{7}'), "{text:?}");
        assert!(text.contains("bad `\\u{1b}[2J`"), "{text}");
    }

    #[test]
    fn diagnostics_sort_by_path_then_line_and_notes_last() {
        let b = SourceText::shared("b", "x\ny\nz\n");
        let mut all = Diagnostics::new();
        all.push(Diagnostic::run("note"));
        all.push(b.error_at(4, "x"));
        all.push(b.error_at(2, "y"));
        all.push(Diagnostic::file("a", "z"));
        all.push(b.error_at(2, "y"));
        let order: Vec<_> = all.into_sorted().into_iter().map(|d| d.message).collect();
        assert_eq!(order, ["z", "y", "x", "note"]);
    }

    #[test]
    fn each_file_lists_at_most_the_cap_then_counts() {
        let src = SourceText::shared("big.md", "x".repeat(200));
        let mut all = Diagnostics::new();
        for i in 0..120 {
            all.push(src.error_at(i, "bad"));
        }
        assert_eq!(all.len(), 120);
        let sorted = all.into_sorted();
        assert_eq!(sorted.len(), MAX_PER_FILE + 1);
        assert_eq!(sorted.last().unwrap().headline(), "big.md: … and 70 more problems in this file (the first 50 are listed)");
    }

    #[test]
    fn counts_read_naturally() {
        assert_eq!(plural(1, "error", "errors"), "1 error");
        assert_eq!(plural(0, "error", "errors"), "0 errors");
    }

    #[test]
    fn suggests_close_names_only() {
        assert_eq!(did_you_mean("valeu", ["value", "label"]).as_deref(), Some("did you mean `value`?"));
        assert_eq!(did_you_mean("zzz", ["value", "label"]), None);
    }
}
