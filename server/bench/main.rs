//! `cargo build --release && cargo run --release --example bench`: prints the figures the
//! project tracks, measured from outside over stdio like an editor would, against the
//! release `agent-lsp` (in `target/release/`, the folder above this example's):
//! - keystroke → publishDiagnostics p50/p99 on a 6 KB and a 1 MB agent file,
//! - hover and completion latency on both, initialize time, resident memory,
//! - keystroke → publishDiagnostics on the worst 1 MiB input of each rule family
//!   (`tests/support/worst.rs`),
//! - resident memory with 200 open documents of ~900 KB, as a ratio to their text,
//! - `check` throughput over 10,000 generated agent files,
//! - `check` peak memory (the child's maximum RSS) over 100,000 generated agent files,
//!   with text and with JSON output;
//! - the workspace index over 10,000 agent files (1,000 of them referencing one agent):
//!   background indexing time, hover/completion p99 while it runs, resident memory once
//!   indexed, and a rename across the 1,000 referencing files.
//!
//! Options: `--n N` (samples per figure, default 400), `--files N` (default 10000; 0 skips the index and throughput figures),
//! `--worst-n N` (samples per worst input, default 20; 0 skips them), `--docs N` (open documents for
//! the memory figure, default 200), `--memory-files N` (files for check's memory figure,
//! default 100000; 0 skips it), `--server PATH` (the
//! server binary to measure, e.g. an older build to compare with on the same machine),
//! `--index-only` (only the workspace index figures).
#![allow(clippy::print_stdout)]

#[path = "../../tests/support/rpc.rs"]
#[allow(dead_code)]
mod rpc;

#[path = "../../tests/support/worst.rs"]
mod worst;

use rpc::Server;
use serde_json::{json, Value};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

const TARGETS: &str = "targets: 10,000 files indexed < 1 s with hover/completion p99 < 5 ms meanwhile and RSS < 40 MB, rename across 1,000 files < 200 ms; keystroke→diagnostics p50 ≤ 0.25 ms (6 KB), ≤ 1 ms (1 MB); hover/completion p99 ≤ 1 ms; RSS ≤ 8 MB with one file open; 200 open 900 KB files ≤ 1.2× their text; check of 10,000 files ≤ 1 s; check peak memory on 100,000 files < 50 MB; worst 1 MiB inputs < 50 ms per keystroke";

fn agent_file(target_bytes: usize) -> String {
    let mut s = String::from(
        "---\nname: bench-agent\ndescription: Use this agent when you need a benchmark. Examples:\\n\\n<example>\\nContext: Measuring\\nuser: \"How fast is it?\"\\nassistant: \"I'll use the bench-agent agent to measure it.\"\\n<commentary>\\nBenchmarks need it.\\n</commentary>\\n</example>\ntools: Read, Grep, Glob, Bash, Edit\nmodel: sonnet\ncolor: blue\n---\n\nYou are a benchmark agent.\n",
    );
    let mut i = 0;
    while s.len() < target_bytes {
        i += 1;
        s.push_str(&format!(
            "\n## Section {i}\n\n- Review the change for correctness, clarity and tests (item {i}).\n- Prefer small, focused commits; explain *why* in messages.\n\nSome prose about the work, with `code` and a [link](https://example.com/{i}).\n"
        ));
    }
    s.truncate(target_bytes.max(s.find("You are").unwrap_or(0) + 30));
    s
}

fn pct(xs: &mut [f64], p: f64) -> f64 {
    xs.sort_by(|a, b| a.total_cmp(b));
    xs[((p / 100.0) * (xs.len() - 1) as f64).round() as usize]
}

fn rss_kb(pid: u32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    status
        .lines()
        .find(|l| l.starts_with("VmRSS:"))?
        .split_whitespace()
        .nth(1)?
        .parse()
        .ok()
}

struct Figures {
    change_p50: f64,
    change_p99: f64,
    hover_p50: f64,
    hover_p99: f64,
    completion_p50: f64,
    completion_p99: f64,
    rss_kb: Option<u64>,
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// Keystroke → publishDiagnostics times (ms) of `n` edits to the open document `uri`
/// (at version 1): a character typed at the end of the description line, then deleted.
fn keystrokes(server: &mut Server, uri: &str, text: &str, n: usize) -> Vec<f64> {
    let line = 2;
    let col = text.lines().nth(2).map_or(0, |l| l.encode_utf16().count()) as u32;
    let mut change = Vec::with_capacity(n);
    for i in 0..n {
        let version = i as i64 + 2;
        let edit = if i % 2 == 0 {
            json!({"range": {"start": {"line": line, "character": col}, "end": {"line": line, "character": col}}, "text": "x"})
        } else {
            json!({"range": {"start": {"line": line, "character": col}, "end": {"line": line, "character": col + 1}}, "text": ""})
        };
        let t = Instant::now();
        server.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": uri, "version": version}, "contentChanges": [edit]}),
        );
        server.diagnostics(uri, version);
        change.push(ms(t.elapsed()));
    }
    change
}

fn measure(server: &mut Server, uri: &str, text: &str, n: usize) -> Figures {
    server.open(uri, text);
    server.diagnostics(uri, 1);
    let rss = rss_kb(server.child.id());
    let mut change = keystrokes(server, uri, text, n);
    let tools_line = text
        .lines()
        .position(|l| l.starts_with("tools:"))
        .unwrap_or(3) as u32;
    let model_line = text
        .lines()
        .position(|l| l.starts_with("model:"))
        .unwrap_or(4) as u32;
    let mut timed = |method: &str, pos: Value| {
        let mut xs = Vec::with_capacity(n);
        for _ in 0..n {
            let t = Instant::now();
            server.request(
                method,
                json!({"textDocument": {"uri": uri}, "position": pos}),
            );
            xs.push(ms(t.elapsed()));
        }
        (pct(&mut xs, 50.0), pct(&mut xs, 99.0))
    };
    let (hover_p50, hover_p99) = timed(
        "textDocument/hover",
        json!({"line": tools_line, "character": 9}),
    );
    let (completion_p50, completion_p99) = timed(
        "textDocument/completion",
        json!({"line": model_line, "character": 7}),
    );
    Figures {
        change_p50: pct(&mut change, 50.0),
        change_p99: pct(&mut change, 99.0),
        hover_p50,
        hover_p99,
        completion_p50,
        completion_p99,
        rss_kb: rss,
    }
}

/// Keystroke → diagnostics (p50, p99, diagnostics published) on the worst input of
/// each family, 1 MiB each: typing on the `name:` line, then deleting it.
fn worst_cases(server: &mut Server, n: usize) {
    if n == 0 {
        return;
    }
    println!("worst 1 MiB inputs: keystroke→diag p50/p99 (diagnostics published)  rules");
    for (i, family) in worst::FAMILIES.iter().enumerate() {
        let text = family.of_size(1 << 20);
        let uri = format!("file:///bench/.claude/agents/worst-{i}.md");
        server.open(&uri, &text);
        server.diagnostics(&uri, 1);
        let mut times = Vec::with_capacity(n);
        let mut published = 0;
        for k in 0..n {
            let version = k as i64 + 2;
            let edit = if k % 2 == 0 {
                json!({"range": {"start": {"line": 1, "character": 11}, "end": {"line": 1, "character": 11}}, "text": "x"})
            } else {
                json!({"range": {"start": {"line": 1, "character": 11}, "end": {"line": 1, "character": 12}}, "text": ""})
            };
            let t = Instant::now();
            server.notify(
                "textDocument/didChange",
                json!({"textDocument": {"uri": uri, "version": version}, "contentChanges": [edit]}),
            );
            published = server.diagnostics(&uri, version).len();
            times.push(ms(t.elapsed()));
        }
        server.notify(
            "textDocument/didClose",
            json!({"textDocument": {"uri": uri}}),
        );
        server.backlog.clear();
        println!(
            "  {:<34} {:>8.2} / {:>8.2} ms ({published:>3})  {}",
            family.name,
            pct(&mut times, 50.0),
            pct(&mut times, 99.0),
            family.rules
        );
    }
}

/// Resident memory of a server with open documents, in bytes.
struct OpenMemory {
    /// Before any document is opened.
    idle: u64,
    /// With the documents open.
    open: u64,
    /// The documents' text.
    text: u64,
}

/// Opens `docs` distinct documents of ~900 KB in a fresh server and types one character
/// in each: what keeping documents open costs beyond their text.
fn open_documents_memory(bin: &Path, docs: usize) -> OpenMemory {
    let mut server = Server::start_binary(bin);
    server.initialize(&["utf-16"]);
    let idle = rss_kb(server.child.id()).unwrap_or(0) * 1024;
    let mut text_bytes = 0u64;
    for i in 0..docs {
        let text = agent_file(900 * 1024).replacen("bench-agent", &format!("bench-agent-{i}"), 1);
        text_bytes += text.len() as u64;
        let uri = format!("file:///bench/.claude/agents/open-{i}.md");
        server.open(&uri, &text);
        server.diagnostics(&uri, 1);
        let edit = json!({"range": {"start": {"line": 1, "character": 6}, "end": {"line": 1, "character": 6}}, "text": "x"});
        server.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": uri, "version": 2}, "contentChanges": [edit]}),
        );
        server.diagnostics(&uri, 2);
        // The queue of notifications is not what is measured.
        server.backlog.clear();
    }
    let open = rss_kb(server.child.id()).unwrap_or(0) * 1024;
    let _ = server.shutdown();
    OpenMemory {
        idle,
        open,
        text: text_bytes,
    }
}

fn check_throughput(bin: &Path, files: usize) -> (f64, f64) {
    let root = std::env::temp_dir().join(format!("agent-lsp-bench-{}", std::process::id()));
    generate_agents(&root, files, 3_000);
    let t = Instant::now();
    let out = std::process::Command::new(bin)
        .arg("check")
        .arg(&root)
        .output()
        .expect("run check");
    let secs = t.elapsed().as_secs_f64();
    let _ = std::fs::remove_dir_all(&root);
    let summary = String::from_utf8_lossy(&out.stdout);
    assert!(
        summary.contains(&format!("{files} files checked")),
        "check did not see every file: {summary}"
    );
    (secs, files as f64 / secs)
}

/// Writes `files` generated agent files below `root/.claude/agents/`.
fn generate_agents(root: &Path, files: usize, bytes: usize) {
    let dir = root.join(".claude/agents");
    std::fs::create_dir_all(&dir).expect("create bench folder");
    let sample = agent_file(bytes);
    for i in 0..files {
        let text = sample.replacen("name: bench-agent", &format!("name: bench-agent-{i}"), 1);
        std::fs::write(dir.join(format!("agent-{i:06}.md")), text).expect("write bench file");
    }
}

/// Runs `check` with `args` and returns the child's peak resident memory in KB (its
/// maximum RSS, from wait4's rusage: exact, with no sampling).
#[allow(clippy::zombie_processes)] // reaped by wait4, which std's wait cannot replace
fn peak_rss_kb(bin: &Path, args: &[&std::ffi::OsStr]) -> u64 {
    let child = std::process::Command::new(bin)
        .arg("check")
        .args(args)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("run check");
    let pid = child.id() as libc::pid_t;
    let mut status = 0;
    // SAFETY: rusage is plain data that wait4 fills; the pid is our own child, reaped
    // here (the Child handle is not waited on again).
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    let reaped = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    assert_eq!(reaped, pid, "wait4 failed");
    usage.ru_maxrss as u64
}

/// `check`'s peak memory over `files` generated agents: (text, JSON) in MB.
fn check_peak_memory(bin: &Path, files: usize) -> (f64, f64) {
    let root = std::env::temp_dir().join(format!("agent-lsp-bench-mem-{}", std::process::id()));
    generate_agents(&root, files, 700);
    let text = peak_rss_kb(bin, &[root.as_os_str()]);
    let json = peak_rss_kb(
        bin,
        &["--format".as_ref(), "json".as_ref(), root.as_os_str()],
    );
    let _ = std::fs::remove_dir_all(&root);
    (text as f64 / 1024.0, json as f64 / 1024.0)
}

/// The workspace index figures.
struct IndexFigures {
    index_ms: f64,
    during: usize,
    hover_p99: f64,
    completion_p99: f64,
    rss_mb: f64,
    rename_ms: f64,
    rename_edits: usize,
    /// Keystroke → diagnostics p50/p99 on one of five open files once indexed.
    keystroke: (f64, f64),
    /// Resident memory after the keystrokes and the rename (the live workspace built).
    rss_after_mb: f64,
}

/// Starts the server on `files` generated agents, the first `referencing` of which name
/// `agent-0` in `Agent(…)`; measures hover and completion on an open file while the
/// folder is indexed in the background, then memory and a rename of `agent-0`.
fn index_figures(bin: &Path, files: usize, referencing: usize) -> IndexFigures {
    let root = std::env::temp_dir().join(format!("agent-lsp-bench-index-{}", std::process::id()));
    let dir = root.join(".claude/agents");
    std::fs::create_dir_all(&dir).expect("create bench folder");
    let sample = agent_file(1_500);
    for i in 0..files {
        let mut text = sample.replacen("name: bench-agent", &format!("name: agent-{i}"), 1);
        if i > 0 && i <= referencing {
            text = text.replacen("tools: Read,", "tools: Agent(agent-0), Read,", 1);
        }
        std::fs::write(dir.join(format!("agent-{i:06}.md")), text).expect("write bench file");
    }
    let root_uri = format!("file://{}", root.display());
    let mut server = Server::start_binary_with_env(bin, &[("CLAUDE_CONFIG_DIR", "/nonexistent")]);
    server.request(
        "initialize",
        json!({"processId": null, "rootUri": root_uri, "capabilities": {
            "window": {"workDoneProgress": true},
            "workspace": {"workspaceEdit": {"documentChanges": true}}
        }}),
    );
    let t = Instant::now();
    server.notify("initialized", json!({}));
    let create = server
        .wait(|m| m["method"] == "window/workDoneProgress/create")
        .expect("progress created");
    server.send(&json!({"jsonrpc": "2.0", "id": create["id"], "result": null}));
    let uri = format!("{root_uri}/.claude/agents/agent-000001.md");
    let text = std::fs::read_to_string(dir.join("agent-000001.md")).expect("read");
    server.open(&uri, &text);
    let (mut hover, mut completion) = (Vec::new(), Vec::new());
    let ended = |m: &Value| m["method"] == "$/progress" && m["params"]["value"]["kind"] == "end";
    let at = |line: u32, character: u32| json!({"textDocument": {"uri": uri}, "position": {"line": line, "character": character}});
    let tools_line = text
        .lines()
        .position(|l| l.starts_with("tools:"))
        .expect("tools") as u32;
    let index_ms = loop {
        if let Some(i) = server.backlog.iter().position(ended) {
            server.backlog.remove(i);
            break ms(t.elapsed());
        }
        let s = Instant::now();
        server.request("textDocument/hover", at(tools_line, 30));
        hover.push(ms(s.elapsed()));
        let s = Instant::now();
        server.request("textDocument/completion", at(tools_line, 30));
        completion.push(ms(s.elapsed()));
    };
    let during = hover.len();
    let rss_mb = rss_kb(server.child.id()).unwrap_or(0) as f64 / 1024.0;
    for i in 2..6 {
        let name = format!("agent-{i:06}.md");
        let other = std::fs::read_to_string(dir.join(&name)).expect("read");
        server.open(&format!("{root_uri}/.claude/agents/{name}"), &other);
    }
    let mut typed = keystrokes(&mut server, &uri, &text, 200);
    let keystroke = (pct(&mut typed, 50.0), pct(&mut typed, 99.0));
    let s = Instant::now();
    let mut rename = at(tools_line, 14);
    rename["newName"] = json!("agent-zero");
    let edit = server.request("textDocument/rename", rename);
    let rename_ms = ms(s.elapsed());
    let rename_edits = edit["changes"].as_object().map_or(0, |c| c.len());
    let rss_after_mb = rss_kb(server.child.id()).unwrap_or(0) as f64 / 1024.0;
    let _ = server.shutdown();
    let _ = std::fs::remove_dir_all(&root);
    let p99 = |xs: &mut Vec<f64>| if xs.is_empty() { 0.0 } else { pct(xs, 99.0) };
    IndexFigures {
        index_ms,
        during,
        hover_p99: p99(&mut hover),
        completion_p99: p99(&mut completion),
        rss_mb,
        rename_ms,
        rename_edits,
        keystroke,
        rss_after_mb,
    }
}

fn print_index_figures(files: usize, f: &IndexFigures) {
    println!(
        "index: {files} agent files in {:.0} ms (background, to the progress end); hover/completion p99 while indexing {:.2} / {:.2} ms ({} samples); RSS indexed {:.1} MB; rename across {} files {:.1} ms; keystroke→diag p50/p99 with 5 files open {:.2} / {:.2} ms; RSS after them and the rename {:.1} MB",
        f.index_ms, f.hover_p99, f.completion_p99, f.during, f.rss_mb, f.rename_edits, f.rename_ms, f.keystroke.0, f.keystroke.1, f.rss_after_mb
    );
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let opt = |name: &str, default: usize| {
        args.iter()
            .position(|a| a == name)
            .and_then(|i| args.get(i + 1))
            .and_then(|v| v.parse().ok())
            .unwrap_or(default)
    };
    let n = opt("--n", 400);
    let files = opt("--files", 10_000);
    let docs = opt("--docs", 200);
    let memory_files = opt("--memory-files", 100_000);
    // Examples live in target/<profile>/examples/; the server binary one folder up.
    let exe = std::env::current_exe().expect("own path");
    let bin: PathBuf = match args.iter().position(|a| a == "--server") {
        Some(i) => PathBuf::from(args.get(i + 1).expect("--server PATH")),
        None => exe
            .parent()
            .and_then(Path::parent)
            .expect("target folder")
            .join("agent-lsp"),
    };
    assert!(
        bin.exists(),
        "build the server first: cargo build --release (looked for {})",
        bin.display()
    );
    if files > 0 {
        print_index_figures(files, &index_figures(&bin, files, 1_000));
    }
    if args.iter().any(|a| a == "--index-only") {
        return;
    }

    let t = Instant::now();
    let mut server = Server::start_binary(&bin);
    // The completion capabilities VS Code and Neovim declare: documentation comes
    // through completionItem/resolve, so the list itself stays small.
    server.request(
        "initialize",
        json!({"processId": null, "rootUri": null, "capabilities": {
            "general": {"positionEncodings": ["utf-16"]},
            "textDocument": {"completion": {"completionItem": {
                "snippetSupport": true,
                "documentationFormat": ["markdown", "plaintext"],
                "resolveSupport": {"properties": ["documentation", "detail"]}
            }}}
        }}),
    );
    server.notify("initialized", json!({}));
    let init_ms = ms(t.elapsed());

    println!(
        "agent-lsp benchmark ({} samples per figure, release build, over stdio)",
        n
    );
    println!("initialize: {init_ms:.2} ms");
    println!(
        "{:>8} {:>22} {:>22} {:>22} {:>10}",
        "file", "keystroke→diag p50/p99", "hover p50/p99", "completion p50/p99", "RSS"
    );
    for (label, size, uri) in [
        ("6 KB", 6 * 1024, "file:///bench/.claude/agents/small.md"),
        (
            "1 MB",
            1024 * 1024 - 1,
            "file:///bench/.claude/agents/large.md",
        ),
    ] {
        let text = agent_file(size);
        let f = measure(&mut server, uri, &text, n);
        println!(
            "{label:>8} {:>10.3} / {:>7.3} ms {:>10.3} / {:>7.3} ms {:>10.3} / {:>7.3} ms {:>7.1} MB",
            f.change_p50,
            f.change_p99,
            f.hover_p50,
            f.hover_p99,
            f.completion_p50,
            f.completion_p99,
            f.rss_kb.unwrap_or(0) as f64 / 1024.0
        );
        server.notify(
            "textDocument/didClose",
            json!({"textDocument": {"uri": uri}}),
        );
    }
    worst_cases(&mut server, opt("--worst-n", 20));
    let _ = server.shutdown();
    let m = open_documents_memory(&bin, docs);
    let mb = |b: u64| b as f64 / 1e6;
    println!(
        "{docs} open documents: {:.1} MB of text; resident {:.1} MB ({:.2}× the text), {:.1} MB more than idle ({:.2}×)",
        mb(m.text),
        mb(m.open),
        m.open as f64 / m.text as f64,
        mb(m.open.saturating_sub(m.idle)),
        m.open.saturating_sub(m.idle) as f64 / m.text as f64
    );
    if files > 0 {
        let (secs, rate) = check_throughput(&bin, files);
        println!("check: {files} files in {secs:.3} s ({rate:.0} files/s)");
    }
    if memory_files > 0 {
        let (text, json) = check_peak_memory(&bin, memory_files);
        println!(
            "check peak memory on {memory_files} files: {text:.1} MB (text), {json:.1} MB (--format json)"
        );
    }
    println!("{TARGETS}");
}
