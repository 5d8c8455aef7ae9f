//! The command line: `serve` (the default), `check`, `inspect`, `explain`.
#![allow(clippy::print_stdout)]

pub mod check;
pub mod explain;
pub mod inspect;
pub mod write;

use crate::analysis::Severity;
use crate::escape::escape;
use crate::settings::Settings;
use check::FixOutcome;
use std::io::Write;
use std::path::PathBuf;
use std::sync::Arc;
use write::Roots;

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

/// Files checked together: results are printed (or streamed as JSON) chunk by chunk, in
/// the order of discovery, so memory does not grow with the number of files.
const CHUNK: usize = 256;

pub fn run_check(opts: Options) -> i32 {
    let paths = if opts.paths.is_empty() {
        vec![PathBuf::from(".")]
    } else {
        opts.paths.clone()
    };
    let (files, problems) = check::discover(&paths);
    for p in &problems {
        eprintln!("agent-lsp: {}", escape(p));
    }
    let color = matches!(opts.format, Format::Text)
        && std::env::var_os("NO_COLOR").is_none()
        && is_terminal();
    let roots = opts.fix.then(|| Roots::new(&paths));
    let mut out = Output::start(&opts.format, color);
    let mut tally = Tally {
        failed: problems.len(),
        ..Tally::default()
    };
    let mut settings = check::SettingsCache::default();
    for chunk in files.chunks(CHUNK) {
        // Settings are read once per workspace, before the files are checked in parallel.
        let mut config_problems = Vec::new();
        let chunk_settings: Vec<Arc<Settings>> = chunk
            .iter()
            .map(|f| settings.for_file(f, &mut config_problems))
            .collect();
        for p in &config_problems {
            eprintln!("agent-lsp: {}", escape(p));
        }
        let results = check_all(chunk, &chunk_settings, opts.plugin, roots.as_ref());
        for (f, outcome) in chunk.iter().zip(results) {
            match outcome {
                Ok(c) => {
                    tally.add(&c);
                    out.file(&c);
                }
                Err(e) => {
                    tally.files += 1;
                    tally.failed += 1;
                    eprintln!(
                        "agent-lsp: {}: {}",
                        escape(&f.display().to_string()),
                        escape(&e.to_string())
                    );
                }
            }
        }
    }
    out.finish(&tally);
    i32::from(tally.counts[Severity::Error as usize] > 0 || tally.failed > 0)
}

/// What a run has seen so far, for the summary and the exit status.
#[derive(Default)]
struct Tally {
    files: usize,
    /// Diagnostics by severity.
    counts: [usize; 4],
    agents: usize,
    loads: usize,
    fixed: usize,
    /// Paths that could not be read, and files whose fixes could not be written.
    failed: usize,
}

impl Tally {
    /// Counts one file, and reports on stderr what `--fix` could not do to it.
    fn add(&mut self, c: &check::Checked) {
        self.files += 1;
        for d in &c.analysis.diagnostics {
            self.counts[d.severity as usize] += 1;
        }
        if let Some(l) = &c.analysis.loaded {
            self.agents += 1;
            self.loads += usize::from(l.loads());
        }
        let path = c.path.display().to_string();
        match &c.fix {
            FixOutcome::Nothing => {}
            FixOutcome::Written => self.fixed += 1,
            FixOutcome::Skipped(why) => eprintln!("agent-lsp: {}: {}", escape(&path), escape(why)),
            FixOutcome::Failed(why) => {
                self.failed += 1;
                eprintln!(
                    "agent-lsp: {}: fixes not written: {}",
                    escape(&path),
                    escape(why)
                );
            }
        }
    }

    fn summary_line(&self) -> String {
        let plural = |n: usize| if n == 1 { "" } else { "s" };
        let c = &self.counts;
        format!(
            "{} file{} checked: {} error{}, {} warning{}, {} info, {} hint{}; {} of {} agents load{}",
            self.files,
            plural(self.files),
            c[0],
            plural(c[0]),
            c[1],
            plural(c[1]),
            c[2],
            c[3],
            plural(c[3]),
            self.loads,
            self.agents,
            if self.fixed > 0 {
                format!("; fixed {} file(s)", self.fixed)
            } else {
                String::new()
            }
        )
    }

    fn summary_json(&self) -> serde_json::Value {
        let c = &self.counts;
        serde_json::json!({
            "files": self.files, "errors": c[0], "warnings": c[1], "infos": c[2],
            "hints": c[3], "agents": self.agents, "agentsLoading": self.loads,
        })
    }
}

/// Where results go as they come: compiler-style text, or one JSON document written
/// piece by piece (`{"files": [...], "summary": {...}}`, pretty-printed, summary last).
enum Output {
    Text { color: bool },
    Json { files: usize },
}

impl Output {
    fn start(format: &Format, color: bool) -> Output {
        match format {
            Format::Text => Output::Text { color },
            Format::Json => {
                emit("{\n  \"files\": [");
                Output::Json { files: 0 }
            }
        }
    }

    fn file(&mut self, c: &check::Checked) {
        match self {
            Output::Text { color } => emit(&check::render_text(c, *color)),
            Output::Json { files } => {
                let pretty = serde_json::to_string_pretty(&check::to_json(c)).unwrap_or_default();
                let sep = if *files == 0 { "\n" } else { ",\n" };
                emit(&format!("{sep}{}", indent(&pretty, "    ", true)));
                *files += 1;
            }
        }
    }

    fn finish(self, tally: &Tally) {
        match self {
            Output::Text { .. } => emit(&format!("{}\n", tally.summary_line())),
            Output::Json { files } => {
                let summary =
                    serde_json::to_string_pretty(&tally.summary_json()).unwrap_or_default();
                emit(&format!(
                    "{}],\n  \"summary\": {}\n}}\n",
                    if files > 0 { "\n  " } else { "" },
                    indent(&summary, "  ", false)
                ));
            }
        }
    }
}

/// `text` with `prefix` before each line (the first too when `first`), as pretty JSON
/// nested that deep.
fn indent(text: &str, prefix: &str, first: bool) -> String {
    let mut out = String::with_capacity(text.len() + 64);
    for (i, line) in text.lines().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        if i > 0 || first {
            out.push_str(prefix);
        }
        out.push_str(line);
    }
    out
}

/// Checks every file on all cores; results come back in the order of `files`.
fn check_all(
    files: &[PathBuf],
    settings: &[Arc<Settings>],
    plugin: bool,
    fix: Option<&Roots>,
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
            eprintln!(
                "agent-lsp: {}: {}",
                escape(&file.display().to_string()),
                escape(&e.to_string())
            );
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
