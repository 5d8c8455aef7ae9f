//! A guard in front of tower-lsp-server's stdin: it re-frames the client's messages and
//! drops the ones that are not JSON-RPC, with a log line.
//!
//! Why: tower-lsp-server reads stdin through tokio-util's `FramedRead`, which ends the
//! stream after the first decode error, so a single malformed message (bad JSON, a batch
//! array, a missing Content-Length) would stop the server for good.

use serde::de::IgnoredAny;
use serde::Deserialize;
use tokio::io::{AsyncBufReadExt, AsyncRead, AsyncReadExt, AsyncWriteExt, BufReader};

/// Messages larger than this are not read into memory (a broken Content-Length).
const MAX_MESSAGE: usize = 256 * 1024 * 1024;

/// The parts of a message that decide whether tower-lsp-server can decode it; the rest
/// (a whole document's text in didOpen) is skipped without being built.
#[derive(Deserialize)]
struct Shape<'a> {
    #[serde(borrow)]
    jsonrpc: Option<std::borrow::Cow<'a, str>>,
    #[serde(borrow)]
    method: Option<std::borrow::Cow<'a, str>>,
    #[serde(default, deserialize_with = "present")]
    id: bool,
    #[serde(default, deserialize_with = "present")]
    result: bool,
    #[serde(default, deserialize_with = "present")]
    error: bool,
}

/// True when the field is there, whatever its value (`"result": null` counts).
fn present<'de, D: serde::Deserializer<'de>>(d: D) -> Result<bool, D::Error> {
    IgnoredAny::deserialize(d).map(|_| true)
}

/// Whether tower-lsp-server can decode `body` as a request, notification or response.
fn is_jsonrpc(body: &[u8]) -> Result<(), String> {
    let shape: Shape = match serde_json::from_slice(body) {
        Ok(s) => s,
        Err(e) if e.is_data() => {
            return Err("not a JSON-RPC object (batches are not supported)".into())
        }
        Err(e) => return Err(format!("not JSON ({e})")),
    };
    if shape.jsonrpc.as_deref() != Some("2.0") {
        return Err("no \"jsonrpc\": \"2.0\"".into());
    }
    let request = shape.method.is_some();
    let response = shape.id && (shape.result || shape.error);
    if request || response {
        Ok(())
    } else {
        Err("neither a request, a notification nor a response".into())
    }
}

/// Reads one header block; returns the Content-Length, None at end of input, and
/// Some(Err) for a block without a usable length.
async fn read_headers<R: AsyncBufReadExt + Unpin>(input: &mut R) -> Option<Result<usize, String>> {
    let mut length = None;
    let mut saw_any = false;
    loop {
        let mut line = String::new();
        match input.read_line(&mut line).await {
            Ok(0) | Err(_) => return None,
            Ok(_) => {}
        }
        let line = line.trim_end_matches(['\r', '\n']);
        if line.is_empty() {
            if saw_any {
                return Some(
                    length.ok_or_else(|| "a header block without Content-Length".to_string()),
                );
            }
            continue;
        }
        saw_any = true;
        if let Some((name, value)) = line.split_once(':') {
            if name.trim().eq_ignore_ascii_case("content-length") {
                length = value
                    .trim()
                    .parse::<usize>()
                    .ok()
                    .filter(|&n| n <= MAX_MESSAGE);
            }
        }
    }
}

/// Returns a reader that yields only well-formed, framed JSON-RPC messages from `input`.
pub fn guarded<R: AsyncRead + Unpin + Send + 'static>(input: R) -> impl AsyncRead + Send + Unpin {
    let (mut to_server, from_guard) = tokio::io::duplex(1 << 16);
    tokio::spawn(async move {
        let mut input = BufReader::new(input);
        while let Some(header) = read_headers(&mut input).await {
            let len = match header {
                Ok(len) => len,
                Err(why) => {
                    tracing::error!("ignored a message from the client: {why}");
                    continue;
                }
            };
            let mut body = vec![0; len];
            if input.read_exact(&mut body).await.is_err() {
                break;
            }
            if let Err(why) = is_jsonrpc(&body) {
                tracing::error!("ignored a message from the client: {why}");
                continue;
            }
            let frame = format!("Content-Length: {len}\r\n\r\n");
            if to_server.write_all(frame.as_bytes()).await.is_err()
                || to_server.write_all(&body).await.is_err()
            {
                break;
            }
        }
        // Dropping the writer ends the server's input: the same as the client closing stdin.
    });
    from_guard
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tells_jsonrpc_from_garbage() {
        assert!(
            is_jsonrpc(br#"{"jsonrpc":"2.0","id":1,"method":"initialize","params":{}}"#).is_ok()
        );
        assert!(is_jsonrpc(br#"{"jsonrpc":"2.0","method":"exit"}"#).is_ok());
        assert!(is_jsonrpc(br#"{"jsonrpc":"2.0","id":1,"result":null}"#).is_ok());
        assert!(is_jsonrpc(b"{not json").is_err());
        assert!(is_jsonrpc(b"[1,2]").is_err());
        assert!(is_jsonrpc(br#"{"jsonrpc":"1.0","method":"x"}"#).is_err());
        assert!(is_jsonrpc(br#"{"jsonrpc":"2.0","id":3}"#).is_err());
        assert!(is_jsonrpc(br#"{"jsonrpc":"2.0","method":7}"#).is_err());
        assert!(is_jsonrpc(br#"{"jsonrpc":"2.0","method":"a\"b","params":{"text":"x"}}"#).is_ok());
    }
}
