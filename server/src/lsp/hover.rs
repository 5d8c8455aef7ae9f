//! textDocument/hover
use super::{convert, Backend};
use crate::analysis::hover;
use tower_lsp_server::ls_types::{Hover, HoverContents, HoverParams};

pub fn handle(backend: &Backend, params: HoverParams) -> Option<Hover> {
    let pos = params.text_document_position_params;
    let snap = backend.store.get(&pos.text_document.uri)?;
    let enc = backend.encoding();
    let offset = convert::to_offset(&snap.rope, pos.position, enc);
    let path = pos.text_document.uri.to_file_path();
    let info = hover::hover(
        &snap.text(),
        &snap.analysis,
        offset,
        &snap.settings,
        path.as_deref(),
    )?;
    Some(Hover {
        contents: HoverContents::Markup(convert::markdown(info.markdown)),
        range: Some(convert::to_range(&snap.rope, &info.range, enc)),
    })
}
