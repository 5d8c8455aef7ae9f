//! The workspace index on multi-file fixtures (`tests/fixtures/workspace/index/*.txt`):
//! each fixture is one text holding several files (`==> path <==` sections; `~/…` is the
//! user's Claude Code folder) with cursor markers (`‸`). The snapshot holds what `check`
//! reports for the whole tree (the CLI builds the same index), what the editor pulls
//! (`workspace/diagnostic`, closed files included), and for each cursor the answers to
//! definition, references, prepareRename, rename and documentHighlight; for each file
//! with a cursor, its code lens, folding ranges and document links; and the workspace
//! symbols of the query a `# symbols: …` line gives.

use crate::support::disk::{run_cli, Tree};
use crate::support::rpc::Server;
use serde_json::{json, Value};
use std::fmt::Write;
use std::time::Duration;

const CURSOR: char = '‸';
const LIMIT: Duration = Duration::from_secs(30);
/// The user's folder, below a tree of its own (as `~/.claude` is outside projects).
const USER: &str = ".claude";

/// One file of a fixture: its path as written, its text without markers, and the byte
/// offsets of its cursors.
struct File {
    path: String,
    text: String,
    cursors: Vec<usize>,
}

fn parse(fixture: &str) -> (Vec<File>, Vec<(String, String)>) {
    let mut files: Vec<File> = Vec::new();
    let mut headers = Vec::new();
    for line in fixture.split_inclusive('\n') {
        if let Some(p) = line
            .trim_end()
            .strip_prefix("==> ")
            .and_then(|l| l.strip_suffix(" <=="))
        {
            files.push(File {
                path: p.to_string(),
                text: String::new(),
                cursors: Vec::new(),
            });
        } else if let Some(f) = files.last_mut() {
            for (i, part) in line.split(CURSOR).enumerate() {
                if i > 0 {
                    f.cursors.push(f.text.len());
                }
                f.text.push_str(part);
            }
        } else if let Some((k, v)) = line.strip_prefix("# ").and_then(|l| l.split_once(": ")) {
            headers.push((k.to_string(), v.trim().to_string()));
        }
    }
    (files, headers)
}

/// The project's tree and the user's home.
struct Trees {
    project: Tree,
    home: Tree,
}

impl Trees {
    /// Where a fixture path lives on disk.
    fn path(&self, path: &str) -> std::path::PathBuf {
        match path.strip_prefix("~/") {
            Some(rest) => self.home.path(rest),
            None => self.project.path(path),
        }
    }

    fn uri(&self, path: &str) -> String {
        match path.strip_prefix("~/") {
            Some(rest) => self.home.uri(rest),
            None => self.project.uri(path),
        }
    }

    fn user_folder(&self) -> String {
        self.home.path(USER).to_string_lossy().into_owned()
    }
}

/// A URI back as the fixture names it.
fn shown(trees: &Trees, uri: &str) -> String {
    let (home, root) = (trees.home.uri(""), trees.project.uri(""));
    if let Some(rest) = uri.strip_prefix(&home) {
        return format!("~/{}", rest.trim_start_matches('/'));
    }
    let rel = uri.strip_prefix(&root).unwrap_or(uri);
    rel.trim_start_matches('/').to_string()
}

/// `path:line:col-line:col «text»` (0-based, UTF-8 columns) for a location.
fn place(tree: &Trees, uri: &str, range: &Value) -> String {
    let path = shown(tree, uri);
    let on_disk = std::fs::read_to_string(tree.path(&path)).unwrap_or_default();
    let pos = |p: &Value| {
        (
            p["line"].as_u64().unwrap_or(0),
            p["character"].as_u64().unwrap_or(0),
        )
    };
    let ((l1, c1), (l2, c2)) = (pos(&range["start"]), pos(&range["end"]));
    let text = if l1 == l2 {
        let line = on_disk.lines().nth(l1 as usize).unwrap_or_default();
        line.get(c1 as usize..c2 as usize)
            .unwrap_or_default()
            .to_string()
    } else {
        String::from("…")
    };
    format!("{path}:{l1}:{c1}-{l2}:{c2} «{text}»")
}

fn start(tree: &Trees) -> Server {
    let caps = json!({
        "general": {"positionEncodings": ["utf-8"]},
        "workspace": {"workspaceEdit": {"documentChanges": true, "resourceOperations": ["rename"]}}
    });
    start_with(tree, caps).0
}

/// The server on `tree` with the client capabilities `caps`, and its `initialize` answer.
fn start_with(tree: &Trees, caps: Value) -> (Server, Value) {
    let mut s = Server::start_with_env(&[("CLAUDE_CONFIG_DIR", &tree.user_folder())]);
    let init = s.request_raw(
        "initialize",
        json!({"processId": null, "rootUri": tree.project.uri(""), "capabilities": caps}),
    );
    s.initialized();
    (s, init)
}

fn run(name: &str, fixture: &str) -> String {
    let (files, headers) = parse(fixture);
    let tree = Trees {
        project: Tree::new(&format!("index-{name}")),
        home: Tree::new(&format!("index-home-{name}")),
    };
    tree.project.mkdir(".git");
    for f in &files {
        let p = tree.path(&f.path);
        std::fs::create_dir_all(p.parent().expect("folder")).expect("mkdir");
        std::fs::write(p, &f.text).expect("write");
    }
    let mut out = String::new();
    check_output(&tree, &mut out);
    let mut s = start(&tree);
    for f in files.iter().filter(|f| !f.cursors.is_empty()) {
        s.open(&tree.uri(&f.path), &f.text);
    }
    pulled(&mut s, &tree, &mut out);
    let rename_to = header(&headers, "rename").unwrap_or("renamed");
    for f in files.iter().filter(|f| !f.cursors.is_empty()) {
        for &c in &f.cursors {
            cursor(&mut s, &tree, f, c, rename_to, &mut out);
        }
        per_file(&mut s, &tree, f, &mut out);
    }
    if let Some(q) = header(&headers, "symbols") {
        symbols(&mut s, &tree, q, &mut out);
    }
    s.shutdown();
    out
}

fn header<'a>(headers: &'a [(String, String)], key: &str) -> Option<&'a str> {
    headers
        .iter()
        .find(|(k, _)| k == key)
        .map(|(_, v)| v.as_str())
}

/// `check .`'s findings (its JSON, one line each), paths relative to the root.
fn check_output(tree: &Trees, out: &mut String) {
    let user = tree.user_folder();
    let env = [("CLAUDE_CONFIG_DIR", user.as_str())];
    let args = ["check", ".", "--allow-empty", "--format", "json"];
    let o = run_cli(&args, &tree.project.0, &env, LIMIT);
    let report: Value = serde_json::from_slice(&o.stdout).unwrap_or_default();
    out.push_str("## check\n");
    for f in report["files"].as_array().into_iter().flatten() {
        let file = f["file"]
            .as_str()
            .unwrap_or_default()
            .trim_start_matches("./");
        for d in f["diagnostics"].as_array().into_iter().flatten() {
            let start = &d["range"]["start"];
            let _ = writeln!(
                out,
                "{file}:{}:{}: {}[{}]: {}",
                start["line"],
                start["column"],
                d["severity"].as_str().unwrap_or_default(),
                d["code"].as_str().unwrap_or_default(),
                d["message"].as_str().unwrap_or_default()
            );
        }
    }
}

/// What `workspace/diagnostic` reports, file by file, only the workspace rules' codes.
fn pulled(s: &mut Server, tree: &Trees, out: &mut String) {
    let r = s.request_raw("workspace/diagnostic", json!({"previousResultIds": []}));
    let mut lines = Vec::new();
    for item in r["result"]["items"].as_array().into_iter().flatten() {
        let uri = item["uri"].as_str().unwrap_or_default();
        for d in item["items"].as_array().into_iter().flatten() {
            let code = d["code"].as_str().unwrap_or_default();
            let severity = d["severity"].as_u64().unwrap_or(0);
            lines.push(format!(
                "{} {code} (severity {severity})",
                place(tree, uri, &d["range"])
            ));
        }
    }
    lines.sort();
    out.push_str("## workspace/diagnostic\n");
    for l in lines {
        out.push_str(&l);
        out.push('\n');
    }
}

fn position(text: &str, offset: usize) -> Value {
    let before = &text[..offset];
    let line = before.matches('\n').count();
    let col = before.len() - before.rfind('\n').map_or(0, |i| i + 1);
    json!({"line": line, "character": col})
}

fn locations(tree: &Trees, v: &Value) -> Vec<String> {
    v.as_array()
        .into_iter()
        .flatten()
        .map(|l| place(tree, l["uri"].as_str().unwrap_or_default(), &l["range"]))
        .collect()
}

fn cursor(s: &mut Server, tree: &Trees, f: &File, at: usize, new_name: &str, out: &mut String) {
    let uri = tree.uri(&f.path);
    let pos = position(&f.text, at);
    let doc = json!({"textDocument": {"uri": uri}, "position": pos});
    let _ = writeln!(
        out,
        "\n## cursor {}:{}:{}",
        f.path, pos["line"], pos["character"]
    );
    let def = s.request_raw("textDocument/definition", doc.clone());
    let _ = writeln!(out, "definition: {:#?}", locations(tree, &def["result"]));
    let mut refs_params = doc.clone();
    refs_params["context"] = json!({"includeDeclaration": true});
    let refs = s.request_raw("textDocument/references", refs_params);
    let _ = writeln!(out, "references: {:#?}", locations(tree, &refs["result"]));
    let hl = s.request_raw("textDocument/documentHighlight", doc.clone());
    let hls: Vec<String> = hl["result"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|h| format!("{} kind {}", place(tree, &uri, &h["range"]), h["kind"]))
        .collect();
    let _ = writeln!(out, "highlight: {hls:#?}");
    let prep = s.request_raw("textDocument/prepareRename", doc.clone());
    match prep.get("error") {
        Some(e) => {
            let _ = writeln!(out, "prepareRename: refused: {}", e["message"]);
            return;
        }
        None => {
            let r = &prep["result"];
            let _ = writeln!(
                out,
                "prepareRename: {} placeholder {}",
                place(tree, &uri, &r["range"]),
                r["placeholder"]
            );
        }
    }
    let mut rename = doc;
    rename["newName"] = json!(new_name);
    let r = s.request_raw("textDocument/rename", rename);
    let _ = writeln!(out, "rename to {new_name}:");
    if let Some(e) = r.get("error") {
        let _ = writeln!(out, "  refused: {}", e["message"]);
        return;
    }
    for change in r["result"]["documentChanges"]
        .as_array()
        .into_iter()
        .flatten()
    {
        if let Some(edits) = change["edits"].as_array() {
            let file = change["textDocument"]["uri"].as_str().unwrap_or_default();
            for e in edits {
                let _ = writeln!(
                    out,
                    "  {} -> {}",
                    place(tree, file, &e["range"]),
                    e["newText"]
                );
            }
        } else {
            let (from, to) = (change["oldUri"].as_str(), change["newUri"].as_str());
            let _ = writeln!(
                out,
                "  {} {} -> {}",
                change["kind"].as_str().unwrap_or_default(),
                shown(tree, from.unwrap_or_default()),
                shown(tree, to.unwrap_or_default())
            );
        }
    }
}

fn per_file(s: &mut Server, tree: &Trees, f: &File, out: &mut String) {
    let uri = tree.uri(&f.path);
    let doc = json!({"textDocument": {"uri": uri}});
    let _ = writeln!(out, "\n## file {}", f.path);
    let lens = s.request_raw("textDocument/codeLens", doc.clone());
    for l in lens["result"].as_array().into_iter().flatten() {
        let _ = writeln!(
            out,
            "lens: {} {}",
            place(tree, &uri, &l["range"]),
            l["command"]["title"]
        );
    }
    let folds = s.request_raw("textDocument/foldingRange", doc.clone());
    for r in folds["result"].as_array().into_iter().flatten() {
        let _ = writeln!(
            out,
            "fold: {}-{} {}",
            r["startLine"], r["endLine"], r["collapsedText"]
        );
    }
    let links = s.request_raw("textDocument/documentLink", doc);
    for l in links["result"].as_array().into_iter().flatten() {
        let target = shown(tree, l["target"].as_str().unwrap_or_default());
        let _ = writeln!(out, "link: {} -> {target}", place(tree, &uri, &l["range"]));
    }
}

fn symbols(s: &mut Server, tree: &Trees, query: &str, out: &mut String) {
    let r = s.request_raw("workspace/symbol", json!({"query": query}));
    let _ = writeln!(out, "\n## workspace/symbol {query:?}");
    for sym in r["result"].as_array().into_iter().flatten() {
        let loc = &sym["location"];
        let _ = writeln!(
            out,
            "{} ({}, kind {}) {}",
            sym["name"].as_str().unwrap_or_default(),
            sym["containerName"].as_str().unwrap_or_default(),
            sym["kind"],
            place(tree, loc["uri"].as_str().unwrap_or_default(), &loc["range"])
        );
    }
}

#[test]
fn every_fixture_as_check_and_the_editor_see_it() {
    let dir =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/workspace/index");
    let mut names: Vec<_> = std::fs::read_dir(&dir)
        .expect("fixtures")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    names.sort();
    assert!(!names.is_empty());
    let mut settings = insta::Settings::clone_current();
    settings.set_prepend_module_to_snapshot(false);
    settings.bind(|| {
        for path in names {
            let name = path
                .file_stem()
                .unwrap_or_default()
                .to_string_lossy()
                .into_owned();
            let text = crate::support::read(&path);
            insta::assert_snapshot!(format!("index@{name}"), run(&name, &text));
        }
    });
}

const WORKER: &str = "---\nname: worker\ndescription: Works.\n---\nWork.\n";
const LEAD: &str = "---\nname: lead\ndescription: Leads.\ntools: Agent(worker)\n---\nLead.\n";

/// A project with two agents, `lead` naming `worker`, both open: the tree, the server,
/// and the URIs of worker.md and lead.md.
fn worker_and_lead(name: &str) -> (Trees, Server, String, String) {
    let tree = worker_and_lead_tree(name);
    let s = start(&tree);
    open_worker_and_lead(tree, s)
}

/// The project of [`worker_and_lead`], not yet served.
fn worker_and_lead_tree(name: &str) -> Trees {
    let tree = Trees {
        project: Tree::new(name),
        home: Tree::new(&format!("{name}-home")),
    };
    tree.project.mkdir(".git");
    tree.project.write(".claude/agents/worker.md", WORKER);
    tree.project.write(".claude/agents/lead.md", LEAD);
    tree
}

/// Opens lead.md, then worker.md.
fn open_worker_and_lead(tree: Trees, mut s: Server) -> (Trees, Server, String, String) {
    let (w, l) = (
        tree.uri(".claude/agents/worker.md"),
        tree.uri(".claude/agents/lead.md"),
    );
    s.open(&l, LEAD);
    s.open(&w, WORKER);
    (tree, s, w, l)
}

/// An edit re-indexes its file: renaming an agent in one open buffer turns the reference
/// in another open buffer red at once, without saving; undoing it clears it.
#[test]
fn another_files_diagnostics_follow_an_edit() {
    let (_tree, mut s, w, l) = worker_and_lead("index-live");
    let worker = WORKER;
    let unknown = |d: &[Value]| d.iter().any(|d| d["code"] == "agent-unknown");
    assert!(!unknown(&s.diagnostics(&l, 1)));
    let change = |text: &str, version: i64| {
        json!({"textDocument": {"uri": w, "version": version},
               "contentChanges": [{"text": text}]})
    };
    s.notify(
        "textDocument/didChange",
        change(&worker.replace("worker", "worker-x"), 2),
    );
    let red = s
        .wait(|m| {
            m["method"] == "textDocument/publishDiagnostics"
                && m["params"]["uri"] == l
                && unknown(m["params"]["diagnostics"].as_array().map_or(&[], |v| v))
        })
        .expect("the reference turns red");
    let d = &red["params"]["diagnostics"];
    assert!(d.to_string().contains("did you mean `worker-x`?"), "{d}");
    s.notify("textDocument/didChange", change(worker, 3));
    let clear = s.wait(|m| {
        m["method"] == "textDocument/publishDiagnostics"
            && m["params"]["uri"] == l
            && !unknown(m["params"]["diagnostics"].as_array().map_or(&[], |v| v))
    });
    assert!(clear.is_some(), "the reference resolves again");
    s.shutdown();
}

/// An edit that only moves a name (lines added above it) re-analyses no other file, yet
/// navigation and rename point at where the name is now, not where it was.
#[test]
fn navigation_follows_an_edit_that_moves_a_name() {
    let (_tree, mut s, w, l) = worker_and_lead("index-moved");
    let worker = WORKER;
    s.diagnostics(&w, 1);
    let moved = worker.replace("---\nname", "---\n# one\n# two\nname");
    s.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": w, "version": 2}, "contentChanges": [{"text": moved}]}),
    );
    s.diagnostics(&w, 2);
    let at = json!({"textDocument": {"uri": l}, "position": {"line": 3, "character": 15}});
    let found = s.request("textDocument/definition", at.clone());
    assert_eq!(found[0]["range"]["start"]["line"], 3, "{found}");
    let mut rename = at;
    rename["newName"] = json!("doer");
    let edit = s.request("textDocument/rename", rename);
    let in_worker = edit["documentChanges"]
        .as_array()
        .into_iter()
        .flatten()
        .find(|c| c["textDocument"]["uri"] == w)
        .expect("an edit in worker.md");
    assert_eq!(in_worker["edits"][0]["range"]["start"]["line"], 3, "{edit}");
    s.shutdown();
}

/// A client that pulls diagnostics (and takes `workspace/diagnostic/refresh`) gets them
/// only by pulling: nothing is pushed for its documents, which would show each problem
/// twice (Neovim 0.11 listed both). A change in one file asks it to pull again.
#[test]
fn a_pulling_client_gets_no_pushed_diagnostics() {
    let tree = worker_and_lead_tree("index-pull");
    let caps = json!({
        "textDocument": {"diagnostic": {"dynamicRegistration": false}},
        "workspace": {"diagnostics": {"refreshSupport": true}}
    });
    let (s, init) = start_with(&tree, caps);
    let init = &init["result"];
    assert!(
        init["capabilities"]["diagnosticProvider"].is_object(),
        "{init}"
    );
    let (_tree, mut s, w, l) = open_worker_and_lead(tree, s);
    let renamed = WORKER.replace("worker", "worker-x");
    s.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": w, "version": 2}, "contentChanges": [{"text": renamed}]}),
    );
    let refresh = s
        .wait(|m| m["method"] == "workspace/diagnostic/refresh")
        .expect("asked to pull again");
    s.send(&json!({"jsonrpc": "2.0", "id": refresh["id"], "result": null}));
    let pulled = s.request(
        "textDocument/diagnostic",
        json!({"textDocument": {"uri": l}}),
    );
    assert!(pulled.to_string().contains("agent-unknown"), "{pulled}");
    let pushed = s
        .backlog
        .iter()
        .any(|m| m["method"] == "textDocument/publishDiagnostics");
    assert!(!pushed, "diagnostics were pushed to a pulling client");
    s.shutdown();
}
