//! VS Code's YAML scanner (`src/vs/base/common/yaml.ts` in VS Code 1.139): one pass over
//! the header that turns it into tokens. It knows no anchors, aliases, tags or types:
//! every value is text, and `*`, `&`, `!` and `%` are ordinary characters in a value.
//! Byte offsets here; VS Code counts UTF-16 units, but every character the scanner
//! stops at is ASCII, so the same characters end up in each token.

use crate::syntax::Style;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Kind {
    Scalar,
    Colon,
    Dash,
    Comma,
    OpenBrace,
    CloseBrace,
    OpenBracket,
    CloseBracket,
    Newline,
    Indent,
    Comment,
    DocStart,
    DocEnd,
    Eof,
}

#[derive(Clone, Debug)]
pub(super) struct Token {
    pub kind: Kind,
    pub start: usize,
    pub end: usize,
    /// A scalar's text (unescaped, folded); empty for other tokens.
    pub value: String,
    pub style: Style,
    /// The width of an indentation token (spaces and tabs count one each).
    pub indent: usize,
}

impl Token {
    fn new(kind: Kind, start: usize, end: usize) -> Token {
        Token {
            kind,
            start,
            end,
            value: String::new(),
            style: Style::Plain,
            indent: 0,
        }
    }
}

pub(super) struct Scanner<'a> {
    input: &'a str,
    bytes: &'a [u8],
    pos: usize,
    tokens: Vec<Token>,
    flow_depth: usize,
    seen_block_colon: bool,
    seen_doc_start: usize,
}

fn is_break(b: Option<&u8>) -> bool {
    matches!(b, Some(b'\n' | b'\r'))
}

fn ends_word(b: Option<&u8>) -> bool {
    matches!(b, None | Some(b' ' | b'\t' | b'\n' | b'\r'))
}

impl<'a> Scanner<'a> {
    pub fn scan(input: &'a str) -> Vec<Token> {
        let mut s = Scanner {
            input,
            bytes: input.as_bytes(),
            pos: 0,
            tokens: Vec::new(),
            flow_depth: 0,
            seen_block_colon: false,
            seen_doc_start: 0,
        };
        while s.pos < s.bytes.len() {
            s.scan_line();
            if s.seen_doc_start > 1 {
                break;
            }
        }
        s.tokens.push(Token::new(Kind::Eof, s.pos, s.pos));
        s.tokens
    }

    fn peek(&self, ahead: usize) -> Option<&u8> {
        self.bytes.get(self.pos + ahead)
    }

    fn scan_line(&mut self) {
        self.seen_block_colon = false;
        if self.consume_newline_token() {
            return;
        }
        let start = self.pos;
        while matches!(self.peek(0), Some(b' ' | b'\t')) {
            self.pos += 1;
        }
        if self.pos > start {
            let mut t = Token::new(Kind::Indent, start, self.pos);
            t.indent = self.pos - start;
            self.tokens.push(t);
        }
        if self.pos >= self.bytes.len() || self.consume_newline_token() {
            return;
        }
        if self.pos == start && self.bytes.len() - self.pos >= 3 && ends_word(self.peek(3)) {
            let marker = &self.bytes[self.pos..self.pos + 3];
            let kind = match marker {
                b"---" => Some(Kind::DocStart),
                b"..." => Some(Kind::DocEnd),
                _ => None,
            };
            if let Some(kind) = kind {
                self.tokens.push(Token::new(kind, self.pos, self.pos + 3));
                self.pos += 3;
                self.scan_line_content();
                self.scan_newline();
                if kind == Kind::DocStart {
                    self.seen_doc_start += 1;
                }
                return;
            }
        }
        match self.peek(0) {
            Some(b'#') => self.scan_comment(),
            Some(b'%') => self.pos = self.line_end(self.pos),
            _ => self.scan_line_content(),
        }
        self.scan_newline();
    }

    /// A line break at `pos` becomes a newline token.
    fn consume_newline_token(&mut self) -> bool {
        let start = self.pos;
        if self.consume_newline() {
            self.tokens.push(Token::new(Kind::Newline, start, self.pos));
            true
        } else {
            false
        }
    }

    fn line_end(&self, from: usize) -> usize {
        self.bytes[from..]
            .iter()
            .position(|&b| b == b'\n' || b == b'\r')
            .map_or(self.bytes.len(), |i| from + i)
    }

    fn scan_line_content(&mut self) {
        loop {
            self.skip_inline_whitespace();
            if self.pos >= self.bytes.len() || is_break(self.peek(0)) {
                return;
            }
            let c = self.bytes[self.pos];
            let flow = self.flow_depth > 0;
            let single = |k| (k, 1usize);
            let punct = match c {
                b'#' => {
                    self.scan_comment();
                    return;
                }
                b'{' => Some(single(Kind::OpenBrace)),
                b'}' if flow => Some(single(Kind::CloseBrace)),
                b'[' => Some(single(Kind::OpenBracket)),
                b']' if flow => Some(single(Kind::CloseBracket)),
                b',' if flow => Some(single(Kind::Comma)),
                b'-' if ends_word(self.peek(1)) => Some(single(Kind::Dash)),
                b':' if self.is_block_colon() || (flow && self.last_token_is_json_like()) => {
                    Some(single(Kind::Colon))
                }
                _ => None,
            };
            if let Some((kind, len)) = punct {
                match kind {
                    Kind::OpenBrace | Kind::OpenBracket => self.flow_depth += 1,
                    Kind::CloseBrace | Kind::CloseBracket => self.flow_depth -= 1,
                    Kind::Colon if !flow => self.seen_block_colon = true,
                    _ => {}
                }
                self.tokens.push(Token::new(kind, self.pos, self.pos + len));
                self.pos += len;
            } else if c == b'\'' || c == b'"' {
                self.scan_quoted(c);
            } else if (c == b'|' || c == b'>') && !flow && self.is_block_scalar_start() {
                self.scan_block_scalar(c);
                return;
            } else {
                self.scan_plain();
            }
        }
    }

    fn is_block_colon(&self) -> bool {
        if self.seen_block_colon && self.flow_depth == 0 {
            return false;
        }
        let next = self.peek(1);
        ends_word(next) || (self.flow_depth > 0 && matches!(next, Some(b',' | b'}' | b']')))
    }

    fn last_token_is_json_like(&self) -> bool {
        self.tokens
            .iter()
            .rev()
            .find(|t| !matches!(t.kind, Kind::Newline | Kind::Indent | Kind::Comment))
            .is_some_and(|t| {
                (t.kind == Kind::Scalar && t.style != Style::Plain)
                    || matches!(t.kind, Kind::CloseBrace | Kind::CloseBracket)
            })
    }

    fn push_scalar(&mut self, start: usize, end: usize, value: String, style: Style) {
        let mut t = Token::new(Kind::Scalar, start, end);
        t.value = value;
        t.style = style;
        self.tokens.push(t);
    }

    fn scan_plain(&mut self) {
        let start = self.pos;
        let mut end = self.pos;
        while self.pos < self.bytes.len() {
            let c = self.bytes[self.pos];
            let flow = self.flow_depth > 0;
            let stop = c == b'\n'
                || c == b'\r'
                || (flow && matches!(c, b',' | b'}' | b']' | b'{' | b'['))
                || (c == b':' && self.is_block_colon())
                || (c == b'#'
                    && self.pos > start
                    && matches!(self.bytes[self.pos - 1], b' ' | b'\t'));
            if stop {
                break;
            }
            self.pos += self.char_len();
            if c != b' ' && c != b'\t' {
                end = self.pos;
            }
        }
        let value = self.input[start..end].to_string();
        self.push_scalar(start, end, value, Style::Plain);
    }

    /// The length in bytes of the character at `pos`.
    fn char_len(&self) -> usize {
        self.input[self.pos..]
            .chars()
            .next()
            .map_or(1, char::len_utf8)
    }

    fn scan_quoted(&mut self, quote: u8) {
        let start = self.pos;
        self.pos += 1;
        let mut value = String::new();
        // Spaces and tabs at the end of the current line's text, dropped at a fold.
        let mut trailing = 0usize;
        while self.pos < self.bytes.len() {
            let c = self.bytes[self.pos];
            if c == quote {
                if quote == b'\'' && self.peek(1) == Some(&b'\'') {
                    value.push('\'');
                    self.pos += 2;
                    trailing = 0;
                    continue;
                }
                self.pos += 1;
                let style = quoted_style(quote);
                return self.push_scalar(start, self.pos, value, style);
            }
            if quote == b'"' && c == b'\\' {
                trailing = 0;
                self.scan_escape(&mut value);
                continue;
            }
            if c == b'\n' || c == b'\r' {
                value.truncate(value.len() - trailing);
                trailing = 0;
                self.fold_quoted_lines(&mut value);
                continue;
            }
            if c == b' ' || c == b'\t' {
                trailing += 1;
            } else {
                trailing = 0;
            }
            let len = self.char_len();
            value.push_str(&self.input[self.pos..self.pos + len]);
            self.pos += len;
        }
        // Unterminated: the rest of the header is the value.
        self.push_scalar(start, self.pos, value, quoted_style(quote));
    }

    /// At a line break inside quotes: blank lines become newlines, one break a space.
    fn fold_quoted_lines(&mut self, value: &mut String) {
        self.consume_newline();
        let mut blank = 0;
        while self.pos < self.bytes.len() {
            self.skip_inline_whitespace();
            if is_break(self.peek(0)) {
                blank += 1;
                self.consume_newline();
            } else {
                break;
            }
        }
        if blank > 0 {
            value.push_str(&"\n".repeat(blank));
        } else {
            value.push(' ');
        }
    }

    fn scan_escape(&mut self, value: &mut String) {
        let next = self.peek(1).copied();
        if matches!(next, Some(b'\n' | b'\r')) {
            self.pos += 1;
            self.consume_newline();
            self.skip_inline_whitespace();
            return;
        }
        let simple = match next {
            Some(b'n') => Some("\n"),
            Some(b't') => Some("\t"),
            Some(b'\\') => Some("\\"),
            Some(b'"') => Some("\""),
            Some(b'/') => Some("/"),
            Some(b'r') => Some("\r"),
            Some(b'0') => Some("\0"),
            Some(b'a') => Some("\x07"),
            Some(b'b') => Some("\x08"),
            Some(b'e') => Some("\x1b"),
            Some(b'v') => Some("\x0b"),
            Some(b'f') => Some("\x0c"),
            Some(b' ') => Some(" "),
            Some(b'_') => Some("\u{a0}"),
            _ => None,
        };
        if let Some(s) = simple {
            value.push_str(s);
            self.pos += 2;
            return;
        }
        let digits = match next {
            Some(b'x') => 2,
            Some(b'u') => 4,
            Some(b'U') => 8,
            _ => 0,
        };
        if digits > 0 {
            return self.scan_hex_escape(value, digits);
        }
        // Any other character: the backslash and the character are kept.
        value.push('\\');
        self.pos += 1;
        if self.pos < self.bytes.len() {
            let len = self.char_len();
            value.push_str(&self.input[self.pos..self.pos + len]);
            self.pos += len;
        }
    }

    /// `\x`, `\u`, `\U`: JavaScript's `parseInt(…, 16)` of the next characters, which
    /// reads a leading run of hex digits and ignores what follows.
    fn scan_hex_escape(&mut self, value: &mut String, digits: usize) {
        let from = self.pos + 2;
        let field: Vec<(usize, char)> = self.input[from..].char_indices().take(digits).collect();
        let lead: String = field
            .iter()
            .map(|&(_, c)| c)
            .take_while(char::is_ascii_hexdigit)
            .collect();
        if field.len() == digits && !lead.is_empty() {
            let code = u32::from_str_radix(&lead, 16).unwrap_or(0);
            value.push(char::from_u32(code).unwrap_or('\u{fffd}'));
            let (last, c) = field[digits - 1];
            self.pos = from + last + c.len_utf8();
        } else {
            value.push('\\');
            value.push(self.bytes[self.pos + 1] as char);
            self.pos += 2;
        }
    }

    /// A `|` or `>` block: its header, then the lines indented more than the key or
    /// `-` that owns it (or by the explicit indentation indicator).
    fn scan_block_scalar(&mut self, indicator: u8) {
        let start = self.pos;
        let owner = self.parent_block_indent();
        self.pos += 1;
        let (explicit, chomp) = self.block_header();
        self.consume_newline();
        let mut indent = if explicit > 0 { owner + explicit } else { 0 };
        let mut lines: Vec<&str> = Vec::new();
        let mut trailing_empty = 0usize;
        while self.pos < self.bytes.len() {
            let line_start = self.pos;
            while self.peek(0) == Some(&b' ') {
                self.pos += 1;
            }
            let spaces = (self.pos - line_start) as isize;
            if self.pos >= self.bytes.len() || is_break(self.peek(0)) {
                let kept = if indent > 0 && spaces >= indent {
                    &self.input[line_start + indent as usize..self.pos]
                } else {
                    ""
                };
                lines.push(kept);
                trailing_empty = if kept.is_empty() {
                    trailing_empty + 1
                } else {
                    0
                };
                self.consume_newline();
                continue;
            }
            if spaces == 0 && self.at_document_marker() {
                self.pos = line_start;
                break;
            }
            if indent == 0 {
                if spaces <= owner {
                    self.pos = line_start;
                    break;
                }
                indent = spaces;
            }
            if spaces < indent {
                self.pos = line_start;
                break;
            }
            let end = self.line_end(self.pos);
            lines.push(&self.input[line_start + indent as usize..end]);
            trailing_empty = 0;
            self.pos = end;
            self.consume_newline();
        }
        let value = block_value(&lines, indicator == b'|', chomp, trailing_empty);
        let style = if indicator == b'|' {
            Style::Literal
        } else {
            Style::Folded
        };
        self.push_scalar(start, self.pos, value, style);
    }

    /// The indicators after `|`/`>` (indentation digit, chomping), and a comment.
    fn block_header(&mut self) -> (isize, Chomp) {
        let (mut explicit, mut chomp) = (0isize, Chomp::Clip);
        for _ in 0..2 {
            match self.peek(0) {
                Some(&d @ b'1'..=b'9') if explicit == 0 => explicit = (d - b'0') as isize,
                Some(b'-') if chomp == Chomp::Clip => chomp = Chomp::Strip,
                Some(b'+') if chomp == Chomp::Clip => chomp = Chomp::Keep,
                _ => continue,
            }
            self.pos += 1;
        }
        self.skip_inline_whitespace();
        if self.peek(0) == Some(&b'#') {
            self.pos = self.line_end(self.pos);
        }
        (explicit, chomp)
    }

    fn at_document_marker(&self) -> bool {
        let rest = &self.bytes[self.pos..];
        rest.len() >= 3
            && (rest.starts_with(b"---") || rest.starts_with(b"..."))
            && ends_word(rest.get(3))
    }

    fn is_block_scalar_start(&self) -> bool {
        let mut i = self.pos + 1;
        while i < self.bytes.len() && matches!(self.bytes[i], b'1'..=b'9' | b'+' | b'-') {
            i += 1;
        }
        while i < self.bytes.len() && matches!(self.bytes[i], b' ' | b'\t') {
            i += 1;
        }
        i >= self.bytes.len() || matches!(self.bytes[i], b'\n' | b'\r' | b'#')
    }

    fn scan_comment(&mut self) {
        let start = self.pos;
        self.pos = self.line_end(self.pos);
        self.tokens.push(Token::new(Kind::Comment, start, self.pos));
    }

    fn scan_newline(&mut self) {
        self.consume_newline_token();
    }

    fn skip_inline_whitespace(&mut self) {
        while matches!(self.peek(0), Some(b' ' | b'\t')) {
            self.pos += 1;
        }
    }

    fn consume_newline(&mut self) -> bool {
        match self.peek(0) {
            Some(b'\r') if self.peek(1) == Some(&b'\n') => self.pos += 2,
            Some(b'\n' | b'\r') => self.pos += 1,
            _ => return false,
        }
        true
    }

    pub(super) fn column_at(input: &str, offset: usize) -> usize {
        let line_start = input[..offset].rfind(['\n', '\r']).map_or(0, |i| i + 1);
        input[line_start..offset].encode_utf16().count()
    }

    /// The indentation of the key or `-` that owns a block scalar starting at `at`.
    fn parent_block_indent(&self) -> isize {
        let skip = |t: &&Token| matches!(t.kind, Kind::Newline | Kind::Comment | Kind::Indent);
        let mut before = self.tokens.iter().rev();
        match before.find(|t| !skip(t)) {
            Some(t) if t.kind == Kind::Colon => before
                .find(|t| !skip(t))
                .map_or(0, |k| Self::column_at(self.input, k.start) as isize),
            Some(t) if t.kind == Kind::Dash => Self::column_at(self.input, t.start) as isize,
            Some(t) if t.kind == Kind::DocStart => -1,
            _ => 0,
        }
    }
}

fn quoted_style(quote: u8) -> Style {
    if quote == b'\'' {
        Style::SingleQuoted
    } else {
        Style::DoubleQuoted
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Chomp {
    Clip,
    Strip,
    Keep,
}

/// The text of a block scalar from its lines (indentation removed), as VS Code joins them.
fn block_value(lines: &[&str], literal: bool, chomp: Chomp, trailing_empty: usize) -> String {
    let mut value = if literal {
        lines.join("\n")
    } else {
        folded(lines)
    };
    if trailing_empty > 0 {
        let kept = value.trim_end_matches('\n').len();
        value.truncate(kept);
    }
    let has_text = lines.iter().any(|l| !l.is_empty());
    match chomp {
        Chomp::Clip if has_text => value.push('\n'),
        Chomp::Keep if has_text => value.push_str(&"\n".repeat(trailing_empty + 1)),
        Chomp::Keep => value = "\n".repeat(trailing_empty),
        _ => {}
    }
    value
}

/// `>`: lines joined with spaces, except around blank and more-indented lines.
fn folded(lines: &[&str]) -> String {
    let mut value = String::new();
    let (mut prev_indented, mut prev_empty, mut has_content) = (false, false, false);
    for (i, line) in lines.iter().enumerate() {
        let indented = line.starts_with([' ', '\t']);
        if line.is_empty() {
            value.push('\n');
            prev_empty = true;
            continue;
        }
        if i == 0 {
            value = line.to_string();
        } else if prev_empty {
            if (prev_indented || indented) && has_content {
                value.push('\n');
            }
            value.push_str(line);
        } else if indented || prev_indented {
            value.push('\n');
            value.push_str(line);
        } else {
            value.push(' ');
            value.push_str(line);
        }
        prev_indented = indented;
        prev_empty = false;
        has_content = true;
    }
    value
}
