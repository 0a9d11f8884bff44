//! The fenced blocks and tables as the PDF shows them: a chart as a
//! numbered figure (the page's wide light drawing, its data table, caption,
//! notes and source, as the site prints them), key figures, the help
//! numbers, and a table of cells.

use std::sync::Arc;

use super::labels;
use super::markup::{self, Markup, escape, literal, string};
use crate::error::Span;
use crate::render::blocks::{self as page_blocks, KeyFigure};
use crate::render::chart::print;
use crate::render::chart::spec::ChartBlock;
use crate::render::env::Env;

/// A file the markup names: its path in the document's folder, its bytes.
pub type File = (String, Arc<[u8]>);

/// A chart's figure, and its drawing as a file; `svg` is the wide light
/// drawing the page made. `None` when the chart has an error (the page
/// reports it, and no PDF is made).
pub fn chart(env: &Env, block: &ChartBlock, svg: Option<&[u8]>) -> Option<(String, File)> {
    let printed = print::printed(env, block).ok()?;
    let id = &block.spec.id;
    let path = format!("/figures/{id}.svg");
    let label = markup::label(&labels::figure(id));
    let mut m =
        format!("\n#chart-figure([{}], [{}], {}, {}) {label}\n", escape(&printed.label), escape(&printed.title), literal(&path), string(&printed.description));
    let mut table_markup = Markup::default();
    let cell = |text: &String| {
        let mut c = Markup::default();
        c.text(text);
        c
    };
    let aligns: Vec<&str> = (0..printed.table.head.len()).map(|i| if i == 0 { "left" } else { "right" }).collect();
    table(&mut table_markup, &aligns, printed.table.head.iter().map(cell).collect(), printed.table.rows.iter().map(|r| r.iter().map(cell).collect()).collect());
    let mut after = String::new();
    for text in printed.caption.iter().chain(&printed.notes) {
        after += &format!("{}\n\n", escape(text));
    }
    after += &escape(&printed.source_label);
    after += " ";
    after += &match &printed.source_url {
        Some(url) => format!("#link({})[{}]", literal(url), escape(&printed.source)),
        None => escape(&printed.source),
    };
    m += &format!("#chart-notes([{}], [{after}])\n\n", table_markup.text);
    Some((m, (path, Arc::from(svg?))))
}

/// The key figures, each value formatted as on the page.
pub fn key_figures(env: &Env, items: &[KeyFigure]) -> String {
    let nowhere = Span::new(env.page.source.clone(), 0..0);
    let shown: Vec<String> = items
        .iter()
        .filter_map(|item| page_blocks::shown(env, item, nowhere.clone(), None).ok())
        .map(|s| format!("({}, {}, {})", string(&s.value), string(&s.label), string(s.period.as_deref().unwrap_or(""))))
        .collect();
    if shown.is_empty() {
        return String::new();
    }
    format!("\n#key-figures({})\n\n", shown.join(", "))
}

/// Every help number with its name and details.
pub fn helplines(env: &Env) -> String {
    let lang = &env.page.lang;
    let lines: Vec<String> = env
        .site
        .helplines
        .iter()
        .map(|h| format!("({}, {}, {})", string(&h.number), string(h.name.get(lang)), string(h.details.as_ref().map_or("", |d| d.get(lang)))))
        .collect();
    if lines.is_empty() {
        return String::new();
    }
    format!("\n#helplines({})\n\n", lines.join(", "))
}

/// A table: `head` in bold above a rule, then `rows`, each padded to the
/// widest row (a malformed table loses no cell); `aligns` per column.
pub fn table(out: &mut Markup, aligns: &[&str], head: Vec<Markup>, rows: Vec<Vec<Markup>>) {
    let columns = rows.iter().map(Vec::len).chain([head.len()]).max().unwrap_or(0);
    if columns == 0 {
        return;
    }
    let align: Vec<&str> = (0..columns).map(|i| aligns.get(i).copied().unwrap_or("left")).collect();
    out.raw(&format!("\n#table(columns: {columns}, align: ({},), table.hline(stroke: 0.8pt), ", align.join(", ")));
    if !head.is_empty() {
        out.raw("table.header(");
        let width = head.len();
        for cell in head {
            out.raw("[#strong[");
            out.append(cell);
            out.raw("]], ");
        }
        out.raw(&"[], ".repeat(columns - width));
        out.raw("), table.hline(stroke: 0.5pt), ");
    }
    for row in rows {
        let width = row.len();
        for cell in row {
            out.raw("[");
            out.append(cell);
            out.raw("], ");
        }
        out.raw(&"[], ".repeat(columns - width));
    }
    out.raw("table.hline(stroke: 0.8pt))\n\n");
}
