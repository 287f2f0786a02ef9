//! A cached filtered view of a long list: recomputed only when the query or the list changes,
//! narrowed (not rescanned) when the query grows, and restored (not rescanned) when characters
//! are deleted again.

/// How many shorter queries' matches are kept for deleting back.
const HISTORY: usize = 16;

/// Positions of the items that match the current query.
#[derive(Debug, Default)]
pub struct FilteredList {
    query: String,
    matches: Vec<u32>,
    valid: bool,
    /// Matches of the shorter queries this one was narrowed from, shortest first.
    history: Vec<(String, Vec<u32>)>,
}

impl FilteredList {
    /// Forces the next [`FilteredList::refresh`] to rescan (the list or what is excluded changed).
    pub fn invalidate(&mut self) {
        self.valid = false;
        self.history.clear();
    }

    /// Refilters when needed. `keep(position, lower_case_query)` must only get stricter as the
    /// query grows (substring tests do), which is what makes narrowing correct.
    /// Returns whether the matches changed.
    pub fn refresh(&mut self, query: &str, len: usize, keep: impl Fn(usize, &str) -> bool) -> bool {
        let trimmed = query.trim();
        if self.valid && trimmed.len() == self.query.len() && trimmed.to_lowercase() == self.query {
            return false;
        }
        let query = trimmed.to_lowercase();
        if self.valid && query.starts_with(&self.query) {
            // Typing: keep what we had for deleting back, then narrow.
            if self.history.len() == HISTORY {
                self.history.remove(0);
            }
            self.history.push((self.query.clone(), self.matches.clone()));
            self.matches.retain(|&i| keep(i as usize, &query));
        } else if let Some(at) = self
            .valid
            .then(|| self.history.iter().rposition(|(q, _)| *q == query))
            .flatten()
        {
            // Deleting back to a query seen on the way: restore its matches.
            self.history.truncate(at + 1);
            if let Some((_, matches)) = self.history.pop() {
                self.matches = matches;
            }
        } else {
            self.history.clear();
            self.matches.clear();
            self.matches.extend(
                (0..len)
                    .filter(|&i| keep(i, &query))
                    .filter_map(|i| u32::try_from(i).ok()),
            );
        }
        self.query = query;
        self.valid = true;
        true
    }

    /// Matching positions, in list order.
    pub fn matches(&self) -> &[u32] {
        &self.matches
    }
}

#[cfg(test)]
mod tests {
    use std::cell::Cell;

    use super::*;

    #[test]
    fn narrows_widens_and_restores() {
        let items = ["anne", "anders", "bo", "dan"];
        let scans = Cell::new(0);
        let keep = |i: usize, q: &str| {
            scans.set(scans.get() + 1);
            items[i].contains(q)
        };
        let mut list = FilteredList::default();
        assert!(list.refresh("", items.len(), keep));
        assert_eq!(list.matches(), [0, 1, 2, 3]);
        assert!(!list.refresh("", items.len(), keep), "same query: no work");
        list.refresh("an", items.len(), keep);
        assert_eq!(list.matches(), [0, 1, 3]);
        list.refresh("AND", items.len(), keep);
        assert_eq!(list.matches(), [1]);
        let before = scans.get();
        list.refresh("an", items.len(), keep);
        assert_eq!(list.matches(), [0, 1, 3]);
        list.refresh("", items.len(), keep);
        assert_eq!(list.matches(), [0, 1, 2, 3]);
        assert_eq!(scans.get(), before, "deleting back restores without scanning");
        list.refresh("b", items.len(), keep);
        assert_eq!(list.matches(), [2]);
        list.refresh("d", items.len(), keep);
        assert_eq!(list.matches(), [1, 3], "a different query rescans");
        list.invalidate();
        assert!(list.refresh("d", items.len(), keep));
    }
}
