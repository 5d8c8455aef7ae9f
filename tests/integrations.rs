//! The CI integrations' files: the GitHub Action (`action.yml`, its steps in
//! `scripts/action.sh`, run here) and the pre-commit hook (`.pre-commit-hooks.yaml`; the
//! real `pre-commit` runs it in `.ci/pre-commit.sh`). Their YAML is read with the
//! project's own reader and held to strict YAML 1.2, as GitHub and pre-commit read it.

use agent_lsp::syntax::yaml::{self, Node};
use std::path::{Path, PathBuf};
use std::process::Command;

fn repo(file: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(file)
}

fn read_yaml(file: &str) -> (String, Node) {
    let text = std::fs::read_to_string(repo(file)).expect("read");
    yaml::check_strict(&text).unwrap_or_else(|e| panic!("{file}: {e:?}"));
    let root = yaml::parse(&text).ok().flatten().expect("a document");
    (text, root)
}

fn get<'a>(node: &'a Node, path: &str) -> &'a Node {
    path.split('.').fold(node, |n, key| {
        &n.get(key).unwrap_or_else(|| panic!("no `{path}`")).value
    })
}

fn str_at<'a>(node: &'a Node, path: &str) -> &'a str {
    get(node, path)
        .as_str()
        .unwrap_or_else(|| panic!("`{path}` is not a string"))
}

#[test]
fn the_action_is_a_composite_whose_inputs_are_declared_and_documented() {
    let (text, action) = read_yaml("action.yml");
    for key in ["name", "description", "runs.using"] {
        assert!(!str_at(&action, key).is_empty(), "{key}");
    }
    assert_eq!(str_at(&action, "runs.using"), "composite");
    let inputs = get(&action, "inputs").entries().expect("inputs");
    let declared: Vec<&str> = inputs.iter().filter_map(|e| e.key.as_str()).collect();
    for input in inputs {
        assert!(
            !str_at(&input.value, "description").is_empty(),
            "{:?}",
            input.key.as_str()
        );
    }
    // Every `inputs.X` the steps use is declared.
    for used in text.split("inputs.").skip(1) {
        let name: String = used
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '-')
            .collect();
        assert!(
            declared.contains(&name.as_str()),
            "inputs.{name} is not declared"
        );
    }
    let steps = get(&action, "runs.steps").items().expect("steps");
    let uses: Vec<&str> = steps
        .iter()
        .filter_map(|s| s.get("uses")?.value.as_str())
        .collect();
    assert!(
        uses.contains(&"github/codeql-action/upload-sarif@v3"),
        "{uses:?}"
    );
    assert!(
        uses.iter().any(|u| u.starts_with("actions/cache@")),
        "{uses:?}"
    );
    for step in steps.iter().filter(|s| s.get("run").is_some()) {
        // A composite step that runs a command must name its shell.
        assert_eq!(str_at(step, "shell"), "bash");
    }
    for output in get(&action, "outputs").entries().expect("outputs") {
        assert!(str_at(&output.value, "value").contains("steps.check.outputs."));
    }
}

#[test]
fn the_pre_commit_hook_builds_agent_lsp_with_cargo() {
    let (_, hooks) = read_yaml(".pre-commit-hooks.yaml");
    let hook = &hooks.items().expect("a list of hooks")[0];
    assert_eq!(str_at(hook, "id"), "agent-lsp");
    assert_eq!(str_at(hook, "language"), "rust");
    assert_eq!(str_at(hook, "entry"), "agent-lsp check");
    assert!(!str_at(hook, "files").is_empty());
}

fn action_sh(step: &str, env: &[(&str, &Path)], dir: &Path) -> std::process::Output {
    let mut cmd = Command::new("bash");
    cmd.arg(repo("scripts/action.sh"))
        .arg(step)
        .current_dir(dir);
    for (k, v) in env {
        cmd.env(k, v);
    }
    cmd.output().expect("run scripts/action.sh")
}

/// The action's check step on the example workspace: the SARIF log, the outputs, the
/// annotations in the log, and exit 0 so the upload step still runs.
#[cfg(unix)]
#[test]
fn the_actions_steps_install_and_check() {
    let tmp = std::env::temp_dir().join(format!("agent-lsp-action-{}", std::process::id()));
    std::fs::create_dir_all(tmp.join("root/bin")).expect("mkdir");
    let bin = Path::new(env!("CARGO_BIN_EXE_agent-lsp"));
    // A cache hit: the binary is already in the install root, so nothing is built.
    std::fs::copy(bin, tmp.join("root/bin/agent-lsp")).expect("copy");
    let (github_path, github_output) = (tmp.join("path"), tmp.join("output"));
    let source = repo(".");
    let root = tmp.join("root");
    let env = [
        ("AGENT_LSP_ROOT", root.as_path()),
        ("AGENT_LSP_SOURCE", source.as_path()),
    ];
    let env_path = [("GITHUB_PATH", github_path.as_path())];
    let o = action_sh("install", &[&env[..], &env_path[..]].concat(), &tmp);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(String::from_utf8_lossy(&o.stdout).contains("restored from the cache"));
    let path = std::fs::read_to_string(&github_path).expect("GITHUB_PATH");
    assert_eq!(path.trim(), root.join("bin").display().to_string());

    let sarif = tmp.join("out.sarif");
    let examples = repo("examples");
    let env = [
        ("AGENT_LSP", bin),
        ("INPUT_PATHS", examples.as_path()),
        ("INPUT_ARGS", Path::new("--min-severity warning")),
        ("INPUT_SARIF_FILE", sarif.as_path()),
        ("GITHUB_OUTPUT", github_output.as_path()),
    ];
    let o = action_sh("check", &env, &tmp);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let stdout = String::from_utf8_lossy(&o.stdout);
    assert!(stdout.contains("::error file="), "{stdout}");
    let outputs = std::fs::read_to_string(&github_output).expect("GITHUB_OUTPUT");
    assert!(
        outputs.contains(&format!("sarif-file={}\n", sarif.display())),
        "{outputs}"
    );
    assert!(outputs.contains("exit-code=1\n"), "{outputs}");
    let log: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&sarif).expect("SARIF")).expect("SARIF JSON");
    assert_eq!(log["version"], "2.1.0");
    let results = log["runs"][0]["results"].as_array().expect("results");
    assert!(results
        .iter()
        .any(|r| r["ruleId"] == "duplicate-agent-name"));
    let _ = std::fs::remove_dir_all(&tmp);
}
