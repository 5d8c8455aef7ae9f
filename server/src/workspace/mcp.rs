//! `.mcp.json`: the project's MCP servers (`{"mcpServers": {name: config}}`), each with the
//! range of its key, read as strict JSON (Claude Code reads it with `JSON.parse`).

use super::{Fact, FactKind, FileProblem, McpServers};
use crate::discovery::{self, read};
use jsonc_parser::ast::{Object, Value};
use std::path::Path;

pub const FILE: &str = ".mcp.json";

/// Strict JSON: every extension jsonc-parser offers switched off.
fn strict() -> jsonc_parser::ParseOptions {
    jsonc_parser::ParseOptions {
        allow_comments: false,
        allow_loose_object_property_names: false,
        allow_trailing_commas: false,
        allow_missing_commas: false,
        allow_single_quoted_strings: false,
        allow_hexadecimal_numbers: false,
        allow_unary_plus_numbers: false,
        allow_bare_decimal_point_numbers: false,
        allow_non_finite_numbers: false,
        allow_extended_string_escapes: false,
    }
}

/// What `root/.mcp.json` says, with the servers it lists, or the problem with it.
pub fn read(root: &Path) -> (McpServers, Vec<Fact>, Option<FileProblem>) {
    let file = root.join(FILE);
    let text = match discovery::read_text(&file, read::MCP_JSON) {
        Ok((text, _)) => text,
        Err(e) if e.is_missing() => return (McpServers::Absent, Vec::new(), None),
        Err(e) => {
            let msg = format!("{e}; MCP server names are not checked");
            let p = FileProblem::unread(file, msg);
            return (McpServers::Unknown, Vec::new(), Some(p));
        }
    };
    match servers(&text, &file) {
        Ok(facts) => (McpServers::Listed, facts, None),
        Err((range, msg)) => {
            let p = FileProblem {
                file,
                range,
                severity: crate::rules::Severity::Error,
                code: None,
                message: format!("{msg}; MCP server names are not checked until it is fixed"),
                source: Some(text.into()),
            };
            (McpServers::Unknown, Vec::new(), Some(p))
        }
    }
}

/// The servers of `.mcp.json` text, in the order the file lists them.
pub fn servers(text: &str, file: &Path) -> Result<Vec<Fact>, (std::ops::Range<usize>, String)> {
    let parsed = jsonc_parser::parse_to_ast(text, &Default::default(), &strict()).map_err(|e| {
        let r = e.range();
        (r.start..r.end, format!("invalid JSON: {}", e.kind()))
    })?;
    let Some(Value::Object(top)) = parsed.value else {
        return Err((0..text.len().min(1), "not a JSON object".to_string()));
    };
    let Some(prop) = top.get("mcpServers") else {
        return Ok(Vec::new());
    };
    let Value::Object(list) = &prop.value else {
        let r = prop.range;
        return Err((r.start..r.end, "`mcpServers` is not an object".to_string()));
    };
    let mut places = crate::text::Placer::new(text);
    Ok(list
        .properties
        .iter()
        .map(|p| {
            let name = p.name.as_str();
            let range = match &p.name {
                jsonc_parser::ast::ObjectPropName::String(s) => s.range.start..s.range.end,
                jsonc_parser::ast::ObjectPropName::Word(w) => w.range.start..w.range.end,
            };
            Fact {
                kind: FactKind::McpServer,
                name: name.into(),
                doc: Some(doc(&p.value).into()),
                file: file.into(),
                span: super::Span::new(&mut places, range),
                scope: super::Scope::Project,
            }
        })
        .collect())
}

/// What a server runs or connects to, for hover and completion.
fn doc(config: &Value) -> String {
    let field = |o: &Object, key: &str| o.get_string(key).map(|s| s.value.to_string());
    let runs = match config {
        Value::Object(o) => field(o, "command")
            .map(|c| format!("runs `{c}`"))
            .or_else(|| field(o, "url").map(|u| format!("connects to {u}"))),
        _ => None,
    };
    format!(
        "MCP server from `.mcp.json`{}",
        runs.map(|r| format!(": {r}")).unwrap_or_default()
    )
}
