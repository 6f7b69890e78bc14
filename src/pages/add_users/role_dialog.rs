//! Edit Role: every role with its permissions; pick one and Save.

use leptos::prelude::*;

use super::Wizard;
use crate::components::dialog::{Dialog, DialogActions};
use crate::components::role_choices::RoleChoices;

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
            <RoleChoices roles=roles chosen=chosen />
            <DialogActions
                on_cancel=on_close
                confirm="Save".to_owned()
                on_confirm=move |_| on_save.run(chosen.get_untracked())
            />
        </Dialog>
    }
}
