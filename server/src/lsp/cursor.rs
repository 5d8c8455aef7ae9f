//! What the name under the cursor is, for the navigation requests.
use super::store::Snapshot;
use super::{convert, Backend};
use crate::workspace::lookup::Target;
use std::ops::Range;
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
