//! The two words of the rule registry that the catalogs use: a severity (a format's
//! consequence for an unreadable frontmatter) and a rule group (the rules a format
//! lists). They live here so that the catalogs sit below the registry, which reads them.

/// How loud a diagnostic is. Catalogs name one for an unreadable frontmatter.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
    Info,
    Hint,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
            Severity::Hint => "hint",
        }
    }
}

/// The family of formats a rule belongs to. A catalog lists the groups that apply to its
/// format (`rules = ["yaml", "claude-code"]`); a rule's formats are the catalogs listing
/// its group (`formats`), so adding a rule never touches the catalogs.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Group {
    /// Every format, whatever its catalog lists: agent-lsp's own notes about a file.
    /// A catalog cannot list it.
    All,
    /// The frontmatter as YAML: every format with YAML frontmatter.
    Yaml,
    /// Claude Code's own reading (its re-quote retry): its agents, commands and skills.
    ClaudeCode,
    /// What Claude Code registers from a subagent file (name, tools, `<example>`s, …).
    ClaudeAgent,
    /// What OpenCode makes of an agent file (its schema, its `options` pass-through).
    #[serde(rename = "opencode")]
    OpenCode,
    /// How Cursor applies a rule (`globs`, `alwaysApply`, `description`).
    Cursor,
    /// The Copilot formats as VS Code 1.139 reads and validates them, and their
    /// references to each other (custom agents, prompts).
    Copilot,
    /// What Claude Code registers from a skill or a slash command (they share one loader).
    ClaudeSkill,
    /// The Agent Skills spec (agentskills.io, its reference validator `skills-ref`): what
    /// makes a `SKILL.md` portable to the other tools that read skills.
    AgentSkills,
    /// No format: agent-lsp's own configuration (`agent-lsp.toml`, the LSP options).
    /// A catalog cannot list it.
    Configuration,
}

impl Group {
    pub fn as_str(self) -> &'static str {
        match self {
            Group::All => "all",
            Group::Yaml => "yaml",
            Group::ClaudeCode => "claude-code",
            Group::ClaudeAgent => "claude-agent",
            Group::OpenCode => "opencode",
            Group::Cursor => "cursor",
            Group::Copilot => "copilot",
            Group::ClaudeSkill => "claude-skill",
            Group::AgentSkills => "agent-skills",
            Group::Configuration => "configuration",
        }
    }
}
