//! A guard around tower-lsp-server's stdin and stdout: it re-frames the client's
//! messages, answers the requests tower-lsp-server could not decode with a JSON-RPC error,
//! drops the other undecodable messages with a log line, and resynchronises on the next
//! header after a broken one.
//!
//! Why: tower-lsp-server reads stdin through tokio-util's `FramedRead`, which ends the
//! stream after the first decode error, so a single malformed message (bad JSON, an `id`
//! of `1.5`, a missing Content-Length) would stop the server for good. Only messages
//! that tower-lsp-server's own types decode are passed on. Its stdout is re-framed too,
//! so that the guard's answers are written between whole messages, never inside one.
//!
//! stdin and stdout are each served by a thread of their own: tokio's handles hand every
//! read and write to its blocking pool and wait for the answer, three round trips between
//! threads per message that were most of a keystroke's latency.

use serde::Deserialize;
use serde_json::{json, Value};
use std::io::{Read, Write};
use tokio::io::{AsyncBufRead, AsyncBufReadExt, AsyncRead, AsyncReadExt};
use tokio::io::{AsyncWriteExt, BufReader, DuplexStream};
use tokio::sync::mpsc;
use tokio::sync::oneshot;
use tower_lsp_server::jsonrpc::{Request, Response};
use tower_lsp_server::ls_types::DidChangeTextDocumentParams;

/// Messages larger than this are not read (a broken or hostile Content-Length): the
/// largest agent file worth analysing is far smaller.
const MAX_MESSAGE: usize = 64 * 1024 * 1024;

/// A header block (every line up to the blank one) is never longer than this.
const MAX_HEADER_BLOCK: usize = 8 * 1024;

/// The notification the guard sends instead of a `didChange` whose parameters do not
/// decode (tower-lsp-server would drop it silently); see `Backend::undecodable_change`.
pub const UNDECODABLE_CHANGE: &str = "agent-lsp/undecodableDidChange";

/// What tower-lsp-server decodes: the same untagged shape as its (private) `Message`.
#[derive(Deserialize)]
#[serde(untagged)]
enum Message {
    // Never read: decoding is the test.
    #[allow(dead_code)]
    Response(Response),
    Request(Request),
}

/// What becomes of one message body.
#[derive(Debug, PartialEq)]
enum Verdict {
    /// Passed on to the server (possibly rewritten).
    Pass(Vec<u8>),
    /// Answered by the guard with this error response; the reason is logged.
    Answer(Value, String),
    /// Dropped with a log line.
    Drop(String),
}

/// The code and message of a JSON-RPC error response with `id` (null when unknown).
fn error_response(id: Value, code: i64, message: &str) -> Value {
    json!({"jsonrpc": "2.0", "id": id, "error": {"code": code, "message": message}})
}

/// `id` as tower-lsp-server can echo it (an integer of i64, a string or null), else null.
fn usable_id(id: &Value) -> Value {
    match id {
        Value::String(_) | Value::Null => id.clone(),
        Value::Number(n) if n.is_i64() => id.clone(),
        _ => Value::Null,
    }
}

/// Decides what to do with a message body.
fn classify(body: Vec<u8>) -> Verdict {
    match serde_json::from_slice::<Message>(&body) {
        Ok(Message::Request(req)) if req.method() == "textDocument/didChange" => {
            check_did_change(req, body)
        }
        Ok(_) => Verdict::Pass(body),
        Err(_) => explain(&body),
    }
}

/// Says why tower-lsp-server cannot decode `body`, and answers it when it is a request.
fn explain(body: &[u8]) -> Verdict {
    let value: Value = match serde_json::from_slice(body) {
        Ok(v) => v,
        Err(e) => {
            let why = format!("not JSON ({e})");
            return Verdict::Answer(error_response(Value::Null, -32700, "Parse error"), why);
        }
    };
    let Some(obj) = value.as_object() else {
        let why = "not a JSON-RPC object (batches are not supported)".to_string();
        let answer = error_response(Value::Null, -32600, "Invalid Request: not an object");
        return Verdict::Answer(answer, why);
    };
    let method = obj.get("method");
    match (method, obj.get("id")) {
        (Some(_), Some(id)) => {
            let why = format!(
                "an invalid request (id {id}, method {})",
                method_name(method)
            );
            let answer = error_response(usable_id(id), -32600, "Invalid Request");
            Verdict::Answer(answer, why)
        }
        (Some(_), None) => Verdict::Drop(format!(
            "an invalid notification (method {})",
            method_name(method)
        )),
        (None, id) => Verdict::Drop(format!(
            "an invalid response (id {})",
            id.map_or("missing".to_string(), Value::to_string)
        )),
    }
}

/// The method for a log line, shortened: it came from the client.
fn method_name(method: Option<&Value>) -> String {
    let s = method.map(Value::to_string).unwrap_or_default();
    s.chars().take(80).collect()
}

/// A `didChange` whose parameters do not decode becomes an `UNDECODABLE_CHANGE` with
/// the document's URI and the reason, so the server can tell the user.
fn check_did_change(req: Request, body: Vec<u8>) -> Verdict {
    let params = req.params().cloned().unwrap_or(Value::Null);
    let Err(e) = DidChangeTextDocumentParams::deserialize(&params) else {
        return Verdict::Pass(body);
    };
    let uri = params.pointer("/textDocument/uri").cloned();
    let rewritten = json!({
        "jsonrpc": "2.0",
        "method": UNDECODABLE_CHANGE,
        "params": {"uri": uri, "error": e.to_string()},
    });
    Verdict::Pass(serde_json::to_vec(&rewritten).unwrap_or(body))
}

/// Case-insensitive start of every header block we accept.
const LENGTH_HEADER: &[u8] = b"content-length:";

/// Bytes skipped while looking for a header; the first ones are kept to tell
/// harmless headers (Content-Type) from garbage.
#[derive(Default)]
struct Skipped {
    count: usize,
    start: Vec<u8>,
}

impl Skipped {
    fn push(&mut self, bytes: &[u8]) {
        self.count += bytes.len();
        let room = 1024usize.saturating_sub(self.start.len());
        self.start
            .extend_from_slice(&bytes[..bytes.len().min(room)]);
    }

    /// Whether the skipped bytes were anything but blank lines and `Name: value` headers.
    fn is_garbage(&self) -> bool {
        if self.count > self.start.len() {
            return true;
        }
        self.start.split(|&b| b == b'\n').any(|line| {
            let line = line.strip_suffix(b"\r").unwrap_or(line);
            !line.is_empty() && !looks_like_header(line)
        })
    }
}

fn looks_like_header(line: &[u8]) -> bool {
    let Some(colon) = line.iter().position(|&b| b == b':') else {
        return false;
    };
    colon > 0
        && line[..colon]
            .iter()
            .all(|b| b.is_ascii_alphanumeric() || *b == b'-')
}

/// Consumes input up to and including the next `Content-Length:` (any case); false at
/// the end of input. The pattern's first byte never recurs in it, so a mismatch can
/// only restart a match at that byte.
async fn skip_to_header<R: AsyncBufRead + Unpin>(input: &mut R, skipped: &mut Skipped) -> bool {
    let mut matched = 0;
    loop {
        let Ok(buf) = input.fill_buf().await else {
            return false;
        };
        if buf.is_empty() {
            return false;
        }
        let mut used: usize = 0;
        for &b in buf {
            used += 1;
            let b = b.to_ascii_lowercase();
            matched = if b == LENGTH_HEADER[matched] {
                matched + 1
            } else {
                usize::from(b == LENGTH_HEADER[0])
            };
            if matched == LENGTH_HEADER.len() {
                break;
            }
        }
        let done = matched == LENGTH_HEADER.len();
        // Keep what was skipped, less the (partly) matched header name.
        skipped.push(&buf[..used.saturating_sub(matched)]);
        input.consume(used);
        if done {
            return true;
        }
    }
}

/// Reads the rest of a header block after `Content-Length:`. Returns None at the end of
/// input, else the length or why the block is unusable.
async fn read_header_rest<R: AsyncBufRead + Unpin>(input: &mut R) -> Option<Result<usize, String>> {
    let mut block = Vec::new();
    let mut lines = Vec::new();
    loop {
        let start = block.len();
        let limit = MAX_HEADER_BLOCK.saturating_sub(start) as u64;
        match (&mut *input)
            .take(limit)
            .read_until(b'\n', &mut block)
            .await
        {
            Ok(0) if limit > 0 => return None,
            Err(_) => return None,
            _ => {}
        }
        if !block.ends_with(b"\n") {
            return Some(Err("a header block too long or cut short".into()));
        }
        let line = block[start..].trim_ascii_end().to_vec();
        // The first line is the Content-Length value, even when empty.
        if line.is_empty() && !lines.is_empty() {
            break;
        }
        lines.push(line);
    }
    let (value, rest) = lines.split_first()?;
    Some(parse_length(value, rest))
}

/// The message length from the Content-Length value and the other header lines.
fn parse_length(value: &[u8], rest: &[Vec<u8>]) -> Result<usize, String> {
    let value = String::from_utf8_lossy(value);
    if let Some(bad) = rest.iter().find(|l| !looks_like_header(l)) {
        let bad: String = String::from_utf8_lossy(bad).chars().take(40).collect();
        return Err(format!(
            "a header block with a line that is not a header ({bad:?})"
        ));
    }
    let shown: String = value.trim().chars().take(40).collect();
    match value.trim().parse::<usize>() {
        Ok(n) if n <= MAX_MESSAGE => Ok(n),
        Ok(n) => Err(format!(
            "Content-Length {n} over the limit of {MAX_MESSAGE}"
        )),
        Err(_) => Err(format!("Content-Length {shown:?} is not a number")),
    }
}

/// Reads the client's messages, passes the decodable ones to `to_server` and the guard's
/// answers to `answers`, until the input or the server ends.
async fn guard_input<R: AsyncRead + Unpin>(
    input: R,
    mut to_server: DuplexStream,
    answers: mpsc::Sender<Out>,
) {
    let mut input = BufReader::new(input);
    loop {
        let mut skipped = Skipped::default();
        let found = skip_to_header(&mut input, &mut skipped).await;
        if skipped.is_garbage() {
            tracing::error!(
                "skipped {} bytes from the client that were not a message header",
                skipped.count
            );
        }
        if !found {
            break;
        }
        let len = match read_header_rest(&mut input).await {
            None => break,
            Some(Ok(len)) => len,
            Some(Err(why)) => {
                tracing::error!(
                    "ignored a message from the client: {why}; skipping to the next header"
                );
                continue;
            }
        };
        let mut body = Vec::new();
        let read = (&mut input).take(len as u64).read_to_end(&mut body).await;
        if read.is_err() || body.len() < len {
            break;
        }
        let body = match classify(body) {
            Verdict::Pass(body) => body,
            Verdict::Answer(answer, why) => {
                tracing::error!("answered a message from the client with an error: {why}");
                let bytes = serde_json::to_vec(&answer).unwrap_or_default();
                if answers.send(Out::Frame(bytes)).await.is_err() {
                    break;
                }
                continue;
            }
            Verdict::Drop(why) => {
                tracing::error!("ignored a message from the client: {why}");
                continue;
            }
        };
        let frame = format!("Content-Length: {}\r\n\r\n", body.len());
        if to_server.write_all(frame.as_bytes()).await.is_err()
            || to_server.write_all(&body).await.is_err()
        {
            break;
        }
    }
    // Dropping `to_server` ends the server's input: the same as the client closing stdin.
}

/// What the output task writes: a message body, or the end of the server's output.
enum Out {
    Frame(Vec<u8>),
    End,
}

/// Reads the server's own frames (well-formed: tower-lsp-server writes them) and queues
/// each whole; `End` when the server closes its output.
async fn read_server_output(from_server: DuplexStream, out: mpsc::Sender<Out>) {
    let mut from_server = BufReader::new(from_server);
    loop {
        let mut skipped = Skipped::default();
        if !skip_to_header(&mut from_server, &mut skipped).await {
            break;
        }
        let Some(Ok(len)) = read_header_rest(&mut from_server).await else {
            break;
        };
        let mut body = Vec::new();
        let read = (&mut from_server)
            .take(len as u64)
            .read_to_end(&mut body)
            .await;
        if read.is_err() || out.send(Out::Frame(body)).await.is_err() {
            break;
        }
    }
    let _ = out.send(Out::End).await;
}

/// Writes queued messages to `output`, one whole frame per write, until `End`
/// (blocking: it runs on a thread of its own).
fn write_output<W: Write>(mut output: W, mut queue: mpsc::Receiver<Out>) {
    while let Some(Out::Frame(body)) = queue.blocking_recv() {
        let mut frame = format!("Content-Length: {}\r\n\r\n", body.len()).into_bytes();
        frame.extend_from_slice(&body);
        if output
            .write_all(&frame)
            .and_then(|()| output.flush())
            .is_err()
        {
            break;
        }
    }
}

/// `input` read on a thread of its own, as an async stream (the thread ends with the
/// input, or when nothing reads the stream any more). Call it inside the runtime.
pub fn read_on_thread<R: Read + Send + 'static>(mut input: R) -> std::io::Result<DuplexStream> {
    let (mut to_stream, stream) = tokio::io::duplex(1 << 16);
    let runtime = tokio::runtime::Handle::current();
    let read = move || {
        let mut buf = vec![0; 1 << 16];
        loop {
            let n = match input.read(&mut buf) {
                Ok(0) => break,
                Ok(n) => n,
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                Err(_) => break,
            };
            if runtime.block_on(to_stream.write_all(&buf[..n])).is_err() {
                break;
            }
        }
    };
    std::thread::Builder::new()
        .name("agent-lsp-input".into())
        .spawn(read)?;
    Ok(stream)
}

/// The server's side of the guard.
pub struct Guarded {
    /// What the server reads: only messages tower-lsp-server decodes.
    pub input: DuplexStream,
    /// Where the server writes.
    pub output: DuplexStream,
    /// Answers once everything the server wrote has reached the real output.
    pub flushed: oneshot::Receiver<()>,
}

/// Puts the guard between the client's `input` and `output` (written on a thread of its
/// own) and the server. Call it inside the runtime.
pub fn guard<R, W>(input: R, output: W) -> std::io::Result<Guarded>
where
    R: AsyncRead + Unpin + Send + 'static,
    W: Write + Send + 'static,
{
    let (to_server, server_input) = tokio::io::duplex(1 << 16);
    let (server_output, from_server) = tokio::io::duplex(1 << 16);
    let (out, queue) = mpsc::channel(64);
    let (done, flushed) = oneshot::channel();
    std::thread::Builder::new()
        .name("agent-lsp-output".into())
        .spawn(move || {
            write_output(output, queue);
            let _ = done.send(());
        })?;
    tokio::spawn(guard_input(input, to_server, out.clone()));
    tokio::spawn(read_server_output(from_server, out));
    Ok(Guarded {
        input: server_input,
        output: server_output,
        flushed,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn verdict(body: &str) -> Verdict {
        classify(body.as_bytes().to_vec())
    }

    fn answered_id(body: &str) -> Option<Value> {
        match verdict(body) {
            Verdict::Answer(a, _) => Some(a["id"].clone()),
            _ => None,
        }
    }

    #[test]
    fn passes_what_tower_lsp_server_decodes() {
        for ok in [
            r#"{"jsonrpc":"2.0","id":1,"method":"initialize","params":{}}"#,
            r#"{"jsonrpc":"2.0","method":"exit"}"#,
            r#"{"jsonrpc":"2.0","id":1,"result":null}"#,
            r#"{"jsonrpc":"2.0","id":"x","method":"a\"b","params":{"text":"x"}}"#,
            r#"{"jsonrpc":"2.0","id":-9223372036854775808,"method":"m"}"#,
        ] {
            assert!(matches!(verdict(ok), Verdict::Pass(_)), "{ok}");
        }
    }

    #[test]
    fn answers_requests_it_cannot_pass_and_drops_the_rest() {
        for id in ["1.5", "true", "{}", "18446744073709551615", "[1]"] {
            let body = format!(r#"{{"jsonrpc":"2.0","id":{id},"method":"hover"}}"#);
            assert_eq!(answered_id(&body), Some(Value::Null), "{body}");
        }
        // A valid id with an invalid version is answered with that id.
        let body = r#"{"jsonrpc":"1.0","id":4,"method":"hover"}"#;
        assert_eq!(answered_id(body), Some(json!(4)));
        assert_eq!(answered_id("{not json"), Some(Value::Null));
        assert_eq!(answered_id("[1,2]"), Some(Value::Null));
        for dropped in [
            r#"{"jsonrpc":"2.0","id":1.5,"result":null}"#,
            r#"{"jsonrpc":"2.0","id":{},"error":{"code":1,"message":"m"}}"#,
            r#"{"jsonrpc":"1.0","method":"x"}"#,
            r#"{"jsonrpc":"2.0","method":7}"#,
        ] {
            assert!(matches!(verdict(dropped), Verdict::Drop(_)), "{dropped}");
        }
    }

    #[test]
    fn rewrites_an_undecodable_did_change() {
        let body = r#"{"jsonrpc":"2.0","method":"textDocument/didChange","params":{"textDocument":{"uri":"file:///a.md","version":null},"contentChanges":[]}}"#;
        let Verdict::Pass(out) = verdict(body) else {
            panic!("not passed")
        };
        let v: Value = serde_json::from_slice(&out).expect("json");
        assert_eq!(v["method"], UNDECODABLE_CHANGE);
        assert_eq!(v["params"]["uri"], "file:///a.md");
    }

    #[test]
    fn tells_garbage_from_headers() {
        let mut s = Skipped::default();
        s.push(b"\r\nContent-Type: application/json\r\n");
        assert!(!s.is_garbage());
        s.push(b"{\"x\":1}");
        assert!(s.is_garbage());
    }
}
