//! Block (`|`, `>`) and quoted scalars, read as Bun 1.4 reads them. Quirks kept on
//! purpose: a CRLF line break inside a quoted scalar counts as two breaks, and leading
//! blank lines of a block scalar may not be indented deeper than its first line.

use super::scan::{ScalarTok, Tok, TokKind};
use super::{ErrorKind, Failure, Reader, Resolved};
use crate::syntax::yaml::Style;

#[derive(Clone, Copy, PartialEq, Eq)]
enum Chomp {
    Strip,
    Clip,
    Keep,
}

/// The text of a block scalar as it grows line by line.
struct Block {
    text: Vec<u8>,
    newlines: usize,
    content_indent: usize,
    max_leading: usize,
    folded: bool,
    /// Whether the last content line was indented deeper than the content.
    last_more: bool,
    end: usize,
}

impl Block {
    /// `line_start`: `c` is the first content character of its line.
    fn append(&mut self, c: u8, this_more: bool, line_start: bool) -> Result<(), ErrorKind> {
        if self.text.is_empty() && self.content_indent < self.max_leading {
            return Err(ErrorKind::UnexpectedCharacter);
        }
        match (self.folded, self.newlines) {
            (_, 0) => {}
            (_, n) if self.text.is_empty() => self.text.extend(std::iter::repeat_n(b'\n', n)),
            (true, 1) if !self.last_more && !this_more => self.text.push(b' '),
            (true, 1) => self.text.push(b'\n'),
            (true, n) if self.last_more || this_more => {
                self.text.extend(std::iter::repeat_n(b'\n', n))
            }
            (true, n) => self.text.extend(std::iter::repeat_n(b'\n', n - 1)),
            (false, n) => self.text.extend(std::iter::repeat_n(b'\n', n)),
        }
        if line_start {
            self.last_more = this_more;
        }
        self.newlines = 0;
        self.text.push(c);
        Ok(())
    }

    /// Spaces beyond the content indentation at the start of a line are content.
    fn extra_space(&mut self) {
        if self.folded && self.newlines == 0 {
            self.text.push(b' ');
        } else {
            self.text.extend(std::iter::repeat_n(b'\n', self.newlines));
            self.newlines = 0;
            self.text.push(b' ');
        }
        self.last_more = true;
    }

    /// `at_end`: the input ended inside the scalar.
    fn finish(mut self, chomp: Chomp, at_end: bool) -> Vec<u8> {
        // At the end of the input Bun keeps at least one line break.
        if at_end && !self.text.is_empty() {
            self.newlines = self.newlines.max(1);
        }
        match chomp {
            Chomp::Keep => self.text.extend(std::iter::repeat_n(b'\n', self.newlines)),
            Chomp::Clip if !self.text.is_empty() => self.text.push(b'\n'),
            _ => {}
        }
        self.text
    }
}

impl Reader<'_> {
    fn block_header(&mut self) -> Result<(Option<usize>, Chomp), Failure> {
        let (mut indicator, mut chomp) = (None, None);
        loop {
            match self.peek(0) {
                _ if self.pos >= self.src.len() => break,
                d @ b'1'..=b'9' if indicator.is_none() => {
                    indicator = Some((d - b'0') as usize);
                    self.pos += 1;
                }
                b'-' | b'+' if chomp.is_none() => {
                    chomp = Some(if self.peek(0) == b'-' {
                        Chomp::Strip
                    } else {
                        Chomp::Keep
                    });
                    self.pos += 1;
                }
                b' ' | b'\t' => {
                    while matches!(self.peek(0), b' ' | b'\t') && self.pos < self.src.len() {
                        self.pos += 1;
                    }
                    if self.peek(0) == b'#' {
                        while self.pos < self.src.len() && !matches!(self.peek(0), b'\n' | b'\r') {
                            self.pos += 1;
                        }
                    }
                }
                b'\r' | b'\n' => {
                    self.block_break()?;
                    break;
                }
                _ => return Err(self.failure(ErrorKind::UnexpectedCharacter)),
            }
        }
        Ok((indicator, chomp.unwrap_or(Chomp::Clip)))
    }

    pub(super) fn failure(&self, kind: ErrorKind) -> Failure {
        Failure { kind, at: self.pos }
    }

    /// Counts the spaces at the current position and moves past them.
    fn spaces(&mut self) -> usize {
        let from = self.pos;
        while self.peek(0) == b' ' && self.pos < self.src.len() {
            self.pos += 1;
        }
        self.pos - from
    }

    /// A line break inside a block scalar, with the tab check Bun makes after it.
    fn block_break(&mut self) -> Result<(), Failure> {
        if self.peek(0) == b'\r' && self.peek(1) == b'\n' {
            self.pos += 1;
        }
        self.pos += 1;
        self.line_indent = 0;
        self.line += 1;
        if self.peek(0) == b'\t' {
            return Err(self.failure(ErrorKind::UnexpectedCharacter));
        }
        Ok(())
    }

    pub(super) fn scan_block_scalar(&mut self, folded: bool) -> Result<Tok, Failure> {
        let (start, line, indent) = (self.pos, self.line, self.line_indent);
        self.pos += 1;
        let (indicator, chomp) = self.block_header()?;
        let mut b = Block {
            text: Vec::new(),
            newlines: 0,
            content_indent: 0,
            max_leading: 0,
            folded,
            last_more: false,
            end: self.pos.min(self.src.len()),
        };
        let header_end = b.end;
        match indicator {
            Some(n) => {
                b.content_indent = self.block_indents.last().copied().unwrap_or(0) + n;
                self.block_line_start(&mut b)?;
            }
            None => {
                if !self.block_leading(&mut b, line)? {
                    return Ok(self.block_tok(
                        start,
                        line,
                        indent,
                        b.finish(chomp, true),
                        header_end,
                        folded,
                    ));
                }
            }
        }
        self.block_body(&mut b)?;
        // With an indentation indicator, a last line of exactly that many spaces counts
        // as a line of an otherwise empty scalar.
        let at_end = self.pos >= self.src.len();
        let spaces_line = self.line_indent > 0 && self.line_indent >= b.content_indent;
        if at_end && indicator.is_some() && b.text.is_empty() && spaces_line {
            b.newlines += 1;
        }
        let end = b.end.max(header_end);
        let text = b.finish(chomp, self.pos >= self.src.len());
        Ok(self.block_tok(start, line, indent, text, end, folded))
    }

    fn block_tok(
        &self,
        start: usize,
        line: usize,
        indent: usize,
        text: Vec<u8>,
        end: usize,
        folded: bool,
    ) -> Tok {
        Tok {
            kind: TokKind::Scalar(ScalarTok {
                value: super::scan::into_string(text),
                resolved: Resolved::Str,
                style: if folded {
                    Style::Folded
                } else {
                    Style::Literal
                },
            }),
            start,
            end,
            indent,
            line,
            tab_indent: false,
        }
    }

    /// Skips leading blank lines and finds the content indentation from the first
    /// non-blank line; false when the input ends first (the scalar is empty).
    fn block_leading(&mut self, b: &mut Block, header_line: usize) -> Result<bool, Failure> {
        loop {
            match self.peek(0) {
                _ if self.pos >= self.src.len() => {
                    // A last line of spaces counts as a line (not the header's own
                    // compact indentation: `- |+` at the end is empty).
                    if self.line_indent > 0 && self.line > header_line {
                        b.newlines += 1;
                    }
                    return Ok(false);
                }
                b'\r' | b'\n' => {
                    self.block_break()?;
                    b.newlines += 1;
                }
                b' ' => {
                    let n = self.spaces();
                    b.max_leading = b.max_leading.max(n);
                    self.line_indent = n;
                }
                _ => {
                    b.content_indent = self.line_indent;
                    return Ok(true);
                }
            }
        }
    }

    /// At the start of a line (after a break): blank lines, then the indentation of
    /// the next line, whose deeper spaces are content.
    fn block_line_start(&mut self, b: &mut Block) -> Result<(), Failure> {
        loop {
            match self.peek(0) {
                _ if self.pos >= self.src.len() => return Ok(()),
                b'\r' | b'\n' => {
                    self.block_break()?;
                    b.newlines += 1;
                }
                b' ' => {
                    let mut n = 0;
                    while self.peek(0) == b' ' && self.pos < self.src.len() {
                        n += 1;
                        if n > b.content_indent {
                            b.extra_space();
                        }
                        self.pos += 1;
                    }
                    self.line_indent = n;
                    return Ok(());
                }
                _ => return Ok(()),
            }
        }
    }

    fn block_body(&mut self, b: &mut Block) -> Result<(), Failure> {
        loop {
            let c = self.peek(0);
            if self.pos >= self.src.len() {
                return Ok(());
            }
            if matches!(c, b'\r' | b'\n') {
                if c == b'\r' && self.peek(1) == b'\n' {
                    self.pos += 1;
                }
                self.pos += 1;
                self.line_indent = 0;
                self.line += 1;
                b.newlines += 1;
                self.block_line_start(b)?;
                continue;
            }
            if (c == b'-' && self.at_marker(b'-', true))
                || (c == b'.' && self.at_marker(b'.', true))
            {
                return Ok(());
            }
            let ends = self.line_indent < b.content_indent
                || self
                    .block_indents
                    .last()
                    .is_some_and(|&top| self.line_indent <= top);
            if ends {
                // A tab opening the next line counts as its indentation (see `scan`);
                // the scalar ends only at a line's first character, the first line's
                // included.
                self.tab_in_indent = c == b'\t';
                return Ok(());
            }
            // A line whose text starts with a tab is "more indented" too: not folded
            // (the first line as well).
            let line_start = b.newlines > 0 || b.text.is_empty();
            let more = self.line_indent > b.content_indent || (c == b'\t' && line_start);
            b.append(c, more, line_start).map_err(|k| self.failure(k))?;
            self.pos += 1;
            b.end = self.pos;
        }
    }

    /// A quoted scalar's line break: folds following blank lines; the next line must be
    /// indented deeper than the enclosing block.
    fn quoted_break(&mut self, text: &mut Vec<u8>) -> Result<(), Failure> {
        self.line_indent = 0;
        self.line += 1;
        self.pos += 1;
        match self.fold_lines() {
            0 => text.push(b' '),
            n => text.extend(std::iter::repeat_n(b'\n', n)),
        }
        self.check_quoted_indent()
    }

    fn check_quoted_indent(&self) -> Result<(), Failure> {
        match self.block_indents.last() {
            Some(&top) if self.line_indent <= top => {
                Err(self.failure(ErrorKind::UnexpectedCharacter))
            }
            _ => Ok(()),
        }
    }

    /// Inner spaces are kept, spaces before a line break are not.
    fn quoted_spaces(&mut self, text: &mut Vec<u8>) {
        let off = self.pos;
        while matches!(self.peek(0), b' ' | b'\t') && self.pos < self.src.len() {
            self.pos += 1;
        }
        if !matches!(self.peek(0), b'\n' | b'\r') || self.pos >= self.src.len() {
            text.extend_from_slice(&self.src[off..self.pos]);
        }
    }

    /// A `---` or `...` line inside a quoted scalar ends the document: an error.
    fn quoted_marker(&self, after_break: bool) -> Result<(), Failure> {
        let c = self.peek(0);
        if after_break
            && self.line_indent == 0
            && self.src[self.pos..].starts_with(&[c, c, c])
            && matches!(self.peek(3), b' ' | b'\t' | b'\n' | b'\r')
            && self.pos + 3 < self.src.len()
        {
            let kind = if c == b'-' {
                ErrorKind::UnexpectedDocumentStart
            } else {
                ErrorKind::UnexpectedDocumentEnd
            };
            return Err(self.failure(kind));
        }
        Ok(())
    }

    fn quoted_tok(
        &self,
        start: usize,
        line: usize,
        indent: usize,
        text: Vec<u8>,
        style: Style,
    ) -> Tok {
        Tok {
            kind: TokKind::Scalar(ScalarTok {
                value: super::scan::into_string(text),
                resolved: Resolved::Str,
                style,
            }),
            start,
            end: self.pos,
            indent,
            line,
            tab_indent: false,
        }
    }

    /// A single- (`'it''s'`) or double-quoted (`"a\n"`, escapes) scalar.
    pub(super) fn scan_quoted(&mut self, double: bool) -> Result<Tok, Failure> {
        let (quote, style) = if double {
            (b'"', Style::DoubleQuoted)
        } else {
            (b'\'', Style::SingleQuoted)
        };
        let (start, line, indent) = (self.pos, self.line, self.line_indent);
        self.pos += 1;
        let mut text = Vec::new();
        let mut after_break = false;
        loop {
            let c = self.peek(0);
            if self.pos >= self.src.len() {
                return Err(self.failure(ErrorKind::UnexpectedCharacter));
            }
            match c {
                b'-' | b'.' => self.quoted_marker(after_break)?,
                b'\r' | b'\n' => {
                    self.quoted_break(&mut text)?;
                    after_break = true;
                    continue;
                }
                b' ' | b'\t' => {
                    after_break = false;
                    self.quoted_spaces(&mut text);
                    continue;
                }
                b'\'' if !double && self.peek(1) == b'\'' => {
                    text.push(b'\'');
                    self.pos += 2;
                    after_break = false;
                    continue;
                }
                _ if c == quote => {
                    self.pos += 1;
                    return Ok(self.quoted_tok(start, line, indent, text, style));
                }
                b'\\' if double => {
                    after_break = false;
                    self.pos += 1;
                    self.escape(&mut text)?;
                    continue;
                }
                _ => {}
            }
            after_break = false;
            text.push(c);
            self.pos += 1;
        }
    }

    /// After a backslash: one escape, the position left after it.
    fn escape(&mut self, text: &mut Vec<u8>) -> Result<(), Failure> {
        let c = self.peek(0);
        let simple: &[u8] = match c {
            b'\r' | b'\n' => {
                self.line_indent = 0;
                self.line += 1;
                self.pos += 1;
                let lines = self.fold_lines();
                self.check_quoted_indent()?;
                text.extend(std::iter::repeat_n(b'\n', lines));
                while matches!(self.peek(0), b' ' | b'\t') && self.pos < self.src.len() {
                    self.pos += 1;
                }
                return Ok(());
            }
            b' ' => b" ",
            b'\t' | b't' => b"\t",
            b'0' => b"\0",
            b'a' => b"\x07",
            b'b' => b"\x08",
            b'n' => b"\n",
            b'v' => b"\x0b",
            b'f' => b"\x0c",
            b'r' => b"\r",
            b'e' => b"\x1b",
            b'"' => b"\"",
            b'/' => b"/",
            b'\\' => b"\\",
            b'N' => "\u{85}".as_bytes(),
            b'_' => "\u{a0}".as_bytes(),
            b'L' => "\u{2028}".as_bytes(),
            b'P' => "\u{2029}".as_bytes(),
            b'x' | b'u' | b'U' => {
                let digits = match c {
                    b'x' => 2,
                    b'u' => 4,
                    _ => 8,
                };
                let mut value: u32 = 0;
                for _ in 0..digits {
                    self.pos = (self.pos + 1).min(self.src.len());
                    let d = (self.peek(0) as char)
                        .to_digit(16)
                        .filter(|_| self.pos < self.src.len());
                    let Some(d) = d else {
                        return Err(self.failure(ErrorKind::UnexpectedCharacter));
                    };
                    value = value.saturating_mul(16).saturating_add(d);
                }
                let ch = char::from_u32(value)
                    .ok_or_else(|| self.failure(ErrorKind::UnexpectedCharacter))?;
                text.extend_from_slice(ch.encode_utf8(&mut [0; 4]).as_bytes());
                self.pos += 1;
                return Ok(());
            }
            _ => return Err(self.failure(ErrorKind::UnexpectedCharacter)),
        };
        text.extend_from_slice(simple);
        self.pos += 1;
        Ok(())
    }
}
