//! Open documents: one rope per file, its version, and the analysis of its current text.
//! Every change is applied and re-analysed synchronously under the lock, so handlers that
//! run concurrently always see whole, ordered edits.
//!
//! The rope is the document's only copy. Analysis and the requests that need the text
//! whole read it out of the rope into a buffer that lives as long as that one call:
//! keeping a `String` beside the rope would hold every open document twice.

use super::folders::FolderSettings;
use crate::analysis::{self, file_kind::FileKind, Analysis};
use crate::settings::Settings;
use crate::text::{self, Encoding, LineCol};
use ropey::Rope;
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, MutexGuard};
use tower_lsp_server::ls_types::Uri;

/// An immutable view of one document, cheap to clone out of the lock.
#[derive(Clone)]
pub struct Snapshot {
    /// The text (cloning a rope is O(1): it shares the chunks).
    pub rope: Rope,
    pub version: i32,
    pub analysis: Arc<Analysis>,
    /// The name the file's path gives it (a skill's folder, else the file stem).
    pub file_stem: String,
    /// The settings the analysis was made with; hover and completion use the same.
    pub settings: Arc<Settings>,
}

/// An open document: its format, and the snapshot of its current text (the rope,
/// version and name live there, once).
pub struct Document {
    kind: FileKind,
    /// The file's path, for the cross-file rules (None for a URI that is not a file).
    path: Option<PathBuf>,
    snapshot: Snapshot,
}

/// Analyses `text`, the contents of `rope`, and packs everything a request needs into a
/// snapshot. The text is dropped when this returns: the rope is the only copy kept.
fn snapshot(
    rope: Rope,
    text: &str,
    version: i32,
    (kind, path): (&FileKind, Option<&Path>),
    file_stem: String,
    settings: &Arc<Settings>,
) -> Snapshot {
    // A defect in a rule must not take the server down with it.
    let analysis = std::panic::catch_unwind(|| analysis::analyze_file(text, kind, path, settings))
        .unwrap_or_else(|_| {
            tracing::error!(
                "analysis failed internally; publishing no diagnostics for this version"
            );
            let mut empty = analysis::analyze("", kind, settings);
            empty.diagnostics.clear();
            empty
        });
    Snapshot {
        rope,
        version,
        analysis: Arc::new(analysis),
        file_stem,
        settings: settings.clone(),
    }
}

/// The whole text of `rope`, for one analysis or request (dropped when that is done),
/// and the number of leaves it was read from.
fn text_of(rope: &Rope) -> (String, usize) {
    // Sized up front: growing a String chunk by chunk reallocates it many times over.
    let mut text = String::with_capacity(rope.len_bytes());
    let mut chunks = 0;
    rope.chunks().for_each(|c| {
        text.push_str(c);
        chunks += 1;
    });
    (text, chunks)
}

impl Snapshot {
    /// The document's text, read out of the rope for a request that needs it whole.
    pub fn text(&self) -> String {
        text_of(&self.rope).0
    }
}

impl Document {
    /// Re-analyses the current text as `version`.
    fn reanalyse(&mut self, rope: Rope, version: i32, settings: &Arc<Settings>) {
        let file_stem = std::mem::take(&mut self.snapshot.file_stem);
        let (text, chunks) = text_of(&rope);
        // Edits split leaves; once many have, a rope built afresh from the text at hand
        // is smaller (rare: a 1 MB document takes some 200 splits first).
        let rope = if text::is_fragmented(&rope, chunks) {
            text::rope_of(&text)
        } else {
            rope
        };
        let file = (&self.kind, self.path.as_deref());
        self.snapshot = snapshot(rope, &text, version, file, file_stem, settings);
    }
}

/// One edit as the client sent it.
pub struct Change {
    pub range: Option<(LineCol, LineCol)>,
    pub text: String,
}

#[derive(Default)]
pub struct Store {
    docs: Mutex<HashMap<Uri, Document>>,
    /// The settings of each workspace folder (a document takes its folder's).
    settings: Mutex<FolderSettings>,
}

/// The file's format and the name its path gives it.
fn kind_of(uri: &Uri) -> (FileKind, String) {
    match uri.to_file_path() {
        Some(p) => {
            let kind = FileKind::from_path(&p);
            let name = kind.name_from_path(&p);
            (kind, name)
        }
        None => (FileKind::from_path(std::path::Path::new("")), String::new()),
    }
}

impl Store {
    fn lock(&self) -> MutexGuard<'_, HashMap<Uri, Document>> {
        // A panic while holding the lock leaves whole documents behind (edits are
        // applied before the analysis runs), so the data is still usable.
        self.docs.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// The settings of the folder holding `uri`. Always taken while holding the
    /// documents' lock (lock order: documents, then settings), so an edit never races a
    /// settings change.
    fn settings_for(&self, uri: &Uri) -> Arc<Settings> {
        self.settings
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .for_uri(uri)
    }

    pub fn open(&self, uri: Uri, version: i32, text: &str) -> Snapshot {
        let (kind, file_stem) = kind_of(&uri);
        let mut docs = self.lock();
        let settings = self.settings_for(&uri);
        // The client's text is at hand: analyse it rather than a copy read out of the rope.
        let rope = text::rope_of(text);
        let path = uri.to_file_path().map(|p| p.into_owned());
        let snap = snapshot(
            rope,
            text,
            version,
            (&kind, path.as_deref()),
            file_stem,
            &settings,
        );
        docs.insert(
            uri,
            Document {
                kind,
                path,
                snapshot: snap.clone(),
            },
        );
        snap
    }

    /// Applies the changes in order; None when the document is not open.
    pub fn change(
        &self,
        uri: &Uri,
        version: i32,
        changes: Vec<Change>,
        enc: Encoding,
    ) -> Option<Snapshot> {
        let mut docs = self.lock();
        let doc = docs.get_mut(uri)?;
        // Settings changes re-analyse every document under this lock: the document's
        // settings are current.
        let settings = doc.snapshot.settings.clone();
        // Cloning a rope is O(1); the edits then copy only the chunks they touch.
        let mut rope = doc.snapshot.rope.clone();
        for c in changes {
            text::apply_edit(&mut rope, c.range, &c.text, enc);
        }
        doc.reanalyse(rope, version, &settings);
        Some(doc.snapshot.clone())
    }

    pub fn close(&self, uri: &Uri) {
        self.lock().remove(uri);
    }

    /// The settings a file at `uri` takes, open or not.
    pub fn settings_of(&self, uri: &Uri) -> Arc<Settings> {
        self.settings_for(uri)
    }

    /// Every open document's URI.
    pub fn open_uris(&self) -> HashSet<Uri> {
        self.lock().keys().cloned().collect()
    }

    pub fn get(&self, uri: &Uri) -> Option<Snapshot> {
        self.lock().get(uri).map(|d| d.snapshot.clone())
    }

    /// The current version of a document, to drop stale publications.
    pub fn version(&self, uri: &Uri) -> Option<i32> {
        self.lock().get(uri).map(|d| d.snapshot.version)
    }

    /// Installs new settings and re-analyses the open documents whose settings changed.
    pub fn set_settings(&self, settings: FolderSettings) -> Vec<(Uri, Snapshot)> {
        let mut docs = self.lock();
        let mut current = self.settings.lock().unwrap_or_else(|p| p.into_inner());
        *current = settings;
        docs.iter_mut()
            .filter_map(|(u, d)| {
                let settings = current.for_uri(u);
                if Arc::ptr_eq(&settings, &d.snapshot.settings) {
                    return None;
                }
                d.reanalyse(d.snapshot.rope.clone(), d.snapshot.version, &settings);
                Some((u.clone(), d.snapshot.clone()))
            })
            .collect()
    }
}
