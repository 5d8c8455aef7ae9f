//! The shape Claude Code requires of `hooks:` in agent frontmatter:
//! `Event: [ {matcher?: string, hooks: [ {type: …, …} ]} ]`. A wrong shape makes the
//! loader skip the agent; an unknown event is dropped with a warning.

use crate::catalog::Catalog;
use crate::syntax::Node;
use std::ops::Range;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    pub range: Range<usize>,
    pub message: String,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct HookCheck {
    /// The first shape error: the agent does not load.
    pub error: Option<Problem>,
    /// Events the loader does not know, dropped with a warning.
    pub unknown_events: Vec<Problem>,
}

/// The field a handler of each type cannot do without.
fn required_field(kind: &str) -> Option<&'static str> {
    match kind {
        "command" => Some("command"),
        "http" => Some("url"),
        "prompt" | "agent" => Some("prompt"),
        _ => None,
    }
}

fn err(node: &Node, message: String) -> Option<Problem> {
    Some(Problem {
        range: node.span.clone(),
        message,
    })
}

fn check_handler(h: &Node, catalog: &Catalog) -> Option<Problem> {
    if h.entries().is_none() {
        return err(
            h,
            format!(
                "each hook handler must be a mapping with a `type`, not a {}",
                h.describe()
            ),
        );
    }
    let Some(t) = h.get("type") else {
        return err(
            h,
            "hook handler has no `type` (one of command, http, mcp_tool, prompt, agent)".into(),
        );
    };
    let Some(kind) = t.value.as_str() else {
        return err(&t.value, "hook `type` must be a string".into());
    };
    if !catalog.hook_types.iter().any(|k| k == kind) {
        return err(
            &t.value,
            format!(
                "unknown hook type `{kind}`: expected one of {}",
                catalog.hook_types.join(", ")
            ),
        );
    }
    let field = required_field(kind)?;
    match h.get(field) {
        Some(e) if e.value.as_str().is_some() => None,
        Some(e) => err(
            &e.value,
            format!("`{field}` of a `{kind}` hook must be a string"),
        ),
        None => err(h, format!("a `{kind}` hook needs `{field}`")),
    }
}

fn check_matcher_group(g: &Node, catalog: &Catalog) -> Option<Problem> {
    if g.entries().is_none() {
        return err(
            g,
            format!(
                "each entry must be a mapping with `hooks:` (and an optional `matcher:`), not a {}",
                g.describe()
            ),
        );
    }
    if let Some(m) = g.get("matcher") {
        if m.value.as_str().is_none() {
            return err(&m.value, "`matcher` must be a string".into());
        }
    }
    let Some(hs) = g.get("hooks") else {
        return err(g, "entry has no `hooks:` list".into());
    };
    let Some(items) = hs.value.items() else {
        return err(
            &hs.value,
            format!(
                "`hooks` must be a list of handlers, not a {}",
                hs.value.describe()
            ),
        );
    };
    items.iter().find_map(|h| check_handler(h, catalog))
}

pub fn check(hooks: &Node, catalog: &Catalog) -> HookCheck {
    let mut out = HookCheck::default();
    if hooks.is_null() {
        return out;
    }
    let Some(entries) = hooks.entries() else {
        out.error = err(
            hooks,
            format!(
                "expected a mapping of hook events, received a {}",
                hooks.describe()
            ),
        );
        return out;
    };
    for e in entries {
        let Some(event) = e.key.as_str() else {
            out.error = out
                .error
                .take()
                .or_else(|| err(&e.key, "hook event names must be strings".into()));
            continue;
        };
        if !catalog.hook_events.iter().any(|k| k == event) {
            out.unknown_events.push(Problem {
                range: e.key.span.clone(),
                message: format!(
                    "`{event}` is not a hook event Claude Code knows; the entry is ignored"
                ),
            });
            continue;
        }
        if out.error.is_some() {
            continue;
        }
        out.error = match e.value.items() {
            None => err(
                &e.value,
                format!(
                    "`{event}` must be a list of matcher entries, not a {}",
                    e.value.describe()
                ),
            ),
            Some(groups) => groups.iter().find_map(|g| check_matcher_group(g, catalog)),
        };
    }
    out
}
