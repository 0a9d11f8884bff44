//! Plain data passed between the stages: what the parse stage has validated
//! and the render stage trusts. No IO, no formatting.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use crate::error::{Source, Span};
use crate::id::Id;
use crate::locale::{Date, NumberStyle, PluralCategory};
use crate::text::Localized;

/// One Markdown page in one language.
pub struct Page {
    pub lang: String,
    /// The file name without `.md`, shared by the translations of one page:
    /// `01-current-situation`, or `_index` for a language's landing page.
    pub key: String,
    /// URL segment; empty for the landing page.
    pub slug: String,
    pub title: String,
    pub description: String,
    /// Position in the report's menu; the landing page is 0.
    pub order: i64,
    pub draft: bool,
    pub updated: Option<Date>,
    pub source: Source,
    /// Byte offset in `source.text` where the Markdown body starts.
    pub body_start: usize,
}

impl Page {
    pub fn is_landing(&self) -> bool {
        self.key == "_index"
    }

    pub fn body(&self) -> &str {
        &self.source.text[self.body_start..]
    }

    /// Path in the site, e.g. `kk/current-situation/` or `kk/`.
    pub fn site_path(&self) -> String {
        if self.slug.is_empty() { format!("{}/", self.lang) } else { format!("{}/{}/", self.lang, self.slug) }
    }
}

/// A statistics file from `data/`: either a table (categories × series) that
/// charts and prose draw on, or a set of named single values.
#[derive(Debug)]
pub struct Dataset {
    pub id: Id,
    /// `data/<id>.yaml`, kept to point into it (check's link report).
    pub file: Source,
    pub title: Localized,
    pub source: Localized,
    pub source_url: Option<String>,
    pub period: Option<Localized>,
    pub notes: Option<Localized>,
    pub unit_label: Option<Localized>,
    pub style: NumberStyle,
    /// The shares do not make a whole (survey data with several answers, or
    /// a part not described): a pie chart is refused.
    pub whole: bool,
    pub multiple_answers: bool,
    pub categories: Vec<Category>,
    pub series: Vec<Series>,
    pub values: BTreeMap<Id, Value>,
}

#[derive(Debug)]
pub struct Category {
    pub id: Id,
    pub label: Localized,
    /// Covers part of a period only (e.g. January–October): drawn distinctly.
    pub partial: bool,
    pub approximate: bool,
}

#[derive(Debug)]
pub struct Series {
    pub id: Id,
    pub label: Localized,
    pub values: Vec<f64>,
}

/// A single named figure, such as the number of mobile teams.
#[derive(Debug)]
pub struct Value {
    pub value: f64,
    pub style: NumberStyle,
    /// What the number counts, in words that agree with it.
    pub label: crate::text::Label,
    pub period: Option<Localized>,
}

impl Dataset {
    pub fn category_index(&self, id: &str) -> Option<usize> {
        self.categories.iter().position(|c| c.id == id)
    }
}

/// `data/helplines.yaml` feeds the help box; it is not a dataset.
pub const HELPLINES: &str = "helplines";

/// One helpline of the help box.
pub struct Helpline {
    pub number: String,
    pub name: Localized,
    pub details: Option<Localized>,
}

/// A UI string: plain, or one form per CLDR plural category.
#[derive(Clone)]
pub enum UiString {
    Plain(String),
    Plural(BTreeMap<PluralCategory, String>),
}

/// The UI strings the Rust code writes itself (templates use more, and
/// Tera reports a missing one at its line). Every theme language must have
/// each; the parse stage checks it, so a lookup always finds its text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ui {
    HeadingAnchor,
    FigureRef,
    FigureLabel,
    FigureCite,
    DataTable,
    Source,
    DownloadCsv,
    PartialMark,
    TableRegion,
    DescHighest,
    DescLowest,
    TableCategory,
    ReadingTime,
    NotFoundTitle,
    Footnotes,
    FootnoteBack,
    DownloadSvg,
    DownloadPng,
    ChartLink,
    ChartExplore,
    SearchTitle,
    SearchResults,
    SearchNone,
    SearchMore,
    SearchFailed,
    SearchEmpty,
    DownloadXlsx,
    SheetData,
    SheetAbout,
    AboutTitle,
    AboutUnit,
    AboutPeriod,
    AboutNotes,
    AboutLink,
    HowToCite,
    License,
    Contents,
    FigureRefPage,
    SafetyText,
    PdfDownload,
    PdfDownloadPlain,
    SizeKb,
    SizeMb,
}

impl Ui {
    pub const ALL: [Ui; 43] = [
        Ui::HeadingAnchor,
        Ui::FigureRef,
        Ui::FigureLabel,
        Ui::FigureCite,
        Ui::DataTable,
        Ui::Source,
        Ui::DownloadCsv,
        Ui::PartialMark,
        Ui::TableRegion,
        Ui::DescHighest,
        Ui::DescLowest,
        Ui::TableCategory,
        Ui::ReadingTime,
        Ui::NotFoundTitle,
        Ui::Footnotes,
        Ui::FootnoteBack,
        Ui::DownloadSvg,
        Ui::DownloadPng,
        Ui::ChartLink,
        Ui::ChartExplore,
        Ui::SearchTitle,
        Ui::SearchResults,
        Ui::SearchNone,
        Ui::SearchMore,
        Ui::SearchFailed,
        Ui::SearchEmpty,
        Ui::DownloadXlsx,
        Ui::SheetData,
        Ui::SheetAbout,
        Ui::AboutTitle,
        Ui::AboutUnit,
        Ui::AboutPeriod,
        Ui::AboutNotes,
        Ui::AboutLink,
        Ui::HowToCite,
        Ui::License,
        Ui::Contents,
        Ui::FigureRefPage,
        Ui::SafetyText,
        Ui::PdfDownload,
        Ui::PdfDownloadPlain,
        Ui::SizeKb,
        Ui::SizeMb,
    ];

    /// The key in `themes/<theme>/i18n/<lang>.yaml`.
    pub fn key(self) -> &'static str {
        match self {
            Ui::HeadingAnchor => "heading_anchor",
            Ui::FigureRef => "figure_ref",
            Ui::FigureLabel => "figure_label",
            Ui::FigureCite => "figure_cite",
            Ui::DataTable => "data_table",
            Ui::Source => "source",
            Ui::DownloadCsv => "download_csv",
            Ui::PartialMark => "partial_mark",
            Ui::TableRegion => "table_region",
            Ui::DescHighest => "desc_highest",
            Ui::DescLowest => "desc_lowest",
            Ui::TableCategory => "table_category",
            Ui::ReadingTime => "reading_time",
            Ui::NotFoundTitle => "not_found_title",
            Ui::Footnotes => "footnotes",
            Ui::FootnoteBack => "footnote_back",
            Ui::DownloadSvg => "download_svg",
            Ui::DownloadPng => "download_png",
            Ui::ChartLink => "chart_link",
            Ui::ChartExplore => "chart_explore",
            Ui::SearchTitle => "search_title",
            Ui::SearchResults => "search_results",
            Ui::SearchNone => "search_none",
            Ui::SearchMore => "search_more",
            Ui::SearchFailed => "search_failed",
            Ui::SearchEmpty => "search_empty",
            Ui::DownloadXlsx => "download_xlsx",
            Ui::SheetData => "sheet_data",
            Ui::SheetAbout => "sheet_about",
            Ui::AboutTitle => "about_title",
            Ui::AboutUnit => "about_unit",
            Ui::AboutPeriod => "about_period",
            Ui::AboutNotes => "about_notes",
            Ui::AboutLink => "about_link",
            Ui::HowToCite => "how_to_cite",
            Ui::License => "license",
            Ui::Contents => "contents",
            Ui::FigureRefPage => "figure_ref_page",
            Ui::SafetyText => "safety_text",
            Ui::PdfDownload => "pdf_download",
            Ui::PdfDownloadPlain => "pdf_download_plain",
            Ui::SizeKb => "size_kb",
            Ui::SizeMb => "size_mb",
        }
    }
}

/// Everything the render stage needs, validated.
pub struct Site {
    pub config: crate::config::Config,
    /// Every page of every language, sorted by language (config order) then order.
    pub pages: Vec<Page>,
    pub datasets: BTreeMap<Id, Dataset>,
    pub helplines: Vec<Helpline>,
    /// language → key → string
    pub strings: BTreeMap<String, BTreeMap<String, UiString>>,
    pub theme: Theme,
    /// Files next to the pages (images, PDFs), by path relative to `content/`.
    pub content_files: Vec<BinaryFile>,
    /// A hash of every input that all pages share (config, data, UI
    /// strings, theme, files, every page's metadata): when it and a page's
    /// own source are unchanged, an earlier rendering of the page is reused.
    pub fingerprint: u64,
    /// Data files that could not be read: their errors are already
    /// reported, so what names them is not reported again.
    pub unreadable_data: BTreeSet<String>,
}

pub struct Theme {
    pub templates: Vec<Source>,
    pub static_files: Vec<BinaryFile>,
}

#[derive(Clone)]
pub struct BinaryFile {
    /// Relative to its root folder (`content/` or the theme's `static/`).
    pub rel_path: String,
    pub bytes: Vec<u8>,
}

/// A file of the finished site, by its path relative to the output folder
/// (`/`-separated). Paths are made from fixed names and checked ids; the
/// write stage checks each once more before writing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputFile {
    pub path: String,
    pub bytes: Vec<u8>,
}

impl OutputFile {
    pub fn new(path: impl Into<String>, bytes: impl Into<Vec<u8>>) -> Self {
        OutputFile { path: path.into(), bytes: bytes.into() }
    }
}

/// A language's report as one typeset document, the source of its PDF:
/// written by the render stage, made into PDF bytes by `pdf` — by `build`
/// at once, by `serve` only when a reader asks for it.
#[derive(Clone)]
pub struct Document {
    /// Where the PDF goes in the site: `kk/report-2025-kk.pdf`.
    pub path: String,
    /// The whole document as Typst markup.
    pub markup: String,
    /// The files the markup names (its template, the figures' drawings,
    /// images), by path in the document's own folder: `/figures/cases.svg`.
    pub files: Vec<(String, Arc<[u8]>)>,
    /// Where parts of the markup come from, by offset in `markup`
    /// (ascending): a problem found while typesetting is reported where the
    /// editor wrote it.
    pub origins: Vec<(usize, Span)>,
    /// Identifies the document across builds (its language's permalink);
    /// the PDF's file identifier is made from it.
    pub ident: String,
}

impl Document {
    /// The place in the sources that the markup at `offset` comes from.
    pub fn origin(&self, offset: usize) -> Option<&Span> {
        let i = self.origins.partition_point(|(at, _)| *at <= offset);
        self.origins.get(i.checked_sub(1)?).map(|(_, span)| span)
    }
}
