//! The banner that makes sandbox mode obvious, and the sandbox tools: persona, dataset,
//! latency, fault injection and reset.

use domain::seed::Dataset;
use domain::Persona;
use leptos::prelude::*;

use crate::api::sandbox::{FailWith, Faults, Sandbox};
use crate::api::use_api;
use crate::components::dialog::{Dialog, DialogActions};
use crate::components::toasts::{use_toasts, ToastKind};
use crate::session::SessionState;

#[component]
pub fn SandboxBar() -> impl IntoView {
    let sandbox = use_api()
        .as_sandbox()
        .cloned()
        .expect("the bar is shown in sandbox mode");
    let open = RwSignal::new(false);
    let dataset = sandbox.dataset();
    let tools = StoredValue::new_local(sandbox);
    view! {
        <div class="sandbox-bar" role="region" aria-label="Sandbox mode">
            <span class="sandbox-badge">"Sandbox"</span>
            <span class="sandbox-detail">
                {format!(
                    "Simulated data ({} dataset, {} users), saved in this browser only. Nothing reaches a real account.",
                    dataset.slug(),
                    dataset.user_count(),
                )}
            </span>
            // On a phone the sentence above is read out but not shown; this is shown instead.
            <span class="sandbox-short" aria-hidden="true">
                "Simulated data"
            </span>
            <button class="btn btn-small" on:click=move |_| open.set(true)>
                "Sandbox tools"
            </button>
        </div>
        {move || {
            open.get()
                .then(|| {
                    view! {
                        <SandboxTools sandbox=tools.get_value() on_close=move |_| open.set(false) />
                    }
                })
        }}
    }
}

/// The sandbox tools dialog: owns the settings being edited and applies them on submit.
#[component]
fn SandboxTools(sandbox: Sandbox, #[prop(into)] on_close: Callback<()>) -> impl IntoView {
    let toasts = use_toasts();
    let session = SessionState::expect();
    let sandbox = StoredValue::new_local(sandbox);
    let persona = RwSignal::new(sandbox.with_value(Sandbox::persona));
    let latency = RwSignal::new(sandbox.with_value(Sandbox::latency_ms).to_string());
    let current = sandbox.with_value(Sandbox::faults);
    let fail_count = RwSignal::new(current.fail_next.to_string());
    let fail_with = RwSignal::new(current.fail_with.value());
    let offline = RwSignal::new(current.offline);
    let error = RwSignal::new(None::<String>);

    let apply = move |_| {
        let Ok(ms) = latency
            .get()
            .trim()
            .parse::<u32>()
            .map_err(|_| ())
            .and_then(|ms| if ms <= 30_000 { Ok(ms) } else { Err(()) })
        else {
            error.set(Some(
                "Latency must be a whole number of milliseconds from 0 to 30000.".into(),
            ));
            return;
        };
        let Ok(count) = fail_count.get().trim().parse::<u32>() else {
            error.set(Some(
                "The number of requests to fail must be a whole number.".into(),
            ));
            return;
        };
        let how = FailWith::from_value(&fail_with.get()).unwrap_or_default();
        error.set(None);
        sandbox.with_value(|s| {
            s.set_latency_ms(ms);
            s.set_faults(Faults {
                fail_next: count,
                fail_with: how,
                offline: offline.get(),
            });
            if s.persona() != persona.get() {
                s.set_persona(persona.get());
                session.reload();
            }
        });
        toasts.show(ToastKind::Info, "Sandbox settings applied.");
        on_close.run(());
    };

    view! {
        <Dialog title="Sandbox tools" on_close=on_close>
            <form
                class="form"
                on:submit=move |ev| {
                    ev.prevent_default();
                    apply(());
                }
            >
                <PersonaChoice persona=persona />
                <label class="field">
                    <span>"Latency of every request (ms)"</span>
                    <input
                        type="number"
                        min="0"
                        max="30000"
                        prop:value=latency
                        on:input=move |ev| latency.set(event_target_value(&ev))
                    />
                </label>
                <FaultFields fail_count=fail_count fail_with=fail_with offline=offline />
                {move || {
                    error
                        .get()
                        .map(|e| {
                            view! {
                                <p class="field-error" role="alert">
                                    {e}
                                </p>
                            }
                        })
                }}
                <DialogActions on_cancel=on_close confirm="Apply".to_owned() />
            </form>
            <hr />
            <SandboxData sandbox=sandbox error=error />
        </Dialog>
    }
}

/// The radio buttons choosing which persona is signed in.
#[component]
fn PersonaChoice(persona: RwSignal<Persona>) -> impl IntoView {
    view! {
        <fieldset>
            <legend>"Signed in as"</legend>
            {Persona::ALL
                .into_iter()
                .map(|p| {
                    view! {
                        <label class="radio">
                            <input
                                type="radio"
                                name="persona"
                                value=p.slug()
                                prop:checked=move || persona.get() == p
                                on:change=move |_| persona.set(p)
                            />
                            <span>{p.admin().name}" — "{p.description()}</span>
                        </label>
                    }
                })
                .collect_view()}
        </fieldset>
    }
}

/// Fault injection: how many of the next requests fail and how, and the offline switch.
#[component]
fn FaultFields(
    /// The number of requests to fail, as typed.
    fail_count: RwSignal<String>,
    /// The value of the chosen [`FailWith`].
    fail_with: RwSignal<String>,
    offline: RwSignal<bool>,
) -> impl IntoView {
    view! {
        <fieldset>
            <legend>"Fault injection"</legend>
            <div class="row">
                <label class="field">
                    <span>"Fail the next N requests"</span>
                    <input
                        type="number"
                        min="0"
                        name="fail-count"
                        prop:value=fail_count
                        on:input=move |ev| fail_count.set(event_target_value(&ev))
                    />
                </label>
                <label class="field">
                    <span>"with"</span>
                    <select
                        name="fail-with"
                        on:change=move |ev| fail_with.set(event_target_value(&ev))
                    >
                        {FailWith::CHOICES
                            .into_iter()
                            .map(|(value, label)| {
                                view! {
                                    <option value=value selected=move || fail_with.get() == value>
                                        {label}
                                    </option>
                                }
                            })
                            .collect_view()}
                    </select>
                </label>
            </div>
            <label class="checkbox">
                <input
                    type="checkbox"
                    prop:checked=offline
                    on:change=move |ev| offline.set(event_target_checked(&ev))
                />
                <span>"Offline: every request fails as if the network were down"</span>
            </label>
        </fieldset>
    }
}

/// The sandbox's data: a link reloading with the other dataset, and the reset.
#[component]
fn SandboxData(
    sandbox: StoredValue<Sandbox, LocalStorage>,
    /// Shows why the reset failed.
    error: RwSignal<Option<String>>,
) -> impl IntoView {
    let other = if sandbox.with_value(Sandbox::dataset) == Dataset::Standard {
        Dataset::Large
    } else {
        Dataset::Standard
    };
    view! {
        <div class="sandbox-data">
            <a class="btn" href=format!("?dataset={}", other.slug()) rel="external">
                {format!("Switch to the {} dataset ({} users)", other.slug(), other.user_count())}
            </a>
            <ResetSandbox sandbox=sandbox error=error />
        </div>
    }
}

/// Reset sandbox data, asking for confirmation inline before it forgets every change.
#[component]
fn ResetSandbox(
    sandbox: StoredValue<Sandbox, LocalStorage>,
    /// Shows why the reset failed.
    error: RwSignal<Option<String>>,
) -> impl IntoView {
    let confirm_reset = RwSignal::new(false);
    move || {
        if confirm_reset.get() {
            view! {
                <div class="confirm-inline" role="alert">
                    <span>
                        "Forget every change made in this browser and start from the seeded data?"
                    </span>
                    <button class="btn" on:click=move |_| confirm_reset.set(false)>
                        "Keep my changes"
                    </button>
                    <button
                        class="btn btn-danger"
                        on:click=move |_| {
                            let sandbox = sandbox.get_value();
                            leptos::task::spawn_local(async move {
                                match sandbox.reset().await {
                                    Ok(()) => {
                                        let _ = web_sys::window().map(|w| w.location().reload());
                                    }
                                    Err(e) => error.set(Some(e.message)),
                                }
                            });
                        }
                    >
                        "Reset now"
                    </button>
                </div>
            }
            .into_any()
        } else {
            view! {
                <button class="btn btn-danger-quiet" on:click=move |_| confirm_reset.set(true)>
                    "Reset sandbox data"
                </button>
            }
            .into_any()
        }
    }
}
