//! Positions: byte offsets (what analysis speaks) to and from line/column pairs in the
//! encoding the client negotiated (UTF-8 or UTF-16), over a ropey rope.
//!
//! The rope is built without ropey's `unicode_lines` feature, so lines break only at
//! `\n`, `\r\n` and a lone `\r` — exactly the LSP definition (U+2028 is not a break).

use ropey::Rope;
use std::ops::Range;

/// How the client counts columns.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Encoding {
    Utf8,
    #[default]
    Utf16,
}

/// A zero-based line and a column counted in the negotiated encoding.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct LineCol {
    pub line: u32,
    pub col: u32,
}

/// The byte offset where `line` ends, not counting its line break.
fn line_content_end(rope: &Rope, line: usize) -> usize {
    let start = rope.line_to_byte(line);
    let slice = rope.line(line);
    let mut len = slice.len_bytes();
    // Strip a trailing "\r\n", "\n" or lone "\r".
    if len > 0 && slice.byte(len - 1) == b'\n' {
        len -= 1;
    }
    if len > 0 && slice.byte(len - 1) == b'\r' {
        len -= 1;
    }
    start + len
}

/// Byte offset of a line/column, clamped: a line past the end means the end of the text,
/// a column past the end of its line means the end of that line, and a column inside a
/// multi-unit character rounds down to the character's start.
pub fn offset_of(rope: &Rope, pos: LineCol, enc: Encoding) -> usize {
    let line = pos.line as usize;
    if line >= rope.len_lines() {
        return rope.len_bytes();
    }
    let start = rope.line_to_byte(line);
    let end = line_content_end(rope, line);
    let mut units = 0usize;
    let want = pos.col as usize;
    for (off, ch) in rope.byte_slice(start..end).chars().scan(start, |at, ch| {
        let here = *at;
        *at += ch.len_utf8();
        Some((here, ch))
    }) {
        let w = match enc {
            Encoding::Utf8 => ch.len_utf8(),
            Encoding::Utf16 => ch.len_utf16(),
        };
        if units + w > want {
            return off;
        }
        units += w;
    }
    end
}

/// Line/column of a byte offset (clamped to the text, rounded down to a char boundary).
pub fn position_of(rope: &Rope, offset: usize, enc: Encoding) -> LineCol {
    let mut offset = offset.min(rope.len_bytes());
    // ropey panics on offsets inside a char: walk back to the boundary.
    let char_idx = rope.byte_to_char(offset);
    offset = rope.char_to_byte(char_idx);
    let line = rope.byte_to_line(offset);
    let line_start = rope.line_to_byte(line);
    let col = match enc {
        Encoding::Utf8 => offset - line_start,
        Encoding::Utf16 => {
            let c0 = rope.line_to_char(line);
            rope.char_to_utf16_cu(char_idx) - rope.char_to_utf16_cu(c0)
        }
    };
    LineCol {
        line: line as u32,
        col: col as u32,
    }
}

/// Applies one edit given as a line/column range (or the whole text when `range` is
/// None), returning the byte range that was replaced.
pub fn apply_edit(
    rope: &mut Rope,
    range: Option<(LineCol, LineCol)>,
    new_text: &str,
    enc: Encoding,
) -> Range<usize> {
    match range {
        None => {
            let old = rope.len_bytes();
            *rope = Rope::from_str(new_text);
            0..old
        }
        Some((start, end)) => {
            let mut s = offset_of(rope, start, enc);
            let mut e = offset_of(rope, end, enc);
            if e < s {
                std::mem::swap(&mut s, &mut e);
            }
            let cs = rope.byte_to_char(s);
            let ce = rope.byte_to_char(e);
            rope.remove(cs..ce);
            rope.insert(cs, new_text);
            s..e
        }
    }
}

/// `offset` moved back to the start of the character it falls in (clamped to the text).
pub fn floor_char_boundary(text: &str, offset: usize) -> usize {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

/// `offset` on a char boundary, and out of the middle of a "\r\n" pair (an offset
/// there belongs to the line the pair ends).
fn in_line(text: &str, offset: usize) -> usize {
    let offset = floor_char_boundary(text, offset);
    let b = text.as_bytes();
    if offset > 0 && b[offset - 1] == b'\r' && b.get(offset) == Some(&b'\n') {
        offset - 1
    } else {
        offset
    }
}

/// The bytes of the line holding `offset`, without its line break, by the one rule of
/// this module: a line ends at "\n", "\r\n" or a lone "\r". Reads only that line.
pub fn line_bounds(text: &str, offset: usize) -> Range<usize> {
    let offset = in_line(text, offset);
    let start = text[..offset].rfind(['\n', '\r']).map_or(0, |i| i + 1);
    let end = text[offset..]
        .find(['\n', '\r'])
        .map_or(text.len(), |i| offset + i);
    start..end
}

/// The line break the file uses, judged by its first line: what new lines inserted by a
/// fix should end with. Only the first line is read, so this is cheap on large files.
pub fn line_ending(text: &str) -> &'static str {
    match text.find('\n') {
        Some(i) if i > 0 && text.as_bytes()[i - 1] == b'\r' => "\r\n",
        _ => "\n",
    }
}

/// One-based line and column (in characters) for command-line output, computed on a
/// plain string: how compilers report positions.
pub fn human_position(text: &str, offset: usize) -> (usize, usize) {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &text[..offset];
    let line_start = before.rfind(['\n', '\r']).map_or(0, |i| i + 1);
    // A "\r\n" pair is one break; a lone "\r" is a break of its own, as in LSP.
    let line = before.matches('\n').count()
        + before
            .char_indices()
            .filter(|&(i, c)| c == '\r' && text.as_bytes().get(i + 1) != Some(&b'\n'))
            .count();
    (line + 1, before[line_start..].chars().count() + 1)
}

/// A position in both encodings: its line and its column in UTF-8 and in UTF-16 units.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Place {
    pub line: u32,
    pub utf8: u32,
    pub utf16: u32,
}

impl Place {
    pub fn in_encoding(self, enc: Encoding) -> LineCol {
        let col = match enc {
            Encoding::Utf8 => self.utf8,
            Encoding::Utf16 => self.utf16,
        };
        LineCol {
            line: self.line,
            col,
        }
    }
}

/// Places of many offsets of one text, each counted from the previous one when it lies
/// further on the same line: placing every key of a one-line `.mcp.json` stays linear.
pub struct Placer<'a> {
    text: &'a str,
    lines: LineStarts,
    last: (usize, Place),
}

impl<'a> Placer<'a> {
    pub fn new(text: &'a str) -> Placer<'a> {
        Placer {
            text,
            lines: LineStarts::new(text),
            last: (0, Place::default()),
        }
    }

    pub fn place(&mut self, offset: usize) -> Place {
        let mut offset = offset.min(self.text.len());
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        let (line, _) = self.lines.line(offset);
        let (from, at) = self.last;
        let p = if at.line as usize == line && from <= offset {
            let between = &self.text[from..offset];
            Place {
                line: at.line,
                utf8: at.utf8 + between.len() as u32,
                utf16: at.utf16 + between.encode_utf16().count() as u32,
            }
        } else {
            self.lines.place(self.text, offset)
        };
        self.last = (offset, p);
        p
    }
}

/// Where each line starts, for many human positions in one text (the CLI prints one or
/// two per diagnostic; rescanning from the start each time is quadratic).
pub struct LineStarts(Vec<usize>);

impl LineStarts {
    pub fn new(text: &str) -> LineStarts {
        let b = text.as_bytes();
        let mut starts = vec![0];
        for (i, &c) in b.iter().enumerate() {
            // "\r\n" is one break, a lone "\r" another, as in LSP.
            if c == b'\n' || (c == b'\r' && b.get(i + 1) != Some(&b'\n')) {
                starts.push(i + 1);
            }
        }
        LineStarts(starts)
    }

    /// The 0-based line holding `offset` and where that line starts.
    fn line(&self, offset: usize) -> (usize, usize) {
        let i = self.0.partition_point(|&s| s <= offset).saturating_sub(1);
        (i, self.0[i])
    }

    /// One-based line and column (in characters), as [`human_position`] gives them.
    pub fn human(&self, text: &str, offset: usize) -> (usize, usize) {
        let mut offset = offset.min(text.len());
        while !text.is_char_boundary(offset) {
            offset -= 1;
        }
        let (line, start) = self.line(offset);
        (line + 1, text[start..offset].chars().count() + 1)
    }

    /// Where `offset` is, in both encodings a client may negotiate: what an index keeps
    /// for files that are not open (their text is not kept).
    pub fn place(&self, text: &str, offset: usize) -> Place {
        let mut offset = offset.min(text.len());
        while !text.is_char_boundary(offset) {
            offset -= 1;
        }
        let (line, start) = self.line(offset);
        let before = &text[start..offset];
        Place {
            line: line as u32,
            utf8: before.len() as u32,
            utf16: before.encode_utf16().count() as u32,
        }
    }

    /// The bytes of the line holding `offset`, without its line break.
    pub fn line_range(&self, text: &str, offset: usize) -> Range<usize> {
        let (line, start) = self.line(offset.min(text.len()));
        let mut end = self.0.get(line + 1).copied().unwrap_or(text.len());
        let b = text.as_bytes();
        if end > start && b[end - 1] == b'\n' {
            end -= 1;
        }
        if end > start && b[end - 1] == b'\r' {
            end -= 1;
        }
        start..end
    }
}

/// A [`LineStarts`] built on first use, for code that may need many line numbers in one
/// text or none at all: counting from the start for each would make a file with many
/// diagnostics cost the square of its size.
pub struct LazyLines<'a> {
    text: &'a str,
    starts: std::cell::OnceCell<LineStarts>,
}

impl<'a> LazyLines<'a> {
    pub fn new(text: &'a str) -> LazyLines<'a> {
        LazyLines {
            text,
            starts: std::cell::OnceCell::new(),
        }
    }

    /// One-based line number of `offset`, as [`human_position`] gives it.
    pub fn line_no(&self, offset: usize) -> usize {
        let starts = self.starts.get_or_init(|| LineStarts::new(self.text));
        starts.line(offset.min(self.text.len())).0 + 1
    }
}

/// The full source line containing `offset`, without its line break.
pub fn line_around(text: &str, offset: usize) -> &str {
    &text[line_bounds(text, offset)]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lc(line: u32, col: u32) -> LineCol {
        LineCol { line, col }
    }

    #[test]
    fn emoji_columns_differ_by_encoding() {
        let rope = Rope::from_str("a😀b\nx");
        // 😀 is 4 bytes, 2 UTF-16 units.
        assert_eq!(offset_of(&rope, lc(0, 3), Encoding::Utf16), 5);
        assert_eq!(offset_of(&rope, lc(0, 5), Encoding::Utf8), 5);
        assert_eq!(position_of(&rope, 5, Encoding::Utf16), lc(0, 3));
        assert_eq!(position_of(&rope, 5, Encoding::Utf8), lc(0, 5));
        // A column inside the surrogate pair rounds down to the emoji's start.
        assert_eq!(offset_of(&rope, lc(0, 2), Encoding::Utf16), 1);
    }

    #[test]
    fn cjk_and_clamping() {
        let rope = Rope::from_str("名前: 値\nnext");
        assert_eq!(offset_of(&rope, lc(0, 4), Encoding::Utf16), 3 * 2 + 2);
        // Past the end of a line: the end of that line, not the next line.
        assert_eq!(
            offset_of(&rope, lc(0, 99), Encoding::Utf16),
            "名前: 値".len()
        );
        // Past the last line: the end of the text.
        assert_eq!(
            offset_of(&rope, lc(9, 0), Encoding::Utf16),
            rope.len_bytes()
        );
        assert_eq!(position_of(&rope, 10_000, Encoding::Utf16), lc(1, 4));
    }

    #[test]
    fn crlf_and_lone_cr_are_single_breaks() {
        let rope = Rope::from_str("a\r\nb\rc\nd");
        assert_eq!(rope.len_lines(), 4);
        assert_eq!(offset_of(&rope, lc(1, 0), Encoding::Utf16), 3);
        assert_eq!(offset_of(&rope, lc(2, 0), Encoding::Utf16), 5);
        assert_eq!(
            offset_of(&rope, lc(0, 5), Encoding::Utf16),
            1,
            "clamped before \\r\\n"
        );
        assert_eq!(position_of(&rope, 6, Encoding::Utf8), lc(2, 1));
        assert_eq!(human_position("a\r\nb\rc\nd", 6), (3, 2));
    }

    #[test]
    fn line_starts_agree_with_human_position() {
        let text = "a\r\nb😀c\rd\n\ne";
        let starts = LineStarts::new(text);
        // (An offset between the "\r" and "\n" of a pair is inside one line break.)
        let inside_crlf = |o: usize| {
            o > 0 && text.as_bytes()[o - 1] == b'\r' && text.as_bytes().get(o) == Some(&b'\n')
        };
        for o in (0..=text.len()).filter(|&o| text.is_char_boundary(o) && !inside_crlf(o)) {
            assert_eq!(starts.human(text, o), human_position(text, o), "offset {o}");
        }
        assert_eq!(&text[starts.line_range(text, 4)], "b😀c");
    }

    #[test]
    fn line_bounds_break_at_lf_crlf_and_lone_cr_alike() {
        let text = "a\r\nb😀c\rd\n\ne";
        let starts = LineStarts::new(text);
        for o in 0..=text.len() {
            let r = line_bounds(text, o);
            assert_eq!(
                r,
                starts.line_range(text, floor_char_boundary(text, o)),
                "{o}"
            );
        }
        assert_eq!(&text[line_bounds(text, 2)], "a", "between \\r and \\n");
        assert_eq!(&text[line_bounds(text, 9)], "b😀c");
        assert_eq!(&text[line_bounds(text, 10)], "d", "right after a lone \\r");
        assert_eq!(&text[line_bounds(text, 12)], "");
    }

    #[test]
    fn line_ending_follows_the_first_line() {
        assert_eq!(line_ending("---\r\nname: a\n"), "\r\n");
        assert_eq!(line_ending("---\nname: a\r\n"), "\n");
        assert_eq!(line_ending("no break"), "\n");
    }

    #[test]
    fn u2028_is_not_a_line_break() {
        let rope = Rope::from_str("a\u{2028}b\nc");
        assert_eq!(rope.len_lines(), 2);
        assert_eq!(position_of(&rope, 4, Encoding::Utf16), lc(0, 2));
    }

    #[test]
    fn bom_is_a_character_of_line_zero() {
        let rope = Rope::from_str("\u{feff}---\n");
        assert_eq!(position_of(&rope, 3, Encoding::Utf16), lc(0, 1));
        assert_eq!(position_of(&rope, 3, Encoding::Utf8), lc(0, 3));
    }

    #[test]
    fn edits_apply_in_either_encoding() {
        let mut rope = Rope::from_str("a😀b\n");
        apply_edit(&mut rope, Some((lc(0, 3), lc(0, 4))), "X", Encoding::Utf16);
        assert_eq!(rope.to_string(), "a😀X\n");
        apply_edit(&mut rope, Some((lc(0, 1), lc(0, 5))), "", Encoding::Utf8);
        assert_eq!(rope.to_string(), "aX\n");
        apply_edit(&mut rope, None, "new", Encoding::Utf8);
        assert_eq!(rope.to_string(), "new");
    }
}
