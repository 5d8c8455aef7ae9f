//! textDocument/prepareRename and textDocument/rename: the declaration and every reference
//! in one WorkspaceEdit; a skill's folder (or a Copilot agent named by its file) moved as
//! a resource operation when the client can apply one. Names the tool would reject, and
//! names declared only by a built-in or in the user's folder, are refused with the reason.
use super::{convert, cursor, Backend};
use crate::workspace::lookup::RenamePlan;
use std::collections::HashMap;
use tower_lsp_server::jsonrpc::{Error, ErrorCode, Result};
use tower_lsp_server::ls_types::*;

/// LSP's RequestFailed: the request was valid, the answer is no (shown to the user).
fn refused(message: String) -> Error {
    Error {
        code: ErrorCode::ServerError(-32803),
        message: message.into(),
        data: None,
    }
}

pub fn prepare(
    backend: &Backend,
    params: TextDocumentPositionParams,
) -> Result<Option<PrepareRenameResponse>> {
    let Some((snap, target, range)) = cursor::at(backend, &params) else {
        return Ok(None);
    };
    cursor::workspace(backend, &params, &snap)
        .can_rename(&target)
        .map_err(refused)?;
    Ok(Some(PrepareRenameResponse::RangeWithPlaceholder {
        range: convert::to_range(&snap.rope, &range, backend.encoding()),
        placeholder: target.name,
    }))
}

pub fn rename(backend: &Backend, params: RenameParams) -> Result<Option<WorkspaceEdit>> {
    let Some((snap, target, _)) = cursor::at(backend, &params.text_document_position) else {
        return Ok(None);
    };
    let moves = backend.resource_moves();
    let plan = cursor::workspace(backend, &params.text_document_position, &snap)
        .rename(&target, &params.new_name, moves)
        .map_err(refused)?;
    Ok(Some(workspace_edit(plan, moves, backend.encoding())))
}

fn workspace_edit(plan: RenamePlan, moves: bool, enc: crate::text::Encoding) -> WorkspaceEdit {
    let mut by_file: Vec<(Uri, Vec<TextEdit>)> = Vec::new();
    for e in plan.edits {
        let Some(uri) = Uri::from_file_path(&e.file) else {
            continue;
        };
        let edit = TextEdit {
            range: convert::span_range(&e.span, enc),
            new_text: e.new_text,
        };
        match by_file.iter_mut().find(|(u, _)| *u == uri) {
            Some((_, edits)) => edits.push(edit),
            None => by_file.push((uri, vec![edit])),
        }
    }
    if !moves {
        let changes: HashMap<Uri, Vec<TextEdit>> = by_file.into_iter().collect();
        return WorkspaceEdit {
            changes: Some(changes),
            ..Default::default()
        };
    }
    // Text edits first, on the files' present names; then the moves.
    let mut ops: Vec<DocumentChangeOperation> = by_file
        .into_iter()
        .map(|(uri, edits)| {
            DocumentChangeOperation::Edit(TextDocumentEdit {
                text_document: OptionalVersionedTextDocumentIdentifier { uri, version: None },
                edits: edits.into_iter().map(OneOf::Left).collect(),
            })
        })
        .collect();
    for (from, to) in plan.moves {
        if let (Some(old_uri), Some(new_uri)) =
            (Uri::from_file_path(&from), Uri::from_file_path(&to))
        {
            ops.push(DocumentChangeOperation::Op(ResourceOp::Rename(
                RenameFile {
                    old_uri,
                    new_uri,
                    options: None,
                    annotation_id: None,
                },
            )));
        }
    }
    WorkspaceEdit {
        document_changes: Some(DocumentChanges::Operations(ops)),
        ..Default::default()
    }
}
