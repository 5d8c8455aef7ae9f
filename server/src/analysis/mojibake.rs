//! Finds UTF-8 text that was decoded as Mac Roman or Windows-1252/Latin-1 and saved
//! again (`🚨` turned into `üö®`, `❌` into `‚ùå`, `’` into `â€™`): the model then
//! reads garbage where the author wrote symbols.

use std::ops::Range;

/// Mac OS Roman, bytes 0x80–0xFF (from Python's mac_roman codec).
const MAC_ROMAN: &str = "\u{00C4}\u{00C5}\u{00C7}\u{00C9}\u{00D1}\u{00D6}\u{00DC}\u{00E1}\u{00E0}\u{00E2}\u{00E4}\u{00E3}\u{00E5}\u{00E7}\u{00E9}\u{00E8}\u{00EA}\u{00EB}\u{00ED}\u{00EC}\u{00EE}\u{00EF}\u{00F1}\u{00F3}\u{00F2}\u{00F4}\u{00F6}\u{00F5}\u{00FA}\u{00F9}\u{00FB}\u{00FC}\u{2020}\u{00B0}\u{00A2}\u{00A3}\u{00A7}\u{2022}\u{00B6}\u{00DF}\u{00AE}\u{00A9}\u{2122}\u{00B4}\u{00A8}\u{2260}\u{00C6}\u{00D8}\u{221E}\u{00B1}\u{2264}\u{2265}\u{00A5}\u{00B5}\u{2202}\u{2211}\u{220F}\u{03C0}\u{222B}\u{00AA}\u{00BA}\u{03A9}\u{00E6}\u{00F8}\u{00BF}\u{00A1}\u{00AC}\u{221A}\u{0192}\u{2248}\u{2206}\u{00AB}\u{00BB}\u{2026}\u{00A0}\u{00C0}\u{00C3}\u{00D5}\u{0152}\u{0153}\u{2013}\u{2014}\u{201C}\u{201D}\u{2018}\u{2019}\u{00F7}\u{25CA}\u{00FF}\u{0178}\u{2044}\u{20AC}\u{2039}\u{203A}\u{FB01}\u{FB02}\u{2021}\u{00B7}\u{201A}\u{201E}\u{2030}\u{00C2}\u{00CA}\u{00C1}\u{00CB}\u{00C8}\u{00CD}\u{00CE}\u{00CF}\u{00CC}\u{00D3}\u{00D4}\u{F8FF}\u{00D2}\u{00DA}\u{00DB}\u{00D9}\u{0131}\u{02C6}\u{02DC}\u{00AF}\u{02D8}\u{02D9}\u{02DA}\u{00B8}\u{02DD}\u{02DB}\u{02C7}";
/// Windows-1252, bytes 0x80–0x9F (undefined bytes map to the C1 control of the same
/// value, as browsers and Latin-1 do); 0xA0–0xFF are Latin-1.
const CP1252_HIGH: &str = "\u{20AC}\u{0081}\u{201A}\u{0192}\u{201E}\u{2026}\u{2020}\u{2021}\u{02C6}\u{2030}\u{0160}\u{2039}\u{0152}\u{008D}\u{017D}\u{008F}\u{0090}\u{2018}\u{2019}\u{201C}\u{201D}\u{2022}\u{2013}\u{2014}\u{02DC}\u{2122}\u{0161}\u{203A}\u{0153}\u{009D}\u{017E}\u{0178}";

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mojibake {
    pub range: Range<usize>,
    /// What the author wrote.
    pub repaired: String,
    pub encoding: &'static str,
}

fn mac_roman_byte(c: char) -> Option<u8> {
    if c.is_ascii() {
        return Some(c as u8);
    }
    MAC_ROMAN
        .chars()
        .position(|m| m == c)
        .map(|i| 0x80 + i as u8)
}

fn cp1252_byte(c: char) -> Option<u8> {
    if (c as u32) < 0x80 || (0xA0..=0xFF).contains(&(c as u32)) {
        return Some(c as u32 as u8);
    }
    CP1252_HIGH
        .chars()
        .position(|m| m == c)
        .map(|i| 0x80 + i as u8)
}

/// Re-encodes `run` with `to_byte` and decodes it as UTF-8; Some when that gives
/// different, valid text with at least one multi-byte character.
fn repair(run: &str, to_byte: fn(char) -> Option<u8>) -> Option<String> {
    let bytes: Option<Vec<u8>> = run.chars().map(to_byte).collect();
    let fixed = String::from_utf8(bytes?).ok()?;
    (fixed != run && !fixed.is_ascii()).then_some(fixed)
}

/// The first non-ASCII byte at or after `from`. Checks 64-byte blocks with the
/// standard library's vectorised `is_ascii` first: agent files are mostly ASCII, and this
/// scan runs on every keystroke over the whole file.
fn next_non_ascii(bytes: &[u8], mut from: usize) -> Option<usize> {
    const BLOCK: usize = 64;
    while from + BLOCK <= bytes.len() && bytes[from..from + BLOCK].is_ascii() {
        from += BLOCK;
    }
    bytes[from..]
        .iter()
        .position(|b| !b.is_ascii())
        .map(|i| from + i)
}

/// Every stretch of mojibake in `text`, with byte ranges of `text`.
pub fn find(text: &str) -> Vec<Mojibake> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut at = 0;
    while let Some(start) = next_non_ascii(bytes, at) {
        // A run of non-ASCII characters; ASCII bytes are always char boundaries.
        let end = bytes[start..]
            .iter()
            .position(u8::is_ascii)
            .map_or(bytes.len(), |i| start + i);
        at = end;
        let run = &text[start..end];
        // Each non-ASCII UTF-8 character becomes 2–4 non-ASCII characters: a run of
        // one is never mojibake, and most runs of real text fail to decode.
        if run.chars().nth(1).is_none() {
            continue;
        }
        let found = repair(run, mac_roman_byte)
            .map(|r| (r, "Mac Roman"))
            .or_else(|| repair(run, cp1252_byte).map(|r| (r, "Windows-1252")))
            .filter(|(r, _)| !is_times_before_punctuation(run, r));
        if let Some((repaired, encoding)) = found {
            out.push(Mojibake {
                range: start..end,
                repaired,
                encoding,
            });
        }
    }
    out
}

/// `×` (U+00D7) is the one Windows-1252 lead byte that is not a letter, and it is real
/// text before an en dash, a quote or a degree sign (`3×–4`): such a pair decodes to a
/// lone Hebrew letter, which garbled Hebrew (a run of several) never is.
fn is_times_before_punctuation(run: &str, repaired: &str) -> bool {
    run.starts_with('\u{00D7}') && repaired.chars().count() == 1
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn repairs_mac_roman_and_windows_1252() {
        let m = find("x \u{F8FF}üö® CRITICAL ‚ùå no");
        assert_eq!(m.len(), 2);
        assert_eq!(m[0].repaired, "🚨");
        assert_eq!(m[1].repaired, "❌");
        assert_eq!(m[0].encoding, "Mac Roman");
        let w = find("it\u{00E2}\u{20AC}\u{2122}s");
        assert_eq!(w[0].repaired, "\u{2019}");
    }

    #[test]
    fn leaves_real_text_alone() {
        assert!(find("Café, naïve, Größe, 名前, 😀, — “quoted” ü ö").is_empty());
        assert!(find("scales 2×–4× and 3×’s").is_empty());
        // Garbled Hebrew (`שלום`) is still found.
        assert_eq!(
            find("\u{00D7}\u{00A9}\u{00D7}\u{0153}\u{00D7}\u{2022}\u{00D7}\u{009D}")[0].repaired,
            "שלום"
        );
    }
}
