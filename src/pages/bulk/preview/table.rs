//! The table of a file's rows: each ID editable in place with its problems below it, each row
//! removable.

use domain::bulk::{BulkKind, BulkRow, BulkView, CellProblem};
use leptos::prelude::*;

use super::ProblemsByLine;

/// Puts an edited ID into its row, and drops what the server refused about that row.
fn set_cell(
    rows: RwSignal<Vec<BulkRow>>,
    refused: RwSignal<Vec<CellProblem>>,
    line: u32,
    license: bool,
    value: String,
) {
    rows.update(|r| {
        if let Some(row) = r.iter_mut().find(|row| row.line == line) {
            if license {
                row.license_id = value
            } else {
                row.mailbox_id = value
            }
        }
    });
    refused.update(|p| p.retain(|p| p.line != line));
}

/// The table of the rows on the current page of `listed`.
#[component]
pub fn RowsTable(
    kind: BulkKind,
    view: StoredValue<BulkView>,
    rows: RwSignal<Vec<BulkRow>>,
    refused: RwSignal<Vec<CellProblem>>,
    by_line: Memo<ProblemsByLine>,
    /// The rows the filter lets through, on every page.
    listed: Memo<Vec<BulkRow>>,
    page: RwSignal<u32>,
    per_page: RwSignal<u32>,
) -> impl IntoView {
    let shown = move || {
        let (page, size) = (page.get() as usize, per_page.get() as usize);
        listed.with(|l| {
            l.iter()
                .skip((page - 1) * size)
                .take(size)
                .cloned()
                .collect::<Vec<_>>()
        })
    };
    view! {
        <div class="download-list">
            <table class="devices-table">
                <caption class="visually-hidden">"Rows of the file"</caption>
                <thead>
                    <tr>
                        <th scope="col">"Row"</th>
                        {kind.names_license().then(|| view! { <th scope="col">"License ID"</th> })}
                        <th scope="col">"Mailbox ID"</th>
                        <th scope="col">"User"</th>
                        <th scope="col">
                            <span class="visually-hidden">"Remove"</span>
                        </th>
                    </tr>
                </thead>
                <tbody>
                    <For each=shown key=|r| r.line let:row>
                        <RowLine
                            kind=kind
                            view=view
                            rows=rows
                            refused=refused
                            by_line=by_line
                            row=row
                        />
                    </For>
                </tbody>
            </table>
        </div>
    }
}

/// One row of the table: its line, its ID fields, the user it names and its remove button.
#[component]
fn RowLine(
    kind: BulkKind,
    view: StoredValue<BulkView>,
    rows: RwSignal<Vec<BulkRow>>,
    refused: RwSignal<Vec<CellProblem>>,
    by_line: Memo<ProblemsByLine>,
    row: BulkRow,
) -> impl IntoView {
    let line = row.line;
    // The user the Mailbox ID names, as it is edited.
    let user = move || {
        let mailbox: u64 =
            rows.with(|r| r.iter().find(|x| x.line == line)?.mailbox_id.parse().ok())?;
        view.with_value(|v| {
            v.users
                .iter()
                .find(|u| u.mailbox_id == mailbox)
                .map(|u| u.name.clone())
        })
    };
    view! {
        <tr>
            <td>{line}</td>
            {kind
                .names_license()
                .then(|| {
                    view! {
                        <Cell
                            line=line
                            license=true
                            column="License ID"
                            value=row.license_id.clone()
                            rows=rows
                            refused=refused
                            by_line=by_line
                        />
                    }
                })}
            <Cell
                line=line
                license=false
                column="Mailbox ID"
                value=row.mailbox_id.clone()
                rows=rows
                refused=refused
                by_line=by_line
            />
            <td>{user}</td>
            <td>
                <button
                    type="button"
                    class="btn btn-small"
                    aria-label=format!("Remove row {line}")
                    on:click=move |_| rows.update(|r| r.retain(|x| x.line != line))
                >
                    "Remove"
                </button>
            </td>
        </tr>
    }
}

/// One ID's cell: its field, and the problems found in it (or in its whole row) below.
#[component]
fn Cell(
    line: u32,
    /// The License ID, not the Mailbox ID.
    license: bool,
    /// The column's name, as the problems name it.
    column: &'static str,
    value: String,
    rows: RwSignal<Vec<BulkRow>>,
    refused: RwSignal<Vec<CellProblem>>,
    by_line: Memo<ProblemsByLine>,
) -> impl IntoView {
    let problem = move || {
        by_line.with(|m| {
            m.get(&line)
                .into_iter()
                .flatten()
                .filter(|p| p.column.as_deref().is_none_or(|c| c == column))
                .map(|p| p.message.clone())
                .collect::<Vec<_>>()
                .join(" ")
        })
    };
    let id = format!(
        "bulk-{line}-{}",
        if license { "license" } else { "mailbox" }
    );
    let error_id = format!("{id}-error");
    view! {
        <td>
            <input
                id=id
                type="text"
                value=value
                aria-label=format!("{column}, row {line}")
                aria-invalid=move || (!problem().is_empty()).to_string()
                aria-describedby=error_id.clone()
                on:change=move |ev| set_cell(
                    rows,
                    refused,
                    line,
                    license,
                    event_target_value(&ev).trim().to_owned(),
                )
            />
            <p id=error_id class="field-error" aria-live="polite">
                {problem}
            </p>
        </td>
    }
}
