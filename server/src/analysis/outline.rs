//! The regions an editor folds: the frontmatter, each `<example>` of the description, and
//! each body section (a heading down to the next heading of its level or higher). Byte
//! ranges; the editor turns them into lines.

use super::Analysis;
use crate::syntax::body;
use std::ops::Range;

/// What a fold holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Fold {
    Frontmatter,
    Example,
    Section,
}

pub fn folds(text: &str, analysis: &Analysis) -> Vec<(Range<usize>, Fold)> {
    let mut out = Vec::new();
    let Some(split) = &analysis.frontmatter.split else {
        return out;
    };
    out.push((
        split.open_fence.start..split.close_fence.end,
        Fold::Frontmatter,
    ));
    if let Some(model) = &analysis.examples {
        for ex in &model.found.examples {
            out.push((model.desc.source_range(ex.whole()), Fold::Example));
        }
    }
    let headings = body::headings(text, split.body.clone());
    let end = text.trim_end().len();
    for (i, h) in headings.iter().enumerate() {
        let next = headings[i + 1..]
            .iter()
            .find(|n| n.level <= h.level)
            .map_or(end, |n| n.range.start);
        let stop = text[..next].trim_end().len().max(h.range.end);
        out.push((h.range.start..stop, Fold::Section));
    }
    out
}
