//! Where a body's relative link leads, worked out without the disk: the destination
//! decoded as a browser would (`my%20notes.md` is `my notes.md`, `?query` dropped) and
//! joined to a folder with `..` and `.` folded away; whether the file is there is asked
//! of the workspace's disk ([`super::Workspace::disk`]), only inside the project.

use super::Workspace;
use std::path::{Component, Path, PathBuf};

/// Where a link leads, and whether the disk was asked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LinkTarget {
    /// There: beside the file, else from the project's root.
    Found(PathBuf),
    /// Neither beside the file nor from the project's root (the path beside it).
    Missing(PathBuf),
    /// Not asked (the path beside the file): no disk, a file outside the project, or a
    /// path that leaves it.
    Unchecked(PathBuf),
}

impl Workspace {
    /// Where `dest` (a body link's destination, `#fragment` removed) leads from a file
    /// in `dir`, looked for beside the file (as GitHub and editors resolve it) and from
    /// the project's root (as an agent running there reads a path). None for what is no
    /// plain path ([`link_path`]).
    pub fn link_target(&self, dir: &Path, dest: &str) -> Option<LinkTarget> {
        let path = link_path(dest)?;
        let beside = lexical(&dir.join(&path));
        let (Some(exists), Some(root)) = (self.disk, self.root.as_deref()) else {
            return Some(LinkTarget::Unchecked(beside));
        };
        let from_root = lexical(&root.join(&path));
        let inside: Vec<&PathBuf> = [&beside, &from_root]
            .into_iter()
            .filter(|p| p.starts_with(root))
            .collect();
        if !dir.starts_with(root) || inside.is_empty() {
            return Some(LinkTarget::Unchecked(beside));
        }
        Some(match inside.into_iter().find(|p| exists(p)) {
            Some(found) => LinkTarget::Found(found.clone()),
            None => LinkTarget::Missing(beside),
        })
    }
}

/// The file path a link destination (`#fragment` already removed) names, or None when
/// it cannot be a plain path: empty, not UTF-8 once decoded, or holding a template
/// placeholder (`$ARGUMENTS`, `{{name}}`) that the tool fills in later.
pub fn link_path(dest: &str) -> Option<String> {
    let path = dest.split('?').next().unwrap_or_default();
    let decoded = percent_encoding::percent_decode_str(path)
        .decode_utf8()
        .ok()?;
    let templated = decoded.contains('$') || decoded.contains("{{");
    (!decoded.is_empty() && !templated).then(|| decoded.into_owned())
}

/// `a/b/../c` as `a/c`, without asking the disk (a `..` above the start is dropped).
pub fn lexical(p: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in p.components() {
        match c {
            Component::ParentDir => {
                out.pop();
            }
            Component::CurDir => {}
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_and_drops_queries_and_placeholders() {
        assert_eq!(link_path("my%20notes.md").as_deref(), Some("my notes.md"));
        assert_eq!(link_path("a.md?plain=1").as_deref(), Some("a.md"));
        assert_eq!(link_path("runs/$ARGUMENTS.md"), None);
        assert_eq!(link_path("{{file}}"), None);
        assert_eq!(link_path("%FF.md"), None);
        assert_eq!(link_path(""), None);
    }

    #[test]
    fn folds_dots() {
        let p = lexical(Path::new("/w/.claude/agents/../../docs/./x.md"));
        assert_eq!(p, Path::new("/w/docs/x.md"));
    }
}
