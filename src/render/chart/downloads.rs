//! The plotted data as files to download, one set per figure and language:
//! - a CSV that any program reads as it is (a header row, then data rows:
//!   pandas, R and `csvkit` choke on title or citation rows after the data);
//! - its description beside it as CSV on the Web metadata (W3C CSVW, the
//!   file `<name>.csv-metadata.json` tools look for): title, source, notes,
//!   licence, how to cite, and each column's title and type;
//! - an XLSX, for the spreadsheet users a CSV fails (Excel with Russian or
//!   Kazakh regional settings splits CSV at `;` and shows one column):
//!   typed numbers in the data's own format, localized headers, and a
//!   second sheet about the data.
//!
//! A text cell that a spreadsheet would run as a formula (`=HYPERLINK(…)`,
//! `+…`, `-…`, `@…`, a leading tab or CR) stays text in both.
//! This module is the only user of rust_xlsxwriter.

use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, Workbook, Worksheet, XlsxError};
use serde_json::json;

use super::plot::{Plot, row_label};
use crate::model::{OutputFile, Ui};
use crate::render::env::Env;

/// What the files say about the figure besides its numbers.
pub struct About<'a> {
    /// "Figure 3. Title", as the page shows it.
    pub title: &'a str,
    pub citation: &'a str,
    /// The figure's address on the site.
    pub permalink: &'a str,
}

/// The CSV, its CSVW metadata and the XLSX of a figure; `stem` is the path
/// without extension (`en/figures/criminal-cases`). `Err` only if the
/// spreadsheet library fails, which is reported at the chart block.
pub fn files(env: &Env, plot: &Plot, about: &About, stem: &str) -> Result<Vec<OutputFile>, String> {
    let table = Table::of(env, plot);
    let csv_name = format!("{}.csv", stem.rsplit('/').next().unwrap_or(stem));
    Ok(vec![
        OutputFile::new(format!("{stem}.csv"), table.csv().into_bytes()),
        OutputFile::new(format!("{stem}.csv-metadata.json"), metadata(env, plot, about, &table, &csv_name).into_bytes()),
        OutputFile::new(format!("{stem}.xlsx"), xlsx(env, plot, about, &table).map_err(|e| format!("the spreadsheet could not be written ({e})"))?),
    ])
}

/// The rows and columns every file writes, labels in the page's language.
struct Table {
    head: Vec<String>,
    rows: Vec<(String, Vec<f64>)>,
}

impl Table {
    fn of(env: &Env, plot: &Plot) -> Table {
        let lang = env.page.lang.as_str();
        let mut head = vec![env.t(Ui::TableCategory).to_string()];
        head.extend(plot.cols.iter().map(|&c| plot.series_label(c, lang).to_string()));
        let rows = plot.rows.iter().map(|&r| (row_label(env, plot, r), plot.cols.iter().map(|&c| plot.value(r, c)).collect())).collect();
        Table { head, rows }
    }

    /// UTF-8 with a byte-order mark (Excel then reads Cyrillic right),
    /// comma-separated, CRLF (RFC 4180), numbers as written in the data.
    fn csv(&self) -> String {
        let mut out = String::from("\u{feff}");
        let line = |fields: Vec<String>| fields.join(",") + "\r\n";
        out += &line(self.head.iter().map(|h| csv_field(&inert(h))).collect());
        for (label, values) in &self.rows {
            let mut fields = vec![csv_field(&inert(label))];
            fields.extend(values.iter().map(|v| v.to_string()));
            out += &line(fields);
        }
        out
    }
}

fn csv_field(f: &str) -> String {
    if f.contains([',', '"', '\n', '\r']) { format!("\"{}\"", f.replace('"', "\"\"")) } else { f.to_string() }
}

/// Whether a spreadsheet would read the text as a formula (OWASP's list).
fn looks_like_formula(text: &str) -> bool {
    text.starts_with(['=', '+', '-', '@', '\t', '\r'])
}

/// The text with a leading `'`, which spreadsheets read as "this is text",
/// when it would otherwise run as a formula.
fn inert(text: &str) -> String {
    if looks_like_formula(text) { format!("'{text}") } else { text.to_string() }
}

/// CSVW metadata: <https://www.w3.org/TR/tabular-metadata/>.
fn metadata(env: &Env, plot: &Plot, about: &About, table: &Table, csv_name: &str) -> String {
    let lang = env.page.lang.as_str();
    let ds = plot.ds;
    let report = &env.site.config.report;
    let mut columns = vec![json!({"name": "category", "titles": table.head[0], "datatype": "string"})];
    for (i, &c) in plot.cols.iter().enumerate() {
        let name = ds.series.get(c).map_or("", |s| s.id.as_str());
        columns.push(json!({"name": name, "titles": table.head[i + 1], "datatype": "number"}));
    }
    let mut meta = json!({
        "@context": ["http://www.w3.org/ns/csvw", {"@language": env.lang.locale.tag()}],
        "url": csv_name,
        "dc:title": about.title,
        "dc:source": ds.source.get(lang),
        "dc:bibliographicCitation": about.citation,
        "dc:license": report.license_url.as_deref().unwrap_or(&report.license),
        "dc:identifier": about.permalink,
        "dialect": {"header": true, "encoding": "utf-8"},
        "tableSchema": {"columns": columns},
    });
    let unit = unit(env, plot);
    let extra = [
        ("dc:description", ds.notes.as_ref().map(|n| n.get(lang))),
        ("dc:temporal", ds.period.as_ref().map(|p| p.get(lang))),
        ("schema:unitText", unit.as_deref()),
        ("schema:url", ds.source_url.as_deref()),
    ];
    for (key, value) in extra {
        if let Some(v) = value {
            meta[key] = json!(v);
        }
    }
    let mut text = serde_json::to_string_pretty(&meta).unwrap_or_default();
    text.push('\n');
    text
}

/// The unit in words: the data file's `unit_label`, or `%` for percentages.
fn unit(env: &Env, plot: &Plot) -> Option<String> {
    match &plot.ds.unit_label {
        Some(u) => Some(u.get(&env.page.lang).to_string()),
        None => plot.ds.style.percent.then(|| "%".to_string()),
    }
}

fn xlsx(env: &Env, plot: &Plot, about: &About, table: &Table) -> Result<Vec<u8>, XlsxError> {
    let lang = env.page.lang.as_str();
    let ds = plot.ds;
    let report = &env.site.config.report;
    let mut book = Workbook::new();
    // The date from the config, never the clock: the same sources give the same bytes.
    let published = report.published;
    let created = ExcelDateTime::from_ymd(published.year.clamp(1900, 9999) as u16, published.month, published.day)?;
    let publisher = env.site.config.language(lang).map(|l| l.publisher.as_str()).unwrap_or_default();
    book.set_properties(&DocProperties::new().set_title(about.title).set_author(publisher).set_creation_datetime(&created));

    let bold = Format::new().set_bold();
    let text = Format::new().set_quote_prefix();
    let header = Format::new().set_bold().set_quote_prefix().set_text_wrap();
    let number = Format::new().set_num_format(number_format(ds.style.decimals, ds.style.percent));

    // Two names Excel accepts, distinct even if a theme's strings are not.
    let data_name = sheet_name(env.t(Ui::SheetData), "Data");
    let about_name =
        Some(sheet_name(env.t(Ui::SheetAbout), "About")).filter(|n| n.to_lowercase() != data_name.to_lowercase()).unwrap_or_else(|| "Sheet2".into());
    let data = book.add_worksheet();
    data.set_name(&data_name)?;
    for (c, h) in table.head.iter().enumerate() {
        data.write_string_with_format(0, c as u16, h, if looks_like_formula(h) { &header } else { &bold })?;
        data.set_column_width(c as u16, if c == 0 { 40 } else { 16 })?;
    }
    for (r, (label, values)) in table.rows.iter().enumerate() {
        let row = r as u32 + 1;
        if looks_like_formula(label) {
            data.write_string_with_format(row, 0, label, &text)?;
        } else {
            data.write_string(row, 0, label)?;
        }
        for (c, v) in values.iter().enumerate() {
            // Percentages as fractions in a percent format: 64.5 → 0.645 shown "64.5%",
            // so formulas on them work as spreadsheet users expect.
            let v = if ds.style.percent { fraction(*v) } else { *v };
            data.write_number_with_format(row, c as u16 + 1, v, &number)?;
        }
    }
    data.set_freeze_panes(1, 1)?;

    let sheet = book.add_worksheet();
    sheet.set_name(about_name)?;
    let trim = |s: &str| s.trim_end_matches([':', '：']).trim().to_string();
    let licence = match &report.license_url {
        Some(url) => format!("{} ({url})", report.license),
        None => report.license.clone(),
    };
    let source = match &ds.source_url {
        Some(url) => format!("{} ({url})", ds.source.get(lang)),
        None => ds.source.get(lang).to_string(),
    };
    let rows: Vec<(String, Option<String>)> = vec![
        (trim(env.t(Ui::AboutTitle)), Some(about.title.to_string())),
        (trim(env.t(Ui::AboutUnit)), unit(env, plot)),
        (trim(env.t(Ui::AboutPeriod)), ds.period.as_ref().map(|p| p.get(lang).to_string())),
        (trim(env.t(Ui::Source)), Some(source)),
        (trim(env.t(Ui::AboutNotes)), ds.notes.as_ref().map(|n| n.get(lang).to_string())),
        (trim(env.t(Ui::HowToCite)), Some(about.citation.to_string())),
        (trim(env.t(Ui::License)), Some(licence)),
        (trim(env.t(Ui::AboutLink)), Some(about.permalink.to_string())),
    ];
    let wrap = Format::new().set_text_wrap().set_quote_prefix();
    sheet.set_column_width(0, 24)?;
    sheet.set_column_width(1, 90)?;
    for (r, (label, value)) in rows.into_iter().filter_map(|(l, v)| v.map(|v| (l, v))).enumerate() {
        write_text(sheet, r as u32, 0, &label, &bold)?;
        write_text(sheet, r as u32, 1, &value, &wrap)?;
    }
    book.save_to_buffer()
}

/// A percentage as the fraction spreadsheets compute with, without the
/// float noise of dividing by 100: the decimal digits move two places
/// (10.4 → 0.104, where 10.4 / 100 is 0.10400000000000001).
fn fraction(percent: f64) -> f64 {
    format!("{percent}e-2").parse().unwrap_or(percent / 100.0)
}

fn write_text(sheet: &mut Worksheet, row: u32, col: u16, text: &str, format: &Format) -> Result<(), XlsxError> {
    sheet.write_string_with_format(row, col, text, format).map(|_| ())
}

/// An Excel number format: grouped thousands, the data's decimals, `%` for percentages.
fn number_format(decimals: u8, percent: bool) -> String {
    let mut f = String::from("#,##0");
    if decimals > 0 {
        f.push('.');
        f.push_str(&"0".repeat(decimals as usize));
    }
    if percent {
        f.push('%');
    }
    f
}

/// A sheet name Excel accepts: at most 31 characters, none of `[]:*?/\`,
/// not starting or ending with `'`; `fallback` when nothing is left.
fn sheet_name(name: &str, fallback: &str) -> String {
    let clean: String = name.chars().filter(|c| !"[]:*?/\\".contains(*c)).take(31).collect();
    let clean = clean.trim_matches('\'').trim().to_string();
    if clean.is_empty() { fallback.into() } else { clean }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_stay_text() {
        for f in ["=HYPERLINK(\"http://evil.test\",\"x\")", "+1", "-1+2", "@SUM(A1)", "\tx", "\rx"] {
            assert!(inert(f).starts_with('\''), "{f:?}");
        }
        assert_eq!(inert("2024, cases"), "2024, cases");
        assert_eq!(csv_field(&inert("=A1,B1")), "\"'=A1,B1\"");
    }

    #[test]
    fn percentages_become_exact_fractions() {
        assert_eq!(fraction(10.4), 0.104);
        assert_eq!(fraction(64.5), 0.645);
        assert_eq!(fraction(-3.0), -0.03);
    }

    #[test]
    fn number_formats_follow_the_data() {
        assert_eq!(number_format(0, false), "#,##0");
        assert_eq!(number_format(1, true), "#,##0.0%");
    }

    #[test]
    fn sheet_names_are_ones_excel_accepts() {
        assert_eq!(sheet_name("Деректер", "Data"), "Деректер");
        assert_eq!(sheet_name("a/b: [c]?", "Data"), "ab c");
        assert_eq!(sheet_name("'''", "Data"), "Data");
        assert_eq!(sheet_name(&"x".repeat(40), "Data").len(), 31);
    }
}
