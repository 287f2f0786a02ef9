//! A cached filtered view of a long list: recomputed only when the query or the list changes,
//! and narrowed (not rescanned) when the query grows.

/// Positions of the items that match the current query.
#[derive(Debug, Default)]
pub struct FilteredList {
    query: String,
    matches: Vec<u32>,
    valid: bool,
}

impl FilteredList {
    /// Forces the next [`FilteredList::refresh`] to rescan (the list or what is excluded changed).
    pub fn invalidate(&mut self) {
        self.valid = false;
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
            self.matches.retain(|&i| keep(i as usize, &query));
        } else {
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
    use super::*;

    #[test]
    fn narrows_and_widens() {
        let items = ["anne", "anders", "bo", "dan"];
        let keep = |i: usize, q: &str| items[i].contains(q);
        let mut list = FilteredList::default();
        assert!(list.refresh("", items.len(), keep));
        assert_eq!(list.matches(), [0, 1, 2, 3]);
        assert!(!list.refresh("", items.len(), keep), "same query: no work");
        list.refresh("an", items.len(), keep);
        assert_eq!(list.matches(), [0, 1, 3]);
        list.refresh("AND", items.len(), keep);
        assert_eq!(list.matches(), [1]);
        list.refresh("a", items.len(), keep);
        assert_eq!(list.matches(), [0, 1, 3]);
        list.invalidate();
        assert!(list.refresh("a", items.len(), keep));
    }
}
