//! `agent-lsp inspect FILE`: what Claude Code registers from one file, as JSON (field
//! names as in the corpus' EXPECTED.jsonl) or as a short text summary.

use crate::analysis::file_kind::FileKind;
use crate::catalog::{self, Origin};
use crate::escape::escape;
use crate::loader::{self, tool_list::ToolList, Loaded};
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
    to_json(path, &loaded, plugin, &catalog.tool_version)
}

fn to_json(path: &Path, l: &Loaded, plugin: bool, version: &str) -> Value {
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
    m.insert("keys".into(), json!(l.keys));
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
