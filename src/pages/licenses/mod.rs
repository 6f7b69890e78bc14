//! Licenses & Inventory: totals per license and hardware type (with the "Show only user level
//! licenses" toggle in the URL), and each type's detail view.

mod assign;
mod bulk;
pub mod change;
mod detail;
mod download;
mod filters;
mod select_users;

use domain::licenses::InventoryLine;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_query_map};
use leptos_router::NavigateOptions;

use crate::api::use_api;
use crate::components::loaded::Loaded;
use crate::routes::AppRoute;
pub use detail::LicenseDetailPage;
use download::DownloadListDialog;

/// `/licenses`: one line per type the account has.
#[component]
pub fn LicensesPage() -> impl IntoView {
    let api = use_api();
    let params = use_query_map();
    let user_level = Memo::new(move |_| params.with(|p| p.get_str("userLevel") == Some("1")));
    let navigate = use_navigate();
    let toggle = move |ev| {
        let on = event_target_checked(&ev);
        navigate(
            &AppRoute::Licenses.with_query(&if on {
                vec![("userLevel", "1".to_owned())]
            } else {
                Vec::new()
            }),
            NavigateOptions {
                replace: true,
                ..Default::default()
            },
        );
    };
    let downloading = RwSignal::new(false);
    let summary = LocalResource::new(move || {
        let api = api.clone();
        async move { api.inventory().await }
    });
    view! {
        <section class="page">
            <header class="page-header">
                <div>
                    <h1>"Licenses & Inventory"</h1>
                    <p class="muted">
                        "Every license and device type the account has: in use and still available."
                    </p>
                </div>
                <div class="header-actions">
                    <button class="btn" on:click=move |_| downloading.set(true)>
                        "Download list"
                    </button>
                </div>
            </header>
            {move || {
                downloading
                    .get()
                    .then(|| {
                        view! {
                            <DownloadListDialog
                                user_level=user_level.get_untracked()
                                on_close=move |_| downloading.set(false)
                            />
                        }
                    })
            }}
            <label class="toggle">
                <input
                    type="checkbox"
                    role="switch"
                    prop:checked=move || user_level.get()
                    on:change=toggle
                />
                "Show only user level licenses"
            </label>
            <Loaded resource=summary what="the inventory" loading="Loading inventory…" let:lines>
                {move || {
                    let shown: Vec<InventoryLine> = lines
                        .iter()
                        .filter(|l| !user_level.get() || l.user_level)
                        .cloned()
                        .collect();
                    view! { <SummaryTable lines=shown /> }
                }}
            </Loaded>
        </section>
    }
}

#[component]
fn SummaryTable(lines: Vec<InventoryLine>) -> impl IntoView {
    view! {
        <table class="summary-table">
            <caption class="visually-hidden">"Licenses and inventory"</caption>
            <thead>
                <tr>
                    <th scope="col">"Type"</th>
                    <th scope="col">"Total"</th>
                    <th scope="col">"In use"</th>
                    <th scope="col">"Available"</th>
                </tr>
            </thead>
            <tbody>
                {lines
                    .into_iter()
                    .map(|l| {
                        let route = AppRoute::LicenseDetail(l.kind);
                        let state = |s: &str| route.href_with(&[("state", s.to_owned())]);
                        let in_use_label = format!("{} {} in use", l.in_use, l.label);
                        let available_label = format!("{} {} available", l.available, l.label);
                        view! {
                            <tr>
                                <th scope="row">
                                    <A href=route.href()>{l.label.clone()}</A>
                                </th>
                                <td>{l.total}</td>
                                <td>
                                    <A href=state("in-use") attr:aria-label=in_use_label>
                                        {l.in_use}
                                    </A>
                                </td>
                                <td>
                                    <A href=state("available") attr:aria-label=available_label>
                                        {l.available}
                                    </A>
                                </td>
                            </tr>
                        }
                    })
                    .collect_view()}
            </tbody>
        </table>
    }
}
