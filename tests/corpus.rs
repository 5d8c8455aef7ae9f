//! Agreement with the real loader: `inspect` on every Claude Code agent of the corpus
//! against EXPECTED.jsonl (field by field), and `check` never reporting an error on a
//! file Claude Code (or VS Code, for Copilot agents) loads.

use crate::support;

use agent_lsp::analysis::{self, file_kind::FileKind, Severity};
use agent_lsp::settings::Settings;
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Command;

pub fn corpus() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/corpus")
}

/// `agent-lsp inspect --format json` on a corpus file.
pub fn inspect(file: &str) -> Value {
    let out = Command::new(env!("CARGO_BIN_EXE_agent-lsp"))
        .args(["inspect", "--format", "json"])
        .arg(corpus().join(file))
        .output()
        .expect("run inspect");
    assert!(out.status.success(), "{file}: inspect failed");
    serde_json::from_slice(&out.stdout).expect("inspect JSON")
}

fn rows() -> Vec<Value> {
    let text = std::fs::read_to_string(corpus().join("EXPECTED.jsonl")).expect("EXPECTED.jsonl");
    text.lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(l).expect("row"))
        .collect()
}

#[test]
fn inspect_agrees_with_the_loader_on_every_file_and_field() {
    let rows = rows();
    assert!(
        rows.len() >= 189,
        "expected the whole corpus, got {} rows",
        rows.len()
    );
    let mut disagreements = Vec::new();
    for row in &rows {
        let file = row["file"].as_str().expect("file");
        let got = inspect(file);
        let mut fields = vec!["loads", "frontmatter"];
        if row["loads"] == true {
            fields.extend(["name", "description", "tools", "model", "color", "keys"]);
        }
        for f in fields {
            let want = row.get(f).cloned().unwrap_or(Value::Null);
            if got[f] != want {
                disagreements.push(format!("{file}: {f}: loader {want} vs ours {}", got[f]));
            }
        }
    }
    assert!(
        disagreements.is_empty(),
        "{} disagreements:\n{}",
        disagreements.len(),
        disagreements.join("\n")
    );
}

#[test]
fn no_error_on_any_claude_agent_that_loads_and_one_on_each_it_skips() {
    let mut wrong = Vec::new();
    for row in rows() {
        let file = row["file"].as_str().expect("file");
        let path = corpus().join(file);
        let text = support::read(&path);
        // The corpus lives outside .claude/agents: read each file as a project agent.
        let a = analysis::analyze(&text, &FileKind::claude_agent(), &Settings::default());
        let errors: Vec<_> = a
            .diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .collect();
        if row["loads"] == true && !errors.is_empty() {
            wrong.push(format!(
                "{file}: loads, but we report {:?}",
                errors.iter().map(|d| d.code).collect::<Vec<_>>()
            ));
        }
        if row["loads"] == false && row["frontmatter"] != "none" && errors.is_empty() {
            wrong.push(format!(
                "{file}: Claude Code skips it ({}), but we report no error",
                row["why"]
            ));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn no_error_on_any_copilot_agent() {
    let dir = corpus().join("copilot-agents");
    let mut wrong = Vec::new();
    let mut n = 0;
    for entry in std::fs::read_dir(&dir).expect("copilot-agents") {
        let path = entry.expect("entry").path();
        if !path.to_string_lossy().ends_with(".agent.md") {
            continue;
        }
        n += 1;
        let (_, a) = support::analyze_file(&path);
        for d in a
            .diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Error)
        {
            wrong.push(format!("{}: {} {}", path.display(), d.code, d.message));
        }
    }
    assert!(n > 200, "expected the Copilot corpus, found {n} files");
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn check_exit_status_and_json_shape() {
    let bin = env!("CARGO_BIN_EXE_agent-lsp");
    let skipped = corpus().join("loader-fixtures/f11-dash-name.md");
    let out = Command::new(bin)
        .args(["check", "--format", "json"])
        .arg(&skipped)
        .output()
        .expect("check");
    assert_eq!(out.status.code(), Some(1), "an error means exit status 1");
    let doc: Value = serde_json::from_slice(&out.stdout).expect("json");
    let d = &doc["files"][0]["diagnostics"][0];
    assert_eq!(d["severity"], "error");
    assert_eq!(d["code"], "name-leading-dash");
    assert_eq!(
        d["range"]["start"],
        serde_json::json!({"line": 2, "column": 7})
    );

    let loads = corpus().join("loader-fixtures/f03-block-literal.md");
    let out = Command::new(bin)
        .arg("check")
        .arg(&loads)
        .output()
        .expect("check");
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("1 of 1 agents load"), "{text}");
}

#[test]
fn check_walks_claude_agents_folders_only() {
    let root = std::env::temp_dir().join(format!("agent-lsp-walk-{}", std::process::id()));
    let agents = root.join("proj/.claude/agents/nested");
    std::fs::create_dir_all(&agents).expect("mkdir");
    std::fs::write(
        agents.join("a.md"),
        "---\nname: \"-x\"\ndescription: d\n---\nbody\n",
    )
    .expect("write");
    std::fs::write(root.join("proj/README.md"), "---\nname: \"-x\"\n---\n").expect("write");
    let out = Command::new(env!("CARGO_BIN_EXE_agent-lsp"))
        .arg("check")
        .arg(root.join("proj"))
        .output()
        .expect("check");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("error[name-leading-dash]") && text.contains("a.md:2:7\n"),
        "{text}"
    );
    assert!(!text.contains("README.md"), "{text}");
    assert!(text.contains("1 file checked"), "{text}");
    let _ = std::fs::remove_dir_all(root);
}
