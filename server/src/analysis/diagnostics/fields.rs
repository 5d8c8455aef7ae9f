//! Rules about the agent's fields: the ones that decide whether it loads (name,
//! description; hooks are in `hooks.rs`) and the values the loader ignores or drops.

use super::{double_quoted, Context};
use crate::analysis::limits::Sink;
use crate::analysis::suggest::Suggester;
use crate::analysis::{Diagnostic, Edit};
use crate::loader::{name_problem, Loaded, Skip};
use crate::rules;
use crate::syntax::{Entry, Frontmatter, Mode, NodeKind, Value};

pub fn check(cx: &Context, loaded: &Loaded, out: &mut Sink) {
    let (text, kind, fm) = (cx.text, cx.kind, cx.fm);
    let Some(split) = &fm.split else { return };
    let plugin = kind.is_plugin();
    if !matches!(fm.mode, Mode::Unparseable) && !plugin {
        required(fm, split.open_fence.clone(), out);
    }
    if let Some(e) = fm.get("name").filter(|e| e.value.as_str().is_some()) {
        name_style(e, out);
    }
    unknown_keys(cx, plugin, out);
    if loaded.loads() && text[split.body.clone()].trim().is_empty() {
        out.push(Diagnostic::new(split.close_fence.clone(), rules::BODY_EMPTY, "The body is empty: it is this agent's system prompt, so the agent starts with no instructions"));
    }
}

fn required(fm: &Frontmatter, fence: std::ops::Range<usize>, out: &mut Sink) {
    if let Some(root) = fm.root.as_ref().filter(|r| r.entries().is_none()) {
        out.push(Diagnostic::new(root.span.clone(), rules::FRONTMATTER_NOT_MAPPING, format!("The frontmatter is a {}, not a mapping of `key: value` lines: Claude Code treats it as empty and skips the file", root.describe())));
        return;
    }
    match fm.get("name") {
        None => out.push(Diagnostic::new(fence.clone(), rules::NAME_MISSING, "No `name`: Claude Code treats this file as documentation and skips it silently. Add `name: your-agent-name`")),
        Some(e) => match e.value.scalar() {
            Some(Value::Str("")) | Some(Value::Null) => out.push(Diagnostic::new(e.key.span.clone(), rules::NAME_MISSING, "`name` is empty: Claude Code treats this file as documentation and skips it silently")),
            Some(Value::Str(name)) => {
                let why = match name_problem(name) {
                    Some(Skip::NameLeadingDash) => Some((rules::NAME_LEADING_DASH, "names must not start with \"-\"")),
                    Some(Skip::NameColon) => Some((rules::NAME_COLON, "names must not contain \":\" (reserved for plugin namespacing)")),
                    Some(Skip::NameTooLong) => Some((rules::NAME_TOO_LONG, "names must be at most 256 characters")),
                    _ => None,
                };
                if let Some((code, why)) = why {
                    out.push(Diagnostic::new(
                        e.value.span.clone(),
                        code,
                        format!("Invalid `name`: {why}. Claude Code skips this agent"),
                    ));
                }
            }
            _ => {
                let mut d = Diagnostic::new(e.value.span.clone(), rules::NAME_NOT_STRING, format!("`name` must be a string, not a {}: Claude Code skips this agent. Quote it", e.value.describe()));
                if let NodeKind::Scalar { value, .. } = &e.value.kind {
                    d = d.with_fix("Quote the name", vec![Edit { range: e.value.span.clone(), new_text: double_quoted(value) }], true);
                }
                out.push(d);
            }
        },
    }
    let description_ok = fm
        .get("description")
        .is_some_and(|e| e.value.as_str().is_some_and(|s| !s.is_empty()));
    if !description_ok {
        let (range, msg) = match fm.get("description") {
            None => (
                fm.get("name").map_or(fence, |e| e.key.span.clone()),
                "No `description`: Claude Code logs `Missing required \"description\" field` and skips this agent".to_string(),
            ),
            Some(e) if e.value.is_null() || e.value.as_str() == Some("") => (
                e.key.span.clone(),
                "`description` is empty: Claude Code skips this agent".to_string(),
            ),
            Some(e) => (
                e.value.span.clone(),
                format!("`description` must be a string, not a {}: Claude Code skips this agent", e.value.describe()),
            ),
        };
        out.push(Diagnostic::new(range, rules::DESCRIPTION_MISSING, msg));
    }
}

fn name_style(e: &Entry, out: &mut Sink) {
    let Some(name) = e.value.as_str() else { return };
    if name.is_empty() || name_problem(name).is_some() {
        return;
    }
    let chars_ok = name
        .bytes()
        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !name.starts_with('-')
        && !name.ends_with('-');
    let len = name.chars().count();
    if !chars_ok || !(3..=50).contains(&len) {
        out.push(Diagnostic::new(e.value.span.clone(), rules::NAME_STYLE, "By convention agent names are lowercase letters, digits and hyphens, 3–50 characters (Claude Code itself accepts this name)"));
    }
}

/// The loader's key hint: compare after removing `-`/`_` and lowercasing.
fn normalized(k: &str) -> String {
    k.chars()
        .filter(|c| *c != '-' && *c != '_')
        .flat_map(char::to_lowercase)
        .collect()
}

fn unknown_keys(cx: &Context, plugin: bool, out: &mut Sink) {
    let (fm, catalog) = (cx.fm, cx.catalog);
    // One lookup per distinct key, within a budget: a file can hold thousands.
    let mut suggest = Suggester::new(catalog.keys.iter().map(|s| s.name.as_str()), 2);
    for e in fm.entries() {
        // Description lines YAML reads as keys are reported by the example rules.
        if cx.is_description_text(e.key.span.start) {
            continue;
        }
        let Some(k) = e.key.as_str() else {
            if !out.room(rules::UNKNOWN_KEY, e.key.span.start) {
                continue;
            }
            out.push(Diagnostic::new(
                e.key.span.clone(),
                rules::UNKNOWN_KEY,
                "Keys must be strings: Claude Code ignores this one",
            ));
            continue;
        };
        // A guard event holding hooks at the top level is an error of its own.
        let guard = catalog.guard_hook_events.iter().any(|g| g == k);
        if catalog.key(k).is_some()
            || guard && !e.value.is_null() && e.value.items().is_none_or(|i| !i.is_empty())
        {
            continue;
        }
        if plugin && (k == "when_to_use" || k == "when-to-use")
            || !out.room(rules::UNKNOWN_KEY, e.key.span.start)
        {
            continue;
        }
        let norm = normalized(k);
        let suggestion = match catalog.key_hints.iter().find(|h| h.from == norm) {
            Some(h) if h.to.is_empty() => None,
            Some(h) => Some(h.to.as_str()),
            None => suggest.closest(&norm),
        };
        let mut msg = format!("Claude Code does not recognize `{k}` and ignores it");
        if catalog.hook_events.iter().any(|h| h == k) {
            msg.push_str(": hook events belong under `hooks:`");
        } else if let Some(s) = suggestion {
            msg.push_str(&format!(" (did you mean `{s}`?)"));
        }
        let mut d = Diagnostic::new(e.key.span.clone(), rules::UNKNOWN_KEY, msg);
        if let Some(s) = suggestion.filter(|s| fm.get(s).is_none()) {
            d = d.with_fix(
                format!("Rename to `{s}`"),
                vec![Edit {
                    range: e.key.span.clone(),
                    new_text: s.to_string(),
                }],
                false,
            );
        }
        out.push(d);
    }
}
