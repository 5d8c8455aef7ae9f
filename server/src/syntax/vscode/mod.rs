//! Reading a Copilot file's header the way VS Code 1.139 does (`promptFileParser.ts`
//! and `src/vs/base/common/yaml.ts`): the header is the lines between a first line
//! that is `---` and the next line that is `---` (trailing spaces allowed), or the
//! rest of the file when there is none; its YAML is read by VS Code's own lenient
//! reader, which never rejects a header: it reports errors and keeps reading.

mod parse;
mod scan;

use super::split::Split;
use super::Node;
use std::ops::Range;

/// An error VS Code's reader reports in the header (a red marker there).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    /// File bytes.
    pub span: Range<usize>,
    pub message: String,
}

/// The header as VS Code reads it.
pub struct Header {
    pub split: Split,
    /// The top-level node; None for an empty header.
    pub root: Option<Node>,
    pub problems: Vec<Problem>,
}

/// VS Code's split and reading of `text`; None when the first line is not `---`.
pub fn read(text: &str) -> Option<Header> {
    let split = split(text)?;
    let base = split.yaml.start;
    let (mut root, mut problems) = parse::Parser::parse(&text[split.yaml.clone()]);
    if let Some(r) = root.as_mut() {
        r.shift(&|o| o + base);
    }
    for p in &mut problems {
        p.span = p.span.start + base..p.span.end + base;
    }
    if root.as_ref().is_some_and(|r| r.entries().is_none()) {
        problems.push(Problem {
            span: split.yaml.clone(),
            message: "Invalid header, expecting <key: value> pairs".into(),
        });
    }
    Some(Header {
        split,
        root,
        problems,
    })
}

/// The lines of `text` with their line breaks (`\r\n`, `\r` or `\n`), as byte ranges.
fn lines(text: &str) -> impl Iterator<Item = Range<usize>> + '_ {
    let bytes = text.as_bytes();
    let mut at = 0;
    std::iter::from_fn(move || {
        if at >= bytes.len() {
            return None;
        }
        let start = at;
        while at < bytes.len() && bytes[at] != b'\n' && bytes[at] != b'\r' {
            at += 1;
        }
        if at < bytes.len() {
            at += if bytes[at] == b'\r' && bytes.get(at + 1) == Some(&b'\n') {
                2
            } else {
                1
            };
        }
        Some(start..at)
    })
}

/// `/^---[\s\r\n]*$/` on a line with its break: `---` and then only whitespace.
fn is_fence(line: &str) -> bool {
    line.strip_prefix("---")
        .is_some_and(|rest| rest.chars().all(super::split::is_js_space))
}

/// VS Code's header split. VS Code reads the file without its BOM.
fn split(text: &str) -> Option<Split> {
    let bom = super::split::bom_len(text);
    let mut lines = lines(&text[bom..]).map(|r| r.start + bom..r.end + bom);
    let open = lines.next().filter(|l| is_fence(&text[l.clone()]))?;
    let yaml_start = open.end;
    let close = lines.find(|l| is_fence(&text[l.clone()]));
    let (yaml_end, close_fence, body) = match close {
        Some(c) => (c.start, c.start..c.start + 3, c.end..text.len()),
        None => (text.len(), text.len()..text.len(), text.len()..text.len()),
    };
    Some(Split {
        open_fence: open.start..open.start + 3,
        yaml: yaml_start..yaml_end,
        close_fence,
        body,
        closes_inside_line: None,
    })
}

#[cfg(test)]
mod tests;
