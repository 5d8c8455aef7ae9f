//! `agent-lsp mcp`: the Model Context Protocol over stdio (newline-delimited JSON-RPC),
//! driven as an MCP client drives it: initialize, list the tools, call each.

use serde_json::{json, Value};
use std::io::{BufRead, BufReader, Write};
use std::process::{Child, ChildStdin, ChildStdout, Command, Stdio};

struct Mcp {
    child: Child,
    stdin: ChildStdin,
    stdout: BufReader<ChildStdout>,
    next_id: u64,
}

impl Mcp {
    fn start() -> Mcp {
        let mut child = Command::new(env!("CARGO_BIN_EXE_agent-lsp"))
            .arg("mcp")
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("start agent-lsp mcp");
        let stdin = child.stdin.take().expect("stdin");
        let stdout = BufReader::new(child.stdout.take().expect("stdout"));
        let mut mcp = Mcp {
            child,
            stdin,
            stdout,
            next_id: 1,
        };
        let init = mcp.request(
            "initialize",
            json!({"protocolVersion": "2025-06-18", "capabilities": {},
                   "clientInfo": {"name": "test", "version": "0"}}),
        );
        assert_eq!(init["serverInfo"]["name"], "agent-lsp", "{init}");
        assert!(init["capabilities"]["tools"].is_object(), "{init}");
        mcp.send(&json!({"jsonrpc": "2.0", "method": "notifications/initialized"}));
        mcp
    }

    fn send(&mut self, message: &Value) {
        writeln!(self.stdin, "{message}").expect("write");
        self.stdin.flush().expect("flush");
    }

    /// Sends a request and returns its result (panics on an error answer).
    fn request(&mut self, method: &str, params: Value) -> Value {
        let id = self.next_id;
        self.next_id += 1;
        self.send(&json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        loop {
            let mut line = String::new();
            assert!(
                self.stdout.read_line(&mut line).expect("read") > 0,
                "server closed"
            );
            let answer: Value = serde_json::from_str(&line).expect("one JSON message a line");
            if answer["id"] == id {
                assert!(answer.get("error").is_none(), "{answer}");
                return answer["result"].clone();
            }
        }
    }

    /// Calls a tool: (is it a tool error, its text).
    fn call(&mut self, tool: &str, arguments: Value) -> (bool, String) {
        let r = self.request("tools/call", json!({"name": tool, "arguments": arguments}));
        let text = r["content"][0]["text"]
            .as_str()
            .unwrap_or_default()
            .to_string();
        (r["isError"] == true, text)
    }
}

impl Drop for Mcp {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

#[test]
fn mcp_lists_its_tools_and_checks_a_text() {
    let mut mcp = Mcp::start();
    let tools = mcp.request("tools/list", json!({}));
    let names: Vec<&str> = tools["tools"]
        .as_array()
        .expect("tools")
        .iter()
        .filter_map(|t| t["name"].as_str())
        .collect();
    assert_eq!(names.len(), 4, "{names:?}");
    for name in ["check", "inspect", "explain", "list_rules"] {
        assert!(names.contains(&name), "{names:?}");
    }
    let agent = "---\nname: reviewer\ndescription: Reviews code\ntools: Read, Raed\n---\nBody.\n";
    let (error, text) = mcp.call("check", json!({"text": agent}));
    assert!(!error, "{text}");
    let checked: Value = serde_json::from_str(&text).expect("JSON");
    let file = &checked["files"][0];
    assert_eq!(file["loads"], true);
    let codes: Vec<&str> = file["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .filter_map(|d| d["code"].as_str())
        .collect();
    assert!(codes.contains(&"unknown-tool"), "{codes:?}");
    // The path it would have decides the format: a Copilot agent is plain YAML.
    let (_, copilot) = mcp.call(
        "check",
        json!({"text": "---\na: 1\na: 2\n---\n", "as_path": "x.agent.md"}),
    );
    assert!(copilot.contains("\"kind\": \"GitHub Copilot"), "{copilot}");
}

#[test]
fn mcp_checks_paths_inspects_and_explains() {
    let mut mcp = Mcp::start();
    let (error, text) = mcp.call("check", json!({"path": "examples"}));
    assert!(!error, "{text}");
    assert!(
        text.contains("duplicate-agent-name") && text.contains("SKILL.md"),
        "{text}"
    );
    let (error, missing) = mcp.call("check", json!({"path": "no/such/folder"}));
    assert!(error, "{missing}");
    let (_, inspected) = mcp.call(
        "inspect",
        json!({"text": "---\ndescription: no name\n---\n"}),
    );
    let inspected: Value = serde_json::from_str(&inspected).expect("JSON");
    assert_eq!(inspected["loads"], false, "{inspected}");
    let (error, explained) = mcp.call("explain", json!({"code": "unknown-tool"}));
    assert!(
        !error && explained.starts_with("unknown-tool: warning"),
        "{explained}"
    );
    let (error, unknown) = mcp.call("explain", json!({"code": "unknwon-tool"}));
    assert!(
        error && unknown.contains("did you mean `unknown-tool`?"),
        "{unknown}"
    );
    let (_, rules) = mcp.call("list_rules", json!({}));
    let rules: Value = serde_json::from_str(&rules).expect("JSON");
    assert!(rules.as_array().is_some_and(|r| r.len() > 40), "{rules}");
}
