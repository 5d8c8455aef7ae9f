//! Frontmatters made only of the simplest lines, which strict YAML 1.2 certainly accepts:
//! `key: value` at the left margin, and under a key with no value one block of
//! `- item` or `key: value` lines at one indent. A 1 MiB frontmatter of 100,000 such
//! lines took saphyr 40–100 ms per keystroke to accept; this answers in about a
//! millisecond, and anything it is unsure of goes to saphyr as before.
//!
//! Conservative on purpose: ASCII only (no tab, CR, BOM or Unicode space), no quotes,
//! block scalars, flow collections (but `[]` and `{}`), anchors, tags, document markers
//! or continuation lines. Every text it accepts, saphyr accepts (tested on generated
//! texts, and asserted on every fuzz input).

/// Whether `text` is made only of lines this module knows strict YAML accepts. `false`
/// means "ask saphyr", not "invalid".
pub fn certainly_strict(text: &str) -> bool {
    let mut block = Block::Closed;
    text.split('\n').all(|line| line_ok(line, &mut block))
}

/// What may follow: the block under the last top-level key.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Block {
    /// The last top-level key had a value: no indented line may follow.
    Closed,
    /// The last top-level key had none: an indented block may start.
    Open,
    /// A block of items at this indent, a list or a mapping.
    Items { indent: usize, list: bool },
}

fn line_ok(line: &str, block: &mut Block) -> bool {
    if !line.bytes().all(|b| (b' '..=b'~').contains(&b)) {
        return false;
    }
    let rest = line.trim_start_matches(' ');
    let indent = line.len() - rest.len();
    if rest.is_empty() || rest.starts_with('#') {
        return true;
    }
    if indent == 0 {
        return match key_value(rest) {
            Some(value) => {
                *block = if value.is_empty() {
                    Block::Open
                } else {
                    Block::Closed
                };
                true
            }
            None => false,
        };
    }
    let item = rest.strip_prefix("- ");
    let list = item.is_some();
    match *block {
        Block::Closed => return false,
        Block::Open => *block = Block::Items { indent, list },
        Block::Items { indent: i, list: l } if i != indent || l != list => return false,
        Block::Items { .. } => {}
    }
    match item {
        Some(value) => !value_of(value).is_empty() && value_ok(value_of(value)),
        None => key_value(rest).is_some(),
    }
}

/// `key: value` or `key:` (with an optional comment): the value, empty for none.
fn key_value(rest: &str) -> Option<&str> {
    let colon = rest.find(':')?;
    let (key, after) = (&rest[..colon], &rest[colon + 1..]);
    let key_ok = key
        .bytes()
        .next()
        .is_some_and(|b| b.is_ascii_alphanumeric() || b == b'_')
        && key
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-');
    if !key_ok || !(after.is_empty() || after.starts_with(' ')) {
        return None;
    }
    let value = value_of(after);
    (value.is_empty() || value_ok(value)).then_some(value)
}

/// The scalar of a value: up to a comment (` #`), trimmed.
fn value_of(after: &str) -> &str {
    let padded = after.trim_start_matches(' ');
    if padded.starts_with('#') {
        return "";
    }
    let end = find_pair(padded.as_bytes(), b' ', b'#').unwrap_or(padded.len());
    padded[..end].trim_end_matches(' ')
}

/// Where the two bytes `a` `b` first stand side by side (a byte loop: building a
/// substring searcher per line cost more than the rest of the classification).
fn find_pair(bytes: &[u8], a: u8, b: u8) -> Option<usize> {
    bytes.windows(2).position(|w| w[0] == a && w[1] == b)
}

/// A plain scalar strict YAML reads on one line: a first character that is no
/// indicator, and no `: ` or final `:` that would make it a key. `[]` and `{}` too.
fn value_ok(value: &str) -> bool {
    if value == "[]" || value == "{}" {
        return true;
    }
    let first_ok = value
        .bytes()
        .next()
        .is_some_and(|b| b.is_ascii_alphanumeric() || b"_./()+=~^$<;\\".contains(&b));
    first_ok && find_pair(value.as_bytes(), b':', b' ').is_none() && !value.ends_with(':')
}

#[cfg(test)]
mod tests {
    use super::certainly_strict;
    use crate::syntax::yaml::saphyr_verdict as check_strict;

    #[test]
    fn accepts_the_simple_shapes() {
        for text in [
            "",
            "name: a\ndescription: Use it, when (x) [y] {z} a-b\n",
            "tools:\n  - Read\n  - Bash(git *)\n# c\nmodel: sonnet # c\n",
            "hooks:\n  Stop: []\n  Ev: {}\n\nx: ~\ny:\n",
            "url: http://x.y/z#a\n",
        ] {
            assert!(certainly_strict(text), "{text:?}");
            assert!(check_strict(text).is_ok(), "{text:?}");
        }
    }

    #[test]
    fn leaves_the_rest_to_saphyr() {
        for text in [
            "a: b: c\n",
            "a: b:\n",
            "a:\tb\n",
            "a: 'b'\n",
            "- a\n",
            "---\na: b\n",
            "a: b\n  c\n",
            "a:\n  - b\n  c: d\n",
            "a:\n  - b\n   - c\n",
            "a:\n  b:\n    c: d\n",
            "a: \u{feff}b\n",
            "a: b\r\n",
            "a: &x b\n",
            "a: [b]\n",
        ] {
            assert!(!certainly_strict(text), "{text:?}");
        }
    }

    /// Texts built from the accepted shapes and their near misses: whatever the fast
    /// answer accepts, saphyr accepts.
    #[test]
    fn never_accepts_what_saphyr_rejects() {
        let pieces = [
            "a: b",
            "a:",
            "  - x",
            "  k: v",
            "    - y",
            "# c",
            "",
            "k: v #c",
            "k: v#c",
            "k: v:",
            "k: -x",
            "k: x,y",
            "  - []",
            "k: {}",
            "  k:",
            "- z",
            "k: a'b",
            "k: ~",
            "k: (a: b)",
            "k: a #: b",
            " ",
            "k:  v",
            "k: \\n",
            "k: <example>",
        ];
        let mut seed = 0x2545_f491_4f6c_dd1d_u64;
        let mut accepted = 0;
        for _ in 0..20_000 {
            let mut text = String::new();
            for _ in 0..1 + seed % 6 {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                text.push_str(pieces[(seed % pieces.len() as u64) as usize]);
                text.push('\n');
            }
            if certainly_strict(&text) {
                accepted += 1;
                assert!(check_strict(&text).is_ok(), "{text:?}");
            }
        }
        assert!(accepted > 1_000, "{accepted}");
    }
}
