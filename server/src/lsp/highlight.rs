//! textDocument/documentHighlight: the name under the cursor wherever this file names it.
use super::{convert, cursor, Backend};
use tower_lsp_server::ls_types::{
    DocumentHighlight, DocumentHighlightKind, DocumentHighlightParams,
};

pub fn handle(
    backend: &Backend,
    params: DocumentHighlightParams,
) -> Option<Vec<DocumentHighlight>> {
    let (snap, target, _) = cursor::at(backend, &params.text_document_position_params)?;
    let enc = backend.encoding();
    let declared = |r: &std::ops::Range<usize>| {
        snap.analysis
            .index
            .declares
            .iter()
            .any(|f| &f.span.range == r)
    };
    let out = snap
        .analysis
        .index
        .occurrences(&target)
        .into_iter()
        .map(|r| DocumentHighlight {
            range: convert::to_range(&snap.rope, &r, enc),
            kind: Some(if declared(&r) {
                DocumentHighlightKind::WRITE
            } else {
                DocumentHighlightKind::READ
            }),
        })
        .collect();
    Some(out)
}
