//! A YAML tree with byte spans, built from saphyr-parser's events.
//!
//! We build the tree ourselves rather than use saphyr's loader because the loader rejects
//! repeated keys, which Claude Code accepts (the last one wins) and real files contain.
//! saphyr's markers count characters, so every span is converted to bytes here.

use saphyr_parser::{Event, Parser, ScalarStyle, Span};
use std::ops::Range;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Style {
    Plain,
    SingleQuoted,
    DoubleQuoted,
    Literal,
    Folded,
}

#[derive(Clone, Debug, PartialEq)]
pub enum NodeKind {
    Scalar {
        value: String,
        style: Style,
        tag: Option<String>,
    },
    Seq {
        items: Vec<Node>,
        flow: bool,
    },
    Map {
        entries: Vec<Entry>,
        flow: bool,
    },
    /// An alias (`*name`); the loader would resolve it, we only need to know it is there.
    Alias,
}

/// A node and the bytes it covers in the document that was parsed.
#[derive(Clone, Debug, PartialEq)]
pub struct Node {
    pub kind: NodeKind,
    pub span: Range<usize>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Entry {
    pub key: Node,
    pub value: Node,
}

/// The value a scalar has under the YAML 1.2 core schema (what Bun.YAML gives).
#[derive(Clone, Debug, PartialEq)]
pub enum Value<'a> {
    Null,
    Bool(bool),
    Int(i64),
    Float(f64),
    Str(&'a str),
}

impl Value<'_> {
    pub fn type_name(&self) -> &'static str {
        match self {
            Value::Null => "null",
            Value::Bool(_) => "boolean",
            Value::Int(_) | Value::Float(_) => "number",
            Value::Str(_) => "string",
        }
    }
}

impl Node {
    /// The core-schema value of a scalar, None for collections and aliases.
    pub fn scalar(&self) -> Option<Value<'_>> {
        match &self.kind {
            NodeKind::Scalar { value, style, tag } => Some(match (style, tag.as_deref()) {
                (_, Some("!!str")) => Value::Str(value),
                (Style::Plain, _) => resolve_plain(value),
                _ => Value::Str(value),
            }),
            _ => None,
        }
    }

    /// The string if this is a scalar that resolves to a string.
    pub fn as_str(&self) -> Option<&str> {
        match self.scalar() {
            Some(Value::Str(s)) => Some(s),
            _ => None,
        }
    }

    pub fn is_null(&self) -> bool {
        matches!(self.scalar(), Some(Value::Null))
    }

    pub fn entries(&self) -> Option<&[Entry]> {
        match &self.kind {
            NodeKind::Map { entries, .. } => Some(entries),
            _ => None,
        }
    }

    pub fn items(&self) -> Option<&[Node]> {
        match &self.kind {
            NodeKind::Seq { items, .. } => Some(items),
            _ => None,
        }
    }

    /// The last entry whose key is the string `key`: the one the loader keeps.
    pub fn get(&self, key: &str) -> Option<&Entry> {
        self.entries()?
            .iter()
            .rev()
            .find(|e| e.key.as_str() == Some(key))
    }

    /// What kind of YAML thing this is, in words for messages.
    pub fn describe(&self) -> &'static str {
        match &self.kind {
            NodeKind::Scalar { .. } => self.scalar().map_or("scalar", |v| v.type_name()),
            NodeKind::Seq { .. } => "list",
            NodeKind::Map { .. } => "mapping",
            NodeKind::Alias => "alias",
        }
    }

    pub fn style(&self) -> Option<Style> {
        match &self.kind {
            NodeKind::Scalar { style, .. } => Some(*style),
            _ => None,
        }
    }

    /// Shifts every span by `delta` bytes (from YAML-text offsets to file offsets).
    pub fn shift(&mut self, map: &dyn Fn(usize) -> usize) {
        self.span = map(self.span.start)..map(self.span.end);
        match &mut self.kind {
            NodeKind::Seq { items, .. } => items.iter_mut().for_each(|n| n.shift(map)),
            NodeKind::Map { entries, .. } => entries.iter_mut().for_each(|e| {
                e.key.shift(map);
                e.value.shift(map);
            }),
            _ => {}
        }
    }
}

/// YAML 1.2 core schema resolution of a plain scalar.
fn resolve_plain(s: &str) -> Value<'_> {
    match s {
        "" | "~" | "null" | "Null" | "NULL" => return Value::Null,
        "true" | "True" | "TRUE" => return Value::Bool(true),
        "false" | "False" | "FALSE" => return Value::Bool(false),
        ".inf" | ".Inf" | ".INF" | "+.inf" | "+.Inf" | "+.INF" => {
            return Value::Float(f64::INFINITY)
        }
        "-.inf" | "-.Inf" | "-.INF" => return Value::Float(f64::NEG_INFINITY),
        ".nan" | ".NaN" | ".NAN" => return Value::Float(f64::NAN),
        _ => {}
    }
    let b = s.as_bytes();
    let digits = |t: &str, radix: u32| !t.is_empty() && t.chars().all(|c| c.is_digit(radix));
    if let Some(h) = s.strip_prefix("0x") {
        if digits(h, 16) {
            return i64::from_str_radix(h, 16).map_or(Value::Float(f64::MAX), Value::Int);
        }
    }
    if let Some(o) = s.strip_prefix("0o") {
        if digits(o, 8) {
            return i64::from_str_radix(o, 8).map_or(Value::Float(f64::MAX), Value::Int);
        }
    }
    let unsigned = s.strip_prefix(['-', '+']).unwrap_or(s);
    if digits(unsigned, 10) {
        return s
            .parse::<i64>()
            .map_or_else(|_| Value::Float(s.parse().unwrap_or(0.0)), Value::Int);
    }
    // [-+]? ( \. [0-9]+ | [0-9]+ ( \. [0-9]* )? ) ( [eE] [-+]? [0-9]+ )?
    let looks_float = !unsigned.is_empty()
        && (b[0].is_ascii_digit() || b[0] == b'.' || b[0] == b'-' || b[0] == b'+')
        && is_core_float(unsigned);
    if looks_float {
        if let Ok(f) = s.parse::<f64>() {
            return Value::Float(f);
        }
    }
    Value::Str(s)
}

fn is_core_float(t: &str) -> bool {
    let (mantissa, exp) = match t.find(['e', 'E']) {
        Some(i) => (&t[..i], Some(&t[i + 1..])),
        None => (t, None),
    };
    let mant_ok = match mantissa.split_once('.') {
        Some((int, frac)) => {
            (int.chars().all(|c| c.is_ascii_digit()) && frac.chars().all(|c| c.is_ascii_digit()))
                && !(int.is_empty() && frac.is_empty())
        }
        None => !mantissa.is_empty() && mantissa.chars().all(|c| c.is_ascii_digit()),
    };
    let exp_ok = exp.is_none_or(|e| {
        let e = e.strip_prefix(['-', '+']).unwrap_or(e);
        !e.is_empty() && e.chars().all(|c| c.is_ascii_digit())
    });
    mant_ok && exp_ok
}

/// A YAML syntax error at a byte offset of the parsed text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct YamlError {
    pub offset: usize,
    pub message: String,
}

/// Converts saphyr's character indices to byte offsets, walking from the last answer
/// (events arrive nearly in order, so each step is short).
struct CharToByte<'a> {
    text: &'a str,
    ascii: bool,
    chars: usize,
    bytes: usize,
}

impl CharToByte<'_> {
    fn byte(&mut self, char_idx: usize) -> usize {
        if self.ascii {
            return char_idx.min(self.text.len());
        }
        while self.chars < char_idx && self.bytes < self.text.len() {
            let c = self.text[self.bytes..]
                .chars()
                .next()
                .map_or(1, char::len_utf8);
            self.bytes += c;
            self.chars += 1;
        }
        while self.chars > char_idx {
            self.bytes -= 1;
            while !self.text.is_char_boundary(self.bytes) {
                self.bytes -= 1;
            }
            self.chars -= 1;
        }
        self.bytes
    }
}

enum Open {
    Seq {
        items: Vec<Node>,
        start: usize,
        flow: bool,
        anchor: usize,
    },
    Map {
        entries: Vec<Entry>,
        pending_key: Option<Node>,
        start: usize,
        flow: bool,
        anchor: usize,
    },
}

/// How many nodes alias expansion may copy in one document: Bun resolves aliases, so we
/// do too, but a chain of aliases of aliases would otherwise grow exponentially.
const ALIAS_BUDGET: usize = 100_000;

fn size(n: &Node) -> usize {
    1 + match &n.kind {
        NodeKind::Seq { items, .. } => items.iter().map(size).sum(),
        NodeKind::Map { entries, .. } => {
            entries.iter().map(|e| size(&e.key) + size(&e.value)).sum()
        }
        _ => 0,
    }
}

/// Parses one YAML document. Returns the root node (None for an empty document) or the
/// first error: saphyr repeats its first error forever, so we stop there.
pub fn parse(text: &str) -> Result<Option<Node>, YamlError> {
    let mut conv = CharToByte {
        text,
        ascii: text.is_ascii(),
        chars: 0,
        bytes: 0,
    };
    let mut parser = Parser::new_from_str(text);
    let mut stack: Vec<Open> = Vec::new();
    let mut root: Option<Node> = None;
    let mut documents = 0;
    // Each anchored node with its size, so an alias costs no walk of its target.
    let mut anchors: std::collections::HashMap<usize, (Node, usize)> =
        std::collections::HashMap::new();
    let mut budget = ALIAS_BUDGET;
    while let Some(next) = parser.next_event() {
        let (event, span): (Event, Span) = next.map_err(|e| YamlError {
            offset: conv.byte(e.marker().index()),
            message: e.info().to_string(),
        })?;
        let start = conv.byte(span.start.index());
        let end = conv.byte(span.end.index()).max(start);
        let done: Option<Node> = match event {
            Event::DocumentStart(_) => {
                documents += 1;
                if documents > 1 {
                    return Err(YamlError {
                        offset: start,
                        message: "more than one YAML document in the frontmatter".into(),
                    });
                }
                None
            }
            Event::Scalar(value, style, anchor, tag) => Some(Node {
                kind: NodeKind::Scalar {
                    value: value.into_owned(),
                    style: match style {
                        ScalarStyle::Plain => Style::Plain,
                        ScalarStyle::SingleQuoted => Style::SingleQuoted,
                        ScalarStyle::DoubleQuoted => Style::DoubleQuoted,
                        ScalarStyle::Literal => Style::Literal,
                        ScalarStyle::Folded => Style::Folded,
                    },
                    tag: tag.map(|t| format!("{}{}", t.handle, t.suffix)),
                },
                span: start..end,
            })
            .inspect(|n| {
                if anchor > 0 {
                    anchors.insert(anchor, (n.clone(), 1));
                }
            }),
            Event::Alias(id) => Some(match anchors.get(&id) {
                // The anchored value, at the alias's place in the text.
                Some((target, n)) if *n <= budget => {
                    budget -= n;
                    Node {
                        kind: target.kind.clone(),
                        span: start..end,
                    }
                }
                _ => Node {
                    kind: NodeKind::Alias,
                    span: start..end,
                },
            }),
            Event::SequenceStart(anchor, _) => {
                let flow = text[start..].starts_with('[');
                stack.push(Open::Seq {
                    items: Vec::new(),
                    start,
                    flow,
                    anchor,
                });
                None
            }
            Event::MappingStart(anchor, _) => {
                let flow = text[start..].starts_with('{');
                stack.push(Open::Map {
                    entries: Vec::new(),
                    pending_key: None,
                    start,
                    flow,
                    anchor,
                });
                None
            }
            Event::SequenceEnd | Event::MappingEnd => {
                let (node, anchor) = match stack.pop() {
                    Some(Open::Seq {
                        items,
                        start: s,
                        flow,
                        anchor,
                    }) => {
                        let e = if flow {
                            end
                        } else {
                            items.last().map_or(s, |n| n.span.end)
                        };
                        (
                            Some(Node {
                                kind: NodeKind::Seq { items, flow },
                                span: s..e.max(s),
                            }),
                            anchor,
                        )
                    }
                    Some(Open::Map {
                        entries,
                        start: s,
                        flow,
                        anchor,
                        ..
                    }) => {
                        let e = if flow {
                            end
                        } else {
                            entries.last().map_or(s, |n| n.value.span.end)
                        };
                        (
                            Some(Node {
                                kind: NodeKind::Map { entries, flow },
                                span: s..e.max(s),
                            }),
                            anchor,
                        )
                    }
                    None => (None, 0),
                };
                if let (Some(n), true) = (&node, anchor > 0) {
                    let n_size = size(n);
                    if n_size <= budget {
                        budget -= n_size;
                        anchors.insert(anchor, (n.clone(), n_size));
                    }
                }
                node
            }
            _ => None,
        };
        if let Some(node) = done {
            match stack.last_mut() {
                Some(Open::Seq { items, .. }) => items.push(node),
                Some(Open::Map {
                    entries,
                    pending_key,
                    ..
                }) => match pending_key.take() {
                    Some(key) => entries.push(Entry { key, value: node }),
                    None => *pending_key = Some(node),
                },
                None => root = Some(node),
            }
        }
    }
    Ok(root)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_are_bytes_and_duplicates_survive() {
        let text = "name: é😀x\nname: b\ntools: [Read, Edit]\n";
        let root = parse(text).unwrap().unwrap();
        let entries = root.entries().unwrap();
        assert_eq!(entries.len(), 3);
        assert_eq!(&text[entries[0].value.span.clone()], "é😀x");
        assert_eq!(root.get("name").unwrap().value.as_str(), Some("b"));
        let tools = &root.get("tools").unwrap().value;
        assert_eq!(&text[tools.span.clone()], "[Read, Edit]");
        assert_eq!(&text[tools.items().unwrap()[1].span.clone()], "Edit");
    }

    #[test]
    fn aliases_resolve_to_their_anchor_and_bombs_stay_bounded() {
        let root = parse("x: &d Use this agent\ndescription: *d\nt: &l [Read, Grep]\ntools: *l\n")
            .unwrap()
            .unwrap();
        assert_eq!(
            root.get("description").unwrap().value.as_str(),
            Some("Use this agent")
        );
        assert_eq!(root.get("tools").unwrap().value.items().unwrap().len(), 2);
        let mut bomb = String::from("a: &a [x, x, x, x, x, x, x, x, x, x]\n");
        for i in 0..12 {
            let prev = if i == 0 {
                "a".to_string()
            } else {
                format!("b{}", i - 1)
            };
            bomb.push_str(&format!(
                "b{i}: &b{i} [{}]\n",
                vec![format!("*{prev}"); 10].join(", ")
            ));
        }
        assert!(parse(&bomb).unwrap().is_some());
    }

    #[test]
    fn core_schema() {
        let root = parse("a: 12345\nb: yes\nc:\nd: 1.5\ne: '12'\nf: true\ng: 0x1F\n")
            .unwrap()
            .unwrap();
        let v = |k| root.get(k).unwrap().value.scalar().unwrap();
        assert_eq!(v("a"), Value::Int(12345));
        assert_eq!(v("b"), Value::Str("yes"));
        assert_eq!(v("c"), Value::Null);
        assert_eq!(v("d"), Value::Float(1.5));
        assert_eq!(v("e"), Value::Str("12"));
        assert_eq!(v("f"), Value::Bool(true));
        assert_eq!(v("g"), Value::Int(31));
    }

    #[test]
    fn first_error_is_reported_with_a_byte_offset() {
        let err = parse("é: x\ndescription: Use when: thing\n").unwrap_err();
        assert!(err.offset > 5, "{err:?}");
        assert!(parse("tools: *\n").is_err());
    }

    #[test]
    fn block_scalars_and_comments() {
        let text = "d: |\n  one\n  two\nc: Expert in C# #dotnet\n";
        let root = parse(text).unwrap().unwrap();
        assert_eq!(root.get("d").unwrap().value.as_str(), Some("one\ntwo\n"));
        let c = &root.get("c").unwrap().value;
        assert_eq!(c.as_str(), Some("Expert in C#"));
        assert_eq!(&text[c.span.clone()], "Expert in C#");
    }
}
