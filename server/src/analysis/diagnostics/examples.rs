//! Rules about the `<example>` blocks of an agent's description (spec §5): the forms
//! that make YAML or the loader lose them, the structure of each block, and the
//! conventions of Claude Code's agent generator. Each finding is made in the text the
//! model reads and reported on the source characters it came from.

use super::{line_at, line_no, Context};
use crate::analysis::examples::structure::{
    self, Example, Examples, Role, COMMENTARY_CLOSE, EXAMPLE_CLOSE,
};
use crate::analysis::examples::{self, rewrite, Description, Form, Seen};
use crate::analysis::file_kind::FileKind;
use crate::analysis::limits::Sink;
use crate::analysis::{Diagnostic, Edit, Severity};
use crate::loader::Loaded;
use crate::rules;
use std::ops::Range;

/// Anthropic's plugin-dev guidance: two to four examples, at most six.
const MOST_EXAMPLES: usize = 6;

struct Ctx<'a> {
    text: &'a str,
    desc: &'a Description,
    /// The text the blocks were found in (see `Description::blocks_text`).
    blocks: &'a str,
    found: &'a Examples,
    /// The `|` rewrite, when the form needs it and it checks out.
    rewrite: Option<&'a Edit>,
}

impl Ctx<'_> {
    fn at(&self, r: Range<usize>) -> Range<usize> {
        self.desc.source_range(r)
    }

    /// The example text as the model reads it, shortened for a message.
    fn shown(&self, r: Range<usize>) -> String {
        let s: String = self.desc.text[r]
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        let short: String = s.chars().take(70).collect();
        if short.len() < s.len() {
            format!("{short}…")
        } else {
            short
        }
    }

    /// An edit that inserts `tag` after byte `at` of the text, on a line of its own
    /// when the example spans lines and the form can hold a line break.
    fn insert_after(&self, at: usize, multiline: bool, tag: &str) -> Edit {
        let sep = match &self.desc.line_break {
            Some(nl) if multiline => nl.as_str(),
            _ => "",
        };
        let pos = self.desc.source_after(at);
        Edit {
            range: pos..pos,
            new_text: format!("{sep}{tag}"),
        }
    }
}

pub fn check(cx: &Context, loaded: &Loaded, out: &mut Sink) {
    let Some(model) = cx.examples else {
        return;
    };
    let ex = Ctx {
        text: cx.text,
        desc: &model.desc,
        blocks: model.blocks(),
        found: &model.found,
        rewrite: model.rewrite.as_ref(),
    };
    form(&ex, cx.kind, out);
    // In these forms the example lines are raw YAML lines: a tag inserted there is read
    // as YAML, not as description text. The `|` rewrite (offered above) is the remedy.
    let fixable = !matches!(model.desc.form, Form::RawLines | Form::CutByKeys { .. });
    tags(&ex, fixable, out);
    for e in model
        .found
        .examples
        .iter()
        .filter(|e| e.nested_in.is_none())
    {
        turns(&ex, e, out);
    }
    between(&ex, out);
    if loaded.loads() {
        conventions(&ex, loaded, out);
    }
}

/// "its example", "all 3 examples": what the `|` rewrite keeps.
fn examples_word(n: usize) -> String {
    match n {
        0 => "its text".to_string(),
        1 => "its example".to_string(),
        _ => format!("all {n} examples"),
    }
}

/// What `frontmatter-unparseable` says and offers when the description continues on
/// raw lines and the `|` rewrite makes the file YAML.
pub struct RawLinesRepair {
    pub note: String,
    /// The first raw line: the line YAML cannot take.
    pub first_raw_line: Option<Range<usize>>,
    pub rewrite: Edit,
}

/// The repair of a description continued on raw lines, when the YAML error the rule
/// reports (`error_at`) lies in it.
pub fn raw_lines_repair(cx: &Context, error_at: &Range<usize>) -> Option<RawLinesRepair> {
    let model = cx.examples.filter(|m| m.desc.form == Form::RawLines)?;
    let (text, desc) = (cx.text, &model.desc);
    let rewrite = model.rewrite.clone()?;
    if !(desc.value.start <= error_at.start && error_at.start < desc.value.end) {
        return None;
    }
    let note = format!(
        ". Here the description (lines {}–{}) continues on raw lines: as a `|` block it is valid YAML and the agent loads with {}",
        line_no(text, desc.value.start),
        line_no(text, desc.value.end),
        examples_word(model.found.examples.len())
    );
    let first_line_end = line_at(text, desc.value.start).end;
    let rest = &text[first_line_end..desc.value.end];
    let first_raw_line = rest
        .find(|c: char| !c.is_whitespace())
        .map(|i| line_at(text, first_line_end + i));
    Some(RawLinesRepair {
        note,
        first_raw_line,
        rewrite,
    })
}

/// The forms in which the examples do not reach the model as written. (A description
/// on raw lines makes the frontmatter unparseable: `raw_lines_repair` feeds that rule.)
fn form(cx: &Ctx, kind: &FileKind, out: &mut Sink) {
    let (text, desc) = (cx.text, cx.desc);
    let n = cx.found.examples.len();
    match &desc.form {
        Form::CutByKeys { key_lines } => {
            let cut = match &desc.seen {
                Seen::Other(s) => s.split_whitespace().collect::<Vec<_>>().join(" "),
                _ => String::new(),
            };
            let short: String = cut.chars().take(60).collect();
            let short = if short.len() < cut.len() {
                format!("{short}…")
            } else {
                short
            };
            let cut_at = line_no(text, desc.key.start);
            for line in key_lines {
                if !out.room(rules::EXAMPLE_LINE_BECOMES_KEY, line.start) {
                    continue;
                }
                let key = examples::source::turn_key(&text[line.clone()]).unwrap_or("user");
                let mut d = Diagnostic::new(line.clone(), rules::EXAMPLE_LINE_BECOMES_KEY, format!(
                        "`{key}:` at the start of a line is a YAML key of its own, not part of the description: Claude Code loads this agent with the description cut at line {cut_at}, so the model reads only \"{short}\" and loses {}",
                        examples_word(n)
                    ));
                if let Some(edit) = cx.rewrite {
                    d = d.with_fix(rewrite::TITLE, vec![edit.clone()], true);
                }
                out.push(d);
            }
        }
        Form::MultiLine | Form::Folded => flattened(cx, kind, out),
        Form::OneLine if !desc.literal_escapes.is_empty() => flattened(cx, kind, out),
        Form::OneLine if desc.seen == Seen::AsAnalysed && n > 0 && desc.text.contains('\n') => {
            if let Some(edit) = cx.rewrite {
                out.push(
                    Diagnostic::new(desc.key.clone(), rules::EXAMPLES_ONE_LINE, "The examples are written on one line with `\\n` escapes (the old `/agents` format): a `|` block with real line breaks reads the same to Claude Code and is easier to edit")
                    .with_fix(rewrite::TITLE, vec![edit.clone()], false),
                );
            }
        }
        Form::RawLines | Form::OneLine | Form::Literal { .. } => {}
    }
}

/// Examples whose line breaks YAML (or the plugin loader) takes away.
fn flattened(cx: &Ctx, kind: &FileKind, out: &mut Sink) {
    let desc = cx.desc;
    let why = match desc.form {
        Form::Folded => "A `>` block folds single line breaks into spaces",
        Form::MultiLine => "YAML folds the line breaks of a value written over several lines into spaces",
        _ if kind.is_plugin() => {
            "Plugin agents keep `\\n` as the two characters `\\` and `n` (only project agents turn them into line breaks)"
        }
        _ => return,
    };
    for e in &cx.found.examples {
        let whole = e.whole();
        let lost = any_within(&desc.folded, &whole) || any_within(&desc.literal_escapes, &whole);
        if !lost || !out.room(rules::EXAMPLE_FLATTENED, cx.at(e.open.clone()).start) {
            continue;
        }
        let mut d = Diagnostic::new(
            cx.at(e.open.clone()),
            rules::EXAMPLE_FLATTENED,
            format!(
                "{why}: the model reads this example as one line: \"{}\"",
                cx.shown(whole)
            ),
        );
        if let Some(edit) = cx.rewrite {
            d = d.with_fix(rewrite::TITLE, vec![edit.clone()], true);
        }
        out.push(d);
    }
}

/// Whether an offset of `sorted` (ascending) lies in `range`: a binary search, so that
/// each of thousands of examples costs the same.
fn any_within(sorted: &[usize], range: &Range<usize>) -> bool {
    let first = sorted.partition_point(|&o| o < range.start);
    sorted.get(first).is_some_and(|&o| o < range.end)
}

/// Unbalanced, nested, stray and crossed tags, with fixes that insert or remove tags
/// when `fixable`. A file can hold thousands: each is built only if the sink has room.
fn tags(cx: &Ctx, fixable: bool, out: &mut Sink) {
    let push = |out: &mut Sink, mut d: Diagnostic| {
        if !fixable {
            d.fixes.clear();
        }
        out.push(d);
    };
    let found = cx.found;
    // Line numbers for many messages: counted once, not from the start for each.
    let lines = crate::text::Lines::new(cx.text);
    // The examples whose commentary crosses their close, found once (not per example).
    let crossed_closes: std::collections::HashSet<usize> =
        found.crossed.iter().map(|(x, _)| x.start).collect();
    for (i, e) in found.examples.iter().enumerate() {
        let open = cx.at(e.open.clone());
        if e.close.is_none() && out.room(rules::EXAMPLE_UNCLOSED, open.start) {
            let next = found.examples[i + 1..].first();
            let until = if next.is_some() {
                "the next `<example>`"
            } else {
                "the end of the description"
            };
            let end = trimmed_end(cx.blocks, e.body.clone());
            let multiline = cx.blocks[e.whole()].contains('\n');
            let d = Diagnostic::new(open.clone(), rules::EXAMPLE_UNCLOSED, format!("This `<example>` is never closed: the model reads everything up to {until} as one example"))
            .with_fix("Close the example with `</example>`", vec![cx.insert_after(end, multiline, EXAMPLE_CLOSE)], true);
            push(out, d);
        }
        if let Some(outer) = e
            .nested_in
            .filter(|_| out.room(rules::EXAMPLE_NESTED, open.start))
        {
            push(out, Diagnostic::new(open.clone(), rules::EXAMPLE_NESTED, format!(
                    "`<example>` inside another example (opened at line {}): the model reads one example holding another",
                    lines.line_no(cx.at(found.examples[outer].open.clone()).start)
                )));
        }
        let crossed = e
            .close
            .as_ref()
            .is_some_and(|x| crossed_closes.contains(&x.start));
        if !crossed {
            unclosed_commentaries(cx, e, fixable, out);
        }
    }
    for (example_close, commentary_close) in &found.crossed {
        let at = cx.at(commentary_close.clone());
        if !out.room(rules::COMMENTARY_CROSSES_EXAMPLE, at.start) {
            continue;
        }
        let between = cx.at(example_close.end..commentary_close.start);
        let whole = cx.at(example_close.start..commentary_close.end);
        let new_text = format!("{COMMENTARY_CLOSE}{}{EXAMPLE_CLOSE}", &cx.text[between]);
        push(
            out,
            Diagnostic::new(at, rules::COMMENTARY_CROSSES_EXAMPLE, "`</commentary>` comes after `</example>`: the commentary runs past the end of its example")
            .with_fix("Close the commentary before the example", vec![Edit { range: whole, new_text }], true),
        );
    }
    stray_closes(cx, fixable, out);
    for c in &found.outside {
        let at = cx.at(c.open.clone());
        if out.room(rules::COMMENTARY_OUTSIDE_EXAMPLE, at.start) {
            out.push(Diagnostic::new(at, rules::COMMENTARY_OUTSIDE_EXAMPLE, "`<commentary>` outside every example: the model reads it as part of the description, not as the reason behind an example"));
        }
    }
}

/// The commentaries of example `e` that are never closed (when the example's close
/// crosses a commentary, that rule says it).
fn unclosed_commentaries(cx: &Ctx, e: &Example, fixable: bool, out: &mut Sink) {
    for c in &e.commentaries {
        let at = cx.at(c.open.clone());
        if c.close.is_some() || !out.room(rules::COMMENTARY_UNCLOSED, at.start) {
            continue;
        }
        // The commentary ends before the next turn line, or with the example.
        let stop = structure::leading_marker_line(cx.blocks, c.body.clone()).unwrap_or(c.body.end);
        let end = trimmed_end(cx.blocks, c.body.start..stop);
        let multiline = cx.blocks[c.open.start..stop].contains('\n');
        let mut d = Diagnostic::new(at, rules::COMMENTARY_UNCLOSED, "This `<commentary>` is never closed: the model reads the rest of the example as commentary");
        if fixable {
            d = d.with_fix(
                "Close the commentary with `</commentary>`",
                vec![cx.insert_after(end, multiline, COMMENTARY_CLOSE)],
                true,
            );
        }
        out.push(d);
    }
}

/// Closing tags with no opening tag, each with the fix that removes it.
fn stray_closes(cx: &Ctx, fixable: bool, out: &mut Sink) {
    let found = cx.found;
    for (closes, tag, what, rule) in [
        (
            &found.stray_closes,
            EXAMPLE_CLOSE,
            "example",
            rules::EXAMPLE_STRAY_CLOSE,
        ),
        (
            &found.stray_commentary_closes,
            COMMENTARY_CLOSE,
            "commentary",
            rules::COMMENTARY_STRAY_CLOSE,
        ),
    ] {
        for r in closes {
            let range = cx.at(r.clone());
            if !out.room(rule, range.start) {
                continue;
            }
            let mut d = Diagnostic::new(
                range.clone(),
                rule,
                format!("`{tag}` closes no open `<{what}>`: the model sees a stray tag (is an opening tag missing?)"),
            );
            if fixable {
                // A tag alone on its line goes with its line.
                let line = line_at(cx.text, range.start);
                let removal = if cx.text[line.clone()].trim() == tag
                    && cx.text[line.end..].starts_with('\n')
                {
                    line.start..line.end + 1
                } else {
                    range
                };
                d = d.with_fix(
                    format!("Remove `{tag}`"),
                    vec![Edit {
                        range: removal,
                        new_text: String::new(),
                    }],
                    false,
                );
            }
            out.push(d);
        }
    }
}

fn trimmed_end(text: &str, r: Range<usize>) -> usize {
    let s = text[r.clone()].trim_end();
    // A list mark left before the next example belongs to that one.
    let s = match s.strip_suffix(['-', '*']) {
        Some(rest) if rest.is_empty() || rest.ends_with(char::is_whitespace) => rest.trim_end(),
        _ => s,
    };
    r.start + s.len()
}

/// The turns of one example: who speaks, and in which order.
fn turns(cx: &Ctx, e: &Example, out: &mut Sink) {
    let text = cx.blocks;
    let open = cx.at(e.open.clone());
    if text[e.body.clone()].trim().is_empty() {
        out.push(Diagnostic::new(
            open,
            rules::EXAMPLE_EMPTY,
            "Empty example: the model sees the tags and nothing to learn from",
        ));
        return;
    }
    let user = e.first(Role::User);
    let assistant = e.first(Role::Assistant);
    if user.is_none() {
        out.push(Diagnostic::new(open.clone(), rules::EXAMPLE_NO_USER, "This example has no `user:` turn: the model sees no request to match future requests against"));
    }
    if assistant.is_none() {
        out.push(Diagnostic::new(open.clone(), rules::EXAMPLE_NO_ASSISTANT, "This example has no `assistant:` turn: the model never sees itself delegating to this agent"));
    }
    if let (Some(u), Some(a)) = (user, assistant) {
        if a.marker.start < u.marker.start {
            out.push(Diagnostic::new(cx.at(a.marker.clone()), rules::EXAMPLE_ASSISTANT_FIRST, "`assistant:` comes before the first `user:`: the model reads the answer before the request"));
        }
    }
    if let Some(c) = e.first(Role::Context) {
        if e.turns.first().is_some_and(|t| t.role != Role::Context) {
            out.push(Diagnostic::new(cx.at(c.marker.clone()), rules::EXAMPLE_CONTEXT_NOT_FIRST, "`Context:` should open the example (the convention: Context, user, assistant, commentary), so the model reads the situation before the turns"));
        }
    }
    for c in e.commentaries.iter().filter(|c| c.close.is_some()) {
        if text[c.body.clone()].trim().is_empty() {
            let whole = c.open.start..c.close.as_ref().map_or(c.body.end, |x| x.end);
            out.push(Diagnostic::new(
                cx.at(whole),
                rules::COMMENTARY_EMPTY,
                "Empty commentary: the model gets no reason why this agent fits the example",
            ));
        }
    }
}

/// Text between two examples.
fn between(cx: &Ctx, out: &mut Sink) {
    for r in &cx.found.between {
        if !out.room(rules::EXAMPLE_TEXT_BETWEEN, cx.at(r.clone()).start) {
            continue;
        }
        let turn = structure::holds_turn(cx.blocks, r.clone());
        let (severity, msg) = if turn {
            (Severity::Warning, "A turn between two examples: the `</example>` before it closes its example too early, so the model reads this turn outside any example")
        } else {
            (Severity::Info, "Text between two examples: the model reads it as part of the description, between the examples; keep only white space or a list dash there")
        };
        out.push(
            Diagnostic::new(
                cx.at(r.clone()),
                rules::EXAMPLE_TEXT_BETWEEN,
                format!("{msg}: \"{}\"", cx.shown(r.clone())),
            )
            .with_severity(severity),
        );
    }
}

/// Claude Code's generator conventions: examples present, not too many, the assistant
/// delegating to this agent, the opening words.
fn conventions(cx: &Ctx, loaded: &Loaded, out: &mut Sink) {
    let (desc, found) = (cx.desc, cx.found);
    let key = desc.key.clone();
    if found.examples.is_empty() {
        out.push(Diagnostic::new(key.clone(), rules::EXAMPLES_NONE, "No `<example>` blocks: the main model decides when to delegate to this agent from the description's words alone (Claude Code's generator writes 2–4 examples)"));
    } else if let Some(extra) = found.examples.get(MOST_EXAMPLES) {
        out.push(Diagnostic::new(cx.at(extra.open.clone()), rules::EXAMPLES_TOO_MANY, format!(
                "{} examples: more than {MOST_EXAMPLES} makes every Agent tool listing longer without teaching more (the guidance is 2–4)",
                found.examples.len()
            )));
    }
    if let Some(name) = loaded
        .name
        .as_deref()
        .filter(|_| !found.examples.is_empty())
    {
        let names_agent = found
            .examples
            .iter()
            .flat_map(|e| &e.turns)
            .filter(|t| t.role == Role::Assistant)
            .any(|t| {
                let said = desc.text[t.content.clone()].to_lowercase();
                let name = name.to_lowercase();
                said.contains(&name)
                    || said.contains(&name.replace(['-', '_'], " "))
                    || ["agent tool", "task tool", "agent(", "task("]
                        .iter()
                        .any(|w| said.contains(w))
            });
        if !names_agent {
            out.push(Diagnostic::new(key.clone(), rules::EXAMPLES_AGENT_NOT_NAMED, format!(
                    "No `assistant:` turn names `{name}` (or the Agent tool): the examples show the assistant answering, not delegating to this agent"
                )));
        }
    }
    let opening = desc.text.trim_start();
    let conventional = opening
        .get(..19)
        .is_some_and(|s| s.eq_ignore_ascii_case("use this agent when"))
        || desc.text.contains("PROACTIVELY");
    if !conventional {
        out.push(Diagnostic::new(key, rules::DESCRIPTION_STYLE, "Claude Code's agent generator starts every description with \"Use this agent when…\": the main model matches requests against that opening"));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn list_marks_stay_with_the_next_example() {
        assert_eq!(trimmed_end("a \"x\"\n- ", 0..8), 5);
        assert_eq!(trimmed_end("x-y", 0..3), 3);
    }
}
