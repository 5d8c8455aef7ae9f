//! What one file contributes to the workspace index: the name it declares and the names it
//! references, each with its byte range and its place in both encodings (so that files
//! that are not open can be pointed at without reading them again). Pure: text and its
//! frontmatter in, plain structs out; the analysis computes it from the frontmatter it
//! reads for the diagnostics, the scan from the same reading of files on disk.

use super::{Fact, FactKind, Scope};
use crate::catalog::{Format, Source};
use crate::loader::tool_list::{names_at, NameAt};
use crate::syntax::{Frontmatter, Node};
use crate::text::{Place, Placer};
use std::ops::Range;
use std::path::{Path, PathBuf};

/// A byte range with its start and end in both encodings.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Span {
    pub range: Range<usize>,
    pub start: Place,
    pub end: Place,
}

impl Span {
    pub fn new(places: &mut Placer, range: Range<usize>) -> Span {
        Span {
            start: places.place(range.start),
            end: places.place(range.end),
            range,
        }
    }
}

/// One name a file uses that another file (or `.mcp.json`) should declare.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Reference {
    /// What the name must be: an agent, a skill, an MCP server, a Copilot agent.
    pub kind: FactKind,
    pub name: String,
    /// The key it is written under (`tools`, `skills`, `handoffs`, …), for messages.
    pub key: &'static str,
    pub file: PathBuf,
    pub span: Span,
}

/// What one file declares and references.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FileIndex {
    pub declares: Vec<Fact>,
    pub references: Vec<Reference>,
}

impl FileIndex {
    /// Whether `other` tells the other files what this one does: the same names declared
    /// and referenced, with what the cross-file rules read of them (whose, and whether a
    /// declaration has a description), wherever they sit.
    pub fn same_names(&self, other: &FileIndex) -> bool {
        fn fact(f: &Fact) -> (FactKind, &str, &Path, Scope, bool) {
            (f.kind, &f.name, &f.file, f.scope, f.doc.is_some())
        }
        fn reference(r: &Reference) -> (FactKind, &str, &str, &Path) {
            (r.kind, &r.name, r.key, &r.file)
        }
        self.declares
            .iter()
            .map(fact)
            .eq(other.declares.iter().map(fact))
            && self
                .references
                .iter()
                .map(reference)
                .eq(other.references.iter().map(reference))
    }
}

/// The keys of Copilot files whose values name Copilot agents (VS Code's reading: the
/// `agents` a custom agent may run, the agent of each `handoffs` item, a prompt's
/// `agent`). The Claude Code formats say it in their catalogs (`values_from`).
const COPILOT_AGENT_KEYS: &[&str] = &["agents", "agent"];

/// The agents a prompt's `agent:` may name without a file (VS Code's built-in modes).
pub const COPILOT_BUILTIN_AGENTS: &[&str] = &["agent", "ask", "edit", "plan"];

/// The file's declaration and references. `scope` says whose folder it is in.
pub fn read(path: &Path, format: Format, scope: Scope, text: &str, fm: &Frontmatter) -> FileIndex {
    let mut places = Placer::new(text);
    let mut out = FileIndex::default();
    if let Some((kind, name, range)) = declared(path, format, text, fm) {
        let doc = fm
            .loader_root()
            .and_then(|r| r.get("description"))
            .and_then(|e| e.value.as_str())
            .map(|d| d.replace("\\n", "\n"));
        out.declares.push(Fact {
            kind,
            name: name.into(),
            doc: doc.map(String::into_boxed_str),
            file: path.into(),
            span: Span::new(&mut places, range),
            scope,
        });
    }
    let mut refs = Refs {
        places: &mut places,
        text,
        file: path,
        out: &mut out.references,
    };
    if format.catalog().dialect == crate::syntax::Dialect::ClaudeCode {
        claude_references(format, fm, &mut refs);
    } else if format.id().starts_with("copilot-") {
        copilot_references(fm, &mut refs);
    }
    out
}

/// The name a file declares, as its tool registers it, with the bytes to rename.
fn declared(
    path: &Path,
    format: Format,
    text: &str,
    fm: &Frontmatter,
) -> Option<(FactKind, String, Range<usize>)> {
    let file_name = path.file_name()?.to_string_lossy();
    let stem = |suffixes: &[&str]| {
        let n = suffixes
            .iter()
            .find_map(|s| file_name.strip_suffix(s))
            .unwrap_or(&file_name);
        n.to_string()
    };
    let name_value = || {
        let v = &fm.loader_root()?.get("name")?.value;
        let s = v.as_str().filter(|s| !s.is_empty())?;
        Some((s.to_string(), unquoted(text, v.span.clone())))
    };
    let (kind, name, range) = match format.id() {
        // An agent without a `name` is not an agent (Claude Code skips it).
        "claude-code-agent" => {
            let (n, r) = name_value()?;
            (FactKind::Agent, n, r)
        }
        // Named by its folder; `<skills>/<name>/SKILL.md` only.
        "claude-code-skill" => {
            let dir = path.parent()?;
            let skills = dir.parent()?.file_name()?;
            if skills != "skills" {
                return None;
            }
            let n = dir.file_name()?.to_string_lossy().into_owned();
            let r = name_value().map_or(0..0, |(_, r)| r);
            (FactKind::Skill, n, r)
        }
        "claude-code-command" => (FactKind::Command, stem(&[".md"]), 0..0),
        "copilot-agent" => match name_value() {
            Some((n, r)) => (FactKind::CopilotAgent, n, r),
            None => (
                FactKind::CopilotAgent,
                stem(&[".agent.md", ".chatmode.md", ".md"]),
                0..0,
            ),
        },
        "copilot-prompt" => (FactKind::Prompt, stem(&[".prompt.md"]), 0..0),
        "copilot-instructions" => (FactKind::Instructions, stem(&[".instructions.md"]), 0..0),
        "opencode-agent" => (FactKind::OpenCodeAgent, stem(&[".md"]), 0..0),
        "cursor-rule" => (FactKind::Rule, stem(&[".mdc"]), 0..0),
        _ => return None,
    };
    Some((kind, name, range))
}

/// The bytes of a scalar's text, without the quotes around it.
fn unquoted(text: &str, r: Range<usize>) -> Range<usize> {
    let s = text.get(r.clone()).unwrap_or_default();
    let quoted = s.len() >= 2
        && ((s.starts_with('"') && s.ends_with('"')) || (s.starts_with('\'') && s.ends_with('\'')));
    if quoted {
        r.start + 1..r.end - 1
    } else {
        r
    }
}

/// Where references go, with what is needed to place them.
struct Refs<'a, 'p> {
    places: &'a mut Placer<'p>,
    text: &'a str,
    file: &'a Path,
    out: &'a mut Vec<Reference>,
}

impl Refs<'_, '_> {
    fn push(&mut self, kind: FactKind, name: &str, key: &'static str, range: Range<usize>) {
        if name.is_empty() || name == "*" {
            return;
        }
        self.out.push(Reference {
            kind,
            name: name.to_string(),
            key,
            file: self.file.to_path_buf(),
            span: Span::new(self.places, range),
        });
    }
}

/// The references of a Claude Code file: every key whose catalog entry draws its values
/// from agents, skills, MCP servers or tools (`Agent(x)`, `mcp__server__tool`).
fn claude_references(format: Format, fm: &Frontmatter, refs: &mut Refs) {
    let Some(root) = fm.loader_root() else { return };
    for spec in &format.catalog().keys {
        let (Some(source), Some(e)) = (spec.values_from, root.get(&spec.name)) else {
            continue;
        };
        let key: &'static str = key_name(&spec.name);
        for n in names_at(&e.value, refs.text) {
            let range = n.range.clone();
            match source {
                Source::Agents => refs.push(FactKind::Agent, n.name, key, range),
                Source::Skills => refs.push(FactKind::Skill, n.name, key, range),
                Source::McpServers => refs.push(FactKind::McpServer, n.name, key, range),
                Source::Tools => tool_reference(&n, key, refs),
                _ => {}
            }
        }
    }
}

/// The catalogs live for the whole run: their key names are `'static`.
fn key_name(name: &str) -> &'static str {
    Format::all()
        .flat_map(|f| f.catalog().keys.iter())
        .find(|k| k.name == name)
        .map_or("", |k| k.name.as_str())
}

/// `Agent(a, b)` / `Task(a)` name agent types; `mcp__server__tool` names a server.
fn tool_reference(n: &NameAt, key: &'static str, refs: &mut Refs) {
    let name = n.name;
    if let Some(rest) = name.strip_prefix("mcp__") {
        let server = rest.split("__").next().unwrap_or_default();
        if server != "*" && !server.is_empty() {
            let start = "mcp__".len();
            let r = n.part(start..start + server.len());
            refs.push(FactKind::McpServer, server, key, r);
        }
        return;
    }
    let inner = ["Agent(", "Task("]
        .iter()
        .find_map(|p| name.strip_prefix(p))
        .and_then(|r| r.strip_suffix(')'));
    let Some(inner) = inner else { return };
    let open = name.len() - inner.len() - 1;
    let mut at = 0;
    for part in inner.split(',') {
        let t = part.trim();
        // A parameter rule (`Agent(model:opus)`) names no agent.
        if !t.is_empty() && !t.contains(':') {
            let lead = part.len() - part.trim_start().len();
            let s = open + at + lead;
            refs.push(FactKind::Agent, t, key, n.part(s..s + t.len()));
        }
        at += part.len() + 1;
    }
}

/// The references of a Copilot file: agent names in `agents`, `agent` and each
/// `handoffs` item's `agent`.
fn copilot_references(fm: &Frontmatter, refs: &mut Refs) {
    let Some(root) = fm.root.as_ref().filter(|r| r.entries().is_some()) else {
        return;
    };
    for key in COPILOT_AGENT_KEYS {
        for (name, span) in root
            .get(key)
            .map(|e| list_items(&e.value))
            .unwrap_or_default()
        {
            let r = unquoted(refs.text, span);
            refs.push(FactKind::CopilotAgent, name, key, r);
        }
    }
    let handoffs = root.get("handoffs").and_then(|e| e.value.items());
    for item in handoffs.unwrap_or_default() {
        if let Some(v) = item.get("agent").map(|e| &e.value) {
            if let Some(s) = v.as_str() {
                let r = unquoted(refs.text, v.span.clone());
                refs.push(FactKind::CopilotAgent, s, "handoffs", r);
            }
        }
    }
}

/// A string, or each string of a list, with its bytes.
fn list_items(v: &Node) -> Vec<(&str, Range<usize>)> {
    fn one(n: &Node) -> Option<(&str, Range<usize>)> {
        n.as_str().map(|s| (s, n.span.clone()))
    }
    match v.items() {
        Some(items) => items.iter().filter_map(one).collect(),
        None => one(v).into_iter().collect(),
    }
}
