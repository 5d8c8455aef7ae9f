//! Rules that compare a file with the workspace's other files: several project agents
//! declaring one name, of which Claude Code uses one.

use super::{Context, Diagnostic};
use crate::analysis::limits::Sink;
use crate::analysis::Severity;
use crate::loader::Loaded;
use crate::rules;
use crate::workspace::FactKind;
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
        .facts()
        .iter()
        .any(|f| f.kind == FactKind::Agent && f.file == path);
    if !loaded.loads() || cx.kind.is_plugin() || !in_project {
        return;
    }
    // A file without a description is skipped by the loader and takes no part (the
    // workspace's facts say no more about whether the other files load).
    let mut others: Vec<&Path> = ws
        .declarations(FactKind::Agent, name)
        .filter(|f| f.file != path && f.doc.is_some())
        .map(|f| f.file.as_path())
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

/// The client compares paths as strings, not by components (`a.md` before `a/b.md`).
fn path_bytes(p: &Path) -> &[u8] {
    p.as_os_str().as_encoded_bytes()
}

/// A path below the workspace root as the user sees it there.
fn shown_path(p: &Path, root: Option<&Path>) -> String {
    let relative = root.and_then(|r| p.strip_prefix(r).ok()).unwrap_or(p);
    relative.to_string_lossy().into_owned()
}
