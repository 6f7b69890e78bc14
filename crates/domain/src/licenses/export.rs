//! The Download list: inventory items as rows for CSV or XLSX, or sent by email to the outbox.
//! Every cell that a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, tab, carriage
//! return first) is neutralised with a leading `'`.

use serde::{Deserialize, Serialize};

use super::items::{matching_items, InventoryItem, ItemState, ItemsQuery};
use super::InventoryType;
use crate::account::AccountData;
use crate::auth::looks_like_email;
use crate::effects::Effect;
use crate::error::{ApiError, FieldError};
use crate::outbox::{next_message_id, Attachment, OutboxEntry, OutboxMessage};
use crate::workbook::{Sheet, Workbook};

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

/// One CSV field, quoted when it holds a comma, quote or line break.
fn field(cell: &str) -> String {
    if cell.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", cell.replace('"', "\"\""))
    } else {
        cell.to_owned()
    }
}

/// The list as rows of neutralised cells, header first.
pub fn export_rows(items: &[InventoryItem]) -> Vec<Vec<String>> {
    let header = EXPORT_HEADER.map(str::to_owned).to_vec();
    let rows = items.iter().map(|i| {
        let in_use = if i.state == ItemState::InUse {
            "Yes"
        } else {
            "No"
        };
        [
            &i.label,
            &i.number,
            &i.email,
            &i.site,
            &i.cost_center,
            &i.assignee,
            in_use,
        ]
        .map(neutralise)
        .to_vec()
    });
    std::iter::once(header).chain(rows).collect()
}

/// The items as CSV (RFC 4180, CRLF line ends), header first.
pub fn items_csv(items: &[InventoryItem]) -> String {
    rows_csv(&export_rows(items))
}

/// Rows of cells as CSV (RFC 4180, CRLF line ends), every cell neutralised (neutralising is
/// idempotent, so rows that already are stay as they were).
pub fn rows_csv(rows: &[Vec<String>]) -> String {
    let mut out = String::new();
    for row in rows {
        let cells: Vec<String> = row.iter().map(|c| field(&neutralise(c))).collect();
        out.push_str(&cells.join(","));
        out.push_str("\r\n");
    }
    out
}

/// The items as a one-sheet workbook, for the spreadsheet worker to write as XLSX.
pub fn items_workbook(items: &[InventoryItem]) -> Workbook {
    Workbook {
        sheets: vec![Sheet {
            name: "Licenses & Inventory".into(),
            rows: export_rows(items),
        }],
    }
}

/// "Send to email": the Download list with its filters, or the items ticked by hand.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase", default)]
pub struct ExportRequest {
    /// Who gets the list.
    pub to: String,
    /// One type, or every type when `None`.
    pub kind: Option<InventoryType>,
    pub search: String,
    pub site_id: Option<String>,
    pub cost_center_id: Option<String>,
    pub state: Option<ItemState>,
    pub user_level: bool,
    /// Items ticked by hand ([`InventoryItem::key`]); when any are, exactly those are sent,
    /// whatever the search and filters.
    pub picked: Vec<String>,
}

impl ExportRequest {
    /// The search and filters as a query (all pages).
    pub fn query(&self) -> ItemsQuery {
        ItemsQuery {
            search: self.search.clone(),
            site_id: self.site_id.clone(),
            cost_center_id: self.cost_center_id.clone(),
            state: self.state,
            user_level: self.user_level,
            ..ItemsQuery::default()
        }
    }
}

/// The items a request exports: the ticked ones if any, else those matching its filters.
pub fn export_items(data: &AccountData, request: &ExportRequest) -> Vec<InventoryItem> {
    if request.picked.is_empty() {
        return matching_items(data, request.kind, &request.query());
    }
    let picked: std::collections::HashSet<&str> =
        request.picked.iter().map(String::as_str).collect();
    let mut items = matching_items(data, request.kind, &ItemsQuery::default());
    items.retain(|i| picked.contains(i.key().as_str()));
    items
}

/// Plans "send to email": the list as a CSV attachment of a message in the outbox.
pub fn plan_export(
    data: &AccountData,
    request: &ExportRequest,
    now_unix: u64,
) -> Result<(OutboxEntry, Vec<Effect>), ApiError> {
    let to = request.to.trim();
    if !looks_like_email(to) {
        return Err(ApiError::validation(vec![FieldError::new(
            "to",
            "Enter the email address that gets the list, like name@example.com.",
        )]));
    }
    let items = export_items(data, request);
    if items.is_empty() {
        let message = if request.picked.is_empty() {
            "Nothing matches these filters, so there is no list to send."
        } else {
            "None of the ticked items exist any more. Tick them again."
        };
        return Err(ApiError::validation(vec![FieldError::new("list", message)]));
    }
    let n = items.len();
    let what = request.kind.map_or("licenses and inventory", |k| k.label());
    let file_name = format!(
        "{}.csv",
        request.kind.map_or("licenses-and-inventory", |k| k.slug())
    );
    let message = OutboxMessage {
        id: next_message_id(&data.outbox),
        to: to.to_owned(),
        subject: format!(
            "Your list of {what} ({n} item{})",
            if n == 1 { "" } else { "s" }
        ),
        body: format!(
            "The list you asked for is attached as {file_name}: {n} item{}{}.",
            if n == 1 { "" } else { "s" },
            if request.picked.is_empty() {
                ", every one matching your filters"
            } else {
                ", the ones you ticked"
            }
        ),
        sent_at: now_unix,
        attachment: Attachment {
            file_name,
            mime: "text/csv".into(),
            content: items_csv(&items),
        },
    };
    Ok((
        OutboxEntry::from(&message),
        vec![Effect::MessageSent { message }],
    ))
}

#[cfg(test)]
mod tests {
    use super::super::inventory_items;
    use super::*;

    #[test]
    fn formulas_are_neutralised_and_fields_quoted() {
        for risky in ["=HYPERLINK(\"x\")", "+1", "-2", "@SUM(A1)", "\tcmd"] {
            assert!(neutralise(risky).starts_with('\''), "{risky}");
        }
        assert_eq!(neutralise("+14155550100"), "'+14155550100");
        assert_eq!(neutralise("Ava Chen"), "Ava Chen");
        assert_eq!(field("O'Brien, \"Fatima\""), "\"O'Brien, \"\"Fatima\"\"\"");
        let mut item = inventory_items(
            &crate::seed::generate(crate::seed::Dataset::Standard),
            InventoryType::Office,
        )[0]
        .clone();
        item.assignee = "=cmd|' /C calc'!A0".into();
        assert_eq!(export_rows(&[item.clone()])[1][5], "'=cmd|' /C calc'!A0");
        assert!(items_csv(&[item]).contains(",'=cmd|' /C calc'!A0,"));
    }

    #[test]
    fn the_list_has_a_header_and_one_line_per_item() {
        let data = crate::seed::generate(crate::seed::Dataset::Standard);
        let items = inventory_items(&data, InventoryType::Office);
        let csv = items_csv(&items);
        let lines: Vec<&str> = csv.split("\r\n").filter(|l| !l.is_empty()).collect();
        assert_eq!(lines[0], EXPORT_HEADER.join(","));
        assert_eq!(lines.len(), items.len() + 1);
        assert!(lines[1..]
            .iter()
            .all(|l| l.ends_with(",Yes") || l.ends_with(",No")));
    }
}
