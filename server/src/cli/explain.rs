//! `agent-lsp explain [CODE]`: a rule's explanation and example, or the list of rules.

use crate::rules::{self, docs};

/// What to print and the exit status: 0 with the text on stdout, 2 with a message for
/// stderr (an unknown code, with the nearest one).
pub fn run(args: &[String]) -> Result<String, String> {
    match args {
        [] => Ok(docs::list()),
        [code] => match rules::get(code) {
            Some(rule) => Ok(docs::explain(rule)),
            None => {
                let hint = rules::suggest(code)
                    .map(|s| format!(" (did you mean `{s}`?)"))
                    .unwrap_or_default();
                Err(format!(
                    "no rule `{code}`{hint}; `agent-lsp explain` lists every rule"
                ))
            }
        },
        _ => Err("explain takes one rule code (or none, to list them all)".to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn explains_lists_and_suggests() {
        let text = run(&["unknown-tool".into()]).unwrap_or_default();
        assert!(text.starts_with("unknown-tool: warning\nformats: claude-code-agent\n"));
        assert!(text.contains("Reported:\n    ---\n"));
        let all = run(&[]).unwrap_or_default();
        assert_eq!(all.lines().count(), rules::ALL.len());
        let err = run(&["unknwon-tool".into()]).err().unwrap_or_default();
        assert!(err.contains("did you mean `unknown-tool`?"), "{err}");
        assert!(run(&["a".into(), "b".into()]).is_err());
    }
}
