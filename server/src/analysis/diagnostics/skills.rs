//! Rules about Claude Code skills and slash commands (one loader in Claude Code 2.1.332:
//! what it reads from `tools`, `argument-hint`, `allowed-tools`, and the size it skips),
//! and about a `SKILL.md`'s portability under the Agent Skills spec (name, description,
//! keys). The formats whose catalogs list the `claude-skill` and `agent-skills` groups
//! keep them; the values of `effort`, `shell`, `context` and `model` are the catalog's
//! schemas (`values.rs`).

use super::{double_quoted, line_at, Context};
use crate::analysis::limits::Sink;
use crate::analysis::suggest::closest;
use crate::analysis::{Diagnostic, Edit, Severity};
use crate::catalog::ToolName;
use crate::loader::tool_list::names_at;
use crate::rules;
use crate::syntax::{Mode, Node, NodeKind, Value};

pub fn check(cx: &Context, out: &mut Sink) {
    // Agents have a loader model and their own rules.
    if cx.loaded.is_some() {
        return;
    }
    too_large(cx, out);
    if cx.fm.split.is_none() {
        out.push(Diagnostic::new(line_at(cx.text, 0), rules::SKILL_NO_FRONTMATTER, "No frontmatter: Claude Code lists this skill as a slash command, describes it to the model by its first body line and leaves it out of the session's skill list; the Agent Skills spec requires frontmatter with `name` and `description`"));
        return;
    }
    if cx.fm.mode == Mode::Unparseable {
        return;
    }
    tools_key(cx, out);
    argument_hint(cx, out);
    for key in ["allowed-tools", "disallowed-tools", "disallowedTools"] {
        if let Some(e) = cx.fm.get(key) {
            tool_names(cx, key, &e.value, out);
        }
    }
    name(cx, out);
    description(cx, out);
    portable_keys(cx, out);
}

fn too_large(cx: &Context, out: &mut Sink) {
    let Some(max) = cx.catalog.max_bytes.filter(|&m| cx.text.len() > m) else {
        return;
    };
    out.push(Diagnostic::new(
        line_at(cx.text, 0),
        rules::SKILL_FILE_TOO_LARGE,
        format!(
            "This file is {} bytes: {} {} skips a {} larger than {max} bytes without reading it",
            cx.text.len(),
            cx.catalog.for_tool,
            cx.catalog.tool_version,
            cx.catalog.title
        ),
    ));
}

/// `tools:` where the format's key is `allowed-tools`.
fn tools_key(cx: &Context, out: &mut Sink) {
    let Some(e) = cx.fm.get("tools") else { return };
    if cx.catalog.key("tools").is_some() || cx.catalog.key("allowed-tools").is_none() {
        return;
    }
    let d = Diagnostic::new(e.key.span.clone(), rules::TOOLS_KEY_IGNORED, format!(
        "{} ignores `tools` in a {}: the key is `allowed-tools` (the tools pre-approved while it runs)",
        cx.catalog.for_tool, cx.catalog.title
    ));
    out.push(if cx.fm.get("allowed-tools").is_some() {
        d
    } else {
        d.with_fix(
            "Rename to `allowed-tools`",
            vec![Edit {
                range: e.key.span.clone(),
                new_text: "allowed-tools".into(),
            }],
            false,
        )
    });
}

/// An unquoted `[…]` hint: a YAML list, which the loader turns into a string with
/// JavaScript's `String()`.
fn argument_hint(cx: &Context, out: &mut Sink) {
    let Some(e) = cx.fm.get("argument-hint") else {
        return;
    };
    if !matches!(e.value.kind, NodeKind::Seq { .. }) {
        return;
    }
    let raw = &cx.text[e.value.span.clone()];
    let shown = js_string(&e.value);
    let d = Diagnostic::new(e.value.span.clone(), rules::ARGUMENT_HINT_LIST, format!(
        "`{raw}` is a YAML list, not text: {} shows the hint as `{shown}`. Quote it to show it as written",
        cx.catalog.for_tool
    ));
    // A one-line flow list quoted is read back as exactly the text written.
    out.push(if raw.contains(['\n', '\r']) {
        d
    } else {
        d.with_fix(
            "Quote the hint",
            vec![Edit {
                range: e.value.span.clone(),
                new_text: double_quoted(raw),
            }],
            true,
        )
    });
}

/// A scalar as text: Claude Code turns numbers and booleans into strings, and skills-ref's
/// reader (strictyaml) reads every scalar as a string. None for null, lists and mappings.
fn scalar_text(node: &Node) -> Option<String> {
    match node.scalar()? {
        Value::Null => None,
        Value::Str(s) => Some(s.to_string()),
        _ => Some(js_string(node)),
    }
}

/// JavaScript's `String(value)` for a parsed YAML value, as the loader applies it.
fn js_string(node: &Node) -> String {
    match (&node.kind, node.scalar()) {
        (NodeKind::Seq { items, .. }, _) => {
            items.iter().map(js_string).collect::<Vec<_>>().join(",")
        }
        (_, Some(Value::Str(s))) => s.to_string(),
        (_, Some(Value::Int(i))) => i.to_string(),
        (_, Some(Value::Float(f))) => f.to_string(),
        (_, Some(Value::Bool(b))) => b.to_string(),
        (_, Some(Value::Null)) => String::new(),
        _ => "[object Object]".into(),
    }
}

/// Names in a tool list that are no tool: they pre-approve or forbid nothing.
fn tool_names(cx: &Context, key: &str, value: &Node, out: &mut Sink) {
    let (catalog, settings) = (cx.catalog, cx.settings);
    for n in names_at(value, cx.text) {
        let base = super::tools::base_of(n.name);
        let range = n.part(0..base.len());
        if base.is_empty() || base == "*" || base.contains('$') {
            continue;
        }
        let problem = matches!(
            settings.resolve_tool(catalog, base),
            ToolName::Unknown | ToolName::Removed(_)
        );
        if !problem || !out.room(rules::ALLOWED_TOOL_UNKNOWN, range.start) {
            continue;
        }
        let (msg, fix, safe) = match settings.resolve_tool(catalog, base) {
            ToolName::Unknown => match catalog.tool_names().find(|t| t.eq_ignore_ascii_case(base)) {
                Some(t) => (format!("Tool names are case-sensitive: `{base}` is not `{t}`, so this `{key}` entry does nothing"), Some(t.to_string()), true),
                None => {
                    let s = closest(base, catalog.tool_names(), 2);
                    let hint = s.map(|s| format!(" (did you mean `{s}`?)")).unwrap_or_default();
                    (format!("`{base}` is not a tool {} {} knows{hint}: this `{key}` entry does nothing", catalog.for_tool, catalog.tool_version), s.map(str::to_string), false)
                }
            },
            ToolName::Removed(r) => (format!("`{base}` no longer exists in {} {}: this `{key}` entry does nothing. Use `{}`", catalog.for_tool, catalog.tool_version, r.instead), Some(r.instead.clone()), false),
            _ => continue,
        };
        let mut d = Diagnostic::new(range.clone(), rules::ALLOWED_TOOL_UNKNOWN, msg);
        if let Some(t) = fix {
            d = d.with_fix(
                format!("Change to `{t}`"),
                vec![Edit { range, new_text: t }],
                safe,
            );
        }
        out.push(d);
    }
}

/// The Agent Skills spec's name: the folder's, 1–64 lowercase letters, digits and
/// single hyphens (skills-ref's checks, in its order).
fn name(cx: &Context, out: &mut Sink) {
    let Some(e) = cx.fm.get("name") else {
        return name_missing(cx, out);
    };
    let name = scalar_text(&e.value);
    let Some(name) = name.as_deref().map(str::trim).filter(|n| !n.is_empty()) else {
        return;
    };
    let span = e.value.span.clone();
    let mut problems = Vec::new();
    if name != name.to_lowercase() {
        problems.push("it must be lowercase");
    }
    if !name.chars().all(|c| c.is_alphanumeric() || c == '-') {
        problems.push("only letters, digits and hyphens are allowed");
    }
    if name.starts_with('-') || name.ends_with('-') || name.contains("--") {
        problems.push("no leading, trailing or doubled hyphen");
    }
    let len = name.chars().count();
    if len > 64 {
        problems.push("at most 64 characters");
    }
    if !problems.is_empty() {
        let chars = if len > 64 {
            format!(" ({len} characters)")
        } else {
            String::new()
        };
        out.push(Diagnostic::new(span.clone(), rules::SKILL_NAME_INVALID, format!(
            "`{name}`{chars} is not a valid Agent Skills name: {}. skills-ref, claude.ai and the Skills API reject it; Claude Code shows it as the skill's label",
            problems.join("; ")
        )));
    }
    let Some(folder) = cx.path_name() else {
        return;
    };
    if cx.catalog.named_by != crate::catalog::NamedBy::Folder || folder == name {
        return;
    }
    out.push(
        Diagnostic::new(span.clone(), rules::SKILL_NAME_MISMATCH, format!(
            "The skill's folder is `{folder}`: {} runs it as `/{folder}` and shows `{name}` only as its label; the Agent Skills spec requires `name` to equal the folder's name, and skills-ref rejects the skill",
            cx.catalog.for_tool
        ))
        .with_fix(format!("Change `name` to `{folder}`"), vec![Edit { range: span, new_text: folder.clone() }], false),
    );
}

/// No `name`: Claude Code goes by the folder; the spec requires the key.
fn name_missing(cx: &Context, out: &mut Sink) {
    let (Some(split), crate::catalog::NamedBy::Folder) = (&cx.fm.split, cx.catalog.named_by) else {
        return;
    };
    let folder = cx.path_name();
    let d = Diagnostic::new(split.open_fence.clone(), rules::SKILL_NAME_MISMATCH, format!(
        "No `name`: {} names the skill after its folder, but the Agent Skills spec requires `name` (equal to the folder's name), and skills-ref rejects the skill",
        cx.catalog.for_tool
    ));
    let line_after_fence = split.yaml.start;
    out.push(match folder {
        Some(f) => d.with_fix(
            format!("Add `name: {f}`"),
            vec![Edit {
                range: line_after_fence..line_after_fence,
                new_text: format!("name: {f}\n"),
            }],
            false,
        ),
        None => d,
    });
}

fn description(cx: &Context, out: &mut Sink) {
    let entry = cx.fm.get("description");
    let text = entry.and_then(|e| scalar_text(&e.value));
    let text = text.as_deref().map(str::trim);
    match (entry, text) {
        (Some(e), Some(t)) if t.chars().count() > 1024 => {
            out.push(Diagnostic::new(e.value.span.clone(), rules::SKILL_DESCRIPTION_TOO_LONG, format!(
                "The description is {} characters: the Agent Skills spec allows 1,024 (skills-ref, claude.ai and the Skills API reject it); Claude Code cuts the listing the model sees at 1,536 with `when_to_use`",
                t.chars().count()
            )));
        }
        (_, Some(t)) if !t.is_empty() => {}
        (e, _) => {
            let range = e.map_or_else(|| line_at(cx.text, 0), |e| e.key.span.clone());
            out.push(Diagnostic::new(range, rules::SKILL_DESCRIPTION_MISSING, "No description: Claude Code describes the skill to the model by the first paragraph of its body and leaves it out of the session's skill list; the Agent Skills spec requires a description"));
        }
    }
}

/// Keys outside the spec: a hint for Claude Code's own keys, a warning for keys no tool
/// reads.
fn portable_keys(cx: &Context, out: &mut Sink) {
    let allowed = &cx.catalog.portable_keys;
    if allowed.is_empty() {
        return;
    }
    for e in cx.fm.entries() {
        let Some(k) = e.key.as_str().filter(|k| !allowed.iter().any(|a| a == k)) else {
            continue;
        };
        let d = if cx.catalog.key(k).is_some() {
            Diagnostic::new(e.key.span.clone(), rules::SKILL_KEY_NOT_PORTABLE, format!(
                "`{k}` is a {} key outside the Agent Skills spec: skills-ref, claude.ai and the Skills API reject a skill that has it",
                cx.catalog.for_tool
            ))
        } else {
            Diagnostic::new(e.key.span.clone(), rules::SKILL_KEY_NOT_PORTABLE, format!(
                "`{k}` is not an Agent Skills key and {} ignores it: skills-ref, claude.ai and the Skills API reject the skill. Keep custom data under `metadata`",
                cx.catalog.for_tool
            ))
            .with_severity(Severity::Warning)
        };
        out.push(d);
    }
}

#[cfg(test)]
mod tests {
    use crate::analysis::{analyze_file, file_kind::FileKind, Severity};
    use crate::settings::Settings;
    use std::path::Path;

    fn codes(path: &str, text: &str) -> Vec<&'static str> {
        let path = Path::new(path);
        let kind = FileKind::from_path(path);
        let a = analyze_file(text, &kind, Some(path), &Settings::default());
        a.diagnostics.iter().map(|d| d.code).collect()
    }

    #[test]
    fn numbers_are_text_to_both_tools() {
        // Claude Code coerces `42`; skills-ref reads every scalar as a string.
        let c = codes(
            "/p/.claude/skills/x/SKILL.md",
            "---\nname: x\ndescription: 42\n---\n",
        );
        assert!(!c.contains(&"skill-description-missing"), "{c:?}");
        let c = codes(
            "/p/.claude/skills/x/SKILL.md",
            "---\nname: 404\ndescription: d\n---\n",
        );
        assert!(c.contains(&"skill-name-mismatch"), "{c:?}");
        let c = codes(
            "/p/.claude/skills/x/SKILL.md",
            "---\nname: x\ndescription: [a]\n---\n",
        );
        assert!(c.contains(&"skill-description-missing"), "{c:?}");
    }

    #[test]
    fn names_as_skills_ref_checks_them() {
        for (name, ok) in [
            ("pdf-tools", true),
            ("pdf2", true),
            ("-pdf", false),
            ("pdf-", false),
            ("pdf--tools", false),
            ("PDF", false),
            ("pdf_tools", false),
            ("pdf tools", false),
        ] {
            let text = format!("---\nname: {name}\ndescription: d\n---\n");
            let c = codes(&format!("/p/.claude/skills/{name}/SKILL.md"), &text);
            assert_eq!(!c.contains(&"skill-name-invalid"), ok, "{name}: {c:?}");
        }
    }

    #[test]
    fn a_hint_list_shows_as_javascript_joins_it() {
        for (hint, shown) in [
            ("[file]", "`file`"),
            ("[a, b]", "`a,b`"),
            ("[[a, b], c]", "`a,b,c`"),
            ("[1, true, ~]", "`1,true,`"),
        ] {
            let text = format!("---\ndescription: d\nargument-hint: {hint}\n---\n");
            let path = Path::new("/p/.claude/commands/x.md");
            let a = analyze_file(
                &text,
                &FileKind::from_path(path),
                Some(path),
                &Settings::default(),
            );
            let d = a
                .diagnostics
                .iter()
                .find(|d| d.code == "argument-hint-list")
                .expect(hint);
            assert!(
                d.message.contains(&format!("shows the hint as {shown}")),
                "{}",
                d.message
            );
        }
    }

    /// Claude Code 2.1.332 skips a `SKILL.md` over 1,000,000 bytes and a command over
    /// 1,048,576 (the oracle's verdicts on such files).
    #[test]
    fn skills_over_a_million_bytes_and_commands_over_one_mib_are_skipped() {
        for (path, limit) in [
            ("/p/.claude/skills/big/SKILL.md", 1_000_000),
            ("/p/.claude/commands/big.md", 1 << 20),
        ] {
            let path = Path::new(path);
            let kind = FileKind::from_path(path);
            let head = "---\nname: big\ndescription: d\n---\n";
            let at_limit = format!("{head}{}", "x".repeat(limit - head.len()));
            let too_large = |text: &str| {
                analyze_file(text, &kind, Some(path), &Settings::default())
                    .diagnostics
                    .iter()
                    .any(|d| d.code == "skill-file-too-large" && d.severity == Severity::Error)
            };
            assert!(!too_large(&at_limit), "{}", path.display());
            assert!(too_large(&format!("{at_limit}x")), "{}", path.display());
        }
    }
}
