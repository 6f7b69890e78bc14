//! The stepper above the wizard: every step of the flow, numbered, marked done, current or to do.

use leptos::prelude::*;

use super::Step;

/// The numbered list of the flow's steps, the current one marked for assistive technology.
#[component]
pub fn Stepper(
    /// The steps of the flow, in order.
    #[prop(into)]
    steps: Signal<Vec<Step>>,
    /// The step shown.
    #[prop(into)]
    step: Signal<Step>,
) -> impl IntoView {
    view! {
        <nav class="stepper" aria-label="Add users steps">
            <ol>
                {move || {
                    let current = step.get();
                    let all = steps.get();
                    let at = all.iter().position(|s| *s == current).unwrap_or(0);
                    all.into_iter()
                        .enumerate()
                        .map(|(i, s)| {
                            let state = if i < at {
                                "done"
                            } else if i == at {
                                "current"
                            } else {
                                "todo"
                            };
                            view! {
                                <li
                                    class=format!("step step-{state}")
                                    aria-current=(i == at).then_some("step")
                                >
                                    <span class="step-number" aria-hidden="true">
                                        {i + 1}
                                    </span>
                                    <span>{s.label()}</span>
                                    <span class="visually-hidden">
                                        {match state {
                                            "done" => " (done)",
                                            "current" => " (current step)",
                                            _ => " (to do)",
                                        }}
                                    </span>
                                </li>
                            }
                        })
                        .collect_view()
                }}
            </ol>
        </nav>
    }
}
