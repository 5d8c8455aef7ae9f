//! Flow collections (`[a, b]`, `{k: v}`), which VS Code reads across lines with no
//! regard to indentation, and plain scalars inside them.

use super::{empty, is_space, scalar, Parser};
use crate::syntax::vscode::scan::Kind;
use crate::syntax::{Entry, Node, NodeKind, Style};

impl Parser<'_> {
    pub(super) fn flow_map(&mut self) -> Node {
        let open = self.advance();
        let mut entries = Vec::new();
        self.skip_flow_space();
        while !matches!(self.kind(), Kind::CloseBrace | Kind::Eof) {
            if self.kind() != Kind::Scalar {
                let t = self.cur().clone();
                self.error("Expected mapping key".into(), t.start, t.end);
                break;
            }
            let key = self.flow_scalar();
            self.skip_flow_space();
            let value = if self.kind() == Kind::Colon {
                self.advance();
                self.skip_flow_space();
                self.flow_value()
            } else {
                empty(key.span.end)
            };
            entries.push(Entry { key, value });
            self.skip_flow_comma();
        }
        let end = self.close(Kind::CloseBrace, "Expected \"}\"");
        Node {
            kind: NodeKind::Map {
                entries: entries.into(),
                flow: true,
            },
            span: open.start..end,
        }
    }

    pub(super) fn flow_seq(&mut self) -> Node {
        let open = self.advance();
        let mut items = Vec::new();
        self.skip_flow_space();
        while !matches!(self.kind(), Kind::CloseBracket | Kind::Eof) {
            let item = match self.kind() {
                Kind::OpenBrace | Kind::OpenBracket => self.nested_flow(),
                Kind::Scalar => self.flow_scalar(),
                _ => {
                    let t = self.advance();
                    let msg = "Unexpected token in flow sequence".to_string();
                    self.error(msg, t.start, t.end);
                    continue;
                }
            };
            items.push(item);
            self.skip_flow_comma();
        }
        let end = self.close(Kind::CloseBracket, "Expected \"]\"");
        Node {
            kind: NodeKind::Seq { items, flow: true },
            span: open.start..end,
        }
    }

    /// The closing bracket, or an error where it is missing; the collection's end.
    fn close(&mut self, kind: Kind, message: &str) -> usize {
        let t = self.cur().clone();
        if t.kind == kind {
            self.advance();
            t.end
        } else {
            self.error(message.into(), t.start, t.end);
            t.start
        }
    }

    fn skip_flow_comma(&mut self) {
        self.skip_flow_space();
        if self.kind() == Kind::Comma {
            self.advance();
            self.skip_flow_space();
        }
    }

    /// A scalar in a flow collection; a plain one continues on the next lines while
    /// they start with plain text.
    fn flow_scalar(&mut self) -> Node {
        let first = self.advance();
        if first.style != Style::Plain {
            return scalar(first.value, first.style, first.start, first.end);
        }
        let (mut value, mut end) = (first.value, first.end);
        loop {
            let mut at = self.pos;
            let mut crossed_line = false;
            while at < self.tokens.len() && is_space(self.tokens[at].kind) {
                crossed_line |= self.tokens[at].kind == Kind::Newline;
                at += 1;
            }
            let Some(next) = self.tokens.get(at).filter(|_| crossed_line) else {
                break;
            };
            if next.kind != Kind::Scalar || next.style != Style::Plain {
                break;
            }
            value.push(' ');
            value.push_str(&next.value);
            end = next.end;
            self.pos = at + 1;
        }
        scalar(value, Style::Plain, first.start, end)
    }

    fn flow_value(&mut self) -> Node {
        match self.kind() {
            Kind::OpenBrace | Kind::OpenBracket => self.nested_flow(),
            Kind::Scalar => self.flow_scalar(),
            _ => empty(self.cur().start),
        }
    }

    fn skip_flow_space(&mut self) {
        while is_space(self.kind()) {
            self.advance();
        }
    }
}
