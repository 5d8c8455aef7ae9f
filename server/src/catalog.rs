//! What each format accepts, loaded from data files embedded in the binary
//! (`server/catalog/*.toml`), so that a new Claude Code release means editing data,
//! not code. Each file states the tool version it describes.

use serde::Deserialize;
use std::sync::OnceLock;

#[derive(Clone, Debug, Deserialize)]
pub struct Catalog {
    pub format: String,
    pub title: String,
    pub for_tool: String,
    pub tool_version: String,
    #[serde(default)]
    pub model_families: Vec<String>,
    #[serde(default)]
    pub hook_events: Vec<String>,
    #[serde(default)]
    pub hook_types: Vec<String>,
    #[serde(default)]
    pub toplevel_hook_events: Vec<String>,
    #[serde(default)]
    pub key_hints: Vec<KeyHint>,
    #[serde(default, rename = "key")]
    pub keys: Vec<KeySpec>,
    #[serde(default, rename = "tool")]
    pub tools: Vec<ToolSpec>,
    #[serde(default, rename = "tool_alias")]
    pub tool_aliases: Vec<Alias>,
    #[serde(default, rename = "tool_removed")]
    pub tools_removed: Vec<Removed>,
    #[serde(default, rename = "model")]
    pub models: Vec<ModelSpec>,
}

#[derive(Clone, Debug, Deserialize)]
pub struct KeyHint {
    pub from: String,
    pub to: String,
}

#[derive(Clone, Debug, Deserialize)]
pub struct KeySpec {
    pub name: String,
    #[serde(rename = "type")]
    pub ty: String,
    #[serde(default)]
    pub required: bool,
    pub default: Option<String>,
    pub on_invalid: Option<String>,
    pub doc: String,
    pub snippet: Option<String>,
    #[serde(default)]
    pub values: Vec<ValueSpec>,
    #[serde(default)]
    pub aliases: Vec<Alias>,
}

#[derive(Clone, Debug, Deserialize)]
pub struct ValueSpec {
    pub name: String,
    pub doc: String,
}

#[derive(Clone, Debug, Deserialize)]
pub struct Alias {
    pub name: String,
    pub to: String,
}

#[derive(Clone, Debug, Deserialize)]
pub struct ToolSpec {
    pub name: String,
    pub doc: String,
    pub status: Option<String>,
}

#[derive(Clone, Debug, Deserialize)]
pub struct Removed {
    pub name: String,
    pub instead: String,
    pub since: Option<String>,
}

#[derive(Clone, Debug, Deserialize)]
pub struct ModelSpec {
    pub name: String,
    pub doc: String,
    pub resolves_to: Option<String>,
}

/// What a tool name in `tools:` means to the loader.
#[derive(Clone, Debug)]
pub enum ToolName<'a> {
    Known(&'a ToolSpec),
    Alias { to: &'a str },
    Removed(&'a Removed),
    Mcp,
    Unknown,
}

impl Catalog {
    pub fn key(&self, name: &str) -> Option<&KeySpec> {
        self.keys.iter().find(|k| k.name == name)
    }

    pub fn tool(&self, name: &str) -> ToolName<'_> {
        if let Some(t) = self.tools.iter().find(|t| t.name == name) {
            return ToolName::Known(t);
        }
        if let Some(a) = self.tool_aliases.iter().find(|a| a.name == name) {
            return ToolName::Alias { to: &a.to };
        }
        if let Some(r) = self.tools_removed.iter().find(|r| r.name == name) {
            return ToolName::Removed(r);
        }
        if name.starts_with("mcp__") {
            return ToolName::Mcp;
        }
        ToolName::Unknown
    }

    /// Every name that resolves to a tool (current names and legacy aliases).
    pub fn tool_names(&self) -> impl Iterator<Item = &str> {
        self.tools.iter().map(|t| t.name.as_str()).chain(self.tool_aliases.iter().map(|a| a.name.as_str()))
    }

    pub fn model(&self, name: &str) -> Option<&ModelSpec> {
        self.models.iter().find(|m| m.name.eq_ignore_ascii_case(name))
    }

    /// A full model ID this release knows: a family, optionally with a `-YYYYMMDD` date.
    pub fn is_known_model_id(&self, id: &str) -> bool {
        let id = id.to_ascii_lowercase();
        let base = id.strip_suffix("[1m]").unwrap_or(&id);
        self.model_families.iter().any(|f| {
            base == f.as_str()
                || base
                    .strip_prefix(f.as_str())
                    .and_then(|rest| rest.strip_prefix('-'))
                    .is_some_and(|d| d.len() == 8 && d.bytes().all(|b| b.is_ascii_digit()))
        })
    }
}

const CLAUDE_AGENT: &str = include_str!("../catalog/claude-code-agent.toml");

/// The catalog of Claude Code subagent files, parsed once.
pub fn claude_agent() -> &'static Catalog {
    static CATALOG: OnceLock<Catalog> = OnceLock::new();
    // The file is part of the binary and a test parses it: a parse error here is a
    // build defect, not bad user input.
    CATALOG.get_or_init(|| toml::from_str(CLAUDE_AGENT).expect("embedded catalog parses"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_catalog_parses_and_is_consistent() {
        let c = claude_agent();
        assert_eq!(c.tool_version, "2.1.330");
        assert!(c.key("name").is_some_and(|k| k.required));
        assert!(matches!(c.tool("Task"), ToolName::Alias { to: "Agent" }));
        assert!(matches!(c.tool("MultiEdit"), ToolName::Removed(_)));
        assert!(matches!(c.tool("read"), ToolName::Unknown));
        assert!(c.is_known_model_id("claude-sonnet-4-5-20250929"));
        assert!(!c.is_known_model_id("gpt-4o"));
        for a in &c.tool_aliases {
            assert!(matches!(c.tool(&a.to), ToolName::Known(_)), "alias {} points nowhere", a.name);
        }
    }
}
