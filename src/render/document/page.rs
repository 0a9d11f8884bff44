//! One page of the site as a chapter of the PDF: its scanned Markdown
//! ([`crate::render::markdown::scan`]) walked event by event into Typst
//! markup, as the HTML rewrite walks it into HTML. Headings keep the ids the
//! page gave them, so links between pages and to figures lead to the same
//! places in the PDF; values are formatted as on the page; footnotes are
//! set at the foot of the page that cites them; the fenced blocks go to
//! [`super::blocks`].
//!
//! Every `Start` pushes the markup that closes it, and every `End` pops it,
//! so the markup stays balanced whatever the events are.

use std::collections::{HashMap, HashSet};
use std::ops::Range;

use pulldown_cmark::{Alignment, CodeBlockKind, Event, HeadingLevel, LinkType, Tag, TagEnd};

use super::blocks;
use super::labels::{self, Labels};
use super::markup::{self, Markup};
use crate::error::{Diagnostic, Span};
use crate::link::{self, Target};
use crate::model::Ui;
use crate::render::env::Env;
use crate::render::markdown::{Block, Node, NodeKind, Rendered, Scan, plain_text};
use crate::render::values::{self, Segment};
use crate::yaml::Step;

/// Image formats Typst draws; others are left out with a warning.
const IMAGE_FORMATS: [&str; 6] = ["png", "jpg", "jpeg", "gif", "svg", "webp"];

/// What writing a page gives besides its markup.
#[derive(Default)]
pub struct Output {
    pub warnings: Vec<Diagnostic>,
    /// Files the markup names, by their path in the document's folder.
    pub files: Vec<(String, std::sync::Arc<[u8]>)>,
}

pub struct PageWriter<'w> {
    pub env: &'w Env<'w>,
    /// The page's scanned Markdown.
    all: &'w [Node<'w>],
    rendered: &'w Rendered,
    labels: &'w Labels,
    pub out: Markup,
    pub output: Output,
    /// The markup that closes each open element.
    closers: Vec<String>,
    /// Buffers set aside while a table cell or a footnote is written.
    saved: Vec<Markup>,
    tables: Vec<Table>,
    /// Footnote definitions: label → the nodes of its body.
    notes: HashMap<String, Range<usize>>,
    /// Footnotes already set, which later citations refer to.
    noted: HashSet<String>,
    /// Footnotes being written (a note citing itself is cited as text).
    noting: Vec<String>,
    /// Characters already reported as missing from the font.
    no_glyph: HashSet<char>,
    raw_html_warned: bool,
}

struct Table {
    aligns: Vec<Alignment>,
    head: Vec<Markup>,
    rows: Vec<Vec<Markup>>,
    row: Vec<Markup>,
}

impl<'w> PageWriter<'w> {
    pub fn new(env: &'w Env<'w>, scan: &'w Scan<'w>, rendered: &'w Rendered, labels: &'w Labels) -> Self {
        PageWriter {
            env,
            all: &scan.nodes,
            rendered,
            labels,
            out: Markup::default(),
            output: Output::default(),
            closers: Vec::new(),
            saved: Vec::new(),
            tables: Vec::new(),
            notes: HashMap::new(),
            noted: HashSet::new(),
            noting: Vec::new(),
            no_glyph: HashSet::new(),
            raw_html_warned: false,
        }
    }

    /// The page's chapter: its title as a level-1 heading, then its body.
    pub fn page(mut self) -> (Markup, Output) {
        let page = self.env.page;
        let title_at = page.source.text[..page.body_start].find(&page.title).unwrap_or(0);
        let span = Span::new(page.source.clone(), title_at..title_at + page.title.len());
        self.glyphs(&page.title, &span);
        self.out.origin(span);
        self.out.raw("\n= ");
        self.out.text(&page.title);
        self.out.raw(&format!(" {}\n\n", markup::label(&labels::page(&page.key))));
        self.notes = footnote_definitions(self.all);
        self.nodes(self.all);
        (self.out, self.output)
    }

    /// A place in this page's source from a range of its body.
    pub fn span(&self, range: &Range<usize>) -> Span {
        let at = self.env.page.body_start;
        Span::new(self.env.page.source.clone(), at + range.start..at + range.end)
    }

    fn nodes(&mut self, nodes: &[Node]) {
        let mut i = 0;
        while let Some(node) = nodes.get(i) {
            i += 1;
            let end_of = |wanted: fn(&TagEnd) -> bool| {
                nodes[i..].iter().position(|n| matches!(&n.kind, NodeKind::Event(Event::End(e)) if wanted(e))).map_or(nodes.len(), |p| i + p)
            };
            match &node.kind {
                NodeKind::Text(segments) => self.text(segments, &node.range),
                NodeKind::Block(block) => self.block(block, &node.range),
                NodeKind::Event(Event::Start(Tag::Image { dest_url, .. })) => {
                    let end = end_of(|e| matches!(e, TagEnd::Image));
                    let alt = plain_text(&nodes[i..end]);
                    i = end + 1;
                    self.image(dest_url, &alt, &node.range);
                }
                NodeKind::Event(Event::Start(Tag::CodeBlock(kind))) => {
                    let end = end_of(|e| matches!(e, TagEnd::CodeBlock));
                    let code: String =
                        nodes[i..end].iter().filter_map(|n| if let NodeKind::Event(Event::Text(t)) = &n.kind { Some(t.as_ref()) } else { None }).collect();
                    i = end + 1;
                    self.code_block(kind, &code);
                }
                // Set where it is cited.
                NodeKind::Event(Event::Start(Tag::FootnoteDefinition(_))) => i = end_of(|e| matches!(e, TagEnd::FootnoteDefinition)) + 1,
                NodeKind::Event(event) => self.event(event, &node.range),
            }
        }
    }

    fn event(&mut self, event: &Event, range: &Range<usize>) {
        match event {
            Event::Start(Tag::Table(aligns)) => self.tables.push(Table { aligns: aligns.clone(), head: vec![], rows: vec![], row: vec![] }),
            Event::Start(Tag::TableHead | Tag::TableRow) => {}
            Event::Start(Tag::TableCell) => self.saved.push(std::mem::take(&mut self.out)),
            Event::End(TagEnd::TableCell) => self.table_cell(),
            Event::End(TagEnd::TableHead) => {
                if let Some(t) = self.tables.last_mut() {
                    t.head = std::mem::take(&mut t.row);
                }
            }
            Event::End(TagEnd::TableRow) => {
                if let Some(t) = self.tables.last_mut() {
                    let row = std::mem::take(&mut t.row);
                    t.rows.push(row);
                }
            }
            Event::End(TagEnd::Table) => self.table_end(),
            Event::Start(tag) => {
                let (open, close) = self.open(tag, range);
                self.out.raw(&open);
                self.closers.push(close);
            }
            Event::End(_) => {
                let close = self.closers.pop().unwrap_or_default();
                self.out.raw(&close);
            }
            Event::Text(t) => self.out.text(t),
            Event::Code(t) => self.out.raw(&format!("#raw({})", markup::string(t))),
            Event::Html(h) | Event::InlineHtml(h) => self.raw_html(h, range),
            Event::FootnoteReference(label) => self.footnote(label, range),
            Event::SoftBreak => self.out.raw(" "),
            Event::HardBreak => self.out.raw("#linebreak()"),
            Event::Rule => self.out.raw("\n#line(length: 100%, stroke: 0.5pt + rule)\n\n"),
            Event::TaskListMarker(done) => self.out.raw(if *done { "☒ " } else { "☐ " }),
            Event::InlineMath(t) | Event::DisplayMath(t) => self.out.text(t),
        }
    }

    /// The markup that opens an element, and the markup that closes it.
    fn open(&mut self, tag: &Tag, range: &Range<usize>) -> (String, String) {
        let pair = |a: &str, b: &str| (a.to_string(), b.to_string());
        match tag {
            Tag::Paragraph => pair("", "\n\n"),
            Tag::Heading { level, .. } => self.heading(*level, range),
            Tag::BlockQuote(_) => pair("#quote(block: true)[", "]\n\n"),
            Tag::List(None) => pair("#list(", ")\n\n"),
            Tag::List(Some(start)) => (format!("#enum(start: {start}, "), ")\n\n".into()),
            Tag::Item => pair("[", "], "),
            Tag::Emphasis => pair("#emph[", "]"),
            Tag::Strong => pair("#strong[", "]"),
            Tag::Strikethrough => pair("#strike[", "]"),
            Tag::Link { link_type, dest_url, .. } => self.link(*link_type, dest_url),
            _ => pair("", ""),
        }
    }

    /// A heading of the page, one level below the page's title, named as
    /// the page names it.
    fn heading(&mut self, level: HeadingLevel, range: &Range<usize>) -> (String, String) {
        let depth = (level as usize).max(2);
        let span = self.span(range);
        self.out.origin(span);
        let id = self.rendered.headings.binary_search_by_key(&range.start, |(at, _)| *at).ok().map(|i| &self.rendered.headings[i].1);
        let label = id.map(|id| markup::label(&labels::heading(&self.env.page.key, id))).unwrap_or_default();
        (format!("\n{} ", "=".repeat(depth)), format!(" {label}\n\n"))
    }

    /// A link: to a place in the PDF when it leads to a page of the report
    /// or to a figure, otherwise to its address, written out after its text
    /// for readers of a printed copy.
    fn link(&mut self, link_type: LinkType, dest: &str) -> (String, String) {
        let env = self.env;
        let to_label = |name: String| match self.labels.contains(&name) {
            true => (format!("#link({})[", markup::label(&name)), "]".to_string()),
            false => (String::new(), String::new()),
        };
        match link::classify(dest, matches!(link_type, LinkType::Email)) {
            Target::Unsafe => (String::new(), String::new()),
            Target::Contact(url) => (format!("#link({})[", markup::literal(&url)), "]".into()),
            Target::External(url) => {
                let url = if url.starts_with("//") { format!("https:{url}") } else { url.to_string() };
                let shown = if matches!(link_type, LinkType::Autolink) { String::new() } else { format!("#url-note({})", markup::string(&url)) };
                (format!("#link({})[", markup::literal(&url)), format!("]{shown}"))
            }
            Target::Fragment(anchor) => to_label(labels::anchor(&env.page.key, anchor)),
            Target::Local { path, anchor } => match path.strip_suffix(".md") {
                Some(key) => {
                    let key = key.trim_start_matches("./");
                    to_label(anchor.map_or_else(|| labels::page(key), |a| labels::anchor(key, a)))
                }
                None => match env.assets.content_file(&env.page.source.path, path) {
                    Ok(Some(url)) => {
                        let url = format!("{}{url}", env.site.config.base_url.origin);
                        (format!("#link({})[", markup::literal(&url)), format!("]#url-note({})", markup::string(&url)))
                    }
                    _ => (String::new(), String::new()),
                },
            },
        }
    }

    /// Text with its `{{ … }}` references written out.
    fn text(&mut self, segments: &[Segment], range: &Range<usize>) {
        let span = self.span(range);
        self.out.origin(span.clone());
        for segment in segments {
            match segment {
                Segment::Plain(t) => {
                    self.glyphs(t, &span);
                    self.out.text(t);
                }
                Segment::Reference { inner, span } => match inner.strip_prefix("fig:") {
                    Some(id) => self.figure_ref(id.trim()),
                    None => {
                        if let Ok((number, label)) = values::shown(self.env, inner, Span::new(self.env.page.source.clone(), span.clone())) {
                            self.out.text(&number);
                            if let Some(label) = label {
                                self.out.text(" ");
                                self.out.text(&label);
                            }
                        }
                    }
                },
                // The `{{` itself follows as plain text.
                Segment::Unclosed { .. } => {}
            }
        }
    }

    /// "Figure 3, p. 7", a link to the figure.
    pub fn figure_ref(&mut self, id: &str) {
        let name = labels::figure(id);
        let Some(figure) = self.env.figures.get(id).filter(|_| self.labels.contains(&name)) else { return };
        let text = self.env.t(Ui::FigureRefPage).replace("{n}", &figure.number.to_string());
        let label = markup::label(&name);
        self.out.raw(&format!("#link({label})["));
        match text.split_once("{page}") {
            Some((before, after)) => {
                self.out.text(before);
                self.out.raw(&format!("#page-of({label})"));
                self.out.text(after);
            }
            None => self.out.text(&text),
        }
        self.out.raw("]");
    }

    /// A warning for each character of `text` that the PDF's font cannot
    /// draw, once per character and page, at its place in `within`.
    pub fn glyphs(&mut self, text: &str, within: &Span) {
        for c in markup::undrawable(text) {
            if !self.no_glyph.insert(c) {
                continue;
            }
            let source = &within.source;
            let place = source.text.get(within.range.clone()).and_then(|t| t.find(c)).map_or(within.range.start, |i| within.range.start + i);
            let d = source.error_in(place..place + c.len_utf8(), format!("`{c}` (U+{:04X}) has no glyph in the PDF's font and prints as `\u{fffd}`", c as u32));
            self.output.warnings.push(d.with_hint("the PDF is set in DejaVu Sans (Latin, Cyrillic with Kazakh, Greek): write the character another way"));
        }
    }

    fn footnote(&mut self, label: &str, range: &Range<usize>) {
        let name = labels::note(self.env.index, label);
        if self.noted.contains(&name) {
            self.out.raw(&format!("#footnote({})", markup::label(&name)));
            return;
        }
        let Some(body) = self.notes.get(label).cloned().filter(|_| !self.noting.iter().any(|n| n == label)) else {
            self.out.text(&format!("[^{label}]"));
            return;
        };
        self.noted.insert(name.clone());
        self.noting.push(label.to_string());
        let span = self.span(range);
        self.out.origin(span);
        self.out.raw("#footnote[");
        self.saved.push(std::mem::take(&mut self.out));
        self.walk_range(body);
        let note = std::mem::replace(&mut self.out, self.saved.pop().unwrap_or_default());
        self.noting.pop();
        let mut note = note;
        note.text.truncate(note.text.trim_end().len());
        self.out.append(note);
        self.out.raw(&format!("]{}", markup::label(&name)));
    }

    /// The nodes of a footnote's body, by their indices in the page's scan.
    fn walk_range(&mut self, range: Range<usize>) {
        let all = self.all;
        if let Some(nodes) = all.get(range) {
            self.nodes(nodes);
        }
    }

    /// A fenced block; what Typst finds wrong with a chart is reported at
    /// its `id:`, as a chart that cannot be drawn is.
    fn block(&mut self, block: &Block, range: &Range<usize>) {
        let env = self.env;
        let span = self.span(range);
        let text = span.source.text.get(span.range.clone()).unwrap_or("").to_string();
        self.glyphs(&text, &span);
        match block {
            Block::Chart(chart) => {
                let doc = chart.yaml.doc(&env.page.source);
                let at = doc.source_offset(doc.locate(&[Step::Key("id")]).unwrap_or(0));
                let id = env.page.source.token(at);
                self.out.origin(id.clone());
                let path = format!("{}/figures/{}.svg", env.page.lang, chart.spec.id);
                // Labels from the data files are drawn too: what the font
                // lacks is warned about at the chart's `id:`, and printed as `�`.
                let svg = self.rendered.files.iter().find(|f| f.path == path).map(|f| String::from_utf8_lossy(&f.bytes).into_owned());
                if let Some(svg) = &svg {
                    self.glyphs(svg, &id);
                }
                let svg = svg.map(|s| markup::printable(&s));
                if let Some((m, file)) = blocks::chart(env, chart, svg.as_deref().map(str::as_bytes)) {
                    self.out.raw(&m);
                    self.output.files.push(file);
                }
            }
            Block::KeyFigures(items, _) => {
                self.out.origin(span);
                self.out.raw(&blocks::key_figures(env, items));
            }
            Block::Helplines => self.out.raw(&blocks::helplines(env)),
            Block::Broken => {}
        }
    }

    fn table_cell(&mut self) {
        let cell = std::mem::replace(&mut self.out, self.saved.pop().unwrap_or_default());
        if let Some(t) = self.tables.last_mut() {
            t.row.push(cell);
        }
    }

    fn table_end(&mut self) {
        let Some(t) = self.tables.pop() else { return };
        let aligns: Vec<&str> = t.aligns.iter().map(|a| align(*a)).collect();
        blocks::table(&mut self.out, &aligns, t.head, t.rows);
    }

    fn image(&mut self, dest: &str, alt: &str, range: &Range<usize>) {
        let env = self.env;
        let span = self.span(range);
        let found = match link::classify(dest, false) {
            Target::Local { path, .. } => env.assets.content_path(&env.page.source.path, path).ok().flatten(),
            _ => None,
        };
        let Some(rel) = found else { return };
        let ext = rel.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase()).unwrap_or_default();
        let Some(file) = env.site.content_files.iter().find(|f| f.rel_path == rel).filter(|_| IMAGE_FORMATS.contains(&ext.as_str())) else {
            let d = Diagnostic::at(span, format!("image `{dest}` is left out of the PDF: it can hold only {}", IMAGE_FORMATS.join(", ")));
            self.output.warnings.push(d.with_hint("convert it to PNG or SVG"));
            self.out.raw("#emph[");
            self.out.text(alt);
            self.out.raw("]");
            return;
        };
        let path = format!("/content/{rel}");
        if !self.output.files.iter().any(|(p, _)| *p == path) {
            self.output.files.push((path.clone(), file.bytes.clone().into()));
        }
        self.out.origin(span);
        self.out.raw(&format!("#content-image({}, {})", markup::literal(&path), markup::string(alt)));
    }

    fn code_block(&mut self, _kind: &CodeBlockKind, code: &str) {
        self.out.raw(&format!("\n#raw(block: true, {})\n\n", markup::string(code.trim_end_matches('\n'))));
    }

    /// Raw HTML: text, as on the page, unless the site trusts its authors;
    /// then it is left out (a PDF cannot show HTML), with one warning per page.
    fn raw_html(&mut self, html: &str, range: &Range<usize>) {
        if !self.env.site.config.allow_raw_html {
            self.out.text(html);
            return;
        }
        if !std::mem::replace(&mut self.raw_html_warned, true) {
            let d = Diagnostic::at(self.span(range), "raw HTML is left out of the PDF");
            self.output.warnings.push(d.with_hint("say it in Markdown to have it in the PDF too"));
        }
    }
}

fn align(a: Alignment) -> &'static str {
    match a {
        Alignment::None | Alignment::Left => "left",
        Alignment::Center => "center",
        Alignment::Right => "right",
    }
}

/// Where each footnote's body is among the nodes: label → the indices
/// between its `Start` and `End`.
fn footnote_definitions(nodes: &[Node]) -> HashMap<String, Range<usize>> {
    let mut found = HashMap::new();
    let mut open: Option<(String, usize)> = None;
    for (i, node) in nodes.iter().enumerate() {
        match &node.kind {
            NodeKind::Event(Event::Start(Tag::FootnoteDefinition(label))) => open = Some((label.to_string(), i + 1)),
            NodeKind::Event(Event::End(TagEnd::FootnoteDefinition)) => {
                if let Some((label, start)) = open.take() {
                    found.entry(label).or_insert(start..i);
                }
            }
            _ => {}
        }
    }
    found
}
