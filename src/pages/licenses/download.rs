//! The Download list: the items of one type (detail view) or of every type (the dialog on the
//! Licenses & Inventory page), filtered or ticked by hand, saved as CSV or XLSX in the browser,
//! or sent by email to the outbox.

use domain::licenses::{
    items_csv, items_workbook, ExportRequest, InventoryItem, InventoryType, ItemState, ItemsQuery,
};
use domain::users_query::Page;
use domain::ApiError;
use leptos::prelude::*;
use leptos_router::components::A;

use super::filters::ItemFilters;
use crate::api::{new_idempotency_key, use_api};
use crate::components::dialog::{Dialog, DialogActions};
use crate::components::pagination::Pagination;
use crate::components::toasts::{use_toasts, ToastKind};
use crate::routes::AppRoute;
use crate::session::use_session;

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
    let session = use_session();
    let query = RwSignal::new(ItemsQuery {
        user_level,
        per_page: 25,
        ..ItemsQuery::default()
    });
    let list_api = api.clone();
    let result = LocalResource::new(move || {
        let (api, q) = (list_api.clone(), query.get());
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
    let is_picked = move |key: &str| picked.with(|p| p.iter().any(|i| i.key() == key));
    let set_picked = move |item: &InventoryItem, on: bool| {
        let key = item.key();
        picked.update(|p| {
            p.retain(|i| i.key() != key);
            if on {
                p.push(item.clone());
            }
        });
    };
    let source = Signal::derive(move || {
        let chosen = picked.get();
        if chosen.is_empty() {
            ItemsSource::Matching {
                kind: None,
                query: query.get(),
            }
        } else {
            ItemsSource::Picked(chosen)
        }
    });

    let to = RwSignal::new(session.get_untracked().admin.email);
    let key = StoredValue::new(new_idempotency_key());
    let send = Action::new_local(move |request: &ExportRequest| {
        let (api, request) = (api.clone(), request.clone());
        async move { api.send_export(&request, &key.get_value()).await }
    });
    let sent = move || send.value().get().and_then(Result::ok);
    let send_error = move |field: &'static str| {
        send.value().with(|v| match v {
            Some(Err(e)) => match e.field(field) {
                Some(m) => Some(m.to_owned()),
                None if field == "list" && e.field_errors.is_empty() => {
                    Some(format!("Couldn't send the list: {}", e.message))
                }
                None => None,
            },
            _ => None,
        })
    };
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if sent().is_some() {
            // A new list after a sent one is a new request.
            key.set_value(new_idempotency_key());
        }
        let q = query.get_untracked();
        send.dispatch(ExportRequest {
            to: to.get_untracked(),
            kind: None,
            search: q.search,
            site_id: q.site_id,
            cost_center_id: q.cost_center_id,
            state: q.state,
            user_level: q.user_level,
            picked: picked.with_untracked(|p| p.iter().map(InventoryItem::key).collect()),
        });
    };
    let rows = move || page.with(|p| p.as_ref().map(|p| p.items.clone()).unwrap_or_default());
    let all_on_page = move || {
        let rows = rows();
        !rows.is_empty() && rows.iter().all(|i| is_picked(&i.key()))
    };

    view! {
        <Dialog title="Download list" on_close=on_close wide=true>
            <p class="muted">
                "The list has each item's name, number, email, site, cost center, who holds it and whether it's in use. Filter it, or tick items by hand to take only those."
            </p>
            <ItemFilters id="download" query=query on_change=move |q| query.set(q)>
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
            </ItemFilters>
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
            <div class="download-list">
                <table class="devices-table">
                    <caption class="visually-hidden">"Licenses and inventory to download"</caption>
                    <thead>
                        <tr>
                            <th scope="col">
                                <input
                                    type="checkbox"
                                    aria-label="Tick every item on this page"
                                    prop:checked=all_on_page
                                    on:change=move |ev| {
                                        let on = event_target_checked(&ev);
                                        for i in rows() {
                                            set_picked(&i, on);
                                        }
                                    }
                                />
                            </th>
                            <th scope="col">"Type"</th>
                            <th scope="col">"Name"</th>
                            <th scope="col">"Assigned to"</th>
                            <th scope="col">"Number"</th>
                            <th scope="col">"Email"</th>
                            <th scope="col">"Site"</th>
                            <th scope="col">"Cost center"</th>
                            <th scope="col">"In use"</th>
                        </tr>
                    </thead>
                    <tbody>
                        <For each=rows key=InventoryItem::key let:item>
                            {
                                let key = item.key();
                                let (toggled, label) = (
                                    item.clone(),
                                    format!(
                                        "Tick {} {}",
                                        item.label,
                                        if item.assignee.is_empty() {
                                            item.id.clone()
                                        } else {
                                            format!("of {}", item.assignee)
                                        },
                                    ),
                                );
                                view! {
                                    <tr>
                                        <td>
                                            <input
                                                type="checkbox"
                                                aria-label=label
                                                prop:checked=move || is_picked(&key)
                                                on:change=move |ev| set_picked(
                                                    &toggled,
                                                    event_target_checked(&ev),
                                                )
                                            />
                                        </td>
                                        <td>{item.kind.label()}</td>
                                        <td>{item.label.clone()}</td>
                                        <td>{item.assignee.clone()}</td>
                                        <td>{item.number.clone()}</td>
                                        <td>{item.email.clone()}</td>
                                        <td>{item.site.clone()}</td>
                                        <td>{item.cost_center.clone()}</td>
                                        <td>
                                            {if item.state == ItemState::InUse { "Yes" } else { "No" }}
                                        </td>
                                    </tr>
                                }
                            }
                        </For>
                    </tbody>
                </table>
            </div>
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
            <form class="download-send" on:submit=submit novalidate>
                <div class="field">
                    <label for="download-to">"Send to email"</label>
                    <input
                        id="download-to"
                        type="email"
                        autocomplete="email"
                        prop:value=move || to.get()
                        aria-invalid=move || send_error("to").is_some().to_string()
                        aria-describedby="download-to-error"
                        on:input=move |ev| to.set(event_target_value(&ev))
                    />
                    <p id="download-to-error" class="field-error" aria-live="polite">
                        {move || send_error("to")}
                    </p>
                </div>
                <p class="field-error" aria-live="polite">
                    {move || send_error("list")}
                </p>
                {move || {
                    sent()
                        .map(|entry| {
                            view! {
                                <p class="notice notice-success" role="status">
                                    {format!("Sent to {}: {}. ", entry.to, entry.subject)}
                                    <A href=AppRoute::Outbox.href()>"Open the outbox"</A>
                                </p>
                            }
                        })
                }}
                <DialogActions
                    on_cancel=on_close
                    cancel="Close"
                    disabled=move || send.pending().get()
                    confirm=move || {
                        if send.pending().get() { "Sending…" } else { "Send" }.to_owned()
                    }
                >
                    <DownloadButtons source=source stem="licenses-and-inventory" />
                </DialogActions>
            </form>
        </Dialog>
    }
}
