//! Bounded reads of regular files. A workspace comes from a cloned repository, so any
//! path in it may be a FIFO (opening it for reading blocks until a writer comes), a
//! device (`/dev/zero` never ends), a link to the server's own stdin, or a pseudo-file
//! under `/proc` that holds secrets. Only a regular file is ever opened for reading, never
//! through a link into a system folder, and never more than its bound.

use std::fmt;
use std::fs::{File, Metadata};
use std::io::{self, Read};
use std::path::{Path, PathBuf};

/// How much of one kind of file agent-lsp reads, and what to say when a file is larger.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Bound {
    pub bytes: u64,
    note: &'static str,
}

/// Claude Code's limit on agent files (`loader::MAX_FILE_BYTES`; repeated here so the
/// lowest layer imports nothing above it, and a test keeps the two equal).
pub const CLAUDE_CODE_MAX_FILE_BYTES: u64 = 1 << 20;

/// Agent files: twice Claude Code's 1 MiB limit, so that `file-too-large` still reports
/// the real size of a file just over the limit; past this the size alone is reported.
pub const AGENT_FILE: Bound = Bound {
    bytes: 2 * CLAUDE_CODE_MAX_FILE_BYTES,
    note: "Claude Code skips agent files over 1 MiB without reading them",
};

/// What the workspace scan reads of an agent, skill or command: Claude Code registers
/// nothing from a file over 1 MiB.
pub const LOADED_FILE: Bound = Bound {
    bytes: CLAUDE_CODE_MAX_FILE_BYTES,
    note: "Claude Code skips agent files over 1 MiB without reading them",
};

/// `.mcp.json`: server definitions are a few kilobytes; a 1 MiB file already names
/// thousands of servers.
pub const MCP_JSON: Bound = Bound {
    bytes: 1 << 20,
    note: "an MCP configuration this large is not read",
};

/// `agent-lsp.toml`: room for tens of thousands of declared tools.
pub const CONFIG_FILE: Bound = Bound {
    bytes: 4 << 20,
    note: "a configuration this large is not read",
};

/// Why a file was not read.
#[derive(Debug)]
pub enum Refusal {
    /// A FIFO, socket, device or directory: never opened for reading.
    NotRegular(&'static str),
    /// The path resolves into a system folder (`/proc`, `/dev`, …).
    SystemPath(PathBuf),
    TooLarge {
        size: u64,
        bound: Bound,
    },
    Io(io::Error),
}

impl Refusal {
    /// The file does not exist (or a link points nowhere): usually not worth a report.
    pub fn is_missing(&self) -> bool {
        matches!(self, Refusal::Io(e) if e.kind() == io::ErrorKind::NotFound)
    }
}

impl fmt::Display for Refusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Refusal::NotRegular(what) => write!(f, "skipped: not a regular file ({what})"),
            Refusal::SystemPath(p) => write!(
                f,
                "skipped: resolves to {}, a system path agent-lsp never reads",
                p.display()
            ),
            Refusal::TooLarge { size, bound } => write!(
                f,
                "skipped: {size} bytes, over the {} bytes agent-lsp reads ({})",
                bound.bytes, bound.note
            ),
            Refusal::Io(e) => write!(f, "{e}"),
        }
    }
}

impl From<io::Error> for Refusal {
    fn from(e: io::Error) -> Refusal {
        Refusal::Io(e)
    }
}

impl From<Refusal> for io::Error {
    fn from(r: Refusal) -> io::Error {
        match r {
            Refusal::Io(e) => e,
            other => io::Error::other(other.to_string()),
        }
    }
}

/// Pseudo-filesystems: nothing there is a file a user wrote, sizes are lies (`/proc`
/// files report 0 bytes), and some hold secrets (`/proc/self/environ`). Never read.
const PSEUDO_FS: &[&str] = &["/proc", "/sys", "/dev"];

/// System folders a workspace has no business linking into. Read only when the path
/// given is already there (a user may check `/etc/claude-code/.claude/agents`).
const SYSTEM_DIRS: &[&str] = &[
    "/etc",
    "/boot",
    "/run",
    "/var/run",
    "/root",
    "/private/etc",
    "/private/var/run",
];

/// The resolved path when reading `path` would leave for a system folder.
pub fn system_target(path: &Path) -> Option<PathBuf> {
    if !cfg!(unix) {
        return None;
    }
    let resolved = std::fs::canonicalize(path).ok()?;
    if PSEUDO_FS.iter().any(|d| resolved.starts_with(d)) {
        return Some(resolved);
    }
    let system = SYSTEM_DIRS.iter().find(|d| resolved.starts_with(d))?;
    // Only now (rarely) worth the lookup of the working directory.
    let given = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    (!given.starts_with(system)).then_some(resolved)
}

/// What kind of file a non-regular file is, in words.
pub fn kind_of(meta: &Metadata) -> &'static str {
    let t = meta.file_type();
    if t.is_dir() {
        return "a directory";
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if t.is_fifo() {
            return "a FIFO";
        }
        if t.is_socket() {
            return "a socket";
        }
        if t.is_char_device() {
            return "a character device";
        }
        if t.is_block_device() {
            return "a block device";
        }
    }
    "not a file"
}

/// Opens without blocking: if the path was swapped for a FIFO after it was checked,
/// `open` returns at once instead of waiting for a writer.
fn open_nonblocking(path: &Path) -> io::Result<File> {
    let mut o = std::fs::OpenOptions::new();
    o.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        o.custom_flags(libc::O_NONBLOCK | libc::O_NOCTTY);
    }
    o.open(path)
}

/// The bytes of `path` if it is a regular file within `bound` outside system folders.
pub fn read_bounded(path: &Path, bound: Bound) -> Result<Vec<u8>, Refusal> {
    let meta = std::fs::metadata(path)?;
    if let Some(target) = system_target(path) {
        return Err(Refusal::SystemPath(target));
    }
    check_regular(&meta, bound)?;
    let file = open_nonblocking(path)?;
    // The path may have changed between the check and the open: check what was opened.
    let opened = file.metadata()?;
    check_regular(&opened, bound)?;
    let capacity = usize::try_from(opened.len()).unwrap_or(0);
    let mut bytes = Vec::with_capacity(capacity);
    file.take(bound.bytes + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > bound.bytes {
        // It grew while being read.
        return Err(Refusal::TooLarge {
            size: bytes.len() as u64,
            bound,
        });
    }
    Ok(bytes)
}

fn check_regular(meta: &Metadata, bound: Bound) -> Result<(), Refusal> {
    if !meta.is_file() {
        return Err(Refusal::NotRegular(kind_of(meta)));
    }
    if meta.len() > bound.bytes {
        return Err(Refusal::TooLarge {
            size: meta.len(),
            bound,
        });
    }
    Ok(())
}

/// The text as the loaders read it (UTF-8, invalid bytes replaced), and whether the bytes
/// were valid UTF-8 (a file that was not must never be written back).
pub fn read_text(path: &Path, bound: Bound) -> Result<(String, bool), Refusal> {
    let bytes = read_bounded(path, bound)?;
    Ok(match String::from_utf8(bytes) {
        Ok(s) => (s, true),
        Err(e) => (String::from_utf8_lossy(e.as_bytes()).into_owned(), false),
    })
}
