//! Rules that compare a file with the workspace's other files: several project agents
//! declaring one name, of which Claude Code uses one; names that refer to no file.

use super::{Context, Diagnostic};
use crate::analysis::limits::Sink;
use crate::analysis::suggest::closest;
use crate::analysis::{Edit, Severity};
use crate::catalog;
use crate::loader::Loaded;
use crate::rules::{self, Rule};
use crate::workspace::index::COPILOT_BUILTIN_AGENTS;
use crate::workspace::lookup::{agents_folder, path_bytes};
use crate::workspace::{shown_user_path, FactKind, Reference, Scope, Workspace};
use std::path::Path;

/// `duplicate-agent-name`: Claude Code 2.1.332 sorts the paths of a project's agents
/// declaring one name (byte order of the whole path) and keeps the last one; its debug log
/// says `Duplicate agent name 'x' (projectSettings): <kept>, <others sorted> — active:
/// <kept>` (tests/fixtures/workspace/duplicates/).
pub fn check(cx: &Context, loaded: &Loaded, out: &mut Sink) {
    let (Some(path), Some(name)) = (cx.path, loaded.name.as_deref()) else {
        return;
    };
    let ws = &cx.settings.workspace;
    // Only a file of the project's own agents folder competes with the others there.
    let in_project = ws
        .declarations(FactKind::Agent, name)
        .any(|f| *f.file == *path && f.scope == Scope::Project);
    if !loaded.loads() || cx.kind.is_plugin() || !in_project {
        return;
    }
    // A file without a description is skipped by the loader and takes no part (the
    // workspace's facts say no more about whether the other files load).
    let mut others: Vec<&Path> = ws
        .declarations(FactKind::Agent, name)
        .filter(|f| *f.file != *path && f.doc.is_some() && f.scope == Scope::Project)
        .filter(|f| agents_folder(&f.file) == agents_folder(path))
        .map(|f| &*f.file)
        .collect();
    let Some(range) = name_range(cx) else { return };
    if others.is_empty() {
        return;
    }
    others.sort_by(|a, b| path_bytes(a).cmp(path_bytes(b)));
    others.dedup();
    let shown = |p: &Path| format!("`{}`", shown_path(p, ws.root.as_deref()));
    let last = others[others.len() - 1];
    if path_bytes(last) > path_bytes(path) {
        let message = format!(
            "{} files are named `{name}`: Claude Code uses {} instead; this agent is never used",
            others.len() + 1,
            shown(last)
        );
        out.push(Diagnostic::new(range, rules::DUPLICATE_AGENT_NAME, message));
    } else {
        let list: Vec<String> = others.iter().map(|p| shown(p)).collect();
        let message = format!(
            "Claude Code uses this file for `{name}` and never {} (named `{name}` too)",
            list.join(", ")
        );
        out.push(
            Diagnostic::new(range, rules::DUPLICATE_AGENT_NAME, message)
                .with_severity(Severity::Warning),
        );
    }
}

/// The bytes of the `name:` value.
fn name_range(cx: &Context) -> Option<std::ops::Range<usize>> {
    let entry = cx.fm.loader_root()?.get("name")?;
    Some(entry.value.span.clone())
}

/// A path below the workspace root as the user sees it there.
fn shown_path(p: &Path, root: Option<&Path>) -> String {
    let relative = root.and_then(|r| p.strip_prefix(r).ok()).unwrap_or(p);
    relative.to_string_lossy().into_owned()
}

/// `agent-shadows`: Claude Code 2.1.332 uses a project agent over a user agent of the same
/// name, and either over a built-in agent (tests/fixtures/workspace/scopes/).
pub fn shadows(cx: &Context, loaded: &Loaded, out: &mut Sink) {
    let (Some(path), Some(name)) = (cx.path, loaded.name.as_deref()) else {
        return;
    };
    let Some(me) = cx
        .index
        .declares
        .first()
        .filter(|f| f.kind == FactKind::Agent)
    else {
        return;
    };
    if !loaded.loads() || cx.kind.is_plugin() || me.span.range.is_empty() {
        return;
    }
    let ws = &cx.settings.workspace;
    // Among duplicates, only the file Claude Code keeps replaces anything.
    if ws.active_agent(name, path).is_some_and(|a| a != path) {
        return;
    }
    let mut hidden: Vec<String> = Vec::new();
    if me.scope == Scope::Project {
        let users = ws
            .declarations(FactKind::Agent, name)
            .filter(|f| f.scope == Scope::User && *f.file != *path);
        hidden.extend(users.map(|f| format!("the user's agent `{}`", shown_user_path(&f.file))));
    }
    if catalog::claude_agent().builtin_agent(name).is_some() {
        hidden.push(format!("Claude Code's built-in `{name}` agent"));
    }
    if !hidden.is_empty() {
        let message = format!(
            "Claude Code uses this file for `{name}` instead of {}",
            hidden.join(" and ")
        );
        out.push(Diagnostic::new(
            me.span.range.clone(),
            rules::AGENT_SHADOWS,
            message,
        ));
    }
}

/// `agent-unknown`, `skill-unknown`, `copilot-agent-unknown`: a name the file refers to
/// that no indexed file declares, with the nearest one that exists. Nothing is said when
/// no workspace was read (a lone file), nor of plugin names (`plugin:name`).
pub fn unresolved(cx: &Context, out: &mut Sink) {
    let ws = &cx.settings.workspace;
    if ws.root.is_none() {
        return;
    }
    for r in &cx.index.references {
        // Most names resolve: look them up before listing every name for a suggestion.
        if r.name.contains(':') || resolves(ws, r) {
            continue;
        }
        let (rule, what, known): (&'static Rule, &str, Vec<&str>) = match r.kind {
            FactKind::Agent => (
                rules::AGENT_UNKNOWN,
                "agent in this workspace, the user's folder or Claude Code's built-ins",
                claude_agents(ws),
            ),
            FactKind::Skill => (
                rules::SKILL_UNKNOWN,
                "skill in this workspace or the user's folder",
                names(ws.skills()),
            ),
            FactKind::CopilotAgent => {
                let mut n = names(ws.copilot_agents());
                if r.key == "agent" {
                    n.extend(COPILOT_BUILTIN_AGENTS);
                }
                (
                    rules::COPILOT_AGENT_UNKNOWN,
                    "custom agent in this workspace",
                    n,
                )
            }
            _ => continue,
        };
        if !known.contains(&r.name.as_str()) {
            out.push(unknown(r, rule, what, &known));
        }
    }
}

/// Whether a file, a built-in agent or (for a prompt's `agent:`) a built-in mode bears
/// the name.
fn resolves(ws: &Workspace, r: &Reference) -> bool {
    let builtin = match r.kind {
        FactKind::Agent => catalog::claude_agent().builtin_agent(&r.name).is_some(),
        FactKind::CopilotAgent => {
            r.key == "agent" && COPILOT_BUILTIN_AGENTS.contains(&r.name.as_str())
        }
        _ => false,
    };
    builtin || ws.declarations(r.kind, &r.name).next().is_some()
}

fn names(list: &crate::workspace::NameList) -> Vec<&str> {
    list.iter().map(|n| n.name.as_str()).collect()
}

/// The project's and user's agents, and Claude Code's built-in agent types.
fn claude_agents(ws: &Workspace) -> Vec<&str> {
    let builtins = &catalog::claude_agent().builtin_agents;
    let mut n = names(ws.agents());
    n.extend(builtins.iter().map(|b| b.name.as_str()));
    n
}

fn unknown(r: &Reference, rule: &'static Rule, what: &str, known: &[&str]) -> Diagnostic {
    let near = closest(&r.name, known.iter().copied(), 3);
    let hint = near
        .map(|n| format!("; did you mean `{n}`?"))
        .unwrap_or_default();
    let message = format!("`{}` names no {what}{hint}", r.name);
    let d = Diagnostic::new(r.span.range.clone(), rule, message);
    match near {
        Some(n) => d.with_fix(
            format!("Change to `{n}`"),
            vec![Edit {
                range: r.span.range.clone(),
                new_text: n.to_string(),
            }],
            false,
        ),
        None => d,
    }
}
