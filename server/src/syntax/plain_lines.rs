//! Frontmatters made of the simplest lines, which strict YAML 1.2 certainly accepts:
//! `key: value` at the left margin, and under a key with no value one block of
//! `- item` or `key: value` lines at one indent. A 1 MiB frontmatter of 100,000 such
//! lines took saphyr 40–100 ms per keystroke to accept; this answers in about a
//! millisecond. When only a tail of the text is uncertain, saphyr reads from the start
//! of the top-level entry that holds it ([`uncertain_from`]).
//!
//! Conservative on purpose: ASCII only (no tab, CR, BOM or Unicode space); values plain,
//! or quoted on one line with no quote or backslash inside; no block scalars, flow
//! collections (but `[]` and `{}`), anchors, tags, document markers or continuation
//! lines. Every text it accepts, saphyr accepts, and saphyr's verdict from the cut is
//! its verdict on the whole (tested on generated texts, and asserted on every fuzz
//! input).

/// Where strict YAML must start reading `text` to reach its verdict: the end when every
/// line is certain, else the start of the last top-level `key:` line at or before the
/// first uncertain line (0 when there is none). The lines before are certain, and there
/// strict YAML stands between two entries of the root mapping, as it does at the start
/// of a text that begins with a key.
pub fn uncertain_from(text: &str) -> usize {
    let mut block = Block::Closed;
    let mut entry = 0;
    let mut at = 0;
    for line in text.split('\n') {
        if !line_ok(line, &mut block) {
            return entry;
        }
        if line.starts_with(|c: char| c != ' ' && c != '#') {
            entry = at;
        }
        at += line.len() + 1;
    }
    text.len()
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
/// indicator, and no `: ` or final `:` that would make it a key. `[]` and `{}` too, and
/// a quoted string with no quote or backslash inside.
fn value_ok(value: &str) -> bool {
    if value == "[]" || value == "{}" {
        return true;
    }
    if let Some(q @ (b'"' | b'\'')) = value.bytes().next() {
        let inner = &value.as_bytes()[1..];
        return inner.split_last().is_some_and(|(&last, inside)| {
            last == q && !inside.iter().any(|b| matches!(b, b'"' | b'\'' | b'\\'))
        });
    }
    let first_ok = value
        .bytes()
        .next()
        .is_some_and(|b| b.is_ascii_alphanumeric() || b"_./()+=~^$<;\\".contains(&b));
    first_ok && find_pair(value.as_bytes(), b':', b' ').is_none() && !value.ends_with(':')
}

#[cfg(test)]
mod tests {
    /// `count` texts of 1 to `max_lines` lines drawn from `pieces` (xorshift from `seed`).
    fn texts(pieces: &[&str], mut seed: u64, max_lines: u64, count: usize) -> Vec<String> {
        let mut next = move || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        (0..count)
            .map(|_| {
                let lines = 1 + next() % max_lines;
                (0..lines)
                    .map(|_| format!("{}\n", pieces[(next() % pieces.len() as u64) as usize]))
                    .collect()
            })
            .collect()
    }

    /// Whether every line of `text` is one strict YAML certainly accepts.
    fn certainly_strict(text: &str) -> bool {
        super::uncertain_from(text) == text.len()
    }

    use crate::syntax::yaml::saphyr_verdict as check_strict;

    #[test]
    fn accepts_the_simple_shapes() {
        for text in [
            "",
            "name: a\ndescription: Use it, when (x) [y] {z} a-b\n",
            "tools:\n  - Read\n  - Bash(git *)\n# c\nmodel: sonnet # c\n",
            "hooks:\n  Stop: []\n  Ev: {}\n\nx: ~\ny:\n",
            "url: http://x.y/z#a\n",
            "q: \"a: b [c]#x\"  # d\nr: 'x'\n",
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
            "a: 'b\\'c'\n",
            "a: \"b\\\\c\"\n",
            "a: \"b\" c\n",
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
        let mut accepted = 0;
        for text in texts(&pieces, 0x2545_f491_4f6c_dd1d, 6, 20_000) {
            if certainly_strict(&text) {
                accepted += 1;
                assert!(check_strict(&text).is_ok(), "{text:?}");
            }
        }
        assert!(accepted > 1_000, "{accepted}");
    }

    /// saphyr's verdict read from the cut is its verdict on the whole text, offsets
    /// shifted, on texts whose tails hold what the fast answer leaves to saphyr.
    #[test]
    fn reading_from_the_cut_gives_the_whole_verdict() {
        let pieces = [
            "a: b",
            "a:",
            "  - x",
            "  k: v",
            "# c",
            "",
            "k: v #c",
            "k: 'q'",
            "k: \"a: b\"",
            "k: |",
            "  block",
            "- z",
            "k: [a, b]",
            "k: &a x",
            "j: *a",
            "</example>",
            "\tx: y",
            "k: \"a\\\"b\"",
            "---",
            "...",
            "k: v:",
            "  - [a",
            "]",
            "? k",
            "k: {a: b}",
        ];
        let mut cut_inside = 0;
        for text in texts(&pieces, 0x9e37_79b9_7f4a_7c15, 8, 40_000) {
            let cut = super::uncertain_from(&text);
            if cut == text.len() {
                continue;
            }
            cut_inside += usize::from(cut > 0);
            let whole = check_strict(&text);
            let from_cut = check_strict(&text[cut..]).map_err(|e| (e.offset + cut, e.message));
            assert_eq!(
                whole.map_err(|e| (e.offset, e.message)),
                from_cut,
                "{text:?} from {cut}"
            );
        }
        assert!(cut_inside > 1_000, "{cut_inside}");
    }
}
