//! Writing `check --fix`'s results back: only inside the paths named on the command line,
//! never over a save made since the file was read, and never half-written.

use crate::discovery::read::{read_bounded, Refusal, AGENT_FILE};
use std::fs::{self, File};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

/// The paths named on the command line, symlinks resolved: the only places `--fix`
/// writes to (a symlink inside a workspace can point anywhere).
pub struct Roots(Vec<PathBuf>);

impl Roots {
    pub fn new(paths: &[PathBuf]) -> Roots {
        Roots(paths.iter().filter_map(|p| p.canonicalize().ok()).collect())
    }

    /// Whether the resolved path `target` is one of the roots or lies below one.
    fn contain(&self, target: &Path) -> bool {
        self.0.iter().any(|root| target.starts_with(root))
    }
}

/// Replaces the file at `path` with `fixed`, provided it still holds `original` (what
/// the fixes were computed from). The new text goes to a temporary file in the same
/// folder, with the original's permissions, which is then renamed over the file: a
/// reader sees the old text or the new, never a mix. Returns why nothing was written
/// (the caller says "fixes not written: …").
pub fn write_fixed(path: &Path, original: &[u8], fixed: &str, roots: &Roots) -> Result<(), String> {
    let target = path.canonicalize().map_err(|e| e.to_string())?;
    if !roots.contain(&target) {
        return Err(format!(
            "it resolves to {}, outside the paths given",
            target.display()
        ));
    }
    let meta = fs::metadata(&target).map_err(|e| e.to_string())?;
    if !meta.is_file() {
        return Err("not a regular file".into());
    }
    if meta.permissions().readonly() {
        return Err("the file is read-only".into());
    }
    let temp = temp_path(&target).ok_or("no folder to write in")?;
    let written = write_temp(&temp, fixed, meta.permissions()).and_then(|()| {
        // The last moment before the rename: a save made since the read wins. Read
        // through the one bounded reader: the path may have become a FIFO or a huge file.
        if !still_holds(&target, original)? {
            return Err(std::io::Error::other(
                "the file changed on disk since it was read",
            ));
        }
        fs::rename(&temp, &target)
    });
    written.map_err(|e| {
        let _ = fs::remove_file(&temp);
        e.to_string()
    })
}

/// Whether the file at `target` holds exactly `original`: a file grown past the bound
/// `check` reads agent files with no longer does.
fn still_holds(target: &Path, original: &[u8]) -> std::io::Result<bool> {
    match read_bounded(target, AGENT_FILE) {
        Ok(now) => Ok(now == original),
        Err(Refusal::TooLarge { .. }) => Ok(false),
        Err(other) => Err(other.into()),
    }
}

/// A name in the same folder as `target` that no other run or file uses.
fn temp_path(target: &Path) -> Option<PathBuf> {
    static COUNTER: AtomicUsize = AtomicUsize::new(0);
    let name = target.file_name()?.to_string_lossy();
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    let temp = format!(".{name}.agent-lsp-fix.{}.{n}.tmp", std::process::id());
    Some(target.parent()?.join(temp))
}

/// Writes `text` to a new file at `temp` with `permissions`, on disk before it returns.
fn write_temp(temp: &Path, text: &str, permissions: fs::Permissions) -> std::io::Result<()> {
    let mut file = File::options().write(true).create_new(true).open(temp)?;
    file.write_all(text.as_bytes())?;
    file.set_permissions(permissions)?;
    file.sync_all()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scratch(name: &str) -> PathBuf {
        let dir =
            std::env::temp_dir().join(format!("agent-lsp-write-{name}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).expect("scratch folder");
        dir
    }

    #[test]
    fn a_file_grown_past_the_bound_since_the_read_is_left_alone() {
        let dir = scratch("grown");
        let file = dir.join("a.md");
        let grown = "x".repeat(AGENT_FILE.bytes as usize + 1);
        fs::write(&file, &grown).expect("write");
        let roots = Roots::new(std::slice::from_ref(&dir));
        let err = write_fixed(&file, b"x", "fixed", &roots).expect_err("refused");
        assert!(err.contains("changed on disk"), "{err}");
        assert_eq!(
            fs::metadata(&file).map(|m| m.len()).ok(),
            Some(grown.len() as u64)
        );
        let _ = fs::remove_dir_all(&dir);
    }

    #[test]
    fn an_unchanged_file_is_replaced() {
        let dir = scratch("same");
        let file = dir.join("a.md");
        fs::write(&file, "old").expect("write");
        let roots = Roots::new(std::slice::from_ref(&dir));
        write_fixed(&file, b"old", "new", &roots).expect("written");
        assert_eq!(fs::read_to_string(&file).ok().as_deref(), Some("new"));
        let _ = fs::remove_dir_all(&dir);
    }
}
