//! How Cursor applies a rule (`loader::cursor`): globs it reads literally, an
//! `alwaysApply` it does not honour, and rules that never come in by themselves.

use super::{line_at, Context};
use crate::analysis::limits::Sink;
use crate::analysis::{Diagnostic, Edit};
use crate::loader::cursor::{self, raw_value, split_globs, CursorRule};
use crate::rules;
use crate::syntax::{Entry, NodeKind};

pub fn check(cx: &Context, out: &mut Sink) {
    let Some(split) = &cx.fm.split else { return };
    let rule = cursor::read(cx.fm);
    if let Some(e) = cx.fm.get("globs") {
        globs(cx.text, e, &rule, out);
    }
    if let Some(e) = cx.fm.get("alwaysApply") {
        always_apply(e, out);
    }
    if !rule.applies_automatically() {
        let range = cx.fm.get("globs").map_or_else(
            || line_at(cx.text, split.open_fence.start),
            |e| e.key.span.clone(),
        );
        let why = if rule.globs.is_empty() {
            "no `globs`"
        } else {
            "`globs` that match no file"
        };
        out.push(Diagnostic::new(range, rules::CURSOR_MANUAL_ONLY, format!(
            "Cursor never applies this rule by itself: `alwaysApply` is not `true`, it has {why} and no `description`, so only an `@` mention brings it in"
        )));
    }
}

fn globs(text: &str, e: &Entry, rule: &CursorRule, out: &mut Sink) {
    let raw = raw_value(&e.value);
    let block_list = matches!(e.value.kind, NodeKind::Seq { .. });
    if block_list || raw.starts_with('[') {
        let patterns: Vec<String> = match e.value.items() {
            Some(items) => items.iter().map(|i| unquote(&raw_value(i))).collect(),
            None => split_globs(raw.trim_start_matches('[').trim_end_matches(']'))
                .iter()
                .map(|p| unquote(p))
                .collect(),
        };
        // From right after `globs:` to the end of the list, on one line.
        let colon = e.key.span.end + text[e.key.span.end..].find(':').unwrap_or(0);
        let range = colon + 1..e.value.span.end;
        let msg = if block_list {
            "Cursor reads `globs` as one comma-separated line: the list below `globs:` leaves it empty, so no file attaches this rule"
        } else {
            "Cursor reads `globs` as one comma-separated line, brackets and quotes included: these patterns match no file, so no file attaches this rule"
        };
        let d = Diagnostic::new(e.value.span.clone(), rules::CURSOR_GLOBS_LIST, msg);
        out.push(with_patterns_fix(
            d,
            range,
            &patterns,
            // A list left open (`[a, b`) may mean more than it says: offered, not applied.
            (
                "Write the globs as Cursor reads them",
                block_list || raw.ends_with(']'),
            ),
        ));
    } else if rule.always_apply {
        out.push(Diagnostic::new(e.key.span.clone(), rules::CURSOR_GLOBS_IGNORED, "`alwaysApply: true` includes this rule in every request: Cursor does not consult its `globs`"));
    } else if !rule.dead_globs.is_empty() {
        let patterns: Vec<String> = rule.globs.iter().map(|p| unquote(p)).collect();
        let dead = &rule.dead_globs;
        let msg = format!(
            "Cursor keeps the quotes: {} {} no file, so {}. Cursor's `globs` is unquoted, comma-separated",
            dead.iter().map(|g| format!("`{g}`")).collect::<Vec<_>>().join(", "),
            if dead.len() == 1 { "matches" } else { "match" },
            if dead.len() == rule.globs.len() { "no file attaches this rule" } else { "those patterns attach this rule to nothing" }
        );
        let d = Diagnostic::new(e.value.span.clone(), rules::CURSOR_GLOBS_QUOTED, msg);
        out.push(with_patterns_fix(
            d,
            e.value.span.clone(),
            &patterns,
            ("Remove the quotes", true),
        ));
    }
}

/// The fix writing `patterns` comma-separated over `range` (prefixed by a space when it
/// starts right after the colon); offered only when Cursor reads every pattern back as
/// written: none empty, none holding a comma, a quote or a bracket at an end.
fn with_patterns_fix(
    d: Diagnostic,
    range: std::ops::Range<usize>,
    patterns: &[String],
    (title, safe): (&str, bool),
) -> Diagnostic {
    let readable = !patterns.is_empty()
        && patterns.iter().all(|p| {
            !p.is_empty()
                && !p.contains(',')
                && split_globs(p).first() == Some(p)
                && !p.starts_with(['"', '\'', '['])
                && !p.ends_with(['"', '\'', ']'])
        });
    if !readable {
        return d;
    }
    let joined = patterns.join(", ");
    let new_text = if d.code == rules::CURSOR_GLOBS_LIST.code {
        format!(" {joined}")
    } else {
        joined
    };
    d.with_fix(title, vec![Edit { range, new_text }], safe)
}

/// A pattern without one pair of surrounding quotes.
fn unquote(p: &str) -> String {
    let p = p.trim();
    for q in ['"', '\''] {
        if let Some(inner) = p.strip_prefix(q).and_then(|r| r.strip_suffix(q)) {
            return inner.trim().to_string();
        }
    }
    p.to_string()
}

fn always_apply(e: &Entry, out: &mut Sink) {
    let raw = raw_value(&e.value);
    if raw.is_empty() || raw == "true" || raw == "false" {
        return;
    }
    let unquoted = unquote(&raw);
    let quoted_bool = unquoted != raw && (unquoted == "true" || unquoted == "false");
    let meant = unquoted.to_ascii_lowercase();
    let msg = format!("Cursor honours only a bare `true` or `false`: `{raw}` counts as not set, so this rule is not always applied");
    let mut d = Diagnostic::new(
        e.value.span.clone(),
        rules::CURSOR_ALWAYS_APPLY_NOT_BOOLEAN,
        msg,
    );
    let guess = match meant.as_str() {
        "true" | "yes" | "on" => Some("true"),
        "false" | "no" | "off" => Some("false"),
        _ => None,
    };
    if let Some(b) = guess {
        d = d.with_fix(
            format!("Write `{b}`"),
            vec![Edit {
                range: e.value.span.clone(),
                new_text: b.to_string(),
            }],
            quoted_bool,
        );
    }
    out.push(d);
}
