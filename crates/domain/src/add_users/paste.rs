//! Pasting rows copied from a spreadsheet into the Users grid: tab-separated cells in the
//! grid's column order (email, first name, last name, then site and cost center on multi-site
//! accounts, then extension), starting at the row pasted into.

use super::view::AccountView;
use super::{NewUser, MAX_ROWS};

/// Cells of tab-separated text (what spreadsheets put on the clipboard), without the empty last
/// line they add.
pub fn pasted_cells(text: &str) -> Vec<Vec<String>> {
    let mut lines: Vec<&str> = text.split('\n').map(|l| l.trim_end_matches('\r')).collect();
    while lines.last().is_some_and(|l| l.trim().is_empty()) {
        lines.pop();
    }
    lines
        .into_iter()
        .map(|line| {
            line.split('\t')
                .map(|cell| cell.trim().to_owned())
                .collect()
        })
        .collect()
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
