//! Several project agents declaring one name: `check` reports an error on every file
//! Claude Code drops, naming the one it uses, and a warning on that one, as the real
//! client decided on the multi-file fixtures of `tests/fixtures/workspace/duplicates/`.

use crate::support::disk::{run_cli, Tree};
use std::collections::BTreeMap;
use std::path::Path;
use std::time::Duration;

const LIMIT: Duration = Duration::from_secs(30);
const FIXTURES: &str = "tests/fixtures/workspace/duplicates";
const CODE: &str = "duplicate-agent-name";

/// A multi-file fixture: the files after each `==> path <==` line, in order, and the
/// file the client's `# client: … — active: <file>` line names (below .claude/agents/).
fn read_fixture(text: &str) -> (Vec<(String, String)>, String) {
    let active = text
        .lines()
        .find_map(|l| l.strip_prefix("# client: "))
        .and_then(|l| l.rsplit_once("active: "))
        .map(|(_, a)| a.trim().to_string())
        .expect("the client's verdict");
    let mut files: Vec<(String, String)> = Vec::new();
    for line in text.lines() {
        if let Some(p) = line
            .strip_prefix("==> ")
            .and_then(|l| l.strip_suffix(" <=="))
        {
            files.push((p.to_string(), String::new()));
        } else if let Some((_, body)) = files.last_mut() {
            body.push_str(line);
            body.push('\n');
        }
    }
    (files, active)
}

/// Each checked file's `duplicate-agent-name` finding: (severity, message), by its path
/// below `.claude/agents/`.
fn findings(root: &Path) -> BTreeMap<String, (String, String)> {
    let out = run_cli(&["check", ".", "--format", "json"], root, &[], LIMIT);
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON output");
    let mut found = BTreeMap::new();
    for file in doc["files"].as_array().into_iter().flatten() {
        let path = file["file"].as_str().unwrap_or_default();
        let below = path.split_once(".claude/agents/").map_or(path, |(_, p)| p);
        for d in file["diagnostics"].as_array().into_iter().flatten() {
            if d["code"] == CODE {
                let (severity, message) = (&d["severity"], &d["message"]);
                let text = |v: &serde_json::Value| v.as_str().unwrap_or_default().to_string();
                found.insert(below.to_string(), (text(severity), text(message)));
            }
        }
    }
    found
}

/// The client's active file gets the warning naming every other file; every other file
/// gets the error naming the active one.
fn assert_as_the_client(
    found: &BTreeMap<String, (String, String)>,
    files: &[String],
    active: &str,
) {
    assert_eq!(found.len(), files.len(), "{found:#?}");
    for f in files {
        let (severity, message) = &found[f];
        if f == active {
            assert_eq!(severity, "warning", "{f}: {message}");
            for other in files.iter().filter(|o| *o != active) {
                assert!(message.contains(&format!("/{other}`")), "{message}");
            }
        } else {
            assert_eq!(severity, "error", "{f}: {message}");
            let uses = format!("Claude Code uses `.claude/agents/{active}` instead");
            assert!(message.contains(&uses), "{f}: {message}");
        }
    }
}

#[test]
fn check_names_the_file_claude_code_uses_in_every_recorded_layout() {
    let mut seen = 0;
    let mut entries: Vec<_> = std::fs::read_dir(FIXTURES)
        .expect("fixtures")
        .flatten()
        .collect();
    entries.sort_by_key(|e| e.file_name());
    for entry in entries
        .iter()
        .filter(|e| e.path().extension().is_some_and(|x| x == "txt"))
    {
        let text = std::fs::read_to_string(entry.path()).expect("fixture");
        let (files, active) = read_fixture(&text);
        let t = Tree::new("duplicates");
        for (path, body) in &files {
            t.write(path, body);
        }
        let below: Vec<String> = files
            .iter()
            .map(|(p, _)| p.trim_start_matches(".claude/agents/").to_string())
            .collect();
        assert_as_the_client(&findings(&t.0), &below, &active);
        seen += 1;
    }
    assert!(seen >= 4, "{seen} layouts");
}

/// The case: three of the five seed documents are named `backend-architect`; the
/// client keeps `…004…` (EXPECTED of the fixtures).
#[test]
fn check_reports_the_seeds_duplicate_backend_architect_as_the_client_does() {
    let t = Tree::new("duplicate-seeds");
    let seeds = Path::new("tests/fixtures/corpus/seeds");
    let mut names: Vec<String> = std::fs::read_dir(seeds)
        .expect("seeds")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    for n in &names {
        let text = std::fs::read(seeds.join(n)).expect("seed");
        std::fs::create_dir_all(t.path(".claude/agents")).expect("mkdir");
        std::fs::write(t.path(&format!(".claude/agents/{n}")), text).expect("write");
    }
    let found = findings(&t.0);
    let dupes: Vec<String> = [
        "000_ef3806f22e6a0cdf.md",
        "003_e852487ae262e1e1.md",
        "004_5da56cdd47a9cda7.md",
    ]
    .map(String::from)
    .to_vec();
    assert_as_the_client(&found, &dupes, "004_5da56cdd47a9cda7.md");
    insta::assert_snapshot!(found
        .iter()
        .map(|(f, (s, m))| format!("{f}: {s}: {m}"))
        .collect::<Vec<_>>()
        .join("\n"));
}

fn duplicate_messages(diags: &[serde_json::Value]) -> Vec<String> {
    diags
        .iter()
        .filter(|d| d["code"] == "duplicate-agent-name")
        .map(|d| format!("{}: {}", d["severity"], d["message"].as_str().unwrap_or("")))
        .collect()
}

/// In the editor: an open file the client drops gets the error with its other
/// diagnostics; when the file it lost to is renamed on disk, the rescan re-publishes it
/// without the error.
#[test]
fn the_editor_publishes_the_duplicate_and_updates_it_after_a_rescan() {
    use serde_json::json;
    let t = Tree::new("duplicates-lsp");
    let agent = |name: &str| format!("---\nname: {name}\ndescription: d\n---\nBody.\n");
    t.write(".claude/agents/a.md", &agent("dup"));
    t.write(".claude/agents/b.md", &agent("dup"));
    let mut s = crate::support::rpc::Server::start();
    let folders = json!([{"uri": t.uri(""), "name": "f"}]);
    s.request(
        "initialize",
        json!({"processId": null, "workspaceFolders": folders, "capabilities": {}}),
    );
    s.initialized();
    let uri = t.uri(".claude/agents/a.md");
    s.open(&uri, &agent("dup"));
    let first = duplicate_messages(&s.diagnostics(&uri, 1));
    assert_eq!(first.len(), 1, "{first:?}");
    assert!(
        first[0].starts_with("1: ") && first[0].contains("uses `.claude/agents/b.md` instead"),
        "{first:?}"
    );
    t.write(".claude/agents/b.md", &agent("other"));
    let changes = json!([{"uri": t.uri(".claude/agents/b.md"), "type": 2}]);
    s.notify(
        "workspace/didChangeWatchedFiles",
        json!({ "changes": changes }),
    );
    let after = s
        .wait(|m| {
            m["method"] == "textDocument/publishDiagnostics"
                && m["params"]["uri"] == uri
                && duplicate_messages(m["params"]["diagnostics"].as_array().unwrap_or(&vec![]))
                    .is_empty()
        })
        .is_some();
    assert!(after, "the error stayed after the other file was renamed");
    assert_eq!(s.shutdown(), Some(0));
}
