//! Names in the configuration that agent-lsp does not know: a setting (the file or the
//! options are then not used, since `Config` refuses unknown fields) or a rule code in
//! `severity` / `disable` (that line changes nothing), each with the nearest known name.
//! `agent-lsp.toml` gets diagnostics with byte ranges; LSP options get messages naming
//! where the name is.

use crate::rules::{self, Rule};
use crate::rules::{Diagnostic, Severity};
use std::ops::Range;

/// The settings `Config` reads, in every spelling it accepts.
pub const KEYS: &[&str] = &[
    "tools",
    "models",
    "mcp_servers",
    "mcpServers",
    "mcp-servers",
    "severity",
    "disable",
    "overrides",
];
/// The settings that list names, as bare strings or `{ name, doc }` entries.
const NAME_LISTS: &[&str] = &[
    "tools",
    "models",
    "mcp_servers",
    "mcpServers",
    "mcp-servers",
];
/// The keys of a `{ name, doc }` entry.
const ENTRY_KEYS: &[&str] = &["name", "doc"];
/// The keys of an `[[overrides]]` entry.
const OVERRIDE_KEYS: &[&str] = &["paths", "severity", "disable"];

/// The configuration reduced to what is checked here: names and where they are written
/// (byte ranges in TOML; none in JSON).
enum Tree {
    Table(Vec<(String, Option<Range<usize>>, Tree)>),
    List(Vec<(Option<Range<usize>>, Tree)>),
    Str(String),
    Other,
}

/// An unknown name: where (its range, and the path of the table or list holding it) and
/// what to say.
struct Unknown {
    range: Option<Range<usize>>,
    path: String,
    rule: &'static Rule,
    severity: Severity,
    message: String,
}

/// The unknown names of `agent-lsp.toml`, as diagnostics on the file. TOML that does not
/// parse gives none: reading the file reports that.
pub fn check_toml(text: &str) -> Vec<Diagnostic> {
    let Ok(root) = toml::de::DeTable::parse(text) else {
        return Vec::new();
    };
    let tree = Tree::Table(toml_table(root.get_ref()));
    let mut found: Vec<Diagnostic> = unknown_names(&tree)
        .into_iter()
        .map(|u| {
            Diagnostic::new(u.range.unwrap_or(0..0), u.rule, u.message).with_severity(u.severity)
        })
        .collect();
    // The parsed tables are not in file order.
    found.sort_by_key(|d| d.range.start);
    found
}

/// An unknown name in the LSP options.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OptionProblem {
    /// Says the name, where it is, and the nearest known one.
    pub message: String,
    /// An unknown setting: `Config` refuses the options.
    pub fatal: bool,
}

/// The unknown names of LSP options (the object under `agentLsp` or the object itself).
pub fn check_json(value: &serde_json::Value) -> Vec<OptionProblem> {
    let (inner, prefix) = match (value.get("agentLsp"), value.get("agent-lsp")) {
        (Some(v), _) => (v, "agentLsp"),
        (None, Some(v)) => (v, "agent-lsp"),
        (None, None) => (value, ""),
    };
    unknown_names(&json_tree(inner))
        .into_iter()
        .map(|u| {
            let place = [prefix, u.path.as_str()]
                .into_iter()
                .filter(|p| !p.is_empty())
                .collect::<Vec<_>>()
                .join(".");
            let message = if place.is_empty() {
                u.message
            } else {
                format!("in `{place}`: {}", u.message)
            };
            OptionProblem {
                message,
                fatal: u.severity == Severity::Error,
            }
        })
        .collect()
}

fn toml_table(table: &toml::de::DeTable) -> Vec<(String, Option<Range<usize>>, Tree)> {
    table
        .iter()
        .map(|(k, v)| (k.get_ref().to_string(), Some(k.span()), toml_tree(v)))
        .collect()
}

fn toml_tree(value: &toml::Spanned<toml::de::DeValue>) -> Tree {
    match value.get_ref() {
        toml::de::DeValue::Table(t) => Tree::Table(toml_table(t)),
        toml::de::DeValue::Array(items) => Tree::List(
            items
                .iter()
                .map(|i| (Some(i.span()), toml_tree(i)))
                .collect(),
        ),
        toml::de::DeValue::String(s) => Tree::Str(s.to_string()),
        _ => Tree::Other,
    }
}

fn json_tree(value: &serde_json::Value) -> Tree {
    match value {
        serde_json::Value::Object(o) => Tree::Table(
            o.iter()
                .map(|(k, v)| (k.clone(), None, json_tree(v)))
                .collect(),
        ),
        serde_json::Value::Array(a) => Tree::List(a.iter().map(|v| (None, json_tree(v))).collect()),
        serde_json::Value::String(s) => Tree::Str(s.clone()),
        _ => Tree::Other,
    }
}

fn unknown_names(root: &Tree) -> Vec<Unknown> {
    let mut out = Vec::new();
    let Tree::Table(entries) = root else {
        return out;
    };
    for (key, at, value) in entries {
        if !KEYS.contains(&key.as_str()) {
            out.push(Unknown {
                range: at.clone(),
                path: String::new(),
                rule: rules::CONFIG_UNKNOWN_KEY,
                severity: Severity::Error,
                message: format!(
                    "`{key}` is not an agent-lsp setting{}: the configuration is not used until it is fixed (settings: tools, models, mcp_servers, severity, disable, overrides)",
                    hint(rules::closest(key, KEYS.iter().copied()))
                ),
            });
            continue;
        }
        match (key.as_str(), value) {
            ("severity" | "disable", codes) => out.extend(unknown_codes(key, codes, key)),
            ("overrides", Tree::List(items)) => {
                for (i, (_, item)) in items.iter().enumerate() {
                    out.extend(unknown_in_override(item, &format!("overrides.{i}")));
                }
            }
            (list, Tree::List(items)) if NAME_LISTS.contains(&list) => {
                for (i, (_, item)) in items.iter().enumerate() {
                    let Tree::Table(fields) = item else { continue };
                    for (field, at, _) in fields
                        .iter()
                        .filter(|f| !ENTRY_KEYS.contains(&f.0.as_str()))
                    {
                        out.push(Unknown {
                            range: at.clone(),
                            path: format!("{list}.{i}"),
                            rule: rules::CONFIG_UNKNOWN_KEY,
                            // Inside a name entry an unknown key is ignored, not fatal.
                            severity: Severity::Warning,
                            message: format!(
                                "`{field}` is not a key of a `{{ name, doc }}` entry{}: it is ignored",
                                hint(rules::closest(field, ENTRY_KEYS.iter().copied()))
                            ),
                        });
                    }
                }
            }
            _ => {}
        }
    }
    out
}

/// The unknown rule codes under `severity` (a table) or `disable` (a list).
fn unknown_codes(setting: &str, codes: &Tree, path: &str) -> Vec<Unknown> {
    let found: Vec<(&str, &Option<Range<usize>>)> = match (setting, codes) {
        ("severity", Tree::Table(codes)) => {
            codes.iter().map(|(c, at, _)| (c.as_str(), at)).collect()
        }
        ("disable", Tree::List(items)) => items
            .iter()
            .filter_map(|(at, item)| match item {
                Tree::Str(code) => Some((code.as_str(), at)),
                _ => None,
            })
            .collect(),
        _ => Vec::new(),
    };
    found
        .into_iter()
        .filter_map(|(code, at)| unknown_code(code, at, path))
        .collect()
}

/// What is unknown in one `[[overrides]]` entry: its keys (the configuration is then not
/// used, as for an unknown setting) and the rule codes it sets.
fn unknown_in_override(entry: &Tree, path: &str) -> Vec<Unknown> {
    let Tree::Table(keys) = entry else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for (key, at, value) in keys {
        if OVERRIDE_KEYS.contains(&key.as_str()) {
            out.extend(unknown_codes(key, value, &format!("{path}.{key}")));
            continue;
        }
        out.push(Unknown {
            range: at.clone(),
            path: path.to_string(),
            rule: rules::CONFIG_UNKNOWN_KEY,
            severity: Severity::Error,
            message: format!(
                "`{key}` is not a key of an `[[overrides]]` entry{}: the configuration is not used until it is fixed (keys: paths, severity, disable)",
                hint(rules::closest(key, OVERRIDE_KEYS.iter().copied()))
            ),
        });
    }
    out
}

fn unknown_code(code: &str, at: &Option<Range<usize>>, setting: &str) -> Option<Unknown> {
    if rules::get(code).is_some() {
        return None;
    }
    Some(Unknown {
        range: at.clone(),
        path: setting.to_string(),
        rule: rules::CONFIG_UNKNOWN_RULE,
        severity: rules::CONFIG_UNKNOWN_RULE.severity,
        message: format!(
            "`{code}` is not an agent-lsp rule{}: this setting changes nothing (`agent-lsp explain` lists the rules)",
            hint(rules::suggest(code))
        ),
    })
}

fn hint(suggestion: Option<&str>) -> String {
    suggestion
        .map(|s| format!(" (did you mean `{s}`?)"))
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::settings::Config;

    #[test]
    fn every_key_listed_is_one_config_reads() {
        for k in KEYS {
            let text = if *k == "severity" {
                "[severity]\n".to_string()
            } else {
                format!("{k} = []\n")
            };
            assert!(Config::from_toml(&text).is_ok(), "{k}");
            assert!(check_toml(&text).is_empty(), "{k}");
        }
        assert!(Config::from_toml("sevrity = {}\n").is_err());
    }

    #[test]
    fn unknown_names_in_toml_have_ranges_and_suggestions() {
        let text = "tools = [{ name = \"Deploy\", dco = \"x\" }]\ndisable = [\"name-styel\"]\n[severity]\n\"unknwon-tool\" = \"off\"\nmojibake = \"off\"\n[sevrity]\n";
        let found = check_toml(text);
        let shown: Vec<(&str, &str, &str)> = found
            .iter()
            .map(|d| (&text[d.range.clone()], d.code, d.severity.as_str()))
            .collect();
        assert_eq!(
            shown,
            [
                ("dco", "config-unknown-key", "warning"),
                ("\"name-styel\"", "config-unknown-rule", "warning"),
                ("\"unknwon-tool\"", "config-unknown-rule", "warning"),
                ("sevrity", "config-unknown-key", "error"),
            ]
        );
        assert!(found[0].message.contains("did you mean `doc`?"));
        assert!(found[1].message.contains("did you mean `name-style`?"));
        assert!(found[2].message.contains("did you mean `unknown-tool`?"));
        assert!(found[3].message.contains("did you mean `severity`?"));
        assert!(check_toml("not toml [").is_empty());
    }

    #[test]
    fn unknown_names_in_overrides_are_reported_like_the_top_level_ones() {
        let text = "[[overrides]]\npaths = [\"a/**\"]\ndisable = [\"mojibak\"]\nsevrity = {}\n[overrides.severity]\n\"tool-cas\" = \"off\"\n";
        let shown: Vec<(&str, &str, &str)> = check_toml(text)
            .iter()
            .map(|d| (&text[d.range.clone()], d.code, d.severity.as_str()))
            .collect();
        assert_eq!(
            shown,
            [
                ("\"mojibak\"", "config-unknown-rule", "warning"),
                ("sevrity", "config-unknown-key", "error"),
                ("\"tool-cas\"", "config-unknown-rule", "warning"),
            ]
        );
        let options = serde_json::json!({"overrides": [{"paths": [], "disable": ["x-y"]}]});
        let found = check_json(&options);
        assert!(
            found[0]
                .message
                .starts_with("in `overrides.0.disable`: `x-y`"),
            "{found:?}"
        );
    }

    #[test]
    fn unknown_names_in_lsp_options_say_where() {
        let options =
            serde_json::json!({"agentLsp": {"disabel": [], "severity": {"tool-cas": "off"}}});
        let found = check_json(&options);
        assert_eq!(
            found.iter().map(|u| u.fatal).collect::<Vec<_>>(),
            [true, false]
        );
        assert_eq!(
            found.into_iter().map(|u| u.message).collect::<Vec<_>>(),
            [
                "in `agentLsp`: `disabel` is not an agent-lsp setting (did you mean `disable`?): the configuration is not used until it is fixed (settings: tools, models, mcp_servers, severity, disable, overrides)",
                "in `agentLsp.severity`: `tool-cas` is not an agent-lsp rule (did you mean `tool-case`?): this setting changes nothing (`agent-lsp explain` lists the rules)",
            ]
        );
        assert!(check_json(&serde_json::json!({"models": ["x"]})).is_empty());
    }
}
