//! The language server: the only module that knows LSP. Handlers are thin: they convert
//! positions, call the pure analysis, and convert the result back.
//!
//! tower-lsp-server runs handlers concurrently, so document state is changed
//! synchronously before the first `.await` of a notification handler, and no handler
//! waits on a request to the client.

mod code_action;
mod completion;
mod convert;
mod hover;
mod store;
mod symbols;
mod transport;

use crate::text::Encoding;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::atomic::{AtomicBool, Ordering};
use store::{Change, Snapshot, Store};
use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types::*;
use tower_lsp_server::{Client, LanguageServer, LspService, Server};

pub struct Backend {
    client: Client,
    store: Store,
    utf8: AtomicBool,
}

impl Backend {
    fn encoding(&self) -> Encoding {
        if self.utf8.load(Ordering::Relaxed) {
            Encoding::Utf8
        } else {
            Encoding::Utf16
        }
    }

    async fn publish(&self, uri: Uri, snap: Snapshot) {
        // A newer edit has already been published or will be: skip this one.
        if self.store.version(&uri).is_some_and(|v| v != snap.version) {
            return;
        }
        let enc = self.encoding();
        let diags = snap.analysis.diagnostics.iter().map(|d| convert::diagnostic(&snap.rope, d, enc)).collect();
        self.client.publish_diagnostics(uri, diags, Some(snap.version)).await;
    }
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
        let offered = params.capabilities.general.as_ref().and_then(|g| g.position_encodings.as_ref());
        let utf8 = offered.is_some_and(|v| v.contains(&PositionEncodingKind::UTF8));
        self.utf8.store(utf8, Ordering::Relaxed);
        Ok(InitializeResult {
            server_info: Some(ServerInfo { name: "agent-lsp".into(), version: Some(env!("CARGO_PKG_VERSION").into()) }),
            capabilities: ServerCapabilities {
                position_encoding: Some(if utf8 { PositionEncodingKind::UTF8 } else { PositionEncodingKind::UTF16 }),
                text_document_sync: Some(TextDocumentSyncCapability::Options(TextDocumentSyncOptions {
                    open_close: Some(true),
                    change: Some(TextDocumentSyncKind::INCREMENTAL),
                    ..Default::default()
                })),
                hover_provider: Some(HoverProviderCapability::Simple(true)),
                completion_provider: Some(CompletionOptions {
                    trigger_characters: Some([":", ",", " ", "-"].map(String::from).to_vec()),
                    ..Default::default()
                }),
                code_action_provider: Some(CodeActionProviderCapability::Options(CodeActionOptions {
                    code_action_kinds: Some(vec![CodeActionKind::QUICKFIX]),
                    ..Default::default()
                })),
                document_symbol_provider: Some(OneOf::Left(true)),
                ..Default::default()
            },
            offset_encoding: None,
        })
    }

    async fn shutdown(&self) -> Result<()> {
        Ok(())
    }

    async fn did_open(&self, params: DidOpenTextDocumentParams) {
        let doc = params.text_document;
        let snap = self.store.open(doc.uri.clone(), doc.version, &doc.text);
        self.publish(doc.uri, snap).await;
    }

    async fn did_change(&self, params: DidChangeTextDocumentParams) {
        let enc = self.encoding();
        let changes = params
            .content_changes
            .into_iter()
            .map(|c| Change { range: c.range.map(|r| (convert::to_linecol(r.start), convert::to_linecol(r.end))), text: c.text })
            .collect();
        let uri = params.text_document.uri;
        let Some(snap) = self.store.change(&uri, params.text_document.version, changes, enc) else {
            tracing::warn!("didChange for a document that is not open: {}", uri.as_str());
            return;
        };
        self.publish(uri, snap).await;
    }

    async fn did_close(&self, params: DidCloseTextDocumentParams) {
        let uri = params.text_document.uri;
        self.store.close(&uri);
        self.client.publish_diagnostics(uri, Vec::new(), None).await;
    }

    async fn hover(&self, params: HoverParams) -> Result<Option<Hover>> {
        Ok(guarded("hover", || hover::handle(self, params)))
    }

    async fn completion(&self, params: CompletionParams) -> Result<Option<CompletionResponse>> {
        Ok(guarded("completion", || completion::handle(self, params)))
    }

    async fn code_action(&self, params: CodeActionParams) -> Result<Option<CodeActionResponse>> {
        Ok(guarded("codeAction", || code_action::handle(self, params)))
    }

    async fn document_symbol(&self, params: DocumentSymbolParams) -> Result<Option<DocumentSymbolResponse>> {
        Ok(guarded("documentSymbol", || symbols::handle(self, params)))
    }

    async fn did_change_configuration(&self, _: DidChangeConfigurationParams) {
        for (uri, snap) in self.store.reanalyse_all() {
            self.publish(uri, snap).await;
        }
    }
}

/// Serves LSP on stdin/stdout until the client says `exit`.
pub fn serve() {
    tracing_subscriber::fmt()
        .with_writer(std::io::stderr)
        .with_ansi(false)
        .with_max_level(tracing::Level::INFO)
        .init();
    let runtime = match tokio::runtime::Builder::new_current_thread().enable_all().build() {
        Ok(r) => r,
        Err(e) => {
            eprintln!("agent-lsp: cannot start the async runtime: {e}");
            std::process::exit(1);
        }
    };
    runtime.block_on(async {
        let (service, socket) = LspService::new(|client| Backend { client, store: Store::default(), utf8: AtomicBool::new(false) });
        let stdin = transport::guarded(tokio::io::stdin());
        Server::new(stdin, tokio::io::stdout(), socket).serve(service).await;
    });
    // The guard may still be blocked reading stdin (clients may keep it open after
    // `exit`): do not wait for it.
    runtime.shutdown_background();
}
