//! What a file is: its format (from its path, by the catalogs' globs) and its origin.

use crate::catalog::{Catalog, Consequence, Format, NamedBy, Origin, SlashName};
use std::path::{Component, Path};

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FileKind {
    pub format: Format,
    pub origin: Origin,
}

impl FileKind {
    /// The format the path selects, or the fallback (a Claude Code subagent) for a file
    /// the user names explicitly.
    pub fn from_path(path: &Path) -> FileKind {
        FileKind {
            format: Format::of_path(path).unwrap_or_else(Format::fallback),
            origin: Origin::Project,
        }
    }

    /// A Claude Code subagent of a project.
    pub fn claude_agent() -> FileKind {
        FileKind {
            format: Format::claude_agent(),
            origin: Origin::Project,
        }
    }

    /// The same file read as a plugin agent of the plugin whose root is the directory
    /// above the nearest `agents/` folder.
    pub fn plugin_agent(path: &Path) -> FileKind {
        let parts = path_parts(path);
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
        FileKind {
            format: Format::claude_agent(),
            origin: Origin::Plugin { plugin, file_stem },
        }
    }

    /// Whether Claude Code's agent discovery picks this path up: any `*.md` below a
    /// `.claude/agents` folder, at any depth (the agent catalog's globs).
    pub fn is_discovered_agent(path: &Path) -> bool {
        Format::claude_agent().matches(path)
    }

    pub fn catalog(&self) -> &'static Catalog {
        self.format.catalog()
    }

    pub fn is_plugin(&self) -> bool {
        matches!(self.origin, Origin::Plugin { .. })
    }

    /// What the file is, for people: the catalog's title (or its plugin origin's).
    pub fn label(&self) -> &'static str {
        let c = self.catalog();
        match (&self.origin, &c.plugin_origin) {
            (Origin::Plugin { .. }, Some(p)) => &p.title,
            _ => &c.title,
        }
    }

    /// What becomes of the file when its frontmatter cannot be read.
    pub fn unreadable(&self) -> &'static Consequence {
        let c = self.catalog();
        match (&self.origin, &c.plugin_origin) {
            (Origin::Plugin { .. }, Some(p)) => &p.unreadable,
            _ => &c.unreadable,
        }
    }

    /// The name the file's path gives it: its stem, or for a skill its folder's name.
    pub fn name_from_path(&self, path: &Path) -> String {
        if self.catalog().named_by == NamedBy::AgentPath {
            return agent_path_name(path);
        }
        let named_by = match self.catalog().named_by {
            NamedBy::Folder => path.parent().and_then(|d| d.file_name()),
            NamedBy::FileStem | NamedBy::AgentPath => path.file_stem(),
        };
        named_by
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default()
    }
}

/// The path's named folders and file name, in order (no root, `.` or `..`).
fn path_parts(path: &Path) -> Vec<String> {
    path.components()
        .filter_map(|c| match c {
            Component::Normal(s) => Some(s.to_string_lossy().into_owned()),
            _ => None,
        })
        .collect()
}

/// The path below the last `agent`/`agents` folder, without `.md`, `/`-separated.
fn agent_path_name(path: &Path) -> String {
    let parts = path_parts(path);
    let from = parts
        .iter()
        .rposition(|p| p == "agent" || p == "agents")
        .map_or(parts.len().saturating_sub(1), |i| i + 1);
    let joined = parts[from.min(parts.len())..].join("/");
    joined.strip_suffix(".md").unwrap_or(&joined).to_string()
}

impl FileKind {
    /// The `/name` that runs the file, for formats that become slash commands: a skill's
    /// folder; a command's path below the last `.claude/commands/`, folders joined by `:`
    /// (Claude Code 2.1.332, checked with the real client on nested commands).
    pub fn slash_name(&self, path: &Path) -> Option<String> {
        match self.catalog().slash_name? {
            SlashName::Folder => Some(format!("/{}", self.name_from_path(path))),
            SlashName::CommandsPath => {
                let parts = path_parts(path);
                let at = parts
                    .windows(2)
                    .rposition(|w| w[0] == ".claude" && w[1] == "commands")?;
                let below = parts.get(at + 2..)?.join(":");
                Some(format!("/{}", below.strip_suffix(".md").unwrap_or(&below)))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_from_paths() {
        let k = |p: &str| FileKind::from_path(Path::new(p)).format.id();
        assert_eq!(k("/p/.claude/agents/sub/x.md"), "claude-code-agent");
        assert_eq!(k("/p/.claude/skills/s/SKILL.md"), "claude-code-skill");
        assert_eq!(k("notes.md"), "claude-code-agent");
        let oc = FileKind::from_path(Path::new("/p/.opencode/agent/team/lead.md"));
        assert_eq!(
            oc.name_from_path(Path::new("/p/.opencode/agent/team/lead.md")),
            "team/lead"
        );
        assert_eq!(
            FileKind::from_path(Path::new("notes.md")),
            FileKind::claude_agent()
        );
        let plugin = FileKind::plugin_agent(Path::new("/x/my-plugin/agents/rev.md"));
        assert_eq!(
            plugin.origin,
            Origin::Plugin {
                plugin: "my-plugin".into(),
                file_stem: "rev".into()
            }
        );
        assert_eq!(plugin.label(), "Claude Code plugin agent");
        let cmd = Path::new("/p/.claude/commands/team/deploy/staging.md");
        assert_eq!(
            FileKind::from_path(cmd).slash_name(cmd).as_deref(),
            Some("/team:deploy:staging")
        );
        let skill = FileKind::from_path(Path::new("/p/.claude/skills/pdf/SKILL.md"));
        assert_eq!(
            skill.name_from_path(Path::new("/p/.claude/skills/pdf/SKILL.md")),
            "pdf"
        );
    }
}
