//! The only code that lists and reads workspace files from disk, for `check` and the
//! server alike, with one set of rules.
//!
//! Walking (the `ignore` crate's walker, configured as Claude Code runs ripgrep:
//! `--files --hidden --follow --no-ignore`):
//! - symlinks are followed, as Claude Code follows them, but each directory is entered
//!   once, by identity (device and inode): a link to `.`, to `..`, to a sibling or a
//!   chain of links adds nothing, so the walk is linear in the real tree;
//! - each file is listed once by identity (Claude Code deduplicates hard- and symlinked
//!   agent files by inode); the first path in walk order (sorted by name) is kept;
//! - a link into a system folder (`/proc`, `/dev`, `/sys`, `/etc`, …) is not followed,
//!   and is reported;
//! - hidden entries are walked and ignore files are not read; outside a format folder
//!   (`.claude/…`), `.git`, `node_modules`, `target`, `.hg` and `.svn` are skipped (no
//!   agent Claude Code loads lives there, and they are large);
//! - no depth limit and no cap on the number of files: every fact a user relies on is
//!   found.
//!
//! Reading: see [`read`]: regular files only, each kind with its own bound.

pub mod read;

pub use read::{read_bounded, read_text, Bound, Refusal};

use std::collections::HashSet;
use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

/// Folders skipped outside format folders.
const SKIPPED_DIRS: &[&str] = &[".git", "node_modules", "target", ".hg", ".svn"];

/// A path that was found but not used, and why.
#[derive(Debug)]
pub struct Skipped {
    pub path: PathBuf,
    pub why: Refusal,
}

/// What a walk found: the wanted files in a stable order, and what it had to skip.
#[derive(Debug, Default)]
pub struct Found<L = Vec<PathBuf>> {
    pub files: L,
    pub skipped: Vec<Skipped>,
}

/// Where a walk puts the files it finds.
pub trait Listing: Default {
    fn add(&mut self, path: &Path);
}

impl Listing for Vec<PathBuf> {
    fn add(&mut self, path: &Path) {
        self.push(path.to_path_buf());
    }
}

/// Paths in walk order, each folder held once and each file by its name: `check` lists
/// every file before it reads any, and 100,000 full paths (each its own allocation)
/// were a fifth of its peak memory.
#[derive(Debug, Default)]
pub struct FileList {
    folders: Vec<PathBuf>,
    /// The index of its folder, and the file name (empty: the folder is the whole path).
    files: Vec<(u32, Box<OsStr>)>,
}

impl Listing for FileList {
    fn add(&mut self, path: &Path) {
        let split = path.parent().zip(path.file_name());
        // Only where joining the parts gives back the very same bytes (`a/./b` would
        // come back as `a/b`); otherwise the whole path is kept as its own folder.
        let (folder, name) = match split {
            Some((f, n)) if f.join(n).as_os_str() == path.as_os_str() => (f, n),
            _ => (path, OsStr::new("")),
        };
        if self
            .folders
            .last()
            .is_none_or(|last| last.as_os_str() != folder.as_os_str())
        {
            self.folders.push(folder.to_path_buf());
        }
        let at = u32::try_from(self.folders.len() - 1).unwrap_or(u32::MAX);
        self.files.push((at, name.into()));
    }
}

impl FileList {
    pub fn len(&self) -> usize {
        self.files.len()
    }

    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }

    /// The `i`th path, built anew (None past the end).
    pub fn get(&self, i: usize) -> Option<PathBuf> {
        let (at, name) = self.files.get(i)?;
        let folder = self.folders.get(*at as usize)?;
        Some(if name.is_empty() {
            folder.clone()
        } else {
            folder.join(&**name)
        })
    }

    /// Every path, in order.
    pub fn iter(&self) -> impl Iterator<Item = PathBuf> + '_ {
        (0..self.len()).filter_map(|i| self.get(i))
    }
}

/// A file's identity: the same file reached by two paths has one.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
enum FileId {
    #[cfg(unix)]
    Inode(u64, u64),
    #[cfg_attr(unix, allow(dead_code))]
    Path(PathBuf),
}

fn file_id(path: &Path, meta: Option<&std::fs::Metadata>) -> Option<FileId> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        let owned;
        let meta = match meta {
            Some(m) => m,
            None => {
                owned = std::fs::metadata(path).ok()?;
                &owned
            }
        };
        Some(FileId::Inode(meta.dev(), meta.ino()))
    }
    #[cfg(not(unix))]
    {
        let _ = meta;
        std::fs::canonicalize(path).ok().map(FileId::Path)
    }
}

/// Whether `path` lies inside a format folder (`.claude/agents`, `.github/agents`, …),
/// where every folder is read whatever its name.
fn inside_format_folder(path: &Path) -> bool {
    path.components().any(|c| {
        let s = c.as_os_str();
        s == ".claude" || s == ".github" || s == ".opencode" || s == ".cursor"
    })
}

/// Shared between the walker's filter (which must be `'static`) and the caller.
#[derive(Default)]
struct WalkState {
    dirs: HashSet<FileId>,
    skipped: Vec<Skipped>,
}

fn lock(state: &Mutex<WalkState>) -> std::sync::MutexGuard<'_, WalkState> {
    state.lock().unwrap_or_else(|p| p.into_inner())
}

/// Decides whether the walker enters a directory.
fn enter_dir(entry: &ignore::DirEntry, state: &Mutex<WalkState>) -> bool {
    let path = entry.path();
    let named_skip = path
        .file_name()
        .is_some_and(|n| SKIPPED_DIRS.iter().any(|s| n == *s));
    if named_skip && !inside_format_folder(path) {
        return false;
    }
    if entry.path_is_symlink() {
        if let Some(target) = read::system_target(path) {
            lock(state).skipped.push(Skipped {
                path: path.to_path_buf(),
                why: Refusal::SystemPath(target),
            });
            return false;
        }
    }
    let meta = entry.metadata().ok();
    match file_id(path, meta.as_ref()) {
        Some(id) => lock(state).dirs.insert(id),
        None => true,
    }
}

/// Every file below `root` (or `root` itself when it is a file) for which `wanted` holds.
/// `max_depth` is the format's own limit (a skill is `<name>/SKILL.md`), if any.
pub fn walk(root: &Path, max_depth: Option<usize>, wanted: &dyn Fn(&Path) -> bool) -> Found {
    let mut found = Found::default();
    let mut seen_files = HashSet::new();
    walk_into(root, max_depth, wanted, &mut found, &mut seen_files);
    found
}

fn walk_into<L: Listing>(
    root: &Path,
    max_depth: Option<usize>,
    wanted: &dyn Fn(&Path) -> bool,
    found: &mut Found<L>,
    seen_files: &mut HashSet<FileId>,
) {
    if let Some(target) = read::system_target(root) {
        found.skipped.push(Skipped {
            path: root.to_path_buf(),
            why: Refusal::SystemPath(target),
        });
        return;
    }
    let state = Arc::new(Mutex::new(WalkState::default()));
    if let Some(id) = file_id(root, None) {
        lock(&state).dirs.insert(id);
    }
    let filter_state = state.clone();
    let walker = ignore::WalkBuilder::new(root)
        .standard_filters(false)
        .follow_links(true)
        .max_depth(max_depth)
        .sort_by_file_name(|a, b| a.cmp(b))
        .filter_entry(move |e| {
            !e.file_type().is_some_and(|t| t.is_dir()) || enter_dir(e, &filter_state)
        })
        .build();
    for entry in walker {
        match entry {
            Ok(e) if e.file_type().is_some_and(|t| t.is_dir()) => {}
            Ok(e) => add_file(e.path(), wanted, found, seen_files),
            Err(err) => walk_error(err, wanted, found),
        }
    }
    found.skipped.append(&mut lock(&state).skipped);
}

/// A wanted file, once per identity. Special files are listed too: reading refuses them
/// with a reason the caller reports.
fn add_file<L: Listing>(
    path: &Path,
    wanted: &dyn Fn(&Path) -> bool,
    found: &mut Found<L>,
    seen: &mut HashSet<FileId>,
) {
    if !wanted(path) {
        return;
    }
    if file_id(path, None).is_none_or(|id| seen.insert(id)) {
        found.files.add(path);
    }
}

/// A walk error on a wanted path (a dangling link named `x.md`) or on a format folder
/// that cannot be read is reported; elsewhere (a private folder far from any agent) and
/// for a loop (a link to an ancestor, expected) the walk goes on quietly.
fn walk_error<L>(err: ignore::Error, wanted: &dyn Fn(&Path) -> bool, found: &mut Found<L>) {
    let mut e = &err;
    let path = loop {
        match e {
            ignore::Error::WithPath { path, .. } => break Some(path.clone()),
            ignore::Error::WithDepth { err, .. } | ignore::Error::WithLineNumber { err, .. } => {
                e = err
            }
            _ => break None,
        }
    };
    // A format folder that does not exist holds nothing to report.
    let missing = err
        .io_error()
        .is_some_and(|io| io.kind() == std::io::ErrorKind::NotFound);
    let reported = |p: &PathBuf| wanted(p) || (inside_format_folder(p) && !missing);
    if let Some(path) = path.filter(reported) {
        let why = err
            .io_error()
            .map(|io| std::io::Error::new(io.kind(), io.to_string()))
            .unwrap_or_else(|| std::io::Error::other(err.to_string()));
        found.skipped.push(Skipped {
            path,
            why: Refusal::Io(why),
        });
    }
}

/// The files `check` looks at: each path named that is not a folder (always checked,
/// whatever its name), and the wanted files below each folder, each file once.
pub fn files_to_check(paths: &[PathBuf], wanted: &dyn Fn(&Path) -> bool) -> Found<FileList> {
    let mut found = Found::<FileList>::default();
    let mut seen_files = HashSet::new();
    for p in paths {
        match std::fs::metadata(p) {
            Ok(m) if m.is_dir() => walk_into(p, None, wanted, &mut found, &mut seen_files),
            Ok(m) => {
                if file_id(p, Some(&m)).is_none_or(|id| seen_files.insert(id)) {
                    found.files.add(p);
                }
            }
            Err(e) => found.skipped.push(Skipped {
                path: p.clone(),
                why: Refusal::Io(e),
            }),
        }
    }
    found
}

/// Whether `path` names a file or folder (through symlinks), for a body link's check:
/// only its metadata is asked for, nothing is opened.
pub fn exists(path: &Path) -> bool {
    std::fs::metadata(path).is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_list_gives_back_each_path_byte_for_byte() {
        let paths = [
            "/w/.claude/agents/a.md",
            "/w/.claude/agents/b.md",
            "/w/.claude/agents/sub/c.md",
            "/w/.claude/agents/d.md",
            "x.md",
            "./y.md",
            "a/./b.md",
            "a//b.md",
            "dir/",
            "/",
            "..",
        ];
        let mut list = FileList::default();
        for p in paths {
            list.add(Path::new(p));
        }
        let back: Vec<String> = list.iter().map(|p| p.display().to_string()).collect();
        assert_eq!(back, paths);
        assert_eq!(list.len(), paths.len());
        assert!(list.get(paths.len()).is_none());
        // One folder for the first two files.
        assert_eq!(list.folders[0], Path::new("/w/.claude/agents"));
        assert_eq!(list.files[1].0, 0);
    }
}
