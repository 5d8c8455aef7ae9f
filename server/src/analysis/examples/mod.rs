//! The `<example>` blocks of agent descriptions (spec §5): how the description reads in
//! every form it is written (`source`), the blocks in that text (`structure`), the `|`
//! rewrite that repairs the forms YAML mangles (`rewrite`), and the editor features
//! around them. The diagnostics rules live in `diagnostics/examples.rs`.

mod completion;
mod hover;
pub mod rewrite;
pub mod source;
pub mod structure;

pub use completion::completion_item;
pub use hover::hover;
pub use source::{Description, Form, Seen};

use super::file_kind::FileKind;
use super::Analysis;
use crate::catalog::Catalog;
use crate::loader::Loaded;
use crate::syntax::Frontmatter;

/// The description of an agent file, read as the model (or, when the loader misreads
/// it, the author) sees it; None for files that are not agents or have no description.
pub fn read(
    text: &str,
    kind: &FileKind,
    fm: &Frontmatter,
    loaded: &Loaded,
    catalog: &Catalog,
) -> Option<Description> {
    let plugin = kind.is_plugin();
    source::read(text, fm, loaded, plugin, &|k| catalog.key(k).is_some())
}

/// The same, from a finished analysis.
pub fn describe(text: &str, analysis: &Analysis) -> Option<Description> {
    read(
        text,
        &analysis.kind,
        &analysis.frontmatter,
        analysis.loaded.as_ref()?,
        analysis.catalog,
    )
}

/// The agent's name for examples: the loaded one, or the one written when the
/// frontmatter cannot be read.
pub fn agent_name(analysis: &Analysis) -> Option<String> {
    analysis
        .loaded
        .as_ref()
        .and_then(|l| l.name.clone())
        .or_else(|| {
            analysis
                .frontmatter
                .get("name")
                .and_then(|e| e.value.as_str())
                .map(str::to_string)
        })
        .filter(|n| !n.is_empty())
}
