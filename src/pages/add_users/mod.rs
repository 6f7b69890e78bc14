//! The Add User wizard: user type, the users (up to 25 rows), phones and numbers, setup and
//! role, review with charges, and the result. The step lives in the URL, the draft in
//! localStorage, and every rule of the domain crate runs as the admin types.

mod catalog;
mod charges;
mod draft;
mod emergency;
mod fields;
mod number_choice;
mod one_change;
mod phone_choice;
mod phones_step;
mod result;
mod review_step;
mod role_dialog;
mod setup_step;
mod shipping;
mod stepper;
mod type_step;
mod users_step;
mod wizard_nav;

use std::collections::HashSet;
use std::sync::Arc;

use domain::add_users::{
    charges, validate, AddUsersResult, AddUsersView, Charges, Context, ACKNOWLEDGED_CHARGES,
};
use domain::{ApiError, FieldError, Permission};
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_query_map};
use leptos_router::NavigateOptions;

use crate::api::use_api;
use crate::components::loaded::Loaded;
use crate::routes::{AppRoute, Gated};
use crate::session::use_session;
pub use charges::{ChargesSection, ConfirmCharges};
pub use draft::{Draft, Step};
pub use one_change::OneChange;
pub use review_step::{emergency_label, number_label, phone_label, SubmitBar};
use stepper::Stepper;
use wizard_nav::WizardNav;

/// What every step reads and edits.
#[derive(Clone, Copy)]
pub struct Wizard {
    pub view: StoredValue<AddUsersView>,
    pub draft: RwSignal<Draft>,
    /// Every rule's verdict on the whole draft, recomputed on each change.
    pub errors: Memo<Vec<FieldError>>,
    /// Fields the admin has edited, and steps they tried to leave: errors show there.
    pub touched: RwSignal<HashSet<String>>,
    pub can_purchase: Signal<bool>,
    /// The signed-in admin's role (what they may buy, and move between cost centers).
    pub role: Memo<domain::Role>,
    /// A submit that buys something, waiting in the Confirm window ([`ConfirmCharges`]).
    pub confirming: RwSignal<Option<Callback<()>>>,
}

impl Wizard {
    /// The error for `field` once the admin has touched it (or tried to move on).
    pub fn error(self, field: impl Into<Signal<String>>) -> Signal<Option<String>> {
        let field = field.into();
        Signal::derive(move || {
            field.with(|field| {
                let shown = self.touched.with(|t| t.contains(field) || t.contains("*"));
                if !shown {
                    return None;
                }
                self.errors.with(|errors| {
                    errors
                        .iter()
                        .find(|e| e.field == *field)
                        .map(|e| e.message.clone())
                })
            })
        })
    }

    /// Marks a field as touched.
    pub fn touch(self, field: &str) {
        if !self.touched.with_untracked(|t| t.contains(field)) {
            self.touched.update(|t| {
                t.insert(field.to_owned());
            });
        }
    }

    /// What submitting the draft would buy.
    pub fn bill(self) -> Charges {
        let role = self.role.get_untracked();
        self.draft
            .with_untracked(|d| self.view.with_value(|v| charges(&d.request, v, &role)))
    }

    /// True when no rule stops a submit; else every field's error shows and `failure` lists
    /// them. The acknowledgment of charges doesn't stop one: the Confirm window asks for it.
    pub fn ready_to_submit(self, failure: RwSignal<Option<ApiError>>) -> bool {
        let errors: Vec<FieldError> = self.errors.with_untracked(|errors| {
            errors
                .iter()
                .filter(|e| e.field != ACKNOWLEDGED_CHARGES)
                .cloned()
                .collect()
        });
        if errors.is_empty() {
            return true;
        }
        self.touch("*");
        failure.set(Some(ApiError::validation(errors)));
        false
    }

    /// Runs `go` (the flow's request), through the Confirm window when the draft buys
    /// anything, with the acknowledgment asked afresh. Try again after a `failure` that may
    /// pass on a retry sends the same confirmed request straight away.
    pub fn submit(self, failure: RwSignal<Option<ApiError>>, go: Callback<()>) {
        let retrying = failure.with_untracked(|f| f.as_ref().is_some_and(ApiError::is_retryable));
        let acknowledged = self
            .draft
            .with_untracked(|d| d.request.acknowledged_charges);
        if self.bill().is_purchase() && !(retrying && acknowledged) {
            self.edit(|d| d.request.acknowledged_charges = false);
            self.confirming.set(Some(go));
        } else {
            go.run(());
        }
    }

    /// Edits the draft and saves it.
    pub fn edit(self, change: impl FnOnce(&mut Draft)) {
        self.draft.update(|d| {
            change(d);
            d.sync_keys();
        });
        self.draft.with_untracked(Draft::save);
    }

    /// `(value, label)` options for a select, from the account view.
    pub fn options(
        self,
        list: fn(&AddUsersView) -> Vec<(String, String)>,
    ) -> Signal<Vec<(String, String)>> {
        Signal::derive(move || self.view.with_value(list))
    }

    /// A copy of row `index` (empty if it is gone).
    pub fn row(self, index: usize) -> domain::add_users::NewUser {
        self.draft
            .with(|d| d.request.rows.get(index).cloned().unwrap_or_default())
    }

    /// Edits row `index` and saves the draft.
    pub fn edit_row(self, index: usize, change: impl FnOnce(&mut domain::add_users::NewUser)) {
        self.edit(|d| {
            if let Some(row) = d.request.rows.get_mut(index) {
                change(row);
            }
        })
    }

    /// What row `index` is called on screen: the user's name, else "User 3".
    pub fn row_name(self, index: usize) -> String {
        let row = self.row(index);
        let name = format!("{} {}", row.first_name, row.last_name)
            .trim()
            .to_owned();
        if name.is_empty() {
            format!("User {}", index + 1)
        } else {
            name
        }
    }

    /// How many errors `step` has.
    pub fn step_errors(self, step: Step) -> usize {
        self.errors.with(|errors| {
            errors
                .iter()
                .filter(|e| {
                    let name = e.field.rsplit('.').next().unwrap_or(&e.field);
                    step.holds(name) || (step == Step::Users && e.field == "rows")
                })
                .count()
        })
    }
}

/// `/users/add`: loads what the wizard needs, then shows it.
#[component]
pub fn AddUsersPage() -> impl IntoView {
    let api = use_api();
    let view = LocalResource::new(move || {
        let api = api.clone();
        async move { api.add_users_view().await }
    });
    view! {
        <Gated route=AppRoute::AddUsers>
            <Loaded
                resource=view
                what="what adding users needs"
                loading="Loading the account's inventory…"
                let:loaded
            >
                <WizardFrame view=loaded flow=Flow::add_users() />
            </Loaded>
        </Gated>
    }
}

/// A flow through the wizard's steps, described rather than matched on: adding users (here),
/// or replacing a Mobile user with a DigitalLine (in `mobile_users::digital_line`).
#[derive(Clone)]
pub struct Flow {
    /// Where the wizard lives; `?step=` is added to it.
    pub route: AppRoute,
    /// The page's heading and the sentence under it.
    pub title: String,
    pub intro: String,
    /// Where Cancel goes.
    pub cancel: AppRoute,
    /// Told apart from other flows' drafts of the same account and admin (`""` for none).
    pub draft_suffix: String,
    /// A new draft for `owner`.
    pub start: FlowStart,
    /// The steps, given the user type of the draft.
    pub steps: fn(domain::UserType) -> Vec<Step>,
    /// Every rule's verdict on a draft.
    pub check: FlowCheck,
    /// The last step, calling back with the result of a submit.
    pub review: FlowReview,
}

/// Makes a flow's new draft for an owner.
pub type FlowStart = Arc<dyn Fn(&AddUsersView, String) -> Draft + Send + Sync>;
/// A flow's rules over its draft.
pub type FlowCheck = Arc<dyn Fn(&Draft, &Context) -> Vec<FieldError> + Send + Sync>;
/// A flow's last step.
pub type FlowReview = Arc<dyn Fn(Callback<AddUsersResult>) -> AnyView + Send + Sync>;

impl Flow {
    /// Adding up to 25 users of one type.
    pub fn add_users() -> Self {
        Self {
            route: AppRoute::AddUsers,
            title: "Add users".into(),
            intro: "Add up to 25 users at once; nothing is created until you submit.".into(),
            cancel: AppRoute::Users,
            draft_suffix: String::new(),
            start: Arc::new(Draft::new),
            steps: Step::all_for,
            check: Arc::new(|draft, cx| validate(&draft.request, cx)),
            review: Arc::new(|on_done| {
                view! { <review_step::ReviewStep on_done=on_done /> }.into_any()
            }),
        }
    }
}

/// The steps of `flow` over the account `view`, with the draft kept per account, admin and
/// flow.
#[component]
pub fn WizardFrame(view: AddUsersView, flow: Flow) -> impl IntoView {
    let session = use_session();
    let owner = session
        .with_untracked(|s| format!("{} {}{}", s.account.id, s.admin.email, flow.draft_suffix));
    let initial = Draft::load(&owner).unwrap_or_else(|| (flow.start)(&view, owner));
    let draft = RwSignal::new(initial);
    let view = StoredValue::new(view);
    let role = Memo::new(move |_| session.with(|s| s.role.clone()));
    let check = flow.check.clone();
    let errors = Memo::new(move |_| {
        let role = role.get();
        let now = (js_sys::Date::now() / 1000.0) as u64;
        draft.with(|d| {
            view.with_value(|v| {
                let cx = Context {
                    data: v,
                    role: &role,
                    now_unix: now,
                };
                check(d, &cx)
            })
        })
    });
    let wizard = Wizard {
        view,
        draft,
        errors,
        touched: RwSignal::new(HashSet::new()),
        can_purchase: Signal::derive(move || role.with(|r| r.can(Permission::Purchase))),
        role,
        confirming: RwSignal::new(None),
    };
    provide_context(wizard);
    let result = RwSignal::new(None::<AddUsersResult>);

    let params = use_query_map();
    let flow = StoredValue::new(flow);
    let steps = Memo::new(move |_| {
        let user_type = draft.with(|d| d.request.user_type);
        flow.with_value(|f| (f.steps)(user_type))
    });
    let step = Memo::new(move |_| {
        let wanted = params.with(|p| p.get("step").and_then(|s| Step::from_slug(&s)));
        let steps = steps.get();
        wanted.filter(|s| steps.contains(s)).unwrap_or(steps[0])
    });
    let navigate = use_navigate();
    let go = Callback::new(move |to: Step| {
        navigate(
            &flow
                .with_value(|f| f.route)
                .with_query(&[("step", to.slug().to_owned())]),
            NavigateOptions::default(),
        );
    });
    let on_done = Callback::new(move |done: AddUsersResult| {
        draft.with_untracked(Draft::forget);
        result.set(Some(done));
    });
    let api = StoredValue::new_local(use_api());
    // Add more users: the account as it is now (the numbers and phones just taken gone, the
    // addresses and locations just saved there), then a new draft over it.
    let start_over = Callback::new(move |_| {
        let api = api.get_value();
        leptos::task::spawn_local(async move {
            if let Ok(fresh) = api.add_users_view().await {
                view.set_value(fresh);
            }
            result.set(None);
            let owner = draft.with_untracked(|d| d.owner.clone());
            draft.set(view.with_value(|v| flow.with_value(|f| (f.start)(v, owner))));
            go.run(Step::Type);
        });
    });
    let (title, intro, cancel) = flow.with_value(|f| (f.title.clone(), f.intro.clone(), f.cancel));

    view! {
        <div class="page-header">
            <div>
                <h1>{title}</h1>
                <p class="muted">{intro}</p>
            </div>
            <A href=cancel.href() attr:class="btn">
                "Cancel"
            </A>
        </div>
        {move || match result.get() {
            Some(done) => {
                view! { <result::ResultView result=done on_again=start_over /> }.into_any()
            }
            None => {
                view! {
                    <Stepper steps=steps step=step />
                    <CurrentStep step=step flow=flow on_done=on_done />
                    <WizardNav steps=steps step=step go=go />
                }
                    .into_any()
            }
        }}
    }
}

/// The current step under its heading; the flow's own last step on Review.
#[component]
fn CurrentStep(
    #[prop(into)] step: Signal<Step>,
    flow: StoredValue<Flow>,
    /// Called with the result of a submit.
    on_done: Callback<AddUsersResult>,
) -> impl IntoView {
    view! {
        <section class="wizard-step" aria-labelledby="step-heading">
            <h2 id="step-heading">{move || step.get().label()}</h2>
            {move || match step.get() {
                Step::Type => view! { <type_step::TypeStep /> }.into_any(),
                Step::Users => view! { <users_step::UsersStep /> }.into_any(),
                Step::Phones => view! { <phones_step::PhonesStep /> }.into_any(),
                Step::Setup => view! { <setup_step::SetupStep /> }.into_any(),
                Step::Credentials => {
                    view! {
                        <p class="muted">
                            "They go to the phone system; the console keeps none of them."
                        </p>
                        <setup_step::CredentialsFields index=0 />
                    }
                        .into_any()
                }
                Step::Emergency => {
                    view! {
                        <p class="muted">
                            "Emergency services are sent to this address when the DigitalLine calls them."
                        </p>
                        <emergency::EmergencyFields
                            index=0
                            source=emergency::EmergencySlot::DIGITAL_LINE
                            placeholder="Choose a location"
                        />
                    }
                        .into_any()
                }
                Step::Review => flow.with_value(|f| (f.review)(on_done)),
            }}
        </section>
    }
}
