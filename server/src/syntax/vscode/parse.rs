//! VS Code's YAML parser (`src/vs/base/common/yaml.ts`, 1.139): tokens to nodes, with
//! the errors it reports (each one a red marker in the header). It never gives up: an
//! error is recorded and the reading goes on, so a header with errors still has values.

use super::scan::{Kind, Scanner, Token};
use super::Problem;
use crate::syntax::reader::Resolved;
use crate::syntax::{Node, NodeKind, Style};

/// Deeper nesting than this is not read (VS Code's recursion would overflow far later;
/// no real header comes near it).
const MAX_DEPTH: usize = 200;

pub(super) struct Parser<'a> {
    input: &'a str,
    tokens: Vec<Token>,
    pos: usize,
    depth: usize,
    pub problems: Vec<Problem>,
}

/// A scalar as VS Code sees it: text; only a plain `true`/`false` is a boolean to it.
fn scalar(value: String, style: Style, start: usize, end: usize) -> Node {
    let resolved = match (style, value.as_str()) {
        (Style::Plain, "true") => Resolved::Bool(true),
        (Style::Plain, "false") => Resolved::Bool(false),
        _ => Resolved::Str,
    };
    Node {
        kind: NodeKind::Scalar {
            value,
            style,
            tag: None,
            resolved,
        },
        span: start..end,
    }
}

fn empty(at: usize) -> Node {
    scalar(String::new(), Style::Plain, at, at)
}

fn is_space(k: Kind) -> bool {
    matches!(k, Kind::Newline | Kind::Indent | Kind::Comment)
}

impl<'a> Parser<'a> {
    pub fn parse(input: &'a str) -> (Option<Node>, Vec<Problem>) {
        let mut p = Parser {
            input,
            tokens: Scanner::scan(input),
            pos: 0,
            depth: 0,
            problems: Vec::new(),
        };
        p.skip_newlines_and_comments();
        if p.kind() == Kind::DocStart {
            p.advance();
            p.skip_newlines_and_comments();
        }
        let root = match p.kind() {
            Kind::Eof | Kind::DocEnd => None,
            _ => p.value(-1),
        };
        (root, p.problems)
    }

    fn cur(&self) -> &Token {
        &self.tokens[self.pos]
    }

    fn kind(&self) -> Kind {
        self.cur().kind
    }

    fn peek(&self, ahead: usize) -> &Token {
        &self.tokens[(self.pos + ahead).min(self.tokens.len() - 1)]
    }

    fn advance(&mut self) -> Token {
        let t = self.tokens[self.pos].clone();
        if t.kind != Kind::Eof {
            self.pos += 1;
        }
        t
    }

    /// The current token, consumed only if it is of `kind` (VS Code's `expect`).
    fn expect(&mut self, kind: Kind) -> Token {
        if self.kind() == kind {
            self.advance()
        } else {
            self.cur().clone()
        }
    }

    fn error(&mut self, message: String, start: usize, end: usize) {
        self.problems.push(Problem {
            span: start..end,
            message,
        });
    }

    fn skip_newlines_and_comments(&mut self) {
        while matches!(self.kind(), Kind::Newline | Kind::Comment)
            || (self.kind() == Kind::Indent
                && matches!(self.peek(1).kind, Kind::Newline | Kind::Comment | Kind::Eof))
        {
            self.advance();
        }
    }

    fn current_indent(&self) -> isize {
        match self.cur().kind {
            Kind::Indent => self.cur().indent as isize,
            _ => 0,
        }
    }

    fn past_indent(&self) -> Kind {
        match self.kind() {
            Kind::Indent => self.peek(1).kind,
            k => k,
        }
    }

    fn looks_like_mapping(&self) -> bool {
        let at = usize::from(self.kind() == Kind::Indent);
        self.peek(at).kind == Kind::Scalar && self.peek(at + 1).kind == Kind::Colon
    }

    fn column(&self, offset: usize) -> isize {
        Scanner::column_at(self.input, offset) as isize
    }

    fn value(&mut self, parent: isize) -> Option<Node> {
        if self.too_deep() {
            return None;
        }
        self.depth += 1;
        let node = self.value_inner(parent);
        self.depth -= 1;
        node
    }

    /// Past [`MAX_DEPTH`]: an error, and the rest of the header is skipped.
    fn too_deep(&mut self) -> bool {
        if self.depth < MAX_DEPTH {
            return false;
        }
        let t = self.cur().clone();
        self.error("Nesting too deep to read".into(), t.start, t.end);
        self.pos = self.tokens.len() - 1;
        true
    }

    /// Runs `read` one level deeper (an empty value past [`MAX_DEPTH`]).
    fn nested(&mut self, read: impl FnOnce(&mut Self) -> Node) -> Node {
        if self.too_deep() {
            return empty(self.cur().start);
        }
        self.depth += 1;
        let node = read(self);
        self.depth -= 1;
        node
    }

    fn nested_flow(&mut self) -> Node {
        self.nested(|p| {
            if p.kind() == Kind::OpenBrace {
                p.flow_map()
            } else {
                p.flow_seq()
            }
        })
    }

    fn value_inner(&mut self, parent: isize) -> Option<Node> {
        self.skip_newlines_and_comments();
        let first = self.kind();
        if matches!(self.past_indent(), Kind::OpenBrace | Kind::OpenBracket) {
            if first == Kind::Indent {
                self.advance();
            }
            return Some(self.nested_flow());
        }
        let indent = self.current_indent();
        if self.past_indent() == Kind::Dash {
            return Some(self.block_sequence(indent));
        }
        if self.looks_like_mapping() {
            return Some(self.block_mapping(indent, false));
        }
        matches!(first, Kind::Scalar | Kind::Indent).then(|| self.scalar_value(parent))
    }

    fn scalar_value(&mut self, parent: isize) -> Node {
        if self.kind() == Kind::Indent {
            self.advance();
        }
        let t = self.expect(Kind::Scalar);
        self.scalar_token(t, parent)
    }

    /// A scalar token; a plain one may continue on the following lines.
    fn scalar_token(&mut self, t: Token, parent: isize) -> Node {
        if t.style == Style::Plain {
            self.plain_multiline(t, parent)
        } else {
            scalar(t.value, t.style, t.start, t.end)
        }
    }
}

mod block;
mod flow;
