//! How Cursor applies a project rule (`.cursor/rules/**/*.mdc`), as its documentation
//! and its users' reports describe it (Cursor is closed source): each top-level
//! `key: value` line is read as written; `globs` is a comma-separated list of patterns,
//! quotes and brackets included; `alwaysApply` counts only as a bare `true`. A rule
//! then applies in one of four ways: always, when a file matching its globs is in the
//! context, when the agent picks it from its description, or only when mentioned.

use crate::syntax::{Frontmatter, Node, Value};

/// How a rule comes into a conversation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Activation {
    /// `alwaysApply: true`: in every request.
    Always,
    /// Attached when a file matching `globs` (one Cursor can match) is in the context.
    Globs,
    /// The agent reads the description and pulls the rule in when it fits.
    Description,
    /// Only by `@rule-name`.
    Manual,
}

impl Activation {
    pub fn as_str(self) -> &'static str {
        match self {
            Activation::Always => "always",
            Activation::Globs => "globs",
            Activation::Description => "description",
            Activation::Manual => "manual",
        }
    }
}

/// What Cursor reads from one rule.
#[derive(Clone, Debug, PartialEq)]
pub struct CursorRule {
    pub always_apply: bool,
    /// The patterns as Cursor splits `globs` (commas, trimmed), quotes and brackets kept.
    pub globs: Vec<String>,
    /// Patterns that hold a quote or a bracket Cursor takes literally: they match no file.
    pub dead_globs: Vec<String>,
    pub has_description: bool,
    pub activation: Activation,
}

impl CursorRule {
    /// Whether the rule ever comes in without being mentioned.
    pub fn applies_automatically(&self) -> bool {
        self.activation != Activation::Manual
    }
}

/// Cursor's reading of the frontmatter (read in the `cursor` dialect: raw lines).
pub fn read(fm: &Frontmatter) -> CursorRule {
    let raw = |k: &str| fm.get(k).map(|e| raw_value(&e.value)).unwrap_or_default();
    let always_apply = fm.get("alwaysApply").is_some_and(|e| {
        e.value.scalar() == Some(Value::Bool(true)) && raw("alwaysApply") == "true"
    });
    let globs = split_globs(&raw("globs"));
    let dead_globs: Vec<String> = globs.iter().filter(|g| is_dead(g)).cloned().collect();
    let has_description = !raw("description").trim().is_empty();
    let activation = if always_apply {
        Activation::Always
    } else if dead_globs.len() < globs.len() {
        Activation::Globs
    } else if has_description {
        Activation::Description
    } else {
        Activation::Manual
    };
    CursorRule {
        always_apply,
        globs,
        dead_globs,
        has_description,
        activation,
    }
}

/// The value's text on its line, as Cursor sees it (a block list under the key is no
/// part of it: its lines are not `key: value` lines).
pub fn raw_value(v: &Node) -> String {
    match &v.kind {
        crate::syntax::NodeKind::Scalar { value, .. } => value.trim().to_string(),
        _ => String::new(),
    }
}

/// `a, b,c` -> `["a", "b", "c"]`; empty pieces dropped.
pub fn split_globs(raw: &str) -> Vec<String> {
    raw.split(',')
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(str::to_string)
        .collect()
}

/// A pattern holding `"`, `'`, `[` or `]` at an end: Cursor matches it literally.
fn is_dead(pattern: &str) -> bool {
    pattern.starts_with(['"', '\'', '[']) || pattern.ends_with(['"', '\'', ']'])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::syntax::{parse_as, Dialect};

    fn rule(yaml: &str) -> CursorRule {
        read(&parse_as(
            &format!("---\n{yaml}\n---\nBody\n"),
            Dialect::Cursor,
            &|_| true,
        ))
    }

    #[test]
    fn the_four_ways_a_rule_applies() {
        assert_eq!(
            rule("alwaysApply: true\nglobs: *.ts").activation,
            Activation::Always
        );
        assert_eq!(
            rule("globs: **/*.ts, src/*.js\nalwaysApply: false").globs,
            ["**/*.ts", "src/*.js"]
        );
        assert_eq!(
            rule("description: When testing\nglobs:").activation,
            Activation::Description
        );
        assert_eq!(
            rule("description:\nglobs:\nalwaysApply: false").activation,
            Activation::Manual
        );
    }

    #[test]
    fn quoted_and_listed_globs_match_nothing() {
        let r = rule("globs: \"**/*.ts\"");
        assert_eq!(r.dead_globs, ["\"**/*.ts\""]);
        assert!(!r.applies_automatically());
        let r = rule("globs: [\"a\", \"b\"]");
        assert_eq!(r.dead_globs.len(), 2);
        assert!(!r.applies_automatically());
        assert!(rule("globs: \"a\"\ndescription: d").applies_automatically());
        assert!(!rule("alwaysApply: \"true\"").always_apply);
    }
}
