//! The line a code lens shows above a file's `name:`: what the tool makes of the file
//! (for Claude Code agents: loads or skipped and why, how many tools it gets, its model),
//! how many files refer to it, and, when several project agents share the name, which
//! file Claude Code uses.

use super::Analysis;
use crate::catalog::ToolName;
use crate::loader::tool_list::ToolList;
use crate::settings::Settings;
use crate::workspace::lookup::Target;
use crate::workspace::FactKind;
use std::ops::Range;
use std::path::Path;

/// The lens's range (the declared name) and its title.
pub fn summary(
    analysis: &Analysis,
    settings: &Settings,
    path: &Path,
) -> Option<(Range<usize>, String)> {
    let decl = analysis.index.declares.first()?;
    let mut parts = Vec::new();
    if let Some(l) = &analysis.loaded {
        match l.skip {
            Some(why) => parts.push(format!("skipped: {}", why.as_str())),
            None => {
                parts.push("loads".to_string());
                parts.push(tools(l, analysis, settings));
                parts.push(format!("model {}", l.model.as_deref().unwrap_or("inherit")));
            }
        }
    }
    let ws = &settings.workspace;
    let target = Target {
        kind: decl.kind,
        name: decl.name.to_string(),
    };
    let n = ws.uses(&target).len();
    parts.push(format!("{n} reference{}", if n == 1 { "" } else { "s" }));
    if decl.kind == FactKind::Agent {
        if let Some(active) = ws.active_agent(&decl.name, path) {
            let shown = ws
                .root
                .as_deref()
                .and_then(|r| active.strip_prefix(r).ok())
                .unwrap_or(active);
            if active == path {
                parts.push("active among duplicates".to_string());
            } else {
                parts.push(format!("never used: Claude Code uses {}", shown.display()));
            }
        }
    }
    let range = if decl.span.range.is_empty() {
        0..0
    } else {
        decl.span.range.clone()
    };
    Some((range, parts.join(" · ")))
}

/// How many tools the agent gets: the listed names Claude Code knows, or all of them
/// less the disallowed ones.
fn tools(l: &crate::loader::Loaded, analysis: &Analysis, settings: &Settings) -> String {
    match &l.tools {
        ToolList::All => match l.disallowed_tools.as_ref().map(Vec::len) {
            Some(n) if n > 0 => format!("all tools but {n}"),
            _ => "all tools".to_string(),
        },
        ToolList::Some(names) => {
            let mut known: Vec<&str> = names
                .iter()
                .map(|n| n.split('(').next().unwrap_or(n))
                .filter(|n| {
                    !matches!(
                        settings.resolve_tool(analysis.catalog, n),
                        ToolName::Unknown
                    )
                })
                .collect();
            known.sort_unstable();
            known.dedup();
            format!(
                "{} tool{}",
                known.len(),
                if known.len() == 1 { "" } else { "s" }
            )
        }
    }
}
