//! The rule registry: every diagnostic code, declared once (in `registry.rs`) with its
//! default severity, whether it checks files (the formats whose catalogs list it) or the
//! configuration, a summary and an explanation with an
//! example. Checks emit diagnostics through these declarations (`Diagnostic::new(range,
//! rules::UNKNOWN_TOOL, msg)`); the README's rule table, `docs/rules.md` and
//! `agent-lsp explain` are generated from them (`docs.rs`), and configuration naming a
//! code is validated against them (`config.rs`).

pub mod docs;
mod registry;

use crate::catalog::{applies, Format};

pub use registry::*;

pub use crate::severity::Severity;

/// Which files a rule checks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Formats {
    /// The formats whose catalog lists the rule's code (`rules` in
    /// `server/catalog/<id>.toml`, read by `catalog::applies`).
    Listed,
    /// No format: agent-lsp's own configuration (`agent-lsp.toml`, the LSP options).
    Configuration,
}

/// One diagnostic rule.
#[derive(Debug, PartialEq, Eq)]
pub struct Rule {
    /// The stable identifier users configure and see in brackets.
    pub code: &'static str,
    /// The level it reports at unless the configuration says otherwise.
    pub severity: Severity,
    /// When it reports at another level, and why; empty when never.
    pub varies: &'static str,
    pub formats: Formats,
    /// One line: when it fires.
    pub summary: &'static str,
    /// What the tool does with such a file, and how to fix it.
    pub explanation: &'static str,
    /// A file (or frontmatter) that triggers the rule, and the same file fixed.
    pub bad: &'static str,
    pub good: &'static str,
}

impl Rule {
    /// Whether the rule checks files of the format `format_id`.
    pub fn applies_to(&self, format_id: &str) -> bool {
        self.formats == Formats::Listed
            && Format::named(format_id).is_some_and(|f| applies(f, self.code))
    }

    /// The formats it checks, as the docs show them.
    pub fn formats_text(&self) -> String {
        if self.formats == Formats::Configuration {
            return "agent-lsp.toml, LSP options".to_string();
        }
        let ids: Vec<&str> = Format::all()
            .filter(|f| applies(*f, self.code))
            .map(Format::id)
            .collect();
        if ids.len() == Format::all().count() {
            "all formats".to_string()
        } else {
            ids.join(", ")
        }
    }
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

    /// Every code a catalog lists is a rule, and every file rule is listed by a catalog.
    #[test]
    fn catalogs_list_rules_and_every_rule_is_listed() {
        for f in Format::all() {
            for code in &f.catalog().rules {
                assert!(
                    get(code).is_some(),
                    "{f:?} lists `{code}`, which is not a rule"
                );
            }
        }
        for r in ALL {
            let listed = Format::all().any(|f| applies(f, r.code));
            assert_eq!(
                listed,
                r.formats == Formats::Listed,
                "{}: a file rule no catalog lists, or a configuration rule one does",
                r.code
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
