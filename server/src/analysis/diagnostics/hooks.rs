//! What Claude Code does with hooks, said with the consequence for this kind of file: an
//! agent is skipped (error), a skill or command loads without its hooks and its
//! `allowed-tools` (warning), a plugin agent's hooks are ignored anyway; a dropped entry
//! is a warning everywhere.

use super::Context;
use crate::analysis::limits::Sink;
use crate::analysis::{Diagnostic, Severity};
use crate::loader::hooks::{self, Problem};
use crate::rules;

pub fn check(cx: &Context, out: &mut Sink) {
    if cx.catalog.guard_hook_events.is_empty() {
        return;
    }
    let Some(root) = cx.fm.loader_root() else {
        return;
    };
    // The loader's check when it made one (an agent's), else this file's own.
    let own;
    let check = match cx.loaded.and_then(|l| l.hook_check.as_ref()) {
        Some(c) => c,
        None => {
            own = hooks::check(root, cx.catalog);
            &own
        }
    };
    let noun = if cx.loaded.is_some() {
        "agent"
    } else {
        cx.catalog.title.rsplit(' ').next().unwrap_or("file")
    };
    for p in &check.refusals {
        if !out.room(p.rule, p.range.start) {
            continue;
        }
        let invalid = p.rule == rules::HOOKS_INVALID;
        let d = if cx.kind.is_plugin() {
            if !invalid {
                continue;
            }
            said(p, "hooks are ignored for plugin agents anyway").with_severity(Severity::Warning)
        } else if cx.loaded.is_some() {
            said(p, "Claude Code skips this agent")
        } else {
            let consequence = format!("Claude Code logs an error and loads this {noun} without its hooks and its `allowed-tools`");
            said(p, &consequence).with_severity(Severity::Warning)
        };
        out.push(d);
    }
    for p in &check.dropped {
        if out.room(p.rule, p.range.start) {
            let consequence =
                format!("Claude Code ignores this entry and loads the {noun} without it");
            out.push(said(p, &consequence));
        }
    }
}

fn said(p: &Problem, consequence: &str) -> Diagnostic {
    let prefix = if p.rule == rules::HOOKS_INVALID {
        "Invalid `hooks`: "
    } else {
        ""
    };
    let hint = if p.hint.is_empty() {
        String::new()
    } else {
        format!(". {}", p.hint)
    };
    Diagnostic::new(
        p.range.clone(),
        p.rule,
        format!("{prefix}{}: {consequence}{hint}", p.message),
    )
}
