//! Puts the ECharts library into the binary without committing a copy of it,
//! and names the commit in `baspa --version`.
//!
//! The charming crate's package ships `src/asset/echarts-5.5.1.min.js`
//! (byte-identical to npm's `echarts@5.5.1`). Cargo has already unpacked it
//! under `<cargo home>/registry/src/<index>/charming-<version>/` by the time
//! this script runs, offline included; `cargo metadata` would not work here
//! (it fails offline when other packages of the lock file are missing).
//! The cargo home is `$CARGO_HOME`, which only rustup's wrapper sets, else
//! the standard `~/.cargo` (a cargo from Debian, Homebrew or Nix). Any
//! unpacked charming whose file has the expected SHA-256 will do, the
//! locked version first: `cargo install` without `--locked` may resolve
//! another. The hash is checked so a changed package can never slip in.
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
    println!("cargo:rustc-env=BASPA_COMMIT_SUFFIX={}", commit_suffix());
    let bytes = match std::env::var_os("BASPA_ECHARTS_JS") {
        Some(p) => {
            let source = PathBuf::from(p);
            let bytes = std::fs::read(&source).unwrap_or_else(|e| fail(&format!("cannot read {}: {e}", source.display())));
            let digest = sha256(&bytes);
            if digest != SHA256 {
                fail(&format!("{} has SHA-256 {digest}, expected {SHA256}", source.display()));
            }
            bytes
        }
        None => find_in_registry().unwrap_or_else(|why| fail(&why)),
    };
    let digest = sha256(&bytes);
    let out_dir = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    // The fingerprint and integrity hash are computed here once, not on every build.
    let sri = base64::engine::general_purpose::STANDARD.encode(Sha384::digest(&bytes));
    let meta = format!("pub const FINGERPRINT: &str = \"{}\";\npub const INTEGRITY: &str = \"sha384-{sri}\";\n", &digest[..10]);
    let out = out_dir.join("echarts.min.js");
    std::fs::write(&out, bytes).unwrap_or_else(|e| fail(&format!("cannot write {}: {e}", out.display())));
    std::fs::write(out_dir.join("echarts_meta.rs"), meta).unwrap_or_else(|e| fail(&format!("cannot write echarts_meta.rs: {e}")));
}

fn sha256(bytes: &[u8]) -> String {
    Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect()
}

/// Where cargo keeps its registry: `$CARGO_HOME`, else `~/.cargo`.
fn cargo_homes() -> Vec<PathBuf> {
    let mut homes: Vec<PathBuf> = std::env::var_os("CARGO_HOME").map(PathBuf::from).into_iter().collect();
    for home in ["HOME", "USERPROFILE"].iter().filter_map(std::env::var_os) {
        homes.push(PathBuf::from(home).join(".cargo"));
    }
    homes
}

/// The ECharts file of an unpacked charming package with the expected hash:
/// the locked version's first, then any other.
fn find_in_registry() -> Result<Vec<u8>, String> {
    let locked = locked_charming_version().ok();
    let mut candidates: Vec<(bool, PathBuf)> = Vec::new();
    let mut searched = Vec::new();
    for registry in cargo_homes().into_iter().map(|h| h.join("registry").join("src")) {
        let Ok(indexes) = std::fs::read_dir(&registry) else { continue };
        println!("cargo:rerun-if-changed={}", registry.display());
        searched.push(registry.display().to_string());
        for index in indexes.filter_map(Result::ok) {
            let Ok(packages) = std::fs::read_dir(index.path()) else { continue };
            for package in packages.filter_map(Result::ok) {
                let name = package.file_name().to_string_lossy().into_owned();
                let Some(version) = name.strip_prefix("charming-") else { continue };
                let file = package.path().join("src").join("asset").join(FILE);
                if file.is_file() {
                    candidates.push((locked.as_deref() != Some(version), file));
                }
            }
        }
    }
    candidates.sort();
    for (_, file) in &candidates {
        if let Ok(bytes) = std::fs::read(file)
            && sha256(&bytes) == SHA256
        {
            return Ok(bytes);
        }
    }
    if searched.is_empty() {
        return Err("no cargo registry found (looked in $CARGO_HOME and ~/.cargo)".into());
    }
    Err(format!("no charming package with {FILE} of SHA-256 {SHA256} under {}", searched.join(", ")))
}

/// ` (commit 1a2b3c4d5e)` when built from a git checkout, else empty.
fn commit_suffix() -> String {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let git = root.join(".git");
    if !git.exists() {
        return String::new();
    }
    // Rebuild the version line when HEAD moves (a commit, a checkout).
    println!("cargo:rerun-if-changed={}", git.join("HEAD").display());
    if let Ok(head) = std::fs::read_to_string(git.join("HEAD"))
        && let Some(reference) = head.trim().strip_prefix("ref: ")
    {
        println!("cargo:rerun-if-changed={}", git.join(reference).display());
    }
    let output = std::process::Command::new("git").args(["rev-parse", "--short=10", "HEAD"]).current_dir(root).output();
    match output {
        Ok(o) if o.status.success() => format!(" (commit {})", String::from_utf8_lossy(&o.stdout).trim()),
        _ => String::new(),
    }
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
