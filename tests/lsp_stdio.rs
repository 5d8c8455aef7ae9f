//! Protocol tests: the real binary over stdio.

use crate::support;

use serde_json::{json, Value};
use support::rpc::Server;

const URI: &str = "file:///work/proj/.claude/agents/demo.md";

#[test]
fn negotiates_utf8_when_offered_and_utf16_otherwise() {
    let mut s = Server::start();
    let r = s.initialize(&["utf-16", "utf-8"]);
    assert_eq!(r["capabilities"]["positionEncoding"], "utf-8");
    assert_eq!(
        r["capabilities"]["textDocumentSync"]["change"], 2,
        "incremental sync"
    );
    assert_eq!(s.shutdown(), Some(0));

    let mut s = Server::start();
    let r = s.initialize(&[]);
    assert_eq!(r["capabilities"]["positionEncoding"], "utf-16");
    assert_eq!(s.shutdown(), Some(0));
}

#[test]
fn publishes_diagnostics_on_open_with_exact_ranges_in_both_encodings() {
    // The emoji before the bad tool shifts UTF-16 and UTF-8 columns differently.
    let text = "---\nname: demo\ndescription: \"😀 d\"\ntools: Read, Raed\n---\nbody\n";
    for (enc, col) in [("utf-16", 13), ("utf-8", 13)] {
        let mut s = Server::start();
        s.initialize(&[enc]);
        s.open(URI, text);
        let diags = s.diagnostics(URI, 1);
        let d = diags
            .iter()
            .find(|d| d["code"] == "unknown-tool")
            .expect("unknown-tool");
        assert_eq!(
            d["range"]["start"],
            json!({"line": 3, "character": col}),
            "{enc}"
        );
        assert_eq!(d["severity"], 2);
        assert_eq!(d["source"], "agent-lsp");
        assert!(d["message"].as_str().unwrap_or_default().contains("Read"));
        assert_eq!(s.shutdown(), Some(0));
    }
    let mut s = Server::start();
    s.initialize(&["utf-16"]);
    s.open(URI, "---\nname: demo\ndescription: \"😀\" #x\n---\nb\n");
    // Nothing above info: the description's conventions (no examples) are only info.
    let diags: Vec<_> = s
        .diagnostics(URI, 1)
        .into_iter()
        .filter(|d| d["severity"].as_i64() < Some(3))
        .collect();
    assert!(diags.is_empty(), "{diags:?}");
    // Position after the emoji: UTF-16 counts it as 2, UTF-8 as 4.
    let hover = s.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": URI}, "position": {"line": 1, "character": 1}}),
    );
    assert!(hover["contents"]["value"]
        .as_str()
        .unwrap_or_default()
        .contains("`name`"));
    assert_eq!(s.shutdown(), Some(0));
}

#[test]
fn five_hundred_rapid_incremental_edits_end_in_the_right_text() {
    let mut s = Server::start();
    s.initialize(&["utf-16"]);
    let start = "---\nname: demo\ndescription: d\n---\nbody\n";
    s.open(URI, start);
    s.diagnostics(URI, 1);
    // Type "tools: Raed" one character at a time on a new line 3, then keep typing
    // "x" and deleting it, with emoji in the mix, 500 edits in all without waiting.
    let mut version = 1;
    let line_text = "tools: Read, 😀Raed";
    let mut col16 = 0;
    s.notify("textDocument/didChange", json!({"textDocument": {"uri": URI, "version": 2}, "contentChanges": [
        {"range": {"start": {"line": 3, "character": 0}, "end": {"line": 3, "character": 0}}, "text": "\n"}]}));
    version += 1;
    for ch in line_text.chars() {
        version += 1;
        s.notify("textDocument/didChange", json!({"textDocument": {"uri": URI, "version": version}, "contentChanges": [
            {"range": {"start": {"line": 3, "character": col16}, "end": {"line": 3, "character": col16}}, "text": ch.to_string()}]}));
        col16 += ch.len_utf16() as u32;
    }
    while version < 502 {
        version += 1;
        let change = if version % 2 == 1 {
            json!({"range": {"start": {"line": 3, "character": col16}, "end": {"line": 3, "character": col16}}, "text": "x"})
        } else {
            json!({"range": {"start": {"line": 3, "character": col16}, "end": {"line": 3, "character": col16 + 1}}, "text": ""})
        };
        s.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": URI, "version": version}, "contentChanges": [change]}),
        );
    }
    let diags = s.diagnostics(URI, version as i64);
    let d = diags
        .iter()
        .find(|d| d["code"] == "unknown-tool")
        .expect("unknown-tool after the edits");
    // The name `😀Raed` starts after "tools: Read, " (13 units) and is 6 UTF-16 units long.
    assert_eq!(
        d["range"],
        json!({"start": {"line": 3, "character": 13}, "end": {"line": 3, "character": 19}})
    );
    // The document symbols show the final text's keys.
    let syms = s.request(
        "textDocument/documentSymbol",
        json!({"textDocument": {"uri": URI}}),
    );
    let names: Vec<&str> = syms
        .as_array()
        .expect("symbols")
        .iter()
        .filter_map(|x| x["name"].as_str())
        .collect();
    assert_eq!(names, ["name", "description", "tools"]);
    let tools = &syms[2]["detail"];
    assert_eq!(tools, &Value::String("Read, 😀Raed".into()));
    assert_eq!(s.shutdown(), Some(0));
}

#[test]
fn out_of_range_positions_are_clamped_not_fatal() {
    let mut s = Server::start();
    s.initialize(&["utf-16"]);
    s.open(URI, "---\nname: demo\ndescription: d\n---\n");
    s.diagnostics(URI, 1);
    for pos in [
        json!({"line": 999, "character": 0}),
        json!({"line": 1, "character": 999}),
        json!({"line": 0, "character": 4294967295u32}),
    ] {
        let r = s.request_raw(
            "textDocument/hover",
            json!({"textDocument": {"uri": URI}, "position": pos}),
        );
        assert!(r.get("error").is_none(), "{r}");
        let r = s.request_raw(
            "textDocument/completion",
            json!({"textDocument": {"uri": URI}, "position": pos}),
        );
        assert!(r.get("error").is_none(), "{r}");
    }
    // An edit past the end appends; the server keeps serving.
    s.notify("textDocument/didChange", json!({"textDocument": {"uri": URI, "version": 2}, "contentChanges": [
        {"range": {"start": {"line": 50, "character": 3}, "end": {"line": 60, "character": 0}}, "text": "tail"}]}));
    s.diagnostics(URI, 2);
    // Requests for documents never opened answer null.
    let r = s.request("textDocument/hover", json!({"textDocument": {"uri": "file:///nope.md"}, "position": {"line": 0, "character": 0}}));
    assert_eq!(r, Value::Null);
    assert_eq!(s.shutdown(), Some(0));
}

#[test]
fn shutdown_with_null_params_then_exit_ends_with_status_zero() {
    let mut s = Server::start();
    s.initialize(&[]);
    let r = s.request_raw("shutdown", Value::Null);
    assert!(
        r.get("error").is_none(),
        "shutdown with null params rejected: {r}"
    );
    s.notify("exit", Value::Null);
    // stdin stays open: the server must exit on its own.
    assert_eq!(s.wait_exit(), Some(0));
}

#[test]
fn code_actions_offer_the_fixes_of_the_diagnostics_in_range() {
    let mut s = Server::start();
    s.initialize(&["utf-16"]);
    s.open(
        URI,
        "---\nname: demo\ndescription: d\ntools: read\n---\nbody\n",
    );
    let diags = s.diagnostics(URI, 1);
    let d = diags
        .iter()
        .find(|d| d["code"] == "tool-case")
        .expect("tool-case")
        .clone();
    let r = s.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": URI}, "range": d["range"], "context": {"diagnostics": [d]}}),
    );
    let action = &r[0];
    assert_eq!(action["kind"], "quickfix");
    let edit = &action["edit"]["changes"][URI][0];
    assert_eq!(edit["newText"], "Read");
    assert_eq!(edit["range"]["start"], json!({"line": 3, "character": 7}));
    assert_eq!(s.shutdown(), Some(0));
}

#[test]
fn malformed_messages_are_dropped_and_the_server_keeps_serving() {
    let mut s = Server::start();
    s.initialize(&["utf-16"]);
    for garbage in [
        &b"{not json"[..],
        b"[1, 2]",
        br#"{"jsonrpc": "2.0", "id": 7}"#,
        b"\xff\xfe",
    ] {
        s.send_frame(garbage);
    }
    s.open(
        URI,
        "---\nname: demo\ndescription: d\ntools: Raed\n---\nbody\n",
    );
    let diags = s.diagnostics(URI, 1);
    assert!(
        diags.iter().any(|d| d["code"] == "unknown-tool"),
        "{diags:?}"
    );
    assert_eq!(s.shutdown(), Some(0));
}
