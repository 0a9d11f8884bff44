//! `baspa new`: start a report, or add a page to one. A new report is small
//! but complete — two languages, a landing page and a page with a chart in
//! each, a data file, the help numbers and the default theme — so an editor
//! learns the project's shape from a site that already builds, and changes
//! it rather than writing it from a blank page.

mod files;
pub mod page;
mod theme;

use std::path::{Path, PathBuf};

use crate::error::Diagnostic;

use files::write_new;
pub use page::{NewPage, new_page};

/// The report's own files; the theme comes from [`theme::FILES`].
/// `{year}` and `{today}` in `baspa.yaml` are filled in when written.
const SKELETON: &[(&str, &str)] = &[
    ("baspa.yaml", include_str!("skeleton/baspa.yaml")),
    ("content/en/_index.md", include_str!("skeleton/content/en/_index.md")),
    ("content/en/01-calls.md", include_str!("skeleton/content/en/01-calls.md")),
    ("content/ru/_index.md", include_str!("skeleton/content/ru/_index.md")),
    ("content/ru/01-calls.md", include_str!("skeleton/content/ru/01-calls.md")),
    ("data/calls.yaml", include_str!("skeleton/data/calls.yaml")),
    ("data/helplines.yaml", include_str!("skeleton/data/helplines.yaml")),
];

/// What `new_site` wrote.
pub struct NewSite {
    pub dir: PathBuf,
    pub files: usize,
}

/// Create a new report in `dir`, which must not exist or be empty: baspa
/// never mixes a new report into existing files.
pub fn new_site(dir: &Path) -> Result<NewSite, Diagnostic> {
    check_empty(dir)?;
    let today = today();
    let mut files = 0;
    for (path, text) in SKELETON {
        let text = if *path == "baspa.yaml" { text.replace("{year}", &today[..4]).replace("{today}", &today) } else { text.to_string() };
        write_new(dir, path, text.as_bytes())?;
        files += 1;
    }
    for (path, bytes) in theme::FILES {
        write_new(dir, &format!("themes/default/{path}"), bytes)?;
        files += 1;
    }
    Ok(NewSite { dir: dir.to_path_buf(), files })
}

fn check_empty(dir: &Path) -> Result<(), Diagnostic> {
    let shown = dir.display().to_string();
    if !dir.exists() {
        return Ok(());
    }
    if !dir.is_dir() {
        return Err(Diagnostic::file(shown, "exists and is not a folder"));
    }
    let mut entries = std::fs::read_dir(dir).map_err(|e| Diagnostic::file(&shown, format!("cannot be read: {}", e.kind())))?;
    if entries.next().is_some() {
        return Err(Diagnostic::file(shown, "folder is not empty").with_hint("give a new folder's name: `baspa new` never writes into existing files"));
    }
    Ok(())
}

/// Today's date, `YYYY-MM-DD` (UTC), for a new report's `published:`.
/// Builds never read the clock; only this starting point does.
fn today() -> String {
    let secs = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs());
    civil_date((secs / 86_400) as i64)
}

/// Days since 1970-01-01 → `YYYY-MM-DD` in the proleptic Gregorian
/// calendar (Howard Hinnant's `civil_from_days`).
pub(crate) fn civil_date(days: i64) -> String {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!("{year:04}-{month:02}-{day:02}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn civil_dates_match_the_calendar() {
        assert_eq!(civil_date(0), "1970-01-01");
        assert_eq!(civil_date(19_716), "2023-12-25");
        assert_eq!(civil_date(20_147), "2025-02-28");
        assert_eq!(civil_date(20_148), "2025-03-01");
        assert_eq!(civil_date(19_782), "2024-02-29");
    }

    #[test]
    fn refuses_a_folder_with_files() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("notes.txt"), "mine").unwrap();
        let e = new_site(dir.path()).err().unwrap();
        assert!(e.headline().ends_with("folder is not empty"), "{}", e.headline());
        assert_eq!(std::fs::read_to_string(dir.path().join("notes.txt")).unwrap(), "mine");
    }

    #[test]
    fn writes_the_skeleton_and_the_theme_into_an_empty_folder() {
        let dir = tempfile::tempdir().unwrap();
        let made = new_site(dir.path()).ok().unwrap();
        assert_eq!(made.files, SKELETON.len() + theme::FILES.len());
        let config = std::fs::read_to_string(dir.path().join("baspa.yaml")).unwrap();
        assert!(!config.contains("{year}") && !config.contains("{today}"), "{config}");
        assert!(dir.path().join("themes/default/templates/page.html").is_file());
    }
}
