//! The body of the `analyze` fuzz target, shared by `cargo fuzz` (fuzz_targets/analyze.rs)
//! and the normal test suite's smoke run (tests/fuzz_smoke.rs), so both drive exactly the
//! same code: any bytes, read as each format agent-lsp knows (the first byte picks the
//! format), through analysis, hover, completion and the safe fixes. It fails on a panic,
//! on a diagnostic range that is not on character boundaries, or when the fast strict
//! YAML answer (`syntax::plain_lines`) differs from saphyr's reading of the whole.

use agent_lsp::analysis::{analyze, completion, file_kind::FileKind, hover};
use agent_lsp::cli::check::apply_safe_fixes;
use agent_lsp::settings::Settings;
use agent_lsp::syntax::{plain_lines, yaml};
use std::path::Path;
use std::sync::OnceLock;

/// One path per format (the catalogs' globs), and a plugin agent last.
pub const PATHS: &[&str] = &[
    "/w/.claude/agents/a.md",
    "/w/.claude/commands/c.md",
    "/w/.claude/skills/s/SKILL.md",
    "/w/.github/agents/x.agent.md",
    "/w/.github/prompts/x.prompt.md",
    "/w/.github/instructions/x.instructions.md",
    "/w/.opencode/agent/a.md",
    "/w/.cursor/rules/r.mdc",
    "/p/plug/agents/x.md",
];

fn kind(selector: u8) -> FileKind {
    let i = usize::from(selector) % PATHS.len();
    let path = Path::new(PATHS[i]);
    if i == PATHS.len() - 1 {
        FileKind::plugin_agent(path)
    } else {
        FileKind::from_path(path)
    }
}

/// One fuzz input: the first byte selects the format, the rest is the file.
pub fn analyze_bytes(data: &[u8]) {
    static SETTINGS: OnceLock<Settings> = OnceLock::new();
    let settings = SETTINGS.get_or_init(Settings::default);
    let Some((&selector, rest)) = data.split_first() else {
        return;
    };
    let text = String::from_utf8_lossy(rest);
    let kind = kind(selector);
    if let Some(split) = agent_lsp::syntax::split::split(&text) {
        let yaml = &text[split.yaml];
        let cut = plain_lines::uncertain_from(yaml);
        let from_cut = yaml::saphyr_verdict(&yaml[cut..]).map_err(|e| (e.offset + cut, e.message));
        let whole = yaml::saphyr_verdict(yaml).map_err(|e| (e.offset, e.message));
        assert_eq!(
            whole, from_cut,
            "saphyr's verdict from the cut at {cut} is not the whole's"
        );
    }
    let analysis = analyze(&text, &kind, settings);
    for d in &analysis.diagnostics {
        assert!(
            d.range.start <= d.range.end
                && text.is_char_boundary(d.range.start)
                && text.is_char_boundary(d.range.end),
            "{} {:?}",
            d.code,
            d.range
        );
    }
    // Hover and completion at a few places the input picks (every place would make each
    // run quadratic in the input).
    let boundaries: Vec<usize> = (0..=text.len())
        .filter(|&o| text.is_char_boundary(o))
        .collect();
    for k in 0..4usize {
        let pick = rest.get(k).copied().map_or(0, usize::from) * 131 + k * 17;
        let offset = boundaries[pick % boundaries.len()];
        let _ = hover::hover(&text, &analysis, offset, settings, None);
        let _ = completion::complete(&text, &analysis, offset, "x", settings);
    }
    let _ = apply_safe_fixes(&text, analysis, &kind, None, settings);
}
