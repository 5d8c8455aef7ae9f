//! Rules about the frontmatter block itself: finding it, parsing it, and the places
//! where YAML reads something other than what the author wrote.

use super::{double_quoted, line_at, line_no, Context};
use crate::analysis::examples::rewrite;
use crate::analysis::limits::{Sink, MAX_FIX_EDITS};
use crate::analysis::{Diagnostic, Edit};
use crate::rules;
use crate::syntax::{self, yaml, Dialect, Frontmatter, Mode, Rewrite, RewriteKind, Style};
use std::cell::OnceCell;

pub fn check(cx: &Context, out: &mut Sink) {
    let (text, kind, fm) = (cx.text, cx.kind, cx.fm);
    let Some(split) = &fm.split else {
        // Plugin agents load without frontmatter, under their file name.
        if !kind.is_plugin() {
            let first = line_at(text, 0);
            // Anything before the fence, after a BOM: the loader finds no frontmatter.
            let after_bom = text.trim_start_matches('\u{feff}');
            let leading_blank = after_bom.starts_with(char::is_whitespace)
                && after_bom.trim_start().starts_with("---");
            let msg = if leading_blank {
                "The opening `---` must be the very first line, with nothing (not even a blank line) before it: Claude Code sees no frontmatter here and skips this agent silently"
            } else {
                "No frontmatter: Claude Code treats this file as documentation, not an agent (an agent starts with a `---` block holding `name` and `description`)"
            };
            // A `---` block the loader cannot see is an agent it skips: an error. A file
            // with no block at all is documentation, which agents folders often hold.
            let mut d = if leading_blank {
                Diagnostic::new(first, rules::FRONTMATTER_NOT_AT_START, msg)
            } else {
                Diagnostic::new(first, rules::NO_FRONTMATTER, msg)
            };
            if leading_blank {
                let start = crate::syntax::split::bom_len(text);
                let fence = start + text[start..].find("---").unwrap_or(0);
                d = d.with_fix(
                    "Remove what stands before the opening `---`",
                    vec![Edit {
                        range: start..fence,
                        new_text: String::new(),
                    }],
                    true,
                );
            }
            out.push(d);
        }
        return;
    };
    match fm.mode {
        Mode::Unparseable => unparseable(cx, out),
        Mode::Requoted => requoted(cx, out),
        Mode::Strict => bun_only(cx, out),
        Mode::None => {}
    }
    if let Some(real_close) = &split.closes_inside_line {
        let lost = match real_close {
            Some(r) => format!(
                "lines {}–{} become part of the system prompt",
                line_no(text, split.close_fence.end),
                line_no(text, r.start)
            ),
            None => "the rest of the file becomes the system prompt".to_string(),
        };
        out.push(
            Diagnostic::new(split.close_fence.clone(), rules::FRONTMATTER_CLOSED_EARLY, format!(
                    "Claude Code ends the frontmatter at the first `---` after the opening one, even inside a value: the frontmatter stops here and {lost}"
                ))
            .with_fix("Replace `---` with an em dash", vec![Edit { range: split.close_fence.clone(), new_text: "—".into() }], false),
        );
    }
    if matches!(fm.mode, Mode::Strict | Mode::Requoted) {
        comments_in_values(text, fm, cx.catalog.dialect, out);
        duplicate_keys(cx, out);
    }
}

fn unparseable(cx: &Context, out: &mut Sink) {
    let (text, kind, fm) = (cx.text, cx.kind, cx.fm);
    // The retry's error is usually the one left to fix (it has already re-quoted the
    // lines strict YAML stumbled on first), unless the retry caused it: re-quoting a
    // `|` or `>` header breaks the block under it, and then the strict error is real.
    let retry_broke_a_block = fm.rewrites.iter().any(|r| {
        r.value
            .as_ref()
            .is_some_and(|v| text[v.clone()].starts_with(['|', '>']))
    });
    let err = if retry_broke_a_block {
        fm.strict_error.as_ref().or(fm.retry_error.as_ref())
    } else {
        fm.retry_error.as_ref().or(fm.strict_error.as_ref())
    };
    let at = err.map_or(0, |e| e.offset);
    let reason = err.map_or_else(String::new, |e| {
        format!(" ({} at line {})", e.message, line_no(text, e.offset))
    });
    let range = first_raw_line(text, fm).unwrap_or_else(|| line_at(text, at));
    let claude_code = kind.catalog().dialect == Dialect::ClaudeCode;
    let crlf_is_the_cause = claude_code
        && text.contains("\r\n")
        && syntax::parse(&text.replace("\r\n", "\n"), &|_| false).mode == Mode::Requoted;
    let unreadable = kind.unreadable();
    let retry = if claude_code {
        ", even after Claude Code's re-quote retry"
    } else {
        ""
    };
    let mut msg = format!(
        "The frontmatter is not valid YAML{retry}{reason}: {}",
        unreadable.consequence
    );
    if crlf_is_the_cause {
        msg.push_str(". The CRLF line endings are what stop the retry: with LF endings Claude Code would load it");
    } else if range.start != line_at(text, at).start {
        msg.push_str(". A value runs over several lines here: YAML needs it indented under its key, quoted, or as a `|` block");
    }
    // A description continued on raw lines: the error goes on its first raw line, with
    // the `|` rewrite that makes it YAML.
    let raw_lines = super::examples::raw_lines_repair(cx, &range);
    let range = match &raw_lines {
        Some(repair) => {
            msg.push_str(&repair.note);
            repair.first_raw_line.clone().unwrap_or(range)
        }
        None => range,
    };
    let mut d = Diagnostic::new(range, rules::FRONTMATTER_UNPARSEABLE, msg)
        .with_severity(unreadable.severity);
    if crlf_is_the_cause {
        let yaml = fm.yaml_range().unwrap_or(0..0);
        let edits = text[yaml.clone()]
            .match_indices("\r\n")
            .map(|(i, _)| Edit {
                range: yaml.start + i..yaml.start + i + 1,
                new_text: String::new(),
            })
            .collect();
        d = d.with_fix("Convert the frontmatter's line endings to LF", edits, true);
    }
    if let Some(repair) = raw_lines {
        d = d.with_fix(rewrite::TITLE, vec![repair.rewrite], true);
    }
    out.push(d);
}

/// In the tolerant view, the first line of a top-level value that continues on raw lines
/// at column 0 (the plugin-dev example layout): the line the author must indent.
fn first_raw_line(text: &str, fm: &Frontmatter) -> Option<std::ops::Range<usize>> {
    fm.entries().iter().find_map(|e| {
        let v = &e.value;
        if v.style() != Some(Style::Plain) || !text[v.span.clone()].contains('\n') {
            return None;
        }
        let first_break = v.span.start + text[v.span.clone()].find('\n')?;
        let rest = &text[first_break + 1..v.span.end];
        let skip = rest.len() - rest.trim_start_matches(['\n', '\r']).len();
        let start = first_break + 1 + skip;
        text[start..]
            .starts_with(|c: char| !c.is_whitespace())
            .then(|| line_at(text, start))
    })
}

/// Bun's reader took what strict YAML rejects: the agent loads, other tools fail.
/// Reported only for formats whose catalog names tools verified to reject such files.
fn bun_only(cx: &Context, out: &mut Sink) {
    let (Some(e), Some(tools)) = (&cx.fm.portable_error, &cx.catalog.requote_rejected_by) else {
        return;
    };
    let what = if cx.loaded.is_some() {
        "the agent"
    } else {
        "the file"
    };
    out.push(Diagnostic::new(
        line_at(cx.text, e.offset),
        rules::YAML_BUN_ONLY,
        format!(
            "Not valid YAML ({}): Claude Code's reader (Bun's) accepts it and {what} loads, but {tools} reject the file",
            e.message
        ),
    ));
}

/// Only Claude Code's dialect re-quotes, so these rules concern Claude Code formats only.
/// A re-quoted line is reported when the retry reads it otherwise than YAML would (a
/// list, a mapping, a comment made part of the text: the author meant YAML), and, for a
/// format whose catalog names tools verified to reject such files, when only the retry
/// can read it at all.
fn requoted(cx: &Context, out: &mut Sink) {
    let lines: Vec<(&Rewrite, Reading)> = cx
        .fm
        .rewrites
        .iter()
        .map(|r| (r, reading(cx.text, r)))
        .collect();
    let repairs = Repairs::new(cx, &lines);
    let mut found_any = false;
    for (r, how) in &lines {
        found_any |= report_line(cx, r, how, &repairs, out);
    }
    let rejected = cx.catalog.requote_rejected_by.is_some();
    if let (false, Some(e), true) = (found_any, &cx.fm.strict_error, rejected) {
        out.push(Diagnostic::new(line_at(cx.text, e.offset), rules::YAML_REQUOTED, format!(
                "Not valid YAML ({}): Claude Code reads it only through its re-quote fallback; other tools reject the file",
                e.message
            )));
    }
}

/// Reports one line the retry rewrote; returns whether it needs a repair at all.
fn report_line(
    cx: &Context,
    r: &Rewrite,
    how: &Reading,
    repairs: &Repairs,
    out: &mut Sink,
) -> bool {
    let text = cx.text;
    let rejected_by = cx.catalog.requote_rejected_by.as_deref();
    match (r.kind, &r.value, how) {
        (_, _, Reading::Same) => return false,
        (RewriteKind::Requoted, Some(value), Reading::Changed(yaml_reads)) => {
            // Example lines YAML reads as keys are reported by the example rules.
            if !cx.is_description_text(value.start) && out.room(rules::YAML_REQUOTED, value.start) {
                let raw = &text[value.clone()];
                let msg = format!("Claude Code's re-quote retry reads this value as the text `{raw}`, where YAML reads {yaml_reads}: another line of this frontmatter is not valid YAML, so Claude Code re-quotes every line like this one. Quote the other lines so that this one keeps its YAML meaning");
                let d = Diagnostic::new(value.clone(), rules::YAML_REQUOTED, msg);
                out.push(repairs.attach(d, LOADER_FIX_ONE_VALUE));
            }
        }
        (RewriteKind::Requoted, Some(value), _) => {
            let (Some(tools), false) = (rejected_by, cx.is_description_text(value.start)) else {
                return true;
            };
            if out.room(rules::YAML_REQUOTED, value.start) {
                let msg = format!("Not valid YAML as written: Claude Code reads this value only through its re-quote fallback; {tools} reject the file. Quote the value");
                let d = Diagnostic::new(value.clone(), rules::YAML_REQUOTED, msg);
                out.push(repairs.attach(d, LOADER_FIX_ONE_VALUE));
            }
        }
        _ => {
            let Some(tools) = rejected_by else {
                return true;
            };
            if out.room(rules::YAML_TAB_INDENT, r.line.start) {
                let line = &text[r.line.clone()];
                let tabs = line.len() - line.trim_start_matches('\t').len();
                let d = Diagnostic::new(r.line.start..r.line.start + tabs, rules::YAML_TAB_INDENT, format!("Tabs cannot indent YAML: Claude Code reads this line only because its fallback turns each leading tab into two spaces; {tools} reject the file"));
                out.push(repairs.attach(d, "Indent with spaces"));
            }
        }
    }
    true
}

const LOADER_FIX_ONE_VALUE: &str = "Quote the value as Claude Code reads it";

/// The repairs a re-quoted frontmatter offers, computed once for all its lines when the
/// first diagnostic needs them (none where the `|` rewrite of an example description is
/// the repair, or past the fix cap). Most re-quoted lines are description text that no
/// rule here reports, and checking a repair parses the repaired frontmatter.
struct Repairs<'c> {
    cx: &'c Context<'c>,
    lines: &'c [(&'c Rewrite, Reading)],
    fixable: bool,
    /// Every rewrite the retry makes: fixing one line can make the whole frontmatter
    /// strict YAML, and then the loader no longer re-quotes the others (a ` #` in one of
    /// them would start cutting its value), so the fixed file parses strictly to exactly
    /// what Claude Code reads today.
    loader: OnceCell<Option<Vec<Edit>>>,
    /// Only the rewrites of the lines YAML cannot read, and whether that is safe.
    intent: OnceCell<Option<(Vec<Edit>, bool)>>,
    /// Some line YAML reads otherwise than the retry: then the loader's rewrites would
    /// keep the retry's misreading, and only `intent` is offered.
    changes_meaning: bool,
}

impl<'c> Repairs<'c> {
    fn new(cx: &'c Context<'c>, lines: &'c [(&'c Rewrite, Reading)]) -> Repairs<'c> {
        Repairs {
            cx,
            lines,
            // Where YAML cuts the description at its example lines, the `|` rewrite
            // (offered by the example rules) is the repair: re-quoting would keep those
            // lines as keys.
            fixable: !cx.examples.is_some_and(|m| m.rewrite_replaces_requoting()),
            loader: OnceCell::new(),
            intent: OnceCell::new(),
            changes_meaning: lines
                .iter()
                .any(|(_, how)| matches!(how, Reading::Changed(_))),
        }
    }

    fn fits(&self, edits: &[Edit]) -> bool {
        self.fixable && edits.len() <= MAX_FIX_EDITS
    }

    fn loader(&self) -> Option<&Vec<Edit>> {
        self.loader
            .get_or_init(|| {
                let edits: Vec<Edit> = self
                    .lines
                    .iter()
                    .map(|(r, _)| loader_edit(self.cx.text, r))
                    .collect();
                Some(edits).filter(|e| self.fits(e))
            })
            .as_ref()
    }

    fn intent(&self) -> Option<&(Vec<Edit>, bool)> {
        self.intent
            .get_or_init(|| intent_fix(self.cx, self.lines).filter(|(e, _)| self.fits(e)))
            .as_ref()
    }

    fn attach(&self, d: Diagnostic, one_line_title: &str) -> Diagnostic {
        if self.changes_meaning {
            return match self.intent() {
                Some((edits, safe)) => d.with_fix(INTENT_FIX, edits.clone(), *safe),
                None => d,
            };
        }
        match self.loader() {
            Some(edits) if edits.len() > 1 => d.with_fix(
                format!(
                    "Rewrite the {} lines Claude Code re-quotes as strict YAML",
                    edits.len()
                ),
                edits.clone(),
                true,
            ),
            Some(edits) => d.with_fix(one_line_title, edits.clone(), true),
            None => d,
        }
    }
}

const INTENT_FIX: &str = "Quote the lines only the retry reads, keeping the others as YAML";

/// How YAML reads a line the retry rewrote, compared with the retry's reading.
enum Reading {
    /// As the retry does: the rewrite changes nothing.
    Same,
    /// Not at all: the retry reads what the author wrote.
    Unreadable,
    /// Otherwise (what YAML reads, for the message): the retry changes the meaning.
    Changed(String),
}

fn reading(text: &str, r: &Rewrite) -> Reading {
    let (RewriteKind::Requoted, Some(value)) = (r.kind, &r.value) else {
        return Reading::Unreadable;
    };
    let raw = &text[value.clone()];
    let alone = yaml::reads(&text[r.line.clone()]);
    // The same key, or YAML reads the line as something else altogether.
    let key = text[r.line.start..value.start].trim_end();
    let key = key.trim_end_matches(':');
    let first = alone.as_ref().and_then(|n| n.entries()?.first());
    let Some(v) = first
        .filter(|e| e.key.as_str() == Some(key))
        .map(|e| &e.value)
    else {
        return Reading::Unreadable;
    };
    match v.as_str() {
        Some(s) if s == raw => Reading::Same,
        Some(s) => Reading::Changed(format!("the text `{s}`")),
        None => Reading::Changed(format!("a {}", v.describe())),
    }
}

/// The rewrite the loader's retry makes on one line, as an edit of the file.
fn loader_edit(text: &str, r: &Rewrite) -> Edit {
    match (&r.kind, &r.value) {
        (RewriteKind::Requoted, Some(value)) => Edit {
            range: value.clone(),
            new_text: double_quoted(&text[value.clone()]),
        },
        _ => {
            let tabs =
                text[r.line.clone()].len() - text[r.line.clone()].trim_start_matches('\t').len();
            Edit {
                range: r.line.start..r.line.start + tabs,
                new_text: "  ".repeat(tabs),
            }
        }
    }
}

/// The repair that keeps what the author meant: the retry's rewrites of the lines YAML
/// cannot read (there the retry reads what was written), and none of the lines YAML
/// reads otherwise. Safe when the result is strict YAML, read as each line means.
fn intent_fix(cx: &Context, lines: &[(&Rewrite, Reading)]) -> Option<(Vec<Edit>, bool)> {
    let edits: Vec<Edit> = lines
        .iter()
        .filter(|(_, how)| matches!(how, Reading::Unreadable))
        .map(|(r, _)| loader_edit(cx.text, r))
        .collect();
    if edits.is_empty() {
        return None;
    }
    // The loader reads only the frontmatter: repair a copy of it, not of the file.
    let end = cx
        .fm
        .split
        .as_ref()
        .map_or(cx.text.len(), |s| s.close_fence.end);
    let fixed = with_edits(&cx.text[..end], &edits);
    let strict = syntax::parse_as_tool(&fixed, cx.catalog.dialect, &|_| false).mode == Mode::Strict;
    Some((edits, strict))
}

/// `text` with `edits` (one per line, in order) applied.
fn with_edits(text: &str, edits: &[Edit]) -> String {
    let mut out = String::with_capacity(text.len() + 16 * edits.len());
    let mut at = 0;
    for e in edits {
        out.push_str(&text[at..e.range.start]);
        out.push_str(&e.new_text);
        at = e.range.end;
    }
    out.push_str(&text[at..]);
    out
}

/// ` #` after a plain value starts a comment: the loader silently drops the rest.
fn comments_in_values(text: &str, fm: &Frontmatter, dialect: Dialect, out: &mut Sink) {
    // Cursor's line reader keeps ` #…` in the value: no comment to report.
    if dialect == Dialect::Cursor {
        return;
    }
    for e in fm.entries() {
        let v = &e.value;
        if v.style() != Some(Style::Plain) || v.is_null() {
            continue;
        }
        let line_end = line_at(text, v.span.end).end;
        let rest = &text[v.span.end..line_end];
        let Some(hash) = rest.find('#') else { continue };
        if !rest[..hash].chars().all(|c| c == ' ' || c == '\t')
            || hash == 0
            || !out.room(rules::COMMENT_TRUNCATES_VALUE, v.span.end + hash)
        {
            continue;
        }
        let comment = v.span.end + hash..line_end;
        let key = e.key.as_str().unwrap_or("value");
        let kept = &text[v.span.clone()];
        let whole = &text[v.span.start..line_end];
        let dropped = rest.trim();
        // The formats read as plain YAML: their tools' own readers are not modelled.
        let msg = match dialect {
            Dialect::ClaudeCode => format!("` #` starts a YAML comment: Claude Code reads `{key}` as \"{kept}\" and silently drops `{dropped}`"),
            Dialect::OpenCode => format!("` #` starts a YAML comment: OpenCode reads `{key}` as \"{kept}\" and silently drops `{dropped}`"),
            Dialect::Yaml | Dialect::Cursor => format!("` #` starts a YAML comment: YAML readers read `{key}` as \"{kept}\" and silently drop `{dropped}`"),
            Dialect::Vscode => format!("` #` starts a YAML comment: VS Code reads `{key}` as \"{kept}\" and silently drops `{dropped}`"),
        };
        out.push(
            Diagnostic::new(comment, rules::COMMENT_TRUNCATES_VALUE, msg).with_fix(
                "Quote the whole value",
                vec![Edit {
                    range: v.span.start..line_end,
                    new_text: double_quoted(whole.trim_end()),
                }],
                false,
            ),
        );
    }
}

fn duplicate_keys(cx: &Context, out: &mut Sink) {
    let (text, fm) = (cx.text, cx.fm);
    // Line numbers for many messages: counted once, not from the start for each.
    let line_nos = crate::text::Lines::new(text);
    for e in fm.entries() {
        let Some(k) = e.key.as_str() else { continue };
        // Example lines YAML reads as keys are reported by the example rules.
        if cx.is_description_text(e.key.span.start) {
            continue;
        }
        // The mapping's own lookup of each key's last entry (files can hold many keys).
        let Some(later) = fm.get(k).filter(|&last| !std::ptr::eq(last, e)) else {
            continue;
        };
        if !out.room(rules::DUPLICATE_KEY, e.key.span.start) {
            continue;
        }
        let consequence = match cx.catalog.dialect {
            Dialect::ClaudeCode => "Claude Code keeps the last value and ignores this one (Node-based tools and strict YAML parsers reject repeated keys)",
            Dialect::OpenCode => "OpenCode's YAML reader (js-yaml) rejects repeated keys, so the agent loads with none of its settings",
            Dialect::Cursor => "Cursor keeps one of them",
            Dialect::Yaml => "strict YAML readers reject repeated keys, others keep the last value",
            // VS Code's own reader reports its duplicates (rules::VSCODE_HEADER_ERROR).
            Dialect::Vscode => return,
        };
        let lines = line_at(text, e.key.span.start).start..line_at(text, e.value.span.end).end;
        let removal =
            lines.start..(lines.end + 1).min(fm.yaml_range().map_or(lines.end, |y| y.end));
        out.push(
            Diagnostic::new(
                e.key.span.clone(),
                rules::DUPLICATE_KEY,
                format!(
                    "`{k}` is set again on line {}: {consequence}",
                    line_nos.line_no(later.key.span.start)
                ),
            )
            .with_fix(
                format!("Remove this `{k}`"),
                vec![Edit {
                    range: removal,
                    new_text: String::new(),
                }],
                false,
            ),
        );
    }
}
