//! What Typst may see while it typesets one document: the document's own
//! markup and files, held in memory, and the fonts baspa ships. No file of
//! the disk, no system font, no package download and no clock, so the same
//! sources always give the same bytes, on any machine.

use std::collections::HashMap;
use std::sync::LazyLock;

use typst::diag::{FileError, FileResult};
use typst::foundations::{Bytes, Datetime, Duration};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World};

use crate::model::Document;

/// The main file's path: the document's markup.
const MAIN: &str = "/main.typ";

/// Typst's standard library, built once per process.
static LIBRARY: LazyLock<LazyHash<Library>> = LazyLock::new(|| LazyHash::new(Library::default()));

/// The fonts, parsed once per process (`serve` makes many PDFs).
static FONTS: LazyLock<(LazyHash<FontBook>, Vec<Font>)> = LazyLock::new(|| {
    let fonts: Vec<Font> = crate::fonts::all().into_iter().flat_map(|bytes| Font::iter(Bytes::new(bytes))).collect();
    (LazyHash::new(FontBook::from_fonts(&fonts)), fonts)
});

pub struct ReportWorld {
    main: Source,
    files: HashMap<FileId, Bytes>,
}

/// The id of a path of the document's virtual folder, or `None` for a
/// path Typst cannot hold (they come from ids and content paths, which the
/// parse stage checked).
pub fn file_id(path: &str) -> Option<FileId> {
    VirtualPath::new(path).ok().map(|v| FileId::new(RootedPath::new(VirtualRoot::Project, v)))
}

impl ReportWorld {
    pub fn new(doc: &Document) -> Option<ReportWorld> {
        let main = Source::new(file_id(MAIN)?, doc.markup.clone());
        let mut files = HashMap::new();
        for (path, bytes) in &doc.files {
            files.insert(file_id(path)?, Bytes::new(bytes.clone()));
        }
        Some(ReportWorld { main, files })
    }
}

impl World for ReportWorld {
    fn library(&self) -> &LazyHash<Library> {
        &LIBRARY
    }

    fn book(&self) -> &LazyHash<FontBook> {
        &FONTS.0
    }

    fn main(&self) -> FileId {
        self.main.id()
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        if id == self.main.id() {
            return Ok(self.main.clone());
        }
        let bytes = self.file(id)?;
        let text = std::str::from_utf8(bytes.as_slice()).map_err(|_| FileError::InvalidUtf8)?;
        Ok(Source::new(id, text.to_string()))
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        if id == self.main.id() {
            return Ok(Bytes::from_string(self.main.text().to_string()));
        }
        self.files.get(&id).cloned().ok_or_else(|| FileError::NotFound(id.vpath().get_without_slash().into()))
    }

    fn font(&self, index: usize) -> Option<Font> {
        FONTS.1.get(index).cloned()
    }

    /// No clock: a document's dates are written in its markup.
    fn today(&self, _offset: Option<Duration>) -> Option<Datetime> {
        None
    }
}
