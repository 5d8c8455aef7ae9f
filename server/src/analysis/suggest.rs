//! "Did you mean" suggestions by edit distance (Levenshtein over chars, from `strsim`).

use std::collections::HashMap;

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
        .filter_map(|c| within(&lower, &c.to_lowercase(), max).map(|d| (d, c)))
        .min_by_key(|&(d, _)| d)
        .map(|(_, c)| c)
}

/// The edit distance of two lowercased words when it is at most `max`. Words whose
/// lengths differ by more than `max` are skipped without computing it.
fn within(word: &str, candidate: &str, max: usize) -> Option<usize> {
    let (a, b) = (word.chars().count(), candidate.chars().count());
    if a.abs_diff(b) > max {
        return None;
    }
    Some(strsim::levenshtein(word, candidate)).filter(|&d| d <= max)
}

/// How many distances one [`Suggester`] computes at most: a file can hold thousands of
/// misspelt names, and a configuration thousands of candidates, but a keystroke must
/// not pay for their product. Past the budget, names get no suggestion.
const DISTANCE_BUDGET: usize = 50_000;

/// Did-you-mean lookups for many words against one set of candidates (one file's
/// unknown tools against the known ones): each distinct word is looked up once, and the
/// work of all lookups together is bounded by [`DISTANCE_BUDGET`].
pub struct Suggester<'a> {
    candidates: Vec<&'a str>,
    /// The candidates' lowercase forms, computed on the first lookup: most files have
    /// no unknown name, and the suggester is built for every one of them.
    lowered: Vec<String>,
    max: usize,
    memo: HashMap<String, Option<&'a str>>,
    budget: usize,
}

impl<'a> Suggester<'a> {
    pub fn new(candidates: impl IntoIterator<Item = &'a str>, max: usize) -> Suggester<'a> {
        Suggester {
            candidates: candidates.into_iter().collect(),
            lowered: Vec::new(),
            max,
            memo: HashMap::new(),
            budget: DISTANCE_BUDGET,
        }
    }

    /// What [`closest`] answers for `word`, or None once the budget is spent.
    pub fn closest(&mut self, word: &str) -> Option<&'a str> {
        if let Some(&known) = self.memo.get(word) {
            return known;
        }
        if self.budget < self.candidates.len() {
            return None;
        }
        self.budget -= self.candidates.len();
        if self.lowered.len() != self.candidates.len() {
            self.lowered = self.candidates.iter().map(|c| c.to_lowercase()).collect();
        }
        let lower = word.to_lowercase();
        let found = self
            .lowered
            .iter()
            .zip(&self.candidates)
            .filter_map(|(l, c)| within(&lower, l, self.max).map(|d| (d, *c)))
            .min_by_key(|&(d, _)| d)
            .map(|(_, c)| c);
        self.memo.insert(word.to_string(), found);
        found
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggestions() {
        assert_eq!(closest("Raed", ["Read", "Edit"], 2), Some("Read"));
        assert_eq!(closest("bash", ["Bash"], 0), Some("Bash"));
        assert_eq!(closest("zzz", ["Read"], 2), None);
        assert_eq!(closest("R", ["Read"], 2), None, "lengths too far apart");
    }

    #[test]
    fn a_suggester_answers_as_closest_does_and_stops_at_its_budget() {
        let mut s = Suggester::new(["Read", "Edit", "Grep"], 2);
        for w in ["Raed", "edit", "zzz", "Raed", "Gerp"] {
            assert_eq!(s.closest(w), closest(w, ["Read", "Edit", "Grep"], 2), "{w}");
        }
        // Distinct words each cost one pass over the candidates; repeats cost nothing.
        assert_eq!(s.budget, DISTANCE_BUDGET - 4 * 3);
        let names: Vec<String> = (0..DISTANCE_BUDGET).map(|i| format!("Raed{i}")).collect();
        let answered = names.iter().filter(|n| s.closest(n).is_some()).count();
        assert_eq!(answered, 0, "four edits away from Read");
        assert_eq!(s.closest("Reat"), None, "the budget is spent");
        assert_eq!(s.closest("Raed"), Some("Read"), "remembered answers stay");
    }
}
