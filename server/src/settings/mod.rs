//! User configuration and workspace knowledge: what a project adds to the embedded
//! catalogs (tools, models and MCP servers of its own, the skills and agents it defines)
//! and how loud each rule is. Built from `agent-lsp.toml`, the LSP options and the
//! workspace's files (see [`workspace`]); analysis only reads the result.

pub mod workspace;

use crate::analysis::{Diagnostic, Severity};
use crate::catalog::{Catalog, ToolName};
use crate::discovery;
use serde::Deserialize;
use std::collections::HashMap;
use std::path::Path;

/// The name of the configuration file at the workspace root.
pub const CONFIG_FILE: &str = "agent-lsp.toml";

/// A name the catalogs do not know, with what the user or the workspace says about it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Named {
    pub name: String,
    pub doc: Option<String>,
}

/// One extra name as written in the configuration: a bare string or `{name, doc}`.
#[derive(Clone, Debug, Deserialize)]
#[serde(untagged)]
enum NameEntry {
    Bare(String),
    Documented { name: String, doc: Option<String> },
}

impl From<NameEntry> for Named {
    fn from(e: NameEntry) -> Named {
        match e {
            NameEntry::Bare(name) => Named { name, doc: None },
            NameEntry::Documented { name, doc } => Named { name, doc },
        }
    }
}

/// A rule's level as the user writes it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
enum Level {
    Error,
    Warning,
    Info,
    Hint,
    Off,
}

impl Level {
    fn severity(self) -> Option<Severity> {
        match self {
            Level::Error => Some(Severity::Error),
            Level::Warning => Some(Severity::Warning),
            Level::Info => Some(Severity::Info),
            Level::Hint => Some(Severity::Hint),
            Level::Off => None,
        }
    }
}

/// The configuration as written, in `agent-lsp.toml` or as LSP options (camelCase and
/// snake_case spellings are both accepted, so one text works in either place).
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    #[serde(default)]
    tools: Vec<NameEntry>,
    #[serde(default)]
    models: Vec<NameEntry>,
    #[serde(default, alias = "mcpServers", alias = "mcp-servers")]
    mcp_servers: Vec<NameEntry>,
    #[serde(default)]
    severity: HashMap<String, Level>,
    #[serde(default)]
    disable: Vec<String>,
}

impl Config {
    /// Reads `agent-lsp.toml` text.
    pub fn from_toml(text: &str) -> Result<Config, String> {
        toml::from_str(text).map_err(|e| e.message().to_string())
    }

    /// Reads LSP options: the settings under `agentLsp` (or `agent-lsp`) when present,
    /// else the object itself. `null` or an empty object means no options.
    pub fn from_json(value: &serde_json::Value) -> Result<Config, String> {
        let inner = value
            .get("agentLsp")
            .or_else(|| value.get("agent-lsp"))
            .unwrap_or(value);
        if inner.is_null() {
            return Ok(Config::default());
        }
        serde_json::from_value(inner.clone()).map_err(|e| e.to_string())
    }

    /// Reads `agent-lsp.toml` in `dir` (bounded, a regular file only); None when there is
    /// none, the problem when it cannot be read or used.
    pub fn read_file(dir: &Path) -> Option<Result<Config, String>> {
        let path = dir.join(CONFIG_FILE);
        let text = match discovery::read_text(&path, discovery::read::CONFIG_FILE) {
            Ok((text, _)) => text,
            Err(e) if e.is_missing() => return None,
            Err(e) => return Some(Err(format!("{}: {e}", path.display()))),
        };
        Some(Config::from_toml(&text).map_err(|e| format!("{}: {e}", path.display())))
    }
}

/// Everything analysis takes from outside the file: the merged configuration and the
/// workspace's knowledge.
#[derive(Clone, Debug, Default)]
pub struct Settings {
    pub tools: NameList,
    pub models: NameList,
    /// MCP servers from `.mcp.json` and the configuration.
    pub mcp_servers: NameList,
    /// Whether any MCP server list exists: only then is a server outside it worth a note
    /// (without one, the servers live in user settings we cannot see).
    pub mcp_servers_known: bool,
    /// Skills of `.claude/skills/<name>/SKILL.md`, with their descriptions.
    pub skills: Vec<Named>,
    /// Agents of `.claude/agents/`, by frontmatter `name`, with their descriptions.
    pub agents: Vec<Named>,
    /// Per rule code: the severity to use, or None for off.
    severity: HashMap<String, Option<Severity>>,
}

/// Names in first-seen order with an index for lookups: merging and looking up stay
/// linear however many names a configuration declares.
#[derive(Clone, Debug, Default)]
pub struct NameList {
    items: Vec<Named>,
    index: HashMap<String, usize>,
    /// Names compare without regard to ASCII case (model names).
    fold_case: bool,
}

impl NameList {
    fn folding_case() -> NameList {
        NameList {
            fold_case: true,
            ..NameList::default()
        }
    }

    fn key(&self, name: &str) -> String {
        if self.fold_case {
            name.to_ascii_lowercase()
        } else {
            name.to_string()
        }
    }

    /// Adds the names not listed yet; the first entry of a name wins.
    fn extend(&mut self, items: impl IntoIterator<Item = Named>) {
        for it in items {
            let key = self.key(&it.name);
            if !self.index.contains_key(&key) {
                self.index.insert(key, self.items.len());
                self.items.push(it);
            }
        }
    }

    pub fn get(&self, name: &str) -> Option<&Named> {
        let i = if self.fold_case {
            self.index.get(&name.to_ascii_lowercase())
        } else {
            self.index.get(name)
        };
        i.and_then(|&i| self.items.get(i))
    }
}

/// Read as a slice of names, in first-seen order.
impl std::ops::Deref for NameList {
    type Target = [Named];
    fn deref(&self) -> &[Named] {
        &self.items
    }
}

impl Settings {
    /// Merges configurations in order (later ones win on severities; lists are unions)
    /// over what the workspace holds.
    pub fn new(
        configs: impl IntoIterator<Item = Config>,
        workspace: workspace::Workspace,
    ) -> Settings {
        let mut s = Settings {
            mcp_servers_known: workspace.mcp_json_found,
            models: NameList::folding_case(),
            ..Settings::default()
        };
        s.mcp_servers.extend(workspace.mcp_servers);
        s.skills = workspace.skills;
        s.agents = workspace.agents;
        for c in configs {
            s.tools.extend(c.tools.into_iter().map(Named::from));
            s.models.extend(c.models.into_iter().map(Named::from));
            if !c.mcp_servers.is_empty() {
                s.mcp_servers_known = true;
            }
            s.mcp_servers
                .extend(c.mcp_servers.into_iter().map(Named::from));
            for (code, level) in c.severity {
                s.severity.insert(code, level.severity());
            }
            for code in c.disable {
                s.severity.insert(code, None);
            }
        }
        s
    }

    pub fn tool(&self, name: &str) -> Option<&Named> {
        self.tools.get(name)
    }

    /// What a tool name means, with the configured tools added to the catalog's.
    pub fn resolve_tool<'a>(&'a self, catalog: &'a Catalog, name: &str) -> ToolName<'a> {
        match catalog.tool(name) {
            ToolName::Unknown => match self.tool(name) {
                Some(t) => ToolName::Configured {
                    doc: t.doc.as_deref(),
                },
                None => ToolName::Unknown,
            },
            known => known,
        }
    }

    pub fn model(&self, name: &str) -> Option<&Named> {
        self.models.get(name)
    }

    pub fn mcp_server(&self, name: &str) -> Option<&Named> {
        self.mcp_servers.get(name)
    }

    /// Applies the severity overrides: the one place where a rule's level changes or a
    /// rule is switched off.
    pub fn apply_severities(&self, diagnostics: &mut Vec<Diagnostic>) {
        if self.severity.is_empty() {
            return;
        }
        diagnostics.retain_mut(|d| match self.severity.get(d.code) {
            None => true,
            Some(None) => false,
            Some(Some(s)) => {
                d.severity = *s;
                true
            }
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::Diagnostic;
    use crate::rules;

    #[test]
    fn toml_and_json_read_the_same_shape() {
        let t = Config::from_toml(
            "tools = [\"Deploy\", { name = \"Audit\", doc = \"Audits.\" }]\nmcp_servers = [\"github\"]\ndisable = [\"name-style\"]\n[severity]\n\"unknown-tool\" = \"error\"\n",
        )
        .unwrap();
        let j = Config::from_json(&serde_json::json!({"agentLsp": {"tools": ["Deploy"], "mcpServers": ["github"], "severity": {"unknown-tool": "off"}}})).unwrap();
        let s = Settings::new([t, j], workspace::Workspace::default());
        assert_eq!(
            s.tool("Audit").and_then(|t| t.doc.as_deref()),
            Some("Audits.")
        );
        assert_eq!(s.tools.len(), 2);
        assert!(s.mcp_servers_known && s.mcp_server("github").is_some());
        let mut d = vec![
            Diagnostic::new(0..1, rules::UNKNOWN_TOOL, "x"),
            Diagnostic::new(0..1, rules::NAME_STYLE, "x"),
            Diagnostic::new(0..1, rules::TOOL_CASE, "x"),
        ];
        s.apply_severities(&mut d);
        assert_eq!(
            d.iter().map(|d| d.code).collect::<Vec<_>>(),
            ["tool-case"],
            "the later config switched unknown-tool off"
        );
    }

    #[test]
    fn bad_config_is_reported_not_ignored() {
        assert!(Config::from_toml("toolz = []").is_err());
        assert!(Config::from_toml("[severity]\nx = \"loud\"").is_err());
        assert!(Config::from_json(&serde_json::Value::Null).is_ok());
        assert!(Config::from_json(&serde_json::json!({})).is_ok());
    }
}
