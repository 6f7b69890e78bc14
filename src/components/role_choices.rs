//! The roles of the account to pick one from, each with what it may do: the body of Edit role
//! in the wizard and on a user's own page.

use domain::Role;
use leptos::prelude::*;

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

/// One radio button per role, with its permissions; `chosen` holds the picked role's id.
#[component]
pub fn RoleChoices(roles: Vec<Role>, chosen: RwSignal<String>) -> impl IntoView {
    view! {
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
    }
}
