//! `/outbox`: the email sent to the account's admins (lists sent from Licenses & Inventory,
//! bulk job reports). Nothing leaves the system; each message and its attachment open here.

use domain::outbox::OutboxEntry;
use leptos::prelude::*;
use leptos_router::components::A;

use crate::api::use_api;
use crate::components::loaded::Loaded;
use crate::components::toasts::{use_toasts, ToastKind};
use crate::format::{local_time, size};
use crate::routes::AppRoute;

#[component]
pub fn OutboxPage() -> impl IntoView {
    let api = use_api();
    let toasts = use_toasts();
    let list_api = api.clone();
    let messages = LocalResource::new(move || {
        let api = list_api.clone();
        async move { api.outbox().await }
    });
    let open = Action::new_local(move |id: &u32| {
        let (api, id) = (api.clone(), *id);
        async move {
            let opened = async {
                let message = api.outbox_message(id).await.map_err(|e| e.message)?;
                let file = &message.attachment;
                crate::download::save_text(&file.file_name, &file.mime, &file.content)?;
                Ok::<_, String>(file.file_name.clone())
            };
            match opened.await {
                Ok(name) => toasts.show(ToastKind::Success, format!("Downloaded {name}.")),
                Err(e) => toasts.show(
                    ToastKind::Error,
                    format!("Couldn't open the attachment: {e}"),
                ),
            }
        }
    });
    let row = move |m: OutboxEntry| {
        let id = m.id;
        view! {
            <tr>
                <td>{local_time(m.sent_at)}</td>
                <td>{m.to}</td>
                <td>
                    <strong>{m.subject}</strong>
                    <p class="muted">{m.body}</p>
                </td>
                <td>
                    <button
                        class="btn btn-small"
                        aria-label=format!("Download {}", m.file_name)
                        disabled=move || open.pending().get()
                        on:click=move |_| {
                            open.dispatch(id);
                        }
                    >
                        {m.file_name.clone()}
                    </button>
                    <span class="muted">" " {size(m.size)}</span>
                </td>
            </tr>
        }
    };
    view! {
        <section class="page">
            <header class="page-header">
                <div>
                    <h1>"Outbox"</h1>
                    <p class="muted">
                        "Email sent to this account's admins. Nothing is delivered outside Switchboard: open each message and its attachment here."
                    </p>
                </div>
                <div class="header-actions">
                    <button class="btn" on:click=move |_| messages.refetch()>
                        "Refresh"
                    </button>
                </div>
            </header>
            <Loaded resource=messages what="the outbox" loading="Loading the outbox…" let:list>
                {if list.is_empty() {
                    view! {
                        <div class="empty-state">
                            <h2>"Nothing sent yet"</h2>
                            <p>
                                "Lists you send from Licenses & Inventory and the reports of bulk jobs land here."
                            </p>
                            <A href=AppRoute::Licenses.href() attr:class="btn btn-primary">
                                "Go to Licenses & Inventory"
                            </A>
                        </div>
                    }
                        .into_any()
                } else {
                    view! {
                        <table class="review-table outbox-table">
                            <caption class="visually-hidden">"Sent messages, newest first"</caption>
                            <thead>
                                <tr>
                                    <th scope="col">"Sent"</th>
                                    <th scope="col">"To"</th>
                                    <th scope="col">"Message"</th>
                                    <th scope="col">"Attachment"</th>
                                </tr>
                            </thead>
                            <tbody>{list.into_iter().map(row).collect_view()}</tbody>
                        </table>
                    }
                        .into_any()
                }}
            </Loaded>
        </section>
    }
}
