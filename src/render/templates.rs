//! The one owner of the Tera instance: theme templates are parsed once per
//! build, and template errors become located diagnostics
//! (`themes/default/templates/page.html:12:5`).

use std::collections::HashSet;

use tera::{Context, ErrorKind, Tera};

use crate::error::{Diagnostic, Diagnostics, Source};

pub struct Templates {
    tera: Tera,
    sources: Vec<Source>,
    prefix: String,
}

impl Templates {
    /// Parse every template of the theme; all syntax errors are reported.
    pub fn load(sources: &[Source], theme: &str) -> Result<Templates, Diagnostics> {
        let prefix = format!("themes/{theme}/templates/");
        let mut tera = Tera::default();
        let named: Vec<(String, &str)> = sources.iter().map(|s| (s.path.trim_start_matches(&prefix).to_string(), s.text.as_str())).collect();
        let templates = Templates { tera: Tera::default(), sources: sources.to_vec(), prefix };
        // Add one by one first so every broken template is reported, then
        // all together so inheritance between them resolves.
        let mut errors = Diagnostics::new();
        for (name, text) in &named {
            let mut probe = Tera::default();
            if let Err(e) = probe.add_raw_template(name, text)
                && matches!(e.kind(), ErrorKind::SyntaxError(_))
            {
                errors.push(templates.diagnostic(name, &e));
            }
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        if let Err(e) = tera.add_raw_templates(named.iter().map(|(n, t)| (n.as_str(), *t))) {
            // Errors across templates (inheritance) name the template in the message.
            let name = named.iter().map(|(n, _)| n.as_str()).find(|n| e.to_string().contains(&format!("'{n}'")) || e.to_string().contains(&format!("`{n}`")));
            return Err(templates.diagnostic(name.unwrap_or(""), &e).into());
        }
        Ok(Templates { tera, ..templates })
    }

    /// The ids the templates set literally (`id="main"`): headings must not take them.
    pub fn ids(&self) -> HashSet<String> {
        self.sources.iter().flat_map(|s| super::markdown::template_ids(&s.text).collect::<Vec<_>>()).collect()
    }

    pub fn has(&self, name: &str) -> bool {
        self.tera.contains_template(name)
    }

    pub fn render(&self, name: &str, context: &Context) -> Result<String, Diagnostic> {
        self.tera.render(name, context).map_err(|e| self.diagnostic(name, &e))
    }

    fn diagnostic(&self, name: &str, e: &tera::Error) -> Diagnostic {
        match e.kind() {
            ErrorKind::SyntaxError(r) | ErrorKind::RenderingError(r) => {
                let file = if r.filename().is_empty() { name } else { r.filename() };
                let path = format!("{}{file}", self.prefix);
                let span = r.span();
                let message = first_line(r.message());
                match self.sources.iter().find(|s| s.path == path) {
                    Some(src) => src.error_at(src.offset_of(span.start_line, span.start_col + 1), message),
                    None => Diagnostic::file(path, message),
                }
            }
            _ => {
                let path = if name.is_empty() { self.prefix.trim_end_matches('/').to_string() } else { format!("{}{name}", self.prefix) };
                Diagnostic::file(path, first_line(&e.to_string()))
            }
        }
    }
}

/// The message's first line, lowercase first letter, without a leading
/// "error:" (the report adds its own).
fn first_line(s: &str) -> String {
    let line = s.lines().next().unwrap_or(s).trim();
    let line = ["Error: ", "error: "].iter().find_map(|p| line.strip_prefix(p)).unwrap_or(line);
    let mut chars = line.chars();
    match chars.next() {
        Some(c) => c.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn load(text: &str) -> Result<Templates, Diagnostics> {
        Templates::load(&[crate::error::SourceText::shared("themes/t/templates/page.html", text)], "t")
    }

    #[test]
    fn syntax_errors_carry_the_template_line() {
        let errs = load("<p>\n{{ page.title </p>").err().unwrap().into_sorted();
        assert!(errs[0].headline().starts_with("themes/t/templates/page.html:2:"), "{}", errs[0]);
    }

    #[test]
    fn undefined_variables_carry_the_template_line() {
        let t = load("<p>\n  {{ nothing.here }}</p>").ok().unwrap();
        let e = t.render("page.html", &Context::new()).unwrap_err();
        assert!(e.headline().starts_with("themes/t/templates/page.html:2:"), "{}", e.headline());
    }
}
