//! Snapshot tests: every fixture file's diagnostics and fixes, rendered with the source
//! they point at. `cargo insta review` accepts intended changes.

use crate::support;

/// Snapshots every file matching `pattern` as `snapshots/<group>@<file>.snap`.
fn snapshot_all(group: &str, pattern: &str) {
    let mut settings = insta::Settings::clone_current();
    settings.set_prepend_module_to_snapshot(false);
    settings.bind(|| {
        insta::glob!("fixtures", pattern, |path| {
            let (text, analysis) = support::analyze_file(path);
            insta::assert_snapshot!(group, support::render(path, &text, &analysis));
        });
    });
}

#[test]
fn diagnostics() {
    snapshot_all("diagnostics", "diagnostics/**/*.md");
}

/// Files of the formats other than Claude Code agents, at the paths that select them.
#[test]
fn formats() {
    snapshot_all("formats", "formats/**/*.md*");
}

/// Line breaks (lone CR, CRLF, mixed), a BOM and emoji before the ranges.
#[test]
fn lines() {
    snapshot_all("lines", "lines/*.md");
}

#[test]
fn examples() {
    snapshot_all("examples", "examples/**/*.md");
}

#[test]
fn seeds() {
    snapshot_all("seeds", "corpus/seeds/*.md");
}

#[test]
fn loader_fixtures() {
    snapshot_all("loader", "corpus/loader-fixtures/f*.md");
}

/// Inputs a fuzzer once crashed the analysis with (offsets inside multi-byte characters):
/// analysis, hover and completion at every character boundary must answer, with ranges on
/// character boundaries.
#[test]
fn fuzzed_inputs_never_panic() {
    use agent_lsp::analysis::{analyze, completion, file_kind::FileKind, hover};
    use agent_lsp::settings::Settings;
    let settings = Settings::default();
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/fuzz");
    let mut n = 0;
    for entry in std::fs::read_dir(dir).expect("fuzz fixtures") {
        let text = support::read(&entry.expect("entry").path());
        n += 1;
        for kind in [
            FileKind::claude_agent(),
            FileKind::plugin_agent(std::path::Path::new("/p/plug/agents/x.md")),
        ] {
            let a = analyze(&text, &kind, &settings);
            for d in &a.diagnostics {
                assert!(
                    text.is_char_boundary(d.range.start)
                        && text.is_char_boundary(d.range.end)
                        && d.range.start <= d.range.end,
                    "{} {:?}",
                    d.code,
                    d.range
                );
            }
            for offset in (0..=text.len()).filter(|&o| text.is_char_boundary(o)) {
                let _ = hover::hover(&text, &a, offset, &settings, None);
                let _ = completion::complete(&text, &a, offset, "x", &settings);
            }
        }
    }
    assert!(n >= 10, "expected the fuzz fixtures, found {n}");
}
