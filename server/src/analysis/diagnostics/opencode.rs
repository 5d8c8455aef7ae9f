//! What OpenCode does with an agent file that its schema does not describe: keys it
//! moves into `options` (and sends to the model provider), a `model` with no provider,
//! and `permission` rules of the wrong shape (which refuse the whole configuration).

use super::Context;
use crate::analysis::limits::Sink;
use crate::analysis::suggest::Suggester;
use crate::analysis::{Diagnostic, Edit};
use crate::rules;
use crate::syntax::{Entry, Node, Value};

pub fn check(cx: &Context, out: &mut Sink) {
    if cx.fm.loader_root().is_none() {
        return;
    }
    unknown_keys(cx, out);
    empty_values(cx, out);
    if let Some(e) = cx.fm.get("model") {
        model(e, out);
    }
    if let Some(e) = cx.fm.get("permission") {
        let severity = cx.catalog.invalid_severity;
        permission(&e.value, &mut |d: Diagnostic| {
            out.push(d.with_severity(severity.unwrap_or(rules::INVALID_VALUE.severity)))
        });
    }
}

/// OpenCode's schema takes a key left out, never a key set to null (`color: #FF5733` is
/// `color:` and a comment): that refuses the whole configuration.
fn empty_values(cx: &Context, out: &mut Sink) {
    let severity = cx
        .catalog
        .invalid_severity
        .unwrap_or(rules::INVALID_VALUE.severity);
    for e in cx.fm.entries() {
        let Some(k) = e.key.as_str().filter(|k| cx.catalog.key(k).is_some()) else {
            continue;
        };
        if !e.value.is_null() {
            continue;
        }
        let line = super::line_at(cx.text, e.key.span.start);
        let after = &cx.text[e.key.span.end..line.end];
        let comment = after.find('#').map(|i| e.key.span.end + i..line.end);
        let mut msg = format!("`{k}` is empty (null), which OpenCode's schema does not take: it refuses the whole configuration, so none of its agents load. Give it a value or remove the line");
        let range = comment.clone().unwrap_or(e.key.span.clone());
        let mut d =
            Diagnostic::new(range, rules::INVALID_VALUE, String::new()).with_severity(severity);
        if let Some(c) = comment {
            let written = cx.text[c.clone()].trim_end().to_string();
            msg = format!("`#` starts a YAML comment, so `{k}` is empty (null): OpenCode's schema does not take that and refuses the whole configuration. Quote the value: `{k}: \"{written}\"`");
            d = d.with_fix(
                "Quote the value",
                vec![Edit {
                    range: c.start..c.start + written.len(),
                    new_text: format!("\"{written}\""),
                }],
                !written.contains(['"', '\\']),
            );
        }
        d.message = msg;
        out.push(d);
    }
}

/// Whether `v` is a permission OpenCode accepts (for the rename fix's safety).
pub fn is_permission(v: &Node) -> bool {
    let mut found = 0;
    permission(v, &mut |_| found += 1);
    found == 0
}

fn unknown_keys(cx: &Context, out: &mut Sink) {
    let catalog = cx.catalog;
    let mut suggest = Suggester::new(catalog.keys.iter().map(|k| k.name.as_str()), 2);
    for e in cx.fm.entries() {
        let Some(k) = e.key.as_str() else { continue };
        if catalog.key(k).is_some() {
            continue;
        }
        let folded: String = k
            .chars()
            .filter(|c| *c != '-' && *c != '_')
            .flat_map(char::to_lowercase)
            .collect();
        let hint = catalog
            .key_hints
            .iter()
            .find(|h| h.from == folded)
            .map(|h| h.to.as_str());
        let suggestion = hint
            .or_else(|| suggest.closest(k))
            .filter(|s| !s.is_empty());
        let Some(s) = suggestion else {
            out.push(Diagnostic::new(e.key.span.clone(), rules::OPENCODE_UNKNOWN_KEY, format!(
                "OpenCode's agent schema has no `{k}`: it moves it into `options` and sends it to the model provider with every request"
            )).with_severity(crate::analysis::Severity::Info));
            continue;
        };
        let d = Diagnostic::new(e.key.span.clone(), rules::OPENCODE_UNKNOWN_KEY, format!(
            "OpenCode does not know `{k}` (did you mean `{s}`?): it moves it into `options` for the model provider, so it does nothing `{s}` would"
        ));
        out.push(rename_fix(cx, d, e, s));
    }
}

/// Rename to the known key, safe when that key is absent and its schema accepts the value.
fn rename_fix(cx: &Context, d: Diagnostic, e: &Entry, to: &str) -> Diagnostic {
    if cx.fm.get(to).is_some() {
        return d;
    }
    let valid = match cx.catalog.key(to) {
        Some(_) if to == "permission" => is_permission(&e.value),
        Some(spec) => {
            let mut found = Sink::new(cx.kind.format, cx.settings, None, Default::default());
            super::values::check(spec, &e.value, cx.catalog, cx.settings, &mut found);
            found.finish().0.is_empty() && !e.value.is_null()
        }
        None => false,
    };
    let edit = Edit {
        range: e.key.span.clone(),
        new_text: to.to_string(),
    };
    d.with_fix(format!("Rename to `{to}`"), vec![edit], valid)
}

fn model(e: &Entry, out: &mut Sink) {
    let Some(m) = e.value.as_str() else { return };
    if m.is_empty() || m.contains('/') {
        return;
    }
    out.push(Diagnostic::new(e.value.span.clone(), rules::OPENCODE_MODEL_NO_PROVIDER, format!(
        "OpenCode reads `model` as `provider/model-id`: `{m}` names no provider, so the agent fails when it runs (e.g. `anthropic/{m}`)"
    )));
}

const ACTIONS: [&str; 3] = ["ask", "allow", "deny"];
/// Permissions that take one action, not patterns.
const ACTION_ONLY: [&str; 4] = ["question", "webfetch", "websearch", "doom_loop"];

/// `permission`: an action, or per permission an action or a map of patterns to actions.
fn permission(v: &Node, out: &mut dyn FnMut(Diagnostic)) {
    let consequence = "OpenCode refuses the whole configuration, so none of its agents load";
    let Some(entries) = v.entries() else {
        if !is_action(v) {
            out(not_an_action(v, "permission", consequence));
        }
        return;
    };
    for e in entries {
        let name = e.key.as_str().unwrap_or("?");
        match e.value.entries() {
            Some(patterns) if !ACTION_ONLY.contains(&name) => {
                for p in patterns.iter().filter(|p| !is_action(&p.value)) {
                    out(not_an_action(
                        &p.value,
                        &format!("permission.{name}"),
                        consequence,
                    ));
                }
            }
            _ if is_action(&e.value) => {}
            _ => out(not_an_action(
                &e.value,
                &format!("permission.{name}"),
                consequence,
            )),
        }
    }
}

fn is_action(v: &Node) -> bool {
    matches!(v.scalar(), Some(Value::Str(s)) if ACTIONS.contains(&s))
}

fn not_an_action(v: &Node, key: &str, consequence: &str) -> Diagnostic {
    let shown = match v.scalar() {
        Some(Value::Str(s)) => format!("`{s}`"),
        Some(other) => format!("a {}", other.type_name()),
        None => format!("a {}", v.describe()),
    };
    Diagnostic::new(
        v.span.clone(),
        rules::INVALID_VALUE,
        format!("`{key}` must be ask, allow or deny, not {shown}: {consequence}"),
    )
}
