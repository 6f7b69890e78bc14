//! "Assign in bulk via file" on an add-on's detail view: pick the spare licenses to put in the
//! template (with the Reference User List if asked); the upload, checks and job are the shared
//! bulk pipeline's.

use std::collections::BTreeSet;

use domain::bulk::{assign_template, BulkKind, BulkView};
use domain::licenses::InventoryType;
use leptos::prelude::*;

use crate::pages::bulk::{BulkDialog, TemplateButtons};

#[component]
pub fn BulkAssignDialog(
    /// An add-on type.
    kind: InventoryType,
    #[prop(into)] on_close: Callback<()>,
    /// Runs when the job has ended.
    #[prop(into)]
    on_finished: Callback<()>,
) -> impl IntoView {
    view! {
        <BulkDialog
            title=format!("Assign {} licenses in bulk", kind.label())
            kind=BulkKind::AssignAddOns
            template=move |view| view! { <PickLicenses kind=kind view=view /> }
            on_close=on_close
            on_finished=on_finished
        />
    }
}

/// Step 1: the spare licenses of `kind` to put in the template.
#[component]
fn PickLicenses(kind: InventoryType, view: StoredValue<BulkView>) -> impl IntoView {
    let spare: Vec<(String, String)> = view.with_value(|v| {
        v.licenses
            .iter()
            .filter(|l| Some(l.kind) == kind.license() && l.assignee.is_none())
            .map(|l| (l.id.clone(), v.cost_center_name(&l.cost_center_id)))
            .collect()
    });
    let spare_count = spare.len();
    let picked = RwSignal::new(BTreeSet::<String>::new());
    let include_users = RwSignal::new(false);
    let book = move || {
        let ids: Vec<String> = picked.get_untracked().into_iter().collect();
        view.with_value(|v| assign_template(v, &ids, include_users.get_untracked()))
    };
    view! {
        <section aria-labelledby="bulk-template-heading">
            <h3 id="bulk-template-heading">"1. Choose licenses and download the template"</h3>
            {if spare_count == 0 {
                view! {
                    <p class="notice">
                        {format!("No {} license is available to assign.", kind.label())}
                    </p>
                }
                    .into_any()
            } else {
                let all: Vec<String> = spare.iter().map(|(id, _)| id.clone()).collect();
                view! {
                    <label class="checkbox">
                        <input
                            type="checkbox"
                            prop:checked=move || picked.with(|p| p.len() == spare_count)
                            on:change=move |ev| {
                                picked
                                    .set(
                                        if event_target_checked(&ev) {
                                            all.iter().cloned().collect()
                                        } else {
                                            BTreeSet::new()
                                        },
                                    )
                            }
                        />
                        {format!("All available ({spare_count})")}
                    </label>
                    <ul class="pick-list" aria-label="Available licenses">
                        {spare
                            .into_iter()
                            .map(|(id, cost_center)| {
                                let (checked_id, toggled_id) = (id.clone(), id.clone());
                                view! {
                                    <li>
                                        <label class="checkbox">
                                            <input
                                                type="checkbox"
                                                prop:checked=move || {
                                                    picked.with(|p| p.contains(&checked_id))
                                                }
                                                on:change=move |ev| {
                                                    let on = event_target_checked(&ev);
                                                    let id = toggled_id.clone();
                                                    picked
                                                        .update(|p| {
                                                            if on {
                                                                p.insert(id);
                                                            } else {
                                                                p.remove(&id);
                                                            }
                                                        });
                                                }
                                            />
                                            {format!("{id} · {cost_center}")}
                                        </label>
                                    </li>
                                }
                            })
                            .collect_view()}
                    </ul>
                }
                    .into_any()
            }}
            <label class="checkbox">
                <input
                    type="checkbox"
                    prop:checked=move || include_users.get()
                    on:change=move |ev| include_users.set(event_target_checked(&ev))
                />
                "Include user list (a Reference User List sheet with every user's Mailbox ID; XLSX only)"
            </label>
            <TemplateButtons
                stem=format!("assign-{}", kind.slug())
                book=book
                disabled=Signal::derive(move || picked.with(BTreeSet::is_empty))
            />
        </section>
    }
}
