//! The table's body: the full-height rowgroup and the rows in view, placed absolutely.

use std::collections::HashSet;
use std::ops::Range;

use leptos::prelude::*;

use super::{Column, Selection};

/// Places a row absolutely inside the full-height body.
const ROW_STYLE: &str = "position: absolute; top: 0; left: 0; right: 0";

/// The body rowgroup, as tall as all `count` rows, holding only the rows in `window`.
#[component]
pub(super) fn TableBody<T>(
    rows: Signal<Vec<T>>,
    count: Memo<usize>,
    /// Indexes of the rows to render.
    window: Memo<Range<usize>>,
    columns: StoredValue<Vec<Column<T>>>,
    selection: Option<Selection<T>>,
    row_height: f64,
    busy: Signal<bool>,
    /// Style of the rowgroup (its minimum width).
    group_style: String,
    /// Style of each row (its grid columns).
    template: String,
) -> impl IntoView
where
    T: Clone + PartialEq + Send + Sync + 'static,
{
    let template = StoredValue::new(template);
    view! {
        <div
            role="rowgroup"
            class="tbody"
            class:busy=busy
            style=move || {
                format!(
                    "{group_style}; position: relative; height: {}px",
                    count.get() as f64 * row_height,
                )
            }
        >
            <For each=move || window.get() key=|i| *i let:index>
                <TableRow index rows columns selection row_height template />
            </For>
        </div>
    }
}

/// The row at `index`, placed at its offset: its checkbox (with selection) and its cells.
#[component]
fn TableRow<T>(
    index: usize,
    rows: Signal<Vec<T>>,
    columns: StoredValue<Vec<Column<T>>>,
    selection: Option<Selection<T>>,
    row_height: f64,
    /// The row's grid columns.
    template: StoredValue<String>,
) -> impl IntoView
where
    T: Clone + PartialEq + Send + Sync + 'static,
{
    let row = Memo::new(move |_| rows.with(|r| r.get(index).cloned()));
    let style = template.with_value(|template| {
        format!(
            "{template}; {ROW_STYLE}; transform: translateY({}px); height: {row_height}px",
            index as f64 * row_height,
        )
    });
    view! {
        <div
            role="row"
            class="tr"
            aria-rowindex=index + 2
            style=style
            class:selected=move || {
                selection
                    .is_some_and(|sel| {
                        row.with(|r| {
                            r.as_ref()
                                .is_some_and(|r| sel.selected.with(|s| s.contains(&(sel.id)(r))))
                        })
                    })
            }
        >
            {move || {
                row.get()
                    .map(|r| {
                        let check = selection
                            .map(|sel| {
                                view! {
                                    <RowCheckbox
                                        id=(sel.id)(&r)
                                        label=(sel.label)(&r)
                                        selected=sel.selected
                                    />
                                }
                            });
                        let cells = columns
                            .with_value(|cols| {
                                cols.iter()
                                    .map(|c| {
                                        view! {
                                            <div role="cell" class="td">
                                                {(c.cell)(&r)}
                                            </div>
                                        }
                                    })
                                    .collect_view()
                            });
                        view! {
                            {check}
                            {cells}
                        }
                    })
            }}
        </div>
    }
}

/// The cell with the checkbox that selects row `id`.
#[component]
fn RowCheckbox(
    id: u32,
    /// Accessible name of the checkbox.
    label: String,
    selected: RwSignal<HashSet<u32>>,
) -> impl IntoView {
    view! {
        <div role="cell" class="td td-check">
            <input
                type="checkbox"
                aria-label=label
                prop:checked=move || selected.with(|s| s.contains(&id))
                on:change=move |ev| {
                    let on = event_target_checked(&ev);
                    selected
                        .update(|s| {
                            if on {
                                s.insert(id);
                            } else {
                                s.remove(&id);
                            }
                        });
                }
            />
        </div>
    }
}
