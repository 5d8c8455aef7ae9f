//! Agreement with the tools on real skills and commands (`tests/fixtures/formats-corpus/`)
//! and on the skill and command fixtures (`tests/fixtures/formats/.claude/`): every error
//! and warning is judged by the verdicts the tools gave (`ORACLE-claude-code.jsonl`,
//! `ORACLE-skills-ref.jsonl`, recorded by `scripts/skills-oracles.py`). None may be
//! contradicted; an error needs a file Claude Code does not load. The figures are the
//! README's "Formats corpus" table.

use crate::support;

use agent_lsp::analysis::{self, file_kind::FileKind, Diagnostic, Severity};
use agent_lsp::settings::Settings;
use serde_json::Value;
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

fn root(dir: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(dir)
}

/// The rows of one oracle's file, by `file`.
fn verdicts(dir: &Path, oracle: &str) -> HashMap<String, Value> {
    let text =
        std::fs::read_to_string(dir.join(format!("ORACLE-{oracle}.jsonl"))).expect("verdicts");
    text.lines()
        .filter_map(|l| serde_json::from_str::<Value>(l).ok())
        .filter_map(|v| Some((v["file"].as_str()?.to_string(), v)))
        .collect()
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Judgement {
    Supported,
    NotJudged,
    Contradicted,
}
use Judgement::*;

/// What the verdicts say of one error or warning.
fn judge(d: &Diagnostic, text: &str, cc: &Value, sr: Option<&Value>) -> Judgement {
    if d.severity == Severity::Error {
        return if cc["loaded"] == false {
            Supported
        } else {
            Contradicted
        };
    }
    let sr_errors: Vec<&str> = sr
        .and_then(|s| s["errors"].as_array())
        .map(|a| a.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default();
    // skills-ref stops at its first kind of problem: an invalid-YAML verdict masks the rest.
    let by_skills_ref = |needle: &str| match sr {
        None => NotJudged,
        Some(s) if s["valid"] == true => Contradicted,
        Some(_) if sr_errors.iter().any(|e| e.contains(needle)) => Supported,
        Some(_) => NotJudged,
    };
    let log_has = |needle: &str| {
        cc["log"].as_array().is_some_and(|l| {
            l.iter()
                .any(|x| x.as_str().is_some_and(|x| x.contains(needle)))
        })
    };
    let written = &text[d.range.clone()];
    match d.code {
        "skill-name-mismatch" if d.message.starts_with("No `name`") => {
            by_skills_ref("Missing required field in frontmatter: name")
        }
        "skill-name-mismatch" => by_skills_ref("must match skill name"),
        "skill-name-invalid" => by_skills_ref("Skill name"),
        "skill-key-not-portable" => by_skills_ref(written),
        "skill-description-missing" => by_skills_ref("description"),
        "skill-description-too-long" => by_skills_ref("Description exceeds"),
        "skill-no-frontmatter" => by_skills_ref("must start with YAML frontmatter"),
        "yaml-requoted" | "yaml-bun-only" | "yaml-tab-indent" if sr.is_some() => {
            by_skills_ref("Invalid YAML")
        }
        // On a command no other tool is named: only a retry that changes the meaning is
        // reported, which Claude Code's verdict does not show.
        "yaml-requoted" if d.message.contains("re-quote retry reads this value as") => NotJudged,
        "yaml-requoted" | "yaml-bun-only" | "yaml-tab-indent" => Contradicted,
        "argument-hint-list" => match cc["argument_hint"].as_str() {
            Some(shown) if shown == written => Contradicted,
            Some(_) => Supported,
            None => NotJudged,
        },
        "hook-event-top-level" | "hooks-invalid" | "hooks-misplaced" => {
            if log_has("[ERROR]") {
                Supported
            } else {
                Contradicted
            }
        }
        _ => NotJudged,
    }
}

#[derive(Default, Debug)]
struct Figures {
    files: usize,
    loaded: usize,
    errors: usize,
    warnings: [usize; 3],
    contradicted: Vec<String>,
}

/// Every skill and command the Claude Code verdicts name, analysed at its path.
fn agreement(dir: &Path) -> BTreeMap<&'static str, Figures> {
    let cc = verdicts(dir, "claude-code");
    let sr = verdicts(dir, "skills-ref");
    let mut out: BTreeMap<&'static str, Figures> = BTreeMap::new();
    let mut files: Vec<_> = cc.keys().collect();
    files.sort();
    for file in files {
        let path = dir.join(file);
        let kind = FileKind::from_path(&path);
        let text = support::read(&path);
        let a = analysis::analyze_file(&text, &kind, Some(&path), &Settings::default());
        let f = out.entry(kind.format.id()).or_default();
        f.files += 1;
        f.loaded += usize::from(cc[file]["loaded"] == true);
        for d in a
            .diagnostics
            .iter()
            .filter(|d| d.severity <= Severity::Warning)
        {
            let j = judge(d, &text, &cc[file], sr.get(file));
            if d.severity == Severity::Error {
                f.errors += 1;
            } else {
                f.warnings[j as usize] += 1;
            }
            if j == Contradicted {
                f.contradicted.push(format!(
                    "{file}: {} {}: {}",
                    d.severity.as_str(),
                    d.code,
                    d.message
                ));
            }
        }
        if cc[file]["loaded"] == false
            && !a.diagnostics.iter().any(|d| d.severity == Severity::Error)
        {
            f.contradicted.push(format!(
                "{file}: Claude Code does not load it, and no error says so"
            ));
        }
    }
    out
}

fn assert_agrees(dir: &str, min_files: usize) -> BTreeMap<&'static str, Figures> {
    let figures = agreement(&root(dir));
    let total: usize = figures.values().map(|f| f.files).sum();
    assert!(total >= min_files, "{dir}: {total} files judged");
    let wrong: Vec<&String> = figures.values().flat_map(|f| &f.contradicted).collect();
    assert!(
        wrong.is_empty(),
        "{} contradicted by the tools:\n{}",
        wrong.len(),
        wrong
            .iter()
            .map(|s| s.as_str())
            .collect::<Vec<_>>()
            .join("\n")
    );
    figures
}

#[test]
fn skills_and_commands_of_the_corpus_agree_with_their_tools() {
    let figures = assert_agrees("formats-corpus", 323);
    for (format, f) in &figures {
        // The README's table: format | files | loaded | errors | warnings supported / not judged.
        eprintln!(
            "| {format} | {} | {} | {} | {} ({} backed by a verdict, {} not observable) | 0 |",
            f.files,
            f.loaded,
            f.errors,
            f.warnings[0] + f.warnings[1],
            f.warnings[0],
            f.warnings[1]
        );
    }
}

#[test]
fn skill_and_command_fixtures_agree_with_their_tools() {
    let figures = assert_agrees("formats", 27);
    let supported: usize = figures.values().map(|f| f.warnings[0]).sum();
    assert!(
        supported >= 15,
        "the fixtures' warnings backed by a verdict: {supported}"
    );
}

/// Every file below `from`, copied to `to`; returns their paths relative to `from`.
fn copy_tree(from: &Path, to: &Path, rel: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(from.join(rel))
        .expect("read_dir")
        .flatten()
    {
        let r = rel.join(entry.file_name());
        if entry.path().is_dir() {
            std::fs::create_dir_all(to.join(&r)).expect("mkdir");
            copy_tree(from, to, &r, out);
        } else {
            std::fs::copy(entry.path(), to.join(&r)).expect("copy");
            out.push(r);
        }
    }
}

/// What Claude Code reads from a text: the frontmatter as its loader parses it (JSON) and
/// the body.
fn claude_code_reading(text: &str) -> (Value, String) {
    use agent_lsp::syntax::{self, reader::to_js, Dialect};
    let fm = syntax::parse_as(text, Dialect::ClaudeCode, &|_| false);
    let body = fm.split.as_ref().map_or(text, |s| &text[s.body.clone()]);
    (to_js(fm.loader_root()), body.trim().to_string())
}

/// `check --fix` on a copy of the corpus: every file it changes reads, for Claude Code,
/// exactly as before, except what a fix restores to the author's intent: an unquoted
/// `argument-hint: [file]` (a list) now reads as the text written.
#[test]
fn check_fix_on_the_corpus_changes_nothing_but_what_the_author_meant() {
    let from = root("formats-corpus");
    let to = std::env::temp_dir().join(format!("agent-lsp-formats-fix-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&to);
    let mut files = Vec::new();
    for dir in ["skill", "command"] {
        std::fs::create_dir_all(to.join(dir)).expect("mkdir");
        copy_tree(&from, &to, Path::new(dir), &mut files);
    }
    let status = std::process::Command::new(env!("CARGO_BIN_EXE_agent-lsp"))
        .args(["check", "--fix", "--format", "json"])
        .arg(&to)
        .output()
        .expect("run check --fix");
    assert!(
        status.status.code().is_some_and(|c| c <= 1),
        "check --fix failed"
    );
    let mut changed = 0;
    let mut wrong = Vec::new();
    for rel in files
        .iter()
        .filter(|f| f.extension().is_some_and(|e| e == "md"))
    {
        let before = support::read(&from.join(rel));
        let after = support::read(&to.join(rel));
        if before == after {
            continue;
        }
        changed += 1;
        let (mut meant, body) = claude_code_reading(&before);
        let hint =
            agent_lsp::syntax::parse_as(&before, agent_lsp::syntax::Dialect::ClaudeCode, &|_| {
                false
            })
            .get("argument-hint")
            .filter(|e| e.value.items().is_some())
            .map(|e| before[e.value.span.clone()].to_string());
        if let (Some(hint), Some(map)) = (hint, meant.as_object_mut()) {
            map.insert("argument-hint".into(), Value::String(hint));
        }
        let (got, got_body) = claude_code_reading(&after);
        if got != meant || got_body != body {
            wrong.push(format!(
                "{}: Claude Code reads {got} where the author meant {meant}",
                rel.display()
            ));
        }
    }
    let _ = std::fs::remove_dir_all(&to);
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    assert!(changed >= 12, "only {changed} files fixed");
    eprintln!("check --fix changed {changed} corpus files, each read as the author meant");
}
