//! `/mobile-users`: every Mobile user with this billing cycle's calls and whether the 10-call
//! charge applies, and the three ways to manage them: replace with a DigitalLine (recommended),
//! keep, or delete (one or several, after the warning).

mod delete_dialog;
pub mod digital_line;
mod keep_dialog;

use std::collections::HashSet;

use domain::mobile::{MobileUser, MobileUsers, CHARGE_CALLS};
use domain::Permission;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_query_map};
use leptos_router::NavigateOptions;

use crate::api::use_api;
use crate::components::data_table::{Column, DataTable, Selection};
use crate::components::loaded::{NotYet, RefreshFailed, Tracked};
use crate::format::local_day;
use crate::format::money;
use crate::routes::AppRoute;
use crate::session::permission_gate;
use delete_dialog::DeleteDialog;
use keep_dialog::KeepDialog;

#[component]
pub fn MobileUsersPage() -> impl IntoView {
    let api = use_api();
    let list = Tracked::new(
        || (),
        move |()| {
            let api = api.clone();
            async move { api.mobile_users().await }
        },
    );
    let reload = Callback::new(move |_| list.reload());
    // The last list loaded stays on screen (with any dialog open over it) while a newer one
    // loads; a failed reload says so above it.
    let Tracked {
        last: loaded,
        error,
        ..
    } = list;
    let ready = Memo::new(move |_| loaded.with(Option::is_some));
    let reload_failed = move || error.get().filter(|_| ready.get_untracked());
    view! {
        <section class="page">
            <header class="page-header">
                <div>
                    <h1>"Mobile users"</h1>
                    <p class="muted">
                        {format!(
                            "Mobile users have an extension but no DigitalLine. They cost nothing in a billing cycle with fewer than {CHARGE_CALLS} calls, and the DigitalLine price in a cycle with {CHARGE_CALLS} or more calls made or received.",
                        )}
                    </p>
                </div>
                <div class="header-actions">
                    <button class="btn" on:click=move |_| reload.run(())>
                        "Refresh"
                    </button>
                </div>
            </header>
            <Options />
            {move || {
                reload_failed()
                    .map(|e| view! { <RefreshFailed what="the list" error=e on_retry=reload /> })
            }}
            {move || match (ready.get(), error.get()) {
                (true, _) => {
                    view! {
                        <MobileTable
                            users=Signal::derive(move || loaded.get().unwrap_or_default())
                            on_changed=reload
                        />
                    }
                        .into_any()
                }
                (false, error) => {
                    view! {
                        <NotYet
                            error=error
                            what="the Mobile users"
                            loading="Loading the Mobile users…"
                            on_retry=reload
                        />
                    }
                        .into_any()
                }
            }}
        </section>
    }
}

/// The three ways to manage a Mobile user, with what each means.
#[component]
fn Options() -> impl IntoView {
    view! {
        <ul class="mobile-options" aria-label="Ways to manage Mobile users">
            <li class="mobile-option recommended">
                <h2>
                    "Replace with a DigitalLine "
                    <span class="chip chip-recommended">"Recommended"</span>
                </h2>
                <ul>
                    <li>
                        "Full use of the desktop and mobile app for calls in and out, and a desk phone if needed."
                    </li>
                    <li>
                        {format!(
                            "A Mobile user with {CHARGE_CALLS}+ calls in a cycle already pays the DigitalLine price: converting adds these features at a similar cost.",
                        )}
                    </li>
                </ul>
            </li>
            <li class="mobile-option">
                <h2>"Keep as a Mobile user"</h2>
                <ul>
                    <li>
                        "No change: the user keeps their extension and every feature they use today."
                    </li>
                    <li>
                        {format!(
                            "Charged only in cycles with {CHARGE_CALLS} or more calls, so quiet months cost nothing.",
                        )}
                    </li>
                </ul>
            </li>
            <li class="mobile-option">
                <h2>"Delete the user"</h2>
                <ul>
                    <li>
                        "They can no longer use the phone system; their settings are lost and their charges stop."
                    </li>
                    <li>
                        {format!(
                            "Deleted mid-cycle after {CHARGE_CALLS}+ calls, they are still charged for this cycle.",
                        )}
                    </li>
                </ul>
            </li>
        </ul>
    }
}

/// The list, its filter and selection, and the dialogs it opens.
#[component]
fn MobileTable(
    users: Signal<MobileUsers>,
    #[prop(into)] on_changed: Callback<()>,
) -> impl IntoView {
    let can_manage = permission_gate(Permission::ManageUsers);
    let params = use_query_map();
    let only_charged =
        Memo::new(move |_| params.with(|p| p.get("charged").as_deref() == Some("1")));
    let navigate = use_navigate();
    let set_only_charged = move |on: bool| {
        let pairs = if on {
            vec![("charged", "1".to_owned())]
        } else {
            Vec::new()
        };
        navigate(
            &AppRoute::MobileUsers.with_query(&pairs),
            NavigateOptions::default(),
        );
    };
    let total = Memo::new(move |_| users.with(|u| u.users.len()));
    let charged = Memo::new(move |_| users.with(|u| u.users.iter().filter(|u| u.charged).count()));
    let summary = move || {
        users.with(|u| {
            format!(
                " · {} charged this cycle ({CHARGE_CALLS}+ calls, {} each) · Billing cycle {} – {}",
                charged.get(),
                money(u.monthly_cents),
                local_day(u.cycle_start),
                local_day(u.cycle_end.saturating_sub(1))
            )
        })
    };
    let rows = Signal::derive(move || {
        let only = only_charged.get();
        users.with(|u| {
            u.users
                .iter()
                .filter(|u| !only || u.charged)
                .cloned()
                .collect::<Vec<_>>()
        })
    });
    let selected = RwSignal::new(HashSet::<u32>::new());
    let keeping = RwSignal::new(None::<MobileUser>);
    let deleting = RwSignal::new(None::<Vec<MobileUser>>);
    let delete_selected = move |_| {
        let picked = selected.with_untracked(|s| {
            users.with_untracked(|u| {
                u.users
                    .iter()
                    .filter(|u| s.contains(&u.user.id))
                    .cloned()
                    .collect::<Vec<_>>()
            })
        });
        deleting.set(Some(picked));
    };
    let columns = columns(can_manage, keeping, deleting);
    let on_deleted = Callback::new(move |_| {
        deleting.set(None);
        selected.set(HashSet::new());
        on_changed.run(());
    });
    view! {
        <div class="toolbar">
            <p class="mobile-summary">
                <strong>
                    {move || {
                        let n = total.get();
                        format!("{n} Mobile user{}", if n == 1 { "" } else { "s" })
                    }}
                </strong>
                {summary}
            </p>
            <label class="checkbox">
                <input
                    type="checkbox"
                    prop:checked=move || only_charged.get()
                    on:change=move |ev| set_only_charged(event_target_checked(&ev))
                />
                {move || format!("Only users charged this cycle ({})", charged.get())}
            </label>
        </div>
        {move || {
            let n = selected.with(HashSet::len);
            (n > 0)
                .then(|| {
                    view! {
                        <div class="selection-bar" role="region" aria-label="Selection">
                            <span>{format!("{n} selected")}</span>
                            {move || match can_manage.get() {
                                Ok(()) => {
                                    view! {
                                        <button class="btn btn-danger" on:click=delete_selected>
                                            {format!("Delete selected ({n})")}
                                        </button>
                                    }
                                        .into_any()
                                }
                                Err(reason) => {
                                    view! { <span class="muted">{reason}</span> }.into_any()
                                }
                            }}
                            <button
                                class="btn btn-quiet"
                                on:click=move |_| selected.set(HashSet::new())
                            >
                                "Clear selection"
                            </button>
                        </div>
                    }
                })
        }}
        {move || {
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
                        scroll_key=Signal::derive(move || only_charged.get().to_string())
                        selection=Some(Selection {
                            selected,
                            id: |u: &MobileUser| u.user.id,
                            label: |u: &MobileUser| format!("Select {}", u.name),
                        })
                    />
                }
                    .into_any()
            }
        }}
        {move || {
            keeping
                .get()
                .map(|user| view! { <KeepDialog user=user on_close=move |_| keeping.set(None) /> })
        }}
        {move || {
            deleting
                .get()
                .map(|users| {
                    view! {
                        <DeleteDialog
                            users=users
                            on_close=move |_| deleting.set(None)
                            on_done=on_deleted
                        />
                    }
                })
        }}
    }
}

/// Name and email, extension, site, this cycle's calls and charge, and the row's actions.
fn columns(
    can_manage: Signal<Result<(), String>>,
    keeping: RwSignal<Option<MobileUser>>,
    deleting: RwSignal<Option<Vec<MobileUser>>>,
) -> Vec<Column<MobileUser>> {
    vec![
        Column::new("Name", "minmax(200px, 2fr)", |u: &MobileUser| {
            view! {
                <span class="cell-clip" title=u.user.email.clone()>
                    <span class="cell-strong">{u.name.clone()}</span>
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
                view! { <span class="badge badge-error">"⚠ Charged: 10+ calls"</span> }.into_any()
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
