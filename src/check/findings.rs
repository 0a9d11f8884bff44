//! What `check` reports: a [`Diagnostic`] with a severity, printed as text
//! (`error: path:line:col: message`, the build's own format) or as JSON for
//! editors and CI annotations.

use serde::Serialize;

use crate::error::Diagnostic;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
    Note,
}

impl Severity {
    fn label(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Note => "note",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    pub severity: Severity,
    pub diagnostic: Diagnostic,
}

impl Finding {
    pub fn error(diagnostic: Diagnostic) -> Self {
        Finding { severity: Severity::Error, diagnostic }
    }

    pub fn warning(diagnostic: Diagnostic) -> Self {
        Finding { severity: Severity::Warning, diagnostic }
    }

    /// A remark about the run itself; `path` may be empty.
    pub fn note(path: &str, message: impl Into<String>) -> Self {
        let diagnostic = if path.is_empty() { Diagnostic::run(message) } else { Diagnostic::file(path, message) };
        Finding { severity: Severity::Note, diagnostic }
    }

    /// The build's format, `error: path:line:col: message` with the line
    /// quoted and a hint; a note about the run has no path.
    pub fn text(&self) -> String {
        format!("{}: {}", self.severity.label(), self.diagnostic)
    }
}

/// Sorted by file and position (run-wide notes last), duplicates removed.
pub fn sort_and_dedup(findings: &mut Vec<Finding>) {
    findings.sort_by(|a, b| {
        let key =
            |f: &Finding| (f.diagnostic.path().is_empty(), f.diagnostic.path().to_string(), f.diagnostic.position(), f.diagnostic.message.clone(), f.severity);
        key(a).cmp(&key(b))
    });
    findings.dedup();
}

#[derive(Serialize)]
struct JsonFinding<'a> {
    path: Option<&'a str>,
    line: Option<usize>,
    column: Option<usize>,
    message: &'a str,
    hint: Option<&'a str>,
    severity: Severity,
}

/// A JSON array of `{path, line, column, message, hint, severity}`.
pub fn json(findings: &[Finding]) -> String {
    let items: Vec<JsonFinding> = findings
        .iter()
        .map(|f| {
            let d = &f.diagnostic;
            JsonFinding {
                path: Some(d.path()).filter(|p| !p.is_empty()),
                line: d.position().map(|(l, _)| l),
                column: d.position().map(|(_, c)| c),
                message: &d.message,
                hint: d.hint.as_deref(),
                severity: f.severity,
            }
        })
        .collect();
    serde_json::to_string_pretty(&items).expect("findings serialise to JSON")
}

/// GitHub workflow commands, one per line (`::error file=…,line=…,col=…::message`),
/// so problems show on the pull request's changed lines. Values are escaped
/// as the runner expects (`%`, CR, LF; also `:` and `,` in properties).
pub fn github(findings: &[Finding]) -> String {
    let mut out = String::new();
    for f in findings {
        let d = &f.diagnostic;
        let command = match f.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Note => "notice",
        };
        let mut props = Vec::new();
        if !d.path().is_empty() {
            props.push(format!("file={}", escape_property(d.path())));
        }
        if let Some((line, col)) = d.position() {
            props.push(format!("line={line},col={col}"));
        }
        let mut message = crate::error::visible(&d.message);
        if let Some(hint) = &d.hint {
            message += &format!("\nhint: {}", crate::error::visible(hint));
        }
        let props = if props.is_empty() { String::new() } else { format!(" {}", props.join(",")) };
        out += &format!("::{command}{props}::{}\n", escape_data(&message));
    }
    out
}

fn escape_data(s: &str) -> String {
    s.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A")
}

fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::SourceText;

    #[test]
    fn json_has_every_field_and_nulls_for_unknown_positions() {
        let src = SourceText::shared("content/en/x.md", "a\nsee [b](b.md)\n");
        let located = Finding::error(src.error_at(6, "link to unknown page `b.md`").with_hint("did you mean `a.md`?"));
        let whole = Finding::warning(Diagnostic::file("content/ru/x.md", "translation may be stale"));
        let value: serde_json::Value = serde_json::from_str(&json(&[located, whole])).unwrap();
        assert_eq!(
            value,
            serde_json::json!([
                {"path": "content/en/x.md", "line": 2, "column": 5, "message": "link to unknown page `b.md`", "hint": "did you mean `a.md`?", "severity": "error"},
                {"path": "content/ru/x.md", "line": null, "column": null, "message": "translation may be stale", "hint": null, "severity": "warning"}
            ])
        );
    }

    #[test]
    fn github_commands_carry_file_line_column_and_escape_values() {
        let src = SourceText::shared("content/en/a,b.md", "a\nsee [b](b.md)\n");
        let located = Finding::error(src.error_at(6, "link to unknown page `b.md`: 100%").with_hint("did you mean `a.md`?"));
        let whole = Finding::warning(Diagnostic::file("content/ru/x.md", "translation may be stale"));
        let note = Finding::note("", "links were not checked");
        assert_eq!(
            github(&[located, whole, note]),
            "::error file=content/en/a%2Cb.md,line=2,col=5::link to unknown page `b.md`: 100%25%0Ahint: did you mean `a.md`?\n\
             ::warning file=content/ru/x.md::translation may be stale\n\
             ::notice::links were not checked\n"
        );
    }

    #[test]
    fn text_uses_the_build_format() {
        let f = Finding::warning(Diagnostic::file("data/x.yaml", "data file is never used"));
        assert_eq!(f.text(), "warning: data/x.yaml: data file is never used");
        assert_eq!(Finding::note("", "skipped").text(), "note: skipped");
    }
}
