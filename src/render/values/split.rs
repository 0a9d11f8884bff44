//! Prose split at its `{{ … }}` references, each with its position in the
//! page's source: the one scanner of `{{`.

use std::borrow::Cow;
use std::ops::Range;

/// A run of text split at its references. Plain text borrows the page's
/// source where it is written there as it reads (most text): every page's
/// runs are held at once, and copying them cost memory and time.
#[derive(Debug, PartialEq, Eq)]
pub enum Segment<'s> {
    Plain(Cow<'s, str>),
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

impl Segment<'_> {
    /// The data files a reference reads (none for a figure reference or
    /// one that cannot be read, whose error the render stage reports).
    pub fn datasets(&self) -> Vec<String> {
        match self {
            Segment::Reference { inner, .. } => super::expr::datasets(inner),
            _ => Vec::new(),
        }
    }
}

/// Split text made of pieces of `source` — each as parsed and the byte
/// range where it is written — into plain text and references. The pieces'
/// texts are joined first, so a reference may span a line break; positions
/// are mapped back to the source piece by piece (inside a piece whose text
/// differs from the source, by counting `{{`).
pub fn split<'e, 's>(source: &'s str, pieces: impl Iterator<Item = (&'e str, Range<usize>)>) -> Vec<Segment<'s>> {
    let mut map: Vec<(usize, &str, &str, usize)> = Vec::new();
    let mut joined = 0;
    for (parsed, range) in pieces {
        map.push((joined, parsed, &source[range.clone()], range.start));
        joined += parsed.len();
    }
    // Pieces that read as written, one after another: the text is the
    // source itself.
    let as_written = map.windows(2).all(|w| w[0].3 + w[0].2.len() == w[1].3) && map.iter().all(|p| p.1 == p.2);
    let text: Cow<'s, str> = match (map.first(), map.last()) {
        (Some(first), Some(last)) if as_written => Cow::Borrowed(&source[first.3..last.3 + last.2.len()]),
        _ => Cow::Owned(map.iter().map(|p| p.1).collect()),
    };
    let plain = |range: Range<usize>| {
        Segment::Plain(match &text {
            Cow::Borrowed(all) => Cow::Borrowed(&all[range]),
            Cow::Owned(all) => Cow::Owned(all[range].to_string()),
        })
    };
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
    let mut segments = Vec::with_capacity(1);
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
            segments.push(plain(rest..open));
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
                segments.push(plain(open..to));
                rest = to;
            }
        }
    }
    if rest < text.len() || segments.is_empty() {
        segments.push(plain(rest..text.len()));
    }
    // Every run of every page is held at once, and most are one segment.
    segments.shrink_to_fit();
    segments
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `pieces` as (parsed, as written, offset), laid out in a source of
    /// their own: the written text at its offset, dots between.
    fn refs(pieces: &[(&str, &str, usize)]) -> Vec<Segment<'static>> {
        let end = pieces.iter().map(|p| p.2 + p.1.len()).max().unwrap_or(0);
        let mut source = vec![b'.'; end];
        for (_, raw, at) in pieces {
            source[*at..at + raw.len()].copy_from_slice(raw.as_bytes());
        }
        let source: &'static str = String::from_utf8(source).unwrap().leak();
        split(source, pieces.iter().map(|(parsed, raw, at)| (*parsed, *at..at + raw.len())))
    }

    #[test]
    fn splits_references_across_pieces_with_source_spans() {
        let got = refs(&[("Cases rose to {{", "Cases rose to {{", 10), ("\n", "\n", 26), ("cases.2024 }}.", "cases.2024 }}.", 27)]);
        assert_eq!(got, [Segment::Plain("Cases rose to ".into()), Segment::Reference { inner: "cases.2024".into(), span: 24..40 }, Segment::Plain(".".into())]);
    }

    #[test]
    fn text_as_written_is_borrowed_from_the_source() {
        let got = refs(&[("a b", "a b", 0), ("\n", "\n", 3), ("c {{ x.y }} d", "c {{ x.y }} d", 4)]);
        assert!(matches!(&got[0], Segment::Plain(Cow::Borrowed("a b\nc "))), "{got:?}");
        assert!(matches!(&got[2], Segment::Plain(Cow::Borrowed(" d"))), "{got:?}");
        let got = refs(&[("a & b", "a &amp; b", 0)]);
        assert!(matches!(&got[..], [Segment::Plain(Cow::Owned(t))] if t == "a & b"), "{got:?}");
        let got = refs(&[("a", "a", 0), ("b", "b", 5)]);
        assert!(matches!(&got[..], [Segment::Plain(Cow::Owned(t))] if t == "ab"), "pieces apart are joined: {got:?}");
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
