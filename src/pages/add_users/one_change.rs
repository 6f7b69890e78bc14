//! Submitting the one change a flow makes from its review step (a DigitalLine, an activation):
//! only once every rule passes, a failure shown with every field's error, and the draft
//! forgotten once the change is made.

use domain::ApiError;
use leptos::prelude::*;
use std::future::Future;

use super::{Draft, Wizard};

/// What the review step's [`super::SubmitBar`] shows and runs.
#[derive(Clone, Copy)]
pub struct OneChange {
    pub pending: Signal<bool>,
    pub failure: RwSignal<Option<ApiError>>,
    pub on_submit: Callback<()>,
}

impl OneChange {
    /// `send` makes the request from the draft; `done` runs with its answer, after the draft
    /// is forgotten. Call inside the wizard (it reads the [`Wizard`] context).
    pub fn new<T, Fut>(send: impl Fn(&Draft) -> Fut + 'static, done: impl Fn(T) + 'static) -> Self
    where
        T: Clone + Send + Sync + 'static,
        Fut: Future<Output = Result<T, ApiError>> + 'static,
    {
        let wizard = expect_context::<Wizard>();
        let submit = Action::new_local(move |_: &()| wizard.draft.with_untracked(&send));
        let failure = RwSignal::new(None::<ApiError>);
        Effect::new(move |_| match submit.value().get() {
            Some(Ok(answer)) => {
                wizard.draft.with_untracked(Draft::forget);
                done(answer);
            }
            Some(Err(error)) => {
                wizard.touch("*");
                failure.set(Some(error));
            }
            None => {}
        });
        let send = Callback::new(move |()| {
            failure.set(None);
            submit.dispatch(());
        });
        let on_submit = Callback::new(move |_| {
            if wizard.ready_to_submit(failure) {
                wizard.submit(failure, send);
            }
        });
        Self {
            pending: submit.pending().into(),
            failure,
            on_submit,
        }
    }
}
