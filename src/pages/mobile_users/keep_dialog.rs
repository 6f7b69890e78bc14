//! "Keep as a Mobile user": nothing changes; the dialog says what that means for this user.

use domain::mobile::{MobileUser, CHARGE_CALLS};
use leptos::prelude::*;

use crate::components::dialog::{Dialog, DialogActions};
use crate::components::toasts::{use_toasts, ToastKind};

#[component]
pub fn KeepDialog(user: MobileUser, #[prop(into)] on_close: Callback<()>) -> impl IntoView {
    let toasts = use_toasts();
    let this_cycle = if user.charged {
        format!(
            "{} has made or received {} calls this cycle, so this cycle is charged at the DigitalLine price. A DigitalLine would give them full calling for about the same cost.",
            user.name, user.calls
        )
    } else {
        format!(
            "{} has made or received {} calls this cycle: no charge unless they reach {CHARGE_CALLS}.",
            user.name, user.calls
        )
    };
    let name = user.name.clone();
    let keep = move |_| {
        toasts.show(
            ToastKind::Info,
            format!("{name} stays a Mobile user. Nothing was changed."),
        );
        on_close.run(());
    };
    view! {
        <Dialog title=format!("Keep {} as a Mobile user?", user.name) on_close=on_close>
            <p>{format!("{} · ext. {}", user.user.email, user.user.extension)}</p>
            <p>
                "Nothing changes: they keep their extension and every feature they use today. You don't need to do anything to keep a Mobile user."
            </p>
            <p>{this_cycle}</p>
            <DialogActions
                on_cancel=on_close
                confirm="Keep as Mobile user".to_owned()
                on_confirm=keep
            />
        </Dialog>
    }
}
