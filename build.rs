//! Puts the ECharts library into the binary without committing a copy of it.
//!
//! The charming crate's package ships `src/asset/echarts-5.5.1.min.js`
//! (byte-identical to npm's `echarts@5.5.1`). Cargo has already unpacked it
//! under `$CARGO_HOME/registry/src/<index>/charming-<version>/` by the time
//! this script runs, offline included; `cargo metadata` would not work here
//! (it fails offline when other packages of the lock file are missing).
//! The file's SHA-256 is checked so a changed package can never slip in.
//! `BASPA_ECHARTS_JS=/path/to/echarts.min.js` overrides the search (vendored
//! builds), with the same check.

use std::path::{Path, PathBuf};

use base64::Engine;
use sha2::{Digest, Sha256, Sha384};

const FILE: &str = "echarts-5.5.1.min.js";
const SHA256: &str = "e84270bd0cd5bdf60fefc26d00c2a391cb2e81f4d26a7a9ee16185a54773a3cf";

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-changed=Cargo.lock");
    println!("cargo:rerun-if-env-changed=BASPA_ECHARTS_JS");
    let source = match std::env::var_os("BASPA_ECHARTS_JS") {
        Some(p) => PathBuf::from(p),
        None => find_in_registry().unwrap_or_else(|why| fail(&why)),
    };
    let bytes = std::fs::read(&source).unwrap_or_else(|e| fail(&format!("cannot read {}: {e}", source.display())));
    let digest: String = Sha256::digest(&bytes).iter().map(|b| format!("{b:02x}")).collect();
    if digest != SHA256 {
        fail(&format!("{} has SHA-256 {digest}, expected {SHA256}", source.display()));
    }
    let out_dir = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    // The fingerprint and integrity hash are computed here once, not on every build.
    let sri = base64::engine::general_purpose::STANDARD.encode(Sha384::digest(&bytes));
    let meta = format!("pub const FINGERPRINT: &str = \"{}\";\npub const INTEGRITY: &str = \"sha384-{sri}\";\n", &digest[..10]);
    let out = out_dir.join("echarts.min.js");
    std::fs::write(&out, bytes).unwrap_or_else(|e| fail(&format!("cannot write {}: {e}", out.display())));
    std::fs::write(out_dir.join("echarts_meta.rs"), meta).unwrap_or_else(|e| fail(&format!("cannot write echarts_meta.rs: {e}")));
}

fn find_in_registry() -> Result<PathBuf, String> {
    let version = locked_charming_version()?;
    let cargo_home = std::env::var_os("CARGO_HOME").map(PathBuf::from).ok_or("CARGO_HOME is not set")?;
    let registry = cargo_home.join("registry").join("src");
    let indexes = std::fs::read_dir(&registry).map_err(|e| format!("cannot list {}: {e}", registry.display()))?;
    let mut candidates: Vec<PathBuf> = indexes
        .filter_map(Result::ok)
        .map(|index| index.path().join(format!("charming-{version}")).join("src").join("asset").join(FILE))
        .filter(|p| p.is_file())
        .collect();
    candidates.sort();
    println!("cargo:rerun-if-changed={}", registry.display());
    candidates.into_iter().next().ok_or_else(|| format!("charming-{version}/src/asset/{FILE} not found under {}", registry.display()))
}

fn locked_charming_version() -> Result<String, String> {
    let lock = Path::new(env!("CARGO_MANIFEST_DIR")).join("Cargo.lock");
    let text = std::fs::read_to_string(&lock).map_err(|e| format!("cannot read {}: {e}", lock.display()))?;
    let mut lines = text.lines();
    while let Some(line) = lines.next() {
        if line.trim() == "name = \"charming\""
            && let Some(v) = lines.next().and_then(|l| l.trim().strip_prefix("version = \""))
        {
            return Ok(v.trim_end_matches('"').to_string());
        }
    }
    Err("charming is not in Cargo.lock".into())
}

fn fail(why: &str) -> ! {
    panic!(
        "\n\nbaspa needs the ECharts library from the charming crate's package: {why}.\n\
         Run `cargo fetch` with access to crates.io, or set BASPA_ECHARTS_JS to a copy of \
         echarts 5.5.1's dist/echarts.min.js (npm `echarts@5.5.1`).\n"
    )
}
