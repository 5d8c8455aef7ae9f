//! The `<example>` blocks of a description's text: their tags, the commentary inside
//! them, and their turns (`Context:`, `user:`, `assistant:`). Offsets are in the text
//! the blocks were read from; nothing here knows the source file.

use std::ops::Range;

pub const EXAMPLE_OPEN: &str = "<example>";
pub const EXAMPLE_CLOSE: &str = "</example>";
pub const COMMENTARY_OPEN: &str = "<commentary>";
pub const COMMENTARY_CLOSE: &str = "</commentary>";

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
    Context,
    User,
    Assistant,
}

impl Role {
    pub fn label(self) -> &'static str {
        match self {
            Role::Context => "Context",
            Role::User => "user",
            Role::Assistant => "assistant",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Turn {
    pub role: Role,
    /// The marker, `user:` included.
    pub marker: Range<usize>,
    /// What follows the marker up to the next marker, commentary or the example's end.
    pub content: Range<usize>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Commentary {
    pub open: Range<usize>,
    pub close: Option<Range<usize>>,
    /// Between the tags; for an unclosed one, up to the example's end.
    pub body: Range<usize>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Example {
    pub open: Range<usize>,
    pub close: Option<Range<usize>>,
    /// Between the tags; for an unclosed one, up to the next `<example>` or the end.
    pub body: Range<usize>,
    /// Set when this example sits inside another, closed, one.
    pub nested_in: Option<usize>,
    pub turns: Vec<Turn>,
    pub commentaries: Vec<Commentary>,
}

impl Example {
    /// From the opening tag through the closing one (or the body's end).
    pub fn whole(&self) -> Range<usize> {
        self.open.start..self.close.as_ref().map_or(self.body.end, |c| c.end)
    }

    pub fn first(&self, role: Role) -> Option<&Turn> {
        self.turns.iter().find(|t| t.role == role)
    }
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Examples {
    pub examples: Vec<Example>,
    /// `</example>` with no `<example>` to close.
    pub stray_closes: Vec<Range<usize>>,
    /// `<commentary>` blocks outside every example.
    pub outside: Vec<Commentary>,
    /// `</commentary>` with no `<commentary>` to close, outside every example.
    pub stray_commentary_closes: Vec<Range<usize>>,
    /// `</example></commentary>`: the commentary closes after its example (the tags,
    /// in that order).
    pub crossed: Vec<(Range<usize>, Range<usize>)>,
    /// Text between the end of one example and the start of the next, trimmed.
    pub between: Vec<Range<usize>>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Tag {
    ExampleOpen,
    ExampleClose,
    CommentaryOpen,
    CommentaryClose,
}

fn tags(text: &str) -> Vec<(Tag, Range<usize>)> {
    let mut out = Vec::new();
    for (tag, s) in [
        (Tag::ExampleOpen, EXAMPLE_OPEN),
        (Tag::ExampleClose, EXAMPLE_CLOSE),
        (Tag::CommentaryOpen, COMMENTARY_OPEN),
        (Tag::CommentaryClose, COMMENTARY_CLOSE),
    ] {
        out.extend(text.match_indices(s).map(|(i, _)| (tag, i..i + s.len())));
    }
    out.sort_by_key(|(_, r)| r.start);
    out
}

/// Reads every example block of `text`.
pub fn parse(text: &str) -> Examples {
    let all = tags(text);
    let mut out = Examples::default();
    // Match example tags like brackets.
    let mut stack: Vec<usize> = Vec::new();
    let mut opens: Vec<(Range<usize>, Option<Range<usize>>)> = Vec::new();
    // The example each one was opened inside (the top of the stack then).
    let mut parent: Vec<Option<usize>> = Vec::new();
    for (tag, r) in &all {
        match tag {
            Tag::ExampleOpen => {
                parent.push(stack.last().copied());
                stack.push(opens.len());
                opens.push((r.clone(), None));
            }
            Tag::ExampleClose => match stack.pop() {
                Some(i) => opens[i].1 = Some(r.clone()),
                None => out.stray_closes.push(r.clone()),
            },
            _ => {}
        }
    }
    // The innermost closed example around each one. Examples close in stack order, so
    // an enclosing example that closes at all closes after this one: the nearest closed
    // one up the parent chain, remembered per example so the walk is done once.
    let mut closed_around: Vec<Option<usize>> = Vec::with_capacity(opens.len());
    for p in &parent {
        let found = p.and_then(|p| {
            if opens[p].1.is_some() {
                Some(p)
            } else {
                closed_around[p]
            }
        });
        closed_around.push(found);
    }
    for (i, (open, close)) in opens.iter().enumerate() {
        let body_end = match close {
            Some(c) => c.start,
            None => opens[i + 1..].first().map_or(text.len(), |(o, _)| o.start),
        };
        let nested_in = close.as_ref().and(closed_around[i]);
        out.examples.push(Example {
            open: open.clone(),
            close: close.clone(),
            body: open.end..body_end,
            nested_in,
            turns: Vec::new(),
            commentaries: Vec::new(),
        });
    }
    commentaries(text, &all, &closed_around, &mut out);
    for e in &mut out.examples {
        e.turns = turns(text, e);
    }
    between(text, &mut out);
    out
}

/// The innermost example whose body holds `offset`. Offsets come in file order;
/// `started` counts the examples opened before the last one asked about. When the last
/// example opened does not hold it, only the closed examples around that one can (an
/// unclosed example ends where the next one opens), nearest first.
fn owner(
    examples: &[Example],
    closed_around: &[Option<usize>],
    started: &mut usize,
    offset: usize,
) -> Option<usize> {
    while examples
        .get(*started)
        .is_some_and(|e| e.body.start <= offset)
    {
        *started += 1;
    }
    let mut k = started.checked_sub(1)?;
    while !inside(&examples[k], offset) {
        k = closed_around[k]?;
    }
    Some(k)
}

/// Whether `offset` lies in the body of example `e`.
fn inside(e: &Example, offset: usize) -> bool {
    e.body.start <= offset && offset < e.body.end
}

/// Matches commentary tags within each example (a commentary never spans examples),
/// and outside them.
fn commentaries(
    text: &str,
    all: &[(Tag, Range<usize>)],
    closed_around: &[Option<usize>],
    out: &mut Examples,
) {
    let mut started = 0;
    let mut open: Vec<(Option<usize>, Range<usize>)> = Vec::new();
    for (tag, r) in all {
        if !matches!(tag, Tag::CommentaryOpen | Tag::CommentaryClose) {
            continue;
        }
        let here = owner(&out.examples, closed_around, &mut started, r.start);
        match tag {
            Tag::CommentaryOpen => open.push((here, r.clone())),
            Tag::CommentaryClose => match open.iter().rposition(|(o, _)| *o == here) {
                Some(i) => {
                    let (o, start) = open.remove(i);
                    let c = Commentary {
                        body: start.end..r.start,
                        open: start,
                        close: Some(r.clone()),
                    };
                    match o {
                        Some(e) => out.examples[e].commentaries.push(c),
                        None => out.outside.push(c),
                    }
                }
                None => {
                    // `</example></commentary>`: the commentary of the example just
                    // closed, with its closing tags in the wrong order.
                    let before = text[..r.start].trim_end();
                    let crossed = before.ends_with(EXAMPLE_CLOSE).then(|| {
                        let close = before.len() - EXAMPLE_CLOSE.len()..before.len();
                        let e = out
                            .examples
                            .iter()
                            .position(|e| e.close.as_ref() == Some(&close))?;
                        let i = open.iter().rposition(|(o, _)| *o == Some(e))?;
                        Some((e, i, close))
                    });
                    match crossed.flatten() {
                        Some((e, i, close)) => {
                            let (_, start) = open.remove(i);
                            out.examples[e].commentaries.push(Commentary {
                                body: start.end..close.start,
                                open: start,
                                close: None,
                            });
                            out.crossed.push((close, r.clone()));
                        }
                        None => out.stray_commentary_closes.push(r.clone()),
                    }
                }
            },
            _ => {}
        }
    }
    for (o, start) in open {
        match o {
            Some(e) => {
                let end = out.examples[e].body.end;
                out.examples[e].commentaries.push(Commentary {
                    body: start.end..end,
                    open: start,
                    close: None,
                });
            }
            None => out.outside.push(Commentary {
                body: start.end..text.len(),
                open: start,
                close: None,
            }),
        }
    }
    for e in &mut out.examples {
        e.commentaries.sort_by_key(|c| c.open.start);
    }
}

/// The turn markers of an example outside its commentary. Markers that start a line
/// (after indentation, a list dash, or a tag) are the turns; in an example written on a
/// single line, a marker after any white space is one too.
fn turns(text: &str, e: &Example) -> Vec<Turn> {
    let body = e.body.clone();
    let in_commentary = |i: usize| {
        e.commentaries
            .iter()
            .any(|c| c.open.start <= i && i < c.close.as_ref().map_or(c.body.end, |c| c.end))
    };
    let mut leading = Vec::new();
    let mut inline = Vec::new();
    for (i, role, len) in markers(&text[body.clone()]) {
        let at = body.start + i;
        if in_commentary(at) {
            continue;
        }
        let line_start = text[body.start..at]
            .rfind('\n')
            .map_or(body.start, |n| body.start + n + 1);
        let before = text[line_start..at].trim();
        let starts_line =
            before.is_empty() || before == "-" || before == "*" || before.ends_with('>');
        let prev = text[..at].chars().next_back();
        let after_space =
            prev.is_none_or(|c| c.is_whitespace() || c == '>' || c == '(' || c == '"');
        if starts_line {
            leading.push((at, role, len));
        } else if after_space {
            inline.push((at, role, len));
        }
    }
    // Markers after white space inside a line count only when the example is not
    // written one turn per line (it is on one line, or YAML folded it into one).
    let multiline = text[body.clone()].trim().contains('\n');
    let structured = multiline && leading.iter().any(|&(_, role, _)| role != Role::Context);
    let chosen = if structured {
        leading
    } else {
        let mut all = leading;
        all.extend(inline);
        all.sort_by_key(|m| m.0);
        all
    };
    let stops: Vec<usize> = e.commentaries.iter().map(|c| c.open.start).collect();
    chosen
        .iter()
        .enumerate()
        .map(|(k, &(at, role, len))| {
            let next_marker = chosen.get(k + 1).map_or(body.end, |n| n.0);
            let end = stops
                .iter()
                .copied()
                .filter(|&s| s > at)
                .fold(next_marker, usize::min);
            Turn {
                role,
                marker: at..at + len,
                content: at + len..end,
            }
        })
        .collect()
}

/// Every `Context:`, `user:` and `assistant:` (any case) in `s` not glued to a word
/// before it: offset, role, length.
fn markers(s: &str) -> Vec<(usize, Role, usize)> {
    const WORDS: [(&str, Role); 3] = [
        ("context:", Role::Context),
        ("user:", Role::User),
        ("assistant:", Role::Assistant),
    ];
    let bytes = s.as_bytes();
    let mut out = Vec::new();
    // Each marker ends at a colon, and no two words end alike: one look per colon (a
    // lowercased copy and three searches per example cost more on 100,000 examples).
    for (colon, _) in s.match_indices(':') {
        for (word, role) in WORDS {
            let Some(start) = (colon + 1).checked_sub(word.len()) else {
                continue;
            };
            if !bytes[start..=colon].eq_ignore_ascii_case(word.as_bytes()) {
                continue;
            }
            // The match is ASCII, so `start` is a character boundary.
            let glued = s[..start]
                .chars()
                .next_back()
                .is_some_and(|c| c.is_alphanumeric() || c == '_');
            if !glued {
                out.push((start, role, word.len()));
            }
            break;
        }
    }
    out
}

/// Text between consecutive top-level examples other than white space and list marks.
fn between(text: &str, out: &mut Examples) {
    let top: Vec<&Example> = out
        .examples
        .iter()
        .filter(|e| e.nested_in.is_none())
        .collect();
    for pair in top.windows(2) {
        let Some(close) = &pair[0].close else {
            continue;
        };
        let gap = close.end..pair[1].open.start;
        if gap.start >= gap.end {
            continue;
        }
        // Closing tags already reported as stray or crossed are not text of their own.
        let mut blanked = text[gap.clone()].to_string();
        for r in out
            .stray_closes
            .iter()
            .chain(&out.stray_commentary_closes)
            .chain(out.crossed.iter().map(|c| &c.1))
        {
            if gap.start <= r.start && r.end <= gap.end {
                blanked.replace_range(r.start - gap.start..r.end - gap.start, &" ".repeat(r.len()));
            }
        }
        let s = blanked.as_str();
        let meaningful = |c: char| !c.is_whitespace() && !matches!(c, '-' | '*' | '+' | '•');
        let Some(first) = s.find(meaningful) else {
            continue;
        };
        let last = s.rfind(meaningful).map_or(first, |i| {
            i + s[i..].chars().next().map_or(1, char::len_utf8)
        });
        // A numbered list (`2.`) is a list mark too.
        let kept = s[first..last].trim_end_matches(['.', ')']);
        if !kept.is_empty() && kept.chars().all(|c| c.is_ascii_digit()) {
            continue;
        }
        out.between.push(gap.start + first..gap.start + last);
    }
}

/// The start of the first line in `range` that opens with a turn marker.
pub fn leading_marker_line(text: &str, range: Range<usize>) -> Option<usize> {
    let mut at = range.start;
    for line in text[range.clone()].split_inclusive('\n') {
        let opening = line
            .trim_start()
            .trim_start_matches(['-', '*'])
            .trim_start();
        if at > range.start && markers(opening).first().is_some_and(|m| m.0 == 0) {
            return Some(at);
        }
        at += line.len();
    }
    None
}

/// Whether `range` of `text` holds a turn marker: a sign that an example was closed
/// too early.
pub fn holds_turn(text: &str, range: Range<usize>) -> bool {
    !markers(&text[range]).is_empty()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classic_examples() {
        let t = "Use this agent when X.\n\n<example>\nContext: c\nuser: \"u\"\nassistant: \"a\"\n<commentary>\nwhy\n</commentary>\n</example>\n- <example>Context: c2 user: 'u2' assistant: 'a2'</example>";
        let ex = parse(t);
        assert_eq!(ex.examples.len(), 2);
        let roles: Vec<Role> = ex.examples[0].turns.iter().map(|t| t.role).collect();
        assert_eq!(roles, [Role::Context, Role::User, Role::Assistant]);
        assert_eq!(&t[ex.examples[0].turns[2].content.clone()], " \"a\"\n");
        assert_eq!(ex.examples[0].commentaries.len(), 1);
        let roles: Vec<Role> = ex.examples[1].turns.iter().map(|t| t.role).collect();
        assert_eq!(roles, [Role::Context, Role::User, Role::Assistant]);
        assert!(ex.between.is_empty() && ex.stray_closes.is_empty());
    }

    #[test]
    fn unclosed_nested_stray_and_crossed() {
        let t = "<example>user: a assistant: b <example>user: c assistant: d</example></example></example>";
        let ex = parse(t);
        assert_eq!(ex.examples[1].nested_in, Some(0));
        assert_eq!(ex.stray_closes.len(), 1);
        let t = "<example>user: a <example>user: c</example>";
        let ex = parse(t);
        assert_eq!(ex.examples[0].close, None);
        assert_eq!(ex.examples[0].body, 9..17);
        assert_eq!(ex.examples[1].nested_in, None);
        let t = "<example>user: a\n<commentary>x\n</example></commentary>";
        let ex = parse(t);
        assert_eq!(ex.crossed.len(), 1);
        assert!(ex.stray_commentary_closes.is_empty());
    }

    #[test]
    fn text_between_examples() {
        let t = "<example>user: a</example>\n2. <example>user: b</example> then <example>user: c</example>";
        let ex = parse(t);
        assert_eq!(ex.between.len(), 1);
        assert_eq!(&t[ex.between[0].clone()], "then");
    }
}
