//! textDocument/codeAction: the quick fixes of the diagnostics under the cursor, and for
//! each one on a frontmatter key's line, the comment that silences it there.
use super::{convert, Backend};
use crate::analysis::suppress;
use std::collections::HashMap;
use tower_lsp_server::ls_types::{
    CodeAction, CodeActionKind, CodeActionOrCommand, CodeActionParams, CodeActionResponse,
    WorkspaceEdit,
};

pub fn handle(backend: &Backend, params: CodeActionParams) -> Option<CodeActionResponse> {
    let uri = params.text_document.uri;
    let snap = backend.store.get(&uri)?;
    let enc = backend.encoding();
    let start = convert::to_offset(&snap.rope, params.range.start, enc);
    let end = convert::to_offset(&snap.rope, params.range.end, enc);
    let mut actions = Vec::new();
    // The text, read out of the rope only when a diagnostic is under the cursor.
    let mut text: Option<String> = None;
    for d in &snap.analysis.diagnostics {
        if d.range.end < start || d.range.start > end {
            continue;
        }
        let text = text.get_or_insert_with(|| snap.rope.to_string());
        let silence = suppress::fix(text, &snap.analysis.frontmatter, d);
        for (i, fix) in d.fixes.iter().chain(&silence).enumerate() {
            let edits = convert::text_edits(&snap.rope, &fix.edits, enc);
            actions.push(CodeActionOrCommand::CodeAction(CodeAction {
                title: fix.title.clone(),
                kind: Some(CodeActionKind::QUICKFIX),
                diagnostics: Some(vec![convert::diagnostic(&snap.rope, d, enc)]),
                edit: Some(WorkspaceEdit {
                    changes: Some(HashMap::from([(uri.clone(), edits)])),
                    ..Default::default()
                }),
                is_preferred: Some(i == 0 && fix.safe),
                ..Default::default()
            }));
        }
    }
    Some(actions)
}
