//! The portability view: how each tool that reads a file's path reads it, side by side
//! (`agent-lsp inspect --all-tools`, and the hover on `name:`). The tools are the file's
//! format and the formats its catalog says also read such paths (`also_read_as`); each
//! reads the text by its own catalog and dialect, so this is data, not per-tool code.

use super::file_kind::FileKind;
use super::{analyze, Analysis, Severity};
use crate::catalog::{Format, Group};
use crate::loader::cursor;
use crate::settings::Settings;
use crate::syntax::Dialect;
use std::path::Path;

/// One tool's reading of the file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ToolView {
    pub tool: String,
    pub version: String,
    /// The format the tool reads the file as (its catalog's title).
    pub format: String,
    pub loads: bool,
    /// Why it does not load, or what it loads without (the first error's message).
    pub problem: Option<String>,
    /// The name the tool gives it (None when nothing names it).
    pub name: Option<String>,
    /// Top-level keys this tool does not know.
    pub ignored_keys: Vec<String>,
    /// How the tool uses it, when the format says (a Cursor rule's activation).
    pub applies: Option<String>,
}

/// A tool and its version, once: "VS Code 1.139.1", not "VS Code VS Code 1.139.1" (a
/// version may name its tool; "VS Code 1.139.1 / GitHub Copilot" for a tool of two names).
pub fn label(tool: &str, version: &str) -> String {
    let (first, rest) = match tool.split_once(" / ") {
        Some((first, rest)) => (first, Some(rest)),
        None => (tool, None),
    };
    match rest {
        _ if !version.starts_with(first) => format!("{tool} {version}"),
        Some(rest) => format!("{version} / {rest}"),
        None => version.to_string(),
    }
}

/// Every tool's reading of `text`, the file's own format first.
pub fn views(
    text: &str,
    kind: &FileKind,
    path: Option<&Path>,
    settings: &Settings,
) -> Vec<ToolView> {
    let others = kind
        .catalog()
        .also_read_as
        .iter()
        .filter_map(|id| Format::named(id));
    let mut all: Vec<ToolView> = std::iter::once(kind.format)
        .chain(others)
        .map(|format| {
            let as_kind = FileKind {
                format,
                origin: kind.origin.clone(),
            };
            view(&analyze(text, &as_kind, settings), path)
        })
        .collect();
    if !kind.catalog().portable_keys.is_empty() {
        all.push(spec_view(&analyze(text, kind, settings)));
    }
    all
}

fn view(a: &Analysis, path: Option<&Path>) -> ToolView {
    let c = a.catalog;
    let first_error = a.diagnostics.iter().find(|d| d.severity == Severity::Error);
    let loads = a
        .loaded
        .as_ref()
        .map_or(first_error.is_none(), |l| l.loads());
    let from_key = a
        .frontmatter
        .loader_root()
        .and_then(|r| r.get("name"))
        .and_then(|e| e.value.as_str());
    let name = match &a.loaded {
        Some(l) => l.name.clone(),
        None if !c.name_key_ignored && c.key("name").is_some() && from_key.is_some() => {
            from_key.map(str::to_string)
        }
        None => path.map(|p| a.kind.name_from_path(p)),
    };
    let ignored_keys = a
        .frontmatter
        .entries()
        .iter()
        .filter_map(|e| e.key.as_str())
        .filter(|k| c.key(k).is_none())
        .map(str::to_string)
        .collect();
    let applies = (c.dialect == Dialect::Cursor).then(|| {
        let rule = cursor::read(&a.frontmatter);
        let auto = if rule.applies_automatically() {
            ""
        } else {
            " (never automatically)"
        };
        format!("{}{auto}", rule.activation.as_str())
    });
    ToolView {
        tool: c.for_tool.clone(),
        version: c.tool_version.clone(),
        format: c.title.clone(),
        loads,
        problem: first_error.map(|d| d.message.clone()),
        name,
        ignored_keys,
        applies,
    }
}

/// The portable spec a catalog names keys of (the Agent Skills spec for `SKILL.md`): its
/// rules' findings and the keys outside it.
fn spec_view(a: &Analysis) -> ToolView {
    let c = a.catalog;
    let spec_rule =
        |code: &str| crate::rules::get(code).is_some_and(|r| r.group == Group::AgentSkills);
    let problem = a
        .diagnostics
        .iter()
        .find(|d| spec_rule(d.code) && d.severity <= Severity::Warning);
    let name = a
        .frontmatter
        .get("name")
        .and_then(|e| e.value.as_str())
        .map(str::to_string);
    let ignored_keys = a
        .frontmatter
        .entries()
        .iter()
        .filter_map(|e| e.key.as_str())
        .filter(|k| !c.portable_keys.iter().any(|p| p == k))
        .map(str::to_string)
        .collect();
    ToolView {
        tool: "Agent Skills spec".to_string(),
        version: "(skills-ref 0.1.1)".to_string(),
        format: "portable SKILL.md".to_string(),
        loads: problem.is_none(),
        problem: problem.map(|d| d.message.clone()),
        name,
        ignored_keys,
        applies: None,
    }
}

/// The views as a Markdown table, for hovers.
pub fn markdown(views: &[ToolView]) -> String {
    let mut md =
        String::from("**Read by**\n\n| tool | loads | name | ignores |\n|---|---|---|---|\n");
    for v in views {
        let loads = match (&v.applies, v.loads) {
            (Some(a), _) => format!("applies: {a}"),
            (None, true) => "yes".to_string(),
            (None, false) => "**no**".to_string(),
        };
        let ignores = if v.ignored_keys.is_empty() {
            "—".to_string()
        } else {
            v.ignored_keys
                .iter()
                .map(|k| format!("`{k}`"))
                .collect::<Vec<_>>()
                .join(", ")
        };
        let name = v
            .name
            .as_deref()
            .map_or("—".to_string(), |n| format!("`{n}`"));
        md.push_str(&format!(
            "| {} | {loads} | {name} | {ignores} |\n",
            label(&v.tool, &v.version)
        ));
    }
    md
}
