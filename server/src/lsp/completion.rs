//! textDocument/completion and completionItem/resolve. When the client can resolve
//! documentation lazily, items go out without it (the docs are most of the payload, and
//! the payload is most of the latency); resolve recomputes the list at the same place
//! and returns the chosen item's documentation.
use super::store::Snapshot;
use super::{convert, Backend};
use crate::analysis::completion::{self, ItemKind};
use serde_json::json;
use tower_lsp_server::ls_types::{
    CompletionItem, CompletionItemKind, CompletionList, CompletionParams, CompletionResponse,
    CompletionTextEdit, Documentation, InsertTextFormat, TextEdit, Uri,
};

pub fn handle(backend: &Backend, params: CompletionParams) -> Option<CompletionResponse> {
    let pos = params.text_document_position;
    let uri = pos.text_document.uri;
    let snap = backend.store.get(&uri)?;
    let enc = backend.encoding();
    let offset = convert::to_offset(&snap.rope, pos.position, enc);
    let lazy = backend.lazy_completion_docs();
    let found = items_at(&snap, offset);
    // A list at the cap may have been cut: the client asks again as the word grows.
    let is_incomplete = found.len() >= completion::MAX_ITEMS;
    let items = found
        .into_iter()
        .enumerate()
        .map(|(i, it)| CompletionItem {
            kind: Some(match it.kind {
                ItemKind::Key => CompletionItemKind::PROPERTY,
                ItemKind::Value => CompletionItemKind::VALUE,
                ItemKind::Snippet => CompletionItemKind::SNIPPET,
            }),
            detail: it.detail,
            documentation: if lazy {
                None
            } else {
                it.documentation
                    .map(|d| Documentation::MarkupContent(convert::markdown(d)))
            },
            data: lazy.then(|| json!({"uri": uri.as_str(), "offset": offset})),
            sort_text: Some(format!("{i:04}")),
            insert_text_format: Some(if it.snippet {
                InsertTextFormat::SNIPPET
            } else {
                InsertTextFormat::PLAIN_TEXT
            }),
            text_edit: Some(CompletionTextEdit::Edit(TextEdit {
                range: convert::to_range(&snap.rope, &it.replace, enc),
                new_text: it.insert,
            })),
            label: it.label,
            ..Default::default()
        })
        .collect();
    Some(if is_incomplete {
        CompletionResponse::List(CompletionList {
            is_incomplete,
            items,
        })
    } else {
        CompletionResponse::Array(items)
    })
}

/// The completion list at `offset`: the same for a request and for its resolve.
fn items_at(snap: &Snapshot, offset: usize) -> Vec<completion::Item> {
    completion::complete(
        &snap.text(),
        &snap.analysis,
        offset,
        &snap.file_stem,
        &snap.settings,
    )
}

/// Adds the documentation to an item sent without it. An item whose document has gone
/// or changed so that the item no longer exists comes back as it was.
pub fn resolve(backend: &Backend, mut item: CompletionItem) -> CompletionItem {
    let doc = (|| {
        let data = item.data.as_ref()?;
        let uri: Uri = data.get("uri")?.as_str()?.parse().ok()?;
        let offset = usize::try_from(data.get("offset")?.as_u64()?).ok()?;
        let snap = backend.store.get(&uri)?;
        items_at(&snap, offset)
            .into_iter()
            .find(|i| i.label == item.label)?
            .documentation
    })();
    if let Some(d) = doc {
        item.documentation = Some(Documentation::MarkupContent(convert::markdown(d)));
    }
    item
}
