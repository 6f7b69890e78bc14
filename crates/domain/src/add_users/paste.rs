//! Pasting rows copied from a spreadsheet into the Users grid: tab-separated cells in the
//! grid's column order (email, first name, last name, then site and cost center on multi-site
//! accounts, then extension), starting at the row pasted into.

use super::view::AccountView;
use super::{NewUser, MAX_ROWS};

/// Cells of tab-separated text (what spreadsheets put on the clipboard), without the empty last
/// lines they add. A cell that holds a tab, a line break or a quote comes in quotes, with its
/// quotes doubled (Excel, Numbers, Google Sheets), so a line break inside quotes stays in the
/// cell. Written here rather than with the `csv` crate, which drops blank lines and so would
/// move every pasted row after a blank one.
pub fn pasted_cells(text: &str) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    let mut row = Vec::new();
    let mut rest = text;
    loop {
        let (cell, after) = take_cell(rest);
        row.push(cell.trim().to_owned());
        let mut chars = after.chars();
        match chars.next() {
            Some('\t') => rest = chars.as_str(),
            Some('\r' | '\n') => {
                rows.push(std::mem::take(&mut row));
                rest = after.strip_prefix("\r\n").unwrap_or(chars.as_str());
                if rest.is_empty() {
                    break;
                }
            }
            _ => {
                rows.push(row);
                break;
            }
        }
    }
    while rows
        .last()
        .is_some_and(|line| line.iter().all(String::is_empty))
    {
        rows.pop();
    }
    rows
}

/// The first cell of `text` and what follows it (from the tab or line break that ends it).
fn take_cell(text: &str) -> (String, &str) {
    let raw_end = |s: &str| s.find(['\t', '\r', '\n']).unwrap_or(s.len());
    if let Some(quoted) = text.strip_prefix('"') {
        let mut cell = String::new();
        let mut rest = quoted;
        while let Some(at) = rest.find('"') {
            cell.push_str(&rest[..at]);
            if let Some(after) = rest[at + 1..].strip_prefix('"') {
                cell.push('"');
                rest = after;
            } else {
                // Closed: anything up to the next tab or line break belongs to the cell too.
                let after = &rest[at + 1..];
                let end = raw_end(after);
                cell.push_str(&after[..end]);
                return (cell, &after[end..]);
            }
        }
        // A quote that never closes is text, not quoting.
    }
    let end = raw_end(text);
    (text[..end].to_owned(), &text[end..])
}

/// True when pasted text holds more than one cell, so it fills the grid rather than one field.
pub fn is_grid(text: &str) -> bool {
    let cells = pasted_cells(text);
    cells.len() > 1 || cells.first().is_some_and(|row| row.len() > 1)
}

/// Writes pasted cells into `rows` from row `start` down, adding rows (made by `new_row`) as
/// needed up to the 25-row limit. Sites and cost centers are matched by name or id; an unknown
/// one leaves the field empty so the rule names it. Returns how many pasted lines did not fit.
pub fn apply_pasted(
    rows: &mut Vec<NewUser>,
    start: usize,
    cells: &[Vec<String>],
    view: &dyn AccountView,
    mut new_row: impl FnMut(&[NewUser]) -> NewUser,
) -> usize {
    let multi_site = view.account().multi_site;
    let mut left_over = 0;
    for (offset, line) in cells.iter().enumerate() {
        let index = start + offset;
        if index >= MAX_ROWS {
            left_over += 1;
            continue;
        }
        while rows.len() <= index {
            let row = new_row(rows);
            rows.push(row);
        }
        let row = &mut rows[index];
        let mut cells = line.iter();
        let mut next = || cells.next().cloned();
        if let Some(email) = next() {
            row.email = email;
        }
        if let Some(first) = next() {
            row.first_name = first;
        }
        if let Some(last) = next() {
            row.last_name = last;
        }
        if multi_site {
            if let Some(site) = next() {
                row.site_id = view
                    .sites()
                    .iter()
                    .find(|s| s.id == site || s.name.eq_ignore_ascii_case(&site))
                    .map(|s| s.id.clone())
                    .unwrap_or_default();
            }
            if let Some(cost_center) = next() {
                row.cost_center_id = view
                    .cost_centers()
                    .iter()
                    .find(|c| c.id == cost_center || c.name.eq_ignore_ascii_case(&cost_center))
                    .map(|c| c.id.clone())
                    .unwrap_or_default();
            }
        }
        if let Some(extension) = next().filter(|e| !e.is_empty()) {
            row.extension = extension;
        }
    }
    left_over
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::seed::{generate, Dataset};
    use proptest::prelude::Strategy;

    #[test]
    fn spreadsheet_text_becomes_cells() {
        let text = "a@x.co\tAva\tChen\r\nb@x.co\tBen\tDu\r\n";
        assert_eq!(
            pasted_cells(text),
            [vec!["a@x.co", "Ava", "Chen"], vec!["b@x.co", "Ben", "Du"]]
        );
        assert!(is_grid(text));
        assert!(!is_grid("just-an-email@x.co"));
        assert!(!is_grid("single@x.co\n"));
    }

    #[test]
    fn quoted_cells_keep_their_tabs_line_breaks_and_quotes_and_blank_rows_stay() {
        let text =
            "\"Suite 4\nFloor 2\"\tBen\r\n\r\n\"say \"\"hi\"\"\"\t\"tab\there\"\r\n\"open\tend\r\n";
        assert_eq!(
            pasted_cells(text),
            vec![
                vec!["Suite 4\nFloor 2".to_owned(), "Ben".to_owned()],
                vec![String::new()],
                vec!["say \"hi\"".to_owned(), "tab\there".to_owned()],
                vec!["\"open".to_owned(), "end".to_owned()],
            ]
        );
    }

    /// A cell as a spreadsheet copies it: quoted when it holds a tab, a line break or a quote.
    fn copied(cell: &str) -> String {
        if cell.contains(['\t', '\n', '\r', '"']) {
            format!("\"{}\"", cell.replace('"', "\"\""))
        } else {
            cell.to_owned()
        }
    }

    proptest::proptest! {
        /// Whatever a spreadsheet copies pastes back as the same cells.
        #[test]
        fn copied_grids_paste_back_as_the_same_cells(
            grid in proptest::collection::vec(
                proptest::collection::vec("[a-c\"\t\n ]{0,6}".prop_map(|c| c.trim().to_owned()), 1..4),
                1..5,
            ),
        ) {
            let text: String = grid
                .iter()
                .map(|row| row.iter().map(|c| copied(c)).collect::<Vec<_>>().join("\t") + "\r\n")
                .collect();
            let mut expected = grid.clone();
            while expected.last().is_some_and(|row| row.iter().all(String::is_empty)) {
                expected.pop();
            }
            proptest::prop_assert_eq!(pasted_cells(&text), expected);
        }

        /// Any text: cells, never a panic, and never more rows than it has lines.
        #[test]
        fn any_text_pastes_into_at_most_its_lines(text in "(?s).{0,300}") {
            let lines = text.matches(['\n', '\r']).count() + 1;
            proptest::prop_assert!(pasted_cells(&text).len() <= lines);
        }
    }

    #[test]
    fn pasted_lines_fill_rows_from_the_one_pasted_into_and_match_names() {
        let data = generate(Dataset::Standard);
        let mut rows = vec![NewUser::default(); 2];
        let text =
            "a@x.co\tAva\tChen\taustin office\tSupport\t555\nb@x.co\tBen\tDu\tNowhere\tcc-3\n";
        let left = apply_pasted(&mut rows, 1, &pasted_cells(text), &data, |_| NewUser {
            extension: "999".into(),
            ..NewUser::default()
        });
        assert_eq!(left, 0);
        assert_eq!(rows.len(), 3, "one row added for the second line");
        assert_eq!(rows[0], NewUser::default(), "rows above are untouched");
        assert_eq!(
            (rows[1].site_id.as_str(), rows[1].cost_center_id.as_str()),
            ("site-2", "cc-2")
        );
        assert_eq!(rows[1].extension, "555");
        assert_eq!(
            rows[2].site_id, "",
            "an unknown site is left for the rule to name"
        );
        assert_eq!(
            (rows[2].cost_center_id.as_str(), rows[2].extension.as_str()),
            ("cc-3", "999")
        );
    }

    #[test]
    fn lines_past_twenty_five_rows_are_counted_not_added() {
        let data = generate(Dataset::Standard);
        let mut rows = vec![NewUser::default()];
        let text = (0..30)
            .map(|i| format!("u{i}@x.co\tU\t{i}"))
            .collect::<Vec<_>>()
            .join("\n");
        let left = apply_pasted(&mut rows, 0, &pasted_cells(&text), &data, |_| {
            NewUser::default()
        });
        assert_eq!((rows.len(), left), (MAX_ROWS, 5));
    }
}
