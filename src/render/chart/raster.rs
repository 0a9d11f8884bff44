//! Static chart SVG → PNG (the only user of resvg): downloads and Open Graph
//! images. Only DejaVu Sans from [`crate::fonts`] is loaded, never the
//! system's fonts, so every machine draws the same bytes, Kazakh letters
//! included.

use std::sync::{Arc, OnceLock};

use resvg::{tiny_skia, usvg};

fn font_db() -> &'static Arc<usvg::fontdb::Database> {
    static DB: OnceLock<Arc<usvg::fontdb::Database>> = OnceLock::new();
    DB.get_or_init(|| {
        use usvg::fontdb::{Database, Source};
        let mut db = Database::new();
        db.load_font_source(Source::Binary(Arc::new(crate::fonts::regular())));
        db.load_font_source(Source::Binary(Arc::new(crate::fonts::bold())));
        // The SVG's stack ends with generic families: they are DejaVu too.
        db.set_sans_serif_family("DejaVu Sans");
        db.set_serif_family("DejaVu Sans");
        db.set_monospace_family("DejaVu Sans");
        Arc::new(db)
    })
}

/// Draw a finished SVG at `scale` × its size, on white (a transparent PNG
/// turns black text unreadable on the dark backgrounds of link previews).
pub fn png(svg: &str, scale: f32) -> Result<Vec<u8>, String> {
    if !(scale.is_finite() && scale > 0.0 && scale <= 8.0) {
        return Err(format!("PNG scale {scale} is out of range"));
    }
    let opt = usvg::Options { fontdb: font_db().clone(), font_family: "DejaVu Sans".into(), ..Default::default() };
    let tree = usvg::Tree::from_str(svg, &opt).map_err(|e| format!("the SVG cannot be drawn: {e}"))?;
    let size = tree.size().to_int_size().scale_by(scale).ok_or("PNG size out of range")?;
    let mut pixmap = tiny_skia::Pixmap::new(size.width(), size.height()).ok_or("PNG size out of range")?;
    pixmap.fill(tiny_skia::Color::WHITE);
    resvg::render(&tree, tiny_skia::Transform::from_scale(scale, scale), &mut pixmap.as_mut());
    pixmap.encode_png().map_err(|e| format!("PNG encoding failed: {e}"))
}
