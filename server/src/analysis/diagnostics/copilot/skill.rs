//! A skill as VS Code 1.139 loads it (`computeSkillDiscoveryInfo`): named after its
//! folder whatever `name:` says, and offered to the agent by its description. The
//! validator's markers on `name` and `description` become warnings: VS Code loads the
//! skill in every case, but not as written.

use super::first;
use crate::analysis::diagnostics::Context;
use crate::analysis::limits::Sink;
use crate::analysis::{Diagnostic, Edit};
use crate::rules;
use crate::syntax::{Node, Value};
use std::ops::Range;

pub fn check(cx: &Context, out: &mut Sink) {
    let Some(split) = &cx.fm.split else {
        return;
    };
    let fence = split.open_fence.clone();
    name(cx, fence.clone(), out);
    description(cx, fence, out);
}

/// VS Code's skill-name pattern (`/^[a-z0-9-]+$/`).
fn valid_name(name: &str) -> bool {
    !name.is_empty()
        && name
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

fn name(cx: &Context, fence: Range<usize>, out: &mut Sink) {
    let folder = cx.path_name();
    let shown = folder
        .as_deref()
        .map_or(String::new(), |f| format!(" `{f}`"));
    let Some(e) = first(cx, "name") else {
        out.push(Diagnostic::new(fence, rules::COPILOT_SKILL_NAME, format!(
            "No `name`: VS Code names the skill after its folder{shown} (and marks the file); write `name:` with the folder's name"
        )));
        return;
    };
    let Some(name) = e.value.as_str().map(str::trim).filter(|n| !n.is_empty()) else {
        return;
    };
    let span = e.value.span.clone();
    let d = if !valid_name(name) {
        Diagnostic::new(span.clone(), rules::COPILOT_SKILL_NAME, format!(
            "`{name}` is not a skill name for VS Code (only lowercase letters, digits and hyphens): it marks it as an error and names the skill after its folder{shown}"
        ))
    } else if let Some(f) = folder.as_deref().filter(|f| *f != name) {
        Diagnostic::new(span.clone(), rules::COPILOT_SKILL_NAME, format!(
            "VS Code names this skill `{f}`, after its folder, and ignores `name: {name}`: `/{name}` does not exist there"
        ))
    } else {
        return;
    };
    let d = match folder.filter(|f| valid_name(f) && f != name) {
        Some(f) => d.with_fix(
            format!("Change `name` to `{f}`"),
            vec![Edit {
                range: span,
                new_text: f,
            }],
            false,
        ),
        None => d,
    };
    out.push(d);
}

/// VS Code's boolean reading (`getBooleanValue`): `false`, or a string that is `false`
/// once trimmed, in any case.
fn is_false(v: &Node) -> bool {
    match v.scalar() {
        Some(Value::Bool(b)) => !b,
        Some(Value::Str(s)) => s.trim().eq_ignore_ascii_case("false"),
        _ => false,
    }
}

fn description(cx: &Context, fence: Range<usize>, out: &mut Sink) {
    if first(cx, "description").is_some() {
        return;
    }
    out.push(Diagnostic::new(fence, rules::COPILOT_SKILL_DESCRIPTION, "No `description`: VS Code adds a skill's description to every request so that the agent knows when to load it; without one the agent has nothing to go by"));
    // A skill only the agent may load (hidden from `/`), or one the agent is explicitly
    // allowed to load, needs it most: VS Code marks those values as errors.
    let hidden = first(cx, "user-invocable").filter(|e| is_false(&e.value));
    let by_model = first(cx, "disable-model-invocation").filter(|e| is_false(&e.value));
    for (e, why) in [
        (
            hidden,
            "hidden from the / menu, the skill is loaded only by the agent",
        ),
        (by_model, "the agent may load the skill by itself"),
    ] {
        if let Some(e) = e {
            out.push(Diagnostic::new(e.value.span.clone(), rules::COPILOT_SKILL_DESCRIPTION, format!(
                "A description is required here: {why}, and it decides by the description (VS Code marks this value as an error)"
            )));
        }
    }
}
