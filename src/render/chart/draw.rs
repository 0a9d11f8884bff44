//! A figure's static images, drawn at build time: what every reader sees
//! first, with or without JavaScript, on paper and in a saved PDF. The page
//! gets a `<picture>` whose sources the browser picks by media query — a
//! narrow drawing for phones and a wide one, each in the light scheme and
//! in a black-and-white scheme with patterns for readers who ask for more
//! contrast or forced colours (dark pages invert the light drawing with a
//! CSS filter) — so a reader downloads one SVG per chart. Beside them: the
//! wide SVG and a PNG to download, and the page's Open Graph image.

use std::sync::Arc;

use serde_json::{Value as Json, json};

use super::cache;
use super::engine::{self, ChartRequest};
use super::plot::Plot;
use super::spec::{ChartSpec, Kind};
use super::{option, raster};
use crate::fonts;
use crate::model::OutputFile;
use crate::render::env::Env;
use crate::render::html::escape;

/// Phones (and print on narrow paper) get the narrow drawing below this width.
const NARROW_MEDIA: &str = "(max-width: 37.5em)";
const CONTRAST_MEDIA: &[&str] = &["(forced-colors: active)", "(prefers-contrast: more)"];

/// One drawing of a chart.
#[derive(Clone, Copy)]
struct Variant {
    /// File name suffix: `""` (wide light), `-narrow`, `-contrast`, `-narrow-contrast`.
    suffix: &'static str,
    narrow: bool,
    contrast: bool,
}

const VARIANTS: [Variant; 4] = [
    Variant { suffix: "-narrow-contrast", narrow: true, contrast: true },
    Variant { suffix: "-contrast", narrow: false, contrast: true },
    Variant { suffix: "-narrow", narrow: true, contrast: false },
    Variant { suffix: "", narrow: false, contrast: false },
];

/// Layout size in CSS pixels: a phone's column (360 px less the page's
/// margins) or the text column; taller for many horizontal bars (`bars`
/// side by side in each of `rows` categories) and for pies, whose legend
/// takes rows on a phone.
fn size(kind: Kind, rows: usize, bars: usize, narrow: bool) -> (u32, u32) {
    let rows = rows as u32;
    let extra = 18 * (bars.max(1) as u32 - 1);
    match (kind, narrow) {
        (Kind::Hbar, false) => (600, (80 + rows * (40 + extra)).max(300)),
        (Kind::Hbar, true) => (340, (90 + rows * (56 + extra)).max(320)),
        (Kind::Pie | Kind::Donut, false) => (600, 360),
        (Kind::Pie | Kind::Donut, true) => (340, 400),
        (_, false) => (600, 360),
        (_, true) => (340, 320),
    }
}

/// What the figure shows of its drawings, and the files they are in.
pub struct Drawn {
    /// The `<picture>` element.
    pub picture: String,
    pub files: Vec<OutputFile>,
    /// URLs of the wide SVG and PNG, to download.
    pub svg_url: String,
    pub png_url: String,
    /// The Open Graph image's site path, when asked for.
    pub og_image: Option<String>,
}

/// Draw every variant of a chart whose option is `option`, described by
/// `title` and `description`. `og` also draws the 1200×630 PNG.
pub fn figure(env: &Env, spec: &ChartSpec, plot: &Plot, option: &Json, title: &str, description: &str, og: bool) -> Result<Drawn, String> {
    let lang = env.page.lang.as_str();
    let base = &env.site.config.base_url;
    let path = |suffix: &str, ext: &str| format!("{lang}/figures/{}{suffix}.{ext}", spec.id);
    let mut files = Vec::new();
    let mut sources = String::new();
    let mut img = String::new();
    let mut wide_svg = None;
    // A chart that turns horizontal on a phone is as tall there as horizontal bars.
    let narrow_kind = if option::flips_when_narrow(option) { Kind::Hbar } else { spec.kind };
    for v in VARIANTS {
        let kind = if v.narrow { narrow_kind } else { spec.kind };
        // Horizontal bars of several series stand side by side in each category.
        let bars = if kind == Kind::Hbar && matches!(spec.kind, Kind::Grouped | Kind::Hbar) { plot.cols.len() } else { 1 };
        let (width, height) = size(kind, plot.rows.len(), bars, v.narrow);
        let (svg, drawn) = svg(env, plot, option, width, height, v.contrast, &format!("fig-{}{}", spec.id, v.suffix), title, description)?;
        let url = escape(&base.rel(&path(v.suffix, "svg")));
        let media: Vec<String> = match (v.contrast, v.narrow) {
            (true, true) => CONTRAST_MEDIA.iter().map(|c| format!("{c} and {NARROW_MEDIA}")).collect(),
            (true, false) => CONTRAST_MEDIA.iter().map(|c| c.to_string()).collect(),
            (false, true) => vec![NARROW_MEDIA.to_string()],
            (false, false) => vec![],
        };
        if media.is_empty() {
            img =
                format!("<img class=\"chart-static\" src=\"{url}\" width=\"{width}\" height=\"{height}\" alt=\"{}\" decoding=\"async\">", escape(description));
            wide_svg = Some(drawn);
        } else {
            sources += &format!("<source media=\"{}\" srcset=\"{url}\" width=\"{width}\" height=\"{height}\">", media.join(", "));
        }
        files.push(OutputFile::new(path(v.suffix, "svg"), svg.as_bytes()));
    }
    let wide = wide_svg.ok_or("no wide drawing")?;
    files.push(OutputFile::new(path("", "png"), png(&wide, 2.0)?.to_vec()));
    let og_image = if og {
        let (_, drawn) = svg(env, plot, option, 600, 315, false, &format!("fig-{}-og", spec.id), title, description)?;
        files.push(OutputFile::new(path("-og", "png"), png(&drawn, 2.0)?.to_vec()));
        Some(path("-og", "png"))
    } else {
        None
    };
    Ok(Drawn {
        picture: format!("<picture>{sources}{img}</picture>"),
        files,
        svg_url: base.rel(&path("", "svg")),
        png_url: base.rel(&path("", "png")),
        og_image,
    })
}

/// `baspaPrepare`'s configuration for this page and chart, as the
/// browser's charts.js builds it.
pub fn config(env: &Env, plot: &Plot, contrast: bool) -> Json {
    let seps = env.lang.locale.separators();
    json!({
        "decimal": seps.decimal,
        "group": seps.group,
        "percent": seps.percent,
        "minus": seps.minus,
        "decimals": plot.ds.style.decimals,
        "unit": if plot.ds.style.percent { "percent" } else { "number" },
        "scheme": if contrast { "contrast" } else { "light" },
        "fontFamily": fonts::FONT_STACK,
    })
}

/// The ids inside a drawing before they get the figure's own prefix: the
/// same chart on two pages (or in two figures) is drawn once and only
/// renamed. A token no label is likely to contain, replaced in the markup.
const PREFIX_TOKEN: &str = "baspa0prefix0token";

/// One finished SVG, from the cache when an identical chart was drawn,
/// under any figure id; and the drawing with `PREFIX_TOKEN` ids, which
/// the PNG cache keys on for the same reason.
#[allow(clippy::too_many_arguments)]
fn svg(
    env: &Env,
    plot: &Plot,
    option: &Json,
    width: u32,
    height: u32,
    contrast: bool,
    prefix: &str,
    title: &str,
    description: &str,
) -> Result<(String, Arc<[u8]>), String> {
    let config = config(env, plot, contrast);
    let key = cache::key((engine::VERSION, option.to_string(), config.to_string(), width, height, title, description));
    let bytes = cache::get_or_make(key, || {
        let request = ChartRequest {
            option,
            width,
            height,
            config: &config,
            id_prefix: PREFIX_TOKEN,
            title: Some(title),
            description: Some(description),
            responsive: false,
        };
        engine::render_svg(&request).map(|s| s.svg.into_bytes())
    })?;
    Ok((String::from_utf8_lossy(&bytes).replace(PREFIX_TOKEN, prefix), bytes))
}

/// A PNG of a drawing (its token-id form: ids do not change the pixels).
fn png(svg: &[u8], scale: f32) -> Result<Arc<[u8]>, String> {
    cache::get_or_make(cache::key((engine::VERSION, svg, scale.to_bits())), || raster::png(&String::from_utf8_lossy(svg), scale))
}
