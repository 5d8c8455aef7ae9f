//! The rule registry: every diagnostic code, declared once (in `registry.rs`) with its
//! default severity, the formats it applies to, a summary and an explanation with an
//! example. Checks emit diagnostics through these declarations (`Diagnostic::new(range,
//! rules::UNKNOWN_TOOL, msg)`); the README's rule table, `docs/rules.md` and
//! `agent-lsp explain` are generated from them (`docs.rs`), and configuration naming a
//! code is validated against them (`config.rs`).

pub mod docs;
mod registry;

pub use registry::*;

/// How loud a diagnostic is. Catalogs name one for an unreadable frontmatter.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
    Info,
    Hint,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
            Severity::Hint => "hint",
        }
    }
}

/// The formats a rule checks, by catalog format id (`server/catalog/<id>.toml`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Formats {
    /// Every format agent-lsp reads.
    All,
    Only(&'static [&'static str]),
    /// No format: agent-lsp's own configuration (`agent-lsp.toml`, the LSP options).
    Configuration,
}

impl Formats {
    pub fn includes(self, format_id: &str) -> bool {
        match self {
            Formats::All => true,
            Formats::Only(ids) => ids.contains(&format_id),
            Formats::Configuration => false,
        }
    }

    /// As the docs show it.
    pub fn describe(self) -> String {
        match self {
            Formats::All => "all formats".to_string(),
            Formats::Only(ids) => ids.join(", "),
            Formats::Configuration => "agent-lsp.toml, LSP options".to_string(),
        }
    }
}

/// Claude Code subagents, project and plugin ones (the only format with agent rules).
pub const CLAUDE_AGENT: Formats = Formats::Only(&["claude-code-agent"]);

/// The formats Claude Code reads (its dialect re-quotes; see each catalog's `dialect`).
pub const CLAUDE_CODE: Formats = Formats::Only(&[
    "claude-code-agent",
    "claude-code-command",
    "claude-code-skill",
]);

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

    #[test]
    fn formats_name_catalog_formats() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("server/catalog");
        for r in ALL {
            if let Formats::Only(fs) = r.formats {
                for f in fs {
                    assert!(
                        dir.join(format!("{f}.toml")).is_file(),
                        "{}: unknown format {f}",
                        r.code
                    );
                }
            }
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
