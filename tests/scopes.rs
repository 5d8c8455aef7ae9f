//! One agent name in several scopes (project, user, built-in): `agent-shadows` is said on
//! the file the real client uses, as recorded in tests/fixtures/workspace/scopes/.

use crate::support::disk::{run_cli, Tree};
use serde_json::Value;
use std::time::Duration;

const LIMIT: Duration = Duration::from_secs(30);
const CODE: &str = "info[agent-shadows]";

/// The short model name a resolved model ID stands for (`claude-haiku-5-5` -> `haiku`).
fn alias(model: &str) -> &str {
    ["haiku", "sonnet", "opus"]
        .into_iter()
        .find(|a| model.contains(a))
        .unwrap_or(model)
}

#[test]
fn the_file_the_client_uses_says_what_it_replaces() {
    let expected = crate::support::read(std::path::Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/workspace/scopes/EXPECTED.jsonl"
    )));
    for line in expected.lines() {
        let case: Value = serde_json::from_str(line).expect("json");
        let name = case["agent"].as_str().expect("agent");
        let winner = alias(case["model"].as_str().expect("model"));
        let (project, home) = (Tree::new("scope-project"), Tree::new("scope-home"));
        project.mkdir(".git");
        let user = home.path(".claude");
        let env = [("CLAUDE_CONFIG_DIR", user.to_str().expect("utf-8"))];
        let files = case["files"].as_object().expect("files");
        let mut paths = Vec::new();
        for (rel, model) in files {
            let (scope, base) = rel.split_once('/').expect("scope/file");
            let tree = if scope == "project" { &project } else { &home };
            let text = format!(
                "---\nname: {name}\ndescription: d\nmodel: {}\n---\nBody.\n",
                model.as_str().unwrap_or_default()
            );
            paths.push((
                tree.write(&format!(".claude/agents/{base}"), &text),
                model.as_str() == Some(winner),
            ));
        }
        for (path, wins) in paths {
            let out = run_cli(
                &["check", path.to_str().expect("utf-8")],
                &project.0,
                &env,
                LIMIT,
            );
            let stdout = String::from_utf8_lossy(&out.stdout);
            assert_eq!(
                stdout.contains(CODE),
                wins,
                "{}: {}: {stdout}",
                case["case"],
                path.display()
            );
        }
    }
}
