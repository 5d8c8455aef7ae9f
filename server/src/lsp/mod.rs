//! The language server: the only module that knows LSP. Handlers are thin: they convert
//! positions, call the pure analysis, and convert the result back.
//!
//! tower-lsp-server runs handlers concurrently, so document state is changed
//! synchronously before the first `.await` of a notification handler, and no handler
//! waits on a request to the client.

mod code_action;
mod code_lens;
mod completion;
mod convert;
mod cursor;
mod definition;
mod folders;
mod folding;
mod highlight;
mod hover;
mod links;
mod pull;
mod references;
mod rename;
mod store;
mod symbols;
mod transport;
mod workspace_symbols;

use crate::settings::{validate, Config};
use crate::text::Encoding;
use folders::Folders;
use std::collections::HashSet;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use store::{Change, Snapshot, Store};
use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types::*;
use tower_lsp_server::{Client, LanguageServer, LspService, Server};

pub struct Backend {
    client: Client,
    store: Arc<Store>,
    utf8: AtomicBool,
    /// The client resolves completion documentation lazily (completionItem/resolve).
    resolve_docs: AtomicBool,
    /// The client applies file and folder renames in a WorkspaceEdit.
    resource_moves: AtomicBool,
    /// The client shows progress the server starts (window/workDoneProgress/create).
    progress: AtomicBool,
    /// The client pulls diagnostics and can be asked to pull again: nothing is pushed for
    /// documents (both would show each problem twice, as Neovim 0.11 did).
    pull: AtomicBool,
    /// The workspace folders, their configuration and facts, and the options the client
    /// sent last (initializationOptions, then each didChangeConfiguration).
    folders: Arc<Folders>,
    /// `shutdown` was received: `exit` then ends with status 0, else 1 (LSP spec).
    shut_down: Arc<AtomicBool>,
    /// Documents whose text no longer matches the editor's (a change could not be
    /// decoded): incremental changes are refused until a reopen or a full-text change.
    out_of_sync: Mutex<HashSet<Uri>>,
    /// Problems with the initializationOptions, shown once the client is `initialized`.
    init_problems: Mutex<Vec<String>>,
}

impl Backend {
    fn resource_moves(&self) -> bool {
        self.resource_moves.load(Ordering::Relaxed)
    }

    /// Records what an open document now declares and references (synchronously: call
    /// it before the handler's first `.await`); when that changed, the open documents of
    /// its folder are analysed again, and their snapshots returned to publish.
    fn reindex(&self, uri: &Uri, snap: Option<&Snapshot>) -> Vec<(Uri, Snapshot)> {
        let Some(path) = uri.to_file_path() else {
            return Vec::new();
        };
        let index = snap.map(|s| s.analysis.index.clone());
        if !self.folders.set_open(&path, index) {
            return Vec::new();
        }
        self.folders.apply(&self.store)
    }

    /// Publishes a document's diagnostics and those of the documents its new index
    /// changed (the document itself once, in its latest analysis).
    async fn publish_all(&self, uri: Uri, snap: Snapshot, others: Vec<(Uri, Snapshot)>) {
        if !others.iter().any(|(u, _)| *u == uri) {
            self.publish(uri, snap).await;
        }
        self.deliver(others).await;
    }

    fn lazy_completion_docs(&self) -> bool {
        self.resolve_docs.load(Ordering::Relaxed)
    }

    fn encoding(&self) -> Encoding {
        if self.utf8.load(Ordering::Relaxed) {
            Encoding::Utf8
        } else {
            Encoding::Utf16
        }
    }

    /// How diagnostics reach this client.
    fn delivery(&self) -> Delivery {
        Delivery {
            enc: self.encoding(),
            pull: self.pull.load(Ordering::Relaxed),
        }
    }

    /// Publishes one document's diagnostics (a pulling client pulls them itself after
    /// each edit).
    async fn publish(&self, uri: Uri, snap: Snapshot) {
        publish(&self.client, &self.store, self.delivery(), uri, snap).await;
    }

    /// Delivers the diagnostics of documents another file's change re-analysed.
    async fn deliver(&self, snaps: Vec<(Uri, Snapshot)>) {
        deliver(&self.client, &self.store, self.delivery(), snaps).await;
    }

    fn lock_out_of_sync(&self) -> std::sync::MutexGuard<'_, HashSet<Uri>> {
        self.out_of_sync.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Whether `changes` can be applied to `uri`. A document out of sync takes only a
    /// full-text change (the changes before the last one are then moot), which brings it
    /// back in sync; incremental changes to it are dropped with a log line.
    fn resync(&self, uri: &Uri, changes: &mut Vec<TextDocumentContentChangeEvent>) -> bool {
        let mut out = self.lock_out_of_sync();
        if !out.contains(uri) {
            return true;
        }
        match changes.iter().rposition(|c| c.range.is_none()) {
            Some(full) => {
                changes.drain(..full);
                out.remove(uri);
                tracing::info!("{}: back in sync (full-text change)", uri.as_str());
                true
            }
            None => {
                tracing::warn!(
                    "{}: ignored a change: the document is out of sync until reopened",
                    uri.as_str()
                );
                false
            }
        }
    }

    /// A `didChange` the guard could not decode (see `transport::UNDECODABLE_CHANGE`):
    /// the document no longer matches the editor's, so its diagnostics are withdrawn and
    /// the user is told to reopen it.
    async fn undecodable_change(&self, params: UndecodableChange) {
        let uri = params.uri.as_deref().and_then(|u| u.parse::<Uri>().ok());
        let shown = params.uri.as_deref().unwrap_or("an unnamed document");
        tracing::error!(
            "ignored a didChange for {shown} that could not be decoded: {}",
            params.error
        );
        let Some(uri) = uri.filter(|u| self.store.version(u).is_some()) else {
            return;
        };
        let first = self.lock_out_of_sync().insert(uri.clone());
        if first {
            self.client.publish_diagnostics(uri, Vec::new(), None).await;
            let message = format!(
                "agent-lsp could not read an edit to {shown} ({}); its diagnostics are stale. \
                 Close and reopen the document.",
                params.error
            );
            // A notification, not a request: nothing here waits on the client's answer.
            self.client.show_message(MessageType::ERROR, message).await;
        }
    }

    /// Reads the client's options; returns what to tell the user: a bad value (the old
    /// options are then kept), unknown settings and rule codes with the nearest names.
    fn set_client_config(&self, value: &serde_json::Value) -> Vec<String> {
        // Pull-model clients send `null` to mean "changed, ask me": asking would mean
        // waiting on the client inside a handler, so the last options stay in force.
        if value.is_null() {
            return Vec::new();
        }
        let unknown = validate::check_json(value);
        let refused = unknown.iter().any(|u| u.fatal);
        let mut problems: Vec<String> = unknown
            .into_iter()
            .map(|u| format!("LSP settings: {}", u.message))
            .collect();
        match Config::from_json(value) {
            Ok(c) => self.folders.set_client_config(c),
            // An unknown setting is already said, with the nearest one.
            Err(_) if refused => {}
            Err(e) => problems.insert(0, format!("LSP settings: {e}")),
        }
        problems
    }
}

/// The parameters of `transport::UNDECODABLE_CHANGE`.
#[derive(serde::Deserialize)]
struct UndecodableChange {
    uri: Option<String>,
    error: String,
}

/// Publishes a document's diagnostics, unless a newer edit has been or will be published.
/// (A closed document gets none: its diagnostics were cleared on close.)
async fn publish(client: &Client, store: &Store, to: Delivery, uri: Uri, snap: Snapshot) {
    if to.pull || store.version(&uri) != Some(snap.version) {
        return;
    }
    let diags = convert::diagnostics(&snap.rope, &snap.analysis, to.enc);
    client
        .publish_diagnostics(uri, diags, Some(snap.version))
        .await;
}

/// How diagnostics reach the client: pushed (`publishDiagnostics`) in the negotiated
/// encoding, or pulled by the client (`textDocument/diagnostic`), which is then asked to
/// pull again when other files' changes re-analysed its documents.
#[derive(Clone, Copy)]
struct Delivery {
    enc: Encoding,
    pull: bool,
}

/// Delivers the diagnostics of re-analysed documents: pushed one by one, or one
/// `workspace/diagnostic/refresh` for a pulling client (sent from a task of its own:
/// nothing waits on the client's answer).
async fn deliver(client: &Client, store: &Store, to: Delivery, snaps: Vec<(Uri, Snapshot)>) {
    if to.pull {
        if !snaps.is_empty() {
            let client = client.clone();
            tokio::spawn(async move {
                if let Err(e) = client.workspace_diagnostic_refresh().await {
                    tracing::warn!("the client did not take workspace/diagnostic/refresh: {e}");
                }
            });
        }
        return;
    }
    for (uri, snap) in snaps {
        publish(client, store, to, uri, snap).await;
    }
}

/// Shows the problems with the workspace's files: diagnostics on each file, and a message
/// for each new one. Notifications only: nothing waits on the client.
async fn send_report(client: &Client, report: folders::Report) {
    for m in report.messages {
        tracing::warn!("{m}");
        let text = format!("agent-lsp: {m}");
        client.show_message(MessageType::WARNING, text).await;
    }
    for (uri, diags) in report.diagnostics {
        client.publish_diagnostics(uri, diags, None).await;
    }
}

/// Rescans the folders that disk events touched, coalescing events, off the path of
/// requests (the scan runs on a blocking thread and holds no lock); forever.
async fn rescan_forever(folders: Arc<Folders>, client: Client, store: Arc<Store>, to: Delivery) {
    loop {
        folders.next_rescan().await;
        let (f, st) = (folders.clone(), store.clone());
        let snaps = match tokio::task::spawn_blocking(move || {
            f.rescan();
            f.apply(&st)
        })
        .await
        {
            Ok(snaps) => snaps,
            Err(_) => {
                tracing::error!("reading the workspace failed internally");
                continue;
            }
        };
        send_report(&client, folders.report()).await;
        deliver(&client, &store, to, snaps).await;
    }
}

/// How long the progress bar waits for the client to accept it.
const PROGRESS_ANSWER: std::time::Duration = std::time::Duration::from_secs(2);

/// Reads every folder for the first time, with a progress bar when the client shows one;
/// requests are answered meanwhile (with what the open documents say).
async fn index_in_background(
    folders: Arc<Folders>,
    client: Client,
    store: Arc<Store>,
    to: Delivery,
    progress: bool,
) {
    let (f, st) = (folders.clone(), store.clone());
    let scan = tokio::task::spawn_blocking(move || {
        f.rescan();
        f.apply(&st)
    });
    // The bar waits for the client's answer to its creation, in this task, never in a
    // handler, and never holds the reading up: a client that does not answer gets none.
    let token = NumberOrString::String("agent-lsp/index".into());
    let create = client.create_work_done_progress(token.clone());
    let accepted = progress
        && matches!(
            tokio::time::timeout(PROGRESS_ANSWER, create).await,
            Ok(Ok(()))
        );
    let bar = match accepted {
        true => Some(client.progress(token, "Indexing agent files").begin().await),
        false => None,
    };
    let snaps = scan.await.unwrap_or_else(|_| {
        tracing::error!("reading the workspace failed internally");
        Vec::new()
    });
    let files: usize = folders.workspaces().iter().map(|w| w.files().len()).sum();
    if let Some(bar) = bar {
        bar.finish_with_message(format!("{files} files")).await;
    }
    tracing::info!("indexed {files} files");
    send_report(&client, folders.report()).await;
    deliver(&client, &store, to, snaps).await;
}

/// Whether the client pulls diagnostics and takes `workspace/diagnostic/refresh` (without
/// it, a change in one file could not reach the others' diagnostics): such a client gets
/// pull diagnostics only, every other one pushed diagnostics only.
fn pulls(caps: &ClientCapabilities) -> bool {
    let pull = caps
        .text_document
        .as_ref()
        .is_some_and(|t| t.diagnostic.is_some());
    let refresh = caps
        .workspace
        .as_ref()
        .and_then(|w| w.diagnostics.as_ref())
        .and_then(|d| d.refresh_support)
        .unwrap_or(false);
    pull && refresh
}

/// Every workspace folder the client names (or its root, for older clients).
fn roots_of(params: &InitializeParams) -> Vec<PathBuf> {
    #[allow(deprecated)] // root_uri is what older clients send instead of workspace folders
    let uris: Vec<Uri> = match &params.workspace_folders {
        Some(f) if !f.is_empty() => f.iter().map(|f| f.uri.clone()).collect(),
        _ => params.root_uri.clone().into_iter().collect(),
    };
    uris.iter()
        .filter_map(|u| u.to_file_path().map(|p| p.into_owned()))
        .collect()
}

/// Runs a request's synchronous work; a panic becomes an empty answer and a log line
/// instead of a dead server.
fn guarded<T>(what: &str, f: impl FnOnce() -> Option<T>) -> Option<T> {
    match catch_unwind(AssertUnwindSafe(f)) {
        Ok(v) => v,
        Err(_) => {
            tracing::error!("{what} failed internally; answered with nothing");
            None
        }
    }
}

impl LanguageServer for Backend {
    async fn initialize(&self, params: InitializeParams) -> Result<InitializeResult> {
        let offered = params
            .capabilities
            .general
            .as_ref()
            .and_then(|g| g.position_encodings.as_ref());
        let utf8 = offered.is_some_and(|v| v.contains(&PositionEncodingKind::UTF8));
        self.utf8.store(utf8, Ordering::Relaxed);
        let resolvable = params
            .capabilities
            .text_document
            .as_ref()
            .and_then(|t| t.completion.as_ref())
            .and_then(|c| c.completion_item.as_ref())
            .and_then(|i| i.resolve_support.as_ref())
            .is_some_and(|r| r.properties.iter().any(|p| p == "documentation"));
        self.resolve_docs.store(resolvable, Ordering::Relaxed);
        self.folders.set_encoding(self.encoding());
        if let Some(options) = params.initialization_options.as_ref() {
            let problems = self.set_client_config(options);
            for p in &problems {
                tracing::warn!("configuration: {p}");
            }
            // The client cannot take messages before `initialized`.
            *self.init_problems.lock().unwrap_or_else(|p| p.into_inner()) = problems;
        }
        self.folders.set_watch_files(
            params
                .capabilities
                .workspace
                .as_ref()
                .and_then(|w| w.did_change_watched_files.as_ref())
                .and_then(|d| d.dynamic_registration)
                .unwrap_or(false),
        );
        let ws_caps = params.capabilities.workspace.as_ref();
        let edit = ws_caps.and_then(|w| w.workspace_edit.as_ref());
        let moves = edit.is_some_and(|e| {
            e.document_changes == Some(true)
                && e.resource_operations
                    .as_ref()
                    .is_some_and(|ops| ops.contains(&ResourceOperationKind::Rename))
        });
        self.resource_moves.store(moves, Ordering::Relaxed);
        let progress = params
            .capabilities
            .window
            .as_ref()
            .and_then(|w| w.work_done_progress)
            .unwrap_or(false);
        self.progress.store(progress, Ordering::Relaxed);
        self.pull
            .store(pulls(&params.capabilities), Ordering::Relaxed);
        // The folders are read in the background once `initialized` (see
        // `index_in_background`): requests are answered meanwhile.
        self.folders.change(roots_of(&params), &[]);
        Ok(InitializeResult {
            server_info: Some(ServerInfo {
                name: "agent-lsp".into(),
                version: Some(env!("CARGO_PKG_VERSION").into()),
            }),
            capabilities: ServerCapabilities {
                position_encoding: Some(if utf8 {
                    PositionEncodingKind::UTF8
                } else {
                    PositionEncodingKind::UTF16
                }),
                text_document_sync: Some(TextDocumentSyncCapability::Options(
                    TextDocumentSyncOptions {
                        open_close: Some(true),
                        change: Some(TextDocumentSyncKind::INCREMENTAL),
                        save: Some(TextDocumentSyncSaveOptions::Supported(true)),
                        ..Default::default()
                    },
                )),
                hover_provider: Some(HoverProviderCapability::Simple(true)),
                completion_provider: Some(CompletionOptions {
                    trigger_characters: Some([":", ",", " ", "-"].map(String::from).to_vec()),
                    resolve_provider: Some(true),
                    ..Default::default()
                }),
                code_action_provider: Some(CodeActionProviderCapability::Options(
                    CodeActionOptions {
                        code_action_kinds: Some(vec![CodeActionKind::QUICKFIX]),
                        ..Default::default()
                    },
                )),
                document_symbol_provider: Some(OneOf::Left(true)),
                definition_provider: Some(OneOf::Left(true)),
                references_provider: Some(OneOf::Left(true)),
                rename_provider: Some(OneOf::Right(RenameOptions {
                    prepare_provider: Some(true),
                    work_done_progress_options: Default::default(),
                })),
                workspace_symbol_provider: Some(OneOf::Left(true)),
                document_highlight_provider: Some(OneOf::Left(true)),
                document_link_provider: Some(DocumentLinkOptions {
                    resolve_provider: Some(false),
                    work_done_progress_options: Default::default(),
                }),
                code_lens_provider: Some(CodeLensOptions {
                    resolve_provider: Some(false),
                }),
                folding_range_provider: Some(FoldingRangeProviderCapability::Simple(true)),
                diagnostic_provider: self.pull.load(Ordering::Relaxed).then(|| {
                    DiagnosticServerCapabilities::Options(DiagnosticOptions {
                        identifier: Some("agent-lsp".into()),
                        inter_file_dependencies: true,
                        workspace_diagnostics: true,
                        work_done_progress_options: Default::default(),
                    })
                }),
                workspace: Some(WorkspaceServerCapabilities {
                    workspace_folders: Some(WorkspaceFoldersServerCapabilities {
                        supported: Some(true),
                        change_notifications: Some(OneOf::Left(true)),
                    }),
                    file_operations: None,
                }),
                ..Default::default()
            },
            offset_encoding: None,
        })
    }

    async fn initialized(&self, _: InitializedParams) {
        let options =
            std::mem::take(&mut *self.init_problems.lock().unwrap_or_else(|p| p.into_inner()));
        for p in options {
            let text = format!("agent-lsp configuration: {p}");
            self.client.show_message(MessageType::WARNING, text).await;
        }
        tokio::spawn(index_in_background(
            self.folders.clone(),
            self.client.clone(),
            self.store.clone(),
            self.delivery(),
            self.progress.load(Ordering::Relaxed),
        ));
        let task = rescan_forever(
            self.folders.clone(),
            self.client.clone(),
            self.store.clone(),
            self.delivery(),
        );
        tokio::spawn(task);
        if self.folders.watch_files() {
            // A request to the client: sent from its own task, never awaited here.
            let client = self.client.clone();
            tokio::spawn(async move {
                if let Err(e) = client.register_capability(vec![folders::watchers()]).await {
                    tracing::warn!("the client did not register file watchers: {e}");
                }
            });
        }
    }

    async fn shutdown(&self) -> Result<()> {
        self.shut_down.store(true, Ordering::SeqCst);
        Ok(())
    }

    async fn did_open(&self, params: DidOpenTextDocumentParams) {
        let doc = params.text_document;
        self.lock_out_of_sync().remove(&doc.uri);
        let snap = self.store.open(doc.uri.clone(), doc.version, &doc.text);
        let others = self.reindex(&doc.uri, Some(&snap));
        self.publish_all(doc.uri, snap, others).await;
    }

    async fn did_change(&self, params: DidChangeTextDocumentParams) {
        let enc = self.encoding();
        let uri = params.text_document.uri;
        let mut changes = params.content_changes;
        if !self.resync(&uri, &mut changes) {
            return;
        }
        let changes = changes
            .into_iter()
            .map(|c| Change {
                range: c
                    .range
                    .map(|r| (convert::to_linecol(r.start), convert::to_linecol(r.end))),
                text: c.text,
            })
            .collect();
        let Some(snap) = self
            .store
            .change(&uri, params.text_document.version, changes, enc)
        else {
            tracing::warn!(
                "didChange for a document that is not open: {}",
                uri.as_str()
            );
            return;
        };
        let others = self.reindex(&uri, Some(&snap));
        self.publish_all(uri, snap, others).await;
    }

    async fn did_close(&self, params: DidCloseTextDocumentParams) {
        let uri = params.text_document.uri;
        self.lock_out_of_sync().remove(&uri);
        self.store.close(&uri);
        let others = self.reindex(&uri, None);
        if !self.pull.load(Ordering::Relaxed) {
            self.client.publish_diagnostics(uri, Vec::new(), None).await;
        }
        self.deliver(others).await;
    }

    async fn hover(&self, params: HoverParams) -> Result<Option<Hover>> {
        Ok(guarded("hover", || hover::handle(self, params)))
    }

    async fn completion(&self, params: CompletionParams) -> Result<Option<CompletionResponse>> {
        Ok(guarded("completion", || completion::handle(self, params)))
    }

    async fn completion_resolve(&self, item: CompletionItem) -> Result<CompletionItem> {
        let fallback = item.clone();
        Ok(guarded("completionItem/resolve", || {
            Some(completion::resolve(self, item))
        })
        .unwrap_or(fallback))
    }

    async fn code_action(&self, params: CodeActionParams) -> Result<Option<CodeActionResponse>> {
        Ok(guarded("codeAction", || code_action::handle(self, params)))
    }

    async fn document_symbol(
        &self,
        params: DocumentSymbolParams,
    ) -> Result<Option<DocumentSymbolResponse>> {
        Ok(guarded("documentSymbol", || symbols::handle(self, params)))
    }

    async fn goto_definition(
        &self,
        params: GotoDefinitionParams,
    ) -> Result<Option<GotoDefinitionResponse>> {
        Ok(guarded("definition", || definition::handle(self, params)))
    }

    async fn references(&self, params: ReferenceParams) -> Result<Option<Vec<Location>>> {
        Ok(guarded("references", || references::handle(self, params)))
    }

    async fn prepare_rename(
        &self,
        params: TextDocumentPositionParams,
    ) -> Result<Option<PrepareRenameResponse>> {
        guarded("prepareRename", || Some(rename::prepare(self, params))).unwrap_or(Ok(None))
    }

    async fn rename(&self, params: RenameParams) -> Result<Option<WorkspaceEdit>> {
        guarded("rename", || Some(rename::rename(self, params))).unwrap_or(Ok(None))
    }

    async fn symbol(
        &self,
        params: WorkspaceSymbolParams,
    ) -> Result<Option<WorkspaceSymbolResponse>> {
        Ok(guarded("workspace/symbol", || {
            workspace_symbols::handle(self, params)
        }))
    }

    async fn document_highlight(
        &self,
        params: DocumentHighlightParams,
    ) -> Result<Option<Vec<DocumentHighlight>>> {
        Ok(guarded("documentHighlight", || {
            highlight::handle(self, params)
        }))
    }

    async fn document_link(&self, params: DocumentLinkParams) -> Result<Option<Vec<DocumentLink>>> {
        Ok(guarded("documentLink", || links::handle(self, params)))
    }

    async fn code_lens(&self, params: CodeLensParams) -> Result<Option<Vec<CodeLens>>> {
        Ok(guarded("codeLens", || code_lens::handle(self, params)))
    }

    async fn folding_range(&self, params: FoldingRangeParams) -> Result<Option<Vec<FoldingRange>>> {
        Ok(guarded("foldingRange", || folding::handle(self, params)))
    }

    async fn diagnostic(
        &self,
        params: DocumentDiagnosticParams,
    ) -> Result<DocumentDiagnosticReportResult> {
        Ok(pull::document(self, params).await)
    }

    async fn workspace_diagnostic(
        &self,
        params: WorkspaceDiagnosticParams,
    ) -> Result<WorkspaceDiagnosticReportResult> {
        Ok(pull::workspace(self, params).await)
    }

    async fn did_save(&self, params: DidSaveTextDocumentParams) {
        let path = params.text_document.uri.to_file_path();
        self.folders.touched(path.as_deref());
    }

    async fn did_change_watched_files(&self, params: DidChangeWatchedFilesParams) {
        let paths: Vec<_> = params
            .changes
            .iter()
            .filter_map(|c| c.uri.to_file_path())
            .collect();
        self.folders.touched(paths.iter().map(|p| p.as_ref()));
    }

    async fn did_change_configuration(&self, params: DidChangeConfigurationParams) {
        let bad = self.set_client_config(&params.settings);
        // The options changed, not the disk: no rescan.
        let snaps = self.folders.apply(&self.store);
        for p in bad {
            tracing::warn!("configuration: {p}");
            let text = format!("agent-lsp configuration: {p}");
            self.client.show_message(MessageType::WARNING, text).await;
        }
        self.deliver(snaps).await;
    }

    async fn did_change_workspace_folders(&self, params: DidChangeWorkspaceFoldersParams) {
        let paths = |f: &[WorkspaceFolder]| -> Vec<PathBuf> {
            f.iter()
                .filter_map(|f| f.uri.to_file_path().map(|p| p.into_owned()))
                .collect()
        };
        let (added, removed) = (paths(&params.event.added), paths(&params.event.removed));
        self.folders.change(added, &removed);
        // Removed folders' files fall back at once; added ones are read in the background.
        let snaps = self.folders.apply(&self.store);
        send_report(&self.client, self.folders.report()).await;
        self.deliver(snaps).await;
        self.folders.wake();
    }
}

/// Serves LSP on stdin/stdout until the client says `exit` or closes stdin; returns the
/// exit status: 0 after `shutdown`, else 1 (LSP spec).
pub fn serve() -> i32 {
    tracing_subscriber::fmt()
        .with_writer(std::io::stderr)
        .with_ansi(false)
        .with_max_level(tracing::Level::INFO)
        .init();
    let runtime = match tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
    {
        Ok(r) => r,
        Err(e) => {
            eprintln!("agent-lsp: cannot start the async runtime: {e}");
            return 1;
        }
    };
    let shut_down = Arc::new(AtomicBool::new(false));
    let served = runtime.block_on(async {
        let (service, socket) = LspService::build(|client| Backend {
            client,
            store: Arc::new(Store::default()),
            utf8: AtomicBool::new(false),
            resolve_docs: AtomicBool::new(false),
            resource_moves: AtomicBool::new(false),
            progress: AtomicBool::new(false),
            pull: AtomicBool::new(false),
            folders: Arc::new(Folders::default()),
            shut_down: shut_down.clone(),
            out_of_sync: Mutex::new(HashSet::new()),
            init_problems: Mutex::new(Vec::new()),
        })
        .custom_method(transport::UNDECODABLE_CHANGE, Backend::undecodable_change)
        .finish();
        let io = transport::read_on_thread(std::io::stdin())
            .and_then(|input| transport::guard(input, std::io::stdout()));
        let io = match io {
            Ok(io) => io,
            Err(e) => {
                tracing::error!("cannot start the threads that read and write stdio: {e}");
                return false;
            }
        };
        Server::new(io.input, io.output, socket)
            .serve(service)
            .await;
        // Everything the server wrote reaches stdout before the process ends.
        let _ = io.flushed.await;
        true
    });
    // The guard may still be blocked reading stdin (clients may keep it open after
    // `exit`): do not wait for it.
    runtime.shutdown_background();
    if served && shut_down.load(Ordering::SeqCst) {
        0
    } else {
        tracing::warn!("stopped without a shutdown request: exit status 1");
        1
    }
}
