//! Pure analysis: text in, plain structs with byte ranges out. Nothing here knows LSP.

pub mod completion;
pub mod diagnostics;
pub mod examples;
pub mod file_kind;
pub mod hover;
pub mod limits;
pub mod mojibake;
pub mod suggest;
pub mod suppress;

use crate::catalog::{Catalog, LoaderModel};
use crate::loader::{self, Loaded};
use crate::rules::Rule;
pub use crate::rules::Severity;
use crate::settings::Settings;
use crate::syntax::{self, Frontmatter};
use file_kind::FileKind;
use std::ops::Range;
use std::path::Path;

/// A text replacement in file bytes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Edit {
    pub range: Range<usize>,
    pub new_text: String,
}

/// A quick fix: a named set of edits.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fix {
    pub title: String,
    pub edits: Vec<Edit>,
    /// Safe to apply without looking (`check --fix` applies these).
    pub safe: bool,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    pub range: Range<usize>,
    pub severity: Severity,
    /// The rule's stable identifier (`rules::*.code`).
    pub code: &'static str,
    pub message: String,
    pub fixes: Vec<Fix>,
}

impl Diagnostic {
    /// A finding of `rule`, at the rule's default severity.
    pub fn new(range: Range<usize>, rule: &'static Rule, message: impl Into<String>) -> Self {
        Diagnostic {
            range,
            severity: rule.severity,
            code: rule.code,
            message: message.into(),
            fixes: Vec::new(),
        }
    }

    /// For the rules whose level depends on the case (each says when in `Rule::varies`).
    pub fn with_severity(mut self, severity: Severity) -> Self {
        self.severity = severity;
        self
    }

    pub fn with_fix(mut self, title: impl Into<String>, edits: Vec<Edit>, safe: bool) -> Self {
        self.fixes.push(Fix {
            title: title.into(),
            edits,
            safe,
        });
        self
    }
}

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
    let mut diagnostics = diagnostics::collect(&diagnostics::Context {
        text,
        kind,
        catalog,
        fm: &frontmatter,
        loaded: loaded.as_ref(),
        examples: examples.as_ref(),
        settings,
        path,
    });
    suppress::apply(text, &frontmatter, &mut diagnostics);
    settings.apply_severities(&mut diagnostics);
    diagnostics.sort_by_key(|d| (d.range.start, d.severity));
    limits::apply(&mut diagnostics, diagnostics::line_at(text, 0));
    Analysis {
        kind: kind.clone(),
        catalog,
        frontmatter,
        loaded,
        examples,
        diagnostics,
    }
}
