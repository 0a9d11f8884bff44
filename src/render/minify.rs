//! HTML minification with minify-html (the only user of that crate). JS
//! minification stays off so `application/json` data blocks pass unchanged.

pub fn html(html: &str) -> Vec<u8> {
    let cfg = minify_html::Cfg { minify_css: true, minify_js: false, keep_closing_tags: true, keep_html_and_head_opening_tags: true, ..Default::default() };
    minify_html::minify(html.as_bytes(), &cfg)
}
