//! No work grows faster than the input: one file of each worst-case family
//! (tests/support/worst.rs) must not take much longer than sixteen files a sixteenth its
//! size (work that grows with the square would take sixteen times as long). Times are the
//! CPU time of the test's own thread (Linux's schedstat), not the wall clock, so other
//! tests running meanwhile do not count; how fast the analysis is lives in the benchmark.

use crate::support::worst::FAMILIES;
use agent_lsp::analysis::{analyze, file_kind::FileKind, limits, Severity};
use agent_lsp::settings::Settings;
use std::time::Duration;

/// CPU time this thread has run, in nanoseconds.
fn cpu_time() -> Duration {
    let stat = std::fs::read_to_string("/proc/thread-self/schedstat").expect("schedstat");
    let ns = stat.split_whitespace().next().and_then(|n| n.parse().ok());
    Duration::from_nanos(ns.expect("schedstat's first field"))
}

/// Sixteen times the input, as one file and as sixteen files a sixteenth its size.
const TIMES: usize = 16;

/// CPU time to analyse `TIMES` small inputs, then one input `TIMES` as large (best of
/// three each, run alternately), and the large one's diagnostics.
fn times(small: &str, large: &str) -> (Duration, Duration, usize) {
    let kind = FileKind::from_path(std::path::Path::new("/p/.claude/agents/worst.md"));
    let (mut s, mut l, mut count) = (Duration::MAX, Duration::MAX, 0);
    for _ in 0..3 {
        let t = cpu_time();
        for _ in 0..TIMES {
            analyze(small, &kind, &Settings::default());
        }
        s = s.min(cpu_time() - t);
        let t = cpu_time();
        count = analyze(large, &kind, &Settings::default())
            .diagnostics
            .len();
        l = l.min(cpu_time() - t);
    }
    (s, l, count)
}

#[test]
fn analysis_grows_linearly_with_each_worst_case_input() {
    let mut wrong = Vec::new();
    for family in FAMILIES {
        let (small, large, count) =
            times(&family.of_size(4 * 1024), &family.of_size(TIMES * 4 * 1024));
        // Linear work takes as long either way; work growing with the square takes 16
        // times as long in one file. A floor keeps the clock's granularity out.
        let ratio = large.as_secs_f64() / small.max(Duration::from_millis(5)).as_secs_f64();
        if ratio > 4.0 {
            wrong.push(format!(
                "{}: one file took {ratio:.1}× as long as {TIMES} files a {TIMES}th its size ({small:?} → {large:?})",
                family.name
            ));
        }
        if count > limits::MAX_DIAGNOSTICS + 1 {
            wrong.push(format!("{}: {count} diagnostics", family.name));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn past_the_cap_one_summary_counts_the_rest() {
    let text = (FAMILIES[0].make)(300);
    let kind = FileKind::from_path(std::path::Path::new("/p/.claude/agents/worst.md"));
    let a = analyze(&text, &kind, &Settings::default());
    assert_eq!(a.diagnostics.len(), limits::MAX_DIAGNOSTICS + 1);
    let summary = &a.diagnostics[0];
    assert_eq!(summary.code, "too-many-diagnostics");
    assert_eq!(&text[summary.range.clone()], "---");
    assert!(summary.message.starts_with("10"), "{}", summary.message);
    // The most severe are kept: the unknown tools (warnings), not the style hints.
    assert!(a.diagnostics.iter().all(|d| d.severity != Severity::Hint));
    let tools = a.diagnostics.iter().filter(|d| d.code == "unknown-tool");
    assert!(tools.count() >= limits::MAX_DIAGNOSTICS - 10);
}

#[test]
fn a_suppression_past_the_cap_is_used_and_the_summary_counts_exactly() {
    let kind = FileKind::from_path(std::path::Path::new("/p/.claude/agents/worst.md"));
    let file = |directive_at: Option<usize>| {
        let mut s =
            String::from("---\nname: worst\ndescription: Use this agent when measuring.\ntools:\n");
        for i in 0..300 {
            if Some(i) == directive_at {
                s.push_str("  # agent-lsp: disable=unknown-tool\n");
            }
            s.push_str("  - Raed\n");
        }
        s + "---\nbody\n"
    };
    let summary = |text: &str| {
        let a = analyze(text, &kind, &Settings::default());
        assert!(
            a.diagnostics.iter().all(|d| d.code != "suppression-unused"),
            "a directive past the cap silences a diagnostic never built"
        );
        let first = &a.diagnostics[0];
        assert_eq!(first.code, "too-many-diagnostics");
        let n: usize = first
            .message
            .split(' ')
            .next()
            .and_then(|n| n.parse().ok())
            .expect("a count");
        n
    };
    let all = summary(&file(None));
    assert_eq!(summary(&file(Some(250))), all - 1);
}
