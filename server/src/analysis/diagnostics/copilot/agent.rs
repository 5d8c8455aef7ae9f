//! The keys of agents and prompts whose reading changed or is easy to get wrong:
//! `mode`, `infer`, `handoffs`, `agents`.

use super::{first, tools::tool_names, Context};
use crate::analysis::limits::Sink;
use crate::analysis::{Diagnostic, Edit, Severity};
use crate::rules;
use crate::syntax::{Entry, Node, NodeKind};
use std::ops::Range;

/// The lines an entry covers, with the line break after them: what removing it removes.
fn entry_lines(cx: &Context, e: &Entry) -> Range<usize> {
    let start = crate::text::line_bounds(cx.text, e.key.span.start).start;
    let end = crate::text::line_bounds(cx.text, e.value.span.end.max(e.key.span.end)).end;
    let rest = &cx.text[end..];
    let brk = if rest.starts_with("\r\n") {
        2
    } else {
        usize::from(rest.starts_with(['\n', '\r']))
    };
    start..end + brk
}

/// A scalar's text, whatever its style (VS Code reads `"true"` as true where it reads a
/// boolean).
fn text(v: &Node) -> Option<&str> {
    match &v.kind {
        NodeKind::Scalar { value, .. } => Some(value),
        _ => None,
    }
}

pub fn mode(cx: &Context, out: &mut Sink) {
    let Some(m) = first(cx, "mode") else { return };
    let d = if first(cx, "agent").is_some() {
        Diagnostic::new(
            m.key.span.clone(),
            rules::MODE_DEPRECATED,
            "`mode` is deprecated and ignored here: VS Code uses `agent`",
        )
        .with_fix(
            "Remove `mode`",
            vec![Edit {
                range: entry_lines(cx, m),
                new_text: String::new(),
            }],
            true,
        )
    } else {
        Diagnostic::new(
            m.key.span.clone(),
            rules::MODE_DEPRECATED,
            "`mode` is deprecated: VS Code still reads it as `agent`; rename it",
        )
        .with_fix(
            "Rename `mode` to `agent`",
            vec![Edit {
                range: m.key.span.clone(),
                new_text: "agent".into(),
            }],
            true,
        )
    };
    out.push(d);
}

pub fn infer(cx: &Context, out: &mut Sink) {
    let Some(e) = first(cx, "infer") else { return };
    let value = text(&e.value).map(str::to_string);
    let flag = match value.as_deref() {
        Some("true") => Some(true),
        Some("false") => Some(false),
        _ => None,
    };
    let has_dmi = first(cx, "disable-model-invocation").is_some();
    let range = e.key.span.start..e.value.span.end.max(e.key.span.end);
    let d = match flag {
        Some(b) => {
            let overrides = if has_dmi { "; it overrides `disable-model-invocation`" } else { "" };
            let msg = format!("`infer` is deprecated: VS Code still honours `infer: {b}`{overrides}. Write `disable-model-invocation: {}`", !b);
            let d = Diagnostic::new(range.clone(), rules::INFER_DEPRECATED, msg);
            if has_dmi {
                d
            } else {
                let new_text = format!("disable-model-invocation: {}", !b);
                d.with_fix(format!("Write `{new_text}`"), vec![Edit { range, new_text }], true)
            }
        }
        None => Diagnostic::new(range, rules::INFER_DEPRECATED, "`infer` is deprecated, and VS Code ignores any value but `true` or `false`: use `user-invocable` and `disable-model-invocation`")
            .with_fix("Remove `infer`", vec![Edit { range: entry_lines(cx, e), new_text: String::new() }], false),
    };
    out.push(d);
}

pub fn handoffs(cx: &Context, out: &mut Sink) {
    let Some(e) = first(cx, "handoffs") else {
        return;
    };
    let Some(items) = e.value.items() else {
        out.push(Diagnostic::new(
            e.value.span.clone(),
            rules::HANDOFF_INVALID,
            format!(
                "`handoffs` must be a list of mappings, not a {}: VS Code ignores it",
                e.value.describe()
            ),
        ));
        return;
    };
    for item in items {
        let Some(props) = item.entries() else {
            out.push(Diagnostic::new(item.span.clone(), rules::HANDOFF_INVALID, "A handoff must be a mapping with `label`, `agent` and `prompt`: VS Code drops this one"));
            continue;
        };
        handoff(props, item, out);
    }
}

fn handoff(props: &[Entry], item: &Node, out: &mut Sink) {
    let mut missing = vec!["label", "agent", "prompt"];
    for p in props {
        let Some(k) = p.key.as_str() else { continue };
        missing.retain(|m| *m != k);
        let v = &p.value;
        let problem = match k {
            "label" | "agent" if text(v).is_none_or(|s| s.trim().is_empty()) => Some(format!(
                "`{k}` must be a non-empty string: VS Code drops this handoff"
            )),
            "prompt" if text(v).is_none() => {
                Some("`prompt` must be a string: VS Code drops this handoff".to_string())
            }
            "model" if text(v).is_none() => {
                Some("`model` must be a string: VS Code ignores it".to_string())
            }
            "send" | "showContinueOn" if !matches!(text(v), Some("true" | "false")) => Some(
                format!("`{k}` must be `true` or `false`: VS Code ignores this value"),
            ),
            "label" | "agent" | "prompt" | "model" | "send" | "showContinueOn" => None,
            _ => {
                let msg = format!("VS Code ignores `{k}` in a handoff (it reads `label`, `agent`, `prompt`, `send`, `showContinueOn` and `model`)");
                out.push(
                    Diagnostic::new(p.key.span.clone(), rules::HANDOFF_INVALID, msg)
                        .with_severity(Severity::Info),
                );
                None
            }
        };
        if let Some(msg) = problem {
            out.push(Diagnostic::new(v.span.clone(), rules::HANDOFF_INVALID, msg));
        }
    }
    if !missing.is_empty() {
        let names: Vec<String> = missing.iter().map(|m| format!("`{m}`")).collect();
        let msg = format!("This handoff lacks {}: VS Code drops it", names.join(", "));
        out.push(Diagnostic::new(
            item.span.clone(),
            rules::HANDOFF_INVALID,
            msg,
        ));
    }
}

pub fn agents_tool(cx: &Context, out: &mut Sink) {
    let Some(e) = first(cx, "agents") else { return };
    let Some(items) = e.value.items() else {
        out.push(Diagnostic::new(
            e.value.span.clone(),
            rules::AGENTS_WITHOUT_AGENT_TOOL,
            format!(
                "`agents` must be a list, not a {}: VS Code ignores it",
                e.value.describe()
            ),
        ));
        return;
    };
    let named = items.iter().any(|i| text(i).is_some_and(|s| !s.is_empty()));
    let Some(tools) = first(cx, "tools") else {
        return;
    };
    if named
        && !tool_names(&tools.value, cx.text)
            .iter()
            .any(|t| t.name == "agent")
    {
        out.push(Diagnostic::new(e.value.span.clone(), rules::AGENTS_WITHOUT_AGENT_TOOL, "`tools` does not include the `agent` tool, so this agent cannot run the subagents `agents` names: add `agent` to `tools`"));
    }
}
