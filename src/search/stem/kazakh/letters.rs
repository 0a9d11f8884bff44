//! Kazakh letters as the suffix rules see them: the sound class of the
//! last letter before a suffix (which decides the suffix's first
//! consonant) and vowel harmony (which decides its vowel).

// Letter classes

/// Sound classes of the last letter before a suffix (bit set).
pub const V: u16 = 1; // vowel letter (not у/ю, which are semivowels here)
pub const S: u16 = 2; // й у ю
pub const L: u16 = 4; // л
pub const R: u16 = 8; // р
pub const M: u16 = 16; // м н ң
pub const Z: u16 = 32; // з ж
pub const B: u16 = 64; // б в г ғ д: voiced obstruents, word-final only in loans
pub const T: u16 = 128; // voiceless consonants
/// Context flags that are not letter classes.
pub const P3: u16 = 256; // what remains ends in a 3rd-person possessive ы/і
pub const PL: u16 = 512; // what remains ends in a plural suffix
pub const PL12: u16 = 1024; // what remains ends in plural + 1sg/2sg possessive

pub const CONS: u16 = S | L | R | M | Z | B | T;
pub const VOICED: u16 = V | S | L | R | M | Z;

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Harm {
    Back,
    Front,
    Any,
}

pub fn is_kazakh_letter(c: char) -> bool {
    matches!(
        c,
        'а' | 'ә'
            | 'б'
            | 'в'
            | 'г'
            | 'ғ'
            | 'д'
            | 'е'
            | 'ё'
            | 'ж'
            | 'з'
            | 'и'
            | 'й'
            | 'к'
            | 'қ'
            | 'л'
            | 'м'
            | 'н'
            | 'ң'
            | 'о'
            | 'ө'
            | 'п'
            | 'р'
            | 'с'
            | 'т'
            | 'у'
            | 'ұ'
            | 'ү'
            | 'ф'
            | 'х'
            | 'һ'
            | 'ц'
            | 'ч'
            | 'ш'
            | 'щ'
            | 'ъ'
            | 'ы'
            | 'і'
            | 'ь'
            | 'э'
            | 'ю'
            | 'я'
    )
}

/// Letters that make a syllable (for the "stem must contain a vowel" rule).
pub fn is_vowel(c: char) -> bool {
    matches!(c, 'а' | 'ә' | 'е' | 'ё' | 'и' | 'о' | 'ө' | 'у' | 'ұ' | 'ү' | 'ы' | 'і' | 'э' | 'ю' | 'я')
}

pub fn class_of(c: char) -> u16 {
    match c {
        'а' | 'ә' | 'е' | 'ё' | 'и' | 'о' | 'ө' | 'ұ' | 'ү' | 'ы' | 'і' | 'э' | 'я' => V,
        'й' | 'у' | 'ю' => S,
        'л' => L,
        'р' => R,
        'м' | 'н' | 'ң' => M,
        'з' | 'ж' => Z,
        'б' | 'в' | 'г' | 'ғ' | 'д' => B,
        'п' | 'к' | 'қ' | 'с' | 'т' | 'ш' | 'щ' | 'ф' | 'х' | 'һ' | 'ц' | 'ч' => T,
        _ => 0,
    }
}

/// Class of the last sound of `w`, looking through a final soft/hard sign.
pub fn last_class(w: &[char]) -> u16 {
    let mut i = w.len();
    while i > 0 {
        let c = w[i - 1];
        if c == 'ь' || c == 'ъ' {
            i -= 1;
            continue;
        }
        return class_of(c);
    }
    0
}

pub fn vowel_harm(c: char) -> Option<Harm> {
    match c {
        'а' | 'о' | 'ұ' | 'ы' | 'я' | 'ё' => Some(Harm::Back),
        'ә' | 'ө' | 'ү' | 'і' | 'е' | 'э' => Some(Harm::Front),
        // и у ю are neutral in Kazakh spelling (и = ый/ій, у = ұу/үу/w);
        // a final soft sign marks a front loanword but Kazakh spelling varies.
        'и' | 'у' | 'ю' | 'ь' => Some(Harm::Any),
        _ => None,
    }
}

/// Harmony class of a stem: its last vowel decides.
pub fn stem_harm(w: &[char]) -> Harm {
    for &c in w.iter().rev() {
        if let Some(h) = vowel_harm(c) {
            return h;
        }
    }
    Harm::Any
}

/// Harmony class of a suffix: its first vowel decides. The instrumental
/// (`-мен/-бен/-пен`, historically a postposition) does not harmonise:
/// `адамдармен`, `зомбылықпен`.
pub fn suffix_harm(s: &str) -> Harm {
    if matches!(s, "мен" | "бен" | "пен" | "менен" | "бенен" | "пенен") {
        return Harm::Any;
    }
    for c in s.chars() {
        match vowel_harm(c) {
            Some(Harm::Back) => return Harm::Back,
            Some(Harm::Front) => return Harm::Front,
            _ => {}
        }
    }
    Harm::Any
}

pub fn harmonises(stem: &[char], suffix: &str) -> bool {
    match (stem_harm(stem), suffix_harm(suffix)) {
        (Harm::Any, _) | (_, Harm::Any) => true,
        (a, b) => a == b,
    }
}

pub fn has_vowel(w: &[char]) -> bool {
    w.iter().any(|&c| is_vowel(c))
}

/// If `w` ends with `suf`, the length of what remains.
pub fn ends_with(w: &[char], suf: &str) -> Option<usize> {
    let mut i = w.len();
    for c in suf.chars().rev() {
        if i == 0 || w[i - 1] != c {
            return None;
        }
        i -= 1;
    }
    Some(i)
}

pub fn eq_str(w: &[char], s: &str) -> bool {
    ends_with(w, s) == Some(0)
}
