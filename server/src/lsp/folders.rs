//! Workspace folders: each folder's configuration and facts, read from disk off the path
//! of requests. A file takes the settings of the innermost folder holding it.
//!
//! Disk changes (saves, watched-file events) only mark folders dirty and wake one
//! background task; it waits until the events stop for [`DEBOUNCE`], scans the dirty
//! folders on a blocking thread (holding no lock), then installs the result. A folder
//! whose `agent-lsp.toml` or `.mcp.json` became unusable keeps its last good reading,
//! and the problem is shown on the file and in a message.

use super::convert;
use super::store::{Snapshot, Store};
use crate::settings::{self, Config, Settings};
use crate::text::Encoding;
use crate::workspace::{FileIndex, FileProblem, Scan, Workspace};
use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, Instant};
use tower_lsp_server::ls_types::{self as lsp, Uri};

/// How long disk events must stop before a rescan starts.
pub const DEBOUNCE: Duration = Duration::from_millis(150);
/// The longest a steady stream of events delays a rescan.
const MAX_DELAY: Duration = Duration::from_secs(2);

/// The settings of each workspace folder, and of files outside every folder.
#[derive(Clone, Default)]
pub struct FolderSettings {
    folders: Vec<(PathBuf, Arc<Settings>)>,
    outside: Arc<Settings>,
}

impl FolderSettings {
    /// The settings of the innermost folder holding `uri`.
    pub fn for_uri(&self, uri: &Uri) -> Arc<Settings> {
        let Some(path) = uri.to_file_path() else {
            return self.outside.clone();
        };
        self.folders
            .iter()
            .filter(|(root, _)| path.starts_with(root))
            .max_by_key(|(root, _)| root.components().count())
            .map_or_else(|| self.outside.clone(), |(_, s)| s.clone())
    }
}

/// One folder as last read.
struct Folder {
    /// The last `agent-lsp.toml` that could be used.
    config: Option<Config>,
    workspace: Arc<Workspace>,
    /// What is wrong with its files now.
    problems: Vec<FileProblem>,
    /// What its files are analysed with. Its workspace has the open documents' names as
    /// of the last edit that changed a name: an edit that only moves text leaves it (and
    /// so every open document's analysis) alone.
    settings: Arc<Settings>,
    /// The workspace with every open document as it is now, for the requests that point
    /// into files (None after an edit moved text: built again on the next request).
    live: Option<Arc<Workspace>>,
}

impl Folder {
    /// Builds the folder's settings anew from its reading, the client's options and the
    /// open documents.
    fn refresh(&mut self, root: &Path, client: &Config, open: &HashMap<PathBuf, FileIndex>) {
        let configs = self.config.clone().into_iter().chain([client.clone()]);
        let workspace = with_open(root, &self.workspace, open);
        self.live = Some(workspace.clone());
        self.settings = Arc::new(Settings::new(configs, workspace));
    }
}

#[derive(Default)]
struct State {
    folders: BTreeMap<PathBuf, Folder>,
    /// The options the client sent last; they override `agent-lsp.toml`.
    client_config: Config,
    outside: Arc<Settings>,
    /// Folders to read again.
    dirty: HashSet<PathBuf>,
    /// Files that carry problem diagnostics, to clear them once fixed.
    published: HashSet<Uri>,
    /// Problems already shown in a message, so a rescan does not repeat them.
    shown: HashSet<String>,
    utf8: bool,
    /// The client registers file watchers on request (dynamic registration).
    watch_files: bool,
    /// What each open document declares and references now: it takes precedence over
    /// what its file on disk says.
    open: HashMap<PathBuf, FileIndex>,
}

#[derive(Default)]
pub struct Folders {
    state: Mutex<State>,
    wake: tokio::sync::Notify,
    /// Held while settings go into the store, so an older reading never replaces a newer.
    installing: Mutex<()>,
}

/// What to send the client after the folders changed.
#[derive(Default)]
pub struct Report {
    pub diagnostics: Vec<(Uri, Vec<lsp::Diagnostic>)>,
    pub messages: Vec<String>,
}

impl Folders {
    fn lock(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|p| p.into_inner())
    }

    pub fn set_watch_files(&self, yes: bool) {
        self.lock().watch_files = yes;
    }

    /// Whether to ask the client to watch the files that change what folders declare.
    pub fn watch_files(&self) -> bool {
        self.lock().watch_files
    }

    pub fn set_encoding(&self, enc: Encoding) {
        self.lock().utf8 = enc == Encoding::Utf8;
    }

    pub fn set_client_config(&self, config: Config) {
        let mut st = self.lock();
        st.client_config = config;
        rebuild_settings(&mut st);
    }

    /// Adds and removes folders; added ones are read by the next [`Folders::rescan`].
    pub fn change(&self, added: Vec<PathBuf>, removed: &[PathBuf]) {
        let mut st = self.lock();
        for r in removed {
            st.folders.remove(r);
            st.dirty.remove(r);
        }
        for root in added {
            let settings = Arc::new(Settings::new(
                [st.client_config.clone()],
                Workspace::default(),
            ));
            let empty = Folder {
                config: None,
                workspace: Arc::new(Workspace::default()),
                problems: Vec::new(),
                settings,
                live: None,
            };
            st.folders.entry(root.clone()).or_insert(empty);
            st.dirty.insert(root);
        }
    }

    /// Marks the folders holding `paths` for a rescan, when a path can change what they
    /// declare; wakes the background task. Returns at once.
    pub fn touched<'a>(&self, paths: impl IntoIterator<Item = &'a Path>) {
        let mut st = self.lock();
        let mut any = false;
        for path in paths.into_iter().filter(|p| affects_workspace(p)) {
            let holding: Vec<PathBuf> = st
                .folders
                .keys()
                .filter(|r| path.starts_with(r))
                .cloned()
                .collect();
            any |= !holding.is_empty();
            st.dirty.extend(holding);
        }
        drop(st);
        if any {
            self.wake.notify_one();
        }
    }

    /// Reads the dirty folders (blocking: call it on a blocking thread) and installs the
    /// result. No lock is held while reading.
    pub fn rescan(&self) {
        let roots: Vec<PathBuf> = self.lock().dirty.drain().collect();
        let read: Vec<(PathBuf, settings::Folder)> = roots
            .into_iter()
            .map(|r| {
                let folder = settings::load(Some(&r), Scan::ForEditor);
                (r, folder)
            })
            .collect();
        let mut st = self.lock();
        let client = st.client_config.clone();
        for (root, read) in read {
            // Removed while it was being read: drop the result.
            let open = std::mem::take(&mut st.open);
            if let Some(folder) = st.folders.get_mut(&root) {
                install(folder, read);
                // Only the folders read get new settings: other folders' documents are
                // not re-analysed.
                folder.refresh(&root, &client, &open);
            }
            st.open = open;
        }
    }

    /// Installs the current settings in `store`, re-analysing the documents they change.
    pub fn apply(&self, store: &Store) -> Vec<(Uri, Snapshot)> {
        let _one_at_a_time = self.installing.lock().unwrap_or_else(|p| p.into_inner());
        store.set_settings(self.settings())
    }

    /// The settings each folder's files take now.
    fn settings(&self) -> FolderSettings {
        let st = self.lock();
        FolderSettings {
            folders: st
                .folders
                .iter()
                .map(|(r, f)| (r.clone(), f.settings.clone()))
                .collect(),
            outside: st.outside.clone(),
        }
    }

    /// Diagnostics for every file with a problem (and empty ones for files whose problems
    /// are gone), and a message for each problem not shown before.
    pub fn report(&self) -> Report {
        let mut st = self.lock();
        let enc = if st.utf8 {
            Encoding::Utf8
        } else {
            Encoding::Utf16
        };
        let mut by_file: BTreeMap<&Path, Vec<&FileProblem>> = BTreeMap::new();
        for p in st.folders.values().flat_map(|f| &f.problems) {
            by_file.entry(&p.file).or_default().push(p);
        }
        let mut report = Report::default();
        let mut published = HashSet::new();
        let mut messages = Vec::new();
        for (file, problems) in by_file {
            let Some(uri) = Uri::from_file_path(file) else {
                continue;
            };
            let diags = problems.iter().map(|p| diagnostic(p, enc)).collect();
            report.diagnostics.push((uri.clone(), diags));
            published.insert(uri);
            messages.extend(problems.iter().map(|p| p.to_string()));
        }
        for gone in st.published.difference(&published) {
            report.diagnostics.push((gone.clone(), Vec::new()));
        }
        // A problem fixed and made again is shown again: forget the fixed ones.
        let current: HashSet<&String> = messages.iter().collect();
        st.shown.retain(|m| current.contains(m));
        let new: Vec<String> = messages
            .into_iter()
            .filter(|m| st.shown.insert(m.clone()))
            .collect();
        report.messages = summarised(new);
        st.published = published;
        report
    }

    /// Records what an open document declares and references now (None: it was closed,
    /// its file on disk counts again). Returns whether its names changed, in which case
    /// the folders holding it have new settings for [`Folders::apply`] to install; an
    /// edit that only moved text re-analyses nothing else (the files' diagnostics read
    /// names, not places) and only marks the live workspace for rebuilding.
    pub fn set_open(&self, path: &Path, index: Option<FileIndex>) -> bool {
        let mut st = self.lock();
        let previous = match index {
            Some(i) => st.open.insert(path.to_path_buf(), i),
            None => st.open.remove(path),
        };
        let now = st.open.get(path);
        if previous.as_ref() == now {
            return false;
        }
        let renamed = match (&previous, now) {
            (Some(was), Some(now)) => !was.same_names(now),
            _ => true,
        };
        let client = st.client_config.clone();
        let open = std::mem::take(&mut st.open);
        for (root, f) in st.folders.iter_mut().filter(|(r, _)| path.starts_with(r)) {
            if renamed {
                f.refresh(root, &client, &open);
            } else {
                f.live = None;
            }
        }
        st.open = open;
        renamed
    }

    /// Every folder's workspace as the requests see it (open documents as they are now).
    pub fn workspaces(&self) -> Vec<Arc<Workspace>> {
        let mut st = self.lock();
        let State { folders, open, .. } = &mut *st;
        folders
            .iter_mut()
            .map(|(root, f)| live(root, f, open))
            .collect()
    }

    /// The workspace of the innermost folder holding `path`, with the open documents as
    /// they are now: what navigation points into. None outside every folder.
    pub fn live(&self, path: &Path) -> Option<Arc<Workspace>> {
        let mut st = self.lock();
        let State { folders, open, .. } = &mut *st;
        let (root, f) = folders
            .iter_mut()
            .filter(|(r, _)| path.starts_with(r))
            .max_by_key(|(r, _)| r.components().count())?;
        Some(live(root, f, open))
    }

    /// Wakes the background task: the dirty folders are read soon.
    pub fn wake(&self) {
        self.wake.notify_one();
    }

    /// Waits until a rescan is due: woken by [`Folders::touched`], then until the events
    /// stop for [`DEBOUNCE`] (at most [`MAX_DELAY`]).
    pub async fn next_rescan(&self) {
        self.wake.notified().await;
        let start = Instant::now();
        while start.elapsed() < MAX_DELAY {
            let quiet = tokio::time::timeout(DEBOUNCE, self.wake.notified())
                .await
                .is_err();
            if quiet {
                break;
            }
        }
    }
}

/// At most this many problems get a message each; the rest are counted in one more.
const MESSAGES_SHOWN: usize = 3;

/// One message per problem, up to [`MESSAGES_SHOWN`]: a workspace with many special files
/// must not bury the user in pop-ups (every problem is still a diagnostic on its file).
fn summarised(mut messages: Vec<String>) -> Vec<String> {
    if messages.len() > MESSAGES_SHOWN {
        let more = messages.len() - MESSAGES_SHOWN;
        messages.truncate(MESSAGES_SHOWN);
        messages.push(format!(
            "{more} more file(s) could not be used; see the problems list"
        ));
    }
    messages
}

/// A folder's new reading, keeping the last good configuration and MCP servers when
/// their files became unusable.
fn install(folder: &mut Folder, read: settings::Folder) {
    // A file that cannot be used keeps the last good configuration in force.
    if read.config.is_some() || read.config_problems.is_empty() {
        folder.config = read.config;
    }
    let mut workspace = read.workspace;
    workspace.keep_servers_of(&folder.workspace);
    folder.problems = read
        .config_problems
        .into_iter()
        .chain(workspace.problems.iter().cloned())
        .collect();
    folder.workspace = Arc::new(workspace);
}

/// A folder's workspace as read from disk, with the open documents below `root` as the
/// editor has them.
fn with_open(
    root: &Path,
    workspace: &Arc<Workspace>,
    open: &HashMap<PathBuf, FileIndex>,
) -> Arc<Workspace> {
    let mut inside = open.iter().filter(|(p, _)| p.starts_with(root)).peekable();
    if inside.peek().is_none() {
        return workspace.clone();
    }
    let mut ws = (**workspace).clone();
    for (path, index) in inside {
        ws.replace_file(path, index.clone());
    }
    Arc::new(ws)
}

/// The folder's live workspace, built when an edit since the last request moved text.
fn live(root: &Path, f: &mut Folder, open: &HashMap<PathBuf, FileIndex>) -> Arc<Workspace> {
    f.live
        .get_or_insert_with(|| with_open(root, &f.workspace, open))
        .clone()
}

/// Every folder's settings anew (the client's options changed).
fn rebuild_settings(st: &mut State) {
    let client = st.client_config.clone();
    for (root, f) in st.folders.iter_mut() {
        f.refresh(root, &client, &st.open);
    }
    st.outside = Arc::new(Settings::new([client], Workspace::default()));
}

/// A problem as a diagnostic on its file.
fn diagnostic(p: &FileProblem, enc: Encoding) -> lsp::Diagnostic {
    let range = match &p.source {
        Some(text) => convert::to_range_in(&crate::text::Lines::new(text), &p.range, enc),
        None => lsp::Range::default(),
    };
    lsp::Diagnostic {
        range,
        severity: Some(convert::severity(p.severity)),
        code: p.code.map(|c| lsp::NumberOrString::String(c.to_string())),
        source: Some("agent-lsp".into()),
        message: p.message.clone(),
        ..Default::default()
    }
}

/// The files whose changes [`affects_workspace`] cares about, for the client to watch.
pub fn watchers() -> lsp::Registration {
    let watch = |glob: &str| lsp::FileSystemWatcher {
        glob_pattern: lsp::GlobPattern::String(glob.into()),
        kind: None,
    };
    let options = lsp::DidChangeWatchedFilesRegistrationOptions {
        watchers: vec![
            watch(&format!("**/{}", crate::settings::CONFIG_FILE)),
            watch("**/.mcp.json"),
            watch("**/.claude/**"),
            watch("**/*.{agent,chatmode,prompt,instructions}.md"),
            watch("**/.github/agents/**"),
            watch("**/.opencode/**"),
            watch("**/.cursor/rules/**"),
        ],
    };
    lsp::Registration {
        id: "agent-lsp-workspace-files".into(),
        method: "workspace/didChangeWatchedFiles".into(),
        register_options: serde_json::to_value(options).ok(),
    }
}

/// Whether a change to `path` can change what a folder declares or configures.
pub fn affects_workspace(path: &Path) -> bool {
    let name = path.file_name().unwrap_or_default();
    if name == crate::settings::CONFIG_FILE || name == ".mcp.json" {
        return true;
    }
    let mut parts = path.components().map(|c| c.as_os_str());
    parts.any(|c| c == ".claude") || crate::catalog::Format::of_path(path).is_some()
}
