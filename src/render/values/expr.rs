//! What is written between `{{` and `}}`, read into an expression: a value
//! (`cases.2024`), a computation on values (`change(cases.2023, cases.2024)`)
//! and filters after `|` (`| decimals(1)`, `| label`). Positions are byte
//! offsets into the written text, so errors point at the part that is wrong.
//!
//! ```text
//! reference := expr ("|" filter)*
//! expr      := name "(" expr ("," expr)* ")" | name
//! filter    := name ("(" number ")")?
//! ```

use std::ops::Range;

/// A computation baspa knows (see README.md, "Numbers in the text").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Func {
    /// The total of a series, or of the values given.
    Sum,
    /// The first value less the second (percentage points for two percentages).
    Diff,
    /// The first value divided by the second ("3.7 times").
    Ratio,
    /// The change from the first value to the second, in percent.
    Change,
    /// The first value as a percentage of the second.
    Share,
}

impl Func {
    pub const ALL: [(&'static str, Func); 5] =
        [("sum", Func::Sum), ("diff", Func::Diff), ("ratio", Func::Ratio), ("change", Func::Change), ("share", Func::Share)];

    pub fn name(self) -> &'static str {
        Func::ALL.iter().find(|(_, f)| *f == self).map_or("", |(n, _)| n)
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum Expr {
    /// `dataset.key`, `dataset.category`, `dataset.series.category`, or a
    /// series (`dataset`, `dataset.series`) where a function takes one.
    Name {
        name: String,
        at: Range<usize>,
    },
    Call {
        func: Func,
        args: Vec<Expr>,
        at: Range<usize>,
    },
}

impl Expr {
    pub fn at(&self) -> Range<usize> {
        match self {
            Expr::Name { at, .. } | Expr::Call { at, .. } => at.clone(),
        }
    }

    /// The data files the expression reads (the part of each name before its first `.`).
    pub fn datasets(&self, out: &mut Vec<String>) {
        match self {
            Expr::Name { name, .. } => out.push(name.split('.').next().unwrap_or_default().to_string()),
            Expr::Call { args, .. } => args.iter().for_each(|a| a.datasets(out)),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Filter {
    /// Digits after the decimal separator.
    Decimals(u8),
    /// A sign for positive values too (`+12%`).
    Signed,
    /// The magnitude only, for text that says the direction in words ("fell by 12%").
    Abs,
    /// The value's label after the number, in the plural form the number takes.
    Label,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Reference {
    pub expr: Expr,
    pub filters: Vec<(Filter, Range<usize>)>,
}

/// The data files a reference reads (none for a figure reference, or for
/// one that cannot be read, whose error the render stage reports).
pub fn datasets(reference: &str) -> Vec<String> {
    let mut out = Vec::new();
    if !reference.starts_with("fig:")
        && let Ok(r) = parse(reference)
    {
        r.expr.datasets(&mut out);
    }
    out
}

/// A problem in the written expression, at a byte range of it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyntaxError {
    pub message: String,
    pub at: Range<usize>,
    pub hint: Option<String>,
}

/// The longest expression accepted: a reference is a line of prose, and
/// nesting depth is bounded with it.
const MAX_LEN: usize = 2000;

pub fn parse(text: &str) -> Result<Reference, SyntaxError> {
    if text.len() > MAX_LEN {
        return Err(SyntaxError { message: format!("the reference is longer than {MAX_LEN} characters"), at: 0..text.len(), hint: None });
    }
    let tokens = tokenize(text)?;
    let mut p = Parser { tokens, i: 0, end: text.len() };
    let expr = p.expr(0)?;
    let mut filters = Vec::new();
    while p.eat(Tok::Pipe).is_some() {
        filters.push(p.filter()?);
    }
    if let (Expr::Name { name, at: first }, Some((Tok::Word(_), _))) = (&expr, p.peek()) {
        // Words in a row: a name with spaces inside (`cases.20 24`).
        let mut words = name.clone();
        let mut end = first.end;
        while let Some((Tok::Word(w), at)) = p.peek() {
            words.push_str(&w);
            end = at.end;
            p.i += 1;
        }
        let message = format!("`{}` has a space inside a name", &text[first.start..end]);
        return Err(SyntaxError { message, at: first.start..end, hint: Some(format!("names have no spaces: `{words}`?")) });
    }
    if let Some((tok, at)) = p.peek() {
        return Err(SyntaxError { message: format!("unexpected {} after the expression", tok.describe()), at, hint: Some(HINT.into()) });
    }
    Ok(Reference { expr, filters })
}

const HINT: &str = "write a value as `{{ data-file.key }}`, a computation as `{{ change(data-file.a, data-file.b) }}`";

#[derive(Debug, Clone, PartialEq)]
enum Tok {
    Word(String),
    Open,
    Close,
    Comma,
    Pipe,
}

impl Tok {
    fn describe(&self) -> String {
        match self {
            Tok::Word(w) => format!("`{w}`"),
            Tok::Open => "`(`".into(),
            Tok::Close => "`)`".into(),
            Tok::Comma => "`,`".into(),
            Tok::Pipe => "`|`".into(),
        }
    }
}

/// Names are letters, digits, `-`, `_` and `.` (ids and the dots between them).
fn is_name(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, '-' | '_' | '.')
}

fn tokenize(text: &str) -> Result<Vec<(Tok, Range<usize>)>, SyntaxError> {
    let mut out: Vec<(Tok, Range<usize>)> = Vec::new();
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let tok = match c {
            c if c.is_whitespace() => continue,
            '(' => Tok::Open,
            ')' => Tok::Close,
            ',' => Tok::Comma,
            '|' => Tok::Pipe,
            c if is_name(c) => {
                let mut end = i + c.len_utf8();
                while let Some(&(j, d)) = chars.peek().filter(|(_, d)| is_name(*d)) {
                    end = j + d.len_utf8();
                    chars.next();
                }
                let word = &text[i..end];
                // `cases .2024` and `cases. 2024` name `cases.2024`: spaces
                // next to a dot are kept out of the name.
                if let Some((Tok::Word(prev), at)) = out.last_mut()
                    && (prev.ends_with('.') || word.starts_with('.'))
                {
                    prev.push_str(word);
                    at.end = end;
                } else {
                    out.push((Tok::Word(word.to_string()), i..end));
                }
                continue;
            }
            other => {
                let at = i..i + other.len_utf8();
                return Err(SyntaxError { message: format!("unexpected `{other}` in a reference"), at, hint: Some(HINT.into()) });
            }
        };
        out.push((tok, i..i + c.len_utf8()));
    }
    Ok(out)
}

struct Parser {
    tokens: Vec<(Tok, Range<usize>)>,
    i: usize,
    end: usize,
}

/// Deeper nesting than any sentence needs is refused before it costs stack.
const MAX_DEPTH: usize = 16;

impl Parser {
    fn peek(&self) -> Option<(Tok, Range<usize>)> {
        self.tokens.get(self.i).cloned()
    }

    fn eat(&mut self, tok: Tok) -> Option<Range<usize>> {
        let (t, at) = self.peek()?;
        (t == tok).then(|| {
            self.i += 1;
            at
        })
    }

    fn expected(&self, what: &str) -> SyntaxError {
        match self.peek() {
            Some((tok, at)) => SyntaxError { message: format!("expected {what}, found {}", tok.describe()), at, hint: Some(HINT.into()) },
            None => SyntaxError { message: format!("expected {what} at the end of the reference"), at: self.end..self.end, hint: Some(HINT.into()) },
        }
    }

    fn word(&mut self, what: &str) -> Result<(String, Range<usize>), SyntaxError> {
        match self.peek() {
            Some((Tok::Word(w), at)) => {
                self.i += 1;
                Ok((w, at))
            }
            _ => Err(self.expected(what)),
        }
    }

    fn expr(&mut self, depth: usize) -> Result<Expr, SyntaxError> {
        let (name, at) = self.word("a value such as `data-file.key`")?;
        if self.eat(Tok::Open).is_none() {
            return Ok(Expr::Name { name, at });
        }
        let Some(func) = Func::ALL.iter().find(|(n, _)| *n == name).map(|(_, f)| *f) else {
            let known: Vec<&str> = Func::ALL.iter().map(|(n, _)| *n).collect();
            let hint = crate::error::did_you_mean(&name, known.iter().copied()).unwrap_or_else(|| format!("known: {}", known.join(", ")));
            return Err(SyntaxError { message: format!("unknown function `{name}`"), at, hint: Some(hint) });
        };
        if depth >= MAX_DEPTH {
            return Err(SyntaxError { message: format!("computations nested more than {MAX_DEPTH} deep"), at, hint: None });
        }
        let mut args = vec![self.expr(depth + 1)?];
        while self.eat(Tok::Comma).is_some() {
            args.push(self.expr(depth + 1)?);
        }
        let close = self.eat(Tok::Close).ok_or_else(|| self.expected("`,` or `)`"))?;
        Ok(Expr::Call { func, args, at: at.start..close.end })
    }

    fn filter(&mut self) -> Result<(Filter, Range<usize>), SyntaxError> {
        let (name, at) = self.word("a filter (`decimals(1)`, `signed`, `abs`, `label`)")?;
        let filter = match name.as_str() {
            "signed" => Filter::Signed,
            "abs" => Filter::Abs,
            "label" => Filter::Label,
            "decimals" => {
                self.eat(Tok::Open).ok_or_else(|| self.expected("`(` and a number of digits, as in `decimals(1)`"))?;
                let (n, n_at) = self.word("a number of digits")?;
                let digits = n.parse::<u8>().ok().filter(|d| *d <= 6).ok_or(SyntaxError {
                    message: format!("`{n}` is not a number of digits from 0 to 6"),
                    at: n_at,
                    hint: None,
                })?;
                let close = self.eat(Tok::Close).ok_or_else(|| self.expected("`)`"))?;
                return Ok((Filter::Decimals(digits), at.start..close.end));
            }
            other => {
                let known = ["decimals", "signed", "abs", "label"];
                let hint = crate::error::did_you_mean(other, known).unwrap_or_else(|| format!("known: {}", known.join(", ")));
                return Err(SyntaxError { message: format!("unknown filter `{other}`"), at, hint: Some(hint) });
            }
        };
        Ok((filter, at))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn name(n: &str, at: Range<usize>) -> Expr {
        Expr::Name { name: n.into(), at }
    }

    #[test]
    fn reads_values_computations_and_filters() {
        assert_eq!(parse("cases.2024").unwrap(), Reference { expr: name("cases.2024", 0..10), filters: vec![] });
        let r = parse("change(cases.2023, cases.2024) | decimals(1) | signed").unwrap();
        assert_eq!(r.expr, Expr::Call { func: Func::Change, args: vec![name("cases.2023", 7..17), name("cases.2024", 19..29)], at: 0..30 });
        assert_eq!(r.filters, [(Filter::Decimals(1), 33..44), (Filter::Signed, 47..53)]);
        let nested = parse("ratio(sum(a.x), a.y)").unwrap();
        let mut used = Vec::new();
        nested.expr.datasets(&mut used);
        assert_eq!(used, ["a", "a"]);
    }

    #[test]
    fn errors_point_at_the_wrong_part() {
        let e = parse("chnage(a.x, a.y)").unwrap_err();
        assert_eq!((e.message.as_str(), e.at), ("unknown function `chnage`", 0..6));
        assert_eq!(e.hint.as_deref(), Some("did you mean `change`?"));
        let e = parse("ratio(a.x a.y)").unwrap_err();
        assert_eq!((e.message.as_str(), e.at), ("expected `,` or `)`, found `a.y`", 10..13));
        let e = parse("a.x | decimals(9)").unwrap_err();
        assert_eq!(e.at, 15..16);
        let e = parse("a.x | round").unwrap_err();
        assert_eq!(e.message, "unknown filter `round`");
        let e = parse("sum(a.x").unwrap_err();
        assert_eq!((e.message.as_str(), e.at), ("expected `,` or `)` at the end of the reference", 7..7));
        assert!(parse("a.x + a.y").unwrap_err().message.contains("unexpected `+`"));
        let e = parse("cases. 20 24").unwrap_err();
        assert_eq!(
            (e.message.as_str(), e.at, e.hint.as_deref()),
            ("`cases. 20 24` has a space inside a name", 0..12, Some("names have no spaces: `cases.2024`?"))
        );
        assert_eq!(parse("cases .2024").unwrap().expr, name("cases.2024", 0..11));
    }

    #[test]
    fn deep_or_long_input_is_refused_calmly() {
        let deep = format!("{}a.x{}", "sum(".repeat(100), ")".repeat(100));
        assert!(parse(&deep).unwrap_err().message.contains("nested more than"));
        assert!(parse(&"a".repeat(5000)).unwrap_err().message.contains("longer than"));
    }
}
