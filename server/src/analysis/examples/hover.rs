//! Hover inside an example: the example as the model will read it, turn by turn.

use super::source::Seen;
use super::structure::Example;
use crate::analysis::hover::HoverInfo;
use crate::analysis::Analysis;

/// The example under `offset`, rendered; None outside every example.
pub fn hover(analysis: &Analysis, offset: usize) -> Option<HoverInfo> {
    let model = analysis.examples.as_ref()?;
    let desc = &model.desc;
    if offset < desc.value.start || offset > desc.value.end {
        return None;
    }
    let (blocks, found) = (model.blocks(), &model.found);
    let count = found.examples.len();
    // The innermost example: nested ones start later.
    let (n, example) = found.examples.iter().enumerate().rev().find(|(_, e)| {
        let r = desc.source_range(e.whole());
        r.start <= offset && offset <= r.end
    })?;
    let mut md = format!(
        "**Example {} of {count}**, as the model reads it\n\n",
        n + 1
    );
    md.push_str(&turns(blocks, example));
    let flattened = desc
        .folded
        .iter()
        .chain(&desc.literal_escapes)
        .any(|&f| example.whole().contains(&f));
    match &desc.seen {
        Seen::NotLoaded => md.push_str("\n\n⚠ Claude Code does not load this agent: the model never reads this example."),
        Seen::Other(shown) => md.push_str(&format!(
            "\n\n⚠ Claude Code does not read the description as written: the model gets only\n\n```text\n{}\n```",
            shown.trim()
        )),
        Seen::AsAnalysed if flattened => md.push_str(&format!(
            "\n\n⚠ Its line breaks are lost: the model reads it as\n\n```text\n{}\n```",
            &desc.text[example.whole()]
        )),
        Seen::AsAnalysed => {}
    }
    Some(HoverInfo {
        range: desc.source_range(example.whole()),
        markdown: md,
    })
}

/// One bullet per turn and commentary, in order.
fn turns(text: &str, example: &Example) -> String {
    let mut parts: Vec<(usize, String)> = example
        .turns
        .iter()
        .map(|t| {
            (
                t.marker.start,
                format!(
                    "- **{}:** {}",
                    t.role.label(),
                    escape(text[t.content.clone()].trim())
                ),
            )
        })
        .collect();
    parts.extend(example.commentaries.iter().map(|c| {
        (
            c.open.start,
            format!("- *commentary:* {}", escape(text[c.body.clone()].trim())),
        )
    }));
    parts.sort_by_key(|p| p.0);
    if parts.is_empty() {
        return format!("_No turns:_ {}", escape(text[example.body.clone()].trim()));
    }
    parts
        .into_iter()
        .map(|p| p.1)
        .collect::<Vec<_>>()
        .join("\n")
}

/// Markdown-escapes text so tags and emphasis marks show as written; line breaks stay
/// inside the bullet.
fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if matches!(c, '\\' | '`' | '*' | '_' | '<' | '>' | '[' | ']' | '#') {
            out.push('\\');
        }
        out.push(c);
        if c == '\n' {
            out.push_str("  ");
        }
    }
    out
}
