//! The Users table's columns.

use domain::users_query::{SortKey, UserRow};
use domain::{UserStatus, UserType};
use leptos::prelude::*;
use leptos_router::components::A;

use crate::components::data_table::Column;
use crate::routes::AppRoute;

/// Opens the row's More menu at the clicked button.
pub type OpenMenu = Callback<(UserRow, web_sys::DomRect)>;

/// The columns; site and cost center only on multi-site accounts.
/// `open_licenses` shows a user's license details (the Licenses cell is a button).
pub fn user_columns(
    multi_site: bool,
    open_menu: OpenMenu,
    open_licenses: Callback<UserRow>,
) -> Vec<Column<UserRow>> {
    let mut cols = vec![
        Column::new("Name", "minmax(160px, 2fr)", |r: &UserRow| {
            let (href, name) = (AppRoute::User(r.id).href(), r.name.clone());
            view! {
                <A href=href attr:class="cell-strong cell-link">
                    {name}
                </A>
            }
            .into_any()
        })
        .sortable(SortKey::Name.slug()),
        Column::new("Ext.", "80px", |r: &UserRow| r.extension.clone().into_any())
            .sortable(SortKey::Extension.slug()),
        Column::new("Email", "minmax(200px, 2fr)", |r: &UserRow| {
            view! { <span class="cell-clip" title=r.email.clone()>{r.email.clone()}</span> }
                .into_any()
        })
        .sortable(SortKey::Email.slug()),
        Column::new("User type", "120px", |r: &UserRow| {
            type_badge(r.user_type).into_any()
        })
        .sortable(SortKey::Type.slug()),
    ];
    if multi_site {
        cols.push(
            Column::new("Site", "minmax(130px, 1fr)", |r: &UserRow| {
                r.site_name.clone().into_any()
            })
            .sortable(SortKey::Site.slug()),
        );
        cols.push(
            Column::new("Cost center", "minmax(120px, 1fr)", |r: &UserRow| {
                r.cost_center_name.clone().into_any()
            })
            .sortable(SortKey::CostCenter.slug()),
        );
    }
    cols.push(
        Column::new("Licenses", "minmax(130px, 1.4fr)", move |r: &UserRow| {
            let row = r.clone();
            let text = if r.licenses.is_empty() {
                "No license".to_owned()
            } else {
                r.licenses.join(", ")
            };
            view! {
                <button
                    class="link-button cell-clip"
                    title=text.clone()
                    aria-label=format!("Licenses of {}: {text}", r.name)
                    on:click=move |_| open_licenses.run(row.clone())
                >
                    {text.clone()}
                </button>
            }
            .into_any()
        })
        .sortable(SortKey::Licenses.slug()),
    );
    cols.push(
        Column::new("Status", "150px", |r: &UserRow| {
            status_badge(r.status).into_any()
        })
        .sortable(SortKey::Status.slug()),
    );
    cols.push(Column::new("Actions", "64px", move |r: &UserRow| {
        let row = r.clone();
        view! {
            <button
                class="btn-icon more"
                id=format!("more-{}", r.id)
                aria-haspopup="menu"
                aria-label=format!("More actions for {}", r.name)
                on:click=move |ev| {
                    use wasm_bindgen::JsCast;
                    if let Some(el) = ev
                        .current_target()
                        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                    {
                        open_menu.run((row.clone(), el.get_bounding_client_rect()));
                    }
                }
            >
                "⋯"
            </button>
        }
        .into_any()
    }));
    cols
}

fn type_badge(t: UserType) -> impl IntoView {
    view! { <span class=format!("badge badge-{}", t.slug())>{t.label()}</span> }
}

/// Status as icon and text, never colour alone.
pub fn status_badge(s: UserStatus) -> impl IntoView {
    let icon = match s {
        UserStatus::Enabled => "●",
        UserStatus::NotActivated => "◐",
        UserStatus::Disabled => "○",
    };
    view! {
        <span class=format!("status status-{}", s.slug())>
            <span aria-hidden="true">{icon}</span>
            " "
            {s.label()}
        </span>
    }
}
