//! The OpenCode and Cursor formats corpus (`tests/fixtures/formats-corpus/<format>/`, real files with their
//! licenses and manifests) against each format's own tool: no error and no warning the
//! tool's recorded verdict contradicts (`EXPECTED.jsonl` per format), and `check --fix`
//! changing nothing a tool then reads differently from what the author meant.

use crate::support;
use agent_lsp::analysis::{file_kind::FileKind, Analysis, Severity};
use agent_lsp::loader::cursor;
use agent_lsp::syntax::reader::to_js;
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Command;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/formats-corpus")
}

fn expected(format: &str) -> Vec<Value> {
    let text = support::read(&root().join(format).join("EXPECTED.jsonl"));
    text.lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(l).expect("an EXPECTED row"))
        .filter(|row: &Value| row.get("summary").is_none())
        .collect()
}

fn analyze(path: &Path) -> Analysis {
    support::analyze_file(path).1
}

/// Every `.md`/`.mdc` file below `dir`.
fn files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("a corpus folder").flatten() {
        let p = entry.path();
        if p.is_dir() {
            files(&p, out);
        } else if p.extension().is_some_and(|e| e == "md" || e == "mdc") {
            out.push(p);
        }
    }
}

/// Cursor (no loader to run): the verdicts `scripts/cursor-expected.py` derives from its
/// documentation. A warning only where a glob matches nothing or `alwaysApply` is not a
/// boolean, the manual-only note only where the rule never applies by itself, no error.
#[test]
fn cursor_rules_agree_with_the_documented_behaviour() {
    let rows = expected("cursor");
    assert_eq!(rows.len(), 110, "the whole Cursor corpus");
    let mut wrong = Vec::new();
    for row in &rows {
        let file = row["file"].as_str().expect("file");
        let a = analyze(&root().join("cursor").join(file));
        let rule = cursor::read(&a.frontmatter);
        if rule.activation.as_str() != row["activation"] {
            wrong.push(format!(
                "{file}: applies by {:?}, documented {}",
                rule.activation, row["activation"]
            ));
        }
        let dead = !row["dead_globs"].as_array().is_none_or(Vec::is_empty);
        let glob_warning = a
            .diagnostics
            .iter()
            .any(|d| d.code.starts_with("cursor-globs-") && d.severity == Severity::Warning);
        let manual_note = a.diagnostics.iter().any(|d| d.code == "cursor-manual-only");
        if dead != glob_warning || (row["applies_automatically"] == false) != manual_note {
            wrong.push(format!("{file}: {:?}", a.diagnostics));
        }
        let other = a.diagnostics.iter().filter(|d| {
            d.severity == Severity::Error
                || (d.severity == Severity::Warning && !d.code.starts_with("cursor-"))
        });
        wrong.extend(other.map(|d| format!("{file}: {} {}", d.code, d.message)));
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

/// The author's intent for a Cursor rule: patterns without their quotes and brackets,
/// `alwaysApply` as the word written.
fn cursor_intent(text: &str) -> (Vec<String>, bool) {
    let fm = agent_lsp::syntax::parse_as(text, agent_lsp::syntax::Dialect::Cursor, &|_| true);
    let strip = |p: &str| {
        p.trim()
            .trim_matches(['[', ']'])
            .trim()
            .trim_matches(['"', '\''])
            .to_string()
    };
    let rule = cursor::read(&fm);
    let mut globs: Vec<String> = rule
        .globs
        .iter()
        .map(|g| strip(g))
        .filter(|g| !g.is_empty())
        .collect();
    if let Some(items) = fm.get("globs").and_then(|e| e.value.items()) {
        globs = items.iter().map(|i| strip(&cursor::raw_value(i))).collect();
    }
    let always = fm
        .get("alwaysApply")
        .is_some_and(|e| strip(&cursor::raw_value(&e.value)) == "true");
    (globs, always)
}

/// A key renamed by a fix keeps its value: before's keys missing after must reappear
/// under a new name with the same value.
fn same_modulo_renames(before: &Value, after: &Value) -> bool {
    let (Some(b), Some(a)) = (before.as_object(), after.as_object()) else {
        return before == after;
    };
    let changed: Vec<_> = b.iter().filter(|(k, v)| a.get(*k) != Some(v)).collect();
    let added: Vec<_> = a.iter().filter(|(k, _)| !b.contains_key(*k)).collect();
    changed.len() == added.len()
        && changed
            .iter()
            .all(|(_, v)| added.iter().any(|(_, w)| w == v))
}

#[test]
fn fixes_change_nothing_a_tool_reads_differently_from_the_intent() {
    let scratch = std::env::temp_dir().join(format!("agent-lsp-fix-corpus-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&scratch);
    copy_dir(&root(), &scratch);
    let out = Command::new(env!("CARGO_BIN_EXE_agent-lsp"))
        .args(["check", "--fix", "--format", "json"])
        .arg(&scratch)
        .output()
        .expect("run check --fix");
    assert!(
        out.status.code().is_some_and(|c| c <= 1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let mut originals = Vec::new();
    files(&root(), &mut originals);
    let (mut changed, mut wrong) = (0, Vec::new());
    for original in originals {
        let rel = original.strip_prefix(root()).expect("below the corpus");
        let (before, after) = (support::read(&original), support::read(&scratch.join(rel)));
        if before == after {
            continue;
        }
        changed += 1;
        let kind = FileKind::from_path(&original);
        // The Copilot fixes (tool renames, `applyTo` lists, `mode`) are held to VS Code's
        // reading of the intent in vscode_oracle::safe_fixes_keep_vscode_reading_the_author_s_intent.
        if kind.catalog().dialect == agent_lsp::syntax::Dialect::Vscode {
            continue;
        }
        if kind.catalog().dialect == agent_lsp::syntax::Dialect::Cursor {
            let intent = cursor_intent(&before);
            let fm = agent_lsp::syntax::parse_as(&after, kind.catalog().dialect, &|_| true);
            let rule = cursor::read(&fm);
            if rule.globs != intent.0
                || !rule.dead_globs.is_empty()
                || rule.always_apply != intent.1
            {
                wrong.push(format!(
                    "{}: Cursor reads {:?}, the author meant {intent:?}",
                    rel.display(),
                    rule
                ));
            }
            continue;
        }
        let c = kind.catalog();
        let read =
            |text: &str| agent_lsp::syntax::parse_as(text, c.dialect, &|k| c.key(k).is_some());
        let (was, now) = (read(&before), read(&after));
        // A value the fix quoted is now read as the author wrote it: that is the intent.
        let mut meant = to_js(was.loader_root());
        for e in was.entries() {
            let (Some(k), Some(obj)) = (e.key.as_str(), meant.as_object_mut()) else {
                continue;
            };
            let written = before[e.value.span.clone()].trim();
            if now.get(k).and_then(|n| n.value.as_str()) == Some(written) {
                obj.insert(k.to_string(), Value::String(written.to_string()));
            }
        }
        if !same_modulo_renames(&meant, &to_js(now.loader_root())) {
            wrong.push(format!(
                "{}: {} now reads it differently",
                rel.display(),
                kind.catalog().for_tool
            ));
        }
    }
    let _ = std::fs::remove_dir_all(&scratch);
    assert!(
        changed >= 10,
        "the Cursor lists at least are fixed ({changed} files changed)"
    );
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("scratch folder");
    for entry in std::fs::read_dir(from).expect("corpus").flatten() {
        let (src, dst) = (entry.path(), to.join(entry.file_name()));
        if src.is_dir() {
            copy_dir(&src, &dst);
        } else {
            // Written anew, so the copy is writable whatever the original's mode.
            std::fs::write(&dst, std::fs::read(&src).expect("a corpus file")).expect("a copy");
        }
    }
}

/// What OpenCode's recorded verdict says of our diagnostics on one file: the ones it
/// contradicts (an error on a file whose configuration loads, a warning about something
/// OpenCode does not do) and the behaviours we miss.
fn opencode_disagreements(row: &Value, a: &Analysis) -> Vec<String> {
    let has = |code: &str| a.diagnostics.iter().any(|d| d.code == code);
    let fails = row["config_load_fails"] == true;
    let errors = a.diagnostics.iter().any(|d| d.severity == Severity::Error);
    let mut out = Vec::new();
    if fails != errors {
        out.push(format!(
            "configuration fails: OpenCode {fails}, our error {errors}"
        ));
    }
    if (row["frontmatter_dropped"] == true) != has("frontmatter-unparseable") {
        out.push(format!(
            "frontmatter dropped: OpenCode {}",
            row["frontmatter_dropped"]
        ));
    }
    let no_provider = row["model_problem"]
        .as_str()
        .is_some_and(|p| p.contains("prefix"));
    if no_provider != has("opencode-model-no-provider") {
        out.push(format!("model without provider: OpenCode {no_provider}"));
    }
    let options = &row["parsed"]["options"];
    for d in a
        .diagnostics
        .iter()
        .filter(|d| d.code == "opencode-unknown-key")
    {
        let key = d.message.split('`').nth(1).unwrap_or_default();
        if options.get(key).is_none() {
            out.push(format!("`{key}`: OpenCode does not move it into options"));
        }
    }
    let other = a.diagnostics.iter().filter(|d| {
        d.severity <= Severity::Warning
            && ![
                "invalid-value",
                "frontmatter-unparseable",
                "opencode-model-no-provider",
                "opencode-unknown-key",
            ]
            .contains(&d.code)
    });
    out.extend(other.map(|d| format!("{} {}", d.code, d.message)));
    out
}

/// Behaviours OpenCode's reader has that ours does not model, with the reason.
const OPENCODE_KNOWN: &[(&str, &str)] = &[(
    "tab-indent.md",
    "js-yaml reads the tab-indented line under `permission:` (as null, which fails the configuration); strict YAML, our reading, rejects the tab",
)];

fn opencode_agreement(rows: &[Value], base: &Path) -> (usize, Vec<String>) {
    let mut wrong = Vec::new();
    for row in rows {
        let file = row["file"].as_str().expect("file");
        if OPENCODE_KNOWN.iter().any(|(f, _)| file.ends_with(f)) {
            continue;
        }
        let a = analyze(&base.join(file));
        wrong.extend(
            opencode_disagreements(row, &a)
                .into_iter()
                .map(|w| format!("{file}: {w}")),
        );
    }
    (rows.len(), wrong)
}

/// The behaviour fixtures (`tests/fixtures/formats/.opencode/agent/`), one per rule,
/// against opencode 1.18.33's verdicts.
#[test]
fn opencode_behaviours_agree_with_opencode() {
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let text = support::read(&fixtures.join("formats/.opencode/EXPECTED-1.18.33.jsonl"));
    let rows: Vec<Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).expect("row"))
        .filter(|r: &Value| r.get("summary").is_none())
        .collect();
    let (n, wrong) = opencode_agreement(&rows, &fixtures);
    assert!(n >= 38, "{n} rows");
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

/// `inspect --all-tools`: each tool that reads the path, side by side, as printed.
#[test]
fn all_tools_view() {
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut shown = String::new();
    for file in [
        "formats/.claude/agents/read-by-two-tools.md",
        "formats/.claude/skills/pdf-tools/SKILL.md",
        "formats/.opencode/agent/permissions.md",
        "formats/.opencode/agent/mode-helper.md",
        "formats/.cursor/rules/list-globs.mdc",
        "formats/.cursor/rules/quoted-globs-manual-only.mdc",
    ] {
        for format in ["text", "json"] {
            let out = Command::new(env!("CARGO_BIN_EXE_agent-lsp"))
                .args(["inspect", "--all-tools", "--format", format, file])
                .current_dir(&fixtures)
                .output()
                .expect("run inspect --all-tools");
            assert!(out.status.success(), "{file}");
            shown.push_str(&String::from_utf8_lossy(&out.stdout));
        }
    }
    insta::assert_snapshot!("inspect_all_tools", shown);
}

/// Completion offers every key and every listed value of the OpenCode and Cursor
/// catalogs, and hover explains each of them.
#[test]
fn every_opencode_and_cursor_key_and_value_completes_and_hovers() {
    use agent_lsp::analysis::{analyze, completion::complete, hover::hover};
    use agent_lsp::settings::Settings;
    let s = Settings::default();
    let mut missing = Vec::new();
    for path in ["/p/.opencode/agent/review.md", "/p/.cursor/rules/ts.mdc"] {
        let kind = FileKind::from_path(Path::new(path));
        let at = |text: &str, offset: usize| {
            let a = analyze(text, &kind, &s);
            let items = complete(text, &a, offset, "review", &s);
            let shown = hover(text, &a, offset, &s, None).map(|h| h.markdown);
            (items, shown)
        };
        for key in &kind.catalog().keys {
            let text = "---\n\n---\nbody\n";
            let (items, _) = at(text, 4);
            if !items.iter().any(|i| i.label == key.name) {
                missing.push(format!("{path}: no completion for key `{}`", key.name));
            }
            let text = format!("---\n{}: x\n---\nbody\n", key.name);
            if at(&text, 5).1.is_none_or(|h| !h.contains(&key.name)) {
                missing.push(format!("{path}: no hover on key `{}`", key.name));
            }
            for v in &key.values {
                let text = format!("---\n{}: \n---\nbody\n", key.name);
                let (items, _) = at(&text, 4 + key.name.len() + 2);
                if !items.iter().any(|i| i.label == v.name) {
                    missing.push(format!(
                        "{path}: `{}` does not offer `{}`",
                        key.name, v.name
                    ));
                }
                let text = format!("---\n{}: {}\n---\nbody\n", key.name, v.name);
                let hovered = at(&text, 4 + key.name.len() + 3).1;
                if hovered.is_none_or(|h| !h.contains(&v.doc)) {
                    missing.push(format!("{path}: no hover on `{}: {}`", key.name, v.name));
                }
            }
        }
    }
    assert!(missing.is_empty(), "{}", missing.join("\n"));
}

/// The OpenCode corpus against opencode 1.18.33's verdicts: no error on a file whose
/// configuration loads, no warning the verdict contradicts (the README's figures).
#[test]
fn opencode_corpus_agrees_with_opencode() {
    let rows = expected("opencode");
    assert_eq!(rows.len(), 92, "the whole OpenCode corpus");
    let (_, wrong) = opencode_agreement(&rows, &root().join("opencode"));
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    let config_loads = rows
        .iter()
        .filter(|r| r["config_load_fails"] == false)
        .count();
    assert_eq!(config_loads, 92);
    let mut found = (0, 0);
    for row in &rows {
        let a = analyze(
            &root()
                .join("opencode")
                .join(row["file"].as_str().unwrap_or_default()),
        );
        found.0 += a
            .diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .count();
        found.1 += a
            .diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Warning)
            .count();
    }
    assert_eq!(found, (0, 0), "errors and warnings on the OpenCode corpus");
}
