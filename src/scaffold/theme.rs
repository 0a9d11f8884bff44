//! The default theme, built into the binary so `baspa new` works anywhere,
//! without the repository at hand. Files are listed one by one (no build
//! script, no directory walk): the test below fails when `themes/default`
//! gains or loses a file that this list does not.

/// Every file of `themes/default`, by its path inside the theme folder.
pub const FILES: &[(&str, &[u8])] = &[
    ("i18n/en.yaml", include_bytes!("../../themes/default/i18n/en.yaml")),
    ("i18n/kk.yaml", include_bytes!("../../themes/default/i18n/kk.yaml")),
    ("i18n/ru.yaml", include_bytes!("../../themes/default/i18n/ru.yaml")),
    ("static/baspa.js", include_bytes!("../../themes/default/static/baspa.js")),
    ("static/charts.js", include_bytes!("../../themes/default/static/charts.js")),
    ("static/favicon.svg", include_bytes!("../../themes/default/static/favicon.svg")),
    ("static/search.js", include_bytes!("../../themes/default/static/search.js")),
    ("static/style.css", include_bytes!("../../themes/default/static/style.css")),
    ("templates/404.html", include_bytes!("../../themes/default/templates/404.html")),
    ("templates/base.html", include_bytes!("../../themes/default/templates/base.html")),
    ("templates/page.html", include_bytes!("../../themes/default/templates/page.html")),
    ("templates/root.html", include_bytes!("../../themes/default/templates/root.html")),
    ("templates/search.html", include_bytes!("../../themes/default/templates/search.html")),
];

#[cfg(test)]
mod tests {
    use std::path::Path;

    #[test]
    fn embeds_every_file_of_the_default_theme() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default");
        let mut on_disk: Vec<String> = walkdir::WalkDir::new(&dir)
            .into_iter()
            .map(|e| e.expect("theme folder is readable"))
            .filter(|e| e.file_type().is_file())
            .map(|e| crate::load::display(&dir, e.path()))
            .collect();
        on_disk.sort();
        let embedded: Vec<&str> = super::FILES.iter().map(|(p, _)| *p).collect();
        assert_eq!(on_disk, embedded, "update src/scaffold/theme.rs to match themes/default");
    }
}
