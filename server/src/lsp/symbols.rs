//! textDocument/documentSymbol: frontmatter keys, then the body's headings.
use super::{convert, Backend};
use crate::syntax::body;
use tower_lsp_server::ls_types::{
    DocumentSymbol, DocumentSymbolParams, DocumentSymbolResponse, SymbolKind,
};

#[allow(deprecated)] // `deprecated` is a required field of the struct
fn symbol(
    name: String,
    detail: Option<String>,
    kind: SymbolKind,
    range: tower_lsp_server::ls_types::Range,
    sel: tower_lsp_server::ls_types::Range,
) -> DocumentSymbol {
    DocumentSymbol {
        name,
        detail,
        kind,
        tags: None,
        deprecated: None,
        range,
        selection_range: sel,
        children: None,
    }
}

pub fn handle(backend: &Backend, params: DocumentSymbolParams) -> Option<DocumentSymbolResponse> {
    let snap = backend.store.get(&params.text_document.uri)?;
    let enc = backend.encoding();
    let fm = &snap.analysis.frontmatter;
    let mut out = Vec::new();
    for e in fm.entries() {
        let Some(k) = e.key.as_str() else { continue };
        let detail = e.value.as_str().map(|v| {
            v.lines()
                .next()
                .unwrap_or_default()
                .chars()
                .take(60)
                .collect()
        });
        let range = convert::to_range(
            &snap.rope,
            &(e.key.span.start..e.value.span.end.max(e.key.span.end)),
            enc,
        );
        out.push(symbol(
            k.to_string(),
            detail,
            SymbolKind::PROPERTY,
            range,
            convert::to_range(&snap.rope, &e.key.span, enc),
        ));
    }
    if let Some(split) = &fm.split {
        for h in body::headings(&snap.text(), split.body.clone()) {
            let r = convert::to_range(&snap.rope, &h.range, enc);
            out.push(symbol(h.text, None, SymbolKind::STRING, r, r));
        }
    }
    Some(DocumentSymbolResponse::Nested(out))
}
