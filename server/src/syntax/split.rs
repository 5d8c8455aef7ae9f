//! Finds the frontmatter block exactly as Claude Code does: the regular expression
//! `^---\s*\n([\s\S]*?)---\s*\n?` over the whole file after a leading BOM is dropped.
//! The closing fence is the FIRST `---` after the opening one, anywhere, even inside a
//! value; a blank line before the opening fence means there is no frontmatter at all.

use std::ops::Range;

/// Where the frontmatter and body lie in the file. All ranges are byte ranges of the
/// original text (BOM included).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Split {
    /// The opening `---` fence.
    pub open_fence: Range<usize>,
    /// The YAML text between the fences (group 1 of the loader's regex).
    pub yaml: Range<usize>,
    /// The closing `---` as the loader finds it.
    pub close_fence: Range<usize>,
    /// Everything after the match: the system prompt (the loader trims it).
    pub body: Range<usize>,
    /// Set when the closing `---` the loader takes is not a fence line of its own: it
    /// sits inside a line (usually a value), so the rest of the frontmatter became body.
    /// Holds where a line-anchored reading would have closed the block, if anywhere.
    pub closes_inside_line: Option<Option<Range<usize>>>,
}

/// JavaScript's `\s`, which the loader's regex uses.
pub fn is_js_space(c: char) -> bool {
    matches!(
        c,
        '\t' | '\n' | '\u{0B}' | '\u{0C}' | '\r' | ' ' | '\u{A0}' | '\u{1680}' | '\u{2000}'
            ..='\u{200A}'
                | '\u{2028}'
                | '\u{2029}'
                | '\u{202F}'
                | '\u{205F}'
                | '\u{3000}'
                | '\u{FEFF}'
    )
}

/// Length in bytes of the run of JS whitespace starting at `from`.
fn space_run(text: &str, from: usize) -> usize {
    text[from..]
        .char_indices()
        .find(|&(_, c)| !is_js_space(c))
        .map_or(text.len() - from, |(i, _)| i)
}

/// The number of bytes of a leading BOM (0 or 3).
pub fn bom_len(text: &str) -> usize {
    if text.starts_with('\u{FEFF}') {
        3
    } else {
        0
    }
}

/// Splits a file into frontmatter and body, or returns None when the loader sees no
/// frontmatter.
pub fn split(text: &str) -> Option<Split> {
    let start = bom_len(text);
    if !text[start..].starts_with("---") {
        return None;
    }
    let after_open = start + 3;
    // `\s*\n`: the greedy run of whitespace backtracks to its last newline.
    let run = space_run(text, after_open);
    let last_nl = text[after_open..after_open + run].rfind('\n')?;
    let yaml_start = after_open + last_nl + 1;
    // `([\s\S]*?)---`: the first `---` after that point, wherever it is.
    let close = yaml_start + text[yaml_start..].find("---")?;
    let after_close = close + 3;
    let body_start = after_close + space_run(text, after_close);

    let closes_inside_line =
        (!is_fence_line(text, close)).then(|| line_anchored_close(text, after_close));

    Some(Split {
        open_fence: start..after_open,
        yaml: yaml_start..close,
        close_fence: close..after_close,
        body: body_start..text.len(),
        closes_inside_line,
    })
}

/// Whether the `---` at `at` stands alone on its line (spaces and tabs may follow it).
/// Reads only as far as the first other character, so long lines cost nothing.
fn is_fence_line(text: &str, at: usize) -> bool {
    let line_start = at == 0 || matches!(text.as_bytes()[at - 1], b'\n' | b'\r');
    line_start
        && text.as_bytes()[at + 3..]
            .iter()
            .find(|&&b| b != b' ' && b != b'\t')
            .is_none_or(|&b| b == b'\n' || b == b'\r')
}

/// The first `---` after `from` that stands alone on its line (spaces and tabs allowed
/// after it): where a human reading the file thinks the frontmatter ends.
fn line_anchored_close(text: &str, from: usize) -> Option<Range<usize>> {
    let mut at = from;
    while let Some(i) = text[at..].find("---") {
        let s = at + i;
        if is_fence_line(text, s) {
            return Some(s..s + 3);
        }
        at = s + 3;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn yaml_of(text: &str) -> Option<&str> {
        split(text).map(|s| &text[s.yaml])
    }

    #[test]
    fn plain_block() {
        let t = "---\nname: a\n---\nbody\n";
        let s = split(t).unwrap();
        assert_eq!(&t[s.yaml.clone()], "name: a\n");
        assert_eq!(&t[s.body.clone()], "body\n");
        assert_eq!(s.closes_inside_line, None);
    }

    #[test]
    fn bom_crlf_and_blank_lines_after_the_opening_fence() {
        assert_eq!(
            yaml_of("\u{feff}---\r\nname: a\r\n---\r\n"),
            Some("name: a\r\n")
        );
        assert_eq!(yaml_of("---  \n\n  name: a\n---"), Some("  name: a\n"));
    }

    #[test]
    fn no_frontmatter_cases() {
        assert_eq!(yaml_of("\n---\nname: a\n---\n"), None, "blank line first");
        assert_eq!(yaml_of(" ---\nname: a\n---\n"), None, "space first");
        assert_eq!(yaml_of("----\nname: a\n---\n"), None, "four dashes");
        assert_eq!(yaml_of("--- x\nname: a\n---\n"), None, "text after fence");
        assert_eq!(yaml_of("---\nname: a\n"), None, "unterminated");
        assert_eq!(yaml_of("# Title\n"), None);
    }

    #[test]
    fn closes_at_the_first_dashes_even_inside_a_value() {
        let t = "---\nname: a\ndescription: splits on --- markers\ntools: Read\n---\nbody";
        let s = split(t).unwrap();
        assert_eq!(&t[s.yaml.clone()], "name: a\ndescription: splits on ");
        assert_eq!(&t[s.body.clone()], "markers\ntools: Read\n---\nbody");
        let real = s.closes_inside_line.clone().unwrap().unwrap();
        assert_eq!(&t[real.start..], "---\nbody");
    }

    #[test]
    fn empty_frontmatter() {
        assert_eq!(yaml_of("---\n---\n"), Some(""));
    }
}
