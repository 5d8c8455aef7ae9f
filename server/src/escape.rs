//! Text from files made safe to print on a terminal or in a CI log.
//!
//! Messages, excerpts and paths come from files a repository commits. Printed raw, a file
//! could send terminal escapes (set the clipboard with OSC 52, erase the lines above to
//! hide a warning), break a line to forge a diagnostic of its own, or reorder what is shown
//! with bidirectional overrides. Every text renderer passes such text through `escape`.

use std::borrow::Cow;
use std::fmt::Write;

/// Whether `c` is shown escaped: C0 controls except tab (line breaks included: the
/// renderer writes its own), DEL, C1 controls, and the bidirectional embeddings,
/// overrides and isolates.
fn is_unsafe(c: char) -> bool {
    (c.is_control() && c != '\t') || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// `s` with each unsafe character written as a visible escape (`\x1b`, `\u{202e}`);
/// borrowed when there is none.
pub fn escape(s: &str) -> Cow<'_, str> {
    if !s.chars().any(is_unsafe) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if !is_unsafe(c) {
            out.push(c);
        } else if (c as u32) < 0x80 {
            let _ = write!(out, "\\x{:02x}", c as u32);
        } else {
            let _ = write!(out, "\\u{{{:x}}}", c as u32);
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_controls_and_bidi_overrides_and_keeps_the_rest() {
        assert!(matches!(escape("plain ✓ text\twith tab"), Cow::Borrowed(_)));
        let osc52 = "x\x1b]52;c;ZXZpbA==\x07y";
        assert_eq!(escape(osc52), "x\\x1b]52;c;ZXZpbA==\\x07y");
        assert_eq!(escape("a\rb\nc\x7f\u{9b}"), "a\\x0db\\x0ac\\x7f\\u{9b}");
        assert_eq!(escape("\u{202e}evil\u{2066}"), "\\u{202e}evil\\u{2066}");
    }
}
