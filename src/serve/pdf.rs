//! The report's PDFs in the preview, made when a reader asks for one, not
//! on every save: a PDF takes far longer to typeset than a save may take to
//! show. Each is kept until its document changes, so asking again is
//! instant; two requests at once typeset it once.

use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::sync::{Arc, Mutex, OnceLock};

use axum::body::Bytes;

use crate::model::Document;

/// PDFs by path: the fingerprint of the document they were made from, and
/// the bytes or why there are none.
#[derive(Default)]
pub struct Made(Mutex<HashMap<String, (u64, Slot)>>);

/// A PDF being made or made: filled once, by the first request.
type Slot = Arc<OnceLock<Result<Bytes, String>>>;

impl Made {
    /// The PDF of `doc`, made now unless it is kept. Blocks while Typst works.
    pub fn get(&self, doc: &Document) -> Result<Bytes, String> {
        let fingerprint = fingerprint(doc);
        let slot = {
            let mut map = self.0.lock().unwrap_or_else(|p| p.into_inner());
            let entry = map.entry(doc.path.clone()).or_insert_with(|| (fingerprint, Arc::default()));
            if entry.0 != fingerprint {
                *entry = (fingerprint, Arc::default());
            }
            entry.1.clone()
        };
        slot.get_or_init(|| make(doc)).clone()
    }
}

fn fingerprint(doc: &Document) -> u64 {
    let mut h = std::hash::DefaultHasher::new();
    doc.markup.hash(&mut h);
    doc.files.hash(&mut h);
    h.finish()
}

#[cfg(feature = "pdf")]
fn make(doc: &Document) -> Result<Bytes, String> {
    match crate::pdf::make(doc) {
        Ok(made) => Ok(Bytes::from(made.bytes)),
        Err(errors) => Err(errors.iter().map(|d| format!("error: {d}\n")).collect()),
    }
}

/// Without the `pdf` feature there are no documents to make.
#[cfg(not(feature = "pdf"))]
fn make(_: &Document) -> Result<Bytes, String> {
    Err("this baspa was built without PDF support\n".into())
}
