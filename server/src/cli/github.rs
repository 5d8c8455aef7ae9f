//! `check --format github`: one GitHub Actions workflow command per diagnostic
//! (`::error file=…,line=…,col=…,endLine=…,endColumn=…,title=…::message`), which the
//! runner turns into annotations on the files. Lines and columns are 1-based, columns
//! in characters as `check`'s text output counts them.

use crate::analysis::Severity;
use crate::cli::check::Checked;
use crate::escape::escape;
use crate::text::Lines;

/// One file's workflow commands, a line each.
pub fn render(c: &Checked) -> String {
    let lines = Lines::new(&c.text);
    // Annotations name files relative to the repository: `./` would not match.
    let shown = c.path.display().to_string();
    let file = property(&escape(shown.strip_prefix("./").unwrap_or(&shown)));
    let mut out = String::new();
    for d in &c.analysis.diagnostics {
        let (line, col) = lines.human(d.range.start);
        let (end_line, end_col) = lines.human(d.range.end.max(d.range.start));
        let command = match d.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info | Severity::Hint => "notice",
        };
        let title = property(&format!("agent-lsp {}[{}]", d.severity.as_str(), d.code));
        out.push_str(&format!(
            "::{command} file={file},line={line},col={col},endLine={end_line},endColumn={end_col},title={title}::{}\n",
            data(&escape(&d.message))
        ));
    }
    out
}

/// A command's message, escaped as the runner reads it back.
fn data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// A property value: the message escapes, and the separators of properties.
fn property(s: &str) -> String {
    data(s).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_as_the_runner_requires() {
        assert_eq!(data("50%\r\nnext"), "50%25%0D%0Anext");
        assert_eq!(property("a:b,c%"), "a%3Ab%2Cc%25");
    }
}
