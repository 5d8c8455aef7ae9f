//! Copilot files as VS Code 1.139 reads them (its `promptFileParser` and prompt
//! validator): the errors of its own YAML reader, the keys each kind of file takes,
//! `applyTo`, the deprecated `mode` and `infer`, `handoffs`, `agents` and renamed tools.
//! Severities follow what VS Code then does, not the colour of its marker: it loads
//! every one of these files.

use super::{line_at, Context};
use crate::analysis::limits::Sink;
use crate::analysis::{Diagnostic, Edit, Severity};
use crate::rules;
use crate::syntax::{Entry, Node, NodeKind, Style};

/// The kind of Copilot file, from its catalog.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Agent,
    Prompt,
    Instructions,
    Skill,
}

pub fn check(cx: &Context, out: &mut Sink) {
    let kind = match cx.catalog.format.as_str() {
        "copilot-agent" => Kind::Agent,
        "copilot-prompt" => Kind::Prompt,
        "copilot-instructions" => Kind::Instructions,
        "copilot-skill" => Kind::Skill,
        _ => return,
    };
    header_errors(cx, out);
    let github = kind == Kind::Agent && target(cx) == Some("github-copilot");
    unsupported_keys(cx, kind, github, out);
    match kind {
        Kind::Instructions => {
            apply_to(cx, out);
            exclude_agent(cx, out);
        }
        Kind::Prompt => {
            mode(cx, out);
            tools_value(cx, true, out);
        }
        Kind::Skill => skill::check(cx, out),
        Kind::Agent => {
            infer(cx, out);
            if !github {
                tools_value(cx, false, out);
                handoffs(cx, out);
                agents_tool(cx, out);
            }
        }
    }
}

/// The first entry of `key`: VS Code's validator and loader use the first one.
fn first<'a>(cx: &'a Context, key: &str) -> Option<&'a Entry> {
    cx.fm.entries().iter().find(|e| e.key.as_str() == Some(key))
}

fn target<'a>(cx: &'a Context) -> Option<&'a str> {
    first(cx, "target")
        .and_then(|e| e.value.as_str())
        .map(str::trim)
}

/// What VS Code's reader does at each of its errors.
fn header_errors(cx: &Context, out: &mut Sink) {
    for p in &cx.fm.vscode_problems {
        let then = if p.message.starts_with("Duplicate key") {
            "VS Code uses the first value and ignores this one"
        } else if p.message == "Missing value" {
            "VS Code reads an empty value"
        } else {
            "VS Code marks the header as an error here and reads on, so what follows may not be read as written"
        };
        let range = if p.span.is_empty() {
            line_at(cx.text, p.span.start)
        } else {
            p.span.clone()
        };
        out.push(Diagnostic::new(
            range,
            rules::VSCODE_HEADER_ERROR,
            format!("VS Code's YAML reader: {}: {then}", p.message),
        ));
    }
}

fn unsupported_keys(cx: &Context, kind: Kind, github: bool, out: &mut Sink) {
    let target = if github { "github-copilot" } else { "vscode" };
    let reads = |name: &str| {
        cx.catalog
            .key(name)
            .map(|k| k.targets.is_empty() || k.targets.iter().any(|t| t == target))
    };
    let supported: Vec<&str> = cx
        .catalog
        .keys
        .iter()
        .filter(|k| reads(&k.name) == Some(true))
        .map(|k| k.name.as_str())
        .collect();
    let file = match (kind, github) {
        (Kind::Agent, true) => "agent files for GitHub's cloud agent (`target: github-copilot`)",
        (Kind::Agent, false) => "VS Code agent files",
        (Kind::Prompt, _) => "prompt files",
        (Kind::Instructions, _) => "instructions files",
        (Kind::Skill, _) => "skill files",
    };
    for e in cx.fm.entries() {
        let Some(k) = e.key.as_str() else { continue };
        let range = e.key.span.clone();
        let ignored = |note: &str| {
            Diagnostic::new(
                range.clone(),
                rules::COPILOT_KEY_UNSUPPORTED,
                format!(
                    "VS Code ignores `{k}` in {file}{note}; supported: {}",
                    supported.join(", ")
                ),
            )
        };
        let d = match reads(k) {
            Some(true) => continue,
            Some(false) if kind == Kind::Agent && !github => Diagnostic::new(
                range,
                rules::COPILOT_KEY_UNSUPPORTED,
                format!("`{k}` is read by GitHub's cloud agent only (`target: github-copilot`): VS Code ignores it when running the agent locally"),
            )
            .with_severity(Severity::Info),
            // Other tools read skills too (Claude Code's `allowed-tools`): VS Code only
            // hints at these keys.
            _ if kind == Kind::Skill => ignored(" (other tools that read the skill may use it)")
                .with_severity(Severity::Info),
            _ => ignored(""),
        };
        out.push(d);
    }
}

/// VS Code's `splitGlobAware(value, ',')`: commas inside `{…}` or `[…]` do not split;
/// an empty last part is dropped.
fn split_globs(value: &str) -> Vec<&str> {
    let (mut parts, mut start) = (Vec::new(), 0);
    let (mut braces, mut brackets) = (false, false);
    for (i, c) in value.char_indices() {
        match c {
            ',' if !braces && !brackets => {
                parts.push(&value[start..i]);
                start = i + 1;
                continue;
            }
            '{' => braces = true,
            '}' => braces = false,
            '[' => brackets = true,
            ']' => brackets = false,
            _ => {}
        }
    }
    if start < value.len() {
        parts.push(&value[start..]);
    }
    parts
}

fn apply_to(cx: &Context, out: &mut Sink) {
    let Some(e) = first(cx, "applyTo") else {
        return;
    };
    let v = &e.value;
    if let Some(s) = v.as_str().or_else(|| plain_bool_text(v)) {
        if split_globs(s).iter().any(|p| p.is_empty()) || split_globs(s).is_empty() {
            out.push(Diagnostic::new(
                v.span.clone(),
                rules::APPLY_TO_EMPTY,
                "`applyTo` holds an empty glob: VS Code rejects it, and the instructions are never applied automatically",
            ));
        }
        return;
    }
    let shape = v.describe();
    let mut d = Diagnostic::new(
        v.span.clone(),
        rules::APPLY_TO_NOT_STRING,
        format!("`applyTo` must be a string of globs separated by commas, not a {shape}: VS Code does not read it, and the instructions are never applied automatically"),
    );
    if let Some(joined) = joined_globs(v) {
        let quoted = super::double_quoted(&joined);
        d = d.with_fix(
            format!("Write `applyTo: {quoted}`"),
            vec![Edit {
                range: e.key.span.end..v.span.end,
                new_text: format!(": {quoted}"),
            }],
            true,
        );
    }
    out.push(d);
}

fn exclude_agent(cx: &Context, out: &mut Sink) {
    let Some(e) = first(cx, "excludeAgent") else {
        return;
    };
    if e.value.entries().is_some() {
        out.push(Diagnostic::new(
            e.value.span.clone(),
            rules::INVALID_VALUE,
            "`excludeAgent` must be a string or a list of agents (`code-review`, `coding-agent`), not a mapping: VS Code marks it as an error",
        ));
    }
}

/// A plain `true`/`false` is still text to VS Code's validator.
fn plain_bool_text(v: &Node) -> Option<&str> {
    match &v.kind {
        NodeKind::Scalar {
            value,
            style: Style::Plain,
            ..
        } => Some(value),
        _ => None,
    }
}

/// The list's globs joined as VS Code's own example writes them (`"a, b"`), when every
/// item is one non-empty glob VS Code's comma split gives back unchanged.
fn joined_globs(v: &Node) -> Option<String> {
    let items = v.items()?;
    let globs: Option<Vec<&str>> = items
        .iter()
        .map(|i| i.as_str().map(str::trim))
        .map(|g| g.filter(|g| !g.is_empty() && split_globs(g) == [*g]))
        .collect();
    let globs = globs.filter(|g| !g.is_empty())?;
    Some(globs.join(", "))
}

mod agent;
mod skill;
mod tools;

use agent::{agents_tool, handoffs, infer, mode};
use tools::tools_value;
