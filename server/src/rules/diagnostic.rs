//! What a rule reports: a diagnostic with its fixes, in file bytes. It sits beside the
//! registry, below every layer that reports something (settings, the workspace, analysis).

use super::{Rule, Severity};
use std::ops::Range;

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
