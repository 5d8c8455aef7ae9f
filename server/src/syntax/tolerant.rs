//! A forgiving line scanner for frontmatter that no YAML parser accepts, so that hover,
//! completion and key checks still work while the user fixes it. It only understands
//! top-level `key: value` lines, their continuation lines, and `- item` lists.

use super::yaml::{Entry, Node, NodeKind};

fn scalar(text: &str, start: usize, end: usize) -> Node {
    Node::plain(&text[start..end], start..end)
}

/// Trims spaces and tabs from a byte range of `text`.
fn trim(text: &str, start: usize, end: usize) -> (usize, usize) {
    let s = &text[start..end];
    let lead = s.len() - s.trim_start_matches([' ', '\t', '\r']).len();
    let trail = s.len() - s.trim_end_matches([' ', '\t', '\r']).len();
    if lead == s.len() {
        (start, start)
    } else {
        (start + lead, end - trail)
    }
}

/// A top-level key line: a key at column 0 followed by `:` and a space or the line end.
fn key_of(line: &str) -> Option<usize> {
    if line.starts_with([' ', '\t', '#', '-']) || line.trim().is_empty() {
        return None;
    }
    let colon = line.find(':')?;
    let after = line.as_bytes().get(colon + 1);
    (matches!(after, None | Some(b' ' | b'\t' | b'\r'))).then_some(colon)
}

/// Scans `text` (the YAML between the fences) into a mapping. Spans are offsets of `text`.
///
/// Inside a value that already runs over several lines, a `word:` line starts a new key
/// only if `is_known(word)`: raw example text such as `user: "…"` stays in the value.
pub fn scan(text: &str, is_known: &dyn Fn(&str) -> bool) -> Node {
    let mut entries: Vec<Entry> = Vec::new();
    let mut continued = false;
    let mut line_start = 0;
    for line in text.split('\n') {
        let line_end = line_start + line.len();
        let key = key_of(line).filter(|&c| !continued || is_known(line[..c].trim()));
        if let Some(colon) = key {
            continued = false;
            let (ks, ke) = trim(text, line_start, line_start + colon);
            let (vs, ve) = trim(text, line_start + colon + 1, line_end);
            entries.push(Entry {
                key: scalar(text, ks, ke),
                value: scalar(text, vs, ve),
            });
        } else if let Some(last) = entries.last_mut() {
            let trimmed = line.trim_start_matches([' ', '\t']);
            let (is, ie) = trim(text, line_end - trimmed.len(), line_end);
            if is == ie || line.trim_start().starts_with('#') {
                // blank lines and comments belong to no value
            } else if let Some(item) = trimmed.strip_prefix("- ").or(if trimmed.trim_end() == "-" {
                Some("")
            } else {
                None
            }) {
                let (s, e) = trim(text, line_end - item.len(), line_end);
                let node = scalar(text, s, e);
                match &mut last.value.kind {
                    NodeKind::Seq { items, .. } => {
                        items.push(node);
                        last.value.span.end = e;
                    }
                    NodeKind::Scalar { value, .. } if value.is_empty() => {
                        last.value = Node {
                            span: is..e,
                            kind: NodeKind::Seq {
                                items: vec![node],
                                flow: false,
                            },
                        };
                    }
                    _ => extend(text, last, ie),
                }
            } else {
                continued = true;
                extend(text, last, ie);
            }
        }
        line_start = line_end + 1;
    }
    let end = entries
        .last()
        .map_or(0, |e| e.value.span.end.max(e.key.span.end));
    Node {
        kind: NodeKind::Map {
            entries: entries.into(),
            flow: false,
        },
        span: 0..end,
    }
}

/// A continuation line: the value now runs to `end`.
fn extend(text: &str, entry: &mut Entry, end: usize) {
    if let NodeKind::Scalar { value, .. } = &entry.value.kind {
        let start = if value.is_empty() {
            // The value started on a later line than its key.
            let after_key = entry.key.span.end + 1;
            after_key + text[after_key..end].len() - text[after_key..end].trim_start().len()
        } else {
            entry.value.span.start
        };
        entry.value = Node::plain(&text[start..end], start..end);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_plugin_dev_layout() {
        let text = "name: x\ndescription: Use this agent when X.\n\n<example>\nuser: \"u\"\n</example>\n\nmodel: inherit\ntools:\n  - Read\n  - Grep\n";
        let root = scan(text, &|k| {
            ["name", "description", "model", "tools"].contains(&k)
        });
        let keys: Vec<_> = root
            .entries()
            .unwrap()
            .iter()
            .map(|e| e.key.as_str().unwrap_or("?"))
            .collect();
        assert_eq!(keys, ["name", "description", "model", "tools"]);
        let d = &root.get("description").unwrap().value;
        assert!(d.as_str().unwrap().ends_with("</example>"));
        let tools = root.get("tools").unwrap().value.items().unwrap();
        assert_eq!(&text[tools[1].span.clone()], "Grep");
    }
}
