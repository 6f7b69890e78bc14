//! Page controls: range, first/previous/next/last and page size.

use domain::users_query::PER_PAGE_OPTIONS;
use leptos::prelude::*;

/// Paging controls for a list of `total` items.
#[component]
pub fn Pagination(
    #[prop(into)] total: Signal<u32>,
    /// 1-based.
    #[prop(into)]
    page: Signal<u32>,
    #[prop(into)] per_page: Signal<u32>,
    /// Called with the page to show.
    #[prop(into)]
    on_page: Callback<u32>,
    /// Called with the new page size; without it the size is fixed and not offered.
    #[prop(optional, into)]
    on_per_page: Option<Callback<u32>>,
) -> impl IntoView {
    let pages = move || total.get().div_ceil(per_page.get().max(1)).max(1);
    let range = move || {
        let (t, p, n) = (total.get(), page.get(), per_page.get());
        if t == 0 {
            "No results".to_owned()
        } else {
            let first = (p - 1) * n + 1;
            format!("{}–{} of {}", first.min(t), (p * n).min(t), t)
        }
    };
    let button = move |label: &'static str,
                       text: &'static str,
                       target: Box<dyn Fn() -> u32 + Send + Sync>,
                       disabled: Box<dyn Fn() -> bool + Send + Sync>| {
        view! {
            <button
                class="btn btn-quiet"
                aria-label=label
                disabled=disabled
                on:click=move |_| on_page.run(target())
            >
                {text}
            </button>
        }
    };
    view! {
        <nav class="pagination" aria-label="Pagination">
            <span class="muted" aria-live="polite">
                {range}
            </span>
            {on_per_page
                .map(|on_per_page| {
                    view! {
                        <label class="page-size">
                            "Rows per page"
                            <select on:change=move |ev| {
                                if let Ok(n) = event_target_value(&ev).parse() {
                                    on_per_page.run(n);
                                }
                            }>
                                {PER_PAGE_OPTIONS
                                    .into_iter()
                                    .map(|n| {
                                        view! {
                                            <option
                                                value=n.to_string()
                                                selected=move || per_page.get() == n
                                            >
                                                {n}
                                            </option>
                                        }
                                    })
                                    .collect_view()}
                            </select>
                        </label>
                    }
                })}
            {button("First page", "«", Box::new(|| 1), Box::new(move || page.get() <= 1))}
            {button(
                "Previous page",
                "‹",
                Box::new(move || page.get().saturating_sub(1).max(1)),
                Box::new(move || page.get() <= 1),
            )}
            <span class="page-of">{move || format!("Page {} of {}", page.get(), pages())}</span>
            {button(
                "Next page",
                "›",
                Box::new(move || (page.get() + 1).min(pages())),
                Box::new(move || page.get() >= pages()),
            )}
            {button("Last page", "»", Box::new(pages), Box::new(move || page.get() >= pages()))}
        </nav>
    }
}
