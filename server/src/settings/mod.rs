//! What the user configured: tools, models and MCP servers of their own, and how loud
//! each rule is, from `agent-lsp.toml` and the LSP options. [`Settings`] is what analysis
//! reads: that configuration merged, next to the [`Workspace`] (what the workspace's files
//! declare), which it holds but does not mix in.

pub mod validate;

use crate::catalog::{Catalog, ToolName};
use crate::discovery;
use crate::rules::{Diagnostic, Severity};
use crate::workspace::{FileProblem, McpServers, Scan, Workspace};
pub use crate::workspace::{NameList, Named};
use serde::Deserialize;
use std::collections::HashMap;
use std::path::Path;
use std::sync::Arc;

pub use crate::workspace::CONFIG_FILE;

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
    /// Severities for some paths only (`[[overrides]]`), in file order: a later one wins.
    #[serde(default)]
    overrides: Vec<Override>,
}

/// `[[overrides]]`: rule levels for the files some globs select.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Override {
    paths: Vec<PathGlob>,
    #[serde(default)]
    severity: HashMap<String, Level>,
    #[serde(default)]
    disable: Vec<String>,
}

/// A glob of `overrides.paths`, checked when the configuration is read (a bad one makes
/// the configuration unusable, with the glob's error at its place).
#[derive(Clone, Debug, Deserialize)]
#[serde(try_from = "String")]
struct PathGlob(globset::Glob);

impl TryFrom<String> for PathGlob {
    type Error = String;
    fn try_from(s: String) -> Result<PathGlob, String> {
        globset::GlobBuilder::new(&s)
            .literal_separator(true)
            .build()
            .map(PathGlob)
            .map_err(|e| format!("`{s}` is not a glob: {}", e.kind()))
    }
}

/// An override as analysis applies it: the files it selects, relative to the workspace
/// root, and per rule code the level (None: off).
#[derive(Clone, Debug)]
struct PathSeverities {
    paths: globset::GlobSet,
    severity: HashMap<String, Option<Severity>>,
}

impl Override {
    fn compile(self) -> PathSeverities {
        let mut set = globset::GlobSetBuilder::new();
        for g in self.paths {
            set.add(g.0);
        }
        let mut severity: HashMap<String, Option<Severity>> = self
            .severity
            .into_iter()
            .map(|(code, level)| (code, level.severity()))
            .collect();
        severity.extend(self.disable.into_iter().map(|code| (code, None)));
        PathSeverities {
            // Each glob was built alone already, so the set builds too.
            paths: set.build().unwrap_or_else(|_| globset::GlobSet::empty()),
            severity,
        }
    }
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

    /// Reads `agent-lsp.toml` in `dir` (bounded, a regular file only): the configuration
    /// when it can be used, and the problems with the file, each at its place (an error
    /// when it cannot be read or used; a warning for a setting that changes nothing).
    /// Neither when there is no file.
    pub fn read_file(dir: &Path) -> (Option<Config>, Vec<FileProblem>) {
        let file = dir.join(CONFIG_FILE);
        let text = match discovery::read_text(&file, discovery::read::CONFIG_FILE) {
            Ok((text, _)) => text,
            Err(e) if e.is_missing() => return (None, Vec::new()),
            Err(e) => return (None, vec![FileProblem::unread(file, e.to_string())]),
        };
        let source: std::sync::Arc<str> = text.as_str().into();
        let mut problems: Vec<FileProblem> = validate::check_toml(&text)
            .into_iter()
            .map(|d| FileProblem {
                file: file.clone(),
                range: d.range,
                severity: d.severity,
                code: Some(d.code),
                message: d.message,
                source: Some(source.clone()),
            })
            .collect();
        match toml::from_str::<Config>(&text) {
            Ok(config) => (Some(config), problems),
            // An unknown setting is already reported, with the nearest one.
            Err(_) if problems.iter().any(|p| p.severity == Severity::Error) => (None, problems),
            Err(e) => {
                problems.insert(
                    0,
                    FileProblem {
                        file,
                        range: e.span().unwrap_or(0..0),
                        severity: Severity::Error,
                        code: None,
                        message: format!("invalid configuration: {}", e.message()),
                        source: Some(source),
                    },
                );
                (None, problems)
            }
        }
    }
}

/// Everything analysis takes from outside the file: the merged configuration, and the
/// workspace's facts.
#[derive(Clone, Debug, Default)]
pub struct Settings {
    pub tools: NameList,
    pub models: NameList,
    /// MCP servers from `.mcp.json` and the configuration.
    pub mcp_servers: NameList,
    /// Whether the MCP servers are known: only then is a server outside them worth a note
    /// (without `.mcp.json` or configured servers they live in user settings we cannot
    /// see; with a `.mcp.json` that cannot be read, nobody knows).
    pub mcp_servers_known: bool,
    /// Per rule code: the severity to use, or None for off.
    severity: HashMap<String, Option<Severity>>,
    /// `[[overrides]]` of every configuration, in order (a later one wins).
    overrides: Vec<PathSeverities>,
    /// What the workspace's files declare.
    pub workspace: Arc<Workspace>,
}

impl Settings {
    /// Merges configurations in order (later ones win on severities; lists are unions)
    /// over what the workspace holds.
    pub fn new(
        configs: impl IntoIterator<Item = Config>,
        workspace: impl Into<Arc<Workspace>>,
    ) -> Settings {
        let workspace = workspace.into();
        let mut s = Settings {
            mcp_servers_known: workspace.mcp == McpServers::Listed,
            models: NameList::folding_case(),
            ..Settings::default()
        };
        s.mcp_servers
            .extend(workspace.mcp_servers().iter().cloned());
        for c in configs {
            s.tools.extend(c.tools.into_iter().map(Named::from));
            s.models.extend(c.models.into_iter().map(Named::from));
            // Servers listed here make the list known, unless `.mcp.json` is unreadable.
            if !c.mcp_servers.is_empty() && workspace.mcp != McpServers::Unknown {
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
            s.overrides
                .extend(c.overrides.into_iter().map(Override::compile));
        }
        s.workspace = workspace;
        s
    }

    /// The workspace's agents, one per name, with their descriptions.
    pub fn agents(&self) -> &NameList {
        self.workspace.agents()
    }

    /// The workspace's skills (`.claude/skills/<name>/SKILL.md`), with their descriptions.
    pub fn skills(&self) -> &NameList {
        self.workspace.skills()
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

    /// The severities the `[[overrides]]` whose globs select `path` (relative to the
    /// workspace root) set, in their order (the last one wins).
    fn overrides_for(&self, path: Option<&Path>) -> Vec<&HashMap<String, Option<Severity>>> {
        let below_root = path.zip(self.workspace.root.as_deref());
        let relative = below_root.and_then(|(p, root)| p.strip_prefix(root).ok());
        relative
            .map(|rel| {
                let selected = self.overrides.iter().filter(|o| o.paths.is_match(rel));
                selected.map(|o| &o.severity).collect()
            })
            .unwrap_or_default()
    }

    /// Whether the configuration switches the rule `code` off for the file at `path`.
    pub fn is_off(&self, path: Option<&Path>, code: &str) -> bool {
        let overrides = self.overrides_for(path);
        let from_override = overrides.iter().rev().find_map(|o| o.get(code));
        matches!(
            from_override.or_else(|| self.severity.get(code)),
            Some(None)
        )
    }

    /// Applies the configured severities, and then the `[[overrides]]` whose globs
    /// select `path` (relative to the workspace root): the one place where a rule's level
    /// changes or a rule is switched off.
    pub fn apply_severities(&self, path: Option<&Path>, diagnostics: &mut Vec<Diagnostic>) {
        let overrides = self.overrides_for(path);
        if self.severity.is_empty() && overrides.is_empty() {
            return;
        }
        let level = |code: &str| {
            let from_override = overrides.iter().rev().find_map(|o| o.get(code));
            from_override.or_else(|| self.severity.get(code))
        };
        diagnostics.retain_mut(|d| match level(d.code) {
            None => true,
            Some(None) => false,
            Some(Some(s)) => {
                d.severity = *s;
                true
            }
        });
    }
}

/// One workspace folder's configuration and facts, as read from disk.
pub struct Folder {
    /// `agent-lsp.toml`, when there is one and it can be used.
    pub config: Option<Config>,
    pub workspace: Workspace,
    /// What is wrong in `agent-lsp.toml` (the caller shows it); with no `config`, why it
    /// could not be used (the caller keeps the last good configuration).
    pub config_problems: Vec<FileProblem>,
}

/// Reads the folder `root`: its configuration file and its facts. No root: nothing.
pub fn load(root: Option<&Path>, scope: Scan) -> Folder {
    let Some(root) = root else {
        return Folder {
            config: None,
            workspace: Workspace::default(),
            config_problems: Vec::new(),
        };
    };
    let workspace = Workspace::scan(root, scope);
    let (config, config_problems) = Config::read_file(root);
    Folder {
        config,
        workspace,
        config_problems,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules;
    use crate::rules::Diagnostic;

    #[test]
    fn toml_and_json_read_the_same_shape() {
        let t = Config::from_toml(
            "tools = [\"Deploy\", { name = \"Audit\", doc = \"Audits.\" }]\nmcp_servers = [\"github\"]\ndisable = [\"name-style\"]\n[severity]\n\"unknown-tool\" = \"error\"\n",
        )
        .unwrap();
        let j = Config::from_json(&serde_json::json!({"agentLsp": {"tools": ["Deploy"], "mcpServers": ["github"], "severity": {"unknown-tool": "off"}}})).unwrap();
        let s = Settings::new([t, j], Workspace::default());
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
        s.apply_severities(None, &mut d);
        assert_eq!(
            d.iter().map(|d| d.code).collect::<Vec<_>>(),
            ["tool-case"],
            "the later config switched unknown-tool off"
        );
    }

    #[test]
    fn overrides_apply_to_the_paths_their_globs_select_and_the_last_wins() {
        let t = Config::from_toml(
            "[severity]\n\"unknown-tool\" = \"error\"\n\n[[overrides]]\npaths = [\"legacy/**\"]\ndisable = [\"unknown-tool\"]\n\n[[overrides]]\npaths = [\"legacy/keep.md\", \"*.agent.md\"]\nseverity = { \"unknown-tool\" = \"info\" }\n",
        )
        .unwrap();
        let root = Path::new("/w");
        let ws = Workspace::new(
            Some(root.into()),
            Vec::new(),
            McpServers::Absent,
            Vec::new(),
        );
        let s = Settings::new([t], ws);
        let level = |path: Option<&str>| {
            let mut d = vec![Diagnostic::new(0..1, rules::UNKNOWN_TOOL, "x")];
            s.apply_severities(path.map(Path::new), &mut d);
            d.first().map(|d| d.severity.as_str())
        };
        assert_eq!(level(Some("/w/legacy/old/a.md")), None);
        assert_eq!(level(Some("/w/legacy/keep.md")), Some("info"));
        assert_eq!(level(Some("/w/x.agent.md")), Some("info"));
        // `*` stops at `/`, and globs are anchored at the root.
        assert_eq!(level(Some("/w/sub/x.agent.md")), Some("error"));
        assert_eq!(level(Some("/w/sub/legacy/a.md")), Some("error"));
        assert_eq!(level(Some("/elsewhere/legacy/a.md")), Some("error"));
        assert_eq!(level(None), Some("error"));
    }

    #[test]
    fn bad_config_is_reported_not_ignored() {
        let bad_glob = Config::from_toml("[[overrides]]\npaths = [\"a[\"]\n").unwrap_err();
        assert!(bad_glob.contains("`a[` is not a glob"), "{bad_glob}");
        assert!(
            Config::from_toml("[[overrides]]\ndisable = []\n").is_err(),
            "paths needed"
        );
        assert!(Config::from_toml("toolz = []").is_err());
        assert!(Config::from_toml("[severity]\nx = \"loud\"").is_err());
        assert!(Config::from_json(&serde_json::Value::Null).is_ok());
        assert!(Config::from_json(&serde_json::json!({})).is_ok());
    }
}
