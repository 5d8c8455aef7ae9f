//! The rule registry against what the analysis emits and what the docs say.

use crate::support;
use agent_lsp::analysis::file_kind::FileKind;
use agent_lsp::rules::{self, docs};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// Rules no fixture under tests/fixtures triggers, with the test that covers each.
const COVERED_ELSEWHERE: &[(&str, &str)] = &[
    (
        "file-too-large",
        "analysis::diagnostics::tests::files_over_one_mib_are_skipped_like_the_loader_does (a 1 MiB fixture is too big to commit)",
    ),
    (
        "too-many-diagnostics",
        "growth::past_the_cap_one_summary_counts_the_rest (a fixture would need 200 diagnostics)",
    ),
    (
        "mcp-server-unknown",
        "analysis::diagnostics::tests::mcp_servers_outside_the_known_list_get_a_note (needs a configuration)",
    ),
];

fn fixture_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("fixtures folder").flatten() {
        let path = entry.path();
        if path.is_dir() {
            fixture_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "md" || e == "mdc") {
            out.push(path);
        }
    }
}

/// Every fixture's diagnostics agree with the registry (code declared, default severity
/// unless the rule says when it varies, format listed), and every rule is emitted by some
/// fixture or named in COVERED_ELSEWHERE.
#[test]
fn every_rule_is_declared_and_exercised() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut files = Vec::new();
    fixture_files(&root, &mut files);
    files.sort();
    let mut seen: BTreeMap<&str, PathBuf> = BTreeMap::new();
    let mut wrong = Vec::new();
    for path in &files {
        let (_, analysis) = support::analyze_file(path);
        let format = FileKind::from_path(path).format.id();
        for d in &analysis.diagnostics {
            let Some(rule) = rules::get(d.code) else {
                wrong.push(format!(
                    "{}: `{}` is not in the registry",
                    path.display(),
                    d.code
                ));
                continue;
            };
            if d.severity != rule.severity && rule.varies.is_empty() {
                wrong.push(format!(
                    "{}: `{}` reported as {} but the registry says {} and not when it varies",
                    path.display(),
                    d.code,
                    d.severity.as_str(),
                    rule.severity.as_str()
                ));
            }
            if !rule.formats.includes(format) {
                wrong.push(format!(
                    "{}: `{}` reported on a {format} file, not among its formats",
                    path.display(),
                    d.code
                ));
            }
            seen.entry(rule.code).or_insert_with(|| path.clone());
        }
    }
    for r in rules::ALL {
        let elsewhere = COVERED_ELSEWHERE.iter().any(|(c, _)| *c == r.code);
        match (seen.contains_key(r.code), elsewhere) {
            (false, false) => wrong.push(format!(
                "`{}` is in the registry but no fixture under tests/fixtures emits it (add one, or list it in COVERED_ELSEWHERE)",
                r.code
            )),
            (true, true) => wrong.push(format!(
                "`{}` is now emitted by {}: remove it from COVERED_ELSEWHERE",
                r.code,
                seen[r.code].display()
            )),
            _ => {}
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

/// Compares a committed file with what the registry generates; rewrites it when
/// UPDATE_DOCS is set.
fn check_generated(relative: &str, generated: &str) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(relative);
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    if committed == generated {
        return;
    }
    if std::env::var_os("UPDATE_DOCS").is_some() {
        std::fs::write(&path, generated).unwrap_or_else(|e| panic!("{relative}: {e}"));
        return;
    }
    panic!(
        "{relative} differs from what the rule registry generates; regenerate it with\n    {}",
        docs::REGENERATE
    );
}

#[test]
fn docs_match_the_registry() {
    let readme_path = Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md");
    let readme = std::fs::read_to_string(readme_path).expect("README.md");
    let spliced = docs::splice_readme(&readme).unwrap_or_else(|| {
        panic!(
            "README.md lacks the rule table markers {} … {}",
            docs::README_BEGIN,
            docs::README_END
        )
    });
    check_generated("README.md", &spliced);
    check_generated("docs/rules.md", &docs::rules_markdown());
}
