//! The README's first command, `check examples`: what it prints is pinned, so the first
//! thing a new user sees stays real findings across formats.

use std::path::Path;
use std::process::Command;

fn check_examples(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_agent-lsp"))
        .arg("check")
        .arg("examples")
        .args(args)
        .current_dir(Path::new(env!("CARGO_MANIFEST_DIR")))
        .env("NO_COLOR", "1")
        .output()
        .expect("run check")
}

#[test]
fn check_examples_prints_findings_in_every_format() {
    let o = check_examples(&[]);
    assert_eq!(o.status.code(), Some(1), "the duplicate names are errors");
    insta::assert_snapshot!("check_examples", String::from_utf8_lossy(&o.stdout));
}

/// Every format is there, and the files meant to be clean are.
#[test]
fn the_example_workspace_has_every_format_and_clean_files() {
    let o = check_examples(&["--format", "json"]);
    let doc: serde_json::Value = serde_json::from_slice(&o.stdout).expect("JSON");
    let files = doc["files"].as_array().expect("files");
    let kinds: std::collections::BTreeSet<&str> =
        files.iter().filter_map(|f| f["kind"].as_str()).collect();
    assert!(kinds.len() >= 7, "{kinds:?}");
    for clean in [
        "code-reviewer.md",
        "pdf-tools/SKILL.md",
        "explain.prompt.md",
        "docs-writer.md",
    ] {
        let f = files
            .iter()
            .find(|f| f["file"].as_str().is_some_and(|p| p.ends_with(clean)))
            .unwrap_or_else(|| panic!("{clean} not checked"));
        let loud = f["diagnostics"]
            .as_array()
            .into_iter()
            .flatten()
            .filter(|d| d["severity"] == "error" || d["severity"] == "warning");
        assert_eq!(loud.count(), 0, "{clean}: {f:#}");
    }
}
