//! Reading one workspace folder's facts from disk, through the one walker: every file of
//! every format the catalogs' globs select, and the user's own folders Claude Code reads
//! (`~/.claude/agents`, `skills`, `commands`), each file indexed by [`super::index`].

use super::{index, mcp, FileProblem, Reference, Scope, Workspace};
use crate::catalog::Format;
use crate::discovery::{self, read, Found};
use crate::syntax;
use std::path::{Path, PathBuf};

/// How much of the workspace to report.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scan {
    /// For `check`, which reports the files it could not read itself: the walk's
    /// problems are dropped, and so are what only the editor reads: the text of
    /// descriptions (hover) and the list of files (workspace diagnostics); on 100,000
    /// agents they were most of `check`'s memory.
    ForDiagnostics,
    /// For the editor: every file that could not be read is a problem to show.
    ForEditor,
}

/// The user's Claude Code folder: `$CLAUDE_CONFIG_DIR`, else `~/.claude`.
pub fn user_folder() -> Option<PathBuf> {
    if let Some(dir) = std::env::var_os("CLAUDE_CONFIG_DIR").filter(|d| !d.is_empty()) {
        return Some(PathBuf::from(dir));
    }
    let home = std::env::var_os("HOME").filter(|h| !h.is_empty())?;
    Some(Path::new(&home).join(".claude"))
}

/// A file of the user's folder as people write it: `~/.claude/agents/x.md`, or
/// `$CLAUDE_CONFIG_DIR/agents/x.md` when that variable chose the folder.
pub fn shown_user_path(p: &Path) -> String {
    let chosen = std::env::var_os("CLAUDE_CONFIG_DIR").is_some_and(|d| !d.is_empty());
    let head = if chosen {
        "$CLAUDE_CONFIG_DIR"
    } else {
        "~/.claude"
    };
    match user_folder().and_then(|u| p.strip_prefix(u).ok().map(Path::to_path_buf)) {
        Some(rest) => format!("{head}/{}", rest.display()),
        None => p.display().to_string(),
    }
}

/// What was read so far.
#[derive(Default)]
struct Read {
    facts: Vec<super::Fact>,
    references: Vec<Reference>,
    problems: Vec<FileProblem>,
    /// The project's files read.
    files: Vec<PathBuf>,
    /// Whether the editor's parts are kept: descriptions' text, the list of files.
    editor: bool,
}

impl Workspace {
    /// The facts and references of the folder `root`, and of the user's folders.
    pub fn scan(root: &Path, scope: Scan) -> Workspace {
        let (mcp, facts, mcp_problem) = mcp::read(root);
        let mut read = Read {
            facts,
            problems: mcp_problem.into_iter().collect(),
            editor: scope == Scan::ForEditor,
            ..Read::default()
        };
        let mut walk_problems = Vec::new();
        let user = user_folder();
        // The user's folder is read as the user's, also when it lies inside the root.
        let project = |p: &Path| user.as_deref().is_none_or(|u| !p.starts_with(u));
        let found = discovery::walk(root, None, &|p| Format::of_path(p).is_some() && project(p));
        read_files(found, &mut read, &mut walk_problems, |p| {
            Format::of_path(p).map(|f| (f, Scope::Project))
        });
        if let Some(user) = &user {
            read_user(user, &mut read, &mut walk_problems);
        }
        if scope == Scan::ForEditor {
            read.problems.append(&mut walk_problems);
        }
        let mut ws = Workspace::new(Some(root.to_path_buf()), read.facts, mcp, read.problems)
            .with_files(read.files, read.references);
        ws.disk = Some(discovery::exists);
        ws
    }
}

/// Which files of a folder a walk keeps.
type Wanted<'a> = &'a dyn Fn(&Path) -> bool;

/// `<user>/agents/**/*.md`, `<user>/skills/<name>/SKILL.md`, `<user>/commands/**/*.md`.
fn read_user(user: &Path, read: &mut Read, problems: &mut Vec<FileProblem>) {
    let is_md = |p: &Path| p.extension().is_some_and(|x| x == "md");
    let is_skill = |p: &Path| p.file_name().is_some_and(|n| n == "SKILL.md");
    let folders: [(&str, Option<usize>, Wanted, Format); 3] = [
        ("agents", None, &is_md, Format::claude_agent()),
        ("skills", Some(2), &is_skill, named("claude-code-skill")),
        ("commands", None, &is_md, named("claude-code-command")),
    ];
    for (dir, depth, wanted, format) in folders {
        let found = discovery::walk(&user.join(dir), depth, wanted);
        read_files(found, read, problems, |_| Some((format, Scope::User)));
    }
}

fn named(id: &str) -> Format {
    Format::named(id).unwrap_or_else(Format::claude_agent)
}

/// Indexes the files a walk found, on every core (each thread a contiguous share, joined
/// in order, so the result is in discovery order); files skipped or refused become
/// problems.
fn read_files(
    found: Found,
    read: &mut Read,
    problems: &mut Vec<FileProblem>,
    format_of: impl Fn(&Path) -> Option<(Format, Scope)> + Sync,
) {
    let skipped = found.skipped.into_iter().map(|s| (s.path, s.why));
    let mut files = found.files;
    let workers = std::thread::available_parallelism().map_or(1, |n| n.get());
    let share = files.len().div_ceil(workers).max(1);
    // Each thread owns its share, so each path is freed once its file is read (the
    // whole list of 100,000 paths was held until the last thread ended).
    let mut shares = Vec::new();
    while files.len() > share {
        shares.push(files.split_off(files.len() - share));
    }
    shares.push(files);
    shares.reverse();
    let editor = read.editor;
    let parts: Vec<Part> = std::thread::scope(|s| {
        let threads: Vec<_> = shares
            .into_iter()
            .map(|c| s.spawn(|| read_share(c, &format_of, editor)))
            .collect();
        // A thread that failed leaves its files out rather than the whole workspace.
        threads
            .into_iter()
            .map(|t| t.join().unwrap_or_default())
            .collect()
    });
    let mut refused = Vec::new();
    for p in parts {
        read.files.extend(p.files);
        read.facts.extend(p.facts);
        read.references.extend(p.references);
        refused.extend(p.refused);
    }
    problems.extend(
        skipped
            .chain(refused)
            .map(|(file, why)| FileProblem::unread(file, why.to_string())),
    );
}

/// What one thread of [`read_files`] read.
#[derive(Default)]
struct Part {
    files: Vec<PathBuf>,
    facts: Vec<super::Fact>,
    references: Vec<Reference>,
    refused: Vec<(PathBuf, discovery::Refusal)>,
}

fn read_share(
    files: Vec<PathBuf>,
    format_of: &dyn Fn(&Path) -> Option<(Format, Scope)>,
    editor: bool,
) -> Part {
    let mut part = Part::default();
    // Nearly every file declares one name: room for that up front, rather than a list
    // grown by doubling (up to half of it spare, and both copies held while it moves).
    part.facts.reserve_exact(files.len());
    for file in files {
        let Some((format, scope)) = format_of(&file) else {
            continue;
        };
        // Claude Code registers nothing from a file over 1 MiB: no fact, no problem.
        match discovery::read_text(&file, read::LOADED_FILE) {
            Ok((text, _)) => {
                let catalog = format.catalog();
                let fm =
                    syntax::parse_as_tool(&text, catalog.dialect, &|k| catalog.key(k).is_some());
                let mut entry = index::read(&file, format, scope, &text, &fm);
                if !editor {
                    // Whether there is one still counts (an agent without a description
                    // does not load); its text does not.
                    for f in &mut entry.declares {
                        f.doc = f.doc.take().map(|_| Box::default());
                    }
                }
                if editor && scope == Scope::Project {
                    part.files.push(file);
                }
                part.facts.extend(entry.declares);
                part.references.extend(entry.references);
            }
            Err(discovery::Refusal::TooLarge { .. }) => {}
            Err(e) => part.refused.push((file, e)),
        }
    }
    // Lists grown by doubling hold up to half of themselves spare until the run ends.
    part.facts.shrink_to_fit();
    part.references.shrink_to_fit();
    part.files.shrink_to_fit();
    part
}

/// The folder a file's workspace starts at, for `check`: the nearest folder upwards
/// holding `agent-lsp.toml`, else `.mcp.json`, `.claude` or `.git`.
pub fn root_of(file: &Path) -> Option<PathBuf> {
    let start = file.parent()?;
    let abs = std::fs::canonicalize(start).unwrap_or_else(|_| start.to_path_buf());
    let up = || abs.ancestors();
    up().find(|d| d.join(super::CONFIG_FILE).is_file())
        .or_else(|| {
            up().find(|d| {
                d.join(mcp::FILE).is_file() || d.join(".claude").is_dir() || d.join(".git").exists()
            })
        })
        .map(Path::to_path_buf)
}

#[cfg(test)]
mod tests {
    use super::super::{Fact, FactKind, McpServers};
    use super::*;

    #[test]
    fn reads_servers_skills_agents_and_commands_with_ranges() {
        let root = std::env::temp_dir().join(format!("agent-lsp-ws-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&root);
        std::fs::create_dir_all(root.join(".claude/skills/pdf-tools")).unwrap();
        std::fs::create_dir_all(root.join(".claude/agents/team")).unwrap();
        std::fs::create_dir_all(root.join(".claude/commands")).unwrap();
        let mcp =
            r#"{"mcpServers": {"github": {"command": "gh-mcp"}, "docs": {"url": "https://x"}}}"#;
        std::fs::write(root.join(".mcp.json"), mcp).unwrap();
        std::fs::write(
            root.join(".claude/skills/pdf-tools/SKILL.md"),
            "---\ndescription: Work with PDFs\n---\n",
        )
        .unwrap();
        let rev = "---\nname: reviewer\ndescription: Reviews\\ncode\n---\n";
        std::fs::write(root.join(".claude/agents/team/rev.md"), rev).unwrap();
        std::fs::write(root.join(".claude/agents/rev2.md"), rev).unwrap();
        std::fs::write(root.join(".claude/agents/notes.md"), "no frontmatter\n").unwrap();
        std::fs::write(root.join(".claude/commands/ship.md"), "Ship it\n").unwrap();
        let ws = Workspace::scan(&root, Scan::ForEditor);
        assert_eq!(ws.mcp, McpServers::Listed);
        let names =
            |l: &super::super::NameList| l.iter().map(|n| n.name.clone()).collect::<Vec<_>>();
        // In the order `.mcp.json` lists them.
        assert_eq!(names(ws.mcp_servers()), ["github", "docs"]);
        let github = ws
            .declarations(FactKind::McpServer, "github")
            .next()
            .unwrap();
        assert_eq!(&mcp[github.span.range.clone()], "\"github\"");
        assert_eq!(names(ws.skills()), ["pdf-tools"]);
        assert_eq!(ws.skills()[0].doc.as_deref(), Some("Work with PDFs"));
        assert_eq!(names(ws.commands()), ["ship"]);
        // Both files named `reviewer` are kept as facts; the name is listed once.
        assert_eq!(names(ws.agents()), ["reviewer"]);
        let decls: Vec<&Fact> = ws.declarations(FactKind::Agent, "reviewer").collect();
        assert_eq!(decls.len(), 2);
        assert_eq!(&rev[decls[0].span.range.clone()], "reviewer");
        assert_eq!(ws.agents()[0].doc.as_deref(), Some("Reviews\ncode"));
        assert_eq!(
            root_of(&root.join(".claude/agents/team/rev.md")).map(|p| p.canonicalize().unwrap()),
            Some(root.canonicalize().unwrap())
        );
        let _ = std::fs::remove_dir_all(&root);
    }
}
