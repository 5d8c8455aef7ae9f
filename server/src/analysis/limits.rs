//! Bounds on what one file's analysis hands out, whatever the file holds: a file with
//! thousands of problems gets the most severe few hundred and one line saying how many
//! more there are, and no fix carries an edit too large to send or apply.
//!
//! The bound is applied while the rules run, not after: the rules put what they find in
//! a [`Sink`], which keeps at most [`MAX_DIAGNOSTICS`] of each rule and only counts the
//! rest, and a rule asks [`Sink::room`] before building a message, so a file with a
//! million problems costs a count, not a million messages and fixes.

use super::suppress::Suppressions;
use super::{Diagnostic, Fix};
use crate::catalog::Format;
use crate::rules::{self, Rule};
use crate::settings::Settings;
use foldhash::fast::RandomState as FastHash;
use std::collections::HashMap;
use std::path::Path;

/// Diagnostics reported per file at most; past this, one summary says how many more.
pub const MAX_DIAGNOSTICS: usize = 200;
/// A fix with more edits than this is dropped (its diagnostic stays).
pub const MAX_FIX_EDITS: usize = 1_000;
/// A fix inserting more text than this, in bytes, is dropped (its diagnostic stays).
pub const MAX_FIX_BYTES: usize = 256 * 1024;

/// What the sink knows of one rule code in this file.
#[derive(Clone, Copy)]
enum Code {
    /// Reported: this many kept so far.
    Kept(usize),
    /// Switched off by the configuration for this file (a suppression of it still counts
    /// as used, as it silences something).
    Off,
    /// Not a rule of this file's format (its catalog does not list it).
    NotChecked,
}

/// Where the rules of one file put their diagnostics. It drops what the file's format
/// does not check, what a suppression comment silences and what the configuration
/// switches off, keeps the first [`MAX_DIAGNOSTICS`] of each code, and counts the rest.
pub struct Sink<'a> {
    format: Format,
    settings: &'a Settings,
    path: Option<&'a Path>,
    suppressions: Suppressions,
    /// Asked once per diagnostic a rule may report (100,000 times in a large file).
    codes: HashMap<&'static str, Code, FastHash>,
    kept: Vec<Diagnostic>,
    /// Diagnostics past their code's share: counted, not kept (most never built).
    more: usize,
}

impl<'a> Sink<'a> {
    pub fn new(
        format: Format,
        settings: &'a Settings,
        path: Option<&'a Path>,
        suppressions: Suppressions,
    ) -> Sink<'a> {
        Sink {
            format,
            settings,
            path,
            suppressions,
            codes: HashMap::default(),
            kept: Vec::new(),
            more: 0,
        }
    }

    /// Whether a diagnostic of `rule` starting at byte `at` would be kept. When it would
    /// not, it is already accounted for (silenced, or counted in the summary): the rule
    /// must not build it. Rules that can find many problems ask before each message.
    pub fn room(&mut self, rule: &Rule, at: usize) -> bool {
        self.room_for(rule.code, at)
    }

    fn room_for(&mut self, code: &'static str, at: usize) -> bool {
        let (format, settings, path) = (self.format, self.settings, self.path);
        let state = *self.codes.entry(code).or_insert_with(|| {
            if !rules::applies(format, code) {
                Code::NotChecked
            } else if settings.is_off(path, code) {
                Code::Off
            } else {
                Code::Kept(0)
            }
        });
        let n = match state {
            Code::NotChecked => return false,
            Code::Off => {
                self.suppressions.silences(code, at);
                return false;
            }
            Code::Kept(n) => n,
        };
        if self.suppressions.silences(code, at) {
            return false;
        }
        if n >= MAX_DIAGNOSTICS {
            self.more += 1;
            return false;
        }
        true
    }

    pub fn push(&mut self, d: Diagnostic) {
        if self.room_for(d.code, d.range.start) {
            self.keep(d);
        }
    }

    /// Where the next kept diagnostic goes, for [`Sink::since`].
    pub fn mark(&self) -> usize {
        self.kept.len()
    }

    /// The diagnostics kept since `mark`, for a rule that sets a level its format's
    /// catalog decides (OpenCode's refused configuration).
    pub fn since(&mut self, mark: usize) -> &mut [Diagnostic] {
        let from = mark.min(self.kept.len());
        &mut self.kept[from..]
    }

    pub fn extend(&mut self, ds: impl IntoIterator<Item = Diagnostic>) {
        for d in ds {
            self.push(d);
        }
    }

    fn keep(&mut self, d: Diagnostic) {
        if let Some(Code::Kept(n)) = self.codes.get_mut(d.code) {
            *n += 1;
        }
        self.kept.push(d);
    }

    /// What was kept, the suppressions that silenced nothing (within the same share),
    /// and how many diagnostics were counted past their share.
    pub fn finish(mut self) -> (Vec<Diagnostic>, usize) {
        let code = rules::SUPPRESSION_UNUSED.code;
        if self.settings.is_off(self.path, code) {
            return (self.kept, self.more);
        }
        self.codes.entry(code).or_insert(Code::Kept(0));
        let unused = std::mem::take(&mut self.suppressions).unused();
        for (at, message) in unused {
            if matches!(self.codes.get(code), Some(Code::Kept(n)) if *n >= MAX_DIAGNOSTICS) {
                self.more += 1;
                continue;
            }
            self.keep(Diagnostic::new(at, rules::SUPPRESSION_UNUSED, message()));
        }
        (self.kept, self.more)
    }
}

/// Keeps the [`MAX_DIAGNOSTICS`] most severe diagnostics (earlier first among equals),
/// in file order, then one summary of the rest, with the `more` counted past their
/// share, at `summary_range`; drops oversized fixes.
pub fn apply(
    diagnostics: &mut Vec<Diagnostic>,
    more: usize,
    summary_range: std::ops::Range<usize>,
) {
    for d in diagnostics.iter_mut() {
        d.fixes.retain(fits);
    }
    if diagnostics.len() <= MAX_DIAGNOSTICS && more == 0 {
        return;
    }
    let hidden = diagnostics.len().saturating_sub(MAX_DIAGNOSTICS) + more;
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
