//! textDocument/foldingRange: the frontmatter, each `<example>`, each body section.
use super::Backend;
use crate::analysis::outline::{folds, Fold};
use tower_lsp_server::ls_types::{FoldingRange, FoldingRangeKind, FoldingRangeParams};

pub fn handle(backend: &Backend, params: FoldingRangeParams) -> Option<Vec<FoldingRange>> {
    let snap = backend.store.get(&params.text_document.uri)?;
    let line = |offset: usize| snap.rope.byte_to_line(offset.min(snap.rope.len_bytes())) as u32;
    let out = folds(&snap.text(), &snap.analysis)
        .into_iter()
        .filter_map(|(r, fold)| {
            let (start, end) = (line(r.start), line(r.end));
            (end > start).then(|| FoldingRange {
                start_line: start,
                end_line: end,
                kind: match fold {
                    Fold::Frontmatter => Some(FoldingRangeKind::Imports),
                    Fold::Example | Fold::Section => Some(FoldingRangeKind::Region),
                },
                collapsed_text: Some(
                    match fold {
                        Fold::Frontmatter => "frontmatter",
                        Fold::Example => "<example>",
                        Fold::Section => "section",
                    }
                    .to_string(),
                ),
                ..Default::default()
            })
        })
        .collect();
    Some(out)
}
