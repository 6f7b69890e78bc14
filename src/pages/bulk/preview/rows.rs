//! Step 3's rows: how many need attention, the filter to those, and the rows page by page.

use std::collections::HashMap;

use domain::bulk::{BulkKind, BulkRow, BulkView, CellProblem};
use leptos::prelude::*;

use super::table::RowsTable;
use super::ProblemsByLine;
use crate::components::pagination::Pagination;
use crate::pages::bulk::rows_word;

/// The count of rows and of those needing attention, the filter to those, and one page of rows.
#[component]
pub fn CheckedRows(
    kind: BulkKind,
    view: StoredValue<BulkView>,
    rows: RwSignal<Vec<BulkRow>>,
    refused: RwSignal<Vec<CellProblem>>,
    by_line: Memo<ProblemsByLine>,
    count: Signal<usize>,
    attention_only: RwSignal<bool>,
    page: RwSignal<u32>,
    per_page: RwSignal<u32>,
) -> impl IntoView {
    let bad_lines = move || by_line.with(HashMap::len);
    let listed = Memo::new(move |_| {
        let only = attention_only.get();
        rows.with(|r| {
            by_line.with(|b| {
                r.iter()
                    .filter(|row| !only || b.contains_key(&row.line))
                    .cloned()
                    .collect::<Vec<_>>()
            })
        })
    });
    let verb = if kind.names_license() {
        "assign"
    } else {
        "upgrade"
    };

    view! {
        <p class="count" aria-live="polite">
            {move || match bad_lines() {
                0 => format!("{}, all ready to {verb}.", rows_word(count.get())),
                1 => {
                    format!(
                        "{}; 1 needs attention. Fix its cells or remove the row.",
                        rows_word(count.get()),
                    )
                }
                n => {
                    format!(
                        "{}; {n} need attention. Fix the cells or remove the rows.",
                        rows_word(count.get()),
                    )
                }
            }}
        </p>
        <label class="checkbox">
            <input
                type="checkbox"
                prop:checked=move || attention_only.get()
                on:change=move |ev| {
                    attention_only.set(event_target_checked(&ev));
                    page.set(1);
                }
            />
            {move || { format!("Show only the rows that need attention ({})", bad_lines()) }}
        </label>
        <RowsTable
            kind=kind
            view=view
            rows=rows
            refused=refused
            by_line=by_line
            listed=listed
            page=page
            per_page=per_page
        />
        <Pagination
            total=Signal::derive(move || listed.with(Vec::len) as u32)
            page=page
            per_page=per_page
            on_page=move |p| page.set(p)
            on_per_page=move |n| {
                per_page.set(n);
                page.set(1);
            }
        />
    }
}
