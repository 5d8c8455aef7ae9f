//! workspace/symbol: every agent, skill, command, prompt, rule and MCP server of every
//! folder, by name, matched fuzzily (the query's characters in order, any case), best
//! matches first.
use super::{convert, Backend};
use crate::workspace::{Fact, FactKind, Scope};
use tower_lsp_server::ls_types::*;

/// How well `name` matches `query`: None when the query's characters are not all in it,
/// in order; lower is better (a prefix, then a contiguous match, then the shortest span).
pub fn score(query: &str, name: &str) -> Option<(u8, usize, usize)> {
    if query.is_empty() {
        return Some((0, 0, name.len()));
    }
    let lower = name.to_lowercase();
    let q = query.to_lowercase();
    if lower.starts_with(&q) {
        return Some((0, 0, name.len()));
    }
    if let Some(i) = lower.find(&q) {
        return Some((1, i, name.len()));
    }
    let mut chars = lower.char_indices();
    let mut first = None;
    let mut last = 0;
    for c in q.chars() {
        let (i, _) = chars.find(|(_, n)| *n == c)?;
        first.get_or_insert(i);
        last = i;
    }
    Some((2, last - first.unwrap_or(0), name.len()))
}

fn kind(k: FactKind) -> SymbolKind {
    match k {
        FactKind::Agent | FactKind::CopilotAgent | FactKind::OpenCodeAgent => SymbolKind::CLASS,
        FactKind::Skill | FactKind::Command | FactKind::Prompt => SymbolKind::FUNCTION,
        FactKind::McpServer => SymbolKind::MODULE,
        FactKind::Instructions | FactKind::Rule => SymbolKind::FILE,
    }
}

#[allow(deprecated)] // `deprecated` is a required field of the struct
fn symbol(f: &Fact, enc: crate::text::Encoding) -> Option<SymbolInformation> {
    let scope = if f.scope == Scope::User { ", user" } else { "" };
    Some(SymbolInformation {
        name: f.name.to_string(),
        kind: kind(f.kind),
        tags: None,
        deprecated: None,
        location: convert::location(&f.file, &f.span, enc)?,
        container_name: Some(format!("{}{scope}", f.kind.label())),
    })
}

pub fn handle(backend: &Backend, params: WorkspaceSymbolParams) -> Option<WorkspaceSymbolResponse> {
    let enc = backend.encoding();
    let mut found: Vec<((u8, usize, usize), &Fact)> = Vec::new();
    let workspaces = backend.folders.workspaces();
    let mut seen = std::collections::HashSet::new();
    for ws in &workspaces {
        for f in ws.facts() {
            if let Some(s) = score(&params.query, &f.name) {
                if seen.insert((f.file.clone(), f.kind, f.name.clone())) {
                    found.push((s, f));
                }
            }
        }
    }
    found.sort_by(|a, b| a.0.cmp(&b.0).then_with(|| a.1.name.cmp(&b.1.name)));
    let out = found
        .into_iter()
        .filter_map(|(_, f)| symbol(f, enc))
        .collect();
    Some(WorkspaceSymbolResponse::Flat(out))
}
