//! Escaping for the two contexts baspa writes into by hand: HTML text and
//! attributes, and JSON inside a `<script type="application/json">` block.

/// Escape text for HTML element content and double-quoted attribute values.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// Serialise `value` as JSON that can sit inside a non-executing
/// `<script type="application/json">` block: `<`, `>` and `&` become `\u`
/// escapes so that no label can close the block or open a comment, and
/// U+2028/U+2029 are escaped for older JavaScript parsers. The result still
/// parses as the same JSON.
pub fn json_for_script<T: serde::Serialize>(value: &T) -> String {
    let json = serde_json::to_string(value).expect("serialising plain data to JSON cannot fail");
    let mut out = String::with_capacity(json.len());
    for c in json.chars() {
        match c {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_cannot_close_the_script_block() {
        let hostile = "</script><script>alert(1)</script>\u{2028}&";
        let out = json_for_script(&hostile);
        assert!(!out.contains('<') && !out.contains('>') && !out.contains('&') && !out.contains('\u{2028}'));
        assert_eq!(serde_json::from_str::<String>(&out).unwrap(), hostile);
    }

    #[test]
    fn escapes_attribute_quotes() {
        assert_eq!(escape("a\"b<c>&'"), "a&quot;b&lt;c&gt;&amp;&#39;");
    }
}
