//! Hover: what the key or value under the cursor means to the tool that reads the file,
//! from the catalog of its format and the workspace's settings. Unknown keys and values
//! say what the tool does with them and suggest the closest known one.
//!
//! Only the stored parse and the one entry under the cursor are looked at.

use super::suggest::closest;
use super::Analysis;
use crate::catalog::{Catalog, KeySpec, Source, ToolName};
use crate::loader::tool_list::{names_at, NameAt, ToolList};
use crate::settings::Settings;
use crate::syntax::{Entry, Node, Value};
use std::ops::Range;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HoverInfo {
    pub range: Range<usize>,
    pub markdown: String,
}

/// What to show at `offset`. With the file's `path`, the portability table on `name:`
/// also shows the names tools give the file by its path (VS Code names a skill after
/// its folder).
pub fn hover(
    text: &str,
    analysis: &Analysis,
    offset: usize,
    settings: &Settings,
    path: Option<&std::path::Path>,
) -> Option<HoverInfo> {
    if let Some(example) = super::examples::hover(analysis, offset) {
        return Some(example);
    }
    let catalog = analysis.catalog;
    if let Some(h) = slash_name_hover(analysis, offset) {
        return Some(h);
    }
    let entries = analysis.frontmatter.entries();
    // Entries are in file order: find the last one starting at or before the cursor.
    let i = entries
        .partition_point(|e| e.key.span.start <= offset)
        .checked_sub(1)?;
    let entry = &entries[i];
    let key = entry.key.as_str()?;
    if contains(&entry.key.span, offset) {
        let mut markdown = match catalog.key(key) {
            Some(spec) => key_doc(key, Some(spec), catalog),
            None => unknown_key(key, catalog),
        };
        if let (Some(slash), "name" | "description") = (&analysis.slash_name, key) {
            markdown.push_str(&format!(
                "\n\n{} runs this file as `{slash}`.",
                catalog.for_tool
            ));
        }
        if key == "tools" && analysis.loaded.is_some() {
            markdown.push_str("\n\n");
            markdown.push_str(&effective_tools(analysis, catalog, settings));
        }
        if key == "name" {
            // How every tool that reads this path reads the file (`inspect --all-tools`).
            let views = super::portability::views(text, &analysis.kind, path, settings);
            markdown.push_str("\n\n");
            markdown.push_str(&super::portability::markdown(&views));
        }
        return Some(HoverInfo {
            range: entry.key.span.clone(),
            markdown,
        });
    }
    if !contains(&entry.value.span, offset) {
        return None;
    }
    let h = Hover {
        text,
        analysis,
        settings,
        catalog,
        entry,
        key,
        offset,
    };
    h.value()
}

/// On the opening `---` of a skill or command: the `/name` that runs it (a nested
/// command's folders become `:`-separated parts of it).
fn slash_name_hover(analysis: &Analysis, offset: usize) -> Option<HoverInfo> {
    let slash = analysis.slash_name.as_ref()?;
    let fence = analysis.frontmatter.split.as_ref()?.open_fence.clone();
    if !contains(&fence, offset) {
        return None;
    }
    let c = analysis.catalog;
    Some(HoverInfo {
        range: fence,
        markdown: format!(
            "**`{slash}`**: the {} this file defines; {} names it after its path, not after `name`.{}",
            c.title,
            c.for_tool,
            footer(c)
        ),
    })
}

fn contains(r: &Range<usize>, offset: usize) -> bool {
    r.start <= offset && offset <= r.end && r.start < r.end
}

fn footer(catalog: &Catalog) -> String {
    format!(
        "\n\n_{} · {}_",
        catalog.title,
        catalog.source.as_deref().unwrap_or(&catalog.tool_version)
    )
}

/// Everything about a key: doc, type, allowed values, default, what a bad value does.
pub fn key_doc(key: &str, spec: Option<&KeySpec>, catalog: &Catalog) -> String {
    let Some(spec) = spec else {
        return unknown_key(key, catalog);
    };
    let mut md = format!(
        "**`{}`**: {}{}\n\n{}",
        spec.name,
        spec.type_text(),
        if spec.required { " (required)" } else { "" },
        spec.doc
    );
    if !spec.values.is_empty() {
        md.push_str("\n\nValues:");
        for v in &spec.values {
            md.push_str(&format!("\n- `{}`: {}", v.name, v.doc));
        }
        for a in &spec.aliases {
            md.push_str(&format!("\n- `{}`: alias of `{}`", a.name, a.to));
        }
    }
    if let Some(d) = &spec.default {
        md.push_str(&format!("\n\nDefault: {d}"));
    }
    if let Some(w) = &spec.on_invalid {
        md.push_str(&format!("\n\nIf wrong: {w}"));
    }
    md.push_str(&footer(catalog));
    md
}

fn unknown_key(key: &str, catalog: &Catalog) -> String {
    let mut md = format!(
        "**`{key}`**: not a key of a {}. {}",
        catalog.title, catalog.unknown_key
    );
    if catalog.hook_events.iter().any(|e| e == key) {
        md.push_str(&format!(
            "\n\n`{key}` is a hook event: it belongs under `hooks:`."
        ));
    } else if let Some(s) = catalog
        .key_hint(key)
        .or_else(|| closest(key, catalog.keys.iter().map(|k| k.name.as_str()), 2))
    {
        md.push_str(&format!("\n\nDid you mean `{s}`?"));
    }
    md.push_str(&footer(catalog));
    md
}

struct Hover<'a> {
    text: &'a str,
    analysis: &'a Analysis,
    settings: &'a Settings,
    catalog: &'a Catalog,
    entry: &'a Entry,
    key: &'a str,
    offset: usize,
}

impl Hover<'_> {
    fn value(&self) -> Option<HoverInfo> {
        let v = &self.entry.value;
        let spec = self.catalog.key(self.key);
        let claude_agent = self.analysis.loaded.is_some();
        if let Some(spec) = spec.filter(|s| s.is_list()) {
            return self.list_value(spec);
        }
        if self.key == "hooks" {
            return self.hook_event();
        }
        let markdown = match (self.key, spec) {
            ("name" | "description", _) if claude_agent => listing(self.analysis)?,
            (_, Some(spec)) if spec.values_from == Some(Source::Models) => {
                self.model(v.as_str()?.trim())
            }
            (_, Some(spec)) if spec.values_from == Some(Source::Agents) => {
                self.agent(v.as_str()?.trim())
            }
            (_, Some(spec)) if !spec.values.is_empty() => enum_value(v, spec, self.catalog)?,
            (_, Some(spec)) => key_doc(self.key, Some(spec), self.catalog),
            (_, None) => return None,
        };
        Some(HoverInfo {
            range: v.span.clone(),
            markdown,
        })
    }

    /// A name in a tool, skill or agent list.
    fn list_value(&self, spec: &KeySpec) -> Option<HoverInfo> {
        let names = names_at(&self.entry.value, self.text);
        let Some(n) = names.iter().find(|n| contains(&n.range, self.offset)) else {
            // Between names, or an empty list: what the whole list comes to.
            let effective = (self.key == "tools")
                .then(|| effective_tools(self.analysis, self.catalog, self.settings))
                .filter(|e| !e.is_empty())?;
            return Some(HoverInfo {
                range: self.entry.value.span.clone(),
                markdown: effective,
            });
        };
        let from = spec.values_from;
        let markdown = match from {
            Some(Source::Tools) => {
                if let Some(agent) = agent_in_parens(n, self.offset, self.catalog) {
                    self.agent(agent)
                } else {
                    let mut md = self.tool(n);
                    if self.key == "tools" && self.analysis.loaded.is_some() {
                        md.push_str("\n\n");
                        md.push_str(&effective_tools(self.analysis, self.catalog, self.settings));
                    }
                    md
                }
            }
            Some(Source::Skills) => known_or_not(
                n.name,
                self.settings.skills(),
                "skill",
                "`.claude/skills/<name>/SKILL.md`",
                "Claude Code skips a skill it cannot find when the agent starts",
            ),
            Some(Source::Agents) => self.agent(n.name),
            Some(Source::McpServers) => known_or_not(
                n.name,
                &self.settings.mcp_servers,
                "MCP server",
                "`.mcp.json` or agent-lsp.toml",
                "Claude Code cannot connect to a server it has no configuration for",
            ),
            _ => key_doc(self.key, Some(spec), self.catalog),
        };
        Some(HoverInfo {
            range: n.range.clone(),
            markdown,
        })
    }

    fn tool(&self, n: &NameAt) -> String {
        let (base, specifier) = match n.name.find('(') {
            Some(i) => (&n.name[..i], Some(&n.name[i..])),
            None => (n.name, None),
        };
        let c = self.catalog;
        let mut md = match self.settings.resolve_tool(c, base) {
            ToolName::Known(t) => format!(
                "**`{}`**{}: {}",
                t.name,
                if t.status.as_deref() == Some("deprecated") {
                    " (deprecated)"
                } else {
                    ""
                },
                t.doc
            ),
            ToolName::Alias { to } => {
                let doc = match c.tool(to) {
                    ToolName::Known(t) => format!("\n\n{}", t.doc),
                    _ => String::new(),
                };
                format!(
                    "**`{base}`**: a legacy name of `{to}`; {} {} still resolves it.{doc}",
                    c.for_tool, c.tool_version
                )
            }
            ToolName::Removed(r) => {
                format!(
                "**`{base}`**: no longer exists in {} {}{}: the name is dropped. Use `{}` instead.",
                c.for_tool,
                c.tool_version,
                r.since.as_deref().map(|s| format!(" (removed in {s})")).unwrap_or_default(),
                r.instead
            )
            }
            ToolName::Mcp => self.mcp_tool(base),
            ToolName::Configured { doc } => format!(
                "**`{base}`**: a tool declared in your configuration.{}",
                doc.map(|d| format!("\n\n{d}")).unwrap_or_default()
            ),
            ToolName::Unknown => {
                let names = c
                    .tool_names()
                    .chain(self.settings.tools.iter().map(|t| t.name.as_str()));
                let hint = match c.tool_names().find(|t| t.eq_ignore_ascii_case(base)) {
                    Some(t) => format!(" Tool names are case-sensitive: did you mean `{t}`?"),
                    None => closest(base, names, 2)
                        .map(|s| format!(" Did you mean `{s}`?"))
                        .unwrap_or_default(),
                };
                format!("**`{base}`**: not a tool {} {} knows, so the name is dropped when the agent starts.{hint}", c.for_tool, c.tool_version)
            }
        };
        if let Some(spec) =
            specifier.filter(|s| !matches!(s.trim_matches(['(', ')']).trim(), "" | "*"))
        {
            let note = match (self.key, base) {
                ("tools", _) if c.limits_agent_types(base) => format!("\n\n`{base}{spec}` limits the agent types it may spawn only when this agent runs as the main thread (`claude --agent`)."),
                ("tools", _) => format!("\n\nIn `tools` only the tool name counts: `{}` grants **all of {base}**. Restrict commands with permission rules or hooks.", n.name),
                ("disallowedTools", _) => format!("\n\nIn `disallowedTools` only the tool name counts: `{}` removes **all of {base}**.", n.name),
                _ => format!("\n\n`{spec}` is a permission rule: it pre-approves only matching uses of {base}."),
            };
            md.push_str(&note);
        }
        md
    }

    fn mcp_tool(&self, name: &str) -> String {
        let server = super::diagnostics::tools::mcp_server_of(name);
        let tool = name
            .strip_prefix("mcp__")
            .and_then(|r| r.split_once("__"))
            .map(|(_, t)| t);
        let what = match tool {
            None | Some("*") => format!("every tool of the MCP server `{server}`"),
            Some(t) => format!("the tool `{t}` of the MCP server `{server}`"),
        };
        let known = match self.settings.mcp_server(server) {
            Some(s) => s.doc.clone().map(|d| format!("\n\n{d}")).unwrap_or_default(),
            None if self.settings.mcp_servers_known => {
                "\n\nThis server is not in `.mcp.json` or agent-lsp.toml: unless user settings or a plugin define it, the name is dropped.".to_string()
            }
            None => String::new(),
        };
        format!("**`{name}`**: {what}.{known}")
    }

    fn model(&self, m: &str) -> String {
        let c = self.catalog;
        if let Some(spec) = c.model(m) {
            let resolves = spec
                .resolves_to
                .as_deref()
                .map(|r| format!("\n\nResolves to **{r}**."))
                .unwrap_or_default();
            return format!("**`{}`**: {}{resolves}{}", spec.name, spec.doc, footer(c));
        }
        if let Some(spec) = self.settings.model(m) {
            return format!(
                "**`{m}`**: a model declared in your configuration.{}",
                spec.doc
                    .as_deref()
                    .map(|d| format!("\n\n{d}"))
                    .unwrap_or_default()
            );
        }
        if c.is_known_model_id(m) {
            return format!(
                "**`{m}`**: a full model ID known to {} {}; used as written.{}",
                c.for_tool,
                c.tool_version,
                footer(c)
            );
        }
        let names = c
            .models
            .iter()
            .map(|x| x.name.as_str())
            .chain(c.model_families.iter().map(String::as_str));
        let hint = closest(m, names, 2)
            .map(|s| format!(" Did you mean `{s}`?"))
            .unwrap_or_default();
        let why = c
            .key(self.key)
            .and_then(|k| k.on_invalid.clone())
            .unwrap_or_else(|| "It is passed to the tool unchanged.".into());
        format!(
            "**`{m}`**: not a model alias or ID {} {} knows. {why}{hint}",
            c.for_tool, c.tool_version
        )
    }

    fn agent(&self, name: &str) -> String {
        if let Some(a) = self.settings.agents().get(name) {
            return format!(
                "**`{name}`**: your agent in `.claude/agents/`.{}",
                a.doc
                    .as_deref()
                    .map(|d| format!("\n\n{d}"))
                    .unwrap_or_default()
            );
        }
        if let Some(b) = self.catalog.builtin_agent(name) {
            return format!("**`{name}`**: {}", b.doc);
        }
        let names = self
            .settings
            .agents()
            .iter()
            .map(|a| a.name.as_str())
            .chain(self.catalog.builtin_agents.iter().map(|b| b.name.as_str()));
        let hint = closest(name, names, 2)
            .map(|s| format!(" Did you mean `{s}`?"))
            .unwrap_or_default();
        format!("**`{name}`**: not a built-in agent type or an agent of this workspace's `.claude/agents/` (it may be a user or plugin agent).{hint}")
    }

    /// The event keys directly under `hooks:`.
    fn hook_event(&self) -> Option<HoverInfo> {
        let c = self.catalog;
        let e = self
            .entry
            .value
            .entries()?
            .iter()
            .find(|e| contains(&e.key.span, self.offset))?;
        let ev = e.key.as_str()?;
        let markdown = if c.hook_events.iter().any(|h| h == ev) {
            let stop = if ev == "Stop" && self.analysis.loaded.is_some() {
                " In agent frontmatter `Stop` becomes `SubagentStop`."
            } else {
                ""
            };
            let doc = c
                .hook_event_docs
                .get(ev)
                .map(|d| format!("\n\n{d}"))
                .unwrap_or_default();
            format!(
                "**`{ev}`**: a hook event; its hooks run while this {} is active.{stop}{doc}",
                c.title
            )
        } else {
            let hint = closest(ev, c.hook_events.iter().map(String::as_str), 3)
                .map(|s| format!(" Did you mean `{s}`?"))
                .unwrap_or_default();
            format!("**`{ev}`**: not a hook event {} {} knows: the event is dropped with a warning.{hint}", c.for_tool, c.tool_version)
        };
        Some(HoverInfo {
            range: e.key.span.clone(),
            markdown,
        })
    }
}

/// The agent type under the cursor inside `Agent(…)` / `Task(…)`.
fn agent_in_parens<'a>(n: &'a NameAt, offset: usize, catalog: &Catalog) -> Option<&'a str> {
    let open = n.name.find('(')?;
    let base = &n.name[..open];
    if !catalog.limits_agent_types(base) || !n.verbatim || offset <= n.range.start + open {
        return None;
    }
    let at = offset - n.range.start;
    let inner_start = open + 1;
    let inner = n.name[inner_start..].trim_end_matches(')');
    let mut pos = inner_start;
    for part in inner.split([',', ' ']) {
        if !part.is_empty() && (pos..=pos + part.len()).contains(&at) {
            return Some(part);
        }
        pos += part.len() + 1;
    }
    None
}

fn known_or_not(
    name: &str,
    known: &[crate::settings::Named],
    what: &str,
    place: &str,
    missing: &str,
) -> String {
    match known.iter().find(|k| k.name == name) {
        Some(k) => format!(
            "**`{name}`**: {what} from {place}.{}",
            k.doc
                .as_deref()
                .map(|d| format!("\n\n{d}"))
                .unwrap_or_default()
        ),
        None => {
            let hint = closest(name, known.iter().map(|k| k.name.as_str()), 2)
                .map(|s| format!(" Did you mean `{s}`?"))
                .unwrap_or_default();
            format!("**`{name}`**: no {what} of this name in {place} (it may be defined for the user or by a plugin). {missing}.{hint}")
        }
    }
}

/// A value of an enum key: its doc, or why it is wrong and the closest valid one.
fn enum_value(v: &Node, spec: &KeySpec, catalog: &Catalog) -> Option<String> {
    let shown = match v.scalar()? {
        Value::Str(s) => s.to_string(),
        Value::Bool(b) => b.to_string(),
        Value::Int(i) => i.to_string(),
        Value::Float(f) => f.to_string(),
        Value::Null => return None,
    };
    // Case-insensitive where the loader is (effort), exact otherwise.
    let folds = spec.name == "effort";
    let same = |a: &str| {
        if folds {
            a.eq_ignore_ascii_case(&shown)
        } else {
            a == shown
        }
    };
    if let Some(val) = spec.values.iter().find(|x| same(&x.name)) {
        return Some(format!(
            "**`{}`** (`{}`): {}{}",
            val.name,
            spec.name,
            val.doc,
            footer(catalog)
        ));
    }
    if let Some(a) = spec.aliases.iter().find(|a| same(&a.name)) {
        let doc = spec
            .values
            .iter()
            .find(|x| x.name == a.to)
            .map(|x| format!(" {}", x.doc))
            .unwrap_or_default();
        return Some(format!(
            "**`{}`** (`{}`): an alias of `{}`.{doc}",
            a.name, spec.name, a.to
        ));
    }
    if spec.name == "effort" && matches!(v.scalar(), Some(Value::Int(_))) {
        return Some(format!(
            "**`{shown}`** (`effort`): an explicit thinking budget in tokens.{}",
            footer(catalog)
        ));
    }
    let valid: Vec<String> = spec
        .values
        .iter()
        .map(|x| format!("`{}`", x.name))
        .collect();
    let hint = closest(&shown, spec.values.iter().map(|x| x.name.as_str()), 3)
        .map(|s| format!(" Did you mean `{s}`?"))
        .unwrap_or_default();
    Some(format!(
        "**`{shown}`** is not a valid `{}`. {}\n\nValid: {}.{hint}",
        spec.name,
        spec.on_invalid.as_deref().unwrap_or("The tool ignores it."),
        valid.join(", ")
    ))
}

/// What this agent's tools come to: `tools` resolved, minus `disallowedTools`, plus what
/// `memory` adds.
fn effective_tools(analysis: &Analysis, catalog: &Catalog, settings: &Settings) -> String {
    let Some(l) = &analysis.loaded else {
        return String::new();
    };
    let base = |n: &str| n.split('(').next().unwrap_or(n).to_string();
    let denied: Vec<String> = l
        .disallowed_tools
        .iter()
        .flatten()
        .map(|n| base(n))
        .collect();
    let memory = analysis
        .frontmatter
        .loader_root()
        .and_then(|r| r.get("memory"))
        .is_some();
    let except = if denied.is_empty() {
        String::new()
    } else {
        format!(
            ", except {}",
            denied
                .iter()
                .map(|d| format!("`{d}`"))
                .collect::<Vec<_>>()
                .join(", ")
        )
    };
    match &l.tools {
        ToolList::All => format!("This agent gets **all tools** available to subagents{except}."),
        ToolList::Some(v) if v.is_empty() => {
            "This agent gets **no tools at all** (`tools` is empty; remove the key for all tools)."
                .into()
        }
        ToolList::Some(v) => {
            let mut kept: Vec<String> = Vec::new();
            for n in v {
                let b = base(n);
                let resolved = match settings.resolve_tool(catalog, &b) {
                    ToolName::Known(t) => Some(t.name.clone()),
                    ToolName::Alias { to } => Some(to.to_string()),
                    ToolName::Mcp | ToolName::Configured { .. } => Some(b.clone()),
                    ToolName::Removed(_) | ToolName::Unknown => None,
                };
                let Some(r) = resolved.filter(|r| !denied.contains(r)) else {
                    continue;
                };
                let shown = if n.contains('(') && !catalog.limits_agent_types(&b) {
                    format!("{r} (all of {r})")
                } else {
                    r
                };
                if !kept.contains(&shown) {
                    kept.push(shown);
                }
            }
            if memory {
                for t in ["Read", "Write", "Edit"] {
                    if !kept.iter().any(|k| k == t) {
                        kept.push(format!("{t} (added by `memory`)"));
                    }
                }
            }
            if kept.is_empty() {
                "None of the listed names resolves: this agent would get **no tools**, and Claude Code refuses to spawn it.".into()
            } else {
                format!(
                    "This agent gets: {}.",
                    kept.iter()
                        .map(|k| format!("`{k}`"))
                        .collect::<Vec<_>>()
                        .join(", ")
                )
            }
        }
    }
}

/// The agent as the Agent tool lists it: `- name: description (Tools: …)`.
fn listing(analysis: &Analysis) -> Option<String> {
    let l = analysis.loaded.as_ref()?;
    if !l.loads() {
        return Some(format!(
            "Claude Code does not load this agent ({}), so the Agent tool does not list it.",
            l.skip.map(|s| s.as_str()).unwrap_or("")
        ));
    }
    let tools = match &l.tools {
        ToolList::All => "All tools".to_string(),
        ToolList::Some(v) if v.is_empty() => "none".to_string(),
        ToolList::Some(v) => v.join(", "),
    };
    Some(format!(
        "How the Agent tool lists this agent to the main model:\n\n```text\n- {}: {} (Tools: {tools})\n```",
        l.name.as_deref().unwrap_or_default(),
        l.description.as_deref().unwrap_or_default()
    ))
}
