//! What the real client resolves for each corpus agent (`tests/fixtures/corpus/
//! RESOLVED.jsonl`, recorded by `scripts/corpus-resolved.py` with Claude Code 2.1.332 run
//! as `claude --agent NAME`): `inspect`'s model and tools, resolved through the catalog,
//! must give the client's.
//!
//! The client resolves for the session it runs in, recorded in the file's first line:
//! an agent without `model` (or with `inherit`) gets the session's default model, and
//! the tools are the declared ones the main thread's pool holds (`all_tools`, what an
//! agent without `tools` gets). In that session Glob and Grep are served by Bash's
//! embedded search: listed beside `Bash` they are not separate tools.

use crate::corpus::{corpus, inspect};
use agent_lsp::catalog::{self, ToolName};
use serde_json::Value;
use std::collections::BTreeSet;

/// The catalog's tool a name in `tools:` grants (`Agent(worker)` is `Agent`, legacy
/// names are their tool), None when the client knows no such tool.
fn granted(name: &str) -> Option<String> {
    let base = name.split('(').next().unwrap_or(name);
    match catalog::claude_agent().tool(base) {
        ToolName::Known(t) => Some(t.name.clone()),
        ToolName::Alias { to } => Some(to.to_string()),
        _ => None,
    }
}

fn granted_set<'a>(names: impl Iterator<Item = &'a str>) -> BTreeSet<String> {
    names.filter_map(granted).collect()
}

/// The model the client runs for `declared` (an alias resolves as the catalog says, an
/// ID is used as written).
fn resolved_model(declared: Option<&str>, default: &str) -> String {
    match declared {
        None | Some("inherit") => default.to_string(),
        Some(m) => catalog::claude_agent()
            .model(m)
            .and_then(|spec| spec.resolves_to.clone())
            .unwrap_or_else(|| m.to_string()),
    }
}

/// The tools the client resolves, from `inspect`'s `tools` (null: every tool).
fn resolved_tools(declared: &Value, session: &Value) -> BTreeSet<String> {
    let pool = session["all_tools"].as_array().expect("all_tools");
    let mut pool = granted_set(pool.iter().filter_map(Value::as_str));
    let Some(names) = declared.as_array() else {
        return pool;
    };
    let declared = granted_set(names.iter().filter_map(Value::as_str));
    if !declared.contains("Bash") {
        pool.extend(["Glob".to_string(), "Grep".to_string()]);
    }
    declared.intersection(&pool).cloned().collect()
}

#[test]
fn inspect_resolves_tools_and_model_as_the_client_did() {
    let text = std::fs::read_to_string(corpus().join("RESOLVED.jsonl")).expect("RESOLVED.jsonl");
    let mut rows = text
        .lines()
        .map(|l| serde_json::from_str::<Value>(l).expect("row"));
    let session = rows.next().expect("session line");
    let default = session["default_model"].as_str().expect("default_model");
    let mut wrong = Vec::new();
    let mut checked = 0;
    for row in rows {
        let file = row["file"].as_str().expect("file");
        let got = inspect(file);
        let model = resolved_model(got["model"].as_str(), default);
        if row["model"].as_str() != Some(model.as_str()) {
            wrong.push(format!(
                "{file}: model {model}, the client {}",
                row["model"]
            ));
        }
        let tools = resolved_tools(&got["tools"], &session);
        let client: Vec<&str> = row["tools"]
            .as_array()
            .expect("tools")
            .iter()
            .filter_map(Value::as_str)
            .collect();
        if let Some(t) = client.iter().find(|t| granted(t).is_none()) {
            wrong.push(format!(
                "{file}: the client's tool {t} is not in the catalog"
            ));
        }
        let client = granted_set(client.into_iter());
        if tools != client {
            wrong.push(format!("{file}: tools {tools:?}, the client {client:?}"));
        }
        checked += 1;
    }
    assert!(checked >= 170, "only {checked} rows");
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}
