//! The one way a page shows data it reads: a `LocalResource` under `<Transition>` and
//! `<ErrorBoundary>`.

use domain::ApiError;
use leptos::prelude::*;

use crate::components::error_view::ErrorView;

/// Shows what `resource` loaded, as `children` render it: a loading state until the first
/// answer; the shared error view with Retry when there is nothing to show; while it loads
/// again, the last content stays on screen (`<Transition>`), and when that reload fails, the
/// last content stays with a notice and Retry above it. Retry refetches the resource.
#[component]
pub fn Loaded<T, F, V>(
    /// What the page reads.
    resource: LocalResource<Result<T, ApiError>>,
    /// What the data is, for "Couldn't load …" and "Couldn't refresh …" ("the linked accounts").
    what: &'static str,
    /// The sentence shown while loading for the first time.
    loading: &'static str,
    /// Renders the data.
    children: F,
) -> impl IntoView
where
    T: Clone + Send + Sync + 'static,
    F: Fn(T) -> V + Clone + Send + Sync + 'static,
    V: IntoView + 'static,
{
    // The last data shown, so a failed reload keeps it on screen.
    let last = StoredValue::new(None::<T>);
    let retry = move || resource.refetch();
    let fallback = move |errors: ArcRwSignal<Errors>| {
        let error = errors.with(|errors| {
            errors
                .iter()
                .find_map(|(_, e)| e.downcast_ref::<ApiError>().cloned())
                .unwrap_or_else(|| ApiError::new(0, "unknown", "Something went wrong."))
        });
        view! { <ErrorView error=error what=what on_retry=move |_| retry() /> }
    };
    let content = move || {
        let children = children.clone();
        Suspend::new(async move {
            match resource.await {
                Ok(data) => {
                    last.set_value(Some(data.clone()));
                    Ok(children(data).into_any())
                }
                Err(error) => match last.get_value() {
                    Some(data) => Ok(view! {
                        <RefreshFailed what=what error=error on_retry=move |_| retry() />
                        {children(data)}
                    }
                    .into_any()),
                    None => Err(error),
                },
            }
        })
    };
    view! {
        <Transition fallback=move || skeleton(loading)>
            <ErrorBoundary fallback>{content}</ErrorBoundary>
        </Transition>
    }
}

/// For pages that keep one table alive across loads (so its rows update in place instead of
/// being re-created): a `LocalResource` for a key (the page's query), and what it holds as
/// memos rather than signals copied by effects. [`Tracked::reload`] loads the same key again.
pub struct Tracked<T: Send + Sync + 'static> {
    /// The last value loaded successfully; kept while the next loads and when it fails.
    pub last: Memo<Option<T>>,
    /// The error of the latest load, when it failed.
    pub error: Memo<Option<ApiError>>,
    /// Whether a load is under way (the latest answer is for another key or an earlier reload).
    pub loading: Memo<bool>,
    reloads: RwSignal<u32>,
}

impl<T: Clone + PartialEq + Send + Sync + 'static> Tracked<T> {
    /// Loads `fetch(key())`, again whenever the key changes or [`Self::reload`] is called.
    pub fn new<K, Fut>(
        key: impl Fn() -> K + Clone + Send + Sync + 'static,
        fetch: impl Fn(K) -> Fut + 'static,
    ) -> Self
    where
        K: Clone + PartialEq + Send + Sync + 'static,
        Fut: std::future::Future<Output = Result<T, ApiError>> + 'static,
    {
        let reloads = RwSignal::new(0u32);
        let wanted = move || (key(), reloads.get());
        let asked = wanted.clone();
        let resource = LocalResource::new(move || {
            let (key, reload) = asked();
            let answer = fetch(key.clone());
            async move { ((key, reload), answer.await) }
        });
        Self {
            last: Memo::new(move |previous: Option<&Option<T>>| {
                let latest =
                    resource.with(|r| r.as_ref().and_then(|(_, r)| r.as_ref().ok().cloned()));
                latest.or_else(|| previous.cloned().flatten())
            }),
            error: Memo::new(move |_| {
                resource.with(|r| r.as_ref().and_then(|(_, r)| r.as_ref().err().cloned()))
            }),
            loading: Memo::new(move |_| {
                let wanted = wanted();
                resource.with(|r| r.as_ref().map(|(k, _)| k) != Some(&wanted))
            }),
            reloads,
        }
    }

    /// Loads the same key again (Retry, or after a change); the last value stays meanwhile.
    pub fn reload(self) {
        self.reloads.update(|n| *n = n.wrapping_add(1));
    }
}

impl<T: Send + Sync + 'static> Clone for Tracked<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T: Send + Sync + 'static> Copy for Tracked<T> {}

/// Says a reload failed while the last data stays on screen, with Retry.
#[component]
pub fn RefreshFailed(
    /// What the data is ("the list", "the accounts").
    what: &'static str,
    error: ApiError,
    #[prop(into)] on_retry: Callback<()>,
) -> impl IntoView {
    view! {
        <div class="notice notice-error" role="alert">
            <span>{format!("Couldn't refresh {what}: {}", error.message)}</span>
            <button class="btn" on:click=move |_| on_retry.run(())>
                "Retry"
            </button>
        </div>
    }
}

/// Where a page's data goes before any arrived: the loading state, or the shared error view
/// with Retry when the load failed.
#[component]
pub fn NotYet(
    /// Why the load failed, once it did.
    error: Option<ApiError>,
    /// What the data is, for "Couldn't load …".
    what: &'static str,
    /// The sentence shown while loading.
    loading: &'static str,
    #[prop(into)] on_retry: Callback<()>,
) -> impl IntoView {
    match error {
        Some(error) => view! { <ErrorView error=error what=what on_retry=on_retry /> }.into_any(),
        None => skeleton(loading).into_any(),
    }
}

/// The loading state: what is being loaded, announced politely.
fn skeleton(loading: &'static str) -> impl IntoView {
    view! {
        <div class="skeleton" role="status">
            {loading}
        </div>
    }
}
