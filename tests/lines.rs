//! Line breaks, BOM and emoji pinned over LSP, in both position encodings: what each
//! diagnostic's range covers, read back by this file's own reading of the LSP spec (kept
//! apart from `server/src/text.rs` so that each checks the other).

use crate::support::rpc::Server;
use serde_json::{json, Value};

/// The byte offset of an LSP position: lines end at "\n", "\r\n" or a lone "\r";
/// columns count UTF-8 bytes or UTF-16 units.
fn offset(text: &str, pos: &Value, utf8: bool) -> usize {
    let b = text.as_bytes();
    let mut starts = vec![0];
    for (i, &c) in b.iter().enumerate() {
        if c == b'\n' || (c == b'\r' && b.get(i + 1) != Some(&b'\n')) {
            starts.push(i + 1);
        }
    }
    let line = pos["line"].as_u64().unwrap_or(0) as usize;
    let want = pos["character"].as_u64().unwrap_or(0) as usize;
    let mut at = starts[line];
    let mut units = 0;
    for c in text[at..].chars() {
        if units >= want || c == '\n' || c == '\r' {
            break;
        }
        units += if utf8 { c.len_utf8() } else { c.len_utf16() };
        at += c.len_utf8();
    }
    at
}

fn position(p: &Value) -> String {
    format!("{}:{}", p["line"], p["character"])
}

/// Each diagnostic: its LSP range, its code, and the text it covers.
fn render(text: &str, diagnostics: &[Value], utf8: bool) -> Vec<String> {
    diagnostics
        .iter()
        .map(|d| {
            let r = &d["range"];
            let covered = &text[offset(text, &r["start"], utf8)..offset(text, &r["end"], utf8)];
            format!(
                "{}-{} {} {covered:?}",
                position(&r["start"]),
                position(&r["end"]),
                d["code"].as_str().unwrap_or_default(),
            )
        })
        .collect()
}

fn diagnostics(text: &str, encoding: &str) -> Vec<Value> {
    let mut s = Server::start();
    s.initialize(&[encoding]);
    let uri = "file:///lines/.claude/agents/agent.md";
    s.open(uri, text);
    let d = s.diagnostics(uri, 1);
    let _ = s.shutdown();
    d
}

/// Both encodings must cover the same text; the snapshot shows the UTF-16 positions (what
/// most editors use) and, where they differ, the UTF-8 ones.
#[test]
fn diagnostic_ranges_cover_the_same_text_in_both_encodings() {
    let mut settings = insta::Settings::clone_current();
    settings.set_prepend_module_to_snapshot(false);
    settings.bind(|| {
        insta::glob!("fixtures", "lines/*.md", |path| {
            let text = crate::support::read(path);
            let utf16 = render(&text, &diagnostics(&text, "utf-16"), false);
            let utf8 = render(&text, &diagnostics(&text, "utf-8"), true);
            let covered = |lines: &[String]| -> Vec<String> {
                lines
                    .iter()
                    .map(|l| {
                        l.split_once(' ')
                            .map(|x| x.1.to_string())
                            .unwrap_or_default()
                    })
                    .collect()
            };
            assert_eq!(covered(&utf16), covered(&utf8), "{}", path.display());
            let mut out = String::new();
            for (a, b) in utf16.iter().zip(&utf8) {
                out.push_str(a);
                out.push('\n');
                if a != b {
                    out.push_str(&format!("  utf-8: {}\n", b.split(' ').next().unwrap_or("")));
                }
            }
            insta::assert_snapshot!("lines-lsp", out);
        });
    });
}

#[test]
fn completion_on_a_value_line_ending_in_a_lone_cr_edits_that_line_only() {
    let text = "---\nname: a\rmodel: so\rtools: Read\r---\n";
    for encoding in ["utf-16", "utf-8"] {
        let mut s = Server::start();
        s.initialize(&[encoding]);
        let uri = "file:///lines/.claude/agents/a.md";
        s.open(uri, text);
        s.diagnostics(uri, 1);
        let items = s.request(
            "textDocument/completion",
            json!({"textDocument": {"uri": uri}, "position": {"line": 2, "character": 9}}),
        );
        let items = items.as_array().cloned().unwrap_or_default();
        assert!(
            items.iter().any(|i| i["label"] == "sonnet"),
            "{encoding}: {items:?}"
        );
        for i in &items {
            let r = &i["textEdit"]["range"];
            assert_eq!(
                (&r["start"]["line"], &r["end"]["line"]),
                (&json!(2), &json!(2)),
                "{encoding}: {i}"
            );
            assert_eq!(r["start"]["character"], 7, "{encoding}: replaces `so`");
            assert_eq!(r["end"]["character"], 9, "{encoding}: replaces `so`");
        }
        let _ = s.shutdown();
    }
}
