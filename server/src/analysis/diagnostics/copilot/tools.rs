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
/// VS Code does; positions are kept only for a string written as it reads (a plain
/// scalar on one line: a folded one's offsets drift from its source).
pub fn tool_names(v: &Node, text: &str) -> Vec<ToolName> {
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
        NodeKind::Scalar { value, style, .. } => {
            let verbatim = *style == Style::Plain && text.get(v.span.clone()) == Some(value);
            split(value, v.span.start, verbatim)
        }
        _ => Vec::new(),
    }
}

fn split(value: &str, start: usize, verbatim: bool) -> Vec<ToolName> {
    let mut names = Vec::new();
    let mut at = 0;
    for part in value.split(',') {
        let lead = part.len() - part.trim_start().len();
        let name = part.trim().trim_matches(['\'', '"']);
        if !name.is_empty() {
            let from = start + at + lead;
            let range = if verbatim {
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
    for t in tool_names(tools, cx.text) {
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

#[cfg(test)]
mod tests {
    use super::tool_names;
    use crate::syntax::{parse_as, Dialect};

    fn names(text: &str) -> Vec<(String, std::ops::Range<usize>)> {
        let fm = parse_as(text, Dialect::Vscode, &|_| true);
        let root = fm.root.expect("a frontmatter");
        let tools = &root.get("tools").expect("tools").value;
        let found = tool_names(tools, text);
        found.into_iter().map(|t| (t.name, t.range)).collect()
    }

    #[test]
    fn positions_only_for_a_string_written_as_it_reads() {
        let one_line = "---\ntools: a, runCommands\n---\n";
        assert_eq!(names(one_line)[1], ("runCommands".into(), 14..25));
        // Folded over two lines: the value's offsets are not the file's (a fuzz input
        // once cut a character this way: tests/fixtures/fuzz/char-boundary-12.md).
        let folded = "---\ntools: a, é,\n  runCommands\n---\n";
        let found = names(folded);
        assert_eq!(found[2].0, "runCommands");
        assert!(found.iter().all(|(_, r)| r.is_empty()), "{found:?}");
    }
}
