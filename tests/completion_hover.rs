//! Table-driven tests of completion and hover: each case is a file with a `$0` cursor
//! marker and what the cursor must offer or show. Every case also runs at the positions
//! a UTF-8 and a UTF-16 client would send, and checks that the replace range converts
//! back to the same bytes in both.

use agent_lsp::analysis::completion::{complete, Item};
use agent_lsp::analysis::file_kind::FileKind;
use agent_lsp::analysis::hover::hover;
use agent_lsp::analysis::{analyze_file, Analysis};
use agent_lsp::settings::{Config, Settings};
use agent_lsp::text::{offset_of, position_of, Encoding};
use agent_lsp::workspace::{Fact, FactKind, McpServers, Scope, Span, Workspace};
use ropey::Rope;
use std::path::Path;

const AGENT: &str = "/p/.claude/agents/code-reviewer.md";

fn fact(kind: FactKind, name: &str, doc: &str, file: &str) -> Fact {
    Fact {
        kind,
        name: name.into(),
        doc: Some(doc.into()),
        file: Path::new(file).into(),
        span: Span::default(),
        scope: Scope::default(),
    }
}

/// A workspace with an MCP server, a skill and an agent, and a configured tool and model.
fn settings() -> Settings {
    let facts = vec![
        fact(
            FactKind::McpServer,
            "github",
            "MCP server from `.mcp.json`: runs `gh-mcp`",
            "/p/.mcp.json",
        ),
        fact(
            FactKind::Skill,
            "pdf-tools",
            "Work with PDF files",
            "/p/.claude/skills/pdf-tools/SKILL.md",
        ),
        fact(
            FactKind::Agent,
            "reviewer",
            "Reviews code",
            "/p/.claude/agents/reviewer.md",
        ),
    ];
    let ws = Workspace::new(Some("/p".into()), facts, McpServers::Listed, Vec::new());
    let config = Config::from_toml(
        "tools = [{ name = \"Deploy\", doc = \"Ships it.\" }]\nmodels = [\"my-proxy\"]\n",
    )
    .expect("config");
    Settings::new([config], ws)
}

/// The text without its `$0` marker, and the marker's byte offset.
fn cursor(fixture: &str) -> (String, usize) {
    let at = fixture.find("$0").expect("fixture has a $0 cursor");
    (fixture.replacen("$0", "", 1), at)
}

fn analysis_of(path: &str, text: &str, s: &Settings) -> Analysis {
    let path = Path::new(path);
    analyze_file(text, &FileKind::from_path(path), Some(path), s)
}

fn stem(path: &str) -> String {
    Path::new(path)
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// The byte offset a client in `enc` sends for `offset`, after a round trip through its
/// line/column position.
fn via(rope: &Rope, offset: usize, enc: Encoding) -> usize {
    offset_of(rope, position_of(rope, offset, enc), enc)
}

/// Completion at the cursor, checked to be the same in both encodings.
fn items_at(path: &str, fixture: &str) -> (String, Vec<Item>) {
    let (text, at) = cursor(fixture);
    let s = settings();
    let a = analysis_of(path, &text, &s);
    let rope = Rope::from_str(&text);
    let mut answers = Vec::new();
    for enc in [Encoding::Utf8, Encoding::Utf16] {
        let offset = via(&rope, at, enc);
        assert_eq!(offset, at, "{enc:?}: the cursor survives the round trip");
        let items = complete(&text, &a, offset, &stem(path), &s);
        for it in &items {
            for end in [it.replace.start, it.replace.end] {
                assert_eq!(
                    via(&rope, end, enc),
                    end,
                    "{enc:?}: replace range of {} converts exactly",
                    it.label
                );
            }
        }
        answers.push(items);
    }
    assert_eq!(answers[0], answers[1]);
    (text, answers.remove(0))
}

fn apply(text: &str, it: &Item) -> String {
    let mut out = text.to_string();
    out.replace_range(it.replace.clone(), &it.insert);
    out
}

struct Completion {
    path: &'static str,
    fixture: &'static str,
    pick: &'static str,
    /// The line of the cursor after the item is applied.
    line: &'static str,
    absent: &'static [&'static str],
}

const FM: &str = "---\nname: code-reviewer\ndescription: Reviews code\n";

fn completion_cases() -> Vec<Completion> {
    let c = |path, fixture, pick, line, absent| Completion {
        path,
        fixture,
        pick,
        line,
        absent,
    };
    vec![
        // Keys: a snippet for the value shape, keys already present are not offered.
        c(
            AGENT,
            "mo$0",
            "model",
            "model: ${1|inherit,sonnet,opus,haiku,fable|}",
            &["name", "description"],
        ),
        c(
            AGENT,
            "$0",
            "tools",
            "tools: ${1:Read, Grep, Glob}",
            &["name"],
        ),
        c(AGENT, "hoo$0", "hooks", "hooks:", &[]),
        // Mid-word with a colon after: the key name only, the whole word replaced.
        c(AGENT, "col$0r: red", "color", "color: red", &[]),
        // Enums at the end of the line, mid-word, and right after the colon.
        c(AGENT, "color: bl$0", "blue", "color: blue", &[]),
        c(AGENT, "color:$0", "cyan", "color: cyan", &[]),
        c(
            AGENT,
            "permissionMode: acc$0Ed",
            "acceptEdits",
            "permissionMode: acceptEdits",
            &[],
        ),
        c(AGENT, "effort: hi$0", "high", "effort: high", &[]),
        c(AGENT, "memory: $0", "project", "memory: project", &[]),
        c(
            AGENT,
            "isolation: w$0",
            "worktree",
            "isolation: worktree",
            &[],
        ),
        c(AGENT, "background: $0", "true", "background: true", &[]),
        c(
            AGENT,
            "omitClaudeMd: f$0",
            "false",
            "omitClaudeMd: false",
            &[],
        ),
        c(AGENT, "color: \"gr$0\"", "green", "color: \"green\"", &[]),
        // Models: aliases, full IDs, configured models.
        c(AGENT, "model: son$0", "sonnet", "model: sonnet", &[]),
        c(
            AGENT,
            "model: claude-op$0",
            "claude-opus-4-5",
            "model: claude-opus-4-5",
            &[],
        ),
        c(AGENT, "model: my$0", "my-proxy", "model: my-proxy", &[]),
        // Tool lists: comma strings, flow lists, block lists; listed names skipped.
        c(
            AGENT,
            "tools: Read, Gr$0",
            "Grep",
            "tools: Read, Grep",
            &["Read"],
        ),
        c(
            AGENT,
            "tools: Read,$0",
            "Glob",
            "tools: Read, Glob",
            &["Read"],
        ),
        c(
            AGENT,
            "tools: Read Gr$0ep, Bash",
            "Grep",
            "tools: Read Grep, Bash",
            &["Read", "Bash"],
        ),
        c(
            AGENT,
            "tools: [Read, Gl$0]",
            "Glob",
            "tools: [Read, Glob]",
            &["Read"],
        ),
        c(
            AGENT,
            "tools: \"Read, We$0\"",
            "WebFetch",
            "tools: \"Read, WebFetch\"",
            &["Read"],
        ),
        c(
            AGENT,
            "tools:\n  - Read\n  - Ed$0",
            "Edit",
            "  - Edit",
            &["Read"],
        ),
        c(
            AGENT,
            "tools:\n  - Read\n  -$0",
            "Write",
            "  - Write",
            &["Read"],
        ),
        c(
            AGENT,
            "tools: Bash(git log:*), $0",
            "Grep",
            "tools: Bash(git log:*), Grep",
            &["Bash", "TaskOutput", "MultiEdit"],
        ),
        c(AGENT, "tools: Dep$0", "Deploy", "tools: Deploy", &[]),
        c(
            AGENT,
            "tools: Read, mcp$0",
            "mcp__github__",
            "tools: Read, mcp__github__${1:*}",
            &[],
        ),
        c(
            AGENT,
            "disallowedTools: Wr$0",
            "Write",
            "disallowedTools: Write",
            &[],
        ),
        // Agent(…) offers agent types, skipping those already in the parentheses.
        c(
            AGENT,
            "tools: Agent(rev$0)",
            "reviewer",
            "tools: Agent(reviewer)",
            &["Read"],
        ),
        c(
            AGENT,
            "tools: Agent(reviewer, $0)",
            "Explore",
            "tools: Agent(reviewer, Explore)",
            &["reviewer"],
        ),
        // Skills and MCP servers from the workspace.
        c(
            AGENT,
            "skills: pdf$0",
            "pdf-tools",
            "skills: pdf-tools",
            &[],
        ),
        c(AGENT, "skills:\n  - $0", "pdf-tools", "  - pdf-tools", &[]),
        c(AGENT, "mcpServers:\n  - gi$0", "github", "  - github", &[]),
        c(
            AGENT,
            "observer: rev$0",
            "reviewer",
            "observer: reviewer",
            &[],
        ),
        // Emoji before the cursor: byte and UTF-16 columns differ.
        c(
            AGENT,
            "skills: 😀-notes, pdf$0",
            "pdf-tools",
            "skills: 😀-notes, pdf-tools",
            &[],
        ),
        c(
            AGENT,
            "tools: [\"😀\", Gr$0]",
            "Grep",
            "tools: [\"😀\", Grep]",
            &[],
        ),
        // Hooks: events under `hooks:`, handler types after `type:`.
        c(
            AGENT,
            "hooks:\n  PreTo$0",
            "PreToolUse",
            "  PreToolUse:",
            &[],
        ),
        c(
            AGENT,
            "hooks:\n  Stop:\n    - hooks:\n        - type: c$0",
            "command",
            "        - type: command",
            &[],
        ),
        // Other formats, from their own catalogs.
        c(
            "/p/.claude/commands/ship.md",
            "allowed-tools: Read, Ba$0",
            "Bash",
            "allowed-tools: Read, Bash",
            &["Read"],
        ),
        c(
            "/p/.claude/commands/ship.md",
            "context: f$0",
            "fork",
            "context: fork",
            &[],
        ),
        c(
            "/p/.claude/commands/ship.md",
            "agent: Exp$0",
            "Explore",
            "agent: Explore",
            &[],
        ),
        c(
            "/p/.claude/skills/pdf/SKILL.md",
            "when$0",
            "when_to_use",
            "when_to_use: ${1:Use when …}",
            &[],
        ),
        c(
            "/p/.github/agents/plan.agent.md",
            "target:$0",
            "vscode",
            "target: vscode",
            &[],
        ),
        c(
            "/p/.github/agents/plan.agent.md",
            "tools: [search, ed$0]",
            "edit",
            "tools: [search, edit]",
            &["search"],
        ),
        c(
            "/p/.github/prompts/fix.prompt.md",
            "agent: $0",
            "plan",
            "agent: plan",
            &[],
        ),
        c(
            "/p/.opencode/agent/review.md",
            "mode: sub$0",
            "subagent",
            "mode: subagent",
            &[],
        ),
        c(
            "/p/.cursor/rules/ts.mdc",
            "alwaysApply: $0",
            "true",
            "alwaysApply: true",
            &[],
        ),
        c(
            "/p/.github/instructions/ts.instructions.md",
            "apply$0",
            "applyTo",
            "applyTo: \"${1:**/*.ts}\"",
            &[],
        ),
    ]
}

#[test]
fn completion_table() {
    let mut failures = Vec::new();
    for case in completion_cases() {
        let fixture = format!("{FM}{}\n---\nbody\n", case.fixture);
        let (text, items) = items_at(case.path, &fixture);
        let labels: Vec<&str> = items.iter().map(|i| i.label.as_str()).collect();
        let Some(item) = items.iter().find(|i| i.label == case.pick) else {
            failures.push(format!(
                "{:?}: no `{}` among {labels:?}",
                case.fixture, case.pick
            ));
            continue;
        };
        let after = apply(&text, item);
        let cursor_line = after[..item.replace.start].matches('\n').count();
        let got = after.lines().nth(cursor_line).unwrap_or_default();
        if got != case.line {
            failures.push(format!(
                "{:?}: `{}` gives {got:?}, want {:?}",
                case.fixture, case.pick, case.line
            ));
        }
        for a in case.absent {
            if labels.contains(a) {
                failures.push(format!("{:?}: `{a}` should not be offered", case.fixture));
            }
        }
        if item.documentation.as_deref().is_none_or(str::is_empty) {
            failures.push(format!(
                "{:?}: `{}` has no documentation",
                case.fixture, case.pick
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// A path of each format.
const EVERY_FORMAT: [&str; 9] = [
    AGENT,
    "/p/.claude/commands/x.md",
    "/p/.claude/skills/x/SKILL.md",
    "/p/x.agent.md",
    "/p/x.prompt.md",
    "/p/x.instructions.md",
    "/p/.github/skills/x/SKILL.md",
    "/p/.opencode/agent/x.md",
    "/p/.cursor/rules/x.mdc",
];

#[test]
fn every_key_of_every_format_is_offered_in_an_empty_frontmatter() {
    for path in EVERY_FORMAT {
        let (text, items) = items_at(path, "---\n$0\n---\n");
        let a = analysis_of(path, &text, &settings());
        for k in &a.catalog.keys {
            assert!(
                items.iter().any(|i| i.label == k.name),
                "{path}: key {} not offered",
                k.name
            );
        }
    }
}

#[test]
fn the_opening_fence_of_a_skill_or_command_names_its_slash_command() {
    let s = settings();
    for (path, name) in [
        (
            "/p/.claude/commands/team/deploy/staging.md",
            "/team:deploy:staging",
        ),
        ("/p/.claude/skills/pdf-tools/SKILL.md", "/pdf-tools"),
    ] {
        let text = "---\ndescription: d\n---\nbody\n";
        let a = analysis_of(path, text, &s);
        let h = hover(text, &a, 1, &s, None).expect("hover on the fence");
        assert_eq!(&text[h.range.clone()], "---");
        assert!(h.markdown.contains(&format!("`{name}`")), "{}", h.markdown);
    }
    let a = analysis_of(AGENT, "---\nname: x\n---\n", &s);
    assert!(
        hover("---\nname: x\n---\n", &a, 1, &s, None).is_none(),
        "agents are not slash commands"
    );
}

#[test]
fn every_enum_value_is_offered_with_its_doc() {
    for path in EVERY_FORMAT {
        let a = analysis_of(path, "", &settings());
        for k in a
            .catalog
            .keys
            .iter()
            .filter(|k| !k.values.is_empty() && !k.is_list())
        {
            let (_, items) = items_at(path, &format!("---\n{}: $0\n---\n", k.name));
            for v in &k.values {
                let it = items.iter().find(|i| i.label == v.name);
                assert!(
                    it.is_some_and(|i| i.documentation.as_deref() == Some(v.doc.as_str())),
                    "{path}: {}: {}",
                    k.name,
                    v.name
                );
            }
        }
    }
}

#[test]
fn whole_frontmatter_in_an_empty_file() {
    let (text, items) = items_at("/p/.claude/agents/Code Reviewer.md", "$0");
    let it = items.first().expect("a snippet");
    let after = apply(&text, it);
    assert!(
        after.starts_with("---\nname: ${1:code-reviewer}\ndescription: "),
        "{after}"
    );
    assert!(after.contains("\n---\n\n${0:You are …}"), "{after}");
    // Typing the fence, with a body already there: the block only, the fence replaced.
    let (text, items) = items_at(AGENT, "--$0\nExisting prompt\n");
    let after = apply(&text, &items[0]);
    assert!(
        after.starts_with("---\nname: ${1:code-reviewer}\n"),
        "{after}"
    );
    assert!(after.ends_with("---\n\nExisting prompt\n"), "{after}");
    // Nothing on a later line or inside a body.
    let (_, items) = items_at(AGENT, "hello\n$0");
    assert!(items.is_empty());
}

#[test]
fn nothing_outside_the_frontmatter() {
    let (_, items) = items_at(AGENT, "---\nname: x\n---\nbody mo$0\n");
    assert!(items.is_empty());
    let (_, items) = items_at(AGENT, "---\nname: x\n$0---\nbody\n");
    assert!(items.is_empty(), "not on the closing fence");
}

struct HoverCase {
    path: &'static str,
    fixture: &'static str,
    /// What the hovered range covers.
    covers: &'static str,
    says: &'static [&'static str],
}

fn hover_cases() -> Vec<HoverCase> {
    let h = |path, fixture, covers, says| HoverCase {
        path,
        fixture,
        covers,
        says,
    };
    vec![
        // Keys: doc, type, values, default, consequence.
        h(AGENT, "na$0me: x\ndescription: d", "name", &["(required)", "Agent tool", "If wrong:", "Claude Code subagent"]),
        h(AGENT, "name: x\ndescription: d\nto$0ols: Read", "tools", &["string or list of strings", "Default: all tools", "If wrong:"]),
        h(AGENT, "name: x\ndescription: d\nco$0lor: red", "color", &["- `red`", "- `cyan`", "Default: automatic", "Silently dropped"]),
        h(AGENT, "name: x\ndescription: d\npermissionMo$0de: plan", "permissionMode", &["- `manual`: alias of `default`"]),
        h(AGENT, "name: x\ndescription: d\ncolo$0ur: red", "colour", &["not a key", "debug log", "Did you mean `color`?"]),
        h(AGENT, "name: x\ndescription: d\nStop$0: []", "Stop", &["hook event", "under `hooks:`"]),
        // Tools: the tool's doc and the effective list.
        h(AGENT, "name: x\ndescription: d\ntools: Re$0ad, Grep", "Read", &["Reads a file", "This agent gets: `Read`, `Grep`."]),
        h(AGENT, "name: x\ndescription: d\ntools: Bash(git l$0og:*)", "Bash(git log:*)", &["Runs a shell command", "grants **all of Bash**", "`Bash (all of Bash)`"]),
        h(AGENT, "name: x\ndescription: d\ntools: []$0", "[]", &["**no tools at all**"]),
        h(AGENT, "name: x\ndescription: d\ntools: Ta$0sk", "Task", &["legacy name of `Agent`", "Launches a subagent"]),
        h(AGENT, "name: x\ndescription: d\ntools: Multi$0Edit, Edit", "MultiEdit", &["no longer exists", "Use `Edit` instead"]),
        h(AGENT, "name: x\ndescription: d\ntools: Ra$0ed", "Raed", &["not a tool", "Did you mean `Read`?"]),
        h(AGENT, "name: x\ndescription: d\ntools: re$0ad", "read", &["case-sensitive", "`Read`"]),
        h(AGENT, "name: x\ndescription: d\ntools: Dep$0loy", "Deploy", &["your configuration", "Ships it."]),
        h(AGENT, "name: x\ndescription: d\ntools: mcp__github__create$0_issue", "mcp__github__create_issue", &["`create_issue` of the MCP server `github`", "gh-mcp"]),
        h(AGENT, "name: x\ndescription: d\ntools: mcp__gitlab$0__x", "mcp__gitlab__x", &["not in `.mcp.json`"]),
        h(AGENT, "name: x\ndescription: d\ntools: Agent(Expl$0ore), Read", "Agent(Explore)", &["read-only agent for exploring"]),
        h(AGENT, "name: x\ndescription: d\ntools:\n  - Gl$0ob\n  - Read\ndisallowedTools: Read", "Glob", &["Finds files", "This agent gets: `Glob`."]),
        h(AGENT, "name: x\ndescription: d\ntools: Read\nmemory: user\ndisallowedTools: Wri$0te", "Write", &["Writes a file"]),
        h(AGENT, "name: x\ndescription: d\ntools: Gr$0ep\nmemory: user", "Grep", &["`Write (added by `memory`)`"]),
        // Models.
        h(AGENT, "name: x\ndescription: d\nmodel: son$0net", "sonnet", &["Resolves to **claude-sonnet-5-5**"]),
        h(AGENT, "name: x\ndescription: d\nmodel: opus$0plan", "opusplan", &["Opus while planning"]),
        h(AGENT, "name: x\ndescription: d\nmodel: claude-opus-4-5-2025$01101", "claude-opus-4-5-20251101", &["full model ID"]),
        h(AGENT, "name: x\ndescription: d\nmodel: sone$0t", "sonet", &["not a model alias", "Did you mean `sonnet`?", "verbatim"]),
        // Enums: doc, aliases, and why a bad value is wrong.
        h(AGENT, "name: x\ndescription: d\ncolor: pu$0rple", "purple", &["purple"]),
        h(AGENT, "name: x\ndescription: d\ncolor: purp$0el", "purpel", &["not a valid `color`", "Did you mean `purple`?", "Silently dropped"]),
        h(AGENT, "name: x\ndescription: d\npermissionMode: man$0ual", "manual", &["alias of `default`"]),
        h(AGENT, "name: x\ndescription: d\neffort: ME$0D", "MED", &["alias of `medium`"]),
        h(AGENT, "name: x\ndescription: d\neffort: 20$0000", "20000", &["thinking budget"]),
        h(AGENT, "name: x\ndescription: d\nmemory: lo$0cal", "local", &["this machine only"]),
        h(AGENT, "name: x\ndescription: d\nisolation: work$0tree", "worktree", &["temporary git worktree"]),
        h(AGENT, "name: x\ndescription: d\nbackground: y$0es", "yes", &["not a valid `background`", "Valid: `true`, `false`"]),
        h(AGENT, "name: x\ndescription: d\nmaxTurns: 2$00", "20", &["conversation turns"]),
        // name and description: the Agent tool's listing.
        h(AGENT, "name: rev$0\ndescription: Reviews\\ncode\ntools: Read", "rev", &["- rev: Reviews\ncode (Tools: Read)"]),
        h(AGENT, "name: x\ndescription: Rev$0iews", "Reviews", &["- x: Reviews (Tools: All tools)"]),
        // Skills, agents, hook events from the workspace and catalog.
        h(AGENT, "name: x\ndescription: d\nskills: pdf-to$0ols", "pdf-tools", &["Work with PDF files"]),
        h(AGENT, "name: x\ndescription: d\nskills: pdf-tol$0s", "pdf-tols", &["no skill", "Did you mean `pdf-tools`?"]),
        h(AGENT, "name: x\ndescription: d\nobserver: revi$0ewer", "reviewer", &["Reviews code"]),
        h(AGENT, "name: x\ndescription: d\nhooks:\n  PreToo$0lUse:\n    - hooks:\n        - type: command\n          command: x", "PreToolUse", &["a hook event"]),
        h(AGENT, "name: x\ndescription: d\nhooks:\n  PreTolUse$0:\n    - hooks:\n        - type: command\n          command: x", "PreTolUse", &["not a hook event", "Did you mean `PreToolUse`?"]),
        // Emoji before the cursor.
        h(AGENT, "name: x\ndescription: \"😀 d\"\ntools: [\"😀\", Gr$0ep]", "Grep", &["ripgrep"]),
        // Other formats.
        h("/p/.claude/commands/ship.md", "allowed-tools: Bash(git ad$0d:*)", "Bash(git add:*)", &["permission rule"]),
        h("/p/.claude/commands/ship.md", "argument-h$0int: x", "argument-hint", &["Quote it"]),
        h("/p/.claude/skills/pdf/SKILL.md", "na$0me: pdf", "name", &["folder"]),
        h("/p/.claude/skills/pdf/SKILL.md", "na$0me: pdf-tools", "name", &["runs this file as `/pdf`"]),
        h("/p/.claude/commands/team/deploy.md", "descr$0iption: d", "description", &["runs this file as `/team:deploy`"]),
        h("/p/.claude/commands/ship.md", "shell: zs$0h", "zsh", &["not a valid `shell`", "bash"]),
        h("/p/.claude/commands/ship.md", "too$0ls: Read", "tools", &["not a key", "Did you mean `allowed-tools`?"]),
        h("/p/.claude/commands/ship.md", "context: for$0ked", "forked", &["not a valid `context`"]),
        h("/p/.claude/skills/pdf/SKILL.md", "effort: hu$0ge", "huge", &["not a valid `effort`"]),
        h("/p/.claude/skills/pdf/SKILL.md", "effort: hi$0gh", "high", &["More thinking"]),
        h("/p/.claude/skills/pdf/SKILL.md", "allowed-tools: Gr$0ep", "Grep", &["ripgrep"]),
        h("/p/.claude/commands/ship.md", "argument-hint: [fi$0le]", "[file]", &["Quote it"]),
        h("/p/x.agent.md", "target: vsc$0ode", "vscode", &["VS Code"]),
        h("/p/x.agent.md", "tools: [ed$0it]", "edit", &["Editing files"]),
        h("/p/x.agent.md", "handof$0fs: []", "handoffs", &["hand the conversation"]),
        h("/p/.opencode/agent/x.md", "mode: prim$0ary", "primary", &["Tab"]),
        h("/p/.opencode/agent/x.md", "frobnicate$0: 1", "frobnicate", &["options"]),
        h("/p/.cursor/rules/x.mdc", "alwaysAp$0ply: true", "alwaysApply", &["every request"]),
    ]
}

#[test]
fn hover_table() {
    let s = settings();
    let mut failures = Vec::new();
    for case in hover_cases() {
        let (text, at) = cursor(&format!("---\n{}\n---\nbody\n", case.fixture));
        let a = analysis_of(case.path, &text, &s);
        let rope = Rope::from_str(&text);
        for enc in [Encoding::Utf8, Encoding::Utf16] {
            let offset = via(&rope, at, enc);
            let Some(h) = hover(&text, &a, offset, &s, None) else {
                failures.push(format!("{:?} ({enc:?}): no hover", case.fixture));
                continue;
            };
            if &text[h.range.clone()] != case.covers {
                failures.push(format!(
                    "{:?}: covers {:?}, want {:?}",
                    case.fixture,
                    &text[h.range.clone()],
                    case.covers
                ));
            }
            for want in case.says {
                if !h.markdown.contains(want) {
                    failures.push(format!(
                        "{:?}: hover lacks {want:?}:\n{}",
                        case.fixture, h.markdown
                    ));
                }
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n\n")
    );
}

#[test]
fn every_tool_and_model_has_a_hover() {
    let s = settings();
    let catalog = agent_lsp::catalog::claude_agent();
    for t in &catalog.tools {
        let text = format!("---\nname: x\ndescription: d\ntools: {}\n---\n", t.name);
        let a = analysis_of(AGENT, &text, &s);
        let h = hover(&text, &a, text.find(&t.name).unwrap_or(0) + 1, &s, None).expect("hover");
        assert!(h.markdown.contains(&t.doc), "{}", t.name);
    }
    for m in &catalog.models {
        let text = format!("---\nname: x\ndescription: d\nmodel: \"{}\"\n---\n", m.name);
        let a = analysis_of(AGENT, &text, &s);
        let h = hover(&text, &a, text.find(&m.name).unwrap_or(0) + 1, &s, None).expect("hover");
        assert!(h.markdown.contains(&m.doc), "{}", m.name);
        if let Some(r) = &m.resolves_to {
            assert!(h.markdown.contains(r.as_str()), "{}", m.name);
        }
    }
}

/// A completion answer whole, one line per item: what the user sees in the list and what
/// choosing the item inserts (the table above checks a chosen item; this pins the rest).
fn render_items(text: &str, items: &[Item]) -> String {
    items
        .iter()
        .map(|i| {
            format!(
                "{} [{:?}] {} | replaces {:?} with {:?}{}",
                i.label,
                i.kind,
                i.detail.as_deref().unwrap_or("-"),
                &text[i.replace.clone()],
                i.insert,
                if i.documentation.is_some() {
                    " | doc"
                } else {
                    ""
                }
            )
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn completion_answers_whole() {
    let mut out = String::new();
    for case in completion_cases() {
        let fixture = format!("{FM}{}\n---\nbody\n", case.fixture);
        let (text, items) = items_at(case.path, &fixture);
        out.push_str(&format!(
            "== {} {:?}\n{}\n\n",
            case.path,
            case.fixture,
            render_items(&text, &items)
        ));
    }
    insta::assert_snapshot!("completion_answers", out);
}

#[test]
fn hover_answers_whole() {
    let s = settings();
    let mut out = String::new();
    for case in hover_cases() {
        let (text, at) = cursor(&format!("---\n{}\n---\nbody\n", case.fixture));
        let a = analysis_of(case.path, &text, &s);
        // As the server answers: with the file's path.
        let path = Some(Path::new(case.path));
        let shown = hover(&text, &a, at, &s, path).map_or("(no hover)".to_string(), |h| {
            format!("covers {:?}\n{}", &text[h.range.clone()], h.markdown)
        });
        out.push_str(&format!("== {} {:?}\n{shown}\n\n", case.path, case.fixture));
    }
    insta::assert_snapshot!("hover_answers", out);
}

/// Hover on every key of the Copilot formats shows the key's doc (VS Code 1.139's keys,
/// `excludeAgent`, `reasoning-effort`, `github`, `advancedOptions` included; skills too).
#[test]
fn every_copilot_key_has_a_hover() {
    let s = settings();
    for path in [
        "/p/x.agent.md",
        "/p/x.prompt.md",
        "/p/x.instructions.md",
        "/p/.github/skills/x/SKILL.md",
    ] {
        let keys: Vec<String> = analysis_of(path, "", &s)
            .catalog
            .keys
            .iter()
            .map(|k| k.name.clone())
            .collect();
        for key in keys {
            let text = format!("---\n{key}: x\n---\nBody\n");
            let a = analysis_of(path, &text, &s);
            let doc = a
                .catalog
                .key(&key)
                .map(|k| k.doc.clone())
                .unwrap_or_default();
            let h = hover(&text, &a, 5, &s, None)
                .unwrap_or_else(|| panic!("{path}: no hover on {key}"));
            assert!(h.markdown.contains(&doc), "{path}: {key}: {}", h.markdown);
        }
    }
}
