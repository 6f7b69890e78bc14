//! "Assign in bulk via file" on an add-on's detail view, as in the seed: select the spare
//! licenses to assign and press Next; then download the template for them (with the Reference
//! User List if asked). The upload, checks and job are the shared bulk pipeline's, shown after
//! Next.

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
    // Next pressed with these licenses: the template step and the upload follow.
    let next = RwSignal::new(false);
    view! {
        <BulkDialog
            title=format!("Assign {} licenses in bulk", kind.label())
            kind=BulkKind::AssignAddOns
            template=move |view| {
                view! { <PickLicenses kind=kind view=view next=next on_cancel=on_close /> }
            }
            template_ready=next
            on_close=on_close
            on_finished=on_finished
        />
    }
}

/// Step 1: the spare licenses of `kind` to assign, then (after Next) their template.
#[component]
fn PickLicenses(
    kind: InventoryType,
    view: StoredValue<BulkView>,
    next: RwSignal<bool>,
    #[prop(into)] on_cancel: Callback<()>,
) -> impl IntoView {
    let spare: Vec<(String, String)> = view.with_value(|v| {
        v.licenses
            .iter()
            .filter(|l| Some(l.kind) == kind.license() && l.assignee.is_none())
            .map(|l| (l.id.clone(), v.cost_center_name(&l.cost_center_id)))
            .collect()
    });
    let picked = RwSignal::new(BTreeSet::<String>::new());
    let include_users = RwSignal::new(false);
    let book = move || {
        let ids: Vec<String> = picked.get_untracked().into_iter().collect();
        view.with_value(|v| assign_template(v, &ids, include_users.get_untracked()))
    };
    view! {
        <section aria-labelledby="bulk-template-heading">
            <h3 id="bulk-template-heading">"1. Select licenses and download the template"</h3>
            {if spare.is_empty() {
                view! {
                    <p class="notice">
                        {format!("No {} license is available to assign.", kind.label())}
                    </p>
                }
                    .into_any()
            } else {
                view! {
                    <div hidden=move || next.get()>
                        <LicenseChoices spare picked />
                        <div class="dialog-actions">
                            <button type="button" class="btn" on:click=move |_| on_cancel.run(())>
                                "Cancel"
                            </button>
                            <button
                                type="button"
                                class="btn btn-primary"
                                disabled=move || picked.with(BTreeSet::is_empty)
                                on:click=move |_| next.set(true)
                            >
                                "Next"
                            </button>
                        </div>
                    </div>
                    <div hidden=move || !next.get()>
                        <p>
                            {move || {
                                let n = picked.with(BTreeSet::len);
                                format!(
                                    "{n} license{} selected. Put a user's Mailbox ID next to each license in the template.",
                                    if n == 1 { "" } else { "s" },
                                )
                            }} " "
                            <button
                                type="button"
                                class="link-button"
                                on:click=move |_| next.set(false)
                            >
                                "Change the licenses"
                            </button>
                        </p>
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
                    </div>
                }
                    .into_any()
            }}
        </section>
    }
}

/// The spare licenses, each `(id, cost center)`, with a box to tick each and one for all.
#[component]
fn LicenseChoices(
    spare: Vec<(String, String)>,
    picked: RwSignal<BTreeSet<String>>,
) -> impl IntoView {
    let spare_count = spare.len();
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
                                    prop:checked=move || picked.with(|p| p.contains(&checked_id))
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
}
