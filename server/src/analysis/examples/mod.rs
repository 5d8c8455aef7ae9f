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
use super::{Analysis, Edit};
use crate::catalog::Catalog;
use crate::loader::Loaded;
use crate::syntax::Frontmatter;
use std::ops::Range;
use structure::Examples;

/// An agent's description and its `<example>` blocks, read once per analysis: the
/// context the example rules, the key rules, hover and completion all consult.
#[derive(Clone, Debug)]
pub struct Model {
    pub desc: Description,
    /// The text the blocks were found in when it differs from `desc.text` (see
    /// `Description::blocks_text`).
    blocks_text: Option<String>,
    pub found: Examples,
    /// The `|` rewrite, for the forms that need it and when the rewritten file checks out.
    pub rewrite: Option<Edit>,
}

impl Model {
    /// The model of an agent file's description; None for files that are not agents or
    /// have no description.
    pub fn read(
        text: &str,
        kind: &FileKind,
        fm: &Frontmatter,
        loaded: &Loaded,
        catalog: &Catalog,
    ) -> Option<Model> {
        let plugin = kind.is_plugin();
        let desc = source::read(text, fm, loaded, plugin, &|k| catalog.key(k).is_some())?;
        let blocks_text = match desc.blocks_text() {
            std::borrow::Cow::Owned(s) => Some(s),
            std::borrow::Cow::Borrowed(_) => None,
        };
        let found = structure::parse(blocks_text.as_deref().unwrap_or(&desc.text));
        let rewrite = needs_rewrite(&desc, &found)
            .then(|| rewrite::as_literal_block(text, &desc, kind, catalog))
            .flatten();
        Some(Model {
            desc,
            blocks_text,
            found,
            rewrite,
        })
    }

    /// The text the example blocks were found in.
    pub fn blocks(&self) -> &str {
        self.blocks_text.as_deref().unwrap_or(&self.desc.text)
    }

    /// The source lines that are the description's text although a YAML reading finds
    /// keys there: its raw lines when the frontmatter is unparseable (the tolerant view
    /// reads them as keys), its example lines when YAML cuts it at them.
    pub fn lines_read_as_keys(&self) -> Vec<Range<usize>> {
        match &self.desc.form {
            Form::RawLines => vec![self.desc.value.clone()],
            Form::CutByKeys { key_lines } => key_lines.clone(),
            _ => Vec::new(),
        }
    }

    /// Whether `offset` lies on one of `lines_read_as_keys`: key rules stay silent there
    /// (the example rules report those lines as what they are).
    pub fn is_text_read_as_key(&self, offset: usize) -> bool {
        self.lines_read_as_keys()
            .iter()
            .any(|l| l.start <= offset && offset < l.end)
    }

    /// Whether the `|` rewrite is the remedy that repairs the lines YAML reads as keys:
    /// then the re-quote fixes, which would keep them as keys, are not offered.
    pub fn rewrite_replaces_requoting(&self) -> bool {
        matches!(self.desc.form, Form::CutByKeys { .. }) && self.rewrite.is_some()
    }
}

/// The forms the example rules offer the `|` rewrite for (the rewrite re-reads the
/// frontmatter, so it is not computed for the others).
fn needs_rewrite(desc: &Description, found: &Examples) -> bool {
    match desc.form {
        Form::RawLines | Form::CutByKeys { .. } | Form::MultiLine | Form::Folded => true,
        Form::OneLine => {
            !desc.literal_escapes.is_empty()
                || (desc.seen == Seen::AsAnalysed
                    && !found.examples.is_empty()
                    && desc.text.contains('\n'))
        }
        Form::Literal { .. } => false,
    }
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
