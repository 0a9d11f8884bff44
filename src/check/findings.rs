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
        Finding { severity: Severity::Note, diagnostic: Diagnostic::file(path, message) }
    }

    /// The build's format, `error: path:line:col: message` with the line
    /// quoted and a hint; a note about the run has no path.
    pub fn text(&self) -> String {
        let d = &self.diagnostic;
        if d.path.is_empty() {
            return format!("{}: {}", self.severity.label(), d.message);
        }
        format!("{}: {d}", self.severity.label())
    }
}

/// Sorted by file and position (run-wide notes last), duplicates removed.
pub fn sort_and_dedup(findings: &mut Vec<Finding>) {
    findings.sort_by(|a, b| {
        let key = |f: &Finding| (f.diagnostic.path.is_empty(), f.diagnostic.path.clone(), f.diagnostic.position, f.diagnostic.message.clone(), f.severity);
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
                path: Some(d.path.as_str()).filter(|p| !p.is_empty()),
                line: d.position.map(|(l, _)| l),
                column: d.position.map(|(_, c)| c),
                message: &d.message,
                hint: d.hint.as_deref(),
                severity: f.severity,
            }
        })
        .collect();
    serde_json::to_string_pretty(&items).expect("findings serialise to JSON")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::SourceText;

    #[test]
    fn json_has_every_field_and_nulls_for_unknown_positions() {
        let src = SourceText::new("content/en/x.md", "a\nsee [b](b.md)\n");
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
    fn text_uses_the_build_format() {
        let f = Finding::warning(Diagnostic::file("data/x.yaml", "data file is never used"));
        assert_eq!(f.text(), "warning: data/x.yaml: data file is never used");
        assert_eq!(Finding::note("", "skipped").text(), "note: skipped");
    }
}
