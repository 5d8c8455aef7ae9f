//! Every diagnostic rule. Each says what the loader will do, with a severity that
//! matches the consequence: error = the agent is not loaded; warning = it loads, but not
//! as written (or only Claude Code can read it); info/hint = style and conventions.

mod copilot;
mod cursor;
mod examples;
mod fields;
mod frontmatter;
mod hooks;
mod links;
mod opencode;
mod skills;
pub(crate) mod tools;
mod values;
mod workspace;

use super::examples::Model;
use super::file_kind::FileKind;
use super::limits::Sink;
use super::{mojibake, Diagnostic, Edit, Severity};
use crate::catalog::{Catalog, Group};
use crate::loader::{Loaded, Skip};
use crate::rules;
use crate::settings::Settings;
use crate::syntax::Frontmatter;

/// What every rule reads: the file's text and what was computed from it once. Rules
/// decide from this alone; none looks at, moves or removes another rule's diagnostics,
/// so the result does not depend on the order they run in.
pub struct Context<'a> {
    pub text: &'a str,
    pub kind: &'a FileKind,
    pub catalog: &'a Catalog,
    pub fm: &'a Frontmatter,
    /// What Claude Code registers, for Claude Code agents.
    pub loaded: Option<&'a Loaded>,
    /// The description and its `<example>` blocks, for agents that have one.
    pub examples: Option<&'a Model>,
    pub settings: &'a Settings,
    /// Where the file is, for the cross-file rules (None for a text with no file).
    pub path: Option<&'a std::path::Path>,
    /// What the file declares and references.
    pub index: &'a crate::workspace::FileIndex,
}

impl Context<'_> {
    /// The name the file's path gives it (a skill's folder, else its stem), when there
    /// is a path and it gives one.
    pub fn path_name(&self) -> Option<String> {
        self.path
            .map(|p| self.kind.name_from_path(p))
            .filter(|n| !n.is_empty())
    }

    /// Whether a key the YAML reading finds at `offset` is really a line of the
    /// description's text (see `Model::lines_read_as_keys`).
    pub fn is_description_text(&self, offset: usize) -> bool {
        self.examples.is_some_and(|m| m.is_text_read_as_key(offset))
    }
}

/// Runs every rule into `out`, which keeps what the file's format checks (the catalog
/// lists the rules that apply to it) within the per-file cap.
pub fn collect(cx: &Context, out: &mut Sink) {
    let text = cx.text;
    frontmatter::check(cx, out);
    if let Some(l) = cx.loaded.filter(|l| l.skip == Some(Skip::TooLarge)) {
        let first = line_at(text, 0);
        out.push(Diagnostic::new(first, rules::FILE_TOO_LARGE, format!(
                "This file is {} bytes: Claude Code skips agent files larger than 1 MiB ({} bytes) without reading them{}",
                text.len(),
                crate::loader::MAX_FILE_BYTES,
                l.name.as_deref().map(|n| format!(", so `{n}` is never registered")).unwrap_or_default()
            )));
    }
    if let Some(loaded) = cx.loaded {
        fields::check(cx, loaded, out);
        tools::check(text, cx.fm, cx.catalog, cx.settings, out);
        examples::check(cx, loaded, out);
        workspace::check(cx, loaded, out);
        workspace::shadows(cx, loaded, out);
    }
    hooks::check(cx, out);
    copilot::check(cx, out);
    skills::check(cx, out);
    if cx.catalog.rules.contains(&Group::Cursor) {
        cursor::check(cx, out);
    }
    if cx.catalog.rules.contains(&Group::OpenCode) {
        opencode::check(cx, out);
    }
    workspace::unresolved(cx, out);
    links::check(cx, out);
    values::check_all(cx, out);
    mojibake_rule(text, out);
}

/// One root cause, often on dozens of lines: the first place is a warning whose fix
/// repairs the whole file; the others are hints, so the file is not buried in warnings.
fn mojibake_rule(text: &str, out: &mut Sink) {
    let found = mojibake::find(text);
    for (i, m) in found.iter().enumerate() {
        if !out.room(rules::MOJIBAKE, m.range.start) {
            continue;
        }
        let shown: String = text[m.range.clone()].chars().take(12).collect();
        let mut message = format!(
            "`{shown}` is UTF-8 text that was read as {} and saved again; the author wrote `{}`",
            m.encoding, m.repaired
        );
        let one = Edit {
            range: m.range.clone(),
            new_text: m.repaired.clone(),
        };
        let d = if i == 0 {
            if found.len() > 1 {
                message.push_str(&format!(" ({} more places in this file)", found.len() - 1));
            }
            let d = Diagnostic::new(m.range.clone(), rules::MOJIBAKE, message);
            if found.len() > 1 {
                let d = if found.len() <= super::limits::MAX_FIX_EDITS {
                    let all = found.iter().map(|m| Edit {
                        range: m.range.clone(),
                        new_text: m.repaired.clone(),
                    });
                    d.with_fix(
                        format!("Repair all {} places", found.len()),
                        all.collect(),
                        true,
                    )
                } else {
                    // Too many edits for one fix (the cap would drop it): not built.
                    d
                };
                d.with_fix(format!("Replace with `{}`", m.repaired), vec![one], false)
            } else {
                d.with_fix(format!("Replace with `{}`", m.repaired), vec![one], true)
            }
        } else {
            Diagnostic::new(m.range.clone(), rules::MOJIBAKE, message)
                .with_severity(Severity::Hint)
                .with_fix(format!("Replace with `{}`", m.repaired), vec![one], false)
        };
        out.push(d);
    }
}

/// The byte range of the line holding `offset`, without its line break, by the one
/// line-break rule of `text.rs` (a lone `\r` ends a line, as in LSP). Offsets inside a
/// multi-byte character ("one byte before the end of a value") round down to its start.
pub(crate) use crate::text::line_bounds as line_at;

/// One-based line number of `offset`, for messages.
pub(crate) fn line_no(text: &str, offset: usize) -> usize {
    crate::text::Lines::new(text).line_no(offset)
}

/// A value written as the loader's re-quote pass writes it: double quotes, with `\` and
/// `"` escaped. Strict YAML reads it back as exactly `value`.
pub(crate) fn double_quoted(value: &str) -> String {
    format!("\"{}\"", value.replace('\\', "\\\\").replace('"', "\\\""))
}

#[cfg(test)]
mod tests {
    use crate::analysis::{analyze, file_kind::FileKind, Severity};
    use crate::settings::Settings;

    #[test]
    fn files_over_one_mib_are_skipped_like_the_loader_does() {
        let head = "---\nname: huge\ndescription: d\n---\n";
        let at_limit = format!("{head}{}", "x".repeat((1 << 20) - head.len()));
        let a = analyze(&at_limit, &FileKind::claude_agent(), &Settings::default());
        assert!(a.loaded.as_ref().is_some_and(|l| l.loads()));
        let over = format!("{at_limit}x");
        let a = analyze(&over, &FileKind::claude_agent(), &Settings::default());
        assert!(a.loaded.as_ref().is_some_and(|l| !l.loads()));
        assert!(a
            .diagnostics
            .iter()
            .any(|d| d.code == "file-too-large" && d.severity == Severity::Error));
    }

    #[test]
    fn mcp_servers_outside_the_known_list_get_a_note() {
        use crate::settings::Config;
        use crate::workspace::Workspace;
        let config = Config::from_toml("mcp_servers = [\"github\"]").unwrap_or_default();
        let settings = Settings::new([config], Workspace::default());
        let text = "---\nname: triager\ndescription: d\ntools: mcp__githb__create_issue, mcp__github__x\n---\nBody.\n";
        let a = analyze(text, &FileKind::claude_agent(), &settings);
        let notes: Vec<_> = a
            .diagnostics
            .iter()
            .filter(|d| d.code == crate::rules::MCP_SERVER_UNKNOWN.code)
            .collect();
        assert_eq!(notes.len(), 1, "{:?}", a.diagnostics);
        assert_eq!(&text[notes[0].range.clone()], "mcp__githb__create_issue");
        assert!(notes[0].message.contains("did you mean `github`"));
    }
}
