//! What each format accepts, loaded from data files embedded in the binary
//! (`server/catalog/*.toml`), so that a new Claude Code release means editing data,
//! not code. Each file states the tool version it describes.

mod format;
mod levels;
mod schema;

pub use format::{Format, Origin};
pub use levels::{Group, Severity};
pub use schema::{Splitter, ValueSchema};

use crate::syntax::Dialect;
use serde::Deserialize;

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Catalog {
    /// The format's identifier, the file name without `.toml`.
    pub format: String,
    pub title: String,
    /// The paths that select this format (`globset` syntax, matched against the whole
    /// path). When globs of several formats match, the most specific glob wins.
    pub globs: Vec<String>,
    /// The format of a file no glob selects (exactly one catalog sets it).
    #[serde(default)]
    pub fallback: bool,
    /// How the tool reads the frontmatter.
    pub dialect: Dialect,
    /// The model of what the tool registers from a file, when there is one in `loader/`.
    pub loader: Option<LoaderModel>,
    /// What becomes of a file whose frontmatter cannot be read.
    pub unreadable: Consequence,
    /// The level of a value a key's schema rejects, when the tool does more than
    /// ignore it (OpenCode refuses its whole configuration: an error).
    pub invalid_severity: Option<Severity>,
    /// Where the name a file's path gives it comes from.
    #[serde(default)]
    pub named_by: NamedBy,
    /// The tool names files by their path (`named_by`) whatever `name:` says (VS Code's
    /// skills); otherwise `name:` is at least the label it shows.
    #[serde(default)]
    pub name_key_ignored: bool,
    /// How the tool names the slash command a file becomes, when it becomes one.
    pub slash_name: Option<SlashName>,
    /// How files of this format that come from a plugin differ.
    pub plugin_origin: Option<PluginOrigin>,
    /// The groups of rules that apply to this format (see `applies`).
    pub rules: Vec<Group>,
    pub for_tool: String,
    pub tool_version: String,
    /// Where the facts come from, for the hover footer.
    pub source: Option<String>,
    /// Another catalog whose tools, tool aliases, removed tools, models, model families
    /// and (when this one declares no hook events) hook knowledge this format shares
    /// (Claude Code commands and skills use the agents').
    pub shares_names_of: Option<String>,
    /// What the tool does with a key it does not know, said in hovers.
    pub unknown_key: String,
    /// Other formats whose tools also read the files this format's globs select, each by
    /// its own reading (VS Code reads `.claude/agents/*.md` as custom agents): the
    /// portability view (`inspect --all-tools`) shows each.
    #[serde(default)]
    pub also_read_as: Vec<String>,
    /// Files larger than this many bytes are skipped unread, for formats without a loader
    /// model (which knows its own limit).
    pub max_bytes: Option<usize>,
    /// The tools verified to reject a frontmatter only Claude Code's re-quote retry reads
    /// (completing "… reject the file"). Without it, `yaml-requoted` reports only the
    /// lines whose meaning the retry changes.
    pub requote_rejected_by: Option<String>,
    /// The keys a portable spec allows (the Agent Skills spec for `SKILL.md`); a key
    /// outside it is not portable.
    #[serde(default)]
    pub portable_keys: Vec<String>,
    /// The whole-frontmatter snippet for an empty file; `{name}` is the name the file's
    /// path gives.
    pub template: String,
    /// Agent types that exist without a file (built into the tool).
    #[serde(default, rename = "builtin_agent")]
    pub builtin_agents: Vec<ValueSpec>,
    #[serde(default)]
    pub model_families: Vec<String>,
    /// Suffixes accepted after any model alias or ID (matched case-insensitively).
    #[serde(default)]
    pub model_suffixes: Vec<String>,
    /// Cloud providers' forms of model IDs, used as written.
    #[serde(default)]
    pub model_id_forms: Vec<ModelIdForm>,
    #[serde(default)]
    pub hook_events: Vec<String>,
    /// What some hook events match on and do, for hovers.
    #[serde(default)]
    pub hook_event_docs: std::collections::BTreeMap<String, String>,
    /// The events checked strictly: a malformed entry, or one outside `hooks:`, refuses
    /// the whole file (elsewhere a malformed entry is dropped).
    #[serde(default)]
    pub guard_hook_events: Vec<String>,
    /// Top-level keys whose values the misplaced-hooks scan does not look into.
    #[serde(default)]
    pub hooks_unscanned_keys: Vec<String>,
    /// How many levels below a top-level key the misplaced-hooks scan looks.
    #[serde(default)]
    pub hooks_scan_depth: usize,
    /// Hook handler types and the schema of their fields.
    #[serde(default, rename = "hook_handler")]
    pub hook_handlers: Vec<HookHandler>,
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

/// One hook handler `type` and what its fields must hold.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HookHandler {
    pub name: String,
    pub doc: String,
    #[serde(default)]
    pub required: Vec<String>,
    /// Field name -> what it must be: `any`, `a string`, `a non-empty string`, `a URL`,
    /// `a positive number`, `a boolean`, `a list of strings`, `a mapping of strings`,
    /// `a mapping`, or `one of a, b`.
    #[serde(default)]
    pub fields: std::collections::BTreeMap<String, String>,
}

/// The loader models in `loader/`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum LoaderModel {
    /// Claude Code's subagent loader (`loader::load`).
    ClaudeCodeAgent,
}

/// What the tool does with a file in some condition, said in diagnostics.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Consequence {
    pub severity: Severity,
    /// Completes "…: {consequence}".
    pub consequence: String,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum NamedBy {
    /// The file name without its extension.
    #[default]
    FileStem,
    /// The folder holding the file (`.claude/skills/<name>/SKILL.md`).
    Folder,
    /// The path below the `agent/` or `agents/` folder, without `.md` (OpenCode:
    /// `.opencode/agent/team/lead.md` is `team/lead`).
    AgentPath,
}

/// The `/name` Claude Code gives a skill or a command file.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum SlashName {
    /// The folder holding the file (`.claude/skills/<name>/SKILL.md` is `/name`).
    Folder,
    /// The path below `.claude/commands/` without `.md`, folders joined by `:`
    /// (`.claude/commands/team/deploy.md` is `/team:deploy`).
    CommandsPath,
}

/// What differs for a file of the format that a plugin provides.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PluginOrigin {
    pub title: String,
    pub unreadable: Consequence,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KeyHint {
    pub from: String,
    pub to: String,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KeySpec {
    pub name: String,
    /// The value's type as hovers and completion show it, when the schema does not say
    /// it (see `KeySpec::type_text`).
    #[serde(rename = "type")]
    pub ty: Option<String>,
    #[serde(default)]
    pub required: bool,
    pub default: Option<String>,
    pub on_invalid: Option<String>,
    pub doc: String,
    pub snippet: Option<String>,
    /// Where values come from beyond `values` (the catalog's and the workspace's).
    pub values_from: Option<Source>,
    /// What the value must be (see `schema.rs`).
    pub value: Option<ValueSchema>,
    /// What the tool does with a value `value` rejects, completing "…: {invalid}". Only
    /// keys that say it are validated.
    pub invalid: Option<String>,
    #[serde(default)]
    pub values: Vec<ValueSpec>,
    #[serde(default)]
    pub aliases: Vec<Alias>,
    /// Values the tool no longer accepts, with what to write instead.
    #[serde(default)]
    pub removed_values: Vec<Removed>,
    /// The `target`s (Copilot agents: `vscode`, `github-copilot`) that read the key;
    /// empty for every target.
    #[serde(default)]
    pub targets: Vec<String>,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ValueSpec {
    pub name: String,
    pub doc: String,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Alias {
    pub name: String,
    pub to: String,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ToolSpec {
    pub name: String,
    pub doc: String,
    pub status: Option<String>,
    /// `Name(a, b)` in a main-thread agent's `tools` limits the agent types it may spawn.
    #[serde(default)]
    pub limits_agent_types: bool,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Removed {
    pub name: String,
    pub instead: String,
    pub since: Option<String>,
}

/// Where a key's values come from, beyond the values the catalog lists for it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Source {
    /// The catalog's tools, and tools the configuration declares.
    Tools,
    /// The catalog's models and model IDs, and models the configuration declares.
    Models,
    /// The workspace's skills.
    Skills,
    /// The built-in agent types and the workspace's agents.
    Agents,
    /// The workspace's MCP servers (`.mcp.json`, the configuration).
    McpServers,
}

/// A model ID form: IDs holding every one of these strings.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ModelIdForm {
    pub contains: Vec<String>,
    pub doc: String,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ModelSpec {
    pub name: String,
    pub doc: String,
    pub resolves_to: Option<String>,
}

/// What a tool name in `tools:` means to the loader.
#[derive(Clone, Debug)]
pub enum ToolName<'a> {
    Known(&'a ToolSpec),
    Alias {
        to: &'a str,
    },
    Removed(&'a Removed),
    Mcp,
    /// Not in the catalog, but the user's configuration declares it.
    Configured {
        doc: Option<&'a str>,
    },
    Unknown,
}

impl Catalog {
    /// The key the tool's own hint suggests for an unknown `key` (compared without `-`
    /// and `_`, lowercased); None when there is no hint or it suggests nothing.
    pub fn key_hint(&self, key: &str) -> Option<&str> {
        let norm: String = key
            .chars()
            .filter(|c| *c != '-' && *c != '_')
            .flat_map(char::to_lowercase)
            .collect();
        let hint = self.key_hints.iter().find(|h| h.from == norm)?;
        (!hint.to.is_empty()).then_some(hint.to.as_str())
    }

    /// The built-in agent type of that name (Claude Code's `general-purpose`, `Explore`, …).
    pub fn builtin_agent(&self, name: &str) -> Option<&ValueSpec> {
        self.builtin_agents.iter().find(|b| b.name == name)
    }

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

    /// Whether `name` (or the tool it is a legacy name of) takes agent types in
    /// parentheses: `Agent(worker, researcher)`.
    pub fn limits_agent_types(&self, name: &str) -> bool {
        let resolved = match self.tool(name) {
            ToolName::Known(t) => Some(t),
            ToolName::Alias { to } => self.tools.iter().find(|t| t.name == to),
            _ => None,
        };
        resolved.is_some_and(|t| t.limits_agent_types)
    }

    /// Every name that resolves to a tool (current names and legacy aliases).
    pub fn tool_names(&self) -> impl Iterator<Item = &str> {
        self.tools
            .iter()
            .map(|t| t.name.as_str())
            .chain(self.tool_aliases.iter().map(|a| a.name.as_str()))
    }

    /// The alias `name` is, itself or with one of the accepted suffixes.
    pub fn model(&self, name: &str) -> Option<&ModelSpec> {
        let find = |n: &str| self.models.iter().find(|m| m.name.eq_ignore_ascii_case(n));
        find(name).or_else(|| find(&self.without_model_suffix(name)?))
    }

    /// `name` without an accepted model suffix, if it has one.
    fn without_model_suffix(&self, name: &str) -> Option<String> {
        let lower = name.to_ascii_lowercase();
        self.model_suffixes.iter().find_map(|s| {
            lower
                .strip_suffix(&s.to_ascii_lowercase())
                .map(str::to_string)
        })
    }

    /// A cloud provider's model ID (Bedrock, Vertex), which the tool passes on as written.
    pub fn is_provider_model_id(&self, id: &str) -> bool {
        self.model_id_forms
            .iter()
            .any(|f| f.contains.iter().all(|c| id.contains(c.as_str())))
    }

    /// A full model ID this release knows: a family, optionally with a `-YYYYMMDD` date.
    pub fn is_known_model_id(&self, id: &str) -> bool {
        let id = id.to_ascii_lowercase();
        let stripped = self.without_model_suffix(&id);
        let base = stripped.as_deref().unwrap_or(&id);
        self.model_families.iter().any(|f| {
            base == f.as_str()
                || base
                    .strip_prefix(f.as_str())
                    .and_then(|rest| rest.strip_prefix('-'))
                    .is_some_and(|d| d.len() == 8 && d.bytes().all(|b| b.is_ascii_digit()))
        })
    }
}

/// The catalog of Claude Code subagent files (the one Claude Code's agent loader reads).
pub fn claude_agent() -> &'static Catalog {
    Format::claude_agent().catalog()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_catalog_parses_and_is_consistent() {
        let c = claude_agent();
        assert_eq!(c.tool_version, "2.1.332");
        assert!(c.key("name").is_some_and(|k| k.required));
        assert!(matches!(c.tool("Task"), ToolName::Alias { to: "Agent" }));
        assert!(matches!(c.tool("MultiEdit"), ToolName::Removed(_)));
        assert!(matches!(c.tool("read"), ToolName::Unknown));
        assert!(c.is_known_model_id("claude-sonnet-4-5-20250929"));
        assert!(!c.is_known_model_id("gpt-4o"));
        assert!(c.is_provider_model_id("us.anthropic.claude-sonnet-4-5-20250929-v1:0"));
        assert!(c.is_provider_model_id("claude-sonnet-4-5@20250929"));
        assert!(!c.is_provider_model_id("claude-sonnet-4-5"));
        for a in &c.tool_aliases {
            assert!(
                matches!(c.tool(&a.to), ToolName::Known(_)),
                "alias {} points nowhere",
                a.name
            );
        }
    }

    #[test]
    fn every_format_parses_and_documents_every_key_and_value() {
        for format in Format::all() {
            let c = format.catalog();
            assert!(!c.tool_version.is_empty(), "{}", c.format);
            assert!(c.template.contains("---"), "{}: template", c.format);
            for k in &c.keys {
                assert!(
                    k.doc.len() > 20,
                    "{}: key {} needs a real doc",
                    c.format,
                    k.name
                );
                for v in &k.values {
                    assert!(
                        v.doc.len() > 10,
                        "{}: {}: value {} needs a doc",
                        c.format,
                        k.name,
                        v.name
                    );
                }
                value_schema_is_consistent(&c.format, k);
            }
            for t in &c.tools {
                assert!(
                    t.doc.len() > 60,
                    "{}: tool {} needs a one-paragraph doc",
                    c.format,
                    t.name
                );
            }
            for m in &c.models {
                assert!(
                    m.doc.len() > 20,
                    "{}: model {} needs a doc",
                    c.format,
                    m.name
                );
            }
        }
        assert!(
            claude_agent().limits_agent_types("Task") && !claude_agent().limits_agent_types("Bash"),
            "the Agent tool and its legacy name take agent types"
        );
        assert!(
            Format::named("claude-code-skill").map(|f| f.catalog().tools.len())
                == Some(claude_agent().tools.len()),
            "skills share the agents' tools"
        );
    }

    /// A key's schema, its values and its texts fit together; an enum's values are
    /// written once (no snippet repeating them).
    fn value_schema_is_consistent(format: &str, k: &KeySpec) {
        let at = format!("{format}: {}", k.name);
        if k.invalid.is_some() {
            assert!(
                k.value.is_some(),
                "{at}: `invalid` without a `value` schema"
            );
        }
        let is_enum = matches!(k.value, Some(ValueSchema::Enum { .. }));
        if is_enum {
            assert!(!k.values.is_empty(), "{at}: an enum without values");
        }
        assert!(
            k.removed_values.is_empty() || is_enum,
            "{at}: removed values outside an enum"
        );
        if let Some(ValueSchema::List {
            items,
            items_invalid,
            ..
        }) = &k.value
        {
            assert_eq!(items.is_some(), items_invalid.is_some(), "{at}: items text");
        }
        assert!(
            k.ty.is_some() || k.value.is_some(),
            "{at}: neither a `type` nor a `value` schema"
        );
        if k.ty.is_some() && k.value.is_some() {
            let derived = KeySpec {
                ty: None,
                ..k.clone()
            }
            .type_text();
            assert_ne!(
                k.ty.as_deref(),
                Some(derived.as_str()),
                "{at}: `type` repeats what `value` says; drop it"
            );
        }
        if k.snippet.is_some() && !k.values.is_empty() {
            let generated = KeySpec {
                snippet: None,
                ..k.clone()
            }
            .completion_snippet();
            assert_ne!(
                k.snippet, generated,
                "{at}: the snippet repeats the values; drop it"
            );
        }
    }
}
