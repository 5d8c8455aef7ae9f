//! `check --format sarif`: one SARIF 2.1.0 log, written piece by piece like the JSON
//! output (the rules first, then each file's results, the closing brackets last).
//! Lines are 1-based; columns are 1-based UTF-16 code units, SARIF's default
//! `columnKind`, which the run states explicitly.

use crate::analysis::{Diagnostic, Edit, Fix, Severity};
use crate::cli::check::{Checked, SkippedFile};
use crate::rules::{self, Rule};
use crate::text::{Encoding, Lines};
use serde_json::{json, Value};
use std::path::Path;

/// Where each rule's documentation lives (`helpUri`).
const RULES_DOC: &str = "https://github.com/agent-lsp/agent-lsp/blob/main/docs/rules.md";

/// The log up to the opening of the results array.
pub fn start() -> String {
    let driver = json!({
        "name": "agent-lsp",
        "version": env!("CARGO_PKG_VERSION"),
        "semanticVersion": env!("CARGO_PKG_VERSION"),
        "informationUri": "https://github.com/agent-lsp/agent-lsp",
        "rules": rules::ALL.iter().map(|r| rule(r)).collect::<Vec<_>>(),
    });
    let driver = serde_json::to_string_pretty(&driver).unwrap_or_default();
    format!(
        "{{\n  \"$schema\": \"https://json.schemastore.org/sarif-2.1.0.json\",\n  \"version\": \"2.1.0\",\n  \"runs\": [\n    {{\n      \"tool\": {{\n        \"driver\": {}\n      }},\n      \"columnKind\": \"utf16CodeUnits\",\n      \"results\": [",
        super::indent(&driver, "        ", false)
    )
}

/// Closes the results; then the run's invocation, whose tool notifications list the
/// paths found but not checked (with no such path, none); then the log.
pub fn finish(results: usize, skipped: &[SkippedFile]) -> String {
    let pad = if results > 0 { "\n      " } else { "" };
    let invocation = if skipped.is_empty() {
        String::new()
    } else {
        let notes: Vec<Value> = skipped
            .iter()
            .map(|s| {
                json!({
                    "level": "error",
                    "message": {"text": format!("not checked: {}", s.reason)},
                    "locations": [{"physicalLocation": {"artifactLocation": {"uri": uri(&s.path)}}}],
                })
            })
            .collect();
        let invocations = json!([{
            "executionSuccessful": false,
            "toolExecutionNotifications": notes,
        }]);
        let pretty = serde_json::to_string_pretty(&invocations).unwrap_or_default();
        format!(
            ",\n      \"invocations\": {}",
            super::indent(&pretty, "      ", false)
        )
    };
    format!("{pad}]{invocation}\n    }}\n  ]\n}}\n")
}

fn rule(r: &Rule) -> Value {
    let mut v = json!({
        "id": r.code,
        "shortDescription": {"text": r.summary},
        "fullDescription": {"text": r.explanation},
        "help": {
            "text": format!("{}\n\nReported:\n{}\nFixed:\n{}", r.explanation, r.bad, r.good),
            "markdown": format!(
                "{}\n\nReported:\n\n```markdown\n{}\n```\n\nFixed:\n\n```markdown\n{}\n```",
                r.explanation, r.bad.trim_end(), r.good.trim_end()
            ),
        },
        "helpUri": format!("{RULES_DOC}#{}", r.code),
        "defaultConfiguration": {"level": level(r.severity)},
        "properties": {"formats": r.formats_described()},
    });
    // SARIF wants a friendly name different from the id (ignoring case), or none.
    let name = pascal_case(r.code);
    if !name.eq_ignore_ascii_case(r.code) {
        v["name"] = json!(name);
    }
    v
}

/// The rule's "friendly name" SARIF asks for: `unknown-tool` is `UnknownTool`.
fn pascal_case(code: &str) -> String {
    code.split('-')
        .flat_map(|w| {
            let mut c = w.chars();
            c.next()
                .map(|f| f.to_ascii_uppercase())
                .into_iter()
                .chain(c)
        })
        .collect()
}

/// SARIF has no hint: info and hint are both notes.
fn level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info | Severity::Hint => "note",
    }
}

/// One file's results.
pub fn results(c: &Checked) -> Vec<Value> {
    let lines = Lines::new(&c.text);
    let uri = uri(&c.path);
    let region = |r: &std::ops::Range<usize>| region(&lines, r);
    c.analysis
        .diagnostics
        .iter()
        .map(|d| result(d, &uri, &region))
        .collect()
}

fn result(d: &Diagnostic, uri: &str, region: &dyn Fn(&std::ops::Range<usize>) -> Value) -> Value {
    let mut v = json!({
        "ruleId": d.code,
        "level": level(d.severity),
        "message": {"text": d.message},
        "locations": [{
            "physicalLocation": {
                "artifactLocation": {"uri": uri},
                "region": region(&d.range),
            }
        }],
    });
    if let Some(i) = rules::ALL.iter().position(|r| r.code == d.code) {
        v["ruleIndex"] = json!(i);
    }
    if !d.fixes.is_empty() {
        v["fixes"] = d.fixes.iter().map(|f| fix(f, uri, region)).collect();
    }
    v
}

fn fix(f: &Fix, uri: &str, region: &dyn Fn(&std::ops::Range<usize>) -> Value) -> Value {
    let replacement = |e: &Edit| {
        json!({
            "deletedRegion": region(&e.range),
            "insertedContent": {"text": e.new_text},
        })
    };
    json!({
        "description": {"text": f.title},
        "artifactChanges": [{
            "artifactLocation": {"uri": uri},
            "replacements": f.edits.iter().map(replacement).collect::<Vec<_>>(),
        }],
    })
}

/// A byte range as a SARIF text region: 1-based lines, 1-based UTF-16 columns, the end
/// column just past the last character (equal to the start for an empty range).
fn region(lines: &Lines, r: &std::ops::Range<usize>) -> Value {
    let (start_line, start_column) = position(lines, r.start);
    let (end_line, end_column) = position(lines, r.end.max(r.start));
    json!({
        "startLine": start_line,
        "startColumn": start_column,
        "endLine": end_line,
        "endColumn": end_column,
    })
}

fn position(lines: &Lines, offset: usize) -> (usize, usize) {
    let p = lines.position(offset, Encoding::Utf16);
    (p.line as usize + 1, p.col as usize + 1)
}

/// A relative URI reference for a relative path (`./` dropped), a `file://` URI for an
/// absolute one; bytes outside RFC 3986's unreserved set and `/` are percent-encoded.
fn uri(path: &Path) -> String {
    let shown = path.to_string_lossy();
    let rel = shown.strip_prefix("./").unwrap_or(&shown);
    let mut out = String::with_capacity(rel.len() + 8);
    if path.is_absolute() {
        out.push_str("file://");
    }
    for b in rel.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/".contains(&b) {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_count_utf16_code_units() {
        let text = "a😀b\r\nx";
        let lines = Lines::new(text);
        assert_eq!(position(&lines, 0), (1, 1));
        assert_eq!(position(&lines, 5), (1, 4));
        assert_eq!(position(&lines, 6), (1, 5));
        assert_eq!(position(&lines, 8), (2, 1));
    }

    #[test]
    fn paths_become_uri_references() {
        assert_eq!(uri(Path::new("./a b/%x.md")), "a%20b/%25x.md");
        assert_eq!(uri(Path::new("/p/é.md")), "file:///p/%C3%A9.md");
    }
}
