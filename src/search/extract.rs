//! A page's body HTML → its sections, the units the index finds: the text
//! before the first heading, each `h1`–`h3` with its anchor id, and each
//! figure (its title, caption, data table labels and notes) with its own
//! `fig-…` anchor. Reading the rendered HTML, rather than the Markdown,
//! indexes what readers see: numbers formatted, key figures and charts
//! written out.
//!
//! The HTML is the body the render stage wrote (pulldown-cmark's writer and
//! the figure and block code, never a theme template), so the safety bar,
//! help box, menus and footer are never part of it. Inside it, what is not
//! content is skipped: scripts (chart data), the help numbers of a
//! ```` ```helplines ```` block, heading and footnote link marks, chart
//! buttons, download links and "how to cite" lines. Raw HTML that an
//! editor allowed (`markdown.allow_raw_html`) may be malformed: the reader
//! never fails, it reads what it can.

/// One findable part of a page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Section {
    /// The heading or figure title; empty for the text before the first heading.
    pub heading: String,
    /// The element id to link to; empty for the top of the page.
    pub anchor: String,
    pub text: String,
}

/// Elements whose content is never indexed, by tag name, or by tag name
/// and a class they carry.
const SKIP_TAGS: [&str; 7] = ["script", "style", "svg", "template", "button", "summary", "noscript"];
const SKIP_CLASSES: [(&str, &str); 8] = [
    ("a", "heading-anchor"),
    ("a", "footnote-back"),
    ("sup", "footnote-ref"),
    ("ul", "helplines"),
    ("ul", "chart-actions"),
    ("p", "chart-cite"),
    ("p", "chart-source"),
    ("div", "chart-box"),
];

/// Inline elements that still separate words, by class: key figures are
/// a number and a label in spans that the theme shows as lines.
const SEPARATING_CLASSES: [&str; 3] = ["key-figure-value", "key-figure-label", "key-figure-period"];

/// Elements that do not separate words (everything else does).
const INLINE: [&str; 16] = ["a", "abbr", "b", "bdi", "cite", "code", "del", "em", "i", "kbd", "mark", "s", "small", "span", "strong", "time"];

const VOID: [&str; 9] = ["area", "br", "col", "embed", "hr", "img", "input", "source", "wbr"];

/// The sections of one page's body HTML, in reading order. Sections with
/// neither text nor heading are dropped.
pub fn sections(html: &str) -> Vec<Section> {
    let mut r = Reader { sections: vec![Section { heading: String::new(), anchor: String::new(), text: String::new() }], ..Reader::default() };
    let mut rest = html;
    while !rest.is_empty() {
        match rest.find('<') {
            Some(0) => rest = r.markup(rest),
            Some(i) => {
                r.text(&rest[..i]);
                rest = &rest[i..];
            }
            None => {
                r.text(rest);
                rest = "";
            }
        }
    }
    r.sections
        .into_iter()
        .map(|s| Section { heading: collapse(&s.heading), anchor: s.anchor, text: collapse(&s.text) })
        .filter(|s| !s.heading.is_empty() || !s.text.is_empty())
        .collect()
}

#[derive(Default)]
struct Reader {
    sections: Vec<Section>,
    /// Where text goes: this section's heading (while inside it) or text.
    current: usize,
    in_heading: Option<String>,
    /// Inside a figure: its depth of nested figures, and the section to return to.
    figure: Option<(usize, usize)>,
    /// Inside a skipped element: its tag name and nesting depth.
    skipping: Option<(String, usize)>,
}

/// A start or end tag, as far as the reader needs it.
struct Tag<'h> {
    name: String,
    end: bool,
    id: Option<&'h str>,
    class: Option<&'h str>,
}

impl Reader {
    /// Handle the markup at the start of `rest`; returns what follows it.
    fn markup<'h>(&mut self, rest: &'h str) -> &'h str {
        if let Some(comment) = rest.strip_prefix("<!--") {
            return comment.find("-->").map_or("", |i| &comment[i + 3..]);
        }
        let Some((tag, after)) = parse_tag(rest) else {
            // A `<` that opens no tag is text.
            self.text("<");
            return &rest[1..];
        };
        if let Some((name, depth)) = self.skipping.as_mut() {
            if *name == tag.name {
                if tag.end {
                    *depth -= 1;
                } else if !VOID.contains(&tag.name.as_str()) {
                    *depth += 1;
                }
                if *depth == 0 {
                    self.skipping = None;
                }
            }
            return after;
        }
        if tag.end {
            self.close(&tag);
        } else {
            self.open(&tag);
        }
        if !tag.end && matches!(tag.name.as_str(), "script" | "style") && self.skipping.is_some() {
            // Their content is raw text: jump to the end tag.
            let close = format!("</{}", tag.name);
            self.skipping = None;
            return find_ascii_ci(after, &close).map_or("", |i| after[i..].find('>').map_or("", |j| &after[i + j + 1..]));
        }
        after
    }

    fn open(&mut self, tag: &Tag) {
        let name = tag.name.as_str();
        let classes = tag.class.unwrap_or("");
        let skipped = SKIP_TAGS.contains(&name) || SKIP_CLASSES.iter().any(|(t, c)| *t == name && classes.split_ascii_whitespace().any(|x| x == *c));
        if skipped && !VOID.contains(&name) {
            self.skipping = Some((name.to_string(), 1));
            return;
        }
        match name {
            "h1" | "h2" | "h3" if self.figure.is_none() => {
                self.begin(tag.id.unwrap_or(""));
                self.in_heading = Some(name.to_string());
            }
            "figure" => match self.figure.as_mut() {
                Some((depth, _)) => *depth += 1,
                None => {
                    let outer = self.current;
                    self.begin(tag.id.unwrap_or(""));
                    self.figure = Some((1, outer));
                }
            },
            "figcaption" if self.figure.is_some() => self.in_heading = Some(name.to_string()),
            _ => {}
        }
        if classes.split_ascii_whitespace().any(|c| SEPARATING_CLASSES.contains(&c)) {
            self.text(" ");
        }
        self.separate(name);
    }

    fn close(&mut self, tag: &Tag) {
        let name = tag.name.as_str();
        if self.in_heading.as_deref() == Some(name) {
            self.in_heading = None;
        }
        if name == "figure"
            && let Some((depth, outer)) = self.figure.as_mut()
        {
            *depth -= 1;
            if *depth == 0 {
                // Text after a figure belongs to the section around it.
                self.current = *outer;
                self.figure = None;
            }
        }
        self.separate(name);
    }

    /// Start a new section at `anchor`.
    fn begin(&mut self, anchor: &str) {
        self.in_heading = None;
        self.sections.push(Section { heading: String::new(), anchor: anchor.to_string(), text: String::new() });
        self.current = self.sections.len() - 1;
    }

    /// Block elements end a word.
    fn separate(&mut self, name: &str) {
        if !INLINE.contains(&name) {
            self.text(" ");
        }
    }

    fn text(&mut self, raw: &str) {
        if self.skipping.is_some() {
            return;
        }
        let section = &mut self.sections[self.current];
        let into = if self.in_heading.is_some() { &mut section.heading } else { &mut section.text };
        decode_into(raw, into);
    }
}

/// The tag at the start of `s` (which begins with `<`) and what follows it,
/// or `None` when `<` does not open a tag.
fn parse_tag(s: &str) -> Option<(Tag<'_>, &str)> {
    let body = &s[1..];
    let (end, body) = match body.strip_prefix('/') {
        Some(b) => (true, b),
        None => (false, body),
    };
    let name_len = body.find(|c: char| !c.is_ascii_alphanumeric()).unwrap_or(body.len());
    if name_len == 0 || !body.as_bytes()[0].is_ascii_alphabetic() {
        return None;
    }
    let name = body[..name_len].to_ascii_lowercase();
    // The tag ends at the first `>` outside quotes.
    let mut quote = None;
    let mut close = None;
    for (i, c) in body.char_indices().skip(name_len) {
        match (quote, c) {
            (None, '"' | '\'') => quote = Some(c),
            (Some(q), c) if c == q => quote = None,
            (None, '>') => {
                close = Some(i);
                break;
            }
            _ => {}
        }
    }
    let close = close?;
    let attrs = &body[name_len..close];
    let tag = Tag { name, end, id: attribute(attrs, "id"), class: attribute(attrs, "class") };
    Some((tag, &body[close + 1..]))
}

/// The value of attribute `name` in a tag's attribute text, quoted or not.
fn attribute<'h>(attrs: &'h str, name: &str) -> Option<&'h str> {
    let mut rest = attrs;
    while let Some(i) = find_ascii_ci(rest, name) {
        let before_ok = i == 0 || rest.as_bytes()[i - 1].is_ascii_whitespace();
        let after = rest[i + name.len()..].trim_start();
        if before_ok && let Some(value) = after.strip_prefix('=') {
            let value = value.trim_start();
            return Some(match value.chars().next() {
                Some(q @ ('"' | '\'')) => value[1..].split(q).next().unwrap_or(""),
                _ => value.split(|c: char| c.is_ascii_whitespace() || c == '>').next().unwrap_or(""),
            });
        }
        rest = &rest[i + name.len()..];
    }
    None
}

fn find_ascii_ci(haystack: &str, needle: &str) -> Option<usize> {
    let (h, n) = (haystack.as_bytes(), needle.as_bytes());
    if n.is_empty() {
        return Some(0);
    }
    (0..h.len().saturating_sub(n.len() - 1)).find(|&i| h[i..i + n.len()].eq_ignore_ascii_case(n))
}

/// Append `raw` with its character references decoded.
fn decode_into(raw: &str, out: &mut String) {
    let mut rest = raw;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        let end = rest[1..].find(';').map(|e| e + 1).filter(|&e| e <= 12);
        let decoded = end.and_then(|e| entity(&rest[1..e]));
        match (decoded, end) {
            (Some(c), Some(e)) => {
                out.push(c);
                rest = &rest[e + 1..];
            }
            _ => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
}

fn entity(name: &str) -> Option<char> {
    if let Some(num) = name.strip_prefix('#') {
        let code = match num.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => num.parse().ok()?,
        };
        return char::from_u32(code);
    }
    Some(match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "nbsp" => '\u{a0}',
        _ => return None,
    })
}

/// Whitespace runs as one space, trimmed.
fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn section(heading: &str, anchor: &str, text: &str) -> Section {
        Section { heading: heading.into(), anchor: anchor.into(), text: text.into() }
    }

    #[test]
    fn splits_at_headings_and_keeps_their_anchors() {
        let html = "<p>Intro &amp; more</p>\n<h2 id=\"cases\">Cases<a class=\"heading-anchor\" href=\"#cases\" aria-label=\"Link\">#</a></h2>\n<p>Rose to <span class=\"value\">3,382</span>.</p><h3 id=\"x\">Sub</h3><ul><li>one</li><li>two</li></ul>";
        assert_eq!(sections(html), [section("", "", "Intro & more"), section("Cases", "cases", "Rose to 3,382."), section("Sub", "x", "one two")]);
    }

    #[test]
    fn a_figure_is_a_section_and_the_text_after_it_is_not() {
        let html = "<h2 id=\"a\">A</h2><p>before</p><figure class=\"chart\" id=\"fig-c\"><figcaption><span class=\"figure-number\">Figure 1.</span> <span class=\"figure-title\">Cases by region</span></figcaption><div class=\"chart-box\"><button>Explore</button></div><script type=\"application/json\">{\"x\":\"</p>\"}</script><details class=\"chart-table\"><summary>Data table</summary><table><tr><th>Almaty</th><td>3</td></tr></table></details><p class=\"chart-caption\">Caption</p><p class=\"chart-source\">Source: X</p><ul class=\"chart-actions\"><li><a>Download</a></li></ul><p class=\"chart-cite\">How to cite</p></figure><p>after</p>";
        assert_eq!(sections(html), [section("A", "a", "before after"), section("Figure 1. Cases by region", "fig-c", "Almaty 3 Caption")]);
    }

    #[test]
    fn skips_help_numbers_and_footnote_marks() {
        let html = "<p>Call<sup class=\"footnote-ref\"><a href=\"#fn-1\">1</a></sup> now</p><ul class=\"helplines\"><li><a>111</a> <span>Contact centre</span></li></ul><section class=\"footnotes\"><ol><li id=\"fn-1\"><p>Note <a class=\"footnote-back\" href=\"#fnref-1\">↩</a></p></li></ol></section>";
        assert_eq!(sections(html), [section("", "", "Call now Note")]);
    }

    #[test]
    fn key_figures_do_not_run_their_number_into_their_label() {
        let html = "<ul class=\"key-figures\"><li class=\"key-figure\"><span class=\"key-figure-value\">2 324</span><span class=\"key-figure-label\">mobile teams</span></li></ul>";
        assert_eq!(sections(html), [section("", "", "2 324 mobile teams")]);
    }

    #[test]
    fn malformed_markup_is_read_calmly() {
        for html in [
            "<",
            "<<<",
            "<p",
            "a < b > c",
            "<!-- open",
            "<script>never closed",
            "&",
            "&#xZZ;",
            "&#99999999;",
            "<h2 id='x>y",
            "</figure></h2>",
            "<ul class=helplines><ul></ul>",
        ] {
            let _ = sections(html);
        }
        assert_eq!(sections("a < b & c"), [section("", "", "a < b & c")]);
        assert_eq!(sections("<h2 id=plain>T</h2>x"), [section("T", "plain", "x")]);
    }
}
