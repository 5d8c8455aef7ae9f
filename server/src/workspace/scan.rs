//! Reading one workspace folder's facts from disk, through the one walker.

use super::{mcp, Fact, FactKind, FileProblem, Workspace};
use crate::discovery::{self, read, Found};
use crate::syntax::{self, Entry, Node};
use std::ops::Range;
use std::path::{Path, PathBuf};

/// How much of the workspace to read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scan {
    /// What diagnostics use: the MCP servers and the agents (for `check`, which never
    /// completes or hovers).
    ForDiagnostics,
    /// Also the skills and commands that completion and hover offer (the server).
    ForEditor,
}

impl Workspace {
    /// The facts of the folder `root`.
    pub fn scan(root: &Path, scope: Scan) -> Workspace {
        let (mcp, mut facts, mcp_problem) = mcp::read(root);
        let mut problems: Vec<FileProblem> = mcp_problem.into_iter().collect();
        let claude = root.join(".claude");
        let is_md = |p: &Path| p.extension().is_some_and(|x| x == "md");
        // The agents are read for diagnostics too: duplicate names are a cross-file rule.
        // `check` reports the files it could not read itself, so only the editor keeps
        // these problems.
        let agents = discovery::walk(&claude.join("agents"), None, &is_md);
        let mut agent_problems = Vec::new();
        facts.extend(declared(
            agents,
            &mut agent_problems,
            FactKind::Agent,
            agent,
        ));
        if scope == Scan::ForEditor {
            problems.append(&mut agent_problems);
        }
        if scope == Scan::ForEditor {
            let is_skill = |p: &Path| p.file_name().is_some_and(|n| n == "SKILL.md");
            let skills = discovery::walk(&claude.join("skills"), Some(2), &is_skill);
            facts.extend(declared(skills, &mut problems, FactKind::Skill, skill));
            let commands = discovery::walk(&claude.join("commands"), None, &is_md);
            facts.extend(declared(
                commands,
                &mut problems,
                FactKind::Command,
                command,
            ));
        }
        Workspace::new(Some(root.to_path_buf()), facts, mcp, problems)
    }
}

/// A declaration read from one file's frontmatter (None when it declares nothing).
/// The name, its documentation and the range of the name in the file.
type Reader = fn(&Path, &syntax::Frontmatter) -> Option<(String, Option<String>, Range<usize>)>;

/// The facts of the files a walk found; files skipped or refused become problems.
fn declared(
    found: Found,
    problems: &mut Vec<FileProblem>,
    kind: FactKind,
    reader: Reader,
) -> Vec<Fact> {
    let skipped = found.skipped.into_iter().map(|s| (s.path, s.why));
    let mut facts = Vec::new();
    let mut refused = Vec::new();
    for file in found.files {
        // Claude Code registers nothing from a file over 1 MiB: no fact, no problem.
        match discovery::read_text(&file, read::LOADED_FILE) {
            Ok((text, _)) => {
                let fm = syntax::parse(&text, &|_| false);
                if let Some((name, doc, range)) = reader(&file, &fm) {
                    facts.push(Fact {
                        kind,
                        name,
                        doc,
                        file,
                        range,
                    });
                }
            }
            Err(discovery::Refusal::TooLarge { .. }) => {}
            Err(e) => refused.push((file, e)),
        }
    }
    problems.extend(
        skipped
            .chain(refused)
            .map(|(file, why)| FileProblem::unread(file, why.to_string())),
    );
    facts
}

fn entry<'a>(fm: &'a syntax::Frontmatter, key: &str) -> Option<&'a Entry> {
    fm.loader_root().and_then(|r| r.get(key))
}

fn string_of<'a>(fm: &'a syntax::Frontmatter, key: &str) -> Option<&'a str> {
    entry(fm, key).and_then(|e| Node::as_str(&e.value))
}

/// An agent is named by its frontmatter `name` (a file without one is not an agent).
fn agent(_: &Path, fm: &syntax::Frontmatter) -> Option<(String, Option<String>, Range<usize>)> {
    let e = entry(fm, "name")?;
    let name = e.value.as_str().filter(|n| !n.is_empty())?.to_string();
    let doc = string_of(fm, "description").map(|d| d.replace("\\n", "\n"));
    Some((name, doc, e.value.span.clone()))
}

/// A skill is named by its folder (frontmatter `name` is only a display label), and
/// only `<skills>/<name>/SKILL.md` is one.
fn skill(file: &Path, fm: &syntax::Frontmatter) -> Option<(String, Option<String>, Range<usize>)> {
    let name = file.parent()?.file_name()?.to_string_lossy().into_owned();
    let doc = string_of(fm, "description").map(str::to_string);
    Some((name, doc, 0..0))
}

/// A command is named by its file.
fn command(
    file: &Path,
    fm: &syntax::Frontmatter,
) -> Option<(String, Option<String>, Range<usize>)> {
    let name = file.file_stem()?.to_string_lossy().into_owned();
    let doc = string_of(fm, "description").map(str::to_string);
    Some((name, doc, 0..0))
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
    use super::super::McpServers;
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
        assert_eq!(&mcp[github.range.clone()], "\"github\"");
        assert_eq!(names(ws.skills()), ["pdf-tools"]);
        assert_eq!(ws.skills()[0].doc.as_deref(), Some("Work with PDFs"));
        assert_eq!(names(ws.commands()), ["ship"]);
        // Both files named `reviewer` are kept as facts; the name is listed once.
        assert_eq!(names(ws.agents()), ["reviewer"]);
        let decls: Vec<&Fact> = ws.declarations(FactKind::Agent, "reviewer").collect();
        assert_eq!(decls.len(), 2);
        assert_eq!(&rev[decls[0].range.clone()], "reviewer");
        assert_eq!(ws.agents()[0].doc.as_deref(), Some("Reviews\ncode"));
        assert_eq!(
            root_of(&root.join(".claude/agents/team/rev.md")).map(|p| p.canonicalize().unwrap()),
            Some(root.canonicalize().unwrap())
        );
        let _ = std::fs::remove_dir_all(&root);
    }
}
