//! `/mobile-users`: every Mobile user with this billing cycle's calls and whether the 10-call
//! charge applies, and the three ways to manage them: replace with a DigitalLine (recommended),
//! keep, or delete (one or several, after the warning).

mod delete_dialog;
pub mod digital_line;
mod filter;
mod keep_dialog;
mod selection_bar;
mod table;
mod toolbar;

use std::collections::HashSet;

use domain::mobile::{charged_calls, MobileUser, MobileUsers, CHARGE_CALLS};
use domain::Permission;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::api::use_api;
use crate::components::loaded::{NotYet, RefreshFailed, Tracked};
use crate::session::permission_gate;
use delete_dialog::DeleteDialog;
use filter::MobileFilter;
use keep_dialog::KeepDialog;
use selection_bar::SelectionBar;
use table::{columns, MobileRows};
use toolbar::MobileToolbar;

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
                            "Mobile users have an extension but no DigitalLine. They cost nothing in a billing cycle with fewer than {CHARGE_CALLS} calls, and the DigitalLine price in a cycle with {rule} made or received.",
                            rule = charged_calls(),
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
                            "A Mobile user with {} in a cycle already pays the DigitalLine price: converting adds these features at a similar cost.",
                            charged_calls(),
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
                            "Charged only in cycles with {rule}, so quiet months cost nothing.",
                            rule = charged_calls(),
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
                            "Deleted mid-cycle after {}, they are still charged for this cycle.",
                            charged_calls(),
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
    let filter = Memo::new(move |_| params.with(MobileFilter::of));
    let total = Memo::new(move |_| users.with(|u| u.users.len()));
    let rows = Signal::derive(move || {
        filter.with(|f| {
            users.with(|u| {
                u.users
                    .iter()
                    .filter(|u| f.keeps(u))
                    .cloned()
                    .collect::<Vec<_>>()
            })
        })
    });
    let selected = RwSignal::new(HashSet::<u32>::new());
    let keeping = RwSignal::new(None::<MobileUser>);
    let deleting = RwSignal::new(None::<Vec<MobileUser>>);
    let delete_selected = Callback::new(move |_| {
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
    });
    let columns = columns(can_manage, keeping, deleting);
    let on_deleted = Callback::new(move |_| {
        deleting.set(None);
        selected.set(HashSet::new());
        on_changed.run(());
    });
    view! {
        <MobileToolbar users=users total=total filter=filter />
        <SelectionBar selected=selected can_manage=can_manage on_delete=delete_selected />
        <MobileRows total=total rows=rows columns=columns filter=filter selected=selected />
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
