//! Completion inside the description: an `<example>` block in the convention's order,
//! written the way this description writes line breaks and quotes, with the agent's own
//! name in the assistant turn.

use super::structure::EXAMPLE_OPEN;
use crate::analysis::completion::{Item, ItemKind};
use crate::analysis::Analysis;

/// The snippet when the cursor is in the description after a partly typed `<example>`.
pub fn completion_item(text: &str, analysis: &Analysis, offset: usize) -> Option<Item> {
    let desc = &analysis.examples.as_ref()?.desc;
    let line_end = crate::analysis::diagnostics::line_at(text, desc.value.end).end;
    if offset < desc.value.start || offset > line_end {
        return None;
    }
    let before = &text[..offset];
    let start = before.rfind('<')?;
    let typed = &before[start..];
    if !EXAMPLE_OPEN.starts_with(typed) {
        return None;
    }
    // A form YAML folds cannot hold the block's line breaks.
    let nl = desc.line_break.as_deref()?;
    let name = super::agent_name(analysis).unwrap_or_else(|| "this".to_string());
    let quote = |s: &str| match desc.quote {
        Some('"') => s.replace('"', "\\\""),
        Some('\'') => s.replace('\'', "''"),
        _ => s.to_string(),
    };
    let lines = [
        "<example>".to_string(),
        "Context: ${1:The situation in which to delegate}".to_string(),
        quote("user: \"${2:A request that calls for this agent}\""),
        quote(&format!(
            "assistant: \"${{3:I'll use the Agent tool to launch the {} agent}}\"",
            snippet_literal(&name)
        )),
        "<commentary>".to_string(),
        format!(
            "${{4:Why {} is the right agent here}}",
            snippet_literal(&name)
        ),
        "</commentary>".to_string(),
        "</example>$0".to_string(),
    ];
    Some(Item {
        label: EXAMPLE_OPEN.to_string(),
        kind: ItemKind::Snippet,
        detail: Some("example block: Context, user, assistant, commentary".to_string()),
        documentation: Some(format!(
            "An example that teaches the main model when to delegate to `{name}`: the user's request and the assistant launching this agent."
        )),
        insert: lines.join(&snippet_literal(nl)),
        snippet: true,
        replace: start..offset,
    })
}

/// Text that must appear as written inside a snippet.
fn snippet_literal(s: &str) -> String {
    s.replace('\\', "\\\\")
        .replace('$', "\\$")
        .replace('}', "\\}")
}
