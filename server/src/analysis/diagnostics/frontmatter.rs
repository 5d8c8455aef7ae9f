//! Rules about the frontmatter block itself: finding it, parsing it, and the places
//! where YAML reads something other than what the author wrote.

use super::{double_quoted, line_at, line_no, Context};
use crate::analysis::examples::rewrite;
use crate::analysis::{Diagnostic, Edit};
use crate::rules;
use crate::syntax::{self, yaml, Dialect, Frontmatter, Mode, RewriteKind, Style};

pub fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
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

fn unparseable(cx: &Context, out: &mut Vec<Diagnostic>) {
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
fn bun_only(cx: &Context, out: &mut Vec<Diagnostic>) {
    if let Some(e) = &cx.fm.portable_error {
        out.push(Diagnostic::new(
            line_at(cx.text, e.offset),
            rules::YAML_BUN_ONLY,
            format!(
                "Not valid YAML ({}): Claude Code's reader (Bun's) accepts it and the agent loads, but strict YAML 1.2 parsers reject the file",
                e.message
            ),
        ));
    }
}

/// Only Claude Code's dialect re-quotes, so these rules concern Claude Code formats only.
fn requoted(cx: &Context, out: &mut Vec<Diagnostic>) {
    let (text, fm) = (cx.text, cx.fm);
    // Where YAML cuts the description at its example lines, the `|` rewrite (offered by
    // the example rules) is the repair: re-quoting would keep those lines as keys.
    let fixable = !cx.examples.is_some_and(|m| m.rewrite_replaces_requoting());
    let with_fix = |d: Diagnostic, title: String, edits: &Vec<Edit>| {
        if fixable {
            d.with_fix(title, edits.clone(), true)
        } else {
            d
        }
    };
    let mut found_any = false;
    let value_msg = "Not valid YAML as written: Claude Code reads this value only through its re-quote fallback, and strict YAML 1.2 parsers reject the file. Quote the value";
    // Fixing one line can make the whole frontmatter strict YAML, and then the loader no
    // longer re-quotes the others (a ` #` in one of them would start cutting its value).
    // So each fix makes every rewrite the loader's retry makes: the fixed file then
    // parses strictly to exactly what Claude Code reads today.
    let loader_rewrites: Vec<Edit> = fm
        .rewrites
        .iter()
        .map(|r| match (&r.kind, &r.value) {
            (RewriteKind::Requoted, Some(value)) => Edit {
                range: value.clone(),
                new_text: double_quoted(&text[value.clone()]),
            },
            _ => {
                let tabs = text[r.line.clone()].len()
                    - text[r.line.clone()].trim_start_matches('\t').len();
                Edit {
                    range: r.line.start..r.line.start + tabs,
                    new_text: "  ".repeat(tabs),
                }
            }
        })
        .collect();
    let title = if loader_rewrites.len() > 1 {
        format!(
            "Rewrite the {} lines Claude Code re-quotes as strict YAML",
            loader_rewrites.len()
        )
    } else {
        "Quote the value as Claude Code reads it".to_string()
    };
    for r in &fm.rewrites {
        let line = &text[r.line.clone()];
        match (r.kind, &r.value) {
            (RewriteKind::Requoted, Some(value)) => {
                let raw = &text[value.clone()];
                // Only lines strict YAML cannot read as written (or reads differently).
                let alone = yaml::parse(line).ok().flatten();
                let reads_same = alone
                    .as_ref()
                    .and_then(|n| n.entries()?.first().map(|e| e.value.as_str() == Some(raw)))
                    .unwrap_or(false);
                if reads_same {
                    continue;
                }
                found_any = true;
                // Example lines YAML reads as keys are reported by the example rules.
                if cx.is_description_text(value.start) {
                    continue;
                }
                let d = Diagnostic::new(value.clone(), rules::YAML_REQUOTED, value_msg);
                out.push(with_fix(d, title.clone(), &loader_rewrites));
            }
            _ => {
                let tabs = line.len() - line.trim_start_matches('\t').len();
                let range = r.line.start..r.line.start + tabs;
                found_any = true;
                let d = Diagnostic::new(range, rules::YAML_TAB_INDENT, "Tabs cannot indent YAML: Claude Code reads this line only because its fallback turns each leading tab into two spaces; other tools reject the file");
                let title = if loader_rewrites.len() > 1 {
                    title.clone()
                } else {
                    "Indent with spaces".to_string()
                };
                out.push(with_fix(d, title, &loader_rewrites));
            }
        }
    }
    if !found_any {
        if let Some(e) = &fm.strict_error {
            out.push(Diagnostic::new(line_at(text, e.offset), rules::YAML_REQUOTED, format!(
                    "Not valid YAML ({}): Claude Code reads it only through its re-quote fallback; other tools reject the file",
                    e.message
                )));
        }
    }
}

/// ` #` after a plain value starts a comment: the loader silently drops the rest.
fn comments_in_values(text: &str, fm: &Frontmatter, dialect: Dialect, out: &mut Vec<Diagnostic>) {
    for e in fm.entries() {
        let v = &e.value;
        if v.style() != Some(Style::Plain) || v.is_null() {
            continue;
        }
        let line_end = line_at(text, v.span.end).end;
        let rest = &text[v.span.end..line_end];
        let Some(hash) = rest.find('#') else { continue };
        if !rest[..hash].chars().all(|c| c == ' ' || c == '\t') || hash == 0 {
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
            Dialect::Yaml => format!("` #` starts a YAML comment: YAML readers read `{key}` as \"{kept}\" and silently drop `{dropped}`"),
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

fn duplicate_keys(cx: &Context, out: &mut Vec<Diagnostic>) {
    let (text, fm) = (cx.text, cx.fm);
    let entries = fm.entries();
    // The last entry of each key, found in one pass (files can hold many keys).
    let mut last: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    for (i, e) in entries.iter().enumerate() {
        if let Some(k) = e.key.as_str() {
            last.insert(k, i);
        }
    }
    // Line numbers for many messages: counted once, not from the start for each.
    let line_nos = crate::text::LazyLines::new(text);
    for (i, e) in entries.iter().enumerate() {
        let Some(k) = e.key.as_str() else { continue };
        // Example lines YAML reads as keys are reported by the example rules.
        if cx.is_description_text(e.key.span.start) {
            continue;
        }
        let Some(&j) = last.get(k).filter(|&&j| j != i) else {
            continue;
        };
        let later = &entries[j];
        let consequence = match cx.catalog.dialect {
            Dialect::ClaudeCode => "Claude Code keeps the last value and ignores this one (Node-based tools and strict YAML parsers reject repeated keys)",
            Dialect::Yaml => "strict YAML readers reject repeated keys, others keep the last value",
            // VS Code's own reader reports its duplicates (rules::COPILOT_YAML_ERROR).
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
