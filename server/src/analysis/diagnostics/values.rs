//! The one value validator: checks a value against its key's schema in the catalog
//! (`catalog::ValueSchema`), and values drawn from the workspace (models, MCP servers)
//! against what the catalog and the workspace know. A key is validated only when its
//! catalog entry says what the tool does with a bad value (`invalid`).

use super::Context;
use crate::analysis::limits::Sink;
use crate::analysis::suggest::closest;
use crate::analysis::{Diagnostic, Edit};
use crate::catalog::{Catalog, KeySpec, Source, ValueSchema};
use crate::loader::tool_list::js_trim;
use crate::rules;
use crate::settings::Settings;
use crate::syntax::{Node, Value};

/// Every value whose key the catalog knows, against the key's schema, in any format.
pub fn check_all(cx: &Context, out: &mut Sink) {
    let from = out.mark();
    // A frontmatter the tool cannot read gives it no values to refuse.
    let entries = cx
        .fm
        .loader_root()
        .and_then(|r| r.entries())
        .unwrap_or_default();
    for e in entries {
        if let Some(spec) = e.key.as_str().and_then(|k| cx.catalog.key(k)) {
            check(spec, &e.value, cx.catalog, cx.settings, out);
        }
    }
    // A tool that refuses the whole file (or configuration) over a bad value says so in
    // its catalog (OpenCode).
    if let Some(severity) = cx.catalog.invalid_severity {
        for d in out.since(from) {
            if d.code == rules::INVALID_VALUE.code {
                d.severity = severity;
            }
        }
    }
}

/// Checks the value `v` of `key`.
pub fn check(key: &KeySpec, v: &Node, catalog: &Catalog, settings: &Settings, out: &mut Sink) {
    let (Some(schema), Some(consequence)) = (&key.value, &key.invalid) else {
        return;
    };
    if v.is_null() {
        return;
    }
    let k = key.name.as_str();
    match schema {
        ValueSchema::Enum {
            integers,
            hex_colors,
            ..
        } => enum_value(key, v, (*integers, *hex_colors), consequence, out),
        ValueSchema::Number => {
            if !matches!(v.scalar(), Some(Value::Int(_) | Value::Float(_))) {
                wrong_type(v, k, "a number", consequence, out);
            }
        }
        ValueSchema::Mapping { values } => {
            mapping(key, v, values.as_deref(), (catalog, settings), out)
        }
        ValueSchema::Boolean { strict, typed } => {
            if !boolean(v, *strict, *typed) {
                let rule = if *typed {
                    "only an unquoted `true` or `false` is accepted; "
                } else if *strict {
                    "only `true` or `false` are accepted (not yes/on/1); "
                } else {
                    "it must be true or false; "
                };
                let msg = format!("{rule}{consequence}");
                invalid(v, k, &msg, &["true", "false"], out);
            }
        }
        ValueSchema::Integer { min, max, typed } => {
            let n = integer(v, *typed);
            if n.is_none_or(|n| min.is_some_and(|m| n < m) || max.is_some_and(|m| n > m)) {
                let msg = format!("it must be {}; {consequence}", integer_bounds(*min, *max));
                invalid(v, k, &msg, &[], out);
            }
        }
        ValueSchema::String { min_len, max_len } => {
            let Some(s) = v.as_str() else {
                return wrong_type(v, k, "a string", consequence, out);
            };
            let len = s.chars().count();
            if min_len.is_some_and(|m| len < m) || max_len.is_some_and(|m| len > m) {
                let bounds = length_bounds(*min_len, *max_len);
                let msg =
                    format!("`{k}` is {len} characters long; it must be {bounds}: {consequence}");
                out.push(Diagnostic::new(v.span.clone(), rules::INVALID_VALUE, msg));
            } else if key.values_from == Some(Source::Models) {
                model(v, js_trim(s), catalog, settings, out);
            }
        }
        ValueSchema::List {
            splitter,
            mappings,
            items,
            items_invalid,
        } => {
            let Some(list) = v.items() else {
                if splitter.is_none() || v.as_str().is_none() {
                    wrong_type(v, k, "a list", consequence, out);
                }
                return;
            };
            let mut servers = super::tools::Servers::new(settings);
            for item in list {
                if let (Some(name), Some(Source::McpServers)) = (item.as_str(), key.values_from) {
                    servers.check(name, item.span.clone(), out);
                }
                let ok = item.as_str().is_some_and(|s| !s.is_empty())
                    || (*mappings && one_key_mapping(item));
                let room = !ok
                    && items.is_some()
                    && items_invalid.is_some()
                    && out.room(rules::INVALID_VALUE, item.span.start);
                if let (true, Some(items), Some(then)) = (room, items, items_invalid) {
                    let msg = format!("Each `{k}` item is {items}: {then}");
                    out.push(Diagnostic::new(
                        item.span.clone(),
                        rules::INVALID_VALUE,
                        msg,
                    ));
                }
            }
        }
    }
}

/// A mapping, each of whose values (when the schema says) is checked as a key of its own.
fn mapping(
    key: &KeySpec,
    v: &Node,
    values: Option<&ValueSchema>,
    (catalog, settings): (&Catalog, &Settings),
    out: &mut Sink,
) {
    let consequence = key.invalid.as_deref().unwrap_or_default();
    let Some(entries) = v.entries() else {
        return wrong_type(v, &key.name, "a mapping", consequence, out);
    };
    let Some(inner) = values else { return };
    for e in entries {
        let name = e.key.as_str().unwrap_or("?");
        let item = KeySpec {
            name: format!("{}.{name}", key.name),
            value: Some(inner.clone()),
            values: Vec::new(),
            ..key.clone()
        };
        if e.value.is_null() {
            wrong_type(&e.value, &item.name, "a value", consequence, out);
        } else {
            check(&item, &e.value, catalog, settings, out);
        }
    }
}

/// `name: {…}`: a mapping with one key whose value is a mapping.
fn one_key_mapping(item: &Node) -> bool {
    item.entries()
        .is_some_and(|es| es.len() == 1 && es[0].value.entries().is_some())
}

fn enum_value(
    key: &KeySpec,
    v: &Node,
    (integers, hex_colors): (bool, bool),
    consequence: &str,
    out: &mut Sink,
) {
    let k = key.name.as_str();
    let valid: Vec<&str> = key.values.iter().map(|x| x.name.as_str()).collect();
    let ok = match v.scalar() {
        Some(Value::Int(_)) => integers,
        Some(Value::Str(s)) => {
            key.enum_value(s).is_some()
                || (integers && s.parse::<i64>().is_ok())
                || (hex_colors && is_hex_color(s))
        }
        _ => false,
    };
    if ok {
        return;
    }
    if let Some(r) = v
        .as_str()
        .and_then(|s| key.removed_values.iter().find(|r| r.name == s))
    {
        let since = r
            .since
            .as_deref()
            .map(|s| format!(" (since {s})"))
            .unwrap_or_default();
        let msg = format!(
            "`{}` is no longer a valid `{k}`{since}: {consequence}. Use `{}`",
            r.name, r.instead
        );
        let fix = Edit {
            range: v.span.clone(),
            new_text: r.instead.clone(),
        };
        let d = Diagnostic::new(v.span.clone(), rules::INVALID_VALUE, msg);
        out.push(d.with_fix(format!("Change to `{}`", r.instead), vec![fix], false));
        return;
    }
    let also = if integers {
        " (an integer is also accepted)"
    } else {
        ""
    };
    invalid(v, k, &format!("{consequence}{also}"), &valid, out);
}

/// "`x` is not a valid `key`: {why}. Valid: …", with the closest valid value as a fix.
fn invalid(node: &Node, key: &str, why: &str, valid: &[&str], out: &mut Sink) {
    let shown = shown(node);
    let mut msg = format!("`{shown}` is not a valid `{key}`: {why}");
    if !valid.is_empty() {
        msg.push_str(&format!(". Valid: {}", valid.join(", ")));
    }
    let mut d = Diagnostic::new(node.span.clone(), rules::INVALID_VALUE, msg);
    if let Some(s) = closest(&shown, valid.iter().copied(), 3) {
        d = d.with_fix(
            format!("Change to `{s}`"),
            vec![Edit {
                range: node.span.clone(),
                new_text: s.to_string(),
            }],
            false,
        );
    }
    out.push(d);
}

fn wrong_type(v: &Node, key: &str, what: &str, consequence: &str, out: &mut Sink) {
    let msg = format!(
        "`{key}` must be {what}, not a {}: {consequence}",
        v.describe()
    );
    out.push(Diagnostic::new(v.span.clone(), rules::INVALID_VALUE, msg));
}

/// How a scalar looks in messages.
fn shown(node: &Node) -> String {
    match node.scalar() {
        Some(Value::Str(s)) => s.to_string(),
        Some(Value::Int(i)) => i.to_string(),
        Some(Value::Float(f)) => f.to_string(),
        Some(Value::Bool(b)) => b.to_string(),
        Some(Value::Null) => "null".into(),
        None => format!("a {}", node.describe()),
    }
}

/// `#RRGGBB`.
fn is_hex_color(s: &str) -> bool {
    s.strip_prefix('#')
        .is_some_and(|h| h.len() == 6 && h.bytes().all(|b| b.is_ascii_hexdigit()))
}

/// A YAML boolean or, as the tools accept them, its string forms (none when `typed`).
fn boolean(v: &Node, strict: bool, typed: bool) -> bool {
    match v.scalar() {
        Some(Value::Bool(_)) => true,
        _ if typed => false,
        Some(Value::Str(s)) if strict => matches!(s, "true" | "false"),
        Some(Value::Str(s)) => ["true", "false", "yes", "no", "on", "off", "1", "0"]
            .iter()
            .any(|b| b.eq_ignore_ascii_case(s)),
        Some(Value::Int(0 | 1)) => !strict,
        _ => false,
    }
}

/// An integer, or (unless `typed`) a string holding one (the loaders read both).
fn integer(node: &Node, typed: bool) -> Option<i64> {
    match node.scalar()? {
        Value::Int(i) => Some(i),
        Value::Str(s) if !typed => s.trim().parse().ok(),
        _ => None,
    }
}

fn integer_bounds(min: Option<i64>, max: Option<i64>) -> String {
    match (min, max) {
        (Some(1), None) => "a positive integer".to_string(),
        (Some(lo), None) => format!("an integer of at least {lo}"),
        (None, Some(hi)) => format!("an integer of at most {hi}"),
        (Some(lo), Some(hi)) => format!("an integer from {lo} to {hi}"),
        (None, None) => "an integer".to_string(),
    }
}

fn length_bounds(min: Option<usize>, max: Option<usize>) -> String {
    match (min, max) {
        (Some(lo), Some(hi)) => format!("{lo} to {hi} characters"),
        (Some(lo), None) => format!("at least {lo} characters"),
        (_, Some(hi)) => format!("at most {hi} characters"),
        (None, None) => "any length".to_string(),
    }
}

/// A model the catalog or the workspace knows, or a full ID of a known family or in a
/// cloud provider's form (the catalog's `model_id_forms`).
fn model(v: &Node, m: &str, catalog: &Catalog, settings: &Settings, out: &mut Sink) {
    if m.is_empty()
        || catalog.model(m).is_some()
        || settings.model(m).is_some()
        || catalog.is_known_model_id(m)
        || catalog.is_provider_model_id(m)
    {
        return;
    }
    let names: Vec<&str> = catalog
        .models
        .iter()
        .map(|x| x.name.as_str())
        .chain(settings.models.iter().map(|x| x.name.as_str()))
        .collect();
    let runs = if catalog.loader.is_some() {
        "the agent runs"
    } else {
        "it runs"
    };
    let msg = format!(
        "`{m}` is not a model alias or ID {} {} knows: it is passed through unchanged and may fail when {runs}",
        catalog.for_tool, catalog.tool_version
    );
    let mut d = Diagnostic::new(v.span.clone(), rules::MODEL_UNKNOWN, msg);
    if let Some(s) = closest(m, names.iter().copied(), 2) {
        d = d.with_fix(
            format!("Change to `{s}`"),
            vec![Edit {
                range: v.span.clone(),
                new_text: s.to_string(),
            }],
            false,
        );
    }
    out.push(d);
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The messages `check` gives for `yaml` (one `k: …` line) under the key `spec`.
    fn messages(spec: &str, yaml: &str) -> Vec<String> {
        let key: KeySpec =
            toml::from_str(&format!("name = \"k\"\ntype = \"t\"\ndoc = \"d\"\n{spec}"))
                .expect("a key spec");
        let text = format!("---\n{yaml}\n---\n");
        let fm = crate::syntax::parse(&text, &|_| true);
        let catalog = crate::catalog::claude_agent();
        let settings = Settings::default();
        let format = crate::analysis::file_kind::FileKind::claude_agent().format;
        let mut out = Sink::new(format, &settings, None, Default::default());
        for e in fm.entries() {
            check(&key, &e.value, catalog, &settings, &mut out);
        }
        out.finish().0.into_iter().map(|d| d.message).collect()
    }

    #[test]
    fn strings_within_their_length_limits() {
        let spec = "value = { kind = \"string\", max_len = 5 }\ninvalid = \"the tool cuts it\"";
        assert!(messages(spec, "k: short").is_empty());
        assert_eq!(
            messages(spec, "k: too long"),
            ["`k` is 8 characters long; it must be at most 5 characters: the tool cuts it"]
        );
        assert_eq!(
            messages(spec, "k: [a]"),
            ["`k` must be a string, not a list: the tool cuts it"]
        );
    }

    #[test]
    fn enums_with_aliases_and_removed_values() {
        let spec = r#"value = { kind = "enum" }
invalid = "the tool ignores it"
values = [ { name = "new", doc = "d" }, { name = "other", doc = "d" } ]
aliases = [ { name = "fresh", to = "new" } ]
removed_values = [ { name = "old", instead = "new", since = "2.0" } ]"#;
        assert!(messages(spec, "k: new").is_empty());
        assert!(messages(spec, "k: fresh").is_empty());
        assert_eq!(
            messages(spec, "k: old"),
            ["`old` is no longer a valid `k` (since 2.0): the tool ignores it. Use `new`"]
        );
        assert_eq!(
            messages(spec, "k: nwe"),
            ["`nwe` is not a valid `k`: the tool ignores it. Valid: new, other"]
        );
    }

    #[test]
    fn loose_booleans_and_bounded_integers() {
        let loose = "value = { kind = \"boolean\" }\ninvalid = \"it counts as false\"";
        assert!(messages(loose, "k: Yes").is_empty());
        assert_eq!(
            messages(loose, "k: maybe"),
            ["`maybe` is not a valid `k`: it must be true or false; it counts as false. Valid: true, false"]
        );
        let bounded = "value = { kind = \"integer\", min = 1, max = 4 }\ninvalid = \"ignored\"";
        assert!(messages(bounded, "k: \"3\"").is_empty());
        assert_eq!(
            messages(bounded, "k: 5"),
            ["`5` is not a valid `k`: it must be an integer from 1 to 4; ignored"]
        );
    }

    #[test]
    fn keys_without_a_consequence_are_not_checked() {
        assert!(messages("value = { kind = \"integer\" }", "k: many").is_empty());
    }
}
