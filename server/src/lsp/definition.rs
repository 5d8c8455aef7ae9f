//! textDocument/definition: from any reference (`Agent(x)`, `skills:`, `agent:`,
//! `handoffs`, `mcp__server__tool`, …) to the files declaring the name, the project's
//! first; from a declaration, to the other files declaring the same name.
use super::{convert, cursor, Backend};
use tower_lsp_server::ls_types::{GotoDefinitionParams, GotoDefinitionResponse, Location};

pub fn handle(backend: &Backend, params: GotoDefinitionParams) -> Option<GotoDefinitionResponse> {
    let (snap, target, _) = cursor::at(backend, &params.text_document_position_params)?;
    let enc = backend.encoding();
    let ws = cursor::workspace(backend, &params.text_document_position_params, &snap);
    let here = params
        .text_document_position_params
        .text_document
        .uri
        .to_file_path();
    let found: Vec<Location> = ws
        .definitions(&target)
        .into_iter()
        .filter(|f| here.as_deref() != Some(&*f.file) || f.span.range.is_empty())
        .filter_map(|f| convert::location(&f.file, &f.span, enc))
        .collect();
    (!found.is_empty()).then_some(GotoDefinitionResponse::Array(found))
}
