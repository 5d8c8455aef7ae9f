//! `check`'s output formats, as the real binary prints them on a small workspace of every
//! format (`tests/outputs/workspace/`): text, JSON (fixes with their edits), SARIF 2.1.0
//! (validated by Microsoft's SARIF multitool in `.ci/run`, not here) and GitHub workflow
//! commands; and the exit status of `--strict`, `--min-severity` and an empty folder.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/outputs/workspace")
}

/// `agent-lsp check ARGS` run in `dir`, with no path: every format below it.
fn check_in(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_agent-lsp"))
        .arg("check")
        .args(args)
        .current_dir(dir)
        .env_remove("NO_COLOR")
        .output()
        .expect("run check")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

#[test]
fn text_output() {
    let o = check_in(&workspace(), &[]);
    assert_eq!(o.status.code(), Some(1), "an agent does not load");
    insta::assert_snapshot!("check_text", stdout(&o));
}

#[test]
fn json_output_carries_each_fix_s_edits() {
    let o = check_in(&workspace(), &["--format", "json"]);
    assert_eq!(o.status.code(), Some(1));
    insta::assert_snapshot!("check_json", stdout(&o));
}

#[test]
fn sarif_output() {
    let o = check_in(&workspace(), &["--format", "sarif"]);
    assert_eq!(o.status.code(), Some(1));
    let log: serde_json::Value = serde_json::from_slice(&o.stdout).expect("SARIF is JSON");
    assert_eq!(log["version"], "2.1.0");
    assert_eq!(log["runs"][0]["columnKind"], "utf16CodeUnits");
    // The rules are the registry's, in its order; the snapshot shows the results.
    let rules = log["runs"][0]["tool"]["driver"]["rules"]
        .as_array()
        .expect("rules");
    assert_eq!(rules.len(), agent_lsp::rules::ALL.len());
    insta::assert_json_snapshot!("check_sarif_results", log["runs"][0]["results"]);
    insta::assert_json_snapshot!("check_sarif_first_rule", rules[0]);
}

#[test]
fn github_output() {
    let o = check_in(&workspace(), &["--format", "github"]);
    assert_eq!(o.status.code(), Some(1));
    insta::assert_snapshot!("check_github", stdout(&o));
}

#[test]
fn exit_status_follows_min_severity_strict_and_allow_empty() {
    // Only the clean agent and the prompt: warnings, no error.
    let prompts = workspace().join(".github");
    assert_eq!(check_in(&prompts, &[]).status.code(), Some(0));
    assert_eq!(check_in(&prompts, &["--strict"]).status.code(), Some(1));
    let errors_only = check_in(&prompts, &["--min-severity", "error"]);
    assert!(!stdout(&errors_only).contains("duplicate-key"));
    // Hints only when asked for.
    let hints = stdout(&check_in(&workspace(), &["--min-severity=hint"]));
    assert!(hints.contains("hint[description-style]"), "{hints}");
    assert!(!stdout(&check_in(&workspace(), &[])).contains("hint["));
    // --quiet: errors and the summary; --color always colors even off a terminal.
    let quiet = stdout(&check_in(&workspace(), &["--quiet"]));
    let headers = quiet.lines().filter(|l| l.contains("]: ")).count();
    assert_eq!(headers, 1, "{quiet}");
    assert!(quiet.contains("error[name-missing]"), "{quiet}");
    let colored = stdout(&check_in(&workspace(), &["--color", "always"]));
    assert!(colored.contains("\x1b[1m\x1b[91merror["), "{colored}");
    assert!(!stdout(&check_in(&workspace(), &["--color=never"])).contains('\x1b'));
    let empty = std::env::temp_dir().join(format!("agent-lsp-empty-{}", std::process::id()));
    std::fs::create_dir_all(&empty).expect("mkdir");
    let none = check_in(&empty, &[]);
    assert_eq!(none.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&none.stderr).contains("no file to check"));
    assert_eq!(check_in(&empty, &["--allow-empty"]).status.code(), Some(0));
    assert_eq!(
        check_in(&empty, &["--format", "yaml"]).status.code(),
        Some(2)
    );
    let _ = std::fs::remove_dir_all(&empty);
}

/// `[[overrides]]` in `agent-lsp.toml`: levels for the files their globs select, relative
/// to the configuration's folder; a bad glob makes the configuration unusable, said once.
#[test]
fn overrides_set_levels_per_path() {
    let root = std::env::temp_dir().join(format!("agent-lsp-overrides-{}", std::process::id()));
    let agents = root.join(".claude/agents");
    std::fs::create_dir_all(agents.join("legacy")).expect("mkdir");
    let agent = "---\nname: NAME\ndescription: d\ntools: Raed\n---\nbody\n";
    std::fs::write(agents.join("new.md"), agent.replace("NAME", "new-one")).expect("write");
    let old = agent.replace("NAME", "old-one");
    std::fs::write(agents.join("legacy/old.md"), old).expect("write");
    let config = "[severity]\nunknown-tool = \"error\"\n\n[[overrides]]\npaths = [\".claude/agents/legacy/**\"]\ndisable = [\"unknown-tool\"]\n";
    std::fs::write(root.join("agent-lsp.toml"), config).expect("write");
    let json = stdout(&check_in(&root, &["--format", "json"]));
    let doc: serde_json::Value = serde_json::from_str(&json).expect("JSON");
    let codes = |file: &str| -> Vec<String> {
        let files = doc["files"].as_array().expect("files");
        let f = files
            .iter()
            .find(|f| f["file"].as_str().is_some_and(|p| p.ends_with(file)));
        let ds = f.expect("file")["diagnostics"]
            .as_array()
            .expect("diagnostics");
        ds.iter()
            .map(|d| format!("{}:{}", d["severity"], d["code"]))
            .collect()
    };
    assert!(
        codes("new.md").contains(&"\"error\":\"unknown-tool\"".to_string()),
        "{json}"
    );
    assert!(
        !codes("old.md").iter().any(|c| c.contains("unknown-tool")),
        "{json}"
    );
    std::fs::write(
        root.join("agent-lsp.toml"),
        "[[overrides]]\npaths = [\"a[\"]\n",
    )
    .expect("write");
    let o = check_in(&root, &[]);
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(
        stderr.contains("agent-lsp.toml:2:") && stderr.contains("`a[` is not a glob"),
        "{stderr}"
    );
    let _ = std::fs::remove_dir_all(&root);
}

/// `check --help` (and `-h`, and after other options) prints the usage on stdout and
/// succeeds, like `agent-lsp --help`; it is not an unknown option.
#[test]
fn help_after_a_command_is_help() {
    for args in [&["--help"][..], &["-h"], &["--strict", "--help"]] {
        let o = check_in(&workspace(), args);
        assert_eq!(o.status.code(), Some(0), "{args:?}");
        assert!(stdout(&o).contains("agent-lsp check [PATH...]"), "{args:?}");
        assert!(o.stderr.is_empty(), "{args:?}");
    }
}
