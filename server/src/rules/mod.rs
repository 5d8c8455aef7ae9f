//! The rule registry: every diagnostic code, declared once (in `registry.rs`) with its
//! default severity, the group of formats it applies to, a summary and an explanation with an
//! example. Checks emit diagnostics through these declarations (`Diagnostic::new(range,
//! rules::UNKNOWN_TOOL, msg)`); the README's rule table, `docs/rules.md` and
//! `agent-lsp explain` are generated from them (`docs.rs`), and configuration naming a
//! code is validated against them (`config.rs`).

mod diagnostic;
pub mod docs;
mod registry;

pub use diagnostic::{Diagnostic, Edit, Fix};
pub use registry::*;

use crate::catalog::Format;
pub use crate::catalog::{Group, Severity};

/// One diagnostic rule.
#[derive(Debug, PartialEq, Eq)]
pub struct Rule {
    /// The stable identifier users configure and see in brackets.
    pub code: &'static str,
    /// The level it reports at unless the configuration says otherwise.
    pub severity: Severity,
    /// When it reports at another level, and why; empty when never.
    pub varies: &'static str,
    /// Which formats it checks: those whose catalog lists this group.
    pub group: Group,
    /// One line: when it fires.
    pub summary: &'static str,
    /// What the tool does with such a file, and how to fix it.
    pub explanation: &'static str,
    /// A file (or frontmatter) that triggers the rule, and the same file fixed.
    pub bad: &'static str,
    pub good: &'static str,
}

impl Rule {
    /// Whether it checks `format`: its group is `All` or the format's catalog lists it.
    pub fn checks(&self, format: Format) -> bool {
        self.group == Group::All || format.catalog().rules.contains(&self.group)
    }

    /// The formats it checks, as the docs show them, derived from the catalogs.
    pub fn formats_described(&self) -> String {
        let ids: Vec<_> = Format::all()
            .filter(|&f| self.checks(f))
            .map(Format::id)
            .collect();
        if self.group == Group::Configuration {
            "agent-lsp.toml, LSP options".to_string()
        } else if ids.len() == Format::all().count() {
            "all formats".to_string()
        } else {
            ids.join(", ")
        }
    }
}

/// Whether the rule `code` checks `format` (`Rule::checks`).
pub fn applies(format: Format, code: &str) -> bool {
    get(code).is_some_and(|r| r.checks(format))
}

/// The rule with this code.
pub fn get(code: &str) -> Option<&'static Rule> {
    ALL.iter().copied().find(|r| r.code == code)
}

/// The closest rule code to a misspelt one, for did-you-mean messages.
pub fn suggest(code: &str) -> Option<&'static str> {
    closest(code, ALL.iter().map(|r| r.code))
}

/// The candidate nearest to `word` in edits, a swap of two neighbours counting as one
/// (ties go to the first), when it is within a third of the word's length: close enough
/// to be what was meant.
pub fn closest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let max = (word.chars().count() / 3).max(1);
    candidates
        .into_iter()
        .map(|c| (strsim::osa_distance(word, c), c))
        .filter(|&(d, _)| d <= max)
        .min_by_key(|&(d, _)| d)
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_rule_applies_to_the_formats_listing_its_group() {
        assert!(applies(Format::claude_agent(), "unknown-tool"));
        assert!(!applies(
            Format::named("copilot-prompt").unwrap(),
            "yaml-requoted"
        ));
        assert!(!applies(
            Format::named("cursor-rule").unwrap(),
            "unknown-tool"
        ));
    }

    #[test]
    fn codes_are_unique_kebab_case_and_documented() {
        let mut seen = std::collections::HashSet::new();
        for r in ALL {
            assert!(seen.insert(r.code), "{} declared twice", r.code);
            assert!(
                r.code.bytes().all(|b| b.is_ascii_lowercase() || b == b'-'),
                "{}",
                r.code
            );
            assert!(
                !r.summary.is_empty() && !r.summary.contains('\n'),
                "{}",
                r.code
            );
            assert!(!r.explanation.is_empty() && !r.bad.is_empty() && !r.good.is_empty());
            assert_ne!(r.bad, r.good, "{}", r.code);
        }
    }

    #[test]
    fn every_format_group_has_a_format() {
        for r in ALL {
            let formats = r.formats_described();
            assert!(
                !formats.is_empty(),
                "{}: no catalog lists {:?}",
                r.code,
                r.group
            );
        }
    }

    #[test]
    fn misspelt_codes_find_the_rule() {
        assert_eq!(suggest("unknwon-tool"), Some("unknown-tool"));
        assert_eq!(suggest("tool-cases"), Some("tool-case"));
        assert_eq!(suggest("zzz"), None);
        assert_eq!(get("mojibake").map(|r| r.severity), Some(Severity::Warning));
    }
}
