//! The only place where analysis types meet LSP types: byte ranges to LSP ranges in the
//! negotiated encoding, and analysis structs to protocol structs.

use crate::analysis::{self, Severity};
use crate::text::{self, Encoding, LineCol};
use ropey::Rope;
use std::ops::Range;
use tower_lsp_server::ls_types as lsp;

pub fn to_linecol(p: lsp::Position) -> LineCol {
    LineCol {
        line: p.line,
        col: p.character,
    }
}

pub fn to_position(rope: &Rope, offset: usize, enc: Encoding) -> lsp::Position {
    let p = text::position_of(rope, offset, enc);
    lsp::Position {
        line: p.line,
        character: p.col,
    }
}

pub fn to_range(rope: &Rope, r: &Range<usize>, enc: Encoding) -> lsp::Range {
    lsp::Range {
        start: to_position(rope, r.start, enc),
        end: to_position(rope, r.end, enc),
    }
}

/// [`to_range`] for a text that is not an open document (no rope): the same positions.
pub fn to_range_in(lines: &text::Lines, r: &Range<usize>, enc: Encoding) -> lsp::Range {
    let at = |offset| {
        let p = lines.position(offset, enc);
        lsp::Position {
            line: p.line,
            character: p.col,
        }
    };
    lsp::Range {
        start: at(r.start),
        end: at(r.end),
    }
}

pub fn to_offset(rope: &Rope, p: lsp::Position, enc: Encoding) -> usize {
    text::offset_of(rope, to_linecol(p), enc)
}

pub fn severity(s: Severity) -> lsp::DiagnosticSeverity {
    match s {
        Severity::Error => lsp::DiagnosticSeverity::ERROR,
        Severity::Warning => lsp::DiagnosticSeverity::WARNING,
        Severity::Info => lsp::DiagnosticSeverity::INFORMATION,
        Severity::Hint => lsp::DiagnosticSeverity::HINT,
    }
}

/// Every diagnostic of an analysis of the text in `rope`.
pub fn diagnostics(rope: &Rope, a: &analysis::Analysis, enc: Encoding) -> Vec<lsp::Diagnostic> {
    a.diagnostics
        .iter()
        .map(|d| diagnostic(rope, d, enc))
        .collect()
}

pub fn diagnostic(rope: &Rope, d: &analysis::Diagnostic, enc: Encoding) -> lsp::Diagnostic {
    lsp::Diagnostic {
        range: to_range(rope, &d.range, enc),
        severity: Some(severity(d.severity)),
        code: Some(lsp::NumberOrString::String(d.code.to_string())),
        source: Some("agent-lsp".to_string()),
        message: d.message.clone(),
        ..Default::default()
    }
}

pub fn text_edits(rope: &Rope, edits: &[analysis::Edit], enc: Encoding) -> Vec<lsp::TextEdit> {
    edits
        .iter()
        .map(|e| lsp::TextEdit {
            range: to_range(rope, &e.range, enc),
            new_text: e.new_text.clone(),
        })
        .collect()
}

pub fn markdown(md: String) -> lsp::MarkupContent {
    lsp::MarkupContent {
        kind: lsp::MarkupKind::Markdown,
        value: md,
    }
}

/// A range of the index (places in both encodings), for files that may not be open.
pub fn span_range(span: &crate::workspace::Span, enc: Encoding) -> lsp::Range {
    let p = |place: text::Place| {
        let lc = place.in_encoding(enc);
        lsp::Position {
            line: lc.line,
            character: lc.col,
        }
    };
    lsp::Range {
        start: p(span.start),
        end: p(span.end),
    }
}

/// Where a span of `file` is.
pub fn location(
    file: &std::path::Path,
    span: &crate::workspace::Span,
    enc: Encoding,
) -> Option<lsp::Location> {
    Some(lsp::Location {
        uri: lsp::Uri::from_file_path(file)?,
        range: span_range(span, enc),
    })
}
