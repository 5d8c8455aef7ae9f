//! Agreement with Claude Code 2.1.332 on the loader cases of
//! `tests/fixtures/loader-2.1.332/` (hooks in every shape, models): for each file, what the
//! real client did (EXPECTED.jsonl, recorded by `scripts/loader-fixtures.py record`)
//! against `inspect` and the diagnostics. The client itself is never run here.

use crate::support;

use agent_lsp::analysis::{self, file_kind::FileKind, Severity};
use agent_lsp::catalog;
use agent_lsp::settings::Settings;
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Command;

fn dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/loader-2.1.332")
}

/// The verdict rows (the first line names the client version).
fn rows() -> Vec<Value> {
    let text = support::read(&dir().join("EXPECTED.jsonl"));
    let mut lines = text.lines().filter(|l| !l.trim().is_empty());
    let head: Value = serde_json::from_str(lines.next().expect("header")).expect("header");
    assert_eq!(head["client"], "2.1.332", "recorded with another client");
    lines
        .map(|l| serde_json::from_str(l).expect("row"))
        .collect()
}

fn inspect(path: &Path) -> Value {
    let out = Command::new(env!("CARGO_BIN_EXE_agent-lsp"))
        .args(["inspect", "--format", "json"])
        .arg(path)
        .output()
        .expect("run inspect");
    assert!(out.status.success(), "{}: inspect failed", path.display());
    serde_json::from_slice(&out.stdout).expect("inspect JSON")
}

/// Whether the client logged that it dropped part of the hooks and loaded the rest.
fn client_dropped_hooks(row: &Value) -> bool {
    row["log"]
        .as_array()
        .into_iter()
        .flatten()
        .any(|l| l.as_str().is_some_and(|l| l.contains("; entry ignored")))
}

/// Disagreements on one row: loading, severities that follow it, dropped entries, models.
fn disagreements(row: &Value) -> Vec<String> {
    let file = row["file"].as_str().expect("file");
    let path = dir().join(file);
    let mut wrong = Vec::new();
    let got = inspect(&path);
    if got["loads"] != row["loads"] {
        wrong.push(format!(
            "loads: client {} vs inspect {}",
            row["loads"], got["loads"]
        ));
    }
    let text = support::read(&path);
    let a = analysis::analyze(&text, &FileKind::claude_agent(), &Settings::default());
    let codes = |sev: Severity| -> Vec<&str> {
        a.diagnostics
            .iter()
            .filter(|d| d.severity == sev)
            .map(|d| d.code)
            .collect()
    };
    let errors = codes(Severity::Error);
    if row["loads"] == true && !errors.is_empty() {
        wrong.push(format!(
            "the client loads it, but we report errors {errors:?}"
        ));
    }
    if row["loads"] == false && errors.is_empty() {
        wrong.push("the client skips it, but we report no error".into());
    }
    let warned = codes(Severity::Warning)
        .iter()
        .any(|c| matches!(*c, "hook-entry-dropped" | "hook-event-unknown"));
    if row["loads"] == true && client_dropped_hooks(row) != warned {
        wrong.push(format!(
            "client dropped hook entries: {}, we warn about dropped entries: {warned}",
            client_dropped_hooks(row)
        ));
    }
    if let Some(unknown) = row["model_unknown_warning"].as_bool() {
        let ours = codes(Severity::Info).contains(&"model-unknown");
        if unknown != ours {
            wrong.push(format!("model unknown: client {unknown} vs ours {ours}"));
        }
        wrong.extend(alias_resolution(&got, row));
    }
    wrong.into_iter().map(|w| format!("{file}: {w}")).collect()
}

/// An alias the catalog says resolves to one model ID must resolve to the client's.
fn alias_resolution(got: &Value, row: &Value) -> Option<String> {
    let alias = got["model"].as_str()?;
    let spec = catalog::claude_agent().model(alias)?;
    let to = spec.resolves_to.as_deref().filter(|t| !t.contains(' '))?;
    let client = row["resolved_model"].as_str()?;
    (to != client).then(|| format!("`{alias}` resolves to {client}, the catalog says {to}"))
}

#[test]
fn agent_lsp_agrees_with_claude_code_2_1_332_on_every_loader_case() {
    let rows = rows();
    assert!(
        rows.len() >= 190,
        "expected every case, got {} rows",
        rows.len()
    );
    let wrong: Vec<String> = rows.iter().flat_map(disagreements).collect();
    assert!(
        wrong.is_empty(),
        "{} disagreements:\n{}",
        wrong.len(),
        wrong.join("\n")
    );
}

/// Skills and commands load whatever their hooks: a hook the client refuses (an ERROR in
/// its log) is a warning that they lose their hooks and allowed-tools; a dropped entry
/// (`entry ignored`) a warning of its own; no error either way.
fn skill_disagreements(row: &Value) -> Vec<String> {
    let file = row["file"].as_str().expect("file");
    let text = support::read(&dir().join(file));
    let path = Path::new("/project/.claude").join(file);
    let a = analysis::analyze(&text, &FileKind::from_path(&path), &Settings::default());
    let has = |codes: &[&str]| a.diagnostics.iter().any(|d| codes.contains(&d.code));
    let logged = |what: &str| {
        row["log"]
            .as_array()
            .into_iter()
            .flatten()
            .any(|l| l.as_str().is_some_and(|l| l.contains(what)))
    };
    let mut wrong = Vec::new();
    if row["loaded"] != true {
        wrong.push("the client does not load it".to_string());
    }
    if a.diagnostics.iter().any(|d| d.severity == Severity::Error) {
        wrong.push("we report an error on a file the client loads".into());
    }
    let refused = has(&["hooks-invalid", "hook-event-top-level", "hooks-misplaced"]);
    if logged("[ERROR]") != refused {
        wrong.push(format!(
            "client refused its hooks: {}, we warn so: {refused}",
            logged("[ERROR]")
        ));
    }
    let dropped = has(&["hook-entry-dropped", "hook-event-unknown"]);
    if logged("entry ignored") != dropped {
        wrong.push(format!(
            "client dropped an entry: {}, we warn so: {dropped}",
            logged("entry ignored")
        ));
    }
    wrong.into_iter().map(|w| format!("{file}: {w}")).collect()
}

#[test]
fn agent_lsp_agrees_with_claude_code_2_1_332_on_skill_and_command_hooks() {
    let text = support::read(&dir().join("EXPECTED-skills.jsonl"));
    let rows: Vec<Value> = text
        .lines()
        .skip(1)
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(l).expect("row"))
        .collect();
    assert!(
        rows.len() >= 20,
        "expected every case, got {} rows",
        rows.len()
    );
    let wrong: Vec<String> = rows.iter().flat_map(skill_disagreements).collect();
    assert!(
        wrong.is_empty(),
        "{} disagreements:\n{}",
        wrong.len(),
        wrong.join("\n")
    );
}
