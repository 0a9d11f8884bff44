//! Static files: the theme's assets, ECharts, and files next to the pages,
//! fingerprinted before any page renders, since pages need the hashed names
//! (for caching forever) and the integrity hashes (SRI).

use std::collections::BTreeMap;

use base64::Engine;
use sha2::{Digest, Sha256, Sha384};

use crate::config::BaseUrl;
use crate::echarts;
use crate::model::{BinaryFile, OutputFile, Site};

/// A published asset: its URL and `integrity` value.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Asset {
    pub url: String,
    pub integrity: String,
}

pub struct AssetMap {
    /// Theme assets by their name in `static/` (`style.css`), plus `echarts.js`.
    pub theme: BTreeMap<String, Asset>,
    /// Content files by path under `content/` (`kk/report.pdf`) → URL.
    content: BTreeMap<String, String>,
}

impl AssetMap {
    /// Resolve a link written in the page at `page_path` (`content/kk/x.md`)
    /// to its file's URL. `Err` when the path climbs out of `content/`:
    /// nothing outside it is ever published.
    pub fn content_file(&self, page_path: &str, link: &str) -> Result<Option<&str>, OutsideContent> {
        Ok(self.content_path(page_path, link)?.and_then(|path| self.content.get(path)).map(String::as_str))
    }

    /// Like [`content_file`](Self::content_file), the file's path under
    /// `content/` (`kk/chart.png`), when it is a file of the site.
    pub fn content_path(&self, page_path: &str, link: &str) -> Result<Option<&str>, OutsideContent> {
        let link = link.split(['?', '#']).next().unwrap_or(link);
        let dir = page_path.trim_start_matches("content/").rsplit_once('/').map_or("", |(d, _)| d);
        let joined = if let Some(abs) = link.strip_prefix('/') { abs.to_string() } else { format!("{dir}/{link}") };
        let mut parts: Vec<&str> = Vec::new();
        for seg in joined.split('/') {
            match seg {
                "" | "." => {}
                ".." => {
                    parts.pop().ok_or(OutsideContent)?;
                }
                s => parts.push(s),
            }
        }
        Ok(self.content.get_key_value(&parts.join("/")).map(|(k, _)| k.as_str()))
    }
}

/// A path that leads out of the `content/` folder.
#[derive(Debug)]
pub struct OutsideContent;

/// Fingerprint and place every asset. Returns the map and the files to write.
pub fn build(site: &Site) -> (AssetMap, Vec<OutputFile>) {
    let base = &site.config.base_url;
    let mut files = Vec::new();
    let mut theme = BTreeMap::new();
    for f in &site.theme.static_files {
        let (asset, file) = fingerprint(base, "assets", f);
        theme.insert(f.rel_path.clone(), asset);
        files.push(file);
    }
    let path = format!("assets/echarts.{}.js", echarts::FINGERPRINT);
    theme.insert("echarts.js".into(), Asset { url: base.rel(&path), integrity: echarts::INTEGRITY.into() });
    files.push(OutputFile::new(path, echarts::JS));
    files.push(OutputFile::new("assets/echarts-LICENSE.txt", echarts::NOTICE));
    let prepare = BinaryFile { rel_path: "chart-prepare.js".into(), bytes: super::chart::engine::PREPARE_JS.as_bytes().to_vec() };
    let (asset, file) = fingerprint(base, "assets", &prepare);
    theme.insert(prepare.rel_path, asset);
    files.push(file);
    let mut content = BTreeMap::new();
    for f in &site.content_files {
        let dir = f.rel_path.rsplit_once('/').map_or("files", |(d, _)| d);
        let dir = if dir.is_empty() { "files" } else { dir };
        let (asset, file) = fingerprint(base, dir, f);
        content.insert(f.rel_path.clone(), asset.url);
        files.push(file);
    }
    (AssetMap { theme, content }, files)
}

fn fingerprint(base: &BaseUrl, dir: &str, f: &BinaryFile) -> (Asset, OutputFile) {
    let name = f.rel_path.rsplit('/').next().unwrap_or(&f.rel_path);
    let hash = hex(&Sha256::digest(&f.bytes)[..5]);
    let hashed = match name.rsplit_once('.') {
        Some((stem, ext)) => format!("{stem}.{hash}.{ext}"),
        None => format!("{name}.{hash}"),
    };
    let path = format!("{dir}/{hashed}");
    let integrity = format!("sha384-{}", base64::engine::general_purpose::STANDARD.encode(Sha384::digest(&f.bytes)));
    (Asset { url: base.rel(&path), integrity }, OutputFile::new(path, f.bytes.clone()))
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}
