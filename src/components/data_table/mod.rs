//! A virtualised data table: only the rows in view (plus a few) are in the DOM, so 10,000 rows
//! scroll as smoothly as 10. ARIA row counts and indexes tell screen readers the full size.

mod body;
mod header;
mod viewport;

use std::collections::HashSet;
use std::sync::Arc;

use leptos::html;
use leptos::prelude::*;

use body::TableBody;
use header::HeaderRow;
use viewport::visible_rows;

/// What virtualisation needs whatever the stylesheet says: a bounded scroll box (the rows are
/// placed absolutely inside the full-height body, see `body::ROW_STYLE`).
const SCROLLER_STYLE: &str = "overflow: auto; position: relative; min-height: 0; flex: 1 1 auto";

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
    let count = Memo::new(move |_| rows.with(Vec::len));
    let (window, measure) = visible_rows(scroller, count, row_height, scroll_key);

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

    let columns = StoredValue::new(columns);
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
            <HeaderRow
                rows
                columns
                selection
                sort
                on_sort
                group_style=group_style.clone()
                template=template.clone()
            />
            <TableBody rows count window columns selection row_height busy group_style template />
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
