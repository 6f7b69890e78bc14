//! The table's header row: the select-all checkbox and the column headers.

use leptos::prelude::*;

use super::{Column, Selection, SortState};

/// The header rowgroup: the select-all checkbox (with selection) and one header per column.
#[component]
pub(super) fn HeaderRow<T>(
    rows: Signal<Vec<T>>,
    columns: StoredValue<Vec<Column<T>>>,
    selection: Option<Selection<T>>,
    sort: Option<Signal<SortState>>,
    on_sort: Option<Callback<&'static str>>,
    /// Style of the rowgroup (its minimum width).
    group_style: String,
    /// Style of the row (its grid columns).
    template: String,
) -> impl IntoView
where
    T: Send + Sync + 'static,
{
    let header_checkbox = selection.map(|selection| view! { <SelectAllHeader rows selection /> });
    let headers = columns.with_value(|cols| {
        cols.iter()
            .map(|c| view! { <ColumnHeader label=c.label sort_key=c.sort sort on_sort /> })
            .collect_view()
    });
    view! {
        <div role="rowgroup" class="thead" style=group_style>
            <div role="row" class="tr tr-head" aria-rowindex="1" style=template>
                {header_checkbox}
                {headers}
            </div>
        </div>
    }
}

/// The header cell with the checkbox that selects or clears every row on the page.
#[component]
fn SelectAllHeader<T>(rows: Signal<Vec<T>>, selection: Selection<T>) -> impl IntoView
where
    T: Send + Sync + 'static,
{
    let all = move || {
        let ids: Vec<u32> = rows.with(|r| r.iter().map(selection.id).collect());
        !ids.is_empty()
            && selection
                .selected
                .with(|s| ids.iter().all(|id| s.contains(id)))
    };
    view! {
        <div role="columnheader" class="th th-check">
            <input
                type="checkbox"
                aria-label="Select all rows on this page"
                prop:checked=all
                on:change=move |ev| {
                    let on = event_target_checked(&ev);
                    let ids: Vec<u32> = rows.with(|r| r.iter().map(selection.id).collect());
                    selection
                        .selected
                        .update(|s| {
                            for id in ids {
                                if on {
                                    s.insert(id);
                                } else {
                                    s.remove(&id);
                                }
                            }
                        });
                }
            />
        </div>
    }
}

/// One column's header: its label, and when it sorts, a button with the sort arrow.
#[component]
fn ColumnHeader(
    label: &'static str,
    /// The column's sort key, when it can sort.
    sort_key: Option<&'static str>,
    sort: Option<Signal<SortState>>,
    on_sort: Option<Callback<&'static str>>,
) -> impl IntoView {
    match sort_key {
        Some(key) => {
            let state = move || {
                sort.and_then(|s| {
                    let (k, desc) = s.get();
                    (k == key).then_some(desc)
                })
            };
            let aria = move || match state() {
                Some(true) => "descending",
                Some(false) => "ascending",
                None => "none",
            };
            let arrow = move || match state() {
                Some(true) => "▼",
                Some(false) => "▲",
                None => "",
            };
            view! {
                <div role="columnheader" class="th" aria-sort=aria>
                    <button
                        class="th-sort"
                        on:click=move |_| {
                            if let Some(cb) = on_sort {
                                cb.run(key)
                            }
                        }
                    >
                        {label}
                        <span class="sort-arrow" aria-hidden="true">
                            {arrow}
                        </span>
                    </button>
                </div>
            }
            .into_any()
        }
        None => view! {
            <div role="columnheader" class="th">
                {label}
            </div>
        }
        .into_any(),
    }
}
