//! The page's dialogs: linking an account and unlinking the chosen ones.

use domain::accounts::AccountRow;
use leptos::prelude::*;

use super::link_dialog::LinkDialog;
use super::unlink_dialog::UnlinkDialog;

/// The link dialog while `linking` is set, the unlink dialog while `unlinking` holds accounts.
#[component]
pub fn AccountDialogs(
    linking: RwSignal<bool>,
    unlinking: RwSignal<Option<Vec<AccountRow>>>,
    /// After linking or unlinking (or to reload a stale list), once the dialog is closed.
    #[prop(into)]
    on_done: Callback<()>,
) -> impl IntoView {
    view! {
        {move || {
            linking
                .get()
                .then(|| {
                    view! {
                        <LinkDialog
                            on_close=move |_| linking.set(false)
                            on_done=Callback::new(move |_| {
                                linking.set(false);
                                on_done.run(());
                            })
                        />
                    }
                })
        }}
        {move || {
            unlinking
                .get()
                .map(|accounts| {
                    view! {
                        <UnlinkDialog
                            accounts=accounts
                            on_close=move |_| unlinking.set(None)
                            on_done=Callback::new(move |_| {
                                unlinking.set(None);
                                on_done.run(());
                            })
                        />
                    }
                })
        }}
    }
}
