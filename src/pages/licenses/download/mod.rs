//! The Download list: the items of one type (detail view) or of every type (the dialog on the
//! Licenses & Inventory page), filtered or ticked by hand, saved as CSV or XLSX in the browser,
//! or sent by email to the outbox.

mod send_form;
mod table;

use domain::licenses::{items_csv, items_workbook, InventoryItem, InventoryType, ItemsQuery};
use domain::users_query::Page;
use domain::ApiError;
use leptos::prelude::*;

use super::filters::ItemFilters;
use crate::api::use_api;
use crate::components::dialog::Dialog;
use crate::components::pagination::Pagination;
use crate::components::toasts::{use_toasts, ToastKind};
use send_form::SendListForm;
use table::PickTable;

/// What a download holds: every item matching a query, or items ticked by hand.
#[derive(Clone, Debug, PartialEq)]
pub enum ItemsSource {
    Matching {
        kind: Option<InventoryType>,
        query: ItemsQuery,
    },
    Picked(Vec<InventoryItem>),
}

/// A file format the list can be saved in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Csv,
    Xlsx,
}

impl Format {
    fn extension(self) -> &'static str {
        match self {
            Self::Csv => "csv",
            Self::Xlsx => "xlsx",
        }
    }
}

/// Builds the file in the browser (XLSX in the spreadsheet worker) and offers it; says how
/// many rows went in.
async fn save(items: &[InventoryItem], stem: &str, format: Format) -> Result<String, String> {
    let name = format!("{stem}.{}", format.extension());
    match format {
        Format::Csv => {
            crate::download::save_text(&name, "text/csv;charset=utf-8", &items_csv(items))?
        }
        Format::Xlsx => crate::sheets::save_xlsx(&name, items_workbook(items)).await?,
    }
    Ok(format!(
        "Downloaded {} row{} as {name}.",
        items.len(),
        if items.len() == 1 { "" } else { "s" }
    ))
}

/// "Download CSV" and "Download XLSX" for the items `source` names, saved as `<stem>.<ext>`.
#[component]
pub fn DownloadButtons(
    #[prop(into)] source: Signal<ItemsSource>,
    stem: &'static str,
) -> impl IntoView {
    let api = use_api();
    let toasts = use_toasts();
    let download = Action::new_local(move |format: &Format| {
        let (api, format, source) = (api.clone(), *format, source.get_untracked());
        async move {
            let items = match source {
                ItemsSource::Matching { kind, query } => api
                    .all_inventory_items(kind, &query)
                    .await
                    .map_err(|e| e.message)?,
                ItemsSource::Picked(items) => items,
            };
            save(&items, stem, format).await
        }
    });
    Effect::new(move |_| match download.value().get() {
        Some(Ok(done)) => toasts.show(ToastKind::Success, done),
        Some(Err(e)) => toasts.show(ToastKind::Error, format!("Couldn't download the list: {e}")),
        None => {}
    });
    let busy = move |format: Format| {
        download.pending().get() && download.input().with(|i| *i == Some(format))
    };
    let button = move |format: Format, label: &'static str| {
        view! {
            <button
                class="btn"
                disabled=move || download.pending().get()
                on:click=move |_| {
                    download.dispatch(format);
                }
            >
                {move || if busy(format) { "Preparing…" } else { label }}
            </button>
        }
    };
    view! {
        {button(Format::Csv, "Download CSV")}
        {button(Format::Xlsx, "Download XLSX")}
    }
}

/// The Licenses & Inventory page's "Download list": filter every type (or tick items by hand),
/// then download the list or send it to an email address, where it lands in the outbox.
#[component]
pub fn DownloadListDialog(
    /// Starts with "Show only user level licenses" as the page has it.
    user_level: bool,
    #[prop(into)] on_close: Callback<()>,
) -> impl IntoView {
    let api = use_api();
    let query = RwSignal::new(ItemsQuery {
        user_level,
        per_page: 25,
        ..ItemsQuery::default()
    });
    let result = LocalResource::new(move || {
        let (api, q) = (api.clone(), query.get());
        async move { api.inventory_items(None, &q).await }
    });
    let page = RwSignal::new(None::<Page<InventoryItem>>);
    let load_error = RwSignal::new(None::<ApiError>);
    Effect::new(move |_| match result.get() {
        Some(Ok(p)) => {
            page.set(Some(p));
            load_error.set(None);
        }
        Some(Err(e)) => load_error.set(Some(e)),
        None => {}
    });
    let picked = RwSignal::new(Vec::<InventoryItem>::new());

    view! {
        <Dialog title="Download list" on_close=on_close wide=true>
            <p class="muted">
                "The list has each item's name, number, email, site, cost center, who holds it and whether it's in use. Filter it, or tick items by hand to take only those."
            </p>
            <ItemFilters id="download" query=query on_change=move |q| query.set(q)>
                <UserLevelToggle query=query />
            </ItemFilters>
            <ListCount page=page picked=picked />
            {move || {
                load_error
                    .get()
                    .map(|e| {
                        view! {
                            <p class="notice notice-error" role="alert">
                                {format!("Couldn't load the list: {}", e.message)}
                            </p>
                        }
                    })
            }}
            <PickTable page=page picked=picked />
            <Pagination
                total=Signal::derive(move || page.with(|p| p.as_ref().map_or(0, |p| p.total)))
                page=Signal::derive(move || query.with(|q| q.page))
                per_page=Signal::derive(move || query.with(|q| q.per_page))
                on_page=move |p| query.update(|q| q.page = p)
                on_per_page=move |n| {
                    query
                        .update(|q| {
                            q.per_page = n;
                            q.page = 1;
                        })
                }
            />
            <SendListForm query=query picked=picked on_close=on_close />
        </Dialog>
    }
}

/// The "Show only user level licenses" switch beside the shared filters.
#[component]
fn UserLevelToggle(query: RwSignal<ItemsQuery>) -> impl IntoView {
    view! {
        <label class="toggle">
            <input
                type="checkbox"
                role="switch"
                prop:checked=move || query.with(|q| q.user_level)
                on:change=move |ev| {
                    let on = event_target_checked(&ev);
                    query
                        .update(|q| {
                            q.user_level = on;
                            q.page = 1;
                        });
                }
            />
            "Show only user level licenses"
        </label>
    }
}

/// How many items match and, once some are ticked, how many with "Clear ticks".
#[component]
fn ListCount(
    #[prop(into)] page: Signal<Option<Page<InventoryItem>>>,
    picked: RwSignal<Vec<InventoryItem>>,
) -> impl IntoView {
    view! {
        <p class="count" aria-live="polite">
            {move || page.with(|p| p.as_ref().map(|p| format!("{} matching", p.total)))}
            {move || {
                let n = picked.with(Vec::len);
                (n > 0)
                    .then(|| {
                        view! {
                            " · "
                            {format!("{n} ticked: only these go in the list")}
                            " "
                            <button
                                class="btn btn-quiet btn-small"
                                on:click=move |_| picked.set(Vec::new())
                            >
                                "Clear ticks"
                            </button>
                        }
                    })
            }}
        </p>
    }
}
