//! Typst markup, written so that text from the sources is only ever text.
//! Every ASCII punctuation character of a text is escaped with a backslash
//! (Typst reads `\` + any character as that character), so no `#`, `$`,
//! `*`, `_`, `@`, `<`, `//`, `=`, `-` or `]` an editor writes can start
//! code, math, emphasis, a reference, a comment, a heading or a list, or
//! close a block; strings are Typst string literals; labels are encoded.
//! The buffer remembers where its parts come from in the sources.

use crate::error::Span;

/// Markup being written, with the places in the sources it comes from.
#[derive(Default)]
pub struct Markup {
    pub text: String,
    /// (offset in `text`, where it comes from), by ascending offset.
    pub origins: Vec<(usize, Span)>,
}

impl Markup {
    /// Markup of our own making, written as it is.
    pub fn raw(&mut self, markup: &str) {
        self.text.push_str(markup);
    }

    /// Text from the sources, escaped.
    pub fn text(&mut self, text: &str) {
        escape_into(&mut self.text, text);
    }

    /// What follows comes from `span` of the sources.
    pub fn origin(&mut self, span: Span) {
        if let Some(last) = self.origins.last_mut()
            && last.0 == self.text.len()
        {
            last.1 = span;
            return;
        }
        self.origins.push((self.text.len(), span));
    }

    /// Another buffer's markup, then, with its origins.
    pub fn append(&mut self, other: Markup) {
        let shift = self.text.len();
        self.origins.extend(other.origins.into_iter().map(|(at, span)| (at + shift, span)));
        self.text.push_str(&other.text);
    }
}

/// Text as markup that shows exactly that text (see the module documentation).
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    escape_into(&mut out, text);
    out
}

/// Past this many escapes a text is written as one string literal instead:
/// Typst reads each escape as an element of its own, and a paragraph of
/// thousands (`[[[[…`, `....`) takes time in their square to typeset.
const MAX_ESCAPES: usize = 32;

fn escape_into(out: &mut String, text: &str) {
    let literal = text.bytes().filter(u8::is_ascii_punctuation).nth(MAX_ESCAPES).is_some();
    if literal {
        // `#"…";`: the semicolon ends the expression, so no text after it
        // (`.field`, `(…)`) continues it.
        out.push_str("#\"");
    }
    for c in text.chars() {
        match c {
            // Soft line breaks joined into a run of text, and tabs: spaces,
            // as in HTML. A newline could also end a heading's line.
            '\n' | '\r' | '\t' => out.push(' '),
            '"' | '\\' if literal => {
                out.push('\\');
                out.push(c);
            }
            c if c.is_ascii_punctuation() && !literal => {
                out.push('\\');
                out.push(c);
            }
            c if c.is_control() => {}
            // PDF/UA refuses text its font cannot draw: the replacement
            // character stands in (the writer warns where it is written).
            c if !drawable(c) => out.push(REPLACEMENT),
            c => out.push(c),
        }
    }
    if literal {
        out.push_str("\";");
    }
}

/// What a character the font lacks prints as: `�`, which DejaVu Sans draws.
const REPLACEMENT: char = '\u{fffd}';

/// Zero-width and formatting characters that draw nothing in any font.
pub fn is_invisible(c: char) -> bool {
    matches!(c, '\u{00ad}' | '\u{200b}'..='\u{200f}' | '\u{2028}'..='\u{202e}' | '\u{2060}'..='\u{2064}' | '\u{feff}')
}

/// A Typst string literal holding `text` to print: a character the font
/// lacks becomes the replacement character, as in [`escape`].
pub fn string(text: &str) -> String {
    literal(&printable(text))
}

/// `text` with each character the font lacks replaced by `�`.
pub fn printable(text: &str) -> String {
    text.chars().map(|c| if drawable(c) { c } else { REPLACEMENT }).collect()
}

/// A Typst string literal holding exactly `text`: an address or a file's
/// path, which the document uses but never prints as it is.
pub fn literal(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            c if c.is_control() => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Whether the PDF's font draws `c`, or `c` needs no drawing (spaces,
/// controls, zero-width characters).
pub fn drawable(c: char) -> bool {
    crate::fonts::covers(c) || c.is_whitespace() || c.is_control() || is_invisible(c)
}

/// The characters of `text` the PDF's font cannot draw, each once, in order.
pub fn undrawable(text: &str) -> Vec<char> {
    let mut found: Vec<char> = Vec::new();
    for c in text.chars().filter(|&c| !drawable(c)) {
        if !found.contains(&c) {
            found.push(c);
        }
    }
    found
}

/// A label literal, `<…>`, naming `name` whatever characters it has: ASCII
/// letters, digits and `-` stay, anything else becomes `_` and six hex
/// digits, so two names never share a label and the literal is always valid.
pub fn label(name: &str) -> String {
    let mut out = String::from("<b-");
    for c in name.chars() {
        if c.is_ascii_alphanumeric() || c == '-' {
            out.push(c);
        } else {
            out.push_str(&format!("_{:06x}", c as u32));
        }
    }
    out.push('>');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_every_markup_character() {
        assert_eq!(escape("# $x$ *a* _b_ @c <d> // e = f ] \\"), "\\# \\$x\\$ \\*a\\* \\_b\\_ \\@c \\<d\\> \\/\\/ e \\= f \\] \\\\");
        assert_eq!(escape("- item\n+ 1. `x` ~ 'q' \"q\" ... --"), "\\- item \\+ 1\\. \\`x\\` \\~ \\'q\\' \\\"q\\\" \\.\\.\\. \\-\\-");
        assert_eq!(escape("Қазақ тілі, 64,5\u{a0}%"), "Қазақ тілі\\, 64\\,5\u{a0}\\%");
        assert_eq!(escape("a\u{1b}b\u{7}"), "ab");
    }

    #[test]
    fn text_of_many_markup_characters_is_one_string() {
        assert_eq!(escape(&".".repeat(MAX_ESCAPES)), "\\.".repeat(MAX_ESCAPES));
        let many = format!("{}\"\\ #x\n", "[".repeat(MAX_ESCAPES));
        assert_eq!(escape(&many), format!("#\"{}\\\"\\\\ #x \";", "[".repeat(MAX_ESCAPES)));
    }

    #[test]
    fn strings_and_labels_hold_anything() {
        assert_eq!(literal("a \"b\" \\ c\nd\u{1}"), "\"a \\\"b\\\" \\\\ c\\nd\\u{1}\"");
        assert_eq!(string("a 🚗 b"), "\"a \u{fffd} b\"");
        assert_eq!(literal("/content/🚗.png"), "\"/content/🚗.png\"");
        assert_eq!(undrawable("🚗a🚗中"), ['🚗', '中']);
        assert_eq!(label("01-current#профили"), "<b-01-current_000023_00043f_000440_00043e_000444_000438_00043b_000438>");
        assert_ne!(label("a_b"), label("a-b"));
    }

    #[test]
    fn appended_origins_keep_their_place() {
        let source = crate::error::SourceText::shared("x.md", "abc");
        let mut outer = Markup::default();
        outer.raw("12345");
        let mut inner = Markup::default();
        inner.raw("ab");
        inner.origin(Span::new(source, 1..2));
        inner.raw("c");
        outer.append(inner);
        assert_eq!(outer.text, "12345abc");
        assert_eq!(outer.origins.iter().map(|(at, s)| (*at, s.range.clone())).collect::<Vec<_>>(), [(7, 1..2)]);
    }
}
