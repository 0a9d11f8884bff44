//! The shape of `src/`, checked: the graph of files has no cycle (an edge
//! from A to B when A names an item, or a module, of B), no child module
//! reaches back into the `mod.rs` that declares it, and no function is
//! longer than 80 lines. Tests (`#[cfg(test)]`) are left out.
//!
//! Paths are resolved to the file of the deepest module they name, so a
//! re-export counts as an edge to the module that re-exports it: code names
//! items where they are defined.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use syn::visit::Visit;

const MAX_FUNCTION_LINES: usize = 80;

/// A module path (`["render", "chart"]`) → its file, for every file under `src/`.
fn modules() -> BTreeMap<Vec<String>, PathBuf> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut out = BTreeMap::new();
    for entry in walkdir::WalkDir::new(&src).sort_by_file_name() {
        let entry = entry.unwrap();
        let path = entry.path();
        if path.extension().is_none_or(|e| e != "rs") {
            continue;
        }
        let rel = path.strip_prefix(&src).unwrap();
        let mut parts: Vec<String> = rel.with_extension("").components().map(|c| c.as_os_str().to_string_lossy().into_owned()).collect();
        if parts.last().is_some_and(|p| p == "mod" || p == "lib") {
            parts.pop();
        }
        // The binary's files belong to the binary crate, a thin layer over the library.
        if parts == ["main"] || parts == ["cli"] || parts == ["cmd"] || parts == ["manual"] {
            continue;
        }
        out.insert(parts, path.to_path_buf());
    }
    out
}

/// Whether an item carries `#[cfg(test)]`.
fn is_test(attrs: &[syn::Attribute]) -> bool {
    attrs.iter().any(|a| a.path().is_ident("cfg") && a.meta.require_list().is_ok_and(|l| l.tokens.to_string() == "test"))
}

/// Every path a file names (uses, expressions, types), as module paths
/// from the crate root, plus its `mod` declarations and long functions.
struct Names<'m> {
    here: Vec<String>,
    modules: &'m BTreeMap<Vec<String>, PathBuf>,
    /// Names a `use` brought into scope: `values` → `["render", "values"]`.
    imported: BTreeMap<String, Vec<String>>,
    found: BTreeSet<Vec<String>>,
    long: Vec<(String, usize)>,
    source: &'m str,
}

impl Names<'_> {
    /// A path as written, from the crate root: `self` is this module,
    /// `super` its parent, a bare name something a `use` imported or a
    /// child module.
    fn absolute(&self, segments: &[String]) -> Option<Vec<String>> {
        let first = segments.first()?;
        let (mut path, rest) = match first.as_str() {
            "crate" => (Vec::new(), &segments[1..]),
            "self" => (self.here.clone(), &segments[1..]),
            "super" => {
                let mut p = self.here.clone();
                let mut rest = segments;
                while rest.first().is_some_and(|s| s == "super") {
                    p.pop();
                    rest = &rest[1..];
                }
                (p, rest)
            }
            name => match self.imported.get(name) {
                Some(target) => (target.clone(), &segments[1..]),
                None => {
                    let child: Vec<String> = self.here.iter().cloned().chain(std::iter::once(name.to_string())).collect();
                    if !self.modules.contains_key(&child) {
                        return None;
                    }
                    (child, &segments[1..])
                }
            },
        };
        path.extend(rest.iter().cloned());
        Some(path)
    }

    /// The deepest module a path names.
    fn record(&mut self, segments: &[String]) {
        let Some(path) = self.absolute(segments) else { return };
        let module = (0..=path.len()).rev().map(|n| path[..n].to_vec()).find(|p| self.modules.contains_key(p));
        if let Some(m) = module {
            self.found.insert(m);
        }
    }

    fn use_tree(&mut self, prefix: &mut Vec<String>, tree: &syn::UseTree) {
        match tree {
            syn::UseTree::Path(p) => {
                prefix.push(p.ident.to_string());
                self.use_tree(prefix, &p.tree);
                prefix.pop();
            }
            syn::UseTree::Name(n) => self.import(prefix, &n.ident.to_string(), &n.ident.to_string()),
            syn::UseTree::Rename(r) => self.import(prefix, &r.ident.to_string(), &r.rename.to_string()),
            syn::UseTree::Glob(_) => self.record(&prefix.clone()),
            syn::UseTree::Group(g) => {
                for t in &g.items {
                    self.use_tree(prefix, t);
                }
            }
        }
    }

    fn import(&mut self, prefix: &[String], name: &str, alias: &str) {
        let full: Vec<String> = if name == "self" { prefix.to_vec() } else { prefix.iter().cloned().chain(std::iter::once(name.to_string())).collect() };
        self.record(&full);
        if let Some(abs) = self.absolute(&full) {
            let alias = if name == "self" { prefix.last().cloned().unwrap_or_default() } else { alias.to_string() };
            self.imported.insert(alias, abs);
        }
    }
}

impl<'ast> Visit<'ast> for Names<'_> {
    fn visit_item(&mut self, item: &'ast syn::Item) {
        let attrs = match item {
            syn::Item::Mod(m) => &m.attrs,
            syn::Item::Fn(f) => &f.attrs,
            syn::Item::Impl(i) => &i.attrs,
            syn::Item::Use(u) => &u.attrs,
            _ => return syn::visit::visit_item(self, item),
        };
        if is_test(attrs) {
            return;
        }
        syn::visit::visit_item(self, item);
    }

    fn visit_item_mod(&mut self, m: &'ast syn::ItemMod) {
        if m.content.is_none() {
            let child: Vec<String> = self.here.iter().cloned().chain(std::iter::once(m.ident.to_string())).collect();
            self.found.insert(child);
        }
        syn::visit::visit_item_mod(self, m);
    }

    fn visit_item_use(&mut self, u: &'ast syn::ItemUse) {
        self.use_tree(&mut Vec::new(), &u.tree);
    }

    fn visit_path(&mut self, p: &'ast syn::Path) {
        let segments: Vec<String> = p.segments.iter().map(|s| s.ident.to_string()).collect();
        if segments.len() > 1 {
            self.record(&segments);
        }
        syn::visit::visit_path(self, p);
    }

    fn visit_item_fn(&mut self, f: &'ast syn::ItemFn) {
        self.function(&f.sig.ident.to_string(), f.block.brace_token.span.join());
        syn::visit::visit_item_fn(self, f);
    }

    fn visit_impl_item_fn(&mut self, f: &'ast syn::ImplItemFn) {
        if !is_test(&f.attrs) {
            self.function(&f.sig.ident.to_string(), f.block.brace_token.span.join());
            syn::visit::visit_impl_item_fn(self, f);
        }
    }
}

impl Names<'_> {
    fn function(&mut self, name: &str, span: proc_macro2::Span) {
        let (start, end) = (span.start().line, span.end().line);
        let _ = self.source;
        if end - start + 1 > MAX_FUNCTION_LINES {
            self.long.push((name.to_string(), end - start + 1));
        }
    }
}

struct Graph {
    edges: BTreeMap<Vec<String>, BTreeSet<Vec<String>>>,
    long: Vec<String>,
}

fn graph() -> Graph {
    let modules = modules();
    let mut edges = BTreeMap::new();
    let mut long = Vec::new();
    for (module, path) in &modules {
        let source = std::fs::read_to_string(path).unwrap();
        let file = syn::parse_file(&source).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let mut names = Names { here: module.clone(), modules: &modules, imported: BTreeMap::new(), found: BTreeSet::new(), long: Vec::new(), source: &source };
        // Uses first, so names imported below are known wherever they are used.
        for item in &file.items {
            if let syn::Item::Use(u) = item
                && !is_test(&u.attrs)
            {
                names.visit_item_use(u);
            }
        }
        names.visit_file(&file);
        names.found.remove(module);
        long.extend(names.long.iter().map(|(f, n)| format!("{}: fn {f} has {n} lines", path.display())));
        edges.insert(module.clone(), names.found);
    }
    Graph { edges, long }
}

fn show(m: &[String]) -> String {
    if m.is_empty() { "lib".into() } else { m.join("/") }
}

#[test]
fn the_module_graph_has_no_cycle() {
    let g = graph();
    // Depth-first search; a back edge is a cycle.
    fn visit(node: &Vec<String>, g: &Graph, state: &mut BTreeMap<Vec<String>, u8>, stack: &mut Vec<Vec<String>>, cycles: &mut Vec<String>) {
        state.insert(node.clone(), 1);
        stack.push(node.clone());
        for next in g.edges.get(node).into_iter().flatten() {
            match state.get(next) {
                Some(1) => {
                    let from = stack.iter().position(|n| n == next).unwrap_or(0);
                    let cycle: Vec<String> = stack[from..].iter().chain(std::iter::once(next)).map(|m| show(m)).collect();
                    cycles.push(cycle.join(" → "));
                }
                Some(_) => {}
                None => visit(next, g, state, stack, cycles),
            }
        }
        stack.pop();
        state.insert(node.clone(), 2);
    }
    let mut state = BTreeMap::new();
    let mut cycles = Vec::new();
    for node in g.edges.keys() {
        if !state.contains_key(node) {
            visit(node, &g, &mut state, &mut Vec::new(), &mut cycles);
        }
    }
    assert!(cycles.is_empty(), "import cycles:\n{}", cycles.join("\n"));
}

#[test]
fn no_child_reaches_into_its_parent() {
    let g = graph();
    let mut found = Vec::new();
    for (module, targets) in &g.edges {
        for t in targets {
            if !module.is_empty() && module.len() > t.len() && module.starts_with(t) {
                found.push(format!("{} names an item of its parent {}", show(module), show(t)));
            }
        }
    }
    assert!(found.is_empty(), "{}", found.join("\n"));
}

#[test]
fn no_function_is_longer_than_80_lines() {
    let g = graph();
    assert!(g.long.is_empty(), "{}", g.long.join("\n"));
}
