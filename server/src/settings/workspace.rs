//! What a workspace defines that files refer to: MCP servers in `.mcp.json`, skills in
//! `.claude/skills/<name>/SKILL.md`, agents in `.claude/agents/**/*.md`. Read from disk
//! once per configuration change; analysis gets the result and stays pure.

use super::{Config, Named};
use crate::syntax::{self, Node};
use std::path::{Path, PathBuf};

#[derive(Clone, Debug, Default)]
pub struct Workspace {
    pub mcp_json_found: bool,
    pub mcp_servers: Vec<Named>,
    pub skills: Vec<Named>,
    pub agents: Vec<Named>,
}

/// A bound on the agent walk, so a huge tree cannot stall the server.
const MAX_AGENT_FILES: usize = 2000;

impl Workspace {
    pub fn scan(root: &Path, scope: Scan) -> Workspace {
        let mut ws = Workspace::default();
        if let Ok(text) = std::fs::read_to_string(root.join(".mcp.json")) {
            ws.mcp_json_found = true;
            ws.mcp_servers = mcp_servers(&text);
        }
        if scope == Scan::ForDiagnostics {
            return ws;
        }
        ws.skills = skills(&root.join(".claude/skills"));
        let mut files = Vec::new();
        agent_files(&root.join(".claude/agents"), &mut files, 0);
        files.sort();
        for f in files {
            if let Some(a) = agent(&f) {
                if !ws.agents.iter().any(|x| x.name == a.name) {
                    ws.agents.push(a);
                }
            }
        }
        ws
    }
}

/// The servers of `.mcp.json` (`{"mcpServers": {name: config}}`), with what each runs.
fn mcp_servers(text: &str) -> Vec<Named> {
    let Ok(v) = serde_json::from_str::<serde_json::Value>(text) else {
        return Vec::new();
    };
    let Some(servers) = v.get("mcpServers").and_then(|s| s.as_object()) else {
        return Vec::new();
    };
    servers
        .iter()
        .map(|(name, cfg)| {
            let runs = cfg
                .get("command")
                .and_then(|c| c.as_str())
                .map(|c| format!("runs `{c}`"))
                .or_else(|| {
                    cfg.get("url")
                        .and_then(|u| u.as_str())
                        .map(|u| format!("connects to {u}"))
                });
            Named {
                name: name.clone(),
                doc: Some(format!(
                    "MCP server from `.mcp.json`{}",
                    runs.map(|r| format!(": {r}")).unwrap_or_default()
                )),
            }
        })
        .collect()
}

/// Reads a small file's frontmatter; None for files too big to be loaded.
fn frontmatter_of(path: &Path) -> Option<syntax::Frontmatter> {
    if std::fs::metadata(path).ok()?.len() > crate::loader::MAX_FILE_BYTES as u64 {
        return None;
    }
    let bytes = std::fs::read(path).ok()?;
    let text = String::from_utf8_lossy(&bytes);
    let fm = syntax::parse(&text, &|_| false);
    Some(fm)
}

fn string_of<'a>(fm: &'a syntax::Frontmatter, key: &str) -> Option<&'a str> {
    fm.loader_root()
        .and_then(|r| r.get(key))
        .and_then(|e| Node::as_str(&e.value))
}

/// A skill's name is its folder's name (frontmatter `name` is only a display label).
fn skills(dir: &Path) -> Vec<Named> {
    let Ok(rd) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut out: Vec<Named> = rd
        .filter_map(Result::ok)
        .filter_map(|e| {
            let file = e.path().join("SKILL.md");
            let fm = frontmatter_of(&file)?;
            let name = e.file_name().to_string_lossy().into_owned();
            Some(Named {
                name,
                doc: string_of(&fm, "description").map(str::to_string),
            })
        })
        .collect();
    out.sort_by(|a, b| a.name.cmp(&b.name));
    out
}

/// Every `*.md` below `dir`, at any depth, as Claude Code's discovery finds them.
fn agent_files(dir: &Path, out: &mut Vec<PathBuf>, depth: usize) {
    if depth > 8 || out.len() >= MAX_AGENT_FILES {
        return;
    }
    let Ok(rd) = std::fs::read_dir(dir) else {
        return;
    };
    for e in rd.filter_map(Result::ok) {
        let path = e.path();
        if path.is_dir() {
            agent_files(&path, out, depth + 1);
        } else if path.extension().is_some_and(|x| x == "md") && out.len() < MAX_AGENT_FILES {
            out.push(path);
        }
    }
}

fn agent(path: &Path) -> Option<Named> {
    let fm = frontmatter_of(path)?;
    let name = string_of(&fm, "name")
        .filter(|n| !n.is_empty())?
        .to_string();
    Some(Named {
        name,
        doc: string_of(&fm, "description").map(|d| d.replace("\\n", "\n")),
    })
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
                d.join(".mcp.json").is_file()
                    || d.join(".claude").is_dir()
                    || d.join(".git").exists()
            })
        })
        .map(Path::to_path_buf)
}

/// How much of the workspace to read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scan {
    /// What diagnostics use: the MCP servers (for `check`, which never completes or hovers).
    ForDiagnostics,
    /// Also the skills and agents that completion and hover offer (for the server).
    ForEditor,
}

/// The configuration file of `root` (if any and valid), the workspace it describes, and
/// the problem with the file when it is invalid (the caller reports it; the file is then
/// ignored). No root: no file, an empty workspace.
pub fn load(root: Option<&Path>, scope: Scan) -> (Option<Config>, Workspace, Option<String>) {
    let Some(root) = root else {
        return (None, Workspace::default(), None);
    };
    let ws = Workspace::scan(root, scope);
    match Config::read_file(root) {
        Some(Ok(c)) => (Some(c), ws, None),
        Some(Err(e)) => (None, ws, Some(e)),
        None => (None, ws, None),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_servers_skills_and_agents() {
        let root = std::env::temp_dir().join(format!("agent-lsp-ws-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&root);
        std::fs::create_dir_all(root.join(".claude/skills/pdf-tools")).unwrap();
        std::fs::create_dir_all(root.join(".claude/agents/team")).unwrap();
        std::fs::write(
            root.join(".mcp.json"),
            r#"{"mcpServers": {"github": {"command": "gh-mcp"}, "docs": {"url": "https://x"}}}"#,
        )
        .unwrap();
        std::fs::write(
            root.join(".claude/skills/pdf-tools/SKILL.md"),
            "---\ndescription: Work with PDFs\n---\n",
        )
        .unwrap();
        std::fs::write(
            root.join(".claude/agents/team/rev.md"),
            "---\nname: reviewer\ndescription: Reviews\\ncode\n---\n",
        )
        .unwrap();
        std::fs::write(root.join(".claude/agents/notes.md"), "no frontmatter\n").unwrap();
        let ws = Workspace::scan(&root, Scan::ForEditor);
        assert!(ws.mcp_json_found);
        // In the order `.mcp.json` lists them.
        assert_eq!(
            ws.mcp_servers
                .iter()
                .map(|s| s.name.as_str())
                .collect::<Vec<_>>(),
            ["github", "docs"]
        );
        assert_eq!(ws.skills[0].name, "pdf-tools");
        assert_eq!(ws.skills[0].doc.as_deref(), Some("Work with PDFs"));
        assert_eq!(ws.agents.len(), 1);
        assert_eq!(ws.agents[0].doc.as_deref(), Some("Reviews\ncode"));
        assert_eq!(
            root_of(&root.join(".claude/agents/team/rev.md")).map(|p| p.canonicalize().unwrap()),
            Some(root.canonicalize().unwrap())
        );
        let _ = std::fs::remove_dir_all(&root);
    }
}
