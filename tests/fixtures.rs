//! Snapshot tests: every fixture file's diagnostics and fixes, rendered with the source
//! they point at. `cargo insta review` accepts intended changes.

mod support;

/// Snapshots every file matching `pattern` as `snapshots/<group>@<file>.snap`.
fn snapshot_all(group: &str, pattern: &str) {
    let mut settings = insta::Settings::clone_current();
    settings.set_prepend_module_to_snapshot(false);
    settings.bind(|| {
        insta::glob!("fixtures", pattern, |path| {
            let (text, analysis) = support::analyze_file(path);
            insta::assert_snapshot!(group, support::render(&text, &analysis));
        });
    });
}

#[test]
fn diagnostics() {
    snapshot_all("diagnostics", "diagnostics/**/*.md");
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
