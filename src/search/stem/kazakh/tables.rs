//! The stemmer's data: protected roots, inflected pronouns, elided stems
//! and the suffix tables of every layer, each suffix with the sound
//! classes it may follow (see the rules in the parent module).

use super::letters::{B, CONS, L, M, P3, PL, PL12, R, S, T, V, VOICED, Z, ends_with};

// Word lists

/// Roots whose ending passes every guard for some suffix. Stripping stops
/// when the remainder equals one of these (or ends with one of five letters
/// or more, for compounds). Each entry names what it would otherwise lose.
pub const PROTECTED: &[&str] = &[
    "отбасы",    // от+бас+ы, lexicalised: would become отба
    "қорытынды", // -ды accusative look-alike
    "құрылғы",   // -ғы
    "соққы",     // -қы
    "сүзгі",     // -гі
    "тұрғы",     // -ғы
    "қайғы",     // -ғы (қай "which")
    "ескі",      // -кі (ес "mind")
    "бұрын",     // -ы-н
    "кейін",     // -і-н
    "жақын",     // -ы-н
    "қиын",      // -н
    "тегін",     // -і-н
    "бүгін",     // -і-н
    "жасырын",   // -ы-н
    "үшін",      // -і-н
    "орын",      // -ы-н
    "ақын",      // -ы-н
    "келін",     // -і-н (daughter-in-law)
    "ерін",      // -і-н
    "ойын",      // -ы-н (ой "thought")
    "жиын",      // -н
    "шағын",     // -ы-н
    "мүмкін",    // -і-н
    "түйін",     // -і-н
    "мұрын",     // -ы-н
    "қайын",     // -ы-н (in-law)
    "құда",      // -да
    "орда",      // -да
    "апта",      // -та
    "тақта",     // -та
    "мақта",     // -та
    "ұста",      // -та
    "пошта",     // -та
    "кәсіп",     // -іп
    "қорған",    // -ған
    "келесі",    // -сі
    "жады",      // -ды
    "басқа",     // -қа (бас "head")
    "қысқа",     // -қа (қыс "winter")
    "нұсқа",     // -қа
    "өзге",      // -ге (өз "self")
    "екен",      // -н
    "салдар",    // -дар (сал "put")
    "дәптер",    // -тер
    "шілде",     // -де
    "төмен",     // -мен
    "мүлде",     // -де
    "тіпті",     // -ті
    "үлес",      // -сі read on үле
    "кеңес",     // -сі read on кеңе
    "көзқарас",  // -сы read on көзқара
    "қатынас",   // -сы
    "талас",     // -сы
    "қауіп",     // -іп converb
    "желі",      // -і (жел "wind"); keeps желі/желісі/желілер together
    "белгі",     // -і
    "кісі",      // -і
    "құрбан",    // -ны read as accusative on құрба
    "науқан",    // -ны
    "аудан",     // -ны
    "маман",     // -ны
    "заман",     // -ны
    "кешен",     // -ні
    "орган",     // -ны
    "қазан",     // -ны
    "отан",      // -ны
    "арман",     // -ны
    "төраға",    // -ға
    "қойынды",   // -ды, then -ы-н
    "күйеу",     // -у verbal noun ("husband")
    "қоңырау",   // -у verbal noun ("call")
    "алты",      // -ы (numbers are frequent in statistics)
    "жеті",      // -і (жет "reach")
    "тоқсан",    // -ны ("quarter" of a year, "ninety")
    "тағы",      // -ы after a voiced қ
    "өйткені",   // -і
    "қарағанды", // -ған + -ды
    "алматы",    // -ы
    "түркістан", // -тан
    "қазақстан", // -тан
    "өзбекстан", // -тан
    "қырғызстан",
    "тәжікстан",
    "ауғанстан",
    "пәкістан",
    "дағыстан",
];

pub fn is_protected(w: &[char]) -> bool {
    PROTECTED.iter().any(|p| match ends_with(w, p) {
        Some(0) => true,
        Some(_) => p.chars().count() >= 5,
        None => false,
    })
}

/// Inflected pronouns and their base form. Pronouns inflect irregularly
/// (`ол` → `оның`, `оған`; `бұл` → `мұның`) and are too short for the rules,
/// but the mapping is certain, so they are looked up whole.
pub const PRONOUNS: &[(&str, &str)] = &[
    ("оның", "ол"),
    ("оны", "ол"),
    ("оған", "ол"),
    ("одан", "ол"),
    ("онда", "ол"),
    ("онымен", "ол"),
    ("сонымен", "сол"),
    ("олар", "ол"),
    ("олардың", "ол"),
    ("оларды", "ол"),
    ("оларға", "ол"),
    ("олардан", "ол"),
    ("оларда", "ол"),
    ("олармен", "ол"),
    ("бұның", "бұл"),
    ("мұның", "бұл"),
    ("бұны", "бұл"),
    ("мұны", "бұл"),
    ("бұған", "бұл"),
    ("мұған", "бұл"),
    ("бұдан", "бұл"),
    ("мұнан", "бұл"),
    ("бұнда", "бұл"),
    ("мұнда", "бұл"),
    ("мұнымен", "бұл"),
    ("бұлар", "бұл"),
    ("бұлардың", "бұл"),
    ("соның", "сол"),
    ("соны", "сол"),
    ("соған", "сол"),
    ("содан", "сол"),
    ("сонда", "сол"),
    ("солар", "сол"),
    ("солардың", "сол"),
    ("осының", "осы"),
    ("осыны", "осы"),
    ("осыған", "осы"),
    ("осыдан", "осы"),
    ("осында", "осы"),
    ("осындағы", "осы"),
    ("осылар", "осы"),
    ("мынаның", "мына"),
    ("мынаны", "мына"),
    ("мынаған", "мына"),
    ("мынадан", "мына"),
    ("мында", "мына"),
    ("мынада", "мына"),
    ("менің", "мен"),
    ("мені", "мен"),
    ("маған", "мен"),
    ("менде", "мен"),
    ("менімен", "мен"),
    ("сенің", "сен"),
    ("сені", "сен"),
    ("саған", "сен"),
    ("сенде", "сен"),
    ("өзі", "өз"),
    ("өзім", "өз"),
    ("өзің", "өз"),
    ("өздері", "өз"),
    ("өздерінің", "өз"),
];

/// Stems that drop a vowel before a vowel-initial suffix, and their
/// nominative (`орын` → `орны`, `халық` → `халқы`).
pub const ELIDED: &[(&str, &str)] = &[
    ("орн", "орын"),
    ("ауз", "ауыз"),
    ("халқ", "халық"),
    ("ерн", "ерін"),
    ("мұрн", "мұрын"),
    ("қарн", "қарын"),
    ("көңл", "көңіл"),
    ("мойн", "мойын"),
    ("қойн", "қойын"),
    ("ерк", "ерік"),
    ("қауп", "қауіп"),
];

// Suffix tables: (suffix, allowed left context, minimum letters left)

pub type Suf = (&'static str, u16, usize);

/// Layer 1: adjectival -ғы after a case / on time words.
pub const ADJ_GY: &[Suf] = &[
    ("ндағы", P3, 2),
    ("ндегі", P3, 2),
    ("дағы", VOICED | B, 2),
    ("дегі", VOICED | B, 2),
    ("тағы", T | B, 2),
    ("тегі", T | B, 2),
    // temporal -ғы: consonants only (Vғы is a possessive on a voiced қ)
    ("ғы", S | L | R | M | Z, 2),
    ("гі", S | L | R | M | Z, 2),
    ("қы", T, 2),
    ("кі", T, 2),
];

/// Layer 2: case endings.
pub const CASE: &[Suf] = &[
    // genitive
    ("ның", V | M, 2),
    ("нің", V | M, 2),
    ("дың", S | L | R | Z | B, 2),
    ("дің", S | L | R | Z | B, 2),
    ("тың", T | B, 2),
    ("тің", T | B, 2),
    // dative
    ("ға", VOICED | B, 2),
    ("ге", VOICED | B, 2),
    ("қа", T | B, 2),
    ("ке", T | B, 2),
    ("на", P3, 2),
    ("не", P3, 2),
    ("а", PL12, 2),
    ("е", PL12, 2),
    // accusative
    ("ны", V, 2),
    ("ні", V, 2),
    ("ды", S | L | R | M | Z | B, 2),
    ("ді", S | L | R | M | Z | B, 2),
    ("ты", T | B, 2),
    ("ті", T | B, 2),
    ("н", P3, 2),
    // locative
    ("да", VOICED | B, 2),
    ("де", VOICED | B, 2),
    ("та", T | B, 2),
    ("те", T | B, 2),
    ("нда", P3, 2),
    ("нде", P3, 2),
    // ablative
    ("дан", V | S | L | R | Z | B, 2),
    ("ден", V | S | L | R | Z | B, 2),
    ("тан", T | B, 2),
    ("тен", T | B, 2),
    ("нан", M | P3, 2),
    ("нен", M | P3, 2),
    // instrumental
    ("мен", V | S | L | R | M, 2),
    ("менен", V | S | L | R | M, 2),
    ("бен", Z | B, 2),
    ("бенен", Z | B, 2),
    ("пен", T | B, 2),
    ("пенен", T | B, 2),
];

/// Layer 3: possessive endings.
pub const POSS: &[Suf] = &[
    ("ыңыз", CONS, 2),
    ("іңіз", CONS, 2),
    ("ңыз", V, 3),
    ("ңіз", V, 3),
    ("ымыз", CONS, 2),
    ("іміз", CONS, 2),
    ("мыз", V, 3),
    ("міз", V, 3),
    ("ым", PL, 2),
    ("ім", PL, 2),
    ("ың", PL, 2),
    ("ің", PL, 2),
    ("ы", CONS, 2),
    ("і", CONS, 2),
    ("сы", V, 3),
    ("сі", V, 3),
];

/// Layer 4: plural.
pub const PLURAL: &[Suf] = &[("лар", V | S | R, 2), ("лер", V | S | R, 2), ("дар", L | M | Z, 2), ("дер", L | M | Z, 2), ("тар", T | B, 2), ("тер", T | B, 2)];

pub const NEG_M: u16 = V | S | L | R; // -ма/-ме after vowels and л р й у
pub const NEG_B: u16 = Z | M; // -ба/-бе after з ж м н ң
pub const NEG_P: u16 = T | B; // -па/-пе after voiceless

/// Layer 6: participles and verbal nouns.
pub const VERBAL: &[Suf] = &[
    ("маған", NEG_M, 2),
    ("меген", NEG_M, 2),
    ("баған", NEG_B, 2),
    ("беген", NEG_B, 2),
    ("паған", NEG_P, 2),
    ("пеген", NEG_P, 2),
    ("ған", VOICED, 3),
    ("ген", VOICED, 3),
    ("қан", T, 3),
    ("кен", T, 3),
    ("мау", NEG_M, 2),
    ("меу", NEG_M, 2),
    ("бау", NEG_B, 2),
    ("беу", NEG_B, 2),
    ("пау", NEG_P, 2),
    ("пеу", NEG_P, 2),
    ("у", V | L | R | M | Z | B | T, 3),
];

/// Layer 0: negative present (finite, whole word).
pub const NEG_PRESENT: &[Suf] = &[("майды", NEG_M, 2), ("мейді", NEG_M, 2), ("байды", NEG_B, 2), ("бейді", NEG_B, 2), ("пайды", NEG_P, 2), ("пейді", NEG_P, 2)];

pub const CONVERB: &[Suf] = &[("ып", CONS, 3), ("іп", CONS, 3)];
