//! "Did you mean" suggestions by edit distance (Levenshtein over chars, from `strsim`).

/// The closest candidate within `max` edits (ties go to the first); case differences
/// count as nothing, so `read` suggests `Read`.
pub fn closest<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
    max: usize,
) -> Option<&'a str> {
    let lower = word.to_lowercase();
    candidates
        .into_iter()
        .map(|c| (strsim::levenshtein(&lower, &c.to_lowercase()), c))
        .filter(|&(d, _)| d <= max)
        .min_by_key(|&(d, _)| d)
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggestions() {
        assert_eq!(closest("Raed", ["Read", "Edit"], 2), Some("Read"));
        assert_eq!(closest("bash", ["Bash"], 0), Some("Bash"));
        assert_eq!(closest("zzz", ["Read"], 2), None);
    }
}
