//! Positions: byte offsets (what analysis speaks) to and from line/column pairs in the
//! encoding the client negotiated (UTF-8 or UTF-16), over a ropey rope (the server's
//! documents), and over a `&str` with [`Lines`] (the CLI's outputs, messages, tests).
//!
//! One line-break rule, LSP's: a line ends at `\n`, `\r\n` or a lone `\r` (U+2028 is
//! not a break). [`Lines`] and [`line_bounds`] apply it to a `&str`; ropey is built
//! without its `unicode_lines` feature and with `cr_lines`, which is the same rule, and a
//! test holds the two to the same positions.

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

/// How many bytes of text ropey puts in a full leaf (its `MAX_BYTES`, 984 in ropey 1.6 on
/// 64-bit targets), read off a rope once: ropey does not export it.
fn leaf_bytes() -> usize {
    static LEAF: std::sync::OnceLock<usize> = std::sync::OnceLock::new();
    *LEAF.get_or_init(|| {
        let rope = Rope::from_str(&"a".repeat(1 << 12));
        rope.chunks().next().map_or(1 << 10, str::len)
    })
}

/// Full leaves per piece in [`rope_of`]. Ropey 1.6's builder splits an internal node in
/// two when it already holds 23 children (of 24 at most); 22 leaves, or 23 when the last
/// one is cut short, fill one node without a split.
const PIECE_LEAVES: usize = 22;

/// Where ropey's builder ends a leaf that starts at `start`: a full leaf's worth of
/// bytes, moved back to a character boundary and out of a "\r\n" pair.
fn leaf_end(b: &[u8], start: usize) -> usize {
    let mut end = (start + leaf_bytes()).min(b.len());
    while end < b.len() && ((b[end] & 0xC0) == 0x80 || (b[end - 1] == b'\r' && b[end] == b'\n')) {
        end -= 1;
    }
    end
}

/// A rope of `text`, built compactly. `Rope::from_str` fills every leaf but leaves each
/// internal node about half full (its builder splits a node when it fills), and an
/// internal node costs as much as a leaf: 1.15× the text in all. Built from pieces of
/// [`PIECE_LEAVES`] leaves, each becoming one full node, and appended, the same text
/// costs 1.11× (the benchmark's 200 open documents: README, "Benchmark").
pub fn rope_of(text: &str) -> Rope {
    let b = text.as_bytes();
    let mut rope = Rope::new();
    let mut start = 0;
    while start < b.len() {
        let end = (0..PIECE_LEAVES).fold(start, |end, _| leaf_end(b, end));
        rope.append(Rope::from_str(&text[start..end]));
        start = end;
    }
    rope
}

/// Whether a rope of `chunks` leaves holds so many part-empty ones (an edit may split a
/// leaf in two) that [`rope_of`] would build it with a fifth fewer.
pub fn is_fragmented(rope: &Rope, chunks: usize) -> bool {
    let full = rope.len_bytes().div_ceil(leaf_bytes());
    chunks > full + full / 4 + 1
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
            *rope = rope_of(new_text);
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

/// Where the next line starts after the line that ends at `line_end` (an end
/// [`line_bounds`] gave): past its "\n", "\r\n" or lone "\r"; the text's length when it
/// is the last line.
pub fn next_line_start(text: &str, line_end: usize) -> usize {
    let b = text.as_bytes();
    (line_end..b.len())
        .take(2)
        .find(|&i| break_ends_after(b, i))
        .map_or(text.len(), |i| i + 1)
}

/// The line break the file uses, judged by its first line: what new lines inserted by a
/// fix should end with. Only the first line is read, so this is cheap on large files.
pub fn line_ending(text: &str) -> &'static str {
    match text.find('\n') {
        Some(i) if i > 0 && text.as_bytes()[i - 1] == b'\r' => "\r\n",
        _ => "\n",
    }
}

/// Whether a line break ends just after byte `i`: at a "\n", or at a "\r" not followed by
/// "\n" (a "\r\n" pair ends at its "\n"). The module's one line-break rule, LSP's; ropey,
/// built with `cr_lines` only, breaks the rope's lines by the same rule.
fn break_ends_after(b: &[u8], i: usize) -> bool {
    b[i] == b'\n' || (b[i] == b'\r' && b.get(i + 1) != Some(&b'\n'))
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

/// Places of many offsets of one text, on its [`Lines`], each counted from the previous
/// one when it lies further on the same line: placing every key of a one-line
/// `.mcp.json` stays linear.
pub struct Placer<'a> {
    lines: Lines<'a>,
    last: (usize, Place),
}

impl<'a> Placer<'a> {
    pub fn new(text: &'a str) -> Placer<'a> {
        Placer {
            lines: Lines::new(text),
            last: (0, Place::default()),
        }
    }

    pub fn place(&mut self, offset: usize) -> Place {
        let text = self.lines.text;
        let offset = floor_char_boundary(text, offset);
        let (line, _) = self.lines.line(offset);
        let (from, at) = self.last;
        let p = if at.line as usize == line && from <= offset {
            let between = &text[from..offset];
            Place {
                line: at.line,
                utf8: at.utf8 + between.len() as u32,
                utf16: at.utf16 + between.encode_utf16().count() as u32,
            }
        } else {
            self.lines.place(offset)
        };
        self.last = (offset, p);
        p
    }
}

/// The line index of a text for everything that prints positions or line numbers
/// outside LSP (the CLI's outputs, messages, test rendering): where each line starts,
/// counted on demand as far as the furthest offset asked about, so one query reads only
/// the text before it and many queries read the text once (counting from the start for
/// each would make a file with many diagnostics cost the square of its size).
pub struct Lines<'a> {
    text: &'a str,
    /// Line starts found so far, and the first byte not yet scanned.
    starts: std::cell::RefCell<(Vec<usize>, usize)>,
}

impl<'a> Lines<'a> {
    pub fn new(text: &'a str) -> Lines<'a> {
        Lines {
            text,
            starts: std::cell::RefCell::new((vec![0], 0)),
        }
    }

    /// The 0-based line holding `offset` (clamped to the text) and where it starts.
    fn line(&self, offset: usize) -> (usize, usize) {
        let offset = offset.min(self.text.len());
        let b = self.text.as_bytes();
        let mut guard = self.starts.borrow_mut();
        let (starts, scanned) = &mut *guard;
        // A break ending exactly at `offset` starts the line `offset` is on.
        while *scanned < offset {
            match memchr::memchr2(b'\n', b'\r', &b[*scanned..offset]) {
                Some(i) => {
                    let at = *scanned + i;
                    if break_ends_after(b, at) {
                        starts.push(at + 1);
                    }
                    *scanned = at + 1;
                }
                None => *scanned = offset,
            }
        }
        let i = starts.partition_point(|&s| s <= offset) - 1;
        (i, starts[i])
    }

    /// One-based line number of `offset`, for messages.
    pub fn line_no(&self, offset: usize) -> usize {
        self.line(offset).0 + 1
    }

    /// Zero-based line and column of `offset` (rounded down to a character boundary),
    /// the column counted in `enc`: what `position_of` gives over a rope of the text.
    pub fn position(&self, offset: usize, enc: Encoding) -> LineCol {
        self.place(offset).in_encoding(enc)
    }

    /// Where `offset` is, in both encodings a client may negotiate: what an index keeps
    /// for files that are not open (their text is not kept).
    pub fn place(&self, offset: usize) -> Place {
        let offset = floor_char_boundary(self.text, offset);
        let (line, start) = self.line(offset);
        let before = &self.text[start..offset];
        Place {
            line: line as u32,
            utf8: before.len() as u32,
            utf16: before.encode_utf16().count() as u32,
        }
    }

    /// One-based line and column (in characters) of `offset`, as compilers print them.
    pub fn human(&self, offset: usize) -> (usize, usize) {
        let offset = floor_char_boundary(self.text, offset);
        let (line, start) = self.line(offset);
        (line + 1, self.text[start..offset].chars().count() + 1)
    }

    /// The bytes of the line holding `offset`, without its line break: [`line_bounds`].
    pub fn line_range(&self, offset: usize) -> Range<usize> {
        line_bounds(self.text, offset)
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
    fn next_line_starts_past_each_kind_of_break() {
        for (text, want) in [
            ("a\nb", 2),
            ("a\r\nb", 3),
            ("a\rb", 2),
            ("a", 1),
            ("a\n", 2),
        ] {
            let end = line_bounds(text, 0).end;
            assert_eq!(next_line_start(text, end), want, "{text:?}");
        }
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
        assert_eq!(Lines::new("a\r\nb\rc\nd").human(6), (3, 2));
    }

    #[test]
    fn lines_agree_with_the_rope_in_both_encodings() {
        let text = "\u{feff}a\r\nb😀c\rd\n\ne\r\r\n名\u{2028}x\r";
        let rope = Rope::from_str(text);
        for enc in [Encoding::Utf8, Encoding::Utf16] {
            // A fresh index per offset (one query scans the prefix) and one shared by
            // all (extended as it goes) must both agree with ropey's index.
            let shared = Lines::new(text);
            for o in 0..=text.len() + 2 {
                let want = position_of(&rope, o, enc);
                assert_eq!(Lines::new(text).position(o, enc), want, "{o} {enc:?}");
                assert_eq!(shared.position(o, enc), want, "{o} {enc:?}");
            }
            // Asked about out of order, after a far offset extended the index.
            for o in (0..=text.len()).rev() {
                assert_eq!(shared.position(o, enc), position_of(&rope, o, enc));
            }
        }
        let lines = Lines::new(text);
        assert_eq!(lines.human(6), (2, 1));
        assert_eq!(lines.human(11), (2, 3), "after the emoji: one character");
        assert_eq!(lines.line_no(text.len()), 8);
    }

    #[test]
    fn line_bounds_break_at_lf_crlf_and_lone_cr_alike() {
        let text = "a\r\nb😀c\rd\n\ne";
        let lines = Lines::new(text);
        for o in 0..=text.len() {
            let r = line_bounds(text, o);
            let col = lines.position(o, Encoding::Utf8).col as usize;
            assert_eq!(r.start, floor_char_boundary(text, o) - col, "{o}");
            assert_eq!(r, lines.line_range(o), "{o}");
        }
        assert_eq!(&text[line_bounds(text, 2)], "a", "between \\r and \\n");
        assert_eq!(&text[line_bounds(text, 9)], "b😀c");
        assert_eq!(&text[line_bounds(text, 10)], "d", "right after a lone \\r");
        assert_eq!(&text[line_bounds(text, 12)], "");
    }

    #[test]
    fn compact_ropes_hold_the_same_text_and_lines() {
        let lf = "name: a\nline of text 😀 名\n".repeat(4000);
        let texts = [
            String::new(),
            "a".to_string(),
            lf.clone(),
            lf.replace('\n', "\r\n"),
            lf.replace('\n', "\r"),
            "😀\r\n".repeat(30_000),
            "\r\n".repeat(40_000),
        ];
        for text in &texts {
            let (compact, plain) = (rope_of(text), Rope::from_str(text));
            compact.assert_integrity();
            compact.assert_invariants();
            assert_eq!(compact.to_string(), *text);
            assert_eq!(compact.len_lines(), plain.len_lines());
            assert!(compact.chunks().count() <= plain.chunks().count() + 1);
            assert!(!is_fragmented(&compact, compact.chunks().count()));
            for o in (0..=text.len()).step_by(997) {
                let enc = Encoding::Utf16;
                assert_eq!(position_of(&compact, o, enc), position_of(&plain, o, enc));
            }
        }
    }

    #[test]
    fn edits_fragment_a_rope_until_it_is_rebuilt() {
        let text = "x".repeat(200_000);
        let mut rope = rope_of(&text);
        for i in 0..200 {
            rope.insert(i * 997, "y");
        }
        assert!(is_fragmented(&rope, rope.chunks().count()));
        let rebuilt = rope_of(&rope.to_string());
        assert!(!is_fragmented(&rebuilt, rebuilt.chunks().count()));
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
