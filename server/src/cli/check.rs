//! `agent-lsp check [PATH…]`: finds agent files the way Claude Code does and prints
//! diagnostics like a compiler, or as one JSON document.

use crate::analysis::{self, file_kind::FileKind, Analysis, Edit, Fix};
use crate::catalog::Format;
use crate::cli::render;
use crate::cli::write::{write_fixed, Roots};
use crate::discovery;
use crate::settings::{self, Settings};
use crate::text::Lines;
use crate::workspace::{self, FileProblem};
use serde_json::json;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Every file to check: files named explicitly, and below folders every file a catalog's
/// globs select (Claude Code agents, commands and skills, Copilot, OpenCode and Cursor
/// files), in a stable order, found by the one walker (see [`discovery`]). Paths that
/// could not be used come back as problems to report.
pub fn discover(paths: &[PathBuf]) -> (discovery::FileList, Vec<SkippedFile>) {
    let found = discovery::files_to_check(paths, &|p| Format::of_path(p).is_some());
    let skipped = found
        .skipped
        .iter()
        .map(|s| SkippedFile::new(&s.path, &s.why))
        .collect();
    (found.files, skipped)
}

/// A path `check` found but did not check (a special file, a file over its bound, a link
/// into a system folder, one it could not read), and why: reported on stderr, in JSON's
/// `skipped` and in SARIF's tool notifications.
#[derive(Clone, Debug)]
pub struct SkippedFile {
    pub path: PathBuf,
    pub reason: String,
}

impl SkippedFile {
    pub fn new(path: &Path, why: &dyn std::fmt::Display) -> SkippedFile {
        SkippedFile {
            path: path.to_path_buf(),
            reason: why.to_string(),
        }
    }

    pub fn to_json(&self) -> serde_json::Value {
        serde_json::json!({"path": self.path.display().to_string(), "reason": self.reason})
    }
}

/// What `check` looks for, as said when it finds nothing: every catalog's title.
pub fn supported() -> String {
    let titles: Vec<_> = Format::all().map(|f| f.catalog().title.as_str()).collect();
    titles.join(", ")
}

/// The kind a file is checked as: by its path, and always an agent unless the path
/// marks it as something else.
pub fn kind_of(path: &Path, plugin: bool) -> FileKind {
    if plugin {
        return FileKind::plugin_agent(path);
    }
    FileKind::from_path(path)
}

/// The settings of each workspace a run touches, read once per workspace root.
#[derive(Default)]
pub struct SettingsCache {
    by_root: HashMap<Option<PathBuf>, Arc<Settings>>,
    /// The root of each folder holding checked files: the search upwards is done once
    /// per folder, not per file.
    root_by_folder: HashMap<PathBuf, Option<PathBuf>>,
}

impl SettingsCache {
    /// The settings for `file`: `agent-lsp.toml` found from its folder upwards, and the
    /// workspace around it. A broken `agent-lsp.toml` or `.mcp.json` is reported once, as
    /// an error at its place in that file, and not used.
    pub fn for_file(&mut self, file: &Path, problems: &mut Vec<String>) -> Arc<Settings> {
        let folder = file.parent().unwrap_or(Path::new("")).to_path_buf();
        let root = self
            .root_by_folder
            .entry(folder)
            .or_insert_with(|| workspace::root_of(file))
            .clone();
        if let Some(s) = self.by_root.get(&root) {
            return s.clone();
        }
        let folder = settings::load(root.as_deref(), workspace::Scan::ForDiagnostics);
        let found = folder.config_problems.iter();
        problems.extend(found.chain(&folder.workspace.problems).map(problem_line));
        let settings = Arc::new(Settings::new(folder.config, folder.workspace));
        self.by_root.insert(root, settings.clone());
        settings
    }
}

/// A problem with a configuration file, as a compiler prints it (and as `check` prints
/// diagnostics: `severity[code]` when a rule declares it).
fn problem_line(p: &FileProblem) -> String {
    let (line, col) = p.human_position();
    let code = p.code.map(|c| format!("[{c}]")).unwrap_or_default();
    let severity = p.severity.as_str();
    format!(
        "{}:{line}:{col}: {severity}{code}: {}",
        p.file.display(),
        p.message
    )
}

/// Reads an agent file as the loader does (UTF-8, invalid bytes replaced), within the
/// agent bound; special files and system paths are refused with a reason.
pub fn read(path: &Path) -> std::io::Result<String> {
    read_checked(path).map(|(text, _)| text)
}

/// The text, and whether the bytes were valid UTF-8 (a file that was not must never be
/// written back: the replacement characters would overwrite the original bytes).
fn read_checked(path: &Path) -> std::io::Result<(String, bool)> {
    Ok(discovery::read_text(path, discovery::read::AGENT_FILE)?)
}

/// `text` with one fix's edits applied (they refer to `text`); None when they overlap or
/// fall outside it.
fn apply_fix(text: &str, fix: &Fix) -> Option<String> {
    let mut edits: Vec<&Edit> = fix.edits.iter().collect();
    edits.sort_by_key(|e| std::cmp::Reverse(e.range.start));
    let mut out = text.to_string();
    let mut limit = usize::MAX;
    for e in edits {
        let fits = e.range.end <= limit && e.range.end <= out.len();
        if !fits || !out.is_char_boundary(e.range.start) || !out.is_char_boundary(e.range.end) {
            return None;
        }
        out.replace_range(e.range.clone(), &e.new_text);
        limit = e.range.start;
    }
    Some(out)
}

fn loads(a: &Analysis) -> bool {
    a.loaded.as_ref().is_some_and(|l| l.loads())
}

/// At most this many fixes per file (each round re-reads the file).
const MAX_FIX_ROUNDS: usize = 64;

/// Applies the safe fixes one at a time, re-reading the file after each, and keeps a fix
/// only if an agent that loaded still loads: a fix that is right for its own rule can
/// still meet a file broken in another way.
pub fn apply_safe_fixes(
    text: &str,
    analysis: Analysis,
    kind: &FileKind,
    path: Option<&Path>,
    settings: &Settings,
) -> (String, Analysis, bool) {
    let (mut text, mut analysis) = (text.to_string(), analysis);
    let mut rejected: Vec<Fix> = Vec::new();
    let mut fixed = false;
    for _ in 0..MAX_FIX_ROUNDS {
        let candidate = analysis
            .diagnostics
            .iter()
            .filter_map(|d| d.fixes.iter().find(|f| f.safe))
            .find(|f| !rejected.contains(f))
            .cloned();
        let Some(fix) = candidate else { break };
        let after = apply_fix(&text, &fix).filter(|t| *t != text).map(|t| {
            let a = analysis::analyze_file(&t, kind, path, settings);
            (t, a)
        });
        match after {
            Some((t, a)) if loads(&a) || !loads(&analysis) => {
                text = t;
                analysis = a;
                fixed = true;
            }
            _ => rejected.push(fix),
        }
    }
    (text, analysis, fixed)
}

/// What `--fix` did to a file.
pub enum FixOutcome {
    /// Not asked for, or nothing to fix.
    Nothing,
    /// The fixes were written.
    Written,
    /// Left unchanged on purpose (the reason is a note).
    Skipped(String),
    /// Fixes were found but could not be written (the reason is an error).
    Failed(String),
}

pub struct Checked {
    pub path: PathBuf,
    /// The text the diagnostics refer to: the fixed text once written, else the file's.
    pub text: String,
    pub analysis: Analysis,
    pub fix: FixOutcome,
}

pub fn check_file(
    path: &Path,
    plugin: bool,
    fix: Option<&Roots>,
    settings: &Settings,
) -> std::io::Result<Checked> {
    let (text, utf8) = read_checked(path)?;
    let kind = kind_of(path, plugin);
    // The workspace's facts name files by their path below the (canonical) root.
    let abs = std::fs::canonicalize(path).ok();
    let analysis = analysis::analyze_file(&text, &kind, abs.as_deref(), settings);
    let checked = |text, analysis, fix| Checked {
        path: path.to_path_buf(),
        text,
        analysis,
        fix,
    };
    let Some(roots) = fix else {
        return Ok(checked(text, analysis, FixOutcome::Nothing));
    };
    if !utf8 {
        let why = "not valid UTF-8; --fix leaves it unchanged".to_string();
        return Ok(checked(text, analysis, FixOutcome::Skipped(why)));
    }
    let (fixed_text, fixed_analysis, fixed) =
        apply_safe_fixes(&text, analysis.clone(), &kind, abs.as_deref(), settings);
    if !fixed {
        return Ok(checked(text, analysis, FixOutcome::Nothing));
    }
    match write_fixed(path, text.as_bytes(), &fixed_text, roots) {
        Ok(()) => Ok(checked(fixed_text, fixed_analysis, FixOutcome::Written)),
        Err(why) => Ok(checked(text, analysis, FixOutcome::Failed(why))),
    }
}

/// Each diagnostic of one file as rustc prints one (see [`render::diagnostic`]), each
/// followed by a blank line.
pub fn render_text(c: &Checked, color: bool) -> String {
    let lines = Lines::new(&c.text);
    let path = c.path.display().to_string();
    c.analysis
        .diagnostics
        .iter()
        .map(|d| render::diagnostic(&path, &c.text, &lines, d, color) + "\n")
        .collect()
}

/// One file's result as JSON; `fixError` is there only when fixes were not written.
pub fn to_json(c: &Checked) -> serde_json::Value {
    let lines = Lines::new(&c.text);
    let pos = |o: usize| {
        let (l, col) = lines.human(o);
        json!({"line": l, "column": col})
    };
    let mut v = json!({
        "file": c.path.display().to_string(),
        "kind": c.analysis.kind.label(),
        "loads": c.analysis.loaded.as_ref().map(|l| l.loads()),
        "fixed": matches!(c.fix, FixOutcome::Written),
        "diagnostics": c.analysis.diagnostics.iter().map(|d| json!({
            "range": {"start": pos(d.range.start), "end": pos(d.range.end)},
            "severity": d.severity.as_str(),
            "code": d.code,
            "message": d.message,
            "fixes": d.fixes.iter().map(|f| json!({
                "title": f.title,
                "safe": f.safe,
                "edits": f.edits.iter().map(|e| json!({
                    "range": {"start": pos(e.range.start), "end": pos(e.range.end)},
                    "newText": e.new_text,
                })).collect::<Vec<_>>(),
            })).collect::<Vec<_>>(),
        })).collect::<Vec<_>>(),
    });
    if let (FixOutcome::Failed(why) | FixOutcome::Skipped(why), Some(obj)) =
        (&c.fix, v.as_object_mut())
    {
        obj.insert("fixError".into(), json!(why));
    }
    v
}
