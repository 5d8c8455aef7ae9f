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
