//! `/licenses/:type`: every license, phone or number of one type with its holder; search,
//! filters, sort and page in the URL. Add-ons can be assigned and unassigned here, and
//! additional numbers nobody holds can be deleted.

use domain::api::Endpoint;
use std::collections::HashSet;

use domain::licenses::{
    Changed, DeleteNumber, HeldLicense, InventoryItem, InventoryType, ItemSort, ItemState,
    ItemsQuery, Unassign,
};
use domain::Permission;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_query_map};
use leptos_router::NavigateOptions;

use super::assign::{AssignDialog, ReassignDialog};
use super::bulk::BulkAssignDialog;
use super::change::{change_action, confirm_label, ChangeFailure};
use super::download::{DownloadButtons, ItemsSource};
use super::filters::{changed, ItemFilters};
use crate::api::use_api;
use crate::components::data_table::{Column, DataTable, Selection};
use crate::components::dialog::{Dialog, DialogActions};
use crate::components::loaded::{NotYet, Tracked};
use crate::components::pagination::Pagination;
use crate::components::toasts::{use_toasts, ToastKind};
use crate::routes::{use_type_param, AppRoute};
use crate::session::{permission_gate, use_session};

const KEYS: [&str; 7] = [
    "q",
    "site",
    "costCenter",
    "state",
    "sort",
    "page",
    "perPage",
];

/// A change waiting for the admin's confirmation.
#[derive(Clone, PartialEq)]
struct Pending {
    title: String,
    message: String,
    confirm: &'static str,
    endpoint: Endpoint,
    body: serde_json::Value,
}

/// The selection key of an item: its holder for licenses (one of a type per user), else a
/// number derived from its id that can't clash with user ids.
fn item_key(item: &InventoryItem) -> u32 {
    item.assignee_id.unwrap_or_else(|| {
        let hash = item.id.bytes().fold(2_166_136_261u32, |h, b| {
            (h ^ u32::from(b)).wrapping_mul(16_777_619)
        });
        hash | 0x8000_0000
    })
}

#[component]
pub fn LicenseDetailPage() -> impl IntoView {
    let kind = use_type_param();
    move || match kind.get() {
        Some(kind) => view! { <Detail kind=kind /> }.into_any(),
        None => view! {
            <div class="error-view" role="alert">
                <h1>"No such license or device type"</h1>
                <A href=AppRoute::Licenses.href() attr:class="btn">
                    "Back to Licenses & Inventory"
                </A>
            </div>
        }
        .into_any(),
    }
}

#[component]
fn Detail(kind: InventoryType) -> impl IntoView {
    let api = use_api();
    let session = use_session();
    let toasts = use_toasts();
    let may_change = permission_gate(Permission::ManageLicenses);
    let query_map = use_query_map();
    let query = Memo::new(move |_| {
        query_map.with(|m| {
            ItemsQuery::parse(KEYS.iter().filter_map(|k| m.get_str(k).map(|v| (*k, v)))).0
        })
    });
    let navigate = use_navigate();
    let base = AppRoute::LicenseDetail(kind);
    let go = Callback::new(move |q: ItemsQuery| {
        navigate(
            &base.with_query(&q.to_pairs()),
            NavigateOptions {
                scroll: false,
                ..Default::default()
            },
        );
    });

    let list_api = api.clone();
    let list = Tracked::new(
        move || query.get(),
        move |q: ItemsQuery| {
            let api = list_api.clone();
            async move { api.inventory_items(Some(kind), &q).await }
        },
    );
    let Tracked {
        last: page, error, ..
    } = list;
    let reload = Callback::new(move |_: ()| list.reload());
    let rows =
        Memo::new(move |_| page.with(|p| p.as_ref().map(|p| p.items.clone()).unwrap_or_default()));

    let selected = RwSignal::new(HashSet::<u32>::new());
    Effect::new(move |_| {
        query.track();
        selected.set(HashSet::new());
    });
    let pending = RwSignal::new(None::<Pending>);
    let assigning = RwSignal::new(false);
    let done = Callback::new(move |(changed, what): (Changed, &'static str)| {
        toasts.show(ToastKind::Success, format!("{} {what}.", changed.changed));
        pending.set(None);
        assigning.set(false);
        selected.set(HashSet::new());
        reload.run(());
    });

    // Every in-use license matching the filters, on every page, once the admin asks for all;
    // any change to the ticks goes back to what is ticked.
    let every_page = RwSignal::new(None::<Vec<HeldLicense>>);
    Effect::new(move |_| {
        selected.track();
        every_page.set(None);
    });
    let held = |items: &[InventoryItem], keep: &dyn Fn(&InventoryItem) -> bool| {
        items
            .iter()
            .filter(|i| keep(i))
            .filter_map(|i| {
                i.assignee_id.map(|a| HeldLicense {
                    id: i.id.clone(),
                    assignee: a,
                })
            })
            .collect::<Vec<_>>()
    };
    let all_api = api.clone();
    let select_every_page = Action::new_local(move |_: &()| {
        let api = all_api.clone();
        let q = ItemsQuery {
            state: Some(ItemState::InUse),
            ..query.get_untracked()
        };
        async move {
            match api.all_inventory_items(Some(kind), &q).await {
                Ok(items) => every_page.set(Some(held(&items, &|_| true))),
                Err(e) => toasts.show(
                    ToastKind::Error,
                    format!("Couldn't select every page: {}", e.message),
                ),
            }
        }
    });

    let unassign_selected = move |_| {
        let chosen = selected.get_untracked();
        let licenses = every_page.get_untracked().unwrap_or_else(|| {
            rows.with_untracked(|r| held(r, &|i| chosen.contains(&item_key(i))))
        });
        let n = licenses.len();
        pending.set(Some(Pending {
            title: format!("Unassign {n} {} license{}?", kind.label(), if n == 1 { "" } else { "s" }),
            message: "The selected users lose access to this add-on. The licenses become available to assign later.".into(),
            confirm: "Unassign",
            endpoint: Endpoint::Unassign,
            body: serde_json::to_value(Unassign { licenses }).expect("plain data"),
        }));
    };

    let mut columns: Vec<Column<InventoryItem>> = vec![
        Column::new("Item", "minmax(150px, 1.4fr)", |i: &InventoryItem| {
            i.label.clone().into_any()
        })
        .sortable("item"),
        Column::new(
            "Assigned to",
            "minmax(140px, 1.2fr)",
            |i: &InventoryItem| i.assignee.clone().into_any(),
        )
        .sortable("assignee"),
        Column::new("Number", "minmax(130px, 1fr)", |i: &InventoryItem| {
            i.number.clone().into_any()
        })
        .sortable("number"),
        Column::new("Email", "minmax(180px, 1.6fr)", |i: &InventoryItem| {
            i.email.clone().into_any()
        })
        .sortable("email"),
        Column::new("Site", "minmax(110px, 1fr)", |i: &InventoryItem| {
            i.site.clone().into_any()
        })
        .sortable("site"),
        Column::new("Cost center", "minmax(110px, 1fr)", |i: &InventoryItem| {
            i.cost_center.clone().into_any()
        })
        .sortable("cost-center"),
        Column::new("State", "minmax(90px, 0.7fr)", |i: &InventoryItem| {
            view! { <span class=format!("badge state-{}", i.state.slug())>{i.state.label()}</span> }
                .into_any()
        })
        .sortable("state"),
    ];
    if kind.number().is_some() && may_change.get_untracked().is_ok() {
        let main_number = session.get_untracked().account.main_number;
        columns.push(Column::new("", "110px", move |i: &InventoryItem| {
            let item = i.clone();
            let deletable = item.state == ItemState::Available && item.id != main_number;
            deletable.then(|| view! {
                <button
                    class="btn btn-small"
                    aria-label=format!("Delete {}", item.label)
                    on:click=move |_| {
                        pending
                            .set(
                                Some(Pending {
                                    title: format!("Delete {}?", item.label),
                                    message: "The number leaves the account and its monthly charge stops. It may not be possible to get it back."
                                        .into(),
                                    confirm: "Delete",
                                    endpoint: Endpoint::DeleteNumber,
                                    body: serde_json::to_value(DeleteNumber {
                                            e164: item.id.clone(),
                                        })
                                        .expect("plain data"),
                                }),
                            )
                    }
                >
                    "Delete"
                </button>
            }).into_any()
        }));
    }
    let reassigning = RwSignal::new(None::<InventoryItem>);
    let bulk = RwSignal::new(false);
    if kind.is_add_on() && may_change.get_untracked().is_ok() {
        columns.push(Column::new("", "190px", move |i: &InventoryItem| {
            let item = i.clone();
            item.assignee_id.map(|assignee| {
                let (one, again) = (item.clone(), item.clone());
                view! {
                    <span class="row-actions-inline">
                        <button
                            class="btn btn-small"
                            aria-label=format!("Unassign {}'s license", item.assignee)
                            on:click=move |_| {
                                pending
                                    .set(
                                        Some(Pending {
                                            title: format!(
                                                "Unassign {}'s {} license?",
                                                one.assignee,
                                                one.label,
                                            ),
                                            message: "They lose access to this add-on. The license becomes available to assign later."
                                                .into(),
                                            confirm: "Unassign",
                                            endpoint: Endpoint::Unassign,
                                            body: serde_json::to_value(Unassign {
                                                    licenses: vec![
                                                        HeldLicense {
                                                            id: one.id.clone(),
                                                            assignee,
                                                        },
                                                    ],
                                                })
                                                .expect("plain data"),
                                        }),
                                    )
                            }
                        >
                            "Unassign"
                        </button>
                        <button
                            class="btn btn-small"
                            aria-label=format!("Reassign {}'s license", item.assignee)
                            on:click=move |_| reassigning.set(Some(again.clone()))
                        >
                            "Reassign"
                        </button>
                    </span>
                }
            }).into_any()
        }));
    }
    let selection = (kind.is_add_on() && may_change.get_untracked().is_ok()).then_some(Selection {
        selected,
        id: item_key,
        label: |i: &InventoryItem| {
            if i.assignee.is_empty() {
                format!("Select available license {}", i.id)
            } else {
                format!("Select {}'s license", i.assignee)
            }
        },
    });
    let sort = Signal::derive(move || query.with(|q| (q.sort.slug(), q.descending)));
    let on_sort = Callback::new(move |key: &'static str| {
        let q = query.get_untracked();
        let sort = ItemSort::from_slug(key).unwrap_or_default();
        go.run(ItemsQuery {
            descending: q.sort == sort && !q.descending,
            sort,
            page: 1,
            ..q
        });
    });
    let in_use_selected = move || {
        let chosen = selected.get();
        every_page
            .with(|e| e.as_ref().map(Vec::len))
            .unwrap_or_else(|| {
                rows.with(|r| {
                    r.iter()
                        .filter(|i| i.assignee_id.is_some() && chosen.contains(&item_key(i)))
                        .count()
                })
            })
    };
    // "Select every page" is offered once every in-use row of a page that isn't the only one
    // is ticked.
    let more_pages = move || {
        let chosen = selected.get();
        every_page.with(Option::is_none)
            && page.with(|p| p.as_ref().is_some_and(|p| p.total as usize > p.items.len()))
            && rows.with(|r| {
                r.iter()
                    .filter(|i| i.assignee_id.is_some())
                    .all(|i| chosen.contains(&item_key(i)))
            })
    };

    view! {
        <section class="page">
            <header class="page-header">
                <div>
                    <p>
                        <A href=AppRoute::Licenses.href()>"Licenses & Inventory"</A>
                    </p>
                    <h1>{kind.label()}</h1>
                </div>
                <div class="header-actions">
                    <p class="count" aria-live="polite">
                        {move || page.with(|p| p.as_ref().map(|p| format!("{} matching", p.total)))}
                    </p>
                    <DownloadButtons
                        stem=kind.slug()
                        source=Signal::derive(move || ItemsSource::Matching {
                            kind: Some(kind),
                            query: query.get(),
                        })
                    />
                    {kind
                        .is_add_on()
                        .then(|| match may_change.get_untracked() {
                            Ok(()) => {
                                view! {
                                    <button class="btn" on:click=move |_| bulk.set(true)>
                                        "Assign in bulk via file"
                                    </button>
                                    <button
                                        class="btn btn-primary"
                                        on:click=move |_| assigning.set(true)
                                    >
                                        "Assign"
                                    </button>
                                }
                                    .into_any()
                            }
                            Err(reason) => view! { <p class="muted">{reason}</p> }.into_any(),
                        })}
                </div>
            </header>
            <ItemFilters id="items" query=query on_change=go>
                <div class="field">
                    <label for="items-state">"State"</label>
                    <select
                        id="items-state"
                        on:change=move |ev| {
                            go.run(
                                changed(
                                    query.get_untracked(),
                                    |q, v| q.state = v.and_then(|s| ItemState::from_slug(&s)),
                                    &event_target_value(&ev),
                                ),
                            )
                        }
                    >
                        <option value="">"In use and available"</option>
                        {[ItemState::InUse, ItemState::Available]
                            .into_iter()
                            .map(|s| {
                                view! {
                                    <option
                                        value=s.slug()
                                        selected=move || query.with(|q| q.state == Some(s))
                                    >
                                        {s.label()}
                                    </option>
                                }
                            })
                            .collect_view()}
                    </select>
                </div>
            </ItemFilters>
            {move || {
                (in_use_selected() > 0)
                    .then(|| {
                        view! {
                            <div class="selection-bar" role="region" aria-label="Selection">
                                <span>
                                    {move || {
                                        format!(
                                            "{} in use selected{}",
                                            in_use_selected(),
                                            if every_page.with(Option::is_some) {
                                                " on every page"
                                            } else {
                                                ""
                                            },
                                        )
                                    }}
                                </span>
                                {move || {
                                    more_pages()
                                        .then(|| {
                                            view! {
                                                <button
                                                    class="btn btn-quiet"
                                                    disabled=move || select_every_page.pending().get()
                                                    on:click=move |_| {
                                                        select_every_page.dispatch(());
                                                    }
                                                >
                                                    {move || {
                                                        if select_every_page.pending().get() {
                                                            "Selecting…"
                                                        } else {
                                                            "Select all in use on every page"
                                                        }
                                                    }}
                                                </button>
                                            }
                                        })
                                }}
                                <button class="btn" on:click=unassign_selected>
                                    "Unassign"
                                </button>
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
            {move || match (page.with(|p| p.as_ref().map(|p| p.total)), error.get()) {
                (None, error) => {
                    view! {
                        <NotYet
                            error=error
                            what="this inventory"
                            loading="Loading…"
                            on_retry=reload
                        />
                    }
                        .into_any()
                }
                (Some(0), _) => {
                    view! {
                        <div class="empty-state">
                            <h2>"Nothing matches"</h2>
                            <button
                                class="btn btn-primary"
                                on:click=move |_| go.run(ItemsQuery::default())
                            >
                                "Clear filters"
                            </button>
                        </div>
                    }
                        .into_any()
                }
                (Some(_), _) => {
                    view! {
                        <DataTable
                            label=kind.label()
                            rows=rows
                            columns=columns.clone()
                            sort=sort
                            on_sort=on_sort
                            selection=selection
                            scroll_key=Signal::derive(move || format!("{:?}", query.get()))
                        />
                    }
                        .into_any()
                }
            }}
            <Pagination
                total=Signal::derive(move || page.with(|p| p.as_ref().map_or(0, |p| p.total)))
                page=Signal::derive(move || query.with(|q| q.page))
                per_page=Signal::derive(move || query.with(|q| q.per_page))
                on_page=move |p| {
                    go.run(ItemsQuery {
                        page: p,
                        ..query.get_untracked()
                    })
                }
                on_per_page=move |n| {
                    go.run(ItemsQuery {
                        per_page: n,
                        page: 1,
                        ..query.get_untracked()
                    })
                }
            />
            {move || {
                pending
                    .get()
                    .map(|p| {
                        view! {
                            <ConfirmChange
                                pending=p
                                on_close=move |_| pending.set(None)
                                on_reload=move |_| {
                                    pending.set(None);
                                    reload.run(());
                                }
                                on_done=move |c| done.run((c, "changed"))
                            />
                        }
                    })
            }}
            {move || {
                reassigning
                    .get()
                    .map(|item| {
                        view! {
                            <ReassignDialog
                                item=item
                                on_close=move |_| reassigning.set(None)
                                on_reload=move |_| {
                                    reassigning.set(None);
                                    reload.run(());
                                }
                                on_done=move |c| {
                                    reassigning.set(None);
                                    done.run((c, "reassigned"));
                                }
                            />
                        }
                    })
            }}
            {move || {
                bulk.get()
                    .then(|| {
                        view! {
                            <BulkAssignDialog
                                kind=kind
                                on_close=move |_| bulk.set(false)
                                on_finished=move |_| reload.run(())
                            />
                        }
                    })
            }}
            {move || {
                (assigning.get() && kind.license().is_some())
                    .then(|| {
                        view! {
                            <AssignDialog
                                kind=kind.license().expect("add-on")
                                on_close=move |_| assigning.set(false)
                                on_done=move |c| done.run((c, "assigned"))
                            />
                        }
                    })
            }}
        </section>
    }
}

/// Asks before a change, sends it (safe to retry: one idempotency key per dialog), and says
/// what went wrong in place.
#[component]
fn ConfirmChange(
    pending: Pending,
    #[prop(into)] on_close: Callback<()>,
    #[prop(into)] on_reload: Callback<()>,
    #[prop(into)] on_done: Callback<Changed>,
) -> impl IntoView {
    let Pending {
        title,
        message,
        confirm,
        endpoint,
        body,
    } = pending;
    let send = change_action(endpoint, on_done);
    view! {
        <Dialog title=title on_close=on_close>
            <p>{message}</p>
            <ChangeFailure
                action=send
                on_reload=on_reload
                retry_note="Trying again is safe: the change is applied once."
            />
            <DialogActions
                on_cancel=on_close
                confirm=confirm_label(send, confirm)
                disabled=move || send.pending().get()
                on_confirm=move |_| {
                    send.dispatch(body.clone());
                }
            />
        </Dialog>
    }
}
