//! Text as the index and the browser both read it: NFC, lowercase, `ё` as
//! `е`, soft hyphens, zero-width characters and stray combining marks
//! (Russian stress accents) removed, then split into words at everything
//! that is neither a letter nor a digit. `search.js` does exactly the same
//! (`String.prototype.normalize`, `toLowerCase`, `\p{Alphabetic}\p{N}`),
//! so a word typed in the box meets the form the index stored.

use icu_normalizer::ComposingNormalizerBorrowed;

/// Longer "words" (hashes, URLs run together) are not indexed: no word of
/// any language comes near this, and it bounds the index.
pub const MAX_WORD_CHARS: usize = 48;

/// Characters dropped before splitting: they sit inside words without
/// being letters (soft hyphen, zero-width space/joiners, word joiner, BOM)
/// or are accents that NFC could not compose with their letter.
fn is_ignorable(c: char) -> bool {
    matches!(c, '\u{ad}' | '\u{200b}'..='\u{200d}' | '\u{2060}' | '\u{feff}' | '\u{300}'..='\u{36f}')
}

/// `text` normalised for matching: NFC, lowercase, `ё` → `е`, ignorable
/// characters removed.
pub fn normalise(text: &str) -> String {
    let lower = ComposingNormalizerBorrowed::new_nfc().normalize(text).to_lowercase();
    if !lower.chars().any(|c| c == 'ё' || is_ignorable(c)) {
        return lower;
    }
    lower.chars().filter(|c| !is_ignorable(*c)).map(|c| if c == 'ё' { 'е' } else { c }).collect()
}

/// Call `f` with each word of `text`, normalised. One-letter words are
/// left out (they carry no meaning a search could use) unless they are
/// digits, and so are words over [`MAX_WORD_CHARS`].
pub fn for_each_word(text: &str, mut f: impl FnMut(&str)) {
    let normal = normalise(text);
    for word in normal.split(|c: char| !c.is_alphanumeric()) {
        let mut chars = word.chars();
        let keep = match (chars.next(), chars.next()) {
            (None, _) => false,
            (Some(c), None) => c.is_numeric(),
            _ => word.chars().count() <= MAX_WORD_CHARS,
        };
        if keep {
            f(word);
        }
    }
}

/// The words of `text`, normalised (see [`for_each_word`]).
pub fn words(text: &str) -> Vec<String> {
    let mut words = Vec::new();
    for_each_word(text, |w| words.push(w.to_string()));
    words
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all(text: &str) -> Vec<String> {
        words(text)
    }

    #[test]
    fn splits_at_everything_but_letters_and_digits() {
        assert_eq!(all("Зорлық-зомбылықтың 3 382 ісі («2024»)."), ["зорлық", "зомбылықтың", "3", "382", "ісі", "2024"]);
        assert_eq!(all("women’s rights, e.g. a 24/7 line"), ["women", "rights", "24", "7", "line"]);
    }

    #[test]
    fn normalises_case_composition_yo_and_accents() {
        // й written as и + combining breve; a stress accent; a soft hyphen.
        assert_eq!(all("Мобильді ТОПТАР"), ["мобильді", "топтар"]);
        assert_eq!(all("за\u{438}\u{306}м"), ["займ"]);
        assert_eq!(all("наси\u{301}лие"), ["насилие"]);
        assert_eq!(all("осведомлённость"), ["осведомленность"]);
        assert_eq!(all("пре\u{ad}дписание"), ["предписание"]);
    }

    #[test]
    fn punctuation_only_gives_no_words() {
        assert!(all("?!… — «»").is_empty());
        assert!(all("").is_empty());
        assert_eq!(all(&"я".repeat(60)), Vec::<String>::new());
    }
}
