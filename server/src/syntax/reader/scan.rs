//! The tokenizer of the Bun-compatible reader: one token at a time, with scalars fully
//! read (folded, unescaped and typed) as Bun 1.4 reads them. Positions are byte offsets.
//!
//! Bun works on bytes: every byte of a multi-byte character is an ordinary content
//! character, so U+FEFF, U+2003 and friends are never whitespace here.

use super::{ErrorKind, Reader, Resolved, Tag};
use crate::syntax::yaml::Style;
use std::ops::Range;

#[derive(Clone, Debug)]
pub(super) struct ScalarTok {
    pub value: String,
    pub resolved: Resolved,
    pub style: Style,
}

#[derive(Clone, Debug)]
pub(super) enum TokKind {
    Eof,
    SeqEntry,
    MapKey,
    MapValue,
    CollectEntry,
    SeqStart,
    SeqEnd,
    MapStart,
    MapEnd,
    Anchor(Range<usize>),
    Alias(Range<usize>),
    Tag(Tag),
    Directive,
    DocStart,
    DocEnd,
    Scalar(ScalarTok),
    /// A scalar whose text the parser has taken (`Reader::take_tok`): the token stays
    /// only for its position and for [`Reader::after_key_like`].
    TakenScalar,
}

/// A token: where it starts and ends, and the indentation and line it was found on.
#[derive(Clone, Debug)]
pub(super) struct Tok {
    pub kind: TokKind,
    pub start: usize,
    pub end: usize,
    pub indent: usize,
    pub line: usize,
    /// A tab was part of its line's indentation or of its compact indentation
    /// (`-\ta: b`): it may not start a block collection.
    pub tab_indent: bool,
}

#[derive(Clone, Copy, Default)]
pub(super) struct ScanOpts {
    /// Compact sequences (`- - a`): spaces after the dash count as indentation on top
    /// of the dash's own column.
    pub parent_indent: Option<usize>,
    /// The tag in force for a plain scalar read now.
    pub tag: Tag,
    pub first: bool,
    /// Skip the flow-indentation check (the token after a scalar that may be a key).
    pub outside_context: bool,
}

fn is_ws(b: u8) -> bool {
    b == b' ' || b == b'\t'
}

fn is_break(b: u8) -> bool {
    b == b'\n' || b == b'\r'
}

fn is_flow_indicator(b: u8) -> bool {
    matches!(b, b',' | b'[' | b']' | b'{' | b'}')
}

/// `ns-char` as Bun tests it on bytes: anything printable that is not a space or break.
fn is_ns_char(b: u8) -> bool {
    matches!(b, 0x21..=0x7e | 0x80..=0xff)
}

fn is_word_char(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'-'
}

/// Length of the `ns-tag-char` at the start of `s`, if it is one.
pub(super) fn tag_char_len(s: &[u8]) -> Option<usize> {
    let &c = s.first()?;
    match c {
        b'#' | b';' | b'/' | b'?' | b':' | b'@' | b'&' | b'=' | b'+' | b'$' | b'_' | b'.'
        | b'~' | b'*' | b'\'' | b'(' | b')' => Some(1),
        b'!' | b',' | b'[' | b']' | b'{' | b'}' => None,
        b'%' if s.len() > 2 && s[1].is_ascii_hexdigit() && s[2].is_ascii_hexdigit() => Some(3),
        _ => is_word_char(c).then_some(1),
    }
}

/// Whether a plain scalar may end or fold at `b` (what `scan_plain` looks at).
fn may_end_plain(b: u8) -> bool {
    matches!(
        b,
        b' ' | b'\t' | b'\r' | b'\n' | b':' | b',' | b'[' | b']' | b'{' | b'}'
    )
}

/// A scalar's bytes as text, without a copy when they are UTF-8 (they come from a
/// `&str`, so they are unless a cut fell inside a character).
pub(super) fn into_string(bytes: Vec<u8>) -> String {
    String::from_utf8(bytes).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}

pub(super) fn is_uri_char(s: &[u8]) -> bool {
    match s.first() {
        Some(b',' | b'!' | b'[' | b']') => true,
        _ => tag_char_len(s).is_some(),
    }
}

/// Folding a plain scalar: the text so far, whitespace not yet known to be inner, and
/// the resolved value of the first word if it was a keyword or number.
struct Plain {
    /// The text so far while it is one stretch of the source, as most scalars are: it
    /// is copied once at the end instead of grown push by push (a frontmatter of
    /// 100,000 short keys spent a tenth of its reading growing these buffers).
    run: Option<Range<usize>>,
    /// The text so far once folding made it differ from the source (`run` is then None).
    text: Vec<u8>,
    pending: Vec<u8>,
    resolved: Option<(Resolved, usize)>,
    tried: bool,
    tag: Tag,
    start: Option<usize>,
    end: usize,
    indent: usize,
    line: usize,
}

impl Plain {
    fn len(&self) -> usize {
        self.run.as_ref().map_or(self.text.len(), Range::len)
    }

    /// Appends `bytes`, the source's bytes at `at`.
    fn push(&mut self, bytes: &[u8], at: usize, r: &Reader) {
        if self.len() == 0 && self.pending.is_empty() && self.start.is_none() {
            self.indent = r.line_indent;
            self.line = r.line;
        }
        self.start.get_or_insert(at);
        let end = at + bytes.len();
        match &mut self.run {
            Some(run) if self.pending.is_empty() && run.end == at => run.end = end,
            None if self.text.is_empty() && self.pending.is_empty() => self.run = Some(at..end),
            _ => {
                if let Some(run) = self.run.take() {
                    self.text.extend_from_slice(&r.src[run]);
                }
                self.text.append(&mut self.pending);
                self.text.extend_from_slice(bytes);
            }
        }
        self.end = end;
    }

    /// The scalar's text.
    fn into_value(self, r: &Reader) -> String {
        match self.run {
            Some(run) => match r.text.get(run.clone()) {
                Some(s) => s.to_owned(),
                None => into_string(r.src[run].to_vec()),
            },
            None => into_string(self.text),
        }
    }

    fn resolve(&mut self, value: Resolved) {
        self.tried = true;
        let fits = match self.tag {
            Tag::None => true,
            Tag::Bool => matches!(value, Resolved::Bool(_)),
            Tag::Int | Tag::Float => matches!(value, Resolved::Num(_)),
            Tag::Null => matches!(value, Resolved::Null),
            _ => false,
        };
        if fits {
            self.resolved = Some((value, self.len()));
        }
    }
}

impl<'a> Reader<'a> {
    pub(super) fn peek(&self, n: usize) -> u8 {
        self.src.get(self.pos + n).copied().unwrap_or(0)
    }

    fn cur(&self) -> u8 {
        self.peek(0)
    }

    fn at_end(&self) -> bool {
        self.pos >= self.src.len()
    }

    fn inc(&mut self, n: usize) {
        self.pos = (self.pos + n).min(self.src.len());
    }

    /// Steps over the line break at the cursor (`\r\n` is one) and starts the next line.
    fn line_break(&mut self) {
        if self.cur() == b'\r' && self.peek(1) == b'\n' {
            self.inc(1);
        }
        self.newline();
        self.inc(1);
    }

    fn newline(&mut self) {
        self.line_indent = 0;
        self.line += 1;
        self.tab_in_indent = false;
    }

    fn rest_starts_with(&self, s: &[u8]) -> bool {
        self.src[self.pos.min(self.src.len())..].starts_with(s)
    }

    fn ws_or_break_at(&self, n: usize, eof: bool) -> bool {
        match self.src.get(self.pos + n) {
            Some(&b) => is_ws(b) || is_break(b),
            None => eof,
        }
    }

    /// `---` or `...` at column 0 followed by a space or break, or (when `eof`) the end.
    pub(super) fn at_marker(&self, c: u8, eof: bool) -> bool {
        let column0 = self.pos == 0 || is_break(self.src[self.pos - 1]);
        column0 && self.rest_starts_with(&[c, c, c]) && self.ws_or_break_at(3, eof)
    }

    fn skip_ws(&mut self) {
        while is_ws(self.cur()) && !self.at_end() {
            self.inc(1);
        }
    }

    fn tok(&self, kind: TokKind, start: usize) -> Tok {
        Tok {
            kind,
            start,
            end: self.pos,
            indent: self.line_indent,
            line: self.line,
            tab_indent: false,
        }
    }

    fn err<T>(&self, kind: ErrorKind) -> Result<T, super::Failure> {
        Err(super::Failure { kind, at: self.pos })
    }

    /// Reads the next token into `self.tok`.
    pub(super) fn scan(&mut self, opts: ScanOpts) -> Result<(), super::Failure> {
        let mut count_indent = opts.first || opts.parent_indent.is_some();
        let mut line_start = opts.first;
        let mut parent_indent = opts.parent_indent;
        let mut tabbed = std::mem::take(&mut self.tab_in_indent);
        let mut compact = 0;
        let mut tab_first = false;
        let previous_line = self.tok.line;
        let tok = loop {
            let start = self.pos;
            match self.cur() {
                _ if self.at_end() => break self.tok(TokKind::Eof, start),
                b'\r' | b'\n' => {
                    count_indent = true;
                    line_start = true;
                    tabbed = false;
                    tab_first = false;
                    parent_indent = None;
                    self.line_break();
                }
                b' ' => {
                    let mut n = 0;
                    while self.cur() == b' ' && !self.at_end() {
                        self.inc(1);
                        n += 1;
                    }
                    match parent_indent {
                        // After `- `, `? ` or a line-leading `: `, spaces and tabs up to
                        // the content are its indentation.
                        Some(p) if count_indent => {
                            compact += n;
                            self.line_indent = p + compact;
                        }
                        _ if count_indent => {
                            self.line_indent = n;
                            count_indent = false;
                        }
                        _ => {}
                    }
                }
                b'\t' => {
                    // A tab opening a line inside a block mapping's entries is refused
                    // at once; elsewhere only if a block collection starts after it.
                    let opening = count_indent && parent_indent.is_none() && line_start;
                    if opening && self.ctx() == super::Ctx::BlockIn {
                        return self.err(ErrorKind::TabIndent);
                    }
                    tabbed |= line_start;
                    match parent_indent {
                        Some(p) if count_indent => {
                            tabbed = true;
                            tab_first |= compact == 0;
                            compact += 1;
                            self.line_indent = p + compact;
                        }
                        _ => count_indent = false,
                    }
                    line_start = false;
                    self.inc(1);
                }
                b'#' => {
                    if start > 0 && !matches!(self.src[start - 1], b' ' | b'\t' | b'\n' | b'\r') {
                        return self.err(ErrorKind::UnexpectedCharacter);
                    }
                    while !self.at_end() && !is_break(self.cur()) {
                        self.inc(1);
                    }
                }
                _ => {
                    if let Some(t) = self.scan_token(opts)? {
                        break t;
                    }
                }
            }
        };
        let indicator = matches!(
            tok.kind,
            TokKind::SeqEntry | TokKind::MapKey | TokKind::MapValue
        );
        if tabbed && indicator && !self.ctx().is_flow() {
            return Err(super::Failure {
                kind: ErrorKind::TabIndent,
                at: tok.start,
            });
        }
        if tab_first {
            self.tab_after_indicator = Some(tok.start);
        }
        self.tok = Tok {
            tab_indent: tabbed,
            ..tok
        };
        if self.ctx().is_flow()
            && !opts.outside_context
            && !matches!(self.tok.kind, TokKind::SeqEnd | TokKind::MapEnd)
            && self.tok.line != previous_line
            && self
                .block_indents
                .last()
                .is_some_and(|&b| self.tok.indent <= b)
        {
            return self.fail_token(ErrorKind::UnexpectedToken);
        }
        Ok(())
    }

    pub(super) fn fail_token<T>(&self, kind: ErrorKind) -> Result<T, super::Failure> {
        Err(super::Failure {
            kind,
            at: self.tok.start,
        })
    }

    /// Whether the token before the one being read can be a flow key whose `:` needs
    /// no space after it: a scalar or a closed flow collection (`["a":b]`, `[[x]:y]`, and
    /// a plain key whose line ended before the `:`).
    fn after_key_like(&self) -> bool {
        matches!(
            self.tok.kind,
            TokKind::Scalar(_) | TokKind::TakenScalar | TokKind::SeqEnd | TokKind::MapEnd
        )
    }

    /// A token starting at a non-space character; None when nothing was consumed
    /// that makes a token (never happens: kept for the loop's shape).
    fn scan_token(&mut self, opts: ScanOpts) -> Result<Option<Tok>, super::Failure> {
        let start = self.pos;
        let c = self.cur();
        let next = self.peek(1);
        let next_ends = self.ws_or_break_at(1, true);
        let flow = self.ctx().is_flow();
        let simple = |r: &mut Self, kind: TokKind| {
            r.inc(1);
            Ok(Some(r.tok(kind, start)))
        };
        match c {
            b'-' if self.at_marker(b'-', true) => {
                self.inc(3);
                Ok(Some(self.tok(TokKind::DocStart, start)))
            }
            b'-' if next_ends => {
                if flow {
                    return Err(super::Failure {
                        kind: ErrorKind::UnexpectedToken,
                        at: start,
                    });
                }
                simple(self, TokKind::SeqEntry)
            }
            b'-' if flow && is_flow_indicator(next) => Err(super::Failure {
                kind: ErrorKind::UnexpectedToken,
                at: start,
            }),
            b'.' if self.at_marker(b'.', true) => {
                self.inc(3);
                Ok(Some(self.tok(TokKind::DocEnd, start)))
            }
            b'?' if next_ends || (flow && is_flow_indicator(next)) => simple(self, TokKind::MapKey),
            b':' if next_ends || (flow && (is_flow_indicator(next) || self.after_key_like())) => {
                simple(self, TokKind::MapValue)
            }
            b',' if flow => simple(self, TokKind::CollectEntry),
            b'[' => simple(self, TokKind::SeqStart),
            b']' => simple(self, TokKind::SeqEnd),
            b'{' => simple(self, TokKind::MapStart),
            b'}' => simple(self, TokKind::MapEnd),
            b'&' | b'*' => self.scan_anchor(c == b'&').map(Some),
            b'!' => self.scan_tag().map(Some),
            b'|' | b'>' if !flow => self.scan_block_scalar(c == b'>').map(Some),
            b'|' | b'>' | b'@' | b'`' => Err(super::Failure {
                kind: ErrorKind::UnexpectedToken,
                at: start,
            }),
            b'\'' | b'"' => self.scan_quoted(c == b'"').map(Some),
            b'%' => simple(self, TokKind::Directive),
            _ => self.scan_plain(opts).map(Some),
        }
    }

    fn scan_anchor(&mut self, anchor: bool) -> Result<Tok, super::Failure> {
        let start = self.pos;
        self.inc(1);
        let name_start = self.pos;
        while !self.at_end() && is_ns_char(self.cur()) && !is_flow_indicator(self.cur()) {
            self.inc(1);
        }
        if self.pos == name_start {
            return self.err(ErrorKind::UnexpectedCharacter);
        }
        let name = name_start..self.pos;
        let c = self.cur();
        let ends = self.at_end()
            || is_ws(c)
            || is_break(c)
            || (is_flow_indicator(c) && self.ctx().is_flow());
        if !ends {
            return self.err(ErrorKind::UnexpectedCharacter);
        }
        let kind = if anchor {
            TokKind::Anchor(name)
        } else {
            TokKind::Alias(name)
        };
        Ok(self.tok(kind, start))
    }

    fn skip_tag_chars(&mut self, at_least_one: bool) -> Result<(), super::Failure> {
        let mut any = false;
        while let Some(n) = tag_char_len(&self.src[self.pos..]) {
            self.inc(n);
            any = true;
        }
        if at_least_one && !any {
            return self.err(ErrorKind::UnexpectedCharacter);
        }
        Ok(())
    }

    fn scan_tag(&mut self) -> Result<Tok, super::Failure> {
        let start = self.pos;
        self.inc(1);
        let c = self.cur();
        let tag = if self.at_end() || is_ws(c) || is_break(c) {
            Tag::NonSpecific
        } else if c == b'<' {
            self.inc(1);
            if self.cur() == b'!' {
                self.inc(1);
            } else if let Some(n) = tag_char_len(&self.src[self.pos..]) {
                self.inc(n);
            } else {
                return self.err(ErrorKind::UnexpectedCharacter);
            }
            while is_uri_char(&self.src[self.pos..]) {
                self.inc(1);
            }
            if self.cur() != b'>' || self.at_end() {
                return self.err(ErrorKind::UnexpectedCharacter);
            }
            self.inc(1);
            Tag::Other
        } else if c == b'!' {
            self.inc(1);
            let name = self.pos;
            self.skip_tag_chars(true)?;
            let after = self.cur();
            let separated = self.at_end() || is_ws(after) || is_break(after);
            if !(separated || is_flow_indicator(after) && self.ctx().is_flow()) {
                return self.err(ErrorKind::UnexpectedCharacter);
            }
            Tag::from_name(&self.src[name..self.pos])
        } else {
            let name = self.pos;
            if !is_word_char(c) {
                return self.err(ErrorKind::UnexpectedCharacter);
            }
            while is_word_char(self.cur()) && !self.at_end() {
                self.inc(1);
            }
            if self.cur() == b'!' && !self.at_end() {
                let handle = &self.text[name..self.pos];
                self.inc(1);
                if !self.tag_handles.contains(handle) {
                    self.pos = name;
                    return self.err(ErrorKind::UnresolvedTagHandle);
                }
                self.skip_tag_chars(true)?;
                Tag::Other
            } else {
                self.skip_tag_chars(false)?;
                Tag::from_name(&self.src[name..self.pos])
            }
        };
        Ok(self.tok(TokKind::Tag(tag), start))
    }

    /// Skips blank lines and indentation between the lines of a folded scalar; returns
    /// how many line breaks it passed.
    pub(super) fn fold_lines(&mut self) -> usize {
        let mut lines = 0;
        loop {
            match self.cur() {
                _ if self.at_end() => return lines,
                b'\r' | b'\n' => {
                    lines += 1;
                    self.line_break();
                }
                b' ' => {
                    let mut n = 0;
                    while self.cur() == b' ' && !self.at_end() {
                        self.inc(1);
                        n += 1;
                    }
                    self.line_indent = n;
                }
                b'\t' => {
                    // A tab before a line's first token: that token may not be a
                    // block indicator or key (see `scan`).
                    self.tab_in_indent = true;
                    self.skip_ws();
                }
                _ => return lines,
            }
        }
    }

    fn scan_plain(&mut self, opts: ScanOpts) -> Result<Tok, super::Failure> {
        let mut p = Plain {
            run: None,
            text: Vec::new(),
            pending: Vec::new(),
            resolved: None,
            tried: false,
            tag: opts.tag,
            start: None,
            end: self.pos,
            indent: self.line_indent,
            line: self.line,
        };
        // The scalar's last line break led to a line whose indentation held a tab.
        let mut tab_opened_line = false;
        loop {
            let c = self.cur();
            let at = self.pos;
            let first = !p.tried && p.len() == 0 && p.start.is_none();
            match c {
                _ if self.at_end() => break,
                b'-' if self.at_marker(b'-', true) => break,
                b'.' if self.at_marker(b'.', true) => break,
                b':' if self.ws_or_break_at(1, true) => break,
                b':' if self.ctx().is_flow() && is_flow_indicator(self.peek(1)) => break,
                b'#' if at == 0 || matches!(self.src[at - 1], b' ' | b'\t' | b'\n' | b'\r') => {
                    break
                }
                b',' | b'[' | b']' | b'{' | b'}' if self.ctx().is_flow() => break,
                b' ' | b'\t' => {
                    p.pending.push(c);
                    self.inc(1);
                }
                b'\r' | b'\n' => {
                    self.line_break();
                    let tab_before = std::mem::take(&mut self.tab_in_indent);
                    let lines = self.fold_lines();
                    tab_opened_line = self.tab_in_indent;
                    self.tab_in_indent |= tab_before;
                    if self
                        .block_indents
                        .last()
                        .is_some_and(|&b| self.line_indent <= b)
                    {
                        break;
                    }
                    p.pending.clear();
                    if lines == 0 && !self.at_end() {
                        p.pending.push(b' ');
                    }
                    p.pending.extend(std::iter::repeat_n(b'\n', lines));
                }
                _ if first => self.plain_first_word(&mut p)?,
                _ => {
                    // The bytes up to the next one that can end the scalar or fold it
                    // go in as one run (`-`, `.` and `#` inside a run follow a
                    // non-space, so they end nothing).
                    let src = self.src;
                    let run = 1 + src[at + 1..]
                        .iter()
                        .take_while(|&&b| !may_end_plain(b))
                        .count();
                    self.inc(run);
                    p.push(&src[at..at + run], at, self);
                }
            }
        }
        if tab_opened_line && self.cur() == b'#' && !self.at_end() {
            self.tab_comment = Some(self.pos);
        }
        let resolved = match p.resolved {
            Some((r, len)) if len == p.len() => r,
            _ => Resolved::Str,
        };
        let start = p.start.unwrap_or(self.pos);
        let end = p.end.max(start);
        let (indent, line) = (p.indent, p.line);
        let value = p.into_value(self);
        Ok(Tok {
            kind: TokKind::Scalar(ScalarTok {
                value,
                resolved,
                style: Style::Plain,
            }),
            start,
            end,
            indent,
            line,
            tab_indent: false,
        })
    }

    /// The first word of a plain scalar: a keyword (`null`, `true`, `~`, …) or a number
    /// resolves the scalar if nothing follows it.
    fn plain_first_word(&mut self, p: &mut Plain) -> Result<(), super::Failure> {
        const KEYWORDS: &[(&str, Resolved)] = &[
            ("null", Resolved::Null),
            ("Null", Resolved::Null),
            ("NULL", Resolved::Null),
            ("~", Resolved::Null),
            ("true", Resolved::Bool(true)),
            ("True", Resolved::Bool(true)),
            ("TRUE", Resolved::Bool(true)),
            ("false", Resolved::Bool(false)),
            ("False", Resolved::Bool(false)),
            ("FALSE", Resolved::Bool(false)),
        ];
        let at = self.pos;
        let c = self.cur();
        if let Some((word, value)) = KEYWORDS
            .iter()
            .find(|(w, _)| self.rest_starts_with(w.as_bytes()))
        {
            self.inc(word.len());
            p.push(word.as_bytes(), at, self);
            p.resolve(*value);
            return Ok(());
        }
        match c {
            b'-' | b'+' => {
                self.inc(1);
                p.push(&[c], at, self);
                self.plain_number(p, if c == b'-' { Sign::Minus } else { Sign::Plus });
            }
            b'0'..=b'9' => self.plain_number(p, Sign::None),
            b'.' => match self.peek(1) {
                b'n' | b'N' | b'i' | b'I' => {
                    self.inc(1);
                    p.push(b".", at, self);
                    self.plain_special(p);
                }
                _ => self.plain_number(p, Sign::None),
            },
            _ => {
                self.inc(1);
                p.push(&[c], at, self);
                p.tried = true;
            }
        }
        Ok(())
    }

    /// After a leading `.`: `.nan`, `.inf` and their capitalised forms.
    fn plain_special(&mut self, p: &mut Plain) {
        const WORDS: [(&str, f64); 6] = [
            ("nan", f64::NAN),
            ("NaN", f64::NAN),
            ("NAN", f64::NAN),
            ("inf", f64::INFINITY),
            ("Inf", f64::INFINITY),
            ("INF", f64::INFINITY),
        ];
        p.tried = true;
        let at = self.pos;
        if let Some((w, v)) = WORDS
            .iter()
            .find(|(w, _)| self.rest_starts_with(w.as_bytes()))
        {
            self.inc(w.len());
            p.push(w.as_bytes(), at, self);
            p.resolve(Resolved::Num(*v));
        }
    }

    fn plain_number(&mut self, p: &mut Plain, sign: Sign) {
        p.tried = true;
        // `+.inf`, `-.Inf`, `+.INF`; anything else after the sign is read as a number.
        if sign != Sign::None && self.cur() == b'.' && matches!(self.peek(1), b'i' | b'I') {
            let at = self.pos;
            let c = self.cur();
            self.inc(1);
            p.push(&[c], at, self);
            let at = self.pos;
            let neg = if sign == Sign::Minus { -1.0 } else { 1.0 };
            for w in ["inf", "Inf", "INF"] {
                if self.rest_starts_with(w.as_bytes()) {
                    self.inc(3);
                    p.push(w.as_bytes(), at, self);
                    p.resolve(Resolved::Num(f64::INFINITY * neg));
                    return;
                }
            }
            return;
        }
        let start = self.pos;
        let (end, valid, radix) = number_end(self.src, start, sign, self.ctx().is_flow());
        self.pos = end;
        if end > start {
            p.push(&self.src[start..end], start, self);
        }
        if !valid {
            return;
        }
        let digits = &self.text[start..end];
        let number = if radix {
            parse_unsigned(digits).map(|n| n as f64)
        } else {
            parse_double(digits)
        };
        if let Some(mut n) = number {
            if sign == Sign::Minus {
                n = -n;
            }
            p.resolve(Resolved::Num(n));
        }
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Sign {
    None,
    Plus,
    Minus,
}

/// Where the number-looking run starting at `start` ends, whether it can be a number
/// (it must end at a space, break, `:`, the end, or a flow indicator in flow context),
/// and whether it must be read as an unsigned integer with a radix prefix.
fn number_end(src: &[u8], start: usize, sign: Sign, flow: bool) -> (usize, bool, bool) {
    let mut i = start;
    let mut decimal = sign == Sign::None && src.get(i) == Some(&b'.');
    if sign == Sign::None {
        i += 1;
    }
    let (mut x, mut o, mut e, mut minus, mut hex) = (false, false, false, false, false);
    let mut first = true;
    loop {
        let c = src.get(i).copied().unwrap_or(0);
        let was_first = first;
        first = false;
        // `--1`, `+-1`: a second sign right after the first is not a number.
        let sign_then_sign = was_first && sign != Sign::None;
        match c {
            b' ' | b'\t' | 0 | b'\n' | b'\r' | b':' => {
                let valid = !(was_first && sign != Sign::None);
                return (i, valid, x || o || hex);
            }
            b',' | b']' | b'}' => return (i, flow, x || o || hex),
            b'0' => {
                i += 1;
                if was_first && matches!(src.get(i), Some(b'b' | b'B')) {
                    return (i, false, false);
                }
            }
            b'1'..=b'9' => i += 1,
            b'e' | b'E' => {
                hex |= e;
                e = true;
                i += 1;
            }
            b'a'..=b'd' | b'f' | b'A'..=b'D' | b'F' => {
                hex = true;
                if was_first && (c == b'b' || c == b'B') {
                    return (i, false, false);
                }
                i += 1;
            }
            b'x' if !x => {
                x = true;
                i += 1;
            }
            b'o' if !o => {
                o = true;
                i += 1;
            }
            b'.' if !decimal => {
                decimal = true;
                i += 1;
            }
            b'+' if !(x || sign_then_sign) => i += 1,
            b'-' if !(minus || sign_then_sign) => {
                minus = true;
                i += 1;
            }
            _ => return (i, false, false),
        }
    }
}

/// Zig's `parseUnsigned(u64, s, 0)`: `0x`, `0o`, `0b` prefixes, else decimal.
fn parse_unsigned(s: &str) -> Option<u64> {
    let b = s.as_bytes();
    let (radix, digits) = match b {
        [b'0', b'x' | b'X', ..] => (16, &s[2..]),
        [b'0', b'o' | b'O', ..] => (8, &s[2..]),
        [b'0', b'b' | b'B', ..] => (2, &s[2..]),
        _ => (10, s),
    };
    if digits.is_empty() || digits.starts_with(['+', '-']) {
        return None;
    }
    u64::from_str_radix(digits, radix).ok()
}

/// JavaScriptCore's `parseDouble` over the whole text: decimal digits, an optional
/// fraction and exponent.
fn parse_double(s: &str) -> Option<f64> {
    let t = s.strip_prefix(['+', '-']).unwrap_or(s);
    let (mant, exp) = match t.find(['e', 'E']) {
        Some(i) => (&t[..i], Some(&t[i + 1..])),
        None => (t, None),
    };
    let (int, frac) = mant.split_once('.').unwrap_or((mant, ""));
    let digits = |d: &str| d.bytes().all(|b| b.is_ascii_digit());
    if !digits(int) || !digits(frac) || (int.is_empty() && frac.is_empty()) {
        return None;
    }
    if let Some(e) = exp {
        let e = e.strip_prefix(['+', '-']).unwrap_or(e);
        if e.is_empty() || !digits(e) {
            return None;
        }
    }
    s.parse().ok()
}
