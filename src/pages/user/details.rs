//! Details: who the user is and where they sit, and Edit details (name, email, extension, site,
//! cost center, role) checked by the wizard's rules as typed and saved at the version shown. A
//! save refused as stale keeps what was typed and says what someone else changed.

use domain::add_users::{AddUsersView, Context};
use domain::user_details::{details_errors, UserDetails, FIELDS};
use domain::user_page::UserDetail;
use domain::{ApiError, Permission, User};
use leptos::prelude::*;

use super::role::EditRoleButton;
use crate::api::{new_idempotency_key, use_api};
use crate::components::dialog::FormActions;
use crate::components::loaded::Loaded;
use crate::components::toasts::{use_toasts, ToastKind};
use crate::session::{permission_gate, use_session};

/// The details, and Edit details for roles that manage users (disabled with the reason else).
#[component]
pub fn Details(
    user: UserDetail,
    /// After a saved edit, to load the user again.
    on_changed: Callback<()>,
) -> impl IntoView {
    let may = permission_gate(Permission::ManageUsers);
    let editing = RwSignal::new(false);
    let row = user.row.clone();
    let licenses = if row.licenses.is_empty() {
        "None (a free user)".to_owned()
    } else {
        row.licenses.join(", ")
    };
    view! {
        <section id="details" class="user-section" aria-labelledby="details-heading">
            <h2 id="details-heading">"Details"</h2>
            <dl class="summary-list">
                <dt>"Email"</dt>
                <dd>{row.email}</dd>
                <dt>"Extension"</dt>
                <dd>{row.extension}</dd>
                <dt>"User type"</dt>
                <dd>{row.user_type.label()}</dd>
                <dt>"Licenses"</dt>
                <dd>{licenses}</dd>
                <dt>"Site"</dt>
                <dd>{row.site_name}</dd>
                <dt>"Cost center"</dt>
                <dd>{row.cost_center_name}</dd>
                <dt>"Role"</dt>
                <dd>
                    {user.role.clone()} " "
                    <EditRoleButton user=user.record.clone() on_changed=on_changed />
                </dd>
                <dt>"Mailbox ID"</dt>
                <dd>{row.mailbox_id}</dd>
            </dl>
            <div class="header-actions">
                <button
                    class="btn"
                    disabled=move || may.get().is_err() || editing.get()
                    aria-describedby="details-refused"
                    on:click=move |_| editing.set(true)
                >
                    "Edit details"
                </button>
                <p id="details-refused" class="muted">
                    {move || may.get().err()}
                </p>
            </div>
            {move || {
                editing
                    .get()
                    .then(|| {
                        view! {
                            <DetailsEditor
                                user=user.record.clone()
                                license=user.user_license.clone()
                                on_cancel=Callback::new(move |()| editing.set(false))
                                on_saved=on_changed
                            />
                        }
                    })
            }}
        </section>
    }
}

/// Loads what the form offers (sites, cost centers, roles) and the rules' view of the account.
#[component]
fn DetailsEditor(
    user: User,
    license: Option<domain::inventory::License>,
    on_cancel: Callback<()>,
    on_saved: Callback<()>,
) -> impl IntoView {
    let api = use_api();
    let loaded = LocalResource::new(move || {
        let api = api.clone();
        async move { api.add_users_view().await }
    });
    view! {
        <Loaded resource=loaded what="the account's sites and roles" loading="Loading…" let:view>
            <DetailsForm
                view=view.keeping(&user, license.as_ref())
                user=user.clone()
                on_cancel=on_cancel
                on_saved=on_saved
            />
        </Loaded>
    }
}

#[component]
fn DetailsForm(
    view: AddUsersView,
    user: User,
    on_cancel: Callback<()>,
    on_saved: Callback<()>,
) -> impl IntoView {
    let api = use_api();
    let toasts = use_toasts();
    let session = use_session();
    let details = RwSignal::new(UserDetails::of(&user));
    // The version saved against: the one shown, or the newer one a stale refusal loaded.
    let seen = RwSignal::new(user.clone());
    let changed_by_others = RwSignal::new(Vec::<String>::new());
    let tried = RwSignal::new(false);
    let key = StoredValue::new(new_idempotency_key());
    let view = StoredValue::new(view);
    let errors = Memo::new(move |_| {
        let role = session.with(|s| s.role.clone());
        view.with_value(|v| {
            let cx = Context {
                data: v,
                role: &role,
                now_unix: (js_sys::Date::now() / 1000.0) as u64,
            };
            details.with(|d| seen.with(|u| details_errors(u, d, &cx)))
        })
    });
    let save = Action::new_local(move |_: &()| {
        let (api, details, user) = (api.clone(), details.get_untracked(), seen.get_untracked());
        let key = key.get_value();
        async move {
            match api
                .edit_details(user.id, &details, user.version, &key)
                .await
            {
                Err(e) if e.status == 412 => Err((e, api.user(user.id).await.ok())),
                other => other.map_err(|e| (e, None)),
            }
        }
    });
    let failure = RwSignal::new(None::<ApiError>);
    let name = user.full_name();
    Effect::new(move |_| match save.value().get() {
        Some(Ok(_)) => {
            toasts.show(ToastKind::Success, format!("Details of {name} saved."));
            on_saved.run(());
        }
        Some(Err((error, newer))) => {
            if let Some(newer) = newer {
                let before = seen.get_untracked();
                changed_by_others.set(what_changed(&before, &newer.record));
                details.update(|d| take_untouched(d, &before, &newer.record));
                seen.set(newer.record);
                key.set_value(new_idempotency_key());
            }
            failure.set(Some(error));
        }
        None => {}
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        tried.set(true);
        if errors.with(Vec::is_empty) {
            failure.set(None);
            save.dispatch(());
        }
    };
    let error_of = move |field: &'static str| {
        Signal::derive(move || {
            let local = tried
                .get()
                .then(|| errors.with(|e| message(e, field)))
                .flatten();
            local.or_else(|| {
                failure.with(|f| f.as_ref().and_then(|f| message(&f.field_errors, field)))
            })
        })
    };
    let multi_site = view.with_value(|v| v.account.multi_site);
    let options = |field: &str| {
        view.with_value(|v| {
            let pairs = |items: Vec<(&String, &String)>| {
                items
                    .into_iter()
                    .map(|(id, name)| (id.clone(), name.clone()))
                    .collect::<Vec<_>>()
            };
            match field {
                "siteId" => Some(pairs(v.sites.iter().map(|s| (&s.id, &s.name)).collect())),
                "costCenterId" => Some(pairs(
                    v.cost_centers.iter().map(|c| (&c.id, &c.name)).collect(),
                )),
                "roleId" => Some(pairs(v.roles.iter().map(|r| (&r.id, &r.name)).collect())),
                _ => None,
            }
        })
    };
    let fields = FIELDS
        .into_iter()
        .zip(LABELS)
        // The role has its own Edit role, which shows what each role may do.
        .filter(|(field, _)| *field != "roleId" && (multi_site || *field != "siteId"))
        .map(|(field, label)| {
            view! {
                <DetailField
                    label=label
                    field=field
                    options=options(field)
                    value=Signal::derive(move || details.with(|d| d.get(field).to_owned()))
                    on_input=Callback::new(move |v| details.update(|d| d.set(field, v)))
                    error=error_of(field)
                />
            }
        })
        .collect_view();
    view! {
        <form class="inline-form details-form" on:submit=submit novalidate>
            {move || {
                changed_by_others
                    .with(|c| !c.is_empty())
                    .then(|| {
                        view! {
                            <div class="notice notice-warning" role="alert">
                                <p>
                                    "Someone else changed this user since you opened the page. What you typed is kept, and their changes to the fields you left alone are taken in; check, then save again:"
                                </p>
                                <ul>
                                    {changed_by_others
                                        .get()
                                        .into_iter()
                                        .map(|c| view! { <li>{c}</li> })
                                        .collect_view()}
                                </ul>
                            </div>
                        }
                    })
            }}
            {fields}
            {move || {
                failure
                    .get()
                    .filter(|f| f.field_errors.is_empty() && f.status != 412)
                    .map(|f| {
                        view! {
                            <p class="field-error" role="alert">
                                {f.message}
                            </p>
                        }
                    })
            }}
            <FormActions
                pending=save.pending()
                idle="Save details"
                working="Saving…"
                on_cancel=on_cancel
            />
        </form>
    }
}

/// The message of `field` among `errors`.
fn message(errors: &[domain::FieldError], field: &str) -> Option<String> {
    errors
        .iter()
        .find(|e| e.field == field)
        .map(|e| e.message.clone())
}

/// What differs between the user as the admin saw them and as they are now, one line a field.
fn what_changed(before: &User, now: &User) -> Vec<String> {
    let (a, b) = (UserDetails::of(before), UserDetails::of(now));
    FIELDS
        .into_iter()
        .zip(LABELS)
        .filter(|(field, _)| a.get(field) != b.get(field))
        .map(|(field, label)| format!("{label}: {} → {}", a.get(field), b.get(field)))
        .chain(
            (before.status != now.status)
                .then(|| format!("Status: {} → {}", before.status.label(), now.status.label())),
        )
        .collect()
}

/// Takes someone else's change of each field the admin left as they first saw it, so saving
/// again keeps both edits; a field both changed keeps what the admin typed.
fn take_untouched(details: &mut UserDetails, before: &User, now: &User) {
    let (before, now) = (UserDetails::of(before), UserDetails::of(now));
    for field in FIELDS {
        if details.get(field) == before.get(field) {
            details.set(field, now.get(field).to_owned());
        }
    }
}

/// The labels of [`FIELDS`], in their order.
const LABELS: [&str; 7] = [
    "First name",
    "Last name",
    "Email",
    "Extension",
    "Site",
    "Cost center",
    "Role",
];

/// A labelled text field, or a select of `(id, name)` options, with its error under it.
#[component]
fn DetailField(
    label: &'static str,
    field: &'static str,
    options: Option<Vec<(String, String)>>,
    value: Signal<String>,
    on_input: Callback<String>,
    error: Signal<Option<String>>,
) -> impl IntoView {
    let id = format!("details-{field}");
    let error_id = format!("{id}-error");
    let control = match options {
        Some(options) => view! {
            <select
                id=id.clone()
                prop:value=move || value.get()
                aria-describedby=error_id.clone()
                on:change=move |ev| on_input.run(event_target_value(&ev))
            >
                {options
                    .into_iter()
                    .map(|(id, name)| view! { <option value=id>{name}</option> })
                    .collect_view()}
            </select>
        }
        .into_any(),
        None => view! {
            <input
                id=id.clone()
                type="text"
                autocomplete="off"
                prop:value=move || value.get()
                aria-invalid=move || error.get().is_some().to_string()
                aria-describedby=error_id.clone()
                on:input=move |ev| on_input.run(event_target_value(&ev))
            />
        }
        .into_any(),
    };
    view! {
        <div class="field" class:field-invalid=move || error.get().is_some()>
            <label for=id>{label}</label>
            {control}
            <p id=error_id class="field-error">
                {move || error.get()}
            </p>
        </div>
    }
}
