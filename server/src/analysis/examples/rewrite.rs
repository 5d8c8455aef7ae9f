//! The `|` rewrite: the description as a literal block scalar with real line breaks,
//! holding exactly the text its author meant (every example, every line). It is offered
//! only when the rewritten file, read again as Claude Code reads it, has a `|` block
//! there and loads with that very text.

use super::source::Description;
use crate::analysis::file_kind::FileKind;
use crate::analysis::Edit;
use crate::catalog::Catalog;
use crate::loader;
use crate::syntax::{self, Style};

/// The title of the rewrite's fix, whichever rule offers it.
pub const TITLE: &str = "Rewrite the description as a `|` block with real line breaks";

/// The edit that turns the description into a `|` block, if the result checks out.
pub fn as_literal_block(
    text: &str,
    desc: &Description,
    kind: &FileKind,
    catalog: &Catalog,
) -> Option<Edit> {
    // Only a format with a loader model can check the rewrite.
    catalog.loader?;
    let colon = desc.key.end + text[desc.key.end..].find(':')?;
    let line = crate::analysis::diagnostics::line_at(
        text,
        desc.value.end.saturating_sub(1).max(desc.value.start),
    );
    // A comment after the value moves to the header line, where YAML still reads it as one.
    let rest = text[desc.value.end.min(line.end)..line.end].trim();
    let comment = if rest.starts_with('#') {
        format!(" {rest}")
    } else {
        String::new()
    };
    if !rest.is_empty() && comment.is_empty() {
        return None;
    }
    let edit = Edit {
        range: colon + 1..line.end,
        new_text: block_text(&desc.intended, &comment, crate::text::line_ending(text)),
    };
    // The loader reads only the frontmatter: check the rewrite on the text up to the
    // closing fence, not on a copy of the whole file (this runs on every keystroke).
    let fence_end = syntax::split::split(text)?.close_fence.end;
    if edit.range.end > fence_end {
        return None;
    }
    let mut rewritten = text[..fence_end].to_string();
    rewritten.replace_range(edit.range.clone(), &edit.new_text);
    let fm = syntax::parse_as_tool(&rewritten, catalog.dialect, &|k| catalog.key(k).is_some());
    let is_block = fm.loader_root()?.get("description")?.value.style() == Some(Style::Literal);
    let loaded = loader::load(&fm, &kind.origin, catalog);
    (is_block && loaded.loads() && loaded.description.as_deref() == Some(desc.intended.as_str()))
        .then_some(edit)
}

/// ` |-` and the lines of `value`, indented by two spaces.
fn block_text(value: &str, comment: &str, nl: &str) -> String {
    let content = value.trim_end_matches('\n');
    let chomp = match value.len() - content.len() {
        0 => "-",
        1 => "",
        _ => "+",
    };
    // YAML finds a block's indentation on its first line; one that starts with a space
    // needs it stated.
    let first = content
        .lines()
        .find(|l| !l.trim().is_empty())
        .unwrap_or_default();
    let indicator = if first.starts_with(' ') { "2" } else { "" };
    let mut out = format!(" |{indicator}{chomp}{comment}");
    for line in content.split('\n') {
        out.push_str(nl);
        if !line.is_empty() {
            out.push_str("  ");
            out.push_str(line);
        }
    }
    for _ in 1..value.len() - content.len() {
        out.push_str(nl);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn block_text_keeps_every_line() {
        assert_eq!(block_text("a\n\n b", "", "\n"), " |-\n  a\n\n   b");
        assert_eq!(block_text(" a", "", "\n"), " |2-\n   a");
        assert_eq!(block_text("a\n", " # c", "\n"), " | # c\n  a");
    }
}
