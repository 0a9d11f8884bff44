//! The guards that let a suffix go: assimilation and harmony must fit what
//! remains, and a few layers have guards of their own (accusative `-ны`,
//! vowel-initial possessives), plus undoing consonant mutation.

use super::letters::{B, CONS, Harm, P3, PL, PL12, ends_with, harmonises, has_vowel, is_vowel, last_class, stem_harm};
use super::tables::PLURAL;

// Guards

/// Does `r` end in a 3rd-person possessive (consonant + ы/і, with a real
/// syllable in front of it)? Used by the pronominal-n cases.
pub fn ends_in_poss3(r: &[char]) -> bool {
    let n = r.len();
    if n < 3 {
        return false;
    }
    let v = r[n - 1];
    if v != 'ы' && v != 'і' {
        return false;
    }
    let before = &r[..n - 1];
    let suf = if v == 'ы' { "ы" } else { "і" };
    last_class(before) & CONS != 0 && has_vowel(before) && harmonises(before, suf) && poss_vowel_ok(before, suf)
}

pub fn ends_in_plural(r: &[char]) -> bool {
    PLURAL.iter().any(|&(s, ctx, min)| ends_with(r, s).is_some_and(|rem| fits(r, rem, s, ctx, min)))
}

pub fn ends_in_plural_12(r: &[char]) -> bool {
    ["ым", "ім", "ың", "ің"].iter().any(|s| ends_with(r, s).is_some_and(|rem| harmonises(&r[..rem], s) && ends_in_plural(&r[..rem])))
}

/// Is removing `suf` (leaving `rem` letters) allowed by length, vowel,
/// harmony and assimilation?
pub fn fits(w: &[char], rem: usize, suf: &str, ctx: u16, min: usize) -> bool {
    if rem < min.max(2) {
        return false;
    }
    let r = &w[..rem];
    if !has_vowel(r) || !harmonises(r, suf) {
        return false;
    }
    let mut cls = last_class(r);
    // before a consonant-initial suffix a stem-final б в г ғ д only occurs
    // in (polysyllabic) loanwords: `психолог|тар`, but not `бөг|де`, `ег|де`,
    // `прав|да`. (Before a vowel-initial one it is a voiced п/қ/к: `тоб|ы`.)
    if cls == B && !starts_with_vowel(suf) && r.iter().filter(|&&c| is_vowel(c)).count() < 2 {
        cls = 0;
    }
    if cls & ctx != 0 {
        return true;
    }
    (ctx & P3 != 0 && ends_in_poss3(r)) || (ctx & PL != 0 && ends_in_plural(r)) || (ctx & PL12 != 0 && ends_in_plural_12(r))
}

/// Guards that only concern vowel-initial possessives (`-ы`, `-ыңыз`, …).
pub fn poss_vowel_ok(r: &[char], suf: &str) -> bool {
    let n = r.len();
    if n == 0 {
        return false;
    }
    let last = r[n - 1];
    // agent noun -шы/-ші keeps its vowel (басшы, жасаушы, көрші), but short
    // stems in ш are real roots (іш → іші, күш → күші)
    if last == 'ш' && n >= 4 {
        return false;
    }
    // a single -ы/-і is never a possessive after д (Vды is a verb form)
    if (suf == "ы" || suf == "і") && last == 'д' {
        return false;
    }
    true
}

pub fn starts_with_vowel(s: &str) -> bool {
    s.chars().next().is_some_and(is_vowel)
}

/// Undo the voicing of a stem-final п/қ/к before a vowel-initial suffix.
pub fn unmutate(w: &mut [char]) {
    let n = w.len();
    if n < 2 {
        return;
    }
    let h = stem_harm(&w[..n - 1]);
    let repl = match w[n - 1] {
        'б' => Some('п'),
        'ғ' if h != Harm::Front => Some('қ'),
        'г' if h != Harm::Back => Some('к'),
        _ => None,
    };
    if let Some(c) = repl {
        w[n - 1] = c;
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Layer {
    Plain,
    Case,       // accusative -ны/-ні guards
    Possessive, // vowel guards + mutation
}

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    Ok,
    /// Allowed only if it leaves a protected word.
    Unlikely,
    No,
}

/// Guards that concern one suffix in one layer, beyond [`fits`].
pub fn layer_verdict(r: &[char], s: &str, layer: Layer) -> Verdict {
    let n = r.len();
    match layer {
        Layer::Plain => Verdict::Ok,
        Layer::Case => {
            if s == "ны" || s == "ні" {
                // `Vн+ы` is as often a possessive on an н-final stem
                // (`телефоны`, `саны`, `байқағаны`) as an accusative on a
                // vowel-final one (`баяндаманы`). Kazakh nouns hardly end in
                // о ө ұ ү, two-letter vowel-final nouns are rare, and a stem in
                // -ға/-ге/-қа/-ке + н is a participle: read those as possessive.
                if n < 3 || matches!(r[n - 1], 'о' | 'ө' | 'ұ' | 'ү') {
                    return Verdict::Unlikely;
                }
                if n >= 4 && ["ға", "ге", "қа", "ке"].iter().any(|e| ends_with(r, e).is_some()) {
                    return Verdict::Unlikely;
                }
            }
            Verdict::Ok
        }
        Layer::Possessive => {
            if (s == "сы" || s == "сі") && n >= 2 && matches!(r[n - 1], 'ы' | 'і') && r[n - 2] != 'ш' {
                // `Vсы` after ы/і: `жұмыс|ы`, `туыс|ы`, `көрініс|і` (very
                // common -ыс/-іс nouns) rather than `X|сы`, except after the
                // agent suffix (`басшы|сы`) or on a protected root (`желі|сі`).
                return Verdict::Unlikely;
            }
            if starts_with_vowel(s) && !poss_vowel_ok(r, s) {
                return Verdict::No;
            }
            Verdict::Ok
        }
    }
}
