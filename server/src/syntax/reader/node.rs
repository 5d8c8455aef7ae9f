//! The parser half of the reader: tokens to nodes, with Bun's rules for where a
//! collection ends, which node properties belong to a key or to its mapping, aliases
//! (copies of the anchored node) and merge keys.

use super::merge::MapEntries;
use super::scan::{ScanOpts, Tok, TokKind};
use super::{Ctx, ErrorKind, Failure, NodeOpts, Reader, Resolved, Tag, MAX_DEPTH};
use crate::syntax::yaml::{Entry, Node, NodeKind, Style};

fn null_at(at: usize) -> Node {
    Node {
        kind: NodeKind::Scalar {
            value: String::new(),
            style: Style::Plain,
            tag: None,
            resolved: Resolved::Null,
        },
        span: at..at,
    }
}

/// A stream of several documents reads as the list of their roots.
pub(super) fn list_of_documents(docs: Vec<Option<Node>>) -> Node {
    let items: Vec<Node> = docs
        .into_iter()
        .map(|d| d.unwrap_or_else(|| null_at(0)))
        .collect();
    let end = items.iter().map(|n| n.span.end).max().unwrap_or(0);
    Node {
        kind: NodeKind::Seq { items, flow: false },
        span: 0..end,
    }
}

/// An empty document is None (`null`).
pub(super) fn document_root(root: Node) -> Option<Node> {
    let empty = root.span.is_empty()
        && matches!(
            root.kind,
            NodeKind::Scalar {
                resolved: Resolved::Null,
                ..
            }
        );
    (!empty).then_some(root)
}

fn size(n: &Node) -> usize {
    1 + match &n.kind {
        NodeKind::Seq { items, .. } => items.iter().map(size).sum(),
        NodeKind::Map { entries, .. } => {
            entries.iter().map(|e| size(&e.key) + size(&e.value)).sum()
        }
        _ => 0,
    }
}

/// A complete node's cycles no longer name an enclosing node where a copy of it goes.
fn close_cycles(node: &mut Node) {
    match &mut node.kind {
        NodeKind::Alias { open, .. } => *open = false,
        NodeKind::Seq { items, .. } => items.iter_mut().for_each(close_cycles),
        NodeKind::Map { entries, .. } => entries.iter_mut().for_each(|e| {
            close_cycles(&mut e.key);
            close_cycles(&mut e.value);
        }),
        NodeKind::Scalar { .. } => {}
    }
}

/// A key that is (or is a list holding) an alias of the list it sits in (`&a [? *a]`)
/// is, to JavaScript, text made when the list is complete (`String(list)`): written now
/// that it is.
fn key_cycles_to_strings(node: &mut Node, anchor: usize) {
    /// The aliases of the list inside a key (itself, or items of lists) become its text.
    fn in_key(key: &mut Node, anchor: usize, text: &str) {
        match &mut key.kind {
            NodeKind::Alias {
                of_seq: true,
                open: true,
                anchor: a,
            } if *a == anchor => {
                key.kind = NodeKind::Scalar {
                    value: text.to_string(),
                    style: Style::Plain,
                    tag: None,
                    resolved: Resolved::Str,
                }
            }
            NodeKind::Seq { items, .. } => items.iter_mut().for_each(|i| in_key(i, anchor, text)),
            _ => {}
        }
    }
    fn walk(n: &mut Node, anchor: usize, text: &str) {
        match &mut n.kind {
            NodeKind::Seq { items, .. } => items.iter_mut().for_each(|i| walk(i, anchor, text)),
            NodeKind::Map { entries, .. } => {
                for e in entries.iter_mut() {
                    in_key(&mut e.key, anchor, text);
                    walk(&mut e.value, anchor, text);
                }
            }
            _ => {}
        }
    }
    if matches!(node.kind, NodeKind::Seq { .. }) {
        let text = super::js::js_string(node);
        walk(node, anchor, &text);
    }
}

fn map_node(entries: Vec<Entry>, start: usize, end: usize, flow: bool) -> Node {
    Node {
        kind: NodeKind::Map {
            entries: entries.into(),
            flow,
        },
        span: start..end.max(start),
    }
}

/// Anchors and tags met before a node. Two on different lines: the first belongs to
/// the mapping, the second to its first key.
/// Sets a node property (anchor or tag). A second one on the same line is an error; one on
/// an earlier line belonged to the block mapping that starts here, so it moves there.
fn set_prop(
    slot: &mut Option<Tok>,
    map_slot: &mut Option<Tok>,
    t: Tok,
    twice: ErrorKind,
) -> Result<(), Failure> {
    if let Some(prev) = slot.take() {
        if prev.line == t.line {
            return Err(Failure {
                kind: twice,
                at: t.start,
            });
        }
        *map_slot = Some(prev);
    }
    *slot = Some(t);
    Ok(())
}

#[derive(Default)]
struct Props {
    anchor: Option<Tok>,
    tag: Option<Tok>,
    map_anchor: Option<Tok>,
    map_tag: Option<Tok>,
}

impl Props {
    fn set_anchor(&mut self, t: Tok) -> Result<(), Failure> {
        set_prop(
            &mut self.anchor,
            &mut self.map_anchor,
            t,
            ErrorKind::MultipleAnchors,
        )
    }

    fn set_tag(&mut self, t: Tok) -> Result<(), Failure> {
        set_prop(&mut self.tag, &mut self.map_tag, t, ErrorKind::MultipleTags)
    }

    fn tag(&self) -> Tag {
        tag_of(self.tag.as_ref())
    }

    /// (anchor of the implicit key, anchor of the mapping it starts). Two anchors on
    /// lines before the key's are both the mapping's: Bun refuses them.
    fn key_anchors(&self, key_line: usize) -> Result<(Option<Tok>, Option<Tok>), Failure> {
        let anchors = match (&self.map_anchor, &self.anchor) {
            (Some(_), Some(a)) if a.line != key_line => {
                return Err(Failure {
                    kind: ErrorKind::MultipleAnchors,
                    at: a.start,
                })
            }
            (Some(m), a) => (a.as_ref(), Some(m)),
            (None, Some(a)) if a.line == key_line => (Some(a), None),
            (None, Some(a)) => (None, Some(a)),
            (None, None) => (None, None),
        };
        Ok((anchors.0.cloned(), anchors.1.cloned()))
    }
}

fn tag_of(t: Option<&Tok>) -> Tag {
    match t.map(|t| &t.kind) {
        Some(TokKind::Tag(tag)) => *tag,
        _ => Tag::None,
    }
}

/// Whether a `:` (`colon`) on a later line than the node starting at `first` belongs
/// to an enclosing mapping (at its indentation or less, or the `?`'s): then the node
/// is not a key.
fn key_ends(colon: &Tok, first: &Tok, opts: &NodeOpts, block: Option<usize>) -> bool {
    let outer = opts.explicit_key.or(opts.mapping_indent).or(block);
    colon.line != first.line && outer.is_some_and(|k| colon.indent <= k)
}

/// A null under a `!` or `!!str` tag is the empty string.
fn resolve_null(node: Node, tag: Tag) -> Node {
    match (&node.kind, tag) {
        (
            NodeKind::Scalar {
                resolved: Resolved::Null,
                ..
            },
            Tag::NonSpecific | Tag::Str,
        ) => Node {
            kind: NodeKind::Scalar {
                value: String::new(),
                style: Style::Plain,
                tag: None,
                resolved: Resolved::Str,
            },
            span: node.span,
        },
        _ => node,
    }
}

impl<'a> Reader<'a> {
    fn anchor_name(&self, t: &Tok) -> Option<&'a str> {
        let text: &'a str = self.text;
        match &t.kind {
            TokKind::Anchor(r) | TokKind::Alias(r) => text.get(r.clone()),
            _ => None,
        }
    }

    fn remember(&mut self, anchor: Option<&Tok>, node: &Node) {
        let Some(name) = anchor.and_then(|t| self.anchor_name(t)) else {
            return;
        };
        let n = size(node);
        if n <= self.budget {
            self.budget -= n;
            let mut copy = node.clone();
            close_cycles(&mut copy);
            self.anchors.insert(name, (copy, n));
        } else {
            // Over budget: the alias stays opaque rather than unresolved.
            let opaque = Node {
                kind: NodeKind::Alias {
                    of_seq: matches!(node.kind, NodeKind::Seq { .. }),
                    open: false,
                    anchor: node.span.start,
                },
                span: node.span.clone(),
            };
            self.anchors.insert(name, (opaque, 1));
        }
    }

    /// Bun registers a collection's anchor when the collection starts: an alias inside
    /// it names the collection itself (a cycle), which we keep as an unexpanded alias.
    /// `remember` replaces it when the collection is complete.
    fn remember_started(&mut self, anchor: Option<&Tok>, of_seq: bool) {
        let Some(name) = anchor.and_then(|t| self.anchor_name(t)) else {
            return;
        };
        let span = anchor.map_or(0..0, |t| t.start..t.end);
        let cycle = Node {
            kind: NodeKind::Alias {
                of_seq,
                open: true,
                anchor: span.start,
            },
            span,
        };
        // A complete node of that name is what an alias names first.
        self.anchors.entry(name).or_insert((cycle, 1));
    }

    /// The current token, for the parser to act on. A scalar is moved out, leaving a
    /// `TakenScalar` (the next scan asks whether a scalar came before): the scalar's
    /// reading scans on at once, and copying every scalar's text was a tenth of the
    /// reading of a large frontmatter. Other tokens, which some paths read again, are
    /// cloned.
    fn take_tok(&mut self) -> Tok {
        if !matches!(self.tok.kind, TokKind::Scalar(_)) {
            return self.tok.clone();
        }
        let t = &self.tok;
        let rest = Tok {
            kind: TokKind::TakenScalar,
            start: t.start,
            end: t.end,
            indent: t.indent,
            line: t.line,
            tab_indent: t.tab_indent,
        };
        std::mem::replace(&mut self.tok, rest)
    }

    /// The scanner's state, to read a token again.
    fn save(&self) -> (usize, usize, usize, bool, Tok) {
        (
            self.pos,
            self.line,
            self.line_indent,
            self.tab_in_indent,
            self.tok.clone(),
        )
    }

    fn restore(&mut self, (pos, line, line_indent, tab, tok): (usize, usize, usize, bool, Tok)) {
        self.pos = pos;
        self.line = line;
        self.line_indent = line_indent;
        self.tab_in_indent = tab;
        self.tok = tok;
    }

    /// Whether only spaces precede the token on its line.
    fn starts_line(&self, tok: &Tok) -> bool {
        let before = &self.src[..tok.start];
        let line_start = before
            .iter()
            .rposition(|&b| b == b'\n' || b == b'\r')
            .map_or(0, |i| i + 1);
        before[line_start..].iter().all(|&b| b == b' ')
    }

    fn scan_default(&mut self) -> Result<(), Failure> {
        self.scan(ScanOpts::default())
    }

    fn in_context<T>(
        &mut self,
        ctx: Ctx,
        f: impl FnOnce(&mut Self) -> Result<T, Failure>,
    ) -> Result<T, Failure> {
        self.contexts.push(ctx);
        let r = f(self);
        self.contexts.pop();
        r
    }

    /// `%YAML` and `%TAG` lines; returns whether it was `%YAML`.
    pub(super) fn directive(&mut self) -> Result<bool, Failure> {
        if self.tok.indent != 0 {
            return self.fail_token(ErrorKind::InvalidDirective);
        }
        let rest = &self.src[self.pos..];
        let ws_at = |n: usize| matches!(rest.get(n), Some(b' ' | b'\t'));
        if rest.starts_with(b"YAML") && ws_at(4) {
            self.pos += 4;
            self.skip_ws_required()?;
            self.skip_digits_required()?;
            self.skip_char(b'.')?;
            self.skip_digits_required()?;
            self.skip_to_line_end()?;
            return Ok(true);
        }
        if rest.starts_with(b"TAG") && ws_at(3) {
            self.pos += 3;
            self.skip_ws_required()?;
            self.skip_char(b'!')?;
            if matches!(self.peek(0), b' ' | b'\t') {
                self.skip_ws_required()?;
            } else if self.peek(0) == b'!' {
                self.pos += 1;
                self.skip_ws_required()?;
            } else {
                let from = self.pos;
                while self.peek(0).is_ascii_alphanumeric() || self.peek(0) == b'-' {
                    self.pos += 1;
                }
                if self.pos == from {
                    return Err(self.failure(ErrorKind::UnexpectedCharacter));
                }
                let handle = &self.text[from..self.pos];
                self.skip_char(b'!')?;
                self.skip_ws_required()?;
                self.tag_handles.insert(handle);
            }
            self.tag_prefix()?;
            self.skip_to_line_end()?;
            return Ok(false);
        }
        let is_ns = |b: u8| matches!(b, 0x21..=0x7e | 0x80..=0xff);
        if !is_ns(self.peek(0)) || self.pos >= self.src.len() {
            return Err(self.failure(ErrorKind::UnexpectedCharacter));
        }
        while self.pos < self.src.len()
            && (is_ns(self.peek(0)) || matches!(self.peek(0), b' ' | b'\t'))
        {
            self.pos += 1;
        }
        self.skip_to_line_end()?;
        Ok(false)
    }

    fn tag_prefix(&mut self) -> Result<(), Failure> {
        if self.peek(0) == b'!' {
            self.pos += 1;
        } else if let Some(n) = super::scan::tag_char_len(&self.src[self.pos..]) {
            self.pos += n;
        } else {
            return self.fail_token(ErrorKind::InvalidDirective);
        }
        while super::scan::is_uri_char(&self.src[self.pos..]) {
            self.pos += 1;
        }
        Ok(())
    }

    fn skip_ws_required(&mut self) -> Result<(), Failure> {
        if !matches!(self.peek(0), b' ' | b'\t') || self.pos >= self.src.len() {
            return Err(self.failure(ErrorKind::UnexpectedCharacter));
        }
        while matches!(self.peek(0), b' ' | b'\t') && self.pos < self.src.len() {
            self.pos += 1;
        }
        Ok(())
    }

    fn skip_digits_required(&mut self) -> Result<(), Failure> {
        if !self.peek(0).is_ascii_digit() {
            return Err(self.failure(ErrorKind::UnexpectedCharacter));
        }
        while self.peek(0).is_ascii_digit() {
            self.pos += 1;
        }
        Ok(())
    }

    fn skip_char(&mut self, c: u8) -> Result<(), Failure> {
        if self.peek(0) != c || self.pos >= self.src.len() {
            return Err(self.failure(ErrorKind::UnexpectedCharacter));
        }
        self.pos += 1;
        Ok(())
    }

    /// Spaces and a comment up to the end of the line.
    fn skip_to_line_end(&mut self) -> Result<(), Failure> {
        let ws = matches!(self.peek(0), b' ' | b'\t') && self.pos < self.src.len();
        while matches!(self.peek(0), b' ' | b'\t') && self.pos < self.src.len() {
            self.pos += 1;
        }
        if self.peek(0) == b'#' && self.pos < self.src.len() {
            if !ws {
                return Err(self.failure(ErrorKind::UnexpectedCharacter));
            }
            while self.pos < self.src.len() && !matches!(self.peek(0), b'\n' | b'\r') {
                self.pos += 1;
            }
        }
        if self.pos < self.src.len() && !matches!(self.peek(0), b'\n' | b'\r') {
            return Err(self.failure(ErrorKind::UnexpectedCharacter));
        }
        Ok(())
    }

    pub(super) fn node(&mut self, opts: NodeOpts) -> Result<Node, Failure> {
        if self.depth >= MAX_DEPTH {
            return self.fail_token(ErrorKind::TooDeep);
        }
        self.depth += 1;
        let r = self.node_inner(opts);
        self.depth -= 1;
        r
    }

    fn node_inner(&mut self, opts: NodeOpts) -> Result<Node, Failure> {
        let mut props = Props::default();
        if let Some(t) = opts.tag.clone() {
            props.set_tag(t)?;
        }
        if let Some(a) = opts.anchor.clone() {
            props.set_anchor(a)?;
        }
        let node = loop {
            let tok = self.take_tok();
            match &tok.kind {
                TokKind::Eof | TokKind::DocStart | TokKind::DocEnd => break null_at(tok.start),
                TokKind::Anchor(_) | TokKind::Tag(_) => {
                    let line = tok.line;
                    if matches!(tok.kind, TokKind::Anchor(_)) {
                        props.set_anchor(tok)?;
                    } else {
                        props.set_tag(tok)?;
                    }
                    let tag = props.tag();
                    // A tab before the properties counts for the node they introduce.
                    self.tab_in_indent |= self.tok.tab_indent;
                    let before = self.save();
                    self.scan(ScanOpts {
                        tag,
                        ..ScanOpts::default()
                    })?;
                    // Properties alone on their line, before the next key: a null, and
                    // the next token is read again without the tag.
                    let next = &self.tok;
                    let content = !matches!(
                        next.kind,
                        TokKind::Eof
                            | TokKind::Scalar(_)
                            | TokKind::SeqStart
                            | TokKind::MapStart
                            | TokKind::Tag(_)
                            | TokKind::Anchor(_)
                    );
                    if next.line != line && next.tab_indent && content && self.ctx() == Ctx::BlockIn
                    {
                        return self.fail_token(ErrorKind::TabIndent);
                    }
                    let outer = opts.explicit_key.or(opts.mapping_indent);
                    // `key: !tag` then `- x` on the next line: the list is the value.
                    let seq = matches!(next.kind, TokKind::SeqEntry);
                    let out = outer.is_some_and(|m| next.indent < m || (next.indent == m && !seq));
                    // Inside a flow collection lines have no indentation: `[a: !x`, `y]`.
                    if next.line != line && out && !opts.is_key && !self.ctx().is_flow() {
                        let at = next.start;
                        self.restore(before);
                        self.scan_default()?;
                        break null_at(at);
                    }
                }
                TokKind::Alias(_) => match self.alias(&tok, &props, &opts)? {
                    Ok(n) => return Ok(n),
                    Err(n) => break n,
                },
                TokKind::SeqStart | TokKind::MapStart => {
                    let seq = matches!(tok.kind, TokKind::SeqStart);
                    // Tags on two lines before a `{`: Bun refuses them even where the
                    // mapping turns out to be a key (`!!str {x: 1}: v`), which it allows
                    // for a `[` or a scalar.
                    if let (false, Some(t)) = (seq, &props.map_tag) {
                        return Err(Failure {
                            kind: ErrorKind::MultipleTags,
                            at: t.start,
                        });
                    }
                    // On an earlier line the anchor may yet be a mapping's (`&a` then
                    // `[x]: y`): registered only when the node is complete.
                    let own = props.anchor.as_ref().filter(|a| a.line == tok.line);
                    self.remember_started(own.cloned().as_ref(), seq);
                    let coll = if seq {
                        self.flow_seq()?
                    } else {
                        self.flow_map()?
                    };
                    if !matches!(self.tok.kind, TokKind::MapValue) {
                        break coll;
                    }
                    if opts.no_implicit_key && self.ctx() != Ctx::FlowKey {
                        return self.fail_token(ErrorKind::UnexpectedToken);
                    }
                    match self.implicit_key(coll, &tok, &props, &opts)? {
                        // The key's anchor stays on the key.
                        Ok(map) => return Ok(map),
                        Err(map) => break map,
                    }
                }
                TokKind::CollectEntry | TokKind::SeqEnd | TokKind::MapEnd => {
                    if props.anchor.is_some() || props.tag.is_some() || opts.explicit_key.is_some()
                    {
                        break null_at(self.pos);
                    }
                    return self.fail_token(ErrorKind::UnexpectedToken);
                }
                TokKind::SeqEntry => {
                    let same_line =
                        |t: &Option<Tok>| t.as_ref().is_some_and(|t| t.line == tok.line);
                    if same_line(&props.anchor) || same_line(&props.tag) {
                        return self.fail_token(ErrorKind::UnexpectedToken);
                    }
                    if tok.tab_indent {
                        return self.fail_token(ErrorKind::TabIndent);
                    }
                    self.remember_started(props.anchor.as_ref(), true);
                    break self.block_seq()?;
                }
                TokKind::MapKey if self.ctx().is_flow() => {
                    if opts.no_implicit_key || props.anchor.is_some() || props.tag.is_some() {
                        return self.fail_token(ErrorKind::UnexpectedToken);
                    }
                    break self.flow_explicit_key(&tok)?;
                }
                TokKind::MapKey if opts.value_line == Some(tok.line) => {
                    return self.fail_token(ErrorKind::UnexpectedToken);
                }
                TokKind::MapKey => {
                    self.remember_started(props.anchor.as_ref(), false);
                    self.block_indents.push(tok.indent);
                    // What follows `? ` may be a compact collection, as after `- `.
                    self.scan(ScanOpts {
                        parent_indent: Some(tok.indent + 1),
                        ..ScanOpts::default()
                    })?;
                    // `?` alone on its line: the key must be indented under it.
                    let next = &self.tok;
                    let later = next.line != tok.line;
                    // `?` alone on its line and the next line at its indentation or less:
                    // the key is empty and that line starts the next entry, except a
                    // list at the `?`'s indentation, which is the key (`?` then `- x`).
                    let list_key =
                        matches!(next.kind, TokKind::SeqEntry) && next.indent == tok.indent;
                    let key = if later && next.indent <= tok.indent && !list_key {
                        null_at(tok.end)
                    } else {
                        self.node(NodeOpts {
                            explicit_key: Some(tok.indent),
                            mapping_indent: Some(opts.mapping_indent.unwrap_or(tok.indent)),
                            ..NodeOpts::default()
                        })?
                    };
                    self.block_indents.pop();
                    if opts.mapping_indent == Some(tok.indent) {
                        return Ok(key);
                    }
                    break self.block_map(key, &tok)?;
                }
                TokKind::MapValue => {
                    if opts.no_implicit_key {
                        return self.fail_token(ErrorKind::UnexpectedToken);
                    }
                    let at_key = opts.explicit_key.or(opts.mapping_indent) == Some(tok.indent);
                    if self.ctx() == Ctx::FlowKey
                        || opts.mapping_indent == Some(tok.indent)
                        || at_key
                    {
                        break null_at(tok.start);
                    }
                    // A tag on the `:`'s line is the empty key's; on an earlier line, the mapping's.
                    let same_line = props.tag.as_ref().is_some_and(|t| t.line == tok.line);
                    let key_tag = if same_line { props.tag() } else { Tag::None };
                    let key = resolve_null(null_at(tok.start), key_tag);
                    let (key_anchor, map_anchor) = props.key_anchors(tok.line)?;
                    self.remember(key_anchor.as_ref(), &key);
                    self.remember_started(map_anchor.as_ref(), false);
                    break self.block_map(key, &tok)?;
                }
                TokKind::Scalar(_) => match self.scalar(tok, &props, &opts)? {
                    Ok(n) => return Ok(n),
                    Err(n) => break n,
                },
                // A taken scalar is always scanned past before the next node is read.
                TokKind::Directive | TokKind::TakenScalar => {
                    return self.fail_token(ErrorKind::UnexpectedToken)
                }
            }
        };
        if let Some(t) = props.map_anchor {
            return Err(Failure {
                kind: ErrorKind::MultipleAnchors,
                at: t.start,
            });
        }
        if let Some(t) = props.map_tag {
            return Err(Failure {
                kind: ErrorKind::MultipleTags,
                at: t.start,
            });
        }
        let mut node = resolve_null(node, props.tag());
        if let (Some(t), NodeKind::Scalar { tag, .. }) = (&props.tag, &mut node.kind) {
            *tag = self.text.get(t.start..t.end).map(str::to_string);
        }
        if let Some(a) = &props.anchor {
            key_cycles_to_strings(&mut node, a.start);
        }
        self.remember(props.anchor.as_ref(), &node);
        Ok(node)
    }

    /// An alias: a copy of the anchored node. Ok(node) when it was a key that started
    /// a mapping (returned as is), Err(node) for a plain value.
    fn alias(
        &mut self,
        tok: &Tok,
        props: &Props,
        opts: &NodeOpts,
    ) -> Result<Result<Node, Node>, Failure> {
        let same_line = |t: &Option<Tok>| t.as_ref().is_some_and(|t| t.line == tok.line);
        if same_line(&props.anchor) || same_line(&props.tag) {
            return self.fail_token(ErrorKind::UnexpectedToken);
        }
        let name = self.anchor_name(tok).unwrap_or_default();
        let copy = match self.anchors.get(name) {
            Some((target, n)) if *n <= self.budget => {
                self.budget -= n;
                if matches!(target.kind, NodeKind::Seq { .. } | NodeKind::Map { .. }) {
                    self.aliased.insert(tok.start, target.span.start);
                }
                Node {
                    kind: target.kind.clone(),
                    span: tok.start..tok.end,
                }
            }
            Some((target, _)) => Node {
                kind: NodeKind::Alias {
                    of_seq: matches!(
                        target.kind,
                        NodeKind::Seq { .. } | NodeKind::Alias { of_seq: true, .. }
                    ),
                    open: matches!(target.kind, NodeKind::Alias { open: true, .. }),
                    anchor: target.span.start,
                },
                span: tok.start..tok.end,
            },
            None => return self.fail_token(ErrorKind::UnresolvedAlias),
        };
        self.scan_default()?;
        if !matches!(self.tok.kind, TokKind::MapValue) {
            return Ok(Err(copy));
        }
        let key_ends_here = key_ends(&self.tok, tok, opts, self.block_indents.last().copied());
        if self.ctx() == Ctx::FlowKey || opts.mapping_indent == Some(tok.indent) || key_ends_here {
            return Ok(Ok(copy));
        }
        if tok.line != self.tok.line {
            return self.fail_token(ErrorKind::MultilineImplicitKey);
        }
        if opts.no_implicit_key {
            return self.fail_token(ErrorKind::UnexpectedToken);
        }
        let map_anchor = props.key_anchors(tok.line)?.1;
        self.remember_started(map_anchor.as_ref(), false);
        let map = self.block_map(copy, tok)?;
        self.remember(map_anchor.as_ref(), &map);
        Ok(Ok(map))
    }

    /// A flow collection followed by `:`: the key of a mapping, or (inside a flow key
    /// or at the current mapping's indentation) just itself. Ok when a mapping was built.
    fn implicit_key(
        &mut self,
        coll: Node,
        tok: &Tok,
        props: &Props,
        opts: &NodeOpts,
    ) -> Result<Result<Node, Node>, Failure> {
        self.tab_before_json_key(tok.start, true, opts)?;
        let key_ends_here = key_ends(&self.tok, tok, opts, self.block_indents.last().copied());
        if self.ctx() == Ctx::FlowKey || opts.mapping_indent == Some(tok.indent) || key_ends_here {
            return Ok(Err(coll));
        }
        if tok.line != self.tok.line {
            return self.fail_token(ErrorKind::MultilineImplicitKey);
        }
        let (key_anchor, map_anchor) = props.key_anchors(tok.line)?;
        self.remember(key_anchor.as_ref(), &coll);
        self.remember_started(map_anchor.as_ref(), false);
        let map = self.block_map(coll, tok)?;
        self.remember(map_anchor.as_ref(), &map);
        Ok(Ok(map))
    }

    /// A flow collection or quoted scalar right after `-\t` or `:\t`, followed by a `:`
    /// on any line, is refused as a tab in indentation (Bun checks before the lines).
    fn tab_before_json_key(
        &self,
        start: usize,
        json_like: bool,
        opts: &NodeOpts,
    ) -> Result<(), Failure> {
        let tabbed = self.tab_after_indicator == Some(start) && opts.explicit_key.is_none();
        if tabbed && json_like && matches!(self.tok.kind, TokKind::MapValue) {
            return self.fail_token(ErrorKind::TabIndent);
        }
        Ok(())
    }

    fn scalar(
        &mut self,
        tok: Tok,
        props: &Props,
        opts: &NodeOpts,
    ) -> Result<Result<Node, Node>, Failure> {
        let mut tok = tok;
        let TokKind::Scalar(s) = std::mem::replace(&mut tok.kind, TokKind::TakenScalar) else {
            return self.fail_token(ErrorKind::UnexpectedToken);
        };
        // Quoted only: a block scalar (`:\t>`) ends before the `:` that follows it.
        let json_like = matches!(s.style, Style::SingleQuoted | Style::DoubleQuoted);
        let node = Node {
            kind: NodeKind::Scalar {
                value: s.value,
                style: s.style,
                tag: None,
                resolved: s.resolved,
            },
            span: tok.start..tok.end,
        };
        self.scan(ScanOpts {
            tag: props.tag(),
            outside_context: true,
            ..ScanOpts::default()
        })?;
        self.tab_before_json_key(tok.start, json_like, opts)?;
        let key_ends_here = key_ends(&self.tok, &tok, opts, self.block_indents.last().copied());
        if !matches!(self.tok.kind, TokKind::MapValue)
            || opts.mapping_indent == Some(tok.indent)
            || self.ctx() == Ctx::FlowKey
            || key_ends_here
        {
            return Ok(Err(node));
        }
        if opts.no_implicit_key {
            return self.fail_token(ErrorKind::UnexpectedToken);
        }
        if tok.line != self.tok.line {
            return self.fail_token(ErrorKind::MultilineImplicitKey);
        }
        let (key_anchor, map_anchor) = props.key_anchors(tok.line)?;
        self.remember(key_anchor.as_ref(), &node);
        self.remember_started(map_anchor.as_ref(), false);
        let map = self.block_map(node, &tok)?;
        self.remember(map_anchor.as_ref(), &map);
        Ok(Ok(map))
    }

    /// `? key` inside a flow collection: in a flow mapping the key (the mapping reads
    /// its `:`), in a flow sequence a one-pair mapping (`[? a: b]`, `[? a]`).
    fn flow_explicit_key(&mut self, question: &Tok) -> Result<Node, Failure> {
        let in_map = self.ctx() == Ctx::FlowKey;
        self.scan_default()?;
        let key = match self.tok.kind {
            TokKind::MapKey => return self.fail_token(ErrorKind::UnexpectedToken),
            TokKind::MapValue | TokKind::CollectEntry | TokKind::SeqEnd | TokKind::MapEnd => {
                null_at(question.end)
            }
            _ => self.in_context(Ctx::FlowKey, |r| r.node(NodeOpts::default()))?,
        };
        if in_map {
            return Ok(key);
        }
        let mut entries = MapEntries::default();
        let value = if matches!(self.tok.kind, TokKind::MapValue) {
            let colon_end = self.tok.end;
            self.scan_default()?;
            if matches!(self.tok.kind, TokKind::CollectEntry | TokKind::SeqEnd) {
                null_at(colon_end)
            } else {
                self.node(NodeOpts {
                    no_implicit_key: true,
                    ..NodeOpts::default()
                })?
            }
        } else {
            null_at(self.tok.start)
        };
        let end = value.span.end.max(key.span.end);
        entries.add(key, value, &self.aliased)?;
        Ok(map_node(entries.list, question.start, end, false))
    }

    fn flow_seq(&mut self) -> Result<Node, Failure> {
        let start = self.tok.start;
        let items = self.in_context(Ctx::FlowIn, |r| {
            let mut items = Vec::new();
            r.scan_default()?;
            while !matches!(r.tok.kind, TokKind::SeqEnd) {
                items.push(r.node(NodeOpts::default())?);
                if matches!(r.tok.kind, TokKind::SeqEnd) {
                    break;
                }
                if !matches!(r.tok.kind, TokKind::CollectEntry) {
                    return r.fail_token(ErrorKind::UnexpectedToken);
                }
                r.scan_default()?;
            }
            Ok(items)
        })?;
        let end = self.tok.end;
        self.scan_default()?;
        Ok(Node {
            kind: NodeKind::Seq { items, flow: true },
            span: start..end,
        })
    }

    fn scan_in_key(&mut self) -> Result<(), Failure> {
        self.in_context(Ctx::FlowKey, |r| r.scan_default())
    }

    fn flow_map(&mut self) -> Result<Node, Failure> {
        let start = self.tok.start;
        let entries = self.in_context(Ctx::FlowIn, |r| {
            let mut entries = MapEntries::default();
            r.scan_in_key()?;
            while !matches!(r.tok.kind, TokKind::MapEnd) {
                let key = r.in_context(Ctx::FlowKey, |r| r.node(NodeOpts::default()))?;
                match r.tok.kind {
                    TokKind::CollectEntry => {
                        entries.add(key, null_at(r.tok.start), &r.aliased)?;
                        r.scan_in_key()?;
                        continue;
                    }
                    TokKind::MapEnd => {
                        entries.add(key, null_at(r.tok.start), &r.aliased)?;
                        continue;
                    }
                    TokKind::MapValue => {}
                    _ => return r.fail_token(ErrorKind::UnexpectedToken),
                }
                let colon_end = r.tok.end;
                r.scan_default()?;
                let value = if matches!(r.tok.kind, TokKind::MapEnd | TokKind::CollectEntry) {
                    null_at(colon_end)
                } else {
                    r.node(NodeOpts {
                        no_implicit_key: true,
                        ..NodeOpts::default()
                    })?
                };
                entries.add(key, value, &r.aliased)?;
                match r.tok.kind {
                    TokKind::CollectEntry => r.scan_in_key()?,
                    TokKind::MapEnd => {}
                    _ => return r.fail_token(ErrorKind::UnexpectedToken),
                }
            }
            Ok(entries.list)
        })?;
        let end = self.tok.end;
        self.scan_default()?;
        Ok(map_node(entries, start, end, true))
    }

    fn block_seq(&mut self) -> Result<Node, Failure> {
        let (start, indent) = (self.tok.start, self.tok.indent);
        if self.doc_start_line == Some(self.tok.line) {
            return self.fail_token(ErrorKind::UnexpectedToken);
        }
        self.block_indents.push(indent);
        let r = self.block_seq_items(indent);
        self.block_indents.pop();
        let items = r?;
        let end = items.last().map_or(start + 1, |n| n.span.end);
        Ok(Node {
            kind: NodeKind::Seq { items, flow: false },
            span: start..end.max(start + 1),
        })
    }

    fn block_seq_items(&mut self, indent: usize) -> Result<Vec<Node>, Failure> {
        let mut items = Vec::new();
        let mut prev_line = 0;
        while matches!(self.tok.kind, TokKind::SeqEntry) && self.tok.indent == indent {
            if !items.is_empty() && prev_line == self.tok.line {
                break;
            }
            prev_line = self.tok.line;
            let entry = self.tok.clone();
            let parent_indent = Some(entry.indent + 1);
            self.scan(ScanOpts {
                parent_indent,
                ..ScanOpts::default()
            })?;
            let empty = null_at(entry.end);
            let next_line_out = self.tok.line != entry.line && self.tok.indent <= indent;
            let item = match self.tok.kind {
                TokKind::Eof => empty,
                TokKind::SeqEntry if self.tok.indent <= indent => empty,
                _ if next_line_out => empty,
                TokKind::Tag(_) | TokKind::Anchor(_) => {
                    self.seq_item_with_props(indent, entry.line, parent_indent, empty)?
                }
                _ => self.node(NodeOpts::default())?,
            };
            items.push(item);
        }
        Ok(items)
    }

    /// Reads the token after a node property (a tag or an anchor at `first`, the
    /// entry's first property) under `tag`, and returns the state before it, so it can be
    /// read again without the tag. Spaces or tabs after a property are not indentation:
    /// a token on the same line has the first property's indentation (`-  &x a: 1` is a
    /// mapping at column 3).
    fn scan_after_property(
        &mut self,
        parent_indent: Option<usize>,
        tag: Tag,
        first: (usize, usize),
    ) -> Result<(usize, usize, usize, bool, Tok), Failure> {
        let (line, indent) = first;
        let before = self.save();
        let inherited = self.tab_in_indent;
        self.scan(ScanOpts {
            parent_indent,
            tag,
            ..ScanOpts::default()
        })?;
        if self.tok.line == line {
            self.tok.tab_indent = inherited;
            self.tok.indent = indent;
        }
        Ok(before)
    }

    /// An entry that starts with an anchor and/or a tag: null if the next entry follows.
    fn seq_item_with_props(
        &mut self,
        indent: usize,
        entry_line: usize,
        parent_indent: Option<usize>,
        empty: Node,
    ) -> Result<Node, Failure> {
        let (mut tag, mut anchor): (Option<Tok>, Option<Tok>) = (None, None);
        let mut before = None;
        let first = (self.tok.line, self.tok.indent);
        loop {
            let tok = self.tok.clone();
            let ends = tok.indent <= indent
                && (tok.line != entry_line || matches!(tok.kind, TokKind::SeqEntry));
            match tok.kind {
                _ if ends && (tag.is_some() || anchor.is_some()) => {
                    let node = resolve_null(empty, tag_of(tag.as_ref()));
                    self.remember(anchor.as_ref(), &node);
                    // The next token was read under the tag: read it again without.
                    if let Some(before) = before.filter(|_| tag.is_some()) {
                        self.restore(before);
                        self.scan(ScanOpts {
                            parent_indent,
                            ..ScanOpts::default()
                        })?;
                    }
                    return Ok(node);
                }
                TokKind::Tag(t) => {
                    if tag.is_some() {
                        return self.fail_token(ErrorKind::UnexpectedToken);
                    }
                    self.tab_in_indent |= tok.tab_indent;
                    tag = Some(tok);
                    before = Some(self.scan_after_property(parent_indent, t, first)?);
                }
                TokKind::Anchor(_) => {
                    if anchor.is_some() {
                        return self.fail_token(ErrorKind::UnexpectedToken);
                    }
                    self.tab_in_indent |= tok.tab_indent;
                    anchor = Some(tok);
                    let t = tag_of(tag.as_ref());
                    before = Some(self.scan_after_property(parent_indent, t, first)?);
                }
                _ if self.tok.indent <= indent
                    && (self.tok.line != entry_line
                        || matches!(self.tok.kind, TokKind::SeqEntry)) =>
                {
                    let node = resolve_null(empty, tag_of(tag.as_ref()));
                    self.remember(anchor.as_ref(), &node);
                    return Ok(node);
                }
                _ => {
                    return self.node(NodeOpts {
                        tag,
                        anchor,
                        ..NodeOpts::default()
                    })
                }
            }
        }
    }

    /// The value after a key: null when the next token is on a later line at the
    /// mapping's indentation or less (or, for `-`, less).
    /// `key_line` and `entry_line` are the lines Bun compares a following `?` and `-`
    /// with (the key's line and, for the first entry, the `:`'s line).
    fn map_value(
        &mut self,
        key_line: usize,
        entry_line: Option<usize>,
        indent: usize,
        in_flow: bool,
        explicit: bool,
    ) -> Result<Node, Failure> {
        let tok = self.tok.clone();
        let first_entry = entry_line.is_none();
        let entry_line = entry_line.unwrap_or(tok.line);
        if matches!(tok.kind, TokKind::MapKey) {
            if tok.line == key_line {
                return self.fail_token(ErrorKind::UnexpectedToken);
            }
            return Ok(null_at(tok.start));
        }
        if !matches!(tok.kind, TokKind::MapValue) {
            // An explicit key with no `:` line: what follows is the next key, if any.
            return Ok(null_at(tok.start));
        }
        // A `:` line less indented than the `?` belongs to an enclosing mapping: this
        // key has no value.
        if explicit && tok.indent < indent && self.starts_line(&tok) {
            return Ok(null_at(tok.start));
        }
        // The `:` after `? key` starts its own line, at the `?`'s indentation, or, in a
        // mapping's first entry, ends a compact mapping key on the `?`'s line (`? b: c: d`
        // is `{b: c}: d`).
        let on_key_line = first_entry && tok.line == key_line;
        if explicit && !on_key_line && (tok.indent != indent || !self.starts_line(&tok)) {
            return self.fail_token(ErrorKind::UnexpectedToken);
        }
        let empty = null_at(tok.end);
        // After `? key`, a `:` starting its line may hold a compact collection.
        let parent_indent = (explicit && self.starts_line(&tok)).then_some(tok.indent + 1);
        self.scan(ScanOpts {
            parent_indent,
            ..ScanOpts::default()
        })?;
        let t = &self.tok;
        if matches!(
            t.kind,
            TokKind::CollectEntry | TokKind::SeqEnd | TokKind::MapEnd
        ) {
            return Ok(empty);
        }
        if matches!(t.kind, TokKind::MapKey) && t.line == entry_line && parent_indent.is_none() {
            return self.fail_token(ErrorKind::UnexpectedToken);
        }
        let is_null = if in_flow {
            false
        } else if matches!(t.kind, TokKind::SeqEntry) {
            // `key: - x` is refused, `? key` then `: - x` is a compact list.
            if t.line == entry_line && parent_indent.is_none() {
                return self.fail_token(ErrorKind::UnexpectedToken);
            }
            t.indent < indent
        } else {
            t.line != tok.line && t.indent <= indent
        };
        if is_null {
            return Ok(empty);
        }
        let value_line = (parent_indent.is_none()).then_some(entry_line);
        self.node(NodeOpts {
            mapping_indent: Some(indent),
            no_implicit_key: in_flow,
            value_line,
            ..NodeOpts::default()
        })
    }

    fn block_map(&mut self, first_key: Node, first: &Tok) -> Result<Node, Failure> {
        let (start, indent, line) = (first.start, first.indent, first.line);
        if self.doc_start_line == Some(line) {
            return self.fail_token(ErrorKind::UnexpectedToken);
        }
        if first.tab_indent && self.ctx() != Ctx::FlowIn {
            return self.fail_token(ErrorKind::TabIndent);
        }
        // A pair inside a flow collection (`[a: b]`) sets no block indentation.
        let flow = self.ctx() == Ctx::FlowIn;
        if !flow {
            self.block_indents.push(indent);
        }
        let r = self.block_map_entries(
            first_key,
            indent,
            line,
            matches!(first.kind, TokKind::MapKey),
        );
        if !flow {
            self.block_indents.pop();
        }
        let entries = r?;
        let end = entries
            .last()
            .map_or(start, |e| e.value.span.end.max(e.key.span.end));
        Ok(map_node(entries, start, end, false))
    }

    /// Where a plain key `key` is ended by a comment on a line whose indentation held a
    /// tab, which Bun refuses even for a set entry: the key's own line (`tabbed`, `\ty
    /// #c`) or a continuation the scanner noted (`y`, `\t#`; `Reader::tab_comment`).
    fn tab_comment_after(&self, key: &Node, tabbed: bool) -> Option<usize> {
        let after_key = key.span.end..self.tok.start;
        let comment_on_line = (self.src.get(after_key.clone()).unwrap_or_default())
            .iter()
            .find(|b| !matches!(b, b' ' | b'\t'))
            .is_some_and(|&b| b == b'#');
        if tabbed && comment_on_line {
            return Some(key.span.end);
        }
        self.tab_comment.filter(|c| after_key.contains(c))
    }

    /// `explicit`: the first key was written after `?`.
    fn block_map_entries(
        &mut self,
        first_key: Node,
        indent: usize,
        line: usize,
        explicit: bool,
    ) -> Result<Vec<Entry>, Failure> {
        let mut entries = MapEntries::default();
        let value = self.map_value(line, None, indent, self.ctx() == Ctx::FlowIn, explicit)?;
        entries.add(first_key, value, &self.aliased)?;
        if self.ctx() == Ctx::FlowIn {
            return Ok(entries.list);
        }
        self.in_context(Ctx::BlockIn, |r| {
            let mut previous_line = line;
            while !matches!(
                r.tok.kind,
                TokKind::Eof | TokKind::DocStart | TokKind::DocEnd
            ) && r.tok.indent == indent
                && r.tok.line != previous_line
            {
                let key_line = r.tok.line;
                previous_line = key_line;
                // A tab before the key is refused unless the key is a plain or block
                // scalar that turns out to be a set entry (the next token a `?`: `a:`,
                // `\tf`, `?`; `a:`, `\t|`, ` x`, `?`).
                let tabbed = r.tok.tab_indent;
                let style = match &r.tok.kind {
                    TokKind::Scalar(s) => Some(s.style),
                    _ => None,
                };
                let plain = style == Some(Style::Plain);
                let unquoted = plain || matches!(style, Some(Style::Literal | Style::Folded));
                let explicit = matches!(r.tok.kind, TokKind::MapKey);
                let key = r.node(NodeOpts {
                    mapping_indent: Some(indent),
                    is_key: true,
                    ..NodeOpts::default()
                })?;
                if tabbed && !(unquoted && matches!(r.tok.kind, TokKind::MapKey)) {
                    return r.fail_token(ErrorKind::TabIndent);
                }
                if let Some(at) = plain.then(|| r.tab_comment_after(&key, tabbed)).flatten() {
                    return Err(Failure {
                        kind: ErrorKind::TabIndent,
                        at,
                    });
                }
                match r.tok.kind {
                    TokKind::Eof if explicit => {
                        entries.add(key, null_at(r.pos), &r.aliased)?;
                        continue;
                    }
                    TokKind::MapValue if key_line != r.tok.line && !explicit => {
                        return r.fail_token(ErrorKind::MultilineImplicitKey);
                    }
                    TokKind::MapValue | TokKind::MapKey => {}
                    // `? key` with no `:` line: a null value, the token starts the next key.
                    _ if explicit => {}
                    _ => return r.fail_token(ErrorKind::UnexpectedToken),
                }
                let value = r.map_value(key_line, Some(key_line), indent, false, explicit)?;
                entries.add(key, value, &r.aliased)?;
            }
            Ok(entries.list)
        })
    }
}
