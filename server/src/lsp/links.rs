//! textDocument/documentLink: the body's relative links, resolved against the file's
//! folder (whether the target exists is not checked here: no disk is read in a handler).
//! The body is parsed here, on request, not on every keystroke: Markdown parsing is the
//! bulk of a large body's cost, and only this request needs its links.
use super::{convert, Backend};
use tower_lsp_server::ls_types::{DocumentLink, DocumentLinkParams, Uri};

pub fn handle(backend: &Backend, params: DocumentLinkParams) -> Option<Vec<DocumentLink>> {
    let uri = &params.text_document.uri;
    let snap = backend.store.get(uri)?;
    let dir = uri.to_file_path()?.parent()?.to_path_buf();
    let enc = backend.encoding();
    let body = snap.analysis.frontmatter.split.as_ref()?.body.clone();
    let out = crate::syntax::body::links(&snap.text(), body)
        .into_iter()
        .filter_map(|(dest, range)| {
            let target = Uri::from_file_path(lexical(&dir.join(&dest)))?;
            Some(DocumentLink {
                range: convert::to_range(&snap.rope, &range, enc),
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
