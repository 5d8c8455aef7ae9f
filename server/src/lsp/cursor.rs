//! What the name under the cursor is, for the navigation requests.
use super::store::Snapshot;
use super::{convert, Backend};
use crate::workspace::lookup::Target;
use crate::workspace::Workspace;
use std::ops::Range;
use std::sync::Arc;
use tower_lsp_server::ls_types::TextDocumentPositionParams;

/// The document, the name at the position and its bytes.
pub fn at(
    backend: &Backend,
    pos: &TextDocumentPositionParams,
) -> Option<(Snapshot, Target, Range<usize>)> {
    let snap = backend.store.get(&pos.text_document.uri)?;
    let offset = convert::to_offset(&snap.rope, pos.position, backend.encoding());
    let (target, range) = snap.analysis.index.target_at(offset)?;
    Some((snap, target, range))
}

/// The workspace of the document at `pos`, with the open documents as they are now
/// (places in them move with each edit): what navigation points into. Outside every
/// folder, the document's own settings' (empty) workspace.
pub fn workspace(
    backend: &Backend,
    pos: &TextDocumentPositionParams,
    snap: &Snapshot,
) -> Arc<Workspace> {
    pos.text_document
        .uri
        .to_file_path()
        .and_then(|p| backend.folders.live(&p))
        .unwrap_or_else(|| snap.settings.workspace.clone())
}
