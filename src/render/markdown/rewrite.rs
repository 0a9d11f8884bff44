//! A scanned page → HTML. Events are rewritten on their way to
//! pulldown-cmark's HTML writer (see its `event-filter` example), never the
//! HTML afterwards: headings get unique ids and anchors, links go through
//! the one link filter ([`crate::link`]) and links between pages are
//! resolved, raw HTML is shown as text unless the site trusts its authors,
//! table alignment becomes classes (a strict CSP blocks the `style`
//! pulldown-cmark would write), footnotes are numbered with links both ways,
//! and the fenced blocks become figures and boxes.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::ops::Range;

use pulldown_cmark::{Alignment, CowStr, Event, HeadingLevel, LinkType, Tag, TagEnd};

use super::ids::{Ids, anchor_id};
use super::scan::{Block, Node, NodeKind, Scan, plain_text};
use crate::error::{Diagnostic, did_you_mean};
use crate::link::{self, Target};
use crate::model::{OutputFile, Ui};
use crate::render::env::Env;
use crate::render::html::escape;
use crate::render::values::{self, Segment};
use crate::render::{blocks, chart};

#[derive(Debug, Clone, serde::Serialize)]
pub struct TocItem {
    pub id: String,
    pub title: String,
    pub children: Vec<TocItem>,
}

/// A link written in the page, for the checks that need every page.
#[derive(Debug, Clone)]
pub enum Link {
    /// To a page of the same language (the page itself for `#anchor`).
    Page { key: String, anchor: Option<String>, offset: usize },
    /// To another site (`check --external`); `span` is where the URL is written.
    External { url: String, span: Range<usize> },
}

pub struct Rendered {
    pub html: String,
    /// The page's Open Graph image (its first figure), as a site path.
    pub og_image: Option<String>,
    pub toc: Vec<TocItem>,
    /// Every heading's id, by the heading's offset in the page's body (the
    /// PDF gives its headings the same names, so links between pages work there too).
    pub headings: Vec<(usize, String)>,
    pub ids: HashSet<String>,
    pub links: Vec<Link>,
    pub files: Vec<OutputFile>,
    pub words: usize,
    pub has_charts: bool,
}

pub fn render(env: &Env, scan: &Scan) -> (Rendered, Vec<Diagnostic>) {
    let mut r = Renderer::new(env);
    r.nodes(&scan.nodes);
    let footnotes = r.footnotes();
    let mut html = String::with_capacity(env.page.body().len() * 2);
    pulldown_cmark::html::push_html(&mut html, r.out.drain(..));
    html.push_str(&footnotes);
    let rendered = Rendered {
        html,
        og_image: r.og_image,
        toc: r.toc,
        headings: r.headings,
        ids: r.ids.into_set(),
        links: r.links,
        files: r.files,
        words: r.words,
        has_charts: r.has_charts,
    };
    (rendered, r.errors)
}

struct Table {
    aligns: Vec<Alignment>,
    in_head: bool,
    column: usize,
}

/// Footnotes are numbered in the order of their first reference and listed
/// at the end of the page, each with a link back to where it was cited.
#[derive(Default)]
struct Footnotes<'a> {
    numbers: HashMap<String, usize>,
    /// Label and offset of each footnote, by number - 1.
    cited: Vec<(String, usize)>,
    /// How often each number was cited so far.
    citations: HashMap<usize, usize>,
    /// Rendered definitions by label, with their offsets.
    defined: HashMap<String, (String, usize)>,
    /// The events written before a definition began.
    outer: Option<(String, usize, Vec<Event<'a>>)>,
}

struct Renderer<'e, 'a> {
    env: &'e Env<'a>,
    out: Vec<Event<'a>>,
    ids: Ids<'e>,
    toc: Vec<TocItem>,
    headings: Vec<(usize, String)>,
    links: Vec<Link>,
    files: Vec<OutputFile>,
    errors: Vec<Diagnostic>,
    words: usize,
    has_charts: bool,
    og_image: Option<String>,
    /// For each open link: whether it was kept (a dropped link keeps its text).
    link_stack: Vec<bool>,
    heading: Option<(usize, String)>,
    table: Option<Table>,
    notes: Footnotes<'a>,
}

impl<'e, 'a> Renderer<'e, 'a> {
    fn new(env: &'e Env<'a>) -> Self {
        Renderer {
            env,
            out: Vec::new(),
            ids: Ids::new(env.reserved_ids),
            toc: vec![],
            headings: vec![],
            links: vec![],
            files: vec![],
            errors: vec![],
            words: 0,
            has_charts: false,
            og_image: None,
            link_stack: vec![],
            heading: None,
            table: None,
            notes: Footnotes::default(),
        }
    }

    /// A source offset of this page from a byte offset of its body.
    fn at(&self, body_offset: usize) -> usize {
        self.env.page.body_start + body_offset
    }

    fn error(&mut self, range: &Range<usize>, message: impl Into<String>, hint: Option<String>) {
        let (start, end) = (self.at(range.start), self.at(range.end));
        self.errors.push(self.env.page.source.error_in(start..end, message).with_hint_opt(hint));
    }

    fn html(&mut self, html: String) {
        self.out.push(Event::Html(html.into()));
    }

    fn nodes(&mut self, nodes: &[Node<'a>]) {
        let mut i = 0;
        while let Some(node) = nodes.get(i) {
            i += 1;
            match &node.kind {
                NodeKind::Text(segments) => self.text(segments),
                NodeKind::Block(block) => self.block(block, &node.range),
                NodeKind::Event(Event::Start(Tag::Heading { level, id, .. })) => {
                    let end = nodes[i..].iter().position(|n| matches!(n.kind, NodeKind::Event(Event::End(TagEnd::Heading(_))))).map_or(nodes.len(), |p| i + p);
                    self.heading_open(*level, id.as_deref(), &nodes[i..end], node.range.start);
                }
                NodeKind::Event(Event::Start(Tag::Image { dest_url, title, .. })) => {
                    let end = nodes[i..].iter().position(|n| matches!(n.kind, NodeKind::Event(Event::End(TagEnd::Image)))).map_or(nodes.len(), |p| i + p);
                    let alt = plain_text(&nodes[i..end]);
                    i = end + 1;
                    self.image(dest_url, title, &alt, &node.range);
                }
                NodeKind::Event(event) => self.event(event, &node.range),
            }
        }
    }

    fn event(&mut self, event: &Event<'a>, range: &Range<usize>) {
        match event {
            Event::End(TagEnd::Heading(_)) => self.heading_close(),
            Event::Start(Tag::Link { link_type, dest_url, title, .. }) => self.link_open(*link_type, dest_url, title, range),
            Event::End(TagEnd::Link) => {
                if self.link_stack.pop().unwrap_or(false) {
                    self.html("</a>".into());
                }
            }
            Event::Html(h) | Event::InlineHtml(h) if !self.env.site.config.allow_raw_html => self.out.push(Event::Text(h.clone())),
            Event::Start(Tag::Table(_) | Tag::TableHead | Tag::TableRow | Tag::TableCell)
            | Event::End(TagEnd::Table | TagEnd::TableHead | TagEnd::TableRow | TagEnd::TableCell) => self.table_event(event),
            Event::FootnoteReference(label) => self.footnote_reference(label, range),
            Event::Start(Tag::FootnoteDefinition(label)) => {
                let outer = std::mem::take(&mut self.out);
                self.notes.outer = Some((label.to_string(), self.at(range.start), outer));
            }
            Event::End(TagEnd::FootnoteDefinition) => self.footnote_defined(),
            other => self.out.push(other.clone()),
        }
    }

    /// Text with its `{{ … }}` references expanded.
    fn text(&mut self, segments: &[Segment<'a>]) {
        for s in segments {
            if let Segment::Plain(t) = s {
                self.words += t.split_whitespace().count();
            }
        }
        if let [Segment::Plain(t)] = segments {
            let text = match t {
                Cow::Borrowed(t) => CowStr::Borrowed(t),
                Cow::Owned(t) => CowStr::from(t.clone()),
            };
            self.out.push(Event::Text(text));
            return;
        }
        let (html, errors) = values::expand(self.env, segments);
        self.errors.extend(errors);
        self.html(html);
    }

    /// A heading's unique id (from `{#id}` or its text), recorded in the
    /// table of contents. Its inner events go through the same loop as all
    /// others (links and raw HTML in a heading get every filter).
    fn heading_open(&mut self, level: HeadingLevel, id: Option<&str>, inner: &[Node<'a>], at: usize) {
        let title = plain_text(inner);
        let id = self.ids.heading(&id.map_or_else(|| anchor_id(&title), str::to_string));
        self.headings.push((at, id.clone()));
        let item = TocItem { id: id.clone(), title: title.trim().to_string(), children: vec![] };
        match level {
            HeadingLevel::H2 => self.toc.push(item),
            HeadingLevel::H3 => match self.toc.last_mut() {
                Some(parent) => parent.children.push(item),
                None => self.toc.push(item),
            },
            _ => {}
        }
        self.html(format!("<h{} id=\"{}\">", level as usize, escape(&id)));
        self.heading = Some((level as usize, id));
    }

    fn heading_close(&mut self) {
        let (tag, id) = self.heading.take().unwrap_or((2, String::new()));
        let label = escape(self.env.t(Ui::HeadingAnchor));
        self.html(format!("<a class=\"heading-anchor\" href=\"#{}\" aria-label=\"{label}\">#</a></h{tag}>", escape(&id)));
    }

    fn link_open(&mut self, link_type: LinkType, dest: &str, title: &str, range: &Range<usize>) {
        let href = self.link_target(link_type, dest, range);
        self.link_stack.push(href.is_some());
        if let Some((href, external)) = href {
            let title = if title.is_empty() { String::new() } else { format!(" title=\"{}\"", escape(title)) };
            let rel = if external { " rel=\"noopener noreferrer\"" } else { "" };
            self.html(format!("<a href=\"{}\"{title}{rel}>", escape(&href)));
        }
    }

    /// The URL a link should point to and whether it leaves the site, or
    /// `None` to drop the link and keep its text (unsafe schemes, broken targets).
    fn link_target(&mut self, link_type: LinkType, dest: &str, range: &Range<usize>) -> Option<(String, bool)> {
        let offset = self.at(range.start);
        match link::classify(dest, matches!(link_type, LinkType::Email)) {
            Target::Unsafe => None,
            Target::Contact(url) => Some((url, false)),
            Target::External(url) => {
                let (start, end) = (self.at(range.start), self.at(range.end));
                let written = self.env.page.source.text.get(start..end).and_then(|t| t.find(url)).map_or(start..end, |i| start + i..start + i + url.len());
                self.links.push(Link::External { url: url.to_string(), span: written });
                Some((url.to_string(), true))
            }
            Target::Fragment(anchor) => {
                self.links.push(Link::Page { key: self.env.page.key.clone(), anchor: Some(anchor.to_string()), offset });
                Some((format!("#{anchor}"), false))
            }
            Target::Local { path, anchor } => match path.strip_suffix(".md") {
                Some(key) => self.page_link(key.trim_start_matches("./"), path, anchor, range),
                None => {
                    let missing = ("link to missing file `{path}`", site_address_hint(self.env, path));
                    self.file_url(path, range, missing, "link `{path}` points outside the `content/` folder").map(|url| (url, false))
                }
            },
        }
    }

    fn page_link(&mut self, key: &str, path: &str, anchor: Option<&str>, range: &Range<usize>) -> Option<(String, bool)> {
        let env = self.env;
        let Some(url) = env.urls.page(&env.page.lang, key) else {
            let keys = env.urls.keys(&env.page.lang);
            let hint = did_you_mean(key, keys.iter().map(String::as_str));
            let hint = hint.or_else(|| Some(page_file_hint(env)));
            self.error(range, format!("link to unknown page `{path}`"), hint);
            return None;
        };
        self.links.push(Link::Page { key: key.to_string(), anchor: anchor.map(str::to_string), offset: self.at(range.start) });
        Some((anchor.map_or_else(|| url.to_string(), |a| format!("{url}#{a}")), false))
    }

    /// The URL of a file next to the pages, or an error: `missing` (with
    /// its hint) and `outside` say what the file is for.
    fn file_url(&mut self, path: &str, range: &Range<usize>, missing: (&str, Option<String>), outside: &str) -> Option<String> {
        match self.env.assets.content_file(&self.env.page.source.path, path) {
            Ok(Some(url)) => Some(url.to_string()),
            Ok(None) => {
                self.error(range, missing.0.replace("{path}", path), missing.1);
                None
            }
            Err(_) => {
                self.error(range, outside.replace("{path}", path), Some(OUTSIDE_HINT.into()));
                None
            }
        }
    }

    fn image(&mut self, dest: &str, title: &str, alt: &str, range: &Range<usize>) {
        if alt.trim().is_empty() {
            self.error(range, format!("image `{dest}` has no alt text"), Some("describe the image: `![what it shows](file.png)`".into()));
        }
        let src = match link::classify(dest, false) {
            Target::Local { path, .. } => {
                self.file_url(path, range, ("image file `{path}` not found", None), "image `{path}` points outside the `content/` folder")
            }
            _ => {
                let hint = "put the image next to the page: readers' browsers must never contact another host";
                self.error(range, format!("image `{dest}` is not a file of this site"), Some(hint.into()));
                None
            }
        };
        let title = if title.is_empty() { String::new() } else { format!(" title=\"{}\"", escape(title)) };
        self.html(format!("<img src=\"{}\" alt=\"{}\"{title} loading=\"lazy\">", escape(&src.unwrap_or_default()), escape(alt)));
    }

    fn table_event(&mut self, event: &Event<'a>) {
        let html = match event {
            Event::Start(Tag::Table(aligns)) => {
                self.table = Some(Table { aligns: aligns.clone(), in_head: false, column: 0 });
                let label = escape(self.env.t(Ui::TableRegion));
                format!("<div class=\"table-wrap\" tabindex=\"0\" role=\"region\" aria-label=\"{label}\"><table>")
            }
            Event::Start(Tag::TableHead) => {
                if let Some(t) = self.table.as_mut() {
                    (t.in_head, t.column) = (true, 0);
                }
                "<thead><tr>".into()
            }
            Event::End(TagEnd::TableHead) => {
                if let Some(t) = self.table.as_mut() {
                    t.in_head = false;
                }
                "</tr></thead><tbody>".into()
            }
            Event::Start(Tag::TableRow) => {
                if let Some(t) = self.table.as_mut() {
                    t.column = 0;
                }
                "<tr>".into()
            }
            Event::End(TagEnd::TableRow) => "</tr>".into(),
            Event::Start(Tag::TableCell) => {
                let (cell, class) = match self.table.as_mut() {
                    Some(t) => {
                        let class = align_class(t.aligns.get(t.column).copied().unwrap_or(Alignment::None));
                        t.column += 1;
                        (if t.in_head { "th" } else { "td" }, class)
                    }
                    None => ("td", ""),
                };
                format!("<{cell}{class}>")
            }
            Event::End(TagEnd::TableCell) => if self.table.as_ref().is_some_and(|t| t.in_head) { "</th>" } else { "</td>" }.into(),
            _ => {
                self.table = None;
                "</tbody></table></div>".into()
            }
        };
        self.html(html);
    }

    fn footnote_reference(&mut self, label: &str, range: &Range<usize>) {
        let next = self.notes.cited.len() + 1;
        let n = *self.notes.numbers.entry(label.to_string()).or_insert(next);
        if n == next {
            self.notes.cited.push((label.to_string(), self.at(range.start)));
        }
        // A note cited twice: the back link returns to the first citation.
        let times = self.notes.citations.entry(n).or_insert(0);
        *times += 1;
        let id = self.ids.own(if *times == 1 { format!("fnref-{n}") } else { format!("fnref-{n}-{times}") });
        self.html(format!("<sup class=\"footnote-ref\"><a href=\"#fn-{n}\" id=\"{id}\" role=\"doc-noteref\">{n}</a></sup>"));
    }

    fn footnote_defined(&mut self) {
        let Some((label, offset, outer)) = self.notes.outer.take() else { return };
        let inner = std::mem::replace(&mut self.out, outer);
        let mut html = String::new();
        pulldown_cmark::html::push_html(&mut html, inner.into_iter());
        self.notes.defined.insert(label, (html, offset));
    }

    /// The list of footnotes for the end of the page; errors for footnotes
    /// cited but not defined, or defined but never cited.
    fn footnotes(&mut self) -> String {
        let source = self.env.page.source.clone();
        let mut defined = std::mem::take(&mut self.notes.defined);
        let mut items = String::new();
        for (i, (label, offset)) in self.notes.cited.iter().enumerate() {
            let n = i + 1;
            let Some((html, _)) = defined.remove(label) else {
                self.errors
                    .push(source.error_at(*offset, format!("footnote `[^{label}]` has no definition")).with_hint(format!("add a line `[^{label}]: the note`")));
                continue;
            };
            let back = escape(self.env.t(Ui::FootnoteBack));
            let html = html.trim_end();
            // The back link goes inside the note's last paragraph.
            let (body, tail) = html.strip_suffix("</p>").map_or((html, ""), |b| (b, "</p>"));
            items += &format!(
                "<li id=\"fn-{n}\">{body} <a class=\"footnote-back\" href=\"#fnref-{n}\" role=\"doc-backlink\" aria-label=\"{back}\">↩</a>{tail}</li>"
            );
            self.ids.own(format!("fn-{n}"));
        }
        let mut unused: Vec<(String, usize)> = defined.into_iter().map(|(label, (_, offset))| (label, offset)).collect();
        unused.sort_by_key(|(_, o)| *o);
        for (label, offset) in unused {
            self.errors.push(
                source
                    .error_at(offset, format!("footnote `[^{label}]` is never cited"))
                    .with_hint(format!("cite it with `[^{label}]` in the text, or remove it")),
            );
        }
        if items.is_empty() {
            return items;
        }
        let title = escape(self.env.t(Ui::Footnotes));
        format!("<section class=\"footnotes\" role=\"doc-endnotes\" aria-label=\"{title}\"><ol>{items}</ol></section>")
    }

    fn block(&mut self, block: &Block, range: &Range<usize>) {
        let env = self.env;
        let html = match block {
            Block::Chart(chart) => match chart::figure(env, chart, !self.has_charts) {
                Ok(figure) => {
                    self.has_charts = true;
                    self.ids.own(format!("fig-{}", chart.spec.id));
                    self.ids.own(format!("chart-{}", chart.spec.id));
                    self.files.extend(figure.files);
                    self.og_image = self.og_image.take().or(figure.og_image);
                    figure.html
                }
                Err(d) => {
                    self.errors.push(d);
                    String::new()
                }
            },
            Block::KeyFigures(items, yaml) => blocks::key_figures(env, items, yaml).unwrap_or_else(|errors| {
                self.errors.extend(errors);
                String::new()
            }),
            Block::Helplines if env.site.helplines.is_empty() => {
                self.error(range, "a ```helplines block, but there is no `data/helplines.yaml`", Some("add the file, or remove the block".into()));
                String::new()
            }
            Block::Helplines => blocks::helplines(env, true),
            Block::Broken => String::new(),
        };
        self.html(html);
    }
}

/// `link to a page by its file name, e.g. `01-intro.md``, with a page of this site.
fn page_file_hint(env: &Env) -> String {
    let keys = env.urls.keys(&env.page.lang);
    let example = keys.iter().find(|k| k.as_str() != "_index.md").map_or("01-intro.md", String::as_str);
    format!("link to a page by its file name, e.g. `{example}` (`_index.md` for the landing page)")
}

/// A link written as the site's address (`/en/`, `/ru/methods/`) rather
/// than as the page's file: say which file to write.
fn site_address_hint(env: &Env, path: &str) -> Option<String> {
    let segments: Vec<&str> = path.split('/').filter(|s| !s.is_empty() && *s != "." && *s != "..").collect();
    let (lang, slug) = match segments.as_slice() {
        [lang, rest @ ..] if env.site.config.languages.iter().any(|l| l.code == *lang) => (*lang, rest.join("/")),
        _ if path.ends_with('/') => (env.page.lang.as_str(), segments.join("/")),
        _ => return None,
    };
    let page = env.site.pages.iter().find(|p| p.lang == lang && (p.slug == slug || (slug.is_empty() && p.is_landing())))?;
    let file = format!("{}.md", page.key);
    Some(if lang == env.page.lang {
        format!("pages link to each other by file, so the address follows `base_url`: write `{file}`")
    } else {
        format!("pages link to their own language's pages by file (`{file}`); the language switcher links the translations")
    })
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
