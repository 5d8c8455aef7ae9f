//! Completion in the frontmatter, from the catalog of the file's format and the
//! workspace's settings: keys not yet present, the values of the key being written
//! (enums, models, tool/skill/agent names inside comma strings and YAML lists), and a
//! whole frontmatter in an empty file. Each item replaces the whole word under the
//! cursor, so a partly typed word is never duplicated.
//!
//! Only the cursor's line and the stored parse are looked at: no work grows with the file.

use super::Analysis;
use crate::catalog::{Catalog, KeySpec, Source};
use crate::loader::tool_list::{names_at, split_names};
use crate::settings::{Named, Settings};
use crate::syntax::Entry;
use std::collections::HashSet;
use std::ops::Range;

/// Items one completion answer holds at most. A list this long may have been cut (the
/// protocol layer marks it incomplete, so the client asks again as the user types);
/// diagnostics and hover still see every name.
pub const MAX_ITEMS: usize = 5_000;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ItemKind {
    Key,
    Value,
    Snippet,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Item {
    pub label: String,
    pub kind: ItemKind,
    pub detail: Option<String>,
    pub documentation: Option<String>,
    /// The text to insert; a snippet (`$1`, `${1|a,b|}`) when `snippet` is set.
    pub insert: String,
    pub snippet: bool,
    /// The bytes the item replaces (the whole word under the cursor).
    pub replace: Range<usize>,
}

/// The cursor's line, split at the cursor.
struct Line<'a> {
    start: usize,
    before: &'a str,
    after: &'a str,
}

/// The cursor's line (not starting before `from`), by the one line-break rule of
/// `text`: a value line ending in a lone `\r` ends there, so no edit reaches the next line.
fn line_at(text: &str, offset: usize, from: usize) -> Line<'_> {
    let line = crate::text::line_bounds(text, offset);
    let start = line.start.max(from);
    let end = line.end.max(offset);
    Line {
        start,
        before: &text[start..offset],
        after: &text[offset..end],
    }
}

pub fn complete(
    text: &str,
    analysis: &Analysis,
    offset: usize,
    file_stem: &str,
    settings: &Settings,
) -> Vec<Item> {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    if let Some(example) = super::examples::completion_item(text, analysis, offset) {
        return vec![example];
    }
    let catalog = analysis.catalog;
    let fm = &analysis.frontmatter;
    let Some(split) = &fm.split else {
        return whole_frontmatter(text, offset, file_stem, catalog)
            .into_iter()
            .collect();
    };
    // The loader's `^---\s*\n` swallows blank lines after the opening fence, but they
    // are where a user types the first key: the region starts on the line after `---`.
    let first_line = text[split.open_fence.end..]
        .find('\n')
        .map_or(split.yaml.start, |i| split.open_fence.end + i + 1);
    // The closing fence's line starts at yaml.end: nothing to complete there.
    if offset < first_line || offset >= split.yaml.end.max(first_line) {
        return Vec::new();
    }
    let line = line_at(text, offset, first_line);
    let ctx = Ctx {
        text,
        offset,
        catalog,
        settings,
        entries: fm.entries(),
        line,
    };
    let before = ctx.line.before;
    let indented = before.starts_with([' ', '\t']);
    if !indented && !before.starts_with('-') {
        return match before.find(':') {
            None => ctx.keys(),
            Some(colon) => {
                let key = before[..colon].trim();
                ctx.values(key, ctx.line.start + colon + 1)
            }
        };
    }
    // An indented line belongs to the last top-level key above it.
    let Some(parent) = ctx
        .entries
        .iter()
        .rev()
        .find(|e| e.key.span.start < ctx.line.start)
    else {
        return Vec::new();
    };
    let Some(key) = parent.key.as_str() else {
        return Vec::new();
    };
    let trimmed = before.trim_start();
    if key == "hooks" {
        return ctx.hooks(trimmed);
    }
    if let Some(item) = trimmed.strip_prefix('-') {
        if item.is_empty() || item.starts_with(' ') {
            let item_start = offset - item.len();
            return ctx.values(key, item_start);
        }
    }
    Vec::new()
}

struct Ctx<'a> {
    text: &'a str,
    offset: usize,
    catalog: &'a Catalog,
    settings: &'a Settings,
    entries: &'a [Entry],
    line: Line<'a>,
}

/// Characters that end a name in a tool list (the loader's separators, YAML flow
/// punctuation and quotes).
fn is_list_delimiter(c: char) -> bool {
    matches!(c, ',' | ' ' | '\t' | '[' | ']' | '"' | '\'' | '(' | ')')
}

impl Ctx<'_> {
    /// The end of the word the cursor is in: up to the next character `stop` accepts.
    fn word_end(&self, stop: impl Fn(char) -> bool) -> usize {
        self.offset + self.line.after.find(stop).unwrap_or(self.line.after.len())
    }

    /// A space before the inserted text when the cursor sits right after `:`, `,` or a
    /// list's `-` (what the trigger characters complete).
    fn lead(&self, replace: &Range<usize>) -> &'static str {
        let prev = self.text[..replace.start].chars().next_back();
        if replace.start == self.offset && matches!(prev, Some(':' | ',' | '-')) {
            " "
        } else {
            ""
        }
    }

    fn keys(&self) -> Vec<Item> {
        let word_start =
            self.line.start + (self.line.before.len() - self.line.before.trim_start().len());
        let end = self.word_end(|c: char| !(c.is_alphanumeric() || c == '-' || c == '_'));
        // A colon already follows the word: complete the name only.
        let has_colon = self.text[end..]
            .trim_start_matches([' ', '\t'])
            .starts_with(':');
        let present: HashSet<&str> = self
            .entries
            .iter()
            .filter(|e| !(self.line.start..=self.offset.max(end)).contains(&e.key.span.start))
            .filter_map(|e| e.key.as_str())
            .collect();
        let mut keys: Vec<&KeySpec> = self
            .catalog
            .keys
            .iter()
            .filter(|k| !present.contains(k.name.as_str()))
            .collect();
        // Required keys first, then the catalog's order.
        keys.sort_by_key(|k| !k.required);
        keys.into_iter()
            .map(|k| {
                let (insert, snippet) = match (k.completion_snippet(), has_colon) {
                    (_, true) => (k.name.clone(), false),
                    (Some(s), false) if s.starts_with('\n') => (format!("{}:{s}", k.name), true),
                    (Some(s), false) => (format!("{}: {s}", k.name), true),
                    (None, false) => (format!("{}: $1", k.name), true),
                };
                Item {
                    label: k.name.clone(),
                    kind: ItemKind::Key,
                    detail: Some(format!(
                        "{}{}",
                        k.type_text(),
                        if k.required { " · required" } else { "" }
                    )),
                    documentation: Some(super::hover::key_doc(&k.name, Some(k), self.catalog)),
                    insert,
                    snippet,
                    replace: word_start..end,
                }
            })
            .collect()
    }

    /// Values for `key`, whose value (or list item) starts at `value_start`.
    fn values(&self, key: &str, value_start: usize) -> Vec<Item> {
        let Some(spec) = self.catalog.key(key) else {
            return Vec::new();
        };
        if spec.is_list() {
            return self.list_values(key, spec, value_start);
        }
        let typed = &self.text[value_start..self.offset];
        let blank_or_quote = typed.len() - typed.trim_start_matches([' ', '\t', '"', '\'']).len();
        let quoted = typed.trim_start().starts_with(['"', '\'']);
        let start = value_start + blank_or_quote;
        let end = if quoted {
            self.word_end(|c| c == '"' || c == '\'')
        } else {
            // Up to a comment or the end of the line, without trailing blanks.
            let rest = self.line.after.split(" #").next().unwrap_or_default();
            self.offset + rest.trim_end().len()
        };
        let replace = start..end.max(self.offset);
        let mut out: Vec<Candidate> = spec
            .values
            .iter()
            .map(|v| Candidate::new(&v.name, key, &v.doc))
            .collect();
        if spec.values.is_empty() && spec.type_text().starts_with("boolean") {
            out.push(Candidate::new("true", key, "Yes."));
            out.push(Candidate::new("false", key, "No."));
        }
        match spec.values_from {
            Some(Source::Models) => out.extend(self.models()),
            Some(Source::Agents) => out.extend(self.agents()),
            _ => {}
        }
        self.items(out, &replace, &HashSet::new())
    }

    fn models(&self) -> Vec<Candidate> {
        let c = self.catalog;
        let aliases = c.models.iter().map(|m| {
            let detail = m
                .resolves_to
                .as_deref()
                .map_or_else(|| "model alias".to_string(), |r| format!("→ {r}"));
            Candidate {
                label: m.name.clone(),
                detail,
                doc: m.doc.clone(),
                insert: None,
            }
        });
        let ids = c.model_families.iter().map(|f| Candidate {
            label: f.clone(),
            detail: "full model ID".into(),
            doc: format!(
                "A full model ID known to {} {}; a `-YYYYMMDD` date may follow.",
                c.for_tool, c.tool_version
            ),
            insert: None,
        });
        let configured = self
            .settings
            .models
            .iter()
            .map(|m| from_named(m, "model from your configuration"));
        aliases.chain(ids).chain(configured).collect()
    }

    fn agents(&self) -> Vec<Candidate> {
        let builtin = self
            .catalog
            .builtin_agents
            .iter()
            .map(|a| Candidate::new(&a.name, "built-in agent", &a.doc));
        let own = self
            .settings
            .agents()
            .iter()
            .map(|a| from_named(a, "agent in .claude/agents"));
        let mut out: Vec<Candidate> = own.collect();
        // A file with a built-in's name overrides it: list it once.
        out.extend(builtin.filter(|b| self.settings.agents().get(&b.label).is_none()));
        out
    }

    /// Names inside a comma/space string or a YAML list (flow or block).
    fn list_values(&self, key: &str, spec: &KeySpec, value_start: usize) -> Vec<Item> {
        let typed = &self.text[value_start..self.offset];
        let word_len = typed.len()
            - typed
                .trim_end_matches(|c: char| !is_list_delimiter(c))
                .len();
        let start = self.offset - word_len;
        // Inside `Agent(…)`: agent types, not tools.
        let open = typed.rfind('(');
        if let Some(open) = open.filter(|&o| typed.rfind(')').is_none_or(|c| c < o)) {
            let tool = typed[..open]
                .rsplit(is_list_delimiter)
                .next()
                .unwrap_or_default();
            if spec.values_from != Some(Source::Tools) || !self.catalog.limits_agent_types(tool) {
                return Vec::new();
            }
            let inner = &typed[open + 1..];
            let listed: HashSet<String> = split_names(inner).into_iter().collect();
            let end = self.word_end(is_list_delimiter);
            return self.items(self.agents(), &(start..end), &listed);
        }
        let end = self.word_end(is_list_delimiter);
        let replace = start..end;
        let listed = self.listed(key, &replace, typed);
        let mut out: Vec<Candidate> = spec
            .values
            .iter()
            .map(|v| Candidate::new(&v.name, key, &v.doc))
            .collect();
        match spec.values_from {
            Some(Source::Tools) => out.extend(self.tools()),
            Some(Source::Skills) => out.extend(
                self.settings
                    .skills()
                    .iter()
                    .map(|s| from_named(s, "skill in .claude/skills")),
            ),
            Some(Source::Agents) => out.extend(self.agents()),
            Some(Source::McpServers) => out.extend(
                self.settings
                    .mcp_servers
                    .iter()
                    .map(|s| from_named(s, "MCP server")),
            ),
            _ => {}
        }
        self.items(out, &replace, &listed)
    }

    fn tools(&self) -> Vec<Candidate> {
        let c = self.catalog;
        let builtin = c
            .tools
            .iter()
            .filter(|t| t.status.as_deref() != Some("deprecated"))
            .map(|t| Candidate::new(&t.name, "tool", &t.doc));
        let configured = self
            .settings
            .tools
            .iter()
            .map(|t| from_named(t, "tool from your configuration"));
        let mcp = self.settings.mcp_servers.iter().map(|s| Candidate {
            label: format!("mcp__{}__", s.name),
            detail: "MCP server".into(),
            doc: format!(
                "The tools of MCP server `{}`: `mcp__{0}__<tool>` names one, `mcp__{0}__*` (or `mcp__{0}`) all of them.{}",
                s.name,
                s.doc.as_deref().map(|d| format!("\n\n{d}")).unwrap_or_default()
            ),
            insert: Some(format!("mcp__{}__${{1:*}}", s.name)),
        });
        builtin.chain(configured).chain(mcp).collect()
    }

    /// The names already in the list, except the word being replaced. Only the tool
    /// name counts: `Bash(git log:*)` lists `Bash`.
    fn listed(&self, key: &str, replace: &Range<usize>, typed: &str) -> HashSet<String> {
        let base = |n: &str| n.split('(').next().unwrap_or(n).to_string();
        let mut listed: HashSet<String> = HashSet::new();
        let entry = self
            .entries
            .iter()
            .rev()
            .find(|e| e.key.as_str() == Some(key));
        if let Some(e) = entry {
            for n in names_at(&e.value, self.text) {
                let overlaps = n.range.start <= replace.end && replace.start <= n.range.end;
                if !overlaps {
                    listed.insert(base(n.name));
                }
            }
        }
        // What the parse may not have yet: the names typed before the cursor.
        let word = &self.text[replace.start..self.offset];
        let earlier = &typed[..typed.len() - word.len()];
        listed.extend(
            split_names(&earlier.replace(['[', ']', '"', '\''], " "))
                .iter()
                .map(|n| base(n)),
        );
        listed
    }

    /// Hook events at the first level under `hooks:`, handler types after `type:`.
    fn hooks(&self, trimmed: &str) -> Vec<Item> {
        let c = self.catalog;
        if let Some(v) = trimmed.trim_start_matches("- ").strip_prefix("type:") {
            let start = self.offset - v.trim_start().len();
            let replace = start..self.word_end(|c: char| c.is_whitespace());
            let types = c
                .hook_handlers
                .iter()
                .map(|t| Candidate::new(&t.name, "hook type", &t.doc));
            return self.items(types.collect(), &replace, &HashSet::new());
        }
        let indent = self.line.before.len() - trimmed.len();
        if trimmed.contains(':') || trimmed.starts_with('-') || indent > 2 {
            return Vec::new();
        }
        let replace = self.offset - trimmed.len()..self.word_end(|c: char| !c.is_alphanumeric());
        let events = c.hook_events.iter().map(|e| Candidate {
            label: e.clone(),
            detail: "hook event".into(),
            doc: format!("Runs the hooks below when `{e}` fires while this agent runs."),
            insert: Some(format!("{e}:\n{}  - hooks:\n{0}      - type: command\n{0}        command: \"${{1:./check.sh}}\"", " ".repeat(indent))),
        });
        self.items(events.collect(), &replace, &HashSet::new())
    }

    fn items(
        &self,
        candidates: Vec<Candidate>,
        replace: &Range<usize>,
        skip: &HashSet<String>,
    ) -> Vec<Item> {
        let lead = self.lead(replace);
        let mut seen = HashSet::new();
        let mut fresh: Vec<Candidate> = candidates
            .into_iter()
            .filter(|c| !skip.contains(&c.label) && seen.insert(c.label.clone()))
            .collect();
        if fresh.len() > MAX_ITEMS {
            // A workspace can declare thousands of names (a large `.mcp.json`): send
            // those that start with the word typed so far, at most MAX_ITEMS; the client,
            // told the list is incomplete, asks again as the word grows.
            let typed = self.text[replace.start..self.offset].to_lowercase();
            fresh.retain(|c| c.label.to_lowercase().starts_with(&typed));
            fresh.truncate(MAX_ITEMS);
        }
        fresh
            .into_iter()
            .map(|c| Item {
                snippet: c.insert.is_some(),
                insert: format!("{lead}{}", c.insert.unwrap_or_else(|| c.label.clone())),
                label: c.label,
                kind: ItemKind::Value,
                detail: Some(c.detail),
                documentation: Some(c.doc),
                replace: replace.clone(),
            })
            .collect()
    }
}

/// A value to offer, before it gets its replace range.
struct Candidate {
    label: String,
    detail: String,
    doc: String,
    /// A snippet to insert instead of the label.
    insert: Option<String>,
}

impl Candidate {
    fn new(label: &str, detail: &str, doc: &str) -> Candidate {
        Candidate {
            label: label.to_string(),
            detail: detail.to_string(),
            doc: doc.to_string(),
            insert: None,
        }
    }
}

fn from_named(n: &Named, what: &str) -> Candidate {
    Candidate {
        label: n.name.clone(),
        detail: what.to_string(),
        doc: n.doc.clone().unwrap_or_else(|| format!("A {what}.")),
        insert: None,
    }
}

/// The name a file's path suggests, as an agent name: lowercase, `-` for the rest.
fn suggested_name(stem: &str) -> String {
    let mut out = String::new();
    for c in stem.to_lowercase().chars() {
        let c = if c.is_alphanumeric() { c } else { '-' };
        if !(c == '-' && (out.is_empty() || out.ends_with('-'))) {
            out.push(c);
        }
    }
    let out = out.trim_end_matches('-');
    if out.is_empty() {
        "my-agent".to_string()
    } else {
        out.to_string()
    }
}

/// The whole-frontmatter snippet, on the first line of a file without frontmatter when
/// that line is empty or holds the start of `---`.
fn whole_frontmatter(
    text: &str,
    offset: usize,
    file_stem: &str,
    catalog: &Catalog,
) -> Option<Item> {
    let start = crate::syntax::split::bom_len(text);
    let first_end = text[start..].find('\n').map_or(text.len(), |i| start + i);
    if offset < start || offset > first_end {
        return None;
    }
    let first = text[start..first_end].trim_end_matches('\r');
    if !"---".starts_with(first.trim_end()) {
        return None;
    }
    // Snippet syntax gives `$`, `}` and `\` a meaning: escape them in the name.
    let name = suggested_name(file_stem)
        .replace('\\', "\\\\")
        .replace('$', "\\$")
        .replace('}', "\\}");
    let mut insert = catalog.template.replace("{name}", &name);
    // A file that already has a body keeps it: insert only the block.
    if !text[first_end..].trim().is_empty() {
        if let Some(close) = insert.rfind("---\n") {
            insert.truncate(close + 4);
        }
    }
    Some(Item {
        label: format!("{} frontmatter", catalog.title),
        kind: ItemKind::Snippet,
        detail: Some(format!("{} {}", catalog.for_tool, catalog.tool_version)),
        documentation: Some(format!(
            "A complete {} header:\n\n```yaml\n{}```",
            catalog.title,
            catalog
                .template
                .replace("{name}", &suggested_name(file_stem))
        )),
        insert,
        snippet: true,
        replace: start..start + first.len(),
    })
}
