//! Unlinking the selected accounts after confirmation, safe to retry.

use domain::accounts::{AccountRow, UnlinkRequest};
use leptos::prelude::*;

use crate::api::{new_idempotency_key, use_api};
use crate::components::dialog::Dialog;
use crate::components::failure::{confirm_text, FailureNotice};
use crate::components::toasts::{use_toasts, ToastKind};

#[component]
pub fn UnlinkDialog(
    accounts: Vec<AccountRow>,
    #[prop(into)] on_close: Callback<()>,
    /// After unlinking, or to reload a stale list.
    #[prop(into)]
    on_done: Callback<()>,
) -> impl IntoView {
    let api = use_api();
    let toasts = use_toasts();
    let key = new_idempotency_key();
    let request = UnlinkRequest {
        accounts: accounts.iter().map(|a| a.id.clone()).collect(),
    };
    let action = Action::new_local(move |_: &()| {
        let (api, key, request) = (api.clone(), key.clone(), request.clone());
        async move { api.unlink_accounts(&request, &key).await }
    });
    Effect::new(move |_| {
        if let Some(Ok(done)) = action.value().get() {
            let n = done.changed;
            toasts.show(
                ToastKind::Success,
                format!("Unlinked {n} account{}.", if n == 1 { "" } else { "s" }),
            );
            on_done.run(());
        }
    });
    let error = move || action.value().get().and_then(Result::err);
    let count = accounts.len();
    let title = match accounts.as_slice() {
        [one] => format!("Unlink {}?", one.name),
        _ => format!("Unlink {count} accounts?"),
    };
    view! {
        <Dialog title=title on_close=on_close>
            <ul class="delete-list">
                {accounts.iter().map(|a| view! { <li>{format!("{} · {}", a.name, a.id)}</li> }).collect_view()}
            </ul>
            <p>"They leave this list and you can no longer open them from here. Nothing changes in the accounts themselves; link them again at any time with their admin's credentials."</p>
            <FailureNotice error=Signal::derive(error) on_reload=on_done
                retry_note="Trying again is safe: accounts are unlinked once." />
            <div class="dialog-actions">
                <button class="btn" on:click=move |_| on_close.run(())>"Cancel"</button>
                <button class="btn btn-danger" disabled=move || action.pending().get() on:click=move |_| { action.dispatch(()); }>
                    {move || {
                        let idle = if count == 1 { "Unlink".to_owned() } else { format!("Unlink {count} accounts") };
                        confirm_text(action.pending().get(), error().as_ref(), "Unlinking…", &idle)
                    }}
                </button>
            </div>
        </Dialog>
    }
}
