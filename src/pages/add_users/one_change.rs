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
        let on_submit = Callback::new(move |_| {
            if wizard.errors.with(Vec::len) > 0 {
                wizard.touch("*");
                failure.set(Some(ApiError::validation(wizard.errors.get_untracked())));
                return;
            }
            failure.set(None);
            submit.dispatch(());
        });
        Self {
            pending: submit.pending().into(),
            failure,
            on_submit,
        }
    }
}
