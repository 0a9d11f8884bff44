//! The one place that calls serde_yaml. Everything YAML an editor writes (the
//! site config, front matter, data files, UI strings, chart blocks) comes
//! through [`parse`], which turns serde_yaml's errors into located
//! [`Diagnostic`]s and screens input for what serde_yaml handles badly:
//! duplicate keys (kept silently, last wins), and deep flow nesting (its own
//! depth check costs time quadratic in the depth).

use std::ops::Range;

use serde::de::DeserializeOwned;

use crate::error::{Diagnostic, SourceText, did_you_mean};

/// Nesting deeper than this in `[`/`{` is refused before serde_yaml sees it.
const MAX_FLOW_DEPTH: usize = 64;
/// No report needs a YAML document larger than this.
const MAX_YAML_BYTES: usize = 4 * 1024 * 1024;

/// Parse the YAML held in `range` of `file` (all of it for data files, the
/// part between the `---` lines for front matter). Positions in errors are
/// positions in `file`.
pub fn parse<T: DeserializeOwned>(file: &SourceText, range: Range<usize>) -> Result<T, Diagnostic> {
    let text = &file.text[range.clone()];
    let line_offset = file.text[..range.start].matches('\n').count();
    screen(file, text, range.start)?;
    if text.trim().is_empty() {
        return Err(file.error_at(range.start, "empty YAML document").with_hint("write the required fields, see README.md"));
    }
    // First as a generic value: unlike typed structs and maps, serde_yaml's
    // `Mapping` refuses duplicate keys, so this catches them anywhere.
    if let Err(e) = serde_yaml::from_str::<serde_yaml::Value>(text) {
        return Err(located(file, &e, line_offset, range.start));
    }
    serde_yaml::from_str::<T>(text).map_err(|e| located(file, &e, line_offset, range.start))
}

/// Parse without diagnostics, for quick pre-scans whose input is parsed
/// again, with full error reporting, later in the build.
pub fn lenient<T: DeserializeOwned>(text: &str) -> Option<T> {
    if text.len() > MAX_YAML_BYTES { None } else { serde_yaml::from_str(text).ok() }
}

fn screen(file: &SourceText, text: &str, base: usize) -> Result<(), Diagnostic> {
    if text.len() > MAX_YAML_BYTES {
        return Err(Diagnostic::file(&file.path, format!("YAML document is too large ({} bytes, the limit is {} bytes)", text.len(), MAX_YAML_BYTES)));
    }
    if let Some(pos) = text.find('\t') {
        let line_start = text[..pos].rfind('\n').map_or(0, |i| i + 1);
        if text[line_start..pos].chars().all(|c| c == ' ' || c == '\t') {
            return Err(file.error_at(base + pos, "tab character in indentation").with_hint("YAML indents with spaces only"));
        }
    }
    let mut depth = 0usize;
    let (mut in_single, mut in_double) = (false, false);
    for (i, c) in text.char_indices() {
        match c {
            '\'' if !in_double => in_single = !in_single,
            '"' if !in_single => in_double = !in_double,
            '\n' => (in_single, in_double) = (false, false),
            '[' | '{' if !in_single && !in_double => {
                depth += 1;
                if depth > MAX_FLOW_DEPTH {
                    return Err(file.error_at(base + i, format!("YAML nesting deeper than {MAX_FLOW_DEPTH} levels")));
                }
            }
            ']' | '}' if !in_single && !in_double => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    Ok(())
}

fn located(file: &SourceText, e: &serde_yaml::Error, line_offset: usize, base: usize) -> Diagnostic {
    let message = clean_message(&e.to_string(), line_offset);
    let text_lines = file.text.lines().count().max(1);
    let mut d = match e.location() {
        Some(loc) => {
            let (mut line, mut column) = (loc.line() + line_offset, loc.column());
            if loc.line() == 1 {
                column += file.line_col(base).1 - 1;
            }
            // serde_yaml places duplicates at the start of their mapping:
            // point at the second occurrence, where the fix is.
            if let Some((l, c)) = duplicate_key(&message).and_then(|key| second_occurrence(&file.text, line, column, key)) {
                (line, column) = (l, c);
            }
            if line > text_lines {
                // "missing field" at the end of a document points past its last line.
                (line, column) = (text_lines, 1);
            }
            file.error_at_line(line, column, &message)
        }
        None => Diagnostic::file(&file.path, &message),
    };
    d.hint = hint_for(&message);
    d
}

/// serde_yaml appends " at line L column C" to its messages; we print the
/// position in front instead, as compilers do. Later positions (", while
/// scanning a quoted scalar at line 7 column 12") stay, counted from the
/// start of the file. Rust type names become words editors know.
fn clean_message(raw: &str, line_offset: usize) -> String {
    let raw = raw.strip_prefix("Error(").unwrap_or(raw);
    let mut msg = match raw.find(" at line ") {
        Some(i) => {
            let rest = &raw[i + " at line ".len()..];
            let after = rest.find(',').map_or("", |j| &rest[j..]);
            format!("{}{}", &raw[..i], shift_lines(after, line_offset))
        }
        None => raw.to_string(),
    };
    for (rust, words) in [
        ("expected i32", "expected a whole number"),
        ("expected i64", "expected a whole number"),
        ("expected u8", "expected a whole number from 0 to 255"),
        ("expected f64", "expected a number"),
        ("expected a boolean", "expected `true` or `false`"),
        ("expected a sequence", "expected a list"),
    ] {
        msg = msg.replace(rust, words);
    }
    if msg.starts_with("repetition limit exceeded") || msg.starts_with("recursion limit exceeded") {
        return format!("{msg} (aliases or nesting expand too far)");
    }
    msg
}

fn shift_lines(text: &str, offset: usize) -> String {
    let Some(i) = text.find(" at line ") else { return text.to_string() };
    let start = i + " at line ".len();
    let digits: String = text[start..].chars().take_while(char::is_ascii_digit).collect();
    match digits.parse::<usize>() {
        Ok(n) => format!("{}{}{}", &text[..start], n + offset, &text[start + digits.len()..]),
        Err(_) => text.to_string(),
    }
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
    None
}

/// Byte offset of the `nth` (0-based) line that defines `key:` (as a mapping
/// key, possibly after `- `), for errors found after deserialising, when
/// serde no longer knows positions. Falls back to the start of the text.
pub fn find_key(text: &str, key: &str, nth: usize) -> usize {
    let mut seen = 0;
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim_start_matches([' ', '-', '{']);
        if trimmed.strip_prefix(key).is_some_and(|rest| rest.starts_with(':')) {
            if seen == nth {
                return offset + (line.len() - trimmed.len());
            }
            seen += 1;
        }
        offset += line.len();
    }
    0
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Point {
        label: String,
        value: f64,
    }

    fn parse_point(text: &str) -> Result<Point, Diagnostic> {
        let file = SourceText::new("p.yaml", text);
        parse(&file, 0..text.len())
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
        let file = SourceText::new("n.yaml", "outer:\n  a: 1\n  b:\n    a: 5\n  a: 2\n");
        let d = parse::<serde_yaml::Value>(&file, 0..file.text.len()).unwrap_err();
        assert_eq!(d.headline(), "n.yaml:5:3: outer: duplicate entry with key \"a\"");
    }

    #[test]
    fn syntax_errors_keep_where_the_construct_began() {
        let text = "label: \"open\nvalue: 1\n";
        let d = parse_point(text).unwrap_err();
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
        let file = SourceText::new("o.yaml", "inner:\n  label: a\n  valeu: 1\n");
        let d = parse::<Outer>(&file, 0..file.text.len()).unwrap_err();
        assert_eq!(d.hint.as_deref(), Some("did you mean `value`?"));
        let d = parse_point("label: a\nvalue: many\n").unwrap_err();
        assert!(d.message.ends_with("expected a number"), "{}", d.message);
    }

    #[test]
    fn positions_inside_front_matter_count_from_file_start() {
        let text = "---\nlabel: a\nvalue: x\n---\nbody";
        let file = SourceText::new("p.md", text);
        let d = parse::<Point>(&file, 4..21).unwrap_err();
        assert_eq!(d.position.map(|p| p.0), Some(3));
    }

    #[test]
    fn deep_flow_nesting_is_refused_quickly() {
        let text = "[".repeat(100_000);
        let d = parse_point(&text).unwrap_err();
        assert_eq!(d.headline(), "p.yaml:1:65: YAML nesting deeper than 64 levels");
    }

    #[test]
    fn tabs_in_indentation_are_refused() {
        let d = parse_point("label: a\n\tvalue: 1\n").unwrap_err();
        assert_eq!(d.headline(), "p.yaml:2:1: tab character in indentation");
    }

    #[test]
    fn find_key_finds_nth_definition() {
        let text = "a:\n  - code: kk\n  - code: ru\n";
        assert_eq!(&text[find_key(text, "code", 1)..][..8], "code: ru");
    }
}
