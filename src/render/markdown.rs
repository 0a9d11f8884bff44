//! Markdown → HTML for one page: the only module that sets pulldown-cmark's
//! options. Events are rewritten on their way to the HTML writer (see
//! pulldown-cmark's `event-filter` example), never the HTML afterwards:
//! headings get ids and anchors, links between pages are resolved, unsafe
//! link targets and raw HTML are neutralised, table alignment becomes classes
//! (a strict CSP blocks the `style` pulldown-cmark would write), and fenced
//! `chart`, `keyfigures` and `helplines` blocks become figures and boxes.

use std::collections::BTreeSet;

use pulldown_cmark::{Alignment, CodeBlockKind, CowStr, Event, HeadingLevel, LinkType, Options, Parser, Tag, TagEnd};

use super::blocks;
use super::html::escape;
use super::values;
use super::{Env, InternalLink, OutputFile};
use crate::error::{Diagnostic, did_you_mean};

pub fn options() -> Options {
    Options::ENABLE_TABLES | Options::ENABLE_FOOTNOTES | Options::ENABLE_STRIKETHROUGH | Options::ENABLE_HEADING_ATTRIBUTES
}

#[derive(Debug, Clone, serde::Serialize)]
pub struct TocItem {
    pub id: String,
    pub title: String,
    pub children: Vec<TocItem>,
}

pub struct Rendered {
    pub html: String,
    pub toc: Vec<TocItem>,
    pub ids: BTreeSet<String>,
    pub links: Vec<InternalLink>,
    pub files: Vec<OutputFile>,
    pub words: usize,
    pub has_charts: bool,
}

pub fn render(env: &Env) -> (Rendered, Vec<Diagnostic>) {
    let mut r = Renderer::new(env);
    let events = r.rewrite();
    let mut html = String::with_capacity(env.page.body().len() * 2);
    pulldown_cmark::html::push_html(&mut html, events.into_iter());
    let rendered = Rendered { html, toc: r.toc, ids: r.ids, links: r.links, files: r.files, words: r.words, has_charts: r.has_charts };
    (rendered, r.errors)
}

struct Renderer<'e, 'a> {
    env: &'e Env<'a>,
    toc: Vec<TocItem>,
    ids: BTreeSet<String>,
    links: Vec<InternalLink>,
    files: Vec<OutputFile>,
    errors: Vec<Diagnostic>,
    words: usize,
    has_charts: bool,
}

type Spanned<'s> = (Event<'s>, std::ops::Range<usize>);

impl<'e, 'a> Renderer<'e, 'a> {
    fn new(env: &'e Env<'a>) -> Self {
        Renderer { env, toc: vec![], ids: BTreeSet::new(), links: vec![], files: vec![], errors: vec![], words: 0, has_charts: false }
    }

    fn error(&mut self, body_offset: usize, message: impl Into<String>) -> &mut Diagnostic {
        let page = self.env.page;
        self.errors.push(page.source.error_at(page.body_start + body_offset, message));
        self.errors.last_mut().expect("just pushed")
    }

    fn rewrite(&mut self) -> Vec<Event<'a>> {
        let body = self.env.page.body();
        let input: Vec<Spanned<'a>> = Parser::new_ext(body, options()).into_offset_iter().collect();
        let mut out: Vec<Event<'a>> = Vec::with_capacity(input.len());
        let mut i = 0;
        let mut link_stack: Vec<bool> = Vec::new();
        let mut heading: Option<(usize, String)> = None;
        let mut table: Option<(Vec<Alignment>, bool, usize)> = None; // alignments, in head, column
        while i < input.len() {
            let (event, range) = input[i].clone();
            i += 1;
            match event {
                Event::Text(_) => {
                    // pulldown-cmark splits text at some characters and at line
                    // breaks; join the run so `{{ … }}` can span them.
                    let start = range.start;
                    let mut end = range.end;
                    let mut text = String::new();
                    let mut j = i - 1;
                    while let Some((e @ (Event::Text(_) | Event::SoftBreak), r)) = input.get(j) {
                        match e {
                            Event::Text(t) => text.push_str(t),
                            _ => text.push('\n'),
                        }
                        end = r.end;
                        j += 1;
                    }
                    i = j;
                    self.words += text.split_whitespace().count();
                    let raw = &self.env.page.body()[start..end];
                    out.push(self.text(&text, start, raw));
                }
                Event::Start(Tag::Heading { level, id, classes: _, attrs: _ }) => {
                    // The heading's own events go through this same loop (links,
                    // images and raw HTML in a heading get every filter); only
                    // its opening and closing tags are written here.
                    let end = input[i..].iter().position(|(e, _)| matches!(e, Event::End(TagEnd::Heading(_)))).map_or(input.len(), |p| i + p);
                    let id = self.heading_open(level, id, &input[i..end]);
                    out.push(Event::Html(format!("<h{} id=\"{}\">", level as usize, escape(&id)).into()));
                    heading = Some((level as usize, id));
                }
                Event::End(TagEnd::Heading(_)) => {
                    let (tag, id) = heading.take().unwrap_or((2, String::new()));
                    let label = escape(self.env.t("heading_anchor"));
                    out.push(Event::Html(format!("<a class=\"heading-anchor\" href=\"#{}\" aria-label=\"{label}\">#</a></h{tag}>", escape(&id)).into()));
                }
                Event::Start(Tag::Link { link_type, dest_url, title, id: _ }) => {
                    let href = self.link_target(link_type, &dest_url, range.start);
                    link_stack.push(href.is_some());
                    if let Some(href) = href {
                        let external = href.starts_with("http://") || href.starts_with("https://");
                        let title = if title.is_empty() { String::new() } else { format!(" title=\"{}\"", escape(&title)) };
                        let rel = if external { " rel=\"noopener noreferrer\"" } else { "" };
                        out.push(Event::Html(format!("<a href=\"{}\"{title}{rel}>", escape(&href)).into()));
                    }
                }
                Event::End(TagEnd::Link) => {
                    if link_stack.pop().unwrap_or(false) {
                        out.push(Event::Html("</a>".into()));
                    }
                }
                Event::Start(Tag::Image { dest_url, title, .. }) => {
                    let end = input[i..].iter().position(|(e, _)| matches!(e, Event::End(TagEnd::Image))).map_or(input.len(), |p| i + p);
                    let alt: String =
                        input[i..end].iter().filter_map(|(e, _)| if let Event::Text(t) | Event::Code(t) = e { Some(t.as_ref()) } else { None }).collect();
                    i = end + 1;
                    out.push(self.image(&dest_url, &title, &alt, range.start));
                }
                Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(lang))) if blocks::is_block(&lang) => {
                    let end = input[i..].iter().position(|(e, _)| matches!(e, Event::End(TagEnd::CodeBlock))).map_or(input.len(), |p| i + p);
                    let content: String = input[i..end].iter().filter_map(|(e, _)| if let Event::Text(t) = e { Some(t.as_ref()) } else { None }).collect();
                    let content_start = input.get(i).map_or(range.start, |(_, r)| r.start);
                    i = end + 1;
                    let html = self.block(&lang, &content, content_start);
                    out.push(Event::Html(html.into()));
                }
                Event::Html(h) | Event::InlineHtml(h) if !self.env.site.config.allow_raw_html => out.push(Event::Text(h)),
                Event::Start(Tag::Table(aligns)) => {
                    table = Some((aligns, false, 0));
                    let label = escape(self.env.t("table_region"));
                    out.push(Event::Html(format!("<div class=\"table-wrap\" tabindex=\"0\" role=\"region\" aria-label=\"{label}\"><table>").into()));
                }
                Event::Start(Tag::TableHead) => {
                    if let Some(t) = table.as_mut() {
                        (t.1, t.2) = (true, 0);
                    }
                    out.push(Event::Html("<thead><tr>".into()));
                }
                Event::End(TagEnd::TableHead) => {
                    if let Some(t) = table.as_mut() {
                        t.1 = false;
                    }
                    out.push(Event::Html("</tr></thead><tbody>".into()));
                }
                Event::Start(Tag::TableRow) => {
                    if let Some(t) = table.as_mut() {
                        t.2 = 0;
                    }
                    out.push(Event::Html("<tr>".into()));
                }
                Event::End(TagEnd::TableRow) => out.push(Event::Html("</tr>".into())),
                Event::Start(Tag::TableCell) => {
                    let (cell, class) = match table.as_mut() {
                        Some((aligns, head, col)) => {
                            let class = align_class(aligns.get(*col).copied().unwrap_or(Alignment::None));
                            *col += 1;
                            (if *head { "th" } else { "td" }, class)
                        }
                        None => ("td", ""),
                    };
                    out.push(Event::Html(format!("<{cell}{class}>").into()));
                }
                Event::End(TagEnd::TableCell) => {
                    let head = table.as_ref().is_some_and(|t| t.1);
                    out.push(Event::Html(if head { "</th>" } else { "</td>" }.into()));
                }
                Event::End(TagEnd::Table) => {
                    table = None;
                    out.push(Event::Html("</tbody></table></div>".into()));
                }
                other => out.push(other),
            }
        }
        out
    }

    /// Plain text, with `{{ dataset.key }}` values and `{{ fig:id }}` references
    /// expanded. `raw` is the same text as written in the source (with its
    /// escapes and entities), to place errors at the right column.
    fn text(&mut self, text: &str, offset: usize, raw: &str) -> Event<'a> {
        if !text.contains("{{") {
            return Event::Text(CowStr::from(text.to_string()));
        }
        let (html, errors) = values::expand(self.env, text);
        for (at, d) in errors {
            // The n-th `{{` of the text is the n-th `{{` of the source.
            let n = text[..at].matches("{{").count();
            let in_raw = raw.match_indices("{{").nth(n).map_or(at.min(raw.len()), |(i, _)| i);
            let e = self.error(offset + in_raw, d.message);
            e.hint = d.hint;
        }
        Event::Html(html.into())
    }

    /// A heading's unique id (from `{#id}` or its text), recorded in the
    /// table of contents.
    fn heading_open(&mut self, level: HeadingLevel, id: Option<CowStr<'a>>, inner: &[Spanned<'a>]) -> String {
        let plain: String = inner.iter().filter_map(|(e, _)| if let Event::Text(t) | Event::Code(t) = e { Some(t.as_ref()) } else { None }).collect();
        let base = id.map(|i| i.to_string()).unwrap_or_else(|| anchor_id(&plain));
        // `fig-` ids belong to figures: a heading such as "Fig. 1 explained"
        // moves out of that namespace once (appending numbers would never
        // leave it — the fuzzer found that loop), then duplicates are numbered.
        let base = if base.starts_with("fig-") { format!("h-{base}") } else { base };
        let mut id = base.clone();
        let mut n = 1;
        while self.ids.contains(&id) {
            id = format!("{base}-{n}");
            n += 1;
        }
        self.ids.insert(id.clone());
        let item = TocItem { id: id.clone(), title: plain.trim().to_string(), children: vec![] };
        match level {
            HeadingLevel::H2 => self.toc.push(item),
            HeadingLevel::H3 => match self.toc.last_mut() {
                Some(parent) => parent.children.push(item),
                None => self.toc.push(item),
            },
            _ => {}
        }
        id
    }

    /// The URL a Markdown link should point to, or `None` to drop the link
    /// and keep its text (unsafe schemes, broken targets).
    fn link_target(&mut self, link_type: LinkType, dest: &str, offset: usize) -> Option<String> {
        // Browsers ignore tabs, newlines and other controls inside a URL's
        // scheme (`java&#9;script:`), so they are ignored here too.
        let lower: String = dest.chars().filter(|c| !c.is_ascii_whitespace() && !c.is_control()).collect::<String>().to_ascii_lowercase();
        if ["javascript:", "vbscript:", "data:"].iter().any(|s| lower.starts_with(s)) {
            return None;
        }
        if matches!(link_type, LinkType::Email) || lower.starts_with("mailto:") || lower.starts_with("tel:") {
            return Some(if matches!(link_type, LinkType::Email) { format!("mailto:{dest}") } else { dest.to_string() });
        }
        if lower.starts_with("http://") || lower.starts_with("https://") || lower.starts_with("//") {
            return Some(dest.to_string());
        }
        let (path, anchor) = dest.split_once('#').map_or((dest, None), |(p, a)| (p, Some(a)));
        if path.is_empty() {
            self.links.push(InternalLink { key: self.env.page.key.clone(), anchor: anchor.map(str::to_string), offset });
            return Some(dest.to_string());
        }
        if let Some(key) = path.strip_suffix(".md") {
            let key = key.trim_start_matches("./");
            let Some(url) = self.env.urls.page(&self.env.page.lang, key) else {
                let keys = self.env.urls.keys(&self.env.page.lang);
                let hint = did_you_mean(key, keys.iter().map(String::as_str));
                let e = self.error(offset, format!("link to unknown page `{path}`"));
                e.hint = hint.or_else(|| Some("link to a page by its file name, e.g. `02-latent-forms.md`".into()));
                return None;
            };
            self.links.push(InternalLink { key: key.to_string(), anchor: anchor.map(str::to_string), offset });
            return Some(match anchor {
                Some(a) => format!("{url}#{a}"),
                None => url.to_string(),
            });
        }
        match self.env.assets.content_file(&self.env.page.source.path, path) {
            Ok(Some(url)) => Some(url.to_string()),
            Ok(None) => {
                self.error(offset, format!("link to missing file `{path}`"));
                None
            }
            Err(_) => {
                self.error(offset, format!("link `{path}` points outside the `content/` folder")).hint = Some(OUTSIDE_HINT.into());
                None
            }
        }
    }

    fn image(&mut self, dest: &str, title: &str, alt: &str, offset: usize) -> Event<'a> {
        if alt.trim().is_empty() {
            self.error(offset, format!("image `{dest}` has no alt text")).hint = Some("describe the image: `![what it shows](file.png)`".into());
        }
        let lower = dest.to_ascii_lowercase();
        let src = if lower.contains("://") || lower.starts_with("//") || lower.starts_with("data:") {
            self.error(offset, format!("image `{dest}` is not a file of this site")).hint =
                Some("put the image next to the page: readers' browsers must never contact another host".into());
            None
        } else {
            match self.env.assets.content_file(&self.env.page.source.path, dest) {
                Ok(Some(url)) => Some(url.to_string()),
                Ok(None) => {
                    self.error(offset, format!("image file `{dest}` not found"));
                    None
                }
                Err(_) => {
                    self.error(offset, format!("image `{dest}` points outside the `content/` folder")).hint = Some(OUTSIDE_HINT.into());
                    None
                }
            }
        };
        let title = if title.is_empty() { String::new() } else { format!(" title=\"{}\"", escape(title)) };
        Event::Html(format!("<img src=\"{}\" alt=\"{}\"{title} loading=\"lazy\">", escape(&src.unwrap_or_default()), escape(alt)).into())
    }

    fn block(&mut self, kind: &str, content: &str, offset: usize) -> String {
        match blocks::render(self.env, kind, content, offset) {
            Ok(out) => {
                self.has_charts |= out.is_chart;
                self.files.extend(out.files);
                out.html
            }
            Err(errors) => {
                self.errors.extend(errors);
                String::new()
            }
        }
    }
}

const OUTSIDE_HINT: &str = "only files under `content/` are published; move the file there and link to it relative to the page";

fn align_class(a: Alignment) -> &'static str {
    match a {
        Alignment::None => "",
        Alignment::Left => " class=\"align-left\"",
        Alignment::Center => " class=\"align-center\"",
        Alignment::Right => " class=\"align-right\"",
    }
}

/// A heading's anchor from its text: lowercase letters and digits of any
/// script, words joined by `-`. Kazakh and Russian headings keep their
/// letters (browsers percent-encode them in URLs), which reads better than a
/// transliteration.
pub fn anchor_id(text: &str) -> String {
    let mut id = String::new();
    for word in text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()) {
        if !id.is_empty() {
            id.push('-');
        }
        id.extend(word.chars().flat_map(char::to_lowercase));
    }
    if id.is_empty() { "section".into() } else { id }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_never_take_figure_ids() {
        // Regression: this once looped forever (fuzz/regressions/markdown/timeout-*).
        crate::fuzzing::markdown(b"## Fig. 1 explained\n\n## Fig. 1 explained\n\n## Other {#fig-x}\n");
    }

    #[test]
    fn anchors_keep_cyrillic_letters() {
        assert_eq!(anchor_id("Қазіргі жағдай: 2024 жыл"), "қазіргі-жағдай-2024-жыл");
        assert_eq!(anchor_id("Current situation"), "current-situation");
        assert_eq!(anchor_id("—"), "section");
    }
}
