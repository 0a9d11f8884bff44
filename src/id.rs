//! The one rule for names an editor chooses that become part of a URL, a
//! file name, an HTML id or a `{{ data.key }}` reference: chart and figure
//! ids, data file names, category, series and value ids, page slugs.
//!
//! An id is 1 to 64 characters: lowercase Latin letters `a`–`z`, digits,
//! `-` and `_`, beginning and ending with a letter or a digit. So it can
//! never climb out of a folder (`..`, `/`, `\`), hide (`.x`), carry a NUL
//! or a space, differ from another id only by case (two files on macOS and
//! Windows), or need escaping anywhere it is written. It is checked where
//! it is read, so the error points at the id itself; later stages take an
//! [`Id`] and may build paths from it.

use std::fmt;

use serde::de::{self, Deserialize, Deserializer, Visitor};

pub const MAX_LEN: usize = 64;

/// A checked id (see the module documentation for the rule).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Id(String);

/// The rule in one sentence, for messages.
pub const RULE: &str = "lowercase Latin letters, digits, `-` and `_`, starting and ending with a letter or digit, at most 64 characters";

impl Id {
    pub fn parse(text: &str) -> Result<Id, String> {
        if is_valid(text) { Ok(Id(text.to_string())) } else { Err(format!("`{}` is not a valid id: use {RULE}", crate::error::visible(text))) }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

pub fn is_valid(text: &str) -> bool {
    let bytes = text.as_bytes();
    let edge = |b: &u8| b.is_ascii_lowercase() || b.is_ascii_digit();
    (1..=MAX_LEN).contains(&bytes.len())
        && bytes.first().is_some_and(edge)
        && bytes.last().is_some_and(edge)
        && bytes.iter().all(|b| edge(b) || *b == b'-' || *b == b'_')
}

impl std::ops::Deref for Id {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

impl std::borrow::Borrow<str> for Id {
    fn borrow(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Id {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl PartialEq<str> for Id {
    fn eq(&self, other: &str) -> bool {
        self.0 == other
    }
}

impl PartialEq<&str> for Id {
    fn eq(&self, other: &&str) -> bool {
        self.0 == *other
    }
}

impl<'de> Deserialize<'de> for Id {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct IdVisitor;
        impl Visitor<'_> for IdVisitor {
            type Value = Id;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                write!(f, "an id ({RULE})")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Id, E> {
                Id::parse(v).map_err(E::custom)
            }
            // `id: 2023` is a number to YAML; as an id it is the text `2023`.
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Id, E> {
                self.visit_str(&v.to_string())
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Id, E> {
                self.visit_str(&v.to_string())
            }
        }
        d.deserialize_any(IdVisitor)
    }
}

impl serde::Serialize for Id {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_plain_ids() {
        for ok in ["calls", "2023", "2025-jan-oct", "survey_2024", "a", "x1"] {
            assert!(is_valid(ok), "{ok}");
        }
    }

    #[test]
    fn refuses_anything_that_could_leave_a_folder_or_clash() {
        let long = "a".repeat(65);
        for bad in ["", ".", "..", "../x", "./calls", "a/b", "a\\b", "a\0b", "a b", "Calls", "-a", "a-", "_a", ".hidden", "қала", "a.b", long.as_str()] {
            assert!(!is_valid(bad), "{bad:?}");
        }
    }

    #[test]
    fn numbers_in_yaml_are_ids_too() {
        let id: Id = serde_yaml::from_str("2023").unwrap();
        assert_eq!(id.as_str(), "2023");
        let e = serde_yaml::from_str::<Id>("../../pwned").unwrap_err();
        assert!(e.to_string().starts_with("`../../pwned` is not a valid id"), "{e}");
    }
}
