//! textDocument/completion
use super::{convert, Backend};
use crate::analysis::completion::{self, ItemKind};
use tower_lsp_server::ls_types::{
    CompletionItem, CompletionItemKind, CompletionParams, CompletionResponse, CompletionTextEdit,
    Documentation, InsertTextFormat, TextEdit,
};

pub fn handle(backend: &Backend, params: CompletionParams) -> Option<CompletionResponse> {
    let pos = params.text_document_position;
    let snap = backend.store.get(&pos.text_document.uri)?;
    let enc = backend.encoding();
    let offset = convert::to_offset(&snap.rope, pos.position, enc);
    let items = completion::complete(&snap.text, &snap.analysis, offset, &snap.file_stem, &snap.settings);
    let items = items
        .into_iter()
        .enumerate()
        .map(|(i, it)| CompletionItem {
            label: it.label.clone(),
            kind: Some(match it.kind {
                ItemKind::Key => CompletionItemKind::PROPERTY,
                ItemKind::Value => CompletionItemKind::VALUE,
                ItemKind::Snippet => CompletionItemKind::SNIPPET,
            }),
            detail: it.detail,
            documentation: it.documentation.map(|d| Documentation::MarkupContent(convert::markdown(d))),
            sort_text: Some(format!("{i:04}")),
            filter_text: Some(it.label),
            insert_text_format: Some(if it.snippet { InsertTextFormat::SNIPPET } else { InsertTextFormat::PLAIN_TEXT }),
            text_edit: Some(CompletionTextEdit::Edit(TextEdit {
                range: convert::to_range(&snap.rope, &it.replace, enc),
                new_text: it.insert,
            })),
            ..Default::default()
        })
        .collect();
    Some(CompletionResponse::Array(items))
}
