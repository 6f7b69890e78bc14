//! The Mobile users table and its columns, or what shows instead when it has no rows.

use std::collections::HashSet;

use domain::mobile::{charged_calls, MobileUser, CHARGE_CALLS};
use leptos::prelude::*;
use leptos_router::components::A;

use super::filter::MobileFilter;
use crate::components::data_table::{Column, DataTable, Selection};
use crate::routes::AppRoute;

/// The table of the users the filter keeps, with a checkbox per row; or, when it has no rows,
/// why (no Mobile users at all, or none charged this cycle).
#[component]
pub fn MobileRows(
    /// How many Mobile users there are, whatever the filter.
    total: Memo<usize>,
    /// The users the filter keeps.
    rows: Signal<Vec<MobileUser>>,
    columns: Vec<Column<MobileUser>>,
    /// What the list shows; the table scrolls to the top when it changes.
    filter: Memo<MobileFilter>,
    selected: RwSignal<HashSet<u32>>,
) -> impl IntoView {
    move || {
        if total.get() == 0 {
            view! {
                <div class="empty-state">
                    <h2>"No Mobile users"</h2>
                    <p>"Every user of this account has a DigitalLine or is a Video user."</p>
                    <A href=AppRoute::Users.href() attr:class="btn">
                        "Go to Users"
                    </A>
                </div>
            }
            .into_any()
        } else if rows.with(Vec::is_empty) && !filter.with(|f| f.q.trim().is_empty()) {
            let clear = filter.with(|f| {
                MobileFilter {
                    q: String::new(),
                    ..f.clone()
                }
                .href()
            });
            view! {
                <div class="empty-state">
                    <h2>
                        {move || {
                            filter.with(|f| format!("No Mobile user matches \"{}\"", f.q.trim()))
                        }}
                    </h2>
                    <p>"Search looks in names, emails and extensions."</p>
                    <A href=crate::url::href(&clear) attr:class="btn">
                        "Clear search"
                    </A>
                </div>
            }
            .into_any()
        } else if rows.with(Vec::is_empty) {
            view! {
                <div class="empty-state">
                    <h2>"No Mobile user is charged this cycle"</h2>
                    <p>{format!("None has made or received {CHARGE_CALLS} calls yet.")}</p>
                    <A href=AppRoute::MobileUsers.href() attr:class="btn">
                        "Show every Mobile user"
                    </A>
                </div>
            }
            .into_any()
        } else {
            view! {
                <DataTable
                    label="Mobile users"
                    rows=rows
                    columns=columns.clone()
                    scroll_key=Signal::derive(move || filter.with(|f| format!("{f:?}")))
                    selection=Some(Selection {
                        selected,
                        id: |u: &MobileUser| u.user.id,
                        label: |u: &MobileUser| format!("Select {}", u.name),
                    })
                />
            }
            .into_any()
        }
    }
}

/// Name and email, extension, site, this cycle's calls and charge, and the row's actions.
pub fn columns(
    can_manage: Signal<Result<(), String>>,
    keeping: RwSignal<Option<MobileUser>>,
    deleting: RwSignal<Option<Vec<MobileUser>>>,
) -> Vec<Column<MobileUser>> {
    vec![
        Column::new("Name", "minmax(200px, 2fr)", |u: &MobileUser| {
            let (href, name) = (AppRoute::User(u.user.id).href(), u.name.clone());
            view! {
                <span class="cell-clip" title=u.user.email.clone()>
                    <A href=href attr:class="cell-strong cell-link">
                        {name}
                    </A>
                    <span class="muted">{format!(" · {}", u.user.email)}</span>
                </span>
            }
            .into_any()
        }),
        Column::new("Ext.", "64px", |u: &MobileUser| {
            u.user.extension.clone().into_any()
        }),
        Column::new("Site", "minmax(110px, 1fr)", |u: &MobileUser| {
            u.site.clone().into_any()
        }),
        Column::new("Calls this cycle", "120px", |u: &MobileUser| {
            u.calls.to_string().into_any()
        }),
        Column::new("This cycle", "210px", |u: &MobileUser| {
            if u.charged {
                view! { <span class="badge badge-error">{format!("⚠ Charged: {}", charged_calls())}</span> }.into_any()
            } else {
                let left = CHARGE_CALLS - u.calls;
                view! { <span class="badge badge-ok" title=format!("{left} more calls this cycle and it is charged")>{format!("✓ Not charged · {left} to go")}</span> }.into_any()
            }
        }),
        Column::new("Actions", "380px", move |u: &MobileUser| {
            let user = u.clone();
            let name = u.name.clone();
            match can_manage.get_untracked() {
                Ok(()) => {
                    let (keep, delete) = (user.clone(), user.clone());
                    view! {
                        <span class="row-actions-inline">
                            <A href=AppRoute::DigitalLine(user.user.id).href()
                                attr:class="btn btn-small"
                                attr:aria-label=format!("Replace with DigitalLine: {name}")>"Replace with DigitalLine"</A>
                            <button class="btn btn-small" aria-label=format!("Keep {name} as a Mobile user")
                                on:click=move |_| keeping.set(Some(keep.clone()))>"Keep"</button>
                            <button class="btn btn-small btn-danger-quiet" aria-label=format!("Delete {name}")
                                on:click=move |_| deleting.set(Some(vec![delete.clone()]))>"Delete"</button>
                        </span>
                    }
                    .into_any()
                }
                Err(reason) => view! { <span class="muted cell-clip" title=reason.clone()>{reason.clone()}</span> }.into_any(),
            }
        }),
    ]
}
