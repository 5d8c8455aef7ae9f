//! textDocument/codeLens: above the declared name, what the tool makes of the file and
//! how many files refer to it (see `analysis::lens`). The lens only shows text: its
//! command is empty.
use super::{convert, Backend};
use crate::analysis::lens;
use tower_lsp_server::ls_types::{CodeLens, CodeLensParams, Command};

pub fn handle(backend: &Backend, params: CodeLensParams) -> Option<Vec<CodeLens>> {
    let uri = &params.text_document.uri;
    let snap = backend.store.get(uri)?;
    let path = uri.to_file_path()?;
    let (range, title) = lens::summary(&snap.analysis, &snap.settings, &path)?;
    Some(vec![CodeLens {
        range: convert::to_range(&snap.rope, &range, backend.encoding()),
        command: Some(Command {
            title,
            command: String::new(),
            arguments: None,
        }),
        data: None,
    }])
}
