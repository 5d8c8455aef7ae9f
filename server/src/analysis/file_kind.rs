//! Which format a file is in, from its path alone (the way each tool finds its files).

use std::path::{Component, Path};

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FileKind {
    /// `.claude/agents/**/*.md` (project, user or managed): the default for a file the
    /// user names explicitly.
    ClaudeAgent,
    /// `<plugin>/agents/**/*.md`: looser loader rules (spec §1.4).
    ClaudePluginAgent { plugin: String, file_stem: String },
    /// `.claude/commands/**/*.md`
    ClaudeCommand,
    /// `.claude/skills/<name>/SKILL.md`
    ClaudeSkill,
    /// `*.agent.md`, `*.chatmode.md`, `.github/agents/*.md`
    CopilotAgent,
    /// `*.prompt.md`
    CopilotPrompt,
    /// `*.instructions.md`
    CopilotInstructions,
    /// `.opencode/agent(s)/**/*.md`
    OpencodeAgent,
    /// `.cursor/rules/**/*.mdc`
    CursorRule,
}

fn parts(path: &Path) -> Vec<String> {
    path.components()
        .filter_map(|c| match c {
            Component::Normal(s) => Some(s.to_string_lossy().into_owned()),
            _ => None,
        })
        .collect()
}

/// True when `parts` contains `a` immediately followed by `b` before the file name.
fn has_pair(parts: &[String], a: &str, b: &[&str]) -> bool {
    let dirs = &parts[..parts.len().saturating_sub(1)];
    dirs.windows(2)
        .any(|w| w[0] == a && b.contains(&w[1].as_str()))
}

impl FileKind {
    pub fn from_path(path: &Path) -> FileKind {
        let parts = parts(path);
        let file = parts.last().map(String::as_str).unwrap_or_default();
        if has_pair(&parts, ".claude", &["commands"]) {
            return FileKind::ClaudeCommand;
        }
        if has_pair(&parts, ".claude", &["skills"]) && file == "SKILL.md" {
            return FileKind::ClaudeSkill;
        }
        if has_pair(&parts, ".claude", &["agents"]) {
            return FileKind::ClaudeAgent;
        }
        if file.ends_with(".agent.md")
            || file.ends_with(".chatmode.md")
            || has_pair(&parts, ".github", &["agents"])
        {
            return FileKind::CopilotAgent;
        }
        if file.ends_with(".prompt.md") {
            return FileKind::CopilotPrompt;
        }
        if file.ends_with(".instructions.md") {
            return FileKind::CopilotInstructions;
        }
        if has_pair(&parts, ".opencode", &["agent", "agents"]) {
            return FileKind::OpencodeAgent;
        }
        if file.ends_with(".mdc") && has_pair(&parts, ".cursor", &["rules"]) {
            return FileKind::CursorRule;
        }
        FileKind::ClaudeAgent
    }

    /// The same file read as a plugin agent of the plugin whose root is the directory
    /// above the nearest `agents/` folder.
    pub fn plugin_agent(path: &Path) -> FileKind {
        let parts = parts(path);
        let file_stem = path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        let plugin = parts
            .iter()
            .rposition(|p| p == "agents")
            .and_then(|i| i.checked_sub(1))
            .map(|i| parts[i].clone())
            .unwrap_or_else(|| "plugin".to_string());
        FileKind::ClaudePluginAgent { plugin, file_stem }
    }

    /// Whether Claude Code's agent discovery picks this path up: any `*.md` below a
    /// `.claude/agents` folder, at any depth.
    pub fn is_discovered_agent(path: &Path) -> bool {
        let parts = parts(path);
        path.extension().is_some_and(|e| e == "md") && has_pair(&parts, ".claude", &["agents"])
    }

    pub fn label(&self) -> &'static str {
        match self {
            FileKind::ClaudeAgent => "Claude Code subagent",
            FileKind::ClaudePluginAgent { .. } => "Claude Code plugin agent",
            FileKind::ClaudeCommand => "Claude Code command",
            FileKind::ClaudeSkill => "Claude Code skill",
            FileKind::CopilotAgent => "GitHub Copilot custom agent",
            FileKind::CopilotPrompt => "GitHub Copilot prompt file",
            FileKind::CopilotInstructions => "GitHub Copilot instructions",
            FileKind::OpencodeAgent => "OpenCode agent",
            FileKind::CursorRule => "Cursor rule",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_from_paths() {
        let k = |p: &str| FileKind::from_path(Path::new(p));
        assert_eq!(k("/p/.claude/agents/sub/x.md"), FileKind::ClaudeAgent);
        assert_eq!(k("/p/.claude/commands/x.md"), FileKind::ClaudeCommand);
        assert_eq!(k("/p/.claude/skills/s/SKILL.md"), FileKind::ClaudeSkill);
        assert_eq!(k("/p/.github/agents/x.agent.md"), FileKind::CopilotAgent);
        assert_eq!(k("a.prompt.md"), FileKind::CopilotPrompt);
        assert_eq!(k(".opencode/agent/review.md"), FileKind::OpencodeAgent);
        assert_eq!(k(".cursor/rules/x.mdc"), FileKind::CursorRule);
        assert_eq!(k("notes.md"), FileKind::ClaudeAgent);
        assert!(FileKind::is_discovered_agent(Path::new(
            "/p/.claude/agents/a/b/c.md"
        )));
        assert!(!FileKind::is_discovered_agent(Path::new(
            "/p/.claude/agents/c.txt"
        )));
        assert_eq!(
            FileKind::plugin_agent(Path::new("/x/my-plugin/agents/rev.md")),
            FileKind::ClaudePluginAgent {
                plugin: "my-plugin".into(),
                file_stem: "rev".into()
            }
        );
    }
}
