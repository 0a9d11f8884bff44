//! The one place that calls serde_yaml. Everything YAML an editor writes (the
//! site config, front matter, data files, UI strings, chart blocks) is a
//! [`Doc`]: its text as the parser sees it, and where each of its lines is in
//! the source file. [`Doc::parse`] turns serde_yaml's errors into located
//! [`Diagnostic`]s; [`Doc::locate`] finds where any value is, by its path, for
//! the checks made after deserialising (serde's types keep no positions).
//!
//! Input is screened first for what serde_yaml handles badly: deep flow
//! nesting (its own depth check costs time quadratic in the depth) and
//! duplicate keys (kept silently by typed structs, last wins).

use std::borrow::Cow;
use std::fmt;
use std::ops::Range;

use serde::de::{self, DeserializeOwned, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};

use crate::error::{Diagnostic, Source, did_you_mean};

/// Nesting deeper than this in `[`/`{` is refused before serde_yaml sees it.
const MAX_FLOW_DEPTH: usize = 64;
/// No report needs a YAML document larger than this.
const MAX_YAML_BYTES: usize = 4 * 1024 * 1024;

/// A YAML document inside a source file: the whole file, the part between
/// front-matter `---` lines, or a fenced block whose lines are prefixed in
/// the file (`> ` in a blockquote, indentation in a list item).
pub struct Doc<'a> {
    source: &'a Source,
    text: Cow<'a, str>,
    /// For each piece of `text`: its start in the text and in the source.
    pieces: Vec<(usize, usize)>,
}

/// A document's text and where its pieces are in the source, kept with what
/// was parsed from it so that later checks can still point into it.
pub struct Owned {
    text: String,
    pieces: Vec<(usize, usize)>,
}

impl Owned {
    pub fn doc<'a>(&'a self, source: &'a Source) -> Doc<'a> {
        Doc { source, text: Cow::Borrowed(&self.text), pieces: self.pieces.clone() }
    }
}

/// One step of a path into a document: a mapping key or a list index.
#[derive(Debug, Clone, Copy)]
pub enum Step<'p> {
    Key(&'p str),
    Index(usize),
}

impl<'a> Doc<'a> {
    pub fn whole(source: &'a Source) -> Doc<'a> {
        Doc { source, text: Cow::Borrowed(&source.text), pieces: vec![(0, 0)] }
    }

    /// A contiguous part of the source (front matter).
    pub fn part(source: &'a Source, range: Range<usize>) -> Doc<'a> {
        let start = range.start.min(source.text.len());
        let end = range.end.clamp(start, source.text.len());
        Doc { source, text: Cow::Borrowed(source.text.get(start..end).unwrap_or("")), pieces: vec![(0, start)] }
    }

    /// Text assembled from pieces, each with its byte offset in the source
    /// (the lines of a fenced block, as Markdown hands them over).
    pub fn pieces<'t>(source: &'a Source, pieces: impl IntoIterator<Item = (&'t str, usize)>) -> Doc<'a> {
        let mut text = String::new();
        let mut map = Vec::new();
        for (piece, at) in pieces {
            map.push((text.len(), at));
            text.push_str(piece);
        }
        if map.is_empty() {
            map.push((0, 0));
        }
        Doc { source, text: Cow::Owned(text), pieces: map }
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    pub fn into_owned(self) -> Owned {
        Owned { text: self.text.into_owned(), pieces: self.pieces }
    }

    /// The source offset of a byte offset of the text.
    pub fn source_offset(&self, at: usize) -> usize {
        let i = self.pieces.partition_point(|&(start, _)| start <= at).saturating_sub(1);
        let (start, in_source) = self.pieces[i];
        in_source + (at - start)
    }

    /// A diagnostic at a byte offset of the text, underlining its token.
    pub fn error_at(&self, at: usize, message: impl Into<String>) -> Diagnostic {
        self.source.error_at(self.source_offset(at), message)
    }

    /// A diagnostic at the value found at `path`, or at the document's start
    /// when the path does not exist.
    pub fn error_at_path(&self, path: &[Step], message: impl Into<String>) -> Diagnostic {
        self.error_at(self.locate(path).unwrap_or(0), message)
    }

    /// Deserialise the document, screened first; errors are located in the source.
    pub fn parse<T: DeserializeOwned>(&self) -> Result<T, Diagnostic> {
        self.screen()?;
        if self.text.trim().is_empty() {
            let d = if self.source.text.trim().is_empty() {
                Diagnostic::file(&self.source.path, "empty YAML document")
            } else {
                self.error_at(0, "empty YAML document")
            };
            return Err(d.with_hint("write the required fields, see README.md"));
        }
        // First as a generic value: unlike typed structs and maps, serde_yaml's
        // `Mapping` refuses duplicate keys, so this catches them anywhere.
        if let Err(e) = serde_yaml::from_str::<serde_yaml::Value>(&self.text) {
            return Err(self.located(&e));
        }
        serde_yaml::from_str::<T>(&self.text).map_err(|e| self.located(&e))
    }

    /// Where the value at `path` starts, as a byte offset of the text: found by
    /// serde_yaml itself (a seed that stops with an error when it reaches the
    /// value; the error carries the value's position), so it is right for any
    /// key order, flow or block style. `None` when the path does not exist.
    pub fn locate(&self, path: &[Step]) -> Option<usize> {
        self.find(path, false)
    }

    /// Where the key that ends `path` is written (for problems with a whole
    /// entry, such as a UI string lacking a plural form).
    pub fn locate_key(&self, path: &[Step]) -> Option<usize> {
        self.find(path, true)
    }

    fn find(&self, path: &[Step], key: bool) -> Option<usize> {
        if self.screen().is_err() {
            return None;
        }
        let de = serde_yaml::Deserializer::from_str(&self.text);
        let err = Finder { path, key }.deserialize(de).err()?;
        // serde_yaml puts the path in front of messages ("series[0].values: …").
        if err.to_string().contains(FOUND) {
            let loc = err.location()?;
            Some(self.text_offset(loc.line(), loc.column()))
        } else {
            None
        }
    }

    /// Positions quoted inside a message ("while scanning a quoted scalar at
    /// line 7 column 12") counted in the file, not in the document.
    fn file_positions(&self, message: &str) -> String {
        const AT: &str = " at line ";
        let mut out = String::new();
        let mut rest = message;
        while let Some(i) = rest.find(AT) {
            out.push_str(&rest[..i]);
            let after = &rest[i + AT.len()..];
            let line: String = after.chars().take_while(char::is_ascii_digit).collect();
            let tail = &after[line.len()..];
            let column: String = tail.strip_prefix(" column ").map(|t| t.chars().take_while(char::is_ascii_digit).collect()).unwrap_or_default();
            match (line.parse::<usize>(), column.parse::<usize>()) {
                (Ok(l), Ok(c)) => {
                    let (fl, fc) = self.source.line_col(self.source_offset(self.text_offset(l, c)));
                    out.push_str(&format!("{AT}{fl} column {fc}"));
                    rest = &tail[" column ".len() + column.len()..];
                }
                _ => {
                    out.push_str(AT);
                    rest = after;
                }
            }
        }
        out.push_str(rest);
        out
    }

    /// Byte offset in the text of serde_yaml's 1-based line and column (in characters).
    fn text_offset(&self, line: usize, column: usize) -> usize {
        let start = self.text.split_inclusive('\n').take(line.saturating_sub(1)).map(str::len).sum::<usize>();
        let rest = &self.text[start.min(self.text.len())..];
        let line_text = rest.split('\n').next().unwrap_or("");
        start + line_text.char_indices().nth(column.saturating_sub(1)).map_or(line_text.len(), |(i, _)| i)
    }

    /// Refuse what serde_yaml would take too long or too much memory over.
    /// The nesting count takes every bracket, quoted or not: a sound upper
    /// bound on the flow depth, in one linear pass.
    fn screen(&self) -> Result<(), Diagnostic> {
        let text = &self.text;
        if text.len() > MAX_YAML_BYTES {
            return Err(self.error_at(0, format!("YAML document is too large ({} bytes, the limit is {MAX_YAML_BYTES} bytes)", text.len())));
        }
        let mut at_line_start = true;
        let mut depth = 0usize;
        for (i, c) in text.char_indices() {
            match c {
                '\t' if at_line_start => return Err(self.error_at(i, "tab character in indentation").with_hint("YAML indents with spaces only")),
                '[' | '{' => {
                    depth += 1;
                    if depth > MAX_FLOW_DEPTH {
                        let hint = "brackets count wherever they are, also inside quoted text";
                        return Err(self.error_at(i, format!("YAML nesting deeper than {MAX_FLOW_DEPTH} levels")).with_hint(hint));
                    }
                }
                ']' | '}' => depth = depth.saturating_sub(1),
                _ => {}
            }
            at_line_start = c == '\n' || (at_line_start && c == ' ');
        }
        Ok(())
    }

    fn located(&self, e: &serde_yaml::Error) -> Diagnostic {
        let message = self.file_positions(&clean_message(&e.to_string()));
        let d = match e.location() {
            Some(loc) => {
                let (mut line, mut column) = (loc.line(), loc.column());
                // serde_yaml places duplicates at the start of their mapping:
                // point at the second occurrence, where the fix is.
                if let Some((l, c)) = duplicate_key(&message).and_then(|key| second_occurrence(&self.text, line, column, key)) {
                    (line, column) = (l, c);
                }
                self.error_at(self.text_offset(line, column).min(self.text.trim_end().len()), &message)
            }
            None => Diagnostic::file(&self.source.path, &message),
        };
        d.with_hint_opt(hint_for(&message))
    }
}

const FOUND: &str = "\u{0}found";

/// Walks a document down `path` with serde_yaml's own parser and stops with
/// the error [`FOUND`] at the value the path names (or at its key).
struct Finder<'p> {
    path: &'p [Step<'p>],
    key: bool,
}

impl<'de> DeserializeSeed<'de> for Finder<'_> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        if self.path.is_empty() {
            // Any type will do: the error is raised where the value begins.
            return d.deserialize_any(Here);
        }
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Finder<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any YAML value")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let (Some(Step::Key(key)), rest) = (self.path.first(), &self.path[1..]) else { return drain_map(map) };
        let stop_at_key = self.key && rest.is_empty();
        while let Some(k) = map.next_key_seed(KeySeed { stop_at: stop_at_key.then_some(*key) })? {
            if k.0 == *key {
                map.next_value_seed(Finder { path: rest, key: self.key })?;
            } else {
                map.next_value::<IgnoredAny>()?;
            }
        }
        Ok(())
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        let (Some(Step::Index(index)), rest) = (self.path.first(), &self.path[1..]) else { return drain_seq(seq) };
        let mut i = 0;
        while i < *index {
            if seq.next_element::<IgnoredAny>()?.is_none() {
                return Ok(());
            }
            i += 1;
        }
        seq.next_element_seed(Finder { path: rest, key: self.key })?;
        drain_seq(seq)
    }

    fn visit_bool<E: de::Error>(self, _: bool) -> Result<(), E> {
        Ok(())
    }
    fn visit_i64<E: de::Error>(self, _: i64) -> Result<(), E> {
        Ok(())
    }
    fn visit_u64<E: de::Error>(self, _: u64) -> Result<(), E> {
        Ok(())
    }
    fn visit_f64<E: de::Error>(self, _: f64) -> Result<(), E> {
        Ok(())
    }
    fn visit_str<E: de::Error>(self, _: &str) -> Result<(), E> {
        Ok(())
    }
    fn visit_unit<E: de::Error>(self) -> Result<(), E> {
        Ok(())
    }
}

fn drain_map<'de, A: MapAccess<'de>>(mut map: A) -> Result<(), A::Error> {
    while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
    Ok(())
}

fn drain_seq<'de, A: SeqAccess<'de>>(mut seq: A) -> Result<(), A::Error> {
    while seq.next_element::<IgnoredAny>()?.is_some() {}
    Ok(())
}

/// The value the path names: stop here.
struct Here;

impl<'de> Visitor<'de> for Here {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any YAML value")
    }

    fn visit_map<A: MapAccess<'de>>(self, _: A) -> Result<(), A::Error> {
        Err(de::Error::custom(FOUND))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, _: A) -> Result<(), A::Error> {
        Err(de::Error::custom(FOUND))
    }
    fn visit_bool<E: de::Error>(self, _: bool) -> Result<(), E> {
        Err(E::custom(FOUND))
    }
    fn visit_i64<E: de::Error>(self, _: i64) -> Result<(), E> {
        Err(E::custom(FOUND))
    }
    fn visit_u64<E: de::Error>(self, _: u64) -> Result<(), E> {
        Err(E::custom(FOUND))
    }
    fn visit_f64<E: de::Error>(self, _: f64) -> Result<(), E> {
        Err(E::custom(FOUND))
    }
    fn visit_str<E: de::Error>(self, _: &str) -> Result<(), E> {
        Err(E::custom(FOUND))
    }
    fn visit_unit<E: de::Error>(self) -> Result<(), E> {
        Err(E::custom(FOUND))
    }
}

/// A mapping key of any scalar type, as text (`2023:` is a number to YAML).
struct KeyText(String);

/// Reads a key; with `stop_at`, stops with [`FOUND`] at that key.
struct KeySeed<'k> {
    stop_at: Option<&'k str>,
}

impl<'de> DeserializeSeed<'de> for KeySeed<'_> {
    type Value = KeyText;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<KeyText, D::Error> {
        struct V<'k>(Option<&'k str>);
        impl<'de> Visitor<'de> for V<'_> {
            type Value = KeyText;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a key")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<KeyText, E> {
                if self.0 == Some(v) {
                    return Err(E::custom(FOUND));
                }
                Ok(KeyText(v.to_string()))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<KeyText, E> {
                Ok(KeyText(v.to_string()))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<KeyText, E> {
                Ok(KeyText(v.to_string()))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<KeyText, E> {
                Ok(KeyText(v.to_string()))
            }
            fn visit_bool<E: de::Error>(self, v: bool) -> Result<KeyText, E> {
                Ok(KeyText(v.to_string()))
            }
            fn visit_unit<E: de::Error>(self) -> Result<KeyText, E> {
                Ok(KeyText(String::new()))
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<KeyText, A::Error> {
                drain_map(map).map(|_| KeyText(String::new()))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<KeyText, A::Error> {
                drain_seq(seq).map(|_| KeyText(String::new()))
            }
        }
        d.deserialize_any(V(self.stop_at))
    }
}

/// serde_yaml appends " at line L column C" to its messages; we print the
/// position in front instead, as compilers do. Later positions (", while
/// scanning a quoted scalar at line 7 column 12") stay, counted from the
/// start of the document. Rust type names become words editors know.
fn clean_message(raw: &str) -> String {
    let raw = raw.strip_prefix("Error(").unwrap_or(raw);
    let mut msg = match raw.find(" at line ") {
        Some(i) => {
            let rest = &raw[i + " at line ".len()..];
            let after = rest.find(',').map_or("", |j| &rest[j..]);
            format!("{}{after}", &raw[..i])
        }
        None => raw.to_string(),
    };
    for (rust, words) in [
        ("expected i32", "expected a whole number"),
        ("expected i64", "expected a whole number"),
        ("expected u32", "expected a whole number from 0"),
        ("expected u8", "expected a whole number from 0 to 255"),
        ("expected f64", "expected a number"),
        ("expected a boolean", "expected `true` or `false`"),
        ("expected a sequence", "expected a list"),
        ("floating point `", "number `"),
    ] {
        msg = msg.replace(rust, words);
    }
    // A whole number too large for its field arrives as a float, or as a
    // u128 the generic first pass cannot hold.
    if msg.contains("invalid type: number `") && msg.contains("expected a whole number") {
        msg += " of a reasonable size";
    }
    if let Some(at) = msg.find("invalid type: integer `").filter(|_| msg.contains(" as u128") || msg.contains(" as i128")) {
        let number = msg[at + "invalid type: integer `".len()..].split('`').next().unwrap_or_default().to_string();
        msg = format!("{}the number `{number}` is too large", &msg[..at]);
    }
    if msg.starts_with("repetition limit exceeded") || msg.starts_with("recursion limit exceeded") {
        return format!("{msg} (aliases or nesting expand too far)");
    }
    msg
}

/// The key named by "duplicate entry with key \"x\"" or "duplicate field `x`".
fn duplicate_key(message: &str) -> Option<&str> {
    let (at, len) = ["duplicate entry with key \"", "duplicate field `"].iter().find_map(|p| message.find(p).map(|i| (i, p.len())))?;
    message[at + len..].split(['"', '`']).next()
}

/// Line and column of the second `key:` of the block mapping whose first key
/// is at `line`:`column`.
fn second_occurrence(text: &str, line: usize, column: usize, key: &str) -> Option<(usize, usize)> {
    let mut seen = 0;
    for (i, l) in text.lines().enumerate().skip(line.saturating_sub(1)) {
        let content = l.trim_start_matches([' ', '-']);
        if content.is_empty() || content.starts_with('#') {
            continue;
        }
        let indent = l.chars().count() - content.chars().count() + 1;
        if indent < column && i + 1 > line {
            break;
        }
        if indent == column && content.strip_prefix(key).is_some_and(|r| r.trim_start().starts_with(':')) {
            seen += 1;
            if seen == 2 {
                return Some((i + 1, column));
            }
        }
    }
    None
}

fn hint_for(message: &str) -> Option<String> {
    // "unknown field `valeu`, expected one of `label`, `value`" and its variant
    // twin, also when serde_yaml puts the path in front ("report: unknown field …").
    for kind in ["unknown field `", "unknown variant `"] {
        if let Some(at) = message.find(kind) {
            let message = &message[at..];
            let unknown = message[kind.len()..].split('`').next()?;
            let expected: Vec<&str> = message.split('`').skip(3).step_by(2).collect();
            return did_you_mean(unknown, expected.iter().copied());
        }
    }
    if duplicate_key(message).is_some() {
        return Some("remove one of the two entries".into());
    }
    if message.contains("is not a valid id") {
        return Some("for example `current-situation`, `2025-jan-oct` or `survey_2024`".into());
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::SourceText;
    use serde::Deserialize;

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Point {
        label: String,
        value: f64,
    }

    fn parse_point(text: &str) -> Result<Point, Diagnostic> {
        Doc::whole(&SourceText::shared("p.yaml", text)).parse()
    }

    #[test]
    fn unknown_field_is_located_with_suggestion() {
        let d = parse_point("label: a\nvaleu: 3\n").unwrap_err();
        assert_eq!(d.headline(), "p.yaml:2:1: unknown field `valeu`, expected `label` or `value`");
        assert_eq!(d.hint.as_deref(), Some("did you mean `value`?"));
    }

    #[test]
    fn duplicate_keys_point_at_the_second_occurrence() {
        let d = parse_point("label: a\nvalue: 1\nvalue: 2\n").unwrap_err();
        assert_eq!(d.headline(), "p.yaml:3:1: duplicate entry with key \"value\"");
        let file = SourceText::shared("n.yaml", "outer:\n  a: 1\n  b:\n    a: 5\n  a: 2\n");
        let d = Doc::whole(&file).parse::<serde_yaml::Value>().unwrap_err();
        assert_eq!(d.headline(), "n.yaml:5:3: outer: duplicate entry with key \"a\"");
    }

    #[test]
    fn syntax_errors_keep_where_the_construct_began() {
        let d = parse_point("label: \"open\nvalue: 1\n").unwrap_err();
        assert!(d.message.contains("while scanning a quoted scalar at line 1 column 8"), "{}", d.message);
    }

    #[test]
    fn nested_unknown_fields_get_suggestions_and_plain_types() {
        #[derive(Debug, Deserialize)]
        #[serde(deny_unknown_fields)]
        #[allow(dead_code)]
        struct Outer {
            inner: Point,
        }
        let file = SourceText::shared("o.yaml", "inner:\n  label: a\n  valeu: 1\n");
        let d = Doc::whole(&file).parse::<Outer>().unwrap_err();
        assert_eq!(d.hint.as_deref(), Some("did you mean `value`?"));
        let d = parse_point("label: a\nvalue: many\n").unwrap_err();
        assert!(d.message.ends_with("expected a number"), "{}", d.message);
    }

    #[test]
    fn positions_inside_front_matter_count_from_file_start() {
        let file = SourceText::shared("p.md", "---\nlabel: a\nvalue: x\n---\nbody");
        let d = Doc::part(&file, 4..21).parse::<Point>().unwrap_err();
        assert_eq!(d.position(), Some((3, 8)));
    }

    #[test]
    fn positions_inside_prefixed_blocks_map_back_to_the_file() {
        // A chart block inside a blockquote: the parser sees the text without `> `.
        let file = SourceText::shared("q.md", "> ```chart\n> label: Алматы\n> valeu: 1\n> ```\n");
        let lines: Vec<(&str, usize)> = vec![("label: Алматы\n", 13), ("valeu: 1\n", 13 + "label: Алматы\n".len() + 2)];
        let d = Doc::pieces(&file, lines).parse::<Point>().unwrap_err();
        assert_eq!(d.headline(), "q.md:3:3: unknown field `valeu`, expected `label` or `value`");
    }

    #[test]
    fn locate_finds_values_by_path_whatever_the_key_order() {
        let text = "series:\n  - id: a\n    values: [1, 2]\n  - {id: b, values: [3]}\ncategories:\n  - id: x\n";
        let file = SourceText::shared("d.yaml", text);
        let doc = Doc::whole(&file);
        let at = |path: &[Step]| doc.locate(path).map(|o| file.line_col(o));
        assert_eq!(at(&[Step::Key("series"), Step::Index(0), Step::Key("values")]), Some((3, 13)));
        assert_eq!(at(&[Step::Key("series"), Step::Index(1), Step::Key("values")]), Some((4, 21)));
        assert_eq!(at(&[Step::Key("categories"), Step::Index(0), Step::Key("id")]), Some((6, 9)));
        assert_eq!(at(&[Step::Key("nothing")]), None);
        assert_eq!(at(&[Step::Key("series"), Step::Index(5)]), None);
    }

    #[test]
    fn deep_flow_nesting_is_refused_quickly() {
        let d = parse_point(&"[".repeat(100_000)).unwrap_err();
        assert_eq!(d.headline(), "p.yaml:1:65: YAML nesting deeper than 64 levels");
        // Apostrophes do not hide brackets from the screen.
        let d = parse_point(&format!("a: [it's, {}", "[".repeat(1000))).unwrap_err();
        assert!(d.message.starts_with("YAML nesting deeper"), "{}", d.message);
    }

    #[test]
    fn tabs_in_indentation_are_refused() {
        let d = parse_point("label: a\n\tvalue: 1\n").unwrap_err();
        assert_eq!(d.headline(), "p.yaml:2:1: tab character in indentation");
    }

    #[test]
    fn huge_whole_numbers_read_plainly() {
        #[derive(Debug, Deserialize)]
        #[allow(dead_code)]
        struct Order {
            order: i64,
        }
        let file = SourceText::shared("o.md", "order: 99999999999999999999999\n");
        let d = Doc::whole(&file).parse::<Order>().unwrap_err();
        assert!(!d.message.contains("i64") && !d.message.contains("floating point"), "{}", d.message);
    }
}
