//! `/outbox`: the email sent to the account's admins (lists sent from Licenses & Inventory,
//! bulk job reports). Nothing leaves the system; each message and its attachment open here.

use domain::outbox::OutboxEntry;
use leptos::prelude::*;

use crate::api::use_api;
use crate::components::list_page::{ListPage, ListWords};
use crate::components::toasts::{use_toasts, ToastKind};
use crate::format::{local_time, size};

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
                    {if m.file_name.is_empty() {
                        view! { <span class="muted">"No attachment"</span> }.into_any()
                    } else {
                        view! {
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
                        }
                            .into_any()
                    }}
                </td>
            </tr>
        }
    };
    view! {
        <ListPage
            words=ListWords {
                title: "Outbox",
                intro: "Email sent to this account's admins. Nothing is delivered outside Switchboard: open each message and its attachment here.",
                what: "the outbox",
                loading: "Loading the outbox…",
                empty_title: "Nothing sent yet",
                empty_text: "Lists you send from Licenses & Inventory and the reports of bulk jobs land here.",
                caption: "Sent messages, newest first",
                table_class: "review-table outbox-table",
                columns: &["Sent", "To", "Message", "Attachment"],
            }
            resource=messages
            row=row
        />
    }
}
