//! The workspace layer and configuration: facts with files and ranges, multi-root
//! workspaces with a configuration per folder, malformed or unreadable configuration
//! shown to the user while the last good one stays in force, and disk events coalesced
//! off the path of requests.

use crate::support::disk::{run_cli, Tree};
use crate::support::rpc::Server;
use agent_lsp::settings::{Config, Settings};
use agent_lsp::workspace::{McpServers, Workspace};
use serde_json::{json, Value};
use std::time::{Duration, Instant};

const LIMIT: Duration = Duration::from_secs(20);

fn agent(tools: &str) -> String {
    format!("---\nname: demo\ndescription: d\ntools: {tools}\n---\nbody\n")
}

/// Starts the server on these workspace folders.
fn start(folders: &[&Tree]) -> Server {
    let mut s = Server::start();
    let list: Vec<Value> = folders
        .iter()
        .map(|t| json!({"uri": t.uri(""), "name": "f"}))
        .collect();
    let r = s.request(
        "initialize",
        json!({"processId": null, "workspaceFolders": list, "capabilities": {}}),
    );
    let folders_cap = &r["capabilities"]["workspace"]["workspaceFolders"];
    assert_eq!(folders_cap["supported"], true, "{r}");
    assert_eq!(folders_cap["changeNotifications"], true, "{r}");
    s.initialized();
    s
}

fn codes(diags: &[Value]) -> Vec<String> {
    diags
        .iter()
        .filter_map(|d| d["code"].as_str().map(str::to_string))
        .collect()
}

/// The next diagnostics published for `uri`, whatever the version.
fn next_diagnostics(s: &mut Server, uri: &str) -> Vec<Value> {
    let m = s
        .wait(|m| m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == uri)
        .unwrap_or_else(|| panic!("no diagnostics for {uri}"));
    m["params"]["diagnostics"]
        .as_array()
        .cloned()
        .unwrap_or_default()
}

fn message_about(s: &mut Server, what: &str) -> String {
    let m = s
        .wait(|m| {
            m["method"] == "window/showMessage"
                && m["params"]["message"]
                    .as_str()
                    .is_some_and(|t| t.contains(what))
        })
        .unwrap_or_else(|| panic!("no message about {what}"));
    m["params"]["message"].as_str().unwrap_or_default().into()
}

fn watched(s: &mut Server, uris: &[String]) {
    let changes: Vec<Value> = uris.iter().map(|u| json!({"uri": u, "type": 2})).collect();
    s.notify(
        "workspace/didChangeWatchedFiles",
        json!({ "changes": changes }),
    );
}

#[test]
fn a_broken_mcp_json_makes_server_names_unknown_knowledge_not_unknown_servers() {
    let ws = Workspace::new(None, Vec::new(), McpServers::Unknown, Vec::new());
    let configured = Config::from_toml("mcp_servers = [\"linear\"]").expect("config");
    let s = Settings::new([configured], ws);
    assert!(!s.mcp_servers_known);
    let ws = Workspace::new(None, Vec::new(), McpServers::Absent, Vec::new());
    let configured = Config::from_toml("mcp_servers = [\"linear\"]").expect("config");
    assert!(Settings::new([configured], ws).mcp_servers_known);
}

#[test]
fn a_workspace_without_claude_folders_has_no_problems() {
    let t = Tree::new("empty-ws");
    let mut s = start(&[&t]);
    let uri = t.uri("notes.md");
    s.open(&uri, &agent("Read"));
    s.diagnostics(&uri, 1);
    let noise = s
        .backlog
        .iter()
        .find(|m| m["method"] == "window/showMessage");
    assert!(noise.is_none(), "{noise:?}");
    assert_eq!(s.shutdown(), Some(0));
}

#[test]
fn a_malformed_mcp_json_is_shown_on_the_file_and_calls_no_server_unknown() {
    let t = Tree::new("mcp-broken");
    t.write(".mcp.json", "{\"mcpServers\": {\"github\": {}\n");
    let mut s = start(&[&t]);
    let msg = message_about(&mut s, ".mcp.json");
    assert!(msg.contains("invalid JSON"), "{msg}");
    let on_file = next_diagnostics(&mut s, &t.uri(".mcp.json"));
    assert_eq!(on_file.len(), 1, "{on_file:?}");
    assert_eq!(on_file[0]["severity"], 1, "{on_file:?}");
    let uri = t.uri(".claude/agents/demo.md");
    s.open(&uri, &agent("Read, mcp__github__a, mcp__other__b"));
    let got = codes(&s.diagnostics(&uri, 1));
    assert!(!got.contains(&"mcp-server-unknown".into()), "{got:?}");
    assert_eq!(s.shutdown(), Some(0));
}

#[test]
fn the_last_good_configuration_stays_while_the_files_are_broken() {
    let t = Tree::new("last-good");
    t.write("agent-lsp.toml", "[severity]\n\"unknown-tool\" = \"off\"\n");
    t.write(
        ".mcp.json",
        r#"{"mcpServers": {"github": {"command": "gh"}}}"#,
    );
    let mut s = start(&[&t]);
    let uri = t.uri(".claude/agents/demo.md");
    s.open(&uri, &agent("Raed, mcp__github__a, mcp__other__b"));
    let before = codes(&s.diagnostics(&uri, 1));
    assert!(!before.contains(&"unknown-tool".into()), "{before:?}");
    let unknown_servers = |c: &[String]| c.iter().filter(|c| *c == "mcp-server-unknown").count();
    assert_eq!(unknown_servers(&before), 1, "{before:?}");

    t.write("agent-lsp.toml", "[severity\n");
    t.write(".mcp.json", "{\"mcpServers\": ");
    watched(&mut s, &[t.uri("agent-lsp.toml"), t.uri(".mcp.json")]);
    message_about(&mut s, "agent-lsp.toml");
    let on_toml = next_diagnostics(&mut s, &t.uri("agent-lsp.toml"));
    assert_eq!(on_toml[0]["severity"], 1, "{on_toml:?}");
    let after = codes(&s.diagnostics(&uri, 1));
    assert_eq!(
        before, after,
        "the last good configuration and servers stay"
    );

    // Fixed: the problem diagnostics are withdrawn.
    t.write("agent-lsp.toml", "");
    watched(&mut s, &[t.uri("agent-lsp.toml")]);
    let cleared = s.wait(|m| {
        m["method"] == "textDocument/publishDiagnostics"
            && m["params"]["uri"] == t.uri("agent-lsp.toml")
            && m["params"]["diagnostics"] == json!([])
    });
    assert!(cleared.is_some(), "diagnostics on the fixed file cleared");
    assert_eq!(s.shutdown(), Some(0));
}

#[test]
fn each_workspace_folder_has_its_own_configuration() {
    let quiet = Tree::new("root-quiet");
    quiet.write("agent-lsp.toml", "disable = [\"unknown-tool\"]\n");
    let plain = Tree::new("root-plain");
    let loud = Tree::new("root-loud");
    loud.write(
        "agent-lsp.toml",
        "[severity]\n\"unknown-tool\" = \"error\"\n",
    );
    let mut s = start(&[&quiet, &plain]);
    let text = agent("Raed");
    let (q, p, l) = (
        quiet.uri(".claude/agents/demo.md"),
        plain.uri(".claude/agents/demo.md"),
        loud.uri(".claude/agents/demo.md"),
    );
    s.open(&q, &text);
    assert!(!codes(&s.diagnostics(&q, 1)).contains(&"unknown-tool".into()));
    s.open(&p, &text);
    assert!(codes(&s.diagnostics(&p, 1)).contains(&"unknown-tool".into()));

    // A folder added later is read in the background; its files then take its settings.
    s.notify(
        "workspace/didChangeWorkspaceFolders",
        json!({"event": {"added": [{"uri": loud.uri(""), "name": "loud"}], "removed": [{"uri": quiet.uri(""), "name": "quiet"}]}}),
    );
    // The removed folder's file falls back to no configuration.
    assert!(codes(&next_diagnostics(&mut s, &q)).contains(&"unknown-tool".into()));
    s.open(&l, &text);
    let end = Instant::now() + LIMIT;
    loop {
        let diags = next_diagnostics(&mut s, &l);
        let severity = diags
            .iter()
            .find(|d| d["code"] == "unknown-tool")
            .map(|d| d["severity"].clone());
        if severity == Some(json!(1)) {
            break;
        }
        assert!(
            Instant::now() < end,
            "the added folder's configuration applies"
        );
    }
    // Folders that did not change keep their settings: their documents are not redone.
    let redone = s.backlog.iter().any(|m| {
        m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == p.as_str()
    });
    assert!(!redone, "the untouched folder's document was re-analysed");
    assert_eq!(s.shutdown(), Some(0));
}

#[test]
fn check_shows_a_broken_configuration_at_its_place() {
    let t = Tree::new("check-config");
    t.write("agent-lsp.toml", "tools = [\"A\",\n  oops\n");
    t.write(".mcp.json", "{\"mcpServers\": [1]}");
    t.write(".claude/agents/demo.md", &agent("Read, mcp__x__y"));
    let out = run_cli(&["check", "."], &t.0, &[], LIMIT);
    let stderr = String::from_utf8_lossy(&out.stderr);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stderr.contains("agent-lsp.toml:2:7: error: invalid configuration"),
        "{stderr}"
    );
    assert!(
        stderr.contains(".mcp.json:1:2: error: `mcpServers` is not an object"),
        "{stderr}"
    );
    assert!(!stdout.contains("mcp-server-unknown"), "{stdout}");
}

/// 100 watched-file events over 2,100 agents: requests are answered at once, the events
/// make one rescan, and its result arrives. (The old scan kept 2,000 agents in directory
/// order, so hover could deny that an existing agent exists.)
#[test]
fn a_storm_of_disk_events_is_coalesced_off_the_request_path() {
    let t = Tree::new("storm");
    for i in 0..2100 {
        let text = format!("---\nname: agent-{i}\ndescription: d\n---\n");
        t.write(&format!(".claude/agents/a{i}.md"), &text);
    }
    let mut s = start(&[&t]);
    let uri = t.uri(".claude/agents/a0.md");
    let text = "---\nname: demo\ndescription: d\ntools: Agent(agent-2099)\n---\n";
    s.open(&uri, text);
    s.diagnostics(&uri, 1);
    t.write(
        ".claude/agents/new.md",
        "---\nname: fresh-agent\ndescription: New here\n---\n",
    );
    for i in 0..100 {
        watched(&mut s, &[t.uri(&format!(".claude/agents/a{i}.md"))]);
    }
    watched(&mut s, &[t.uri(".claude/agents/new.md")]);
    let hover = |s: &mut Server| {
        let at = json!({"textDocument": {"uri": uri}, "position": {"line": 3, "character": 16}});
        s.request("textDocument/hover", at)["contents"]["value"]
            .as_str()
            .unwrap_or_default()
            .to_string()
    };
    assert!(
        hover(&mut s).contains("your agent"),
        "answered during the rescan"
    );
    // The new agent is known once the coalesced rescan is done.
    let end = Instant::now() + LIMIT;
    let completion =
        json!({"textDocument": {"uri": uri}, "position": {"line": 3, "character": 13}});
    loop {
        let items = s.request("textDocument/completion", completion.clone());
        let found = items
            .as_array()
            .into_iter()
            .flatten()
            .any(|i| i["label"] == "fresh-agent");
        if found {
            break;
        }
        assert!(Instant::now() < end, "the rescan delivered the new agent");
        std::thread::sleep(Duration::from_millis(50));
    }
    assert_eq!(s.shutdown(), Some(0));
}

#[test]
fn unknown_settings_and_rule_codes_are_shown_with_a_suggestion() {
    let t = Tree::new("check-typos");
    t.write("agent-lsp.toml", "[severity]\n\"unknwon-tool\" = \"off\"\n");
    t.write(".claude/agents/demo.md", &agent("Raed"));
    let out = run_cli(&["check", "."], &t.0, &[], LIMIT);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("agent-lsp.toml:2:1: warning[config-unknown-rule]: `unknwon-tool` is not an agent-lsp rule (did you mean `unknown-tool`?)"),
        "{stderr}"
    );
    t.write("agent-lsp.toml", "sevrity = {}\n");
    let out = run_cli(&["check", "."], &t.0, &[], LIMIT);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("agent-lsp.toml:1:1: error[config-unknown-key]: `sevrity` is not an agent-lsp setting (did you mean `severity`?)"),
        "{stderr}"
    );
    assert_eq!(
        stderr.matches("agent-lsp.toml").count(),
        1,
        "one report: {stderr}"
    );

    // In the editor: the file's problems on the file, the options' in a message.
    let mut s = Server::start();
    s.request(
        "initialize",
        json!({"processId": null, "rootUri": t.uri(""), "capabilities": {},
               "initializationOptions": {"agentLsp": {"disable": ["name-styel"]}}}),
    );
    s.initialized();
    let msg = message_about(&mut s, "name-styel");
    assert!(msg.contains("did you mean `name-style`?"), "{msg}");
    let on_toml = next_diagnostics(&mut s, &t.uri("agent-lsp.toml"));
    assert_eq!(on_toml[0]["code"], "config-unknown-key", "{on_toml:?}");
    assert_eq!(s.shutdown(), Some(0));
}

#[test]
fn file_watchers_are_registered_when_the_client_can_and_not_awaited() {
    let t = Tree::new("watchers");
    let mut s = Server::start();
    let caps = json!({"workspace": {"didChangeWatchedFiles": {"dynamicRegistration": true}}});
    s.request(
        "initialize",
        json!({"processId": null, "rootUri": t.uri(""), "capabilities": caps}),
    );
    s.initialized();
    let reg = s
        .wait(|m| m["method"] == "client/registerCapability")
        .expect("watchers registered");
    let r = &reg["params"]["registrations"][0];
    assert_eq!(r["method"], "workspace/didChangeWatchedFiles");
    let globs: Vec<&str> = r["registerOptions"]["watchers"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|w| w["globPattern"].as_str())
        .collect();
    assert_eq!(
        globs,
        [
            "**/agent-lsp.toml",
            "**/.mcp.json",
            "**/.claude/**",
            "**/*.{agent,chatmode,prompt,instructions}.md",
            "**/.github/agents/**",
            "**/.opencode/**",
            "**/.cursor/rules/**"
        ]
    );
    // The server answers requests while its registration waits for the client.
    let uri = t.uri(".claude/agents/demo.md");
    s.open(&uri, &agent("Read"));
    s.diagnostics(&uri, 1);
    s.send(&json!({"jsonrpc": "2.0", "id": reg["id"], "result": null}));
    assert_eq!(s.shutdown(), Some(0));
}

#[test]
fn a_huge_mcp_json_gives_a_bounded_incomplete_completion_and_every_fact() {
    use agent_lsp::analysis::completion::MAX_ITEMS;
    let t = Tree::new("huge-mcp");
    let servers: Vec<String> = (0..20_000).map(|i| format!("\"s{i}\": {{}}")).collect();
    t.write(
        ".mcp.json",
        &format!("{{\"mcpServers\": {{{}}}}}", servers.join(", ")),
    );
    let mut s = start(&[&t]);
    let uri = t.uri(".claude/agents/demo.md");
    s.open(&uri, &agent("mcp__s19999__x, mcp__s"));
    // Diagnostics see every server: the last one is known, the unfinished `s` is not.
    let diags = s.diagnostics(&uri, 1);
    let unknown: Vec<&str> = diags
        .iter()
        .filter(|d| d["code"] == "mcp-server-unknown")
        .filter_map(|d| d["message"].as_str())
        .collect();
    assert_eq!(unknown.len(), 1, "{unknown:?}");
    assert!(unknown[0].starts_with("`s` is not"), "{unknown:?}");
    let at = |character: u32| json!({"textDocument": {"uri": uri}, "position": {"line": 3, "character": character}});
    let answer = s.request("textDocument/completion", at(29));
    assert_eq!(answer["isIncomplete"], true, "{answer}");
    let items = answer["items"].as_array().cloned().unwrap_or_default();
    assert!(
        items.len() <= MAX_ITEMS && items.len() > 100,
        "{}",
        items.len()
    );
    // As the word grows, the answer holds what matches it.
    s.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 2}, "contentChanges": [{"text": agent("mcp__s19999__x, mcp__s19998")}]}),
    );
    s.diagnostics(&uri, 2);
    let answer = s.request("textDocument/completion", at(34));
    let labels: Vec<&str> = answer
        .as_array()
        .or(answer["items"].as_array())
        .into_iter()
        .flatten()
        .filter_map(|i| i["label"].as_str())
        .collect();
    assert!(labels.contains(&"mcp__s19998__"), "{labels:?}");
    let hover = s.request("textDocument/hover", at(10));
    assert!(hover.to_string().contains("s19999"), "{hover}");
    assert_eq!(s.shutdown(), Some(0));
}
