//! Rules about `tools` and `disallowedTools`: names the loader drops, legacy aliases,
//! and specifiers that do not restrict what the agent gets.

use crate::analysis::limits::Sink;
use crate::analysis::suggest::Suggester;
use crate::analysis::{Diagnostic, Edit, Severity};
use crate::catalog::{Catalog, ToolName};
use crate::loader::tool_list::{names_at, NameAt};
use crate::rules;
use crate::settings::Settings;
use crate::syntax::{Frontmatter, Mode};
use foldhash::fast::RandomState as FastHash;
use std::collections::{HashMap, HashSet};
use std::ops::Range;

pub fn check(text: &str, fm: &Frontmatter, catalog: &Catalog, settings: &Settings, out: &mut Sink) {
    if fm.mode == Mode::Unparseable {
        return;
    }
    if let Some(e) = fm.get("tools") {
        let names = names_at(&e.value, text);
        let empty = e.value.is_null()
            || e.value.as_str() == Some("")
            || e.value.items().is_some_and(|i| i.is_empty())
            || (names.is_empty() && e.value.entries().is_none());
        if empty {
            out.push(
                Diagnostic::new(e.key.span.clone(), rules::TOOLS_EMPTY, "`tools` is empty: this agent gets no tools at all. Remove the key to give it every tool, or list the tools it needs")
                .with_fix("Remove `tools` (all tools)", vec![Edit { range: whole_entry(text, e.key.span.start, e.value.span.end), new_text: String::new() }], false),
            );
            return;
        }
        if names.iter().any(|n| n.name == "*") {
            return;
        }
        let mut resolves = false;
        let mut list = List::new(&names, catalog, settings);
        for n in &names {
            resolves |= name_rules(n, &mut list, "tools", out);
        }
        if !resolves {
            out.push(Diagnostic::new(e.value.span.clone(), rules::TOOLS_NONE_RESOLVE, "None of these names is a tool Claude Code knows: the agent would get zero tools, and Claude Code refuses to spawn it"));
        }
    }
    if let Some(e) = fm.get("disallowedTools").filter(|e| !e.value.is_null()) {
        let names = names_at(&e.value, text);
        let mut list = List::new(&names, catalog, settings);
        for n in &names {
            if n.name != "*" && !n.name.starts_with("mcp__") {
                name_rules(n, &mut list, "disallowedTools", out);
            }
        }
    }
}

/// The lines of an entry, including the line break after it.
fn whole_entry(text: &str, start: usize, end: usize) -> std::ops::Range<usize> {
    let s = text[..start].rfind('\n').map_or(0, |i| i + 1);
    let e = text[end..].find('\n').map_or(text.len(), |i| end + i + 1);
    s..e
}

/// One tool list, prepared once so that each name costs the same however long the list
/// is: the tools it names, and what each distinct name resolves to, remembered (a list
/// of 100,000 names repeats a few).
struct List<'a> {
    /// The tool part of every name (`Bash` for `Bash(git *)`).
    bases: HashSet<&'a str, FastHash>,
    resolved: HashMap<&'a str, Resolved<'a>, FastHash>,
    catalog: &'a Catalog,
    settings: &'a Settings,
    suggest: Suggester<'a>,
    servers: Servers<'a>,
}

/// What a tool name resolves to; for an unknown one, the tool it is a miscased
/// spelling of, if any.
#[derive(Clone)]
struct Resolved<'a> {
    name: ToolName<'a>,
    case_of: Option<&'a str>,
}

impl<'a> List<'a> {
    fn new(names: &'a [NameAt], catalog: &'a Catalog, settings: &'a Settings) -> List<'a> {
        let configured = settings.tools.iter().map(|t| t.name.as_str());
        List {
            bases: names.iter().map(|n| base_of(n.name)).collect(),
            resolved: HashMap::default(),
            catalog,
            settings,
            suggest: Suggester::new(catalog.tool_names().chain(configured), 2),
            servers: Servers::new(settings),
        }
    }

    /// Whether the list names tool `t`, alone or with a specifier.
    fn names(&self, t: &str) -> bool {
        self.bases.contains(t)
    }

    fn resolve(&mut self, base: &'a str) -> Resolved<'a> {
        let (catalog, settings) = (self.catalog, self.settings);
        let found = self.resolved.entry(base).or_insert_with(|| {
            let name = settings.resolve_tool(catalog, base);
            let case_of = match name {
                ToolName::Unknown => catalog.tool_names().find(|t| t.eq_ignore_ascii_case(base)),
                _ => None,
            };
            Resolved { name, case_of }
        });
        found.clone()
    }
}

/// The tool a name is about: what stands before its `(`.
pub(super) fn base_of(name: &str) -> &str {
    name.find('(').map_or(name, |i| &name[..i])
}

/// Checks one name; returns whether it resolves to a tool.
fn name_rules<'a>(n: &'a NameAt, list: &mut List<'a>, key: &str, out: &mut Sink) -> bool {
    let catalog = list.catalog;
    let (base, spec) = match n.name.find('(') {
        Some(i) => (&n.name[..i], Some(&n.name[i..])),
        None => (n.name, None),
    };
    let base_range = n.part(0..base.len());
    let Resolved { name, case_of } = list.resolve(base);
    let resolves = match name {
        ToolName::Known(_) | ToolName::Configured { .. } => true,
        ToolName::Mcp => {
            list.servers.check(base, base_range.clone(), out);
            if spec.is_some() && key == "tools" {
                out.push(Diagnostic::new(
                    n.range.clone(),
                    rules::TOOL_SPECIFIER_IGNORED,
                    "MCP rules do not support patterns in parentheses: only the tool name counts",
                ));
            }
            return true;
        }
        ToolName::Alias { to } => {
            if !out.room(rules::TOOL_ALIAS, base_range.start) {
                return true;
            }
            let d = Diagnostic::new(
                base_range.clone(),
                rules::TOOL_ALIAS,
                format!("`{base}` is a legacy name of `{to}`; Claude Code still resolves it"),
            );
            out.push(if list.names(to) {
                d
            } else {
                d.with_fix(
                    format!("Use `{to}`"),
                    vec![Edit {
                        range: base_range.clone(),
                        new_text: to.to_string(),
                    }],
                    true,
                )
            });
            true
        }
        ToolName::Removed(r) => {
            if !out.room(rules::TOOL_REMOVED, base_range.start) {
                return false;
            }
            let mut d =
                Diagnostic::new(
                    base_range.clone(),
                    rules::TOOL_REMOVED,
                    format!(
                    "`{base}` no longer exists in Claude Code {}{}: the name is dropped. Use `{}`",
                    catalog.tool_version,
                    r.since.as_deref().map(|s| format!(" (removed in {s})")).unwrap_or_default(),
                    r.instead
                ),
                );
            if !list.names(&r.instead) {
                d = d.with_fix(
                    format!("Replace with `{}`", r.instead),
                    vec![Edit {
                        range: n.range.clone(),
                        new_text: r.instead.clone(),
                    }],
                    false,
                );
            }
            out.push(d);
            false
        }
        ToolName::Unknown => {
            let code = if case_of.is_some() {
                rules::TOOL_CASE
            } else {
                rules::UNKNOWN_TOOL
            };
            if !out.room(code, base_range.start) {
                return false;
            }
            let (code, msg, fix) = match case_of {
                Some(t) => (
                    rules::TOOL_CASE,
                    format!("Tool names are case-sensitive: `{base}` is not `{t}`, and Claude Code drops it"),
                    Some(t),
                ),
                None => {
                    let s = list.suggest.closest(base);
                    let hint = s.map(|s| format!(" (did you mean `{s}`?)")).unwrap_or_default();
                    (rules::UNKNOWN_TOOL, format!("`{base}` is not a tool Claude Code {} knows{hint}: it is dropped when the agent starts", catalog.tool_version), s)
                }
            };
            let mut d = Diagnostic::new(base_range.clone(), code, msg);
            if let Some(t) = fix.filter(|t| !list.names(t)) {
                d = d.with_fix(
                    format!("Change to `{t}`"),
                    vec![Edit {
                        range: base_range.clone(),
                        new_text: t.to_string(),
                    }],
                    code == rules::TOOL_CASE,
                );
            }
            out.push(d);
            false
        }
    };
    if let (Some(spec), true) = (spec, resolves) {
        specifier(n, base, spec, key, catalog, out);
    }
    resolves
}

/// The server part of an MCP tool name (`mcp__<server>__<tool>`, `mcp__<server>`), or
/// the name itself for an `mcpServers` item.
pub fn mcp_server_of(name: &str) -> &str {
    match name.strip_prefix("mcp__") {
        Some(rest) => rest.split("__").next().unwrap_or(rest),
        None => name,
    }
}

/// The MCP servers a file's names are checked against, with did-you-mean lookups made
/// only when a note is reported (a `.mcp.json` can define thousands of servers).
pub struct Servers<'a> {
    settings: &'a Settings,
    suggest: Option<Suggester<'a>>,
}

impl<'a> Servers<'a> {
    pub fn new(settings: &'a Settings) -> Servers<'a> {
        Servers {
            settings,
            suggest: None,
        }
    }

    fn closest(&mut self, server: &str) -> Option<&'a str> {
        let settings = self.settings;
        self.suggest
            .get_or_insert_with(|| {
                Suggester::new(settings.mcp_servers.iter().map(|s| s.name.as_str()), 2)
            })
            .closest(server)
    }

    /// An info note for a server that neither `.mcp.json` nor the configuration defines,
    /// when at least one of them lists servers (otherwise we cannot tell).
    pub fn check(&mut self, name: &str, range: Range<usize>, out: &mut Sink) {
        let server = mcp_server_of(name);
        let settings = self.settings;
        // `mcp__*` means every server; claude.ai connectors are configured in the account.
        if !settings.mcp_servers_known
            || server.is_empty()
            || server.contains('*')
            || server.starts_with("claude_ai_")
            || settings.mcp_server(server).is_some()
            || !out.room(rules::MCP_SERVER_UNKNOWN, range.start)
        {
            return;
        }
        let hint = self
            .closest(server)
            .map(|s| format!(" (did you mean `{s}`?)"))
            .unwrap_or_default();
        out.push(Diagnostic::new(range, rules::MCP_SERVER_UNKNOWN, format!("`{server}` is not an MCP server in `.mcp.json` or agent-lsp.toml{hint}: unless user settings or a plugin define it, its tools are dropped")));
    }
}

fn specifier(n: &NameAt, base: &str, spec: &str, key: &str, catalog: &Catalog, out: &mut Sink) {
    let inner = spec.trim_start_matches('(').trim_end_matches(')').trim();
    if inner.is_empty() || inner == "*" {
        return;
    }
    let (sev, msg) = match (key, base) {
        ("tools", _) if catalog.limits_agent_types(base) => (
            Severity::Info,
            format!("`{base}({inner})` limits which agent types can be spawned only when this agent runs as the main thread (`claude --agent`); as a subagent it gets the whole `{base}` tool"),
        ),
        ("tools", _) => (
            Severity::Warning,
            format!("In `tools` only the tool name counts: `{}` grants all of {base}. Restrict it with permission rules or hooks instead", n.name),
        ),
        (_, _) => (
            Severity::Warning,
            format!("In `disallowedTools` only the tool name counts: `{}` removes all of {base}, not just `{inner}`", n.name),
        ),
    };
    out.push(
        Diagnostic::new(n.range.clone(), rules::TOOL_SPECIFIER_IGNORED, msg).with_severity(sev),
    );
}
