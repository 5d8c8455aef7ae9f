//! Bounds on what one file's analysis hands out, whatever the file holds: a file with
//! thousands of problems gets the most severe few hundred and one line saying how many
//! more there are, and no fix carries an edit too large to send or apply.

use super::{Diagnostic, Fix};
use crate::rules;

/// Diagnostics reported per file at most; past this, one summary says how many more.
pub const MAX_DIAGNOSTICS: usize = 200;
/// A fix with more edits than this is dropped (its diagnostic stays).
pub const MAX_FIX_EDITS: usize = 1_000;
/// A fix inserting more text than this, in bytes, is dropped (its diagnostic stays).
pub const MAX_FIX_BYTES: usize = 256 * 1024;

/// Keeps the [`MAX_DIAGNOSTICS`] most severe diagnostics (earlier first among equals),
/// in file order, then one summary of the rest at `summary_range`; drops oversized fixes.
pub fn apply(diagnostics: &mut Vec<Diagnostic>, summary_range: std::ops::Range<usize>) {
    for d in diagnostics.iter_mut() {
        d.fixes.retain(fits);
    }
    if diagnostics.len() <= MAX_DIAGNOSTICS {
        return;
    }
    let hidden = diagnostics.len() - MAX_DIAGNOSTICS;
    diagnostics.sort_by_key(|d| (d.severity, d.range.start));
    diagnostics.truncate(MAX_DIAGNOSTICS);
    diagnostics.sort_by_key(|d| (d.range.start, d.severity));
    diagnostics.insert(
        0,
        Diagnostic::new(
            summary_range,
            rules::TOO_MANY_DIAGNOSTICS,
            format!(
                "{hidden} more problems in this file are not shown: agent-lsp reports at most {MAX_DIAGNOSTICS} per file, the most severe first"
            ),
        ),
    );
}

fn fits(fix: &Fix) -> bool {
    fix.edits.len() <= MAX_FIX_EDITS
        && fix.edits.iter().map(|e| e.new_text.len()).sum::<usize>() <= MAX_FIX_BYTES
}
