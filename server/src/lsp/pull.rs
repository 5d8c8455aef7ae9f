//! textDocument/diagnostic and workspace/diagnostic, for clients that pull: an open
//! document's current diagnostics, and those of files that are not open, read through
//! `discovery` and analysed on a blocking thread (no lock held), so the editor can list
//! the problems of every file (a closed file's duplicate name among them). Push stays
//! for the clients that do not pull.
use super::{convert, Backend};
use crate::analysis::{self, file_kind::FileKind};
use crate::discovery::{self, read};
use crate::text::Encoding;
use std::path::PathBuf;
use std::sync::Arc;
use tower_lsp_server::ls_types::*;

fn full(items: Vec<Diagnostic>) -> FullDocumentDiagnosticReport {
    FullDocumentDiagnosticReport {
        result_id: None,
        items,
    }
}

/// A closed file's diagnostics, as its folder's settings analyse it; None when it cannot
/// be read.
fn analyse_closed(
    path: PathBuf,
    settings: Arc<crate::settings::Settings>,
    enc: Encoding,
) -> Option<Vec<Diagnostic>> {
    let (text, _) = discovery::read_text(&path, read::AGENT_FILE).ok()?;
    let kind = FileKind::from_path(&path);
    let a =
        std::panic::catch_unwind(|| analysis::analyze_file(&text, &kind, Some(&path), &settings))
            .ok()?;
    Some(convert::diagnostics(&ropey::Rope::from_str(&text), &a, enc))
}

pub async fn document(
    backend: &Backend,
    params: DocumentDiagnosticParams,
) -> DocumentDiagnosticReportResult {
    let uri = params.text_document.uri;
    let enc = backend.encoding();
    let items = match backend.store.get(&uri) {
        Some(snap) => convert::diagnostics(&snap.rope, &snap.analysis, enc),
        None => {
            let settings = backend.store.settings_of(&uri);
            let path = uri.to_file_path().map(|p| p.into_owned());
            let read =
                path.map(|p| tokio::task::spawn_blocking(move || analyse_closed(p, settings, enc)));
            match read {
                Some(task) => task.await.ok().flatten().unwrap_or_default(),
                None => Vec::new(),
            }
        }
    };
    DocumentDiagnosticReportResult::Report(DocumentDiagnosticReport::Full(
        RelatedFullDocumentDiagnosticReport {
            related_documents: None,
            full_document_diagnostic_report: full(items),
        },
    ))
}

pub async fn workspace(
    backend: &Backend,
    _: WorkspaceDiagnosticParams,
) -> WorkspaceDiagnosticReportResult {
    let enc = backend.encoding();
    let open = backend.store.open_uris();
    let mut jobs = Vec::new();
    for ws in backend.folders.workspaces() {
        for path in ws.files() {
            let Some(uri) = Uri::from_file_path(path) else {
                continue;
            };
            if !open.contains(&uri) {
                jobs.push((uri.clone(), path.clone(), backend.store.settings_of(&uri)));
            }
        }
    }
    let mut items = Vec::new();
    for ws in backend.store.open_uris() {
        if let Some(snap) = backend.store.get(&ws) {
            let diags = convert::diagnostics(&snap.rope, &snap.analysis, enc);
            items.push(report(ws, Some(snap.version as i64), diags));
        }
    }
    let closed = tokio::task::spawn_blocking(move || {
        jobs.into_iter()
            .filter_map(|(uri, path, settings)| Some((uri, analyse_closed(path, settings, enc)?)))
            .collect::<Vec<_>>()
    })
    .await
    .unwrap_or_default();
    items.extend(closed.into_iter().map(|(uri, d)| report(uri, None, d)));
    WorkspaceDiagnosticReportResult::Report(WorkspaceDiagnosticReport { items })
}

fn report(
    uri: Uri,
    version: Option<i64>,
    items: Vec<Diagnostic>,
) -> WorkspaceDocumentDiagnosticReport {
    WorkspaceDocumentDiagnosticReport::Full(WorkspaceFullDocumentDiagnosticReport {
        uri,
        version,
        full_document_diagnostic_report: full(items),
    })
}
