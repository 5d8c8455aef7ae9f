//! Block collections and multi-line plain scalars, as VS Code's parser reads them.

use super::{empty, scalar, Parser};
use crate::syntax::vscode::scan::{Kind, Token};
use crate::syntax::{Entry, Node, NodeKind, Style};

impl Parser<'_> {
    /// A plain scalar and the lines that continue it: lines indented more than the
    /// parent (any line, at the top level), up to a comment or a `key:` line.
    pub(super) fn plain_multiline(&mut self, first: Token, parent: isize) -> Node {
        let (mut value, mut end) = (first.value, first.end);
        loop {
            let before = self.pos;
            let Some(breaks) = self.continuation(parent) else {
                self.pos = before;
                break;
            };
            if self.kind() == Kind::Indent {
                self.advance();
            }
            let joint = if breaks > 0 {
                "\n".repeat(breaks)
            } else {
                " ".into()
            };
            if self.kind() == Kind::Dash {
                let dash = self.advance();
                value.push_str(&joint);
                if self.kind() == Kind::Scalar {
                    let t = self.advance();
                    value.push_str(&format!("- {}", t.value));
                    end = t.end;
                } else {
                    value.push('-');
                    end = dash.end;
                }
                continue;
            }
            if self.kind() != Kind::Scalar || self.peek(1).kind == Kind::Colon {
                self.pos = before;
                break;
            }
            let t = self.advance();
            value.push_str(&joint);
            value.push_str(&t.value);
            end = t.end;
        }
        scalar(value, Style::Plain, first.start, end)
    }

    /// Whether the next line continues a plain scalar; the blank lines crossed.
    fn continuation(&mut self, parent: isize) -> Option<usize> {
        let mut blank = 0;
        if self.kind() != Kind::Newline {
            return None;
        }
        loop {
            self.advance();
            match self.kind() {
                Kind::Newline => blank += 1,
                Kind::Indent => {
                    let next = self.peek(1).kind;
                    if matches!(next, Kind::Newline | Kind::Eof) {
                        blank += 1;
                        self.advance();
                        if next == Kind::Eof {
                            return None;
                        }
                        continue;
                    }
                    let deeper = self.cur().indent as isize > parent;
                    return (next != Kind::Comment && deeper).then_some(blank);
                }
                Kind::Eof | Kind::DocStart | Kind::DocEnd => return None,
                _ => return (parent < 0).then_some(blank),
            }
            if self.kind() != Kind::Newline {
                return None;
            }
        }
    }

    pub(super) fn block_mapping(&mut self, indent: isize, first_on_dash_line: bool) -> Node {
        let start = self.cur().start;
        let mut entries: Vec<Entry> = Vec::new();
        let mut seen = std::collections::HashSet::new();
        if first_on_dash_line {
            if let Some(e) = self.mapping_entry(indent) {
                seen.insert(key_text(&e));
                entries.push(e);
            }
        }
        while self.kind() != Kind::Eof {
            self.skip_newlines_and_comments();
            if self.kind() == Kind::Eof {
                break;
            }
            let at = self.current_indent();
            if at < indent {
                break;
            }
            self.check_indent(indent, at);
            if !self.looks_like_mapping() {
                break;
            }
            let Some(e) = self.mapping_entry(indent) else {
                break;
            };
            if !seen.insert(key_text(&e)) {
                let msg = format!("Duplicate key: \"{}\"", key_text(&e));
                self.error(msg, e.key.span.start, e.key.span.end);
            }
            entries.push(e);
        }
        let end = entries.last().map_or(start, |e| e.value.span.end);
        Node {
            kind: NodeKind::Map {
                entries: entries.into(),
                flow: false,
            },
            span: start..end,
        }
    }

    fn mapping_entry(&mut self, indent: isize) -> Option<Entry> {
        if self.kind() == Kind::Indent {
            self.advance();
        }
        let k = self.expect(Kind::Scalar);
        let key = scalar(k.value, k.style, k.start, k.end);
        let colon = self.expect(Kind::Colon);
        if colon.kind != Kind::Colon {
            self.error("Expected \":\"".into(), colon.start, colon.end);
            return None;
        }
        let value = self.mapping_value(indent, &colon);
        Some(Entry { key, value })
    }

    fn mapping_value(&mut self, indent: isize, colon: &Token) -> Node {
        match self.kind() {
            Kind::OpenBrace | Kind::OpenBracket => return self.nested_flow(),
            Kind::Scalar => {
                let t = self.advance();
                return self.scalar_token(t, indent);
            }
            _ => {}
        }
        self.skip_newlines_and_comments();
        let missing = |p: &mut Self| {
            p.error("Missing value".into(), colon.start, colon.end);
            empty(colon.end)
        };
        if self.kind() == Kind::Eof {
            return missing(self);
        }
        let at = self.current_indent();
        let sequence_here = at == indent && self.past_indent() == Kind::Dash;
        if !sequence_here && at <= indent {
            return missing(self);
        }
        self.value(indent).unwrap_or_else(|| empty(colon.end))
    }

    pub(super) fn block_sequence(&mut self, indent: isize) -> Node {
        let start = self.cur().start;
        let (mut end, mut first) = (start, true);
        let mut items = Vec::new();
        while self.kind() != Kind::Eof {
            self.skip_newlines_and_comments();
            if self.kind() == Kind::Eof {
                break;
            }
            let at = if first && self.kind() == Kind::Dash {
                self.column(self.cur().start)
            } else {
                self.current_indent()
            };
            first = false;
            if at < indent {
                break;
            }
            self.check_indent(indent, at);
            if self.past_indent() != Kind::Dash {
                break;
            }
            if self.kind() == Kind::Indent {
                self.advance();
            }
            let dash = self.advance();
            let item = self.sequence_item(indent, &dash);
            end = item.span.end;
            items.push(item);
        }
        Node {
            kind: NodeKind::Seq { items, flow: false },
            span: start..end,
        }
    }

    fn sequence_item(&mut self, indent: isize, dash: &Token) -> Node {
        let t = self.cur().clone();
        if t.kind == Kind::Comment {
            self.advance();
        }
        match t.kind {
            Kind::OpenBrace | Kind::OpenBracket => return self.nested_flow(),
            Kind::Dash => {
                let col = self.column(t.start);
                return self.nested(|p| p.block_sequence(col));
            }
            Kind::Scalar if self.peek(1).kind == Kind::Colon => {
                let col = self.column(t.start);
                return self.nested(|p| p.block_mapping(col, true));
            }
            Kind::Scalar => return self.scalar_value(indent),
            _ => {}
        }
        self.skip_newlines_and_comments();
        if self.kind() == Kind::Eof || self.current_indent() <= indent {
            self.error("Missing sequence item value".into(), dash.start, dash.end);
            return empty(dash.end);
        }
        self.value(indent).unwrap_or_else(|| empty(dash.end))
    }

    /// VS Code's error for an entry indented deeper than its block (the entry is still
    /// read).
    fn check_indent(&mut self, indent: isize, at: isize) {
        if at > indent {
            let t = self.cur().clone();
            let msg = format!("Unexpected indentation (expected {indent}, got {at})");
            self.error(msg, t.start, t.end);
        }
    }
}

fn key_text(e: &Entry) -> String {
    match &e.key.kind {
        NodeKind::Scalar { value, .. } => value.clone(),
        _ => String::new(),
    }
}
