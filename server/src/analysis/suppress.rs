//! Inline suppressions: YAML comments in the frontmatter that silence rules.
//! `# agent-lsp: disable=code[,code]` on a line of its own silences those codes on the
//! next line; `# agent-lsp: disable-file=code[,code]` in the whole file. A code that
//! silences nothing is reported (`suppression-unused`), so stale comments do not pile up.

use super::{Diagnostic, Edit, Fix};
use crate::rules;
use crate::syntax::Frontmatter;
use std::collections::HashMap;
use std::ops::Range;

const PREFIX: &str = "agent-lsp:";

struct Directive {
    /// The code as written, and its bytes.
    code: String,
    range: Range<usize>,
    /// Where it applies: the next line, or None for the whole file.
    lines: Option<Range<usize>>,
    used: bool,
}

/// The frontmatter's suppressions, read before the rules run so that a diagnostic is
/// silenced as it is found (the rules stop building diagnostics past the per-file cap,
/// and a suppression of one they did not build must still count as used).
#[derive(Default)]
pub struct Suppressions {
    directives: Vec<Directive>,
    by_code: HashMap<String, Index>,
}

/// One code's directives, by their place in `directives`.
#[derive(Default)]
struct Index {
    /// The first `disable-file` of the code.
    file: Option<usize>,
    /// The `disable` lines of the code, in file order (their next lines never overlap).
    lines: Vec<usize>,
}

impl Suppressions {
    pub fn read(text: &str, fm: &Frontmatter) -> Suppressions {
        let Some(split) = &fm.split else {
            return Suppressions::default();
        };
        let directives = read(text, split.yaml.clone());
        let mut by_code: HashMap<String, Index> = HashMap::new();
        for (i, d) in directives.iter().enumerate() {
            let index = by_code.entry(d.code.clone()).or_default();
            match d.lines {
                None => {
                    index.file.get_or_insert(i);
                }
                Some(_) => index.lines.push(i),
            }
        }
        Suppressions {
            directives,
            by_code,
        }
    }

    /// Whether a diagnostic of `code` starting at `at` is silenced; the first directive
    /// (in file order) that silences it is then used.
    pub fn silences(&mut self, code: &str, at: usize) -> bool {
        let Some(index) = self.by_code.get(code) else {
            return false;
        };
        let directives = &self.directives;
        let ends = |&k: &usize| directives[k].lines.as_ref().map_or(0, |l| l.end);
        let first_line = index.lines.partition_point(|k| ends(k) <= at);
        let line = index.lines.get(first_line).copied().filter(|&k| {
            directives[k]
                .lines
                .as_ref()
                .is_some_and(|l| l.contains(&at))
        });
        let hit = match (index.file, line) {
            (Some(f), Some(l)) => Some(f.min(l)),
            (f, l) => f.or(l),
        };
        hit.map(|k| self.directives[k].used = true).is_some()
    }

    /// The suppressions that silenced nothing: where each is, and its message (built
    /// only when asked).
    pub fn unused(self) -> impl Iterator<Item = (Range<usize>, impl FnOnce() -> String)> {
        self.directives
            .into_iter()
            .filter(|s| !s.used)
            .map(|s| (s.range.clone(), move || unused_message(&s)))
    }
}

fn unused_message(s: &Directive) -> String {
    match rules::get(&s.code) {
        Some(_) => format!(
            "`{}` is not reported {}: this suppression silences nothing; remove it",
            s.code,
            if s.lines.is_some() {
                "on the next line"
            } else {
                "in this file"
            }
        ),
        None => format!(
            "`{}` is not a rule code{}: this suppression silences nothing",
            s.code,
            rules::suggest(&s.code)
                .map(|c| format!(" (did you mean `{c}`?)"))
                .unwrap_or_default()
        ),
    }
}

/// The directives in the frontmatter's own-line comments.
fn read(text: &str, yaml: Range<usize>) -> Vec<Directive> {
    let mut found = Vec::new();
    let mut at = yaml.start;
    // Most frontmatters hold no directive: one search instead of a walk of every line.
    let Some(frontmatter) = text.get(yaml.clone()).filter(|f| f.contains(PREFIX)) else {
        return found;
    };
    for line in frontmatter.split_inclusive('\n') {
        let start = at;
        at += line.len();
        let trimmed = line.trim_start();
        let Some(comment) = trimmed.strip_prefix('#') else {
            continue;
        };
        let Some(rest) = comment.trim_start().strip_prefix(PREFIX) else {
            continue;
        };
        let rest = rest.trim_start();
        let (lines, list) = if let Some(l) = rest.strip_prefix("disable-file=") {
            (None, l)
        } else if let Some(l) = rest.strip_prefix("disable=") {
            (Some(next_line(text, at)), l)
        } else {
            continue;
        };
        let mut offset = start + (line.len() - list.len());
        for code in list.trim_end().split(',') {
            let lead = code.len() - code.trim_start().len();
            found.push(Directive {
                code: code.trim().to_string(),
                range: offset + lead..offset + lead + code.trim().len(),
                lines: lines.clone(),
                used: false,
            });
            offset += code.len() + 1;
        }
    }
    found
}

/// The bytes of the line starting at `at` (its break included).
fn next_line(text: &str, at: usize) -> Range<usize> {
    let end = text[at..].find('\n').map_or(text.len(), |i| at + i + 1);
    at..end
}

/// The quick fix that silences `d` where it is: a `# agent-lsp: disable=code` line
/// above its line. Offered for diagnostics on a top-level key's line of the frontmatter,
/// where a comment line cannot fall inside a block scalar's text.
pub fn fix(text: &str, fm: &Frontmatter, d: &Diagnostic) -> Option<Fix> {
    let yaml = fm.split.as_ref()?.yaml.clone();
    if d.code == rules::SUPPRESSION_UNUSED.code || !yaml.contains(&d.range.start) {
        return None;
    }
    let line = crate::text::line_bounds(text, d.range.start);
    let first = text[line.start..].chars().next()?;
    if first.is_whitespace() || first == '#' || line.start < yaml.start {
        return None;
    }
    Some(Fix {
        title: format!("Silence `{}` on this line (# agent-lsp: disable)", d.code),
        edits: vec![Edit {
            range: line.start..line.start,
            new_text: format!(
                "# {PREFIX} disable={}{}",
                d.code,
                crate::text::line_ending(text)
            ),
        }],
        safe: false,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::{analyze, file_kind::FileKind};
    use crate::settings::Settings;

    #[test]
    fn the_quick_fix_silences_the_diagnostic() {
        let text = "---\nname: a\ndescription: d\ntools: Raed\n---\nbody\n";
        let kind = FileKind::from_path(std::path::Path::new(".claude/agents/a.md"));
        let settings = Settings::default();
        let a = analyze(text, &kind, &settings);
        let d = a.diagnostics.iter().find(|d| d.code == "unknown-tool");
        let fix = fix(text, &a.frontmatter, d.expect("reported")).expect("offered");
        let mut fixed = text.to_string();
        let e = &fix.edits[0];
        fixed.replace_range(e.range.clone(), &e.new_text);
        assert!(fixed.contains("# agent-lsp: disable=unknown-tool\ntools: Raed\n"));
        let after = analyze(&fixed, &kind, &settings);
        assert!(after
            .diagnostics
            .iter()
            .all(|d| d.code != "unknown-tool" && d.code != "suppression-unused"));
    }
}
