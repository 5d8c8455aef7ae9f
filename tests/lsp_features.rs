//! Protocol tests of completion, hover and configuration: the real binary over stdio,
//! in a temporary workspace with `agent-lsp.toml`, `.mcp.json` and a skill.

use crate::support;

use serde_json::{json, Value};
use std::path::PathBuf;
use support::rpc::Server;

/// A workspace on disk; removed when dropped.
struct Workspace(PathBuf);

impl Workspace {
    fn new(tag: &str) -> Workspace {
        let root =
            std::env::temp_dir().join(format!("agent-lsp-features-{tag}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&root);
        std::fs::create_dir_all(root.join(".claude/skills/pdf-tools")).expect("mkdir");
        std::fs::create_dir_all(root.join(".claude/agents")).expect("mkdir");
        std::fs::write(
            root.join(".mcp.json"),
            r#"{"mcpServers": {"github": {"command": "gh-mcp"}}}"#,
        )
        .expect("write");
        std::fs::write(
            root.join(".claude/skills/pdf-tools/SKILL.md"),
            "---\ndescription: Work with PDFs\n---\n",
        )
        .expect("write");
        std::fs::write(
            root.join("agent-lsp.toml"),
            "tools = [\"Deploy\"]\n[severity]\n\"name-style\" = \"off\"\n",
        )
        .expect("write");
        Workspace(root)
    }

    fn uri(&self, rel: &str) -> String {
        format!("file://{}/{rel}", self.0.display())
    }
}

impl Drop for Workspace {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn start(ws: &Workspace, encoding: &str, options: Value) -> Server {
    let mut s = Server::start();
    s.request(
        "initialize",
        json!({"processId": null, "rootUri": ws.uri(""), "initializationOptions": options,
               "capabilities": {"general": {"positionEncodings": [encoding]}}}),
    );
    s.initialized();
    s
}

fn at(uri: &str, line: u32, character: u32) -> Value {
    json!({"textDocument": {"uri": uri}, "position": {"line": line, "character": character}})
}

fn labels(items: &Value) -> Vec<String> {
    items
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|i| i["label"].as_str().map(str::to_string))
        .collect()
}

#[test]
fn completion_ranges_are_exact_after_an_emoji_in_both_encodings() {
    let ws = Workspace::new("complete");
    let uri = ws.uri(".claude/agents/demo.md");
    // The emoji is 2 UTF-16 units and 4 UTF-8 bytes; the cursor ends "Gr".
    let text = "---\nname: demo\ndescription: d\ntools: [\"😀\", Gr]\n---\nbody\n";
    for (enc, from, end) in [("utf-16", 14, 16), ("utf-8", 16, 18)] {
        let mut s = start(&ws, enc, Value::Null);
        s.open(&uri, text);
        s.diagnostics(&uri, 1);
        let items = s.request("textDocument/completion", at(&uri, 3, end));
        let grep = items
            .as_array()
            .into_iter()
            .flatten()
            .find(|i| i["label"] == "Grep")
            .expect("Grep offered");
        assert_eq!(
            grep["textEdit"]["range"]["start"],
            json!({"line": 3, "character": from}),
            "{enc}"
        );
        assert_eq!(
            grep["textEdit"]["range"]["end"],
            json!({"line": 3, "character": end}),
            "{enc}"
        );
        assert_eq!(grep["textEdit"]["newText"], "Grep");
        assert_eq!(grep["documentation"]["kind"], "markdown");
        // The workspace's knowledge and the config file reach completion.
        let all = labels(&items);
        assert!(
            all.contains(&"Deploy".to_string()) && all.contains(&"mcp__github__".to_string()),
            "{all:?}"
        );
        assert_eq!(s.shutdown(), Some(0));
    }
}

#[test]
fn hover_and_keys_and_configuration_changes() {
    let ws = Workspace::new("hover");
    let uri = ws.uri(".claude/agents/demo.md");
    let mut s = start(&ws, "utf-16", json!({"agentLsp": {"models": ["my-proxy"]}}));
    s.open(&uri, "---\nname: Demo\ndescription: d\ntools: Read, Raed\nmodel: my-proxy\nskills: pdf-tools\n\n---\nbody\n");
    let diags = s.diagnostics(&uri, 1);
    let codes: Vec<&str> = diags.iter().filter_map(|d| d["code"].as_str()).collect();
    assert!(codes.contains(&"unknown-tool"), "{codes:?}");
    assert!(
        !codes.contains(&"name-style"),
        "switched off in agent-lsp.toml: {codes:?}"
    );
    assert!(
        !codes.contains(&"model-unknown"),
        "my-proxy comes from initializationOptions: {codes:?}"
    );

    let h = s.request("textDocument/hover", at(&uri, 3, 14));
    let md = h["contents"]["value"].as_str().unwrap_or_default();
    assert!(md.contains("Did you mean `Read`?"), "{md}");
    assert_eq!(h["range"]["start"], json!({"line": 3, "character": 13}));
    let h = s.request("textDocument/hover", at(&uri, 5, 10));
    assert!(
        h["contents"]["value"]
            .as_str()
            .unwrap_or_default()
            .contains("Work with PDFs"),
        "{h}"
    );

    // An empty line: keys not yet present, with snippets.
    let items = s.request("textDocument/completion", at(&uri, 6, 0));
    let all = labels(&items);
    assert!(
        all.contains(&"color".to_string()) && !all.contains(&"tools".to_string()),
        "{all:?}"
    );
    let color = items
        .as_array()
        .into_iter()
        .flatten()
        .find(|i| i["label"] == "color")
        .expect("color");
    assert_eq!(color["insertTextFormat"], 2, "a snippet");

    // New settings: unknown-tool becomes an error, without any request to the client.
    s.notify(
        "workspace/didChangeConfiguration",
        json!({"settings": {"agentLsp": {"severity": {"unknown-tool": "error"}}}}),
    );
    let diags = s.diagnostics(&uri, 1);
    let d = diags
        .iter()
        .find(|d| d["code"] == "unknown-tool")
        .expect("unknown-tool");
    assert_eq!(d["severity"], 1);
    assert_eq!(s.shutdown(), Some(0));
}

#[test]
fn whole_frontmatter_in_an_empty_file() {
    let ws = Workspace::new("empty");
    let uri = ws.uri(".claude/agents/Code_Reviewer.md");
    let mut s = start(&ws, "utf-16", Value::Null);
    s.open(&uri, "");
    let items = s.request("textDocument/completion", at(&uri, 0, 0));
    let first = &items[0];
    assert_eq!(first["kind"], 15, "a snippet item");
    assert!(
        first["textEdit"]["newText"]
            .as_str()
            .unwrap_or_default()
            .starts_with("---\nname: ${1:code-reviewer}\n"),
        "{first}"
    );
    assert_eq!(s.shutdown(), Some(0));
}

#[test]
fn documentation_comes_on_resolve_when_the_client_asks_for_it_lazily() {
    let ws = Workspace::new("resolve");
    let uri = ws.uri(".claude/agents/demo.md");
    let mut s = Server::start();
    let caps = json!({"textDocument": {"completion": {"completionItem": {"resolveSupport": {"properties": ["documentation"]}}}}});
    let r = s.request(
        "initialize",
        json!({"processId": null, "rootUri": ws.uri(""), "capabilities": caps}),
    );
    assert_eq!(
        r["capabilities"]["completionProvider"]["resolveProvider"],
        true
    );
    s.initialized();
    s.open(
        &uri,
        "---\nname: demo\ndescription: d\nmodel: son\n---\nbody\n",
    );
    let items = s.request("textDocument/completion", at(&uri, 3, 10));
    let sonnet = items
        .as_array()
        .into_iter()
        .flatten()
        .find(|i| i["label"] == "sonnet")
        .cloned()
        .expect("sonnet");
    assert!(
        sonnet.get("documentation").is_none_or(Value::is_null),
        "{sonnet}"
    );
    let resolved = s.request("completionItem/resolve", sonnet);
    assert!(
        resolved["documentation"]["value"]
            .as_str()
            .unwrap_or_default()
            .contains("Sonnet"),
        "{resolved}"
    );
    assert_eq!(s.shutdown(), Some(0));
}
