//! Prose split at its `{{ … }}` references, each with its position in the
//! page's source: the one scanner of `{{`.

use std::ops::Range;

/// A run of text split at its references.
#[derive(Debug, PartialEq, Eq)]
pub enum Segment {
    Plain(String),
    /// `{{ inner }}`, trimmed; `span` is its byte range in the page's source.
    Reference {
        inner: String,
        span: Range<usize>,
    },
    /// A `{{` that is not closed before the next `{{` or the end of the text.
    Unclosed {
        at: usize,
    },
}

impl Segment {
    /// The data files a reference reads (none for a figure reference or
    /// one that cannot be read, whose error the render stage reports).
    pub fn datasets(&self) -> Vec<String> {
        match self {
            Segment::Reference { inner, .. } => super::expr::datasets(inner),
            _ => Vec::new(),
        }
    }
}

/// Split text made of pieces — each as parsed, as written in the source,
/// and the source offset where it is written — into plain text and
/// references. The pieces' texts are joined first, so a reference may span
/// a line break; positions are mapped back to the source piece by piece
/// (inside a piece whose text differs from the source, by counting `{{`).
pub fn split<'t>(pieces: impl Iterator<Item = (&'t str, &'t str, usize)>) -> Vec<Segment> {
    let mut text = String::new();
    let mut map: Vec<(usize, &str, &str, usize)> = Vec::new();
    for (parsed, raw, at) in pieces {
        map.push((text.len(), parsed, raw, at));
        text.push_str(parsed);
    }
    // The source offset of the `mark` (`{{` or `}}`) at `offset` of the text.
    let source_of = |offset: usize, mark: &str| -> usize {
        let i = map.partition_point(|p| p.0 <= offset).saturating_sub(1);
        let Some(&(start, parsed, raw, at)) = map.get(i) else { return 0 };
        let delta = offset - start;
        if parsed == raw {
            return at + delta;
        }
        let nth = parsed.get(..delta).map_or(0, |before| before.matches(mark).count());
        at + raw.match_indices(mark).nth(nth).map_or(0, |(j, _)| j)
    };
    let mut segments = Vec::new();
    let mut rest = 0;
    // The next `}}` at or after a position, remembered: searching afresh
    // from every `{{` of a text with none would take quadratic time.
    let mut next_close: Option<(usize, Option<usize>)> = None;
    while let Some(open) = text[rest..].find("{{").map(|i| rest + i) {
        let close = match next_close {
            Some((from, found)) if from <= open + 2 && found.is_none_or(|c| c >= open + 2) => found,
            _ => {
                let found = text[open + 2..].find("}}").map(|i| open + 2 + i);
                next_close = Some((open + 2, found));
                found
            }
        };
        let reopened = text[open + 2..].find("{{").map(|i| open + 2 + i);
        if open > rest {
            segments.push(Segment::Plain(text[rest..open].to_string()));
        }
        match close {
            Some(close) if reopened.is_none_or(|r| r > close) => {
                let start = source_of(open, "{{");
                let end = source_of(close, "}}") + 2;
                segments.push(Segment::Reference { inner: text[open + 2..close].trim().to_string(), span: start..end.max(start + 2) });
                rest = close + 2;
            }
            _ => {
                segments.push(Segment::Unclosed { at: source_of(open, "{{") });
                let to = reopened.unwrap_or(text.len());
                segments.push(Segment::Plain(text[open..to].to_string()));
                rest = to;
            }
        }
    }
    if rest < text.len() || segments.is_empty() {
        segments.push(Segment::Plain(text[rest..].to_string()));
    }
    segments
}

#[cfg(test)]
mod tests {
    use super::*;

    fn refs(pieces: &[(&str, &str, usize)]) -> Vec<Segment> {
        split(pieces.iter().copied())
    }

    #[test]
    fn splits_references_across_pieces_with_source_spans() {
        let got = refs(&[("Cases rose to {{", "Cases rose to {{", 10), ("\n", "\n", 26), ("cases.2024 }}.", "cases.2024 }}.", 27)]);
        assert_eq!(got, [Segment::Plain("Cases rose to ".into()), Segment::Reference { inner: "cases.2024".into(), span: 24..40 }, Segment::Plain(".".into())]);
    }

    #[test]
    fn maps_positions_through_entities() {
        // `&amp;` is one character once parsed: the `{{` is found by counting.
        let got = refs(&[("a & {{ x.y }}", "a &amp; {{ x.y }}", 100)]);
        assert_eq!(got[1], Segment::Reference { inner: "x.y".into(), span: 108..117 });
    }

    #[test]
    fn unclosed_braces_are_reported_and_kept_as_text() {
        let got = refs(&[("a {{ b {{ c.d }}", "a {{ b {{ c.d }}", 0)]);
        assert_eq!(got[1], Segment::Unclosed { at: 2 });
        assert!(matches!(&got[3], Segment::Reference { inner, .. } if inner == "c.d"));
        assert!(got[0].datasets().is_empty());
        assert_eq!(got[3].datasets(), ["c"]);
    }
}
