//! ARCHITECTURE.md's layer table is the rule: a module of `server/src` may use only the
//! modules on lower lines of that table, and only `lsp` may name LSP types. This test reads
//! the table from the document itself, so the document and the code cannot drift apart.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// Layers from ARCHITECTURE.md's ```layers block, top line first: module -> its rank
/// (higher ranks may use lower ones).
fn layer_ranks(root: &Path) -> BTreeMap<String, usize> {
    let doc = std::fs::read_to_string(root.join("ARCHITECTURE.md")).expect("ARCHITECTURE.md");
    let block = doc
        .split("```layers\n")
        .nth(1)
        .and_then(|rest| rest.split("```").next())
        .expect("ARCHITECTURE.md has a ```layers block");
    let lines: Vec<&str> = block.lines().filter(|l| !l.trim().is_empty()).collect();
    let mut ranks = BTreeMap::new();
    for (i, line) in lines.iter().enumerate() {
        for module in line.split_whitespace() {
            ranks.insert(module.to_string(), lines.len() - i);
        }
    }
    ranks
}

/// Every `.rs` file below `dir`.
fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("read_dir").flatten() {
        let path = entry.path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The top-level modules a source text names through `crate::`, including the ones
/// inside `use crate::{a::…, b};` groups.
fn crate_modules_used(text: &str) -> Vec<String> {
    let mut used = Vec::new();
    for (i, _) in text.match_indices("crate::") {
        let rest = &text[i + "crate::".len()..];
        if let Some(group) = rest.strip_prefix('{') {
            let body = &group[..group.find(';').unwrap_or(group.len())];
            let mut depth = 0;
            let mut at_item_start = true;
            for (j, c) in body.char_indices() {
                match c {
                    '{' => depth += 1,
                    '}' => depth -= 1,
                    ',' if depth == 0 => at_item_start = true,
                    c if at_item_start && (c.is_alphanumeric() || c == '_') => {
                        used.push(identifier_at(&body[j..]));
                        at_item_start = false;
                    }
                    _ => {}
                }
            }
        } else {
            used.push(identifier_at(rest));
        }
    }
    used
}

fn identifier_at(text: &str) -> String {
    text.chars()
        .take_while(|c| c.is_alphanumeric() || *c == '_')
        .collect()
}

/// The top-level module a file belongs to (`server/src/<module>.rs` or `<module>/…`).
fn module_of(src: &Path, file: &Path) -> Option<String> {
    let rel = file.strip_prefix(src).ok()?;
    let first = rel.components().next()?.as_os_str().to_str()?;
    let name = first.strip_suffix(".rs").unwrap_or(first);
    (name != "lib" && name != "main").then(|| name.to_string())
}

#[test]
fn modules_use_only_lower_layers_and_only_lsp_knows_lsp() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let src = root.join("server/src");
    let ranks = layer_ranks(root);
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let mut problems = Vec::new();
    for file in &files {
        let Some(module) = module_of(&src, file) else {
            continue;
        };
        let Some(&rank) = ranks.get(&module) else {
            problems.push(format!(
                "module `{module}` is not in ARCHITECTURE.md's layers"
            ));
            continue;
        };
        let text = std::fs::read_to_string(file).expect("source");
        for used in crate_modules_used(&text) {
            let ok = used == module || ranks.get(&used).is_some_and(|&r| r < rank);
            if !ok {
                problems.push(format!(
                    "{}: `{module}` uses `crate::{used}`",
                    file.display()
                ));
            }
        }
        if module != "lsp" && (text.contains("tower_lsp_server") || text.contains("lsp_types")) {
            problems.push(format!("{}: LSP types outside `lsp`", file.display()));
        }
    }
    problems.sort();
    problems.dedup();
    assert!(
        problems.is_empty(),
        "layering violations:\n{}",
        problems.join("\n")
    );
}

#[test]
fn grouped_imports_are_read() {
    let used =
        crate_modules_used("use crate::{analysis::{a, b}, text};\nfn f() { crate::syntax::x(); }");
    assert_eq!(used, ["analysis", "text", "syntax"]);
}
