//! The rule registry against what the analysis emits and what the docs say.

use crate::support;
use agent_lsp::analysis::file_kind::FileKind;
use agent_lsp::rules::{self, docs};
use agent_lsp::settings::validate;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// Rules no fixture under tests/fixtures triggers, with the test that covers each.
const COVERED_ELSEWHERE: &[(&str, &str)] = &[
    (
        "file-too-large",
        "analysis::diagnostics::tests::files_over_one_mib_are_skipped_like_the_loader_does (a 1 MiB fixture is too big to commit)",
    ),
    (
        "skill-file-too-large",
        "analysis::diagnostics::skills::tests::skills_over_a_million_bytes_and_commands_over_one_mib_are_skipped (a 1 MB fixture is too big to commit)",
    ),
    (
        "too-many-diagnostics",
        "growth::past_the_cap_one_summary_counts_the_rest (a fixture would need 200 diagnostics)",
    ),
    (
        "mcp-server-unknown",
        "analysis::diagnostics::tests::mcp_servers_outside_the_known_list_get_a_note (needs a configuration)",
    ),
    (
        "agent-shadows",
        "scopes::the_file_the_client_uses_says_what_it_replaces (a user folder and the client's verdicts: tests/fixtures/workspace/scopes/)",
    ),
    (
        "link-broken",
        "index::every_fixture_as_check_and_the_editor_see_it (needs the files on disk: tests/fixtures/workspace/index/body-links.txt)",
    ),
    (
        "agent-unknown",
        "index::every_fixture_as_check_and_the_editor_see_it (multi-file fixtures: tests/fixtures/workspace/index/)",
    ),
    (
        "skill-unknown",
        "index::every_fixture_as_check_and_the_editor_see_it (multi-file fixtures: tests/fixtures/workspace/index/)",
    ),
    (
        "copilot-agent-unknown",
        "index::every_fixture_as_check_and_the_editor_see_it (multi-file fixtures: tests/fixtures/workspace/index/)",
    ),
    (
        "duplicate-agent-name",
        "duplicates::check_names_the_file_claude_code_uses_in_every_recorded_layout (multi-file fixtures: tests/fixtures/workspace/duplicates/)",
    ),
];

fn fixture_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("fixtures folder").flatten() {
        let path = entry.path();
        if path.is_dir() {
            fixture_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "md" || e == "mdc") {
            out.push(path);
        }
    }
}

/// The configuration files of tests/fixtures/config.
fn config_fixtures() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/config");
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("config fixtures")
        .flatten()
        .map(|e| e.path())
        .collect();
    files.sort();
    files
}

/// What the checks of names in agent-lsp.toml report, with the source they point at.
#[test]
fn configuration_names() {
    for path in config_fixtures() {
        let text = support::read(&path);
        let mut shown = String::new();
        for d in validate::check_toml(&text) {
            shown.push_str(&format!(
                "{}-{} {}[{}] {}\n    {}\n",
                support::at(&text, d.range.start),
                support::at(&text, d.range.end),
                d.severity.as_str(),
                d.code,
                d.message,
                &text[d.range.clone()]
            ));
        }
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned());
        let mut settings = insta::Settings::clone_current();
        settings.set_prepend_module_to_snapshot(false);
        settings.bind(|| {
            insta::assert_snapshot!(format!("config@{}", name.unwrap_or_default()), shown);
        });
    }
}

/// Every fixture's diagnostics agree with the registry (code declared, default severity
/// unless the rule says when it varies, format listed), and every rule is emitted by some
/// fixture or named in COVERED_ELSEWHERE.
#[test]
fn every_rule_is_declared_and_exercised() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut files = Vec::new();
    fixture_files(&root, &mut files);
    files.sort();
    let mut seen: BTreeMap<&str, PathBuf> = BTreeMap::new();
    let mut wrong = Vec::new();
    for path in &files {
        let (_, analysis) = support::analyze_file(path);
        let kind = FileKind::from_path(path);
        let format = kind.format.id();
        for d in &analysis.diagnostics {
            let Some(rule) = rules::get(d.code) else {
                wrong.push(format!(
                    "{}: `{}` is not in the registry",
                    path.display(),
                    d.code
                ));
                continue;
            };
            if d.severity != rule.severity && rule.varies.is_empty() {
                wrong.push(format!(
                    "{}: `{}` reported as {} but the registry says {} and not when it varies",
                    path.display(),
                    d.code,
                    d.severity.as_str(),
                    rule.severity.as_str()
                ));
            }
            if !agent_lsp::rules::applies(kind.format, rule.code) {
                wrong.push(format!(
                    "{}: `{}` reported on a {format} file, not among its formats",
                    path.display(),
                    d.code
                ));
            }
            seen.entry(rule.code).or_insert_with(|| path.clone());
        }
    }
    for path in config_fixtures() {
        for d in validate::check_toml(&support::read(&path)) {
            seen.entry(d.code).or_insert_with(|| path.clone());
        }
    }
    for r in rules::ALL {
        let elsewhere = COVERED_ELSEWHERE.iter().any(|(c, _)| *c == r.code);
        match (seen.contains_key(r.code), elsewhere) {
            (false, false) => wrong.push(format!(
                "`{}` is in the registry but no fixture under tests/fixtures emits it (add one, or list it in COVERED_ELSEWHERE)",
                r.code
            )),
            (true, true) => wrong.push(format!(
                "`{}` is now emitted by {}: remove it from COVERED_ELSEWHERE",
                r.code,
                seen[r.code].display()
            )),
            _ => {}
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

/// Compares a committed file with what the registry generates; rewrites it when
/// UPDATE_DOCS is set.
fn check_generated(relative: &str, generated: &str) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(relative);
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    if committed == generated {
        return;
    }
    if std::env::var_os("UPDATE_DOCS").is_some() {
        std::fs::write(&path, generated).unwrap_or_else(|e| panic!("{relative}: {e}"));
        return;
    }
    panic!(
        "{relative} differs from what the rule registry generates; regenerate it with\n    {}",
        docs::REGENERATE
    );
}

#[test]
fn docs_match_the_registry() {
    let readme_path = Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md");
    let readme = std::fs::read_to_string(readme_path).expect("README.md");
    let spliced = docs::splice_readme(&readme).unwrap_or_else(|| {
        panic!(
            "README.md lacks the rule table markers {} … {}",
            docs::README_BEGIN,
            docs::README_END
        )
    });
    check_generated("README.md", &spliced);
    check_generated("docs/rules.md", &docs::rules_markdown());
}

const LIMIT: std::time::Duration = std::time::Duration::from_secs(20);
const AGENT: &str = "---\nname: demo\ndescription: d\ntools: Raed\n---\nbody\n";

/// `check` prints unknown names of agent-lsp.toml like diagnostics, at their place and
/// with the nearest name; an unknown rule code leaves the rest of the file in force.
#[test]
fn check_names_what_the_configuration_gets_wrong() {
    use crate::support::disk::{run_cli, Tree};
    let t = Tree::new("config-names");
    t.write(
        "agent-lsp.toml",
        "[severity]\n\"unknwon-tool\" = \"off\"\n\"description-style\" = \"error\"\n",
    );
    t.write(".claude/agents/demo.md", AGENT);
    let out = run_cli(&["check", "."], &t.0, &[], LIMIT);
    let (stderr, stdout) = (
        String::from_utf8_lossy(&out.stderr),
        String::from_utf8_lossy(&out.stdout),
    );
    assert!(
        stderr.contains("agent-lsp.toml:2:1: warning[config-unknown-rule]: `unknwon-tool` is not an agent-lsp rule (did you mean `unknown-tool`?)"),
        "{stderr}"
    );
    assert!(
        stdout.contains("error[description-style]"),
        "the file is used: {stdout}"
    );
    assert!(stdout.contains("warning[unknown-tool]"), "{stdout}");

    let t = Tree::new("config-key");
    t.write("agent-lsp.toml", "disabel = [\"unknown-tool\"]\n");
    t.write(".claude/agents/demo.md", AGENT);
    let out = run_cli(&["check", "."], &t.0, &[], LIMIT);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("agent-lsp.toml:1:1: error[config-unknown-key]: `disabel` is not an agent-lsp setting (did you mean `disable`?)"),
        "{stderr}"
    );
    assert!(
        !stderr.contains("invalid configuration"),
        "said once: {stderr}"
    );
}

/// The editor gets unknown names as a diagnostic on agent-lsp.toml and, for LSP options,
/// as a message once the client is initialized.
#[test]
fn the_editor_is_told_what_the_configuration_gets_wrong() {
    use crate::support::disk::Tree;
    use serde_json::json;
    let t = Tree::new("config-editor");
    t.write("agent-lsp.toml", "disable = [\"name-styel\"]\n");
    let mut s = crate::support::rpc::Server::start();
    s.request(
        "initialize",
        json!({"processId": null, "rootUri": t.uri(""), "capabilities": {},
               "initializationOptions": {"agentLsp": {"severity": {"tool-cas": "off"}}}}),
    );
    s.initialized();
    let message = s.wait(|m| {
        m["method"] == "window/showMessage"
            && m["params"]["message"]
                .as_str()
                .is_some_and(|t| t.contains("tool-cas"))
    });
    let message = message.map(|m| m["params"]["message"].clone());
    assert_eq!(
        message,
        Some(json!("agent-lsp configuration: LSP settings: in `agentLsp.severity`: `tool-cas` is not an agent-lsp rule (did you mean `tool-case`?): this setting changes nothing (`agent-lsp explain` lists the rules)"))
    );
    let on_toml = s
        .wait(|m| {
            m["method"] == "textDocument/publishDiagnostics"
                && m["params"]["uri"] == t.uri("agent-lsp.toml")
        })
        .map(|m| m["params"]["diagnostics"][0].clone())
        .unwrap_or_default();
    assert_eq!(on_toml["code"], "config-unknown-rule", "{on_toml}");
    assert_eq!(on_toml["severity"], 2, "{on_toml}");
    assert_eq!(
        on_toml["range"]["start"],
        json!({"line": 0, "character": 11})
    );
    assert_eq!(s.shutdown(), Some(0));
}
