//! The `agent-lsp` binary: the language server (default) and the `check` / `inspect` /
//! `explain` commands. stdout carries only the protocol (or the command's output); logs
//! go to stderr.

use agent_lsp::cli;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    // `agent-lsp check --help` asks for help, as `agent-lsp --help` does.
    let wants_help = args.iter().skip(1).any(|a| a == "--help" || a == "-h");
    let command = match args.first().map(String::as_str) {
        Some("check" | "inspect" | "explain") if wants_help => Some("--help"),
        other => other,
    };
    let code = match command {
        None | Some("serve") | Some("--stdio") => agent_lsp::lsp::serve(),
        Some("check") => match cli::parse_options(&args[1..]) {
            Ok(o) => cli::run_check(o),
            Err(e) => usage_error(&e),
        },
        Some("inspect") => match cli::parse_options(&args[1..]) {
            Ok(o) => cli::run_inspect(o),
            Err(e) => usage_error(&e),
        },
        Some("explain") => cli::run_explain(&args[1..]),
        Some("mcp") => cli::mcp::serve(),
        Some("--version") | Some("-V") | Some("version") => {
            print_out(&format!(
                "agent-lsp {} (Claude Code {} catalog)\n",
                env!("CARGO_PKG_VERSION"),
                agent_lsp::catalog::claude_agent().tool_version
            ));
            0
        }
        Some("--help") | Some("-h") | Some("help") => {
            print_out(&format!("{}\n", cli::USAGE));
            0
        }
        Some(other) => usage_error(&format!("unknown command {other}")),
    };
    std::process::exit(code);
}

fn usage_error(e: &str) -> i32 {
    eprintln!("agent-lsp: {e}\n\n{}", cli::USAGE);
    2
}

fn print_out(s: &str) {
    use std::io::Write;
    let _ = std::io::stdout().lock().write_all(s.as_bytes());
}
