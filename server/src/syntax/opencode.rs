//! OpenCode's second attempt at frontmatter its YAML reader rejects (opencode 1.18.33,
//! `config/markdown.ts`, `fallbackSanitization`): gray-matter's js-yaml fails, so every
//! top-level line `^([a-zA-Z_][a-zA-Z0-9_]*)\s*:\s*(.*)$` whose trimmed value is not
//! empty, `>` or `|`, does not start with a quote and contains `:` becomes a `|-` block
//! holding the value; then the text is parsed once more. A value as a one-line `|-`
//! block is the trimmed value itself, so we write it double-quoted (the same string) and
//! keep the line count, mapping every byte back to the user's text.

use super::requote::{Requoted, Rewrite, RewriteKind};
use super::yaml::{Node, YamlError};

/// js-yaml refuses a mapping that repeats a key (`duplicated mapping key`), at any depth.
pub fn reject_duplicates(root: Option<Node>) -> Result<Option<Node>, YamlError> {
    match root.as_ref().and_then(repeated_key) {
        Some(offset) => Err(YamlError {
            offset,
            message: "duplicated mapping key".into(),
        }),
        None => Ok(root),
    }
}

/// The offset of the first key a mapping of `node` repeats.
fn repeated_key(node: &Node) -> Option<usize> {
    if let Some(entries) = node.entries() {
        let mut seen = std::collections::HashSet::new();
        for e in entries {
            if let Some(k) = e.key.as_str() {
                if !seen.insert(k) {
                    return Some(e.key.span.start);
                }
            }
            if let Some(at) = repeated_key(&e.value) {
                return Some(at);
            }
        }
    }
    node.items()?.iter().find_map(repeated_key)
}

/// `^([a-zA-Z_][a-zA-Z0-9_]*)\s*:\s*(.*)$` on one line: the trimmed value's byte range.
fn key_line_value(line: &str) -> Option<std::ops::Range<usize>> {
    let first = line.bytes().next()?;
    if !(first.is_ascii_alphabetic() || first == b'_') {
        return None;
    }
    let key_len = line
        .bytes()
        .take_while(|b| b.is_ascii_alphanumeric() || *b == b'_')
        .count();
    let rest = &line[key_len..];
    let colon = key_len + rest.len() - rest.trim_start().len();
    if line.as_bytes().get(colon) != Some(&b':') {
        return None;
    }
    let after = &line[colon + 1..];
    let start = colon + 1 + after.len() - after.trim_start().len();
    let end = start + line[start..].trim_end().len();
    Some(start..end)
}

fn sanitizes(value: &str) -> bool {
    !(value.is_empty()
        || value == ">"
        || value == "|"
        || value.starts_with('"')
        || value.starts_with('\''))
        && value.contains(':')
}

/// The text OpenCode parses on its second attempt, mapped back to `yaml_text`.
pub fn sanitize(yaml_text: &str) -> Requoted {
    let mut text = String::with_capacity(yaml_text.len() + 32);
    let mut origin: Vec<u32> = Vec::with_capacity(yaml_text.len() + 32);
    let mut rewrites = Vec::new();
    let mut push = |text: &mut String, s: &str, from: usize| {
        text.push_str(s);
        origin.extend(std::iter::repeat_n(from as u32, s.len()));
    };
    let mut line_start = 0;
    for (n, raw) in yaml_text.split('\n').enumerate() {
        if n > 0 {
            push(&mut text, "\n", line_start - 1);
        }
        // js's `split(/\r?\n/)`: the CR is not part of the line.
        let line = raw.strip_suffix('\r').unwrap_or(raw);
        let value = key_line_value(line).filter(|v| sanitizes(&line[v.clone()]));
        let copy_to = value.as_ref().map_or(raw.len(), |v| v.start);
        for (i, ch) in raw[..copy_to].char_indices() {
            push(&mut text, ch.encode_utf8(&mut [0; 4]), line_start + i);
        }
        if let Some(v) = value {
            push(&mut text, "\"", line_start + v.start);
            for (i, ch) in line[v.clone()].char_indices() {
                let at = line_start + v.start + i;
                match ch {
                    '\\' => push(&mut text, "\\\\", at),
                    '"' => push(&mut text, "\\\"", at),
                    '\t' => push(&mut text, "\\t", at),
                    _ => push(&mut text, ch.encode_utf8(&mut [0; 4]), at),
                }
            }
            push(&mut text, "\"", line_start + v.end);
            for (i, ch) in raw[v.end..].char_indices() {
                push(
                    &mut text,
                    ch.encode_utf8(&mut [0; 4]),
                    line_start + v.end + i,
                );
            }
            rewrites.push(Rewrite {
                line: line_start..line_start + line.len(),
                value: Some(line_start + v.start..line_start + v.end),
                kind: RewriteKind::Requoted,
            });
        }
        line_start += raw.len() + 1;
    }
    origin.push(yaml_text.len() as u32);
    Requoted::from_parts(text, origin, rewrites)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_with_a_colon_become_strings() {
        let src = "description: Use when: reviewing\nmode: subagent\nx: \"a: b\"\n  y: c: d\n";
        let r = sanitize(src);
        assert_eq!(
            r.text,
            "description: \"Use when: reviewing\"\nmode: subagent\nx: \"a: b\"\n  y: c: d\n"
        );
        assert_eq!(r.rewrites.len(), 1);
        let i = r.text.find("reviewing").unwrap_or(0);
        assert_eq!(
            &src[r.original_offset(i)..r.original_offset(i) + 9],
            "reviewing"
        );
    }

    #[test]
    fn crlf_lines_and_spaced_colons() {
        let r = sanitize("model : a:b\r\nk: v\r\n");
        assert_eq!(r.text, "model : \"a:b\"\r\nk: v\r\n");
    }
}
