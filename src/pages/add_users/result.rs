//! After submit: who was created, with extension, number and invite state.

use domain::add_users::{AddUsersResult, InviteState};
use leptos::prelude::*;
use leptos_router::components::A;

use crate::components::table_scroller::TableScroller;
use crate::format::{self, money};
use crate::routes::AppRoute;

#[component]
pub fn ResultView(result: AddUsersResult, #[prop(into)] on_again: Callback<()>) -> impl IntoView {
    let count = result.created.len();
    let rows = result
        .created
        .iter()
        .map(|c| {
            let invite = match &c.invite {
                InviteState::Sent => "Invite sent".to_owned(),
                InviteState::Scheduled { send_at_unix } => {
                    format!("Invite scheduled for {}", format::local_time(*send_at_unix))
                }
                InviteState::Activated => "Activated with credentials".to_owned(),
                InviteState::ActivateLater => "Not activated yet".to_owned(),
            };
            view! {
                <tr>
                    <td>{c.name.clone()}</td>
                    <td>{c.email.clone()}</td>
                    <td>{c.extension.clone()}</td>
                    <td>{c.number.clone().unwrap_or_else(|| "—".into())}</td>
                    <td>{invite}</td>
                </tr>
            }
        })
        .collect_view();
    let charges = &result.charges;
    view! {
        <div class="notice notice-success" role="status">
            <strong>{format!("Added {count} user{}.", if count == 1 { "" } else { "s" })}</strong>
            {charges
                .is_purchase()
                .then(|| {
                    format!(
                        " Charged {} now and {} a month.",
                        money(charges.one_time_total_cents),
                        money(charges.monthly_total_cents),
                    )
                })}
        </div>
        <TableScroller label="Users added">
            <table class="review-table">
                <caption class="visually-hidden">"Users added"</caption>
                <thead>
                    <tr>
                        <th scope="col">"Name"</th>
                        <th scope="col">"Email"</th>
                        <th scope="col">"Ext."</th>
                        <th scope="col">"Number"</th>
                        <th scope="col">"Invite"</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </TableScroller>
        <div class="wizard-nav">
            <button class="btn" on:click=move |_| on_again.run(())>
                "Add more users"
            </button>
            <A href=AppRoute::Users.href() attr:class="btn btn-primary">
                "Go to Users"
            </A>
        </div>
    }
}
