//! The description as text, in every form it is written: what the model reads (after
//! YAML's folding and the agent loader's `\n` conversion), or, when the loader cannot
//! read what the author wrote, the text the author meant. Every byte of that text knows
//! the source bytes it came from, so a diagnostic found in it lands on the characters
//! the user typed (an escaped `\n` covers both of its source characters).

use crate::loader::Loaded;
use crate::syntax::{Entry, Frontmatter, Mode, RewriteKind, Style};
use std::ops::Range;
use std::sync::atomic::{AtomicUsize, Ordering};

/// How the description is written in the file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Form {
    /// On one source line: plain, quoted, or re-quoted by the loader's retry.
    OneLine,
    /// A plain or quoted value over several source lines: YAML folds its line breaks.
    MultiLine,
    /// A `|` block: line breaks kept.
    Literal { indent: usize },
    /// A `>` block: YAML folds its line breaks.
    Folded,
    /// A plain value continued on raw lines that no YAML parser reads: the frontmatter
    /// is unparseable.
    RawLines,
    /// One line followed by raw example lines that YAML reads as keys of their own
    /// (`user: "…"` at column 0): the description is cut at its first line.
    CutByKeys { key_lines: Vec<Range<usize>> },
}

/// What the model is given as this agent's description.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Seen {
    /// The analysed text itself.
    AsAnalysed,
    /// Nothing: Claude Code does not load the agent.
    NotLoaded,
    /// Something else than what the author wrote (a cut or a fallback description).
    Other(String),
}

#[derive(Clone, Debug)]
pub struct Description {
    /// The `description` key.
    pub key: Range<usize>,
    /// The value's source bytes; for the raw forms, through the last raw line.
    pub value: Range<usize>,
    pub form: Form,
    /// The text examples are read from: the model's text, or the author's when the
    /// loader reads something else.
    pub text: String,
    /// For each byte of `text`, the source bytes it came from.
    origin: Origins,
    /// Offsets in `text` of spaces YAML made out of source line breaks.
    pub folded: Vec<usize>,
    /// Offsets in `text` of `\n` pairs the model reads as two characters (plugin agents
    /// keep them; only project agents convert them).
    pub literal_escapes: Vec<usize>,
    /// The description as its author meant it: folded line breaks restored, every `\n`
    /// escape a newline. What the `|` rewrite writes.
    pub intended: String,
    pub seen: Seen,
    /// How to write one line break of `text` at the end of a source line of this value,
    /// or None when the form cannot hold one (YAML would fold it).
    pub line_break: Option<String>,
    /// The quote of a one-line quoted value: text written into it must escape it.
    pub quote: Option<char>,
}

impl Description {
    /// The source bytes behind `range` of `text`.
    pub fn source_range(&self, range: Range<usize>) -> Range<usize> {
        let at = |i| self.origin.get(&self.text, i);
        let first = at(range.start)
            .or_else(|| at(self.text.len().checked_sub(1)?))
            .map_or(self.value.start, |r| r.start);
        let last = match range.end.checked_sub(1).filter(|&e| e >= range.start) {
            Some(e) => at(e).map_or(first, |r| r.end),
            None => first,
        };
        first..last.max(first)
    }

    /// The text to find example blocks in. Where a plugin agent keeps `\n` pairs, they
    /// still mark the lines their author meant (the flattening is reported on its
    /// own): each reads as a line break, at the same offsets.
    pub fn blocks_text(&self) -> std::borrow::Cow<'_, str> {
        if self.literal_escapes.is_empty() {
            return std::borrow::Cow::Borrowed(&self.text);
        }
        std::borrow::Cow::Owned(self.text.replace("\\n", " \n"))
    }

    /// The source offset just after byte `offset - 1` of `text`: where to insert
    /// something that must follow it.
    pub fn source_after(&self, offset: usize) -> usize {
        match offset.checked_sub(1) {
            Some(i) => self
                .origin
                .get(&self.text, i)
                .map_or(self.value.end, |r| r.end),
            None => self
                .origin
                .get(&self.text, 0)
                .map_or(self.value.start, |r| r.start),
        }
    }
}

/// The source range of each byte of a description's text, kept as runs: a copied
/// stretch of source is one run however long, so an open document's analysis holds a
/// few entries per line instead of 16 bytes per byte of its description.
#[derive(Debug, Default)]
struct Origins {
    runs: Vec<Run>,
    /// The run the last lookup found. Lookups come mostly in text order, so the next
    /// one is usually in it or the one after: a search of 100,000 runs per lookup was a
    /// seventh of a keystroke on 100,000 examples. Atomic only so the model stays
    /// shareable across threads; a stale hint just means a search.
    last: AtomicUsize,
}

impl Clone for Origins {
    fn clone(&self) -> Self {
        Origins {
            runs: self.runs.clone(),
            last: AtomicUsize::new(self.last.load(Ordering::Relaxed)),
        }
    }
}

#[derive(Clone, Debug)]
struct Run {
    /// The first byte of the text the run covers (it ends where the next one starts).
    text: usize,
    /// Copied: the source bytes of the run, char for char. Otherwise: the one source
    /// range every byte of the run comes from (a folded line break, an escape).
    src: Range<usize>,
    copied: bool,
}

impl Origins {
    /// Runs from the per-byte ranges of `text` (as `Mapped` builds them).
    fn new(text: &str, per_byte: &[Range<usize>]) -> Origins {
        let mut runs: Vec<Run> = Vec::new();
        let mut i = 0;
        while i < per_byte.len() {
            let r = per_byte[i].clone();
            let j = i + per_byte[i..].iter().take_while(|o| **o == r).count();
            // One character from a source character of the same length: a copy.
            let copied = r.len() == j - i && text.get(i..j).is_some_and(|c| c.chars().count() == 1);
            match runs.last_mut() {
                Some(last) if copied && last.copied && last.src.end == r.start => {
                    last.src.end = r.end;
                }
                _ => runs.push(Run {
                    text: i,
                    src: r,
                    copied,
                }),
            }
            i = j;
        }
        Origins {
            runs,
            last: AtomicUsize::new(0),
        }
    }

    /// The index of the run holding byte `i`.
    fn run_of(&self, i: usize) -> Option<usize> {
        let holds = |k: usize| {
            self.runs.get(k).is_some_and(|r| r.text <= i)
                && self.runs.get(k + 1).is_none_or(|next| next.text > i)
        };
        let hint = self.last.load(Ordering::Relaxed);
        let k = if holds(hint) {
            hint
        } else if holds(hint + 1) {
            hint + 1
        } else {
            self.runs.partition_point(|r| r.text <= i).checked_sub(1)?
        };
        self.last.store(k, Ordering::Relaxed);
        Some(k)
    }

    /// The source range of byte `i` of `text` (the text the runs were made from).
    fn get(&self, text: &str, i: usize) -> Option<Range<usize>> {
        if i >= text.len() {
            return None;
        }
        let run = &self.runs[self.run_of(i)?];
        if !run.copied {
            return Some(run.src.clone());
        }
        // The character holding byte `i`, at the same place in the copied source.
        let start = (run.text..=i).rev().find(|&b| text.is_char_boundary(b))?;
        let end = (i + 1..=text.len()).find(|&b| text.is_char_boundary(b))?;
        Some(run.src.start + (start - run.text)..run.src.start + (end - run.text))
    }
}

/// Text with the source range of each byte.
#[derive(Default, Debug)]
struct Mapped {
    text: String,
    origin: Vec<Range<usize>>,
    folded: Vec<usize>,
}

impl Mapped {
    fn push(&mut self, s: &str, from: Range<usize>) {
        self.text.push_str(s);
        self.origin.extend(std::iter::repeat_n(from, s.len()));
    }

    /// Copies source text, each character mapped to itself.
    fn copy(&mut self, src: &str, at: usize) {
        self.text.push_str(src);
        self.origin.reserve(src.len());
        for (i, c) in src.char_indices() {
            let len = c.len_utf8();
            let from = at + i..at + i + len;
            self.origin.extend(std::iter::repeat_n(from, len));
        }
    }

    fn fold(&mut self, line_break: Range<usize>) {
        self.folded.push(self.text.len());
        self.push(" ", line_break);
    }

    /// Drops trailing spaces and tabs, but never below `keep` bytes.
    fn trim_end(&mut self, keep: usize) {
        while self.text.len() > keep && self.text.ends_with([' ', '\t']) {
            self.text.pop();
            self.origin.pop();
        }
    }

    /// The loader's `replaceAll("\\n", "\n")`, keeping the map.
    fn convert_escapes(&self) -> Mapped {
        let n = self.text.len();
        let mut out = Mapped {
            text: String::with_capacity(n),
            origin: Vec::with_capacity(n),
            folded: Vec::with_capacity(self.folded.len()),
        };
        // Copied a run at a time between escapes (a 1 MB description char by char was a
        // tenth of a keystroke). A folded break is a space, never part of an escape: it
        // moves back one byte per escape before it.
        let mut folded = self.folded.iter().copied().peekable();
        let mut from = 0;
        for (escapes, (i, _)) in self.text.match_indices("\\n").enumerate() {
            while let Some(f) = folded.next_if(|&f| f < i) {
                out.folded.push(f - escapes);
            }
            out.text.push_str(&self.text[from..i]);
            out.origin.extend_from_slice(&self.origin[from..i]);
            out.push("\n", self.origin[i].start..self.origin[i + 1].end);
            from = i + 2;
        }
        // Each escape read two bytes and wrote one.
        let escapes = from.saturating_sub(out.text.len());
        out.folded.extend(folded.map(|f| f - escapes));
        out.text.push_str(&self.text[from..]);
        out.origin.extend_from_slice(&self.origin[from..]);
        out
    }

    /// The text with every folded line break restored.
    fn unfolded(&self) -> String {
        let mut bytes = self.text.clone().into_bytes();
        for &f in &self.folded {
            bytes[f] = b'\n';
        }
        String::from_utf8(bytes).unwrap_or_else(|_| self.text.clone())
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Quote {
    None,
    Single,
    Double,
}

/// What a line break inside a flow value becomes.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Breaks {
    /// YAML flow folding: trailing and leading white space dropped, one break a space.
    Fold,
    /// Kept as newlines with the lines as written (what raw lines mean to their
    /// author), less the given indentation.
    Keep(usize),
}

/// The value of a flow scalar (plain or quoted; `inner` excludes the quotes).
fn flow(text: &str, inner: Range<usize>, quote: Quote, breaks: Breaks) -> Mapped {
    let src = &text[inner.clone()];
    let mut m = Mapped::default();
    // Escaped characters survive the trimming of trailing white space before a break.
    let mut keep = 0;
    let mut i = 0;
    while let Some(c) = src[i..].chars().next() {
        let at = inner.start + i;
        match c {
            '\n' | '\r' => {
                let mut line_breaks = Vec::new();
                let mut j = i;
                loop {
                    let len = if src[j..].starts_with("\r\n") { 2 } else { 1 };
                    line_breaks.push(inner.start + j..inner.start + j + len);
                    j += len;
                    if let Breaks::Keep(dedent) = breaks {
                        let spaces = src[j..].len() - src[j..].trim_start_matches(' ').len();
                        j += spaces.min(dedent);
                        break;
                    }
                    j += src[j..].len() - src[j..].trim_start_matches([' ', '\t']).len();
                    if !src[j..].starts_with(['\n', '\r']) {
                        break;
                    }
                }
                match breaks {
                    Breaks::Keep(_) => m.push("\n", line_breaks[0].clone()),
                    Breaks::Fold => {
                        m.trim_end(keep);
                        if line_breaks.len() == 1 {
                            m.fold(line_breaks[0].clone());
                        } else {
                            for b in &line_breaks[1..] {
                                m.push("\n", b.clone());
                            }
                        }
                    }
                }
                i = j;
            }
            '\'' if quote == Quote::Single && src[i + 1..].starts_with('\'') => {
                m.push("'", at..at + 2);
                i += 2;
            }
            '\\' if quote == Quote::Double => {
                let (value, len) = escape(&src[i + 1..]);
                match value {
                    // An escaped line break joins the lines with nothing between them.
                    None => {
                        let mut j = i + 1 + len;
                        j += src[j..].len() - src[j..].trim_start_matches([' ', '\t']).len();
                        i = j;
                    }
                    Some(v) => {
                        m.push(v.encode_utf8(&mut [0; 4]), at..at + 1 + len);
                        i += 1 + len;
                    }
                }
                keep = m.text.len();
            }
            _ => {
                m.copy(&src[i..i + c.len_utf8()], at);
                i += c.len_utf8();
            }
        }
    }
    m
}

/// A double-quoted escape after its backslash: the character (None for an escaped line
/// break) and the number of bytes it takes after the backslash.
fn escape(after: &str) -> (Option<char>, usize) {
    let Some(c) = after.chars().next() else {
        return (Some('\\'), 0);
    };
    let simple = match c {
        '0' => Some('\0'),
        'a' => Some('\u{7}'),
        'b' => Some('\u{8}'),
        't' | '\t' => Some('\t'),
        'n' => Some('\n'),
        'v' => Some('\u{b}'),
        'f' => Some('\u{c}'),
        'r' => Some('\r'),
        'e' => Some('\u{1b}'),
        ' ' => Some(' '),
        '"' => Some('"'),
        '/' => Some('/'),
        '\\' => Some('\\'),
        'N' => Some('\u{85}'),
        '_' => Some('\u{a0}'),
        'L' => Some('\u{2028}'),
        'P' => Some('\u{2029}'),
        _ => None,
    };
    if let Some(v) = simple {
        return (Some(v), c.len_utf8());
    }
    let hex = |n: usize| {
        after
            .get(1..1 + n)
            .and_then(|h| u32::from_str_radix(h, 16).ok())
            .and_then(char::from_u32)
            .map(|v| (Some(v), 1 + n))
    };
    match c {
        '\n' => (None, 1),
        '\r' => (None, if after[1..].starts_with('\n') { 2 } else { 1 }),
        'x' => hex(2).unwrap_or((Some(c), 1)),
        'u' => hex(4).unwrap_or((Some(c), 1)),
        'U' => hex(8).unwrap_or((Some(c), 1)),
        _ => (Some(c), c.len_utf8()),
    }
}

/// One source line of a block scalar: its content (after the indentation) or None when
/// it is empty, and the line break that ends it.
struct BlockLine {
    content: Option<Range<usize>>,
    more_indented: bool,
    line_break: Range<usize>,
}

/// The value of a `|` or `>` block scalar whose header follows `colon`, read up to
/// `limit`; also the content indentation.
fn block(text: &str, colon: usize, limit: usize, folded: bool) -> Option<(Mapped, usize)> {
    let header_end = colon + text[colon..limit].find('\n')?;
    let header = text[colon + 1..header_end].trim_start();
    let indicators: String = header
        .chars()
        .skip(1)
        .take_while(|c| !c.is_whitespace() && *c != '#')
        .collect();
    let chomp = if indicators.contains('-') {
        '-'
    } else if indicators.contains('+') {
        '+'
    } else {
        ' '
    };
    let explicit = indicators
        .chars()
        .find_map(|c| c.to_digit(10))
        .map(|d| d as usize);
    // Every line after the header: (start, end of content, end with its line break).
    let mut raw_lines = Vec::new();
    let mut at = header_end + 1;
    while at < limit {
        let end = text[at..limit].find('\n').map_or(limit, |i| at + i);
        let content_end = if end > at && text.as_bytes()[end - 1] == b'\r' {
            end - 1
        } else {
            end
        };
        raw_lines.push((at, content_end, (end + 1).min(limit)));
        at = end + 1;
    }
    let spaces = |&(s, e, _): &(usize, usize, usize)| {
        text[s..e].len() - text[s..e].trim_start_matches(' ').len()
    };
    let blank = |&(s, e, _): &(usize, usize, usize)| text[s..e].trim().is_empty();
    let indent = explicit.or_else(|| raw_lines.iter().find(|l| !blank(l)).map(spaces))?;
    let mut lines = Vec::new();
    for l in &raw_lines {
        let n = spaces(l);
        if !blank(l) && n < indent {
            break;
        }
        let (start, content_end, break_end) = *l;
        let content = (!blank(l) || n > indent).then(|| start + indent..content_end);
        let more_indented = content
            .as_ref()
            .is_some_and(|c| text[c.clone()].starts_with([' ', '\t']));
        lines.push(BlockLine {
            content,
            more_indented,
            line_break: content_end..break_end,
        });
    }
    let last = lines.iter().rposition(|l| l.content.is_some())?;
    let mut m = Mapped::default();
    let mut empties: Vec<Range<usize>> = Vec::new();
    let mut previous: Option<&BlockLine> = None;
    for line in &lines[..=last] {
        let Some(content) = &line.content else {
            empties.push(line.line_break.clone());
            continue;
        };
        if let Some(prev) = previous {
            let normal = !prev.more_indented && !line.more_indented;
            if folded && normal && empties.is_empty() {
                m.fold(prev.line_break.clone());
            } else {
                if !(folded && normal) {
                    m.push("\n", prev.line_break.clone());
                }
                for e in &empties {
                    m.push("\n", e.clone());
                }
            }
        } else {
            for e in &empties {
                m.push("\n", e.clone());
            }
        }
        empties.clear();
        m.copy(&text[content.clone()], content.start);
        previous = Some(line);
    }
    let tail = &lines[last].line_break;
    match chomp {
        '-' => {}
        '+' => {
            m.push("\n", tail.clone());
            for l in &lines[last + 1..] {
                m.push("\n", l.line_break.clone());
            }
        }
        _ => m.push("\n", tail.clone()),
    }
    Some((m, indent))
}

/// Reads the description of an agent file. `plugin` selects the plugin loader, which
/// keeps `\n` escapes as they are; `is_known_key` tells frontmatter keys from raw lines.
pub fn read(
    text: &str,
    fm: &Frontmatter,
    loaded: &Loaded,
    plugin: bool,
    is_known_key: &dyn Fn(&str) -> bool,
) -> Option<Description> {
    match fm.mode {
        Mode::Strict | Mode::Requoted => {
            let entry = fm.loader_root()?.get("description")?;
            let value = entry.value.as_str()?;
            if let Some(d) = cut_by_keys(text, fm, entry, value, loaded, is_known_key) {
                return Some(d);
            }
            parsed(text, fm, entry, value, plugin)
        }
        Mode::Unparseable => raw(text, fm, loaded, is_known_key),
        Mode::None => None,
    }
}

fn line_end(text: &str, offset: usize) -> usize {
    super::super::diagnostics::line_at(text, offset).end
}

/// The last byte of `range` that is not white space, plus one.
fn trimmed_end(text: &str, range: &Range<usize>) -> usize {
    range.start + text[range.clone()].trim_end().len()
}

/// A description YAML reads: a one-line, multi-line or block value.
fn parsed(
    text: &str,
    fm: &Frontmatter,
    entry: &Entry,
    value: &str,
    plugin: bool,
) -> Option<Description> {
    let node = &entry.value;
    let span = node.span.clone();
    let requoted = fm
        .rewrites
        .iter()
        .any(|r| r.kind == RewriteKind::Requoted && r.value.as_ref() == Some(&span));
    let style = node.style()?;
    let colon = entry.key.span.end + text[entry.key.span.end..].find(':')?;
    let limit = fm.yaml_range()?.end;
    let (yaml, form) = match style {
        _ if requoted => {
            let mut m = Mapped::default();
            m.copy(&text[span.clone()], span.start);
            (m, Form::OneLine)
        }
        Style::Literal | Style::Folded => {
            let folded = style == Style::Folded;
            let (m, indent) = block(text, colon, limit, folded)?;
            (
                m,
                if folded {
                    Form::Folded
                } else {
                    Form::Literal { indent }
                },
            )
        }
        Style::Plain | Style::SingleQuoted | Style::DoubleQuoted => {
            let (inner, quote) = match style {
                Style::SingleQuoted => (span.start + 1..span.end.saturating_sub(1), Quote::Single),
                Style::DoubleQuoted => (span.start + 1..span.end.saturating_sub(1), Quote::Double),
                _ => (span.clone(), Quote::None),
            };
            let multi = text[span.clone()].contains('\n');
            (
                flow(
                    text,
                    inner.start..inner.end.max(inner.start),
                    quote,
                    Breaks::Fold,
                ),
                if multi {
                    Form::MultiLine
                } else {
                    Form::OneLine
                },
            )
        }
    };
    let value_range = span.start..trimmed_end(text, &span).max(span.start);
    // Our reading must agree with the parser's; if it ever does not, every character
    // maps to the value's first line rather than to a wrong place.
    let yaml = if yaml.text == value {
        yaml
    } else {
        let first_line = span.start..line_end(text, span.start).max(span.start);
        Mapped {
            text: value.to_string(),
            origin: vec![first_line; value.len()],
            folded: Vec::new(),
        }
    };
    let model = if plugin {
        Mapped {
            text: yaml.text.clone(),
            origin: yaml.origin.clone(),
            folded: yaml.folded.clone(),
        }
    } else {
        yaml.convert_escapes()
    };
    let literal_escapes = if plugin {
        model.text.match_indices("\\n").map(|(i, _)| i).collect()
    } else {
        Vec::new()
    };
    let intended = yaml.unfolded().replace("\\n", "\n");
    let nl = crate::text::line_ending(text);
    let double_quoted = style == Style::DoubleQuoted && !requoted;
    let line_break = match &form {
        Form::OneLine if double_quoted && text[span.clone()].contains("\\\\n") => {
            Some("\\\\n".to_string())
        }
        Form::OneLine => Some("\\n".to_string()),
        Form::Literal { indent } => Some(format!("{nl}{}", " ".repeat(*indent))),
        _ => None,
    };
    let origin = Origins::new(&model.text, &model.origin);
    Some(Description {
        key: entry.key.span.clone(),
        value: value_range,
        form,
        text: model.text,
        origin,
        folded: model.folded,
        literal_escapes,
        intended,
        seen: Seen::AsAnalysed,
        line_break,
        quote: match style {
            Style::DoubleQuoted if !requoted => Some('"'),
            Style::SingleQuoted => Some('\''),
            _ => None,
        },
    })
}

/// Whether a source line is a key the frontmatter means (not a raw line of text).
fn known_key_line(line: &str, is_known_key: &dyn Fn(&str) -> bool) -> bool {
    let len = line
        .bytes()
        .take_while(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-'))
        .count();
    let key = &line[..len];
    !key.is_empty() && line[key.len()..].starts_with(':') && is_known_key(key)
}

/// A raw example line YAML reads as a key: `user:`, `assistant:` or `Context:` at column 0.
pub fn turn_key(line: &str) -> Option<&str> {
    let key = line.split(':').next()?;
    ["user", "assistant", "context", "human"]
        .iter()
        .any(|k| key.eq_ignore_ascii_case(k))
        .then_some(key)
}

/// The non-blank lines after the line ending at `from`, up to the next line that
/// starts a key the frontmatter means (or `limit`): raw lines of the value above them.
fn raw_lines_after(
    text: &str,
    from: usize,
    limit: usize,
    is_known_key: &dyn Fn(&str) -> bool,
) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    // The frontmatter can end inside a line (at the first `---`): never read past it.
    let from = from.min(limit);
    let mut at = text[from..limit].find('\n').map_or(limit, |i| from + i + 1);
    while at < limit {
        let line = super::super::diagnostics::line_at(text, at);
        let line = line.start..line.end.min(limit);
        let s = &text[line.clone()];
        if known_key_line(s, is_known_key) {
            break;
        }
        if !s.trim().is_empty() {
            out.push(line.clone());
        }
        at = text[line.end..limit]
            .find('\n')
            .map_or(limit, |i| line.end + i + 1);
    }
    out
}

/// The silent twin of the unparseable form: a one-line description followed by raw
/// example lines at column 0 that YAML reads as keys, so the loader keeps the first
/// line only.
fn cut_by_keys(
    text: &str,
    fm: &Frontmatter,
    entry: &Entry,
    value: &str,
    loaded: &Loaded,
    is_known_key: &dyn Fn(&str) -> bool,
) -> Option<Description> {
    let span = &entry.value.span;
    if text[span.clone()].contains('\n') {
        return None;
    }
    let yaml = fm.yaml_range()?;
    let root_keys: Vec<usize> = fm
        .loader_root()?
        .entries()?
        .iter()
        .map(|e| e.key.span.start)
        .collect();
    let first_line_end = line_end(text, span.start);
    let raw_lines = raw_lines_after(text, first_line_end, yaml.end, is_known_key);
    let key_lines: Vec<Range<usize>> = raw_lines
        .iter()
        .filter(|l| turn_key(&text[(*l).clone()]).is_some() && root_keys.contains(&l.start))
        .cloned()
        .collect();
    let last_end = raw_lines.last().map(|l| l.end);
    let last_end = last_end?;
    let has_turn = key_lines
        .iter()
        .any(|l| !text[l.clone()].to_ascii_lowercase().starts_with("context"));
    if !has_turn {
        return None;
    }
    // The first line as YAML reads it, then every raw line as written.
    let requoted = fm
        .rewrites
        .iter()
        .any(|r| r.kind == RewriteKind::Requoted && r.value.as_ref() == Some(span));
    let mut m = Mapped::default();
    match entry.value.style() {
        Some(Style::Plain) => m.copy(value, span.start),
        _ if requoted => m.copy(value, span.start),
        Some(Style::SingleQuoted) => {
            m = flow(
                text,
                span.start + 1..span.end - 1,
                Quote::Single,
                Breaks::Fold,
            )
        }
        Some(Style::DoubleQuoted) => {
            m = flow(
                text,
                span.start + 1..span.end - 1,
                Quote::Double,
                Breaks::Fold,
            )
        }
        _ => return None,
    }
    if m.text != value {
        return None;
    }
    let raw = first_line_end..last_end;
    let mut rest = Mapped::default();
    rest.copy(&text[raw.clone()], raw.start);
    let rest = drop_carriage_returns(&rest);
    m.text.push_str(&rest.text);
    m.origin.extend(rest.origin);
    let model = m.convert_escapes();
    let origin = Origins::new(&model.text, &model.origin);
    Some(Description {
        key: entry.key.span.clone(),
        value: span.start..last_end,
        form: Form::CutByKeys { key_lines },
        intended: model.text.clone(),
        text: model.text,
        origin,
        folded: Vec::new(),
        literal_escapes: Vec::new(),
        seen: Seen::Other(loaded.description.clone().unwrap_or_default()),
        line_break: Some(crate::text::line_ending(text).to_string()),
        quote: None,
    })
}

fn drop_carriage_returns(m: &Mapped) -> Mapped {
    let mut out = Mapped::default();
    for (i, c) in m.text.char_indices() {
        if c == '\r' && m.text[i + 1..].starts_with('\n') {
            continue;
        }
        out.text.push(c);
        out.origin.extend_from_slice(&m.origin[i..i + c.len_utf8()]);
    }
    out
}

/// A description the loader cannot read (the frontmatter is unparseable): the value in
/// the tolerant view, lines kept as the author wrote them.
fn raw(
    text: &str,
    fm: &Frontmatter,
    loaded: &Loaded,
    is_known_key: &dyn Fn(&str) -> bool,
) -> Option<Description> {
    let entry = fm.get("description")?;
    let mut span = entry.value.span.clone();
    if span.is_empty() {
        return None;
    }
    // The tolerant scan splits `Context: …` off as a key when it directly follows the
    // description line; raw lines holding example text belong to the description.
    let limit = fm.yaml_range()?.end;
    let after = raw_lines_after(text, line_end(text, span.end), limit, is_known_key);
    let example_text = |l: &Range<usize>| {
        turn_key(&text[l.clone()]).is_some()
            || text[l.clone()].contains("<example>")
            || text[l.clone()].contains("</example>")
    };
    if after.iter().any(example_text) {
        span.end = after.last().map_or(span.end, |l| l.end);
    }
    let s = &text[span.clone()];
    let quote = match s.chars().next() {
        Some('"') if s.len() >= 2 && s.ends_with('"') => Quote::Double,
        Some('\'') if s.len() >= 2 && s.ends_with('\'') => Quote::Single,
        _ => Quote::None,
    };
    let inner = if quote == Quote::None {
        span.clone()
    } else {
        span.start + 1..span.end - 1
    };
    // Continuation lines indented under the key are indented for YAML, not for the text.
    let dedent = s
        .lines()
        .skip(1)
        .filter(|l| !l.trim().is_empty())
        .map(|l| l.len() - l.trim_start_matches(' ').len())
        .min()
        .unwrap_or(0);
    let m =
        drop_carriage_returns(&flow(text, inner, quote, Breaks::Keep(dedent))).convert_escapes();
    let multi = s.contains('\n');
    let seen = match (loaded.loads(), &loaded.description) {
        (true, Some(d)) => Seen::Other(d.clone()),
        _ => Seen::NotLoaded,
    };
    let origin = Origins::new(&m.text, &m.origin);
    Some(Description {
        key: entry.key.span.clone(),
        value: span,
        form: if multi { Form::RawLines } else { Form::OneLine },
        intended: m.text.clone(),
        text: m.text,
        origin,
        folded: Vec::new(),
        literal_escapes: Vec::new(),
        seen,
        line_break: Some(if multi {
            crate::text::line_ending(text).to_string()
        } else {
            "\\n".to_string()
        }),
        quote: None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{catalog, loader, syntax};

    #[test]
    fn escapes_convert_and_folded_breaks_keep_their_place() {
        let mut m = Mapped::default();
        m.copy("a\\nb", 10);
        m.fold(20..21);
        m.copy("é\\\\nc", 30);
        m.fold(40..41);
        m.copy("\\n", 50);
        let out = m.convert_escapes();
        assert_eq!(out.text, "a\nb é\\\nc \n");
        assert_eq!(out.origin.len(), out.text.len());
        assert_eq!(out.folded, [3, 9]);
        assert!(out.folded.iter().all(|&f| &out.text[f..=f] == " "));
        assert_eq!(out.origin[1], 11..13);
        assert_eq!(out.origin[4], 30..32);
        assert_eq!(out.origin[5], 30..32);
        assert_eq!(out.origin[7], 33..35);
        assert_eq!(out.origin[10], 50..52);
    }

    #[test]
    fn origins_as_runs_give_every_byte_its_source() {
        let mut m = Mapped::default();
        m.copy("aé b", 10);
        m.fold(15..16);
        m.push("\n", 20..22);
        m.push("\n", 22..24);
        m.copy("x😀y", 30);
        m.push("é", 40..41);
        let runs = Origins::new(&m.text, &m.origin);
        for (i, want) in m.origin.iter().enumerate() {
            assert_eq!(runs.get(&m.text, i).as_ref(), Some(want), "byte {i}");
        }
        assert_eq!(runs.get(&m.text, m.text.len()), None);
        assert!(runs.runs.len() < m.origin.len() / 2, "{:?}", runs.runs);
    }

    fn read_as(text: &str, plugin: bool) -> Description {
        let cat = catalog::claude_agent();
        let fm = syntax::parse(text, &|k| cat.key(k).is_some());
        let scope = if plugin {
            catalog::Origin::Plugin {
                plugin: "p".into(),
                file_stem: "a".into(),
            }
        } else {
            catalog::Origin::Project
        };
        let loaded = loader::load(&fm, &scope, cat);
        read(text, &fm, &loaded, plugin, &|k| cat.key(k).is_some()).unwrap()
    }

    /// The source text behind the first occurrence of `needle` in the read text.
    fn source_of<'a>(text: &'a str, d: &Description, needle: &str) -> &'a str {
        let at = d.text.find(needle).unwrap();
        &text[d.source_range(at..at + needle.len())]
    }

    #[test]
    fn escapes_map_back_to_their_source_characters() {
        let text =
            "---\nname: a\ndescription: \"X \\\"q\\\"\\t\\u00e9\\n<example>\\\\nuser: y\"\n---\n";
        let d = read_as(text, false);
        assert_eq!(d.text, "X \"q\"\té\n<example>\nuser: y");
        assert_eq!(source_of(text, &d, "\"q\""), "\\\"q\\\"");
        assert_eq!(source_of(text, &d, "é\n<"), "\\u00e9\\n<");
        assert_eq!(source_of(text, &d, ">\nu"), ">\\\\nu");
        assert_eq!(d.form, Form::OneLine);
    }

    #[test]
    fn block_scalars_and_folding() {
        let text = "---\nname: a\ndescription: >-\n  one\n  two\n\n    more\n  end\n---\n";
        let d = read_as(text, false);
        assert_eq!(d.text, "one two\n\n  more\nend");
        assert_eq!(d.folded, vec![3]);
        assert_eq!(source_of(text, &d, "more"), "more");
        assert_eq!(d.intended, "one\ntwo\n\n  more\nend");
        let text = "---\nname: a\ndescription: |\n  one\n\n  two\ntools: Read\n---\n";
        let d = read_as(text, false);
        assert_eq!(
            (d.text.as_str(), &d.form),
            ("one\n\ntwo\n", &Form::Literal { indent: 2 })
        );
        assert_eq!(source_of(text, &d, "two"), "two");
    }

    #[test]
    fn plain_values_fold_and_plugins_keep_escapes() {
        let text = "---\nname: a\ndescription: one\n   two  \n\n three\\nfour\n---\n";
        let d = read_as(text, true);
        assert_eq!(d.text, "one two\nthree\\nfour");
        assert_eq!(d.literal_escapes, vec![13]);
        assert_eq!(d.intended, "one\ntwo\nthree\nfour");
        assert_eq!(source_of(text, &d, "two\nthree"), "two  \n\n three");
    }
}
