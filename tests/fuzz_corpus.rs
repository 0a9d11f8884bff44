//! Replays every fuzz input kept in `fuzz/corpus/` and every input that
//! ever crashed (`fuzz/regressions/`) through the same checks as the fuzz
//! targets, on stable, as part of `cargo test`.

use std::path::Path;

fn replay(target: &str, check: fn(&[u8])) {
    let mut count = 0;
    for dir in ["corpus", "regressions"] {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz").join(dir).join(target);
        let Ok(entries) = std::fs::read_dir(&path) else { continue };
        let mut files: Vec<_> = entries.flatten().map(|e| e.path()).collect();
        files.sort();
        for file in files {
            let data = std::fs::read(&file).unwrap();
            let outcome = std::panic::catch_unwind(|| check(&data));
            assert!(outcome.is_ok(), "{} breaks the {target} target", file.display());
            count += 1;
        }
    }
    assert!(count > 0, "no inputs for the {target} target");
}

#[test]
fn front_matter_inputs() {
    replay("front_matter", baspa::fuzzing::front_matter);
}

#[test]
fn data_file_inputs() {
    replay("data_file", baspa::fuzzing::data_file);
}

#[test]
fn chart_block_inputs() {
    replay("chart_block", baspa::fuzzing::chart_block);
}

#[test]
fn markdown_inputs() {
    replay("markdown", baspa::fuzzing::markdown);
}

#[test]
fn chart_in_containers_inputs() {
    replay("chart_in_containers", baspa::fuzzing::chart_in_containers);
}

#[test]
fn key_figures_inputs() {
    replay("key_figures", baspa::fuzzing::key_figures);
}
