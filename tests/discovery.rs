//! The one walker and the bounded reads, on hostile workspaces: every kind of special file
//! a test can make, links to devices and `/proc`, and link shapes that loop or multiply
//! paths. Each test runs under a time limit: a blocked read must fail, not hang.

use crate::support::disk::{run_cli, within, Tree};
use agent_lsp::discovery::{self, read, Refusal};
use std::path::{Path, PathBuf};
use std::time::Duration;

const LIMIT: Duration = Duration::from_secs(20);

const AGENT: &str = "---\nname: a\ndescription: d\n---\n";

fn is_md(p: &Path) -> bool {
    p.extension().is_some_and(|e| e == "md")
}

fn names(files: &[PathBuf], root: &Path) -> Vec<String> {
    files
        .iter()
        .map(|f| f.strip_prefix(root).unwrap_or(f).display().to_string())
        .collect()
}

/// Every special file a test can make, each under a name a reader would want.
fn special_files(t: &Tree) -> (Vec<PathBuf>, std::os::unix::net::UnixListener) {
    let mut paths = vec![
        t.fifo("fifo.md"),
        t.link("zero.md", "/dev/zero"),
        t.link("null.md", "/dev/null"),
        t.link("stdin.md", "/dev/stdin"),
        t.link("urandom.md", "/dev/urandom"),
        t.link("environ.md", "/proc/self/environ"),
        t.link("self.md", "/proc/self/status"),
        t.link("kmsg.md", "/sys/kernel/notes"),
        t.mkdir("dir.md"),
        t.link("fifo-link.md", "fifo.md"),
        t.link("chain.md", "fifo-link.md"),
    ];
    let socket = t.socket("socket.md");
    paths.push(t.path("socket.md"));
    (paths, socket)
}

#[test]
fn special_files_are_refused_without_blocking() {
    let t = Tree::new("special");
    let (paths, _socket) = special_files(&t);
    for p in paths {
        let shown = p.display().to_string();
        let refusal = within(LIMIT, move || {
            read::read_bounded(&p, read::AGENT_FILE).map(|b| b.len())
        });
        match refusal {
            Err(Refusal::NotRegular(_) | Refusal::SystemPath(_)) => {}
            other => panic!("{shown}: expected a refusal, got {other:?}"),
        }
    }
}

#[test]
fn refusals_say_why() {
    let t = Tree::new("why");
    let fifo = t.fifo("x.md");
    let err = within(LIMIT, move || read::read_bounded(&fifo, read::AGENT_FILE));
    assert_eq!(
        err.err().map(|e| e.to_string()).as_deref(),
        Some("skipped: not a regular file (a FIFO)")
    );
    let env = t.link("env.md", "/proc/self/environ");
    let msg = read::read_bounded(&env, read::AGENT_FILE)
        .err()
        .map(|e| e.to_string())
        .unwrap_or_default();
    assert!(msg.contains("system path"), "{msg}");
}

#[test]
fn each_kind_of_file_has_its_bound() {
    assert_eq!(
        read::CLAUDE_CODE_MAX_FILE_BYTES,
        agent_lsp::loader::MAX_FILE_BYTES as u64
    );
    let t = Tree::new("bounds");
    let big = t.sparse("big.md", 3 << 20);
    match read::read_bounded(&big, read::AGENT_FILE) {
        Err(Refusal::TooLarge { size, .. }) => assert_eq!(size, 3 << 20),
        other => panic!("expected TooLarge, got {other:?}"),
    }
    // Just over Claude Code's 1 MiB: still read, so file-too-large reports the real size.
    let over = t.sparse("over.md", (1 << 20) + 10);
    assert_eq!(
        read::read_bounded(&over, read::AGENT_FILE)
            .map(|b| b.len())
            .ok(),
        Some((1 << 20) + 10)
    );
    let mcp = t.sparse(".mcp.json", 2 << 20);
    assert!(matches!(
        read::read_bounded(&mcp, read::MCP_JSON),
        Err(Refusal::TooLarge { .. })
    ));
    let cfg = t.sparse("agent-lsp.toml", 5 << 20);
    assert!(matches!(
        read::read_bounded(&cfg, read::CONFIG_FILE),
        Err(Refusal::TooLarge { .. })
    ));
}

#[test]
fn the_walk_lists_special_files_for_the_reader_to_refuse_and_skips_system_folders() {
    let t = Tree::new("walk-special");
    let (_, _socket) = special_files(&t);
    t.write("ok.md", AGENT);
    t.link("proc", "/proc");
    t.link("dev", "/dev");
    let root = t.0.clone();
    let found = within(LIMIT, move || discovery::walk(&root, None, &is_md));
    assert!(found.files.contains(&t.path("ok.md")));
    let system: Vec<String> = found
        .skipped
        .iter()
        .filter(|s| matches!(s.why, Refusal::SystemPath(_)))
        .map(|s| s.path.display().to_string())
        .collect();
    assert!(system.iter().any(|p| p.ends_with("/proc")), "{system:?}");
    assert!(system.iter().any(|p| p.ends_with("/dev")), "{system:?}");
    assert!(
        !found
            .files
            .iter()
            .any(|f| f.starts_with("/proc") || f.to_string_lossy().contains("/proc/")),
        "nothing under /proc: {:?}",
        found.files
    );
}

/// k links to `.` in one folder made the old walk exponential (k^depth paths).
#[test]
fn links_to_dot_dotdot_siblings_and_chains_are_walked_once() {
    let t = Tree::new("links");
    let agents = t.mkdir(".claude/agents");
    t.write(".claude/agents/a.md", AGENT);
    t.write(".claude/agents/team/b.md", AGENT);
    for i in 0..8 {
        t.link(&format!(".claude/agents/dot{i}"), ".");
        t.link(&format!(".claude/agents/team/up{i}"), "..");
        t.link(&format!(".claude/agents/side{i}"), "team");
    }
    t.link(".claude/agents/c1", "c2");
    t.link(".claude/agents/c2", "c1"); // a loop of links
    t.link(".claude/agents/chain1", "chain2");
    t.link(".claude/agents/chain2", "team");
    t.link(".claude/agents/b-copy.md", "team/b.md"); // the same file twice
    let found = within(LIMIT, move || discovery::walk(&agents, None, &is_md));
    let mut got = names(&found.files, &t.path(".claude/agents"));
    got.sort();
    assert_eq!(got, ["a.md", "b-copy.md"], "each file once, by identity");
}

#[test]
fn every_file_is_found_with_no_cap_and_no_depth_limit() {
    let t = Tree::new("nocap");
    for i in 0..2500 {
        t.write(&format!(".claude/agents/g{}/a{i}.md", i % 10), AGENT);
    }
    let deep = (0..40)
        .map(|i| format!("d{i}"))
        .collect::<Vec<_>>()
        .join("/");
    t.write(&format!(".claude/agents/{deep}/deep.md"), AGENT);
    let root = t.path(".claude/agents");
    let found = within(LIMIT, move || discovery::walk(&root, None, &is_md));
    assert_eq!(found.files.len(), 2501);
}

#[test]
fn skipped_folders_are_skipped_only_outside_format_folders() {
    let t = Tree::new("skips");
    t.write("node_modules/pkg/.claude/agents/x.md", AGENT);
    t.write(".git/.claude/agents/x.md", AGENT);
    t.write("app/.claude/agents/node_modules/kept.md", AGENT);
    t.write(".claude/agents/target/kept.md", AGENT);
    let found = discovery::files_to_check(std::slice::from_ref(&t.0), &|p| {
        agent_lsp::analysis::file_kind::FileKind::is_discovered_agent(p)
    });
    let mut got = names(&found.files.iter().collect::<Vec<_>>(), &t.0);
    got.sort();
    assert_eq!(
        got,
        [
            ".claude/agents/target/kept.md",
            "app/.claude/agents/node_modules/kept.md"
        ]
    );
}

/// A workspace as a hostile repository could commit it.
fn hostile_workspace(t: &Tree) -> std::os::unix::net::UnixListener {
    t.write(".claude/agents/good.md", AGENT);
    t.fifo(".claude/agents/x.md");
    t.link(".claude/agents/env.md", "/proc/self/environ");
    t.link(".claude/agents/zero.md", "/dev/zero");
    t.link(".claude/agents/stdin.md", "/dev/stdin");
    for i in 0..6 {
        t.link(&format!(".claude/agents/loop{i}"), ".");
    }
    t.fifo(".mcp.json");
    t.link("agent-lsp.toml", "/dev/stdin");
    t.mkdir(".claude/skills/s");
    t.link(".claude/skills/s/SKILL.md", "/dev/zero");
    t.socket(".claude/agents/sock.md")
}

#[test]
fn check_reports_special_files_and_prints_no_secret() {
    let t = Tree::new("check-hostile");
    let _socket = hostile_workspace(&t);
    let secret = "agent-lsp-test-secret-4711";
    let out = run_cli(&["check", "."], &t.0, &[("CI_TOKEN", secret)], LIMIT);
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stdout.contains(secret) && !stderr.contains(secret));
    assert!(
        stderr.contains("x.md: skipped: not a regular file (a FIFO)"),
        "{stderr}"
    );
    assert!(
        stderr.contains("env.md: skipped: resolves to /proc/"),
        "{stderr}"
    );
    assert!(stderr.contains("zero.md: skipped"), "{stderr}");
    assert!(stderr.contains("sock.md: skipped: not a regular file (a socket)"));
    assert!(
        stdout.contains("good.md") || stdout.contains("checked"),
        "{stdout}"
    );
    assert_eq!(out.status.code(), Some(1), "skipped files fail the run");
    // Named explicitly, a FIFO is refused the same way.
    let out = run_cli(&["check", ".claude/agents/x.md"], &t.0, &[], LIMIT);
    assert!(String::from_utf8_lossy(&out.stderr).contains("not a regular file"));
}

/// The paths `check --format json` lists as skipped, with their reasons.
fn skipped_in_json(out: &std::process::Output) -> Vec<(String, String)> {
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON output");
    assert_eq!(
        doc["summary"]["skipped"].as_u64(),
        doc["skipped"].as_array().map(|a| a.len() as u64)
    );
    doc["skipped"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|s| {
            let path = s["path"].as_str().unwrap_or_default();
            let name = Path::new(path).file_name().unwrap_or_default();
            let reason = s["reason"].as_str().unwrap_or_default();
            (name.to_string_lossy().into_owned(), reason.to_string())
        })
        .collect()
}

#[test]
fn json_and_sarif_list_the_files_check_skipped() {
    let t = Tree::new("check-skipped-listed");
    let _socket = hostile_workspace(&t);
    t.sparse(".claude/agents/huge.md", 3 << 20);
    let out = run_cli(&["check", ".", "--format", "json"], &t.0, &[], LIMIT);
    let skipped = skipped_in_json(&out);
    let reason = |name: &str| {
        skipped
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, r)| r.clone())
            .unwrap_or_else(|| panic!("{name} not listed in {skipped:?}"))
    };
    assert!(reason("x.md").contains("a FIFO"));
    assert!(reason("sock.md").contains("a socket"));
    assert!(reason("env.md").contains("/proc/"));
    assert!(reason("zero.md").contains("skipped"));
    assert!(reason("huge.md").contains("3145728 bytes"));
    assert!(!skipped.iter().any(|(n, _)| n == "good.md"));
    assert_eq!(out.status.code(), Some(1));
    // A clean run lists none.
    let clean = Tree::new("check-skipped-none");
    clean.write(".claude/agents/good.md", AGENT);
    let out = run_cli(&["check", ".", "--format", "json"], &clean.0, &[], LIMIT);
    assert!(skipped_in_json(&out).is_empty());

    let out = run_cli(&["check", ".", "--format", "sarif"], &t.0, &[], LIMIT);
    let log: serde_json::Value = serde_json::from_slice(&out.stdout).expect("SARIF is JSON");
    let invocation = &log["runs"][0]["invocations"][0];
    assert_eq!(invocation["executionSuccessful"], false);
    let notes = invocation["toolExecutionNotifications"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    assert_eq!(notes.len(), skipped.len(), "{notes:?}");
    let fifo = notes.iter().find(|n| {
        n["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
            .as_str()
            .is_some_and(|u| u.ends_with("x.md"))
    });
    let fifo = fifo.expect("the FIFO is a notification");
    assert_eq!(fifo["level"], "error");
    assert!(fifo["message"]["text"]
        .as_str()
        .is_some_and(|m| m.contains("a FIFO")));
}

#[test]
fn the_server_initializes_in_a_hostile_workspace() {
    let t = Tree::new("server-hostile");
    let _socket = hostile_workspace(&t);
    let uri = t.uri("");
    let answered = within(LIMIT, move || {
        let t = t;
        let mut s = crate::support::rpc::Server::start();
        let r = s.request(
            "initialize",
            serde_json::json!({"processId": null, "rootUri": uri, "capabilities": {}}),
        );
        s.initialized();
        let ok = r["capabilities"].is_object();
        // The skipped FIFO is shown on the file, not passed over in silence.
        let fifo = t.uri(".claude/agents/x.md");
        let shown = s.wait(|m| {
            m["method"] == "textDocument/publishDiagnostics"
                && m["params"]["uri"] == fifo
                && m["params"]["diagnostics"][0]["message"]
                    .as_str()
                    .is_some_and(|t| t.contains("not a regular file (a FIFO)"))
        });
        (ok && shown.is_some(), s.shutdown())
    });
    assert_eq!(answered, (true, Some(0)));
}

#[test]
fn merging_a_configuration_with_80k_tools_is_linear() {
    use agent_lsp::settings::{Config, Settings};
    use agent_lsp::workspace::Workspace;
    let mut toml = String::from("tools = [\n");
    for i in 0..80_000 {
        toml.push_str(&format!("  \"Tool{i}\",\n"));
    }
    toml.push_str("]\n");
    let s = within(LIMIT, move || {
        let c = Config::from_toml(&toml).expect("valid");
        Settings::new([c.clone(), c], Workspace::default())
    });
    assert_eq!(s.tools.len(), 80_000);
    assert!(s.tool("Tool79999").is_some());
}

#[test]
fn unreadable_folders_are_reported_only_where_agents_live() {
    use std::os::unix::fs::PermissionsExt;
    let t = Tree::new("unreadable");
    t.write(".claude/agents/ok.md", AGENT);
    let private = t.mkdir("private");
    let locked = t.mkdir(".claude/agents/locked");
    t.link(".claude/agents/gone.md", "nowhere.md");
    for d in [&private, &locked] {
        std::fs::set_permissions(d, std::fs::Permissions::from_mode(0o000)).expect("chmod");
    }
    let found = discovery::files_to_check(std::slice::from_ref(&t.0), &|p| {
        agent_lsp::analysis::file_kind::FileKind::is_discovered_agent(p)
    });
    for d in [&private, &locked] {
        std::fs::set_permissions(d, std::fs::Permissions::from_mode(0o755)).expect("chmod");
    }
    let skipped: Vec<String> = names(
        &found
            .skipped
            .iter()
            .map(|s| s.path.clone())
            .collect::<Vec<_>>(),
        &t.0,
    );
    assert!(
        skipped.iter().any(|p| p.ends_with("gone.md")),
        "{skipped:?}"
    );
    assert!(!skipped.iter().any(|p| p == "private"), "{skipped:?}");
    // Root reads every folder whatever its mode, so only check the rest when not root.
    // SAFETY: geteuid has no preconditions and cannot fail.
    let root = unsafe { libc::geteuid() } == 0;
    assert!(
        root || skipped.iter().any(|p| p.ends_with("locked")),
        "{skipped:?}"
    );
    assert_eq!(
        names(&found.files.iter().collect::<Vec<_>>(), &t.0),
        [".claude/agents/ok.md"]
    );
}
