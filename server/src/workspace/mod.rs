//! What a workspace folder's files declare: agents, skills, commands and MCP servers, each
//! fact with its file and the byte range of its name, duplicate names kept (Claude Code
//! uses one of them: the `duplicate-agent-name` rule says which). Read from disk only
//! through [`crate::discovery`]. Settings are apart: what the user configured.

pub mod index;
pub mod links;
pub mod lookup;
mod mcp;
pub mod names;
mod scan;

pub use index::{FileIndex, Reference, Span};
pub use names::{NameList, Named};
pub use scan::{root_of, shown_user_path, user_folder, Scan};

use crate::rules::Severity;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

/// The name of the configuration file; the folder holding it is a workspace root
/// (the settings read it, the scan looks for it).
pub const CONFIG_FILE: &str = "agent-lsp.toml";

/// What a fact declares.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum FactKind {
    /// `.claude/agents/**/*.md`, by frontmatter `name`.
    #[default]
    Agent,
    /// `.claude/skills/<name>/SKILL.md`, by folder name.
    Skill,
    /// `.claude/commands/**/*.md`, by file stem.
    Command,
    /// A key of `mcpServers` in `.mcp.json`.
    McpServer,
    /// A Copilot custom agent (`*.agent.md`, `.github/agents/*.md`), by `name` or file.
    CopilotAgent,
    /// A Copilot prompt file (`*.prompt.md`), by file name.
    Prompt,
    /// A Copilot instructions file, by file name.
    Instructions,
    /// An OpenCode agent, by file name.
    OpenCodeAgent,
    /// A Cursor rule, by file name.
    Rule,
}

impl FactKind {
    /// What it is, for people.
    pub fn label(self) -> &'static str {
        match self {
            FactKind::Agent => "agent",
            FactKind::Skill => "skill",
            FactKind::Command => "command",
            FactKind::McpServer => "MCP server",
            FactKind::CopilotAgent => "Copilot agent",
            FactKind::Prompt => "prompt",
            FactKind::Instructions => "instructions",
            FactKind::OpenCodeAgent => "OpenCode agent",
            FactKind::Rule => "Cursor rule",
        }
    }
}

/// Whose folder a file is in: Claude Code ranks a project's files above the user's.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Scope {
    #[default]
    Project,
    /// `~/.claude/…` (or `$CLAUDE_CONFIG_DIR`): read, never edited.
    User,
}

/// One name a file declares.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fact {
    pub kind: FactKind,
    // Boxed rather than String and PathBuf (no spare capacity field): `check` holds a
    // fact per file of the workspace, 100,000 of them in the memory benchmark.
    pub name: Box<str>,
    pub doc: Option<Box<str>>,
    pub file: Box<Path>,
    /// The bytes of the name in `file` (the frontmatter `name` value, the key in
    /// `.mcp.json`; `0..0` when the name comes from the path: skills, commands), with
    /// their places, to point at them in a file that is not open.
    pub span: Span,
    pub scope: Scope,
}

/// A file that could not be used, shown to the user on that file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FileProblem {
    pub file: PathBuf,
    /// Bytes of `source`; `0..0` when the file could not be read.
    pub range: Range<usize>,
    /// An error: the file is not used; lower: it is, but part of it means nothing.
    pub severity: Severity,
    /// The rule, for problems the rule registry declares (`config-unknown-rule`, …).
    pub code: Option<&'static str>,
    pub message: String,
    /// The text `range` refers to, to turn it into lines and columns.
    pub source: Option<std::sync::Arc<str>>,
}

impl FileProblem {
    /// A problem with a file that was not read.
    pub fn unread(file: PathBuf, message: String) -> FileProblem {
        FileProblem {
            file,
            range: 0..0,
            severity: Severity::Error,
            code: None,
            message,
            source: None,
        }
    }

    /// 1-based line and column (in characters) of the start, as compilers print them.
    pub fn human_position(&self) -> (usize, usize) {
        match &self.source {
            Some(text) => crate::text::Lines::new(text).human(self.range.start),
            None => (1, 1),
        }
    }
}

impl std::fmt::Display for FileProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.file.display(), self.message)
    }
}

/// What is known of the MCP servers a project defines.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum McpServers {
    /// No `.mcp.json`: the servers live in settings we cannot see.
    #[default]
    Absent,
    /// `.mcp.json` was read: its servers are the facts of kind `McpServer`.
    Listed,
    /// `.mcp.json` exists but cannot be read or parsed: which servers exist is unknown,
    /// so no server name may be called unknown.
    Unknown,
}

/// The kinds whose names the workspace lists (see [`Workspace::agents`] and the like).
const LISTED: [FactKind; 5] = [
    FactKind::Agent,
    FactKind::Skill,
    FactKind::Command,
    FactKind::McpServer,
    FactKind::CopilotAgent,
];

/// The facts of one workspace folder.
#[derive(Clone, Debug, Default)]
pub struct Workspace {
    pub root: Option<PathBuf>,
    facts: Vec<Fact>,
    /// Every name the indexed files use, in discovery order.
    references: Vec<Reference>,
    /// Every project file indexed (those declaring nothing too), in discovery order;
    /// empty in `check`'s reading ([`Scan::ForDiagnostics`]), which never lists them.
    files: Vec<PathBuf>,
    pub mcp: McpServers,
    /// Files found but not used (special files, unreadable or malformed `.mcp.json`).
    pub problems: Vec<FileProblem>,
    /// The first fact of each name, per kind of [`LISTED`]: what completion, hover and
    /// did-you-mean list. Built on first use: `check` on 100,000 agents never lists
    /// them, and each list copies its names.
    lists: [OnceLock<NameList>; 5],
    /// `facts` and `references` by name (indices, sorted by name, discovery order within
    /// a name), so that a lookup per file does not scan the whole workspace (`check` on
    /// 10,000 files spent most of its time doing that). Four bytes an entry: a map keyed
    /// by name took 60 MB more on 100,000 files.
    facts_by_name: Vec<u32>,
    references_by_name: Vec<u32>,
    /// Whether a path names a file or folder on disk: given by a workspace read from
    /// disk ([`Workspace::scan`]), so that the analysis, which reads nothing itself, can
    /// check a body's links; None for a workspace built in memory (links not checked).
    pub disk: Option<fn(&Path) -> bool>,
}

impl Workspace {
    pub fn new(
        root: Option<PathBuf>,
        facts: Vec<Fact>,
        mcp: McpServers,
        problems: Vec<FileProblem>,
    ) -> Workspace {
        let mut ws = Workspace {
            root,
            facts,
            mcp,
            problems,
            ..Workspace::default()
        };
        ws.index();
        ws
    }

    /// With the files indexed and the references they make.
    pub fn with_files(mut self, files: Vec<PathBuf>, references: Vec<Reference>) -> Workspace {
        self.files = files;
        self.references = references;
        // Only the references are new: the facts' lists stand (building them again held
        // two sets at once, the peak of `check` on many files).
        self.references_by_name = by_name(&self.references, |r| r.name.as_str());
        self
    }

    /// Every project file indexed, in discovery order.
    pub fn files(&self) -> &[PathBuf] {
        &self.files
    }

    fn index(&mut self) {
        self.lists = Default::default();
        self.facts_by_name = by_name(&self.facts, |f| &*f.name);
        self.references_by_name = by_name(&self.references, |r| r.name.as_str());
    }

    /// The first fact of each name of `kind` (one of [`LISTED`]), with its doc.
    fn list(&self, kind: FactKind) -> &NameList {
        let i = LISTED.iter().position(|k| *k == kind).unwrap_or_default();
        self.lists[i].get_or_init(|| {
            let mut list = NameList::default();
            list.extend(self.facts.iter().filter(|f| f.kind == kind).map(|f| Named {
                name: f.name.to_string(),
                doc: f.doc.as_deref().map(str::to_string),
            }));
            list
        })
    }

    /// Every reference, in discovery order.
    pub fn references(&self) -> &[Reference] {
        &self.references
    }

    /// The references to `name` as `kind`.
    pub fn references_to<'a>(
        &'a self,
        kind: FactKind,
        name: &str,
    ) -> impl Iterator<Item = &'a Reference> + 'a {
        named(&self.references_by_name, &self.references, name, |r| {
            r.name.as_str()
        })
        .filter(move |r| r.kind == kind)
    }

    /// The workspace with `file` indexed anew from `index` (an open buffer's text takes
    /// precedence over the disk's): only that file's facts and references change.
    pub fn replace_file(&mut self, file: &Path, index: FileIndex) {
        self.facts
            .retain(|f| *f.file != *file || f.kind == FactKind::McpServer);
        self.references.retain(|r| r.file != file);
        if !self.files.iter().any(|f| f == file) {
            self.files.push(file.to_path_buf());
        }
        self.facts.extend(index.declares);
        self.references.extend(index.references);
        self.index();
    }

    /// The Copilot custom agents, one per name.
    pub fn copilot_agents(&self) -> &NameList {
        self.list(FactKind::CopilotAgent)
    }

    /// Every fact, duplicates included, in discovery order.
    pub fn facts(&self) -> &[Fact] {
        &self.facts
    }

    /// Every fact declaring `name` as `kind` (more than one when names collide).
    pub fn declarations<'a>(
        &'a self,
        kind: FactKind,
        name: &str,
    ) -> impl Iterator<Item = &'a Fact> + 'a {
        named(&self.facts_by_name, &self.facts, name, |f| &*f.name).filter(move |f| f.kind == kind)
    }

    pub fn agents(&self) -> &NameList {
        self.list(FactKind::Agent)
    }

    pub fn skills(&self) -> &NameList {
        self.list(FactKind::Skill)
    }

    pub fn commands(&self) -> &NameList {
        self.list(FactKind::Command)
    }

    /// The servers of `.mcp.json` (none unless [`McpServers::Listed`]).
    pub fn mcp_servers(&self) -> &NameList {
        self.list(FactKind::McpServer)
    }

    /// When `.mcp.json` became unreadable, the servers of the last good reading stay in
    /// force (the problem is still reported).
    pub fn keep_servers_of(&mut self, previous: &Workspace) {
        if self.mcp != McpServers::Unknown || previous.mcp != McpServers::Listed {
            return;
        }
        self.facts.retain(|f| f.kind != FactKind::McpServer);
        self.facts.extend(
            previous
                .facts
                .iter()
                .filter(|f| f.kind == FactKind::McpServer)
                .cloned(),
        );
        self.mcp = McpServers::Listed;
        self.index();
    }
}

/// The positions of `items`, sorted by name (stable: discovery order within a name).
fn by_name<T>(items: &[T], name: impl Fn(&T) -> &str) -> Vec<u32> {
    let mut order: Vec<u32> = (0..items.len() as u32).collect();
    order.sort_by(|&a, &b| name(&items[a as usize]).cmp(name(&items[b as usize])));
    order
}

/// The items named `wanted`, found by binary search in `order` (from [`by_name`]).
fn named<'a, T>(
    order: &'a [u32],
    items: &'a [T],
    wanted: &str,
    name: impl Fn(&T) -> &str + Copy + 'a,
) -> impl Iterator<Item = &'a T> + 'a {
    let item = move |i: &u32| &items[*i as usize];
    let from = order.partition_point(|i| name(item(i)) < wanted);
    let to = from + order[from..].partition_point(|i| name(item(i)) == wanted);
    order[from..to].iter().map(item)
}
