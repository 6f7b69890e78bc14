//! The user's phones and numbers, each with Unassign (back to inventory), and where to give
//! them more: the Phones step for Office and Video Pro+ users, a DigitalLine for a Mobile user.

use domain::add_users::has_phone;
use domain::inventory::NumberKind;
use domain::user_page::UserDetail;
use domain::{Permission, UserType};
use leptos::prelude::*;
use leptos_router::components::A;

use super::release::{Held, UnassignButton};
use crate::routes::AppRoute;
use crate::session::permission_gate;

#[component]
pub fn PhonesSection(
    user: UserDetail,
    /// After a phone or number was taken back, to load the user again.
    on_changed: Callback<()>,
) -> impl IntoView {
    let may_not = Signal::derive({
        let may = permission_gate(Permission::ManageUsers);
        move || may.get().is_err()
    });
    let (id, version, name) = (user.row.id, user.row.version, user.row.name.clone());
    let unassign = move |held: Held| {
        view! {
            <UnassignButton
                held=held
                id=id
                version=version
                user=name.clone()
                disabled=may_not
                on_changed=on_changed
            />
        }
    };
    let phones = if user.phones.is_empty() {
        view! { <li class="muted">"No desk phone: calls with the desktop and mobile apps."</li> }
            .into_any()
    } else {
        user.phones
            .iter()
            .map(|p| {
                let detail = if p.on_order {
                    "ordered, on its way".to_owned()
                } else {
                    format!("MAC {}", p.mac)
                };
                let held = Held::Phone {
                    id: p.id.clone(),
                    model: p.model.clone(),
                };
                let button = (!p.on_order).then(|| unassign.clone()(held));
                view! { <li>{format!("{} · {detail} ", p.model)} {button}</li> }
            })
            .collect_view()
            .into_any()
    };
    let numbers = if user.numbers.is_empty() {
        view! { <li class="muted">"No direct number: reached at ext. " {user.row.extension.clone()}</li> }
            .into_any()
    } else {
        user.numbers
            .iter()
            .map(|n| {
                let kind = match n.kind {
                    NumberKind::Local => "local",
                    NumberKind::TollFree => "toll-free",
                };
                let button = unassign.clone()(Held::Number(n.e164.clone()));
                view! { <li>{format!("{} · {kind} ", n.e164)} {button}</li> }
            })
            .collect_view()
            .into_any()
    };
    view! {
        <section id="phones" class="user-section" aria-labelledby="phones-heading">
            <h2 id="phones-heading">"Phones & Numbers"</h2>
            <h3 class="list-heading">"Phones"</h3>
            <ul>{phones}</ul>
            <h3 class="list-heading">"Numbers"</h3>
            <ul>{numbers}</ul>
            <AddPhone user_type=user.row.user_type id=user.row.id />
        </section>
    }
}

/// "+ Add phone or number" for the types with a phone, "Replace with a DigitalLine" for a
/// Mobile user; disabled with the reason for roles that may not manage users.
#[component]
fn AddPhone(user_type: UserType, id: u32) -> impl IntoView {
    let may = permission_gate(Permission::ManageUsers);
    let (label, route) = match user_type {
        UserType::Mobile => ("Replace with a DigitalLine", AppRoute::DigitalLine(id)),
        t if has_phone(t) => ("+ Add phone or number", AppRoute::EquipUser(id)),
        _ => {
            return view! {
                <p class="muted">
                    "Video Pro users have no desk phone or direct number: give them an Office or Video Pro+ license first."
                </p>
            }
                .into_any();
        }
    };
    view! {
        <div class="header-actions">
            {move || match may.get() {
                Ok(()) => {
                    view! {
                        <A href=route.href() attr:class="btn btn-primary">
                            {label}
                        </A>
                    }
                        .into_any()
                }
                Err(reason) => {
                    view! {
                        <button class="btn" disabled aria-describedby="phones-refused">
                            {label}
                        </button>
                        <p id="phones-refused" class="muted">
                            {reason}
                        </p>
                    }
                        .into_any()
                }
            }}
        </div>
    }
    .into_any()
}
