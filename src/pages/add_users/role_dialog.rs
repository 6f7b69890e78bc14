//! Edit Role: every role with its permissions; pick one and Save.

use domain::Role;
use leptos::prelude::*;

use super::Wizard;
use crate::components::dialog::{Dialog, DialogActions};

/// What a role may do, as a sentence.
pub fn permissions_text(role: &Role) -> String {
    if role.permissions.is_empty() {
        "No admin permissions.".to_owned()
    } else {
        role.permissions
            .iter()
            .map(|p| p.label())
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// Chooses the role of one new user; `on_save` gets the role's id.
#[component]
pub fn RoleDialog(
    who: String,
    current: String,
    #[prop(into)] on_save: Callback<String>,
    #[prop(into)] on_close: Callback<()>,
) -> impl IntoView {
    let wizard = expect_context::<Wizard>();
    let chosen = RwSignal::new(current);
    let roles = wizard.view.with_value(|v| v.roles.clone());
    view! {
        <Dialog title=format!("Edit role for {who}") on_close=on_close>
            <fieldset class="role-choices">
                <legend>"Role"</legend>
                {roles
                    .into_iter()
                    .map(|role| {
                        let (id, pick) = (role.id.clone(), role.id.clone());
                        view! {
                            <label class="role-choice">
                                <input
                                    type="radio"
                                    name="role"
                                    value=role.id.clone()
                                    prop:checked=move || chosen.get() == id
                                    on:change=move |_| chosen.set(pick.clone())
                                />
                                <span class="type-name">{role.name.clone()}</span>
                                <span class="muted">{permissions_text(&role)}</span>
                            </label>
                        }
                    })
                    .collect_view()}
            </fieldset>
            <DialogActions
                on_cancel=on_close
                confirm="Save".to_owned()
                on_confirm=move |_| on_save.run(chosen.get_untracked())
            />
        </Dialog>
    }
}
