//! The fonts baspa draws with, all DejaVu from a registry package (the only
//! user of the dejavu and skrifa crates), never the system's: static charts
//! and PDFs come out the same on every machine, and every face draws Kazakh
//! and Russian letters. Besides the bytes: glyph advances, for ECharts' text
//! measurement at build time (without real widths ECharts counts every letter
//! outside ASCII as 1 em and wraps Kazakh and Russian labels where a browser
//! would not), and which characters the text face can draw at all (the PDF
//! warns about any it cannot).

use std::collections::HashMap;
use std::sync::OnceLock;

/// The font family written on every static SVG: DejaVu Sans first (what the
/// text was measured with and the PNG is drawn with), then fallbacks
/// narrower than it, so text laid out for DejaVu never overflows.
pub const FONT_STACK: &str = "DejaVu Sans, Arial, Helvetica, sans-serif";

pub fn regular() -> &'static [u8] {
    dejavu::sans::regular()
}

pub fn bold() -> &'static [u8] {
    dejavu::sans::bold()
}

/// Every face a PDF may use: DejaVu Sans in four styles for text and
/// charts, DejaVu Sans Mono for code.
pub fn all() -> [&'static [u8]; 6] {
    [regular(), bold(), dejavu::sans::oblique(), dejavu::sans::bold_oblique(), dejavu::sans_mono::regular(), dejavu::sans_mono::bold()]
}

/// Whether DejaVu Sans, the text face, has a glyph for `c`.
pub fn covers(c: char) -> bool {
    faces().as_ref().is_some_and(|(regular, _)| regular.advances.contains_key(&(c as u32)))
}

/// Advance widths of one face, in font units, by code point.
struct Face {
    units_per_em: f32,
    advances: HashMap<u32, f32>,
}

impl Face {
    fn load(bytes: &'static [u8]) -> Option<Face> {
        use skrifa::MetadataProvider;
        use skrifa::instance::{LocationRef, Size};
        let font = skrifa::FontRef::new(bytes).ok()?;
        let metrics = font.glyph_metrics(Size::unscaled(), LocationRef::default());
        let advances = font.charmap().mappings().map(|(cp, gid)| (cp, metrics.advance_width(gid).unwrap_or(0.0))).collect();
        let units_per_em = f32::from(font.metrics(Size::unscaled(), LocationRef::default()).units_per_em).max(1.0);
        Some(Face { units_per_em, advances })
    }

    fn width(&self, text: &str, size: f32) -> f64 {
        // A character DejaVu Sans lacks (such as '国', which ECharts measures
        // for its default line height) counts 1 em, as ECharts' estimate does.
        let units: f32 = text.chars().map(|c| self.advances.get(&(c as u32)).copied().unwrap_or(self.units_per_em)).sum();
        f64::from(units * size / self.units_per_em)
    }
}

fn faces() -> &'static Option<(Face, Face)> {
    static FACES: OnceLock<Option<(Face, Face)>> = OnceLock::new();
    FACES.get_or_init(|| Some((Face::load(regular())?, Face::load(bold())?)))
}

/// Width in px of `text` in DejaVu Sans, for the CSS `font` shorthand
/// ECharts passes (`12px sans-serif`, `bold 14px x`, `normal 600 13px/18px x`).
/// The sum of glyph advances without kerning: drawn text is never wider.
pub fn measure_text(text: &str, font: &str) -> f64 {
    let (size, bold) = parse_font(font);
    match faces() {
        Some((regular, bold_face)) => (if bold { bold_face } else { regular }).width(text, size),
        None => text.chars().count() as f64 * f64::from(size) * 0.6,
    }
}

/// (size in px, bold?) from a CSS font shorthand; 12px regular by default.
fn parse_font(font: &str) -> (f32, bool) {
    let mut bold = false;
    for token in font.split_whitespace() {
        let lower = token.to_ascii_lowercase();
        if lower == "bold" || lower == "bolder" {
            bold = true;
        }
        if let Ok(weight) = lower.parse::<u16>() {
            // A bare number before the size is a weight.
            bold |= (600..=1000).contains(&weight);
            continue;
        }
        let size = lower.split('/').next().unwrap_or("");
        let (number, factor) = if let Some(n) = size.strip_suffix("px") {
            (n, 1.0)
        } else if let Some(n) = size.strip_suffix("pt") {
            (n, 4.0 / 3.0)
        } else if let Some(n) = size.strip_suffix("rem").or_else(|| size.strip_suffix("em")) {
            (n, 16.0)
        } else {
            continue;
        };
        if let Ok(n) = number.parse::<f32>()
            && n.is_finite()
            && n > 0.0
        {
            return (n * factor, bold);
        }
    }
    (12.0, bold)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_css_fonts() {
        assert_eq!(parse_font("12px sans-serif"), (12.0, false));
        assert_eq!(parse_font("bold 14px Microsoft YaHei"), (14.0, true));
        assert_eq!(parse_font("normal normal 600 13.5px/18px serif"), (13.5, true));
        assert_eq!(parse_font("italic 400 9pt a"), (12.0, false));
        assert_eq!(parse_font(""), (12.0, false));
    }

    #[test]
    fn measures_real_glyphs() {
        // Kazakh and Russian letters are narrower than the 1 em ECharts guesses.
        let w = measure_text("қаңтар", "12px sans-serif");
        assert!(w > 30.0 && w < 50.0, "{w}");
        assert!(measure_text("Қазақ", "bold 12px x") > measure_text("Қазақ", "12px x"));
        assert_eq!(measure_text("国", "20px x"), 20.0);
        assert_eq!(measure_text("", "20px x"), 0.0);
    }

    #[test]
    fn the_text_face_draws_kazakh_letters() {
        assert!("әғқңөұүһі ӘҒҚҢӨҰҮҺІ ё №".chars().all(covers));
        assert!(!covers('国'));
    }
}
