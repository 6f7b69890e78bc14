//! What the list indexes share: search text of several fields searched in one pass, every
//! column pre-sorted once, and a page read off one of those orders.

use memchr::memmem::Finder;

/// Separates the fields of a search text; a search holding it must check field by field.
const SEPARATOR: char = '\0';

/// The search text of one record: its fields, separated by [`SEPARATOR`].
pub(crate) fn search_text(fields: &[String]) -> String {
    fields.join(&SEPARATOR.to_string())
}

/// A search for `needle` (already lowercase) through search texts.
pub(crate) struct Search<'a> {
    needle: &'a str,
    finder: Finder<'a>,
}

impl<'a> Search<'a> {
    pub(crate) fn new(needle: &'a str) -> Self {
        Self {
            needle,
            finder: Finder::new(needle.as_bytes()),
        }
    }

    /// True for an empty search.
    pub(crate) fn is_empty(&self) -> bool {
        self.needle.is_empty()
    }

    /// True when the needle holds [`SEPARATOR`], so a search text can't answer it.
    pub(crate) fn spans_fields(&self) -> bool {
        self.needle.contains(SEPARATOR)
    }

    /// Whether `text` (a [`search_text`]) holds the needle within one field.
    pub(crate) fn finds(&self, text: &str) -> bool {
        self.finder.find(text.as_bytes()).is_some()
    }
}

/// Positions `0..` of `keys`, ordered by key (each key ends in what breaks ties).
pub(crate) fn sorted_positions<K: Ord>(keys: impl Iterator<Item = K>) -> Vec<u32> {
    let mut keyed: Vec<(K, u32)> = keys.zip(0u32..).collect();
    keyed.sort_unstable();
    keyed.into_iter().map(|(_, at)| at).collect()
}

/// Page `page` (from 1) of `per_page` of the positions in `order` (read backwards when
/// `descending`) that `matches`, and how many match in all.
pub(crate) fn page_of(
    order: &[u32],
    descending: bool,
    page: u32,
    per_page: u32,
    mut matches: impl FnMut(usize) -> bool,
) -> (Vec<usize>, u32) {
    let per_page = per_page as usize;
    let start = ((page.max(1) - 1) as usize).saturating_mul(per_page);
    let end = start.saturating_add(per_page);
    let walk: Box<dyn Iterator<Item = &u32>> = if descending {
        Box::new(order.iter().rev())
    } else {
        Box::new(order.iter())
    };
    let mut total = 0usize;
    let mut on_page = Vec::with_capacity(per_page.min(order.len()));
    for &at in walk {
        let at = at as usize;
        if matches(at) {
            if (start..end).contains(&total) {
                on_page.push(at);
            }
            total += 1;
        }
    }
    (on_page, total as u32)
}
