//! Post-processing of the SVG that ECharts' server-side renderer writes (the
//! only user of roxmltree), so that it holds no CSS (it may be inlined
//! under a strict CSP, and presentation attributes are what the page's
//! stylesheet can override) and is byte-for-byte deterministic: parse,
//! then write back element by element.
//!
//! What ECharts 5.5.1 writes (`renderToSVGString()`), and what happens to it:
//! - `style="font-size:12px;font-family:sans-serif;"` on every `<text>` (and
//!   sometimes other declarations): a strict CSP (`style-src` without
//!   `'unsafe-inline'`) blocks style attributes of inline SVG. Every
//!   declaration that has an SVG presentation attribute becomes that
//!   attribute (CSS would have beaten an attribute of the same name, so the
//!   declaration wins); `font-family` is dropped everywhere and one font
//!   stack is set on the root (text was measured with DejaVu Sans, whatever
//!   family the option named); any other declaration is dropped and reported.
//! - one `<style>` element with `:hover` rules for its generated classes
//!   (`zr0-cls-0`): dropped, and with it every `class` attribute (nothing
//!   else refers to those classes; the page's CSS must not style ECharts'
//!   internals).
//! - ids (`zr0-c0` clip paths, `zr0-p0` patterns, `zr0-g0` gradients…) whose
//!   numbers count up across the charts one engine renders: renumbered in
//!   document order as `{prefix}-{kind}{n}`, and every reference
//!   (`url(#…)` in any attribute, `href`/`xlink:href="#…"`) rewritten. The
//!   bytes then never depend on render order, and two charts on one page
//!   never clash.
//! - the root's fixed `width`/`height`: dropped when `responsive` (the
//!   `viewBox` stays, so the SVG scales to its container's width with the
//!   right aspect ratio; resvg uses the viewBox size). Kept otherwise.
//! - added: `role="img"`, `<title>`/`<desc>` with `aria-labelledby` /
//!   `aria-describedby` when given, and `font-family` on the root.
//! - `ecmeta_*` attributes (hydration data for ECharts' own client-side SSR
//!   mode: series and data indexes): dropped.
//! - comments and processing instructions: dropped.

use std::collections::{BTreeSet, HashMap};
use std::fmt::Write as _;

const SVG_NS: &str = "http://www.w3.org/2000/svg";
const XLINK_NS: &str = "http://www.w3.org/1999/xlink";
const XML_NS: &str = "http://www.w3.org/XML/1998/namespace";

/// Properties that SVG also accepts as presentation attributes (SVG 1.1
/// §M.2 plus SVG 2's additions that renderers and browsers support).
/// `transform` is deliberately absent: its CSS syntax (units) differs from
/// the attribute's, and ECharts writes it as an attribute anyway.
const PRESENTATION: &[&str] = &[
    "alignment-baseline",
    "baseline-shift",
    "clip-path",
    "clip-rule",
    "color",
    "color-interpolation",
    "color-interpolation-filters",
    "cursor",
    "direction",
    "display",
    "dominant-baseline",
    "fill",
    "fill-opacity",
    "fill-rule",
    "filter",
    "flood-color",
    "flood-opacity",
    "font-size",
    "font-size-adjust",
    "font-stretch",
    "font-style",
    "font-variant",
    "font-weight",
    "image-rendering",
    "letter-spacing",
    "lighting-color",
    "marker-end",
    "marker-mid",
    "marker-start",
    "mask",
    "opacity",
    "overflow",
    "paint-order",
    "pointer-events",
    "shape-rendering",
    "stop-color",
    "stop-opacity",
    "stroke",
    "stroke-dasharray",
    "stroke-dashoffset",
    "stroke-linecap",
    "stroke-linejoin",
    "stroke-miterlimit",
    "stroke-opacity",
    "stroke-width",
    "text-anchor",
    "text-decoration",
    "text-rendering",
    "unicode-bidi",
    "vector-effect",
    "visibility",
    "word-spacing",
    "writing-mode",
];

/// How to finish one figure's SVG.
#[derive(Debug, Clone)]
pub struct Finish<'a> {
    /// Unique on the page and stable across builds, e.g. `fig-violence`:
    /// every id becomes `{prefix}-…`. Must be a valid XML name start.
    pub id_prefix: &'a str,
    /// Accessible name (`<title>`, `aria-labelledby`). None: no title.
    pub title: Option<&'a str>,
    /// Longer description (`<desc>`, `aria-describedby`). None: no desc.
    pub description: Option<&'a str>,
    /// Set once on the root; every other font-family is dropped.
    pub font_family: &'a str,
    /// Drop the root's pixel width/height, keep the viewBox.
    pub responsive: bool,
}

/// The finished SVG and the CSS declarations that had no presentation
/// attribute and were dropped (unique, sorted), for diagnostics and tests.
#[derive(Debug, Clone)]
pub struct Finished {
    pub svg: String,
    pub dropped: Vec<String>,
}

pub fn finish(svg: &str, f: &Finish) -> Result<Finished, String> {
    if f.id_prefix.is_empty()
        || !f.id_prefix.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
        || f.id_prefix.starts_with(|c: char| c.is_ascii_digit() || c == '-')
    {
        return Err(format!("id prefix `{}` must be ASCII letters, digits, `-`, `_`, starting with a letter", f.id_prefix));
    }
    let opts = roxmltree::ParsingOptions { allow_dtd: false, ..Default::default() };
    let doc = roxmltree::Document::parse_with_options(svg, opts).map_err(|e| format!("ECharts wrote SVG that does not parse: {e}"))?;
    let root = doc.root_element();
    if root.tag_name().name() != "svg" {
        return Err(format!("expected an <svg> root, found <{}>", root.tag_name().name()));
    }

    let ids = new_ids(root, f.id_prefix)?;
    let mut w = Writer { out: String::with_capacity(svg.len() + 256), ids: &ids, dropped: BTreeSet::new(), uses_xlink: false };
    // The root is written by hand: its namespaces, size and accessibility hooks.
    let mut root_attrs = w.attributes(root)?;
    if f.responsive {
        root_attrs.retain(|(k, _)| k != "width" && k != "height");
    }
    if !root_attrs.iter().any(|(k, _)| k == "viewBox") {
        // ECharts always writes one; without it a responsive SVG would not scale.
        let (wd, ht) = (root.attribute("width"), root.attribute("height"));
        match (wd, ht) {
            (Some(wd), Some(ht)) => root_attrs.push(("viewBox".into(), format!("0 0 {wd} {ht}"))),
            _ => return Err("the SVG has neither a viewBox nor a width and height".into()),
        }
    }
    root_attrs.retain(|(k, _)| k != "version" && k != "baseProfile");
    root_attrs.push(("role".into(), "img".into()));
    if f.title.is_some() {
        root_attrs.push(("aria-labelledby".into(), format!("{}-title", f.id_prefix)));
    }
    if f.description.is_some() {
        root_attrs.push(("aria-describedby".into(), format!("{}-desc", f.id_prefix)));
    }
    root_attrs.push(("font-family".into(), f.font_family.into()));

    // Children first (into a separate buffer), so that we know whether the
    // xlink namespace must be declared on the root.
    let mut body = Writer { out: String::with_capacity(svg.len()), ids: &ids, dropped: BTreeSet::new(), uses_xlink: false };
    if let Some(t) = f.title {
        let _ = write!(body.out, "<title id=\"{}-title\">{}</title>", f.id_prefix, esc_text(t));
    }
    if let Some(d) = f.description {
        let _ = write!(body.out, "<desc id=\"{}-desc\">{}</desc>", f.id_prefix, esc_text(d));
    }
    for child in root.children() {
        body.node(child)?;
    }
    w.out.push_str("<svg xmlns=\"");
    w.out.push_str(SVG_NS);
    w.out.push('"');
    if body.uses_xlink || w.uses_xlink {
        let _ = write!(w.out, " xmlns:xlink=\"{XLINK_NS}\"");
    }
    for (k, v) in &root_attrs {
        let _ = write!(w.out, " {k}=\"{}\"", esc_attr(v));
    }
    w.out.push('>');
    w.out.push_str(&body.out);
    w.out.push_str("</svg>");
    let mut dropped = w.dropped;
    dropped.extend(body.dropped);
    Ok(Finished { svg: w.out, dropped: dropped.into_iter().collect() })
}

/// Every id, in document order, gets `{prefix}-{kind}{n}`; kind is the
/// letters of ECharts' last id segment (`zr3-p12` → `p`), so the output stays
/// readable; n counts per kind.
fn new_ids<'d>(root: roxmltree::Node<'d, 'd>, prefix: &str) -> Result<HashMap<&'d str, String>, String> {
    let mut ids: HashMap<&str, String> = HashMap::new();
    let mut per_kind: HashMap<String, usize> = HashMap::new();
    for node in root.descendants().filter(|n| n.is_element() && !is_style(n)) {
        if let Some(id) = node.attribute("id") {
            if ids.contains_key(id) {
                return Err(format!("ECharts wrote the id `{id}` twice"));
            }
            let kind: String = id.rsplit('-').next().unwrap_or("").chars().filter(|c| c.is_ascii_alphabetic()).collect();
            let kind = if kind.is_empty() { "id".to_string() } else { kind };
            let n = per_kind.entry(kind.clone()).or_insert(0);
            ids.insert(id, format!("{prefix}-{kind}{n}"));
            *n += 1;
        }
    }
    Ok(ids)
}

fn is_style(n: &roxmltree::Node) -> bool {
    n.is_element() && n.tag_name().name() == "style"
}

struct Writer<'i> {
    out: String,
    ids: &'i HashMap<&'i str, String>,
    dropped: BTreeSet<String>,
    uses_xlink: bool,
}

impl Writer<'_> {
    fn node(&mut self, n: roxmltree::Node) -> Result<(), String> {
        match n.node_type() {
            roxmltree::NodeType::Element => {
                if is_style(&n) {
                    return Ok(());
                }
                if n.tag_name().namespace().is_some_and(|ns| ns != SVG_NS) {
                    return Err(format!("unexpected element <{}> outside the SVG namespace", n.tag_name().name()));
                }
                let name = n.tag_name().name();
                let attrs = self.attributes(n)?;
                let _ = write!(self.out, "<{name}");
                for (k, v) in &attrs {
                    let _ = write!(self.out, " {k}=\"{}\"", esc_attr(v));
                }
                if n.has_children() {
                    self.out.push('>');
                    for c in n.children() {
                        self.node(c)?;
                    }
                    let _ = write!(self.out, "</{name}>");
                } else {
                    self.out.push_str("/>");
                }
            }
            roxmltree::NodeType::Text => self.out.push_str(&esc_text(n.text().unwrap_or(""))),
            // Comments and processing instructions carry nothing for a reader.
            _ => {}
        }
        Ok(())
    }

    /// An element's attributes in their original order, with the style
    /// declarations merged in, ids and references renamed, classes and
    /// font families dropped.
    fn attributes(&mut self, n: roxmltree::Node) -> Result<Vec<(String, String)>, String> {
        let mut attrs: Vec<(String, String)> = Vec::new();
        let mut style = None;
        for a in n.attributes() {
            let name = match a.namespace() {
                None => a.name().to_string(),
                Some(XLINK_NS) => {
                    self.uses_xlink = true;
                    format!("xlink:{}", a.name())
                }
                Some(XML_NS) => format!("xml:{}", a.name()),
                Some(ns) => return Err(format!("unexpected attribute {{{ns}}}{}", a.name())),
            };
            match name.as_str() {
                "style" => style = Some(a.value()),
                // Only the dropped <style> element used ECharts' classes.
                "class" => {}
                "font-family" => {}
                // Hydration metadata for ECharts' client-side SSR mode
                // (`ecmeta_series_index`…): not SVG, unused by baspa.
                _ if name.starts_with("ecmeta_") => {}
                "id" => attrs.push((name, self.ids.get(a.value()).cloned().unwrap_or_else(|| a.value().to_string()))),
                _ => attrs.push((name, a.value().to_string())),
            }
        }
        if let Some(style) = style {
            for decl in style.split(';') {
                let Some((prop, value)) = decl.split_once(':') else {
                    if !decl.trim().is_empty() {
                        self.dropped.insert(decl.trim().to_string());
                    }
                    continue;
                };
                let (prop, value) = (prop.trim().to_ascii_lowercase(), value.trim());
                let value = value.strip_suffix("!important").map_or(value, str::trim_end);
                if prop == "font-family" {
                    continue;
                }
                if !PRESENTATION.contains(&prop.as_str()) {
                    self.dropped.insert(prop);
                    continue;
                }
                // A presentation attribute takes a bare number as user units
                // (= px); font-size="12px" is valid too and kept as written.
                match attrs.iter_mut().find(|(k, _)| *k == prop) {
                    Some(slot) => slot.1 = value.to_string(),
                    None => attrs.push((prop, value.to_string())),
                }
            }
        }
        for (k, v) in attrs.iter_mut() {
            if k == "id" {
                continue;
            }
            if (k == "href" || k == "xlink:href") && v.starts_with('#') {
                match self.ids.get(&v[1..]) {
                    Some(new) => *v = format!("#{new}"),
                    None => return Err(format!("`{k}=\"{v}\"` points at no element")),
                }
            } else if v.contains("url(") {
                *v = self.rewrite_urls(v)?;
            }
        }
        Ok(attrs)
    }

    /// `url(#a)`, `url('#a')`, `url("#a")` → `url(#{prefix}-…)`.
    fn rewrite_urls(&self, v: &str) -> Result<String, String> {
        let mut out = String::with_capacity(v.len() + 16);
        let mut rest = v;
        while let Some(i) = rest.find("url(") {
            out.push_str(&rest[..i + 4]);
            rest = &rest[i + 4..];
            let end = rest.find(')').ok_or_else(|| format!("unclosed url( in `{v}`"))?;
            let inner = rest[..end].trim().trim_matches(|c| c == '\'' || c == '"');
            let Some(id) = inner.strip_prefix('#') else {
                return Err(format!("external reference `{inner}` in `{v}`"));
            };
            let new = self.ids.get(id).ok_or_else(|| format!("`url(#{id})` points at no element"))?;
            out.push('#');
            out.push_str(new);
            out.push(')');
            rest = &rest[end + 1..];
        }
        out.push_str(rest);
        Ok(out)
    }
}

fn esc_text(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
}

fn esc_attr(s: &str) -> String {
    let mut o = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => o.push_str("&amp;"),
            '<' => o.push_str("&lt;"),
            '>' => o.push_str("&gt;"),
            '"' => o.push_str("&quot;"),
            '\n' => o.push_str("&#10;"),
            '\r' => o.push_str("&#13;"),
            '\t' => o.push_str("&#9;"),
            c => o.push(c),
        }
    }
    o
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fin(svg: &str, prefix: &str) -> Finished {
        finish(svg, &Finish { id_prefix: prefix, title: Some("T & <b>"), description: None, font_family: "DejaVu Sans, Arial, sans-serif", responsive: true })
            .unwrap()
    }

    const SAMPLE: &str = r##"<svg width="100" height="50" xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" version="1.1" baseProfile="full" viewBox="0 0 100 50"><style>.zr7-cls-0:hover{cursor:pointer}</style><rect width="100" height="50" x="0" y="0" fill="none"/><g clip-path="url(#zr7-c0)"><path d="M0 0L1 1" class="zr7-cls-0" style="fill:url('#zr7-p3');stroke:#000;cursor:pointer;user-select:none"/><text style="font-size:12px;font-family:sans-serif;" fill="#333">Қазақ &amp; &lt;</text></g><defs><clipPath id="zr7-c0"><path d="M0 0"/></clipPath><pattern id="zr7-p3"><image xlink:href="#zr7-c0"/></pattern></defs></svg>"##;

    #[test]
    fn strips_styles_classes_and_renames_ids() {
        let f = fin(SAMPLE, "fig-a");
        assert!(!f.svg.contains("style"), "{}", f.svg);
        assert!(!f.svg.contains("class="));
        assert!(!f.svg.contains("zr7"));
        assert!(f.svg.contains("clip-path=\"url(#fig-a-c0)\""));
        assert!(f.svg.contains("fill=\"url(#fig-a-p0)\""));
        assert!(f.svg.contains("xlink:href=\"#fig-a-c0\""));
        assert!(
            f.svg.contains("<text font-size=\"12px\" fill=\"#333\">Қазақ &amp; &lt;</text>") || f.svg.contains("<text fill=\"#333\" font-size=\"12px\">"),
            "{}",
            f.svg
        );
        assert!(f.svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\" viewBox=\"0 0 100 50\" role=\"img\" aria-labelledby=\"fig-a-title\""), "{}", f.svg);
        assert!(f.svg.contains("<title id=\"fig-a-title\">T &amp; &lt;b&gt;</title>"));
        assert_eq!(f.dropped, vec!["user-select".to_string()]);
        // cursor is a presentation attribute.
        assert!(f.svg.contains("cursor=\"pointer\""));
        roxmltree::Document::parse(&f.svg).unwrap();
    }

    #[test]
    fn same_structure_other_counters_gives_same_bytes() {
        let later = SAMPLE.replace("zr7-c0", "zr42-c9").replace("zr7-p3", "zr42-p17").replace("zr7-cls-0", "zr42-cls-5");
        assert_eq!(fin(SAMPLE, "x").svg, fin(&later, "x").svg);
    }

    #[test]
    fn dangling_reference_is_an_error() {
        let bad = SAMPLE.replace("clip-path=\"url(#zr7-c0)\"", "clip-path=\"url(#nope)\"");
        assert!(finish(&bad, &Finish { id_prefix: "x", title: None, description: None, font_family: "a", responsive: false }).is_err());
    }
}
