//! What a workspace defines that files refer to: MCP servers in `.mcp.json`, skills in
//! `.claude/skills/<name>/SKILL.md`, agents in `.claude/agents/**/*.md`. Read from disk
//! once per configuration change; analysis gets the result and stays pure.

use super::{Config, Named};
use crate::discovery::{self, read};
use crate::syntax::{self, Node};
use std::path::{Path, PathBuf};

#[derive(Clone, Debug, Default)]
pub struct Workspace {
    pub mcp_json_found: bool,
    pub mcp_servers: Vec<Named>,
    pub skills: Vec<Named>,
    pub agents: Vec<Named>,
}

impl Workspace {
    pub fn scan(root: &Path, scope: Scan) -> Workspace {
        let mut ws = Workspace::default();
        if let Ok((text, _)) = discovery::read_text(&root.join(".mcp.json"), read::MCP_JSON) {
            ws.mcp_json_found = true;
            ws.mcp_servers = mcp_servers(&text);
        }
        if scope == Scan::ForDiagnostics {
            return ws;
        }
        ws.skills = skills(&root.join(".claude/skills"));
        let is_md = |p: &Path| p.extension().is_some_and(|x| x == "md");
        for f in discovery::walk(&root.join(".claude/agents"), None, &is_md).files {
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

/// Reads a file's frontmatter; None for files Claude Code does not load (too big) and
/// files that cannot be read.
fn frontmatter_of(path: &Path) -> Option<syntax::Frontmatter> {
    let (text, _) = discovery::read_text(path, read::LOADED_FILE).ok()?;
    Some(syntax::parse(&text, &|_| false))
}

fn string_of<'a>(fm: &'a syntax::Frontmatter, key: &str) -> Option<&'a str> {
    fm.loader_root()
        .and_then(|r| r.get(key))
        .and_then(|e| Node::as_str(&e.value))
}

/// A skill's name is its folder's name (frontmatter `name` is only a display label).
fn skills(dir: &Path) -> Vec<Named> {
    let is_skill = |p: &Path| p.file_name().is_some_and(|n| n == "SKILL.md");
    let mut out: Vec<Named> = discovery::walk(dir, Some(2), &is_skill)
        .files
        .iter()
        .filter(|f| f.parent().and_then(Path::parent) == Some(dir))
        .filter_map(|file| {
            let fm = frontmatter_of(file)?;
            let name = file.parent()?.file_name()?.to_string_lossy().into_owned();
            Some(Named {
                name,
                doc: string_of(&fm, "description").map(str::to_string),
            })
        })
        .collect();
    out.sort_by(|a, b| a.name.cmp(&b.name));
    out
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
