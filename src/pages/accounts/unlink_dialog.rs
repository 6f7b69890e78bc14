//! Unlinking the selected accounts after confirmation, safe to retry.

use domain::accounts::{AccountRow, UnlinkRequest};
use domain::api::Endpoint;
use leptos::prelude::*;

use crate::components::dialog::{Dialog, DialogActions, Tone};
use crate::components::failure::confirm_text;
use crate::components::toasts::{use_toasts, ToastKind};
use crate::pages::licenses::change::{change_action, ChangeFailure};

#[component]
pub fn UnlinkDialog(
    accounts: Vec<AccountRow>,
    #[prop(into)] on_close: Callback<()>,
    /// After unlinking, or to reload a stale list.
    #[prop(into)]
    on_done: Callback<()>,
) -> impl IntoView {
    let toasts = use_toasts();
    let send = change_action(
        Endpoint::UnlinkAccounts,
        Callback::new(move |done: domain::licenses::Changed| {
            let n = done.changed;
            toasts.show(
                ToastKind::Success,
                format!("Unlinked {n} account{}.", if n == 1 { "" } else { "s" }),
            );
            on_done.run(());
        }),
    );
    let body = serde_json::to_value(UnlinkRequest {
        accounts: accounts.iter().map(|a| a.id.clone()).collect(),
    })
    .expect("plain data serialises");
    let count = accounts.len();
    let title = match accounts.as_slice() {
        [one] => format!("Unlink {}?", one.name),
        _ => format!("Unlink {count} accounts?"),
    };
    let idle = if count == 1 {
        "Unlink".to_owned()
    } else {
        format!("Unlink {count} accounts")
    };
    view! {
        <Dialog title=title on_close=on_close>
            <ul class="delete-list">
                {accounts
                    .iter()
                    .map(|a| view! { <li>{format!("{} · {}", a.name, a.id)}</li> })
                    .collect_view()}
            </ul>
            <p>
                "They leave this list and you can no longer open them from here. Nothing changes in the accounts themselves; link them again at any time with their admin's credentials."
            </p>
            <ChangeFailure
                action=send
                on_reload=on_done
                retry_note="Trying again is safe: accounts are unlinked once."
            />
            <DialogActions
                on_cancel=on_close
                tone=Tone::Danger
                disabled=move || send.pending().get()
                on_confirm=move |_| {
                    send.dispatch(body.clone());
                }
                confirm=move || {
                    let error = send.value().get().and_then(Result::err);
                    confirm_text(send.pending().get(), error.as_ref(), "Unlinking…", &idle)
                }
            />
        </Dialog>
    }
}
