//! The command line: `serve` (the default), `check`, `inspect`, `explain`.
#![allow(clippy::print_stdout)]

pub mod check;
pub mod explain;
pub mod github;
pub mod inspect;
pub mod mcp;
pub mod render;
pub mod sarif;
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
(Claude Code subagents, commands and skills; GitHub Copilot agents, prompts and
instructions; OpenCode agents; Cursor rules)

Usage:
  agent-lsp [serve]                     run the language server on stdin/stdout
  agent-lsp check [PATH...] [options]   check agent files (default: the current folder)
      --format text|json|sarif|github   output format (default: text); sarif is a
                                        SARIF 2.1.0 log, github workflow commands
                                        (annotations in GitHub Actions)
      --min-severity error|warning|info|hint
                                        report only this level and above (default:
                                        info for text and github, hint for json and sarif)
      --quiet, -q                       show only errors and the summary (text, github)
      --color auto|always|never         color text output (default: auto, on a
                                        terminal unless NO_COLOR is set)
      --strict                          warnings fail the check too (exit 1)
      --allow-empty                     finding no file to check is not a failure
      --fix                             apply the safe quick fixes to the files
      --plugin                          read files as plugin agents (<plugin>/agents/)
  agent-lsp inspect FILE [options]      show what Claude Code loads from FILE
      --format text|json                output format (default: text)
      --plugin                          as a plugin agent instead of a project agent
      --all-tools                       how every tool that reads FILE's path reads it,
                                        side by side: loads?, name, keys it ignores
  agent-lsp explain [CODE]              explain a rule, with an example (no CODE: list them)
  agent-lsp mcp                         a Model Context Protocol server on stdin/stdout
                                        (tools: check, inspect, explain, list_rules)
  agent-lsp --version | --help

check walks folders for every format agent-lsp reads (Claude Code agents, commands and
skills, Copilot, OpenCode and Cursor files); a file named explicitly is always checked.
Exit status: 0 clean; 1 errors found (with --strict, warnings too), a path or file could
not be read or fixed, or no file was found (unless --allow-empty); 2 bad usage.";

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Text,
    Json,
    Sarif,
    Github,
}

impl Format {
    fn parse(s: Option<&str>) -> Result<Format, String> {
        match s {
            Some("text") => Ok(Format::Text),
            Some("json") => Ok(Format::Json),
            Some("sarif") => Ok(Format::Sarif),
            Some("github") => Ok(Format::Github),
            other => Err(format!(
                "--format takes text, json, sarif or github, not {}",
                other.unwrap_or("nothing")
            )),
        }
    }
}

pub struct Options {
    pub format: Format,
    pub fix: bool,
    pub plugin: bool,
    /// `inspect`: every tool's reading of the file.
    pub all_tools: bool,
    /// Warnings fail the check too.
    pub strict: bool,
    /// Finding no file to check is not a failure.
    pub allow_empty: bool,
    /// The least severe level reported; None: the format's default.
    pub min_severity: Option<Severity>,
    /// Only errors and the summary (text and github).
    pub quiet: bool,
    pub color: Color,
    pub paths: Vec<PathBuf>,
}

impl Options {
    /// Hints are for editors: terminals and annotations leave them out unless asked;
    /// the machine-readable formats carry everything.
    fn min_severity(&self) -> Severity {
        if self.quiet && matches!(self.format, Format::Text | Format::Github) {
            return Severity::Error;
        }
        self.min_severity.unwrap_or(match self.format {
            Format::Text | Format::Github => Severity::Info,
            Format::Json | Format::Sarif => Severity::Hint,
        })
    }
}

/// Whether text output is colored: `auto` on a terminal unless `NO_COLOR` is set.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Color {
    Auto,
    Always,
    Never,
}

impl Color {
    fn enabled(self) -> bool {
        match self {
            Color::Always => true,
            Color::Never => false,
            Color::Auto => std::env::var_os("NO_COLOR").is_none() && is_terminal(),
        }
    }
}

fn parse_color(s: Option<&str>) -> Result<Color, String> {
    match s {
        Some("auto") => Ok(Color::Auto),
        Some("always") => Ok(Color::Always),
        Some("never") => Ok(Color::Never),
        other => Err(format!(
            "--color takes auto, always or never, not {}",
            other.unwrap_or("nothing")
        )),
    }
}

fn parse_severity(s: Option<&str>) -> Result<Severity, String> {
    match s {
        Some("error") => Ok(Severity::Error),
        Some("warning") => Ok(Severity::Warning),
        Some("info") => Ok(Severity::Info),
        Some("hint") => Ok(Severity::Hint),
        other => Err(format!(
            "--min-severity takes error, warning, info or hint, not {}",
            other.unwrap_or("nothing")
        )),
    }
}

/// Parses the options after the subcommand.
pub fn parse_options(args: &[String]) -> Result<Options, String> {
    let mut o = Options {
        format: Format::Text,
        fix: false,
        plugin: false,
        all_tools: false,
        strict: false,
        allow_empty: false,
        min_severity: None,
        quiet: false,
        color: Color::Auto,
        paths: Vec::new(),
    };
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--format" => o.format = Format::parse(it.next().map(String::as_str))?,
            s if s.starts_with("--format=") => o.format = Format::parse(s.get(9..))?,
            "--min-severity" => {
                o.min_severity = Some(parse_severity(it.next().map(String::as_str))?)
            }
            s if s.starts_with("--min-severity=") => {
                o.min_severity = Some(parse_severity(s.get(15..))?)
            }
            "--color" => o.color = parse_color(it.next().map(String::as_str))?,
            s if s.starts_with("--color=") => o.color = parse_color(s.get(8..))?,
            "--quiet" | "-q" => o.quiet = true,
            "--strict" => o.strict = true,
            "--allow-empty" => o.allow_empty = true,
            "--fix" => o.fix = true,
            "--plugin" => o.plugin = true,
            "--all-tools" => o.all_tools = true,
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

/// glibc raises its mmap threshold to the size of each large block freed; past that,
/// large buffers (the growing lists of 100,000 files' facts) come from the heap, and the
/// space they leave when they grow stays resident: `check` on 100,000 files peaked at
/// 84 MB instead of 64. A fixed threshold keeps large blocks mapped, returned when
/// freed. Only for `check`: the server would map and fault in every 1 MB document's
/// text on each keystroke.
fn return_large_frees() {
    #[cfg(all(unix, target_env = "gnu"))]
    // SAFETY: mallopt only sets an allocator parameter; no other thread runs yet.
    unsafe {
        libc::mallopt(libc::M_MMAP_THRESHOLD, 128 * 1024);
    }
}

pub fn run_check(opts: Options) -> i32 {
    return_large_frees();
    let paths = if opts.paths.is_empty() {
        vec![PathBuf::from(".")]
    } else {
        opts.paths.clone()
    };
    let (files, skipped) = check::discover(&paths);
    let color = matches!(opts.format, Format::Text) && opts.color.enabled();
    let roots = opts.fix.then(|| Roots::new(&paths));
    let mut out = Output::start(&opts.format, color);
    let mut tally = Tally::default();
    for s in skipped {
        tally.skip(s);
    }
    let mut settings = check::SettingsCache::default();
    let min_severity = opts.min_severity();
    for start in (0..files.len()).step_by(CHUNK) {
        let chunk: Vec<PathBuf> = (start..files.len().min(start + CHUNK))
            .filter_map(|i| files.get(i))
            .collect();
        // Settings are read once per workspace, before the files are checked in parallel.
        let mut config_problems = Vec::new();
        let chunk_settings: Vec<Arc<Settings>> = chunk
            .iter()
            .map(|f| settings.for_file(f, &mut config_problems))
            .collect();
        for p in &config_problems {
            eprintln!("agent-lsp: {}", escape(p));
        }
        let results = check_all(&chunk, &chunk_settings, opts.plugin, roots.as_ref());
        for (f, outcome) in chunk.iter().zip(results) {
            match outcome {
                Ok(mut c) => {
                    // Counted in the summary and the exit status, shown only if asked.
                    tally.add(&c);
                    let all = c.analysis.diagnostics.len();
                    c.analysis
                        .diagnostics
                        .retain(|d| d.severity <= min_severity);
                    tally.hidden += all - c.analysis.diagnostics.len();
                    out.file(&c);
                }
                Err(e) => {
                    tally.files += 1;
                    tally.skip(check::SkippedFile::new(f, &e));
                }
            }
        }
    }
    out.finish(&tally);
    tally.exit_status(&opts)
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
    /// Diagnostics counted but not shown (below --min-severity).
    hidden: usize,
    /// Paths that could not be read, and files whose fixes could not be written.
    failed: usize,
    /// The paths found but not checked, for the JSON and SARIF outputs (few: each is
    /// also an error on stderr).
    skipped: Vec<check::SkippedFile>,
}

impl Tally {
    /// A path not checked: reported on stderr now, listed in the output at the end, and
    /// counted as a failure.
    fn skip(&mut self, s: check::SkippedFile) {
        eprintln!(
            "agent-lsp: {}: {}",
            escape(&s.path.display().to_string()),
            escape(&s.reason)
        );
        self.failed += 1;
        self.skipped.push(s);
    }

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

    /// 1 for errors, unreadable paths, unwritable fixes, warnings under --strict, or no
    /// file at all without --allow-empty; else 0.
    fn exit_status(&self, opts: &Options) -> i32 {
        let empty = self.files == 0 && !opts.allow_empty;
        if empty {
            eprintln!(
                "agent-lsp: no file to check was found (agent-lsp checks {}); --allow-empty makes this a success",
                check::supported()
            );
        }
        let warnings_fail = opts.strict && self.counts[Severity::Warning as usize] > 0;
        i32::from(
            self.counts[Severity::Error as usize] > 0 || self.failed > 0 || warnings_fail || empty,
        )
    }

    fn summary_line(&self) -> String {
        let plural = |n: usize| if n == 1 { "" } else { "s" };
        let c = &self.counts;
        format!(
            "{} file{} checked: {} error{}, {} warning{}, {} info, {} hint{}; {} of {} agents load{}{}",
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
            },
            if self.hidden > 0 {
                format!(" ({} not shown: see --min-severity)", self.hidden)
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
            "skipped": self.skipped.len(),
        })
    }
}

/// Where results go as they come: compiler-style text, or one JSON document written
/// piece by piece (`{"files": [...], "summary": {...}}`, pretty-printed, summary last).
enum Output {
    Text { color: bool },
    Json { files: usize },
    Sarif { results: usize },
    Github,
}

impl Output {
    fn start(format: &Format, color: bool) -> Output {
        match format {
            Format::Text => Output::Text { color },
            Format::Json => {
                emit("{\n  \"files\": [");
                Output::Json { files: 0 }
            }
            Format::Sarif => {
                emit(&sarif::start());
                Output::Sarif { results: 0 }
            }
            Format::Github => Output::Github,
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
            Output::Sarif { results } => {
                for r in sarif::results(c) {
                    let pretty = serde_json::to_string_pretty(&r).unwrap_or_default();
                    let sep = if *results == 0 { "\n" } else { ",\n" };
                    emit(&format!("{sep}{}", indent(&pretty, "        ", true)));
                    *results += 1;
                }
            }
            Output::Github => emit(&github::render(c)),
        }
    }

    fn finish(self, tally: &Tally) {
        match self {
            Output::Text { .. } | Output::Github => emit(&format!("{}\n", tally.summary_line())),
            Output::Sarif { results } => emit(&sarif::finish(results, &tally.skipped)),
            Output::Json { files } => {
                let skipped: Vec<_> = tally.skipped.iter().map(|s| s.to_json()).collect();
                let skipped = serde_json::to_string_pretty(&skipped).unwrap_or_default();
                let summary =
                    serde_json::to_string_pretty(&tally.summary_json()).unwrap_or_default();
                emit(&format!(
                    "{}],\n  \"skipped\": {},\n  \"summary\": {}\n}}\n",
                    if files > 0 { "\n  " } else { "" },
                    indent(&skipped, "  ", false),
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
    let report = if opts.all_tools {
        inspect::all_tools(file, &text)
    } else {
        inspect::report(file, &text, opts.plugin)
    };
    match opts.format {
        Format::Json => emit(&format!(
            "{}\n",
            serde_json::to_string_pretty(&report).unwrap_or_default()
        )),
        Format::Text if opts.all_tools => emit(&inspect::render_all_tools(&report)),
        Format::Text => emit(&inspect::render_text(&report)),
        Format::Sarif | Format::Github => {
            eprintln!("agent-lsp inspect: --format takes text or json");
            return 2;
        }
    }
    0
}

fn is_terminal() -> bool {
    use std::io::IsTerminal;
    std::io::stdout().is_terminal()
}
