//! Hover: the documentation of the key or value under the cursor, from the catalog.

use super::Analysis;
use crate::catalog::{self, Catalog, KeySpec, ToolName};
use crate::loader::tool_list::{names_at, ToolList};
use crate::syntax::{Entry, Node};
use std::ops::Range;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HoverInfo {
    pub range: Range<usize>,
    pub markdown: String,
}

pub fn hover(text: &str, analysis: &Analysis, offset: usize) -> Option<HoverInfo> {
    if let Some(example) = super::examples::hover(text, analysis, offset) {
        return Some(example);
    }
    let catalog = catalog::claude_agent();
    let fm = &analysis.frontmatter;
    let entry = fm.entries().iter().find(|e| contains(&e.key.span, offset) || contains(&e.value.span, offset))?;
    let key = entry.key.as_str()?;
    if contains(&entry.key.span, offset) {
        let spec = catalog.key(key);
        return Some(HoverInfo { range: entry.key.span.clone(), markdown: key_doc(key, spec, catalog) });
    }
    value_hover(text, analysis, entry, key, offset, catalog)
}

fn contains(r: &Range<usize>, offset: usize) -> bool {
    r.start <= offset && offset <= r.end && r.start < r.end
}

pub fn key_doc(key: &str, spec: Option<&KeySpec>, catalog: &Catalog) -> String {
    let Some(spec) = spec else {
        return format!("**`{key}`**: not a key {} {} recognizes; it is ignored.", catalog.for_tool, catalog.tool_version);
    };
    let mut md = format!("**`{}`**: {}{}\n\n{}", spec.name, spec.ty, if spec.required { " (required)" } else { "" }, spec.doc);
    if !spec.values.is_empty() {
        md.push_str("\n\nValues: ");
        md.push_str(&spec.values.iter().map(|v| format!("`{}`", v.name)).collect::<Vec<_>>().join(", "));
    }
    if let Some(d) = &spec.default {
        md.push_str(&format!("\n\nDefault: {d}"));
    }
    if let Some(w) = &spec.on_invalid {
        md.push_str(&format!("\n\nIf wrong: {w}"));
    }
    md.push_str(&format!("\n\n_{} {}_", catalog.for_tool, catalog.tool_version));
    md
}

fn value_hover(text: &str, analysis: &Analysis, entry: &Entry, key: &str, offset: usize, catalog: &Catalog) -> Option<HoverInfo> {
    let v = &entry.value;
    match key {
        "tools" | "disallowedTools" => {
            let names = names_at(v, text);
            let n = names.iter().find(|n| contains(&n.range, offset))?;
            let base = n.name.split('(').next().unwrap_or(&n.name);
            let mut md = match catalog.tool(base) {
                ToolName::Known(t) => format!("**`{}`**: {}", t.name, t.doc),
                ToolName::Alias { to } => format!("**`{base}`**: a legacy name of `{to}`, still resolved."),
                ToolName::Removed(r) => format!("**`{base}`**: removed from {}; the name is dropped. Use `{}`.", catalog.for_tool, r.instead),
                ToolName::Mcp => format!("**`{base}`**: an MCP tool (`mcp__<server>__<tool>`)."),
                ToolName::Unknown => format!("**`{base}`**: not a tool {} {} knows; it is dropped.", catalog.for_tool, catalog.tool_version),
            };
            if key == "tools" {
                md.push_str("\n\n");
                md.push_str(&effective_tools(analysis));
            }
            Some(HoverInfo { range: n.range.clone(), markdown: md })
        }
        "model" => {
            let m = v.as_str()?.trim();
            let md = match catalog.model(m) {
                Some(spec) => format!(
                    "**`{}`**: {}{}",
                    spec.name,
                    spec.doc,
                    spec.resolves_to.as_deref().map(|r| format!("\n\nResolves to `{r}`.")).unwrap_or_default()
                ),
                None if catalog.is_known_model_id(m) => format!("**`{m}`**: a full model ID known to {} {}.", catalog.for_tool, catalog.tool_version),
                None => format!("**`{m}`**: not a model alias or ID {} {} knows; passed through unchanged.", catalog.for_tool, catalog.tool_version),
            };
            Some(HoverInfo { range: v.span.clone(), markdown: md })
        }
        "name" | "description" => Some(HoverInfo { range: v.span.clone(), markdown: listing(analysis)? }),
        _ => {
            let spec = catalog.key(key)?;
            let s = scalar_text(v)?;
            let doc = spec.values.iter().find(|x| x.name == s)?;
            Some(HoverInfo { range: v.span.clone(), markdown: format!("**`{}`** ({}): {}", doc.name, key, doc.doc) })
        }
    }
}

fn scalar_text(v: &Node) -> Option<String> {
    match &v.kind {
        crate::syntax::NodeKind::Scalar { value, .. } => Some(value.clone()),
        _ => None,
    }
}

/// What this agent's tools come to.
fn effective_tools(analysis: &Analysis) -> String {
    let Some(l) = &analysis.loaded else { return String::new() };
    match &l.tools {
        ToolList::All => "This agent gets **all tools** available to subagents.".into(),
        ToolList::Some(v) if v.is_empty() => "This agent gets **no tools at all**.".into(),
        ToolList::Some(v) => {
            let catalog = catalog::claude_agent();
            let mut kept = Vec::new();
            for n in v {
                let base = n.split('(').next().unwrap_or(n);
                let resolved = match catalog.tool(base) {
                    ToolName::Known(t) => Some(t.name.clone()),
                    ToolName::Alias { to } => Some(to.to_string()),
                    ToolName::Mcp => Some(base.to_string()),
                    _ => None,
                };
                if let Some(r) = resolved {
                    let shown = if n.contains('(') && base != "Agent" && base != "Task" { format!("{r} (all of {r})") } else { r };
                    if !kept.contains(&shown) {
                        kept.push(shown);
                    }
                }
            }
            if kept.is_empty() {
                "None of the listed names resolves: this agent gets **no tools** (Claude Code refuses to spawn it).".into()
            } else {
                format!("This agent gets: {}.", kept.iter().map(|k| format!("`{k}`")).collect::<Vec<_>>().join(", "))
            }
        }
    }
}

/// The agent as the Agent tool lists it: `- name: description (Tools: …)`.
fn listing(analysis: &Analysis) -> Option<String> {
    let l = analysis.loaded.as_ref()?;
    if !l.loads() {
        return Some(format!("Claude Code does not load this agent ({}).", l.skip.map(|s| s.as_str()).unwrap_or("")));
    }
    let tools = match &l.tools {
        ToolList::All => "All tools".to_string(),
        ToolList::Some(v) if v.is_empty() => "none".to_string(),
        ToolList::Some(v) => v.join(", "),
    };
    Some(format!(
        "How the Agent tool lists this agent:\n\n```text\n- {}: {} (Tools: {tools})\n```",
        l.name.as_deref().unwrap_or_default(),
        l.description.as_deref().unwrap_or_default()
    ))
}
