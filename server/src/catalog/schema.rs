//! Typed value schemas: what a key's value must be, as data in the catalogs. One generic
//! validator (`analysis::diagnostics::values`) reads them, so a value rule for any format
//! is a `value` (what the tool accepts) and an `invalid` text (what it does otherwise).

use super::KeySpec;
use serde::Deserialize;

/// What a key's value must be.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(tag = "kind", rename_all = "kebab-case", deny_unknown_fields)]
pub enum ValueSchema {
    /// A string, optionally limited in length (in characters).
    String {
        min_len: Option<usize>,
        max_len: Option<usize>,
    },
    /// A boolean. `strict`: only `true`/`false` (as booleans or strings), not `yes`, `on`,
    /// `1`; otherwise also those, in any case (Claude Code's commands and skills).
    Boolean {
        #[serde(default)]
        strict: bool,
        /// Only a YAML boolean: a string, even `"true"`, is refused (OpenCode's schema).
        #[serde(default)]
        typed: bool,
    },
    /// One of the key's `values` or `aliases`; its `removed_values` are reported with their
    /// replacement. `integers`: an integer (or a string of one) is accepted too.
    Enum {
        #[serde(default)]
        case_insensitive: bool,
        #[serde(default)]
        integers: bool,
        /// A `#RRGGBB` hex color is accepted too.
        #[serde(default)]
        hex_colors: bool,
    },
    /// An integer (or a string holding one) within the bounds.
    Integer {
        min: Option<i64>,
        max: Option<i64>,
        /// Only a YAML integer: a string holding one is refused (OpenCode's schema).
        #[serde(default)]
        typed: bool,
    },
    /// A number (integer or decimal), not a string holding one.
    Number,
    /// A mapping; with `values`, each of its values must be that.
    Mapping { values: Option<Box<ValueSchema>> },
    /// A YAML sequence, or with a `splitter` a string the tool splits into names.
    List {
        splitter: Option<Splitter>,
        /// An item may also be a one-key mapping `name: {…}`.
        #[serde(default)]
        mappings: bool,
        /// What an item must be and what the tool does with one that is not, for the
        /// message: "Each `key` item is {items}: {items_invalid}".
        items: Option<String>,
        items_invalid: Option<String>,
    },
}

/// How a tool splits a string into a list of names.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Splitter {
    /// Claude Code's: `,` or a space outside parentheses (`loader::tool_list`).
    ClaudeCode,
    /// `,` only (VS Code's tool lists).
    Comma,
}

impl KeySpec {
    /// The value's type for people: the catalog's `type`, or what the schema says.
    pub fn type_text(&self) -> String {
        if let Some(t) = &self.ty {
            return t.clone();
        }
        match &self.value {
            Some(ValueSchema::String { .. }) => "string".into(),
            Some(ValueSchema::Boolean { .. }) => "boolean".into(),
            Some(ValueSchema::Enum { integers: true, .. }) => "enum or integer".into(),
            Some(ValueSchema::Enum { .. }) => "enum".into(),
            Some(ValueSchema::Integer {
                min: Some(1),
                max: None,
                ..
            }) => "positive integer".into(),
            Some(ValueSchema::Integer {
                min: Some(lo),
                max: None,
                ..
            }) => format!("integer ≥ {lo}"),
            Some(ValueSchema::Integer { .. }) => "integer".into(),
            Some(ValueSchema::List {
                splitter: Some(_), ..
            }) => "string or list of strings".into(),
            Some(ValueSchema::List { .. }) => "list".into(),
            Some(ValueSchema::Number) => "number".into(),
            Some(ValueSchema::Mapping { values: Some(v) }) => {
                let inner = KeySpec {
                    ty: None,
                    value: Some((**v).clone()),
                    ..self.clone()
                };
                format!("mapping of names to {}", inner.type_text())
            }
            Some(ValueSchema::Mapping { values: None }) => "mapping".into(),
            None => "any".into(),
        }
    }

    /// Whether the value is a list of names (a YAML list or a string the tool splits).
    pub fn is_list(&self) -> bool {
        matches!(self.value, Some(ValueSchema::List { .. }))
    }

    /// The value `s` stands for when this key's enum accepts it (a value, or the value an
    /// alias names); None otherwise.
    pub fn enum_value(&self, s: &str) -> Option<&str> {
        let fold = matches!(
            self.value,
            Some(ValueSchema::Enum {
                case_insensitive: true,
                ..
            })
        );
        let same = |name: &str| {
            if fold {
                name.eq_ignore_ascii_case(s)
            } else {
                name == s
            }
        };
        let value = self.values.iter().find(|v| same(&v.name));
        let alias = self.aliases.iter().find(|a| same(&a.name));
        value
            .map(|v| v.name.as_str())
            .or(alias.map(|a| a.to.as_str()))
    }

    /// The snippet completion inserts: the catalog's, or for an enum a choice of its
    /// values (so the values are written once, in `values`).
    pub fn completion_snippet(&self) -> Option<String> {
        if let Some(s) = &self.snippet {
            return Some(s.clone());
        }
        let choice = matches!(
            self.value,
            Some(ValueSchema::Enum { .. } | ValueSchema::Boolean { .. })
        ) && !self.values.is_empty();
        choice.then(|| {
            let names: Vec<&str> = self.values.iter().map(|v| v.name.as_str()).collect();
            format!("${{1|{}|}}", names.join(","))
        })
    }
}
