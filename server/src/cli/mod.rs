//! The command line: `serve` (the default), `check`, `inspect`, `explain`.
#![allow(clippy::print_stdout)]

pub mod check;
pub mod explain;
pub mod inspect;

use crate::analysis::Severity;
use crate::settings::Settings;
use std::io::Write;
use std::path::PathBuf;
use std::sync::Arc;

pub const USAGE: &str = "\
agent-lsp: a language server and checker for AI agent definition files
(Claude Code subagents, commands and skills; GitHub Copilot agents and prompts)

Usage:
  agent-lsp [serve]                     run the language server on stdin/stdout
  agent-lsp check [PATH...] [options]   check agent files (default: the current folder)
      --format text|json                output format (default: text)
      --fix                             apply the safe quick fixes to the files
      --plugin                          read files as plugin agents (<plugin>/agents/)
  agent-lsp inspect FILE [options]      show what Claude Code loads from FILE
      --format text|json                output format (default: text)
      --plugin                          as a plugin agent instead of a project agent
  agent-lsp explain [CODE]              explain a rule, with an example (no CODE: list them)
  agent-lsp --version | --help

check walks folders for .claude/agents/**/*.md as Claude Code does; a file named
explicitly is always checked. Exit status: 0 clean, 1 errors found, 2 bad usage.";

pub enum Format {
    Text,
    Json,
}

pub struct Options {
    pub format: Format,
    pub fix: bool,
    pub plugin: bool,
    pub paths: Vec<PathBuf>,
}

/// Parses the options after the subcommand.
pub fn parse_options(args: &[String]) -> Result<Options, String> {
    let mut o = Options {
        format: Format::Text,
        fix: false,
        plugin: false,
        paths: Vec::new(),
    };
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--format" => {
                o.format = match it.next().map(String::as_str) {
                    Some("json") => Format::Json,
                    Some("text") => Format::Text,
                    other => {
                        return Err(format!(
                            "--format takes text or json, not {}",
                            other.unwrap_or("nothing")
                        ))
                    }
                }
            }
            "--format=json" => o.format = Format::Json,
            "--format=text" => o.format = Format::Text,
            "--fix" => o.fix = true,
            "--plugin" => o.plugin = true,
            s if s.starts_with('-') && s.len() > 1 => return Err(format!("unknown option {s}")),
            s => o.paths.push(PathBuf::from(s)),
        }
    }
    Ok(o)
}

/// Writes to stdout, ending quietly when the reader has gone (`| head`).
fn emit(s: &str) {
    let mut out = std::io::stdout().lock();
    let _ = out.write_all(s.as_bytes());
    let _ = out.flush();
}

pub fn run_check(opts: Options) -> i32 {
    let paths = if opts.paths.is_empty() {
        vec![PathBuf::from(".")]
    } else {
        opts.paths.clone()
    };
    let (files, problems) = check::discover(&paths);
    for p in &problems {
        eprintln!("agent-lsp: {p}");
    }
    let color = matches!(opts.format, Format::Text)
        && std::env::var_os("NO_COLOR").is_none()
        && is_terminal();
    let mut results = Vec::new();
    let mut settings = check::SettingsCache::default();
    let mut counts = [0usize; 4];
    let (mut loads, mut agents, mut unreadable) = (0, 0, problems.len());
    // Settings are read once per workspace, before the files are checked in parallel.
    let mut config_problems = Vec::new();
    let file_settings: Vec<Arc<Settings>> = files
        .iter()
        .map(|f| settings.for_file(f, &mut config_problems))
        .collect();
    for p in &config_problems {
        eprintln!("agent-lsp: {p}");
    }
    for (f, outcome) in files
        .iter()
        .zip(check_all(&files, &file_settings, opts.plugin, opts.fix))
    {
        match outcome {
            Ok(c) => {
                for d in &c.analysis.diagnostics {
                    counts[d.severity as usize] += 1;
                }
                if let Some(l) = &c.analysis.loaded {
                    agents += 1;
                    loads += usize::from(l.loads());
                }
                if matches!(opts.format, Format::Text) {
                    emit(&check::render_text(&c, color));
                }
                results.push(c);
            }
            Err(e) => {
                unreadable += 1;
                eprintln!("agent-lsp: {}: {e}", f.display());
            }
        }
    }
    let summary = format!(
        "{} file{} checked: {} error{}, {} warning{}, {} info, {} hint{}; {loads} of {agents} agents load{}",
        files.len(),
        if files.len() == 1 { "" } else { "s" },
        counts[0],
        if counts[0] == 1 { "" } else { "s" },
        counts[1],
        if counts[1] == 1 { "" } else { "s" },
        counts[2],
        counts[3],
        if counts[3] == 1 { "" } else { "s" },
        if results.iter().any(|c| c.fixed) {
            format!("; fixed {} file(s)", results.iter().filter(|c| c.fixed).count())
        } else {
            String::new()
        }
    );
    match opts.format {
        Format::Text => emit(&format!("{summary}\n")),
        Format::Json => {
            let doc = serde_json::json!({
                "files": results.iter().map(check::to_json).collect::<Vec<_>>(),
                "summary": {
                    "files": files.len(), "errors": counts[0], "warnings": counts[1],
                    "infos": counts[2], "hints": counts[3], "agents": agents, "agentsLoading": loads,
                },
            });
            emit(&format!(
                "{}\n",
                serde_json::to_string_pretty(&doc).unwrap_or_default()
            ));
        }
    }
    i32::from(counts[Severity::Error as usize] > 0 || unreadable > 0)
}

/// Checks every file on all cores; results come back in the order of `files`.
fn check_all(
    files: &[PathBuf],
    settings: &[Arc<Settings>],
    plugin: bool,
    fix: bool,
) -> Vec<std::io::Result<check::Checked>> {
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::sync::Mutex;
    let next = AtomicUsize::new(0);
    let slots: Vec<Mutex<Option<std::io::Result<check::Checked>>>> =
        files.iter().map(|_| Mutex::new(None)).collect();
    let workers = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(files.len().max(1));
    std::thread::scope(|scope| {
        for _ in 0..workers {
            scope.spawn(|| loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                let (Some(f), Some(s)) = (files.get(i), settings.get(i)) else {
                    break;
                };
                // One file's internal error must not end the whole run.
                let result = std::panic::catch_unwind(|| check::check_file(f, plugin, fix, s))
                    .unwrap_or_else(|_| {
                        Err(std::io::Error::other(
                            "internal error while checking this file (please report it)",
                        ))
                    });
                *slots[i].lock().unwrap_or_else(|p| p.into_inner()) = Some(result);
            });
        }
    });
    slots
        .into_iter()
        .map(|m| {
            m.into_inner()
                .unwrap_or_else(|p| p.into_inner())
                .unwrap_or_else(|| Err(std::io::Error::other("not checked")))
        })
        .collect()
}

pub fn run_explain(args: &[String]) -> i32 {
    match explain::run(args) {
        Ok(text) => {
            emit(&text);
            0
        }
        Err(e) => {
            eprintln!("agent-lsp explain: {e}");
            2
        }
    }
}

pub fn run_inspect(opts: Options) -> i32 {
    let [file] = opts.paths.as_slice() else {
        eprintln!("agent-lsp inspect: give exactly one FILE\n\n{USAGE}");
        return 2;
    };
    let text = match check::read(file) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("agent-lsp: {}: {e}", file.display());
            return 1;
        }
    };
    let report = inspect::report(file, &text, opts.plugin);
    match opts.format {
        Format::Json => emit(&format!(
            "{}\n",
            serde_json::to_string_pretty(&report).unwrap_or_default()
        )),
        Format::Text => emit(&inspect::render_text(&report)),
    }
    0
}

fn is_terminal() -> bool {
    use std::io::IsTerminal;
    std::io::stdout().is_terminal()
}
