//! Back and Next under the wizard's step: Next refuses to leave a step with errors, shows them
//! and moves focus to the first one.

use std::collections::HashSet;

use leptos::prelude::*;

use super::{Step, Wizard};

/// Back, the count of fields on this step that need attention, and Next (none on Review).
#[component]
pub fn WizardNav(
    /// The steps of the flow, in order.
    #[prop(into)]
    steps: Signal<Vec<Step>>,
    /// The step shown.
    #[prop(into)]
    step: Signal<Step>,
    /// Goes to a step.
    go: Callback<Step>,
) -> impl IntoView {
    let wizard = expect_context::<Wizard>();
    let next = move |_| {
        let current = step.get_untracked();
        if wizard.step_errors(current) > 0 {
            wizard.touch("*");
            request_animation_frame(focus_first_invalid);
            return;
        }
        let steps = steps.get_untracked();
        if let Some(pos) = steps.iter().position(|s| *s == current) {
            if let Some(to) = steps.get(pos + 1) {
                wizard.touched.set(HashSet::new());
                go.run(*to);
            }
        }
    };
    let back = move |_| {
        let steps = steps.get_untracked();
        let current = step.get_untracked();
        if let Some(pos) = steps.iter().position(|s| *s == current).filter(|p| *p > 0) {
            go.run(steps[pos - 1]);
        }
    };

    view! {
        <div class="wizard-nav">
            <button class="btn" on:click=back disabled=move || step.get() == steps.get()[0]>
                "Back"
            </button>
            {move || {
                let problems = wizard.step_errors(step.get());
                let shown = wizard.touched.with(|t| t.contains("*"));
                (problems > 0 && shown)
                    .then(|| {
                        view! {
                            <p class="field-error" role="alert">
                                {format!(
                                    "{problems} field{} on this step need{} attention.",
                                    if problems == 1 { "" } else { "s" },
                                    if problems == 1 { "s" } else { "" },
                                )}
                            </p>
                        }
                    })
            }}
            {move || {
                (step.get() != Step::Review)
                    .then(|| {
                        view! {
                            <button class="btn btn-primary" on:click=next>
                                "Next"
                            </button>
                        }
                    })
            }}
        </div>
    }
}

/// Moves focus to the first field marked invalid, so a keyboard user lands on what to fix.
fn focus_first_invalid() {
    use wasm_bindgen::JsCast;
    let first = document()
        .query_selector(".wizard-step [aria-invalid='true']")
        .ok()
        .flatten()
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
    if let Some(field) = first {
        let _ = field.focus();
    }
}
