//! A linked account's name, renamed in place: Rename opens the field, Enter saves, Escape
//! cancels, and an empty or overlong name is refused at the field.

use domain::accounts::{name_problem, AccountRow, RenameAccount};
use domain::ApiError;
use leptos::html;
use leptos::prelude::*;

use crate::api::{key_for, use_api};
use crate::components::toasts::{use_toasts, ToastKind};

#[component]
pub fn NameCell(
    account: AccountRow,
    can_manage: bool,
    /// After a rename (or to reload a stale list).
    #[prop(into)]
    on_changed: Callback<()>,
) -> impl IntoView {
    let api = use_api();
    let toasts = use_toasts();
    let editing = RwSignal::new(false);
    let draft = RwSignal::new(account.name.clone());
    let problem = RwSignal::new(None::<String>);
    let input = NodeRef::<html::Input>::new();
    // One key per name sent: a retry of the same name acts once, a corrected name is new.
    let sent = StoredValue::new(None::<(String, String)>);
    let (id, version, name) = (account.id.clone(), account.version, account.name.clone());
    let save = Action::new_local(move |(new_name, key): &(String, String)| {
        let (api, id, key) = (api.clone(), id.clone(), key.clone());
        let request = RenameAccount {
            name: new_name.clone(),
        };
        async move { api.rename_account(&id, &request, version, &key).await }
    });
    Effect::new(move |_| match save.value().get() {
        Some(Ok(link)) => {
            editing.set(false);
            toasts.show(ToastKind::Success, format!("Renamed to {}.", link.name));
            on_changed.run(());
        }
        Some(Err(error)) => problem.set(Some(message(&error))),
        None => {}
    });
    let submit = Callback::new(move |()| {
        let value = draft.get_untracked();
        match name_problem(&value) {
            Some(p) => problem.set(Some(p)),
            None => {
                problem.set(None);
                save.dispatch(key_for(sent, value.trim().to_owned()));
            }
        }
    });
    let cancel = Callback::new(move |()| {
        editing.set(false);
        problem.set(None);
    });
    Effect::new(move |_| {
        if editing.get() {
            if let Some(el) = input.get() {
                let _ = el.focus();
                el.select();
            }
        }
    });
    let error_id = format!("rename-{}-error", account.id);
    let described = error_id.clone();
    let official = (account.official_name != account.name).then(|| account.official_name.clone());
    let label = format!("New name for {name}");
    let saving = Signal::derive(move || save.pending().get());
    let start_name = name.clone();
    view! {
        <div class="account-name-cell">
            {move || {
                if editing.get() {
                    view! {
                        <RenameField
                            input=input
                            label=label.clone()
                            described=described.clone()
                            draft=draft
                            problem=problem
                            saving=saving
                            on_submit=submit
                            on_cancel=cancel
                        />
                    }
                        .into_any()
                } else {
                    view! { <span class="cell-strong account-name-line">{name.clone()}</span> }
                        .into_any()
                }
            }} <p id=error_id class="field-error" aria-live="polite">
                {move || problem.get()}
            </p>
            <span class="muted account-id">
                {official.map(|o| format!("{o} · ")).unwrap_or_default()}
                {format!("{} · {}", account.id, account.main_number)}
                {can_manage
                    .then(|| {
                        view! {
                            <RenameButton
                                name=account.name.clone()
                                on_rename=move |_| {
                                    draft.set(start_name.clone());
                                    editing.set(true);
                                }
                            />
                        }
                    })}
            </span>
        </div>
    }
}

/// The field of the new name, saying whether it is being saved or what Enter and Escape do.
#[component]
fn RenameField(
    input: NodeRef<html::Input>,
    label: String,
    /// The id of the field's error.
    described: String,
    draft: RwSignal<String>,
    /// Why the name was refused, if it was.
    problem: RwSignal<Option<String>>,
    saving: Signal<bool>,
    /// Enter: save the draft.
    on_submit: Callback<()>,
    /// Escape: stop renaming.
    on_cancel: Callback<()>,
) -> impl IntoView {
    view! {
        <span class="rename-field">
            <input
                node_ref=input
                type="text"
                aria-label=label
                maxlength="80"
                prop:value=move || draft.get()
                aria-invalid=move || problem.with(Option::is_some).then_some("true")
                aria-describedby=described
                on:input=move |ev| draft.set(event_target_value(&ev))
                on:keydown=move |ev| match ev.key().as_str() {
                    "Enter" => {
                        ev.prevent_default();
                        on_submit.run(());
                    }
                    "Escape" => {
                        ev.prevent_default();
                        on_cancel.run(());
                    }
                    _ => {}
                }
            />
            <span class="muted">
                {move || if saving.get() { "Saving…" } else { "Enter saves, Escape cancels" }}
            </span>
        </span>
    }
}

/// " · Rename": opens the field of the new name of `name`.
#[component]
fn RenameButton(name: String, #[prop(into)] on_rename: Callback<()>) -> impl IntoView {
    view! {
        " · "
        <button
            class="link-button"
            aria-label=format!("Rename {name}")
            on:click=move |_| on_rename.run(())
        >
            "Rename"
        </button>
    }
}

/// What a failed rename says at the field.
fn message(error: &ApiError) -> String {
    error
        .field("name")
        .map_or_else(|| error.message.clone(), str::to_owned)
}
