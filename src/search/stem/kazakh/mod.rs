//! A light, rule-based stemmer for Kazakh (Cyrillic script), written for the
//! search index of baspa.
//!
//! # What it is for
//!
//! The search index wants every inflected form of a word to land on one key,
//! so a reader who types `топтар` also finds `топтарының`, `тобы` and `топ`.
//! It is *not* a morphological analyser: a stem is an index key, not a
//! dictionary headword, and a few keys look odd (`анықтады` → `анықта`, a verb
//! stem). What matters is that (a) the forms of one noun agree and (b) two
//! unrelated words do not collapse. The caller adds prefix matching on top, and
//! that is the safety net for every case listed under "known imperfections".
//!
//! Input is expected lowercase and NFC-normalised (the caller does both).
//! Anything that is not a Kazakh Cyrillic word is returned unchanged.
//!
//! # Morphology in one paragraph
//!
//! Kazakh is agglutinative. A noun is `root + (derivation) + plural +
//! possessive + case (+ -ғы)`, e.g. `топ-тар-ы-ның` "of their groups",
//! `бала-лар-ымыз-дың` "of our children", `отбасы-лар-ы-ндағы` "(that is) in
//! their families". Every suffix has several written variants:
//!
//! * **vowel harmony**: the suffix vowel agrees with the last vowel of the word
//!   (back а о ұ ы, front ә ө ү е і): `топтар` but `елдер`;
//! * **consonant assimilation**: the first consonant of the suffix depends on
//!   the sound it follows (`адам-дар`, `бала-лар`, `топ-тар`; `бала-ға`,
//!   `топ-қа`; `бала-ның`, `жыл-дың`, `топ-тың`);
//! * after a 3rd-person possessive the cases take a "pronominal n"
//!   (`бала-сы-на`, `бала-сы-нда`, `бала-сы-н`).
//!
//! The stemmer uses both regularities as *guards*: a suffix is removed only
//! when its variant is exactly the one Kazakh would write after what remains.
//! That is what keeps look-alike root endings in place: `орта` is not
//! `ор + -та` (after р the locative is `-да`), `карта` is not `кар + -та`,
//! `бағдар` is not `бағ + -дар`, `ана` is not `ан + -а`.
//!
//! # Algorithm
//!
//! Suffixes are removed right to left in the reverse of Kazakh morphotactic
//! order: an *inflection round* removes at most one suffix per layer 1–4,
//! outermost layer first. Inside one layer the longest valid variant wins,
//! except that a variant leaving a protected word (see below) is preferred and
//! one that cuts one letter into a protected word is refused. After every
//! removal the rest must still be at least two letters long and contain a
//! vowel; a removal that would break this is simply not made. Words of three
//! letters or fewer are returned as they are (only a small table of inflected
//! pronouns is mapped, because that mapping is certain).
//!
//! 0. **Finite verb endings** (whole word only; the index is mostly nouns, so
//!    this is deliberately small): negative present `-майды/-мейді/-байды/
//!    -бейді/-пайды/-пейді` (`болмайды` → `бол`); present `-ады/-еді` after a
//!    consonant-final stem (`болады`, `береді` → `бол`, `бер`); `-иды/-ыды`
//!    of ы-final stems (`қамтиды` → `қамт`, like `қамту`); past `-ды/-ді`
//!    after a vowel (`анықтады` → `анықта`). Present `-ады` and past `а + -ды`
//!    are the same string (`жасады` is the past of `жаса`, `болады` the
//!    present of `бол`): the present is chosen when what remains ends in
//!    vowel+consonant or in `йт/рт` (`айт`, `тарт`), otherwise the past (verbs
//!    formed with -ла/-да/-та leave a consonant cluster: `анықт|ады` →
//!    `анықта`). Past `-ды/-ты` after a consonant is the same string as the
//!    accusative and is handled there. If a finite ending is removed the word
//!    is done: nothing nominal follows a finite verb.
//! 1. **Adjectival `-ғы`** after a case: `-дағы/-дегі/-тағы/-тегі` (locative +
//!    ғы, `жағдайдағы` → `жағдай`), `-ндағы/-ндегі` after a 3rd-person
//!    possessive (`отбасыларындағы`), and the temporal `-ғы/-гі/-қы/-кі` after a
//!    consonant (`жылғы` → `жыл`, `қазіргі` → `қазір`, `сыртқы` → `сырт`).
//!    The temporal form is *not* removed after a vowel: `Vғы` is almost always
//!    a possessive `-ы` on a stem whose final қ was voiced (`зорлығы`,
//!    `аймағы`), and stripping `-ғы` there would give `зорлы`.
//!    If `-дағы` was removed, the case layer is skipped (it contained one);
//!    after a case, `-ғы` is tried once more (`бұрынғы|дан` → `бұрын`).
//! 2. **Case** (one of):
//!    * genitive `-ның/-нің` (after vowels and м н ң), `-дың/-дің` (after л р й у
//!      з ж), `-тың/-тің` (after voiceless consonants);
//!    * dative `-ға/-ге` (vowels, voiced), `-қа/-ке` (voiceless), `-на/-не` only
//!      after a 3rd-person possessive, `-а/-е` only after a 1st/2nd-person
//!      singular possessive (and those are only recognised after a plural,
//!      see 3);
//!    * accusative `-ны/-ні` (vowels), `-ды/-ді` (voiced and sonorants),
//!      `-ты/-ті` (voiceless), `-н` only after a 3rd-person possessive;
//!    * locative `-да/-де`, `-та/-те`, `-нда/-нде` (after possessive);
//!    * ablative `-дан/-ден` (vowels, л р й у з ж), `-тан/-тен` (voiceless),
//!      `-нан/-нен` (after м н ң and after a possessive: `заңнан`,
//!      `телефоннан`, `баласынан`);
//!    * instrumental `-мен/-бен/-пен` and the long `-менен/-бенен/-пенен`;
//!      being a former postposition it does *not* harmonise (`адамдармен`).
//!
//!    `V + -ны` is ambiguous: accusative of a vowel-final noun
//!    (`баяндама|ны`) or possessive of an н-final one (`телефон|ы`). It is
//!    read as accusative, except after о ө ұ ү (Kazakh nouns hardly end in
//!    these: `телефоны`, `мазмұны`), when only two letters would remain
//!    (`саны`, `мәні`, `күні`), after -ға/-ге/-қа/-ке (a participle:
//!    `байқаған|ы`), and before a protected н-final noun (`құрбан|ы`).
//!    Loanwords ending in a voiced obstruent (б в г ғ д: `психолог`) accept
//!    either assimilation, because Kazakh spelling varies there; this is only
//!    allowed on stems of two syllables or more (`бөгде`, `егде` stay whole).
//!    A soft sign is transparent (`алкоголь|ді`, `мобиль|ді`).
//! 3. **Possessive**: 2pl `-ыңыз/-іңіз` (after a consonant) or `-ңыз/-ңіз`
//!    (after a vowel); 1pl `-ымыз/-іміз`, `-мыз/-міз`; 3rd person `-ы/-і`
//!    (after a consonant, including й у ю) or `-сы/-сі` (after a vowel).
//!    The consonant-initial forms after a vowel require three letters to
//!    remain: that keeps `маңыз` and `теңіз` whole while `балаңыз` → `бала`.
//!    After ы/і, `-сы/-сі` gives way to `-ы/-і` (`жұмыс|ы`, `туыс|ы`,
//!    `көрініс|і`, the very common -ыс/-іс nouns) unless it follows the agent
//!    suffix (`басшы|сы`) or leaves a protected word (`желі|сі`).
//!    1sg `-ым/-ім` and 2sg `-ың/-ің` are only removed directly after a plural
//!    (`балаларым` → `балалар`), never on their own: *word-final -ым/-ім is
//!    far more often a deverbal noun* (`бөлім`, `шешім`, `сенім`, `өсім`,
//!    `қысым`) and a vowel + `-м`/`-ң` is far more often a root (`адам`,
//!    `заң`, `кезең`) than "my"/"your" in report prose. Vowel-initial
//!    possessives are refused after the agent suffix `-шы/-ші` (`басшы`,
//!    `жасаушы`, `көрші` keep their ы/і: `көршіңіздің` → `көрші`), and a
//!    single `-ы/-і` after д (native noun stems never end in д, so `Vды` is a
//!    verb or an accusative, not a possessive).
//! 4. **Plural** `-лар/-лер` (after vowels, р й у), `-дар/-дер` (after л м н ң
//!    з ж), `-тар/-тер` (after voiceless consonants).
//! 5. **Repeat.** If a round removed anything, what remains is treated as a
//!    fresh word and gets another round (at most six). This does not find
//!    suffixes in a non-Kazakh order that a real word would have; it makes
//!    `stem(root + inflection) == stem(root)` hold by construction. A root
//!    whose *bare* form loses a look-alike ending (`ерлі-зайыпты` → `…зайып`,
//!    accusative look-alike; `жақсы` → `жақс`) now gives the same key in
//!    every inflected form (`ерлі-зайыптылар` → `…зайып` too) instead of
//!    one key for the bare form and another for the plural.
//! 6. **Verbal nouns and participles** (conservative, once, innermost):
//!    participle `-ған/-ген/-қан/-кен` (three letters must remain: `алған`,
//!    `деген`, `баған` "column" stay whole), negative `-маған/-меген/…`;
//!    verbal noun `-у` (three letters must remain: `оқу`, `алу`, `тау` stay
//!    whole), `-ю` → `й` (`көбею` → `көбей`), negative `-мау/-меу/…`. Because
//!    these sit innermost, the nominal inflection after them is already gone:
//!    `көбейгенін` → `көбейгені` → `көбейген` → `көбей`, `тексеруі` →
//!    `тексеру` → `тексер`. The converb `-ып/-іп` is removed only when it is
//!    the whole ending (`болып` → `бол`). The future participle
//!    `-атын/-етін/-йтын/-йтін` is *not* removed as a unit: it is the same
//!    string as an `-ат/-ет` noun + possessive + accusative (`саясат|ы|н`,
//!    `қызмет|і|н`, `сайт|ы|н`), so layers 2–3 take its `-ы-н` and every form
//!    of a participle agrees on e.g. `болат` (`болатын`, `болатынын`), which
//!    still has the verb stem `бол` as a prefix.
//! 7. **Undo consonant mutation** whenever a vowel-initial possessive was
//!    removed: a stem-final б → п (`кітабы` → `кітап`), ғ → қ (`зорлығы` →
//!    `зорлық`), г → к (`көмегі` → `көмек`). Native stems never end in б г ғ,
//!    loanwords do (`психолог`), so ғ/г are only changed when they agree in
//!    harmony with the stem (native ғ only in back words, г only in front
//!    words): `психологы` stays `психолог`. A few nouns drop a vowel before a
//!    possessive (`орын`/`орны`, `халық`/`халқы`, `ауыз`/`аузы`,
//!    `қауіп`/`қаупі`); a small table restores those.
//!
//! A hyphenated compound keeps its first parts and has its last part stemmed
//! (`зорлық-зомбылықтың` → `зорлық-зомбылық`). Tokens longer than 48
//! letters are returned unchanged.
//!
//! # Derivational suffixes are kept
//!
//! `-лық/-лік/-дық/-дік/-тық/-тік`, `-шы/-ші`, `-шылық`, `-сыз/-сіз`,
//! `-кер/-гер` form *new words*: `зорлық` "violence" vs `зор` "great",
//! `балалық` "childhood" vs `бала`, `басшы` "leader" vs `бас` "head",
//! `қауіпсіз` "safe" vs `қауіп` "danger", `мемлекеттік` "state (adj.)" vs
//! `мемлекет`. Merging them would make a search for "violence" return every
//! "great", so they are never removed; the stems stay distinct and the
//! caller's prefix matching still lets `зорлық` find `зорлықшы`.
//! Two derivational endings cannot be told apart from inflection in writing:
//! the adjective suffix `-ды/-ді/-ты/-ті` (`маңызды` "important") is
//! *identical* to the accusative and is removed as one (`маңызды` →
//! `маңыз`, a tolerable merge), and the `-ы/-і` of `-лы/-лі` adjectives goes
//! like a possessive (`шектеулі` → `шектеул`), which keeps them apart from
//! `шектеу` but gives an odd-looking key.
//!
//! # Protected words
//!
//! A short list of roots whose ending looks exactly like a suffix that passes
//! every guard (`отбасы` "family" is historically `от + бас + ы`; `бұрын`,
//! `кейін`, `мүмкін`, `шағын` end like `-ы-н`; `апта`, `тақта` like `-та`;
//! `құрылғы` like `-ғы`; `қазақстан` like `-тан`; `құрбан`, `тоқсан` like
//! `-ны` once inflected; `басқа`, `өзге` like a dative). Stripping stops as
//! soon as the remainder is one of them (or, for entries of five letters or
//! more, ends with one, so compounds like `пернетақта` are covered too).
//! Each entry is commented with the suffix it would otherwise lose.
//!
//! # Known imperfections
//!
//! The caller's prefix matching is the safety net for all of these; in most
//! cases one key is a prefix of the other.
//!
//! * Ambiguous verb endings are resolved one way for all words: `санайды`
//!   (present of `сана`) gives `санай` while `санау` gives `сана`;
//!   `жасады` (past of `жаса`) gives `жас`, merging with `жас` "young";
//!   `қарады` gives `қар`.
//! * Homographs and particles merge: `қала` "city" and `қалау` "wish",
//!   `сана` "consciousness" and `санау` "count", `бері` "since" with `бер`
//!   "give", `енді` "now" with `енеді` "enters", `басты` "main" with `бас`
//!   "head", `алдымен` "first" with `ал` "take", `шеккен` "suffered" with
//!   `шек` "limit".
//! * Roots ending in consonant + ы/і that are not on the protected list lose
//!   that vowel (`жақсы` → `жақс`), consistently across forms.
//! * 1sg/2sg possessives on a singular noun are not removed (`балам`,
//!   `кітабым` stay), see layer 3. Three-letter possessives stay too
//!   (`үйі`, `елі`, `ұлы`), per the short-word rule.
//! * Two-letter verb roots keep their verbal noun and participle (`алу`,
//!   `алған`, `деген`), so they do not meet `ал`, `де`.
//! * `алды` ("its front") + `-н` stays `алдын`: the д guard of layer 3
//!   assumes no noun stem ends in д, and `алд` is the one common exception.
//! * `V + -ны` after а/е/ә on an н-final noun that is not protected is read
//!   as an accusative (`экраны` → `экра`, while `экран` stays); add such
//!   nouns to the protected list when they matter.
//! * Loanwords ending in б after a vowel-initial suffix are "un-mutated" too
//!   (`клубы` → `клуп`), while `клуб` stays `клуб`.
//! * Verb morphology beyond the few endings above (conditional `-са`, converb
//!   `-а/-е`, comparatives `-рақ/-рек`, causatives, voice) is left alone.
//! * Uppercase input is not lowercased here (the caller does it); an
//!   uppercase word therefore counts as "not Kazakh" and is returned as is.
//!
//! # Cost
//!
//! A handful of passes over a `Vec<char>` with small static suffix tables;
//! about 2 µs per word in a release build (the shipped report, 23,000
//! tokens, takes about 50 ms). It never panics: every index is checked,
//! recursion is replaced by a bounded loop, and every non-Kazakh input takes
//! the "return unchanged" path.

mod guards;
mod letters;
mod tables;

use guards::{Layer, Verdict, fits, layer_verdict, starts_with_vowel, unmutate};
use letters::{B, CONS, L, M, R, T, V, Z, class_of, ends_with, eq_str, harmonises, has_vowel, is_kazakh_letter, is_vowel};
use tables::{ADJ_GY, CASE, CONVERB, ELIDED, NEG_PRESENT, PLURAL, POSS, PRONOUNS, Suf, VERBAL, is_protected};

/// Remove the best suffix of `table` from `w`. Returns the suffix removed.
///
/// Among the valid variants, one that leaves a protected word wins; else the
/// longest. A variant that would cut one letter into a protected word
/// (`құрба|ны` for `құрбан|ы`, `шағы|нда` for `шағын|да`) is never taken.
fn strip(w: &mut Vec<char>, table: &[Suf], layer: Layer) -> Option<&'static str> {
    let mut best: Option<(usize, &'static str)> = None;
    for &(s, ctx, min) in table {
        let Some(rem) = ends_with(w, s) else { continue };
        if !fits(w, rem, s, ctx, min) {
            continue;
        }
        let verdict = layer_verdict(&w[..rem], s, layer);
        if verdict == Verdict::No {
            continue;
        }
        if rem < w.len() && is_protected(&w[..rem + 1]) {
            continue;
        }
        let mutates = layer == Layer::Possessive && starts_with_vowel(s);
        let leaves_protected = if mutates && matches!(w[rem - 1], 'б' | 'г' | 'ғ') {
            let mut cand: Vec<char> = w[..rem].to_vec();
            unmutate(&mut cand);
            is_protected(&cand)
        } else {
            is_protected(&w[..rem])
        };
        if leaves_protected {
            w.truncate(rem);
            if mutates {
                unmutate(w);
            }
            return Some(s);
        }
        if verdict == Verdict::Unlikely {
            continue;
        }
        if best.is_none_or(|(r, _)| rem < r) {
            best = Some((rem, s));
        }
    }
    let (rem, s) = best?;
    w.truncate(rem);
    if layer == Layer::Possessive && starts_with_vowel(s) {
        unmutate(w);
    }
    Some(s)
}

/// Layer 0. Returns true if a finite verb ending was removed.
fn strip_finite_verb(w: &mut Vec<char>) -> bool {
    if strip(w, NEG_PRESENT, Layer::Plain).is_some() {
        return true;
    }
    for (present, past) in [("ады", "ды"), ("еді", "ді")] {
        let Some(rem) = ends_with(w, present) else {
            continue;
        };
        if rem < 2 || !harmonises(&w[..rem], present) {
            continue;
        }
        let c1 = w[rem - 1];
        let c0 = w[rem - 2];
        if class_of(c1) & (L | R | M | Z | B | T) == 0 {
            continue;
        }
        let cluster_ok = matches!((c0, c1), ('й', 'т') | ('р', 'т'));
        if (is_vowel(c0) || cluster_ok) && has_vowel(&w[..rem]) {
            w.truncate(rem);
            return true;
        }
        // otherwise: past tense of a vowel-final stem (анықта-ды)
        let rem = w.len() - past.chars().count();
        if rem >= 2 && has_vowel(&w[..rem]) {
            w.truncate(rem);
            return true;
        }
    }
    // ы-final verb stems: present -иды/-иді (`қамтиды`), past -ыды/-іді
    // (`қамтыды`); the key drops the ы like the verbal noun does (`қамту`)
    for end in ["иды", "иді", "ыды", "іді"] {
        let Some(rem) = ends_with(w, end) else {
            continue;
        };
        if rem >= 2 && class_of(w[rem - 1]) & CONS != 0 && has_vowel(&w[..rem]) && harmonises(&w[..rem], end) {
            w.truncate(rem);
            return true;
        }
    }
    // plain past -ды/-ді after another vowel (`деді`, `анықтады`)
    for past in ["ды", "ді"] {
        let Some(rem) = ends_with(w, past) else {
            continue;
        };
        if rem >= 2 && class_of(w[rem - 1]) == V && has_vowel(&w[..rem]) && harmonises(&w[..rem], past) {
            w.truncate(rem);
            return true;
        }
    }
    false
}

fn restore_elision(w: &mut Vec<char>) {
    for &(short, full) in ELIDED {
        if eq_str(w, short) {
            *w = full.chars().collect();
            return;
        }
    }
}
// Entry points

/// Stem one lowercase, NFC-normalised Kazakh word.
///
/// Non-Cyrillic input (Latin, digits, punctuation, combining marks) is
/// returned unchanged. A hyphenated compound (`зорлық-зомбылықтың`) keeps its
/// first parts and has its last part stemmed (`зорлық-зомбылық`). The result
/// is never empty for a non-empty input.
pub fn stem(word: &str) -> String {
    if word.is_empty() {
        return String::new();
    }
    if word.contains('-') {
        // every part must be a Kazakh word: `зорлық-зомбылық`, not `-топ`
        let all_ok = word.split('-').all(|p| !p.is_empty() && p.chars().all(is_kazakh_letter));
        if let Some((head, last)) = word.rsplit_once('-')
            && all_ok
        {
            return format!("{head}-{}", stem_simple(last));
        }
        return word.to_string();
    }
    stem_simple(word)
}

fn stem_simple(word: &str) -> String {
    if !word.chars().all(is_kazakh_letter) {
        return word.to_string();
    }
    for &(form, base) in PRONOUNS {
        if word == form {
            return base.to_string();
        }
    }
    let mut w: Vec<char> = word.chars().collect();
    if w.len() <= 3 || !has_vowel(&w) {
        return word.to_string();
    }
    stem_chars(&mut w);
    if w.is_empty() {
        return word.to_string();
    }
    w.into_iter().collect()
}

/// Longer "words" are returned unchanged: no Kazakh word form comes near
/// this, and it bounds the work per token.
const MAX_LEN: usize = 48;
/// Upper bound on inflection rounds (real words need at most three).
const MAX_ROUNDS: usize = 6;

fn stem_chars(w: &mut Vec<char>) {
    if w.len() > MAX_LEN || is_protected(w) {
        return;
    }
    let orig_len = w.len();
    if strip_finite_verb(w) {
        return;
    }
    for _ in 0..MAX_ROUNDS {
        let before = w.len();
        inflection_round(w);
        restore_elision(w);
        if w.len() == before || is_protected(w) {
            break;
        }
    }
    if is_protected(w) {
        return;
    }
    // 6. participles, verbal nouns; the converb only on an uninflected word
    if !strip_verbal(w) && w.len() == orig_len {
        strip(w, CONVERB, Layer::Plain);
    }
    restore_elision(w);
}

/// Layers 1–4 once, in morphotactic order (from the end: -ғы, case,
/// possessive, plural).
fn inflection_round(w: &mut Vec<char>) {
    // 1. adjectival -ғы / -дағы
    let mut case_done = false;
    if let Some(s) = strip(w, ADJ_GY, Layer::Plain) {
        case_done = s.chars().count() >= 4; // -дағы family already held the case
    }
    // 2. case, then once more -ғы: a -ғы adjective can be used as a noun
    //    and take a case (`бұрынғы|дан`)
    if !case_done {
        if is_protected(w) {
            return;
        }
        if strip(w, CASE, Layer::Case).is_some() && !is_protected(w) {
            strip(w, ADJ_GY, Layer::Plain);
        }
    }
    // 3. possessive
    if is_protected(w) {
        return;
    }
    strip(w, POSS, Layer::Possessive);
    // 4. plural
    if is_protected(w) {
        return;
    }
    strip(w, PLURAL, Layer::Plain);
}

/// Layer 6, with the `-ю` → `-й` special case.
fn strip_verbal(w: &mut Vec<char>) -> bool {
    if let Some(rem) = ends_with(w, "ю")
        && rem >= 3
        && is_vowel(w[rem - 1])
    {
        w.truncate(rem);
        w.push('й');
        return true;
    }
    if let Some(rem) = ends_with(w, "у")
        && rem >= 1
        && matches!(w[rem - 1], 'у' | 'ю' | 'й')
    {
        return false;
    }
    strip(w, VERBAL, Layer::Plain).is_some()
}
