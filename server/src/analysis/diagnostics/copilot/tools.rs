//! `tools` as VS Code reads it (a list, or a string split at commas) and the tool names
//! it has renamed (the catalog's `[[tool_removed]]`).

use super::{first, Context};
use crate::analysis::limits::Sink;
use crate::analysis::{Diagnostic, Edit};
use crate::rules;
use crate::syntax::{Node, NodeKind, Style};
use std::ops::Range;

pub struct ToolName {
    pub name: String,
    pub range: Range<usize>,
    pub style: Style,
}

/// The names in `tools`, with where each is written. A string is split at commas as
/// VS Code does; positions are kept for a plain one-line string only.
pub fn tool_names(v: &Node) -> Vec<ToolName> {
    match &v.kind {
        NodeKind::Seq { items, .. } => items
            .iter()
            .filter_map(|i| match &i.kind {
                NodeKind::Scalar { value, style, .. } if !value.is_empty() => Some(ToolName {
                    name: value.clone(),
                    range: i.span.clone(),
                    style: *style,
                }),
                _ => None,
            })
            .collect(),
        NodeKind::Scalar { value, style, .. } => split(value, v.span.start, *style),
        _ => Vec::new(),
    }
}

fn split(value: &str, start: usize, style: Style) -> Vec<ToolName> {
    let mut names = Vec::new();
    let mut at = 0;
    for part in value.split(',') {
        let lead = part.len() - part.trim_start().len();
        let name = part.trim().trim_matches(['\'', '"']);
        if !name.is_empty() {
            let from = start + at + lead;
            // Positions in the file match the value's only for a plain string.
            let range = if style == Style::Plain {
                from..from + part.trim().len()
            } else {
                start..start
            };
            names.push(ToolName {
                name: name.to_string(),
                range,
                style: Style::Plain,
            });
        }
        at += part.len() + 1;
    }
    names
}

/// `tools` as VS Code's validator reads it: a list or a string, used only by agents.
pub fn tools_value(cx: &Context, prompt: bool, out: &mut Sink) {
    let Some(e) = first(cx, "tools") else { return };
    if !matches!(e.value.kind, NodeKind::Seq { .. } | NodeKind::Scalar { .. }) {
        let msg = format!(
            "`tools` must be a list or a comma-separated string, not a {}: VS Code ignores it",
            e.value.describe()
        );
        out.push(Diagnostic::new(
            e.value.span.clone(),
            rules::INVALID_VALUE,
            msg,
        ));
        return;
    }
    // The built-in `ask` and `edit` agents take no tools.
    let agent = first(cx, "agent").or_else(|| first(cx, "mode"));
    let runs_in = agent
        .and_then(|a| a.value.as_str())
        .filter(|a| matches!(*a, "ask" | "edit"));
    if let Some(a) = runs_in.filter(|_| prompt) {
        let msg = format!("VS Code ignores `tools` when the prompt runs in the `{a}` agent: only agents use tools");
        out.push(Diagnostic::new(
            e.key.span.clone(),
            rules::COPILOT_KEY_UNSUPPORTED,
            msg,
        ));
    }
    renamed_tools(cx, &e.value, out);
}

fn renamed_tools(cx: &Context, tools: &Node, out: &mut Sink) {
    for t in tool_names(tools) {
        let Some(r) = cx.catalog.tools_removed.iter().find(|r| r.name == t.name) else {
            continue;
        };
        let range = if t.range.is_empty() {
            tools.span.clone()
        } else {
            t.range.clone()
        };
        let since = r
            .since
            .as_deref()
            .map(|s| format!(" ({s})"))
            .unwrap_or_default();
        if r.instead.contains(", ") {
            let msg = format!(
                "VS Code has split `{}` into {}{since}; the old name still works",
                t.name, r.instead
            );
            out.push(Diagnostic::new(range, rules::TOOL_RENAMED, msg));
            continue;
        }
        let msg = format!(
            "VS Code has renamed `{}` to `{}`{since}; the old name still works",
            t.name, r.instead
        );
        let quote = match t.style {
            Style::SingleQuoted => "'",
            Style::DoubleQuoted => "\"",
            _ => "",
        };
        let mut d = Diagnostic::new(range.clone(), rules::TOOL_RENAMED, msg);
        if !t.range.is_empty() {
            let new_text = format!("{quote}{}{quote}", r.instead);
            d = d.with_fix(
                format!("Rename to `{}`", r.instead),
                vec![Edit { range, new_text }],
                true,
            );
        }
        out.push(d);
    }
}
