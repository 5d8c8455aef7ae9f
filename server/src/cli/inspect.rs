//! `agent-lsp inspect FILE`: what Claude Code registers from one file, as JSON (field
//! names as in the corpus' EXPECTED.jsonl) or as a short text summary; with
//! `--all-tools`, how every tool that reads the file's path reads it.

use crate::analysis::file_kind::FileKind;
use crate::analysis::portability::{self, ToolView};
use crate::catalog::{self, Origin};
use crate::escape::escape;
use crate::loader::{self, tool_list::ToolList, Loaded};
use crate::settings::Settings;
use crate::syntax;
use serde_json::{json, Map, Value};
use std::path::Path;

pub fn report(path: &Path, text: &str, plugin: bool) -> Value {
    let catalog = catalog::claude_agent();
    let origin = if plugin {
        FileKind::plugin_agent(path).origin
    } else {
        Origin::Project
    };
    let fm = syntax::parse(text, &|k| catalog.key(k).is_some());
    let mut loaded = loader::load(&fm, &origin, catalog);
    loaded.skip = loader::size_skip(text.len()).or(loaded.skip);
    let keys = loader::top_level_keys(&fm);
    to_json(path, &loaded, &keys, plugin, &catalog.tool_version)
}

fn to_json(path: &Path, l: &Loaded, keys: &[String], plugin: bool, version: &str) -> Value {
    let mut m = Map::new();
    m.insert("file".into(), json!(path.display().to_string()));
    m.insert(
        "as".into(),
        json!(if plugin {
            "plugin agent"
        } else {
            "project agent"
        }),
    );
    m.insert("claudeCode".into(), json!(version));
    m.insert("frontmatter".into(), json!(l.mode.as_str()));
    m.insert("loads".into(), json!(l.loads()));
    if let Some(s) = l.skip {
        m.insert("why".into(), json!(s.as_str()));
    }
    m.insert("name".into(), json!(l.name));
    m.insert("description".into(), json!(l.description));
    m.insert(
        "tools".into(),
        match &l.tools {
            ToolList::All => json!("ALL"),
            ToolList::Some(v) => json!(v),
        },
    );
    m.insert("disallowedTools".into(), json!(l.disallowed_tools));
    m.insert("model".into(), json!(l.model));
    m.insert("color".into(), json!(l.color));
    m.insert("keys".into(), json!(keys));
    Value::Object(m)
}

/// The text form: one line per field.
pub fn render_text(v: &Value) -> String {
    let mut out = String::new();
    if let Value::Object(m) = v {
        for (k, val) in m {
            let shown = match val {
                // Each line of a multi-line value escaped on its own, then indented.
                Value::String(s) => s
                    .split('\n')
                    .map(|l| escape(l).into_owned())
                    .collect::<Vec<_>>()
                    .join("\n    "),
                Value::Null => "(none)".into(),
                other => escape(&other.to_string()).into_owned(),
            };
            out.push_str(&format!("{}: {shown}\n", escape(k)));
        }
    }
    out
}

/// `--all-tools`: the file's format and every format `also_read_as` names, each read by
/// its own tool's rules (`analysis::portability`).
pub fn all_tools(path: &Path, text: &str) -> Value {
    let kind = FileKind::from_path(path);
    let views = portability::views(text, &kind, Some(path), &Settings::default());
    json!({
        "file": path.display().to_string(),
        "tools": views.iter().map(view_json).collect::<Vec<_>>(),
    })
}

fn view_json(v: &ToolView) -> Value {
    let mut m = Map::new();
    m.insert("tool".into(), json!(v.tool));
    m.insert("version".into(), json!(v.version));
    m.insert("as".into(), json!(v.format));
    m.insert("loads".into(), json!(v.loads));
    if let Some(p) = &v.problem {
        m.insert("problem".into(), json!(p));
    }
    m.insert("name".into(), json!(v.name));
    m.insert("ignoredKeys".into(), json!(v.ignored_keys));
    if let Some(a) = &v.applies {
        m.insert("applies".into(), json!(a));
    }
    Value::Object(m)
}

/// The text form: one block per tool, side by side in reading order.
pub fn render_all_tools(v: &Value) -> String {
    let mut out = format!("{}\n", escape(v["file"].as_str().unwrap_or_default()));
    for t in v["tools"].as_array().map(Vec::as_slice).unwrap_or_default() {
        let s = |k: &str| escape(t[k].as_str().unwrap_or("(none)")).into_owned();
        let loads = match (t["loads"].as_bool(), t.get("applies")) {
            (_, Some(a)) => format!("applies: {}", escape(a.as_str().unwrap_or_default())),
            (Some(true), None) => "loads".to_string(),
            _ => "does not load".to_string(),
        };
        let ignored: Vec<String> = t["ignoredKeys"]
            .as_array()
            .map(|a| {
                a.iter()
                    .filter_map(Value::as_str)
                    .map(|k| escape(k).into_owned())
                    .collect()
            })
            .unwrap_or_default();
        out.push_str(&format!(
            "\n{} (as {}): {loads}\n",
            portability::label(&s("tool"), &s("version")),
            s("as")
        ));
        out.push_str(&format!("  name: {}\n", s("name")));
        let ignores = if ignored.is_empty() {
            "(none)".to_string()
        } else {
            ignored.join(", ")
        };
        out.push_str(&format!("  ignores: {ignores}\n"));
        if let Some(p) = t.get("problem").and_then(Value::as_str) {
            out.push_str(&format!("  because: {}\n", escape(p)));
        }
    }
    out
}
