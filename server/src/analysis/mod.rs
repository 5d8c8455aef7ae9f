//! Pure analysis: text in, plain structs with byte ranges out. Nothing here knows LSP.

pub mod completion;
pub mod diagnostics;
pub mod examples;
pub mod file_kind;
pub mod hover;
pub mod lens;
pub mod limits;
pub mod mojibake;
pub mod outline;
pub mod portability;
pub mod suggest;
pub mod suppress;

use crate::catalog::{Catalog, LoaderModel};
use crate::loader::{self, Loaded};
pub use crate::rules::{Diagnostic, Edit, Fix, Severity};
use crate::settings::Settings;
use crate::syntax::{self, Frontmatter};
use crate::workspace::{index, FileIndex, Scope};
use file_kind::FileKind;
use std::path::Path;

/// Everything known about one file, computed once per text: the context the rules
/// read, and what they found. Hover, completion and code actions read it too.
#[derive(Clone, Debug)]
pub struct Analysis {
    pub kind: FileKind,
    /// The catalog of the file's format.
    pub catalog: &'static Catalog,
    pub frontmatter: Frontmatter,
    /// What the tool registers, for formats with a loader model (Claude Code agents).
    pub loaded: Option<Loaded>,
    /// The description and its `<example>` blocks, for agents that have one.
    pub examples: Option<examples::Model>,
    /// What the file declares and references, as the workspace index keeps it.
    pub index: FileIndex,
    /// The `/name` that runs the file, for skills and commands at a known path.
    pub slash_name: Option<String>,
    pub diagnostics: Vec<Diagnostic>,
}

/// Analyses `text` as a file of `kind`, with what the user and the workspace add to the
/// catalog.
pub fn analyze(text: &str, kind: &FileKind, settings: &Settings) -> Analysis {
    analyze_file(text, kind, None, settings)
}

/// [`analyze`] for the file at `path`, which the cross-file rules compare with the
/// workspace's other files (duplicate names).
pub fn analyze_file(
    text: &str,
    kind: &FileKind,
    path: Option<&Path>,
    settings: &Settings,
) -> Analysis {
    let catalog = kind.catalog();
    let frontmatter = syntax::parse_as(text, catalog.dialect, &|k| catalog.key(k).is_some());
    let loaded = catalog.loader.map(|model| match model {
        LoaderModel::ClaudeCodeAgent => {
            let mut l = loader::load(&frontmatter, &kind.origin, catalog);
            l.skip = loader::size_skip(text.len()).or(l.skip);
            l
        }
    });
    let examples = loaded
        .as_ref()
        .and_then(|l| examples::Model::read(text, kind, &frontmatter, l, catalog));
    let index = index::read(
        path.unwrap_or(Path::new("")),
        kind.format,
        scope_of(path),
        text,
        &frontmatter,
    );
    let suppressions = suppress::Suppressions::read(text, &frontmatter);
    let mut sink = limits::Sink::new(kind.format, settings, path, suppressions);
    let cx = diagnostics::Context {
        text,
        kind,
        catalog,
        fm: &frontmatter,
        loaded: loaded.as_ref(),
        examples: examples.as_ref(),
        settings,
        path,
        index: &index,
    };
    diagnostics::collect(&cx, &mut sink);
    let (mut diagnostics, more) = sink.finish();
    settings.apply_severities(path, &mut diagnostics);
    diagnostics.sort_by_key(|d| (d.range.start, d.severity));
    limits::apply(&mut diagnostics, more, diagnostics::line_at(text, 0));
    Analysis {
        kind: kind.clone(),
        catalog,
        frontmatter,
        loaded,
        examples,
        index,
        slash_name: path.and_then(|p| kind.slash_name(p)),
        diagnostics,
    }
}

/// A file in the user's Claude Code folder is the user's; any other, a project's.
fn scope_of(path: Option<&Path>) -> Scope {
    let user = crate::workspace::user_folder();
    match (path, user) {
        (Some(p), Some(u)) if p.starts_with(&u) => Scope::User,
        _ => Scope::Project,
    }
}
