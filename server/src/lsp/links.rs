//! textDocument/documentLink: the body's relative links, resolved against the file's
//! folder (whether the target exists is not checked here: no disk is read in a handler).
use super::{convert, Backend};
use tower_lsp_server::ls_types::{DocumentLink, DocumentLinkParams, Uri};

pub fn handle(backend: &Backend, params: DocumentLinkParams) -> Option<Vec<DocumentLink>> {
    let uri = &params.text_document.uri;
    let snap = backend.store.get(uri)?;
    let dir = uri.to_file_path()?.parent()?.to_path_buf();
    let enc = backend.encoding();
    let out = snap
        .analysis
        .index
        .links
        .iter()
        .filter_map(|l| {
            let target = Uri::from_file_path(lexical(&dir.join(&l.dest)))?;
            Some(DocumentLink {
                range: convert::to_range(&snap.rope, &l.span.range, enc),
                target: Some(target),
                tooltip: None,
                data: None,
            })
        })
        .collect();
    Some(out)
}

/// `a/b/../c` as `a/c`, without asking the disk.
fn lexical(p: &std::path::Path) -> std::path::PathBuf {
    use std::path::Component;
    let mut out = std::path::PathBuf::new();
    for c in p.components() {
        match c {
            Component::ParentDir => {
                out.pop();
            }
            Component::CurDir => {}
            c => out.push(c),
        }
    }
    out
}
