//! `agent-lsp mcp`: a Model Context Protocol server on stdio (the official Rust SDK,
//! `rmcp`), so that agents check the agent files they write: `check` (a file, a folder or
//! a text), `inspect` (what Claude Code registers from an agent), `explain` (a rule) and
//! `list_rules`. Results are the JSON `check --format json` and `inspect --format json`
//! print; a path that cannot be read is a tool error, not a protocol error.

use crate::analysis;
use crate::cli::{check, explain, inspect};
use crate::rules;
use crate::settings::Settings;
use rmcp::handler::server::common::{schema_for_empty_input, schema_for_type};
use rmcp::model::{
    CallToolRequestParams, CallToolResponse, CallToolResult, ContentBlock, ErrorData,
    Implementation, JsonObject, ListToolsResult, PaginatedRequestParams, ServerCapabilities,
    ServerConfig, Tool,
};
use rmcp::service::RequestContext;
use rmcp::{schemars, RoleServer, ServerHandler, ServiceExt};
use serde::Deserialize;
use serde_json::json;
use std::path::{Path, PathBuf};

/// At most this many files in one `check` answer (the rest are counted, not listed): an
/// agent's context is small.
const MAX_FILES: usize = 200;

/// A file on disk, or a text with the path it would have.
#[derive(Deserialize, schemars::JsonSchema)]
pub struct Input {
    /// A file or folder to check (folders: every agent file of every format below it).
    /// Relative paths are from the server's working folder.
    #[serde(default)]
    path: Option<String>,
    /// The text of one file, checked without reading the disk (instead of `path`).
    #[serde(default)]
    text: Option<String>,
    /// With `text`: the path the file would have, which decides its format
    /// (`.claude/agents/x.md`, `x.agent.md`, `.claude/skills/x/SKILL.md`, …); default: a
    /// Claude Code subagent.
    #[serde(default)]
    as_path: Option<String>,
}

#[derive(Deserialize, schemars::JsonSchema)]
pub struct Code {
    /// A rule code, such as `unknown-tool` (`list_rules` lists them).
    code: String,
}

fn text_result(text: String) -> CallToolResult {
    CallToolResult::success(vec![ContentBlock::text(text)])
}

fn json_result(value: &serde_json::Value) -> CallToolResult {
    text_result(serde_json::to_string_pretty(value).unwrap_or_default())
}

fn tool_error(message: String) -> CallToolResult {
    CallToolResult::error(vec![ContentBlock::text(message)])
}

/// The text to analyse and the path it stands for, from `text` (+ `as_path`) or `path`.
fn one_file(input: &Input) -> Result<(PathBuf, String), String> {
    match (&input.text, &input.path) {
        (Some(text), _) => {
            let path = input
                .as_path
                .as_deref()
                .unwrap_or(".claude/agents/agent.md");
            Ok((PathBuf::from(path), text.clone()))
        }
        (None, Some(path)) => check::read(Path::new(path))
            .map(|text| (PathBuf::from(path), text))
            .map_err(|e| format!("{path}: {e}")),
        (None, None) => Err("give `path` or `text`".to_string()),
    }
}

/// `check` on a text: its diagnostics as `check --format json` gives a file's.
fn check_text(path: PathBuf, text: String) -> serde_json::Value {
    let kind = check::kind_of(&path, false);
    let analysis = analysis::analyze(&text, &kind, &Settings::default());
    let checked = check::Checked {
        path,
        text,
        analysis,
        fix: check::FixOutcome::Nothing,
    };
    json!({"files": [check::to_json(&checked)]})
}

/// `check` on a file or folder, with each workspace's configuration.
fn check_path(path: &str) -> Result<serde_json::Value, String> {
    let (files, skipped) = check::discover(&[PathBuf::from(path)]);
    let skipped: Vec<String> = skipped
        .iter()
        .map(|s| format!("{}: {}", s.path.display(), s.reason))
        .collect();
    if files.is_empty() {
        let why = skipped.join("; ");
        return Err(format!(
            "no agent file found at {path} (agent-lsp checks {}){}",
            check::supported(),
            if why.is_empty() {
                String::new()
            } else {
                format!(": {why}")
            }
        ));
    }
    let mut settings = check::SettingsCache::default();
    let mut problems = skipped;
    let listed: Vec<serde_json::Value> = files
        .iter()
        .take(MAX_FILES)
        .map(|f| {
            let s = settings.for_file(&f, &mut problems);
            match check::check_file(&f, false, None, &s) {
                Ok(c) => check::to_json(&c),
                Err(e) => json!({"file": f.display().to_string(), "error": e.to_string()}),
            }
        })
        .collect();
    Ok(json!({
        "files": listed,
        "notListed": files.len().saturating_sub(MAX_FILES),
        "problems": problems,
    }))
}

pub struct Server;

const CHECK: &str = "Check AI agent definition files (Claude Code subagents, skills and commands; GitHub Copilot agents, prompts and instructions; OpenCode agents; Cursor rules) as their own tools read them. Give `path` (a file, or a folder: every agent file below it) or `text` (with `as_path`, the path that decides its format). Returns each file's diagnostics (range, severity, rule code, message, fixes with their edits) and whether Claude Code loads the agent.";
const INSPECT: &str = "What Claude Code 2.1.332 registers from one subagent file: whether it loads (and why not), its effective name, description, tools, model and color. Give `path` (a file) or `text`.";
const EXPLAIN: &str = "Explain one agent-lsp rule: its severity, the formats it checks, what the tool does with such a file, and an example reported and fixed.";
const LIST_RULES: &str = "List every agent-lsp rule: code, default severity, formats, summary.";

/// The tools, described by hand rather than by rmcp's macros: their proc-macro stack
/// (darling) was a fifth of a cold build.
fn tools() -> Vec<Tool> {
    // In name order, as the SDK's router lists them.
    vec![
        Tool::new("check", CHECK, schema_for_type::<Input>()),
        Tool::new("explain", EXPLAIN, schema_for_type::<Code>()),
        Tool::new("inspect", INSPECT, schema_for_type::<Input>()),
        Tool::new("list_rules", LIST_RULES, schema_for_empty_input()),
    ]
}

impl Server {
    fn check(&self, input: Input) -> CallToolResult {
        let result = match (&input.text, &input.path) {
            (None, Some(path)) => check_path(path),
            _ => one_file(&input).map(|(path, text)| check_text(path, text)),
        };
        match result {
            Ok(v) => json_result(&v),
            Err(e) => tool_error(e),
        }
    }

    fn inspect(&self, input: Input) -> CallToolResult {
        match one_file(&input) {
            Ok((path, text)) => json_result(&inspect::report(&path, &text, false)),
            Err(e) => tool_error(e),
        }
    }

    fn explain(&self, Code { code }: Code) -> CallToolResult {
        match explain::run(&[code]) {
            Ok(text) => text_result(text),
            Err(e) => tool_error(e),
        }
    }

    fn list_rules(&self) -> CallToolResult {
        let all: Vec<serde_json::Value> = rules::ALL
            .iter()
            .map(|r| {
                json!({
                    "code": r.code,
                    "severity": r.severity.as_str(),
                    "formats": r.formats_described(),
                    "summary": r.summary,
                })
            })
            .collect();
        json_result(&json!(all))
    }

    /// Runs the tool `name` on its arguments. Arguments that do not fit its schema are a
    /// tool error, which the calling agent reads (as the SDK's own router answers); an
    /// unknown tool is a protocol error.
    fn call(&self, name: &str, args: Option<JsonObject>) -> Result<CallToolResult, ErrorData> {
        let value = serde_json::Value::Object(args.unwrap_or_default());
        let result = match name {
            "check" => serde_json::from_value(value).map(|i| self.check(i)),
            "inspect" => serde_json::from_value(value).map(|i| self.inspect(i)),
            "explain" => serde_json::from_value(value).map(|c| self.explain(c)),
            "list_rules" => Ok(self.list_rules()),
            _ => return Err(ErrorData::invalid_params("tool not found", None)),
        };
        Ok(result.unwrap_or_else(|e| tool_error(format!("failed to deserialize parameters: {e}"))))
    }
}

impl ServerHandler for Server {
    fn get_info(&self) -> ServerConfig {
        ServerConfig::new(ServerCapabilities::builder().enable_tools().build())
            .with_server_info(Implementation::new("agent-lsp", env!("CARGO_PKG_VERSION")))
            .with_instructions(
                "Checks AI agent definition files (Claude Code subagents, skills and commands, Copilot, OpenCode and Cursor files) as their tools read them. Call `check` on a file you wrote, then `explain` a code you do not understand.",
            )
    }

    async fn list_tools(
        &self,
        _request: Option<PaginatedRequestParams>,
        _context: RequestContext<RoleServer>,
    ) -> Result<ListToolsResult, ErrorData> {
        Ok(ListToolsResult::with_all_items(tools()))
    }

    async fn call_tool(
        &self,
        request: CallToolRequestParams,
        _context: RequestContext<RoleServer>,
    ) -> Result<CallToolResponse, ErrorData> {
        self.call(&request.name, request.arguments).map(Into::into)
    }

    fn get_tool(&self, name: &str) -> Option<Tool> {
        tools().into_iter().find(|t| t.name == name)
    }
}

/// Serves MCP on stdin/stdout until the client closes it; the exit status.
pub fn serve() -> i32 {
    let runtime = match tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
    {
        Ok(r) => r,
        Err(e) => {
            eprintln!("agent-lsp mcp: {e}");
            return 1;
        }
    };
    runtime.block_on(async {
        let service = match Server.serve(rmcp::transport::stdio()).await {
            Ok(s) => s,
            Err(e) => {
                eprintln!("agent-lsp mcp: {e}");
                return 1;
            }
        };
        match service.waiting().await {
            Ok(_) => 0,
            Err(e) => {
                eprintln!("agent-lsp mcp: {e}");
                1
            }
        }
    })
}
