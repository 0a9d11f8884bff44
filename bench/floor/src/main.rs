//! The floor of baspa's speed benchmark: how long pulldown-cmark alone takes
//! to render the Markdown of every page of a corpus to HTML.
//!
//!     cargo run --release -- CORPUS_DIR [--repeat N]
//!
//! Reads every `.md` under `CORPUS_DIR/content` (front matter removed), then
//! times only the rendering, with the options baspa uses for Markdown that
//! matter here (tables, footnotes, heading attributes), on one thread and on
//! all cores (one page per task, as baspa's rayon loop does). Prints one JSON
//! line: pages, bytes, and the median and the best of N repeats for each
//! (the best is the floor: the least a busy machine let it take).

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

use pulldown_cmark::{Options, Parser, html};

fn collect(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<_> = std::fs::read_dir(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())).flatten().map(|e| e.path()).collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            collect(&p, out);
        } else if p.extension().is_some_and(|x| x == "md") {
            out.push(p);
        }
    }
}

fn body(text: &str) -> &str {
    if let Some(rest) = text.strip_prefix("---\n") {
        if let Some(end) = rest.find("\n---\n") {
            return &rest[end + 5..];
        }
    }
    text
}

fn options() -> Options {
    Options::ENABLE_TABLES | Options::ENABLE_FOOTNOTES | Options::ENABLE_HEADING_ATTRIBUTES
}

fn render(md: &str) -> usize {
    let mut out = String::with_capacity(md.len() * 2);
    html::push_html(&mut out, Parser::new_ext(md, options()));
    out.len()
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

fn min(v: &[f64]) -> f64 {
    v.iter().copied().fold(f64::INFINITY, f64::min)
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let root = PathBuf::from(args.first().expect("usage: floor CORPUS_DIR [--repeat N]"));
    let repeat: usize = args.iter().position(|a| a == "--repeat").and_then(|i| args.get(i + 1)).map_or(5, |n| n.parse().expect("--repeat N"));
    let mut files = Vec::new();
    collect(&root.join("content"), &mut files);
    let texts: Vec<String> = files.iter().map(|p| std::fs::read_to_string(p).expect("read")).collect();
    let bodies: Vec<&str> = texts.iter().map(|t| body(t)).collect();
    let bytes: usize = bodies.iter().map(|b| b.len()).sum();
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());

    let mut serial = Vec::new();
    let mut parallel = Vec::new();
    let mut out_bytes = 0;
    for _ in 0..repeat {
        let t = Instant::now();
        out_bytes = bodies.iter().map(|b| render(b)).sum::<usize>();
        serial.push(t.elapsed().as_secs_f64());

        let next = AtomicUsize::new(0);
        let t = Instant::now();
        std::thread::scope(|s| {
            for _ in 0..threads {
                s.spawn(|| {
                    while let Some(b) = bodies.get(next.fetch_add(1, Ordering::Relaxed)) {
                        std::hint::black_box(render(b));
                    }
                });
            }
        });
        parallel.push(t.elapsed().as_secs_f64());
    }
    println!(
        "{{\"pages\": {}, \"markdown_bytes\": {bytes}, \"html_bytes\": {out_bytes}, \"threads\": {threads}, \"repeat\": {repeat}, \"serial_s\": {:.6}, \"parallel_s\": {:.6}, \"serial_min_s\": {:.6}, \"parallel_min_s\": {:.6}}}",
        bodies.len(),
        median(serial.clone()),
        median(parallel.clone()),
        min(&serial),
        min(&parallel)
    );
}
