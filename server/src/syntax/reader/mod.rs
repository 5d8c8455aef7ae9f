//! A YAML reader that accepts, rejects and types exactly what `Bun.YAML.parse` (Bun
//! 1.4, the parser inside Claude Code) does, keeping a byte span for every node.
//!
//! Bun's reader is not a YAML 1.2 reader: it takes a tab after `key:`, U+FEFF anywhere
//! in a plain scalar, plain values starting with `,`, flow collections closed at the
//! parent's indentation, merge keys (`<<`), and it types only `null`/`~`, `true`,
//! `false` (three casings each), numbers and `.inf`/`.nan`. We follow its algorithm
//! (an indentation-tracking tokenizer driving a recursive-descent parser) so that the
//! differential test against Bun (tests/bun_yaml.rs) stays at zero disagreements.

mod js;
mod merge;
mod node;
mod scalars;
mod scan;

use super::yaml::{Node, YamlError};
pub use js::to_js;
use scan::{ScanOpts, Tok, TokKind};
use std::collections::{HashMap, HashSet};

/// What a scalar resolved to; strings keep their text in the node.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Resolved {
    Null,
    Bool(bool),
    Num(f64),
    Str,
}

/// The tag in force for a node; only the core ones change how a plain scalar is typed.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(super) enum Tag {
    #[default]
    None,
    NonSpecific,
    Bool,
    Int,
    Float,
    Null,
    Str,
    Other,
}

impl Tag {
    fn from_name(name: &[u8]) -> Tag {
        match name {
            b"bool" => Tag::Bool,
            b"int" => Tag::Int,
            b"float" => Tag::Float,
            b"null" => Tag::Null,
            b"str" => Tag::Str,
            _ => Tag::Other,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Ctx {
    BlockOut,
    BlockIn,
    FlowIn,
    FlowKey,
}

impl Ctx {
    fn is_flow(self) -> bool {
        matches!(self, Ctx::FlowIn | Ctx::FlowKey)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum ErrorKind {
    UnexpectedToken,
    UnexpectedCharacter,
    UnexpectedEof,
    InvalidDirective,
    UnresolvedTagHandle,
    UnresolvedAlias,
    MultilineImplicitKey,
    MultipleAnchors,
    MultipleTags,
    UnexpectedDocumentStart,
    UnexpectedDocumentEnd,
    MultipleYamlDirectives,
    TabIndent,
    TooDeep,
    MergeEnclosing,
}

impl ErrorKind {
    /// Bun's wording (after its "YAML Parse error: " prefix).
    fn message(self) -> &'static str {
        match self {
            ErrorKind::UnexpectedToken => "Unexpected token",
            ErrorKind::UnexpectedCharacter => "Unexpected character",
            ErrorKind::UnexpectedEof => "Unexpected EOF",
            ErrorKind::InvalidDirective => "Invalid directive",
            ErrorKind::UnresolvedTagHandle => "Unresolved tag handle",
            ErrorKind::UnresolvedAlias => "Unresolved alias",
            ErrorKind::MultilineImplicitKey => "Multiline implicit key",
            ErrorKind::MultipleAnchors => "Multiple anchors",
            ErrorKind::MultipleTags => "Multiple tags",
            ErrorKind::UnexpectedDocumentStart => "Unexpected document start",
            ErrorKind::UnexpectedDocumentEnd => "Unexpected document end",
            ErrorKind::MultipleYamlDirectives => "Multiple YAML directives",
            ErrorKind::TabIndent => "Tab characters cannot be used as indentation",
            ErrorKind::TooDeep => "Nesting too deep",
            ErrorKind::MergeEnclosing => "Merge key cannot reference an enclosing node",
        }
    }
}

#[derive(Debug)]
pub(super) struct Failure {
    kind: ErrorKind,
    at: usize,
}

/// Nesting deeper than this is refused (Bun's own limit is its native stack).
const MAX_DEPTH: usize = 200;

/// How many nodes alias expansion may copy in one text: aliases of aliases would
/// otherwise grow exponentially.
const ALIAS_BUDGET: usize = 100_000;

pub(super) struct Reader<'a> {
    text: &'a str,
    src: &'a [u8],
    pos: usize,
    line_indent: usize,
    line: usize,
    tok: Tok,
    contexts: Vec<Ctx>,
    block_indents: Vec<usize>,
    doc_start_line: Option<usize>,
    anchors: HashMap<&'a str, (Node, usize)>,
    tag_handles: HashSet<&'a str>,
    depth: usize,
    budget: usize,
    /// The current line's indentation, skipped inside a scalar, held a tab.
    tab_in_indent: bool,
    /// The start of the last token read right after `-\t` or `:\t` (a tab straight
    /// after the indicator): a quoted or flow node there may not be followed by `:`.
    tab_after_indicator: Option<usize>,
    /// A `#` that ended a plain scalar, alone on its line after a tab in the
    /// indentation: a set-entry key before it is refused (`? a`, `y`, `\t#`, `? z`).
    tab_comment: Option<usize>,
    /// Each alias of a collection, by offset, and the collection it names: merge keys
    /// compare collections by identity.
    aliased: merge::Aliased,
}

/// Parses `text` as `Bun.YAML.parse` does. Several documents make a list of their roots;
/// an empty text is None (null).
pub fn parse(text: &str) -> Result<Option<Node>, YamlError> {
    // A byte-order mark at the very start is not content.
    if let Some(rest) = text.strip_prefix('\u{feff}') {
        let shift = text.len() - rest.len();
        return match parse_from_start(rest) {
            Ok(mut root) => {
                if let Some(r) = root.as_mut() {
                    r.shift(&|o| o + shift);
                }
                Ok(root)
            }
            Err(e) => Err(YamlError {
                offset: e.offset + shift,
                ..e
            }),
        };
    }
    parse_from_start(text)
}

fn parse_from_start(text: &str) -> Result<Option<Node>, YamlError> {
    let mut r = Reader {
        text,
        src: text.as_bytes(),
        pos: 0,
        line_indent: 0,
        line: 1,
        tok: Tok {
            kind: TokKind::Eof,
            start: 0,
            end: 0,
            indent: 0,
            line: 1,
            tab_indent: false,
        },
        contexts: Vec::new(),
        block_indents: Vec::new(),
        doc_start_line: None,
        anchors: HashMap::new(),
        tag_handles: HashSet::new(),
        depth: 0,
        budget: ALIAS_BUDGET,
        tab_in_indent: false,
        tab_after_indicator: None,
        tab_comment: None,
        aliased: merge::Aliased::default(),
    };
    r.stream().map_err(|f| {
        let kind = match f.kind {
            ErrorKind::UnexpectedCharacter if f.at >= text.len() => ErrorKind::UnexpectedEof,
            k => k,
        };
        YamlError {
            offset: f.at.min(text.len()),
            message: kind.message().to_string(),
        }
    })
}

impl<'a> Reader<'a> {
    fn ctx(&self) -> Ctx {
        self.contexts.last().copied().unwrap_or(Ctx::BlockOut)
    }

    fn stream(&mut self) -> Result<Option<Node>, Failure> {
        self.scan(ScanOpts {
            first: true,
            ..ScanOpts::default()
        })?;
        let mut docs = vec![self.document()?];
        while !matches!(self.tok.kind, TokKind::Eof) {
            docs.push(self.document()?);
        }
        Ok(match docs.len() {
            1 => docs.pop().flatten(),
            _ => Some(node::list_of_documents(docs)),
        })
    }

    fn document(&mut self) -> Result<Option<Node>, Failure> {
        self.anchors.clear();
        self.tag_handles.clear();
        let mut directives = 0;
        let mut yaml_directive = false;
        while matches!(self.tok.kind, TokKind::Directive) {
            if self.directive()? {
                if yaml_directive {
                    return self.fail_token(ErrorKind::MultipleYamlDirectives);
                }
                yaml_directive = true;
            }
            directives += 1;
            self.scan(ScanOpts::default())?;
        }
        self.doc_start_line = None;
        if matches!(self.tok.kind, TokKind::DocStart) {
            self.doc_start_line = Some(self.tok.line);
            self.scan(ScanOpts::default())?;
        } else if directives > 0 {
            return self.fail_token(ErrorKind::UnexpectedToken);
        }
        let root = self.node(NodeOpts::default())?;
        match self.tok.kind {
            TokKind::Eof | TokKind::DocStart => {}
            TokKind::DocEnd => {
                let end_line = self.tok.line;
                self.scan(ScanOpts::default())?;
                while matches!(self.tok.kind, TokKind::DocEnd) {
                    self.scan(ScanOpts::default())?;
                }
                if self.tok.line == end_line && !matches!(self.tok.kind, TokKind::Eof) {
                    return self.fail_token(ErrorKind::UnexpectedToken);
                }
            }
            _ => return self.fail_token(ErrorKind::UnexpectedToken),
        }
        Ok(node::document_root(root))
    }
}

/// What the caller of `node` knows about where the node sits.
#[derive(Clone, Default)]
pub(super) struct NodeOpts {
    mapping_indent: Option<usize>,
    /// Reading the key after `?`: the `?`'s indentation.
    explicit_key: Option<usize>,
    /// A value inside a flow collection's pair: it may not start another mapping.
    no_implicit_key: bool,
    /// A key of a block mapping's later entries (not a value).
    is_key: bool,
    /// A block mapping's value: the line of its `:` (no `?` may start there, even
    /// after properties: `k: &x ? a`).
    value_line: Option<usize>,
    tag: Option<Tok>,
    anchor: Option<Tok>,
}
