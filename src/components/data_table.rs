//! A virtualised data table: only the rows in view (plus a few) are in the DOM, so 10,000 rows
//! scroll as smoothly as 10. ARIA row counts and indexes tell screen readers the full size.

use std::collections::HashSet;
use std::sync::Arc;

use leptos::html;
use leptos::prelude::*;

/// Rows rendered above and below the visible window.
const OVERSCAN: usize = 8;

/// What virtualisation needs whatever the stylesheet says: a bounded scroll box and rows
/// placed absolutely inside the full-height body.
const SCROLLER_STYLE: &str = "overflow: auto; position: relative; min-height: 0; flex: 1 1 auto";
const ROW_STYLE: &str = "position: absolute; top: 0; left: 0; right: 0";

/// How a column of `T` is shown.
pub struct Column<T> {
    /// Header text.
    pub label: &'static str,
    /// CSS grid track, e.g. `minmax(160px, 2fr)`.
    pub width: &'static str,
    /// The sort key this column sorts by, when it can.
    pub sort: Option<&'static str>,
    /// Renders the cell for one row.
    pub cell: Arc<dyn Fn(&T) -> AnyView + Send + Sync>,
}

impl<T> Column<T> {
    pub fn new(
        label: &'static str,
        width: &'static str,
        cell: impl Fn(&T) -> AnyView + Send + Sync + 'static,
    ) -> Self {
        Self {
            label,
            width,
            sort: None,
            cell: Arc::new(cell),
        }
    }

    /// Makes the column sortable by `key`.
    pub fn sortable(mut self, key: &'static str) -> Self {
        self.sort = Some(key);
        self
    }
}

impl<T> Clone for Column<T> {
    fn clone(&self) -> Self {
        Self {
            label: self.label,
            width: self.width,
            sort: self.sort,
            cell: self.cell.clone(),
        }
    }
}

/// Current sort: key and whether descending.
pub type SortState = (&'static str, bool);

/// Row selection by id, with the label used for each row's checkbox.
pub struct Selection<T: Send + Sync + 'static> {
    pub selected: RwSignal<HashSet<u32>>,
    pub id: fn(&T) -> u32,
    pub label: fn(&T) -> String,
}

impl<T: Send + Sync + 'static> Clone for Selection<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T: Send + Sync + 'static> Copy for Selection<T> {}

/// A table of `rows` with the given columns, optional selection and sortable headers.
#[component]
pub fn DataTable<T>(
    /// Accessible name of the table.
    #[prop(into)]
    label: String,
    #[prop(into)] rows: Signal<Vec<T>>,
    columns: Vec<Column<T>>,
    /// Adds a checkbox column.
    #[prop(default = None)]
    selection: Option<Selection<T>>,
    /// The active sort, shown with `aria-sort`.
    #[prop(optional, into)]
    sort: Option<Signal<SortState>>,
    /// Called with a column's sort key when its header is activated.
    #[prop(optional, into)]
    on_sort: Option<Callback<&'static str>>,
    /// Height of one row in pixels (rows have a fixed height to be virtualised).
    #[prop(default = 44.0)]
    row_height: f64,
    /// Dims the rows while newer data loads.
    #[prop(optional, into)]
    busy: Signal<bool>,
    /// The table scrolls back to the top whenever this changes (a new page, filter or sort).
    #[prop(optional, into)]
    scroll_key: Option<Signal<String>>,
) -> impl IntoView
where
    T: Clone + PartialEq + Send + Sync + 'static,
{
    let scroller = NodeRef::<html::Div>::new();
    let (scroll_top, set_scroll_top) = signal(0.0_f64);
    let (viewport, set_viewport) = signal(800.0_f64);
    let count = Memo::new(move |_| rows.with(Vec::len));
    let measure = move || {
        if let Some(el) = scroller.get_untracked() {
            set_scroll_top.set(el.scroll_top() as f64);
            let h = el.client_height() as f64;
            if h > 0.0 {
                set_viewport.set(h);
            }
        }
    };
    Effect::new(move |_| {
        if scroller.get().is_some() {
            request_animation_frame(measure);
        }
    });
    if let Some(key) = scroll_key {
        Effect::new(move |previous: Option<String>| {
            let current = key.get();
            if previous.is_some_and(|p| p != current) {
                if let Some(el) = scroller.get_untracked() {
                    el.set_scroll_top(0);
                    set_scroll_top.set(0.0);
                }
            }
            current
        });
    }
    let window = Memo::new(move |_| {
        let n = count.get();
        let visible = (viewport.get() / row_height).ceil() as usize;
        // Clamped: when the list shrinks while scrolled down, show its end until the browser
        // reports the clamped scroll position.
        let first =
            ((scroll_top.get() / row_height).floor() as usize).min(n.saturating_sub(visible));
        let start = first.saturating_sub(OVERSCAN).min(n);
        let end = (first + visible + OVERSCAN).min(n);
        start..end
    });

    let checkbox_track = selection.map(|_| "48px ");
    let template = format!(
        "grid-template-columns: {}{}",
        checkbox_track.unwrap_or(""),
        columns
            .iter()
            .map(|c| c.width)
            .collect::<Vec<_>>()
            .join(" ")
    );
    let col_count = columns.len() + usize::from(selection.is_some());
    // Every row gets the same width, so `fr` tracks line up across rows; below the sum of the
    // columns' minimum widths the table scrolls sideways.
    let min_width = columns.iter().map(|c| min_px(c.width)).sum::<u32>()
        + if selection.is_some() { 48 } else { 0 };
    let group_style = format!("min-width: {min_width}px");

    let header_checkbox = selection.map(|sel| {
        let all = move || {
            let ids: Vec<u32> = rows.with(|r| r.iter().map(sel.id).collect());
            !ids.is_empty() && sel.selected.with(|s| ids.iter().all(|id| s.contains(id)))
        };
        view! {
            <div role="columnheader" class="th th-check">
                <input
                    type="checkbox"
                    aria-label="Select all rows on this page"
                    prop:checked=all
                    on:change=move |ev| {
                        let on = event_target_checked(&ev);
                        let ids: Vec<u32> = rows.with(|r| r.iter().map(sel.id).collect());
                        sel.selected
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
    });
    let headers = columns
        .iter()
        .map(|c| {
            let label = c.label;
            match c.sort {
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
        })
        .collect_view();

    let columns = StoredValue::new(columns);
    let row_template = template.clone();
    view! {
        <div
            class="table-scroll"
            node_ref=scroller
            role="table"
            aria-label=label
            style=SCROLLER_STYLE
            aria-rowcount=move || count.get() + 1
            aria-colcount=col_count
            aria-busy=move || busy.get().to_string()
            on:scroll=move |_| measure()
        >
            <div role="rowgroup" class="thead" style=group_style.clone()>
                <div role="row" class="tr tr-head" aria-rowindex="1" style=template>
                    {header_checkbox}
                    {headers}
                </div>
            </div>
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
                    {
                        let row = Memo::new(move |_| rows.with(|r| r.get(index).cloned()));
                        let style = format!(
                            "{row_template}; {ROW_STYLE}; transform: translateY({}px); height: {row_height}px",
                            index as f64 * row_height,
                        );
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
                                                    .is_some_and(|r| {
                                                        sel.selected.with(|s| s.contains(&(sel.id)(r)))
                                                    })
                                            })
                                        })
                                }
                            >
                                {move || {
                                    row.get()
                                        .map(|r| {
                                            let check = selection
                                                .map(|sel| {
                                                    let id = (sel.id)(&r);
                                                    view! {
                                                        <div role="cell" class="td td-check">
                                                            <input
                                                                type="checkbox"
                                                                aria-label=(sel.label)(&r)
                                                                prop:checked=move || sel.selected.with(|s| s.contains(&id))
                                                                on:change=move |ev| {
                                                                    let on = event_target_checked(&ev);
                                                                    sel.selected
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
                </For>
            </div>
        </div>
    }
}

/// The minimum width in pixels of a CSS grid track such as `80px` or `minmax(180px, 2fr)`.
fn min_px(track: &str) -> u32 {
    let Some(end) = track.find("px") else {
        return 0;
    };
    let start = track[..end]
        .rfind(|c: char| !c.is_ascii_digit())
        .map_or(0, |i| i + 1);
    track[start..end].parse().unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::min_px;
    use wasm_bindgen_test::wasm_bindgen_test;

    #[wasm_bindgen_test]
    fn reads_the_minimum_of_a_track() {
        assert_eq!(min_px("80px"), 80);
        assert_eq!(min_px("minmax(180px, 2fr)"), 180);
        assert_eq!(min_px("1fr"), 0);
    }
}
