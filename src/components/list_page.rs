//! A page that lists what one resource loads in a table: its title, intro and Refresh, the
//! shared loading and error states, an empty state that points to Licenses & Inventory, or the
//! table of rows.

use domain::ApiError;
use leptos::prelude::*;
use leptos_router::components::A;

use crate::components::loaded::Loaded;
use crate::components::table_scroller::TableScroller;
use crate::routes::AppRoute;

/// What a [`ListPage`] says, besides its rows.
pub struct ListWords {
    pub title: &'static str,
    pub intro: &'static str,
    /// What the list is, for "Couldn't load …".
    pub what: &'static str,
    /// The sentence shown while loading for the first time.
    pub loading: &'static str,
    pub empty_title: &'static str,
    pub empty_text: &'static str,
    /// The table's (visually hidden) caption.
    pub caption: &'static str,
    pub table_class: &'static str,
    pub columns: &'static [&'static str],
}

/// The page: header with Refresh, then the list as `row` renders each item.
#[component]
pub fn ListPage<T, R, V>(
    words: ListWords,
    resource: LocalResource<Result<Vec<T>, ApiError>>,
    row: R,
) -> impl IntoView
where
    T: Clone + Send + Sync + 'static,
    R: Fn(T) -> V + Clone + Send + Sync + 'static,
    V: IntoView + 'static,
{
    let ListWords {
        title,
        intro,
        what,
        loading,
        empty_title,
        empty_text,
        caption,
        table_class,
        columns,
    } = words;
    view! {
        <section class="page">
            <header class="page-header">
                <div>
                    <h1>{title}</h1>
                    <p class="muted">{intro}</p>
                </div>
                <div class="header-actions">
                    <button class="btn" on:click=move |_| resource.refetch()>
                        "Refresh"
                    </button>
                </div>
            </header>
            <Loaded resource=resource what=what loading=loading let:list>
                {if list.is_empty() {
                    view! {
                        <div class="empty-state">
                            <h2>{empty_title}</h2>
                            <p>{empty_text}</p>
                            <A href=AppRoute::Licenses.href() attr:class="btn btn-primary">
                                "Go to Licenses & Inventory"
                            </A>
                        </div>
                    }
                        .into_any()
                } else {
                    let rows = list.into_iter().map(row.clone()).collect_view();
                    view! {
                        <TableScroller label=caption>
                            <table class=table_class>
                                <caption class="visually-hidden">{caption}</caption>
                                <thead>
                                    <tr>
                                        {columns
                                            .iter()
                                            .map(|c| view! { <th scope="col">{*c}</th> })
                                            .collect_view()}
                                    </tr>
                                </thead>
                                <tbody>{rows}</tbody>
                            </table>
                        </TableScroller>
                    }
                        .into_any()
                }}
            </Loaded>
        </section>
    }
}
