//! Site-wide files: the language chooser at the root, 404 pages for every
//! language plus a root `404.html` (what static hosts serve), `sitemap.xml`
//! with language alternates, `robots.txt`, and `_headers` with the security
//! policy for hosts that read one (Netlify, Cloudflare Pages).

use std::collections::BTreeMap;

use super::context::{self, Simple};
use super::env::Env;
use super::html::escape;
use super::minify;
use super::pdfs::Link as PdfLink;
use super::templates::Templates;
use crate::error::{Diagnostic, Diagnostics};
use crate::model::OutputFile;
use crate::model::Site;

/// `envs[i]` is the environment of `site.pages[i]`; `pdfs` are the
/// languages' PDFs by language code.
pub fn render(site: &Site, templates: &Templates, envs: &[Env], pdfs: &BTreeMap<String, PdfLink>) -> (Vec<OutputFile>, Diagnostics) {
    let mut errors = Diagnostics::new();
    let mut files = Vec::new();
    for (i, lang) in site.config.languages.iter().enumerate() {
        let Some(env) = envs.iter().find(|e| e.page.lang == lang.code && e.page.is_landing()) else {
            if i == 0 {
                errors.push(
                    Diagnostic::file(format!("content/{}/_index.md", lang.code), "the landing page is missing")
                        .with_hint("every language needs `content/<lang>/_index.md`"),
                );
            }
            continue;
        };
        if i == 0 {
            // What readers of every language see: the root and the 404 page
            // hosts serve for any missing address.
            files.extend(errors.take(page(templates, "root.html", env, Simple::Root, true, "index.html", pdfs)));
            files.extend(errors.take(page(templates, "404.html", env, Simple::NotFound, true, "404.html", pdfs)));
        }
        files.extend(errors.take(page(templates, "404.html", env, Simple::NotFound, false, &format!("{}/404.html", lang.code), pdfs)));
    }
    files.push(OutputFile::new("sitemap.xml", sitemap(site, pdfs)));
    if site.config.base_url.path == "/" {
        files.push(OutputFile::new("robots.txt", format!("User-agent: *\nAllow: /\n\nSitemap: {}\n", site.config.base_url.abs("sitemap.xml"))));
    }
    files.push(OutputFile::new("_headers", headers(site)));
    (files, errors)
}

/// What a build tells the editor about its output besides the summary.
pub fn notes(site: &Site) -> Vec<String> {
    let base = &site.config.base_url;
    let mut notes = Vec::new();
    // Crawlers read robots.txt only at the root of a host, so one written
    // under the site's path would be a file nobody reads.
    if base.path != "/" {
        notes.push(format!(
            "no robots.txt: crawlers read it only at {}/robots.txt, outside this site's path `{}`; list {} there or submit it to search engines",
            base.origin,
            base.path,
            base.abs("sitemap.xml")
        ));
    }
    notes.extend(super::pdfs::note(site));
    notes
}

fn page(
    templates: &Templates,
    template: &str,
    env: &Env,
    kind: Simple,
    multilingual: bool,
    path: &str,
    pdfs: &BTreeMap<String, PdfLink>,
) -> Result<OutputFile, Diagnostic> {
    let html = templates.render(template, &context::simple(env, kind, multilingual, pdfs))?;
    Ok(OutputFile::new(path, minify::html(&html)))
}

/// Every page, with its translations, and every PDF.
fn sitemap(site: &Site, pdfs: &BTreeMap<String, PdfLink>) -> String {
    let base = &site.config.base_url;
    let mut x = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n",
    );
    // A page's translations share its key; grouped once, not searched for
    // per page (that was quadratic: a second of 2×10,000 pages).
    let mut translations: BTreeMap<&str, Vec<&crate::model::Page>> = BTreeMap::new();
    for p in &site.pages {
        translations.entry(&p.key).or_default().push(p);
    }
    for p in &site.pages {
        let updated = p.updated.unwrap_or(site.config.report.updated);
        x += &format!("<url><loc>{}</loc><lastmod>{updated}</lastmod>", escape(&base.abs(&p.site_path())));
        for alt in &translations[p.key.as_str()] {
            x += &format!("<xhtml:link rel=\"alternate\" hreflang=\"{}\" href=\"{}\"/>", escape(&alt.lang), escape(&base.abs(&alt.site_path())));
        }
        if p.is_landing() {
            x += &format!("<xhtml:link rel=\"alternate\" hreflang=\"x-default\" href=\"{}\"/>", escape(&base.abs("")));
        }
        x += "</url>\n";
    }
    for pdf in pdfs.values() {
        let loc = format!("{}{}", base.origin, pdf.url);
        x += &format!("<url><loc>{}</loc><lastmod>{}</lastmod></url>\n", escape(&loc), site.config.report.updated);
    }
    x + "</urlset>\n"
}

fn headers(site: &Site) -> String {
    format!(
        "{}*\n  Content-Security-Policy: {}; frame-ancestors 'none'\n  Referrer-Policy: no-referrer\n  X-Content-Type-Options: nosniff\n  Permissions-Policy: camera=(), microphone=(), geolocation=()\n{}assets/*\n  Cache-Control: public, max-age=31536000, immutable\n",
        site.config.base_url.path,
        super::policy::csp(site),
        site.config.base_url.path
    )
}
