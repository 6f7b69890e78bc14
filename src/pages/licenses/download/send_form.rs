//! The Download list's footer form: send the list to an email address (it lands in the
//! outbox), download it, or close the dialog.

use domain::licenses::{ExportRequest, InventoryItem, ItemsQuery};
use leptos::prelude::*;
use leptos_router::components::A;

use super::{DownloadButtons, ItemsSource};
use crate::api::{new_idempotency_key, use_api};
use crate::components::dialog::DialogActions;
use crate::routes::AppRoute;
use crate::session::use_session;

/// "Send to email" (the admin's own address to start with) with what went wrong or where the
/// sent list is, then Close, the download buttons and Send.
#[component]
pub fn SendListForm(
    /// The filters the list is sent or downloaded with.
    #[prop(into)]
    query: Signal<ItemsQuery>,
    /// The items ticked by hand: when there are any, only these go in the list.
    #[prop(into)]
    picked: Signal<Vec<InventoryItem>>,
    #[prop(into)] on_close: Callback<()>,
) -> impl IntoView {
    let api = use_api();
    let session = use_session();
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

    view! {
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
    }
}
