//! textDocument/references: every file using the name under the cursor (and its
//! declarations when the client asks for them).
use super::{convert, cursor, Backend};
use tower_lsp_server::ls_types::{Location, ReferenceParams};

pub fn handle(backend: &Backend, params: ReferenceParams) -> Option<Vec<Location>> {
    let (snap, target, _) = cursor::at(backend, &params.text_document_position)?;
    let enc = backend.encoding();
    let ws = cursor::workspace(backend, &params.text_document_position, &snap);
    let mut out: Vec<Location> = Vec::new();
    if params.context.include_declaration {
        let decls = ws.definitions(&target);
        out.extend(
            decls
                .iter()
                .filter_map(|f| convert::location(&f.file, &f.span, enc)),
        );
    }
    out.extend(
        ws.uses(&target)
            .iter()
            .filter_map(|r| convert::location(&r.file, &r.span, enc)),
    );
    Some(out)
}
