//! `serve` keeps a memo of rendered pages: an edit to one page's text
//! renders that page alone, while an edit to anything pages share (data,
//! a title in the menu) renders them all. Either way the output is exactly
//! what a full build gives.

mod common;

use baspa::pipeline;
use baspa::render::Memo;
use baspa::timing::Stages;

fn render(root: &std::path::Path, memo: &Memo) -> baspa::render::Rendered {
    pipeline::render(root, None, false, &mut Stages::new(), Some(memo)).unwrap_or_else(|e| panic!("{e}")).rendered
}

fn edit(path: &std::path::Path, from: &str, to: &str) {
    let text = std::fs::read_to_string(path).unwrap();
    assert!(text.contains(from), "{} lacks {from:?}", path.display());
    std::fs::write(path, text.replacen(from, to, 1)).unwrap();
}

#[test]
fn a_one_page_edit_renders_one_page_and_matches_a_full_build() {
    let dir = common::copy_of_report();
    let root = dir.path();
    let memo = Memo::default();
    assert_eq!(render(root, &memo).rerendered, 21, "the first build renders every page");
    assert_eq!(render(root, &memo).rerendered, 0, "nothing changed, nothing rendered");

    let page = root.join("content/ru/05-methodology.md");
    let text = std::fs::read_to_string(&page).unwrap();
    std::fs::write(&page, format!("{text}\nНовый абзац.\n")).unwrap();
    let incremental = render(root, &memo);
    assert_eq!(incremental.rerendered, 1);
    let full = render(root, &Memo::default());
    assert!(incremental.files == full.files, "incremental output differs from a full build");
    let markup = |r: &baspa::render::Rendered| r.documents.iter().map(|d| d.markup.clone()).collect::<Vec<_>>();
    assert!(markup(&incremental) == markup(&full), "the PDFs' documents follow the edit as a full build does");
    assert!(cfg!(not(feature = "pdf")) || markup(&full).iter().any(|m| m.contains("Новый абзац")));
    assert!(String::from_utf8_lossy(&full.files.iter().find(|f| f.path == "ru/methodology/index.html").unwrap().bytes).contains("Новый абзац."));
}

#[test]
fn shared_inputs_render_every_page_again() {
    let dir = common::copy_of_report();
    let root = dir.path();
    let memo = Memo::default();
    render(root, &memo);
    edit(&root.join("data/serious-crimes.yaml"), "values: [504, 445]", "values: [504, 446]");
    assert_eq!(render(root, &memo).rerendered, 21, "a data file may be quoted anywhere");
    edit(&root.join("content/en/06-help.md"), "title: ", "title: Help — ");
    let after_title = render(root, &memo);
    assert_eq!(after_title.rerendered, 21, "titles appear in every page's menu");
    assert!(after_title.files == render(root, &Memo::default()).files);
}
