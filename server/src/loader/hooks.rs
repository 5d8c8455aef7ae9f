//! What Claude Code does with hooks in frontmatter (2.1.332): `hooks:` maps events to
//! lists of `{matcher?: string, hooks: [ {type: …, …} ]}`.
//!
//! The client checks *guard* events (those that decide whether a tool may run) strictly:
//! any malformed entry refuses the whole agent, since a guard that cannot load may be
//! what keeps the permissions beside it safe. Under the other events a malformed entry
//! is dropped with a warning and the agent loads. It also refuses an agent that seems to
//! hold hooks anywhere it does not read them: a guard event at the top level, or a map
//! holding a non-empty `hooks:` list under another key. Event names, guard events,
//! handler schemas and the scan's depth and exempt keys are catalog data.

use crate::catalog::{Catalog, HookHandler};
use crate::rules::{self, Rule};
use crate::syntax::{Node, NodeKind, Value};
use foldhash::fast::RandomState as FastHash;
use std::borrow::Cow;
use std::collections::HashMap;
use std::ops::Range;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    pub range: Range<usize>,
    /// The rule this problem is reported under.
    pub rule: &'static Rule,
    /// What is wrong, without its consequence (which depends on the kind of file).
    pub message: String,
    /// How to fix it, when there is more to say than the message.
    pub hint: &'static str,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct HookCheck {
    /// Why the client refuses the agent; empty when the hooks let it load.
    pub refusals: Vec<Problem>,
    /// Entries the client drops with a warning; the agent loads without them.
    pub dropped: Vec<Problem>,
}

impl HookCheck {
    pub fn refuses(&self) -> bool {
        !self.refusals.is_empty()
    }

    /// True when the first refusal is a hook outside `hooks:` (not a malformed entry).
    pub fn refused_outside_hooks(&self) -> bool {
        self.refusals
            .first()
            .is_some_and(|p| p.rule != rules::HOOKS_INVALID)
    }

    fn refuse(&mut self, node: &Node, rule: &'static Rule, message: String) {
        self.refuse_with_hint(node, rule, message, "");
    }

    fn refuse_with_hint(
        &mut self,
        node: &Node,
        rule: &'static Rule,
        message: String,
        hint: &'static str,
    ) {
        self.refusals.push(Problem {
            range: node.span.clone(),
            rule,
            message,
            hint,
        });
    }

    fn drop(&mut self, node: &Node, rule: &'static Rule, message: String) {
        self.dropped.push(Problem {
            range: node.span.clone(),
            rule,
            message,
            hint: "",
        });
    }
}

/// A map key as the JavaScript object has it: always a string (borrowed when it is one).
fn key_text(key: &Node) -> Option<Cow<'_, str>> {
    Some(match key.scalar()? {
        Value::Str(s) => Cow::Borrowed(s),
        Value::Int(i) => Cow::Owned(i.to_string()),
        Value::Float(f) => Cow::Owned(f.to_string()),
        Value::Bool(b) => Cow::Owned(b.to_string()),
        Value::Null => Cow::Borrowed("null"),
    })
}

/// A map's entries as the object holds them: each key once, at its first place, with
/// its last value.
type Object<'a> = Vec<(Cow<'a, str>, &'a Node, &'a Node)>;

/// The entries of a map as the object holds them: a repeated key keeps its last value.
fn object(node: &Node) -> Option<Object<'_>> {
    let entries = node.entries()?;
    let mut out: Object = Vec::with_capacity(entries.len());
    // Where each key sits in `out`: a scan of `out` per key would grow with the square
    // of a mapping's size. Keys are borrowed: a map can hold 100,000 of them.
    let mut slot_of: HashMap<Cow<str>, usize, FastHash> =
        HashMap::with_capacity_and_hasher(entries.len(), FastHash::default());
    for e in entries {
        let Some(k) = key_text(&e.key) else { continue };
        match slot_of.get(&k) {
            Some(&i) => out[i].2 = &e.value,
            None => {
                slot_of.insert(k.clone(), out.len());
                out.push((k, &e.key, &e.value));
            }
        }
    }
    Some(out)
}

/// JavaScript truthiness of the value Bun.YAML gives for `node`.
fn truthy(node: &Node) -> bool {
    match node.scalar() {
        Some(Value::Null) => false,
        Some(Value::Bool(b)) => b,
        Some(Value::Int(i)) => i != 0,
        Some(Value::Float(f)) => f != 0.0 && !f.is_nan(),
        Some(Value::Str(s)) => !s.is_empty(),
        None => true,
    }
}

fn is_empty_list(node: &Node) -> bool {
    node.items().is_some_and(<[Node]>::is_empty)
}

fn is_guard(event: &str, c: &Catalog) -> bool {
    c.guard_hook_events.iter().any(|g| g == event)
}

fn is_event(event: &str, c: &Catalog) -> bool {
    c.hook_events.iter().any(|e| e == event)
}

/// A map (read as an object) with a guard event key whose value is not null or `[]`:
/// the key, if so.
fn guard_key_of<'a>(obj: &Object<'a>, c: &Catalog) -> Option<&'a Node> {
    obj.iter()
        .find(|(k, _, v)| is_guard(k, c) && !v.is_null() && !is_empty_list(v))
        .map(|&(_, key, _)| key)
}

/// A map that looks like a matcher entry holding hooks: its `hooks` key, if so.
fn matcher_hooks<'a>(node: &'a Node, c: &Catalog) -> Option<&'a Node> {
    matcher_hooks_of(&object(node)?, c)
}

/// [`matcher_hooks`] of a map already read as an object.
fn matcher_hooks_of<'a>(obj: &Object<'a>, c: &Catalog) -> Option<&'a Node> {
    let has_matcher = obj.iter().any(|(k, _, _)| k == "matcher");
    if !has_matcher && obj.iter().any(|(k, _, _)| is_event(k, c)) {
        return None;
    }
    let &(_, key, hooks) = obj.iter().find(|(k, _, _)| k == "hooks")?;
    let holds = match &hooks.kind {
        NodeKind::Seq { items, .. } => !items.is_empty(),
        NodeKind::Map { .. } => {
            has_matcher
                || hooks
                    .get("type")
                    .is_some_and(|t| t.value.as_str().is_some())
        }
        _ => false,
    };
    holds.then_some(key)
}

#[derive(Clone, Copy)]
struct Scan<'a> {
    /// Whether a map that looks like a matcher entry counts (not under an event name).
    matchers_count: bool,
    /// Keys not looked into at any depth.
    unscanned: &'a [String],
    /// Inside a `hooks:` list, where handlers (maps with a string `type`) are expected.
    in_hooks_list: bool,
}

/// Where `node`, or something up to `depth` levels below it, holds hooks the client
/// did not expect there (its "hooks where a matcher was expected" scan).
fn hidden_hooks<'a>(node: &'a Node, depth: usize, s: Scan, c: &Catalog) -> Option<&'a Node> {
    if let Some(items) = node.items() {
        if depth == 0 {
            return None;
        }
        return items.iter().find_map(|i| hidden_hooks(i, depth - 1, s, c));
    }
    // A map is read as an object once: it can hold 100,000 keys.
    let obj = object(node)?;
    if let Some(k) = guard_key_of(&obj, c) {
        return Some(k);
    }
    if s.matchers_count {
        if let Some(k) = matcher_hooks_of(&obj, c) {
            return Some(k);
        }
    }
    if depth == 0 {
        return None;
    }
    if s.in_hooks_list && node.get("type").is_some_and(|t| t.value.as_str().is_some()) {
        return None;
    }
    obj.into_iter().find_map(|(k, _, v)| {
        if s.unscanned.iter().any(|u| *u == k) {
            return None;
        }
        let inner = Scan {
            matchers_count: s.matchers_count && !is_event(&k, c),
            unscanned: s.unscanned,
            in_hooks_list: k == "hooks" && v.items().is_some(),
        };
        hidden_hooks(v, depth - 1, inner, c)
    })
}

/// The scan of a value under `hooks:`, where no key is exempt.
fn scan(matchers_count: bool) -> Scan<'static> {
    Scan {
        matchers_count,
        unscanned: &[],
        in_hooks_list: false,
    }
}

/// Hooks outside `hooks:`: a guard event at the top level, or a `hooks:` list in a map
/// under another key.
fn check_outside(obj: &Object, c: &Catalog, out: &mut HookCheck) {
    if let Some(k) = guard_key_of(obj, c) {
        let name = key_text(k).unwrap_or_default();
        let message = format!("`{name}` is declared at the top level, outside `hooks:`");
        out.refuse_with_hint(
            k,
            rules::HOOK_EVENT_TOP_LEVEL,
            message,
            "Indent it under a `hooks:` key",
        );
        return;
    }
    for (k, _, v) in obj {
        if k == "hooks" || c.hooks_unscanned_keys.iter().any(|u| u == k) {
            continue;
        }
        let s = Scan {
            matchers_count: !is_event(k, c),
            unscanned: &c.hooks_unscanned_keys,
            in_hooks_list: false,
        };
        if let Some(at) = hidden_hooks(v, c.hooks_scan_depth, s, c) {
            let message = format!("Hooks inside `{k}`, where Claude Code does not read them (it takes them for misplaced guard hooks)");
            out.refuse_with_hint(
                at,
                rules::HOOKS_MISPLACED,
                message,
                "Move them under `hooks:`, or keep such data under `metadata`",
            );
            return;
        }
    }
}

/// The value of `hooks:`.
fn check_hooks(hooks: &Node, c: &Catalog, out: &mut HookCheck) {
    if !truthy(hooks) {
        return;
    }
    let obj = object(hooks);
    let single = obj
        .as_ref()
        .is_some_and(|o| matcher_hooks_of(o, c).is_some())
        || hooks
            .items()
            .is_some_and(|i| i.iter().any(|m| matcher_hooks(m, c).is_some()));
    let Some(obj) = obj.filter(|_| !single) else {
        let what = match (single, hooks.items().is_some()) {
            (true, true) => "a list of matcher entries".to_string(),
            (true, false) => "a single matcher entry".to_string(),
            _ => format!("a {}", hooks.describe()),
        };
        out.refuse(
            hooks,
            rules::HOOKS_INVALID,
            format!("`hooks` must map event names to lists of matcher entries, not {what}"),
        );
        return;
    };
    for (event, key, value) in obj {
        check_event(&event, key, value, c, out);
    }
}

fn check_event(event: &str, key: &Node, value: &Node, c: &Catalog, out: &mut HookCheck) {
    if !is_event(event, c) {
        let s = scan(value.items().is_none());
        if hidden_hooks(value, c.hooks_scan_depth, s, c).is_some() {
            out.refuse(
                key,
                rules::HOOKS_INVALID,
                format!("`{event}` is not a hook event, but it holds hooks"),
            );
        } else {
            out.drop(
                key,
                rules::HOOK_EVENT_UNKNOWN,
                format!("`{event}` is not a hook event Claude Code knows"),
            );
        }
        return;
    }
    let guard = is_guard(event, c);
    let Some(groups) = value.items() else {
        let holds = hidden_hooks(value, c.hooks_scan_depth, scan(false), c).is_some();
        let message = format!(
            "`{event}` must be a list of matcher entries, not a {}",
            value.describe()
        );
        if (guard && !value.is_null()) || holds {
            out.refuse(
                value,
                rules::HOOKS_INVALID,
                format!("{message} (`{event}` is a guard event, checked strictly)"),
            );
        } else {
            out.drop(value, rules::HOOK_ENTRY_DROPPED, message);
        }
        return;
    };
    for g in groups {
        check_group(event, guard, g, c, out);
    }
}

/// Reports a malformed part of `event`'s entries: refused under a guard event, else dropped.
fn bad(guard: bool, event: &str, node: &Node, what: String, out: &mut HookCheck) {
    if guard {
        out.refuse(
            node,
            rules::HOOKS_INVALID,
            format!("In `{event}` (a guard event, checked strictly), {what}"),
        );
    } else {
        out.drop(
            node,
            rules::HOOK_ENTRY_DROPPED,
            format!("In `{event}`, {what}"),
        );
    }
}

fn check_group(event: &str, guard: bool, g: &Node, c: &Catalog, out: &mut HookCheck) {
    if let Some(at) = hidden_hooks(g, c.hooks_scan_depth, scan(false), c) {
        out.refuse(
            at,
            rules::HOOKS_INVALID,
            format!("this entry of `{event}` holds guard hooks where a matcher entry was expected"),
        );
        return;
    }
    if g.entries().is_none() {
        let what = format!(
            "each entry must be a mapping with `hooks:` (and an optional `matcher:`), not a {}",
            g.describe()
        );
        return bad(guard, event, g, what, out);
    }
    let handlers = match g.get("hooks") {
        None => return bad(guard, event, g, "entry has no `hooks:` list".into(), out),
        Some(h) => match h.value.items() {
            Some(items) => items,
            None => {
                let what = format!(
                    "`hooks` must be a list of handlers, not a {}",
                    h.value.describe()
                );
                return bad(guard, event, &h.value, what, out);
            }
        },
    };
    for h in handlers {
        if let Some((node, what)) = handler_problem(h, c) {
            bad(guard, event, node, what, out);
        }
    }
    if let Some(m) = g.get("matcher").filter(|m| m.value.as_str().is_none()) {
        let what = format!("`matcher` must be a string, not a {}", m.value.describe());
        bad(guard, event, &m.value, what, out);
    }
}

fn handler_problem<'a>(h: &'a Node, c: &'a Catalog) -> Option<(&'a Node, String)> {
    if h.entries().is_none() {
        return Some((
            h,
            format!(
                "each hook handler must be a mapping with a `type`, not a {}",
                h.describe()
            ),
        ));
    }
    let types = || {
        c.hook_handlers
            .iter()
            .map(|t| t.name.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    };
    let Some(t) = h.get("type") else {
        return Some((
            h,
            format!("hook handler has no `type` (one of {})", types()),
        ));
    };
    let Some(kind) = t.value.as_str() else {
        return Some((&t.value, "hook `type` must be a string".into()));
    };
    let Some(spec) = c.hook_handlers.iter().find(|s| s.name == kind) else {
        return Some((
            &t.value,
            format!("unknown hook type `{kind}` (expected one of {})", types()),
        ));
    };
    field_problem(h, spec)
}

/// The first field of handler `h` its type's schema refuses.
fn field_problem<'a>(h: &'a Node, spec: &HookHandler) -> Option<(&'a Node, String)> {
    for field in &spec.required {
        if h.get(field).is_none() {
            return Some((h, format!("a `{}` hook needs `{field}`", spec.name)));
        }
    }
    for (field, kind) in &spec.fields {
        let Some(e) = h.get(field) else { continue };
        if !value_fits(&e.value, kind) {
            let shown = e.value.describe();
            return Some((
                &e.value,
                format!(
                    "`{field}` of a `{}` hook must be {kind}, not a {shown}",
                    spec.name
                ),
            ));
        }
    }
    None
}

/// Whether `node` is a value of the catalog's field `kind` (a zod type: absent is
/// allowed for optional fields, but `null` never is).
fn value_fits(node: &Node, kind: &str) -> bool {
    let s = node.as_str();
    match kind {
        "any" => true,
        "a string" => s.is_some(),
        "a non-empty string" => s.is_some_and(|s| !s.is_empty()),
        "a URL" => s.is_some_and(is_url),
        "a positive number" => match node.scalar() {
            Some(Value::Int(i)) => i > 0,
            Some(Value::Float(f)) => f > 0.0 && f.is_finite(),
            _ => false,
        },
        "a boolean" => matches!(node.scalar(), Some(Value::Bool(_))),
        "a list of strings" => node
            .items()
            .is_some_and(|i| i.iter().all(|n| n.as_str().is_some())),
        "a mapping of strings" => node
            .entries()
            .is_some_and(|e| e.iter().all(|e| e.value.as_str().is_some())),
        "a mapping" => node.entries().is_some(),
        one_of => one_of
            .strip_prefix("one of ")
            .is_some_and(|vals| s.is_some_and(|s| vals.split(", ").any(|v| v == s))),
    }
}

/// What the WHATWG URL parser accepts, roughly: a scheme, and a host for the special
/// schemes.
fn is_url(s: &str) -> bool {
    let s = s.trim();
    let Some((scheme, rest)) = s.split_once(':') else {
        return false;
    };
    let scheme_ok = scheme.starts_with(|c: char| c.is_ascii_alphabetic())
        && scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c));
    if !scheme_ok {
        return false;
    }
    match scheme.to_ascii_lowercase().as_str() {
        "http" | "https" | "ws" | "wss" | "ftp" => {
            let host = rest.trim_start_matches(['/', '\\']);
            host.split(['/', '?', '#'])
                .next()
                .is_some_and(|h| !h.is_empty())
        }
        _ => true,
    }
}

/// Everything the client decides about hooks in a frontmatter `root` (a mapping).
pub fn check(root: &Node, c: &Catalog) -> HookCheck {
    let mut out = HookCheck::default();
    // The top level read once: it can hold 100,000 keys.
    let obj = object(root).unwrap_or_default();
    check_outside(&obj, c, &mut out);
    if out.refuses() {
        return out;
    }
    if let Some(&(_, _, hooks)) = obj.iter().find(|(k, _, _)| k == "hooks") {
        check_hooks(hooks, c, &mut out);
    }
    out
}
