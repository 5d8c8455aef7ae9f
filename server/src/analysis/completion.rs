//! Completion in the frontmatter: keys not yet present, and values for the key of the
//! current line, replacing the partly typed word.

use super::Analysis;
use crate::catalog::{self, Catalog};
use crate::loader::tool_list::split_ranges;
use std::ops::Range;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ItemKind {
    Key,
    Value,
    Snippet,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Item {
    pub label: String,
    pub kind: ItemKind,
    pub detail: Option<String>,
    pub documentation: Option<String>,
    /// The text to insert; a snippet (`$1`, `${1|a,b|}`) when `snippet` is set.
    pub insert: String,
    pub snippet: bool,
    /// The bytes the item replaces (the partly typed word).
    pub replace: Range<usize>,
}

fn word_start(line: &str) -> usize {
    line.rfind(|c: char| c.is_whitespace() || matches!(c, ',' | '[' | ':' | '"' | '\'')).map_or(0, |i| i + line[i..].chars().next().map_or(1, char::len_utf8))
}

pub fn complete(text: &str, analysis: &Analysis, offset: usize, file_stem: &str) -> Vec<Item> {
    if let Some(example) = super::examples::completion_item(text, analysis, offset) {
        return vec![example];
    }
    let catalog = catalog::claude_agent();
    let offset = offset.min(text.len());
    let line_start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
    let before = &text[line_start..offset];
    let fm = &analysis.frontmatter;
    let Some(yaml) = fm.yaml_range() else {
        // No frontmatter: offer the whole block on an empty first line.
        if line_start == crate::syntax::split::bom_len(text) && before.trim().is_empty() {
            return vec![whole_frontmatter(file_stem, line_start..offset)];
        }
        return Vec::new();
    };
    if offset < yaml.start || offset > yaml.end {
        return Vec::new();
    }
    let ws = line_start + word_start(before);
    let replace = ws..offset;
    match before.find(':') {
        None if !before.starts_with([' ', '\t', '-']) => keys(fm, catalog, line_start..offset),
        Some(colon) if !before.starts_with([' ', '\t']) => {
            let key = before[..colon].trim();
            values(key, &before[colon + 1..], catalog, replace)
        }
        _ => {
            // An item of a block list: find the key it belongs to.
            let key = text[yaml.start..line_start]
                .lines()
                .rev()
                .find(|l| !l.starts_with([' ', '\t', '-']) && l.contains(':'))
                .and_then(|l| l.split(':').next())
                .unwrap_or_default()
                .trim()
                .to_string();
            if before.trim_start().starts_with('-') {
                values(&key, before.trim_start().trim_start_matches('-'), catalog, replace)
            } else {
                Vec::new()
            }
        }
    }
}

fn whole_frontmatter(stem: &str, replace: Range<usize>) -> Item {
    let name: String = stem.to_lowercase().chars().map(|c| if c.is_ascii_alphanumeric() { c } else { '-' }).collect();
    Item {
        label: "agent frontmatter".into(),
        kind: ItemKind::Snippet,
        detail: Some("name, description, tools, model".into()),
        documentation: Some("A complete Claude Code subagent header.".into()),
        insert: format!(
            "---\nname: ${{1:{name}}}\ndescription: ${{2:Use this agent when …}}\ntools: ${{3:Read, Grep, Glob}}\nmodel: ${{4|inherit,sonnet,opus,haiku|}}\n---\n\n${{0:You are …}}\n"
        ),
        snippet: true,
        replace,
    }
}

fn keys(fm: &crate::syntax::Frontmatter, catalog: &Catalog, replace: Range<usize>) -> Vec<Item> {
    catalog
        .keys
        .iter()
        .filter(|k| fm.get(&k.name).is_none())
        .map(|k| Item {
            label: k.name.clone(),
            kind: ItemKind::Key,
            detail: Some(k.ty.clone()),
            documentation: Some(k.doc.clone()),
            insert: match &k.snippet {
                Some(s) if s.starts_with('\n') => format!("{}:{s}", k.name),
                Some(s) => format!("{}: {s}", k.name),
                None => format!("{}: $1", k.name),
            },
            snippet: true,
            replace: replace.clone(),
        })
        .collect()
}

fn values(key: &str, typed: &str, catalog: &Catalog, replace: Range<usize>) -> Vec<Item> {
    let item = |label: &str, detail: &str, doc: &str| Item {
        label: label.to_string(),
        kind: ItemKind::Value,
        detail: Some(detail.to_string()),
        documentation: Some(doc.to_string()),
        insert: label.to_string(),
        snippet: false,
        replace: replace.clone(),
    };
    match key {
        "model" => catalog
            .models
            .iter()
            .map(|m| item(&m.name, m.resolves_to.as_deref().unwrap_or("model"), &m.doc))
            .collect(),
        "tools" | "disallowedTools" => {
            let listed: Vec<String> = split_ranges(typed).into_iter().map(|r| typed[r].to_string()).collect();
            let already = |n: &str| listed.iter().any(|l| l == n || l.starts_with(&format!("{n}(")));
            catalog
                .tools
                .iter()
                .filter(|t| !already(&t.name) && t.status.as_deref() != Some("deprecated"))
                .map(|t| item(&t.name, "tool", &t.doc))
                .collect()
        }
        _ => catalog
            .key(key)
            .map(|spec| spec.values.iter().map(|v| item(&v.name, key, &v.doc)).collect())
            .unwrap_or_default(),
    }
}
