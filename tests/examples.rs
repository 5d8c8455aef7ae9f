//! `<example>` blocks: the `|` rewrite leaves agents Claude Code loads with the text
//! their authors wrote, every fix does what it says, the seeds' well-formed examples
//! get nothing above info, and hover and completion show and write examples.

use crate::support;

use agent_lsp::analysis::{
    self, completion, examples, file_kind::FileKind, hover, Analysis, Diagnostic, Severity,
};
use agent_lsp::settings::Settings;
use agent_lsp::syntax::{Mode, Style};
use std::path::{Path, PathBuf};

const REWRITE: &str = "Rewrite the description as a `|` block with real line breaks";

/// The codes of the example rules (the unparseable raw-lines error belongs to the
/// frontmatter rules, which these rules only extend).
fn is_example_rule(code: &str) -> bool {
    code.starts_with("example") || code.starts_with("commentary") || code == "description-style"
}

fn files(dir: &str, pattern: &str) -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(dir);
    let mut out: Vec<PathBuf> = std::fs::read_dir(&root)
        .unwrap()
        .flat_map(|e| {
            let p = e.unwrap().path();
            if p.is_dir() {
                std::fs::read_dir(&p)
                    .unwrap()
                    .map(|e| e.unwrap().path())
                    .collect::<Vec<_>>()
            } else {
                vec![p]
            }
        })
        .filter(|p| {
            p.file_name().unwrap().to_string_lossy().contains(pattern)
                && p.extension().is_some_and(|e| e == "md")
        })
        .collect();
    out.sort();
    out
}

/// Every Claude Code agent of the corpus, and the example fixtures.
fn agent_files() -> Vec<PathBuf> {
    let mut all = files("corpus/claude-agents", "");
    all.extend(files("corpus/seeds", ""));
    all.extend(files("corpus/loader-fixtures", "f"));
    all.extend(files("examples", ""));
    all
}

fn rewrite_of(a: &Analysis) -> Option<&agent_lsp::analysis::Fix> {
    a.diagnostics
        .iter()
        .flat_map(|d| &d.fixes)
        .find(|f| f.title == REWRITE)
}

/// The description the author meant, computed independently of the analysis: the
/// description line and the raw lines after it up to the next key, joined by newlines
/// (continuation indentation removed), quotes dropped, `\n` escapes converted.
fn intended_from_raw_lines(text: &str) -> String {
    let lines: Vec<&str> = text.lines().collect();
    let first = lines
        .iter()
        .position(|l| l.starts_with("description:"))
        .unwrap();
    let known = ["name:", "model:", "color:", "tools:", "---"];
    let mut taken = vec![lines[first]["description:".len()..].trim()];
    for l in &lines[first + 1..] {
        if known.iter().any(|k| l.starts_with(k)) {
            break;
        }
        taken.push(l);
    }
    while taken.last().is_some_and(|l| l.trim().is_empty()) {
        taken.pop();
    }
    let indent = taken[1..]
        .iter()
        .filter(|l| !l.trim().is_empty())
        .map(|l| l.len() - l.trim_start().len())
        .min()
        .unwrap_or(0);
    let joined: Vec<&str> = taken
        .iter()
        .enumerate()
        .map(|(i, l)| {
            if i == 0 || l.len() < indent {
                l.trim_start()
            } else {
                &l[indent..]
            }
        })
        .collect();
    let mut s = joined.join("\n");
    if s.starts_with('"') && s.ends_with('"') {
        s = s[1..s.len() - 1].replace("\\\"", "\"");
    }
    s.replace("\\n", "\n")
}

fn squeeze(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn the_rewrite_loads_every_file_with_the_description_its_author_wrote() {
    let mut rewritten = 0;
    for path in agent_files() {
        let (text, before) = support::analyze_file(&path);
        let Some(fix) = rewrite_of(&before) else {
            continue;
        };
        rewritten += 1;
        let after_text = support::apply(&text, &fix.edits);
        let after = analysis::analyze(
            &after_text,
            &FileKind::from_path(&path),
            &Settings::default(),
        );
        let name = path.display();
        let loaded = after.loaded.as_ref().unwrap();
        assert!(
            loaded.loads(),
            "{name}: does not load after the rewrite:\n{after_text}"
        );
        let root = after.frontmatter.loader_root().unwrap();
        assert_eq!(
            root.get("description").unwrap().value.style(),
            Some(Style::Literal),
            "{name}"
        );
        // Strict YAML unless another line (not the description) needs the re-quote pass.
        if after.frontmatter.mode == Mode::Requoted {
            let d = root.get("description").unwrap().value.span.clone();
            assert!(
                after
                    .frontmatter
                    .rewrites
                    .iter()
                    .all(|r| r.line.end < d.start || r.line.start > d.end),
                "{name}"
            );
        }
        let now = loaded.description.clone().unwrap();
        let was = before.loaded.as_ref().unwrap();
        let lost_examples = before
            .diagnostics
            .iter()
            .any(|d| d.code == "example-line-becomes-key" || d.code == "frontmatter-unparseable");
        if lost_examples {
            assert_eq!(
                now,
                intended_from_raw_lines(&text),
                "{name}: not the description the author wrote"
            );
            assert_eq!(
                now.matches("<example>").count(),
                text.matches("<example>").count(),
                "{name}: an example was lost"
            );
        } else if before
            .diagnostics
            .iter()
            .any(|d| d.code == "example-flattened")
        {
            assert_eq!(
                squeeze(&now),
                squeeze(was.description.as_deref().unwrap()),
                "{name}: text changed beyond line breaks"
            );
            assert!(
                now.contains("\n<example>") || now.contains("\n  <example>"),
                "{name}: still flat:\n{now}"
            );
        } else {
            assert_eq!(
                Some(now.as_str()),
                was.description.as_deref(),
                "{name}: the effective description changed"
            );
        }
        // Nothing left to rewrite, and no example rule above info on the result beyond
        // what the examples themselves hold.
        assert!(
            rewrite_of(&after).is_none(),
            "{name}: offers the rewrite again"
        );
        assert!(
            !after
                .diagnostics
                .iter()
                .any(|d| d.severity == Severity::Error),
            "{name}: {:?}",
            after.diagnostics
        );
    }
    assert!(rewritten >= 12, "only {rewritten} files rewritten");
}

#[test]
fn the_corpus_f02_fixture_loads_after_check_fix_as_inspect_sees_it() {
    let bin = env!("CARGO_BIN_EXE_agent-lsp");
    let dir = std::env::temp_dir().join(format!("agent-lsp-examples-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let cases = [
        ("corpus/loader-fixtures/f02-multiline-plain-examples.md", 1),
        ("examples/form-raw-lines.md", 2),
        ("examples/form-mixed.md", 2),
        ("examples/form-mixed-context-first.md", 2),
        ("examples/form-cut-by-keys.md", 2),
    ];
    for (file, examples) in cases {
        let src = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures")
            .join(file);
        let copy = dir.join(src.file_name().unwrap());
        std::fs::copy(&src, &copy).unwrap();
        let status = std::process::Command::new(bin)
            .args(["check", "--fix"])
            .arg(&copy)
            .output()
            .unwrap();
        assert!(
            status.status.success(),
            "{file}: {}",
            String::from_utf8_lossy(&status.stdout)
        );
        let out = std::process::Command::new(bin)
            .arg("inspect")
            .arg(&copy)
            .args(["--format", "json"])
            .output()
            .unwrap();
        let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(report["loads"], true, "{file}: {report}");
        assert_eq!(report["frontmatter"], "strict", "{file}: {report}");
        let description = report["description"].as_str().unwrap();
        assert_eq!(
            description.matches("<example>").count(),
            examples,
            "{file}: {description}"
        );
        assert_eq!(
            description,
            intended_from_raw_lines(&support::read(&src)),
            "{file}"
        );
    }
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn no_example_diagnostic_above_info_on_the_seeds() {
    for path in files("corpus/seeds", "") {
        let (_, a) = support::analyze_file(&path);
        let loud: Vec<&Diagnostic> = a
            .diagnostics
            .iter()
            .filter(|d| is_example_rule(d.code) && d.severity < Severity::Info)
            .collect();
        assert!(loud.is_empty(), "{}: {loud:?}", path.display());
    }
}

#[test]
fn example_warnings_on_the_corpus_are_only_real_defects() {
    let mut found = Vec::new();
    for path in files("corpus/claude-agents", "")
        .into_iter()
        .chain(files("corpus/seeds", ""))
        .chain(files("corpus/loader-fixtures", "f"))
    {
        let (_, a) = support::analyze_file(&path);
        let loads = a.loaded.as_ref().is_some_and(|l| l.loads());
        for d in a.diagnostics.iter().filter(|d| is_example_rule(d.code)) {
            assert!(
                !(loads && d.severity == Severity::Error),
                "{}: error on a loading agent: {d:?}",
                path.display()
            );
            if d.severity <= Severity::Warning {
                found.push(format!(
                    "{} {}",
                    path.file_name().unwrap().to_string_lossy(),
                    d.code
                ));
            }
        }
    }
    // f04's only example has a user turn and no assistant turn.
    assert_eq!(found, ["f04-quoted-escapes.md example-no-assistant"]);
}

#[test]
fn every_fix_of_an_example_rule_repairs_what_it_reports() {
    for path in files("examples", "") {
        let (text, before) = support::analyze_file(&path);
        let kind = FileKind::from_path(&path);
        for d in before
            .diagnostics
            .iter()
            .filter(|d| is_example_rule(d.code))
        {
            for fix in &d.fixes {
                let fixed = support::apply(&text, &fix.edits);
                let after = analysis::analyze(&fixed, &kind, &Settings::default());
                let count =
                    |a: &Analysis| a.diagnostics.iter().filter(|x| x.code == d.code).count();
                assert!(
                    count(&after) < count(&before),
                    "{}: `{}` did not repair {}:\n{fixed}",
                    path.display(),
                    fix.title,
                    d.code
                );
                let loads = |a: &Analysis| a.loaded.as_ref().is_some_and(|l| l.loads());
                assert!(
                    loads(&after) || !loads(&before),
                    "{}: `{}` broke loading",
                    path.display(),
                    fix.title
                );
            }
        }
    }
}

fn fixture(name: &str) -> (PathBuf, String, Analysis) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/examples")
        .join(name);
    let (text, a) = support::analyze_file(&path);
    (path, text, a)
}

#[test]
fn closing_tags_land_where_the_model_needs_them() {
    let fixed_by = |name: &str, code: &str| {
        let (_, text, a) = fixture(name);
        let d = a.diagnostics.iter().find(|d| d.code == code).unwrap();
        support::apply(&text, &d.fixes[0].edits)
    };
    // An escaped newline before the tag, in the form the description uses.
    let t = fixed_by("unclosed-example.md", "example-unclosed");
    assert!(
        t.contains(r#"assistant: "I'll use the data-migrator agent."\n</example>\n- <example>"#),
        "{t}"
    );
    let t = fixed_by("form-double-quoted.md", "example-unclosed");
    assert!(
        t.contains(r#"assistant: \"I'll use the db-tuner agent.\"\n</example>\n\n<example>"#),
        "{t}"
    );
    // In a `|` block: a line of its own, indented, before the next turn.
    let t = fixed_by("form-literal.md", "commentary-unclosed");
    assert!(
        t.contains("the tests with the test-runner agent.\n  </commentary>\n  assistant:"),
        "{t}"
    );
    let t = fixed_by("commentary-tags.md", "commentary-unclosed");
    assert!(
        t.contains("A bulk update.\n  </commentary>\n  </example>"),
        "{t}"
    );
}

#[test]
fn ranges_land_on_the_source_characters() {
    let (_, text, a) = fixture("form-double-quoted.md");
    let d = a
        .diagnostics
        .iter()
        .find(|d| d.code == "example-unclosed")
        .unwrap();
    assert_eq!(&text[d.range.clone()], "<example>");
    let (_, text, a) = fixture("turns.md");
    let d = a
        .diagnostics
        .iter()
        .find(|d| d.code == "example-assistant-first")
        .unwrap();
    assert_eq!(&text[d.range.clone()], "assistant:");
    let (_, text, a) = fixture("text-between.md");
    let d = a
        .diagnostics
        .iter()
        .find(|d| d.code == "example-text-between")
        .unwrap();
    assert_eq!(&text[d.range.clone()], "Another example follows.");
    let d = a
        .diagnostics
        .iter()
        .rfind(|d| d.code == "example-text-between")
        .unwrap();
    assert_eq!(
        &text[d.range.clone()],
        r#"assistant: "I'll use the sql-writer agent carefully.""#
    );
}

#[test]
fn plugin_agents_keep_escapes_and_the_rewrite_gives_them_line_breaks() {
    let text = "---\nname: p\ndescription: Use this agent when X.\\n<example>\\nuser: \"a\"\\nassistant: \"I'll use the p agent\"\\n</example>\n---\nbody\n";
    let kind = FileKind::plugin_agent(Path::new("/x/my-plugin/agents/p.md"));
    let a = analysis::analyze(text, &kind, &Settings::default());
    let d = a
        .diagnostics
        .iter()
        .find(|d| d.code == "example-flattened")
        .unwrap();
    assert!(d.message.contains("Plugin agents"), "{}", d.message);
    // The pairs still separate the turns: only the flattening is reported.
    let codes: Vec<&str> = a
        .diagnostics
        .iter()
        .map(|d| d.code)
        .filter(|c| c.starts_with("example"))
        .collect();
    assert_eq!(codes, ["example-flattened"]);
    assert_eq!(&text[d.range.clone()], "<example>");
    let fixed = support::apply(text, &d.fixes[0].edits);
    let after = analysis::analyze(&fixed, &kind, &Settings::default());
    let loaded = after.loaded.unwrap().description.unwrap();
    assert_eq!(loaded, "Use this agent when X.\n<example>\nuser: \"a\"\nassistant: \"I'll use the p agent\"\n</example>");
}

#[test]
fn hover_shows_the_example_as_the_model_reads_it() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/corpus/seeds/000_ef3806f22e6a0cdf.md");
    let (text, a) = support::analyze_file(&path);
    let at = text.find("Database optimization").unwrap();
    let h = hover::hover(&text, &a, at, &Settings::default(), None).unwrap();
    assert!(
        h.markdown.starts_with("**Example 2 of 2**"),
        "{}",
        h.markdown
    );
    assert!(
        h.markdown.contains("- **Context:** Database optimization"),
        "{}",
        h.markdown
    );
    assert!(
        h.markdown
            .contains("- **user:** \"Our queries are getting slow as we scale\""),
        "{}",
        h.markdown
    );
    assert!(
        h.markdown
            .contains("- **assistant:** \"I'll use the backend-architect agent"),
        "{}",
        h.markdown
    );
    assert!(
        text[h.range.clone()].starts_with("<example>")
            && text[h.range.clone()].ends_with("</example>")
    );

    let (_, text, a) = fixture("form-folded.md");
    let h = hover::hover(
        &text,
        &a,
        text.find("v2.0 was").unwrap(),
        &Settings::default(),
        None,
    )
    .unwrap();
    assert!(
        h.markdown.contains("line breaks are lost"),
        "{}",
        h.markdown
    );
    let (_, text, a) = fixture("form-cut-by-keys.md");
    let h = hover::hover(
        &text,
        &a,
        text.find("Store passwords").unwrap(),
        &Settings::default(),
        None,
    )
    .unwrap();
    assert!(
        h.markdown.starts_with("**Example 2 of 2**") && h.markdown.contains("model gets only"),
        "{}",
        h.markdown
    );
    let (_, text, a) = fixture("form-raw-lines.md");
    let h = hover::hover(
        &text,
        &a,
        text.find("Validation was").unwrap(),
        &Settings::default(),
        None,
    )
    .unwrap();
    assert!(
        h.markdown
            .contains("- *commentary:* Validation was requested explicitly.")
            && h.markdown.contains("does not load"),
        "{}",
        h.markdown
    );
    // Outside the examples, the description's own hover.
    let (_, text, a) = fixture("form-literal.md");
    assert!(examples::hover(&a, text.find("Use this agent").unwrap()).is_none());
}

#[test]
fn completion_writes_an_example_in_the_description_form() {
    let complete = |text: &str, after: &str| {
        let a = analysis::analyze(
            text,
            &FileKind::from_path(Path::new("/p/.claude/agents/x.md")),
            &Settings::default(),
        );
        let offset = text.find(after).unwrap() + after.len();
        completion::complete(text, &a, offset, "x", &Settings::default())
    };
    let one_line = "---\nname: log-reader\ndescription: Use this agent when logs matter.\\n\\n<ex\n---\nbody\n";
    let items = complete(one_line, "<ex");
    assert_eq!(items.len(), 1);
    let item = &items[0];
    assert_eq!(&one_line[item.replace.clone()], "<ex");
    assert!(
        item.insert.starts_with("<example>\\\\nContext: ${1:"),
        "{}",
        item.insert
    );
    assert!(
        item.insert.contains("launch the log-reader agent"),
        "{}",
        item.insert
    );
    assert!(!item.insert.contains('\n'));

    let block = "---\nname: log-reader\ndescription: |\n  Use this agent when logs matter.\n  <\n---\nbody\n";
    let items = complete(block, "  <");
    assert!(
        items[0].insert.contains("\n  user: \"${2:"),
        "{}",
        items[0].insert
    );

    let quoted = "---\nname: log-reader\ndescription: \"Use this agent when logs matter. <exa\"\n---\nbody\n";
    let items = complete(quoted, "<exa");
    assert!(
        items[0].insert.contains("user: \\\"${2:"),
        "{}",
        items[0].insert
    );
    // Elsewhere, the ordinary completion.
    assert!(complete(block, "name: log")
        .iter()
        .all(|i| i.label != "<example>"));
}
