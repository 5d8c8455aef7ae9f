//! Protocol robustness over stdio: malformed ids, frames and edits are answered or
//! dropped with a log line, the server resynchronises and keeps serving, and the exit
//! status follows the LSP spec.

use crate::support;

use serde_json::{json, Value};
use support::rpc::Server;

const URI: &str = "file:///work/proj/.claude/agents/demo.md";
const TEXT: &str = "---\nname: demo\ndescription: d\ntools: Raed\n---\nbody\n";

fn frame(body: &[u8]) -> Vec<u8> {
    let mut out = format!("Content-Length: {}\r\n\r\n", body.len()).into_bytes();
    out.extend_from_slice(body);
    out
}

/// A request that must be answered: the proof the server still reads its input.
fn probe(s: &mut Server, id: i64) {
    s.send(
        &json!({"jsonrpc": "2.0", "id": id, "method": "textDocument/hover",
        "params": {"textDocument": {"uri": URI}, "position": {"line": 1, "character": 1}}}),
    );
    let answer = s.wait(|m| m["id"] == json!(id) && m.get("method").is_none());
    assert!(answer.is_some(), "probe {id} unanswered; log:\n{}", s.log());
}

/// The error answer with a null id that the guard sends for an undecodable request.
fn invalid_request_answer(s: &mut Server) -> Value {
    s.wait(|m| m["id"].is_null() && m.get("error").is_some())
        .unwrap_or_else(|| panic!("no error answer; log:\n{}", s.log()))
}

#[test]
fn requests_with_ids_that_cannot_be_echoed_get_invalid_request_and_the_server_serves_on() {
    let mut s = Server::start();
    s.initialize(&["utf-16"]);
    s.open(URI, TEXT);
    for id in ["1.5", "true", "{}", "18446744073709551615", "-1e3"] {
        let body =
            format!(r#"{{"jsonrpc":"2.0","id":{id},"method":"textDocument/hover","params":{{}}}}"#);
        s.send_frame(body.as_bytes());
        let answer = invalid_request_answer(&mut s);
        assert_eq!(answer["error"]["code"], -32600, "{id}: {answer}");
        // The same ids in a response to the server are dropped with a log line.
        s.send_frame(format!(r#"{{"jsonrpc":"2.0","id":{id},"result":null}}"#).as_bytes());
    }
    assert!(s.wait_log("an invalid response"), "{}", s.log());
    probe(&mut s, 100);
    // A request with a usable id but no "jsonrpc": "2.0" is answered with its id.
    s.send_frame(br#"{"jsonrpc":"1.0","id":"abc","method":"textDocument/hover"}"#);
    let answer = s.wait(|m| m["id"] == "abc").expect("answer to abc");
    assert_eq!(answer["error"]["code"], -32600);
    // Unparseable JSON: Parse error, id null.
    s.send_frame(b"{\"jsonrpc\": \"2.0\", \"id\": 1,");
    assert_eq!(invalid_request_answer(&mut s)["error"]["code"], -32700);
    probe(&mut s, 101);
    assert_eq!(s.shutdown(), Some(0));
}

#[test]
fn broken_headers_are_skipped_and_the_next_header_is_read() {
    let mut s = Server::start();
    s.initialize(&["utf-16"]);
    s.open(URI, TEXT);
    let hover = br#"{"jsonrpc":"2.0","id":9,"method":"textDocument/hover","params":{}}"#;
    let cases: [&[u8]; 7] = [
        b"Content-Length: abc\r\n\r\n",
        b"Content-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n",
        b"Content-Length: 99999999999999\r\n\r\n",
        b"Content-Length: -4\r\n\r\n",
        b"Content-Length:\r\n\r\n",
        b"garbage without a newline",
        b"Content-Length: 5\r\nnot a header line\r\n\r\n",
    ];
    for (i, broken) in cases.iter().enumerate() {
        let mut bytes = broken.to_vec();
        bytes.extend_from_slice(hover);
        s.send_raw(&bytes);
        probe(&mut s, 200 + i as i64);
    }
    // A length shorter than the body: the rest is skipped as garbage.
    let mut short = b"Content-Length: 10\r\n\r\n".to_vec();
    short.extend_from_slice(hover);
    s.send_raw(&short);
    probe(&mut s, 300);
    // Non-UTF-8 header bytes and a header block that never ends.
    s.send_raw(b"\xff\xfe\r\n\r\n");
    s.send_raw(&[b'X'; 20_000]);
    s.send_raw(b"\r\n\r\n");
    probe(&mut s, 301);
    // The log is read on its own thread: wait for it rather than read it once.
    for line in ["is not a number", "over the limit", "not a message header"] {
        assert!(s.wait_log(line), "{line}: {}", s.log());
    }
    assert_eq!(s.shutdown(), Some(0));
}

#[test]
fn exit_without_shutdown_ends_with_status_one() {
    let mut s = Server::start();
    s.initialize(&[]);
    s.notify("exit", Value::Null);
    assert_eq!(s.wait_exit(), Some(1));
    // Closing stdin without shutdown is no clean end either.
    let mut s = Server::start();
    s.initialize(&[]);
    s.close_stdin();
    assert_eq!(s.wait_exit(), Some(1));
}

fn did_change(s: &mut Server, version: Value, changes: Value) {
    s.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": URI, "version": version}, "contentChanges": changes}),
    );
}

#[test]
fn an_undecodable_change_is_reported_and_the_document_waits_for_a_full_text() {
    for (version, changes) in [
        (Value::Null, json!([{"text": "x"}])),
        (
            json!(2),
            json!([{"range": {"start": {"line": 0, "character": 4294967296u64},
                "end": {"line": 0, "character": 0}}, "text": "x"}]),
        ),
    ] {
        let mut s = Server::start();
        s.initialize(&["utf-16"]);
        s.open(URI, TEXT);
        s.diagnostics(URI, 1);
        did_change(&mut s, version, changes);
        // Other messages (a finished workspace scan re-publishing version 1) may come
        // between these; wait for the ones this test is about.
        let shown = s
            .wait(|m| {
                m["method"] == "window/showMessage"
                    && m["params"]["message"]
                        .as_str()
                        .is_some_and(|t| t.contains("reopen"))
            })
            .expect("the user is told");
        let text = shown["params"]["message"].as_str().unwrap_or_default();
        assert!(text.contains("reopen"), "{text}");
        assert!(s.wait_log("could not be decoded"), "{}", s.log());
        // The stale diagnostics are withdrawn.
        let cleared = s.wait(|m| {
            m["method"] == "textDocument/publishDiagnostics"
                && m["params"]["diagnostics"] == json!([])
        });
        assert!(cleared.is_some(), "the stale diagnostics are withdrawn");
        // Incremental edits are refused until a full text arrives.
        let edit = json!([{"range": {"start": {"line": 3, "character": 7},
            "end": {"line": 3, "character": 11}}, "text": "Read"}]);
        did_change(&mut s, json!(3), edit);
        assert!(s.wait_log("out of sync until reopened"), "{}", s.log());
        let full = "---\nname: demo\ndescription: d\ntools: Reed\n---\n";
        did_change(&mut s, json!(4), json!([{"text": full}]));
        let diags = s.diagnostics(URI, 4);
        assert!(
            diags.iter().any(|d| d["code"] == "unknown-tool"),
            "{diags:?}"
        );
        assert_eq!(s.shutdown(), Some(0));
    }
}

/// A small deterministic generator (xorshift), so a failure replays.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

/// A JSON value that is not a usable JSON-RPC id (or, sometimes, one that is).
fn odd_id(rng: &mut Rng) -> String {
    let ids = [
        "1.5",
        "true",
        "false",
        "{}",
        "[]",
        "18446744073709551615",
        "9223372036854775808",
        "-9223372036854775809",
        "1e400",
        "0.0",
        "\"s\"",
        "null",
        "-0",
        "[1,{\"a\":2}]",
    ];
    ids[rng.below(ids.len() as u64) as usize].to_string()
}

/// One malformed message: bad ids, bad JSON, bad headers, short lengths, junk bytes.
fn malformed(rng: &mut Rng) -> Vec<u8> {
    let id = odd_id(rng);
    match rng.below(8) {
        0 => frame(format!(r#"{{"jsonrpc":"2.0","id":{id},"method":"textDocument/hover"}}"#).as_bytes()),
        1 => frame(format!(r#"{{"jsonrpc":"2.0","id":{id},"result":{{}}}}"#).as_bytes()),
        2 => frame(format!(r#"{{"jsonrpc":"2.0","id":{id},"error":{{"code":{id},"message":1}}}}"#).as_bytes()),
        3 => {
            let body = format!(r#"{{"jsonrpc":"2.0","id":{id},"method":"x","params":[1,2"#);
            let cut = rng.below(body.len() as u64) as usize;
            frame(&body.as_bytes()[..cut])
        }
        4 => format!("Content-Length: {}\r\n\r\n", ["x", "", "-1", "1e3", "99999999999999999999"][rng.below(5) as usize]).into_bytes(),
        5 => (0..rng.below(64)).map(|_| rng.below(256) as u8).collect(),
        6 => {
            let body = br#"{"jsonrpc":"2.0","method":"initialized","params":{}}"#;
            let short = rng.below(body.len() as u64);
            let mut out = format!("Content-Length: {short}\r\n\r\n").into_bytes();
            out.extend_from_slice(body);
            out
        }
        _ => frame(format!(r#"{{"jsonrpc":"2.0","method":"textDocument/didChange","params":{{"textDocument":{{"uri":"{URI}","version":{id}}},"contentChanges":[]}}}}"#).as_bytes()),
    }
}

#[test]
fn generated_malformed_frames_and_ids_never_stop_the_server() {
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let mut s = Server::start();
    s.initialize(&["utf-16"]);
    s.open(URI, TEXT);
    for round in 0..150 {
        let bytes = malformed(&mut rng);
        s.send_raw(&bytes);
        probe(&mut s, 1000 + round);
    }
    assert!(s.child.try_wait().ok().flatten().is_none(), "server ended");
    assert_eq!(s.shutdown(), Some(0));
}
