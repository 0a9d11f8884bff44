//! The index of one language, as the files the browser reads:
//!
//! - `index.json`, the manifest: the shard key length (`k`: 0 for one
//!   shard, else the number of leading letters that name a shard), the
//!   shards that exist, how many sections each page has (`n`: section ids
//!   run through the pages in menu order), and how many pages each text
//!   file holds (`c`);
//! - `t.json` or `t-<key>.json`, the terms: every word form the text uses
//!   that differs from its stem, grouped by stem (`f`: stem → the forms'
//!   endings after the stem, space-separated, or `=form` for a form that
//!   does not begin with its stem, as `кітабы` for `кітап`), so the browser
//!   needs no stemmer; and every stem's postings (`s`: stem → `[section id
//!   delta, weight, …]`). A form sits in the shard of its own first
//!   letters, a stem's postings in the shard of the stem's. In a sharded
//!   index, a stem found in many sections has its postings in a file of
//!   their own, `t-<key>.<N>.json`, and the shard holds just `N`: a query
//!   fetches the lists of its own words, not those of their neighbours;
//! - `p<N>.json`, text file N: the title, URL and sections (heading,
//!   anchor, text) of `c` pages, fetched only for the results shown, for
//!   their excerpts.
//!
//! A small site gets one terms shard and one text file; past
//! [`ONE_SHARD_BYTES`] the terms are split by their first
//! [`SHARD_LETTERS`] letters, and past [`ONE_TEXT_FILE_BYTES`] every page
//! has its own text file, so a query fetches the few shards of its words
//! and the pages of the results it shows, not the whole index. Every map
//! is sorted: the same text gives the same bytes.

use std::collections::{BTreeMap, HashMap};

use rayon::prelude::*;
use serde::Serialize;

use super::extract::Section;
use super::stem::Stemmer;
use super::text;

/// Above this size the terms are sharded.
pub const ONE_SHARD_BYTES: usize = 96 * 1024;
pub const SHARD_LETTERS: usize = 2;
/// Above this size of all pages' text, each page gets its own text file.
pub const ONE_TEXT_FILE_BYTES: usize = 160 * 1024;
/// A word in a heading (or in the page title, for the page's first section)
/// counts this many times a word of the text.
const HEADING_WEIGHT: u32 = 5;
/// Weights are capped so postings stay one-digit numbers.
const MAX_WEIGHT: u32 = 9;
/// In a sharded index, postings of more numbers than this get their own file.
pub const OWN_FILE_NUMBERS: usize = 512;

/// One page of a language, with its sections.
pub struct PageText {
    pub title: String,
    pub url: String,
    pub sections: Vec<Section>,
}

/// Every file of one language's index: name (within the index folder) and JSON.
pub fn build(stemmer: &Stemmer, pages: &[PageText]) -> Vec<(String, String)> {
    let terms = Terms::collect(stemmer, pages);
    let (key_len, shards, mut files) = term_files(&terms);
    let texts: Vec<PageFile> = pages.iter().map(PageFile::new).collect();
    let whole = to_json(&texts);
    let per_file = if whole.len() > ONE_TEXT_FILE_BYTES { 1 } else { texts.len().max(1) };
    for (i, chunk) in texts.chunks(per_file).enumerate() {
        files.push((format!("p{i}.json"), if per_file == texts.len() { whole.clone() } else { to_json(&chunk) }));
    }
    let manifest = Manifest { v: 1, k: key_len, shards, n: pages.iter().map(|p| p.sections.len()).collect(), c: per_file };
    files.push(("index.json".to_string(), to_json(&manifest)));
    files
}

/// The terms files: the shard key length, the shards' keys and the files.
/// One `t.json` when all terms fit in [`ONE_SHARD_BYTES`] (measured, not
/// guessed: it is written as it is), else shards of [`SHARD_LETTERS`].
fn term_files(terms: &Terms) -> (usize, Vec<String>, Vec<(String, String)>) {
    let forms: Vec<&String> = terms.forms.keys().collect();
    let stems: Vec<&String> = terms.postings.keys().collect();
    let one = to_json(&terms.shard(&forms, &stems, false).0);
    if one.len() <= ONE_SHARD_BYTES {
        return (0, vec![String::new()], vec![(shard_file(""), one)]);
    }
    // Each word is put in its group once: filtering every word per shard
    // made a 2×1,000-page site's index quadratic.
    let mut groups: BTreeMap<String, (Vec<&String>, Vec<&String>)> = BTreeMap::new();
    for form in forms {
        groups.entry(shard_key(form, SHARD_LETTERS)).or_default().0.push(form);
    }
    for stem in stems {
        groups.entry(shard_key(stem, SHARD_LETTERS)).or_default().1.push(stem);
    }
    let shards: Vec<Vec<(String, String)>> = groups
        .par_iter()
        .map(|(key, (forms, stems))| {
            let (shard, own) = terms.shard(forms, stems, true);
            let name = shard_file(key);
            let base = name.trim_end_matches(".json");
            let own = own.iter().enumerate().map(|(i, list)| (format!("{base}.{i}.json"), to_json(list)));
            std::iter::once((name.clone(), to_json(&shard))).chain(own).collect()
        })
        .collect();
    (SHARD_LETTERS, groups.into_keys().collect(), shards.into_iter().flatten().collect())
}

#[derive(Serialize)]
struct Manifest {
    v: u32,
    k: usize,
    shards: Vec<String>,
    n: Vec<usize>,
    c: usize,
}

#[derive(Serialize)]
struct Shard<'a> {
    f: BTreeMap<&'a str, String>,
    s: BTreeMap<&'a str, Postings>,
}

/// A stem's postings, or the number of the file that holds them.
#[derive(Serialize)]
#[serde(untagged)]
enum Postings {
    Inline(Vec<u32>),
    File(usize),
}

#[derive(Serialize)]
struct PageFile<'a> {
    t: &'a str,
    u: &'a str,
    s: Vec<[&'a str; 3]>,
}

impl<'a> PageFile<'a> {
    fn new(page: &'a PageText) -> Self {
        PageFile { t: &page.title, u: &page.url, s: page.sections.iter().map(|s| [s.heading.as_str(), s.anchor.as_str(), s.text.as_str()]).collect() }
    }
}

fn to_json<T: Serialize>(value: &T) -> String {
    serde_json::to_string(value).expect("index data serialises")
}

/// The shard a word belongs to: its first `len` letters (all of it when shorter).
pub fn shard_key(word: &str, len: usize) -> String {
    word.chars().take(len).collect()
}

/// A shard's file name: the key's code points in hex, so file names stay
/// ASCII whatever the script (`то` → `t-442-43e.json`).
pub fn shard_file(key: &str) -> String {
    if key.is_empty() {
        return "t.json".into();
    }
    let hex: Vec<String> = key.chars().map(|c| format!("{:x}", c as u32)).collect();
    format!("t-{}.json", hex.join("-"))
}

/// Forms and postings of a whole language.
struct Terms {
    /// Form → stem, for the forms that differ from their stem.
    forms: BTreeMap<String, String>,
    /// Stem → (section id, weight), by section id.
    postings: BTreeMap<String, Vec<(u32, u32)>>,
}

impl Terms {
    fn collect(stemmer: &Stemmer, pages: &[PageText]) -> Terms {
        let sections: Vec<(&PageText, usize, &Section)> = pages.iter().flat_map(|p| p.sections.iter().enumerate().map(move |(j, s)| (p, j, s))).collect();
        // Normalising and splitting the text is most of the work: done per
        // section in parallel; stemming each distinct form once, in order.
        let counted: Vec<Vec<(String, u32)>> = sections.par_iter().map(|&(page, j, section)| words_of(page, j, section)).collect();
        let mut stems: HashMap<String, String> = HashMap::new();
        let mut forms = BTreeMap::new();
        let mut postings: BTreeMap<String, Vec<(u32, u32)>> = BTreeMap::new();
        for (id, words) in counted.iter().enumerate() {
            for (word, _) in words {
                if !stems.contains_key(word) {
                    let stem = stemmer.stem(word);
                    if stem != *word {
                        forms.insert(word.clone(), stem.clone());
                    }
                    stems.insert(word.clone(), stem);
                }
            }
            let mut weights: BTreeMap<&str, u32> = BTreeMap::new();
            for (word, weight) in words {
                *weights.entry(stems[word].as_str()).or_default() += weight;
            }
            for (stem, weight) in weights {
                let entry = (id as u32, weight.min(MAX_WEIGHT));
                match postings.get_mut(stem) {
                    Some(list) => list.push(entry),
                    None => {
                        postings.insert(stem.to_string(), vec![entry]);
                    }
                }
            }
        }
        Terms { forms, postings }
    }

    /// The shard of these forms and stems, and the postings that go into
    /// files of their own (`split`: only in a sharded index, since a small
    /// site is best served by one file).
    fn shard<'t>(&'t self, forms: &[&'t String], stems: &[&'t String], split: bool) -> (Shard<'t>, Vec<Vec<u32>>) {
        let mut f: BTreeMap<&str, String> = BTreeMap::new();
        for (form, stem) in forms.iter().map(|&form| (form, &self.forms[form])) {
            let forms = f.entry(stem.as_str()).or_default();
            if !forms.is_empty() {
                forms.push(' ');
            }
            match form.strip_prefix(stem.as_str()) {
                Some(ending) => forms.push_str(ending),
                None => {
                    forms.push('=');
                    forms.push_str(form);
                }
            }
        }
        let mut own = Vec::new();
        let mut s = BTreeMap::new();
        for (stem, list) in stems.iter().map(|&stem| (stem, &self.postings[stem])) {
            let list = deltas(list);
            let postings = if split && list.len() > OWN_FILE_NUMBERS {
                own.push(list);
                Postings::File(own.len() - 1)
            } else {
                Postings::Inline(list)
            };
            s.insert(stem.as_str(), postings);
        }
        (Shard { f, s }, own)
    }
}

/// A section's words with their weights: the page title's (first section
/// only) and the heading's count [`HEADING_WEIGHT`] times. Sorted, so the
/// index never depends on hash order.
fn words_of(page: &PageText, j: usize, section: &Section) -> Vec<(String, u32)> {
    let mut weights: HashMap<String, u32> = HashMap::new();
    let title = if j == 0 { page.title.as_str() } else { "" };
    for (text, weight) in [(title, HEADING_WEIGHT), (section.heading.as_str(), HEADING_WEIGHT), (section.text.as_str(), 1)] {
        text::for_each_word(text, |word| match weights.get_mut(word) {
            Some(w) => *w += weight,
            None => {
                weights.insert(word.to_string(), weight);
            }
        });
    }
    let mut words: Vec<(String, u32)> = weights.into_iter().collect();
    words.sort_unstable();
    words
}

/// `[(id, weight)]` as `[id delta, weight, …]`: small numbers, short JSON.
fn deltas(list: &[(u32, u32)]) -> Vec<u32> {
    let mut out = Vec::with_capacity(list.len() * 2);
    let mut last = 0;
    for &(id, weight) in list {
        out.push(id - last);
        out.push(weight);
        last = id;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(title: &str, sections: &[(&str, &str, &str)]) -> PageText {
        PageText {
            title: title.into(),
            url: "/kk/x/".into(),
            sections: sections.iter().map(|(h, a, t)| Section { heading: h.to_string(), anchor: a.to_string(), text: t.to_string() }).collect(),
        }
    }

    fn file(files: &[(String, String)], name: &str) -> serde_json::Value {
        let text = &files.iter().find(|(n, _)| n == name).unwrap_or_else(|| panic!("no {name}")).1;
        serde_json::from_str(text).unwrap()
    }

    #[test]
    fn stores_forms_with_their_stems_and_weighted_postings() {
        let pages = [page("Топтар", &[("", "", "Мобильді топтар жұмыс істейді."), ("Топтардың жұмысы", "work", "Топтарға көмек.")])];
        let files = build(&Stemmer::for_locale("kk"), &pages);
        let terms = file(&files, "t.json");
        assert_eq!(terms["f"]["топ"], "тар тардың тарға", "forms as endings after their stem, in byte order; `топ` itself is not repeated");
        assert_eq!(terms["f"]["жұмыс"], "ы");
        // Section 0: title (5) + text (1); section 1: heading (5) + text (1).
        assert_eq!(terms["s"]["топ"], serde_json::json!([0, 6, 1, 6]));
        let manifest = file(&files, "index.json");
        assert_eq!(manifest, serde_json::json!({"v": 1, "k": 0, "shards": [""], "n": [2], "c": 1}));
        assert_eq!(file(&files, "p0.json")[0]["s"][1], serde_json::json!(["Топтардың жұмысы", "work", "Топтарға көмек."]));
    }

    #[test]
    fn a_large_index_is_sharded_by_first_letters() {
        let text: String = (0..12_000).map(|i| format!("w{i:05}x ")).collect();
        let pages = [page("T", &[("", "", &text)])];
        let files = build(&Stemmer::None, &pages);
        let manifest = file(&files, "index.json");
        assert_eq!(manifest["k"], 2);
        assert_eq!(manifest["shards"].as_array().map(Vec::len), Some(2), "`t` (the title) and `w0`");
        assert!(file(&files, &shard_file("w0"))["s"].get("w00042x").is_some());
    }

    #[test]
    fn in_a_sharded_index_long_postings_have_their_own_file() {
        let common = "often ".repeat(3);
        let sections: Vec<String> =
            (0..400).map(|i| format!("{common} w{i:05}x {}", (0..30).map(|j| format!("v{i:03}{j:02}y ")).collect::<String>())).collect();
        let page = PageText {
            title: "T".into(),
            url: "/x/".into(),
            sections: sections.iter().map(|t| Section { heading: String::new(), anchor: String::new(), text: t.clone() }).collect(),
        };
        let files = build(&Stemmer::None, &[page]);
        assert_eq!(file(&files, "index.json")["k"], 2);
        let shard = file(&files, &shard_file("of"));
        assert_eq!(shard["s"]["often"], 0, "the shard names the file");
        let own = file(&files, "t-6f-66.0.json");
        assert_eq!(own.as_array().map(Vec::len), Some(800), "400 sections, id delta and weight each");
        assert_eq!(own[1], 3);
    }

    #[test]
    fn a_form_that_does_not_begin_with_its_stem_is_written_whole() {
        let files = build(&Stemmer::for_locale("kk"), &[page("Кітап", &[("", "", "кітабы кітаптар")])]);
        assert_eq!(file(&files, "t.json")["f"]["кітап"], "=кітабы тар");
    }

    #[test]
    fn the_same_text_gives_the_same_bytes() {
        let make = || build(&Stemmer::for_locale("ru"), &[page("Насилие", &[("", "", "Бытовое насилие, защитные предписания, насилием.")])]);
        assert_eq!(make(), make());
        assert_eq!(shard_file("то"), "t-442-43e.json");
    }
}
