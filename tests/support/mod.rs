//! Shared helpers of the integration tests: rendering analyses for snapshots, and a small
//! JSON-RPC client that drives the real binary over stdio.
#![allow(dead_code)] // each test binary uses a different part of this module

#[cfg(unix)]
pub mod disk;
pub mod rpc;
pub mod worst;

impl rpc::Server {
    /// The binary cargo built for this test run.
    pub fn start() -> rpc::Server {
        rpc::Server::start_binary(std::path::Path::new(env!("CARGO_BIN_EXE_agent-lsp")))
    }

    /// [`rpc::Server::start`] with these environment variables set.
    pub fn start_with_env(env: &[(&str, &str)]) -> rpc::Server {
        let program = std::path::Path::new(env!("CARGO_BIN_EXE_agent-lsp"));
        rpc::Server::start_binary_with_env(program, env)
    }

    /// Sends `initialized` and waits until the workspace folders are indexed (in the
    /// background: requests are answered before, with what the open documents say).
    pub fn initialized(&mut self) {
        self.notify("initialized", serde_json::json!({}));
        assert!(self.wait_log("indexed "), "not indexed: {}", self.log());
    }
}

use agent_lsp::analysis::{self, file_kind::FileKind, Analysis, Edit};
use agent_lsp::cli::render;
use agent_lsp::settings::Settings;
use agent_lsp::text::Lines;
use std::path::Path;

/// Reads a fixture exactly as it is on disk.
pub fn read(path: &Path) -> String {
    let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    String::from_utf8_lossy(&bytes).into_owned()
}

/// `line:col` (1-based, columns in characters) of a byte offset.
pub fn at(text: &str, offset: usize) -> String {
    let (l, c) = Lines::new(text).human(offset);
    format!("{l}:{c}")
}

/// Applies edits (non-overlapping) and returns the new text.
pub fn apply(text: &str, edits: &[Edit]) -> String {
    let mut sorted: Vec<&Edit> = edits.iter().collect();
    sorted.sort_by_key(|e| std::cmp::Reverse(e.range.start));
    let mut out = text.to_string();
    for e in sorted {
        out.replace_range(e.range.clone(), &e.new_text);
    }
    out
}

/// The changed lines of a fix, as a unified diff without context.
fn fix_diff(before: &str, after: &str) -> String {
    let diff = similar::TextDiff::from_lines(before, after);
    let mut out = String::new();
    for change in diff.iter_all_changes() {
        let sign = match change.tag() {
            similar::ChangeTag::Delete => "-",
            similar::ChangeTag::Insert => "+",
            similar::ChangeTag::Equal => continue,
        };
        let line: String = change
            .value()
            .trim_end_matches(['\n', '\r'])
            .chars()
            .take(160)
            .collect();
        out.push_str(&format!("        {sign}{line}\n"));
    }
    out
}

/// Everything a fixture snapshot shows: the verdict, each diagnostic with its place in
/// the source, and what each fix changes.
pub fn render(path: &Path, text: &str, analysis: &Analysis) -> String {
    let mut out = format!(
        "kind: {}\nfrontmatter: {}\n",
        analysis.kind.label(),
        analysis.frontmatter.mode.as_str()
    );
    if let Some(l) = &analysis.loaded {
        match l.skip {
            None => out.push_str("loads: yes\n"),
            Some(s) => out.push_str(&format!("loads: no ({})\n", s.as_str())),
        }
    }
    // The path as `check` run at the repository's root prints it.
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let shown = path
        .strip_prefix(root)
        .unwrap_or(path)
        .display()
        .to_string();
    let lines = Lines::new(text);
    for d in &analysis.diagnostics {
        out.push('\n');
        out.push_str(&render::diagnostic(&shown, text, &lines, d, false));
        for f in &d.fixes {
            let after = apply(text, &f.edits);
            out.push_str(&format!(
                "    fix{}: {}\n{}",
                if f.safe { " (safe)" } else { "" },
                f.title,
                fix_diff(text, &after)
            ));
        }
    }
    out
}

pub fn analyze_file(path: &Path) -> (String, Analysis) {
    let text = read(path);
    let kind = FileKind::from_path(path);
    let analysis = analysis::analyze_file(&text, &kind, Some(path), &Settings::default());
    (text, analysis)
}
