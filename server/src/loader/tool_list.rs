//! The loader's splitter for `tools`, `disallowedTools` and `skills` (spec §4.3).

use crate::syntax::split::is_js_space;
use crate::syntax::{Node, NodeKind, Value};
use std::ops::Range;

/// The effective `tools` of an agent.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ToolList {
    /// The key is absent or lists `*`: every tool available to subagents.
    All,
    /// Exactly these names, as the loader split them (unknown names included; empty
    /// means no tools at all).
    Some(Vec<String>),
}

impl ToolList {
    pub fn from_names(names: Vec<String>) -> ToolList {
        if names.iter().any(|n| n == "*") {
            ToolList::All
        } else {
            ToolList::Some(names)
        }
    }
}

/// `s` trimmed as JavaScript's `trim` does (its whitespace is the `\s` of the loader's
/// regexes, U+FEFF included, which Rust's `trim` keeps). The loader trims tool names and
/// the model this way: the 2.1.332 client resolves `tools: \u{FEFF}Read, Grep\u{FEFF}` to
/// Read and Grep.
pub fn js_trim(s: &str) -> &str {
    s.trim_matches(is_js_space)
}

/// Splits one string: outside parentheses a `,` or a space ends a name; `(` sets and `)`
/// clears an "inside" flag (a flag, not a depth counter). Yields byte ranges of `s`,
/// trimmed, empty names dropped. An iterator: a list of 100,000 one-name items is split
/// on every keystroke, by the loader, the rules and the index.
pub fn split_ranges(s: &str) -> Names<'_> {
    Names {
        s,
        pos: 0,
        inside: false,
    }
}

/// The names of one string ([`split_ranges`]). The separators and parentheses are ASCII,
/// so the string is scanned by bytes.
pub struct Names<'a> {
    s: &'a str,
    /// Where the next name starts; past the end once the last one is given.
    pos: usize,
    inside: bool,
}

impl Iterator for Names<'_> {
    type Item = Range<usize>;

    fn next(&mut self) -> Option<Range<usize>> {
        let bytes = self.s.as_bytes();
        while self.pos <= bytes.len() {
            let start = self.pos;
            let mut end = bytes.len();
            for (i, &b) in bytes.iter().enumerate().skip(start) {
                match b {
                    b'(' => self.inside = true,
                    b')' => self.inside = false,
                    b',' | b' ' if !self.inside => {
                        end = i;
                        break;
                    }
                    _ => {}
                }
            }
            self.pos = end + 1;
            let piece = &self.s[start..end];
            let lead = piece.len() - piece.trim_start_matches(is_js_space).len();
            let len = js_trim(piece).len();
            if len > 0 {
                return Some(start + lead..start + lead + len);
            }
        }
        None
    }
}

pub fn split_names(s: &str) -> Vec<String> {
    split_ranges(s).map(|r| s[r].to_string()).collect()
}

/// The names of a non-null value: a string is split; a list keeps its string items (each
/// split); any other falsy or non-list value gives no names.
pub fn list_of(node: &Node) -> Vec<String> {
    match &node.kind {
        NodeKind::Seq { items, .. } => items
            .iter()
            .filter_map(Node::as_str)
            .flat_map(split_names)
            .collect(),
        _ => match node.scalar() {
            Some(Value::Str(s)) => split_names(s),
            _ => Vec::new(),
        },
    }
}

/// One name written in a tool list, with where it stands in the file. Borrowed from the
/// tree: a list can hold 100,000 names.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NameAt<'a> {
    pub name: &'a str,
    /// Byte range of the name in the file when it can be found verbatim, else the
    /// range of the scalar holding it.
    pub range: Range<usize>,
    /// Whether `range` holds the name verbatim (else it is the scalar's range).
    pub verbatim: bool,
}

impl NameAt<'_> {
    /// The file range of `name[part]`: exact when the name is written verbatim, else
    /// the whole range (a folded or escaped scalar has no byte-for-byte counterpart).
    pub fn part(&self, part: Range<usize>) -> Range<usize> {
        if self.verbatim && part.end <= self.range.len() {
            self.range.start + part.start..self.range.start + part.end
        } else {
            self.range.clone()
        }
    }
}

/// Every name of a tool-list value with its file range.
pub fn names_at<'a>(node: &'a Node, text: &str) -> Vec<NameAt<'a>> {
    let scalars: Vec<&Node> = match &node.kind {
        NodeKind::Seq { items, .. } => items.iter().filter(|n| n.as_str().is_some()).collect(),
        _ if node.as_str().is_some() => vec![node],
        _ => Vec::new(),
    };
    let mut out = Vec::new();
    for n in scalars {
        let Some(value) = n.as_str() else { continue };
        let src = text.get(n.span.clone()).unwrap_or_default();
        // A plain scalar on one line is its source: its ranges are the file's.
        let same = src == value;
        let mut cursor = 0;
        for r in split_ranges(value) {
            let name = &value[r.clone()];
            let found = if same {
                Some(r.start - cursor)
            } else {
                src[cursor..].find(name)
            };
            let (range, verbatim) = match found {
                Some(i) => {
                    let s = n.span.start + cursor + i;
                    cursor += i + name.len();
                    (s..s + name.len(), true)
                }
                None => (n.span.clone(), false),
            };
            out.push(NameAt {
                name,
                range,
                verbatim,
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_like_the_loader() {
        assert_eq!(split_names("Read Grep"), ["Read", "Grep"]);
        assert_eq!(split_names("Read, Grep,,"), ["Read", "Grep"]);
        assert_eq!(
            split_names("Agent(worker, researcher), Read, Bash(git log:*)"),
            ["Agent(worker, researcher)", "Read", "Bash(git log:*)"]
        );
        assert_eq!(split_names("mcp__s__{a,b}"), ["mcp__s__{a", "b}"]);
        // A flag, not a counter: the first `)` ends the inside.
        assert_eq!(split_names("A((b c) d)"), ["A((b c)", "d)"]);
    }

    #[test]
    fn lists_and_stars() {
        let root = crate::syntax::yaml::parse("a: [Read, \"Grep Glob\", 3]\nb: '*'\n")
            .unwrap()
            .unwrap();
        assert_eq!(
            list_of(&root.get("a").unwrap().value),
            ["Read", "Grep", "Glob"]
        );
        assert_eq!(
            ToolList::from_names(list_of(&root.get("b").unwrap().value)),
            ToolList::All
        );
    }
}
