//! textDocument/documentLink: the body's relative links, each to the file beside the
//! document or, when only the project's root holds it, to that one
//! ([`crate::workspace::Workspace::link_target`]).
//! The body is parsed here, on request, not on every keystroke: Markdown parsing is the
//! bulk of a large body's cost, and only this request and a body holding links need it.
use super::{convert, Backend};
use crate::workspace::links::LinkTarget;
use tower_lsp_server::ls_types::{DocumentLink, DocumentLinkParams, Uri};

pub fn handle(backend: &Backend, params: DocumentLinkParams) -> Option<Vec<DocumentLink>> {
    let uri = &params.text_document.uri;
    let snap = backend.store.get(uri)?;
    let dir = uri.to_file_path()?.parent()?.to_path_buf();
    let enc = backend.encoding();
    let ws = &snap.settings.workspace;
    let text = snap.text();
    let body = snap.analysis.frontmatter.body(text.len());
    let out = crate::syntax::body::links(&text, body)
        .into_iter()
        .filter_map(|(dest, range)| {
            let path = match ws.link_target(&dir, &dest)? {
                LinkTarget::Found(p) | LinkTarget::Missing(p) | LinkTarget::Unchecked(p) => p,
            };
            Some(DocumentLink {
                range: convert::to_range(&snap.rope, &range, enc),
                target: Some(Uri::from_file_path(path)?),
                tooltip: None,
                data: None,
            })
        })
        .collect();
    Some(out)
}
