//! The one identity of a format: its catalog file. Which format a path is comes from the
//! catalogs' globs; where a file comes from (a project or a plugin) is its origin.

use super::{Catalog, LoaderModel};
use globset::{Glob, GlobBuilder, GlobSet, GlobSetBuilder};
use std::path::{Component, Path};
use std::sync::OnceLock;

/// Every `server/catalog/*.toml`, by file name, in name order (written by `build.rs`).
const FILES: &[(&str, &str)] = include!(concat!(env!("OUT_DIR"), "/catalogs.rs"));

/// A format: one catalog file. Cheap to copy and compare.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct Format(usize);

impl std::fmt::Debug for Format {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.id())
    }
}

/// Where a file comes from. Plugin agents are Claude Code agents read by looser rules
/// (spec §1.4), not a format of their own.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Origin {
    /// A project, user or managed folder.
    Project,
    /// A plugin's folder; the plugin's name and the file's stem are fallbacks.
    Plugin { plugin: String, file_stem: String },
}

struct Formats {
    catalogs: Vec<Catalog>,
    globs: GlobSet,
    /// For each glob of `globs`: its format and how specific it is.
    owners: Vec<(Format, usize)>,
}

fn formats() -> &'static Formats {
    static ALL: OnceLock<Formats> = OnceLock::new();
    ALL.get_or_init(load)
}

/// The catalogs are part of the binary and a test loads them: an error here is a build
/// defect, not bad user input.
fn load() -> Formats {
    let mut catalogs: Vec<Catalog> = FILES
        .iter()
        .map(|(file, text)| {
            let c: Catalog =
                toml::from_str(text).unwrap_or_else(|e| panic!("embedded catalog {file}: {e}"));
            assert_eq!(
                Some(c.format.as_str()),
                file.strip_suffix(".toml"),
                "a catalog's `format` is its file name"
            );
            c
        })
        .collect();
    share_names(&mut catalogs);
    let mut builder = GlobSetBuilder::new();
    let mut owners = Vec::new();
    for (i, c) in catalogs.iter().enumerate() {
        for g in &c.globs {
            builder.add(glob(g, &c.format));
            owners.push((Format(i), specificity(g)));
        }
    }
    let globs = builder
        .build()
        .unwrap_or_else(|e| panic!("catalog globs: {e}"));
    Formats {
        catalogs,
        globs,
        owners,
    }
}

fn glob(pattern: &str, format: &str) -> Glob {
    GlobBuilder::new(pattern)
        // `*` stays within one path component, as in every tool's own globs.
        .literal_separator(true)
        .build()
        .unwrap_or_else(|e| panic!("catalog {format}: glob {pattern}: {e}"))
}

/// How much of a path a glob pins down: its characters that are not wildcards. Among the
/// globs that match a path the most specific wins, so `**/.claude/agents/**/*.md` takes
/// `.claude/agents/x.agent.md` from `**/*.agent.md`.
fn specificity(pattern: &str) -> usize {
    pattern
        .chars()
        .filter(|c| !matches!(c, '*' | '?' | '[' | ']' | '{' | '}' | ','))
        .count()
}

/// Copies the tools, models and built-in agents of the catalog named by
/// `shares_names_of` (Claude Code commands and skills use the agents').
fn share_names(catalogs: &mut [Catalog]) {
    let snapshot = catalogs.to_vec();
    for c in catalogs.iter_mut() {
        let Some(from) = c.shares_names_of.clone() else {
            continue;
        };
        let Some(base) = snapshot.iter().find(|b| b.format == from) else {
            panic!(
                "catalog {} shares the names of {from}, which does not exist",
                c.format
            )
        };
        c.tools = base.tools.clone();
        c.tool_aliases = base.tool_aliases.clone();
        c.tools_removed = base.tools_removed.clone();
        c.models = base.models.clone();
        c.model_families = base.model_families.clone();
        c.model_suffixes = base.model_suffixes.clone();
        c.model_id_forms = base.model_id_forms.clone();
        c.builtin_agents = base.builtin_agents.clone();
        if c.hook_events.is_empty() {
            c.hook_events = base.hook_events.clone();
            c.hook_event_docs = base.hook_event_docs.clone();
            c.guard_hook_events = base.guard_hook_events.clone();
            c.hooks_unscanned_keys = base.hooks_unscanned_keys.clone();
            c.hooks_scan_depth = base.hooks_scan_depth;
            c.hook_handlers = base.hook_handlers.clone();
        }
    }
}

impl Format {
    /// Every format, in catalog file name order.
    pub fn all() -> impl Iterator<Item = Format> {
        (0..formats().catalogs.len()).map(Format)
    }

    /// The format whose catalog is `server/catalog/<id>.toml`.
    pub fn named(id: &str) -> Option<Format> {
        Format::all().find(|f| f.id() == id)
    }

    pub fn catalog(self) -> &'static Catalog {
        &formats().catalogs[self.0]
    }

    /// The catalog's file name without `.toml`, e.g. `claude-code-agent`.
    pub fn id(self) -> &'static str {
        &self.catalog().format
    }

    /// The format a path selects by its catalog's globs, if any does.
    pub fn of_path(path: &Path) -> Option<Format> {
        let all = formats();
        all.globs
            .matches(normalized(path))
            .into_iter()
            .map(|i| all.owners[i])
            // The most specific glob; among equals, the first catalog.
            .max_by_key(|&(f, specificity)| (specificity, std::cmp::Reverse(f.0)))
            .map(|(f, _)| f)
    }

    /// Whether one of this format's own globs matches `path` (whatever other formats say).
    pub fn matches(self, path: &Path) -> bool {
        let all = formats();
        all.globs
            .matches(normalized(path))
            .into_iter()
            .any(|i| all.owners[i].0 == self)
    }

    /// The format a file that no glob selects is read as (a file the user names).
    pub fn fallback() -> Format {
        // A test checks that exactly one catalog is the fallback.
        Format::all()
            .find(|f| f.catalog().fallback)
            .unwrap_or(Format(0))
    }

    /// The format Claude Code's agent loader reads.
    pub fn claude_agent() -> Format {
        // A test checks that a catalog names this loader.
        Format::all()
            .find(|f| f.catalog().loader == Some(LoaderModel::ClaudeCodeAgent))
            .unwrap_or(Format(0))
    }
}

/// The path as globs see it: `/`-separated components, without `.` or a Windows prefix.
fn normalized(path: &Path) -> String {
    let parts: Vec<_> = path
        .components()
        .filter_map(|c| match c {
            Component::Normal(s) => Some(s.to_string_lossy()),
            Component::ParentDir => Some("..".into()),
            _ => None,
        })
        .collect();
    parts.join("/")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::Group;

    fn of(p: &str) -> Option<&'static str> {
        Format::of_path(Path::new(p)).map(Format::id)
    }

    #[test]
    fn formats_from_paths() {
        assert_eq!(of("/p/.claude/agents/sub/x.md"), Some("claude-code-agent"));
        assert_eq!(of("/p/.claude/commands/x.md"), Some("claude-code-command"));
        assert_eq!(
            of("/p/.claude/commands/a/b.md"),
            Some("claude-code-command")
        );
        assert_eq!(
            of("/p/.claude/skills/s/SKILL.md"),
            Some("claude-code-skill")
        );
        assert_eq!(of(".claude/skills/SKILL.md"), Some("claude-code-skill"));
        assert_eq!(of("/p/.claude/skills/s/notes.md"), None);
        assert_eq!(of("/p/.github/agents/x.agent.md"), Some("copilot-agent"));
        assert_eq!(of("/p/.github/agents/x.md"), Some("copilot-agent"));
        assert_eq!(of("old.chatmode.md"), Some("copilot-agent"));
        assert_eq!(of("a.prompt.md"), Some("copilot-prompt"));
        assert_eq!(of("/p/x/a.instructions.md"), Some("copilot-instructions"));
        assert_eq!(of(".opencode/agent/review.md"), Some("opencode-agent"));
        assert_eq!(of("/p/.opencode/agents/a/b.md"), Some("opencode-agent"));
        assert_eq!(of(".cursor/rules/x.mdc"), Some("cursor-rule"));
        assert_eq!(of("/p/.cursor/rules/a/x.mdc"), Some("cursor-rule"));
        assert_eq!(of("/p/.cursor/rules/x.md"), None);
        assert_eq!(of("notes.md"), None);
        assert_eq!(Format::fallback().id(), "claude-code-agent");
        assert_eq!(Format::claude_agent().id(), "claude-code-agent");
    }

    #[test]
    fn the_most_specific_glob_wins() {
        // Claude Code discovers these, whatever their suffix says.
        assert_eq!(
            of("/p/.claude/agents/x.agent.md"),
            Some("claude-code-agent")
        );
        assert_eq!(
            of("/p/.claude/commands/x.instructions.md"),
            Some("claude-code-command")
        );
        // OpenCode reads every `*.md` there; VS Code reads prompt files from its prompt
        // folders.
        assert_eq!(of("/p/.opencode/agent/x.prompt.md"), Some("opencode-agent"));
        assert!(Format::claude_agent().matches(Path::new("/p/.claude/agents/a/b/c.md")));
        assert!(!Format::claude_agent().matches(Path::new("/p/.claude/agents/c.txt")));
    }

    #[test]
    fn every_catalog_is_a_format() {
        assert_eq!(Format::all().count(), FILES.len());
        assert_eq!(Format::all().filter(|f| f.catalog().fallback).count(), 1);
        for f in Format::all() {
            assert_eq!(Format::named(f.id()), Some(f));
            assert!(!f.catalog().globs.is_empty(), "{f:?} selects no path");
            assert!(!f.catalog().rules.is_empty(), "{f:?} lists no rules");
        }
    }

    /// A catalog names groups of some formats: `all` applies by itself, configuration
    /// rules to no format.
    #[test]
    fn catalogs_list_format_groups() {
        for f in Format::all() {
            for g in [Group::All, Group::Configuration] {
                assert!(!f.catalog().rules.contains(&g), "{f:?} lists {g:?}");
            }
        }
    }
}
