//! The Download list: inventory items as CSV, with every cell that a spreadsheet would run as a
//! formula (`=`, `+`, `-`, `@`, tab, carriage return first) neutralised with a leading `'`.

use super::items::{InventoryItem, ItemState};

/// The columns of the list.
pub const EXPORT_HEADER: [&str; 7] = [
    "Name",
    "Number",
    "Email",
    "Site",
    "Cost center",
    "Assigned to",
    "In use",
];

/// A cell as text a spreadsheet shows and never evaluates.
pub fn neutralise(cell: &str) -> String {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{cell}")
    } else {
        cell.to_owned()
    }
}

/// One CSV field: neutralised, and quoted when it holds a comma, quote or line break.
fn field(cell: &str) -> String {
    let safe = neutralise(cell);
    if safe.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", safe.replace('"', "\"\""))
    } else {
        safe
    }
}

/// The items as CSV (RFC 4180, CRLF line ends), header first.
pub fn items_csv(items: &[InventoryItem]) -> String {
    let mut out = EXPORT_HEADER.join(",");
    out.push_str("\r\n");
    for i in items {
        let in_use = if i.state == ItemState::InUse {
            "Yes"
        } else {
            "No"
        };
        let row = [
            &i.label,
            &i.number,
            &i.email,
            &i.site,
            &i.cost_center,
            &i.assignee,
            in_use,
        ];
        out.push_str(&row.map(field).join(","));
        out.push_str("\r\n");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_neutralised_and_fields_quoted() {
        for risky in ["=HYPERLINK(\"x\")", "+1", "-2", "@SUM(A1)", "\tcmd"] {
            assert!(neutralise(risky).starts_with('\''), "{risky}");
        }
        assert_eq!(neutralise("+14155550100"), "'+14155550100");
        assert_eq!(neutralise("Ava Chen"), "Ava Chen");
        assert_eq!(field("O'Brien, \"Fatima\""), "\"O'Brien, \"\"Fatima\"\"\"");
    }

    #[test]
    fn the_list_has_a_header_and_one_line_per_item() {
        let data = crate::seed::generate(crate::seed::Dataset::Standard);
        let items = super::super::inventory_items(&data, super::super::InventoryType::Office);
        let csv = items_csv(&items);
        let lines: Vec<&str> = csv.split("\r\n").filter(|l| !l.is_empty()).collect();
        assert_eq!(lines[0], EXPORT_HEADER.join(","));
        assert_eq!(lines.len(), items.len() + 1);
        assert!(lines[1..]
            .iter()
            .all(|l| l.ends_with(",Yes") || l.ends_with(",No")));
    }
}
