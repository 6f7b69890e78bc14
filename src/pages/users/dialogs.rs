//! The Users page's row menu and dialogs, each shown while its signal says it is open.

use std::collections::HashSet;

use domain::users_query::UserRow;
use domain::UserStatus;
use leptos::prelude::*;

use super::bulk_upgrade::BulkUpgradeDialog;
use super::columns::OpenMenu;
use super::licenses_dialog::LicensesDialog;
use super::row_menu::{OpenRowMenu, RowMenu};
use super::status_dialog::StatusDialog;
use super::upgrade_dialog::UpgradeDialog;

/// Opens the row's More menu just below the clicked button, right-aligned with it.
pub fn menu_opener(menu: RwSignal<Option<OpenRowMenu>>) -> OpenMenu {
    Callback::new(move |(row, rect): (UserRow, web_sys::DomRect)| {
        let width = web_sys::window()
            .and_then(|w| w.inner_width().ok())
            .and_then(|v| v.as_f64())
            .unwrap_or(1200.0);
        menu.set(Some(OpenRowMenu {
            row,
            top: rect.bottom() + 4.0,
            right: (width - rect.right()).max(8.0),
        }));
    })
}

/// The row's More menu and whichever of the page's dialogs are open.
#[component]
pub fn UsersDialogs(
    menu: RwSignal<Option<OpenRowMenu>>,
    /// The user and status a Change status dialog is open for.
    status_change: RwSignal<Option<(UserRow, UserStatus)>>,
    /// The user an Edit licenses dialog is open for.
    licenses_of: RwSignal<Option<UserRow>>,
    /// Whether Upgrade to Office is open for the selected rows.
    upgrading: RwSignal<bool>,
    /// Whether Upgrade to Office in bulk is open.
    upgrading_by_file: RwSignal<bool>,
    selected: RwSignal<HashSet<u32>>,
    /// The rows on this page (the selected ones are upgraded).
    rows: Memo<Vec<UserRow>>,
    /// Reloads the list after a dialog changed users.
    #[prop(into)]
    on_changed: Callback<()>,
) -> impl IntoView {
    view! {
        {move || {
            menu.get()
                .map(|m| {
                    view! {
                        <RowMenu
                            menu=m
                            on_close=move |_| menu.set(None)
                            on_status=move |change| status_change.set(Some(change))
                            on_licenses=move |row| licenses_of.set(Some(row))
                        />
                    }
                })
        }}
        {move || {
            upgrading
                .get()
                .then(|| {
                    let chosen = selected.get_untracked();
                    let rows = rows
                        .with_untracked(|r| {
                            r.iter().filter(|r| chosen.contains(&r.id)).cloned().collect::<Vec<_>>()
                        });
                    view! {
                        <UpgradeDialog
                            rows=rows
                            on_close=move |_| upgrading.set(false)
                            on_done=move |_| {
                                upgrading.set(false);
                                selected.set(HashSet::new());
                                on_changed.run(());
                            }
                        />
                    }
                })
        }}
        {move || {
            upgrading_by_file
                .get()
                .then(|| {
                    view! {
                        <BulkUpgradeDialog
                            on_close=move |_| upgrading_by_file.set(false)
                            on_finished=on_changed
                        />
                    }
                })
        }}
        {move || {
            licenses_of
                .get()
                .map(|row| {
                    view! {
                        <LicensesDialog
                            row=row
                            on_close=move |_| licenses_of.set(None)
                            on_done=move |_| {
                                licenses_of.set(None);
                                on_changed.run(());
                            }
                        />
                    }
                })
        }}
        {move || {
            status_change
                .get()
                .map(|(user, target)| {
                    view! {
                        <StatusDialog
                            user=user
                            target=target
                            on_close=move |_| status_change.set(None)
                            on_done=move |_| {
                                status_change.set(None);
                                on_changed.run(());
                            }
                        />
                    }
                })
        }}
    }
}
