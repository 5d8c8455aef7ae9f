//! The YAML tree the analysis works on: nodes with byte spans, read by [`super::reader`]
//! exactly as `Bun.YAML.parse` (the reader inside Claude Code) reads them. The strict
//! YAML 1.2 verdict that other tools' readers share is [`check_strict`] (saphyr).
//!
//! saphyr's markers count characters, so its error offsets are converted to bytes here.

pub use super::reader::Resolved;
use foldhash::fast::RandomState as FastHash;
use saphyr_parser::{Event, Parser};
use std::collections::HashMap;
use std::hash::BuildHasher;
use std::ops::Range;
use std::sync::OnceLock;

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
        /// The scalar's text (folded and unescaped); for non-strings, as written.
        value: String,
        style: Style,
        /// The tag as written (`!!str`), if any.
        tag: Option<String>,
        /// What Bun types it as.
        resolved: Resolved,
    },
    Seq {
        items: Vec<Node>,
        flow: bool,
    },
    Map {
        entries: Entries,
        flow: bool,
    },
    /// An alias the reader does not expand: one inside the collection it names (Bun
    /// returns a cyclic value), or one past the copy budget. `of_seq`: it names a list;
    /// `open`: it names a node still being read where it stands (an enclosing one);
    /// `anchor`: the offset of the anchor it names.
    Alias {
        of_seq: bool,
        open: bool,
        anchor: usize,
    },
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

/// A mapping's entries in order, and for a large mapping, a lookup of each key's last
/// entry built on its first use: the rules and the loader ask the top-level mapping for
/// `name`, `tools` and the rest dozens of times per analysis, and a frontmatter can hold
/// 100,000 keys (a scan from the end per question made each keystroke quadratic-ish).
#[derive(Default)]
pub struct Entries {
    list: Vec<Entry>,
    /// Key hash → index of the last entry with a key of that hash. A hash shared by two
    /// keys is caught by comparing the key found, and then the list is scanned. Boxed:
    /// unboxed, it made every node of every tree (scalars too) a third larger.
    last_by_hash: OnceLock<Box<Lookup>>,
}

/// Below this many entries a scan is as fast as the lookup, and builds nothing.
const INDEXED_FROM: usize = 32;

/// The key hasher (foldhash: a hash per key of 100,000 was a tenth of the lookup's cost
/// with std's SipHash; seeded per process) and the last entry of each key hash.
struct Lookup {
    hasher: FastHash,
    last: HashMap<u64, usize, FastHash>,
}

impl Entries {
    /// The last entry whose key is the string `key`.
    pub fn last_of(&self, key: &str) -> Option<&Entry> {
        let scan = || self.list.iter().rev().find(|e| e.key.as_str() == Some(key));
        if self.list.len() < INDEXED_FROM {
            return scan();
        }
        let lookup = self.last_by_hash.get_or_init(|| {
            let hasher = FastHash::default();
            let mut last = HashMap::with_capacity_and_hasher(self.list.len(), FastHash::default());
            for (i, e) in self.list.iter().enumerate() {
                if let Some(k) = e.key.as_str() {
                    last.insert(hasher.hash_one(k), i);
                }
            }
            Box::new(Lookup { hasher, last })
        });
        let found = lookup.last.get(&lookup.hasher.hash_one(key));
        match found.map(|&i| &self.list[i]) {
            Some(e) if e.key.as_str() == Some(key) => Some(e),
            Some(_) => scan(),
            None => None,
        }
    }
}

impl From<Vec<Entry>> for Entries {
    fn from(list: Vec<Entry>) -> Self {
        Entries {
            list,
            last_by_hash: OnceLock::new(),
        }
    }
}

impl std::ops::Deref for Entries {
    type Target = Vec<Entry>;
    fn deref(&self) -> &Vec<Entry> {
        &self.list
    }
}

impl std::ops::DerefMut for Entries {
    /// Changing the entries drops the lookup; it is rebuilt when next asked.
    fn deref_mut(&mut self) -> &mut Vec<Entry> {
        self.last_by_hash = OnceLock::new();
        &mut self.list
    }
}

impl Clone for Entries {
    fn clone(&self) -> Self {
        self.list.clone().into()
    }
}

impl PartialEq for Entries {
    fn eq(&self, other: &Self) -> bool {
        self.list == other.list
    }
}

impl std::fmt::Debug for Entries {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.list.fmt(f)
    }
}

/// The value a scalar has for Bun.YAML.
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

/// How a reading types `text` written as a plain scalar: what the reader makes of it
/// when it reads back as itself, else a string (null when empty).
fn read_type(text: &str) -> Resolved {
    match super::reader::parse(text) {
        Ok(Some(Node {
            kind: NodeKind::Scalar {
                resolved, value, ..
            },
            ..
        })) if value == text => resolved,
        _ if text.is_empty() => Resolved::Null,
        _ => Resolved::Str,
    }
}

impl Node {
    /// The value of a scalar as Bun types it, None for collections and aliases.
    /// Bun's numbers are doubles; integral ones within i64 come back as `Int`.
    pub fn scalar(&self) -> Option<Value<'_>> {
        match &self.kind {
            NodeKind::Scalar {
                value, resolved, ..
            } => Some(match *resolved {
                Resolved::Null => Value::Null,
                Resolved::Bool(b) => Value::Bool(b),
                Resolved::Num(f) => number(f),
                Resolved::Str => Value::Str(value),
            }),
            _ => None,
        }
    }

    /// A plain scalar as the reader would type it (for nodes built outside the reader).
    pub fn plain(text: &str, span: Range<usize>) -> Node {
        // Only a keyword (`null`, `true`, `~`, …) or a number is typed, and each starts
        // with one of these: anything else is a string without a reading (the tolerant
        // scan types every value of a broken 1 MiB frontmatter this way).
        let may_be_typed = |b: u8| b"nNtTfF~+-.0123456789".contains(&b);
        let resolved = if text.bytes().next().is_some_and(|b| !may_be_typed(b)) {
            Resolved::Str
        } else {
            read_type(text)
        };
        Node {
            kind: NodeKind::Scalar {
                value: text.to_string(),
                style: Style::Plain,
                tag: None,
                resolved,
            },
            span,
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
        match &self.kind {
            NodeKind::Map { entries, .. } => entries.last_of(key),
            _ => None,
        }
    }

    /// What kind of YAML thing this is, in words for messages.
    pub fn describe(&self) -> &'static str {
        match &self.kind {
            NodeKind::Scalar { .. } => self.scalar().map_or("scalar", |v| v.type_name()),
            NodeKind::Seq { .. } => "list",
            NodeKind::Map { .. } => "mapping",
            NodeKind::Alias { .. } => "alias",
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

fn number(f: f64) -> Value<'static> {
    // 2^63: beyond it, `as i64` would saturate.
    const LIMIT: f64 = 9_223_372_036_854_775_808.0;
    let negative_zero = f == 0.0 && f.is_sign_negative();
    if f.fract() == 0.0 && f.abs() < LIMIT && !negative_zero {
        Value::Int(f as i64)
    } else {
        Value::Float(f)
    }
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

/// Parses one YAML text as `Bun.YAML.parse` does: the root node (None for an empty
/// text) or the first error. When strict YAML rejects the text too, its error is the
/// one reported: saphyr's messages say more than Bun's "Unexpected token".
/// A large text's strict pass runs beside Bun's reading (see [`parse_with_verdict`]).
pub fn parse(text: &str) -> Result<Option<Node>, YamlError> {
    if text.len() >= CONCURRENT_FROM {
        return parse_with_verdict(text).0;
    }
    super::reader::parse(text).map_err(|bun| check_strict(text).err().unwrap_or(bun))
}

/// From this size on, Bun's reading and the strict pass run side by side: on 1 MiB of
/// dense YAML each takes tens of milliseconds, and a keystroke waits for both. Below
/// it a thread costs more than it saves.
const CONCURRENT_FROM: usize = 64 * 1024;

/// [`parse`]'s answer and the strict verdict ([`check_strict`]) on `text`, taken on two
/// threads when it is large (on one if no thread can be started).
pub fn parse_with_verdict(text: &str) -> (Result<Option<Node>, YamlError>, Result<(), YamlError>) {
    let combine = |bun: Result<Option<Node>, YamlError>, strict: Result<(), YamlError>| {
        let parsed = bun.map_err(|b| strict.clone().err().unwrap_or(b));
        (parsed, strict)
    };
    if text.len() < CONCURRENT_FROM {
        return combine(super::reader::parse(text), check_strict(text));
    }
    std::thread::scope(|s| {
        let strict = std::thread::Builder::new()
            .name("yaml-strict".into())
            .spawn_scoped(s, || check_strict(text));
        let bun = super::reader::parse(text);
        let strict = match strict {
            Ok(handle) => handle
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic)),
            Err(_) => check_strict(text),
        };
        combine(bun, strict)
    })
}

/// The root node `Bun.YAML.parse` makes of `text`, when it reads it: for callers that
/// only ask whether it does (no error message is built).
pub fn reads(text: &str) -> Option<Node> {
    super::reader::parse(text).ok().flatten()
}

/// The strict YAML 1.2 verdict (saphyr), the one common readers (js-yaml, PyYAML, VS
/// Code's) share more closely than Bun's: the first error, if any. Repeated keys are
/// allowed here, as in the reader. Texts of the simplest lines are answered without
/// saphyr, and a text whose uncertain lines come late is read from the entry that holds
/// the first of them ([`super::plain_lines`]).
pub fn check_strict(text: &str) -> Result<(), YamlError> {
    let cut = super::plain_lines::uncertain_from(text);
    if cut == text.len() {
        return Ok(());
    }
    saphyr_verdict(&text[cut..]).map_err(|e| YamlError {
        offset: e.offset + cut,
        ..e
    })
}

/// saphyr's own verdict, without the fast answer: what the fast answer is tested against.
pub fn saphyr_verdict(text: &str) -> Result<(), YamlError> {
    let mut conv = CharToByte {
        text,
        ascii: text.is_ascii(),
        chars: 0,
        bytes: 0,
    };
    let mut parser = Parser::new_from_str(text);
    let mut documents = 0;
    while let Some(next) = parser.next_event() {
        let (event, span) = next.map_err(|e| YamlError {
            offset: conv.byte(e.marker().index()),
            message: e.info().to_string(),
        })?;
        if matches!(event, Event::DocumentStart(_)) {
            documents += 1;
            if documents > 1 {
                return Err(YamlError {
                    offset: conv.byte(span.start.index()),
                    message: "more than one YAML document".into(),
                });
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_types_like_a_reading() {
        for text in [
            "", "x", "null", "~", "True", "0x1f", "-1.5", ".inf", ".NaN", "+3", "Yes", "é", " x",
            "!!int 3", "&a null", "'null'", "[1]", "a: b", "#c", "nullx", "1 2",
        ] {
            let read = read_type(text);
            match Node::plain(text, 0..text.len()).kind {
                // Compared as text: NaN is not equal to itself.
                NodeKind::Scalar { resolved, .. } => {
                    assert_eq!(format!("{resolved:?}"), format!("{read:?}"), "{text:?}")
                }
                _ => unreachable!(),
            }
        }
    }

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
    fn a_large_text_gets_the_same_answers_read_side_by_side() {
        let big = "k: v\n".repeat(CONCURRENT_FROM / 5 + 1);
        for tail in ["t: , Read\n", "t: [a\n", "t: ok\n"] {
            let text = format!("{big}{tail}");
            let (parsed, verdict) = parse_with_verdict(&text);
            let bun = super::super::reader::parse(&text);
            assert_eq!(verdict, check_strict(&text), "{tail}");
            assert_eq!(parsed.is_ok(), bun.is_ok(), "{tail}");
            assert_eq!(parsed, parse(&text), "{tail}");
        }
    }

    #[test]
    fn a_mapping_node_is_no_larger_than_a_scalar() {
        use std::mem::size_of;
        // A scalar holds its value, its tag and what Bun types it as; a mapping's entries
        // (with the flag beside them) fit in the same room, so no node grows for them.
        let scalar = 2 * size_of::<String>() + size_of::<Resolved>();
        assert!(size_of::<Entries>() + size_of::<usize>() <= scalar);
    }

    #[test]
    fn a_large_mapping_finds_each_keys_last_entry() {
        let mut text = String::new();
        for i in 0..100 {
            text.push_str(&format!("k{}: {i}\n", i % 40));
        }
        text.push_str("1: number\nname: last\n");
        let mut root = parse(&text).unwrap().unwrap();
        assert_eq!(root.get("k3").unwrap().value.scalar(), Some(Value::Int(83)));
        assert_eq!(root.get("name").unwrap().value.as_str(), Some("last"));
        assert!(root.get("1").is_none() && root.get("k40").is_none());
        // A change to the entries is seen by the next lookup.
        if let NodeKind::Map { entries, .. } = &mut root.kind {
            entries.truncate(10);
        }
        assert_eq!(root.get("k3").unwrap().value.scalar(), Some(Value::Int(3)));
        assert!(root.get("name").is_none());
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
