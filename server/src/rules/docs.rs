//! The rules as text: the README's table, `docs/rules.md` and what `agent-lsp explain`
//! prints, all generated from the registry (a test keeps the committed files in step).

use super::{Rule, ALL};

/// How to regenerate the committed files, said when they drift.
pub const REGENERATE: &str = "UPDATE_DOCS=1 cargo test --test it rules::docs";

/// The markers around the generated table in README.md.
pub const README_BEGIN: &str =
    "<!-- rules:begin (generated from server/src/rules/registry.rs; do not edit) -->";
pub const README_END: &str = "<!-- rules:end -->";

/// The severity as the tables show it.
fn level(r: &Rule) -> String {
    if r.varies.is_empty() {
        r.severity.as_str().to_string()
    } else {
        format!("{} (varies)", r.severity.as_str())
    }
}

/// Table cells hold no `|` and no line break.
fn cell(s: &str) -> String {
    s.replace('|', "\\|").replace('\n', " ")
}

/// The README's rule table, one row per rule, each linking to its section in
/// docs/rules.md.
pub fn readme_table() -> String {
    let mut out = String::from("| code | severity | formats | when |\n|---|---|---|---|\n");
    for r in ALL {
        out.push_str(&format!(
            "| [`{0}`](docs/rules.md#{0}) | {1} | {2} | {3} |\n",
            r.code,
            level(r),
            r.formats_described(),
            cell(r.summary)
        ));
    }
    out
}

/// `readme` with the text between the markers replaced by the current table; None when
/// the markers are missing.
pub fn splice_readme(readme: &str) -> Option<String> {
    let begin = readme.find(README_BEGIN)? + README_BEGIN.len();
    let end = begin + readme[begin..].find(README_END)?;
    Some(format!(
        "{}\n{}{}",
        &readme[..begin],
        readme_table(),
        &readme[end..]
    ))
}

/// docs/rules.md: an index, then every rule with its explanation and example.
pub fn rules_markdown() -> String {
    let mut out = format!(
        "# Rules\n\n\
         <!-- Generated from server/src/rules/registry.rs by `{REGENERATE}`; do not edit. -->\n\n\
         Every diagnostic agent-lsp reports, with its code, its default severity and the formats it \
         checks. The severity follows what the tool does with the file: **error**, the file is not \
         loaded; **warning**, it loads, but not as written (or only one tool can read it); \
         **info** and **hint**, conventions and style. Each rule can be made louder, quieter or \
         switched off in `agent-lsp.toml` or the editor's settings \
         ([configuration](configuration.md)); `agent-lsp explain CODE` prints a rule's \
         explanation in the terminal.\n\n\
         | code | severity | formats | when |\n|---|---|---|---|\n"
    );
    for r in ALL {
        out.push_str(&format!(
            "| [`{0}`](#{0}) | {1} | {2} | {3} |\n",
            r.code,
            level(r),
            r.formats_described(),
            cell(r.summary)
        ));
    }
    for r in ALL {
        out.push_str(&format!("\n## {}\n\n**{}**", r.code, r.severity.as_str()));
        if !r.varies.is_empty() {
            out.push_str(&format!(" ({})", r.varies));
        }
        out.push_str(&format!(
            " · {}\n\n{}.\n\n{}\n\nReported:\n\n```markdown\n{}```\n\nFixed:\n\n```markdown\n{}```\n",
            r.formats_described(),
            r.summary,
            r.explanation,
            with_newline(r.bad),
            with_newline(r.good)
        ));
    }
    out
}

fn with_newline(s: &str) -> String {
    if s.ends_with('\n') {
        s.to_string()
    } else {
        format!("{s}\n")
    }
}

/// One rule for the terminal (`agent-lsp explain CODE`).
pub fn explain(r: &Rule) -> String {
    let mut out = format!("{}: {}", r.code, r.severity.as_str());
    if !r.varies.is_empty() {
        out.push_str(&format!(" ({})", r.varies));
    }
    out.push_str(&format!(
        "\nformats: {}\n\n{}.\n\n{}\n\nReported:\n{}\nFixed:\n{}",
        r.formats_described(),
        r.summary,
        wrap(r.explanation, 88),
        indented(r.bad),
        indented(r.good)
    ));
    out
}

/// Every rule, one line each (`agent-lsp explain` without a code).
pub fn list() -> String {
    let width = ALL.iter().map(|r| r.code.len()).max().unwrap_or(0);
    let mut out = String::new();
    for r in ALL {
        out.push_str(&format!(
            "{:width$}  {:7}  {}\n",
            r.code,
            r.severity.as_str(),
            r.summary
        ));
    }
    out
}

fn indented(s: &str) -> String {
    s.lines().map(|l| format!("    {l}\n")).collect()
}

/// Breaks `text` into lines of at most `width` characters at spaces.
fn wrap(text: &str, width: usize) -> String {
    let mut out = String::new();
    let mut line_len = 0;
    for word in text.split(' ') {
        let len = word.chars().count();
        if line_len > 0 && line_len + 1 + len > width {
            out.push('\n');
            line_len = 0;
        } else if line_len > 0 {
            out.push(' ');
            line_len += 1;
        }
        out.push_str(word);
        line_len += len;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrapping_keeps_every_word() {
        let text = "a bb ccc dddd eeeee";
        let wrapped = wrap(text, 6);
        assert_eq!(wrapped, "a bb\nccc\ndddd\neeeee");
        assert_eq!(wrapped.replace('\n', " "), text);
    }

    #[test]
    fn the_readme_table_goes_between_the_markers() {
        let readme = format!("intro\n{README_BEGIN}\nold\n{README_END}\nrest\n");
        let spliced = splice_readme(&readme).unwrap_or_default();
        assert!(spliced.starts_with(&format!("intro\n{README_BEGIN}\n| code |")));
        assert!(spliced.ends_with(&format!("|\n{README_END}\nrest\n")));
        assert_eq!(splice_readme("no markers"), None);
    }
}
