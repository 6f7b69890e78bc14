//! Open: a linked account's console in a new tab, signed in through a one-time launch token
//! (never a password in the address). The tab is opened on the click, so pop-up blockers let it
//! through, and pointed at the account once the token is there.

use domain::accounts::launch::launch_path;
use leptos::prelude::*;
use wasm_bindgen::JsValue;

use crate::api::use_api;
use crate::components::toasts::{use_toasts, ToastKind};
use crate::url::BasePath;

#[component]
pub fn OpenButton(id: String, name: String) -> impl IntoView {
    let api = use_api();
    let toasts = use_toasts();
    let base = expect_context::<BasePath>().0;
    let opening = RwSignal::new(false);
    let label = format!("Open {name} in a new tab");
    let open = move |_| {
        let Some(tab) = web_sys::window()
            .and_then(|w| w.open_with_url_and_target("", "_blank").ok())
            .flatten()
        else {
            toasts.show(
                ToastKind::Error,
                "Your browser blocked the new tab. Allow pop-ups for this site, then choose Open again.",
            );
            return;
        };
        // The new tab can't reach back into this one.
        let _ = tab.set_opener(&JsValue::NULL);
        opening.set(true);
        let (api, id, name, base) = (api.clone(), id.clone(), name.clone(), base.clone());
        wasm_bindgen_futures::spawn_local(async move {
            match api.launch_account(&id).await {
                Ok(grant) => {
                    let address = format!("{base}{}", launch_path(&grant.token));
                    match tab.location().set_href(&address) {
                        Ok(()) => toasts.show(
                            ToastKind::Success,
                            format!("{} opened in a new tab.", grant.account_name),
                        ),
                        Err(_) => toasts.show(
                            ToastKind::Error,
                            format!(
                                "Couldn't open {name}: the new tab was closed. Choose Open again."
                            ),
                        ),
                    }
                }
                Err(error) => {
                    let _ = tab.close();
                    toasts.show(
                        ToastKind::Error,
                        format!("Couldn't open {name}: {}", error.message),
                    );
                }
            }
            opening.set(false);
        });
    };
    view! {
        <button class="btn btn-small" aria-label=label on:click=open disabled=move || opening.get()>
            {move || if opening.get() { "Opening…" } else { "Open ↗" }}
        </button>
    }
}
