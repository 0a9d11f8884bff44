//! The one owner of the Tera instance: theme templates are parsed once per
//! build, and template errors become located diagnostics
//! (`themes/default/templates/page.html:12:5`).

use tera::{Context, ErrorKind, Tera};

use crate::error::{Diagnostic, Diagnostics, SourceText};

pub struct Templates {
    tera: Tera,
    sources: Vec<SourceText>,
    prefix: String,
}

impl Templates {
    /// Parse every template of the theme; all syntax errors are reported.
    pub fn load(sources: &[SourceText], theme: &str) -> Result<Templates, Diagnostics> {
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
            return Err(templates.diagnostic("", &e).into());
        }
        Ok(Templates { tera, ..templates })
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
                    Some(src) => src.error_at_line(span.start_line, span.start_col + 1, message),
                    None => Diagnostic::file(path, message),
                }
            }
            other => Diagnostic::file(format!("{}{name}", self.prefix), first_line(&other.to_string())),
        }
    }
}

fn first_line(s: &str) -> String {
    let line = s.lines().next().unwrap_or(s);
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
        Templates::load(&[SourceText::new("themes/t/templates/page.html", text)], "t")
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
