//! Bulk upgrade of Video Pro users to Office licenses from the Users page: review the selected
//! Video users (others are left out, and said so), see how many Office licenses inventory
//! holds, confirm. All or nothing; safe to retry.

use domain::api::Endpoint;
use domain::licenses::{SeenUser, UpgradeToOffice};
use domain::users_query::UserRow;
use domain::UserType;
use leptos::prelude::*;

use crate::components::dialog::{Dialog, DialogActions};
use crate::components::toasts::{use_toasts, ToastKind};
use crate::pages::licenses::change::{change_action, confirm_label, ChangeFailure};

#[component]
pub fn UpgradeDialog(
    /// The selected rows (any type).
    rows: Vec<UserRow>,
    #[prop(into)] on_close: Callback<()>,
    /// Called after the upgrade (to reload the list).
    #[prop(into)]
    on_done: Callback<()>,
) -> impl IntoView {
    let toasts = use_toasts();
    let (videos, others): (Vec<UserRow>, Vec<UserRow>) = rows
        .into_iter()
        .partition(|r| r.user_type == UserType::VideoPro);
    let body = serde_json::to_value(UpgradeToOffice {
        users: videos
            .iter()
            .map(|r| SeenUser {
                id: r.id,
                version: r.version,
            })
            .collect(),
    })
    .expect("plain data");
    let send = change_action(
        Endpoint::UpgradeToOffice,
        Callback::new(move |changed: domain::licenses::Changed| {
            toasts.show(
                ToastKind::Success,
                format!("{} users upgraded to Office.", changed.changed),
            );
            on_done.run(());
        }),
    );
    let n = videos.len();
    view! {
        <Dialog
            title=format!("Upgrade {n} Video user{} to Office", if n == 1 { "" } else { "s" })
            on_close=on_close
        >
            <p>
                "Each user gets an Office license from inventory (their cost center's first) and becomes an Office user with a phone number and extension calling."
            </p>
            {(!others.is_empty())
                .then(|| {
                    view! {
                        <p class="notice">
                            {format!(
                                "{} selected user{} not Video Pro and {} left out.",
                                others.len(),
                                if others.len() == 1 { " is" } else { "s are" },
                                if others.len() == 1 { "is" } else { "are" },
                            )}
                        </p>
                    }
                })}
            <ul class="pick-list" aria-label="Users to upgrade">
                {videos
                    .iter()
                    .map(|r| {
                        view! {
                            <li>
                                {format!(
                                    "{} · ext. {} · {}",
                                    r.name,
                                    r.extension,
                                    r.cost_center_name,
                                )}
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
            <ChangeFailure action=send on_reload=on_done />
            <DialogActions
                on_cancel=on_close
                confirm=confirm_label(send, "Upgrade")
                disabled=move || n == 0 || send.pending().get()
                on_confirm=move |_| {
                    send.dispatch(body.clone());
                }
            />
        </Dialog>
    }
}
