//! One diagnostic as rustc and cargo print one, with `annotate-snippets`: the level, code
//! and message, `--> path:line:column`, the source lines with their numbers and the
//! range marked under the exact characters, and a `help:` line per fix. `check` prints
//! this and the fixture snapshots pin it (`tests/support`), so they show what users see.

use crate::analysis::{Diagnostic, Severity};
use crate::escape::escape;
use crate::text::{floor_char_boundary, next_line_start, Lines};
use annotate_snippets::{AnnotationKind, Level, Renderer, Snippet};
use std::ops::Range;

/// Bytes of a long line kept on each side of the marked characters: the renderer trims
/// what is shown to the terminal's width anyway, and a 1 MiB line must not be escaped and
/// laid out for each of its diagnostics.
const WINDOW: usize = 2048;

/// Lines of a range spanning many shown at most (the renderer folds the middle ones).
const MAX_LINES: usize = 16;

/// The part of a file shown for one range, escaped for the terminal: each source line's
/// text passes through [`escape`] (line breaks become `\n`, so a file cannot forge lines),
/// and the span is in the bytes of that escaped text.
struct Shown {
    source: String,
    first_line: usize,
    span: Range<usize>,
    /// The 1-based column, in characters of the escaped window, the renderer will print
    /// for the span's start.
    column: usize,
}

/// The lines `range` covers (at most [`MAX_LINES`]), each cut to a window around the
/// marked characters.
fn shown(text: &str, lines: &Lines, range: &Range<usize>) -> Shown {
    let start = floor_char_boundary(text, range.start.min(text.len()));
    let end = floor_char_boundary(text, range.end.clamp(start, text.len()));
    let first_line = lines.human(start).0;
    let mut out = Shown {
        source: String::new(),
        first_line,
        span: 0..0,
        column: 1,
    };
    let mut line = lines.line_range(start);
    for n in 0..MAX_LINES {
        let a = start.clamp(line.start, line.end);
        let b = end.clamp(a, line.end).min(a + WINDOW);
        let from = floor_char_boundary(text, a.saturating_sub(WINDOW).max(line.start));
        let to = floor_char_boundary(text, (b + WINDOW).min(line.end));
        let at = |o: usize| out.source.len() + escape(&text[from..o]).len();
        if n == 0 {
            out.span.start = at(a);
            out.column = escape(&text[from..a]).chars().count() + 1;
        }
        out.span.end = at(floor_char_boundary(text, b));
        let next = next_line_start(text, line.end);
        out.source.push_str(&escape(&text[from..to]));
        if next >= end || next >= text.len() {
            break;
        }
        out.source.push('\n');
        line = lines.line_range(next);
    }
    out
}

fn level(severity: Severity) -> Level<'static> {
    match severity {
        Severity::Error => Level::ERROR,
        Severity::Warning => Level::WARNING,
        Severity::Info => Level::INFO,
        Severity::Hint => Level::HELP.with_name("hint"),
    }
}

/// `d` in `text` (the file at `path`) as rustc prints a diagnostic, with ANSI colors
/// when `color`.
pub fn diagnostic(path: &str, text: &str, lines: &Lines, d: &Diagnostic, color: bool) -> String {
    let x = shown(text, lines, &d.range);
    let path = escape(path);
    let snippet = Snippet::source(x.source)
        .line_start(x.first_line)
        .path(path.as_ref())
        .annotation(AnnotationKind::Primary.span(x.span));
    let fixes = d.fixes.iter().map(|f| {
        let how = if f.safe { " (`--fix` applies it)" } else { "" };
        Level::HELP.message(format!("fix: {}{how}", escape(&f.title)))
    });
    let group = level(d.severity)
        .primary_title(escape(&d.message))
        .id(d.code)
        .element(snippet)
        .elements(fixes);
    let renderer = if color {
        Renderer::styled()
    } else {
        Renderer::plain()
    };
    let out = renderer.render(&[group]);
    // The renderer counts the column in the window it was given; `--> path:line:col`
    // must be the file's (in characters), which escapes and a cut line would shift.
    let (line, column) = lines.human(d.range.start);
    let shown_at = format!("{path}:{line}:{}", x.column);
    let out = out.replacen(&shown_at, &format!("{path}:{line}:{column}"), 1);
    format!("{out}\n")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules;

    fn render(text: &str, range: Range<usize>) -> String {
        let d = Diagnostic::new(range, rules::UNKNOWN_TOOL, "m");
        diagnostic("a.md", text, &Lines::new(text), &d, false)
    }

    #[test]
    fn the_header_has_the_files_column_and_escapes_stay_escaped() {
        let text = "---\ntools: \u{1b}[2J\u{202e}, Raed\n---\n";
        let at = text.find("Raed").unwrap_or_default();
        let out = render(text, at..at + 4);
        assert!(out.contains("--> a.md:2:15\n"), "{out}");
        let source = out
            .lines()
            .find(|l| l.starts_with("2 |"))
            .unwrap_or_default();
        assert_eq!(source, "2 | tools: \\x1b[2J\\u{202e}, Raed", "{out}");
        let carets = out.lines().find(|l| l.contains('^')).unwrap_or_default();
        assert_eq!(carets.find('^'), source.find('R'), "{out}");
        assert!(
            !out.contains('\u{1b}') && !out.contains('\u{202e}'),
            "{out}"
        );
    }

    #[test]
    fn a_long_line_is_cut_around_the_range_and_the_column_stays_true() {
        let text = format!(
            "---\ntools: {}Raed{}\n---\n",
            "x".repeat(100_000),
            "y".repeat(100_000)
        );
        let at = text.find("Raed").unwrap_or_default();
        let out = render(&text, at..at + 4);
        assert!(out.contains("--> a.md:2:100008\n"), "{out}");
        assert!(out.len() < 1000, "{}", out.len());
        assert!(
            out.contains("2 | ...xxx") && out.contains("xRaedy") && out.contains("yyy...\n"),
            "{out}"
        );
    }

    #[test]
    fn a_range_over_lines_with_lone_cr_breaks_marks_each_line() {
        let text = "---\rtools: [\r  'a',\r]\r---\r";
        let start = text.find('[').unwrap_or_default();
        let end = text.find(']').unwrap_or_default() + 1;
        let out = render(text, start..end);
        assert!(out.contains("--> a.md:2:8\n"), "{out}");
        assert!(out.contains("3 | |   'a',\n4 | | ]\n"), "{out}");
    }
}
