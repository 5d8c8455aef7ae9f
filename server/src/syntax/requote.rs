//! Claude Code's second attempt at frontmatter that strict YAML rejects (2.1.330):
//! every top-level line `^([a-zA-Z_-]+):\s+(\S.*)$` whose value is not already quoted
//! (or a `[…]` list that parses) and contains one of `{}[]*&#!|>%@` or a backtick or
//! `: ` is rewritten as `key: "value"` (backslashes doubled, quotes escaped); then each
//! run of leading tabs (after any JavaScript line terminator) becomes two spaces per
//! tab, and the text is parsed again with `Bun.YAML.parse`.
//!
//! We keep, for every byte of the rewritten text, the byte of the original it came
//! from, so spans found in the retry land on the user's text.

use super::yaml;
use std::ops::Range;

/// One line the retry changed, in original-text byte offsets.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Rewrite {
    /// The whole line (without its `\n`).
    pub line: Range<usize>,
    /// The value part of a re-quoted line; None when only leading tabs were replaced.
    pub value: Option<Range<usize>>,
    pub kind: RewriteKind,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RewriteKind {
    Requoted,
    Tabs,
}

pub struct Requoted {
    pub text: String,
    /// `origin[i]` is the original byte for byte `i` of `text` (one extra entry for the end).
    origin: Vec<u32>,
    pub rewrites: Vec<Rewrite>,
}

impl Requoted {
    /// A rewritten text from another tool's retry, with its origin map (see `origin`).
    pub(crate) fn from_parts(text: String, origin: Vec<u32>, rewrites: Vec<Rewrite>) -> Self {
        Requoted {
            text,
            origin,
            rewrites,
        }
    }

    pub fn original_offset(&self, i: usize) -> usize {
        self.origin
            .get(i)
            .or(self.origin.last())
            .map_or(0, |&o| o as usize)
    }
}

const TRIGGERS: &[char] = &[
    '{', '}', '[', ']', '*', '&', '#', '!', '|', '>', '%', '@', '`',
];

/// JavaScript's `.`: any character but line terminators.
fn js_dot(c: char) -> bool {
    !matches!(c, '\n' | '\r' | '\u{2028}' | '\u{2029}')
}

/// Matches `^([a-zA-Z_-]+):\s+(\S.*)$` on one line; returns the key length and the
/// value's byte range within the line.
fn match_key_line(line: &str) -> Option<(usize, Range<usize>)> {
    let key_len = line
        .bytes()
        .take_while(|b| b.is_ascii_alphabetic() || *b == b'_' || *b == b'-')
        .count();
    if key_len == 0 || line.as_bytes().get(key_len) != Some(&b':') {
        return None;
    }
    let after = key_len + 1;
    let spaces = line[after..]
        .char_indices()
        .find(|&(_, c)| !super::split::is_js_space(c))
        .map(|(i, _)| i)?;
    if spaces == 0 {
        return None;
    }
    let value_start = after + spaces;
    // `\S.*$`: the first char is not a space (guaranteed) and every char is a `.`.
    if !line[value_start..].chars().all(js_dot) {
        return None;
    }
    Some((key_len, value_start..line.len()))
}

fn needs_quotes(value: &str) -> bool {
    let wrapped = value.len() >= 2
        && ((value.starts_with('"') && value.ends_with('"'))
            || (value.starts_with('\'') && value.ends_with('\'')));
    if wrapped {
        return false;
    }
    if value.starts_with('[') && value.ends_with(']') {
        if let Some(node) = yaml::reads(value) {
            if node.items().is_some() {
                return false;
            }
        }
    }
    value.contains(TRIGGERS) || value.contains(": ")
}

/// Builds the text the loader parses on its second attempt.
pub fn requote(yaml_text: &str) -> Requoted {
    let mut text = String::with_capacity(yaml_text.len() + 64);
    let mut origin: Vec<u32> = Vec::with_capacity(yaml_text.len() + 64);
    let mut rewrites = Vec::new();
    let mut push = |text: &mut String, s: &str, from: usize| {
        text.push_str(s);
        origin.extend(std::iter::repeat_n(from as u32, s.len()));
    };
    let mut line_start = 0;
    for (n, line) in yaml_text.split('\n').enumerate() {
        if n > 0 {
            push(&mut text, "\n", line_start - 1);
        }
        let mut copied = 0;
        let mut requoted = false;
        if let Some((_, value)) =
            match_key_line(line).filter(|(_, v)| needs_quotes(&line[v.clone()]))
        {
            // Key, colon and spaces as they were, then the value quoted.
            for (i, ch) in line[..value.start].char_indices() {
                push(&mut text, ch.encode_utf8(&mut [0; 4]), line_start + i);
            }
            push(&mut text, "\"", line_start + value.start);
            for (i, ch) in line[value.clone()].char_indices() {
                let at = line_start + value.start + i;
                match ch {
                    '\\' => push(&mut text, "\\\\", at),
                    '"' => push(&mut text, "\\\"", at),
                    _ => push(&mut text, ch.encode_utf8(&mut [0; 4]), at),
                }
            }
            push(&mut text, "\"", line_start + line.len());
            copied = line.len();
            requoted = true;
            rewrites.push(Rewrite {
                line: line_start..line_start + line.len(),
                value: Some(line_start + value.start..line_start + value.end),
                kind: RewriteKind::Requoted,
            });
        }
        if !requoted {
            let tabs = line.bytes().take_while(|&b| b == b'\t').count();
            for i in 0..tabs {
                push(&mut text, "  ", line_start + i);
            }
            if tabs > 0 {
                rewrites.push(Rewrite {
                    line: line_start..line_start + line.len(),
                    value: None,
                    kind: RewriteKind::Tabs,
                });
            }
            copied = tabs;
        }
        // `/^\t+/gm`: in JavaScript `^` also follows a lone CR, U+2028 and U+2029.
        let mut after_break = false;
        for (i, ch) in line[copied..].char_indices() {
            let at = line_start + copied + i;
            if ch == '\t' && after_break && !requoted {
                push(&mut text, "  ", at);
                continue;
            }
            after_break =
                matches!(ch, '\r' | '\u{2028}' | '\u{2029}') || (after_break && ch == '\t');
            push(&mut text, ch.encode_utf8(&mut [0; 4]), at);
        }
        line_start += line.len() + 1;
    }
    origin.push(yaml_text.len() as u32);
    Requoted {
        text,
        origin,
        rewrites,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_values_with_colons_and_maps_offsets_back() {
        let src = "name: a\ndescription: Use when: \"x\"\\n<example>\ntools: *\n";
        let r = requote(src);
        assert_eq!(
            r.text,
            "name: a\ndescription: \"Use when: \\\"x\\\"\\\\n<example>\"\ntools: \"*\"\n"
        );
        assert_eq!(r.rewrites.len(), 2);
        let i = r.text.find("<example>").unwrap();
        assert_eq!(
            &src[r.original_offset(i)..r.original_offset(i) + 9],
            "<example>"
        );
        let root = yaml::parse(&r.text).unwrap().unwrap();
        assert_eq!(
            root.get("description").unwrap().value.as_str(),
            Some("Use when: \"x\"\\n<example>")
        );
    }

    #[test]
    fn leaves_quoted_lists_and_crlf_alone() {
        assert!(requote("tools: [\"Read\", \"Grep\"]\n").rewrites.is_empty());
        assert!(requote("d: 'a: b'\n").rewrites.is_empty());
        // `(\S.*)$` cannot match before "\r": CRLF lines are never re-quoted.
        assert!(requote("description: Use when: thing\r\n")
            .rewrites
            .is_empty());
    }

    #[test]
    fn replaces_tabs_after_a_lone_cr_too() {
        assert_eq!(requote("a: 1\r\t\tb: 2\n").text, "a: 1\r    b: 2\n");
    }

    #[test]
    fn replaces_leading_tabs() {
        let r = requote("tools:\n\t- Read\n");
        assert_eq!(r.text, "tools:\n  - Read\n");
        assert_eq!(r.rewrites[0].kind, RewriteKind::Tabs);
        assert_eq!(r.original_offset(r.text.find("- Read").unwrap()), 8);
    }
}
