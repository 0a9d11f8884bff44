//! Drawn charts, kept by a hash of everything that decides their bytes (the
//! option, the size, the scheme, the engine's version): identical charts in
//! one build are drawn once, and `baspa serve` redraws only the charts whose
//! option changed since its last build. A one-off build forgets them at its
//! end; `serve` keeps the ones its last build used.

use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, OnceLock};

struct Entry {
    bytes: Arc<[u8]>,
    /// The build that last used it.
    generation: u64,
}

fn cache() -> &'static Mutex<HashMap<u64, Entry>> {
    static CACHE: OnceLock<Mutex<HashMap<u64, Entry>>> = OnceLock::new();
    CACHE.get_or_init(Default::default)
}

static GENERATION: AtomicU64 = AtomicU64::new(0);

/// A key from anything hashable (with the engine's version mixed in by the caller).
pub fn key(parts: impl Hash) -> u64 {
    let mut h = std::hash::DefaultHasher::new();
    parts.hash(&mut h);
    h.finish()
}

/// The bytes under `key`, made by `make` if they are not kept.
pub fn get_or_make(key: u64, make: impl FnOnce() -> Result<Vec<u8>, String>) -> Result<Arc<[u8]>, String> {
    let generation = GENERATION.load(Ordering::Relaxed);
    if let Some(e) = cache().lock().unwrap_or_else(|p| p.into_inner()).get_mut(&key) {
        e.generation = generation;
        return Ok(e.bytes.clone());
    }
    let bytes: Arc<[u8]> = make()?.into();
    cache().lock().unwrap_or_else(|p| p.into_inner()).insert(key, Entry { bytes: bytes.clone(), generation });
    Ok(bytes)
}

/// A build begins: what it uses is marked with a new generation.
pub fn begin() {
    GENERATION.fetch_add(1, Ordering::Relaxed);
}

/// A build ended: keep what it used if another build may follow (`serve`),
/// or nothing.
pub fn end(keep: bool) {
    let generation = GENERATION.load(Ordering::Relaxed);
    let mut map = cache().lock().unwrap_or_else(|p| p.into_inner());
    if keep {
        map.retain(|_, e| e.generation == generation);
    } else {
        map.clear();
    }
}
