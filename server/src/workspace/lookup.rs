//! Navigation over the index, pure: what a position names, where that is declared, who
//! uses it, and what renaming it changes.

use super::{Fact, FactKind, FileIndex, Reference, Scope, Span, Workspace};
use crate::catalog;
use std::ops::Range;
use std::path::{Path, PathBuf};

/// A name of a kind: what a declaration declares and a reference refers to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Target {
    pub kind: FactKind,
    pub name: String,
}

impl FileIndex {
    /// The name at `offset` (a declaration's or a reference's, ends included) and its
    /// bytes.
    pub fn target_at(&self, offset: usize) -> Option<(Target, Range<usize>)> {
        let hit = |r: &Range<usize>| !r.is_empty() && r.start <= offset && offset <= r.end;
        let decl = self.declares.iter().find(|f| hit(&f.span.range)).map(|f| {
            let t = Target {
                kind: f.kind,
                name: f.name.to_string(),
            };
            (t, f.span.range.clone())
        });
        decl.or_else(|| {
            self.references
                .iter()
                .find(|r| hit(&r.span.range))
                .map(|r| {
                    let t = Target {
                        kind: r.kind,
                        name: r.name.clone(),
                    };
                    (t, r.span.range.clone())
                })
        })
    }

    /// Every place in this file that names `t`: its declaration and its references.
    pub fn occurrences(&self, t: &Target) -> Vec<Range<usize>> {
        let decls = self
            .declares
            .iter()
            .filter(|f| f.kind == t.kind && *f.name == *t.name && !f.span.range.is_empty())
            .map(|f| f.span.range.clone());
        let refs = self
            .references
            .iter()
            .filter(|r| r.kind == t.kind && r.name == t.name)
            .map(|r| r.span.range.clone());
        decls.chain(refs).collect()
    }
}

/// One text edit of a rename, in a file that may not be open.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NameEdit {
    pub file: PathBuf,
    pub span: Span,
    pub new_text: String,
}

/// What a rename changes: text in files, and a file or folder to move (a skill is named
/// by its folder, a Copilot agent without `name` by its file).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RenamePlan {
    pub edits: Vec<NameEdit>,
    pub moves: Vec<(PathBuf, PathBuf)>,
}

impl Workspace {
    /// The files declaring `t`, the project's first.
    pub fn definitions(&self, t: &Target) -> Vec<&Fact> {
        let mut d: Vec<&Fact> = self.declarations(t.kind, &t.name).collect();
        d.sort_by_key(|f| f.scope == Scope::User);
        d
    }

    /// The references to `t`.
    pub fn uses(&self, t: &Target) -> Vec<&Reference> {
        self.references_to(t.kind, &t.name).collect()
    }

    /// When several project agents of `path`'s `.claude/agents` folder are named `name`,
    /// the one Claude Code 2.1.332 uses: the last path in byte order among those that
    /// load (the ones with a description); see `duplicate-agent-name`.
    pub fn active_agent(&self, name: &str, path: &Path) -> Option<&Path> {
        let folder = agents_folder(path)?;
        let mut competing: Vec<&Path> = self
            .declarations(FactKind::Agent, name)
            .filter(|f| f.scope == Scope::Project && f.doc.is_some())
            .filter(|f| agents_folder(&f.file) == Some(folder))
            .map(|f| &*f.file)
            .collect();
        competing.sort_by(|a, b| path_bytes(a).cmp(path_bytes(b)));
        competing.dedup();
        (competing.len() > 1).then(|| competing[competing.len() - 1])
    }

    /// Whether `t` can be renamed, and if not, why.
    pub fn can_rename(&self, t: &Target) -> Result<(), String> {
        let decls = self.definitions(t);
        if !matches!(
            t.kind,
            FactKind::Agent | FactKind::Skill | FactKind::CopilotAgent
        ) {
            return Err(format!("renaming a {} is not supported", t.kind.label()));
        }
        if decls.is_empty() {
            let builtin = catalog::claude_agent().builtin_agent(&t.name).is_some();
            return Err(if builtin && t.kind == FactKind::Agent {
                format!("`{}` is a built-in agent: no file declares it", t.name)
            } else {
                format!("no file declares the {} `{}`", t.kind.label(), t.name)
            });
        }
        if decls.iter().any(|f| f.scope == Scope::User) {
            return Err(format!(
                "`{}` is declared in the user's folder, which agent-lsp never edits",
                t.name
            ));
        }
        Ok(())
    }

    /// The edits that rename `t` to `new_name` everywhere, or why they cannot be made.
    /// `moves` says whether the client can rename files and folders.
    pub fn rename(&self, t: &Target, new_name: &str, moves: bool) -> Result<RenamePlan, String> {
        self.can_rename(t)?;
        refuse_name(t.kind, new_name)?;
        let mut plan = RenamePlan::default();
        for f in self.definitions(t) {
            let by_path = t.kind == FactKind::Skill || f.span.range.is_empty();
            if by_path {
                if !moves {
                    return Err(format!(
                        "`{}` is named by its {}: the editor cannot rename files",
                        t.name,
                        if t.kind == FactKind::Skill {
                            "folder"
                        } else {
                            "file"
                        }
                    ));
                }
                plan.moves.push(moved(t.kind, &f.file, new_name));
            }
            if !f.span.range.is_empty() {
                plan.edits.push(edit(&f.file, &f.span, new_name));
            }
        }
        for r in self.uses(t) {
            plan.edits.push(edit(&r.file, &r.span, new_name));
        }
        Ok(plan)
    }
}

fn edit(file: &Path, span: &Span, new_text: &str) -> NameEdit {
    NameEdit {
        file: file.to_path_buf(),
        span: span.clone(),
        new_text: new_text.to_string(),
    }
}

/// Where a file named by its path goes: a skill's folder, a Copilot agent's file.
fn moved(kind: FactKind, file: &Path, new_name: &str) -> (PathBuf, PathBuf) {
    if kind == FactKind::Skill {
        let dir = file.parent().unwrap_or(file);
        let to = dir.with_file_name(new_name);
        return (dir.to_path_buf(), to);
    }
    let name = file.file_name().map(|n| n.to_string_lossy().into_owned());
    let suffix = [".agent.md", ".chatmode.md", ".md"]
        .into_iter()
        .find(|s| name.as_deref().is_some_and(|n| n.ends_with(s)))
        .unwrap_or(".md");
    (
        file.to_path_buf(),
        file.with_file_name(format!("{new_name}{suffix}")),
    )
}

/// Why the tool would not load a file under `name`, or why its references could not
/// name it.
fn refuse_name(kind: FactKind, name: &str) -> Result<(), String> {
    if name.is_empty() {
        return Err("the name is empty".into());
    }
    if kind == FactKind::Agent {
        if let Some(skip) = crate::loader::name_problem(name) {
            return Err(format!(
                "Claude Code skips an agent whose {}",
                skip.as_str()
            ));
        }
    }
    if let Some(c) = name
        .chars()
        .find(|c| c.is_whitespace() || matches!(c, ',' | '(' | ')' | '/' | '\\'))
    {
        return Err(format!(
            "`{c}` cannot be part of a name that tool lists and paths refer to"
        ));
    }
    Ok(())
}

/// The `.claude/agents` folder a file is in: only the agents of one folder compete.
pub fn agents_folder(p: &Path) -> Option<&Path> {
    p.ancestors().find(|a| a.ends_with(".claude/agents"))
}

/// Claude Code compares paths as strings, not by components (`a.md` before `a/b.md`).
pub fn path_bytes(p: &Path) -> &[u8] {
    p.as_os_str().as_encoded_bytes()
}
